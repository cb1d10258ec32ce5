use super::prelude::*;
use crate::text::numeral;

pub const RULE: RuleInfo = RuleInfo {
    code: "S008",
    severity: Severity::Error,
    title: rule_title!("章节缺少表格"),
    doc: rule_doc!(
        r#"# S008 章节缺少表格（error）

**检查什么**：第二、三、四部分都必须以规定的表格报告数据。该部分标题存在，但找不到它的表格
（没有任何表格标签或数值），例如表格被一句话代替。

**为什么重要**：国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》要求第二、三、四部分以规定的表格报告数据（《中华人民共和国政府信息公开条例》（2019年修订）第五十条列出的主动公开、
依申请公开、行政复议和行政诉讼情况），便于逐项汇总和比较；用一句话代替表格会漏报栏目，也无法核对勾稽关系。

**不通过的例子**：“四、政府信息公开行政复议、行政诉讼情况 本年度未发生行政复议、行政诉讼。”之后没有表格。

**通过的例子**：即使全部为 0，也照样给出 15 个数值的表格。

**如何修改**：按格式补上表格，没有发生的事项填 0。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let parts = [
        (2, ctx.active, "主动公开政府信息情况"),
        (3, ctx.applications, "收到和处理政府信息公开申请情况"),
        (4, ctx.reviews, "行政复议、行政诉讼情况"),
    ];
    for (number, table, what) in parts {
        let Some(section) = ctx.section(number) else { continue };
        if table.is_some_and(|t| t.any_label_found()) {
            continue;
        }
        out.push(
            RULE.finding(format!("第{}部分（{what}）没有找到规定的表格", numeral(number)))
                .span(ctx.norm.span(section.start, section.heading_end)),
        );
    }
}
