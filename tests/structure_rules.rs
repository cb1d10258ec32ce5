//! The structure and identity rules (S002, S003, S005, S006, S007) and the section 五/六 notes
//! (N004, N005): for each, reports edited from a clean base report that must fire, pointing at
//! the text they are about, and near misses that must not (false alarms are bugs).

mod common;

use common::*;
use nianbao::{Report, Severity};

const WARNING: Severity = Severity::Warning;
const INFO: Severity = Severity::Info;

const MINE: [&str; 7] = ["S002", "S003", "S005", "S006", "S007", "N004", "N005"];

const FIVE: &str = "五、存在的主要问题及改进情况\n存在的主要问题：一是政策解读形式较为单一，图解、视频等解读占比不高；二是基层工作人员业务水平参差不齐。\n改进情况：下一步将丰富解读形式，组织专题培训，健全信息发布前审核机制，持续提升公开质量。\n";
const SIX: &str = "六、其他需要报告的事项\n本年度未收取信息处理费。";

/// The text of a finding's first span.
fn first_span<'a>(text: &'a str, r: &Report, code: &str) -> &'a str {
    let d = with_code(r, code)[0];
    slice(text, d.spans[0]).expect("span inside the text")
}

#[test]
fn the_clean_bases_fire_none_of_these_rules() {
    for doc in [Doc::base(), Doc::base_2019()] {
        let (_, r) = doc.validate();
        for code in MINE {
            silent(&r, code);
        }
    }
}

#[test]
fn s002_promoted_sub_part_of_section_one() {
    let (b, r) = Doc::base().replace_once("（二）依申请公开", "二、依申请公开工作").validate();
    let d = fires(&r, "S002", WARNING);
    assert_eq!(d.len(), 1, "{}", list_diagnostics(&r));
    assert!(d[0].message.contains("“二、依申请公开工作”"), "{}", d[0].message);
    assert_eq!(first_span(&b.text, &r, "S002"), "二、依申请公开工作");
}

#[test]
fn s002_section_numbered_as_another() {
    let (b, r) = Doc::base().replace_once("二、主动公开政府信息情况", "一、主动公开政府信息情况").validate();
    let d = fires(&r, "S002", WARNING);
    assert!(d[0].message.contains("应为第二部分"), "{}", d[0].message);
    assert_eq!(first_span(&b.text, &r, "S002"), "一、主动公开政府信息情况");
}

#[test]
fn s002_sections_out_of_order_and_twice() {
    let swapped = format!("{SIX}\n{FIVE}");
    let (b, r) = Doc::base().replace_once(&format!("{FIVE}{SIX}"), &swapped).validate();
    let d = fires(&r, "S002", WARNING);
    assert!(d.iter().any(|d| d.message.contains("顺序颠倒")), "{}", list_diagnostics(&r));
    assert_eq!(first_span(&b.text, &r, "S002"), "五、存在的主要问题及改进情况");

    let twice = format!("{FIVE}五、存在的主要问题及改进情况\n一是信息发布不够及时。\n{SIX}");
    let (_, r) = Doc::base().replace_once(&format!("{FIVE}{SIX}"), &twice).validate();
    assert!(fires(&r, "S002", WARNING).iter().any(|d| d.message.contains("出现了两次") && d.spans.len() == 2));
}

#[test]
fn s002_silent_on_sub_parts_quotes_and_a_contents_list() {
    // Sub-parts numbered （一）, a quoted title, a list inside 五: none is a section.
    let (_, r) =
        Doc::base().replace_once("改进情况：下一步", "改进情况：按照第1部分「一、总体情况」所述，下一步").validate();
    silent(&r, "S002");
    let contents = "目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n一、总体情况\n";
    let (_, r) = Doc::base().replace_once("一、总体情况\n", contents).validate();
    silent(&r, "S002");
}

#[test]
fn s003_title_variant_names_what_it_matched() {
    let (b, r) = Doc::base().replace_once("五、存在的主要问题及改进情况", "五、存在的主要问题及整改措施").validate();
    let d = fires(&r, "S003", INFO);
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("“五、存在的主要问题及改进情况”"), "{}", d[0].message);
    assert_eq!(first_span(&b.text, &r, "S003"), "五、存在的主要问题及整改措施");
}

#[test]
fn s003_silent_on_spacing_and_on_run_together_text() {
    let (_, r) = Doc::base().replace_once("二、主动公开政府信息情况", "二、 主动公开政府信息情况 ").validate();
    silent(&r, "S003");
    // Text running on after the official title is body text, not a longer title.
    let (_, r) = Doc::base().replace_once("六、其他需要报告的事项\n", "六、其他需要报告的事项").validate();
    silent(&r, "S003");
}

#[test]
fn s005_superseded_and_misspelled_notices() {
    let (b, r) = Doc::base().replace_once("〔2021〕30号", "〔2019〕60号").validate();
    let d = fires(&r, "S005", WARNING);
    assert!(d[0].message.contains("已被取代"), "{}", d[0].message);
    assert_eq!(first_span(&b.text, &r, "S005"), "国办公开办函〔2019〕60号");

    let (b, r) = Doc::base().replace_once("国办公开办函〔2021〕30号", "国办政务公开办函[2021]30号").validate();
    fires(&r, "S005", WARNING);
    assert_eq!(first_span(&b.text, &r, "S005"), "国办政务公开办函[2021]30号");

    let (_, r) = Doc::base().replace_once("〔2021〕30号", "〔2021〕3号").validate();
    assert!(fires(&r, "S005", WARNING)[0].message.contains("应为国办公开办函〔2021〕30号"));
}

#[test]
fn s005_silent_on_the_right_notice_for_the_year_and_on_other_documents() {
    // base_2019 is a 2020 report citing 〔2019〕60号: right for its year.
    let (_, r) = Doc::base_2019().validate();
    silent(&r, "S005");
    let (_, r) =
        Doc::base().replace_once("改进情况：下一步", "改进情况：按照国办公开办函〔2021〕12号的要求，下一步").validate();
    silent(&r, "S005");
}

#[test]
fn s006_period_of_another_year() {
    let (b, r) = Doc::base().replace_once("2023年1月1日至2023年12月31日", "2022年1月1日至2022年12月31日").validate();
    let d = fires(&r, "S006", WARNING);
    assert_eq!(d.len(), 1, "{}", list_diagnostics(&r));
    assert!(d[0].message.contains("2023") && d[0].message.contains("2022"), "{}", d[0].message);
    let at = b.at("2023年1月1日至2023年12月31日");
    assert!(points_at(d[0], &at), "{:?}", d[0].spans);
}

#[test]
fn s006_narrative_of_another_year_and_impossible_year() {
    let (b, r) = Doc::base().replace_once("2023年，本局依托", "2021年，本局依托").validate();
    let d = fires(&r, "S006", WARNING);
    assert!(d[0].message.contains("“2021年”"), "{}", d[0].message);
    assert_eq!(first_span(&b.text, &r, "S006"), "2021年");

    let (b, r) = Doc::base().replace_once("2023年，本局依托", "202023年，本局依托").validate();
    let d = fires(&r, "S006", WARNING);
    assert!(d.iter().any(|d| d.message.contains("“202023年”不是有效的年份")), "{}", list_diagnostics(&r));
    assert!(d.iter().any(|d| slice(&b.text, d.spans[0]) == Some("202023")));
}

#[test]
fn s006_silent_on_next_year_plans_and_copy_damage() {
    let (_, r) = Doc::base()
        .replace_once("改进情况：下一步", "改进情况：2024年，本局将")
        .replace_once("2023年1月1日至2023年12月31日", "2023111231日")
        .validate();
    silent(&r, "S006");
}

#[test]
fn s007_title_and_announced_body_differ() {
    let announce = "现向社会公布青禾县交通运输局2023年度政府信息公开工作年度报告。报告所列数据";
    let (b, r) = Doc::base().replace_once("报告所列数据", announce).validate();
    let d = fires(&r, "S007", WARNING);
    assert!(d[0].message.contains("青禾县交通运输局"), "{}", d[0].message);
    assert_eq!(first_span(&b.text, &r, "S007"), "青禾县自然资源局2023年政府信息公开工作年度报告");
    assert!(d[0].spans.iter().any(|s| slice(&b.text, *s).is_some_and(|t| t.contains("青禾县交通运输局"))));
}

#[test]
fn s007_silent_on_the_same_body_abbreviated() {
    for named in ["青禾县自然资源局", "县自然资源局", "本局"] {
        let announce = format!("现向社会公布{named}2023年度政府信息公开工作年度报告。报告所列数据");
        let (_, r) = Doc::base().replace_once("报告所列数据", &announce).validate();
        silent(&r, "S007");
    }
}

#[test]
fn s007_a_town_or_department_announced_as_its_county() {
    let announce = "现向社会公布青禾县2023年度政府信息公开工作年度报告。报告所列数据";
    let (b, r) = Doc::base().replace_once("报告所列数据", announce).validate();
    let d = fires(&r, "S007", WARNING);
    assert!(d[0].message.contains("“青禾县”"), "{}", d[0].message);
    assert_eq!(first_span(&b.text, &r, "S007"), "青禾县自然资源局2023年政府信息公开工作年度报告");
    // A town's report announced as its county's; and as its own, in full or not.
    for (named, fire) in [("青禾县", true), ("青禾县人民政府", true), ("云岭镇", false), ("青禾县云岭镇", false)]
    {
        let announce = format!("现向社会公布{named}2023年度政府信息公开工作年度报告。报告所列数据");
        let (_, r) = Doc::base()
            .replace_once(
                "青禾县自然资源局2023年政府信息公开工作年度报告",
                "青禾县云岭镇人民政府2023年政府信息公开工作年度报告",
            )
            .replace_once("报告所列数据", &announce)
            .validate();
        if fire {
            fires(&r, "S007", WARNING);
        } else {
            silent(&r, "S007");
        }
    }
}

#[test]
fn s007_silent_on_sentences_that_only_look_like_an_announcement() {
    let said = "现将我县贯彻落实政府信息公开工作情况报告如下，请审阅本年度报告。报告所列数据";
    let (_, r) = Doc::base().replace_once("报告所列数据", said).validate();
    silent(&r, "S007");
}

#[test]
fn n004_section_six_silent_on_the_fee() {
    let (b, r) = Doc::base().replace_once("本年度未收取信息处理费。", "无。").validate();
    fires(&r, "N004", INFO);
    assert_eq!(first_span(&b.text, &r, "N004"), "六、其他需要报告的事项");
}

#[test]
fn n004_silent_when_the_fee_is_stated_or_the_year_predates_the_fee_rules() {
    let (_, r) = Doc::base().replace_once("本年度未收取信息处理费。", "本年度没有产生信息公开处理费。").validate();
    silent(&r, "N004");
    let (_, r) = Doc::base_2019().replace_once("本年度未收取信息处理费。", "无。").validate();
    silent(&r, "N004");
}

#[test]
fn n005_section_five_only_says_none() {
    let empty_five = "五、存在的主要问题及改进情况\n无。\n— 6 —\n";
    let (b, r) = Doc::base().replace_once(FIVE, empty_five).validate();
    let d = fires(&r, "N005", WARNING);
    assert!(d[0].message.contains("无"), "{}", d[0].message);
    assert_eq!(first_span(&b.text, &r, "N005"), "五、存在的主要问题及改进情况");
    let (_, r) = Doc::base().replace_once(FIVE, "五、存在的主要问题及改进情况\n").validate();
    fires(&r, "N005", WARNING);
}

#[test]
fn n005_silent_on_a_short_real_answer() {
    let (_, r) =
        Doc::base().replace_once(FIVE, "五、存在的主要问题及改进情况\n无明显问题，下一步将加强培训。\n").validate();
    silent(&r, "N005");
}
