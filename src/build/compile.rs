//! Compiling the checked dataset into the bundle the page reads: every cited passage, located
//! once by [`super::load`], numbered per source; each passage's link to the same words at the
//! publisher; each source's citation.

use super::Dataset;
use crate::data::{Bundle, LocatedEvent, LocatedSource, Passage, Translations, BUNDLE_VERSION};
use std::collections::BTreeMap;

impl Bundle {
    /// Compiles a checked dataset. Quotes were all located by `load`, so this cannot fail.
    pub fn from_dataset(ds: &Dataset) -> Bundle {
        let mut sources: Vec<LocatedSource> = ds
            .sources
            .iter()
            .zip(&ds.texts)
            .map(|(s, t)| LocatedSource {
                furniture: s
                    .furniture
                    .iter()
                    .filter_map(|f| super::locate(t, &f.quote))
                    .map(|r| [r.start, r.end])
                    .collect(),
                citation: crate::build::cite::source_citation(s),
                source: s.clone(),
                text: t.clone(),
                excerpts: Vec::new(),
                passages: Vec::new(),
            })
            .collect();

        // First pass: gather every cited range per source.
        let mut cite = |source: &str, quote: &str, event: &str| {
            let Some(i) = ds.source_index(source) else {
                return;
            };
            let Some(r) = ds.locate(source, quote) else {
                return;
            };
            let ps = &mut sources[i].passages;
            match ps.iter_mut().find(|p| p.start == r.start && p.end == r.end) {
                Some(p) if !p.events.iter().any(|e| e == event) => p.events.push(event.into()),
                Some(_) => {}
                None => ps.push(Passage {
                    start: r.start,
                    end: r.end,
                    events: vec![event.into()],
                    check_url: None,
                }),
            }
        };
        for e in &ds.events {
            for ev in &e.evidence {
                cite(&ev.source, &ev.quote, &e.id);
            }
            for f in &e.figures {
                cite(&f.source, &f.quote, &e.id);
            }
            for a in e.discrepancies.iter().flat_map(|d| &d.accounts) {
                if let (Some(s), Some(q)) = (&a.source, &a.quote) {
                    cite(s, q, &e.id);
                }
            }
        }
        for s in &mut sources {
            s.passages.sort_by_key(|p| (p.start, p.end));
            if let Some(url) = s.source.url.as_deref() {
                for p in &mut s.passages {
                    p.check_url = crate::build::fragment::check_url(url, &s.text, p.start..p.end);
                }
            }
            s.excerpts = s
                .passages
                .iter()
                .map(|p| s.text[p.start..p.end].to_string())
                .collect();
        }

        // Second pass: number each event's quotes.
        let number = |source: &str, quote: &str| -> usize {
            let i = ds.source_index(source).unwrap_or(0);
            let r = ds.locate(source, quote).unwrap_or(0..0);
            sources[i]
                .passages
                .iter()
                .position(|p| p.start == r.start && p.end == r.end)
                .unwrap_or(0)
        };
        let events = ds
            .events
            .iter()
            .map(|e| LocatedEvent {
                evidence: e
                    .evidence
                    .iter()
                    .map(|q| number(&q.source, &q.quote))
                    .collect(),
                figures: e
                    .figures
                    .iter()
                    .map(|f| number(&f.source, &f.quote))
                    .collect(),
                accounts: e
                    .discrepancies
                    .iter()
                    .map(|d| {
                        d.accounts
                            .iter()
                            .map(|a| match (&a.source, &a.quote) {
                                (Some(s), Some(q)) => Some(number(s, q)),
                                _ => None,
                            })
                            .collect()
                    })
                    .collect(),
                event: e.clone(),
            })
            .collect();
        Bundle {
            version: BUNDLE_VERSION,
            events,
            sources,
        }
    }

    /// The bundle the page loads first: everything but the sources' full texts.
    pub fn without_texts(&self) -> Bundle {
        let mut b = self.clone();
        for s in &mut b.sources {
            s.text.clear();
        }
        b
    }

    /// The organisation filter's choices in `lang`: each actor once, by its English name (what the
    /// filter matches), with its name in `lang` (English where an event gives none), sorted by that.
    pub fn actor_options(&self, lang: crate::lang::Lang) -> Vec<(String, String)> {
        let mut names = std::collections::BTreeMap::new();
        for le in &self.events {
            for (i, en) in le.event.actors.iter().enumerate() {
                let shown = le.event.actor_in(i, lang);
                // An event that gives a translation wins over one that falls back to English.
                let entry = names.entry(en.clone()).or_insert_with(|| shown.to_string());
                if entry == en {
                    *entry = shown.to_string();
                }
            }
        }
        let mut options: Vec<(String, String)> = names.into_iter().collect();
        // Unstable is exact here: no two choices are equal (the English names differ).
        options.sort_unstable_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        options
    }

    /// Moves the events' translations out, one [`Translations`] per language, so the page loads a
    /// language's text only when it shows that language; each carries the organisation filter's
    /// choices in that language.
    pub fn split_translations(&mut self) -> Vec<Translations> {
        let choices: Vec<(String, Vec<(String, String)>)> = crate::lang::Lang::ALL
            .iter()
            .filter(|l| !l.is_source())
            .map(|l| (l.code().to_string(), self.actor_options(*l)))
            .collect();
        let mut out: Vec<Translations> = Vec::new();
        // The file for `lang`, made on first use.
        let slot = |out: &mut Vec<Translations>, lang: &str| -> usize {
            if let Some(i) = out.iter().position(|x| x.lang == lang) {
                return i;
            }
            let actors = choices
                .iter()
                .find(|(code, _)| code == lang)
                .map(|(_, a)| a.clone())
                .unwrap_or_default();
            out.push(Translations {
                version: BUNDLE_VERSION,
                lang: lang.to_string(),
                events: BTreeMap::new(),
                actors,
                sources: BTreeMap::new(),
            });
            out.len() - 1
        };
        for le in &mut self.events {
            for (lang, t) in std::mem::take(&mut le.event.translations) {
                let i = slot(&mut out, &lang);
                out[i].events.insert(le.event.id.clone(), t);
            }
        }
        for ls in &mut self.sources {
            for (lang, t) in std::mem::take(&mut ls.source.translations) {
                let i = slot(&mut out, &lang);
                out[i].sources.insert(ls.source.id.clone(), t);
            }
        }
        out
    }
}
