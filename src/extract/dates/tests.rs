use super::*;
use crate::extract::{DctSource, Engine, Options};

fn dct(s: &str) -> Dct {
    Dct::parse(s, DctSource::Given).unwrap()
}

/// (text, timex, mod) of every date found in `text` with `d` as article date.
fn dates(text: &str, d: Option<&str>) -> Vec<(String, String, Option<String>)> {
    let folded = Folded::new(text);
    let dct = d.map(dct);
    let mut out = Vec::new();
    find(&folded, dct.as_ref(), &mut out);
    out.into_iter()
        .map(|e| match e.value {
            Some(Value::Date(v)) => (e.text.to_string(), v.timex.to_string(), v.modifier),
            _ => unreachable!(),
        })
        .collect()
}

fn one(text: &str, d: Option<&str>) -> (String, String) {
    let v = dates(text, d);
    assert_eq!(v.len(), 1, "{text}: {v:?}");
    (v[0].0.clone(), v[0].1.clone())
}

fn has(text: &str, d: Option<&str>, span: &str, timex: &str) {
    let v = dates(text, d);
    assert!(
        v.iter().any(|(s, t, _)| s == span && t == timex),
        "{text}: wanted {span} = {timex}, got {v:?}"
    );
}

/// The article date inferred from `t`, as TIMEX3.
fn dct_of(t: &str) -> String {
    infer_dct(&Folded::new(t))
        .unwrap_or_else(|| panic!("no dct in {t:?}"))
        .timex()
}

fn none(text: &str) {
    let v = dates(text, Some("2018-01-17"));
    assert!(v.is_empty(), "{text}: {v:?}");
}

#[test]
fn absolute_chinese() {
    assert_eq!(
        one("于2018年1月17日发布", None),
        ("2018年1月17日".into(), "2018-01-17".into())
    );
    assert_eq!(one("2015年10月,京东", None).1, "2015-10");
    assert_eq!(one("2003年国务院", None).1, "2003");
    assert_eq!(one("二〇一八年", None).1, "2018");
    assert_eq!(one("十一月十五日", Some("2013-12-01")).1, "2013-11-15");
    has(
        "报道 2014-12-23 10:19:09 昨日",
        None,
        "2014-12-23 10:19:09",
        "2014-12-23T10:19:09",
    );
    has("2018/1/17", None, "2018/1/17", "2018-01-17");
}

#[test]
fn year_less_dates_resolve() {
    assert_eq!(one("1月17日消息", None).1, "XXXX-01-17");
    assert_eq!(one("1月17日消息", Some("2018-01-17")).1, "2018-01-17");
    // a December date in a January article is last year's
    assert_eq!(one("12月3日,", Some("2018-01-17")).1, "2017-12-03");
    // an explicit year earlier in the paragraph wins
    has(
        "“2015年10月13日,会谈”“10月19日……”",
        Some("2018-01-17"),
        "10月19日",
        "2015-10-19",
    );
}

#[test]
fn times_of_day_are_one_span() {
    assert_eq!(
        one("1月15日晚6时,刘强东", Some("2018-01-17")),
        ("1月15日晚6时".into(), "2018-01-15T18:00".into())
    );
    assert_eq!(
        one("1月16日上午9时", Some("2018-01-17")).1,
        "2018-01-16T09:00"
    );
    assert_eq!(one("昨日下午,", Some("2014-12-23")).1, "2014-12-22TAF");
    assert_eq!(one("昨日上午现身", Some("2014-12-23")).1, "2014-12-22TMO");
    // a trailing pinyin gloss stays out of the span
    let (span, timex) = one("昨天下午兩點(diǎn),馬云", Some("2014-12-23"));
    assert_eq!(span, "昨天下午兩點");
    assert_eq!(timex, "2014-12-22T14:00");
}

#[test]
fn modified_dates() {
    let v = dates("去年11月初,", Some("2018-01-17"));
    assert_eq!(
        v,
        vec![("去年11月初".into(), "2017-11".into(), Some("START".into()))]
    );
    let v = dates("截至2021年底,", None);
    assert_eq!(
        v,
        vec![("2021年底".into(), "2021-12".into(), Some("END".into()))]
    );
    let v = dates("2018新年伊始,", None);
    assert_eq!(
        v,
        vec![(
            "2018新年伊始".into(),
            "2018-01".into(),
            Some("START".into())
        )]
    );
    let v = dates("今年初,运河区", Some("2015-12-03"));
    assert_eq!(v[0].1, "2015-01");
    has("10月中旬", Some("2018-11-01"), "10月中旬", "2018-10");
    has("2021年第三季度", None, "2021年第三季度", "2021-Q3");
    has("今年上半年", Some("2021-08-01"), "今年上半年", "2021-H1");
    has(
        "今年的冬天很冷",
        Some("2015-12-03"),
        "今年的冬天",
        "2015-WI",
    );
    has("2017年一年京东", None, "2017年一年", "2017");
}

#[test]
fn relative_chinese() {
    let d = Some("2014-12-23");
    has("昨日,廣東省", d, "昨日", "2014-12-22");
    has("朋友圈昨被刷屏", d, "昨", "2014-12-22");
    has("前天", d, "前天", "2014-12-21");
    has("今年", d, "今年", "2014");
    has("明年", d, "明年", "2015");
    has("上月底", d, "上月底", "2014-11");
    has("本周", Some("2013-02-12"), "本周", "2013-W07");
    has("上周二", Some("2013-02-14"), "上周二", "2013-02-05");
    // 上年 and 当年 follow the year under discussion
    has("2013年,廣東省網絡零售額...比上年增長", d, "上年", "2012");
    has(
        "2016年京东帮助贫困户,使贫困户当年脱贫",
        Some("2018-01-17"),
        "当年",
        "2016",
    );
    // 这一天 is the day just mentioned
    has(
        "11月16日,在初冬。在这一天,",
        Some("2015-12-03"),
        "这一天",
        "2015-11-16",
    );
}

#[test]
fn reported_speech_anchors_to_its_own_year() {
    let text = "2005年马云曾到东莞。他说“没有想到今天有这么多人”。";
    has(text, Some("2014-12-23"), "今天", "2005-XX-XX");
    let text = "2005年正是鼎盛时期。\n\n马云当时说,“今天我说,30年以后,一切都在网上”。";
    has(text, Some("2014-12-23"), "30年以后", "2035");
}

#[test]
fn festivals() {
    has("2021年京东11.11期间,销量", None, "11.11", "2021-11-11");
    has("2021年京东11.11期间,销量", None, "2021年", "2021");
    has("2022年京东618开门红", None, "618", "2022-06-18");
    has(
        "而今年雙十一,東莞",
        Some("2014-12-23"),
        "今年雙十一",
        "2014-11-11",
    );
    has("2021年3·15消费曝光台", None, "2021年3·15", "2021-03-15");
    has("双11当天", Some("2019-12-01"), "双11", "2019-11-11");
    // 618 without context is a number
    none("共有618家企业");
    none("版本 11.11 发布");
}

#[test]
fn durations_chinese() {
    let d = Some("2018-01-17");
    has("计划未来三年在东北", d, "未来三年", "P3Y");
    has("三年投资超200亿", d, "三年", "P3Y");
    has("在5天内往返", d, "5天内", "P5D");
    has("连续两年大力推动", d, "两年", "P2Y");
    has("三年內完成", d, "三年內", "P3Y");
    has("马云十年來三访", d, "十年來", "P10Y");
    has("半天时间", d, "半天", "PT12H");
    has("开门红前10分钟,", d, "前10分钟", "PT10M");
    has("多年来,京东", d, "多年来", "PXY");
    let v = dates("过去十几年积累的", d);
    assert_eq!(
        v,
        vec![("十几年".into(), "P10Y".into(), Some("APPROX".into()))]
    );
    has("3个月后", d, "3个月后", "2018-04");
}

#[test]
fn must_not_fire_chinese() {
    none("三个国家");
    none("20多场活动");
    none("9000个岗位");
    none("电话 0317-2135678");
    none("2.99亿元");
    none("增收1500万元");
    none("他58岁了");
}

#[test]
fn ages_and_counts_do_not_fire() {
    let v = dates("他58岁,三年级学生,10年期国债,一日千里", Some("2018-01-17"));
    assert!(v.is_empty(), "{v:?}");
}

#[test]
fn english_absolute() {
    has(
        "on January 17, 2018, JD said",
        None,
        "January 17, 2018",
        "2018-01-17",
    );
    has(
        "BEIJING, Jan. 17 (Xinhua) --",
        Some("2018-01-20"),
        "Jan. 17",
        "2018-01-17",
    );
    has("on 17 January 2018", None, "17 January 2018", "2018-01-17");
    has("in March 2019,", None, "March 2019", "2019-03");
    has("the strategy in 2003, and", None, "2003", "2003");
    has("early 2019", None, "early 2019", "2019");
    has(
        "by the end of March",
        Some("2021-01-10"),
        "the end of March",
        "2021-03",
    );
    has(
        "the first half of 2021",
        None,
        "the first half of 2021",
        "2021-H1",
    );
    has("in Q3 2021", None, "Q3 2021", "2021-Q3");
    has(
        "in the third quarter",
        Some("2021-05-01"),
        "the third quarter",
        "2021-Q3",
    );
    has(
        "in the quarter ended June 30, 2021",
        None,
        "the quarter ended June 30, 2021",
        "2021-Q2",
    );
    has(
        "at 3 p.m. on Tuesday",
        Some("2018-01-17"),
        "3 p.m.",
        "2018-01-17T15:00",
    );
}

#[test]
fn english_relative_and_durations() {
    let d = Some("2018-01-17");
    has("yesterday", d, "yesterday", "2018-01-16");
    has("sales fell last year", d, "last year", "2017");
    has("next month", d, "next month", "2018-02");
    has("this week", d, "this week", "2018-W03");
    // 2018-01-17 is a Wednesday; Tuesday is the day before
    has("said on Tuesday", d, "Tuesday", "2018-01-16");
    has(
        "in the next three years, to",
        d,
        "in the next three years",
        "P3Y",
    );
    has(
        "over the next three years",
        d,
        "over the next three years",
        "P3Y",
    );
    has("over the past decade", d, "over the past decade", "P10Y");
    has("for three years", d, "three years", "P3Y");
    has("ten years ago", d, "ten years ago", "2008");
}

#[test]
fn must_not_fire_english() {
    none("a 30-year-old man");
    none("he is 45 years old");
    none("version 2.1 released");
    none("$2003 in cash");
    none("he may go");
    none("2,000 people");
}

#[test]
fn dct_from_datelines() {
    let e = Engine::new();
    let a = e.analyze(
        "南方都市报 2014-12-23 10:19:09\n\n昨日,",
        &Options::default(),
    );
    assert_eq!(
        a.dct,
        Some(Dct {
            year: 2014,
            month: Some(12),
            day: Some(23),
            source: DctSource::Dateline
        })
    );
    let a = e.analyze(
        "长城网沧州12月3日讯 2015年9月16日,腾讯",
        &Options::default(),
    );
    assert_eq!(
        a.dct.as_ref().map(|d| (d.timex(), d.source)),
        Some(("2015-12-03".into(), DctSource::Inferred))
    );
    let a = e.analyze(
        "经济网讯 1月17日消息,2018新年伊始,2017年年底",
        &Options::default(),
    );
    assert_eq!(a.dct.map(|d| d.timex()), Some("2018-01-17".into()));
    let a = e.analyze(
        "BEIJING, Jan. 17 (Xinhua) -- JD said in 2017 it",
        &Options::default(),
    );
    assert_eq!(a.dct.map(|d| d.timex()), Some("2017-01-17".into()));
    let a = e.analyze("2024-03-15\nA header", &Options::default());
    assert_eq!(a.dct.map(|d| d.timex()), Some("2024-03-15".into()));
    // no dateline: no dct, even when years are mentioned
    let a = e.analyze("近日,京东2021年全年销量", &Options::default());
    assert_eq!(a.dct, None);
    // the user's date wins
    let opts = Options {
        dct: Some(dct("2020-05-05")),
        markdown: false,
    };
    let a = e.analyze("南方都市报 2014-12-23 10:19:09\n\n昨日,", &opts);
    assert_eq!(a.dct.map(|d| d.timex()), Some("2020-05-05".into()));
    let d = a.entities.iter().find(|e| e.text == "昨日").unwrap();
    assert_eq!(
        d.value,
        Some(Value::Date(dv(DateType::Date, "2020-05-04", None)))
    );
}

#[test]
fn digit_finder_agrees_with_a_plain_scan() {
    let text = "年月 abc 中文x9 ３ 〇 ~/:@ 12 end 7";
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let plain = b[i..]
            .iter()
            .position(u8::is_ascii_digit)
            .map_or(b.len(), |k| i + k);
        assert_eq!(find_digit(b, i, b.len()), plain, "from {i}");
        i += 1;
    }
}

#[test]
fn times_attach_to_their_day() {
    let d = Some("2016-11-07");
    has("今晚6点见", d, "今晚6点", "2016-11-07T18:00");
    has(
        "2010.01.29晚上六点",
        d,
        "2010.01.29晚上六点",
        "2010-01-29T18:00",
    );
    has("二零零四年八月十五,", d, "二零零四年八月十五", "2004-08-15");
    has("两千零四年八月十五,", d, "两千零四年八月十五", "2004-08-15");
    has(
        "2015年十月初一早上九点二十",
        d,
        "2015年十月初一早上九点二十",
        "2015-10-01T09:20",
    );
    has("三年半", d, "三年半", "P3.5Y");
    has(
        "tomorrow at 3 p.m.",
        d,
        "tomorrow at 3 p.m.",
        "2016-11-08T15:00",
    );
    has(
        "next Monday afternoon",
        d,
        "next Monday afternoon",
        "2016-11-14TAF",
    );
    has("at 7:56:30 pm", d, "7:56:30 pm", "2016-11-07T19:56:30");
    has("every Monday", d, "every Monday", "XXXX-WXX-1");
    has("Dec. 31 , 1994", d, "Dec. 31 , 1994", "1994-12-31");
    has("the 9th of May", d, "the 9th of May", "2016-05-09");
}

#[test]
fn holidays_move_with_the_year() {
    has("Thanksgiving 2013", None, "Thanksgiving 2013", "2013-11-28");
    has("Easter 2024", None, "Easter 2024", "2024-03-31");
    has("Memorial Day 2021", None, "Memorial Day 2021", "2021-05-31");
    has("2018年春节", None, "春节", "2018-02-16");
}

#[test]
fn a_year_closing_a_phrase() {
    has("the Olympics 2008.", None, "2008", "2008");
    has("Ramadan 2018", None, "2018", "2018");
    none("Pay ABC 2000");
    none("costs 2000.");
}

#[test]
fn never_panics_on_any_cut() {
    let text = "2014-12-23 10:19:09 昨天下午兩點(diǎn) 1月15日晚6时 去年11月初 2021年3·15 11.11 618 \
                Jan. 17 (Xinhua) -- the quarter ended June 30, 2021 at 7:56:30 pm 3/4 1/17/2018 \
                十几年 二〇一八年 八月十五 初一 Q3 2021 the end of March 90年代 上世纪 ５天内 “今天” 12/";
    let dct = dct("2018-01-17");
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|i| text.is_char_boundary(*i))
        .collect();
    for &a in &bounds {
        for &b in bounds.iter().filter(|b| **b >= a).step_by(7) {
            let f = Folded::new(&text[a..b]);
            let mut out = Vec::new();
            find(&f, Some(&dct), &mut out);
            let _ = infer_dct(&f);
        }
    }
}

#[test]
fn mid_year_forms() {
    let v = dates("预计年中前完成", Some("2021-03-01"));
    assert_eq!(v, vec![("年中".into(), "2021".into(), Some("MID".into()))]);
    let v = dates("in mid-2019, the", None);
    assert_eq!(
        v,
        vec![("mid-2019".into(), "2019".into(), Some("MID".into()))]
    );
    let v = dates("2021年年中", None);
    assert_eq!(
        v,
        vec![("2021年年中".into(), "2021".into(), Some("MID".into()))]
    );
    none("年中无休");
}

#[test]
fn quarters_in_news() {
    let d = Some("2024-01-05");
    has("公司預計第二季營收將", d, "第二季", "2024-Q2");
    // reported in January: the fourth quarter is last year's
    has(
        "in the fourth quarter, up 20%",
        d,
        "the fourth quarter",
        "2023-Q4",
    );
    none("四季如春");
}

#[test]
fn names_are_not_dates() {
    none("August Busch said");
    none("王国庆表示");
    has("国庆期间", Some("2019-10-08"), "国庆", "2019-10-01");
    has("sales in March rose", None, "March", "XXXX-03");
}

#[test]
fn feasts_that_move() {
    has("2024年耶稣受难日", None, "耶稣受难日", "2024-03-29");
    has("2019年大年三十", None, "大年三十", "2019-02-04");
    none("东正教主受难节");
}

#[test]
fn hyphenated_periods_are_adjectives() {
    let d = Some("2021-08-30");
    has(
        "BYD said first-half revenue rose",
        d,
        "first-half",
        "2021-H1",
    );
    has("Third-quarter sales fell", d, "Third-quarter", "2021-Q3");
    has(
        "its first-half 2020 results",
        d,
        "first-half 2020",
        "2020-H1",
    );
    none("up 5% year-on-year");
    none("a 10-year bond and a half-year report");
}

#[test]
fn chinese_festivals_named_in_english() {
    let d = Some("2018-01-17");
    has("Sales on Singles Day rose", d, "Singles Day", "2017-11-11");
    has(
        "hired staff before the Spring Festival on",
        d,
        "the Spring Festival",
        "2018-02-16",
    );
    // the determiner belongs to the noun the name qualifies
    has(
        "during the Spring Festival holiday",
        d,
        "Spring Festival",
        "2018-02-16",
    );
    has(
        "618 shopping festival: sales jump",
        Some("2023-06-19"),
        "618",
        "2023-06-18",
    );
}

#[test]
fn a_clock_time_and_its_day_are_one_span() {
    let d = Some("2023-06-01");
    assert_eq!(
        one("Updated 8:30am, 19 Jun 2023 |", d),
        ("8:30am, 19 Jun 2023".into(), "2023-06-19T08:30".into())
    );
    assert_eq!(
        one("On June 19, 2023, at 8:30 a.m. the shares", d),
        (
            "June 19, 2023, at 8:30 a.m.".into(),
            "2023-06-19T08:30".into()
        )
    );
}

#[test]
fn a_sentence_stop_after_a_full_month_name_is_not_part_of_it() {
    let d = Some("2021-08-30");
    has("by the end of June.", d, "the end of June", "2021-06");
    has("in July. Then", d, "July", "2021-07");
    has("on Sept. 3 it", d, "Sept. 3", "2021-09-03");
}

#[test]
fn passing_years_do_not_date_the_months_after_them() {
    // "since 2008" and "from 2023" are reference points, not the story's year
    has(
        "BYD, backed by Berkshire since 2008, forecast third-quarter profit",
        Some("2021-08-30"),
        "third-quarter",
        "2021-Q3",
    );
    has(
        "Deliveries fell 1.1 percent from 2023. Sales fell in February",
        Some("2025-03-05"),
        "February",
        "2025-02",
    );
    // a later year is a plan, not the timeline
    has(
        "production starts in early 2019. It signed a deal in November",
        Some("2018-01-17"),
        "November",
        "2017-11",
    );
    // a year that opens the clause still dates what follows it
    has(
        "2015年，公司上市。3月，公司",
        Some("2018-01-17"),
        "3月",
        "2015-03",
    );
}

#[test]
fn words_that_only_look_like_dates() {
    // 后 closes the clause and 日处理 is "daily"; 本次 counts; 客数 is a count
    none("项目建成后日处理能力达500吨");
    none("本次年货节期间客流大增");
    none("來客數年增5%");
    // ages of a product are not dates
    none("五年以上陈酿售价上涨");
    none("十年窖龄的酒");
}

#[test]
fn taiwan_and_hong_kong_bracketed_days() {
    let d = Some("2024-03-06");
    has("公司今（6）日宣布", d, "今（6）日", "2024-03-06");
    has("董事會昨（5）日通過", d, "昨（5）日", "2024-03-05");
    none("乘坐今(5)号线");
}

#[test]
fn evening_is_ev_and_the_same_period_last_year_is_one_span() {
    let d = Some("2025-08-28");
    has("公司27日晚间发布公告", d, "27日晚间", "2025-08-27TEV");
    has("昨晚，公司", d, "昨晚", "2025-08-27TEV");
    has(
        "二季度营收37亿元，而去年同期为30亿元",
        d,
        "去年同期",
        "2024-Q2",
    );
    has("营收较去年同期增长", d, "去年同期", "2024");
}

#[test]
fn a_year_reported_whole_is_over() {
    // annual results come out the year after: the dateline's year is the next one
    let t = "新华社北京3月28日电 工商银行发布2024年年报，2024年实现净利润3658亿元。";
    let dct = infer_dct(&Folded::new(t)).unwrap();
    assert_eq!(dct.timex(), "2025-03-28");
    let t = "本报7月1日讯 公司上半年销量已超过2024年的总和。";
    assert_eq!(dct_of(t), "2025-07-01");
    // a target for the running year does not count
    let t = "本报5月1日讯 公司一季度完成2024年度目标的三成。";
    assert_eq!(dct_of(t), "2024-05-01");
    let t =
        "SHENZHEN, March 31 (Xinhua) -- The company reported revenue of 880 billion yuan for 2025.";
    assert_eq!(dct_of(t), "2026-03-31");
}

#[test]
fn planned_years_do_not_date_an_article() {
    let t = "FRANKFURT, Jan 21 (Reuters) - Hong Kong IPOs raised HK$87.5 billion in 2024. \
             The venture would begin assembling cars in 2026.";
    assert_eq!(dct_of(t), "2025-01-21");
    let t = "本报9月5日讯 2023年公司销量增长，新工厂将于2025年投产。";
    assert_eq!(dct_of(t), "2023-09-05");
    // a year in the present or future tense in January is the running one
    let t = "BEIJING, Jan. 10 (Xinhua) -- Sales in 2025 are seen rising.";
    assert_eq!(dct_of(t), "2025-01-10");
}

#[test]
fn the_reporters_day_is_a_dateline() {
    let t = "新京报讯（记者 陈思远）记者10月1日从多家车企获悉，各家车企公布了上月交付量。\
             比亚迪2023年销量目标为300万辆，2022年销量为186万辆。";
    assert_eq!(dct_of(t), "2023-10-01");
}

#[test]
fn holidays_without_a_year_are_the_nearest_ones() {
    // in a December article, 元旦 and 春节 are the coming ones
    let d = Some("2025-12-15");
    has("备货迎接元旦和春节", d, "元旦", "2026-01-01");
    has("备货迎接元旦和春节", d, "春节", "2026-02-17");
    // in a March article, the Spring Festival just past
    has("春节期间销量大增", Some("2025-03-10"), "春节", "2025-01-29");
}

#[test]
fn an_annual_report_in_the_first_months_is_last_years() {
    let t = "中新网北京3月28日电 工商银行27日晚间发布年度业绩。年报显示，2024年该行营收下降。";
    assert_eq!(dct_of(t), "2025-03-28");
    // the same words in an autumn article change nothing
    let t = "中新网北京9月28日电 年报显示，2024年该行营收下降。";
    assert_eq!(dct_of(t), "2024-09-28");
}

#[test]
fn a_day_opening_the_first_line_dates_an_article_without_dateline() {
    let t = "小米财报速读\n\n11月18日晚，小米集团发布2025年Q3业绩。";
    assert_eq!(dct_of(t), "2025-11-18");
    // a day inside a sentence is not the article's date
    let t = "小米财报速读\n\n小米集团于11月18日发布2025年Q3业绩。";
    assert_eq!(infer_dct(&Folded::new(t)), None);
}

#[test]
fn midnight_the_same_day_and_the_current_quarter() {
    let d = Some("2025-11-20");
    has("11月12日零时起开售", d, "11月12日零时", "2025-11-12T00:00");
    has("11月12日发布。同日，公司宣布", d, "同日", "2025-11-12");
    none("两者不可同日而语");
    has(
        "losses will narrow in the current quarter",
        d,
        "the current quarter",
        "2025-Q4",
    );
    has(
        "in the three months ended December.",
        d,
        "the three months ended December",
        "2025-Q4",
    );
}

#[test]
fn taiwan_quarters_months_and_republic_years() {
    let d = Some("2025-11-20");
    has("公司第3季营收创新高", d, "第3季", "2025-Q3");
    has("前9月累計營收成長", d, "前9月", "P9M");
    has("台灣去年即112年營收成長", d, "112年", "2023");
    has("新台幣計價，113年1月起調整", d, "113年1月", "2024-01");
    // outside Taiwanese copy a three-digit count of years stays a duration
    has("共有112年历史", d, "112年", "P112Y");
    has("小米发布2025年Q3业绩", d, "2025年Q3", "2025-Q3");
}

#[test]
fn quarters_written_in_latin_inside_chinese() {
    has("拼多多Q2营收不及预期", Some("2024-08-27"), "Q2", "2024-Q2");
    has("投行把Q3营收预期下调", Some("2024-08-27"), "Q3", "2024-Q3");
}

#[test]
fn a_report_named_for_half_a_year_is_no_date() {
    none("上市银行的半年报进入密集披露期");
    none("发布的半年度报告显示");
    has("项目用了半年时间", Some("2024-08-27"), "半年", "P6M");
}

#[test]
fn dashed_year_spans_are_two_years() {
    let d = Some("2026-03-19");
    has(
        "the 15th Five-Year Plan period (2026-2030).",
        d,
        "2026",
        "2026",
    );
    has(
        "the 15th Five-Year Plan period (2026-2030).",
        d,
        "2030",
        "2030",
    );
    none("热线400-2026-2030");
}

#[test]
fn a_day_alone_after_the_article_date_is_last_months() {
    has(
        "29日晚间发布的半年度报告显示",
        Some("2025-11-05"),
        "29日晚间",
        "2025-10-29TEV",
    );
    has(
        "公司将于29日举行发布会",
        Some("2025-11-05"),
        "29日",
        "2025-11-29",
    );
    has("3日，公司发布公告", Some("2025-11-05"), "3日", "2025-11-03");
}

#[test]
fn lunar_festivals_and_black_friday() {
    let d = Some("2024-08-27");
    has("正值中秋国庆假期", d, "中秋", "2024-09-17");
    has("今年端午节前后粽子热销", d, "端午节", "2024-06-10");
    has("海外黑五大促", d, "黑五", "2024-11-29");
    has("Black Friday sales rose", d, "Black Friday", "2024-11-29");
    has("中秋節前夕", Some("2023-09-20"), "中秋節", "2023-09-29");
}

#[test]
fn the_first_quarters_and_months_of_a_named_year() {
    let d = Some("2024-08-27");
    has("今年前三季度营收", d, "前三季度", "P9M");
    has("前3季度营收", d, "前3季度", "P9M");
    has("2024年前8个月", d, "前8个月", "P8M");
    has("今年首八個月一手私宅成交", d, "首八個月", "P8M");
    // a quarter alone is still a quarter
    has("三季度营收", d, "三季度", "2024-Q3");
}

#[test]
fn quarters_named_by_their_last_month() {
    let d = Some("2025-11-25");
    has(
        "Alibaba's September-quarter filing",
        d,
        "September-quarter",
        "2025-Q3",
    );
    has(
        "growth in the December quarter",
        d,
        "the December quarter",
        "2025-Q4",
    );
    has(
        "revenue for the three months through September rose",
        d,
        "the three months through September",
        "2025-Q3",
    );
    // "quarterly" is no quarter, and a range stays months
    let v = dates("the September quarterly report", d);
    assert!(v.iter().all(|(_, t, _)| !t.contains('Q')), "{v:?}");
    has("from June to September", d, "June", "2025-06");
}

#[test]
fn solar_terms_by_the_day_formula() {
    has("今天是立冬", Some("2023-11-08"), "立冬", "2023-11-08");
    has("立冬以来", Some("2025-11-20"), "立冬", "2025-11-07");
    has("清明小长假出游", Some("2024-03-20"), "清明", "2024-04-04");
    has("冬至前后", Some("2023-12-01"), "冬至", "2023-12-22");
    has("立春以来", Some("2026-02-10"), "立春", "2026-02-04");
    // 清明 as "clean" is no day
    none("政治清明");
}
