//! The address fragment: what is open, so deep links, reload and back/forward work.
//!
//! `#event=<id>` opens an event; `#source=<id>&passage=<n>` opens the source reader at a
//! passage; `q=<text>` and `kind=<kind>` carry the search and filter. Parsing is pure so it is
//! tested natively. The address is an output of the page's state ([`crate::page`]), and an address
//! that arrives from the browser is parsed here once.

use crate::filter::Filter;

/// What the address says is open.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Route {
    pub event: Option<String>,
    pub source: Option<String>,
    pub passage: Option<usize>,
    /// The list's search and filters.
    pub filter: Filter,
}

impl Route {
    /// Parses a fragment with or without its leading `#`. Unknown keys are ignored.
    pub fn parse(hash: &str) -> Route {
        let mut r = Route::default();
        for pair in hash.trim_start_matches('#').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode(v);
            match k {
                "event" if !v.is_empty() => r.event = Some(v),
                "source" if !v.is_empty() => r.source = Some(v),
                "passage" => r.passage = v.parse().ok(),
                "q" => r.filter.query = v,
                "kind" => {
                    r.filter.kinds = v
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect()
                }
                "actor" => r.filter.actor = v,
                _ => {}
            }
        }
        r
    }

    /// The fragment for this route, with its leading `#` (just `#` when nothing is open).
    pub fn to_hash(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = &self.source {
            parts.push(format!("source={}", encode(s)));
            if let Some(n) = self.passage {
                parts.push(format!("passage={n}"));
            }
        } else if let Some(e) = &self.event {
            parts.push(format!("event={}", encode(e)));
        }
        let f = &self.filter;
        if !f.query.is_empty() {
            parts.push(format!("q={}", encode(&f.query)));
        }
        if !f.kinds.is_empty() {
            parts.push(format!("kind={}", f.kinds.join(",")));
        }
        if !f.actor.is_empty() {
            parts.push(format!("actor={}", encode(&f.actor)));
        }
        format!("#{}", parts.join("&"))
    }
}

/// Percent-encodes everything but unreserved characters, as UTF-8.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes percent-escapes and `+`; invalid escapes are kept as written.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_event_and_source_links() {
        assert_eq!(
            Route::parse("#event=hrw-report-2018").event.as_deref(),
            Some("hrw-report-2018")
        );
        let r = Route::parse("#source=bbc-2018-11-01&passage=3");
        assert_eq!(r.source.as_deref(), Some("bbc-2018-11-01"));
        assert_eq!(r.passage, Some(3));
        assert_eq!(Route::parse(""), Route::default());
        assert_eq!(Route::parse("#passage=x").passage, None);
    }

    #[test]
    fn round_trips_with_search_and_filters() {
        let r = Route {
            event: Some("kfi-report-2019".into()),
            filter: Filter {
                query: "forced marriage & 성".into(),
                kinds: vec!["report".into(), "statistic".into()],
                actor: "Human Rights Watch".into(),
            },
            ..Route::default()
        };
        let h = r.to_hash();
        assert!(h.starts_with("#event=kfi-report-2019&q=forced%20marriage%20%26%20"));
        assert_eq!(Route::parse(&h), r);
    }

    #[test]
    fn decode_keeps_bad_escapes() {
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("a+b%20c"), "a b c");
    }
}
