//! The narrative: what the report's own text says about its tables — counts tied to a subject
//! ("共受理政府信息公开申请21件"), totals with their listed parts ("2599条，其中…"), and blanket
//! statements ("所有申请均已办结") — each with its place in the text. The N rules compare these
//! with the tables.
//!
//! Reading is deliberately conservative: a clause yields a claim only when its subject is named in
//! it and it holds exactly one count. Anything else is left alone, because a missed claim costs
//! nothing and a misread one is a false alarm.

use crate::normalize::Compact;

/// What a stated count is about, as the N rules map it to table cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// 收到/受理 … 申请: this year's new applications (or new + carried over).
    Received,
    /// 上年结转 … 件.
    CarriedOver,
    /// 办结/答复 … 件: （七）总计.
    Concluded,
    /// 办理 … 申请 … 件: either what was concluded or what was on hand.
    Handled,
    /// 结转下年度 … 件.
    CarriedForward,
    Granted,
    PartlyGranted,
    /// 予以公开及部分公开.
    GrantedOrPartly,
    Denied,
    Unable,
    NotProcessed,
    OtherProcessing,
    /// 行政复议 cases.
    Reviews,
    /// 行政诉讼 cases (with or without a prior review).
    Suits,
    /// 本年制发 行政规范性文件.
    NormativeIssued,
    LicensingDecisions,
    PenaltyDecisions,
    CoercionDecisions,
    /// 行政事业性收费, in 万元.
    Fees,
}

/// One count the text states. Offsets are normalized-text byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub subject: Subject,
    pub value: f64,
    /// Half the last decimal place written (amounts of money), 0 for counts.
    pub tolerance: f64,
    /// The clause that states it, without white space (for messages).
    pub clause_text: String,
    pub clause: (usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementKind {
    /// "所有申请均已办结": nothing carried forward.
    AllConcluded,
    /// "未收到政府信息公开申请".
    NoApplications,
    /// "复议…诉讼…均获维持": every case upheld (none corrected, other or pending).
    AllUpheld { reviews: bool, suits: bool },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub kind: StatementKind,
    pub text: String,
    pub span: (usize, usize),
}

/// "X，其中 a、b、c" (or 包括, 分别为): a total and the parts listed after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Enumeration {
    pub total: f64,
    pub total_span: (usize, usize),
    pub unit: &'static str,
    pub parts: Vec<(f64, (usize, usize))>,
    pub text: String,
    /// The list ends in a catch-all part (其他…): its parts are the whole.
    pub closed: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Narrative {
    pub claims: Vec<Claim>,
    pub statements: Vec<Statement>,
    pub enumerations: Vec<Enumeration>,
}

/// At most this many of each are kept: a real report states a few dozen; a hostile paste of
/// millions of sentences must not make millions of findings.
const MAX_ITEMS: usize = 500;
/// A run of text with no sentence end is cut at the next line break after this many bytes (and
/// anywhere after four times as many), so a table the reader did not recognise, or a paste with
/// no punctuation, does not become one huge "sentence".
const MAX_SENTENCE_BYTES: usize = 1500;
/// Clause texts in messages are shortened to this many characters.
const MAX_CLAUSE_CHARS: usize = 40;

/// Reads the narrative of `text`, skipping `tables` (normalized ranges of the tables), and
/// ignoring sentences about a year other than `year` (or the year after, when reports are written).
pub fn read(text: &str, tables: &[(usize, usize)], year: Option<i32>) -> Narrative {
    let mut out = Narrative::default();
    let mut ranges: Vec<(usize, usize)> = tables.iter().copied().filter(|(s, e)| s < e && *e <= text.len()).collect();
    crate::sort::sort(&mut ranges);
    let mut at = 0;
    for (start, end) in ranges.into_iter().chain([(text.len(), text.len())]) {
        if start > at {
            read_prose(text, at, start, year, &mut out);
        }
        at = at.max(end);
    }
    out
}

/// Splits prose into sentences (at 。！？ and overlong lines) and reads each.
fn read_prose(text: &str, start: usize, end: usize, year: Option<i32>, out: &mut Narrative) {
    let mut sentence_start = start;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        let long = at - sentence_start;
        let ends = matches!(c, '。' | '!' | '?' | '！' | '？')
            || (c == '\n' && long > MAX_SENTENCE_BYTES)
            || long > 4 * MAX_SENTENCE_BYTES;
        if ends {
            read_sentence(text, sentence_start, at, year, out);
            sentence_start = at + c.len_utf8();
        }
        if out.claims.len() >= MAX_ITEMS && out.statements.len() >= MAX_ITEMS && out.enumerations.len() >= MAX_ITEMS {
            return;
        }
    }
    read_sentence(text, sentence_start, end, year, out);
}

/// A clause of a compacted sentence: compact byte range, and the delimiter that precedes it.
#[derive(Debug, Clone, Copy)]
struct Clause {
    start: usize,
    end: usize,
    after: char,
}

fn read_sentence(text: &str, start: usize, end: usize, year: Option<i32>, out: &mut Narrative) {
    if start >= end {
        return;
    }
    // Most sentences state nothing the rules compare: skip them before compacting. (Characters,
    // not words, so a word broken by a line wrap still passes.)
    let raw = &text[start..end];
    if !raw.bytes().any(|b| b.is_ascii_digit()) && !raw.contains(['办', '申', '维']) {
        return;
    }
    let compact = Compact::new(text, start, end);
    let s = compact.text.as_str();
    if !s.bytes().any(|b| b.is_ascii_digit()) && !has_statement_words(s) {
        return;
    }
    if let Some(y) = year {
        // A sentence about another year ("2022年共受理…" in a 2023 report) is history, not this
        // report's figures; the year after is when the report is written ("结转至2026年").
        if years_in(s).any(|x| x != y && x != y + 1) {
            return;
        }
    }
    let span = |a: usize, b: usize| (compact.pos[a], compact.end_of(text, b));
    let clauses = clauses(s);

    if out.statements.len() < MAX_ITEMS {
        statements(s, &clauses, &span, out);
    }
    if out.enumerations.len() < MAX_ITEMS {
        enumerations(s, &clauses, &span, out);
    }
    if out.claims.len() >= MAX_ITEMS {
        return;
    }
    // Claims are read per part of the sentence between semicolons: "其中" lists end there.
    let scoped = contains_any(s, &["代表", "本级"]);
    let filed = s.contains("备案");
    let mut about_applications = false;
    let mut in_breakdown = false;
    for (k, cl) in clauses.iter().enumerate() {
        if cl.after == ';' {
            in_breakdown = false;
        }
        let c = &s[cl.start..cl.end];
        if c.contains("申请") {
            about_applications = true;
        }
        if LIST_INTRODUCERS.iter().any(|w| c.starts_with(w)) {
            in_breakdown = true;
        }
        let Some(Number { value, unit, tolerance, .. }) = single_number(c).or_else(|| application_count(c)) else {
            continue;
        };
        // Applications counted in 条 (or 份, 个, 项 — see `application_count`) are counted as 件.
        let unit = if unit == Unit::Items && c.contains("申请") { Unit::Count } else { unit };
        // "行政复议、行政诉讼案件5件": the subject before the 、 shares this number.
        let shared = k > 0 && cl.after == '、' && {
            let prev = &s[clauses[k - 1].start..clauses[k - 1].end];
            count_numbers(prev) == 0 && names_any_subject(prev)
        };
        if shared {
            continue;
        }
        let context = ClauseContext { about_applications, in_breakdown, scoped, filed };
        if let Some(subject) = subject_of(c, unit, &context) {
            out.claims.push(Claim {
                subject,
                value,
                tolerance,
                clause_text: shorten(c),
                clause: span(cl.start, cl.end),
            });
        }
    }
}

struct ClauseContext {
    /// The sentence so far has been about applications (申请).
    about_applications: bool,
    /// After "其中": the parts of a total, not totals.
    in_breakdown: bool,
    /// "区政府办代表区政府受理…", "本级": the count of a part of the body, not the table's.
    scoped: bool,
    /// "备案…案件": cases filed with another office, not the report's own.
    filed: bool,
}

/// Which table figure a clause with one count states, if it clearly states one.
fn subject_of(c: &str, unit: Unit, ctx: &ClauseContext) -> Option<Subject> {
    use Subject::*;
    if contains_any(
        c,
        &[
            "同比",
            "较上年",
            "较去年",
            "比上年",
            "比去年",
            "增长",
            "增加",
            "减少",
            "下降",
            "上升",
            "回落",
            "累计",
            "历年",
            "以来",
            "平均",
        ],
    ) {
        return None;
    }
    if unit == Unit::Money {
        return (c.contains("行政事业性收费") && !c.contains("信息处理费")).then_some(Fees);
    }
    if unit != Unit::Count {
        return None;
    }
    if contains_any(
        c,
        &[
            "结转下年",
            "结转下一年",
            "结转至下",
            "结转到下",
            "结转至20",
            "结转到20",
            "转下年度",
            "转下一年",
            "转入下",
            "顺延到下",
            "顺延至下",
            "顺延下",
            "下年度继续",
            "下一年度继续",
            "下年度办理",
            "下一年度办理",
        ],
    ) {
        return Some(CarriedForward);
    }
    if contains_any(
        c,
        &["上年结转", "上年度结转", "上一年度结转", "上一年结转", "上年度转入", "上年遗留", "上年度遗留"],
    ) {
        return Some(CarriedOver);
    }
    if !c.contains("主动公开") {
        if let Some(kind) = result_kind(c) {
            return Some(kind);
        }
    }
    let reviews = c.contains("复议");
    let suits = c.contains("诉讼");
    if reviews || suits {
        if (reviews && suits)
            || ctx.filed
            || contains_any(c, &["复议后", "败诉", "胜诉", "维持", "纠正", "撤诉", "审结", "结案", "纠错"])
        {
            return None;
        }
        return Some(if reviews { Reviews } else { Suits });
    }
    if c.contains("规范性文件") {
        let issued = contains_any(c, &["制发", "印发", "出台", "制定"]);
        let other = contains_any(
            c,
            &["现行有效", "废止", "清理", "修改", "修订", "备案", "审查", "解读", "公开", "评估", "失效"],
        );
        return (issued && !other).then_some(NormativeIssued);
    }
    for (word, subject) in
        [("行政许可", LicensingDecisions), ("行政处罚", PenaltyDecisions), ("行政强制", CoercionDecisions)]
    {
        if c.contains(word) {
            let decisions = c.contains("决定") && !contains_any(c, &["信息", "公示", "公开", "事项", "类"]);
            return decisions.then_some(subject);
        }
    }
    // The application counts: only totals of the whole body's applications.
    if ctx.in_breakdown
        || ctx.scoped
        || contains_any(
            c,
            &["自然人", "法人", "企业", "组织", "机构", "申请人", "网络", "信函", "当面", "邮寄", "传真"],
        )
    {
        return None;
    }
    let names_applications = c.contains("申请");
    if names_applications && contains_any(c, &["收到", "受理", "接收", "接到", "接受", "新收", "登记"]) {
        return Some(Received);
    }
    if !ctx.about_applications || c.contains("办结率") {
        return None;
    }
    if contains_any(c, &["办结", "答复", "办理完毕", "处理完毕", "办理完成", "完成办理"]) {
        return Some(Concluded);
    }
    if c.contains("办理") {
        return Some(Handled);
    }
    None
}

/// The result kind a clause names (only one, and not as part of a longer name).
fn result_kind(c: &str) -> Option<Subject> {
    use Subject::*;
    let both = ["予以公开及部分公开", "予以公开和部分公开", "予以公开或部分公开", "公开及部分公开", "全部或部分公开"];
    if contains_any(c, &both) {
        return Some(GrantedOrPartly);
    }
    let mut found = Vec::new();
    let denied = c.contains("不予公开");
    if denied {
        found.push(Denied);
    }
    if c.contains("部分公开") {
        found.push(PartlyGranted);
    }
    // 予以公开 (not 不予以公开), or 同意公开 / 全部公开.
    let granted =
        c.match_indices("予以公开").any(|(i, _)| !c[..i].ends_with('不')) || contains_any(c, &["同意公开", "全部公开"]);
    if granted {
        found.push(Granted);
    }
    if c.contains("无法提供") {
        found.push(Unable);
    }
    if c.contains("不予处理") {
        found.push(NotProcessed);
    }
    if c.contains("其他处理") {
        found.push(OtherProcessing);
    }
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

const SUBJECT_WORDS: [&str; 14] = [
    "申请",
    "复议",
    "诉讼",
    "予以公开",
    "部分公开",
    "不予公开",
    "无法提供",
    "不予处理",
    "其他处理",
    "结转",
    "规范性文件",
    "行政许可",
    "行政处罚",
    "行政强制",
];

fn names_any_subject(c: &str) -> bool {
    contains_any(c, &SUBJECT_WORDS)
}

fn has_statement_words(s: &str) -> bool {
    contains_any(s, &["办结", "办理完成", "办理完毕", "申请", "维持"])
}

/// Blanket statements that a table can contradict.
fn statements(s: &str, clauses: &[Clause], span: &impl Fn(usize, usize) -> (usize, usize), out: &mut Narrative) {
    let about_applications = s.contains("申请");
    if !about_applications && !s.contains("维持") {
        return;
    }
    let other_subject =
        contains_any(s, &["复议", "诉讼", "信件", "来信", "建议", "提案", "诉求", "留言", "咨询", "投诉"]);
    let mut part_start = 0;
    for cl in clauses {
        if cl.after == ';' {
            part_start = cl.start;
        }
        let c = &s[cl.start..cl.end];
        if !c.contains(['办', '申', '维']) {
            continue;
        }
        // The statement with what leads up to it in its part of the sentence ("复议7件,诉讼9件,均获维持").
        let mut push = |kind| {
            let text = shorten_left(&s[part_start..cl.end]);
            out.statements.push(Statement { kind, text, span: span(part_start, cl.end) })
        };
        let all_done = [
            "均已办结",
            "全部办结",
            "均办结",
            "均已按要求办理完成",
            "均已办理完成",
            "均已办理完毕",
            "全部办理完毕",
            "全部办理完成",
            "均已按时办结",
            "均按时办结",
            "均已按期办结",
        ];
        if about_applications && !other_subject && contains_any(c, &all_done) {
            push(StatementKind::AllConcluded);
            continue;
        }
        let none_received = ["未收到", "没有收到", "未接到", "没有接到", "未受理", "无"];
        let says_none = none_received.iter().any(|w| {
            c.match_indices(w).any(|(i, _)| {
                let rest = &c[i + w.len()..];
                // "未收到政府信息公开申请" / "无依申请公开": the negation governs the application itself.
                let head = &rest[..rest.char_indices().nth(12).map_or(rest.len(), |(i, _)| i)];
                head.contains("申请")
                    && !head.contains("复议")
                    && !head.contains("诉讼")
                    && !rest.starts_with("正当")
                    && (*w != "无" || rest.starts_with("依申请") || rest.starts_with("政府信息公开申请"))
            })
        });
        if says_none && !c.bytes().any(|b| b.is_ascii_digit()) {
            push(StatementKind::NoApplications);
            continue;
        }
        if contains_any(c, &["均获维持", "均被维持", "均维持", "全部维持", "均予以维持"]) {
            let reviews = s.contains("复议");
            let suits = s.contains("诉讼");
            if reviews || suits {
                push(StatementKind::AllUpheld { reviews, suits });
            }
        }
    }
}

/// Words that introduce the parts of a total stated just before ("2599条，其中…", "包括…",
/// "分别为…"). "含" is not one: it names one part included ("含上年度结转申请34件").
const LIST_INTRODUCERS: [&str; 5] = ["其中包括", "其中", "包括", "分别为", "分别是"];

/// "…2599条，(其中A25条，B68条，…，其他…856条)": a total and the parts listed after it. A list
/// that ends in a catch-all part (其他…, 其余…) is `closed`: its parts are the whole. One closed
/// by 等 or introduced as the main ones (主要, 重点) is left alone; any other list of two or more
/// parts is kept as not closed (its parts may be a selection: N006 judges only parts that exceed
/// the total). Every part must be one exact count in the total's unit; counts in brackets after
/// a part break that part down and are not parts.
fn enumerations(s: &str, clauses: &[Clause], span: &impl Fn(usize, usize) -> (usize, usize), out: &mut Narrative) {
    let mut k = 0;
    while k < clauses.len() {
        let c = &s[clauses[k].start..clauses[k].end];
        let Some(lead) = LIST_INTRODUCERS.iter().find(|w| c.starts_with(**w)).map(|w| w.len()) else {
            k += 1;
            continue;
        };
        // The total: the last exact number before the list, at most two clauses back
        // ("3646件，同比增长1.05%，其中…"); in a table unit, else in another counted unit.
        let total = (k.saturating_sub(2)..k).rev().find_map(|j| {
            let t = &s[clauses[j].start..clauses[j].end];
            let n = single_number(t).or_else(|| single_number_where(t, |u| matches!(u, Unit::Counted(_))))?;
            Some((j, n))
        });
        let Some((tj, Number { value: total, unit, start: ta, end: tb, .. })) = total else {
            k += 1;
            continue;
        };
        if unit == Unit::Other || unit == Unit::Money {
            k += 1;
            continue;
        }
        // The parts: clauses up to the next semicolon (or the closing bracket of "(其中…)"); a
        // clause without a number is the first half of a part split at 、 ("政策、规范性文件类信息68条").
        let bracketed = clauses[k].after == '(';
        let mut parts = Vec::new();
        let mut last_text = "";
        let mut clean = true;
        let mut etc = false;
        // Brackets opened inside the list: "预决算197条(政府预决算32条,部门预决算165条)" breaks a
        // part down further; those counts are not parts of the total.
        let mut depth = 0usize;
        let mut j = k;
        loop {
            let cl = clauses[j];
            let from = if j == k { cl.start + lead } else { cl.start };
            let t = &s[from..cl.end];
            // "另有103件…" after the parts is not one of them.
            if j > k && t.starts_with('另') {
                break;
            }
            if j > k {
                match cl.after {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            if depth > 0 {
                j += 1;
                if j >= clauses.len() {
                    break;
                }
                continue;
            }
            let (part, spoils): (_, fn(&str) -> bool) = match unit {
                Unit::Counted(_) => {
                    (single_number_where(t, |u| u != Unit::Other), |t| numbers(t).any(|n| n.unit != Unit::Other))
                }
                _ => (single_number(t), |t| count_numbers(t) > 0),
            };
            match part {
                Some(n) if n.unit == unit => {
                    parts.push((n.value, span(from + n.start, from + n.end)));
                    last_text = t;
                }
                // "占51.85%" after a part is a share, not a part; another unit spoils the list.
                _ if spoils(t) && !t.contains('%') => clean = false,
                _ => {}
            }
            etc |= !parts.is_empty() && t.contains('等');
            j += 1;
            let Some(next) = clauses.get(j) else { break };
            if !clean || next.after == ';' || (bracketed && next.after == ')') {
                break;
            }
        }
        let closed = contains_any(last_text, &["其他", "其它", "其余"]);
        let partial = etc || contains_any(c, &["主要", "重点"]);
        if clean && parts.len() >= 2 && (closed || !partial) && out.enumerations.len() < MAX_ITEMS {
            out.enumerations.push(Enumeration {
                total,
                total_span: span(clauses[tj].start + ta, clauses[tj].start + tb),
                unit: unit.text(),
                parts,
                text: shorten(&s[clauses[tj].start..clauses[k].end]),
                closed,
            });
        }
        k = j.max(k + 1);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// 件, 起, 宗: cases and documents.
    Count,
    /// 条: items of information.
    Items,
    /// 元 / 万元, as 万元.
    Money,
    /// 个, 份, 项, 次, 人次: counts of other things, each its own unit (the text written).
    Counted(&'static str),
    /// A number with some other unit or none.
    Other,
}

impl Unit {
    fn text(self) -> &'static str {
        match self {
            Unit::Count => "件",
            Unit::Items => "条",
            Unit::Money => "万元",
            Unit::Counted(u) => u,
            Unit::Other => "",
        }
    }
}

/// Applications counted in 份, 个 or 项 ("收到申请21份"), in a clause with no count in a table
/// unit: as a count in 件. (次 and 人次 count visits or people, not applications.)
fn application_count(c: &str) -> Option<Number> {
    if !c.contains("申请") || count_numbers(c) > 0 {
        return None;
    }
    let n = single_number_where(c, |u| matches!(u, Unit::Counted("份" | "个" | "项")))?;
    // The count is the applications' own, written next to them ("申请21份", "21份申请"), not
    // that of something else the clause names ("收到5个单位的申请").
    let before = c[..n.start].trim_end_matches(['共', '计', '合', '总', '了']);
    let after = c[n.end..].get(3..).unwrap_or_default();
    let adjacent = before.ends_with("申请") || after.starts_with("申请") || after.starts_with("政府信息公开申请");
    adjacent.then_some(Number { unit: Unit::Count, ..n })
}

/// Units of other counts, longest first ("人次" before "次").
const COUNTED_UNITS: [&str; 5] = ["人次", "个", "份", "项", "次"];

/// The units a table count is stated in: 件 (起, 宗), 条, and money. A clause's other counts
/// ("12个平台") do not stand in the way of reading its count in these.
fn is_table_unit(u: Unit) -> bool {
    matches!(u, Unit::Count | Unit::Items | Unit::Money)
}

/// The clause's only exact number with a unit; None when it holds none, several, or an
/// approximate one ("200余条").
fn single_number(c: &str) -> Option<Number> {
    single_number_where(c, is_table_unit)
}

/// The clause's only exact number whose unit `accept`s.
fn single_number_where(c: &str, accept: impl Fn(Unit) -> bool) -> Option<Number> {
    let mut found = None;
    for n in numbers(c).filter(|n| accept(n.unit)) {
        if found.is_some() || n.approximate {
            return None;
        }
        found = Some(n);
    }
    found
}

fn count_numbers(c: &str) -> usize {
    numbers(c).filter(|n| is_table_unit(n.unit)).count()
}

struct Number {
    value: f64,
    unit: Unit,
    approximate: bool,
    /// Half the last decimal place written, in the unit of `value`.
    tolerance: f64,
    start: usize,
    end: usize,
}

/// The numbers of a compact clause with the unit that follows each. Digits grouped with commas
/// ("3,119件") are one number; a number after 第 is an ordinal and has no unit.
fn numbers(c: &str) -> impl Iterator<Item = Number> + '_ {
    let b = c.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || (b[i] == b',' && grouped_at(b, i))) {
                i += 1;
            }
            let mut end = i;
            if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                end = i;
            }
            let decimals = if end > start && c[start..end].contains('.') {
                c[start..end].split('.').nth(1).map_or(0, str::len)
            } else {
                0
            };
            // "13万元" may be 12.5万元 rounded: half the last place written.
            let mut tolerance = 0.5 * 10f64.powi(-(decimals as i32));
            let written = &c[start..end];
            let parsed = if written.contains(',') {
                crate::text::parse_decimal(&written.replace(',', ""))
            } else {
                crate::text::parse_decimal(written)
            };
            let Some(mut value) = parsed else { continue };
            let rest = &c[end..];
            let approximate = rest.starts_with("余")
                || rest.starts_with("多")
                || c[..start].ends_with('约')
                || c[..start].ends_with('近');
            let rest = rest.trim_start_matches(['余', '多']);
            let ordinal = c[..start].ends_with('第');
            let unit = if ordinal {
                Unit::Other
            } else if rest.starts_with('件') || rest.starts_with('起') || rest.starts_with('宗') {
                Unit::Count
            } else if rest.starts_with('条') {
                Unit::Items
            } else if rest.starts_with("万元") {
                Unit::Money
            } else if rest.starts_with('元') {
                value /= 10_000.0;
                tolerance /= 10_000.0;
                Unit::Money
            } else if let Some(u) = COUNTED_UNITS.iter().find(|u| rest.starts_with(**u)) {
                Unit::Counted(u)
            } else {
                Unit::Other
            };
            return Some(Number { value, unit, approximate, tolerance, start, end });
        }
        None
    })
}

/// A comma at `i` separates thousands: digits before it, exactly three digits after it.
fn grouped_at(b: &[u8], i: usize) -> bool {
    i > 0
        && b[i - 1].is_ascii_digit()
        && b.len() > i + 3
        && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
        && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
}

/// Splits a compact sentence into clauses at ，、：；（） and the like; a comma between digit
/// groups ("3,119") does not split.
fn clauses(s: &str) -> Vec<Clause> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(16);
    let mut start = 0;
    let mut after = '^';
    for (i, ch) in s.char_indices() {
        let split = match ch {
            ',' => !grouped_at(b, i),
            '、' | ':' | ';' | '(' | ')' | '[' | ']' | '【' | '】' => true,
            _ => false,
        };
        if split {
            out.push(Clause { start, end: i, after });
            after = ch;
            start = i + ch.len_utf8();
        }
    }
    out.push(Clause { start, end: s.len(), after });
    out
}

/// Four-digit years ("2023年") in a compact sentence; a longer digit run before 年 is not one.
fn years_in(s: &str) -> impl Iterator<Item = i32> + '_ {
    s.match_indices('年').filter_map(move |(i, _)| {
        let digits = s[..i].bytes().rev().take_while(u8::is_ascii_digit).count();
        if digits != 4 {
            return None;
        }
        s[i - 4..i].parse::<i32>().ok().filter(|y| (1990..=2100).contains(y))
    })
}

fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// The last [`MAX_CLAUSE_CHARS`] characters of `c`, for quoting in a message.
fn shorten_left(c: &str) -> String {
    let n = c.chars().count();
    if n <= MAX_CLAUSE_CHARS {
        return for_display(c);
    }
    let tail: String = c.chars().skip(n - MAX_CLAUSE_CHARS).collect();
    format!("…{}", for_display(&tail))
}

/// The first [`MAX_CLAUSE_CHARS`] characters of `c`, for quoting in a message.
fn shorten(c: &str) -> String {
    let mut out: String = c.chars().take(MAX_CLAUSE_CHARS).collect();
    if c.chars().count() > MAX_CLAUSE_CHARS {
        out.push('…');
    }
    for_display(&out)
}

/// Chinese punctuation back in place of the halfwidth forms normalizing made ("3,119" stays).
fn for_display(c: &str) -> String {
    let b = c.as_bytes();
    c.char_indices()
        .map(|(i, ch)| match ch {
            ',' if !grouped_at(b, i) => '，',
            ';' => '；',
            ':' => '：',
            '(' => '（',
            ')' => '）',
            _ => ch,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn narrative(text: &str, year: Option<i32>) -> Narrative {
        read(&crate::normalize::normalize(text).text, &[], year)
    }

    fn claims(text: &str) -> Vec<(Subject, f64)> {
        narrative(text, Some(2024)).claims.into_iter().map(|c| (c.subject, c.value)).collect()
    }

    #[test]
    fn counts_tied_to_their_subjects() {
        use Subject::*;
        assert_eq!(
            claims("2024年，全区共受理政府信息公开申请21件，办结20件，1件结转下年度继续办理。"),
            vec![(Received, 21.0), (Concluded, 20.0), (CarriedForward, 1.0)]
        );
        assert_eq!(
            claims("因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。"),
            vec![(Reviews, 2.0), (Suits, 7.0)]
        );
        assert_eq!(
            claims("其中：予以公开及部分公开42件，占51.85%；不予公开3件。"),
            vec![(GrantedOrPartly, 42.0), (Denied, 3.0)]
        );
        assert_eq!(claims("结转至2025年6件。"), vec![(CarriedForward, 6.0)]);
    }

    #[test]
    fn ambiguous_clauses_give_no_claim() {
        // Two subjects share one number; a breakdown by applicant; a sub-body's count; items; a
        // comparison; another year.
        assert!(claims("行政复议、行政诉讼案件共5件。").is_empty());
        assert!(claims("共受理申请749件，其中自然人申请741件，法人或其他组织申请8件。").len() == 1);
        assert!(claims("区政府办代表区政府受理政府信息公开申请17件。").is_empty());
        assert!(claims("主动公开行政许可类信息69条。").is_empty());
        assert!(claims("申请数量较去年增加12件。").is_empty());
        assert!(claims("2022年共受理政府信息公开申请60件。").is_empty());
        assert!(claims("收到群众诉求348件，现场解决162件。").is_empty());
        assert!(claims("全年受理网络问政182件。").is_empty());
    }

    #[test]
    fn enumeration_is_closed_by_a_catch_all_part() {
        let n = narrative("共公布信息100条，(其中政策、文件类信息30条，动态类信息50条，其他信息19条)。", None);
        assert_eq!(n.enumerations.len(), 1);
        let e = &n.enumerations[0];
        assert_eq!((e.total, e.parts.iter().map(|p| p.0).sum::<f64>(), e.closed), (100.0, 99.0, true));
        let open = narrative("共公布信息100条，其中政策文件类信息30条，动态类信息50条。", None);
        assert_eq!(open.enumerations.iter().map(|e| e.closed).collect::<Vec<_>>(), [false]);
        // A selection said to be one (等, 主要) is no list at all.
        let etc = narrative("共公布信息100条，其中政策文件类信息30条，动态类信息50条等。", None);
        assert!(etc.enumerations.is_empty());
    }

    #[test]
    fn other_units_and_introducers() {
        let n = narrative("全年开展培训12次，分别为线上培训5次，线下培训4次，其他培训3次。", None);
        assert_eq!(n.enumerations.len(), 1);
        assert_eq!((n.enumerations[0].unit, n.enumerations[0].parts.len()), ("次", 3));
        // 人次 is not 次.
        let mixed = narrative("全年接待80人次，其中现场50次，网上10人次，其他30人次。", None);
        assert!(mixed.enumerations.is_empty());
        assert_eq!(claims("共收到政府信息公开申请21份。"), vec![(Subject::Received, 21.0)]);
        assert!(claims("共收到5个部门转来的政府信息公开申请。").is_empty());
        assert!(claims("共收到政府信息公开申请21人次。").is_empty());
    }

    #[test]
    fn statements() {
        let n = narrative(
            "全年收到申请34件，所有申请均已按要求办理完成。本年度未收到政府信息公开申请。复议7件，诉讼9件，均获维持。",
            None,
        );
        let kinds: Vec<_> = n.statements.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            vec![
                StatementKind::AllConcluded,
                StatementKind::NoApplications,
                StatementKind::AllUpheld { reviews: true, suits: true }
            ]
        );
    }

    #[test]
    fn thousands_separators_and_money() {
        assert_eq!(claims("共受理政府信息公开申请3,119件。"), vec![(Subject::Received, 3119.0)]);
        assert_eq!(claims("行政事业性收费2950元。"), vec![(Subject::Fees, 0.295)]);
    }
}
