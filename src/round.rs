//! A review round: many reports checked together, each compared with its body's report of the
//! year before and with the other reports of the round (the X rules of `rules.md`).
//!
//! Each report is reduced to an [`Entry`] right after its own check — the few cells the X rules
//! compare and its narrative sentences — so a round of thousands of reports holds little memory
//! and the per-report checks can stream. [`compare`] then pairs the entries by body and year and
//! returns each report's X findings.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::report::{CellKind, CellRef, ColKey, Diagnostic, Format, Report, RowKey, Span, TableKey};
use crate::rules::{x001, x002, x003, x004, x005};
use crate::template;

/// The other report an X finding compares with (schema.md, "Across reports").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counterpart {
    pub file: String,
    pub body: Option<String>,
    pub year: Option<i32>,
    /// That report's cells the finding compares with.
    pub cells: Vec<CellRef>,
}

/// What the X rules need of one checked report.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file as the user named it.
    pub file: String,
    pub body: Option<String>,
    pub year: Option<i32>,
    pub format: Format,
    /// The body as compared: no spaces or punctuation.
    pub(crate) body_key: Option<String>,
    /// The number cells of the rows the X rules compare, with their spans.
    pub(crate) numbers: HashMap<CellRef, (f64, Span)>,
    /// The section 二 template (the 2019 columns count other things).
    pub(crate) active_template: Option<Format>,
    /// The narrative's sentences that could be copied: (compared form, span).
    pub(crate) sentences: Vec<(String, Span)>,
    /// Where each span start above is in the text, sorted by offset: the X findings say their
    /// section, line and column without the text, which is dropped after the reduction. The
    /// CLI's alone: the page has the texts and finds the lines itself.
    #[cfg(feature = "cli")]
    places: Vec<(usize, Place)>,
}

/// Where an offset of a report's text is: its 1-based line and column (in characters) and the
/// section (1–6) it falls in, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
    pub section: Option<u8>,
}

/// Pairings a person made by hand, which override the pairing by body and year: `this`'s report
/// of the year before is `last`, or none at all (indexes into the entries).
#[derive(Debug, Clone, Default)]
pub struct Pairing {
    /// `(this, last)`, the latest last: a handful, looked up linearly.
    by_hand: Vec<(usize, Option<usize>)>,
}

impl Pairing {
    /// `last` is `this`'s report of the year before, whatever their bodies and years.
    pub fn pair(&mut self, this: usize, last: usize) {
        if this != last {
            self.by_hand.push((this, Some(last)));
        }
    }

    /// `this` is compared with no report of the year before.
    pub fn unpair(&mut self, this: usize) {
        self.by_hand.push((this, None));
    }

    fn get(&self, this: usize, len: usize) -> Option<Option<usize>> {
        self.by_hand.iter().rfind(|p| p.0 == this).map(|p| p.1.filter(|&l| l < len))
    }
}

/// What [`compare_paired`] finds: each entry's X findings and the entry it was compared with
/// as its report of the year before.
#[derive(Debug, Clone, Default)]
pub struct Compared {
    pub findings: Vec<Vec<Diagnostic>>,
    pub last_year: Vec<Option<usize>>,
}

/// The cells the X rules read.
const COMPARED_ROWS: [(TableKey, RowKey); 9] = [
    (TableKey::Applications, RowKey::NewReceived),
    (TableKey::Applications, RowKey::CarriedOver),
    (TableKey::Applications, RowKey::CarriedForward),
    (TableKey::ActiveDisclosure, RowKey::Regulations),
    (TableKey::ActiveDisclosure, RowKey::NormativeDocuments),
    (TableKey::ActiveDisclosure, RowKey::Licensing),
    (TableKey::ActiveDisclosure, RowKey::Penalty),
    (TableKey::ActiveDisclosure, RowKey::Coercion),
    (TableKey::ActiveDisclosure, RowKey::Fees),
];

/// Sections whose prose a unit writes itself: 一 总体情况, 五 问题及改进, 六 其他事项.
const NARRATIVE_SECTIONS: [u8; 3] = [1, 5, 6];

/// A sentence shorter than this (in Chinese characters) says too little to count as copied.
const MIN_SENTENCE_CHARS: usize = 15;

/// Most sentences kept per report: a round of hostile texts stays bounded.
const MAX_SENTENCES: usize = 2_000;

impl Entry {
    /// Reduces one checked report (`text` as it was checked, `report` its result).
    pub fn new(file: &str, text: &str, report: &Report) -> Entry {
        let mut numbers = HashMap::new();
        for (table, row) in COMPARED_ROWS {
            let Some(r) = report.tables.table(table).and_then(|t| t.row(row)) else { continue };
            for c in r.cells.iter().filter(|c| c.kind == CellKind::Number) {
                if let Some(v) = c.value {
                    numbers.insert(CellRef::new(table, row, c.col), (v, c.span));
                }
            }
        }
        let sentences = narrative_sentences(text, report);
        Entry {
            #[cfg(feature = "cli")]
            places: places(
                text,
                report,
                numbers.values().map(|(_, s)| s.start).chain(sentences.iter().map(|(_, s)| s.start)),
            ),
            sentences,
            file: file.to_string(),
            body: report.body.clone(),
            year: report.year,
            format: report.format,
            body_key: report.body.as_deref().map(body_key).filter(|k| !k.is_empty()),
            numbers,
            active_template: report.tables.active_disclosure.as_ref().map(|t| t.template),
        }
    }

    /// Where an offset of one of this report's spans (an X finding's) is in its text.
    #[cfg(feature = "cli")]
    pub fn place(&self, offset: usize) -> Option<Place> {
        self.places.binary_search_by_key(&offset, |p| p.0).ok().map(|i| self.places[i].1)
    }

    /// The template of a table of this report, which names its rows and columns.
    pub fn template_of(&self, table: TableKey) -> Format {
        match (table, self.active_template) {
            (TableKey::ActiveDisclosure, Some(t)) => t,
            _ if self.format == Format::Unknown => Format::F2021,
            _ => self.format,
        }
    }

    /// A number cell of a compared row.
    pub(crate) fn number(&self, table: TableKey, row: RowKey, col: ColKey) -> Option<(f64, Span)> {
        self.numbers.get(&CellRef::new(table, row, col)).copied()
    }

    /// Names this report as the other side of a finding.
    pub(crate) fn counterpart(&self, cells: Vec<CellRef>) -> Counterpart {
        Counterpart { file: self.file.clone(), body: self.body.clone(), year: self.year, cells }
    }

    /// How a finding names this report: "2023年报告（a/b.txt）".
    pub(crate) fn name(&self) -> String {
        match self.year {
            Some(y) => format!("{y}年报告（{}）", self.file),
            None => format!("报告（{}）", self.file),
        }
    }
}

/// The places of `offsets` in `text`, in one pass over it.
#[cfg(feature = "cli")]
fn places(text: &str, report: &Report, offsets: impl Iterator<Item = usize>) -> Vec<(usize, Place)> {
    let mut offsets: Vec<usize> = offsets.filter(|&o| o <= text.len()).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut out = Vec::with_capacity(offsets.len());
    let (mut line, mut line_start, mut at) = (1, 0, 0);
    for o in offsets {
        for (i, b) in text.as_bytes()[at..o].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                line_start = at + i + 1;
            }
        }
        at = o;
        let column = text.get(line_start..o).map_or(0, |s| s.chars().count()) + 1;
        let section = report.sections.iter().rfind(|s| s.span.start <= o).map(|s| s.number);
        out.push((o, Place { line, column, section }));
    }
    out
}

/// The body as compared: spaces, punctuation and quotes dropped.
fn body_key(body: &str) -> String {
    body.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Whether two bodies are the same unit: equal, or one names a place in front that the other
/// leaves out ("江苏省宿迁市宿城区人民政府" and "宿城区人民政府").
pub(crate) fn same_body(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 4
        && long.strip_suffix(short).is_some_and(|prefix| prefix.ends_with(['省', '市', '区', '县', '州', '盟', '旗']))
}

/// The sentences of the narrative sections that are long enough to count and not among the
/// standard sentences every report carries.
fn narrative_sentences(text: &str, report: &Report) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let sections = &report.sections;
    for (i, s) in sections.iter().enumerate() {
        if !NARRATIVE_SECTIONS.contains(&s.number) {
            continue;
        }
        let start = s.span.end;
        let end = sections.get(i + 1).map_or(text.len(), |n| n.span.start).max(start);
        let Some(body) = text.get(start..end) else { continue };
        let mut from = 0;
        for (at, c) in body.char_indices().chain([(body.len(), '。')]) {
            if !matches!(c, '。' | '！' | '？' | '；' | '\n' | '!' | '?' | ';') {
                continue;
            }
            let (sentence, at_start) = (&body[from..at], from);
            from = (at + c.len_utf8()).min(body.len());
            let compared = compared_form(sentence);
            if compared.chars().filter(|c| crate::text::is_cjk(*c)).count() < MIN_SENTENCE_CHARS
                || is_standard(&compared)
            {
                continue;
            }
            let lead = sentence.len() - sentence.trim_start().len();
            let span = Span::new(start + at_start + lead, start + at_start + sentence.trim_end().len());
            out.push((compared, span));
            if out.len() >= MAX_SENTENCES {
                return out;
            }
        }
    }
    out
}

/// A sentence as compared: whitespace and punctuation dropped, every run of digits one `#`, so a
/// copy with this year's numbers put in is still the same sentence.
fn compared_form(sentence: &str) -> String {
    let mut out = String::new();
    for c in sentence.chars() {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else if c.is_alphanumeric() {
            out.push(c);
        }
    }
    out
}

/// Sentences every report must or usually does contain, in the wording the format notices give:
/// the purpose of the report, the statistics period, the fee statement, where to read it.
fn is_standard(compared: &str) -> bool {
    const STANDARD: [&str; 8] =
        ["政府信息公开条例", "本报告", "年度报告", "统计期限", "信息处理费", "电子版", "联系电话", "网址"];
    STANDARD.iter().any(|w| compared.contains(w))
}

/// The X findings of each entry, in the entries' order.
pub fn compare(entries: &[Entry]) -> Vec<Vec<Diagnostic>> {
    compare_paired(entries, &Pairing::default()).findings
}

/// The X findings of each entry, with the pairings made by hand in place of those by body and
/// year, and which entry each was compared with as its report of the year before.
pub fn compare_paired(entries: &[Entry], pairing: &Pairing) -> Compared {
    // Each narrative as a set once: X004 looks every report up against every other.
    let sets: Vec<HashSet<&str>> =
        entries.iter().map(|e| e.sentences.iter().map(|(s, _)| s.as_str()).collect()).collect();
    // Which reports hold each sentence: a report's sentences shared with every other report are
    // counted through it, so distinct narratives cost time linear in the round, not quadratic.
    let mut holders: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, set) in sets.iter().enumerate() {
        for s in set {
            holders.entry(s).or_default().push(j);
        }
    }
    let mut shared = vec![0usize; entries.len()];
    let mut out = Compared { findings: vec![Vec::new(); entries.len()], last_year: vec![None; entries.len()] };
    for (i, this) in entries.iter().enumerate() {
        let by_hand = pairing.get(i, entries.len());
        let body = this.body_key.as_deref();
        let same = |e: &Entry| body.is_some_and(|b| e.body_key.as_deref().is_some_and(|k| same_body(k, b)));
        // X005: the same body and year earlier in the round — unless a person paired the two.
        if let Some((_, first)) = entries[..i]
            .iter()
            .enumerate()
            .find(|&(j, e)| e.year.is_some() && e.year == this.year && same(e) && by_hand != Some(Some(j)))
        {
            out.findings[i].extend(x005::compare(this, first));
            if by_hand.is_none() {
                continue;
            }
        }
        let last_year = by_hand
            .unwrap_or_else(|| this.year.and_then(|y| entries.iter().position(|e| e.year == Some(y - 1) && same(e))));
        out.last_year[i] = last_year;
        if let Some(l) = last_year {
            let last = &entries[l];
            out.findings[i].extend(x001::compare(this, last));
            out.findings[i].extend(x002::compare(this, last));
            out.findings[i].extend(x003::compare(this, last));
            out.findings[i].extend(x004::compare(this, last, &sets[l], 0));
        }
        if body.is_none() {
            continue;
        }
        // X004 against the other units of the round: one finding, naming the closest copy and
        // counting the others, so a template copied by a hundred units makes a hundred findings,
        // not ten thousand.
        // shared[j]: how many of this report's sentences report j holds.
        let mut touched = Vec::new();
        for (sentence, _) in &this.sentences {
            for &j in holders.get(sentence.as_str()).map_or(&[][..], |h| h.as_slice()) {
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += 1;
            }
        }
        touched.sort_unstable();
        let copies: Vec<(usize, usize)> = touched
            .iter()
            .map(|&j| (j, std::mem::take(&mut shared[j])))
            .filter(|&(j, n)| {
                let e = &entries[j];
                j != i && Some(j) != last_year && e.body_key.is_some() && !same(e) && x004::is_copy(this, n)
            })
            .collect();
        if let Some(&(closest, _)) = copies.iter().max_by_key(|&&(j, n)| (n, std::cmp::Reverse(j))) {
            out.findings[i].extend(x004::compare(this, &entries[closest], &sets[closest], copies.len() - 1));
        }
    }
    out
}

/// How a column is named in an X message.
pub(crate) fn column_label(format: Format, table: TableKey, row: RowKey, col: ColKey) -> &'static str {
    template::column_def(format, table, row, col).map_or("", |c| c.label)
}

/// A row's official label.
pub(crate) fn row_label(format: Format, table: TableKey, row: RowKey) -> &'static str {
    template::row_label(format, table, row).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_pair_with_and_without_their_place() {
        assert!(same_body("宿城区人民政府", "宿城区人民政府"));
        assert!(same_body("江苏省宿迁市宿城区人民政府", "宿城区人民政府"));
        assert!(!same_body("宿城区人民政府", "宿豫区人民政府"));
        assert!(!same_body("市教育局", "教育局"), "a bare 市 is not a place name");
        assert!(!same_body("某某县公安局交通警察大队", "交通警察大队大"));
    }

    #[test]
    fn sentences_compare_without_numbers_and_spaces() {
        assert_eq!(compared_form("2023年共 受理 12件，办结11件"), compared_form("2024年共受理15件，办结 9件"));
        assert!(is_standard(&compared_form("本机关未收取信息处理费。")));
    }
}
