//! The source reader: opening at the passage, focus back to the link that opened it (also on
//! the browser's Back), a refused or missing text said in the reader, its link back to an event.

use super::*;

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
fn stepping_from_the_reader_closes_it_and_focuses_the_new_events_details() {
    let (mut p, _) = page("#event=sold");
    p.update(Action::OpenPassage {
        source: "a".into(),
        passage: 0,
        from: Some("sold".into()),
    });
    let fx = p.update(key("ArrowRight"));
    assert_eq!(reader(&fx), Some(None), "the reader closes");
    assert!(
        details(&fx).unwrap().is_some(),
        "the next event's details open"
    );
    assert_eq!(focus(&fx), Some(Focus::DetailsTop));
}

#[test]
fn a_clickers_page_keys_step_the_events_when_the_timeline_has_focus() {
    let (mut p, _) = page("");
    let on = |k: &str, target: KeyTarget| {
        Action::Key(Key {
            on: target,
            ..match key(k) {
                Action::Key(k) => k,
                _ => unreachable!(),
            }
        })
    };
    // Elsewhere on the page, PageDown scrolls it, as in any page.
    assert!(p.update(on("PageDown", KeyTarget::Other)).is_empty());
    assert_eq!(p.view().selected(), None);
    let fx = p.update(on("PageDown", KeyTarget::Canvas));
    assert!(fx.contains(&Effect::Consumed));
    assert_eq!(p.view().selected(), Some(0));
    p.update(on("PageDown", KeyTarget::Canvas));
    assert_eq!(p.view().selected(), Some(1));
    p.update(on("PageUp", KeyTarget::Canvas));
    assert_eq!(p.view().selected(), Some(0));
}
