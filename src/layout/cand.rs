//! Candidate placements of a point item's label: either side of its marker, on one to three
//! balanced lines, in the order a pass prefers them; the shortened one-line form when none fits
//! whole; and the geometry of a candidate (its box, the spans it takes in each lane, the
//! disagreement cue after it).

use super::*;
use std::rc::Rc;

/// How a pass orders the placements it tries for a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Prefer {
    /// Fewest lines first (one long line before two short ones).
    FewestLines,
    /// Lines of a comfortable reading length first: a long title wraps before it goes on one
    /// line, which leaves more room to its neighbours.
    Compact,
}

/// Which side a pass tries first for a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Flip {
    /// Right, then left.
    None,
    /// Left, then right.
    All,
    /// Chosen per item from this seed.
    Seed(u64),
}

/// One whole wrapping of a title: `(lines wanted, side, (first char, end char, width px) per
/// line)`.
pub(super) type Form = (usize, Side, Vec<(usize, usize, f64)>);

/// The wrappings of the titles of one layout, by `(item, pinned)`: shared by its passes.
pub(super) type Wraps = std::cell::RefCell<std::collections::HashMap<(usize, bool), Rc<[Form]>>>;

/// A way to draw a label, before it has a lane.
#[derive(Clone, Debug)]
pub(super) struct Cand {
    pub(super) side: Side,
    /// `(first char, end char, width px)` per line.
    pub(super) lines: Vec<(usize, usize, f64)>,
    pub(super) truncated: bool,
}

impl Cand {
    /// Width of the label's box, padding included.
    pub(super) fn box_w(&self, f: &Frame, disputed: bool) -> f64 {
        let u = f.label_px();
        let widest = self.lines.iter().map(|l| l.2).fold(0.0, f64::max);
        let last = self.lines.last().map_or(0.0, |l| l.2) + tail_px(f, disputed);
        widest.max(last) + 2.0 * em::PAD * u
    }
}

/// Room the disagreement cue takes after a label's last line.
pub(super) fn tail_px(f: &Frame, disputed: bool) -> f64 {
    if disputed {
        (em::BADGE_GAP + em::BADGE) * f.label_px()
    } else {
        0.0
    }
}

/// One point item's geometry that does not depend on its lane.
pub(super) struct Point {
    pub(super) x: f64,
    /// What the marker and its date bracket take in their lane.
    pub(super) occ: (f64, f64),
    pub(super) span: Option<(f64, f64)>,
}

/// The box of the disagreement cue ending at `x1`, centred on `y`, for text `u` px high (the
/// box is `u` high: drawing takes its size from it).
pub(super) fn badge_box(x1: f64, y: f64, u: f64) -> Rect {
    Rect {
        x0: x1 - em::BADGE * u,
        y0: y - 0.5 * u,
        x1,
        y1: y + 0.5 * u,
    }
}

impl Builder<'_> {
    /// The right end of a lone disagreement cue after the marker, if the item has one and it
    /// stays inside the label bounds.
    pub(super) fn badge_alone(&self, it: &Item, pt: &Point) -> Option<f64> {
        let f = self.frame;
        let u = f.label_px();
        let x1 = pt.x + f.marker_half() + em::MARKER_GAP * u + (2.0 * em::PAD + em::BADGE) * u;
        (it.disputed && x1 <= f.label_bounds().1).then_some(x1.max(pt.occ.1))
    }

    /// Whole-title placements in the order this pass prefers them.
    pub(super) fn whole_candidates(&self, i: usize, pt: &Point, pinned: bool) -> Vec<Cand> {
        let forms = self.forms(i, pt, pinned);
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
                if let Some((_, _, lines)) = forms.iter().find(|f| f.0 == n && f.1 == side) {
                    out.push(Cand {
                        side,
                        lines: lines.clone(),
                        truncated: false,
                    });
                }
            }
        }
        let u = self.frame.label_px();
        if self.prefer == Prefer::Compact {
            // A comfortable line is at most about 24 ems (some 40 characters): longer single
            // lines go after the wrapped forms.
            let comfy = 24.0 * u;
            // The long forms move to the end, both parts in their order (a stable partition,
            // which allocates only when there is a long form to move).
            let long: Vec<Cand> = out
                .extract_if(.., |c| c.lines.iter().any(|l| l.2 > comfy))
                .collect();
            out.extend(long);
        }
        if matches!(self.flip, Flip::Seed(_)) && !pinned {
            // A shuffled pass also tries wrapped forms before shorter ones now and then.
            let keys: Vec<f64> = (0..out.len())
                .map(|k| (out[k].lines.len() as u64 * 4 + self.coin(pt, k as u64 + 1) % 6) as f64)
                .collect();
            out = crate::order::stable_order(&keys)
                .into_iter()
                .map(|k| out[k].clone())
                .collect();
        }
        out
    }

    /// Item `i`'s title wrapped whole on 1..=n lines either side of its marker, where it fits:
    /// `(lines wanted, side, lines)`. The item and the scale do not change within a layout, so
    /// the search's passes share one wrapping of each title ([`Wraps`]) instead of each pass
    /// wrapping it again.
    fn forms(&self, i: usize, pt: &Point, pinned: bool) -> Rc<[Form]> {
        if let Some(f) = self.wraps.borrow().get(&(i, pinned)) {
            return f.clone();
        }
        let it = &self.items[i];
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
        let words = words(&it.label);
        let mut out = Vec::new();
        for n in 1..=max_lines {
            for (side, room) in [(Side::Right, room_right), (Side::Left, room_left)] {
                let room = room.min(cap);
                if room <= 0.0 {
                    continue;
                }
                if let Some(lines) = wrap_words(&words, n, room / u, tail_em) {
                    let lines = lines.into_iter().map(|(a, b, w)| (a, b, w * u)).collect();
                    out.push((n, side, lines));
                }
            }
        }
        let forms: Rc<[Form]> = out.into();
        self.wraps.borrow_mut().insert((i, pinned), forms.clone());
        forms
    }

    /// A pseudo-random number for this pass, this item and `salt` (0 without a seed).
    pub(super) fn coin(&self, pt: &Point, salt: u64) -> u64 {
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
    pub(super) fn lanes_for(
        &self,
        pt: &Point,
        cand: &Cand,
        disputed: bool,
    ) -> impl Iterator<Item = usize> + '_ {
        let f = self.frame;
        let sep = em::SEP * f.label_px();
        let n = cand.lines.len();
        let (first, rest) = self.spans(pt, cand, disputed);
        let top = self.lanes.len().saturating_sub(n - 1);
        (0..top).filter(move |&k| {
            self.lanes[k].free(first.0 - sep, first.1 + sep)
                && (1..n).all(|j| self.lanes[k + j].free(rest.0 - sep, rest.1 + sep))
        })
    }

    /// Whether some lane could hold a whole label of `it` on either side of its marker: false
    /// only when no candidate of [`Builder::whole_candidates`] would find a lane. Every line of
    /// a label holds at least its widest word, and every lane a label takes is occupied from
    /// the marker to the far edge of the label's box, so a lane where even that much is taken
    /// holds none of them (a lane's `free` only gets harder as the room asked for grows).
    pub(super) fn label_may_fit(&self, it: &Item, pt: &Point) -> bool {
        let f = self.frame;
        let u = f.label_px();
        let sep = em::SEP * u;
        let air = em::AIR * u;
        let mgap = f.marker_half() + em::MARKER_GAP * u;
        // A hair less than any box, so rounding never rules out a placement that fits.
        let least = it.em().widest_word * u + 2.0 * em::PAD * u - 1e-6;
        let right = (pt.occ.0 - air - sep, pt.x + mgap + least + sep);
        let left = (pt.x - mgap - least - sep, pt.x + f.ring_half() + air + sep);
        self.lanes
            .iter()
            .any(|l| l.free(right.0, right.1) || l.free(left.0, left.1))
    }

    /// What placing `cand` in `lane` takes: `(lane, x0, x1)` for each lane of it.
    pub(super) fn cand_spans(
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

    /// What a placement takes in the marker's lane and in each lane below (for wrapped lines).
    ///
    /// A wrapped label keeps the column under its marker too, and the side of the marker away
    /// from its label keeps [`em::AIR`] more, so that no other marker sits where it would seem
    /// to belong to this label.
    pub(super) fn spans(
        &self,
        pt: &Point,
        cand: &Cand,
        disputed: bool,
    ) -> ((f64, f64), (f64, f64)) {
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
    pub(super) fn label_box_x(&self, pt: &Point, cand: &Cand, disputed: bool) -> (f64, f64) {
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
    pub(super) fn shortened(&self, i: usize, pt: &Point) -> Option<(usize, Cand)> {
        let it = &self.items[i];
        let f = self.frame;
        let u = f.label_px();
        let sep = em::SEP * u;
        let (lo, hi) = f.label_bounds();
        let mgap = f.marker_half() + em::MARKER_GAP * u;
        let fixed = 2.0 * em::PAD * u + tail_px(f, it.disputed);
        let mut best: Option<(usize, usize, Cand)> = None;
        // Measured once: most rooms in a dense view are too small for any label.
        let floor = it.em().floor(u) - 1e-6;
        for (k, lane) in self.lanes.iter().enumerate() {
            if !lane.free(pt.occ.0 - sep, pt.occ.1 + sep) {
                continue;
            }
            let (before, after) = lane.room(pt.x);
            let right = (after - sep).min(hi) - (pt.x + mgap) - fixed;
            let left = (pt.x - mgap) - (before + sep).max(lo) - fixed;
            for (side, avail) in [(Side::Right, right), (Side::Left, left)] {
                let avail = avail.min(f.max_label_w());
                if avail < floor {
                    continue;
                }
                if let Some((chars, truncated, w)) =
                    fit_measured(&it.label, it.em(), u, avail, MIN_LABEL_CHARS)
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
}
