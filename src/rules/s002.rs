use super::prelude::*;
use crate::sections::{numbered_lines, written_number, Section};
use crate::text::numeral;

pub const RULE: RuleInfo = RuleInfo {
    code: "S002",
    severity: Severity::Warning,
    title: rule_title!("章节顺序或编号错误"),
    doc: rule_doc!(
        r#"# S002 章节顺序或编号错误（warning）

**检查什么**：六个部分应按“一、总体情况”到“六、其他需要报告的事项”的顺序各出现一次，
编号与格式一致。以下情况报告本规则：

- 某一部分的编号不对，例如“主动公开政府信息情况”编为“一、”（按标题识别为第二部分）；
- 同一部分出现两次（目录中只有标题的一行不算）；
- 章节顺序颠倒，例如“三、…”出现在“二、…”之前；
- 第一部分的小标题用了与章节相同的编号（“二、工作机制保障”），应为“（二）…”。

**为什么重要**：《中华人民共和国政府信息公开条例》第五十条规定年度报告的内容，并要求全国政府
信息公开工作主管部门公布统一格式；国办公开办函〔2021〕30号印发的格式按固定的六个部分编排。
编号错乱的报告读者无法按格式查找各部分，也容易让人以为缺少了某一部分。

**不通过的例子**：

```text
一、总体情况
二、工作机制保障
三、主动公开工作情况
一、主动公开政府信息情况
二、收到和处理政府信息公开申请情况
```

**通过的例子**：

```text
一、总体情况
（一）主动公开
（二）依申请公开
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
```

**如何修改**：第一部分的小标题改用“（一）（二）…”；六个部分按格式的顺序和编号排列，每部分只出现一次。
"#
    ),
    check,
};

/// Headings looked at for numbering: a report has six; a paste of many reports is judged by its first.
const MAX_SHOWN: usize = 24;

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let norm = &ctx.norm.text;
    let body: Vec<&Section> = ctx.sections.iter().filter(|s| !s.is_contents_line(&ctx.norm.text)).collect();

    // Sub-parts of 一 numbered like sections.
    if let Some(one) = body.iter().find(|s| s.number == 1) {
        let to = ctx.sections.iter().find(|s| s.start > one.start && s.number > 1).map_or(one.end, |s| s.start);
        let promoted = numbered_lines(norm, one.heading_end, to, ctx.sections, MAX_SHOWN);
        if !promoted.is_empty() {
            let mut names = String::new();
            let mut spans = Vec::with_capacity(promoted.len());
            for (i, &(s, e)) in promoted.iter().enumerate() {
                if i < 6 {
                    names.push('“');
                    names.push_str(&norm[s..e]);
                    names.push('”');
                }
                spans.push(ctx.norm.span(s, e));
            }
            out.push(
                RULE.finding(format!("第一部分的小标题{names}使用了与章节相同的编号，应编为“（一）（二）…”"))
                    .spans(spans),
            );
        }
    }

    // Sections recognized by their title but numbered otherwise.
    let mut names = String::new();
    let mut spans = Vec::new();
    for s in body.iter().take(MAX_SHOWN).filter(|s| written_number(s).is_some_and(|n| n != s.number)) {
        if !names.is_empty() {
            names.push('；');
        }
        names.push_str(&format!("“{}”应为第{}部分", s.title, numeral(s.number)));
        spans.push(ctx.norm.span(s.start, s.heading_end));
    }
    if !names.is_empty() {
        out.push(RULE.finding(format!("章节编号与格式不符：{names}")).spans(spans));
    }

    // The same section twice, and sections out of order: each reported once (a hostile paste
    // can hold thousands of headings).
    let mut first: [Option<&Section>; 7] = [None; 7];
    let mut furthest: Option<&Section> = None;
    let mut twice_reported = [false; 7];
    let mut order_reported = false;
    for s in body {
        let n = s.number as usize;
        if let Some(f) = first[n] {
            if !twice_reported[n] {
                twice_reported[n] = true;
                out.push(
                    RULE.finding(format!("第{}部分出现了两次：“{}”和“{}”", numeral(s.number), f.title, s.title))
                        .spans(vec![ctx.norm.span(f.start, f.heading_end), ctx.norm.span(s.start, s.heading_end)]),
                );
            }
        } else if let Some(later) = furthest.filter(|l| l.number > s.number) {
            if !order_reported {
                order_reported = true;
                out.push(
                    RULE.finding(format!("章节顺序颠倒：“{}”出现在“{}”之后", s.title, later.title)).spans(vec![
                        ctx.norm.span(s.start, s.heading_end),
                        ctx.norm.span(later.start, later.heading_end),
                    ]),
                );
            }
        }
        first[n].get_or_insert(s);
        if furthest.is_none_or(|l| s.number > l.number) {
            furthest = Some(s);
        }
    }
}
