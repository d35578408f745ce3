//! The web layer (wasm32 only): DOM events in, pixels and DOM out.
//!
//! `start` (called by `www/app.js` with the page's data, already parsed by `JSON.parse`) reads
//! the value into the core's types with `serde_wasm_bindgen`, gathers what the browser knows
//! ([`Boot`]), makes the [`Page`], installs the listeners ([`install`]) and runs the effects the
//! page returns ([`effects`]), drawing the first frame at once. Every later DOM event becomes an
//! [`Action`] for [`Page::update`], whose effects [`effects::run`] carries out. The state lives in
//! the page, never in the DOM or the address bar.

mod canvas2d;
pub mod dom;
mod draw;
mod effects;
mod install;
mod listeners;

use crate::data::{Bundle, Translations, BUNDLE_VERSION};
use crate::lang::Lang;
use crate::page::{
    Action, Boot, Page, HIDE_TESTIMONY, HIGH_CONTRAST, HISTORY_LIGHT, LEFT, NOTE_SEEN,
};
use dom::{by_id, document, window};
use draw::Raf;
use listeners::Listeners;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The running page: its state, its canvas, and the frame bookkeeping.
struct Web {
    page: Page,
    canvas: HtmlCanvasElement,
    frame_pending: bool,
    frames: u32,
    /// The start's DOM effects, held back until the first frame is on screen
    /// ([`Timeline::finish`]); carried out before anything else the page does.
    pending: Vec<crate::page::Effect>,
}

type Shared = Rc<RefCell<Web>>;

/// Feeds one action to the page and carries out its effects; true when the DOM event that
/// caused it is handled (its default should be prevented).
fn dispatch(app: &Shared, raf: &Raf, action: Action) -> bool {
    let fx = app.borrow_mut().page.update(action);
    if fx.is_empty() {
        // Nothing to do (the ResizeObserver's first call, with the size the start read, comes
        // in the first frame's own rendering): the held-back effects keep waiting for it.
        return false;
    }
    finish_start(app, raf);
    effects::run(app, raf, fx)
}

/// Carries out the start's held-back DOM effects, once: an action with effects of its own that
/// comes first (a key pressed while the first frame was shown) finds the page's DOM as the
/// start left it, then writes its own.
fn finish_start(app: &Shared, raf: &Raf) {
    let fx = std::mem::take(&mut app.borrow_mut().pending);
    if !fx.is_empty() {
        effects::run(app, raf, fx);
        mark("start: DOM written");
    }
}

/// The handle `app.js` keeps: long-lived state stays in Rust.
#[wasm_bindgen]
pub struct Timeline {
    app: Shared,
    listeners: Rc<RefCell<Listeners>>,
    raf: Raf,
}

#[wasm_bindgen]
impl Timeline {
    /// Times `steps` scripted pan/zoom redraws; returns each one's milliseconds. For `make bench`.
    pub fn bench(&self, steps: u32) -> Vec<f64> {
        use crate::state::Action as ViewAction;
        let perf = window().performance();
        let now = || perf.as_ref().map_or(0.0, |p| p.now());
        let mut out = Vec::with_capacity(steps as usize);
        let w = self.app.borrow().page.view().frame().width;
        for i in 0..steps {
            let action = ViewAction::bench_step(i, w);
            let t0 = now();
            self.app.borrow_mut().page.view_mut().update(action);
            draw::frame(&self.app);
            out.push(now() - t0);
        }
        out
    }

    /// Gives the reader the whole text of the source stored at `file` (as the timeline data
    /// names it), fetched by the page's loader. A text whose passages do not match is refused
    /// with a message in the reader.
    pub fn set_source_text(&self, file: &str, text: String) {
        let action = Action::SourceText {
            file: file.into(),
            text,
        };
        dispatch(&self.app, &self.raf, action);
    }

    /// Says in the reader that the text at `file` could not be loaded.
    pub fn source_text_failed(&self, file: &str, message: &str) {
        let action = Action::SourceTextFailed {
            file: file.into(),
            message: message.into(),
        };
        dispatch(&self.app, &self.raf, action);
    }

    /// Draws the first frame (the `first-frame` mark is the bench's drawn signal). The loader
    /// calls it after [`Prepared::start`], with a turn for the browser between: each is a task of
    /// its own, shorter than the two in one.
    pub fn draw_first(&self) {
        draw::frame(&self.app);
        mark("first-frame");
    }

    /// Writes the page's DOM (panels, list state, interface strings, the history entry's
    /// number): what [`Prepared::start`] held back so that the first frame was drawn and shown
    /// first. The loader calls it once the browser has shown that frame.
    pub fn finish(&self) {
        finish_start(&self.app, &self.raf);
    }

    /// Removes every listener; the page keeps its last frame and DOM.
    pub fn destroy(&self) {
        self.listeners.borrow_mut().remove_all();
    }
}

/// The language the page will show ([`Lang::choose`]): `?lang=`, else the language of a translated
/// page (`index.ko.html`), else the browser's languages, else English. The loader asks first, to fetch that language's `data.<lang>.json` beside the page.
#[wasm_bindgen]
pub fn page_lang() -> String {
    lang_from_browser().code().into()
}

fn query_param(key: &str) -> Option<String> {
    let search = window().location().search().unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| crate::route::decode(v))
}

fn lang_from_browser() -> Lang {
    let nav = window().navigator();
    let mut langs: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if let Some(l) = nav.language() {
        langs.push(l);
    }
    Lang::choose(
        query_param("lang").as_deref(),
        written_in().as_deref(),
        &langs,
    )
}

/// The language the build wrote the page in: `<html lang>` (`index.ko.html` is "ko"), read once,
/// at the loader's first question (`page_lang`), before the page's interface effect rewrites
/// that attribute: later calls give the same answer, whatever the page shows by then.
fn written_in() -> Option<String> {
    thread_local! {
        static WRITTEN_IN: std::cell::OnceCell<Option<String>> = const { std::cell::OnceCell::new() };
    }
    WRITTEN_IN.with(|w| {
        w.get_or_init(|| {
            document()
                .document_element()
                .and_then(|html| html.get_attribute("lang"))
        })
        .clone()
    })
}

/// Reads the value into `T` with serde. serde's message names the field that does not fit
/// ("missing field `title`", "unknown variant `x`, expected one of …").
fn decode<T: serde::de::DeserializeOwned>(what: &str, value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| format!("{what}: {e}"))
}

fn media(query: &str) -> bool {
    window()
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// What the browser, the address and the session say as the page starts.
fn boot_from_browser(lang: Lang, size: (f64, f64, f64), synthetic: usize) -> Boot {
    let storage = window().session_storage().ok().flatten();
    let stored = |key: &str| {
        storage
            .as_ref()
            .and_then(|s| s.get_item(key).ok().flatten())
            .map(|v| v == "1")
    };
    let (width, height, dpr) = size;
    let root = document().document_element();
    let site_default = |attr: &str| root.as_ref().is_some_and(|r| r.has_attribute(attr));
    let framed = window()
        .top()
        .ok()
        .flatten()
        // `top` belongs to another realm when framed: compare without a checked cast.
        .is_some_and(|top| !js_sys::Object::is(top.as_ref(), window().as_ref()));
    Boot {
        lang,
        written_in: written_in()
            .as_deref()
            .and_then(Lang::from_tag)
            .unwrap_or_default(),
        hash: window().location().hash().unwrap_or_default(),
        entry: window()
            .history()
            .ok()
            .and_then(|h| h.state().ok())
            .and_then(|s| s.as_f64())
            .map(|n| n as u32),
        width,
        height,
        dpr,
        note_seen: stored(NOTE_SEEN).is_some(),
        hide_testimony: stored(HIDE_TESTIMONY).unwrap_or(false),
        high_contrast: stored(HIGH_CONTRAST).unwrap_or_else(|| media("(prefers-contrast: more)")),
        dark: media("(prefers-color-scheme: dark)"),
        history_light: stored(HISTORY_LIGHT).unwrap_or_else(|| site_default("data-history-light")),
        framed,
        exit_url: document()
            .get_element_by_id("exit")
            .and_then(|e| e.get_attribute("href"))
            .unwrap_or_default(),
        synthetic,
        left_before: stored(LEFT).unwrap_or(false),
        back_forward: navigation_type().as_deref() == Some("back_forward"),
    }
}

/// How this document was reached: `performance.getEntriesByType("navigation")[0].type`
/// ("navigate", "reload", "back_forward").
fn navigation_type() -> Option<String> {
    let entry = window()
        .performance()?
        .get_entries_by_type("navigation")
        .get(0);
    js_sys::Reflect::get(&entry, &"type".into())
        .ok()?
        .as_string()
}

/// A performance mark: `first-frame` is the bench's drawn signal (e2e/bench/timing.mjs); the
/// `start: …` ones show where start() spends its time (e2e/bench/marks.mjs, DevTools).
fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// Starts the timeline on the current page with its data (the page's `script#timeline-data`
/// block, parsed) and, for a language other than English, `data.<lang>.json` parsed
/// (`undefined` if it could not load: the events' text then stays in English). `synthetic` > 0
/// replaces the events on the canvas by that many generated ones (benchmarks only).
/// [`read`], [`Read::prepare`], [`Prepared::start`], [`Timeline::draw_first`] and
/// [`Timeline::finish`], in one go.
#[wasm_bindgen]
pub fn start(data: JsValue, translations: JsValue, synthetic: u32) -> Result<Timeline, JsValue> {
    let timeline = read(data, translations, synthetic)?.prepare()?.start()?;
    timeline.draw_first();
    timeline.finish();
    Ok(timeline)
}

/// The page made from its data, not yet shown: what [`Read::prepare`] returns for
/// [`Prepared::start`].
#[wasm_bindgen]
pub struct Prepared {
    page: Page,
    fx: Vec<crate::page::Effect>,
    canvas: HtmlCanvasElement,
}

/// The timeline's data read, not yet made into a page: what [`read`] returns for
/// [`Read::prepare`].
#[wasm_bindgen]
pub struct Read {
    bundle: Bundle,
    translations: Option<Result<Translations, String>>,
    lang: Lang,
    size: (f64, f64, f64),
    synthetic: usize,
    canvas: HtmlCanvasElement,
}

/// The first step of [`start`]: measures the canvas and reads the data into the core's types;
/// nothing on the page changes yet but `#error` on bad data. The loader gives the browser a turn
/// after it, and after [`Read::prepare`], so that starting is not one long task.
#[wasm_bindgen]
pub fn read(data: JsValue, translations: JsValue, synthetic: u32) -> Result<Read, JsValue> {
    mark("start");
    // The canvas's size first, before anything below writes to the DOM: read later, it would
    // force a style and layout pass of the whole page in the middle of starting.
    let canvas: HtmlCanvasElement = by_id("timeline-canvas")?;
    let size = draw::canvas_size(&canvas);
    let lang = lang_from_browser();
    let bundle: Bundle = decode("the timeline data in index.html", data)
        .map_err(|e| data_error(lang, format!("{e}; rebuild the site with `make dist`")))?;
    mark("start: data read");
    if bundle.version != BUNDLE_VERSION {
        return Err(data_error(
            lang,
            format!(
                "the timeline data is format {}, this page reads format {BUNDLE_VERSION}; rebuild the site with `make dist`",
                bundle.version
            ),
        ));
    }
    let translations = (!lang.is_source() && !translations.is_undefined()).then(|| {
        let name = format!("data.{}.json", lang.code());
        decode::<Translations>(&name, translations)
            .map_err(|e| format!("{e}; rebuild it with `make dist`"))
    });
    Ok(Read {
        bundle,
        translations,
        lang,
        size,
        synthetic: synthetic as usize,
        canvas,
    })
}

/// Shows the data error `detail` in `#error`, in `lang`; the value start's steps fail with.
fn data_error(lang: Lang, detail: String) -> JsValue {
    let t = crate::i18n::strings(lang);
    effects::show_error(&format!("{} ({detail})", t.data_error));
    JsValue::from_str(&detail)
}

#[wasm_bindgen]
impl Read {
    /// The second step of [`start`]: reads what the browser says and makes the [`Page`];
    /// nothing on the page changes yet but the `html.js` class (and `#error` on bad data).
    pub fn prepare(self) -> Result<Prepared, JsValue> {
        let Read {
            bundle,
            translations,
            lang,
            size,
            synthetic,
            canvas,
        } = self;
        // The canvas is shown with scripting on (style.css) and with `html.js`, which app.js
        // sets as it starts; set here too for a loader that did not.
        dom::root_class("js", true);
        let boot = boot_from_browser(lang, size, synthetic);
        mark("start: browser read");
        let (page, mut fx) =
            Page::new(bundle, translations, boot).map_err(|e| data_error(lang, e))?;
        mark("start: page made");
        // The first frame is drawn by start(), at once, rather than on the next animation frame.
        fx.retain(|e| *e != crate::page::Effect::Redraw);
        Ok(Prepared { page, fx, canvas })
    }
}

#[wasm_bindgen]
impl Prepared {
    /// The third step of [`start`]: installs the listeners and carries out what changes how the
    /// page looks; [`Timeline::draw_first`] then draws the first frame, in a task of its own.
    /// The page's DOM is written by [`Timeline::finish`] (or the first action, if sooner), so the
    /// drawn timeline reaches the screen without waiting for it.
    pub fn start(self) -> Result<Timeline, JsValue> {
        let Prepared { page, fx, canvas } = self;
        let (now, later): (Vec<_>, Vec<_>) = fx
            .into_iter()
            .partition(crate::page::Effect::before_first_frame);
        let app = Rc::new(RefCell::new(Web {
            page,
            canvas,
            frame_pending: false,
            frames: 0,
            pending: later,
        }));
        let raf: Raf = Rc::new(RefCell::new(None));
        let listeners = Rc::new(RefCell::new(Listeners::default()));
        install::install_all(&app, &raf, &mut listeners.borrow_mut());
        mark("start: listeners installed");
        // What changes how the page looks (the canvas's size with it) before the first frame.
        effects::run(&app, &raf, now);
        Ok(Timeline {
            app,
            listeners,
            raf,
        })
    }
}
