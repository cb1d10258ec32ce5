use super::prelude::*;
use crate::round::Entry;
use std::collections::HashSet;

pub const RULE: RuleInfo = RuleInfo {
    code: "X004",
    severity: Severity::Warning,
    title: rule_title!("正文与另一份报告大段相同"),
    doc: rule_doc!(
        r#"# X004 正文与另一份报告大段相同（warning）

**检查什么**：一起检查的报告中，比较第一、五、六部分由单位自己撰写的文字（总体情况、存在的主要问题
及改进情况、其他需要报告的事项）。一份报告中至少 3 句、且一半以上的句子与本单位上一年度的报告或
另一个单位的报告相同时，给出警告，并标出相同的句子；与多个单位相同时只报告一次，指出最相近的一份并写明还有几份。比较时忽略空格、标点和数字（只改了数字的句子也算相同）。
每份报告都要写的标准句子（依据条例编制本报告、统计期限、信息处理费、电子版、网址和联系电话等）不计入；
少于 15 个汉字的短句也不计入。

**为什么重要**：年度报告要如实反映本年度的工作。照抄上一年度或其他单位的总体情况、问题和改进措施，
是各地年报评估中常见的扣分项，也说明报告没有反映本年度的实际情况。

**不通过的例子**：2024 年报告“存在的主要问题及改进情况”的 6 句话中 5 句与 2023 年报告相同，只改了数字。

**通过的例子**：两份报告各自叙述本年度的工作，只有标准句子相同。

**如何修改**：按本年度的实际工作重写相应部分，问题和改进措施要具体。
"#
    ),
    check,
};

/// Runs across reports ([`crate::round::compare`]), not on one report.
fn check(_: &Context, _: &mut Vec<Diagnostic>) {}

/// At least this many sentences the same …
const MIN_REPEATED: usize = 3;
/// … and at least this share of the report's own sentences.
const MIN_SHARE: f64 = 0.5;
/// Most repeated sentences marked in one finding.
const MAX_MARKED: usize = 50;

/// Whether `repeated` of `this`'s sentences (found in another report) make it a copy.
pub(crate) fn is_copy(this: &Entry, repeated: usize) -> bool {
    repeated >= MIN_REPEATED && repeated as f64 >= MIN_SHARE * this.sentences.len() as f64
}

/// `this`'s narrative against `other`'s (its sentences `theirs`): the repeated sentences, when
/// most of them are. `also` counts further reports it repeats, named in the message.
pub(crate) fn compare(this: &Entry, other: &Entry, theirs: &HashSet<&str>, also: usize) -> Vec<Diagnostic> {
    let repeated: Vec<Span> = this.sentences.iter().filter(|(s, _)| theirs.contains(s.as_str())).map(|s| s.1).collect();
    if !is_copy(this, repeated.len()) {
        return Vec::new();
    }
    let whose = if this.year.is_some() && other.year.is_some() && this.year != other.year {
        other.name()
    } else {
        format!("另一单位{}的报告（{}）", other.body.as_deref().map_or(String::new(), |b| format!("“{b}”")), other.file)
    };
    let more = if also > 0 { format!("，还与本批另外 {also} 份报告大段相同") } else { String::new() };
    vec![RULE
        .finding(format!(
            "正文 {} 句中有 {} 句与{}相同（忽略数字和标点）{more}，请按本年度的实际情况撰写",
            this.sentences.len(),
            repeated.len(),
            whose
        ))
        .spans(repeated.into_iter().take(MAX_MARKED))
        .counterpart(other.counterpart(Vec::new()))]
}
