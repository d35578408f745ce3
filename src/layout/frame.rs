//! The drawing surface: its size in CSS pixels, the device pixel ratio, and the geometry every
//! renderer shares (margins, lanes, the type scale). [`Frame::px`] is the one place where CSS
//! pixels become device pixels.

use super::*;

/// The type scale and spacing, in ems of the label size ([`Frame::label_px`]).
pub mod em {
    /// Tick labels and the legend, relative to labels.
    pub const SMALL: f64 = 0.875;
    /// Distance between the centres of two lanes (a label's line height).
    pub const LANE: f64 = 1.4;
    /// Half the height of a label's box around its line.
    pub const LINE_HALF: f64 = 0.6;
    /// Padding inside a label's box, left and right of the text (a selection fills the box).
    pub const PAD: f64 = 0.25;
    /// Least gap between the boxes of two different items.
    pub const SEP: f64 = 0.45;
    /// More room beside a marker, on the side away from its label.
    pub const AIR: f64 = 0.35;
    /// Gap between a marker's box and its label's box.
    pub const MARKER_GAP: f64 = 0.2;
    /// Half the size of a marker's box (the diamond's half diagonal).
    pub const MARKER_HALF: f64 = 0.46;
    /// Room kept around a marker for the selection and hover rings.
    pub const RING: f64 = 0.2;
    /// The date bracket under a marker, from its centre line: top and bottom.
    pub const BRACKET_TOP: f64 = 0.55;
    pub const BRACKET_BOTTOM: f64 = 0.72;
    /// The disagreement cue: a boxed "≠" after the label, and its gap from the text.
    pub const BADGE: f64 = 1.05;
    pub const BADGE_GAP: f64 = 0.3;
    /// Height of a band, and the gap between band rows.
    pub const BAND: f64 = 1.3;
    pub const BAND_GAP: f64 = 0.3;
    /// Tallest bar of the density strip.
    pub const RUG: f64 = 0.6;
}

/// The drawing surface: size in CSS pixels and the device pixel ratio.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Width in CSS pixels.
    pub width: f64,
    /// Height in CSS pixels.
    pub height: f64,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// Factor on the type size (1, or a step smaller when the titles do not fit whole).
    type_scale: f64,
    /// The language of the axis labels.
    pub lang: crate::lang::Lang,
}

impl Frame {
    /// A frame of `width` × `height` CSS pixels; sizes are kept at least 1 and the ratio within
    /// 0.5..=4 (1 when it is not a number), so geometry never divides by zero.
    /// The same frame, its axis labelled in `lang`.
    pub fn in_lang(mut self, lang: crate::lang::Lang) -> Self {
        self.lang = lang;
        self
    }

    pub fn new(width: f64, height: f64, dpr: f64) -> Self {
        let sane = |v: f64, lo: f64, hi: f64, dflt: f64| {
            if v.is_finite() {
                v.clamp(lo, hi)
            } else {
                dflt
            }
        };
        Frame {
            width: sane(width, 1.0, 100_000.0, 1.0),
            height: sane(height, 1.0, 100_000.0, 1.0),
            dpr: sane(dpr, 0.5, 4.0, 1.0),
            lang: crate::lang::Lang::En,
            type_scale: 1.0,
        }
    }

    /// The same frame with type `factor` times its usual size (never below 14 px); the plot's
    /// margins stay as they are, so the time scale still fits.
    pub fn with_type_scale(&self, factor: f64) -> Frame {
        Frame {
            type_scale: factor.clamp(0.5, 1.0),
            ..*self
        }
    }

    /// The factor on the type size (see [`Frame::with_type_scale`]).
    pub fn type_scale(&self) -> f64 {
        self.type_scale
    }

    /// The usual label size for this frame, before any step down.
    fn base_px(&self) -> f64 {
        let by_width = self.width / 80.0;
        let by_height = self.height / 13.0;
        by_width.min(by_height).clamp(14.0, 24.0)
    }

    /// CSS pixels to device pixels: the only place the ratio is applied.
    pub fn px(&self, css: f64) -> f64 {
        css * self.dpr
    }

    /// Size of the backing store in device pixels.
    pub fn device_size(&self) -> (u32, u32) {
        (
            self.px(self.width).round().max(1.0) as u32,
            self.px(self.height).round().max(1.0) as u32,
        )
    }

    /// Label font size, the unit of the whole geometry: it grows with the frame, 1/80 of the
    /// width, from 14 px on a phone to 24 px on a projector 1920 wide, so labels can be read from
    /// the back of a room; a short frame lowers it (not below 14 px) so that at least five lanes
    /// fit. The layout may take it a step or two down (to 0.85 of it, not below 14 px) when
    /// that lets every title show whole.
    pub fn label_px(&self) -> f64 {
        (self.base_px() * self.type_scale).max(14.0)
    }

    /// Font size of tick labels on the axis (one step down the type scale).
    pub fn tick_px(&self) -> f64 {
        (self.label_px() * em::SMALL).max(13.0)
    }

    /// Estimated width of `text` at the label font size.
    pub fn label_w(&self, text: &str) -> f64 {
        text_em(text) * self.label_px()
    }

    /// Estimated width of `text` at the tick font size.
    pub fn tick_w(&self, text: &str) -> f64 {
        text_em(text) * self.tick_px()
    }

    /// Left edge of the plot (where the time scale starts).
    pub fn plot_left(&self) -> f64 {
        (0.75 * self.base_px()).min(self.width / 4.0)
    }

    /// Right edge of the plot.
    pub fn plot_right(&self) -> f64 {
        (self.width - 0.75 * self.base_px()).max(self.plot_left() + 1.0)
    }

    /// How far left and right labels may reach: a little into the margins beside the plot.
    pub fn label_bounds(&self) -> (f64, f64) {
        let m = 0.5 * self.base_px();
        (self.plot_left() - m, self.plot_right() + m)
    }

    /// Top of the first band row.
    pub fn band_top(&self) -> f64 {
        0.4 * self.label_px()
    }

    /// Height of a band row.
    pub fn band_h(&self) -> f64 {
        em::BAND * self.label_px()
    }

    /// Distance between the tops of two band rows.
    pub fn band_pitch(&self) -> f64 {
        self.band_h() + em::BAND_GAP * self.label_px()
    }

    /// Number of band rows for periods: two when there is height to spare.
    pub fn band_rows(&self) -> usize {
        if self.height >= 220.0 {
            2
        } else {
            1
        }
    }

    /// Top of the first lane of point items.
    pub fn lane_top(&self) -> f64 {
        self.band_top() + self.band_rows() as f64 * self.band_pitch()
    }

    /// Distance between the centres of two lanes.
    pub fn lane_h(&self) -> f64 {
        em::LANE * self.label_px()
    }

    /// Vertical position of the axis line; tick labels go below it.
    pub fn axis_y(&self) -> f64 {
        (self.height - 1.9 * self.tick_px()).max(self.lane_top() + self.lane_h())
    }

    /// Number of lanes that fit between the bands and the density strip (at least one).
    pub fn lane_count(&self) -> usize {
        let u = self.label_px();
        let room = self.axis_y() - (em::RUG + 0.1) * u - self.lane_top();
        ((room / self.lane_h()).floor() as usize).max(1)
    }

    /// Vertical centre of `lane`.
    pub fn lane_y(&self, lane: usize) -> f64 {
        self.lane_top() + (lane as f64 + 0.5) * self.lane_h()
    }

    /// Radius of a circular marker (squares and diamonds are drawn to about the same area).
    pub fn marker_r(&self) -> f64 {
        0.4 * self.label_px()
    }

    /// Half the size of a marker's box.
    pub fn marker_half(&self) -> f64 {
        em::MARKER_HALF * self.label_px()
    }

    /// Half the size of the room a marker keeps, rings included.
    pub fn ring_half(&self) -> f64 {
        (em::MARKER_HALF + em::RING) * self.label_px()
    }

    /// Widest one line of a label may be, so one long title cannot take a whole lane.
    pub fn max_label_w(&self) -> f64 {
        let (lo, hi) = self.label_bounds();
        (34.0 * self.label_px()).min(0.8 * (hi - lo))
    }

    /// About how many axis labels fit across the plot; the layout refines it.
    pub fn tick_hint(&self) -> usize {
        let w = self.plot_right() - self.plot_left();
        ((w / (self.tick_w("2000s") + self.label_px())).floor() as usize).clamp(1, 40)
    }
}
