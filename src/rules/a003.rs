use super::prelude::*;

pub const RULE: RuleInfo = RuleInfo {
    code: "A003",
    severity: Severity::Warning,
    title: rule_title!("本年制发件数大于现行有效件数"),
    doc: rule_doc!(
        r#"# A003 本年制发件数大于现行有效件数（warning）

**检查什么**：规章、行政规范性文件的“本年制发件数”不应大于“现行有效件数”——本年新制发的文件
在年底通常仍然有效，所以现行有效件数至少包含它们。

**为什么重要**：《中华人民共和国政府信息公开条例》（2019年修订）第二十条第（一）项要求主动公开规章和规范性文件，年度报告第二部分按
“本年制发件数、本年废止件数、现行有效件数”报告（国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》）。本年制发的文件通常仍然有效，
制发多于现行有效，多半是把两个栏目填反了，或漏计了现行有效的文件。

**不通过的例子**：“行政规范性文件 本年制发件数 8 本年废止件数 0 现行有效件数 5”。

**通过的例子**：“行政规范性文件 8 0 18”。

**如何修改**：核对两个栏目；如确有本年制发又在本年废止的文件，请在表下注明。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(t) = &ctx.tables.active_disclosure else { return };
    if t.template != Format::F2021 {
        return;
    }
    for key in crate::template::DOCUMENT_ROWS {
        let (Some(issued), Some(in_force)) = (t.cell(key, ColKey::Issued), t.cell(key, ColKey::InForce)) else {
            continue;
        };
        let (Some(i), Some(f)) = (number(issued), number(in_force)) else { continue };
        if i > f {
            let label = t.row(key).map_or("", |r| &*r.label);
            out.push(
                RULE.finding(format!("“{label}”本年制发件数（{}）大于现行有效件数（{}）", fmt_num(i), fmt_num(f)))
                    .spans(vec![issued.span, in_force.span])
                    .cells(vec![
                        CellRef::new(TableKey::ActiveDisclosure, key, ColKey::Issued),
                        CellRef::new(TableKey::ActiveDisclosure, key, ColKey::InForce),
                    ]),
            );
        }
    }
}
