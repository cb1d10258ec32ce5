use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "A005",
    severity: Severity::Info,
    title: rule_title!("收费金额的单位或小数位不规范"),
    doc: rule_doc!(
        r#"# A005 收费金额的单位或小数位不规范（info）

**检查什么**：“第二十条第（八）项”表头应为“本年收费金额（单位：万元）”；金额以万元计，
一般不超过 4 位小数（精确到元）。表头缺少“万元”，或金额小数超过 4 位时提示。

**为什么重要**：国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》第二部分“第二十条第（八）项”的栏目是“本年收费金额（单位：万元）”
（对应《中华人民共和国政府信息公开条例》（2019年修订）第二十条第（八）项的行政事业性收费）。缺少单位时读者无法判断金额是元还是万元，
小数位过多通常说明按元填写后误加了小数点。

**不通过的例子**：表头“本年收费金额”，金额“390.92201”。

**通过的例子**：表头“本年收费金额（单位：万元）”，金额“390.9220”。

**如何修改**：表头写明单位“万元”，金额按万元填写，保留不超过 4 位小数。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(read), Some(table)) = (ctx.active, &ctx.tables.active_disclosure) else { return };
    if table.template != Format::F2021 {
        return;
    }
    let norm = &ctx.norm.text;
    let header = read.compact.as_ref().and_then(|c| crate::text::find(&c.text, "本年收费金额").map(|i| (c, i)));
    if let Some((compact, i)) = header {
        let window: String = compact.text[i..].chars().take(16).collect();
        if !crate::text::contains(&window, "万元") {
            let end = compact.end_of(norm, i + "本年收费金额".len());
            out.push(
                RULE.finding("收费金额表头“本年收费金额”缺少单位“（单位：万元）”")
                    .span(ctx.norm.span(compact.pos(i), end)),
            );
        }
    }
    if let Some(cell) = table.cell(RowKey::Fees, ColKey::Amount) {
        let raw = cell.raw.trim();
        let decimals = raw.split_once('.').map_or(0, |(_, f)| f.chars().take_while(char::is_ascii_digit).count());
        if cell.kind == CellKind::Number && decimals > 4 {
            out.push(
                RULE.finding(format!(
                    "行政事业性收费金额“{raw}”有 {decimals} 位小数；以万元计时一般不超过 4 位，请确认单位"
                ))
                .span(cell.span)
                .cell(CellRef::new(TableKey::ActiveDisclosure, RowKey::Fees, ColKey::Amount)),
            );
        }
    }
}
