//! Years: the year a text is about, the reporting period it states, impossible years and the
//! years its narrative reports work in.

use super::{PERIOD_WINDOW, TITLE_WINDOW};
use crate::normalize::Compact;
use crate::text::floor_char;

/// The first plausible "YYYY年" in `s`.
pub(super) fn year_in(s: &str) -> Option<i32> {
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

/// Where the first run of four ASCII digits in `s` starts.
pub(super) fn four_digits_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find(|&i| b[i..i + 4].iter().all(u8::is_ascii_digit))
}

/// "统计期限为2024年1月1日至2024年12月31日", or failing that the first year in the text.
pub(super) fn period_year(norm: &str) -> Option<i32> {
    let head = &norm[..floor_char(norm, norm.len().min(TITLE_WINDOW * 4))];
    if let Some(i) = crate::text::find(head, "1月1日") {
        let before = &head[..i];
        let s = floor_char(before, before.len().saturating_sub(8));
        if let Some(y) = year_in(&before[s..]) {
            return Some(y);
        }
    }
    year_in(head)
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

pub fn find_period(norm: &str) -> Option<Period> {
    let end = floor_char(norm, norm.len().min(PERIOD_WINDOW));
    // A statement is read around the 月 of its "1月1日": compacting only the few characters it
    // can take on either side, rather than the whole head, finds the same statements.
    for m in crate::text::positions(&norm[..end], "月") {
        let c = Compact::new(norm, kept_back(norm, m, PERIOD_BEFORE), kept_forward(norm, m, PERIOD_AFTER, end));
        if let Some(p) = period_at(norm, &c, m) {
            return Some(p);
        }
    }
    None
}

/// Characters a statement takes before the 月 of its "1月1日" ("2023年1", and one more to see
/// that the year is not longer), and after it ("1日起至2023年12月31日"), white space not counted.
const PERIOD_BEFORE: usize = 8;
const PERIOD_AFTER: usize = 24;

/// Where the `n`th character before `at` that a [`Compact`] keeps starts (or the text's start).
fn kept_back(norm: &str, at: usize, n: usize) -> usize {
    let mut kept = 0;
    for (i, c) in norm[..at].char_indices().rev() {
        if !(c.is_whitespace() || c == '|') {
            kept += 1;
            if kept == n {
                return i;
            }
        }
    }
    0
}

/// Where the `n`th character from `at` on that a [`Compact`] keeps ends (at most `end`).
fn kept_forward(norm: &str, at: usize, n: usize, end: usize) -> usize {
    let mut kept = 0;
    for (i, c) in norm[at..end].char_indices() {
        if !(c.is_whitespace() || c == '|') {
            kept += 1;
            if kept == n {
                return at + i + c.len_utf8();
            }
        }
    }
    end
}

/// The statement whose "1月1日" has its 月 at normalized offset `month`, read in `c`.
fn period_at(norm: &str, c: &Compact, month: usize) -> Option<Period> {
    let t = c.text.as_str();
    let mut from = 0;
    while let Some(k) = crate::text::find(&t[from..], "1月1日") {
        let at = from + k;
        from = at + "1月1日".len();
        if c.pos(at + 1) != month {
            continue;
        }
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
        return Some(Period { from_year, to_year, start: c.pos(start_c), end: c.end_of(norm, stop) });
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
/// Copy damage that lost 年/月/日 ("2025111231日") is not followed by 年 and is not one. Found
/// from each 年 back (a character search), not by reading every digit run of the text.
pub fn impossible_years(norm: &str) -> Vec<(usize, usize)> {
    let b = norm.as_bytes();
    let mut out = Vec::new();
    for end in crate::text::positions(norm, "年") {
        let digits = b[..end].iter().rev().take_while(|d| d.is_ascii_digit()).count();
        if !(5..=6).contains(&digits) {
            continue;
        }
        let start = end - digits;
        let run = &norm[start..end];
        let before_ok = start == 0 || !matches!(b[start - 1], b'.' | b',' | b'-' | b'/');
        let year_like = run.get(..4).and_then(|y| y.parse::<i32>().ok()).is_some_and(|y| (2000..=2100).contains(&y));
        if before_ok && year_like {
            out.push((start, end));
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
    for i in crate::text::positions(text, "年") {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_as_reports_write_them() {
        let cases = [
            ("本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。", 2019, Some(2019)),
            ("统计时限为2022年1月1日至2022年12月31日。", 2022, Some(2022)),
            ("统计期限从2019年1月1日到12月31日止。", 2019, None),
            ("统计周期\n为 2024 年 1 月 1 日至 12 月 31 日。", 2024, None),
            ("统计期限为2023年1月1日至2024年12月31日", 2023, Some(2024)),
            // White space, however long, is not counted in the stretch read around 月.
            ("统计期限为2 0 2 3    年\n\n\n\n1\t月1日 |  至\n\n      2023年  1 2   月 3 1 日", 2023, Some(2023)),
            ("12月1日起施行。统计期限为2023年1月1日至2023年12月31日", 2023, Some(2023)),
        ];
        for (t, from, to) in cases {
            let p = find_period(t).unwrap_or_else(|| panic!("no period in {t}"));
            assert_eq!((p.from_year, p.to_year), (from, to), "{t}");
            let stated = crate::text::without_whitespace(&t[p.start..p.end]);
            assert!(stated.starts_with(&from.to_string()) && stated.ends_with("12月31日"), "{stated}");
        }
        assert_eq!(find_period("截至2024年11月1日，共…12月31日"), None);
        assert_eq!(find_period("统计期限为12023年1月1日至2023年12月31日"), None);
    }

    #[test]
    fn impossible_years_but_not_copy_damage() {
        let t = "202020年，我局……统计期限为2025111231日。共2024年";
        let found: Vec<&str> = impossible_years(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(found, ["202020"]);
        assert!(impossible_years("总计00000000002024年 共12024年").is_empty());
    }

    /// The digit-run reading [`impossible_years`] replaced, to compare with.
    fn impossible_years_by_runs(norm: &str) -> Vec<(usize, usize)> {
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
            let year_like =
                run.get(..4).and_then(|y| y.parse::<i32>().ok()).is_some_and(|y| (2000..=2100).contains(&y));
            if (5..=6).contains(&run.len()) && before_ok && year_like && norm[i..].starts_with('年') {
                out.push((start, i));
            }
        }
        out
    }

    #[test]
    fn impossible_years_from_each_year_char_as_from_each_digit_run() {
        let alphabet = ['2', '0', '1', '9', '年', '.', '-', '/', ',', '月', 'a'];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..50_000 {
            crate::text::xorshift(&mut seed);
            let mut r = seed;
            let t: String = (0..seed % 20)
                .map(|_| {
                    r = r.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    alphabet[(r >> 33) as usize % alphabet.len()]
                })
                .collect();
            assert_eq!(impossible_years(&t), impossible_years_by_runs(&t), "{t}");
        }
        let t = "202020年，2021年 -202121年 00202020年 2020201年 210099年 2000001年";
        assert_eq!(impossible_years(t), impossible_years_by_runs(t));
        assert_eq!(impossible_years(t).len(), 2, "202020 and 210099");
    }

    #[test]
    fn narrative_years_open_sentences() {
        let t = "2022年，我局做了……。截至2023年12月31日，共……。2022年以来，……\n2024年工作要点";
        let ys: Vec<i32> = narrative_years(t, 0, t.len()).iter().map(|y| y.0).collect();
        assert_eq!(ys, [2022, 2022]);
    }
}
