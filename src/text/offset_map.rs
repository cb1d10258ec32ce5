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
        if derived >= self.derived_len {
            return self.source_len;
        }
        let i = self.points.partition_point(|&(d, _)| d <= derived);
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
