use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "L001",
    severity: Severity::Error,
    title: rule_title!("行政复议、行政诉讼的分项之和不等于总计"),
    doc: rule_doc!(
        r#"# L001 行政复议、行政诉讼的分项之和不等于总计（error）

**检查什么**：第四部分表格分三块：行政复议；行政诉讼中的未经复议直接起诉；复议后起诉。
每一块都必须满足 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。

**为什么重要**：《中华人民共和国政府信息公开条例》（2019年修订）第五十条要求报告因政府信息公开工作被申请行政复议、提起行政诉讼的情况，
国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》第四部分按结果维持、结果纠正、其他结果、尚未审结和总计报告。每一件案件只有一种结果状态，总计必须等于各状态之和。

**不通过的例子**：行政复议 10 1 0 0 总计 0（应为 11）。

**通过的例子**：行政复议 10 1 0 0 总计 11。

**如何修改**：补填或更正总计；如含上年结转的案件，请在表下注明。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    report_failures(ctx, Family::ReviewBlock, &RULE, out, |c, l, r| {
        format!(
            "{}：结果维持+结果纠正+其他结果+尚未审结 = {}，总计 = {}，相差 {}",
            c.subject,
            sum_text(c.left()),
            fmt_num(r),
            fmt_num((l - r).abs())
        )
    });
}
