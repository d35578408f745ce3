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

mod actions;
pub mod gesture;
mod io;
mod output;
#[cfg(test)]
mod tests;

pub use io::*;

use crate::data::{Bundle, Translations};
use crate::exit::ShiftCounter;
use crate::filter::{visible_mask, Filter};
use crate::html::El;
use crate::i18n::{strings, Strings};

use crate::layout::Item;
use crate::reader::{self, ReaderOptions};
use crate::render::Theme;
use crate::route::Route;
use crate::state::{Action as ViewAction, AppState, Outcome};
use crate::view::{EventView, Testimony};
use gesture::Gestures;

/// Which event is selected and where the reader is open: the part of the address that is a
/// place to go back to.
type AddressPlace = (Option<usize>, Option<(usize, Option<usize>)>);

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
    /// Counts changes of `filter`, so comparing addresses needs no string comparison.
    filter_version: u64,
    reader: Option<Reader>,
    note_open: bool,
    hide_testimony: bool,
    /// Quotes of the open event shown on request although testimony is hidden.
    revealed: Vec<usize>,
    show_furniture: bool,
    presenting: bool,
    /// Which of the selected event's slides is shown: (event, slide), the slide from 0 (the
    /// event) up (its disagreements); any other event is on its first.
    slide_part: (usize, usize),
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
    /// The event whose details the list's entry opened: closing them returns there, not to the
    /// timeline at the top of the page, so a reader going down the list keeps their place.
    opened_from_list: Option<String>,
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
        if boot.lang != boot.written_in {
            fx.push(Effect::Interface(boot.lang));
        }
        match translations {
            Some(Ok(mut tr)) => {
                // The organisation filter's choices, in the language's names and order.
                let options = std::mem::take(&mut tr.actors);
                if !options.is_empty() {
                    fx.push(Effect::ActorOptions {
                        options,
                        // The filter is read from the address below; `FilterInputs` sets it.
                        chosen: String::new(),
                    });
                }
                bundle.merge_translations(tr);
            }
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
        let view = AppState::new(items, boot.width, boot.height, boot.dpr).in_lang(boot.lang);
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
            filter_version: 0,
            reader: None,
            note_open: !boot.note_seen,
            hide_testimony: boot.hide_testimony,
            revealed: Vec::new(),
            show_furniture: false,
            presenting: false,
            slide_part: (0, 0),
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
            opened_from_list: None,
        };
        if boot.left_before {
            if boot.back_forward {
                // Back or Forward brought this tab to an entry the visit added before the
                // visitor left by the quick exit: leave again, before anything is shown.
                let fx = page.leave_in_place().to_vec();
                return Ok((page, fx));
            }
            // A new visit in the same tab (a link, the address bar, a reload).
            fx.push(Effect::Remember {
                key: LEFT,
                on: false,
            });
        }
        if boot.entry.is_none() {
            fx.push(Effect::NumberEntry(0));
        }
        // The build wrote the lists in the page's own language (index.ko.html in Korean); they
        // are made again only in a language the page was not written in.
        if boot.lang != boot.written_in && !synthetic {
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
        page.place_links(&page.route().to_hash(), &mut fx);
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

    /// Which of event `i`'s slides the presentation shows (0: the event itself).
    pub fn slide_part(&self, i: usize) -> usize {
        if self.slide_part.0 == i {
            self.slide_part.1
        } else {
            0
        }
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// The history entry the page is on.
    pub fn entry(&self) -> u32 {
        self.entry
    }

    /// The address for what the page shows.
    pub fn route(&self) -> Route {
        let mut r = Route {
            filter: self.filter.clone(),
            ..Route::default()
        };
        // What a visitor searched for stays out of the address, and so out of the browser's
        // history, while they keep the visit out of it.
        if self.history_light {
            r.filter.query.clear();
        }
        if let Some(rd) = &self.reader {
            r.source = Some(self.bundle.sources[rd.source].source.id.clone());
            r.passage = rd.passage;
        }
        if !self.synthetic {
            r.event = self.view.selected_id().map(String::from);
        }
        r
    }

    /// What the address is made of, cheap to compare: (the selected event and the reader's
    /// source and passage, the filter's version).
    fn address_key(&self) -> (AddressPlace, u64) {
        let reader = self.reader.as_ref().map(|r| (r.source, r.passage));
        ((self.selected_event(), reader), self.filter_version)
    }

    /// The handout's timeline: every event the filters leave, fitted, nothing selected or
    /// hovered, at [`PRINT_WIDTH`] CSS px and 3 device pixels per px.
    pub fn print_view(&self) -> AppState {
        let mut st = AppState::new(
            self.view.items().to_vec(),
            PRINT_WIDTH,
            self.view.frame().height,
            3.0,
        )
        .in_lang(self.view.frame().lang);
        st.update(ViewAction::SetVisible(self.view.visible().to_vec()));
        st.update(ViewAction::Fit);
        st
    }

    /// Applies one action; returns what the web layer must do, in order.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut fx = Vec::new();
        // A copy brought back from the cache after the quick exit left (this one or another
        // copy in the tab) must not show the timeline.
        if let Action::PageShown {
            persisted: true,
            left_before,
        } = action
        {
            if self.left || left_before {
                fx.extend(self.leave_in_place());
                return fx;
            }
        }
        if self.left {
            return fx;
        }
        // Compared before and after every action (pointer moves included), so it is a few
        // integers, not the route's strings; the route is built only when it changed.
        let before = self.address_key();
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
                    self.opened_from_list = Some(id);
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
            Action::CopyCitation(what) => {
                let citation = self.citation(&what);
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
                // The address changes with it (a search in it goes, or comes back): rewritten
                // in place below, as a filter's change is.
                if !self.filter.query.is_empty() {
                    self.filter_version += 1;
                }
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
        let after = self.address_key();
        if !from_browser && after != before {
            // Moving between events and sources adds a history entry, so Back returns; the
            // filters change the entry in place, so typing does not fill the history. A visitor
            // who asked to keep the visit out of history gets one entry for the whole visit.
            let navigated = after.0 != before.0;
            let push = navigated && !self.history_light;
            let after = self.route();
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
            self.place_links(&after.to_hash(), &mut fx);
        }
        fx
    }

    /// The links that lead elsewhere at the same place (`hash`): the embed's to the whole page,
    /// and the header's to the page in the other languages, which offer the languages not shown.
    fn place_links(&self, hash: &str, fx: &mut Vec<Effect>) {
        fx.push(Effect::FullSiteLink(hash.to_string()));
        fx.push(Effect::LangLinks(crate::view::lang_links(
            self.t.lang,
            hash,
        )));
    }
}

/// The neutral site the quick exit leaves for when the site names none.
pub const DEFAULT_EXIT_URL: &str = "https://www.bbc.com/weather";

fn redraw(o: Outcome, fx: &mut Vec<Effect>) {
    if o.redraw && !fx.contains(&Effect::Redraw) {
        fx.push(Effect::Redraw);
    }
}
