//! Text utilities shared by the reader and the rules: character-boundary arithmetic, the CJK
//! range, the Chinese numerals and the map from derived text back to its source.

mod decimal;
mod numerals;
mod offset_map;
mod phrases;

pub use decimal::{fmt_decimal, parse_decimal, push_decimal, push_digits};
pub use numerals::{numeral, numeral_value};
pub use offset_map::OffsetMap;
pub use phrases::{FirstChars, PhraseSet};
use std::borrow::Cow;

/// `haystack.find(needle)`, in linear time whatever the text, without std's Two-Way searcher: it
/// is set up anew for every call, which costs more than the whole search for the phrases and
/// short texts searched here (natively too: 0.95× the native check's time measured), and it
/// was 3.8 KB of wasm with the `&str` pattern code that reaches it.
// Out of line: inlined into its callers, its two cases were 1 KB more wasm.
#[inline(never)]
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    // The needle's second byte: in Chinese a continuation byte, spread over 64 values, where
    // lead bytes crowd into a few (most ideographs start with 0xE4–0xE9). In a long text, its
    // last: a phrase looked for in a whole report often starts with a word the report is full
    // of ("信息" of "信息处理费").
    let k = if haystack.len() > SCAN_LIMIT { needle.len().saturating_sub(1) } else { usize::from(needle.len() > 1) };
    scan(haystack, needle, k)
}

/// `s.contains(c)`. std's hands a non-ASCII `char` to its substring searcher, the Two-Way code
/// [`find`] keeps out of the wasm; a `char`'s own search (`find`) looks for its last byte.
#[allow(clippy::search_is_some)]
pub fn has_char(s: &str, c: char) -> bool {
    s.find(c).is_some()
}

/// The offsets of `needle` (not empty) in `haystack`, left to right and not overlapping:
/// `haystack.match_indices(needle)`'s.
pub fn positions<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + find(haystack.get(from..)?, needle)?;
        from = at + needle.len().max(1);
        Some(at)
    })
}

/// The lines of `s`, each with its `\n` (the last may have none): `s.split_inclusive('\n')`,
/// each end found by [`find_byte`] (natively in SIMD, where std's search for a `char` goes a
/// word at a time).
pub fn lines_inclusive(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let end = find_byte(rest.as_bytes(), b'\n').map_or(rest.len(), |i| i + 1);
        let (line, after) = rest.split_at_checked(end).filter(|_| end > 0)?;
        rest = after;
        Some(line)
    })
}

/// The text before the first `needle`, all of it when there is none:
/// `haystack.split(needle).next()`.
pub fn before<'a>(haystack: &'a str, needle: &str) -> &'a str {
    find(haystack, needle).map_or(haystack, |at| &haystack[..at])
}

/// The first `needle` in `haystack`. Natively by `memchr` (SIMD: 0.96× the check's
/// instructions); the wasm has no SIMD without a target feature, and searches a word at a time.
#[cfg(not(target_arch = "wasm32"))]
pub fn find_byte(haystack: &[u8], needle: u8) -> Option<usize> {
    memchr::memchr(needle, haystack)
}

/// The first `needle` in `haystack`: [`find_byte_by_words`] in the wasm.
#[cfg(target_arch = "wasm32")]
pub fn find_byte(haystack: &[u8], needle: u8) -> Option<usize> {
    find_byte_by_words(haystack, needle)
}

/// The first `needle` in `haystack`, looked for a word at a time (the way core's private memchr
/// does, which `str::find` of a char uses): a byte at a time is several instructions a byte.
#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
fn find_byte_by_words(haystack: &[u8], needle: u8) -> Option<usize> {
    // [`find_byte_of`]'s loop for one needle: the wasm build does not inline it, and its loop
    // over the needles was 7 % of the wasm check's time, most of it in the anchors' scans.
    let flipped = ONES * u64::from(needle);
    let mut at = 0;
    for chunk in haystack.chunks_exact(WORD) {
        // The needle's place is a zero byte of the word with the needle's bits flipped.
        if some_byte_below(word(chunk) ^ flipped, 1) {
            break;
        }
        at += WORD;
    }
    haystack[at..].iter().position(|&b| b == needle).map(|i| at + i)
}

/// How many times `needle` is in `haystack`, counted up to `most` (the count stops there): a few
/// word-at-a-time searches where a line is long and holds none or one, as prose lines do.
pub fn count_byte_up_to(haystack: &[u8], needle: u8, most: usize) -> usize {
    let (mut count, mut at) = (0, 0);
    while count < most {
        let Some(i) = find_byte(&haystack[at..], needle) else { break };
        count += 1;
        at += i + 1;
    }
    count
}

/// Whether `bytes` holds an ASCII digit, looked for a word at a time (a prose sentence has none
/// for a long way, and a byte loop is a compare and a branch a byte). In UTF-8 a digit byte is
/// always the digit: no other character's bytes take those values.
pub fn has_digit(bytes: &[u8]) -> bool {
    let mut words = bytes.chunks_exact(WORD);
    for chunk in &mut words {
        // A byte is a digit when, with its 0x30 bits flipped, it is below 10.
        if some_byte_below(word(chunk) ^ (ONES * 0x30), 10) {
            return true;
        }
    }
    words.remainder().iter().any(u8::is_ascii_digit)
}

/// Where the first ASCII digit of `bytes` is, looked for as [`has_digit`] looks. (Its own loop:
/// `has_digit` as `find_digit(..).is_some()` was 0.3 % more instructions a check.)
pub fn find_digit(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    for chunk in bytes.chunks_exact(WORD) {
        if some_byte_below(word(chunk) ^ (ONES * 0x30), 10) {
            break;
        }
        at += WORD;
    }
    bytes[at..].iter().position(u8::is_ascii_digit).map(|i| at + i)
}

/// The first byte of `haystack` that is one of `needles`, as [`find_byte`] looks (natively by
/// `memchr` for up to three needles).
pub fn find_byte_of(haystack: &[u8], needles: &[u8]) -> Option<usize> {
    #[cfg(not(target_arch = "wasm32"))]
    match *needles {
        [a] => return memchr::memchr(a, haystack),
        [a, b] => return memchr::memchr2(a, b, haystack),
        [a, b, c] => return memchr::memchr3(a, b, c, haystack),
        _ => {}
    }
    find_byte_of_by_words(haystack, needles)
}

fn find_byte_of_by_words(haystack: &[u8], needles: &[u8]) -> Option<usize> {
    let mut at = 0;
    'words: for chunk in haystack.chunks_exact(WORD) {
        let w = word(chunk);
        for &n in needles {
            // A needle's place is a zero byte of the word with the needle's bits flipped.
            if some_byte_below(w ^ (ONES * u64::from(n)), 1) {
                break 'words;
            }
        }
        at += WORD;
    }
    // (Not `needles.contains`: a memchr call for every byte.)
    haystack[at..].iter().position(|b| needles.iter().any(|n| n == b)).map(|i| at + i)
}

/// The word-at-a-time searches' word, and a byte of ones: 64 bits in wasm too, whose `usize` is
/// 32 bits but which has 64-bit loads and arithmetic (half the steps).
const WORD: usize = std::mem::size_of::<u64>();
const ONES: u64 = u64::MAX / 255;

fn word(chunk: &[u8]) -> u64 {
    u64::from_ne_bytes(chunk.try_into().unwrap_or([0; WORD]))
}

/// Whether some byte of `word` is below `n` (at most 0x80), exact for whether there is one: a
/// borrow only runs on from a byte that is below `n` itself.
fn some_byte_below(word: u64, n: u8) -> bool {
    word.wrapping_sub(ONES * u64::from(n)) & !word & (ONES << 7) != 0
}

/// `haystack.find(needle)`, looking for the needle's first byte a word at a time: for a needle
/// whose first byte is rare in the text (the lead byte of CJK punctuation, E3), where
/// [`find`] and std look for a continuation byte, common in Chinese.
pub fn find_lead_first(haystack: &str, needle: &str) -> Option<usize> {
    scan(haystack.as_bytes(), needle.as_bytes(), 0)
}

/// `haystack.contains(needle)`, as [`find`] searches; natively, in a long text, std's (x86-64
/// has a vector search for it that the wasm lacks).
pub fn contains(haystack: &str, needle: &str) -> bool {
    if haystack.len() > SCAN_LIMIT && !cfg!(target_arch = "wasm32") {
        return haystack.contains(needle);
    }
    find(haystack, needle).is_some()
}

/// Longest haystack [`find`] scans for a needle's second byte, not its last.
const SCAN_LIMIT: usize = 2048;

/// The first `needle` in `haystack`, comparing bytes at each match of the needle's byte `k` (the
/// rarest in the text the caller expects; `k` < the needle's length). UTF-8 is
/// self-synchronizing, so a match of valid UTF-8 in valid UTF-8 starts on a character boundary:
/// the result is `str::find`'s.
///
/// Comparing at every match is haystack × needle at worst (`aaa…` for `aa…ab`): past a budget of
/// bytes compared the rest is searched by [`kmp`], so the time stays linear.
fn scan(haystack: &[u8], needle: &[u8], k: usize) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    let last_start = haystack.len().checked_sub(needle.len())?;
    let anchor = needle[k];
    let mut budget = haystack.len() + 256;
    let mut at = 0;
    while at <= last_start {
        at += find_byte(&haystack[at + k..=last_start + k], anchor)?;
        if bytes_at(haystack, at, needle) {
            return Some(at);
        }
        let Some(left) = budget.checked_sub(needle.len()) else {
            return kmp(&haystack[at..], needle).map(|p| at + p);
        };
        budget = left;
        at += 1;
    }
    None
}

/// The first `needle` (not empty) in `haystack` by Knuth–Morris–Pratt, in time linear in the
/// haystack whatever the text.
fn kmp(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    // border[i]: the length of the longest proper prefix of needle[..=i] that also ends it.
    let mut border = vec![0; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && needle[i] != needle[k] {
            k = border[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        border[i] = k;
    }
    let mut k = 0;
    for (i, &b) in haystack.iter().enumerate() {
        while k > 0 && b != needle[k] {
            k = border[k - 1];
        }
        if b == needle[k] {
            k += 1;
        }
        if k == needle.len() {
            return Some(i + 1 - k);
        }
    }
    None
}

/// `parts.join(sep)` for owned strings, the messages' lists: a small loop where std's join is
/// instantiated for `String` parts besides the `&str` ones (close to a kilobyte of wasm).
pub fn join(parts: &[String], sep: &str) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len() + sep.len()).sum());
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            out.push_str(sep);
        }
        out.push_str(part);
    }
    out
}

/// `s` without its white space: the compact form titles, headings and labels are compared in.
/// One function for the crate's many call sites (each iterator chain doing this was a copy of
/// its own in the wasm). Borrowed when the white space is only at the ends (a line and its
/// line break, most calls): no copy made.
pub fn without_whitespace(s: &str) -> Cow<'_, str> {
    let s = trim(s);
    let mut out = String::new();
    // The text between white space copied a run at a time, by bytes ([`space_len_at`]).
    let (mut run, mut i) = (0, 0);
    while i < s.len() {
        match space_len_at(s, i) {
            0 => i += step(s.as_bytes()[i]),
            n => {
                if run == 0 {
                    out.reserve(s.len());
                }
                out.push_str(&s[run..i]);
                i += n;
                run = i;
            }
        }
    }
    // Trimmed, the text has white space inside exactly when some was found.
    if run == 0 {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[run..]);
    Cow::Owned(out)
}

/// The byte length of the white space character (`char::is_whitespace`) that starts at byte `i`
/// of `s`, or 0. Told by the first byte but for the four lead bytes white space above ASCII
/// starts with (C2, E1, E2, E3), so most characters are not decoded.
/// Inlined where it is called for every byte (the wasm build's inliner would not): the decode
/// is out of line.
#[inline(always)]
pub fn space_len_at(s: &str, i: usize) -> usize {
    match s.as_bytes()[i] {
        b'\t'..=b'\r' | b' ' => 1,
        0xC2 | 0xE1..=0xE3 => wide_space_len_at(s, i),
        _ => 0,
    }
}

#[inline(never)]
fn wide_space_len_at(s: &str, i: usize) -> usize {
    s[i..].chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8)
}

/// `s.trim_start()`, a byte at a time ([`space_len_at`]): the wasm build calls std's
/// character searcher out of line, for every character.
pub fn trim_start(s: &str) -> &str {
    let mut i = 0;
    while i < s.len() {
        match space_len_at(s, i) {
            0 => break,
            n => i += n,
        }
    }
    &s[i..]
}

/// `s.trim_end()`, as [`trim_start`].
pub fn trim_end(s: &str) -> &str {
    let mut end = s.len();
    while end > 0 {
        let lead = floor_char(s, end - 1);
        if space_len_at(s, lead) != end - lead {
            break;
        }
        end = lead;
    }
    &s[..end]
}

/// `s.trim()`, as [`trim_start`].
pub fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// `i` clamped into `s` and moved back to the start of the character it falls in.
pub fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How far a byte scan moves on from the byte `lead` and still visits the first byte of every
/// character of valid UTF-8 (and maybe some continuation bytes, never a lead byte's place
/// twice): past a character of three or four bytes at once, else one byte. Cheaper than
/// decoding, and than the exact length.
pub fn step(lead: u8) -> usize {
    if lead >= 0xE0 {
        3
    } else {
        1
    }
}

/// The code point of the character at byte `i` of `s` (a character's first byte), and its byte
/// length: ASCII and three-byte characters (all of CJK) decoded here, inline, where the wasm
/// build decodes out of line; others by std.
#[inline(always)]
pub fn code_at(s: &str, i: usize) -> (u32, usize) {
    let b = s.as_bytes();
    match b[i] {
        lead @ 0..=0x7F => (u32::from(lead), 1),
        lead @ 0xE0..=0xEF => {
            (u32::from(lead & 0x0F) << 12 | u32::from(b[i + 1] & 0x3F) << 6 | u32::from(b[i + 2] & 0x3F), 3)
        }
        _ => wide_code_at(s, i),
    }
}

#[inline(never)]
fn wide_code_at(s: &str, i: usize) -> (u32, usize) {
    s[i..].chars().next().map_or((0, 1), |c| (u32::from(c), c.len_utf8()))
}

/// Whether `phrase` is in `bytes` at `at`, compared a byte at a time: a phrase that is not
/// there differs within a character or two, before a call to memcmp would pay off.
#[inline(always)]
pub fn bytes_at(bytes: &[u8], at: usize, phrase: &[u8]) -> bool {
    // A loop, not closures: the wasm build did not inline those.
    let Some(rest) = bytes.get(at..) else { return false };
    if rest.len() < phrase.len() {
        return false;
    }
    for (a, b) in phrase.iter().zip(rest) {
        if a != b {
            return false;
        }
    }
    true
}

/// [`bytes_at`] for a phrase whose first character is known to be at `at` ([`FirstChars`] found
/// it): only the bytes after it are compared.
#[inline(always)]
pub fn rest_at(bytes: &[u8], at: usize, phrase: &[u8]) -> bool {
    let first = phrase.first().map_or(0, |&b| utf8_len(b));
    bytes_at(bytes, at + first, &phrase[first.min(phrase.len())..])
}

/// The byte length of the character whose first byte is `lead` (valid UTF-8).
pub fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
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

/// How many [`is_cjk`] characters `s` holds, counted up to `at_most` (the callers compare the
/// count with a threshold, and a line of prose has hundreds).
pub fn count_cjk(s: &str, at_most: usize) -> usize {
    // A character's first byte at a time, undecoded: U+4E00–U+9FFF is E4 B8 80 to E9 BF BF.
    let b = s.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() && n < at_most {
        let lead = b[i];
        n += usize::from(matches!(lead, 0xE5..=0xE9) || (lead == 0xE4 && b.get(i + 1).is_some_and(|&c| c >= 0xB8)));
        i += step(lead);
    }
    n
}

/// The tests' generator of random cases: one step of xorshift64 (13, 7, 17), the next value.
#[cfg(test)]
pub(crate) fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_is_std_join() {
        for parts in [vec![], vec![""], vec!["一"], vec!["1", "", "三个"], vec!["", ""]] {
            let owned: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
            for sep in ["", "、", "；", "+"] {
                assert_eq!(join(&owned, sep), parts.join(sep), "{parts:?} {sep}");
            }
        }
    }

    #[test]
    fn has_digit_is_any_digit_and_find_digit_the_first() {
        // Every byte value at every place of texts up to three words long, among bytes next to
        // the digits' (0x2F, 0x3A, 0xB0 …) and others.
        for len in 0..=24 {
            for at in 0..len.max(1) {
                for b in 0..=255u8 {
                    let mut bytes: Vec<u8> =
                        (0..len).map(|i| [0x2F, 0x3A, 0xB0, 0xB9, 0x20, 0xE5, 0x80][i % 7]).collect();
                    if at < len {
                        bytes[at] = b;
                    }
                    assert_eq!(has_digit(&bytes), bytes.iter().any(u8::is_ascii_digit), "{bytes:?}");
                    assert_eq!(find_digit(&bytes), bytes.iter().position(u8::is_ascii_digit), "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn boundaries() {
        let s = "a中b";
        assert_eq!((0..=6).map(|i| floor_char(s, i)).collect::<Vec<_>>(), [0, 1, 1, 1, 4, 5, 5]);
        assert_eq!(floor_char(s, 99), 5);
        assert_eq!((char_end(s, 0), char_end(s, 1), char_end(s, 5)), (1, 4, 5));
    }

    #[test]
    fn find_lead_first_is_str_find() {
        let hay = "一、总体情况。二、主动公开「三、」《四》、、x、";
        for needle in ["、", "。", "「三", "x、", "x", "》", "五"] {
            for (start, _) in hay.char_indices() {
                assert_eq!(find_lead_first(&hay[start..], needle), hay[start..].find(needle), "{needle} {start}");
            }
        }
        assert_eq!(find_lead_first("abc", ""), Some(0));
    }

    #[test]
    fn lines_inclusive_are_split_inclusive() {
        for s in ["", "\n", "a", "a\n", "\n\n", "一\n二\r\n\n三", "x\ny\n"] {
            assert_eq!(lines_inclusive(s).collect::<Vec<_>>(), s.split_inclusive('\n').collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn find_byte_finds_the_first() {
        // Every length up to three words, the needle at every place, once or twice, with bytes
        // that differ from it by one bit or by 0x80 (what a word-at-a-time test could confuse).
        for len in 0..24 {
            for needle in [b'<', b'\n', 0x00, 0x80, 0xFF] {
                let fill = [needle ^ 1, needle ^ 0x80, needle.wrapping_add(1), needle.wrapping_sub(1)];
                let base: Vec<u8> = (0..len).map(|i| fill[i % 4]).collect();
                assert_eq!(find_byte(&base, needle), None, "{len} {needle}");
                assert_eq!(find_byte_by_words(&base, needle), None, "{len} {needle}");
                for at in 0..len {
                    for second in [None, Some(len - 1)] {
                        let mut hay = base.clone();
                        hay[at] = needle;
                        if let Some(s) = second {
                            hay[s] = needle;
                        }
                        let want = hay.iter().position(|&b| b == needle);
                        assert_eq!(find_byte(&hay, needle), want, "{hay:?}");
                        assert_eq!(find_byte_by_words(&hay, needle), want, "{hay:?}");
                        let others = [fill[1], needle, fill[3]];
                        let first = hay.iter().position(|b| others.contains(b));
                        assert_eq!(find_byte_of(&hay, &others), first, "{hay:?}");
                        assert_eq!(find_byte_of_by_words(&hay, &others), first, "{hay:?}");
                        let more = [fill[1], needle, fill[3], fill[0]];
                        let first = hay.iter().position(|b| more.contains(b));
                        assert_eq!(find_byte_of(&hay, &more), first, "{hay:?}");
                        assert_eq!(find_byte_of(&hay, &more[..2]), hay.iter().position(|b| more[..2].contains(b)));
                        let count = hay.iter().filter(|&&b| b == needle).count();
                        for most in 0..4 {
                            assert_eq!(count_byte_up_to(&hay, needle, most), count.min(most), "{hay:?} {most}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn byte_helpers_agree_with_std() {
        // Every white space character there is, and neighbours that share their lead bytes.
        let pieces = [
            " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{85}", "\u{A0}", "\u{A1}", "\u{1680}", "\u{1681}",
            "\u{2000}", "\u{200A}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{2060}", "\u{3000}",
            "\u{3001}", "a", "年", "😀", "é",
        ];
        let mut texts = vec![String::new()];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        for c in char::MIN..=char::MAX {
            let mut buf = [0; 4];
            let one = c.encode_utf8(&mut buf);
            assert_eq!(utf8_len(one.as_bytes()[0]), one.len(), "{c:?}");
            assert_eq!(code_at(one, 0), (u32::from(c), one.len()), "{c:?}");
            assert_eq!(space_len_at(one, 0), if c.is_whitespace() { one.len() } else { 0 }, "{c:?}");
        }
        for t in &texts {
            assert_eq!(trim_start(t), t.trim_start(), "{t:?}");
            assert_eq!(trim_end(t), t.trim_end(), "{t:?}");
            assert_eq!(trim(t), t.trim(), "{t:?}");
            assert_eq!(without_whitespace(t), t.chars().filter(|c| !c.is_whitespace()).collect::<String>(), "{t:?}");
            // A copy only when white space is inside the text, not just around it.
            let copied = matches!(without_whitespace(t), Cow::Owned(_));
            assert_eq!(copied, t.trim().chars().any(char::is_whitespace), "{t:?}");
            for (i, c) in t.char_indices() {
                assert_eq!(space_len_at(t, i), if c.is_whitespace() { c.len_utf8() } else { 0 }, "{t:?} at {i}");
            }
        }
    }

    #[test]
    fn stepping_visits_every_character() {
        let text = "a1、本é😀\n\u{FFFF}年\u{10FFFF}x";
        let mut visited = Vec::new();
        let mut at = 0;
        while at < text.len() {
            visited.push(at);
            at += step(text.as_bytes()[at]);
        }
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        assert!(starts.iter().all(|s| visited.contains(s)), "{visited:?} {starts:?}");
    }

    #[test]
    fn cjk() {
        assert!(is_cjk('一') && is_cjk('\u{9FFF}') && !is_cjk('、') && !is_cjk('（') && !is_cjk('𠀀'));
        // Every one is a letter: `is_cjk(c) || c.is_alphabetic()` is `c.is_alphabetic()`, told at once.
        assert!(('\u{4E00}'..='\u{9FFF}').all(char::is_alphabetic));
        assert_eq!(count_cjk("共12件。", usize::MAX), 2);
        let edges = "\u{4DFF}\u{4E00}\u{4FFF}\u{5000}\u{9FFF}\u{A000}é😀、（a";
        assert_eq!(count_cjk(edges, usize::MAX), edges.chars().filter(|&c| is_cjk(c)).count());
        assert_eq!(count_cjk(edges, usize::MAX), 4);
        for at_most in 0..6 {
            assert_eq!(count_cjk(edges, at_most), at_most.min(4), "{at_most}");
        }
    }

    /// The wasm's first-byte scan finds what `str::find` finds: texts over a small alphabet of
    /// one-, two- and three-byte characters (many shared first bytes, many near-misses), every
    /// needle cut from them and needles that are not there.
    #[test]
    fn scan_is_str_find() {
        let alphabet = ['a', '1', '。', '本', '年', '新', '收', 'é', '\n'];
        let mut seed = 0x2545_f491_u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as usize
        };
        for _ in 0..300 {
            let text: String = (0..next() % 40).map(|_| alphabet[next() % alphabet.len()]).collect();
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let mut needles: Vec<String> = vec![String::new(), "本年新收".into(), "年年".into(), text.clone() + "a"];
            for _ in 0..20 {
                let (i, j) = (bounds[next() % bounds.len()], bounds[next() % bounds.len()]);
                needles.push(text[i.min(j)..i.max(j)].to_string());
                needles.push((0..1 + next() % 4).map(|_| alphabet[next() % alphabet.len()]).collect());
            }
            for needle in &needles {
                let k = usize::from(needle.len() > 1);
                assert_eq!(
                    scan(text.as_bytes(), needle.as_bytes(), k),
                    text.find(needle.as_str()),
                    "{text:?} {needle:?}"
                );
                assert_eq!(find(&text, needle), text.find(needle.as_str()));
                assert_eq!(find_lead_first(&text, needle), text.find(needle.as_str()), "{text:?} {needle:?}");
                if !needle.is_empty() {
                    let (h, n) = (text.as_bytes(), needle.as_bytes());
                    assert_eq!(kmp(h, n), text.find(needle.as_str()), "{text:?} {needle:?}");
                    // The anchor a long text is scanned for.
                    assert_eq!(scan(h, n, n.len() - 1), text.find(needle.as_str()), "{text:?} {needle:?}");
                    let std_positions: Vec<usize> = text.match_indices(needle.as_str()).map(|(i, _)| i).collect();
                    assert_eq!(positions(&text, needle).collect::<Vec<_>>(), std_positions, "{text:?} {needle:?}");
                }
                assert_eq!(before(&text, needle), text.split(needle.as_str()).next().unwrap(), "{text:?} {needle:?}");
            }
        }
    }

    /// Texts where a match of the anchor byte is nearly everywhere and the needle nearly never:
    /// the scan hands over to KMP partway and still finds what `str::find` finds, in linear time
    /// (comparing at every anchor would compare 4·10⁹ bytes for the longest).
    #[test]
    fn near_misses_everywhere_stay_linear() {
        let long_needle = "a".repeat(2000) + "b";
        for n in [3, 100, 5_000, 2_000_000] {
            let text = "a".repeat(n);
            for tail in ["", "b", "ab", "ba", "本"] {
                let text = text.clone() + tail;
                for needle in ["aab", "ab", "aaaaaaab", "ba", "b", long_needle.as_str(), "a本", "aa本"] {
                    assert_eq!(find(&text, needle), text.find(needle), "{n} {tail:?} {needle:.9}");
                    let scanned = scan(text.as_bytes(), needle.as_bytes(), usize::from(needle.len() > 1));
                    assert_eq!(scanned, text.find(needle), "{n} {tail:?} {needle:.9}");
                }
            }
        }
    }
}
