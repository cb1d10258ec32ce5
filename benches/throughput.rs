//! Throughput of `validate` on our own fixtures and on large pastes: `cargo bench`.
//! Prints figures; asserts nothing about time (speed is measured here, never in tests).

use std::time::{Duration, Instant};

fn time<F: FnMut()>(mut f: F, min_runs: u32, min_time: Duration) -> Duration {
    let start = Instant::now();
    let mut runs = 0;
    while runs < min_runs || start.elapsed() < min_time {
        f();
        runs += 1;
    }
    start.elapsed() / runs
}

fn report(name: &str, bytes: usize, per_run: Duration) {
    let mb = bytes as f64 / 1_000_000.0;
    println!("{name:<40} {:>9.2} KB  {:>10.3} ms  {:>8.1} MB/s", bytes as f64 / 1000.0, per_run.as_secs_f64() * 1000.0, mb / per_run.as_secs_f64());
}

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/layouts");
    let mut fixtures: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    fixtures.sort();
    println!("{:<40} {:>12}  {:>13}  {:>13}", "input", "size", "time/run", "throughput");
    for (name, text) in &fixtures {
        let t = time(|| drop(std::hint::black_box(nianbao::validate(text))), 20, Duration::from_millis(300));
        report(name, text.len(), t);
    }
    let base = &fixtures.iter().find(|(n, _)| n == "tab_rows").expect("tab_rows fixture").1;
    for mb in [10usize, 50] {
        let mut big = String::with_capacity(mb * 1_000_000 + base.len());
        while big.len() < mb * 1_000_000 {
            big.push_str(base);
        }
        let t = time(|| drop(std::hint::black_box(nianbao::validate(&big))), 1, Duration::ZERO);
        report(&format!("tab_rows repeated to {mb} MB"), big.len(), t);
    }
    let noise: String = (0..10_000_000u32).map(|i| char::from_u32(0x4E00 + (i.wrapping_mul(2_654_435_761) % 2000)).unwrap_or('x')).collect();
    let t = time(|| drop(std::hint::black_box(nianbao::validate(&noise))), 1, Duration::ZERO);
    report("10M CJK characters of noise", noise.len(), t);
    let digits = "1".repeat(10_000_000);
    let t = time(|| drop(std::hint::black_box(nianbao::validate(&digits))), 1, Duration::ZERO);
    report("10 MB of one digit run", digits.len(), t);
}
