//! Shared helpers for the fixture tests: loading fixtures and their expected JSON (written by
//! `tests/fixtures/gen.py`, format described there), comparing a [`Report`] with them cell by
//! cell with a message listing every wrong cell, and editing a base report for the rule tests.
#![allow(dead_code)]

use nianbao::{CellKind, CellRef, Diagnostic, Report, Severity, Span, Table};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;

pub mod schema_keys;
pub use schema_keys::*;

/// The rule codes the project's tests cover.
pub const CODES: [&str; 18] = [
    "S001", "S004", "S008", "A001", "A002", "A003", "A004", "A005", "R001", "R002", "R003", "R004", "R005", "R006",
    "L001", "L002", "P001", "P002",
];

/// The identity rules that must never fire on a truncated table.
pub const IDENTITY_ERRORS: [&str; 4] = ["R001", "R002", "R003", "L001"];

// ------------------------------------------------------------------------------------------
// Loading
// ------------------------------------------------------------------------------------------

pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

/// Reads `tests/fixtures/<rel>` exactly as stored (no newline conversion).
pub fn read_fixture(rel: &str) -> String {
    let path = fixtures_dir().join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", path.display()))
}

/// One expected cell of the three tables.
#[derive(Debug, Clone)]
pub struct ExpCell {
    pub table: String,
    pub row: String,
    pub col: String,
    pub value: Option<f64>,
    /// "number" | "blank" | "na" | "text"
    pub kind: String,
    pub inferred: bool,
    /// Byte range of the cell's value characters in the fixture text.
    pub pos: Option<Range<usize>>,
}

impl ExpCell {
    pub fn path(&self) -> String {
        format!("{}.{}.{}", self.table, self.row, self.col)
    }
}

#[derive(Debug, Clone)]
pub struct Expected {
    pub format: String,
    pub year: Option<i64>,
    pub errors: Vec<String>,
    /// Every cell, in table order (section 二, 三, 四).
    pub cells: Vec<ExpCell>,
}

impl Expected {
    pub fn parse(json: &str) -> Expected {
        let v: Value = serde_json::from_str(json).expect("expected JSON does not parse");
        let kinds: BTreeMap<String, String> = obj(&v, "kinds")
            .map(|m| m.iter().map(|(k, x)| (k.clone(), x.as_str().expect("kind").to_string())).collect())
            .unwrap_or_default();
        let inferred: BTreeMap<String, bool> = obj(&v, "inferred")
            .map(|m| m.iter().map(|(k, x)| (k.clone(), x.as_bool().expect("inferred"))).collect())
            .unwrap_or_default();
        let positions: BTreeMap<String, Range<usize>> = obj(&v, "positions")
            .map(|m| {
                m.iter()
                    .map(|(k, x)| {
                        let a = x.as_array().expect("position");
                        (k.clone(), a[0].as_u64().unwrap() as usize..a[1].as_u64().unwrap() as usize)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut cells = Vec::new();
        let mut push = |table: &str, row: &str, col: &str, x: &Value| {
            let path = format!("{table}.{row}.{col}");
            let value = x.as_f64();
            assert!(value.is_some() || x.is_null(), "{path}: value must be a number or null");
            let kind = kinds.get(&path).cloned().unwrap_or_else(|| "number".into());
            assert_eq!(value.is_some(), kind == "number", "{path}: value {x} with kind {kind}");
            cells.push(ExpCell {
                table: table.into(),
                row: row.into(),
                col: col.into(),
                value,
                kind,
                inferred: inferred.get(&path).copied().unwrap_or(false),
                pos: positions.get(&path).cloned(),
            });
        };
        if let Some(m) = obj(&v, "active_disclosure") {
            for (row, cols) in m {
                for (col, x) in cols.as_object().expect("active_disclosure row") {
                    push("active_disclosure", row, col, x);
                }
            }
        }
        if let Some(m) = obj(&v, "applications") {
            for (row, vals) in m {
                let vals = vals.as_array().expect("applications row");
                assert_eq!(vals.len(), 7, "applications.{row} must have 7 values");
                for (col, x) in APP_COLS.iter().zip(vals) {
                    push("applications", row, col, x);
                }
            }
        }
        if let Some(vals) = v.get("reviews_litigation").and_then(Value::as_array) {
            assert_eq!(vals.len(), 15, "reviews_litigation must have 15 values");
            for (col, x) in RL_COLS.iter().zip(vals) {
                push("reviews_litigation", "counts", col, x);
            }
        }
        Expected {
            format: v["format"].as_str().expect("format").to_string(),
            year: v["year"].as_i64(),
            errors: v["errors"]
                .as_array()
                .expect("errors")
                .iter()
                .map(|c| c.as_str().expect("error code").to_string())
                .collect(),
            cells,
        }
    }

    pub fn cell(&self, path: &str) -> &ExpCell {
        self.cells.iter().find(|c| c.path() == path).unwrap_or_else(|| panic!("no expected cell {path}"))
    }

    /// The expected value of a number cell.
    pub fn value(&self, path: &str) -> f64 {
        self.cell(path).value.unwrap_or_else(|| panic!("{path} is not a number"))
    }

    pub fn pos(&self, path: &str) -> Range<usize> {
        self.cell(path).pos.clone().unwrap_or_else(|| panic!("no position for {path}"))
    }

    /// Byte range covering every cell of `table` (from its first cell to its last).
    pub fn table_range(&self, table: &str) -> Option<Range<usize>> {
        let ps: Vec<_> = self.cells.iter().filter(|c| c.table == table).filter_map(|c| c.pos.clone()).collect();
        let start = ps.iter().map(|p| p.start).min()?;
        let end = ps.iter().map(|p| p.end).max()?;
        Some(start..end)
    }
}

fn obj<'a>(v: &'a Value, key: &str) -> Option<&'a serde_json::Map<String, Value>> {
    v.get(key).and_then(Value::as_object)
}

/// A fixture text with its expected result: `load("layouts/html")` reads `html.txt` and
/// `html.expected.json`.
pub struct Fixture {
    pub name: String,
    pub text: String,
    pub expected: Expected,
}

impl Fixture {
    pub fn load(stem: &str) -> Fixture {
        Fixture {
            name: stem.to_string(),
            text: read_fixture(&format!("{stem}.txt")),
            expected: Expected::parse(&read_fixture(&format!("{stem}.expected.json"))),
        }
    }
}

/// Every layout fixture, in the order gen.py writes them.
pub const LAYOUTS: [&str; 13] = [
    "tab_led_cells",
    "pipe_cells",
    "blank_line_cells",
    "tab_rows",
    "pipe_rows",
    "one_line",
    "pdf_layout",
    "pdf_raw",
    "html",
    "glued",
    "format_2019",
    "blanks_and_na",
    "sentence_before_table",
];

// ------------------------------------------------------------------------------------------
// Comparing
// ------------------------------------------------------------------------------------------

pub fn table<'a>(r: &'a Report, name: &str) -> Option<&'a Table> {
    match name {
        "active_disclosure" => r.tables.active_disclosure.as_ref(),
        "applications" => r.tables.applications.as_ref(),
        "reviews_litigation" => r.tables.reviews_litigation.as_ref(),
        other => panic!("unknown table {other}"),
    }
}

pub fn kind_str(k: CellKind) -> &'static str {
    match k {
        CellKind::Number => "number",
        CellKind::Blank => "blank",
        CellKind::Na => "na",
        CellKind::Text => "text",
    }
}

fn format_str(r: &Report) -> String {
    serde_json::to_value(r.format).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Fullwidth digits and signs to ASCII, whitespace (incl. U+3000, U+00A0) removed.
pub fn normalize_number(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap(),
            '．' => '.',
            '－' => '-',
            '＋' => '+',
            c => c,
        })
        .collect()
}

pub fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// `&text[span]`, or None when the span is out of bounds or not on char boundaries.
pub fn slice(text: &str, s: Span) -> Option<&str> {
    if s.start > s.end {
        return None;
    }
    text.get(s.start..s.end)
}

/// Every span of the report (sections, rows, cells, diagnostics) lies inside the text, on char
/// boundaries, start <= end.
pub fn span_problems(text: &str, r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |what: String, s: Span| {
        if slice(text, s).is_none() {
            out.push(format!(
                "{what}: span {}..{} is not a valid range of the {}-byte text",
                s.start,
                s.end,
                text.len()
            ));
        }
    };
    for s in &r.sections {
        check(format!("section {}", s.number), s.span);
    }
    for name in ["active_disclosure", "applications", "reviews_litigation"] {
        if let Some(t) = table(r, name) {
            for row in &t.rows {
                if let Some(sp) = row.span {
                    check(format!("{name}.{} label", row.key), sp);
                }
                for c in &row.cells {
                    check(format!("{name}.{}.{}", row.key, c.col), c.span);
                }
            }
        }
    }
    for d in &r.diagnostics {
        for s in &d.spans {
            check(format!("diagnostic {}", d.code), *s);
        }
    }
    for name in ["active_disclosure", "applications", "reviews_litigation"] {
        for row in table(r, name).map_or(&[][..], |t| &t.rows) {
            for c in row.cells.iter().filter(|c| slice(text, c.span).is_some_and(|at| at != c.raw)) {
                out.push(format!("{name}.{}.{}: raw {:?} is not the text at its span", row.key, c.col, c.raw));
            }
        }
    }
    out
}

/// Compares a report with the expected result; returns one line per problem.
pub fn problems(text: &str, r: &Report, exp: &Expected) -> Vec<String> {
    let mut out = Vec::new();
    let fmt = format_str(r);
    if fmt != exp.format {
        out.push(format!("format: expected {:?}, got {:?}", exp.format, fmt));
    }
    if r.year.map(i64::from) != exp.year {
        out.push(format!("year: expected {:?}, got {:?}", exp.year, r.year));
    }
    out.extend(span_problems(text, r));

    let mut expected_cols: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for e in &exp.cells {
        expected_cols.entry((e.table.clone(), e.row.clone())).or_default().insert(e.col.clone());
    }
    for name in ["active_disclosure", "applications", "reviews_litigation"] {
        if !exp.cells.iter().any(|c| c.table == name) {
            continue;
        }
        let Some(t) = table(r, name) else {
            out.push(format!("{name}: table missing"));
            continue;
        };
        let mut seen = BTreeSet::new();
        for row in &t.rows {
            if !seen.insert(row.key) {
                out.push(format!("{name}.{}: row appears twice", row.key));
            }
            let cols = expected_cols.get(&(name.to_string(), row.key.to_string()));
            if cols.is_none() && !row.cells.is_empty() {
                out.push(format!("{name}.{}: unexpected row with {} cells", row.key, row.cells.len()));
                continue;
            }
            let mut seen_cols = BTreeSet::new();
            for c in &row.cells {
                if !seen_cols.insert(c.col) {
                    out.push(format!("{name}.{}.{}: cell appears twice", row.key, c.col));
                }
                if cols.is_some_and(|cols| !cols.contains(c.col.as_str())) {
                    out.push(format!("{name}.{}: unexpected column {:?} (raw {:?})", row.key, c.col, c.raw));
                }
            }
        }
    }

    for e in &exp.cells {
        let path = e.path();
        let Some(t) = table(r, &e.table) else {
            continue;
        };
        let Some(c) = cell_named(t, &e.row, &e.col) else {
            out.push(format!("{path}: missing (expected {})", describe(e.value, &e.kind)));
            continue;
        };
        let got_kind = kind_str(c.kind);
        if got_kind != e.kind || c.value != e.value {
            out.push(format!(
                "{path}: expected {}, got {} (raw {:?} at {}..{})",
                describe(e.value, &e.kind),
                describe(c.value, got_kind),
                c.raw,
                c.span.start,
                c.span.end
            ));
        }
        match slice(text, c.span) {
            Some(s) if s == c.raw => {}
            Some(s) => {
                out.push(format!("{path}: text at span {}..{} is {s:?}, raw is {:?}", c.span.start, c.span.end, c.raw))
            }
            None => {}
        }
        if e.kind == "number" {
            if let Some(v) = e.value {
                let norm = normalize_number(&c.raw);
                let want = fmt_value(v);
                let reads = norm.parse::<f64>().ok() == Some(v);
                if !norm.contains(&want) || !reads {
                    out.push(format!("{path}: raw {:?} does not hold the value {want}", c.raw));
                }
            }
        }
        if let Some(p) = &e.pos {
            if !(c.span.start <= p.start && p.end <= c.span.end) {
                out.push(format!(
                    "{path}: span {}..{} does not cover the cell's text at {}..{} ({:?})",
                    c.span.start,
                    c.span.end,
                    p.start,
                    p.end,
                    text.get(p.clone()).unwrap_or("?")
                ));
            }
        }
        if c.inferred != e.inferred {
            out.push(format!("{path}: inferred should be {}, is {}", e.inferred, c.inferred));
        }
    }

    let errors: Vec<&Diagnostic> = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    for d in &errors {
        if !exp.errors.iter().any(|c| c == &d.code) {
            out.push(format!("unexpected error {}: {}", d.code, d.message));
        }
    }
    for code in &exp.errors {
        if !errors.iter().any(|d| &d.code == code) {
            out.push(format!("expected error {code} was not reported"));
        }
    }
    out
}

fn describe(v: Option<f64>, kind: &str) -> String {
    match v {
        Some(v) => format!("{} ({kind})", fmt_value(v)),
        None => format!("null ({kind})"),
    }
}

/// Runs the checker on a layout fixture and fails with every wrong cell listed.
pub fn check_layout(name: &str) {
    let fx = Fixture::load(&format!("layouts/{name}"));
    let report = nianbao::validate(&fx.text);
    let p = problems(&fx.text, &report, &fx.expected);
    if !p.is_empty() {
        panic!(
            "layout {name}: {} problem(s)\n  {}\n\ndiagnostics:\n{}",
            p.len(),
            p.join("\n  "),
            list_diagnostics(&report)
        );
    }
}

pub fn list_diagnostics(r: &Report) -> String {
    let mut s = String::new();
    for d in &r.diagnostics {
        let cells: Vec<String> = d.cells.iter().map(cell_path).collect();
        let _ = writeln!(s, "  {} {} {} spans={:?} cells={:?}", d.code, d.severity.as_str(), d.message, d.spans, cells);
    }
    if s.is_empty() {
        s.push_str("  (none)\n");
    }
    s
}

pub fn cell_path(c: &CellRef) -> String {
    format!("{}.{}.{}", c.table, c.row, c.col)
}

// ------------------------------------------------------------------------------------------
// Diagnostics
// ------------------------------------------------------------------------------------------

pub fn with_code<'a>(r: &'a Report, code: &str) -> Vec<&'a Diagnostic> {
    r.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// The diagnostics of `code`; fails unless there is at least one and all have `severity`.
pub fn fires<'a>(r: &'a Report, code: &str, severity: Severity) -> Vec<&'a Diagnostic> {
    let ds = with_code(r, code);
    assert!(!ds.is_empty(), "{code} should fire; diagnostics:\n{}", list_diagnostics(r));
    for d in &ds {
        assert_eq!(d.severity, severity, "{code} has severity {:?}: {}", d.severity, d.message);
    }
    ds
}

pub fn silent(r: &Report, code: &str) {
    let ds = with_code(r, code);
    assert!(ds.is_empty(), "{code} must not fire; diagnostics:\n{}", list_diagnostics(r));
}

pub fn no_errors(r: &Report) {
    let n = r.count(Severity::Error);
    assert_eq!(n, 0, "no error expected; diagnostics:\n{}", list_diagnostics(r));
}

pub fn no_identity_errors(r: &Report) {
    for code in IDENTITY_ERRORS {
        silent(r, code);
    }
}

/// `table.row.col` paths of a diagnostic's cells, in order.
pub fn paths(d: &Diagnostic) -> Vec<String> {
    d.cells.iter().map(cell_path).collect()
}

/// The one diagnostic of `code` whose cells are exactly `cells` (in order); fails with the list
/// of what was reported otherwise.
pub fn with_cells<'a>(r: &'a Report, code: &str, cells: &[String]) -> &'a Diagnostic {
    let ds = with_code(r, code);
    ds.iter()
        .copied()
        .find(|d| paths(d) == cells)
        .unwrap_or_else(|| panic!("no {code} with cells {cells:?}; diagnostics:\n{}", list_diagnostics(r)))
}

pub fn app(row: &str, col: &str) -> String {
    format!("applications.{row}.{col}")
}

pub fn ad(row: &str, col: &str) -> String {
    format!("active_disclosure.{row}.{col}")
}

pub fn rl(col: &str) -> String {
    format!("reviews_litigation.counts.{col}")
}

/// Some span of `d` covers `r` (the place a finding should point at).
pub fn points_at(d: &Diagnostic, r: &Range<usize>) -> bool {
    d.spans.iter().any(|s| s.start <= r.start && r.end <= s.end)
}

/// `d` has at least one non-empty span inside the text.
pub fn has_place(text: &str, d: &Diagnostic) -> bool {
    d.spans.iter().any(|s| s.start < s.end && slice(text, *s).is_some())
}

// ------------------------------------------------------------------------------------------
// Editing a base report
// ------------------------------------------------------------------------------------------

/// A fixture with a list of edits, all given in the fixture's own byte offsets and applied at
/// once by [`Doc::build`].
pub struct Doc {
    pub fx: Fixture,
    edits: Vec<(String, Range<usize>, String)>,
}

/// The edited text and where each edit ended up.
pub struct Built {
    pub text: String,
    placed: BTreeMap<String, Range<usize>>,
}

impl Built {
    /// Byte range of the text that replaced edit `key` (a cell path for [`Doc::set`]).
    pub fn at(&self, key: &str) -> Range<usize> {
        self.placed.get(key).cloned().unwrap_or_else(|| panic!("no edit {key}"))
    }

    pub fn validate(&self) -> Report {
        let r = nianbao::validate(&self.text);
        let sp = span_problems(&self.text, &r);
        assert!(sp.is_empty(), "invalid spans:\n{}", sp.join("\n"));
        r
    }
}

impl Doc {
    /// `tests/fixtures/rules/base_2021`: a clean county-department report in tab rows.
    pub fn base() -> Doc {
        Doc::of("rules/base_2021")
    }

    /// `tests/fixtures/rules/base_2019`: a clean 2019-format town report for 2020.
    pub fn base_2019() -> Doc {
        Doc::of("rules/base_2019")
    }

    pub fn of(stem: &str) -> Doc {
        Doc { fx: Fixture::load(stem), edits: Vec::new() }
    }

    pub fn value(&self, path: &str) -> f64 {
        self.fx.expected.value(path)
    }

    /// Writes `raw` in place of the cell's text.
    pub fn set(mut self, path: &str, raw: &str) -> Doc {
        let r = self.fx.expected.pos(path);
        self.edits.push((path.to_string(), r, raw.to_string()));
        self
    }

    /// Adds `delta` to a number cell.
    pub fn add(self, path: &str, delta: i64) -> Doc {
        let v = self.value(path) as i64 + delta;
        self.set(path, &v.to_string())
    }

    /// Replaces a byte range of the original text.
    pub fn replace_range(mut self, key: &str, r: Range<usize>, s: &str) -> Doc {
        self.edits.push((key.to_string(), r, s.to_string()));
        self
    }

    /// Replaces the one occurrence of `needle` (fails if it is not exactly once in the text).
    pub fn replace_once(self, needle: &str, s: &str) -> Doc {
        let found: Vec<_> = self.fx.text.match_indices(needle).collect();
        assert_eq!(found.len(), 1, "{needle:?} occurs {} times", found.len());
        let start = found[0].0;
        self.replace_range(needle, start..start + needle.len(), s)
    }

    /// Replaces every occurrence of `needle`.
    pub fn replace_all(mut self, needle: &str, s: &str) -> Doc {
        let found: Vec<usize> = self.fx.text.match_indices(needle).map(|(i, _)| i).collect();
        assert!(!found.is_empty(), "{needle:?} not in the text");
        for (n, start) in found.into_iter().enumerate() {
            self.edits.push((format!("{needle}#{n}"), start..start + needle.len(), s.to_string()));
        }
        self
    }

    /// Byte offset of the one occurrence of `needle`.
    pub fn find(&self, needle: &str) -> usize {
        let found: Vec<_> = self.fx.text.match_indices(needle).collect();
        assert_eq!(found.len(), 1, "{needle:?} occurs {} times", found.len());
        found[0].0
    }

    pub fn build(&self) -> Built {
        let mut edits: Vec<&(String, Range<usize>, String)> = self.edits.iter().collect();
        edits.sort_by_key(|e| (e.1.start, e.1.end));
        for w in edits.windows(2) {
            assert!(w[0].1.end <= w[1].1.start, "edits {} and {} overlap", w[0].0, w[1].0);
        }
        let src = &self.fx.text;
        let mut text = String::with_capacity(src.len() + 64);
        let mut placed = BTreeMap::new();
        let mut at = 0;
        for (key, r, s) in edits {
            text.push_str(&src[at..r.start]);
            let start = text.len();
            text.push_str(s);
            placed.insert(key.clone(), start..text.len());
            at = r.end;
        }
        text.push_str(&src[at..]);
        Built { text, placed }
    }

    pub fn validate(&self) -> (Built, Report) {
        let b = self.build();
        let r = b.validate();
        (b, r)
    }
}

/// A small deterministic generator (xorshift64*), so noise tests are reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A cell found by the schema's key names as a test states them: the names are parsed by the
/// crate, so a name the template does not have fails the test instead of finding nothing.
pub fn cell_named<'a>(t: &'a nianbao::Table, row: &str, col: &str) -> Option<&'a nianbao::Cell> {
    let row = row.parse().unwrap_or_else(|_| panic!("no row key {row:?} in the template"));
    let col = col.parse().unwrap_or_else(|_| panic!("no column key {col:?} in the template"));
    t.cell(row, col)
}

/// table/row/col → (kind, value) of every cell read, and the codes of the findings.
pub fn reading(report: &Report) -> (Vec<(String, String)>, Vec<String>) {
    let mut cells = Vec::new();
    let tables = serde_json::to_value(&report.tables).unwrap();
    for (key, table) in tables.as_object().unwrap() {
        for row in table["rows"].as_array().into_iter().flatten() {
            for c in row["cells"].as_array().unwrap() {
                cells.push((format!("{key}/{}/{}", row["key"], c["col"]), format!("{} {}", c["kind"], c["value"])));
            }
        }
    }
    (cells, report.diagnostics.iter().map(|d| d.code.clone()).collect())
}

/// The filled template's cells (`tests/fixtures/files/filled.expected.json`, the same numbers in
/// every format the fixtures come in): each read as that number in `report`, and no other cell
/// of those rows read. `name` says which file in the messages.
pub fn assert_filled_cells_exact(name: &str, report: &Report) {
    let path = fixtures_dir().join("files/filled.expected.json");
    let want: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let tables = serde_json::to_value(&report.tables).unwrap();
    let mut compared = 0;
    for (table, rows) in want.as_object().unwrap() {
        let got_rows = tables[table]["rows"].as_array().unwrap_or_else(|| panic!("{name}: no table {table}"));
        for (row, cols) in rows.as_object().unwrap() {
            let got = got_rows.iter().find(|r| r["key"] == row.as_str()).unwrap_or_else(|| panic!("{name}: {row}"));
            let cells = got["cells"].as_array().unwrap();
            assert_eq!(
                cells.len(),
                cols.as_object().unwrap().len(),
                "{name}: {table}.{row} has other cells: {cells:?}"
            );
            for (col, value) in cols.as_object().unwrap() {
                let cell = cells.iter().find(|c| c["col"] == col.as_str());
                let cell = cell.unwrap_or_else(|| panic!("{name}: {table}.{row}.{col} missing"));
                assert_eq!(cell["kind"], "number", "{name}: {table}.{row}.{col}");
                assert_eq!(cell["value"].as_f64(), value.as_f64(), "{name}: {table}.{row}.{col}");
                compared += 1;
            }
        }
    }
    // 二: 3 + 3 + 1 + 1 + 1 + 1; 三: 25 × 7; 四: 15.
    assert_eq!(compared, 10 + 175 + 15, "{name}");
}
