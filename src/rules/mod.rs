//! The rule catalog (`shared/spec/rules.md`): one file per rule, each declared once with its
//! code, severity, title, documentation and check; [`REGISTRY`] lists them.

mod context;
mod declare;
mod figures;
mod prelude;

mod a001;
mod a002;
mod a003;
mod a004;
mod a005;
mod l001;
mod l002;
mod n001;
mod n002;
mod n003;
mod n004;
mod n005;
mod n006;
mod p001;
mod p002;
mod p003;
mod p004;
mod p005;
mod r001;
mod r002;
mod r003;
mod r004;
mod r005;
mod r006;
mod r007;
mod s001;
mod s002;
mod s003;
mod s004;
mod s005;
mod s006;
mod s007;
mod s008;
mod s009;
pub(crate) mod x001;
pub(crate) mod x002;
pub(crate) mod x003;
pub(crate) mod x004;
pub(crate) mod x005;

pub use context::Context;
pub use declare::{CheckFn, RuleInfo};
pub(crate) use p003::too_large;
pub use p003::MAX_INPUT_BYTES;
pub(crate) use p004::{not_a_report, RULE as P004};
pub(crate) use r007::{localise, Localised};

/// Declares [`REGISTRY`] and [`CHECKS`] from one list of the rule modules, in catalog order.
macro_rules! registry {
    ($($rule:ident),* $(,)?) => {
        /// Every rule the checker can report, in catalog order.
        pub static REGISTRY: &[RuleInfo] = &[$($rule::RULE,)*];

        /// Each rule's check, in [`REGISTRY`]'s order: what a check runs. Without the rules'
        /// titles, which the wasm never reads (the page has them from `www/rules.json`), so
        /// that build leaves them out with [`REGISTRY`].
        pub(crate) static CHECKS: &[CheckFn] = &[$($rule::RULE.check,)*];
    };
}

registry! {
    s001,
    s002,
    s003,
    s004,
    s005,
    s006,
    s007,
    s008,
    s009,
    a001,
    a002,
    a003,
    a004,
    a005,
    r001,
    r002,
    r003,
    r004,
    r005,
    r006,
    r007,
    l001,
    l002,
    n001,
    n002,
    n003,
    n004,
    n005,
    n006,
    p001,
    p002,
    p003,
    p004,
    p005,
    x001,
    x002,
    x003,
    x004,
    x005,
}

pub fn find(code: &str) -> Option<&'static RuleInfo> {
    REGISTRY.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The rule documentation for users, generated from the declarations (`docs/rules.md`).
pub fn catalog_markdown() -> String {
    let mut out = String::from(
        "# nianbao 规则说明\n\n<!-- Generated from src/rules/*.rs by `UPDATE_DOCS=1 cargo test --test docs`; do not edit. -->\n\n| 代码 | 级别 | 规则 |\n|---|---|---|\n",
    );
    for r in REGISTRY {
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} |\n",
            r.code,
            r.code.to_lowercase(),
            r.severity.as_str(),
            r.title
        ));
    }
    for r in REGISTRY {
        out.push_str("\n<a id=\"");
        out.push_str(&r.code.to_lowercase());
        out.push_str("\"></a>\n\n");
        out.push_str(r.doc.trim_end());
        out.push('\n');
    }
    out
}
