//! Placing one point item: the [`Builder`] that holds the lanes and what is placed so far, and
//! the steps that try a whole title, then a shortened one, then a marker alone, without taking
//! the last room of a marker still to come.

use super::*;

/// Builds a layout: bands first, then point items, lane by lane.
pub(super) struct Builder<'a> {
    pub(super) items: &'a [Item],
    pub(super) frame: &'a Frame,
    pub(super) lanes: Vec<Lane>,
    pub(super) placed: Vec<Placed>,
    pub(super) prefer: Prefer,
    /// The pinned item, whose label is never shortened for another.
    pub(super) pin: Option<usize>,
    pub(super) flip: Flip,
    /// Items of this pass still to be placed: `(item, marker room x0, x1, still open)`, sorted
    /// by `x0`; and the widest such room.
    pub(super) pending: Vec<(usize, f64, f64, bool)>,
    pub(super) pending_widest: f64,
    /// Per placed item, the least text width its label could be shortened to for a neighbour's
    /// marker (infinite when it cannot be).
    pub(super) repair_need: Vec<f64>,
    /// The titles' wrappings, shared by the passes of one layout.
    pub(super) wraps: &'a super::cand::Wraps,
}

impl Builder<'_> {
    /// Places point item `i`; false when not even its marker found room.
    pub(super) fn place(&mut self, i: usize, scale: &TimeScale, pinned: bool) -> bool {
        let placed = self.place_inner(i, scale, pinned);
        self.close(i);
        placed
    }

    pub(super) fn place_inner(&mut self, i: usize, scale: &TimeScale, pinned: bool) -> bool {
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
        // In a dense view most markers have no room for any whole label: the test below says
        // so without wrapping the title in every way first.
        let cands = if self.label_may_fit(it, &pt) {
            self.whole_candidates(i, &pt, pinned)
        } else {
            Vec::new()
        };
        // The selection may, if it must, take room other markers would have had.
        for strict in [true, false].into_iter().take(if pinned { 2 } else { 1 }) {
            for cand in &cands {
                let lane = self.lanes_for(&pt, cand, it.disputed).find(|&k| {
                    !strict || self.keeps_markers(i, &self.cand_spans(&pt, cand, k, it.disputed))
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

    /// Whether taking `spans` for item `current` still leaves, next to every item not placed
    /// yet, as many lanes with room for its marker as there are unplaced markers that would
    /// collide with it: a label never takes the last room of a marker still to come.
    pub(super) fn keeps_markers(&self, current: usize, spans: &[(usize, f64, f64)]) -> bool {
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
    pub(super) fn close(&mut self, i: usize) {
        if let Some(p) = self.pending.iter_mut().find(|p| p.0 == i) {
            p.3 = false;
        }
    }

    /// Where `it`'s marker goes and what it and its date bracket take in a lane.
    pub(super) fn point(&self, it: &Item, scale: &TimeScale) -> Point {
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
}
