//! The page the browser smoke tests (`tests/web_smoke.rs`, wasm32) start the timeline on: a small
//! dataset whose text is markup, built natively as `timeline site` builds the real page. The wasm
//! build has no loader (that is build-only), so the fixture is written here and kept in step:
//! this test fails when it is stale; `UPDATE_FIXTURES=1 cargo test --test smoke_fixture` rewrites it.

use nk_timeline::build::{self, site, Inputs};
use nk_timeline::data::Bundle;
use std::collections::BTreeMap;
use std::path::Path;

const TEXT: &str = "Women are sold into sexual slavery, the report says. Officials prey on women.";

const SOURCES: &str = r#"[{"id": "s", "title": "A <script>alert(1)</script> title",
  "publisher": "P", "published": "2019-05", "url": "https://example.org/a",
  "file": "sources/s.txt", "kind": "news", "sha256": "af46696cd6ce91d73aaace023b64cde96f80fb8c0c6dad0b35ca29fc02835238"}]"#;

const EVENTS: &str = r#"[
  {"id": "first", "title": "First <b>event</b>", "start": "2014-02-17", "kind": "report",
   "summary": "A summary with <img src=x onerror=alert(1)> markup.",
   "evidence": [{"source": "s", "quote": "sold into sexual slavery"}],
   "links": [{"label": "bad", "url": "https://example.org/report"}]},
  {"id": "second", "title": "Second event", "start": "2019-05-20", "kind": "event",
   "summary": "Second summary.", "evidence": [{"source": "s", "quote": "Officials prey on women"}]}
]"#;

/// (file, contents) of the fixture: the first-load bundle as JSON, and the page's body.
fn fixture() -> Vec<(&'static str, String)> {
    let texts = BTreeMap::from([("sources/s.txt".to_string(), TEXT.to_string())]);
    let ds = build::load(&Inputs {
        events_name: "events.json",
        events: EVENTS,
        sources_name: "sources.json",
        sources: SOURCES,
        texts: &texts,
    })
    .unwrap_or_else(|e| panic!("fixture: {}", build::format_errors(&e)));
    let b = Bundle::from_dataset(&ds);
    let json = serde_json::to_string(&b.without_texts()).unwrap();
    let page = site::render_page(
        include_str!("../www/index.html"),
        &b,
        &nk_timeline::i18n::EN,
        &json,
    )
    .expect("template has its markers");
    let body = page
        .split_once("<body")
        .and_then(|(_, rest)| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split_once("</body>"))
        .map(|(body, _)| body.to_string())
        .expect("template has a body");
    vec![
        ("smoke-bundle.json", json + "\n"),
        ("smoke-body.html", body),
    ]
}

#[test]
fn the_smoke_tests_page_is_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (name, text) in fixture() {
        let path = dir.join(name);
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::write(&path, &text).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == text,
            "{} is stale: run `UPDATE_FIXTURES=1 cargo test --test smoke_fixture`",
            path.display()
        );
    }
}
