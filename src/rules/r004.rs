use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "R004",
    severity: Severity::Info,
    title: rule_title!("勾稽关系不成立的可能原因"),
    doc: rule_doc!(
        r#"# R004 勾稽关系不成立的可能原因（info）

**检查什么**：当 R001、R002 或 R003 报告不平衡时，检查器查看不平衡的形状，给出可能的原因：

- 两列一多一少、差额相同（+d 与 −d）：可能有 d 件申请计入了错误的列（例如应计“自然人”却计入“商业企业”）；
- 相邻两行一多一少、差额相同：某个数值可能填到了相邻的一行；
- 一行中两个相邻的一位数（如“2”“0”）合起来（20）正好使该行平衡：一个数可能被拆成了两格。

**为什么重要**：R001–R003 只说明哪条勾稽关系（国办公开办函〔2021〕30号印发的格式第三部分表头注明的关系）
不成立，提示帮助填报人更快找到真正出错的单元格。它只是线索，不单独说明报告有错。

**不通过的例子**（给出提示）：自然人列 一+二 比（七）总计+四 多 1，商业企业列少 1
→ 提示“可能有 1 件申请计入了错误的列”。

**通过的例子**（不给提示）：各列的勾稽关系都成立；或只有一列不平衡、看不出上述任何一种形状
（此时只报告 R001，不猜测原因）。

**如何修改**：按提示核对相应单元格，修正后重新检查。
"#
    ),
    check,
};

fn diff(c: &Check) -> Option<f64> {
    match c.outcome {
        Outcome::Fails { left, right } => Some(left - right),
        _ => None,
    }
}

/// The failing checks that `pick` selects, each with its left side minus its right.
fn failing<'a>(ctx: &Context<'a>, pick: &dyn Fn(&Check) -> bool) -> Vec<(&'a Check, f64)> {
    let mut out = Vec::new();
    for c in ctx.checks {
        if let Some(d) = diff(c).filter(|_| pick(c)) {
            out.push((c, d));
        }
    }
    out
}

/// A finding on the cells and spans of two checks.
fn on_both(message: String, a: &Check, b: &Check) -> Diagnostic {
    let mut cells = a.cells();
    cells.extend(b.cells());
    let mut spans = a.spans();
    spans.extend(b.spans());
    RULE.finding(message).spans(spans).cells(cells)
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // +d / −d across two columns of the same identity.
    for family in [Family::Balance, Family::Results] {
        let fails = failing(ctx, &|c| c.family == family && c.index < 6);
        for (i, (a, da)) in fails.iter().enumerate() {
            for (b, db) in &fails[i + 1..] {
                if (da + db).abs() < 1e-9 {
                    let (more, less) = if *da > 0.0 { (a, b) } else { (b, a) };
                    let message = format!(
                        "{}与{}一多一少、相差同为 {}：可能有 {} 件申请计入了错误的列（{}多计、{}少计）",
                        a.subject,
                        b.subject,
                        fmt_num(da.abs()),
                        fmt_num(da.abs()),
                        more.subject,
                        less.subject
                    );
                    out.push(on_both(message, a, b));
                }
            }
        }
    }
    let rows = failing(ctx, &|c| c.family == Family::RowTotal);
    // A value one row away from where it balances.
    for (i, (a, da)) in rows.iter().enumerate() {
        for (b, db) in &rows[i + 1..] {
            if b.index == a.index + 1 && (da + db).abs() < 1e-9 {
                let message = format!(
                    "{}与{}一多一少、相差同为 {}：某个数值可能填到了相邻的一行",
                    a.subject,
                    b.subject,
                    fmt_num(da.abs())
                );
                out.push(on_both(message, a, b));
            }
        }
    }
    // A row with one cell too many, where joining two adjacent one-digit cells balances it.
    if let Some(table) = ctx.applications {
        for row in &table.rows {
            let Some(RowRead::Unreadable(Unreadable::WrongCount { split, .. })) = &row.read else { continue };
            if split.is_empty() {
                continue;
            }
            let mut options = String::new();
            let mut spans = Vec::with_capacity(split.len());
            let mut cells = Vec::with_capacity(split.len());
            for h in split {
                let text = &ctx.norm.text[h.start..h.end];
                let digits: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|d| !d.is_empty()).collect();
                if !options.is_empty() {
                    options.push('或');
                }
                options.push_str(&format!("“{}”合为 {}", digits.join("”“"), digits.concat()));
                spans.push(ctx.norm.span(h.start, h.end));
                let col = row.columns.get(h.column).copied().unwrap_or(ColKey::Total);
                cells.push(CellRef::new(TableKey::Applications, row.key, col));
            }
            out.push(
                RULE.finding(format!(
                    "“{}”行多出一格：相邻的{options}时该行正好平衡，可能一个数被拆成了两格",
                    row.label
                ))
                .spans(spans)
                .cells(cells),
            );
        }
    }
    for (c, _) in &rows {
        let mut values = Vec::with_capacity(c.left().len());
        for t in c.left() {
            values.extend(t.value);
        }
        if values.len() < c.left().len() {
            continue;
        }
        let Some(total) = c.right()[0].value else { continue };
        let balances = |joined: &[f64]| crate::template::same(joined.iter().sum(), total);
        for i in crate::layout::cells::split_numbers(&values, &balances) {
            let (a, b) = (values[i], values[i + 1]);
            let pair = [&c.left()[i], &c.left()[i + 1]];
            out.push(
                RULE.finding(format!(
                    "{}中相邻的“{}”“{}”合起来是 {}，正好使该行平衡：可能一个数被拆成了两格",
                    c.subject,
                    fmt_num(a),
                    fmt_num(b),
                    fmt_num(a * 10.0 + b)
                ))
                .spans(pair.iter().filter_map(|t| t.span))
                .cells([pair[0].cell, pair[1].cell]),
            );
        }
    }
}
