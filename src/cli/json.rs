//! `check --format json`: the [`Report`] as serde serializes it, plus `"file"` at the top and
//! `line`/`column` (1-based; column in characters) on every span object.

use super::locate::Locator;
use nianbao::Report;
#[cfg(test)]
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
#[cfg(test)]
use serde_json::{Map, Value};
use std::fmt::Write as _;

/// One JSON object on one line (no trailing newline).
///
/// The report is serialized straight from its structs (their fields are declared in schema
/// order), then `"file"` is put first and `"line"`/`"column"` are added to every span object in one
/// pass over the output. The tests compare this with [`report_json_reference`], which builds the
/// same object through a `serde_json::Value` and orders its keys explicitly; that way took twice
/// as long as the check itself in a batch run.
pub fn report_json(path: &str, text: &str, report: &Report) -> String {
    let file = serde_json::to_string(path).unwrap_or_else(|_| String::from("\"\""));
    let body = match serde_json::to_string(report) {
        Ok(b) if b.starts_with('{') && b.ends_with('}') => b,
        Ok(_) | Err(_) => return format!("{{\"file\":{file},\"error\":\"report could not be serialized\"}}"),
    };
    // `{"start":` cannot occur inside a JSON string (its quotes would be escaped): every match is
    // a span object.
    let spans = || body.match_indices(SPAN_OPEN).filter_map(|(at, _)| span_at(&body[at..]));
    let locator = Locator::new(text, spans().map(|(start, _)| start));

    let mut out = String::with_capacity(file.len() + body.len() * 5 / 4 + 16);
    out.push_str("{\"file\":");
    out.push_str(&file);
    if body.len() > 2 {
        out.push(',');
    }
    let mut rest = &body[1..];
    while let Some(at) = rest.find(SPAN_OPEN) {
        let Some((start, close)) = span_at(&rest[at..]) else {
            out.push_str(&rest[..at + SPAN_OPEN.len()]);
            rest = &rest[at + SPAN_OPEN.len()..];
            continue;
        };
        out.push_str(&rest[..at + close]);
        if let Some(p) = locator.get(start) {
            let _ = write!(out, ",\"line\":{},\"column\":{}", p.line, p.column);
        }
        rest = &rest[at + close..];
    }
    out.push_str(rest);
    out
}

const SPAN_OPEN: &str = "{\"start\":";

/// `{"start":12,"end":15}` at the head of `s`: the start offset, and where its `}` is.
fn span_at(s: &str) -> Option<(usize, usize)> {
    let digits = |t: &str| t.bytes().take_while(u8::is_ascii_digit).count();
    let after_open = &s[SPAN_OPEN.len()..];
    let n = digits(after_open);
    let start = after_open[..n].parse().ok()?;
    let after_end = after_open[n..].strip_prefix(",\"end\":")?;
    let m = digits(after_end);
    (m > 0 && after_end[m..].starts_with('}')).then_some((start, SPAN_OPEN.len() + n + ",\"end\":".len() + m))
}

/// The same object built through a `serde_json::Value` with keys put in schema order explicitly:
/// slower, but independent of the structs' field order; the tests hold [`report_json`] to it.
#[cfg(test)]
pub fn report_json_reference(path: &str, text: &str, report: &Report) -> String {
    let mut value = match serde_json::to_value(report) {
        Ok(Value::Object(map)) => Value::Object(map),
        Ok(_) | Err(_) => {
            let mut map = Map::new();
            map.insert("error".into(), Value::String("report could not be serialized".into()));
            Value::Object(map)
        }
    };

    let mut starts = Vec::new();
    for_each_span(&mut value, &mut |span| {
        if let Some(s) = span.get("start").and_then(Value::as_u64) {
            starts.push(s as usize);
        }
    });
    let locator = Locator::new(text, starts);
    for_each_span(&mut value, &mut |span| {
        let pos = span.get("start").and_then(Value::as_u64).and_then(|s| locator.get(s as usize));
        if let Some(p) = pos {
            span.insert("line".into(), Value::from(p.line));
            span.insert("column".into(), Value::from(p.column));
        }
    });

    if let Value::Object(map) = &mut value {
        map.insert("file".into(), Value::String(path.to_owned()));
    }
    serde_json::to_string(&Ordered(&value)).unwrap_or_else(|_| String::from("{}"))
}

#[cfg(test)]
fn is_span(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.get("start").is_some_and(Value::is_u64) && m.get("end").is_some_and(Value::is_u64),
        _ => false,
    }
}

#[cfg(test)]
/// Calls `f` on every span object: the value of a `"span"` key, and each element of a `"spans"`
/// array, wherever they sit (sections, rows, cells, diagnostics, and any added later).
fn for_each_span(v: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>)) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if k == "span" && is_span(child) {
                    if let Value::Object(m) = child {
                        f(m);
                    }
                } else if k == "spans" && child.is_array() {
                    if let Value::Array(items) = child {
                        for item in items {
                            if is_span(item) {
                                if let Value::Object(m) = item {
                                    f(m);
                                }
                            }
                        }
                    }
                } else {
                    for_each_span(child, f);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                for_each_span(item, f);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
/// Keys in schema order (see `shared/spec/schema.md`); serde_json's map would sort them
/// alphabetically. Keys not listed come after these, alphabetically.
const KEY_ORDER: &[&str] = &[
    "file",
    "format",
    "year",
    "body",
    "sections",
    "tables",
    "diagnostics",
    "coverage",
    "repairs",
    "source",
    "version",
    "active_disclosure",
    "applications",
    "reviews_litigation",
    "template",
    "rows",
    "code",
    "severity",
    "message",
    "number",
    "title",
    "key",
    "label",
    "table",
    "row",
    "col",
    "raw",
    "value",
    "kind",
    "span",
    "spans",
    "inferred",
    "cells",
    "counterpart",
    "start",
    "end",
    "line",
    "column",
    "read",
    "expected",
    "changes",
    "text_changes",
    "weight",
    "from",
    "to",
];

#[cfg(test)]
fn rank(key: &str) -> usize {
    KEY_ORDER.iter().position(|k| *k == key).unwrap_or(KEY_ORDER.len())
}

#[cfg(test)]
struct Ordered<'a>(&'a Value);

#[cfg(test)]
impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Object(map) => {
                // Each key ranked once (ranking inside the comparison was a fifth of a batch run).
                let mut keys: Vec<(usize, &String)> = map.keys().map(|k| (rank(k), k)).collect();
                keys.sort_unstable();
                let mut m = s.serialize_map(Some(keys.len()))?;
                for (_, k) in keys {
                    m.serialize_entry(k, &Ordered(&map[k.as_str()]))?;
                }
                m.end()
            }
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Ordered(item))?;
                }
                seq.end()
            }
            other => other.serialize(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao::{
        Cell, CellKind, CellRef, ColKey, Diagnostic, Format, Row, RowKey, SectionInfo, Severity, Span, Table, TableKey,
        Tables,
    };

    #[test]
    fn spans_get_line_and_column() {
        let text = "标题\n三、收到\n一、本年新收\t3\t0\n";
        let sec = text.find("三").unwrap();
        let cell = text.find('3').unwrap();
        let report = Report {
            format: Format::F2021,
            year: Some(2024),
            body: Some("临江新区".into()),
            sections: vec![SectionInfo { number: 3, title: "三、收到".into(), span: Span::new(sec, sec + 12) }],
            tables: Tables {
                active_disclosure: None,
                applications: Some(Table {
                    template: Format::F2021,
                    rows: vec![Row {
                        key: RowKey::NewReceived,
                        label: "一、本年新收政府信息公开申请数量".into(),
                        span: None,
                        cells: vec![Cell {
                            col: ColKey::NaturalPerson,
                            raw: "3".into(),
                            value: Some(3.0),
                            kind: CellKind::Number,
                            span: Span::new(cell, cell + 1),
                            inferred: false,
                        }],
                    }],
                }),
                reviews_litigation: None,
            },
            diagnostics: vec![Diagnostic {
                code: "R001".into(),
                severity: Severity::Error,
                message: "m".into(),
                spans: vec![Span::new(cell, cell + 1), Span::new(0, 3)],
                cells: vec![CellRef::new(TableKey::Applications, RowKey::NewReceived, ColKey::NaturalPerson)],
                counterpart: None,
            }],
            coverage: Default::default(),
            repairs: vec![],
            source: None,
            version: "0.1.0".into(),
        };
        let out = report_json("a.txt", text, &report);
        assert!(!out.contains('\n'));
        assert!(out.starts_with(r#"{"file":"a.txt","format":"2021","year":2024,"body":"临江新区""#), "{out}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["sections"][0]["span"]["line"], 2);
        assert_eq!(v["sections"][0]["span"]["column"], 1);
        let c = &v["tables"]["applications"]["rows"][0]["cells"][0];
        assert_eq!((c["span"]["line"].as_u64(), c["span"]["column"].as_u64()), (Some(3), Some(8)));
        assert_eq!(c["value"], 3);
        assert!(v["tables"]["applications"]["rows"][0]["span"].is_null());
        assert_eq!(v["diagnostics"][0]["spans"][0]["line"], 3);
        assert_eq!(v["diagnostics"][0]["spans"][1]["line"], 1);
        assert_eq!(v["diagnostics"][0]["spans"][1]["column"], 1);
        assert_eq!(v["diagnostics"][0]["cells"][0]["col"], "natural_person");
        assert!(v["tables"]["reviews_litigation"].is_null());
        assert_eq!(out, report_json_reference("a.txt", text, &report));
    }

    /// Every report we have, and texts that put span-like JSON inside strings: the fast output is
    /// byte for byte the reference one.
    #[test]
    fn same_output_as_the_value_based_reference() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<(String, String)> = Vec::new();
        for dir in
            ["tests/fixtures/layouts", "tests/fixtures/rules", "www", "../shared/corpus/seeds", "../shared/corpus/real"]
        {
            let Ok(listing) = std::fs::read_dir(root.join(dir)) else {
                eprintln!("SKIPPED: {dir} is absent; comparing on the other reports only");
                continue;
            };
            for entry in listing.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                    if let Ok(t) = std::fs::read_to_string(&path) {
                        texts.push((path.display().to_string(), t));
                    }
                }
            }
        }
        assert!(texts.len() >= 15, "the in-repository fixtures are there: {}", texts.len());
        let tricky =
            "{\"start\":1,\"end\":2}区\"引号\\2024年政府信息公开工作年度报告\n一、总体情况\n{\"start\":3,\"end\":4}\n";
        texts.push(("odd \"name\" {\"start\":0,\"end\":1}.txt".into(), tricky.into()));
        texts.push(("empty.txt".into(), String::new()));
        for (name, text) in &texts {
            let report = nianbao::validate(text);
            assert_eq!(report_json(name, text, &report), report_json_reference(name, text, &report), "{name}");
        }
    }
}
