//! `.doc` input. A leading byte below 32 feeds the rest as a whole file (the Compound File
//! reader: header, DIFAT, FAT, directory tree, mini stream). Otherwise the bytes are the
//! streams — `[word_len: u16 LE][table_len: u16 LE] WordDocument 0Table/1Table Data` — put in a
//! well-formed Compound File here, so most runs reach the Word reader itself (FIB, piece table,
//! PAPX pages, sprms, huge PAPX, fields, cells, rows, grids). Seeds: `scripts/fuzz.sh doc` splits
//! the .doc fixtures into both forms. Whatever comes out is checked, and must keep every
//! invariant of `tests/common/invariants.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/invariants.rs"]
mod invariants;

// The Compound File the streams are put in: the same writer as the `.doc` reader's tests.
include!("../../tests/common/cfb_writer.rs");

fuzz_target!(|data: &[u8]| {
    let file = match data.split_first() {
        Some((&mode, rest)) if mode < 32 => rest.to_vec(),
        Some((_, rest)) if rest.len() >= 4 => {
            let word_len = usize::from(u16::from_le_bytes([rest[0], rest[1]]));
            let table_len = usize::from(u16::from_le_bytes([rest[2], rest[3]]));
            let body = &rest[4..];
            let word = &body[..word_len.min(body.len())];
            let table = &body[word.len()..(word.len() + table_len).min(body.len())];
            let extra = &body[word.len() + table.len()..];
            // Both table names: the FIB's flag picks one.
            cfb(&[("WordDocument", word), ("0Table", table), ("1Table", table), ("Data", extra)])
        }
        _ => return,
    };
    if let Ok(text) = nianbao::files::extract(&file) {
        let report = nianbao::validate(&text);
        invariants::assert_invariants(&text, &report);
    }
});
