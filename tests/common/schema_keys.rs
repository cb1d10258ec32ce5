//! The keys of `shared/spec/schema.md`, restated as strings once for every test that names a
//! table, row or column. Deliberately not read from `nianbao::template`, so that a wrong key in
//! the crate cannot make its own test pass; `tests/schema_keys.rs` checks this list against the
//! template, both ways.
#![allow(dead_code)]

pub const TABLES: [&str; 3] = ["active_disclosure", "applications", "reviews_litigation"];

/// Section 二 in the 2021 form: each row and its columns.
pub const ACTIVE_2021: [(&str, &[&str]); 6] = [
    ("regulations", &["issued", "repealed", "in_force"]),
    ("normative_documents", &["issued", "repealed", "in_force"]),
    ("licensing", &["decisions"]),
    ("penalty", &["decisions"]),
    ("coercion", &["decisions"]),
    ("fees", &["amount"]),
];

/// Section 二 in the 2019 form.
pub const ACTIVE_2019: [(&str, &[&str]); 8] = [
    ("regulations", &["new_made", "new_published", "total_published"]),
    ("normative_documents", &["new_made", "new_published", "total_published"]),
    ("licensing", &["previous_count", "change", "decisions"]),
    ("other_services", &["previous_count", "change", "decisions"]),
    ("penalty", &["previous_count", "change", "decisions"]),
    ("coercion", &["previous_count", "change", "decisions"]),
    ("fees", &["previous_count", "change"]),
    ("procurement", &["items", "total_amount"]),
];

/// Section 三's rows before the results: 一、二.
pub const LEADING_ROWS: [&str; 2] = ["new_received", "carried_over"];

/// Detail rows of section 三 (2021), in table order: what R002 adds up.
pub const DETAIL_ROWS_2021: [&str; 21] = [
    "granted",
    "partially_granted",
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_three_safeties",
    "denied_third_party_rights",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_files",
    "denied_query_items",
    "unable_not_held",
    "unable_needs_creation",
    "unable_unclear_after_correction",
    "rejected_petition",
    "rejected_repeated",
    "rejected_publication",
    "rejected_excessive",
    "rejected_confirmation",
    "other_no_correction",
    "other_unpaid_fee",
    "other_other",
];

/// Detail rows of section 三 in the 2019 format: （六）其他处理 is one row, `other`.
pub const DETAIL_ROWS_2019: [&str; 19] = [
    "granted",
    "partially_granted",
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_three_safeties",
    "denied_third_party_rights",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_files",
    "denied_query_items",
    "unable_not_held",
    "unable_needs_creation",
    "unable_unclear_after_correction",
    "rejected_petition",
    "rejected_repeated",
    "rejected_publication",
    "rejected_excessive",
    "rejected_confirmation",
    "other",
];

/// Section 三's rows after the results: （七）总计 (the results' total) and 四.
pub const TRAILING_ROWS: [&str; 2] = ["total_processed", "carried_forward"];

pub const APP_COLS: [&str; 7] =
    ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"];

/// Section 四's one row.
pub const RL_ROW: &str = "counts";

pub const RL_COLS: [&str; 15] = [
    "review_upheld",
    "review_corrected",
    "review_other",
    "review_pending",
    "review_total",
    "direct_suit_upheld",
    "direct_suit_corrected",
    "direct_suit_other",
    "direct_suit_pending",
    "direct_suit_total",
    "suit_after_review_upheld",
    "suit_after_review_corrected",
    "suit_after_review_other",
    "suit_after_review_pending",
    "suit_after_review_total",
];
