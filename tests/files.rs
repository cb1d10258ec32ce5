//! Files as people have them (`src/files/`): the shared blank template filled in with our own
//! numbers (`tests/fixtures/files/make_fixtures.py`), as saved by WPS and by LibreOffice, read
//! cell for cell; a changed cell caught; hostile files refused with a message, never a panic.

mod common;
use common::{assert_filled_cells_exact, reading};
use nianbao::files::{extract, sniff, FileError, Kind};
use nianbao::{validate, CellKind, Report, Severity};
use std::path::Path;
use std::time::Instant;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/files").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check(name: &str) -> Report {
    let bytes = fixture(name);
    let kind = if name.ends_with(".doc") { Kind::Doc } else { Kind::Docx };
    assert_eq!(sniff(&bytes), kind, "{name}");
    validate(&extract(&bytes).unwrap())
}

#[test]
fn filled_template_is_read_cell_for_cell_from_wps_and_libreoffice() {
    for name in ["filled-wps.docx", "filled-libreoffice.docx", "filled-wps.doc", "filled-libreoffice.doc"] {
        let report = check(name);
        assert_eq!((report.year, report.body.as_deref()), (Some(2024), Some("青岚县水务局")), "{name}");
        assert_filled_cells_exact(name, &report);
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
    for name in ["filled-changed.docx", "filled-changed.doc"] {
        a_changed_cell_is_caught_in(name);
    }
}

fn a_changed_cell_is_caught_in(name: &str) {
    let report = check(name);
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(!errors.is_empty(), "{name}");
    for d in &errors {
        let named = serde_json::to_string(&d.cells).unwrap();
        assert!(named.contains(r#"{"table":"applications","row":"granted","col":"natural_person"}"#), "{named}");
    }
    let codes: Vec<&str> = errors.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["R002", "R003"], "{name}");
}

/// The .doc fixtures (the .docx ones saved as Word 97–2003 by LibreOffice) give the text of the
/// .docx they came from, line for line, except that the .doc's tables take their columns from
/// the cells' own boundaries (so a row may have more empty fields): every cell and finding the
/// same.
#[test]
fn doc_reads_as_the_docx_it_was_saved_from() {
    for name in ["filled-wps", "filled-libreoffice", "filled-changed", "word_paste-libreoffice"] {
        let doc = extract(&fixture(&format!("{name}.doc"))).unwrap();
        let docx = extract(&fixture(&format!("{name}.docx"))).unwrap();
        let fields = |t: &str| -> Vec<Vec<String>> {
            t.lines().map(|l| l.split('\t').map(str::to_string).filter(|f| !f.is_empty()).collect()).collect()
        };
        assert_eq!(fields(&doc), fields(&docx), "{name}");
        assert_eq!(reading(&validate(&doc)), reading(&validate(&docx)), "{name}");
    }
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
        ("hostile-png.doc", FileError::Unsupported(nianbao::files::Other::Image("PNG"))),
    ];
    for (name, want) in cases {
        let t0 = Instant::now();
        assert_eq!(extract(&fixture(name)), Err(want), "{name}");
        assert!(!want.message().is_empty());
        // Generous: a debug build on a shared machine; the point is "not minutes".
        assert!(t0.elapsed().as_secs() < 10, "{name} took {:?}", t0.elapsed());
    }
    // Every prefix of a real .docx and .doc, and each with a byte flipped: a result or a message.
    for name in ["filled-libreoffice.docx", "filled-libreoffice.doc"] {
        let whole = fixture(name);
        let t0 = Instant::now();
        for n in (0..whole.len()).step_by(97) {
            let _ = extract(&whole[..n]);
            let mut flipped = whole.clone();
            flipped[n] ^= 0x5A;
            let _ = extract(&flipped);
        }
        assert!(t0.elapsed().as_secs() < 60, "{name} took {:?}", t0.elapsed());
    }
}

/// A .doc cut short, with a cycle in its sector chains, or with its table stream's offsets
/// pointing past the end: a message (damaged), never a panic or a hang.
#[test]
fn hostile_doc_files_are_refused() {
    let whole = fixture("filled-libreoffice.doc");
    assert!(extract(&whole).is_ok());
    // Cut just after the directory (which names the streams), and cut in half.
    let name: Vec<u8> = "WordDocument".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let dir = whole.windows(name.len()).position(|w| w == name).unwrap();
    for cut in [dir + 512, whole.len() / 2] {
        let truncated = &whole[..cut.min(whole.len() - 1)];
        if cut > dir {
            assert_eq!(sniff(truncated), Kind::Doc);
        }
        let got = extract(truncated);
        assert!(matches!(got, Err(FileError::Damaged | FileError::Unsupported(_))), "{cut}: {got:?}");
    }
    // Every FAT entry pointing to itself or its predecessor: every chain a cycle.
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    let first_fat = u32_at(&whole, 0x4C) as usize;
    for back in [0u32, 1] {
        let mut cyclic = whole.clone();
        let fat = (first_fat + 1) * 512;
        for i in 0..128u32 {
            let at = fat + 4 * i as usize;
            cyclic[at..at + 4].copy_from_slice(&i.saturating_sub(back).to_le_bytes());
        }
        let t0 = Instant::now();
        assert_eq!(extract(&cyclic), Err(FileError::Damaged), "back {back}");
        assert!(t0.elapsed().as_secs() < 10);
    }
    // The directory chain starting past the end of the file.
    let mut far = whole.clone();
    far[0x30..0x34].copy_from_slice(&0x00FF_FFFFu32.to_le_bytes());
    assert_eq!(extract(&far), Err(FileError::Damaged));
    // Encrypted: its own message.
    let enc = nianbao::files::FileError::DocEncrypted;
    assert!(enc.message().contains("密码"));
}

/// Headings numbered by Word's automatic numbering (`make_numbered.py`: no "一、" typed, the
/// numbers from `word/numbering.xml`, one list continued by another, one through a style) are
/// written with their numbers, so all six sections are found and every cell read.
/// The same in a .doc (its lists, PlfLst and PlfLfo, and the paragraphs' `sprmPIlfo`/`sprmPIlvl`).
#[test]
fn word_list_numbers_make_the_headings() {
    for name in ["numbered.docx", "numbered.doc"] {
        let text = extract(&fixture(name)).unwrap();
        assert!(text.contains("\n一、总体情况\n（一）主动公开\n"), "{name}: {text}");
        let report = check(name);
        let numbers: Vec<u8> = report.sections.iter().map(|s| s.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6], "{name}");
        assert_eq!(report.sections[5].title, "六、其他需要报告的事项", "{name}");
        assert_filled_cells_exact(name, &report);
        assert!(report.diagnostics.is_empty(), "{name}: {:?}", report.diagnostics);
    }
}
