//! Digits run together with no separator (crawler text: "21710000218" for 217,1,0,0,0,0,218).
//! A split is accepted only when it is the one and only split the row's arithmetic allows.

/// Longest number one cell may hold when splitting.
const MAX_DIGITS: usize = 7;
/// Work budget for one split, so hostile input stays bounded.
const MAX_STEPS: usize = 2_000_000;

/// The byte ranges of the only way to cut `digits` into `n` numbers (no leading zeros) that
/// `accept` agrees with; `None` when there is no such split, more than one, or the search is
/// too large to finish. (The reader uses [`all_splits_runs`]; this states what it means.)
#[cfg(test)]
pub fn unique_split(digits: &str, n: usize, accept: &dyn Fn(&[f64]) -> bool) -> Option<Vec<(usize, usize)>> {
    unique_split_runs(&[digits], n, accept)
}

/// Like [`unique_split`] for several runs of digits that were separated by spaces: a space is
/// always a cell boundary, so no number spans two runs. Ranges are into the runs joined.
#[cfg(test)]
pub fn unique_split_runs(runs: &[&str], n: usize, accept: &dyn Fn(&[f64]) -> bool) -> Option<Vec<(usize, usize)>> {
    let mut all = all_splits_runs(runs, n, accept, 1)?;
    (all.len() == 1).then(|| all.remove(0))
}

/// Every split of the runs that `accept` agrees with, when there are at most `limit` of them
/// and the search finishes within its budget; `None` otherwise.
pub fn all_splits_runs(
    runs: &[&str],
    n: usize,
    accept: &dyn Fn(&[f64]) -> bool,
    limit: usize,
) -> Option<Vec<Vec<(usize, usize)>>> {
    let joined: String = runs.concat();
    let bytes = joined.as_bytes();
    if n == 0
        || runs.len() > n
        || bytes.len() < n
        || bytes.len() > n * MAX_DIGITS
        || !bytes.iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    // next_boundary[i]: where the run holding byte i ends.
    let mut next_boundary = vec![0; bytes.len()];
    let mut at = 0;
    for r in runs {
        for b in &mut next_boundary[at..at + r.len()] {
            *b = at + r.len();
        }
        at += r.len();
    }
    let mut search = Search {
        bytes,
        next_boundary: &next_boundary,
        n,
        accept,
        limit,
        cuts: Vec::with_capacity(n),
        found: Vec::new(),
        steps: 0,
    };
    search.walk(0);
    (search.found.len() <= limit && search.steps <= MAX_STEPS).then_some(search.found)
}

struct Search<'a> {
    bytes: &'a [u8],
    next_boundary: &'a [usize],
    n: usize,
    accept: &'a dyn Fn(&[f64]) -> bool,
    limit: usize,
    cuts: Vec<(usize, usize)>,
    found: Vec<Vec<(usize, usize)>>,
    steps: usize,
}

impl Search<'_> {
    fn walk(&mut self, at: usize) {
        self.steps += 1;
        if self.found.len() > self.limit || self.steps > MAX_STEPS {
            return;
        }
        let left = self.n - self.cuts.len();
        let rest = self.bytes.len() - at;
        if left == 0 {
            if rest == 0 {
                let values: Vec<f64> = self.cuts.iter().map(|&(a, b)| self.value(a, b)).collect();
                if (self.accept)(&values) {
                    self.found.push(self.cuts.clone());
                }
            }
            return;
        }
        if rest < left || rest > left * MAX_DIGITS {
            return;
        }
        let room = self.next_boundary[at] - at;
        let longest = if self.bytes[at] == b'0' { 1 } else { MAX_DIGITS.min(room) };
        for len in 1..=longest {
            self.cuts.push((at, at + len));
            self.walk(at + len);
            self.cuts.pop();
        }
    }

    /// At most [`MAX_DIGITS`] digits: exact in an f64, the one number type of cell values.
    fn value(&self, a: usize, b: usize) -> f64 {
        self.bytes[a..b].iter().fold(0.0, |v, d| v * 10.0 + f64::from(d - b'0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row_sum(v: &[f64]) -> bool {
        v[..v.len() - 1].iter().sum::<f64>() == v[v.len() - 1]
    }

    fn values(d: &str, n: usize, f: &dyn Fn(&[f64]) -> bool) -> Option<Vec<u64>> {
        unique_split(d, n, f).map(|p| p.iter().map(|&(a, b)| d[a..b].parse().unwrap()).collect())
    }

    #[test]
    fn splits_rows_with_one_answer() {
        assert_eq!(values("21710000218", 7, &row_sum), Some(vec![217, 1, 0, 0, 0, 0, 218]));
        assert_eq!(values("0000000", 7, &row_sum), Some(vec![0; 7]));
        assert_eq!(values("320000032", 7, &row_sum), Some(vec![32, 0, 0, 0, 0, 0, 32]));
    }

    #[test]
    fn refuses_ambiguous_rows() {
        // 1,1,0,0,0,0,11? no: 1+1=2. "11000011": 11,0,0,0,0,0,11 and 1,10,0,0,0,0,11 both add up.
        assert_eq!(values("11000011", 7, &row_sum), None);
    }

    #[test]
    fn review_blocks() {
        let blocks = |v: &[f64]| v.chunks(5).all(|b| b[..4].iter().sum::<f64>() == b[4]);
        assert_eq!(values("21317000001324019", 15, &blocks), Some(vec![2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]));
    }

    #[test]
    fn spaces_are_boundaries() {
        let runs = ["500000", "5"];
        let p = unique_split_runs(&runs, 7, &row_sum).unwrap();
        assert_eq!(p.len(), 7);
        assert_eq!(p[6], (6, 7));
        // A missing cell is not made up by splitting a two-digit number.
        assert_eq!(unique_split_runs(&["10", "2", "3", "4", "5", "6"], 7, &row_sum), None);
    }

    #[test]
    fn bounded_on_long_runs() {
        let d = "1".repeat(100);
        assert_eq!(values(&d, 15, &|_| true), None);
    }
}
