//! The structure and identity rules against REAL reports (`../shared/corpus`): for every file, the
//! exact set of S002 S003 S005 S006 S007 N004 N005 codes it gets. Each expected set was decided
//! by reading the text (the reason is next to it); an empty set means the text gives none of these
//! rules a reason to fire, and any finding there is a false alarm.
//!
//! When `../shared/corpus` is absent each test prints `SKIPPED: …` to stderr and passes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const MINE: [&str; 7] = ["S002", "S003", "S005", "S006", "S007", "N004", "N005"];

/// (file under ../shared/corpus, expected codes, why).
const EXPECTED: &[(&str, &[&str], &str)] = &[
    ("seeds/000_b83a8c39339a3236.txt", &[], "clean"),
    ("seeds/001_c90ea95a19170d68.txt", &[], "clean"),
    ("seeds/002_0d5fbfa6f6b06582.txt", &[], "clean"),
    ("seeds/003_fe04592393095997.txt", &["N004"], "六 says only 无。 and no fee is mentioned anywhere"),
    ("seeds/004_786e169b628eab26.txt", &[], "clean"),
    ("real/001-hongze-district-2023-pdftotext-layout.txt", &[], "clean structure"),
    ("real/002-hongze-district-2023-pdftotext-default.txt", &[], "clean structure"),
    ("real/003-hongze-district-2023-pdftotext-raw.txt", &[], "clean structure"),
    ("real/004-hongze-district-2024-pdftotext-layout.txt", &[], "clean structure"),
    ("real/005-hongze-district-2024-pdftotext-default.txt", &[], "clean structure"),
    ("real/006-hongze-district-2024-pdftotext-raw.txt", &[], "clean structure"),
    ("real/007-pingtan-2019-crawler-glued.txt", &[], "2019 report citing the 2019 format"),
    ("real/008-pingtan-2020-crawler-glued.txt", &[], "2020 report"),
    ("real/009-pingtan-2021-crawler-glued.txt", &[], "clean"),
    ("real/010-pingtan-2022-crawler-glued.txt", &["S003"], "heading reads 四、政府信息公开行政法复议、行政诉讼情况"),
    ("real/011-pingtan-2023-crawler-glued.txt", &[], "clean"),
    ("real/012-pingtan-2024-crawler-glued.txt", &[], "clean"),
    ("real/013-pingtan-2025-crawler-glued.txt", &[], "clean"),
    (
        "real/014-suqian-city-2023vs2024-toolrendered-sidebyside.txt",
        &[],
        "the tool's quoted 「一、总体情况」 is no heading",
    ),
    ("real/015-shanghai-govoffice-2019-html-tab-rows.txt", &["S003"], "五、政府信息公开工作存在的主要问题及改进情况"),
    (
        "real/016-shanghai-stcsm-2024-pdf-markdown.md",
        &["S002"],
        "一's sub-parts numbered 二…六, then 一、主动公开… 二、收到… 三、…复议 五、其他…",
    ),
    (
        "real/017-shanghai-govoffice-2025-pdf-markdown.md",
        &[],
        "clean (五's heading was lost in conversion: S001's matter)",
    ),
    ("real/018-shuyang-county-2025-pdf-markdown.txt", &["S003"], "五、政府信息公开工作存在的主要问题及改进情况"),
    ("real/019-shuyang-drc-2023-html-tab-rows.txt", &["S003"], "五、存在的主要问题及整改措施"),
    ("real/020-huaian-city-2024-section3-fragment-pypdf.txt", &[], "fragment: only section 三"),
    ("real/021-huaian-city-2024-pdftotext-layout.txt", &[], "clean"),
    ("real/022-huaian-city-2024-pdftotext-default.txt", &[], "clean"),
];

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

/// The report as published: without the leading `# ` provenance lines of real/ files (as many
/// as tests/corpus_expected says, when it says).
fn report_text(rel: &str, raw: &str) -> String {
    if !rel.starts_with("real/") {
        return raw.to_string();
    }
    let stem = Path::new(rel).file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let exp = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/corpus_expected/{stem}.json"));
    let max = std::fs::read_to_string(exp)
        .ok()
        .and_then(|j| serde_json::from_str::<serde_json::Value>(&j).ok())
        .and_then(|v| v.get("provenance_lines").and_then(serde_json::Value::as_u64))
        .map(|n| n as usize);
    let mut rest = raw;
    let mut n = 0;
    while rest.starts_with("# ") && max.is_none_or(|m| n < m) {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
        n += 1;
    }
    rest.to_string()
}

#[test]
fn structure_codes_of_every_corpus_file() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("SKIPPED: ../shared/corpus not found (corpus tests run in CI where shared/ is present)");
        return;
    };
    let mut problems = Vec::new();
    for (rel, expected, why) in EXPECTED {
        let raw = std::fs::read_to_string(corpus.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let report = nianbao::validate(&report_text(rel, &raw));
        let got: BTreeSet<&str> =
            report.diagnostics.iter().map(|d| d.code.as_str()).filter(|c| MINE.contains(c)).collect();
        let want: BTreeSet<&str> = expected.iter().copied().collect();
        if got != want {
            let detail: Vec<String> = report
                .diagnostics
                .iter()
                .filter(|d| MINE.contains(&d.code.as_str()))
                .map(|d| format!("    {} {}", d.code, d.message))
                .collect();
            problems.push(format!("{rel}: expected {want:?} ({why}), got {got:?}\n{}", detail.join("\n")));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_corpus_file_is_listed() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("SKIPPED: ../shared/corpus not found");
        return;
    };
    for sub in ["seeds", "real"] {
        for entry in std::fs::read_dir(corpus.join(sub)).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.ends_with(".txt") || name.ends_with(".md") && name != "INDEX.md" {
                let rel = format!("{sub}/{name}");
                assert!(EXPECTED.iter().any(|e| e.0 == rel), "{rel} has no expectation");
            }
        }
    }
}
