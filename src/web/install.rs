//! One `install_*` per kind of DOM event: each turns the event into an [`Action`] and hands it
//! to [`dispatch`]; the translators are named `x_from_y`. No decision is made here: which key
//! does what, what a click on a link means for the address, when the exit fires, all live in
//! [`crate::page`].

use super::dom::{document, window};
use super::draw::{canvas_size, Raf};
use super::listeners::Listeners;
use super::{dispatch, Shared};
use crate::page::gesture::DeltaMode;
use crate::page::{Action, Button, Cite, Key, KeyTarget};
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, EventTarget, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement,
    KeyboardEvent, MouseEvent, PointerEvent, WheelEvent,
};

/// Installs every listener.
pub fn install_all(app: &Shared, raf: &Raf, l: &mut Listeners) {
    install_pointer(app, raf, l);
    install_wheel(app, raf, l);
    install_keys(app, raf, l);
    install_clicks(app, raf, l);
    install_inputs(app, raf, l);
    install_resize(app, raf, l);
    install_address(app, raf, l);
    install_window(app, raf, l);
}

/// Sends `action`, and prevents the event's default when the page handled it.
fn send(app: &Shared, raf: &Raf, e: &Event, action: Action) {
    if dispatch(app, raf, action) {
        e.prevent_default();
    }
}

fn pos_from_mouse_event(canvas: &HtmlCanvasElement, e: &MouseEvent) -> (f64, f64) {
    let r = canvas.get_bounding_client_rect();
    (
        f64::from(e.client_x()) - r.left(),
        f64::from(e.client_y()) - r.top(),
    )
}

fn canvas_of(app: &Shared) -> HtmlCanvasElement {
    app.borrow().canvas.clone()
}

fn install_pointer(app: &Shared, raf: &Raf, l: &mut Listeners) {
    let canvas = canvas_of(app);
    let target: EventTarget = canvas.clone().into();
    for kind in [
        "pointerdown",
        "pointermove",
        "pointerup",
        "pointercancel",
        "pointerleave",
    ] {
        let (app, raf, canvas) = (app.clone(), raf.clone(), canvas.clone());
        l.add(&target, kind, true, move |e| {
            let Some(pe) = e.dyn_ref::<PointerEvent>() else {
                return;
            };
            let id = pe.pointer_id();
            let (x, y) = pos_from_mouse_event(&canvas, pe);
            let action = match kind {
                "pointerdown" => {
                    // Keep receiving this pointer's moves outside the canvas while it is down.
                    let _ = canvas.set_pointer_capture(id);
                    Action::PointerDown { id, x, y }
                }
                "pointermove" => Action::PointerMove { id, x, y },
                "pointerleave" => Action::PointerLeave { id },
                _ => Action::PointerUp {
                    id,
                    x,
                    y,
                    cancelled: kind == "pointercancel",
                },
            };
            dispatch(&app, &raf, action);
        });
    }
}

fn install_wheel(app: &Shared, raf: &Raf, l: &mut Listeners) {
    let canvas = canvas_of(app);
    let target: EventTarget = canvas.clone().into();
    let (app, raf) = (app.clone(), raf.clone());
    // Not passive: the wheel over the timeline zooms it instead of scrolling the page.
    l.add(&target, "wheel", false, move |e| {
        let Some(we) = e.dyn_ref::<WheelEvent>() else {
            return;
        };
        let (x, _) = pos_from_mouse_event(&canvas, we);
        let action = Action::Wheel {
            x,
            dx: we.delta_x(),
            dy: we.delta_y(),
            mode: DeltaMode::from_dom(we.delta_mode()),
            ctrl: we.ctrl_key(),
        };
        send(&app, &raf, &e, action);
    });
}

fn target_element(e: &Event) -> Option<Element> {
    e.target()?.dyn_into::<Element>().ok()
}

fn key_target_from_event(e: &Event) -> KeyTarget {
    let el = target_element(e);
    // A checkbox or a radio button takes Space, not the arrows: a control, not a text field.
    let toggle = el
        .as_ref()
        .and_then(|el| el.get_attribute("type"))
        .is_some_and(|t| matches!(t.as_str(), "checkbox" | "radio"));
    match el.map(|el| el.tag_name()) {
        Some(t) if t == "INPUT" && toggle => KeyTarget::Control,
        Some(t) if matches!(t.as_str(), "INPUT" | "SELECT" | "TEXTAREA") => KeyTarget::TextField,
        Some(t) if matches!(t.as_str(), "A" | "BUTTON" | "SUMMARY") => KeyTarget::Control,
        Some(t) if t == "CANVAS" => KeyTarget::Canvas,
        _ => KeyTarget::Other,
    }
}

fn install_keys(app: &Shared, raf: &Raf, l: &mut Listeners) {
    let doc: EventTarget = document().into();
    let (app, raf) = (app.clone(), raf.clone());
    l.add(&doc, "keydown", false, move |e| {
        let Some(ke) = e.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let key = Key {
            key: ke.key(),
            shift: ke.shift_key(),
            command: ke.ctrl_key() || ke.meta_key() || ke.alt_key(),
            repeat: ke.repeat(),
            now: js_sys::Date::now(),
            on: key_target_from_event(&e),
        };
        send(&app, &raf, &e, Action::Key(key));
    });
}

/// A plain click: the main button, no modifier (a modified click opens a link elsewhere, as the
/// browser does).
fn is_plain_click(e: &Event) -> bool {
    e.dyn_ref::<MouseEvent>().is_none_or(|m| {
        m.button() == 0 && !(m.ctrl_key() || m.meta_key() || m.shift_key() || m.alt_key())
    })
}

/// The action a click on `t` asks for: a button of the page, a title in the list, a link to the
/// reader, the reader's way back, "Show testimony".
fn action_from_click(t: &Element, plain: bool) -> Option<Action> {
    let closest = |sel: &str| t.closest(sel).ok().flatten();
    if let Some(b) = closest("button[id]") {
        let button = match b.id().as_str() {
            "zoom-in" => Button::ZoomIn,
            "zoom-out" => Button::ZoomOut,
            "fit" => Button::Fit,
            "prev" => Button::Prev,
            "next" => Button::Next,
            "present" => Button::Present,
            "pres-leave" => Button::LeavePresentation,
            "contrast" => Button::Contrast,
            "download" => Button::Download,
            "details-close" => Button::CloseDetails,
            "content-note-continue" => Button::Continue,
            "to-passage" => Button::ToPassage,
            _ => return None,
        };
        return Some(Action::Button(button));
    }
    if let Some(b) = closest("button.copy-citation") {
        let what = if let Some(k) = b.get_attribute("data-quote") {
            Cite::Quote(k.parse().ok()?)
        } else if let Some(id) = b.get_attribute("data-cite-source") {
            Cite::Source(id)
        } else {
            Cite::Event
        };
        return Some(Action::CopyCitation(what));
    }
    if let Some(b) = closest("button.show-testimony") {
        let k = b.get_attribute("data-quote")?.parse().ok()?;
        return Some(Action::ShowTestimony(k));
    }
    if closest("#exit").is_some() {
        return Some(Action::Button(Button::Exit));
    }
    if !plain {
        return None;
    }
    if let Some(a) = closest("#event-list a.ev-title") {
        let li = a.closest("li[data-event]").ok().flatten()?;
        return Some(Action::OpenEvent {
            id: li.get_attribute("data-event")?,
        });
    }
    if let Some(a) = closest("a.quote-link") {
        return Some(Action::OpenPassage {
            source: a.get_attribute("data-source")?,
            passage: a.get_attribute("data-passage")?.parse().ok()?,
            from: Some(a.id()).filter(|id| !id.is_empty()),
        });
    }
    if closest("#reader-back").is_some() {
        return Some(Action::BackToEvent);
    }
    None
}

fn install_clicks(app: &Shared, raf: &Raf, l: &mut Listeners) {
    let doc: EventTarget = document().into();
    let (app, raf) = (app.clone(), raf.clone());
    l.add(&doc, "click", false, move |e| {
        let Some(t) = target_element(&e) else { return };
        if let Some(action) = action_from_click(&t, is_plain_click(&e)) {
            send(&app, &raf, &e, action);
        }
    });
}

/// The list's search and filters, and the visitor's choices (checkboxes).
fn install_inputs(app: &Shared, raf: &Raf, l: &mut Listeners) {
    let doc: EventTarget = document().into();
    for kind in ["input", "change"] {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&doc, kind, true, move |e| {
            let Some(t) = target_element(&e) else { return };
            let value = || {
                t.dyn_ref::<HtmlSelectElement>()
                    .map(|s| s.value())
                    .or_else(|| t.dyn_ref::<HtmlInputElement>().map(|i| i.value()))
                    .unwrap_or_default()
            };
            let checked = || t.dyn_ref::<HtmlInputElement>().is_some_and(|i| i.checked());
            let action = match (kind, t.id().as_str()) {
                ("input", "search") => Action::SetQuery(value()),
                ("change", "filter-kind") => Action::SetKind(value()),
                ("change", "filter-actor") => Action::SetActor(value()),
                ("change", "hide-testimony" | "testimony-pref") => {
                    Action::SetHideTestimony(checked())
                }
                ("change", "history-light" | "history-pref") => Action::SetHistoryLight(checked()),
                ("change", "show-furniture") => Action::SetShowFurniture(checked()),
                _ => return,
            };
            dispatch(&app, &raf, action);
        });
    }
    if let Some(form) = document().get_element_by_id("filters") {
        // The search runs as it is typed; Enter must not reload the page.
        l.add(&form.into(), "submit", false, |e| e.prevent_default());
    }
}

/// Resize and pixel-ratio changes: browser zoom fires `resize`; layout changes such as a
/// scrollbar appearing reach only the ResizeObserver; a ratio change alone only the media query.
fn install_resize(app: &Shared, raf: &Raf, l: &mut Listeners) {
    let resize = {
        let (app, raf) = (app.clone(), raf.clone());
        move || {
            let (width, height, dpr) = canvas_size(&canvas_of(&app));
            dispatch(&app, &raf, Action::Resize { width, height, dpr });
        }
    };
    let win: EventTarget = window().into();
    let r = resize.clone();
    l.add(&win, "resize", true, move |_| r());
    let r = resize.clone();
    l.observe_resize(&canvas_of(app), move |_| r());
    l.watch_dpr(resize);
}

/// The address as the browser changed it (back, forward, a followed link), with the number the
/// history entry carries.
fn install_address(app: &Shared, raf: &Raf, l: &mut Listeners) {
    let win: EventTarget = window().into();
    for kind in ["hashchange", "popstate"] {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&win, kind, true, move |_| {
            let hash = window().location().hash().unwrap_or_default();
            let entry = window()
                .history()
                .ok()
                .and_then(|h| h.state().ok())
                .and_then(|s| s.as_f64())
                .map(|n| n as u32);
            dispatch(&app, &raf, Action::AddressChanged { hash, entry });
        });
    }
}

/// Full screen, the system's colour scheme, printing and the back-forward cache.
fn install_window(app: &Shared, raf: &Raf, l: &mut Listeners) {
    let doc: EventTarget = document().into();
    {
        let (app, raf) = (app.clone(), raf.clone());
        // Esc in full screen is taken by the browser; leaving full screen leaves the mode too.
        l.add(&doc, "fullscreenchange", true, move |_| {
            if document().fullscreen_element().is_none() {
                dispatch(&app, &raf, Action::FullscreenLeft);
            }
        });
    }
    if let Ok(Some(mql)) = window().match_media("(prefers-color-scheme: dark)") {
        let target: EventTarget = mql.clone().into();
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&target, "change", true, move |_| {
            dispatch(
                &app,
                &raf,
                Action::ColorScheme {
                    dark: mql.matches(),
                },
            );
        });
    }
    let win: EventTarget = window().into();
    {
        let (app, raf) = (app.clone(), raf.clone());
        // Printing: the timeline goes on paper as an image.
        l.add(&win, "beforeprint", true, move |_| {
            dispatch(&app, &raf, Action::BeforePrint);
        });
    }
    {
        let (app, raf) = (app.clone(), raf.clone());
        l.add(&win, "pageshow", true, move |e| {
            let persisted = e
                .dyn_ref::<web_sys::PageTransitionEvent>()
                .is_some_and(|p| p.persisted());
            let left_before = window()
                .session_storage()
                .ok()
                .flatten()
                .and_then(|s| s.get_item(crate::page::LEFT).ok().flatten())
                .is_some_and(|v| v == "1");
            dispatch(
                &app,
                &raf,
                Action::PageShown {
                    persisted,
                    left_before,
                },
            );
        });
    }
}
