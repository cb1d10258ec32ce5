//! `validate` never panics, stays bounded on hostile input, keeps every span inside the text,
//! and never reports a failed identity (R001/R002/R003/L001) for a table that was cut short.

mod common;
#[path = "common/invariants.rs"]
mod invariants;

use common::*;
use invariants::invariant_problems;
use nianbao::text::floor_char;

/// Runs the checker and checks every span of the result (the fuzz targets' invariants).
fn check(text: &str) -> nianbao::Report {
    let r = nianbao::validate(text);
    let p = invariant_problems(text, &r);
    assert!(p.is_empty(), "invalid spans ({} bytes of input):\n{}", text.len(), p.join("\n"));
    r
}

#[test]
fn empty_input() {
    let r = check("");
    assert!(
        r.tables.applications.is_none()
            && r.tables.active_disclosure.is_none()
            && r.tables.reviews_litigation.is_none()
    );
    no_identity_errors(&r);
}

#[test]
fn whitespace_only() {
    let long = " \n\t\u{3000}".repeat(10_000);
    for s in [" ", "\n", "\r\n\r\n", "\t\t\t\n", "\u{3000}\u{3000}", "\u{a0}\u{feff}\u{200b}", long.as_str()] {
        let r = check(s);
        no_identity_errors(&r);
    }
}

#[test]
fn binary_noise() {
    for seed in 1..=24u64 {
        let mut rng = Rng::new(seed);
        let n = [0usize, 1, 2, 3, 7, 64, 1000, 4096, 65_536][seed as usize % 9];
        let bytes = rng.bytes(n);
        let text = String::from_utf8_lossy(&bytes);
        check(&text);
    }
}

#[test]
fn noise_mixed_with_report_fragments() {
    let base = read_fixture("rules/base_2021.txt");
    let b = base.as_bytes();
    for seed in 100..140u64 {
        let mut rng = Rng::new(seed);
        let mut bytes = Vec::new();
        for _ in 0..40 {
            if rng.below(2) == 0 {
                let start = rng.below(b.len());
                let len = rng.below(400).min(b.len() - start);
                bytes.extend_from_slice(&b[start..start + len]);
            } else {
                let n = rng.below(60);
                bytes.extend(rng.bytes(n));
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        check(&text);
    }
}

#[test]
fn control_characters_and_odd_line_ends() {
    let base = read_fixture("rules/base_2021.txt");
    for (from, to) in
        [("\n", "\r\n"), ("\n", "\r"), ("\n", "\u{2028}"), ("\t", "\u{0}"), ("\t", "\u{b}"), ("0", "\u{feff}0")]
    {
        let text = base.replace(from, to);
        check(&text);
    }
}

#[test]
fn pasted_twice() {
    for stem in ["rules/base_2021", "layouts/tab_led_cells", "layouts/html", "layouts/glued"] {
        let t = read_fixture(&format!("{stem}.txt"));
        let text = format!("{t}\n{t}");
        let r = check(&text);
        no_errors(&r);
    }
}

/// 50 MB: the report repeated with noise in between. Only checks that it returns.
#[test]
fn fifty_megabytes() {
    let base = read_fixture("rules/base_2021.txt");
    let mut rng = Rng::new(50);
    let mut text = String::with_capacity(50 * 1024 * 1024 + 64 * 1024);
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&base);
        let noise = rng.bytes(2000);
        text.push_str(&String::from_utf8_lossy(&noise));
        text.push('\n');
    }
    let r = nianbao::validate(&text);
    for d in &r.diagnostics {
        for s in &d.spans {
            assert!(s.start <= s.end && s.end <= text.len());
        }
    }
}

// ------------------------------------------------------------------------------------------
// Hostile HTML
// ------------------------------------------------------------------------------------------

fn html_fixture() -> String {
    read_fixture("layouts/html.txt")
}

#[test]
fn html_deeply_nested() {
    let depth = 100_000;
    let mut s = String::from("<html><body><p>一、总体情况</p>");
    s.push_str(&"<div><span>".repeat(depth));
    s.push_str("三、收到和处理政府信息公开申请情况");
    s.push_str(&"</span></div>".repeat(depth));
    s.push_str("</body></html>");
    check(&s);
    // unclosed, too
    let s = format!("<html><body>{}<table><tr><td>1", "<div>".repeat(depth));
    check(&s);
    let s = "<table><tr><td>".repeat(20_000);
    check(&s);
}

#[test]
fn html_hundred_thousand_cells() {
    let mut s = String::from("<html><body><p>三、收到和处理政府信息公开申请情况</p><table><tr>");
    for i in 0..100_000 {
        s.push_str(&format!("<td>{}</td>", i % 10));
    }
    s.push_str("</tr></table></body></html>");
    check(&s);
    let mut s = String::from("<html><body><table>");
    for i in 0..100_000 {
        s.push_str(&format!("<tr><td>{}</td></tr>", i % 7));
    }
    s.push_str("</table></body></html>");
    check(&s);
}

#[test]
fn html_huge_spans() {
    let base = html_fixture();
    for (from, to) in [
        ("rowspan=\"22\"", "rowspan=\"1000000000\""),
        ("rowspan=\"8\"", "rowspan=\"4294967296\""),
        ("colspan=\"10\"", "colspan=\"1000000000\""),
        ("colspan=\"3\"", "colspan=\"-5\""),
        ("rowspan=\"2\"", "rowspan=\"0\""),
        ("rowspan=\"3\"", "rowspan=\"99999999999999999999999\""),
        ("colspan=\"5\"", "colspan=\"1e9\""),
    ] {
        assert!(base.contains(from), "{from}");
        let text = base.replace(from, to);
        let r = check(&text);
        assert!(r.diagnostics.len() < 10_000);
    }
    let s = "<table><tr><td rowspan=\"1000000000\" colspan=\"1000000000\">1</td></tr></table>".repeat(100);
    check(&s);
}

#[test]
fn html_unclosed_and_broken_markup() {
    let base = html_fixture();
    let i = base.find("<table").unwrap();
    for insert in [
        "<!--",
        "<!-- never closed <table><tr><td>1</td></tr></table>",
        "<script>var a = '<table>';",
        "<style>",
        "<![CDATA[",
        "<!",
        "<td",
        "<td rowspan=\"",
        "<td rowspan='2",
        "&#99999999999;&#x110000;&#0;&#xD800;&amp;&;&#;&#x;",
        "<p>&nbsp&nbsp&lt</p>",
    ] {
        let text = format!("{}{}{}", &base[..i], insert, &base[i..]);
        check(&text);
        let text = format!("{}{}", &base[..i], insert);
        check(&text);
    }
    // the whole page cut into pieces of every size from the front
    let mut cut = 0;
    while cut < base.len() {
        let c = floor_char(&base, cut);
        check(&base[..c]);
        check(&base[c..]);
        cut += 7919;
    }
}

// ------------------------------------------------------------------------------------------
// Truncation: each table cut at every 97th byte, for every layout fixture
// ------------------------------------------------------------------------------------------

fn cut_every_97th(stem: &str) {
    let fx = Fixture::load(stem);
    let text = &fx.text;
    for table in ["active_disclosure", "applications", "reviews_litigation"] {
        let Some(range) = fx.expected.table_range(table) else {
            continue;
        };
        let mut cut = range.start;
        while cut <= range.end {
            let c = floor_char(text, cut);
            let t = &text[..c];
            let r = check(t);
            for code in IDENTITY_ERRORS {
                let ds = with_code(&r, code);
                assert!(
                    ds.is_empty(),
                    "{stem}: {table} cut at byte {c}: {code} fired on a truncated table:\n{}",
                    list_diagnostics(&r)
                );
            }
            cut += 97;
        }
    }
}

#[test]
fn truncated_tab_led_cells() {
    cut_every_97th("layouts/tab_led_cells");
}

#[test]
fn truncated_pipe_cells() {
    cut_every_97th("layouts/pipe_cells");
}

#[test]
fn truncated_blank_line_cells() {
    cut_every_97th("layouts/blank_line_cells");
}

#[test]
fn truncated_tab_rows() {
    cut_every_97th("layouts/tab_rows");
}

#[test]
fn truncated_pipe_rows() {
    cut_every_97th("layouts/pipe_rows");
}

#[test]
fn truncated_one_line() {
    cut_every_97th("layouts/one_line");
}

#[test]
fn truncated_pdf_layout() {
    cut_every_97th("layouts/pdf_layout");
}

#[test]
fn truncated_pdf_raw() {
    cut_every_97th("layouts/pdf_raw");
}

#[test]
fn truncated_html() {
    cut_every_97th("layouts/html");
}

#[test]
fn truncated_glued() {
    cut_every_97th("layouts/glued");
}

#[test]
fn truncated_format_2019() {
    cut_every_97th("layouts/format_2019");
}

#[test]
fn truncated_blanks_and_na() {
    cut_every_97th("layouts/blanks_and_na");
}

#[test]
fn truncated_sentence_before_table() {
    cut_every_97th("layouts/sentence_before_table");
}

#[test]
fn truncated_rules_base() {
    cut_every_97th("rules/base_2021");
    cut_every_97th("rules/base_2019");
}

// ------------------------------------------------------------------------------------------
// The fuzz targets' invariants on every real text we have
// ------------------------------------------------------------------------------------------

/// Every `.txt` fixture, and every file of `../shared/corpus` when it is there: whole, cut in
/// two at a few places, and behind an HTML prologue (so the HTML path sees report text too).
#[test]
fn invariants_hold_on_fixtures_and_corpus() {
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["layouts", "rules"] {
        files.extend(text_files(&fixtures_dir().join(dir)));
    }
    let fixtures = files.len();
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if shared.is_dir() {
        files.extend(text_files(&shared.join("seeds")));
        files.extend(text_files(&shared.join("real")));
    } else {
        eprintln!("SKIPPED: ../shared/corpus not found (its files are checked in CI where shared/ is present)");
    }
    assert!(fixtures >= 15, "only {fixtures} fixtures found");
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut variants = vec![text.clone(), format!("<!DOCTYPE html><table>{text}")];
        for part in [3, 2] {
            let cut = floor_char(&text, text.len() / part);
            variants.push(text[..cut].to_string());
            variants.push(text[cut..].to_string());
        }
        for v in &variants {
            let r = nianbao::validate(v);
            let p = invariant_problems(v, &r);
            assert!(p.is_empty(), "{} ({} bytes):\n{}", path.display(), v.len(), p.join("\n"));
        }
    }
}

fn text_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md") && !p.ends_with("INDEX.md"))
        .collect();
    out.sort();
    out
}

/// The checker catches a table cell outside its section: a report whose section 三 table sits
/// before the 三 heading is not the text the invariant describes.
#[test]
fn invariants_catch_a_cell_outside_its_section() {
    let base = read_fixture("rules/base_2021.txt");
    let mut r = nianbao::validate(&base);
    assert!(invariant_problems(&base, &r).is_empty());
    let three = r.sections.iter().find(|s| s.number == 3).expect("section 三").span;
    let cell = &mut r.tables.applications.as_mut().expect("section 三 table").rows[0].cells[0];
    cell.span = nianbao::Span::new(three.start.saturating_sub(1), three.start);
    let p = invariant_problems(&base, &r);
    assert!(p.iter().any(|l| l.contains("outside the table's region")), "{p:?}");
    let mut r = nianbao::validate(&base);
    r.diagnostics.push(nianbao::Diagnostic {
        code: "X".into(),
        severity: nianbao::Severity::Info,
        message: String::new(),
        spans: vec![nianbao::Span::new(0, 1)],
        cells: vec![],
        counterpart: None,
    });
    let multibyte = base.char_indices().find(|(_, c)| c.len_utf8() > 1).expect("a CJK character").0;
    r.diagnostics.last_mut().unwrap().spans[0] = nianbao::Span::new(multibyte + 1, multibyte + 3);
    assert!(!invariant_problems(&base, &r).is_empty(), "a span inside a character must be caught");
}

// ------------------------------------------------------------------------------------------
// Limits: P003 and hostile HTML sizes
// ------------------------------------------------------------------------------------------

/// At exactly the limit the text is checked as usual; one byte more and it is not checked at all:
/// the result holds one P003 error giving both sizes.
#[test]
fn p003_input_over_the_limit_is_not_checked() {
    let limit = nianbao::MAX_INPUT_BYTES;
    assert_eq!(limit, 64 * 1024 * 1024);
    let base = read_fixture("rules/base_2021.txt");
    // Padded with a three-byte character: a third as many characters to go through.
    let mut text = String::with_capacity(limit + 1);
    text.push_str(&base);
    text.extend(std::iter::repeat_n('中', (limit - text.len()) / 3));
    text.extend(std::iter::repeat_n('\n', limit - text.len()));
    assert_eq!(text.len(), limit);
    let r = check(&text);
    silent(&r, "P003");
    no_errors(&r);
    assert!(r.tables.applications.is_some(), "a text at the limit is read");

    text.push('\n');
    let r = check(&text);
    let ds = fires(&r, "P003", nianbao::Severity::Error);
    assert_eq!(r.diagnostics.len(), 1, "{}", list_diagnostics(&r));
    assert!(
        ds[0].message.contains("67,108,865 字节") && ds[0].message.contains("64 MB（67,108,864 字节）"),
        "{}",
        ds[0].message
    );
    assert!(ds[0].message.contains("未作检查"), "{}", ds[0].message);
    assert!(r.sections.is_empty() && r.tables.applications.is_none() && r.tables.active_disclosure.is_none());
    assert_eq!(r.format, nianbao::Format::Unknown);
}

/// The limit counts UTF-8 bytes, not characters: 22,369,622 CJK characters are 67,108,866 bytes.
#[test]
fn p003_counts_bytes() {
    let text = "中".repeat(22_369_622);
    let r = check(&text);
    let ds = fires(&r, "P003", nianbao::Severity::Error);
    assert!(ds[0].message.starts_with("文本大小 64.0 MB（67,108,866 字节）"), "{}", ds[0].message);
}

#[test]
fn p003_silent_on_reports() {
    for stem in ["rules/base_2021", "rules/base_2019", "layouts/html"] {
        silent(&check(&read_fixture(&format!("{stem}.txt"))), "P003");
    }
}

#[test]
fn html_million_nested_divs_and_tables() {
    let depth = 1_000_000;
    let s = format!("<div>{}三、收到和处理政府信息公开申请情况{}", "<div>".repeat(depth), "</div>".repeat(depth));
    let r = check(&s);
    assert!(r.sections.iter().any(|sec| sec.number == 3), "the heading inside the nesting is found");
    // Each table inside the last: all but the innermost are layout.
    let s = format!(
        "{}<tr><td>1</td><td>2</td></tr>{}",
        "<table><tr><td>".repeat(depth),
        "</td></tr></table>".repeat(depth)
    );
    check(&s);
    // Unclosed.
    check(&"<table>".repeat(depth));
    check(&"<table><tbody><tr><td><pre><p>".repeat(depth / 4));
}

#[test]
fn html_hundred_thousand_unclosed_cells_and_rows() {
    let s = format!("<table>{}", "<td>1".repeat(100_000));
    check(&s);
    let s = format!("<table>{}", "<tr><td rowspan=3>1<td colspan=64>2".repeat(20_000));
    check(&s);
}

#[test]
fn html_huge_attribute_values_and_names() {
    let value = "x".repeat(10 * 1024 * 1024);
    for s in [
        format!("<p>一、总体情况</p><td class=\"{value}\">1</td><td>2</td>"),
        format!("<p>一、总体情况</p><td class='{value}>1</td><td>2</td>"),
        format!("<p>一、总体情况</p><td class={value}>1</td><td>2</td>"),
        format!("<p>一、总体情况</p><td {value}=1>1</td><td>2</td>"),
        format!("<p>一、总体情况</p><{value}>1</td><td>2</td>"),
    ] {
        let r = check(&s);
        assert_eq!(r.sections.len(), 1);
    }
}

/// Comments, scripts and other raw-text elements that never close swallow the rest once,
/// never rescanning it.
#[test]
fn html_never_closed_comment_script_title() {
    let body = "<td>1</td>".repeat(50_000);
    for open in
        ["<!--", "<script>", "<style>", "<title>", "<textarea>", "<![CDATA[", "<!x", "<?x", "<td class=\"", "</x"]
    {
        let s = format!("<p>一、总体情况</p>{}{open}{body}", "<p>".repeat(3));
        check(&s);
        let s = format!("<p>一、总体情况</p><p>{}", open.repeat(50_000));
        check(&s);
    }
}

#[test]
fn html_entities_long_and_many() {
    for s in [
        format!("<p>{}</p>", "&amp;".repeat(250_000)),
        format!("<p>&#{};</p>", "0".repeat(250_000)),
        format!("<p>&#x{};</p>", "f".repeat(250_000)),
        format!("<p>&{};</p>", "a".repeat(250_000)),
        format!("<p>{}</p>", "&#20013;&nbsp;&#x3000;&".repeat(200_000)),
    ] {
        check(&s);
    }
}

// ------------------------------------------------------------------------------------------
// Inputs the fuzzer found (fuzz/): each crashed or broke an invariant before its fix
// ------------------------------------------------------------------------------------------

/// `fuzz/ text`: a heading whose title ran into the next heading ("二、二、主动公开") ended
/// after the next section began, so the table region was reversed and slicing it panicked.
#[test]
fn fuzz_text_heading_title_runs_into_next_heading() {
    for text in [
        "二、二、主动公开",
        "三、三、收到和处理政府信息公开申请\n1",
        "四、四、行政复议、行政诉讼\n1 2 3",
        "一、二、主动公开三、收到和处理四、行政复议",
    ] {
        let r = check(text);
        assert!(r.sections.windows(2).all(|w| w[0].span.end <= w[1].span.start), "{:?}", r.sections);
    }
}
