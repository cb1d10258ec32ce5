//! The rule documentation in docs/rules.md is generated from the rule declarations; this test
//! keeps it current. Regenerate with `UPDATE_DOCS=1 cargo test --test docs`.

use std::path::Path;

#[test]
fn rules_doc_is_generated_from_the_declarations() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let want = nianbao::rules::catalog_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "docs/rules.md is out of date: run `UPDATE_DOCS=1 cargo test --test docs`");
}

/// The page's rule catalog (`www/rules.json`): the same declarations, fetched by the page only
/// when someone opens a rule's documentation, so the docs stay out of the wasm.
#[test]
fn page_rule_catalog_is_generated_from_the_declarations() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/rules.json");
    let want = serde_json::to_string_pretty(nianbao::rules()).unwrap() + "\n";
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "www/rules.json is out of date: run `UPDATE_DOCS=1 cargo test --test docs`");
}

#[test]
fn every_rule_is_documented_once_with_examples() {
    let mut codes: Vec<&str> = nianbao::rules().iter().map(|r| r.code).collect();
    let n = codes.len();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), n, "a code is declared twice");
    for r in nianbao::rules() {
        assert!(r.doc.starts_with(&format!("# {}", r.code)), "{}: doc must start with its code", r.code);
        for part in ["检查什么", "不通过的例子", "如何修改"] {
            assert!(r.doc.contains(part) || r.code == "R004", "{}: doc lacks {part}", r.code);
        }
    }
}
