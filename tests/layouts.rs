//! Every layout fixture (tests/fixtures/layouts, written by tests/fixtures/gen.py) read back cell
//! by cell: format, year, the value and kind of every cell of the three tables, each cell's span
//! (`&text[span] == raw`, covering the cell's text in the fixture), no table missing and no error
//! diagnostic unless the fixture lists it.

mod common;

use common::{check_layout, fmt_value, list_diagnostics, normalize_number, Fixture, LAYOUTS};

/// One cell per line, each line starting with a TAB, rows separated by blank lines, merged label
/// cells as empty TAB lines, wrapped header cells, stray and fullwidth spaces, the （七）总计 row's
/// cells scattered over odd lines (seeds 000–002).
#[test]
fn tab_led_cells() {
    check_layout("tab_led_cells");
}

/// One cell per line ending with ` |`, `| ||` row padding, lone `|` lines, halfwidth punctuation
/// `(一)`, truncated header cells `结果` (seed 003).
#[test]
fn pipe_cells() {
    check_layout("pipe_cells");
}

/// One cell per line, cells separated by blank lines, merged cells absent.
#[test]
fn blank_line_cells() {
    check_layout("blank_line_cells");
}

/// One row per line, TAB-separated, merged cells as empty fields, spaces inside labels
/// (`(一) 予以公开`), rows that lost their leading tabs, the typo `本年度止件数` (seed 004).
#[test]
fn tab_rows() {
    check_layout("tab_rows");
}

/// Markdown / CMS rows separated by ` | ` with `|---|` lines; variant section titles.
#[test]
fn pipe_rows() {
    check_layout("pipe_rows");
}

/// Each whole table on one line, cells separated by single spaces.
#[test]
fn one_line() {
    check_layout("one_line");
}

/// `pdftotext -layout`: space-aligned numbers, wrapped labels with numbers on the next (or the
/// middle) line, the vertical rowspan label mid-table, page footers inside the table, section
/// 四's header stacked over several lines.
#[test]
fn pdf_layout() {
    check_layout("pdf_layout");
}

/// `pdftotext -raw`: `label n n n n n n n`, the rowspan label one character per line.
#[test]
fn pdf_raw() {
    check_layout("pdf_raw");
}

/// Word/CMS HTML with rowspan/colspan, `<o:p>`, entities in labels, conditional comments.
#[test]
fn html() {
    check_layout("html");
}

/// Crawler text, whole report on one line, cells run together; every row has exactly one split
/// its identity allows, and those cells are marked inferred.
#[test]
fn glued() {
    check_layout("glued");
}

/// The 2019 format (格式（试行）): five section 二 tables, one （六）其他处理 row (`other`),
/// signed 本年增/减 values, report year 2020.
#[test]
fn format_2019() {
    check_layout("format_2019");
}

/// Blank legal-person columns and `/`, `—` cells: kinds blank / na, value null, no error.
#[test]
fn blanks_and_na() {
    check_layout("blanks_and_na");
}

/// "该部分以表格形式报告。" between each title and its table, stray spaces, `規章`, fullwidth digits.
#[test]
fn sentence_before_table() {
    check_layout("sentence_before_table");
}

/// The rule tests' base reports are read exactly too (otherwise the rule tests mean nothing).
#[test]
fn rules_base_2021() {
    check_fixture("rules/base_2021");
}

#[test]
fn rules_base_2019() {
    check_fixture("rules/base_2019");
}

fn check_fixture(stem: &str) {
    let fx = Fixture::load(stem);
    let r = nianbao::validate(&fx.text);
    let p = common::problems(&fx.text, &r, &fx.expected);
    assert!(
        p.is_empty(),
        "{stem}: {} problem(s)\n  {}\n\ndiagnostics:\n{}",
        p.len(),
        p.join("\n  "),
        common::list_diagnostics(&r)
    );
}

/// The fixtures agree with their expected JSON: every recorded position holds the cell's value
/// (checks the committed files, independent of the checker).
#[test]
fn fixtures_are_consistent() {
    let mut stems: Vec<String> = LAYOUTS.iter().map(|l| format!("layouts/{l}")).collect();
    stems.push("rules/base_2021".into());
    stems.push("rules/base_2019".into());
    for stem in stems {
        let fx = Fixture::load(&stem);
        let e = &fx.expected;
        let n = e.cells.len();
        let expect_n = if e.format == "2021" { 10 + 25 * 7 + 15 } else { 22 + 23 * 7 + 15 };
        assert_eq!(n, expect_n, "{stem}: {n} cells");
        for c in &e.cells {
            let p = c.pos.clone().unwrap_or_else(|| panic!("{stem}: {} has no position", c.path()));
            let s = fx.text.get(p.clone()).unwrap_or_else(|| panic!("{stem}: bad position for {}", c.path()));
            match c.value {
                Some(v) => assert_eq!(
                    normalize_number(s).parse::<f64>().ok(),
                    Some(v),
                    "{stem}: {} at {p:?} is {s:?}, expected {}",
                    c.path(),
                    fmt_value(v)
                ),
                None if c.kind == "blank" => assert_eq!(s.trim(), "", "{stem}: {}", c.path()),
                None => assert!(!s.trim().is_empty(), "{stem}: {}", c.path()),
            }
        }
    }
}

/// HTML: a row whose label cell spans two columns and whose 总计 cell is empty while the other
/// cells hold numbers is read, the empty 总计 a blank cell (the label's padding is told from it
/// by the grid); the same row with its 总计 filled reads the same six numbers.
#[test]
fn html_colspan_label_row_with_blank_total() {
    let page = common::read_fixture("html/web_page.html");
    let filled =
        "<td colspan=\"2\">（一）予以公开</td><td>1</td><td>5</td><td>2</td><td>2</td><td>5</td><td>1</td><td>16</td>";
    assert!(page.contains(filled), "the fixture's （一） row changed");
    let blank = filled.replace("<td>16</td>", "<td></td>");
    for (html, total) in [(page.clone(), Some(16.0)), (page.replace(filled, &blank), None)] {
        let r = nianbao::validate(&html);
        let t = r.tables.applications.as_ref().expect("section 三 read");
        let got: Vec<Option<f64>> =
            ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]
                .iter()
                .map(|c| common::cell_named(t, "granted", c).and_then(|c| c.value))
                .collect();
        assert_eq!(got, [1.0, 5.0, 2.0, 2.0, 5.0, 1.0].map(Some), "{}", common::list_diagnostics(&r));
        let cell = common::cell_named(t, "granted", "total").expect("总计 read");
        assert_eq!(cell.value, total);
        assert_eq!(cell.kind == nianbao::CellKind::Blank, total.is_none());
    }
}

/// PDF text from an office PDF: a wrapped label with the 总计 on its first line and the six
/// other cells on the next is read by the columns its numbers stand in (not in text order,
/// which would put 209 under 自然人); with the six cells shifted so far that they stand
/// between the columns of the rows around it, the row is unreadable (R006 says why), never
/// shifted.
#[test]
fn pdf_total_on_the_label_line_is_placed_by_column() {
    let fx = Fixture::load("layouts/pdf_layout");
    let wrapped = "                  （二）部分公开（区分处理的，只计这一情 形，不\n                  计其他情形）\n                                             157   15      3    14  20   0   209\n";
    assert!(fx.text.contains(wrapped), "the fixture's （二） row changed");
    // The label's two lines with the numbers right-aligned on the fixture's columns, shifted by
    // `shift` characters.
    let ends = [48, 53, 60, 66, 70, 74, 80];
    let line = |prefix: &str, values: &[&str], ends: &[usize], shift: usize| {
        let mut l = prefix.to_string();
        for (v, e) in values.iter().zip(ends) {
            let pad = e + shift - v.len() - l.chars().count();
            l.push_str(&" ".repeat(pad));
            l.push_str(v);
        }
        l + "\n"
    };
    let office = |shift: usize| {
        line("                  （二）部分公开（区分处理的，只计这一情 形，不", &["209"], &ends[6..], 0)
            + &line("                  计其他情形）", &["157", "15", "3", "14", "20", "0"], &ends[..6], shift)
    };
    let r = nianbao::validate(&fx.text.replace(wrapped, &office(0)));
    let t = r.tables.applications.as_ref().unwrap();
    let cols = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"];
    let got: Vec<Option<f64>> =
        cols.iter().map(|c| common::cell_named(t, "partially_granted", c).and_then(|c| c.value)).collect();
    assert_eq!(got, [157.0, 15.0, 3.0, 14.0, 20.0, 0.0, 209.0].map(Some), "{}", common::list_diagnostics(&r));
    assert!(common::with_code(&r, "R006").is_empty(), "{}", common::list_diagnostics(&r));

    // Each value three characters off its place: across the gap midpoints of the rows around it.
    let r = nianbao::validate(&fx.text.replace(wrapped, &office(3)));
    let t = r.tables.applications.as_ref().unwrap();
    assert!(common::cell_named(t, "partially_granted", "natural_person").is_none(), "a shifted row is not read");
    let r006 = common::with_code(&r, "R006");
    assert!(r006.iter().any(|d| d.message.contains("分在几行上")), "{}", common::list_diagnostics(&r));
    assert!(common::with_code(&r, "R001").is_empty() && common::with_code(&r, "R003").is_empty());
}

/// An office PDF's narrow label column wraps a label around its row's numbers
/// (`3.危及“三` / `安全一稳 1 4 5 3 2 0 15` / `定”`): the label is found whole and the numbers
/// inside it are the row's, as in the HTML the PDF was made from (tests/fixtures/office).
#[test]
fn pdf_label_wrapped_around_its_numbers() {
    let text = common::read_fixture("office/wps_export.layout.txt");
    assert!(text.contains("3.危及“三\n             安全一稳 1     4   5   3   2   0   15\n             定”"));
    let pdf = nianbao::validate(&text);
    let html = nianbao::validate(&common::read_fixture("html/wps_export.html"));
    let cells = |r: &nianbao::Report, row: &str| -> Vec<Option<f64>> {
        let t = r.tables.applications.as_ref().expect("section 三 read");
        let row = t.rows.iter().find(|x| x.key.to_string() == row).expect("row");
        row.cells.iter().map(|c| c.value).collect()
    };
    assert_eq!(cells(&pdf, "denied_three_safeties"), [1.0, 4.0, 5.0, 3.0, 2.0, 0.0, 15.0].map(Some));
    for row in ["denied_three_safeties", "denied_third_party_rights", "other_no_correction", "other_unpaid_fee"] {
        assert_eq!(cells(&pdf, row), cells(&html, row), "{row}");
    }
}

/// A 2019-format report run through a simplified→traditional converter (every character of the
/// headings, labels and body names in its traditional form): the same format, sections and
/// cells as the original, and no structure finding.
#[test]
fn format_2019_in_traditional_characters() {
    // (simplified, traditional) as a converter writes them, for the characters of this report.
    const S2T: &str = "并並来來们們内內两兩务務区區收収问問单單国國团團执執报報实實审審将將对對属屬废廢强強后後从從复復态態应應户戶据據数數于於会會条條业業构構样樣机機检檢权權归歸况況减減为為无無营營获獲现現产產当當发發确確稳穩范範纠糾组組结結统統经經维維网網总總织織罚罰联聯与與举舉处處号號补補制製见見规規计計讯訊讼訟访訪许許诉訴询詢该該认認请請咨諮证證议議护護变變买買费費资資购購转轉办辦这這进進过過录錄门門开開关關险險项項题題额額类類体體动動没沒缴繳纳納继繼续續县縣乡鄉镇鎮厅廳员員";
    let pairs: Vec<(char, char)> = S2T.chars().collect::<Vec<_>>().chunks(2).map(|p| (p[0], p[1])).collect();
    let fx = Fixture::load("layouts/format_2019");
    let traditional: String = fx.text.chars().map(|c| pairs.iter().find(|p| p.0 == c).map_or(c, |p| p.1)).collect();
    assert!(traditional.contains("二、主動公開政府信息情況"));
    let (a, b) = (nianbao::validate(&fx.text), nianbao::validate(&traditional));
    assert_eq!(b.format, a.format);
    assert_eq!(b.year, a.year);
    let values = |r: &nianbao::Report| -> Vec<(String, Vec<Option<f64>>)> {
        let t = &r.tables;
        [&t.active_disclosure, &t.applications, &t.reviews_litigation]
            .into_iter()
            .flatten()
            .flat_map(|t| &t.rows)
            .map(|row| (row.key.to_string(), row.cells.iter().map(|c| c.value).collect()))
            .collect()
    };
    assert_eq!(values(&b), values(&a));
    for code in ["S001", "S002", "R006", "P002"] {
        assert!(common::with_code(&b, code).is_empty(), "{code}: {}", common::list_diagnostics(&b));
    }
}

/// Copies of the template change its labels' spelling: 其它 for 其他, an extra or a missing 的,
/// other quotation marks, halfwidth brackets, spaces inside a label. Every cell still reads, the
/// same as from the official labels.
#[test]
fn label_spelling_variants_read_the_same_cells() {
    let fx = Fixture::load("rules/base_2021");
    let base = nianbao::validate(&fx.text);
    let variants = [
        ("3.其他", "3.其它"),
        ("1.本机关不掌握相关政府信息", "1.本机关不掌握的相关政府信息"),
        ("3.危及“三安全一稳定”", "3.危及「三安全一稳定」"),
        ("（一）予以公开", "(一) 予以 公开"),
        ("2.没有现成信息需要另行制作", "2.没有现成的信息需要另行制作"),
        ("4.无正当理由大量反复申请", "4．无正当理由大量反复申请"),
    ];
    let mut text = fx.text.clone();
    for (official, variant) in variants {
        assert!(text.contains(official), "{official}");
        text = text.replacen(official, variant, 1);
    }
    let r = nianbao::validate(&text);
    let cells = |r: &nianbao::Report| -> Vec<(String, Vec<Option<f64>>)> {
        let t = r.tables.applications.as_ref().expect("applications");
        t.rows.iter().map(|row| (format!("{:?}", row.key), row.cells.iter().map(|c| c.value).collect())).collect()
    };
    assert_eq!(cells(&r), cells(&base));
    assert!(cells(&r).iter().all(|(_, c)| c.len() == 7), "{}", list_diagnostics(&r));
    assert!(r.diagnostics.iter().all(|d| d.code != "R006"), "{}", list_diagnostics(&r));
}
