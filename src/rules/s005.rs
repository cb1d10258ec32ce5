use super::prelude::*;
use crate::meta::notice::notice_citations;

pub const RULE: RuleInfo = RuleInfo {
    code: "S005",
    severity: Severity::Warning,
    title: rule_title!("引用的格式通知已废止或文号有误"),
    doc: rule_doc!(
        r#"# S005 引用的格式通知已废止或文号有误（warning）

**检查什么**：报告说明编制依据时引用的年度报告格式通知：

- 2021 年及以后的报告引用了已被取代的国办公开办函〔2019〕60号（2019、2020 年度报告使用的《格式（试行）》）；
- 发文字号写错：“国办政务公开办函”“国办公开函”都不是实际使用的文号前缀（应为“国办公开办函”）；
- 在说明格式的句子里引用了国办公开办函〔2021〕其他编号（新格式的通知是〔2021〕30号）。

**为什么重要**：《中华人民共和国政府信息公开条例》第五十条要求全国政府信息公开工作主管部门公布
年度报告的统一格式。现行格式以国办公开办函〔2021〕30号印发，自 2021 年度报告起施行，取代了国办公开办函〔2019〕60号印发的《格式（试行）》。
引用废止或不存在的文件，说明报告可能沿用了旧模板，也会误导读者查找依据。

**不通过的例子**：《XX局2023年政府信息公开工作年度报告》：“本报告根据……国办公开办函〔2019〕60号要求编制。”
或“按照《中华人民共和国政府信息公开工作年度报告格式》（国办政务公开办函〔2021〕30号）编制”。

**通过的例子**：2023 年度报告写“按照国办公开办函〔2021〕30号要求编制”；2020 年度报告引用〔2019〕60号。

**如何修改**：改为引用国办公开办函〔2021〕30号，并确认表格已按该格式填写（旧格式表格见 S004）。
"#
    ),
    check,
};

/// Findings of one kind reported at most: the first few show the problem.
const MAX_FINDINGS: usize = 5;

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let year = ctx.title.year;
    let mut reported = 0;
    for c in notice_citations(&ctx.norm.text) {
        let cited = &ctx.norm.text[c.start..c.end];
        let known = (c.year, c.number) == (2021, 30) || (c.year, c.number) == (2019, 60);
        let message = if c.issuer != "国办公开办函" && (known || c.about_format) {
            format!("发文字号“{cited}”有误：年度报告格式通知的文号前缀是“国办公开办函”")
        } else if (c.year, c.number) == (2019, 60) && year.is_some_and(|y| y >= 2021) {
            format!(
                "{}年度报告引用了已被取代的“{cited}”（2019年《格式（试行）》）；2021年度起应按国办公开办函〔2021〕30号印发的格式编制",
                year.unwrap_or_default()
            )
        } else if c.year == 2021 && c.number != 30 && c.about_format && c.issuer == "国办公开办函" {
            format!("“{cited}”不是年度报告格式通知的文号，应为国办公开办函〔2021〕30号")
        } else {
            continue;
        };
        out.push(RULE.finding(message).span(ctx.norm.span(c.start, c.end)));
        reported += 1;
        if reported == MAX_FINDINGS {
            break;
        }
    }
}
