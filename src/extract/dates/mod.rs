//! Dates, times and durations with TIMEX3 values, and the article's own date.
//!
//! Three steps. `scan` finds candidate expressions in the folded text and
//! reads what they literally say (`Sem`: "the 15th of January, evening, 6
//! o'clock, year not written"); it only starts work where one scan for
//! digits and trigger words (time units, relative words, month names; see
//! `triggers`) says an expression can start. `dct::infer` reads the
//! article's own date from a dateline. `resolve` then walks the candidates in
//! text order and turns each into a TIMEX3 value, filling the missing year or
//! day from the article date, from the most recent explicit year of the
//! paragraph, or, inside quoted speech, from the time of the speech.

mod cal;
mod dct;
mod en;
mod num;
mod resolve;
mod triggers;
mod zh;

use super::classes::Classes;
use super::{DateType, DateValue, Dct, Entity, Folded, Kind, Value};
use compact_str::CompactString;
use std::ops::Range;
use std::sync::LazyLock;
use triggers::TriggerSet;

pub use dct::infer as infer_dct_text;

/// How a year is given.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Year {
    /// Written out: 2018年, 2018.
    Explicit(i32),
    /// Not written: 1月17日, March 3.
    Unknown,
    /// Relative to the article date: 今年 0, 去年 -1, next year +1.
    Deictic(i32),
    /// Relative to the year under discussion: 当年 0, 上年 -1, 次年 +1.
    Context(i32),
}

/// The part of a year an expression names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Sub {
    Month(u32),
    Quarter(u32),
    Half(u32),
    Season(&'static str),
}

/// A time of day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Tod {
    /// MO, MI, AF, EV, NI.
    Part(&'static str),
    Clock(u32, u32, Option<u32>),
}

/// What an expression literally says, before resolution.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Sem {
    Cal {
        year: Year,
        sub: Option<Sub>,
        day: Option<u32>,
        tod: Option<Tod>,
        modifier: Option<&'static str>,
    },
    /// 昨天 -1, today 0, 明天 +1.
    RelDay {
        offset: i32,
        tod: Option<Tod>,
    },
    /// 上月 -1, this month 0.
    RelMonth {
        offset: i32,
        day: Option<u32>,
        modifier: Option<&'static str>,
    },
    /// 本周 0, last week -1; with a weekday when given (上周二).
    Week {
        offset: i32,
        dow: Option<u32>,
        tod: Option<Tod>,
    },
    /// A bare weekday (on Tuesday, 周二): the nearest one.
    Weekday {
        dow: u32,
        tod: Option<Tod>,
    },
    /// this quarter 0, last quarter -1.
    RelQuarter {
        offset: i32,
    },
    /// 这一天, 当天: the day last mentioned.
    SameDay,
    /// 去年同期: the period last mentioned, `years` earlier.
    SamePeriod {
        years: i32,
    },
    /// 30年以后 (+30), ten years ago (-10): a year counted from the anchor.
    YearsFrom(i32),
    /// A time of day with no day: 下午2点, 10:30 a.m.
    TimeOnly(Tod),
    Duration {
        timex: String,
        modifier: Option<&'static str>,
    },
    Set(String),
    /// A date whose TIMEX is known as written: decades (199), vague
    /// references (PRESENT_REF).
    Timex(String),
    /// A holiday whose day moves with the year (Thanksgiving, Easter).
    Holiday {
        rule: Rule,
        year: Year,
    },
}

/// How a moving holiday falls.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Rule {
    /// The n-th (or, n = -1, last) weekday `dow` of month `m`.
    NthWeekday { m: u32, n: i32, dow: u32 },
    /// Days after Easter Sunday.
    Easter(i32),
    /// Days after the Chinese New Year (春节).
    Lunar(i32),
    /// The Mid-Autumn Festival (中秋, 15th day of the 8th lunar month).
    MidAutumn,
    /// The Dragon Boat Festival (端午, 5th day of the 5th lunar month).
    DragonBoat,
    /// The day after the fourth Thursday of November (黑五).
    BlackFriday,
    /// One of the 24 solar terms (立冬, 清明), by its month and the
    /// 21st-century constant of the usual day formula.
    SolarTerm { m: u32, c1000: u32 },
}

/// One expression found in the folded text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cand {
    pub range: Range<usize>,
    pub sem: Sem,
}

impl Cand {
    pub fn new(range: Range<usize>, sem: Sem) -> Cand {
        Cand { range, sem }
    }
}

/// Which parser a trigger word belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Trig {
    Digit,
    Zh,
    En,
}

static TRIGGERS: LazyLock<TriggerSet> = LazyLock::new(|| {
    let words: Vec<(&str, Trig)> = zh::TRIGGERS
        .iter()
        .map(|w| (*w, Trig::Zh))
        .chain(en::TRIGGERS.iter().map(|w| (*w, Trig::En)))
        .collect();
    TriggerSet::new(&words)
});

/// Finds every candidate expression in the folded text, in text order,
/// without overlaps.
pub(crate) fn scan(t: &str, classes: &Classes) -> Vec<Cand> {
    scan_range(t, classes, 0, t.len())
}

/// What the resolver watches between candidates: line breaks (paragraphs)
/// and the quotation marks around quoted speech.
pub(crate) const BREAKS: [char; 7] = ['\n', '“', '”', '「', '」', '『', '』'];

/// The first characters of the trigger words (both cases of a Latin letter).
pub(crate) fn trigger_first_chars() -> impl Iterator<Item = char> {
    zh::TRIGGERS
        .iter()
        .chain(en::TRIGGERS)
        .filter_map(|w| w.chars().next())
        .flat_map(|c| [c, c.to_ascii_uppercase()])
}

pub(crate) fn scan_range(t: &str, classes: &Classes, from: usize, to: usize) -> Vec<Cand> {
    let trig = &*TRIGGERS;
    let mut out: Vec<Cand> = Vec::new();
    let mut consumed = from;
    let bytes = t.as_bytes();
    let mut pos = from;
    // Two sorted streams: digit runs (a byte scan) and trigger words (see
    // `triggers`). Each is searched again only once `pos` has passed it.
    let mut next_digit: Option<usize> = None;
    let mut next_word: Option<Option<triggers::Found>> = None;
    while pos < to {
        if next_digit.is_none_or(|d| d < pos) {
            next_digit = Some(find_digit(bytes, pos, to));
        }
        if next_word.is_none_or(|w| w.is_some_and(|m| m.start < pos)) {
            next_word = Some(trig.find(t, classes, pos, to));
        }
        let d = next_digit.unwrap_or(to);
        let w = next_word.flatten();
        let (s, mut next, tag) = match w {
            Some(m) if m.start < d => (m.start, m.end, m.tag),
            _ if d < to => (d, d + 1, Trig::Digit),
            _ => break,
        };
        let m_end = next;
        let found = match tag {
            Trig::Digit => {
                // The next search starts after this digit run.
                while next < to && bytes[next].is_ascii_digit() {
                    next += 1;
                }
                // Inside a number already passed (1.5, 2.99, 3,000): not a start.
                if s > 0
                    && (bytes[s - 1].is_ascii_digit()
                        || (s > 1
                            && matches!(bytes[s - 1], b'.' | b',')
                            && bytes[s - 2].is_ascii_digit()))
                {
                    pos = next;
                    continue;
                }
                // On failure `consumed` stays put so that a unit word after
                // the number (the 4th quarter) can still read it.
                if let Some((first, second)) = year_range(t, s) {
                    out.push(first);
                    Some(second)
                } else if may_start_date(t, s, next) {
                    en::at_digit(t, s, consumed).or_else(|| zh::at_number(t, s, consumed))
                } else {
                    None
                }
            }
            Trig::Zh => {
                let w = &t[s..m_end];
                let ns = num::scan_back_num(t, s, consumed);
                if ns < s && !t[ns..s].bytes().any(|b| b.is_ascii_digit()) {
                    zh::at_number(t, ns, consumed).or_else(|| zh::at_word(t, s, w, consumed))
                } else if zh::UNIT_ONLY.contains(&w) {
                    None
                } else {
                    zh::at_word(t, s, w, consumed)
                }
            }
            Trig::En => {
                // The trigger scan returns English words only at a word
                // start; the word must end at one too.
                let after = t[m_end..].chars().next();
                if !after.is_some_and(|c| c.is_ascii_alphanumeric()) {
                    en::at_word(t, s, &t[s..m_end], consumed)
                } else {
                    None
                }
            }
        };
        // 五年以上陈酿: a count of years that ages a product is not a date
        let found = found
            .filter(|c| !(matches!(c.sem, Sem::Duration { .. }) && zh::is_age(t, c.range.end)));
        if let Some(c) = found {
            if c.range.start >= consumed && c.range.end > c.range.start {
                consumed = c.range.end;
                next = next.max(c.range.end);
                out.push(c);
            }
        }
        pos = next;
    }
    join_clock_and_day(t, &mut out);
    out
}

/// A span of years written with a dash, "(2026-2030)", "2021–2025": two
/// years, each a date of its own. Both must be plausible years, the second
/// later and at most a few decades on (not 1990-2000 as a phone number part).
fn year_range(t: &str, s: usize) -> Option<(Cand, Cand)> {
    let b = t.as_bytes();
    let digits4 = |i: usize| {
        b.get(i..i + 4)
            .filter(|w| w.iter().all(u8::is_ascii_digit))?;
        if b.get(i + 4).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        t[i..i + 4]
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2100).contains(y))
    };
    let y1 = digits4(s)?;
    let dash = ["-", "–", "—"]
        .iter()
        .find(|d| t[s + 4..].starts_with(**d))?;
    let s2 = s + 4 + dash.len();
    let y2 = digits4(s2)?;
    // 2026-2030年 is read by the Chinese rules (a range with its own unit);
    // 400-2026-2030 is a phone number.
    let dashed = |i: Option<&u8>, j: Option<&u8>| {
        matches!(i, Some(b'-' | b'/')) && j.is_some_and(u8::is_ascii_digit)
    };
    if !(y1 < y2 && y2 - y1 <= 30)
        || t[s2 + 4..].starts_with('年')
        || (s >= 2 && dashed(b.get(s - 1), b.get(s - 2)))
        || dashed(b.get(s2 + 4), b.get(s2 + 5))
    {
        return None;
    }
    let year = |y: i32, r: std::ops::Range<usize>| {
        Cand::new(
            r,
            Sem::Cal {
                year: Year::Explicit(y),
                sub: None,
                day: None,
                tod: None,
                modifier: None,
            },
        )
    };
    Some((year(y1, s..s + 4), year(y2, s2..s2 + 4)))
}

/// "8:30am, 19 Jun 2023" and "June 19, 2023, 8:30 a.m.": a clock time and
/// the day it falls on, side by side, are one time expression.
fn join_clock_and_day(t: &str, cands: &mut Vec<Cand>) {
    let mut k = 0;
    while k + 1 < cands.len() {
        let gap = t[cands[k].range.end..cands[k + 1].range.start].trim_matches(' ');
        if !matches!(gap, "" | "," | "at" | ", at" | "on" | ", on") {
            k += 1;
            continue;
        }
        let joined = match (&cands[k].sem, &cands[k + 1].sem) {
            (
                Sem::TimeOnly(tod @ Tod::Clock(..)),
                Sem::Cal {
                    year,
                    sub,
                    day: Some(day),
                    tod: None,
                    modifier: None,
                },
            )
            | (
                Sem::Cal {
                    year,
                    sub,
                    day: Some(day),
                    tod: None,
                    modifier: None,
                },
                Sem::TimeOnly(tod @ Tod::Clock(..)),
            ) => Some(Sem::Cal {
                year: *year,
                sub: *sub,
                day: Some(*day),
                tod: Some(*tod),
                modifier: None,
            }),
            _ => None,
        };
        match joined {
            Some(sem) => {
                let end = cands[k + 1].range.end;
                cands[k] = Cand::new(cands[k].range.start..end, sem);
                cands.remove(k + 1);
            }
            None => k += 1,
        }
    }
}

/// The first ASCII digit in `b[from..to]` (or `to`), eight bytes at a time.
#[inline]
fn find_digit(b: &[u8], from: usize, to: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i + 8 <= to {
        let w = u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([0; 8]));
        let x = w & !HIGH;
        // high bit set where the byte is >= '0', and where it is > '9'
        let ge0 = x.wrapping_add((0x80 - 0x30) * ONES);
        let gt9 = x.wrapping_add((0x80 - 0x3A) * ONES);
        let hit = ge0 & !gt9 & !w & HIGH;
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < to && !b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// A cheap look at what follows a digit run (`s..e`): amounts (50亿元,
/// 3200万, 18.6%) and long numbers cannot start a date, and are common.
#[inline]
fn may_start_date(t: &str, s: usize, e: usize) -> bool {
    let b = t.as_bytes();
    if e - s > 4 {
        return false;
    }
    if &t[s..e] == "618" {
        return true;
    }
    match b.get(e) {
        None => true,
        Some(b'%') => false,
        Some(c) if *c < 0x80 => true,
        Some(_) => {
            let c = t[e..].chars().next().unwrap_or(' ');
            in_set!("年月日号天周星个小分秒时点季世新多余几·•礼", c)
        }
    }
}

/// Infers the article's own date from a dateline or byline.
pub fn infer_dct(folded: &Folded) -> Option<Dct> {
    dct::infer(&folded.text)
}

/// Appends every date entity in `folded` to `out`, resolving relative and
/// year-less expressions against `dct`.
pub fn find(folded: &Folded, dct: Option<&Dct>, out: &mut Vec<Entity>) {
    let t = &folded.text;
    let cands = scan(t, &folded.classes);
    let values = resolve::resolve(t, &folded.classes, &cands, dct);
    for (c, v) in cands.iter().zip(values) {
        let Some(v) = v else { continue };
        let range = folded.orig_range(c.range.clone());
        out.push(Entity::new(
            folded.source,
            Kind::Date,
            range,
            Some(Value::Date(v)),
        ));
    }
}

pub(crate) fn dv(
    kind: DateType,
    timex: impl Into<CompactString>,
    modifier: Option<&'static str>,
) -> DateValue {
    DateValue {
        kind,
        timex: timex.into(),
        modifier: modifier.map(str::to_string),
    }
}

/// `t[i..]` starts with `w`: the end of `w`.
#[inline]
pub(crate) fn lit(t: &str, i: usize, w: &str) -> Option<usize> {
    t.get(i..).filter(|s| s.starts_with(w)).map(|_| i + w.len())
}

/// The first of `ws` that `t[i..]` starts with: (index, end).
#[inline]
pub(crate) fn lit_any(t: &str, i: usize, ws: &[&str]) -> Option<(usize, usize)> {
    let s = t.get(i..)?;
    ws.iter()
        .enumerate()
        .find(|(_, w)| s.starts_with(**w))
        .map(|(k, w)| (k, i + w.len()))
}

/// `t[..i]` ends with `w`: the start of `w`.
#[inline]
pub(crate) fn lit_back(t: &str, i: usize, w: &str) -> Option<usize> {
    t.get(..i).filter(|s| s.ends_with(w)).map(|_| i - w.len())
}

#[cfg(test)]
mod tests;
