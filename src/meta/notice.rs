//! Citations of the format notice ("国办公开办函〔2021〕30号") and the document numbers they carry.

use crate::text::floor_char;

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

/// What every one of [`NOTICE_ISSUERS`] starts with.
const ISSUER_START: &str = "国办";

/// How far either side of a citation its sentence is looked for.
const SENTENCE_WINDOW: usize = 600;

pub fn notice_citations(norm: &str) -> Vec<NoticeCitation> {
    let mut out = Vec::new();
    // One search for what every issuer starts with, rather than one per issuer: each issuer's
    // occurrences (never overlapping: 国办 does not recur inside one) in order of place.
    for at in crate::text::positions(norm, ISSUER_START) {
        let Some(issuer) = NOTICE_ISSUERS.into_iter().find(|i| norm[at..].starts_with(i)) else { continue };
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
        let about_format = crate::text::contains(sentence, "格式");
        out.push(NoticeCitation { issuer: issuer.to_string(), year, number, start: at, end, about_format });
    }
    out
}

fn take_digits(chars: &mut std::iter::Peekable<impl Iterator<Item = (usize, char)>>) -> String {
    let mut digits = String::new();
    while let Some((_, c)) = chars.next_if(|(_, c)| c.is_ascii_digit()) {
        digits.push(c);
    }
    digits
}

/// "〔2021〕30号" (any bracket, spaces allowed) → (2021, 30, bytes read).
fn doc_number(s: &str) -> Option<(i32, u32, usize)> {
    let mut chars = s.char_indices().filter(|(_, c)| *c != ' ').peekable();
    let (_, open) = chars.next()?;
    if !crate::text::has_char("〔[【(〖", open) {
        return None;
    }
    let year = take_digits(&mut chars);
    let (_, close) = chars.next()?;
    if year.len() != 4 || !crate::text::has_char("〕]】)〗", close) {
        return None;
    }
    let number = take_digits(&mut chars);
    let (i, hao) = chars.next()?;
    if hao != '号' || number.is_empty() || number.len() > 4 {
        return None;
    }
    Some((year.parse().ok()?, number.parse().ok()?, i + hao.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_search_finds_each_issuers_citations() {
        assert!(NOTICE_ISSUERS
            .iter()
            .all(|i| i.starts_with(ISSUER_START) && !i[ISSUER_START.len()..].contains(ISSUER_START)));
        // The per-issuer searches it replaced, sorted by place.
        let by_issuer = |t: &str| {
            let mut v: Vec<(usize, &str)> =
                NOTICE_ISSUERS.iter().flat_map(|i| t.match_indices(i).map(|(at, _)| (at, *i))).collect();
            v.sort();
            v
        };
        let t = "国办国办公开办函〔2019〕60号、国办政务公开办函[2021]30号，国办公开函(2021)1号国办公开办函〔2021〕30号国办发";
        let found: Vec<(usize, &str)> =
            notice_citations(t).iter().map(|c| (c.start, &t[c.start..c.start + c.issuer.len()])).collect();
        assert_eq!(found, by_issuer(t));
        assert_eq!(found.len(), 4);
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
}
