//! The time scale: days since 1970-01-01 (f64) <-> CSS pixels along the x axis.
//! (STUB: to be implemented; signatures are the contract used by state, layout and render.)

/// A linear map from a domain of days to a range of pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    /// Visible domain, in days since 1970-01-01 (fractional).
    pub d0: f64,
    pub d1: f64,
    /// Pixel range the domain maps to (CSS pixels, left to right).
    pub x0: f64,
    pub x1: f64,
}

/// Smallest and largest visible span, in days.
pub const MIN_SPAN_DAYS: f64 = 14.0;
pub const MAX_SPAN_DAYS: f64 = 365.2425 * 300.0;

/// One tick on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Day number of the tick (aligned to its granularity).
    pub day: i64,
    /// Label in English ("1990s", "2014", "Mar 2014", "17 Mar").
    pub label: String,
}

impl TimeScale {
    pub fn new(d0: f64, d1: f64, x0: f64, x1: f64) -> Self {
        TimeScale { d0, d1, x0, x1 }
    }
    pub fn map(&self, day: f64) -> f64 {
        self.x0 + (day - self.d0) * (self.x1 - self.x0) / (self.d1 - self.d0)
    }
    pub fn invert(&self, px: f64) -> f64 {
        self.d0 + (px - self.x0) * (self.d1 - self.d0) / (self.x1 - self.x0)
    }
    /// Zooms by `factor` (>1 zooms in) keeping the day under `px` at `px`; span clamped.
    pub fn zoom_at(&mut self, px: f64, factor: f64) {
        let _ = (px, factor);
        todo!()
    }
    /// Moves the view so content moves `dx` pixels to the right.
    pub fn pan(&mut self, dx: f64) {
        let _ = dx;
        todo!()
    }
    /// Ticks for the visible domain, at most about `hint` of them, from a table of granularities.
    pub fn ticks(&self, hint: usize) -> Vec<Tick> {
        let _ = hint;
        todo!()
    }
}
