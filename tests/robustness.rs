//! `validate` never panics, stays bounded on hostile input, keeps every span inside the text,
//! and never reports a failed identity (R001/R002/R003/L001) for a table that was cut short.

mod common;

use common::*;

/// Runs the checker and checks every span of the result.
fn check(text: &str) -> nianbao::Report {
    let r = nianbao::validate(text);
    let p = span_problems(text, &r);
    assert!(
        p.is_empty(),
        "invalid spans ({} bytes of input):\n{}",
        text.len(),
        p.join("\n")
    );
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
    for s in [
        " ",
        "\n",
        "\r\n\r\n",
        "\t\t\t\n",
        "\u{3000}\u{3000}",
        "\u{a0}\u{feff}\u{200b}",
        long.as_str(),
    ] {
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
    for (from, to) in [
        ("\n", "\r\n"),
        ("\n", "\r"),
        ("\n", "\u{2028}"),
        ("\t", "\u{0}"),
        ("\t", "\u{b}"),
        ("0", "\u{feff}0"),
    ] {
        let text = base.replace(from, to);
        check(&text);
    }
}

#[test]
fn pasted_twice() {
    for stem in [
        "rules/base_2021",
        "layouts/tab_led_cells",
        "layouts/html",
        "layouts/glued",
    ] {
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
    let s = "<table><tr><td rowspan=\"1000000000\" colspan=\"1000000000\">1</td></tr></table>"
        .repeat(100);
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
        let c = floor_boundary(&base, cut);
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
            let c = floor_boundary(text, cut);
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
