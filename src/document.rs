//! The pipeline end to end: normalize → sections → tables → rules → report.

use crate::meta::{format::format_of_active, title::find_title};
use crate::narrative;
use crate::normalize::{normalize, Compact};
use crate::report::{Format, Report, SectionInfo, Tables};
use crate::rules::{self, Context};
use crate::sections::find_sections;
use crate::tables::identities;
use crate::tables::{self, ReadTable};

pub fn validate(input: &str) -> Report {
    if let Some(finding) = rules::too_large(input) {
        return Report {
            format: Format::Unknown,
            year: None,
            body: None,
            sections: Vec::new(),
            tables: Tables::default(),
            diagnostics: vec![finding],
            source: None,
            version: crate::report::VERSION.into(),
        };
    }
    let norm = normalize(input);
    let text = norm.text.as_str();
    let sections = find_sections(text);
    let first = |n: u8| sections.iter().find(|s| s.number == n);
    let title = find_title(text, sections.first().map(|s| s.start));

    // Section 二's text, compacted once for telling the template and for reading the table.
    let section_two = first(2).map(|s| {
        let end = tables::region_end(text, s.heading_end, s.end);
        (s.heading_end, end, Compact::new(text, s.heading_end, end))
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
    let table_ranges: Vec<(usize, usize)> =
        [&active, &applications, &reviews].into_iter().flatten().filter_map(ReadTable::extent).collect();
    let narrative = narrative::read(text, &table_ranges, title.year);

    let ctx = Context {
        input,
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
    };
    let mut diagnostics = Vec::new();
    for rule in rules::REGISTRY {
        (rule.check)(&ctx, &mut diagnostics);
    }
    diagnostics.sort_by_key(|d| (d.spans.first().map_or(usize::MAX, |s| s.start), std::cmp::Reverse(d.severity)));

    Report {
        format,
        year: title.year,
        body: title.body.clone(),
        sections: sections
            .iter()
            .map(|s| SectionInfo { number: s.number, title: s.title.clone(), span: norm.span(s.start, s.heading_end) })
            .collect(),
        tables,
        diagnostics,
        source: None,
        version: crate::report::VERSION.into(),
    }
}
