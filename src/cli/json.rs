//! `check --format json`: the [`Report`] as serde serializes it, plus `"file"` at the top and
//! `line`/`column` (1-based; column in characters) on every span object.

use super::locate::Locator;
use nianbao::Report;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value};

/// One JSON object on one line (no trailing newline).
pub fn report_json(path: &str, text: &str, report: &Report) -> String {
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

fn is_span(v: &Value) -> bool {
    match v {
        Value::Object(m) => {
            m.get("start").is_some_and(Value::is_u64) && m.get("end").is_some_and(Value::is_u64)
        }
        _ => false,
    }
}

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

/// Keys in schema order (see `shared/spec/schema.md`); serde_json's map would sort them
/// alphabetically. Keys not listed come after these, alphabetically.
const KEY_ORDER: &[&str] = &[
    "file", "format", "year", "body", "sections", "tables", "diagnostics",
    "active_disclosure", "applications", "reviews_litigation", "template", "rows",
    "code", "severity", "message", "number", "title", "key", "label",
    "table", "row", "col", "raw", "value", "kind", "span", "spans", "inferred", "cells",
    "start", "end", "line", "column",
];

fn rank(key: &str) -> usize {
    KEY_ORDER.iter().position(|k| *k == key).unwrap_or(KEY_ORDER.len())
}

struct Ordered<'a>(&'a Value);

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
    use nianbao::{Cell, CellKind, CellRef, Diagnostic, Format, Row, SectionInfo, Severity, Span, Table, Tables};

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
                        key: "new_received".into(),
                        label: "一、本年新收政府信息公开申请数量".into(),
                        span: None,
                        cells: vec![Cell {
                            col: "natural_person".into(),
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
                cells: vec![CellRef::new("applications", "new_received", "natural_person")],
            }],
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
    }
}
