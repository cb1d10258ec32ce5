//! Terminal display width of a character, from the `unicode-width` crate (Unicode's East Asian
//! Width: 2 for CJK, fullwidth forms and emoji, 0 for combining and invisible format characters,
//! 1 otherwise; "ambiguous" characters such as “ ” — … count as 1, as most terminals and rustc
//! do). Tabs and control characters are the caller's business.

use unicode_width::UnicodeWidthChar;

/// True for characters the snippet printer must not write raw (they would move the cursor, start
/// an escape sequence or reorder the line): C0/C1 controls and bidi overrides.
pub fn is_unprintable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Columns `c` takes; a control character (which the caller replaces) counts as 1.
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(char_width('a'), 1);
        assert_eq!(char_width('本'), 2);
        assert_eq!(char_width('、'), 2);
        assert_eq!(char_width('（'), 2);
        assert_eq!(char_width('：'), 2);
        assert_eq!(char_width('\u{3000}'), 2);
        assert_eq!(char_width('“'), 1);
        assert_eq!(char_width('\u{FEFF}'), 0);
        assert_eq!(char_width('\u{0301}'), 0);
        assert_eq!(char_width('𠀀'), 2);
        assert_eq!(char_width('✅'), 2);
    }
}
