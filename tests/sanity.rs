//! Input sanity: a text that is no annual report (P004), two reports in one text (P005), a table
//! published unfilled (S009), and the title never taken from a web page's chrome. Failing and
//! passing examples for each, on our own texts (tests/fixtures/sanity and the rules' base report).

use nianbao::{validate, Report};
use std::path::Path;

fn fixture(path: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn base() -> String {
    fixture("rules/base_2021.txt")
}

fn codes(r: &Report) -> Vec<&str> {
    r.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn p004_a_farming_notice_or_an_english_text_gets_that_one_finding() {
    for name in ["sanity/farming_notice.txt", "sanity/english.txt"] {
        let r = validate(&fixture(name));
        assert_eq!(codes(&r), ["P004"], "{name}");
        assert!(r.diagnostics[0].message.contains("不是政府信息公开工作年度报告"));
        assert!(r.repairs.is_empty());
        assert_eq!(r.coverage_verdict(), None, "{name}: nothing was to be read");
    }
    // The empty text too.
    assert_eq!(codes(&validate("")), ["P004"]);
}

#[test]
fn p004_passes_on_a_report_and_on_one_pasted_table() {
    let r = validate(&base());
    assert!(!codes(&r).contains(&"P004"));
    // Only section 三's table, without any heading: a report's table (its labels), so not P004.
    let text = base();
    let start = text.find("申请人情况").unwrap();
    let end = text.find("四、政府信息公开行政复议").unwrap();
    let r = validate(&text[start..end]);
    assert!(!codes(&r).contains(&"P004"), "{:?}", codes(&r));
}

#[test]
fn p005_two_reports_pasted_together_are_checked_one_at_a_time() {
    let first = base();
    let second = first.replace("青禾县自然资源局2023年", "青禾县自然资源局2022年");
    let text = format!("{first}\n\n{second}");
    let r = validate(&text);
    let p005: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "P005").collect();
    assert_eq!(p005.len(), 1, "{:?}", codes(&r));
    // It points at the second report's title, and only the first was checked.
    let at = p005[0].spans[0];
    assert_eq!(&text[at.start..at.end], "青禾县自然资源局2022年政府信息公开工作年度报告");
    assert_eq!(r.year, Some(2023));
    assert!(!codes(&r).contains(&"S002"), "no 'appears twice' per section: {:?}", codes(&r));
    assert_eq!(r.count(nianbao::Severity::Error), 0);
}

#[test]
fn p005_the_same_report_pasted_twice_is_one_finding_not_six() {
    let text = format!("{}\n{}", base(), base());
    let r = validate(&text);
    assert_eq!(codes(&r), ["P005"], "{:?}", codes(&r));
}

#[test]
fn p005_passes_on_one_report_with_a_table_of_contents() {
    let text = base();
    let contents = "目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\
                    四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n";
    let at = text.find("一、总体情况").unwrap();
    let with_contents = format!("{}{contents}{}", &text[..at], &text[at..]);
    assert!(!codes(&validate(&with_contents)).contains(&"P005"));
    assert!(!codes(&validate(&text)).contains(&"P005"));
}

/// The base report with every value cell of section 三's table blanked.
fn unfilled_applications() -> String {
    let text = base();
    let (start, end) = (text.find("申请人情况").unwrap(), text.find("四、政府信息公开行政复议").unwrap());
    let table: String = text[start..end]
        .lines()
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            let numbers = cells.iter().rev().take_while(|c| c.trim().parse::<u32>().is_ok()).count();
            if numbers == 7 {
                let mut kept: Vec<&str> = cells[..cells.len() - 7].to_vec();
                kept.extend([""; 7]);
                kept.join("\t")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    format!("{}{table}\n{}", &text[..start], &text[end..])
}

#[test]
fn s009_an_unfilled_table_is_an_error() {
    let r = validate(&unfilled_applications());
    let s009: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "S009").collect();
    assert_eq!(s009.len(), 1, "{:?}", codes(&r));
    assert!(s009[0].message.starts_with("第三部分的表格未填写：读到的 175 个单元格全部为空白"), "{}", s009[0].message);
    assert_eq!(r.coverage.applications.read, 175);
}

#[test]
fn s009_passes_on_a_table_of_zeros_and_on_a_filled_table() {
    let r = validate(&base());
    assert!(!codes(&r).contains(&"S009"));
    // One cell filled is not "unfilled".
    let text = unfilled_applications().replacen("1.属于国家秘密\t\t", "1.属于国家秘密\t0\t", 1);
    assert!(!codes(&validate(&text)).contains(&"S009"));
}

#[test]
fn the_body_is_never_taken_from_site_chrome() {
    let text = format!("首页 > 政务公开 > 政府信息公开年报\n当前位置：首页 > 年报\nPage8-\n{}", base());
    let r = validate(&text);
    assert_eq!(r.body.as_deref(), Some("青禾县自然资源局"));
    assert_eq!(r.year, Some(2023));
    // No title line at all: the one 现发布《…》 names.
    let base = base();
    let body = &base[base.find('\n').unwrap() + 1..];
    let text = format!("首页 > 政府信息公开年报\n现发布《青禾县自然资源局2023年政府信息公开工作年度报告》。\n{body}");
    assert_eq!(validate(&text).body.as_deref(), Some("青禾县自然资源局"));
}
