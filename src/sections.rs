//! Sections: find the headings 一 … 六 (with the title variants real reports use) and the
//! stretch of text each one covers.

use crate::template::SECTIONS;
use crate::text::{self, numeral_value};
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub number: u8,
    /// The heading as written (normalized).
    pub title: String,
    /// Normalized offsets: the heading, and the whole section up to the next heading.
    pub start: usize,
    pub heading_end: usize,
    pub end: usize,
}

impl Section {
    /// A heading with next to nothing under it before the next heading: a table of contents line.
    pub fn is_contents_line(&self, norm: &str) -> bool {
        // Ten characters are enough to tell: the rest of a long section is not counted.
        norm.get(self.heading_end..self.end).unwrap_or("").chars().filter(|c| !c.is_whitespace()).take(10).count() < 10
    }
}

/// Where a second report starts in a paste of two or more (normalized offset): the headings
/// start over (一 or 二 again after 四 or later, with two more headings after it in order). The
/// second report starts at its title line when one comes just before the heading.
pub fn second_report(norm: &str, sections: &[Section]) -> Option<usize> {
    let body: Vec<&Section> = sections.iter().filter(|s| !s.is_contents_line(norm)).collect();
    let mut furthest = 0;
    for (k, s) in body.iter().enumerate() {
        let again = s.number <= 2 && furthest >= 4;
        if again && body[k + 1..].iter().take(5).filter(|x| x.number > s.number).count() >= 2 {
            let from = body[k - 1].heading_end;
            let mut cut = s.start;
            let mut at = from;
            // The line before a title line, when short ("临江新区2024年" over "政府信息公开工作年度报告").
            let mut before: Option<usize> = None;
            for line in crate::text::lines_inclusive(norm.get(from..s.start).unwrap_or("")) {
                let compact = crate::text::without_whitespace(line);
                let start = at + (line.len() - line.trim_start().len());
                if crate::meta::title::looks_like_title(&compact) {
                    let broken = compact.starts_with("政府信息公开") || compact.starts_with("政务公开");
                    cut = before.filter(|_| broken).unwrap_or(start);
                }
                if !compact.is_empty() {
                    let short = compact.chars().count() <= 20 && !crate::text::has_char(&compact, '。');
                    before = short.then_some(start);
                }
                at += line.len();
            }
            return Some(cut);
        }
        furthest = furthest.max(s.number);
    }
    None
}

/// Longest heading we read as a title.
const MAX_TITLE_CHARS: usize = 40;
/// How far after `X、` a heading's identifying word may start.
const KEYWORD_WINDOW_CHARS: usize = 20;

/// Phrases that name a section whatever number it was given.
const RENUMBERED_TITLES: [(u8, &str); 5] = [
    (2, "主动公开政府信息情况"),
    (3, "收到和处理政府信息公开申请"),
    (4, "行政复议、行政诉讼"),
    (5, "存在的主要问题"),
    (6, "其他需要报告的事项"),
];

/// Finds the section headings in text order. Linear in the text.
pub fn find_sections(norm: &str) -> Vec<Section> {
    let mut found: Vec<Section> = Vec::new();
    // Every 、 with the character before it (a search for 、, not a walk over every character:
    // for its lead byte E3, which in a report only CJK punctuation has, where `str::find` looks
    // for its last byte, one of the 64 values every continuation byte takes).
    let mut from = 0;
    while let Some(k) = text::find_lead_first(&norm[from..], "、") {
        let i = from + k;
        if let Some(numeral) = norm[..i].chars().next_back() {
            if let Some(s) = heading_at(norm, i - numeral.len_utf8(), numeral, i + '、'.len_utf8()) {
                found.push(s);
            }
        }
        from = i + '、'.len_utf8();
    }
    for k in 0..found.len() {
        found[k].end = found.get(k + 1).map_or(norm.len(), |n| n.start);
        // A title that runs into the next heading ("二、二、主动公开…") ends where that heading
        // starts, so no section's heading reaches past its own end.
        if found[k].heading_end > found[k].end {
            let title = norm[found[k].start..found[k].end].trim_end().to_string();
            found[k].heading_end = found[k].start + title.len();
            found[k].title = title;
        }
    }
    found
}

/// The first [`KEYWORD_WINDOW_CHARS`] characters of `rest` that are not white space, run
/// together: the stretch that holds them, without its white space (borrowed when it has none
/// inside), rather than a string built a character at a time for each 、 of the text.
fn keyword_window(rest: &str) -> Cow<'_, str> {
    let (mut i, mut kept) = (0, 0);
    while i < rest.len() && kept < KEYWORD_WINDOW_CHARS {
        match text::space_len_at(rest, i) {
            0 => {
                i += text::utf8_len(rest.as_bytes()[i]);
                kept += 1;
            }
            n => i += n,
        }
    }
    text::without_whitespace(&rest[..i])
}

fn heading_at(norm: &str, start: usize, numeral: char, after: usize) -> Option<Section> {
    let (number, words) = section_numbered(numeral)?;
    // "第三、", "(三、" and a quoted title ("第1部分「一、总体情况」") are not headings.
    if norm[..start].chars().next_back().is_some_and(|c| crate::text::has_char("第(「『“《\"'", c)) {
        return None;
    }
    let window = keyword_window(&norm[after..]);
    // Table rows that look like headings: 一、本年新收…, 二、上年结转…, 三、本年度办理结果, 四、结转下年度….
    if window.starts_with("本年") || window.starts_with("上年") || window.starts_with("结转") {
        return None;
    }
    let own = words.iter().filter_map(|w| text::find(&window, w).map(|at| at + w.len())).min();
    // A section numbered wrongly ("一、主动公开政府信息情况" after a promoted sub-part) is still
    // the section its title names, when the title names one unmistakably.
    let (number, hit) = match own {
        Some(hit) => (number, hit),
        None => RENUMBERED_TITLES
            .iter()
            .find_map(|&(n, phrase)| text::find(&window, phrase).map(|at| (n, at + phrase.len())))?,
    };
    // The title runs to the end of the line, or in run-together text, to the end of the
    // identifying phrase and what plainly belongs to it.
    let mut end = after;
    let mut kept = 0;
    for (chars, (i, c)) in norm[after..].char_indices().enumerate() {
        if c == '\n' || chars >= MAX_TITLE_CHARS {
            break;
        }
        if !c.is_whitespace() {
            kept += c.len_utf8();
        }
        let past_keyword = kept >= hit;
        if past_keyword && (c.is_ascii_digit() || c == '(' || c == '。' || c == ' ' || c == '\t' || c == ':') {
            break;
        }
        end = after + i + c.len_utf8();
    }
    let title = norm[start..end].trim().to_string();
    // Stop a run-together title at the official title's end ("二、主动公开政府信息情况第二十条…").
    let title = cut_at_official(&title);
    Some(Section { number, heading_end: start + title.len(), title, start, end: norm.len() })
}

fn cut_at_official(title: &str) -> String {
    let cut = ["情况", "事项", "措施"].iter().filter_map(|e| text::find(title, e).map(|i| i + e.len())).min();
    match cut {
        Some(i) => title[..i].to_string(),
        None => title.to_string(),
    }
}

/// The numeral a heading was written with ("一、主动公开…" → 1), which may differ from the
/// section it was read as.
pub fn written_number(section: &Section) -> Option<u8> {
    section_numbered(section.title.chars().next()?).map(|(number, _)| number)
}

/// The section a numeral numbers ('三' → 3) and the words that identify it; None for 七 … 十.
fn section_numbered(numeral: char) -> Option<(u8, &'static [&'static str])> {
    let n = numeral_value(numeral)?;
    SECTIONS.iter().find(|s| s.0 == n).map(|s| (s.0, s.3))
}

/// The title without its numbering, for comparing with the official one.
pub fn bare_title(title: &str) -> Cow<'_, str> {
    match crate::text::without_whitespace(title) {
        Cow::Borrowed(t) => Cow::Borrowed(t.split_once('、').map_or(t, |(_, rest)| rest)),
        Cow::Owned(t) => match t.split_once('、') {
            Some((_, rest)) => Cow::Owned(rest.to_string()),
            None => Cow::Owned(t),
        },
    }
}

/// Whether a heading's title was read to its end: on a line of its own, or ending the way
/// official titles end (in run-together text the rest of the line is body text).
pub fn title_is_whole(norm: &str, section: &Section) -> bool {
    let after = norm[section.heading_end..].chars().find(|c| *c != ' ' && *c != '\t');
    matches!(after, None | Some('\n')) || ["情况", "事项", "措施"].iter().any(|e| section.title.ends_with(e))
}

/// A short line of its own numbered like a section ("二、工作机制保障") that is not one of the
/// sections (`sections` in text order): normalized start and end of the line's text, at most `limit`.
pub fn numbered_lines(norm: &str, from: usize, to: usize, sections: &[Section], limit: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = from;
    for line in crate::text::lines_inclusive(&norm[from..to]) {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches('\n');
        let lead = body.len() - body.trim_start_matches([' ', '\t', '#', '*']).len();
        let text = body[lead..].trim_end();
        let mut chars = text.chars();
        let numbered = chars.next().and_then(numeral_value).is_some() && chars.next() == Some('、');
        if !numbered {
            continue;
        }
        let title_like = text.chars().count() <= 30 && !text.contains(['。', ',', '，', ';', '；']);
        if !numbered || !title_like || text.chars().count() < 4 {
            continue;
        }
        let s = start + lead;
        if sections.binary_search_by_key(&s, |sec| sec.start).is_ok() {
            continue;
        }
        out.push((s, s + text.len()));
        if out.len() == limit {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_window_is_the_first_characters_not_white_space() {
        let plain =
            |rest: &str| -> String { rest.chars().filter(|c| !c.is_whitespace()).take(KEYWORD_WINDOW_CHARS).collect() };
        // Every place after a 、 of the fixtures and the corpus, normalized.
        let mut places = 0;
        for norm in crate::normalize::sample_texts() {
            for (at, _) in norm.match_indices('、') {
                let rest = &norm[at + '、'.len_utf8()..];
                assert_eq!(keyword_window(rest), plain(rest), "{rest:?}");
                places += 1;
            }
        }
        // The fixtures alone have some 300 (the corpus beside them some 1 500 more).
        assert!(places > 200, "{places} places read");
        // Generated: every kind of white space (one to four bytes, wide and narrow) and characters
        // of every length, in runs shorter and longer than the window.
        let pieces = [
            "总", "体", "a", "7", "é", "😀", " ", "\t", "\n", "\r\n", "\u{3000}", "\u{a0}", "\u{85}", "\u{2003}",
            "\u{1680}", "\u{1c}", "\u{200b}",
        ];
        let mut seed = 11u64;
        for _ in 0..4_000 {
            let r = crate::text::xorshift(&mut seed);
            let rest: String =
                (0..r % 40).map(|k| pieces[((r >> (k % 50)) as usize + k as usize * 7) % pieces.len()]).collect();
            assert_eq!(keyword_window(&rest), plain(&rest), "{rest:?}");
        }
    }

    #[test]
    fn finds_headings_on_lines_and_in_run_together_text() {
        let t = "标题\n一、总体情况\n…\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n三、本年度办理结果\n四、结转下年度继续办理\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n无。";
        let s = find_sections(t);
        let nums: Vec<u8> = s.iter().map(|s| s.number).collect();
        assert_eq!(nums, [1, 2, 3, 4, 5, 6]);
        assert_eq!(s[3].title, "四、政府信息公开行政复议、行政诉讼情况");
        let glued = "。二、主动公开政府信息情况第二十条第(一)项…0000000四、政府信息公开行政复议、行政诉讼情况行政复议";
        let s = find_sections(glued);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].title, "二、主动公开政府信息情况");
        assert_eq!(s[1].title, "四、政府信息公开行政复议、行政诉讼情况");
    }

    #[test]
    fn quoted_titles_are_not_headings_and_numbered_lines_are_found() {
        let t = "一、总体情况\n二、工作机制保障\n本局设立政务公开工作协调小组，统筹推进。\n二、主动公开政府信息情况\n见第1部分「一、总体情况」。";
        let s = find_sections(t);
        let nums: Vec<u8> = s.iter().map(|s| s.number).collect();
        assert_eq!(nums, [1, 2]);
        assert_eq!(written_number(&s[1]), Some(2));
        let lines = numbered_lines(t, s[0].heading_end, s[1].start, &s, 10);
        let found: Vec<&str> = lines.iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(found, ["二、工作机制保障"]);
        assert_eq!(bare_title(" 五、 存在的主要问题"), "存在的主要问题");
        assert_eq!(bare_title("五、存在的主要问题\n"), "存在的主要问题");
        assert_eq!(bare_title(" 存在的 主要问题"), "存在的主要问题");
    }

    #[test]
    fn a_title_running_into_the_next_heading_ends_there() {
        let t = "二、 二、主动公开政府信息情况\n规章";
        let s = find_sections(t);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].title, "二、");
        assert_eq!((s[0].heading_end, s[0].end), ("二、".len(), t.find(" 二").unwrap() + 1));
        assert_eq!(s[1].title, "二、主动公开政府信息情况");
        assert!(s.iter().all(|s| s.start <= s.heading_end && s.heading_end <= s.end));
    }
}
