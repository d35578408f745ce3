//! What the page is showing, as one pure state machine.
//!
//! [`Page`] holds everything the page decides: the timeline's view ([`AppState`]), the open panel
//! (none, an event's details, or the source reader with its passage and the way back), the
//! presentation and its position, the content note and the testimony choice, the filters and the
//! search, the history choice, the quick-exit count and the pointer gestures. The web layer turns
//! each DOM event into an [`Action`]; [`Page::update`] changes the state and returns the
//! [`Effect`]s the web layer must carry out, in order: write the address, redraw, fill a panel
//! and focus an element, fetch a text, announce, leave for the exit address.
//!
//! The address is an output: [`Page::route`] computes it from the state, and an action that
//! changes it yields one [`Effect::Address`]. An address that arrives from the browser (back,
//! forward, a followed link) is one [`Action::AddressChanged`], handled once: a second event for
//! the same address (browsers fire both `popstate` and `hashchange`) finds the route unchanged
//! and does nothing. Nothing is read back from the DOM to decide anything.

pub mod gesture;
#[cfg(test)]
mod tests;

use crate::data::{Bundle, Translations};
use crate::exit::{Press, ShiftCounter, WINDOW_MS};
use crate::filter::{visible_mask, Filter};
use crate::html::El;
use crate::i18n::{strings, Strings};
use crate::lang::Lang;
use crate::layout::Item;
use crate::reader::{self, ReaderOptions};
use crate::render::Theme;
use crate::route::Route;
use crate::state::{Action as ViewAction, AppState, Outcome};
use crate::view::{EventView, Testimony};
use gesture::{DeltaMode, Gestures};

/// Keys of the browsing-session memory (sessionStorage: nothing outlives the session).
pub const NOTE_SEEN: &str = "nk-timeline-note-seen";
pub const HIDE_TESTIMONY: &str = "nk-timeline-hide-testimony";
pub const HIGH_CONTRAST: &str = "nk-timeline-high-contrast";
pub const HISTORY_LIGHT: &str = "nk-timeline-history-light";

/// Width in CSS px of the handout's timeline image: about the printed width, so its labels print
/// at about the size they have on screen.
pub const PRINT_WIDTH: f64 = 760.0;

/// What the page knows when it starts: what the browser, the address and the session say.
#[derive(Clone, Debug)]
pub struct Boot {
    pub lang: Lang,
    /// `location.hash`.
    pub hash: String,
    /// The number this history entry carries (`history.state`), if any.
    pub entry: Option<u32>,
    /// The canvas's CSS size and the device pixel ratio.
    pub width: f64,
    pub height: f64,
    pub dpr: f64,
    /// The visitor already continued past the content note in this session.
    pub note_seen: bool,
    pub hide_testimony: bool,
    pub high_contrast: bool,
    pub dark: bool,
    /// Keep the visit to one history entry: the visitor's choice, else the site's default.
    pub history_light: bool,
    /// The page is inside another page (an embed).
    pub framed: bool,
    /// The neutral address the quick exit leaves for (https).
    pub exit_url: String,
    /// Draw this many generated items instead of the events (benchmarks only): details, the
    /// address and the filters then have no events to work on and stay off.
    pub synthetic: usize,
}

/// Where a key press happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyTarget {
    /// A text field or a select: its keys are its own.
    TextField,
    /// A link, a button or a summary: Enter activates it.
    Control,
    Other,
}

/// A key press.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// `KeyboardEvent.key`.
    pub key: String,
    pub shift: bool,
    /// Ctrl, Meta or Alt held: a browser or system shortcut, not the page's.
    pub command: bool,
    pub repeat: bool,
    /// Milliseconds, for the quick exit's count.
    pub now: f64,
    pub on: KeyTarget,
}

/// The page's buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Button {
    ZoomIn,
    ZoomOut,
    Fit,
    Prev,
    Next,
    Present,
    LeavePresentation,
    Contrast,
    Download,
    CloseDetails,
    /// The content note's "Continue".
    Continue,
    Exit,
}

/// Timers the page asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timer {
    /// The quick exit's window after a Shift press.
    ExitWindow,
}

/// Something the visitor or the browser did.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The address changed in the browser (back, forward, a followed or typed link). `entry` is
    /// the number the history entry carries, if it has one.
    AddressChanged {
        hash: String,
        entry: Option<u32>,
    },
    Resize {
        width: f64,
        height: f64,
        dpr: f64,
    },
    PointerDown {
        id: i32,
        x: f64,
        y: f64,
    },
    PointerMove {
        id: i32,
        x: f64,
        y: f64,
    },
    PointerUp {
        id: i32,
        x: f64,
        y: f64,
        cancelled: bool,
    },
    PointerLeave {
        id: i32,
    },
    Wheel {
        x: f64,
        dx: f64,
        dy: f64,
        mode: DeltaMode,
        ctrl: bool,
    },
    Key(Key),
    Button(Button),
    /// A title in the list was chosen.
    OpenEvent {
        id: String,
    },
    /// A link to the reader was followed; `from` is the link's id, for focus on the way back.
    OpenPassage {
        source: String,
        passage: usize,
        from: Option<String>,
    },
    /// The reader's "Back to the event".
    BackToEvent,
    /// "Show testimony" on quote `k` of the open event.
    ShowTestimony(usize),
    /// "Copy citation" on quote `k` of the open event.
    CopyCitation(usize),
    SetHideTestimony(bool),
    SetShowFurniture(bool),
    SetHistoryLight(bool),
    SetQuery(String),
    SetKind(String),
    SetActor(String),
    /// The browser left full screen (Esc in full screen never reaches the page).
    FullscreenLeft,
    ColorScheme {
        dark: bool,
    },
    /// A source's full text arrived for the reader.
    SourceText {
        file: String,
        text: String,
    },
    SourceTextFailed {
        file: String,
        message: String,
    },
    Timer {
        timer: Timer,
        now: f64,
    },
    /// `pageshow`; `persisted` when the page came back from the back-forward cache.
    PageShown {
        persisted: bool,
    },
    BeforePrint,
}

/// An element to focus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Focus {
    Canvas,
    /// The details panel, its top scrolled into view (it may be far from the list on a phone).
    DetailsTop,
    Details,
    Reader,
    /// An element by id, scrolled to the middle of the view.
    Element(String),
    PresTitle,
    NoteContinue,
}

/// How the quick exit leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeaveBy {
    /// `location.replace`: Back does not return.
    Replace,
    /// Replace the page this one is embedded in.
    ReplaceTop,
    /// Step back this many history entries to the page's first one, then replace it, so Back
    /// from the neutral site skips the timeline entirely.
    Back(u32),
}

/// What the web layer must do, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// The DOM event is handled here: prevent the browser's default (scrolling, following the link).
    Consumed,
    /// Draw a frame (at most one in flight).
    Redraw,
    /// Write the address: a new history entry when `push`, else in place. `entry` is the number
    /// the entry carries; `hash` "#" clears the fragment.
    Address {
        hash: String,
        push: bool,
        entry: u32,
    },
    /// Number the current history entry (one the browser made for a followed link).
    NumberEntry(u32),
    /// Write the interface strings (`[data-i18n]`, `<html lang>`).
    Interface(Lang),
    /// Replace the static list's entries (`li#ev-<id>`) with these, in the page's language.
    ListItems(Vec<El>),
    /// Fill and show the details panel, or hide it.
    Details(Option<Vec<El>>),
    /// Fill and show the source reader, or hide it.
    Reader(Option<Vec<El>>),
    /// Replace the reader's loading message (the text could not be had).
    ReaderLoading(String),
    /// Show or hide the site furniture in the open reader.
    Furniture(bool),
    /// Mark the selected event in the list, hide those filtered out, say how many are shown.
    List {
        selected: Option<String>,
        visible: Vec<bool>,
        count: String,
    },
    /// Write the filters into the list's form (after an address change).
    FilterInputs(Filter),
    /// Say this in the polite live region.
    Status(String),
    /// Put this text on the clipboard.
    CopyText(String),
    /// Say this beside the exit link (the quick exit's count).
    ExitStatus(String),
    Focus(Focus),
    /// Show the content note as a modal dialog with the page behind it inert, or close it.
    Note(bool),
    /// The visitor's choices, into their checkboxes and `html` classes.
    Choices {
        hide_testimony: bool,
        history_light: bool,
    },
    Contrast(bool),
    /// Enter or leave presentation (full screen when the browser allows it).
    Presenting(bool),
    /// The slide: "3 / 12" and the event.
    Slide {
        progress: String,
        content: Vec<El>,
    },
    /// Ask the loader for the text stored at this file (once).
    FetchText(String),
    /// Remember a choice for the browsing session.
    Remember {
        key: &'static str,
        on: bool,
    },
    /// The embed's link to the whole page, at the same place.
    FullSiteLink(String),
    Title(&'static str),
    /// Blank the page, then leave for `href`.
    Leave {
        href: String,
        by: LeaveBy,
    },
    StartTimer {
        timer: Timer,
        ms: f64,
    },
    DownloadImage,
    /// Draw [`Page::print_view`] into the handout's image.
    PrintImage,
    /// Show a readable message; the static list stays usable below it.
    Error(String),
}

/// The source reader: which text, which passage, and where "Back" leads.
#[derive(Clone, Debug, PartialEq)]
struct Reader {
    source: usize,
    passage: Option<usize>,
    /// The event "Back to the event" returns to (an index into the events).
    back: Option<usize>,
    /// The id of the link that opened the reader, to focus again on the way back.
    return_to: Option<String>,
    /// Why its text could not be had.
    failed: Option<String>,
}

/// The page's whole state.
pub struct Page {
    bundle: Bundle,
    t: &'static Strings,
    view: AppState,
    synthetic: bool,
    filter: Filter,
    reader: Option<Reader>,
    note_open: bool,
    hide_testimony: bool,
    /// Quotes of the open event shown on request although testimony is hidden.
    revealed: Vec<usize>,
    show_furniture: bool,
    presenting: bool,
    high_contrast: bool,
    dark: bool,
    history_light: bool,
    framed: bool,
    exit_url: String,
    shift: ShiftCounter,
    gestures: Gestures,
    /// The number of the history entry the page is on: 0 for the entry it loaded in, one more for
    /// each entry it added.
    entry: u32,
    /// The quick exit is stepping back through history: the next address change leaves.
    exiting: bool,
    /// The page has left for the exit address.
    left: bool,
    texts_requested: Vec<String>,
}

impl Page {
    /// Starts the page on `bundle` (and, for a language other than English, its translations,
    /// or the reason they could not be read). Fails when the events are not in the date order the
    /// timeline draws them in: every index the page hands around means one event in both.
    pub fn new(
        mut bundle: Bundle,
        translations: Option<Result<Translations, String>>,
        boot: Boot,
    ) -> Result<(Page, Vec<Effect>), String> {
        let mut fx = Vec::new();
        let t = strings(boot.lang);
        fx.push(Effect::Interface(boot.lang));
        match translations {
            Some(Ok(tr)) => bundle.merge_translations(tr),
            // The interface is translated; the events' text stays English, and the page says why.
            Some(Err(e)) => fx.push(Effect::Error(e)),
            None => {}
        }
        let synthetic = boot.synthetic > 0;
        let items: Vec<Item> = if synthetic {
            crate::layout::synthetic_items(boot.synthetic, 7)
        } else {
            bundle
                .events
                .iter()
                .map(|le| Item::from_event(&le.event, boot.lang))
                .collect()
        };
        let view = AppState::new(items, boot.width, boot.height, boot.dpr);
        if !synthetic
            && (view.items().len() != bundle.events.len()
                || view
                    .items()
                    .iter()
                    .zip(&bundle.events)
                    .any(|(it, le)| it.id != le.event.id))
        {
            return Err("the timeline data's events are not in date order; rebuild the site with `make dist`".into());
        }
        let mut page = Page {
            bundle,
            t,
            view,
            synthetic,
            filter: Filter::default(),
            reader: None,
            note_open: !boot.note_seen,
            hide_testimony: boot.hide_testimony,
            revealed: Vec::new(),
            show_furniture: false,
            presenting: false,
            high_contrast: boot.high_contrast,
            dark: boot.dark,
            history_light: boot.history_light,
            framed: boot.framed,
            exit_url: if crate::html::is_safe_url(&boot.exit_url) {
                boot.exit_url
            } else {
                DEFAULT_EXIT_URL.into()
            },
            shift: ShiftCounter::default(),
            gestures: Gestures::default(),
            entry: boot.entry.unwrap_or(0),
            exiting: false,
            left: false,
            texts_requested: Vec::new(),
        };
        if boot.entry.is_none() {
            fx.push(Effect::NumberEntry(0));
        }
        if !boot.lang.is_source() && !synthetic {
            fx.push(Effect::ListItems(page.list_items()));
        }
        fx.push(page.choices());
        fx.push(Effect::Contrast(page.high_contrast));
        if page.history_light {
            fx.push(Effect::Title(page.t.neutral_title));
        }
        fx.push(Effect::Note(page.note_open));
        if page.note_open {
            fx.push(Effect::Focus(Focus::NoteContinue));
        }
        fx.push(Effect::Redraw);
        let route = Route::parse(&boot.hash);
        let opened = route.event.is_some() || route.source.is_some();
        page.apply_route(route, &mut fx);
        let focus = (opened && !page.note_open).then(|| page.panel_focus());
        page.panels(focus, &mut fx);
        fx.push(Effect::FullSiteLink(page.route().to_hash()));
        Ok((page, fx))
    }

    /// The timeline's view (what is drawn).
    pub fn view(&self) -> &AppState {
        &self.view
    }

    /// For the benchmark's scripted redraws only.
    #[doc(hidden)]
    pub fn view_mut(&mut self) -> &mut AppState {
        &mut self.view
    }

    pub fn bundle(&self) -> &Bundle {
        &self.bundle
    }

    pub fn strings(&self) -> &'static Strings {
        self.t
    }

    /// The colours to draw with.
    pub fn theme(&self) -> Theme {
        if self.high_contrast {
            Theme::high_contrast()
        } else if self.dark {
            Theme::dark()
        } else {
            Theme::light()
        }
    }

    pub fn presenting(&self) -> bool {
        self.presenting
    }

    pub fn note_open(&self) -> bool {
        self.note_open
    }

    pub fn hide_testimony(&self) -> bool {
        self.hide_testimony
    }

    pub fn history_light(&self) -> bool {
        self.history_light
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// The history entry the page is on.
    pub fn entry(&self) -> u32 {
        self.entry
    }

    /// The source the reader shows, and its passage.
    pub fn reader(&self) -> Option<(&str, Option<usize>)> {
        self.reader
            .as_ref()
            .map(|r| (self.bundle.sources[r.source].source.id.as_str(), r.passage))
    }

    /// The address for what the page shows.
    pub fn route(&self) -> Route {
        let mut r = Route {
            filter: self.filter.clone(),
            ..Route::default()
        };
        if let Some(rd) = &self.reader {
            r.source = Some(self.bundle.sources[rd.source].source.id.clone());
            r.passage = rd.passage;
        }
        if !self.synthetic {
            r.event = self.view.selected_id().map(String::from);
        }
        r
    }

    /// The handout's timeline: every event the filters leave, fitted, nothing selected or
    /// hovered, at [`PRINT_WIDTH`] CSS px and 3 device pixels per px.
    pub fn print_view(&self) -> AppState {
        let mut st = AppState::new(
            self.view.items().to_vec(),
            PRINT_WIDTH,
            self.view.frame().height,
            3.0,
        );
        st.update(ViewAction::SetVisible(self.view.visible().to_vec()));
        st.update(ViewAction::Fit);
        st
    }

    /// Applies one action; returns what the web layer must do, in order.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut fx = Vec::new();
        if self.left {
            // Gone to the exit; a page brought back from the cache must not show the timeline.
            if let Action::PageShown { persisted: true } = action {
                fx.push(self.leave_now(LeaveBy::Replace));
            }
            return fx;
        }
        let before = self.route();
        let from_browser = matches!(action, Action::AddressChanged { .. });
        match action {
            Action::AddressChanged { hash, entry } => self.address_changed(&hash, entry, &mut fx),
            Action::Resize { width, height, dpr } => {
                self.timeline(ViewAction::Resize { width, height, dpr }, &mut fx)
            }
            Action::PointerDown { id, x, y } => {
                for a in self.gestures.down(id, x, y) {
                    self.timeline(a, &mut fx);
                }
            }
            Action::PointerMove { id, x, y } => {
                for a in self.gestures.moved(id, x, y) {
                    self.timeline(a, &mut fx);
                }
            }
            Action::PointerUp {
                id,
                x,
                y,
                cancelled,
            } => {
                for a in self.gestures.up(id, x, y, cancelled) {
                    self.timeline(a, &mut fx);
                }
            }
            Action::PointerLeave { id } => {
                for a in self.gestures.left(id) {
                    self.timeline(a, &mut fx);
                }
            }
            Action::Wheel {
                x,
                dx,
                dy,
                mode,
                ctrl,
            } => {
                fx.push(Effect::Consumed);
                self.timeline(gesture::wheel(x, dx, dy, mode, ctrl), &mut fx);
            }
            Action::Key(k) => self.key(k, &mut fx),
            Action::Button(b) => self.button(b, &mut fx),
            Action::OpenEvent { id } => {
                if let Some(i) = self.bundle.event_index(&id).filter(|_| !self.synthetic) {
                    fx.push(Effect::Consumed);
                    self.open_event(i, Some(Focus::DetailsTop), &mut fx);
                }
            }
            Action::OpenPassage {
                source,
                passage,
                from,
            } => {
                if let Some(s) = self.source_index(&source) {
                    fx.push(Effect::Consumed);
                    self.open_reader(s, Some(passage), from, &mut fx);
                    let focus = self.panel_focus();
                    self.panels(Some(focus), &mut fx);
                }
            }
            Action::BackToEvent => {
                if self.reader.is_some() {
                    fx.push(Effect::Consumed);
                    self.back_to_event(&mut fx);
                }
            }
            Action::ShowTestimony(k) => {
                if !self.revealed.contains(&k) {
                    self.revealed.push(k);
                }
                self.panels(Some(Focus::Element(format!("quote-{k}"))), &mut fx);
            }
            Action::CopyCitation(k) => {
                let citation = self.selected_event().and_then(|i| {
                    let le = &self.bundle.events[i];
                    let q = le.event.evidence.get(k)?;
                    let n = *le.evidence.get(k)?;
                    self.bundle.source(&q.source)?.passage_citation(n)
                });
                if let Some(text) = citation {
                    fx.push(Effect::CopyText(text));
                    fx.push(Effect::Status(self.t.citation_copied.into()));
                }
            }
            Action::SetHideTestimony(on) => {
                self.hide_testimony = on;
                self.revealed.clear();
                fx.push(Effect::Remember {
                    key: HIDE_TESTIMONY,
                    on,
                });
                fx.push(self.choices());
                if !self.note_open {
                    self.panels(None, &mut fx);
                }
            }
            Action::SetShowFurniture(on) => {
                self.show_furniture = on;
                fx.push(Effect::Furniture(on));
            }
            Action::SetHistoryLight(on) => {
                self.history_light = on;
                fx.push(Effect::Remember {
                    key: HISTORY_LIGHT,
                    on,
                });
                fx.push(self.choices());
                fx.push(Effect::Title(if on {
                    self.t.neutral_title
                } else {
                    self.t.site_title
                }));
            }
            Action::SetQuery(q) => {
                let f = Filter {
                    query: q,
                    ..self.filter.clone()
                };
                self.set_filter(f, &mut fx);
            }
            Action::SetKind(k) => {
                let f = Filter {
                    kinds: if k.is_empty() { vec![] } else { vec![k] },
                    ..self.filter.clone()
                };
                self.set_filter(f, &mut fx);
            }
            Action::SetActor(a) => {
                let f = Filter {
                    actor: a,
                    ..self.filter.clone()
                };
                self.set_filter(f, &mut fx);
            }
            Action::FullscreenLeft => self.set_presenting(false, &mut fx),
            Action::ColorScheme { dark } => {
                if self.dark != dark {
                    self.dark = dark;
                    fx.push(Effect::Redraw);
                }
            }
            Action::SourceText { file, text } => self.source_text(&file, text, &mut fx),
            Action::SourceTextFailed { file, message } => {
                let msg = format!("{} ({message})", self.t.data_error);
                self.text_failed(&file, msg, &mut fx);
            }
            Action::Timer {
                timer: Timer::ExitWindow,
                now,
            } => {
                if self.shift.lapse(now) {
                    fx.push(Effect::ExitStatus(self.t.exit_lapsed.into()));
                }
            }
            Action::PageShown { .. } => {}
            Action::BeforePrint => fx.push(Effect::PrintImage),
        }
        let after = self.route();
        if !from_browser && after != before {
            // Moving between events and sources adds a history entry, so Back returns; the
            // filters change the entry in place, so typing does not fill the history. A visitor
            // who asked to keep the visit out of history gets one entry for the whole visit.
            let navigated = after.event != before.event
                || after.source != before.source
                || after.passage != before.passage;
            let push = navigated && !self.history_light;
            if push {
                self.entry += 1;
            }
            fx.insert(
                0,
                Effect::Address {
                    hash: after.to_hash(),
                    push,
                    entry: self.entry,
                },
            );
            fx.push(Effect::FullSiteLink(after.to_hash()));
        }
        fx
    }

    // ------------------------------------------------------------------------------ actions

    fn address_changed(&mut self, hash: &str, entry: Option<u32>, fx: &mut Vec<Effect>) {
        if self.exiting {
            // Arrived at the page's first entry: replace it with the neutral site.
            fx.push(self.leave_now(LeaveBy::Replace));
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
        fx.push(Effect::FullSiteLink(hash.to_string()));
        let focus = if self.reader.is_some() {
            Some(self.panel_focus())
        } else {
            closed.and_then(|r| self.return_focus(r))
        };
        self.panels(focus, fx);
    }

    /// Makes the state show what `route` names (ids that name nothing are ignored); returns the
    /// reader it closed, if any.
    fn apply_route(&mut self, route: Route, fx: &mut Vec<Effect>) -> Option<Reader> {
        if route.filter != self.filter && !self.synthetic {
            self.filter = route.filter.clone();
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
    fn return_focus(&self, closed: Reader) -> Option<Focus> {
        self.view
            .details_open()
            .then(|| closed.return_to.map_or(Focus::Details, Focus::Element))
    }

    /// Feeds an action to the timeline's view and follows up what it changed: a new selection
    /// opens its details (and leaves the reader), as the list and the address do.
    fn timeline(&mut self, a: ViewAction, fx: &mut Vec<Effect>) {
        let o = self.view.update(a);
        redraw(o, fx);
        if o.selection_changed {
            self.revealed.clear();
            self.reader = None;
            if self.view.selected().is_some() && !self.view.details_open() {
                self.view.update(ViewAction::OpenDetails);
            }
            self.panels(None, fx);
        } else if o.details_changed {
            self.panels(None, fx);
        }
    }

    fn key(&mut self, k: Key, fx: &mut Vec<Effect>) {
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
                        .replace("{n}", &remaining.to_string())
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
            self.timeline(a, fx);
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

    fn button(&mut self, b: Button, fx: &mut Vec<Effect>) {
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

    fn close_details(&mut self, fx: &mut Vec<Effect>) {
        let o = self.view.update(ViewAction::CloseDetails);
        if o.details_changed {
            self.panels(None, fx);
        }
        fx.push(Effect::Focus(Focus::Canvas));
    }

    /// Selects event `i` and opens its details (closing the reader).
    fn open_event(&mut self, i: usize, focus: Option<Focus>, fx: &mut Vec<Effect>) {
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
    fn open_reader(
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

    fn back_to_event(&mut self, fx: &mut Vec<Effect>) {
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

    fn set_filter(&mut self, f: Filter, fx: &mut Vec<Effect>) {
        if f == self.filter || self.synthetic {
            return;
        }
        self.filter = f;
        let mask = visible_mask(&self.bundle, &self.filter);
        let o = self.view.update(ViewAction::SetVisible(mask));
        redraw(o, fx);
        if o.selection_changed {
            self.reader = None;
        }
        self.panels(None, fx);
    }

    fn set_presenting(&mut self, on: bool, fx: &mut Vec<Effect>) {
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

    fn source_text(&mut self, file: &str, text: String, fx: &mut Vec<Effect>) {
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
    fn text_failed(&mut self, file: &str, msg: String, fx: &mut Vec<Effect>) {
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
    fn exit(&mut self, fx: &mut Vec<Effect>) {
        let by = if self.framed {
            LeaveBy::ReplaceTop
        } else if self.entry == 0 {
            LeaveBy::Replace
        } else {
            self.exiting = true;
            LeaveBy::Back(self.entry)
        };
        fx.push(self.leave_now(by));
    }

    fn leave_now(&mut self, by: LeaveBy) -> Effect {
        // Stepping back first: the page leaves when it arrives at its first entry.
        if !matches!(by, LeaveBy::Back(_)) {
            self.left = true;
        }
        Effect::Leave {
            href: self.exit_url.clone(),
            by,
        }
    }

    // ------------------------------------------------------------------------------ output

    fn choices(&self) -> Effect {
        Effect::Choices {
            hide_testimony: self.hide_testimony,
            history_light: self.history_light,
        }
    }

    fn source_index(&self, id: &str) -> Option<usize> {
        self.bundle.sources.iter().position(|s| s.source.id == id)
    }

    /// The event view of event `i`.
    pub fn event_view(&self, i: usize) -> EventView {
        EventView::new(&self.bundle, &self.bundle.events[i], self.t.lang)
    }

    /// The static list's entries in the page's language.
    pub fn list_items(&self) -> Vec<El> {
        (0..self.bundle.events.len())
            .map(|i| self.event_view(i).list_item(self.t))
            .collect()
    }

    /// Where focus goes when the open panel is shown on purpose: the reader's current passage
    /// (or the reader), else the details.
    fn panel_focus(&self) -> Focus {
        match &self.reader {
            Some(r) => {
                let loaded = !self.bundle.sources[r.source].text.is_empty();
                if r.passage.is_some() && loaded {
                    Focus::Element(reader::CURRENT_ID.into())
                } else {
                    Focus::Reader
                }
            }
            None => Focus::Details,
        }
    }

    /// Shows the panels as the state says, keeps the list in step, then focuses `focus`.
    fn panels(&self, focus: Option<Focus>, fx: &mut Vec<Effect>) {
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
            let progress = format!("{} / {}", pos.map_or(0, |p| p + 1), shown.len());
            let content = selected
                .map(|i| self.event_view(i).slide(self.t, testimony))
                .unwrap_or_default();
            if let Some(i) = selected {
                fx.push(Effect::Status(
                    self.bundle.events[i]
                        .event
                        .title_in(self.t.lang)
                        .to_string(),
                ));
            }
            fx.push(Effect::Slide { progress, content });
        } else if let Some(r) = &self.reader {
            let src = &self.bundle.sources[r.source];
            let warn = self.hide_testimony
                && self.bundle.events.iter().any(|le| {
                    le.event
                        .evidence
                        .iter()
                        .any(|q| q.testimony && q.source == src.source.id)
                });
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

    /// The selected event's index, when the items are the events.
    fn selected_event(&self) -> Option<usize> {
        self.view.selected().filter(|_| !self.synthetic)
    }
}

/// The neutral site the quick exit leaves for when the site names none.
pub const DEFAULT_EXIT_URL: &str = "https://www.bbc.com/weather";

fn redraw(o: Outcome, fx: &mut Vec<Effect>) {
    if o.redraw && !fx.contains(&Effect::Redraw) {
        fx.push(Effect::Redraw);
    }
}
