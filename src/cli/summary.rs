//! `check --summary FILE.csv`: one row per file for an auditor's spreadsheet.
//!
//! UTF-8 with a byte-order mark (so Excel and WPS read the Chinese correctly), CRLF line ends and
//! RFC 4180 quoting. A text cell that would start with `=`, `+`, `-` or `@` gets a leading `'`,
//! so a spreadsheet never runs a formula taken from a report (the `'` is the usual marker for
//! "text" and Excel does not display it).

use nianbao::{Format, Report, Severity};
use std::io::{self, Write};

pub const HEADER: &[&str] = &["file", "format", "year", "body", "errors", "warnings", "infos", "codes", "problem"];

/// One row: a checked file, or one that could not be checked (`problem` says why).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub file: String,
    pub format: String,
    pub year: String,
    pub body: String,
    /// Counts by severity; `None` (an empty cell, not 0) when the file was not checked.
    pub errors: Option<usize>,
    pub warnings: Option<usize>,
    pub infos: Option<usize>,
    /// The distinct rule codes found, sorted, space-separated.
    pub codes: String,
    pub problem: String,
}

impl Row {
    pub fn checked(file: &str, report: &Report) -> Row {
        let mut codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        Row {
            file: file.to_owned(),
            format: match report.format {
                Format::F2021 => "2021",
                Format::F2019 => "2019",
                Format::Unknown => "unknown",
            }
            .to_owned(),
            year: report.year.map(|y| y.to_string()).unwrap_or_default(),
            body: report.body.clone().unwrap_or_default(),
            errors: Some(report.count(Severity::Error)),
            warnings: Some(report.count(Severity::Warning)),
            infos: Some(report.count(Severity::Info)),
            codes: codes.join(" "),
            problem: String::new(),
        }
    }

    pub fn problem(file: &str, problem: &str) -> Row {
        Row { file: file.to_owned(), problem: problem.to_owned(), ..Row::default() }
    }
}

/// A CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled), and defused when
/// a spreadsheet would read it as a formula.
pub fn field(s: &str) -> String {
    let defused;
    let s = if s.starts_with(['=', '+', '-', '@']) {
        defused = format!("'{s}");
        defused.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn count(n: Option<usize>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

pub struct Summary<W: Write> {
    out: W,
}

impl<W: Write> Summary<W> {
    /// Writes the byte-order mark and the header.
    pub fn new(mut out: W) -> io::Result<Self> {
        out.write_all(b"\xEF\xBB\xBF")?;
        out.write_all(HEADER.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
        Ok(Summary { out })
    }

    pub fn row(&mut self, r: &Row) -> io::Result<()> {
        let cells = [
            field(&r.file),
            field(&r.format),
            field(&r.year),
            field(&r.body),
            count(r.errors),
            count(r.warnings),
            count(r.infos),
            field(&r.codes),
            field(&r.problem),
        ];
        self.out.write_all(cells.join(",").as_bytes())?;
        self.out.write_all(b"\r\n")
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("临江新区"), "临江新区");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(""), "");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-1"), "'-1");
    }

    #[test]
    fn bom_header_and_crlf_rows() {
        let mut s = Summary::new(Vec::new()).unwrap();
        s.row(&Row {
            file: "a.txt".into(),
            format: "2021".into(),
            year: "2024".into(),
            body: "甲,乙".into(),
            errors: Some(1),
            warnings: Some(0),
            infos: Some(2),
            codes: "R001 R002".into(),
            ..Row::default()
        })
        .unwrap();
        s.row(&Row::problem("b.txt", "cannot read")).unwrap();
        let bytes = s.finish().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}file,format,year,body,errors,warnings,infos,codes,problem\r\n\
             a.txt,2021,2024,\"甲,乙\",1,0,2,R001 R002,\r\n\
             b.txt,,,,,,,,cannot read\r\n"
        );
    }
}
