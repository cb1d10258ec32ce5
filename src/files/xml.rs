//! A small XML pull reader for the parts of a `.docx` (`word/document.xml`, `numbering.xml`,
//! `styles.xml`): well-formed OOXML read as start, empty and end tags and text. It replaced
//! quick-xml in the wasm (about 16 KB), as [`super::inflate`] replaced miniz_oxide; its tests
//! and the fuzz target `xml` check it against quick-xml, which it follows wherever quick-xml
//! reads a document: the same tags, the same text, the same documents refused.
//!
//! - Text is given with the five predefined entities and character references (`&#20;`,
//!   `&#x4E00;`) decoded. A reference to anything else (`&nbsp;`, `&#0;`, `&#xD800;`) is kept
//!   as the text it is: nothing is ever expanded from a DTD, and a wrong reference stays visible
//!   rather than silently vanishing or turning into U+FFFD. A `&` with no `;` is malformed.
//!   Line ends are given as written (no `\r\n` → `\n`), as quick-xml's text is.
//! - CDATA sections are text; comments, processing instructions, the XML declaration and
//!   `<!DOCTYPE …>` (with its internal subset) are skipped. Entities are never expanded: a
//!   "billion laughs" DOCTYPE is skipped like any other.
//! - An end tag must close the element open (else malformed); elements still open at the end
//!   are not an error (quick-xml's behaviour).
//! - Malformed input (a tag, comment, CDATA or quote not closed, `<` at the end, a stray end
//!   tag, `&` with no `;`) gives [`XmlError`], after which the reader only gives [`Event::Eof`].
//!
//! Bounded: every event advances through the input and each byte is looked at a fixed number
//! of times, so reading is linear in the input; no event allocates more than its own size.

use std::borrow::Cow;

#[derive(Debug, PartialEq)]
pub enum Event<'a> {
    /// `<name …>`
    Start(Tag<'a>),
    /// `<name …/>`
    Empty(Tag<'a>),
    /// `</name>`: the qualified name.
    End(&'a [u8]),
    /// Text between tags (references decoded), or a CDATA section's content; never empty.
    Text(Cow<'a, str>),
    Eof,
}

/// The document is not well-formed XML.
#[derive(Debug, PartialEq, Clone, Copy)]
pub struct XmlError;

/// A start or empty tag: its qualified name and its attributes.
#[derive(Debug, PartialEq, Clone, Copy)]
pub struct Tag<'a> {
    name: &'a [u8],
    /// What follows the name up to `>` or `/>`.
    attributes: &'a str,
}

impl<'a> Tag<'a> {
    /// The qualified name (`w:p`).
    pub fn name(&self) -> &'a [u8] {
        self.name
    }

    /// The name without its prefix (`p`).
    pub fn local_name(&self) -> &'a [u8] {
        local_name(self.name)
    }

    /// The value of the first attribute whose local name is `local` (`val` finds `w:val`:
    /// OOXML's prefixes are conventions, not fixed), references decoded; `None` when absent or
    /// when the attributes are malformed before it.
    pub fn attr(&self, local: &[u8]) -> Option<Cow<'a, str>> {
        let (_, raw) = self.attributes().find(|(key, _)| local_name(key) == local)?;
        Some(unescape(raw, false).unwrap_or(Cow::Borrowed(raw)))
    }

    /// The attributes as written (qualified name, raw value), up to the first malformed one.
    pub fn attributes(&self) -> Attributes<'a> {
        Attributes { rest: self.attributes }
    }
}

/// The part of a qualified name after its first `:`.
pub fn local_name(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn skip_space(s: &str) -> &str {
    s.trim_start_matches([' ', '\t', '\r', '\n'])
}

pub struct Attributes<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a [u8], &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = skip_space(self.rest);
        // Whatever happens next, this iterator is done unless an attribute is read whole.
        self.rest = "";
        // A name's first byte is taken whatever it is (so `=a="1"` names `=a`, as in quick-xml).
        let key_len = 1 + rest.as_bytes().get(1..)?.iter().position(|&b| b == b'=' || is_space(b))?;
        let (key, after) = rest.split_at(key_len);
        let after = skip_space(after).strip_prefix('=')?;
        let after = skip_space(after);
        let quote = after.chars().next().filter(|&q| q == '"' || q == '\'')?;
        let value_len = after[1..].find(quote)?;
        self.rest = &after[1 + value_len + 1..];
        Some((key.as_bytes(), &after[1..1 + value_len]))
    }
}

pub struct Reader<'a> {
    xml: &'a str,
    pos: usize,
    /// The open elements' names, as ranges of `xml`.
    open: Vec<(usize, usize)>,
    done: bool,
}

impl<'a> Reader<'a> {
    pub fn new(xml: &'a str) -> Reader<'a> {
        // A byte order mark is not text.
        let pos = if xml.starts_with('\u{feff}') { 3 } else { 0 };
        Reader { xml, pos, open: Vec::new(), done: false }
    }

    /// The next event; after [`Event::Eof`] or an error, always [`Event::Eof`].
    pub fn read_event(&mut self) -> Result<Event<'a>, XmlError> {
        if self.done {
            return Ok(Event::Eof);
        }
        let event = self.next_event();
        if matches!(event, Ok(Event::Eof) | Err(_)) {
            self.done = true;
        }
        event
    }

    fn next_event(&mut self) -> Result<Event<'a>, XmlError> {
        loop {
            let start = self.pos;
            let rest = &self.xml.as_bytes()[start..];
            let Some(&first) = rest.first() else { return Ok(Event::Eof) };
            if first != b'<' {
                let len = rest.iter().position(|&b| b == b'<').unwrap_or(rest.len());
                self.pos += len;
                return unescape(&self.xml[start..self.pos], true).map(Event::Text).ok_or(XmlError);
            }
            match rest.get(1) {
                None => return Err(XmlError),
                Some(b'!') => {
                    let (len, text) = bang(rest).ok_or(XmlError)?;
                    self.pos += len;
                    match text {
                        // CDATA: its content, as written.
                        Some((from, to)) if to > from => {
                            return Ok(Event::Text(Cow::Borrowed(&self.xml[start + from..start + to])));
                        }
                        _ => continue,
                    }
                }
                Some(b'?') => {
                    // `<?…?>`, at least `<??>`.
                    let end = (2..rest.len()).find(|&i| rest[i] == b'>' && rest[i - 1] == b'?').ok_or(XmlError)?;
                    if end < 3 {
                        return Err(XmlError);
                    }
                    self.pos += end + 1;
                    continue;
                }
                Some(b'/') => {
                    let end = tag_end(rest).ok_or(XmlError)?;
                    self.pos += end + 1;
                    // Blanks may follow the name (an end tag of blanks only is kept whole, as
                    // quick-xml keeps it).
                    let content = &self.xml[start + 2..start + end];
                    let name = match content.trim_end_matches([' ', '\t', '\r', '\n']) {
                        "" => content,
                        name => name,
                    }
                    .as_bytes();
                    let (from, to) = self.open.pop().ok_or(XmlError)?;
                    if name != &self.xml.as_bytes()[from..to] {
                        return Err(XmlError);
                    }
                    return Ok(Event::End(name));
                }
                Some(_) => {
                    let end = tag_end(rest).ok_or(XmlError)?;
                    self.pos += end + 1;
                    let content = &self.xml[start + 1..start + end];
                    let (content, empty) = match content.strip_suffix('/') {
                        Some(c) => (c, true),
                        None => (content, false),
                    };
                    let name_len = content.bytes().position(is_space).unwrap_or(content.len());
                    let tag = Tag { name: &content.as_bytes()[..name_len], attributes: &content[name_len..] };
                    if empty {
                        return Ok(Event::Empty(tag));
                    }
                    self.open.push((start + 1, start + 1 + name_len));
                    return Ok(Event::Start(tag));
                }
            }
        }
    }
}

/// The index of the `>` that closes the tag starting at `b[0]` (`<`): the first one outside
/// quotes.
fn tag_end(b: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (i, &c) in b.iter().enumerate() {
        match (quote, c) {
            (None, b'>') => return Some(i),
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if q == c => quote = None,
            _ => {}
        }
    }
    None
}

/// `b` starts with `<!`: a comment, a CDATA section or a DOCTYPE. Its length, and for CDATA
/// the range of its content; `None` if malformed.
fn bang(b: &[u8]) -> Option<(usize, Option<(usize, usize)>)> {
    let gt = |from: usize| (from..b.len()).filter(move |&i| b[i] == b'>');
    match b.get(2)? {
        b'-' => {
            // `<!---->` at least; the `--` before `>` may not be the opening one's.
            let end = gt(6).find(|&i| b[..i].ends_with(b"--"))?;
            b.starts_with(b"<!--").then_some((end + 1, None))
        }
        b'[' => {
            let end = gt(0).find(|&i| b[..i].ends_with(b"]]"))?;
            b.starts_with(b"<![CDATA[").then_some((end + 1, Some((9, end - 2))))
        }
        b'D' | b'd' => {
            let end = doctype_end(b)?;
            let named = b.len() >= 9
                && b[..9].eq_ignore_ascii_case(b"<!DOCTYPE")
                && b.get(9..end).is_some_and(|name| name.iter().any(|&c| !is_space(c)));
            named.then_some((end + 1, None))
        }
        _ => None,
    }
}

/// The index of the `>` ending the DOCTYPE at `b[0]`: quoted literals and the internal subset
/// `[…]` (with its declarations, comments and processing instructions) skipped as quick-xml
/// does. Nothing in it is read.
fn doctype_end(b: &[u8]) -> Option<usize> {
    let find = |from: usize, f: &dyn Fn(u8) -> bool| b.get(from..)?.iter().position(|&c| f(c)).map(|i| from + i);
    let mut i = 0;
    loop {
        let j = find(i, &|c| matches!(c, b'\'' | b'"' | b'[' | b'>'))?;
        match b[j] {
            b'>' => return Some(j),
            b'[' => {
                i = j + 1;
                break;
            }
            q => i = find(j + 1, &|c| c == q)? + 1,
        }
    }
    loop {
        let j = find(i, &|c| c == b']' || c == b'<')?;
        if b[j] == b']' {
            return find(j + 1, &|c| c == b'>');
        }
        let markup = &b[j + 1..];
        let at = j + 1;
        i = if markup.starts_with(b"?") {
            // A processing instruction: up to `?>` (not the `?` that opens it).
            (at + 2..b.len()).find(|&k| b[k] == b'>' && b[k - 1] == b'?')? + 1
        } else if markup.starts_with(b"!--") {
            (at + 3..b.len()).find(|&k| b[k] == b'>' && b[at + 3..k].ends_with(b"--"))? + 1
        } else if markup.starts_with(b"!ELEMENT") {
            find(at + 8, &|c| c == b'>')? + 1
        } else if let Some(n) = [&b"!ENTITY"[..], b"!ATTLIST", b"!NOTATION"].iter().find(|k| markup.starts_with(k)) {
            // Quoted values may hold `>`.
            at + n.len() + tag_end(&markup[n.len()..])? + 1
        } else {
            find(at, &|c| c == b'>')? + 1
        };
    }
}

/// `raw` with references decoded. A `&` with no `;` before the next `&` or `<` is malformed
/// in text (`None` when `strict`), and kept as written in an attribute value.
fn unescape(raw: &str, strict: bool) -> Option<Cow<'_, str>> {
    let b = raw.as_bytes();
    let Some(first) = b.iter().position(|&c| c == b'&') else { return Some(Cow::Borrowed(raw)) };
    let mut out = String::with_capacity(raw.len());
    out.push_str(&raw[..first]);
    let mut i = first;
    while i < b.len() {
        // Here b[i] is `&`.
        let end = b[i + 1..].iter().position(|&c| matches!(c, b';' | b'&' | b'<')).map(|p| i + 1 + p);
        match end {
            Some(e) if b[e] == b';' => {
                match reference(&raw[i + 1..e]) {
                    Some(c) => out.push(c),
                    None => out.push_str(&raw[i..=e]),
                }
                i = e + 1;
            }
            _ if strict => return None,
            _ => {
                out.push('&');
                i += 1;
            }
        }
        let next = b[i..].iter().position(|&c| c == b'&').map_or(b.len(), |p| i + p);
        out.push_str(&raw[i..next]);
        i = next;
    }
    Some(Cow::Owned(out))
}

/// The character a reference names: a predefined entity or a character reference (not 0,
/// not a surrogate, no sign); `None` for anything else.
fn reference(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let number = name.strip_prefix('#')?;
            let (digits, radix) = match number.strip_prefix('x') {
                Some(hex) => (hex, 16),
                None => (number, 10),
            };
            if digits.is_empty() {
                return None;
            }
            let mut code = 0u32;
            for c in digits.chars() {
                code = code.checked_mul(radix)?.checked_add(c.to_digit(radix)?)?;
            }
            if code == 0 {
                return None;
            }
            char::from_u32(code)?
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/common/xml_events.rs"));

    /// Both readers accept it or both refuse it, and where they accept it they give the same
    /// events.
    fn same_as_quick_xml(xml: &str) {
        let (a, a_ok) = ours(xml);
        let (b, b_ok) = theirs(xml);
        assert_eq!(a_ok, b_ok, "accepted by one reader only: {xml:?}\nours {a:?}\nquick-xml {b:?}");
        if a_ok {
            assert_eq!(a, b, "{xml:?}");
        }
    }

    fn owned(attrs: &[(&str, &str)]) -> Vec<(String, String)> {
        attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn every_event_kind() {
        let xml = "\u{feff}<?xml version=\"1.0\"?><w:document xmlns:w=\"u\"><w:p a='1'><w:t>本年 3</w:t><w:br/></w:p>\n</w:document>";
        let (events, ok) = ours(xml);
        assert!(ok);
        assert_eq!(
            events,
            [
                Ev::Start("w:document".into(), owned(&[("xmlns:w", "u")])),
                Ev::Start("w:p".into(), owned(&[("a", "1")])),
                Ev::Start("w:t".into(), vec![]),
                Ev::Text("本年 3".into()),
                Ev::End("w:t".into()),
                Ev::Empty("w:br".into(), vec![]),
                Ev::End("w:p".into()),
                Ev::Text("\n".into()),
                Ev::End("w:document".into()),
            ]
        );
        same_as_quick_xml(xml);
    }

    #[test]
    fn attributes_both_quotes_namespaces_and_references() {
        let xml = r#"<w:lvl w:ilvl = "1" x:val='a"b' w:val="%1&amp;&#x4E00;&nbsp;" c="&"/>"#;
        let mut reader = Reader::new(xml);
        let Ok(Event::Empty(t)) = reader.read_event() else { panic!() };
        assert_eq!((t.name(), t.local_name()), (&b"w:lvl"[..], &b"lvl"[..]));
        assert_eq!(t.attr(b"ilvl").as_deref(), Some("1"));
        // By local name: the first `val`, whatever its prefix.
        assert_eq!(t.attr(b"val").as_deref(), Some("a\"b"));
        assert_eq!(t.attr(b"missing"), None);
        // References decoded; an unknown one and a lone `&` kept as written.
        assert_eq!(t.attributes().nth(2), Some((&b"w:val"[..], "%1&amp;&#x4E00;&nbsp;")));
        let Ok(Event::Empty(t)) = Reader::new(r#"<a w:val="%1&amp;&#x4E00;&nbsp;" c="&"/>"#).read_event() else {
            panic!()
        };
        assert_eq!(t.attr(b"val").as_deref(), Some("%1&一&nbsp;"));
        assert_eq!(t.attr(b"c").as_deref(), Some("&"));
        same_as_quick_xml(xml);
        // A name's first byte is a name's, even `=` (as quick-xml reads it).
        let xml = r#"<a =b="1" é="2"/>"#;
        let Ok(Event::Empty(t)) = Reader::new(xml).read_event() else { panic!() };
        assert_eq!(t.attributes().collect::<Vec<_>>(), [(&b"=b"[..], "1"), ("é".as_bytes(), "2")]);
        same_as_quick_xml(xml);
        // Malformed attributes: the ones before are found, none after.
        for bad in [r#"<a x="1" y=2 z="3"/>"#, r#"<a x="1" y z="3"/>"#, r#"<a x="1" y="2/>"#, r#"<a x="1" = z="3"/>"#] {
            let mut reader = Reader::new(bad);
            if let Ok(Event::Empty(t) | Event::Start(t)) = reader.read_event() {
                assert_eq!(t.attr(b"x").as_deref(), Some("1"));
                assert_eq!(t.attr(b"z"), None, "{bad}");
            }
        }
    }

    #[test]
    fn entities_and_character_references() {
        let text = |xml: &str| match ours(xml) {
            (events, true) => events,
            (_, false) => panic!("refused {xml}"),
        };
        assert_eq!(
            text("<t>&lt;&gt;&amp;&quot;&apos; &#20013;&#x4e00;&#x4E00;&#x1F600;</t>")[1],
            Ev::Text("<>&\"' 中一一😀".into())
        );
        // Not decoded, kept as written: an undeclared entity (nothing is expanded), and
        // character references to nothing (0, a surrogate, past U+10FFFF, a sign, an
        // uppercase X, no digits): the text shows what the file holds.
        for kept in ["&nbsp;", "&#0;", "&#xD800;", "&#x110000;", "&#99999999999;", "&#+65;", "&#X41;", "&#;", "&#x;"] {
            assert_eq!(text(&format!("<t>a{kept}b</t>"))[1], Ev::Text(format!("a{kept}b")), "{kept}");
            same_as_quick_xml(&format!("<t>a{kept}b</t>"));
        }
        // Text with no reference is borrowed, not copied.
        let mut reader = Reader::new("plain");
        assert!(matches!(reader.read_event(), Ok(Event::Text(Cow::Borrowed("plain")))));
        // A `&` with no `;`: malformed.
        for bad in ["<t>a & b</t>", "<t>a &amp b</t>", "<t>&", "<t>a&b&c;</t>"] {
            assert!(!ours(bad).1, "{bad}");
            same_as_quick_xml(bad);
        }
    }

    #[test]
    fn cdata_is_text_comments_pis_and_doctype_are_skipped() {
        let xml = concat!(
            "<?xml version='1.0'?><!DOCTYPE w:document SYSTEM \"x>y\" [",
            "<!ENTITY a \"<b>\"><!-- ] > --><?pi ] > ?><!ELEMENT t (#PCDATA)><!ATTLIST t a CDATA '>'>]>",
            "<t>a<![CDATA[<b>&amp;]]]]>b<!-- <c> -->c<?pi <d>?>&a;<!---->d</t>",
        );
        assert_eq!(
            ours(xml),
            (vec![Ev::Start("t".into(), vec![]), Ev::Text("a<b>&amp;]]bc&a;d".into()), Ev::End("t".into())], true)
        );
        same_as_quick_xml(xml);
        for case in [
            "<!doctype t><t/>",
            "<!DOCTYPE t PUBLIC 'a' \"b\"><t/>",
            "<!DOCTYPE t [<!NOTATION n SYSTEM '>'><?x?>]><t/>",
            "<!DOCTYPE t [ <x > ]><t/>",
            "<t><![CDATA[]]></t>",
            "<t><![CDATA[x]]><![CDATA[y]]></t>",
            // Malformed, both readers refusing them.
            "<!DOCTYPE><t/>",
            "<!DOCTYPE  ><t/>",
            "<!DOCTYPE t [<!ENTITY a 'x>]><t/>",
            "<!-x--><t/>",
            "<!--><t/>",
            "<!---><t/>",
            "<!----><t/>",
            "<![CDATA]]><t/>",
            "<![CDATA[x]><t/>",
            "<!x><t/>",
            "<!",
            "<?><t/>",
            "<??><t/>",
            "<?x><t/>",
        ] {
            same_as_quick_xml(case);
        }
    }

    /// The "billion laughs": entities defined in ten levels of ten references each. Nothing is
    /// expanded, so the text is the one reference as written, read at once.
    #[test]
    fn billion_laughs_is_not_expanded() {
        let mut xml = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for level in 1..=9 {
            let refs: String = (0..10).map(|_| format!("&lol{};", level - 1)).collect::<String>();
            let refs = if level == 1 { refs.replace("&lol0;", "&lol;") } else { refs };
            xml.push_str(&format!("<!ENTITY lol{level} \"{refs}\">\n"));
        }
        xml.push_str("]>\n<lolz>&lol9;</lolz>");
        let (events, ok) = ours(&xml);
        assert!(ok);
        assert_eq!(events[1..], [Ev::Start("lolz".into(), vec![]), Ev::Text("&lol9;".into()), Ev::End("lolz".into())]);
        same_as_quick_xml(&xml);
    }

    #[test]
    fn malformed_input_ends_with_an_error_never_a_panic() {
        for bad in [
            "<a",
            "<",
            "<a><",
            "<a b=\"1></a>",
            "<a b='1></a>",
            "</a>",
            "<a></b>",
            "<a><b></a></b>",
            "<a>text</a></a>",
            "<a></a >x</a>",
            // A nameless element `< >` is closed by `</>`, not by `</ >`.
            "< ></ >",
            "<!-- never closed",
            "<![CDATA[ never closed",
            "<?pi never closed",
            "<!DOCTYPE x [ <!ENTITY",
        ] {
            assert!(!ours(bad).1, "{bad}");
            same_as_quick_xml(bad);
        }
        // Still open at the end: not an error (the caller decides), as with quick-xml.
        for lenient in ["<a><b>text", "<a></a >", "<a\"b>c\"></a\"b>c\">", "text only", ""] {
            assert!(ours(lenient).1, "{lenient}");
            same_as_quick_xml(lenient);
        }
        // A huge attribute, a huge unclosed one, deep nesting: linear, bounded.
        let huge = format!("<a v=\"{}\"/>", "x".repeat(1 << 22));
        let Ok(Event::Empty(t)) = Reader::new(&huge).read_event() else { panic!() };
        assert_eq!(t.attr(b"v").map(|v| v.len()), Some(1 << 22));
        assert!(!ours(&huge[..huge.len() - 3]).1);
        let deep = "<a>".repeat(100_000) + &"</a>".repeat(100_000);
        assert!(ours(&deep).1);
        // Every prefix of a small document: read or refused, each event advancing.
        let doc =
            "<?xml?><!DOCTYPE d [<!ENTITY e 'v'>]><d a=\"1\" b='&amp;'><!--c--><e><![CDATA[x]]>&#x41;&lt;</e><f/></d>";
        for n in 0..=doc.len() {
            if doc.is_char_boundary(n) {
                let (events, _) = ours(&doc[..n]);
                assert!(events.len() <= n);
                same_as_quick_xml(&doc[..n]);
            }
        }
    }

    /// Every XML part of the .docx fixtures and of the corpus's .docx files reads to the same
    /// events as with quick-xml.
    #[test]
    fn docx_parts_read_as_quick_xml_reads_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = ["tests/fixtures/files", "../shared/corpus/files"]
            .iter()
            .filter_map(|dir| std::fs::read_dir(root.join(dir)).ok())
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "docx"))
            .collect();
        files.sort();
        let mut parts = 0;
        for path in &files {
            let bytes = std::fs::read(path).unwrap();
            let Ok(entries) = super::super::zip::entries(&bytes) else { continue };
            for entry in &entries {
                if !entry.name.ends_with(b".xml") && !entry.name.ends_with(b".rels") {
                    continue;
                }
                let Ok(Ok(xml)) = super::super::zip::read(&bytes, entry).map(String::from_utf8) else { continue };
                let (events, ok) = ours(&xml);
                assert!(ok, "{path:?} {}", s(entry.name));
                assert_eq!((events, ok), theirs(&xml), "{path:?} {}", s(entry.name));
                parts += 1;
            }
        }
        assert!(parts >= 50, "only {parts} parts read");
    }
}
