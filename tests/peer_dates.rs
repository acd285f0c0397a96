//! The date peer suite (`../shared/peer-corpora/cases-date.jsonl`, converted
//! from Duckling and Microsoft Recognizers-Text specs): how many of the
//! peers' date spans we find, and how often our value agrees with theirs.
//!
//! A span is *found* when one of our date entities overlaps it; *exact* when
//! one has the same bounds. Values are compared only where the peer gives a
//! point or period TIMEX (not an interval).

mod common;

use article_lsp::extract::{Dct, DctSource, Engine, Kind, Options, Value};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// How the peers' conventions were mapped onto ours before comparing.
pub const CONVENTIONS: &[&str] = &[
    "Duckling returns an instant with a grain (value 2013-02-12T04:30:00-02:00, grain Second); \
     the converter's `timex` cuts it at the grain, which is what we compare",
    "Duckling and Recognizers-Text write hour-grain times as T20; we write T20:00: THH is padded to THH:00",
    "Duckling `interval` values (from/to) and Recognizers-Text ranges `(start,end,P2M)` have no single \
     TIMEX: span counted, value not compared",
    "Recognizers-Text gives a year-less date as XXXX-XX-29 plus resolved past/future values; we resolve \
     against the reference datetime, so we agree when we equal any resolved value or fill the X digits",
    "Recognizers-Text leaves a bare time as T15:00; we anchor it to the article day \
     (2016-11-07T15:00): the time parts are compared",
    "Recognizers-Text reads vague counts as numbers (few hours = PT3H); we write TIMEX X digits (PTXH)",
    "Recognizers-Text values the end of a year as the year (2018); we follow the guidelines' 年底 \
     (2018-12 with mod END)",
    "Recognizers-Text weekday XXXX-WXX-1 is matched against our resolved date when its weekday is the same",
    "Duckling resolves bare weekdays and months to the next future one; we take the nearest (news looks back), \
     which is a convention difference, not a bug",
    "Spans: Duckling cases cover the whole input; Recognizers-Text spans are end-exclusive code points \
     (converted from its inclusive End); we compare in code points",
    "Cases flagged not_supported / not_supported_by_design are skipped; negative-corpus cases (no span) \
     measure silence instead",
];

#[derive(Default)]
struct Tally {
    spans: usize,
    found: usize,
    exact: usize,
    comparable: usize,
    agree: usize,
    negatives: usize,
    silent: usize,
}

fn timexes(v: &Json, out: &mut Vec<String>) {
    match v {
        Json::String(s) => out.push(s.clone()),
        Json::Array(a) => a.iter().for_each(|x| timexes(x, out)),
        Json::Object(o) => {
            for (k, x) in o {
                if matches!(k.as_str(), "timex" | "value" | "values" | "past" | "future") {
                    timexes(x, out);
                }
            }
        }
        _ => {}
    }
}

/// THH -> THH:00; drop seconds of :00 and a zone.
fn norm(t: &str) -> String {
    let mut s = t.to_string();
    if s.len() > 19 && s.as_bytes()[10] == b'T' {
        s.truncate(19);
    }
    if let Some(p) = s.find('T') {
        let time = &s[p + 1..];
        if time.len() == 2 && time.bytes().all(|b| b.is_ascii_digit()) {
            s.push_str(":00");
        }
    }
    if s.len() == 19 && s.ends_with(":00") && s.as_bytes()[10] == b'T' {
        s.truncate(16);
    }
    s
}

fn agrees(ours: &str, theirs: &[String]) -> bool {
    let o = norm(ours);
    theirs.iter().any(|t| {
        let t = norm(t);
        if t == o {
            return true;
        }
        // a bare time (T15:00): we anchor it to the article's day
        if t.starts_with('T') && o.len() > 10 && o[10..] == t {
            return true;
        }
        // XXXX-XX-29 against 2018-01-29
        t.len() == o.len()
            && t.contains('X')
            && t.bytes().zip(o.bytes()).all(|(a, b)| a == b || a == b'X')
    })
}

fn char_range(text: &str, r: std::ops::Range<usize>) -> (usize, usize) {
    (
        text[..r.start].chars().count(),
        text[..r.end].chars().count(),
    )
}

#[test]
fn peer_date_suite() {
    let Some(shared) = common::shared_dir("peer_date_suite") else {
        return;
    };
    let path = shared.join("peer-corpora/cases-date.jsonl");
    let data = std::fs::read_to_string(&path).expect("cases-date.jsonl is readable");
    let engine = Engine::new();
    let mut tallies: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut misses: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let case: Json = serde_json::from_str(line).expect("a JSON case");
        let flags = case["flags"].as_object();
        if flags.is_some_and(|f| f.keys().any(|k| k.starts_with("not_supported"))) {
            continue;
        }
        let latent = flags.is_some_and(|f| f.contains_key("latent"));
        let source = case["source"].as_str().unwrap_or("?").to_string();
        let lang = case["lang"].as_str().unwrap_or("?").to_string();
        let text = case["text"].as_str().unwrap_or("");
        let dct = case["reference_datetime"]
            .as_str()
            .and_then(|r| r.get(..10))
            .and_then(|d| Dct::parse(d, DctSource::Given));
        let options = Options {
            dct,
            markdown: false,
        };
        let analysis = engine.analyze(text, &options);
        let ours: Vec<_> = analysis
            .entities
            .iter()
            .filter(|e| e.kind == Kind::Date)
            .map(|e| {
                let (s, en) = char_range(text, e.range.clone());
                let timex = match &e.value {
                    Some(Value::Date(v)) => v.timex.to_string(),
                    _ => String::new(),
                };
                (s, en, timex)
            })
            .collect();
        let tally = tallies.entry((source.clone(), lang.clone())).or_default();
        let spans = case["spans"].as_array().cloned().unwrap_or_default();
        if spans.is_empty() {
            if !latent {
                tally.negatives += 1;
                tally.silent += usize::from(ours.is_empty());
            }
            continue;
        }
        for sp in spans {
            let (Some(s), Some(e)) = (sp["start"].as_u64(), sp["end"].as_u64()) else {
                continue;
            };
            let (s, e) = (s as usize, e as usize);
            tally.spans += 1;
            let hit = ours.iter().find(|(a, b, _)| *a < e && s < *b);
            let Some((a, b, timex)) = hit else {
                misses
                    .entry((source.clone(), lang.clone()))
                    .or_default()
                    .push(format!("{:?}", sp["text"].as_str().unwrap_or("")));
                continue;
            };
            tally.found += 1;
            tally.exact += usize::from(*a == s && *b == e);
            let mut theirs = Vec::new();
            timexes(&sp["value"], &mut theirs);
            theirs.retain(|t| !t.starts_with('(') && !t.is_empty());
            if !theirs.is_empty() && sp["value"]["from"].is_null() {
                tally.comparable += 1;
                let ok = agrees(timex, &theirs);
                tally.agree += usize::from(ok);
                if !ok && std::env::var("PEER_VALUES").is_ok() {
                    eprintln!(
                        "value {source} {lang}: {:?} ours {timex} theirs {theirs:?}",
                        sp["text"].as_str().unwrap_or("")
                    );
                }
            }
        }
    }
    eprintln!("convention mappings:");
    for c in CONVENTIONS {
        eprintln!("  - {c}");
    }
    eprintln!(
        "{:<18} {:<4} {:>6} {:>7} {:>7} {:>9} {:>7} {:>9}",
        "source", "lang", "spans", "found", "exact", "compared", "agree", "silent"
    );
    let mut by_lang: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for ((source, lang), t) in &tallies {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        eprintln!(
            "{:<18} {:<4} {:>6} {:>6.1}% {:>6.1}% {:>9} {:>6.1}% {:>4}/{:<4}",
            source,
            lang,
            t.spans,
            pct(t.found, t.spans),
            pct(t.exact, t.spans),
            t.comparable,
            pct(t.agree, t.comparable),
            t.silent,
            t.negatives
        );
        let l = by_lang.entry(lang.clone()).or_default();
        l.0 += t.found;
        l.1 += t.spans;
    }
    if std::env::var("PEER_MISSES").is_ok() {
        for ((source, lang), m) in &misses {
            eprintln!("missed {source} {lang}: {}", m.join(" "));
        }
    }
    let rate = |lang: &str| {
        by_lang
            .get(lang)
            .map_or(0.0, |(f, n)| *f as f64 / (*n).max(1) as f64)
    };
    eprintln!("span-found: zh {:.3}, en {:.3}", rate("zh"), rate("en"));
    assert!(rate("zh") >= 0.80, "zh span-found {:.3}", rate("zh"));
    assert!(rate("en") >= 0.70, "en span-found {:.3}", rate("en"));
}
