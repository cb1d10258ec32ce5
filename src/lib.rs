//! nianbao: reads a pasted 政府信息公开工作年度报告, rebuilds its three standard tables cell by
//! cell and reports every inconsistency with a rule code, a Chinese message and a span.
//!
//! The public API is what users use: [`validate`], [`rules`], the report types ([`Report`] and
//! what it holds) and the official [`template`]. Inside, the pipeline is normalize → sections →
//! layout → tables → narrative → rules → report, each a crate-private module.

pub(crate) mod document;
pub mod files;
pub(crate) mod layout;
pub(crate) mod meta;
pub(crate) mod narrative;
pub(crate) mod normalize;
/// The allocator cache the wasm and the command line run on (not a stable API).
#[doc(hidden)]
pub mod pool;
pub(crate) mod repair;
pub mod report;
pub mod round;
pub mod rules;
pub(crate) mod sections;
pub(crate) mod sort;
pub(crate) mod tables;
pub mod template;
pub mod text;

// The JSON writer and the UTF-16 offset table serve only the wasm edge; they are compiled for
// tests too.
#[cfg(any(test, target_arch = "wasm32"))]
mod json;
#[cfg(any(test, target_arch = "wasm32"))]
mod utf16;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use report::*;

/// Pieces of the pipeline for the repository's own examples (`examples/dump.rs`); not a stable
/// API.
#[doc(hidden)]
pub mod internals {
    pub use crate::narrative::read as read_narrative;
    pub use crate::normalize::normalize;
    /// R007's systems as checked texts build them, for benches and tests.
    #[cfg(not(target_arch = "wasm32"))]
    pub use crate::repair::record;
    /// R007's solver, for `benches/repair.rs`.
    pub use crate::repair::{localise, localise_system, Equation, Equations, Solution, Unlocalised, Var};
}
pub use rules::{RuleInfo, MAX_INPUT_BYTES, REGISTRY};

/// Checks one report. Never panics; any input gets a result. A text over [`MAX_INPUT_BYTES`]
/// is not checked: its result holds only a P003 finding.
pub fn validate(text: &str) -> Report {
    document::validate(text)
}

/// The rule catalog with each rule's documentation.
pub fn rules() -> &'static [RuleInfo] {
    REGISTRY
}
