//! The quick exit's keyboard trigger: Shift pressed three times in a row, quickly.
//!
//! Only deliberate presses count: a held Shift sends auto-repeated key-downs, and Shift+Tab
//! (moving focus backwards) is a Shift followed by another key; neither may throw a visitor out
//! of the page by accident.

/// Presses must fall within this many milliseconds.
pub const WINDOW_MS: f64 = 1500.0;

/// Counts Shift presses towards the quick exit.
#[derive(Clone, Debug, Default)]
pub struct ShiftCounter {
    times: Vec<f64>,
}

impl ShiftCounter {
    /// Feeds one key-down (`key` as in `KeyboardEvent.key`, `repeat` for auto-repeat, `now` in
    /// ms); true when it completes three Shift presses in a row within [`WINDOW_MS`].
    pub fn key_down(&mut self, key: &str, repeat: bool, now: f64) -> bool {
        if key != "Shift" {
            self.times.clear();
            return false;
        }
        if repeat {
            return false;
        }
        self.times.retain(|t| now - t < WINDOW_MS);
        self.times.push(now);
        if self.times.len() >= 3 {
            self.times.clear();
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_quick_presses_exit() {
        let mut c = ShiftCounter::default();
        assert!(!c.key_down("Shift", false, 0.0));
        assert!(!c.key_down("Shift", false, 300.0));
        assert!(c.key_down("Shift", false, 600.0));
    }

    #[test]
    fn slow_presses_do_not() {
        let mut c = ShiftCounter::default();
        assert!(!c.key_down("Shift", false, 0.0));
        assert!(!c.key_down("Shift", false, 1000.0));
        assert!(!c.key_down("Shift", false, 2000.0));
        assert!(c.key_down("Shift", false, 2400.0));
    }

    #[test]
    fn holding_shift_does_not() {
        let mut c = ShiftCounter::default();
        assert!(!c.key_down("Shift", false, 0.0));
        for t in 1..20 {
            assert!(!c.key_down("Shift", true, f64::from(t) * 30.0));
        }
    }

    #[test]
    fn shift_tab_does_not() {
        let mut c = ShiftCounter::default();
        for t in 0..3 {
            let t = f64::from(t) * 200.0;
            assert!(!c.key_down("Shift", false, t));
            assert!(!c.key_down("Tab", false, t + 50.0));
        }
    }
}
