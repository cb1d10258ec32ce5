//! The way back from a derived text (flattened HTML, normalized text) to the text it came from.

/// A piecewise-linear map from positions in a derived text to positions in its source: between
/// breakpoints, `source = derived + delta`. Kept sparse so a 50 MB paste does not need a
/// position table eight times its size.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// (derived offset where a segment starts, source offset of that position)
    points: Vec<(usize, usize)>,
    derived_len: usize,
    source_len: usize,
}

impl OffsetMap {
    /// Records that derived offset `derived` comes from source offset `source`; both must not
    /// go back. Costs nothing while the two advance together.
    #[inline]
    pub(crate) fn push(&mut self, derived: usize, source: usize) {
        if let Some(&(d, s)) = self.points.last() {
            if source >= s && derived >= d && source - s == derived - d {
                return; // still on the same line of the map
            }
            if d == derived {
                self.points.pop();
            }
        }
        self.points.push((derived, source));
    }

    /// The source position of a derived position (clamped to the source's end).
    pub fn source(&self, derived: usize) -> usize {
        self.source_from(derived, &mut 0)
    }

    /// [`OffsetMap::source`], for lookups made mostly in increasing order: the search for the
    /// segment starts at `at`, where the last lookup found its own, and a few steps forward
    /// usually find it (a binary search otherwise); `at` moves to it.
    pub fn source_from(&self, derived: usize, at: &mut usize) -> usize {
        if derived >= self.derived_len {
            return self.source_len;
        }
        // The number of points at or before `derived`.
        let before = |p: &(usize, usize)| p.0 <= derived;
        let mut i = (*at).min(self.points.len());
        if i > 0 && !before(&self.points[i - 1]) {
            i = self.points[..i].partition_point(before);
        } else {
            let mut steps = 0;
            while i < self.points.len() && before(&self.points[i]) {
                i += 1;
                steps += 1;
                if steps == 4 {
                    i += self.points[i..].partition_point(before);
                    break;
                }
            }
        }
        *at = i;
        if i == 0 {
            return derived.min(self.source_len);
        }
        let (d, s) = self.points[i - 1];
        (s + (derived - d)).min(self.source_len)
    }

    /// Ends the map: the derived text's end maps to the source's end.
    pub(crate) fn finish(&mut self, derived_len: usize, source_len: usize) {
        self.derived_len = derived_len;
        self.source_len = source_len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cursor finds what a fresh search finds, whatever order the lookups come in.
    #[test]
    fn source_from_is_source() {
        let mut map = OffsetMap::default();
        for k in 0..40 {
            map.push(k * 5, k * 7 + k % 3);
        }
        map.finish(210, 300);
        let mut at = 0;
        let order = (0..230).chain((0..230).rev()).chain((0..230).map(|k| k * 37 % 230));
        for d in order {
            assert_eq!(map.source_from(d, &mut at), map.source(d), "{d}");
        }
    }
}
