//! The quick exit's keyboard trigger: Shift pressed three times in a row, quickly.
//!
//! Only deliberate presses count: a held Shift sends auto-repeated key-downs, and Shift+Tab
//! (moving focus backwards) is a Shift followed by another key; neither may throw a visitor out
//! of the page by accident. Each counted press says how many remain, and a count that lapses says
//! so too (as GOV.UK's "Exit this page" does), so a visitor who pressed Shift in fear knows
//! whether the page is about to go.

/// Presses must fall within this many milliseconds.
pub const WINDOW_MS: f64 = 1500.0;
/// Presses needed.
pub const PRESSES: usize = 3;

/// What one key-down did to the count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Press {
    /// Not a deliberate Shift press (another key, or auto-repeat); `reset` when it cleared a count.
    Ignored { reset: bool },
    /// Counted; this many more presses leave the page.
    Counted { remaining: usize },
    /// The last press: leave now.
    Exit,
}

/// Counts Shift presses towards the quick exit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShiftCounter {
    times: Vec<f64>,
}

impl ShiftCounter {
    /// Feeds one key-down (`key` as in `KeyboardEvent.key`, `repeat` for auto-repeat, `now` in
    /// ms).
    pub fn key_down(&mut self, key: &str, repeat: bool, now: f64) -> Press {
        if key != "Shift" {
            let reset = !self.times.is_empty();
            self.times.clear();
            return Press::Ignored { reset };
        }
        if repeat {
            return Press::Ignored { reset: false };
        }
        self.times.retain(|t| now - t < WINDOW_MS);
        self.times.push(now);
        if self.times.len() >= PRESSES {
            self.times.clear();
            Press::Exit
        } else {
            Press::Counted {
                remaining: PRESSES - self.times.len(),
            }
        }
    }

    /// At `now`, forgets presses older than the window; true when that ended a count under way
    /// (the visitor should hear that it lapsed).
    pub fn lapse(&mut self, now: f64) -> bool {
        let had = !self.times.is_empty();
        self.times.retain(|t| now - t < WINDOW_MS);
        had && self.times.is_empty()
    }

    /// Presses counted so far.
    pub fn count(&self) -> usize {
        self.times.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_quick_presses_exit_and_each_says_what_remains() {
        let mut c = ShiftCounter::default();
        assert_eq!(
            c.key_down("Shift", false, 0.0),
            Press::Counted { remaining: 2 }
        );
        assert_eq!(
            c.key_down("Shift", false, 300.0),
            Press::Counted { remaining: 1 }
        );
        assert_eq!(c.key_down("Shift", false, 600.0), Press::Exit);
        assert_eq!(c.count(), 0);
    }

    #[test]
    fn slow_presses_do_not() {
        let mut c = ShiftCounter::default();
        c.key_down("Shift", false, 0.0);
        c.key_down("Shift", false, 1000.0);
        assert_eq!(
            c.key_down("Shift", false, 2000.0),
            Press::Counted { remaining: 1 }
        );
        assert_eq!(c.key_down("Shift", false, 2400.0), Press::Exit);
    }

    #[test]
    fn holding_shift_does_not() {
        let mut c = ShiftCounter::default();
        c.key_down("Shift", false, 0.0);
        for t in 1..20 {
            assert_eq!(
                c.key_down("Shift", true, f64::from(t) * 30.0),
                Press::Ignored { reset: false }
            );
        }
        assert_eq!(c.count(), 1);
    }

    #[test]
    fn shift_tab_does_not() {
        let mut c = ShiftCounter::default();
        for t in 0..3 {
            let t = f64::from(t) * 200.0;
            assert!(matches!(
                c.key_down("Shift", false, t),
                Press::Counted { .. }
            ));
            assert_eq!(
                c.key_down("Tab", false, t + 50.0),
                Press::Ignored { reset: true }
            );
        }
        assert_eq!(
            c.key_down("a", false, 900.0),
            Press::Ignored { reset: false }
        );
    }

    #[test]
    fn a_count_lapses_once() {
        let mut c = ShiftCounter::default();
        assert!(!c.lapse(0.0), "nothing to lapse");
        c.key_down("Shift", false, 0.0);
        c.key_down("Shift", false, 500.0);
        assert!(
            !c.lapse(1600.0),
            "still within the window of the second press"
        );
        assert_eq!(c.count(), 1);
        assert!(c.lapse(2000.0));
        assert!(!c.lapse(2100.0), "said once");
    }
}
