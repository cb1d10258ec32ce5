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

const END: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;

/// A Compound File (512-byte sectors, no mini stream) holding `streams` in the root storage.
fn cfb(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut sectors: Vec<Vec<u8>> = Vec::new();
    let mut fat: Vec<u32> = Vec::new();
    let mut dir = vec![0u8; 128 * (streams.len() + 1)];
    let mut entry = |n: usize, name: &str, kind: u8, right: u32, child: u32, start: u32, size: usize| {
        let e = &mut dir[128 * n..128 * (n + 1)];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[0x40..0x42].copy_from_slice(&(2 * units.len() as u16 + 2).to_le_bytes());
        e[0x42] = kind;
        e[0x44..0x48].copy_from_slice(&FREE.to_le_bytes());
        e[0x48..0x4C].copy_from_slice(&right.to_le_bytes());
        e[0x4C..0x50].copy_from_slice(&child.to_le_bytes());
        e[0x74..0x78].copy_from_slice(&start.to_le_bytes());
        e[0x78..0x7C].copy_from_slice(&(size as u32).to_le_bytes());
    };
    let chain = |sectors: &mut Vec<Vec<u8>>, fat: &mut Vec<u32>, data: &[u8]| -> u32 {
        let start = sectors.len() as u32;
        let n = data.len().div_ceil(512).max(1);
        for (k, chunk) in (0..n).map(|k| (k, data.get(512 * k..data.len().min(512 * (k + 1))).unwrap_or(&[]))) {
            let mut s = chunk.to_vec();
            s.resize(512, 0);
            sectors.push(s);
            fat.push(if k + 1 == n { END } else { start + k as u32 + 1 });
        }
        start
    };
    for (i, (name, data)) in streams.iter().enumerate() {
        let start = chain(&mut sectors, &mut fat, data);
        let right = if i + 1 < streams.len() { i as u32 + 2 } else { FREE };
        entry(i + 1, name, 2, right, FREE, start, data.len());
    }
    entry(0, "Root Entry", 5, FREE, 1, END, 0);
    let dir_start = chain(&mut sectors, &mut fat, &dir);
    // The FAT's own sectors, at the end: each covers 128 sectors (itself included).
    let fat_count = (sectors.len() + 1).div_ceil(127);
    let fat_start = sectors.len() as u32;
    fat.extend(std::iter::repeat_n(0xFFFF_FFFD, fat_count));
    fat.resize(128 * fat_count, FREE);
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    header[0x18..0x21].copy_from_slice(&[0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0, 6]);
    header[0x2C..0x30].copy_from_slice(&(fat_count as u32).to_le_bytes());
    header[0x30..0x34].copy_from_slice(&dir_start.to_le_bytes());
    header[0x3C..0x40].copy_from_slice(&END.to_le_bytes());
    header[0x44..0x48].copy_from_slice(&END.to_le_bytes());
    for i in 0..109 {
        let v = if i < fat_count { fat_start + i as u32 } else { FREE };
        header[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    let mut out = header;
    for s in sectors {
        out.extend(s);
    }
    out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    out
}

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
