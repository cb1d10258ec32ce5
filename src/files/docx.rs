//! `.docx` (Word, WPS): the main document part read as the text a person would paste, in the
//! shape the HTML reader gives a clipboard table (`layout/html`):
//!
//! - a paragraph is a line; `w:tab` a TAB, `w:br` a line break;
//! - a table row is one line, its cells joined by TAB; a cell spanning `w:gridSpan` columns is
//!   followed by empty fields, `w:gridBefore` puts empty fields first, and a `w:vMerge`
//!   continuation is the empty cell it is, so every row keeps the table's column positions;
//! - several paragraphs (or breaks) in a cell join with a space, or with nothing between CJK
//!   characters, so a cell stays on its row's line; a row with no text is not written;
//! - a table that holds another table is page layout: its cells' paragraphs are lines and the
//!   inner tables are written as TAB rows;
//! - text in hyperlinks, fields (their results, not their codes), smart tags, custom XML and
//!   content controls is kept; tracked insertions are kept, deletions and moved-away text
//!   dropped; of `mc:AlternateContent` only the first choice is read (the fallback repeats it);
//! - hidden text (a run formatted `w:vanish`) is not text, as Word neither shows nor copies it;
//! - automatic list numbers (`w:numPr`, the paragraph's own or its style's) are written as Word
//!   shows them ("一、", "（二）"), from `word/numbering.xml` ([`super::numbering`]);
//! - headers, footers, footnotes and comments are other parts, not read.
//!
//! Bounded: the part is inflated within the zip caps, and XML deeper than [`MAX_DEPTH`] or with
//! more than [`MAX_ELEMENTS`] elements is refused.

use super::numbering::Numbering;
use super::xml::{Event, Reader, Tag};
use super::{append_joined, zip, FileError};

const MAX_DEPTH: usize = 256;
const MAX_ELEMENTS: usize = 4_000_000;
/// How many fields one `w:gridSpan`/`w:gridBefore` may add.
const MAX_SPAN: usize = 64;
/// How many empty fields spans may add in all: a document of a million spanning cells stays a
/// text of its own size, not 64 times it.
const SPAN_BUDGET: usize = 1_000_000;

pub fn text(bytes: &[u8]) -> Result<String, FileError> {
    let entries = zip::entries(bytes)?;
    let main = entries
        .iter()
        .find(|e| e.name == b"word/document.xml")
        .or_else(|| entries.iter().find(|e| e.name.starts_with(b"word/document") && e.name.ends_with(b".xml")))
        .ok_or(FileError::NoDocument)?;
    let xml = zip::read(bytes, main)?;
    let xml = String::from_utf8(xml).map_err(|_| FileError::Damaged)?;
    // The list definitions and styles: without them (or unreadable) paragraphs have no numbers.
    let part = |name: &[u8]| {
        let e = entries.iter().find(|e| e.name == name)?;
        String::from_utf8(zip::read(bytes, e).ok()?).ok()
    };
    let numbering = match part(b"word/numbering.xml") {
        Some(numbering) => Numbering::read(&numbering, &part(b"word/styles.xml").unwrap_or_default()),
        None => Numbering::default(),
    };
    read_limited(&xml, MAX_ELEMENTS, numbering)
}

#[derive(Default)]
struct Cell {
    /// The cell as one field: paragraphs joined by a space (none between CJK).
    inline: String,
    /// The cell as lines, for a layout table: paragraphs and inner tables' rows.
    lines: String,
    /// Empty fields after this one (`w:gridSpan` − 1).
    span_after: usize,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
    /// Holds another table: written as lines, not TAB rows.
    layout: bool,
    /// Empty fields before the next cell of the current row (`w:gridBefore`).
    before: usize,
}

struct Doc {
    out: String,
    /// The paragraph being read.
    para: String,
    tables: Vec<Table>,
    /// Empty fields spans may still add.
    span_budget: usize,
    /// The run being read is hidden (`w:vanish`).
    hidden: bool,
    numbering: Numbering,
    /// The list of the paragraph whose properties are being read: its own `w:numId` and
    /// `w:ilvl`, its style's.
    num_id: Option<u32>,
    num_level: Option<usize>,
    style: String,
}

impl Doc {
    /// `n` empty fields, or as many as the budget still allows.
    fn extra_fields(&mut self, n: usize) -> usize {
        let n = n.min(self.span_budget);
        self.span_budget -= n;
        n
    }

    fn cell(&mut self) -> Option<&mut Cell> {
        self.tables.last_mut()?.rows.last_mut()?.last_mut()
    }

    /// A paragraph ends (or a break inside one, in a cell).
    fn end_paragraph(&mut self) {
        let para = std::mem::take(&mut self.para);
        if self.tables.is_empty() {
            self.out.push_str(&para);
            self.out.push('\n');
            return;
        }
        match self.cell() {
            // Text between cells (malformed): dropped rather than misplaced.
            None => {}
            Some(cell) => {
                let flat: String = para.chars().map(|c| if matches!(c, '\t' | '\n') { ' ' } else { c }).collect();
                append_joined(&mut cell.inline, &flat);
                cell.lines.push_str(&para);
                cell.lines.push('\n');
            }
        }
    }

    fn end_table(&mut self) {
        let Some(table) = self.tables.pop() else { return };
        let mut text = String::new();
        for row in table.rows {
            if table.layout {
                for cell in row {
                    text.push_str(&cell.lines);
                }
                continue;
            }
            if row.iter().all(|c| c.inline.trim().is_empty()) {
                continue;
            }
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    text.push('\t');
                }
                text.push_str(&cell.inline);
                text.extend(std::iter::repeat_n('\t', cell.span_after));
            }
            text.push('\n');
        }
        if self.tables.is_empty() {
            self.out.push_str(&text);
        } else if let Some(cell) = self.cell() {
            cell.lines.push_str(&text);
        }
    }
}

fn val(e: &Tag<'_>) -> Option<String> {
    e.attr(b"val").map(|v| v.into_owned())
}

/// A count of grid columns (`w:gridSpan`, `w:gridBefore`); 1 when absent or unreadable.
fn grid_val(e: &Tag<'_>) -> usize {
    val(e).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).min(MAX_SPAN)
}

/// Elements whose whole content is not document text.
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"del"
            | b"moveFrom"
            | b"delText"
            | b"instrText"
            | b"Fallback"
            | b"sectPr"
            | b"pPrChange"
            | b"rPrChange"
            | b"tblPr"
            | b"tblGrid"
            | b"fldData"
            | b"delInstrText"
    )
}

#[cfg(test)]
fn read_document(xml: &str) -> Result<String, FileError> {
    read_limited(xml, MAX_ELEMENTS, Numbering::default())
}

fn read_limited(xml: &str, max_elements: usize, numbering: Numbering) -> Result<String, FileError> {
    let mut reader = Reader::new(xml);
    let mut doc = Doc {
        out: String::new(),
        para: String::new(),
        tables: Vec::new(),
        span_budget: SPAN_BUDGET,
        hidden: false,
        numbering,
        num_id: None,
        num_level: None,
        style: String::new(),
    };
    let mut depth = 0usize;
    let mut elements = 0usize;
    // Depth at which a skipped element started, while inside it.
    let mut skip_from: Option<usize> = None;
    // Depth of the paragraph properties (`w:pPr`) being read: only the list and style are.
    let mut ppr_from: Option<usize> = None;
    // Inside `w:t` (text) — other elements' text (e.g. `w:instrText`) is not document text.
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|_| FileError::Damaged)?;
        match &event {
            Event::Start(_) | Event::Empty(_) => {
                elements += 1;
                if elements > max_elements {
                    return Err(FileError::TooComplex);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(FileError::TooComplex);
                }
                if skip_from.is_some() {
                    continue;
                }
                let name = e.local_name();
                if skipped(name) || (ppr_from.is_some() && matches!(name, b"rPr")) {
                    skip_from = Some(depth);
                    continue;
                }
                if name == b"pPr" {
                    ppr_from = Some(depth);
                    doc.num_id = None;
                    doc.num_level = None;
                    doc.style.clear();
                    continue;
                }
                if ppr_from.is_some() {
                    paragraph_property(&mut doc, name, &e);
                    continue;
                }
                start(&mut doc, name, &e);
                in_text = name == b"t";
            }
            Event::Empty(e) => {
                if skip_from.is_some() {
                    continue;
                }
                let name = e.local_name();
                if ppr_from.is_some() {
                    paragraph_property(&mut doc, name, &e);
                    continue;
                }
                start(&mut doc, name, &e);
                end(&mut doc, name);
            }
            Event::End(e) => {
                if skip_from == Some(depth) {
                    skip_from = None;
                } else if ppr_from == Some(depth) {
                    ppr_from = None;
                    doc.list_number();
                } else if ppr_from.is_some() {
                } else if skip_from.is_none() {
                    end(&mut doc, super::xml::local_name(e));
                }
                in_text = false;
                depth = depth.saturating_sub(1);
            }
            // Text and CDATA, references decoded.
            Event::Text(t) if in_text && skip_from.is_none() && !doc.hidden => doc.para.push_str(&t),
            _ => {}
        }
    }
    if !doc.para.is_empty() {
        doc.end_paragraph();
    }
    while !doc.tables.is_empty() {
        doc.end_table();
    }
    Ok(doc.out)
}

/// What a paragraph's properties say of its list number.
fn paragraph_property(doc: &mut Doc, name: &[u8], e: &Tag<'_>) {
    let number = || val(e).and_then(|v| v.trim().parse::<u32>().ok());
    match name {
        b"pStyle" => doc.style = val(e).unwrap_or_default(),
        b"numId" => doc.num_id = number(),
        b"ilvl" => doc.num_level = number().map(|l| l as usize),
        _ => {}
    }
}

impl Doc {
    /// At the end of a paragraph's properties: its list number, if it has one, starts its text.
    fn list_number(&mut self) {
        // The paragraph's own list, else its style's (at the paragraph's own level, if it has one).
        let own = self.num_id.map(|id| (id, self.num_level.unwrap_or(0)));
        let style = || self.numbering.style_num(&self.style).map(|(id, l)| (id, self.num_level.unwrap_or(l)));
        let Some((id, level)) = own.or_else(style) else { return };
        if let Some(label) = self.numbering.next(id, level) {
            self.para.push_str(&label);
        }
    }
}

fn start(doc: &mut Doc, name: &[u8], e: &Tag<'_>) {
    match name {
        b"tbl" => {
            for t in &mut doc.tables {
                t.layout = true;
            }
            doc.tables.push(Table::default());
        }
        b"tr" => {
            if let Some(t) = doc.tables.last_mut() {
                t.rows.push(Vec::new());
                t.before = 0;
            }
        }
        b"gridBefore" => {
            let n = doc.extra_fields(grid_val(e));
            if let Some(t) = doc.tables.last_mut() {
                t.before = n;
            }
        }
        b"tc" => {
            if let Some(t) = doc.tables.last_mut() {
                let before = std::mem::take(&mut t.before);
                if let Some(row) = t.rows.last_mut() {
                    row.extend(std::iter::repeat_with(Cell::default).take(before));
                    row.push(Cell::default());
                }
            }
        }
        b"gridSpan" => {
            let n = doc.extra_fields(grid_val(e).saturating_sub(1));
            if let Some(cell) = doc.cell() {
                cell.span_after = n;
            }
        }
        b"r" => doc.hidden = false,
        // In a run's properties (those of a paragraph mark are skipped with `w:pPr`).
        b"vanish" => doc.hidden = !matches!(val(e).as_deref(), Some("0" | "false" | "off")),
        _ if doc.hidden => {}
        b"tab" => doc.para.push('\t'),
        b"br" | b"cr" => {
            if doc.tables.is_empty() {
                doc.para.push('\n');
            } else {
                doc.end_paragraph();
            }
        }
        b"noBreakHyphen" => doc.para.push('-'),
        _ => {}
    }
}

fn end(doc: &mut Doc, name: &[u8]) {
    match name {
        b"r" => doc.hidden = false,
        b"p" => doc.end_paragraph(),
        b"tbl" => doc.end_table(),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{inner}<w:sectPr/></w:body></w:document>"#
        )
    }
    fn p(s: &str) -> String {
        format!("<w:p><w:r><w:t>{s}</w:t></w:r></w:p>")
    }
    fn tc(s: &str) -> String {
        format!("<w:tc>{}</w:tc>", p(s))
    }

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let xml = body(&format!(
            "{}<w:p><w:r><w:t xml:space=\"preserve\">本年 </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>3</w:t><w:tab/><w:t>件</w:t><w:br/><w:t>A&amp;B&#x4E00;</w:t></w:r></w:p>",
            p("一、总体情况")
        ));
        assert_eq!(read_document(&xml).unwrap(), "一、总体情况\n本年 3\t件\nA&B一\n");
    }

    #[test]
    fn tables_keep_columns_through_merges() {
        let row1 = format!(
            "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/></w:tcPr>{}</w:tc>{}</w:tr>",
            p("申请人情况"),
            tc("总计")
        );
        let row2 =
            format!("<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge/></w:tcPr><w:p/></w:tc>{}</w:tr>", tc("5"));
        let row3 = format!("<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr>", tc("a"), tc("7"));
        let empty = format!("<w:tr>{}{}</w:tr>", tc(""), tc(""));
        let cell2 = "<w:tc><w:p><w:r><w:t>（三）不予</w:t></w:r></w:p><w:p><w:r><w:t>公开</w:t></w:r></w:p><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>";
        let row4 = format!("<w:tr>{cell2}{}</w:tr>", tc("2"));
        let xml = body(&format!("<w:tbl><w:tblPr/>{row1}{row2}{row3}{empty}{row4}</w:tbl>{}", p("后")));
        assert_eq!(read_document(&xml).unwrap(), "申请人情况\t\t总计\n\t\t5\n\ta\t7\n（三）不予公开 x\t2\n后\n");
    }

    #[test]
    fn nested_table_makes_the_outer_one_layout() {
        let inner = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", tc("一、本年新收"), tc("3"));
        let xml = body(&format!("<w:tbl><w:tr><w:tc>{}{inner}<w:p/></w:tc>{}</w:tr></w:tbl>", p("标题"), tc("旁注")));
        assert_eq!(read_document(&xml).unwrap(), "标题\n一、本年新收\t3\n\n旁注\n");
    }

    #[test]
    fn list_numbers_from_the_paragraph_or_its_style() {
        let numbering = Numbering::read(
            r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="5">
                <w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
                <w:lvl w:ilvl="1"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
                </w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num></w:numbering>"#,
            r#"<w:styles xmlns:w="w"><w:style w:styleId="H"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style></w:styles>"#,
        );
        let num =
            |id: &str, lvl: &str| format!("<w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{id}\"/></w:numPr>");
        let xml = body(&format!(
            concat!(
                "<w:p><w:pPr>{}<w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>总体情况</w:t></w:r></w:p>",
                "<w:p><w:pPr><w:pStyle w:val=\"H\"/><w:numPr><w:ilvl w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>主动公开</w:t></w:r></w:p>",
                "<w:p><w:pPr><w:pStyle w:val=\"H\"/><w:pPrChange><w:pPr>{}</w:pPr></w:pPrChange></w:pPr><w:r><w:t>主动公开情况</w:t></w:r></w:p>",
                "<w:p><w:pPr>{}</w:pPr><w:r><w:t>不编号</w:t></w:r></w:p>",
            ),
            num("3", "0"),
            num("3", "1"),
            num("0", "0"),
        ));
        assert_eq!(
            read_limited(&xml, MAX_ELEMENTS, numbering).unwrap(),
            "一、总体情况\n（一）主动公开\n二、主动公开情况\n不编号\n"
        );
    }

    #[test]
    fn links_fields_controls_and_tracked_changes() {
        let xml = body(concat!(
            "<w:p><w:hyperlink r:id=\"x\" xmlns:r=\"r\"><w:r><w:t>链接</w:t></w:r></w:hyperlink>",
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>12</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            "<w:fldSimple w:instr=\"DATE\"><w:r><w:t>今日</w:t></w:r></w:fldSimple>",
            "<w:smartTag><w:r><w:t>甲</w:t></w:r></w:smartTag><w:customXml><w:r><w:t>乙</w:t></w:r></w:customXml>",
            "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent><w:r><w:t>丙</w:t></w:r></w:sdtContent></w:sdt>",
            "<w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:del><w:r><w:delText>旧</w:delText></w:r></w:del>",
            "<w:moveFrom><w:r><w:t>搬走</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>搬来</w:t></w:r></w:moveTo>",
            "<mc:AlternateContent xmlns:mc=\"mc\"><mc:Choice><w:r><w:t>选</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>备</w:t></w:r></mc:Fallback></mc:AlternateContent>",
            "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t><w:tab/></w:r>",
            "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>显</w:t></w:r>",
            "<w:r><w:rPr><w:rPrChange><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>示</w:t></w:r>",
            "</w:p>"
        ));
        assert_eq!(read_document(&xml).unwrap(), "链接12今日甲乙丙新搬来选显示\n");
    }

    #[test]
    fn hostile_xml_is_refused_not_crashed() {
        let deep = body(&"<w:sdt>".repeat(10_000));
        assert_eq!(read_document(&deep), Err(FileError::TooComplex));
        // The element cap, shown with a small one (the real one is 4 million).
        let many = body(&"<w:r/>".repeat(1000));
        assert_eq!(read_limited(&many, 999, Numbering::default()), Err(FileError::TooComplex));
        assert!(read_limited(&many, 1004, Numbering::default()).is_ok());
        assert_eq!(read_document("<w:p><w:t>x</w:p>"), Err(FileError::Damaged));
        // Unclosed tables and a huge span: bounded.
        let open = body(&"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"999999999\"/></w:tcPr>".repeat(50));
        assert!(read_document(&open).map_or(true, |t| t.len() < 10_000));
        // Spans add at most SPAN_BUDGET fields in all, however many cells ask.
        let cell = "<w:tc><w:tcPr><w:gridSpan w:val=\"64\"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>";
        let wide = body(&format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", cell.repeat(100_000)));
        let text = read_document(&wide).unwrap();
        assert_eq!(text.matches('\t').count(), 100_000 - 1 + SPAN_BUDGET);
        let zero =
            body(&format!("<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"0\"/></w:trPr>{}</w:tr></w:tbl>", tc("a")));
        assert_eq!(read_document(&zero).unwrap(), "a\n");
    }

    #[test]
    fn docx_bytes_to_text() {
        let xml = body(&p("正文"));
        for deflate in [false, true] {
            let z = zip::tests::zip(
                &[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", xml.as_bytes())],
                deflate,
            );
            assert_eq!(text(&z).unwrap(), "正文\n");
        }
        let z = zip::tests::zip(&[("word/styles.xml", b"<x/>")], true);
        assert_eq!(text(&z), Err(FileError::NoDocument));
    }
}
