//! Speed of `validate`, native: `cargo bench --bench throughput` (or `scripts/bench.sh` for
//! everything, wasm and the command line included). Prints figures; asserts nothing about time
//! (speed is measured here, never in tests).
//!
//! 1. latency per report: each seed of `../shared/corpus/seeds` (our own fixtures when the corpus
//!    is absent), with its allocations per check (a counting allocator) and its ratio to the
//!    one-pass floor (one normalising pass, one automaton over every template label and a digit
//!    scan: what any reader of the text must at least do), and the spread over
//!    `../shared/corpus/real`;
//! 2. batch throughput: every report replicated to about 100 MB, checked one report at a time on
//!    one core, then on all cores (one thread per core taking the next report);
//! 3. growth: one report made 1×, 10× and 100× larger, two ways: the whole report repeated (a
//!    paste of many reports) and the report padded with prose in section 五 (one long report);
//! 4. hostile large inputs: 50 MB of repeated tables, 10 M CJK characters of noise, one digit run;
//! 5. files: a typical `.docx` (the filled template, from WPS and from LibreOffice) and `.doc`
//!    read, and read and checked; the zip bomb and the deep XML of `tests/fixtures/files` refused.

use nianbao::pool::{PerThread, Pooled};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[path = "common/floor.rs"]
mod floor;
use floor::{one_pass, template_labels};

/// The command line's allocator (small blocks cached per thread in front of the system
/// allocator, `nianbao::pool`), counting allocations (and reallocations) for the latency figures.
struct Counting;

static CLI_ALLOCATOR: Pooled<System, PerThread> = Pooled::per_thread();

thread_local! {
    /// This thread's count: a plain add, where a shared atomic counter cost every allocation of
    /// every timed check a locked add.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count_one() {
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        unsafe { CLI_ALLOCATOR.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { CLI_ALLOCATOR.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        unsafe { CLI_ALLOCATOR.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocations made by one check of `text` (on this thread, as it is checked).
fn allocations(text: &str) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    check(text);
    ALLOCATIONS.with(Cell::get) - before
}

/// Mean time per run: at least `min_runs` runs and `min_time` in all.
fn time<F: FnMut()>(mut f: F, min_runs: u32, min_time: Duration) -> Duration {
    let start = Instant::now();
    let mut runs = 0;
    while runs < min_runs || start.elapsed() < min_time {
        f();
        runs += 1;
    }
    start.elapsed() / runs
}

/// Per-run medians of `a` and `b`, timed in `batches` alternating batches of about `batch` each:
/// on this shared machine the speed drifts by tens of percent within a second, and a drift then
/// falls on both, though not alike: the ratio still varies widely from run to run (for a steady
/// figure count instructions: `examples/prof.rs`, with and without `--floor`).
fn time_pair(mut a: impl FnMut(), mut b: impl FnMut(), batches: usize, batch: Duration) -> (Duration, Duration) {
    let one_batch = |f: &mut dyn FnMut()| {
        let (start, mut runs) = (Instant::now(), 0u32);
        while runs == 0 || start.elapsed() < batch {
            f();
            runs += 1;
        }
        start.elapsed() / runs
    };
    let (mut ta, mut tb): (Vec<Duration>, Vec<Duration>) = (Vec::new(), Vec::new());
    for _ in 0..batches.max(1) {
        ta.push(one_batch(&mut a));
        tb.push(one_batch(&mut b));
    }
    ta.sort();
    tb.sort();
    (ta[ta.len() / 2], tb[tb.len() / 2])
}

fn check(text: &str) {
    drop(std::hint::black_box(nianbao::validate(std::hint::black_box(text))));
}

/// CPU time used by this process so far (all threads; user + system), from `/proc/self/stat`:
/// on a shared machine the wall time includes waiting for a core, the CPU time does not.
/// `None` where there is no such file. Clock ticks are taken as 1/100 s (Linux's USER_HZ).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    // After the command name: state is field 3, utime 14 and stime 15 (1-based in `man proc`).
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// `, 5.10 s CPU = 19.6 MB/s per CPU-second` when the CPU time is known.
fn cpu_note(bytes: usize, before: Option<Duration>) -> String {
    match (before, cpu_time()) {
        (Some(a), Some(b)) if b > a => {
            format!(" · {:.2} s CPU = {:.1} MB/s per CPU-second", (b - a).as_secs_f64(), mb_per_s(bytes, b - a))
        }
        _ => String::new(),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn row(name: &str, bytes: usize, per_run: Duration) {
    println!(
        "  {name:<52} {:>9.1} KB {:>10.3} ms {:>8.1} MB/s",
        bytes as f64 / 1000.0,
        ms(per_run),
        mb_per_s(bytes, per_run)
    );
}

/// The `.txt`/`.md` files of `dir`, sorted by name, as (name, text); empty when `dir` is absent.
fn read_reports(dir: &Path) -> Vec<(String, String)> {
    let Ok(listing) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<(String, String)> = listing
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md") && !p.ends_with("INDEX.md"))
        .filter_map(|p| Some((p.file_name()?.to_string_lossy().into_owned(), std::fs::read_to_string(&p).ok()?)))
        .collect();
    out.sort();
    out
}

fn corpus(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus").join(sub)
}

fn main() {
    // `cargo bench --bench throughput -- latency growth` runs only those parts (for profiling).
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let wants = |part: &str| only.is_empty() || only.iter().any(|o| o == part);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("nianbao {} · validate() native · {cores} cores available", env!("CARGO_PKG_VERSION"));

    // 1. Latency per report.
    let mut seeds = read_reports(&corpus("seeds"));
    let real = read_reports(&corpus("real"));
    if seeds.is_empty() {
        println!("SKIPPED: ../shared/corpus/seeds is absent; using tests/fixtures/layouts instead");
        seeds = read_reports(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts"));
    }
    if wants("latency") {
        latency(&seeds, &real);
    }
    if wants("batch") {
        batch(&seeds, &real, cores);
    }
    if wants("growth") {
        growth(&seeds);
    }
    if wants("hostile") {
        hostile();
    }
    if wants("files") {
        files();
    }
}

/// 5. Files: reading a `.docx`, and reading and checking it.
fn files() {
    println!("\n5. .docx and .doc files (mean of ≥ 100 runs; hostile ones once)");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/files");
    let names =
        ["filled-wps.docx", "filled-libreoffice.docx", "filled-wps.doc", "hostile-bomb.docx", "hostile-deep.docx"];
    for name in names {
        let Ok(bytes) = std::fs::read(dir.join(name)) else { continue };
        let read = || std::hint::black_box(nianbao::files::extract(std::hint::black_box(&bytes)));
        let runs = if name.starts_with("hostile") { 1 } else { 100 };
        row(&format!("{name}: read"), bytes.len(), time(|| drop(read()), runs, Duration::ZERO));
        if read().is_ok() {
            let t = time(|| check(&read().unwrap_or_default()), runs, Duration::from_millis(200));
            row(&format!("{name}: read and checked"), bytes.len(), t);
        }
    }
}

fn latency(seeds: &[(String, String)], real: &[(String, String)]) {
    println!("\n1. latency per report (median of 101 batches of 1 ms, each alternating with a batch of the floor)");
    let labels = template_labels();
    let automaton = aho_corasick::AhoCorasick::new(&labels).expect("labels build an automaton");
    let (mut slowest, mut worst_ratio) = (Duration::ZERO, 0.0f64);
    for (name, text) in seeds {
        // The median of many batches: the first, cold ones do not count.
        let (per_run, floor_run) =
            time_pair(|| check(text), || _ = one_pass(text, &automaton), 101, Duration::from_millis(1));
        row(name, text.len(), per_run);
        let ratio = per_run.as_secs_f64() / floor_run.as_secs_f64();
        (slowest, worst_ratio) = (slowest.max(per_run), worst_ratio.max(ratio));
        println!(
            "  {:<52} floor {:.3} ms ({} labels, one pass) · validate = {ratio:.1}× the floor · {} allocations",
            "",
            ms(floor_run),
            labels.len(),
            allocations(text)
        );
    }
    // Issue 14's budget for a seed report: 0.1 ms on one core, within 3× the floor.
    let mark = |met: bool| if met { "met" } else { "NOT met" };
    if !seeds.is_empty() {
        println!(
            "  budget: slowest seed {:.3} ms (≤ 0.100 ms: {}), at most {worst_ratio:.1}× the floor (≤ 3×: {})",
            ms(slowest),
            mark(slowest <= Duration::from_micros(100)),
            mark(worst_ratio <= 3.0)
        );
    }
    if !real.is_empty() {
        let mut times: Vec<(Duration, &str, usize)> =
            real.iter().map(|(n, t)| (time(|| check(t), 50, Duration::from_millis(50)), n.as_str(), t.len())).collect();
        times.sort();
        let median = times[times.len() / 2];
        println!(
            "  ../shared/corpus/real ({} reports): min {:.3} ms, median {:.3} ms, max {:.3} ms ({}, {:.1} KB)",
            times.len(),
            ms(times[0].0),
            ms(median.0),
            ms(times[times.len() - 1].0),
            times[times.len() - 1].1,
            times[times.len() - 1].2 as f64 / 1000.0
        );
    }
}

/// 2. Batch throughput on ~100 MB of reports.
fn batch(seeds: &[(String, String)], real: &[(String, String)], cores: usize) {
    let pool: Vec<&str> = seeds.iter().chain(real).map(|(_, t)| t.as_str()).collect();
    let pool_bytes: usize = pool.iter().map(|t| t.len()).sum();
    let copies = (100_000_000 / pool_bytes.max(1)).max(1);
    let batch: Vec<&str> = (0..copies).flat_map(|_| pool.iter().copied()).collect();
    let batch_bytes: usize = batch.iter().map(|t| t.len()).sum();
    println!(
        "\n2. batch: {} reports ({} distinct, replicated {copies}×), {:.1} MB",
        batch.len(),
        pool.len(),
        batch_bytes as f64 / 1e6
    );
    let cpu = cpu_time();
    let start = Instant::now();
    for t in &batch {
        check(t);
    }
    let one = start.elapsed();
    println!(
        "  1 thread   {:>8.2} s {:>8.1} MB/s {:>8.0} reports/s{}",
        one.as_secs_f64(),
        mb_per_s(batch_bytes, one),
        batch.len() as f64 / one.as_secs_f64(),
        cpu_note(batch_bytes, cpu)
    );
    let next = AtomicUsize::new(0);
    let cpu = cpu_time();
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..cores {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(t) = batch.get(i) else { break };
                check(t);
            });
        }
    });
    let all = start.elapsed();
    println!(
        "  {cores} threads  {:>8.2} s {:>8.1} MB/s {:>8.0} reports/s  ({:.2}× one thread){}",
        all.as_secs_f64(),
        mb_per_s(batch_bytes, all),
        batch.len() as f64 / all.as_secs_f64(),
        one.as_secs_f64() / all.as_secs_f64(),
        cpu_note(batch_bytes, cpu)
    );
}

/// 3. Growth with input size.
fn growth(seeds: &[(String, String)]) {
    let (base_name, base) = seeds.iter().max_by_key(|(_, t)| t.len()).expect("at least one report");
    println!("\n3. growth: {base_name} made larger (time/run should grow like size)");
    let filler = "本机关持续深化政务公开，围绕重点领域信息公开，完善发布、解读、回应衔接机制，及时回应社会关切。\n";
    // Right after the title line of section 五 (prose), so no table changes.
    let pad_at = base.rfind("五、").and_then(|at| base[at..].find('\n').map(|nl| at + nl + 1)).unwrap_or(base.len());
    for factor in [1usize, 10, 100] {
        let repeated = base.repeat(factor);
        let t = time(|| check(&repeated), 3, Duration::from_millis(300));
        row(&format!("repeated {factor}×"), repeated.len(), t);
    }
    for factor in [1usize, 10, 100] {
        let pad = filler.repeat((base.len() * (factor - 1)).div_ceil(filler.len()));
        let padded = format!("{}{pad}{}", &base[..pad_at], &base[pad_at..]);
        let t = time(|| check(&padded), 3, Duration::from_millis(300));
        row(&format!("padded with prose to {factor}×"), padded.len(), t);
    }
}

/// 4. Hostile large inputs.
fn hostile() {
    println!("\n4. large and hostile inputs (one run each)");
    let tab_rows =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts/tab_rows.txt"))
            .unwrap_or_default();
    let big = tab_rows.repeat(50_000_000 / tab_rows.len().max(1) + 1);
    row("tab_rows fixture repeated to 50 MB", big.len(), time(|| check(&big), 1, Duration::ZERO));
    let noise: String = (0..10_000_000u32)
        .map(|i| char::from_u32(0x4E00 + (i.wrapping_mul(2_654_435_761) % 2000)).unwrap_or('x'))
        .collect();
    row("10 M CJK characters of noise", noise.len(), time(|| check(&noise), 1, Duration::ZERO));
    let digits = "1".repeat(10_000_000);
    row("10 MB of one digit run", digits.len(), time(|| check(&digits), 1, Duration::ZERO));
}
