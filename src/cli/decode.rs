//! Turning a file's bytes into text: UTF-8 (BOM stripped), UTF-16 LE/BE with a BOM, or GB18030
//! (which covers GBK and GB2312) when the result really looks like Chinese. Anything else is
//! refused rather than passed on as garbled text.

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};
use nianbao::files::{self, FileError, Kind, Other};
use nianbao::SourceKind;
use std::fmt;

/// A file's text and what it was.
#[derive(Debug)]
pub struct Opened {
    pub text: String,
    /// How a text file was encoded; `None` for a document the text was extracted from.
    pub encoding: Option<Encoding>,
    pub note: Option<String>,
    pub kind: SourceKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Text-like bytes in no encoding the checker reads.
    Decode(DecodeError),
    /// A document the checker does not read, or a damaged one: the message says what to do.
    File(FileError),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Decode(e) => write!(f, "cannot decode: {e}"),
            OpenError::File(e) => write!(f, "{e}"),
        }
    }
}

/// Any file: recognised by its bytes (`nianbao::files::sniff`); text decoded, a `.docx` or `.doc` read.
/// Bytes that are no known kind go through the decoder too, whose error says which encodings
/// were tried.
pub fn open(bytes: Vec<u8>) -> Result<Opened, OpenError> {
    if let Kind::Text(_) | Kind::Other(Other::Binary) = files::sniff(&bytes) {
        let d = decode(bytes).map_err(OpenError::Decode)?;
        let kind = files::text_kind(&d.text);
        return Ok(Opened { text: d.text, encoding: Some(d.encoding), note: d.note, kind });
    }
    if files::sniff(&bytes) == Kind::Pdf {
        let text = super::pdf::text(bytes).map_err(OpenError::File)?;
        return Ok(Opened { text, encoding: None, note: None, kind: SourceKind::Pdf });
    }
    let kind = if files::sniff(&bytes) == Kind::Doc { SourceKind::Doc } else { SourceKind::Docx };
    let text = files::extract(&bytes).map_err(OpenError::File)?;
    Ok(Opened { text, encoding: None, note: None, kind })
}

pub use nianbao::files::Encoding;

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// Something the user should know (printed on stderr), e.g. a cut-off last character.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not UTF-8, not UTF-16 with a BOM, and not believable as GB18030.
    Unrecognized,
    /// Decodes, but holds NUL or other control bytes: a binary file.
    Binary,
    /// A byte-order mark promised an encoding the rest of the file does not follow.
    BadAfterBom(Encoding),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not UTF-8, UTF-16 or GB18030")?;
        match self {
            DecodeError::Unrecognized => Ok(()),
            DecodeError::Binary => f.write_str(" (looks like a binary file / 疑似二进制文件)"),
            DecodeError::BadAfterBom(e) => {
                write!(f, " (starts with a {} byte-order mark but is not valid {})", e.name(), e.name())
            }
        }
    }
}

const BOM_UTF8: &[u8] = b"\xEF\xBB\xBF";
const BOM_GB18030: &[u8] = b"\x84\x31\x95\x33";

pub fn decode(mut bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(BOM_UTF8) {
        bytes.drain(..BOM_UTF8.len());
        return match String::from_utf8(bytes) {
            Ok(text) => utf8_text(text, None),
            Err(e) => match truncated_utf8(e.into_bytes()) {
                Some(d) => Ok(d),
                None => Err(DecodeError::BadAfterBom(Encoding::Utf8)),
            },
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, Encoding::Utf16Be);
    }
    if let Some(rest) = bytes.strip_prefix(BOM_GB18030) {
        let text = GB18030
            .decode_without_bom_handling_and_without_replacement(rest)
            .ok_or(DecodeError::BadAfterBom(Encoding::Gb18030))?;
        check_controls(&text)?;
        return Ok(Decoded { text: text.into_owned(), encoding: Encoding::Gb18030, note: None });
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return utf8_text(text, None),
        Err(e) if e.utf8_error().error_len().is_none() => {
            // Valid UTF-8 up to a cut-off last character.
            return truncated_utf8(e.into_bytes()).ok_or(DecodeError::Binary);
        }
        Err(e) => e.into_bytes(),
    };
    match GB18030.decode_without_bom_handling_and_without_replacement(&bytes) {
        Some(text) if looks_chinese(&text) => {
            Ok(Decoded { text: text.into_owned(), encoding: Encoding::Gb18030, note: None })
        }
        _ => Err(DecodeError::Unrecognized),
    }
}

fn utf8_text(text: String, note: Option<String>) -> Result<Decoded, DecodeError> {
    check_controls(&text)?;
    Ok(Decoded { text, encoding: Encoding::Utf8, note })
}

/// UTF-8 whose only flaw is an incomplete character at the very end (a cut-off download or a
/// `head -c`): keep everything before it and say so.
fn truncated_utf8(bytes: Vec<u8>) -> Option<Decoded> {
    let err = std::str::from_utf8(&bytes).err()?;
    if err.error_len().is_some() {
        return None;
    }
    let mut bytes = bytes;
    let dropped = bytes.len() - err.valid_up_to();
    bytes.truncate(err.valid_up_to());
    let text = String::from_utf8(bytes).ok()?;
    let note = format!(
        "文件末尾有不完整的 UTF-8 字符（{dropped} 字节），已忽略 / incomplete UTF-8 character at the end ({dropped} bytes) ignored"
    );
    utf8_text(text, Some(note)).ok()
}

fn utf16(rest: &[u8], enc: Encoding) -> Result<Decoded, DecodeError> {
    let codec = if enc == Encoding::Utf16Le { UTF_16LE } else { UTF_16BE };
    let text = codec.decode_without_bom_handling_and_without_replacement(rest).ok_or(DecodeError::BadAfterBom(enc))?;
    check_controls(&text)?;
    Ok(Decoded { text: text.into_owned(), encoding: enc, note: None })
}

/// A text file has no NUL and only a few stray control characters (pdftotext leaves form feeds;
/// tabs, CR and LF are ordinary).
fn check_controls(text: &str) -> Result<(), DecodeError> {
    let mut odd = 0usize;
    let mut total = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return Err(DecodeError::Binary);
        }
        if is_odd_control(c) {
            odd += 1;
        }
    }
    if odd > 8 && odd * 100 > total {
        return Err(DecodeError::Binary);
    }
    Ok(())
}

fn is_odd_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}')
}

/// Han characters and the punctuation that only Chinese text uses.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F       // CJK symbols and punctuation
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF     // fullwidth forms
        | 0x20000..=0x2FFFF)
}

/// Symbols GB2312/GBK also carry and real reports use (“”—…·×①■─…, Greek, kana, pinyin), which
/// say nothing either way.
fn is_neutral(c: char) -> bool {
    matches!(c as u32,
        0x00A0..=0x02FF       // Latin-1 symbols, pinyin with tone marks
        | 0x0391..=0x03C9     // Greek
        | 0x0401..=0x0451     // Cyrillic
        | 0x2000..=0x206F     // general punctuation
        | 0x20AC
        | 0x2100..=0x22FF     // letterlike, number forms, arrows, maths
        | 0x2460..=0x24FF     // enclosed numbers
        | 0x2500..=0x27BF     // box drawing, shapes, dingbats
        | 0x3040..=0x33FF) // kana, bopomofo, enclosed CJK
}

/// Whether a GB18030 decoding is believable: no binary controls, a decent share of Chinese
/// characters among the visible ones, and almost nothing from unrelated scripts (which is what a
/// Latin-1 or random file decoded as GB18030 turns into).
pub fn looks_chinese(text: &str) -> bool {
    let (mut cjk, mut other, mut visible, mut odd) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        if c == '\0' {
            return false;
        }
        if is_odd_control(c) {
            odd += 1;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        visible += 1;
        if is_cjk(c) {
            cjk += 1;
        } else if !c.is_ascii() && !is_neutral(c) {
            other += 1;
        }
    }
    odd * 200 <= visible && cjk >= 2 && cjk * 5 >= visible && other * 20 <= cjk
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "临江新区2024年政府信息公开工作年度报告\n一、总体情况\n本年新收政府信息公开申请3件。";

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(SAMPLE.as_bytes().to_vec()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, Encoding::Utf8));
        let mut b = BOM_UTF8.to_vec();
        b.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode(b).unwrap().text, SAMPLE);
        assert_eq!(decode(Vec::new()).unwrap().text, "");
    }

    #[test]
    fn gbk_and_utf16() {
        let (gbk, _, bad) = encoding_rs::GBK.encode(SAMPLE);
        assert!(!bad);
        let d = decode(gbk.into_owned()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, Encoding::Gb18030));

        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in SAMPLE.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(le.clone()).unwrap().text, SAMPLE);
        assert_eq!(decode(be).unwrap().text, SAMPLE);
        le.push(0x41); // odd length
        assert_eq!(decode(le).unwrap_err(), DecodeError::BadAfterBom(Encoding::Utf16Le));
    }

    #[test]
    fn refuses_garbage() {
        // Latin-1 French text.
        let latin1: Vec<u8> = "Le r\u{e9}sum\u{e9} de l'\u{e9}t\u{e9} \u{e0} c\u{f4}t\u{e9} du caf\u{e9}"
            .chars()
            .map(|c| c as u8)
            .collect();
        assert!(decode(latin1).is_err());
        // Pseudo-random bytes.
        let mut x: u32 = 12345;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16) as u8
            })
            .collect();
        assert!(decode(noise).is_err());
        // Valid UTF-8 but binary.
        assert_eq!(decode(b"abc\0def".to_vec()).unwrap_err(), DecodeError::Binary);
        // UTF-16 without a BOM is ASCII-with-NULs: refused, not garbled.
        let nobom: Vec<u8> = "report".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert!(decode(nobom).is_err());
    }

    #[test]
    fn truncated_utf8_tail_is_dropped() {
        let mut b = SAMPLE.as_bytes().to_vec();
        b.extend_from_slice(&"中".as_bytes()[..2]);
        let d = decode(b).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert!(d.note.is_some());
    }
}
