//! The web layer (wasm32 only): DOM events become [`Action`]s, state becomes pixels and DOM.
//!
//! `start` (called by `www/app.js` with the page's JSON data block) builds the [`App`], installs one
//! listener per DOM event through [`Listeners`] (which keeps every `Closure` so `destroy` can
//! remove them), and draws the first frame synchronously. Later frames are drawn from a
//! requestAnimationFrame callback, at most one in flight, only when an action asked for one.
//! Navigation goes through the address: selecting an event sets `#event=<id>`, and the
//! `hashchange` handler opens whatever the address names, so reload, deep links, back and
//! forward all take the same path.

pub mod dom;
mod panels;

use crate::data::Bundle;
use crate::filter::visible_mask;
use crate::i18n::{self, Strings};
use crate::layout::Item;
use crate::route::Route;
use crate::state::{Action, AppState};
use dom::{by_id, document, set_hidden, window};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Event, EventTarget, HtmlCanvasElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
    KeyboardEvent, PointerEvent, WheelEvent,
};

/// Keys of the browsing-session memory (sessionStorage; nothing outlives the session).
pub const NOTE_SEEN: &str = "nk-timeline-note-seen";
const HIDE_TESTIMONY: &str = "nk-timeline-hide-testimony";
const HIGH_CONTRAST: &str = "nk-timeline-high-contrast";

/// Everything the running page knows.
struct App {
    bundle: Bundle,
    state: AppState,
    lang: &'static str,
    t: &'static Strings,
    canvas: HtmlCanvasElement,
    route: Route,
    /// The event the reader was opened from, for "Back to the event".
    last_event: Option<String>,
    frame_pending: bool,
    frames: u32,
    hide_testimony: bool,
    show_furniture: bool,
    /// Times of the last Shift presses, for the quick exit.
    shift: crate::exit::ShiftCounter,
    /// How many history entries this page has added since it loaded (stored in each entry's
    /// state), so the quick exit can step back over them before leaving.
    depth: u32,
    /// The quick exit is under way: the next popstate leaves the page.
    exiting: bool,
    /// Pointers currently down (id, x), for pinch.
    pointers: Vec<(i32, f64)>,
    pinch_dist: Option<f64>,
    theme_dark: bool,
    high_contrast: bool,
    /// Presentation mode: one event at a time in large type (a UI mode, not timeline state).
    presenting: bool,
    /// Source files already asked of the page's loader.
    texts_requested: Vec<String>,
    /// The next details shown were asked for from the list: scroll to them and focus them (on a
    /// phone they sit far above the list item).
    reveal_details: bool,
    /// The details' quote link that opened the reader, to return focus to when coming back.
    return_to: Option<String>,
}

type Shared = Rc<RefCell<App>>;
/// The requestAnimationFrame callback, created once and reused for every frame.
type Raf = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;

/// A listener: where it is, for which event, and the closure that must outlive it.
type Installed = (EventTarget, &'static str, Closure<dyn FnMut(Event)>);

/// A ResizeObserver and its callback.
type Observer = (web_sys::ResizeObserver, Closure<dyn FnMut(JsValue)>);

/// Keeps every listener's closure alive, and removes them all on `destroy`.
#[derive(Default)]
struct Listeners {
    installed: Vec<Installed>,
    resize: Option<Observer>,
    dpr: Option<(DprWatch, EventClosure)>,
}

type EventClosure = Closure<dyn FnMut(Event)>;

/// The media query that matches the current device pixel ratio, and the listener it calls.
type DprWatch = Rc<RefCell<(Option<web_sys::MediaQueryList>, Option<js_sys::Function>)>>;

/// Listens for the ratio to leave its current value, then re-arms for the new one.
fn arm_dpr(w: &DprWatch) {
    let mut g = w.borrow_mut();
    let Some(f) = g.1.clone() else { return };
    if let Some(old) = g.0.take() {
        let _ = old.remove_event_listener_with_callback("change", &f);
    }
    let query = format!("(resolution: {}dppx)", window().device_pixel_ratio());
    if let Ok(Some(q)) = window().match_media(&query) {
        let _ = q.add_event_listener_with_callback("change", &f);
        g.0 = Some(q);
    }
}

impl Listeners {
    fn add(
        &mut self,
        target: &EventTarget,
        kind: &'static str,
        passive: bool,
        f: impl FnMut(Event) + 'static,
    ) {
        let closure = Closure::<dyn FnMut(Event)>::new(f);
        let opts = web_sys::AddEventListenerOptions::new();
        opts.set_passive(passive);
        let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
            kind,
            closure.as_ref().unchecked_ref(),
            &opts,
        );
        self.installed.push((target.clone(), kind, closure));
    }

    /// Calls `f` whenever the device pixel ratio changes, which alone (a window moved to another
    /// screen) fires no `resize`.
    fn watch_dpr(&mut self, mut f: impl FnMut() + 'static) {
        let watch: DprWatch = Rc::new(RefCell::new((None, None)));
        let w = watch.clone();
        let closure = Closure::<dyn FnMut(Event)>::new(move |_| {
            f();
            arm_dpr(&w);
        });
        watch.borrow_mut().1 = Some(closure.as_ref().unchecked_ref::<js_sys::Function>().clone());
        arm_dpr(&watch);
        self.dpr = Some((watch, closure));
    }

    /// Calls `f` whenever `target` changes size (layout, scrollbars, rotation).
    fn observe_resize(&mut self, target: &web_sys::Element, f: impl FnMut(JsValue) + 'static) {
        let closure = Closure::<dyn FnMut(JsValue)>::new(f);
        if let Ok(obs) = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()) {
            obs.observe(target);
            self.resize = Some((obs, closure));
        }
    }

    fn remove_all(&mut self) {
        if let Some((obs, _)) = self.resize.take() {
            obs.disconnect();
        }
        if let Some((watch, _closure)) = self.dpr.take() {
            let (q, f) = std::mem::take(&mut *watch.borrow_mut());
            if let (Some(q), Some(f)) = (q, f) {
                let _ = q.remove_event_listener_with_callback("change", &f);
            }
        }
        for (target, kind, closure) in self.installed.drain(..) {
            let _ =
                target.remove_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        }
    }
}

/// The handle `app.js` keeps: long-lived state stays in Rust.
#[wasm_bindgen]
pub struct Timeline {
    app: Shared,
    listeners: Rc<RefCell<Listeners>>,
    _raf: Raf,
}

#[wasm_bindgen]
impl Timeline {
    /// Times `steps` scripted pan/zoom redraws; returns each one's milliseconds. For `make bench`.
    pub fn bench(&self, steps: u32) -> Vec<f64> {
        let perf = window().performance();
        let now = || perf.as_ref().map_or(0.0, |p| p.now());
        let mut out = Vec::with_capacity(steps as usize);
        let w = self.app.borrow().state.frame().width;
        for i in 0..steps {
            let action = match i % 4 {
                0 => Action::Pan { dx: 37.0 },
                1 => Action::Wheel {
                    x: w * 0.4,
                    delta_y: -120.0,
                },
                2 => Action::Pan { dx: -37.0 },
                _ => Action::Wheel {
                    x: w * 0.4,
                    delta_y: 120.0,
                },
            };
            let t0 = now();
            let mut app = self.app.borrow_mut();
            app.state.update(action);
            draw(&mut app);
            out.push(now() - t0);
        }
        out
    }

    /// Gives the reader the whole text of the source stored at `file` (as named in the timeline data),
    /// fetched by the page's loader. A text whose passages do not match is refused with a
    /// message in the reader.
    pub fn set_source_text(&self, file: &str, text: String) {
        let result = {
            let mut a = self.app.borrow_mut();
            match a.bundle.sources.iter_mut().find(|s| s.source.file == file) {
                Some(src) => src.accept_text(text),
                None => Err(format!("no source is stored at {file}")),
            }
        };
        match result {
            Ok(()) => render_panels(&self.app, true),
            Err(msg) => self.source_text_failed(file, &msg),
        }
    }

    /// Says in the reader that the text at `file` could not be loaded.
    pub fn source_text_failed(&self, file: &str, message: &str) {
        self.app.borrow_mut().texts_requested.retain(|f| f != file);
        if let Some(p) = document().get_element_by_id("reader-loading") {
            p.set_text_content(Some(&format!(
                "{} ({message})",
                self.app.borrow().t.data_error
            )));
        }
    }

    /// Removes every listener; the page keeps its last frame and DOM.
    pub fn destroy(&self) {
        self.listeners.borrow_mut().remove_all();
    }
}

/// The language the page will show: `?lang=`, else the browser's languages, else English. The
/// loader asks first, to fetch that language's `data.<lang>.json` beside the page.
#[wasm_bindgen]
pub fn page_lang() -> String {
    let query = window().location().search().unwrap_or_default();
    i18n::choose_lang(query_param(&query, "lang").as_deref(), &browser_langs()).into()
}

/// Starts the timeline on the current page with its data (the JSON of the page's
/// `script#timeline-data` block) and, for a language
/// other than English, of `data.<lang>.json` (`None` if it could not load: the events' text then
/// stays in English). `synthetic` > 0 replaces the events on the canvas by that many generated
/// ones (benchmarks only).
#[wasm_bindgen]
pub fn start(
    data_json: &str,
    translations_json: Option<String>,
    synthetic: u32,
) -> Result<Timeline, JsValue> {
    let lang = i18n::choose_lang(Some(&page_lang()), &[]);
    let t = i18n::strings(lang);
    apply_language(t);

    let mut bundle = match parse_bundle(data_json) {
        Ok(b) => b,
        Err(detail) => {
            show_error(&format!("{} ({detail})", t.data_error));
            return Err(JsValue::from_str(&detail));
        }
    };
    if let Some(text) = translations_json.filter(|_| lang != "en") {
        let name = format!("data.{lang}.json");
        match crate::data::decode_translations(&name, &text) {
            Ok(tr) => bundle.merge_translations(tr),
            // The interface is translated; the events' text stays English, and the page says why.
            Err(e) => show_error(&format!("{e}; rebuild it with `make dist`")),
        }
    }
    // The canvas is shown only with `html.js`: set it before measuring.
    let _ = document()
        .document_element()
        .map(|e| e.class_list().add_1("js"));
    let canvas: HtmlCanvasElement = by_id("timeline-canvas")?;
    let (w, h, dpr) = canvas_size(&canvas);
    let items: Vec<Item> = if synthetic > 0 {
        crate::layout::synthetic_items(synthetic as usize, 7)
    } else {
        bundle
            .events
            .iter()
            .map(|le| Item::from_event(&le.event, lang))
            .collect()
    };
    let state = AppState::new(items, w, h, dpr);
    let storage = window().session_storage().ok().flatten();
    let hide_testimony = storage
        .as_ref()
        .and_then(|s| s.get_item(HIDE_TESTIMONY).ok().flatten())
        .is_some_and(|v| v == "1");
    let app = Rc::new(RefCell::new(App {
        bundle,
        state,
        lang,
        t,
        canvas,
        route: Route::default(),
        last_event: None,
        frame_pending: false,
        frames: 0,
        hide_testimony,
        show_furniture: false,
        shift: crate::exit::ShiftCounter::default(),
        depth: 0,
        exiting: false,
        pointers: Vec::new(),
        pinch_dist: None,
        theme_dark: media("(prefers-color-scheme: dark)"),
        high_contrast: storage
            .as_ref()
            .and_then(|s| s.get_item(HIGH_CONTRAST).ok().flatten())
            .map_or(media("(prefers-contrast: more)"), |v| v == "1"),
        presenting: false,
        texts_requested: Vec::new(),
        reveal_details: false,
        return_to: None,
    }));
    set_contrast_class(app.borrow().high_contrast);
    let hide = app.borrow().hide_testimony;
    set_hide_testimony(&app, hide, false);
    if lang != "en" {
        translate_list(&app.borrow());
    }
    content_note(&app, storage.as_ref());

    let raf = Rc::new(RefCell::new(None));
    let listeners = Rc::new(RefCell::new(Listeners::default()));
    install_all(&app, &raf, &mut listeners.borrow_mut())?;

    // First frame now, so the page never shows an empty canvas, then open what the address says.
    {
        let mut a = app.borrow_mut();
        draw(&mut a);
    }
    if let Some(p) = window().performance() {
        let _ = p.mark("first-frame");
    }
    // Number this entry: a reload keeps its number, a first visit starts at 0.
    if let Ok(h) = window().history() {
        match h.state().ok().and_then(|s| s.as_f64()) {
            Some(d) => app.borrow_mut().depth = d as u32,
            None => {
                let _ = h.replace_state(&JsValue::from_f64(0.0), "");
            }
        }
    }
    on_hash_change(&app, &raf, true);
    Ok(Timeline {
        app,
        listeners,
        _raf: raf,
    })
}

fn parse_bundle(json: &str) -> Result<Bundle, String> {
    crate::data::decode_bundle("the timeline data in index.html", json)
        .map_err(|e| format!("{e}; rebuild the site with `make dist`"))
}

/// Shows a readable message in `#error`; the static list stays usable below it.
fn show_error(msg: &str) {
    if let Some(e) = document().get_element_by_id("error") {
        e.set_text_content(Some(msg));
        set_hidden(&e, false);
    }
}

fn query_param(search: &str, key: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| crate::route::decode(v))
}

fn browser_langs() -> Vec<String> {
    let nav = window().navigator();
    let mut out: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if let Some(l) = nav.language() {
        out.push(l);
    }
    out
}

fn media(query: &str) -> bool {
    window()
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

fn set_contrast_class(on: bool) {
    if let Some(html) = document().document_element() {
        let _ = html.class_list().toggle_with_force("high-contrast", on);
    }
    if let Some(b) = document().get_element_by_id("contrast") {
        let _ = b.set_attribute("aria-pressed", if on { "true" } else { "false" });
    }
}

/// Sets every `[data-i18n]` element's text from the language's table, and `<html lang>`.
fn apply_language(t: &Strings) {
    let doc = document();
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", t.lang);
    }
    doc.set_title(t.site_title);
    // Text, and the attributes people hear or see too: accessible names and image descriptions.
    for (marker, attr) in [
        ("data-i18n", None),
        ("data-i18n-label", Some("aria-label")),
        ("data-i18n-alt", Some("alt")),
    ] {
        let Ok(nodes) = doc.query_selector_all(&format!("[{marker}]")) else {
            continue;
        };
        for i in 0..nodes.length() {
            let Some(el) = nodes
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let Some(text) = el.get_attribute(marker).and_then(|k| t.get(&k)) else {
                continue;
            };
            match attr {
                Some(attr) => {
                    let _ = el.set_attribute(attr, text);
                }
                None => el.set_text_content(Some(text)),
            }
        }
    }
}

/// Rewrites the static list's titles, dates, kinds and summaries in the interface language.
fn translate_list(app: &App) {
    let doc = document();
    for le in &app.bundle.events {
        let e = &le.event;
        let Some(li) = doc.get_element_by_id(&format!("ev-{}", e.id)) else {
            continue;
        };
        let set = |sel: &str, text: &str| {
            if let Ok(Some(n)) = li.query_selector(sel) {
                n.set_text_content(Some(text));
            }
        };
        set(".ev-title", e.title_in(app.lang));
        set(".ev-summary", e.summary_in(app.lang));
        set(
            ".ev-date",
            &format!("{} · {}", e.date_label(app.lang), app.t.kind(e.kind)),
        );
        if let Some(n) = e.date_note_in(app.lang) {
            set(".ev-date-note", n);
        }
    }
}

/// CSS size of the canvas and the device pixel ratio.
fn canvas_size(canvas: &HtmlCanvasElement) -> (f64, f64, f64) {
    let r = canvas.get_bounding_client_rect();
    (
        r.width().max(1.0),
        r.height().max(1.0),
        window().device_pixel_ratio(),
    )
}

/// Draws the current state. The backing store is sized in device pixels here (the only place
/// the page deals with the ratio; the drawing scales itself through `Frame::px`).
fn draw(app: &mut App) {
    let (w, h) = app.state.frame().device_size();
    if app.canvas.width() != w || app.canvas.height() != h {
        app.canvas.set_width(w);
        app.canvas.set_height(h);
    }
    let Some(backend) = CanvasBackend::with_canvas_object(app.canvas.clone()) else {
        show_error(app.t.wasm_error);
        return;
    };
    let root = backend.into_drawing_area();
    let theme = if app.high_contrast {
        crate::render::Theme::high_contrast()
    } else if app.theme_dark {
        crate::render::Theme::dark()
    } else {
        crate::render::Theme::light()
    };
    let _ = crate::render::draw(&root, &app.state, &theme);
    let _ = root.present();
    app.frames += 1;
    let s = app.state.scale();
    let _ = app
        .canvas
        .set_attribute("data-frames", &app.frames.to_string());
    let _ = app
        .canvas
        .set_attribute("data-view", &format!("{:.4},{:.4}", s.d0, s.d1));
    let _ = app
        .canvas
        .set_attribute("data-selected", app.state.selected_id().unwrap_or(""));
}

/// Asks for a frame unless one is already coming.
fn request_frame(app: &Shared, raf: &Raf) {
    if app.borrow().frame_pending {
        return;
    }
    app.borrow_mut().frame_pending = true;
    if raf.borrow().is_none() {
        let app2 = app.clone();
        *raf.borrow_mut() = Some(Closure::<dyn FnMut(f64)>::new(move |_t: f64| {
            let mut a = app2.borrow_mut();
            a.frame_pending = false;
            draw(&mut a);
        }));
    }
    if let Some(cb) = raf.borrow().as_ref() {
        let _ = window().request_animation_frame(cb.as_ref().unchecked_ref());
    }
}

/// Feeds an action to the state and does what its outcome asks.
fn dispatch(app: &Shared, raf: &Raf, action: Action) {
    let outcome = app.borrow_mut().state.update(action);
    if outcome.redraw {
        request_frame(app, raf);
    }
    if outcome.selection_changed {
        let id = app.borrow().state.selected_id().map(String::from);
        // The address is the one path to opening an event: reload and history follow it.
        let mut route = app.borrow().route.clone();
        route.source = None;
        route.passage = None;
        route.event = id;
        set_hash(app, &route, true);
        on_hash_change(app, raf, false);
    } else if outcome.details_changed {
        render_panels(app, false);
    }
}

/// Writes the route into the address: a new history entry when `push`, else in place.
fn set_hash(app: &Shared, route: &Route, push: bool) {
    let hash = route.to_hash();
    let url = if hash == "#" {
        let loc = window().location();
        format!(
            "{}{}",
            loc.pathname().unwrap_or_default(),
            loc.search().unwrap_or_default()
        )
    } else {
        hash
    };
    if let Ok(h) = window().history() {
        let depth = app.borrow().depth + u32::from(push);
        app.borrow_mut().depth = depth;
        let state = JsValue::from_f64(f64::from(depth));
        let _ = if push {
            h.push_state_with_url(&state, "", Some(&url))
        } else {
            h.replace_state_with_url(&state, "", Some(&url))
        };
    }
}

/// Opens what the address names: an event, or a source at a passage; applies the filters.
fn on_hash_change(app: &Shared, raf: &Raf, initial: bool) {
    let hash = window().location().hash().unwrap_or_default();
    let route = Route::parse(&hash);
    // One change of address fires both popstate and hashchange: handle it once (a second pass
    // would rebuild the panels and drop the focus the first one placed).
    if !initial && app.borrow().route == route {
        return;
    }
    // The embed's link to the whole page opens what the embed shows.
    if let Some(a) = document().get_element_by_id("full-site") {
        let path = window().location().pathname().unwrap_or_default();
        let _ = a.set_attribute("href", &format!("{path}{hash}"));
    }
    let filters_changed = {
        let a = app.borrow();
        a.route.query != route.query || a.route.kinds != route.kinds || a.route.actor != route.actor
    };
    let mut redraw = false;
    {
        let mut a = app.borrow_mut();
        if filters_changed || initial {
            let mask = visible_mask(&a.bundle, &route);
            redraw |= a.state.update(Action::SetVisible(mask)).redraw;
            sync_filter_inputs(&route);
        }
        match &route.event {
            Some(id) => {
                let idx = a.bundle.event_index(id);
                if idx.is_some() {
                    a.last_event = Some(id.clone());
                }
                let sel = idx.and_then(|i| a.state.index_of(&a.bundle.events[i].event.id));
                if a.state.selected() != sel {
                    redraw |= a.state.update(Action::Select(sel)).redraw;
                }
                if sel.is_some() && !a.state.details_open() {
                    redraw |= a.state.update(Action::OpenDetails).redraw;
                }
            }
            None if route.source.is_none() && a.state.selected().is_some() && !initial => {
                redraw |= a.state.update(Action::Select(None)).redraw;
            }
            None => {}
        }
        a.route = route;
    }
    if redraw {
        request_frame(app, raf);
    }
    render_panels(app, !initial || hash.len() > 1);
}

/// Shows the details or the reader as the route and state say, and keeps the list in step.
fn render_panels(app: &Shared, move_focus: bool) {
    if app.borrow().presenting {
        render_presentation(&app.borrow());
        return;
    }
    let reveal = std::mem::take(&mut app.borrow_mut().reveal_details);
    let a = app.borrow();
    let details: Option<HtmlElement> = by_id("details").ok();
    let reader: Option<HtmlElement> = by_id("reader").ok();
    let visible: Vec<bool> = a
        .bundle
        .events
        .iter()
        .map(|le| {
            a.state
                .index_of(&le.event.id)
                .is_none_or(|i| a.state.visible().get(i).copied().unwrap_or(true))
        })
        .collect();
    let selected_bundle = a
        .state
        .selected_id()
        .and_then(|id| a.bundle.event_index(id));
    let r = &a.route;
    let filtering = !r.query.is_empty() || !r.kinds.is_empty() || !r.actor.is_empty();
    let _ = panels::sync_list(&a.bundle, selected_bundle, &visible, filtering, a.t);

    if let Some(src_id) = a.route.source.clone() {
        if let (Some(src), Some(reader)) = (a.bundle.source(&src_id), reader.as_ref()) {
            let passage = a.route.passage.filter(|&n| n < src.passages.len());
            let back = a
                .last_event
                .clone()
                .filter(|id| passage.is_none_or(|n| src.passages[n].events.contains(id)))
                .or_else(|| passage.and_then(|n| src.passages[n].events.first().cloned()));
            let need_text = src.text.is_empty().then(|| src.source.file.clone());
            let warn = a.hide_testimony
                && a.bundle.events.iter().any(|le| {
                    le.event
                        .evidence
                        .iter()
                        .any(|q| q.testimony && q.source == src.source.id)
                });
            if let Ok(target) =
                panels::render_reader(src, passage, back.as_deref(), a.t, a.show_furniture, warn)
            {
                reader.set_hidden(false);
                if let Some(d) = &details {
                    d.set_hidden(true);
                }
                match target {
                    Some(m) => panels::reveal(&m, false),
                    None if move_focus => panels::reveal(reader, false),
                    None => {}
                }
            }
            drop(a);
            if let Some(file) = need_text {
                request_text(app, &file);
            }
            return;
        }
    }
    // Coming back from the reader, focus follows to the event rather than falling to <body>.
    let reader_was_open = reader.as_ref().is_some_and(|r| !r.hidden());
    if let Some(r) = &reader {
        r.set_hidden(true);
    }
    let Some(d) = details else { return };
    match selected_bundle {
        Some(i) if a.state.details_open() => {
            let _ = panels::render_details(&a.bundle, &a.bundle.events[i], a.t, a.hide_testimony);
            d.set_hidden(false);
            if reveal {
                panels::reveal_top(&d);
            } else if reader_was_open {
                // Back from the reader: to the quote link it was opened from, else the panel.
                let link = a.return_to.as_deref().and_then(|href| {
                    let links = d.query_selector_all("a.quote-link").ok()?;
                    (0..links.length())
                        .filter_map(|i| links.item(i)?.dyn_into::<web_sys::Element>().ok())
                        .find(|l| l.get_attribute("href").as_deref() == Some(href))
                });
                match link {
                    Some(l) => panels::reveal(&l, false),
                    None => {
                        let _ = d.focus();
                    }
                }
            }
            let title = a.bundle.events[i].event.title_in(a.lang).to_string();
            let date = a.bundle.events[i].event.date_label(a.lang);
            if let Some(s) = document().get_element_by_id("status") {
                s.set_text_content(Some(&format!("{}: {title}, {date}", a.t.selected)));
            }
        }
        _ => d.set_hidden(true),
    }
}

fn sync_filter_inputs(route: &Route) {
    if let Ok(i) = by_id::<HtmlInputElement>("search") {
        if i.value() != route.query {
            i.set_value(&route.query);
        }
    }
    if let Ok(s) = by_id::<HtmlSelectElement>("filter-kind") {
        s.set_value(route.kinds.first().map_or("", String::as_str));
    }
    if let Ok(s) = by_id::<HtmlSelectElement>("filter-actor") {
        s.set_value(&route.actor);
    }
}

/// Shows the content note until the visitor continues (once per browsing session).
fn content_note(app: &Shared, storage: Option<&web_sys::Storage>) {
    let seen = storage
        .and_then(|s| s.get_item(NOTE_SEEN).ok().flatten())
        .is_some();
    let Ok(note) = by_id::<HtmlElement>("content-note") else {
        return;
    };
    let main = document().get_element_by_id("main");
    if seen {
        note.set_hidden(true);
        return;
    }
    let _ = note.class_list().add_1("overlay");
    let _ = note.set_attribute("role", "dialog");
    let _ = note.set_attribute("aria-modal", "true");
    if let Some(m) = &main {
        let _ = m.set_attribute("inert", "");
    }
    if let Ok(cb) = by_id::<HtmlInputElement>("hide-testimony") {
        cb.set_checked(app.borrow().hide_testimony);
    }
    if let Ok(b) = by_id::<HtmlElement>("content-note-continue") {
        let _ = b.focus();
    }
}

/// The pointer's id and its position on the canvas, for a pointer event.
fn pointer_at(app: &Shared, e: &Event) -> Option<(i32, f64, f64)> {
    let pe = e.dyn_ref::<PointerEvent>()?;
    let (x, y) = pos_from_pointer_event(&app.borrow().canvas, pe);
    Some((pe.pointer_id(), x, y))
}

fn pos_from_pointer_event(canvas: &HtmlCanvasElement, e: &web_sys::MouseEvent) -> (f64, f64) {
    let r = canvas.get_bounding_client_rect();
    (
        f64::from(e.client_x()) - r.left(),
        f64::from(e.client_y()) - r.top(),
    )
}

/// The element an event happened on.
fn target_element(e: &Event) -> Option<web_sys::Element> {
    e.target()?.dyn_into::<web_sys::Element>().ok()
}

/// True when the key press belongs to a text field or control, not to the timeline.
fn typing_target(e: &Event) -> bool {
    target_element(e)
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

fn install_all(app: &Shared, raf: &Raf, l: &mut Listeners) -> Result<(), JsValue> {
    let canvas: EventTarget = app.borrow().canvas.clone().into();
    let win: EventTarget = window().into();
    let doc: EventTarget = document().into();

    install_pointer(app, raf, l, &canvas);
    install_wheel(app, raf, l, &canvas);
    install_keys(app, raf, l, &doc);
    install_buttons(app, raf, l)?;
    install_filters(app, raf, l)?;
    install_note_and_exit(app, raf, l)?;
    install_modes(app, raf, l)?;

    // Resize and pixel-ratio changes (browser zoom fires `resize`; layout changes such as a
    // scrollbar appearing reach only the ResizeObserver; a ratio change alone only the media
    // query in `watch_dpr`).
    {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&win, "resize", true, move |_| resize(&app, &raf));
    }
    {
        let (app2, raf) = (app.clone(), raf.clone());
        let canvas = app.borrow().canvas.clone();
        l.observe_resize(&canvas, move |_| resize(&app2, &raf));
    }
    {
        let (app, raf) = (app.clone(), raf.clone());
        l.watch_dpr(move || resize(&app, &raf));
    }
    {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&win, "hashchange", true, move |_| {
            if !app.borrow().exiting {
                track_depth(&app);
                on_hash_change(&app, &raf, false)
            }
        });
    }
    {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&win, "popstate", true, move |_| {
            if app.borrow().exiting {
                let _ = window().location().replace(&exit_href());
                return;
            }
            track_depth(&app);
            on_hash_change(&app, &raf, false)
        });
    }
    // Clicks inside the panels: close, show testimony, furniture toggle.
    let details: EventTarget = by_id::<HtmlElement>("details")?.into();
    {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&details, "click", true, move |e| {
            let Some(t) = target_element(&e) else {
                return;
            };
            if let Some(link) = t.closest("a.quote-link").ok().flatten() {
                app.borrow_mut().return_to = link.get_attribute("href");
            } else if t.id() == "details-close" {
                dispatch(&app, &raf, Action::CloseDetails);
                if let Ok(c) = by_id::<HtmlElement>("timeline-canvas") {
                    let _ = c.focus();
                }
            } else if t.class_list().contains("show-testimony") {
                if let Some(p) = t.parent_element() {
                    if let Some(bq) = p.next_element_sibling() {
                        set_hidden(&bq, false);
                        dom::focus(&bq);
                    }
                    set_hidden(&p, true);
                }
            }
        });
    }
    // A title in the list opens its event: the details then come into view with focus.
    let list: EventTarget = by_id::<HtmlElement>("event-list")?.into();
    {
        let app = app.clone();
        l.add(&list, "click", true, move |e| {
            let Some(link) =
                target_element(&e).and_then(|t| t.closest("a.ev-title").ok().flatten())
            else {
                return;
            };
            app.borrow_mut().reveal_details = true;
            // The event already in the address (its details perhaps closed with Esc): no
            // hashchange follows, so open it here.
            if link.get_attribute("href") == window().location().hash().ok() {
                if !app.borrow().state.details_open() {
                    app.borrow_mut().state.update(Action::OpenDetails);
                }
                render_panels(&app, true);
            }
        });
    }
    let reader: EventTarget = by_id::<HtmlElement>("reader")?.into();
    {
        let app = app.clone();
        l.add(&reader, "change", true, move |e| {
            let Some(cb) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            if cb.id() == "show-furniture" {
                let on = cb.checked();
                app.borrow_mut().show_furniture = on;
                if let Some(body) = document().get_element_by_id("source-text") {
                    let _ = body.class_list().toggle_with_force("show-furniture", on);
                }
            }
        });
    }
    Ok(())
}

fn resize(app: &Shared, raf: &Raf) {
    let (width, height, dpr) = canvas_size(&app.borrow().canvas);
    dispatch(app, raf, Action::Resize { width, height, dpr });
}

fn install_pointer(app: &Shared, raf: &Raf, l: &mut Listeners, canvas: &EventTarget) {
    {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(canvas, "pointerdown", true, move |e| {
            let Some(pe) = e.dyn_ref::<PointerEvent>() else {
                return;
            };
            let c = app.borrow().canvas.clone();
            let _ = c.set_pointer_capture(pe.pointer_id());
            let (x, y) = pos_from_pointer_event(&c, pe);
            let second = {
                let mut a = app.borrow_mut();
                a.pointers.retain(|p| p.0 != pe.pointer_id());
                a.pointers.push((pe.pointer_id(), x));
                a.pointers.len() == 2
            };
            if second {
                // A second finger: the gesture becomes a pinch, not a pan or tap.
                let mut a = app.borrow_mut();
                a.pinch_dist = Some((a.pointers[0].1 - a.pointers[1].1).abs().max(1.0));
                drop(a);
                dispatch(&app, &raf, Action::PointerLeave);
            } else {
                dispatch(&app, &raf, Action::PointerDown { x, y });
            }
        });
    }
    {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(canvas, "pointermove", true, move |e| {
            let Some((id, x, y)) = pointer_at(&app, &e) else {
                return;
            };
            let pinch = {
                let mut a = app.borrow_mut();
                if let Some(p) = a.pointers.iter_mut().find(|p| p.0 == id) {
                    p.1 = x;
                }
                match (a.pinch_dist, a.pointers.len()) {
                    (Some(d0), 2) => {
                        let d = (a.pointers[0].1 - a.pointers[1].1).abs().max(1.0);
                        let mid = (a.pointers[0].1 + a.pointers[1].1) / 2.0;
                        a.pinch_dist = Some(d);
                        Some((mid, d / d0))
                    }
                    _ => None,
                }
            };
            match pinch {
                Some((mid, factor)) => dispatch(&app, &raf, Action::Pinch { x: mid, factor }),
                None => dispatch(&app, &raf, Action::PointerMove { x, y }),
            }
        });
    }
    for kind in ["pointerup", "pointercancel"] {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(canvas, kind, true, move |e| {
            let Some((id, x, y)) = pointer_at(&app, &e) else {
                return;
            };
            let was_pinch = {
                let mut a = app.borrow_mut();
                a.pointers.retain(|p| p.0 != id);
                let was = a.pinch_dist.is_some();
                if a.pointers.is_empty() {
                    a.pinch_dist = None;
                }
                was
            };
            if was_pinch || e.type_() == "pointercancel" {
                dispatch(&app, &raf, Action::PointerLeave);
            } else {
                dispatch(&app, &raf, Action::PointerUp { x, y });
            }
        });
    }
    {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(canvas, "pointerleave", true, move |e| {
            // A captured pointer keeps its gesture; a mouse that leaves just stops hovering.
            let captured = e
                .dyn_ref::<PointerEvent>()
                .is_some_and(|pe| app.borrow().pointers.iter().any(|p| p.0 == pe.pointer_id()));
            if !captured {
                dispatch(&app, &raf, Action::PointerLeave);
            }
        });
    }
}

fn install_wheel(app: &Shared, raf: &Raf, l: &mut Listeners, canvas: &EventTarget) {
    let (app, raf) = (app.clone(), raf.clone());
    // Not passive: the wheel over the timeline zooms it instead of scrolling the page.
    l.add(canvas, "wheel", false, move |e| {
        let Some(we) = e.dyn_ref::<WheelEvent>() else {
            return;
        };
        e.prevent_default();
        let c = app.borrow().canvas.clone();
        let (x, _) = pos_from_pointer_event(&c, we);
        // Lines and pages become pixels, so every mouse zooms at the same rate.
        let unit = match we.delta_mode() {
            1 => 16.0,
            2 => 400.0,
            _ => 1.0,
        };
        let (dx, dy) = (we.delta_x() * unit, we.delta_y() * unit);
        if dx.abs() > dy.abs() && !we.ctrl_key() {
            dispatch(&app, &raf, Action::Pan { dx: -dx });
        } else {
            dispatch(&app, &raf, Action::Wheel { x, delta_y: dy });
        }
    });
}

fn install_keys(app: &Shared, raf: &Raf, l: &mut Listeners, doc: &EventTarget) {
    let (app, raf) = (app.clone(), raf.clone());
    l.add(doc, "keydown", false, move |e| {
        let Some(ke) = e.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let key = ke.key();
        let exit = app
            .borrow_mut()
            .shift
            .key_down(&key, ke.repeat(), js_sys::Date::now());
        if exit {
            quick_exit(&app);
            return;
        }
        if key == "Shift" {
            return;
        }
        if ke.ctrl_key() || ke.meta_key() || ke.alt_key() || typing_target(&e) {
            return;
        }
        if document()
            .get_element_by_id("main")
            .is_some_and(|m| m.has_attribute("inert"))
        {
            return;
        }
        let on_control = target_element(&e)
            .is_some_and(|el| matches!(el.tag_name().as_str(), "A" | "BUTTON" | "SUMMARY"));
        if app.borrow().presenting {
            // The keys clickers send: PageDown/PageUp, Space, arrows.
            let back = ke.shift_key();
            let action = match key.as_str() {
                // Shift+Space goes back, as in slide software.
                " " if back => Action::Prev,
                "PageDown" | " " | "ArrowRight" | "ArrowDown" => Action::Next,
                "PageUp" | "ArrowLeft" | "ArrowUp" => Action::Prev,
                "Home" => Action::First,
                "End" => Action::Last,
                "Escape" | "p" | "P" => {
                    e.prevent_default();
                    set_presenting(&app, &raf, false);
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            dispatch(&app, &raf, action);
            return;
        }
        if key == "p" || key == "P" {
            e.prevent_default();
            set_presenting(&app, &raf, true);
            return;
        }
        let action = match key.as_str() {
            "ArrowRight" => Some(Action::Next),
            "ArrowLeft" => Some(Action::Prev),
            "Home" => Some(Action::First),
            "End" => Some(Action::Last),
            "+" | "=" => Some(Action::ZoomIn),
            "-" | "_" => Some(Action::ZoomOut),
            "Enter" if !on_control => Some(Action::OpenDetails),
            "Escape" => None,
            _ => return,
        };
        e.prevent_default();
        match action {
            Some(Action::OpenDetails) => {
                dispatch(&app, &raf, Action::OpenDetails);
                if let Ok(d) = by_id::<HtmlElement>("details") {
                    if !d.hidden() {
                        let _ = d.focus();
                    }
                }
            }
            Some(a) => dispatch(&app, &raf, a),
            None => escape(&app, &raf),
        }
    });
}

/// Esc: leaves the reader for its event, else closes the details.
fn escape(app: &Shared, raf: &Raf) {
    let in_reader = app.borrow().route.source.is_some();
    if in_reader {
        let back = document()
            .get_element_by_id("reader-back")
            .and_then(|b| b.get_attribute("href"));
        match back {
            Some(h) => {
                let _ = window().location().set_hash(&h);
            }
            None => {
                let mut r = app.borrow().route.clone();
                r.source = None;
                r.passage = None;
                set_hash(app, &r, true);
                on_hash_change(app, raf, false);
            }
        }
    } else {
        dispatch(app, raf, Action::CloseDetails);
        if let Ok(c) = by_id::<HtmlElement>("timeline-canvas") {
            let _ = c.focus();
        }
    }
}

fn install_buttons(app: &Shared, raf: &Raf, l: &mut Listeners) -> Result<(), JsValue> {
    for (id, action) in [
        ("zoom-in", Action::ZoomIn),
        ("zoom-out", Action::ZoomOut),
        ("fit", Action::Fit),
        ("prev", Action::Prev),
        ("next", Action::Next),
    ] {
        let b: EventTarget = by_id::<HtmlElement>(id)?.into();
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&b, "click", true, move |_| {
            dispatch(&app, &raf, action.clone())
        });
    }
    Ok(())
}

fn install_filters(app: &Shared, raf: &Raf, l: &mut Listeners) -> Result<(), JsValue> {
    let form: EventTarget = by_id::<HtmlElement>("filters")?.into();
    {
        l.add(&form, "submit", false, |e| e.prevent_default());
    }
    for (id, kind) in [
        ("search", "input"),
        ("filter-kind", "change"),
        ("filter-actor", "change"),
    ] {
        let target: EventTarget = by_id::<HtmlElement>(id)?.into();
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&target, kind, true, move |_| {
            let mut route = app.borrow().route.clone();
            route.query = by_id::<HtmlInputElement>("search")
                .map(|i| i.value())
                .unwrap_or_default();
            let kind = by_id::<HtmlSelectElement>("filter-kind")
                .map(|s| s.value())
                .unwrap_or_default();
            route.kinds = if kind.is_empty() { vec![] } else { vec![kind] };
            route.actor = by_id::<HtmlSelectElement>("filter-actor")
                .map(|s| s.value())
                .unwrap_or_default();
            // Filters change the address in place: typing should not fill the history.
            set_hash(&app, &route, false);
            on_hash_change(&app, &raf, false);
        });
    }
    Ok(())
}

/// Hides or shows survivors' testimony (the content note's choice, which the list's filters can
/// change later), for the browsing session, in the details, the reader's warning and print.
fn set_hide_testimony(app: &Shared, hide: bool, remember: bool) {
    if remember {
        if let Ok(Some(s)) = window().session_storage() {
            let _ = s.set_item(HIDE_TESTIMONY, if hide { "1" } else { "0" });
        }
    }
    app.borrow_mut().hide_testimony = hide;
    for id in ["hide-testimony", "testimony-pref"] {
        if let Ok(cb) = by_id::<HtmlInputElement>(id) {
            cb.set_checked(hide);
        }
    }
    if let Some(html) = document().document_element() {
        let _ = html.class_list().toggle_with_force("hide-testimony", hide);
    }
}

fn install_note_and_exit(app: &Shared, _raf: &Raf, l: &mut Listeners) -> Result<(), JsValue> {
    if let Ok(pref) = by_id::<HtmlInputElement>("testimony-pref") {
        let app = app.clone();
        let target: EventTarget = pref.clone().into();
        l.add(&target, "change", true, move |_| {
            set_hide_testimony(&app, pref.checked(), true);
            render_panels(&app, false);
        });
    }
    let cont: EventTarget = by_id::<HtmlElement>("content-note-continue")?.into();
    {
        let app = app.clone();
        l.add(&cont, "click", true, move |_| {
            let hide = by_id::<HtmlInputElement>("hide-testimony").is_ok_and(|c| c.checked());
            if let Ok(Some(s)) = window().session_storage() {
                let _ = s.set_item(NOTE_SEEN, "1");
            }
            set_hide_testimony(&app, hide, true);
            if let Ok(n) = by_id::<HtmlElement>("content-note") {
                n.set_hidden(true);
            }
            if let Some(m) = document().get_element_by_id("main") {
                let _ = m.remove_attribute("inert");
            }
            // Go on to what the address opened, or else to the timeline.
            let opened = {
                let a = app.borrow();
                a.route.source.is_some() || a.route.event.is_some()
            };
            render_panels(&app, opened);
            if !opened {
                if let Ok(c) = by_id::<HtmlElement>("timeline-canvas") {
                    let _ = c.focus();
                }
            }
        });
    }
    let exit: EventTarget = by_id::<HtmlElement>("exit")?.into();
    {
        let app = app.clone();
        l.add(&exit, "click", false, move |e| {
            e.prevent_default();
            quick_exit(&app);
        });
    }
    Ok(())
}

/// The neutral address of the exit link (https only).
fn exit_href() -> String {
    document()
        .get_element_by_id("exit")
        .and_then(|e| e.get_attribute("href"))
        .filter(|h| crate::site::is_safe_url(h))
        .unwrap_or_else(|| "https://www.bbc.com/weather".into())
}

/// Leaves at once for the neutral address with `location.replace`, so Back does not return.
/// Events opened here added history entries; the page first steps back over them to its first
/// entry and replaces that one, so Back from the neutral site skips the timeline entirely.
fn quick_exit(app: &Shared) {
    let href = exit_href();
    if let Some(body) = document().body() {
        body.set_text_content(None);
    }
    // Embedded in another page: that whole page must go, not just this frame.
    if let Ok(Some(top)) = window().top() {
        // `top` belongs to another realm, where `instanceof Window` fails: compare and call it
        // without a checked cast.
        if !js_sys::Object::is(top.as_ref(), window().as_ref())
            && top.location().replace(&href).is_ok()
        {
            return;
        }
    }
    let depth = app.borrow().depth;
    if depth == 0 {
        let _ = window().location().replace(&href);
        return;
    }
    app.borrow_mut().exiting = true;
    if let Ok(h) = window().history() {
        let _ = h.go_with_delta(-(depth as i32));
    }
    // Should the browser not report arriving there, leave from wherever the page is.
    let fallback = Closure::once_into_js(move || {
        let _ = window().location().replace(&exit_href());
    });
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(fallback.unchecked_ref(), 400);
}

/// Reads which history entry the page is on; a fresh entry (a link to `#event=…`) is numbered
/// one deeper than the last.
fn track_depth(app: &Shared) {
    let Ok(h) = window().history() else { return };
    match h.state().ok().and_then(|s| s.as_f64()) {
        Some(d) => app.borrow_mut().depth = d as u32,
        None => {
            let d = app.borrow().depth + 1;
            app.borrow_mut().depth = d;
            let _ = h.replace_state(&JsValue::from_f64(f64::from(d)), "");
        }
    }
}

/// Fills the presentation panel with the selected event, in large type, and its place in the
/// sequence ("3 / 12" among the events the filters leave).
fn render_presentation(a: &App) {
    let doc = document();
    let set = |id: &str, text: &str| {
        if let Some(e) = doc.get_element_by_id(id) {
            e.set_text_content(Some(text));
        }
    };
    let visible: Vec<usize> = (0..a.state.items().len())
        .filter(|&i| a.state.visible().get(i).copied().unwrap_or(true))
        .collect();
    let pos = a
        .state
        .selected()
        .and_then(|s| visible.iter().position(|&i| i == s));
    set(
        "pres-progress",
        &format!("{} / {}", pos.map_or(0, |p| p + 1), visible.len()),
    );
    let Some(le) = a
        .state
        .selected_id()
        .and_then(|id| a.bundle.event_index(id))
        .map(|i| &a.bundle.events[i])
    else {
        return;
    };
    let e = &le.event;
    set("pres-title", e.title_in(a.lang));
    set(
        "pres-date",
        &format!("{} · {}", e.date_label(a.lang), a.t.kind(e.kind)),
    );
    set("pres-summary", e.summary_in(a.lang));
    // Every figure with whose it is, and what the sources disagree on: a projected number
    // without its source or its caveat would say more than the sources do.
    if let Some(ul) = doc.get_element_by_id("pres-figures") {
        dom::clear(&ul);
        for (i, f) in e.figures.iter().enumerate() {
            let li = dom::el("li", "", None);
            dom::append_text(&li, &format!("{}: ", e.figure_label_in(i, a.lang)));
            let value = dom::el("strong", "", Some(&f.value));
            let _ = value.set_attribute("lang", "en");
            dom::append(&li, &value);
            if let Some(src) = a.bundle.source(&f.source) {
                dom::append(
                    &li,
                    &dom::el(
                        "span",
                        "pres-cite",
                        Some(&format!(" — {}", src.source.publisher)),
                    ),
                );
            }
            dom::append(&ul, &li);
        }
    }
    if let Some(ul) = doc.get_element_by_id("pres-notes") {
        dom::clear(&ul);
        for d in 0..e.discrepancies.len() {
            let Some((about, says, note)) = e.discrepancy_in(d, a.lang) else {
                continue;
            };
            let li = dom::el("li", "", None);
            dom::append(&li, &dom::el("strong", "", Some(about)));
            let detail = note.map_or_else(|| says.join(" / "), str::to_string);
            dom::append_text(&li, &format!(": {detail}"));
            dom::append(&ul, &li);
        }
        if let Some(section) = doc.get_element_by_id("pres-disagree") {
            dom::set_hidden(&section, e.discrepancies.is_empty());
        }
    }
    if let Some(s) = doc.get_element_by_id("status") {
        s.set_text_content(Some(e.title_in(a.lang)));
    }
}

/// Enters or leaves presentation mode: full screen when the browser allows it.
fn set_presenting(app: &Shared, raf: &Raf, on: bool) {
    if app.borrow().presenting == on {
        return;
    }
    app.borrow_mut().presenting = on;
    let doc = document();
    if let Some(html) = doc.document_element() {
        let _ = html.class_list().toggle_with_force("presenting", on);
        if on {
            let _ = html.request_fullscreen();
        }
    }
    if !on && doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    }
    if let Ok(p) = by_id::<HtmlElement>("presentation") {
        p.set_hidden(!on);
    }
    if on && app.borrow().state.selected().is_none() {
        dispatch(app, raf, Action::First);
    }
    render_panels(app, false);
    if on {
        if let Ok(t) = by_id::<HtmlElement>("pres-title") {
            let _ = t.focus();
        }
    } else if let Ok(c) = by_id::<HtmlElement>("timeline-canvas") {
        let _ = c.focus();
    }
}

fn install_modes(app: &Shared, raf: &Raf, l: &mut Listeners) -> Result<(), JsValue> {
    let present: EventTarget = by_id::<HtmlElement>("present")?.into();
    {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&present, "click", true, move |_| {
            set_presenting(&app, &raf, true)
        });
    }
    let leave: EventTarget = by_id::<HtmlElement>("pres-leave")?.into();
    {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&leave, "click", true, move |_| {
            set_presenting(&app, &raf, false)
        });
    }
    // Esc in full screen is taken by the browser; leaving full screen leaves the mode too.
    let doc: EventTarget = document().into();
    {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&doc, "fullscreenchange", true, move |_| {
            if document().fullscreen_element().is_none() {
                set_presenting(&app, &raf, false);
            }
        });
    }
    let contrast: EventTarget = by_id::<HtmlElement>("contrast")?.into();
    {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&contrast, "click", true, move |_| {
            let on = !app.borrow().high_contrast;
            app.borrow_mut().high_contrast = on;
            set_contrast_class(on);
            if let Ok(Some(s)) = window().session_storage() {
                let _ = s.set_item(HIGH_CONTRAST, if on { "1" } else { "0" });
            }
            request_frame(&app, &raf);
        });
    }
    if let Ok(Some(mql)) = window().match_media("(prefers-color-scheme: dark)") {
        let target: EventTarget = mql.into();
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&target, "change", true, move |_| {
            app.borrow_mut().theme_dark = media("(prefers-color-scheme: dark)");
            request_frame(&app, &raf);
        });
    }
    let download: EventTarget = by_id::<HtmlElement>("download")?.into();
    {
        let app = app.clone();
        l.add(&download, "click", true, move |_| {
            let Ok(url) = app.borrow().canvas.to_data_url() else {
                return;
            };
            let a = dom::el("a", "", None);
            let _ = a.set_attribute("href", &url);
            let _ = a.set_attribute("download", "timeline.png");
            if let Some(body) = document().body() {
                let _ = body.append_child(&a);
                if let Some(h) = a.dyn_ref::<HtmlElement>() {
                    h.click();
                }
                a.remove();
            }
        });
    }
    // Printing: the timeline goes on paper as an image of the current view.
    let win: EventTarget = window().into();
    {
        let app = app.clone();
        l.add(&win, "beforeprint", true, move |_| {
            if let (Some(url), Ok(img)) = (
                print_image(&app.borrow()),
                by_id::<web_sys::HtmlImageElement>("print-image"),
            ) {
                img.set_src(&url);
            }
        });
    }
    Ok(())
}

/// Width in CSS px of the handout's timeline image: about the printed width, so its labels print
/// at about the size they have on screen.
const PRINT_WIDTH: f64 = 760.0;

/// The handout's timeline as a PNG data address: every event the filters leave, fitted, in the
/// light theme, with nothing selected or hovered, drawn at 3 device pixels per CSS px.
fn print_image(a: &App) -> Option<String> {
    let height = a.state.frame().height;
    let mut st = AppState::new(a.state.items().to_vec(), PRINT_WIDTH, height, 3.0);
    st.update(Action::SetVisible(a.state.visible().to_vec()));
    st.update(Action::Fit);
    let canvas: HtmlCanvasElement = document().create_element("canvas").ok()?.dyn_into().ok()?;
    let (w, h) = st.frame().device_size();
    canvas.set_width(w);
    canvas.set_height(h);
    let root = CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area();
    crate::render::draw(&root, &st, &crate::render::Theme::light()).ok()?;
    root.present().ok()?;
    canvas.to_data_url().ok()
}

/// Asks the page's loader (`www/app.js`) for a source's full text, once: it fetches the file
/// and hands it back through [`Timeline::set_source_text`]. Fetching stays in the glue code.
fn request_text(app: &Shared, file: &str) {
    if app.borrow().texts_requested.iter().any(|f| f == file) {
        return;
    }
    app.borrow_mut().texts_requested.push(file.to_string());
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(file));
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict("timeline-need-text", &init) {
        let _ = document().dispatch_event(&ev);
    }
}
