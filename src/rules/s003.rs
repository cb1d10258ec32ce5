use super::prelude::*;
use crate::sections::{bare_title, title_is_whole};

pub const RULE: RuleInfo = RuleInfo {
    code: "S003",
    severity: Severity::Info,
    title: rule_title!("章节标题与格式不一致"),
    doc: rule_doc!(
        r#"# S003 章节标题与格式不一致（info）

**检查什么**：六个部分的标题应与格式规定的标题一致。标题写法不同、但仍能认出是哪一部分时
（例如“五、政府信息公开工作存在的主要问题及改进情况”“五、存在的主要问题及整改措施”），
报告本规则，并说明按哪一个规定标题识别。只比较文字，不比较空格和全角/半角标点。

**为什么重要**：国办公开办函〔2021〕30号印发的《中华人民共和国政府信息公开工作年度报告格式》
规定了统一的章节标题，便于公众在不同机关的报告之间对照查找。标题改写不影响内容，所以只作提示。

**不通过的例子**：“五、存在的主要问题及整改措施”（规定标题为“五、存在的主要问题及改进情况”）。

**通过的例子**：“五、存在的主要问题及改进情况”，或“二、主动公开政府信息情况 ”（多出的空格不算）。

**如何修改**：把标题改为格式规定的写法。
"#
    ),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for s in ctx.sections {
        let (_, official, _, _) = SECTIONS[s.number as usize - 1];
        let official_bare = bare_title(official);
        let bare = bare_title(&s.title);
        // Run-together text: the title's end is not known, so the words after it prove nothing.
        if bare.starts_with(official_bare.as_ref()) || !title_is_whole(&ctx.norm.text, s) {
            continue;
        }
        out.push(
            RULE.finding(format!("章节标题“{}”与格式规定的“{}”不同，已按“{}”识别", s.title, official, official))
                .span(ctx.norm.span(s.start, s.heading_end)),
        );
    }
}
