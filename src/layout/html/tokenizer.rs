//! Tokenizer: yields only what the layout needs (text runs and structural tags); comments,
//! declarations, inline tags and dropped raw-text elements are consumed silently.

/// Browsers clamp colspan at 1000; report tables have about 10 columns, so 64 is plenty.
const MAX_COLSPAN: u32 = 64;
/// Browsers' own limit; spans only ever fill rows that exist, so a big value costs nothing.
const MAX_ROWSPAN: u32 = 65_534;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum TagKind {
    Table,
    Row,
    Cell,
    RowGroup,
    LineBreak,
    Block,
    Pre,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Tag {
    pub(super) kind: TagKind,
    /// Offset of the tag's `<`.
    pub(super) offset: usize,
    pub(super) rowspan: u32,
    pub(super) colspan: u32,
}

#[derive(Clone, Copy, Debug)]
pub(super) enum Token {
    /// Raw source text (entities still encoded), never containing a tag.
    Text {
        start: usize,
        end: usize,
    },
    Start(Tag),
    End(Tag),
}

#[derive(Clone, Copy)]
enum Element {
    Structural(TagKind),
    /// Content is not markup and is dropped (`script`, `style`, Word's `xml` islands …).
    RawDropped,
    /// Content is not markup but is text to keep (`title`, `textarea`).
    RawKept,
    Inline,
}

/// A lower-case tag name packed into a number, for [`ELEMENTS`].
const fn key(name: &[u8]) -> u128 {
    let mut bytes = [0u8; 16];
    let mut i = 0;
    while i < name.len() {
        bytes[i] = name[i];
        i += 1;
    }
    u128::from_le_bytes(bytes)
}

/// The longest name in [`ELEMENTS`].
const MAX_NAME: usize = 10;

const BLOCK: Element = Element::Structural(TagKind::Block);
// Decision: widgets that are not document text (`svg`, `canvas`, `object`, `select`,
// `button`) are dropped with scripts and styles.
const DROP: Element = Element::RawDropped;
// Decision: `<title>` is kept, as the first line. A saved page's body usually starts with
// the site's navigation (`首页 > 政务公开 > …`), so without it the first line, where the
// report's body and year are read, would be the breadcrumbs; the title names the report.
const KEPT: Element = Element::RawKept;

/// The elements the reader tells apart, by the length of their names (a handful each); any
/// other is inline. Compared as packed keys, this is as fast as the `match` on byte strings it
/// replaced, which compiled to 3.6 KB of wasm (a scan of all the names, or a binary search, was
/// 1.16–1.26× the time of `html_to_text`).
const ELEMENTS: [&[(u128, Element)]; MAX_NAME + 1] = [
    &[],
    &[(key(b"p"), BLOCK)],
    &[
        (key(b"tr"), Element::Structural(TagKind::Row)),
        (key(b"td"), Element::Structural(TagKind::Cell)),
        (key(b"th"), Element::Structural(TagKind::Cell)),
        (key(b"br"), Element::Structural(TagKind::LineBreak)),
        (key(b"h1"), BLOCK),
        (key(b"h2"), BLOCK),
        (key(b"h3"), BLOCK),
        (key(b"h4"), BLOCK),
        (key(b"h5"), BLOCK),
        (key(b"h6"), BLOCK),
        (key(b"li"), BLOCK),
        (key(b"ul"), BLOCK),
        (key(b"ol"), BLOCK),
        (key(b"dl"), BLOCK),
        (key(b"dt"), BLOCK),
        (key(b"dd"), BLOCK),
        (key(b"hr"), BLOCK),
    ],
    &[
        (key(b"pre"), Element::Structural(TagKind::Pre)),
        (key(b"div"), BLOCK),
        (key(b"nav"), BLOCK),
        (key(b"xml"), DROP),
        (key(b"svg"), DROP),
    ],
    &[(key(b"main"), BLOCK), (key(b"form"), BLOCK), (key(b"body"), BLOCK), (key(b"html"), BLOCK), (key(b"math"), DROP)],
    &[
        (key(b"table"), Element::Structural(TagKind::Table)),
        (key(b"thead"), Element::Structural(TagKind::RowGroup)),
        (key(b"tbody"), Element::Structural(TagKind::RowGroup)),
        (key(b"tfoot"), Element::Structural(TagKind::RowGroup)),
        (key(b"aside"), BLOCK),
        (key(b"style"), DROP),
        (key(b"title"), KEPT),
    ],
    &[
        (key(b"header"), BLOCK),
        (key(b"footer"), BLOCK),
        (key(b"figure"), BLOCK),
        (key(b"legend"), BLOCK),
        (key(b"center"), BLOCK),
        (key(b"option"), BLOCK),
        (key(b"script"), DROP),
        (key(b"iframe"), DROP),
        (key(b"canvas"), DROP),
        (key(b"object"), DROP),
        (key(b"select"), DROP),
        (key(b"button"), DROP),
    ],
    &[
        (key(b"listing"), Element::Structural(TagKind::Pre)),
        (key(b"section"), BLOCK),
        (key(b"article"), BLOCK),
        (key(b"address"), BLOCK),
        (key(b"caption"), BLOCK),
        (key(b"details"), BLOCK),
        (key(b"summary"), BLOCK),
        (key(b"noembed"), DROP),
    ],
    &[
        (key(b"fieldset"), BLOCK),
        (key(b"template"), DROP),
        (key(b"noscript"), DROP),
        (key(b"noframes"), DROP),
        (key(b"textarea"), KEPT),
    ],
    &[],
    &[(key(b"blockquote"), BLOCK), (key(b"figcaption"), BLOCK)],
];

fn classify(name: &[u8]) -> Element {
    let Some(candidates) = ELEMENTS.get(name.len()) else {
        return Element::Inline;
    };
    let mut buffer = [0u8; 16];
    for (dst, src) in buffer.iter_mut().zip(name) {
        *dst = src.to_ascii_lowercase();
    }
    let wanted = u128::from_le_bytes(buffer);
    for &(k, element) in *candidates {
        if k == wanted {
            return element;
        }
    }
    Element::Inline
}

pub(super) struct Tokenizer<'a> {
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
    pub(super) fn new(input: &'a str) -> Self {
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
        let mut element = classify(name);
        let is_cell = matches!(element, Element::Structural(TagKind::Cell));
        let (mut rowspan, mut colspan) = (1, 1);
        let mut hidden = false;

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
            hidden |= attr_name.eq_ignore_ascii_case(b"hidden");
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
            if attr_name.eq_ignore_ascii_case(b"style") {
                hidden |= style_hides(value);
            } else if is_cell {
                if attr_name.eq_ignore_ascii_case(b"rowspan") {
                    // 0 means "to the end of the row group" in HTML.
                    rowspan = parse_span(value).map_or(1, |n| if n == 0 { MAX_ROWSPAN } else { n.min(MAX_ROWSPAN) });
                } else if attr_name.eq_ignore_ascii_case(b"colspan") {
                    colspan = parse_span(value).map_or(1, |n| n.clamp(1, MAX_COLSPAN));
                }
            }
        }
        self.pos = p;

        if hidden {
            match element {
                // Raw text is skipped as raw text (a hidden `textarea` like a `script`).
                Element::RawKept => element = Element::RawDropped,
                Element::RawDropped => {}
                _ => {
                    if !is_void(name) {
                        self.pos = self.hidden_end(p, name, &element);
                    }
                    return Markup::Skipped;
                }
            }
        }

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

    /// Where the content of a hidden element that starts at `from` ends: after its end tag, or
    /// before the tag that closes it implicitly (`<span hidden>x</td>`: the cell's end closes the
    /// span in a browser, so the rest of the table stays visible), or at the end of the input.
    /// One scan that moves the tokenizer past the element, so the whole pass stays linear.
    fn hidden_end(&self, from: usize, name: &[u8], element: &Element) -> usize {
        let src = self.src;
        let own = match element {
            Element::Structural(kind) => Some(*kind),
            _ => None,
        };
        let (mut depth, mut tables) = (1usize, 0usize);
        let mut pos = from;
        while let Some(lt) = find_byte(src, pos, b'<') {
            if src[lt..].starts_with(b"<!--") {
                pos = find_bytes(src, lt + 4, b"-->").map_or(src.len(), |p| p + 3);
                continue;
            }
            let closing = src.get(lt + 1) == Some(&b'/');
            let name_start = lt + 1 + usize::from(closing);
            let tag = &src[name_start..self.tag_name_end(name_start)];
            if tag.eq_ignore_ascii_case(name) {
                if !closing {
                    // A cell or row never nests in itself: the next one closes it.
                    if matches!(own, Some(TagKind::Cell | TagKind::Row)) {
                        return lt;
                    }
                    depth += 1;
                } else if depth == 1 {
                    return find_byte(src, lt, b'>').map_or(src.len(), |gt| gt + 1);
                } else {
                    depth -= 1;
                }
            } else if tag.eq_ignore_ascii_case(b"table") {
                // Rows and cells of a table inside the hidden element are its own content.
                match (closing, tables) {
                    (false, _) => tables += 1,
                    (true, 0) => return lt,
                    (true, _) => tables -= 1,
                }
            } else if tables == 0 && closes_implicitly(own, classify(tag), closing) {
                return lt;
            }
            pos = lt + 1;
        }
        src.len()
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

/// Does a tag of `kind` (an end tag when `closing`) close an open hidden element of kind `own`
/// (None: any non-table element) in a browser?
fn closes_implicitly(own: Option<TagKind>, kind: Element, closing: bool) -> bool {
    let Element::Structural(kind) = kind else {
        return false;
    };
    match own {
        Some(TagKind::Table) => false,
        Some(TagKind::Row) => matches!(kind, TagKind::RowGroup) || (kind == TagKind::Row && !closing),
        Some(TagKind::Cell) => matches!(kind, TagKind::Row | TagKind::Cell | TagKind::RowGroup),
        _ => matches!(kind, TagKind::Row | TagKind::Cell | TagKind::RowGroup),
    }
}

/// Does a `style` attribute hide its element (`display: none`, Word's `mso-hide: all`)?
fn style_hides(style: &[u8]) -> bool {
    has_declaration(style, b"display", b"none") || has_declaration(style, b"mso-hide", b"all")
}

/// Is there `property: value` (any case, any spaces around the colon) in a `style` attribute?
/// Out of line, as `starts_with_ignore_case`: inlined at every call they cost the wasm bundle
/// about 100 bytes gzipped.
#[inline(never)]
fn has_declaration(style: &[u8], property: &[u8], value: &[u8]) -> bool {
    (0..style.len()).any(|at| {
        if !starts_with_ignore_case(&style[at..], property) {
            return false;
        }
        let rest = style[at + property.len()..].trim_ascii_start();
        rest.first() == Some(&b':') && starts_with_ignore_case(rest[1..].trim_ascii_start(), value)
    })
}

/// Elements that have no content and no end tag.
fn is_void(name: &[u8]) -> bool {
    const VOID: &[&[u8]] = &[
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param", b"source",
        b"track", b"wbr",
    ];
    VOID.iter().any(|v| name.eq_ignore_ascii_case(v))
}

pub(super) fn is_tag_delimiter(b: u8) -> bool {
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

pub(super) fn find_byte(haystack: &[u8], from: usize, needle: u8) -> Option<usize> {
    crate::text::find_byte(haystack.get(from..)?, needle).map(|i| from + i)
}

fn find_bytes(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| from + i)
}

#[inline(never)]
pub(super) fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `match` `classify` replaced, as the reference it is checked against.
    fn by_match(name: &[u8]) -> Option<TagKind> {
        let lower = name.to_ascii_lowercase();
        Some(match &*lower {
            b"table" => TagKind::Table,
            b"tr" => TagKind::Row,
            b"td" | b"th" => TagKind::Cell,
            b"thead" | b"tbody" | b"tfoot" => TagKind::RowGroup,
            b"br" => TagKind::LineBreak,
            b"pre" | b"listing" => TagKind::Pre,
            b"p" | b"div" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"li" | b"ul" | b"ol" | b"dl" | b"dt"
            | b"dd" | b"blockquote" | b"section" | b"article" | b"header" | b"footer" | b"nav" | b"aside" | b"main"
            | b"hr" | b"address" | b"figure" | b"figcaption" | b"caption" | b"form" | b"fieldset" | b"legend"
            | b"center" | b"body" | b"html" | b"option" | b"details" | b"summary" => TagKind::Block,
            _ => return None,
        })
    }

    fn raw(name: &[u8]) -> Option<bool> {
        match &*name.to_ascii_lowercase() {
            b"script" | b"style" | b"xml" | b"template" | b"noscript" | b"iframe" | b"noembed" | b"noframes"
            | b"svg" | b"math" | b"canvas" | b"object" | b"select" | b"button" => Some(false),
            b"title" | b"textarea" => Some(true),
            _ => None,
        }
    }

    #[test]
    fn classify_reads_as_the_match_did() {
        let mut names: Vec<Vec<u8>> = Vec::new();
        for n in [
            "table",
            "TABLE",
            "Td",
            "th",
            "tbody",
            "br",
            "pre",
            "listing",
            "p",
            "P",
            "div",
            "h1",
            "h6",
            "h7",
            "li",
            "blockquote",
            "BlockQuote",
            "blockquotes",
            "figcaption",
            "summary",
            "script",
            "STYLE",
            "xml",
            "o:p",
            "span",
            "font",
            "b",
            "i",
            "a",
            "img",
            "title",
            "textarea",
            "svg",
            "math",
            "button",
            "",
            "p\0",
            "tr\0",
            "t",
            "ta",
            "tabl",
            "tables",
            "noframes",
            "noscript",
            "html",
            "body",
            "center",
            "hr",
            "main",
            "mai",
        ] {
            names.push(n.as_bytes().to_vec());
        }
        // Every table name with a byte changed, cut short and extended.
        for (len, bucket) in ELEMENTS.iter().enumerate() {
            for &(k, _) in *bucket {
                let name: Vec<u8> = k.to_le_bytes()[..len].to_vec();
                for i in 0..len {
                    let mut other = name.clone();
                    other[i] ^= 1;
                    names.push(other);
                }
                names.push(name[..len - 1].to_vec());
                names.push([&name[..], b"x"].concat());
                names.push(name);
            }
        }
        for n in names {
            let expected = match (by_match(&n), raw(&n)) {
                (Some(kind), _) => format!("{:?}", Some(kind)),
                (None, Some(kept)) => format!("raw {kept}"),
                (None, None) => "inline".to_string(),
            };
            let got = match classify(&n) {
                Element::Structural(kind) => format!("{:?}", Some(kind)),
                Element::RawDropped => "raw false".to_string(),
                Element::RawKept => "raw true".to_string(),
                Element::Inline => "inline".to_string(),
            };
            assert_eq!(got, expected, "{:?}", String::from_utf8_lossy(&n));
        }
    }
}
