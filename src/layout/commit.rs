//! Recording a placement: [`Builder::commit`] (a label and its cue, or a marker alone) and
//! [`Builder::commit_bare`] write the boxes and occupy the lanes; [`Builder::repair`] shortens a
//! placed one-line label to free room for a marker that has none.

use super::*;

impl Builder<'_> {
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
            if let Some(fit) = fit_measured(&it.label, it.em(), u, avail, MIN_REPAIR_CHARS) {
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
        let mut placed = self.marker_only(i, pt, lane);
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
        let air = em::AIR * f.label_px();
        self.lanes[lane].insert(pt.occ.0 - air, pt.occ.1 + air, self.placed.len());
        self.repair_need.push(f64::INFINITY);
        let placed = self.marker_only(i, pt, lane);
        self.placed.push(placed);
    }

    /// Item `i` in `lane` with its marker and nothing else yet.
    fn marker_only(&self, i: usize, pt: &Point, lane: usize) -> Placed {
        let f = self.frame;
        let y = f.lane_y(lane);
        let mh = f.marker_half();
        Placed {
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
        }
    }
}
