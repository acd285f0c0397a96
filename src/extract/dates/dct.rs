//! The article's own date, read from its dateline or byline.
//!
//! A full date near the top (a timestamp, `2024-03-15`, "March 15, 2024")
//! is a `Dateline`. A year-less dateline (长城网沧州12月3日讯, 1月17日消息,
//! "BEIJING, Jan. 17 (Xinhua) --") takes its year from the years the
//! article mentions and is `Inferred`.

use super::{lit_any, scan_range, Sem, Sub, Year};
use crate::extract::classes::Classes;
use crate::extract::{Dct, DctSource};

/// How far into the text a dateline may sit (bytes).
const HEAD: usize = 600;

/// How far into the text the years that complete a dateline are read (bytes).
const YEARS_WINDOW: usize = 256 * 1024;

pub fn infer(t: &str) -> Option<Dct> {
    let mut head = HEAD.min(t.len());
    while !t.is_char_boundary(head) {
        head += 1;
    }
    let head_classes = Classes::of(&t[..head]);
    let cands = scan_range(t, &head_classes, 0, head);
    for c in &cands {
        let Sem::Cal {
            year,
            sub: Some(Sub::Month(m)),
            day: Some(d),
            ..
        } = c.sem
        else {
            continue;
        };
        match year {
            Year::Explicit(y) => {
                return Some(Dct {
                    year: y,
                    month: Some(m),
                    day: Some(d),
                    source: DctSource::Dateline,
                })
            }
            Year::Unknown
                if is_dateline_end(t, c.range.end) || after_reporter(t, c.range.start) =>
            {
                return year_less(t, m, d)
            }
            _ => {}
        }
    }
    // No dateline: a year-less day opening one of the article's first lines
    // ("11月18日晚，小米集团发布...") dates it like a dateline would. Years
    // mentioned alone do not: the article may look back on them.
    for c in &cands {
        if let Sem::Cal {
            year: Year::Unknown,
            sub: Some(Sub::Month(m)),
            day: Some(d),
            ..
        } = c.sem
        {
            if opens_line(t, c.range.start) {
                return year_less(t, m, d);
            }
        }
    }
    None
}

/// The article date of a year-less dateline `m`-`d`: the latest year the
/// text names, or the one after it when that year is over (reported whole,
/// 2024年全年, full-year 2025, or an annual report under a dateline in the
/// first months: annual results come out the following year).
fn year_less(t: &str, m: u32, d: u32) -> Option<Dct> {
    let (mut y, completed, past) = latest_year(t)?;
    // Early in a year, a year told in the past tense is the one just over:
    // "IPOs raised HK$87.5 billion in 2024" under "Jan 21".
    if (completed && m < 12) || (past && m <= 2) || (m <= 4 && speaks_of_annual_report(t)) {
        y += 1;
    }
    Some(Dct {
        year: y,
        month: Some(m),
        day: Some(d),
        source: DctSource::Inferred,
    })
}

/// The day at `s` follows "记者" (记者10月1日从多家车企获悉): the reporter's
/// own day, a dateline in all but form.
fn after_reporter(t: &str, s: usize) -> bool {
    t[..s].trim_end_matches([' ', '\u{3000}']).ends_with("记者")
}

/// The year at `s` sits in a clause that speaks of the future ("would begin
/// assembling cars in 2026", "from mid-2026", 将于2026年投产): a plan, not a
/// year the article looks back on.
pub(super) fn planned(t: &str, s: usize) -> bool {
    let clause = clause_before(t, s);
    const EN: &[&str] = &[
        " will ",
        " would ",
        " plans ",
        " planned ",
        " plan to ",
        " expects ",
        " expected ",
        " aims ",
        " intends ",
        " targets ",
        " scheduled ",
        " is set to ",
        " are set to ",
        " from mid-",
    ];
    const ZH: &[&str] = &[
        "将于", "将在", "将把", "即将", "计划", "预计", "拟", "有望", "力争", "争取", "目标",
    ];
    if ZH.iter().any(|w| clause.contains(w)) {
        return true;
    }
    // Every English cue has letters: a clause without any (most of a
    // Chinese text) needs no lowercased copy.
    if !clause.bytes().any(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let padded = format!(" {}", clause.to_ascii_lowercase());
    EN.iter().any(|w| padded.contains(w))
}

/// The clause that ends at `s`: the text after the last clause break (a
/// full stop, comma or the like; a point inside a number such as 87.5 is
/// not one) in the 120 bytes before `s`.
fn clause_before(t: &str, s: usize) -> &str {
    let mut from = s.saturating_sub(120);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    let t = &t[from..s];
    let b = t.as_bytes();
    let mut cut = 0;
    for (i, c) in t.char_indices() {
        let brk = match c {
            '。' | '，' | '；' | '！' | '？' | '\n' | ';' | '!' | '?' => true,
            '.' | ',' => !b.get(i + 1).is_some_and(u8::is_ascii_digit),
            _ => false,
        };
        if brk {
            cut = i + c.len_utf8();
        }
    }
    &t[cut..]
}

/// The English clause before the year at `s` is in the past tense ("raised
/// HK$87.5 billion in 2024", "sales rose 12% in 2024").
fn told_in_past(t: &str, s: usize) -> bool {
    let clause = clause_before(t, s);
    if !clause.ends_with("in ") {
        return false;
    }
    const IRREGULAR: &[&str] = &[
        "rose", "fell", "grew", "sold", "made", "was", "were", "had", "spent", "won", "lost",
        "paid", "took", "hit",
    ];
    clause.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
        (w.len() > 3
            && w.ends_with("ed")
            && !matches!(w, "need" | "feed" | "speed" | "seed" | "breed"))
            || IRREGULAR.contains(&w)
    })
}

/// `s` starts a line (after indentation).
fn opens_line(t: &str, s: usize) -> bool {
    let before = t[..s].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with('\n')
}

/// The article is about an annual report or annual results.
fn speaks_of_annual_report(t: &str) -> bool {
    let mut limit = t.len().min(YEARS_WINDOW);
    while !t.is_char_boundary(limit) {
        limit -= 1;
    }
    let t = &t[..limit];
    [
        "年报",
        "年度业绩",
        "年度报告",
        "全年业绩",
        "annual report",
        "annual results",
        "full-year results",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// What follows a dateline's date: 讯, 消息, 电, "(Xinhua) --", " -- ".
fn is_dateline_end(t: &str, e: usize) -> bool {
    let mut j = e;
    while t.as_bytes().get(j) == Some(&b' ') {
        j += 1;
    }
    lit_any(
        t,
        j,
        &[
            "讯", "消息", "电", "日电", "(", "--", "—", "–", "- ", ":", "报道",
        ],
    )
    .is_some()
}

/// The latest year the text mentions as a year (2018年, 2018新年, in 2018),
/// leaving out targets (到2025年, 至2030年), and whether the text speaks of
/// that year as a finished whole (its annual report, its full-year figures).
fn latest_year(t: &str) -> Option<(i32, bool, bool)> {
    // An article's years sit in its first pages; a huge text is not one article.
    let mut limit = t.len().min(YEARS_WINDOW);
    while !t.is_char_boundary(limit) {
        limit -= 1;
    }
    let t = &t[..limit];
    let b = t.as_bytes();
    let mut best: Option<(i32, bool, bool)> = None;
    let mut i = 0;
    while i + 4 <= b.len() {
        i = super::find_digit(b, i, b.len());
        if i + 4 > b.len() {
            break;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - s != 4
            || (s > 0 && matches!(b[s - 1], b'.' | b'-' | b'/'))
            || (s > 1 && b[s - 1] == b',' && b[s - 2].is_ascii_digit())
        {
            continue;
        }
        let v: i32 = t[s..i].parse().unwrap_or(0);
        if !(1900..=2100).contains(&v) {
            continue;
        }
        let rest = &t[i..];
        let as_year = rest.starts_with('年')
            || rest.starts_with("新年")
            || [
                "in ",
                "In ",
                "since ",
                "of ",
                "during ",
                "early ",
                "late ",
                "mid-",
                "fiscal ",
                "for ",
                "full-year ",
                "full year ",
            ]
            .iter()
            .any(|w| t[..s].ends_with(w));
        if !as_year || rest.starts_with("年前") || rest.starts_with("年以前") {
            continue;
        }
        let target = [
            "到", "至", "预计", "计划", "目标", "力争", "争取", "有望", "将于", "将在", "by ",
        ]
        .iter()
        .any(|w| t[..s].ends_with(w));
        if target || planned(t, s) {
            continue;
        }
        let completed = reported_whole(t, s, i);
        let past = told_in_past(t, s);
        best = match best {
            Some((b, done, p)) if b > v => Some((b, done, p)),
            Some((b, done, p)) if b == v => Some((b, done || completed, p || past)),
            _ => Some((v, completed, past)),
        };
    }
    best
}

/// The year at `s..e` is named as a finished whole: 2024年全年, 2024年度,
/// 2024年年报, 超过2024年的总和, 2024年实现营收; "full-year 2025", "2025
/// annual", revenue "for 2025".
fn reported_whole(t: &str, s: usize, e: usize) -> bool {
    let after = &t[e..];
    const ZH: &[&str] = &[
        "年全年",
        "年度",
        "年年报",
        "年年度",
        "年的总和",
        "年总和",
        "年全年的",
        "年实现",
        "年共实现",
        "年业绩",
    ];
    // ... but 2025年度目标 / 年度计划 is a plan for a year still running
    if ZH.iter().any(|w| after.starts_with(w))
        && !["年度目标", "年度计划", "年度预算", "年度任务", "年度指标"]
            .iter()
            .any(|w| after.starts_with(w))
    {
        return true;
    }
    let before = t[..s].trim_end_matches(' ');
    let lower_ends = |w: &str| {
        before.len() >= w.len()
            && before.as_bytes()[before.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
    };
    if lower_ends("full-year") || lower_ends("full year") || lower_ends("fiscal year") {
        return true;
    }
    if after.starts_with(" annual") || after.starts_with(" full-year") {
        return true;
    }
    // revenue of 880.9 billion yuan for 2025
    if lower_ends("for") {
        let mut from = s.saturating_sub(160);
        while !t.is_char_boundary(from) {
            from += 1;
        }
        let window = t[from..s].to_ascii_lowercase();
        return [
            "revenue",
            "profit",
            "results",
            "earnings",
            "net income",
            "sales of",
        ]
        .iter()
        .any(|w| window.contains(w));
    }
    false
}
