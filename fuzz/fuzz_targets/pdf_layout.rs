//! PDF layout (`src/files/pdf_layout.rs`): the fuzzer's bytes become positioned text runs — a
//! page, coordinates on a coarse grid (so runs share lines and columns) or odd values (NaN,
//! infinities, huge, negative), and a text from report labels, numbers, spaces and unmapped
//! glyphs — as pdf.js or the CLI's extractor would hand them over. `runs_to_text` must answer
//! (a text or a message) without a panic or a hang, and the text, checked, must keep every
//! invariant of `tests/common/invariants.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::files::pdf_layout::{runs_to_text, Run};

#[path = "../../tests/common/invariants.rs"]
mod invariants;

const TEXTS: &[&str] = &[
    "一、总体情况",
    "三、收到和处理政府信息公开申请情况",
    "一、本年新收政府信息公开申请数量",
    "三、本",
    "年度办",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政",
    "法规禁止公开",
    "自然",
    "人",
    "结",
    "果",
    "总计",
    "规章",
    "- 1 -",
    "第 2 页",
    "0",
    "7",
    "12",
    "327",
    "12.5",
    "/",
    "—",
    "68  48",
    " ",
    "\u{E001}",
    "\u{FFFD}",
    "2024年政府信息公开工作年度报告",
];

const ODD: &[f32] = &[f32::NAN, f32::INFINITY, f32::NEG_INFINITY, -1.0e9, 1.0e9, 0.0, -5.0, 1.0e-30];

fn coordinate(byte: u8, scale: f32) -> f32 {
    if byte >= 248 {
        ODD[usize::from(byte - 248)]
    } else {
        f32::from(byte) * scale
    }
}

fuzz_target!(|data: &[u8]| {
    let runs: Vec<Run> = data
        .chunks_exact(6)
        .map(|c| Run {
            page: u32::from(c[0] % 4) + 1,
            x: coordinate(c[1], 4.0),
            y: coordinate(c[2], 8.0),
            width: coordinate(c[3], 1.0),
            height: if c[4] >= 248 { coordinate(c[4], 1.0) } else { 8.0 + f32::from(c[4] % 8) },
            text: TEXTS[usize::from(c[5]) % TEXTS.len()].to_string(),
        })
        .collect();
    if let Ok(text) = runs_to_text(&runs) {
        let report = nianbao::validate(&text);
        invariants::assert_invariants(&text, &report);
    }
});
