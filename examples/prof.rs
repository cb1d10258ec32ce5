//! Runs `validate` over the given files in a loop, for a profiler or a quick A/B:
//! `cargo run --release --example prof -- [ROUNDS] FILE...` prints the mean time per report.
// The command line's allocator, so the profile is the command line's.
#[global_allocator]
static ALLOCATOR: nianbao::pool::Pooled<std::alloc::System, nianbao::pool::PerThread> =
    nianbao::pool::Pooled::per_thread();

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let rounds = match args.first().and_then(|a| a.parse::<usize>().ok()) {
        Some(n) => {
            args.remove(0);
            n
        }
        None => 500,
    };
    let texts: Vec<String> =
        args.iter().map(|p| String::from_utf8_lossy(&std::fs::read(p).expect("readable file")).into_owned()).collect();
    let mut findings = 0;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            findings += nianbao::validate(t).diagnostics.len();
        }
    }
    let per = start.elapsed().as_secs_f64() / (rounds * texts.len()).max(1) as f64;
    println!("{:.1} µs per report ({findings} findings)", per * 1e6);
}
