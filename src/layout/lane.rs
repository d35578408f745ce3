//! A lane (or a band row): the sorted, disjoint spans that already occupy it, and the queries
//! placement asks of it (is this room free, what overlaps it, how much room is around a point).

/// What occupies a lane: `(x0, x1, index into Layout::placed)`, sorted by `x0`, disjoint.
#[derive(Clone, Debug, Default)]
pub(super) struct Lane {
    pub(super) spans: Vec<(f64, f64, usize)>,
}

impl Lane {
    /// Whether `[a, b]` is clear of everything in the lane. The spans are disjoint and sorted
    /// by start, so by end too: only the first that ends after `a` can be in the way.
    pub(super) fn free(&self, a: f64, b: f64) -> bool {
        let first = self.spans.partition_point(|s| s.1 <= a);
        self.spans.get(first).is_none_or(|s| s.0 >= b)
    }

    /// The spans that overlap `[a, b]`.
    pub(super) fn overlapping(&self, a: f64, b: f64) -> impl Iterator<Item = &(f64, f64, usize)> {
        let first = self.spans.partition_point(|s| s.1 <= a);
        self.spans[first..].iter().take_while(move |s| s.0 < b)
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
        debug_assert!(
            (i == 0 || self.spans[i - 1].1 <= a) && self.spans.get(i).is_none_or(|s| b <= s.0),
            "lane spans overlap: [{a}, {b}] among {:?}",
            self.spans
        );
        self.spans.insert(i, (a, b, owner));
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

/// The owner of lane room kept for the pinned band's label.
pub(super) const RESERVED: usize = usize::MAX;
