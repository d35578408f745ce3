//! Frame geometry, lane packing of labels, culling and hit testing.
//!
//! Everything here is in CSS pixels. A [`Frame`] turns the canvas size into the geometry every
//! renderer shares (margins, rows, font sizes); [`Frame::px`] is the single place where CSS pixels
//! become device pixels.
//!
//! [`Layout::compute`] is a pure function of the items, the filter mask, the scale and the frame.
//! Periods become bands in their own rows at the top. Point items are packed greedily into lanes,
//! left to right, the way TimelineJS packs rows: an item goes into the first lane whose previous
//! occupant ends before it starts, so labels never overlap. An item that finds no lane for its
//! label is placed as a bare marker in the first lane with room for the marker alone; when even
//! that fails it is only counted in the density strip ("rug") on the axis. Markers, labels and rug
//! bins are therefore bounded by the frame's size, not by the number of items, which keeps layout
//! and drawing cheap at 10,000 events. Items outside the view are skipped by binary search, since
//! items are sorted by start.

use crate::model::{Event, EventKind, PartialDate, Precision};
use crate::scale::{Tick, TimeScale};

/// Width of the ellipsis that ends a truncated label, in ems.
const ELLIPSIS_EM: f64 = 1.0;
/// Pointer tolerance for hit testing, in CSS pixels (fingers are not precise).
pub const HIT_SLOP: f64 = 8.0;
/// A truncated label must keep at least this many characters, or it is left out.
const MIN_LABEL_CHARS: usize = 6;
/// A label may be shortened to make room for a later item, but not below this many characters.
const MIN_REPAIR_CHARS: usize = 12;
/// Width of one rug bin, in CSS pixels: more than one item per bin is drawn as one bar.
pub const RUG_BIN_PX: f64 = 3.0;

/// The drawing surface: size in CSS pixels and the device pixel ratio.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Width in CSS pixels.
    pub width: f64,
    /// Height in CSS pixels.
    pub height: f64,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
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
        }
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

    /// Label font size (the unit of the whole geometry): 1/75 of the width, at least 14 px on a
    /// phone and 22 px on a projector (1920 wide), so labels can be read from the back of a room.
    pub fn label_px(&self) -> f64 {
        (self.width / 75.0).clamp(14.0, 22.0)
    }

    /// Font size of tick labels on the axis.
    pub fn tick_px(&self) -> f64 {
        (self.label_px() * 0.9).max(13.0)
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
        (0.75 * self.label_px()).min(self.width / 4.0)
    }

    /// Right edge of the plot.
    pub fn plot_right(&self) -> f64 {
        (self.width - 0.75 * self.label_px()).max(self.plot_left() + 1.0)
    }

    /// Top of the first band row.
    pub fn band_top(&self) -> f64 {
        0.5 * self.label_px()
    }

    /// Height of a band row.
    pub fn band_h(&self) -> f64 {
        1.5 * self.label_px()
    }

    /// Distance between the tops of two band rows.
    pub fn band_pitch(&self) -> f64 {
        self.band_h() + 0.25 * self.label_px()
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
        self.band_top() + self.band_rows() as f64 * self.band_pitch() + 0.25 * self.label_px()
    }

    /// Height of one lane.
    pub fn lane_h(&self) -> f64 {
        1.7 * self.label_px()
    }

    /// Vertical position of the axis line; tick labels go below it.
    pub fn axis_y(&self) -> f64 {
        (self.height - 1.9 * self.tick_px()).max(self.lane_top() + self.lane_h())
    }

    /// Number of lanes that fit between the bands and the axis (at least one).
    pub fn lane_count(&self) -> usize {
        let room = self.axis_y() - 0.3 * self.label_px() - self.lane_top();
        ((room / self.lane_h()).floor() as usize).max(1)
    }

    /// Vertical centre of `lane`.
    pub fn lane_y(&self, lane: usize) -> f64 {
        self.lane_top() + (lane as f64 + 0.5) * self.lane_h()
    }

    /// Half the size of a marker.
    pub fn marker_r(&self) -> f64 {
        0.4 * self.label_px()
    }

    /// Gap between a marker and its label.
    fn label_gap(&self) -> f64 {
        0.3 * self.label_px()
    }

    /// Least space between two labels in one lane.
    fn lane_gap(&self) -> f64 {
        0.8 * self.label_px()
    }

    /// Widest a label may be, so one long title cannot take a whole lane.
    pub fn max_label_w(&self) -> f64 {
        (28.0 * self.label_px()).min(0.6 * (self.plot_right() - self.plot_left()))
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
            let words = 1 + next(5) as usize;
            let mut label = format!("#{k}");
            for _ in 0..words {
                label.push(' ');
                label.push_str(WORDS[next(WORDS.len() as u64) as usize]);
            }
            let start = date.first_day() as f64;
            let end = if kind == EventKind::Period {
                start + 365.0 * (1 + next(5)) as f64
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
}

/// A point item placed in a lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// Index into the items.
    pub index: usize,
    /// Lane, 0 at the top.
    pub lane: usize,
    /// Centre of the marker.
    pub x: f64,
    pub y: f64,
    /// The marker's box.
    pub marker: Rect,
    /// The label's box, when there was room for one.
    pub label: Option<Rect>,
    /// How many characters of the label to draw; when `truncated`, an ellipsis follows.
    pub label_chars: usize,
    pub truncated: bool,
    /// Horizontal extent (`x0`, `x1`) of the date's precision when it is wider than the marker,
    /// e.g. a year-only date: drawn as a faint bracket under the label.
    pub span: Option<(f64, f64)>,
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
    /// The label's box inside the band, when it fits.
    pub label: Option<Rect>,
    pub label_chars: usize,
    pub truncated: bool,
    /// The period starts before the view (the band is cut on the left).
    pub cut_start: bool,
    /// The period ends after the view or is ongoing (the band is cut on the right).
    pub cut_end: bool,
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
}

impl Layout {
    /// Lays out the `items` (sorted by start) that `visible` lets through (missing entries count
    /// as visible) for `scale` on `frame`.
    pub fn compute(items: &[Item], visible: &[bool], scale: &TimeScale, frame: &Frame) -> Layout {
        let shown = |i: usize| visible.get(i).copied().unwrap_or(true);
        let (left, right) = (frame.plot_left(), frame.plot_right());
        let mut layout = Layout {
            frame: *frame,
            ticks: axis_ticks(scale, frame),
            bands: Vec::new(),
            placed: Vec::new(),
            rug: Vec::new(),
            rug_max: 0,
            thinned: 0,
            hidden_bands: 0,
        };

        // Bands. Periods are few, and one that started long ago may still cover the view, so
        // they are found by a scan rather than by the binary search below. A label longer than
        // its band runs on past the band's end, and the row stays taken until the label ends.
        let mut row_end = vec![f64::NEG_INFINITY; frame.band_rows()];
        let pad = 0.4 * frame.label_px();
        for (i, it) in items.iter().enumerate() {
            if !it.is_band() || !shown(i) || it.start >= scale.d1 || it.end <= scale.d0 {
                continue;
            }
            let (sx0, sx1) = (scale.map(it.start), scale.map(it.end));
            let x0 = sx0.max(left);
            let x1 = sx1.min(right).max(x0 + 3.0);
            let Some(row) = row_end.iter().position(|&e| e + 2.0 <= x0) else {
                layout.hidden_bands += 1;
                continue;
            };
            // The label goes inside the band (clear of the chevrons that mark a cut end) when it
            // fits; else after the band's end when more of it shows there, and the row stays
            // taken until the label ends.
            let inside_x0 = x0 + if sx0 < left { 2.5 * pad } else { pad };
            let inside_x1 = x1 - if sx1 > right { 2.5 * pad } else { pad };
            let inside = fit_text(
                &it.label,
                frame.label_px(),
                inside_x1 - inside_x0,
                MIN_LABEL_CHARS,
            );
            let outside_x0 = x1 + frame.label_gap();
            let outside = match inside {
                Some((_, false, _)) => None,
                _ => fit_label(frame, &it.label, right - outside_x0, frame.max_label_w())
                    .filter(|o| inside.is_none_or(|i| o.0 > i.0)),
            };
            let (fit, label_x0) = match outside {
                Some(o) => (Some(o), outside_x0),
                None => (inside, inside_x0),
            };
            let y0 = frame.band_top() + row as f64 * frame.band_pitch();
            let rect = Rect {
                x0,
                y0,
                x1,
                y1: y0 + frame.band_h(),
            };
            let label = fit.map(|(_, _, w)| Rect {
                x0: label_x0,
                y0,
                x1: label_x0 + w,
                y1: rect.y1,
            });
            row_end[row] = match label {
                Some(l) if outside.is_some() => l.x1 + frame.lane_gap(),
                _ => x1,
            };
            let (label_chars, truncated) = fit.map_or((0, false), |(c, t, _)| (c, t));
            layout.bands.push(Band {
                index: i,
                row,
                rect,
                label,
                label_chars,
                truncated,
                cut_start: sx0 < left,
                cut_end: sx1 > right,
            });
        }

        // Point items: only those whose marker can be in view, found by binary search.
        let r = frame.marker_r();
        let lo_day = scale.invert(left - r);
        let hi_day = scale.invert(right + r);
        let lo = items.partition_point(|it| it.start < lo_day);
        let hi = items.partition_point(|it| it.start <= hi_day);
        let lanes = frame.lane_count();
        let mut lane_end = vec![f64::NEG_INFINITY; lanes];
        // The last item of each lane, when its right-hand label is what ends the lane, with the
        // earliest position from which that label could be shortened to free the lane.
        let mut lane_last: Vec<Option<(usize, f64)>> = vec![None; lanes];
        let bins = ((right - left) / RUG_BIN_PX).ceil().max(1.0) as usize;
        let mut rug = vec![0u32; bins];
        let cap = frame.max_label_w();
        for (i, it) in items.iter().enumerate().take(hi).skip(lo) {
            if it.is_band() || !shown(i) {
                continue;
            }
            let x = scale.map(it.start);
            let bin = (((x - left) / RUG_BIN_PX).floor().max(0.0) as usize).min(bins - 1);
            rug[bin] += 1;
            // Every lane is taken here: shorten the label that ends one of them, if it can keep
            // MIN_REPAIR_CHARS characters, so this item still gets a marker (and maybe a label).
            if lane_end.iter().all(|&e| e > x - r)
                && !shorten_a_lane(
                    &mut layout.placed,
                    &mut lane_end,
                    &mut lane_last,
                    items,
                    frame,
                    x - r,
                )
            {
                layout.thinned += 1;
                continue;
            }

            let span_x1 = scale.map(it.end).min(right);
            let span = (span_x1 - x > 2.0 * r).then_some((x, span_x1));
            let marker_end = span.map_or(x + r, |s| s.1);
            // The label goes right of the marker; near the right edge, where it would be cut
            // short, it may go left instead if more of it shows there.
            let right_x0 = x + r + frame.label_gap();
            let right_fit = fit_label(frame, &it.label, right - right_x0, cap).map(|(c, t, w)| {
                let occupied = (x - r, (right_x0 + w).max(marker_end));
                (right_x0, c, t, w, occupied)
            });
            let left_fit = if right_fit.is_none_or(|f| f.2) {
                let left_x1 = x - r - frame.label_gap();
                fit_label(frame, &it.label, left_x1 - left, cap)
                    .filter(|&(c, _, _)| right_fit.is_none_or(|f| c > f.1))
                    .map(|(c, t, w)| (left_x1 - w, c, t, w, (left_x1 - w, marker_end)))
            } else {
                None
            };
            let with_label = left_fit.into_iter().chain(right_fit).find_map(|cand| {
                let (_, _, _, _, (from, to)) = cand;
                let lane = lane_end.iter().position(|&e| e <= from)?;
                lane_end[lane] = to + frame.lane_gap();
                Some((lane, cand))
            });
            let placed = match with_label {
                Some((lane, (label_x0, chars, truncated, w, _))) => {
                    let y = frame.lane_y(lane);
                    let h = 0.6 * frame.label_px() + 2.0;
                    Some((
                        lane,
                        Some(Rect {
                            x0: label_x0,
                            y0: y - h,
                            x1: label_x0 + w,
                            y1: y + h,
                        }),
                        chars,
                        truncated,
                        span,
                    ))
                }
                None => lane_end.iter().position(|&e| e <= x - r).map(|lane| {
                    lane_end[lane] = x + r + 1.0;
                    (lane, None, 0, false, None)
                }),
            };
            match placed {
                Some((lane, label, label_chars, truncated, span)) => {
                    let y = frame.lane_y(lane);
                    layout.placed.push(Placed {
                        index: i,
                        lane,
                        x,
                        y,
                        marker: Rect {
                            x0: x - r,
                            y0: y - r,
                            x1: x + r,
                            y1: y + r,
                        },
                        label,
                        label_chars,
                        truncated,
                        span,
                    });
                }
                None => layout.thinned += 1,
            }
            if let Some(p) = layout.placed.last().filter(|p| p.index == i) {
                let shortenable = p
                    .label
                    .is_some_and(|l| l.x0 > p.x && p.span.is_none_or(|s| s.1 <= l.x1));
                lane_last[p.lane] = match p.label {
                    Some(l) if shortenable && p.label_chars > MIN_REPAIR_CHARS => {
                        let head: String = it.label.chars().take(MIN_REPAIR_CHARS).collect();
                        let w = (text_em(&head) + ELLIPSIS_EM) * frame.label_px();
                        Some((layout.placed.len() - 1, l.x0 + w + frame.lane_gap()))
                    }
                    _ => None,
                };
            }
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
}

/// Frees a lane at `from` by shortening the right-hand label that ends it, choosing the lane where
/// the most characters remain (at least [`MIN_REPAIR_CHARS`]). Returns whether a lane was freed.
fn shorten_a_lane(
    placed: &mut [Placed],
    lane_end: &mut [f64],
    lane_last: &mut [Option<(usize, f64)>],
    items: &[Item],
    frame: &Frame,
    from: f64,
) -> bool {
    let u = frame.label_px();
    let gap = frame.lane_gap();
    let mut best: Option<(usize, usize, (usize, bool, f64))> = None;
    for (lane, last) in lane_last.iter().enumerate() {
        // One comparison first: dense views come here for every item.
        let Some((pi, earliest)) = *last else {
            continue;
        };
        if from < earliest {
            continue;
        }
        let p = &placed[pi];
        let Some(l) = p.label else { continue };
        let avail = from - gap - l.x0;
        if let Some(fit) = fit_text(&items[p.index].label, u, avail, MIN_REPAIR_CHARS) {
            if best.is_none_or(|b| fit.0 > b.2 .0) {
                best = Some((lane, pi, fit));
            }
        }
    }
    let Some((lane, pi, (chars, truncated, w))) = best else {
        return false;
    };
    let p = &mut placed[pi];
    if let Some(l) = p.label.as_mut() {
        l.x1 = l.x0 + w;
    }
    p.label_chars = chars;
    p.truncated = truncated;
    lane_end[lane] = from;
    lane_last[lane] = None;
    true
}

/// How much of a label fits in `avail` pixels, and at most `cap`.
fn fit_label(frame: &Frame, text: &str, avail: f64, cap: f64) -> Option<(usize, bool, f64)> {
    fit_text(text, frame.label_px(), avail.min(cap), MIN_LABEL_CHARS)
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
        }
    }

    #[test]
    fn frame_fonts_are_readable() {
        assert!(Frame::new(1920.0, 1080.0, 1.0).label_px() >= 16.0);
        assert!(Frame::new(1920.0, 360.0, 1.0).tick_px() >= 16.0);
        let phone = Frame::new(390.0, 260.0, 3.0);
        assert!(phone.label_px() >= 14.0);
        assert!(phone.lane_count() >= 4);
        assert!(phone.axis_y() + phone.tick_px() < phone.height);
        assert_eq!(phone.px(10.0), 30.0);
        assert_eq!(phone.device_size(), (1170, 780));
        let bad = Frame::new(f64::NAN, 0.0, -1.0);
        assert_eq!((bad.width, bad.height, bad.dpr), (1.0, 1.0, 0.5));
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
    fn long_labels_are_truncated_not_overlapping() {
        let items = vec![point("a", 100.0, 200), point("b", 101.0, 5)];
        let f = Frame::new(600.0, 300.0, 1.0);
        let s = TimeScale::new(0.0, 200.0, f.plot_left(), f.plot_right());
        let l = Layout::compute(&items, &[], &s, &f);
        let a = l.placed_of(0).unwrap();
        assert!(a.truncated && a.label_chars < 200);
        assert!(a.label.unwrap().x1 <= f.plot_right());
        assert_ne!(l.placed_of(1).unwrap().lane, a.lane);
    }

    #[test]
    fn periods_are_bands_even_when_they_start_before_the_view() {
        let mut famine = point("famine", 8766.0, 7); // 1994
        famine.kind = EventKind::Period;
        famine.end = 10592.0; // 1999
        let items = vec![famine, point("b", 9000.0, 4)];
        let f = Frame::new(1280.0, 320.0, 1.0);
        let s = TimeScale::new(9500.0, 9600.0, f.plot_left(), f.plot_right());
        let l = Layout::compute(&items, &[], &s, &f);
        assert_eq!(l.bands.len(), 1);
        let b = &l.bands[0];
        assert!(b.cut_start && b.cut_end);
        assert_eq!((b.rect.x0, b.rect.x1), (f.plot_left(), f.plot_right()));
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

    /// Labels (and markers) never overlap, for many random datasets, sizes and zoom levels; the
    /// hit test finds every placed item at its marker and label.
    #[test]
    fn packing_never_overlaps_and_hits_find_what_was_placed() {
        let mut rnd = lcg(7);
        for round in 0..60 {
            let n = 1 + (rnd() * 400.0) as usize;
            let items = synthetic_items(n, round);
            let f = match round % 3 {
                0 => Frame::new(390.0, 260.0, 2.0),
                1 => Frame::new(1280.0, 320.0, 1.0),
                _ => Frame::new(1920.0, 360.0, 1.0),
            };
            let mut s = TimeScale::fit(7305.0, 20454.0, 0.02, f.plot_left(), f.plot_right());
            for _ in 0..(rnd() * 8.0) as usize {
                s.zoom_at(f.plot_left() + rnd() * 800.0, 1.0 + rnd() * 3.0);
            }
            let l = Layout::compute(&items, &[], &s, &f);
            let mut boxes: Vec<Rect> = l.placed.iter().flat_map(|p| p.label).collect();
            boxes.extend(l.placed.iter().map(|p| p.marker));
            for (a, ra) in boxes.iter().enumerate() {
                for rb in &boxes[a + 1..] {
                    assert!(!ra.overlaps(rb), "round {round}: {ra:?} {rb:?}");
                }
            }
            for b in &l.bands {
                for o in &l.bands {
                    if b.index != o.index {
                        assert!(!b.rect.overlaps(&o.rect));
                    }
                }
            }
            for p in &l.placed {
                assert!(
                    p.x >= f.plot_left() - f.marker_r() && p.x <= f.plot_right() + f.marker_r()
                );
                if let Some(lb) = p.label {
                    assert!(lb.x1 <= f.plot_right() + 0.01);
                    let hit = l.hit((lb.x0 + lb.x1) / 2.0, p.y).unwrap();
                    assert_eq!(hit, p.index);
                }
                // The marker is found from its centre unless a marker-only neighbour shares
                // the exact spot (then either is an honest answer).
                let hit = l.hit(p.x, p.y).unwrap();
                let hp = l.placed_of(hit).unwrap();
                assert!(hit == p.index || (hp.x - p.x).abs() < 1e-9);
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
        assert_eq!(l.hit(p.marker.x0 - HIT_SLOP + 1.0, p.y), Some(0));
        assert_eq!(l.hit(p.marker.x0 - HIT_SLOP - 1.0, p.y), None);
        assert_eq!(l.hit(10.0, 10.0), None);
    }

    #[test]
    fn density_is_bounded_by_the_frame() {
        let items = synthetic_items(10_000, 1);
        let f = Frame::new(1280.0, 320.0, 1.0);
        let s = TimeScale::fit(7305.0, 20454.0, 0.02, f.plot_left(), f.plot_right());
        let l = Layout::compute(&items, &[], &s, &f);
        let per_lane = (f.plot_right() - f.plot_left()) / (2.0 * f.marker_r()) + 1.0;
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
        assert!(a.iter().all(|i| i.start >= 7305.0 && i.start < 20454.0));
    }
}
