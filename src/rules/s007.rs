use super::prelude::*;
use crate::meta::body::{announced_body, bodies_differ, names_the_level_above};

pub const RULE: RuleInfo = RuleInfo {
    code: "S007",
    severity: Severity::Warning,
    title: rule_title!("标题与正文的发布机关不一致"),
    doc: rule_doc!(
        r#"# S007 标题与正文的发布机关不一致（warning）

**检查什么**：标题中的机关名称与正文开头发布报告的句子（“现向社会公布××2023年度政府信息公开
工作年度报告”“现发布《……年度报告》”）所写的机关明显不是同一个机关。简称不算不一致：
“洪泽区”与“淮安市洪泽区人民政府”、“市科委”与“上海市科学技术委员会”视为同一机关；
只有区分机关的字（地名、业务名称）大多不同时才报告。标题是乡镇、街道或政府部门，正文发布的
却只是它所在的县（区、市）时，也是两个机关（“青禾县云岭镇人民政府”与“青禾县”）；
政府办公室（办公厅）代本级政府编制报告，不算不一致。

**为什么重要**：《中华人民共和国政府信息公开条例》第四十九条要求政府部门和县级以上地方人民政府每年向社会公布本机关（本级政府）上一年度的年度报告。
机关名称不一致通常是套用其他机关的报告后没有改全，读者无法确定报告属于哪个机关。

**不通过的例子**：标题“青禾县自然资源局2023年政府信息公开工作年度报告”，
正文“现向社会公布青禾县交通运输局2023年度政府信息公开工作年度报告”。

**通过的例子**：标题“淮安市洪泽区人民政府2023年政府信息公开工作年度报告”，
正文“现向社会公布洪泽区2023年政府信息公开工作年度报告”。

**如何修改**：统一标题和正文中的机关名称。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(titled) = &ctx.title.body else { return };
    let Some((announced, start, end)) = announced_body(&ctx.norm.text) else { return };
    // The announcement is the title itself when the title is the only place the body is named.
    let differ = bodies_differ(titled, &announced) || names_the_level_above(titled, &announced);
    if start < ctx.title.end && end > ctx.title.start || !differ {
        return;
    }
    out.push(
        RULE.finding(format!("标题中的机关是“{titled}”，正文发布的却是“{announced}”的年度报告"))
            .spans(vec![ctx.norm.span(ctx.title.start, ctx.title.end), ctx.norm.span(start, end)]),
    );
}
