//! `nianbao`: the command-line tool.
//!
//! ```text
//! nianbao check [--format text|json] FILE...   (FILE may be - for standard input)
//! nianbao rules
//! nianbao explain CODE
//! ```
//! Exit status: 0 no errors found, 1 a finding of severity `error` in some file, 2 a usage, I/O or
//! decoding error (the other files are still checked).

mod cli;

use cli::decode::{decode, Encoding};
use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

const USAGE: &str = "\
nianbao — 政府信息公开工作年度报告校验工具
          validator for government information disclosure annual reports

用法 / Usage:
  nianbao check [--format text|json] FILE...  校验报告；FILE 为 - 时读标准输入
                                              check reports; - reads standard input
  nianbao rules                               列出全部规则 / list all rules
  nianbao explain CODE                        显示规则说明 / show a rule's documentation
  nianbao --help | --version

Options for check:
  -f, --format text|json   输出格式（默认 text）；json 为每个文件一行 JSON
                           output format (default text); json prints one JSON object per line

文件可以是 UTF-8、带 BOM 的 UTF-16 或 GB18030/GBK 编码。
Files may be UTF-8, UTF-16 with a byte-order mark, or GB18030/GBK.

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
        _ => usage_error(&format!(
            "未知命令 / unknown command: {}",
            first.to_string_lossy()
        )),
    }
}

fn wants_help(args: &[OsString]) -> bool {
    args.iter().any(|a| a == "-h" || a == "--help")
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

fn check(args: &[OsString]) -> u8 {
    let mut format = OutputFormat::Text;
    let mut files: Vec<OsString> = Vec::new();
    let mut only_files = false;
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if only_files {
            files.push(arg.clone());
            continue;
        }
        let Some(s) = arg.to_str() else {
            files.push(arg.clone());
            continue;
        };
        match s {
            "--" => only_files = true,
            "-h" | "--help" => {
                print_out(USAGE);
                return EXIT_OK;
            }
            "-f" | "--format" => {
                let Some(v) = args.get(i).and_then(|v| v.to_str()) else {
                    return usage_error("--format 需要一个值 / --format needs a value: text or json");
                };
                i += 1;
                match parse_format(v) {
                    Some(f) => format = f,
                    None => return usage_error(&format!("未知输出格式 / unknown format: {v} (text, json)")),
                }
            }
            _ if s.starts_with("--format=") => {
                let v = &s["--format=".len()..];
                match parse_format(v) {
                    Some(f) => format = f,
                    None => return usage_error(&format!("未知输出格式 / unknown format: {v} (text, json)")),
                }
            }
            "-" => files.push(arg.clone()),
            _ if s.starts_with('-') => {
                return usage_error(&format!("未知选项 / unknown option: {s}"));
            }
            _ => files.push(arg.clone()),
        }
    }
    if files.is_empty() {
        return usage_error("请指定要检查的文件 / no FILE given (use - for standard input)");
    }

    let color = format == OutputFormat::Text
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut trouble = false;
    let mut findings = false;
    let mut printed_any = false;
    for file in &files {
        let display = if file == "-" { "<stdin>".to_owned() } else { file.to_string_lossy().into_owned() };
        let bytes = if file == "-" {
            let mut buf = Vec::new();
            io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
        } else {
            std::fs::read(file)
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                eprintln!("nianbao: 无法读取文件 / cannot read {display}: {e}");
                trouble = true;
                continue;
            }
        };
        let decoded = match decode(bytes) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("nianbao: 无法识别文件编码 / cannot decode {display}: {e}");
                trouble = true;
                continue;
            }
        };
        if let Some(note) = &decoded.note {
            eprintln!("nianbao: {display}: {note}");
        }
        let text = &decoded.text;
        let report = match catch_unwind(AssertUnwindSafe(|| nianbao::validate(text))) {
            Ok(r) => r,
            Err(_) => {
                eprintln!("nianbao: 内部错误 / internal error while checking {display} (this is a bug in nianbao)");
                trouble = true;
                continue;
            }
        };
        if report.count(nianbao::Severity::Error) > 0 {
            findings = true;
        }
        let rendered = catch_unwind(AssertUnwindSafe(|| match format {
            OutputFormat::Text => {
                let encoding = decoded.encoding;
                let opts = cli::render::Options {
                    color,
                    encoding: (encoding != Encoding::Utf8).then(|| encoding.name()),
                };
                let mut s = cli::render::render_text_with(&display, text, &report, opts);
                if printed_any {
                    s.insert(0, '\n');
                }
                s
            }
            OutputFormat::Json => {
                let mut s = cli::json::report_json(&display, text, &report);
                s.push('\n');
                s
            }
        }));
        match rendered {
            Ok(s) => {
                printed_any = true;
                if !print_out(&s) {
                    // stdout is gone (closed pipe): nothing more can be shown.
                    return if trouble { EXIT_TROUBLE } else { exit_for(findings) };
                }
            }
            Err(_) => {
                eprintln!("nianbao: 内部错误 / internal error while printing {display} (this is a bug in nianbao)");
                trouble = true;
            }
        }
    }
    if trouble {
        EXIT_TROUBLE
    } else {
        exit_for(findings)
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
    if wants_help(args) {
        print_out(USAGE);
        return EXIT_OK;
    }
    if let Some(a) = args.first() {
        return usage_error(&format!("rules 不接受参数 / unexpected argument: {}", a.to_string_lossy()));
    }
    let all = nianbao::rules();
    let code_w = all.iter().map(|r| r.code.chars().count()).max().unwrap_or(4);
    let mut out = String::new();
    for r in all {
        out.push_str(&format!(
            "{:code_w$}  {:7}  {}\n",
            r.code,
            r.severity.as_str(),
            r.title
        ));
    }
    print_out(&out);
    EXIT_OK
}

fn explain(args: &[OsString]) -> u8 {
    if wants_help(args) {
        print_out(USAGE);
        return EXIT_OK;
    }
    let [code] = args else {
        return usage_error("用法 / usage: nianbao explain CODE（例如 / e.g. R001）");
    };
    let code = code.to_string_lossy();
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
