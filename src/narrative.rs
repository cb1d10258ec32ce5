//! The narrative: what the report's own text says about its tables — counts tied to a subject
//! ("共受理政府信息公开申请21件"), totals with their listed parts ("2599条，其中…"), and blanket
//! statements ("所有申请均已办结") — each with its place in the text. The N rules compare these
//! with the tables.
//!
//! Reading is deliberately conservative: a clause yields a claim only when its subject is named in
//! it and it holds exactly one count. Anything else is left alone, because a missed claim costs
//! nothing and a misread one is a false alarm.

use crate::normalize::Compact;
use crate::text::{utf8_len, PhraseSet};
use std::sync::OnceLock;

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

/// Reads the sentences of prose that may state something (see [`each_sentence`]).
fn read_prose(text: &str, start: usize, end: usize, year: Option<i32>, out: &mut Narrative) {
    let full = |out: &Narrative| {
        out.claims.len() >= MAX_ITEMS && out.statements.len() >= MAX_ITEMS && out.enumerations.len() >= MAX_ITEMS
    };
    if full(out) {
        return;
    }
    each_sentence(text, start, end, |from, to, may_state| {
        // Most sentences state nothing the rules compare: skipped before compacting.
        if may_state {
            read_sentence(text, from, to, year, out);
        }
        // Only a sentence read adds items.
        !full(out)
    });
}

/// Splits `text[start..end]` into sentences (at 。！？ and overlong lines) and calls
/// `sentence(from, to, may_state)` for each in order, until it returns false. `may_state`: the
/// sentence has a digit or one of 办申维 (characters, not words, so a word broken by a line
/// wrap still passes), noted on the way rather than looked for again in each sentence.
fn each_sentence(text: &str, start: usize, end: usize, mut sentence: impl FnMut(usize, usize, bool) -> bool) {
    let bytes = text.as_bytes();
    let mut sentence_start = start;
    let mut may_state = false;
    // A character at a time by its bytes (the wasm build decodes characters out of line): 。 is
    // E3 80 82, ！ EF BC 81, ？ EF BC 9F.
    let mut at = start;
    while at < end {
        let long = at - sentence_start;
        // An ideograph (lead byte E4–E9, most of the text) ends no sentence.
        if (0xE4..=0xE9).contains(&bytes[at]) && long <= 4 * MAX_SENTENCE_BYTES {
            may_state = may_state || states_char(&bytes[at..at + 3]);
            at += 3;
            continue;
        }
        let len = utf8_len(bytes[at]);
        let c = &bytes[at..at + len];
        let ends = match c {
            b"!" | b"?" | [0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x81 | 0x9F] => true,
            b"\n" => long > MAX_SENTENCE_BYTES,
            _ => false,
        } || long > 4 * MAX_SENTENCE_BYTES;
        if ends {
            // The character that ends a sentence is in neither.
            if !sentence(sentence_start, at, may_state) {
                return;
            }
            sentence_start = at + len;
            may_state = false;
        } else {
            may_state = may_state || c[0].is_ascii_digit() || states_char(c);
        }
        at += len;
    }
    sentence(sentence_start, end, may_state);
}

/// Whether the character `c` (its bytes) is one of 办 (E5 8A 9E), 申 (E7 94 B3) and 维 (E7 BB B4),
/// which every statement the rules compare has one of. (Inline: the wasm build called it for
/// every ideograph of the prose.)
#[inline(always)]
fn states_char(c: &[u8]) -> bool {
    matches!(c, [0xE5, 0x8A, 0x9E] | [0xE7, 0x94, 0xB3] | [0xE7, 0xBB, 0xB4])
}

/// A clause of a compacted sentence: compact byte range, and the delimiter that precedes it.
#[derive(Debug, Clone, Copy)]
struct Clause {
    start: usize,
    end: usize,
    after: char,
    /// The keyword lists the clause has a word of.
    found: Found,
}

/// Declares the narrative's keyword lists, one [`Kw`] each: a sentence is scanned once for the
/// words of all of them ([`scan`]), and what a clause or sentence "contains" is then a bit.
macro_rules! keyword_lists {
    ($($(#[$doc:meta])* $name:ident: [$($word:literal),+ $(,)?],)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Kw {
            $($(#[$doc])* $name,)+
        }
        /// Each list's words, in the order of [`Kw`].
        const KEYWORD_LISTS: &[(Kw, &[&str])] = &[$((Kw::$name, &[$($word),+]),)+];
    };
}

keyword_lists! {
    /// Comparisons, running totals and averages: not the year's count.
    Comparison: [
        "同比", "较上年", "较去年", "比上年", "比去年", "增长", "增加", "减少", "下降", "上升", "回落",
        "累计", "历年", "以来", "平均",
    ],
    Fees: ["行政事业性收费"],
    InformationFee: ["信息处理费"],
    CarriedForward: [
        "结转下年", "结转下一年", "结转至下", "结转到下", "结转至20", "结转到20", "转下年度", "转下一年",
        "转入下", "顺延到下", "顺延至下", "顺延下", "下年度继续", "下一年度继续", "下年度办理", "下一年度办理",
    ],
    CarriedOver: ["上年结转", "上年度结转", "上一年度结转", "上一年结转", "上年度转入", "上年遗留", "上年度遗留"],
    ActiveDisclosure: ["主动公开"],
    Review: ["复议"],
    Suit: ["诉讼"],
    /// How a review or suit ended: not a count of cases.
    CaseOutcome: ["复议后", "败诉", "胜诉", "维持", "纠正", "撤诉", "审结", "结案", "纠错"],
    Normative: ["规范性文件"],
    Issued: ["制发", "印发", "出台", "制定"],
    /// What else is counted of normative documents.
    NormativeOther: ["现行有效", "废止", "清理", "修改", "修订", "备案", "审查", "解读", "公开", "评估", "失效"],
    Licensing: ["行政许可"],
    Penalty: ["行政处罚"],
    Coercion: ["行政强制"],
    Decision: ["决定"],
    /// Information about decisions, not decisions.
    DecisionOther: ["信息", "公示", "公开", "事项", "类"],
    /// A breakdown of applications by applicant or channel.
    ApplicantOrChannel: ["自然人", "法人", "企业", "组织", "机构", "申请人", "网络", "信函", "当面", "邮寄", "传真"],
    Application: ["申请"],
    ReceivedVerb: ["收到", "受理", "接收", "接到", "接受", "新收", "登记"],
    ConclusionRate: ["办结率"],
    ConcludedVerb: ["办结", "答复", "办理完毕", "处理完毕", "办理完成", "完成办理"],
    Handling: ["办理"],
    GrantedOrPartly: ["予以公开及部分公开", "予以公开和部分公开", "予以公开或部分公开", "公开及部分公开", "全部或部分公开"],
    Denied: ["不予公开"],
    PartlyGranted: ["部分公开"],
    /// 予以公开, which may be part of 不予以公开 (see [`result_kind`]).
    GrantedWord: ["予以公开"],
    GrantedOther: ["同意公开", "全部公开"],
    Unable: ["无法提供"],
    NotProcessed: ["不予处理"],
    OtherProcessing: ["其他处理"],
    /// The words that name a subject a count can be about.
    SubjectWords: [
        "申请", "复议", "诉讼", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "结转",
        "规范性文件", "行政许可", "行政处罚", "行政强制",
    ],
    StatementWords: ["办结", "办理完成", "办理完毕", "申请", "维持"],
    /// The characters a statement clause has one of.
    StatementChars: ["办", "申", "维"],
    Upheld: ["维持"],
    /// Subjects other than applications that are also handled (办结).
    OtherSubject: ["复议", "诉讼", "信件", "来信", "建议", "提案", "诉求", "留言", "咨询", "投诉"],
    AllConcluded: [
        "均已办结", "全部办结", "均办结", "均已按要求办理完成", "均已办理完成", "均已办理完毕", "全部办理完毕",
        "全部办理完成", "均已按时办结", "均按时办结", "均已按期办结",
    ],
    /// Negations that may govern the applications (see [`statements`]).
    NoneReceived: ["未收到", "没有收到", "未接到", "没有接到", "未受理", "无"],
    AllUpheld: ["均获维持", "均被维持", "均维持", "全部维持", "均予以维持"],
    /// "区政府办代表区政府受理…", "本级".
    Scoped: ["代表", "本级"],
    Filed: ["备案"],
    /// A list of the main parts only.
    MainParts: ["主要", "重点"],
}

const _: () = assert!(KEYWORD_LISTS.len() <= 64, "a Found has one bit per list");

impl Kw {
    const fn bit(self) -> u64 {
        1 << self as u32
    }

    fn words(self) -> &'static [&'static str] {
        KEYWORD_LISTS[self as usize].1
    }
}

/// The narrative's keywords, indexed once.
fn keywords() -> &'static PhraseSet {
    static SET: OnceLock<PhraseSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut phrases = Vec::new();
        for &(kw, words) in KEYWORD_LISTS {
            for &w in words {
                phrases.push((w, kw.bit()));
            }
        }
        PhraseSet::new(phrases)
    })
}

/// The keyword lists a text has a word of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Found(u64);

impl Found {
    fn has(self, kw: Kw) -> bool {
        self.0 & kw.bit() != 0
    }
}

/// Scans the compact sentence `s` once for every keyword: the lists each clause has a word of
/// (no keyword holds a clause delimiter, so each occurrence lies within one clause), and those
/// of the whole sentence.
fn scan(s: &str, clauses: &mut [Clause]) -> Found {
    let mut sentence = 0;
    let mut k = 0;
    keywords().each_hit(s, |start, _, tags| {
        sentence |= tags;
        while k + 1 < clauses.len() && start >= clauses[k].end {
            k += 1;
        }
        clauses[k].found.0 |= tags;
    });
    Found(sentence)
}

fn read_sentence(text: &str, start: usize, end: usize, year: Option<i32>, out: &mut Narrative) {
    if start >= end {
        return;
    }
    let compact = Compact::new(text, start, end);
    let s = compact.text.as_str();
    let mut clauses = clauses(s);
    let sentence = scan(s, &mut clauses);
    if !crate::text::has_digit(s.as_bytes()) && !sentence.has(Kw::StatementWords) {
        return;
    }
    if let Some(y) = year {
        // A sentence about another year ("2022年共受理…" in a 2023 report) is history, not this
        // report's figures; the year after is when the report is written ("结转至2026年").
        if years_in(s).any(|x| x != y && x != y + 1) {
            return;
        }
    }
    let span = |a: usize, b: usize| (compact.pos(a), compact.end_of(text, b));

    if out.statements.len() < MAX_ITEMS {
        statements(s, sentence, &clauses, &span, out);
    }
    if out.enumerations.len() < MAX_ITEMS {
        enumerations(s, &clauses, &span, out);
    }
    if out.claims.len() >= MAX_ITEMS {
        return;
    }
    // Claims are read per part of the sentence between semicolons: "其中" lists end there.
    let scoped = sentence.has(Kw::Scoped);
    let filed = sentence.has(Kw::Filed);
    let mut about_applications = false;
    let mut in_breakdown = false;
    for (k, cl) in clauses.iter().enumerate() {
        if cl.after == ';' {
            in_breakdown = false;
        }
        let c = &s[cl.start..cl.end];
        let found = cl.found;
        if found.has(Kw::Application) {
            about_applications = true;
        }
        if LIST_INTRODUCERS.iter().any(|w| c.starts_with(w)) {
            in_breakdown = true;
        }
        let Some(Number { value, unit, tolerance, .. }) = single_number(c).or_else(|| application_count(c, found))
        else {
            continue;
        };
        // Applications counted in 条 (or 份, 个, 项 — see `application_count`) are counted as 件.
        let unit = if unit == Unit::Items && found.has(Kw::Application) { Unit::Count } else { unit };
        // "行政复议、行政诉讼案件5件": the subject before the 、 shares this number.
        let shared = k > 0 && cl.after == '、' && {
            let prev = &clauses[k - 1];
            prev.found.has(Kw::SubjectWords) && count_numbers(&s[prev.start..prev.end]) == 0
        };
        if shared {
            continue;
        }
        let context = ClauseContext { about_applications, in_breakdown, scoped, filed };
        if let Some(subject) = subject_of(c, found, unit, &context) {
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

/// Which table figure a clause `text` with one count states, if it clearly states one (`c`: the
/// keyword lists the clause has a word of).
fn subject_of(text: &str, c: Found, unit: Unit, ctx: &ClauseContext) -> Option<Subject> {
    use Subject::*;
    if c.has(Kw::Comparison) {
        return None;
    }
    if unit == Unit::Money {
        return (c.has(Kw::Fees) && !c.has(Kw::InformationFee)).then_some(Fees);
    }
    if unit != Unit::Count {
        return None;
    }
    if c.has(Kw::CarriedForward) {
        return Some(CarriedForward);
    }
    if c.has(Kw::CarriedOver) {
        return Some(CarriedOver);
    }
    if !c.has(Kw::ActiveDisclosure) {
        if let Some(kind) = result_kind(text, c) {
            return Some(kind);
        }
    }
    let reviews = c.has(Kw::Review);
    let suits = c.has(Kw::Suit);
    if reviews || suits {
        if (reviews && suits) || ctx.filed || c.has(Kw::CaseOutcome) {
            return None;
        }
        return Some(if reviews { Reviews } else { Suits });
    }
    if c.has(Kw::Normative) {
        return (c.has(Kw::Issued) && !c.has(Kw::NormativeOther)).then_some(NormativeIssued);
    }
    for (word, subject) in
        [(Kw::Licensing, LicensingDecisions), (Kw::Penalty, PenaltyDecisions), (Kw::Coercion, CoercionDecisions)]
    {
        if c.has(word) {
            let decisions = c.has(Kw::Decision) && !c.has(Kw::DecisionOther);
            return decisions.then_some(subject);
        }
    }
    // The application counts: only totals of the whole body's applications.
    if ctx.in_breakdown || ctx.scoped || c.has(Kw::ApplicantOrChannel) {
        return None;
    }
    let names_applications = c.has(Kw::Application);
    if names_applications && c.has(Kw::ReceivedVerb) {
        return Some(Received);
    }
    if !ctx.about_applications || c.has(Kw::ConclusionRate) {
        return None;
    }
    if c.has(Kw::ConcludedVerb) {
        return Some(Concluded);
    }
    if c.has(Kw::Handling) {
        return Some(Handled);
    }
    None
}

/// The result kind a clause `text` names (only one, and not as part of a longer name).
fn result_kind(text: &str, c: Found) -> Option<Subject> {
    use Subject::*;
    if c.has(Kw::GrantedOrPartly) {
        return Some(GrantedOrPartly);
    }
    // 予以公开 (not 不予以公开), or 同意公开 / 全部公开.
    let granted = (c.has(Kw::GrantedWord)
        && crate::text::positions(text, "予以公开").any(|i| !text[..i].ends_with('不')))
        || c.has(Kw::GrantedOther);
    let named = [
        (c.has(Kw::Denied), Denied),
        (c.has(Kw::PartlyGranted), PartlyGranted),
        (granted, Granted),
        (c.has(Kw::Unable), Unable),
        (c.has(Kw::NotProcessed), NotProcessed),
        (c.has(Kw::OtherProcessing), OtherProcessing),
    ];
    let mut kinds = named.iter().filter(|(named, _)| *named).map(|&(_, kind)| kind);
    match (kinds.next(), kinds.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// Blanket statements that a table can contradict.
fn statements(
    s: &str,
    sentence: Found,
    clauses: &[Clause],
    span: &impl Fn(usize, usize) -> (usize, usize),
    out: &mut Narrative,
) {
    let about_applications = sentence.has(Kw::Application);
    if !about_applications && !sentence.has(Kw::Upheld) {
        return;
    }
    let other_subject = sentence.has(Kw::OtherSubject);
    let mut part_start = 0;
    for cl in clauses {
        if cl.after == ';' {
            part_start = cl.start;
        }
        let found = cl.found;
        if !found.has(Kw::StatementChars) {
            continue;
        }
        let c = &s[cl.start..cl.end];
        // The statement with what leads up to it in its part of the sentence ("复议7件,诉讼9件,均获维持").
        let mut push = |kind| {
            let text = shorten_left(&s[part_start..cl.end]);
            out.statements.push(Statement { kind, text, span: span(part_start, cl.end) })
        };
        if about_applications && !other_subject && found.has(Kw::AllConcluded) {
            push(StatementKind::AllConcluded);
            continue;
        }
        let says_none = found.has(Kw::NoneReceived)
            && Kw::NoneReceived.words().iter().any(|w| {
                crate::text::positions(c, w).any(|i| {
                    let rest = &c[i + w.len()..];
                    // "未收到政府信息公开申请" / "无依申请公开": the negation governs the application itself.
                    let head = &rest[..rest.char_indices().nth(12).map_or(rest.len(), |(i, _)| i)];
                    crate::text::contains(head, "申请")
                        && !crate::text::contains(head, "复议")
                        && !crate::text::contains(head, "诉讼")
                        && !rest.starts_with("正当")
                        && (*w != "无" || rest.starts_with("依申请") || rest.starts_with("政府信息公开申请"))
                })
            });
        if says_none && !c.bytes().any(|b| b.is_ascii_digit()) {
            push(StatementKind::NoApplications);
            continue;
        }
        if found.has(Kw::AllUpheld) {
            let reviews = sentence.has(Kw::Review);
            let suits = sentence.has(Kw::Suit);
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
            etc |= !parts.is_empty() && crate::text::has_char(t, '等');
            j += 1;
            let Some(next) = clauses.get(j) else { break };
            if !clean || next.after == ';' || (bracketed && next.after == ')') {
                break;
            }
        }
        let closed = contains_any(last_text, &["其他", "其它", "其余"]);
        let partial = etc || clauses[k].found.has(Kw::MainParts);
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
fn application_count(c: &str, found: Found) -> Option<Number> {
    if !found.has(Kw::Application) || count_numbers(c) > 0 {
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
        // A digit is never a byte of another character: the next number starts at the next
        // digit byte.
        while let Some(d) = crate::text::find_digit(&b[i..]) {
            i += d;
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
    // By the characters' bytes: 、 is E3 80 81, 【 E3 80 90, 】 E3 80 91.
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        // An ideograph (lead bytes E4–E9, most of a sentence) splits nothing.
        if (0xE4..=0xE9).contains(&lead) {
            i += 3;
            continue;
        }
        let len = utf8_len(lead);
        let split = match lead {
            b',' => !grouped_at(b, i),
            b':' | b';' | b'(' | b')' | b'[' | b']' => true,
            0xE3 => matches!(b.get(i + 1..i + 3), Some([0x80, 0x81 | 0x90 | 0x91])),
            _ => false,
        };
        if split {
            out.push(Clause { start, end: i, after, found: Found::default() });
            after = s[i..].chars().next().unwrap_or(after);
            start = i + len;
        }
        i += len;
    }
    out.push(Clause { start, end: s.len(), after, found: Found::default() });
    out
}

/// Four-digit years ("2023年") in a compact sentence; a longer digit run before 年 is not one.
fn years_in(s: &str) -> impl Iterator<Item = i32> + '_ {
    crate::text::positions(s, "年").filter_map(move |i| {
        let digits = s[..i].bytes().rev().take_while(u8::is_ascii_digit).count();
        if digits != 4 {
            return None;
        }
        s[i - 4..i].parse::<i32>().ok().filter(|y| (1990..=2100).contains(y))
    })
}

fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| crate::text::contains(s, w))
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

    /// Texts to compare the keyword scan with plain searches on: the repository's fixtures and,
    /// when present, the corpus's seeds and real reports, each cut into compact sentences.
    fn sample_sentences() -> Vec<String> {
        let mut out = Vec::new();
        for norm in crate::normalize::sample_texts() {
            let mut at = 0;
            for piece in norm.split_inclusive(['。', '\n']) {
                out.push(Compact::new(&norm, at, at + piece.len()).text);
                at += piece.len();
            }
        }
        out
    }

    /// Generated sentences of the keywords' characters, delimiters and digits: every way two
    /// keywords can overlap, abut or be cut by a clause delimiter.
    fn generated_sentences() -> Vec<String> {
        let mut alphabet: Vec<char> =
            KEYWORD_LISTS.iter().flat_map(|(_, w)| w.iter().flat_map(|w| w.chars())).collect();
        crate::sort::sort(&mut alphabet);
        alphabet.dedup();
        alphabet.extend([',', '、', ';', '(', ')', '1', '不', '均']);
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        (0..20_000)
            .map(|_| {
                crate::text::xorshift(&mut seed);
                let len = 1 + seed % 24;
                let mut r = seed;
                (0..len)
                    .map(|_| {
                        r = r.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        alphabet[(r >> 33) as usize % alphabet.len()]
                    })
                    .collect()
            })
            .collect()
    }

    /// What the plain search the scan replaced says: one `contains` per keyword of each list.
    fn found_by_contains(text: &str) -> Found {
        Found(KEYWORD_LISTS.iter().filter(|(_, words)| contains_any(text, words)).fold(0, |f, (kw, _)| f | kw.bit()))
    }

    /// `clauses` as it was first written, a `char` at a time.
    fn clauses_by_char(s: &str) -> Vec<(usize, usize, char)> {
        let (b, mut out, mut start, mut after) = (s.as_bytes(), Vec::new(), 0, '^');
        for (i, ch) in s.char_indices() {
            let split = match ch {
                ',' => !grouped_at(b, i),
                '、' | ':' | ';' | '(' | ')' | '[' | ']' | '【' | '】' => true,
                _ => false,
            };
            if split {
                out.push((start, i, after));
                after = ch;
                start = i + ch.len_utf8();
            }
        }
        out.push((start, s.len(), after));
        out
    }

    #[test]
    fn clauses_by_bytes_equal_clauses_by_characters() {
        let mut texts = sample_sentences();
        texts.extend(generated_sentences());
        // Characters whose bytes are near the delimiters' (、 E3 80 81, 【 E3 80 90), and digit groups.
        texts
            .extend(["3,119件、2,1、〃【】〈〉。「」12,345,67", "a,b:c;d(e)f[g]h【i】j、k", "", ","].map(String::from));
        for t in &texts {
            let fast: Vec<(usize, usize, char)> = clauses(t).iter().map(|c| (c.start, c.end, c.after)).collect();
            assert_eq!(fast, clauses_by_char(t), "{t:?}");
        }
    }

    #[test]
    fn keyword_lists_are_declared_in_order_and_within_a_clause() {
        for (i, (kw, words)) in KEYWORD_LISTS.iter().enumerate() {
            assert_eq!(*kw as usize, i);
            for w in *words {
                let s = w.to_string();
                assert_eq!(clauses(&s).len(), 1, "{w} holds a clause delimiter");
            }
        }
    }

    #[test]
    fn the_scan_finds_what_contains_finds() {
        let sample = sample_sentences();
        assert!(sample.len() > 100, "the fixtures were not read");
        let generated = generated_sentences();
        for s in sample.iter().chain(&generated) {
            let mut cls = clauses(s);
            let sentence = scan(s, &mut cls);
            assert_eq!(sentence, found_by_contains(s), "{s}");
            for cl in &cls {
                let c = &s[cl.start..cl.end];
                assert_eq!(cl.found, found_by_contains(c), "{c} in {s}");
            }
        }
    }

    /// The sentences `each_sentence` finds in `text`, each with its flag.
    fn sentences_of(text: &str) -> Vec<(usize, usize, bool)> {
        let mut out = Vec::new();
        each_sentence(text, 0, text.len(), |s, e, may| {
            out.push((s, e, may));
            true
        });
        out
    }

    #[test]
    fn each_sentence_notes_what_a_search_of_it_finds() {
        // Whole texts: the fixtures and the corpus's, and generated ones with sentence ends and
        // line breaks between the keywords' characters (and 办申维's near relatives: 纲 E7 BA B2).
        let mut texts = crate::normalize::sample_texts();
        assert!(texts.len() > 20, "the fixtures were not read");
        let ends = ["。", "！", "？", "!", "?", "\n", "", "", "纲", "é", "0"];
        let generated = generated_sentences();
        for (k, chunk) in generated.chunks(7).enumerate() {
            let mut t = String::new();
            for (i, s) in chunk.iter().enumerate() {
                t.push_str(&s.replace('1', ""));
                t.push_str(ends[(k + i) % ends.len()]);
            }
            texts.push(t);
        }
        // A run with no sentence end, cut by length: at a line break past 1500 bytes, anywhere
        // past 6000.
        texts.push(format!("{}\n办{}。", "甲".repeat(600), "乙".repeat(2500)));
        texts.push(format!("{}申{}", "甲".repeat(1999), "乙".repeat(4000)));
        let plain = |s: &str| s.bytes().any(|b| b.is_ascii_digit()) || s.contains(['办', '申', '维']);
        let mut cut = 0;
        for t in &texts {
            let mut last_end = 0;
            for (s, e, may) in sentences_of(t) {
                assert!(last_end <= s && s <= e && e <= t.len(), "{t:?}");
                assert_eq!(may, plain(&t[s..e]), "{:?} in {t:?}", &t[s..e]);
                cut += usize::from(e - s > MAX_SENTENCE_BYTES);
                last_end = e;
            }
        }
        assert!(cut >= 2, "the long runs were cut");
    }

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
