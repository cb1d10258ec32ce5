//! HTML input: the fuzzer's bytes drive a small generator of markup (tables, rows, cells with
//! rowspan/colspan, nesting, comments, raw-text elements, entities, report labels and numbers),
//! so most runs reach the flattener's table bookkeeping instead of dying in the tokenizer.
//! A leading byte below 32 instead feeds the bytes as they are after an HTML prologue.
//! The result must keep every invariant of `tests/common/invariants.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/invariants.rs"]
mod invariants;

/// Labels and headings of the report template, so generated tables can be read as tables.
const WORDS: &[&str] = &[
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开",
    "（三）不予公开",
    "1.属于国家秘密",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
    "（七）总计",
    "四、结转下年度继续办理",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "总计",
    "规章",
    "行政规范性文件",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "本年收费金额（单位：万元）",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "尚未审结",
    "/",
    "无",
    "2023年政府信息公开工作年度报告",
];

const ENTITIES: &[&str] =
    &["&nbsp;", "&amp;", "&lt;", "&gt;", "&#12288;", "&#x3000;", "&#20013;", "&ensp;", "&", "&#", "&zwsp;"];

/// The next byte as an argument (0 once the input is used up).
fn arg(bytes: &mut impl Iterator<Item = u8>) -> u8 {
    bytes.next().unwrap_or(0)
}

fn generate(data: &[u8]) -> String {
    let mut out = String::from("<html><body>");
    let mut bytes = data.iter().copied();
    while let Some(op) = bytes.next() {
        match op % 40 {
            0 => out.push_str("<table>"),
            1 => out.push_str("</table>"),
            2 => out.push_str("<tr>"),
            3 => out.push_str("</tr>"),
            4 => out.push_str("<td>"),
            5 => out.push_str("</td>"),
            6 => out.push_str(&format!("<td rowspan={}>", arg(&mut bytes))),
            7 => out.push_str(&format!("<td colspan=\"{}\">", arg(&mut bytes))),
            8 => {
                let (r, c) = (arg(&mut bytes), arg(&mut bytes));
                out.push_str(&format!("<th rowspan='{r}' colspan={c}>"));
            }
            9 => out.push_str(["<tbody>", "</tbody>", "<thead>", "</tfoot>"][usize::from(arg(&mut bytes) % 4)]),
            10 => out.push_str("<div>"),
            11 => out.push_str("</div>"),
            12 => out.push_str("<p>"),
            13 => out.push_str("</p>"),
            14 => out.push_str("<br>"),
            15 => out.push_str("<!--"),
            16 => out.push_str("-->"),
            17 => out.push_str(["<script>", "<style>", "<title>", "<textarea>"][usize::from(arg(&mut bytes) % 4)]),
            18 => out.push_str(["</script>", "</style>", "</title>", "</textarea>"][usize::from(arg(&mut bytes) % 4)]),
            19 => out.push_str("<pre>"),
            20 => out.push_str("</pre>"),
            21 => out.push_str(ENTITIES[usize::from(arg(&mut bytes)) % ENTITIES.len()]),
            22 => out.push_str(&format!("&#{};", u32::from(arg(&mut bytes)) * 257)),
            23..=26 => out.push_str(&arg(&mut bytes).to_string()),
            27..=31 => out.push_str(WORDS[usize::from(arg(&mut bytes)) % WORDS.len()]),
            32 => out.push('\n'),
            33 => out.push('\t'),
            34 => out.push(' '),
            35 => out.push_str(["<span>", "</span>", "<b>", "<o:p>", "</o:p>"][usize::from(arg(&mut bytes) % 5)]),
            36 => out.push_str(
                ["<td", "<td rowspan=\"", "<", "</", "<!", "<![CDATA[", "]]>", "<?x"][usize::from(arg(&mut bytes) % 8)],
            ),
            37 => out.push_str(
                ["<td rowspan=0>", "<td colspan=0>", "<td rowspan=4294967296>", "<td colspan=9999>"]
                    [usize::from(arg(&mut bytes) % 4)],
            ),
            38 => out.push_str(
                ["\u{3000}", "\r\n", "\u{200b}", "\u{feff}", "（", "）", "、", "．", "１"]
                    [usize::from(arg(&mut bytes) % 9)],
            ),
            _ => {
                // A short run of the input as text.
                let n = usize::from(arg(&mut bytes) % 16);
                let run: Vec<u8> = bytes.by_ref().take(n).collect();
                out.push_str(&String::from_utf8_lossy(&run));
            }
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let text = match data.split_first() {
        Some((&mode, rest)) if mode < 32 => format!("<!DOCTYPE html><table>{}", String::from_utf8_lossy(rest)),
        _ => generate(data),
    };
    let report = nianbao::validate(&text);
    invariants::assert_invariants(&text, &report);
});
