//! Pointer gestures and the wheel as pure reducers: raw pointer and wheel events (in CSS px on
//! the canvas) in, the timeline's [`ViewAction`]s out. One pointer pans or taps; a second one
//! turns the gesture into a pinch, which zooms about the fingers' midpoint.

use crate::state::Action as ViewAction;

/// Pointers currently down, and the pinch under way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gestures {
    /// (pointer id, x) of each pointer down, in the order they went down.
    pointers: Vec<(i32, f64)>,
    /// Distance between the two fingers at the last move, while pinching.
    pinch_dist: Option<f64>,
}

impl Gestures {
    pub fn down(&mut self, id: i32, x: f64, y: f64) -> Vec<ViewAction> {
        self.pointers.retain(|p| p.0 != id);
        self.pointers.push((id, x));
        if self.pointers.len() == 2 {
            // A second finger: the gesture becomes a pinch, not a pan or a tap.
            self.pinch_dist = Some(self.spread());
            vec![ViewAction::PointerLeave]
        } else if self.pointers.len() == 1 {
            vec![ViewAction::PointerDown { x, y }]
        } else {
            Vec::new()
        }
    }

    pub fn moved(&mut self, id: i32, x: f64, y: f64) -> Vec<ViewAction> {
        if let Some(p) = self.pointers.iter_mut().find(|p| p.0 == id) {
            p.1 = x;
        }
        match (self.pinch_dist, self.pointers.len()) {
            (Some(d0), 2) => {
                let d = self.spread();
                let mid = (self.pointers[0].1 + self.pointers[1].1) / 2.0;
                self.pinch_dist = Some(d);
                vec![ViewAction::Pinch {
                    x: mid,
                    factor: d / d0,
                }]
            }
            // Fingers left over from a pinch do nothing until all are up.
            (Some(_), _) => Vec::new(),
            (None, _) => vec![ViewAction::PointerMove { x, y }],
        }
    }

    /// A pointer came up (`cancelled` for `pointercancel`).
    pub fn up(&mut self, id: i32, x: f64, y: f64, cancelled: bool) -> Vec<ViewAction> {
        self.pointers.retain(|p| p.0 != id);
        let was_pinch = self.pinch_dist.is_some();
        if self.pointers.is_empty() {
            self.pinch_dist = None;
        }
        if was_pinch || cancelled {
            vec![ViewAction::PointerLeave]
        } else {
            vec![ViewAction::PointerUp { x, y }]
        }
    }

    /// The pointer left the canvas: a captured pointer keeps its gesture; a mouse that leaves
    /// just stops hovering.
    pub fn left(&mut self, id: i32) -> Vec<ViewAction> {
        if self.pointers.iter().any(|p| p.0 == id) {
            Vec::new()
        } else {
            vec![ViewAction::PointerLeave]
        }
    }

    pub fn is_pinching(&self) -> bool {
        self.pinch_dist.is_some()
    }

    fn spread(&self) -> f64 {
        (self.pointers[0].1 - self.pointers[1].1).abs().max(1.0)
    }
}

/// How a wheel event's deltas are measured (`WheelEvent.deltaMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeltaMode {
    Pixel,
    Line,
    Page,
}

impl DeltaMode {
    pub fn from_dom(mode: u32) -> DeltaMode {
        match mode {
            1 => DeltaMode::Line,
            2 => DeltaMode::Page,
            _ => DeltaMode::Pixel,
        }
    }

    /// Pixels per unit, so every mouse zooms at the same rate.
    fn px(self) -> f64 {
        match self {
            DeltaMode::Pixel => 1.0,
            DeltaMode::Line => 16.0,
            DeltaMode::Page => 400.0,
        }
    }
}

/// A wheel event at `x`: a mostly sideways scroll pans (a trackpad swipe), anything else zooms
/// at the pointer; with Ctrl (a trackpad pinch) it always zooms.
pub fn wheel(x: f64, dx: f64, dy: f64, mode: DeltaMode, ctrl: bool) -> ViewAction {
    let (dx, dy) = (dx * mode.px(), dy * mode.px());
    if dx.abs() > dy.abs() && !ctrl {
        ViewAction::Pan { dx: -dx }
    } else {
        ViewAction::Wheel { x, delta_y: dy }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pointer_is_down_move_up() {
        let mut g = Gestures::default();
        assert_eq!(
            g.down(1, 10.0, 5.0),
            vec![ViewAction::PointerDown { x: 10.0, y: 5.0 }]
        );
        assert_eq!(
            g.moved(1, 30.0, 5.0),
            vec![ViewAction::PointerMove { x: 30.0, y: 5.0 }]
        );
        assert_eq!(
            g.up(1, 30.0, 5.0, false),
            vec![ViewAction::PointerUp { x: 30.0, y: 5.0 }]
        );
        // A hover (no pointer down) is a move too.
        assert_eq!(
            g.moved(7, 3.0, 4.0),
            vec![ViewAction::PointerMove { x: 3.0, y: 4.0 }]
        );
    }

    #[test]
    fn a_second_finger_pinches_about_the_midpoint() {
        let mut g = Gestures::default();
        g.down(1, 100.0, 50.0);
        assert_eq!(g.down(2, 200.0, 50.0), vec![ViewAction::PointerLeave]);
        assert!(g.is_pinching());
        // The fingers spread from 100 px to 200 px apart: zoom in twice, about x = 150.
        assert_eq!(
            g.moved(1, 50.0, 50.0),
            vec![ViewAction::Pinch {
                x: 125.0,
                factor: 1.5
            }]
        );
        assert_eq!(
            g.moved(2, 250.0, 50.0),
            vec![ViewAction::Pinch {
                x: 150.0,
                factor: 200.0 / 150.0
            }]
        );
        // Lifting one finger ends the pinch without a tap; the other does nothing until up.
        assert_eq!(g.up(1, 50.0, 50.0, false), vec![ViewAction::PointerLeave]);
        assert_eq!(g.moved(2, 260.0, 50.0), Vec::new());
        assert_eq!(g.up(2, 260.0, 50.0, false), vec![ViewAction::PointerLeave]);
        assert!(!g.is_pinching());
        assert_eq!(
            g.down(3, 1.0, 1.0),
            vec![ViewAction::PointerDown { x: 1.0, y: 1.0 }]
        );
    }

    #[test]
    fn cancel_and_leave() {
        let mut g = Gestures::default();
        g.down(1, 10.0, 5.0);
        assert_eq!(
            g.left(1),
            Vec::new(),
            "a captured pointer keeps its gesture"
        );
        assert_eq!(g.up(1, 10.0, 5.0, true), vec![ViewAction::PointerLeave]);
        assert_eq!(g.left(1), vec![ViewAction::PointerLeave]);
    }

    #[test]
    fn wheel_zooms_or_pans() {
        assert_eq!(
            wheel(40.0, 0.0, 3.0, DeltaMode::Line, false),
            ViewAction::Wheel {
                x: 40.0,
                delta_y: 48.0
            }
        );
        assert_eq!(
            wheel(40.0, -30.0, 5.0, DeltaMode::Pixel, false),
            ViewAction::Pan { dx: 30.0 }
        );
        assert_eq!(
            wheel(40.0, -30.0, 5.0, DeltaMode::Pixel, true),
            ViewAction::Wheel {
                x: 40.0,
                delta_y: 5.0
            }
        );
        assert_eq!(DeltaMode::from_dom(2), DeltaMode::Page);
    }
}
