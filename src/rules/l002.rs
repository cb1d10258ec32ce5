use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "L002",
    severity: Severity::Warning,
    title: rule_title!("第四部分表格不是 15 个数值"),
    doc: rule_doc!(
        r#"# L002 第四部分表格不是 15 个数值（warning）

**检查什么**：第四部分表格只有一行数据，共 15 个数值：行政复议（结果维持、结果纠正、其他结果、
尚未审结、总计），未经复议直接起诉（同 5 项），复议后起诉（同 5 项）。读到的数值多于或少于 15 个，
或数字连写无法唯一拆分时报告本规则，并且不再判断 L001。

**为什么重要**：国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》第四部分共 15 个数值（行政复议 5 个，未经复议直接起诉和复议后起诉各 5 个）。
少数或多数都说明表格缺栏、错位或粘贴不完整。

**不通过的例子**：表格只有 14 个数。

**通过的例子**：“0 0 0 0 0 0 0 0 0 0 0 0 0 0 0”。

**如何修改**：核对表格的 15 个栏目，没有发生的填 0。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(section) = ctx.section(4) else { return };
    let Some(table) = ctx.reviews else { return };
    let Some(row) = table.rows.first() else { return };
    let span = ctx.norm.span(section.start, section.heading_end);
    let Some(RowRead::Unreadable(why)) = &row.read else { return };
    let message = match why {
        Unreadable::Glued { runs, .. } => {
            format!("第四部分表格的数字连写在一起（{runs} 段），无法唯一拆分成 15 个数值")
        }
        Unreadable::CutOff => "第四部分表格在粘贴文本的末尾被截断，最后一个数值可能不完整".to_string(),
        Unreadable::Unaligned { .. } => "第四部分表格的数值分在几行上，无法按所在的列唯一对应到 15 个栏目".to_string(),
        Unreadable::ColumnBlocks(why) => format!("第四部分表格：{}", why.describe()),
        Unreadable::Interleaved
        | Unreadable::AmbiguousPadding { values: 0 }
        | Unreadable::WrongCount { values: 0, .. } => {
            "第四部分表格的数值与表头交错，无法可靠地读出 15 个数值".to_string()
        }
        Unreadable::AmbiguousPadding { values } | Unreadable::WrongCount { values, .. } => {
            format!("第四部分表格读到 {values} 个数值，应为 15 个")
        }
    };
    out.push(RULE.finding(message).span(span));
}
