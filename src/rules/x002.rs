use super::prelude::*;
use crate::round::{row_label, Entry};
use crate::template::DOCUMENT_ROWS;

pub const RULE: RuleInfo = RuleInfo {
    code: "X002",
    severity: Severity::Warning,
    title: rule_title!("现行有效件数与上一年度报告对不上"),
    doc: rule_doc!(
        r#"# X002 现行有效件数与上一年度报告对不上（warning）

**检查什么**：同一单位相邻两年的报告一起检查时，第二部分“规章”和“行政规范性文件”两行：
上一年度的“现行有效件数” + 本年“本年制发件数” − 本年“本年废止件数”应等于本年的“现行有效件数”。

**为什么重要**：现行有效的文件只会因制发而增加、因废止（或失效）而减少。对不上时，常见原因是
某一年的现行有效件数没有按清理结果更新，或制发、废止件数漏填。文件也可能因到期自动失效，
所以本规则只是警告。

**不通过的例子**：2023 年现行有效 20 件；2024 年制发 3 件、废止 1 件，现行有效填 25 件（应为 22 件）。

**通过的例子**：2024 年现行有效 22 件；或上一年度报告不是 2021 年格式（2019 年格式的列含义不同，不比较）。

**如何修改**：按文件清理台账核对现行有效件数；有到期失效的文件，请在报告中说明。
"#
    ),
    check,
};

/// Runs across reports ([`crate::round::compare`]), not on one report.
fn check(_: &Context, _: &mut Vec<Diagnostic>) {}

/// Last year's 现行有效 + 制发 − 废止 against this year's 现行有效, for 规章 and 规范性文件.
pub(crate) fn compare(this: &Entry, last: &Entry) -> Vec<Diagnostic> {
    let table = TableKey::ActiveDisclosure;
    // The 2019 form's columns count other things.
    if this.active_template != Some(Format::F2021) || last.active_template != Some(Format::F2021) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for row in DOCUMENT_ROWS {
        let (Some((before, _)), Some((issued, _)), Some((repealed, _)), Some((now, span))) = (
            last.number(table, row, ColKey::InForce),
            this.number(table, row, ColKey::Issued),
            this.number(table, row, ColKey::Repealed),
            this.number(table, row, ColKey::InForce),
        ) else {
            continue;
        };
        let expected = before + issued - repealed;
        if crate::template::same(expected, now) {
            continue;
        }
        out.push(
            RULE.finding(format!(
                "“{}”现行有效件数为 {}，而{}的现行有效 {} + 本年制发 {} − 本年废止 {} = {}",
                row_label(Format::F2021, table, row),
                fmt_num(now),
                last.name(),
                fmt_num(before),
                fmt_num(issued),
                fmt_num(repealed),
                fmt_num(expected)
            ))
            .span(span)
            .cells([ColKey::InForce, ColKey::Issued, ColKey::Repealed].map(|c| CellRef::new(table, row, c)))
            .counterpart(last.counterpart(vec![CellRef::new(table, row, ColKey::InForce)])),
        );
    }
    out
}
