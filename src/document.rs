//! The pipeline end to end: normalize → sections → tables → rules → report.

use crate::meta::{format::format_of_active, title::find_title};
use crate::narrative;
use crate::normalize::{normalize, Compact, Normalized};
use crate::report::{Coverage, Format, Report, SectionInfo, Span, TableCoverage, TableKey, Tables, VERSION};
use crate::rules::{self, Context};
use crate::sections::{find_sections, second_report, Section};
use crate::tables::identities;
use crate::tables::{self, ReadTable};
use crate::template::Template;

pub fn validate(input: &str) -> Report {
    if let Some(finding) = rules::too_large(input) {
        return Report {
            format: Format::Unknown,
            year: None,
            body: None,
            sections: Vec::new(),
            tables: Tables::default(),
            diagnostics: vec![finding],
            coverage: coverage(&Tables::default(), Format::Unknown),
            repairs: Vec::new(),
            source: None,
            version: VERSION.to_string(),
        };
    }
    let norm = normalize(input);
    let sections = find_sections(&norm.text);
    // Two reports in one paste: the first is checked, and P005 says where the next starts.
    if let Some(cut) = second_report(&norm.text, &sections) {
        let at = norm.span(cut, cut).start;
        if at > 0 && at < input.len() && input.is_char_boundary(at) {
            let line = input[at..].lines().next().unwrap_or("");
            let first_part = &input[..at];
            let (norm, sections) = (normalize(first_part), None);
            return check(first_part, input, norm, sections, Some(Span::new(at, at + line.trim_end().len())));
        }
    }
    check(input, input, norm, Some(sections), None)
}

/// Checks one report: `sections` when already found; `second_report`, where another report
/// starts after this text (in the caller's text).
fn check(
    input: &str,
    full_input: &str,
    norm: Normalized,
    sections: Option<Vec<Section>>,
    second_report: Option<Span>,
) -> Report {
    let text = norm.text.as_str();
    let sections = sections.unwrap_or_else(|| find_sections(text));
    let first = |n: u8| sections.iter().find(|s| s.number == n);
    let title = find_title(text, sections.first().map(|s| s.start));

    // Section 二's text, compacted once for telling the template and for reading the table (label
    // spelling variants folded: "本年制发的件数").
    let section_two = first(2).map(|s| {
        let end = tables::region_end(text, s.heading_end, s.end);
        (s.heading_end, end, Compact::labels(text, s.heading_end, end))
    });
    // Which template: section 二's own phrases decide; failing that, section 三's （六） rows.
    let active_format = section_two.as_ref().and_then(|(_, _, c)| format_of_active(c));
    let applications = first(3)
        .map(|s| tables::read_applications(text, s.heading_end, s.end, active_format.unwrap_or(Format::Unknown)));
    let format = match (active_format, &applications) {
        (Some(f), _) => f,
        (None, Some(a)) if a.any_label_found() => a.template,
        _ => Format::Unknown,
    };
    let active = section_two.as_ref().map(|(start, end, c)| tables::read_active(text, c, *start, *end, format));
    let reviews = first(4).map(|s| tables::read_reviews(text, s.heading_end, s.end));

    let found = |t: &Option<ReadTable>| t.as_ref().filter(|t| t.any_label_found()).map(|t| t.to_table(&norm, input));
    let tables = Tables {
        active_disclosure: found(&active),
        applications: found(&applications),
        reviews_litigation: found(&reviews),
    };
    let checks = identities::evaluate_all(&tables);
    let mut table_ranges: Vec<(usize, usize)> = Vec::new();
    for table in [&active, &applications, &reviews].into_iter().flatten() {
        table_ranges.extend(table.extent());
    }
    let narrative = narrative::read(text, &table_ranges, title.year);

    let ctx = Context {
        input,
        full_input,
        norm: &norm,
        sections: &sections,
        title: &title,
        format,
        active: active.as_ref(),
        applications: applications.as_ref(),
        reviews: reviews.as_ref(),
        tables: &tables,
        checks: &checks,
        narrative: &narrative,
        repair: &None,
        second_report,
    };
    // The repair reads the identities and the stated figures, and every rule may read it.
    let localised = rules::localise(&ctx);
    let ctx = Context { repair: &localised, ..ctx };
    let mut diagnostics = Vec::new();
    if rules::not_a_report(&ctx) {
        // Nothing else is judged on a text that is no annual report.
        (rules::P004.check)(&ctx, &mut diagnostics);
    } else {
        for check in rules::CHECKS {
            check(&ctx, &mut diagnostics);
        }
    }
    crate::sort::sort_by_key(&mut diagnostics, |d| {
        (d.spans.first().map_or(usize::MAX, |s| s.start), std::cmp::Reverse(d.severity))
    });

    Report {
        format,
        year: title.year,
        body: title.body.clone(),
        sections: sections
            .iter()
            .map(|s| SectionInfo { number: s.number, title: s.title.clone(), span: norm.span(s.start, s.heading_end) })
            .collect(),
        coverage: coverage(&tables, format),
        tables,
        diagnostics,
        repairs: localised.and_then(Result::ok).unwrap_or_default(),
        source: None,
        version: VERSION.to_string(),
    }
}

/// Cells read per table, against the cells of the form each table follows (the report's form
/// when the table is missing).
fn coverage(tables: &Tables, format: Format) -> Coverage {
    let of = |key: TableKey| {
        let table = tables.table(key);
        let template = Template::of(table.map_or(format, |t| t.template));
        let expected = template.cell_count(key);
        let rows = template.rows(key);
        // Only the template's cells count (a row read twice or a stray column adds nothing).
        let read = table.map_or(0, |t| {
            t.rows.iter().filter(|r| rows.contains(&r.key)).map(|r| r.cells.len()).sum::<usize>().min(expected)
        });
        TableCoverage { read, expected }
    };
    Coverage {
        active_disclosure: of(TableKey::ActiveDisclosure),
        applications: of(TableKey::Applications),
        reviews_litigation: of(TableKey::ReviewsLitigation),
    }
}
