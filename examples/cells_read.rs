//! Counts the cells read from each file (every cell of every row read, blank or not) and the
//! total: `cargo run --release --example cells_read -- ../shared/corpus/real/*`.

fn main() {
    let mut total = 0;
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let report = nianbao::validate(&String::from_utf8_lossy(&bytes));
        let t = &report.tables;
        let n: usize = [&t.active_disclosure, &t.applications, &t.reviews_litigation]
            .into_iter()
            .flatten()
            .map(|t| t.rows.iter().map(|r| r.cells.len()).sum::<usize>())
            .sum();
        println!("{n:5}  {path}");
        total += n;
    }
    println!("{total:5}  total");
}
