//! The one-pass floor, shared by `benches/throughput.rs` and `examples/prof.rs`: what any reader
//! of a report must at least do (one normalising pass, one automaton over every template label,
//! one digit scan). The bench times `validate` against it; `prof --floor` runs it in a loop, so
//! callgrind can count both (a ratio that does not move with the machine's load).

/// Every label of the template, both forms (from `template::describe`, as the page gets them).
pub fn template_labels() -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    match v {
                        serde_json::Value::String(s) if k == "label" && !s.is_empty() => out.push(s.clone()),
                        _ => walk(v, out),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(nianbao::template::describe()).unwrap(), &mut out);
    out.sort();
    out.dedup();
    out
}

/// The floor: one normalising pass, one automaton over all labels, one digit scan.
pub fn one_pass(text: &str, labels: &aho_corasick::AhoCorasick) -> usize {
    let norm = nianbao::internals::normalize(std::hint::black_box(text));
    let t = norm.text.as_str();
    let found = labels.find_overlapping_iter(t).count();
    let digit_runs = t.as_bytes().windows(2).filter(|w| w[1].is_ascii_digit() && !w[0].is_ascii_digit()).count();
    std::hint::black_box(found + digit_runs)
}
