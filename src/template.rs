//! The official template, declared once: the three tables' keys, labels, row and column groups,
//! their total rows and columns, and the 勾稽关系 (format.md) as data. Everything else — the
//! reader, the rules, the narrative figures, the page (through wasm) and the tests — reads it
//! from here.
//!
//! Labels are given in the official fullwidth form; anchors are in normalized (halfwidth,
//! space-free) form, and spelled as label keys (`normalize::label_key`: no 的 or quotation marks,
//! 其他 for 其它), because they are matched as written against the compacted, folded text.

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::report::{CellRef, Format};

/// Declares a key enum whose serde names are the schema's (`shared/spec/schema.md`), with the
/// name as a `&'static str` and parsing from it.
macro_rules! keys {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $key:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $key)] $variant,)*
        }

        impl $name {
            /// Every key, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The key as the schema writes it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)*
                }
            }
        }

        /// The schema's name as a string, which is what the derived unit-variant form writes in
        /// JSON; through [`as_str`](Self::as_str), the one table of names (the derive made a
        /// second, ~600 bytes of wasm per enum).
        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownKey;
            fn from_str(s: &str) -> Result<Self, UnknownKey> {
                match s {
                    $($key => Ok($name::$variant),)*
                    _ => Err(UnknownKey),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// A string that names no key of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownKey;

keys! {
    /// The three standard tables: section 二, 三 and 四.
    TableKey {
        ActiveDisclosure = "active_disclosure",
        Applications = "applications",
        ReviewsLitigation = "reviews_litigation",
    }
}

impl TableKey {
    /// The section the table is in: 2, 3 or 4.
    pub const fn section(self) -> u8 {
        match self {
            TableKey::ActiveDisclosure => 2,
            TableKey::Applications => 3,
            TableKey::ReviewsLitigation => 4,
        }
    }

    /// "表三": how verdicts and the page name a table (by its section's numeral).
    pub fn short_name(self) -> String {
        format!("表{}", SECTIONS[usize::from(self.section()) - 1].2)
    }
}

keys! {
    /// The rows of the three tables (both forms).
    RowKey {
        // Section 二.
        Regulations = "regulations",
        NormativeDocuments = "normative_documents",
        Licensing = "licensing",
        OtherServices = "other_services",
        Penalty = "penalty",
        Coercion = "coercion",
        Fees = "fees",
        Procurement = "procurement",
        // Section 三.
        NewReceived = "new_received",
        CarriedOver = "carried_over",
        Granted = "granted",
        PartiallyGranted = "partially_granted",
        DeniedStateSecret = "denied_state_secret",
        DeniedProhibitedByLaw = "denied_prohibited_by_law",
        DeniedThreeSafeties = "denied_three_safeties",
        DeniedThirdPartyRights = "denied_third_party_rights",
        DeniedInternalAffairs = "denied_internal_affairs",
        DeniedProcessInfo = "denied_process_info",
        DeniedEnforcementFiles = "denied_enforcement_files",
        DeniedQueryItems = "denied_query_items",
        UnableNotHeld = "unable_not_held",
        UnableNeedsCreation = "unable_needs_creation",
        UnableUnclearAfterCorrection = "unable_unclear_after_correction",
        RejectedPetition = "rejected_petition",
        RejectedRepeated = "rejected_repeated",
        RejectedPublication = "rejected_publication",
        RejectedExcessive = "rejected_excessive",
        RejectedConfirmation = "rejected_confirmation",
        Other = "other",
        OtherNoCorrection = "other_no_correction",
        OtherUnpaidFee = "other_unpaid_fee",
        OtherOther = "other_other",
        TotalProcessed = "total_processed",
        CarriedForward = "carried_forward",
        // Section 四: one row of fifteen values.
        Counts = "counts",
    }
}

keys! {
    /// The columns of the three tables (both forms).
    ColKey {
        // Section 二, 2021.
        Issued = "issued",
        Repealed = "repealed",
        InForce = "in_force",
        Decisions = "decisions",
        Amount = "amount",
        // Section 二, 2019.
        NewMade = "new_made",
        NewPublished = "new_published",
        TotalPublished = "total_published",
        PreviousCount = "previous_count",
        Change = "change",
        Items = "items",
        TotalAmount = "total_amount",
        // Section 三.
        NaturalPerson = "natural_person",
        Commercial = "commercial",
        Research = "research",
        SocialWelfare = "social_welfare",
        LegalService = "legal_service",
        OtherOrg = "other_org",
        Total = "total",
        // Section 四.
        ReviewUpheld = "review_upheld",
        ReviewCorrected = "review_corrected",
        ReviewOther = "review_other",
        ReviewPending = "review_pending",
        ReviewTotal = "review_total",
        DirectSuitUpheld = "direct_suit_upheld",
        DirectSuitCorrected = "direct_suit_corrected",
        DirectSuitOther = "direct_suit_other",
        DirectSuitPending = "direct_suit_pending",
        DirectSuitTotal = "direct_suit_total",
        SuitAfterReviewUpheld = "suit_after_review_upheld",
        SuitAfterReviewCorrected = "suit_after_review_corrected",
        SuitAfterReviewOther = "suit_after_review_other",
        SuitAfterReviewPending = "suit_after_review_pending",
        SuitAfterReviewTotal = "suit_after_review_total",
    }
}

keys! {
    /// Merged header cells of the template: groups of rows (section 三's results) and of
    /// columns (section 三's applicants, section 四's blocks).
    GroupKey {
        Result = "result",
        Denied = "denied",
        Unable = "unable",
        Rejected = "rejected",
        Other = "other",
        Applicant = "applicant",
        LegalPerson = "legal_person",
        Review = "review",
        Litigation = "litigation",
        DirectSuit = "direct_suit",
        SuitAfterReview = "suit_after_review",
    }
}

/// What a cell holds, for the A rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// A whole, non-negative count.
    Count,
    /// An amount of money (万元), may be fractional.
    Amount,
    /// A signed change (`+81`, `-417`, `减4`).
    Change,
}

#[derive(Debug, Clone, Copy)]
pub struct ColumnDef {
    pub key: ColKey,
    /// Official header text.
    pub label: &'static str,
    pub kind: ValueKind,
    /// The merged header cells above it, outermost first.
    pub groups: &'static [GroupKey],
}

const fn col(key: ColKey, label: &'static str, groups: &'static [GroupKey]) -> ColumnDef {
    ColumnDef { key, label, kind: ValueKind::Count, groups }
}

/// A merged header cell over rows or columns. When the group has a total (（七）总计 over the
/// results, 总计 over a block), its other members add up to it.
#[derive(Debug, Clone, Copy)]
pub struct GroupDef {
    pub key: GroupKey,
    pub label: &'static str,
    pub parent: Option<GroupKey>,
    pub total_row: Option<RowKey>,
    pub total_col: Option<ColKey>,
}

const fn group(key: GroupKey, label: &'static str, parent: Option<GroupKey>) -> GroupDef {
    GroupDef { key, label, parent, total_row: None, total_col: None }
}

pub const GROUPS: [GroupDef; 11] = [
    GroupDef {
        total_row: Some(RowKey::TotalProcessed), ..group(GroupKey::Result, "三、本年度办理结果", None)
    },
    group(GroupKey::Denied, "（三）不予公开", Some(GroupKey::Result)),
    group(GroupKey::Unable, "（四）无法提供", Some(GroupKey::Result)),
    group(GroupKey::Rejected, "（五）不予处理", Some(GroupKey::Result)),
    group(GroupKey::Other, "（六）其他处理", Some(GroupKey::Result)),
    GroupDef { total_col: Some(ColKey::Total), ..group(GroupKey::Applicant, "申请人情况", None) },
    group(GroupKey::LegalPerson, "法人或其他组织", Some(GroupKey::Applicant)),
    GroupDef { total_col: Some(ColKey::ReviewTotal), ..group(GroupKey::Review, "行政复议", None) },
    group(GroupKey::Litigation, "行政诉讼", None),
    GroupDef {
        total_col: Some(ColKey::DirectSuitTotal),
        ..group(GroupKey::DirectSuit, "未经复议直接起诉", Some(GroupKey::Litigation))
    },
    GroupDef {
        total_col: Some(ColKey::SuitAfterReviewTotal),
        ..group(GroupKey::SuitAfterReview, "复议后起诉", Some(GroupKey::Litigation))
    },
];

impl GroupKey {
    /// Its declaration: `GROUPS` lists the groups in the order of the enum (a test holds it so).
    pub fn def(self) -> &'static GroupDef {
        &GROUPS[self as usize]
    }

    /// How messages name the group: its label, under its parent's ("行政诉讼（复议后起诉）").
    pub fn full_name(self) -> String {
        let g = self.def();
        match g.parent {
            Some(p) => format!("{}（{}）", p.def().label, g.label),
            None => g.label.to_string(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Section 三: the applications table.

use GroupKey as G;

const APPLICANT: &[GroupKey] = &[G::Applicant];
const LEGAL_PERSON: &[GroupKey] = &[G::Applicant, G::LegalPerson];

pub const APPLICATION_COLUMNS: [ColumnDef; 7] = [
    col(ColKey::NaturalPerson, "自然人", APPLICANT),
    col(ColKey::Commercial, "商业企业", LEGAL_PERSON),
    col(ColKey::Research, "科研机构", LEGAL_PERSON),
    col(ColKey::SocialWelfare, "社会公益组织", LEGAL_PERSON),
    col(ColKey::LegalService, "法律服务机构", LEGAL_PERSON),
    col(ColKey::OtherOrg, "其他", LEGAL_PERSON),
    col(ColKey::Total, "总计", APPLICANT),
];

/// The note the template prints in the corner of section 三's table.
pub const APPLICATIONS_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

#[derive(Debug, Clone, Copy)]
pub struct RowDef {
    pub key: RowKey,
    /// Official label (fullwidth), as shown to users.
    pub label: &'static str,
    /// The numbering in front of the label in normalized form (`1.`, `(一)`, `一、`).
    pub prefix: &'static str,
    /// Normalized phrases that anchor the row, most specific first. The first is the official
    /// label without its numbering; a match on a later one is an approximate match (P001) unless
    /// the label as found equals the official one.
    pub anchors: &'static [&'static str],
    /// The merged label cells to its left, outermost first.
    pub groups: &'static [GroupKey],
    /// The group this one row stands for (the 2019 form's （六）其他处理).
    pub stands_for: Option<GroupKey>,
}

const fn row(
    key: RowKey,
    label: &'static str,
    prefix: &'static str,
    anchors: &'static [&'static str],
    groups: &'static [GroupKey],
) -> RowDef {
    RowDef { key, label, prefix, anchors, groups, stands_for: None }
}

const RESULT: &[GroupKey] = &[G::Result];
const DENIED: &[GroupKey] = &[G::Result, G::Denied];
const UNABLE: &[GroupKey] = &[G::Result, G::Unable];
const REJECTED: &[GroupKey] = &[G::Result, G::Rejected];
const OTHER: &[GroupKey] = &[G::Result, G::Other];

use RowKey as R;

/// Section 三's rows up to （五）; both forms share them.
const LEADING_ROWS: [RowDef; 20] = [
    row(
        R::NewReceived,
        "一、本年新收政府信息公开申请数量",
        "一、",
        &["本年新收政府信息公开申请数量", "本年新收", "新收政府信息公开申请"],
        &[],
    ),
    row(R::CarriedOver, "二、上年结转政府信息公开申请数量", "二、", &["上年结转政府信息公开申请数量", "上年结转"], &[]),
    row(R::Granted, "（一）予以公开", "(一)", &["予以公开"], RESULT),
    row(
        R::PartiallyGranted,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "(二)",
        &["部分公开(区分处理,只计这一情形,不计其他情形)", "部分公开"],
        RESULT,
    ),
    row(R::DeniedStateSecret, "1.属于国家秘密", "1.", &["属于国家秘密", "国家秘密"], DENIED),
    row(
        R::DeniedProhibitedByLaw,
        "2.其他法律行政法规禁止公开",
        "2.",
        &["其他法律行政法规禁止公开", "法规禁止公开", "其他法律行政"],
        DENIED,
    ),
    row(R::DeniedThreeSafeties, "3.危及“三安全一稳定”", "3.", &["危及三安全一稳定", "三安全一稳定"], DENIED),
    row(R::DeniedThirdPartyRights, "4.保护第三方合法权益", "4.", &["保护第三方合法权益", "第三方合法权益"], DENIED),
    row(R::DeniedInternalAffairs, "5.属于三类内部事务信息", "5.", &["属于三类内部事务信息", "内部事务信息"], DENIED),
    row(R::DeniedProcessInfo, "6.属于四类过程性信息", "6.", &["属于四类过程性信息", "过程性信息"], DENIED),
    row(R::DeniedEnforcementFiles, "7.属于行政执法案卷", "7.", &["属于行政执法案卷", "行政执法案卷"], DENIED),
    row(R::DeniedQueryItems, "8.属于行政查询事项", "8.", &["属于行政查询事项", "行政查询事项"], DENIED),
    row(
        R::UnableNotHeld,
        "1.本机关不掌握相关政府信息",
        "1.",
        &["本机关不掌握相关政府信息", "不掌握相关政府信息"],
        UNABLE,
    ),
    row(R::UnableNeedsCreation, "2.没有现成信息需要另行制作", "2.", &["没有现成信息需要另行制作", "另行制作"], UNABLE),
    row(
        R::UnableUnclearAfterCorrection,
        "3.补正后申请内容仍不明确",
        "3.",
        &["补正后申请内容仍不明确", "补正后申请内容"],
        UNABLE,
    ),
    row(R::RejectedPetition, "1.信访举报投诉类申请", "1.", &["信访举报投诉类申请", "信访举报投诉"], REJECTED),
    row(R::RejectedRepeated, "2.重复申请", "2.", &["重复申请"], REJECTED),
    row(R::RejectedPublication, "3.要求提供公开出版物", "3.", &["要求提供公开出版物", "公开出版物"], REJECTED),
    row(R::RejectedExcessive, "4.无正当理由大量反复申请", "4.", &["无正当理由大量反复申请", "大量反复申请"], REJECTED),
    row(
        R::RejectedConfirmation,
        "5.要求行政机关确认或重新出具已获取信息",
        "5.",
        &["要求行政机关确认或重新出具已获取信息", "确认或重新出具", "重新出具已获取信息", "要求行政机关确认"],
        REJECTED,
    ),
];

/// （六） in the 2021 form: three rows.
const OTHER_ROWS_2021: [RowDef; 3] = [
    row(
        R::OtherNoCorrection,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1.",
        &["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "逾期不补正"],
        OTHER,
    ),
    row(
        R::OtherUnpaidFee,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2.",
        &[
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "逾期未按收费通知",
            "逾期不缴费",
            "缴纳费用",
        ],
        OTHER,
    ),
    row(R::OtherOther, "3.其他", "3.", &["3.其他"], OTHER),
];

/// （六） in the 2019 form (and some 2021 reports): one data row.
const OTHER_SINGLE: RowDef =
    RowDef { stands_for: Some(G::Other), ..row(R::Other, "（六）其他处理", "(六)", &["其他处理"], RESULT) };

/// Anchors of the （六） sub-rows: finding one means the table has three （六） rows.
pub const OTHER_SUBROW_ANCHORS: [&str; 3] = ["逾期不补正", "逾期未按收费通知", "逾期不缴费"];

const TRAILING_ROWS: [RowDef; 2] = [
    row(R::TotalProcessed, "（七）总计", "(七)", &["(七)总计", "总计"], RESULT),
    row(R::CarriedForward, "四、结转下年度继续办理", "四、", &["结转下年度继续办理", "结转下年度"], &[]),
];

// ---------------------------------------------------------------------------------------------
// Section 四: one row, three blocks of five columns.

const REVIEW: &[GroupKey] = &[G::Review];
const DIRECT_SUIT: &[GroupKey] = &[G::Litigation, G::DirectSuit];
const SUIT_AFTER_REVIEW: &[GroupKey] = &[G::Litigation, G::SuitAfterReview];

use ColKey as C;

pub const REVIEW_COLUMNS: [ColumnDef; 15] = [
    col(C::ReviewUpheld, "结果维持", REVIEW),
    col(C::ReviewCorrected, "结果纠正", REVIEW),
    col(C::ReviewOther, "其他结果", REVIEW),
    col(C::ReviewPending, "尚未审结", REVIEW),
    col(C::ReviewTotal, "总计", REVIEW),
    col(C::DirectSuitUpheld, "结果维持", DIRECT_SUIT),
    col(C::DirectSuitCorrected, "结果纠正", DIRECT_SUIT),
    col(C::DirectSuitOther, "其他结果", DIRECT_SUIT),
    col(C::DirectSuitPending, "尚未审结", DIRECT_SUIT),
    col(C::DirectSuitTotal, "总计", DIRECT_SUIT),
    col(C::SuitAfterReviewUpheld, "结果维持", SUIT_AFTER_REVIEW),
    col(C::SuitAfterReviewCorrected, "结果纠正", SUIT_AFTER_REVIEW),
    col(C::SuitAfterReviewOther, "其他结果", SUIT_AFTER_REVIEW),
    col(C::SuitAfterReviewPending, "尚未审结", SUIT_AFTER_REVIEW),
    col(C::SuitAfterReviewTotal, "总计", SUIT_AFTER_REVIEW),
];

/// Section 四's blocks, in column order: 行政复议 and the two kinds of 行政诉讼.
pub const REVIEW_BLOCKS: [GroupKey; 3] = [G::Review, G::DirectSuit, G::SuitAfterReview];

/// The label the report's section 四 row gets (the template's table has no row label).
pub const REVIEW_ROW_LABEL: &str = "行政复议、行政诉讼案件数";

/// Section 四 column outcomes that go against the agency (结果纠正, 其他结果, 尚未审结): the
/// block's members between the first and the total.
pub fn unfavourable_outcomes(block: GroupKey) -> impl Iterator<Item = &'static ColumnDef> {
    let cols = columns_in(&REVIEW_COLUMNS, block);
    let n = cols.len();
    cols.into_iter().skip(1).take(n.saturating_sub(2))
}

fn columns_in(cols: &'static [ColumnDef], group: GroupKey) -> Vec<&'static ColumnDef> {
    cols.iter().filter(|c| c.groups.contains(&group)).collect()
}

// ---------------------------------------------------------------------------------------------
// Section 二: small tables under captions.

#[derive(Debug, Clone, Copy)]
pub struct ActiveRowDef {
    pub key: RowKey,
    pub label: &'static str,
    pub anchors: &'static [&'static str],
    /// The caption of the small table it is in (第二十条第（一）项 …).
    pub caption: &'static str,
    pub columns: &'static [ColumnDef],
}

const fn value_col(key: ColKey, label: &'static str, kind: ValueKind) -> ColumnDef {
    ColumnDef { key, label, kind, groups: &[] }
}

const DOC_COLS_2021: &[ColumnDef] = &[
    value_col(C::Issued, "本年制发件数", ValueKind::Count),
    value_col(C::Repealed, "本年废止件数", ValueKind::Count),
    value_col(C::InForce, "现行有效件数", ValueKind::Count),
];
const DECISIONS_2021: &[ColumnDef] = &[value_col(C::Decisions, "本年处理决定数量", ValueKind::Count)];
const ITEM_1: &str = "第二十条第（一）项";
const ITEM_5: &str = "第二十条第（五）项";
const ITEM_6: &str = "第二十条第（六）项";
const ITEM_8: &str = "第二十条第（八）项";
const ITEM_9: &str = "第二十条第（九）项";

const fn active(
    key: RowKey,
    label: &'static str,
    anchors: &'static [&'static str],
    caption: &'static str,
    columns: &'static [ColumnDef],
) -> ActiveRowDef {
    ActiveRowDef { key, label, anchors, caption, columns }
}

pub const ACTIVE_ROWS_2021: [ActiveRowDef; 6] = [
    active(R::Regulations, "规章", &["规章"], ITEM_1, DOC_COLS_2021),
    active(R::NormativeDocuments, "行政规范性文件", &["行政规范性文件", "规范性文件"], ITEM_1, DOC_COLS_2021),
    active(R::Licensing, "行政许可", &["行政许可"], ITEM_5, DECISIONS_2021),
    active(R::Penalty, "行政处罚", &["行政处罚"], ITEM_6, DECISIONS_2021),
    active(R::Coercion, "行政强制", &["行政强制"], ITEM_6, DECISIONS_2021),
    active(
        R::Fees,
        "行政事业性收费",
        &["行政事业性收费"],
        ITEM_8,
        &[value_col(C::Amount, "本年收费金额（单位：万元）", ValueKind::Amount)],
    ),
];

const DOC_COLS_2019: &[ColumnDef] = &[
    value_col(C::NewMade, "本年新制作数量", ValueKind::Count),
    value_col(C::NewPublished, "本年新公开数量", ValueKind::Count),
    value_col(C::TotalPublished, "对外公开总数量", ValueKind::Count),
];
const ITEM_COLS_2019: &[ColumnDef] = &[
    value_col(C::PreviousCount, "上一年项目数量", ValueKind::Count),
    value_col(C::Change, "本年增/减", ValueKind::Change),
    value_col(C::Decisions, "处理决定数量", ValueKind::Count),
];
/// 行政事业性收费 in the 2019 form: items and their change, no decisions.
const FEE_COLS_2019: &[ColumnDef] = &[
    value_col(C::PreviousCount, "上一年项目数量", ValueKind::Count),
    value_col(C::Change, "本年增/减", ValueKind::Change),
];

pub const ACTIVE_ROWS_2019: [ActiveRowDef; 8] = [
    active(R::Regulations, "规章", &["规章"], ITEM_1, DOC_COLS_2019),
    active(R::NormativeDocuments, "规范性文件", &["规范性文件"], ITEM_1, DOC_COLS_2019),
    active(R::Licensing, "行政许可", &["行政许可"], ITEM_5, ITEM_COLS_2019),
    active(
        R::OtherServices,
        "其他对外管理服务事项",
        &["其他对外管理服务事项", "对外管理服务事项"],
        ITEM_5,
        ITEM_COLS_2019,
    ),
    active(R::Penalty, "行政处罚", &["行政处罚"], ITEM_6, ITEM_COLS_2019),
    active(R::Coercion, "行政强制", &["行政强制"], ITEM_6, ITEM_COLS_2019),
    active(R::Fees, "行政事业性收费", &["行政事业性收费"], ITEM_8, FEE_COLS_2019),
    active(
        R::Procurement,
        "政府集中采购",
        &["政府集中采购"],
        ITEM_9,
        &[
            value_col(C::Items, "采购项目数量", ValueKind::Count),
            value_col(C::TotalAmount, "采购总金额", ValueKind::Amount),
        ],
    ),
];

pub fn active_rows(format: Format) -> &'static [ActiveRowDef] {
    match format {
        Format::F2019 => &ACTIVE_ROWS_2019,
        _ => &ACTIVE_ROWS_2021,
    }
}

/// A column as the template of `format` declares it for `row` of `table` (section 二's rows
/// have columns of their own).
pub fn column_def(format: Format, table: TableKey, row: RowKey, col: ColKey) -> Option<&'static ColumnDef> {
    let cols = match table {
        TableKey::ActiveDisclosure => active_rows(format).iter().find(|r| r.key == row)?.columns,
        _ => Template::columns(table),
    };
    cols.iter().find(|c| c.key == col)
}

/// A row's official label in the template of `format`.
pub fn row_label(format: Format, table: TableKey, row: RowKey) -> Option<&'static str> {
    match table {
        TableKey::ActiveDisclosure => active_rows(format).iter().find(|r| r.key == row).map(|r| r.label),
        TableKey::Applications => Template::of(format).application_rows.iter().find(|r| r.key == row).map(|r| r.label),
        TableKey::ReviewsLitigation => Some(REVIEW_ROW_LABEL),
    }
}

/// The rows of section 二 whose numbers count documents (规章, 规范性文件): the A003 columns.
pub const DOCUMENT_ROWS: [RowKey; 2] = [R::Regulations, R::NormativeDocuments];

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

// ---------------------------------------------------------------------------------------------
// The identities (勾稽关系) as data.

/// Which rule reports an identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// 一 + 二 = （七）+ 四, per column (R001).
    Balance,
    /// Σ results = （七）总计, per column (R002).
    Results,
    /// Σ applicants = 总计, per row (R003).
    RowTotal,
    /// Σ parts = 总计, per block of section 四 (L001).
    ReviewBlock,
}

/// What each side of one family of identities adds up, stated once.
#[derive(Debug, Clone, Copy)]
pub enum Sides {
    /// In every column of the table: these rows = those rows.
    Rows { left: &'static [RowKey], right: &'static [RowKey] },
    /// In every column: the members of a row group = its total row.
    RowGroup(GroupKey),
    /// In every row: the members of a column group = its total column.
    ColumnGroup(GroupKey),
}

#[derive(Debug, Clone, Copy)]
pub struct IdentityDecl {
    pub family: Family,
    pub table: TableKey,
    pub sides: Sides,
}

/// The 勾稽关系 of the template (format.md). A new identity is one more line here.
pub const IDENTITIES: [IdentityDecl; 6] = [
    // 一 + 二 = （七）总计 + 四 — the note printed over section 三's table.
    IdentityDecl {
        family: Family::Balance,
        table: TableKey::Applications,
        sides: Sides::Rows { left: &[R::NewReceived, R::CarriedOver], right: &[R::TotalProcessed, R::CarriedForward] },
    },
    // （一）…（六） = （七）总计.
    IdentityDecl { family: Family::Results, table: TableKey::Applications, sides: Sides::RowGroup(G::Result) },
    // 自然人 + 法人或其他组织 = 总计.
    IdentityDecl { family: Family::RowTotal, table: TableKey::Applications, sides: Sides::ColumnGroup(G::Applicant) },
    // 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计, in each block of section 四.
    IdentityDecl {
        family: Family::ReviewBlock,
        table: TableKey::ReviewsLitigation,
        sides: Sides::ColumnGroup(G::Review),
    },
    IdentityDecl {
        family: Family::ReviewBlock,
        table: TableKey::ReviewsLitigation,
        sides: Sides::ColumnGroup(G::DirectSuit),
    },
    IdentityDecl {
        family: Family::ReviewBlock,
        table: TableKey::ReviewsLitigation,
        sides: Sides::ColumnGroup(G::SuitAfterReview),
    },
];

/// One identity on concrete cells: Σ left = Σ right.
#[derive(Debug, Clone)]
pub struct Identity {
    pub family: Family,
    /// Column index (R001/R002), row index (R003) or block index (L001) within its family.
    pub index: usize,
    /// The column, row or block it is about, as messages name it ("“自然人”列").
    pub subject: String,
    pub left: Vec<CellRef>,
    pub right: Vec<CellRef>,
}

impl Identity {
    pub fn cells(&self) -> impl Iterator<Item = &CellRef> {
        self.left.iter().chain(&self.right)
    }
}

/// Equality of two sums of cell values (whole counts; the tolerance only absorbs float noise).
pub fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// The template of one form: section 三's rows and every identity on concrete cells.
#[derive(Debug)]
pub struct Template {
    pub format: Format,
    pub application_rows: Vec<RowDef>,
    pub identities: Vec<Identity>,
}

impl Template {
    /// The 2021 form, or the 2019 form (（六） as one row); anything else reads as 2021.
    pub fn of(format: Format) -> &'static Template {
        static T2021: OnceLock<Template> = OnceLock::new();
        static T2019: OnceLock<Template> = OnceLock::new();
        match format {
            Format::F2019 => T2019.get_or_init(|| Template::build(Format::F2019)),
            _ => T2021.get_or_init(|| Template::build(Format::F2021)),
        }
    }

    fn build(format: Format) -> Template {
        let mut application_rows: Vec<RowDef> = LEADING_ROWS.to_vec();
        match format {
            Format::F2019 => application_rows.push(OTHER_SINGLE),
            _ => application_rows.extend_from_slice(&OTHER_ROWS_2021),
        }
        application_rows.extend_from_slice(&TRAILING_ROWS);
        let mut t = Template { format, application_rows, identities: Vec::new() };
        let mut identities = Vec::new();
        for d in &IDENTITIES {
            t.expand(d, &mut identities);
        }
        t.identities = identities;
        for family in [Family::Balance, Family::Results, Family::RowTotal, Family::ReviewBlock] {
            for (i, id) in t.identities.iter_mut().filter(|id| id.family == family).enumerate() {
                id.index = i;
            }
        }
        t
    }

    /// The rows and columns of a table in this form.
    pub fn rows(&self, table: TableKey) -> Vec<RowKey> {
        match table {
            TableKey::Applications => self.application_rows.iter().map(|r| r.key).collect(),
            TableKey::ReviewsLitigation => vec![R::Counts],
            TableKey::ActiveDisclosure => active_rows(self.format).iter().map(|r| r.key).collect(),
        }
    }

    /// How many value cells a table of this form has (section 三: 25 × 7 in 2021): what
    /// `coverage` counts the cells read against.
    pub fn cell_count(&self, table: TableKey) -> usize {
        match table {
            TableKey::ActiveDisclosure => active_rows(self.format).iter().map(|r| r.columns.len()).sum(),
            _ => self.rows(table).len() * Template::columns(table).len(),
        }
    }

    pub fn columns(table: TableKey) -> &'static [ColumnDef] {
        match table {
            TableKey::Applications => &APPLICATION_COLUMNS,
            TableKey::ReviewsLitigation => &REVIEW_COLUMNS,
            // Section 二's rows have columns of their own.
            TableKey::ActiveDisclosure => &[],
        }
    }

    /// The rows under a row group, in table order, or the one row standing for the group.
    pub fn group_rows(&self, group: GroupKey) -> Vec<RowKey> {
        self.application_rows
            .iter()
            .filter(|r| r.groups.contains(&group) || r.stands_for == Some(group))
            .map(|r| r.key)
            .collect()
    }

    /// Appends the identities one declaration stands for. Plain loops over one helper: this runs
    /// once per form, and each iterator chain here was a generic copy of its own in the wasm.
    fn expand(&self, d: &IdentityDecl, out: &mut Vec<Identity>) {
        let table = d.table;
        let mut push = |subject: String, left: Vec<CellRef>, right: Vec<CellRef>| {
            out.push(Identity { family: d.family, index: 0, subject, left, right })
        };
        let columns = Template::columns(table);
        match d.sides {
            Sides::Rows { left, right } => {
                for c in columns {
                    let col = [c.key];
                    push(format!("“{}”列", c.label), cells(table, left, &col), cells(table, right, &col));
                }
            }
            Sides::RowGroup(g) => {
                let Some(total) = g.def().total_row else { return };
                // Every row under the group, nested groups' rows included (（三）…（六） have no subtotals).
                let mut parts = self.group_rows(g);
                parts.retain(|&r| r != total);
                for c in columns {
                    let col = [c.key];
                    push(format!("“{}”列", c.label), cells(table, &parts, &col), cells(table, &[total], &col));
                }
            }
            Sides::ColumnGroup(g) => {
                let Some(total) = g.def().total_col else { return };
                let mut parts: Vec<ColKey> = Vec::new();
                for c in columns {
                    if c.groups.contains(&g) && c.key != total {
                        parts.push(c.key);
                    }
                }
                for r in self.rows(table) {
                    let subject = match table {
                        TableKey::ReviewsLitigation => g.full_name(),
                        _ => format!("“{}”行", self.row_name(r)),
                    };
                    push(subject, cells(table, &[r], &parts), cells(table, &[r], &[total]));
                }
            }
        }
    }

    /// A row's label without the parenthesized note some labels carry.
    fn row_name(&self, key: RowKey) -> &'static str {
        let label = self.application_rows.iter().find(|r| r.key == key).map_or("", |r| r.label);
        crate::text::before(label, "（区分")
    }

    /// The identities on one table's cells.
    pub fn identities_of(&self, table: TableKey) -> impl Iterator<Item = &Identity> {
        self.identities.iter().filter(move |i| i.left.first().is_some_and(|c| c.table == table))
    }

    /// The identities that lie within one row, as positions in `columns`: the test the reader
    /// asks of every way to split digits run together, so it is built once per row.
    pub fn row_identities(&self, table: TableKey, row: RowKey, columns: &[ColKey]) -> RowIdentities {
        let position = |c: &CellRef| columns.iter().position(|&k| k == c.col);
        let sides = self
            .identities_of(table)
            .filter(|i| i.cells().all(|c| c.row == row))
            .filter_map(|i| {
                let left = i.left.iter().map(position).collect::<Option<Vec<usize>>>()?;
                let right = i.right.iter().map(position).collect::<Option<Vec<usize>>>()?;
                Some((left, right))
            })
            .collect();
        RowIdentities(sides)
    }
}

/// The identities within one row as column positions (see [`Template::row_identities`]).
#[derive(Debug, Clone)]
pub struct RowIdentities(Vec<(Vec<usize>, Vec<usize>)>);

impl RowIdentities {
    /// Whether `values` satisfy every one; a position past the values is not judged.
    pub fn hold(&self, values: &[f64]) -> bool {
        let sum = |at: &[usize]| at.iter().map(|&p| values.get(p).copied()).sum::<Option<f64>>();
        self.0.iter().all(|(l, r)| match (sum(l), sum(r)) {
            (Some(l), Some(r)) => same(l, r),
            _ => true,
        })
    }
}

/// The cells of `table` at every (row, column) of `rows` × `cols`, row by row.
fn cells(table: TableKey, rows: &[RowKey], cols: &[ColKey]) -> Vec<CellRef> {
    let mut out = Vec::with_capacity(rows.len() * cols.len());
    for &row in rows {
        for &col in cols {
            out.push(CellRef { table, row, col });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The template as the page and the widget draw it (the wasm `template()` export).

#[derive(Debug, Clone, Serialize)]
pub struct TemplateInfo {
    pub formats: FormsInfo,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormsInfo {
    #[serde(rename = "2021")]
    pub f2021: FormInfo,
    #[serde(rename = "2019")]
    pub f2019: FormInfo,
}

#[derive(Debug, Clone, Serialize)]
pub struct FormInfo {
    pub tables: Vec<TableInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableInfo {
    pub key: TableKey,
    pub section: u8,
    pub title: &'static str,
    pub note: Option<&'static str>,
    pub columns: Vec<ColumnInfo>,
    pub column_groups: Vec<GroupInfo>,
    pub row_groups: Vec<GroupInfo>,
    pub blocks: Vec<BlockInfo>,
    pub rows: Vec<RowInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnInfo {
    pub key: ColKey,
    pub label: &'static str,
    pub groups: &'static [GroupKey],
    pub kind: ValueKind,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupInfo {
    pub key: GroupKey,
    pub label: &'static str,
    pub parent: Option<GroupKey>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlockInfo {
    pub caption: &'static str,
    pub columns: Vec<ColKey>,
    pub rows: Vec<RowKey>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowInfo {
    pub key: RowKey,
    pub label: &'static str,
    pub groups: &'static [GroupKey],
    pub columns: Vec<ColKey>,
}

/// Both forms of the template, as the page draws them.
pub fn describe() -> TemplateInfo {
    TemplateInfo { formats: FormsInfo { f2021: describe_form(Format::F2021), f2019: describe_form(Format::F2019) } }
}

/// One form's tables. Plain loops over a few helpers: this runs once, and each iterator chain
/// was a generic copy of its own in the wasm.
fn describe_form(format: Format) -> FormInfo {
    let t = Template::of(format);
    let title = |section: u8| SECTIONS[usize::from(section) - 1].1;

    let actives = active_rows(format);
    let mut active_columns: Vec<ColumnInfo> = Vec::new();
    let mut blocks: Vec<BlockInfo> = Vec::new();
    let mut active_rows_info = Vec::with_capacity(actives.len());
    for r in actives {
        for c in r.columns {
            if !active_columns.iter().any(|a| a.key == c.key) {
                active_columns.push(column_info(c));
            }
        }
        match blocks.last_mut() {
            Some(b) if b.caption == r.caption => b.rows.push(r.key),
            _ => blocks.push(BlockInfo { caption: r.caption, columns: column_keys(r.columns), rows: vec![r.key] }),
        }
        active_rows_info.push(RowInfo { key: r.key, label: r.label, groups: &[], columns: column_keys(r.columns) });
    }
    let active = TableInfo {
        key: TableKey::ActiveDisclosure,
        section: TableKey::ActiveDisclosure.section(),
        title: title(2),
        note: None,
        columns: active_columns,
        column_groups: Vec::new(),
        row_groups: Vec::new(),
        blocks,
        rows: active_rows_info,
    };

    let mut row_groups = Vec::new();
    let mut application_rows = Vec::with_capacity(t.application_rows.len());
    for r in &t.application_rows {
        add_groups(&mut row_groups, r.groups);
        application_rows.push(RowInfo {
            key: r.key,
            label: r.label,
            groups: r.groups,
            columns: column_keys(&APPLICATION_COLUMNS),
        });
    }
    let applications = TableInfo {
        key: TableKey::Applications,
        section: TableKey::Applications.section(),
        title: title(3),
        note: Some(APPLICATIONS_NOTE),
        columns: column_infos(&APPLICATION_COLUMNS),
        column_groups: column_groups(&APPLICATION_COLUMNS),
        row_groups: group_infos(&row_groups),
        blocks: Vec::new(),
        rows: application_rows,
    };

    let reviews = TableInfo {
        key: TableKey::ReviewsLitigation,
        section: TableKey::ReviewsLitigation.section(),
        title: title(4),
        note: None,
        columns: column_infos(&REVIEW_COLUMNS),
        column_groups: column_groups(&REVIEW_COLUMNS),
        row_groups: Vec::new(),
        blocks: Vec::new(),
        rows: vec![RowInfo {
            key: R::Counts,
            label: REVIEW_ROW_LABEL,
            groups: &[],
            columns: column_keys(&REVIEW_COLUMNS),
        }],
    };
    FormInfo { tables: vec![active, applications, reviews] }
}

fn column_info(c: &ColumnDef) -> ColumnInfo {
    ColumnInfo { key: c.key, label: c.label, groups: c.groups, kind: c.kind }
}

fn column_infos(cols: &[ColumnDef]) -> Vec<ColumnInfo> {
    let mut out = Vec::with_capacity(cols.len());
    for c in cols {
        out.push(column_info(c));
    }
    out
}

fn column_keys(cols: &[ColumnDef]) -> Vec<ColKey> {
    let mut out = Vec::with_capacity(cols.len());
    for c in cols {
        out.push(c.key);
    }
    out
}

/// Adds to `keys` each of `groups` not already there (first use decides the order).
fn add_groups(keys: &mut Vec<GroupKey>, groups: &[GroupKey]) {
    for &g in groups {
        if !keys.contains(&g) {
            keys.push(g);
        }
    }
}

/// The groups the columns belong to, in order of first use.
fn column_groups(cols: &[ColumnDef]) -> Vec<GroupInfo> {
    let mut keys = Vec::new();
    for c in cols {
        add_groups(&mut keys, c.groups);
    }
    group_infos(&keys)
}

fn group_infos(keys: &[GroupKey]) -> Vec<GroupInfo> {
    let mut out = Vec::with_capacity(keys.len());
    for &g in keys {
        out.push(GroupInfo { key: g, label: g.def().label, parent: g.def().parent });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_their_names() {
        for &k in RowKey::ALL {
            assert_eq!(k.as_str().parse::<RowKey>(), Ok(k));
        }
        for &k in ColKey::ALL {
            assert_eq!(k.as_str().parse::<ColKey>(), Ok(k));
        }
        assert_eq!("nope".parse::<TableKey>(), Err(UnknownKey));
    }

    #[test]
    fn every_group_is_declared_in_enum_order() {
        assert_eq!(GROUPS.len(), GroupKey::ALL.len());
        for &g in GroupKey::ALL {
            assert_eq!(g.def().key, g);
        }
    }

    #[test]
    fn cell_counts_and_table_names() {
        let (t21, t19) = (Template::of(Format::F2021), Template::of(Format::F2019));
        assert_eq!(t21.cell_count(TableKey::Applications), 25 * 7);
        assert_eq!(t19.cell_count(TableKey::Applications), 23 * 7);
        // 2021: 2 × 3 + 3 × 1 + 1; 2019: 2 × 3 + 4 × 3 + 2 + 2.
        assert_eq!(t21.cell_count(TableKey::ActiveDisclosure), 10);
        assert_eq!(t19.cell_count(TableKey::ActiveDisclosure), 22);
        assert_eq!(t21.cell_count(TableKey::ReviewsLitigation), 15);
        assert_eq!(TableKey::Applications.short_name(), "表三");
        assert_eq!(TableKey::ReviewsLitigation.short_name(), "表四");
    }

    #[test]
    fn identities_per_form() {
        for (format, rows) in [(Format::F2021, 25), (Format::F2019, 23)] {
            let t = Template::of(format);
            assert_eq!(t.application_rows.len(), rows);
            let count = |f: Family| t.identities.iter().filter(|i| i.family == f).count();
            assert_eq!(count(Family::Balance), 7);
            assert_eq!(count(Family::Results), 7);
            assert_eq!(count(Family::RowTotal), rows);
            assert_eq!(count(Family::ReviewBlock), 3);
            // （一）…（六）: every result row but （七） itself.
            let results = t.identities.iter().find(|i| i.family == Family::Results).map(|i| i.left.len());
            assert_eq!(results, Some(rows - 4));
        }
    }

    #[test]
    fn row_identities_drive_the_digit_splitter() {
        let t = Template::of(Format::F2021);
        let cols: Vec<ColKey> = APPLICATION_COLUMNS.iter().map(|c| c.key).collect();
        let granted = t.row_identities(TableKey::Applications, R::Granted, &cols);
        assert!(granted.hold(&[1.0, 2.0, 0.0, 0.0, 0.0, 0.0, 3.0]));
        assert!(!granted.hold(&[1.0, 2.0, 0.0, 0.0, 0.0, 0.0, 4.0]));
        let cols: Vec<ColKey> = REVIEW_COLUMNS.iter().map(|c| c.key).collect();
        let counts = t.row_identities(TableKey::ReviewsLitigation, R::Counts, &cols);
        let mut v = [0.0; 15];
        v[0] = 2.0;
        v[4] = 2.0;
        assert!(counts.hold(&v));
        v[9] = 1.0;
        assert!(!counts.hold(&v));
        // Section 二 has no identity within a row: any reading holds.
        assert!(t.row_identities(TableKey::ActiveDisclosure, R::Licensing, &[ColKey::Decisions]).hold(&[7.0]));
    }
}
