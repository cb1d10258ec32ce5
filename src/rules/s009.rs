use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "S009",
    severity: Severity::Error,
    title: rule_title!("表格未填写（所有单元格都是空白）"),
    doc: rule_doc!(
        r#"# S009 表格未填写（error）

**检查什么**：第二、三、四部分的表格在文本中，但读到的每个数值单元格都是空白：发布的是格式里的
空表。填“0”或“/”的表格不算未填写。

**为什么重要**：真实的报告曾把格式中的空表原样发布。《中华人民共和国政府信息公开条例》第五十条
要求报告这些数据；空表等于没有报告，其他规则也无从核对。

**不通过的例子**：第三部分表格 25 行、7 列全部空白。

**通过的例子**：没有申请的单位在每格填“0”。

**如何修改**：按本年度的实际数据填写表格；没有发生的事项填“0”。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for key in [TableKey::ActiveDisclosure, TableKey::Applications, TableKey::ReviewsLitigation] {
        let Some(table) = ctx.tables.table(key) else { continue };
        let (mut cells, mut all_blank) = (0usize, true);
        for row in &table.rows {
            cells += row.cells.len();
            all_blank &= row.cells.iter().all(|c| c.kind == CellKind::Blank);
        }
        if cells == 0 || !all_blank {
            continue;
        }
        let spans = table.rows.iter().filter_map(|r| r.span).take(1);
        out.push(
            RULE.finding(format!(
                "第{}部分的表格未填写：读到的 {} 个单元格全部为空白",
                crate::text::numeral(key.section()),
                cells
            ))
            .spans(spans),
        );
    }
}
