use super::prelude::*;
use crate::round::Entry;

pub const RULE: RuleInfo = RuleInfo {
    code: "X005",
    severity: Severity::Warning,
    title: rule_title!("同一单位同一年度有两份报告"),
    doc: rule_doc!(
        r#"# X005 同一单位同一年度有两份报告（warning）

**检查什么**：一起检查的报告中，有两份的标题写的是同一单位、同一年度（单位名称忽略空格、标点，
一份写了所属省市而另一份省略的，也算同一单位）。本规则报告在后一份上，并指出前一份。

**为什么重要**：常见于同一份报告的两个版本（修改稿和定稿、Word 和 PDF），或者标题的单位、年份写错了。
审核时需要确认以哪一份为准；两份都不再与上一年度比较。

**不通过的例子**：“某某区人民政府2024年政府信息公开工作年度报告.docx”和同名的 .pdf 一起检查。

**通过的例子**：同一单位 2023 年和 2024 年各一份。

**如何修改**：只保留要审核的那一份；标题写错的，更正单位或年份。
"#
    ),
    check,
};

/// Runs across reports ([`crate::round::compare`]), not on one report.
fn check(_: &Context, _: &mut Vec<Diagnostic>) {}

pub(crate) fn compare(this: &Entry, first: &Entry) -> Vec<Diagnostic> {
    vec![RULE
        .finding(format!(
            "与 {} 是同一单位同一年度的报告（{} {}年），请确认以哪一份为准",
            first.file,
            this.body.as_deref().unwrap_or(""),
            this.year.map_or(String::new(), |y| y.to_string())
        ))
        .counterpart(first.counterpart(Vec::new()))]
}
