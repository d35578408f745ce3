//! Frame geometry, label placement, culling and hit testing.
//!
//! Everything here is in CSS pixels. A [`Frame`] turns the canvas size into the geometry every
//! renderer shares (margins, lanes, the type scale); [`Frame::px`] is the single place where CSS
//! pixels become device pixels.
//!
//! [`Layout::compute`] is a pure function of the items, the filter mask, the scale and the frame.
//! Periods become bands in their own rows at the top. Point items sit in lanes below them, and a
//! lane holds as many items as fit: each lane keeps the sorted list of what already occupies it,
//! and an item goes where its label fits whole, trying in turn one line right of its marker, one
//! line left of it, then two or three balanced lines on either side (a wrapped label takes the
//! lanes below its marker's). Only when no placement fits is a title shortened, to the room there
//! is next to its marker; failing that the marker is drawn alone, and failing that the item is
//! only counted in the density strip ("rug") on the axis. Every box (marker with its selection
//! ring, label, date bracket, disagreement cue) keeps a gap from every other, so nothing overlaps
//! and a selection can be drawn in place, on its own label.
//!
//! The selected item may be *pinned*: placed before all others, so that its whole title shows
//! wherever it is. Markers, labels and rug bins are bounded by the frame's size, not by the
//! number of items, which keeps layout and drawing cheap at 10,000 events: an item is first
//! checked for room for its marker alone (a binary search per lane), and items outside the view
//! are skipped by binary search, since items are sorted by start.

use crate::model::{Event, EventKind, PartialDate, Precision};
use crate::scale::{Tick, TimeScale};

/// Width of the ellipsis that ends a truncated label, in ems.
const ELLIPSIS_EM: f64 = 1.0;
/// Pointer tolerance for hit testing, in CSS pixels (fingers are not precise).
pub const HIT_SLOP: f64 = 8.0;
/// A truncated label must keep at least this many characters, or it is left out.
const MIN_LABEL_CHARS: usize = 6;
/// A label may be shortened to make room for a later item's marker, but not below this many
/// characters.
const MIN_REPAIR_CHARS: usize = 12;
/// Width of one rug bin, in CSS pixels: more than one item per bin is drawn as one bar.
pub const RUG_BIN_PX: f64 = 3.0;
/// Most lines a label may wrap to (the pinned selection may take one more).
const MAX_LINES: usize = 3;
/// Above this many point items in view only one placement pass is made (see [`Layout::compute`]).
const RETRY_LIMIT: usize = 150;
/// Up to this many point items in view, the layout searches harder: a constrained pass, more
/// shuffled passes, and smaller type when titles do not fit.
const SEARCH_LIMIT: usize = 40;

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
}

impl Frame {
    /// A frame of `width` × `height` CSS pixels; sizes are kept at least 1 and the ratio within
    /// 0.5..=4 (1 when it is not a number), so geometry never divides by zero.
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

/// Estimated advance of `c` in ems, by rough classes of DejaVu Sans's metrics (the font of the
/// PNG export and of Debian's Chromium; most other sans-serif fonts are narrower, so the estimate
/// errs on the safe side). No font is measured, which keeps layout pure and cheap.
pub fn char_em(c: char) -> f64 {
    match c {
        ' ' | 'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | '‘' | '’' => {
            0.32
        }
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '"' | '“' | '”' | '/' => 0.44,
        'm' | 'M' | 'W' | 'w' | '%' => 0.95,
        'a'..='z' => 0.6,
        'A'..='Z' => 0.72,
        '0'..='9' => 0.64,
        '≠' => 0.84,
        // Hangul, CJK and full-width forms take a full em.
        '\u{1100}'..='\u{11FF}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FF60}' => 1.0,
        _ => 0.75,
    }
}

/// Estimated width of `text` in ems.
pub fn text_em(text: &str) -> f64 {
    text.chars().map(char_em).sum()
}

/// How much of `text` at `font_px` fits in `avail` pixels: `(characters to draw, truncated,
/// width)`, where a truncated text is followed by an ellipsis included in the width; `None` when
/// fewer than `min_chars` characters would fit.
pub fn fit_text(
    text: &str,
    font_px: f64,
    avail: f64,
    min_chars: usize,
) -> Option<(usize, bool, f64)> {
    if text.is_empty() || avail <= 0.0 {
        return None;
    }
    let full = text_em(text) * font_px;
    if full <= avail {
        return Some((text.chars().count(), false, full));
    }
    let budget = avail - ELLIPSIS_EM * font_px;
    let mut w = 0.0;
    let mut kept = 0;
    for c in text.chars() {
        let cw = char_em(c) * font_px;
        if w + cw > budget {
            break;
        }
        w += cw;
        kept += 1;
    }
    (kept >= min_chars.max(1)).then_some((kept, true, w + ELLIPSIS_EM * font_px))
}

/// The words of `text`: `(first char, end char, width in ems)`, split at spaces.
fn words(text: &str) -> Vec<(usize, usize, f64)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut w = 0.0;
    let mut n = 0;
    for (i, c) in text.chars().enumerate() {
        n = i + 1;
        if c == ' ' {
            if let Some(s) = start.take() {
                out.push((s, i, w));
            }
            w = 0.0;
        } else {
            start.get_or_insert(i);
            w += char_em(c);
        }
    }
    if let Some(s) = start {
        out.push((s, n, w));
    }
    out
}

/// Greedy line breaking of `words` at most `max_em` wide, the last line `tail_em` wider (room
/// for the disagreement cue): the lines as `(first char, end char, width in ems)`, or `None`
/// when a word does not fit.
fn break_lines(
    words: &[(usize, usize, f64)],
    max_em: f64,
    tail_em: f64,
) -> Option<Vec<(usize, usize, f64)>> {
    let space = char_em(' ');
    let mut lines: Vec<(usize, usize, f64)> = Vec::new();
    for (k, &(a, b, w)) in words.iter().enumerate() {
        let tail = if k + 1 == words.len() { tail_em } else { 0.0 };
        match lines.last_mut() {
            Some(line) if line.2 + space + w + tail <= max_em => {
                line.1 = b;
                line.2 += space + w;
            }
            _ => {
                if w + tail > max_em {
                    return None;
                }
                lines.push((a, b, w));
            }
        }
    }
    Some(lines)
}

/// `text` in exactly `n` balanced lines no wider than `max_em` (the narrowest such breaking),
/// the last line with room for `tail_em` more; `None` when it does not take `n` lines.
fn wrap(text: &str, n: usize, max_em: f64, tail_em: f64) -> Option<Vec<(usize, usize, f64)>> {
    let ws = words(text);
    if ws.len() < n || n == 0 {
        return None;
    }
    let widest = ws.iter().map(|w| w.2).fold(0.0, f64::max);
    let total: f64 = ws.iter().map(|w| w.2).sum::<f64>() + char_em(' ') * (ws.len() - 1) as f64;
    let fits = |m: f64| break_lines(&ws, m, tail_em).filter(|l| l.len() <= n);
    let mut hi = max_em;
    fits(hi)?;
    let mut lo = (widest + if n == 1 { tail_em } else { 0.0 }).max(total / n as f64) - 1e-9;
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        if fits(mid).is_some() {
            hi = mid;
        } else {
            lo = mid;
        }
        if hi - lo < 0.05 {
            break;
        }
    }
    fits(hi).filter(|l| l.len() == n)
}

/// One entry of the timeline, as layout and drawing need it.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The event's id (deep links use it).
    pub id: String,
    /// The text shown next to the marker.
    pub label: String,
    /// Kind: decides the marker's shape and whether it is a band.
    pub kind: EventKind,
    /// First day covered (days since 1970-01-01).
    pub start: f64,
    /// Day after the last day covered. For a period, the end of its end date (`f64::INFINITY` when
    /// it is ongoing); for a point item, the end of its start date's precision, so a year-only
    /// date covers its whole year and can be drawn honestly as a bracket.
    pub end: f64,
    /// How precisely the start is known.
    pub precision: Precision,
    /// The sources disagree about the event (it has `discrepancies`): drawn with a "≠" cue.
    pub disputed: bool,
}

impl Item {
    /// The item for `ev`, labelled in `lang` (falling back to English).
    pub fn from_event(ev: &Event, lang: crate::lang::Lang) -> Item {
        let end = match (ev.end, ev.kind) {
            (Some(end), _) => end.end_day_exclusive() as f64,
            (None, EventKind::Period) => f64::INFINITY,
            (None, _) => ev.start.end_day_exclusive() as f64,
        };
        Item {
            id: ev.id.clone(),
            label: ev.title_in(lang).to_string(),
            kind: ev.kind,
            start: ev.start.first_day() as f64,
            end,
            precision: ev.start.precision(),
            disputed: !ev.discrepancies.is_empty(),
        }
    }

    /// Periods are drawn as bands, everything else as a marker.
    pub fn is_band(&self) -> bool {
        self.kind == EventKind::Period
    }

    /// A period without an end.
    pub fn is_ongoing(&self) -> bool {
        self.end.is_infinite()
    }
}

/// `n` deterministic synthetic items spread over 1990–2025 with mixed kinds and precisions,
/// sorted by start: for benchmarks and stress tests (a linear congruential generator, no clock).
pub fn synthetic_items(n: usize, seed: u64) -> Vec<Item> {
    const WORDS: [&str; 12] = [
        "report",
        "women",
        "border",
        "testimony",
        "trafficking",
        "survey",
        "arrests",
        "brokers",
        "repatriation",
        "figures",
        "hearing",
        "shelter",
    ];
    let mut state = seed ^ 0x9E37_79B9_7F4A_7C15;
    let mut next = move |m: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % m.max(1)
    };
    let mut items: Vec<Item> = (0..n)
        .map(|k| {
            let year = 1990 + next(36) as i32;
            let month = 1 + next(12) as u8;
            let day = 1 + next(28) as u8;
            let date = match next(20) {
                0..=11 => PartialDate::ymd(year, month, day),
                12..=16 => PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                },
                _ => PartialDate::year(year),
            };
            let kind = match next(100) {
                0 => EventKind::Period,
                1..=30 => EventKind::Report,
                31..=75 => EventKind::Event,
                _ => EventKind::Statistic,
            };
            let words = 1 + next(8) as usize;
            let mut label = format!("#{k}");
            for _ in 0..words {
                label.push(' ');
                label.push_str(WORDS[next(WORDS.len() as u64) as usize]);
            }
            let start = date.first_day() as f64;
            let end = if kind == EventKind::Period {
                if next(4) == 0 {
                    f64::INFINITY
                } else {
                    start + 365.0 * (1 + next(5)) as f64
                }
            } else {
                date.end_day_exclusive() as f64
            };
            Item {
                id: format!("synthetic-{k}"),
                label,
                kind,
                start,
                end,
                precision: date.precision(),
                disputed: next(6) == 0,
            }
        })
        .collect();
    items.sort_by(|a, b| a.start.total_cmp(&b.start));
    items
}

/// An axis-aligned rectangle in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// Whether the two rectangles share any area.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Distance from a point to the rectangle (0 inside).
    pub fn dist(&self, x: f64, y: f64) -> f64 {
        let dx = (self.x0 - x).max(x - self.x1).max(0.0);
        let dy = (self.y0 - y).max(y - self.y1).max(0.0);
        dx.hypot(dy)
    }

    /// The rectangle grown by `d` on every side.
    pub fn grow(&self, d: f64) -> Rect {
        Rect {
            x0: self.x0 - d,
            y0: self.y0 - d,
            x1: self.x1 + d,
            y1: self.y1 + d,
        }
    }
}

/// Which side of its marker a label sits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// After the marker; lines are aligned on their left edge.
    Right,
    /// Before the marker; lines are aligned on their right edge, next to the marker.
    Left,
}

/// One line of a label.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The label's characters `start..end` are drawn on this line (an ellipsis follows the last
    /// line of a shortened label).
    pub start: usize,
    pub end: usize,
    /// Where the text is anchored: its left edge for a label right of the marker, its right edge
    /// for one left of it; vertically its centre.
    pub x: f64,
    pub y: f64,
}

/// A point item placed in a lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// Index into the items.
    pub index: usize,
    /// Lane of the marker, 0 at the top (a wrapped label also takes the lanes below).
    pub lane: usize,
    /// Centre of the marker.
    pub x: f64,
    pub y: f64,
    /// The marker's box (the rings drawn for hover and selection stay within [`em::RING`] of it).
    pub marker: Rect,
    /// The label's box, padding included, when there was room for a label: a selection fills it.
    pub label: Option<Rect>,
    /// Which side of the marker the label is on.
    pub side: Side,
    /// The label's lines, top to bottom (empty without a label).
    pub lines: Vec<Line>,
    /// The title is shortened (an ellipsis ends the last line).
    pub truncated: bool,
    /// The box of the disagreement cue ("≠"), drawn after the text when the item is disputed.
    pub badge: Option<Rect>,
    /// Horizontal extent (`x0`, `x1`) of the date's precision when it is wider than the marker,
    /// e.g. a year-only date: drawn as a bracket under the marker and label.
    pub span: Option<(f64, f64)>,
}

impl Placed {
    /// Whether the whole title is drawn.
    pub fn is_whole(&self) -> bool {
        !self.lines.is_empty() && !self.truncated
    }

    /// The box of the date bracket, when there is one.
    pub fn bracket(&self, frame: &Frame) -> Option<Rect> {
        let u = frame.label_px();
        self.span.map(|(x0, x1)| Rect {
            x0: x0 - 1.0,
            y0: self.y + em::BRACKET_TOP * u,
            x1: x1 + 1.0,
            y1: self.y + em::BRACKET_BOTTOM * u,
        })
    }
}

/// A period drawn as a band.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// Index into the items.
    pub index: usize,
    /// Band row, 0 at the top.
    pub row: usize,
    /// The band, clipped to the plot.
    pub rect: Rect,
    /// The label's box, when it fits: inside the band, after its end or before its start in the
    /// band's row, or (for the pinned selection whose title fits nowhere in a row) in the first
    /// lanes under the bands, wrapped.
    pub label: Option<Rect>,
    /// The label's lines (anchored on their left edge), and their font size.
    pub lines: Vec<Line>,
    pub text_px: f64,
    pub truncated: bool,
    /// The disagreement cue, when the period is disputed and has a label.
    pub badge: Option<Rect>,
    /// The period starts before the view (the band is cut on the left).
    pub cut_start: bool,
    /// The period ends after the view or is ongoing (the band is cut on the right).
    pub cut_end: bool,
    /// The period has no end: its band fades out at the right instead of closing.
    pub ongoing: bool,
}

impl Band {
    /// Whether the whole title is drawn.
    pub fn is_whole(&self) -> bool {
        self.label.is_some() && !self.truncated
    }

    /// Whether the label sits inside the band (else after its end).
    pub fn label_inside(&self) -> bool {
        let r = self.rect;
        self.label
            .is_some_and(|l| l.x0 >= r.x0 - 0.01 && l.x1 <= r.x1 + 0.01 && l.y1 <= r.y1 + 0.01)
    }
}

/// A tick of the axis at its pixel position.
#[derive(Clone, Debug, PartialEq)]
pub struct AxisTick {
    pub x: f64,
    pub tick: Tick,
    /// False when the label would run off the right edge.
    pub show_label: bool,
}

/// One bin of the density strip on the axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RugBin {
    pub x0: f64,
    pub x1: f64,
    /// Visible point items whose start falls in the bin.
    pub count: u32,
}

/// Everything placed for one frame, in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub frame: Frame,
    pub ticks: Vec<AxisTick>,
    pub bands: Vec<Band>,
    pub placed: Vec<Placed>,
    pub rug: Vec<RugBin>,
    /// Highest count in one rug bin (for scaling bar heights).
    pub rug_max: u32,
    /// Visible point items in view that got no marker (only the rug shows them).
    pub thinned: usize,
    /// Periods in view for which no band row was free.
    pub hidden_bands: usize,
    /// The item placed first so that its whole title shows (the selection), if any.
    pub pinned: Option<usize>,
}

/// What occupies a lane: `(x0, x1, index into Layout::placed)`, sorted by `x0`, disjoint.
#[derive(Clone, Debug, Default)]
struct Lane {
    spans: Vec<(f64, f64, usize)>,
    widest: f64,
}

impl Lane {
    /// Whether `[a, b]` is clear of everything in the lane.
    fn free(&self, a: f64, b: f64) -> bool {
        let from = self.spans.partition_point(|s| s.0 < a - self.widest);
        self.spans[from..]
            .iter()
            .take_while(|s| s.0 < b)
            .all(|s| s.1 <= a)
    }

    /// The spans that overlap `[a, b]`.
    fn overlapping(&self, a: f64, b: f64) -> impl Iterator<Item = &(f64, f64, usize)> {
        let from = self.spans.partition_point(|s| s.0 < a - self.widest);
        self.spans[from..]
            .iter()
            .take_while(move |s| s.0 < b)
            .filter(move |s| s.1 > a)
    }

    /// Free room around `x` (which must be free): from the end of what is before it to the start
    /// of what is after it.
    fn room(&self, x: f64) -> (f64, f64) {
        let i = self.spans.partition_point(|s| s.0 <= x);
        let before = i
            .checked_sub(1)
            .map_or(f64::NEG_INFINITY, |j| self.spans[j].1);
        let after = self.spans.get(i).map_or(f64::INFINITY, |s| s.0);
        (before, after)
    }

    fn insert(&mut self, a: f64, b: f64, owner: usize) {
        let i = self.spans.partition_point(|s| s.0 < a);
        self.spans.insert(i, (a, b, owner));
        self.widest = self.widest.max(b - a);
    }

    /// Sets `owner`'s span to `[a, b]`, which lies inside the old one, so the lane stays sorted
    /// and disjoint.
    fn set(&mut self, owner: usize, a: f64, b: f64) {
        if let Some(s) = self.spans.iter_mut().find(|s| s.2 == owner) {
            debug_assert!(a >= s.0 - 1e-9 && b <= s.1 + 1e-9);
            s.0 = a;
            s.1 = b;
        }
    }
}

/// How a pass orders the placements it tries for a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prefer {
    /// Fewest lines first (one long line before two short ones).
    FewestLines,
    /// Lines of a comfortable reading length first: a long title wraps before it goes on one
    /// line, which leaves more room to its neighbours.
    Compact,
}

/// A way to draw a label, before it has a lane.
#[derive(Clone, Debug)]
struct Cand {
    side: Side,
    /// `(first char, end char, width px)` per line.
    lines: Vec<(usize, usize, f64)>,
    truncated: bool,
}

impl Cand {
    /// Width of the label's box, padding included.
    fn box_w(&self, f: &Frame, disputed: bool) -> f64 {
        let u = f.label_px();
        let widest = self.lines.iter().map(|l| l.2).fold(0.0, f64::max);
        let last = self.lines.last().map_or(0.0, |l| l.2) + tail_px(f, disputed);
        widest.max(last) + 2.0 * em::PAD * u
    }
}

/// Room the disagreement cue takes after a label's last line.
fn tail_px(f: &Frame, disputed: bool) -> f64 {
    if disputed {
        (em::BADGE_GAP + em::BADGE) * f.label_px()
    } else {
        0.0
    }
}

/// One point item's geometry that does not depend on its lane.
struct Point {
    x: f64,
    /// What the marker and its date bracket take in their lane.
    occ: (f64, f64),
    span: Option<(f64, f64)>,
}

/// Builds a layout: bands first, then point items, lane by lane.
struct Builder<'a> {
    items: &'a [Item],
    frame: &'a Frame,
    lanes: Vec<Lane>,
    placed: Vec<Placed>,
    prefer: Prefer,
    /// The pinned item, whose label is never shortened for another.
    pin: Option<usize>,
    flip: Flip,
    /// Items of this pass still to be placed: `(item, marker room x0, x1, still open)`, sorted
    /// by `x0`; and the widest such room.
    pending: Vec<(usize, f64, f64, bool)>,
    pending_widest: f64,
    /// Per placed item, the least text width its label could be shortened to for a neighbour's
    /// marker (infinite when it cannot be).
    repair_need: Vec<f64>,
}

impl Layout {
    /// Lays out the `items` (sorted by start) that `visible` lets through (missing entries count
    /// as visible) for `scale` on `frame`.
    pub fn compute(items: &[Item], visible: &[bool], scale: &TimeScale, frame: &Frame) -> Layout {
        Layout::compute_pinned(items, visible, scale, frame, None)
    }

    /// Like [`Layout::compute`], with item `pin` (the selection) placed before all others, so
    /// that its whole title shows if any placement fits. When the first pass leaves some title
    /// shortened and few items are in view, a second pass that wraps long titles sooner is made
    /// and the better of the two is kept (more whole titles, then more labels, then fewer lines).
    ///
    /// When some title is still not whole and few items are in view, the type is taken a step
    /// down (0.92, then 0.85 of its size, never below 14 px) and the layout with more whole
    /// titles is kept; [`Layout::frame`] then carries the smaller type.
    pub fn compute_pinned(
        items: &[Item],
        visible: &[bool],
        scale: &TimeScale,
        frame: &Frame,
        pin: Option<usize>,
    ) -> Layout {
        let mut best = Layout::compute_at(items, visible, scale, frame, pin);
        let in_view = best.placed.len() + best.thinned;
        let key = |l: &Layout| (l.placed.len() + l.bands.len(), l.whole_count());
        for factor in [0.92, 0.85] {
            if best.all_whole() || in_view > SEARCH_LIMIT {
                break;
            }
            let smaller = frame.with_type_scale(factor);
            if smaller.label_px() >= best.frame.label_px() - 0.01 {
                continue;
            }
            let l = Layout::compute_at(items, visible, scale, &smaller, pin);
            if key(&l) > key(&best) {
                best = l;
            }
        }
        best
    }

    /// Whether every item in view is drawn with its whole title.
    pub fn all_whole(&self) -> bool {
        self.thinned == 0 && self.hidden_bands == 0 && self.shortened().is_empty()
    }

    fn compute_at(
        items: &[Item],
        visible: &[bool],
        scale: &TimeScale,
        frame: &Frame,
        pin: Option<usize>,
    ) -> Layout {
        let shown = |i: usize| visible.get(i).copied().unwrap_or(true);
        let pin = pin.filter(|&i| i < items.len() && shown(i));
        let mut layout = Layout {
            frame: *frame,
            ticks: axis_ticks(scale, frame),
            bands: Vec::new(),
            placed: Vec::new(),
            rug: Vec::new(),
            rug_max: 0,
            thinned: 0,
            hidden_bands: 0,
            pinned: pin,
        };
        let reserved = layout.place_bands(items, &shown, scale, pin);

        let (left, right) = (frame.plot_left(), frame.plot_right());
        // Markers whose centre is on the plot: their rings stay inside the frame.
        let lo_day = scale.invert(left);
        let hi_day = scale.invert(right);
        let lo = items.partition_point(|it| it.start < lo_day);
        let hi = items.partition_point(|it| it.start <= hi_day);
        let in_view: Vec<usize> = (lo..hi)
            .filter(|&i| !items[i].is_band() && shown(i))
            .collect();

        let bins = ((right - left) / RUG_BIN_PX).ceil().max(1.0) as usize;
        let mut rug = vec![0u32; bins];
        for &i in &in_view {
            let x = scale.map(items[i].start);
            let bin = (((x - left) / RUG_BIN_PX).floor().max(0.0) as usize).min(bins - 1);
            rug[bin] += 1;
        }
        for (b, &count) in rug.iter().enumerate() {
            if count > 0 {
                let x0 = left + b as f64 * RUG_BIN_PX;
                layout.rug.push(RugBin {
                    x0,
                    x1: (x0 + RUG_BIN_PX).min(right),
                    count,
                });
                layout.rug_max = layout.rug_max.max(count);
            }
        }

        let pin_point = pin.filter(|&p| in_view.contains(&p));
        let (placed, thinned) = search(items, frame, scale, &in_view, pin_point, reserved);
        layout.placed = placed;
        layout.thinned = thinned;
        layout
    }

    /// Bands. Periods are few, and one that started long ago may still cover the view, so they
    /// are found by a scan rather than by binary search. Rows keep what occupies them like
    /// lanes do. The label goes inside the band when it fits (clear of the chevrons that mark a
    /// cut end and of an ongoing band's fading end), else after the band's end, else before its
    /// start; only when none holds the whole title is it shortened, where most of it shows. The
    /// pinned selection's title, when no row holds it, is wrapped into the first lanes under the
    /// bands instead; that block is returned so the point items keep clear of it.
    fn place_bands(
        &mut self,
        items: &[Item],
        shown: &dyn Fn(usize) -> bool,
        scale: &TimeScale,
        pin: Option<usize>,
    ) -> Option<(usize, (f64, f64))> {
        let frame = self.frame;
        let u = frame.label_px();
        // Periods are the background of the story: their labels are a step down the scale.
        let ub = em::SMALL * u;
        let (left, right) = (frame.plot_left(), frame.plot_right());
        let (lo, hi) = frame.label_bounds();
        let mut rows = vec![Lane::default(); frame.band_rows()];
        let chevron = 1.0 * u;
        let pad = em::PAD * u;
        let sep = em::SEP * u;
        let in_view = |i: usize| {
            let it = &items[i];
            it.is_band() && shown(i) && it.start < scale.d1 && it.end > scale.d0
        };
        let order = pin
            .filter(|&p| in_view(p))
            .into_iter()
            .chain((0..items.len()).filter(|&i| in_view(i) && Some(i) != pin));
        let mut bands = Vec::new();
        let mut reserved = None;
        for i in order {
            let it = &items[i];
            let (sx0, sx1) = (scale.map(it.start), scale.map(it.end));
            let x0 = sx0.max(left);
            let x1 = sx1.min(right).max(x0 + 3.0);
            let tail = tail_px(&frame, it.disputed) * em::SMALL;
            let cut_start = sx0 < left;
            let cut_end = sx1 > right;
            let ongoing = it.is_ongoing();
            // Room for text (between the paddings of a label box) at each place.
            let inside = (
                x0 + if cut_start { chevron } else { 0.0 },
                x1 - if ongoing {
                    FADE_EM * u
                } else if cut_end {
                    chevron
                } else {
                    0.0
                },
            );
            let fits = |(a, b): (f64, f64), min: usize| {
                fit_text(&it.label, ub, b - a - 2.0 * pad - tail, min)
            };
            // The first free row where the whole title fits, else the free row where most of
            // it shows.
            let mut best: Option<(usize, bool, BandPlace)> = None;
            let mut any_row = None;
            for (row, r) in rows.iter().enumerate() {
                if !r.free(x0 - sep, x1 + sep) {
                    continue;
                }
                any_row.get_or_insert(row);
                let (before_room, after_room) = r.room(x0);
                let after = (x1 + sep, (after_room - sep).min(hi));
                let before = ((before_room + sep).max(lo), x0 - sep);
                let places = [(inside, true), (after, false), (before, false)];
                let whole = places.iter().find_map(|&(p, ins)| {
                    fits(p, MIN_LABEL_CHARS)
                        .filter(|f| !f.1)
                        .map(|f| (p, ins, f))
                });
                let cand = whole.or_else(|| {
                    places
                        .iter()
                        .filter_map(|&(p, ins)| fits(p, MIN_LABEL_CHARS).map(|f| (p, ins, f)))
                        .max_by_key(|c| c.2 .0)
                });
                if let Some(c) = cand {
                    let better = match &best {
                        None => true,
                        Some((_, w, b)) => !w && (whole.is_some() || c.2 .0 > b.2 .0),
                    };
                    if better {
                        best = Some((row, whole.is_some(), c));
                    }
                }
                if whole.is_some() {
                    break;
                }
            }
            let Some(row) = best.as_ref().map(|b| b.0).or(any_row) else {
                self.hidden_bands += 1;
                continue;
            };
            let chosen = best.map(|b| b.2);
            let y0 = frame.band_top() + row as f64 * frame.band_pitch();
            let rect = Rect {
                x0,
                y0,
                x1,
                y1: y0 + frame.band_h(),
            };
            let ym = (rect.y0 + rect.y1) / 2.0;
            let mut band = Band {
                index: i,
                row,
                rect,
                label: None,
                lines: Vec::new(),
                text_px: ub,
                truncated: false,
                badge: None,
                cut_start,
                cut_end,
                ongoing,
            };
            if let Some(((a, b), ins, (chars, truncated, w))) = chosen {
                // Before the band, the label ends next to it; elsewhere it starts at the left.
                let bx0 = if !ins && b <= x0 {
                    b - 2.0 * pad - w - tail
                } else {
                    a
                };
                let l = Rect {
                    x0: bx0,
                    y0: y0 + 0.1 * u,
                    x1: bx0 + 2.0 * pad + w + tail,
                    y1: rect.y1 - 0.1 * u,
                };
                band.label = Some(l);
                band.lines = vec![Line {
                    start: 0,
                    end: chars,
                    x: bx0 + pad,
                    y: ym,
                }];
                band.truncated = truncated;
                if it.disputed {
                    band.badge = Some(badge_box(l.x1 - pad, ym, ub));
                }
            }
            if Some(i) == pin && !band.is_whole() {
                // The title goes under the bands, wrapped: the band moves to the row next to it.
                let last = rows.len() - 1;
                if rows[last].free(x0 - sep, x1 + sep) {
                    band.row = last;
                    let y0 = frame.band_top() + last as f64 * frame.band_pitch();
                    band.rect.y0 = y0;
                    band.rect.y1 = y0 + frame.band_h();
                }
                if let Some(block) = self.pinned_band_block(it, &mut band) {
                    reserved = Some(block);
                }
            }
            let (ox0, ox1) = match band.label {
                Some(l) if l.y1 <= rect.y1 => (l.x0.min(x0), l.x1.max(x1)),
                _ => (x0, x1),
            };
            rows[band.row].insert(ox0, ox1, bands.len());
            bands.push(band);
        }
        // Drawn (and hit) in date order, whoever was placed first.
        bands.sort_by_key(|b| b.index);
        self.bands = bands;
        reserved
    }

    /// The pinned band's whole title wrapped into the first lanes under the bands, starting
    /// where the band starts (kept inside the label bounds): sets the band's label and returns
    /// the lanes it takes and their extent.
    fn pinned_band_block(&self, it: &Item, band: &mut Band) -> Option<(usize, (f64, f64))> {
        let f = &self.frame;
        let u = f.label_px();
        let (lo, hi) = f.label_bounds();
        let pad = em::PAD * u;
        let tail = tail_px(f, it.disputed);
        let lanes = f.lane_count();
        let room = (hi - lo - 2.0 * pad) / u;
        let lines =
            (1..=lanes.min(MAX_LINES + 1)).find_map(|n| wrap(&it.label, n, room, tail / u))?;
        let w = lines.iter().map(|l| l.2 * u).fold(0.0, f64::max);
        let last = lines.last().map_or(0.0, |l| l.2 * u) + tail;
        let bw = w.max(last) + 2.0 * pad;
        let x0 = band.rect.x0.max(lo).min(hi - bw);
        let n = lines.len();
        band.label = Some(Rect {
            x0,
            y0: f.lane_y(0) - em::LINE_HALF * u,
            x1: x0 + bw,
            y1: f.lane_y(n - 1) + em::LINE_HALF * u,
        });
        band.lines = lines
            .iter()
            .enumerate()
            .map(|(k, &(a, b, _))| Line {
                start: a,
                end: b,
                x: x0 + pad,
                y: f.lane_y(k),
            })
            .collect();
        band.truncated = false;
        band.text_px = u;
        band.badge = it.disputed.then(|| {
            let lw = lines[n - 1].2 * u;
            badge_box(x0 + pad + lw + tail, f.lane_y(n - 1), u)
        });
        Some((n, (x0, x0 + bw)))
    }

    /// The item under (or within [`HIT_SLOP`] of) the point: markers and labels first, then
    /// bands; among several, the nearest (then the one whose marker centre is closest).
    pub fn hit(&self, x: f64, y: f64) -> Option<usize> {
        // (distance to the box, distance to the marker centre, item): smallest wins.
        let mut best: Option<(f64, f64, usize)> = None;
        let mut consider = |cand: (f64, f64, usize)| {
            if cand.0 <= HIT_SLOP && best.is_none_or(|b| (cand.0, cand.1) < (b.0, b.1)) {
                best = Some(cand);
            }
        };
        for p in &self.placed {
            let d = p
                .label
                .or(p.badge)
                .map_or(f64::INFINITY, |l| l.dist(x, y))
                .min(p.marker.dist(x, y));
            consider((d, (p.x - x).hypot(p.y - y), p.index));
        }
        for b in &self.bands {
            // A band loses ties with markers: it lies underneath them.
            let d = b
                .label
                .map_or(f64::INFINITY, |l| l.dist(x, y))
                .min(b.rect.dist(x, y));
            consider((d + 0.5, f64::INFINITY, b.index));
        }
        best.map(|b| b.2)
    }

    /// Where item `index` was placed, if it got a marker.
    pub fn placed_of(&self, index: usize) -> Option<&Placed> {
        self.placed.iter().find(|p| p.index == index)
    }

    /// Where item `index` was placed as a band, if it is one in view.
    pub fn band_of(&self, index: usize) -> Option<&Band> {
        self.bands.iter().find(|b| b.index == index)
    }

    /// Whether item `index` is drawn with its whole title.
    pub fn is_whole(&self, index: usize) -> bool {
        self.placed_of(index).is_some_and(Placed::is_whole)
            || self.band_of(index).is_some_and(Band::is_whole)
    }

    /// Items drawn (as a marker or a band) without their whole title: shortened, or a marker
    /// alone. The page gives their full title on hover and focus; the event list has it too.
    pub fn shortened(&self) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .placed
            .iter()
            .filter(|p| !p.is_whole())
            .map(|p| p.index)
            .chain(self.bands.iter().filter(|b| !b.is_whole()).map(|b| b.index))
            .collect();
        out.sort_unstable();
        out
    }

    /// How many items are drawn with their whole title.
    pub fn whole_count(&self) -> usize {
        self.placed.iter().filter(|p| p.is_whole()).count()
            + self.bands.iter().filter(|b| b.is_whole()).count()
    }
}

/// Places the point items `in_view` (sorted by start), the pinned one first. One greedy pass
/// in date order when many items are in view (the frame bounds what is drawn, so most of them
/// only count in the rug); with fewer, several passes that differ in the order items are placed
/// and in which side and line count they try first (date order, reverse order, then shuffled with
/// a fixed seed), keeping the best: most markers, then most whole titles, most labels, fewest
/// lines, fewest labels on the left. It stops at the first pass where every title is whole.
fn search(
    items: &[Item],
    frame: &Frame,
    scale: &TimeScale,
    in_view: &[usize],
    pin: Option<usize>,
    reserved: Option<(usize, (f64, f64))>,
) -> (Vec<Placed>, usize) {
    let n = in_view.len();
    // The work stays bounded: many passes only for the few items a readable view holds.
    let passes = match n {
        0..=16 => 24,
        17..=SEARCH_LIMIT => 8,
        _ if n <= RETRY_LIMIT => 2,
        _ => 1,
    };
    let mut rng = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    type Score = (usize, usize, usize, usize, usize, usize);
    let score = |placed: &[Placed]| -> Score {
        let whole = placed.iter().filter(|p| p.is_whole()).count();
        let labelled = placed.iter().filter(|p| !p.lines.is_empty()).count();
        let lines: usize = placed.iter().map(|p| p.lines.len()).sum();
        let left = placed
            .iter()
            .filter(|p| !p.lines.is_empty() && p.side == Side::Left)
            .count();
        // Lower lanes count against a layout: labels stay near the top, together.
        let depth: usize = placed.iter().map(|p| p.lane + p.lines.len()).sum();
        (
            placed.len(),
            whole,
            labelled,
            usize::MAX - lines,
            usize::MAX - left,
            usize::MAX - depth,
        )
    };
    let mut best: Option<(Score, Vec<Placed>, usize)> = None;
    for pass in 0..passes + 1 {
        let mut order: Vec<usize> = in_view
            .iter()
            .copied()
            .filter(|&i| Some(i) != pin)
            .collect();
        let constrained = pass == 0;
        if constrained && n > SEARCH_LIMIT {
            continue;
        }
        let (prefer, flip) = match pass {
            0 | 1 => (Prefer::FewestLines, Flip::None),
            2 => (Prefer::Compact, Flip::None),
            3 | 4 => {
                order.reverse();
                let prefer = if pass == 3 {
                    Prefer::FewestLines
                } else {
                    Prefer::Compact
                };
                (prefer, Flip::All)
            }
            _ => {
                for k in (1..order.len()).rev() {
                    order.swap(k, (next() % (k as u64 + 1)) as usize);
                }
                let prefer = if next() % 2 == 0 {
                    Prefer::FewestLines
                } else {
                    Prefer::Compact
                };
                (prefer, Flip::Seed(next()))
            }
        };
        let mut lanes = vec![Lane::default(); frame.lane_count()];
        if let Some((n, (a, b))) = reserved {
            for lane in lanes.iter_mut().take(n) {
                lane.insert(a, b, RESERVED);
            }
        }
        let mut b = Builder {
            items,
            frame,
            lanes,
            placed: Vec::new(),
            prefer,
            pin,
            flip,
            pending: Vec::new(),
            pending_widest: 0.0,
            repair_need: Vec::new(),
        };
        if n <= RETRY_LIMIT {
            b.pending = in_view
                .iter()
                .map(|&i| {
                    let occ = b.point(&items[i], scale).occ;
                    (i, occ.0, occ.1, true)
                })
                .collect();
            b.pending.sort_by(|p, q| p.1.total_cmp(&q.1));
            b.pending_widest = b.pending.iter().map(|p| p.2 - p.1).fold(0.0, f64::max);
        }
        let mut thinned = 0;
        if let Some(p) = pin {
            if !b.place(p, scale, true) {
                thinned += 1;
            }
        }
        if constrained {
            thinned += b.place_constrained(&order, scale);
        } else {
            for i in order {
                if !b.place(i, scale, false) {
                    thinned += 1;
                }
            }
        }
        let sc = score(&b.placed);
        let perfect = sc.1 == n;
        if best.as_ref().is_none_or(|bb| sc > bb.0) {
            best = Some((sc, b.placed, thinned));
        }
        // Few items: every pass is cheap, so all are weighed; more: the first perfect one.
        if perfect && n > 16 {
            break;
        }
    }
    best.map_or((Vec::new(), 0), |b| (b.1, b.2))
}

/// Where a band's label may go: the room `(x0, x1)`, whether that is inside the band, and how
/// much of the title fits there (as [`fit_text`] says).
type BandPlace = ((f64, f64), bool, (usize, bool, f64));

/// The owner of lane room kept for the pinned band's label.
const RESERVED: usize = usize::MAX;

/// Which side a pass tries first for a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flip {
    /// Right, then left.
    None,
    /// Left, then right.
    All,
    /// Chosen per item from this seed.
    Seed(u64),
}

/// Width of an ongoing band's fading end, in ems.
pub const FADE_EM: f64 = 3.0;

/// The box of the disagreement cue ending at `x1`, centred on `y`, for text `u` px high (the
/// box is `u` high: drawing takes its size from it).
fn badge_box(x1: f64, y: f64, u: f64) -> Rect {
    Rect {
        x0: x1 - em::BADGE * u,
        y0: y - 0.5 * u,
        x1,
        y1: y + 0.5 * u,
    }
}

impl Builder<'_> {
    /// Places point item `i`; false when not even its marker found room.
    fn place(&mut self, i: usize, scale: &TimeScale, pinned: bool) -> bool {
        let placed = self.place_inner(i, scale, pinned);
        self.close(i);
        placed
    }

    fn place_inner(&mut self, i: usize, scale: &TimeScale, pinned: bool) -> bool {
        let f = self.frame;
        let it = &self.items[i];
        let sep = em::SEP * f.label_px();
        let pt = self.point(it, scale);
        // Cheap test first: is there a lane with room for the marker alone?
        if !self
            .lanes
            .iter()
            .any(|l| l.free(pt.occ.0 - sep, pt.occ.1 + sep))
            && !self.repair(&pt)
        {
            return false;
        }
        let cands = self.whole_candidates(it, &pt, pinned);
        // The selection may, if it must, take room other markers would have had.
        for strict in [true, false].into_iter().take(if pinned { 2 } else { 1 }) {
            for cand in &cands {
                let lane = self
                    .lanes_for(&pt, cand, it.disputed)
                    .into_iter()
                    .find(|&k| {
                        !strict
                            || self.keeps_markers(i, &self.cand_spans(&pt, cand, k, it.disputed))
                    });
                if let Some(lane) = lane {
                    self.commit(i, &pt, lane, Some(cand.clone()));
                    return true;
                }
            }
        }
        if let Some((lane, cand)) = self.shortened(i, &pt) {
            self.commit(i, &pt, lane, Some(cand));
            return true;
        }
        // A marker alone, with the disagreement cue after it when there is room.
        let lanes = self.lanes.len();
        if let Some(end) = self.badge_alone(it, &pt) {
            if let Some(lane) = (0..lanes).find(|&k| {
                self.lanes[k].free(pt.occ.0 - sep, end + sep)
                    && self.keeps_markers(i, &[(k, pt.occ.0, end)])
            }) {
                self.commit(i, &pt, lane, None);
                return true;
            }
        }
        if let Some(lane) = (0..lanes).find(|&k| self.lanes[k].free(pt.occ.0 - sep, pt.occ.1 + sep))
        {
            self.commit_bare(i, &pt, lane);
            return true;
        }
        false
    }

    /// What placing `cand` in `lane` takes: `(lane, x0, x1)` for each lane of it.
    fn cand_spans(
        &self,
        pt: &Point,
        cand: &Cand,
        lane: usize,
        disputed: bool,
    ) -> Vec<(usize, f64, f64)> {
        let (first, rest) = self.spans(pt, cand, disputed);
        let mut out = vec![(lane, first.0, first.1)];
        out.extend((1..cand.lines.len()).map(|j| (lane + j, rest.0, rest.1)));
        out
    }

    /// Whether taking `spans` for item `current` still leaves, next to every item not placed
    /// yet, as many lanes with room for its marker as there are unplaced markers that would
    /// collide with it: a label never takes the last room of a marker still to come.
    fn keeps_markers(&self, current: usize, spans: &[(usize, f64, f64)]) -> bool {
        if self.pending.is_empty() {
            return true;
        }
        let sep = em::SEP * self.frame.label_px();
        let (lo, hi) = spans
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), s| {
                (a.min(s.1), b.max(s.2))
            });
        // The pending items are sorted by where their room starts; only those near the spans
        // can lose room, and only those near each of them compete with it.
        let near = |a: f64, b: f64| {
            let from = self
                .pending
                .partition_point(|p| p.1 < a - self.pending_widest);
            let to = self.pending.partition_point(|p| p.1 < b);
            self.pending[from..to]
                .iter()
                .filter(move |p| p.3 && p.0 != current && p.2 > a)
        };
        for &(_, a, b, _) in near(lo - sep, hi + sep) {
            let (a, b) = (a - sep, b + sep);
            let demand = near(a, b).count();
            let room = (0..self.lanes.len())
                .filter(|&k| {
                    self.lanes[k].free(a, b)
                        && !spans.iter().any(|&(l, x0, x1)| l == k && x0 < b && a < x1)
                })
                .take(demand)
                .count();
            if room < demand {
                return false;
            }
        }
        true
    }

    /// Marks item `i` as no longer waiting for a marker.
    fn close(&mut self, i: usize) {
        if let Some(p) = self.pending.iter_mut().find(|p| p.0 == i) {
            p.3 = false;
        }
    }

    /// Where `it`'s marker goes and what it and its date bracket take in a lane.
    fn point(&self, it: &Item, scale: &TimeScale) -> Point {
        let f = self.frame;
        let ring = f.ring_half();
        let x = scale.map(it.start);
        let span_x1 = scale.map(it.end).min(f.plot_right());
        let span = (span_x1 - x > 2.0 * f.marker_r()).then_some((x, span_x1));
        Point {
            x,
            occ: (x - ring, span.map_or(x + ring, |s| s.1.max(x + ring))),
            span,
        }
    }

    /// Places the items of `order` by constraint propagation: every whole-title placement of
    /// every item is listed first (side, lines, lane); then, repeatedly, the item with the
    /// fewest placements left takes the one that rules out the least for the others (each
    /// ruled-out placement weighs by how few its item has left), with a small preference for
    /// one line, the right side and the top. Items left with no whole placement are placed last,
    /// the usual way (shortened, or a marker alone). Returns how many got no marker.
    fn place_constrained(&mut self, order: &[usize], scale: &TimeScale) -> usize {
        let u = self.frame.label_px();
        let sep = em::SEP * u;
        struct Opt {
            item: usize,
            cand: Cand,
            lane: usize,
            cost: f64,
            /// (lane, x0, x1) taken.
            spans: Vec<(usize, f64, f64)>,
        }
        let mut opts: Vec<Opt> = Vec::new();
        let mut points = Vec::with_capacity(order.len());
        for (slot, &i) in order.iter().enumerate() {
            let it = &self.items[i];
            let pt = self.point(it, scale);
            for (rank, cand) in self
                .whole_candidates(it, &pt, false)
                .into_iter()
                .enumerate()
            {
                let n = cand.lines.len();
                let (first, rest) = self.spans(&pt, &cand, it.disputed);
                for k in 0..self.lanes.len().saturating_sub(n - 1) {
                    let ok = self.lanes[k].free(first.0 - sep, first.1 + sep)
                        && (1..n).all(|j| self.lanes[k + j].free(rest.0 - sep, rest.1 + sep));
                    if ok {
                        let mut spans = vec![(k, first.0, first.1)];
                        spans.extend((1..n).map(|j| (k + j, rest.0, rest.1)));
                        let cost = 0.3 * (n - 1) as f64
                            + if cand.side == Side::Left { 0.1 } else { 0.0 }
                            + 0.01 * (k as f64 + rank as f64);
                        opts.push(Opt {
                            item: slot,
                            cand: cand.clone(),
                            lane: k,
                            cost,
                            spans,
                        });
                    }
                }
            }
            points.push(pt);
        }
        let clash = |a: &Opt, b: &Opt| {
            a.spans.iter().any(|&(la, a0, a1)| {
                b.spans
                    .iter()
                    .any(|&(lb, b0, b1)| la == lb && a0 < b1 + sep && b0 < a1 + sep)
            })
        };
        let mut alive = vec![true; opts.len()];
        let mut left = vec![0usize; order.len()];
        for o in &opts {
            left[o.item] += 1;
        }
        let mut done = vec![false; order.len()];
        let weigh_all = opts.len() <= 2000;
        while let Some(slot) = (0..order.len())
            .filter(|&s| !done[s] && left[s] > 0)
            .min_by_key(|&s| (left[s], s))
        {
            let mut best: Option<(f64, usize)> = None;
            for (oi, o) in opts.iter().enumerate() {
                if o.item != slot || !alive[oi] || !self.keeps_markers(order[slot], &o.spans) {
                    continue;
                }
                let mut cost = o.cost;
                if weigh_all {
                    for (qi, q) in opts.iter().enumerate() {
                        if alive[qi] && q.item != slot && !done[q.item] && clash(o, q) {
                            cost += 1.0 / left[q.item] as f64;
                        }
                    }
                }
                if best.is_none_or(|b| cost < b.0) {
                    best = Some((cost, oi));
                }
            }
            let Some((_, oi)) = best else {
                // Every placement left would take a marker's last room: place it later.
                for qi in 0..opts.len() {
                    if alive[qi] && opts[qi].item == slot {
                        alive[qi] = false;
                        left[slot] -= 1;
                    }
                }
                continue;
            };
            done[slot] = true;
            for qi in 0..opts.len() {
                if alive[qi] && (opts[qi].item == slot || clash(&opts[oi], &opts[qi])) {
                    alive[qi] = false;
                    left[opts[qi].item] -= 1;
                }
            }
            let (lane, cand) = (opts[oi].lane, opts[oi].cand.clone());
            self.commit(order[slot], &points[slot], lane, Some(cand));
            self.close(order[slot]);
        }
        let mut thinned = 0;
        for (slot, &i) in order.iter().enumerate() {
            if !done[slot] && !self.place(i, scale, false) {
                thinned += 1;
            }
        }
        thinned
    }

    /// The right end of a lone disagreement cue after the marker, if the item has one and it
    /// stays inside the label bounds.
    fn badge_alone(&self, it: &Item, pt: &Point) -> Option<f64> {
        let f = self.frame;
        let u = f.label_px();
        let x1 = pt.x + f.marker_half() + em::MARKER_GAP * u + (2.0 * em::PAD + em::BADGE) * u;
        (it.disputed && x1 <= f.label_bounds().1).then_some(x1.max(pt.occ.1))
    }

    /// Whole-title placements in the order this pass prefers them.
    fn whole_candidates(&self, it: &Item, pt: &Point, pinned: bool) -> Vec<Cand> {
        let f = self.frame;
        let u = f.label_px();
        let (lo, hi) = f.label_bounds();
        let tail_em = tail_px(f, it.disputed) / u;
        let pad2 = 2.0 * em::PAD * u;
        let mgap = f.marker_half() + em::MARKER_GAP * u;
        let room_right = hi - (pt.x + mgap) - pad2;
        let room_left = (pt.x - mgap) - lo - pad2;
        let cap = if pinned {
            hi - lo - pad2
        } else {
            f.max_label_w()
        };
        let max_lines = if pinned { MAX_LINES + 1 } else { MAX_LINES };
        let left_first = match self.flip {
            Flip::None => false,
            Flip::All => true,
            Flip::Seed(_) => self.coin(pt, 0) & 1 == 1,
        };
        let sides = if left_first {
            [Side::Left, Side::Right]
        } else {
            [Side::Right, Side::Left]
        };
        let mut out = Vec::new();
        for n in 1..=max_lines {
            for side in sides {
                let room = match side {
                    Side::Right => room_right,
                    Side::Left => room_left,
                }
                .min(cap);
                if room <= 0.0 {
                    continue;
                }
                if let Some(lines) = wrap(&it.label, n, room / u, tail_em) {
                    out.push(Cand {
                        side,
                        lines: lines.into_iter().map(|(a, b, w)| (a, b, w * u)).collect(),
                        truncated: false,
                    });
                }
            }
        }
        if self.prefer == Prefer::Compact {
            // A comfortable line is at most about 24 ems (some 40 characters): longer single
            // lines go after the wrapped forms.
            let comfy = 24.0 * u;
            out.sort_by_key(|c| c.lines.iter().any(|l| l.2 > comfy));
        }
        if matches!(self.flip, Flip::Seed(_)) && !pinned {
            // A shuffled pass also tries wrapped forms before shorter ones now and then.
            let keys: Vec<u64> = (0..out.len())
                .map(|k| out[k].lines.len() as u64 * 4 + self.coin(pt, k as u64 + 1) % 6)
                .collect();
            let mut idx: Vec<usize> = (0..out.len()).collect();
            idx.sort_by_key(|&k| keys[k]);
            out = idx.into_iter().map(|k| out[k].clone()).collect();
        }
        out
    }

    /// A pseudo-random number for this pass, this item and `salt` (0 without a seed).
    fn coin(&self, pt: &Point, salt: u64) -> u64 {
        let Flip::Seed(seed) = self.flip else {
            return 0;
        };
        let mut h = seed
            ^ pt.x.to_bits().wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ salt.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 31;
        h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
        h ^ (h >> 29)
    }

    /// The lanes where `cand` fits, from the top.
    fn lanes_for(&self, pt: &Point, cand: &Cand, disputed: bool) -> Vec<usize> {
        let f = self.frame;
        let sep = em::SEP * f.label_px();
        let n = cand.lines.len();
        let (first, rest) = self.spans(pt, cand, disputed);
        let fits = |k: &usize| {
            self.lanes[*k].free(first.0 - sep, first.1 + sep)
                && (1..n).all(|j| self.lanes[*k + j].free(rest.0 - sep, rest.1 + sep))
        };
        let top = self.lanes.len().saturating_sub(n - 1);
        (0..top).filter(fits).collect()
    }

    /// What a placement takes in the marker's lane and in each lane below (for wrapped lines).
    ///
    /// A wrapped label keeps the column under its marker too, and the side of the marker away
    /// from its label keeps [`em::AIR`] more, so that no other marker sits where it would seem
    /// to belong to this label.
    fn spans(&self, pt: &Point, cand: &Cand, disputed: bool) -> ((f64, f64), (f64, f64)) {
        let f = self.frame;
        let air = em::AIR * f.label_px();
        let r = self.label_box_x(pt, cand, disputed);
        let marker_x1 = pt.x + f.ring_half();
        match cand.side {
            Side::Right => (
                (pt.occ.0 - air, r.1.max(pt.occ.1)),
                (pt.occ.0 - air, r.1.max(marker_x1)),
            ),
            Side::Left => (
                (r.0.min(pt.occ.0), pt.occ.1 + air),
                (r.0.min(pt.occ.0), marker_x1 + air),
            ),
        }
    }

    /// Left and right edges of a placement's label box.
    fn label_box_x(&self, pt: &Point, cand: &Cand, disputed: bool) -> (f64, f64) {
        let f = self.frame;
        let mgap = f.marker_half() + em::MARKER_GAP * f.label_px();
        let w = cand.box_w(f, disputed);
        match cand.side {
            Side::Right => (pt.x + mgap, pt.x + mgap + w),
            Side::Left => (pt.x - mgap - w, pt.x - mgap),
        }
    }

    /// The shortened one-line label that keeps the most characters in the room next to the
    /// marker, over every lane with room for the marker, on either side.
    fn shortened(&self, i: usize, pt: &Point) -> Option<(usize, Cand)> {
        let it = &self.items[i];
        let f = self.frame;
        let u = f.label_px();
        let sep = em::SEP * u;
        let (lo, hi) = f.label_bounds();
        let mgap = f.marker_half() + em::MARKER_GAP * u;
        let fixed = 2.0 * em::PAD * u + tail_px(f, it.disputed);
        let mut best: Option<(usize, usize, Cand)> = None;
        for (k, lane) in self.lanes.iter().enumerate() {
            if !lane.free(pt.occ.0 - sep, pt.occ.1 + sep) {
                continue;
            }
            let (before, after) = lane.room(pt.x);
            let right = (after - sep).min(hi) - (pt.x + mgap) - fixed;
            let left = (pt.x - mgap) - (before + sep).max(lo) - fixed;
            for (side, avail) in [(Side::Right, right), (Side::Left, left)] {
                let avail = avail.min(f.max_label_w());
                if let Some((chars, truncated, w)) = fit_text(&it.label, u, avail, MIN_LABEL_CHARS)
                {
                    let cand = Cand {
                        side,
                        lines: vec![(0, chars, w)],
                        truncated,
                    };
                    // The right side's occupancy includes the date bracket: check it.
                    let (first, _) = self.spans(pt, &cand, it.disputed);
                    if lane.free(first.0 - sep, first.1 + sep)
                        && best.as_ref().is_none_or(|b| chars > b.1)
                        && self.keeps_markers(i, &[(k, first.0, first.1)])
                    {
                        best = Some((k, chars, cand));
                    }
                }
            }
        }
        best.map(|(k, _, c)| (k, c))
    }

    /// No lane has room for this marker: shorten a one-line label of another item that runs
    /// over it (keeping at least [`MIN_REPAIR_CHARS`] characters), in the lane where the most
    /// characters remain. A label right of its marker loses its end; one left of its marker
    /// keeps its first characters too, next to the marker, and its box shrinks from the left.
    /// Returns whether a lane was freed.
    fn repair(&mut self, pt: &Point) -> bool {
        let f = self.frame;
        let u = f.label_px();
        let sep = em::SEP * u;
        let ring = f.ring_half();
        let pad = em::PAD * u;
        let (a, b) = (pt.occ.0 - sep, pt.occ.1 + sep);
        let mut best: Option<(usize, usize, (usize, bool, f64))> = None;
        for (k, lane) in self.lanes.iter().enumerate() {
            let mut over = lane.overlapping(a, b);
            let (Some(&(_, _, pi)), None) = (over.next(), over.next()) else {
                continue;
            };
            let Some(p) = self.placed.get(pi) else {
                continue;
            };
            let it = &self.items[p.index];
            let Some(l) = p.label else { continue };
            // Never the pinned selection, nor what the marker or its bracket needs.
            if p.lines.len() != 1 || p.lane != k || Some(p.index) == self.pin {
                continue;
            }
            let own = (
                p.x - ring,
                p.span.map_or(p.x + ring, |s| s.1.max(p.x + ring)),
            );
            let fixed = 2.0 * pad + tail_px(f, it.disputed);
            let avail = match p.side {
                Side::Right if own.1 <= a => a - l.x0 - fixed,
                Side::Left if own.0 >= b => l.x1 - b - fixed,
                _ => continue,
            };
            // One comparison first: dense views come here for every item.
            if avail < self.repair_need.get(pi).copied().unwrap_or(f64::INFINITY) {
                continue;
            }
            if let Some(fit) = fit_text(&it.label, u, avail, MIN_REPAIR_CHARS) {
                if best.is_none_or(|bb| fit.0 > bb.2 .0) {
                    best = Some((k, pi, fit));
                }
            }
        }
        let Some((k, pi, (chars, truncated, w))) = best else {
            return false;
        };
        let tail = tail_px(f, self.items[self.placed[pi].index].disputed);
        let p = &mut self.placed[pi];
        let Some(l) = p.label.as_mut() else {
            return false;
        };
        let own = (
            p.x - ring,
            p.span.map_or(p.x + ring, |s| s.1.max(p.x + ring)),
        );
        match p.side {
            Side::Right => {
                l.x1 = l.x0 + 2.0 * pad + w + tail;
                if let Some(bd) = p.badge.as_mut() {
                    *bd = badge_box(l.x1 - pad, p.y, u);
                }
            }
            // Right-aligned next to the marker: the text's anchor and the cue stay put.
            Side::Left => l.x0 = l.x1 - 2.0 * pad - w - tail,
        }
        p.lines[0].end = chars;
        p.truncated = truncated;
        let air = em::AIR * u;
        let (a, b) = match p.side {
            Side::Right => (own.0 - air, l.x1.max(own.1)),
            Side::Left => (l.x0.min(own.0), own.1 + air),
        };
        self.lanes[k].set(pi, a, b);
        true
    }

    /// Records item `i` in `lane` with label `cand` (or with only its marker and cue).
    fn commit(&mut self, i: usize, pt: &Point, lane: usize, cand: Option<Cand>) {
        let f = self.frame;
        let u = f.label_px();
        let it = &self.items[i];
        let y = f.lane_y(lane);
        let owner = self.placed.len();
        let mh = f.marker_half();
        let marker = Rect {
            x0: pt.x - mh,
            y0: y - mh,
            x1: pt.x + mh,
            y1: y + mh,
        };
        let mut placed = Placed {
            index: i,
            lane,
            x: pt.x,
            y,
            marker,
            label: None,
            side: Side::Right,
            lines: Vec::new(),
            truncated: false,
            badge: None,
            span: pt.span,
        };
        match cand {
            Some(cand) => {
                let (first, rest) = self.spans(pt, &cand, it.disputed);
                let n = cand.lines.len();
                let (bx0, bx1) = self.label_box_x(pt, &cand, it.disputed);
                let pad = em::PAD * u;
                let tail = tail_px(f, it.disputed);
                placed.label = Some(Rect {
                    x0: bx0,
                    y0: y - em::LINE_HALF * u,
                    x1: bx1,
                    y1: f.lane_y(lane + n - 1) + em::LINE_HALF * u,
                });
                placed.side = cand.side;
                placed.truncated = cand.truncated;
                placed.lines = cand
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(j, &(a, b, _))| {
                        let last = j + 1 == n;
                        Line {
                            start: a,
                            end: b,
                            x: match cand.side {
                                Side::Right => bx0 + pad,
                                Side::Left => bx1 - pad - if last { tail } else { 0.0 },
                            },
                            y: f.lane_y(lane + j),
                        }
                    })
                    .collect();
                if it.disputed {
                    let last = &cand.lines[n - 1];
                    let x1 = match cand.side {
                        Side::Right => bx0 + pad + last.2 + tail,
                        Side::Left => bx1 - pad,
                    };
                    placed.badge = Some(badge_box(x1, f.lane_y(lane + n - 1), u));
                }
                self.lanes[lane].insert(first.0, first.1, owner);
                for j in 1..n {
                    self.lanes[lane + j].insert(rest.0, rest.1, owner);
                }
            }
            None => {
                let end = self.badge_alone(it, pt);
                if let Some(x1) = end {
                    placed.badge = Some(badge_box(x1 - em::PAD * u, y, u));
                }
                let air = em::AIR * u;
                self.lanes[lane].insert(pt.occ.0 - air, end.unwrap_or(pt.occ.1) + air, owner);
            }
        }
        let need = if placed.lines.len() == 1 && placed.lines[0].end > MIN_REPAIR_CHARS {
            let head: f64 = it.label.chars().take(MIN_REPAIR_CHARS).map(char_em).sum();
            (head + ELLIPSIS_EM) * u
        } else {
            f64::INFINITY
        };
        self.repair_need.push(need);
        self.placed.push(placed);
    }

    /// Records item `i` in `lane` with its marker alone (no room even for the cue).
    fn commit_bare(&mut self, i: usize, pt: &Point, lane: usize) {
        let f = self.frame;
        let y = f.lane_y(lane);
        let mh = f.marker_half();
        let air = em::AIR * f.label_px();
        self.lanes[lane].insert(pt.occ.0 - air, pt.occ.1 + air, self.placed.len());
        self.repair_need.push(f64::INFINITY);
        self.placed.push(Placed {
            index: i,
            lane,
            x: pt.x,
            y,
            marker: Rect {
                x0: pt.x - mh,
                y0: y - mh,
                x1: pt.x + mh,
                y1: y + mh,
            },
            label: None,
            side: Side::Right,
            lines: Vec::new(),
            truncated: false,
            badge: None,
            span: pt.span,
        });
    }
}

/// Ticks whose labels do not collide: start from the frame's hint and lower it until the
/// narrowest gap between ticks holds the widest label.
fn axis_ticks(scale: &TimeScale, frame: &Frame) -> Vec<AxisTick> {
    let mut hint = frame.tick_hint();
    let gap = frame.tick_px();
    let mut ticks = scale.ticks(hint);
    while ticks.len() >= 2 {
        let widest = ticks
            .iter()
            .map(|t| frame.tick_w(&t.label))
            .fold(0.0, f64::max);
        let spacing = ticks
            .windows(2)
            .map(|w| scale.map(w[1].day as f64) - scale.map(w[0].day as f64))
            .fold(f64::INFINITY, f64::min);
        if spacing >= widest + gap {
            break;
        }
        hint = ticks.len() - 1;
        ticks = scale.ticks(hint);
    }
    let right = frame.width - 2.0;
    ticks
        .into_iter()
        .map(|tick| {
            let x = scale.map(tick.day as f64);
            let label_x1 = x + 0.3 * frame.tick_px() + frame.tick_w(&tick.label);
            AxisTick {
                x,
                show_label: label_x1 <= right,
                tick,
            }
        })
        .collect()
}
#[cfg(test)]
mod tests {
    use super::*;

    fn point(id: &str, start: f64, chars: usize) -> Item {
        Item {
            id: id.into(),
            label: "x".repeat(chars),
            kind: EventKind::Event,
            start,
            end: start + 1.0,
            precision: Precision::Day,
            disputed: false,
        }
    }

    fn titled(id: &str, start: f64, label: &str) -> Item {
        Item {
            label: label.into(),
            ..point(id, start, 1)
        }
    }

    #[test]
    fn frame_fonts_are_readable() {
        assert!(Frame::new(1920.0, 1080.0, 1.0).label_px() >= 22.0);
        assert!(Frame::new(1920.0, 400.0, 1.0).tick_px() >= 18.0);
        let phone = Frame::new(390.0, 260.0, 3.0);
        assert_eq!(phone.label_px(), 14.0);
        assert!(phone.lane_count() >= 5);
        assert!(phone.axis_y() + phone.tick_px() < phone.height);
        assert_eq!(phone.px(10.0), 30.0);
        assert_eq!(phone.device_size(), (1170, 780));
        let bad = Frame::new(f64::NAN, 0.0, -1.0);
        assert_eq!((bad.width, bad.height, bad.dpr), (1.0, 1.0, 0.5));
        // The type grows with the frame, never past 24 px.
        let sizes: Vec<f64> = [390.0, 800.0, 1280.0, 1920.0, 3840.0]
            .iter()
            .map(|&w| Frame::new(w, 1000.0, 1.0).label_px())
            .collect();
        assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
        assert_eq!(sizes[4], 24.0);
    }

    #[test]
    fn wrapping_balances_lines_and_keeps_words() {
        let t = "Commission of Inquiry presents its findings to the UN Human Rights Council";
        let one = wrap(t, 1, 1000.0, 0.0).unwrap();
        assert_eq!(one.len(), 1);
        assert!((one[0].2 - text_em(t)).abs() < 1e-9);
        let two = wrap(t, 2, 1000.0, 0.0).unwrap();
        assert_eq!(two.len(), 2);
        let (a, b) = (two[0].2, two[1].2);
        assert!((a - b).abs() < 4.0, "balanced: {a} {b}");
        let chars: Vec<char> = t.chars().collect();
        let line = |l: &(usize, usize, f64)| chars[l.0..l.1].iter().collect::<String>();
        assert_eq!(format!("{} {}", line(&two[0]), line(&two[1])), t);
        // The cue's room goes on the last line.
        let tail = wrap(t, 2, 1000.0, 1.35).unwrap();
        assert!(tail[1].2 + 1.35 <= tail[0].2.max(tail[1].2 + 1.35) + 1e-9);
        // Too narrow for a word, or too few words: no wrapping.
        assert_eq!(wrap(t, 2, 3.0, 0.0), None);
        assert_eq!(wrap("Famine", 2, 100.0, 0.0), None);
    }

    #[test]
    fn culling_skips_items_out_of_view() {
        let items: Vec<Item> = (0..1000).map(|k| point("p", k as f64 * 10.0, 3)).collect();
        let f = Frame::new(800.0, 300.0, 1.0);
        let s = TimeScale::new(5000.0, 5200.0, f.plot_left(), f.plot_right());
        let l = Layout::compute(&items, &[], &s, &f);
        assert!(!l.placed.is_empty());
        for p in &l.placed {
            assert!((4990.0..=5210.0).contains(&items[p.index].start));
        }
        let total: u32 = l.rug.iter().map(|b| b.count).sum();
        assert_eq!(total as usize, l.placed.len() + l.thinned);
    }

    #[test]
    fn filter_mask_hides_items() {
        let items: Vec<Item> = (0..10).map(|k| point("p", k as f64 * 100.0, 3)).collect();
        let f = Frame::new(800.0, 300.0, 1.0);
        let s = TimeScale::fit(0.0, 900.0, 0.1, f.plot_left(), f.plot_right());
        let mask: Vec<bool> = (0..10).map(|k| k % 2 == 0).collect();
        let l = Layout::compute(&items, &mask, &s, &f);
        assert_eq!(l.placed.len(), 5);
        assert!(l.placed.iter().all(|p| p.index % 2 == 0));
    }

    #[test]
    fn a_lane_holds_as_many_items_as_fit() {
        // Five short labels far apart share the top lane.
        let items: Vec<Item> = (0..5).map(|k| point("p", k as f64 * 100.0, 4)).collect();
        let f = Frame::new(1280.0, 320.0, 1.0);
        let s = TimeScale::fit(0.0, 400.0, 0.05, f.plot_left(), f.plot_right());
        let l = Layout::compute(&items, &[], &s, &f);
        assert!(l.placed.iter().all(|p| p.lane == 0 && p.is_whole()));
    }

    #[test]
    fn a_label_goes_left_where_the_right_has_no_room() {
        let items = vec![titled("a", 390.0, "A title long enough to need room")];
        let f = Frame::new(800.0, 300.0, 1.0);
        let s = TimeScale::new(0.0, 400.0, f.plot_left(), f.plot_right());
        let l = Layout::compute(&items, &[], &s, &f);
        let p = &l.placed[0];
        assert_eq!(p.side, Side::Left);
        assert!(p.is_whole() && p.lines.len() == 1);
        assert!(p.label.unwrap().x1 < p.marker.x0);
    }

    #[test]
    fn long_titles_wrap_before_they_are_shortened() {
        let t = "UN Commission of Inquiry report on human rights in North Korea made public";
        let items = vec![titled("a", 10.0, t)];
        let f = Frame::new(390.0, 260.0, 2.0);
        let s = TimeScale::new(0.0, 400.0, f.plot_left(), f.plot_right());
        let l = Layout::compute(&items, &[], &s, &f);
        let p = &l.placed[0];
        assert!(p.is_whole(), "{p:?}");
        assert!(p.lines.len() >= 2);
        assert_eq!(l.shortened(), Vec::<usize>::new());
        // Only a title that fits nowhere is shortened, and the layout says so.
        let items = vec![point("b", 200.0, 400)];
        let l = Layout::compute(&items, &[], &s, &f);
        assert!(l.placed[0].truncated);
        assert_eq!(l.shortened(), vec![0]);
        assert!(!l.is_whole(0));
    }

    #[test]
    fn the_pinned_item_is_placed_first_and_whole() {
        // Twelve items on one day: most cannot have a label; the pinned one always has.
        let items: Vec<Item> = (0..12)
            .map(|k| {
                titled(
                    &format!("i{k}"),
                    100.0,
                    &format!("Event number {k} with a title"),
                )
            })
            .collect();
        let f = Frame::new(800.0, 240.0, 1.0);
        let s = TimeScale::new(0.0, 200.0, f.plot_left(), f.plot_right());
        let base = Layout::compute(&items, &[], &s, &f);
        assert!(!base.is_whole(11));
        let l = Layout::compute_pinned(&items, &[], &s, &f, Some(11));
        assert_eq!(l.pinned, Some(11));
        let p = l.placed_of(11).unwrap();
        assert!(p.is_whole() && p.lane == 0);
    }

    #[test]
    fn disputed_items_carry_the_cue_after_their_title() {
        let mut it = titled("a", 100.0, "Famine in North Korea");
        it.disputed = true;
        let mut band = titled("b", 50.0, "A period");
        band.kind = EventKind::Period;
        band.end = 150.0;
        band.disputed = true;
        let items = vec![band, it];
        let f = Frame::new(1280.0, 320.0, 1.0);
        let s = TimeScale::new(0.0, 400.0, f.plot_left(), f.plot_right());
        let l = Layout::compute(&items, &[], &s, &f);
        let p = l.placed_of(1).unwrap();
        let (lb, bd) = (p.label.unwrap(), p.badge.unwrap());
        assert!(bd.x0 > p.lines[0].x && bd.x1 <= lb.x1 && bd.y0 >= lb.y0 - 1e-9);
        let b = l.band_of(0).unwrap();
        assert!(b.badge.is_some() && b.label_inside());
    }

    #[test]
    fn periods_are_bands_even_when_they_start_before_the_view() {
        let mut famine = point("famine", 8766.0, 7); // 1994
        famine.kind = EventKind::Period;
        famine.end = 10592.0; // 1999
        let mut ongoing = point("flight", 9200.0, 7);
        ongoing.kind = EventKind::Period;
        ongoing.end = f64::INFINITY;
        let items = vec![famine, point("b", 9000.0, 4), ongoing];
        let f = Frame::new(1280.0, 320.0, 1.0);
        let s = TimeScale::new(9500.0, 9600.0, f.plot_left(), f.plot_right());
        let l = Layout::compute(&items, &[], &s, &f);
        assert_eq!(l.bands.len(), 2);
        let b = &l.bands[0];
        assert!(b.cut_start && b.cut_end && !b.ongoing);
        assert_eq!((b.rect.x0, b.rect.x1), (f.plot_left(), f.plot_right()));
        assert!(l.bands[1].ongoing);
        assert_eq!(l.hit(640.0, b.rect.y0 + 5.0), Some(0));
    }

    fn lcg(seed: u64) -> impl FnMut() -> f64 {
        let mut s = seed;
        move || {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// Everything one item draws, as boxes: marker with its rings, label, cue, date bracket.
    fn ink(l: &Layout) -> Vec<(usize, &'static str, Rect)> {
        let f = &l.frame;
        let ring = f.ring_half();
        let mut out = Vec::new();
        for p in &l.placed {
            let m = Rect {
                x0: p.x - ring,
                y0: p.y - ring,
                x1: p.x + ring,
                y1: p.y + ring,
            };
            out.push((p.index, "marker", m));
            out.extend(p.label.map(|r| (p.index, "label", r)));
            out.extend(p.badge.map(|r| (p.index, "cue", r)));
            out.extend(p.bracket(f).map(|r| (p.index, "bracket", r)));
        }
        for b in &l.bands {
            out.push((b.index, "band", b.rect));
            if !b.label_inside() {
                out.extend(b.label.map(|r| (b.index, "band label", r)));
            }
        }
        out
    }

    /// No label, marker, cue, bracket or band overlaps another item's, for many random datasets,
    /// sizes (390..1920 wide, ratio 1..3), zooms, pans and selections; nothing strays outside the
    /// frame or onto the density strip; the hit test finds every placed item at its marker and
    /// label; a pinned item is always placed.
    #[test]
    fn nothing_overlaps_at_any_zoom_or_size() {
        let mut rnd = lcg(7);
        for round in 0..120 {
            let n = 1 + (rnd() * if round % 4 == 0 { 2000.0 } else { 200.0 }) as usize;
            let items = synthetic_items(n, round);
            let f = Frame::new(
                390.0 + (rnd() * 1530.0).round(),
                200.0 + (rnd() * 500.0).round(),
                1.0 + (rnd() * 4.0).floor() / 2.0,
            );
            let mut s = TimeScale::fit(7305.0, 20454.0, 0.02, f.plot_left(), f.plot_right());
            for _ in 0..(rnd() * 8.0) as usize {
                let at = f.plot_left() + rnd() * (f.plot_right() - f.plot_left());
                s.zoom_at(at, 1.0 + rnd() * 3.0);
            }
            s.pan((rnd() - 0.5) * f.width);
            let pin = (rnd() < 0.6).then(|| (rnd() * n as f64) as usize);
            let l = Layout::compute_pinned(&items, &[], &s, &f, pin);
            // The layout may have set the type a step smaller: its frame is what was drawn.
            let f = l.frame;
            let boxes = ink(&l);
            for (a, (ia, wa, ra)) in boxes.iter().enumerate() {
                for (ib, wb, rb) in &boxes[a + 1..] {
                    if ia != ib {
                        assert!(
                            !ra.overlaps(rb),
                            "round {round} ({}x{}): {wa} of {ia} {ra:?} overlaps {wb} of {ib} {rb:?}",
                            f.width,
                            f.height
                        );
                    }
                }
                assert!(
                    ra.x0 >= 0.0 && ra.x1 <= f.width,
                    "round {round}: {wa} {ra:?}"
                );
                assert!(ra.y0 >= 0.0, "round {round}: {wa} {ra:?}");
                let floor = if *wa == "band" || *wa == "band label" {
                    f.lane_top()
                } else {
                    f.axis_y() - em::RUG * f.label_px()
                };
                assert!(
                    ra.y1 <= floor + 1e-9,
                    "round {round}: {wa} {ra:?} below {floor}"
                );
            }
            for p in &l.placed {
                for line in &p.lines {
                    let lb = p.label.unwrap();
                    assert!(line.y > lb.y0 && line.y < lb.y1);
                }
                if let Some(lb) = p.label {
                    let hit = l.hit((lb.x0 + lb.x1) / 2.0, p.lines[0].y).unwrap();
                    assert_eq!(hit, p.index, "round {round}");
                }
                // The marker is found from its centre unless a marker-only neighbour shares
                // the exact spot (then either is an honest answer).
                let hit = l.hit(p.x, p.y).unwrap();
                let hp = l.placed_of(hit).unwrap();
                assert!(hit == p.index || (hp.x - p.x).abs() < 1e-9);
            }
            if let Some(pin) = pin {
                let it = &items[pin];
                let x = s.map(it.start);
                if !it.is_band() && x >= f.plot_left() && x <= f.plot_right() {
                    assert_eq!(
                        l.placed.first().map(|p| p.index),
                        Some(pin),
                        "round {round}"
                    );
                }
            }
            let total: u32 = l.rug.iter().map(|b| b.count).sum();
            assert_eq!(total as usize, l.placed.len() + l.thinned);
        }
    }

    #[test]
    fn hit_misses_empty_space_and_allows_slop() {
        let items = vec![point("a", 100.0, 4)];
        let f = Frame::new(800.0, 300.0, 1.0);
        let s = TimeScale::new(0.0, 200.0, f.plot_left(), f.plot_right());
        let l = Layout::compute(&items, &[], &s, &f);
        let p = &l.placed[0];
        let left_edge = p.label.map_or(p.marker.x0, |lb| lb.x0.min(p.marker.x0));
        assert_eq!(l.hit(left_edge - HIT_SLOP + 1.0, p.y), Some(0));
        assert_eq!(l.hit(left_edge - HIT_SLOP - 1.0, p.y), None);
        assert_eq!(l.hit(10.0, 10.0), None);
    }

    #[test]
    fn density_is_bounded_by_the_frame() {
        let items = synthetic_items(10_000, 1);
        let f = Frame::new(1280.0, 320.0, 1.0);
        let s = TimeScale::fit(7305.0, 20454.0, 0.02, f.plot_left(), f.plot_right());
        let l = Layout::compute(&items, &[], &s, &f);
        let per_lane = (f.plot_right() - f.plot_left()) / (2.0 * f.ring_half()) + 1.0;
        assert!(l.placed.len() as f64 <= per_lane * f.lane_count() as f64);
        assert!(l.rug.len() as f64 <= (f.plot_right() - f.plot_left()) / RUG_BIN_PX + 1.0);
        assert!(l.thinned > 0);
    }

    #[test]
    fn synthetic_items_are_deterministic_and_sorted() {
        let a = synthetic_items(500, 3);
        assert_eq!(a, synthetic_items(500, 3));
        assert_ne!(a, synthetic_items(500, 4));
        assert!(a.windows(2).all(|w| w[0].start <= w[1].start));
        assert!(a.iter().any(|i| i.kind == EventKind::Period));
        assert!(a.iter().any(|i| i.disputed));
        assert!(a.iter().all(|i| i.start >= 7305.0 && i.start < 20454.0));
    }
}
