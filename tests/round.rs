//! The X rules across reports (`nianbao::round`): generated pairs of reports, each consistent in
//! itself, with one difference made on purpose; hand-written narratives for X004; and the real
//! corpus checked as one round.

mod common;
mod generator;

use generator::{report_rng, Cell, Format, Layout, Report, LAYOUTS};
use nianbao::round::{compare, compare_paired, Entry, Pairing};
use nianbao::{CellRef, ColKey, Diagnostic, RowKey, TableKey};

const APP: TableKey = TableKey::Applications;

/// A generated 2021 report without blank cells, and the same body's report of the next year
/// whose 上年结转 is this one's 结转下年度 (and whose 现行有效 follows from this one's), both
/// consistent in themselves.
fn pair(seed: u64) -> Option<(Report, Report)> {
    let a = Report::generate(&mut report_rng(seed));
    if a.format != Format::F2021 || a.has_blank() || a.s2.iter().flatten().any(|c| c.value.is_none()) {
        return None;
    }
    let mut b = a.clone();
    b.year += 1;
    let row = |r: &Report, k: RowKey| r.app(k).iter().map(|c| c.value.unwrap() as i64).collect::<Vec<i64>>();
    let (tp, mut cf, co) =
        (row(&b, RowKey::TotalProcessed), row(&b, RowKey::CarriedForward), row(&a, RowKey::CarriedForward));
    // 一 + 二 = （七） + 四 in every column: 一 follows; where it would be negative, 四 grows.
    let mut new = vec![0; 7];
    for c in 0..6 {
        let n = tp[c] + cf[c] - co[c];
        if n < 0 {
            cf[c] -= n;
        }
        new[c] = n.max(0);
    }
    new[6] = new[..6].iter().sum();
    cf[6] = cf[..6].iter().sum();
    let set = |r: &mut Report, k: RowKey, v: &[i64]| {
        let i = r.row_index(k);
        r.apps[i] = v.iter().map(|&x| Cell::int(x)).collect();
    };
    set(&mut b, RowKey::NewReceived, &new);
    set(&mut b, RowKey::CarriedOver, &co);
    set(&mut b, RowKey::CarriedForward, &cf);
    // 现行有效 = last year's + 制发 − 废止 (规章 and 规范性文件 are the first two rows).
    for r in 0..2 {
        let v = |rep: &Report, c: usize| rep.s2[r][c].value.unwrap() as i64;
        let in_force = v(&a, 2) + v(&b, 0) - v(&b, 1);
        if in_force < 0 {
            return None;
        }
        b.s2[r][2] = Cell::int(in_force);
    }
    b.assert_consistent();
    Some((a, b))
}

fn entry(file: &str, r: &Report, layout: Layout, seed: u64) -> Entry {
    let text = generator::render(r, layout, seed).text;
    Entry::new(file, &text, &nianbao::validate(&text))
}

fn codes(found: &[Diagnostic]) -> Vec<&str> {
    found.iter().map(|d| d.code.as_str()).collect()
}

/// The generated narratives are one template, so two generated reports always repeat each
/// other: X004 is tested on written texts below.
fn without_x004(found: &[Diagnostic]) -> Vec<&Diagnostic> {
    found.iter().filter(|d| d.code != "X004").collect()
}

fn seeds() -> impl Iterator<Item = u64> {
    20_261_300..20_261_300 + 60
}

#[test]
fn consistent_pairs_give_no_x001_x002_x005() {
    let mut tried = 0;
    for seed in seeds() {
        let Some((a, b)) = pair(seed) else { continue };
        for &layout in &LAYOUTS {
            let entries = [entry("a.txt", &a, layout, seed), entry("b.txt", &b, layout, seed + 1)];
            let found = compare(&entries);
            assert!(found[0].is_empty(), "seed {seed} {layout:?}: the earlier report: {:?}", codes(&found[0]));
            for d in without_x004(&found[1]) {
                assert_eq!(d.code, "X003", "seed {seed} {layout:?}: {}", d.message);
            }
            tried += 1;
        }
    }
    assert!(tried >= 50, "only {tried} pairs: the generator rarely makes blank-free 2021 reports");
}

#[test]
fn a_carried_over_difference_is_x001_on_exactly_that_cell_and_the_total() {
    let mut tried = 0;
    for seed in seeds() {
        let Some((a, mut b)) = pair(seed) else { continue };
        let col = (seed % 6) as usize;
        // One more carried over in one column, and one more carried forward, so the report
        // still balances in itself.
        for (key, c) in [
            (RowKey::CarriedOver, col),
            (RowKey::CarriedOver, 6),
            (RowKey::CarriedForward, col),
            (RowKey::CarriedForward, 6),
        ] {
            let i = b.row_index(key);
            let v = b.apps[i][c].value.unwrap() as i64;
            b.apps[i][c] = Cell::int(v + 1);
        }
        b.assert_consistent();
        for &layout in &[Layout::TabRows, Layout::Html, Layout::PdfLayout, Layout::TabLedCells] {
            let entries = [entry("2023.txt", &a, layout, seed), entry("2024.txt", &b, layout, seed)];
            let found = compare(&entries);
            let x001: Vec<&Diagnostic> = found[1].iter().filter(|d| d.code == "X001").collect();
            let key = nianbao::template::APPLICATION_COLUMNS[col].key;
            let cells: Vec<Vec<CellRef>> = x001.iter().map(|d| d.cells.clone()).collect();
            assert_eq!(
                cells,
                [key, ColKey::Total].map(|c| vec![CellRef::new(APP, RowKey::CarriedOver, c)]),
                "seed {seed} {layout:?}"
            );
            for d in &x001 {
                let other = d.counterpart.as_ref().expect("X001 names the earlier report");
                assert_eq!(other.file, "2023.txt");
                assert_eq!(other.year, Some(a.year));
                assert_eq!(other.cells[0].row, RowKey::CarriedForward);
                assert_eq!(other.cells[0].col, d.cells[0].col);
                assert_eq!(d.spans.len(), 1, "X001 marks this year's cell");
            }
            assert!(found[0].is_empty());
            assert!(without_x004(&found[1]).iter().all(|d| d.code == "X001" || d.code == "X003"));
            tried += 1;
        }
    }
    assert!(tried > 20);
}

#[test]
fn an_in_force_difference_is_x002() {
    let Some((a, mut b)) = seeds().find_map(pair) else { panic!("no pair") };
    let v = b.s2[0][2].value.unwrap() as i64;
    b.s2[0][2] = Cell::int(v + 2);
    let found = compare(&[entry("a.txt", &a, Layout::TabRows, 1), entry("b.txt", &b, Layout::TabRows, 2)]);
    let x002: Vec<&Diagnostic> = found[1].iter().filter(|d| d.code == "X002").collect();
    assert_eq!(x002.len(), 1, "{:?}", codes(&found[1]));
    assert_eq!(x002[0].cells[0], CellRef::new(TableKey::ActiveDisclosure, RowKey::Regulations, ColKey::InForce));
    assert!(x002[0].message.contains(&format!("现行有效件数为 {}", v + 2)), "{}", x002[0].message);
}

#[test]
fn a_jump_of_more_than_five_times_is_x003_and_a_smaller_one_is_not() {
    let Some((a, b)) = seeds().find_map(pair) else { panic!("no pair") };
    // 行政处罚 decisions: section 二's fourth row.
    let penalty = 3;
    for (before, now, fires) in [(100, 600, true), (100, 19, true), (100, 20, false), (8, 0, false), (0, 12, true)] {
        let (mut a, mut b) = (a.clone(), b.clone());
        a.s2[penalty][0] = Cell::int(before);
        b.s2[penalty][0] = Cell::int(now);
        let found = compare(&[entry("a.txt", &a, Layout::TabRows, 1), entry("b.txt", &b, Layout::TabRows, 2)]);
        let x003: Vec<&Diagnostic> =
            found[1].iter().filter(|d| d.code == "X003" && d.cells[0].row == RowKey::Penalty).collect();
        assert_eq!(x003.len(), usize::from(fires), "{before} → {now}: {:?}", codes(&found[1]));
    }
}

#[test]
fn the_same_body_and_year_twice_is_x005_on_the_second() {
    let Some((a, _)) = seeds().find_map(pair) else { panic!("no pair") };
    let found = compare(&[entry("定稿.txt", &a, Layout::TabRows, 1), entry("修改稿.html", &a, Layout::Html, 2)]);
    assert!(found[0].is_empty());
    assert_eq!(codes(&found[1]), ["X005"]);
    assert_eq!(found[1][0].counterpart.as_ref().map(|c| c.file.as_str()), Some("定稿.txt"));
}

#[test]
fn a_pairing_by_hand_overrides_the_one_by_body_and_year() {
    let Some((a, mut b)) = seeds().find_map(pair) else { panic!("no pair") };
    // This year's 上年结转 one more in 自然人 and 总计 (and 结转下年度 too, so b balances): X001.
    for (key, c) in
        [(RowKey::CarriedOver, 0), (RowKey::CarriedOver, 6), (RowKey::CarriedForward, 0), (RowKey::CarriedForward, 6)]
    {
        let i = b.row_index(key);
        b.apps[i][c] = Cell::int(b.apps[i][c].value.unwrap() as i64 + 1);
    }
    b.assert_consistent();
    // Another body's report of this year: a person says it is b's report renamed.
    let mut renamed = b.clone();
    renamed.body = "某某新设机构";
    let list = [
        entry("a.txt", &a, Layout::TabRows, 1),
        entry("b.txt", &b, Layout::TabRows, 2),
        entry("renamed.txt", &renamed, Layout::TabRows, 3),
    ];
    let x123 = |found: &[Diagnostic]| -> Vec<String> {
        found.iter().filter(|d| ["X001", "X002", "X003"].contains(&d.code.as_str())).map(|d| d.code.clone()).collect()
    };
    // By body and year: b is paired with a; the renamed body with nothing.
    let auto = compare_paired(&list, &Pairing::default());
    assert_eq!(auto.last_year, [None, Some(0), None]);
    assert!(x123(&auto.findings[1]).contains(&"X001".to_string()));
    assert!(x123(&auto.findings[2]).is_empty());
    // Unpaired by hand: b is compared with no earlier report.
    let mut unpaired = Pairing::default();
    unpaired.unpair(1);
    let found = compare_paired(&list, &unpaired);
    assert_eq!(found.last_year, [None, None, None]);
    assert!(x123(&found.findings[1]).is_empty(), "{:?}", codes(&found.findings[1]));
    // Paired by hand: the renamed report is compared with a, and gets the same X001 as b.
    let mut paired = Pairing::default();
    paired.pair(2, 0);
    let found = compare_paired(&list, &paired);
    assert_eq!(found.last_year, [None, Some(0), Some(0)]);
    let cells = |ds: &[Diagnostic]| -> Vec<CellRef> {
        ds.iter().filter(|d| d.code == "X001").flat_map(|d| d.cells.clone()).collect()
    };
    assert_eq!(cells(&found.findings[2]), cells(&auto.findings[1]));
    assert_eq!(cells(&found.findings[2]).len(), 2);
    // A pairing out of range, or with itself, is ignored.
    let mut odd = Pairing::default();
    odd.pair(1, 1);
    odd.pair(1, 9);
    assert_eq!(compare_paired(&list, &odd).last_year, [None, None, None], "9 is out of range: unpaired");
}

#[test]
fn a_duplicate_paired_by_hand_is_no_longer_x005() {
    let Some((a, _)) = seeds().find_map(pair) else { panic!("no pair") };
    let list = [entry("定稿.txt", &a, Layout::TabRows, 1), entry("修改稿.txt", &a, Layout::TabRows, 2)];
    let mut p = Pairing::default();
    p.pair(1, 0);
    let found = compare_paired(&list, &p);
    assert!(found.findings[1].iter().all(|d| d.code != "X005"), "{:?}", codes(&found.findings[1]));
    assert_eq!(found.last_year[1], Some(0));
}

#[test]
fn x_findings_say_their_line_column_and_section() {
    let Some((a, mut b)) = seeds().find_map(pair) else { panic!("no pair") };
    let i = b.row_index(RowKey::CarriedOver);
    let j = b.row_index(RowKey::CarriedForward);
    for c in [0, 6] {
        b.apps[i][c] = Cell::int(b.apps[i][c].value.unwrap() as i64 + 1);
        b.apps[j][c] = Cell::int(b.apps[j][c].value.unwrap() as i64 + 1);
    }
    let text = generator::render(&b, Layout::TabRows, 2).text;
    let list = [entry("a.txt", &a, Layout::TabRows, 1), Entry::new("b.txt", &text, &nianbao::validate(&text))];
    let found = compare(&list);
    let x001 = found[1].iter().find(|d| d.code == "X001").expect("X001");
    let at = x001.spans[0].start;
    let place = list[1].place(at).expect("an X001 span has a place");
    assert_eq!(place.line, text[..at].matches('\n').count() + 1);
    let line_start = text[..at].rfind('\n').map_or(0, |k| k + 1);
    assert_eq!(place.column, text[line_start..at].chars().count() + 1);
    assert_eq!(place.section, Some(3), "section 三 holds the applications table");
    assert_eq!(list[1].place(at + 1), None, "only the spans' starts are kept");
}

/// A short report with the given body, year and sections 一 and 五 (no tables).
fn written(body: &str, year: i32, one: &str, five: &str) -> String {
    format!(
        "{body}{year}年政府信息公开工作年度报告\n\n本报告依据《中华人民共和国政府信息公开条例》编制。\n\n一、总体情况\n{one}\n\n\
         二、主动公开政府信息情况\n\n三、收到和处理政府信息公开申请情况\n\n四、政府信息公开行政复议、行政诉讼情况\n\n\
         五、存在的主要问题及改进情况\n{five}\n\n六、其他需要报告的事项\n本机关未收取信息处理费。\n"
    )
}

const ONE_2023: &str = "2023年，本局坚持以人民为中心的发展思想，持续推进决策、执行、管理、服务、结果公开。\
    全年通过门户网站发布各类政府信息356条，其中政策解读23篇，图文解读比例进一步提高。\
    围绕农业农村重点工作，及时公开惠农补贴发放、农产品质量安全抽检等信息。";
const FIVE_2023: &str = "一是政策解读形式还比较单一，图解、视频等解读方式运用较少。\
    二是基层政务公开标准化规范化建设有待加强，部分栏目更新不够及时。\
    下一步，本局将丰富解读形式，加强对基层的业务指导和培训，定期开展栏目巡查。";
const ONE_OTHER: &str = "本年度，局党组高度重视政务公开，把公开工作纳入年度重点任务统筹推进。\
    全年召开专题会议研究部署政务公开工作两次，调整充实了政务公开工作领导小组。\
    依申请公开办理流程进一步规范，答复文书全部经法制机构审核后出具。";
const FIVE_OTHER: &str = "存在的问题主要是依申请公开答复的说理还不够充分，个别答复超过法定期限。\
    今后将建立答复文书集体审核制度，开展依申请公开案例研讨，提高答复质量。\
    同时完善政务新媒体管理办法，防止出现长期不更新的僵尸账号。";

fn entries(texts: &[(&str, String)]) -> Vec<Entry> {
    texts.iter().map(|(f, t)| Entry::new(f, t, &nianbao::validate(t))).collect()
}

#[test]
fn a_copied_narrative_is_x004_with_the_repeated_sentences_marked() {
    // Next year's report: the same sentences with the numbers changed.
    let copied_one = ONE_2023.replace("2023", "2024").replace("356", "401").replace("23篇", "31篇");
    let t2023 = written("某市农业农村局", 2023, ONE_2023, FIVE_2023);
    let t2024 = written("某市农业农村局", 2024, &copied_one, FIVE_2023);
    let found = compare(&entries(&[("2023.txt", t2023), ("2024.txt", t2024.clone())]));
    assert!(found[0].is_empty(), "{:?}", codes(&found[0]));
    assert_eq!(codes(&found[1]), ["X004"]);
    let d = &found[1][0];
    assert_eq!(d.spans.len(), 6, "all six sentences of 一 and 五 are repeated: {}", d.message);
    for s in &d.spans {
        let marked = &t2024[s.start..s.end];
        assert!(marked.chars().count() >= 15 && !marked.contains('\n'), "{marked:?}");
    }
    assert!(d.message.contains("2023年报告（2023.txt）"), "{}", d.message);
}

#[test]
fn another_units_copied_narrative_is_x004_and_different_narratives_are_not() {
    let mine = written("某县农业农村局", 2024, ONE_2023, FIVE_2023);
    let copy = written("某县林业局", 2024, ONE_2023, FIVE_2023);
    let other = written("某县水利局", 2024, ONE_OTHER, FIVE_OTHER);
    let found = compare(&entries(&[("农业.txt", mine), ("林业.txt", copy), ("水利.txt", other)]));
    assert_eq!(codes(&found[0]), ["X004"], "the copy goes both ways");
    assert_eq!(codes(&found[1]), ["X004"]);
    assert!(found[1][0].message.contains("某县农业农村局"), "{}", found[1][0].message);
    assert!(found[2].is_empty(), "{:?}", codes(&found[2]));
}

#[test]
fn standard_sentences_and_a_few_shared_ones_are_not_x004() {
    // Two sentences the same out of six: not most of the narrative.
    let five = format!("{}{}", FIVE_OTHER, "一是政策解读形式还比较单一，图解、视频等解读方式运用较少。");
    let a = written("某区民政局", 2023, ONE_2023, FIVE_2023);
    let b = written("某区民政局", 2024, ONE_OTHER, &five);
    let found = compare(&entries(&[("a.txt", a), ("b.txt", b)]));
    assert!(found[1].iter().all(|d| d.code != "X004"), "{:?}", codes(&found[1]));
}

#[test]
fn the_real_corpus_as_one_round() {
    let mut texts = Vec::new();
    for dir in ["../shared/corpus/seeds", "../shared/corpus/real"] {
        let Ok(rd) = std::fs::read_dir(dir) else {
            eprintln!("{dir} absent: skipped");
            return;
        };
        let mut names: Vec<_> =
            rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md")).collect();
        names.sort();
        for p in names {
            let text = std::fs::read_to_string(&p).unwrap();
            texts.push((p.file_name().unwrap().to_string_lossy().into_owned(), text));
        }
    }
    let entries: Vec<Entry> = texts.iter().map(|(f, t)| Entry::new(f, t, &nianbao::validate(t))).collect();
    let found = compare(&entries);
    let mut got: Vec<String> = Vec::new();
    for (e, ds) in entries.iter().zip(&found) {
        for d in ds {
            let other = d.counterpart.as_ref().map_or("", |c| c.file.as_str());
            got.push(format!("{} {} ← {}", e.file, d.code, other));
        }
    }
    println!("{}", got.join("\n"));
    // Every line below was checked against the texts by hand.
    let expected: Vec<&str> = EXPECTED_CORPUS.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    assert_eq!(got, expected);
}

/// 001–003, 004–006 and 021–022 are one report each in several renderings (X005); 行政许可
/// 550 → 9487 (洪泽, 2023 → 2024) and 行政强制 42 → 0 → 54 (平潭, 2021 → 2023) are the texts'
/// own figures (X003, a prompt to look, not an error). Bodies pair across 洪泽区人民政府 and
/// 淮安市洪泽区人民政府. No X001: both 洪泽 years carry 0 over.
const EXPECTED_CORPUS: &str = "
    002-hongze-district-2023-pdftotext-default.txt X005 ← 001-hongze-district-2023-pdftotext-layout.txt
    003-hongze-district-2023-pdftotext-raw.txt X005 ← 001-hongze-district-2023-pdftotext-layout.txt
    004-hongze-district-2024-pdftotext-layout.txt X003 ← 001-hongze-district-2023-pdftotext-layout.txt
    005-hongze-district-2024-pdftotext-default.txt X005 ← 004-hongze-district-2024-pdftotext-layout.txt
    006-hongze-district-2024-pdftotext-raw.txt X005 ← 004-hongze-district-2024-pdftotext-layout.txt
    010-pingtan-2022-crawler-glued.txt X003 ← 009-pingtan-2021-crawler-glued.txt
    011-pingtan-2023-crawler-glued.txt X003 ← 010-pingtan-2022-crawler-glued.txt
    022-huaian-city-2024-pdftotext-default.txt X005 ← 021-huaian-city-2024-pdftotext-layout.txt
";

#[test]
fn a_narrative_copied_by_many_units_is_one_x004_per_report() {
    let units = ["某县农业农村局", "某县林业局", "某县水务局", "某县商务局"];
    let texts: Vec<(&str, String)> = units.iter().map(|u| (*u, written(u, 2024, ONE_2023, FIVE_2023))).collect();
    let found = compare(&entries(&texts));
    for (u, ds) in units.iter().zip(&found) {
        assert_eq!(codes(ds), ["X004"], "{u}");
        assert!(ds[0].message.contains("还与本批另外 2 份报告大段相同"), "{u}: {}", ds[0].message);
    }
}
