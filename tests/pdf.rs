//! PDF files (`src/files/pdf_layout.rs`, `src/cli/pdf.rs`): PDFs LibreOffice made from the .docx
//! fixtures (`tests/fixtures/files/make_pdfs.sh`) read through the command line's extractor and
//! the shared layout step — every cell of sections 二, 三 and 四 rebuilt exactly, a changed cell
//! caught, the narrow-column fixtures read as their .docx; scans, broken and cut-off PDFs get a
//! clear message in bounded time.

mod common;
use common::{assert_filled_cells_exact, reading};
use nianbao::files::{extract, FileError};
use nianbao::{validate, Report, Severity};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");

fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/files").join(name)
}

/// `nianbao text FILE`: the text, or the message on stderr.
fn text(name: &str) -> Result<String, String> {
    let out = Command::new(BIN).arg("text").arg(path(name)).output().unwrap();
    if out.status.success() {
        Ok(String::from_utf8(out.stdout).unwrap())
    } else {
        Err(String::from_utf8(out.stderr).unwrap())
    }
}

fn check(name: &str) -> Report {
    validate(&text(name).unwrap_or_else(|e| panic!("{name}: {e}")))
}

#[test]
fn filled_template_pdfs_are_read_cell_for_cell() {
    // filled-libreoffice: section 三's table goes on over a page break; filled-short: every
    // table breaks over pages (7 short pages), rows continue after the break.
    for name in ["filled-libreoffice.pdf", "filled-short.pdf"] {
        let report = check(name);
        assert_eq!((report.year, report.body.as_deref()), (Some(2024), Some("青岚县水务局")), "{name}");
        assert_filled_cells_exact(name, &report);
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(codes.is_empty(), "{name}: {codes:?}");
    }
}

#[test]
fn a_changed_cell_is_caught_in_a_pdf() {
    let report = check("filled-changed.pdf");
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    for d in &errors {
        let named = serde_json::to_string(&d.cells).unwrap();
        assert!(named.contains(r#"{"table":"applications","row":"granted","col":"natural_person"}"#), "{named}");
    }
    let codes: Vec<&str> = errors.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["R002", "R003"]);
}

/// Narrow columns: labels wrapped over two to four lines (numbers centred beside them), a row
/// split by a page break, one character per line headers — the PDF reads as its .docx.
#[test]
fn narrow_column_pdfs_read_as_their_docx() {
    for name in ["word_paste", "wps_export"] {
        let docx = std::fs::read(path(&format!("{name}-libreoffice.docx"))).unwrap();
        let from_docx = reading(&validate(&extract(&docx).unwrap()));
        let from_pdf = reading(&check(&format!("{name}.pdf")));
        assert_eq!(from_pdf.0.len(), 200, "{name}");
        assert_eq!(from_pdf, from_docx, "{name}");
    }
}

#[test]
fn json_names_the_source_a_pdf() {
    let out = Command::new(BIN).args(["check", "-f", "json"]).arg(path("filled-libreoffice.pdf")).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["kind"], "pdf", "{v}");
    assert_eq!(v["source"]["name"], "filled-libreoffice.pdf");
}

#[test]
fn scans_and_damaged_pdfs_get_a_clear_message_in_bounded_time() {
    let cases = [
        ("hostile-scan.pdf", FileError::PdfNoText),
        ("hostile-xref.pdf", FileError::PdfDamaged),
        ("hostile-truncated.pdf", FileError::PdfDamaged),
    ];
    for (name, want) in cases {
        let t0 = Instant::now();
        let err = text(name).expect_err(name);
        assert!(err.contains(&want.message()), "{name}: {err}");
        assert!(t0.elapsed().as_secs() < 30, "{name} took {:?}", t0.elapsed());
    }
    assert!(FileError::PdfNoText.message().contains("这是扫描件或图片，没有可读取的文字"));
    // In a directory scan the PDFs are found, and a bad one does not stop the others.
    let out = Command::new(BIN).args(["check", "-q"]).arg(path("")).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("filled-short.pdf"), "{stdout}");
}

/// Every prefix of a real PDF, and each with a byte flipped: a text or a message, never a
/// panic or a hang.
#[test]
fn cut_and_flipped_pdfs_never_crash() {
    let whole = std::fs::read(path("filled-libreoffice.pdf")).unwrap();
    let dir = std::env::temp_dir().join(format!("nianbao-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let t0 = Instant::now();
    for (i, n) in (1000..whole.len()).step_by(whole.len() / 12).enumerate() {
        let mut flipped = whole.clone();
        flipped[n] ^= 0x5A;
        for (kind, bytes) in [("cut", &whole[..n]), ("flip", &flipped[..])] {
            let file = dir.join(format!("{kind}{i}.pdf"));
            std::fs::write(&file, bytes).unwrap();
            let out = Command::new(BIN).arg("text").arg(&file).output().unwrap();
            // Exit 0 with a text, or 2 with a message: never a crash (101) or a signal.
            assert!(matches!(out.status.code(), Some(0) | Some(2)), "{kind} at {n}: {out:?}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(t0.elapsed().as_secs() < 120, "{:?}", t0.elapsed());
}
