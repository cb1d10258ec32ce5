use super::prelude::*;
use crate::meta::body::{body_kind, BodyKind};

pub const RULE: RuleInfo = RuleInfo {
    code: "A004",
    severity: Severity::Warning,
    title: rule_title!("无规章制定权的机关报告了规章"),
    doc: rule_doc!(
        r#"# A004 无规章制定权的机关报告了规章（warning）

**检查什么**：只有国务院部门、省级人民政府和设区的市人民政府可以制定规章。乡镇、街道或政府
工作部门（局、委、办等）的报告在“规章”一行填了非零的件数时报告本规则。人民政府办公厅（办公室）
不在其列：它常代本级政府编写报告，报告的是本级政府的规章。

**为什么重要**：按《中华人民共和国立法法》，规章由国务院部门和省、自治区、直辖市、设区的市、
自治州的人民政府制定。乡镇、街道和政府工作部门制发的是行政规范性文件而不是规章，填在“规章”行会造成统计错误。

**不通过的例子**：《云岭镇人民政府2023年政府信息公开工作年度报告》：“规章 本年制发件数 2”。

**通过的例子**：同一报告：“规章 0 0 0”，“行政规范性文件 2 0 2”；《云州市人民政府办公室2023年政府信息
公开工作年度报告》：“规章 本年制发件数 2”。

**如何修改**：把这些文件移到“行政规范性文件”一行。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(body) = ctx.title.body.as_deref() else { return };
    let kind = body_kind(body);
    if kind == BodyKind::Other || is_government_office(body) {
        return;
    }
    let Some(row) = ctx.tables.active_disclosure.as_ref().and_then(|t| t.row(RowKey::Regulations)) else { return };
    let (mut spans, mut cells) = (Vec::new(), Vec::new());
    for c in row.cells.iter().filter(|c| number(c).is_some_and(|v| v > 0.0)) {
        spans.push(c.span);
        cells.push(CellRef::new(TableKey::ActiveDisclosure, RowKey::Regulations, c.col));
    }
    if cells.is_empty() {
        return;
    }
    let who = if kind == BodyKind::Town { "乡镇（街道）" } else { "政府工作部门" };
    out.push(
        RULE.finding(format!(
            "{body}属于{who}，没有规章制定权，但“规章”一行填有非零数值；这些文件通常应计入“行政规范性文件”"
        ))
        .spans(spans)
        .cells(cells),
    );
}

/// A government's general office (人民政府办公厅、市政府办公室、县政府办): it often reports for its
/// government, whose 规章 are then rightly in the table.
fn is_government_office(body: &str) -> bool {
    ["政府办公厅", "政府办公室", "政府办"].iter().any(|e| body.ends_with(e))
}
