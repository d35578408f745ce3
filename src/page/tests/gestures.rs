//! Pointer gestures on the chart: click, drag and pinch.

use super::*;

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
