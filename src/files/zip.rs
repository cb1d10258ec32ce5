//! Just enough of a zip reader for Office files: the central directory, and one member read
//! (stored or deflated, `inflate.rs`) with a cap on what it may inflate to. Every offset
//! is checked against the buffer: a truncated or hostile archive is an error, never a panic.

use super::FileError;

/// The most one member may inflate to, whatever its compressed size.
pub const MAX_INFLATED: usize = 64 << 20;
/// Beyond 1 MB a member may not inflate more than this many times its compressed size: Word XML
/// compresses about 10:1; a zip bomb 1000:1.
pub const MAX_RATIO: usize = 200;
const RATIO_FLOOR: usize = 1 << 20;
/// A directory with more members than this is not an Office file.
const MAX_ENTRIES: usize = 100_000;

const EOCD: usize = 0x0605_4b50;
const CENTRAL: usize = 0x0201_4b50;
const LOCAL: usize = 0x0403_4b50;

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?) as usize)
}

/// One member as the central directory describes it.
pub struct Entry<'a> {
    pub name: &'a [u8],
    /// General purpose flags: bit 11 says the name is UTF-8 (else a local code page: GBK on
    /// Chinese Windows).
    pub flags: usize,
    method: usize,
    compressed: usize,
    local_header: usize,
}

/// The members of a zip archive, from its central directory.
pub fn entries(bytes: &[u8]) -> Result<Vec<Entry<'_>>, FileError> {
    // The end record is in the last 22 + 65535 (comment) bytes; search backwards.
    let min_start = bytes.len().saturating_sub(22 + 0xFFFF);
    let end = (min_start..=bytes.len().saturating_sub(22))
        .rev()
        .find(|&at| u32_at(bytes, at) == Some(EOCD))
        .ok_or(FileError::Damaged)?;
    let count = u16_at(bytes, end + 10).ok_or(FileError::Damaged)?;
    let mut at = u32_at(bytes, end + 16).ok_or(FileError::Damaged)?;
    if count > MAX_ENTRIES {
        return Err(FileError::TooLarge);
    }
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        // Offsets come from the file: past the end is damage (and no sum below can overflow).
        if at > bytes.len() || u32_at(bytes, at) != Some(CENTRAL) {
            return Err(FileError::Damaged);
        }
        let field = |off| u16_at(bytes, at + off).ok_or(FileError::Damaged);
        let flags = field(8)?;
        let method = field(10)?;
        let compressed = u32_at(bytes, at + 20).ok_or(FileError::Damaged)?;
        let (name_len, extra_len, comment_len) = (field(28)?, field(30)?, field(32)?);
        let local_header = u32_at(bytes, at + 42).ok_or(FileError::Damaged)?;
        let name = bytes.get(at + 46..at + 46 + name_len).ok_or(FileError::Damaged)?;
        out.push(Entry { name, flags, method, compressed, local_header });
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(out)
}

/// The member's bytes, inflated within the caps.
pub fn read(bytes: &[u8], entry: &Entry<'_>) -> Result<Vec<u8>, FileError> {
    let at = entry.local_header;
    if at > bytes.len() || u32_at(bytes, at) != Some(LOCAL) {
        return Err(FileError::Damaged);
    }
    let name_len = u16_at(bytes, at + 26).ok_or(FileError::Damaged)?;
    let extra_len = u16_at(bytes, at + 28).ok_or(FileError::Damaged)?;
    let start = at + 30 + name_len + extra_len;
    let data = start.checked_add(entry.compressed).and_then(|end| bytes.get(start..end)).ok_or(FileError::Damaged)?;
    let limit = MAX_INFLATED.min(RATIO_FLOOR.max(data.len().saturating_mul(MAX_RATIO)));
    match entry.method {
        0 if data.len() <= MAX_INFLATED => Ok(data.to_vec()),
        0 => Err(FileError::TooLarge),
        8 => super::inflate::inflate(data, limit).map_err(|e| match e {
            super::inflate::InflateError::TooLarge => FileError::TooLarge,
            super::inflate::InflateError::Damaged => FileError::Damaged,
        }),
        _ => Err(FileError::Damaged),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A zip archive of `(name, data)` members, each deflated (`miniz_oxide`'s compressor, a
    /// dev-dependency) when `deflate`, else stored.
    pub fn zip(members: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data) in members {
            let body = if deflate { miniz_oxide::deflate::compress_to_vec(data, 6) } else { data.to_vec() };
            let method: u16 = if deflate { 8 } else { 0 };
            let offset = out.len() as u32;
            let header = |sig: u32, central: bool| {
                let mut h = sig.to_le_bytes().to_vec();
                if central {
                    h.extend_from_slice(&20u16.to_le_bytes());
                }
                h.extend_from_slice(&20u16.to_le_bytes()); // version needed
                h.extend_from_slice(&0u16.to_le_bytes()); // flags
                h.extend_from_slice(&method.to_le_bytes());
                h.extend_from_slice(&[0; 8]); // time, date, crc (not checked)
                h.extend_from_slice(&(body.len() as u32).to_le_bytes());
                h.extend_from_slice(&(data.len() as u32).to_le_bytes());
                h.extend_from_slice(&(name.len() as u16).to_le_bytes());
                h.extend_from_slice(&0u16.to_le_bytes()); // extra
                if central {
                    h.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
                    h.extend_from_slice(&[0; 4]); // external attributes
                    h.extend_from_slice(&offset.to_le_bytes());
                }
                h.extend_from_slice(name.as_bytes());
                h
            };
            let local = header(LOCAL as u32, false);
            central.extend(header(CENTRAL as u32, true));
            out.extend(local);
            out.extend_from_slice(&body);
        }
        let cd_offset = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(&(EOCD as u32).to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(members.len() as u16).to_le_bytes());
        out.extend_from_slice(&(members.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    #[test]
    fn stored_and_deflated_members_read_back() {
        for deflate in [false, true] {
            let z = zip(&[("a.txt", b"hello"), ("word/document.xml", "正文".as_bytes())], deflate);
            let e = entries(&z).unwrap();
            assert_eq!(e.len(), 2);
            assert_eq!(e[1].name, b"word/document.xml");
            assert_eq!(read(&z, &e[1]).unwrap(), "正文".as_bytes());
        }
    }

    #[test]
    fn bombs_and_truncation_are_errors() {
        // 8 MB that deflate to a few KB: over the ratio.
        let big = vec![b'a'; 8 << 20];
        let z = zip(&[("word/document.xml", &big)], true);
        assert!(z.len() < 64 << 10);
        let e = entries(&z).unwrap();
        assert_eq!(read(&z, &e[0]).unwrap_err(), FileError::TooLarge);
        // Every prefix of a small archive: an error or a result, never a panic.
        let z = zip(&[("word/document.xml", b"<w:document/>")], true);
        for n in 0..z.len() {
            if let Ok(es) = entries(&z[..n]) {
                for e in &es {
                    let _ = read(&z[..n], e);
                }
            }
        }
        assert_eq!(entries(b"PK\x03\x04").err(), Some(FileError::Damaged));
    }
}
