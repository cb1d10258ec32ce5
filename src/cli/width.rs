//! Terminal display width of a character: 2 for CJK / fullwidth, 0 for combining and invisible
//! format characters, 1 otherwise (East Asian "ambiguous" characters such as “ ” — … count as 1,
//! as most terminals and rustc do). Tabs and control characters are the caller's business.

/// True for characters the snippet printer must not write raw (they would move the cursor, start
/// an escape sequence or reorder the line): C0/C1 controls and bidi overrides.
pub fn is_unprintable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

pub fn char_width(c: char) -> usize {
    let cp = c as u32;
    if cp < 0x7F {
        return 1;
    }
    if is_zero_width(cp) {
        return 0;
    }
    if is_wide(cp) {
        2
    } else {
        1
    }
}

fn is_zero_width(cp: u32) -> bool {
    matches!(cp,
        0x0300..=0x036F       // combining diacritics
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x200B..=0x200F     // zero-width space/joiners, LRM/RLM
        | 0x2028..=0x202E
        | 0x2060..=0x206F
        | 0x20D0..=0x20FF     // combining marks for symbols
        | 0x302A..=0x302D     // ideographic tone marks
        | 0x3099..=0x309A
        | 0xFE00..=0xFE0F     // variation selectors
        | 0xFE20..=0xFE2F
        | 0xFEFF              // BOM / zero-width no-break space
        | 0xE0100..=0xE01EF)
}

fn is_wide(cp: u32) -> bool {
    matches!(cp,
        0x1100..=0x115F       // Hangul Jamo
        | 0x231A..=0x231B
        | 0x2329..=0x232A
        | 0x2E80..=0x303E     // CJK radicals, Kangxi, CJK symbols and punctuation
        | 0x3041..=0x33FF     // kana, bopomofo, enclosed CJK, CJK compatibility
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xA000..=0xA4CF     // Yi
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3     // Hangul syllables
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0xFE10..=0xFE19     // vertical forms
        | 0xFE30..=0xFE6F     // CJK compatibility forms, small forms
        | 0xFF00..=0xFF60     // fullwidth forms
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F   // emoji
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x2FFFD   // CJK extensions B…
        | 0x30000..=0x3FFFD)
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
    }
}
