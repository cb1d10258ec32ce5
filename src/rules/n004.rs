use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "N004",
    severity: Severity::Info,
    title: rule_title!("未说明信息处理费收取情况"),
    doc: rule_doc!(
        r#"# N004 未说明信息处理费收取情况（info）

**检查什么**：2021 年及以后的报告，第六部分“其他需要报告的事项”没有说明是否收取信息处理费
（没有出现“处理费”“收费”“收取……费用”等说法），报告中其他地方也没有说明。

**为什么重要**：《中华人民共和国政府信息公开条例》第四十二条规定，行政机关依申请提供政府信息不收取
费用，但申请数量、频次明显超过合理范围的可以收取信息处理费；收费按《政府信息公开信息处理费管理办法》
（国办函〔2020〕109号）执行。国办公开办函〔2021〕30号印发的格式要求在第六部分报告信息处理费的收取情况，
没有收取也应写明。

**不通过的例子**：

```text
六、其他需要报告的事项
无。
```

**通过的例子**：

```text
六、其他需要报告的事项
本年度未收取信息处理费。
```

**如何修改**：在第六部分写明本年度是否收取信息处理费；收取的，写明件数和金额。
"#
    ),
    check,
};

/// Phrases that say something about the fee, charged or not.
const FEE_WORDS: [&str; 5] = ["处理费", "收费", "收取费用", "费用", "未收取"];

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // The fee rules were issued at the end of 2020; earlier reports had nothing to say.
    if ctx.title.year.is_none_or(|y| y < 2021) {
        return;
    }
    let Some(six) = ctx.section(6) else { return };
    let text = &ctx.norm.text;
    let says = |s: &str| {
        let compact = crate::text::without_whitespace(s);
        FEE_WORDS.iter().any(|w| crate::text::contains(&compact, w))
    };
    if says(&text[six.heading_end..six.end])
        || crate::text::contains(text, "信息处理费")
        || crate::text::contains(text, "信息公开处理费")
    {
        return;
    }
    out.push(
        RULE.finding("第六部分“其他需要报告的事项”没有说明本年度是否收取信息处理费")
            .span(ctx.norm.span(six.start, six.heading_end)),
    );
}
