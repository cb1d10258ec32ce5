use super::figures::{candidates, Figure};
use super::prelude::*;
use crate::narrative::Subject;

pub const RULE: RuleInfo = RuleInfo {
    code: "N001",
    severity: Severity::Error,
    title: rule_title!("正文所述数字与表格不符"),
    doc: rule_doc!(
        r#"# N001 正文所述数字与表格不符（error）

**检查什么**：正文中关于表格数据的数字，与表格中对应的数值比较：收到申请数（本年新收，
或本年新收加上年结转）、上年结转数、办结（答复）数、结转下年度数、各类办理结果
（予以公开、部分公开、予以公开及部分公开、不予公开、无法提供、不予处理、其他处理）、
行政复议和行政诉讼案件数、本年制发行政规范性文件件数、行政许可 / 行政处罚 / 行政强制
决定数、行政事业性收费金额。只在一句话里主语明确、只有一个数字时才比较：按申请人分列的
数字（“其中自然人……”）、同比增减、百分比、日期、其他年份的数字、主动公开的信息条数、
“代表……受理”这样只说本级的一部分数字都不比较。表格单元格为空白或“/”时，表格数值只
作为下限（件数不会是负数）。

**为什么重要**：《中华人民共和国政府信息公开条例》第五十条规定年度报告应报告收到和处理
政府信息公开申请、行政复议和行政诉讼等情况；正文和表格是同一组数据的两种写法，二者不一致，
读者无从判断哪个是真的，报告就失去了可信度。这也是审核人员最常手工核对的地方。

**不通过的例子**：正文“全年共受理政府信息公开申请 23 件”，而第三部分“一、本年新收政府
信息公开申请数量”总计为 32。

**通过的例子**：正文“全年共收到申请 75 件”，表格本年新收 74 件、上年结转 1 件（正文把
两者合计，也是一致的）。

**如何修改**：以表格为准逐项核对正文中的数字（或反之，先核实表格），修改写错的一方；正文
如果只说某一部分（例如本级、某一渠道），应写明范围。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for claim in &ctx.narrative.claims {
        let figures = candidates(ctx, claim.subject);
        // Judge only when every figure the count could be was read.
        let Some(figures) = figures.into_iter().collect::<Option<Vec<Figure>>>() else { continue };
        let Some(main) = figures.first() else { continue };
        if figures.iter().any(|f| f.admits(claim.value, claim.tolerance)) {
            continue;
        }
        let unit = if claim.subject == Subject::Fees { "万元" } else { "件" };
        let part = match claim.subject {
            Subject::Reviews | Subject::Suits => "第四部分",
            Subject::NormativeIssued
            | Subject::LicensingDecisions
            | Subject::PenaltyDecisions
            | Subject::CoercionDecisions
            | Subject::Fees => "",
            _ => "第三部分",
        };
        let mut table = format!("{part}{}为 {}", main.label, main.describe(unit));
        // The other readings the count was tried against ("本年新收与上年结转之和"), when they differ.
        for other in figures[1..].iter().filter(|f| f.value != main.value || f.exact != main.exact) {
            table.push_str(&format!("，{}为 {}", other.label, other.describe(unit)));
        }
        out.push(
            RULE.finding(format!(
                "正文“{}”与表格不符：正文为 {} {unit}，表格{table}",
                claim.clause_text,
                fmt_num(claim.value)
            ))
            .span(ctx.norm.span(claim.clause.0, claim.clause.1))
            .spans(main.spans.clone())
            .cells(main.cells.clone()),
        );
    }
}
