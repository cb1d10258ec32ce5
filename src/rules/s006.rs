use super::prelude::*;
use crate::meta::title::title_year;
use crate::meta::years::{find_period, impossible_years, narrative_years};

pub const RULE: RuleInfo = RuleInfo {
    code: "S006",
    severity: Severity::Warning,
    title: rule_title!("年份前后不一致"),
    doc: rule_doc!(
        r#"# S006 年份前后不一致（warning）

**检查什么**：

- 标题的年份与“统计期限为××××年1月1日至××××年12月31日”的年份不同，或统计期限的起止年份不同；
- 第一部分叙述工作的句子（“2022年，我局……”“2022年以来……”）所说的年份都不是报告年度，
  也不是下一年（报告在次年发布，提到次年的工作安排是正常的）；
- 不可能的年份，如“202020年”。复制时丢字造成的“2025111231日”（原为“2025年1月1日至12月31日”）
  不是年份错误，不报告。

**为什么重要**：《中华人民共和国政府信息公开条例》第四十九条规定年度报告报告的是上一年度的政府信息
公开工作。年份不一致通常说明报告套用了往年的文本而没有改全，读者无法确定数据属于哪一年。

**不通过的例子**：标题为“青禾县自然资源局2023年政府信息公开工作年度报告”，
正文写“本报告所列数据的统计期限为2022年1月1日至2022年12月31日”。

**通过的例子**：标题和统计期限都是 2023 年；第五部分写“2024年，我局将进一步……”。

**如何修改**：统一标题、统计期限和正文中的年份；改正多写的数字。
"#
    ),
    check,
};

/// Findings of one kind reported at most: the first few show the problem.
const MAX_FINDINGS: usize = 5;

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let norm = &ctx.norm.text;
    let titled = title_year(ctx.title);
    let title_span = ctx.norm.span(ctx.title.start, ctx.title.end);
    let period = find_period(norm);
    let mut reference = titled;
    if let Some(p) = period {
        let period_span = ctx.norm.span(p.start, p.end);
        let stated = &norm[p.start..p.end];
        if let Some(to) = p.to_year.filter(|&to| to != p.from_year) {
            out.push(
                RULE.finding(format!(
                    "统计期限“{stated}”的起止年份不同（{}年与{to}年），年度报告的统计期限为一个自然年",
                    p.from_year
                ))
                .span(period_span),
            );
        } else if let Some(t) = titled.filter(|&t| t != p.from_year) {
            out.push(
                RULE.finding(format!("标题的年份是{t}年，统计期限“{stated}”却是{}年", p.from_year))
                    .spans(vec![title_span, period_span]),
            );
            reference = None;
        } else if titled.is_none() {
            reference = Some(p.from_year);
        }
    }
    if let (Some(year), Some(one)) = (reference, ctx.section(1)) {
        let work = narrative_years(norm, one.heading_end, one.end);
        let of_report = work.iter().any(|&(y, _, _)| y == year || y == year + 1);
        if !work.is_empty() && !of_report {
            let shown: Vec<String> = work.iter().take(3).map(|&(_, s, e)| format!("“{}”", &norm[s..e])).collect();
            out.push(
                RULE.finding(format!("报告年度是{year}年，第一部分叙述的却是{}的工作", crate::text::join(&shown, "")))
                    .spans(work.iter().map(|&(_, s, e)| ctx.norm.span(s, e))),
            );
        }
    }
    for (s, e) in impossible_years(norm).into_iter().take(MAX_FINDINGS) {
        out.push(RULE.finding(format!("“{}年”不是有效的年份", &norm[s..e])).span(ctx.norm.span(s, e)));
    }
}
