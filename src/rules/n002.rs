use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "N002",
    severity: Severity::Warning,
    title: rule_title!("正文总数与所列分项之和不符"),
    doc: rule_doc!(
        r#"# N002 正文总数与所列分项之和不符（warning）

**检查什么**：正文写“总数，其中分项、分项……”时，各分项之和是否等于总数。只检查分项
明显列全的情况：最后一项是“其他……”“其余……”（例如“法人或其他组织”“其他信息”），每一项
都是一个确切的数字、单位与总数相同（“200余条”这样的约数不检查）。

**为什么重要**：分项列全时，总数就是分项之和；对不上说明总数或某个分项写错了，
或者漏列了一项。读者会据此质疑整份报告的数据。

**不通过的例子**：“主动公开政府信息 465 条，其中政策文件 120 条，工作动态 300 条，
其他信息 44 条。”（120+300+44 = 464）

**通过的例子**：“共受理申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件。”

**如何修改**：重新统计各分项和总数，改正写错的数字；分项本来就不全时，不要用“其他”
作最后一项，或写明“主要包括”。分项未以“其他”收尾时见 N006。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for e in ctx.narrative.enumerations.iter().filter(|e| e.closed) {
        let sum: f64 = e.parts.iter().map(|p| p.0).sum();
        if (sum - e.total).abs() < 1e-6 {
            continue;
        }
        out.push(enumeration_finding(&RULE, ctx, e, sum, "相差"));
    }
}
