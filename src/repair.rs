//! Error localisation as official statistics does it (Fellegi–Holt; Statistics Netherlands'
//! `errorlocate`): the identities are a linear system Σ coeff·x = 0 over the values read; find the
//! sets of values of least total weight whose change (to non-negative whole numbers) makes every
//! equation hold. R007 builds the system from the template's identities and the figures the text
//! states, and reports what this finds.
//!
//! The search is uniform-cost over sets of variables, cheapest first: a set that leaves a failing
//! equation untouched grows by one variable of that equation; a set that touches every failing
//! equation but cannot satisfy them grows by one variable of an equation it touches (the change
//! had to go somewhere). The first sets that solve, with one value each, are the answer. It is
//! bounded: at most [`MAX_CHANGES`] variables in a set and [`STATE_LIMIT`] sets tried.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A value that may be changed, with the cost of changing it (in tenths: 10 is one ordinary cell).
#[derive(Debug, Clone, Copy)]
pub struct Var {
    pub value: f64,
    pub weight: u32,
}

/// Σ coeff·x = 0 over some of the variables.
#[derive(Debug, Clone)]
pub struct Equation {
    pub terms: Vec<(usize, f64)>,
}

impl Equation {
    fn residual(&self, vars: &[Var]) -> f64 {
        self.terms.iter().map(|&(v, c)| c * vars[v].value).sum()
    }
}

/// One set of changes: each variable with the value it takes, and the set's weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    pub changes: Vec<(usize, f64)>,
    pub weight: u32,
}

/// Why the failing equations could not be localised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlocalised {
    /// More failing equations than [`MAX_FAILING`]: the table is not one or two slips away from
    /// consistent, and a "likeliest correction" would be a guess.
    TooManyFailures(usize),
    /// No set of at most [`MAX_CHANGES`] changes makes every equation hold.
    TooManyChanges,
    /// [`STATE_LIMIT`] sets were tried without settling the answer.
    SearchLimit,
}

pub const MAX_FAILING: usize = 12;
pub const MAX_CHANGES: usize = 8;
pub const STATE_LIMIT: usize = 5_000;
/// Sets tried after the best one while looking for a runner-up.
pub const RUNNER_UP_LIMIT: usize = 1_000;
/// A second solution is reported when its weight is at most this much above the best one.
pub const NEAR: u32 = 6;

const EPS: f64 = 1e-6;

/// The cheapest solutions, best first (the runner-up only when within [`NEAR`]); empty when every
/// equation already holds.
pub fn localise(vars: &[Var], equations: &[Equation]) -> Result<Vec<Solution>, Unlocalised> {
    let residuals: Vec<f64> = equations.iter().map(|e| e.residual(vars)).collect();
    let failing: Vec<usize> = (0..equations.len()).filter(|&e| residuals[e].abs() > EPS).collect();
    if failing.is_empty() {
        return Ok(Vec::new());
    }
    if failing.len() > MAX_FAILING {
        return Err(Unlocalised::TooManyFailures(failing.len()));
    }
    // The equations each variable is in.
    let mut touches: Vec<Vec<usize>> = vec![Vec::new(); vars.len()];
    for (e, eq) in equations.iter().enumerate() {
        for &(v, _) in &eq.terms {
            if v < vars.len() && !touches[v].contains(&e) {
                touches[v].push(e);
            }
        }
    }

    let mut heap: BinaryHeap<Reverse<(u32, Vec<usize>)>> = BinaryHeap::new();
    // Sets already queued, as fixed-size keys with a cheap hash: the search may queue tens of
    // thousands of them, and hashing them was most of its time.
    let mut seen: HashSet<SetKey, BuildHasherDefault<FxHasher>> =
        HashSet::with_capacity_and_hasher(STATE_LIMIT * 4, Default::default());
    let mut found: Vec<Solution> = Vec::new();
    let mut found_sets: Vec<Vec<usize>> = Vec::new();
    heap.push(Reverse((0, Vec::new())));
    let mut tried = 0;
    let mut found_at: Option<usize> = None;
    while let Some(Reverse((weight, set))) = heap.pop() {
        if let Some(best) = found.first() {
            if weight > best.weight + NEAR {
                break;
            }
        }
        // A superset of a solution is no explanation of its own.
        if found_sets.iter().any(|s| s.iter().all(|v| set.contains(v))) {
            continue;
        }
        tried += 1;
        // The runner-up is worth a bounded look only.
        if found_at.is_some_and(|at| tried > at + RUNNER_UP_LIMIT) {
            break;
        }
        if tried > STATE_LIMIT {
            return if found.is_empty() { Err(Unlocalised::SearchLimit) } else { Ok(found) };
        }
        let touched = |e: &usize| equations[*e].terms.iter().any(|(v, _)| set.contains(v));
        // Grow by the variables of the first failing equation the set leaves alone, or, when it
        // touches them all but cannot solve them, of every equation it touches.
        let grow: Vec<usize> = match failing.iter().find(|e| !touched(e)) {
            Some(&e) => equations[e].terms.iter().map(|&(v, _)| v).collect(),
            None => match solve(vars, equations, &residuals, &touches, &set) {
                Some(values) => {
                    found.push(Solution { changes: set.iter().copied().zip(values).collect(), weight });
                    found_sets.push(set);
                    found_at.get_or_insert(tried);
                    if found.len() == 2 {
                        break;
                    }
                    continue;
                }
                None => {
                    let mut vs: Vec<usize> = set
                        .iter()
                        .flat_map(|&v| &touches[v])
                        .flat_map(|&e| equations[e].terms.iter().map(|t| t.0))
                        .collect();
                    crate::sort::sort(&mut vs);
                    vs.dedup();
                    vs
                }
            },
        };
        if set.len() >= MAX_CHANGES {
            continue;
        }
        for v in grow {
            if set.contains(&v) || v >= vars.len() {
                continue;
            }
            let at = set.partition_point(|&x| x < v);
            let mut next = Vec::with_capacity(set.len() + 1);
            next.extend_from_slice(&set[..at]);
            next.push(v);
            next.extend_from_slice(&set[at..]);
            if seen.insert(set_key(&next)) {
                heap.push(Reverse((weight + vars[v].weight, next)));
            }
        }
    }
    if found.is_empty() {
        return Err(Unlocalised::TooManyChanges);
    }
    Ok(found)
}

/// A set of at most [`MAX_CHANGES`] variables (sorted) as a fixed-size key; unused places hold
/// `u32::MAX`, which no variable index reaches.
type SetKey = [u32; MAX_CHANGES + 1];

fn set_key(set: &[usize]) -> SetKey {
    let mut key = [u32::MAX; MAX_CHANGES + 1];
    for (k, &v) in key.iter_mut().zip(set) {
        *k = u32::try_from(v).unwrap_or(u32::MAX - 1);
    }
    key
}

/// The multiply-rotate hash of rustc's `FxHasher`: small integer keys, no hostile input (the keys
/// are variable indices), so SipHash's protection buys nothing here.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        for &b in chunks.remainder() {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The one assignment of the variables in `set` (the others keep their values) under which every
/// equation holds, when there is exactly one and every value is a changed non-negative whole
/// number.
fn solve(
    vars: &[Var],
    equations: &[Equation],
    residuals: &[f64],
    touches: &[Vec<usize>],
    set: &[usize],
) -> Option<Vec<f64>> {
    let n = set.len();
    // The equations the set touches (the others hold: the caller has checked every failing one
    // is touched).
    let mut touched: Vec<usize> = set.iter().flat_map(|&v| touches[v].iter().copied()).collect();
    crate::sort::sort(&mut touched);
    touched.dedup();
    // Rows [a_1 … a_n | b]: Σ a·δ = −residual.
    let mut rows: Vec<Vec<f64>> = Vec::with_capacity(touched.len());
    for &e in &touched {
        let mut row = vec![0.0; n + 1];
        for &(v, c) in &equations[e].terms {
            if let Ok(i) = set.binary_search(&v) {
                row[i] += c;
            }
        }
        row[n] = -residuals[e];
        rows.push(row);
    }
    // Gauss–Jordan with partial pivoting; the coefficients are small integers.
    let mut rank = 0;
    for col in 0..n {
        let pivot = (rank..rows.len()).max_by(|&a, &b| rows[a][col].abs().total_cmp(&rows[b][col].abs()))?;
        if rows[pivot][col].abs() < EPS {
            // A free direction: the values are not determined.
            return None;
        }
        rows.swap(rank, pivot);
        let p = rows[rank][col];
        for x in rows[rank].iter_mut() {
            *x /= p;
        }
        for r in 0..rows.len() {
            if r != rank && rows[r][col].abs() > EPS {
                let f = rows[r][col];
                let (head, tail) = if r < rank { rows.split_at_mut(rank) } else { rows.split_at_mut(r) };
                let (target, source) = if r < rank { (&mut head[r], &tail[0]) } else { (&mut tail[0], &head[rank]) };
                for (t, s) in target.iter_mut().zip(source.iter()) {
                    *t -= f * s;
                }
            }
        }
        rank += 1;
    }
    // The rows beyond the rank must read 0 = 0.
    if rows[rank..].iter().any(|r| r[n].abs() > EPS) {
        return None;
    }
    let mut values = Vec::with_capacity(n);
    for (i, &v) in set.iter().enumerate() {
        let delta = rows[i][n];
        let to = vars[v].value + delta;
        let whole = to.round();
        if delta.abs() < EPS || (to - whole).abs() > EPS || whole < 0.0 {
            return None;
        }
        values.push(whole);
    }
    Some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(value: f64) -> Var {
        Var { value, weight: 10 }
    }

    /// a + b = t, over the given values.
    fn sum(parts: &[usize], total: usize) -> Equation {
        let mut terms: Vec<(usize, f64)> = parts.iter().map(|&p| (p, 1.0)).collect();
        terms.push((total, -1.0));
        Equation { terms }
    }

    #[test]
    fn consistent_values_need_no_repair() {
        let vars = [cell(1.0), cell(2.0), cell(3.0)];
        assert_eq!(localise(&vars, &[sum(&[0, 1], 2)]), Ok(Vec::new()));
    }

    #[test]
    fn one_wrong_cell_in_a_grid_is_found_with_its_value() {
        // A 2 × 2 grid with row and column totals: x00 x01 | r0; x10 x11 | r1; c0 c1 | g.
        let mut vars: Vec<Var> = [1.0, 2.0, 3.0, 3.0, 4.0, 7.0, 4.0, 6.0, 10.0].map(cell).to_vec();
        let eqs =
            [sum(&[0, 1], 2), sum(&[3, 4], 5), sum(&[0, 3], 6), sum(&[1, 4], 7), sum(&[2, 5], 8), sum(&[6, 7], 8)];
        assert_eq!(localise(&vars, &eqs), Ok(Vec::new()));
        vars[4].value = 9.0;
        let found = localise(&vars, &eqs).unwrap();
        assert_eq!(found[0].changes, vec![(4, 4.0)]);
        assert_eq!(found[0].weight, 10);
    }

    #[test]
    fn values_stay_whole_and_not_negative() {
        // a = b + c with a = 1, b = 2, c = 0: lowering b to −1 or c to −1 is no repair.
        let vars = [cell(1.0), cell(2.0), cell(0.0)];
        let found = localise(&vars, &[sum(&[1, 2], 0)]).unwrap();
        assert_eq!(found[0].changes, vec![(0, 2.0)]);
        assert!(found.iter().all(|s| s.changes.iter().all(|&(_, v)| v >= 0.0 && v.fract() == 0.0)));
    }

    #[test]
    fn cheaper_cells_win_and_a_near_runner_up_is_kept() {
        // a + b = t, with t cheap: changing t is the best, a or b the runner-up (4 tenths dearer).
        let vars = [cell(1.0), cell(1.0), Var { value: 3.0, weight: 6 }];
        let found = localise(&vars, &[sum(&[0, 1], 2)]).unwrap();
        assert_eq!(found[0].changes, vec![(2, 2.0)]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].weight, 10);
    }

    #[test]
    fn too_many_failures_or_changes_say_why() {
        let vars: Vec<Var> = (0..60).map(|i| cell(f64::from(i % 2))).collect();
        let eqs: Vec<Equation> = (0..30).map(|i| Equation { terms: vec![(2 * i, 1.0), (2 * i + 1, -1.0)] }).collect();
        assert_eq!(localise(&vars, &eqs), Err(Unlocalised::TooManyFailures(30)));
        // A chain x0 = x1 = … = x20 broken in the middle: every repair changes ten or more.
        let vars: Vec<Var> = (0..21).map(|i| cell(if i < 10 { 0.0 } else { 1.0 })).collect();
        let eqs: Vec<Equation> = (0..20).map(|i| Equation { terms: vec![(i, 1.0), (i + 1, -1.0)] }).collect();
        assert_eq!(localise(&vars, &eqs), Err(Unlocalised::TooManyChanges));
    }
}
