//! Files as people have them (`src/files/`): the shared blank template filled in with our own
//! numbers (`tests/fixtures/files/make_fixtures.py`), as saved by WPS and by LibreOffice, read
//! cell for cell; a changed cell caught; hostile files refused with a message, never a panic.

use nianbao::files::{extract, sniff, FileError, Kind};
use nianbao::{validate, CellKind, Report, Severity};
use serde_json::Value;
use std::path::Path;
use std::time::Instant;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/files").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn expected() -> Value {
    serde_json::from_slice(&fixture("filled.expected.json")).unwrap()
}

fn check(name: &str) -> Report {
    let bytes = fixture(name);
    assert_eq!(sniff(&bytes), Kind::Docx, "{name}");
    validate(&extract(&bytes).unwrap())
}

/// Every cell of sections 二, 三 and 四 the fixture filled is read as that number, and no other
/// cell is read.
fn assert_cells_exact(name: &str, report: &Report) {
    let want = expected();
    let tables = serde_json::to_value(&report.tables).unwrap();
    let mut compared = 0;
    for (table, rows) in want.as_object().unwrap() {
        let got_rows = tables[table]["rows"].as_array().unwrap_or_else(|| panic!("{name}: no table {table}"));
        for (row, cols) in rows.as_object().unwrap() {
            let got = got_rows.iter().find(|r| r["key"] == row.as_str()).unwrap();
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
    assert_eq!(compared, 10 + 175 + 15);
}

#[test]
fn filled_template_is_read_cell_for_cell_from_wps_and_libreoffice() {
    for name in ["filled-wps.docx", "filled-libreoffice.docx"] {
        let report = check(name);
        assert_eq!((report.year, report.body.as_deref()), (Some(2024), Some("青岚县水务局")), "{name}");
        assert_cells_exact(name, &report);
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.is_empty(), "{name}: {codes:?}");
        for t in [&report.tables.active_disclosure, &report.tables.applications, &report.tables.reviews_litigation] {
            let t = t.as_ref().unwrap();
            assert!(t.rows.iter().flat_map(|r| &r.cells).all(|c| c.kind == CellKind::Number && !c.inferred));
        }
    }
}

#[test]
fn a_changed_cell_is_caught() {
    let report = check("filled-changed.docx");
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(!errors.is_empty());
    for d in &errors {
        let named = serde_json::to_string(&d.cells).unwrap();
        assert!(named.contains(r#"{"table":"applications","row":"granted","col":"natural_person"}"#), "{named}");
    }
    let codes: Vec<&str> = errors.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["R002", "R003"]);
}

/// table/row/col → (kind, value) of every cell read, and the codes of the findings.
fn reading(report: &Report) -> (Vec<(String, String)>, Vec<String>) {
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

/// The HTML fixtures (a Word paste, a WPS export) saved as .docx by LibreOffice
/// (`soffice --headless --convert-to docx FILE.html`): the .docx reader reads the cells and finds
/// the findings the HTML reader does.
#[test]
fn libreoffice_docx_of_the_html_fixtures_reads_as_the_html() {
    for name in ["word_paste", "wps_export"] {
        let html = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/html/{name}.html")),
        )
        .unwrap();
        let from_docx = check(&format!("{name}-libreoffice.docx"));
        let (cells, codes) = reading(&from_docx);
        assert_eq!(cells.len(), 200, "{name}");
        assert_eq!((cells, codes), reading(&validate(&html)), "{name}");
    }
}

#[test]
fn hostile_files_get_a_message_in_bounded_time() {
    let cases = [
        ("hostile-bomb.docx", FileError::TooLarge),
        ("hostile-deep.docx", FileError::TooComplex),
        ("hostile-truncated.docx", FileError::Damaged),
        ("hostile-png.docx", FileError::Unsupported(nianbao::files::Other::Image("PNG"))),
    ];
    for (name, want) in cases {
        let t0 = Instant::now();
        assert_eq!(extract(&fixture(name)), Err(want), "{name}");
        assert!(!want.message().is_empty());
        // Generous: a debug build on a shared machine; the point is "not minutes".
        assert!(t0.elapsed().as_secs() < 10, "{name} took {:?}", t0.elapsed());
    }
    // Every prefix of a real .docx, and each with a byte flipped: a result or a message.
    let whole = fixture("filled-libreoffice.docx");
    for n in (0..whole.len()).step_by(97) {
        let _ = extract(&whole[..n]);
        let mut flipped = whole.clone();
        flipped[n] ^= 0x5A;
        let _ = extract(&flipped);
    }
}
