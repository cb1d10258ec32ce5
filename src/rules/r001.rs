use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "R001",
    severity: Severity::Error,
    title: "勾稽关系不成立（一+二 ≠ （七）总计+四）",
    doc: r#"# R001 勾稽关系不成立（error）

**检查什么**：第三部分表格的每一列都必须满足表头注明的勾稽关系：
“一、本年新收” + “二、上年结转” = “（七）总计” + “四、结转下年度继续办理”。
七列（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）逐列检查。

**为什么重要**：收到的申请要么本年办结（计入（七）总计），要么结转下年，数目必须对得上。
不平衡说明有申请被漏计或重复计算。

**不通过的例子**：总计列 一 = 3、二 = 0、（七）总计 = 2、四 = 0：3+0 ≠ 2+0，相差 1。

**通过的例子**：一 = 3、二 = 0、（七）总计 = 2、四 = 1。

**如何修改**：逐件核对本年新收和上年结转的申请，确认每一件是否已办结或结转。
单元格为空白或“/”时无法判断，由 R005 提示，不报告本规则。
"#,
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    report_failures(ctx, Family::Balance, &RULE, out, |c, l, r| {
        format!(
            "{}勾稽关系不成立：一+二 = {}，（七）总计+四 = {}，相差 {}",
            c.subject,
            sum_text(&c.left),
            sum_text(&c.right),
            fmt_num((l - r).abs())
        )
    });
}
