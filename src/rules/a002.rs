use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "A002",
    severity: Severity::Warning,
    title: rule_title!("单元格中不是一个单纯的数值"),
    doc: rule_doc!(
        r#"# A002 单元格中不是一个单纯的数值（warning）

**检查什么**：第二部分表格的单元格应只填一个数值。单元格里带单位（`43.788万元`）、
夹有文字或注释（`22（其中修订16件）`）、或者有几个数（`0 0 0`）时报告本规则。

**为什么重要**：国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》每个栏目填一个数值，带文字的单元格无法汇总统计，几个数挤在一格往往说明表格错位。
需要说明的情况应写在表格外的正文中。

**不通过的例子**：“行政事业性收费 43.788万元”。

**通过的例子**：“行政事业性收费 43.788”，单位写在表头“本年收费金额（单位：万元）”中。

**如何修改**：单元格只保留数值，单位放在表头，说明文字放到表格下方的注释中。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (row, cell, _) in active_cells(ctx) {
        if cell.kind != CellKind::Text {
            continue;
        }
        out.push(
            RULE.finding(format!(
                "“{}”的“{}”单元格应为一个数值，实际为“{}”",
                row.label,
                column_label(ctx, row.key, cell.col),
                cell.raw.trim()
            ))
            .span(cell.span)
            .cell(CellRef::new(TableKey::ActiveDisclosure, row.key, cell.col)),
        );
    }
}
