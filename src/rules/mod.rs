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

/// Every rule the checker can report, in catalog order.
pub static REGISTRY: &[RuleInfo] = &[
    s001::RULE,
    s002::RULE,
    s003::RULE,
    s004::RULE,
    s005::RULE,
    s006::RULE,
    s007::RULE,
    s008::RULE,
    s009::RULE,
    a001::RULE,
    a002::RULE,
    a003::RULE,
    a004::RULE,
    a005::RULE,
    r001::RULE,
    r002::RULE,
    r003::RULE,
    r004::RULE,
    r005::RULE,
    r006::RULE,
    r007::RULE,
    l001::RULE,
    l002::RULE,
    n001::RULE,
    n002::RULE,
    n003::RULE,
    n004::RULE,
    n005::RULE,
    n006::RULE,
    p001::RULE,
    p002::RULE,
    p003::RULE,
    p004::RULE,
    p005::RULE,
    x001::RULE,
    x002::RULE,
    x003::RULE,
    x004::RULE,
    x005::RULE,
];

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
