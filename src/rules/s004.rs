use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "S004",
    severity: Severity::Error,
    title: "2021年及以后的报告使用了旧版（2019）表格",
    doc: r#"# S004 2021年及以后的报告使用了旧版（2019）表格（error）

**检查什么**：报告年度为 2021 年或以后，但第二部分的表格是 2019 年《格式（试行）》的样式
（出现“本年新制作数量”“本年新公开数量”“对外公开总数量”“上一年项目数量”“本年增/减”
“其他对外管理服务事项”“第二十条第（九）项”“政府集中采购”等栏目），或第三部分“（六）其他处理”只有一行。

**为什么重要**：国办公开办函〔2021〕30号印发的新格式自 2021 年度报告起施行，旧格式已经废止。

**不通过的例子**：《XX局2023年政府信息公开工作年度报告》第二部分仍有“第二十条第（九）项 政府集中采购”表。

**通过的例子**：2023 年度报告第二部分为“本年制发件数、本年废止件数、现行有效件数”等新格式栏目。

**如何修改**：按 2021 年新格式重新制作第二、三部分表格。
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(year) = ctx.title.year else { return };
    if year < 2021 || ctx.format != Format::F2019 {
        return;
    }
    let span = ctx
        .section(2)
        .or_else(|| ctx.section(3))
        .map(|s| ctx.norm.span(s.start, s.heading_end))
        .into_iter()
        .collect();
    out.push(RULE.diag(
        format!("{year}年度报告应使用2021年新格式，但表格为2019年《格式（试行）》的样式"),
        span,
        vec![],
    ));
}
