//! Runs `validate` over the given files in a loop, for a profiler or a quick A/B:
//! `cargo run --release --example prof -- [--floor] [ROUNDS] FILE...` prints the mean time per
//! report. With `--floor` it runs the benchmark's one-pass floor instead (`benches/common`), so
//! callgrind can count the instructions of both: their ratio does not move with the machine.
// The command line's allocator, so the profile is the command line's.
#[global_allocator]
static ALLOCATOR: nianbao::pool::Pooled<std::alloc::System, nianbao::pool::PerThread> =
    nianbao::pool::Pooled::per_thread();

#[path = "../benches/common/floor.rs"]
mod floor;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let only_floor = args.first().is_some_and(|a| a == "--floor");
    if only_floor {
        args.remove(0);
    }
    let rounds = match args.first().and_then(|a| a.parse::<usize>().ok()) {
        Some(n) => {
            args.remove(0);
            n
        }
        None => 500,
    };
    let texts: Vec<String> =
        args.iter().map(|p| String::from_utf8_lossy(&std::fs::read(p).expect("readable file")).into_owned()).collect();
    // Built before the clock starts (and counted with 0 rounds, which callgrind subtracts).
    let automaton = only_floor
        .then(|| aho_corasick::AhoCorasick::new(floor::template_labels()).expect("labels build an automaton"));
    let run = |t: &str| match &automaton {
        Some(labels) => floor::one_pass(t, labels),
        None => nianbao::validate(t).diagnostics.len(),
    };
    // One pass before the clock, counted with 0 rounds too: the tables built once per process
    // (the keyword sets, the template's anchors, the simplified forms) are a running checker's
    // already, and each round costs what a check costs from then on, as the bench's warm-up
    // has it.
    texts.iter().for_each(|t| {
        std::hint::black_box(run(t));
    });
    let mut found = 0;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            found += run(t);
        }
    }
    let per = start.elapsed().as_secs_f64() / (rounds * texts.len()).max(1) as f64;
    let what = if only_floor { "floor: labels and digit runs" } else { "findings" };
    println!("{:.1} µs per report ({found} {what})", per * 1e6);
}
