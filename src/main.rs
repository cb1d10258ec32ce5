//! `nianbao`: the command-line tool.
//!
//! ```text
//! nianbao check [--format text|json] [-j N] [--summary FILE.csv] [-q] FILE|DIR...   (- is stdin)
//! nianbao rules
//! nianbao explain CODE
//! nianbao template                      (for the test generators: the template as JSON)
//! ```
//! Exit status: 0 no errors found, 1 a finding of severity `error` in some file, 2 a usage, I/O or
//! decoding error (the other files are still checked). Files are checked on all cores and printed
//! in the order given (see `cli::pool`); directories are walked as `cli::inputs` describes.

mod cli;

// Small blocks cached per thread in front of the system allocator (`nianbao::pool`): a check makes
// about a thousand small allocations; 0.90× the check's time of glibc's malloc alone.
#[global_allocator]
static ALLOCATOR: nianbao::pool::Pooled<std::alloc::System, nianbao::pool::PerThread> =
    nianbao::pool::Pooled::per_thread();

use cli::decode::{open, Encoding, OpenError, Opened};
use cli::inputs::{Input, Inputs};
use cli::pool::{for_each_ordered, Flow};
use cli::progress::Progress;
use cli::summary::Summary;
use std::cell::RefCell;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;
use std::time::{Duration, Instant};

const USAGE: &str = "\
nianbao — 政府信息公开工作年度报告校验工具
          validator for government information disclosure annual reports

用法 / Usage:
  nianbao check [OPTIONS] FILE|DIR...         校验报告；FILE 为 - 时读标准输入
                                              check reports; - reads standard input
  nianbao text FILE                           打印从文件读出的文本（报告中的位置即指此文本）
                                              print the text read from FILE (spans refer to it)
  nianbao rules                               列出全部规则 / list all rules
  nianbao explain CODE                        显示规则说明 / show a rule's documentation
  nianbao --help | --version

Options for check:
  -f, --format text|json   输出格式（默认 text）；json 为每个文件一行 JSON
                           output format (default text); json prints one JSON object per line
  -j, --jobs N             并行线程数（默认为 CPU 核数）/ threads (default: all cores)
      --summary FILE.csv   另写汇总表（UTF-8 BOM，Excel 可直接打开）：每个文件一行
                           also write a CSV summary, one row per file (UTF-8 with BOM, for Excel):
                           file,format,year,body,errors,warnings,infos,codes,problem
  -q, --quiet              不显示进度和最后的统计行 / no progress line, no closing tally on stderr
      --problems FILE      另写问题清单：.xlsx 为工作簿（“报告”“问题”两张表），其他为 CSV（每个问题一行：
                           文件、单位、年度、代码、级别、问题、部分、行号、单元格、如何修改）
                           also write the problem list: a workbook for FILE.xlsx (sheets 报告 and 问题),
                           else CSV with one row per finding (where it is and how to fix it)
      --round              跨报告检查（X001–X005）：与同一单位上一年度的报告、与其他单位的报告比较，
                           结果在各文件之后输出；json 为每个有发现的文件一行 {\"file\":…,\"round\":[…]}
                           compare the reports across files (X001–X005: last year's report of the
                           same body, the other bodies'), printed after the files; in json one line
                           {\"file\":…,\"round\":[…]} per file with findings

目录会递归检查其中的 .txt .md .html .htm .docx .doc .pdf 文件（跳过以 . 开头的文件和目录），按文件名排序；
结果按输入顺序输出。无法读取或识别的文件在 json 输出中是一行 {\"file\":…,\"error\":{…}}。
A DIR is searched recursively for .txt .md .html .htm .docx .doc .pdf files (names starting with . are skipped),
in name order; results are printed in input order. A file that cannot be read or decoded is a
line {\"file\":…,\"error\":{\"kind\":…,\"message\":…}} in json output, and a message on stderr.

文件可以是 UTF-8、带 BOM 的 UTF-16 或 GB18030/GBK 编码的文本或 HTML，或 Word 文档（.docx）；
.doc、PDF、图片等会给出说明，不作检查。文件类型按内容识别，与扩展名无关。
Files may be text or HTML in UTF-8, UTF-16 with a byte-order mark, or GB18030/GBK, or Word
documents (.docx); .doc, PDF, images and the like get a message saying what to do instead. Files
are recognised by their bytes, not their names.

`nianbao template` 以 JSON 打印官方表格模板（供测试数据生成器使用）
`nianbao template` prints the official template as JSON (for the test data generators).

退出码 / Exit status:
  0  未发现错误 / no error-level findings
  1  至少一个错误 / at least one error-level finding
  2  用法、读取或编码错误 / usage, I/O or decoding error
";

const EXIT_OK: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    ExitCode::from(run(&args))
}

fn usage_error(msg: &str) -> u8 {
    eprintln!("nianbao: {msg}");
    eprintln!("运行 `nianbao --help` 查看用法 / run `nianbao --help` for usage");
    EXIT_TROUBLE
}

fn run(args: &[OsString]) -> u8 {
    let Some(first) = args.first() else {
        eprint!("{USAGE}");
        return EXIT_TROUBLE;
    };
    let rest = &args[1..];
    match first.to_str() {
        Some("-h" | "--help" | "help") => {
            if rest.is_empty() || first != "help" {
                print_out(USAGE);
                EXIT_OK
            } else {
                run(&[rest[0].clone(), OsString::from("--help")])
            }
        }
        Some("-V" | "--version") => {
            print_out(&format!("nianbao {}\n", env!("CARGO_PKG_VERSION")));
            EXIT_OK
        }
        Some("check") => check(rest),
        Some("rules") => rules(rest),
        Some("explain") => explain(rest),
        Some("template") => template(rest),
        Some("text") => text(rest),
        _ => usage_error(&format!("未知命令 / unknown command: {}", first.to_string_lossy())),
    }
}

/// Writes to stdout; a closed pipe (`nianbao rules | head -1`) is not an error worth a panic.
fn print_out(s: &str) -> bool {
    let mut out = io::stdout().lock();
    out.write_all(s.as_bytes()).and_then(|()| out.flush()).is_ok()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum OutputFormat {
    Text,
    Json,
}

fn parse_format(v: &str) -> Option<OutputFormat> {
    match v {
        "text" => Some(OutputFormat::Text),
        "json" => Some(OutputFormat::Json),
        _ => None,
    }
}

/// The options of `check`.
struct CheckOptions {
    format: OutputFormat,
    jobs: usize,
    summary: Option<OsString>,
    quiet: bool,
    /// Run the X rules across the files.
    round: bool,
    /// Where to write the problem list (`.xlsx` or CSV).
    problems: Option<OsString>,
    inputs: Vec<OsString>,
}

/// A parser for a command's arguments. `-j=4` keeps its `=` (the value is `=4`), as `-jN` would.
fn parser(args: &[OsString]) -> lexopt::Parser {
    let mut p = lexopt::Parser::from_args(args.iter().cloned());
    p.set_short_equals(false);
    p
}

/// An argument as it was written, for messages: a word, `--name` or `-x`.
fn spelling(arg: &lexopt::Arg) -> String {
    match arg {
        lexopt::Arg::Long(n) => format!("--{n}"),
        lexopt::Arg::Short(c) => format!("-{c}"),
        lexopt::Arg::Value(v) => v.to_string_lossy().into_owned(),
    }
}

/// An option as it was written with what is attached to it: `--name=value`, or the rest of a
/// short option's cluster (`-xyz`).
fn with_attached(p: &mut lexopt::Parser, written: String) -> String {
    match p.optional_value() {
        Some(v) if written.starts_with("--") => format!("{written}={}", v.to_string_lossy()),
        Some(v) => format!("{written}{}", v.to_string_lossy()),
        None => written,
    }
}

/// The value of the option just read (`name` as written, for the message).
fn value_of(p: &mut lexopt::Parser, name: &str) -> Result<OsString, u8> {
    p.value().map_err(|_| usage_error(&format!("{name} 需要一个值 / {name} needs a value")))
}

/// The words of a command whose only option is `-h`/`--help`, with any other option kept as a
/// word as written. `Err` carries the exit status (help printed, or a usage error).
fn words(args: &[OsString]) -> Result<Vec<String>, u8> {
    use lexopt::Arg::{Long, Short};
    let mut p = parser(args);
    let mut words = Vec::new();
    loop {
        let arg = match p.next() {
            Ok(Some(arg)) => arg,
            Ok(None) => return Ok(words),
            Err(e) => return Err(usage_error(&e.to_string())),
        };
        if matches!(arg, Short('h') | Long("help")) {
            print_out(USAGE);
            return Err(EXIT_OK);
        }
        let written = spelling(&arg);
        words.push(with_attached(&mut p, written));
    }
}

/// Parses `check`'s arguments; `Err` carries the exit status (help printed, or a usage error).
fn parse_check(args: &[OsString]) -> Result<CheckOptions, u8> {
    use lexopt::Arg::{Long, Short, Value};
    let mut opts = CheckOptions {
        format: OutputFormat::Text,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        summary: None,
        quiet: false,
        round: false,
        problems: None,
        inputs: Vec::new(),
    };
    let mut p = parser(args);
    loop {
        let arg = match p.next() {
            Ok(Some(arg)) => arg,
            Ok(None) => break,
            // `--quiet=yes`: a flag given a value.
            Err(lexopt::Error::UnexpectedValue { option, value }) => {
                let value = value.to_string_lossy();
                return Err(usage_error(&format!("{option} 不带值 / {option} takes no value: {value}")));
            }
            Err(e) => return Err(usage_error(&e.to_string())),
        };
        // `--name=value`, `--name value`, `-x value` and `-xvalue` for options with a value.
        match arg {
            Value(v) => opts.inputs.push(v),
            Short('h') | Long("help") => {
                print_out(USAGE);
                return Err(EXIT_OK);
            }
            Short('q') | Long("quiet") => opts.quiet = true,
            Long("round") => opts.round = true,
            Long("problems") => opts.problems = Some(value_of(&mut p, "--problems")?),
            Short('f') | Long("format") => {
                let name = spelling(&arg);
                let v = value_of(&mut p, &name)?;
                let v = v.to_str().unwrap_or_default();
                match parse_format(v) {
                    Some(f) => opts.format = f,
                    None => return Err(usage_error(&format!("未知输出格式 / unknown format: {v} (text, json)"))),
                }
            }
            Short('j') | Long("jobs") => {
                let name = spelling(&arg);
                let v = value_of(&mut p, &name)?;
                let v = v.to_str().unwrap_or_default();
                match v.parse::<usize>() {
                    Ok(n) if n >= 1 => opts.jobs = n,
                    _ => return Err(usage_error(&format!("-j 需要一个正整数 / -j needs a positive number: {v}"))),
                }
            }
            Long("summary") => opts.summary = Some(value_of(&mut p, "--summary")?),
            _ => {
                let written = spelling(&arg);
                let written = with_attached(&mut p, written);
                return Err(usage_error(&format!("未知选项 / unknown option: {written}")));
            }
        }
    }
    if opts.inputs.is_empty() {
        return Err(usage_error("请指定要检查的文件或目录 / no FILE or DIR given (use - for standard input)"));
    }
    Ok(opts)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Clean,
    Findings,
    /// Not checked: unreadable, undecodable, or an internal error.
    Trouble,
}

/// One file's result, made on a worker thread and printed in input order.
struct Checked {
    /// For stdout (no leading separator).
    output: String,
    /// For stderr, one line each, printed before `output`.
    messages: Vec<String>,
    row: cli::summary::Row,
    outcome: Outcome,
    bytes: usize,
    /// What the X rules compare across the files given.
    entry: Option<nianbao::round::Entry>,
    /// This file's rows of the problem list.
    problems: Option<cli::problems::Problems>,
}

/// `{"file":…,"error":{"kind":…,"message":…}}`: a file that could not be checked, in the JSON stream.
fn error_record(display: &str, kind: &str, message: &str) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| String::from("\"\""));
    format!("{{\"file\":{},\"error\":{{\"kind\":{},\"message\":{}}}}}\n", q(display), q(kind), q(message))
}

fn not_checked(display: &str, format: OutputFormat, kind: &str, message: String, stderr_line: String) -> Checked {
    Checked {
        output: if format == OutputFormat::Json { error_record(display, kind, &message) } else { String::new() },
        messages: vec![stderr_line],
        row: cli::summary::Row::problem(display, &message),
        outcome: Outcome::Trouble,
        bytes: 0,
        entry: None,
        problems: None,
    }
}

fn check_one(input: Input, format: OutputFormat, color: bool, round: bool, problems: bool) -> Checked {
    let display = input.display();
    let bytes = match &input {
        Input::Problem { message, .. } => {
            let line = format!("nianbao: {display}: {message}");
            return not_checked(&display, format, "input", message.clone(), line);
        }
        Input::Stdin => {
            let mut buf = Vec::new();
            io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
        }
        Input::File(path) => std::fs::read(path),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            let line = format!("nianbao: 无法读取文件 / cannot read {display}: {e}");
            return not_checked(&display, format, "read", format!("cannot read: {e}"), line);
        }
    };
    let size = bytes.len();
    let decoded = match open_bytes(&display, bytes) {
        Ok(d) => d,
        Err(e) => {
            let line = format!("nianbao: {}", e.stderr);
            return not_checked(&display, format, "decode", e.message, line);
        }
    };
    let mut messages = Vec::new();
    if let Some(note) = &decoded.note {
        messages.push(format!("nianbao: {display}: {note}"));
    }
    let text = &decoded.text;
    let Ok(mut report) = catch_unwind(AssertUnwindSafe(|| nianbao::validate(text))) else {
        let line = format!("nianbao: 内部错误 / internal error while checking {display} (this is a bug in nianbao)");
        return not_checked(&display, format, "internal", "internal error while checking".into(), line);
    };
    report.source = Some(nianbao::Source { kind: decoded.kind, name: base_name(&input) });
    let rendered = catch_unwind(AssertUnwindSafe(|| match format {
        OutputFormat::Text => {
            let encoding = match decoded.encoding {
                Some(Encoding::Utf8) => None,
                Some(e) => Some(e.name()),
                None if decoded.kind == nianbao::SourceKind::Doc => Some("Word .doc"),
                None if decoded.kind == nianbao::SourceKind::Pdf => Some("PDF"),
                None => Some("Word .docx"),
            };
            let opts = cli::render::Options { color, encoding };
            cli::render::render_text_with(&display, text, &report, opts)
        }
        OutputFormat::Json => {
            let mut s = cli::json::report_json(&display, text, &report);
            s.push('\n');
            s
        }
    }));
    let Ok(output) = rendered else {
        let line = format!("nianbao: 内部错误 / internal error while printing {display} (this is a bug in nianbao)");
        return not_checked(&display, format, "internal", "internal error while printing".into(), line);
    };
    let outcome = if report.count(nianbao::Severity::Error) > 0 { Outcome::Findings } else { Outcome::Clean };
    let entry = round.then(|| nianbao::round::Entry::new(&display, text, &report));
    let problems = problems.then(|| {
        let mut p = cli::problems::Problems::default();
        p.add_report(&display, text, &report);
        p
    });
    Checked {
        output,
        messages,
        row: cli::summary::Row::checked(&display, &report),
        outcome,
        bytes: size,
        entry,
        problems,
    }
}

/// `nianbao text FILE`: the text the checker reads from FILE (a `.docx`'s extracted text, a text
/// file decoded), which spans, lines and columns refer to.
fn text(args: &[OsString]) -> u8 {
    let words = match words(args) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let [path] = words.as_slice() else {
        return usage_error("text 需要一个文件 / text takes one FILE");
    };
    let input = if path == "-" { Input::Stdin } else { Input::File(path.into()) };
    let display = input.display();
    let bytes = match &input {
        Input::File(p) => std::fs::read(p),
        _ => {
            let mut buf = Vec::new();
            io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
        }
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            eprintln!("nianbao: 无法读取文件 / cannot read {display}: {e}");
            return EXIT_TROUBLE;
        }
    };
    match open_bytes(&display, bytes) {
        Ok(opened) => {
            print_out(&opened.text);
            EXIT_OK
        }
        Err(e) => {
            eprintln!("nianbao: {}", e.stderr);
            EXIT_TROUBLE
        }
    }
}

/// Why a file gave no text: for the JSON record, and for stderr.
struct NotOpened {
    message: String,
    stderr: String,
}

fn open_bytes(display: &str, bytes: Vec<u8>) -> Result<Opened, NotOpened> {
    open(bytes).map_err(|e| match e {
        OpenError::Decode(d) => NotOpened {
            message: format!("cannot decode: {d}"),
            stderr: format!("无法识别文件编码 / cannot decode {display}: {d}"),
        },
        OpenError::File(f) => NotOpened { message: f.message(), stderr: format!("{display}: {}", f.message()) },
    })
}

/// The file's own name (without its directories), as `source.name`.
fn base_name(input: &Input) -> String {
    match input {
        Input::File(p) => p.file_name().map_or_else(|| input.display(), |n| n.to_string_lossy().into_owned()),
        _ => input.display(),
    }
}

/// Tallies for the exit status and the closing line.
#[derive(Default)]
struct Totals {
    files: usize,
    with_errors: usize,
    not_checked: usize,
}

fn check(args: &[OsString]) -> u8 {
    let opts = match parse_check(args) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let format = opts.format;
    let color = format == OutputFormat::Text
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut summary = match &opts.summary {
        None => None,
        Some(path) => match std::fs::File::create(path).and_then(|f| Summary::new(io::BufWriter::new(f))) {
            Ok(s) => Some(s),
            Err(e) => {
                eprintln!("nianbao: 无法写入汇总表 / cannot write summary {}: {e}", path.to_string_lossy());
                return EXIT_TROUBLE;
            }
        },
    };

    let start = Instant::now();
    // `sink` and `tick` both draw on the progress line; they run on this thread, one at a time.
    let progress = RefCell::new(Progress::new(!opts.quiet && io::stderr().is_terminal()));
    let mut totals = Totals::default();
    let mut printed_any = false;
    let mut stdout_gone = false;
    let mut summary_failed = false;
    let window = opts.jobs * 4;
    let mut entries: Vec<nianbao::round::Entry> = Vec::new();
    let mut problems = cli::problems::Problems::default();

    let sink = |checked: Option<Checked>| {
        let mut progress = progress.borrow_mut();
        totals.files += 1;
        let Some(c) = checked else {
            progress.clear();
            eprintln!("nianbao: 内部错误 / internal error (this is a bug in nianbao)");
            totals.not_checked += 1;
            return Flow::Continue;
        };
        match c.outcome {
            Outcome::Clean => {}
            Outcome::Findings => totals.with_errors += 1,
            Outcome::Trouble => totals.not_checked += 1,
        }
        progress.add_bytes(c.bytes);
        entries.extend(c.entry);
        if opts.problems.is_some() {
            match c.problems {
                Some(p) => problems.extend(p),
                None => problems.add_problem(&c.row.file, &c.row.problem),
            }
        }
        if !c.messages.is_empty() || !c.output.is_empty() {
            progress.clear();
        }
        for m in &c.messages {
            eprintln!("{m}");
        }
        if !c.output.is_empty() {
            let separated;
            let out = if format == OutputFormat::Text && printed_any {
                separated = format!("\n{}", c.output);
                &separated
            } else {
                &c.output
            };
            printed_any = true;
            if !print_out(out) {
                // stdout is gone (closed pipe): nothing more can be shown.
                stdout_gone = true;
                return Flow::Stop;
            }
        }
        if let Some(s) = summary.as_mut() {
            if !summary_failed {
                if let Err(e) = s.row(&c.row) {
                    summary_failed = true;
                    eprintln!("nianbao: 无法写入汇总表 / cannot write summary: {e}");
                }
            }
        }
        Flow::Continue
    };
    let work = |input: Input| check_one(input, format, color, opts.round, opts.problems.is_some());
    let tick = |status| progress.borrow_mut().update(status);
    for_each_ordered(Inputs::new(opts.inputs), opts.jobs, window, work, sink, tick, Duration::from_millis(200));
    progress.borrow_mut().clear();
    let round = if entries.len() > 1 { nianbao::round::compare(&entries) } else { Vec::new() };
    if !stdout_gone {
        print_round(&entries, &round, format, printed_any);
    }
    let round_errors = round.iter().flatten().any(|d| d.severity == nianbao::Severity::Error);
    if let Some(path) = &opts.problems {
        for (e, found) in entries.iter().zip(&round) {
            problems.add_round(e, found);
        }
        if let Err(e) = problems.write(std::path::Path::new(path)) {
            summary_failed = true;
            eprintln!("nianbao: 无法写入问题清单 / cannot write the problem list {}: {e}", path.to_string_lossy());
        }
    }

    if let Some(s) = summary {
        if let Err(e) = s.finish() {
            summary_failed = true;
            eprintln!("nianbao: 无法写入汇总表 / cannot write summary: {e}");
        }
    }
    if totals.files > 1 && !opts.quiet && !stdout_gone {
        eprintln!(
            "nianbao: 共 {} 个文件，{} 个有错误，{} 个未能检查，用时 {:.2} 秒 / {} files, {} with errors, {} not checked, {:.2} s",
            totals.files,
            totals.with_errors,
            totals.not_checked,
            start.elapsed().as_secs_f64(),
            totals.files,
            totals.with_errors,
            totals.not_checked,
            start.elapsed().as_secs_f64(),
        );
    }
    if totals.not_checked > 0 || summary_failed {
        EXIT_TROUBLE
    } else {
        exit_for(totals.with_errors > 0 || round_errors)
    }
}

/// The X findings across the files checked (each compared with its body's report of the year
/// before and with the others), printed after the files: in text a section of its own, in JSON
/// one line per file with findings, `{"file":…,"round":[…]}`.
fn print_round(
    entries: &[nianbao::round::Entry],
    found: &[Vec<nianbao::Diagnostic>],
    format: OutputFormat,
    printed_any: bool,
) {
    let mut out = String::new();
    for (e, ds) in entries.iter().zip(found).filter(|(_, ds)| !ds.is_empty()) {
        match format {
            OutputFormat::Json => {
                let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| String::from("\"\""));
                let ds = serde_json::to_string(ds).unwrap_or_else(|_| String::from("[]"));
                out.push_str(&format!("{{\"file\":{},\"round\":{ds}}}\n", q(&e.file)));
            }
            OutputFormat::Text => {
                if out.is_empty() {
                    out.push_str(if printed_any { "\n" } else { "" });
                    out.push_str("跨报告检查 / across reports (X001–X005)\n");
                }
                out.push_str(&format!("{}\n", e.file));
                for d in ds {
                    out.push_str(&format!("  {} {} {}\n", d.code, d.severity.word(), d.message));
                    // Where, as the other findings say it: `--> file:line:column`.
                    if let Some(p) = d.spans.first().and_then(|s| e.place(s.start)) {
                        out.push_str(&format!("    --> {}:{}:{}\n", e.file, p.line, p.column));
                    }
                }
            }
        }
    }
    if !out.is_empty() {
        print_out(&out);
    }
}

fn exit_for(findings: bool) -> u8 {
    if findings {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// One line per rule: code, severity and title in aligned columns.
fn rules(args: &[OsString]) -> u8 {
    let words = match words(args) {
        Ok(w) => w,
        Err(code) => return code,
    };
    if let Some(a) = words.first() {
        return usage_error(&format!("rules 不接受参数 / unexpected argument: {a}"));
    }
    let all = nianbao::rules();
    let code_w = all.iter().map(|r| r.code.chars().count()).max().unwrap_or(4);
    let mut out = String::new();
    for r in all {
        out.push_str(&format!("{:code_w$}  {:7}  {}\n", r.code, r.severity.as_str(), r.title));
    }
    print_out(&out);
    EXIT_OK
}

/// The template both forms share with the page (`nianbao::template::describe`), as JSON.
fn template(args: &[OsString]) -> u8 {
    if let Some(a) = args.first() {
        return usage_error(&format!("template 不接受参数 / unexpected argument: {}", a.to_string_lossy()));
    }
    match serde_json::to_string_pretty(&nianbao::template::describe()) {
        Ok(json) => {
            print_out(&(json + "\n"));
            EXIT_OK
        }
        Err(e) => usage_error(&e.to_string()),
    }
}

fn explain(args: &[OsString]) -> u8 {
    let words = match words(args) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let [code] = &words[..] else {
        return usage_error("用法 / usage: nianbao explain CODE（例如 / e.g. R001）");
    };
    let Some(rule) = nianbao::rules::find(code.trim()) else {
        eprintln!("nianbao: 未知规则代码 / unknown rule code: {code}");
        eprintln!("运行 `nianbao rules` 查看全部规则 / run `nianbao rules` to list all rules");
        return EXIT_TROUBLE;
    };
    let mut out = format!("{} · {} · {}\n\n", rule.code, rule.severity.as_str(), rule.title);
    out.push_str(rule.doc.trim_end());
    out.push('\n');
    print_out(&out);
    EXIT_OK
}
