//! Addresses and selection: a deep link, keys that select and push the address, an address
//! from the browser handled once, the list's choice and the details panel opening and closing.

use super::*;

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
fn list_choice_reveals_details_and_reopens_a_closed_event() {
    let (mut p, _) = page("");
    let fx = p.update(Action::OpenEvent {
        id: "report".into(),
    });
    assert!(fx.contains(&Effect::Consumed));
    assert_eq!(focus(&fx), Some(Focus::DetailsTop));
    let fx = p.update(key("Escape"));
    assert_eq!(details(&fx), Some(None));
    assert_eq!(focus(&fx), Some(Focus::ListEntry("report".into())));
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

/// Details opened from the list's entry close back to that entry (a reader going down the list
/// keeps their place); opened any other way, or once the selection has moved on, to the timeline.
#[test]
fn closing_details_opened_from_the_list_returns_to_its_entry() {
    let (mut p, _) = page("");
    p.update(Action::OpenEvent {
        id: "famine".into(),
    });
    let fx = p.update(Action::Button(Button::CloseDetails));
    assert_eq!(focus(&fx), Some(Focus::ListEntry("famine".into())));
    // Escape closes them the same way.
    p.update(Action::OpenEvent {
        id: "famine".into(),
    });
    let fx = p.update(key("Escape"));
    assert_eq!(focus(&fx), Some(Focus::ListEntry("famine".into())));
    // Opened from the list, then stepped on with the keys: the entry is no longer the one shown.
    p.update(Action::OpenEvent {
        id: "famine".into(),
    });
    p.update(key("ArrowRight"));
    let fx = p.update(Action::Button(Button::CloseDetails));
    assert_eq!(focus(&fx), Some(Focus::Canvas));
    // Opened by the address: to the timeline.
    let (mut p, _) = page("#event=famine");
    let fx = p.update(Action::Button(Button::CloseDetails));
    assert_eq!(focus(&fx), Some(Focus::Canvas));
}
