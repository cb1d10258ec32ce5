//! UTF-8 byte offsets → UTF-16 code-unit offsets, for the wasm edge (JavaScript strings index in
//! UTF-16 code units, so `text.slice(start, end)` needs them).
//!
//! Pure Rust with no wasm dependency, so `cargo test` unit-tests it on the native target.

/// A lookup table for a fixed set of byte offsets, built in one linear pass over the text.
///
/// Only the offsets actually asked for are stored (sorted), so memory is proportional to the
/// number of spans, not to the length of the text.
#[derive(Debug, Clone)]
pub struct Utf16Offsets {
    bytes: Vec<usize>,
    units: Vec<usize>,
}

impl Utf16Offsets {
    /// Builds the table for `offsets` (any order, duplicates allowed).
    ///
    /// An offset past the end maps to the text's UTF-16 length; an offset inside a multi-byte
    /// character maps to that character's start.
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> Self {
        let mut bytes: Vec<usize> = offsets.into_iter().collect();
        crate::sort::sort(&mut bytes);
        bytes.dedup();
        let mut units = Vec::with_capacity(bytes.len());
        let mut pending = bytes.iter().copied().peekable();
        let mut unit = 0usize;
        'chars: for (at, ch) in text.char_indices() {
            let next = at + ch.len_utf8();
            // Every wanted offset before the end of this character lands at its start.
            while let Some(&b) = pending.peek() {
                if b < next {
                    units.push(unit);
                    pending.next();
                } else {
                    break;
                }
            }
            if pending.peek().is_none() {
                break 'chars;
            }
            unit += ch.len_utf16();
        }
        // Offsets at or past the end of the text.
        for _ in pending {
            units.push(unit);
        }
        debug_assert_eq!(bytes.len(), units.len());
        Utf16Offsets { bytes, units }
    }

    /// The UTF-16 offset of `byte`. `byte` must be one of the offsets the table was built for;
    /// any other offset maps to the nearest one at or below it (or 0).
    pub fn get(&self, byte: usize) -> usize {
        match self.bytes.binary_search(&byte) {
            Ok(i) => self.units[i],
            Err(0) => 0,
            Err(i) => self.units[i - 1],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_offset(text: &str, byte: usize) -> usize {
        Utf16Offsets::new(text, [byte]).get(byte)
    }

    /// The reference: UTF-16 length of the prefix, with the offset rounded down to a char boundary.
    fn reference(text: &str, byte: usize) -> usize {
        let mut b = byte.min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        text[..b].encode_utf16().count()
    }

    #[test]
    fn ascii_is_identity() {
        let t = "abc\tdef";
        for b in 0..=t.len() {
            assert_eq!(utf16_offset(t, b), b);
        }
    }

    #[test]
    fn cjk_emoji_and_astral() {
        // 中 = 3 bytes / 1 unit; 😀 = 4 bytes / 2 units; é = 2 bytes / 1 unit; 𠮷 = 4 bytes / 2 units.
        let t = "中😀é𠮷a\n一、总体情况";
        let all: Vec<usize> = (0..=t.len() + 3).collect();
        let map = Utf16Offsets::new(t, all.iter().copied().rev());
        for &b in &all {
            assert_eq!(map.get(b), reference(t, b), "byte {b}");
        }
        assert_eq!(map.get("中".len()), 1);
        assert_eq!(map.get("中😀".len()), 3);
        assert_eq!(map.get("中😀é".len()), 4);
        assert_eq!(map.get("中😀é𠮷".len()), 6);
        assert_eq!(map.get(t.len()), t.encode_utf16().count());
    }

    #[test]
    fn slice_in_utf16_is_the_same_text() {
        let t = "📄 报告😀\t自然人\t12\t３\r\n总计 7";
        let start = t.find("12").unwrap();
        let end = start + 2;
        let map = Utf16Offsets::new(t, [end, start]);
        let units: Vec<u16> = t.encode_utf16().collect();
        let got = String::from_utf16(&units[map.get(start)..map.get(end)]).unwrap();
        assert_eq!(got, "12");
    }

    #[test]
    fn empty_and_duplicates() {
        let map = Utf16Offsets::new("", [0, 0, 5]);
        assert_eq!(map.get(0), 0);
        assert_eq!(map.get(5), 0);
        let map = Utf16Offsets::new("ab", Vec::new());
        assert_eq!(map.get(1), 0);
    }
}
