//! The page's behaviour, natively: what a click, a key, an address or a choice changes, and
//! what the web layer is told to do.

use super::*;
use crate::build::{self, Inputs};
use crate::exit::WINDOW_MS;
use crate::lang::Lang;
use gesture::DeltaMode;
use std::collections::BTreeMap;

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
    }
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

#[test]
fn starts_with_nothing_open_and_numbers_its_entry() {
    let (p, fx) = page("");
    assert_eq!(p.route(), Route::default());
    assert!(fx.contains(&Effect::NumberEntry(0)));
    assert!(fx.contains(&Effect::Note(false)));
    assert_eq!(details(&fx), Some(None));
    assert_eq!(
        focus(&fx),
        None,
        "a plain visit keeps the focus where it is"
    );
}

#[test]
fn the_content_note_comes_first_and_continue_goes_on() {
    let mut b = boot("#event=sold");
    b.note_seen = false;
    let (mut p, fx) = Page::new(bundle(), None, b).unwrap();
    assert!(fx.contains(&Effect::Note(true)));
    assert_eq!(focus(&fx), Some(Focus::NoteContinue));
    // Keys do nothing behind the note but count towards the exit.
    assert!(p.update(key("ArrowRight")).is_empty());
    let fx = p.update(Action::Button(Button::Continue));
    assert!(fx.contains(&Effect::Remember {
        key: NOTE_SEEN,
        on: true
    }));
    assert!(fx.contains(&Effect::Note(false)));
    assert_eq!(
        focus(&fx),
        Some(Focus::Details),
        "on to what the address opened"
    );
    assert!(p.update(Action::Button(Button::Continue)).is_empty());
}

#[test]
fn a_deep_link_opens_the_event() {
    let (p, fx) = page("#event=report");
    assert_eq!(p.route().event.as_deref(), Some("report"));
    let d = details(&fx).unwrap().unwrap();
    assert!(d.contains("The report") && d.contains("Pages: 36"), "{d}");
    assert_eq!(focus(&fx), Some(Focus::Details));
    // Unknown ids open nothing.
    let (p, _) = page("#event=nope");
    assert_eq!(p.route().event, None);
}

#[test]
fn a_key_selects_pushes_the_address_and_shows_details() {
    let (mut p, _) = page("");
    let fx = p.update(key("ArrowRight"));
    assert_eq!(
        fx[0],
        Effect::Address {
            hash: "#event=famine".into(),
            push: true,
            entry: 1
        }
    );
    assert!(fx.contains(&Effect::Consumed));
    assert!(fx.contains(&Effect::Redraw));
    assert!(details(&fx).unwrap().unwrap().contains("Famine"));
    assert_eq!(status(&fx, false), ["Selected: Famine, 1994 – 1998"]);
    let fx = p.update(key("ArrowRight"));
    assert_eq!(address(&fx), Some(("#event=sold".into(), true)));
    assert_eq!(p.entry(), 2);
}

#[test]
fn an_address_from_the_browser_is_handled_once() {
    let (mut p, _) = page("");
    let fx = p.update(Action::AddressChanged {
        hash: "#event=sold".into(),
        entry: None,
    });
    assert_eq!(address(&fx), None, "the address is not written back");
    assert!(fx.contains(&Effect::NumberEntry(1)));
    assert!(details(&fx).unwrap().unwrap().contains("Women sold"));
    // popstate and hashchange both fire for one change: the second finds nothing to do.
    let fx = p.update(Action::AddressChanged {
        hash: "#event=sold".into(),
        entry: Some(1),
    });
    assert!(fx.is_empty(), "{fx:?}");
    // Back to the first entry: nothing open.
    let fx = p.update(Action::AddressChanged {
        hash: "".into(),
        entry: Some(0),
    });
    assert_eq!(details(&fx), Some(None));
    assert_eq!(p.route(), Route::default());
    assert_eq!(p.entry(), 0);
}

#[test]
fn the_reader_opens_at_the_passage_and_returns_focus_to_its_link() {
    let (mut p, _) = page("#event=sold");
    let fx = p.update(Action::OpenPassage {
        source: "a".into(),
        passage: 1,
        from: Some("cite-0".into()),
    });
    assert!(fx.contains(&Effect::Consumed));
    assert_eq!(address(&fx), Some(("#source=a&passage=1".into(), true)));
    assert!(fx.contains(&Effect::FetchText("sources/a.txt".into())));
    assert_eq!(details(&fx), Some(None));
    let r = reader(&fx).unwrap().unwrap();
    assert!(r.contains("Story A") && r.contains("Loading"), "{r}");
    assert_eq!(focus(&fx), Some(Focus::Reader), "the text is not there yet");
    // The text arrives: the passage is marked and takes the focus.
    let fx = p.update(Action::SourceText {
        file: "sources/a.txt".into(),
        text: TEXT_A.into(),
    });
    assert!(reader(&fx)
        .unwrap()
        .unwrap()
        .contains("Women were sold to brokers."));
    assert_eq!(focus(&fx), Some(Focus::Element(reader::CURRENT_ID.into())));
    // Opening the same text again asks for nothing.
    let fx = p.update(Action::OpenPassage {
        source: "a".into(),
        passage: 2,
        from: None,
    });
    assert!(!fx.iter().any(|e| matches!(e, Effect::FetchText(_))));
    let fx = p.update(Action::OpenPassage {
        source: "a".into(),
        passage: 1,
        from: Some("cite-0".into()),
    });
    // Esc goes back to the event, and focus to the link that opened the reader.
    let _ = fx;
    let fx = p.update(key("Escape"));
    assert_eq!(address(&fx), Some(("#event=sold".into(), true)));
    assert!(details(&fx).unwrap().unwrap().contains("Women sold"));
    assert_eq!(focus(&fx), Some(Focus::Element("cite-0".into())));
}

#[test]
fn browser_back_from_the_reader_returns_focus_too() {
    let (mut p, _) = page("#event=sold");
    p.update(Action::OpenPassage {
        source: "a".into(),
        passage: 1,
        from: Some("cite-1".into()),
    });
    let fx = p.update(Action::AddressChanged {
        hash: "#event=sold".into(),
        entry: Some(0),
    });
    assert_eq!(reader(&fx), Some(None));
    assert_eq!(focus(&fx), Some(Focus::Element("cite-1".into())));
}

#[test]
fn a_refused_or_missing_text_is_said_in_the_reader() {
    let (mut p, _) = page("#source=a&passage=0");
    let fx = p.update(Action::SourceText {
        file: "sources/a.txt".into(),
        text: "another text".into(),
    });
    assert!(matches!(&fx[..], [Effect::ReaderLoading(m)] if m.contains("passage 0")));
    // It may be asked for again.
    let fx = p.update(Action::OpenPassage {
        source: "a".into(),
        passage: 0,
        from: None,
    });
    assert!(fx.contains(&Effect::FetchText("sources/a.txt".into())));
    let fx = p.update(Action::SourceTextFailed {
        file: "sources/a.txt".into(),
        message: "HTTP 404".into(),
    });
    assert!(matches!(&fx[..], [Effect::ReaderLoading(m)] if m.contains("HTTP 404")));
}

#[test]
fn the_reader_back_link_leads_to_an_event_that_cites_the_passage() {
    // Opened directly: back leads to the first event citing the passage.
    let (mut p, fx) = page("#source=b&passage=0");
    assert!(reader(&fx).unwrap().unwrap().contains("Back to the event"));
    let fx = p.update(Action::BackToEvent);
    assert_eq!(address(&fx), Some(("#event=report".into(), true)));
    assert_eq!(focus(&fx), Some(Focus::Details));
}

#[test]
fn list_choice_reveals_details_and_reopens_a_closed_event() {
    let (mut p, _) = page("");
    let fx = p.update(Action::OpenEvent {
        id: "report".into(),
    });
    assert!(fx.contains(&Effect::Consumed));
    assert_eq!(focus(&fx), Some(Focus::DetailsTop));
    let fx = p.update(key("Escape"));
    assert_eq!(details(&fx), Some(None));
    assert_eq!(focus(&fx), Some(Focus::Canvas));
    assert_eq!(address(&fx), None, "closing keeps the address");
    let fx = p.update(Action::OpenEvent {
        id: "report".into(),
    });
    assert!(details(&fx).unwrap().is_some());
    assert_eq!(focus(&fx), Some(Focus::DetailsTop));
}

#[test]
fn enter_opens_details_and_the_close_button_closes_them() {
    let (mut p, _) = page("#event=famine");
    p.update(Action::Button(Button::CloseDetails));
    let fx = p.update(key("Enter"));
    assert!(details(&fx).unwrap().is_some());
    assert_eq!(focus(&fx), Some(Focus::Details));
    // Enter on a link or button is the control's own.
    p.update(Action::Button(Button::CloseDetails));
    let fx = p.update(Action::Key(Key {
        on: KeyTarget::Control,
        ..match key("Enter") {
            Action::Key(k) => k,
            _ => unreachable!(),
        }
    }));
    assert!(fx.is_empty());
}

#[test]
fn presentation_steps_with_clicker_keys() {
    let (mut p, _) = page("");
    let fx = p.update(key("p"));
    assert!(fx.contains(&Effect::Presenting(true)));
    assert!(p.presenting());
    let slide = |fx: &[Effect]| {
        fx.iter().rev().find_map(|e| match e {
            Effect::Slide { progress, content } => Some((
                progress.clone(),
                content.iter().map(|e| e.text_content()).collect::<String>(),
            )),
            _ => None,
        })
    };
    assert_eq!(slide(&fx).unwrap().0, "1 / 3");
    assert_eq!(focus(&fx), Some(Focus::PresTitle));
    for (k, want) in [
        ("PageDown", "2 / 3"),
        (" ", "3 / 3"),
        ("PageDown", "3 / 3"),
        ("PageUp", "2 / 3"),
        ("ArrowLeft", "1 / 3"),
        ("End", "3 / 3"),
        ("Home", "1 / 3"),
    ] {
        let fx = p.update(key(k));
        assert!(fx.contains(&Effect::Consumed), "{k}");
        match slide(&fx) {
            Some((progress, _)) => assert_eq!(progress, want, "{k}"),
            // Past the last slide nothing changes.
            None => assert_eq!(want, "3 / 3", "{k}"),
        }
    }
    // Shift+Space goes back, as in slide software.
    p.update(key("End"));
    let fx = p.update(Action::Key(Key {
        shift: true,
        ..match key(" ") {
            Action::Key(k) => k,
            _ => unreachable!(),
        }
    }));
    assert_eq!(slide(&fx).unwrap().0, "2 / 3");
    // The slide shows the evidence and where the sources disagree.
    p.update(key("End"));
    let (_, text) = slide(&p.update(key("Home"))).unwrap();
    assert!(text.contains("The famine lasted years."), "{text}");
    let (_, text) = slide(&p.update(key("End"))).unwrap();
    assert!(
        text.contains("Length") && text.contains("Paper B"),
        "{text}"
    );
    let fx = p.update(key("Escape"));
    assert!(fx.contains(&Effect::Presenting(false)));
    assert_eq!(focus(&fx), Some(Focus::Canvas));
    // Leaving full screen leaves the mode.
    p.update(Action::Button(Button::Present));
    assert!(p
        .update(Action::FullscreenLeft)
        .contains(&Effect::Presenting(false)));
}

#[test]
fn slides_honour_hidden_testimony() {
    let (mut p, _) = page("#event=sold");
    p.update(Action::SetHideTestimony(true));
    let fx = p.update(Action::Button(Button::Present));
    let text: String = fx
        .iter()
        .find_map(|e| match e {
            Effect::Slide { content, .. } => {
                Some(content.iter().map(|e| e.text_content()).collect())
            }
            _ => None,
        })
        .unwrap();
    assert!(text.contains("Women were sold to brokers."));
    assert!(!text.contains("sold twice"), "{text}");
}

#[test]
fn three_shift_presses_leave_saying_what_remains() {
    let (mut p, _) = page("");
    let fx = p.update(key_at("Shift", 0.0));
    assert_eq!(
        status(&fx, true),
        ["Shift: press 2 more times to leave the page."]
    );
    assert!(fx.contains(&Effect::StartTimer {
        timer: Timer::ExitWindow,
        ms: WINDOW_MS
    }));
    let fx = p.update(key_at("Shift", 300.0));
    assert_eq!(
        status(&fx, true),
        ["Shift: press 1 more time to leave the page."]
    );
    // The window lapses: said once.
    let fx = p.update(Action::Timer {
        timer: Timer::ExitWindow,
        now: 1900.0,
    });
    assert_eq!(status(&fx, true), [p.strings().exit_lapsed]);
    assert!(p
        .update(Action::Timer {
            timer: Timer::ExitWindow,
            now: 1950.0
        })
        .is_empty());
    for t in [2000.0, 2100.0] {
        p.update(key_at("Shift", t));
    }
    let fx = p.update(key_at("Shift", 2200.0));
    assert_eq!(
        fx,
        vec![Effect::Leave {
            href: "https://neutral.example/".into(),
            by: LeaveBy::Replace
        }]
    );
    // Gone: nothing else happens, and a page brought back from the cache leaves again.
    assert!(p.update(key("ArrowRight")).is_empty());
    assert!(p
        .update(Action::PageShown { persisted: true })
        .iter()
        .any(|e| matches!(e, Effect::Leave { .. })));
}

#[test]
fn the_exit_steps_back_over_the_visit_then_replaces() {
    let (mut p, _) = page("");
    p.update(key("ArrowRight"));
    p.update(key("ArrowRight"));
    let fx = p.update(Action::Button(Button::Exit));
    assert_eq!(
        fx,
        vec![
            Effect::Consumed,
            Effect::Leave {
                href: "https://neutral.example/".into(),
                by: LeaveBy::Back(2)
            }
        ]
    );
    let fx = p.update(Action::AddressChanged {
        hash: "".into(),
        entry: Some(0),
    });
    assert_eq!(
        fx,
        vec![Effect::Leave {
            href: "https://neutral.example/".into(),
            by: LeaveBy::Replace
        }]
    );
    // Embedded: the host page goes.
    let mut b = boot("");
    b.framed = true;
    b.exit_url = "javascript:alert(1)".into();
    let (mut p, _) = Page::new(bundle(), None, b).unwrap();
    let fx = p.update(Action::Button(Button::Exit));
    assert!(fx.contains(&Effect::Leave {
        href: DEFAULT_EXIT_URL.into(),
        by: LeaveBy::ReplaceTop
    }));
}

#[test]
fn shift_tab_and_typing_do_not_count_towards_the_exit() {
    let (mut p, _) = page("");
    p.update(key_at("Shift", 0.0));
    let fx = p.update(key_at("Tab", 10.0));
    assert_eq!(status(&fx, true), [""], "the count is cleared");
    p.update(key_at("Shift", 20.0));
    p.update(key_at("Shift", 30.0));
    assert!(!p.left);
}

#[test]
fn hiding_testimony_hides_it_in_details_and_warns_in_the_reader() {
    let (mut p, _) = page("#event=sold");
    let fx = p.update(Action::SetHideTestimony(true));
    assert!(fx.contains(&Effect::Remember {
        key: HIDE_TESTIMONY,
        on: true
    }));
    assert!(fx.contains(&Effect::Choices {
        hide_testimony: true,
        history_light: false
    }));
    let d = details(&fx).unwrap().unwrap();
    assert!(d.contains("A survivor's testimony is hidden."), "{d}");
    // The quote is still in the DOM, hidden, until asked for.
    let fx = p.update(Action::ShowTestimony(1));
    let els = fx
        .iter()
        .find_map(|e| match e {
            Effect::Details(Some(els)) => Some(els.clone()),
            _ => None,
        })
        .unwrap();
    let fig = els
        .iter()
        .filter(|e| e.tag == "figure")
        .nth(1)
        .expect("the second quote");
    let hidden = |tag: &str| {
        fig.children.iter().any(
            |n| matches!(n, crate::html::Node::El(e) if e.tag == tag && e.get("hidden").is_some()),
        )
    };
    assert!(hidden("p"), "the note goes once the quote is shown");
    assert!(!hidden("blockquote"), "the quote is shown");
    assert_eq!(focus(&fx), Some(Focus::Element("quote-1".into())));
    let fx = p.update(Action::OpenPassage {
        source: "a".into(),
        passage: 0,
        from: None,
    });
    assert!(reader(&fx).unwrap().unwrap().contains("You chose to hide"));
}

#[test]
fn filters_and_search_count_what_they_leave_and_replace_the_address() {
    let (mut p, _) = page("#event=sold");
    let fx = p.update(Action::SetQuery("report".into()));
    assert_eq!(
        address(&fx),
        Some(("#q=report".into(), true)),
        "the open event was hidden"
    );
    let list = fx
        .iter()
        .find_map(|e| match e {
            Effect::List { visible, count, .. } => Some((visible.clone(), count.clone())),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        list,
        (vec![false, false, true], "Showing 1 of 3 events.".into())
    );
    let fx = p.update(Action::SetKind("report".into()));
    assert_eq!(address(&fx), Some(("#q=report&kind=report".into(), false)));
    let fx = p.update(Action::SetQuery(String::new()));
    assert_eq!(address(&fx), Some(("#kind=report".into(), false)));
    let fx = p.update(Action::SetActor("Brokers".into()));
    assert!(fx
        .iter()
        .any(|e| matches!(e, Effect::List { count, .. } if count.is_empty())));
    assert!(fx
        .iter()
        .any(|e| matches!(e, Effect::List { visible, .. } if visible.iter().all(|v| !v))));
    // An address with filters sets them, and writes them into the form.
    let (p, fx) = page("#kind=period");
    assert_eq!(p.filter().kinds, ["period"]);
    assert!(fx.contains(&Effect::FilterInputs(p.filter().clone())));
}

#[test]
fn keeping_history_light_replaces_every_entry_and_keeps_the_title_neutral() {
    let (mut p, _) = page("");
    let fx = p.update(Action::SetHistoryLight(true));
    assert!(fx.contains(&Effect::Title("Timeline")));
    assert!(fx.contains(&Effect::Remember {
        key: HISTORY_LIGHT,
        on: true
    }));
    for a in [
        key("ArrowRight"),
        Action::OpenPassage {
            source: "a".into(),
            passage: 0,
            from: None,
        },
        key("Escape"),
        Action::SetQuery("women".into()),
    ] {
        let fx = p.update(a);
        let (_, push) = address(&fx).expect("address written");
        assert!(!push);
    }
    assert_eq!(p.entry(), 0, "one entry for the whole visit");
    // The site's default applies from the start.
    let mut b = boot("");
    b.history_light = true;
    let (_, fx) = Page::new(bundle(), None, b).unwrap();
    assert!(fx.contains(&Effect::Title("Timeline")));
}

#[test]
fn pointer_gestures_click_drag_and_pinch() {
    let (mut p, _) = page("");
    let view = p.view();
    let hit = view.layout().placed_of(2).expect("placed");
    let (x, y) = (hit.x, hit.y);
    p.update(Action::PointerDown { id: 1, x, y });
    let fx = p.update(Action::PointerUp {
        id: 1,
        x,
        y,
        cancelled: false,
    });
    assert_eq!(address(&fx), Some(("#event=report".into(), true)));
    // A drag pans and selects nothing new.
    let d0 = p.view().scale().d0;
    p.update(Action::PointerDown {
        id: 1,
        x: 100.0,
        y: 10.0,
    });
    p.update(Action::PointerMove {
        id: 1,
        x: 160.0,
        y: 10.0,
    });
    let fx = p.update(Action::PointerUp {
        id: 1,
        x: 160.0,
        y: 10.0,
        cancelled: false,
    });
    assert_eq!(address(&fx), None);
    assert!(p.view().scale().d0 < d0);
    // Two fingers pinch.
    let span = p.view().scale().span();
    p.update(Action::PointerDown {
        id: 1,
        x: 400.0,
        y: 10.0,
    });
    p.update(Action::PointerDown {
        id: 2,
        x: 500.0,
        y: 10.0,
    });
    let fx = p.update(Action::PointerMove {
        id: 2,
        x: 600.0,
        y: 10.0,
    });
    assert!(fx.contains(&Effect::Redraw));
    assert!((p.view().scale().span() - span / 2.0).abs() < 1e-6);
    // The wheel zooms and is handled (the page does not scroll under it).
    let fx = p.update(Action::Wheel {
        x: 300.0,
        dx: 0.0,
        dy: -100.0,
        mode: DeltaMode::Pixel,
        ctrl: false,
    });
    assert!(fx.contains(&Effect::Consumed) && fx.contains(&Effect::Redraw));
}

#[test]
fn korean_page_rewrites_the_list_and_falls_back_on_bad_translations() {
    let mut b = boot("#event=famine");
    b.lang = Lang::Ko;
    let (p, fx) = Page::new(bundle(), None, b.clone()).unwrap();
    assert!(fx.contains(&Effect::Interface(Lang::Ko)));
    let items = fx
        .iter()
        .find_map(|e| match e {
            Effect::ListItems(i) => Some(i.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(items.len(), 3);
    assert!(items[0].text_content().contains("1994년"));
    assert_eq!(p.strings().lang, Lang::Ko);
    let (_, fx) = Page::new(bundle(), Some(Err("data.ko.json: bad".into())), b).unwrap();
    assert!(fx.contains(&Effect::Error("data.ko.json: bad".into())));
}

#[test]
fn events_out_of_date_order_are_refused() {
    let mut b = bundle();
    b.events.swap(0, 2);
    let err = Page::new(b, None, boot("")).err().unwrap();
    assert!(err.contains("date order"), "{err}");
}

#[test]
fn synthetic_items_leave_events_alone() {
    let mut b = boot("#event=sold");
    b.synthetic = 500;
    let (mut p, _) = Page::new(bundle(), None, b).unwrap();
    assert_eq!(p.view().items().len(), 500);
    assert_eq!(p.route().event, None);
    let fx = p.update(key("ArrowRight"));
    assert_eq!(address(&fx), None);
    assert!(p.update(Action::SetQuery("x".into())).is_empty());
}

#[test]
fn contrast_and_colour_scheme_redraw_with_the_theme() {
    let (mut p, _) = page("");
    let light = p.theme();
    let fx = p.update(Action::Button(Button::Contrast));
    assert!(fx.contains(&Effect::Contrast(true)) && fx.contains(&Effect::Redraw));
    assert_ne!(p.theme(), light);
    p.update(Action::Button(Button::Contrast));
    assert!(p
        .update(Action::ColorScheme { dark: true })
        .contains(&Effect::Redraw));
    assert_eq!(p.theme(), Theme::dark());
}

#[test]
fn print_view_is_fitted_with_nothing_selected() {
    let (mut p, _) = page("#event=report");
    p.update(Action::SetKind("report".into()));
    let v = p.print_view();
    assert_eq!(v.selected(), None);
    assert_eq!(v.frame().width, PRINT_WIDTH);
    assert_eq!(v.visible(), p.view().visible());
}

#[test]
fn copy_citation_copies_a_quote_an_event_or_a_source() {
    let b = bundle();
    let (mut p, _) = page("#event=sold");
    let copied = |fx: &[Effect]| -> Vec<String> {
        fx.iter()
            .filter_map(|e| match e {
                Effect::CopyText(t) => Some(t.clone()),
                _ => None,
            })
            .collect()
    };
    // A quote: the source's citation and the passage verbatim.
    let fx = p.update(Action::CopyCitation(Cite::Quote(1)));
    let q = copied(&fx);
    assert_eq!(q.len(), 1);
    assert!(q[0].starts_with(&b.sources[0].citation), "{}", q[0]);
    assert!(
        q[0].contains("\u{201C}\"I was sold twice,\" she said.\u{201D}"),
        "{}",
        q[0]
    );
    assert_eq!(status(&fx, false), vec!["Citation copied.".to_string()]);
    // The event: its title and date, then both passages it quotes, each once.
    let e = copied(&p.update(Action::CopyCitation(Cite::Event)));
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("\u{201C}Women sold\u{201D} (2005)."),
        "{}",
        e[0]
    );
    assert_eq!(e[0].matches("\n- ").count(), 2, "{}", e[0]);
    assert!(e[0].contains("Women were sold to brokers."));
    // A source of the list, whatever is open.
    let s = copied(&p.update(Action::CopyCitation(Cite::Source("b".into()))));
    assert_eq!(s, vec![b.sources[1].citation.clone()]);
    assert!(s[0].contains("Story B") && s[0].contains("https://b.example/story"));
    // Nothing to cite: an unknown source, or an event citation with no event open.
    assert!(copied(&p.update(Action::CopyCitation(Cite::Source("zz".into())))).is_empty());
    let (mut none, _) = page("");
    assert!(copied(&none.update(Action::CopyCitation(Cite::Event))).is_empty());
}
