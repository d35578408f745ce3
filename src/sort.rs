//! One small stable sort for the wasm build.
//!
//! std's sorts are fast but large: each element type and comparison gets its own driftsort or
//! ipnsort, about 11 KB of wasm for the three the page used. This bottom-up merge sort of indices
//! compiles once (the comparison is a `&dyn Fn`), is stable, and is O(n log n); the page sorts a
//! dozen events, or 10,000 in the benchmark.

/// The order that sorts `0..n` by `less`, stably.
pub fn order(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let end = (i + 2 * width).min(n);
            let (mut l, mut r) = (i, mid);
            for slot in &mut b[i..end] {
                // Take from the right only when it is strictly less: equal items keep their order.
                if l < mid && (r >= end || !less(a[r], a[l])) {
                    *slot = a[l];
                    l += 1;
                } else {
                    *slot = a[r];
                    r += 1;
                }
            }
            i = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Sorts `v` by an `f64` key (total order: NaN last), stably.
pub fn by_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> f64) {
    let keys: Vec<f64> = v.iter().map(key).collect();
    let order = order(v.len(), &|x, y| keys[x].total_cmp(&keys[y]).is_lt());
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_std() {
        // A deterministic spread of lengths and keys with many ties.
        let mut seed = 7u64;
        for n in [0, 1, 2, 3, 5, 8, 17, 64, 100, 1000] {
            let mut v: Vec<(f64, usize)> = (0..n)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (((seed >> 33) % 13) as f64, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by(|a, b| a.0.total_cmp(&b.0));
            by_key(&mut v, |x| x.0);
            assert_eq!(v, want, "n = {n}");
        }
    }

    #[test]
    fn sorted_and_reversed_inputs() {
        let mut v: Vec<usize> = (0..50).rev().collect();
        by_key(&mut v, |&x| x as f64);
        assert_eq!(v, (0..50).collect::<Vec<_>>());
        by_key(&mut v, |&x| x as f64);
        assert_eq!(v, (0..50).collect::<Vec<_>>());
    }
}
