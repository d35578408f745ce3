//! Filters and search: what they leave is counted; the address is replaced (pushed only when the
//! open event is hidden); an address with filters sets them and fills the form.

use super::*;

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
