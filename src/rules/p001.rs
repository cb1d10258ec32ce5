use super::prelude::*;
use crate::normalize::is_traditional;
use crate::template::ACTIVE_HEADER_TYPOS;
use crate::text;

pub const RULE: RuleInfo = RuleInfo {
    code: "P001",
    severity: Severity::Info,
    title: rule_title!("表格标签近似匹配"),
    doc: rule_doc!(
        r#"# P001 表格标签近似匹配（info）

**检查什么**：表格的行标签或栏目名与官方格式不完全一致（错别字、漏字、繁体字形），检查器按最接近的
官方标签识别了它。提示写明原文和对应的官方标签。

**为什么重要**：标签写错不影响数值核对，但发布的报告应当使用国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》规定的表述，便于公众查找和比较。

**不通过的例子**：“2.其他法律行政止公开”（应为“2.其他法律行政法规禁止公开”）；“本年度止件数”（应为“本年废止件数”）。

**通过的例子**：标签与格式一致；全角/半角括号、标签中的空格和换行不算差异。

**如何修改**：按官方格式改正标签文字。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let norm = &ctx.norm.text;
    for table in [ctx.active, ctx.applications].into_iter().flatten() {
        for row in &table.rows {
            let Some(found) = row.found.as_ref() else { continue };
            let span = ctx.norm.span(found.start, found.end);
            let as_pasted = ctx.input.get(span.start..span.end).unwrap_or_default();
            if !found.approximate {
                // Matched exactly after normalizing, but written in traditional characters (a
                // label normalizing left as it was has none: a normalized text holds none).
                if as_pasted != &norm[found.start..found.end] && as_pasted.chars().any(is_traditional) {
                    let written = crate::text::without_whitespace(as_pasted);
                    out.push(
                        RULE.finding(format!("表格标签“{written}”使用了繁体字，已按“{}”识别", row.label)).span(span),
                    );
                }
                continue;
            }
            let written = crate::text::without_whitespace(&norm[found.start..found.end]);
            out.push(
                RULE.finding(format!("表格标签“{written}”与格式不一致，已按“{}”识别", row.label))
                    .span(ctx.norm.span(found.start, found.end)),
            );
        }
    }
    if let Some(compact) = ctx.active.and_then(|t| t.compact.as_ref()) {
        for (official, typo) in ACTIVE_HEADER_TYPOS {
            if text::contains(&compact.text, official) {
                continue;
            }
            if let Some(i) = text::find(&compact.text, typo) {
                let end = compact.end_of(norm, i + typo.len());
                out.push(
                    RULE.finding(format!("表头“{typo}”与格式不一致，已按“{official}”识别"))
                        .span(ctx.norm.span(compact.pos(i), end)),
                );
            }
        }
    }
}
