//! One helper that registers every listener and keeps its `Closure`, so `destroy` can remove
//! them all; plus the two observers that are not plain listeners (size and pixel ratio).

use super::dom::window;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

type EventClosure = Closure<dyn FnMut(Event)>;

/// A ResizeObserver and its callback.
type Observer = (web_sys::ResizeObserver, Closure<dyn FnMut(JsValue)>);

/// The media query that matches the current device pixel ratio, and the listener it calls.
type DprWatch = Rc<RefCell<(Option<web_sys::MediaQueryList>, Option<js_sys::Function>)>>;

/// Keeps every listener's closure alive, and removes them all on `destroy`.
#[derive(Default)]
pub struct Listeners {
    installed: Vec<(EventTarget, &'static str, EventClosure)>,
    resize: Option<Observer>,
    dpr: Option<(DprWatch, EventClosure)>,
}

impl Listeners {
    /// Calls `f` for every `kind` event on `target`. Not `passive` when `f` may prevent the
    /// default (the wheel over the canvas, keys, links the page handles itself).
    pub fn add(
        &mut self,
        target: &EventTarget,
        kind: &'static str,
        passive: bool,
        f: impl FnMut(Event) + 'static,
    ) {
        let closure = EventClosure::new(f);
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
    /// screen) fires no `resize` (MDN's `matchMedia('(resolution: Xdppx)')` pattern).
    pub fn watch_dpr(&mut self, mut f: impl FnMut() + 'static) {
        let watch: DprWatch = Rc::new(RefCell::new((None, None)));
        let w = watch.clone();
        let closure = EventClosure::new(move |_| {
            f();
            arm_dpr(&w);
        });
        watch.borrow_mut().1 = Some(closure.as_ref().unchecked_ref::<js_sys::Function>().clone());
        arm_dpr(&watch);
        self.dpr = Some((watch, closure));
    }

    /// Calls `f` whenever `target` changes size (layout, scrollbars, rotation).
    pub fn observe_resize(&mut self, target: &web_sys::Element, f: impl FnMut(JsValue) + 'static) {
        let closure = Closure::<dyn FnMut(JsValue)>::new(f);
        if let Ok(obs) = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()) {
            obs.observe(target);
            self.resize = Some((obs, closure));
        }
    }

    pub fn remove_all(&mut self) {
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
