use super::prelude::*;
use crate::round::{column_label, row_label, Entry};

pub const RULE: RuleInfo = RuleInfo {
    code: "X003",
    severity: Severity::Info,
    title: rule_title!("与上一年度相比变化超过 5 倍"),
    doc: rule_doc!(
        r#"# X003 与上一年度相比变化超过 5 倍（info）

**检查什么**：同一单位相邻两年的报告一起检查时，比较几个主要数字：第三部分“一、本年新收”总计，
第二部分行政许可、行政处罚、行政强制的处理决定数量，行政事业性收费金额。较大的一个至少为 10，
且是较小一个的 5 倍以上（包括从 0 变为 10 以上、或从 10 以上变为 0）时给出提示。

**为什么重要**：这样大的变化可能是真实的（机构改革、专项执法），也常常是填错了单位（元与万元）、
行（处罚填进许可）或年份。它只是提示，请核对，不说明报告有错。

**不通过的例子**（给出提示）：2023 年行政处罚决定 120 件，2024 年 12 件。

**通过的例子**：2023 年 120 件，2024 年 90 件；或两年都小于 10。

**如何修改**：核对数字和单位；变化属实的，可在报告正文中说明原因。
"#
    ),
    check,
};

/// Runs across reports ([`crate::round::compare`]), not on one report.
fn check(_: &Context, _: &mut Vec<Diagnostic>) {}

/// The figures compared, as (table, row, column).
const FIGURES: [(TableKey, RowKey, ColKey); 5] = [
    (TableKey::Applications, RowKey::NewReceived, ColKey::Total),
    (TableKey::ActiveDisclosure, RowKey::Licensing, ColKey::Decisions),
    (TableKey::ActiveDisclosure, RowKey::Penalty, ColKey::Decisions),
    (TableKey::ActiveDisclosure, RowKey::Coercion, ColKey::Decisions),
    (TableKey::ActiveDisclosure, RowKey::Fees, ColKey::Amount),
];

/// Below this, a change of 5× is a handful of cases and says nothing.
const MIN_LARGER: f64 = 10.0;
const FACTOR: f64 = 5.0;

pub(crate) fn compare(this: &Entry, last: &Entry) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (table, row, col) in FIGURES {
        let (Some((now, span)), Some((before, _))) = (this.number(table, row, col), last.number(table, row, col))
        else {
            continue;
        };
        let (larger, smaller) = if now > before { (now, before) } else { (before, now) };
        if larger < MIN_LARGER || smaller * FACTOR >= larger {
            continue;
        }
        let direction = if now > before { "增加" } else { "减少" };
        out.push(
            RULE.finding(format!(
                "“{}”{}为 {}，{}为 {}，{}超过 5 倍，请核对",
                row_label(this.format, table, row),
                column_label(this.format, table, row, col),
                fmt_num(now),
                last.name(),
                fmt_num(before),
                direction
            ))
            .span(span)
            .cell(CellRef::new(table, row, col))
            .counterpart(last.counterpart(vec![CellRef::new(table, row, col)])),
        );
    }
    out
}
