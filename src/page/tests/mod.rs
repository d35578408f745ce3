//! The page's behaviour, natively: what a click, a key, an address or a choice changes, and
//! what the web layer is told to do. This file holds the fixture (a three-event dataset) and the
//! helpers that read effects; the tests are in the files below, by topic.

use super::*;
use crate::build::{self, Inputs};
use crate::exit::WINDOW_MS;
use crate::lang::Lang;
use gesture::DeltaMode;
use std::collections::BTreeMap;

mod citations;
mod display;
mod filters;
mod gestures;
mod presentation;
mod routes;
mod safety;
mod source_reader;
mod startup;

const TEXT_A: &str = "The famine lasted years. Women were sold to brokers. \"I was sold twice,\" she said. The report has 400 pages.";
const TEXT_B: &str = "Rights groups reported abuse. The report has 36 pages.";

const SOURCES: &str = r#"[
 {"id": "a", "title": "Story A", "publisher": "Paper A", "published": "2018-11-01",
  "url": "https://a.example/story", "file": "sources/a.txt", "kind": "news",
  "sha256": "1f98badfed6a48e9200afa3759b4f9a0240f5b1a6222ec41552a13b1afaf6739"},
 {"id": "b", "title": "Story B", "publisher": "Paper B", "published": "2019",
  "url": "https://b.example/story", "file": "sources/b.txt", "kind": "wire",
  "sha256": "573c45e7b1cbc3e5e2f00cf81ff35a6c4ee4b74d60db2e7065f0709ab5afe741"}
]"#;

const EVENTS: &str = r#"[
 {"id": "famine", "title": "Famine", "start": "1994", "end": "1998", "kind": "period",
  "summary": "A famine.", "evidence": [{"source": "a", "quote": "The famine lasted years."}],
  "translations": {"ko": {"title": "기근", "summary": "기근."}}},
 {"id": "sold", "title": "Women sold", "start": "2005", "kind": "event",
  "summary": "Women were sold.", "actors": ["Brokers"],
  "evidence": [{"source": "a", "quote": "Women were sold to brokers."},
               {"source": "a", "quote": "\"I was sold twice,\" she said.", "testimony": true}]},
 {"id": "report", "title": "The report", "start": "2014-02-17", "kind": "report",
  "summary": "A report.", "actors": ["Rights groups"],
  "evidence": [{"source": "b", "quote": "Rights groups reported abuse."}],
  "figures": [{"label": "Pages", "value": "36", "source": "b", "quote": "The report has 36 pages."}],
  "discrepancies": [{"about": "Length", "accounts": [
     {"source": "a", "quote": "The report has 400 pages.", "says": "400 pages"},
     {"source": "b", "quote": "The report has 36 pages.", "says": "36 pages"}]}]}
]"#;

fn bundle() -> Bundle {
    let texts = BTreeMap::from([
        ("sources/a.txt".to_string(), TEXT_A.to_string()),
        ("sources/b.txt".to_string(), TEXT_B.to_string()),
    ]);
    let ds = build::load(&Inputs {
        events_name: "events.json",
        events: EVENTS,
        sources_name: "sources.json",
        sources: SOURCES,
        texts: &texts,
    })
    .unwrap_or_else(|e| panic!("fixture: {}", build::format_errors(&e)));
    // As the page gets it: without the full texts.
    Bundle::from_dataset(&ds).without_texts()
}

fn boot(hash: &str) -> Boot {
    Boot {
        lang: Lang::En,
        written_in: Lang::En,
        hash: hash.into(),
        entry: None,
        width: 1000.0,
        height: 300.0,
        dpr: 1.0,
        note_seen: true,
        hide_testimony: false,
        high_contrast: false,
        dark: false,
        history_light: false,
        framed: false,
        exit_url: "https://neutral.example/".into(),
        synthetic: 0,
        left_before: false,
        back_forward: false,
    }
}

/// What leaving for the fixture's neutral address `by` this way asks of the web layer: the
/// session remembers it, then the page goes.
fn leaving(by: LeaveBy) -> [Effect; 2] {
    [
        Effect::Remember {
            key: LEFT,
            on: true,
        },
        Effect::Leave {
            href: "https://neutral.example/".into(),
            by,
        },
    ]
}

fn page(hash: &str) -> (Page, Vec<Effect>) {
    Page::new(bundle(), None, boot(hash)).expect("page starts")
}

fn key(k: &str) -> Action {
    key_at(k, 0.0)
}

fn key_at(k: &str, now: f64) -> Action {
    Action::Key(Key {
        key: k.into(),
        shift: false,
        command: false,
        repeat: false,
        now,
        on: KeyTarget::Other,
    })
}

fn address(fx: &[Effect]) -> Option<(String, bool)> {
    fx.iter().find_map(|e| match e {
        Effect::Address { hash, push, .. } => Some((hash.clone(), *push)),
        _ => None,
    })
}

fn focus(fx: &[Effect]) -> Option<Focus> {
    fx.iter().rev().find_map(|e| match e {
        Effect::Focus(f) => Some(f.clone()),
        _ => None,
    })
}

fn details(fx: &[Effect]) -> Option<Option<String>> {
    fx.iter().rev().find_map(|e| match e {
        Effect::Details(d) => Some(d.as_ref().map(|els| {
            els.iter()
                .map(|e| e.text_content())
                .collect::<Vec<_>>()
                .join("\n")
        })),
        _ => None,
    })
}

fn reader(fx: &[Effect]) -> Option<Option<String>> {
    fx.iter().rev().find_map(|e| match e {
        Effect::Reader(d) => Some(d.as_ref().map(|els| {
            els.iter()
                .map(|e| e.text_content())
                .collect::<Vec<_>>()
                .join("\n")
        })),
        _ => None,
    })
}

fn status(fx: &[Effect], exit: bool) -> Vec<String> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Status(s) if !exit => Some(s.clone()),
            Effect::ExitStatus(s) if exit => Some(s.clone()),
            _ => None,
        })
        .collect()
}
