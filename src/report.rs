//! The result of one check (`shared/spec/schema.md`): plain serde structs, identical for the
//! library, the wasm module and the command-line tool.

use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;

pub use crate::template::{ColKey, RowKey, TableKey};

/// Byte offsets into the text exactly as the caller passed it (UTF-8 in Rust; the wasm edge
/// rewrites them to UTF-16 code units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    #[serde(rename = "2021")]
    F2021,
    #[serde(rename = "2019")]
    F2019,
    #[serde(rename = "unknown")]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The severity in words, as the page, the CLI and the problem list say it.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub format: Format,
    pub year: Option<i32>,
    pub body: Option<String>,
    pub sections: Vec<SectionInfo>,
    pub tables: Tables,
    pub diagnostics: Vec<Diagnostic>,
    /// How much of each table was read.
    #[serde(default)]
    pub coverage: Coverage,
    /// The likeliest corrections when identities fail (R007), best first.
    #[serde(default)]
    pub repairs: Vec<Repair>,
    /// The file that was read, when the text came from one (set by the CLI and the wasm
    /// `check_file`); absent for a text passed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The checker's version.
    #[serde(default)]
    pub version: String,
}

/// The checker's version, as `version` in every result.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Cells read out of the cells the template has, per table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub active_disclosure: TableCoverage,
    pub applications: TableCoverage,
    pub reviews_litigation: TableCoverage,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableCoverage {
    /// Cells the text has (numbers, blanks, `/`, text: anything read).
    pub read: usize,
    /// Cells the template has.
    pub expected: usize,
}

impl TableCoverage {
    pub fn complete(&self) -> bool {
        self.read >= self.expected
    }
}

impl Coverage {
    pub fn get(&self, table: TableKey) -> TableCoverage {
        match table {
            TableKey::ActiveDisclosure => self.active_disclosure,
            TableKey::Applications => self.applications,
            TableKey::ReviewsLitigation => self.reviews_litigation,
        }
    }

    /// Every cell of every table read: only then can a check say it found no problem.
    pub fn complete(&self) -> bool {
        TableKey::ALL.iter().all(|&t| self.get(t).complete())
    }

    /// "表三 14/175 格已读取 · 检查不完整", or None when every cell was read.
    pub fn verdict(&self) -> Option<String> {
        let partial: Vec<String> = TableKey::ALL
            .iter()
            .filter(|&&t| !self.get(t).complete())
            .map(|&t| format!("{} {}/{}", t.short_name(), self.get(t).read, self.get(t).expected))
            .collect();
        (!partial.is_empty()).then(|| format!("{} 格已读取 · 检查不完整", crate::text::join(&partial, "，")))
    }
}

/// One explanation of the failing identities: the cells (and figures stated in the text) to
/// change, and the value each would take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Repair {
    pub changes: Vec<CellChange>,
    pub text_changes: Vec<TextChange>,
    /// The documented cost of this explanation (R007); lower is likelier.
    pub weight: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CellChange {
    pub table: TableKey,
    pub row: RowKey,
    pub col: ColKey,
    #[serde(serialize_with = "serialize_number")]
    pub from: f64,
    #[serde(serialize_with = "serialize_number")]
    pub to: f64,
}

impl CellChange {
    pub fn cell(&self) -> CellRef {
        CellRef::new(self.table, self.row, self.col)
    }
}

/// A figure the text states, and the value that would agree with the repaired table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TextChange {
    pub span: Span,
    #[serde(serialize_with = "serialize_number")]
    pub from: f64,
    #[serde(serialize_with = "serialize_number")]
    pub to: f64,
}

/// What was read: `{"kind":"docx","name":"单位年报.docx"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub kind: SourceKind,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Text,
    Html,
    Docx,
    Doc,
    Pdf,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionInfo {
    pub number: u8,
    pub title: String,
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tables {
    pub active_disclosure: Option<Table>,
    pub applications: Option<Table>,
    pub reviews_litigation: Option<Table>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Which template the rows follow: "2021" or "2019".
    pub template: Format,
    #[serde(serialize_with = "serialize_rows")]
    pub rows: Vec<Row>,
}

/// A table's rows; only their number when the serializer is not human-readable
/// (`json::to_json_packed`, the worker's copy of the report), whose rows and cells go across as
/// numbers instead (`json::pack_tables`).
fn serialize_rows<S: Serializer>(rows: &[Row], s: S) -> Result<S::Ok, S::Error> {
    if s.is_human_readable() {
        return rows.serialize(s);
    }
    s.serialize_u64(rows.len() as u64)
}

impl Table {
    pub fn row(&self, key: RowKey) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
    pub fn cell(&self, row: RowKey, col: ColKey) -> Option<&Cell> {
        self.row(row).and_then(|r| r.cell(col))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub key: RowKey,
    /// The official label of the row (the template's own string: no copy per check).
    pub label: Cow<'static, str>,
    /// Where the row's label was found; null when the row was not found at all.
    pub span: Option<Span>,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, col: ColKey) -> Option<&Cell> {
        self.cells.iter().find(|c| c.col == col)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellKind {
    Number,
    Blank,
    Na,
    Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub col: ColKey,
    pub raw: CellText,
    #[serde(serialize_with = "serialize_value")]
    pub value: Option<f64>,
    pub kind: CellKind,
    pub span: Span,
    /// True when the cell boundary was not in the text and was inferred (digits run together).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
}

/// A cell's text as the caller wrote it: a string, kept inline when it is short (a count, "/",
/// "无" — nearly every cell), on the heap only when longer. A report has a few hundred cells, and
/// a `String` for each was about 190 of a check's 630–980 allocations.
#[derive(Clone)]
pub struct CellText(CellTextRepr);

#[derive(Clone)]
enum CellTextRepr {
    Inline { len: u8, bytes: [u8; CellText::INLINE] },
    Heap(Box<str>),
}

impl CellText {
    /// The longest text kept inline, in bytes (the enum is then as large as a `String`).
    const INLINE: usize = 22;

    pub fn new(text: &str) -> CellText {
        if text.len() <= Self::INLINE {
            let mut bytes = [0; Self::INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            CellText(CellTextRepr::Inline { len: text.len() as u8, bytes })
        } else {
            CellText(CellTextRepr::Heap(text.into()))
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always whole characters: the bytes were a `&str`'s.
            CellTextRepr::Inline { len, bytes } => std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default(),
            CellTextRepr::Heap(text) => text,
        }
    }
}

impl std::ops::Deref for CellText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for CellText {
    fn from(text: &str) -> CellText {
        CellText::new(text)
    }
}

impl From<String> for CellText {
    fn from(text: String) -> CellText {
        // A long text keeps the allocation it came in.
        if text.len() <= CellText::INLINE {
            CellText::new(&text)
        } else {
            CellText(CellTextRepr::Heap(text.into_boxed_str()))
        }
    }
}

impl PartialEq for CellText {
    fn eq(&self, other: &CellText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<&str> for CellText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<CellText> for &str {
    fn eq(&self, other: &CellText) -> bool {
        *self == other.as_str()
    }
}

impl std::fmt::Debug for CellText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for CellText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CellText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CellText, D::Error> {
        String::deserialize(d).map(CellText::from)
    }
}

fn serialize_number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    serialize_value(&Some(*v), s)
}

/// Whole numbers print as integers (`1`, not `1.0`); fees keep their decimals.
fn serialize_value<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CellRef {
    pub table: TableKey,
    pub row: RowKey,
    pub col: ColKey,
}

impl CellRef {
    pub fn new(table: TableKey, row: RowKey, col: ColKey) -> Self {
        CellRef { table, row, col }
    }

    /// How many (table, row) places [`CellRef::row_slot`] numbers.
    pub const ROW_SLOTS: usize = TableKey::ALL.len() * RowKey::ALL.len();

    /// A row's place in a list of every (table, row): a lookup by index where a check reads
    /// many cells, with no map's code in the wasm.
    pub fn row_slot(table: TableKey, row: RowKey) -> usize {
        table as usize * RowKey::ALL.len() + row as usize
    }
}

/// A place for each cell named, found through its row's block of column places: a block for
/// each row named (a few dozen a report), not a place for every (table, row, column) of the
/// template (thousands, to be zeroed on every check), and no search along a row. The identities
/// index a report's cells with it, R007 its variables.
pub(crate) struct CellMap<T> {
    /// Each (table, row)'s block in `blocks`, plus one (0: the row has none).
    rows: [u16; CellRef::ROW_SLOTS],
    blocks: Vec<[T; ColKey::ALL.len()]>,
}

impl<T: Copy + Default> CellMap<T> {
    pub(crate) fn new() -> Self {
        // Room for a report's rows (about 40 in all three tables): one allocation, not a growth.
        CellMap { rows: [0; CellRef::ROW_SLOTS], blocks: Vec::with_capacity(64) }
    }

    /// The place of `at`, if its row has a block.
    pub(crate) fn get(&self, at: &CellRef) -> Option<&T> {
        let block = self.rows[CellRef::row_slot(at.table, at.row)].checked_sub(1)?;
        Some(&self.blocks[usize::from(block)][at.col as usize])
    }

    /// The place of `at`, its row's block made (every place `T::default()`) the first time.
    pub(crate) fn place(&mut self, at: &CellRef) -> &mut T {
        let slot = CellRef::row_slot(at.table, at.row);
        if self.rows[slot] == 0 {
            self.make_block(slot);
        }
        &mut self.blocks[usize::from(self.rows[slot]) - 1][at.col as usize]
    }

    /// The block of the row of `table` and `row`, made now; None when it has one already.
    pub(crate) fn new_row(&mut self, table: TableKey, row: RowKey) -> Option<&mut [T; ColKey::ALL.len()]> {
        let slot = CellRef::row_slot(table, row);
        (self.rows[slot] == 0).then(|| self.make_block(slot))
    }

    fn make_block(&mut self, slot: usize) -> &mut [T; ColKey::ALL.len()] {
        self.blocks.push([T::default(); ColKey::ALL.len()]);
        self.rows[slot] = self.blocks.len() as u16;
        self.blocks.last_mut().expect("a block was just pushed")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub spans: Vec<Span>,
    pub cells: Vec<CellRef>,
    /// For a finding across reports (the X rules): the other report and its cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterpart: Option<crate::round::Counterpart>,
}

impl Report {
    /// Rewrites every span (sections, rows, cells, diagnostics) through `f`; the wasm edge uses
    /// it to turn byte offsets into UTF-16 offsets.
    pub fn map_spans(&mut self, mut f: impl FnMut(usize) -> usize) {
        let mut map = |s: &mut Span| {
            s.start = f(s.start);
            s.end = f(s.end);
        };
        for s in &mut self.sections {
            map(&mut s.span);
        }
        for t in
            [&mut self.tables.active_disclosure, &mut self.tables.applications, &mut self.tables.reviews_litigation]
                .into_iter()
                .flatten()
        {
            for r in &mut t.rows {
                if let Some(sp) = &mut r.span {
                    map(sp);
                }
                for c in &mut r.cells {
                    map(&mut c.span);
                }
            }
        }
        for d in &mut self.diagnostics {
            for s in &mut d.spans {
                map(s);
            }
        }
        for t in self.repairs.iter_mut().flat_map(|r| &mut r.text_changes) {
            map(&mut t.span);
        }
    }
}

impl Tables {
    /// The table a key names.
    pub fn table(&self, key: TableKey) -> Option<&Table> {
        match key {
            TableKey::ActiveDisclosure => self.active_disclosure.as_ref(),
            TableKey::Applications => self.applications.as_ref(),
            TableKey::ReviewsLitigation => self.reviews_litigation.as_ref(),
        }
    }

    /// The cell a reference points at, when the text has it.
    pub fn cell(&self, r: &CellRef) -> Option<&Cell> {
        self.table(r.table)?.cell(r.row, r.col)
    }
}

impl Report {
    /// "表三 14/175 格已读取 · 检查不完整" when a table was not read in full, for a text that
    /// has a report's sections or tables at all (of any other text nothing was to be read).
    pub fn coverage_verdict(&self) -> Option<String> {
        let any_table = TableKey::ALL.iter().any(|&t| self.tables.table(t).is_some());
        (any_table || !self.sections.is_empty()).then(|| self.coverage.verdict()).flatten()
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_text_keeps_any_text_inline_or_not() {
        // Around the inline limit, in ASCII and in characters of 2, 3 and 4 bytes.
        let mut texts = vec![String::new()];
        for piece in ["7", "é", "无", "😀"] {
            for n in 1..=CellText::INLINE + 2 {
                texts.push(piece.repeat(n));
            }
        }
        for t in &texts {
            let cell = CellText::new(t);
            assert_eq!(cell.as_str(), t);
            assert_eq!(matches!(cell.0, CellTextRepr::Inline { .. }), t.len() <= CellText::INLINE, "{t}");
            assert_eq!(cell.clone(), CellText::from(t.clone()));
            assert_eq!(serde_json::to_string(&cell).unwrap(), serde_json::to_string(t).unwrap());
            let back: CellText = serde_json::from_str(&serde_json::to_string(t).unwrap()).unwrap();
            assert_eq!(back, t.as_str());
        }
        // As large as the String it replaced (on a 64-bit target; a 32-bit String is smaller).
        if cfg!(target_pointer_width = "64") {
            assert_eq!(std::mem::size_of::<CellText>(), std::mem::size_of::<String>());
        }
    }
}
