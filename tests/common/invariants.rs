//! Invariants every result must keep, whatever the input: shared by the tests
//! (`tests/robustness.rs`) and the fuzz targets (`fuzz/fuzz_targets/*.rs` include this file by
//! path), so fuzzing asserts exactly what the tests assert. Depends on the public API only.
#![allow(dead_code)]

use nianbao::{Report, Span, Table};

/// Every problem with the spans of `report` for `text`, one line each (empty when it is sound):
/// - every span (sections, row labels, cells, findings) has `start <= end`, lies inside the text
///   and starts and ends on character boundaries;
/// - a table exists only with its section (二, 三, 四), and each of its row labels and cells lies
///   inside the text that section covers: from the end of the first heading with that number to
///   the start of the next heading (or the end of the text), which is where tables are read;
/// - a cell's `raw` is the text at its span, and a row's label the template's for its key (what
///   the page's worker relies on to unpack `validate_packed`).
pub fn invariant_problems(text: &str, report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    let mut valid = |what: &dyn Fn() -> String, s: Span| {
        if s.start > s.end || text.get(s.start..s.end).is_none() {
            out.push(format!(
                "{}: span {}..{} is not a range of the {}-byte text on char boundaries",
                what(),
                s.start,
                s.end,
                text.len()
            ));
        }
    };
    for s in &report.sections {
        valid(&|| format!("section {}", s.number), s.span);
    }
    for (name, _, table) in tables(report) {
        for row in &table.rows {
            if let Some(sp) = row.span {
                valid(&|| format!("{name}.{} label", row.key), sp);
            }
            for c in &row.cells {
                valid(&|| format!("{name}.{}.{}", row.key, c.col), c.span);
            }
        }
    }
    for d in &report.diagnostics {
        for s in &d.spans {
            valid(&|| format!("finding {}", d.code), *s);
        }
    }

    // What the page shows as a cell's text is the text at its span (the worker slices it there),
    // and a row's label is the template's (the worker looks it up there).
    for (name, _, table) in tables(report) {
        let key: nianbao::template::TableKey = name.parse().expect("a table key");
        for row in &table.rows {
            if nianbao::template::row_label(table.template, key, row.key) != Some(&*row.label) {
                out.push(format!("{name}.{}: label {:?} is not the template's", row.key, row.label));
            }
            for c in &row.cells {
                if let Some(at) = text.get(c.span.start..c.span.end).filter(|&at| at != c.raw) {
                    out.push(format!(
                        "{name}.{}.{}: raw {:?} is not the text at its span, {at:?}",
                        row.key, c.col, c.raw
                    ));
                }
            }
        }
    }

    for (name, number, table) in tables(report) {
        let Some(k) = report.sections.iter().position(|s| s.number == number) else {
            out.push(format!("{name}: a table without section {number}"));
            continue;
        };
        let region = Span::new(
            report.sections[k].span.end,
            report.sections.get(k + 1).map_or(text.len(), |next| next.span.start),
        );
        let inside = |s: Span| region.start <= s.start && s.end <= region.end;
        for row in &table.rows {
            if let Some(sp) = row.span.filter(|&sp| !inside(sp)) {
                out.push(format!("{name}.{} label {sp:?} is outside the table's region {region:?}", row.key));
            }
            for c in row.cells.iter().filter(|c| !inside(c.span)) {
                out.push(format!("{name}.{}.{} {:?} is outside the table's region {region:?}", row.key, c.col, c.span));
            }
        }
    }
    out
}

/// Panics with every problem listed; the fuzz targets call this.
pub fn assert_invariants(text: &str, report: &Report) {
    let problems = invariant_problems(text, report);
    assert!(
        problems.is_empty(),
        "{} invariant(s) broken for a {}-byte input:\n{}",
        problems.len(),
        text.len(),
        problems.join("\n")
    );
}

/// The tables present, with their key and the number of the section they are read from.
fn tables(report: &Report) -> impl Iterator<Item = (&'static str, u8, &Table)> {
    let t = &report.tables;
    [
        ("active_disclosure", 2, t.active_disclosure.as_ref()),
        ("applications", 3, t.applications.as_ref()),
        ("reviews_litigation", 4, t.reviews_litigation.as_ref()),
    ]
    .into_iter()
    .filter_map(|(name, number, table)| Some((name, number, table?)))
}
