//! Smoke tests of the web layer in a real browser (`make test-wasm`: wasm-bindgen-test in headless
//! Chromium). The end-to-end tests in `e2e/` drive the built site; these start the timeline from
//! Rust on a page built from `www/index.html` and a small dataset whose text is markup
//! (`tests/fixtures/`, written by `tests/smoke_fixture.rs`), to check
//! at the web layer's own level that data is shown as text, links are https only, the first frame
//! is drawn, and keys select events.

#![cfg(target_arch = "wasm32")]

use nk_timeline::page::NOTE_SEEN;
use nk_timeline::web::dom::{document, safe_link, window};
use nk_timeline::web::{start, Timeline};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlCanvasElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

/// Puts the site's page (with the static list) into the test page and starts the timeline.
fn start_page() -> Timeline {
    // Built natively by tests/smoke_fixture.rs, as `timeline site` builds the real page.
    let json = include_str!("fixtures/smoke-bundle.json");
    let body = include_str!("fixtures/smoke-body.html");
    // Our own template, not data: the only innerHTML in the crate, and only in a test. Added
    // beside the test runner's own output, which must stay on the page.
    let host = document().create_element("div").unwrap();
    host.set_inner_html(body);
    document().body().unwrap().append_child(&host).unwrap();
    let storage = window().session_storage().unwrap().unwrap();
    storage.set_item(NOTE_SEEN, "1").unwrap();
    let _ = window().location().set_hash("");
    let data = js_sys::JSON::parse(json).unwrap();
    start(data, wasm_bindgen::JsValue::UNDEFINED, 0)
        .unwrap_or_else(|e| panic!("start failed: {e:?}"))
}

async fn next_tick() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn canvas() -> HtmlCanvasElement {
    document()
        .get_element_by_id("timeline-canvas")
        .unwrap()
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
fn text_from_data_never_becomes_markup() {
    let p = nk_timeline::web::dom::build(
        &nk_timeline::html::El::with_class("p", "x").text("<img src=x onerror=alert(1)>"),
    );
    assert_eq!(p.child_element_count(), 0);
    assert_eq!(p.text_content().unwrap(), "<img src=x onerror=alert(1)>");
}

#[wasm_bindgen_test]
fn only_https_links_become_links() {
    for bad in [
        "javascript:alert(1)",
        "http://example.org",
        "data:text/html,x",
        " https://x",
    ] {
        let e = safe_link(bad, "label");
        assert_eq!(e.tag_name(), "SPAN", "{bad}");
        assert!(e.get_attribute("href").is_none(), "{bad}");
    }
    let a = safe_link("https://example.org/report", "label");
    assert_eq!(a.tag_name(), "A");
    assert_eq!(
        a.get_attribute("href").unwrap(),
        "https://example.org/report"
    );
    assert_eq!(a.get_attribute("rel").unwrap(), "noopener noreferrer");
}

#[wasm_bindgen_test]
async fn starts_draws_and_selects_by_key_with_data_shown_as_text() {
    let t = start_page();
    let c = canvas();
    assert_eq!(c.get_attribute("data-frames").as_deref(), Some("1"));
    assert!(c.width() > 0 && c.height() > 0);
    // The first frame is not a blank canvas of the same size.
    let blank: HtmlCanvasElement = document()
        .create_element("canvas")
        .unwrap()
        .unchecked_into();
    blank.set_width(c.width());
    blank.set_height(c.height());
    assert_ne!(c.to_data_url().unwrap(), blank.to_data_url().unwrap());

    // → selects the first event; the address and then the details follow.
    let init = KeyboardEventInit::new();
    init.set_key("ArrowRight");
    init.set_bubbles(true);
    let key = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().dispatch_event(&key).unwrap();
    next_tick().await;
    next_tick().await;
    assert_eq!(window().location().hash().unwrap(), "#event=first");
    assert_eq!(c.get_attribute("data-selected").as_deref(), Some("first"));

    let title = document().get_element_by_id("details-title").unwrap();
    assert_eq!(title.text_content().unwrap(), "First <b>event</b>");
    assert_eq!(
        title.child_element_count(),
        0,
        "a title from data must stay text"
    );
    let details = document().get_element_by_id("details").unwrap();
    assert!(details.query_selector("img").unwrap().is_none());
    assert!(details.query_selector("b").unwrap().is_none());
    assert!(details
        .text_content()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
    t.destroy();
    let _ = window().location().set_hash("");
}
