//! What the report says about itself: its title and reporting body, its year and reporting
//! period, the format notice it cites, and which template its tables follow.

pub mod body;
pub mod format;
pub mod notice;
pub mod title;
pub mod years;

/// How far into the text the title is looked for.
const TITLE_WINDOW: usize = 4096;

/// How far into the text the period statement is looked for (it opens the report or section 一).
const PERIOD_WINDOW: usize = TITLE_WINDOW * 4;
