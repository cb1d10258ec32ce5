//! HTML input (clipboard `text/html`, saved pages): flattened to tab rows, positions kept.
//!
//! Output shape:
//! - every `<tr>` of a data table is one line, its fields joined by TAB;
//! - a merged cell's text is written once, in its first row and the last column it covers;
//!   every other grid position it covers is an empty field, so each row keeps the table's column
//!   positions (`<td rowspan=2>A</td><td>B</td>` / `<td>C</td>` gives `A\tB` / `\tC`;
//!   `<td colspan=2>A</td><td></td>` gives `\tA\t`): the fields after a row label are the row's
//!   own cells, and an empty field at the end of a row is an empty cell, not the label's padding;
//! - inside a cell, whitespace, `<br>` and block boundaries collapse to one space, so a field
//!   never holds TAB or newline (a cell's text stays on its row's line); a `<br>` or paragraph
//!   break between two CJK characters joins them without a space;
//! - a row with no text in any of its fields (only empty or merged-over cells) is not written;
//! - hidden elements (`hidden`, `style="display:none"`, Word's `mso-hide:all`) are not text;
//! - `<script>`, `<style>` and other non-text elements are dropped; `<title>` is a line of its own;
//! - outside tables, block elements break lines, `<br>` is a hard line break, inline tags vanish;
//! - a table that contains another table is treated as page layout, not data: its rows and cells
//!   only break lines, and the inner (data) tables are written as tab rows.
//!
//! Everything is one linear pass (two for the nesting check); merged-cell filling has an output
//! budget so hostile spans cannot blow up the result.

mod entities;
mod grid;
mod tokenizer;

use crate::text::{is_wide_cjk, OffsetMap};

use entities::decode_entity;
use grid::{Grid, OpenTable};
use tokenizer::{find_byte, is_tag_delimiter, starts_with_ignore_case, Tag, TagKind, Token, Tokenizer};

/// Text made from HTML, with `map.source(i)` = byte offset in the original input of the output
/// character starting at byte `i` (and the input's length for `text.len()`). The map is sparse:
/// text copied as it is costs nothing, so its size follows the markup, not the text.
pub struct Flattened {
    pub text: String,
    pub map: OffsetMap,
}

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
            pending_break: false,
            row_open: false,
            row_has_text: false,
            held_fields: Vec::new(),
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
// Renderer

/// Output text with its map, plus the whitespace-collapsing state.
struct Output {
    text: String,
    map: OffsetMap,
    /// Input offset of the last character written: offsets never go back.
    last_offset: usize,
    /// Offset of a collapsed whitespace run not yet written (written only between visible text).
    pending_space: Option<usize>,
    /// The pending whitespace includes a line break inside a cell (`<br>`, a paragraph end).
    pending_break: bool,
    /// A data table's row is being written: its field separators are held back until the row
    /// shows text, so a row without any text leaves nothing.
    row_open: bool,
    row_has_text: bool,
    /// Offsets of the TABs of the open row not yet written.
    held_fields: Vec<usize>,
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
        if self.row_open {
            self.row_has_text = true;
            self.write_held_fields();
        }
        let line_break = std::mem::take(&mut self.pending_break);
        if let Some(space_offset) = self.pending_space.take() {
            // Decision: a line break inside a cell between two CJK characters is no space (Word
            // wraps long labels: `本年新收政府信息<br>公开申请数量` is one label); between
            // other text it is one space (`1<br>2` must not become `12`).
            let joined = line_break && is_wide_cjk(c) && self.text.chars().next_back().is_some_and(is_wide_cjk);
            if !self.at_field_start() && !joined {
                self.push(' ', space_offset);
            }
        }
        self.push(c, offset);
    }

    fn write_held_fields(&mut self) {
        for i in 0..self.held_fields.len() {
            let offset = self.held_fields[i];
            self.push('\t', offset);
        }
        self.held_fields.clear();
    }

    fn space(&mut self, offset: usize) {
        self.pending_space.get_or_insert(offset);
    }

    /// A `<br>` or a block boundary inside a cell: a space, or nothing between CJK text.
    fn cell_break(&mut self, offset: usize) {
        self.space(offset);
        self.pending_break = true;
    }

    fn separator(&mut self, c: char, offset: usize) {
        self.pending_space = None;
        self.pending_break = false;
        self.push(c, offset);
    }

    /// Newline unless already at the start of a line (block boundaries don't stack up).
    fn soft_break(&mut self, offset: usize) {
        self.pending_space = None;
        self.pending_break = false;
        if !self.at_line_start() {
            self.push('\n', offset);
        }
    }

    fn begin_row(&mut self) {
        self.row_open = true;
        self.row_has_text = false;
    }

    /// The TAB before a field of the open row (held until the row shows text).
    fn field(&mut self, offset: usize) {
        if self.row_open {
            self.pending_space = None;
            self.pending_break = false;
            self.held_fields.push(offset);
        } else {
            self.separator('\t', offset);
        }
    }

    /// Ends the open row's line. Decision: a row without text in any field (Word's spacer rows,
    /// rows only covered by merged cells above) is dropped: it carries nothing a reader could use
    /// and would show as a line of bare TABs.
    fn end_row(&mut self, offset: usize) {
        if self.row_has_text {
            self.write_held_fields();
            self.separator('\n', offset);
        } else {
            self.held_fields.clear();
            self.pending_space = None;
            self.pending_break = false;
        }
        self.row_open = false;
        self.row_has_text = false;
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
                    self.out.cell_break(offset);
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
            self.out.cell_break(offset);
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
            "\t\t申请人情况\t自然人\t\t\t\t\t法人或其他组织\t总计".to_string(),
            "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t".to_string(),
            "\t\t一、本年新收政府信息公开申请数量\t12\t3\t0\t0\t1\t0\t16".to_string(),
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
                    fields.extend([String::new(), label.to_string()]);
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
        assert_eq!(got[3], "三、本年度办理结果\t\t（一）予以公开\t0\t1\t2\t3\t4\t5\t6");
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
        // The third row has no text of its own: it is dropped.
        assert_eq!(lines(html), ["a\tb", "c\t", "d"]);
    }

    #[test]
    fn overlapping_and_unclosed_cells() {
        // Implicitly closed cells and rows, as browsers accept them.
        let html = "<table><tr><td colspan=2>x<td>y<tr><td>1<td>2<td>3</table>tail";
        assert_eq!(lines(html), ["\tx\ty", "1\t2\t3", "tail"]);
    }

    #[test]
    fn cell_text_collapses_whitespace_and_blocks() {
        let html =
            "<table><tr><td>\n  <p>第一段\n  文字</p><p>第二段</p>a<br>b&nbsp;&nbsp;c  </td><td>\t</td></tr></table>";
        // Source whitespace is a space even between CJK text; a paragraph break there is none.
        assert_eq!(lines(html), ["第一段 文字第二段 a b c\t"]);
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
    fn hidden_elements_are_not_text() {
        let html = "<p hidden>隐藏段落</p><p>一、总体情况<span style=\"color:red; DISPLAY : None\">隐藏</span></p>\
                    <div style='mso-hide:all'><p>Word 隐藏<b>文字</b></p><div>嵌套</div></div><p>正文</p>\
                    <table><tr><td>a<span hidden>x</td><td>1</td></tr>\
                    <tr hidden><td>隐藏行</td><td>9</td></tr>\
                    <tr><td>b</td><td hidden>9<td>2</td></tr></table>\
                    <div hidden><table><tr><td>隐藏表</td></tr></table></div><p>尾<br hidden>部</p>";
        // A hidden element ends where a browser closes it: `</td>` closes the span in cell `a`;
        // a hidden cell is no field (the next cell takes its place, as in a browser's layout).
        assert_eq!(lines(html), ["一、总体情况", "正文", "a\t1", "b\t2", "尾部"]);
        let flat = flatten_html(html);
        assert_map_invariants(&flat, html);
        // `display` without `none`, `hidden` as a value, `visibility` are not hiding here.
        assert_eq!(lines("<p style='display:block' title=hidden>可见</p>"), ["可见"]);
        // Never closed: the rest is hidden, in one scan.
        let many = "<div hidden>x".repeat(50_000);
        assert_eq!(flatten_html(&many).text, "");
    }

    #[test]
    fn empty_rows_are_dropped() {
        // Word's spacer rows (only `&nbsp;` paragraphs) and a row only covered by a rowspan.
        let html = "<table><tr><td><p>&nbsp;</p></td><td><o:p>&nbsp;</o:p></td></tr>\
                    <tr><td rowspan=2>一</td><td>1</td></tr><tr></tr><tr><td></td><td></td></tr>\
                    <tr><td>二</td><td></td></tr></table>";
        assert_eq!(lines(html), ["一\t1", "二\t"]);
    }

    #[test]
    fn line_breaks_in_cells_stay_on_the_row() {
        let html = "<table><tr><td>（三）不予<br>公开</td><td><p>本年新收政府信息</p><p>公开申请数量</p></td>\
                    <td>1<br/>2</td><td>a<br>中</td><td>合计：<br>\n 5</td></tr><tr><td>下</td></tr></table>";
        assert_eq!(lines(html), ["（三）不予公开\t本年新收政府信息公开申请数量\t1 2\ta 中\t合计： 5", "下"]);
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
        // The `<title>` is kept: it names the report (see `classify`).
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
        assert_eq!(flat.text.lines().collect::<Vec<_>>(), ["\t".repeat(63) + "x", "\t".repeat(64) + "y"]);
    }

    #[test]
    fn hostile_sizes_stay_linear() {
        // 1 MB of rows, none with text: nothing to write.
        let rows = "<tr>".repeat(256 * 1024);
        let flat = flatten_html(&rows);
        assert_eq!(flat.text, "");
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
