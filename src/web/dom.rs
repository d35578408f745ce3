//! Small DOM helpers. Text from data only ever goes in through `set_text_content` or text
//! nodes, never as HTML.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

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

/// A new element with an optional class and text.
pub fn el(tag: &str, class: &str, text: Option<&str>) -> Element {
    let e = document()
        .create_element(tag)
        .expect("creating an element cannot fail for a valid tag");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if let Some(t) = text {
        e.set_text_content(Some(t));
    }
    e
}

/// Appends `child` to `parent`, ignoring the (impossible here) hierarchy error.
pub fn append(parent: &Element, child: &Element) {
    let _ = parent.append_child(child);
}

/// Appends a text node.
pub fn append_text(parent: &Element, text: &str) {
    let _ = parent.append_child(&document().create_text_node(text));
}

/// Removes every child.
pub fn clear(e: &Element) {
    e.set_text_content(None);
}

pub fn set_hidden(e: &Element, hidden: bool) {
    if let Some(h) = e.dyn_ref::<HtmlElement>() {
        h.set_hidden(hidden);
    }
}

/// A link to an https address (opening in the same tab, without referrer), or plain text for
/// anything else: data never produces a `javascript:` or `http:` link.
pub fn safe_link(href: &str, label: &str) -> Element {
    if crate::site::is_safe_url(href) {
        let a = el("a", "", Some(label));
        let _ = a.set_attribute("href", href);
        let _ = a.set_attribute("rel", "noopener noreferrer");
        a
    } else {
        el("span", "", Some(label))
    }
}

/// A link inside the page (`#…`).
pub fn hash_link(hash: &str, label: &str, class: &str) -> Element {
    let a = el("a", class, Some(label));
    let _ = a.set_attribute("href", hash);
    a
}

pub fn focus(e: &Element) {
    if let Some(h) = e.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}
