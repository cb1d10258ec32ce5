//! Prints what nianbao read from a report, as grids: `cargo run --example dump FILE`.
//! For developers checking a reading against the text by eye.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    let text = String::from_utf8_lossy(&bytes);
    let r = nianbao::validate(&text);
    println!("format {:?} year {:?} body {:?}", r.format, r.year, r.body);
    for s in &r.sections {
        println!("  section {} {}", s.number, s.title);
    }
    let tables = [
        ("active_disclosure", &r.tables.active_disclosure),
        ("applications", &r.tables.applications),
        ("reviews_litigation", &r.tables.reviews_litigation),
    ];
    for (name, t) in tables {
        let Some(t) = t else {
            println!("{name}: none");
            continue;
        };
        println!("{name} ({:?}):", t.template);
        for row in &t.rows {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|c| match (c.kind, c.value) {
                    (nianbao::CellKind::Number, Some(v)) => format!("{v}{}", if c.inferred { "*" } else { "" }),
                    (k, _) => format!("{k:?}({})", c.raw.trim()),
                })
                .collect();
            let found = if row.span.is_some() { "" } else { " [label not found]" };
            println!("  {:<34} {}{found}", row.key, cells.join(" "));
        }
    }
    // The narrative as read (without skipping the tables, which hold no "N件" counts).
    let norm = nianbao::internals::normalize(&text);
    let n = nianbao::internals::read_narrative(&norm.text, &[], r.year);
    for c in &n.claims {
        println!("  claim {:?} = {} «{}»", c.subject, c.value, c.clause_text);
    }
    for s in &n.statements {
        println!("  statement {:?} «{}»", s.kind, s.text);
    }
    for e in &n.enumerations {
        let parts: Vec<f64> = e.parts.iter().map(|p| p.0).collect();
        println!("  enumeration {} {} = {:?} «{}»", e.total, e.unit, parts, e.text);
    }
    for d in &r.diagnostics {
        println!("{} {:?} {} {:?}", d.code, d.severity, d.message, d.spans.first());
    }
}
