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
//!
//! The parts: `frame` (geometry), `text` (measuring and wrapping), `item` (what is placed),
//! `bands` (periods), `lane` (what occupies a lane), `cand` (the candidate placements of a
//! label), `place` (placing one item), `commit` (recording a placement, and repairs), `search`
//! (the passes that keep the best layout); `tests`.

use crate::model::{Event, EventKind, PartialDate, Precision};
use crate::scale::{Tick, TimeScale};

mod bands;
mod cand;
mod commit;
mod frame;
mod item;
mod lane;
mod place;
mod search;
mod text;
use cand::*;
pub use frame::{em, Frame};
pub use item::{synthetic_items, Item};
use lane::*;
use place::*;
use search::*;
#[cfg(test)]
use text::widest_word_em;
pub use text::{char_em, fit_floor, fit_text, text_em, LabelEm};
use text::{fit_measured, words, wrap, wrap_words};

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
        let (in_view, dropped) = level_of_detail(items, scale, frame, in_view, pin_point);
        let (placed, thinned) = search(items, frame, scale, &in_view, pin_point, reserved);
        layout.placed = placed;
        layout.thinned = thinned + dropped;
        layout
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

/// Width of an ongoing band's fading end, in ems.
pub const FADE_EM: f64 = 3.0;

/// More markers in view than the lanes hold (10,000 events fitted): within a slot a quarter of a
/// marker wide, two markers in one lane would overlap, so such a slot holds at most one per lane.
/// Only the first as many as there are lanes of each slot (and the pinned item) are offered to
/// the search (which then places about 96 % of the markers it places when offered all of them);
/// the rest are counted as thinned, as the search would have. The work then follows what can be
/// drawn, not how many events there are. Returns the items kept and how many were dropped.
fn level_of_detail(
    items: &[Item],
    scale: &TimeScale,
    frame: &Frame,
    in_view: Vec<usize>,
    pin: Option<usize>,
) -> (Vec<usize>, usize) {
    let slot = frame.ring_half() / 2.0;
    let left = frame.plot_left();
    let slots = ((frame.plot_right() - left) / slot).ceil().max(1.0) as usize;
    let per_slot = frame.lane_count();
    if in_view.len() <= per_slot {
        return (in_view, 0);
    }
    let mut taken = vec![0usize; slots];
    let total = in_view.len();
    let kept: Vec<usize> = in_view
        .into_iter()
        .filter(|&i| {
            let b = (((scale.map(items[i].start) - left) / slot).floor().max(0.0) as usize)
                .min(slots - 1);
            taken[b] += 1;
            taken[b] <= per_slot || Some(i) == pin
        })
        .collect();
    let dropped = total - kept.len();
    (kept, dropped)
}

/// Ticks whose labels do not collide: start from the frame's hint and lower it until the
/// narrowest gap between ticks holds the widest label.
fn axis_ticks(scale: &TimeScale, frame: &Frame) -> Vec<AxisTick> {
    let mut hint = frame.tick_hint();
    let gap = frame.tick_px();
    let mut ticks = scale.ticks_in(hint, frame.lang);
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
        ticks = scale.ticks_in(hint, frame.lang);
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
mod tests;
