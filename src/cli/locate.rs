//! 1-based line and column (in characters) of byte offsets, for a fixed set of offsets, computed in
//! one linear pass so that many spans in a huge one-line text stay cheap.

use nianbao::text::floor_char;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number (lines end at `\n`).
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values from the start of the line.
    pub column: usize,
    /// Byte offset of the start of the line.
    pub line_start: usize,
    /// The offset clamped into the text and moved back onto a character boundary.
    pub offset: usize,
}

#[derive(Debug, Clone)]
pub struct Locator {
    /// Sorted by the requested (raw) offset.
    entries: Vec<(usize, Position)>,
}

impl Locator {
    /// Builds positions for `offsets` (any order, duplicates allowed, out-of-range allowed).
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> Self {
        let mut raw: Vec<usize> = offsets.into_iter().collect();
        raw.sort_unstable();
        raw.dedup();
        let bytes = text.as_bytes();
        let mut entries = Vec::with_capacity(raw.len());
        let (mut pos, mut line, mut line_start, mut chars) = (0usize, 1usize, 0usize, 0usize);
        for r in raw {
            // Monotonic: `r` is sorted, so the clamped boundary is too.
            let target = floor_char(text, r);
            for (i, &b) in bytes[pos..target].iter().enumerate() {
                if b == b'\n' {
                    line += 1;
                    line_start = pos + i + 1;
                    chars = 0;
                } else if b & 0xC0 != 0x80 {
                    chars += 1;
                }
            }
            pos = target;
            entries.push((r, Position { line, column: chars + 1, line_start, offset: target }));
        }
        Locator { entries }
    }

    /// The position of an offset given to [`Locator::new`].
    pub fn get(&self, offset: usize) -> Option<Position> {
        self.entries.binary_search_by_key(&offset, |e| e.0).ok().map(|i| self.entries[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let t = "ab\n中文x\r\n\nz";
        let l = Locator::new(t, [0, 1, 3, 6, 9, 7, 12, 13, 14, 999, 4]);
        let p = |o| {
            let p = l.get(o).unwrap();
            (p.line, p.column)
        };
        assert_eq!(p(0), (1, 1));
        assert_eq!(p(1), (1, 2));
        assert_eq!(p(3), (2, 1));
        assert_eq!(p(6), (2, 2));
        assert_eq!(p(9), (2, 3)); // 'x'
        assert_eq!(p(4), (2, 1)); // inside 中 → its start
        assert_eq!(p(7), (2, 2)); // inside 文
        assert_eq!(p(12), (3, 1));
        assert_eq!(p(13), (4, 1));
        assert_eq!(p(14), (4, 2)); // end of text
        assert_eq!(p(999), (4, 2));
        assert_eq!(l.get(999).unwrap().offset, 14);
        assert!(l.get(2).is_none());
    }
}
