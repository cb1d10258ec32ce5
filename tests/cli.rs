//! End-to-end tests of the `nianbao` binary.
#![cfg(feature = "cli")]

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");

/// A complete 2021-format report, tables as tab-separated rows (a Word/HTML copy), in which the
/// section 三 identity fails: 一 + 二 = 3 + 0 = 3 but （七）总计 + 四 = 2 + 0 = 2 (columns 自然人
/// and 总计). Everything else adds up.
const R001_REPORT: &str = "\
临江新区2024年政府信息公开工作年度报告
一、总体情况
2024年，新区共收到政府信息公开申请3件，予以公开2件。
二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t0\t0\t0
第二十条第（五）项
信息内容\t本年处理决定数量
行政许可\t0
第二十条第（六）项
信息内容\t本年处理决定数量
行政处罚\t0
行政强制\t0
第二十条第（八）项
信息内容\t本年收费金额（单位：万元）
行政事业性收费\t0
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况
自然人\t法人或其他组织\t总计
商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他
一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3
二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0
三、本年度办理结果\t（一）予以公开\t2\t0\t0\t0\t0\t0\t2
（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0\t0\t0
（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0
2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0
3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0
4.保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0
5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0
6.属于四类过程性信息\t0\t0\t0\t0\t0\t0\t0
7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0
8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0
（四）无法提供\t1.本机关不掌握相关政府信息\t0\t0\t0\t0\t0\t0\t0
2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0
3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0
（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0
2.重复申请\t0\t0\t0\t0\t0\t0\t0
3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0
4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0
5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0
（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0
3.其他\t0\t0\t0\t0\t0\t0\t0
（七）总计\t2\t0\t0\t0\t0\t0\t2
四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0
四、政府信息公开行政复议、行政诉讼情况
行政复议\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0
五、存在的主要问题及改进情况
信息公开的及时性还需加强。下一步将完善审核流程，提高公开质量。
六、其他需要报告的事项
本年度未收取信息处理费。
";

/// A short Chinese text (not a whole report) for encoding tests.
const SAMPLE: &str =
    "临江新区2024年政府信息公开工作年度报告\n一、总体情况\n本年新收政府信息公开申请3件，予以公开2件。\n";

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).env("NO_COLOR", "1").output().unwrap()
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally (not killed by a signal)")
}
fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
fn no_panic(o: &Output) {
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

/// The JSON without the `file` and `source` fields (which name the file), to compare two inputs
/// that should decode to the same text.
fn without_file(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("file");
    v.as_object_mut().unwrap().remove("source");
    v
}

fn visit_spans<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                match (k.as_str(), child) {
                    ("span", Value::Object(_)) => out.push(child),
                    ("spans", Value::Array(items)) => out.extend(items.iter()),
                    _ => visit_spans(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| visit_spans(i, out)),
        _ => {}
    }
}

#[test]
fn no_arguments_is_a_usage_error() {
    let o = run(&[]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("Usage"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn template_prints_both_forms_as_json() {
    let o = run(&["template"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["formats"]["2021"]["tables"][1]["key"], "applications");
    assert_eq!(v["formats"]["2019"]["tables"][1]["rows"].as_array().map(Vec::len), Some(23));
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["frobnicate"][..],
        &["check"],
        &["check", "--format"],
        &["check", "--format", "xml", "a.txt"],
        &["check", "--format=yaml", "a.txt"],
        &["check", "--bogus", "a.txt"],
        &["explain"],
        &["explain", "R001", "R002"],
        &["rules", "extra"],
        &["template", "extra"],
    ] {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(!stderr(&o).is_empty(), "{args:?}");
        no_panic(&o);
    }
}

#[test]
fn help_and_version() {
    for args in [&["--help"][..], &["-h"], &["check", "--help"], &["help", "check"]] {
        let o = run(args);
        assert_eq!(code(&o), 0, "{args:?}");
        let out = stdout(&o);
        assert!(out.contains("nianbao check") && out.contains("explain"), "{out}");
    }
    let o = run(&["--version"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o).trim(), format!("nianbao {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn missing_file_is_reported_and_others_still_checked() {
    let good = tmp("good.txt", SAMPLE.as_bytes());
    let missing = tmp("x", b"").with_file_name("does-not-exist.txt");
    let o = run(&["check", missing.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("does-not-exist.txt"), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    assert!(stdout(&o).starts_with(good.to_str().unwrap()), "{}", stdout(&o));

    // In JSON the missing file is a record of its own, in its place in the stream.
    let o = run(&["check", "--format", "json", good.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], good.to_str().unwrap());
    assert!(lines[0].get("error").is_none());
    assert_eq!(lines[1]["file"], missing.to_str().unwrap());
    assert_eq!(lines[1]["error"]["kind"], "read");
    assert!(lines[1]["error"]["message"].as_str().unwrap().starts_with("cannot read"), "{}", lines[1]);
    assert!(lines[1].get("diagnostics").is_none());
}

#[test]
fn reads_standard_input() {
    let o = run_stdin(&["check", "-"], SAMPLE.as_bytes());
    no_panic(&o);
    assert_ne!(code(&o), 2, "{}", stderr(&o));
    assert!(stdout(&o).starts_with("<stdin>: 格式 "), "{}", stdout(&o));

    let o = run_stdin(&["check", "--format=json", "-"], R001_REPORT.as_bytes());
    let from_stdin = json_lines(&o);
    assert_eq!(from_stdin.len(), 1);
    assert_eq!(from_stdin[0]["file"], "<stdin>");
    let f = tmp("r001-stdin-compare.txt", R001_REPORT.as_bytes());
    let from_file = json_lines(&run(&["check", "-f", "json", f.to_str().unwrap()]));
    assert_eq!(without_file(from_stdin[0].clone()), without_file(from_file[0].clone()));
}

#[test]
fn gbk_input_is_decoded() {
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(R001_REPORT);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err(), "the sample must not also be valid UTF-8");
    let gbk_path = tmp("report-gbk.txt", &gbk);
    let utf8_path = tmp("report-utf8.txt", R001_REPORT.as_bytes());

    let o = run(&["check", gbk_path.to_str().unwrap()]);
    no_panic(&o);
    assert_ne!(code(&o), 2, "{}", stderr(&o));
    let header = stdout(&o).lines().next().unwrap_or_default().to_owned();
    assert!(header.contains("编码 GB18030"), "{header}");

    // Same text, same offsets: the JSON for the GBK file equals the one for the UTF-8 file.
    let a = json_lines(&run(&["check", "--format", "json", gbk_path.to_str().unwrap()]));
    let b = json_lines(&run(&["check", "--format", "json", utf8_path.to_str().unwrap()]));
    assert_eq!(without_file(a[0].clone()), without_file(b[0].clone()));
}

#[test]
fn utf16_with_bom_is_decoded() {
    let utf8_path = tmp("sample-utf8.txt", R001_REPORT.as_bytes());
    let expected = without_file(json_lines(&run(&["check", "-f", "json", utf8_path.to_str().unwrap()]))[0].clone());
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in R001_REPORT.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    for (name, bytes) in [("utf16le.txt", le), ("utf16be.txt", be)] {
        let p = tmp(name, &bytes);
        let o = run(&["check", "-f", "json", p.to_str().unwrap()]);
        assert_ne!(code(&o), 2, "{name}: {}", stderr(&o));
        assert_eq!(without_file(json_lines(&o)[0].clone()), expected, "{name}");
    }
    // A UTF-8 BOM is dropped, so offsets match the BOM-less text.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(R001_REPORT.as_bytes());
    let p = tmp("utf8bom.txt", &bom);
    assert_eq!(without_file(json_lines(&run(&["check", "-f", "json", p.to_str().unwrap()]))[0].clone()), expected);
}

#[test]
fn binary_garbage_is_refused() {
    let mut x: u32 = 0x2545_F491;
    let garbage: Vec<u8> = (0..20_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 8) as u8
        })
        .collect();
    let bin = tmp("garbage.bin", &garbage);
    let good = tmp("good2.txt", SAMPLE.as_bytes());
    let o = run(&["check", bin.to_str().unwrap(), good.to_str().unwrap()]);
    no_panic(&o);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("无法识别文件编码") && err.contains("cannot decode"), "{err}");
    assert!(err.contains("garbage.bin") && err.contains("not UTF-8, UTF-16 or GB18030"), "{err}");
    // Nothing garbled on stdout: only the good file's output.
    assert!(!stdout(&o).contains("garbage.bin"));
    assert!(stdout(&o).starts_with(good.to_str().unwrap()));

    // Latin-1 text is not GB18030 either, nor is a file of NUL bytes.
    let latin1: Vec<u8> = "Caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e, d\u{e9}j\u{e0} vu \u{e0} l'h\u{f4}tel"
        .chars()
        .map(|c| c as u8)
        .collect();
    for (name, bytes) in [("latin1.txt", latin1), ("zeros.bin", vec![0u8; 4096])] {
        let o = run(&["check", tmp(name, &bytes).to_str().unwrap()]);
        assert_eq!(code(&o), 2, "{name}");
        assert!(stderr(&o).contains("cannot decode"), "{name}");
        assert!(o.stdout.is_empty(), "{name}");
    }
}

#[test]
fn json_output_structure() {
    let a = tmp("json-a.txt", R001_REPORT.as_bytes());
    let b = tmp("json-b.txt", SAMPLE.as_bytes());
    let o = run(&["check", "--format", "json", a.to_str().unwrap(), b.to_str().unwrap()]);
    no_panic(&o);
    assert_ne!(code(&o), 2, "{}", stderr(&o));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2, "JSON Lines: one object per file");
    for (v, path) in lines.iter().zip([&a, &b]) {
        assert_eq!(v["file"], path.to_str().unwrap());
        assert!(matches!(v["format"].as_str(), Some("2021" | "2019" | "unknown")), "{v}");
        assert!(v["year"].is_null() || v["year"].is_i64());
        assert!(v["body"].is_null() || v["body"].is_string());
        assert!(v["sections"].is_array());
        assert!(v["tables"].is_object());
        assert!(v["diagnostics"].is_array());
        for d in v["diagnostics"].as_array().unwrap() {
            assert!(d["code"].is_string() && d["message"].is_string());
            assert!(matches!(d["severity"].as_str(), Some("error" | "warning" | "info")));
        }
        let mut spans = Vec::new();
        visit_spans(v, &mut spans);
        for s in spans {
            let (start, line, col) = (s["start"].as_u64(), s["line"].as_u64(), s["column"].as_u64());
            assert!(start.is_some() && s["end"].is_u64(), "{s}");
            assert!(line.unwrap_or(0) >= 1 && col.unwrap_or(0) >= 1, "span without line/column: {s}");
        }
    }
    // The file is the first key, so a human reading the stream sees it first.
    assert!(stdout(&o).starts_with("{\"file\":"));
}

#[test]
fn identity_failure_exits_1() {
    let p = tmp("r001.txt", R001_REPORT.as_bytes());
    let o = run(&["check", p.to_str().unwrap()]);
    no_panic(&o);
    let out = stdout(&o);
    assert_eq!(code(&o), 1, "{out}\n{}", stderr(&o));
    assert!(out.contains("R001 error: "), "{out}");
    assert!(out.contains(&format!(" --> {}:", p.to_str().unwrap())), "{out}");
    assert!(out.lines().next().unwrap().contains("发现"), "{out}");

    let o = run(&["check", "--format", "json", p.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let v = &json_lines(&o)[0];
    let r001 = v["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "R001").expect("an R001 diagnostic");
    assert_eq!(r001["severity"], "error");
    let span = &r001["spans"][0];
    // Section 三 starts on line 19 and its table ends on line 47.
    assert!((19..=47).contains(&span["line"].as_u64().unwrap()), "{span}");
    assert!(span["column"].as_u64().unwrap() >= 1, "{span}");

    // An error in one file and an unreadable other file: 2 wins.
    let o = run(&["check", p.to_str().unwrap(), "/nonexistent/nianbao/file.txt"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn rules_lists_the_catalog() {
    let o = run(&["rules"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    for code in ["S001", "R001", "R002", "R003", "L001"] {
        let line = out.lines().find(|l| l.starts_with(code)).unwrap_or_else(|| panic!("{code} missing:\n{out}"));
        assert!(line.contains("error"), "{line}");
    }
    assert!(out.lines().any(|l| l.starts_with("R005") && l.contains("info")), "{out}");
    // Aligned columns: `CODE  severity  title`, codes being four ASCII characters.
    for l in out.lines() {
        let (code, rest) = l.split_at(4);
        assert!(code.chars().all(|c| c.is_ascii_alphanumeric()), "{l}");
        assert!(rest.starts_with("  "), "{l}");
        let sev = rest.get(2..9).unwrap_or_default();
        assert!(matches!(sev, "error  " | "warning" | "info   "), "{l}");
        assert!(rest.get(9..11) == Some("  ") && !rest[11..].trim().is_empty(), "{l}");
    }
}

#[test]
fn explain_prints_documentation() {
    let o = run(&["explain", "R001"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("R001"), "{out}");
    assert!(out.contains("error"), "{out}");
    assert!(out.lines().count() > 3, "documentation expected:\n{out}");

    let o = run(&["explain", "r001"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with("R001"));

    let o = run(&["explain", "Z999"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("Z999"));
    assert!(o.stdout.is_empty());
}

#[test]
fn odd_inputs_do_not_panic() {
    let mut long_line = "表".repeat(200_000);
    long_line.push_str("\t3\t0 0 0 一、本年新收政府信息公开申请数量 ");
    long_line.push_str(&"尾".repeat(200_000));
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("empty.txt", Vec::new()),
        ("bom-only.txt", b"\xEF\xBB\xBF".to_vec()),
        ("newlines.txt", b"\n\n\r\n\r".to_vec()),
        ("long-line.txt", long_line.into_bytes()),
        ("cut-utf8.txt", SAMPLE.as_bytes()[..SAMPLE.len() - 2].to_vec()),
        ("controls.txt", "三、\x1b[31m收到\x0c和处理\t\u{202e}申请".as_bytes().to_vec()),
    ];
    for (name, bytes) in inputs {
        let p = tmp(name, &bytes);
        for fmt in ["text", "json"] {
            let o = run(&["check", "--format", fmt, p.to_str().unwrap()]);
            no_panic(&o);
            assert_ne!(code(&o), 2, "{name} {fmt}: {}", stderr(&o));
            assert!(!stdout(&o).contains('\x1b'), "{name}: raw escape printed");
        }
    }
    // A directory without any report file is reported, not silently passed.
    let empty = tmp("x", b"").with_file_name("no-reports");
    let _ = std::fs::remove_dir_all(&empty);
    std::fs::create_dir_all(empty.join("sub")).unwrap();
    std::fs::write(empty.join("sub/notes.xlsx"), b"PK").unwrap();
    let o = run(&["check", empty.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no report files"), "{}", stderr(&o));
    no_panic(&o);
}

// ---- Batch runs: directories, order, CSV summary, per-file errors ----

/// `R001_REPORT` with the identity repaired (2 received, 2 handled): no error-level finding.
fn clean_report(body: &str) -> String {
    R001_REPORT
        .replace(
            "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3",
            "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2",
        )
        .replace("共收到政府信息公开申请3件", "共收到政府信息公开申请2件")
        .replacen("临江新区", body, 1)
}

fn failing_report(body: &str) -> String {
    R001_REPORT.replacen("临江新区", body, 1)
}

/// A fresh, empty directory for one test.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-batch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn put(dir: &std::path::Path, rel: &str, bytes: &[u8]) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// RFC 4180 records (quoted fields with doubled quotes, CRLF or LF line ends).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "CSV ends with a line end");
    rows
}

fn files_in(o: &Output) -> Vec<String> {
    json_lines(o).iter().map(|v| v["file"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn a_directory_is_walked_in_name_order_picking_report_files() {
    let dir = fresh_dir("walk");
    put(&dir, "b-clean.txt", clean_report("乙区").as_bytes());
    put(&dir, "a-fails.TXT", failing_report("甲区").as_bytes());
    put(&dir, "sub/c.md", clean_report("丙区").as_bytes());
    put(&dir, "sub/d.html", b"<html><body><p>\xe4\xb8\x81\xe5\x8c\xba2024\xe5\xb9\xb4</p></body></html>");
    put(&dir, "notes.pdf", b"%PDF-1.4 not a report");
    put(&dir, "notes.xlsx", b"PK\x05\x06 not picked");
    put(&dir, ".git/hidden.txt", clean_report("隐").as_bytes());
    put(&dir, ".hidden.txt", clean_report("隐").as_bytes());
    let d = dir.to_str().unwrap();
    let o = run(&["check", "-f", "json", d]);
    no_panic(&o);
    // The PDF is picked (a report may be one) and gets its message: not checked, exit 2.
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let expect: Vec<String> = ["a-fails.TXT", "b-clean.txt", "notes.pdf", "sub/c.md", "sub/d.html"]
        .iter()
        .map(|f| dir.join(f).to_str().unwrap().to_owned())
        .collect();
    assert_eq!(files_in(&o), expect);
    let lines = json_lines(&o);
    let bodies: Vec<Value> = lines.iter().map(|v| v["body"].clone()).collect();
    assert_eq!([&bodies[..2], &bodies[3..4]].concat(), ["甲区", "乙区", "丙区"]);
    assert!(lines[2]["error"]["message"].as_str().unwrap().contains("PDF"), "{}", lines[2]);
    let expect = [&expect[..2], &expect[3..]].concat();

    // A file named on the command line is checked whatever its extension; a directory and files
    // mix, in argument order.
    let pdf = dir.join("notes.pdf");
    let o = run(&["check", "-f", "json", pdf.to_str().unwrap(), &format!("{d}/sub")]);
    assert_eq!(files_in(&o)[0], pdf.to_str().unwrap());
    assert_eq!(files_in(&o)[1..], expect[2..]);
    assert!(json_lines(&o)[0]["error"]["message"].as_str().unwrap().contains("PDF"));

    // Clean files only: exit 0.
    let o = run(&["check", "-q", &format!("{d}/sub/c.md"), &format!("{d}/b-clean.txt")]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn output_is_in_input_order_and_identical_whatever_the_threads() {
    let dir = fresh_dir("order");
    // The first file is by far the largest, so with several threads later files finish first.
    let big = failing_report("首区").repeat(300);
    put(&dir, "000-big.txt", big.as_bytes());
    let mut args: Vec<String> = vec![dir.join("000-big.txt").to_str().unwrap().to_owned()];
    for i in 1..40 {
        let name = format!("{:03}.txt", (i * 17) % 40 + 1);
        let text = if i % 3 == 0 { failing_report(&format!("第{i}区")) } else { clean_report(&format!("第{i}区")) };
        put(&dir, &name, text.as_bytes());
        args.push(dir.join(&name).to_str().unwrap().to_owned());
    }
    args.push(dir.join("missing.txt").to_str().unwrap().to_owned());
    let with_jobs = |jobs: &str, fmt: &str| {
        let mut a = vec!["check", "-q", "-j", jobs, "-f", fmt];
        a.extend(args.iter().map(String::as_str));
        run(&a)
    };
    let one = with_jobs("1", "json");
    assert_eq!(code(&one), 2);
    assert_eq!(files_in(&one), args, "JSON Lines in argument order");
    for jobs in ["2", "4", "16"] {
        let many = with_jobs(jobs, "json");
        assert_eq!(stdout(&many), stdout(&one), "-j {jobs}");
        assert_eq!(stderr(&many), stderr(&one), "-j {jobs}");
        assert_eq!(code(&many), 2);
    }
    let text_one = with_jobs("1", "text");
    let text_many = with_jobs("4", "text");
    assert_eq!(stdout(&text_many), stdout(&text_one));
    let text = stdout(&text_one);
    let headers: Vec<&str> =
        text.lines().filter(|l| l.contains(": 格式 ")).map(|l| l.split(": 格式").next().unwrap()).collect();
    assert_eq!(headers, args[..args.len() - 1].iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn csv_summary_has_bom_quoting_and_one_row_per_file() {
    let dir = fresh_dir("csv");
    // Bodies with a comma, a quote and a leading `=` (a spreadsheet formula if left alone).
    put(&dir, "1.txt", failing_report("临江\"东,区").as_bytes());
    put(&dir, "2.txt", clean_report("=HYPERLINK(1)").as_bytes());
    put(&dir, "3.txt", &[0u8; 64]);
    put(&dir, "4, \"odd\" name.txt", clean_report("南区").as_bytes());
    let csv = dir.with_file_name("csv-summary.csv");
    let o = run(&["check", "-f", "json", "--summary", csv.to_str().unwrap(), dir.to_str().unwrap()]);
    no_panic(&o);
    assert_eq!(code(&o), 2, "one file is undecodable");
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 byte-order mark for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\r'), "CRLF line ends");
    let rows = parse_csv(&text);
    assert_eq!(rows[0], ["file", "format", "year", "body", "errors", "warnings", "infos", "codes", "problem"]);
    assert_eq!(rows.len(), 5, "{rows:?}");
    let json = json_lines(&o);
    for (row, v) in rows[1..].iter().zip(&json) {
        assert_eq!(row.len(), 9, "{row:?}");
        assert_eq!(row[0], v["file"].as_str().unwrap());
    }
    let first = &rows[1];
    assert_eq!((first[1].as_str(), first[2].as_str(), first[3].as_str()), ("2021", "2024", "临江\"东,区"), "{first:?}");
    let errors = json[0]["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] == "error").count();
    assert_eq!(first[4], errors.to_string());
    assert!(errors >= 1);
    let mut codes: Vec<&str> =
        json[0]["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(first[7], codes.join(" "));
    assert!(first[7].split(' ').any(|c| c == "R001"), "{first:?}");
    assert_eq!(first[8], "");
    assert_eq!(rows[2][3], "'=HYPERLINK(1)", "a formula is defused");
    assert_eq!(rows[2][4], "0");
    // The undecodable file: a problem, and empty counts (not checked is not zero errors).
    assert!(rows[3][0].ends_with("3.txt"));
    assert!(rows[3][8].starts_with("cannot decode"), "{:?}", rows[3]);
    assert_eq!(&rows[3][1..8], &["", "", "", "", "", "", ""]);
    assert!(rows[4][0].ends_with("4, \"odd\" name.txt"), "{:?}", rows[4]);
    assert_eq!(rows[4][3], "南区");

    // A summary that cannot be written is a usage-level failure before anything runs.
    let o = run(&["check", "--summary", "/nonexistent/dir/s.csv", dir.join("1.txt").to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cannot write summary"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn unreadable_and_undecodable_files_get_records_and_the_run_goes_on() {
    let dir = fresh_dir("unreadable");
    put(&dir, "a.txt", clean_report("甲区").as_bytes());
    put(&dir, "b.txt", b"\x00\x01\x02 binary \xff\xfe\x00");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("gone.txt"), dir.join("c-dangling.txt")).unwrap();
    put(&dir, "d.txt", failing_report("丁区").as_bytes());
    let o = run(&["check", "-f", "json", dir.to_str().unwrap()]);
    no_panic(&o);
    assert_eq!(code(&o), 2);
    let lines = json_lines(&o);
    let kinds: Vec<&str> = lines.iter().map(|v| v["error"]["kind"].as_str().unwrap_or("-")).collect();
    if cfg!(unix) {
        assert_eq!(kinds, ["-", "decode", "read", "-"]);
    } else {
        assert_eq!(kinds, ["-", "decode", "-"]);
    }
    assert_eq!(lines.last().unwrap()["body"], "丁区", "checked after the bad files");
    assert!(stderr(&o).contains("cannot decode") && stderr(&o).contains("b.txt"), "{}", stderr(&o));
    // The closing tally on stderr counts them; -q leaves it out.
    let tally = stderr(&o).lines().last().unwrap_or_default().to_owned();
    let n = lines.len();
    let not_checked = n - 2;
    assert!(tally.contains(&format!("{n} files, 1 with errors, {not_checked} not checked")), "{tally}");
    let o = run(&["check", "-q", "-f", "json", dir.to_str().unwrap()]);
    assert!(!stderr(&o).contains("files,"), "{}", stderr(&o));
    // Piped stderr never gets a progress line.
    assert!(!o.stderr.contains(&b'\r'));
}

#[test]
fn jobs_option() {
    let p = tmp("jobs.txt", clean_report("甲区").as_bytes());
    let p = p.to_str().unwrap();
    for args in [&["check", "-j", "0", p][..], &["check", "-j", "many", p], &["check", "--jobs"], &["check", "-j-1", p]]
    {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(!stderr(&o).is_empty());
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    for args in
        [&["check", "-j", "3", p][..], &["check", "-j2", p], &["check", "--jobs=1", p], &["check", "--jobs", "64", p]]
    {
        assert_eq!(code(&run(args)), 0, "{args:?}");
    }
}

#[test]
fn several_files_are_compared_across_reports() {
    let base =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules/base_2021.txt")).unwrap();
    // The same unit's report of the next year, its tables unchanged: its 上年结转 (6) is not last
    // year's 结转下年度 (9) in three columns, its 现行有效 ignores what it issued and repealed, and
    // its narrative is last year's.
    let a = tmp("round-2023.txt", base.as_bytes());
    let b = tmp("round-2024.txt", base.replace("2023", "2024").as_bytes());
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = run(&["check", "-q", "--round", "--format", "json", a, b]);
    assert_eq!(out.status.code(), Some(1), "X001 is an error");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let round: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v.get("round").is_some())
        .collect();
    assert_eq!(round.len(), 1, "{stdout}");
    assert_eq!(round[0]["file"], b);
    let codes: Vec<&str> = round[0]["round"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["X001", "X001", "X001", "X002", "X004"]);
    let cols: Vec<&str> =
        round[0]["round"].as_array().unwrap()[..3].iter().map(|d| d["cells"][0]["col"].as_str().unwrap()).collect();
    assert_eq!(cols, ["social_welfare", "other_org", "total"]);
    assert_eq!(round[0]["round"][0]["counterpart"]["file"], a);

    let text = run(&["check", "-q", "--round", a, b]);
    let stdout = String::from_utf8(text.stdout).unwrap();
    assert!(stdout.contains("跨报告检查"), "{stdout}");
    assert!(stdout.contains("X001 错误 “二、上年结转政府信息公开申请数量”“社会公益组织”列为 1"), "{stdout}");
    // Each X finding with a place says where, as the other findings do: `--> file:line:column`.
    let base_line = base.lines().position(|l| l.starts_with("二、上年结转")).unwrap() + 1;
    let x001 = stdout.lines().skip_while(|l| !l.contains("X001 错误")).nth(1).unwrap_or_default();
    assert!(x001.trim_start().starts_with(&format!("--> {b}:{base_line}:")), "{stdout}");
    // One file alone is compared with nothing; without --round the output is one object per file.
    let one = run(&["check", "-q", "--round", "--format", "json", b]);
    assert!(!String::from_utf8(one.stdout).unwrap().contains("\"round\""));
    let plain = run(&["check", "-q", "--format", "json", a, b]);
    assert_eq!(String::from_utf8(plain.stdout).unwrap().lines().count(), 2);
}

#[test]
fn the_problem_list_as_a_workbook_and_as_csv() {
    use calamine::{open_workbook, Reader, Xlsx};
    let base =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rules/base_2021.txt")).unwrap();
    let a = tmp("problems-2023.txt", base.as_bytes());
    let b = tmp("problems-2024.txt", base.replace("2023", "2024").as_bytes());
    let missing = tmp("problems-x.txt", b"").with_file_name("problems-missing.txt");
    let xlsx = tmp("problems.xlsx", b"");
    let (a, b, m, x) = (a.to_str().unwrap(), b.to_str().unwrap(), missing.to_str().unwrap(), xlsx.to_str().unwrap());
    let json = run(&["check", "-q", "--round", "--format", "json", a, b]);
    let lines: Vec<serde_json::Value> =
        String::from_utf8(json.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut expected_codes: Vec<String> = lines
        .iter()
        .flat_map(|v| {
            v.get("diagnostics").or_else(|| v.get("round")).and_then(|d| d.as_array()).cloned().unwrap_or_default()
        })
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert!(expected_codes.iter().any(|c| c.starts_with('X')), "the round adds findings");

    let o = run(&["check", "-q", "--round", "--problems", x, a, b, m]);
    assert_eq!(code(&o), 2, "a missing file is trouble, the list is still written");
    let mut wb: Xlsx<_> = open_workbook(&xlsx).expect("the workbook opens");
    assert_eq!(wb.sheet_names(), ["报告", "问题"]);
    let reports = wb.worksheet_range("报告").unwrap();
    assert_eq!(reports.height(), 4, "a header and one row per file");
    assert!(!reports.get((3, 7)).map(|c| c.to_string()).unwrap_or_default().is_empty(), "the missing file says why");
    let findings = wb.worksheet_range("问题").unwrap();
    assert_eq!(findings.height(), 1 + expected_codes.len(), "one row per finding");
    let header: Vec<String> = findings.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        ["文件", "单位", "年度", "代码", "级别", "问题", "部分", "行号", "单元格", "建议值", "如何修改"]
    );
    let mut got_codes: Vec<String> = findings.rows().skip(1).map(|r| r[3].to_string()).collect();
    got_codes.sort();
    expected_codes.sort();
    assert_eq!(got_codes, expected_codes, "every code present");
    for r in findings.rows().skip(1) {
        assert!(!r[10].to_string().is_empty(), "{} has how to fix", r[3]);
    }
    // The X rows say where, as the others: section, line and cell.
    let x001 = findings.rows().find(|r| r[3] == "X001").expect("an X001 row");
    assert_eq!(x001[6].to_string(), "第三部分");
    let line = base.lines().position(|l| l.starts_with("二、上年结转")).unwrap() + 1;
    assert_eq!(x001[7].to_string(), line.to_string());
    assert!(x001[8].to_string().starts_with("“二、上年结转政府信息公开申请数量”行"), "{}", x001[8]);

    let csv = tmp("problems.csv", b"");
    run(&["check", "-q", "--problems", csv.to_str().unwrap(), a]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}文件,单位,年度,代码,级别,问题,部分,行号,单元格,建议值,如何修改\r\n"), "{text}");
    // A report with one wrong cell: R007's correction is the suggested value of the findings on it.
    let one = tmp("problems-r001.txt", R001_REPORT.as_bytes());
    run(&["check", "-q", "--problems", csv.to_str().unwrap(), one.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    let r001: Vec<&str> = text.lines().filter(|l| l.contains(",R001,")).collect();
    assert!(!r001.is_empty(), "{text}");
    let report = nianbao::validate(R001_REPORT);
    let to = report.repairs.first().expect("a repair").changes[0].to;
    // file,body,year,code,severity,message,section,line,cell,建议值,…: no field here holds a comma.
    assert!(r001.iter().all(|l| l.split(',').nth(9) == Some(to.to_string().as_str())), "{text}");
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/files/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_docx_is_read_and_text_prints_what_spans_point_into() {
    let docx = fixture("filled-libreoffice.docx");
    let o = run(&["text", &docx]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("青岚县水务局2024年政府信息公开工作年度报告\n"), "{text}");
    assert!(text.contains("\n一、本年新收政府信息公开申请数量\t"), "{text}");

    let o = run(&["check", "-f", "json", &docx]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = &json_lines(&o)[0];
    assert_eq!(v["source"], serde_json::json!({"kind": "docx", "name": "filled-libreoffice.docx"}));
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    // Spans are byte offsets into the text `nianbao text` printed.
    let cell = &v["tables"]["applications"]["rows"][0]["cells"][0];
    let (s, e) = (cell["span"]["start"].as_u64().unwrap() as usize, cell["span"]["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[s..e], cell["raw"].as_str().unwrap());
    // A text file's source is text, an HTML file's html.
    let t = tmp("source.txt", SAMPLE.as_bytes());
    assert_eq!(json_lines(&run(&["check", "-f", "json", t.to_str().unwrap()]))[0]["source"]["kind"], "text");

    // A changed cell fails the check; the text output names the file's kind.
    let o = run(&["check", &fixture("filled-changed.docx")]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("Word .docx") && stdout(&o).contains("R002"), "{}", stdout(&o));

    // A directory finds .docx files.
    let dir = fresh_dir("docx");
    put(&dir, "局.docx", &std::fs::read(&docx).unwrap());
    let o = run(&["check", "-f", "json", dir.to_str().unwrap()]);
    assert_eq!(files_in(&o), [dir.join("局.docx").to_str().unwrap()]);
}

#[test]
fn files_it_does_not_read_get_a_message_saying_what_to_do() {
    for (name, needle) in [
        ("hostile-png.docx", "这是一张图片（PNG）"),
        ("hostile-bomb.docx", "过大"),
        ("hostile-deep.docx", "过于复杂"),
        ("hostile-truncated.docx", "不完整或已损坏"),
    ] {
        let o = run(&["check", "-f", "json", &fixture(name)]);
        no_panic(&o);
        assert_eq!(code(&o), 2, "{name}");
        let v = &json_lines(&o)[0];
        assert_eq!(v["error"]["kind"], "decode", "{name}");
        assert!(v["error"]["message"].as_str().unwrap().contains(needle), "{name}: {v}");
        assert!(stderr(&o).contains(needle), "{name}");
        let o = run(&["text", &fixture(name)]);
        assert_eq!((code(&o), o.stdout.is_empty()), (2, true), "{name}");
    }
}
