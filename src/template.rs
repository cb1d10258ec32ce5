//! The official tables as data: captions, row labels, column keys (`shared/spec/schema.md`) and
//! the distinctive phrases that anchor each row in pasted text.
//!
//! Labels are given in the official fullwidth form; anchors are in normalized (halfwidth,
//! space-free) form because they are matched against the compacted text.

use crate::report::Format;

/// Which part of the section 三 identities a row plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRole {
    NewReceived,
    CarriedOver,
    /// One of the result rows （一）…（六） that add up to （七）总计.
    Result,
    TotalProcessed,
    CarriedForward,
}

#[derive(Debug, Clone, Copy)]
pub struct RowDef {
    pub key: &'static str,
    /// Official label (fullwidth), as shown to users.
    pub label: &'static str,
    /// The numbering in front of the label in normalized form (`1.`, `(一)`, `一、`).
    pub prefix: &'static str,
    /// Normalized phrases that anchor the row, most specific first. The first is the official
    /// label without its numbering; a match on a later one is an approximate match (P001) unless
    /// the label as found equals the official one.
    pub anchors: &'static [&'static str],
    pub role: RowRole,
}

const fn row(
    key: &'static str,
    label: &'static str,
    prefix: &'static str,
    anchors: &'static [&'static str],
    role: RowRole,
) -> RowDef {
    RowDef { key, label, prefix, anchors, role }
}

use RowRole::*;

pub const APPLICATION_COLUMNS: [(&str, &str); 7] = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
];

const NEW_RECEIVED: RowDef = row(
    "new_received",
    "一、本年新收政府信息公开申请数量",
    "一、",
    &["本年新收政府信息公开申请数量", "本年新收", "新收政府信息公开申请"],
    NewReceived,
);
const CARRIED_OVER: RowDef = row(
    "carried_over",
    "二、上年结转政府信息公开申请数量",
    "二、",
    &["上年结转政府信息公开申请数量", "上年结转"],
    CarriedOver,
);
const LEADING_ROWS: [RowDef; 17] = [
    row("granted", "（一）予以公开", "(一)", &["予以公开"], Result),
    row(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "(二)",
        &["部分公开(区分处理的,只计这一情形,不计其他情形)", "部分公开"],
        Result,
    ),
    row("denied_state_secret", "1.属于国家秘密", "1.", &["属于国家秘密", "国家秘密"], Result),
    row(
        "denied_prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        "2.",
        &["其他法律行政法规禁止公开", "法规禁止公开", "其他法律行政"],
        Result,
    ),
    row("denied_three_safeties", "3.危及“三安全一稳定”", "3.", &["危及“三安全一稳定”", "三安全一稳定"], Result),
    row("denied_third_party_rights", "4.保护第三方合法权益", "4.", &["保护第三方合法权益", "第三方合法权益"], Result),
    row("denied_internal_affairs", "5.属于三类内部事务信息", "5.", &["属于三类内部事务信息", "内部事务信息"], Result),
    row("denied_process_info", "6.属于四类过程性信息", "6.", &["属于四类过程性信息", "过程性信息"], Result),
    row("denied_enforcement_files", "7.属于行政执法案卷", "7.", &["属于行政执法案卷", "行政执法案卷"], Result),
    row("denied_query_items", "8.属于行政查询事项", "8.", &["属于行政查询事项", "行政查询事项"], Result),
    row(
        "unable_not_held",
        "1.本机关不掌握相关政府信息",
        "1.",
        &["本机关不掌握相关政府信息", "不掌握相关政府信息"],
        Result,
    ),
    row("unable_needs_creation", "2.没有现成信息需要另行制作", "2.", &["没有现成信息需要另行制作", "另行制作"], Result),
    row(
        "unable_unclear_after_correction",
        "3.补正后申请内容仍不明确",
        "3.",
        &["补正后申请内容仍不明确", "补正后申请内容"],
        Result,
    ),
    row("rejected_petition", "1.信访举报投诉类申请", "1.", &["信访举报投诉类申请", "信访举报投诉"], Result),
    row("rejected_repeated", "2.重复申请", "2.", &["重复申请"], Result),
    row("rejected_publication", "3.要求提供公开出版物", "3.", &["要求提供公开出版物", "公开出版物"], Result),
    row("rejected_excessive", "4.无正当理由大量反复申请", "4.", &["无正当理由大量反复申请", "大量反复申请"], Result),
];
const REJECTED_CONFIRMATION: RowDef = row(
    "rejected_confirmation",
    "5.要求行政机关确认或重新出具已获取信息",
    "5.",
    &["要求行政机关确认或重新出具已获取信息", "确认或重新出具", "重新出具已获取信息", "要求行政机关确认"],
    Result,
);
const OTHER_ROWS_2021: [RowDef; 3] = [
    row(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1.",
        &["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "逾期不补正"],
        Result,
    ),
    row(
        "other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2.",
        &[
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "逾期未按收费通知",
            "逾期不缴费",
            "缴纳费用",
        ],
        Result,
    ),
    row("other_other", "3.其他", "3.", &["3.其他"], Result),
];
/// The 2019 form (and some 2021 reports) has （六）其他处理 as one data row.
pub const OTHER_SINGLE: RowDef = row("other", "（六）其他处理", "(六)", &["其他处理"], Result);
const TOTAL_PROCESSED: RowDef = row("total_processed", "（七）总计", "(七)", &["(七)总计", "总计"], TotalProcessed);
const CARRIED_FORWARD: RowDef =
    row("carried_forward", "四、结转下年度继续办理", "四、", &["结转下年度继续办理", "结转下年度"], CarriedForward);

/// Section 三's rows, with （六） as three rows (2021) or one (2019).
pub fn application_rows(single_other: bool) -> Vec<RowDef> {
    let mut rows = vec![NEW_RECEIVED, CARRIED_OVER];
    rows.extend_from_slice(&LEADING_ROWS);
    rows.push(REJECTED_CONFIRMATION);
    if single_other {
        rows.push(OTHER_SINGLE);
    } else {
        rows.extend_from_slice(&OTHER_ROWS_2021);
    }
    rows.push(TOTAL_PROCESSED);
    rows.push(CARRIED_FORWARD);
    rows
}

/// Anchors of the （六） sub-rows: finding one means the table has three （六） rows.
pub const OTHER_SUBROW_ANCHORS: [&str; 3] = ["逾期不补正", "逾期未按收费通知", "逾期不缴费"];

pub const APPLICATION_GROUP_LABELS: [&str; 5] =
    ["三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"];

/// Section 四's columns: three blocks of five, the fifth the block's total.
pub const REVIEW_BLOCKS: [(&str, [&str; 5]); 3] = [
    ("行政复议", ["review_upheld", "review_corrected", "review_other", "review_pending", "review_total"]),
    (
        "行政诉讼（未经复议直接起诉）",
        [
            "direct_suit_upheld",
            "direct_suit_corrected",
            "direct_suit_other",
            "direct_suit_pending",
            "direct_suit_total",
        ],
    ),
    (
        "行政诉讼（复议后起诉）",
        [
            "suit_after_review_upheld",
            "suit_after_review_corrected",
            "suit_after_review_other",
            "suit_after_review_pending",
            "suit_after_review_total",
        ],
    ),
];
pub const REVIEW_PART_NAMES: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

pub fn review_columns() -> Vec<&'static str> {
    REVIEW_BLOCKS.iter().flat_map(|(_, cols)| cols.iter().copied()).collect()
}

/// What a section 二 cell holds, for the A rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A whole, non-negative count.
    Count,
    /// An amount of money (万元), may be fractional.
    Amount,
    /// A signed change (`+81`, `-417`, `减4`).
    Change,
}

#[derive(Debug, Clone, Copy)]
pub struct ActiveRowDef {
    pub key: &'static str,
    pub label: &'static str,
    pub anchors: &'static [&'static str],
    pub columns: &'static [(&'static str, &'static str, ValueKind)],
}

const DOC_COLS_2021: &[(&str, &str, ValueKind)] = &[
    ("issued", "本年制发件数", ValueKind::Count),
    ("repealed", "本年废止件数", ValueKind::Count),
    ("in_force", "现行有效件数", ValueKind::Count),
];
const DECISIONS_2021: &[(&str, &str, ValueKind)] = &[("decisions", "本年处理决定数量", ValueKind::Count)];

pub const ACTIVE_ROWS_2021: [ActiveRowDef; 6] = [
    ActiveRowDef { key: "regulations", label: "规章", anchors: &["规章"], columns: DOC_COLS_2021 },
    ActiveRowDef {
        key: "normative_documents",
        label: "行政规范性文件",
        anchors: &["行政规范性文件", "规范性文件"],
        columns: DOC_COLS_2021,
    },
    ActiveRowDef { key: "licensing", label: "行政许可", anchors: &["行政许可"], columns: DECISIONS_2021 },
    ActiveRowDef { key: "penalty", label: "行政处罚", anchors: &["行政处罚"], columns: DECISIONS_2021 },
    ActiveRowDef { key: "coercion", label: "行政强制", anchors: &["行政强制"], columns: DECISIONS_2021 },
    ActiveRowDef {
        key: "fees",
        label: "行政事业性收费",
        anchors: &["行政事业性收费"],
        columns: &[("amount", "本年收费金额（单位：万元）", ValueKind::Amount)],
    },
];

const DOC_COLS_2019: &[(&str, &str, ValueKind)] = &[
    ("new_made", "本年新制作数量", ValueKind::Count),
    ("new_published", "本年新公开数量", ValueKind::Count),
    ("total_published", "对外公开总数量", ValueKind::Count),
];
const ITEM_COLS_2019: &[(&str, &str, ValueKind)] = &[
    ("previous_count", "上一年项目数量", ValueKind::Count),
    ("change", "本年增/减", ValueKind::Change),
    ("decisions", "处理决定数量", ValueKind::Count),
];

pub const ACTIVE_ROWS_2019: [ActiveRowDef; 8] = [
    ActiveRowDef { key: "regulations", label: "规章", anchors: &["规章"], columns: DOC_COLS_2019 },
    ActiveRowDef {
        key: "normative_documents", label: "规范性文件", anchors: &["规范性文件"], columns: DOC_COLS_2019
    },
    ActiveRowDef { key: "licensing", label: "行政许可", anchors: &["行政许可"], columns: ITEM_COLS_2019 },
    ActiveRowDef {
        key: "other_services",
        label: "其他对外管理服务事项",
        anchors: &["其他对外管理服务事项", "对外管理服务事项"],
        columns: ITEM_COLS_2019,
    },
    ActiveRowDef { key: "penalty", label: "行政处罚", anchors: &["行政处罚"], columns: ITEM_COLS_2019 },
    ActiveRowDef { key: "coercion", label: "行政强制", anchors: &["行政强制"], columns: ITEM_COLS_2019 },
    ActiveRowDef {
        key: "fees",
        label: "行政事业性收费",
        anchors: &["行政事业性收费"],
        columns: &[("previous_count", "上一年项目数量", ValueKind::Count), ("change", "本年增/减", ValueKind::Change)],
    },
    ActiveRowDef {
        key: "procurement",
        label: "政府集中采购",
        anchors: &["政府集中采购"],
        columns: &[("items", "采购项目数量", ValueKind::Count), ("total_amount", "采购总金额", ValueKind::Amount)],
    },
];

pub fn active_rows(format: Format) -> &'static [ActiveRowDef] {
    match format {
        Format::F2019 => &ACTIVE_ROWS_2019,
        _ => &ACTIVE_ROWS_2021,
    }
}

/// Phrases (normalized) that mark a section 二 table as the 2019 or the 2021 form.
pub const MARKERS_2019: [&str; 8] = [
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "第二十条第(九)项",
    "政府集中采购",
];
pub const MARKERS_2021: [&str; 4] = ["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"];

/// Header labels of section 二 that real reports mistype, with the typo forms we accept.
pub const ACTIVE_HEADER_TYPOS: [(&str, &str); 3] =
    [("本年废止件数", "本年度止件数"), ("本年制发件数", "本年制件数"), ("本年处理决定数量", "本年处理绝对数量")];

/// Official titles of the six sections, and the words that identify each in a heading.
pub const SECTIONS: [(u8, &str, char, &[&str]); 6] = [
    (1, "一、总体情况", '一', &["总体情况", "基本情况", "工作概述", "概述"]),
    (2, "二、主动公开政府信息情况", '二', &["主动公开"]),
    (3, "三、收到和处理政府信息公开申请情况", '三', &["收到和处理", "依申请公开情况", "收到和办理"]),
    (4, "四、政府信息公开行政复议、行政诉讼情况", '四', &["行政复议", "行政法复议", "复议", "行政诉讼"]),
    (5, "五、存在的主要问题及改进情况", '五', &["存在的主要问题", "主要问题", "存在问题", "改进情况"]),
    (6, "六、其他需要报告的事项", '六', &["其他需要报告", "其他事项"]),
];
