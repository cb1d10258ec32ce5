//! Character references (`&amp;`, `&#20013;`, `&ldquo;` …).

/// Longer names than this are never entities we know (ours are at most 6 letters).
const MAX_ENTITY_NAME: usize = 10;

/// Decodes the character reference at the start of `s` (which starts with `&`): the character
/// and how many bytes it took. `None` when it is not a reference we know (kept literally).
pub(super) fn decode_entity(s: &str) -> Option<(char, usize)> {
    let bytes = s.as_bytes();
    if bytes.get(1) == Some(&b'#') {
        let (radix, digits_start) = match bytes.get(2) {
            Some(b'x' | b'X') => (16, 3),
            _ => (10, 2),
        };
        let mut end = digits_start;
        let mut value: u32 = 0;
        while let Some(digit) = bytes.get(end).and_then(|&b| char::from(b).to_digit(radix)) {
            // Saturating just past the Unicode range so giant numbers become U+FFFD.
            value = value.saturating_mul(radix).saturating_add(digit).min(0x11_0000);
            end += 1;
        }
        if end == digits_start {
            return None;
        }
        if bytes.get(end) == Some(&b';') {
            end += 1;
        }
        return Some((numeric_reference(value), end));
    }
    let name_len = bytes.iter().skip(1).take(MAX_ENTITY_NAME + 1).position(|b| !b.is_ascii_alphanumeric())?;
    let name_end = 1 + name_len;
    if name_len == 0 || bytes.get(name_end) != Some(&b';') {
        return None;
    }
    let c = named_entity(&s[1..name_end])?;
    Some((c, name_end + 1))
}

/// Numeric references as browsers read them: 0x80–0x9F are Windows-1252 (old pages write
/// `&#147;` for “), invalid code points become U+FFFD.
fn numeric_reference(value: u32) -> char {
    const WINDOWS_1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let value = match value {
        0 => 0xFFFD,
        0x80..=0x9F => WINDOWS_1252[(value - 0x80) as usize],
        _ => value,
    };
    char::from_u32(value).unwrap_or('\u{FFFD}')
}

fn named_entity(name: &str) -> Option<char> {
    let c = match name {
        "nbsp" => '\u{A0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwsp" => '\u{200B}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "shy" => '\u{AD}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "minus" => '−',
        "deg" => '°',
        "sect" => '§',
        "para" => '¶',
        "yen" => '¥',
        "euro" => '€',
        "cent" => '¢',
        "pound" => '£',
        "permil" => '‰',
        "prime" => '′',
        "Prime" => '″',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "asymp" => '≈',
        "equiv" => '≡',
        "infin" => '∞',
        "radic" => '√',
        "sum" => '∑',
        "lowast" => '∗',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "micro" => 'µ',
        "ordm" => 'º',
        "ordf" => 'ª',
        "iexcl" => '¡',
        "iquest" => '¿',
        "not" => '¬',
        "macr" => '¯',
        "uml" => '¨',
        "acute" => '´',
        "cedil" => '¸',
        "dagger" => '†',
        "Dagger" => '‡',
        "loz" => '◊',
        "circ" => 'ˆ',
        "tilde" => '˜',
        "alpha" => 'α',
        "beta" => 'β',
        "gamma" => 'γ',
        "delta" => 'δ',
        "mu" => 'μ',
        "pi" => 'π',
        "sigma" => 'σ',
        "Omega" => 'Ω',
        _ => return None,
    };
    Some(c)
}
