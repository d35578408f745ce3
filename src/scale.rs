//! The time scale: days since 1970-01-01 (`f64`) <-> CSS pixels along the x axis.
//!
//! A [`TimeScale`] is a plain linear map between a visible domain of days (`d0..d1`) and a pixel
//! range (`x0..x1`). It knows nothing about marks or drawing: layout asks it where a day falls,
//! state asks it to zoom or pan, and the axis asks it for [`Tick`]s.
//!
//! Ticks come from a fixed table of calendar granularities (centuries down to days). The finest
//! granularity whose tick count fits the caller's hint wins, and every tick sits on a calendar
//! boundary (1 January of a year or decade, the 1st of a month, a Monday, midnight of a day), so
//! the axis never shows a date nobody chose.

use crate::lang::Lang;
use crate::model::{civil_from_days, days_from_civil, MONTHS_SHORT_EN};

/// A linear map from a domain of days to a range of pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    /// Start of the visible domain, in days since 1970-01-01 (fractional).
    pub d0: f64,
    /// End of the visible domain, in days since 1970-01-01 (fractional).
    pub d1: f64,
    /// Pixel the start of the domain maps to (CSS pixels).
    pub x0: f64,
    /// Pixel the end of the domain maps to (CSS pixels).
    pub x1: f64,
}

/// Smallest visible span, in days: two weeks still shows single days legibly.
pub const MIN_SPAN_DAYS: f64 = 14.0;
/// Largest visible span, in days (300 years): beyond it the dataset is a single dot.
pub const MAX_SPAN_DAYS: f64 = 365.2425 * 300.0;

/// The view may not leave 1800..2200, so a runaway pan cannot lose the reader in empty time.
const LIMIT_LO: f64 = -62_091.0; // 1800-01-01
const LIMIT_HI: f64 = 84_006.0; // 2200-01-01

/// One tick on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Day number of the tick (aligned to its granularity).
    pub day: i64,
    /// Label in English ("1990s", "2014", "Mar 2014", "17 Mar 2014").
    pub label: String,
}

/// A step between ticks, in calendar terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granularity {
    /// Every `n` months, aligned so that month index (`year * 12 + month - 1`) is a multiple of
    /// `n`: 12 is a year, 120 a decade, 3 a quarter.
    Months(u32),
    /// Every `n` days, aligned so that the day number (shifted to Mondays when `n` is 7) is a
    /// multiple of `n`.
    Days(u32),
}

/// The table of granularities, coarsest first.
pub const GRANULARITIES: [Granularity; 13] = [
    Granularity::Months(1200),
    Granularity::Months(600),
    Granularity::Months(240),
    Granularity::Months(120),
    Granularity::Months(60),
    Granularity::Months(24),
    Granularity::Months(12),
    Granularity::Months(6),
    Granularity::Months(3),
    Granularity::Months(1),
    Granularity::Days(7),
    Granularity::Days(2),
    Granularity::Days(1),
];

/// 1970-01-01 was a Thursday; adding 3 makes Mondays multiples of 7.
const MONDAY_SHIFT: i64 = 3;

impl Granularity {
    /// Index of the first and last aligned tick inside `[lo, hi]` (day numbers), in units of
    /// this granularity's step; `None` when no tick falls inside.
    fn tick_range(self, lo: i64, hi: i64) -> Option<(i64, i64)> {
        if hi < lo {
            return None;
        }
        let (first, last) = match self {
            Granularity::Months(n) => {
                let n = i64::from(n);
                let (y, m, d) = civil_from_days(lo);
                let mut mi = i64::from(y) * 12 + i64::from(m) - 1;
                if d > 1 {
                    mi += 1; // the 1st of this month lies before `lo`
                }
                let (y2, m2, _) = civil_from_days(hi);
                let mi2 = i64::from(y2) * 12 + i64::from(m2) - 1;
                (div_ceil(mi, n), mi2.div_euclid(n))
            }
            Granularity::Days(n) => {
                let n = i64::from(n);
                let shift = if n == 7 { MONDAY_SHIFT } else { 0 };
                (div_ceil(lo + shift, n), (hi + shift).div_euclid(n))
            }
        };
        (first <= last).then_some((first, last))
    }

    /// Day number of the `k`-th aligned tick.
    fn tick_day(self, k: i64) -> i64 {
        match self {
            Granularity::Months(n) => {
                let mi = k * i64::from(n);
                let year = mi.div_euclid(12) as i32;
                let month = (mi.rem_euclid(12) + 1) as u8;
                days_from_civil(year, month, 1)
            }
            Granularity::Days(n) => {
                let shift = if n == 7 { MONDAY_SHIFT } else { 0 };
                k * i64::from(n) - shift
            }
        }
    }

    /// The label of a tick on `day` at this granularity, in English.
    pub fn label(self, day: i64) -> String {
        self.label_in(day, Lang::En)
    }

    /// The label of a tick on `day` in the page's language: Korean writes dates as
    /// `2014년 3월 11일`, decades as `1990년대`.
    pub fn label_in(self, day: i64, lang: Lang) -> String {
        let (y, m, d) = civil_from_days(day);
        if lang == Lang::Ko {
            return match self {
                Granularity::Months(120) => format!("{y}년대"),
                Granularity::Months(n) if n % 12 == 0 => format!("{y}년"),
                Granularity::Months(_) => format!("{y}년 {m}월"),
                Granularity::Days(_) => format!("{y}년 {m}월 {d}일"),
            };
        }
        let month = MONTHS_SHORT_EN[usize::from(m - 1)];
        match self {
            Granularity::Months(120) => format!("{y}s"),
            Granularity::Months(n) if n % 12 == 0 => y.to_string(),
            Granularity::Months(_) => format!("{month} {y}"),
            Granularity::Days(_) => format!("{d} {month} {y}"),
        }
    }
}

fn div_ceil(a: i64, n: i64) -> i64 {
    -((-a).div_euclid(n))
}

impl TimeScale {
    /// A scale showing days `d0..d1` on pixels `x0..x1`.
    pub fn new(d0: f64, d1: f64, x0: f64, x1: f64) -> Self {
        TimeScale { d0, d1, x0, x1 }
    }

    /// A scale on pixels `x0..x1` showing `first..last` with `padding_frac` of the span added on
    /// each side; the span is clamped to [`MIN_SPAN_DAYS`]..=[`MAX_SPAN_DAYS`] around the centre.
    pub fn fit(first: f64, last: f64, padding_frac: f64, x0: f64, x1: f64) -> Self {
        let (first, last) = if first <= last {
            (first, last)
        } else {
            (last, first)
        };
        let pad = (last - first) * padding_frac.max(0.0);
        let mid = (first + last) / 2.0;
        let span = (last - first + 2.0 * pad).clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS);
        let mut s = TimeScale::new(mid - span / 2.0, mid + span / 2.0, x0, x1);
        s.keep_in_bounds();
        s
    }

    /// Visible span in days.
    pub fn span(&self) -> f64 {
        self.d1 - self.d0
    }

    /// Pixels per day.
    pub fn px_per_day(&self) -> f64 {
        (self.x1 - self.x0) / (self.d1 - self.d0)
    }

    /// The pixel where `day` falls.
    pub fn map(&self, day: f64) -> f64 {
        self.x0 + (day - self.d0) * (self.x1 - self.x0) / (self.d1 - self.d0)
    }

    /// The day under pixel `px` (inverse of [`map`](Self::map)).
    pub fn invert(&self, px: f64) -> f64 {
        self.d0 + (px - self.x0) * (self.d1 - self.d0) / (self.x1 - self.x0)
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the day under `px` at `px`; the span is clamped
    /// to [`MIN_SPAN_DAYS`]..=[`MAX_SPAN_DAYS`]. Non-finite or non-positive factors are ignored.
    pub fn zoom_at(&mut self, px: f64, factor: f64) {
        if !(factor.is_finite() && factor > 0.0 && px.is_finite()) {
            return;
        }
        let anchor = self.invert(px);
        let frac = (px - self.x0) / (self.x1 - self.x0);
        let span = (self.span() / factor).clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS);
        self.d0 = anchor - frac * span;
        self.d1 = self.d0 + span;
        self.keep_in_bounds();
    }

    /// Moves the view so content moves `dx` pixels to the right.
    pub fn pan(&mut self, dx: f64) {
        if !dx.is_finite() {
            return;
        }
        let shift = dx / self.px_per_day();
        self.d0 -= shift;
        self.d1 -= shift;
        self.keep_in_bounds();
    }

    /// Moves the view (same zoom) so `day` is in the middle.
    pub fn center_on(&mut self, day: f64) {
        if !day.is_finite() {
            return;
        }
        let half = self.span() / 2.0;
        self.d0 = day - half;
        self.d1 = day + half;
        self.keep_in_bounds();
    }

    /// Keeps the domain, changes the pixel range (on resize the same dates stay in view).
    pub fn set_range(&mut self, x0: f64, x1: f64) {
        self.x0 = x0;
        self.x1 = x1;
    }

    fn keep_in_bounds(&mut self) {
        let span = self.span();
        if self.d0 < LIMIT_LO {
            self.d0 = LIMIT_LO;
            self.d1 = LIMIT_LO + span;
        } else if self.d1 > LIMIT_HI {
            self.d1 = LIMIT_HI;
            self.d0 = LIMIT_HI - span;
        }
    }

    /// The finest granularity from [`GRANULARITIES`] with at most `hint` ticks in view, or `None`
    /// when even the coarsest has more (or `hint` is 0).
    pub fn granularity(&self, hint: usize) -> Option<Granularity> {
        let (lo, hi) = (self.d0.ceil() as i64, self.d1.floor() as i64);
        GRANULARITIES
            .iter()
            .rev()
            .copied()
            .find(|g| {
                g.tick_range(lo, hi)
                    .map_or(0, |(a, b)| (b - a + 1) as usize)
                    <= hint
            })
            .filter(|_| hint > 0)
    }

    /// Ticks for the visible domain, at most `hint` of them, from a table of granularities:
    /// aligned to calendar boundaries, strictly increasing and inside `d0..=d1`.
    pub fn ticks(&self, hint: usize) -> Vec<Tick> {
        self.ticks_in(hint, Lang::En)
    }

    /// [`TimeScale::ticks`] labelled in `lang` (see [`Granularity::label_in`]).
    pub fn ticks_in(&self, hint: usize, lang: Lang) -> Vec<Tick> {
        let Some(g) = self.granularity(hint) else {
            return Vec::new();
        };
        let (lo, hi) = (self.d0.ceil() as i64, self.d1.floor() as i64);
        let Some((a, b)) = g.tick_range(lo, hi) else {
            return Vec::new();
        };
        (a..=b)
            .map(|k| {
                let day = g.tick_day(k);
                Tick {
                    day,
                    label: g.label_in(day, lang),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> TimeScale {
        // 1990-01-01 .. 2025-01-01 over 40..1240 px
        TimeScale::new(7305.0, 20089.0, 40.0, 1240.0)
    }

    #[test]
    fn map_and_invert_round_trip() {
        let s = scale();
        assert_eq!(s.map(s.d0), 40.0);
        assert_eq!(s.map(s.d1), 1240.0);
        for px in [-100.0, 0.0, 40.0, 333.3, 1240.0, 2000.0] {
            assert!((s.map(s.invert(px)) - px).abs() < 1e-9);
        }
    }

    #[test]
    fn zoom_keeps_the_day_under_the_pointer() {
        for px in [40.0, 100.0, 640.0, 1239.0] {
            for factor in [1.1, 2.0, 0.5, 0.9, 10.0] {
                let mut s = scale();
                let before = s.invert(px);
                s.zoom_at(px, factor);
                assert!((s.invert(px) - before).abs() < 1e-6, "{px} {factor}");
                assert!((s.span() - 12784.0 / factor).abs() < 1e-6);
            }
        }
    }

    #[test]
    fn zoom_is_clamped_and_ignores_nonsense() {
        let mut s = scale();
        s.zoom_at(500.0, 1e9);
        assert_eq!(s.span(), MIN_SPAN_DAYS);
        s.zoom_at(500.0, 1e-9);
        assert!((s.span() - MAX_SPAN_DAYS).abs() < 1e-6);
        let before = s;
        s.zoom_at(500.0, f64::NAN);
        s.zoom_at(500.0, 0.0);
        s.zoom_at(500.0, -2.0);
        assert_eq!(s, before);
    }

    #[test]
    fn pan_moves_content_right() {
        let mut s = scale();
        let day = 10_000.0;
        let x = s.map(day);
        s.pan(25.0);
        assert!((s.map(day) - (x + 25.0)).abs() < 1e-9);
        assert!((s.span() - 12784.0).abs() < 1e-9);
    }

    #[test]
    fn pan_stays_inside_the_limits() {
        let mut s = scale();
        s.pan(1e9);
        assert!(s.d0 >= LIMIT_LO && (s.span() - 12784.0).abs() < 1e-6);
        s.pan(-1e9);
        assert!(s.d1 <= LIMIT_HI);
    }

    #[test]
    fn fit_pads_and_clamps() {
        let s = TimeScale::fit(1000.0, 2000.0, 0.05, 0.0, 100.0);
        assert_eq!((s.d0, s.d1), (950.0, 2050.0));
        let s = TimeScale::fit(1000.0, 1000.0, 0.05, 0.0, 100.0);
        assert_eq!(s.span(), MIN_SPAN_DAYS);
    }

    #[test]
    fn tick_labels() {
        let s = scale();
        let t = s.ticks(5);
        assert_eq!(
            t.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
            ["1990s", "2000s", "2010s", "2020s"]
        );
        let t = s.ticks(40);
        assert_eq!(t[0].label, "1990");
        assert_eq!(t.len(), 36);
        let y = TimeScale::new(16071.0, 16436.0, 0.0, 800.0); // 2014
        assert_eq!(y.ticks(13)[2].label, "Mar 2014");
        assert_eq!(y.ticks(12)[2].label, "Jul 2014");
        let d = TimeScale::new(16140.0, 16150.0, 0.0, 800.0);
        assert_eq!(d.ticks(20)[0].label, "11 Mar 2014");
        assert!(s.ticks(0).is_empty());
    }

    #[test]
    fn korean_tick_labels() {
        let s = scale();
        let t = s.ticks_in(5, Lang::Ko);
        assert_eq!(
            t.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
            ["1990년대", "2000년대", "2010년대", "2020년대"]
        );
        assert_eq!(s.ticks_in(40, Lang::Ko)[0].label, "1990년");
        let y = TimeScale::new(16071.0, 16436.0, 0.0, 800.0);
        assert_eq!(y.ticks_in(13, Lang::Ko)[2].label, "2014년 3월");
        let d = TimeScale::new(16140.0, 16150.0, 0.0, 800.0);
        assert_eq!(d.ticks_in(20, Lang::Ko)[0].label, "2014년 3월 11일");
        // The same ticks as in English, only labelled differently.
        let days = |l: Lang| d.ticks_in(20, l).iter().map(|t| t.day).collect::<Vec<_>>();
        assert_eq!(days(Lang::Ko), days(Lang::En));
    }

    /// Invariants over many zoom levels and positions: count within the hint, aligned,
    /// evenly spaced in calendar terms, strictly increasing, inside the domain.
    #[test]
    fn tick_invariants() {
        let mut seed = 42u64;
        let mut rnd = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..3000 {
            let span = MIN_SPAN_DAYS * (MAX_SPAN_DAYS / MIN_SPAN_DAYS).powf(rnd());
            let d0 = -20_000.0 + 60_000.0 * rnd();
            let s = TimeScale::new(d0, d0 + span, 0.0, 1000.0);
            let hint = 1 + (rnd() * 30.0) as usize;
            let ticks = s.ticks(hint);
            assert!(ticks.len() <= hint);
            let Some(g) = s.granularity(hint) else {
                assert!(ticks.is_empty());
                continue;
            };
            // The next finer granularity would not have fitted.
            let idx = GRANULARITIES.iter().position(|x| *x == g).unwrap();
            if let Some(finer) = GRANULARITIES.get(idx + 1) {
                let (lo, hi) = (s.d0.ceil() as i64, s.d1.floor() as i64);
                let n = finer.tick_range(lo, hi).map_or(0, |(a, b)| b - a + 1);
                assert!(n as usize > hint, "{g:?} chosen but {finer:?} fits");
            }
            for w in ticks.windows(2) {
                assert!(w[0].day < w[1].day);
            }
            for t in &ticks {
                assert!(t.day as f64 >= s.d0 && t.day as f64 <= s.d1);
                let (y, m, d) = civil_from_days(t.day);
                match g {
                    Granularity::Months(n) => {
                        assert_eq!(d, 1);
                        let mi = i64::from(y) * 12 + i64::from(m) - 1;
                        assert_eq!(mi % i64::from(n), 0);
                    }
                    Granularity::Days(7) => assert_eq!((t.day + MONDAY_SHIFT) % 7, 0),
                    Granularity::Days(n) => assert_eq!(t.day % i64::from(n), 0),
                }
            }
            // Even spacing in calendar terms: consecutive ticks are exactly one step apart.
            for w in ticks.windows(2) {
                let (y0, m0, _) = civil_from_days(w[0].day);
                let (y1, m1, _) = civil_from_days(w[1].day);
                match g {
                    Granularity::Months(n) => {
                        let a = i64::from(y0) * 12 + i64::from(m0);
                        let b = i64::from(y1) * 12 + i64::from(m1);
                        assert_eq!(b - a, i64::from(n));
                    }
                    Granularity::Days(n) => assert_eq!(w[1].day - w[0].day, i64::from(n)),
                }
            }
        }
    }
}
