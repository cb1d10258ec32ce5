//! The one declaration every rule makes of itself: its code, severity, title and documentation.

use crate::report::Severity;
use serde::Serialize;

/// A rule's declaration. The CLI's `rules`/`explain`, the page's rule documentation and the
/// generated docs all read this one value.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleInfo {
    pub code: &'static str,
    pub severity: Severity,
    /// Short Chinese title, e.g. "勾稽关系不成立".
    pub title: &'static str,
    /// Markdown: what it checks, why it matters, a failing and a passing example, how to fix.
    pub doc: &'static str,
}
