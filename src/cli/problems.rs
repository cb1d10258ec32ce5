//! `check --problems FILE.xlsx` (or `.csv`): the 问题清单 a 政务公开 office sends back to the units
//! of a review round — one row per report, and one row per finding with where it is and how to
//! fix it.
//!
//! The workbook has two sheets, 报告 and 问题; the CSV is the 问题 sheet alone (UTF-8 with a BOM,
//! CRLF, RFC 4180 quoting, formula-like cells defused, as `--summary`). Strings go into the
//! workbook as strings, never as formulas.

use super::summary::field;
use nianbao::round::Entry;
use nianbao::template::{self, TableKey};
use nianbao::{Diagnostic, Format, Report, Severity};
use std::io::{self, Write};
use std::path::Path;

pub const REPORT_HEADER: [&str; 8] = ["文件", "单位", "年度", "格式", "错误", "警告", "提示", "无法检查的原因"];
pub const FINDING_HEADER: [&str; 11] =
    ["文件", "单位", "年度", "代码", "级别", "问题", "部分", "行号", "单元格", "建议值", "如何修改"];

#[derive(Debug, Clone, Default, PartialEq)]
struct ReportRow {
    file: String,
    body: String,
    year: String,
    format: String,
    counts: Option<[usize; 3]>,
    problem: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct FindingRow {
    file: String,
    body: String,
    year: String,
    code: String,
    severity: &'static str,
    message: String,
    section: String,
    line: Option<usize>,
    cell: String,
    /// What the likeliest correction (R007) sets the finding's cells to.
    suggested: String,
    fix: String,
}

/// The problem list of a run, filled as the files are checked.
#[derive(Debug, Default)]
pub struct Problems {
    reports: Vec<ReportRow>,
    findings: Vec<FindingRow>,
}

/// The "how to fix" paragraph of a rule's documentation.
fn how_to_fix(code: &str) -> String {
    let Some(rule) = nianbao::rules::find(code) else { return String::new() };
    let Some(at) = rule.doc.find("**如何修改**：") else { return String::new() };
    let rest = &rule.doc[at + "**如何修改**：".len()..];
    let end = rest.find("\n\n").unwrap_or(rest.len());
    rest[..end].split_whitespace().collect::<Vec<_>>().join("")
}

/// "第三部分" for a position: the last section heading at or before it.
fn section_of(report: &Report, pos: usize) -> String {
    report.sections.iter().rfind(|s| s.span.start <= pos).map_or(String::new(), |s| section_word(s.number))
}

/// "第三部分" for a section number.
fn section_word(number: u8) -> String {
    format!("第{}部分", nianbao::text::numeral(number))
}

/// "“（七）总计”行 · “总计”列" for a finding's first cell.
fn cell_of(report: &Report, d: &Diagnostic) -> String {
    cell_in(|t| report.tables.table(t).map_or(Format::F2021, |t| t.template), d)
}

/// The same, with `template_of` naming the template of each table.
fn cell_in(template_of: impl Fn(TableKey) -> Format, d: &Diagnostic) -> String {
    let Some(c) = d.cells.first() else { return String::new() };
    let format = template_of(c.table);
    let row = template::row_label(format, c.table, c.row).unwrap_or("");
    let col = template::column_def(format, c.table, c.row, c.col).map_or("", |d| d.label);
    let more = if d.cells.len() > 1 { format!(" 等 {} 格", d.cells.len()) } else { String::new() };
    match c.table {
        TableKey::ReviewsLitigation => {
            let block = template::REVIEW_COLUMNS.iter().find(|k| k.key == c.col).and_then(|k| k.groups.last());
            format!("“{}·{col}”{more}", block.map_or(String::new(), |g| g.full_name()))
        }
        _ => format!("“{row}”行 · “{col}”列{more}"),
    }
}

/// The values the likeliest correction gives the finding's cells: "1" or "1、0".
fn suggested(report: &Report, d: &Diagnostic) -> String {
    let Some(best) = report.repairs.first() else { return String::new() };
    d.cells
        .iter()
        .filter_map(|c| best.changes.iter().find(|ch| ch.table == c.table && ch.row == c.row && ch.col == c.col))
        .map(|ch| fmt_value(ch.to))
        .collect::<Vec<_>>()
        .join("、")
}

fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

fn line_of(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

impl Problems {
    /// A checked file and its findings.
    pub fn add_report(&mut self, file: &str, text: &str, report: &Report) {
        let body = report.body.clone().unwrap_or_default();
        let year = report.year.map(|y| y.to_string()).unwrap_or_default();
        self.reports.push(ReportRow {
            file: file.into(),
            body: body.clone(),
            year: year.clone(),
            format: super::render::format_word(report.format).into(),
            counts: Some([Severity::Error, Severity::Warning, Severity::Info].map(|s| report.count(s))),
            problem: String::new(),
        });
        for d in &report.diagnostics {
            let at = d.spans.first().map(|s| s.start);
            self.findings.push(FindingRow {
                file: file.into(),
                body: body.clone(),
                year: year.clone(),
                code: d.code.clone(),
                severity: d.severity.word(),
                message: d.message.clone(),
                section: at.map_or(String::new(), |p| section_of(report, p)),
                line: at.map(|p| line_of(text, p)),
                cell: cell_of(report, d),
                suggested: suggested(report, d),
                fix: how_to_fix(&d.code),
            });
        }
    }

    /// Another file's rows, after these.
    pub fn extend(&mut self, other: Problems) {
        self.reports.extend(other.reports);
        self.findings.extend(other.findings);
    }

    /// A file that could not be checked.
    pub fn add_problem(&mut self, file: &str, problem: &str) {
        self.reports.push(ReportRow { file: file.into(), problem: problem.into(), ..ReportRow::default() });
    }

    /// Findings across reports (the X rules) for the report `entry` stands for, after its own.
    pub fn add_round(&mut self, entry: &Entry, findings: &[Diagnostic]) {
        let file = entry.file.as_str();
        let Some(r) = self.reports.iter_mut().find(|r| r.file == file) else { return };
        let (body, year) = (r.body.clone(), r.year.clone());
        for d in findings {
            if let Some(c) = r.counts.as_mut() {
                // [errors, warnings, infos]
                c[2 - d.severity as usize] += 1;
            }
            let other = d.counterpart.as_ref().map_or(String::new(), |c| format!("（对照：{}）", c.file));
            let place = d.spans.first().and_then(|s| entry.place(s.start));
            self.findings.push(FindingRow {
                file: file.into(),
                body: body.clone(),
                year: year.clone(),
                code: d.code.clone(),
                severity: d.severity.word(),
                message: format!("{}{other}", d.message),
                section: place.and_then(|p| p.section).map_or(String::new(), section_word),
                line: place.map(|p| p.line),
                cell: cell_in(|t| entry.template_of(t), d),
                fix: how_to_fix(&d.code),
                ..FindingRow::default()
            });
        }
    }

    /// Writes the list: a workbook for `.xlsx`, the findings as CSV otherwise.
    pub fn write(&self, path: &Path) -> io::Result<()> {
        let xlsx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if xlsx {
            self.workbook().and_then(|mut w| w.save(path)).map_err(|e| io::Error::other(e.to_string()))
        } else {
            let mut out = io::BufWriter::new(std::fs::File::create(path)?);
            self.csv(&mut out)?;
            out.flush()
        }
    }

    fn finding_cells(f: &FindingRow) -> [String; 11] {
        [
            f.file.clone(),
            f.body.clone(),
            f.year.clone(),
            f.code.clone(),
            f.severity.into(),
            f.message.clone(),
            f.section.clone(),
            f.line.map(|l| l.to_string()).unwrap_or_default(),
            f.cell.clone(),
            f.suggested.clone(),
            f.fix.clone(),
        ]
    }

    pub fn csv(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(b"\xEF\xBB\xBF")?;
        out.write_all(FINDING_HEADER.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
        for f in &self.findings {
            let cells: Vec<String> = Self::finding_cells(f).iter().map(|c| field(c)).collect();
            out.write_all(cells.join(",").as_bytes())?;
            out.write_all(b"\r\n")?;
        }
        Ok(())
    }

    fn workbook(&self) -> Result<rust_xlsxwriter::Workbook, rust_xlsxwriter::XlsxError> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let widths = [30.0, 24.0, 6.0, 8.0, 6.0, 6.0, 6.0, 30.0];
        let sheet = new_sheet(&mut wb, "报告", &REPORT_HEADER, &widths, self.reports.len())?;
        for (i, r) in self.reports.iter().enumerate() {
            let row = i as u32 + 1;
            for (c, v) in [&r.file, &r.body, &r.year, &r.format].into_iter().enumerate() {
                sheet.write_string(row, c as u16, v.as_str())?;
            }
            if let Some(counts) = r.counts {
                for (c, n) in counts.iter().enumerate() {
                    sheet.write_number(row, 4 + c as u16, *n as f64)?;
                }
            }
            sheet.write_string(row, 7, r.problem.as_str())?;
        }
        let widths = [30.0, 20.0, 6.0, 6.0, 6.0, 60.0, 8.0, 6.0, 24.0, 8.0, 50.0];
        let sheet = new_sheet(&mut wb, "问题", &FINDING_HEADER, &widths, self.findings.len())?;
        for (i, f) in self.findings.iter().enumerate() {
            let row = i as u32 + 1;
            for (c, v) in Self::finding_cells(f).iter().enumerate() {
                match (c, f.line) {
                    // The line is a number, so a spreadsheet sorts it as one.
                    (7, Some(l)) => sheet.write_number(row, 7, l as f64)?,
                    (7, None) => continue,
                    _ => sheet.write_string(row, c as u16, v.as_str())?,
                };
            }
        }
        Ok(wb)
    }
}

/// A sheet with a bold header row that stays in view, a filter over `rows` rows, column widths.
fn new_sheet<'a>(
    wb: &'a mut rust_xlsxwriter::Workbook,
    name: &str,
    header: &[&str],
    widths: &[f64],
    rows: usize,
) -> Result<&'a mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError> {
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = wb.add_worksheet();
    sheet.set_name(name)?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows as u32, header.len() as u16 - 1)?;
    for (c, &w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, w)?;
    }
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_come_from_the_rule_docs() {
        assert!(how_to_fix("R001").starts_with("逐件核对"), "{}", how_to_fix("R001"));
        assert_eq!(how_to_fix("Z999"), "");
    }

    #[test]
    fn findings_rows_say_where() {
        let text = "某局2024年政府信息公开工作年度报告\n一、总体情况\n全年新收政府信息公开申请1件。\n";
        let report = nianbao::validate(text);
        let mut p = Problems::default();
        p.add_report("a.txt", text, &report);
        p.add_problem("b.doc", "无法读取");
        assert_eq!(p.reports.len(), 2);
        assert_eq!(p.findings.len(), report.diagnostics.len());
        let mut csv = Vec::new();
        p.csv(&mut csv).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.starts_with("\u{feff}文件,单位,年度,代码"));
        assert_eq!(csv.matches("\r\n").count(), 1 + report.diagnostics.len());
    }
}
