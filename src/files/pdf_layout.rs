//! A PDF's positioned text runs → the text a person would paste: paragraphs as lines, each
//! table row on one line with its cells separated by TAB (as the `.docx` and HTML readers give).
//! One step shared by the page (pdf.js gives the runs) and the CLI (`pdf-extract` gives them), so
//! one PDF reads the same in both.
//!
//! A PDF has no tables, only glyphs at positions. The rows and columns are rebuilt from them:
//! - runs on one baseline form a line; runs closer than a gap form a segment (one cell's text);
//! - number segments of a table block, merged where their extents overlap, give the columns
//!   (left-, centre- and right-aligned numbers of one column all overlap);
//! - a row is a label line with the numbers nearest to it: a label wrapped over several lines is
//!   joined (its numbers may sit on any of those lines, each in its own column);
//! - labels of merged cells to the left (`（三）不予公开` beside its eight rows) and stacked
//!   header cells (`自然` over `人`, or one character per line) become one text each;
//! - page headers, footers and page numbers are dropped; a table going on over a page break is
//!   continued when its numbers fall in the same columns.
//!
//! Never a guess: a row with two numbers in one column keeps its numbers in one space-separated
//! cell, which the core cannot read as cells, so it reports the row unread instead of misplacing
//! a number.

use super::FileError;

/// One piece of text at its place on a page. `y` is the top of the glyph box (baseline − font
/// size), downward from the page top; `height` is the font size; all in PDF points.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub page: u32,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub text: String,
}

/// More runs than any report has (the CLI passes one per character).
const MAX_RUNS: usize = 2_000_000;
/// Coordinates beyond this (about 350 m) are not a page's.
const MAX_COORD: f32 = 1.0e6;
const MAX_FONT: f32 = 2000.0;
/// Fewer readable characters than this per page (over two pages or more), or none at all: a scan.
const MIN_CHARS_PER_PAGE: usize = 40;
/// Pieces closer than this (× font size) are one cell's text. Within a text a change of font
/// leaves about 0.2 (`2024年`); two table cells, even tightly padded, are 0.3 or more apart.
const MERGE_GAP: f32 = 0.27;
/// How many neighbours a search looks at, so crafted input cannot make it quadratic.
const NEAR: usize = 64;
/// Lines of one block re-checked when its columns merge; past this a block just ends there.
const MAX_CHECKED: usize = 4096;

/// The text of the runs, or [`FileError::PdfNoText`] when there is none to read.
pub fn runs_to_text(runs: &[Run]) -> Result<String, FileError> {
    if runs.len() > MAX_RUNS {
        return Err(FileError::TooLarge);
    }
    let pieces = pieces(runs)?;
    let mut lines = lines(pieces);
    drop_headers_and_footers(&mut lines);
    Ok(Layout::new(lines).text())
}

/// A run cleaned: finite, on a page, its text trimmed and split at gaps of spaces.
#[derive(Debug, Clone)]
struct Piece {
    page: u32,
    x0: f32,
    x1: f32,
    top: f32,
    height: f32,
    text: String,
}

impl Piece {
    fn baseline(&self) -> f32 {
        self.top + self.height
    }
}

fn unreadable(c: char) -> bool {
    matches!(c, '\u{FFFD}' | '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}') || (c.is_control() && c != '\t')
}

fn pieces(runs: &[Run]) -> Result<Vec<Piece>, FileError> {
    let (mut good, mut bad, mut pages) = (0usize, 0usize, 0u32);
    let mut out = Vec::with_capacity(runs.len());
    for r in runs {
        let finite = [r.x, r.y, r.width, r.height].iter().all(|v| v.is_finite() && v.abs() < MAX_COORD);
        if !finite || r.height <= 0.0 || r.height > MAX_FONT || r.width < 0.0 || r.page > 1_000_000 {
            continue;
        }
        for c in r.text.chars().filter(|c| !c.is_whitespace()) {
            if unreadable(c) {
                bad += 1;
            } else {
                good += 1;
            }
        }
        pages = pages.max(r.page);
        split_at_spaces(r, &mut out);
    }
    let scanned = good == 0 || (pages >= 2 && good < MIN_CHARS_PER_PAGE * pages as usize);
    // Glyphs without a Unicode mapping come out as private-use or replacement characters.
    if scanned || bad * 10 > good {
        return Err(FileError::PdfNoText);
    }
    Ok(out)
}

/// A run's text without its unreadable characters, split where it holds two or more spaces (or
/// a space between two non-Latin texts), which a PDF writer uses to space columns; positions
/// are shared out by character count.
fn split_at_spaces(r: &Run, out: &mut Vec<Piece>) {
    let chars: Vec<char> = r.text.chars().map(|c| if unreadable(c) { ' ' } else { c }).collect();
    let n = chars.len().max(1) as f32;
    let per_char = r.width / n;
    let mut start = None;
    let mut i = 0;
    while i <= chars.len() {
        let end_here = i == chars.len() || chars[i].is_whitespace();
        if end_here {
            // A single space between Latin letters or digits is a word space, not a gap.
            let single = i < chars.len()
                && i + 1 < chars.len()
                && !chars[i + 1].is_whitespace()
                && i > 0
                && chars[i - 1].is_ascii_alphanumeric()
                && chars[i + 1].is_ascii_alphanumeric();
            if single {
                i += 1;
                continue;
            }
            if let Some(s) = start.take() {
                let text: String = chars[s..i].iter().collect();
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                out.push(Piece {
                    page: r.page,
                    x0: r.x + per_char * s as f32,
                    x1: r.x + per_char * i as f32,
                    top: r.y,
                    height: r.height,
                    text,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += 1;
    }
}

/// One cell's text on a line.
#[derive(Debug, Clone)]
struct Segment {
    x0: f32,
    x1: f32,
    top: f32,
    height: f32,
    text: String,
}

impl Segment {
    fn bottom(&self) -> f32 {
        self.top + self.height
    }
    fn baseline(&self) -> f32 {
        self.bottom()
    }
    fn is_value(&self) -> bool {
        is_value(&self.text)
    }
}

/// A number, or a mark standing for "none" (`/`, a dash), as a cell holds.
fn is_value(t: &str) -> bool {
    if matches!(t, "/" | "／" | "-" | "－" | "—" | "——" | "–") {
        return true;
    }
    let t = t.strip_prefix(['-', '+', '－']).unwrap_or(t);
    let t = t.strip_suffix(['%', '％']).unwrap_or(t);
    !t.is_empty()
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

#[derive(Debug, Clone)]
struct Line {
    page: u32,
    top: f32,
    bottom: f32,
    height: f32,
    segments: Vec<Segment>,
}

impl Line {
    fn baseline(&self) -> f32 {
        self.bottom
    }
    fn text(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\t")
    }
}

/// Pieces on one baseline (within a third of the font size: digits and CJK of one row sit a
/// little apart) form a line; pieces closer than [`MERGE_GAP`] form one segment.
fn lines(mut pieces: Vec<Piece>) -> Vec<Line> {
    sort(&mut pieces, |p| (p.page, p.baseline(), p.x0));
    let mut lines = Vec::new();
    let mut group: Vec<Piece> = Vec::new();
    for p in pieces {
        let same = group.first().is_some_and(|first| {
            first.page == p.page && p.baseline() - first.baseline() <= 0.3 * first.height.max(p.height)
        });
        if !same && !group.is_empty() {
            lines.push(line_of(std::mem::take(&mut group)));
        }
        group.push(p);
    }
    if !group.is_empty() {
        lines.push(line_of(group));
    }
    lines
}

fn line_of(mut pieces: Vec<Piece>) -> Line {
    sort(&mut pieces, |p| (0, p.x0, 0.0));
    let mut segments: Vec<Segment> = Vec::new();
    for p in &pieces {
        if let Some(s) = segments.last_mut() {
            let gap = p.x0 - s.x1;
            let size = s.height.max(p.height);
            // Two numbers a space apart stay two (then one column holding both is refused).
            let two_values = gap > 0.15 * size && is_value(&s.text) && is_value(&p.text);
            if gap < MERGE_GAP * size && !two_values {
                let latin = s.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && p.text.starts_with(|c: char| c.is_ascii_alphanumeric());
                if latin && gap > 0.15 * size {
                    s.text.push(' ');
                }
                s.text.push_str(&p.text);
                s.x1 = s.x1.max(p.x1);
                s.top = s.top.min(p.top);
                s.height = s.height.max(p.baseline() - s.top);
                continue;
            }
        }
        segments.push(Segment { x0: p.x0, x1: p.x1, top: p.top, height: p.height, text: p.text.clone() });
    }
    let top = segments.iter().map(|s| s.top).fold(f32::INFINITY, f32::min);
    let bottom = segments.iter().map(|s| s.bottom()).fold(f32::NEG_INFINITY, f32::max);
    let height = pieces.iter().map(|p| p.height).fold(0.0, f32::max);
    Line { page: pieces[0].page, top, bottom, height, segments }
}

/// A page number: `3`, `- 3 -`, `第 3 页`, `3/12`, `第3页 共12页`.
fn is_page_number(t: &str) -> bool {
    let core: String = t.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '—' | '–' | '－')).collect();
    let rest = core.replace(|c: char| c.is_ascii_digit(), "");
    core.chars().any(|c| c.is_ascii_digit())
        && core.chars().count() <= 12
        && rest.chars().all(|c| matches!(c, '第' | '页' | '共' | '/' | '／' | '.' | 'P' | 'p' | 'a' | 'g' | 'e'))
}

/// Lines repeated at the top or bottom of pages (digits aside), and page numbers alone at the
/// top or bottom set off from the text, are the page's furniture, not the report.
fn drop_headers_and_footers(lines: &mut Vec<Line>) {
    let pages: Vec<u32> = {
        let mut p: Vec<u32> = lines.iter().map(|l| l.page).collect();
        p.dedup();
        p
    };
    let key = |l: &Line| l.text().replace(|c: char| c.is_ascii_digit(), "#");
    let mut first_last = Vec::new(); // (index of first line, index of last line) per page
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j + 1 < lines.len() && lines[j + 1].page == lines[i].page {
            j += 1;
        }
        first_last.push((i, j));
        i = j + 1;
    }
    let mut drop = vec![false; lines.len()];
    if pages.len() >= 2 {
        for edge in [0, 1] {
            let keys: Vec<String> =
                first_last.iter().map(|&(f, l)| key(&lines[if edge == 0 { f } else { l }])).collect();
            // A running header or footer repeats on the page before or after.
            for (n, &(f, l)) in first_last.iter().enumerate() {
                let k = &keys[n];
                let repeated = (n > 0 && keys[n - 1] == *k) || keys.get(n + 1) == Some(k);
                if repeated && first_last.len() >= 2 {
                    drop[if edge == 0 { f } else { l }] = true;
                }
            }
        }
    }
    for &(f, l) in &first_last {
        for (idx, neighbour) in [(l, l.checked_sub(1).filter(|&n| n >= f)), (f, Some(f + 1).filter(|&n| n <= l))] {
            let line = &lines[idx];
            if line.segments.len() != 1 || !is_page_number(&line.segments[0].text) {
                continue;
            }
            // Set off from the text by more than a blank line (or alone on its page).
            let apart = neighbour.is_none_or(|n| {
                let other = &lines[n];
                let gap = if n < idx { line.top - other.bottom } else { other.top - line.bottom };
                gap > 1.5 * line.height.max(other.height)
            });
            if apart {
                drop[idx] = true;
            }
        }
    }
    let mut k = 0;
    lines.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// Header cells printed as one line: page, top, bottom, and (x, text) of each cell.
type HeaderLine = (u32, f32, f32, Vec<(f32, String)>);

/// Something to print, at its place: a row or a plain line.
struct Out {
    page: u32,
    y: f32,
    x: f32,
    text: String,
}

struct Layout {
    lines: Vec<Line>,
}

/// Columns of a table block: the extents of its numbers, merged where they overlap.
#[derive(Debug, Clone, Default)]
struct Bands(Vec<(f32, f32)>);

impl Bands {
    fn of(values: impl Iterator<Item = (f32, f32)>) -> Bands {
        let mut v: Vec<(f32, f32)> = values.collect();
        sort(&mut v, |b| (0, b.0, 0.0));
        let mut out: Vec<(f32, f32)> = Vec::new();
        for (a, b) in v {
            match out.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        Bands(out)
    }
    /// The band that holds `x0..x1`, if exactly one does.
    fn index(&self, x0: f32, x1: f32) -> Option<usize> {
        // Bands are sorted and apart: the first ending at or after x0 is the only candidate.
        let first = self.0.partition_point(|b| b.1 < x0);
        let hits = |i: usize| self.0.get(i).is_some_and(|b| x0 <= b.1 && x1 >= b.0);
        (hits(first) && !hits(first + 1)).then_some(first)
    }
    fn start(&self) -> f32 {
        self.0.first().map_or(f32::INFINITY, |b| b.0)
    }
    /// Every value of `line` falls in its own existing band.
    fn fits(&self, line: &Line) -> bool {
        let mut used = vec![false; self.0.len()];
        line.segments.iter().filter(|s| s.is_value()).all(|s| match self.index(s.x0, s.x1) {
            Some(i) if !used[i] => {
                used[i] = true;
                true
            }
            _ => false,
        })
    }
}

fn has_value(l: &Line) -> bool {
    l.segments.iter().any(Segment::is_value)
}

/// A row label's numbering: `一、` `（一）` `1.` `(1)`; a line starting so begins a new label.
fn starts_label(t: &str) -> bool {
    let mut cs = t.chars();
    let Some(first) = cs.next() else { return false };
    let numeral = |c: char| crate::text::numeral_value(c).is_some();
    if numeral(first) {
        return cs.find(|c| !numeral(*c)) == Some('、');
    }
    if matches!(first, '（' | '(') {
        let inner: String = cs.by_ref().take_while(|c| !matches!(c, '）' | ')')).collect();
        return !inner.is_empty()
            && inner.chars().count() <= 3
            && inner.chars().all(|c| numeral(c) || c.is_ascii_digit());
    }
    if first.is_ascii_digit() {
        let rest: String = cs.skip_while(|c| c.is_ascii_digit()).take(1).collect();
        return matches!(rest.as_str(), "." | "、" | "．");
    }
    false
}

impl Layout {
    fn new(lines: Vec<Line>) -> Layout {
        Layout { lines }
    }

    /// Table blocks: lines from a line with a number on, while lines follow closely (no gap of
    /// more than two and a half lines, no heading) or, over a page break, while the numbers fall in the same
    /// columns. Returns (first, last) line indices.
    fn blocks(&self) -> Vec<(usize, usize)> {
        let l = &self.lines;
        let mut blocks = Vec::new();
        let mut i = 0;
        while i < l.len() {
            // The block starts at the header: the close lines above its first number line.
            if !has_value(&l[i]) {
                i += 1;
                continue;
            }
            let mut start = i;
            while start > 0 && close(&l[start - 1], &l[start]) && blocks.last().is_none_or(|&(_, e)| e < start - 1) {
                start -= 1;
            }
            let mut end = i;
            let values =
                |line: &Line| line.segments.iter().filter(|s| s.is_value()).map(|s| (s.x0, s.x1)).collect::<Vec<_>>();
            let mut bands = Bands::of(values(&l[i]).into_iter());
            let mut value_lines = vec![i];
            let mut next_start = None;
            while end + 1 < l.len() {
                let next = &l[end + 1];
                let go_on = if next.page == l[end].page {
                    close(&l[end], next)
                } else {
                    // Over a page break: the next page's first number line must fit the columns.
                    let first_value = l[end + 1..].iter().take_while(|x| x.page == next.page).find(|x| has_value(x));
                    first_value.is_some_and(|f| bands.fits(f))
                };
                if !go_on {
                    break;
                }
                if has_value(next) {
                    let merged = Bands::of(bands.0.iter().copied().chain(values(next)));
                    // Columns of another table (two numbers of one line in one merged column):
                    // a new block begins after the widest gap since the last number line.
                    // Only where a header stands between: within one table a clash is a row
                    // whose numbers cannot be placed, and stays so (never a guess).
                    let last = *value_lines.last().unwrap_or(&i);
                    let header_between = l[last + 1..=end]
                        .iter()
                        .any(|h| h.segments.iter().any(|s| !s.is_value() && s.x1 > bands.start()));
                    let clash = header_between
                        && (!merged.fits(next)
                            || (merged.0.len() < bands.0.len()
                                && (value_lines.len() > MAX_CHECKED
                                    || value_lines.iter().any(|&v| !merged.fits(&l[v])))));
                    if clash {
                        let split = (last + 1..=end + 1)
                            .max_by(|&a, &b| gap_above(l, a).total_cmp(&gap_above(l, b)))
                            .unwrap_or(end + 1);
                        end = split - 1;
                        next_start = Some(split);
                        break;
                    }
                    bands = merged;
                    value_lines.push(end + 1);
                }
                end += 1;
            }
            blocks.push((start, end));
            i = match next_start {
                // Resume at the clashing number line; its header is found walking up again.
                Some(split) => (split..l.len()).find(|&k| has_value(&l[k])).unwrap_or(l.len()),
                None => end + 1,
            };
        }
        blocks
    }

    fn text(&self) -> String {
        let mut outs: Vec<Out> = Vec::new();
        let mut in_block = vec![false; self.lines.len()];
        for (start, end) in self.blocks() {
            in_block[start..=end].iter_mut().for_each(|b| *b = true);
            self.table(&self.lines[start..=end], &mut outs);
        }
        for (line, _) in self.lines.iter().zip(&in_block).filter(|(_, b)| !**b) {
            outs.push(Out { page: line.page, y: line.baseline(), x: line.segments[0].x0, text: line.text() });
        }
        sort(&mut outs, |o| (o.page, o.y, o.x));
        let mut text = String::new();
        for o in outs {
            text.push_str(&o.text);
            text.push('\n');
        }
        text
    }

    /// One table block → its rows and its other lines (headers, merged labels).
    fn table(&self, lines: &[Line], outs: &mut Vec<Out>) {
        let bands = Bands::of(lines.iter().flat_map(|l| &l.segments).filter(|s| s.is_value()).map(|s| (s.x0, s.x1)));
        let numbers_from = bands.start();
        let size = lines.iter().map(|l| l.height).fold(0.0, f32::max).max(1.0);
        // Every segment of the block, by kind.
        #[derive(Clone, Copy, PartialEq)]
        enum Kind {
            Value,
            Label,
            Outer,
            Header,
        }
        struct Seg<'a> {
            line: usize,
            page: u32,
            s: &'a Segment,
            kind: Kind,
        }
        let mut segs: Vec<Seg> = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let line_has_header_text =
                !has_value(l) && l.segments.iter().any(|s| !s.is_value() && s.x1 > numbers_from - 0.25 * size);
            for s in &l.segments {
                let kind = if s.is_value() && s.x0 >= numbers_from - 0.25 * size {
                    Kind::Value
                } else if s.x1 > numbers_from - 0.25 * size || line_has_header_text {
                    Kind::Header
                } else {
                    Kind::Label
                };
                segs.push(Seg { line: i, page: l.page, s, kind });
            }
        }
        // A label with another label to its right, near it, is a merged cell spanning rows.
        let labels: Vec<usize> = (0..segs.len()).filter(|&k| segs[k].kind == Kind::Label).collect();
        for (n, &k) in labels.iter().enumerate() {
            let s = segs[k].s;
            let near = labels[n.saturating_sub(NEAR)..(n + NEAR).min(labels.len())].iter().any(|&o| {
                let t = segs[o].s;
                segs[o].page == segs[k].page && t.x0 >= s.x1 - 1.0 && (t.baseline() - s.baseline()).abs() <= 2.0 * size
            });
            if near {
                segs[k].kind = Kind::Outer;
            }
        }
        // Label lines: per line, its (innermost) label segments and its values.
        struct Row {
            page: u32,
            y: f32,
            x: f32,
            label: String,
            last: Option<(f32, f32, f32)>, // x0, x1, bottom of the last label line
            values: Vec<Vec<String>>,      // per band
            extra: Vec<String>,            // values in no band
        }
        let mut label_lines: Vec<(usize, f32)> = Vec::new(); // (line, baseline)
        let mut line_label: Vec<Vec<&Segment>> = vec![Vec::new(); lines.len()];
        for g in segs.iter().filter(|g| g.kind == Kind::Label) {
            line_label[g.line].push(g.s);
        }
        for (i, ls) in line_label.iter().enumerate() {
            if !ls.is_empty() {
                label_lines.push((i, lines[i].baseline()));
            }
        }
        // Each value line goes to the nearest label line on its page within a line and a half,
        // or stands as a row of its own.
        let mut values_of: Vec<Vec<&Segment>> = vec![Vec::new(); lines.len()];
        let mut own_rows: Vec<usize> = Vec::new();
        let mut line_values: Vec<Vec<&Segment>> = vec![Vec::new(); lines.len()];
        for g in segs.iter().filter(|g| g.kind == Kind::Value) {
            line_values[g.line].push(g.s);
        }
        for (i, (l, vals)) in lines.iter().zip(line_values).enumerate() {
            if vals.is_empty() {
                continue;
            }
            let at = label_lines.partition_point(|&(j, _)| j < i);
            let mut best: Option<(usize, f32)> = None;
            for &(j, base) in label_lines[at.saturating_sub(NEAR)..(at + NEAR).min(label_lines.len())].iter() {
                if lines[j].page != l.page {
                    continue;
                }
                let d = (base - l.baseline()).abs();
                if d <= 1.5 * size && best.is_none_or(|(_, bd)| d < bd - 0.01) {
                    best = Some((j, d));
                }
            }
            match best {
                Some((j, _)) => values_of[j].extend(vals),
                None => {
                    values_of[i].extend(vals);
                    own_rows.push(i);
                }
            }
        }
        // The right edge of the row labels' column: a label line reaching near it was wrapped.
        let label_right = segs
            .iter()
            .filter(|g| g.kind == Kind::Label)
            .map(|g| g.s.x1)
            .fold(f32::NEG_INFINITY, f32::max)
            .min(numbers_from);
        let mut rows: Vec<Row> = Vec::new();
        let mut row_lines: Vec<usize> = label_lines.iter().map(|&(i, _)| i).chain(own_rows).collect();
        crate::sort::sort(&mut row_lines);
        for i in row_lines {
            let label_segs = &line_label[i];
            let label = label_segs.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\t");
            let place = |row: &mut Row, vals: &[&Segment]| {
                for v in vals {
                    match bands.index(v.x0, v.x1) {
                        Some(b) => row.values[b].push(v.text.clone()),
                        None => row.extra.push(v.text.clone()),
                    }
                }
            };
            let first = label_segs.first().copied();
            // A continuation: no numbering, right under the last label line of the row before,
            // which was full to the column's edge (so it wrapped), and numbers in other columns.
            if let (Some(prev), Some(seg)) = (rows.last_mut(), first) {
                if let Some((px0, px1, pbottom)) = prev.last {
                    let wrapped = px1 >= label_right - 2.0 * size;
                    // A row split by a page break goes on at the top of the next page.
                    let below = if prev.page == lines[i].page {
                        seg.top - pbottom <= 1.0 * size
                    } else {
                        lines[i].page == prev.page + 1
                    };
                    // Left-aligned (same start) or centred (same middle) under it.
                    let aligned = (seg.x0 - px0).abs() <= 0.5 * size || ((seg.x0 + seg.x1) - (px0 + px1)).abs() <= size;
                    let under = below && aligned;
                    let free =
                        values_of[i].iter().all(|v| bands.index(v.x0, v.x1).is_none_or(|b| prev.values[b].is_empty()));
                    if wrapped && under && free && label_segs.len() == 1 && !starts_label(&seg.text) {
                        prev.label.push_str(&seg.text);
                        prev.last = Some((seg.x0, seg.x1, seg.bottom()));
                        let vals = values_of[i].clone();
                        place(prev, &vals);
                        continue;
                    }
                }
            }
            let mut row = Row {
                page: lines[i].page,
                y: lines[i].baseline(),
                x: first.map_or(0.0, |s| s.x0),
                label,
                last: label_segs.last().map(|s| (s.x0, s.x1, s.bottom())),
                values: vec![Vec::new(); bands.0.len()],
                extra: Vec::new(),
            };
            let vals = values_of[i].clone();
            place(&mut row, &vals);
            rows.push(row);
        }
        for row in rows {
            let mut text = row.label;
            let placed = row.extra.is_empty() && row.values.iter().all(|v| v.len() <= 1);
            let any = !row.extra.is_empty() || row.values.iter().any(|v| !v.is_empty());
            if placed && any {
                for v in &row.values {
                    text.push('\t');
                    text.push_str(v.first().map_or("", |s| s.as_str()));
                }
            } else if any {
                // Not placeable without a guess: the numbers in one cell, for the core to refuse.
                let all: Vec<&str> = row.values.iter().flatten().chain(&row.extra).map(String::as_str).collect();
                text.push('\t');
                text.push_str(&all.join(" "));
            }
            let text = text.trim_start_matches('\t').to_string();
            outs.push(Out { page: row.page, y: row.y, x: row.x, text });
        }
        // Merged labels and header cells: stacked pieces of one cell (same column, close below
        // each other) joined into one text, at the place of the top piece.
        for kind in [Kind::Outer, Kind::Header] {
            // (page, merged, chars of its last piece, bottom of its last piece)
            let mut cells: Vec<(u32, Segment, usize, f32)> = Vec::new();
            let mut of_kind: Vec<&Seg> = segs.iter().filter(|g| g.kind == kind).collect();
            sort(&mut of_kind, |g| (g.page, g.s.top, 0.0));
            for g in of_kind {
                let s = g.s;
                let short = s.text.chars().count() <= 4;
                let lo = cells.len().saturating_sub(NEAR);
                let joined = cells[lo..].iter_mut().rev().find(|(page, c, last_len, bottom)| {
                    let overlap = s.x1.min(c.x1) - s.x0.max(c.x0);
                    let narrow = (s.x1 - s.x0).min(c.x1 - c.x0);
                    *page == g.page
                        && short
                        && *last_len <= if kind == Kind::Header { 3 } else { 6 }
                        && c.text.chars().count() <= 24
                        && overlap >= 0.5 * narrow
                        && s.top >= *bottom - 0.25 * size
                        && s.top - *bottom <= 2.2 * size
                        && (kind == Kind::Outer
                            || (s.x0 - c.x0).abs() <= 0.5 * size
                            || ((s.x0 + s.x1) - (c.x0 + c.x1)).abs() <= size)
                });
                match joined {
                    Some((_, c, last_len, bottom)) => {
                        c.text.push_str(&s.text);
                        *last_len = s.text.chars().count();
                        *bottom = s.bottom();
                    }
                    None => cells.push((g.page, s.clone(), s.text.chars().count(), s.bottom())),
                }
            }
            // Header cells of one line print as one line, left to right; merged labels each
            // on their own.
            let mut by_line: Vec<HeaderLine> = Vec::new();
            for (page, c, _, bottom) in cells {
                let lo = by_line.len().saturating_sub(NEAR);
                let same = by_line[lo..].iter_mut().find(|(p, top, bot, _)| {
                    let overlap = bot.min(bottom) - top.max(c.top);
                    kind == Kind::Header && *p == page && overlap >= 0.5 * (*bot - *top).min(bottom - c.top)
                });
                match same {
                    Some((_, _, _, cs)) => cs.push((c.x0, c.text)),
                    None => by_line.push((page, c.top, bottom, vec![(c.x0, c.text)])),
                }
            }
            for (page, y, _, mut cs) in by_line {
                sort(&mut cs, |c| (0, c.0, 0.0));
                let x = cs[0].0;
                let text = cs.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\t");
                outs.push(Out { page, y, x, text });
            }
        }
    }
}

/// The space above line `k` (from the line before it on its page).
fn gap_above(l: &[Line], k: usize) -> f32 {
    match k.checked_sub(1).map(|p| &l[p]) {
        Some(p) if p.page == l[k].page => l[k].top - p.bottom,
        _ => f32::INFINITY,
    }
}

/// Sorts `v` by `key` (page, then two coordinates, as `f32::total_cmp` orders them), stably,
/// through the crate's one sort (`crate::sort`).
fn sort<T>(v: &mut [T], key: impl Fn(&T) -> (u32, f32, f32)) {
    crate::sort::sort_by(v, |a, b| {
        let (a, b) = (key(a), key(b));
        a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.total_cmp(&b.2))
    });
}

/// Two lines of one block: the second follows the first within two and a half lines (a tall
/// header row of one character per line leaves that much), and neither is a section heading.
fn close(a: &Line, b: &Line) -> bool {
    a.page == b.page && b.top - a.bottom <= 2.5 * a.height.max(b.height) && !is_heading(a) && !is_heading(b)
}

/// A section heading of the report (`三、收到和处理政府信息公开申请情况`) alone on its line:
/// tables never span one. Short pieces (`三、本`) are a wrapped row label, not a heading.
fn is_heading(l: &Line) -> bool {
    let [s] = l.segments.as_slice() else { return false };
    let numeral = |c: char| crate::text::numeral_value(c).is_some();
    let mut cs = s.text.chars();
    cs.next().is_some_and(numeral)
        && cs.find(|c| !numeral(*c)) == Some('、')
        && s.text.chars().count() >= 8
        && !s.text.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run of `text` at (x, baseline) in a 10-point font, each character 10 wide (digits 5).
    fn run(page: u32, x: f32, baseline: f32, text: &str) -> Run {
        let width = text.chars().map(|c| if c.is_ascii() { 5.0 } else { 10.0 }).sum();
        Run { page, x, y: baseline - 10.0, width, height: 10.0, text: text.to_string() }
    }

    /// The same runs cut into single characters, as the CLI's extractor gives them.
    fn per_char(runs: &[Run]) -> Vec<Run> {
        let mut out = Vec::new();
        for r in runs {
            let mut x = r.x;
            for c in r.text.chars() {
                let w = if c.is_ascii() { 5.0 } else { 10.0 };
                out.push(Run { x, width: w, text: c.to_string(), ..r.clone() });
                x += w;
            }
        }
        out
    }

    fn body(page: u32) -> Vec<Run> {
        // Enough text that the page is not taken for a scan.
        (0..3)
            .map(|i| {
                run(page, 50.0, 100.0 + 15.0 * i as f32, "这是正文的一行文字，说明本年度政府信息公开工作的总体情况。")
            })
            .collect()
    }

    #[test]
    fn a_table_row_per_line_with_blank_cells_kept_in_their_column() {
        let mut runs = body(1);
        runs.extend([
            run(1, 50.0, 200.0, "信息内容"),
            run(1, 150.0, 200.0, "制发"),
            run(1, 200.0, 200.0, "废止"),
            run(1, 250.0, 200.0, "有效"),
            run(1, 50.0, 217.0, "规章"),
            run(1, 150.0, 217.0, "1"),
            run(1, 250.0, 217.0, "30"),
            run(1, 50.0, 234.0, "行政规范性文件"),
            run(1, 150.0, 234.0, "9"),
            run(1, 200.0, 234.0, "4"),
            run(1, 250.0, 234.0, "63"),
        ]);
        let text = runs_to_text(&runs).unwrap();
        assert!(text.contains("\n信息内容\t制发\t废止\t有效\n规章\t1\t\t30\n行政规范性文件\t9\t4\t63\n"), "{text}");
        // One character per run (the CLI) or one word per run (pdf.js): the same text.
        assert_eq!(runs_to_text(&per_char(&runs)).unwrap(), text);
    }

    #[test]
    fn a_wrapped_label_is_joined_and_its_numbers_stay_in_their_columns() {
        let mut runs = body(1);
        runs.extend([
            run(1, 50.0, 200.0, "（一）予以公开"),
            run(1, 200.0, 200.0, "1"),
            run(1, 250.0, 200.0, "2"),
            // A label filling its column, wrapped; the numbers centred on the second line but
            // the last one top-aligned on the first.
            run(1, 50.0, 217.0, "（二）部分公开（区分"),
            run(1, 250.0, 217.0, "7"),
            run(1, 50.0, 232.0, "处理的）"),
            run(1, 200.0, 225.0, "5"),
            run(1, 50.0, 249.0, "（三）不予公开"),
            run(1, 200.0, 249.0, "3"),
            run(1, 250.0, 249.0, "4"),
        ]);
        let text = runs_to_text(&runs).unwrap();
        assert!(
            text.contains("（一）予以公开\t1\t2\n（二）部分公开（区分处理的）\t5\t7\n（三）不予公开\t3\t4\n"),
            "{text}"
        );
    }

    #[test]
    fn two_numbers_in_one_column_are_not_placed() {
        let mut runs = body(1);
        runs.extend([
            run(1, 50.0, 200.0, "规章"),
            run(1, 150.0, 200.0, "1"),
            run(1, 200.0, 200.0, "2"),
            run(1, 50.0, 217.0, "行政规范性文件"),
            // 3 and 4 both inside the second column's extent.
            run(1, 150.0, 217.0, "9"),
            run(1, 196.0, 217.0, "3"),
            run(1, 203.0, 217.0, "4"),
        ]);
        let text = runs_to_text(&runs).unwrap();
        assert!(text.contains("规章\t1\t2\n"), "{text}");
        assert!(text.contains("行政规范性文件\t9 3 4\n"), "{text}");
    }

    #[test]
    fn stacked_header_characters_are_one_header() {
        let mut runs = body(1);
        for (i, c) in ["结", "果", "维", "持"].iter().enumerate() {
            runs.push(run(1, 50.0, 200.0 + 15.0 * i as f32, c));
        }
        for (i, c) in ["总", "计"].iter().enumerate() {
            runs.push(run(1, 100.0, 215.0 + 15.0 * i as f32, c));
        }
        runs.extend([run(1, 50.0, 270.0, "4"), run(1, 100.0, 270.0, "14")]);
        let text = runs_to_text(&runs).unwrap();
        assert!(text.contains("结果维持\t总计\n4\t14\n"), "{text}");
    }

    #[test]
    fn page_furniture_is_dropped_and_a_table_goes_on_over_the_page_break() {
        let mut runs = Vec::new();
        for page in 1..=2 {
            runs.push(run(page, 200.0, 40.0, "青岚县水务局年报"));
            runs.extend(body(page));
            runs.push(run(page, 280.0, 800.0, &format!("- {page} -")));
        }
        runs.extend([run(1, 50.0, 200.0, "1.属于国家秘密"), run(1, 200.0, 200.0, "2"), run(1, 250.0, 200.0, "3")]);
        runs.extend([run(1, 50.0, 217.0, "2.其他法律行政法规"), run(1, 200.0, 217.0, "1")]);
        // The row goes on over the break: its label's second line and its second number.
        runs.extend([run(2, 50.0, 60.0, "禁止公开"), run(2, 250.0, 60.0, "5")]);
        runs.extend([run(2, 50.0, 77.0, "3.危及“三安全一稳定”"), run(2, 200.0, 77.0, "5"), run(2, 250.0, 77.0, "3")]);
        let mut runs2 = runs.clone();
        // Body text after the table on page 2, well apart.
        for r in &mut runs2 {
            if r.page == 2 && r.text.starts_with("这是") {
                r.y += 100.0;
            }
        }
        let text = runs_to_text(&runs2).unwrap();
        assert!(!text.contains("青岚县水务局年报") && !text.contains("- 1 -") && !text.contains("- 2 -"), "{text}");
        assert!(
            text.contains("1.属于国家秘密\t2\t3\n2.其他法律行政法规禁止公开\t1\t5\n3.危及“三安全一稳定”\t5\t3\n"),
            "{text}"
        );
    }

    #[test]
    fn the_sort_orders_by_page_then_coordinates_and_keeps_ties_in_order() {
        let mut v: Vec<(u32, f32, f32, usize)> = vec![
            (2, 1.0, 0.0, 0),
            (1, 5.0, -1.0, 1),
            (1, -3.0, 2.0, 2),
            (1, 5.0, -2.0, 3),
            (1, 5.0, -1.0, 4),
            (1, 0.0, 0.0, 5),
        ];
        sort(&mut v, |t| (t.0, t.1, t.2));
        assert_eq!(v.iter().map(|t| t.3).collect::<Vec<_>>(), [2, 5, 3, 1, 4, 0]);
        for n in 0..40usize {
            let mut w: Vec<(u32, f32, f32, usize)> =
                (0..n).map(|i| (0, ((i * 7919) % 13) as f32 - 6.0, 0.0, i)).collect();
            let mut want = w.clone();
            want.sort_by(|a, b| a.1.total_cmp(&b.1));
            sort(&mut w, |t| (t.0, t.1, t.2));
            assert_eq!(w, want);
        }
    }

    #[test]
    fn no_text_layer_or_unmapped_glyphs_is_a_scan() {
        assert_eq!(runs_to_text(&[]), Err(FileError::PdfNoText));
        // Page numbers only, over three pages.
        let numbers: Vec<Run> = (1..=3).map(|p| run(p, 280.0, 800.0, &p.to_string())).collect();
        assert_eq!(runs_to_text(&numbers), Err(FileError::PdfNoText));
        // Glyphs that map to no character (private use, replacement character).
        let unmapped = vec![run(1, 50.0, 100.0, &"\u{E001}\u{E002}\u{FFFD}".repeat(30))];
        assert_eq!(runs_to_text(&unmapped), Err(FileError::PdfNoText));
        assert!(FileError::PdfNoText.message().starts_with("这是扫描件或图片，没有可读取的文字。"));
    }

    #[test]
    fn any_coordinates_give_an_answer_in_bounded_time() {
        let odd = [f32::NAN, f32::INFINITY, f32::NEG_INFINITY, -1.0e30, 1.0e30, 0.0, -0.0, f32::MIN_POSITIVE];
        let mut runs = body(1);
        for (i, &v) in odd.iter().enumerate() {
            for field in 0..4 {
                let mut r = run(1, 50.0, 300.0 + i as f32, "7");
                match field {
                    0 => r.x = v,
                    1 => r.y = v,
                    2 => r.width = v,
                    _ => r.height = v,
                }
                runs.push(r);
            }
        }
        assert!(runs_to_text(&runs).is_ok());
        // Many runs: all on one line, all in one column, and a grid; near-linear.
        let t0 = std::time::Instant::now();
        let n = 60_000;
        let same_line: Vec<Run> = (0..n).map(|i| run(1, i as f32 * 7.0, 100.0, "1")).collect();
        let same_column: Vec<Run> =
            (0..n).map(|i| run(1 + i / 50, 100.0, 20.0 + (i % 50) as f32 * 16.0, "第")).collect();
        let grid: Vec<Run> = (0..n)
            .map(|i| run(1 + i / 2000, (i % 40) as f32 * 30.0, 20.0 + ((i / 40) % 50) as f32 * 16.0, "12"))
            .collect();
        for runs in [same_line, same_column, grid] {
            let _ = runs_to_text(&runs);
        }
        assert!(t0.elapsed().as_secs() < 20, "{:?}", t0.elapsed());
    }
}
