//! The title ("XX2024年政府信息公开工作年度报告") and the year and body it names.

use super::years::{four_digits_at, period_year, year_in};
use super::TITLE_WINDOW;
use crate::text::{self, floor_char};
use std::borrow::Cow;

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
        let mut compact = crate::text::without_whitespace(line);
        // A web page's breadcrumb or menu names the column, not the report.
        if is_site_chrome(&compact) {
            continue;
        }
        // "…政府信息公开" / "工作年度报告": a title broken over two lines.
        if !text::contains(&compact, "年度报告") {
            if let Some(&(_, next)) = all.get(k + 1) {
                let next = crate::text::without_whitespace(next);
                if next.chars().count() <= 12 && text::contains(&next, "年度报告") {
                    compact = Cow::Owned(compact.into_owned() + &next);
                }
            }
        }
        // The title names the disclosure work before the report ("本年度报告根据…信息公开条例" does not).
        let named_in_order = text::find(&compact, "信息公开")
            .is_some_and(|i| text::contains(&compact[i..], "年度报告") || text::contains(&compact[i..], "年报"));
        if !named_in_order {
            continue;
        }
        if !looks_like_title(&compact) {
            continue;
        }
        let mut start = ls + (line.len() - line.trim_start().len());
        let mut text: String = compact.to_string();
        // "临江新区2024年" / "政府信息公开工作年度报告" on two lines.
        if compact.starts_with("政府信息公开") || compact.starts_with("政务公开") || body_in(&compact).is_none()
        {
            if let Some((ps, prev)) = lines(&head[..ls]).filter(|(_, l)| !l.trim().is_empty()).last() {
                let p = crate::text::without_whitespace(prev);
                if p.chars().count() <= 40 {
                    text = p.into_owned() + &text;
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
    if title.text.is_none() {
        announced(head, &mut title);
    }
    if title.year.is_none() {
        title.year = period_year(norm);
    }
    title
}

/// A line (without white space) that reads as a report's title: short, no sentence, naming the
/// disclosure work and the annual report.
pub fn looks_like_title(compact: &str) -> bool {
    compact.chars().count() <= 60
        && !crate::text::has_char(compact, '。')
        && !compact.starts_with('#')
        && (text::contains(compact, "年度报告") || text::contains(compact, "年报"))
        && text::contains(compact, "信息公开")
        && !is_site_chrome(compact)
}

/// A line of a web page's frame: a breadcrumb ("首页 > 政务公开 > …", "当前位置：…"), a menu
/// ("首页 | 政务公开 | …") or a page marker ("Page8-…").
fn is_site_chrome(compact: &str) -> bool {
    let position = ["当前位置", "您的位置", "您当前的位置", "您现在的位置", "当前的位置"];
    if position.iter().any(|p| compact.starts_with(p)) {
        return true;
    }
    if compact.strip_prefix("Page").is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit())) {
        return true;
    }
    text::contains(compact, "首页") && compact.contains(['>', '＞', '›', '»', '|', '｜'])
}

/// No title line: the one an announcement names ("现发布《临江新区2024年政府信息公开工作年度
/// 报告》").
fn announced(head: &str, title: &mut Title) {
    let Some(at) = crate::text::find(head, "发布《") else { return };
    let start = at + "发布《".len();
    let Some(len) = head[start..].find('》') else { return };
    let inner = crate::text::without_whitespace(&head[start..start + len]);
    if !text::contains(&inner, "信息公开") || !(text::contains(&inner, "年度报告") || text::contains(&inner, "年报"))
    {
        return;
    }
    title.start = start;
    title.end = start + len;
    title.year = year_in(&inner);
    title.body = body_in(&inner);
    title.text = Some(inner.into_owned());
}

/// The year written in the title itself (not the fallback [`Title::year`] takes from the text).
pub fn title_year(title: &Title) -> Option<i32> {
    title.text.as_deref().and_then(year_in)
}

fn lines(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    crate::text::lines_inclusive(s).map(move |l| {
        let start = at;
        at += l.len();
        (start, l.trim_end_matches('\n'))
    })
}

fn body_in(title: &str) -> Option<String> {
    let year_at = four_digits_at(title);
    let disclosure_at = text::find(title, "政府信息公开").or_else(|| text::find(title, "政务公开"));
    let clean = |s: &str| {
        let s = s.trim_matches(|c: char| c.is_whitespace() || crate::text::has_char("《》“”\"", c));
        (!s.is_empty() && s.chars().count() <= 40).then(|| s.to_string())
    };
    match (year_at, disclosure_at) {
        // "临江新区2024年政府信息公开…"
        (Some(y), _) if y > 0 => clean(&title[..y]),
        // "2025年上海市人民政府办公厅政府信息公开…"
        (Some(y), Some(d)) if d > y => {
            let after = title[y + 4..].trim_start_matches('年').trim_start_matches('度');
            clean(&after[..text::find(after, "政府信息公开").or_else(|| text::find(after, "政务公开")).unwrap_or(0)])
        }
        (None, Some(d)) => clean(&title[..d]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_chrome_is_not_the_title() {
        let t = "首页 > 政务公开 > 政府信息公开年报\n当前位置：首页 > 年报\n临江新区2024年政府信息公开工作年度报告\n";
        let title = find_title(t, None);
        assert_eq!(title.body.as_deref(), Some("临江新区"));
        assert_eq!(title.text.as_deref(), Some("临江新区2024年政府信息公开工作年度报告"));
        let t = "首页 | 政务公开 | 政府信息公开年报 | 互动交流\nPage8-政府信息公开年报\n";
        assert_eq!(find_title(t, None).text, None);
        // No title line: the announcement names it; a breadcrumb alone gives no body.
        let t = "首页 > 政府信息公开年报\n现发布《临江新区2024年政府信息公开工作年度报告》，全文如下。\n";
        let title = find_title(t, None);
        assert_eq!((title.body.as_deref(), title.year), (Some("临江新区"), Some(2024)));
        // A real title that merely mentions the home page is kept.
        let t = "临江新区2024年政府信息公开工作年度报告\n";
        assert!(!is_site_chrome("临江新区2024年政府信息公开工作年度报告"));
        assert_eq!(find_title(t, None).body.as_deref(), Some("临江新区"));
    }

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
}
