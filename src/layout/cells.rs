//! Cutting cells out of the text between two row labels, whatever the layout: TAB-separated
//! rows or TAB-led cell lines, `|` tables (Markdown or `|`-terminated cells), space-aligned PDF
//! text, whole tables on one line, and digits run together with no separator.
//!
//! This is the lenient core: it always finds *a* reading, and says when there is none
//! ([`RowRead::Unreadable`]) instead of guessing.

use super::glued;
use crate::report::CellKind;
use crate::text::{count_cjk, is_cjk};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// A cell with something in it (number, `/`, text with digits …).
    Value(CellKind),
    /// An empty cell between separators.
    Blank,
    /// Text that is not a cell: a wrapped label, a merged label, a heading.
    Fragment,
    /// A sentence: the table has ended.
    Sentence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    /// Normalized byte range of the cell's text (trimmed; empty cells point at their place).
    pub start: usize,
    pub end: usize,
    /// True when the token came from a TAB or `|` separated line, where empty cells count.
    pub structured: bool,
}

/// One cell as read, in normalized offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadCell {
    pub kind: CellKind,
    pub value: Option<f64>,
    pub start: usize,
    pub end: usize,
    /// The boundary was inferred (digits run together).
    pub inferred: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitHint {
    pub start: usize,
    pub end: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RowRead {
    Cells(Vec<ReadCell>),
    /// The row's label was found but its cells could not be read with certainty.
    Unreadable(Unreadable),
}

/// Why a row's cells could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    /// The row runs to the very end of the paste: its last cell may have been cut ("13" pasted
    /// as "1").
    CutOff,
    /// Digits run together (`runs` runs of them) that the row's arithmetic does not split in
    /// exactly one way. `candidates` are the splits it allows, when few, for the table's column
    /// identities to choose from.
    Glued { runs: usize, candidates: Vec<Vec<ReadCell>> },
    /// Header words after the values: labels and numbers interleaved (PDF text).
    Interleaved,
    /// Empty cells at both ends of a TAB or `|` row that cannot be told from padding.
    AmbiguousPadding { values: usize },
    /// Space-aligned values on several lines (a wrapped label in PDF text: the total on the
    /// label's line, the other cells on the next): their order in the text is not the columns'
    /// order. `cells` in text order, for [`crate::tables`] to place by the columns they stand in;
    /// left unreadable when that placement is not unique.
    Unaligned { cells: Vec<ReadCell> },
    /// Not the row's number of values. `split`: one value too many, and joining two adjacent
    /// one-digit cells ("2","0" → 20) balances the row — each such pair.
    WrongCount { values: usize, split: Vec<SplitHint> },
    /// Column-block text (pdftotext's default mode) whose blocks do not fall into the template's
    /// rows in exactly one way.
    ColumnBlocks(crate::tables::blocks::BlockMismatch),
}

impl Unreadable {
    /// How many values were seen, where the reason counts them.
    pub fn values(&self) -> Option<usize> {
        match self {
            Unreadable::Glued { runs, .. } => Some(*runs),
            Unreadable::AmbiguousPadding { values } | Unreadable::WrongCount { values, .. } => Some(*values),
            Unreadable::Unaligned { cells } => Some(cells.len()),
            Unreadable::CutOff | Unreadable::Interleaved | Unreadable::ColumnBlocks(_) => None,
        }
    }

    /// The reason for a row of `n` cells labelled `label`, as R006 and P002 say it.
    pub fn describe_row(&self, label: &str, n: usize) -> String {
        match self {
            Unreadable::CutOff => format!("“{label}”在粘贴文本的末尾被截断，最后一格可能不完整"),
            Unreadable::Glued { .. } => format!("“{label}”的数字连写在一起，无法唯一拆分成 {n} 格"),
            Unreadable::Interleaved => format!("“{label}”读到 0 个数值，应为 {n} 个"),
            Unreadable::ColumnBlocks(why) => format!("“{label}”：{}", why.describe()),
            Unreadable::Unaligned { .. } => {
                format!("“{label}”的数值分在几行上，无法按所在的列唯一对应到 {n} 格")
            }
            Unreadable::AmbiguousPadding { values } | Unreadable::WrongCount { values, .. } => {
                format!("“{label}”读到 {values} 个数值，应为 {n} 个")
            }
        }
    }
}

/// A page footer such as `-3-`, `— 1 —`, `第 2 页`.
pub fn is_page_footer(line: &str) -> bool {
    // Told by the first byte after ASCII white space for most lines: a visible ASCII character
    // but `-`, or an ideograph but one led by E7 (第 is E7 AC AC), is no white space and starts
    // no footer.
    match line.bytes().find(|b| !b.is_ascii_whitespace()) {
        None => return false,
        Some(b) if (b.is_ascii_graphic() && b != b'-') || (matches!(b, 0xE4..=0xE9) && b != 0xE7) => return false,
        _ => {}
    }
    let t = crate::text::trim(line);
    // A footer opens with a dash ("- 3 -") or 第 ("第3页"): most lines are told by that.
    if t.is_empty() || t.len() > 24 || !t.starts_with(['-', '—', '–', '第']) {
        return false;
    }
    let inner = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | ' '));
    let dashed = inner.len() < t.len() && t.starts_with(['-', '—', '–']) && t.ends_with(['-', '—', '–']);
    if dashed && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let paged = t.strip_prefix('第').and_then(|r| r.strip_suffix('页'));
    matches!(paged, Some(n) if !n.trim().is_empty() && n.trim().chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '共'))
}

fn is_markdown_rule(line: &str) -> bool {
    let t = crate::text::trim(line);
    // The characters first: nearly every line fails on its first one.
    t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t')) && crate::text::contains(t, "---")
}

const NA_WORDS: [&str; 11] = ["/", "-", "—", "--", "——", "–", "\\", "无", "不适用", "—-", "-—"];

/// Words that stand in a cell meaning "nothing to report" without being a number.
const TEXT_CELL_WORDS: [&str; 8] = ["暂无", "未发生", "未统计", "不详", "没有", "空", "未收到", "零"];

fn is_text_cell_word(t: &str) -> bool {
    TEXT_CELL_WORDS.contains(&t)
}

/// The first characters of [`NA_WORDS`] and [`TEXT_CELL_WORDS`], the values without a digit.
const WORD_VALUE_STARTS: [char; 12] = ['/', '-', '—', '–', '\\', '无', '不', '暂', '未', '没', '空', '零'];

/// Where the first line of `norm[start..end]` that may hold a value starts (`end` when none
/// does): [`tokenize`] makes only words of the lines before (a table's header). A value has a
/// digit or is one of the words of [`NA_WORDS`] and [`TEXT_CELL_WORDS`], which its line holds.
pub fn first_line_with_value(norm: &str, start: usize, end: usize) -> usize {
    // A word is in the line where one of its first characters is: every word is looked for
    // there, not searched for along the line once each.
    let may_hold_value = |line: &str| {
        crate::text::has_digit(line.as_bytes())
            || line.char_indices().any(|(i, c)| {
                WORD_VALUE_STARTS.contains(&c)
                    && NA_WORDS.iter().chain(&TEXT_CELL_WORDS).any(|w| line[i..].starts_with(w))
            })
    };
    let mut at = start;
    while at < end {
        let line_end = crate::text::find_byte(&norm.as_bytes()[at..end], b'\n').map_or(end, |i| at + i);
        if may_hold_value(&norm[at..line_end]) {
            return at;
        }
        at = line_end + 1;
    }
    end
}

/// Longest figure read as a number, in bytes.
const MAX_NUMBER_LEN: usize = 24;

pub fn parse_number(t: &str) -> Option<f64> {
    // Most cells are plain counts: no sign, grouping or decimals to look at.
    if !t.is_empty() && t.len() <= MAX_NUMBER_LEN && t.bytes().all(|b| b.is_ascii_digit()) {
        return crate::text::parse_decimal(t);
    }
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    if body.is_empty() || !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let int_ok = if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        (1..=3).contains(&first.len())
            && first.chars().all(|c| c.is_ascii_digit())
            && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
    } else {
        !int.is_empty() && int.chars().all(|c| c.is_ascii_digit())
    };
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    if !(int_ok && frac_ok) || body.len() > MAX_NUMBER_LEN {
        return None;
    }
    let value = if int.contains(',') {
        let clean: String = body.chars().filter(|&c| c != ',').collect();
        crate::text::parse_decimal(&clean)?
    } else {
        crate::text::parse_decimal(body)?
    };
    Some(if t.starts_with('-') { -value } else { value })
}

fn classify(t: &str) -> TokKind {
    if t.is_empty() {
        return TokKind::Blank;
    }
    // Most cells are plain counts: what `parse_number` takes, told at a glance.
    if t.len() <= MAX_NUMBER_LEN && t.bytes().all(|b| b.is_ascii_digit()) {
        return TokKind::Value(CellKind::Number);
    }
    // Counted as far as the thresholds below need. (The marks looked for only when the count
    // leaves it open.)
    let cjk = count_cjk(t, 14);
    let sentence_mark = || crate::text::has_char(t, '。') || crate::text::has_char(t, '；') || t.contains(';');
    if cjk >= 14 || (cjk >= 8 && sentence_mark()) {
        return TokKind::Sentence;
    }
    if parse_number(t).is_some() {
        return TokKind::Value(CellKind::Number);
    }
    if is_list_label(t) {
        return TokKind::Fragment;
    }
    if NA_WORDS.contains(&t) {
        return TokKind::Value(CellKind::Na);
    }
    if t.chars().any(|c| c.is_ascii_digit()) || is_text_cell_word(t) {
        return TokKind::Value(CellKind::Text);
    }
    TokKind::Fragment
}

/// "1.申请人…", "3、其他": a numbered label, not a cell.
fn is_list_label(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &t[digits..];
    (1..=2).contains(&digits)
        && (rest.starts_with('.') || rest.starts_with('、'))
        && rest.chars().nth(1).is_some_and(is_cjk)
}

fn trimmed(line: &str, from: usize, to: usize) -> (usize, usize) {
    let piece = &line[from..to];
    let lead = piece.len() - crate::text::trim_start(piece).len();
    let trail = piece.len() - crate::text::trim_end(piece).len();
    if lead == piece.len() {
        (from, from)
    } else {
        (from + lead, to - trail)
    }
}

/// Cuts the normalized text `norm[start..end]` into tokens.
pub fn tokenize(norm: &str, start: usize, end: usize) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(norm, start, end, &mut out);
    out
}

/// [`tokenize`], appending to `out`.
pub fn tokenize_into(norm: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    if start >= end {
        return;
    }
    // About one token per few bytes of a table row: most bands need no second allocation.
    out.reserve(((end - start) / 4).min(256));
    let region = &norm[start..end];
    let bytes = region.as_bytes();
    let mut rest = 0;
    // Line by line.
    while rest < region.len() {
        // The commonest lines of a table: an empty one, and a TAB and a row of counts (Word and
        // WPS tables, one cell or one row to a line), told before the line's end is looked for.
        if bytes[rest] == b'\n' {
            rest += 1;
            continue;
        }
        if bytes[rest] == b'\t' {
            // One count alone, the commonest of all, first.
            let digits = bytes[rest + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
            let after = rest + 1 + digits;
            if (1..=MAX_NUMBER_LEN).contains(&digits) && bytes.get(after).is_none_or(|&b| b == b'\n') {
                let number = TokKind::Value(CellKind::Number);
                out.push(Token { kind: number, start: start + rest + 1, end: start + after, structured: true });
                rest = after + 1;
                continue;
            }
            if let Some(line_end) = tab_counts(bytes, rest, start, out) {
                rest = line_end + 1;
                continue;
            }
        }
        let ls = start + rest;
        let line_end = crate::text::find_byte(&bytes[rest..], b'\n').map_or(region.len(), |i| rest + i);
        let body = &region[rest..line_end];
        rest = line_end + 1;
        if !counts_only(body.as_bytes(), ls, out) {
            tokenize_line(norm, ls, body, out);
        }
    }
}

/// A line of counts and the separators of their cells, as tables paste: a row of TAB-separated
/// counts ([`tab_counts`]), or one count with bars after it (web tables: `0 |`, and `0 | ||` at
/// a row's end). Its tokens, as [`tokenize_line`] makes them (the pieces after a bar are blanks,
/// which a `|` line that does not start with one drops), without its look at every kind of line.
/// False, with nothing added, for any other line.
fn counts_only(line: &[u8], ls: usize, out: &mut Vec<Token>) -> bool {
    if line.contains(&b'\t') {
        return tab_counts(line, 0, ls, out).is_some();
    }
    let lead = line.iter().take_while(|&&b| b == b' ').count();
    let digits = line[lead..].iter().take_while(|b| b.is_ascii_digit()).count();
    let tail = &line[lead + digits..];
    let alone = tail.contains(&b'|') && tail.iter().all(|&b| b == b' ' || b == b'|');
    if (1..=MAX_NUMBER_LEN).contains(&digits) && alone {
        out.push(Token {
            kind: TokKind::Value(CellKind::Number),
            start: ls + lead,
            end: ls + lead + digits,
            structured: true,
        });
        return true;
    }
    false
}

/// A row of TAB-separated counts and blanks, from byte `from` of `bytes` to its line's end (the
/// next `\n`, or the end): Word and WPS rows, and one cell to a line after a TAB (spaces around
/// a count where the cell had non-breaking ones). Its tokens (at `at` plus their offsets in
/// `bytes`), as [`tokenize_line`] makes them: a blank piece before the first TAB is no cell.
/// Read a byte at a time; where the line ends, or `None`, with nothing added, for a line that is
/// anything else or has no TAB.
fn tab_counts(bytes: &[u8], from: usize, at: usize, out: &mut Vec<Token>) -> Option<usize> {
    let mark = out.len();
    let (mut i, mut tabs) = (from, 0);
    loop {
        let piece = i;
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        let digits = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let (digits, digits_end) = (i - digits, i);
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        let line_ends = i == bytes.len() || bytes[i] == b'\n';
        if digits > MAX_NUMBER_LEN || !(line_ends || bytes[i] == b'\t') || (line_ends && tabs == 0) {
            out.truncate(mark);
            return None;
        }
        if digits > 0 {
            let (start, end) = (at + digits_end - digits, at + digits_end);
            out.push(Token { kind: TokKind::Value(CellKind::Number), start, end, structured: true });
        } else if tabs > 0 {
            out.push(Token { kind: TokKind::Blank, start: at + piece, end: at + piece, structured: true });
        }
        if line_ends {
            return Some(i);
        }
        i += 1;
        tabs += 1;
    }
}

/// The tokens of one line `body` (starting at normalized offset `ls`), every kind of line.
fn tokenize_line(norm: &str, ls: usize, body: &str, out: &mut Vec<Token>) {
    if crate::text::trim_start(body).is_empty() && !body.contains('\t') {
        return;
    }
    if is_page_footer(body) || is_markdown_rule(body) {
        return;
    }
    if body.contains('\t') {
        split_pieces(norm, ls, body, '\t', true, false, out);
    } else if body.contains('|') {
        let markdown = crate::text::trim_start(body).starts_with('|');
        split_pieces(norm, ls, body, '|', markdown, markdown, out);
    } else {
        split_spaces(norm, ls, body, out);
    }
}

/// Splits a TAB or `|` line. `keep_blanks`: empty pieces are cells (TAB rows, Markdown tables);
/// `markdown`: the pieces before the first and after the last `|` are not cells.
fn split_pieces(norm: &str, ls: usize, body: &str, sep: char, keep_blanks: bool, markdown: bool, out: &mut Vec<Token>) {
    // The separators are ASCII: the pieces are found a byte at a time.
    let (bytes, sep_byte) = (body.as_bytes(), sep as u8);
    debug_assert!(sep.is_ascii());
    let pieces = bytes.iter().filter(|&&b| b == sep_byte).count() + 1;
    let piece_end = |from: usize| bytes[from..].iter().position(|&b| b == sep_byte).map_or(bytes.len(), |p| from + p);
    let skip_first = if markdown {
        crate::text::trim_start(body).starts_with('|')
    } else {
        // The piece before the first TAB is the rest of a label cell or the lead of a TAB-led
        // line, not a cell, when it holds nothing.
        sep == '\t' && crate::text::trim_start(&body[..piece_end(0)]).is_empty()
    };
    let skip_last = markdown && crate::text::trim_end(body).ends_with('|');
    let mut a = 0;
    for k in 0..pieces {
        let b = piece_end(a);
        let from = a;
        a = b + 1;
        if (k == 0 && skip_first) || (k + 1 == pieces && skip_last) {
            continue;
        }
        let (s, e) = trimmed(body, from, b);
        let kind = classify(&norm[ls + s..ls + e]);
        if kind == TokKind::Blank && !keep_blanks {
            continue;
        }
        // A piece of a row may itself be space-separated PDF text inside a TAB line; keep it whole.
        out.push(Token { kind, start: ls + s, end: ls + e, structured: true });
    }
}

/// Units that may follow a number in the same cell (`43.788 万元`).
const UNITS: [&str; 8] = ["万元", "元", "件", "条", "个", "项", "次", "人"];

fn split_spaces(norm: &str, ls: usize, body: &str, out: &mut Vec<Token>) {
    let mut i = 0;
    let bytes = body.as_bytes();
    let mut line_tokens: Vec<Token> = Vec::new();
    while i < body.len() {
        while i < body.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        if i >= body.len() {
            break;
        }
        let s = i;
        while i < body.len() && bytes[i] != b' ' && bytes[i] != b'\t' {
            i += 1;
        }
        let text = &norm[ls + s..ls + i];
        let kind = classify(text);
        // Run-together text ("0000000三、本年度办", "总计2131700"): digits and words are
        // separate tokens unless the words are the number's unit or footnote.
        let prose = crate::text::has_char(text, '。') || text.contains(',') || crate::text::has_char(text, '；');
        if matches!(kind, TokKind::Value(CellKind::Text)) || (kind == TokKind::Sentence && !prose) {
            if let Some(cut) = glued_boundary(text) {
                for (a, b) in [(s, s + cut), (s + cut, i)] {
                    let piece = &norm[ls + a..ls + b];
                    for sub in split_glued_piece(piece) {
                        let (pa, pb) = (ls + a + sub.0, ls + a + sub.1);
                        line_tokens.push(Token {
                            kind: classify(&norm[pa..pb]),
                            start: pa,
                            end: pb,
                            structured: false,
                        });
                    }
                }
                continue;
            }
        }
        // A unit after a number belongs to the number's cell.
        if let (TokKind::Fragment, Some(prev)) = (kind, line_tokens.last_mut()) {
            let gap = &norm[prev.end..ls + s];
            if matches!(prev.kind, TokKind::Value(CellKind::Number)) && gap.len() <= 1 && UNITS.contains(&text) {
                prev.end = ls + i;
                prev.kind = TokKind::Value(CellKind::Text);
                continue;
            }
        }
        line_tokens.push(Token { kind, start: ls + s, end: ls + i, structured: false });
    }
    out.extend(line_tokens);
}

/// Where run-together text first switches between a number and words, when that is not a
/// number followed by its unit or a bracketed note.
fn glued_boundary(t: &str) -> Option<usize> {
    let first = t.chars().next()?;
    // A sign between digits ("2648-18538") stays inside the run: where one cell ends and the
    // next begins there would be a guess.
    let is_num =
        |c: char| c.is_ascii_digit() || c == '.' || c == ',' || (first.is_ascii_digit() && (c == '-' || c == '+'));
    let cut = t.char_indices().find(|&(_, c)| is_num(c) != is_num(first)).map(|(i, _)| i)?;
    let rest = &t[cut..];
    // A sign glued between a "/" or "-" cell and digits ("/-83"): whether it is the number's
    // sign or a cell of its own cannot be told, so the piece stays whole (and unreadable).
    let head = &t[..cut];
    if let Some(mark) = head.strip_suffix(['-', '+']) {
        if mark.is_empty() || NA_WORDS.contains(&mark) {
            return None;
        }
    }
    if is_list_label(t) {
        return None;
    }
    let numbered_label = rest.starts_with('(') && rest.chars().nth(2) == Some(')');
    let note = rest.starts_with('(') && !numbered_label;
    if is_num(first) && (UNITS.contains(&rest) || note || rest.starts_with('年')) {
        return None;
    }
    Some(cut)
}

/// Splits a piece further at every number/word switch.
fn split_glued_piece(piece: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < piece.len() {
        match glued_boundary(&piece[from..]) {
            Some(cut) => {
                out.push((from, from + cut));
                from += cut;
            }
            None => {
                out.push((from, piece.len()));
                break;
            }
        }
    }
    out
}

/// How many readings of one run-together row are kept for the table to choose from.
pub const MAX_CANDIDATES: usize = 64;

/// Reads one row of `n` cells from the tokens between its label and the next row's label.
/// `identity` says whether a candidate set of values satisfies the row's own arithmetic; it
/// is used only to split digits that were run together.
pub fn read_row(norm: &str, tokens: &[Token], n: usize, identity: &dyn Fn(&[f64]) -> bool) -> RowRead {
    // Label fragments before the first cell, and everything from a sentence on, are not cells.
    let first_cell = tokens.iter().position(|t| matches!(t.kind, TokKind::Value(_) | TokKind::Blank));
    let Some(first_cell) = first_cell else {
        return RowRead::Unreadable(Unreadable::WrongCount { values: 0, split: Vec::new() });
    };
    let tokens = &tokens[first_cell..];
    match just_the_values(norm, tokens, n) {
        Some(cells) => RowRead::Cells(cells),
        None => read_row_general(norm, tokens, n, identity),
    }
}

/// Most rows: the row's `n` values from a TAB or `|` table or on one line, with nothing beside
/// them but blanks, label fragments (the next row's merged label cells) and what follows a
/// sentence. What [`read_row_general`] makes of them, without its line count and copies: its
/// values are these `n` (a blank or fragment is no value, and a sentence ends the cells only
/// once a value is taken), so it reads them as they are (no padding to drop: that needs fewer
/// values; not unaligned: a structured value, or values on one line).
fn just_the_values(norm: &str, tokens: &[Token], n: usize) -> Option<Vec<ReadCell>> {
    let (mut values, mut structured, mut first, mut last) = (0, false, None, 0);
    for t in tokens {
        match t.kind {
            TokKind::Value(_) => {
                values += 1;
                structured |= t.structured;
                first.get_or_insert(t.start);
                last = t.start;
            }
            TokKind::Sentence if values > 0 => break,
            _ => {}
        }
    }
    // (Tokens out of order are left to the general path.)
    let one_line = first.is_none_or(|f| norm.as_bytes().get(f..last).is_some_and(|b| !b.contains(&b'\n')));
    if values != n || !(structured || n <= 1 || one_line) {
        return None;
    }
    let mut cells = Vec::with_capacity(n);
    for t in tokens {
        match t.kind {
            TokKind::Value(_) => cells.push(to_cell(norm, t)),
            TokKind::Sentence if !cells.is_empty() => break,
            _ => {}
        }
    }
    Some(cells)
}

/// [`read_row`] for the tokens from the first cell on, every case.
fn read_row_general(norm: &str, tokens: &[Token], n: usize, identity: &dyn Fn(&[f64]) -> bool) -> RowRead {
    // Empty fields that pad other lines are not this row's cells: those on a line of words
    // with no value (the next caption, a header row), and, when the row's values share one
    // line (a TAB or `|` row), those on any other line (the next row's merged label cells).
    let lines = line_numbers(norm, tokens);
    let mut has = vec![(false, false); lines.last().map_or(0, |l| l + 1)];
    for (t, &l) in tokens.iter().zip(&lines) {
        match t.kind {
            TokKind::Fragment => has[l].0 = true,
            TokKind::Value(_) => has[l].1 = true,
            _ => {}
        }
    }
    let mut value_lines = has.iter().enumerate().filter(|(_, h)| h.1).map(|(l, _)| l);
    let row_line = match (value_lines.next(), value_lines.next()) {
        (Some(l), None) if lines.iter().filter(|&&x| x == l).count() > 1 => Some(l),
        _ => None,
    };
    let mut cells: Vec<Token> = Vec::with_capacity(tokens.len());
    for (t, &l) in tokens.iter().zip(&lines) {
        match t.kind {
            TokKind::Sentence if cells.iter().any(|c| c.kind != TokKind::Blank) => break,
            TokKind::Blank if has[l] == (true, false) || row_line.is_some_and(|r| r != l) => {}
            TokKind::Value(_) | TokKind::Blank => cells.push(*t),
            _ => {}
        }
    }
    let mut values: Vec<Token> = Vec::with_capacity(cells.len());
    for t in &cells {
        if t.kind != TokKind::Blank {
            values.push(*t);
        }
    }

    // Structured rows: empty cells are real cells, but merged label cells and row padding show
    // as empty cells at either end.
    if cells.iter().any(|t| t.structured) && cells.len() >= n && values.len() < n {
        let excess = cells.len() - n;
        let lead = cells.iter().take_while(|t| t.kind == TokKind::Blank).count();
        let trail = cells.iter().rev().take_while(|t| t.kind == TokKind::Blank).count();
        // Every way to drop the excess from the two ends; a real empty cell at one end and
        // padding at the other can make them disagree, and then the row is not read at all.
        let first = excess.saturating_sub(trail);
        let last = lead.min(excess);
        if first <= last {
            let reading = |lo: usize| cells[lo..lo + n].iter().map(|t| t.kind).collect::<Vec<_>>();
            let one = reading(first);
            if (first + 1..=last).all(|lo| reading(lo) == one) {
                return RowRead::Cells(to_cells(norm, &cells[first..first + n]));
            }
            return RowRead::Unreadable(Unreadable::AmbiguousPadding { values: values.len() });
        }
    }
    // Space-aligned values on several lines, some line holding more than one: the text's order
    // is not the columns' order, only their positions say which cell is which.
    let unaligned = n > 1 && values.iter().all(|t| !t.structured) && {
        let value_lines = line_numbers(norm, &values);
        let several_lines = value_lines.first().is_some_and(|f| value_lines.iter().any(|l| l != f));
        several_lines && value_lines.windows(2).any(|w| w[0] == w[1])
    };
    if unaligned {
        return RowRead::Unreadable(Unreadable::Unaligned { cells: to_cells(norm, &values) });
    }
    if values.len() == n {
        return RowRead::Cells(to_cells(norm, &values));
    }
    // Signed numbers run together ("35-15" for 35 and −15): the signs are the only boundaries,
    // so the reading is certain when they cut the run into exactly the row's cells.
    if let [t] = values.as_slice() {
        if let Some(cells) = split_at_signs(norm, t, n) {
            return RowRead::Cells(cells);
        }
    }
    // Digits run together (crawler text), perhaps with stray spaces: split only where the row's
    // arithmetic allows exactly one split.
    let unstructured = values.iter().all(|t| !t.structured);
    let mut runs: Vec<&str> = Vec::with_capacity(values.len());
    let (mut all_digits, mut digit_count) = (true, 0);
    for t in &values {
        let run = &norm[t.start..t.end];
        all_digits &= !run.is_empty() && run.bytes().all(|b| b.is_ascii_digit());
        digit_count += run.len();
        runs.push(run);
    }
    if n > 1 && unstructured && all_digits && !runs.is_empty() && runs.len() < n && digit_count >= n {
        // Joined offsets back to the tokens they came from.
        let mut starts = Vec::with_capacity(runs.len());
        let mut at = 0;
        for (t, r) in values.iter().zip(&runs) {
            starts.push((at, t.start));
            at += r.len();
        }
        let to_cells = |parts: Vec<(usize, usize)>| -> Vec<ReadCell> {
            parts
                .into_iter()
                .map(|(a, b)| {
                    let &(joined_at, norm_at) = starts.iter().rev().find(|(j, _)| *j <= a).unwrap_or(&(0, 0));
                    let (s, e) = (norm_at + (a - joined_at), norm_at + (b - joined_at));
                    ReadCell {
                        kind: CellKind::Number,
                        value: parse_number(&norm[s..e]),
                        start: s,
                        end: e,
                        inferred: true,
                    }
                })
                .collect()
        };
        return match glued::all_splits_runs(&runs, n, identity, MAX_CANDIDATES) {
            Some(mut all) if all.len() == 1 => RowRead::Cells(to_cells(all.remove(0))),
            Some(all) => RowRead::Unreadable(Unreadable::Glued {
                runs: values.len(),
                candidates: all.into_iter().map(to_cells).collect(),
            }),
            None => RowRead::Unreadable(Unreadable::Glued { runs: values.len(), candidates: Vec::new() }),
        };
    }
    RowRead::Unreadable(Unreadable::WrongCount { values: values.len(), split: split_hint(norm, &values, n, identity) })
}

/// The line number (counted from the first token's line) of each token, in one pass.
fn line_numbers(norm: &str, tokens: &[Token]) -> Vec<usize> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut line, mut at) = (0, tokens.first().map_or(0, |t| t.start));
    for t in tokens {
        if t.start > at {
            line += norm.as_bytes()[at..t.start].iter().filter(|&&b| b == b'\n').count();
            at = t.start;
        }
        out.push(line);
    }
    out
}

fn split_at_signs(norm: &str, t: &Token, n: usize) -> Option<Vec<ReadCell>> {
    let text = &norm[t.start..t.end];
    if n < 2 || !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut cuts = vec![0];
    cuts.extend(text.char_indices().filter(|&(i, c)| i > 0 && (c == '-' || c == '+')).map(|(i, _)| i));
    cuts.push(text.len());
    if cuts.len() != n + 1 {
        return None;
    }
    let cells: Vec<ReadCell> = cuts
        .windows(2)
        .map(|w| {
            let value = parse_number(&text[w[0]..w[1]]);
            ReadCell { kind: CellKind::Number, value, start: t.start + w[0], end: t.start + w[1], inferred: true }
        })
        .collect();
    cells.iter().all(|c| c.value.is_some()).then_some(cells)
}

/// One value too many where joining a pair of adjacent one-digit cells makes the row add up:
/// likely a number split across two cells.
fn split_hint(norm: &str, values: &[Token], n: usize, identity: &dyn Fn(&[f64]) -> bool) -> Vec<SplitHint> {
    if values.len() != n + 1 {
        return Vec::new();
    }
    // Plain unsigned whole numbers only.
    let Some(nums) =
        values.iter().map(|t| norm[t.start..t.end].parse::<u64>().ok().map(|v| v as f64)).collect::<Option<Vec<f64>>>()
    else {
        return Vec::new();
    };
    split_numbers(&nums, identity)
        .into_iter()
        .map(|i| SplitHint { start: values[i].start, end: values[i + 1].end, column: i })
        .collect()
}

/// The places `i` where joining `values[i]` and `values[i + 1]`, two adjacent one-digit whole
/// numbers, the first not 0 ("2","0" → 20), makes `holds` true of the joined values: a number
/// typed across two cells. The reader asks it of a row with one value too many, R004 of a row
/// that does not add up.
pub fn split_numbers(values: &[f64], holds: &dyn Fn(&[f64]) -> bool) -> Vec<usize> {
    let digit = |v: f64| (0.0..10.0).contains(&v) && v.fract() == 0.0;
    let mut found = Vec::new();
    for i in 0..values.len().saturating_sub(1) {
        let (a, b) = (values[i], values[i + 1]);
        if a == 0.0 || !digit(a) || !digit(b) {
            continue;
        }
        let mut joined = values.to_vec();
        joined[i] = a * 10.0 + b;
        joined.remove(i + 1);
        if holds(&joined) {
            found.push(i);
        }
    }
    found
}

/// The cells of value tokens, in order (one shared loop for read_row's three readings).
fn to_cells(norm: &str, tokens: &[Token]) -> Vec<ReadCell> {
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        out.push(to_cell(norm, t));
    }
    out
}

fn to_cell(norm: &str, t: &Token) -> ReadCell {
    let text = &norm[t.start..t.end];
    let (kind, value) = match t.kind {
        TokKind::Value(CellKind::Number) => (CellKind::Number, parse_number(text)),
        TokKind::Value(k) => (k, None),
        _ => (CellKind::Blank, None),
    };
    ReadCell { kind, value, start: t.start, end: t.end, inferred: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, n: usize) -> Vec<(CellKind, Option<f64>, String)> {
        let toks = tokenize(text, 0, text.len());
        match read_row(text, &toks, n, &|_| true) {
            RowRead::Cells(c) => c.into_iter().map(|c| (c.kind, c.value, text[c.start..c.end].to_string())).collect(),
            RowRead::Unreadable(why) => panic!("unreadable: {why:?}"),
        }
    }

    fn values(text: &str, n: usize) -> Vec<Option<f64>> {
        read(text, n).into_iter().map(|c| c.1).collect()
    }

    #[test]
    fn a_line_of_counts_reads_as_the_general_path_does() {
        // The lines the short way takes give the tokens the general path gives; the lines it
        // leaves, whatever the general path makes of them.
        let synthetic = [
            "\t7",
            "\t 7 ",
            "\t0\u{20}\u{20}",
            "0 |",
            "12|",
            "  3 | ||",
            "0 | | |",
            "\t0\t0\t12",
            "5\t6",
            " \t\t3\t \t4 ",
            "\t",
            "\t\t",
            "4 |\t",
            "\t5 |",
            "|6|",
            "7",
            " 8 ",
            "\t-7",
            "\t7\tx",
            "\t1 2\t3",
            "\t3\t-",
            "\t7-",
            "9 |x",
            "1.5 |",
            "\t1234567890123456789012345",
            "1234567890123456789012345 |",
            "|",
            "",
        ];
        let fixtures = fixture_texts();
        // Every line, and what follows each TAB of it (a row's band starts after its label).
        fn tails(line: &str) -> impl Iterator<Item = &str> {
            line.match_indices('\t').map(move |(i, _)| &line[i..])
        }
        let fixture_lines =
            fixtures.iter().flat_map(|t| t.split('\n')).flat_map(|l| std::iter::once(l).chain(tails(l)));
        let lines = synthetic.into_iter().chain(fixture_lines);
        let (mut short, mut general) = (0, 0);
        for line in lines {
            let mut expected = Vec::new();
            tokenize_line(line, 0, line, &mut expected);
            let mut got = vec![Token { kind: TokKind::Sentence, start: 0, end: 0, structured: false }];
            if counts_only(line.as_bytes(), 0, &mut got) {
                assert_eq!(got[1..], expected, "{line:?}");
                short += 1;
            } else {
                assert_eq!(got.len(), 1, "{line:?}: nothing added");
                general += 1;
            }
        }
        // A row of counts has a TAB: a line of counts without one is read otherwise.
        assert!(["7", " 8 ", "12  "].iter().all(|l| tab_counts(l.as_bytes(), 0, 0, &mut Vec::new()).is_none()));
        let short_way = |line: &str| counts_only(line.as_bytes(), 0, &mut Vec::new());
        assert!(["\t 7 ", "0 |", "  3 | ||", "\t0\t0\t12", " \t\t3\t \t4 "].into_iter().all(short_way));
        assert!(!["\t5 |", "7", " 8 ", "|6|", "9 |x", "\t-7", "\t7\tx"].into_iter().any(short_way));
        assert!(short > 1_000 && general > 3_000, "{short} short, {general} general");
    }

    #[test]
    fn tab_row_with_merged_cells_and_padding() {
        assert_eq!(values("\t\t1\t2\t3\t4\t5\t6\t21\t\n", 7), [1., 2., 3., 4., 5., 6., 21.].map(Some));
    }

    #[test]
    fn tab_row_with_blank_cells_keeps_them() {
        let r = read("\t26\t\t\t\t\t\t26\n", 7);
        assert_eq!(r[0].1, Some(26.0));
        assert!(r[1..6].iter().all(|c| c.0 == CellKind::Blank));
        assert_eq!(r[6].1, Some(26.0));
    }

    /// The one-cell TAB line's shortcut gives what the general path gives, tokens and spans.
    #[test]
    fn one_cell_tab_lines_read_as_the_general_path_reads_them() {
        let long = format!("\t{}", "9".repeat(MAX_NUMBER_LEN));
        let longer = format!("\t {} ", "9".repeat(MAX_NUMBER_LEN + 1));
        for body in [
            "\t1",
            "\t 1",
            "\t0 ",
            "\t  12  ",
            "\t007",
            "\t1 2",
            "\t 1\t",
            "\t1a",
            "\t 1.5",
            "\t-1",
            "\t ",
            "\t",
            long.as_str(),
            longer.as_str(),
        ] {
            let mut fast = Vec::new();
            tokenize_into(body, 0, body.len(), &mut fast);
            let mut general = Vec::new();
            split_pieces(body, 0, body, '\t', true, false, &mut general);
            assert_eq!(fast, general, "{body:?}");
        }
    }

    #[test]
    fn tab_led_cell_lines_with_merged_blank_after() {
        assert_eq!(values("\n\t 1\n\t0 \n\t0\n\t0\n\t0\n\t0\n\t1\n\n\t\n", 7), [1., 0., 0., 0., 0., 0., 1.].map(Some));
    }

    #[test]
    fn pipe_terminated_cells_with_padding() {
        assert_eq!(values(" |\n0 |\n1 |\n0 |\n0 |\n0 |\n0 |\n1 | ||\n", 7), [0., 1., 0., 0., 0., 0., 1.].map(Some));
    }

    #[test]
    fn markdown_row_with_blank_total() {
        let r = read(" | 1 | 0 | 0 | 0 | 0 | 0 |  |\n", 7);
        assert_eq!(r[0].1, Some(1.0));
        assert_eq!(r[6].0, CellKind::Blank);
    }

    #[test]
    fn pdf_line_with_footer_and_label_fragments() {
        let t = "\n计其他情形）\n                -3-\n      4    0  0  0  0  0    4\n 三 、本 年\n";
        assert_eq!(values(t, 7), [4., 0., 0., 0., 0., 0., 4.].map(Some));
    }

    #[test]
    fn glued_digits_split_by_identity() {
        let t = "21710000218";
        let toks = tokenize(t, 0, t.len());
        let sum = |v: &[f64]| v[..6].iter().sum::<f64>() == v[6];
        match read_row(t, &toks, 7, &sum) {
            RowRead::Cells(c) => {
                let v: Vec<f64> = c.iter().map(|c| c.value.unwrap()).collect();
                assert_eq!(v, [217., 1., 0., 0., 0., 0., 218.]);
                assert!(c.iter().all(|c| c.inferred));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn too_many_values_is_unreadable_not_truncated() {
        let t = "1 2 3 4 5 6 7 8";
        let toks = tokenize(t, 0, t.len());
        assert!(matches!(
            read_row(t, &toks, 7, &|_| true),
            RowRead::Unreadable(Unreadable::WrongCount { values: 8, .. })
        ));
    }

    #[test]
    fn na_and_text_cells() {
        let r = read("\t/\t—\t43.788万元\t0 0 0\t无\t1\t2\n", 7);
        let kinds: Vec<CellKind> = r.iter().map(|c| c.0).collect();
        use CellKind::*;
        assert_eq!(kinds, [Na, Na, Text, Text, Na, Number, Number]);
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1,234"), Some(1234.0));
        assert_eq!(parse_number("390.9220"), Some(390.922));
        assert_eq!(parse_number("-417"), Some(-417.0));
        assert_eq!(parse_number("+81"), Some(81.0));
        assert_eq!(parse_number("12,34"), None);
        assert_eq!(parse_number("1."), None);
        assert!(is_page_footer("  -3-  "));
        assert!(is_page_footer("— 1 —"));
        assert!(!is_page_footer("-3"));
        assert!(is_page_footer("\t第3页") && is_page_footer("\u{3000}- 2 -") && is_page_footer("\u{0B}-4-"));
        assert!(!is_page_footer("\t3\t-4-") && !is_page_footer("第三部分") && !is_page_footer("共3页"));
    }

    #[test]
    fn every_word_value_starts_with_a_listed_character() {
        for w in NA_WORDS.iter().chain(&TEXT_CELL_WORDS) {
            let first = w.chars().next().unwrap();
            assert!(WORD_VALUE_STARTS.contains(&first), "{w}");
            assert!(classify(w) != TokKind::Fragment, "{w}");
        }
    }

    /// The search [`first_line_with_value`] replaced: every word looked for along the line.
    fn first_line_with_value_by_contains(norm: &str, start: usize, end: usize) -> usize {
        let mut at = start;
        for line in norm[start..end].split_inclusive('\n') {
            let l = line.strip_suffix('\n').unwrap_or(line);
            if l.bytes().any(|b| b.is_ascii_digit()) || NA_WORDS.iter().chain(&TEXT_CELL_WORDS).any(|w| l.contains(w)) {
                return at;
            }
            at += line.len();
        }
        end
    }

    #[test]
    fn words_looked_for_where_they_may_start_as_along_the_line() {
        // Pieces of the words, their first characters alone, and header words around them.
        let pieces = [
            "不", "适用", "未", "发生", "收到", "暂", "无", "没有", "—", "-", "–", "/", "\\", "零", "空", "详", "统计",
            "结果", "\n", "\t", "7",
        ];
        let mut seed = 0x51_7cc1_b727_220a_u64;
        for _ in 0..20_000 {
            crate::text::xorshift(&mut seed);
            let t: String =
                (0..seed % 12).map(|k| pieces[((seed >> (k * 5)) % pieces.len() as u64) as usize]).collect();
            assert_eq!(
                first_line_with_value(&t, 0, t.len()),
                first_line_with_value_by_contains(&t, 0, t.len()),
                "{t:?}"
            );
        }
    }

    #[test]
    fn the_header_before_the_first_value_is_skipped() {
        let t = "\t行政复议\n\t未经复议直接起诉\n\t结果\n纠正 其他\n\t无\n\t8\n";
        assert_eq!(&t[first_line_with_value(t, 0, t.len())..], "\t无\n\t8\n");
        let t = "\t总计\n| 结果 | 维持 |\n\t0\n";
        assert_eq!(&t[first_line_with_value(t, 0, t.len())..], "\t0\n");
        assert_eq!(first_line_with_value(t, 0, 9), 9);
        // A character a word starts with is no value; a word inside a longer one may be (the
        // line is read).
        let t = "\t未经复议\n\t暂缓\n\t无关\n";
        assert_eq!(&t[first_line_with_value(t, 0, t.len())..], "\t无关\n");
    }

    /// The fixtures' texts (every .txt and .md under tests/fixtures), normalized.
    fn fixture_texts() -> Vec<String> {
        fn texts(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    texts(&path, out);
                } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                    out.push(crate::normalize::normalize(&std::fs::read_to_string(&path).unwrap_or_default()).text);
                }
            }
        }
        let mut all = Vec::new();
        texts(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), &mut all);
        all
    }

    /// Every line of the fixtures that [`first_line_with_value`] passes over gets no value token:
    /// skipping it leaves every value where it was.
    #[test]
    fn lines_passed_over_hold_no_value() {
        let (mut lines, mut passed) = (0, 0);
        for norm in &fixture_texts() {
            let mut at = 0;
            for line in norm.split('\n') {
                let end = at + line.len();
                lines += 1;
                if first_line_with_value(norm, at, end) == end {
                    passed += 1;
                    let values = tokenize(norm, at, end).iter().filter(|t| matches!(t.kind, TokKind::Value(_))).count();
                    assert_eq!(values, 0, "{line:?}");
                }
                at = end + 1;
            }
        }
        assert!(lines > 5_000 && passed > 1_000, "{lines} lines, {passed} passed over");
    }

    /// [`tokenize`] with its short ways gives what [`tokenize_line`] gives line by line: over
    /// every fixture text whole, and from every line start and every TAB to 1 or 8 lines on.
    #[test]
    fn tokenize_is_the_general_path_line_by_line() {
        fn general(norm: &str, start: usize, end: usize) -> Vec<Token> {
            let mut out = Vec::new();
            let mut ls = start;
            for line in norm[start..end].split('\n') {
                tokenize_line(norm, ls, line, &mut out);
                ls += line.len() + 1;
            }
            out
        }
        let mut compared = 0;
        for norm in &fixture_texts() {
            assert_eq!(tokenize(norm, 0, norm.len()), general(norm, 0, norm.len()));
            let line_starts = std::iter::once(0).chain(norm.match_indices('\n').map(|(i, _)| i + 1));
            let starts: Vec<usize> = line_starts.chain(norm.match_indices('\t').map(|(i, _)| i)).collect();
            for &from in &starts {
                for lines in [1, 8] {
                    let end = norm[from..].match_indices('\n').nth(lines - 1).map_or(norm.len(), |(i, _)| from + i);
                    assert_eq!(tokenize(norm, from, end), general(norm, from, end), "{:?}", &norm[from..end]);
                    compared += 1;
                }
            }
        }
        assert!(compared > 10_000, "{compared}");
    }

    /// [`read_row`]'s short way reads what the general path reads: over runs of 1 to 16 lines
    /// from every line of the fixtures (rows of every layout, with what stands around them), for
    /// rows of 1 to 8 cells.
    #[test]
    fn just_the_values_is_the_general_reading() {
        let (mut short, mut general) = (0, 0);
        let holds = |v: &[f64]| v.len() > 1 && v[..v.len() - 1].iter().sum::<f64>() == v[v.len() - 1];
        for norm in &fixture_texts() {
            let starts: Vec<usize> = std::iter::once(0).chain(norm.match_indices('\n').map(|(i, _)| i + 1)).collect();
            for (k, &start) in starts.iter().enumerate() {
                for lines in [1, 3, 8, 16] {
                    let end = starts.get(k + lines).map_or(norm.len(), |&e| e - 1).max(start);
                    let tokens = tokenize(norm, start, end);
                    let Some(first) = tokens.iter().position(|t| matches!(t.kind, TokKind::Value(_) | TokKind::Blank))
                    else {
                        continue;
                    };
                    for n in [1, 2, 4, 7, 8] {
                        let expected = read_row_general(norm, &tokens[first..], n, &holds);
                        match just_the_values(norm, &tokens[first..], n) {
                            Some(cells) => {
                                assert_eq!(RowRead::Cells(cells), expected, "{:?} n={n}", &norm[start..end]);
                                short += 1;
                            }
                            None => general += 1,
                        }
                    }
                }
            }
        }
        assert!(short > 5_000 && general > 5_000, "{short} short, {general} general");
    }
}
#[cfg(test)]
mod split_hint_tests {
    use super::*;
    #[test]
    fn split_pair_hint() {
        let t = "\t2\t0\t2\t2\t3\t2\t3\t32\n";
        let toks = tokenize(t, 0, t.len());
        let sum = |v: &[f64]| v[..6].iter().sum::<f64>() == v[6];
        let r = read_row(t, &toks, 7, &sum);
        match r {
            // 2,0 → 20 balances the row; so do 2,2 → 22 and 2,3 → 23 (a join adds 9 × its first digit).
            RowRead::Unreadable(Unreadable::WrongCount { split, .. }) => {
                assert_eq!(split.iter().map(|h| h.column).collect::<Vec<_>>(), [0, 2, 3, 5])
            }
            other => panic!("{other:?}"),
        }
    }
}
