//! HTML input (clipboard `text/html`, saved pages): flattened to tab rows, positions kept.
//!
//! Output shape:
//! - every `<tr>` of a data table is one line, its fields joined by TAB;
//! - a merged cell's text is written once, at the row and column where it starts; every other
//!   grid position it covers is an empty field, so each row keeps the table's column positions
//!   (`<td rowspan=2>A</td><td>B</td>` / `<td>C</td>` gives `A\tB` / `\tC`);
//! - inside a cell, whitespace, `<br>` and block boundaries collapse to one space, so a field
//!   never holds TAB or newline;
//! - outside tables, block elements break lines, `<br>` is a hard line break, inline tags vanish;
//! - a table that contains another table is treated as page layout, not data: its rows and cells
//!   only break lines, and the inner (data) tables are written as tab rows.
//!
//! Everything is one linear pass (two for the nesting check); merged-cell filling has an output
//! budget so hostile spans cannot blow up the result.

use crate::text::OffsetMap;

/// Text made from HTML, with `map.source(i)` = byte offset in the original input of the output
/// character starting at byte `i` (and the input's length for `text.len()`). The map is sparse:
/// text copied as it is costs nothing, so its size follows the markup, not the text.
pub struct Flattened {
    pub text: String,
    pub map: OffsetMap,
}

/// Browsers clamp colspan at 1000; report tables have about 10 columns, so 64 is plenty.
const MAX_COLSPAN: u32 = 64;
/// Browsers' own limit; spans only ever fill rows that exist, so a big value costs nothing.
const MAX_ROWSPAN: u32 = 65_534;
/// Spans starting further right are written but not tracked (keeps per-table state small).
const MAX_GRID_COLUMNS: usize = 1024;
/// Longer names than this are never entities we know (ours are at most 6 letters).
const MAX_ENTITY_NAME: usize = 10;
/// Tags counted by [`looks_like_html`] before it answers yes.
const TAGS_FOR_HTML: usize = 3;

/// True when `input` is clearly HTML markup rather than plain text that happens to contain `<`.
pub fn looks_like_html(input: &str) -> bool {
    let start = input.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if starts_with_ignore_case(start.as_bytes(), b"<!doctype html")
        || starts_with_ignore_case(start.as_bytes(), b"<html")
    {
        return true;
    }
    let bytes = input.as_bytes();
    let mut tags = 0;
    let mut pos = 0;
    while let Some(lt) = find_byte(bytes, pos, b'<') {
        if is_common_tag_at(bytes, lt) {
            tags += 1;
            if tags >= TAGS_FOR_HTML {
                return true;
            }
        }
        pos = lt + 1;
    }
    false
}

/// Is there a comment, or a start or end tag of a common HTML element, at `lt` (which holds `<`)?
fn is_common_tag_at(bytes: &[u8], lt: usize) -> bool {
    #[rustfmt::skip]
    const COMMON: &[&[u8]] = &[
        b"html", b"head", b"body", b"meta", b"title", b"style", b"script", b"link",
        b"table", b"thead", b"tbody", b"tfoot", b"tr", b"td", b"th", b"caption", b"col",
        b"colgroup", b"p", b"div", b"span", b"br", b"hr", b"font", b"b", b"i", b"u", b"strong",
        b"em", b"a", b"img", b"h1", b"h2", b"h3", b"h4", b"h5", b"h6", b"ul", b"ol", b"li",
        b"pre", b"o:p", b"center", b"section", b"article",
    ];
    if bytes[lt..].starts_with(b"<!--") {
        return true;
    }
    let mut name_start = lt + 1;
    if bytes.get(name_start) == Some(&b'/') {
        name_start += 1;
    }
    let mut name_end = name_start;
    while name_end < bytes.len()
        && name_end - name_start < 10
        && (bytes[name_end].is_ascii_alphanumeric() || bytes[name_end] == b':')
    {
        name_end += 1;
    }
    let name = &bytes[name_start..name_end];
    // A delimiter must follow, or `<tr` would match `<tree` and `<b` would match `<b、`.
    let delimited = bytes.get(name_end).is_some_and(|&b| is_tag_delimiter(b));
    delimited && COMMON.iter().any(|known| name.eq_ignore_ascii_case(known))
}

/// Turns HTML into tab rows and text lines; see the module docs for the exact shape.
pub fn flatten_html(input: &str) -> Flattened {
    let mut renderer = Renderer {
        input,
        out: Output {
            text: String::with_capacity(input.len() / 4),
            map: OffsetMap::default(),
            last_offset: 0,
            pending_space: None,
            // Generous for real tables (a fill costs far less input than its budget share),
            // small enough that output stays linear in the input.
            fill_budget: input.len().saturating_mul(2).saturating_add(64 * 1024),
        },
        tables: Vec::new(),
        layout_tables: find_layout_tables(input),
        tables_seen: 0,
        pre_depth: 0,
        skip_pre_newline: false,
    };
    for token in Tokenizer::new(input) {
        renderer.token(token);
    }
    renderer.finish()
}

/// For each `<table>` in document order: does it contain another table (so it is page layout)?
fn find_layout_tables(input: &str) -> Vec<bool> {
    let mut is_layout = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for token in Tokenizer::new(input) {
        match token {
            Token::Start(Tag { kind: TagKind::Table, .. }) => {
                if let Some(&parent) = open.last() {
                    is_layout[parent] = true;
                }
                open.push(is_layout.len());
                is_layout.push(false);
            }
            Token::End(Tag { kind: TagKind::Table, .. }) => {
                open.pop();
            }
            _ => {}
        }
    }
    is_layout
}

// ---------------------------------------------------------------------------------------------
// Tokenizer: yields only what the layout needs (text runs and structural tags); comments,
// declarations, inline tags and dropped raw-text elements are consumed silently.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum TagKind {
    Table,
    Row,
    Cell,
    RowGroup,
    LineBreak,
    Block,
    Pre,
}

#[derive(Clone, Copy, Debug)]
struct Tag {
    kind: TagKind,
    /// Offset of the tag's `<`.
    offset: usize,
    rowspan: u32,
    colspan: u32,
}

#[derive(Clone, Copy, Debug)]
enum Token {
    /// Raw source text (entities still encoded), never containing a tag.
    Text {
        start: usize,
        end: usize,
    },
    Start(Tag),
    End(Tag),
}

enum Element {
    Structural(TagKind),
    /// Content is not markup and is dropped (`script`, `style`, Word's `xml` islands …).
    RawDropped,
    /// Content is not markup but is text to keep (`title`, `textarea`).
    RawKept,
    Inline,
}

fn classify(name: &[u8]) -> Element {
    let mut buffer = [0u8; 10];
    let Some(lower) = buffer.get_mut(..name.len()) else {
        return Element::Inline;
    };
    for (dst, src) in lower.iter_mut().zip(name) {
        *dst = src.to_ascii_lowercase();
    }
    match &*lower {
        b"table" => Element::Structural(TagKind::Table),
        b"tr" => Element::Structural(TagKind::Row),
        b"td" | b"th" => Element::Structural(TagKind::Cell),
        b"thead" | b"tbody" | b"tfoot" => Element::Structural(TagKind::RowGroup),
        b"br" => Element::Structural(TagKind::LineBreak),
        b"pre" | b"listing" => Element::Structural(TagKind::Pre),
        b"p" | b"div" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"li" | b"ul" | b"ol" | b"dl" | b"dt"
        | b"dd" | b"blockquote" | b"section" | b"article" | b"header" | b"footer" | b"nav" | b"aside" | b"main"
        | b"hr" | b"address" | b"figure" | b"figcaption" | b"caption" | b"form" | b"fieldset" | b"legend"
        | b"center" | b"body" | b"html" | b"option" | b"details" | b"summary" => Element::Structural(TagKind::Block),
        b"script" | b"style" | b"xml" | b"template" | b"noscript" | b"iframe" | b"noembed" | b"noframes" => {
            Element::RawDropped
        }
        b"title" | b"textarea" => Element::RawKept,
        _ => Element::Inline,
    }
}

struct Tokenizer<'a> {
    src: &'a [u8],
    pos: usize,
    /// Tokens already lexed, popped from the end.
    queued: Vec<Token>,
    /// A quote char once searched for in vain is absent from the rest of the input; remembering
    /// that keeps broken attribute quoting from causing repeated scans to the end.
    missing_quote: [bool; 2],
}

enum Markup {
    Token(Token),
    /// Consumed without a token (comment, inline tag, dropped element, tag cut off by EOF).
    Skipped,
    /// Not markup: the `<` is ordinary text.
    Literal,
}

impl<'a> Tokenizer<'a> {
    fn new(input: &'a str) -> Self {
        Tokenizer { src: input.as_bytes(), pos: 0, queued: Vec::new(), missing_quote: [false; 2] }
    }

    fn markup(&mut self, lt: usize) -> Markup {
        let src = self.src;
        match src.get(lt + 1) {
            Some(b'!') => {
                self.pos = if src[lt..].starts_with(b"<!--") {
                    // Searching from `lt + 2` makes `<!-->` a complete (empty) comment, as in browsers.
                    find_bytes(src, lt + 2, b"-->").map_or(src.len(), |p| p + 3)
                } else if src[lt..].starts_with(b"<![CDATA[") {
                    find_bytes(src, lt + 9, b"]]>").map_or(src.len(), |p| p + 3)
                } else {
                    // `<!DOCTYPE …>`, Word's `<![if !supportLists]>` / `<![endif]>`.
                    find_byte(src, lt + 2, b'>').map_or(src.len(), |p| p + 1)
                };
                Markup::Skipped
            }
            Some(b'?') => {
                self.pos = find_byte(src, lt + 2, b'>').map_or(src.len(), |p| p + 1);
                Markup::Skipped
            }
            Some(b'/') => match src.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => self.end_tag(lt),
                Some(b'>') => {
                    self.pos = lt + 3;
                    Markup::Skipped
                }
                _ => Markup::Literal,
            },
            Some(c) if c.is_ascii_alphabetic() => self.start_tag(lt),
            _ => Markup::Literal,
        }
    }

    fn tag_name_end(&self, from: usize) -> usize {
        let mut end = from;
        while end < self.src.len() && !is_tag_delimiter(self.src[end]) {
            end += 1;
        }
        end
    }

    fn end_tag(&mut self, lt: usize) -> Markup {
        let name_end = self.tag_name_end(lt + 2);
        let name = &self.src[lt + 2..name_end];
        let Some(gt) = find_byte(self.src, name_end, b'>') else {
            self.pos = self.src.len();
            return Markup::Skipped;
        };
        self.pos = gt + 1;
        match classify(name) {
            Element::Structural(kind) => Markup::Token(Token::End(Tag { kind, offset: lt, rowspan: 1, colspan: 1 })),
            _ => Markup::Skipped,
        }
    }

    fn start_tag(&mut self, lt: usize) -> Markup {
        let src = self.src;
        let name_end = self.tag_name_end(lt + 1);
        let name = &src[lt + 1..name_end];
        let element = classify(name);
        let is_cell = matches!(element, Element::Structural(TagKind::Cell));
        let (mut rowspan, mut colspan) = (1, 1);

        let mut p = name_end;
        loop {
            while p < src.len() && (src[p].is_ascii_whitespace() || src[p] == b'/') {
                p += 1;
            }
            match src.get(p) {
                None => {
                    // Tag cut off by the end of input: nothing to show, as in browsers.
                    self.pos = src.len();
                    return Markup::Skipped;
                }
                Some(b'>') => {
                    p += 1;
                    break;
                }
                Some(_) => {}
            }
            let attr_start = p;
            p += 1; // the first char may be anything, even `=`
            while p < src.len() && !is_tag_delimiter(src[p]) && src[p] != b'=' {
                p += 1;
            }
            let attr_name = &src[attr_start..p];
            while p < src.len() && src[p].is_ascii_whitespace() {
                p += 1;
            }
            if src.get(p) != Some(&b'=') {
                continue;
            }
            p += 1;
            while p < src.len() && src[p].is_ascii_whitespace() {
                p += 1;
            }
            let (value, value_end) = self.attribute_value(p);
            p = value_end;
            if is_cell {
                if attr_name.eq_ignore_ascii_case(b"rowspan") {
                    // 0 means "to the end of the row group" in HTML.
                    rowspan = parse_span(value).map_or(1, |n| if n == 0 { MAX_ROWSPAN } else { n.min(MAX_ROWSPAN) });
                } else if attr_name.eq_ignore_ascii_case(b"colspan") {
                    colspan = parse_span(value).map_or(1, |n| n.clamp(1, MAX_COLSPAN));
                }
            }
        }
        self.pos = p;

        match element {
            Element::Structural(kind) => Markup::Token(Token::Start(Tag { kind, offset: lt, rowspan, colspan })),
            Element::Inline => Markup::Skipped,
            Element::RawDropped | Element::RawKept => {
                let (content_end, after) = match find_end_tag(src, p, name) {
                    Some(end_lt) => (end_lt, find_byte(src, end_lt, b'>').map_or(src.len(), |gt| gt + 1)),
                    None => (src.len(), src.len()),
                };
                self.pos = after;
                if matches!(element, Element::RawDropped) {
                    return Markup::Skipped;
                }
                // Kept raw text (the title) reads as a block of its own.
                let block = |offset| Tag { kind: TagKind::Block, offset, rowspan: 1, colspan: 1 };
                self.queued.push(Token::End(block(content_end)));
                if content_end > p {
                    self.queued.push(Token::Text { start: p, end: content_end });
                }
                Markup::Token(Token::Start(block(lt)))
            }
        }
    }

    /// The attribute value starting at `p` and the position after it.
    fn attribute_value(&mut self, p: usize) -> (&'a [u8], usize) {
        let src = self.src;
        if let Some(&quote @ (b'"' | b'\'')) = src.get(p) {
            let slot = usize::from(quote == b'\'');
            if !self.missing_quote[slot] {
                match find_byte(src, p + 1, quote) {
                    Some(close) => return (&src[p + 1..close], close + 1),
                    None => self.missing_quote[slot] = true,
                }
            }
            // Unclosed quote: browsers would swallow the rest of the input; we keep the text by
            // reading the value as unquoted instead.
        }
        let mut end = p;
        while end < src.len() && !src[end].is_ascii_whitespace() && src[end] != b'>' {
            end += 1;
        }
        (&src[p..end], end)
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        if let Some(token) = self.queued.pop() {
            return Some(token);
        }
        loop {
            let start = self.pos;
            let &first = self.src.get(start)?;
            if first == b'<' {
                match self.markup(start) {
                    Markup::Token(token) => return Some(token),
                    Markup::Skipped => continue,
                    Markup::Literal => {}
                }
            }
            self.pos = find_byte(self.src, start + 1, b'<').unwrap_or(self.src.len());
            return Some(Token::Text { start, end: self.pos });
        }
    }
}

fn is_tag_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b == b'/' || b == b'>'
}

/// HTML's "rules for parsing non-negative integers": leading spaces, optional `+`, digits.
fn parse_span(value: &[u8]) -> Option<u32> {
    let mut digits = value.iter().skip_while(|b| b.is_ascii_whitespace()).peekable();
    if digits.peek() == Some(&&b'+') {
        digits.next();
    }
    let mut number: Option<u32> = None;
    for &b in digits.take_while(|b| b.is_ascii_digit()) {
        let so_far = number.unwrap_or(0);
        number = Some(so_far.saturating_mul(10).saturating_add(u32::from(b - b'0')));
    }
    number
}

/// Position of the `<` of `</name` (followed by a delimiter or the end), searching from `from`.
fn find_end_tag(src: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut pos = from;
    while let Some(lt) = find_byte(src, pos, b'<') {
        let name_start = lt + 2;
        let name_end = name_start + name.len();
        if src.get(lt + 1) == Some(&b'/')
            && src.get(name_start..name_end).is_some_and(|found| found.eq_ignore_ascii_case(name))
            && match src.get(name_end) {
                Some(&b) => is_tag_delimiter(b),
                None => true, // `</title` at the very end
            }
        {
            return Some(lt);
        }
        pos = lt + 1;
    }
    None
}

fn find_byte(haystack: &[u8], from: usize, needle: u8) -> Option<usize> {
    haystack.get(from..)?.iter().position(|&b| b == needle).map(|i| from + i)
}

fn find_bytes(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| from + i)
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

// ---------------------------------------------------------------------------------------------
// Entities

/// Decodes the character reference at the start of `s` (which starts with `&`): the character
/// and how many bytes it took. `None` when it is not a reference we know (kept literally).
fn decode_entity(s: &str) -> Option<(char, usize)> {
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

// ---------------------------------------------------------------------------------------------
// Renderer

/// Output text with its map, plus the whitespace-collapsing state.
struct Output {
    text: String,
    map: OffsetMap,
    /// Input offset of the last character written: offsets never go back.
    last_offset: usize,
    /// Offset of a collapsed whitespace run not yet written (written only between visible text).
    pending_space: Option<usize>,
    /// Empty fields still allowed for merged cells; see `flatten_html`.
    fill_budget: usize,
}

impl Output {
    fn push(&mut self, c: char, offset: usize) {
        // Offsets arrive in source order already; the clamp only guards the promise.
        let offset = offset.max(self.last_offset);
        self.last_offset = offset;
        self.map.push(self.text.len(), offset);
        self.text.push(c);
    }

    fn at_line_start(&self) -> bool {
        matches!(self.text.as_bytes().last(), None | Some(b'\n'))
    }

    fn at_field_start(&self) -> bool {
        matches!(self.text.as_bytes().last(), None | Some(b'\t' | b'\n'))
    }

    fn visible(&mut self, c: char, offset: usize) {
        if let Some(space_offset) = self.pending_space.take() {
            if !self.at_field_start() {
                self.push(' ', space_offset);
            }
        }
        self.push(c, offset);
    }

    fn space(&mut self, offset: usize) {
        self.pending_space.get_or_insert(offset);
    }

    fn separator(&mut self, c: char, offset: usize) {
        self.pending_space = None;
        self.push(c, offset);
    }

    /// Newline unless already at the start of a line (block boundaries don't stack up).
    fn soft_break(&mut self, offset: usize) {
        self.pending_space = None;
        if !self.at_line_start() {
            self.push('\n', offset);
        }
    }
}

enum OpenTable {
    /// Contains other tables: its rows and cells only break lines.
    Layout,
    Data(Grid),
}

/// Row/column bookkeeping of a data table, like a browser's table layout.
#[derive(Default)]
struct Grid {
    /// Index of the current row (or of the next one when no row is open).
    row: u32,
    row_open: bool,
    row_has_cell: bool,
    /// Next field position in the current row.
    col: usize,
    /// Per column: first row index no longer covered by a merged cell.
    covered_until: Vec<u32>,
}

impl Grid {
    fn in_cell(&self) -> bool {
        self.row_open && self.row_has_cell
    }

    fn is_covered(&self, col: usize) -> bool {
        self.covered_until.get(col).is_some_and(|&until| until > self.row)
    }

    fn start_row(&mut self, out: &mut Output, offset: usize) {
        self.end_row(out, offset);
        out.soft_break(offset);
        self.row_open = true;
        self.row_has_cell = false;
        self.col = 0;
    }

    fn end_row(&mut self, out: &mut Output, offset: usize) {
        if !self.row_open {
            return;
        }
        // Spans ended at the right edge shape neither this row nor later ones.
        while self.covered_until.last().is_some_and(|&until| until <= self.row) {
            self.covered_until.pop();
        }
        if self.col < self.covered_until.len() && !self.row_has_cell {
            out.soft_break(offset);
        }
        // Positions right of the last cell that merged cells still cover (holes between them
        // too) are written as empty fields, so the row keeps the table's column positions.
        while self.col < self.covered_until.len() {
            if !self.empty_field(out, offset) {
                break;
            }
        }
        out.separator('\n', offset);
        self.row = self.row.saturating_add(1);
        self.row_open = false;
        self.row_has_cell = false;
    }

    fn start_cell(&mut self, out: &mut Output, tag: Tag) {
        if !self.row_open {
            self.start_row(out, tag.offset);
        }
        if !self.row_has_cell {
            // Stray text written before the row's first cell keeps a line of its own.
            out.soft_break(tag.offset);
        }
        while self.is_covered(self.col) {
            if !self.empty_field(out, tag.offset) {
                break;
            }
        }
        if self.col > 0 {
            out.separator('\t', tag.offset);
        }
        self.cover(self.col, tag, out.fill_budget);
        self.col += 1;
        self.row_has_cell = true;
    }

    /// Writes the empty field at `self.col`; false (and spans forgotten) once over budget.
    fn empty_field(&mut self, out: &mut Output, offset: usize) -> bool {
        if out.fill_budget == 0 {
            self.covered_until.clear();
            return false;
        }
        out.fill_budget -= 1;
        if self.col > 0 {
            out.separator('\t', offset);
        }
        self.col += 1;
        true
    }

    /// Marks the grid positions a merged cell starting at (`self.row`, `col`) covers.
    fn cover(&mut self, col: usize, tag: Tag, fill_budget: usize) {
        if (tag.rowspan <= 1 && tag.colspan <= 1) || fill_budget == 0 {
            return;
        }
        let end = (col + tag.colspan as usize).min(MAX_GRID_COLUMNS);
        if end <= col {
            return;
        }
        if self.covered_until.len() < end {
            self.covered_until.resize(end, 0);
        }
        let until = self.row.saturating_add(tag.rowspan);
        for slot in &mut self.covered_until[col..end] {
            *slot = (*slot).max(until);
        }
    }
}

struct Renderer<'a> {
    input: &'a str,
    out: Output,
    /// Open tables, innermost last.
    tables: Vec<OpenTable>,
    /// From [`find_layout_tables`], indexed by `tables_seen`.
    layout_tables: Vec<bool>,
    tables_seen: usize,
    pre_depth: usize,
    /// Browsers ignore a newline right after `<pre>`.
    skip_pre_newline: bool,
}

impl Renderer<'_> {
    fn data_grid(&mut self) -> Option<&mut Grid> {
        match self.tables.last_mut() {
            Some(OpenTable::Data(grid)) => Some(grid),
            _ => None,
        }
    }

    fn in_data_cell(&self) -> bool {
        matches!(self.tables.last(), Some(OpenTable::Data(grid)) if grid.in_cell())
    }

    fn token(&mut self, token: Token) {
        match token {
            Token::Text { start, end } => self.text_run(start, end),
            Token::Start(tag) => self.start_tag(tag),
            Token::End(tag) => self.end_tag(tag),
        }
    }

    fn start_tag(&mut self, tag: Tag) {
        let offset = tag.offset;
        match tag.kind {
            TagKind::Table => {
                self.out.soft_break(offset);
                let layout = self.layout_tables.get(self.tables_seen).copied().unwrap_or(false);
                self.tables_seen += 1;
                self.tables.push(if layout { OpenTable::Layout } else { OpenTable::Data(Grid::default()) });
            }
            TagKind::Row | TagKind::Cell => {
                if self.tables.is_empty() {
                    // Rows without a `<table>` (hand-made fragments): read them as one anyway.
                    self.tables.push(OpenTable::Data(Grid::default()));
                }
                let out = &mut self.out;
                match self.tables.last_mut() {
                    Some(OpenTable::Data(grid)) if tag.kind == TagKind::Row => grid.start_row(out, offset),
                    Some(OpenTable::Data(grid)) => grid.start_cell(out, tag),
                    _ => out.soft_break(offset),
                }
            }
            TagKind::RowGroup => self.row_group_boundary(offset),
            TagKind::LineBreak => {
                if self.in_data_cell() {
                    self.out.space(offset);
                } else {
                    self.out.separator('\n', offset);
                }
            }
            TagKind::Pre => {
                self.block_boundary(offset);
                self.pre_depth += 1;
                self.skip_pre_newline = true;
            }
            TagKind::Block => self.block_boundary(offset),
        }
    }

    fn end_tag(&mut self, tag: Tag) {
        let offset = tag.offset;
        match tag.kind {
            TagKind::Table => {
                let out = &mut self.out;
                if let Some(OpenTable::Data(grid)) = self.tables.last_mut() {
                    grid.end_row(out, offset);
                }
                self.tables.pop();
                self.out.soft_break(offset);
            }
            TagKind::Row => {
                let out = &mut self.out;
                match self.tables.last_mut() {
                    Some(OpenTable::Data(grid)) => grid.end_row(out, offset),
                    _ => out.soft_break(offset),
                }
            }
            // `</td>` does not end the field: stray text up to the next cell still belongs to it.
            TagKind::Cell => {
                if self.data_grid().is_none() {
                    self.out.soft_break(offset);
                }
            }
            TagKind::RowGroup => self.row_group_boundary(offset),
            // `</br>` is read as `<br>` by browsers.
            TagKind::LineBreak => self.start_tag(tag),
            TagKind::Pre => {
                self.pre_depth = self.pre_depth.saturating_sub(1);
                self.block_boundary(offset);
            }
            TagKind::Block => self.block_boundary(offset),
        }
    }

    fn row_group_boundary(&mut self, offset: usize) {
        let out = &mut self.out;
        match self.tables.last_mut() {
            Some(OpenTable::Data(grid)) => grid.end_row(out, offset),
            _ => out.soft_break(offset),
        }
    }

    /// Inside a data cell a block boundary is just a space; elsewhere it ends the line.
    fn block_boundary(&mut self, offset: usize) {
        if self.in_data_cell() {
            self.out.space(offset);
        } else {
            self.out.soft_break(offset);
        }
    }

    fn text_run(&mut self, start: usize, end: usize) {
        let collapse = self.pre_depth == 0 || self.in_data_cell();
        let mut pos = start;
        while pos < end {
            let rest = &self.input[pos..end];
            let (c, len) = match rest.chars().next() {
                Some('&') => decode_entity(rest).unwrap_or(('&', 1)),
                Some(c) => (c, c.len_utf8()),
                None => break,
            };
            self.text_char(c, pos, collapse);
            pos += len;
        }
    }

    fn text_char(&mut self, c: char, offset: usize, collapse: bool) {
        let skip_newline = std::mem::take(&mut self.skip_pre_newline);
        if !is_html_space(c) {
            self.out.visible(c, offset);
        } else if collapse {
            self.out.space(offset);
        } else {
            // Inside `<pre>`: whitespace is kept, line ends are line ends.
            match c {
                // CRLF is one line end; a `\r` right after `<pre>` keeps skipping.
                '\n' if skip_newline => {}
                '\r' if skip_newline => self.skip_pre_newline = true,
                '\n' => self.out.separator('\n', offset),
                '\r' => {
                    self.out.separator('\n', offset);
                    self.skip_pre_newline = true;
                }
                '\t' => self.out.visible('\t', offset),
                _ => self.out.visible(' ', offset),
            }
        }
    }

    fn finish(mut self) -> Flattened {
        let out = &mut self.out;
        for table in self.tables.iter_mut().rev() {
            if let OpenTable::Data(grid) = table {
                grid.end_row(out, self.input.len());
            }
        }
        let text = std::mem::take(&mut self.out.text);
        let mut map = std::mem::take(&mut self.out.map);
        map.finish(text.len(), self.input.len());
        Flattened { text, map }
    }
}

/// Whitespace that collapses; `&nbsp;` too, since it should read as a plain space.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C' | '\u{A0}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str) -> Vec<String> {
        flatten_html(input).text.lines().map(str::to_string).collect()
    }

    /// Checks the map invariants and that `needle` (first occurrence in the output) maps to
    /// source text starting with `source`.
    fn assert_maps_to(flat: &Flattened, input: &str, needle: &str, source: &str) {
        let at = flat.text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {:?}", flat.text));
        let offset = flat.map.source(at);
        assert!(input[offset..].starts_with(source), "{needle:?} maps to {:?}", &input[offset..]);
    }

    /// Every character of the output (and its end) maps to a char boundary of the input, in
    /// order; the end maps to the input's end.
    fn assert_map_invariants(flat: &Flattened, input: &str) {
        let offsets: Vec<usize> =
            flat.text.char_indices().map(|(i, _)| i).chain([flat.text.len()]).map(|i| flat.map.source(i)).collect();
        assert!(offsets.windows(2).all(|w| w[0] <= w[1]), "map must be non-decreasing");
        assert!(offsets.iter().all(|&o| o <= input.len() && input.is_char_boundary(o)));
        assert_eq!(offsets.last(), Some(&input.len()));
    }

    /// The standard table 3 shape: 3 label columns, 自然人, 5 法人或其他组织 columns, 总计.
    fn report_table() -> (String, Vec<String>) {
        let numbers = |seed: usize| -> Vec<String> { (0..7).map(|i| ((seed * 7 + i) % 13).to_string()).collect() };
        let cells = |values: &[String]| values.iter().map(|v| format!("<td>{v}</td>")).collect::<String>();
        let mut html = String::from(
            "<table border=1 cellspacing=0>\n<tbody>\n\
             <tr><td colspan=3 rowspan=2>申请人情况</td><td rowspan=2>自然人</td>\
             <td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>\n\
             <tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\n\
             <tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>12</td><td>3</td><td>0</td><td>0</td><td>1</td><td>0</td><td>16</td></tr>\n",
        );
        let mut expected = vec![
            "申请人情况\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计".to_string(),
            "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t".to_string(),
            "一、本年新收政府信息公开申请数量\t\t\t12\t3\t0\t0\t1\t0\t16".to_string(),
        ];
        // 22 rows under 三: (一) (二), (三) ×8, (四) ×3, (五) ×5, (六) ×3, (七).
        let groups: [(&str, usize); 7] = [
            ("（一）予以公开", 1),
            ("（二）部分公开", 1),
            ("（三）不予公开", 8),
            ("（四）无法提供", 3),
            ("（五）不予处理", 5),
            ("（六）其他处理", 3),
            ("（七）总计", 1),
        ];
        let mut row = 0;
        for (label, rows) in groups {
            for sub in 0..rows {
                let values = numbers(row);
                let mut tr = String::from("<tr>");
                let mut fields = Vec::new();
                if row == 0 {
                    tr.push_str("<td rowspan=22>三、本年度办理结果</td>");
                    fields.push("三、本年度办理结果".to_string());
                } else {
                    fields.push(String::new());
                }
                if rows == 1 {
                    tr.push_str(&format!("<td colspan=2>{label}</td>"));
                    fields.extend([label.to_string(), String::new()]);
                } else {
                    if sub == 0 {
                        tr.push_str(&format!("<td rowspan={rows}>{label}</td>"));
                        fields.push(label.to_string());
                    } else {
                        fields.push(String::new());
                    }
                    let item = format!("{}.第{}项", sub + 1, sub + 1);
                    tr.push_str(&format!("<td>{item}</td>"));
                    fields.push(item);
                }
                tr.push_str(&cells(&values));
                tr.push_str("</tr>\n");
                fields.extend(values);
                html.push_str(&tr);
                expected.push(fields.join("\t"));
                row += 1;
            }
        }
        html.push_str("</tbody></table>");
        (html, expected)
    }

    #[test]
    fn report_table_with_merged_cells() {
        let (html, expected) = report_table();
        let flat = flatten_html(&html);
        assert_map_invariants(&flat, &html);
        let got: Vec<&str> = flat.text.lines().collect();
        assert_eq!(got, expected);
        assert_eq!(got.len(), 3 + 22);
        assert!(got.iter().all(|line| line.split('\t').count() == 10), "grid stays rectangular");
        // Spot checks of the shape described in the module docs.
        assert_eq!(got[3], "三、本年度办理结果\t（一）予以公开\t\t0\t1\t2\t3\t4\t5\t6");
        assert!(got[5].starts_with("\t（三）不予公开\t1.第1项\t"));
        assert!(got[6].starts_with("\t\t2.第2项\t"));

        assert_maps_to(&flat, &html, "12", "12</td>");
        assert_maps_to(&flat, &html, "法人或其他组织", "法人或其他组织</td>");
        assert_maps_to(&flat, &html, "三、本年度办理结果", "三、本年度办理结果");
        // A field separator maps to the tag that made it.
        let tab = flat.text.find("\t自然人").unwrap();
        assert!(html[flat.map.source(tab)..].starts_with("<td rowspan=2>自然人"));
    }

    #[test]
    fn rowspan_in_last_column_fills_trailing_fields() {
        let html =
            "<table><tr><td>a</td><td rowspan=3>b</td></tr><tr><td>c</td></tr><tr></tr><tr><td>d</td></tr></table>";
        assert_eq!(lines(html), ["a\tb", "c\t", "\t", "d"]);
    }

    #[test]
    fn overlapping_and_unclosed_cells() {
        // Implicitly closed cells and rows, as browsers accept them.
        let html = "<table><tr><td colspan=2>x<td>y<tr><td>1<td>2<td>3</table>tail";
        assert_eq!(lines(html), ["x\t\ty", "1\t2\t3", "tail"]);
    }

    #[test]
    fn cell_text_collapses_whitespace_and_blocks() {
        let html =
            "<table><tr><td>\n  <p>第一段\n  文字</p><p>第二段</p>a<br>b&nbsp;&nbsp;c  </td><td>\t</td></tr></table>";
        assert_eq!(lines(html), ["第一段 文字 第二段 a b c\t"]);
    }

    #[test]
    fn blocks_outside_tables_break_lines() {
        let html = "<h1>2023年政府信息公开工作年度报告</h1><p>一、总体<b>情况</b></p><div><p>本年度\n  我局</p></div>a<br><br>b<ul><li>x</li><li>y</li></ul>";
        assert_eq!(
            lines(html),
            ["2023年政府信息公开工作年度报告", "一、总体情况", "本年度 我局", "a", "", "b", "x", "y"]
        );
    }

    #[test]
    fn entities() {
        let html = "<p>&ldquo;a&rdquo; &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos; &#20013;&#x6587; &#X4E00; &mdash;&hellip;&middot; &unknown; &amp &#; &#147;q&#148; &#0; &#x110000;</p>";
        let flat = flatten_html(html);
        assert_eq!(
            flat.text.trim_end_matches('\n'),
            "“a” & <b> \"c\" 'd' 中文 一 —…· &unknown; &amp &#; “q” \u{FFFD} \u{FFFD}"
        );
        assert_map_invariants(&flat, html);
        assert_maps_to(&flat, html, "中", "&#20013;");
        assert_maps_to(&flat, html, "文", "&#x6587;");
        assert_maps_to(&flat, html, "<b>", "&lt;b&gt;");
    }

    #[test]
    fn dropped_content() {
        let html = "<html><head><title>某某县2023年政府信息公开工作年度报告</title>\
                    <style>td { color: red; } </td></style><script>if (a < b) { document.write('<td>x</td>'); }</script>\
                    <SCRIPT type=text/javascript>var s = \"</scriptx>\";</SCRIPT></head>\
                    <body><!-- comment <td>no</td> --><template><p>hidden</p></template>\
                    <![CDATA[ hidden ]]><noscript>请启用脚本</noscript><p>正文</p></body></html>";
        assert_eq!(lines(html), ["某某县2023年政府信息公开工作年度报告", "正文"]);
    }

    #[test]
    fn word_clipboard_html() {
        let html = "Version:0.9\r\n<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"\r\nxmlns:w=\"urn:schemas-microsoft-com:office:word\">\r\n\
<head><meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">\r\n\
<!--[if gte mso 9]><xml>\r\n <o:DocumentProperties>\r\n  <o:Author>张三</o:Author>\r\n </o:DocumentProperties>\r\n</xml><![endif]-->\r\n\
<style>\r\n<!--\r\n p.MsoNormal {margin:0cm;}\r\n-->\r\n</style>\r\n</head>\r\n\
<body lang=ZH-CN style='tab-interval:21.0pt'>\r\n<!--StartFragment-->\r\n\
<p class=MsoNormal><![if !supportLists]><span lang=EN-US>1.<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span><![endif]>总体情况<o:p></o:p></p>\r\n\
<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0\r\n style='border-collapse:collapse;mso-yfti-tbllook:1184'>\r\n\
 <tr style='mso-yfti-irow:0'>\r\n  <td width=189 rowspan=2 valign=top style='width:4.0cm;border:solid windowtext 1.0pt'>\r\n\
  <p class=MsoNormal><span style='font-family:宋体'>第八条<o:p></o:p></span></p>\r\n  </td>\r\n\
  <td width=95 valign=top><p class=MsoNormal><span lang=EN-US>0<o:p></o:p></span></p></td>\r\n\
  <td width=95 valign=top><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p></td>\r\n </tr>\r\n\
 <tr style='mso-yfti-irow:1;mso-yfti-lastrow:yes'>\r\n\
  <td width=95 valign=top><p class=MsoNormal><span lang=EN-US>12<o:p></o:p></span></p></td>\r\n\
  <td width=95 valign=top><p class=MsoNormal><span lang=EN-US>3</span><span lang=EN-US>4<o:p></o:p></span></p></td>\r\n </tr>\r\n\
</table>\r\n<!--EndFragment-->\r\n</body>\r\n</html>";
        let flat = flatten_html(html);
        assert_map_invariants(&flat, html);
        let got: Vec<&str> = flat.text.lines().collect();
        assert_eq!(got, ["Version:0.9", "1. 总体情况", "第八条\t0\t", "\t12\t34"]);
        assert_maps_to(&flat, html, "12", "12<o:p>");
        assert_maps_to(&flat, html, "34", "3</span>");
        assert!(looks_like_html(html));
    }

    #[test]
    fn nested_tables_flatten_and_outer_is_layout() {
        let html = "<table><tr><td>导航</td><td><p>一、总体情况</p><p>正文</p>\
                    <table><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>\
                    <p>四、存在的问题</p></td></tr></table>";
        assert_eq!(lines(html), ["导航", "一、总体情况", "正文", "a\t1", "b\t2", "四、存在的问题"]);
    }

    #[test]
    fn pre_keeps_lines() {
        let html = "<pre>\na  b\r\nc\td</pre>after";
        assert_eq!(lines(html), ["a  b", "c\td", "after"]);
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let cases: Vec<String> = vec![
            String::new(),
            "<".into(),
            "<<<<".into(),
            "a<".into(),
            "</".into(),
            "<!".into(),
            "<!-".into(),
            "<!--".into(),
            "<?".into(),
            "&".into(),
            "&#".into(),
            "&#x".into(),
            "&#99999999999999999999;".into(),
            "&nbsp".into(),
            "<td".into(),
            "<table><tr><td".into(),
            "<table><tr><td rowspan=\"3".into(),
            "<td class=\"a'>x</td><td class='b\">y</td>".into(),
            "<td a=>b</td>".into(),
            "<td ==x>b".into(),
            "<tr></tr></tr></table></table></td>".into(),
            "</table><table><table><table>".into(),
            "<script>".into(),
            "<script></scr".into(),
            "<title>中文".into(),
            "<pre></pre></pre>".into(),
            "<td rowspan=-5 colspan=abc>x".into(),
            "中<文&中;<中>&#x4e00".into(),
            "<table><tr><td rowspan=999999999 colspan=99999>x</td></tr><tr><td>y</td></tr></table>".into(),
            "<table><tr><td rowspan=0>x</td></tr><tr><td>y</td></tr></table>".into(),
        ];
        for input in &cases {
            let flat = flatten_html(input);
            assert_map_invariants(&flat, input);
            let _ = looks_like_html(input);
        }
        assert_eq!(lines("<<<<"), ["<<<<"]);
        assert_eq!(lines("a < b"), ["a < b"]);
        // Unclosed quote: text is kept rather than swallowed.
        assert_eq!(lines("<table><tr><td class=\"a>x</td><td>y</td></tr></table>"), ["x\ty"]);
        // Huge spans are clamped: only existing rows are filled, columns at most MAX_COLSPAN.
        let flat = flatten_html(cases[28].as_str());
        // The 64 covered positions come first in row 2, so `y` lands in column 64, as in browsers.
        assert_eq!(flat.text.lines().collect::<Vec<_>>(), ["x".to_string() + &"\t".repeat(63), "\t".repeat(64) + "y"]);
    }

    #[test]
    fn hostile_sizes_stay_linear() {
        // 1 MB of rows.
        let rows = "<tr>".repeat(256 * 1024);
        let flat = flatten_html(&rows);
        assert_eq!(flat.text.len(), 256 * 1024);
        assert_map_invariants(&flat, &rows);

        // A row of maximal merged cells, then many empty rows: fill is bounded by the budget.
        let mut html = String::from("<table><tr>");
        html.push_str(&"<td rowspan=999999999 colspan=99999>x".repeat(100));
        html.push_str(&"<tr>".repeat(100_000));
        let flat = flatten_html(&html);
        assert!(
            flat.text.len() <= 3 * html.len() + 64 * 1024 + 1000,
            "output {} for input {}",
            flat.text.len(),
            html.len()
        );
        assert_map_invariants(&flat, &html);

        // Many nested tables and unclosed everything.
        let nested = "<table><tr><td><div><p><span>".repeat(20_000);
        let flat = flatten_html(&nested);
        assert_map_invariants(&flat, &nested);

        // Broken quotes everywhere.
        let quotes = "<td a=\"x><td b='y>z".repeat(20_000);
        let flat = flatten_html(&quotes);
        assert_map_invariants(&flat, &quotes);
    }

    #[test]
    fn looks_like_html_cases() {
        assert!(looks_like_html("<!DOCTYPE html><p>x"));
        assert!(looks_like_html("\u{feff}  <HTML><body>x"));
        assert!(looks_like_html("<meta charset='utf-8'><table><tr><td>1</td></tr></table>"));
        assert!(looks_like_html("<p>一、总体情况</p><p>本年度</p>"));
        assert!(looks_like_html(&format!("{}<table><tr><td>1", "纯文本。".repeat(1000))));
        assert!(looks_like_html("一、总体情况<br>二、主动公开<br/>三、依申请公开<BR>"));

        assert!(!looks_like_html(""));
        assert!(!looks_like_html("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，编制本报告。"));
        assert!(!looks_like_html("增长率<5%，且 a<b、c > d，<<重要>>"));
        assert!(!looks_like_html("请在文本中删除 <p> 标记后再粘贴。"));
        assert!(!looks_like_html("<tree> <trim> <tdx> <pp>"));
        assert!(!looks_like_html("一、总体情况\t\n<\n"));
    }
}
