//! The narrative rules (N001–N003, N006): the report's text against its own tables. Failing and passing
//! examples built by editing the clean base report (tests/fixtures/rules/base_2021.txt, whose text
//! says "全年新收政府信息公开申请236件，上年结转6件，办结233件，其中予以公开32件、部分公开6件，
//! 结转下年度继续办理9件。因政府信息公开被申请行政复议5件，被提起行政诉讼5件。"), the sentences
//! that must NOT be read as claims (false alarms are bugs), and the exact N findings over the real
//! reports in ../shared/corpus (SKIPPED when it is absent).

mod common;

use common::*;
use nianbao::{Report, Severity};
use std::path::Path;

const ERROR: Severity = Severity::Error;
const WARNING: Severity = Severity::Warning;

const APPLICATIONS_SENTENCE: &str =
    "全年新收政府信息公开申请236件，上年结转6件，办结233件，其中予以公开32件、部分公开6件，结转下年度继续办理9件。";
const REVIEWS_SENTENCE: &str = "因政府信息公开被申请行政复议5件，被提起行政诉讼5件。";

/// The findings of the rules tested here (N004 and N005 are in tests/structure_rules.rs).
fn n_codes(r: &Report) -> Vec<String> {
    r.diagnostics
        .iter()
        .filter(|d| ["N001", "N002", "N003", "N006"].contains(&d.code.as_str()))
        .map(|d| d.code.clone())
        .collect()
}

/// The base with one sentence of its narrative replaced.
fn say(old: &str, new: &str) -> (Built, Report) {
    Doc::base().replace_once(old, new).validate()
}

/// The base with a sentence added to its 总体情况.
fn add_sentence(sentence: &str) -> (Built, Report) {
    say(REVIEWS_SENTENCE, &format!("{REVIEWS_SENTENCE}{sentence}"))
}

#[test]
fn base_reports_have_no_narrative_findings() {
    for doc in [Doc::base(), Doc::base_2019()] {
        let (_, r) = doc.validate();
        assert!(n_codes(&r).is_empty(), "{}", list_diagnostics(&r));
    }
}

// ---- N001 ----

#[test]
fn n001_received_count_contradicts_new_received() {
    let (b, r) = say("新收政府信息公开申请236件", "新收政府信息公开申请263件");
    let d = with_cells(&r, "N001", &[app("new_received", "total")]);
    assert_eq!(d.severity, ERROR);
    assert!(d.message.contains("263") && d.message.contains("236"), "{}", d.message);
    // Both places: the sentence and the table cell.
    assert!(points_at(d, &b.at("新收政府信息公开申请236件")), "{:?}", d.spans);
    assert_eq!(d.spans.len(), 2);
    assert!(has_place(&b.text, d));
}

#[test]
fn n001_received_may_count_carried_over_applications() {
    // 236 new + 6 carried over: "收到申请242件" counts both, which is not a contradiction.
    let (_, r) = say(APPLICATIONS_SENTENCE, "全年共收到政府信息公开申请242件，办结233件。");
    silent(&r, "N001");
}

#[test]
fn n001_each_subject_against_its_cell() {
    let cases: [(&str, &str, String); 7] = [
        ("上年结转6件", "上年结转7件", app("carried_over", "total")),
        ("办结233件", "办结223件", app("total_processed", "total")),
        ("其中予以公开32件", "其中予以公开23件", app("granted", "total")),
        ("部分公开6件", "部分公开5件", app("partially_granted", "total")),
        ("结转下年度继续办理9件", "结转下年度继续办理19件", app("carried_forward", "total")),
        ("被申请行政复议5件", "被申请行政复议4件", rl("review_total")),
        ("被提起行政诉讼5件", "被提起行政诉讼6件", rl("direct_suit_total")),
    ];
    for (old, new, cell) in cases {
        let (_, r) = say(old, new);
        let found = fires(&r, "N001", ERROR);
        assert_eq!(found.len(), 1, "{new}: {}", list_diagnostics(&r));
        assert!(paths(found[0]).contains(&cell), "{new}: {:?} lacks {cell}", paths(found[0]));
    }
}

#[test]
fn n001_result_groups_are_added_up() {
    // The base's （三）不予公开 rows add up to 100 and （四）无法提供 to 30.
    let base = Doc::base();
    let group = |prefix: &str, rows: &[&str]| {
        rows.iter().map(|r| base.value(&app(&format!("{prefix}{r}"), "total"))).sum::<f64>()
    };
    let denied = [
        "state_secret",
        "prohibited_by_law",
        "three_safeties",
        "third_party_rights",
        "internal_affairs",
        "process_info",
        "enforcement_files",
        "query_items",
    ];
    assert_eq!(group("denied_", &denied), 100.0);
    assert_eq!(group("unable_", &["not_held", "needs_creation", "unclear_after_correction"]), 30.0);
    let (_, right) = add_sentence("不予公开100件，无法提供30件。");
    silent(&right, "N001");
    let (_, wrong) = add_sentence("不予公开80件。");
    let d = &fires(&wrong, "N001", ERROR)[0];
    assert!(d.message.contains("（三）不予公开") && d.message.contains("100"), "{}", d.message);
    assert_eq!(d.cells.len(), 8, "every 不予公开 row's 总计");
}

#[test]
fn n001_section_two_figures_and_fees() {
    let (_, right) = add_sentence("本年制发行政规范性文件5件，作出行政处罚决定57件，行政事业性收费12.5万元。");
    silent(&right, "N001");
    // 125000元 is 12.5万元; 13万元 may be 12.5 rounded.
    let (_, rounded) = add_sentence("行政事业性收费125000元。全年行政事业性收费约13万元。行政事业性收费13万元。");
    silent(&rounded, "N001");
    let (_, wrong) = add_sentence("本年制发行政规范性文件7件。行政事业性收费14万元。作出行政许可决定1368件。");
    let cells: Vec<Vec<String>> = fires(&wrong, "N001", ERROR).iter().map(|d| paths(d)).collect();
    assert_eq!(
        cells,
        vec![vec![ad("normative_documents", "issued")], vec![ad("fees", "amount")], vec![ad("licensing", "decisions")]],
        "{}",
        list_diagnostics(&wrong)
    );
}

#[test]
fn n001_blank_total_gives_a_lower_bound() {
    // 总计 blank: the applicant cells add up to 236, so the count is at least 236.
    let blank = || Doc::base().set(&app("new_received", "total"), "");
    let (_, r) = blank().replace_once("新收政府信息公开申请236件", "新收政府信息公开申请230件").validate();
    let d = &fires(&r, "N001", ERROR)[0];
    assert!(d.message.contains("至少 236"), "{}", d.message);
    // More than the cells show cannot be judged: the blank may hold the rest.
    let (_, r) = blank().replace_once("新收政府信息公开申请236件", "新收政府信息公开申请250件").validate();
    silent(&r, "N001");
}

#[test]
fn n001_unreadable_figure_is_not_judged() {
    let (_, r) = Doc::base()
        .set(&app("total_processed", "total"), "二百三十三")
        .replace_once("办结233件", "办结200件")
        .validate();
    silent(&r, "N001");
}

/// The base with its narrative's new-applications count replaced, pasted up to the end of the
/// line that holds `last`.
fn cut_after(count: &str, last: &str) -> Report {
    let (b, _) = say("新收政府信息公开申请236件", &format!("新收政府信息公开申请{count}件"));
    let at = b.text.find(last).expect(last);
    let end = b.text[at..].find('\n').map_or(b.text.len(), |i| at + i + 1);
    nianbao::validate(&b.text[..end])
}

#[test]
fn n001_a_row_read_complete_is_judged_when_the_paste_is_cut_further_down() {
    // Cut after 上年结转 (itself unread: the last line may be cut): 本年新收 was read, so the
    // applications received are at least its 236 — 200 contradicts it, 300 may count both rows.
    let r = cut_after("200", "二、上年结转政府信息公开申请数量");
    let d = with_cells(&r, "N001", &[app("new_received", "total")]);
    assert!(d.message.contains("至少 236"), "{}", d.message);
    for count in ["236", "300"] {
        let r = cut_after(count, "二、上年结转政府信息公开申请数量");
        silent(&r, "N001");
    }
    // Cut after 本年新收 itself: nothing read, nothing judged.
    let r = cut_after("200", "一、本年新收政府信息公开申请数量");
    silent(&r, "N001");
}

#[test]
fn n001_applications_counted_in_other_units() {
    for s in ["全年新收政府信息公开申请263条", "全年新收政府信息公开申请263份", "全年新收263份政府信息公开申请"]
    {
        let (_, r) = say("全年新收政府信息公开申请236件", s);
        with_cells(&r, "N001", &[app("new_received", "total")]);
        let right = s.replace("263", "236");
        let (_, r) = say("全年新收政府信息公开申请236件", &right);
        assert!(n_codes(&r).is_empty(), "{right}: {}", list_diagnostics(&r));
    }
    // 个 of something else, 人次 and 次 are not counts of applications.
    for s in ["全年新收5个单位的政府信息公开申请", "全年新收政府信息公开申请263人次", "全年新收政府信息公开申请263次"]
    {
        let (_, r) = say("全年新收政府信息公开申请236件", s);
        silent(&r, "N001");
    }
}

#[test]
fn n001_sentences_that_are_not_claims() {
    let not_claims = [
        // Two subjects with two numbers, each its own; 主动公开 items; percentages; dates.
        "全年主动公开政府信息236条，公开政策解读12件，予以公开的占13.7%。",
        "2023年12月31日前收到的申请均已答复。",
        // A part of the body; applicants; a comparison; another year; channels; 信访 and 网络问政.
        "局办公室代表本局受理政府信息公开申请17件。",
        "其中自然人申请110件。",
        "申请数量较上年增加20件。",
        "2022年共受理政府信息公开申请180件。",
        "通过信函方式收到申请3件。",
        "全年受理网络问政182件，群众来信办结45件。",
        // Two subjects sharing one number.
        "行政复议、行政诉讼案件共10件。",
        // Cases filed with another office.
        "全市备案行政复议案件134件，行政诉讼案件57件。",
    ];
    for s in not_claims {
        let (_, r) = add_sentence(s);
        assert!(n_codes(&r).is_empty(), "{s}: {}", list_diagnostics(&r));
    }
}

// ---- N002 ----

#[test]
fn n002_total_and_listed_parts() {
    let (b, wrong) = add_sentence("全年主动公开政府信息805条，其中政策文件120条，工作动态600条，其他信息84条。");
    let d = &fires(&wrong, "N002", WARNING)[0];
    assert!(d.message.contains("805") && d.message.contains("804") && d.message.contains("相差 1"), "{}", d.message);
    assert_eq!(d.spans.len(), 4, "the total and its three parts");
    assert_eq!(&b.text[d.spans[0].start..d.spans[0].end], "805");
    let (_, right) = add_sentence("全年主动公开政府信息805条，其中政策文件120条，工作动态600条，其他信息85条。");
    silent(&right, "N002");
}

#[test]
fn n002_only_exhaustive_exact_lists() {
    for s in [
        // No catch-all part: the list may be a selection.
        "全年主动公开政府信息805条，其中政策文件120条，工作动态600条。",
        // An approximate part.
        "全年主动公开政府信息805条，其中政策文件120余条，其他信息600条。",
        // Parts in another unit.
        "全年主动公开政府信息805条，其中政策文件120件，其他信息600条。",
    ] {
        let (_, r) = add_sentence(s);
        silent(&r, "N002");
    }
    // The applicant breakdown ends in 法人或其他组织: exhaustive, and right.
    let (_, r) = add_sentence("共收到政府信息公开申请236件，其中自然人申请110件，法人或其他组织申请126件。");
    silent(&r, "N002");
    let (_, r) = add_sentence("共收到政府信息公开申请236件，其中自然人申请110件，法人或其他组织申请120件。");
    assert_eq!(fires(&r, "N002", WARNING).len(), 1);
}

#[test]
fn n002_parts_introduced_by_other_words() {
    for intro in ["包括", "分别为", "其中包括"] {
        let (_, wrong) =
            add_sentence(&format!("全年主动公开政府信息805条，{intro}政策文件120条，工作动态600条，其他信息84条。"));
        assert_eq!(fires(&wrong, "N002", WARNING).len(), 1, "{intro}");
        let (_, right) =
            add_sentence(&format!("全年主动公开政府信息805条，{intro}政策文件120条，工作动态600条，其他信息85条。"));
        silent(&right, "N002");
        silent(&right, "N006");
    }
    // Counts in other units (次, 人次, 项, 个, 份) are lists like any other.
    let (_, wrong) = add_sentence("全年开展培训12次，其中线上培训5次，线下培训4次，其他培训2次。");
    assert_eq!(fires(&wrong, "N002", WARNING).len(), 1);
    let (_, right) = add_sentence("全年接待群众查阅80人次，其中现场查阅50人次，其他30人次。");
    silent(&right, "N002");
    // 含 names one part included, and 另有 is not a part: no list.
    let (_, r) = add_sentence("共答复申请233件（含上年度结转申请6件，另有9件顺延到下年度答复）。");
    silent(&r, "N002");
    silent(&r, "N006");
}

// ---- N006 ----

#[test]
fn n006_open_list_whose_parts_exceed_the_total() {
    let (b, wrong) = add_sentence("全年主动公开政府信息805条，其中政策文件220条，工作动态600条。");
    let d = &fires(&wrong, "N006", Severity::Info)[0];
    assert!(d.message.contains("805") && d.message.contains("820") && d.message.contains("多出 15"), "{}", d.message);
    assert_eq!(d.spans.len(), 3, "the total and its two parts");
    assert_eq!(&b.text[d.spans[0].start..d.spans[0].end], "805");
    silent(&wrong, "N002");
    for s in [
        // The parts are the whole, or a selection of it.
        "全年主动公开政府信息805条，其中政策文件205条，工作动态600条。",
        "全年主动公开政府信息805条，其中政策文件120条，工作动态600条。",
        // Closed by 等, or said to be the main ones.
        "全年主动公开政府信息805条，其中政策文件220条，工作动态600条等。",
        "全年主动公开政府信息805条，主要包括政策文件220条，工作动态600条。",
        "全年主动公开政府信息805条，其中主要是政策文件220条，工作动态600条。",
        // One part only; parts in another unit.
        "全年主动公开政府信息805条，其中政策文件820条。",
        "全年主动公开政府信息805条，其中政策文件220件，工作动态600条。",
        // A part broken down in brackets: the bracketed counts are not parts.
        "全年主动公开政府信息805条，其中政策文件205条（市政府文件100条、部门文件105条）、工作动态600条。",
    ] {
        let (_, r) = add_sentence(s);
        silent(&r, "N006");
        silent(&r, "N002");
    }
    let (_, r) = add_sentence("全年开展培训12次，包括线上培训5次，线下培训8次。");
    assert_eq!(fires(&r, "N006", Severity::Info).len(), 1);
}

// ---- N003 ----

#[test]
fn n003_all_concluded_while_carried_forward() {
    let (b, r) = say("结转下年度继续办理9件", "所有申请均已按时办结");
    let d = &fires(&r, "N003", WARNING)[0];
    assert_eq!(paths(d), vec![app("carried_forward", "total")]);
    assert!(d.message.contains("均已按时办结") && d.message.contains('9'), "{}", d.message);
    assert!(points_at(d, &b.at("结转下年度继续办理9件")), "{:?}", d.spans);
}

/// The base with nothing carried forward: each column's 结转 moved into （六）3.其他 and （七）总计.
fn nothing_carried_forward() -> Doc {
    let base = Doc::base();
    let mut doc = Doc::base();
    for col in APP_COLS {
        let carried = base.value(&app("carried_forward", col)) as i64;
        doc = doc
            .set(&app("carried_forward", col), "0")
            .add(&app("other_other", col), carried)
            .add(&app("total_processed", col), carried);
    }
    doc
}

#[test]
fn n003_all_concluded_when_nothing_is_carried_forward() {
    let (_, r) = nothing_carried_forward()
        .replace_once(
            APPLICATIONS_SENTENCE,
            "全年新收政府信息公开申请236件，上年结转6件，办结242件，所有申请均已按时办结。",
        )
        .validate();
    assert!(!r.diagnostics.iter().any(|d| d.severity == ERROR), "{}", list_diagnostics(&r));
    silent(&r, "N003");
}

#[test]
fn n003_no_applications_while_the_table_has_them() {
    let (_, r) = say(APPLICATIONS_SENTENCE, "本年度未收到政府信息公开申请。");
    let d = &fires(&r, "N003", WARNING)[0];
    assert_eq!(paths(d), vec![app("new_received", "total")]);
    // "未收到行政复议申请" is about reviews, not applications for information.
    let (_, r) = add_sentence("本年度未收到行政复议申请。");
    silent(&r, "N003");
}

#[test]
fn n003_all_upheld_while_cases_are_corrected_or_pending() {
    // The base's section 四: 复议 3 1 0 1 5, direct suits 2 0 1 0 3, suits after review 1 1 0 0 2.
    let (_, r) = say(REVIEWS_SENTENCE, "因政府信息公开被申请行政复议5件，均获维持。");
    let d = &fires(&r, "N003", WARNING)[0];
    assert_eq!(paths(d), vec![rl("review_corrected"), rl("review_pending")]);
    let upheld_only = Doc::base()
        .set(&rl("review_upheld"), "5")
        .set(&rl("review_corrected"), "0")
        .set(&rl("review_pending"), "0")
        .replace_once(REVIEWS_SENTENCE, "因政府信息公开被申请行政复议5件，均获维持。");
    let (_, r) = upheld_only.validate();
    silent(&r, "N003");
}

// ---- the real reports ----

/// The N findings of each real report, read off the texts by hand:
/// - seed 001 says "2024年度受理依申请公开1件"; its table's 总计 column says 0 for 本年新收.
/// - 007/008 (平潭 2019, 2020) list the 主动公开 items by kind ending in "其他应主动公开政府信息":
///   25+68+28+69+90+175+67+983+48+124+856 = 2533, not the stated 2599; the 2020 list adds up to
///   2603, not 2602.
/// - 015 (上海 2019): "予以公开及部分公开258件" (table: at least 275), "无法提供265件" (table: at least
///   337; 265 is only the 不掌握 row), and "复议7件，诉讼9件，均获维持" with 尚未审结 2 and 1.
/// - 016 (上海科委 2024): "所有申请均已按要求办理完成" while 1 is carried forward.
///
/// Every other report's statements agree with its tables (010's "收到申请75件" is 74 new + 1
/// carried over; 004–006's "区政府办代表区政府受理…17件" is a part of the district's 95).
const CORPUS_N_FINDINGS: [(&str, &[&str]); 27] = [
    ("seeds/000_b83a8c39339a3236.txt", &[]),
    ("seeds/001_c90ea95a19170d68.txt", &["N001"]),
    ("seeds/002_0d5fbfa6f6b06582.txt", &[]),
    ("seeds/003_fe04592393095997.txt", &[]),
    ("seeds/004_786e169b628eab26.txt", &[]),
    ("real/001-hongze-district-2023-pdftotext-layout.txt", &[]),
    ("real/002-hongze-district-2023-pdftotext-default.txt", &[]),
    ("real/003-hongze-district-2023-pdftotext-raw.txt", &[]),
    ("real/004-hongze-district-2024-pdftotext-layout.txt", &[]),
    ("real/005-hongze-district-2024-pdftotext-default.txt", &[]),
    ("real/006-hongze-district-2024-pdftotext-raw.txt", &[]),
    ("real/007-pingtan-2019-crawler-glued.txt", &["N002"]),
    ("real/008-pingtan-2020-crawler-glued.txt", &["N002"]),
    ("real/009-pingtan-2021-crawler-glued.txt", &[]),
    ("real/010-pingtan-2022-crawler-glued.txt", &[]),
    ("real/011-pingtan-2023-crawler-glued.txt", &[]),
    ("real/012-pingtan-2024-crawler-glued.txt", &[]),
    ("real/013-pingtan-2025-crawler-glued.txt", &[]),
    ("real/014-suqian-city-2023vs2024-toolrendered-sidebyside.txt", &[]),
    ("real/015-shanghai-govoffice-2019-html-tab-rows.txt", &["N001", "N001", "N003"]),
    // N006: "发布信息2139条，其中动态类1744条，政务393条，解读类21条，回应热点2条" = 2160, 21 more
    // than the total (the 解读类 21 counted twice, or a wrong number) — checked by hand.
    ("real/016-shanghai-stcsm-2024-pdf-markdown.md", &["N003", "N006"]),
    ("real/017-shanghai-govoffice-2025-pdf-markdown.md", &[]),
    ("real/018-shuyang-county-2025-pdf-markdown.txt", &[]),
    ("real/019-shuyang-drc-2023-html-tab-rows.txt", &[]),
    ("real/020-huaian-city-2024-section3-fragment-pypdf.txt", &[]),
    ("real/021-huaian-city-2024-pdftotext-layout.txt", &[]),
    ("real/022-huaian-city-2024-pdftotext-default.txt", &[]),
];

#[test]
fn corpus_narrative_findings_are_exactly_the_real_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !root.is_dir() {
        eprintln!(
            "SKIPPED: {} is absent; the narrative findings over the real reports were not checked",
            root.display()
        );
        return;
    }
    let mut problems = Vec::new();
    for (file, expected) in CORPUS_N_FINDINGS {
        let text = String::from_utf8_lossy(&std::fs::read(root.join(file)).expect(file)).into_owned();
        let r = nianbao::validate(&text);
        let mut got = n_codes(&r);
        got.sort();
        if got != *expected {
            problems.push(format!("{file}: expected {expected:?}, got {got:?}\n{}", list_diagnostics(&r)));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
