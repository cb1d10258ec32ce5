//! The reporting body: what kind of body it is, the body the text announces the report for, and
//! whether two names of a body name different ones.

use super::years::four_digits_at;
use super::PERIOD_WINDOW;
use crate::normalize::Compact;
use crate::text::{self, floor_char};

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
    if text::contains(body, "人民政府") && !text::contains(body, "办公") && !body.ends_with("部门") {
        return BodyKind::Other;
    }
    let local = ["省", "市", "县", "区", "州", "盟", "旗"].iter().any(|p| text::contains(body, p));
    if ends(&["局", "委员会", "委", "办公室", "办", "中心", "管理处", "所", "站", "队", "厅"])
        || (local && ends(&["部"]))
    {
        return BodyKind::Department;
    }
    BodyKind::Other
}

/// The report as the text announces it: "现向社会公布沭阳县发展和改革局2023年度政府信息公开年度报告",
/// "现发布《…年度报告》". Normalized range and the body it names.
pub fn announced_body(norm: &str) -> Option<(String, usize, usize)> {
    const VERBS: [&str; 7] = ["向社会公布", "现予公布", "现予发布", "现发布", "现公布", "现将", "特发布"];
    let end = floor_char(norm, norm.len().min(PERIOD_WINDOW));
    let head = &norm[..end];
    // One pass over the head's bytes for the second bytes of the verbs' first characters (向 E5
    // 90, 现 E7 8E, 特 E7 89), a word at a time, each checked for its lead. No verb starts inside
    // another or itself: these are the places `match_indices` finds, in order.
    let bytes = head.as_bytes();
    let mut next = 1;
    let hits = std::iter::from_fn(|| {
        while let Some(i) = bytes.get(next..).and_then(|rest| text::find_byte_of(rest, &[0x90, 0x8E, 0x89])) {
            let at = next + i - 1;
            next += i + 1;
            if matches!((bytes[at], bytes[at + 1]), (0xE5, 0x90) | (0xE7, 0x8E | 0x89)) {
                if let Some(v) = VERBS.iter().find(|v| bytes[at..].starts_with(v.as_bytes())) {
                    return Some((at, *v));
                }
            }
        }
        None
    });
    for (at, verb) in hits {
        let from = at + verb.len();
        let c = Compact::new(norm, from, floor_char(norm, norm.len().min(from + 240)));
        let found = ["年度报告", "年报"].iter().filter_map(|m| text::find(&c.text, m).map(|i| (i, m.len()))).min();
        let Some((stop, marker)) = found else { continue };
        let named = &c.text[..stop];
        if named.chars().count() > 60 || !(text::contains(named, "信息公开") || text::contains(named, "政务公开"))
        {
            continue;
        }
        let named = named.trim_start_matches('《');
        let Some(body) = announced_title_body(named) else { continue };
        return Some((body, at, c.end_of(norm, stop + marker)));
    }
    None
}

/// "沭阳县发展和改革局2023年度政府信息公开" → the body, only when the words are a report's
/// title: a body of plain characters, the year, then the disclosure work.
fn announced_title_body(named: &str) -> Option<String> {
    let year_at = four_digits_at(named)?;
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
        let mut v: Vec<char> = Vec::new();
        for c in s.chars() {
            if !text::has_char(GENERIC, c) && !c.is_ascii() {
                v.push(c);
            }
        }
        crate::sort::sort(&mut v);
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

/// `s` with every `suffix` at its end taken off: `s.trim_end_matches(suffix)`, without std's
/// substring searcher (the wasm has none).
fn without_suffix<'a>(mut s: &'a str, suffix: &str) -> &'a str {
    while let Some(rest) = s.strip_suffix(suffix) {
        s = rest;
    }
    s
}

/// Whether `above` names only the county, district or city whose town or department `sub` is:
/// "青禾县" announced for "青禾县云岭镇人民政府" or "青禾县自然资源局". That is another body, not an
/// abbreviation ("洪泽区" for "淮安市洪泽区人民政府" names the district itself). A government's
/// general office (办公室, 办公厅) compiles its government's report and is left alone.
pub fn names_the_level_above(sub: &str, above: &str) -> bool {
    let core = without_suffix(without_suffix(above, "人民政府"), "政府");
    let level = ["县", "区", "市", "旗", "州", "盟"].iter().any(|l| core.ends_with(l));
    if !level || core.chars().count() < 2 {
        return false;
    }
    let Some(at) = text::find(sub, core) else { return false };
    let below = &sub[at + core.len()..];
    let sub_unit = match body_kind(sub) {
        BodyKind::Town => true,
        BodyKind::Department => !text::contains(below, "办公"),
        BodyKind::Other => false,
    };
    sub_unit && !below.is_empty() && !below.starts_with("人民政府") && !below.starts_with("政府")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_kinds() {
        assert_eq!(body_kind("云岭镇人民政府"), BodyKind::Town);
        assert_eq!(body_kind("青禾县自然资源局"), BodyKind::Department);
        assert_eq!(body_kind("赣州经开区党群工作部"), BodyKind::Department);
        assert_eq!(body_kind("南京市人民政府"), BodyKind::Other);
        assert_eq!(body_kind("交通运输部"), BodyKind::Other);
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

    #[test]
    fn a_town_or_department_announced_as_its_county() {
        assert!(names_the_level_above("青禾县云岭镇人民政府", "青禾县"));
        assert!(names_the_level_above("青禾县云岭镇人民政府", "青禾县人民政府"));
        assert!(names_the_level_above("青禾县自然资源局", "青禾县"));
        // The body itself, abbreviated or not.
        assert!(!names_the_level_above("淮安市洪泽区人民政府", "洪泽区"));
        assert!(!names_the_level_above("淮安市洪泽区人民政府", "淮安市洪泽区人民政府"));
        assert!(!names_the_level_above("青禾县云岭镇人民政府", "云岭镇"));
        assert!(!names_the_level_above("青禾县自然资源局", "青禾县自然资源局"));
        // A government's general office reports for its government.
        assert!(!names_the_level_above("洪泽区人民政府办公室", "洪泽区"));
    }
}
