use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "R002",
    severity: Severity::Error,
    title: rule_title!("办理结果各项之和不等于（七）总计"),
    doc: rule_doc!(
        r#"# R002 办理结果各项之和不等于（七）总计（error）

**检查什么**：第三部分表格每一列中，“（一）予以公开”“（二）部分公开”“（三）不予公开”1–8、
“（四）无法提供”1–3、“（五）不予处理”1–5、“（六）其他处理”1–3（2019 年格式为一行）之和
必须等于“（七）总计”。

**为什么重要**：（七）总计就是本年办结的申请数，它必须正好是各种办理结果的件数之和
（国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》第三部分“三、本年度办理结果”的各项）。

**不通过的例子**：自然人列各项之和为 27，而“（七）总计”填 21。

**通过的例子**：各项之和与“（七）总计”都为 21。

**如何修改**：核对每件申请的办理结果，确认没有一件申请计入两种结果，也没有漏计。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    report_failures(ctx, Family::Results, &RULE, out, |c, l, r| {
        format!(
            "{}办理结果之和不等于（七）总计：（一）至（六）各项之和 = {}，（七）总计 = {}，相差 {}",
            c.subject,
            fmt_num(l),
            fmt_num(r),
            fmt_num((l - r).abs())
        )
    });
}
