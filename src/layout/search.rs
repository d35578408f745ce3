//! The search over placement passes: [`search`] runs several greedy passes that differ in order
//! and preferences and keeps the best; the first pass for a few items places them by constraint
//! propagation ([`Builder::place_constrained`]).

use super::*;

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
    let wraps = super::cand::Wraps::default();
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
            wraps: &wraps,
        };
        if n <= RETRY_LIMIT {
            b.pending = in_view
                .iter()
                .map(|&i| {
                    let occ = b.point(&items[i], scale).occ;
                    (i, occ.0, occ.1, true)
                })
                .collect();
            crate::order::sort_stably_by(&mut b.pending, |p| p.1);
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

impl Builder<'_> {
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
            for (rank, cand) in self.whole_candidates(i, &pt, false).into_iter().enumerate() {
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
}
