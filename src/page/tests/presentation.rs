//! Presentation and print: stepping through slides with clicker keys, slides honouring hidden
//! testimony, the print view fitted with nothing selected.

use super::*;

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
    // The last event has a disagreement: its slides are the event, then where the sources
    // disagree; stepping back from the event after it lands on that second slide.
    for (k, want) in [
        ("PageDown", "2 / 3"),
        (" ", "3 / 3 (1/2)"),
        ("PageDown", "3 / 3 (2/2)"),
        ("PageDown", "3 / 3 (2/2)"),
        ("PageUp", "3 / 3 (1/2)"),
        ("ArrowLeft", "2 / 3"),
        ("ArrowLeft", "1 / 3"),
        ("ArrowRight", "2 / 3"),
        ("ArrowRight", "3 / 3 (1/2)"),
        ("ArrowRight", "3 / 3 (2/2)"),
        ("Home", "1 / 3"),
        ("End", "3 / 3 (1/2)"),
        ("PageDown", "3 / 3 (2/2)"),
        // Home and End go to an event's first slide, also from its own last.
        ("End", "3 / 3 (1/2)"),
    ] {
        let fx = p.update(key(k));
        assert!(fx.contains(&Effect::Consumed), "{k}");
        match slide(&fx) {
            Some((progress, _)) => assert_eq!(progress, want, "{k}"),
            // Past the last slide nothing changes.
            None => assert_eq!(want, "3 / 3 (2/2)", "{k}"),
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
    // The slide shows the evidence; the next one where the sources disagree, each side with
    // its source and date, and not the editors' note (the worksheet keeps it for the teacher).
    p.update(key("End"));
    let (_, text) = slide(&p.update(key("Home"))).unwrap();
    assert!(text.contains("The famine lasted years."), "{text}");
    let (_, text) = slide(&p.update(key("End"))).unwrap();
    assert!(!text.contains("Length"), "{text}");
    let (_, text) = slide(&p.update(key("PageDown"))).unwrap();
    assert!(
        text.contains("Length") && text.contains("Paper B, 2019"),
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
fn print_view_is_fitted_with_nothing_selected() {
    let (mut p, _) = page("#event=report");
    p.update(Action::SetKind("report".into()));
    let v = p.print_view();
    assert_eq!(v.selected(), None);
    assert_eq!(v.frame().width, PRINT_WIDTH);
    assert_eq!(v.visible(), p.view().visible());
}

#[test]
fn space_and_enter_on_a_focused_button_press_it_while_presenting() {
    let (mut p, _) = page("");
    p.update(key("p"));
    let on_button = |k: &str| {
        Action::Key(Key {
            on: KeyTarget::Control,
            ..match key(k) {
                Action::Key(k) => k,
                _ => unreachable!(),
            }
        })
    };
    for k in [" ", "Enter"] {
        let fx = p.update(on_button(k));
        assert!(!fx.contains(&Effect::Consumed), "{k}: left to the button");
        assert!(!fx.iter().any(|e| matches!(e, Effect::Slide { .. })), "{k}");
    }
    // The clicker's keys still step, whatever has focus.
    let fx = p.update(on_button("PageDown"));
    assert!(fx.contains(&Effect::Consumed));
}

#[test]
fn a_slide_kept_for_an_event_is_forgotten_when_the_selection_moves_another_way() {
    let (mut p, _) = page("");
    let slide = |fx: &[Effect]| {
        fx.iter().rev().find_map(|e| match e {
            Effect::Slide { progress, .. } => Some(progress.clone()),
            _ => None,
        })
    };
    p.update(key("p"));
    p.update(key("End"));
    assert_eq!(slide(&p.update(key("PageDown"))).unwrap(), "3 / 3 (2/2)");
    // Another event chosen on the strip (through the address here), then back by the clicker:
    // the event's first slide, and the state says so too (the next step goes to its second).
    p.update(Action::AddressChanged {
        hash: "#event=sold".into(),
        entry: None,
    });
    assert_eq!(slide(&p.update(key("PageDown"))).unwrap(), "3 / 3 (1/2)");
    assert_eq!(slide(&p.update(key("PageDown"))).unwrap(), "3 / 3 (2/2)");
    // Synthetic items (benchmarks) have no slides of their own: stepping does not panic.
    let mut b = boot("");
    b.synthetic = 40;
    let (mut s, _) = Page::new(bundle(), None, b).unwrap();
    s.update(key("p"));
    for k in ["PageDown", "PageDown", "PageUp", "End", "Home"] {
        s.update(key(k));
    }
}
