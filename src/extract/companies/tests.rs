//! Unit tests: scripts and languages, boundaries, shapes, propagation, the
//! not-a-company list, the user gazetteer.

use super::*;
use crate::extract::{Entity, Folded, Value};

fn run(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
    let folded = Folded::new(text);
    let mut out: Vec<Entity> = Vec::new();
    g.find(&folded, &mut out);
    out.sort_by_key(|e| e.range.start);
    out.into_iter()
        .map(|e| {
            let c = match e.value {
                Some(Value::Company(c)) => c.canonical.to_string(),
                _ => String::new(),
            };
            (e.text.to_string(), c)
        })
        .collect()
}

fn find(text: &str) -> Vec<(String, String)> {
    run(&Gazetteer::builtin(), text)
}

fn has(found: &[(String, String)], text: &str, canonical: &str) -> bool {
    found.iter().any(|(t, c)| t == text && c == canonical)
}

fn marked(found: &[(String, String)], text: &str) -> bool {
    found.iter().any(|(t, _)| t.contains(text))
}

#[test]
fn the_list_is_large_and_consistent() {
    let g = Gazetteer::builtin();
    assert!(g.len() >= 500, "only {} companies", g.len());
    // Every traditional alias folds onto an alias of the same company, so the
    // script table covers the characters company names use.
    for e in g.companies() {
        let simplified: Vec<String> = e.aliases.iter().map(|a| script::simplify(a)).collect();
        for a in &e.aliases {
            if a.chars().any(script::is_han) && !a.chars().any(script::is_traditional) {
                continue;
            }
            if a.chars().any(script::is_han) {
                assert!(
                    simplified
                        .iter()
                        .filter(|s| **s == script::simplify(a))
                        .count()
                        >= 1,
                    "{a} of {} does not fold",
                    e.canonical
                );
            }
        }
    }
    // No alias means two companies.
    let mut owner: HashMap<String, &str> = HashMap::new();
    for e in g.companies() {
        for a in e.aliases.iter().chain(&e.weak) {
            let f = script::simplify(a);
            if let Some(prev) = owner.insert(f.clone(), &e.canonical) {
                assert_eq!(prev, e.canonical, "alias {f} is listed twice");
            }
        }
    }
}

#[test]
fn traditional_aliases_fold_to_listed_simplified_ones() {
    let g = Gazetteer::builtin();
    let mut missing = Vec::new();
    for e in g.companies() {
        let simp: HashSet<&str> = e
            .aliases
            .iter()
            .filter(|a| !a.chars().any(script::is_traditional))
            .map(String::as_str)
            .collect();
        for a in &e.aliases {
            if a.chars().any(script::is_traditional) {
                let f = script::simplify(a);
                if !simp.contains(f.as_str()) {
                    missing.push(format!("{a}->{f} ({})", e.canonical));
                }
            }
        }
    }
    assert!(missing.is_empty(), "script table gaps: {missing:?}");
}

#[test]
fn one_company_across_scripts_and_languages() {
    let f = find("京东、京東、京东集团、JD、JD.com和京东商城都在签约现场。");
    for t in ["京东", "京東", "京东集团", "JD", "JD.com", "京东商城"] {
        assert!(has(&f, t, "JD.com"), "{t}: {f:?}");
    }
    let f = find("阿里巴巴集團與阿里、Alibaba Group同属一家。");
    assert!(has(&f, "阿里巴巴集團", "Alibaba Group"), "{f:?}");
    assert!(has(&f, "阿里", "Alibaba Group"), "{f:?}");
    assert!(has(&f, "Alibaba Group", "Alibaba Group"), "{f:?}");
    let f = find("騰訊與菜鳥網絡合作，腾讯公司表示。");
    assert!(has(&f, "騰訊", "Tencent"), "{f:?}");
    assert!(has(&f, "菜鳥網絡", "Cainiao Network"), "{f:?}");
    assert!(has(&f, "腾讯公司", "Tencent"), "{f:?}");
}

#[test]
fn subsidiaries_keep_their_own_and_units_link_to_the_parent() {
    let f = find("京东科技与京东物流、京东众筹、京东方合作。");
    assert!(has(&f, "京东科技", "JD Technology"), "{f:?}");
    assert!(has(&f, "京东物流", "JD Logistics"), "{f:?}");
    assert!(has(&f, "京东众筹", "JD.com"), "{f:?}");
    assert!(has(&f, "京东方", "BOE Technology"), "{f:?}");
    assert!(!has(&f, "京东", "JD.com"), "{f:?}");
}

#[test]
fn latin_names_need_word_boundaries() {
    let f = find("The JDK and ADJD builds, not JD.");
    assert_eq!(f, vec![("JD".to_string(), "JD.com".to_string())]);
    let f = find("Visit jd.com or www.jd.com/list for JD.com deals.");
    assert_eq!(f, vec![("JD.com".to_string(), "JD.com".to_string())]);
    let f = find("JD’s shares rose; ALIBABA fell.");
    assert!(
        has(&f, "JD", "JD.com") && has(&f, "ALIBABA", "Alibaba Group"),
        "{f:?}"
    );
    // Lower case is a word, not the company.
    assert!(find("the tesla coil and the apple pie").is_empty());
}

#[test]
fn context_only_names() {
    // "Ant" is Ant Group only in company context.
    assert!(find("An Ant walked across the table.").is_empty());
    let f = find("The wallet, built with Tencent and Ant, launched.");
    assert!(has(&f, "Ant", "Ant Group"), "{f:?}");
    assert!(has(
        &find("Ant Group raised money."),
        "Ant Group",
        "Ant Group"
    ));
    // 卓越 is a word, and a retailer in a list of retailers.
    assert!(find("腾讯卓越的发展眼光").iter().all(|(t, _)| t != "卓越"));
    let f = find("同阿里巴巴、京东、淘宝、凡客、卓越等平台合作");
    assert!(has(&f, "卓越", "Joyo.com"), "{f:?}");
    // 新希望 is a phrase until the group is named.
    assert!(find("为东北带来新希望").is_empty());
    let f = find("新希望集团宣布扩产。新希望表示将投资。");
    assert!(has(&f, "新希望", "New Hope Group"), "{f:?}");
}

#[test]
fn unknown_companies_by_shape() {
    let f = find("运河区人民政府、腾讯计算机系统有限公司、河北点芯网络科技有限公司三方签约");
    assert!(has(&f, "腾讯计算机系统有限公司", "Tencent"), "{f:?}");
    assert!(
        has(&f, "河北点芯网络科技有限公司", "河北点芯网络科技有限公司"),
        "{f:?}"
    );
    assert!(!marked(&f, "运河区"), "{f:?}");
    let f = find("東莞市人民政府-菜鳥網絡科技有限公司-北京銀泰置地商業有限公司投資合作");
    assert!(has(&f, "菜鳥網絡科技有限公司", "Cainiao Network"), "{f:?}");
    assert!(
        has(&f, "北京銀泰置地商業有限公司", "北京银泰置地商业有限公司"),
        "{f:?}"
    );
    let f = find("九三豆油、完达山乳业、长白山酒业等品牌");
    assert!(has(&f, "完达山乳业", "Wondersun Dairy"), "{f:?}");
    assert!(has(&f, "长白山酒业", "长白山酒业"), "{f:?}");
    let f = find("澄湖零售集團昨日公佈業績。");
    assert!(has(&f, "澄湖零售集團", "澄湖零售集团"), "{f:?}");
    let f = find("Northwind Energy Holdings Inc. agreed to buy Bright Sun Co. Ltd, a panel maker.");
    assert!(
        has(
            &f,
            "Northwind Energy Holdings Inc.",
            "Northwind Energy Holdings Inc."
        ),
        "{f:?}"
    );
    assert!(has(&f, "Bright Sun Co. Ltd", "Bright Sun Co. Ltd"), "{f:?}");
}

#[test]
fn not_companies() {
    for text in [
        "国务院首次提出振兴东北战略",
        "与工信部、商务部等签署协议",
        "肇东机场将作为运营中心",
        "京东已与黑龙江省扶贫办签署协议",
        "鼓励电商企业、农民专业合作社下乡",
        "这家公司表示，该公司和上市公司都在看",
        "中小银行普惠金融之道，聚焦2020年商业银行年报",
        "构建双循环银行业分支机构服务实体经济",
        "对话金融科技二十人，打造覆盖全省多级联运网络",
        "中国人民银行和世界银行发布报告",
        "The State Council and the World Bank said the group would grow.",
        "家住北京东城区，逛南京东路",
    ] {
        let f = find(text);
        let bad: Vec<_> = f.iter().filter(|(t, _)| t != "京东").collect();
        assert!(bad.is_empty(), "{text}: {f:?}");
    }
}

#[test]
fn branches_and_departments_link_to_the_parent() {
    let f = find("2011年5月,京东东北区分公司落地沈阳");
    assert_eq!(
        f,
        vec![("京东东北区分公司".to_string(), "JD.com".to_string())]
    );
    let f = find("腾讯微信支付部负责人代表腾讯公司来访");
    assert!(has(&f, "腾讯微信支付部", "Tencent"), "{f:?}");
    assert!(has(&f, "腾讯公司", "Tencent"), "{f:?}");
    let f = find("腾讯相关部门负责人表示");
    assert!(has(&f, "腾讯", "Tencent"), "{f:?}");
}

#[test]
fn propagation_of_short_forms() {
    let f = find("京东与北大荒通用航空公司合作。借助北大荒通航飞机、北大荒集团资源。");
    // A subsidiary named after a listed parent gets one canonical in both
    // languages.
    let sub = "Beidahuang General Aviation Co";
    assert!(has(&f, "北大荒通用航空公司", sub), "{f:?}");
    assert!(has(&f, "北大荒通航", sub), "{f:?}");
    assert!(has(&f, "北大荒集团", "Beidahuang Group"), "{f:?}");
    let f = find("星河物流科技有限公司（以下简称“星河物流”）昨日宣布。星河物流董事长表示。");
    let n = f
        .iter()
        .filter(|(t, c)| t == "星河物流" && c == "星河物流科技有限公司")
        .count();
    assert_eq!(n, 2, "{f:?}");
    let f = find("蓝鲸支付科技有限公司 (Bluewhale Pay) 今天宣布。");
    assert!(has(&f, "Bluewhale Pay", "蓝鲸支付科技有限公司"), "{f:?}");
    let f = find("Northwind Energy Holdings Inc. said revenue rose. Northwind shares rose 4%.");
    assert!(
        has(&f, "Northwind", "Northwind Energy Holdings Inc."),
        "{f:?}"
    );
    let f = find("JD said it will collaborate with Beidahuang General Aviation Co in drones.");
    assert!(
        has(
            &f,
            "Beidahuang General Aviation Co",
            "Beidahuang General Aviation Co"
        ),
        "{f:?}"
    );
}

#[test]
fn user_gazetteer_adds_overrides_and_ignores() {
    let toml = r#"
ignore = ["京东商城"]

[[company]]
canonical = "Bluewhale Pay"
aliases = ["蓝鲸支付", "Bluewhale Pay"]
description = "cross-border wallet"

[[company]]
canonical = "JD.com"
aliases = ["东哥的公司"]
ticker = "JD"
"#;
    let (g, errors) = Gazetteer::with_user_text(toml, "article-lsp.companies.toml");
    assert!(errors.is_empty(), "{errors:?}");
    let f = run(&g, "蓝鲸支付与东哥的公司在京东商城合作");
    assert!(has(&f, "蓝鲸支付", "Bluewhale Pay"), "{f:?}");
    assert!(has(&f, "东哥的公司", "JD.com"), "{f:?}");
    assert!(!marked(&f, "京东商城"), "{f:?}");
    // The built-in list still works.
    assert!(has(&run(&g, "腾讯"), "腾讯", "Tencent"));
}

#[test]
fn broken_user_file_names_the_line_and_keeps_the_builtin_list() {
    let (g, errors) = Gazetteer::with_user_text(
        "[[company]]\ncanonical = \"X\"\naliases = [\"甲乙\"\n",
        "article-lsp.companies.toml",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("article-lsp.companies.toml:"),
        "{errors:?}"
    );
    assert!(has(&run(&g, "京东"), "京东", "JD.com"));
    let (_, errors) = Gazetteer::with_user_text("[[company]]\naliases = [\"甲乙\"]\n", "u.toml");
    assert!(errors[0].contains("u.toml:1"), "{errors:?}");
}

#[test]
fn ignore_hook() {
    let mut g = Gazetteer::builtin();
    g.set_ignored(["京東"]);
    let f = run(&g, "京东和腾讯");
    assert!(!marked(&f, "京东") && has(&f, "腾讯", "Tencent"), "{f:?}");
    assert!(g.is_ignored("京东"));
}

#[test]
fn lookup_by_any_alias() {
    let g = Gazetteer::builtin();
    assert_eq!(
        g.lookup("京東").map(|e| e.canonical.as_str()),
        Some("JD.com")
    );
    assert_eq!(
        g.lookup("Tencent").map(|e| e.canonical.as_str()),
        Some("Tencent")
    );
    assert!(g.lookup("京东东").is_none());
}

#[test]
fn builds_quickly() {
    let g = Gazetteer::compile_builtin();
    // Generous in debug builds; the release figure is in the bench.
    assert!(g.build_time().as_millis() < 2000, "{:?}", g.build_time());
}

#[test]
fn legal_names_of_listed_companies() {
    let f = find(
        "中国平安保险（集团）股份有限公司发布公告。鴻海精密工業股份有限公司（富士康）擴大投資。",
    );
    assert!(
        has(&f, "中国平安保险（集团）股份有限公司", "Ping An Insurance"),
        "{f:?}"
    );
    assert!(has(&f, "鴻海精密工業股份有限公司", "Foxconn"), "{f:?}");
    assert!(has(&f, "富士康", "Foxconn"), "{f:?}");
    let f = find("Zhejiang Geely Holding Group Co., Ltd. and JPMorgan Chase & Co. agreed.");
    assert!(
        has(&f, "Zhejiang Geely Holding Group Co., Ltd.", "Geely"),
        "{f:?}"
    );
    assert!(has(&f, "JPMorgan Chase & Co.", "JPMorgan Chase"), "{f:?}");
}

#[test]
fn a_context_only_name_inside_a_longer_word_is_not_used() {
    // 华电 (China Huadian, context-only) inside an unknown legal name.
    let f = find("特区政府与中华电网有限公司签约");
    assert!(has(&f, "中华电网有限公司", "中华电网有限公司"), "{f:?}");
    // A context-only name followed by a company verb is a company.
    assert!(has(&find("美的表示将扩产"), "美的", "Midea Group"));
    assert!(find("美的风景").is_empty());
    assert!(has(&find("Visa said on Monday"), "Visa", "Visa"));
    assert!(find("Visa applications rose.").is_empty());
}

#[test]
fn a_long_list_confirms_every_member() {
    // Context-only names in a list next to a listed company, both directions.
    let f = find("卓越、凡客、京东、卓越网、菜鸟和淘宝");
    assert!(has(&f, "卓越", "Joyo.com"), "{f:?}");
    assert!(has(&f, "菜鸟", "Cainiao Network"), "{f:?}");
    // Unbalanced brackets and long runs stay cheap and find nothing odd.
    let junk = "京东(".repeat(2000) + &"公司".repeat(2000);
    let f = find(&junk);
    assert!(
        f.iter().all(|(t, _)| t == "京东"),
        "{:?}",
        &f[..3.min(f.len())]
    );
}

#[test]
fn descriptions_and_organisations_are_not_names() {
    let f = find("当地一家米业公司负责人说，几家物流公司也来了。");
    assert!(f.is_empty(), "{f:?}");
    let f = find("the State Council Leading Group Office of Poverty Alleviation and Harvard University Group");
    assert!(f.is_empty(), "{f:?}");
    // Short listed names and English legal-word variants.
    assert!(has(&find("韵达股份公告"), "韵达股份", "Yunda"));
    let f = find("Analysts at China International Capital Corp said so.");
    assert!(has(&f, "China International Capital Corp", "CICC"), "{f:?}");
    let f = find("Suning Commerce Group said it would open stores.");
    assert!(has(&f, "Suning Commerce Group", "Suning"), "{f:?}");
}

#[test]
fn grain_words_are_not_phone_makers() {
    assert!(find("苹果、梨等水果价格下降，小米、玉米等杂粮种植面积扩大。").is_empty());
    let f = find("小米集团发布财报。小米手机销量增长，小米表示将加大投入。");
    assert_eq!(f.iter().filter(|(_, c)| c == "Xiaomi").count(), 3, "{f:?}");
}

#[test]
fn never_panics_and_ranges_are_char_aligned() {
    // Pseudo-random texts built from the pieces the matcher cares about.
    const PIECES: &[&str] = &[
        "京东",
        "京東",
        "公司",
        "有限公司",
        "集团",
        "(",
        ")",
        "（",
        "）",
        "“",
        "”",
        "、",
        ",",
        " ",
        ".",
        "Co.",
        "Ltd",
        "Group",
        "Inc.",
        " & ",
        "JD",
        "Ant",
        "卓越",
        "部",
        "分公司",
        "以下简称",
        "北大荒",
        "通用航空",
        "科技",
        "银行",
        "a",
        "Z",
        "9",
        "é",
        "🚀",
        "\u{3000}",
        "萬(wàn)",
        "\n",
        "中国",
        "的",
    ];
    let g = Gazetteer::builtin();
    let mut seed: u64 = 0x5eed;
    for _ in 0..3000 {
        let mut text = String::new();
        let n = (seed % 24) as usize;
        for _ in 0..n {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
        }
        let folded = Folded::new(&text);
        let mut out = Vec::new();
        g.find(&folded, &mut out);
        for e in &out {
            assert!(text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end));
            assert_eq!(&text[e.range.clone()], e.text, "{text:?}");
        }
        seed ^= text.len() as u64;
    }
}

#[test]
fn company_names_across_word_boundaries_are_not_companies() {
    for text in [
        "收入增长和利润增长",
        "不同程度地提高了表达能力",
        "全国投资总额增长，努力拓展市场，加强生产管理",
        "其中烟草行业和组建行业协会",
        "迅雷不及掩耳之势，欢聚一堂",
    ] {
        let f = find(text);
        assert!(f.is_empty(), "{text}: {f:?}");
    }
}

#[test]
fn longer_names_and_places_that_hold_a_short_name() {
    let f = find("中国太平洋保险与中国太平签约，上海汽车市场回暖，在中国太平洋沿岸。");
    assert!(
        has(&f, "中国太平洋保险", "China Pacific Insurance"),
        "{f:?}"
    );
    assert!(has(&f, "中国太平", "China Taiping"), "{f:?}");
    assert_eq!(f.len(), 2, "{f:?}");
}

#[test]
fn a_name_does_not_end_inside_a_common_word() {
    let f = find("对此，京东方面回应称将继续投入。");
    assert!(has(&f, "京东", "JD.com"), "{f:?}");
    assert!(!marked(&f, "京东方"), "{f:?}");
    // The display maker itself is still read when no word follows.
    let f = find("京东方发布新一代面板。");
    assert!(has(&f, "京东方", "BOE Technology"), "{f:?}");
    // 中核 + 心 (核心) is not the nuclear group.
    let f = find("集团中核心业务收入增长。");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn time_words_and_role_nouns_end_the_left_context() {
    let f = find("上半年以来A股银行板块走强。");
    assert!(f.is_empty(), "{f:?}");
    let f = find("其物流供应商广州市顺达货运代理有限公司表示。");
    assert!(
        has(
            &f,
            "广州市顺达货运代理有限公司",
            "广州市顺达货运代理有限公司"
        ),
        "{f:?}"
    );
    let f = find("一家杭州初创公司获得融资。");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn business_units_are_kept_whole() {
    let f = find("小米汽车本月交付量创新高。");
    assert!(has(&f, "小米汽车", "Xiaomi Auto"), "{f:?}");
    let f = find("美团外卖与京东汽车展开合作。");
    assert!(has(&f, "美团外卖", "Meituan"), "{f:?}");
    assert!(has(&f, "京东汽车", "JD.com"), "{f:?}");
    // A unit in the list keeps its own canonical.
    let f = find("京东物流发布财报。");
    assert!(has(&f, "京东物流", "JD Logistics"), "{f:?}");
}

#[test]
fn legal_names_link_to_the_short_name() {
    let f = find("台灣積體電路製造股份有限公司今日公告。");
    assert!(f.iter().all(|(_, c)| c == "TSMC") && !f.is_empty(), "{f:?}");
    let f = find("Luxshare Precision Industry Co., Ltd. said on Monday.");
    assert!(
        f.iter().all(|(_, c)| c == "Luxshare") && !f.is_empty(),
        "{f:?}"
    );
}

#[test]
fn parent_plus_industry_word_is_a_subsidiary() {
    let f = find("华润集团旗下华润贸易有限公司表示，将扩大进口。");
    let unit = f.iter().find(|(t, _)| t == "华润贸易有限公司");
    assert!(unit.is_some_and(|(_, c)| c != "China Resources"), "{f:?}");
    // The main operating entity's registered name still links to the group.
    let f = find("北京京东世纪贸易有限公司发布公告。");
    assert!(has(&f, "北京京东世纪贸易有限公司", "JD.com"), "{f:?}");
}

#[test]
fn names_the_article_defines_are_learned() {
    // 下称 with curly quotes and more after the name (a stock code), and a
    // mention before the definition (a headline).
    let f = find(
        "青禾数码今日申购。青禾数码科技有限公司（下称“青禾数码”，股票代码：688001）今日披露，青禾数码拟募资。",
    );
    let n = f
        .iter()
        .filter(|(t, c)| t == "青禾数码" && c == "青禾数码科技有限公司")
        .count();
    assert_eq!(n, 3, "{f:?}");
    // Straight quotes and 以下称.
    let f = find("远航重工股份有限公司(以下称\"远航重工\")公告称，远航重工将回购。");
    let n = f.iter().filter(|(t, _)| t == "远航重工").count();
    assert_eq!(n, 2, "{f:?}");
    // 下同 after an unquoted name.
    let f = find("白鹭乳业集团股份有限公司（白鹭乳品，下同）发布年报。白鹭乳品营收增长。");
    let n = f
        .iter()
        .filter(|(t, c)| t == "白鹭乳品" && c == "白鹭乳业集团股份有限公司")
        .count();
    assert_eq!(n, 2, "{f:?}");
    // English: hereinafter with quotes, and a bracketed name.
    let f = find(
        "Amberline Textile Group Co Ltd (hereinafter \"ATG\") said sales rose. ATG shares gained.",
    );
    let n = f
        .iter()
        .filter(|(t, c)| t == "ATG" && c == "Amberline Textile Group Co Ltd")
        .count();
    assert_eq!(n, 2, "{f:?}");
    // A role is not a name.
    let f = find("Northwind Energy Holdings Inc. (the \"Company\") said the Company would grow.");
    assert!(!marked(&f, "Company\""), "{f:?}");
    assert!(f.iter().all(|(t, _)| t != "Company"), "{f:?}");
    // A listed company's own short form spreads too.
    let f = find("腾讯计算机系统有限公司（以下简称“腾讯计算机”）称，腾讯计算机将扩容。");
    assert_eq!(
        f.iter()
            .filter(|(t, c)| t == "腾讯计算机" && c == "Tencent")
            .count(),
        2,
        "{f:?}"
    );
}

#[test]
fn a_name_glossed_in_the_other_script_is_one_company() {
    let f = find("Suzhou Qingfeng Packaging Co Ltd (苏州青峰包装有限公司) doubled output.");
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0].1, f[1].1, "{f:?}");
    let f = find("苏州青峰包装有限公司（Suzhou Qingfeng Packaging Co Ltd）产量翻番。");
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0].1, f[1].1, "{f:?}");
    assert_eq!(f[0].1, "苏州青峰包装有限公司", "{f:?}");
    // Two different companies in the same script stay apart.
    let f = find("杭州青峰包装有限公司（苏州青峰包装有限公司的子公司）");
    assert!(f.windows(2).all(|w| w[0].1 != w[1].1), "{f:?}");
}

#[test]
fn a_listed_name_ending_in_a_stop_character_takes_its_legal_suffix() {
    // 新希望六和 ends in 和, which otherwise ends a left context.
    let f = find("双方与新希望六和股份有限公司签署了合作协议。");
    assert!(has(&f, "新希望六和股份有限公司", "New Hope Liuhe"), "{f:?}");
}

#[test]
fn words_of_a_line_of_business_stay_in_the_name() {
    // 新能源 holds 能, a stop character elsewhere.
    let f = find("一家经销商台州市远帆新能源汽车销售有限公司的经理说，订单翻倍。");
    assert!(
        has(
            &f,
            "台州市远帆新能源汽车销售有限公司",
            "台州市远帆新能源汽车销售有限公司"
        ),
        "{f:?}"
    );
    // Pinyin glosses inside the name stay in the span.
    let f = find("經銷(xiāo)商溫(wēn)州市遠帆新能源汽車(chē)銷售有限公司的經理說");
    assert!(
        has(
            &f,
            "溫(wēn)州市遠帆新能源汽車(chē)銷售有限公司",
            "温州市远帆新能源汽车销售有限公司"
        ),
        "{f:?}"
    );
}

#[test]
fn descriptors_end_the_left_context() {
    let f = find("烘焙连锁金麦穗食品控股有限公司今起招股。");
    assert!(
        has(&f, "金麦穗食品控股有限公司", "金麦穗食品控股有限公司"),
        "{f:?}"
    );
    let f = find("上海蓝天物流有限公司（原名上海蓝天运输有限公司）表示。");
    assert!(
        has(&f, "上海蓝天运输有限公司", "上海蓝天运输有限公司"),
        "{f:?}"
    );
    let f = find("行业龙头青岚股份有限公司发布公告。");
    assert!(has(&f, "青岚股份有限公司", "青岚股份有限公司"), "{f:?}");
    // A chain's own name keeps the word.
    let f = find("蓝帆连锁股份有限公司发布公告，蓝帆连锁超市有限公司同日开业。");
    assert!(
        has(&f, "蓝帆连锁股份有限公司", "蓝帆连锁股份有限公司"),
        "{f:?}"
    );
    assert!(
        has(&f, "蓝帆连锁超市有限公司", "蓝帆连锁超市有限公司"),
        "{f:?}"
    );
}

#[test]
fn time_words_and_generic_scopes_are_not_names() {
    for text in [
        "创业之初只有三人，如今公司已有员工300人，当时公司还很小。",
        "双方将围绕县域物流、配套物流和同城配送开展合作。",
        "此后公司扩大了产能，同时公司加快上市。",
    ] {
        let f = find(text);
        assert!(f.is_empty(), "{text}: {f:?}");
    }
}

#[test]
fn unit_words_after_a_listed_name() {
    let f = find("美团配送将在节前为骑手发放补贴。");
    assert!(has(&f, "美团配送", "Meituan"), "{f:?}");
    // ... unless they start a longer noun.
    let f = find("美团配送费上涨，比亚迪新能源汽车销量增长。");
    assert!(has(&f, "美团", "Meituan"), "{f:?}");
    assert!(has(&f, "比亚迪", "BYD"), "{f:?}");
    assert!(!marked(&f, "新能源"), "{f:?}");
    // A department after a listed name still links to it.
    let f = find("腾讯金融部负责人表示");
    assert!(has(&f, "腾讯金融部", "Tencent"), "{f:?}");
    // A generic noun after the unit's name leaves it whole.
    let f = find("美团外卖平台上的商家增加。");
    assert!(has(&f, "美团外卖", "Meituan"), "{f:?}");
}

#[test]
fn a_context_only_name_heading_a_list_of_companies() {
    let f = find("未来还将联合平安等保险公司推出专属车险。");
    assert!(has(&f, "平安", "Ping An Insurance"), "{f:?}");
    assert!(find("为东北带来新希望等待政策落地").is_empty());
}

#[test]
fn a_place_is_not_a_short_form() {
    let f = find(
        "Shandong Bluefield Orchard Co Ltd ships apples. Shandong farmers cheered, and Bluefield said output rose. In Harbin, Harbin Northstar Cold Chain Co Ltd opened a depot near Harbin.",
    );
    assert!(
        f.iter().all(|(t, _)| t != "Shandong" && t != "Harbin"),
        "{f:?}"
    );
    assert!(
        has(
            &f,
            "Harbin Northstar Cold Chain Co Ltd",
            "Harbin Northstar Cold Chain Co Ltd"
        ),
        "{f:?}"
    );
}

#[test]
fn a_name_does_not_run_back_over_and_past_a_company() {
    let f = find("It supplies BYD and Northwind Motor Holdings Ltd, among others.");
    assert!(has(&f, "BYD", "BYD"), "{f:?}");
    assert!(
        has(
            &f,
            "Northwind Motor Holdings Ltd",
            "Northwind Motor Holdings Ltd"
        ),
        "{f:?}"
    );
    // A listed name with & stays whole, and so does an unknown one.
    let f = find("Johnson & Johnson and Marks and Spencer Group plc reported.");
    assert!(has(&f, "Johnson & Johnson", "Johnson & Johnson"), "{f:?}");
    assert!(marked(&f, "Marks and Spencer Group"), "{f:?}");
}

#[test]
fn a_shorter_listed_name_inside_a_longer_word() {
    // "Geely Auto" is listed, but here it is the start of "Geely Automobile".
    let f = find("Geely Automobile Holdings Ltd said deliveries rose.");
    assert!(
        f.iter().all(|(_, c)| c == "Geely") && !f.is_empty(),
        "{f:?}"
    );
}

#[test]
fn a_sentence_stop_is_not_part_of_the_name() {
    let f = find("said an analyst at Tianhe Capital Corp. According to the firm, sales rose.");
    assert!(
        has(&f, "Tianhe Capital Corp", "Tianhe Capital Corp"),
        "{f:?}"
    );
    let f = find("Apple Inc. and Tianhe Capital Corp. agreed.");
    assert!(has(&f, "Apple Inc.", "Apple"), "{f:?}");
    assert!(marked(&f, "Tianhe Capital Corp."), "{f:?}");
}

#[test]
fn new_listed_names_do_not_fire_inside_words() {
    for text in [
        "他在学习酒店管理，中澳优势互补，获得物资支持。",
        "价格统一超过100元，华南金融中心建设提速，台湾银行业整体获利。",
        "人间绝味，好想你了，离这里不远百米。",
        "S&P 500 futures rose; 标普500指数上涨。",
        "Leonard Bernstein wrote the score.",
    ] {
        let f = find(text);
        assert!(f.is_empty(), "{text}: {f:?}");
    }
}

#[test]
fn brokers_banks_and_taiwan_retailers_are_listed() {
    let f = find(
        "Analysts at Bernstein and Nomura expect margins to widen; Mizuho and Macquarie agreed.",
    );
    for c in [
        "Bernstein",
        "Nomura",
        "Mizuho Financial Group",
        "Macquarie Group",
    ] {
        assert!(f.iter().any(|(_, x)| x == c), "{c}: {f:?}");
    }
    let f = find("統一超與全聯福利中心、富邦媒（momo）及統一速達的營收。");
    for c in [
        "President Chain Store",
        "PX Mart",
        "Fubon Media",
        "President Transnet",
    ] {
        assert!(f.iter().any(|(_, x)| x == c), "{c}: {f:?}");
    }
    assert!(!has(&f, "富邦", "Fubon Financial"), "{f:?}");
    let f = find("上汽通用五菱与北汽新能源、上汽大众同台竞争。");
    assert!(has(&f, "上汽通用五菱", "SAIC-GM-Wuling"), "{f:?}");
    assert!(has(&f, "北汽新能源", "BAIC BJEV"), "{f:?}");
    assert!(has(&f, "上汽大众", "SAIC Volkswagen"), "{f:?}");
}

#[test]
fn taiwan_financial_short_names_and_regulators() {
    let f = find("國泰金、富邦金與中信金昨日股價上漲。");
    assert!(has(&f, "中信金", "CTBC"), "{f:?}");
    assert!(has(&f, "富邦金", "Fubon Financial"), "{f:?}");
    // 中信 + 金融 is not the Taiwanese group.
    let f = find("中信金融业务增长。");
    assert!(f.iter().all(|(_, c)| c != "CTBC"), "{f:?}");
    let f = find("The China Securities Regulatory Commission approved the plan.");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn the_word_after_a_place_is_a_short_form_unless_it_is_a_place() {
    let f = find(
        "Sichuan Hongda Battery Materials Co Ltd plans a listing. Hongda's chairman said demand was strong.",
    );
    assert!(
        has(&f, "Hongda", "Sichuan Hongda Battery Materials Co Ltd"),
        "{f:?}"
    );
    let f = find(
        "In Lishan, Guangxi, Guangxi Lishan Orchard Co Ltd shipped fruit. Lishan county farmers cheered.",
    );
    assert!(f.iter().all(|(t, _)| t != "Lishan"), "{f:?}");
}

#[test]
fn a_bare_bracket_with_a_listed_name_names_the_company_before_it() {
    let f = find("河南省双汇投资发展股份有限公司（以下简称“双汇发展”）公告称，双汇发展拟回购。");
    assert!(f.iter().all(|(_, c)| c == "Shuanghui"), "{f:?}");
    let f = find("漯河双汇实业发展股份有限公司（双汇发展）公告。");
    assert!(f.iter().all(|(_, c)| c == "Shuanghui"), "{f:?}");
    // Sectors and exchanges are not names.
    let f = find("连锁快餐集团与上海证券交易所、中国证券市场。");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn a_kind_of_business_before_a_name_is_not_part_of_it() {
    let f = find("本地乳企河南花花牛乳业集团股份有限公司相关负责人表示。");
    assert!(
        has(
            &f,
            "河南花花牛乳业集团股份有限公司",
            "河南花花牛乳业集团股份有限公司"
        ),
        "{f:?}"
    );
    // "people close to the company" names no company
    let f = find("据接近公司的人士透露，上半年GMV增长超过30%。");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn the_core_of_a_named_company_is_its_short_form() {
    let f = find("河南花花牛乳业集团股份有限公司表示，为消化富余奶源，花花牛将部分鲜奶转产奶粉。");
    assert!(has(&f, "花花牛", "河南花花牛乳业集团股份有限公司"), "{f:?}");
    // two characters left are too often a word
    let f = find("星河物流科技有限公司成立于2015年，星河璀璨。");
    assert!(!f.iter().any(|(t, _)| t == "星河"), "{f:?}");
}

#[test]
fn a_weak_short_name_is_confirmed_by_the_full_legal_name() {
    let f = find("新地基礎溢利跌8.3%。新鴻基地產發展有限公司公布全年業績。");
    assert!(has(&f, "新地", "Sun Hung Kai Properties"), "{f:?}");
    let f = find("這片新地將用作公園。");
    assert!(!marked(&f, "新地"), "{f:?}");
}
