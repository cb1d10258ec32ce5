//! The one restatement of the schema's keys (`tests/common/schema_keys.rs`) against
//! `nianbao::template`: every key the crate has is in the list, every listed key is the crate's,
//! in the same tables, rows, forms, order and groups.

#[path = "common/schema_keys.rs"]
mod schema_keys;

use nianbao::template::{active_rows, GroupKey, RowKey, TableKey, Template, APPLICATION_COLUMNS, REVIEW_COLUMNS};
use nianbao::template::{ColKey, ColumnDef};
use nianbao::Format;
use schema_keys::*;
use std::collections::BTreeSet;

fn names(cols: &[ColumnDef]) -> Vec<&'static str> {
    cols.iter().map(|c| c.key.as_str()).collect()
}

#[test]
fn the_restated_keys_are_the_templates() {
    let tables: Vec<&str> = TableKey::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(tables, TABLES);
    assert_eq!(names(&APPLICATION_COLUMNS), APP_COLS);
    assert_eq!(names(&REVIEW_COLUMNS), RL_COLS);

    let (mut rows, mut cols) = (BTreeSet::new(), BTreeSet::new());
    for (format, active, detail) in
        [(Format::F2021, &ACTIVE_2021[..], &DETAIL_ROWS_2021[..]), (Format::F2019, &ACTIVE_2019, &DETAIL_ROWS_2019)]
    {
        let have: Vec<(&str, Vec<&str>)> =
            active_rows(format).iter().map(|r| (r.key.as_str(), names(r.columns))).collect();
        let want: Vec<(&str, Vec<&str>)> = active.iter().map(|(r, c)| (*r, c.to_vec())).collect();
        assert_eq!(have, want, "{format:?}: section 二");

        let t = Template::of(format);
        let have: Vec<&str> = t.rows(TableKey::Applications).into_iter().map(RowKey::as_str).collect();
        let want: Vec<&str> = LEADING_ROWS.iter().chain(detail).chain(&TRAILING_ROWS).copied().collect();
        assert_eq!(have, want, "{format:?}: section 三");
        // The detail rows are the results' members but their total, which is （七）.
        let total = GroupKey::Result.def().total_row;
        assert_eq!(total.map(RowKey::as_str), Some(TRAILING_ROWS[0]));
        let members: Vec<&str> =
            t.group_rows(GroupKey::Result).into_iter().filter(|&r| Some(r) != total).map(RowKey::as_str).collect();
        assert_eq!(members, detail, "{format:?}: the rows R002 adds up");

        let have: Vec<&str> = t.rows(TableKey::ReviewsLitigation).into_iter().map(RowKey::as_str).collect();
        assert_eq!(have, [RL_ROW], "{format:?}: section 四");

        rows.extend(want.iter().chain(active.iter().map(|(r, _)| r)).chain([&RL_ROW]).copied());
        cols.extend(active.iter().flat_map(|(_, c)| c.iter()).chain(&APP_COLS).chain(&RL_COLS).copied());
    }
    // Both ways: nothing the crate has is missing from the list, nothing listed is not the crate's.
    let crate_rows: BTreeSet<&str> = RowKey::ALL.iter().map(|k| k.as_str()).collect();
    let crate_cols: BTreeSet<&str> = ColKey::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(rows, crate_rows, "row keys");
    assert_eq!(cols, crate_cols, "column keys");
}
