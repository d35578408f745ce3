//! Stable sorting by one `f64` key, through a single instantiation of the standard library's sort.
//!
//! `sort_by` and `sort_by_key` are generic over the element and the closure, so each call site
//! compiles its own copy of the standard library's stable sort (driftsort, with its small-sort
//! networks): six call sites were six copies, about 20 KB of the 365 KB wasm. Here every call
//! site sorts the same thing, indices by an `f64` key with the index as the tie-break, which is
//! one copy of the unstable sort and gives exactly the stable sort's order (equal keys keep their
//! order). The keys are compared with `f64::total_cmp`, as the call sites did; integer and
//! boolean keys convert to `f64` exactly below 2^53.

/// The order that sorts `keys` ascending, equal keys keeping their order: `order[k]` is the index
/// of the key that goes `k`-th.
pub fn stable_order(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by(|&a, &b| keys[a].total_cmp(&keys[b]).then(a.cmp(&b)));
    order
}

/// Sorts `v` stably by `key` (what `v.sort_by(|a, b| key(a).total_cmp(&key(b)))` does).
pub fn sort_stably_by<T>(v: &mut Vec<T>, key: impl Fn(&T) -> f64) {
    if v.len() < 2 {
        return;
    }
    let keys: Vec<f64> = v.iter().map(key).collect();
    let order = stable_order(&keys);
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    *v = order.iter().filter_map(|&i| slots[i].take()).collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (splitmix64), so the cases are the same on every run.
    fn keys(seed: u64, n: usize, distinct: u64) -> Vec<f64> {
        let mut s = seed;
        (0..n)
            .map(|_| {
                s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = s;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                ((z ^ (z >> 31)) % distinct) as f64 - (distinct / 2) as f64
            })
            .collect()
    }

    #[test]
    fn gives_the_standard_stable_sort_s_order_with_many_ties() {
        for seed in 0..200 {
            for &(n, distinct) in &[
                (0, 1),
                (1, 1),
                (2, 1),
                (7, 2),
                (40, 3),
                (300, 17),
                (1000, 1000),
            ] {
                let k = keys(seed, n, distinct);
                // Pairs (key, position): a stable sort keeps positions ascending within a key.
                let mut expected: Vec<(f64, usize)> = k.iter().copied().zip(0..).collect();
                expected.sort_by(|a, b| a.0.total_cmp(&b.0));
                let mut got = expected.clone();
                got.sort_by_key(|p| p.1); // back to the input order
                sort_stably_by(&mut got, |p| p.0);
                assert_eq!(got, expected, "seed {seed}, {n} keys, {distinct} distinct");
                let order = stable_order(&k);
                assert_eq!(order, expected.iter().map(|p| p.1).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn orders_negative_zero_nan_and_infinities_as_total_cmp_does() {
        let mut v = vec![
            f64::NAN,
            1.0,
            -0.0,
            0.0,
            f64::NEG_INFINITY,
            f64::INFINITY,
            -1.0,
            0.0,
        ];
        let mut expected = v.clone();
        expected.sort_by(|a, b| a.total_cmp(b));
        sort_stably_by(&mut v, |x| *x);
        assert_eq!(format!("{v:?}"), format!("{expected:?}"));
    }
}
