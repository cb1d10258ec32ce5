//! What a rule is given to look at: the text, what was read from it and the identity checks.

use crate::meta::title::Title;
use crate::narrative::Narrative;
use crate::normalize::Normalized;
use crate::report::{Format, Tables};
use crate::sections::Section;
use crate::tables::identities::Check;
use crate::tables::ReadTable;

/// Everything the rules look at.
pub struct Context<'a> {
    /// The text exactly as the caller passed it (the first report's part, when it holds two).
    pub input: &'a str,
    /// The whole text the caller passed.
    pub full_input: &'a str,
    pub norm: &'a Normalized,
    pub sections: &'a [Section],
    pub title: &'a Title,
    pub format: Format,
    pub active: Option<&'a ReadTable>,
    pub applications: Option<&'a ReadTable>,
    pub reviews: Option<&'a ReadTable>,
    pub tables: &'a Tables,
    pub checks: &'a [Check],
    /// What the text says about the tables.
    pub narrative: &'a Narrative,
    /// The likeliest corrections of the failing identities (R007), once localised.
    pub repair: &'a super::Localised,
    /// Where a second report starts in the caller's text (P005), beyond this one.
    pub second_report: Option<crate::report::Span>,
}

impl Context<'_> {
    /// The caller's text at `at` up to the end of its line, without white space, at most 40
    /// characters (for messages).
    pub fn input_line(&self, at: crate::report::Span) -> String {
        let line = self.full_input.get(at.start..at.end).unwrap_or("");
        line.chars().filter(|c| !c.is_whitespace()).take(40).collect()
    }

    /// The first section with this number.
    pub fn section(&self, number: u8) -> Option<&Section> {
        self.sections.iter().find(|s| s.number == number)
    }
}
