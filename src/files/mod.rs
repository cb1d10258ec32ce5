//! Files as people have them: what a file is, told from its bytes (never its name), and the text
//! of the kinds the checker reads. Shared by the command line and the wasm module (the page and
//! the widget), so a file gets the same answer everywhere.
//!
//! - text (UTF-8, UTF-16 with a BOM, GB18030): the caller decodes it (the CLI with `encoding_rs`,
//!   the page with `TextDecoder`); [`sniff`] names the encoding;
//! - `.docx` (Word, WPS): [`docx`] turns `word/document.xml` into the text a paste would give;
//! - `.doc` (Word 97–2003): [`doc`] reads the piece table and the table marks to the same text;
//! - PDF: the caller extracts the positioned text runs (the page with pdf.js, the CLI with
//!   `pdf-extract`) and [`pdf_layout::runs_to_text`] lays them out into that same text;
//! - everything else (images, spreadsheets, …): a [`FileError`] whose message says
//!   in plain Chinese what the file is and what to do instead.

// The .doc reader and the PDF layout step are in the command line and in the full wasm build
// (pkg/full/), which the page loads only when such a file is opened.
#[cfg(feature = "full")]
mod cfb;
#[cfg(feature = "full")]
mod doc;
mod docx;
pub mod inflate;
mod numbering;
#[cfg(feature = "full")]
pub mod pdf_layout;
mod zip;
// Public for the fuzz target `xml`, which checks it against quick-xml.
pub mod xml;

use std::fmt;

/// Appends a paragraph to a table cell's text, as the .docx and .doc readers join a cell's
/// paragraphs: a space between them, none between two CJK characters.
fn append_joined(field: &mut String, para: &str) {
    let para = para.trim_matches(' ');
    if para.is_empty() {
        return;
    }
    if let (Some(a), Some(b)) = (field.chars().next_back(), para.chars().next()) {
        if !(crate::text::is_wide_cjk(a) && crate::text::is_wide_cjk(b)) {
            field.push(' ');
        }
    }
    field.push_str(para);
}

/// What a file is, from its first bytes and (for zip and OLE containers) its member names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text(Encoding),
    Docx,
    /// Word 97–2003 (or WPS saved in that format): an OLE container with a `WordDocument` stream.
    Doc,
    Pdf,
    Other(Other),
}

/// The encoding of a text file; the names are WHATWG labels (`TextDecoder`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    /// The name people know it by, for messages: `UTF-8`, `GB18030`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }

    /// The WHATWG label, for `TextDecoder`.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Gb18030 => "gb18030",
        }
    }
}

/// Files the checker does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Other {
    Image(&'static str),
    /// `.xlsx` (Excel, WPS 表格).
    Xlsx,
    /// `.xls` or `.et`: an OLE container with a workbook.
    Xls,
    Pptx,
    Ppt,
    /// Another OLE container (old Office or WPS formats).
    OldOffice,
    Rtf,
    /// 数科 OFD, the Chinese fixed-layout format (a zip with `OFD.xml`).
    Ofd,
    /// A zip archive that is not an Office file.
    Zip,
    Binary,
}

/// Why a file gave no text. [`FileError::message`] says it in plain Chinese with what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileError {
    Unsupported(Other),
    // The variants only the .doc reader (pkg/full/) and the command line's PDF reader make are
    // left out of the page's build, with their messages (about 1 KB of text).
    /// A `.doc` this reader cannot read well: Word 6/95, fast-saved, or table marks that do not
    /// make rows.
    #[cfg(feature = "full")]
    Doc,
    /// A `.doc` with a password.
    #[cfg(feature = "full")]
    DocEncrypted,
    Pdf,
    /// Truncated or not what its container says.
    Damaged,
    /// Over the inflate caps (a zip bomb) or too many members.
    TooLarge,
    /// XML nested deeper or with more elements than any report has.
    TooComplex,
    /// A `.docx` without a main document part.
    NoDocument,
    /// A PDF without a text layer (a scan) or whose glyphs map to no characters.
    #[cfg(feature = "full")]
    PdfNoText,
    /// A PDF whose structure cannot be read (broken cross-reference table, cut short).
    #[cfg(feature = "full")]
    PdfDamaged,
    /// A PDF that needs a password to open.
    #[cfg(feature = "full")]
    PdfEncrypted,
    /// A `.doc` in the small wasm build: the page reads it with the full one (pkg/full/).
    InFullBuild,
}

impl FileError {
    pub fn message(self) -> String {
        let save_as = "请在 Word 或 WPS 中打开它，“另存为” Word 文档（.docx）后再打开，或复制全文粘贴到这里。";
        match self {
            FileError::Unsupported(other) => {
                let what = match other {
                    Other::Image(name) => {
                        return format!(
                            "这是一张图片（{name}），不是文字：无法从图片读取表格。请打开报告的 Word 文件（.docx）或文本，或复制全文粘贴到这里。"
                        )
                    }
                    Other::Xlsx | Other::Xls => "这是电子表格文件（Excel / WPS 表格）",
                    Other::Pptx | Other::Ppt => "这是演示文稿（PowerPoint / WPS 演示）",
                    Other::OldOffice => "这是旧版 Office 或 WPS 格式的文件",
                    Other::Rtf => "这是 RTF 格式的文档",
                    Other::Ofd => "这是 OFD 版式文件",
                    Other::Zip => {
                        return "这是一个压缩包（.zip）：请先解压，再逐个打开其中的报告文件。".to_string()
                    }
                    Other::Binary => {
                        return "无法识别这个文件：它不是文本、Word 文档（.docx）或 HTML。请打开报告的 Word 文件或文本，或复制全文粘贴到这里。".to_string()
                    }
                };
                format!("{what}，本工具不能直接读取。{save_as}")
            }
            #[cfg(feature = "full")]
            FileError::Doc => format!("这是旧版 Word 文档（.doc），但它的结构本工具不能可靠读取（例如“快速保存”的文件，或 Word 95 及更早的格式）。{save_as}"),
            #[cfg(feature = "full")]
            FileError::DocEncrypted => "这个 Word 文档（.doc）设有打开密码，无法读取。请在 Word 或 WPS 中打开它，取消密码后“另存为” Word 文档（.docx）再打开，或复制全文粘贴到这里。".to_string(),
            // The PDF's text comes from its positioned runs (`pdf_layout`), not from `extract`.
            FileError::Pdf => "这是 PDF 文件，需先取出其中文字的位置再排版：请在本工具的页面或命令行中直接打开它。".to_string(),
            FileError::Damaged => format!("文件不完整或已损坏，无法读取。{save_as}"),
            FileError::TooLarge => "文件解压后过大（可能是恶意构造的压缩文件），已停止读取。".to_string(),
            FileError::TooComplex => "文件结构过于复杂（嵌套过深或元素过多），已停止读取。".to_string(),
            FileError::NoDocument => format!("这个 Word 文件里没有正文。{save_as}"),
            #[cfg(feature = "full")]
            FileError::PdfNoText => "这是扫描件或图片，没有可读取的文字。请打开报告的 Word 原稿（.docx），或从原稿复制全文粘贴到这里。".to_string(),
            #[cfg(feature = "full")]
            FileError::PdfDamaged => "这个 PDF 文件不完整或已损坏，无法读取。请重新下载或导出 PDF，或打开报告的 Word 原稿（.docx），或复制全文粘贴到这里。".to_string(),
            #[cfg(feature = "full")]
            FileError::PdfEncrypted => "这个 PDF 文件设有密码保护，无法读取。请打开报告的 Word 原稿（.docx），或复制全文粘贴到这里。".to_string(),
            FileError::InFullBuild => "读取这个文件需要完整的校验模块，请稍候重试。".to_string(),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// What the bytes are. Text is recognised last, so a binary file is never taken for text.
pub fn sniff(bytes: &[u8]) -> Kind {
    let head = &bytes[..bytes.len().min(1024)];
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Kind::Text(Encoding::Utf8);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Kind::Text(Encoding::Utf16Le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Kind::Text(Encoding::Utf16Be);
    }
    // The PDF header may follow some binary junk, but never text (which may quote it).
    if find(head, b"%PDF-").is_some_and(|at| at == 0 || head[..at].iter().any(|&b| b < 0x09)) {
        return Kind::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(OLE) {
        return sniff_ole(bytes);
    }
    if let Some(name) = image(bytes) {
        return Kind::Other(Other::Image(name));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Kind::Other(Other::Rtf);
    }
    text_encoding(bytes).map_or(Kind::Other(Other::Binary), Kind::Text)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn image(b: &[u8]) -> Option<&'static str> {
    let riff_webp = b.len() >= 12 && b.starts_with(b"RIFF") && &b[8..12] == b"WEBP";
    Some(if b.starts_with(b"\x89PNG\r\n\x1A\n") {
        "PNG"
    } else if b.starts_with(b"\xFF\xD8\xFF") {
        "JPEG"
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        "GIF"
    } else if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
        "TIFF"
    } else if riff_webp {
        "WebP"
    } else if b.len() > 26 && b.starts_with(b"BM") && b[6..10] == [0; 4] && b[15..18] == [0; 3] {
        "BMP"
    } else {
        return None;
    })
}

fn sniff_zip(bytes: &[u8]) -> Kind {
    let Ok(entries) = zip::entries(bytes) else {
        // Truncated: judge by the first member's name, so a cut-off .docx is called damaged.
        let first = bytes.get(30..bytes.len().min(30 + 64)).unwrap_or_default();
        return if first.starts_with(b"word/") || first.starts_with(b"[Content_Types].xml") {
            Kind::Docx
        } else {
            Kind::Other(Other::Zip)
        };
    };
    let has = |prefix: &[u8]| entries.iter().any(|e| e.name.starts_with(prefix));
    if has(b"word/") {
        Kind::Docx
    } else if has(b"xl/") {
        Kind::Other(Other::Xlsx)
    } else if has(b"ppt/") {
        Kind::Other(Other::Pptx)
    } else if has(b"OFD.xml") {
        Kind::Other(Other::Ofd)
    } else {
        Kind::Other(Other::Zip)
    }
}

/// An OLE container's streams are named in its directory in UTF-16LE; the names tell the kind.
fn sniff_ole(bytes: &[u8]) -> Kind {
    // The stream names are ASCII, stored as UTF-16LE: each byte followed by a zero.
    let has = |s: &str| {
        let mut utf16 = Vec::with_capacity(2 * s.len());
        for &b in s.as_bytes() {
            utf16.extend_from_slice(&[b, 0]);
        }
        find(bytes, &utf16).is_some()
    };
    if has("WordDocument") {
        Kind::Doc
    } else if has("Workbook") || has("Book") {
        Kind::Other(Other::Xls)
    } else if has("PowerPoint Document") {
        Kind::Other(Other::Ppt)
    } else {
        Kind::Other(Other::OldOffice)
    }
}

/// UTF-8, or GB18030 when every byte sequence is one GB18030 has; no NUL either way (UTF-16
/// without a BOM is not guessed).
fn text_encoding(bytes: &[u8]) -> Option<Encoding> {
    if bytes.contains(&0) {
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(_) => return Some(Encoding::Utf8),
        // Valid up to a character cut off at the very end.
        Err(e) if e.error_len().is_none() => return Some(Encoding::Utf8),
        Err(_) => {}
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let trail = |k: usize| bytes.get(i + k).copied();
        i += match (b, trail(1)) {
            (0x00..=0x7F, _) => 1,
            (0x81..=0xFE, Some(0x40..=0x7E | 0x80..=0xFE)) => 2,
            (0x81..=0xFE, Some(0x30..=0x39))
                if matches!(trail(2), Some(0x81..=0xFE)) && matches!(trail(3), Some(0x30..=0x39)) =>
            {
                4
            }
            // A lead byte cut off at the end.
            (0x81..=0xFE, None) => 1,
            _ => return None,
        };
    }
    Some(Encoding::Gb18030)
}

/// What a decoded text file is to the report: HTML markup or plain text.
pub fn text_kind(text: &str) -> crate::SourceKind {
    if crate::layout::html::looks_like_html(text) {
        crate::SourceKind::Html
    } else {
        crate::SourceKind::Text
    }
}

/// The most all members of one archive may inflate to together (an archive of reports is a few
/// MB; each member is capped on its own as well, see `zip`).
pub const MAX_ARCHIVE_INFLATED: usize = 256 << 20;

/// One file of a zip archive of reports.
pub struct Member<'a> {
    /// The name as stored: UTF-8 when `utf8`, else in the code page of the machine that made it
    /// (GBK on Chinese Windows); the caller decodes it.
    pub name: &'a [u8],
    pub utf8: bool,
    /// Its bytes, or why it could not be read (damaged, or over the caps).
    pub data: Result<Vec<u8>, FileError>,
}

/// Each file of a zip archive in turn (folders skipped), read within the caps of one member
/// and, all together, [`MAX_ARCHIVE_INFLATED`]: past it every further member is `TooLarge`.
pub fn unzip(bytes: &[u8], each: impl FnMut(Member<'_>)) -> Result<(), FileError> {
    unzip_capped(bytes, MAX_ARCHIVE_INFLATED, each)
}

fn unzip_capped(bytes: &[u8], cap: usize, mut each: impl FnMut(Member<'_>)) -> Result<(), FileError> {
    let mut total = 0usize;
    for e in zip::entries(bytes)? {
        if e.name.ends_with(b"/") {
            continue;
        }
        let data = if total >= cap { Err(FileError::TooLarge) } else { zip::read(bytes, &e) };
        let data = data.and_then(|d| {
            total += d.len();
            if total > cap {
                Err(FileError::TooLarge)
            } else {
                Ok(d)
            }
        });
        each(Member { name: e.name, utf8: e.flags & 0x800 != 0, data });
    }
    Ok(())
}

/// The text of a file the checker reads itself (a `.docx` or `.doc`); for text files use [`sniff`] and
/// decode, for the rest the error says what to do.
pub fn extract(bytes: &[u8]) -> Result<String, FileError> {
    match sniff(bytes) {
        Kind::Docx => docx::text(bytes),
        #[cfg(feature = "full")]
        Kind::Doc => doc::text(bytes),
        #[cfg(not(feature = "full"))]
        Kind::Doc => Err(FileError::InFullBuild),
        Kind::Pdf => Err(FileError::Pdf),
        Kind::Other(o) => Err(FileError::Unsupported(o)),
        // Text is the caller's to decode; reaching here is a caller's mistake, not a file's.
        Kind::Text(_) => Err(FileError::Unsupported(Other::Binary)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_of_reports_unzips_within_its_caps() {
        let z = zip::tests::zip(&[("a/", b""), ("a/1.txt", "一".as_bytes()), ("b.txt", b"x")], true);
        let mut got = Vec::new();
        unzip(&z, |m| got.push((m.name.to_vec(), m.utf8, m.data))).unwrap();
        assert_eq!(got.len(), 2, "the folder is skipped");
        assert_eq!(got[0], (b"a/1.txt".to_vec(), false, Ok("一".as_bytes().to_vec())));
        // A bomb: 8 MB of one letter in a few KB is over the ratio, the other member still reads.
        let big = vec![b'a'; 8 << 20];
        let z = zip::tests::zip(&[("bomb.txt", &big), ("ok.txt", b"ok")], true);
        let mut got = Vec::new();
        unzip(&z, |m| got.push(m.data)).unwrap();
        assert_eq!(got, [Err(FileError::TooLarge), Ok(b"ok".to_vec())]);
        assert_eq!(unzip(b"not a zip", |_| {}).err(), Some(FileError::Damaged));
        // All members together are capped too: the third is over 5 bytes in all.
        let z = zip::tests::zip(&[("1", b"ab"), ("2", b"cd"), ("3", b"ef"), ("4", b"g")], false);
        let mut got = Vec::new();
        unzip_capped(&z, 5, |m| got.push(m.data.is_ok())).unwrap();
        assert_eq!(got, [true, true, false, false]);
    }

    #[test]
    fn kinds_by_bytes() {
        assert_eq!(sniff("一、总体情况".as_bytes()), Kind::Text(Encoding::Utf8));
        assert_eq!(sniff(b"\xFF\xFEx\0"), Kind::Text(Encoding::Utf16Le));
        assert_eq!(sniff(b"\xFE\xFF\0x"), Kind::Text(Encoding::Utf16Be));
        assert_eq!(sniff(b"\xD2\xBB\xA1\xA2\xD7\xDC\xCC\xE5"), Kind::Text(Encoding::Gb18030)); // 一、总体 in GBK
        assert_eq!(sniff(b""), Kind::Text(Encoding::Utf8));
        assert_eq!(sniff(b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(sniff(b"\x89PNG\r\n\x1A\n\0\0"), Kind::Other(Other::Image("PNG")));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Kind::Other(Other::Image("JPEG")));
        assert_eq!(sniff(b"GIF89a"), Kind::Other(Other::Image("GIF")));
        assert_eq!(sniff(b"{\\rtf1\\ansi"), Kind::Other(Other::Rtf));
        assert_eq!(sniff(b"abc\0def"), Kind::Other(Other::Binary));
        assert_eq!(sniff(b"\xFF\xFF\xFF"), Kind::Other(Other::Binary));
        let ole = |name: &str| {
            let mut b = OLE.to_vec();
            b.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
            b
        };
        assert_eq!(sniff(&ole("WordDocument")), Kind::Doc);
        assert_eq!(sniff(&ole("Workbook")), Kind::Other(Other::Xls));
        assert_eq!(sniff(&ole("PowerPoint Document")), Kind::Other(Other::Ppt));
        let z = |name| zip::tests::zip(&[(name, b"x")], false);
        assert_eq!(sniff(&z("word/document.xml")), Kind::Docx);
        assert_eq!(sniff(&z("xl/workbook.xml")), Kind::Other(Other::Xlsx));
        assert_eq!(sniff(&z("ppt/presentation.xml")), Kind::Other(Other::Pptx));
        assert_eq!(sniff(&z("OFD.xml")), Kind::Other(Other::Ofd));
        assert_eq!(sniff(&z("photo.jpg")), Kind::Other(Other::Zip));
        // A .docx cut short is still a .docx, a damaged one.
        let docx = z("word/document.xml");
        assert_eq!(sniff(&docx[..40]), Kind::Docx);
        assert_eq!(extract(&docx[..40]), Err(FileError::Damaged));
    }

    #[test]
    fn every_refusal_says_what_to_do() {
        for e in [
            FileError::Unsupported(Other::Image("PNG")),
            FileError::Unsupported(Other::Xls),
            FileError::Unsupported(Other::Zip),
            FileError::Unsupported(Other::Binary),
            FileError::Doc,
            FileError::DocEncrypted,
            FileError::Pdf,
            FileError::Damaged,
        ] {
            let m = e.message();
            assert!(m.contains("请"), "{m}");
        }
        assert_eq!(extract(b"\x89PNG\r\n\x1A\n"), Err(FileError::Unsupported(Other::Image("PNG"))));
        assert_eq!(extract(b"%PDF-1.4"), Err(FileError::Pdf));
    }
}
