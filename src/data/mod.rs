//! The compact bundle the page reads (a JSON data block in `index.html`): events, sources with their full texts, and
//! every cited passage located as a byte range.
//!
//! Each source lists its passages in text order; `#source=<id>&passage=<n>` names the n-th. An
//! event refers to its passages by number, in parallel with its evidence, figures and accounts.
//! The page shows a passage as `text[start..end]` of the untouched source, never the quote as
//! typed in the data, so what it shows is the source's own wording.
//!
//! These are the types and what the page does with them; compiling a bundle from the checked
//! data is the build's ([`crate::build`]).

use crate::model::{Event, Source, Translation};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Current bundle format; the page refuses any other.
pub const BUNDLE_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    pub version: u32,
    /// In date order.
    pub events: Vec<LocatedEvent>,
    pub sources: Vec<LocatedSource>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocatedEvent {
    pub event: Event,
    /// `evidence[i]`: passage number of `event.evidence[i]` in its source.
    pub evidence: Vec<usize>,
    /// `figures[i]`: passage number of `event.figures[i]` in its source.
    pub figures: Vec<usize>,
    /// `accounts[d][a]`: passage number of account `a` of discrepancy `d`, if it quotes a source.
    pub accounts: Vec<Vec<Option<usize>>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocatedSource {
    pub source: Source,
    /// The whole text, unchanged. Empty in the page's first-load bundle: the reader fetches the
    /// text file when it is opened, so the first load carries only the cited passages.
    pub text: String,
    /// `excerpts[n]` is the text of passage `n`, so details can quote without the whole text.
    pub excerpts: Vec<String>,
    /// Cited passages, in text order, each cited by one or more events.
    pub passages: Vec<Passage>,
    /// Byte ranges of site furniture, as `[start, end]`.
    pub furniture: Vec<[usize; 2]>,
    /// The source's plain-text citation (English, as citation styles write it), for a "Copy
    /// citation" button; [`LocatedSource::passage_citation`] adds a quoted passage.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub citation: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    pub start: usize,
    pub end: usize,
    /// Ids of the events that cite it.
    pub events: Vec<String>,
    /// The source's address with a text fragment (`#:~:text=…`) that leads a browser to these
    /// words on the publisher's page (or the reprint's: see `source.reprint`); `None` when the
    /// source has no https address or no unambiguous fragment was found. Computed by the build.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_url: Option<String>,
}

impl Bundle {
    pub fn source(&self, id: &str) -> Option<&LocatedSource> {
        self.sources.iter().find(|s| s.source.id == id)
    }

    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.events.iter().position(|e| e.event.id == id)
    }

    /// Puts back what [`Bundle::split_translations`] took out. Entries for unknown events are
    /// ignored: the translation file may be older than the data.
    /// The plain-text citation of an event: its title and date, then every passage it quotes.
    pub fn event_citation(&self, le: &LocatedEvent) -> String {
        let mut out = Self::event_citation_head(le);
        out.push_str(" Passages quoted:");
        for (src, n) in self.event_passages(le) {
            if let Some(c) = src.passage_citation(n) {
                out.push_str("\n- ");
                out.push_str(&c);
            }
        }
        out
    }

    /// The first sentence of an event's citation: its title, date and the timeline's name.
    pub fn event_citation_head(le: &LocatedEvent) -> String {
        let e = &le.event;
        format!(
            "\u{201C}{}\u{201D} ({}). An entry of the timeline \u{201C}{}\u{201D}.",
            e.title,
            e.date_label(crate::lang::Lang::En),
            crate::i18n::EN.site_title
        )
    }

    /// The passages an event quotes (evidence, then figures, then disagreements), each once, as
    /// (source, passage number).
    pub fn event_passages(&self, le: &LocatedEvent) -> Vec<(&LocatedSource, usize)> {
        let e = &le.event;
        let mut out: Vec<(&LocatedSource, usize)> = Vec::new();
        let quoted = e
            .evidence
            .iter()
            .map(|q| &q.source)
            .zip(le.evidence.iter().copied())
            .chain(
                e.figures
                    .iter()
                    .map(|f| &f.source)
                    .zip(le.figures.iter().copied()),
            )
            .chain(
                e.discrepancies
                    .iter()
                    .zip(&le.accounts)
                    .flat_map(|(d, ns)| d.accounts.iter().zip(ns))
                    .filter_map(|(a, n)| Some((a.source.as_ref()?, (*n)?))),
            );
        for (id, n) in quoted {
            if let Some(src) = self.source(id) {
                if !out
                    .iter()
                    .any(|(s, m)| s.source.id == src.source.id && *m == n)
                {
                    out.push((src, n));
                }
            }
        }
        out
    }

    pub fn merge_translations(&mut self, tr: Translations) {
        let Translations {
            lang,
            events,
            sources,
            ..
        } = tr;
        for (id, t) in events {
            if let Some(le) = self.events.iter_mut().find(|le| le.event.id == id) {
                le.event.translations.insert(lang.clone(), t);
            }
        }
        for (id, t) in sources {
            if let Some(ls) = self.sources.iter_mut().find(|ls| ls.source.id == id) {
                ls.source.translations.insert(lang.clone(), t);
            }
        }
    }
}

/// One language's translations of the events' text: `data.<lang>.json` beside `index.html`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Translations {
    pub version: u32,
    pub lang: String,
    /// Event id → its translation.
    pub events: BTreeMap<String, Translation>,
    /// The organisation filter's choices in this language: (the English name the filter
    /// matches, the name shown), in the order shown. Made by the build
    /// ([`Bundle::split_translations`]), so the page only shows them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<(String, String)>,
    /// Source id → the editors' note about it in this language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, crate::model::SourceTranslation>,
}

impl LocatedSource {
    /// The text of passage `n`.
    pub fn passage_text(&self, n: usize) -> Option<&str> {
        self.excerpts.get(n).map(String::as_str)
    }

    /// The plain-text citation of passage `n`: the source's [`citation`](Self::citation), the
    /// passage verbatim (white space collapsed) and, when there is one, the address that leads
    /// to the same words at the publisher (or in the reprint).
    pub fn passage_citation(&self, n: usize) -> Option<String> {
        let words = self.excerpts.get(n)?.split_whitespace().collect::<Vec<_>>();
        let mut s = format!(
            "{} \u{2014} Passage quoted: \u{201C}{}\u{201D}",
            self.citation,
            words.join(" ")
        );
        if let Some(url) = self.passages.get(n).and_then(|p| p.check_url.as_deref()) {
            let at = if self.source.reprint {
                "The words in the reprint"
            } else {
                "The words at the publisher"
            };
            s.push_str(&format!(" \u{2014} {at}: {url}"));
        }
        Some(s)
    }

    /// Takes the full text fetched for the reader, after checking that every cited passage
    /// stands in it where the bundle says. A text that does not match (a stale or altered file)
    /// is refused, so the reader never highlights the wrong words.
    pub fn accept_text(&mut self, text: String) -> Result<(), String> {
        for (n, (p, excerpt)) in self.passages.iter().zip(&self.excerpts).enumerate() {
            if text.get(p.start..p.end) != Some(excerpt.as_str()) {
                return Err(format!(
                    "{} does not contain passage {n} where the timeline data places it; rebuild the site with `make dist`",
                    self.source.file
                ));
            }
        }
        self.text = text;
        Ok(())
    }
}

#[cfg(test)]
impl LocatedSource {
    /// A small source for unit tests: `text` with passages and furniture at byte ranges.
    pub(crate) fn fixture(
        text: &str,
        passages: &[(usize, usize)],
        furniture: &[[usize; 2]],
    ) -> Self {
        use crate::model::{PartialDate, SourceKind};
        LocatedSource {
            source: Source {
                id: "s".into(),
                title: "t".into(),
                publisher: "p".into(),
                author: None,
                published: PartialDate::year(2019),
                url: None,
                url_note: None,
                translations: Default::default(),
                reprint: false,
                file: "sources/s.txt".into(),
                sha256: String::new(),
                kind: SourceKind::News,
                furniture: vec![],
                testimony: false,
            },
            excerpts: passages
                .iter()
                .map(|&(a, b)| text.get(a..b).unwrap_or("").to_string())
                .collect(),
            passages: passages
                .iter()
                .map(|&(start, end)| Passage {
                    start,
                    end,
                    events: vec!["e".into()],
                    check_url: None,
                })
                .collect(),
            furniture: furniture.to_vec(),
            text: text.into(),
            citation: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located() -> LocatedSource {
        LocatedSource::fixture("One two three four.", &[(4, 13)], &[])
    }

    #[test]
    fn passage_citation_quotes_the_words_and_links_them() {
        let mut s = LocatedSource::fixture("One two\n  three four.", &[(4, 15)], &[]);
        s.citation = "Cite.".into();
        assert_eq!(
            s.passage_citation(0).unwrap(),
            "Cite. \u{2014} Passage quoted: \u{201C}two three\u{201D}"
        );
        s.passages[0].check_url = Some("https://example.org/#:~:text=two".into());
        assert!(s
            .passage_citation(0)
            .unwrap()
            .ends_with("\u{2014} The words at the publisher: https://example.org/#:~:text=two"));
        s.source.reprint = true;
        assert!(s
            .passage_citation(0)
            .unwrap()
            .contains("The words in the reprint: "));
        assert_eq!(s.passage_citation(1), None);
    }

    #[test]
    fn accepts_the_matching_text_and_refuses_another() {
        let mut s = located();
        s.text.clear();
        assert_eq!(s.passage_text(0), Some("two three"));
        assert!(s
            .accept_text("One two thee four.".into())
            .unwrap_err()
            .contains("passage 0"));
        assert!(s.text.is_empty());
        s.accept_text("One two three four.".into()).unwrap();
        assert_eq!(&s.text[4..13], "two three");
    }
}
