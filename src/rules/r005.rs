use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "R005",
    severity: Severity::Info,
    title: rule_title!("勾稽关系无法精确判断"),
    doc: rule_doc!(
        r#"# R005 勾稽关系无法精确判断（info）

**检查什么**：参与勾稽关系（R001、R002、R003、L001）的单元格是空白、“/”、“—”、“无”或含文字，
无法当作数字计算时，检查器不把它当作 0，而是说明哪些关系因此无法判断、涉及哪些单元格。

**为什么重要**：空白不等于 0。把空白当 0 会造成误报或漏报；国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》的每个栏目都应填写数值，
没有发生的事项填 0 才能与“没有填写”区分开。

**不通过的例子**：“一、本年新收”行法人各列为空白，只填了自然人和总计。

**通过的例子**：没有发生的栏目一律填 0。

**如何修改**：在空白或“/”的单元格中填 0（或实际数值）。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let families = [
        (Family::Balance, "第三部分表格“一+二 = （七）总计+四”"),
        (Family::Results, "第三部分表格“（一）至（六）之和 = （七）总计”"),
        (Family::RowTotal, "第三部分表格各行“各类申请人之和 = 总计”"),
        (Family::ReviewBlock, "第四部分表格“分项之和 = 总计”"),
    ];
    for (family, what) in families {
        let mut cells: Vec<CellRef> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        let mut raws: Vec<String> = Vec::new();
        // The first six subjects, and how many there are.
        let mut subjects = String::new();
        let mut open = 0usize;
        for c in ctx.checks.iter().filter(|c| c.family == family && c.outcome == Outcome::NotJudgeable) {
            if open < 6 {
                if open > 0 {
                    subjects.push('、');
                }
                subjects.push_str(c.subject);
            }
            open += 1;
            for t in c.unjudgeable_terms() {
                if cells.contains(&t.cell) {
                    continue;
                }
                cells.push(t.cell);
                spans.extend(t.span);
                let cell = ctx.cell(&t.cell);
                raws.push(cell.map_or("?".into(), |c| {
                    if c.raw.trim().is_empty() {
                        "空白".into()
                    } else {
                        format!("“{}”", c.raw.trim())
                    }
                }));
            }
        }
        if open == 0 {
            continue;
        }
        crate::sort::sort(&mut raws);
        raws.dedup();
        let more = if open > 6 { format!("等 {open} 处") } else { String::new() };
        out.push(
            RULE.finding(format!(
                "{what}在{}{}无法精确判断：有 {} 个单元格为{}，不能当作 0 计算",
                subjects,
                more,
                cells.len(),
                crate::text::join(&raws, "、")
            ))
            .spans(spans)
            .cells(cells),
        );
    }
}
