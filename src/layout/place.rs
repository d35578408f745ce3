//! Label placement: the lanes, the candidate placements of a label (either side of its marker,
//! on one to three balanced lines) and the search that fits every item it can, keeping a gap
//! between every two boxes.

use super::*;

/// What occupies a lane: `(x0, x1, index into Layout::placed)`, sorted by `x0`, disjoint.
#[derive(Clone, Debug, Default)]
pub(super) struct Lane {
    pub(super) spans: Vec<(f64, f64, usize)>,
    pub(super) widest: f64,
}

impl Lane {
    /// Whether `[a, b]` is clear of everything in the lane.
    pub(super) fn free(&self, a: f64, b: f64) -> bool {
        let from = self.spans.partition_point(|s| s.0 < a - self.widest);
        self.spans[from..]
            .iter()
            .take_while(|s| s.0 < b)
            .all(|s| s.1 <= a)
    }

    /// The spans that overlap `[a, b]`.
    pub(super) fn overlapping(&self, a: f64, b: f64) -> impl Iterator<Item = &(f64, f64, usize)> {
        let from = self.spans.partition_point(|s| s.0 < a - self.widest);
        self.spans[from..]
            .iter()
            .take_while(move |s| s.0 < b)
            .filter(move |s| s.1 > a)
    }

    /// Free room around `x` (which must be free): from the end of what is before it to the start
    /// of what is after it.
    pub(super) fn room(&self, x: f64) -> (f64, f64) {
        let i = self.spans.partition_point(|s| s.0 <= x);
        let before = i
            .checked_sub(1)
            .map_or(f64::NEG_INFINITY, |j| self.spans[j].1);
        let after = self.spans.get(i).map_or(f64::INFINITY, |s| s.0);
        (before, after)
    }

    pub(super) fn insert(&mut self, a: f64, b: f64, owner: usize) {
        let i = self.spans.partition_point(|s| s.0 < a);
        self.spans.insert(i, (a, b, owner));
        self.widest = self.widest.max(b - a);
    }

    /// Sets `owner`'s span to `[a, b]`, which lies inside the old one, so the lane stays sorted
    /// and disjoint.
    pub(super) fn set(&mut self, owner: usize, a: f64, b: f64) {
        if let Some(s) = self.spans.iter_mut().find(|s| s.2 == owner) {
            debug_assert!(a >= s.0 - 1e-9 && b <= s.1 + 1e-9);
            s.0 = a;
            s.1 = b;
        }
    }
}

/// How a pass orders the placements it tries for a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Prefer {
    /// Fewest lines first (one long line before two short ones).
    FewestLines,
    /// Lines of a comfortable reading length first: a long title wraps before it goes on one
    /// line, which leaves more room to its neighbours.
    Compact,
}

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
}

/// Places the point items `in_view` (sorted by start), the pinned one first. One greedy pass
/// in date order when many items are in view (the frame bounds what is drawn, so most of them
/// only count in the rug); with fewer, several passes that differ in the order items are placed
/// and in which side and line count they try first (date order, reverse order, then shuffled with
/// a fixed seed), keeping the best: most markers, then most whole titles, most labels, fewest
/// lines, fewest labels on the left. It stops at the first pass where every title is whole.
pub(super) fn search(
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
pub(super) type BandPlace = ((f64, f64), bool, (usize, bool, f64));

/// The owner of lane room kept for the pinned band's label.
pub(super) const RESERVED: usize = usize::MAX;

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

    /// Places the items of `order` by constraint propagation: every whole-title placement of
    /// every item is listed first (side, lines, lane); then, repeatedly, the item with the
    /// fewest placements left takes the one that rules out the least for the others (each
    /// ruled-out placement weighs by how few its item has left), with a small preference for
    /// one line, the right side and the top. Items left with no whole placement are placed last,
    /// the usual way (shortened, or a marker alone). Returns how many got no marker.
    pub(super) fn place_constrained(&mut self, order: &[usize], scale: &TimeScale) -> usize {
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
    pub(super) fn badge_alone(&self, it: &Item, pt: &Point) -> Option<f64> {
        let f = self.frame;
        let u = f.label_px();
        let x1 = pt.x + f.marker_half() + em::MARKER_GAP * u + (2.0 * em::PAD + em::BADGE) * u;
        (it.disputed && x1 <= f.label_bounds().1).then_some(x1.max(pt.occ.1))
    }

    /// Whole-title placements in the order this pass prefers them.
    pub(super) fn whole_candidates(&self, it: &Item, pt: &Point, pinned: bool) -> Vec<Cand> {
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
    pub(super) fn lanes_for(&self, pt: &Point, cand: &Cand, disputed: bool) -> Vec<usize> {
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
    pub(super) fn repair(&mut self, pt: &Point) -> bool {
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
    pub(super) fn commit(&mut self, i: usize, pt: &Point, lane: usize, cand: Option<Cand>) {
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
    pub(super) fn commit_bare(&mut self, i: usize, pt: &Point, lane: usize) {
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
