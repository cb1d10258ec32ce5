use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "A001",
    severity: Severity::Error,
    title: rule_title!("件数为负数或不是整数"),
    doc: rule_doc!(
        r#"# A001 件数为负数或不是整数（error）

**检查什么**：第二部分表格中的件数、数量（本年制发件数、本年废止件数、现行有效件数、
本年处理决定数量等）必须是非负整数。收费金额（万元）可以有小数；2019 年格式的“本年增/减”可以为负。

**为什么重要**：国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》的表格按件数统计（收费金额除外），件数不可能为负或带小数；这样的值说明填错了栏目或单位。

**不通过的例子**：“行政许可 本年处理决定数量 -3”，或“行政规范性文件 本年制发件数 2.5”。

**通过的例子**：“行政许可 1203”。

**如何修改**：核对原始台账，填写正确的件数。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (row, cell, kind) in active_cells(ctx) {
        let Some(v) = cell.value else { continue };
        if kind != ValueKind::Count || cell.kind != CellKind::Number || (v >= 0.0 && v.fract() == 0.0) {
            continue;
        }
        let what = if v < 0.0 { "为负数" } else { "不是整数" };
        out.push(
            RULE.finding(format!(
                "“{}”的“{}”{}：{}",
                row.label,
                column_label(ctx, row.key, cell.col),
                what,
                cell.raw.trim()
            ))
            .span(cell.span)
            .cell(CellRef::new(TableKey::ActiveDisclosure, row.key, cell.col)),
        );
    }
}
