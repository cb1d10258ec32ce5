//! Which template a report's tables follow.

use crate::normalize::Compact;
use crate::report::Format;
use crate::template::{MARKERS_2019, MARKERS_2021};

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
