//! The entity engine: pure functions from article text to entities.
//!
//! Nothing in here knows about LSP. Ranges are UTF-8 byte ranges into the
//! original text; callers convert to code points (exports) or UTF-16 (LSP)
//! through [`crate::offsets::OffsetIndex`].

#[macro_use]
mod charset;
pub mod classes;
pub mod companies;
pub mod dates;
pub mod fold;
pub mod lang;
pub mod markdown;
pub mod money;
pub mod numbers;
mod openings;
pub mod percent;
pub mod script;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, Mutex};

pub use fold::{Folded, Scratch};
pub use lang::Lang;

/// The four entity kinds. Their string names are part of the output contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Company,
    Money,
    Percent,
    Date,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Company, Kind::Money, Kind::Percent, Kind::Date];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Company => "company",
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::Date => "date",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Qualifier words stand outside a span and land here (guidelines, `money`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    MoreThan,
    LessThan,
    About,
    AtLeast,
    AtMost,
    Over,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::MoreThan => "more_than",
            Qualifier::LessThan => "less_than",
            Qualifier::About => "about",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
            Qualifier::Over => "over",
        }
    }

    /// Words a reader would use: "more than", "about".
    pub fn human(self) -> &'static str {
        match self {
            Qualifier::MoreThan => "more than",
            Qualifier::LessThan => "less than",
            Qualifier::About => "about",
            Qualifier::AtLeast => "at least",
            Qualifier::AtMost => "up to",
            Qualifier::Over => "over",
        }
    }

    pub fn parse(s: &str) -> Option<Qualifier> {
        [
            Qualifier::MoreThan,
            Qualifier::LessThan,
            Qualifier::About,
            Qualifier::AtLeast,
            Qualifier::AtMost,
            Qualifier::Over,
        ]
        .into_iter()
        .find(|q| q.as_str() == s)
    }
}

/// `{"canonical", "ticker"?, "description"?}`. Shared strings: every
/// mention of a listed company carries the same value, and cloning it must
/// not copy three strings per mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyValue {
    pub canonical: Arc<str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticker: Option<Arc<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Arc<str>>,
}

/// `{"amount": 20000000000, "currency": "CNY", "per"?: "斤"}`; currency null
/// when the text makes clear it is money but names no currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MoneyValue {
    #[serde(serialize_with = "serialize_number")]
    pub amount: f64,
    /// An ISO code; borrowed from the engine's own table, so a mention
    /// costs no allocation.
    pub currency: Option<Cow<'static, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
}

/// `{"percent": 592}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PercentValue {
    #[serde(serialize_with = "serialize_number")]
    pub percent: f64,
}

/// TIMEX3-style value: `{"type": "date", "timex": "2018-01-17", "mod"?: "END"}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateValue {
    #[serde(rename = "type")]
    pub kind: DateType,
    /// Inline up to 24 bytes (every TIMEX value but the longest).
    pub timex: CompactString,
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateType {
    Date,
    Time,
    Duration,
    Set,
}

/// The normalized value of an entity. Serialized without a tag: the shape
/// follows the kind, exactly as the annotation guidelines write it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Company(CompanyValue),
    Money(MoneyValue),
    Percent(PercentValue),
    Date(DateValue),
}

/// Integral amounts print as JSON integers (20000000000, not 20000000000.0).
pub fn serialize_number<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// One entity found in a text. `range` is a UTF-8 byte range into the
/// original (unfolded) text and `text` is exactly that slice.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub kind: Kind,
    pub range: Range<usize>,
    /// Inline up to 24 bytes (nearly every mention): no allocation each.
    pub text: CompactString,
    pub value: Option<Value>,
    pub qualifier: Option<Qualifier>,
}

impl Entity {
    pub fn new(source: &str, kind: Kind, range: Range<usize>, value: Option<Value>) -> Entity {
        Entity {
            kind,
            text: CompactString::from(&source[range.clone()]),
            range,
            value,
            qualifier: None,
        }
    }
}

/// How the article's own date was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DctSource {
    /// Given by the user (`--dct`, editor setting, sidecar).
    Given,
    /// A dateline or byline timestamp with a full date.
    Dateline,
    /// Pieced together from a year-less dateline and the years the text mentions.
    Inferred,
}

/// The article's own date: `2018-01-17`, or partial (`2022`, `2015-12`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dct {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub source: DctSource,
}

impl Dct {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str, source: DctSource) -> Option<Dct> {
        let mut parts = s.trim().split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month = match parts.next() {
            Some(m) => Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
        if parts.next().is_some()
            || !(1..=9999).contains(&year)
            || (day.is_some() && month.is_none())
        {
            return None;
        }
        Some(Dct {
            year,
            month,
            day,
            source,
        })
    }

    /// TIMEX form: `2018-01-17`, `2018-01`, `2018`.
    pub fn timex(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }
}

/// What the caller knows beyond the text.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The article date when the user set it; overrides inference.
    pub dct: Option<Dct>,
    /// Skip Markdown code, link targets, HTML and front matter.
    pub markdown: bool,
}

/// The engine's answer for one text.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub lang: Lang,
    pub dct: Option<Dct>,
    /// Sorted by start; no two entities of one kind overlap.
    pub entities: Vec<Entity>,
}

/// Everything that is built once and shared by every analysis: the company
/// automaton, the user gazetteer. Cheap to clone behind an `Arc`.
pub struct Engine {
    pub companies: companies::Gazetteer,
    /// The fold's buffers, kept from one analysis for the next.
    scratch: Mutex<Scratch>,
}

/// Fold buffers longer than this are not kept between analyses: a huge file
/// should not hold its memory after it is done.
const KEEP_SCRATCH_BYTES: usize = 64 << 20;

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// The engine with the built-in gazetteer.
    pub fn new() -> Engine {
        Engine {
            companies: companies::Gazetteer::builtin(),
            scratch: Mutex::default(),
        }
    }

    /// Finds every entity in `source`.
    pub fn analyze(&self, source: &str, options: &Options) -> Analysis {
        let masked;
        let text: &str = if options.markdown {
            masked = markdown::mask(source);
            &masked
        } else {
            source
        };
        // Another analysis running at the same time just gets new buffers.
        let scratch = self
            .scratch
            .try_lock()
            .map(|mut s| std::mem::take(&mut *s))
            .unwrap_or_default();
        let folded = Folded::with_scratch(text, self.companies.class_table(), scratch);
        let lang = lang::detect(&folded);
        // Room for a dense article's entities up front: growing a large list
        // step by step copies it each time. Pages never written cost nothing.
        let mut entities = Vec::with_capacity(text.len() / 24);
        money::find(&folded, lang, &mut entities);
        percent::find(&folded, &mut entities);
        let dct = match &options.dct {
            Some(d) => Some(d.clone()),
            None => dates::infer_dct(&folded),
        };
        dates::find(&folded, dct.as_ref(), &mut entities);
        self.companies.find(&folded, &mut entities);
        if text.len() <= KEEP_SCRATCH_BYTES {
            if let Ok(mut s) = self.scratch.try_lock() {
                *s = folded.into_scratch();
            }
        }
        // Masked text is cut from the masked copy: re-cut it from the source.
        finish(options.markdown.then_some(source), &mut entities);
        Analysis {
            lang,
            dct,
            entities,
        }
    }
}

/// Sorts, drops same-kind overlaps (the longer, then earlier span wins) and,
/// given the original of a masked text, re-cuts `text` from it (masking
/// keeps byte offsets).
fn finish(source: Option<&str>, entities: &mut Vec<Entity>) {
    // Sort small keys, not the entities: a stable sort of the entities would
    // move every one of them and take half the list again as scratch space.
    // The index in each key keeps the order of equal spans as found. Each
    // kind's entities arrive almost sorted, and a stable sort uses such runs.
    let mut keys: Vec<(usize, std::cmp::Reverse<usize>, Kind, u32)> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                e.range.start,
                std::cmp::Reverse(e.range.end),
                e.kind,
                i as u32,
            )
        })
        .collect();
    keys.sort();
    let mut last_end = [0usize; 4];
    let keep: Vec<u32> = keys
        .into_iter()
        .filter(|&(start, std::cmp::Reverse(end), kind, _)| {
            let k = kind as usize;
            if start < last_end[k] || start == end {
                return false;
            }
            last_end[k] = end;
            true
        })
        .map(|(.., i)| i)
        .collect();
    permute_keep(entities, &keep);
    entities.shrink_to_fit();
    let Some(source) = source else { return };
    for e in entities.iter_mut() {
        if let Some(t) = source.get(e.range.clone()) {
            if t != e.text {
                e.text = t.into();
            }
        }
    }
}

/// Reorders `items` in place so that `items[j]` is the item first at
/// `keep[j]`, and drops those `keep` leaves out (`keep` has no repeats).
fn permute_keep<T>(items: &mut Vec<T>, keep: &[u32]) {
    // `at[p]`: the original index of the item now at `p`; `pos[i]`: where
    // original item `i` is now.
    let mut at: Vec<u32> = (0..items.len() as u32).collect();
    let mut pos = at.clone();
    for (j, &i) in keep.iter().enumerate() {
        let p = pos[i as usize] as usize;
        items.swap(j, p);
        let displaced = at[j];
        at[p] = displaced;
        pos[displaced as usize] = p as u32;
        at[j] = i;
        pos[i as usize] = j as u32;
    }
    items.truncate(keep.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permute_keep_orders_and_drops() {
        let mut v = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        permute_keep(&mut v, &[4, 0, 5, 2]);
        assert_eq!(v, ['e', 'a', 'f', 'c']);
        let mut v = vec![1, 2, 3];
        permute_keep(&mut v, &[]);
        assert!(v.is_empty());
        let mut v: Vec<u32> = (0..50).collect();
        let keep: Vec<u32> = (0..50).rev().filter(|i| i % 3 != 0).collect();
        permute_keep(&mut v, &keep);
        assert_eq!(v, keep);
    }

    #[test]
    fn an_engine_reusing_its_fold_buffers_gives_the_same_results() {
        let texts = [
            "京東集團2018年營收200億元，增長5%。",
            "京东集团2018年营收200亿元,增长5%.",
            "Alibaba said on March 3 that revenue rose 12 percent to $3.1 billion.",
            "",
            "阿里巴巴集团（Alibaba）昨日宣布，未来三年投资１５００万元。",
        ];
        let reused = Engine::new();
        let opts = Options::default();
        for round in 0..2 {
            for t in texts {
                let fresh = Engine::new().analyze(t, &opts);
                let again = reused.analyze(t, &opts);
                assert_eq!(again.entities, fresh.entities, "round {round}: {t}");
                assert_eq!(again.lang, fresh.lang);
            }
        }
    }

    #[test]
    fn finish_keeps_the_longer_then_first_found_span_of_a_kind() {
        let src = "京东集团2018年营收";
        let e = |kind, r: Range<usize>, canonical: &str| Entity {
            kind,
            text: src[r.clone()].into(),
            range: r,
            value: Some(Value::Company(CompanyValue {
                canonical: canonical.into(),
                ticker: None,
                description: None,
            })),
            qualifier: None,
        };
        let mut v = vec![
            e(Kind::Date, 12..19, "y"),
            e(Kind::Company, 0..6, "short"),
            e(Kind::Company, 0..12, "first"),
            e(Kind::Company, 0..12, "second"),
            e(Kind::Company, 6..9, "inside"),
            e(Kind::Company, 19..19, "empty"),
        ];
        finish(Some(src), &mut v);
        let got: Vec<_> = v
            .iter()
            .map(|e| match &e.value {
                Some(Value::Company(c)) => &*c.canonical,
                _ => "",
            })
            .collect();
        assert_eq!(got, ["first", "y"]);
    }
}
