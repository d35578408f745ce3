//! How each action changes the page: addresses, keys, buttons, the reader, filters,
//! presentation, source texts and the quick exit.

use super::*;
use crate::exit::{Press, WINDOW_MS};

impl Page {
    pub(super) fn address_changed(&mut self, hash: &str, entry: Option<u32>, fx: &mut Vec<Effect>) {
        if self.exiting {
            // Arrived at the page's first entry: replace it with the neutral site.
            fx.extend(self.leave_in_place());
            return;
        }
        match entry {
            Some(n) => self.entry = n,
            None => {
                // A link the browser followed made a new entry: number it one deeper.
                self.entry += 1;
                fx.push(Effect::NumberEntry(self.entry));
            }
        }
        let route = Route::parse(hash);
        if route == self.route() {
            return;
        }
        let closed = self.apply_route(route, fx);
        // From what the page applied, not the raw address: ids that name nothing are dropped,
        // and a light history keeps the search out of the links as out of the address.
        self.place_links(&self.route().to_hash(), fx);
        let focus = if self.reader.is_some() {
            Some(self.panel_focus())
        } else {
            closed.and_then(|r| self.return_focus(r))
        };
        self.panels(focus, fx);
    }

    /// Makes the state show what `route` names (ids that name nothing are ignored); returns the
    /// reader it closed, if any.
    pub(super) fn apply_route(&mut self, mut route: Route, fx: &mut Vec<Effect>) -> Option<Reader> {
        if self.history_light && route.filter.query.is_empty() {
            // The address never carries the search while history is kept light (see
            // `route`): an address without one keeps what the visitor typed.
            route.filter.query = self.filter.query.clone();
        }
        if route.filter != self.filter && !self.synthetic {
            self.filter = route.filter.clone();
            self.filter_version += 1;
            let mask = visible_mask(&self.bundle, &self.filter);
            let o = self.view.update(ViewAction::SetVisible(mask));
            redraw(o, fx);
            fx.push(Effect::FilterInputs(self.filter.clone()));
        }
        let event = route
            .event
            .as_deref()
            .and_then(|id| self.bundle.event_index(id))
            .filter(|_| !self.synthetic);
        let source = route.source.as_deref().and_then(|s| self.source_index(s));
        let old = self.reader.take();
        match event {
            Some(i) => {
                if self.view.selected() != Some(i) {
                    self.revealed.clear();
                    self.slide_part = (usize::MAX, 0);
                    redraw(self.view.update(ViewAction::Select(Some(i))), fx);
                }
                if self.view.selected() == Some(i) && !self.view.details_open() {
                    self.view.update(ViewAction::OpenDetails);
                }
            }
            None if source.is_none() && self.view.selected().is_some() => {
                redraw(self.view.update(ViewAction::Select(None)), fx);
            }
            None => {}
        }
        match source {
            Some(s) => {
                // The same text again (a passage changed): keep the way back.
                let from = old
                    .as_ref()
                    .filter(|r| r.source == s)
                    .and_then(|r| r.return_to.clone());
                self.open_reader(s, route.passage, from, fx);
                None
            }
            None => old,
        }
    }

    /// Where focus goes when the reader closes onto the details: the link that opened it, else
    /// the panel.
    pub(super) fn return_focus(&self, closed: Reader) -> Option<Focus> {
        self.view
            .details_open()
            .then(|| closed.return_to.map_or(Focus::Details, Focus::Element))
    }

    /// Feeds an action to the timeline's view and follows up what it changed: a new selection
    /// opens its details (and leaves the reader), as the list and the address do.
    pub(super) fn timeline(&mut self, a: ViewAction, fx: &mut Vec<Effect>) {
        let o = self.view.update(a);
        redraw(o, fx);
        if o.selection_changed {
            self.revealed.clear();
            self.opened_from_list = None;
            // Another event: its first slide.
            self.slide_part = (usize::MAX, 0);
            // The reader closes for the new event's details: focus goes to their top (or to
            // the slide's title while presenting), not to the document (the reader, and the
            // element that had focus in it, are gone).
            let presenting = self.presenting;
            let focus = self.reader.take().and(self.view.selected()).map(|_| {
                if presenting {
                    Focus::PresTitle
                } else {
                    Focus::DetailsTop
                }
            });
            if self.view.selected().is_some() && !self.view.details_open() {
                self.view.update(ViewAction::OpenDetails);
            }
            self.panels(focus, fx);
        } else if o.details_changed {
            self.panels(None, fx);
        }
    }

    pub(super) fn key(&mut self, k: Key, fx: &mut Vec<Effect>) {
        match self.shift.key_down(&k.key, k.repeat, k.now) {
            Press::Exit => {
                self.exit(fx);
                return;
            }
            Press::Counted { remaining } => {
                let text = if remaining == 1 {
                    self.t.exit_press_one.to_string()
                } else {
                    self.t
                        .exit_press_more
                        .replace("{n}", &self.t.times(remaining))
                };
                fx.push(Effect::ExitStatus(text));
                fx.push(Effect::StartTimer {
                    timer: Timer::ExitWindow,
                    ms: WINDOW_MS,
                });
                return;
            }
            Press::Ignored { reset: true } => fx.push(Effect::ExitStatus(String::new())),
            Press::Ignored { reset: false } => {}
        }
        if k.key == "Shift" || k.command || k.on == KeyTarget::TextField || self.note_open {
            return;
        }
        if self.presenting {
            // Space and Enter on a focused button (Leave presentation) press it.
            if k.on == KeyTarget::Control && matches!(k.key.as_str(), " " | "Enter") {
                return;
            }
            // The keys clickers send: PageDown/PageUp, Space, arrows. Shift+Space goes back, as
            // in slide software.
            let a = match k.key.as_str() {
                " " if k.shift => ViewAction::Prev,
                "PageDown" | " " | "ArrowRight" | "ArrowDown" => ViewAction::Next,
                "PageUp" | "ArrowLeft" | "ArrowUp" => ViewAction::Prev,
                "Home" => ViewAction::First,
                "End" => ViewAction::Last,
                "Escape" | "p" | "P" => {
                    fx.push(Effect::Consumed);
                    self.set_presenting(false, fx);
                    return;
                }
                _ => return,
            };
            fx.push(Effect::Consumed);
            self.step_slides(a, fx);
            return;
        }
        let a = match k.key.as_str() {
            "p" | "P" => {
                fx.push(Effect::Consumed);
                self.set_presenting(true, fx);
                return;
            }
            "ArrowRight" => ViewAction::Next,
            "ArrowLeft" => ViewAction::Prev,
            "PageDown" if k.on == KeyTarget::Canvas => ViewAction::Next,
            "PageUp" if k.on == KeyTarget::Canvas => ViewAction::Prev,
            "Home" => ViewAction::First,
            "End" => ViewAction::Last,
            "+" | "=" => ViewAction::ZoomIn,
            "-" | "_" => ViewAction::ZoomOut,
            "Enter" if k.on != KeyTarget::Control => {
                fx.push(Effect::Consumed);
                self.view.update(ViewAction::OpenDetails);
                if self.view.details_open() && self.reader.is_none() {
                    self.panels(Some(Focus::Details), fx);
                }
                return;
            }
            "Escape" => {
                fx.push(Effect::Consumed);
                if self.reader.is_some() {
                    self.back_to_event(fx);
                } else {
                    self.close_details(fx);
                }
                return;
            }
            _ => return,
        };
        fx.push(Effect::Consumed);
        self.timeline(a, fx);
    }

    pub(super) fn button(&mut self, b: Button, fx: &mut Vec<Effect>) {
        let view = match b {
            Button::ZoomIn => ViewAction::ZoomIn,
            Button::ZoomOut => ViewAction::ZoomOut,
            Button::Fit => ViewAction::Fit,
            Button::Prev => ViewAction::Prev,
            Button::Next => ViewAction::Next,
            Button::Present => return self.set_presenting(true, fx),
            Button::LeavePresentation => return self.set_presenting(false, fx),
            Button::Contrast => {
                self.high_contrast = !self.high_contrast;
                fx.push(Effect::Contrast(self.high_contrast));
                fx.push(Effect::Remember {
                    key: HIGH_CONTRAST,
                    on: self.high_contrast,
                });
                fx.push(Effect::Redraw);
                return;
            }
            Button::Download => return fx.push(Effect::DownloadImage),
            Button::CloseDetails => return self.close_details(fx),
            Button::ToPassage => {
                let loaded = self
                    .reader
                    .as_ref()
                    .filter(|r| r.passage.is_some())
                    .is_some_and(|r| !self.bundle.sources[r.source].text.is_empty());
                if loaded {
                    fx.push(Effect::Focus(Focus::Element(reader::CURRENT_ID.into())));
                }
                return;
            }
            Button::Continue => {
                if !self.note_open {
                    return;
                }
                self.note_open = false;
                fx.push(Effect::Remember {
                    key: NOTE_SEEN,
                    on: true,
                });
                fx.push(Effect::Note(false));
                // Go on to what the address opened, or else to the timeline.
                let opened = self.reader.is_some() || self.view.details_open();
                let focus = if opened {
                    self.panel_focus()
                } else {
                    Focus::Canvas
                };
                self.panels(Some(focus), fx);
                return;
            }
            Button::Exit => {
                fx.push(Effect::Consumed);
                return self.exit(fx);
            }
        };
        self.timeline(view, fx);
    }

    pub(super) fn close_details(&mut self, fx: &mut Vec<Effect>) {
        let o = self.view.update(ViewAction::CloseDetails);
        if o.details_changed {
            self.panels(None, fx);
        }
        let from_list = self
            .opened_from_list
            .take()
            .filter(|id| self.view.selected_id() == Some(id.as_str()));
        fx.push(Effect::Focus(
            from_list.map_or(Focus::Canvas, Focus::ListEntry),
        ));
    }

    /// Selects event `i` and opens its details (closing the reader).
    pub(super) fn open_event(&mut self, i: usize, focus: Option<Focus>, fx: &mut Vec<Effect>) {
        if self.view.selected() != Some(i) {
            self.revealed.clear();
        }
        redraw(self.view.update(ViewAction::Select(Some(i))), fx);
        if self.view.selected() == Some(i) {
            self.view.update(ViewAction::OpenDetails);
        }
        self.reader = None;
        self.panels(focus, fx);
    }

    /// Opens the reader on source `s` at `passage` (if it has one). "Back" leads to the selected
    /// event if it cites that passage, else to the first event that does.
    pub(super) fn open_reader(
        &mut self,
        s: usize,
        passage: Option<usize>,
        return_to: Option<String>,
        fx: &mut Vec<Effect>,
    ) {
        let src = &self.bundle.sources[s];
        let passage = passage.filter(|&n| n < src.passages.len());
        let selected = self.view.selected().filter(|_| !self.synthetic);
        let cites = |i: usize| {
            let id = &self.bundle.events[i].event.id;
            passage.is_none_or(|n| src.passages[n].events.contains(id))
        };
        let back = selected.filter(|&i| cites(i)).or_else(|| {
            passage
                .and_then(|n| src.passages[n].events.first())
                .and_then(|id| self.bundle.event_index(id))
        });
        let fetch = src.text.is_empty() && !self.texts_requested.contains(&src.source.file);
        if fetch {
            self.texts_requested.push(src.source.file.clone());
            fx.push(Effect::FetchText(src.source.file.clone()));
        }
        let failed = self
            .reader
            .as_ref()
            .filter(|r| r.source == s && !self.texts_requested.contains(&src.source.file))
            .and_then(|r| r.failed.clone());
        self.reader = Some(Reader {
            source: s,
            passage,
            back,
            return_to,
            failed,
        });
    }

    pub(super) fn back_to_event(&mut self, fx: &mut Vec<Effect>) {
        let Some(r) = self.reader.take() else { return };
        match r.back {
            Some(i) => {
                redraw(self.view.update(ViewAction::Select(Some(i))), fx);
                self.view.update(ViewAction::OpenDetails);
                let focus = self.return_focus(r);
                self.panels(focus, fx);
            }
            None => self.panels(Some(Focus::Canvas), fx),
        }
    }

    pub(super) fn set_filter(&mut self, f: Filter, fx: &mut Vec<Effect>) {
        if f == self.filter || self.synthetic {
            return;
        }
        self.filter = f;
        self.filter_version += 1;
        let mask = visible_mask(&self.bundle, &self.filter);
        let o = self.view.update(ViewAction::SetVisible(mask));
        redraw(o, fx);
        if o.selection_changed {
            self.reader = None;
        }
        self.panels(None, fx);
    }

    /// A clicker's step: through the selected event's slides (itself, then its disagreements),
    /// then to the next event's first slide; back, to the previous event's last, as slide
    /// software does. Home and End go to the first and the last event.
    fn step_slides(&mut self, a: ViewAction, fx: &mut Vec<Effect>) {
        if let Some(i) = self.selected_event() {
            // A part kept for another event (the selection moved some other way) is stale.
            if self.slide_part.0 != i {
                self.slide_part = (i, 0);
            }
            let part = self.slide_part(i);
            let parts = self.event_view(i).slide_count();
            let within = match a {
                ViewAction::Next if part + 1 < parts => Some(part + 1),
                ViewAction::Prev if part > 0 => Some(part - 1),
                _ => None,
            };
            if let Some(part) = within {
                self.slide_part = (i, part);
                self.panels(Some(Focus::PresTitle), fx);
                return;
            }
        }
        let before = self.view.selected();
        let back = a == ViewAction::Prev;
        let ends = matches!(a, ViewAction::First | ViewAction::Last);
        self.timeline(a, fx);
        if ends {
            // On the event's first slide, even when the event stays the same.
            if let Some(i) = self.selected_event() {
                if self.slide_part(i) > 0 {
                    self.slide_part = (i, 0);
                    self.panels(Some(Focus::PresTitle), fx);
                }
            }
        } else if let Some(i) = self.selected_event().filter(|&i| Some(i) != before) {
            let last = self.event_view(i).slide_count() - 1;
            self.slide_part = (i, if back { last } else { 0 });
            // The slide was written for the event's first; show the one it lands on.
            if self.slide_part.1 > 0 {
                self.panels(None, fx);
            }
        }
    }

    pub(super) fn set_presenting(&mut self, on: bool, fx: &mut Vec<Effect>) {
        if self.presenting == on {
            return;
        }
        self.presenting = on;
        fx.push(Effect::Presenting(on));
        if on && self.view.selected().is_none() {
            let o = self.view.update(ViewAction::First);
            redraw(o, fx);
            if self.view.selected().is_some() {
                self.view.update(ViewAction::OpenDetails);
            }
        }
        self.panels(Some(if on { Focus::PresTitle } else { Focus::Canvas }), fx);
    }

    pub(super) fn source_text(&mut self, file: &str, text: String, fx: &mut Vec<Effect>) {
        let Some(s) = self
            .bundle
            .sources
            .iter()
            .position(|s| s.source.file == file)
        else {
            fx.push(Effect::ReaderLoading(format!(
                "{} (no source is stored at {file})",
                self.t.data_error
            )));
            return;
        };
        match self.bundle.sources[s].accept_text(text) {
            Ok(()) => {
                if self.reader.as_ref().is_some_and(|r| r.source == s) {
                    let focus = self.panel_focus();
                    self.panels(Some(focus), fx);
                }
            }
            Err(msg) => {
                let msg = format!("{} ({msg})", self.t.data_error);
                self.text_failed(file, msg, fx);
            }
        }
    }

    /// The text at `file` could not be had: say why in the reader (now and when it is shown
    /// again), and let a later opening ask again.
    pub(super) fn text_failed(&mut self, file: &str, msg: String, fx: &mut Vec<Effect>) {
        self.texts_requested.retain(|f| f != file);
        let sources = &self.bundle.sources;
        if let Some(r) = self
            .reader
            .as_mut()
            .filter(|r| sources[r.source].source.file == file)
        {
            r.failed = Some(msg.clone());
        }
        fx.push(Effect::ReaderLoading(msg));
    }

    /// Leaves at once for the neutral address. Inside an embed, the whole host page goes. Else,
    /// when the visit added history entries, the page first steps back over them to its first
    /// entry and replaces that one, so Back from the neutral site does not return here.
    pub(super) fn exit(&mut self, fx: &mut Vec<Effect>) {
        if !self.framed && self.entry > 0 {
            self.exiting = true;
            fx.extend(self.leave_now(LeaveBy::Back(self.entry)));
        } else {
            fx.extend(self.leave_in_place());
        }
    }

    /// Leaves from where the page is, replacing it (the whole host page when embedded): the
    /// exit on the visit's first entry, and a copy brought back or reached by Back or Forward
    /// after the exit.
    pub(super) fn leave_in_place(&mut self) -> [Effect; 2] {
        let by = if self.framed {
            LeaveBy::ReplaceTop
        } else {
            LeaveBy::Replace
        };
        self.leave_now(by)
    }

    /// The effects that leave for the neutral address `by` this way: first, the tab's session
    /// remembers that the visitor left, so that a copy of the page reached later by Back or
    /// Forward (the entries the visit added stay in the forward list) leaves again at once.
    pub(super) fn leave_now(&mut self, by: LeaveBy) -> [Effect; 2] {
        // Stepping back first: the page leaves when it arrives at its first entry.
        if !matches!(by, LeaveBy::Back(_)) {
            self.left = true;
        }
        [
            Effect::Remember {
                key: LEFT,
                on: true,
            },
            Effect::Leave {
                href: self.exit_url.clone(),
                by,
            },
        ]
    }
}
