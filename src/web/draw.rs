//! The canvas: its size in CSS and device pixels, drawing a frame of the page's view, and a
//! requestAnimationFrame loop with at most one frame in flight.

use super::dom::{by_id, document, window};
use super::Shared;
use crate::render::Theme;
use crate::state::AppState;
use plotters::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// The requestAnimationFrame callback, created once and reused for every frame.
pub type Raf = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;

/// CSS size of the canvas and the device pixel ratio.
pub fn canvas_size(canvas: &HtmlCanvasElement) -> (f64, f64, f64) {
    let r = canvas.get_bounding_client_rect();
    (
        r.width().max(1.0),
        r.height().max(1.0),
        window().device_pixel_ratio(),
    )
}

/// Draws `view` on `canvas`, sizing its backing store in device pixels first (the only place
/// the page deals with the ratio; the drawing scales itself through `Frame::px`).
pub fn paint(canvas: &HtmlCanvasElement, view: &AppState, theme: &Theme) -> bool {
    let (w, h) = view.frame().device_size();
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let Some(backend) = super::canvas2d::Canvas2d::new(canvas) else {
        return false;
    };
    let root = backend.into_drawing_area();
    let ok = crate::render::draw(&root, view, theme).is_ok();
    ok && root.present().is_ok()
}

/// Draws the page's current view, and writes what the tests read (docs/ARCHITECTURE.md):
/// `data-frames`, `data-view`, `data-selected`.
pub fn frame(app: &Shared) {
    let mut a = app.borrow_mut();
    a.frame_pending = false;
    let view = a.page.view();
    if !paint(&a.canvas, view, &a.page.theme()) {
        let msg = a.page.strings().wasm_error;
        drop(a);
        super::effects::show_error(msg);
        return;
    }
    let s = *view.scale();
    let selected = view.selected_id().unwrap_or("").to_string();
    a.frames += 1;
    let c = &a.canvas;
    let _ = c.set_attribute("data-frames", &a.frames.to_string());
    let _ = c.set_attribute("data-view", &format!("{:.4},{:.4}", s.d0, s.d1));
    let _ = c.set_attribute("data-selected", &selected);
}

/// Asks for a frame unless one is already coming.
pub fn request(app: &Shared, raf: &Raf) {
    if std::mem::replace(&mut app.borrow_mut().frame_pending, true) {
        return;
    }
    if raf.borrow().is_none() {
        let app2 = app.clone();
        *raf.borrow_mut() = Some(Closure::<dyn FnMut(f64)>::new(move |_t: f64| frame(&app2)));
    }
    if let Some(cb) = raf.borrow().as_ref() {
        let _ = window().request_animation_frame(cb.as_ref().unchecked_ref());
    }
}

/// The handout's timeline as a PNG data address, drawn from the page's print view.
pub fn print_image(app: &Shared) {
    let view = app.borrow().page.print_view();
    let Some(canvas) = document()
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
    else {
        return;
    };
    if !paint(&canvas, &view, &Theme::light()) {
        return;
    }
    if let (Ok(url), Ok(img)) = (
        canvas.to_data_url(),
        by_id::<web_sys::HtmlImageElement>("print-image"),
    ) {
        img.set_src(&url);
    }
}

/// Saves the canvas as `timeline.png`.
pub fn download(app: &Shared) {
    let Ok(url) = app.borrow().canvas.to_data_url() else {
        return;
    };
    let Ok(a) = document().create_element("a") else {
        return;
    };
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", "timeline.png");
    // Detached: its click downloads without reaching the page's own click listener.
    if let Some(h) = a.dyn_ref::<web_sys::HtmlElement>() {
        h.click();
    }
}
