//! What the page shows: the panels, the list, the slide and where focus goes, as effects.

use super::*;

impl Page {
    pub(super) fn choices(&self) -> Effect {
        Effect::Choices {
            hide_testimony: self.hide_testimony,
            history_light: self.history_light,
        }
    }

    pub(super) fn source_index(&self, id: &str) -> Option<usize> {
        self.bundle.sources.iter().position(|s| s.source.id == id)
    }

    /// The event view of event `i`.
    pub fn event_view(&self, i: usize) -> EventView {
        EventView::new(&self.bundle, &self.bundle.events[i], self.t.lang)
    }

    /// The static list's entries in the page's language.
    /// The static lists' entries in the page's language: every event, then every source (its
    /// dates in Korean form on the Korean page).
    pub fn list_items(&self) -> Vec<El> {
        (0..self.bundle.events.len())
            .map(|i| self.event_view(i).list_item(self.t))
            .chain(
                self.bundle
                    .sources
                    .iter()
                    .map(|s| crate::view::source_item(s, self.t)),
            )
            .collect()
    }

    /// Where focus goes when the open panel is shown on purpose: the reader's current passage
    /// (or the reader), else the details.
    pub(super) fn panel_focus(&self) -> Focus {
        match &self.reader {
            Some(r) => {
                let loaded = !self.bundle.sources[r.source].text.is_empty();
                if self.reader_warns(r.source) {
                    // The warning first, before the page moves to the passage: the visitor
                    // reads it, then scrolls on to the marked passage if they choose.
                    Focus::Element(reader::WARNING_ID.into())
                } else if r.passage.is_some() && loaded {
                    Focus::Element(reader::CURRENT_ID.into())
                } else {
                    Focus::Reader
                }
            }
            None => Focus::Details,
        }
    }

    /// The visitor hides testimony and source `s`'s whole text carries some: the reader says
    /// so before it shows the text. The source says so itself, or an event quotes testimony
    /// from it.
    fn reader_warns(&self, s: usize) -> bool {
        let src = &self.bundle.sources[s].source;
        self.hide_testimony
            && (src.testimony
                || self.bundle.events.iter().any(|le| {
                    le.event
                        .evidence
                        .iter()
                        .any(|q| q.testimony && q.source == src.id)
                }))
    }

    /// Shows the panels as the state says, keeps the list in step, then focuses `focus`.
    pub(super) fn panels(&self, focus: Option<Focus>, fx: &mut Vec<Effect>) {
        let visible = if self.synthetic {
            vec![true; self.bundle.events.len()]
        } else {
            self.view.visible().to_vec()
        };
        let shown = visible.iter().filter(|&&v| v).count();
        let count = if self.filter.is_active() && shown > 0 {
            self.t
                .match_count
                .replace("{n}", &shown.to_string())
                .replace("{m}", &self.bundle.events.len().to_string())
        } else {
            String::new()
        };
        let selected = self.selected_event();
        fx.push(Effect::List {
            selected: selected.map(|i| self.bundle.events[i].event.id.clone()),
            visible,
            count,
        });
        let testimony = Testimony {
            hide: self.hide_testimony,
            revealed: &self.revealed,
        };
        if self.presenting {
            let shown: Vec<usize> = (0..self.view.items().len())
                .filter(|&i| self.view.visible().get(i).copied().unwrap_or(true))
                .collect();
            let pos = self
                .view
                .selected()
                .and_then(|s| shown.iter().position(|&i| i == s));
            let mut progress = format!("{} / {}", pos.map_or(0, |p| p + 1), shown.len());
            let content = selected
                .map(|i| {
                    let view = self.event_view(i);
                    let (part, parts) = (self.slide_part(i), view.slide_count());
                    if parts > 1 {
                        progress.push_str(&format!(" ({}/{parts})", part + 1));
                    }
                    view.slide(self.t, testimony, part)
                })
                .unwrap_or_default();
            if let Some(i) = selected {
                // A screen reader hears the event's title, and on its later slides what they
                // hold.
                let title = self.bundle.events[i].event.title_in(self.t.lang);
                let status = match self.slide_part(i) {
                    0 => title.to_string(),
                    _ => format!("{title}: {}", self.t.disagreements),
                };
                fx.push(Effect::Status(status));
            }
            fx.push(Effect::Slide { progress, content });
        } else if let Some(r) = &self.reader {
            let src = &self.bundle.sources[r.source];
            let warn = self.reader_warns(r.source);
            let back = r.back.map(|i| self.bundle.events[i].event.id.as_str());
            let opt = ReaderOptions {
                current: r.passage,
                back_event: back,
                show_furniture: self.show_furniture,
                testimony_warning: warn,
                failed: r.failed.as_deref(),
            };
            fx.push(Effect::Details(None));
            fx.push(Effect::Reader(Some(reader::view(src, opt, self.t))));
        } else {
            fx.push(Effect::Reader(None));
            match selected.filter(|_| self.view.details_open()) {
                Some(i) => {
                    let v = self.event_view(i);
                    fx.push(Effect::Details(Some(v.details(self.t, testimony))));
                    fx.push(Effect::Status(format!(
                        "{}: {}, {}",
                        self.t.selected,
                        v.title,
                        v.date_label()
                    )));
                }
                None => fx.push(Effect::Details(None)),
            }
        }
        if let Some(f) = focus {
            fx.push(Effect::Focus(f));
        }
    }

    /// The plain-text citation a "Copy citation" button copies: the same text the build writes
    /// to `cite/` (English, as citation styles write it).
    pub(super) fn citation(&self, what: &Cite) -> Option<String> {
        match what {
            Cite::Quote(k) => {
                let le = &self.bundle.events[self.selected_event()?];
                let q = le.event.evidence.get(*k)?;
                let n = *le.evidence.get(*k)?;
                self.bundle.source(&q.source)?.passage_citation(n)
            }
            Cite::Event => {
                let le = &self.bundle.events[self.selected_event()?];
                Some(self.bundle.event_citation(le))
            }
            Cite::Source(id) => Some(self.bundle.source(id)?.citation.clone()),
        }
    }

    /// The selected event's index, when the items are the events.
    pub(super) fn selected_event(&self) -> Option<usize> {
        self.view.selected().filter(|_| !self.synthetic)
    }
}
