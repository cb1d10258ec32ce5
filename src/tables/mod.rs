//! Tables: rebuild section 二, 三 and 四's tables by anchoring on the template's labels and
//! reading the cells between one label and the next. Numbers are never assigned by counting
//! through the table: a row gets cells only when the text between its label and the next label
//! holds exactly one reading of them.

pub mod blocks;
pub mod identities;

use crate::layout::cells::{
    first_line_with_value, read_row, tokenize, tokenize_into, ReadCell, RowRead, TokKind, Token, Unreadable,
};
use crate::normalize::{label_key, Compact, Normalized, SpanCursor};
use crate::report::{Cell, CellRef, Format, Row, Table};
use crate::template::{self, ColKey, RowKey, TableKey, Template};
use crate::text::{self, floor_char, is_cjk, numeral_value};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Largest stretch of text searched for one table: real tables are a few KB; beyond this a
/// paste is not one report and we stop looking.
pub const MAX_TABLE_REGION: usize = 512 * 1024;

/// A row label found in the text.
#[derive(Debug, Clone)]
pub struct FoundLabel {
    /// Normalized offsets of the label as written (numbering included).
    pub start: usize,
    pub end: usize,
    /// Where the label as written begins when its head stands before `start`, broken off by the
    /// row's numbers (PDF text wraps a label around them: `2.其他法 1 6 … 14 律行政法规禁止公开`);
    /// else `start`. The row's band runs from here to the next row's `head`.
    pub head: usize,
    /// The label as written differs from the official label (typo, dropped character).
    pub approximate: bool,
    /// The row's numbers stand inside the label as written (PDF text wrapped the label around
    /// them: `3.危及“三 / 安全一稳 1 4 5 3 2 0 15 / 定”`): the band starts at `start`.
    pub cells_inside: bool,
}

/// One row as read: where its label is and what its cells are.
#[derive(Debug, Clone)]
pub struct ReadRow {
    pub key: RowKey,
    pub label: &'static str,
    /// The phrases that anchor the row (for saying whether a row not found in order is
    /// somewhere else in the table).
    pub anchors: &'static [&'static str],
    pub columns: Vec<ColKey>,
    pub found: Option<FoundLabel>,
    pub read: Option<RowRead>,
}

/// A table as read from the text, before it becomes a [`Table`].
#[derive(Debug, Clone)]
pub struct ReadTable {
    pub key: TableKey,
    pub template: Format,
    pub rows: Vec<ReadRow>,
    /// Normalized range the table was read from.
    pub start: usize,
    pub end: usize,
    /// That range compacted, built once for the reading and the rules that look for labels.
    pub compact: Option<Compact>,
}

impl ReadTable {
    pub fn any_label_found(&self) -> bool {
        self.rows.iter().any(|r| r.found.is_some())
    }

    /// The normalized range from the first label found to the last cell read: the table itself,
    /// without the prose around it in its section.
    pub fn extent(&self) -> Option<(usize, usize)> {
        let start = self.rows.iter().filter_map(|r| r.found.as_ref()).map(|f| f.start).min()?;
        let end = self
            .rows
            .iter()
            .flat_map(|r| {
                let label = r.found.as_ref().map(|f| f.end);
                let cells = match &r.read {
                    Some(RowRead::Cells(cells)) => cells.iter().map(|c| c.end).max(),
                    _ => None,
                };
                label.into_iter().chain(cells)
            })
            .max()?;
        Some((start, end.max(start)))
    }

    pub fn to_table(&self, norm: &Normalized, input: &str) -> Table {
        // The labels and cells in the order of the text, mostly: each span is found from the last.
        let mut cursor = SpanCursor::default();
        let rows = self
            .rows
            .iter()
            .map(|r| Row {
                key: r.key,
                label: Cow::Borrowed(r.label),
                span: r.found.as_ref().map(|f| norm.span_from(f.start, f.end, &mut cursor)),
                cells: match &r.read {
                    Some(RowRead::Cells(cells)) => {
                        r.columns.iter().zip(cells).map(|(&col, c)| to_cell(norm, input, col, c, &mut cursor)).collect()
                    }
                    _ => Vec::new(),
                },
            })
            .collect();
        Table { template: self.template, rows }
    }
}

fn to_cell(norm: &Normalized, input: &str, col: ColKey, c: &ReadCell, cursor: &mut SpanCursor) -> Cell {
    let span = norm.span_from(c.start, c.end, cursor);
    Cell {
        col,
        // The cell as the caller wrote it (fullwidth digits and all).
        raw: input.get(span.start..span.end).unwrap_or_default().into(),
        value: c.value,
        kind: c.kind,
        span,
        inferred: c.inferred,
    }
}

/// What to look for to anchor one row.
pub struct Anchor<'a> {
    pub prefix: &'a str,
    pub official: &'a str,
    pub phrases: &'a [&'a str],
}

/// Most places one row's phrases are looked at.
const MAX_CANDIDATES_PER_ROW: usize = 16;

/// A table's rows as [`find_labels`] looks for them, made ready once per form: the phrases
/// indexed by their first character, and each row's numbering and official label as label keys.
pub struct Anchors {
    rows: Vec<Anchor<'static>>,
    phrases: Phrases<'static>,
    /// (numbering, official label) of each row, as label keys.
    keys: Vec<(Cow<'static, str>, Cow<'static, str>)>,
}

impl Anchors {
    fn new(rows: Vec<Anchor<'static>>) -> Anchors {
        let phrases = Phrases::new(&rows);
        let keys = rows.iter().map(|a| (label_key(a.prefix), label_key(a.official))).collect();
        Anchors { rows, phrases, keys }
    }

    /// Section 三's rows in the form of `format`.
    fn applications(format: Format) -> &'static Anchors {
        static F2021: OnceLock<Anchors> = OnceLock::new();
        static F2019: OnceLock<Anchors> = OnceLock::new();
        let cell = if format == Format::F2019 { &F2019 } else { &F2021 };
        cell.get_or_init(|| {
            let rows = &Template::of(format).application_rows;
            Anchors::new(
                rows.iter().map(|d| Anchor { prefix: d.prefix, official: d.label, phrases: d.anchors }).collect(),
            )
        })
    }

    /// Section 二's rows in the form of `format`.
    fn active(format: Format) -> &'static Anchors {
        static F2021: OnceLock<Anchors> = OnceLock::new();
        static F2019: OnceLock<Anchors> = OnceLock::new();
        let cell = if format == Format::F2019 { &F2019 } else { &F2021 };
        cell.get_or_init(|| {
            let rows = template::active_rows(format);
            Anchors::new(rows.iter().map(|d| Anchor { prefix: "", official: d.label, phrases: d.anchors }).collect())
        })
    }
}

/// Finds the rows' labels in `norm[start..end]`. Every place a row's phrases occur is a
/// candidate; the rows found are the longest chain of candidates in template order, so a phrase
/// that also occurs elsewhere (总计, 其他) is taken where the table has it, and a label printed out
/// of place (PDF text that put labels after their numbers) costs only its own row.
pub fn find_labels(norm: &str, compact: &Compact, anchors: &Anchors) -> Vec<Option<FoundLabel>> {
    let ct = compact.text.as_str();
    let unbroken = Unbroken::new(norm, compact);
    let candidates = candidates(ct, &unbroken, anchors);
    let chosen = longest_chain(&candidates);
    let mut out = Vec::with_capacity(anchors.rows.len());
    // The previous row's label ends here: no label's head reaches back before it.
    let mut floor = 0;
    for ((a, (prefix, official)), pick) in anchors.rows.iter().zip(&anchors.keys).zip(chosen) {
        let (prefix, official): (&str, &str) = (prefix, official);
        let Some((mut s, mut e)) = pick else {
            out.push(None);
            continue;
        };
        let cells_inside = unbroken.breaks(s, e);
        let hit = &ct[s..e];
        // Take in the numbering in front ("2.", "(二)", "一、") when it is there.
        if !prefix.is_empty() && ct[..s].ends_with(prefix) && !a.phrases.iter().any(|p| p.starts_with(a.prefix)) {
            s -= prefix.len();
        }
        // An approximate match ends where the label as written ends: at the first digit, or
        // after a few more label characters.
        let found_exact = ct[s..].starts_with(official);
        if found_exact {
            e = s + official.len();
        } else {
            e = extend_label(ct, e);
        }
        let written = &ct[s..e];
        // A label broken by numbers or by a neighbouring cell's text (PDF text wraps labels
        // around the row's numbers) still has every character of the official label, in order.
        let window_end = floor_char(ct, (s + official.len() * 3 + 32).min(ct.len()));
        // When the phrase found sits inside the label, the label's head may stand before it.
        let head = ct[s..e].chars().next().and_then(|c| official.find(c)).unwrap_or(0);
        let window_start = floor_char(ct, s.saturating_sub(head * 2 + 16 * usize::from(head > 0)));
        let approximate = !found_exact
            && strip_numbering(written) != strip_numbering(official)
            && !is_subsequence(strip_numbering(official), &ct[window_start..window_end]);
        let head = text::find(official, hit).and_then(|h| broken_head(ct, floor, s, &official[..h])).unwrap_or(s);
        // A closing quotation mark folded out of the compact text still ends the label
        // ("3.危及“三安全一稳定”"): it is not the row's first cell.
        let mut end = compact.end_of(norm, e);
        while let Some(q) = norm[end..].chars().next().filter(|c| matches!(c, '”' | '’' | '"' | '\'' | '」' | '』'))
        {
            end += q.len_utf8();
        }
        out.push(Some(FoundLabel { start: compact.pos(s), end, head: compact.pos(head), approximate, cells_inside }));
        floor = e;
    }
    out
}

/// Where `head` (the official label's characters before the phrase found at `s`) begins when it
/// stands right before `s` with numbers in between: every character of the head, in order, with
/// nothing else but digits and number punctuation among them, at least one digit. The numbering
/// (`2.`) may be missing.
fn broken_head(ct: &str, floor: usize, s: usize, head: &str) -> Option<usize> {
    let is_num = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '/');
    let mut want = head.char_indices().rev().peekable();
    let mut at = s;
    let mut skipped = false;
    // The numbering in front of the label: the head may end without it.
    let words = head.char_indices().find(|&(_, c)| !is_num(c) && c != '(' && c != ')' && !is_cjk_numbering(c));
    let words_from = words.map_or(head.len(), |(i, _)| i);
    let mut begun_words = None;
    let floor = floor.min(s);
    for (i, c) in ct[floor..s].char_indices().rev() {
        let Some(&(wi, w)) = want.peek() else { break };
        if c == w {
            want.next();
            at = floor + i;
            if wi == words_from {
                begun_words = Some(at);
            }
        } else if is_num(c) && wi >= words_from {
            skipped = true;
        } else {
            break;
        }
    }
    if !skipped {
        return None;
    }
    if want.peek().is_none() {
        Some(at)
    } else {
        begun_words
    }
}

fn is_cjk_numbering(c: char) -> bool {
    c == '、' || numeral_value(c).is_some()
}

/// Where each row's phrases occur in the compact text, earliest first; of overlapping hits the
/// one that starts first (the longer phrase) stands. Hits are taken as a scan of the compact
/// text and one of the unbroken text would take them; one pass over the unbroken text finds
/// both for a phrase that cannot hold a piece of a run taken out (the runs start at a digit and
/// go on over digits, '.' and ','): its places in the compact text are its places in the
/// unbroken text that span no cut. The few others ("3.其他") are looked for in both texts.
fn candidates(ct: &str, unbroken: &Unbroken, anchors: &Anchors) -> Candidates {
    let phrases = &anchors.phrases;
    // A few hits a row, most rows.
    let mut all: Vec<(usize, usize, usize)> = Vec::with_capacity(4 * anchors.rows.len());
    let (mut in_compact, mut in_unbroken) = (Taken::new(phrases.keys.len()), Taken::new(phrases.keys.len()));
    let text = if unbroken.any { unbroken.text.as_str() } else { ct };
    phrases.each_occurrence(text, |row, k, s, e| {
        if phrases.numbered.contains(&k) {
            return;
        }
        let (cs, ce) = if unbroken.any { (unbroken.pos(s), unbroken.end(e)) } else { (s, e) };
        let by_unbroken = unbroken.any && in_unbroken.take(k, s, e);
        let by_compact = ce - cs == e - s && in_compact.take(k, cs, ce);
        // Taken by both, it is one hit (`by_row` merges the same range twice into one).
        if by_unbroken || by_compact {
            all.push((row, cs, ce));
        }
    });
    for &k in &phrases.numbered {
        let (row, key) = phrases.keys[k];
        two_scans(ct, unbroken, row, key, &mut all);
    }
    by_row(all, anchors.rows.len())
}

/// Appends phrase `key`'s hits (for `row`) as the two scans take them, one of the compact text
/// and one of the unbroken text, each as `str::match_indices` finds them (left to right, not
/// overlapping, at most [`MAX_CANDIDATES_PER_ROW`]).
fn two_scans(ct: &str, unbroken: &Unbroken, row: usize, key: &str, all: &mut Vec<(usize, usize, usize)>) {
    for (hay, of_unbroken) in [(ct, false), (unbroken.text.as_str(), true)] {
        let mut from = 0;
        for _ in 0..MAX_CANDIDATES_PER_ROW {
            let Some(i) = text::find(&hay[from..], key) else { break };
            let (s, e) = (from + i, from + i + key.len());
            all.push(if of_unbroken { (row, unbroken.pos(s), unbroken.end(e)) } else { (row, s, e) });
            from = e;
        }
    }
}

/// The hits `(row, start, end)` by row, earliest first, overlapping ones merged.
fn by_row(mut all: Vec<(usize, usize, usize)>, rows: usize) -> Candidates {
    crate::sort::sort(&mut all);
    let mut hits: Vec<(usize, usize)> = Vec::with_capacity(all.len());
    let mut at = Vec::with_capacity(rows + 1);
    let mut next = all.iter().peekable();
    for row in 0..rows {
        let first = hits.len();
        at.push(first);
        while let Some(&(_, start, end)) = next.next_if(|h| h.0 == row) {
            match hits[first..].last_mut() {
                Some(last) if start < last.1 => last.1 = last.1.max(end),
                _ => hits.push((start, end)),
            }
        }
        hits.truncate(first + (hits.len() - first).min(MAX_CANDIDATES_PER_ROW));
    }
    at.push(hits.len());
    Candidates { hits, at }
}

/// Every row's candidate label ranges in one list (one allocation per table, not one per row):
/// row `r`'s are `hits[at[r]..at[r + 1]]`.
struct Candidates {
    hits: Vec<(usize, usize)>,
    at: Vec<usize>,
}

impl Candidates {
    fn rows(&self) -> usize {
        self.at.len() - 1
    }

    /// The row candidate `h` belongs to.
    fn row_of(&self, h: usize) -> usize {
        self.at.partition_point(|&a| a <= h) - 1
    }
}

/// The rows' phrases (written as label keys, as [`Compact::labels`] spells the text), looked up
/// by their first character.
struct Phrases<'a> {
    /// (row, phrase)
    keys: Vec<(usize, &'a str)>,
    index: text::FirstChars,
    /// The phrases that may hold a piece of a run [`Unbroken`] takes out: a digit, or '.' or
    /// ',' first.
    numbered: Vec<usize>,
}

impl<'a> Phrases<'a> {
    fn new(anchors: &[Anchor<'a>]) -> Phrases<'a> {
        let mut keys = Vec::new();
        for (row, a) in anchors.iter().enumerate() {
            keys.extend(a.phrases.iter().filter(|p| !p.is_empty()).map(|&p| (row, p)));
        }
        let index = text::FirstChars::new(keys.iter().map(|&(_, k)| k));
        let numbered = (0..keys.len())
            .filter(|&k| keys[k].1.bytes().any(|b| b.is_ascii_digit()) || keys[k].1.starts_with(['.', ',']))
            .collect();
        Phrases { keys, index, numbered }
    }

    /// Calls `occurrence(row, k, start, end)` for every place in `text` phrase `k` occurs
    /// (overlapping ones too), in order of `start`.
    fn each_occurrence(&self, text: &str, mut occurrence: impl FnMut(usize, usize, usize, usize)) {
        let bytes = text.as_bytes();
        self.index.each_candidate(text, |i, k| {
            let (row, key) = self.keys[k];
            if text::rest_at(bytes, i, key.as_bytes()) {
                occurrence(row, k, i, i + key.len());
            }
        });
    }
}

/// The hits of each phrase that one scan of a text takes, as `str::match_indices` finds them
/// (left to right, a phrase's hits not overlapping), at most [`MAX_CANDIDATES_PER_ROW`].
struct Taken(Vec<(usize, usize)>);

impl Taken {
    fn new(phrases: usize) -> Taken {
        Taken(vec![(0, 0); phrases])
    }

    /// Whether phrase `k`'s occurrence at `start..end` (in the scan's order) is taken.
    fn take(&mut self, k: usize, start: usize, end: usize) -> bool {
        // Per phrase: where its last hit ended, and how many it has had.
        let (last_end, count) = &mut self.0[k];
        let taken = start >= *last_end && *count < MAX_CANDIDATES_PER_ROW;
        if taken {
            (*last_end, *count) = (end, *count + 1);
        }
        taken
    }
}

/// The compact text without the runs of numbers that stand, apart, between two pieces of words:
/// a label wrapped around its row's numbers reads whole here.
struct Unbroken {
    text: String,
    /// After each cut: where `text` goes on, and how many compact bytes were taken out before.
    shifts: Vec<(usize, usize)>,
    /// Compact ranges taken out.
    cuts: Vec<(usize, usize)>,
    any: bool,
}

impl Unbroken {
    fn new(norm: &str, compact: &Compact) -> Unbroken {
        let ct = compact.text.as_str();
        let bytes = ct.as_bytes();
        let mut out = Unbroken { text: String::new(), shifts: Vec::new(), cuts: Vec::new(), any: false };
        let is_num = |b: u8| b.is_ascii_digit() || b == b'.' || b == b',';
        // Whitespace around it in the text: the run is cells, not part of a word ("三类").
        let spaced = |a: usize, b: usize| {
            let before = norm[..compact.pos(a)].chars().next_back();
            let after = norm.get(compact.end_of(norm, b)..).and_then(|r| r.chars().next());
            before.is_some_and(char::is_whitespace) && after.is_some_and(char::is_whitespace)
        };
        let mut i = 0;
        // From digit run to digit run (a word-at-a-time search over the labels between).
        while let Some(d) = text::find_digit(&bytes[i..]) {
            i += d;
            let mut j = i;
            while j < ct.len() && is_num(bytes[j]) {
                j += 1;
            }
            let between = i > 0 && !bytes[i - 1].is_ascii() && j < ct.len() && !bytes[j].is_ascii();
            if between && spaced(i, j) {
                out.cuts.push((i, j));
            }
            i = j;
        }
        // The text is only looked at when something was taken out.
        out.any = !out.cuts.is_empty();
        if out.any {
            out.text.reserve(ct.len());
            out.shifts.reserve(out.cuts.len());
            let mut from = 0;
            for &(a, b) in &out.cuts {
                out.text.push_str(&ct[from..a]);
                out.shifts.push((out.text.len(), b - a + out.shifts.last().map_or(0, |s| s.1)));
                from = b;
            }
            out.text.push_str(&ct[from..]);
        }
        out
    }

    /// Compact offset of byte `u` of `text`.
    fn pos(&self, u: usize) -> usize {
        let after = self.shifts.partition_point(|&(at, _)| at <= u);
        u + after.checked_sub(1).map_or(0, |k| self.shifts[k].1)
    }

    /// Compact offset of the end of `text[..e]`.
    fn end(&self, e: usize) -> usize {
        e.checked_sub(1).map_or(0, |last| self.pos(last) + 1)
    }

    /// Whether the compact range holds a run taken out.
    fn breaks(&self, s: usize, e: usize) -> bool {
        // The cuts are in order and apart: the first after `s` ends before any later one.
        self.cuts.get(self.cuts.partition_point(|&(a, _)| a <= s)).is_some_and(|&(_, b)| b < e)
    }
}

/// Picks at most one candidate per row so that the picks run in row order through the text
/// and as many rows as possible are picked; among equally long chains, the earliest.
fn longest_chain(candidates: &Candidates) -> Vec<Option<(usize, usize)>> {
    let hits = &candidates.hits;
    // best[h] = (chain length ending at candidate h, the previous candidate in the chain).
    let mut best: Vec<(usize, Option<usize>)> = Vec::with_capacity(hits.len());
    for r in 0..candidates.rows() {
        let earlier_rows = candidates.at[r];
        for &(s, _) in &hits[earlier_rows..candidates.at[r + 1]] {
            let mut pick = (1, None);
            let mut pick_end = 0;
            for (p, &(_, pe)) in hits[..earlier_rows].iter().enumerate() {
                if pe > s {
                    continue;
                }
                let len = best[p].0 + 1;
                // Longer chains win; for equal length the nearest preceding label.
                if len > pick.0 || (len == pick.0 && pick.1.is_some() && pe > pick_end) {
                    pick = (len, Some(p));
                    pick_end = pe;
                }
            }
            best.push(pick);
        }
    }
    let mut end: Option<usize> = None;
    let mut end_len = 0;
    for (h, &(len, _)) in best.iter().enumerate() {
        let earlier = end.is_some_and(|e| hits[h].0 < hits[e].0);
        if len > end_len || (len == end_len && earlier) {
            end = Some(h);
            end_len = len;
        }
    }
    let mut out = vec![None; candidates.rows()];
    while let Some(h) = end {
        out[candidates.row_of(h)] = Some(hits[h]);
        end = best[h].1;
    }
    out
}

/// Extends an approximate label over the label characters that follow it (up to a digit or a
/// separator-like character), bounded.
fn extend_label(ct: &str, from: usize) -> usize {
    let mut e = from;
    for (n, (i, c)) in ct[from..].char_indices().enumerate() {
        let labelish = is_cjk(c) || crate::text::has_char("()、,“”\"", c);
        if n >= 24 || !labelish {
            break;
        }
        e = from + i + c.len_utf8();
    }
    e
}

/// Whether the characters of `needle` appear in `hay` in order. Each is searched for as bytes:
/// in valid UTF-8 a character's bytes are found only where it starts, so this is the greedy
/// search over `char`s, without decoding either text.
fn is_subsequence(needle: &str, hay: &str) -> bool {
    let (mut i, mut at) = (0, 0);
    while i < needle.len() {
        let c = &needle[i..i + text::utf8_len(needle.as_bytes()[i])];
        match text::find(&hay[at..], c) {
            Some(p) => at += p + c.len(),
            None => return false,
        }
        i += c.len();
    }
    true
}

fn strip_numbering(label: &str) -> &str {
    let l = label.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '、');
    if let Some(rest) = l.strip_prefix('(') {
        if let Some(i) = rest.find(')') {
            if rest[..i].chars().count() <= 2 {
                return rest[i + 1..].trim_start_matches('、');
            }
        }
    }
    let mut chars = l.chars();
    match (chars.next(), chars.next()) {
        (Some(c), Some('、')) if numeral_value(c).is_some() => chars.as_str(),
        _ => l,
    }
}

/// Reads each found row's cells from the text between its label and the next found label.
pub fn read_rows(
    norm: &str,
    found: &[Option<FoundLabel>],
    widths: &[usize],
    end: usize,
    identity: &dyn Fn(usize, &[f64]) -> bool,
) -> Vec<Option<RowRead>> {
    let mut out = Vec::with_capacity(found.len());
    // One token list for every row's band in turn.
    let mut tokens = Vec::new();
    for (i, f) in found.iter().enumerate() {
        let Some(f) = f else {
            out.push(None);
            continue;
        };
        let next = found[i + 1..].iter().flatten().next().map_or(end, |n| n.head).max(f.end);
        // The row's band: its label's broken-off head, then what follows the label; or the whole
        // label on when the numbers stand inside it.
        tokens.clear();
        tokenize_into(norm, f.head, f.start, &mut tokens);
        tokenize_into(norm, if f.cells_inside { f.start } else { f.end }, next, &mut tokens);
        let ident = |v: &[f64]| identity(i, v);
        out.push(Some(unless_cut_off(norm, next, read_row(norm, &tokens, widths[i], &ident))));
    }
    out
}

/// A row that runs to the very end of the pasted text may have been cut in the middle of a
/// number ("13" pasted as "1") or a cell: a complete report goes on after its tables, so a
/// reading that ends the text cannot be trusted.
fn unless_cut_off(norm: &str, region_end: usize, read: RowRead) -> RowRead {
    match read {
        RowRead::Cells(_) if region_end >= norm.len() => RowRead::Unreadable(Unreadable::CutOff),
        other => other,
    }
}

/// Section 三: the applications table.
pub fn read_applications(norm: &str, start: usize, end: usize, format_hint: Format) -> ReadTable {
    let end = region_end(norm, start, end);
    let compact = Compact::labels(norm, start, end);
    let has_subrows = template::OTHER_SUBROW_ANCHORS.iter().any(|a| text::contains(&compact.text, a));
    let single_other = !has_subrows && (format_hint == Format::F2019 || text::contains(&compact.text, "其他处理"));
    let form = Template::of(if single_other { Format::F2019 } else { Format::F2021 });
    let defs = &form.application_rows;
    let found = find_labels(norm, &compact, Anchors::applications(form.format));
    let widths = vec![template::APPLICATION_COLUMNS.len(); defs.len()];
    let columns: Vec<ColKey> = template::APPLICATION_COLUMNS.iter().map(|c| c.key).collect();
    // Built for a row only when it is asked (a row with digits run together, rare): building
    // them all was 3% of a check.
    let within: Vec<std::cell::OnceCell<template::RowIdentities>> = defs.iter().map(|_| Default::default()).collect();
    let row_holds = |i: usize, v: &[f64]| {
        within[i].get_or_init(|| form.row_identities(TableKey::Applications, defs[i].key, &columns)).hold(v)
    };
    let reads = read_rows(norm, &found, &widths, end, &row_holds);
    let mut rows: Vec<ReadRow> = defs
        .iter()
        .zip(found)
        .zip(reads)
        .map(|((d, f), r)| ReadRow {
            key: d.key,
            label: d.label,
            anchors: d.anchors,
            columns: columns.clone(),
            found: f,
            read: r,
        })
        .collect();
    resolve_by_columns(&mut rows, form);
    place_by_columns(norm, &mut rows);
    // Column blocks only fill rows the labels left unread (and say why they could not be).
    let all_read = rows.iter().all(|r| matches!(r.read, Some(RowRead::Cells(_))));
    if !all_read {
        if let Some(read) = blocks::read_column_blocks(norm, start, end, rows.len(), columns.len()) {
            from_column_blocks(&mut rows, read);
        }
    }
    ReadTable { key: TableKey::Applications, template: form.format, rows, start, end, compact: Some(compact) }
}

/// Column-block text ([`blocks`]): the rows its blocks give, when every row its label let be
/// read agrees with them; else the rows not read say why the blocks could not be.
fn from_column_blocks(rows: &mut [ReadRow], read: Result<Vec<Vec<ReadCell>>, blocks::BlockMismatch>) {
    let agreed = read.and_then(|cells| {
        let disagree = rows.iter().zip(&cells).any(|(r, c)| match &r.read {
            Some(RowRead::Cells(by_label)) => !blocks::same_values(by_label, c),
            _ => false,
        });
        if disagree {
            Err(blocks::BlockMismatch::DisagreesWithLabels)
        } else {
            Ok(cells)
        }
    });
    match agreed {
        Ok(cells) => {
            for (r, c) in rows.iter_mut().zip(cells) {
                if matches!(r.read, Some(RowRead::Cells(_))) {
                    continue;
                }
                // A label away from its numbers: the row's place is its cells.
                if r.found.is_none() {
                    let (start, end) = (c.first().map_or(0, |c| c.start), c.last().map_or(0, |c| c.end));
                    r.found = Some(FoundLabel { start, end, head: start, approximate: false, cells_inside: false });
                }
                r.read = Some(RowRead::Cells(c));
            }
        }
        Err(why) => {
            for r in rows.iter_mut().filter(|r| r.found.is_some()) {
                if !matches!(r.read, Some(RowRead::Cells(_))) {
                    r.read = Some(RowRead::Unreadable(Unreadable::ColumnBlocks(why)));
                }
            }
        }
    }
}

/// Where a read cell stands on its line: its first and last character columns (characters
/// counted from the line's start, as `pdftotext -layout` lays text on a grid of characters), and
/// the line's start.
fn columns_of(norm: &str, c: &ReadCell) -> (usize, usize, usize) {
    let line_start = norm[..c.start].rfind('\n').map_or(0, |i| i + 1);
    let a = norm[line_start..c.start].chars().count();
    (line_start, a, a + norm[c.start..c.end].chars().count())
}

/// Rows whose space-aligned values stand on several lines ([`Unreadable::Unaligned`]): each
/// value belongs to the column whose span it lies in, the spans taken from the rows next to it
/// that were read on one line of their own (a column runs from the middle of the gap before its
/// value to the middle of the gap after). The nearest such row above and the nearest below on the
/// same page must place every value alike, one value to a column; otherwise the row stays
/// unreadable.
fn place_by_columns(norm: &str, rows: &mut [ReadRow]) {
    for i in 0..rows.len() {
        let Some(RowRead::Unreadable(Unreadable::Unaligned { cells })) = &rows[i].read else { continue };
        let n = rows[i].columns.len();
        let first = cells.iter().map(|c| c.start).min().unwrap_or(0);
        let last = cells.iter().map(|c| c.end).max().unwrap_or(0);
        let above = rows[..i].iter().rev().find_map(|r| one_line_row(norm, r, n));
        let below = rows[i + 1..].iter().find_map(|r| one_line_row(norm, r, n));
        // A page break between the reference and the row may shift the columns.
        let same_page = |a: usize, b: usize| norm.get(a..b).is_some_and(|t| !t.lines().any(is_page_break));
        let refs: Vec<&Vec<(usize, usize)>> = [
            above.as_ref().filter(|(_, end, _)| same_page(*end, first)).map(|(_, _, c)| c),
            below.as_ref().filter(|(start, _, _)| same_page(last, *start)).map(|(_, _, c)| c),
        ]
        .into_iter()
        .flatten()
        .collect();
        let placings: Vec<Option<Vec<ReadCell>>> = refs.iter().map(|r| place(norm, cells, r)).collect();
        let placed = match placings.split_first() {
            Some((Some(one), rest)) if rest.iter().all(|p| p.as_ref() == Some(one)) => Some(one.clone()),
            _ => None,
        };
        if let Some(placed) = placed {
            rows[i].read = Some(RowRead::Cells(placed));
        }
    }
}

fn is_page_break(line: &str) -> bool {
    line.contains('\u{c}') || crate::layout::cells::is_page_footer(line)
}

/// A row read as cells that all stand on one line of space-aligned text: its range and the
/// character columns of its cells.
type OneLine = (usize, usize, Vec<(usize, usize)>);

fn one_line_row(norm: &str, r: &ReadRow, n: usize) -> Option<OneLine> {
    let Some(RowRead::Cells(cells)) = &r.read else { return None };
    if cells.len() != n || cells.iter().any(|c| c.inferred || c.start == c.end) {
        return None;
    }
    // A row placed by columns has its cells in column order, not the text's.
    let start = cells.iter().map(|c| c.start).min()?;
    let end = cells.iter().map(|c| c.end).max()?;
    if norm[start..end].contains(['\n', '\t', '|']) {
        return None;
    }
    Some((start, end, cells.iter().map(|c| columns_of(norm, c)).map(|(_, a, b)| (a, b)).collect()))
}

/// Each cell in the column whose span holds it whole, given the columns of a row read on one
/// line; `None` unless every column gets exactly one cell.
fn place(norm: &str, cells: &[ReadCell], reference: &[(usize, usize)]) -> Option<Vec<ReadCell>> {
    let n = reference.len();
    if cells.len() != n {
        return None;
    }
    // Column j spans [bounds[j], bounds[j + 1]): from the middle of the gap before it.
    let mut bounds = vec![0];
    for w in reference.windows(2) {
        if w[1].0 <= w[0].1 {
            return None;
        }
        bounds.push((w[0].1 + w[1].0).div_ceil(2));
    }
    bounds.push(usize::MAX);
    let mut out: Vec<Option<ReadCell>> = vec![None; n];
    for c in cells {
        let (_, a, b) = columns_of(norm, c);
        let col = (0..n).find(|&j| bounds[j] <= a && b <= bounds[j + 1])?;
        if out[col].replace(c.clone()).is_some() {
            return None;
        }
    }
    out.into_iter().collect()
}

/// Largest number of combinations of run-together rows tried against the column identities.
const MAX_COMBINATIONS: usize = 20_000;

/// Run-together rows whose own arithmetic allows several splits: when every other row is read,
/// the column identities (results add up to （七）, 一+二 = （七）+四) may allow exactly one
/// combination. Take it only then.
fn resolve_by_columns(rows: &mut [ReadRow], form: &Template) {
    let candidates_of = |r: &ReadRow| match &r.read {
        Some(RowRead::Unreadable(Unreadable::Glued { candidates, .. })) => Some(candidates.clone()),
        _ => None,
    };
    let ambiguous: Vec<usize> =
        (0..rows.len()).filter(|&i| candidates_of(&rows[i]).is_some_and(|c| !c.is_empty())).collect();
    if ambiguous.is_empty() || ambiguous.len() > 3 {
        return;
    }
    let mut known: Vec<Option<Vec<f64>>> = rows
        .iter()
        .map(|r| match &r.read {
            Some(RowRead::Cells(c)) if c.iter().all(|c| c.value.is_some()) => {
                Some(c.iter().filter_map(|c| c.value).collect())
            }
            _ => None,
        })
        .collect();
    if (0..rows.len()).any(|i| known[i].is_none() && !ambiguous.contains(&i)) {
        return;
    }
    let options: Vec<Vec<Vec<ReadCell>>> =
        ambiguous.iter().map(|&i| candidates_of(&rows[i]).unwrap_or_default()).collect();
    let total: usize = options.iter().map(|o| o.len()).product();
    if total > MAX_COMBINATIONS {
        return;
    }
    let keys: Vec<RowKey> = rows.iter().map(|r| r.key).collect();
    let across = across_rows(form, &keys, &rows[0].columns);
    let mut accepted: Option<Vec<usize>> = None;
    let mut accepted_count = 0;
    let mut pick = vec![0usize; ambiguous.len()];
    for combo in 0..total {
        let mut rest = combo;
        for (k, o) in options.iter().enumerate() {
            pick[k] = rest % o.len();
            rest /= o.len();
            known[ambiguous[k]] = Some(o[pick[k]].iter().filter_map(|c| c.value).collect());
        }
        if columns_hold(&across, &known) {
            accepted_count += 1;
            accepted = Some(pick.clone());
        }
    }
    if accepted_count == 1 {
        if let Some(pick) = accepted {
            for (k, &i) in ambiguous.iter().enumerate() {
                rows[i].read = Some(RowRead::Cells(options[k][pick[k]].clone()));
            }
        }
    }
}

/// The identities across section 三's rows with their cells as (row, column) positions in the
/// table being read: built once, asked of every combination. None when a cell has no position
/// (then no combination can satisfy it).
type Across = Option<Vec<(Vec<(usize, usize)>, Vec<(usize, usize)>)>>;

fn across_rows(form: &Template, rows: &[RowKey], columns: &[ColKey]) -> Across {
    let at = |c: &CellRef| Some((rows.iter().position(|&k| k == c.row)?, columns.iter().position(|&k| k == c.col)?));
    form.identities_of(TableKey::Applications)
        .filter(|i| i.cells().any(|c| c.row != i.left[0].row))
        .map(|i| Some((i.left.iter().map(at).collect::<Option<_>>()?, i.right.iter().map(at).collect::<Option<_>>()?)))
        .collect()
}

/// Whether every identity across section 三's rows holds on `values` (a row per key).
fn columns_hold(across: &Across, values: &[Option<Vec<f64>>]) -> bool {
    let Some(across) = across else { return false };
    let sum =
        |cells: &[(usize, usize)]| cells.iter().map(|&(r, c)| values[r].as_ref()?.get(c).copied()).sum::<Option<f64>>();
    across.iter().all(|(l, r)| matches!((sum(l), sum(r)), (Some(l), Some(r)) if crate::template::same(l, r)))
}

/// The end of a table region that starts at `start` and may run to `end`: bounded, so a huge
/// paste is not searched as one table.
pub fn region_end(norm: &str, start: usize, end: usize) -> usize {
    // Never before `start`: an empty region rather than a reversed one.
    let start = start.min(norm.len());
    floor_char(norm, end.min(start.saturating_add(MAX_TABLE_REGION)).min(norm.len())).max(start)
}

/// Section 二: the active-disclosure tables, in the given format's form. `section` is
/// `norm[start..end]` compacted, with `end` from [`region_end`].
pub fn read_active(norm: &str, section: &Compact, start: usize, end: usize, format: Format) -> ReadTable {
    // The tables begin at the first caption; the narrative before may mention 规章 and the like.
    let caption = crate::text::find(&section.text, "第二十条");
    let table_start = caption.map_or(start, |i| section.pos(i));
    // The section's compact text from the caption on is the table's (the caption's 第 is not a
    // 、 that a digit before it would have turned into a point).
    let compact = section.from(caption.unwrap_or(0));
    let defs = template::active_rows(format);
    let found = find_labels(norm, &compact, Anchors::active(format));
    let widths: Vec<usize> = defs.iter().map(|d| d.columns.len()).collect();
    // Section 二 has no identities within a row: any split of run-together digits is as good.
    let reads = read_rows(norm, &found, &widths, end, &|_, _| true);
    let rows = defs
        .iter()
        .zip(found)
        .zip(reads)
        .map(|((d, f), r)| ReadRow {
            key: d.key,
            label: d.label,
            anchors: d.anchors,
            columns: d.columns.iter().map(|c| c.key).collect(),
            found: f,
            read: r.map(|r| signed_changes(norm, r)),
        })
        .collect();
    ReadTable {
        key: TableKey::ActiveDisclosure,
        template: if format == Format::F2019 { Format::F2019 } else { Format::F2021 },
        rows,
        start: table_start,
        end,
        compact: Some(compact),
    }
}

/// `增4` / `减4` in the 2019 change column are numbers with a sign.
fn signed_changes(norm: &str, r: RowRead) -> RowRead {
    match r {
        RowRead::Cells(mut cells) => {
            for c in &mut cells {
                let raw = &norm[c.start..c.end];
                let (sign, rest) = match raw.strip_prefix('增') {
                    Some(r) => (1.0, r),
                    None => match raw.strip_prefix('减') {
                        Some(r) => (-1.0, r),
                        None => continue,
                    },
                };
                if let Some(v) = crate::layout::cells::parse_number(rest.trim()) {
                    c.kind = crate::report::CellKind::Number;
                    c.value = Some(sign * v);
                }
            }
            RowRead::Cells(cells)
        }
        other => other,
    }
}

/// Section 四: one row of 15 values after the header.
pub fn read_reviews(norm: &str, start: usize, end: usize) -> ReadTable {
    let end = region_end(norm, start, end);
    let columns: Vec<ColKey> = template::REVIEW_COLUMNS.iter().map(|c| c.key).collect();
    // From the first line that may hold a value: the header before it is words only, and only
    // the tokens from the first value on are read.
    let tokens: Vec<Token> = tokenize(norm, first_line_with_value(norm, start, end), end);
    let form = Template::of(Format::F2021);
    let within = form.row_identities(TableKey::ReviewsLitigation, RowKey::Counts, &columns);
    let blocks = |v: &[f64]| within.hold(v);
    // The header has no digits; the values follow it. A header word after the values (PDF text
    // that printed labels after numbers) means the reading is not safe.
    let first_value = tokens.iter().position(|t| matches!(t.kind, TokKind::Value(_)));
    let read = first_value.map(|fv| {
        let later_header = tokens[fv..]
            .iter()
            .take_while(|t| t.kind != TokKind::Sentence)
            .any(|t| t.kind == TokKind::Fragment && is_review_header_word(&norm[t.start..t.end]));
        let row = unless_cut_off(norm, end, read_row(norm, &tokens[fv..], columns.len(), &blocks));
        match row {
            RowRead::Cells(_) if later_header => RowRead::Unreadable(Unreadable::Interleaved),
            other => other,
        }
    });
    // The row has no label of its own: its place is the run of values.
    let found = first_value.map(|fv| {
        let end = match &read {
            Some(RowRead::Cells(cells)) => cells.last().map_or(tokens[fv].end, |c| c.end),
            _ => tokens[fv].end,
        };
        FoundLabel { start: tokens[fv].start, end, head: tokens[fv].start, approximate: false, cells_inside: false }
    });
    let rows =
        vec![ReadRow { key: RowKey::Counts, label: template::REVIEW_ROW_LABEL, anchors: &[], columns, found, read }];
    ReadTable { key: TableKey::ReviewsLitigation, template: Format::F2021, rows, start, end, compact: None }
}

fn is_review_header_word(t: &str) -> bool {
    ["维持", "纠正", "结果", "审结", "总计", "起诉"].iter().any(|w| text::contains(t, w))
}

#[cfg(test)]
mod candidate_tests {
    use super::*;

    /// Every phrase's hits as two scans take them, one of the compact text and one of the
    /// unbroken text, each phrase's as `str::match_indices` finds them.
    fn by_two_scans(ct: &str, unbroken: &Unbroken, anchors: &Anchors) -> Candidates {
        let mut all = Vec::new();
        for &(row, key) in &anchors.phrases.keys {
            let hits = ct.match_indices(key).take(MAX_CANDIDATES_PER_ROW);
            all.extend(hits.map(|(s, _)| (row, s, s + key.len())));
            if unbroken.any {
                let hits = unbroken.text.match_indices(key).take(MAX_CANDIDATES_PER_ROW);
                all.extend(hits.map(|(s, _)| (row, unbroken.pos(s), unbroken.end(s + key.len()))));
            }
        }
        by_row(all, anchors.rows.len())
    }

    fn every_form() -> Vec<&'static Anchors> {
        [Format::F2019, Format::F2021]
            .into_iter()
            .flat_map(|f| [Anchors::applications(f), Anchors::active(f)])
            .collect()
    }

    #[test]
    fn one_scan_finds_what_two_scans_find() {
        // Phrases and pieces of them, numbers between words with and without spaces, repeats.
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: usize| {
            crate::text::xorshift(&mut seed);
            (seed % n as u64) as usize
        };
        let mut unbroken_seen = 0;
        for anchors in every_form() {
            let keys: Vec<&str> = anchors.phrases.keys.iter().map(|&(_, k)| k).collect();
            for _ in 0..400 {
                let mut text = String::new();
                for _ in 0..next(60) {
                    match next(6) {
                        0 | 1 => text.push_str(keys[next(keys.len())]),
                        2 => {
                            // A numbering cut off by spaces: "不予公开 3. 其他".
                            if next(2) == 0 {
                                text.push(' ');
                            }
                            let k: Vec<char> = keys[next(keys.len())].chars().collect();
                            let cut = next(k.len() + 1);
                            text.extend(&k[..cut]);
                            text.push_str([" 12 ", "3", " 0 4 ", "1.5", " "][next(5)]);
                            text.extend(&k[cut..]);
                        }
                        3 => text.push_str([" ", "\n", "\t", " 7 "][next(4)]),
                        4 => text.push_str(["总计", "其他", "申请", "、"][next(4)]),
                        _ => text.push_str(&next(100).to_string()),
                    }
                }
                let compact = Compact::labels(&text, 0, text.len());
                let unbroken = Unbroken::new(&text, &compact);
                unbroken_seen += usize::from(unbroken.any);
                // Each byte's compact offset, as the compact text with the cuts' bytes left out.
                let kept = (0..compact.text.len()).filter(|&i| !unbroken.cuts.iter().any(|&(a, b)| a <= i && i < b));
                if unbroken.any {
                    for (u, c) in kept.enumerate() {
                        assert_eq!(unbroken.pos(u), c, "{text:?}");
                    }
                }
                // Whether a range holds a cut, as the scan of every cut tells.
                for s in 0..compact.text.len().min(40) {
                    for e in s..compact.text.len().min(s + 40) {
                        let scanned = unbroken.cuts.iter().any(|&(a, b)| s < a && b < e);
                        assert_eq!(unbroken.breaks(s, e), scanned, "{text:?} {s}..{e}");
                    }
                }
                let (one, two) =
                    (candidates(&compact.text, &unbroken, anchors), by_two_scans(&compact.text, &unbroken, anchors));
                assert_eq!((one.hits, one.at), (two.hits, two.at), "{text:?}");
            }
        }
        assert!(unbroken_seen > 100, "{unbroken_seen} texts had runs taken out");
        assert!(every_form().iter().any(|a| !a.phrases.numbered.is_empty()));
    }
}

#[cfg(test)]
mod label_variant_tests {
    use super::*;

    #[test]
    fn subsequences_as_the_greedy_search_over_chars_finds_them() {
        let chars = |needle: &str, hay: &str| {
            let mut hay = hay.chars();
            needle.chars().all(|n| hay.any(|h| h == n))
        };
        let texts = [
            "",
            "本机关不掌握相关政府信息",
            "本机关1不2掌握相关",
            "掌握本机关",
            "政府信息公开a😀",
            "😀a",
            "a",
            "相关相关",
            "关相",
        ];
        let mut some_true = false;
        for needle in texts {
            for hay in texts {
                assert_eq!(is_subsequence(needle, hay), chars(needle, hay), "{needle:?} in {hay:?}");
                some_true |= !needle.is_empty() && is_subsequence(needle, hay) && needle != hay;
            }
        }
        assert!(some_true);
    }

    /// Folding spelling variants never makes one row's anchor match another row's label: every
    /// pair of template rows stays distinct.
    #[test]
    fn folded_labels_never_confuse_two_rows() {
        for format in [Format::F2019, Format::F2021] {
            let rows = &Template::of(format).application_rows;
            for (i, a) in rows.iter().enumerate() {
                for (j, b) in rows.iter().enumerate() {
                    if i == j {
                        continue;
                    }
                    assert_ne!(label_key(a.label), label_key(b.label), "{format:?}: {} / {}", a.label, b.label);
                    // The official label with its numbering, as a table prints it.
                    let b_key = label_key(b.label);
                    for p in a.anchors {
                        // 总计 and 其他 name their own rows only in place (the longest chain
                        // takes them where the table has them); every longer anchor is unique.
                        let p = label_key(p);
                        if p.chars().count() <= 2 {
                            continue;
                        }
                        assert!(!b_key.contains(&*p), "{format:?}: anchor {p} of {} inside {}", a.label, b.label);
                    }
                }
            }
            for defs in [template::active_rows(format)] {
                for (i, a) in defs.iter().enumerate() {
                    for b in &defs[i + 1..] {
                        assert_ne!(label_key(a.label), label_key(b.label));
                    }
                }
            }
        }
    }

    #[test]
    fn anchors_are_written_as_label_keys() {
        // find_labels looks for the anchors as written: each must be its own label key.
        for format in [Format::F2019, Format::F2021] {
            let application = Template::of(format).application_rows.iter().flat_map(|r| r.anchors);
            let active = template::active_rows(format).iter().flat_map(|r| r.anchors);
            for a in application.chain(active) {
                assert_eq!(label_key(a), *a, "{format:?}: anchor {a} is not written as its label key");
            }
        }
    }

    #[test]
    fn label_keys_fold_only_spelling() {
        assert_eq!(label_key("3.其它"), label_key("3.其他"));
        assert_eq!(label_key("1.本机关不掌握的相关政府信息"), label_key("1.本机关不掌握相关政府信息"));
        assert_eq!(label_key("3.危及「三安全一稳定」"), label_key("3.危及“三安全一稳定”"));
        assert_eq!(label_key("（一） 予以 公开"), label_key("(一)予以公开"));
        assert_ne!(label_key("2.重复申请"), label_key("4.无正当理由大量反复申请"));
        let c = Compact::labels("其它 的处理", 0, "其它 的处理".len());
        assert_eq!(c.text, "其他处理");
        assert_eq!((c.pos(0), c.pos(3), c.pos(c.text.len())), (0, 3, "其它 的处理".len()));
    }
}
