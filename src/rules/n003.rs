use super::figures::{candidates, unfavourable_review_cells};
use super::prelude::*;
use crate::narrative::{StatementKind, Subject};

pub const RULE: RuleInfo = RuleInfo {
    code: "N003",
    severity: Severity::Warning,
    title: rule_title!("正文的概括说法与表格矛盾"),
    doc: rule_doc!(
        r#"# N003 正文的概括说法与表格矛盾（warning）

**检查什么**：正文中的概括说法与表格是否矛盾：
- “所有申请均已办结”“均已按要求办理完成”，而第三部分“四、结转下年度继续办理”大于 0；
- “未收到政府信息公开申请”，而“一、本年新收政府信息公开申请数量”大于 0；
- “行政复议、行政诉讼……均获维持”，而第四部分的“结果纠正”“其他结果”或“尚未审结”大于 0。

**为什么重要**：这类说法读起来像是结论，读者往往只看这一句；它与表格矛盾，说明正文是
照搬往年或套话，没有按本年数据写。

**不通过的例子**：“全年收到申请 34 件，所有申请均已按要求办理完成。”而表格结转下年度 1 件。

**通过的例子**：“全年收到申请 34 件，办结 33 件，1 件结转下年度继续办理。”

**如何修改**：按表格改写这句话（写明结转、尚未审结的件数），或核实表格。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for s in &ctx.narrative.statements {
        let span = ctx.norm.span(s.span.0, s.span.1);
        match s.kind {
            StatementKind::AllConcluded | StatementKind::NoApplications => {
                let subject =
                    if s.kind == StatementKind::AllConcluded { Subject::CarriedForward } else { Subject::Received };
                let Some(Some(figure)) = candidates(ctx, subject).into_iter().next() else { continue };
                if figure.value <= 0.0 {
                    continue;
                }
                out.push(
                    RULE.finding(format!(
                        "正文称“{}”，但第三部分表格{}为 {}",
                        s.text,
                        figure.label,
                        figure.describe("件")
                    ))
                    .span(span)
                    .spans(figure.spans.clone())
                    .cells(figure.cells.clone()),
                );
            }
            StatementKind::AllUpheld { reviews, suits } => {
                let cells = unfavourable_review_cells(ctx, reviews, suits);
                if cells.is_empty() {
                    continue;
                }
                let mut list = String::new();
                let mut spans = vec![span];
                let mut refs = Vec::with_capacity(cells.len());
                for &(col, name, v, at) in &cells {
                    if !list.is_empty() {
                        list.push('、');
                    }
                    list.push_str(&format!("{name} {}", fmt_num(v)));
                    spans.push(at);
                    refs.push(CellRef::new(TableKey::ReviewsLitigation, RowKey::Counts, col));
                }
                out.push(RULE.finding(format!("正文称“{}”，但第四部分表格有{list}", s.text)).spans(spans).cells(refs));
            }
        }
    }
}
