use super::prelude::*;
use crate::round::{column_label, row_label, Entry};
use crate::template::APPLICATION_COLUMNS;

pub const RULE: RuleInfo = RuleInfo {
    code: "X001",
    severity: Severity::Error,
    title: rule_title!("上年结转与上一年度报告的结转下年度不一致"),
    doc: rule_doc!(
        r#"# X001 上年结转与上一年度报告的结转下年度不一致（error）

**检查什么**：同一单位相邻两年的报告一起检查时，本年第三部分“二、上年结转政府信息公开申请数量”
每一列（自然人……总计）都必须等于上一年度报告“四、结转下年度继续办理”的同一列。

**为什么重要**：上一年结转下年度继续办理的申请，就是本年的上年结转，两份报告说的是同一批申请。
国办公开办函〔2021〕30号印发的格式第三部分把两者分列，数字不一致说明有一份报告漏计或多计了申请。

**不通过的例子**：2023 年报告“四、结转下年度继续办理”自然人 3，2024 年报告“二、上年结转”自然人 2。

**通过的例子**：两者逐列相同；或只有一年的报告（无从比较，不报告本规则）。

**如何修改**：核对跨年度办理的申请台账，更正本年“上年结转”（或说明上一年度报告的错误）。
只在两份报告的对应单元格都是数字时比较；空白或“/”不当作 0。
"#
    ),
    check,
};

/// Runs across reports ([`crate::round::compare`]), not on one report.
fn check(_: &Context, _: &mut Vec<Diagnostic>) {}

/// This year's 上年结转 against last year's 结转下年度, column by column.
pub(crate) fn compare(this: &Entry, last: &Entry) -> Vec<Diagnostic> {
    let table = TableKey::Applications;
    let mut out = Vec::new();
    for col in APPLICATION_COLUMNS.iter().map(|c| c.key) {
        let (Some((now, span)), Some((before, _))) =
            (this.number(table, RowKey::CarriedOver, col), last.number(table, RowKey::CarriedForward, col))
        else {
            continue;
        };
        if crate::template::same(now, before) {
            continue;
        }
        out.push(
            RULE.finding(format!(
                "“{}”“{}”列为 {}，而{}的“{}”为 {}",
                row_label(this.format, table, RowKey::CarriedOver),
                column_label(this.format, table, RowKey::CarriedOver, col),
                fmt_num(now),
                last.name(),
                row_label(last.format, table, RowKey::CarriedForward),
                fmt_num(before)
            ))
            .span(span)
            .cell(CellRef::new(table, RowKey::CarriedOver, col))
            .counterpart(last.counterpart(vec![CellRef::new(table, RowKey::CarriedForward, col)])),
        );
    }
    out
}
