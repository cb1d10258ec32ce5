use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "R003",
    severity: Severity::Error,
    title: rule_title!("一行中各类申请人之和不等于总计"),
    doc: rule_doc!(
        r#"# R003 一行中各类申请人之和不等于总计（error）

**检查什么**：第三部分表格的每一行，自然人 + 商业企业 + 科研机构 + 社会公益组织 +
法律服务机构 + 其他 必须等于该行的“总计”。（表中没有“法人或其他组织”小计列。）

**为什么重要**：国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》第三部分按申请人类别（自然人、法人或其他组织各类）分列，总计列是本行各类申请人的合计，
不相等说明某一格填错或错位。

**不通过的例子**：“（一）予以公开”行：1+0+0+0+0+0 = 1，总计填 0。

**通过的例子**：“（一）予以公开”行：1+0+0+0+0+0 = 1，总计 1。

**如何修改**：核对该行各格；常见原因是数字错位到相邻一格，或总计未随修改更新。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    report_failures(ctx, Family::RowTotal, &RULE, out, |c, l, r| {
        format!(
            "{}各类申请人之和不等于总计：{}，总计 = {}，相差 {}",
            c.subject,
            sum_text(c.left()),
            fmt_num(r),
            fmt_num((l - r).abs())
        )
    });
}
