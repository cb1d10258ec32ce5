use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "N005",
    severity: Severity::Warning,
    title: rule_title!("未报告存在的主要问题及改进情况"),
    doc: rule_doc!(
        r#"# N005 未报告存在的主要问题及改进情况（warning）

**检查什么**：第五部分“存在的主要问题及改进情况”标题下没有内容，或只写了“无”“暂无”“没有”。
页码、页眉等复制带来的数字和符号不算内容。

**为什么重要**：《中华人民共和国政府信息公开条例》第五十条把“政府信息公开工作存在的主要问题及改进
情况”列为年度报告必须包括的内容。只写“无”等于没有报告，也无从看出上一年问题的整改结果。

**不通过的例子**：

```text
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
```

**通过的例子**：

```text
五、存在的主要问题及改进情况
存在的主要问题：政策解读形式较为单一。改进情况：下一步将丰富解读形式。
```

**如何修改**：写明本年度工作中存在的主要问题、上一年度问题的整改情况和下一步的改进措施。
"#
    ),
    check,
};

/// What a section that says nothing says.
const NOTHING: [&str; 4] = ["", "无", "暂无", "没有"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let fives: Vec<_> = ctx.sections.iter().filter(|s| s.number == 5).collect();
    let Some(first) = fives.first() else { return };
    // Only letters count: page numbers ("— 6 —"), punctuation and markup are copy residue. Three
    // tell a section that says something from every one of NOTHING.
    let said = |s: &crate::sections::Section| -> String {
        let letter = |c: &char| crate::text::is_cjk(*c) || !c.is_ascii() && c.is_alphabetic();
        ctx.norm.text[s.heading_end..s.end].chars().filter(letter).take(3).collect()
    };
    if fives.iter().any(|s| !NOTHING.contains(&said(s).as_str())) {
        return;
    }
    let content = &ctx.norm.text[first.heading_end..first.end];
    let what =
        if said(first).is_empty() { "没有内容".to_string() } else { format!("只写了“{}”", content.trim()) };
    out.push(
        RULE.finding(format!("第五部分“存在的主要问题及改进情况”{what}，应报告存在的问题和改进情况"))
            .span(ctx.norm.span(first.start, first.heading_end)),
    );
}
