//! Hand-made export fixtures: texts with entities placed by `str::find`, so
//! the export tests do not depend on what the engine finds today.
#![allow(dead_code)]

use article_lsp::export::ExportDoc;
use article_lsp::extract::{
    CompanyValue, DateType, DateValue, Entity, Kind, Lang, MoneyValue, PercentValue, Qualifier,
    Value,
};

pub struct Fixture {
    pub name: String,
    pub text: String,
    pub lang: Lang,
    pub entities: Vec<Entity>,
}

impl Fixture {
    pub fn doc(&self) -> ExportDoc<'_> {
        ExportDoc {
            name: self.name.clone(),
            uri: None,
            text: &self.text,
            lang: self.lang,
            dct: None,
            entities: &self.entities,
        }
    }

    /// The text as exports carry it: BOM removed, line ends LF.
    pub fn exported_text(&self) -> String {
        self.text
            .trim_start_matches('\u{FEFF}')
            .replace("\r\n", "\n")
            .replace('\r', "\n")
    }

    /// Entity surfaces as exports carry them, in start order.
    pub fn surfaces(&self) -> Vec<String> {
        let mut e: Vec<&Entity> = self.entities.iter().collect();
        e.sort_by_key(|e| (e.range.start, std::cmp::Reverse(e.range.end)));
        e.iter().map(|e| e.text.replace("\r\n", "\n")).collect()
    }
}

/// Builds fixtures: `at(needle, nth)` finds the nth occurrence (0-based).
pub struct Builder {
    f: Fixture,
}

impl Builder {
    pub fn new(name: &str, text: &str, lang: Lang) -> Builder {
        Builder {
            f: Fixture {
                name: name.to_string(),
                text: text.to_string(),
                lang,
                entities: Vec::new(),
            },
        }
    }

    fn range(&self, needle: &str, nth: usize) -> std::ops::Range<usize> {
        let mut from = 0;
        for _ in 0..nth {
            from += self.f.text[from..].find(needle).expect("needle") + needle.len();
        }
        let start = from
            + self.f.text[from..]
                .find(needle)
                .unwrap_or_else(|| panic!("fixture {}: `{needle}` not in text", self.f.name));
        start..start + needle.len()
    }

    pub fn add(mut self, kind: Kind, needle: &str, nth: usize, value: Option<Value>) -> Builder {
        let r = self.range(needle, nth);
        self.f
            .entities
            .push(Entity::new(&self.f.text, kind, r, value));
        self
    }

    pub fn qualified(mut self, q: Qualifier) -> Builder {
        if let Some(e) = self.f.entities.last_mut() {
            e.qualifier = Some(q);
        }
        self
    }

    pub fn company(self, needle: &str, canonical: &str, ticker: Option<&str>) -> Builder {
        let v = Value::Company(CompanyValue {
            canonical: canonical.into(),
            ticker: ticker.map(Into::into),
            description: None,
        });
        self.add(Kind::Company, needle, 0, Some(v))
    }

    pub fn money(self, needle: &str, amount: f64, currency: Option<&str>) -> Builder {
        let v = Value::Money(MoneyValue {
            amount,
            currency: currency.map(|c| c.to_string().into()),
            per: None,
        });
        self.add(Kind::Money, needle, 0, Some(v))
    }

    pub fn percent(self, needle: &str, percent: f64) -> Builder {
        self.add(
            Kind::Percent,
            needle,
            0,
            Some(Value::Percent(PercentValue { percent })),
        )
    }

    pub fn date(self, needle: &str, kind: DateType, timex: &str) -> Builder {
        let v = Value::Date(DateValue {
            kind,
            timex: timex.into(),
            modifier: None,
        });
        self.add(Kind::Date, needle, 0, Some(v))
    }

    pub fn build(mut self) -> Fixture {
        self.f
            .entities
            .sort_by_key(|e| (e.range.start, std::cmp::Reverse(e.range.end)));
        self.f
    }
}

/// The running example `S` of export-formats §1.5 with `prefix` before it.
pub fn running(name: &str, prefix: &str) -> Fixture {
    let s = format!("{prefix}京东计划未来三年在东北投资超过200亿元。");
    Builder::new(name, &s, Lang::ZhHans)
        .company("京东", "京东", None)
        .date("未来三年", DateType::Duration, "P3Y")
        .money("200亿元", 20000000000.0, Some("CNY"))
        .qualified(Qualifier::MoreThan)
        .build()
}

pub fn traditional() -> Fixture {
    Builder::new(
        "news-0001-hant.txt",
        "京東計劃未來三年在東北投資超過200億元。",
        Lang::ZhHant,
    )
    .company("京東", "京东", None)
    .date("未來三年", DateType::Duration, "P3Y")
    .money("200億元", 20000000000.0, Some("CNY"))
    .qualified(Qualifier::MoreThan)
    .build()
}

pub fn english() -> Fixture {
    Builder::new(
        "news-0001-en.txt",
        "JD.com plans to invest more than 20 billion yuan in Northeast China over the next three years.",
        Lang::En,
    )
    .company("JD.com", "京东", Some("JD"))
    .money("20 billion yuan", 20000000000.0, Some("CNY"))
    .qualified(Qualifier::MoreThan)
    .date("over the next three years", DateType::Duration, "P3Y")
    .build()
}

/// BOM, CRLF, emoji (also a ZWJ family), CJK Extension-B, a formula-like
/// cell, a comma and quotes for CSV, overlapping entities of two kinds.
pub fn crafted() -> Fixture {
    let text = "\u{FEFF}🚀 蓝鲸支付 \"Bluewhale, Pay\" 快讯\r\n\
                𨋢記者報道：阿里巴巴集团(BABA)营收增长12.5%，\r\n\
                =SUM(A1) 公司投资US$3 billion；👨‍👩‍👧 京东计划未来三年在东北投资超过200亿元。\r\n\
                𠀋𪚥 最后一行 -5% 变化\r\n";
    Builder::new("crafted 𨋢.txt", text, Lang::Mixed)
        .company("蓝鲸支付", "蓝鲸支付", None)
        .company("阿里巴巴集团", "Alibaba Group", Some("BABA"))
        .percent("12.5%", 12.5)
        .money("US$3 billion", 3000000000.0, Some("USD"))
        .company("京东", "京东", None)
        .date("未来三年", DateType::Duration, "P3Y")
        .money("200亿元", 20000000000.0, Some("CNY"))
        .qualified(Qualifier::MoreThan)
        // Overlaps the money span on purpose (a different kind may overlap).
        .add(Kind::Percent, "200", 0, None)
        .percent("-5%", -5.0)
        .build()
}

fn example(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read_to_string(path).expect("example article")
}

pub fn examples() -> Vec<Fixture> {
    vec![
        Builder::new(
            "zh-hans-logistics.txt",
            &example("zh-hans-logistics.txt"),
            Lang::ZhHans,
        )
        .company("星河物流科技有限公司", "星河物流", None)
        .money("50亿元", 5000000000.0, Some("CNY"))
        .qualified(Qualifier::MoreThan)
        .date("2023年", DateType::Date, "2023")
        .money("126.5亿元", 12650000000.0, Some("CNY"))
        .percent("18.6%", 18.6)
        .company("京东集团", "京东", None)
        .build(),
        Builder::new(
            "zh-hant-retail.txt",
            &example("zh-hant-retail.txt"),
            Lang::ZhHant,
        )
        .company("澄湖零售集團", "澄湖零售", None)
        .date("2023年", DateType::Date, "2023")
        .percent("12%", 12.0)
        .money("人民幣60億元", 6000000000.0, Some("CNY"))
        .build(),
        Builder::new("en-energy.txt", &example("en-energy.txt"), Lang::En)
            .company(
                "Northwind Energy Holdings Inc.",
                "Northwind Energy Holdings",
                None,
            )
            .money("$1.2 billion", 1200000000.0, Some("USD"))
            .percent("54 per cent", 54.0)
            .company("Alibaba Group", "Alibaba Group", Some("BABA"))
            .money("3.5 billion yuan", 3500000000.0, Some("CNY"))
            .date("June 30", DateType::Date, "XXXX-06-30")
            .build(),
        Builder::new(
            "mixed-fintech.md",
            &example("mixed-fintech.md"),
            Lang::Mixed,
        )
        .company("蓝鲸支付科技有限公司", "蓝鲸支付", None)
        .money("100亿元", 10000000000.0, Some("CNY"))
        .percent("0.5%", 0.5)
        .money("US$3 billion", 3000000000.0, Some("USD"))
        .build(),
    ]
}

/// Every fixture: the §1.5 variants, the crafted text and the examples.
pub fn all() -> Vec<Fixture> {
    let mut v = vec![
        running("news-0001.txt", ""),
        running("news-0001-rocket.txt", "🚀"),
        running("news-0001-extb.txt", "𨋢"),
        running("news-0001-crlf.txt", "标题\r\n"),
        running("news-0001-lf.txt", "标题\n"),
        traditional(),
        english(),
        crafted(),
    ];
    v.extend(examples());
    v
}
