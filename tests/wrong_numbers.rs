//! Counts wrong numbers over everything with verified values, and fails on one. A wrong number is
//! a cell read as a number that the text does not hold there: another value, or a number where
//! the verified cell is blank, `/` or text, or where no verified cell exists. The sources:
//! - the layout and rule fixtures (`tests/fixtures/{layouts,rules}/*.expected.json`);
//! - the office-PDF texts (`tests/fixtures/office`, made by its `make.sh` with LibreOffice and
//!   pdftotext), against what the checker reads from the HTML fixture they came from, or against
//!   the generated report (`gen-S`: seed S);
//! - the corpus texts with verified values (`tests/corpus_expected`, see tests/corpus.rs), when
//!   `../shared/corpus` is there;
//! - generated reports in every layout (`NIANBAO_CASES`, `NIANBAO_SEED` as in tests/roundtrip.rs).
//!
//! Run with `--nocapture` to see the counts per source.

mod common;
mod generator;

use common::{fixtures_dir, Expected, APP_COLS, RL_COLS};
use generator::{report_rng, Kind, Layout, Report, LAYOUTS};
use nianbao::CellKind;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Verified values: `table.row.col` → the numbers the cell may hold (none: the cell is there
/// but holds no number; two: two years side by side).
type Verified = BTreeMap<String, Vec<f64>>;

/// Cells read and wrong numbers of one source, with the first few wrong ones described.
#[derive(Default)]
struct Tally {
    read: usize,
    wrong: Vec<String>,
}

impl Tally {
    /// Counts the cells of `report` against `verified`; `what` names the text.
    fn add(&mut self, what: &str, report: &nianbao::Report, verified: &Verified) {
        let t = &report.tables;
        for (name, table) in [
            ("active_disclosure", &t.active_disclosure),
            ("applications", &t.applications),
            ("reviews_litigation", &t.reviews_litigation),
        ] {
            for row in table.iter().flat_map(|t| &t.rows) {
                for cell in &row.cells {
                    self.read += 1;
                    let (CellKind::Number, Some(v)) = (cell.kind, cell.value) else { continue };
                    let path = format!("{name}.{}.{}", row.key, cell.col);
                    let ok = verified.get(&path).into_iter().flatten();
                    if !ok.clone().any(|x| (x - v).abs() <= 1e-9 * x.abs().max(1.0)) {
                        let want = verified.get(&path).map_or("no such cell".into(), |x| format!("{x:?}"));
                        self.wrong.push(format!("{what}: {path} read {v} ({:?}), verified {want}", cell.raw));
                    }
                }
            }
        }
    }
}

fn from_expected(exp: &Expected) -> Verified {
    exp.cells.iter().map(|c| (c.path(), c.value.into_iter().collect())).collect()
}

/// What the checker reads from a text, as verified values (for texts made from another text
/// whose reading is checked).
fn from_report(report: &nianbao::Report) -> Verified {
    let t = &report.tables;
    let mut out = Verified::new();
    for (name, table) in [
        ("active_disclosure", &t.active_disclosure),
        ("applications", &t.applications),
        ("reviews_litigation", &t.reviews_litigation),
    ] {
        for row in table.iter().flat_map(|t| &t.rows) {
            for cell in &row.cells {
                let number = cell.value.filter(|_| cell.kind == CellKind::Number);
                out.insert(format!("{name}.{}.{}", row.key, cell.col), number.into_iter().collect());
            }
        }
    }
    out
}

/// The verified cells of a corpus expectation (tests/corpus.rs documents the format), the main
/// values or `alternative`'s, added to `out`.
fn from_corpus(exp: &Value, out: &mut Verified) {
    let mut put = |k: String, x: &Value| out.entry(k).or_default().extend(x.as_f64());
    if let Some(rows) = exp.get("active_disclosure").and_then(Value::as_object) {
        for (row, cols) in rows {
            for (col, x) in cols.as_object().into_iter().flatten() {
                put(format!("active_disclosure.{row}.{col}"), x);
            }
        }
    }
    if let Some(rows) = exp.get("applications").and_then(Value::as_object) {
        for (row, vals) in rows {
            for (col, x) in APP_COLS.iter().zip(vals.as_array().into_iter().flatten()) {
                put(format!("applications.{row}.{col}"), x);
            }
        }
    }
    if let Some(vals) = exp.get("reviews_litigation").and_then(Value::as_array) {
        for (col, x) in RL_COLS.iter().zip(vals) {
            put(format!("reviews_litigation.counts.{col}"), x);
        }
    }
}

fn files(dir: &Path, suffix: &str) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    out.sort();
    out
}

fn fixtures() -> Tally {
    let mut tally = Tally::default();
    for dir in ["layouts", "rules"] {
        for exp in files(&fixtures_dir().join(dir), ".expected.json") {
            let text_path = exp.to_string_lossy().replace(".expected.json", ".txt");
            let text = std::fs::read_to_string(&text_path).unwrap();
            let expected = Expected::parse(&std::fs::read_to_string(&exp).unwrap());
            tally.add(&text_path, &nianbao::validate(&text), &from_expected(&expected));
        }
    }
    tally
}

fn office() -> Tally {
    let mut tally = Tally::default();
    let texts = files(&fixtures_dir().join("office"), ".txt");
    assert!(!texts.is_empty(), "no office-PDF texts");
    for path in texts {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let source = name.split('.').next().unwrap();
        // gen-S: the generator's report of seed S in the Html layout; else an HTML fixture.
        let verified = match source.strip_prefix("gen-") {
            Some(seed) => {
                generated_values(&Report::generate(&mut report_rng(seed.parse().unwrap())).for_layout(Layout::Html))
            }
            None => {
                let html = std::fs::read_to_string(fixtures_dir().join("html").join(format!("{source}.html"))).unwrap();
                from_report(&nianbao::validate(&html))
            }
        };
        tally.add(&name, &nianbao::validate(&std::fs::read_to_string(&path).unwrap()), &verified);
    }
    tally
}

fn corpus() -> Option<Tally> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        return None;
    }
    let mut tally = Tally::default();
    for path in files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus_expected"), ".json") {
        let exp: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let source = exp["source"].as_str().unwrap();
        let raw = std::fs::read_to_string(corpus.join(source)).unwrap();
        // The provenance lines of real/ files are not report text (tests/corpus.rs).
        let lines = exp.get("provenance_lines").and_then(Value::as_u64).map_or(usize::MAX, |n| n as usize);
        let mut text = raw.as_str();
        let mut n = 0;
        while source.starts_with("real/") && text.starts_with("# ") && n < lines {
            text = text.split_once('\n').map_or("", |(_, r)| r);
            n += 1;
        }
        let report = nianbao::validate(text);
        // Two years side by side (014): a cell may hold either year's value.
        let mut verified = Verified::new();
        from_corpus(&exp, &mut verified);
        if let Some(alt) = exp.get("alternative") {
            from_corpus(alt, &mut verified);
        }
        tally.add(source, &report, &verified);
    }
    Some(tally)
}

fn generated_values(r: &Report) -> Verified {
    let number = |at| Some(r.cell(at)).filter(|c| c.kind == Kind::Number).and_then(|c| c.value);
    r.all_cells().into_iter().map(|at| (r.path(at), number(at).into_iter().collect())).collect()
}

fn generated() -> Tally {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.trim().parse::<u64>().ok());
    let first = env("NIANBAO_SEED").unwrap_or(20_270_000);
    let mut tally = Tally::default();
    for seed in first..first + env("NIANBAO_CASES").unwrap_or(40) {
        let report = Report::generate(&mut report_rng(seed));
        for layout in LAYOUTS {
            let r = report.for_layout(layout);
            let rendered = generator::render(&r, layout, seed.wrapping_mul(31).wrapping_add(layout as u64));
            let verified = generated_values(&r);
            tally.add(&format!("seed {seed} {layout:?}"), &nianbao::validate(&rendered.text), &verified);
        }
    }
    tally
}

#[test]
fn no_wrong_number_anywhere() {
    let mut sources = vec![("fixtures", fixtures()), ("office PDFs", office()), ("generated", generated())];
    match corpus() {
        Some(t) => sources.push(("corpus", t)),
        None => eprintln!("SKIPPED corpus: ../shared/corpus not found"),
    }
    let mut failures = Vec::new();
    for (name, t) in &sources {
        println!("{name:12} {:6} cells read, {} wrong numbers", t.read, t.wrong.len());
        failures.extend(t.wrong.iter().take(20).cloned());
    }
    assert!(failures.is_empty(), "wrong numbers:\n{}", failures.join("\n"));
}
