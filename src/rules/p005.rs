use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "P005",
    severity: Severity::Warning,
    title: rule_title!("文本中有不止一份报告"),
    doc: rule_doc!(
        r#"# P005 文本中有不止一份报告（warning）

**检查什么**：章节标题从头再来一遍（“四、”或更后面的部分之后又出现“一、总体情况”或
“二、主动公开政府信息情况”，其后还有按顺序的章节）：文本中是两份（或更多）报告，
例如两年的报告、两个单位的报告，或同一份报告粘贴了两次。只检查第一份，并指出第二份从哪里开始；
各部分“出现了两次”（S002）不再逐一报告。目录（标题下几乎没有内容的一串章节标题）不算。

**为什么重要**：两份报告混在一起检查，表格、正文和数字会张冠李戴，结果没有意义。

**不通过的例子**：

```text
临江新区2024年政府信息公开工作年度报告
一、总体情况 …… 六、其他需要报告的事项 ……
临江新区2023年政府信息公开工作年度报告
一、总体情况 ……
```

**通过的例子**：一份报告，六个部分各出现一次；开头有目录的报告。

**如何修改**：把每份报告分开，逐一检查。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(at) = ctx.second_report else { return };
    let line = ctx.input_line(at);
    out.push(
        RULE.finding(format!("文本中有不止一份报告：第二份从“{line}”开始；只检查了第一份，请把各份报告分开检查"))
            .span(at),
    );
}
