//! `check --format text`: a header line per file, then each finding rustc/ruff style — code,
//! severity and message, `--> path:line:col`, the source line and a `^~~~` underline under the
//! span. Columns in `-->` are 1-based characters; the underline is laid out in display columns
//! (CJK and fullwidth characters are two wide, tabs go to the next multiple of 4).

use super::locate::Locator;
use super::width::{char_width, is_unprintable};
use nianbao::text::floor_char;
use nianbao::{Diagnostic, Format, Report, Severity, Span};
use std::fmt::Write as _;

/// Spans shown per finding; the rest are counted ("…及另外 N 处").
pub const MAX_SPANS_SHOWN: usize = 3;
/// Lines shown of one span that runs over several lines.
const MAX_LINES_PER_SPAN: usize = 3;
/// Widest source line printed, in display columns; longer lines get a window around the span.
const MAX_COLS: usize = 100;
/// Columns kept before the span when a long line is windowed.
const CONTEXT_COLS: usize = 24;
const TAB: usize = 4;
const MAX_CELLS_SHOWN: usize = 6;

#[derive(Clone, Copy)]
struct Palette {
    on: bool,
}

impl Palette {
    fn paint(self, code: &str, s: &str) -> String {
        if self.on && !s.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
    fn severity(self, sev: Severity, s: &str) -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, s)
    }
    fn gutter(self, s: &str) -> String {
        self.paint("1;34", s)
    }
    fn bold(self, s: &str) -> String {
        self.paint("1", s)
    }
}

/// How [`render_text_with`] prints.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// ANSI colours.
    pub color: bool,
    /// The file's encoding, named in the header when it is not UTF-8.
    pub encoding: Option<&'a str>,
}

/// The text output for one file, without colour.
#[cfg_attr(not(test), allow(dead_code))]
pub fn render_text(path: &str, text: &str, report: &Report) -> String {
    render_text_with(path, text, report, Options::default())
}

/// The text output for one file.
pub fn render_text_with(path: &str, text: &str, report: &Report, opts: Options<'_>) -> String {
    let p = Palette { on: opts.color };
    let mut out = String::new();
    let _ = writeln!(out, "{}", header(path, opts.encoding, report, p));

    let shown: Vec<(Vec<Span>, usize)> = report.diagnostics.iter().map(shown_spans).collect();
    let locator = Locator::new(text, shown.iter().flat_map(|(s, _)| s.iter().map(|s| s.start)));
    for (d, (spans, hidden)) in report.diagnostics.iter().zip(&shown) {
        out.push('\n');
        render_diagnostic(&mut out, path, text, d, spans, *hidden, &locator, p);
    }
    out
}

/// `path: 格式 2021，年度 2024，主体 临江新区 — 发现 1 个错误、2 个提示` (with `，编码 GB18030`
/// before the dash when the file was not UTF-8; `；表三 14/175 格已读取 · 检查不完整` after the
/// counts when a table was not read in full).
/// The template a report follows, in the words the text output and the problem list use.
pub fn format_word(f: Format) -> &'static str {
    match f {
        Format::F2021 => "2021",
        Format::F2019 => "2019",
        Format::Unknown => "未识别",
    }
}

fn header(path: &str, encoding: Option<&str>, report: &Report, p: Palette) -> String {
    let format = format_word(report.format);
    let year = report.year.map_or_else(|| "未识别".to_owned(), |y| y.to_string());
    let body = report.body.as_deref().map_or_else(|| "未识别".to_owned(), clean);
    let parts: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .filter_map(|&sev| {
            let n = report.count(sev);
            (n > 0).then(|| p.severity(sev, &format!("{n} 个{}", sev.word())))
        })
        .collect();
    // "未发现问题" only when every cell was read; otherwise say how much was.
    let summary = match (parts.is_empty(), report.coverage_verdict()) {
        (true, None) => "未发现问题".to_owned(),
        (true, Some(partial)) => partial,
        (false, None) => format!("发现 {}", parts.join("、")),
        (false, Some(partial)) => format!("发现 {}；{partial}", parts.join("、")),
    };
    let encoding = encoding.map_or_else(String::new, |e| format!("，编码 {e}"));
    format!("{}: 格式 {format}，年度 {year}，主体 {body}{encoding} — {summary}", p.bold(&clean(path)))
}

/// The spans shown (sorted, deduplicated, capped) and how many more there are.
fn shown_spans(d: &Diagnostic) -> (Vec<Span>, usize) {
    let mut spans = d.spans.clone();
    spans.sort_unstable();
    spans.dedup();
    let hidden = spans.len().saturating_sub(MAX_SPANS_SHOWN);
    spans.truncate(MAX_SPANS_SHOWN);
    (spans, hidden)
}

/// Control characters and bidi overrides replaced, so nothing in the text can drive the terminal.
fn clean(s: &str) -> String {
    s.chars().map(|c| if is_unprintable(c) { ' ' } else { c }).collect()
}

/// The part of a span on one line. `caret` marks where the span starts (`^`); the lines a span
/// continues onto are underlined with `~` only.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
    caret: bool,
}

enum Piece {
    Arrow { line: usize, column: usize },
    Source { line: usize, line_start: usize, segments: Vec<Segment> },
    Skipped,
}

#[allow(clippy::too_many_arguments)]
fn render_diagnostic(
    out: &mut String,
    path: &str,
    text: &str,
    d: &Diagnostic,
    spans: &[Span],
    hidden: usize,
    locator: &Locator,
    p: Palette,
) {
    let title = format!("{} {}", clean(&d.code), d.severity.as_str());
    let message = d.message.lines().map(clean).collect::<Vec<_>>().join("\n    ");
    let _ = writeln!(out, "{}: {}", p.severity(d.severity, &title), p.bold(&message));

    let pieces = layout(text, spans, locator);
    let max_line = pieces
        .iter()
        .map(|pc| match pc {
            Piece::Arrow { line, .. } | Piece::Source { line, .. } => *line,
            Piece::Skipped => 0,
        })
        .max()
        .unwrap_or(0);
    let w = max_line.to_string().len();
    let pad = " ".repeat(w);
    let path = clean(path);

    if pieces.is_empty() {
        let _ = writeln!(out, "{pad}{} {path}", p.gutter("-->"));
    }
    for piece in &pieces {
        match piece {
            Piece::Arrow { line, column } => {
                let _ = writeln!(out, "{pad}{} {path}:{line}:{column}", p.gutter("-->"));
                let _ = writeln!(out, "{pad} {}", p.gutter("|"));
            }
            Piece::Source { line, line_start, segments } => {
                let (src, marks) = render_line(text, *line_start, segments);
                let num = p.gutter(&format!("{line:>w$} |"));
                let _ = writeln!(out, "{}", format!("{num} {src}").trim_end());
                if !marks.is_empty() {
                    let _ = writeln!(out, "{pad} {} {}", p.gutter("|"), p.severity(d.severity, &marks));
                }
            }
            Piece::Skipped => {
                let _ = writeln!(out, "{}", p.gutter(&format!("{:>w$}", "...")));
            }
        }
    }
    if hidden > 0 {
        let _ = writeln!(out, "{pad} {} …及另外 {hidden} 处", p.gutter("="));
    }
    if !d.cells.is_empty() {
        let mut list: Vec<String> =
            d.cells.iter().take(MAX_CELLS_SHOWN).map(|c| clean(&format!("{}.{}.{}", c.table, c.row, c.col))).collect();
        if d.cells.len() > MAX_CELLS_SHOWN {
            list.push(format!("…（共 {} 个）", d.cells.len()));
        }
        let _ = writeln!(out, "{pad} {} 单元格: {}", p.gutter("="), list.join(", "));
    }
}

/// Arrows and source lines for the spans. A span that starts on the line just shown shares it;
/// one on the following line goes under the same arrow.
fn layout(text: &str, spans: &[Span], locator: &Locator) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    for span in spans {
        let Some(pos) = locator.get(span.start) else { continue };
        let start = pos.offset;
        let end = floor_char(text, span.end).max(start);
        // A span on the line just shown, or on the next line, continues the same snippet.
        let continues = matches!(
            pieces.last(),
            Some(Piece::Source { line, .. }) if *line == pos.line || *line + 1 == pos.line
        );
        if !continues {
            pieces.push(Piece::Arrow { line: pos.line, column: pos.column });
        }
        let (mut line, mut line_start, mut s) = (pos.line, pos.line_start, start);
        for i in 0..MAX_LINES_PER_SPAN {
            let nl = text.get(s..end).and_then(|t| t.find('\n'));
            let seg_end = nl.map_or(end, |k| s + k);
            let mut seg = Segment { start: s, end: seg_end, caret: i == 0 };
            if !seg.caret {
                // A continuation line: underline its text, not its indentation.
                let body = text.get(s..seg_end).unwrap_or("");
                seg.start = seg_end - body.trim_start().len();
                seg.end = seg.start + body.trim().len();
            }
            let segs: Vec<Segment> = if seg.caret || seg.start < seg.end { vec![seg] } else { vec![] };
            match pieces.last_mut() {
                Some(Piece::Source { line: l, segments, .. }) if *l == line => segments.extend(segs),
                _ => pieces.push(Piece::Source { line, line_start, segments: segs }),
            }
            let Some(k) = nl else { break };
            s = s + k + 1;
            if s >= end {
                break;
            }
            line += 1;
            line_start = s;
            if i + 1 == MAX_LINES_PER_SPAN {
                pieces.push(Piece::Skipped);
            }
        }
    }
    pieces
}

fn display_width(c: char, col: usize) -> usize {
    if c == '\t' {
        TAB - col % TAB
    } else if c == '\r' {
        0
    } else if is_unprintable(c) {
        1
    } else {
        char_width(c)
    }
}

/// Walks back from `anchor` towards `line_start` while the width stays within `limit` (tabs
/// counted as a full stop). Returns the byte position reached, its width, and whether the line
/// start was reached.
fn walk_back(text: &str, line_start: usize, anchor: usize, limit: usize) -> (usize, usize, bool) {
    let before = text.get(line_start..anchor).unwrap_or("");
    let (mut pos, mut w) = (anchor, 0);
    for (i, c) in before.char_indices().rev() {
        let cw = display_width(c, 0);
        if w + cw > limit {
            return (pos, w, false);
        }
        w += cw;
        pos = line_start + i;
    }
    (pos, w, true)
}

/// The printable source line (or a window of it) and the underline under the segments.
fn render_line(text: &str, line_start: usize, segments: &[Segment]) -> (String, String) {
    let anchor = segments.first().map_or(line_start, |s| s.start).max(line_start);
    let first_end = segments.first().map_or(anchor, |s| s.end);
    let (_, back_w, reached) = walk_back(text, line_start, anchor, MAX_COLS);
    let mut seg_w = 0;
    for c in text.get(anchor..first_end).unwrap_or("").chars() {
        if c == '\n' || seg_w >= CONTEXT_COLS {
            break;
        }
        seg_w += display_width(c, 0);
    }
    let window_start = if reached && back_w + seg_w.min(CONTEXT_COLS) < MAX_COLS {
        line_start
    } else {
        walk_back(text, line_start, anchor, CONTEXT_COLS).0
    };

    let mut src = String::new();
    let mut marks: Vec<u8> = Vec::new(); // per display column: 0 nothing, 1 '~', 2 '^'
    let mut placed = vec![false; segments.len()];
    let mut col = 0;
    if window_start > line_start {
        src.push_str("...");
        col = 3;
    }
    let mut truncated = false;
    let rest = text.get(window_start..).unwrap_or("");
    for (i, c) in rest.char_indices() {
        let b = window_start + i;
        if c == '\n' {
            break;
        }
        let w = display_width(c, col);
        if col + w > MAX_COLS && b > anchor {
            truncated = true;
            break;
        }
        for (j, &Segment { start: s, end: e, caret }) in segments.iter().enumerate() {
            if !placed[j] && b >= s {
                set_mark(&mut marks, col, if caret { 2 } else { 1 });
                placed[j] = true;
            }
            if s <= b && b < e {
                for k in col..col + w {
                    set_mark(&mut marks, k, 1);
                }
            }
        }
        if c == '\t' {
            src.extend(std::iter::repeat_n(' ', w));
        } else if c == '\r' {
        } else if is_unprintable(c) {
            src.push(' ');
        } else {
            src.push(c);
        }
        col += w;
    }
    if !truncated {
        // Empty spans and spans at the end of the line point just past the last character.
        for (j, seg) in segments.iter().enumerate() {
            if !placed[j] && seg.caret && seg.start >= window_start {
                set_mark(&mut marks, col, 2);
            }
        }
    } else {
        src.push_str("...");
    }
    let underline: String = marks
        .iter()
        .map(|m| match m {
            2 => '^',
            1 => '~',
            _ => ' ',
        })
        .collect();
    (src, underline.trim_end().to_owned())
}

fn set_mark(marks: &mut Vec<u8>, col: usize, m: u8) {
    if marks.len() <= col {
        marks.resize(col + 1, 0);
    }
    marks[col] = marks[col].max(m);
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao::{CellRef, ColKey, RowKey, TableKey, Tables};

    fn report(diagnostics: Vec<Diagnostic>) -> Report {
        Report {
            format: Format::F2021,
            year: Some(2024),
            body: Some("临江新区".into()),
            sections: vec![],
            tables: Tables::default(),
            diagnostics,
            coverage: Default::default(),
            repairs: vec![],
            source: None,
            version: "0.1.0".into(),
        }
    }

    fn diag(code: &str, severity: Severity, spans: Vec<Span>) -> Diagnostic {
        Diagnostic {
            code: code.into(), severity, message: "测试消息".into(), spans, cells: vec![], counterpart: None
        }
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    }

    const TEXT: &str = "临江新区2024年政府信息公开工作年度报告\n\
                        三、收到和处理政府信息公开申请情况\n\
                        一、本年新收政府信息公开申请数量\t3\t0\n\
                        二、上年结转政府信息公开申请数量\t0\t0\n";

    #[test]
    fn underline_under_chinese_on_line_3() {
        let r = report(vec![diag("R001", Severity::Error, vec![span_of(TEXT, "本年新收")])]);
        let out = render_text("a.txt", TEXT, &r);
        let expected = "\
a.txt: 格式 2021，年度 2024，主体 临江新区 — 发现 1 个错误

R001 error: 测试消息
 --> a.txt:3:3
  |
3 | 一、本年新收政府信息公开申请数量    3   0
  |     ^~~~~~~~
";
        assert_eq!(out, expected);
        // The caret sits under 本: display column of 本 in the source line equals the caret's.
        let lines: Vec<&str> = out.lines().collect();
        let src = lines.iter().position(|l| l.starts_with("3 | ")).unwrap();
        let src_line = &lines[src]["3 | ".len()..];
        let mark_line = &lines[src + 1]["  | ".len()..];
        let before: usize = src_line[..src_line.find('本').unwrap()].chars().map(char_width).sum();
        assert_eq!(mark_line.find('^').unwrap(), before);
        assert_eq!(mark_line.trim().chars().count(), 8); // 本年新收 = 4 chars × 2 columns
    }

    #[test]
    fn tab_expanded_and_cell_marked() {
        let at = TEXT.find("\t3").unwrap() + 1;
        let r = report(vec![diag("R003", Severity::Warning, vec![Span::new(at, at + 1)])]);
        let out = render_text("a.txt", TEXT, &r);
        assert!(out.contains(" --> a.txt:3:18\n"), "{out}");
        let marks = out.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(marks, format!("  | {}^", " ".repeat(36)));
        assert!(out.starts_with("a.txt: 格式 2021，年度 2024，主体 临江新区 — 发现 1 个警告\n"));
    }

    #[test]
    fn several_spans_capped_and_same_line_merged() {
        let t = "一\t1\t2\t3\n二\t4\n三\t5\n四\t6\n";
        let sp = |n: &str| span_of(t, n);
        let mut d = diag("R002", Severity::Error, vec![sp("6"), sp("3"), sp("1"), sp("4"), sp("5")]);
        d.cells = vec![CellRef::new(TableKey::Applications, RowKey::NewReceived, ColKey::Total)];
        let out = render_text("x", t, &report(vec![d]));
        // 1 and 3 share line 1; 4 is on the next line, under the same arrow; 5 and 6 are hidden.
        assert_eq!(out.matches("-->").count(), 1, "{out}");
        assert!(out.contains(" --> x:1:3\n"), "{out}");
        assert!(out.contains("1 | 一  1   2   3\n  |     ^       ^\n2 | 二  4\n  |     ^\n"), "{out}");
        assert!(out.contains("  = …及另外 2 处\n"));
        assert!(out.contains("  = 单元格: applications.new_received.total\n"));
        assert!(!out.contains("四"));
    }

    #[test]
    fn long_line_is_windowed() {
        let mut t = "表".repeat(300);
        t.push_str("目标");
        t.push_str(&"尾".repeat(300));
        let r = report(vec![diag("P002", Severity::Info, vec![span_of(&t, "目标")])]);
        let out = render_text("long.txt", &t, &r);
        assert!(out.contains(" --> long.txt:1:301\n"), "{out}");
        let src = out.lines().find(|l| l.starts_with("1 | ")).unwrap();
        let marks = out.lines().find(|l| l.contains('^')).unwrap();
        assert!(src.starts_with("1 | ...表") && src.ends_with("尾..."), "{src}");
        let width: usize = src.chars().map(char_width).sum();
        assert!(width <= MAX_COLS + 3 + 4, "{width}");
        let caret = marks.find('^').unwrap();
        let before: usize = src[..src.find('目').unwrap()].chars().map(char_width).sum();
        assert_eq!(caret, before);
        assert_eq!(&marks[caret..], "^~~~");
    }

    #[test]
    fn odd_spans_do_not_panic() {
        let t = "中文\r\n第二行\n";
        let spans = vec![
            Span::new(1, 2),     // inside a character
            Span::new(5, 3),     // reversed
            Span::new(0, 999),   // past the end, over several lines
            Span::new(999, 999), // past the end
            Span::new(6, 8),     // the \r\n
        ];
        let r = report(vec![diag("S001", Severity::Error, spans), diag("S002", Severity::Info, vec![])]);
        let out = render_text("o", t, &r);
        assert!(out.contains("S002 info: 测试消息\n --> o\n"), "{out}");
        let out = render_text("o", "", &report(vec![diag("S001", Severity::Error, vec![Span::new(0, 0)])]));
        assert!(out.contains("1 |\n  | ^\n"), "{out}");
    }

    #[test]
    fn no_findings_and_colour() {
        let r = Report { format: Format::Unknown, year: None, body: None, ..report(vec![]) };
        assert_eq!(render_text("e", "", &r), "e: 格式 未识别，年度 未识别，主体 未识别 — 未发现问题\n");
        let r = report(vec![diag("R001", Severity::Error, vec![Span::new(0, 3)])]);
        let coloured = render_text_with("c", TEXT, &r, Options { color: true, encoding: None });
        assert!(coloured.contains("\x1b[1;31mR001 error\x1b[0m"));
        assert!(!render_text("c", TEXT, &r).contains('\x1b'));
    }

    #[test]
    fn the_verdict_says_how_much_was_read() {
        use nianbao::{Coverage, TableCoverage};
        let full = |n| TableCoverage { read: n, expected: n };
        let mut r = report(vec![]);
        // (Of a text with no section and no table nothing was to be read: no verdict.)
        r.coverage.applications.expected = 175;
        assert!(render_text("e", "", &r).ends_with(" — 未发现问题\n"));
        let title = "三、收到和处理政府信息公开申请情况".into();
        r.sections.push(nianbao::SectionInfo { number: 3, title, span: Span::new(0, 0) });
        r.coverage = Coverage { active_disclosure: full(10), applications: full(175), reviews_litigation: full(15) };
        assert!(render_text("e", "", &r).ends_with(" — 未发现问题\n"));
        r.coverage.applications.read = 14;
        let out = render_text("e", "", &r);
        assert!(out.ends_with(" — 表三 14/175 格已读取 · 检查不完整\n"), "{out}");
        assert!(!out.contains("未发现问题"));
        r.diagnostics.push(diag("R001", Severity::Warning, vec![]));
        assert!(render_text("e", "", &r).contains(" — 发现 1 个警告；表三 14/175 格已读取 · 检查不完整\n"));
    }

    #[test]
    fn multi_line_span() {
        let t = "表头\n  第一行内容\n\n    第三行\n第四行\n第五行\n";
        let start = t.find("一行").unwrap();
        let end = t.find("第五").unwrap() + "第五".len();
        let r = report(vec![diag("P002", Severity::Warning, vec![Span::new(start, end)])]);
        let out = render_text("m", t, &r);
        let expected = "\
 --> m:2:4
  |
2 |   第一行内容
  |     ^~~~~~~~
3 |
4 |     第三行
  |     ~~~~~~
...
  = 单元格";
        assert!(out.contains(&expected[..expected.len() - "  = 单元格".len()]), "{out}");
        assert!(!out.contains("第四行"), "{out}");
        assert!(out.lines().all(|l| l == l.trim_end()), "no trailing spaces:\n{out}");
    }

    #[test]
    fn control_characters_are_not_printed() {
        let t = "坏\x1b[2J字";
        let r = report(vec![diag("P002", Severity::Info, vec![Span::new(0, t.len())])]);
        let out = render_text("c", t, &r);
        assert!(!out.contains('\x1b'));
    }
}
