//! The static page: every event and source written into `index.html` as plain HTML, so the
//! page is complete without JavaScript or WebAssembly, and the wasm enhances it.
//!
//! The template `www/index.html` holds the markers `<!-- static:events -->`,
//! `<!-- static:sources -->` and `<!-- static:kinds -->`, `<!-- static:actors -->`; [`render_page`] fills them. Text from the data is
//! always escaped; links are written only when they are https.

use crate::data::Bundle;
use crate::i18n::Strings;
use crate::model::{EventKind, PartialDate};
use std::collections::BTreeSet;

/// Escapes text for HTML element content and double-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An https link, or the label as plain text when the address is anything else.
fn link(url: &str, label: &str) -> String {
    if is_safe_url(url) {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            esc(url),
            esc(label)
        )
    } else {
        esc(label)
    }
}

/// Only `https:` addresses are ever made into links.
pub fn is_safe_url(url: &str) -> bool {
    url.starts_with("https://") && !url.contains(char::is_whitespace)
}

fn time(d: &PartialDate, lang: &str) -> String {
    format!("<time datetime=\"{d}\">{}</time>", esc(&d.display(lang)))
}

/// Every organisation or person named as an actor, sorted, for the organisation filter.
pub fn actors(bundle: &Bundle) -> Vec<String> {
    bundle
        .events
        .iter()
        .flat_map(|e| e.event.actors.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The `<li>` of every event, in date order.
pub fn render_events(bundle: &Bundle, t: &Strings) -> String {
    let lang = t.lang;
    let mut out = String::new();
    for le in &bundle.events {
        let e = &le.event;
        let date = match e.end {
            Some(end) => format!("{} – {}", time(&e.start, lang), time(&end, lang)),
            None if e.kind == EventKind::Period => format!(
                "{}{}",
                time(&e.start, lang),
                if lang == "ko" { " 이후" } else { " onwards" }
            ),
            None => time(&e.start, lang),
        };
        out.push_str(&format!(
            "<li data-event=\"{id}\" data-kind=\"{kind}\" id=\"ev-{id}\">\n<article>\n<h3><a class=\"ev-title\" href=\"#event={id}\">{title}</a></h3>\n<p class=\"ev-date\">{date} · <span class=\"ev-kind\">{kindl}</span></p>\n<p class=\"ev-summary\">{summary}</p>\n",
            id = esc(&e.id),
            kind = e.kind.as_str(),
            title = esc(e.title_in(lang)),
            kindl = esc(t.kind(e.kind)),
            summary = esc(e.summary_in(lang)),
        ));
        if let Some(note) = e.date_note_in(lang) {
            out.push_str(&format!("<p class=\"ev-date-note\">{}</p>\n", esc(note)));
        }
        if !e.actors.is_empty() {
            out.push_str(&format!(
                "<p class=\"ev-actors\">{}: {}</p>\n",
                esc(t.actors),
                esc(&e.actors.join(", "))
            ));
        }
        out.push_str(&format!(
            "<div class=\"ev-quotes static-only\">\n<h4>{}</h4>\n",
            esc(t.evidence)
        ));
        for (q, &n) in e.evidence.iter().zip(&le.evidence) {
            let Some(src) = bundle.source(&q.source) else {
                continue;
            };
            let text = src.passage_text(n).unwrap_or(&q.quote);
            out.push_str(&format!(
                "<blockquote>{}</blockquote>\n<p class=\"cite\">— {}, {}</p>\n",
                esc(text),
                cite(src, lang),
                time(&src.source.published, lang)
            ));
        }
        out.push_str("</div>\n");
        if !e.links.is_empty() {
            out.push_str("<ul class=\"ev-links\">\n");
            for l in &e.links {
                out.push_str(&format!("<li>{}</li>\n", link(&l.url, &l.label)));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</article>\n</li>\n");
    }
    out
}

fn cite(src: &crate::data::LocatedSource, _lang: &str) -> String {
    let s = &src.source;
    format!("<a href=\"#src-{}\">{}</a>", esc(&s.id), esc(&s.publisher))
}

/// The `<li>` of every source, with its full attribution and address.
pub fn render_sources(bundle: &Bundle, t: &Strings) -> String {
    let mut out = String::new();
    for src in &bundle.sources {
        let s = &src.source;
        out.push_str(&format!(
            "<li id=\"src-{id}\" data-source=\"{id}\">\n<cite>{title}</cite><br>\n{publisher}",
            id = esc(&s.id),
            title = esc(&s.title),
            publisher = esc(&s.publisher),
        ));
        if let Some(a) = &s.author {
            out.push_str(&format!(", {}", esc(a)));
        }
        out.push_str(&format!(
            ". {}: {}.<br>\n",
            esc(t.published),
            time(&s.published, t.lang)
        ));
        match &s.url {
            Some(u) => out.push_str(&format!("{}: {}", esc(t.address), link(u, u))),
            None => out.push_str(&esc(t.no_address)),
        }
        if let Some(n) = &s.url_note {
            out.push_str(&format!(" <span class=\"url-note\">({})</span>", esc(n)));
        }
        out.push_str("\n</li>\n");
    }
    out
}

/// `<option>`s for the kind filter.
pub fn render_kind_options(t: &Strings) -> String {
    EventKind::ALL
        .iter()
        .map(|k| {
            format!(
                "<option value=\"{}\">{}</option>",
                k.as_str(),
                esc(t.kind(*k))
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `<option>`s for the organisation filter.
pub fn render_actor_options(bundle: &Bundle) -> String {
    actors(bundle)
        .iter()
        .map(|a| format!("<option value=\"{0}\">{0}</option>", esc(a)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fills the template's markers. Fails, naming the marker, if the template lacks one.
pub fn render_page(template: &str, bundle: &Bundle, t: &Strings) -> Result<String, String> {
    let mut page = template.to_string();
    for (marker, html) in [
        ("<!-- static:events -->", render_events(bundle, t)),
        ("<!-- static:sources -->", render_sources(bundle, t)),
        ("<!-- static:kinds -->", render_kind_options(t)),
        ("<!-- static:actors -->", render_actor_options(bundle)),
    ] {
        if !page.contains(marker) {
            return Err(format!(
                "www/index.html has no `{marker}` marker; put it back where the list belongs"
            ));
        }
        page = page.replace(marker, &html);
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn links_only_https() {
        assert_eq!(
            link("javascript:alert(1)", "x"),
            "x",
            "a javascript: address is shown as text"
        );
        assert_eq!(link("http://a.org", "<b>"), "&lt;b&gt;");
        assert!(link("https://a.org/?a=1&b=2", "r").contains("href=\"https://a.org/?a=1&amp;b=2\""));
    }
}
