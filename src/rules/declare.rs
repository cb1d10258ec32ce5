//! The one declaration every rule makes of itself: its code, severity, title and documentation,
//! and the function that checks it.

use super::context::Context;
use crate::report::{CellRef, Diagnostic, Severity, Span};
use serde::Serialize;

pub type CheckFn = fn(&Context, &mut Vec<Diagnostic>);

/// A rule's documentation. Left out of the wasm build, where nothing reads it: the page fetches
/// the same text from `www/rules.json`, generated from these declarations, when someone opens it.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! rule_doc {
    ($doc:literal) => {
        $doc
    };
}
#[cfg(target_arch = "wasm32")]
macro_rules! rule_doc {
    ($doc:literal) => {
        ""
    };
}
pub(crate) use rule_doc;

/// A rule's title, left out of the wasm build as its documentation is: the page shows the titles
/// of `www/rules.json`. (Each `RULE.finding(..)` keeps its rule's whole declaration in the module,
/// so written out every title was there: 0.6 KB gzip.)
macro_rules! rule_title {
    ($title:literal) => {
        $crate::rules::declare::rule_doc!($title)
    };
}
pub(crate) use rule_title;

/// A rule's declaration. The CLI's `rules`/`explain`, the page's rule documentation and the
/// generated docs all read this one value.
#[derive(Clone, Copy, Serialize)]
pub struct RuleInfo {
    pub code: &'static str,
    pub severity: Severity,
    /// Short Chinese title, e.g. "勾稽关系不成立". Empty in the wasm build ([`rule_title`]).
    pub title: &'static str,
    /// Markdown: what it checks, why it matters, a failing and a passing example, how to fix.
    /// Empty in the wasm build ([`rule_doc`]).
    pub doc: &'static str,
    #[serde(skip)]
    pub check: CheckFn,
}

impl std::fmt::Debug for RuleInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleInfo").field("code", &self.code).field("severity", &self.severity).finish()
    }
}

impl RuleInfo {
    /// A finding of this rule: `RULE.finding(message).span(at).cells(cells)`.
    pub(crate) fn finding(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: self.code.to_string(),
            severity: self.severity,
            message: message.into(),
            spans: Vec::new(),
            cells: Vec::new(),
            counterpart: None,
        }
    }
}

/// The builder steps of [`RuleInfo::finding`].
impl Diagnostic {
    pub(crate) fn span(mut self, at: Span) -> Self {
        self.spans.push(at);
        self
    }

    pub(crate) fn spans(mut self, at: impl IntoIterator<Item = Span>) -> Self {
        self.spans.extend(at);
        self
    }

    pub(crate) fn cell(mut self, cell: CellRef) -> Self {
        self.cells.push(cell);
        self
    }

    pub(crate) fn cells(mut self, cells: impl IntoIterator<Item = CellRef>) -> Self {
        self.cells.extend(cells);
        self
    }

    pub(crate) fn counterpart(mut self, other: crate::round::Counterpart) -> Self {
        self.counterpart = Some(other);
        self
    }
}
