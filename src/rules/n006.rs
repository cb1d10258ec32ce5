use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "N006",
    severity: Severity::Info,
    title: rule_title!("正文所列分项之和超过总数"),
    doc: rule_doc!(
        r#"# N006 正文所列分项之和超过总数（info）

**检查什么**：正文写“总数，其中（包括、分别为）分项、分项……”，分项没有以“其他……”收尾
（也没有以“等”收尾或写明“主要”），而各分项之和大于总数。分项之和小于总数不报告：未列全
的分项可能只是举例。分项之和超过总数时，要么某个数字写错，要么分项互有重叠，所以只作提示；
分项以“其他”收尾的见 N002（warning）。

**为什么重要**：读者会把所列分项当作总数的全部。分项之和对不上时，要么某个数字写错，
要么漏列了分项，都会让读者质疑数据。

**不通过的例子**：“共受理申请 100 件，包括网上申请 70 件，信函申请 40 件。”（70+40 = 110）

**通过的例子**：“共受理申请 100 件，包括网上申请 60 件，信函申请 40 件。”；
“共受理申请 100 件，其中网上申请 60 件。”（只列一项）；“其中予以公开 32 件、部分公开 6 件”（举例）

**如何修改**：核对各分项和总数，改正写错的数字；分项互有重叠时，分开说明。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for e in ctx.narrative.enumerations.iter().filter(|e| !e.closed) {
        let sum: f64 = e.parts.iter().map(|p| p.0).sum();
        // Fewer than the total: the parts may be a selection ("其中予以公开32件"), not an error.
        if sum <= e.total + 1e-6 {
            continue;
        }
        out.push(enumeration_finding(&RULE, ctx, e, sum, "多出"));
    }
}
