//! UTF-8 byte offsets → UTF-16 code-unit offsets, for the wasm edge (JavaScript strings index in
//! UTF-16 code units, so `text.slice(start, end)` needs them).
//!
//! Pure Rust with no wasm dependency, so `cargo test` unit-tests it on the native target.

/// A text's UTF-16 offsets by byte offset, from one pass over its bytes (no decoding, no sort):
/// the code units before every 16th byte are kept, and a lookup adds those of at most 15 more
/// bytes. A character starts with a byte that is not a continuation byte, and is one code unit,
/// or two from a four-byte character on. Memory is a quarter of the text's length (a `usize` per
/// 16 bytes on wasm32), whatever the number of spans.
#[derive(Debug, Clone)]
pub struct Utf16Offsets<'a> {
    text: &'a [u8],
    /// `units_before[k]`: the UTF-16 length of `text[..16 * k]`.
    units_before: Vec<usize>,
}

const STEP: usize = 16;

/// The UTF-16 code units of the character `b` starts (0 for a continuation byte).
fn units(b: &u8) -> usize {
    match b {
        0x80..=0xBF => 0,
        0xF0.. => 2,
        _ => 1,
    }
}

impl<'a> Utf16Offsets<'a> {
    pub fn new(text: &'a str) -> Self {
        let text = text.as_bytes();
        let mut units_before = Vec::with_capacity(text.len() / STEP + 2);
        let mut total = 0;
        for chunk in text.chunks(STEP) {
            units_before.push(total);
            total += chunk.iter().map(units).sum::<usize>();
        }
        units_before.push(total);
        Utf16Offsets { text, units_before }
    }

    /// The UTF-16 offset of byte offset `byte`. An offset past the end maps to the text's UTF-16
    /// length; an offset inside a multi-byte character maps to that character's start.
    pub fn get(&self, byte: usize) -> usize {
        let mut b = byte.min(self.text.len());
        while b < self.text.len() && units(&self.text[b]) == 0 {
            b -= 1;
        }
        let k = b / STEP;
        self.units_before[k] + self.text[k * STEP..b].iter().map(units).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_offset(text: &str, byte: usize) -> usize {
        Utf16Offsets::new(text).get(byte)
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
        let map = Utf16Offsets::new(t);
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
        let map = Utf16Offsets::new(t);
        let units: Vec<u16> = t.encode_utf16().collect();
        let got = String::from_utf16(&units[map.get(start)..map.get(end)]).unwrap();
        assert_eq!(got, "12");
    }

    #[test]
    fn empty() {
        let map = Utf16Offsets::new("");
        assert_eq!(map.get(0), 0);
        assert_eq!(map.get(5), 0);
    }

    /// Every byte offset of texts that cross the 16-byte steps with characters of every width,
    /// and end on a step and off it.
    #[test]
    fn every_offset_across_the_steps() {
        let pieces = ["a", "é", "中", "😀", "\t", "１２"];
        for n in 0..80 {
            let t: String = (0..n).map(|i| pieces[(i * 7 + n) % pieces.len()]).collect();
            let map = Utf16Offsets::new(&t);
            for b in 0..=t.len() + 2 {
                assert_eq!(map.get(b), reference(&t, b), "{t:?} byte {b}");
            }
        }
    }
}
