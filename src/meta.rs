//! What the report says about itself: its title, year and reporting body, and which template
//! its tables follow.

use crate::normalize::Compact;
use crate::report::Format;
use crate::template::{MARKERS_2019, MARKERS_2021};
use crate::text::floor_char;

/// How far into the text the title is looked for.
const TITLE_WINDOW: usize = 4096;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Title {
    pub text: Option<String>,
    /// Normalized range of the title.
    pub start: usize,
    pub end: usize,
    pub year: Option<i32>,
    pub body: Option<String>,
}

/// Finds the title ("XX2024年政府信息公开工作年度报告"), its year and body.
pub fn find_title(norm: &str, first_section: Option<usize>) -> Title {
    let limit = floor_char(norm, norm.len().min(first_section.unwrap_or(TITLE_WINDOW).min(TITLE_WINDOW)));
    let head = &norm[..limit];
    let mut title = Title::default();
    let all: Vec<(usize, &str)> = lines(head).collect();
    for (k, &(ls, line)) in all.iter().enumerate() {
        let mut compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        // "…政府信息公开" / "工作年度报告": a title broken over two lines.
        if !compact.contains("年度报告") {
            if let Some(&(_, next)) = all.get(k + 1) {
                let next: String = next.chars().filter(|c| !c.is_whitespace()).collect();
                if next.chars().count() <= 12 && next.contains("年度报告") {
                    compact.push_str(&next);
                }
            }
        }
        // The title names the disclosure work before the report ("本年度报告根据…信息公开条例" does not).
        let named_in_order = compact
            .find("信息公开")
            .is_some_and(|i| compact[i..].contains("年度报告") || compact[i..].contains("年报"));
        if !named_in_order {
            continue;
        }
        let title_like = compact.chars().count() <= 60 && !compact.contains('。') && !compact.starts_with('#');
        if !title_like || !(compact.contains("年度报告") || compact.contains("年报")) || !compact.contains("信息公开")
        {
            continue;
        }
        let mut start = ls + (line.len() - line.trim_start().len());
        let mut text: String = compact.clone();
        // "临江新区2024年" / "政府信息公开工作年度报告" on two lines.
        if compact.starts_with("政府信息公开") || compact.starts_with("政务公开") || body_in(&compact).is_none()
        {
            if let Some((ps, prev)) = lines(&head[..ls]).filter(|(_, l)| !l.trim().is_empty()).last() {
                let p: String = prev.chars().filter(|c| !c.is_whitespace()).collect();
                if p.chars().count() <= 40 {
                    text = p + &text;
                    start = ps + (prev.len() - prev.trim_start().len());
                }
            }
        }
        for label in ["标题:", "标题："] {
            if let Some(rest) = text.strip_prefix(label) {
                text = rest.to_string();
            }
        }
        title.start = start;
        title.end = ls + line.trim_end().len();
        title.year = year_in(&text);
        title.body = body_in(&text);
        title.text = Some(text);
        break;
    }
    if title.year.is_none() {
        title.year = period_year(norm);
    }
    title
}

/// The year written in the title itself (not the fallback [`Title::year`] takes from the text).
pub fn title_year(title: &Title) -> Option<i32> {
    title.text.as_deref().and_then(year_in)
}

fn lines(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    s.split_inclusive('\n').map(move |l| {
        let start = at;
        at += l.len();
        (start, l.trim_end_matches('\n'))
    })
}

/// The first plausible "YYYY年" in `s`.
fn year_in(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    for i in 0..b.len().saturating_sub(3) {
        if b[i..i + 4].iter().all(u8::is_ascii_digit) && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let rest = s[i + 4..].trim_start();
            if rest.starts_with('年') && (i + 4 >= b.len() || !b[i + 4].is_ascii_digit()) {
                let y: i32 = s[i..i + 4].parse().ok()?;
                if (2000..=2100).contains(&y) {
                    return Some(y);
                }
            }
        }
    }
    None
}

fn body_in(title: &str) -> Option<String> {
    let b = title.as_bytes();
    let year_at = (0..b.len().saturating_sub(3)).find(|&i| b[i..i + 4].iter().all(u8::is_ascii_digit));
    let disclosure_at = title.find("政府信息公开").or_else(|| title.find("政务公开"));
    let clean = |s: &str| {
        let s = s.trim_matches(|c: char| c.is_whitespace() || "《》“”\"".contains(c));
        (!s.is_empty() && s.chars().count() <= 40).then(|| s.to_string())
    };
    match (year_at, disclosure_at) {
        // "临江新区2024年政府信息公开…"
        (Some(y), _) if y > 0 => clean(&title[..y]),
        // "2025年上海市人民政府办公厅政府信息公开…"
        (Some(y), Some(d)) if d > y => {
            let after = title[y + 4..].trim_start_matches('年').trim_start_matches('度');
            clean(&after[..after.find("政府信息公开").or_else(|| after.find("政务公开")).unwrap_or(0)])
        }
        (None, Some(d)) => clean(&title[..d]),
        _ => None,
    }
}

/// "统计期限为2024年1月1日至2024年12月31日", or failing that the first year in the text.
fn period_year(norm: &str) -> Option<i32> {
    let head = &norm[..floor_char(norm, norm.len().min(TITLE_WINDOW * 4))];
    if let Some(i) = head.find("1月1日") {
        let before = &head[..i];
        let s = floor_char(before, before.len().saturating_sub(8));
        if let Some(y) = year_in(&before[s..]) {
            return Some(y);
        }
    }
    year_in(head)
}

/// Which template section 二's tables follow, judged by the phrases only one form has.
pub fn format_of_active(c: &Compact) -> Option<Format> {
    let n2019 = MARKERS_2019.iter().filter(|m| c.text.contains(*m)).count();
    let n2021 =
        MARKERS_2021.iter().filter(|m| c.text.contains(*m)).count() + usize::from(c.text.contains("本年度止件数"));
    match n2019.cmp(&n2021) {
        std::cmp::Ordering::Greater => Some(Format::F2019),
        std::cmp::Ordering::Less => Some(Format::F2021),
        std::cmp::Ordering::Equal => None,
    }
}

/// What kind of body wrote the report, for the plausibility of 规章 (A004).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// 镇、乡、街道、苏木.
    Town,
    /// A department of a government (局、委、办、中心 …).
    Department,
    Other,
}

pub fn body_kind(body: &str) -> BodyKind {
    let ends = |s: &[&str]| s.iter().any(|e| body.ends_with(e));
    if ends(&["镇人民政府", "乡人民政府", "街道办事处", "镇政府", "乡政府", "街道", "镇", "乡", "苏木"])
    {
        return BodyKind::Town;
    }
    if body.contains("人民政府") && !body.contains("办公") && !body.ends_with("部门") {
        return BodyKind::Other;
    }
    let local = ["省", "市", "县", "区", "州", "盟", "旗"].iter().any(|p| body.contains(p));
    if ends(&["局", "委员会", "委", "办公室", "办", "中心", "管理处", "所", "站", "队", "厅"])
        || (local && ends(&["部"]))
    {
        return BodyKind::Department;
    }
    BodyKind::Other
}

/// The reporting period as the text states it: "统计期限为2023年1月1日至2023年12月31日",
/// "自2023年1月1日起至2023年12月31日止", "从2019年1月1日到12月31日止".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from_year: i32,
    /// The year written before 12月31日, when one is.
    pub to_year: Option<i32>,
    /// Normalized range of the statement.
    pub start: usize,
    pub end: usize,
}

/// How far into the text the period statement is looked for (it opens the report or section 一).
const PERIOD_WINDOW: usize = TITLE_WINDOW * 4;

pub fn find_period(norm: &str) -> Option<Period> {
    let end = floor_char(norm, norm.len().min(PERIOD_WINDOW));
    let c = Compact::new(norm, 0, end);
    let t = c.text.as_str();
    let mut from = 0;
    while let Some(k) = t[from..].find("1月1日") {
        let at = from + k;
        from = at + "1月1日".len();
        // "2023年1月1日": the year right before, and not "11月1日".
        let Some(before) = t[..at].strip_suffix('年') else { continue };
        let Some(from_year) = trailing_year(before) else { continue };
        let mut rest = &t[from..];
        rest = rest.strip_prefix('起').unwrap_or(rest);
        let Some(r) = ["至", "到", "-", "—", "~", "～"].iter().find_map(|sep| rest.strip_prefix(sep)) else {
            continue;
        };
        let (to_year, r) = match leading_year(r) {
            Some((y, r)) => (Some(y), r),
            None => (None, r),
        };
        if !r.starts_with("12月31日") {
            continue;
        }
        let stop = t.len() - r.len() + "12月31日".len();
        let start_c = before.len() - 4;
        return Some(Period { from_year, to_year, start: c.pos[start_c], end: c.end_of(norm, stop) });
    }
    None
}

/// "…2023" → 2023 (exactly four digits).
fn trailing_year(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() < 4 || !b[b.len() - 4..].iter().all(u8::is_ascii_digit) || b.len() > 4 && b[b.len() - 5].is_ascii_digit()
    {
        return None;
    }
    s[s.len() - 4..].parse().ok()
}

/// "2023年…" → (2023, "…").
fn leading_year(s: &str) -> Option<(i32, &str)> {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let rest = s[4..].strip_prefix('年')?;
    Some((s[..4].parse().ok()?, rest))
}

/// A year written with more than four digits ("202020年"): normalized range of the digits.
/// Copy damage that lost 年/月/日 ("2025111231日") is not followed by 年 and is not one.
pub fn impossible_years(norm: &str) -> Vec<(usize, usize)> {
    let b = norm.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let run = &norm[start..i];
        let before_ok = start == 0 || !matches!(b[start - 1], b'.' | b',' | b'-' | b'/');
        let year_like = run.get(..4).and_then(|y| y.parse::<i32>().ok()).is_some_and(|y| (2000..=2100).contains(&y));
        if (5..=6).contains(&run.len()) && before_ok && year_like && norm[i..].starts_with('年') {
            out.push((start, i));
        }
    }
    out
}

/// The years the narrative reports work in: a sentence that opens with "2023年，", "2023年以来",
/// "2023年度，" or "2023年全年". Normalized range of each year.
pub fn narrative_years(norm: &str, from: usize, to: usize) -> Vec<(i32, usize, usize)> {
    let text = &norm[from..to];
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (i, _) in text.match_indices('年') {
        if i < 4 || !b[i - 4..i].iter().all(u8::is_ascii_digit) || i > 4 && b[i - 5].is_ascii_digit() {
            continue;
        }
        let opens = text[..i - 4].trim_end_matches([' ', '\t']);
        let at_sentence_start = opens.is_empty() || opens.ends_with(['。', '\n', ')', '】', ':', '；', ';']);
        let rest = text[i + '年'.len_utf8()..].trim_start_matches('度');
        let of_work = rest.starts_with([',', '，']) || rest.starts_with("以来") || rest.starts_with("全年");
        if at_sentence_start && of_work {
            if let Ok(y) = text[i - 4..i].parse() {
                out.push((y, from + i - 4, from + i + '年'.len_utf8()));
            }
        }
    }
    out
}

/// The citations of the format notice: "国办公开办函〔2021〕30号" and the misspelled or
/// superseded ones. Normalized range, issuer as written, year and number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeCitation {
    pub issuer: String,
    pub year: i32,
    pub number: u32,
    pub start: usize,
    pub end: usize,
    /// The sentence around it names the format (格式).
    pub about_format: bool,
}

/// Issuer prefixes a format-notice citation is written with. Only 国办公开办函 exists; the others
/// are misspellings seen in real reports.
pub const NOTICE_ISSUERS: [&str; 3] = ["国办公开办函", "国办政务公开办函", "国办公开函"];

/// How far either side of a citation its sentence is looked for.
const SENTENCE_WINDOW: usize = 600;

pub fn notice_citations(norm: &str) -> Vec<NoticeCitation> {
    let mut out = Vec::new();
    for issuer in NOTICE_ISSUERS {
        for (at, _) in norm.match_indices(issuer) {
            let after = &norm[at + issuer.len()..];
            let Some((year, number, len)) = doc_number(after) else { continue };
            let end = at + issuer.len() + len;
            // The sentence around it, looked for within a bounded window (linear in the text).
            let window_start = floor_char(norm, at.saturating_sub(SENTENCE_WINDOW));
            let window_end = floor_char(norm, norm.len().min(end + SENTENCE_WINDOW));
            let sentence_start = match norm[window_start..at].char_indices().rfind(|&(_, c)| c == '。' || c == '\n') {
                Some((i, c)) => window_start + i + c.len_utf8(),
                None => window_start,
            };
            let sentence_end = norm[end..window_end].find(['。', '\n']).map_or(window_end, |i| end + i);
            let sentence = &norm[sentence_start..sentence_end];
            let about_format = sentence.contains("格式");
            out.push(NoticeCitation { issuer: issuer.to_string(), year, number, start: at, end, about_format });
        }
    }
    out.sort_by_key(|c| c.start);
    out
}

/// "〔2021〕30号" (any bracket, spaces allowed) → (2021, 30, bytes read).
fn take_digits(chars: &mut std::iter::Peekable<impl Iterator<Item = (usize, char)>>) -> String {
    let mut digits = String::new();
    while let Some((_, c)) = chars.next_if(|(_, c)| c.is_ascii_digit()) {
        digits.push(c);
    }
    digits
}

fn doc_number(s: &str) -> Option<(i32, u32, usize)> {
    let mut chars = s.char_indices().filter(|(_, c)| *c != ' ').peekable();
    let (_, open) = chars.next()?;
    if !"〔[【(〖".contains(open) {
        return None;
    }
    let year = take_digits(&mut chars);
    let (_, close) = chars.next()?;
    if year.len() != 4 || !"〕]】)〗".contains(close) {
        return None;
    }
    let number = take_digits(&mut chars);
    let (i, hao) = chars.next()?;
    if hao != '号' || number.is_empty() || number.len() > 4 {
        return None;
    }
    Some((year.parse().ok()?, number.parse().ok()?, i + hao.len_utf8()))
}

/// The report as the text announces it: "现向社会公布沭阳县发展和改革局2023年度政府信息公开年度报告",
/// "现发布《…年度报告》". Normalized range and the body it names.
pub fn announced_body(norm: &str) -> Option<(String, usize, usize)> {
    const VERBS: [&str; 7] = ["向社会公布", "现予公布", "现予发布", "现发布", "现公布", "现将", "特发布"];
    let end = floor_char(norm, norm.len().min(PERIOD_WINDOW));
    let head = &norm[..end];
    let mut hits: Vec<(usize, &str)> = VERBS.iter().flat_map(|v| head.match_indices(*v)).collect();
    hits.sort_unstable();
    for (at, verb) in hits {
        let from = at + verb.len();
        let c = Compact::new(norm, from, floor_char(norm, norm.len().min(from + 240)));
        let found = ["年度报告", "年报"].iter().filter_map(|m| c.text.find(m).map(|i| (i, m.len()))).min();
        let Some((stop, marker)) = found else { continue };
        let named = &c.text[..stop];
        if named.chars().count() > 60 || !(named.contains("信息公开") || named.contains("政务公开")) {
            continue;
        }
        let named = named.trim_start_matches("《");
        let Some(body) = announced_title_body(named) else { continue };
        return Some((body, at, c.end_of(norm, stop + marker)));
    }
    None
}

/// "沭阳县发展和改革局2023年度政府信息公开" → the body, only when the words are a report's
/// title: a body of plain characters, the year, then the disclosure work.
fn announced_title_body(named: &str) -> Option<String> {
    let b = named.as_bytes();
    let year_at = (0..b.len().saturating_sub(3)).find(|&i| b[i..i + 4].iter().all(u8::is_ascii_digit))?;
    let body = &named[..year_at];
    let rest = named[year_at + 4..].strip_prefix('年')?;
    let rest = rest.strip_prefix('度').unwrap_or(rest);
    let plain =
        !body.is_empty() && body.chars().count() <= 30 && body.chars().all(|c| c.is_alphabetic() && !c.is_ascii());
    (plain && (rest.starts_with("政府信息公开") || rest.starts_with("政务公开"))).then(|| body.to_string())
}

/// Whether two names of a reporting body clearly name different bodies: the shorter shares
/// less than half of its distinctive characters (place names, 科, 交通 …) with the longer.
/// Abbreviations ("洪泽区" for "淮安市洪泽区人民政府", "市科委" for "上海市科学技术委员会")
/// share them all.
pub fn bodies_differ(a: &str, b: &str) -> bool {
    const GENERIC: &str =
        "省市县区州盟旗镇乡街道办事处人民政府办公室厅局委员会管理中心本机关单位部门我政务信息公开工作的年度";
    let distinct = |s: &str| -> Vec<char> {
        let mut v: Vec<char> = s.chars().filter(|c| !GENERIC.contains(*c) && !c.is_ascii()).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (da, db) = (distinct(a), distinct(b));
    if da.is_empty() || db.is_empty() {
        return false;
    }
    let (short, long) = if da.len() <= db.len() { (&da, &db) } else { (&db, &da) };
    let shared = short.iter().filter(|c| long.contains(c)).count();
    2 * shared < short.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_on_two_lines() {
        let t = "临江新区2024年\n政府信息公开工作年度报告\n\n一、总体情况\n";
        let title = find_title(t, t.find("一、"));
        assert_eq!(title.year, Some(2024));
        assert_eq!(title.body.as_deref(), Some("临江新区"));
    }

    #[test]
    fn title_with_spaces_and_label() {
        let t = "解放区工业和信息化局 2024 年政府信息公开工作年度报告\n";
        let title = find_title(t, None);
        assert_eq!(title.year, Some(2024));
        assert_eq!(title.body.as_deref(), Some("解放区工业和信息化局"));
        let t = "正文\n2025 年上海市人民政府办公厅政府信息公开\n工作年度报告\n";
        assert_eq!(find_title(t, None).body.as_deref(), Some("上海市人民政府办公厅"));
        let t = "洪泽区人民政府\n2023 年政府信息公开工作年度报告\n";
        assert_eq!(find_title(t, None).body.as_deref(), Some("洪泽区人民政府"));
        let t = "标题: 平潭综合实验区2024年度政府信息公开工作年度报告\n";
        assert_eq!(find_title(t, None).body.as_deref(), Some("平潭综合实验区"));
    }

    #[test]
    fn body_kinds() {
        assert_eq!(body_kind("云岭镇人民政府"), BodyKind::Town);
        assert_eq!(body_kind("青禾县自然资源局"), BodyKind::Department);
        assert_eq!(body_kind("赣州经开区党群工作部"), BodyKind::Department);
        assert_eq!(body_kind("南京市人民政府"), BodyKind::Other);
        assert_eq!(body_kind("交通运输部"), BodyKind::Other);
    }
}

#[cfg(test)]
mod structure_tests {
    use super::*;

    #[test]
    fn periods_as_reports_write_them() {
        let cases = [
            ("本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。", 2019, Some(2019)),
            ("统计时限为2022年1月1日至2022年12月31日。", 2022, Some(2022)),
            ("统计期限从2019年1月1日到12月31日止。", 2019, None),
            ("统计周期\n为 2024 年 1 月 1 日至 12 月 31 日。", 2024, None),
            ("统计期限为2023年1月1日至2024年12月31日", 2023, Some(2024)),
        ];
        for (t, from, to) in cases {
            let p = find_period(t).unwrap_or_else(|| panic!("no period in {t}"));
            assert_eq!((p.from_year, p.to_year), (from, to), "{t}");
            let stated: String = t[p.start..p.end].chars().filter(|c| !c.is_whitespace()).collect();
            assert!(stated.starts_with(&from.to_string()) && stated.ends_with("12月31日"), "{stated}");
        }
        assert_eq!(find_period("截至2024年11月1日，共…12月31日"), None);
    }

    #[test]
    fn impossible_years_but_not_copy_damage() {
        let t = "202020年，我局……统计期限为2025111231日。共2024年";
        let found: Vec<&str> = impossible_years(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(found, ["202020"]);
        assert!(impossible_years("总计00000000002024年 共12024年").is_empty());
    }

    #[test]
    fn narrative_years_open_sentences() {
        let t = "2022年，我局做了……。截至2023年12月31日，共……。2022年以来，……\n2024年工作要点";
        let ys: Vec<i32> = narrative_years(t, 0, t.len()).iter().map(|y| y.0).collect();
        assert_eq!(ys, [2022, 2022]);
    }

    #[test]
    fn notice_citations_read_any_bracket() {
        let t = "根据国办公开办函〔2019〕60号和《年度报告格式》(国办政务公开办函[2021]30号)编制";
        let c = notice_citations(t);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].year, c[0].number, c[0].issuer.as_str()), (2019, 60, "国办公开办函"));
        assert_eq!((c[1].year, c[1].number, c[1].issuer.as_str()), (2021, 30, "国办政务公开办函"));
        assert_eq!(&t[c[1].start..c[1].end], "国办政务公开办函[2021]30号");
    }

    #[test]
    fn announced_bodies_and_abbreviations() {
        let t = "要求，现向社会公布沭阳县发展和改革局2023年度政府信息公开年度报告。";
        let (body, s, e) = announced_body(t).unwrap();
        assert_eq!(body, "沭阳县发展和改革局");
        assert!(t[s..e].ends_with("年度报告"));
        assert!(!bodies_differ("淮安市洪泽区人民政府", "洪泽区"));
        assert!(!bodies_differ("上海市科学技术委员会", "市科委"));
        assert!(!bodies_differ("区政府办", "洪泽区人民政府办公室"));
        assert!(bodies_differ("青禾县自然资源局", "青禾县交通运输局"));
        assert!(bodies_differ("临江新区", "云岭镇人民政府"));
    }
}
