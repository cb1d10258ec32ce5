//! Normalize: one canonical form of the pasted text for matching and reading, with every
//! position still mapping back to the text the caller passed.
//!
//! Fullwidth ASCII forms become halfwidth (`（一）` → `(一)`, `１２` → `12`), odd spaces become
//! plain spaces, zero-width characters vanish, CRLF/CR become LF, and the traditional forms of
//! characters that occur in table labels become simplified. HTML input is flattened to tab rows
//! first (see [`crate::layout::html`]).

use crate::layout::html;
use crate::report::Span;
use crate::text::{char_end, is_cjk, OffsetMap};
use std::borrow::Cow;

/// The normalized text and the way back to the caller's text.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    to_input: OffsetMap,
    /// Like `to_input`, for the ends of characters: a span ends where its last character ends,
    /// before any zero-width character or CR that normalizing dropped.
    to_input_end: OffsetMap,
    /// Present when the input was HTML: the flattened text and its input positions.
    html: Option<(String, OffsetMap)>,
}

/// Where the last span looked up was found in a [`Normalized`]'s maps: many spans looked up in
/// the order of the text ([`Normalized::span_from`]) are each found a step or two on.
#[derive(Debug, Clone, Copy, Default)]
pub struct SpanCursor {
    start: usize,
    end: usize,
}

impl Normalized {
    /// The caller's byte offset of a normalized byte offset.
    pub fn original(&self, pos: usize) -> usize {
        self.original_from(pos, &mut 0)
    }

    fn original_from(&self, pos: usize, at: &mut usize) -> usize {
        let p = self.to_input.source_from(pos, at);
        match &self.html {
            Some((_, h)) => h.source(p),
            None => p,
        }
    }

    /// The caller's span of a normalized span.
    pub fn span(&self, start: usize, end: usize) -> Span {
        self.span_from(start, end, &mut SpanCursor::default())
    }

    /// [`Normalized::span`], for spans looked up mostly in the order of the text.
    pub fn span_from(&self, start: usize, end: usize, cursor: &mut SpanCursor) -> Span {
        let s = self.original_from(start, &mut cursor.start);
        if end <= start {
            return Span::new(s, s);
        }
        let e = self.to_input_end.source_from(end, &mut cursor.end);
        let e = match &self.html {
            // The input end of the flattened text's last character.
            Some((flat, h)) => match flat[..e.min(flat.len())].char_indices().next_back() {
                Some((p, c)) => h.source(p) + c.len_utf8(),
                None => h.source(e),
            },
            None => e,
        };
        Span::new(s, e.max(s))
    }
}

pub fn normalize(input: &str) -> Normalized {
    if html::looks_like_html(input) {
        let flat = html::flatten_html(input);
        let mut n = normalize_plain(&flat.text);
        n.html = Some((flat.text, flat.map));
        n
    } else {
        normalize_plain(input)
    }
}

fn normalize_plain(input: &str) -> Normalized {
    let mut out = Builder {
        text: String::with_capacity(input.len()),
        map: OffsetMap::default(),
        end_map: OffsetMap::default(),
        ahead: None,
    };
    let simplified = Simplified::get();
    // Characters kept as they are are copied a run at a time; the run pending starts here.
    let mut run = 0;
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII but CR, the vertical tab and the form feed is kept as it is.
        if bytes[i] < 0x80 && !matches!(bytes[i], b'\r' | 0x0B | 0x0C) {
            i += 1;
            continue;
        }
        // A CJK ideograph (lead byte E4–E9) is kept unless it has a simplified form: told
        // from its bit without decoding it as a `char` or matching it against the ranges above.
        if (0xE4..=0xE9).contains(&bytes[i]) && !simplified.has_form(crate::text::code_at(input, i).0) {
            i += 3;
            continue;
        }
        // CJK punctuation but the ideographic space (、。《》「」, U+3001–U+303F: E3 80 81–BF) and
        // general punctuation but spaces and breaks (‐–—‘’“”…, U+2010–U+2027: E2 80 90–A7)
        // are kept as they are.
        if matches!(bytes[i..], [0xE3, 0x80, 0x81..=0xBF, ..] | [0xE2, 0x80, 0x90..=0xA7, ..]) {
            i += 3;
            continue;
        }
        let c = input[i..].chars().next().unwrap_or('\0');
        let crlf = c == '\r' && bytes.get(i + 1) == Some(&b'\n');
        let changed = if crlf { Some('\n') } else { normal_char(c) };
        if changed == Some(c) {
            i += c.len_utf8();
            continue;
        }
        out.keep(&input[run..i], run);
        // One LF stands for a CRLF pair.
        let taken = if crlf { 2 } else { c.len_utf8() };
        out.change(changed, i, i + taken);
        i += taken;
        run = i;
    }
    out.keep(&input[run..], run);
    let Builder { text, mut map, mut end_map, .. } = out;
    map.push(text.len(), input.len());
    map.finish(text.len(), input.len());
    end_map.finish(text.len() + 1, input.len());
    Normalized { text, to_input: map, to_input_end: end_map, html: None }
}

/// The normalized text being written, with its maps back to the input.
struct Builder {
    text: String,
    map: OffsetMap,
    end_map: OffsetMap,
    /// Where both maps' last points put the input ahead of the text (input offset − text
    /// offset): while characters are kept as they are, the maps need no new point.
    ahead: Option<usize>,
}

impl Builder {
    /// Copies `kept`, the input from offset `at` on, as it is.
    fn keep(&mut self, kept: &str, at: usize) {
        let Some(first) = kept.chars().next() else { return };
        let ahead = at.checked_sub(self.text.len());
        if ahead.is_none() || ahead != self.ahead {
            let n = first.len_utf8();
            self.map.push(self.text.len(), at);
            self.end_map.push(self.text.len() + n, at + n);
            self.ahead = ahead;
        }
        self.text.push_str(kept);
    }

    /// Writes `to` (nothing when `None`) for the input `from..end`.
    fn change(&mut self, to: Option<char>, from: usize, end: usize) {
        if let Some(o) = to {
            self.map.push(self.text.len(), from);
            self.text.push(o);
            self.end_map.push(self.text.len(), end);
        }
        // The offsets have moved apart: the next character kept needs its own point.
        self.ahead = None;
    }
}

/// What normalizing makes of one character (a CR before an LF aside): `None` when it vanishes.
fn normal_char(c: char) -> Option<char> {
    match c {
        '\r' => Some('\n'),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => None,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Some(' '),
        '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some('\n'),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        c => Some(simplify(c)),
    }
}

/// Traditional forms of the characters that occur in the tables' labels, the section headings and
/// the names of bodies, as (traditional, simplified) pairs (what a simplified→traditional converter
/// writes for them).
const TRADITIONAL: &str = "並并來来們们償偿內内兩两創创務务勢势區区収收問问單单國国團团執执報报増增實实審审將将對对屬属廢废強强後后從从復复徵征態态應应戶户採采據据數数於于會会條条業业構构樣样機机檔档檢检權权歸归況况減减濟济為为無无營营獲获現现產产當当發发確确穩稳範范糾纠組组結结絕绝統统經经維维網网總总織织繫系罰罚聯联與与舉举萬万處处號号補补製制覆复見见規规計计訊讯訟讼訪访許许訴诉詢询該该認认請请諮咨證证議议護护變变買买費费資资購购轉转辦办這这進进過过錄录門门開开關关陸陆險险項项題题額额類类體体動动沒没複复繳缴納纳繼继續续縣县鄉乡鎮镇廳厅員员";

/// Whether normalizing changes this character to its simplified form.
pub fn is_traditional(c: char) -> bool {
    simplify(c) != c
}

fn simplify(c: char) -> char {
    Simplified::get().of(c)
}

/// The pairs of [`TRADITIONAL`], sorted, and one bit per CJK ideograph saying whether it is in
/// them: nearly every character of a report is not, and the bit answers that without a search.
struct Simplified {
    pairs: Vec<(char, char)>,
    traditional: Vec<u64>,
}

impl Simplified {
    fn get() -> &'static Simplified {
        use std::sync::OnceLock;
        static TABLE: OnceLock<Simplified> = OnceLock::new();
        TABLE.get_or_init(|| {
            let cs: Vec<char> = TRADITIONAL.chars().collect();
            let mut pairs: Vec<(char, char)> = cs.chunks(2).map(|p| (p[0], p[1])).collect();
            crate::sort::sort(&mut pairs);
            let mut traditional = vec![0u64; ('\u{9FFF}' as usize - '\u{4E00}' as usize) / 64 + 1];
            for &(t, _) in pairs.iter().filter(|p| is_cjk(p.0)) {
                let i = t as usize - '\u{4E00}' as usize;
                traditional[i / 64] |= 1 << (i % 64);
            }
            Simplified { pairs, traditional }
        })
    }

    /// Whether the code point is a CJK ideograph with a simplified form.
    #[inline]
    fn has_form(&self, code: u32) -> bool {
        let Some(i) = code.checked_sub(0x4E00).filter(|_| code <= 0x9FFF) else { return false };
        let i = i as usize;
        self.traditional[i / 64] & (1 << (i % 64)) != 0
    }

    fn of(&self, c: char) -> char {
        if !self.has_form(c as u32) {
            return c;
        }
        match self.pairs.binary_search_by(|&(t, _)| t.cmp(&c)) {
            Ok(i) => self.pairs[i].1,
            Err(_) => c,
        }
    }
}

/// A view of a stretch of normalized text with white space and table rules (`|`) removed, so
/// labels match across `规 章`, `商业\n企业` and cell borders; [`Compact::pos`] gives the normalized
/// offset of a compact byte.
#[derive(Debug, Clone)]
pub struct Compact {
    pub text: String,
    /// Where the pieces of `text` come from, in order: a position per piece, not per byte (a
    /// byte's position was 8 bytes of memory per byte of text, written one by one).
    marks: Vec<Mark>,
    /// Normalized offset of the end of the range compacted.
    end: usize,
}

/// The start of a piece of [`Compact::text`]: compact offset `at` comes from normalized offset
/// `from`; the bytes after it, up to the next mark, follow one for one when `copied`, else they
/// are one character written for the one at `from` (a folded variant, `、` as `.`).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Mark {
    at: usize,
    from: usize,
    copied: bool,
}

/// What [`Compact::build`]'s run of characters kept as they are does at a byte: a table, one
/// load a byte where the tests were a chain of compares (the run is most of a report).
#[derive(Clone, Copy)]
enum Kept {
    /// Not in a run: white space, rules, bytes of other characters (and quotation marks when
    /// folding).
    No,
    /// An ASCII character kept.
    Byte,
    /// The lead byte (E4–E9) of a CJK ideograph kept.
    Ideograph,
    /// The lead byte of an ideograph kept unless it is 它 (E5 AE 83) or 的 (E7 9A 84), which
    /// folding drops.
    UnlessFolded,
}

const fn kept(fold: bool) -> [Kept; 256] {
    let mut kinds = [Kept::No; 256];
    let mut b = 0;
    while b < 256 {
        kinds[b] = match b as u8 {
            b'\t'..=b'\r' | b' ' | b'|' => Kept::No,
            b'"' | b'\'' if fold => Kept::No,
            0xE5 | 0xE7 if fold => Kept::UnlessFolded,
            0..=0x7F => Kept::Byte,
            0xE4..=0xE9 => Kept::Ideograph,
            _ => Kept::No,
        };
        b += 1;
    }
    kinds
}

static KEPT: [Kept; 256] = kept(false);
static KEPT_FOLDING: [Kept; 256] = kept(true);

impl Compact {
    pub fn new(norm: &str, start: usize, end: usize) -> Compact {
        Compact::build(norm, start, end, false)
    }

    /// [`Compact::new`] with the spelling variants of table labels folded away ([`label_key`]):
    /// for finding the labels of a table, not for quoting text.
    pub fn labels(norm: &str, start: usize, end: usize) -> Compact {
        Compact::build(norm, start, end, true)
    }

    fn build(norm: &str, start: usize, end: usize, fold: bool) -> Compact {
        let src = &norm.as_bytes()[start..end];
        // A mark for each run of white space, about: one every few bytes of a table's lines.
        let marks = Vec::with_capacity(src.len() / 8 + 1);
        let mut out = Compact { text: String::with_capacity(src.len()), marks, end };
        let kinds = if fold { &KEPT_FOLDING } else { &KEPT };
        // Whether the last character kept, before folding, is a digit.
        let mut after_digit = false;
        let mut i = 0;
        while i < src.len() {
            // A run of characters kept as they are: ASCII but white space, rules (and quotation
            // marks when folding), and the CJK ideographs (lead bytes E4–E9) but 它 and 的 when
            // folding. They make up nearly all of a report, and are copied a run at a time.
            let run = i;
            while let Some(&b) = src.get(i) {
                match kinds[usize::from(b)] {
                    Kept::Byte => i += 1,
                    Kept::Ideograph if i + 3 <= src.len() => i += 3,
                    Kept::UnlessFolded
                        if i + 3 <= src.len() && !matches!(src[i..i + 3], [0xE5, 0xAE, 0x83] | [0xE7, 0x9A, 0x84]) =>
                    {
                        i += 3
                    }
                    _ => break,
                }
            }
            if i > run {
                out.push(&norm[start + run..start + i], start + run, true);
                after_digit = src[i - 1].is_ascii_digit();
                continue;
            }
            let at = start + i;
            let b = src[i];
            if b.is_ascii() {
                // White space and rules are left out; a quotation mark folded out still ends
                // what came before.
                i += 1;
                if !(b.is_ascii_whitespace() || b == 0x0B || b == b'|') {
                    after_digit = false;
                }
                continue;
            }
            let c = norm[at..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if is_space(c) {
                continue;
            }
            // "3、其他" is numbered like "3.其他".
            let written = if c == '、' && after_digit { '.' } else { c };
            after_digit = false;
            let Some(written) = (if fold { fold_label_char(written) } else { Some(written) }) else { continue };
            out.push(written.encode_utf8(&mut [0; 4]), at, written == c);
        }
        out
    }

    /// Appends `piece`, written for the normalized text at `from` (the same bytes when `copied`).
    fn push(&mut self, piece: &str, from: usize, copied: bool) {
        let at = self.text.len();
        // A piece copied right after the last one copied, in the text as here, goes on its mark.
        let goes_on = self.marks.last().is_some_and(|m| copied && m.copied && m.from + (at - m.at) == from);
        if !goes_on {
            self.marks.push(Mark { at, from, copied });
        }
        self.text.push_str(piece);
    }

    /// Normalized offset of compact byte `i` (of its character's first byte); the end of the
    /// range compacted for `i` at or past the end of the text.
    pub fn pos(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.end;
        }
        let m = self.marks[self.marks.partition_point(|m| m.at <= i) - 1];
        if !m.copied {
            return m.from;
        }
        m.from + (crate::text::floor_char(&self.text, i) - m.at)
    }

    /// The compact text from compact offset `at` (a character boundary) on: what compacting
    /// from its normalized offset on gives, unless the character there is a 、 after a digit.
    pub fn from(&self, at: usize) -> Compact {
        let at = at.min(self.text.len());
        let first = self.marks.partition_point(|m| m.at <= at).saturating_sub(1);
        let mut marks = self.marks[first..].to_vec();
        // The piece `at` falls in now starts at `at`.
        if let Some(m) = marks.first_mut() {
            if m.copied {
                m.from += at - m.at;
            }
            m.at = at;
        }
        for m in &mut marks {
            m.at -= at;
        }
        Compact { text: self.text[at..].to_string(), marks, end: self.end }
    }

    /// Normalized offset of the end of the compact range ending at `cend`.
    pub fn end_of(&self, norm: &str, cend: usize) -> usize {
        if cend == 0 {
            return self.pos(0);
        }
        char_end(norm, self.pos(cend - 1))
    }
}

/// `char::is_whitespace`, answered at once for the CJK characters (none above U+3000 is white
/// space) that make up most of a report.
fn is_space(c: char) -> bool {
    c <= '\u{3000}' && c.is_whitespace()
}

/// Compacts a label the same way as [`Compact`] does text.
pub fn compact_label(label: &str) -> String {
    compact_label_chars(label).collect()
}

/// The characters of [`compact_label`]: each normalized, white space and rules left out (a CR,
/// alone or before an LF, is white space either way).
fn compact_label_chars(label: &str) -> impl Iterator<Item = char> + '_ {
    label.chars().filter_map(normal_char).filter(|&c| !c.is_whitespace() && c != '|')
}

/// A label as [`Compact::labels`] sees it: compacted, 其它 as 其他, without 的 and quotation
/// marks — the changes copies of the official template make to its labels.
pub fn label_key(label: &str) -> Cow<'_, str> {
    // The template's phrases are nearly all written in that form already: no copy then.
    let kept = |c: char| !c.is_whitespace() && c != '|' && normal_char(c) == Some(c) && fold_label_char(c) == Some(c);
    if label.chars().all(kept) {
        return Cow::Borrowed(label);
    }
    Cow::Owned(compact_label_chars(label).filter_map(fold_label_char).collect())
}

fn fold_label_char(c: char) -> Option<char> {
    match c {
        '它' => Some('他'),
        '的' | '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '『' | '』' => None,
        c => Some(c),
    }
}

/// The tests' sample of real texts, normalized: the repository's fixtures and, when present
/// beside it, the corpus's seeds and real reports.
#[cfg(test)]
pub(crate) fn sample_texts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["tests/fixtures/rules", "tests/fixtures/layouts", "../shared/corpus/seeds", "../shared/corpus/real"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        for entry in entries.flatten() {
            let Ok(bytes) = std::fs::read(entry.path()) else { continue };
            out.push(normalize(&String::from_utf8_lossy(&bytes)).text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fullwidth_and_spaces_map_back() {
        let input = "（一）\u{3000}１２\r\n規章\u{200B}x";
        let n = normalize(input);
        assert_eq!(n.text, "(一) 12\n规章x");
        let at = n.text.find("12").unwrap();
        let sp = n.span(at, at + 2);
        assert_eq!(&input[sp.start..sp.end], "１２");
        let at = n.text.find("规章").unwrap();
        let sp = n.span(at, at + "规章".len());
        assert_eq!(&input[sp.start..sp.end], "規章");
        let x = n.text.find('x').unwrap();
        assert_eq!(&input[n.original(x)..], "x");
        assert_eq!(n.original(n.text.len()), input.len());
    }

    #[test]
    fn punctuation_kept_by_its_bytes_is_kept_by_normal_char() {
        for c in ('\u{2000}'..='\u{206F}').chain('\u{3000}'..='\u{303F}') {
            let mut buf = [0; 4];
            let kept_by_bytes =
                matches!(c.encode_utf8(&mut buf).as_bytes(), [0xE3, 0x80, 0x81..=0xBF] | [0xE2, 0x80, 0x90..=0xA7]);
            if kept_by_bytes {
                assert_eq!(normal_char(c), Some(c), "{c:?}");
            }
        }
    }

    /// normalize_plain as it was written first, one character at a time: the reference the
    /// run-copying one must equal.
    fn normalize_by_char(input: &str) -> Normalized {
        let mut text = String::new();
        let (mut map, mut end_map) = (OffsetMap::default(), OffsetMap::default());
        let mut chars = input.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                chars.next();
                map.push(text.len(), i);
                text.push('\n');
                end_map.push(text.len(), i + 2);
                continue;
            }
            if let Some(o) = normal_char(c) {
                map.push(text.len(), i);
                text.push(o);
                end_map.push(text.len(), i + c.len_utf8());
            }
        }
        map.push(text.len(), input.len());
        map.finish(text.len(), input.len());
        end_map.finish(text.len() + 1, input.len());
        Normalized { text, to_input: map, to_input_end: end_map, html: None }
    }

    #[test]
    fn copying_runs_maps_as_character_by_character() {
        let alphabet = [
            "a", "1", " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{85}", "\u{200B}", "\u{FEFF}", "\u{3000}",
            "\u{00A0}", "Ａ", "１", "（", "國", "国", "規", "章", "、", "|", "😀", "。", "“", "—", "\u{2028}",
            "\u{200A}",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            let mut input = String::new();
            crate::text::xorshift(&mut seed);
            let len = (seed % 24) as usize;
            for k in 0..len {
                input.push_str(alphabet[((seed >> (k % 48)) as usize + k * 7) % alphabet.len()]);
            }
            let (fast, reference) = (normalize_plain(&input), normalize_by_char(&input));
            assert_eq!(fast.text, reference.text, "{input:?}");
            for a in 0..=fast.text.len() {
                assert_eq!(fast.original(a), reference.original(a), "{input:?} at {a}");
                for b in a..=fast.text.len() {
                    assert_eq!(fast.span(a, b), reference.span(a, b), "{input:?} {a}..{b}");
                }
            }
        }
    }

    /// Compact::build as it was written first, one character at a time.
    fn compact_by_char(norm: &str, start: usize, end: usize, fold: bool) -> (String, Vec<usize>) {
        let (mut text, mut pos) = (String::new(), Vec::new());
        let mut after_digit = false;
        for (i, c) in norm[start..end].char_indices() {
            if c.is_whitespace() || c == '|' {
                continue;
            }
            let c = if c == '、' && after_digit { '.' } else { c };
            after_digit = c.is_ascii_digit();
            let Some(c) = (if fold { fold_label_char(c) } else { Some(c) }) else { continue };
            pos.extend_from_slice(&[start + i; 4][..c.len_utf8()]);
            text.push(c);
        }
        pos.push(end);
        (text, pos)
    }

    /// Every byte's position, and the end's, as [`Compact::pos`] gives them.
    fn positions(c: &Compact) -> Vec<usize> {
        (0..=c.text.len()).map(|i| c.pos(i)).collect()
    }

    #[test]
    fn compact_by_bytes_equals_by_characters() {
        let alphabet = [
            "a", "1", "9", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{85}", "\u{3000}", "\u{2003}", "|",
            "、", "它", "的", "他", "“", "”", "「", "'", "\"", "规", "章", "(", "一", "é", "😀",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3000 {
            crate::text::xorshift(&mut seed);
            let text: String = (0..(seed % 20) as usize)
                .map(|k| alphabet[((seed >> (k % 40)) as usize + k * 5) % alphabet.len()])
                .collect();
            let start = text.char_indices().nth(1).map_or(0, |(i, _)| i).min(text.len());
            for fold in [false, true] {
                let (fast, reference) =
                    (Compact::build(&text, start, text.len(), fold), compact_by_char(&text, start, text.len(), fold));
                assert_eq!((fast.text.clone(), positions(&fast)), reference, "{text:?} fold {fold}");
                // The compact text from each character on, as `Compact::from` cuts it.
                for (at, _) in fast.text.char_indices() {
                    let rest = fast.from(at);
                    assert_eq!(positions(&rest), positions(&fast)[at..], "{text:?} fold {fold} from {at}");
                }
            }
        }
    }

    #[test]
    fn traditional_forms_are_cjk() {
        // `simplify` passes every other character through untouched.
        assert!(TRADITIONAL.chars().all(is_cjk));
    }

    /// A normalized text holds no traditional form: each simplified form is none itself, so
    /// text that normalizing left as it was has none either (P001 relies on it).
    #[test]
    fn normalized_text_holds_no_traditional_form() {
        let chars: Vec<char> = TRADITIONAL.chars().collect();
        for pair in chars.chunks(2) {
            assert!(is_traditional(pair[0]) && !is_traditional(pair[1]), "{pair:?}");
        }
        assert!(!normalize(TRADITIONAL).text.chars().any(is_traditional));
    }

    #[test]
    fn compact_skips_spaces_and_rules() {
        let norm = "商业\n企业 | 规 章";
        let c = Compact::new(norm, 0, norm.len());
        assert_eq!(c.text, "商业企业规章");
        let i = c.text.find("规章").unwrap();
        assert_eq!(&norm[c.pos(i)..c.end_of(norm, i + "规章".len())], "规 章");
    }
}
