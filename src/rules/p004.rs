use super::prelude::*;
use crate::normalize::compact_label;
use crate::template::{Template, MARKERS_2019, MARKERS_2021, REVIEW_ROW_LABEL};

pub const RULE: RuleInfo = RuleInfo {
    code: "P004",
    severity: Severity::Warning,
    title: rule_title!("文本不像政府信息公开工作年度报告"),
    doc: rule_doc!(
        r#"# P004 文本不像政府信息公开工作年度报告（warning）

**检查什么**：文本中既没有年度报告的任何章节标题（“一、总体情况”……“六、其他需要报告的事项”），
也没有三张表格的任何标签（“本年制发件数”“本年新收政府信息公开申请数量”“行政复议”……）。
这样的文本不是年度报告（通知、新闻、其他文件、外文文本、误选的文件），**只报告这一条，不作其他判断**。

**为什么重要**：对一份通知逐条报告“缺少第一部分”“缺少表格”只会让人困惑；先说清楚这不是年度报告。

**不通过的例子**：

```text
关于做好秋冬季小麦播种工作的通知
一、抓好整地备播。……
```

**通过的例子**：有“一、总体情况”等章节标题，或有表格标签的文本（哪怕只粘贴了一张表，没有章节标题）。

**如何修改**：确认粘贴或打开的是政府信息公开工作年度报告的全文。
"#
    ),
    check,
};

/// No section heading and no table label: the text is no annual report.
pub(crate) fn not_a_report(ctx: &Context) -> bool {
    ctx.sections.is_empty()
        && ctx.tables.active_disclosure.is_none()
        && ctx.tables.applications.is_none()
        && ctx.tables.reviews_litigation.is_none()
        && !has_table_labels(&ctx.norm.text)
}

/// A label of one of the three tables anywhere (a table pasted without its section heading).
fn has_table_labels(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace() && *c != '|').collect();
    let found = |label: &str| {
        let l = compact_label(label);
        l.chars().count() >= 4 && crate::text::contains(&compact, &l)
    };
    // Plain `any`s rather than one chained iterator: this runs once, and each adapter was a
    // generic copy of its own in the wasm.
    Template::of(Format::F2021).application_rows.iter().any(|r| found(r.label))
        || MARKERS_2021.iter().any(|m| found(m))
        || MARKERS_2019.iter().any(|m| found(m))
        || found(REVIEW_ROW_LABEL)
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !not_a_report(ctx) {
        return;
    }
    let what = if ctx.input.trim().is_empty() {
        "文本为空"
    } else {
        "文本中没有年度报告的章节标题，也没有表格标签"
    };
    out.push(RULE.finding(format!("{what}，看起来不是政府信息公开工作年度报告；未作其他检查")));
}
