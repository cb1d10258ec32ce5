//! Random reports whose numbers satisfy every identity of `format.md` (2021 and 2019 formats,
//! random blank and `/` cells), rendered into every layout the core reads, with the noise real
//! pasted text has. The layouts follow `tests/fixtures/gen.py` (which renders one fixed dataset
//! per layout); here any random report goes into every layout.
//!
//! Each cell is wrapped in private-use markers while rendering; [`unmark`] takes them out and
//! records the byte range of every cell's text, so a test knows exactly where each cell is.
//!
//! Glued digits (cells run together with no separator) are left out: a random report rarely
//! has a unique split, and finding one would mean searching, not generating.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ops::Range;

// The tests' seeded PRNG (xorshift64*), so every case is reproducible from its seed.
pub use crate::common::Rng;

use nianbao::template::{
    active_rows, ColumnDef, GroupKey, RowKey, Template, ValueKind, APPLICATIONS_NOTE, APPLICATION_COLUMNS,
    REVIEW_BLOCKS, REVIEW_COLUMNS, SECTIONS,
};
use std::sync::LazyLock;

/// The generator's random stream for a seed (its own stream, apart from other tests' `Rng::new`).
pub fn report_rng(seed: u64) -> Rng {
    Rng::new(seed ^ 0x5DEE_CE66_D1B5_4A32)
}

// ------------------------------------------------------------------------------------------
// The format: keys, labels, groups and the 2019 variant read from `nianbao::template`
// ------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    F2021,
    F2019,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::F2021 => "2021",
            Format::F2019 => "2019",
        }
    }

    fn core(self) -> nianbao::Format {
        match self {
            Format::F2021 => nianbao::Format::F2021,
            Format::F2019 => nianbao::Format::F2019,
        }
    }

    pub fn template(self) -> &'static Template {
        Template::of(self.core())
    }
}

/// Where a section 三 row stands among the merged label cells on its left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// 一、二、四: rows outside 三、本年度办理结果.
    Head,
    /// （一）（二）（七） and the 2019 （六）: rows directly under 三、本年度办理结果.
    Result,
    /// Rows under one of （三）…（六）.
    Sub(GroupKey),
}

/// A section 三 row of the template, as the layouts write it.
pub struct RowDef {
    pub key: RowKey,
    /// The official label, numbering included (`（一）予以公开`).
    pub label: &'static str,
    /// The label without its numbering.
    pub text: &'static str,
    pub group: Group,
}

impl RowDef {
    fn of(r: &nianbao::template::RowDef) -> RowDef {
        let num = r.label.char_indices().nth(r.prefix.chars().count()).map_or(r.label.len(), |(i, _)| i);
        let group = match *r.groups {
            [] => Head,
            [_] => Result,
            [.., g] => Sub(g),
        };
        RowDef { key: r.key, label: r.label, text: &r.label[num..], group }
    }
}

use Group::*;

/// The label of the merged cell over a group's rows (`（三）不予公开`); none for the others.
pub fn group_label(g: Group) -> &'static str {
    match g {
        Sub(g) => g.def().label,
        Head | Result => "",
    }
}

/// 三、本年度办理结果: the merged cell over every result row.
fn result_head() -> String {
    GroupKey::Result.def().label.to_string()
}

pub fn group_size(rows: &[&RowDef], g: Group) -> usize {
    rows.iter().filter(|r| r.group == g).count()
}

/// Indices of the rows R002 adds up: the members of 三、本年度办理结果 but its total.
fn detail_rows(format: Format, rows: &[&RowDef]) -> Vec<usize> {
    let result = GroupKey::Result;
    let members = format.template().group_rows(result);
    (0..rows.len()).filter(|&i| members.contains(&rows[i].key) && result.def().total_row != Some(rows[i].key)).collect()
}

/// One small table of section 二: the rows under one caption, and their columns.
pub struct Sec2Table {
    pub caption: &'static str,
    pub heads: Vec<&'static str>,
    pub rows: Vec<(RowKey, &'static str)>,
    pub cols: &'static [ColumnDef],
}

fn sec2_of(format: Format) -> Vec<Sec2Table> {
    let mut out: Vec<Sec2Table> = Vec::new();
    for r in active_rows(format.core()) {
        match out.last_mut() {
            Some(t) if t.caption == r.caption => t.rows.push((r.key, r.label)),
            _ => out.push(Sec2Table {
                caption: r.caption,
                heads: r.columns.iter().map(|c| c.label).collect(),
                rows: vec![(r.key, r.label)],
                cols: r.columns,
            }),
        }
    }
    out
}

/// The six section titles.
pub const TITLES: [&str; 6] =
    [SECTIONS[0].1, SECTIONS[1].1, SECTIONS[2].1, SECTIONS[3].1, SECTIONS[4].1, SECTIONS[5].1];

/// The column headers of section 四's 行政复议 block (the other two repeat them).
fn review_heads() -> Vec<&'static str> {
    REVIEW_COLUMNS.iter().filter(|c| c.groups.contains(&REVIEW_BLOCKS[0])).map(|c| c.label).collect()
}

/// Invented bodies: name, how the report refers to itself, whether it may make 规章.
const BODIES: [(&str, &str, bool); 8] = [
    ("临溪区教育局", "本局", false),
    ("云岭镇人民政府", "本镇", false),
    ("北湖新区管理委员会", "新区", false),
    ("青禾县农业农村局", "本局", false),
    ("清源县人民政府", "本级政府", false),
    ("石桥街道办事处", "本街道", false),
    ("东川市人民政府", "本级政府", true),
    ("梅林县卫生健康委员会", "本委", false),
];

// ------------------------------------------------------------------------------------------
// Cells and reports
// ------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Number,
    Blank,
    Na,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Blank => "blank",
            Kind::Na => "na",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Cell {
    /// The cell's text as the report writes it.
    pub raw: String,
    pub value: Option<f64>,
    pub kind: Kind,
}

impl Cell {
    pub fn int(v: i64) -> Cell {
        Cell { raw: v.to_string(), value: Some(v as f64), kind: Kind::Number }
    }
    /// A fee or a signed change as written (`390.9220`, `+3`, `-2`).
    pub fn written(raw: &str) -> Cell {
        let value = raw.parse::<f64>().expect("a written number");
        Cell { raw: raw.to_string(), value: Some(value), kind: Kind::Number }
    }
    pub fn blank() -> Cell {
        Cell { raw: String::new(), value: None, kind: Kind::Blank }
    }
    pub fn na(s: &str) -> Cell {
        Cell { raw: s.to_string(), value: None, kind: Kind::Na }
    }
}

/// A section 二 row: key, label, columns.
pub type S2Row = (RowKey, &'static str, &'static [ColumnDef]);

#[derive(Debug, Clone)]
pub struct Report {
    pub format: Format,
    pub year: i32,
    pub body: &'static str,
    pub me: &'static str,
    /// Section 二, one entry per row of the format's tables, in order.
    pub s2: Vec<Vec<Cell>>,
    /// Section 三, parallel to [`Report::rows`], 7 cells each.
    pub apps: Vec<Vec<Cell>>,
    /// Section 四's 15 values.
    pub rl: Vec<Cell>,
}

/// Where a cell is: `(table, row, col)` in schema.md's keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    S2(usize, usize),
    App(usize, usize),
    Rl(usize),
}

/// One identity: the rule that reports it and the cells it ties together.
#[derive(Debug, Clone)]
pub struct Identity {
    pub code: &'static str,
    pub cells: Vec<At>,
}

impl Report {
    pub fn rows(&self) -> Vec<&'static RowDef> {
        rows_of(self.format)
    }

    pub fn sec2(&self) -> &'static [Sec2Table] {
        static SEC2: LazyLock<[Vec<Sec2Table>; 2]> = LazyLock::new(|| [Format::F2021, Format::F2019].map(sec2_of));
        &SEC2[self.format as usize]
    }

    /// `(row key, row label, column keys)` of section 二, flattened, parallel to `s2`.
    pub fn s2_rows(&self) -> Vec<S2Row> {
        self.sec2().iter().flat_map(|t| t.rows.iter().map(move |(k, l)| (*k, *l, t.cols))).collect()
    }

    pub fn row_index(&self, key: RowKey) -> usize {
        self.rows().iter().position(|r| r.key == key).expect("a row key")
    }

    pub fn app(&self, key: RowKey) -> &[Cell] {
        &self.apps[self.row_index(key)]
    }

    pub fn cell(&self, at: At) -> &Cell {
        match at {
            At::S2(r, c) => &self.s2[r][c],
            At::App(r, c) => &self.apps[r][c],
            At::Rl(i) => &self.rl[i],
        }
    }

    pub fn cell_mut(&mut self, at: At) -> &mut Cell {
        match at {
            At::S2(r, c) => &mut self.s2[r][c],
            At::App(r, c) => &mut self.apps[r][c],
            At::Rl(i) => &mut self.rl[i],
        }
    }

    /// `active_disclosure.fees.amount` etc.
    pub fn path(&self, at: At) -> String {
        match at {
            At::S2(r, c) => {
                let (key, _, cols) = self.s2_rows()[r];
                format!("active_disclosure.{key}.{}", cols[c].key)
            }
            At::App(r, c) => format!("applications.{}.{}", self.rows()[r].key, APPLICATION_COLUMNS[c].key),
            At::Rl(i) => format!("reviews_litigation.counts.{}", REVIEW_COLUMNS[i].key),
        }
    }

    /// Every cell of the three tables, in table order.
    pub fn all_cells(&self) -> Vec<At> {
        let mut out = Vec::new();
        for (r, cells) in self.s2.iter().enumerate() {
            out.extend((0..cells.len()).map(|c| At::S2(r, c)));
        }
        for r in 0..self.apps.len() {
            out.extend((0..7).map(|c| At::App(r, c)));
        }
        out.extend((0..15).map(At::Rl));
        out
    }

    /// The number cells of sections 三 and 四 that some identity holding in this report depends
    /// on: where a changed cell must be caught.
    pub fn judged_cells(&self) -> Vec<At> {
        let identities = self.identities();
        self.all_cells()
            .into_iter()
            .filter(|&at| !matches!(at, At::S2(..)) && self.cell(at).kind == Kind::Number)
            .filter(|&at| identities.iter().any(|id| id.cells.contains(&at) && self.holds(id) == Some(true)))
            .collect()
    }

    /// Every identity of format.md over this report's cells.
    pub fn identities(&self) -> Vec<Identity> {
        let rows = self.rows();
        let idx = |k: RowKey| rows.iter().position(|r| r.key == k).expect("row");
        let (nr, co, tp, cf) = (
            idx(RowKey::NewReceived),
            idx(RowKey::CarriedOver),
            idx(RowKey::TotalProcessed),
            idx(RowKey::CarriedForward),
        );
        let detail = detail_rows(self.format, &rows);
        let mut out = Vec::new();
        for c in 0..7 {
            out.push(Identity { code: "R001", cells: [nr, co, tp, cf].iter().map(|&r| At::App(r, c)).collect() });
            let mut cells: Vec<At> = detail.iter().map(|&r| At::App(r, c)).collect();
            cells.push(At::App(tp, c));
            out.push(Identity { code: "R002", cells });
        }
        for r in 0..rows.len() {
            out.push(Identity { code: "R003", cells: (0..7).map(|c| At::App(r, c)).collect() });
        }
        for block in REVIEW_BLOCKS {
            let cols = (0..REVIEW_COLUMNS.len()).filter(|&i| REVIEW_COLUMNS[i].groups.contains(&block));
            out.push(Identity { code: "L001", cells: cols.map(At::Rl).collect() });
        }
        out
    }

    /// Whether every operand of `id` is a number and the identity holds.
    pub fn holds(&self, id: &Identity) -> Option<bool> {
        let vals: Option<Vec<f64>> = id.cells.iter().map(|&a| self.cell(a).value).collect();
        let v = vals?;
        let rows = self.rows();
        let sum = |xs: &[f64]| xs.iter().sum::<f64>();
        let ok = match id.code {
            // nr + co = tp + cf
            "R001" => v[0] + v[1] == v[2] + v[3],
            // Σ parts = total (the last operand)
            _ => sum(&v[..v.len() - 1]) == v[v.len() - 1],
        };
        let _ = rows;
        Some(ok)
    }

    /// Panics unless every identity whose operands are all numbers holds.
    pub fn assert_consistent(&self) {
        for id in self.identities() {
            assert_ne!(self.holds(&id), Some(false), "generator bug: {} over {:?}", id.code, id.cells);
        }
    }

    pub fn has_blank(&self) -> bool {
        self.all_cells().iter().any(|&a| self.cell(a).kind == Kind::Blank)
    }

    /// The report as `layout` can show it, blank cells written `/` where a blank would leave
    /// no trace (layouts without separators) or leave the row ambiguous: in layouts that pad
    /// rows with empty fields at both ends, an empty first or last cell cannot be told from the
    /// padding, and the core rightly declines to read such a row (see the
    /// `an_empty_edge_cell_beside_padding_*` tests in tests/roundtrip.rs).
    pub fn for_layout(&self, layout: Layout) -> Report {
        let mut r = self.clone();
        for a in r.all_cells() {
            let edge = match a {
                At::S2(row, c) => c == 0 || c + 1 == r.s2[row].len(),
                At::App(_, c) => c == 0 || c == 6,
                At::Rl(_) => false,
            };
            let hidden = !layout.shows_blank_cells() || (layout.pads_rows() && edge);
            if r.cell(a).kind == Kind::Blank && hidden {
                *r.cell_mut(a) = Cell::na("/");
            }
        }
        r
    }

    /// The total-column value of a row for the narrative.
    fn total(&self, key: RowKey) -> Option<i64> {
        let cells = self.app(key);
        // The narrative states the 总计; when that cell is blank it says "若干" rather than a
        // number the table does not show.
        cells[6].value.map(|v| v as i64)
    }

    pub fn title(&self) -> String {
        format!("{}{}年政府信息公开工作年度报告", self.body, self.year)
    }
}

/// Section 三's rows in the template of `format` (the 2019 form has （六） as one row).
pub fn rows_of(format: Format) -> Vec<&'static RowDef> {
    static ROWS: LazyLock<[Vec<RowDef>; 2]> = LazyLock::new(|| {
        [Format::F2021, Format::F2019].map(|f| f.template().application_rows.iter().map(RowDef::of).collect())
    });
    ROWS[format as usize].iter().collect()
}

// ------------------------------------------------------------------------------------------
// Generating
// ------------------------------------------------------------------------------------------

impl Report {
    /// A random report whose numbers satisfy every identity; some cells blank or `/`.
    pub fn generate(rng: &mut Rng) -> Report {
        let format = if rng.chance(70) { Format::F2021 } else { Format::F2019 };
        let year = match format {
            Format::F2021 => rng.range(2021, 2025) as i32,
            Format::F2019 => rng.range(2019, 2020) as i32,
        };
        let &(body, me, makes_rules) = rng.pick(&BODIES);
        let rows = rows_of(format);
        // Scale: a town's handful of requests up to a city's hundreds.
        let (np_max, org_max) = *rng.pick(&[(3i64, 1i64), (9, 3), (30, 6), (140, 12), (600, 40)]);
        let density = rng.range(10, 80) as usize;
        let detail = detail_rows(format, &rows);
        let mut vals = vec![[0i64; 6]; rows.len()];
        for &r in &detail {
            for (c, v) in vals[r].iter_mut().enumerate() {
                let p = if c == 0 { (density + 30).min(100) } else { density / 2 };
                if rng.chance(p) {
                    *v = rng.range(1, if c == 0 { np_max } else { org_max });
                }
            }
        }
        let idx = |k: RowKey| rows.iter().position(|r| r.key == k).expect("row");
        let (nr, co, tp, cf) = (
            idx(RowKey::NewReceived),
            idx(RowKey::CarriedOver),
            idx(RowKey::TotalProcessed),
            idx(RowKey::CarriedForward),
        );
        // (columns index several rows at once)
        #[allow(clippy::needless_range_loop)]
        for c in 0..6 {
            vals[tp][c] = detail.iter().map(|&r| vals[r][c]).sum();
            vals[cf][c] = if rng.chance(50) { rng.range(0, np_max.min(20)) } else { 0 };
            let co_max = (vals[tp][c] + vals[cf][c]).min(np_max.min(20));
            vals[co][c] = if rng.chance(50) { rng.range(0, co_max) } else { 0 };
            vals[nr][c] = vals[tp][c] + vals[cf][c] - vals[co][c];
        }
        let mut apps: Vec<Vec<Cell>> =
            vals.iter().map(|v| v.iter().map(|&x| Cell::int(x)).chain([Cell::int(v.iter().sum())]).collect()).collect();

        let rl_max = *rng.pick(&[1i64, 3, 9, 40]);
        let mut rl = Vec::new();
        for _ in 0..3 {
            let v: Vec<i64> = (0..4).map(|_| if rng.chance(40) { rng.range(0, rl_max) } else { 0 }).collect();
            rl.extend(v.iter().map(|&x| Cell::int(x)));
            rl.push(Cell::int(v.iter().sum()));
        }

        let mut report = Report { format, year, body, me, s2: Vec::new(), apps: Vec::new(), rl };
        let s2_rows = report.s2_rows();
        report.s2 = s2_rows
            .iter()
            .map(|(key, _, cols)| {
                cols.iter()
                    .map(|c| match c.kind {
                        ValueKind::Count if *key == RowKey::Regulations && !makes_rules => Cell::int(0),
                        ValueKind::Count => {
                            let hi = *rng.pick(&[9, 99, 2000]);
                            Cell::int(if rng.chance(30) { 0 } else { rng.range(1, hi) })
                        }
                        ValueKind::Amount => {
                            let v = rng.range(0, 99_999);
                            let decimals = rng.below(5);
                            let s = format!("{}", v as f64 / 10f64.powi(decimals as i32));
                            Cell::written(&s)
                        }
                        ValueKind::Change => match rng.below(3) {
                            0 => Cell::written("0"),
                            1 => Cell::written(&format!("+{}", rng.range(1, 90))),
                            _ => Cell::written(&format!("-{}", rng.range(1, 90))),
                        },
                    })
                    .collect()
            })
            .collect();

        // Blank and not-applicable cells: scattered, or whole legal-person columns.
        let na_marks = ["/", "—", "/", "-", "无"];
        match rng.below(4) {
            0 => {
                for row in apps.iter_mut() {
                    for cell in row.iter_mut().take(6).skip(1) {
                        *cell = Cell::blank();
                    }
                }
            }
            1 => {
                for _ in 0..rng.range(1, 6) {
                    let (r, c) = (rng.below(apps.len()), rng.below(7));
                    apps[r][c] =
                        if rng.chance(50) { Cell::blank() } else { Cell::na(na_marks[rng.below(na_marks.len())]) };
                }
                for _ in 0..rng.range(0, 2) {
                    let (r, c) = (rng.below(report.s2.len()), 0);
                    report.s2[r][c] = if rng.chance(50) { Cell::blank() } else { Cell::na("/") };
                }
            }
            _ => {}
        }
        report.apps = apps;
        report.assert_consistent();
        report
    }
}

// ------------------------------------------------------------------------------------------
// Marking cells
// ------------------------------------------------------------------------------------------

const M_OPEN: char = '\u{E000}';
const M_MID: char = '\u{E001}';
const M_CLOSE: char = '\u{E002}';

fn mark(path: &str, raw: &str) -> String {
    format!("{M_OPEN}{path}{M_MID}{raw}{M_CLOSE}")
}

/// Takes the markers out; returns the text and the byte range of every cell's text.
pub fn unmark(marked: &str) -> (String, BTreeMap<String, Range<usize>>) {
    let mut out = String::with_capacity(marked.len());
    let mut pos = BTreeMap::new();
    let mut rest = marked;
    while let Some(i) = rest.find(M_OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + M_OPEN.len_utf8()..];
        let mid = after.find(M_MID).expect("marker");
        let close = after.find(M_CLOSE).expect("marker");
        let path = &after[..mid];
        let content = &after[mid + M_MID.len_utf8()..close];
        let start = out.len();
        out.push_str(content);
        let old = pos.insert(path.to_string(), start..out.len());
        assert!(old.is_none(), "cell rendered twice: {path}");
        rest = &after[close + M_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    (out, pos)
}

/// Length in chars, markers not counted (for space alignment).
fn visible_len(s: &str) -> usize {
    let mut n = 0;
    let mut in_path = false;
    for ch in s.chars() {
        match ch {
            M_OPEN => in_path = true,
            M_MID => in_path = false,
            M_CLOSE => {}
            _ if !in_path => n += 1,
            _ => {}
        }
    }
    n
}

// ------------------------------------------------------------------------------------------
// Layouts
// ------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::enum_variant_names)] // PdfLayout: `pdftotext -layout`
pub enum Layout {
    /// One cell per line, each starting with a TAB, rows separated by a blank line (seeds 000–002).
    TabLedCells,
    /// One cell per line ending with ` |`, row ends padded `| ||` (seed 003).
    PipeCells,
    /// One cell per line, cells separated by blank lines.
    BlankLineCells,
    /// One row per line, TAB-separated, merged cells as empty fields (seed 004).
    TabRows,
    /// CMS / Markdown rows: `| a | b |` with `|---|` lines.
    PipeRows,
    /// A whole table on one line, cells separated by spaces.
    OneLine,
    /// `pdftotext -layout`: space-aligned numbers, wrapped labels, footers inside tables.
    PdfLayout,
    /// `pdftotext -raw`: `label n n n …`, the rowspan label one character per line.
    PdfRaw,
    /// Word / CMS HTML with rowspan and colspan.
    Html,
    /// An HTML table copied as TAB rows, merged cells written once.
    TabRowsPlain,
    /// Crawler text and some PDF copies (real 007–013): each row's cells run together with no
    /// separator (`一、本年新收…数量2300000023`). Not in [`LAYOUTS`]: a row is read only when its
    /// digits split one way, so the properties differ (see `tests/roundtrip.rs`).
    Glued,
}

pub const LAYOUTS: [Layout; 10] = [
    Layout::TabLedCells,
    Layout::PipeCells,
    Layout::BlankLineCells,
    Layout::TabRows,
    Layout::PipeRows,
    Layout::OneLine,
    Layout::PdfLayout,
    Layout::PdfRaw,
    Layout::Html,
    Layout::TabRowsPlain,
];

impl Layout {
    /// Whether an empty cell leaves a trace (an empty field) in this layout.
    pub fn shows_blank_cells(self) -> bool {
        matches!(self, Layout::TabRows | Layout::PipeRows | Layout::Html | Layout::TabRowsPlain)
    }

    /// Whether rows carry empty fields (merged cells, padding) before and after their values.
    pub fn pads_rows(self) -> bool {
        matches!(self, Layout::TabRows | Layout::PipeRows | Layout::Html)
    }
}

/// A report rendered into one layout.
pub struct Rendered {
    pub layout: Layout,
    pub text: String,
    /// Byte range of each cell's text (path → range).
    pub positions: BTreeMap<String, Range<usize>>,
}

/// Renders `report` in `layout`; `noise` seeds the layout's random choices, so the same seed
/// gives the same layout for a report whose cells changed.
pub fn render(report: &Report, layout: Layout, noise: u64) -> Rendered {
    let mut rng = report_rng(noise);
    let marked = match layout {
        Layout::TabLedCells => tab_led_cells(report, &mut rng),
        Layout::PipeCells => pipe_cells(report, &mut rng),
        Layout::BlankLineCells => blank_line_cells(report, &mut rng),
        Layout::TabRows => tab_rows(report, &mut rng),
        Layout::PipeRows => pipe_rows(report, &mut rng),
        Layout::OneLine => one_line(report, &mut rng),
        Layout::PdfLayout => pdf_layout(report, &mut rng),
        Layout::PdfRaw => pdf_raw(report, &mut rng),
        Layout::Html => html(report, &mut rng),
        Layout::TabRowsPlain => tab_rows_plain(report, &mut rng),
        Layout::Glued => glued(report, &mut rng),
    };
    let (text, positions) = unmark(&marked);
    Rendered { layout, text, positions }
}

/// Marked cell text; `wide` (when not 0) writes some cells in fullwidth digits (`１２`).
struct M<'a>(&'a Report, u64);

impl<'a> M<'a> {
    fn new(r: &'a Report, rng: &mut Rng) -> M<'a> {
        M(r, if rng.chance(25) { rng.next_u64() | 1 } else { 0 })
    }

    fn text(&self, at: At) -> String {
        let path = self.0.path(at);
        let raw = &self.0.cell(at).raw;
        // Which cells: a hash of the path, so a changed value keeps its form.
        let h = path.bytes().fold(self.1, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01B3));
        let raw =
            if self.1 != 0 && h % 5 == 0 && self.0.cell(at).kind == Kind::Number {
                raw.chars()
                    .map(|c| {
                        if c.is_ascii_digit() {
                            char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap()
                        } else {
                            c
                        }
                    })
                    .collect()
            } else {
                raw.clone()
            };
        mark(&path, &raw)
    }

    fn s2(&self, r: usize, c: usize) -> String {
        self.text(At::S2(r, c))
    }
    fn s2_row(&self, r: usize) -> Vec<String> {
        (0..self.0.s2[r].len()).map(|c| self.s2(r, c)).collect()
    }
    fn app(&self, r: usize, c: usize) -> String {
        self.text(At::App(r, c))
    }
    fn app_row(&self, r: usize) -> Vec<String> {
        (0..7).map(|c| self.app(r, c)).collect()
    }
    fn rl_all(&self) -> Vec<String> {
        (0..15).map(|i| self.text(At::Rl(i))).collect()
    }
}

struct Narrative {
    intro: String,
    parts: Vec<(&'static str, String)>,
    s5: Vec<String>,
    s6: Vec<String>,
}

fn narrative(r: &Report) -> Narrative {
    let y = r.year;
    let me = r.me;
    let notice = match r.format {
        Format::F2021 => "国办公开办函〔2021〕30号",
        Format::F2019 => "国办公开办函〔2019〕60号",
    };
    let intro = format!(
        "本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（{notice}）编制，\
         报告所列数据的统计期限为{y}年1月1日至{y}年12月31日。"
    );
    let n = |k: RowKey| r.total(k).map_or("若干".to_string(), |v| v.to_string());
    let parts = vec![
        (
            "主动公开",
            format!("{y}年，{me}依托门户网站和政务新媒体主动公开政府信息，做到文件与解读同步起草、同步发布。"),
        ),
        (
            "依申请公开",
            format!(
                "全年新收政府信息公开申请{}件，上年结转{}件，办结{}件，结转下年度继续办理{}件。",
                n(RowKey::NewReceived),
                n(RowKey::CarriedOver),
                n(RowKey::TotalProcessed),
                n(RowKey::CarriedForward)
            ),
        ),
        ("政府信息管理", "坚持先审后发，落实公开属性源头认定和保密审查制度。".to_string()),
        ("政府信息公开平台建设", "优化政府网站信息公开专栏，提升检索和移动端浏览体验。".to_string()),
        ("监督保障", "明确分管负责人和专职工作人员，将政务公开纳入年度目标考核。".to_string()),
    ];
    Narrative {
        intro,
        parts,
        s5: vec![
            "存在的主要问题：一是政策解读形式较为单一；二是基层工作人员业务水平参差不齐。".into(),
            "改进情况：下一步将丰富解读形式，组织专题培训，持续提升公开质量。".into(),
        ],
        s6: vec!["本年度未收取信息处理费。".into()],
    }
}

const CN: [&str; 5] = ["一", "二", "三", "四", "五"];

fn halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            c => c,
        })
        .collect()
}

/// (traditional, simplified) pairs for label characters; `normalize.rs` maps them back.
const TRADITIONAL: &str =
    "規规處处許许開开國国務务屬属於于執执關关為为無无請请補补確确總总結结維维訟讼訴诉據据數数條条";

fn traditional(c: char) -> char {
    let pairs: Vec<char> = TRADITIONAL.chars().collect();
    pairs.chunks(2).find(|p| p[1] == c).map_or(c, |p| p[0])
}

/// A page footer as PDF text prints it inside a table.
fn page_footer(rng: &mut Rng) -> String {
    let n = rng.range(1, 12);
    match rng.below(3) {
        0 => format!("— {n} —"),
        1 => format!("-{n}-"),
        _ => format!("- {n} -"),
    }
}

/// Label noise a layout may apply to a row or caption label: spaces inside, traditional
/// characters, halfwidth brackets.
#[derive(Clone, Copy)]
struct LabelNoise {
    spaces: bool,
    traditional: bool,
    halfwidth: bool,
}

impl LabelNoise {
    fn random(rng: &mut Rng) -> LabelNoise {
        LabelNoise { spaces: rng.chance(40), traditional: rng.chance(30), halfwidth: rng.chance(40) }
    }
    fn none() -> LabelNoise {
        LabelNoise { spaces: false, traditional: false, halfwidth: false }
    }
    fn apply(self, s: &str) -> String {
        let mut s = s.to_string();
        if self.traditional {
            s = s.chars().map(traditional).collect();
        }
        if self.halfwidth {
            s = halfwidth(&s);
        }
        if self.spaces {
            // `(一) 予以公开`, `1. 属于国家秘密`, `规 章`
            s = s.replacen(')', ") ", 1).replacen('）', "） ", 1);
            if let Some(i) = s.find('.') {
                if s[..i].chars().all(|c| c.is_ascii_digit()) {
                    s.insert(i + 1, ' ');
                }
            }
            s = s.replace("規章", "規 章").replace("规章", "规 章").replace("自然人", "自然 人");
        }
        s
    }
}

/// Where a sentence may stand between a section title and its table.
fn maybe_sentence(rng: &mut Rng, out: &mut Vec<String>) {
    if rng.chance(30) {
        out.push(rng.pick(&["该部分以表格形式报告。", "具体情况见下表：", "（单位：件）"]).to_string());
    }
}

fn tab_led_cells(r: &Report, rng: &mut Rng) -> String {
    let m = M::new(r, rng);
    let nar = narrative(r);
    let rows = r.rows();
    let pad = |rng: &mut Rng, s: String| -> String {
        match rng.below(8) {
            0 => format!(" {s}"),
            1 => format!("{s} "),
            2 => format!("\u{3000}{s}"),
            _ => s,
        }
    };
    let cell = |rng: &mut Rng, s: String| format!("\t{}", pad(rng, s));
    let mut l =
        vec![format!("{}{}年", r.body, r.year), "政府信息公开工作年度报告".into(), String::new(), nar.intro.clone()];
    l.push(TITLES[0].into());
    for (i, (h, t)) in nar.parts.iter().enumerate() {
        l.push(format!("（{}） {h}情况。{t}", i + 1));
    }
    l.push(TITLES[1].into());
    maybe_sentence(rng, &mut l);
    let mut s2i = 0;
    for t in r.sec2() {
        l.extend(["\t".to_string() + t.caption, String::new(), "\t信息内容".into()]);
        l.extend(t.heads.iter().map(|h| format!("\t{h}")));
        l.push(String::new());
        for (_, lab) in &t.rows {
            l.push(format!("\t{lab}"));
            for c in 0..t.cols.len() {
                l.push(cell(rng, m.s2(s2i, c)));
            }
            l.push(String::new());
            s2i += 1;
        }
    }
    l.extend(["".into(), "".into(), TITLES[2].into()]);
    maybe_sentence(rng, &mut l);
    l.extend(
        ["\t", APPLICATIONS_NOTE, "\t申请人情况", "", "\t", "\t自然人", "\t法人或其他组织", "\t总计", "", "\t", "\t"]
            .iter()
            .map(|s| if s.starts_with('\t') || s.is_empty() { s.to_string() } else { format!("\t{s}") }),
    );
    // Wrapped header cells: `商业` / `企业` on two lines.
    l.extend(
        ["\t商业", "企业", "\t科研", "机构", "\t社会公益组织", "\t法律服务机构", "\t其他", "\t", ""].map(String::from),
    );
    let noise = LabelNoise::random(rng);
    let footer_at = if rng.chance(50) { Some(rng.below(rows.len())) } else { None };
    let mut prev = Head;
    for (ri, row) in rows.iter().enumerate() {
        if footer_at == Some(ri) {
            l.push(page_footer(rng));
        }
        let lab = noise.apply(row.label);
        match row.group {
            Head => l.push(format!("\t{lab}")),
            Result if row.key == RowKey::Granted => l.extend([format!("\t{}", result_head()), format!("\t{lab}")]),
            Result => l.extend(["\t".to_string(), format!("\t{lab}")]),
            g if g != prev => {
                let nt = group_label(g);
                l.extend(["\t".to_string(), format!("\t{nt}"), format!("\t{lab}")]);
            }
            _ => l.extend(["\t".to_string(), "\t".into(), format!("\t{lab}")]),
        }
        prev = row.group;
        let v = m.app_row(ri);
        if row.key == RowKey::TotalProcessed && rng.chance(50) {
            // seed 000: the 总计 row's cells came out split over odd lines
            let [a, b, c, d, e, f, g]: [String; 7] = v.try_into().expect("7");
            l.extend([
                format!("\t{a}"),
                "".into(),
                "\t".into(),
                b,
                format!("\t{c}"),
                "".into(),
                format!("\t{d}"),
                "".into(),
                "\t".into(),
                e,
                format!("\t{f}"),
                "".into(),
                "\t".into(),
                g,
                "".into(),
            ]);
        } else {
            for x in v {
                l.push(cell(rng, x));
            }
            l.push(String::new());
        }
    }
    l.extend(["".into(), "".into(), TITLES[3].into()]);
    maybe_sentence(rng, &mut l);
    l.extend(
        [
            "\t行政复议",
            "\t行政诉讼",
            "",
            "\t结果维持",
            "\t结果纠正",
            "\t其他结果",
            "\t尚未审结",
            "\t总计",
            "\t未经复议直接起诉",
            "\t复议后起诉",
            "",
            "\t",
            "\t",
            "\t",
            "\t",
            "\t",
        ]
        .map(String::from),
    );
    for _ in 0..2 {
        l.extend(["\t结果", "维持", "\t结果", "纠正", "\t其他", "结果", "\t尚未", "审结", "\t总计"].map(String::from));
    }
    l.push(String::new());
    for x in m.rl_all() {
        l.push(cell(rng, x));
    }
    l.extend(["".into(), "".into(), TITLES[4].into()]);
    l.extend(nar.s5.iter().cloned());
    l.push(TITLES[5].into());
    l.extend(nar.s6.iter().cloned());
    l.extend(["— 1 —".into(), String::new()]);
    l.join("\n")
}

fn pipe_cells(r: &Report, rng: &mut Rng) -> String {
    let m = M::new(r, rng);
    let nar = narrative(r);
    let h = halfwidth;
    let mut l = vec![r.title(), h(&nar.intro), TITLES[0].into()];
    for (i, (head, t)) in nar.parts.iter().enumerate() {
        l.push(h(&format!("（{}）{head}情况", CN[i])));
        l.push(h(t));
    }
    l.push(h(TITLES[1]));
    maybe_sentence(rng, &mut l);
    let mut s2i = 0;
    for t in r.sec2() {
        l.extend([h(t.caption) + " | |||", "|".into(), "信息内容 |".into()]);
        if t.heads.len() == 1 {
            l.push(h(t.heads[0]) + " | ||");
        } else {
            l.extend(t.heads.iter().map(|x| h(x) + " |"));
        }
        for (key, lab) in &t.rows {
            l.push(format!("{lab} |"));
            for c in 0..t.cols.len() {
                let end = if t.cols.len() == 1 && *key != RowKey::Fees { " | ||" } else { " |" };
                l.push(m.s2(s2i, c) + end);
            }
            s2i += 1;
        }
    }
    l.push(h(TITLES[2]));
    maybe_sentence(rng, &mut l);
    l.extend([
        h(APPLICATIONS_NOTE) + " |",
        "申请人情况 | ||||||||".into(),
        "自然人 |".into(),
        "法人或其他组织 |".into(),
        "总计 | |||||||".into(),
        "商业 企业 |".into(),
        "科研 机构 |".into(),
        "社会公益组织 |".into(),
        "法律服务机构 |".into(),
        "其他 | |||||".into(),
    ]);
    let rows = r.rows();
    let mut prev = Head;
    for (ri, row) in rows.iter().enumerate() {
        let lab = h(row.label);
        let mut end = " | ||";
        if row.key == RowKey::Granted {
            l.push(h(&result_head()) + " |");
            end = " | |";
        } else if row.group != prev && !matches!(row.group, Head | Result) {
            let nt = group_label(row.group);
            l.push(h(nt) + " |");
            end = " | |";
        }
        prev = row.group;
        if row.key == RowKey::CarriedForward {
            end = " |";
        }
        l.push(lab + " |");
        let v = m.app_row(ri);
        for x in &v[..6] {
            l.push(format!("{x} |"));
        }
        l.push(format!("{}{end}", v[6]));
    }
    l.push(h(TITLES[3]));
    maybe_sentence(rng, &mut l);
    // The second half of wrapped headers is lost: `结果 |` where 结果纠正 was meant.
    l.extend(
        [
            "行政复议 |",
            "行政诉讼 | |||||||||||||",
            "结果维持 |",
            "结果 |",
            "其他 |",
            "尚未 |",
            "总计 |",
            "未经复议直接起诉 |",
            "复议后起诉 | ||||||||",
            "结果 |",
            "结果 |",
            "其他 |",
            "尚未 |",
            "总计 |",
            "结果 |",
            "结果 |",
            "其他 |",
            "尚未 |",
            "总计 | |||||",
        ]
        .map(String::from),
    );
    l.extend(m.rl_all().into_iter().map(|x| format!("{x} |")));
    l.push(TITLES[4].into());
    l.extend(nar.s5.iter().map(|x| h(x)));
    l.push(TITLES[5].into());
    l.extend(nar.s6.iter().map(|x| h(x)));
    l.extend(
        ["扫一扫在手机打开当前页", "微信里点“发现”,扫一下", "二维码便可将本文分享至朋友圈。", ""].map(String::from),
    );
    l.join("\n")
}

fn blank_line_cells(r: &Report, rng: &mut Rng) -> String {
    let m = M::new(r, rng);
    let nar = narrative(r);
    let noise = LabelNoise::random(rng);
    let footer_at = if rng.chance(50) { Some(rng.below(r.apps.len())) } else { None };
    let mut b = vec![r.title(), nar.intro.clone(), TITLES[0].into()];
    for (i, (h, t)) in nar.parts.iter().enumerate() {
        b.push(format!("（{}）{h}。{t}", CN[i]));
    }
    b.push(TITLES[1].into());
    maybe_sentence(rng, &mut b);
    let mut s2i = 0;
    for t in r.sec2() {
        b.push(t.caption.into());
        b.push("信息内容".into());
        b.extend(t.heads.iter().map(|x| x.to_string()));
        for (_, lab) in &t.rows {
            b.push(lab.to_string());
            b.extend(m.s2_row(s2i));
            s2i += 1;
        }
    }
    b.push(TITLES[2].into());
    maybe_sentence(rng, &mut b);
    b.extend(
        [
            APPLICATIONS_NOTE,
            "申请人情况",
            "自然人",
            "法人或其他组织",
            "总计",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
        .map(String::from),
    );
    let mut prev = Head;
    for (ri, row) in r.rows().iter().enumerate() {
        if row.key == RowKey::Granted {
            b.push(result_head());
        } else if row.group != prev && !matches!(row.group, Head | Result) {
            let nt = group_label(row.group);
            b.push(nt.to_string());
        }
        prev = row.group;
        b.push(noise.apply(row.label));
        b.extend(m.app_row(ri));
        if footer_at == Some(ri) {
            b.push(page_footer(rng));
        }
    }
    b.push(TITLES[3].into());
    maybe_sentence(rng, &mut b);
    b.extend(
        [
            "行政复议",
            "行政诉讼",
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "未经复议直接起诉",
            "复议后起诉",
        ]
        .map(String::from),
    );
    for _ in 0..2 {
        b.extend(review_heads().into_iter().map(String::from));
    }
    b.extend(m.rl_all());
    b.push(TITLES[4].into());
    b.extend(nar.s5.iter().cloned());
    b.push(TITLES[5].into());
    b.extend(nar.s6.iter().cloned());
    b.join("\n\n") + "\n"
}

fn tab_rows(r: &Report, rng: &mut Rng) -> String {
    let m = M::new(r, rng);
    let nar = narrative(r);
    let noise = LabelNoise::random(rng);
    let typo = rng.chance(50);
    let mut l = vec![
        "".into(),
        "".into(),
        format!("{} {} 年政府信息公开工作年度报告", r.body, r.year),
        "".into(),
        TITLES[0].into(),
        "".into(),
    ];
    for (i, (h, t)) in nar.parts.iter().enumerate() {
        l.extend([format!("({}) {h}", CN[i]), "".into(), t.clone(), "".into()]);
    }
    l.extend([TITLES[1].to_string(), "".into()]);
    maybe_sentence(rng, &mut l);
    let w = 4;
    let mut s2i = 0;
    for t in r.sec2() {
        let fill = |n: usize| "\t".repeat(w - 1 - n);
        l.push(format!("{}{}", t.caption, "\t".repeat(w - 1)));
        let heads: Vec<String> = t
            .heads
            .iter()
            .map(|x| if typo { x.replace("本年废止件数", "本年度止件数") } else { x.to_string() })
            .collect();
        l.push(format!("信息内容\t{}{}", heads.join("\t"), fill(heads.len())));
        for (_, lab) in &t.rows {
            l.push(format!("{}\t{}{}", noise.apply(lab), m.s2_row(s2i).join("\t"), fill(t.cols.len())));
            s2i += 1;
        }
    }
    l.extend(["".into(), TITLES[2].into(), "".into()]);
    maybe_sentence(rng, &mut l);
    l.extend([
        halfwidth(APPLICATIONS_NOTE) + "\t\t申请人情况\t\t\t\t\t\t总计\t",
        "\t\t自然人\t法人或其他组织\t\t\t\t\t\t".into(),
        "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t".into(),
    ]);
    let mut prev = Head;
    for (ri, row) in r.rows().iter().enumerate() {
        let v = m.app_row(ri).join("\t");
        let lab = noise.apply(row.label);
        let line = match row.group {
            Head => format!("{lab}\t\t{v}\t"),
            Result if row.key == RowKey::Granted => format!("{}\t{lab}\t{v}\t", result_head()),
            Result if row.key == RowKey::TotalProcessed => format!("{lab}\t\t{v}\t"),
            Result => format!("\t{lab}\t{v}\t"),
            g if g != prev => {
                let nt = group_label(g);
                format!("\t{}\t{lab}\t{v}", noise.apply(nt))
            }
            _ => format!("\t\t{lab}\t{v}"),
        };
        prev = row.group;
        l.push(line);
    }
    l.extend(["".into(), TITLES[3].into(), "".into()]);
    maybe_sentence(rng, &mut l);
    l.extend([
        format!("行政复议\t\t\t\t\t行政诉讼{}", "\t".repeat(9)),
        "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t".into(),
        format!("\t\t\t\t\t{}", ["结果 维持", "结果 纠正", "其他 结果", "尚未 审结", "总计"].repeat(2).join("\t")),
        m.rl_all().join("\t"),
        "".into(),
        TITLES[4].into(),
        "".into(),
    ]);
    for x in &nar.s5 {
        l.extend([x.clone(), "".into()]);
    }
    l.extend([TITLES[5].into(), "".into(), nar.s6[0].clone(), "".into()]);
    l.join("\n")
}

fn pipe_rows(r: &Report, rng: &mut Rng) -> String {
    let m = M::new(r, rng);
    let nar = narrative(r);
    let row = |cells: &[String]| format!("| {} |", cells.join(" | "));
    let sep = |n: usize| format!("|{}", "---|".repeat(n));
    let s = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let variants = rng.chance(50);
    let noise = LabelNoise::random(rng);
    let titles: [&str; 6] = if variants {
        [
            "一、政府信息公开总体情况",
            TITLES[1],
            TITLES[2],
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "五、政府信息公开工作存在的主要问题及改进情况",
            TITLES[5],
        ]
    } else {
        TITLES
    };
    let mut l = vec![r.title(), "".into(), nar.intro.clone(), "".into(), titles[0].into(), "".into()];
    for (i, (h, t)) in nar.parts.iter().enumerate() {
        l.extend([format!("（{}）{h}。{t}", CN[i]), "".into()]);
    }
    l.extend([titles[1].to_string(), "".into()]);
    maybe_sentence(rng, &mut l);
    let mut s2i = 0;
    for t in r.sec2() {
        let pad = |mut v: Vec<String>, n: usize| {
            v.resize(n, String::new());
            v
        };
        l.push(row(&s(&[t.caption, "", "", ""])));
        l.push(sep(4));
        l.push(row(&pad(
            std::iter::once("信息内容".to_string()).chain(t.heads.iter().map(|x| x.to_string())).collect(),
            4,
        )));
        for (_, lab) in &t.rows {
            l.push(row(&pad(std::iter::once(lab.to_string()).chain(m.s2_row(s2i)).collect(), 4)));
            s2i += 1;
        }
        l.push(String::new());
    }
    l.extend([titles[2].to_string(), "".into()]);
    maybe_sentence(rng, &mut l);
    l.extend([
        row(&s(&[APPLICATIONS_NOTE, "", "", "申请人情况", "", "", "", "", "", ""])),
        sep(10),
        row(&s(&["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"])),
        row(&s(&["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])),
    ]);
    let mut prev = Head;
    for (ri, rw) in r.rows().iter().enumerate() {
        let lab = noise.apply(rw.label);
        let mut lc = match rw.group {
            Head => vec![lab, "".into(), "".into()],
            Result => vec![if rw.key == RowKey::Granted { result_head() } else { String::new() }, lab, "".into()],
            g => {
                let nt = group_label(g);
                vec!["".into(), if g != prev { nt.to_string() } else { String::new() }, lab]
            }
        };
        prev = rw.group;
        lc.extend(m.app_row(ri));
        l.push(row(&lc));
    }
    let heads = review_heads();
    let mut h3 = vec![""; 5];
    h3.extend(heads.repeat(2));
    l.extend([
        "".into(),
        titles[3].into(),
        "".into(),
        row(&s(&["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""])),
        sep(15),
        row(&s(&[
            "结果维持",
            "结果纠正",
            "其他结果",
            "尚未审结",
            "总计",
            "未经复议直接起诉",
            "",
            "",
            "",
            "",
            "复议后起诉",
            "",
            "",
            "",
            "",
        ])),
        row(&s(&h3)),
        row(&m.rl_all()),
        "".into(),
        titles[4].into(),
        "".into(),
    ]);
    for x in &nar.s5 {
        l.extend([x.clone(), "".into()]);
    }
    l.extend([TITLES[5].into(), "".into()]);
    l.extend(nar.s6.iter().cloned());
    l.push(String::new());
    l.join("\n")
}

fn one_line(r: &Report, rng: &mut Rng) -> String {
    let m = M::new(r, rng);
    let nar = narrative(r);
    let noise = LabelNoise::random(rng);
    let mut l = vec![r.title(), nar.intro.clone(), TITLES[0].into()];
    for (i, (h, t)) in nar.parts.iter().enumerate() {
        l.push(format!("（{}）{h}。{t}", CN[i]));
    }
    l.push(TITLES[1].into());
    maybe_sentence(rng, &mut l);
    let mut s2i = 0;
    for t in r.sec2() {
        let mut cells = vec![t.caption.to_string(), "信息内容".into()];
        cells.extend(t.heads.iter().map(|x| x.to_string()));
        for (_, lab) in &t.rows {
            cells.push(noise.apply(lab));
            cells.extend(m.s2_row(s2i));
            s2i += 1;
        }
        l.push(cells.join(" "));
    }
    l.push(TITLES[2].into());
    maybe_sentence(rng, &mut l);
    let mut cells: Vec<String> = [
        APPLICATIONS_NOTE,
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "总计",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    .map(String::from)
    .to_vec();
    let mut prev = Head;
    for (ri, row) in r.rows().iter().enumerate() {
        if row.key == RowKey::Granted {
            cells.push(result_head());
        } else if row.group != prev && !matches!(row.group, Head | Result) {
            let nt = group_label(row.group);
            cells.push(nt.to_string());
        }
        prev = row.group;
        cells.push(noise.apply(row.label));
        cells.extend(m.app_row(ri));
    }
    l.push(cells.join(" "));
    l.push(TITLES[3].into());
    maybe_sentence(rng, &mut l);
    let mut cells: Vec<String> = [
        "行政复议",
        "行政诉讼",
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "复议后起诉",
    ]
    .map(String::from)
    .to_vec();
    for _ in 0..2 {
        cells.extend(review_heads().into_iter().map(String::from));
    }
    cells.extend(m.rl_all());
    l.push(cells.join(" "));
    l.push(TITLES[4].into());
    l.extend(nar.s5.iter().cloned());
    l.push(TITLES[5].into());
    l.extend(nar.s6.iter().cloned());
    l.push(String::new());
    l.join("\n")
}

/// Each row on its line, the label then its cells with nothing between them.
fn glued(r: &Report, rng: &mut Rng) -> String {
    let m = M::new(r, rng);
    let nar = narrative(r);
    let mut l = vec![r.title(), nar.intro.clone(), TITLES[0].into()];
    for (i, (h, t)) in nar.parts.iter().enumerate() {
        l.push(format!("（{}）{h}。{t}", CN[i]));
    }
    l.push(TITLES[1].into());
    let mut s2i = 0;
    for t in r.sec2() {
        l.push(format!("{} 信息内容 {}", t.caption, t.heads.join(" ")));
        for (_, lab) in &t.rows {
            l.push(format!("{lab}{}", m.s2_row(s2i).concat()));
            s2i += 1;
        }
    }
    l.push(TITLES[2].into());
    l.push(format!(
        "{APPLICATIONS_NOTE} 申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他"
    ));
    let mut prev = Head;
    for (ri, row) in r.rows().iter().enumerate() {
        if row.key == RowKey::Granted {
            l.push(result_head());
        } else if row.group != prev && !matches!(row.group, Head | Result) {
            l.push(group_label(row.group).to_string());
        }
        prev = row.group;
        l.push(format!("{}{}", row.label, m.app_row(ri).concat()));
    }
    l.push(TITLES[3].into());
    let mut heads: Vec<&str> = vec!["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    heads.extend(["未经复议直接起诉", "复议后起诉"]);
    for _ in 0..2 {
        heads.extend(review_heads());
    }
    l.push(heads.join(" "));
    l.push(m.rl_all().concat());
    l.push(TITLES[4].into());
    l.extend(nar.s5.iter().cloned());
    l.push(TITLES[5].into());
    l.extend(nar.s6.iter().cloned());
    l.push(String::new());
    l.join("\n")
}

// --- PDF text ---------------------------------------------------------------------------

/// Cuts `s` into lines of at most `width` chars (never inside a run of digits).
fn wrap(s: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    while chars.len() - start > width {
        let mut cut = start + width;
        while cut > start + 1 && chars[cut - 1].is_ascii_digit() && chars[cut].is_ascii_digit() {
            cut -= 1;
        }
        out.push(chars[start..cut].iter().collect::<String>().trim_end().to_string());
        start = cut;
        while start < chars.len() && chars[start] == ' ' {
            start += 1;
        }
    }
    if start < chars.len() {
        out.push(chars[start..].iter().collect());
    }
    out
}

/// Right-aligns each value so it ends at char column `ends[i]`, at least one space apart.
fn place(prefix: &str, values: &[String], ends: &[usize]) -> String {
    let mut line = prefix.to_string();
    for (v, &e) in values.iter().zip(ends) {
        let cur = visible_len(&line);
        let want = e.saturating_sub(visible_len(v));
        let start = if want <= cur { cur + 1 } else { want };
        line.push_str(&" ".repeat(start - cur));
        line.push_str(v);
    }
    line
}

/// Labels too long for a PDF table cell, wrapped as pdftotext prints them.
fn pdf_wrapped(key: RowKey) -> Option<(&'static str, &'static str)> {
    match key {
        RowKey::PartiallyGranted => Some(("（二）部分公开（区分处理的，只计这一情 形，不", "计其他情形）")),
        RowKey::RejectedConfirmation => Some(("5.要求行政机关确认或重 新出具", "已获取信息")),
        RowKey::OtherNoCorrection => Some(("1.申请人无正当理由逾期不补正、行政机关不再处理其", "政府信息公开申请")),
        RowKey::OtherUnpaidFee => {
            Some(("2.申请人逾期未按收费通知要求缴纳费用、行政机关", "不再处理其政府信息公开申请"))
        }
        _ => None,
    }
}

fn pdf_layout(r: &Report, rng: &mut Rng) -> String {
    let m = M::new(r, rng);
    let nar = narrative(r);
    let mut l = vec![
        format!("                {}", r.body),
        format!("      {} 年政府信息公开工作年度报告", r.year),
        String::new(),
    ];
    let mut page = 1;
    let footer = |l: &mut Vec<String>, page: &mut usize, pad: usize| {
        l.extend([String::new(), format!("{}-{}-", " ".repeat(pad), page)]);
        *page += 1;
    };
    let para = |l: &mut Vec<String>, text: &str, indent: &str| {
        let lines = wrap(text, 28);
        l.push(format!("{indent}{}", lines[0]));
        l.extend(lines[1..].iter().cloned());
    };
    para(&mut l, &nar.intro, "   ");
    l.push(format!("   {}", TITLES[0]));
    for (i, (h, t)) in nar.parts.iter().enumerate() {
        para(&mut l, &format!("（{}）{h}情况。{t}", CN[i]), "   ");
        if i == 2 {
            footer(&mut l, &mut page, 43);
        }
    }
    l.push(format!("     {}", TITLES[1]));
    let mut s2i = 0;
    for (ti, t) in r.sec2().iter().enumerate() {
        l.extend([format!("              {}", t.caption), "".into()]);
        if ti == 2 {
            footer(&mut l, &mut page, 5);
        }
        l.extend([format!("       信息内容   {}", t.heads.join("    ")), "".into()]);
        let ends: &[usize] = match t.cols.len() {
            1 => &[48],
            2 => &[30, 44],
            _ => &[20, 31, 39],
        };
        for (_, lab) in &t.rows {
            l.extend([place(lab, &m.s2_row(s2i), ends), "".into()]);
            s2i += 1;
        }
    }
    l.extend([
        format!("                  {}", TITLES[2]),
        "                                                              申请人情况".into(),
        "".into(),
        "                                                         法人或其他组织".into(),
        "（本列数据的勾稽关系为：第一项加第二项之和， 等".into(),
        "于第三项加第四项之和）".into(),
        "                                             自然人         社会 法律                总计".into(),
        "                                                   商业 科研".into(),
        "                                                         公益 服务 其他".into(),
        "                                                   企业 机构".into(),
        "                                                         组织 机构".into(),
        "".into(),
    ]);
    let rows = r.rows();
    // One page break somewhere inside the table; the columns shift on the new page.
    let break_at = 3 + rng.below(rows.len() - 4);
    let (ea, eb) = ([48, 53, 60, 66, 70, 74, 80], [42, 48, 53, 58, 63, 68, 74]);
    let mut ends = &ea;
    let mut prev = Head;
    let mut group_at = 0;
    for (ri, row) in rows.iter().enumerate() {
        if ri == break_at {
            footer(&mut l, &mut page, 72);
            ends = &eb;
        }
        if row.group != prev {
            group_at = 0;
        }
        let indent = match row.group {
            Head => "",
            Result => "                  ",
            _ => "                            ",
        };
        let v = m.app_row(ri);
        let lab = row.label;
        match pdf_wrapped(row.key) {
            // Office PDFs (LibreOffice, WPS) set the cells' text at the top of a tall row: the
            // total may land on the label's first line and the other six on the next.
            // The label's column is narrow: its second piece shares the line with the numbers
            // when it fits before them, else it follows on a line of its own.
            Some((a, b)) if rng.chance(50) => {
                l.push(place(&format!("{indent}{a}"), &v[6..], &ends[6..]));
                let second = format!("{indent}{b}");
                if visible_len(&second) + 2 + visible_len(&v[0]) <= ends[0] {
                    l.push(place(&second, &v[..6], &ends[..6]));
                } else {
                    l.push(place("", &v[..6], &ends[..6]));
                    l.push(second);
                }
            }
            Some((a, b)) => {
                l.push(format!("{indent}{a}"));
                l.push(format!("{indent}{b}"));
                l.push(place("", &v, ends));
            }
            None => l.push(place(&format!("{indent}{lab}"), &v, ends)),
        }
        // The rowspan labels print in the middle of their rows, on lines of their own.
        if row.key == RowKey::DeniedStateSecret {
            l.extend([" 三 、本 年 度办 理 结果".to_string(), "".into(), "".into()]);
        }
        if !matches!(row.group, Head | Result) && group_at == group_size(&rows, row.group) / 2 {
            let nt = group_label(row.group);
            l.push(format!("                  {nt}"));
        }
        group_at += 1;
        prev = row.group;
    }
    l.extend([
        "".into(),
        "".into(),
        format!("     {}", TITLES[3]),
        "          行政复议                              行政诉讼".into(),
        "".into(),
        "                              未经复议直接起诉                  复议后起诉".into(),
        "".into(),
        "结果   结果     其他   尚未".into(),
        "                    总 计 结果 结果 其他       尚未     结果 结果 其他 尚未".into(),
        "维持   纠正     结果   审结                                               总计".into(),
        "                                          总 计".into(),
        "                        维持 纠正 结果       审结     维持 纠正 结果 审结".into(),
        "".into(),
        "".into(),
        place("", &m.rl_all(), &[2, 8, 16, 20, 26, 30, 35, 39, 43, 48, 52, 56, 62, 66, 70]),
        "".into(),
    ]);
    l.push(format!("     {}", TITLES[4]));
    for x in &nar.s5 {
        para(&mut l, x, "     ");
    }
    footer(&mut l, &mut page, 6);
    l.push(format!("  {}", TITLES[5]));
    for x in &nar.s6 {
        para(&mut l, x, " ");
    }
    footer(&mut l, &mut page, 26);
    l.push(String::new());
    l.join("\n")
}

fn pdf_raw(r: &Report, rng: &mut Rng) -> String {
    let m = M::new(r, rng);
    let nar = narrative(r);
    let mut page = 1;
    let mut footer = |l: &mut Vec<String>| {
        l.push(format!("- {page} -"));
        page += 1;
    };
    let mut l = Vec::new();
    footer(&mut l);
    l.extend([r.body.to_string(), format!("{} 年政府信息公开工作年度报告", r.year)]);
    l.extend(wrap(&nar.intro, 29));
    l.push(TITLES[0].into());
    for (i, (h, t)) in nar.parts.iter().enumerate() {
        l.extend(wrap(&format!("（{}）{h}情况。{t}", CN[i]), 29));
        if i == 2 {
            footer(&mut l);
        }
    }
    l.push(TITLES[1].into());
    let mut s2i = 0;
    for (ti, t) in r.sec2().iter().enumerate() {
        l.push(t.caption.into());
        if ti == 2 {
            footer(&mut l);
        }
        l.push(format!("信息内容 {}", t.heads.join(" ")));
        for (_, lab) in &t.rows {
            l.push(format!("{lab} {}", m.s2_row(s2i).join(" ")));
            s2i += 1;
        }
    }
    l.extend(
        [
            TITLES[2],
            "（本列数据的勾稽关系为：第一项加第二项之和， 等",
            "于第三项加第四项之和）",
            "申请人情况",
            "自然人",
            "法人或其他组织",
            "总计",
        ]
        .map(String::from),
    );
    l.extend(
        ["商业", "企业", "科研", "机构", "社会", "公益", "组织", "法律", "服务", "机构", "其他"].map(String::from),
    );
    let rows = r.rows();
    let break_at = 3 + rng.below(rows.len() - 4);
    let mut prev = Head;
    for (ri, row) in rows.iter().enumerate() {
        if ri == break_at {
            footer(&mut l);
        }
        let v = m.app_row(ri).join(" ");
        if row.key == RowKey::Granted {
            l.extend(result_head().chars().map(String::from));
        }
        if row.group != prev && !matches!(row.group, Head | Result) {
            let nt = group_label(row.group);
            l.push(nt.to_string());
        }
        prev = row.group;
        match pdf_wrapped(row.key) {
            Some((a, b)) => l.extend([a.to_string(), b.to_string(), v]),
            None => l.push(format!("{} {v}", row.label)),
        }
    }
    l.push(TITLES[3].into());
    l.extend(
        [
            "行政复议 行政诉讼",
            "结果",
            "维持",
            "结果",
            "纠正",
            "其他",
            "结果",
            "尚未",
            "审结",
            "总 计",
            "未经复议直接起诉 复议后起诉",
        ]
        .map(String::from),
    );
    for _ in 0..2 {
        l.extend(["结果", "维持", "结果", "纠正", "其他", "结果", "尚未", "审结", "总 计"].map(String::from));
    }
    l.push(m.rl_all().join(" "));
    l.push(TITLES[4].into());
    for x in &nar.s5 {
        l.extend(wrap(x, 29));
    }
    footer(&mut l);
    l.push(TITLES[5].into());
    for x in &nar.s6 {
        l.extend(wrap(x, 29));
    }
    l.push(String::new());
    l.join("\n")
}

// --- HTML -------------------------------------------------------------------------------

const TD_STYLE: &str =
    "border:solid windowtext 1.0pt;border-top:none;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt";

fn ent(s: &str) -> String {
    s.replace('“', "&ldquo;").replace('”', "&rdquo;")
}

fn td(content: &str, colspan: usize, rowspan: usize, num: bool) -> String {
    let mut a = String::new();
    if rowspan > 1 {
        a += &format!(" rowspan=\"{rowspan}\"");
    }
    if colspan > 1 {
        a += &format!(" colspan=\"{colspan}\"");
    }
    let inner = if num {
        format!("<span lang=\"EN-US\" style=\"font-size:10.5pt;font-family:'Times New Roman'\">{content}</span>")
    } else {
        format!("<span style=\"font-size:10.5pt;font-family:宋体\">{}</span>", ent(content))
    };
    format!(
        "<td{a} valign=\"center\" style=\"{TD_STYLE}\"><p class=\"MsoNormal\" align=\"center\" style=\"text-align:center\">{inner}<span lang=\"EN-US\"><o:p></o:p></span></p></td>"
    )
}

fn tr(cells: Vec<String>) -> String {
    format!(" <tr style=\"height:20.25pt\">\n  {}\n </tr>", cells.join("\n  "))
}

fn table(rows: Vec<String>) -> String {
    format!(
        "<table class=\"MsoNormalTable\" border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"600\" style=\"border-collapse:collapse;border:none\">\n<tbody>\n{}\n</tbody>\n</table>",
        rows.join("\n")
    )
}

fn hp(text: &str, bold: bool) -> String {
    if bold {
        format!("<p class=\"MsoNormal\" style=\"text-indent:32.0pt\"><b><span style=\"font-size:16.0pt;font-family:黑体\">{}</span></b></p>", ent(text))
    } else {
        format!("<p class=\"MsoNormal\" style=\"text-indent:32.0pt;line-height:28.0pt\"><span style=\"font-size:16.0pt;font-family:仿宋_GB2312\">{}</span></p>", ent(text))
    }
}

fn html(r: &Report, rng: &mut Rng) -> String {
    let m = M::new(r, rng);
    let nar = narrative(r);
    let mut h = vec![
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">".to_string(),
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns=\"http://www.w3.org/1999/xhtml\">".into(),
        "<head>".into(),
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />".into(),
        format!("<title>{}_政府信息公开年报</title>", r.title()),
        "<style type=\"text/css\">p.MsoNormal{margin:0cm;text-align:justify;font-size:10.5pt}</style>".into(),
        "<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->".into(),
        "</head>".into(),
        "<body>".into(),
        "<div class=\"nav\">首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>".into(),
        "<div class=\"TRS_Editor\"><div class=\"Section0\">".into(),
        format!("<p class=\"MsoNormal\" align=\"center\"><b><span style=\"font-size:22.0pt\">{}</span></b></p>", r.title()),
        "<p class=\"MsoNormal\"><span lang=\"EN-US\"><o:p>&nbsp;</o:p></span></p>".into(),
        hp(&nar.intro, false),
        hp(TITLES[0], true),
    ];
    for (i, (head, t)) in nar.parts.iter().enumerate() {
        h.push(hp(&format!("（{}）{head}。{t}", CN[i]), false));
    }
    h.push(hp(TITLES[1], true));
    let noise = LabelNoise::random(rng);
    let sentences: Vec<bool> = (0..3).map(|_| rng.chance(30)).collect();
    let mut next_sentence = sentences.into_iter();
    let mut sentence = |h: &mut Vec<String>| {
        if next_sentence.next() == Some(true) {
            h.push(hp("该部分以表格形式报告。", false));
        }
    };
    sentence(&mut h);
    let mut rows = Vec::new();
    let mut s2i = 0;
    for t in r.sec2() {
        rows.push(tr(vec![td(t.caption, 4, 1, false)]));
        let mut head = vec![td("信息内容", 1, 1, false)];
        // Header and value cells spread over the three value columns.
        let spans: Vec<usize> = match t.cols.len() {
            1 => vec![3],
            2 => vec![1, 2],
            _ => vec![1, 1, 1],
        };
        head.extend(t.heads.iter().zip(&spans).map(|(x, &s)| td(x, s, 1, false)));
        rows.push(tr(head));
        for (_, lab) in &t.rows {
            let mut cells = vec![td(lab, 1, 1, false)];
            cells.extend(m.s2_row(s2i).iter().zip(&spans).map(|(x, &s)| td(x, s, 1, true)));
            rows.push(tr(cells));
            s2i += 1;
        }
    }
    h.push(table(rows));
    h.push("<p class=\"MsoNormal\"><span lang=\"EN-US\"><o:p>&nbsp;</o:p></span></p>".into());
    h.push(hp(TITLES[2], true));
    sentence(&mut h);
    let mut rows = vec![
        tr(vec![td(APPLICATIONS_NOTE, 3, 3, false), td("申请人情况", 7, 1, false)]),
        tr(vec![td("自然人", 1, 2, false), td("法人或其他组织", 5, 1, false), td("总计", 1, 2, false)]),
        tr(["商业<br />企业", "科研<br />机构", "社会公益组织", "法律服务机构", "其他"]
            .iter()
            .map(|x| td(x, 1, 1, false))
            .collect()),
    ];
    let all = r.rows();
    let nres = all.iter().filter(|x| x.group != Head).count();
    let mut prev = Head;
    for (ri, row) in all.iter().enumerate() {
        let lab = noise.apply(row.label);
        let mut cells = match row.group {
            Head => vec![td(&lab, 3, 1, false)],
            Result => {
                let mut c = Vec::new();
                if row.key == RowKey::Granted {
                    c.push(td(&result_head(), 1, nres, false));
                }
                c.push(td(&lab, 2, 1, false));
                c
            }
            g => {
                let mut c = Vec::new();
                if g != prev {
                    let nt = group_label(g);
                    c.push(td(nt, 1, group_size(&all, g), false));
                }
                c.push(td(&lab, 1, 1, false));
                c
            }
        };
        prev = row.group;
        cells.extend(m.app_row(ri).iter().map(|x| td(x, 1, 1, true)));
        rows.push(tr(cells));
    }
    h.push(table(rows));
    h.push(hp(TITLES[3], true));
    sentence(&mut h);
    let heads = review_heads();
    let mut row2: Vec<String> = heads.iter().map(|x| td(x, 1, 2, false)).collect();
    row2.extend([td("未经复议直接起诉", 5, 1, false), td("复议后起诉", 5, 1, false)]);
    let rows = vec![
        tr(vec![td("行政复议", 5, 1, false), td("行政诉讼", 10, 1, false)]),
        tr(row2),
        tr(heads.repeat(2).iter().map(|x| td(x, 1, 1, false)).collect()),
        tr(m.rl_all().iter().map(|x| td(x, 1, 1, true)).collect()),
    ];
    h.push(table(rows));
    h.push(hp(TITLES[4], true));
    h.extend(nar.s5.iter().map(|x| hp(x, false)));
    h.push(hp(TITLES[5], true));
    h.extend(nar.s6.iter().map(|x| hp(x, false)));
    h.extend([
        "<!--[if !supportLineBreakNewLine]--><br /><!--[endif]-->".to_string(),
        "</div></div>".into(),
        format!("<div class=\"footer\">主办单位：{}&nbsp;&nbsp;网站标识码：5300000001</div>", r.body),
        "</body>".into(),
        "</html>".into(),
        "".into(),
    ]);
    h.join("\n")
}

/// An HTML table copied as tab rows (real/015, 019): a merged cell written once where it
/// starts, blank cells as empty fields; random label noise, stray spaces around cells, a
/// sentence between a title and its table.
fn tab_rows_plain(r: &Report, rng: &mut Rng) -> String {
    let m = M::new(r, rng);
    let nar = narrative(r);
    let noise = LabelNoise::random(rng);
    let stray = rng.chance(50);
    let sentences: Vec<bool> = (0..3).map(|_| rng.chance(40)).collect();
    // The second half of wrapped header cells lost: `结果` where 结果纠正 was meant.
    let review_heads: Vec<&str> =
        if rng.chance(40) { vec!["结果维持", "结果", "其他", "尚未", "总计"] } else { review_heads() };
    let sentence = |on: bool, l: &mut Vec<String>| {
        if on {
            l.push("该部分以表格形式报告。".to_string());
        }
    };
    let mut pad_rng = report_rng(rng.next_u64());
    let mut pad = |(s, raw): (String, &str)| -> String {
        if stray && !raw.is_empty() {
            match pad_rng.below(6) {
                0 => format!("  {s}"),
                1 => format!("{s} "),
                _ => s,
            }
        } else {
            s
        }
    };
    let mut l = vec![r.title(), nar.intro.clone(), TITLES[0].into()];
    for (i, (h, t)) in nar.parts.iter().enumerate() {
        l.extend([format!("（{}）{h}", CN[i]), t.clone()]);
    }
    l.push(TITLES[1].into());
    sentence(sentences[0], &mut l);
    let mut s2i = 0;
    for t in r.sec2() {
        l.extend([t.caption.to_string(), format!("信息内容\t{}", t.heads.join("\t"))]);
        for (_, lab) in &t.rows {
            let raws = r.s2[s2i].iter().map(|c| c.raw.as_str());
            let cells: Vec<String> = m.s2_row(s2i).into_iter().zip(raws).map(&mut pad).collect();
            l.push(format!("{}\t{}", noise.apply(lab), cells.join("\t")));
            s2i += 1;
        }
    }
    l.push(TITLES[2].into());
    sentence(sentences[1], &mut l);
    l.extend([
        format!("{APPLICATIONS_NOTE}\t申请人情况"),
        "自然人\t法人或其他组织\t总计".into(),
        "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他".into(),
    ]);
    let mut prev = Head;
    for (ri, row) in r.rows().iter().enumerate() {
        let mut lab = noise.apply(row.label);
        // A long label cell wrapped onto the next line.
        if row.text.chars().count() > 12 && rng.chance(30) {
            let chars: Vec<char> = lab.chars().collect();
            let at = 6 + rng.below(chars.len() - 8);
            lab = format!("{}\n{}", chars[..at].iter().collect::<String>(), chars[at..].iter().collect::<String>());
        }
        let mut pre = String::new();
        if row.key == RowKey::Granted {
            pre = result_head() + "\t";
        } else if row.group != prev && !matches!(row.group, Head | Result) {
            let nt = group_label(row.group);
            pre = noise.apply(nt) + "\t";
        }
        prev = row.group;
        let raws = r.apps[ri].iter().map(|c| c.raw.as_str());
        let cells: Vec<String> = m.app_row(ri).into_iter().zip(raws).map(&mut pad).collect();
        l.push(format!("{pre}{lab}\t{}", cells.join("\t")));
    }
    l.push(TITLES[3].into());
    sentence(sentences[2], &mut l);
    l.extend([
        "行政复议\t行政诉讼".to_string(),
        format!("{}\t未经复议直接起诉\t复议后起诉", review_heads.join("\t")),
        review_heads.repeat(2).join("\t"),
        m.rl_all().into_iter().zip(r.rl.iter().map(|c| c.raw.as_str())).map(&mut pad).collect::<Vec<_>>().join("\t"),
    ]);
    l.push(TITLES[4].into());
    l.extend(nar.s5.iter().cloned());
    l.push(TITLES[5].into());
    l.extend(nar.s6.iter().cloned());
    l.push(String::new());
    l.join("\n")
}
