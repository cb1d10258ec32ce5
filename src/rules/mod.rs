//! The rule catalog (`shared/spec/rules.md`): one file per rule, listed once in [`REGISTRY`].

mod declare;
pub use declare::RuleInfo;

/// Every rule the checker can report, in catalog order.
pub static REGISTRY: &[RuleInfo] = &[];

pub fn find(code: &str) -> Option<&'static RuleInfo> {
    REGISTRY.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}
