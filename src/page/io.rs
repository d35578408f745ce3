//! The page's inputs and outputs: what the browser knows at the start ([`Boot`]), what the visitor
//! or the browser did ([`Action`]), and what the web layer must do ([`Effect`]).

use super::gesture::DeltaMode;
use crate::filter::Filter;
use crate::html::El;
use crate::lang::Lang;

/// Keys of the browsing-session memory (sessionStorage: nothing outlives the session).
pub const NOTE_SEEN: &str = "nk-timeline-note-seen";
pub const HIDE_TESTIMONY: &str = "nk-timeline-hide-testimony";
pub const HIGH_CONTRAST: &str = "nk-timeline-high-contrast";
pub const HISTORY_LIGHT: &str = "nk-timeline-history-light";
/// Set as the page leaves by the quick exit; a later copy of it reached by Back or Forward in
/// the same tab leaves again at once.
pub const LEFT: &str = "nk-timeline-left";

/// Width in CSS px of the handout's timeline image: about the printed width, so its labels print
/// at about the size they have on screen.
pub const PRINT_WIDTH: f64 = 760.0;

/// What the page knows when it starts: what the browser, the address and the session say.
#[derive(Clone, Debug)]
pub struct Boot {
    pub lang: Lang,
    /// The language the build wrote the page's HTML in (`<html lang>`): English for
    /// `index.html`, Korean for `index.ko.html`. Its interface strings are rewritten only when
    /// `lang` differs.
    pub written_in: Lang,
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
    /// The quick exit left from this tab in this session.
    pub left_before: bool,
    /// This load came by Back or Forward (the navigation's type is `back_forward`), not by a
    /// link, the address bar or a reload.
    pub back_forward: bool,
}

/// Where a key press happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyTarget {
    /// A text field or a select: its keys are its own.
    TextField,
    /// A link, a button or a summary: Enter activates it.
    Control,
    /// The timeline itself: a clicker's PageDown and PageUp step through the events.
    Canvas,
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
    /// After the reader's testimony warning: on to the cited passage.
    ToPassage,
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
    /// A "Copy citation" button.
    CopyCitation(Cite),
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
    /// `pageshow`; `persisted` when the page came back from the back-forward cache;
    /// `left_before` when the tab's session says the quick exit left meanwhile (from this copy
    /// or another one).
    PageShown {
        persisted: bool,
        left_before: bool,
    },
    BeforePrint,
}

/// What a "Copy citation" button cites.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cite {
    /// Quote `k` of the open event: the source and the passage.
    Quote(usize),
    /// The open event: its title and date, then every passage it quotes.
    Event,
    /// A source of the source list, by id.
    Source(String),
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
    /// The list's entry for this event (its title link), scrolled to the middle of the view.
    ListEntry(String),
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
    /// Replace the static lists' entries (`li#ev-<id>`, `li#src-<id>`) with these, in the
    /// page's language.
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
    /// The organisation filter's choices, `(value, name)`: the value is the English name the
    /// filter matches, the name is shown in the page's language, the choices in its order.
    ActorOptions {
        options: Vec<(String, String)>,
        /// The value chosen (the filter's; empty: all).
        chosen: String,
    },
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
    /// The header's links to the page in the other languages, at the same place
    /// ([`crate::view::lang_links`]), into `#lang-choice`.
    LangLinks(Vec<crate::html::Node>),
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

impl Effect {
    /// Whether the page's start carries this out before its first frame is drawn: what changes
    /// how that frame's page looks (the content note, colours, the visitor's choices, the
    /// interface's language, the title, an error). The rest (panels, the list's state, the
    /// history entry's number, focus) waits until the drawn frame is on screen.
    pub fn before_first_frame(&self) -> bool {
        matches!(
            self,
            Effect::Note(_)
                | Effect::Contrast(_)
                | Effect::Choices { .. }
                | Effect::Interface(_)
                | Effect::Title(_)
                | Effect::Error(_)
                | Effect::Leave { .. }
        )
    }
}
