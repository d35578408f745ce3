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

mod frame;
mod item;
mod place;
mod text;
pub use frame::{em, Frame};
pub use item::{synthetic_items, Item};
use place::*;
use text::wrap;
pub use text::{char_em, fit_text, text_em};

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

/// Width of an ongoing band's fading end, in ems.
pub const FADE_EM: f64 = 3.0;

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
