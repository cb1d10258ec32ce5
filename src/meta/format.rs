//! Which template a report's tables follow.

use crate::normalize::Compact;
use crate::report::Format;
use crate::template::{MARKERS_2019, MARKERS_2021};
use crate::text;

/// Which template section 二's tables follow, judged by the phrases only one form has.
pub fn format_of_active(c: &Compact) -> Option<Format> {
    let n2019 = MARKERS_2019.iter().filter(|m| text::contains(&c.text, m)).count();
    let n2021 = MARKERS_2021.iter().filter(|m| text::contains(&c.text, m)).count()
        + usize::from(text::contains(&c.text, "本年度止件数"));
    match n2019.cmp(&n2021) {
        std::cmp::Ordering::Greater => Some(Format::F2019),
        std::cmp::Ordering::Less => Some(Format::F2021),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_read_through_spelling_variants() {
        let t = "第二十条第(一)项 信息内容 本年制发的件数 本年废止件数 现行有效的件数";
        assert_eq!(format_of_active(&Compact::labels(t, 0, t.len())), Some(Format::F2021));
        // Compacted without folding, the 的 hides two of the three markers.
        assert_eq!(format_of_active(&Compact::new("本年制发的件数 现行有效的件数", 0, 43)), None);
    }
}
