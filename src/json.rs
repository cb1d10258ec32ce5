//! A small JSON writer for the wasm boundary: any `Serialize` value as one JSON string, which
//! JavaScript turns into objects with one `JSON.parse`. One call across the boundary instead of
//! one per field and string (serde-wasm-bindgen), and no float printer in the wasm: numbers are
//! counts and amounts with a few decimals (`text::fmt_decimal`).
//!
//! It writes what `serde_json` writes for the same value, except that whole floats print as
//! integers (`3`, not `3.0`) — the same number once parsed —, a float that needs more than nine
//! decimals is rounded to nine (a sum like 1.1+2.2 prints 3.3), and non-finite floats are `null`.

use serde::ser::{self, Serialize};
use std::fmt;

use crate::report::{Format, Report, Tables};
use crate::template::{row_label, ColKey, RowKey, TableKey};

/// `value` as JSON.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    write(value, false)
}

/// `value` as JSON, with each table's rows as their number (`Table`'s `serialize_rows`; the rows
/// go across as [`pack_tables`]'s numbers): the serializer says it is not human-readable, serde's
/// sign for "the compact form".
pub fn to_json_packed<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    write(value, true)
}

/// The numbers a report's tables go across the wasm boundary as, with [`to_json_packed`]'s JSON
/// (no JSON to write and parse for them): for each table the report has, in the order of
/// `TableKey::ALL` (the JSON's, `Tables`' fields), each row as five numbers — the key's place in
/// `RowKey::ALL`, the label's in [`PackKeys`]' labels, the span's start and end (NaN when the row
/// has no span) and the number of cells — then five per cell: the column's place in
/// `ColKey::ALL`, the kind's place in `CellKind` (+4 when inferred), the value as `JSON.parse`
/// reads it from the JSON (NaN for null; [`as_written`]), the span's start and end.
/// `www/packed.js` unpacks them into exactly the rows written unpacked, taking each cell's `raw`
/// from the text at its span; [`packable`] says when that gives the report back.
pub fn pack_tables(tables: &Tables) -> Vec<f64> {
    let mut out = Vec::with_capacity(2048);
    for &key in TableKey::ALL {
        let Some(table) = tables.table(key) else { continue };
        for row in &table.rows {
            let (start, end) = row.span.map_or((f64::NAN, f64::NAN), |s| (s.start as f64, s.end as f64));
            let label = label_place(table.template, key, row.key);
            out.extend([row.key as usize as f64, label as f64, start, end, row.cells.len() as f64]);
            for c in &row.cells {
                let kind = c.kind as u32 + if c.inferred { 4 } else { 0 };
                let value = c.value.map_or(f64::NAN, as_written);
                out.extend([c.col as usize as f64, f64::from(kind), value, c.span.start as f64, c.span.end as f64]);
            }
        }
    }
    out
}

/// Whether [`pack_tables`]'s numbers give back `report`'s tables: every table is of a form
/// [`PackKeys`] has, every row's label is the template's for its key, and every cell's `raw` is
/// the text at its span in `text` (byte offsets). The tests hold it on every fixture, corpus text
/// and generated report (`tests/common/invariants.rs`); the boundary sends a report for which it
/// would not hold unpacked rather than have it unpacked wrong.
pub fn packable(report: &Report, text: &str) -> bool {
    for &key in TableKey::ALL {
        let Some(table) = report.tables.table(key) else { continue };
        if !PACKED_FORMS.contains(&table.template) {
            return false;
        }
        for row in &table.rows {
            if row_label(table.template, key, row.key) != Some(&*row.label) {
                return false;
            }
            for c in &row.cells {
                if text.get(c.span.start..c.span.end) != Some(c.raw.as_str()) {
                    return false;
                }
            }
        }
    }
    true
}

/// The number `JSON.parse` reads from what this writer writes for a cell's value `v`
/// (`report::serialize_value`): `v` itself for a whole number (0 for -0) and for one the fewest
/// decimals give back (nearly every other), else its rounding to nine decimals; NaN for what it
/// writes as null. (`JSON.parse`'s value up to 15 significant digits: `text::parse_decimal`'s.)
pub fn as_written(v: f64) -> f64 {
    if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
        return v as i64 as f64;
    }
    if !v.is_finite() {
        return f64::NAN;
    }
    let mut written = String::new();
    push_float(&mut written, v);
    let digits = written.trim_start_matches('-');
    let m = crate::text::parse_decimal(digits).unwrap_or(f64::NAN);
    if digits.len() < written.len() {
        -m
    } else {
        m
    }
}

/// What `www/packed.js` unpacks [`pack_tables`]'s numbers with, sent once: the column and row
/// keys in the order the numbers give their places, and the row labels of both forms, every table
/// and every row key, in that order (null for a row the table does not have; [`label_place`]).
#[derive(serde::Serialize)]
pub struct PackKeys {
    columns: &'static [ColKey],
    rows: &'static [RowKey],
    labels: Vec<Option<&'static str>>,
}

const PACKED_FORMS: [Format; 2] = [Format::F2021, Format::F2019];

pub fn pack_keys() -> PackKeys {
    let mut labels = vec![None; PACKED_FORMS.len() * TableKey::ALL.len() * RowKey::ALL.len()];
    for form in PACKED_FORMS {
        for &table in TableKey::ALL {
            for &row in RowKey::ALL {
                labels[label_place(form, table, row)] = row_label(form, table, row);
            }
        }
    }
    PackKeys { columns: ColKey::ALL, rows: RowKey::ALL, labels }
}

/// The place of the label of `row` of `table` in `form` (one of [`PACKED_FORMS`]) in
/// [`PackKeys`]' labels.
fn label_place(form: Format, table: TableKey, row: RowKey) -> usize {
    let form = PACKED_FORMS.iter().position(|&f| f == form).unwrap_or(0);
    (form * TableKey::ALL.len() + table as usize) * RowKey::ALL.len() + row as usize
}

fn write<T: Serialize + ?Sized>(value: &T, packed: bool) -> Result<String, Error> {
    let mut w = Writer { out: String::with_capacity(4096), packed };
    value.serialize(&mut w)?;
    Ok(w.out)
}

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

struct Writer {
    out: String,
    packed: bool,
}

impl Writer {
    fn string(&mut self, s: &str) {
        self.out.push('"');
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(&s[start..i]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                self.out.push(HEX[usize::from(b >> 4)] as char);
                self.out.push(HEX[usize::from(b & 15)] as char);
            } else {
                self.out.push_str(escape);
            }
            start = i + 1;
        }
        self.out.push_str(&s[start..]);
        self.out.push('"');
    }

    fn integer(&mut self, v: impl itoa_like::Integer) {
        v.write(&mut self.out);
    }

    fn float(&mut self, v: f64) {
        push_float(&mut self.out, v);
    }
}

/// A float as JSON: `null` when not finite, else the fewest decimals (0–9) that give `v` back: what
/// a person wrote (12.5, 0.35). Each try is written in place and taken back when it does not (a
/// whole number, nearly every value of a report, is kept at the first).
fn push_float(out: &mut String, v: f64) {
    if !v.is_finite() {
        out.push_str("null");
        return;
    }
    let start = out.len();
    for decimals in 0..=9 {
        crate::text::push_decimal(out, v, decimals);
        let written = &out[start..];
        if decimals == 9
            || crate::text::parse_decimal(written.trim_start_matches('-')).map(|x| x == v.abs()) == Some(true)
        {
            return;
        }
        out.truncate(start);
    }
}

/// Integers printed without `core::fmt`'s generic machinery, by the digits the decimals use.
mod itoa_like {
    use crate::text::push_digits;

    pub trait Integer {
        fn write(self, out: &mut String);
    }

    impl Integer for u64 {
        fn write(self, out: &mut String) {
            push_digits(out, self, 1)
        }
    }

    impl Integer for i64 {
        fn write(self, out: &mut String) {
            if self < 0 {
                out.push('-');
            }
            push_digits(out, self.unsigned_abs(), 1)
        }
    }
}

/// A sequence or map being written: whether a comma goes before the next element.
struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.out.push(',');
        }
        self.first = false;
    }

    fn key(&mut self, key: &str) {
        self.comma();
        self.w.string(key);
        self.w.out.push(':');
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn is_human_readable(&self) -> bool {
        !self.packed
    }
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.integer(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.out.push('{');
        self.string(variant);
        self.out.push(':');
        v.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        self.out.push('[');
        Ok(Compound { w: self, first: true })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        self.out.push('{');
        self.string(variant);
        self.out.push_str(":[");
        Ok(Compound { w: self, first: true })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        self.out.push('{');
        Ok(Compound { w: self, first: true })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        self.out.push('{');
        self.string(variant);
        self.out.push_str(":{");
        Ok(Compound { w: self, first: true })
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.comma();
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.push(']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.push_str("]}");
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        // Keys are strings in JSON; a number key is written as its digits, in quotes.
        let mut k = Writer { out: String::new(), packed: self.w.packed };
        key.serialize(&mut k)?;
        if k.out.starts_with('"') {
            self.w.out.push_str(&k.out);
        } else {
            self.w.string(&k.out);
        }
        self.w.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.push('}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Error> {
        self.key(key);
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.push('}');
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> Result<(), Error> {
        self.w.out.push_str("}}");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same JSON as serde_json, once both are parsed (whole floats compare equal as numbers).
    fn same_as_serde_json<T: Serialize>(v: &T) {
        let ours: serde_json::Value = serde_json::from_str(&to_json(v).unwrap()).unwrap();
        let theirs = serde_json::to_value(v).unwrap();
        assert!(equal(&ours, &theirs), "{ours} != {theirs}");
    }

    fn equal(a: &serde_json::Value, b: &serde_json::Value) -> bool {
        use serde_json::Value::*;
        match (a, b) {
            (Number(x), Number(y)) => x.as_f64() == y.as_f64(),
            (Array(x), Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equal(a, b)),
            (Object(x), Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
            }
            _ => a == b,
        }
    }

    #[test]
    fn writes_what_serde_json_writes() {
        same_as_serde_json(&("a\"b\\c\n\t\u{1}\u{1f}中文", 0u8, -5i32, u64::MAX, i64::MIN, true, ()));
        same_as_serde_json(&vec![Some(1.5), None, Some(0.35), Some(12.0), Some(-0.125), Some(1e-7)]);
        same_as_serde_json(&std::collections::BTreeMap::from([(1, "x"), (2, "y")]));
        let report = crate::validate(include_str!("../tests/fixtures/rules/base_2021.txt"));
        same_as_serde_json(&report);
        same_as_serde_json(&crate::template::describe());
    }

    /// The JSON packed and the tables' numbers, unpacked as `www/packed.js` does, give the JSON
    /// written unpacked, on every layout and rule fixture, and with a row without a span.
    #[test]
    fn packed_tables_unpack_into_the_report() {
        let (mut reports, mut cells) = (0, 0);
        for dir in ["tests/fixtures/layouts", "tests/fixtures/rules"] {
            for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + dir).unwrap() {
                let path = entry.unwrap().path();
                let Ok(text) = std::fs::read_to_string(&path) else { continue };
                let report = crate::validate(&text);
                assert!(packable(&report, &text), "{path:?}");
                cells += unpacks_into_itself(&report, &text);
                reports += 1;
            }
        }
        assert!(reports >= 20 && cells >= 2500, "{reports} reports, {cells} cells");
        let text = include_str!("../tests/fixtures/rules/base_2021.txt");
        let mut report = crate::validate(text);
        report.tables.applications.as_mut().unwrap().rows[1].span = None;
        unpacks_into_itself(&report, text);
    }

    /// Unpacks `report`'s packed JSON and numbers as `www/packed.js` does, checks it is the JSON
    /// written unpacked, and returns the number of cells.
    fn unpacks_into_itself(report: &Report, text: &str) -> usize {
        use serde_json::{json, Value};
        let keys: Value = serde_json::from_str(&to_json(&pack_keys()).unwrap()).unwrap();
        let kinds = ["number", "blank", "na", "text"];
        let full: Value = serde_json::from_str(&to_json(report).unwrap()).unwrap();
        let json = to_json_packed(report).unwrap();
        let mut packed: Value = serde_json::from_str(&json).unwrap();
        let numbers = pack_tables(&report.tables);
        let (n, mut at, mut cells) = (|x: f64| x as usize, 0, 0);
        // The JSON's tables in the order of `TableKey::ALL`, the numbers' (`packed.js` reads them
        // in the JSON's order).
        let places: Vec<usize> = TableKey::ALL.iter().map(|k| json.find(&format!("\"{k}\":")).unwrap()).collect();
        assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");
        for name in TableKey::ALL.iter().map(|k| k.as_str()) {
            let Some(table) = packed["tables"][&name].as_object_mut() else { continue };
            let mut rows = Vec::new();
            for _ in 0..table["rows"].as_u64().unwrap() {
                let key = keys["rows"][n(numbers[at])].clone();
                let label = keys["labels"][n(numbers[at + 1])].clone();
                let span = if numbers[at + 2].is_nan() {
                    Value::Null
                } else {
                    json!({"start": n(numbers[at + 2]), "end": n(numbers[at + 3])})
                };
                let mut row_cells = Vec::new();
                for _ in 0..n(numbers[at + 4]) {
                    at += 5;
                    let c = &numbers[at..at + 5];
                    let mut cell = json!({
                        "col": keys["columns"][n(c[0])], "raw": text[n(c[3])..n(c[4])],
                        "value": if c[2].is_nan() { Value::Null } else { json!(c[2]) },
                        "kind": kinds[n(c[1]) & 3], "span": {"start": n(c[3]), "end": n(c[4])},
                    });
                    if n(c[1]) & 4 != 0 {
                        cell["inferred"] = json!(true);
                    }
                    row_cells.push(cell);
                }
                at += 5;
                cells += row_cells.len();
                rows.push(json!({"key": key, "label": label, "span": span, "cells": row_cells}));
            }
            table.insert("rows".into(), Value::Array(rows));
        }
        assert_eq!(at, numbers.len());
        // JSON's numbers compared as numbers: 3 and 3.0 are one value once parsed.
        assert_eq!(normalized(full), normalized(packed));
        cells
    }

    fn normalized(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::Number(x) => serde_json::json!(x.as_f64().unwrap()),
            Value::Array(a) => Value::Array(a.into_iter().map(normalized).collect()),
            Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, normalized(v))).collect()),
            v => v,
        }
    }

    /// A report whose row label is not the template's, or whose cell's text is not the text at
    /// its span, is not packed.
    #[test]
    fn only_template_labels_and_cells_at_their_spans_pack() {
        let text = include_str!("../tests/fixtures/rules/base_2021.txt");
        let report = crate::validate(text);
        assert!(packable(&report, text));
        let mut relabelled = report.clone();
        relabelled.tables.applications.as_mut().unwrap().rows[0].label = "其他".into();
        assert!(!packable(&relabelled, text));
        let mut moved = report.clone();
        moved.tables.active_disclosure.as_mut().unwrap().rows[0].cells[0].span.start += 1;
        assert!(!packable(&moved, text));
    }

    /// What `JSON.parse` reads back from the writer: the value itself for the figures reports
    /// have, nine decimals of any other, NaN for null.
    #[test]
    fn values_as_written_are_what_json_parse_reads() {
        for (v, read) in
            [(3.0, 3.0), (-0.0, 0.0), (12.5, 12.5), (0.35, 0.35), (1.0 / 3.0, 0.333333333), (f64::NAN, f64::NAN)]
        {
            let written = as_written(v);
            assert!(written == read || written.is_nan() && read.is_nan(), "{v}: {written}");
            assert!(written.is_sign_positive() || written.is_nan(), "{v}");
        }
        let mut seed = 11u64;
        for _ in 0..2_000 {
            let r = crate::text::xorshift(&mut seed);
            // Up to nine decimals, as a report writes figures: given back as they are.
            let text = format!(
                "{}.{:0width$}",
                r % 1_000_000,
                (r >> 20) % 10u64.pow((r >> 60) as u32 % 10),
                width = ((r >> 60) % 10) as usize
            );
            let v: f64 = text.trim_end_matches('.').parse().unwrap();
            assert_eq!(as_written(v), v, "{text}");
        }
    }

    #[test]
    fn whole_numbers_and_integers_are_their_digits() {
        let mut seed = 7u64;
        let mut wholes: Vec<f64> = vec![0.0, -0.0, 1.0, -1.0, 9.0, 10.0, 1e15 - 1.0, -(1e15 - 1.0), 1e15, 2e15, 123.0];
        for _ in 0..5_000 {
            let r = crate::text::xorshift(&mut seed);
            wholes.push((r % 10u64.pow((r >> 60) as u32 % 16)) as f64 * if r & 1 == 0 { 1.0 } else { -1.0 });
        }
        for &v in &wholes {
            // The search over decimals the writer does for any other value, by hand.
            let searched = (0..=9)
                .map(|d| crate::text::fmt_decimal(v, d))
                .find(|s| crate::text::parse_decimal(s.trim_start_matches('-')) == Some(v.abs()))
                .unwrap();
            assert_eq!(to_json(&v).unwrap(), searched, "{v}");
            assert_eq!(searched, format!("{}", v as i64), "{v}");
            let n = v as i64;
            assert_eq!(to_json(&n).unwrap(), n.to_string());
            assert_eq!(to_json(&n.unsigned_abs()).unwrap(), n.unsigned_abs().to_string());
        }
        for n in [i64::MIN, i64::MAX, -1, 0] {
            assert_eq!(to_json(&n).unwrap(), n.to_string());
        }
        assert_eq!(to_json(&u64::MAX).unwrap(), u64::MAX.to_string());
    }

    #[test]
    fn prints_few_decimals_exactly() {
        assert_eq!(to_json(&[3.0, 12.5, 0.1, 1.1 + 2.2, -0.35, f64::NAN]).unwrap(), "[3,12.5,0.1,3.3,-0.35,null]");
    }
}
