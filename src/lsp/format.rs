//! How entities read to a person: diagnostic messages, hover Markdown,
//! inlay hint labels, and the key that says two mentions are the same thing.

use crate::extract::{Analysis, Dct, DctSource, Entity, Kind, Qualifier, Value};

/// `20000000000` -> `20,000,000,000`; `1234.5` -> `1,234.5`.
pub fn thousands(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let neg = v < 0.0;
    let v = v.abs();
    let s = if v.fract() == 0.0 && v < 9.0e15 {
        format!("{}", v as u64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// A plain number without grouping: `18.6`, `592`.
fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

pub fn currency_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "CNY" => "Chinese yuan (renminbi)",
        "USD" => "US dollar",
        "HKD" => "Hong Kong dollar",
        "TWD" => "New Taiwan dollar",
        "MOP" => "Macanese pataca",
        "EUR" => "euro",
        "GBP" => "pound sterling",
        "JPY" => "Japanese yen",
        "KRW" => "South Korean won",
        "SGD" => "Singapore dollar",
        "AUD" => "Australian dollar",
        "CAD" => "Canadian dollar",
        "CHF" => "Swiss franc",
        "INR" => "Indian rupee",
        "RUB" => "Russian rouble",
        "MYR" => "Malaysian ringgit",
        "THB" => "Thai baht",
        "VND" => "Vietnamese dong",
        "NZD" => "New Zealand dollar",
        "BTC" => "bitcoin",
        _ => return None,
    })
}

fn modifier_words(m: &str) -> String {
    match m {
        "START" => "start".into(),
        "END" => "end".into(),
        "MID" => "middle".into(),
        "APPROX" => "about".into(),
        "BEFORE" => "before".into(),
        "AFTER" => "after".into(),
        "ON_OR_BEFORE" => "on or before".into(),
        "ON_OR_AFTER" => "on or after".into(),
        "LESS_THAN" => "less than".into(),
        "MORE_THAN" => "more than".into(),
        "EQUAL_OR_LESS" => "at most".into(),
        "EQUAL_OR_MORE" => "at least".into(),
        other => other.to_ascii_lowercase().replace('_', " "),
    }
}

/// The normalized value in a few words, without the qualifier:
/// `20,000,000,000 CNY`, `0.8 CNY per 斤`, `18.6%`, `2017-11 (start)`, `JD.com`.
pub fn value_words(e: &Entity) -> String {
    match &e.value {
        Some(Value::Money(m)) => {
            let mut s = thousands(m.amount);
            if let Some(c) = &m.currency {
                s.push(' ');
                s.push_str(c);
            }
            if let Some(p) = &m.per {
                s.push_str(" per ");
                s.push_str(p);
            }
            s
        }
        Some(Value::Percent(p)) => format!("{}%", plain(p.percent)),
        Some(Value::Date(d)) => match &d.modifier {
            Some(m) => format!("{} ({})", d.timex, modifier_words(m)),
            None => d.timex.to_string(),
        },
        Some(Value::Company(c)) => c.canonical.to_string(),
        None => e.text.to_string(),
    }
}

/// `money · 20,000,000,000 CNY (more than)`.
pub fn message(e: &Entity) -> String {
    let mut s = format!("{} · {}", e.kind, value_words(e));
    if let Some(q) = e.qualifier {
        s.push_str(&format!(" ({})", q.human()));
    }
    s
}

/// The JSON put in a diagnostic's `data`.
pub fn data(e: &Entity) -> serde_json::Value {
    let mut obj = serde_json::json!({
        "kind": e.kind,
        "text": e.text,
        "value": e.value,
    });
    if let Some(q) = e.qualifier {
        obj["qualifier"] = serde_json::Value::String(q.as_str().to_string());
    }
    obj
}

/// Two mentions with the same key are the same thing: the same company
/// (canonical name), amount, percent or date value.
pub fn key(e: &Entity) -> String {
    match &e.value {
        Some(Value::Company(c)) => format!("company:{}", c.canonical.to_lowercase()),
        Some(Value::Money(m)) => format!(
            "money:{}:{}:{}",
            plain(m.amount),
            m.currency.as_deref().unwrap_or(""),
            m.per.as_deref().unwrap_or("")
        ),
        Some(Value::Percent(p)) => format!("percent:{}", plain(p.percent)),
        Some(Value::Date(d)) => format!("date:{}", d.timex),
        None => format!("{}:text:{}", e.kind, e.text.to_lowercase()),
    }
}

fn month_name(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get(m.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

fn weekday(y: i32, m: u32, d: u32) -> &'static str {
    // Sakamoto's method.
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    let w = (y + y / 4 - y / 100 + y / 400 + T[(m as usize - 1) % 12] + d as i32).rem_euclid(7);
    [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ][w as usize]
}

/// `2018-01-17` -> `Wednesday, 17 January 2018`; `2017-11` -> `November 2017`;
/// `2023-Q3` -> `Q3 2023`; `P3Y` -> `3 years`. Unknown shapes come back as-is.
pub fn readable_timex(t: &str) -> String {
    let parts: Vec<&str> = t.split('-').collect();
    let num = |s: &str| s.parse::<u32>().ok();
    if let Some(dur) = t.strip_prefix('P') {
        let (n, unit) = dur.split_at(dur.len().saturating_sub(1));
        if let Ok(n) = n.parse::<f64>() {
            let unit = match unit {
                "Y" => "year",
                "M" => "month",
                "W" => "week",
                "D" => "day",
                "Q" => "quarter",
                "H" => "half-year",
                _ => return t.to_string(),
            };
            let s = if n == 1.0 { "" } else { "s" };
            return format!("{} {unit}{s}", plain(n));
        }
        return t.to_string();
    }
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => match (y.parse::<i32>().ok(), num(m), num(d)) {
            (Some(y), Some(m @ 1..=12), Some(d @ 1..=31)) => {
                format!("{}, {d} {} {y}", weekday(y, m, d), month_name(m))
            }
            _ => t.to_string(),
        },
        [y, m] if y.len() == 4 => match (num(y), num(m)) {
            (Some(y), Some(m @ 1..=12)) => format!("{} {y}", month_name(m)),
            _ => match *m {
                "Q1" | "Q2" | "Q3" | "Q4" => format!("{m} {y}"),
                "H1" => format!("first half of {y}"),
                "H2" => format!("second half of {y}"),
                "SP" => format!("spring {y}"),
                "SU" => format!("summer {y}"),
                "FA" => format!("autumn {y}"),
                "WI" => format!("winter {y}"),
                _ => t.to_string(),
            },
        },
        [y] if y.len() == 4 && num(y).is_some() => y.to_string(),
        _ => t.to_string(),
    }
}

fn dct_source(s: DctSource) -> &'static str {
    match s {
        DctSource::Given => "given by you (setting, command or sidecar)",
        DctSource::Dateline => "read from the dateline",
        DctSource::Inferred => "inferred from a year-less dateline and the years in the text",
    }
}

fn dct_words(dct: Option<&Dct>) -> String {
    match dct {
        Some(d) => format!("`{}`, {}", d.timex(), dct_source(d.source)),
        None => {
            "no article date known (set one with `articleLsp.setDate` or the `articleDate` setting)"
                .into()
        }
    }
}

/// Escapes Markdown punctuation in user text shown inside hovers.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The hover Markdown for `e` (one of `analysis.entities`).
pub fn hover(e: &Entity, analysis: &Analysis) -> String {
    let k = key(e);
    let same: Vec<&Entity> = analysis
        .entities
        .iter()
        .filter(|o| o.kind == e.kind && key(o) == k)
        .collect();
    let mut s = format!("**{}** · `{}`\n\n", e.kind, e.text.replace('`', "'"));
    match &e.value {
        Some(Value::Money(m)) => {
            s += &format!("- amount: **{}**\n", thousands(m.amount));
            match &m.currency {
                Some(c) => {
                    let name = currency_name(c)
                        .map(|n| format!(" ({n})"))
                        .unwrap_or_default();
                    s += &format!("- currency: {c}{name}\n");
                }
                None => s += "- currency: not stated\n",
            }
            if let Some(p) = &m.per {
                s += &format!("- per: {}\n", md(p));
            }
        }
        Some(Value::Percent(p)) => s += &format!("- value: **{}%**\n", plain(p.percent)),
        Some(Value::Date(d)) => {
            s += &format!("- date: **{}**\n", readable_timex(&d.timex));
            s += &format!("- TIMEX: `{}` ({:?})\n", d.timex, d.kind);
            if let Some(m) = &d.modifier {
                s += &format!("- modifier: {} (`{m}`)\n", modifier_words(m));
            }
            s += &format!("- resolved against: {}\n", dct_words(analysis.dct.as_ref()));
        }
        Some(Value::Company(c)) => {
            s += &format!("- company: **{}**\n", md(&c.canonical));
            let mut aliases: Vec<&str> = same.iter().map(|o| o.text.as_str()).collect();
            aliases.sort_unstable();
            aliases.dedup();
            let aliases: Vec<String> = aliases.iter().map(|a| md(a)).collect();
            s += &format!("- written here as: {}\n", aliases.join(", "));
            if let Some(t) = &c.ticker {
                s += &format!("- ticker: {}\n", md(t));
            }
            if let Some(d) = &c.description {
                s += &format!("- {}\n", md(d));
            }
        }
        None => s += "- no normalized value\n",
    }
    if let Some(q) = e.qualifier {
        s += &format!("- qualifier: {}\n", q.human());
    }
    let n = same.len();
    s += &format!(
        "\nMentioned {n} time{} in this document.",
        if n == 1 { "" } else { "s" }
    );
    s
}

/// The inlay hint after `e`, when it adds something: the amount of every
/// money mention, and the resolved day of a date whose text does not spell
/// the year out (`昨日`, `3月8日`, `last Tuesday`).
pub fn inlay_label(e: &Entity) -> Option<String> {
    match (&e.value, e.kind) {
        (Some(Value::Money(_)), Kind::Money) => {
            let mut s = format!("= {}", value_words(e));
            if let Some(q) = e.qualifier {
                s.push_str(&format!(" ({})", q.human()));
            }
            Some(s)
        }
        (Some(Value::Date(d)), Kind::Date) => {
            let year = d
                .timex
                .get(..4)
                .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
            let folded: String = e
                .text
                .chars()
                .map(|c| match c {
                    '０'..='９' => {
                        char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
                    }
                    _ => c,
                })
                .collect();
            if folded.contains(year) {
                None
            } else {
                Some(format!("= {}", value_words(e)))
            }
        }
        _ => None,
    }
}

/// The qualifier in a few words, for symbol details.
pub fn qualifier_words(q: Option<Qualifier>) -> String {
    q.map(|q| format!(" ({})", q.human())).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{CompanyValue, DateType, DateValue, Lang, MoneyValue, PercentValue};

    fn money(text: &str, amount: f64, cur: &str) -> Entity {
        Entity {
            kind: Kind::Money,
            range: 0..text.len(),
            text: text.into(),
            value: Some(Value::Money(MoneyValue {
                amount,
                currency: Some(cur.to_string().into()),
                per: None,
            })),
            qualifier: None,
        }
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(thousands(20_000_000_000.0), "20,000,000,000");
        assert_eq!(thousands(1234.5), "1,234.5");
        assert_eq!(thousands(0.8), "0.8");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(-1200.0), "-1,200");
    }

    #[test]
    fn messages_follow_the_contract() {
        let mut e = money("200亿元", 2.0e10, "CNY");
        e.qualifier = Some(Qualifier::MoreThan);
        assert_eq!(message(&e), "money · 20,000,000,000 CNY (more than)");
        assert_eq!(inlay_label(&e).unwrap(), "= 20,000,000,000 CNY (more than)");
        let d = Entity {
            kind: Kind::Date,
            range: 0..4,
            text: "去年11月初".into(),
            value: Some(Value::Date(DateValue {
                kind: DateType::Date,
                timex: "2017-11".into(),
                modifier: Some("START".into()),
            })),
            qualifier: None,
        };
        assert_eq!(message(&d), "date · 2017-11 (start)");
        assert_eq!(inlay_label(&d).unwrap(), "= 2017-11 (start)");
        let c = Entity {
            kind: Kind::Company,
            range: 0..6,
            text: "京东".into(),
            value: Some(Value::Company(CompanyValue {
                canonical: "JD.com".into(),
                ticker: Some("NASDAQ:JD".into()),
                description: None,
            })),
            qualifier: None,
        };
        assert_eq!(message(&c), "company · JD.com");
        assert_eq!(inlay_label(&c), None);
        let p = Entity {
            kind: Kind::Percent,
            range: 0..4,
            text: "18.6%".into(),
            value: Some(Value::Percent(PercentValue { percent: 18.6 })),
            qualifier: None,
        };
        assert_eq!(message(&p), "percent · 18.6%");
    }

    #[test]
    fn dates_with_the_year_written_get_no_hint() {
        let d = Entity {
            kind: Kind::Date,
            range: 0..4,
            text: "２０１８年1月17日".into(),
            value: Some(Value::Date(DateValue {
                kind: DateType::Date,
                timex: "2018-01-17".into(),
                modifier: None,
            })),
            qualifier: None,
        };
        assert_eq!(inlay_label(&d), None);
    }

    #[test]
    fn readable_dates() {
        assert_eq!(readable_timex("2018-01-17"), "Wednesday, 17 January 2018");
        assert_eq!(readable_timex("2014-12-22"), "Monday, 22 December 2014");
        assert_eq!(readable_timex("2017-11"), "November 2017");
        assert_eq!(readable_timex("2023-Q3"), "Q3 2023");
        assert_eq!(readable_timex("2023-H1"), "first half of 2023");
        assert_eq!(readable_timex("P3Y"), "3 years");
        assert_eq!(readable_timex("XXXX-WXX-2"), "XXXX-WXX-2");
    }

    #[test]
    fn hover_counts_mentions_of_the_same_value() {
        let a = money("200亿元", 2.0e10, "CNY");
        let mut b = money("20 billion yuan", 2.0e10, "CNY");
        b.range = 20..35;
        let c = money("5元", 5.0, "CNY");
        let analysis = Analysis {
            lang: Lang::Mixed,
            dct: None,
            entities: vec![a.clone(), b, c],
        };
        let h = hover(&a, &analysis);
        assert!(h.contains("20,000,000,000"), "{h}");
        assert!(h.contains("Chinese yuan"), "{h}");
        assert!(h.contains("Mentioned 2 times"), "{h}");
    }
}
