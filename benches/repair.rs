//! Speed of R007's solver (`src/repair.rs`), native: `cargo bench --bench repair`. Prints figures;
//! asserts nothing about time.
//!
//! The system is the one R007 builds while checking each text (the identities judged and the
//! figures the text states, recorded by `internals::record`); for a consistent report, which
//! builds none, the identities alone (the call that finds nothing failing). Inputs: seed 001 (one slip, four totals
//! left at 0), the rules' base fixture with one and with two cells changed, and with many cells
//! changed (many failing identities: the bounded case that says why it cannot localise).

use nianbao::internals::{localise, localise_system, record, Equation, Equations, Var};
use nianbao::template::{Template, GROUPS};
use nianbao::{CellKind, CellRef, Report};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

fn system(report: &Report) -> (Vec<Var>, Vec<Equation>) {
    let template = Template::of(report.tables.applications.as_ref().map_or(report.format, |t| t.template));
    let mut index: BTreeMap<CellRef, usize> = BTreeMap::new();
    let mut vars = Vec::new();
    let mut equations = Vec::new();
    for id in &template.identities {
        let value = |c: &CellRef| report.tables.cell(c).filter(|c| c.kind == CellKind::Number).and_then(|c| c.value);
        if id.cells().any(|c| value(c).is_none()) {
            continue;
        }
        let mut terms = Vec::new();
        for (cells, sign) in [(&id.left, 1.0), (&id.right, -1.0)] {
            for c in cells {
                let total = GROUPS.iter().any(|g| g.total_row == Some(c.row) || g.total_col == Some(c.col));
                let v = *index.entry(*c).or_insert_with(|| {
                    vars.push(Var { value: value(c).unwrap_or(0.0), weight: if total { 6 } else { 10 } });
                    vars.len() - 1
                });
                terms.push((v, sign));
            }
        }
        equations.push(Equation { terms });
    }
    (vars, equations)
}

fn time<F: FnMut()>(mut f: F) -> (Duration, u32) {
    let start = Instant::now();
    let mut runs = 0;
    while runs < 20 || start.elapsed() < Duration::from_millis(500) {
        f();
        runs += 1;
    }
    (start.elapsed() / runs, runs)
}

/// The base fixture with `n` section 三 rows' 自然人 cells raised by 1, 2, …
fn base_changed(base: &str, rows: &[&str]) -> String {
    let mut text = base.to_string();
    for (k, label) in rows.iter().enumerate() {
        let Some(at) = text.find(label) else { continue };
        let line_end = text[at..].find('\n').map_or(text.len(), |e| at + e);
        let line = &text[at..line_end];
        let mut cells: Vec<String> = line.split('\t').map(str::to_owned).collect();
        if let Some(v) = cells.get(cells.len().saturating_sub(7)).and_then(|c| c.parse::<i64>().ok()) {
            let i = cells.len() - 7;
            cells[i] = (v + 1 + k as i64).to_string();
        }
        text.replace_range(at..line_end, &cells.join("\t"));
    }
    text
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = std::fs::read_to_string(root.join("tests/fixtures/rules/base_2021.txt")).expect("base fixture");
    let mut inputs: Vec<(String, String)> = Vec::new();
    if let Ok(seed) = std::fs::read_to_string(root.join("../shared/corpus/seeds/001_c90ea95a19170d68.txt")) {
        inputs.push(("seed 001 (four totals left at 0)".into(), seed));
    }
    inputs.push(("base, consistent".into(), base.clone()));
    inputs.push(("base, one cell changed".into(), base_changed(&base, &["2.重复申请"])));
    inputs.push(("base, two cells changed".into(), base_changed(&base, &["2.重复申请", "（二）部分公开"])));
    let many =
        ["1.属于国家秘密", "3.危及", "5.属于三类", "7.属于行政执法", "2.没有现成信息", "2.重复申请", "（二）部分公开"];
    inputs.push(("base, seven cells changed".into(), base_changed(&base, &many)));
    let all: Vec<&str> =
        base.lines().filter(|l| l.split('\t').count() >= 8).filter_map(|l| l.split('\t').next()).collect();
    inputs.push(("base, every 自然人 cell changed".into(), base_changed(&base, &all)));

    println!("R007 solver, per call (native, one core), on the system R007 builds for each text:");
    for (name, text) in &inputs {
        // R007's own system (identities and stated figures); a consistent report has none, so
        // time the identities alone there (the call that finds nothing failing).
        let (vars, equations) = record::systems(|| drop(nianbao::validate(text)))
            .into_iter()
            .next()
            .unwrap_or_else(|| system(&nianbao::validate(text)));
        let outcome = localise(&vars, &equations);
        let what = match &outcome {
            Ok(s) if s.is_empty() => "consistent".to_string(),
            Ok(s) => format!(
                "best: {} change(s), weight {}{}",
                s[0].changes.len(),
                f64::from(s[0].weight) / 10.0,
                s.get(1).map_or(String::new(), |r| format!("; runner-up weight {}", f64::from(r.weight) / 10.0))
            ),
            Err(why) => format!("{why:?}"),
        };
        // Stored flat, as R007 hands them over.
        let flat = Equations::from(&equations[..]);
        let (per, runs) = time(|| drop(std::hint::black_box(localise_system(&vars, &flat))));
        println!(
            "  {name:<36} {:>3} vars {:>3} equations {:>10.3} ms  ({runs} runs)  {what}",
            vars.len(),
            equations.len(),
            per.as_secs_f64() * 1000.0
        );
    }
}
