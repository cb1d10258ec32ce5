//! Text utilities shared by the reader and the rules: character-boundary arithmetic, the CJK
//! range, the Chinese numerals and the map from derived text back to its source.

mod decimal;
mod numerals;
mod offset_map;
mod phrases;

pub use decimal::{fmt_decimal, parse_decimal};
pub use numerals::{numeral, numeral_value};
pub use offset_map::OffsetMap;
pub use phrases::PhraseSet;

/// `i` clamped into `s` and moved back to the start of the character it falls in.
pub fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The end of the character that starts at `at` (`at` itself at the end of `s`).
pub fn char_end(s: &str, at: usize) -> usize {
    at + s[at..].chars().next().map_or(0, char::len_utf8)
}

/// A CJK unified ideograph of the basic block (U+4E00–U+9FFF): the characters of labels and prose.
pub fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// East Asian wide text: CJK ideographs and radicals, CJK punctuation (`、。《》`), full-width
/// forms (`（），：`). Between two of these a line break is no word space.
pub fn is_wide_cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// How many [`is_cjk`] characters `s` holds.
pub fn count_cjk(s: &str) -> usize {
    s.chars().filter(|&c| is_cjk(c)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        let s = "a中b";
        assert_eq!((0..=6).map(|i| floor_char(s, i)).collect::<Vec<_>>(), [0, 1, 1, 1, 4, 5, 5]);
        assert_eq!(floor_char(s, 99), 5);
        assert_eq!((char_end(s, 0), char_end(s, 1), char_end(s, 5)), (1, 4, 5));
    }

    #[test]
    fn cjk() {
        assert!(is_cjk('一') && is_cjk('\u{9FFF}') && !is_cjk('、') && !is_cjk('（') && !is_cjk('𠀀'));
        assert_eq!(count_cjk("共12件。"), 2);
    }
}
