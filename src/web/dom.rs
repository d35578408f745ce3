//! DOM writers: the core's [`El`] trees become elements, and a few small helpers. Text from the
//! data only ever goes in as text nodes or attribute values, never as HTML.

use crate::html::{El, Node};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};

pub fn window() -> web_sys::Window {
    web_sys::window().expect("the timeline runs in a browser window")
}

pub fn document() -> Document {
    window()
        .document()
        .expect("the timeline runs in a page with a document")
}

/// The element with `id`, as type `T`.
pub fn by_id<T: JsCast>(id: &str) -> Result<T, JsValue> {
    document()
        .get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("the page has no #{id} element")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("#{id} is not the expected kind of element")))
}

/// The element with `id`, if the page has it.
pub fn get(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}

/// The element for a tree. Attribute names and tags come from the core's code, values and text
/// from the data; both go in through the DOM's own setters.
pub fn build(e: &El) -> Element {
    let el = document()
        .create_element(e.tag)
        .expect("creating an element cannot fail for the core's tags");
    for (k, v) in &e.attrs {
        let _ = el.set_attribute(k, v);
    }
    append_nodes(&el, &e.children);
    el
}

fn append_nodes(parent: &web_sys::Node, nodes: &[Node]) {
    for n in nodes {
        let _ = match n {
            Node::Text(t) => parent.append_child(&document().create_text_node(t)),
            Node::El(e) => parent.append_child(&build(e)),
        };
    }
}

/// Replaces the children of `#id` with these elements (built off the document first, then put in
/// at once).
pub fn fill(id: &str, els: &[El]) {
    replace_children(id, |frag| {
        for e in els {
            let _ = frag.append_child(&build(e));
        }
    });
}

/// Replaces the children of `#id` with these nodes.
pub fn fill_nodes(id: &str, nodes: &[Node]) {
    replace_children(id, |frag| append_nodes(frag, nodes));
}

/// Replaces the children of `#id` with what `add` puts into a fragment built off the document.
fn replace_children(id: &str, add: impl FnOnce(&web_sys::Node)) {
    let Some(root) = get(id) else { return };
    let frag = document().create_document_fragment();
    add(&frag);
    root.set_text_content(None);
    let _ = root.append_child(&frag);
}

pub fn set_text(id: &str, text: &str) {
    if let Some(e) = get(id) {
        if e.text_content().as_deref() != Some(text) {
            e.set_text_content(Some(text));
        }
    }
}

pub fn set_hidden(e: &Element, hidden: bool) {
    if let Some(h) = e.dyn_ref::<HtmlElement>() {
        if h.hidden() != hidden {
            h.set_hidden(hidden);
        }
    }
}

pub fn hide(id: &str, hidden: bool) {
    if let Some(e) = get(id) {
        set_hidden(&e, hidden);
    }
}

pub fn set_class(e: &Element, class: &str, on: bool) {
    let _ = e.class_list().toggle_with_force(class, on);
}

/// Toggles a class on `<html>`.
pub fn root_class(class: &str, on: bool) {
    if let Some(html) = document().document_element() {
        set_class(&html, class, on);
    }
}

pub fn set_checked(id: &str, on: bool) {
    if let Ok(cb) = by_id::<web_sys::HtmlInputElement>(id) {
        cb.set_checked(on);
    }
}

/// Focuses `e` without scrolling.
pub fn focus_still(e: &Element) {
    if let Some(h) = e.dyn_ref::<HtmlElement>() {
        let opts = web_sys::FocusOptions::new();
        opts.set_prevent_scroll(true);
        let _ = h.focus_with_options(&opts);
    }
}

pub fn focus(e: &Element) {
    if let Some(h) = e.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}

/// Scrolls `e` to the middle of the view (or its top into view, for a tall panel) and focuses it.
pub fn reveal(e: &Element, top: bool) {
    let opts = ScrollIntoViewOptions::new();
    opts.set_block(if top {
        ScrollLogicalPosition::Start
    } else {
        ScrollLogicalPosition::Center
    });
    opts.set_behavior(web_sys::ScrollBehavior::Instant);
    e.scroll_into_view_with_scroll_into_view_options(&opts);
    focus_still(e);
}

/// An `<a>` to an https address, built through the core's checked [`crate::html::link`].
pub fn safe_link(href: &str, label: &str) -> Element {
    build(&crate::html::link(href, label))
}
