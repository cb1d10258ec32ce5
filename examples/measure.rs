//! Times one check of a file, for measuring large inputs: `cargo run --release --example measure
//! FILE` (run it under `/usr/bin/time -v` for the peak memory).

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: measure FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2)
    });
    let text = String::from_utf8_lossy(&bytes);
    let start = Instant::now();
    let report = nianbao::validate(&text);
    let elapsed = start.elapsed();
    println!(
        "{path}: {} bytes, {:.3} s, {:.1} MB/s, {} findings",
        text.len(),
        elapsed.as_secs_f64(),
        text.len() as f64 / 1e6 / elapsed.as_secs_f64(),
        report.diagnostics.len()
    );
}
