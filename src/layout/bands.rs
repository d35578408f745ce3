//! Periods as bands: the rows at the top, where each band's label goes (inside the band, after
//! it or before it, shortened only when none holds it whole), and the pinned band whose title
//! fits no row, wrapped into the first lanes under the bands.

use super::*;

/// Where a band's label may go: the room `(x0, x1)`, whether that is inside the band, and how
/// much of the title fits there (as [`fit_text`] says).
pub(super) type BandPlace = ((f64, f64), bool, (usize, bool, f64));

impl Layout {
    /// Bands. Periods are few, and one that started long ago may still cover the view, so they
    /// are found by a scan rather than by binary search. Rows keep what occupies them like
    /// lanes do. The label goes inside the band when it fits (clear of the chevrons that mark a
    /// cut end and of an ongoing band's fading end), else after the band's end, else before its
    /// start; only when none holds the whole title is it shortened, where most of it shows. The
    /// pinned selection's title, when no row holds it, is wrapped into the first lanes under the
    /// bands instead; that block is returned so the point items keep clear of it.
    pub(super) fn place_bands(
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
        crate::order::sort_stably_by(&mut bands, |b| b.index as f64);
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
}
