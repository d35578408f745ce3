//! The effect runner: carries out what [`Page::update`](crate::page::Page::update) returned, in
//! order. Each arm writes the DOM, the address or the canvas as told; none decides anything.

use super::dom::{self, by_id, document, get, hide, root_class, set_checked, set_text, window};
use super::draw::{self, Raf};
use super::{dispatch, Shared};
use crate::html::El;
use crate::lang::Lang;
use crate::page::{Action, Effect, Focus, LeaveBy};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};

/// Runs `effects`; true when one of them says the DOM event is handled (prevent its default).
pub fn run(app: &Shared, raf: &Raf, effects: Vec<Effect>) -> bool {
    let mut consumed = false;
    for e in effects {
        match e {
            Effect::Consumed => consumed = true,
            Effect::Redraw => draw::request(app, raf),
            Effect::Address { hash, push, entry } => set_address(&hash, push, entry),
            Effect::NumberEntry(n) => {
                if let Ok(h) = window().history() {
                    let _ = h.replace_state(&JsValue::from_f64(f64::from(n)), "");
                }
            }
            Effect::Interface(lang) => interface(lang),
            Effect::ListItems(items) => list_items(&items),
            Effect::Details(content) => panel("details", content.as_deref()),
            Effect::Reader(content) => panel("reader", content.as_deref()),
            Effect::ReaderLoading(msg) => set_text("reader-loading", &msg),
            Effect::Furniture(on) => {
                if let Some(t) = get("source-text") {
                    dom::set_class(&t, "show-furniture", on);
                }
            }
            Effect::List {
                selected,
                visible,
                count,
            } => list(app, selected.as_deref(), &visible, &count),
            Effect::FilterInputs(f) => {
                if let Ok(i) = by_id::<HtmlInputElement>("search") {
                    if i.value() != f.query {
                        i.set_value(&f.query);
                    }
                }
                if let Ok(s) = by_id::<HtmlSelectElement>("filter-kind") {
                    s.set_value(f.kinds.first().map_or("", String::as_str));
                }
                if let Ok(s) = by_id::<HtmlSelectElement>("filter-actor") {
                    s.set_value(&f.actor);
                }
            }
            Effect::ActorOptions { options, chosen } => actor_options(&options, &chosen),
            Effect::Status(text) => set_text("status", &text),
            Effect::CopyText(text) => {
                // navigator.clipboard.writeText, through Reflect: one call, no extra web-sys API.
                let clipboard = js_sys::Reflect::get(&window().navigator(), &"clipboard".into());
                if let Ok(c) = clipboard {
                    if let Ok(f) = js_sys::Reflect::get(&c, &"writeText".into()) {
                        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                            let _ = f.call1(&c, &JsValue::from_str(&text));
                        }
                    }
                }
            }
            Effect::ExitStatus(text) => set_text("exit-status", &text),
            Effect::Focus(f) => focus(app, f),
            Effect::Note(open) => note(open),
            Effect::Choices {
                hide_testimony,
                history_light,
            } => {
                for id in ["hide-testimony", "testimony-pref"] {
                    set_checked(id, hide_testimony);
                }
                for id in ["history-light", "history-pref"] {
                    set_checked(id, history_light);
                }
                root_class("hide-testimony", hide_testimony);
            }
            Effect::Contrast(on) => {
                root_class("high-contrast", on);
                if let Some(b) = get("contrast") {
                    let _ = b.set_attribute("aria-pressed", if on { "true" } else { "false" });
                }
            }
            Effect::Presenting(on) => presenting(on),
            Effect::Slide { progress, content } => {
                set_text("pres-progress", &progress);
                dom::fill("pres-slide", &content);
            }
            Effect::FetchText(file) => {
                let init = web_sys::CustomEventInit::new();
                init.set_detail(&JsValue::from_str(&file));
                if let Ok(ev) =
                    web_sys::CustomEvent::new_with_event_init_dict("timeline-need-text", &init)
                {
                    let _ = document().dispatch_event(&ev);
                }
            }
            Effect::Remember { key, on } => {
                if let Ok(Some(s)) = window().session_storage() {
                    let _ = s.set_item(key, if on { "1" } else { "0" });
                }
            }
            // Absent from the offline file and an embed's page: nothing to keep right there.
            Effect::LangLinks(nodes) => dom::fill_nodes("lang-choice", &nodes),
            Effect::FullSiteLink(hash) => {
                if let Some(a) = get("full-site") {
                    let path = window().location().pathname().unwrap_or_default();
                    let hash = if hash == "#" { "" } else { hash.as_str() };
                    let _ = a.set_attribute("href", &format!("{path}{hash}"));
                }
            }
            Effect::Title(t) => document().set_title(t),
            Effect::Leave { href, by } => leave(app, raf, &href, by),
            Effect::StartTimer { timer, ms } => {
                let (app, raf) = (app.clone(), raf.clone());
                let cb = Closure::once_into_js(move || {
                    let now = js_sys::Date::now();
                    dispatch(&app, &raf, Action::Timer { timer, now });
                });
                let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
                    cb.unchecked_ref(),
                    ms as i32,
                );
            }
            Effect::DownloadImage => draw::download(app),
            Effect::PrintImage => draw::print_image(app),
            Effect::Error(msg) => show_error(&msg),
        }
    }
    consumed
}

/// Shows a readable message in `#error`; the static list stays usable below it.
pub fn show_error(msg: &str) {
    if let Some(e) = get("error") {
        e.set_text_content(Some(msg));
        dom::set_hidden(&e, false);
    }
}

/// Writes the address: a new history entry when `push`, else in place, numbered `entry`.
fn set_address(hash: &str, push: bool, entry: u32) {
    let url = if hash == "#" {
        let loc = window().location();
        format!(
            "{}{}",
            loc.pathname().unwrap_or_default(),
            loc.search().unwrap_or_default()
        )
    } else {
        hash.to_string()
    };
    if let Ok(h) = window().history() {
        let state = JsValue::from_f64(f64::from(entry));
        let _ = if push {
            h.push_state_with_url(&state, "", Some(&url))
        } else {
            h.replace_state_with_url(&state, "", Some(&url))
        };
    }
}

/// Sets every `[data-i18n]` element's text (and the attributes people hear or see: accessible
/// names and image descriptions) from the language's table, and `<html lang>`. The core asks
/// only for a language the page was not written in (`Boot::written_in`).
fn interface(lang: Lang) {
    let t = crate::i18n::strings(lang);
    let doc = document();
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", lang.code());
    }
    doc.set_title(t.site_title);
    if let Some(error) = get("error") {
        for (attr, text) in t.loader_messages() {
            let _ = error.set_attribute(attr, text);
        }
    }
    for (marker, attr) in crate::i18n::MARKERS {
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

/// Replaces each static entry by the one built in the page's language.
fn list_items(items: &[El]) {
    for item in items {
        let Some(id) = item.get("id") else { continue };
        if let Some(old) = get(id) {
            let _ = old.replace_with_with_node_1(&dom::build(item));
        }
    }
}

fn panel(id: &str, content: Option<&[El]>) {
    match content {
        Some(els) => {
            dom::fill(id, els);
            hide(id, false);
        }
        None => hide(id, true),
    }
}

fn list(app: &Shared, selected: Option<&str>, visible: &[bool], count: &str) {
    let a = app.borrow();
    let doc = document();
    let mut shown = 0;
    for (le, &vis) in a.page.bundle().events.iter().zip(visible) {
        let id = le.event.id.as_str();
        let Some(li) = doc.get_element_by_id(&format!("ev-{id}")) else {
            continue;
        };
        if selected == Some(id) {
            let _ = li.set_attribute("aria-current", "true");
        } else {
            let _ = li.remove_attribute("aria-current");
        }
        dom::set_hidden(&li, !vis);
        shown += usize::from(vis);
    }
    hide("no-match", shown > 0);
    set_text("match-count", count);
}

fn focus(app: &Shared, f: Focus) {
    match f {
        Focus::Canvas => dom::focus(&app.borrow().canvas),
        Focus::DetailsTop => {
            if let Some(d) = get("details") {
                dom::reveal(&d, true);
            }
        }
        Focus::Details => {
            if let Some(d) = get("details") {
                dom::focus(&d);
            }
        }
        Focus::Reader => {
            if let Some(r) = get("reader") {
                dom::reveal(&r, false);
            }
        }
        Focus::Element(id) => {
            if let Some(e) = get(&id) {
                dom::reveal(&e, false);
            }
        }
        Focus::ListEntry(id) => {
            let link = document()
                .query_selector(&format!("#ev-{id} a.ev-title"))
                .ok()
                .flatten();
            if let Some(a) = link {
                dom::reveal(&a, false);
            }
        }
        Focus::PresTitle => {
            if let Some(t) = get("pres-title") {
                dom::focus(&t);
            }
        }
        Focus::NoteContinue => {
            if let Some(b) = get("content-note-continue") {
                dom::focus(&b);
            }
        }
    }
}

/// The content note as a modal dialog with the page behind it inert, or closed.
fn note(open: bool) {
    let Some(n) = get("content-note") else { return };
    let main = get("main");
    if open {
        dom::set_class(&n, "overlay", true);
        let _ = n.set_attribute("role", "dialog");
        let _ = n.set_attribute("aria-modal", "true");
        if let Some(m) = &main {
            let _ = m.set_attribute("inert", "");
        }
    } else if let Some(m) = &main {
        let _ = m.remove_attribute("inert");
    }
    dom::set_hidden(&n, !open);
}

fn presenting(on: bool) {
    let doc = document();
    root_class("presenting", on);
    if on {
        if let Some(html) = doc.document_element() {
            let _ = html.request_fullscreen();
        }
    } else if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    }
    hide("presentation", !on);
}

/// Blanks the page, then leaves for `href` as the page said.
fn leave(app: &Shared, raf: &Raf, href: &str, by: LeaveBy) {
    if let Some(body) = document().body() {
        body.set_text_content(None);
    }
    document().set_title("");
    match by {
        LeaveBy::ReplaceTop => {
            // `top` belongs to another realm, where `instanceof Window` fails: call it without
            // a checked cast. Should it refuse, leave from this frame.
            let replaced = window()
                .top()
                .ok()
                .flatten()
                .is_some_and(|top| top.location().replace(href).is_ok());
            if !replaced {
                let _ = window().location().replace(href);
            }
        }
        LeaveBy::Replace => {
            let _ = window().location().replace(href);
        }
        LeaveBy::Back(n) => {
            if let Ok(h) = window().history() {
                let _ = h.go_with_delta(-(n as i32));
            }
            // Should the browser not report arriving there, leave from wherever the page is.
            let (app, raf) = (app.clone(), raf.clone());
            let fallback = Closure::once_into_js(move || {
                let hash = window().location().hash().unwrap_or_default();
                dispatch(&app, &raf, Action::AddressChanged { hash, entry: None });
            });
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
                fallback.unchecked_ref(),
                400,
            );
        }
    }
}

/// Replaces the organisation filter's choices after its first ("all") and chooses `chosen`.
fn actor_options(options: &[(String, String)], chosen: &str) {
    let Ok(select) = by_id::<HtmlSelectElement>("filter-actor") else {
        return;
    };
    let doc = document();
    while select.length() > 1 {
        select.remove_with_index(1);
    }
    for (value, name) in options {
        if let Ok(o) = doc.create_element("option") {
            let _ = o.set_attribute("value", value);
            o.set_text_content(Some(name));
            let _ = select.append_child(&o);
        }
    }
    select.set_value(chosen);
}
