//! The checker against REAL reports: `../shared/corpus/seeds/*.txt` (5 complete 2024 reports) and
//! `../shared/corpus/real/*` (22 texts, see `real/INDEX.md`), one `#[test]` per report.
//!
//! Every expected value in `tests/corpus_expected/<file-stem>.json` was read off the source text by
//! hand, cell by cell (not taken from the checker's output), and cross-checked with INDEX.md and
//! with the tables' own identities (where a table is wrong as published, the wrong values are kept:
//! they are what the text says).
//!
//! The corpus lives outside this repository. In CI the repository is cloned with `shared/` beside
//! it; when `../shared/corpus` is absent each test prints `SKIPPED: …` to stderr and passes.
//!
//! # What each test asserts
//! 1. `format` and `year`.
//! 2. Every cell the checker read (value and kind) equals the verified one; a cell in a row or
//!    column that has no verified value is itself wrong (the text has no such cell, or its digits
//!    have no unique split and reading it would be a guess).
//! 3. For tables listed in `complete_tables`, every verified cell was read, except rows listed in
//!    `unreadable_ok` (with a reason) or `ambiguous`.
//! 4. The findings with severity `error` are exactly the expected ones (code + cells).
//! 5. Spans: `&text[span] == raw` for every read cell, a number cell's raw text holds the
//!    value's digits, and a cell whose span touches another digit (glued digits) is `inferred`.
//!
//! All problems of one report are collected and reported together.
//!
//! # Expectation format (`tests/corpus_expected/<stem>.json`)
//! ```text
//! {
//!   "source": "real/001-….txt",        // path under ../shared/corpus
//!   "layout": "…", "note": "…",         // free text for the reader
//!   "provenance_lines": 1,              // optional: how many leading lines to strip (default: all
//!                                       //   leading lines that start with "# ", real/ files only)
//!   "format": "2021",                   // "2021" | "2019" | "unknown"
//!   "year": 2023,                       // a number, null, or a list of acceptable values
//!   "complete_tables": ["applications", …],   // tables whose every verified cell must be read
//!   "active_disclosure": {"regulations": {"issued": 0, "repealed": 0, "in_force": 0}, …},
//!   "applications": {"new_received": [21, 0, 0, 0, 0, 0, 21], …},   // 7 columns in schema order
//!   "reviews_litigation": [15 values],  // row `counts`, columns in schema order
//!   "ambiguous": {"active_disclosure.normative_documents": "reason"},  // no verified value:
//!                                       //   the checker must not give a number cell there
//!   "unreadable_ok": {"table.row": "reason"},  // rows accepted as not read; "*" = every row
//!   "errors": [{"code": "L001", "cells": ["reviews_litigation.counts.review_upheld", …],
//!               "message_contains": "…", "note": "…"}],
//!   "alternative": {"active_disclosure": …, "applications": …, "reviews_litigation": …}
//! }
//! ```
//! A cell value is a number (kind `number`), `null` (kind `blank`), one of `/ - — -- 无 不适用`
//! (kind `na`, that raw text) or any other string (kind `text`, that raw text, trimmed).
//!
//! An expected error with `cells` must be reported when all of its cells were read as numbers
//! (an identity cannot be judged otherwise) and may be absent when they were not; its cell set must
//! match exactly. An expected error without `cells` is matched on its code (and
//! `message_contains`) and is always required. An expected code that is not in the rule catalog
//! (`nianbao::rules()`) is not checked yet and is only mentioned on stderr.
//! `alternative` (014 only: two years side by side) is a second set of values: each table must
//! agree entirely with the main values or entirely with the alternative.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use nianbao::{CellKind, Report, Severity, Table};
use serde_json::Value;

#[path = "common/schema_keys.rs"]
mod schema_keys;
use schema_keys::{APP_COLS, RL_COLS, TABLES};

const NA_TEXTS: [&str; 6] = ["/", "-", "—", "--", "无", "不适用"];

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// Expected cells of one table: (row, col) → JSON value, in a stable order.
type Cells = BTreeMap<(String, String), Value>;

fn expected_cells(table: &str, v: Option<&Value>) -> Cells {
    let mut out = Cells::new();
    let Some(v) = v else { return out };
    match table {
        "applications" => {
            for (row, vals) in v.as_object().expect("applications: object of rows") {
                let vals = vals.as_array().expect("applications row: array of 7");
                assert_eq!(vals.len(), 7, "applications.{row}: 7 values expected in the JSON");
                for (c, x) in APP_COLS.iter().zip(vals) {
                    out.insert((row.clone(), c.to_string()), x.clone());
                }
            }
        }
        "reviews_litigation" => {
            let vals = v.as_array().expect("reviews_litigation: array of 15");
            assert_eq!(vals.len(), 15, "reviews_litigation: 15 values expected in the JSON");
            for (c, x) in RL_COLS.iter().zip(vals) {
                out.insert(("counts".into(), c.to_string()), x.clone());
            }
        }
        _ => {
            for (row, cols) in v.as_object().expect("active_disclosure: object of rows") {
                for (col, x) in cols.as_object().expect("active_disclosure row: object of columns") {
                    out.insert((row.clone(), col.clone()), x.clone());
                }
            }
        }
    }
    out
}

fn table<'a>(r: &'a Report, name: &str) -> Option<&'a Table> {
    match name {
        "active_disclosure" => r.tables.active_disclosure.as_ref(),
        "applications" => r.tables.applications.as_ref(),
        _ => r.tables.reviews_litigation.as_ref(),
    }
}

fn kind_name(k: CellKind) -> &'static str {
    match k {
        CellKind::Number => "number",
        CellKind::Blank => "blank",
        CellKind::Na => "na",
        CellKind::Text => "text",
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn show_expected(x: &Value) -> String {
    match x {
        Value::Null => "blank".into(),
        Value::Number(n) => fmt_num(n.as_f64().unwrap()),
        Value::String(s) if NA_TEXTS.contains(&s.as_str()) => format!("na {s:?}"),
        Value::String(s) => format!("text {s:?}"),
        other => other.to_string(),
    }
}

/// Whether a read cell agrees with its verified value.
fn cell_matches(cell: &nianbao::Cell, x: &Value) -> bool {
    match x {
        Value::Null => cell.kind == CellKind::Blank,
        Value::Number(n) => {
            let n = n.as_f64().unwrap();
            cell.kind == CellKind::Number && cell.value.is_some_and(|v| (v - n).abs() <= 1e-9 * n.abs().max(1.0))
        }
        Value::String(s) => {
            let kind = if NA_TEXTS.contains(&s.as_str()) { CellKind::Na } else { CellKind::Text };
            cell.kind == kind && cell.raw.trim() == s
        }
        _ => false,
    }
}

fn show_cell(cell: &nianbao::Cell) -> String {
    let v = match (cell.kind, cell.value) {
        (CellKind::Number, Some(v)) => fmt_num(v),
        (k, _) => kind_name(k).to_string(),
    };
    format!(
        "{v}{} (raw {:?} at {}..{})",
        if cell.inferred { ", inferred" } else { "" },
        cell.raw,
        cell.span.start,
        cell.span.end
    )
}

/// Problems with the cells the checker read in one table, against one set of expected values.
fn wrong_cells(name: &str, t: Option<&Table>, exp: &Cells, ambiguous: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    let Some(t) = t else { return out };
    for row in &t.rows {
        for cell in &row.cells {
            let at = format!("{name}.{}.{}", row.key, cell.col);
            match exp.get(&(row.key.to_string(), cell.col.to_string())) {
                Some(x) if !cell_matches(cell, x) => {
                    out.push(format!("WRONG CELL {at}: read {}, the text says {}", show_cell(cell), show_expected(x)))
                }
                Some(_) => {}
                None => {
                    if let Some(why) = ambiguous.get(&format!("{name}.{}", row.key)) {
                        if cell.kind == CellKind::Number {
                            out.push(format!("GUESSED CELL {at}: read {} but {why}", show_cell(cell)));
                        }
                    } else {
                        out.push(format!("CELL WITH NO SUCH CELL IN THE TEXT {at}: read {}", show_cell(cell)));
                    }
                }
            }
        }
    }
    out
}

/// Span problems of every read cell (independent of the expected values).
fn span_problems(text: &str, r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for name in TABLES {
        let Some(t) = table(r, name) else { continue };
        for row in &t.rows {
            for cell in &row.cells {
                let at = format!("{name}.{}.{}", row.key, cell.col);
                let (s, e) = (cell.span.start, cell.span.end);
                match text.get(s..e) {
                    None => out.push(format!("BAD SPAN {at}: {s}..{e} is not a slice of the text")),
                    Some(slice) if slice != cell.raw => {
                        out.push(format!("BAD SPAN {at}: text[{s}..{e}] = {slice:?} but raw = {:?}", cell.raw))
                    }
                    Some(_) => {}
                }
                if let (CellKind::Number, Some(v)) = (cell.kind, cell.value) {
                    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
                    if !digits(&cell.raw).contains(&digits(&fmt_num(v.abs()))) {
                        out.push(format!("BAD RAW {at}: value {} but raw {:?}", fmt_num(v), cell.raw));
                    }
                }
                let before = text.get(..s).and_then(|p| p.chars().next_back());
                let after = text.get(e..).and_then(|p| p.chars().next());
                let touches = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
                if (touches(before) || touches(after)) && !cell.inferred {
                    out.push(format!("NOT MARKED INFERRED {at}: {} touches another digit", show_cell(cell)));
                }
            }
        }
    }
    out
}

/// The checker's cell at `table.row.col`, if it read one.
fn read_cell<'a>(r: &'a Report, path: &str) -> Option<&'a nianbao::Cell> {
    let mut it = path.splitn(3, '.');
    let (t, row, col) = (it.next()?, it.next()?, it.next()?);
    table(r, t)?.cell(row.parse().ok()?, col.parse().ok()?)
}

fn strip_provenance(text: &str, lines: Option<usize>) -> &str {
    // Leading `# ` lines of the real/ files are provenance notes written by whoever collected the
    // file, not report text: the checker must see the report as it was published.
    let mut rest = text;
    let mut n = 0;
    while rest.starts_with("# ") && lines.is_none_or(|max| n < max) {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
        n += 1;
    }
    rest
}

fn check(stem: &str) {
    let Some(corpus) = corpus_dir() else {
        eprintln!("SKIPPED: ../shared/corpus not found (corpus tests run in CI where shared/ is present)");
        return;
    };
    let exp_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/corpus_expected/{stem}.json"));
    let exp: Value = serde_json::from_str(&std::fs::read_to_string(&exp_path).unwrap_or_else(|e| {
        panic!("{}: {e}", exp_path.display());
    }))
    .unwrap_or_else(|e| panic!("{}: {e}", exp_path.display()));
    let source = exp["source"].as_str().expect("source");
    let raw_text = std::fs::read_to_string(corpus.join(source)).unwrap_or_else(|e| panic!("{source}: {e}"));
    let text = if source.starts_with("real/") {
        strip_provenance(&raw_text, exp.get("provenance_lines").and_then(Value::as_u64).map(|n| n as usize))
    } else {
        &raw_text
    };
    let report = nianbao::validate(text);
    let mut problems: Vec<String> = Vec::new();

    // 1. format and year.
    let format = serde_json::to_value(report.format).unwrap();
    if format != exp["format"] {
        problems.push(format!("FORMAT: checker says {format}, the text is {}", exp["format"]));
    }
    let year_ok = match &exp["year"] {
        Value::Array(ys) => ys.iter().any(|y| y.as_i64() == report.year.map(i64::from)),
        Value::Null => report.year.is_none(),
        y => y.as_i64() == report.year.map(i64::from),
    };
    if !year_ok {
        problems.push(format!("YEAR: checker says {:?}, the text gives {}", report.year, exp["year"]));
    }

    // 2. Every read cell is right (against the main values or, per table, the alternative).
    let ambiguous: BTreeMap<String, String> = exp
        .get("ambiguous")
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect())
        .unwrap_or_default();
    let unreadable_ok: BTreeMap<String, String> = exp
        .get("unreadable_ok")
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect())
        .unwrap_or_default();
    let complete: Vec<&str> =
        exp["complete_tables"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let (mut read, mut verified) = (0, 0);
    for name in TABLES {
        let t = table(&report, name);
        let main = expected_cells(name, exp.get(name));
        let mut wrong = wrong_cells(name, t, &main, &ambiguous);
        let mut exp_cells = main;
        if !wrong.is_empty() {
            if let Some(alt) = exp.get("alternative") {
                let alt_cells = expected_cells(name, alt.get(name));
                if wrong_cells(name, t, &alt_cells, &ambiguous).is_empty() {
                    eprintln!("{stem}: {name} agrees with the alternative values");
                    wrong.clear();
                    exp_cells = alt_cells;
                }
            }
        }
        problems.extend(wrong);
        verified += exp_cells.len();
        read += t.map_or(0, |t| t.rows.iter().map(|r| r.cells.len()).sum());

        // 3. Completeness.
        if !complete.contains(&name) {
            continue;
        }
        if t.is_none() && !exp_cells.is_empty() {
            problems.push(format!("MISSING TABLE {name}: the text has it"));
            continue;
        }
        let mut missing: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (row, col) in exp_cells.keys() {
            let key = format!("{name}.{row}");
            if unreadable_ok.contains_key("*") || unreadable_ok.contains_key(&key) || ambiguous.contains_key(&key) {
                continue;
            }
            if t.and_then(|t| t.cell(row.parse().ok()?, col.parse().ok()?)).is_none() {
                missing.entry(key).or_default().push(col.clone());
            }
        }
        for (key, cols) in missing {
            let (_, row) = key.split_once('.').unwrap();
            let vals: Vec<String> =
                cols.iter().map(|c| show_expected(&exp_cells[&(row.to_string(), c.clone())])).collect();
            problems.push(format!("NOT READ {key}: {} (the text has {})", cols.join(", "), vals.join(", ")));
        }
    }

    // 4. Error findings.
    let catalog: HashSet<&str> = nianbao::rules().iter().map(|r| r.code).collect();
    let mut actual: Vec<Option<&nianbao::Diagnostic>> =
        report.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(Some).collect();
    for e in exp["errors"].as_array().expect("errors: array") {
        let code = e["code"].as_str().expect("error code");
        if !catalog.contains(code) {
            eprintln!("{stem}: expected {code} not checked: the rule is not in the catalog yet ({})", e["note"]);
            continue;
        }
        let cells: Option<HashSet<String>> = e
            .get("cells")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(String::from).collect());
        let contains = e.get("message_contains").and_then(Value::as_str);
        let found = actual.iter_mut().find(|d| {
            d.is_some_and(|d| {
                d.code == code
                    && contains.is_none_or(|s| d.message.contains(s))
                    && cells.as_ref().is_none_or(|c| {
                        let got: HashSet<String> =
                            d.cells.iter().map(|c| format!("{}.{}.{}", c.table, c.row, c.col)).collect();
                        &got == c
                    })
            })
        });
        if let Some(slot) = found {
            *slot = None;
            continue;
        }
        let required = cells
            .as_ref()
            .is_none_or(|c| c.iter().all(|p| read_cell(&report, p).is_some_and(|c| c.kind == CellKind::Number)));
        if required {
            let what = e.get("note").and_then(Value::as_str).or(contains).unwrap_or("");
            problems.push(format!("MISSING FINDING {code}: {what}"));
        }
    }
    for d in actual.into_iter().flatten() {
        let cells: Vec<String> = d.cells.iter().map(|c| format!("{}.{}.{}", c.table, c.row, c.col)).collect();
        problems.push(format!(
            "FALSE ALARM {} {}{}",
            d.code,
            d.message,
            if cells.is_empty() { String::new() } else { format!(" [{}]", cells.join(", ")) }
        ));
    }

    // 5. Spans.
    problems.extend(span_problems(text, &report));

    eprintln!("{stem}: {read} cells read, {verified} verified values, {} problems", problems.len());
    if !problems.is_empty() {
        panic!("{source}: {} problem(s)\n  {}\n", problems.len(), problems.join("\n  "));
    }
}

// ---------------------------------------------------------------- seeds: complete 2024 reports
/// 临江新区: TAB-led cells one per line, （七）总计 scattered over odd lines.
#[test]
fn seed_000_tab_led_cells() {
    check("000_b83a8c39339a3236");
}
/// 赣州经开区党群工作部: the published 三 table is wrong (一 and （一） 1,0,0,0,0,0 with 总计 0).
#[test]
fn seed_001_tab_led_cells_wrong_table() {
    check("001_c90ea95a19170d68");
}
/// Seed 001's best repair, read off its text: "2024年度受理依申请公开1件" and one application in
/// 一 and （一）'s 自然人 column; the 总计 of 一, （一）, （七） and （七）'s 自然人 were left at 0. The
/// best repair sets those four to 1 (not 自然人 to 0, which would also contradict the text).
#[test]
fn seed_001_best_repair_is_the_four_totals_its_text_states() {
    let Some(corpus) = corpus_dir() else { return eprintln!("SKIPPED: ../shared/corpus not found") };
    let text = std::fs::read_to_string(corpus.join("seeds/001_c90ea95a19170d68.txt")).unwrap();
    let report = nianbao::validate(&text);
    let best = report.repairs.first().expect("a repair");
    let got: Vec<String> =
        best.changes.iter().map(|c| format!("{}.{}.{} {}→{}", c.table, c.row, c.col, c.from, c.to)).collect();
    assert_eq!(
        got,
        [
            "applications.new_received.total 0→1",
            "applications.granted.total 0→1",
            "applications.total_processed.natural_person 0→1",
            "applications.total_processed.total 0→1",
        ]
    );
    assert!(best.text_changes.is_empty());
    let r007: Vec<_> = report.diagnostics.iter().filter(|d| d.code == "R007").collect();
    assert_eq!(r007.len(), 1);
    assert!(r007[0].message.starts_with("可能只需改 4 个单元格"), "{}", r007[0].message);
}

/// Every seed is read in full (175/175 in section 三); a paste cut inside section 三 is not.
#[test]
fn seeds_are_read_in_full_and_a_cut_paste_is_not() {
    let Some(corpus) = corpus_dir() else { return eprintln!("SKIPPED: ../shared/corpus not found") };
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(corpus.join("seeds")).unwrap().map(|e| e.unwrap().path()).collect();
    seeds.sort();
    assert!(!seeds.is_empty());
    for path in seeds {
        let text = std::fs::read_to_string(&path).unwrap();
        let report = nianbao::validate(&text);
        let c = report.coverage;
        assert_eq!((c.applications.read, c.applications.expected), (175, 175), "{}", path.display());
        assert!(c.complete(), "{}: {c:?}", path.display());
        let cut = &text[..text.find("无法提供").expect("section 三")];
        let partial = nianbao::validate(cut).coverage;
        assert!(partial.applications.read < 175 && partial.applications.read > 0, "{}: {partial:?}", path.display());
        assert_eq!(partial.reviews_litigation.read, 0);
        assert!(!partial.complete());
    }
}

/// 浉河区人民政府.
#[test]
fn seed_002_tab_led_cells() {
    check("002_0d5fbfa6f6b06582");
}
/// 巫山工业园区管委会: ` |` cells, no title line.
#[test]
fn seed_003_pipe_cells() {
    check("003_fe04592393095997");
}
/// 解放区工业和信息化局: TAB rows.
#[test]
fn seed_004_tab_rows() {
    check("004_786e169b628eab26");
}

// ---------------------------------------------------------------- real/: 洪泽区 2023, 四 totals wrong
#[test]
fn real_001_hongze_2023_pdftotext_layout() {
    check("001-hongze-district-2023-pdftotext-layout");
}
#[test]
fn real_002_hongze_2023_pdftotext_default() {
    check("002-hongze-district-2023-pdftotext-default");
}
#[test]
fn real_003_hongze_2023_pdftotext_raw() {
    check("003-hongze-district-2023-pdftotext-raw");
}

// ---------------------------------------------------------------- 洪泽区 2024
#[test]
fn real_004_hongze_2024_pdftotext_layout() {
    check("004-hongze-district-2024-pdftotext-layout");
}
#[test]
fn real_005_hongze_2024_pdftotext_default() {
    check("005-hongze-district-2024-pdftotext-default");
}
#[test]
fn real_006_hongze_2024_pdftotext_raw() {
    check("006-hongze-district-2024-pdftotext-raw");
}

// ---------------------------------------------------------------- 平潭: glued digits
#[test]
fn real_007_pingtan_2019_glued() {
    check("007-pingtan-2019-crawler-glued");
}
/// Detail rows add up to 27 against （七）总计 21 in the source.
#[test]
fn real_008_pingtan_2020_glued() {
    check("008-pingtan-2020-crawler-glued");
}
#[test]
fn real_009_pingtan_2021_glued() {
    check("009-pingtan-2021-crawler-glued");
}
#[test]
fn real_010_pingtan_2022_glued() {
    check("010-pingtan-2022-crawler-glued");
}
#[test]
fn real_011_pingtan_2023_glued() {
    check("011-pingtan-2023-crawler-glued");
}
#[test]
fn real_012_pingtan_2024_glued() {
    check("012-pingtan-2024-crawler-glued");
}
#[test]
fn real_013_pingtan_2025_glued() {
    check("013-pingtan-2025-crawler-glued");
}

// ---------------------------------------------------------------- other layouts
#[test]
fn real_014_suqian_side_by_side() {
    check("014-suqian-city-2023vs2024-toolrendered-sidebyside");
}
#[test]
fn real_015_shanghai_2019_tab_rows() {
    check("015-shanghai-govoffice-2019-html-tab-rows");
}
#[test]
fn real_016_shanghai_stcsm_2024_markdown() {
    check("016-shanghai-stcsm-2024-pdf-markdown");
}
#[test]
fn real_017_shanghai_2025_markdown() {
    check("017-shanghai-govoffice-2025-pdf-markdown");
}
#[test]
fn real_018_shuyang_2025_markdown() {
    check("018-shuyang-county-2025-pdf-markdown");
}
#[test]
fn real_019_shuyang_drc_2023_tab_rows() {
    check("019-shuyang-drc-2023-html-tab-rows");
}
#[test]
fn real_020_huaian_2024_fragment() {
    check("020-huaian-city-2024-section3-fragment-pypdf");
}
#[test]
fn real_021_huaian_2024_pdftotext_layout() {
    check("021-huaian-city-2024-pdftotext-layout");
}
#[test]
fn real_022_huaian_2024_pdftotext_default() {
    check("022-huaian-city-2024-pdftotext-default");
}
