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

/// `value` as JSON.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    write(value, false)
}

/// `value` as JSON, with a report's cells packed as numbers (`Row`'s `serialize_cells`): the
/// serializer says it is not human-readable, serde's sign for "the compact form".
pub fn to_json_packed<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    write(value, true)
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
        if !v.is_finite() {
            self.out.push_str("null");
            return;
        }
        // The fewest decimals that give `v` back: what a person wrote (12.5, 0.35). Each try is
        // written in place and taken back when it does not (a whole number, nearly every value
        // of a report, is kept at the first).
        let start = self.out.len();
        for decimals in 0..=9 {
            crate::text::push_decimal(&mut self.out, v, decimals);
            let written = &self.out[start..];
            if decimals == 9
                || crate::text::parse_decimal(written.trim_start_matches('-')).map(|x| x == v.abs()) == Some(true)
            {
                return;
            }
            self.out.truncate(start);
        }
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

    /// Packed, a report is the same JSON except that each row's cells are five numbers each,
    /// which give back every field of the cell but `raw` (the text at the span).
    #[test]
    fn packs_cells_and_nothing_else() {
        use crate::template::ColKey;
        let text = include_str!("../tests/fixtures/rules/base_2021.txt");
        let report = crate::validate(text);
        let mut full: serde_json::Value = serde_json::from_str(&to_json(&report).unwrap()).unwrap();
        let mut packed: serde_json::Value = serde_json::from_str(&to_json_packed(&report).unwrap()).unwrap();
        let kinds = ["number", "blank", "na", "text"];
        let mut cells = 0;
        for table in ["active_disclosure", "applications", "reviews_litigation"] {
            let rows = |v: &mut serde_json::Value| v["tables"][table]["rows"].as_array_mut().unwrap().clone();
            for (f, p) in rows(&mut full).iter().zip(rows(&mut packed)) {
                let (f, p) = (f["cells"].as_array().unwrap(), p["cells"].as_array().unwrap());
                assert_eq!(f.len() * 5, p.len());
                for (f, p) in f.iter().zip(p.chunks(5)) {
                    let n = |i: usize| p[i].as_u64().unwrap() as usize;
                    assert_eq!(f["col"], ColKey::ALL[n(0)].as_str());
                    assert_eq!(f["kind"], kinds[n(1) & 3]);
                    assert_eq!(f.get("inferred").is_some(), n(1) & 4 != 0);
                    assert_eq!(f["value"], p[2]);
                    assert_eq!((&f["span"]["start"], &f["span"]["end"]), (&p[3], &p[4]));
                    assert_eq!(f["raw"], text[n(3)..n(4)]);
                    cells += 1;
                }
            }
            for v in [&mut full, &mut packed] {
                v["tables"][table]["rows"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .for_each(|r| r["cells"] = serde_json::Value::Array(Vec::new()));
            }
        }
        assert!(cells >= 200, "{cells} cells");
        assert_eq!(full, packed, "only the cells differ");
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
