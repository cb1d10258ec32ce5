//! One sort for the whole crate. The standard sort is generic, and each element type and
//! comparison it is used with is compiled into a copy of several kilobytes (in the wasm, 13 call
//! sites made 56 KB). Here only a list of positions is sorted, always by the same code, through a
//! `dyn` comparison; the caller's elements are then moved into that order.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably (equal elements keep their order), as `slice::sort_by` does.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` by a key, stably, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order, as `slice::sort` does.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions `0..n` ordered by `cmp` on them, stably: runs of [`RUN`] sorted by insertion,
/// then merged pairwise (bottom-up merge sort). Written here rather than calling the standard
/// sort, whose one instance was 5.3 KB of wasm; this is a few hundred bytes.
fn sorted_positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    let before = |a: u32, b: u32| cmp(a as usize, b as usize) == Ordering::Less;
    for run in order.chunks_mut(RUN) {
        for i in 1..run.len() {
            let x = run[i];
            let mut j = i;
            // Only a strictly smaller element moves left past another: equal ones keep their order.
            while j > 0 && before(x, run[j - 1]) {
                run[j] = run[j - 1];
                j -= 1;
            }
            run[j] = x;
        }
    }
    let mut from = order;
    let mut to = vec![0u32; n];
    let mut width = RUN;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut to[start..end] {
                // The left run's element goes first unless the right one is strictly smaller.
                if j < end && (i == mid || before(from[j], from[i])) {
                    *slot = from[j];
                    j += 1;
                } else {
                    *slot = from[i];
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

/// The length of the runs [`sorted_positions`] sorts by insertion before merging.
const RUN: usize = 16;

/// Moves `v[order[i]]` to place `i`, by following each cycle of the permutation once.
fn permute<T>(v: &mut [T], mut order: Vec<u32>) {
    for start in 0..order.len() {
        let mut here = start;
        // Walk the cycle through `start`, swapping each element into place; mark places done by
        // pointing them at themselves.
        while order[here] as usize != start {
            let from = order[here] as usize;
            v.swap(here, from);
            order[here] = here as u32;
            here = from;
        }
        order[here] = here as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_std_does_and_keeps_equal_elements_in_order() {
        let mut seed = 12345u64;
        for n in [0usize, 1, 2, 3, 7, 15, 16, 17, 20, 31, 32, 33, 64, 100, 257, 1000] {
            let v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut theirs = v.clone();
            theirs.sort_by_key(|x| x.0);
            assert_eq!(ours, theirs, "n = {n}");
            let mut ours = v.clone();
            sort(&mut ours);
            let mut theirs = v;
            theirs.sort();
            assert_eq!(ours, theirs);
        }
    }
}
