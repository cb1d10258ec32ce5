//! One failing and one passing example per rule, built by editing a clean base report
//! (tests/fixtures/rules/base_2021.txt, tab rows; base_2019.txt for the 2019 format), plus the
//! cases that must NOT fire: false alarms are bugs.
//!
//! Cell conventions asserted exactly (`diagnostics[].cells`, in order):
//! R001 in column c → [new_received.c, carried_over.c, total_processed.c, carried_forward.c];
//! R002 in column c → every detail row's c, then total_processed.c; R003 on row r → its 7 cells;
//! L001 → the block's 5 cells; A001/A002 → the one cell; A003 → [issued, in_force];
//! A004 → the regulations row's non-zero cells; R005 → the non-number operand cells.

mod common;

use common::*;
use nianbao::text::floor_char;
use nianbao::{CellKind, Diagnostic, Report, Severity};
use std::ops::Range;

const ERROR: Severity = Severity::Error;
const WARNING: Severity = Severity::Warning;
const INFO: Severity = Severity::Info;

fn r001_cells(col: &str) -> Vec<String> {
    ["new_received", "carried_over", "total_processed", "carried_forward"].iter().map(|r| app(r, col)).collect()
}

fn r002_cells(details: &[&str], col: &str) -> Vec<String> {
    details.iter().map(|r| app(r, col)).chain([app("total_processed", col)]).collect()
}

fn row_cells(row: &str) -> Vec<String> {
    APP_COLS.iter().map(|c| app(row, c)).collect()
}

fn block_cells(block: &str) -> Vec<String> {
    ["upheld", "corrected", "other", "pending", "total"].iter().map(|k| rl(&format!("{block}_{k}"))).collect()
}

/// The message states both sides and their difference ("… = 243 … = 242，相差 1").
fn states_sides(d: &Diagnostic, lhs: f64, rhs: f64) {
    let (l, r) = (fmt_value(lhs), fmt_value(rhs));
    let diff = fmt_value((lhs - rhs).abs());
    assert!(d.message.contains(&l), "{} message lacks {l}: {}", d.code, d.message);
    assert!(d.message.contains(&r), "{} message lacks {r}: {}", d.code, d.message);
    assert!(
        d.message.contains(&format!("相差 {diff}")) || d.message.contains(&format!("相差 -{diff}")),
        "{} message lacks 相差 {diff}: {}",
        d.code,
        d.message
    );
}

/// Some non-empty span of `d` overlaps `r`.
fn overlaps(d: &Diagnostic, r: &Range<usize>) -> bool {
    d.spans.iter().any(|s| s.start < s.end && s.start < r.end && r.start < s.end)
}

fn cell_kind(r: &Report, t: &str, row: &str, col: &str) -> Option<CellKind> {
    table(r, t).and_then(|t| common::cell_named(t, row, col)).map(|c| c.kind)
}

fn sum(doc: &Doc, rows: &[&str], col: &str) -> f64 {
    rows.iter().map(|r| doc.value(&app(r, col))).sum()
}

// ------------------------------------------------------------------------------------------
// Clean reports: nothing fires
// ------------------------------------------------------------------------------------------

#[test]
fn clean_base_fires_nothing() {
    let (b, r) = Doc::base().validate();
    for code in CODES {
        silent(&r, code);
    }
    assert_eq!(r.count(ERROR) + r.count(WARNING), 0, "{}", list_diagnostics(&r));
    assert!(
        r.tables.active_disclosure.is_some()
            && r.tables.applications.is_some()
            && r.tables.reviews_litigation.is_some()
    );
    assert!(!b.text.is_empty());
}

#[test]
fn clean_base_2019_fires_nothing() {
    let (_, r) = Doc::base_2019().validate();
    for code in CODES {
        silent(&r, code);
    }
    assert_eq!(r.count(ERROR) + r.count(WARNING), 0, "{}", list_diagnostics(&r));
}

// ------------------------------------------------------------------------------------------
// S001 a required section is missing
// ------------------------------------------------------------------------------------------

#[test]
fn s001_missing_section_fires() {
    let d = Doc::base();
    let (five, six) = (d.find("五、存在的主要问题及改进情况"), d.find("六、其他需要报告的事项"));
    let (_, r) = d.replace_range("five", five..six, "").validate();
    fires(&r, "S001", ERROR);
}

#[test]
fn s001_missing_last_section_fires() {
    let d = Doc::base();
    let six = d.find("六、其他需要报告的事项");
    let end = d.fx.text.len();
    let (_, r) = d.replace_range("six", six..end, "").validate();
    fires(&r, "S001", ERROR);
    no_identity_errors(&r);
}

#[test]
fn s001_variant_titles_pass() {
    let (_, r) = Doc::base()
        .replace_once("一、总体情况", "一、政府信息公开总体情况")
        .replace_once(
            "四、政府信息公开行政复议、行政诉讼情况",
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        )
        .replace_once("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况")
        .validate();
    silent(&r, "S001");
    no_errors(&r);
}

// ------------------------------------------------------------------------------------------
// S004 a ≥2021 report in the 2019 format
// ------------------------------------------------------------------------------------------

#[test]
fn s004_2019_tables_in_2022_report_fires() {
    let (_, r) = Doc::base_2019().replace_all("2020", "2022").validate();
    assert_eq!(r.year, Some(2022));
    fires(&r, "S004", ERROR);
    no_identity_errors(&r);
}

#[test]
fn s004_2019_tables_in_2020_report_pass() {
    let (_, r) = Doc::base_2019().validate();
    assert_eq!(r.format, nianbao::Format::F2019);
    assert_eq!(r.year, Some(2020));
    silent(&r, "S004");
}

// ------------------------------------------------------------------------------------------
// S008 a section's table is missing
// ------------------------------------------------------------------------------------------

#[test]
fn s008_reviews_table_replaced_by_sentence_fires() {
    let d = Doc::base();
    let title = "四、政府信息公开行政复议、行政诉讼情况\n";
    let start = d.find(title) + title.len();
    let end = d.find("五、存在的主要问题及改进情况");
    let (b, r) = d
        .replace_range("table", start..end, "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。\n")
        .validate();
    let ds = fires(&r, "S008", ERROR);
    assert!(ds.iter().any(|d| has_place(&b.text, d)), "S008 should point at the section");
    assert!(r.tables.reviews_litigation.is_none(), "a table the text lacks is null");
    silent(&r, "L001");
}

#[test]
fn s008_applications_table_replaced_by_sentence_fires() {
    let d = Doc::base();
    let title = "三、收到和处理政府信息公开申请情况\n";
    let start = d.find(title) + title.len();
    let end = d.find("四、政府信息公开行政复议、行政诉讼情况");
    let (b, r) = d.replace_range("table", start..end, "本年度本机关未收到政府信息公开申请。\n").validate();
    let ds = fires(&r, "S008", ERROR);
    assert!(ds.iter().any(|d| has_place(&b.text, d)));
    assert!(r.tables.applications.is_none());
    no_identity_errors(&r);
}

#[test]
fn s008_sentence_before_table_passes() {
    let fx = Fixture::load("layouts/sentence_before_table");
    let r = nianbao::validate(&fx.text);
    silent(&r, "S008");
}

// ------------------------------------------------------------------------------------------
// Section 二: A001–A005
// ------------------------------------------------------------------------------------------

#[test]
fn a001_negative_count_fires() {
    let path = ad("licensing", "decisions");
    let (b, r) = Doc::base().set(&path, "-3").validate();
    fires(&r, "A001", ERROR);
    let d = with_cells(&r, "A001", std::slice::from_ref(&path));
    assert!(points_at(d, &b.at(&path)), "A001 should point at the cell: {:?}", d.spans);
}

#[test]
fn a001_fractional_count_fires() {
    let path = ad("normative_documents", "issued");
    let (b, r) = Doc::base().set(&path, "2.5").validate();
    fires(&r, "A001", ERROR);
    let d = with_cells(&r, "A001", std::slice::from_ref(&path));
    assert!(points_at(d, &b.at(&path)));
}

#[test]
fn a001_fee_decimals_and_signed_changes_pass() {
    let (_, r) = Doc::base().set(&ad("fees", "amount"), "390.9220").validate();
    silent(&r, "A001");
    // 2019: 本年增/减 holds signed numbers ("-1", "+2"); they are not negative counts
    let (_, r) = Doc::base_2019().validate();
    silent(&r, "A001");
}

#[test]
fn a002_unit_in_cell_fires() {
    let path = ad("fees", "amount");
    let (b, r) = Doc::base().set(&path, "12.5万元").validate();
    fires(&r, "A002", WARNING);
    let d = with_cells(&r, "A002", std::slice::from_ref(&path));
    assert!(points_at(d, &b.at(&path)));
}

#[test]
fn a002_several_numbers_in_cell_fires() {
    let path = ad("penalty", "decisions");
    let (_, r) = Doc::base().set(&path, "0 0 0").validate();
    fires(&r, "A002", WARNING);
    with_cells(&r, "A002", &[path]);
}

#[test]
fn a003_issued_above_in_force_fires() {
    let (_, r) = Doc::base().set(&ad("normative_documents", "issued"), "60").validate();
    fires(&r, "A003", WARNING);
    with_cells(&r, "A003", &[ad("normative_documents", "issued"), ad("normative_documents", "in_force")]);
}

#[test]
fn a003_issued_equal_in_force_passes() {
    let (_, r) = Doc::base().set(&ad("normative_documents", "issued"), "48").validate();
    silent(&r, "A003");
}

#[test]
fn a004_department_reports_regulations_fires() {
    let (_, r) = Doc::base().set(&ad("regulations", "issued"), "1").set(&ad("regulations", "in_force"), "3").validate();
    fires(&r, "A004", WARNING);
    with_cells(&r, "A004", &[ad("regulations", "issued"), ad("regulations", "in_force")]);
}

#[test]
fn a004_town_reports_regulations_fires() {
    let (_, r) = Doc::base()
        .replace_all("青禾县自然资源局", "云岭镇人民政府")
        .set(&ad("regulations", "issued"), "2")
        .set(&ad("regulations", "repealed"), "1")
        .set(&ad("regulations", "in_force"), "6")
        .validate();
    assert_eq!(r.body.as_deref(), Some("云岭镇人民政府"));
    fires(&r, "A004", WARNING);
    with_cells(
        &r,
        "A004",
        &[ad("regulations", "issued"), ad("regulations", "repealed"), ad("regulations", "in_force")],
    );
}

#[test]
fn a004_province_reports_regulations_passes() {
    let (_, r) = Doc::base()
        .replace_all("青禾县自然资源局", "云州省人民政府")
        .set(&ad("regulations", "issued"), "2")
        .set(&ad("regulations", "in_force"), "15")
        .validate();
    silent(&r, "A004");
    // and the department with 规章 all 0 (the base) does not fire either
    let (_, r) = Doc::base().validate();
    silent(&r, "A004");
}

#[test]
fn a004_government_office_reports_its_governments_regulations_passes() {
    for body in ["云州市人民政府办公室", "云州省人民政府办公厅", "云州市政府办"] {
        let (_, r) = Doc::base()
            .replace_all("青禾县自然资源局", body)
            .set(&ad("regulations", "issued"), "2")
            .set(&ad("regulations", "in_force"), "15")
            .validate();
        assert_eq!(r.body.as_deref(), Some(body));
        silent(&r, "A004");
    }
    // A department's own office is a department: it fires.
    let (_, r) = Doc::base()
        .replace_all("青禾县自然资源局", "青禾县自然资源局办公室")
        .set(&ad("regulations", "issued"), "2")
        .validate();
    fires(&r, "A004", WARNING);
}

#[test]
fn a005_fee_header_without_unit_fires() {
    let (b, r) = Doc::base().replace_once("本年收费金额（单位：万元）", "本年收费金额").validate();
    let ds = fires(&r, "A005", INFO);
    assert!(ds.iter().any(|d| has_place(&b.text, d)));
}

#[test]
fn a005_fee_with_many_decimals_fires() {
    let (_, r) = Doc::base().set(&ad("fees", "amount"), "12.123456").validate();
    fires(&r, "A005", INFO);
}

#[test]
fn a005_four_decimals_pass() {
    let (_, r) = Doc::base().set(&ad("fees", "amount"), "390.9220").validate();
    silent(&r, "A005");
}

// ------------------------------------------------------------------------------------------
// Section 三: R001–R006
// ------------------------------------------------------------------------------------------

#[test]
fn r001_column_identity_fires() {
    let doc = Doc::base();
    let nr = app("new_received", "total");
    let lhs = doc.value(&nr) + 1.0 + doc.value(&app("carried_over", "total"));
    let rhs = doc.value(&app("total_processed", "total")) + doc.value(&app("carried_forward", "total"));
    let (b, r) = doc.add(&nr, 1).validate();
    fires(&r, "R001", ERROR);
    let d = with_cells(&r, "R001", &r001_cells("total"));
    states_sides(d, lhs, rhs);
    assert!(points_at(d, &b.at(&nr)), "R001 should point at the changed cell: {:?}", d.spans);
    // the same change breaks row 一's sum
    with_cells(&r, "R003", &row_cells("new_received"));
    silent(&r, "R002");
    assert_eq!(with_code(&r, "R001").len(), 1, "only the 总计 column fails:\n{}", list_diagnostics(&r));
}

#[test]
fn r001_passes_on_clean_base() {
    let (_, r) = Doc::base().validate();
    silent(&r, "R001");
}

/// The best repair as (cell path, from, to), sorted.
fn best_repair(r: &Report) -> Vec<(String, f64, f64)> {
    let mut v: Vec<(String, f64, f64)> = r.repairs.first().map_or(Vec::new(), |b| {
        b.changes.iter().map(|c| (format!("{}.{}.{}", c.table, c.row, c.col), c.from, c.to)).collect()
    });
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn r007_names_the_one_changed_cell_and_its_value() {
    let doc = Doc::base();
    let cell = app("granted", "commercial");
    let old = doc.value(&cell);
    let (_, r) = doc.add(&cell, 3).validate();
    let d = fires(&r, "R007", INFO);
    assert_eq!(best_repair(&r), vec![(format!("applications.{}", "granted.commercial"), old + 3.0, old)]);
    assert!(d[0].message.starts_with("可能只需改 1 个单元格："), "{}", d[0].message);
    assert_eq!(paths(d[0]), vec![cell]);
}

#[test]
fn r007_prefers_totals_left_un_updated() {
    // One application moved from 不予公开·国家秘密 to 无法提供·不掌握 in the 自然人 column, the two
    // rows' 总计 left as they were: the likeliest repair updates the two totals (weight 1.2),
    // not moves the application back (2.0).
    let doc = Doc::base();
    let (a, b) = (app("denied_state_secret", "total"), app("unable_not_held", "total"));
    let (av, bv) = (doc.value(&a), doc.value(&b));
    let (_, r) = doc
        .add(&app("denied_state_secret", "natural_person"), -1)
        .add(&app("unable_not_held", "natural_person"), 1)
        .validate();
    let d = fires(&r, "R007", INFO);
    let mut want = vec![(a, av, av - 1.0), (b, bv, bv + 1.0)];
    want.sort_by(|x, y| x.0.cmp(&y.0));
    assert_eq!(best_repair(&r), want, "{}", list_diagnostics(&r));
    assert_eq!(r.repairs[0].weight, 1.2);
    // Moving it back weighs 2.0: not nearly as likely, so not named.
    assert!(
        d[0].message.starts_with("可能只需改 2 个单元格") && !d[0].message.contains("也可能是"),
        "{}",
        d[0].message
    );
}

#[test]
fn r007_takes_the_text_as_evidence() {
    // 办结 raised in the table in the 总计 column only: R003 on （七） and R001 fail. The text
    // says 办结233件, the old value: putting the cell back agrees with it.
    let doc = Doc::base();
    let t = app("total_processed", "total");
    let tv = doc.value(&t);
    let (_, r) = doc.add(&t, 2).validate();
    fires(&r, "R007", INFO);
    assert_eq!(best_repair(&r), vec![(t, tv + 2.0, tv)]);
    assert!(r.repairs[0].text_changes.is_empty());
}

#[test]
fn r007_says_why_it_cannot_localise_many_slips() {
    // Every detail row's 自然人 raised by a different amount: more failing identities than a
    // likeliest correction can honestly name.
    let mut doc = Doc::base();
    for (k, row) in DETAIL_ROWS_2021.iter().enumerate() {
        doc = doc.add(&app(row, "natural_person"), k as i64 + 1);
    }
    let (_, r) = doc.validate();
    let d = fires(&r, "R007", INFO);
    assert!(d[0].message.starts_with("无法定位需要修改的单元格："), "{}", d[0].message);
    assert!(r.repairs.is_empty());
}

#[test]
fn r007_is_silent_when_every_identity_holds_or_none_is_judged() {
    let (_, r) = Doc::base().validate();
    silent(&r, "R007");
    assert!(r.repairs.is_empty());
    // A blank operand: R005's business, nothing to localise.
    let (_, r) = Doc::base().set(&app("granted", "commercial"), "").validate();
    silent(&r, "R007");
}

#[test]
fn r002_results_do_not_add_up_fires() {
    let doc = Doc::base();
    let lhs_np = sum(&doc, &DETAIL_ROWS_2021, "natural_person") + 1.0;
    let rhs_np = doc.value(&app("total_processed", "natural_person"));
    let lhs_t = sum(&doc, &DETAIL_ROWS_2021, "total") + 1.0;
    let rhs_t = doc.value(&app("total_processed", "total"));
    let (b, r) = doc.add(&app("granted", "natural_person"), 1).add(&app("granted", "total"), 1).validate();
    fires(&r, "R002", ERROR);
    let d = with_cells(&r, "R002", &r002_cells(&DETAIL_ROWS_2021, "natural_person"));
    states_sides(d, lhs_np, rhs_np);
    assert!(has_place(&b.text, d), "R002 should point at the column");
    let d = with_cells(&r, "R002", &r002_cells(&DETAIL_ROWS_2021, "total"));
    states_sides(d, lhs_t, rhs_t);
    assert_eq!(with_code(&r, "R002").len(), 2, "{}", list_diagnostics(&r));
    silent(&r, "R001");
    silent(&r, "R003");
}

#[test]
fn r002_2019_uses_the_single_other_row() {
    let doc = Doc::base_2019();
    let lhs = sum(&doc, &DETAIL_ROWS_2019, "natural_person") + 1.0;
    let rhs = doc.value(&app("total_processed", "natural_person"));
    let (_, r) = doc.add(&app("other", "natural_person"), 1).add(&app("other", "total"), 1).validate();
    let d = with_cells(&r, "R002", &r002_cells(&DETAIL_ROWS_2019, "natural_person"));
    assert_eq!(d.severity, ERROR);
    states_sides(d, lhs, rhs);
    with_cells(&r, "R002", &r002_cells(&DETAIL_ROWS_2019, "total"));
    silent(&r, "R001");
    silent(&r, "R003");
}

#[test]
fn r003_row_sum_fires() {
    let doc = Doc::base();
    let (b, r) =
        doc.add(&app("granted", "natural_person"), 1).add(&app("partially_granted", "natural_person"), -1).validate();
    fires(&r, "R003", ERROR);
    let d = with_cells(&r, "R003", &row_cells("granted"));
    assert!(points_at(d, &b.at(&app("granted", "natural_person"))), "R003 should point at the row: {:?}", d.spans);
    with_cells(&r, "R003", &row_cells("partially_granted"));
    assert_eq!(with_code(&r, "R003").len(), 2, "{}", list_diagnostics(&r));
    // the column still adds up: the two changes cancel
    silent(&r, "R001");
    silent(&r, "R002");
}

#[test]
fn r004_swap_between_columns_hint() {
    // one application counted under 商业企业 instead of 自然人, in row 一 only
    let np = app("new_received", "natural_person");
    let co = app("new_received", "commercial");
    let (b, r) = Doc::base().add(&np, -1).add(&co, 1).validate();
    with_cells(&r, "R001", &r001_cells("natural_person"));
    with_cells(&r, "R001", &r001_cells("commercial"));
    silent(&r, "R003");
    let hints = fires(&r, "R004", INFO);
    let ok = hints.iter().any(|d| {
        let p = paths(d);
        (p.contains(&np) && p.contains(&co)) || (points_at(d, &b.at(&np)) && points_at(d, &b.at(&co)))
    });
    assert!(ok, "R004 should name both cells of the swap:\n{}", list_diagnostics(&r));
}

#[test]
fn r004_number_split_into_two_cells_hint() {
    // "20" written as "2", "0": row （一） gets one cell too many
    let path = app("granted", "natural_person");
    let doc = Doc::base();
    assert_eq!(doc.value(&path), 20.0);
    let (b, r) = doc.set(&path, "2\t0").validate();
    let hints = fires(&r, "R004", INFO);
    let at = b.at(&path);
    let ok = hints.iter().any(|d| overlaps(d, &at) || paths(d).iter().any(|p| p.starts_with("applications.granted.")));
    assert!(ok, "R004 should point at the split number:\n{}", list_diagnostics(&r));
}

fn r005_case(raw: &str, kind: CellKind) {
    // the base has 二、上年结转 科研机构 = 1: a blank there is not 0, and not an identity failure
    let path = app("carried_over", "research");
    let doc = Doc::base();
    assert_eq!(doc.value(&path), 1.0);
    let (_, r) = doc.set(&path, raw).validate();
    assert_eq!(cell_kind(&r, "applications", "carried_over", "research"), Some(kind));
    let ds = fires(&r, "R005", INFO);
    for d in &ds {
        assert_eq!(paths(d), vec![path.clone()], "R005 names the non-number operand:\n{}", list_diagnostics(&r));
    }
    no_identity_errors(&r);
    no_errors(&r);
}

#[test]
fn r005_blank_operand_is_not_zero() {
    r005_case("", CellKind::Blank);
}

#[test]
fn r005_slash_operand() {
    r005_case("/", CellKind::Na);
}

#[test]
fn r005_dash_operand() {
    r005_case("—", CellKind::Na);
}

#[test]
fn r005_blanks_and_na_report_is_only_info() {
    let fx = Fixture::load("layouts/blanks_and_na");
    let r = nianbao::validate(&fx.text);
    let ds = fires(&r, "R005", INFO);
    for d in &ds {
        for p in paths(d) {
            let e = fx.expected.cell(&p);
            assert_ne!(e.kind, "number", "R005 names {p}, a number cell:\n{}", list_diagnostics(&r));
        }
    }
    assert_eq!(r.count(ERROR) + r.count(WARNING), 0, "{}", list_diagnostics(&r));
}

#[test]
fn r005_passes_on_clean_base() {
    let (_, r) = Doc::base().validate();
    silent(&r, "R005");
}

#[test]
fn r006_truncated_in_section_three() {
    let d = Doc::base();
    let cut = d.fx.expected.pos(&app("unable_not_held", "natural_person")).start;
    let end = d.fx.text.len();
    let (b, r) = d.replace_range("cut", cut..end, "").validate();
    let ds = fires(&r, "R006", WARNING);
    assert!(ds.iter().any(|d| has_place(&b.text, d)));
    no_identity_errors(&r);
}

#[test]
fn r006_row_missing_a_cell() {
    let d = Doc::base();
    let p = d.fx.expected.pos(&app("denied_internal_affairs", "commercial"));
    assert_eq!(&d.fx.text[p.start - 1..p.start], "\t");
    let (b, r) = d.replace_range("cell", p.start - 1..p.end, "").validate();
    let ds = fires(&r, "R006", WARNING);
    assert!(ds.iter().any(|d| has_place(&b.text, d)));
    // which cell is missing is unknown: no identity through that row may be judged as failed
    silent(&r, "R002");
    silent(&r, "R003");
}

#[test]
fn r006_passes_on_clean_base() {
    let (_, r) = Doc::base().validate();
    silent(&r, "R006");
}

// ------------------------------------------------------------------------------------------
// Section 四: L001, L002
// ------------------------------------------------------------------------------------------

#[test]
fn l001_review_block_fires() {
    let doc = Doc::base();
    let total = rl("review_total");
    let lhs: f64 = block_cells("review")[..4].iter().map(|p| doc.value(p)).sum();
    let rhs = doc.value(&total) + 1.0;
    let (b, r) = doc.add(&total, 1).validate();
    fires(&r, "L001", ERROR);
    let d = with_cells(&r, "L001", &block_cells("review"));
    states_sides(d, lhs, rhs);
    assert!(points_at(d, &b.at(&total)), "L001 should point at the block: {:?}", d.spans);
    assert_eq!(with_code(&r, "L001").len(), 1);
}

#[test]
fn l001_suit_after_review_block_fires() {
    let doc = Doc::base();
    let cells = block_cells("suit_after_review");
    let lhs: f64 = cells[..4].iter().map(|p| doc.value(p)).sum::<f64>() + 1.0;
    let rhs = doc.value(&cells[4]);
    let (_, r) = doc.add(&rl("suit_after_review_upheld"), 1).validate();
    let d = with_cells(&r, "L001", &cells);
    assert_eq!(d.severity, ERROR);
    states_sides(d, lhs, rhs);
}

#[test]
fn l001_passes_on_clean_base() {
    let (_, r) = Doc::base().validate();
    silent(&r, "L001");
}

#[test]
fn l002_fourteen_values_fires() {
    let d = Doc::base();
    let p = d.fx.expected.pos(&rl("suit_after_review_total"));
    assert_eq!(&d.fx.text[p.start - 1..p.start], "\t");
    let (b, r) = d.replace_range("cell", p.start - 1..p.end, "").validate();
    let ds = fires(&r, "L002", WARNING);
    assert!(ds.iter().any(|d| has_place(&b.text, d)));
    silent(&r, "L001");
}

#[test]
fn l002_truncated_in_section_four() {
    let d = Doc::base();
    let cut = d.fx.expected.pos(&rl("direct_suit_corrected")).end;
    let end = d.fx.text.len();
    let (_, r) = d.replace_range("cut", cut..end, "").validate();
    fires(&r, "L002", WARNING);
    no_identity_errors(&r);
}

#[test]
fn l002_passes_on_clean_base() {
    let (_, r) = Doc::base().validate();
    silent(&r, "L002");
}

// ------------------------------------------------------------------------------------------
// Reading the paste: P001, P002
// ------------------------------------------------------------------------------------------

#[test]
fn p001_typo_label_fires() {
    let (b, r) = Doc::base().replace_once("本年废止件数", "本年度止件数").validate();
    let ds = fires(&r, "P001", INFO);
    let at = b.at("本年废止件数");
    assert!(ds.iter().any(|d| overlaps(d, &at)), "P001 should point at the label:\n{}", list_diagnostics(&r));
    // the column is still read
    assert_eq!(
        table(&r, "active_disclosure")
            .and_then(|t| common::cell_named(t, "regulations", "repealed"))
            .and_then(|c| c.value),
        Some(0.0)
    );
    no_errors(&r);
}

#[test]
fn p001_traditional_label_fires() {
    let (b, r) = Doc::base().replace_once("\n规章\t", "\n規章\t").validate();
    let ds = fires(&r, "P001", INFO);
    assert!(ds.iter().any(|d| overlaps(d, &b.at("\n规章\t"))));
    assert!(table(&r, "active_disclosure").and_then(|t| common::cell_named(t, "regulations", "issued")).is_some());
}

#[test]
fn p001_passes_on_clean_base() {
    let (_, r) = Doc::base().validate();
    silent(&r, "P001");
}

#[test]
fn p002_unmatched_table_fires() {
    let extra = "信息类别\t条数\t占比\n工作动态\t412\t62%\n通知公告\t96\t15%\n政策文件\t35\t5%\n";
    let d = Doc::base();
    let at = d.find("（二）依申请公开");
    let (b, r) = d.replace_range("extra", at..at, extra).validate();
    let ds = fires(&r, "P002", WARNING);
    let range = b.at("extra");
    assert!(ds.iter().any(|d| overlaps(d, &range)), "P002 should point at the extra table:\n{}", list_diagnostics(&r));
    no_errors(&r);
}

#[test]
fn p002_passes_on_clean_base() {
    let (_, r) = Doc::base().validate();
    silent(&r, "P002");
}

// ------------------------------------------------------------------------------------------
// False alarms
// ------------------------------------------------------------------------------------------

#[test]
fn pasted_twice_has_no_errors() {
    let base = Doc::base().fx.text;
    let text = format!("{base}\n{base}");
    let r = nianbao::validate(&text);
    assert!(span_problems(&text, &r).is_empty());
    no_errors(&r);
    assert!(r.tables.applications.is_some());
}

#[test]
fn narrative_counting_carried_over_as_received_is_not_an_error() {
    // 平潭-style: "收到申请N件" where N = 本年新收 + 上年结转
    let doc = Doc::base();
    let n = doc.value(&app("new_received", "total")) + doc.value(&app("carried_over", "total"));
    let at = doc.find("（三）政府信息管理");
    let (_, r) =
        doc.replace_range("s", at..at, &format!("全年共收到申请{}件，均已按期答复。\n", fmt_value(n))).validate();
    no_errors(&r);
}

#[test]
fn truncated_anywhere_in_section_three_never_fails_an_identity() {
    let doc = Doc::base();
    let range = doc.fx.expected.table_range("applications").unwrap();
    let text = doc.fx.text.clone();
    let mut cut = range.start;
    while cut < range.end {
        let c = floor_char(&text, cut);
        let t = &text[..c];
        let r = nianbao::validate(t);
        for code in IDENTITY_ERRORS {
            assert!(with_code(&r, code).is_empty(), "cut at {c}: {code} fired:\n{}", list_diagnostics(&r));
        }
        cut += 41;
    }
}
