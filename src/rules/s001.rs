use super::prelude::*;
use crate::text::numeral;

pub const RULE: RuleInfo = RuleInfo {
    code: "S001",
    severity: Severity::Error,
    title: rule_title!("缺少必备章节"),
    doc: rule_doc!(
        r#"# S001 缺少必备章节（error）

**检查什么**：年度报告必须包含《中华人民共和国政府信息公开工作年度报告格式》规定的六个部分：
一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；
四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。
缺少任何一部分即报告本规则。标题的常见变体（如“一、政府信息公开总体情况”）视为找到。

**为什么重要**：《中华人民共和国政府信息公开条例》（2019年修订）第五十条规定年度报告应当包括：主动公开政府信息的情况；收到和处理政府信息公开
申请的情况；因政府信息公开工作被申请行政复议、提起行政诉讼的情况；政府信息公开工作存在的主要问题及
改进情况（各级人民政府还应包括工作考核、社会评议和责任追究结果情况）；其他需要报告的事项。
国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》把这些内容编为六个部分。缺少任何一部分，报告就没有完成条例规定的内容。

**不通过的例子**：报告写完“四、政府信息公开行政复议、行政诉讼情况”后直接落款，没有“五”“六”。

**通过的例子**：六个部分齐全，即使第六部分只写“无。”。

**如何修改**：按格式补齐缺少的部分；没有内容的部分写明“无”或说明情况，不要删去标题。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.sections.is_empty() {
        out.push(RULE.finding("未识别到年度报告的任何章节（一、总体情况 … 六、其他需要报告的事项）"));
        return;
    }
    for (number, official, _, _) in SECTIONS {
        if ctx.section(number).is_some() {
            continue;
        }
        // Point at where the section should have been: the next section that is there.
        let at = ctx.sections.iter().find(|s| s.number > number).map_or(ctx.norm.text.len(), |s| s.start);
        let pos = ctx.norm.original(at);
        out.push(RULE.finding(format!("缺少第{}部分“{}”", numeral(number), official)).span(Span::new(pos, pos)));
    }
}
