//! `.docx` input: the fuzzer's bytes drive a small generator of WordprocessingML (paragraphs,
//! runs, tables, rows, cells with gridSpan/vMerge/gridBefore, nested tables, tracked changes,
//! fields, content controls, entities, report labels and numbers), zipped as `word/document.xml`
//! (stored), so most runs reach the table bookkeeping of `src/files/docx.rs`. A leading byte
//! below 32 feeds the rest as a whole file instead (the zip reader, inflate, the sniffer).
//! Whatever comes out is checked, and must keep every invariant of `tests/common/invariants.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/invariants.rs"]
mod invariants;

const WORDS: &[&str] = &[
    "一、总体情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（七）总计",
    "四、结转下年度继续办理",
    "自然人",
    "商业企业",
    "总计",
    "规章",
    "行政许可",
    "结果维持",
    "/",
    "2024年政府信息公开工作年度报告",
];

const TAGS: &[&str] = &[
    "<w:tbl>",
    "</w:tbl>",
    "<w:tr>",
    "</w:tr>",
    "<w:tc>",
    "</w:tc>",
    "<w:p>",
    "</w:p>",
    "<w:r>",
    "</w:r>",
    "<w:t>",
    "</w:t>",
    "<w:tab/>",
    "<w:br/>",
    "<w:ins>",
    "</w:ins>",
    "<w:del><w:r><w:delText>9</w:delText></w:r></w:del>",
    "<w:instrText>PAGE</w:instrText>",
    "<w:sdt><w:sdtContent>",
    "</w:sdtContent></w:sdt>",
    "<w:hyperlink>",
    "</w:hyperlink>",
    "<w:tcPr><w:vMerge/></w:tcPr>",
    "<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>",
    "<w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>",
    "<mc:AlternateContent><mc:Choice>",
    "</mc:Choice><mc:Fallback>",
    "</mc:Fallback></mc:AlternateContent>",
    "&amp;",
    "&#12288;",
    "&#xD800;",
    "&bogus;",
    "<![CDATA[x]]>",
    "<!-- c -->",
];

fn arg(bytes: &mut impl Iterator<Item = u8>) -> u8 {
    bytes.next().unwrap_or(0)
}

fn generate(data: &[u8]) -> String {
    let mut out =
        String::from(r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="w" xmlns:mc="mc"><w:body>"#);
    let mut bytes = data.iter().copied();
    while let Some(op) = bytes.next() {
        match op % 8 {
            0..=3 => out.push_str(TAGS[usize::from(arg(&mut bytes)) % TAGS.len()]),
            4 => out.push_str(&format!("<w:tcPr><w:gridSpan w:val=\"{}\"/></w:tcPr>", arg(&mut bytes))),
            5 => out.push_str(WORDS[usize::from(arg(&mut bytes)) % WORDS.len()]),
            6 => out.push_str(&arg(&mut bytes).to_string()),
            _ => {
                let n = usize::from(arg(&mut bytes) % 16);
                let run: Vec<u8> = bytes.by_ref().take(n).collect();
                out.push_str(&String::from_utf8_lossy(&run).replace(['<', '&'], ""));
            }
        }
    }
    out.push_str("</w:body></w:document>");
    out
}

/// A zip archive holding `xml` as `word/document.xml`, stored (no compression).
fn zip(xml: &[u8]) -> Vec<u8> {
    let name = b"word/document.xml";
    let mut out = Vec::new();
    let fields = |out: &mut Vec<u8>| {
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version, flags, stored, time, date, crc
        out.extend_from_slice(&(xml.len() as u32).to_le_bytes());
        out.extend_from_slice(&(xml.len() as u32).to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0, 0]);
    };
    out.extend_from_slice(b"PK\x03\x04");
    fields(&mut out);
    out.extend_from_slice(name);
    out.extend_from_slice(xml);
    let cd = out.len() as u32;
    out.extend_from_slice(b"PK\x01\x02\x14\x00");
    fields(&mut out);
    out.extend_from_slice(&[0; 10]);
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(name);
    let cd_len = out.len() as u32 - cd;
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0\x01\x00\x01\x00");
    out.extend_from_slice(&cd_len.to_le_bytes());
    out.extend_from_slice(&cd.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

fuzz_target!(|data: &[u8]| {
    let file = match data.split_first() {
        Some((&mode, rest)) if mode < 32 => rest.to_vec(),
        _ => zip(generate(data).as_bytes()),
    };
    if let Ok(text) = nianbao::files::extract(&file) {
        let report = nianbao::validate(&text);
        invariants::assert_invariants(&text, &report);
    }
});
