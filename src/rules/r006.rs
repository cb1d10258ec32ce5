use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "R006",
    severity: Severity::Warning,
    title: rule_title!("第三部分表格不完整"),
    doc: rule_doc!(
        r#"# R006 第三部分表格不完整（warning）

**检查什么**：第三部分表格应有 25 行（2019 年格式 23 行）、每行 7 个数值。找不到某些行的标签
（粘贴不完整、标签丢失），或某一行读到的数值不是 7 个、数字连写无法唯一拆分时报告本规则。
这些行涉及的勾稽关系不再判断，以免把粘贴问题误报为报告错误。

**为什么重要**：国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》第三部分有固定的行和列（2021 年格式 25 行 × 7 列）。表格缺行缺格时，
统计数据不完整，勾稽关系也无从核对。

**不通过的例子**：粘贴时只复制到“（四）无法提供”，后面的行都缺失。

**通过的例子**：25 行齐全，每行 7 个数值（没有发生的填 0）。

**如何修改**：检查粘贴是否完整；若原报告确实缺行或错位，按格式补齐。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(table) = ctx.applications.filter(|t| t.any_label_found()) else { return };
    incomplete_rows(ctx, table, &RULE, "第三部分表格", out);
}
