//! What keeps a visitor safe: the content note first, the quick exit (three Shift presses, what
//! counts towards it, how it steps back over the visit), hiding testimony, and history kept
//! light.

use super::*;

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
    assert_eq!(fx, leaving(LeaveBy::Replace).to_vec());
    // Gone: nothing else happens, and a page brought back from the cache leaves again.
    assert!(p.update(key("ArrowRight")).is_empty());
    assert!(p
        .update(Action::PageShown {
            persisted: true,
            left_before: true
        })
        .iter()
        .any(|e| matches!(e, Effect::Leave { .. })));
    // Another copy in the tab, never left itself, brought back from the cache after the exit
    // left from this one: it leaves too; shown again without an exit, it stays.
    let (mut other, _) = page("#event=sold");
    let shown = |p: &mut Page, left_before| {
        p.update(Action::PageShown {
            persisted: true,
            left_before,
        })
    };
    assert!(!shown(&mut other, false)
        .iter()
        .any(|e| matches!(e, Effect::Leave { .. })));
    assert!(shown(&mut other, true)
        .iter()
        .any(|e| matches!(e, Effect::Leave { .. })));
    // Embedded, leaving again takes the host page too, as the exit does.
    let mut b = boot("");
    b.framed = true;
    let (mut framed, _) = Page::new(bundle(), None, b).unwrap();
    assert_eq!(shown(&mut framed, true), leaving(LeaveBy::ReplaceTop));
}

#[test]
fn the_exit_steps_back_over_the_visit_then_replaces() {
    let (mut p, _) = page("");
    p.update(key("ArrowRight"));
    p.update(key("ArrowRight"));
    let fx = p.update(Action::Button(Button::Exit));
    assert_eq!(
        fx,
        [&[Effect::Consumed][..], &leaving(LeaveBy::Back(2))].concat()
    );
    let fx = p.update(Action::AddressChanged {
        hash: "".into(),
        entry: Some(0),
    });
    assert_eq!(fx, leaving(LeaveBy::Replace).to_vec());
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
    // The warning takes the focus, before the page moves down to the passage.
    assert_eq!(
        focus(&fx),
        Some(Focus::Element(crate::reader::WARNING_ID.into()))
    );
}

#[test]
fn a_source_that_carries_testimony_no_event_quotes_warns_too() {
    let open_b = |p: &mut Page| {
        p.update(Action::OpenPassage {
            source: "b".into(),
            passage: 0,
            from: None,
        })
    };
    let mut b = bundle();
    let (mut p, _) = Page::new(b.clone(), None, boot("")).unwrap();
    p.update(Action::SetHideTestimony(true));
    let fx = open_b(&mut p);
    assert!(!reader(&fx).unwrap().unwrap().contains("You chose to hide"));
    // (The text is still loading: the reader itself takes the focus.)
    assert_eq!(focus(&fx), Some(Focus::Reader));
    let i = b.sources.iter().position(|s| s.source.id == "b").unwrap();
    b.sources[i].source.testimony = true;
    let (mut p, _) = Page::new(b, None, boot("")).unwrap();
    p.update(Action::SetHideTestimony(true));
    let fx = open_b(&mut p);
    assert!(reader(&fx).unwrap().unwrap().contains("You chose to hide"));
    assert_eq!(
        focus(&fx),
        Some(Focus::Element(crate::reader::WARNING_ID.into()))
    );
    // Not hiding testimony: straight to the passage.
    p.update(Action::SetHideTestimony(false));
    let fx = open_b(&mut p);
    assert!(!reader(&fx).unwrap().unwrap().contains("You chose to hide"));
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
        let (hash, push) = address(&fx).expect("address written");
        assert!(!push);
        // What was searched for stays out of the address (and the browser's history).
        assert!(!hash.contains("women"), "{hash}");
    }
    assert_eq!(p.entry(), 0, "one entry for the whole visit");
    // An address without a search (a link followed on the page) keeps what was typed.
    p.update(Action::AddressChanged {
        hash: "#event=report".into(),
        entry: Some(0),
    });
    assert_eq!(p.filter().query, "women", "still searched for");
    // Turned on during a search, the search leaves the address at once, in place.
    let (mut p, _) = page("");
    p.update(Action::SetQuery("women".into()));
    let fx = p.update(Action::SetHistoryLight(true));
    let (hash, push) = address(&fx).expect("address rewritten");
    assert!(!push && !hash.contains("women"), "{hash}");
    // The site's default applies from the start.
    let mut b = boot("");
    b.history_light = true;
    let (_, fx) = Page::new(bundle(), None, b).unwrap();
    assert!(fx.contains(&Effect::Title("Timeline")));
}

#[test]
fn a_copy_reached_by_back_or_forward_after_the_exit_leaves_again_at_once() {
    // Leaving remembers it for the tab's session, before the page goes.
    let (mut p, _) = page("#event=sold");
    p.update(Action::AddressChanged {
        hash: "#event=report".into(),
        entry: Some(2),
    });
    let mut fx = Vec::new();
    for t in [0.0, 100.0, 200.0] {
        fx = p.update(key_at("Shift", t));
    }
    let remembered = fx.iter().position(|e| {
        *e == Effect::Remember {
            key: LEFT,
            on: true,
        }
    });
    let leave = fx.iter().position(|e| matches!(e, Effect::Leave { .. }));
    assert!(remembered.is_some() && remembered < leave, "{fx:?}");
    // Forward from the neutral site to an entry the visit added: out again, nothing shown,
    // and before the first frame.
    let mut b = boot("#event=report");
    b.entry = Some(2);
    b.left_before = true;
    b.back_forward = true;
    let (_, fx) = Page::new(bundle(), None, b).unwrap();
    assert_eq!(fx, leaving(LeaveBy::Replace).to_vec());
    assert!(fx[1].before_first_frame(), "the leaving waits for no frame");
    // A new visit in the same tab (a link, the address bar, a reload) shows the page and
    // forgets the exit.
    let mut b = boot("#event=report");
    b.left_before = true;
    let (_, fx) = Page::new(bundle(), None, b).unwrap();
    assert!(fx.contains(&Effect::Remember {
        key: LEFT,
        on: false
    }));
    assert!(!fx.iter().any(|e| matches!(e, Effect::Leave { .. })));
    assert!(fx.iter().any(|e| matches!(e, Effect::Details(Some(_)))));
    // Back or Forward within a visit that never left is ordinary.
    let mut b = boot("#event=report");
    b.back_forward = true;
    let (_, fx) = Page::new(bundle(), None, b).unwrap();
    assert!(!fx.iter().any(|e| matches!(e, Effect::Leave { .. })));
}

#[test]
fn after_the_testimony_warning_a_button_goes_on_to_the_passage() {
    let (mut p, _) = page("#event=sold");
    p.update(Action::SetHideTestimony(true));
    p.update(Action::OpenPassage {
        source: "a".into(),
        passage: 0,
        from: None,
    });
    let fx = p.update(Action::SourceText {
        file: "sources/a.txt".into(),
        text: TEXT_A.into(),
    });
    let r = reader(&fx).unwrap().unwrap();
    assert!(r.contains("Go to the cited passage"), "{r}");
    assert_eq!(
        focus(&fx),
        Some(Focus::Element(crate::reader::WARNING_ID.into()))
    );
    let fx = p.update(Action::Button(Button::ToPassage));
    assert_eq!(
        fx,
        vec![Effect::Focus(Focus::Element(
            crate::reader::CURRENT_ID.into()
        ))]
    );
    // Without a reader open, the button does nothing.
    p.update(Action::BackToEvent);
    assert!(p.update(Action::Button(Button::ToPassage)).is_empty());
}

#[test]
fn the_korean_count_says_two_more_times_in_words() {
    let mut b = boot("");
    b.lang = Lang::Ko;
    let (mut p, _) = Page::new(bundle(), None, b).unwrap();
    let fx = p.update(key_at("Shift", 0.0));
    assert_eq!(
        status(&fx, true),
        ["Shift 키를 두 번 더 누르면 페이지를 나갑니다."]
    );
    let fx = p.update(key_at("Shift", 300.0));
    assert_eq!(
        status(&fx, true),
        ["Shift 키를 한 번 더 누르면 페이지를 나갑니다."]
    );
}
