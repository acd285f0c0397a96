//! English date expressions. Spans include the determiner (the first
//! quarter, last year) and leave prepositions out, except `in`/`over` before
//! "the next/past N years".

use super::num::en_day_ordinal;
use super::num::{ascii_lower, en_ordinal, en_word_number, read_digits};
use super::zh::colon_clock;
use super::{lit, Cand, Rule, Sem, Sub, Tod, Year};
use std::borrow::Cow;

pub const TRIGGERS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "decade",
    "decades",
    "quarter",
    "quarters",
    "hour",
    "hours",
    "minute",
    "minutes",
    "q1",
    "q2",
    "q3",
    "q4",
    "half",
    "weekend",
    "christmas",
    "qtr",
    "qtrs",
    "yr",
    "yrs",
    "fortnight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "noon",
    "midnight",
    "now",
    "moment",
    "present",
    "summer",
    "winter",
    "spring",
    "autumn",
    "fall",
    "tue",
    "tues",
    "thu",
    "thur",
    "thurs",
    "fri",
    "mon",
    "wed",
    "sat",
    "sun",
    "thanksgiving",
    "black friday",
    "mid-autumn festival",
    "dragon boat festival",
    "easter",
    "halloween",
    "new year's day",
    "new year’s day",
    "new year's eve",
    "new year’s eve",
    "valentine's day",
    "valentine’s day",
    "independence day",
    "labor day",
    "labour day",
    "memorial day",
    "mother's day",
    "mother’s day",
    "father's day",
    "father’s day",
    "boxing day",
    "martin luther king day",
    "martin luther king jr. day",
    "mlk day",
    "xmas",
    "new years day",
    "new years eve",
    "valentine day",
    "st patrick's day",
    "st. patrick's day",
    "saint patrick's day",
    "pentecost",
    "singles day",
    "singles' day",
    "singles’ day",
    "double eleven",
    "double 11",
    "spring festival",
    "chinese new year",
    "lunar new year",
    "seconds",
    "tonite",
    "annually",
    "eom",
    "eoy",
    "eod",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The longest month or weekday name (september, wednesday).
const LONGEST_NAME: usize = 9;

fn month_of(w: &str) -> Option<u32> {
    if w.len() > LONGEST_NAME {
        return None;
    }
    let mut buf = [0; 32];
    let l = ascii_lower(w, &mut buf);
    if let Some(i) = MONTHS.iter().position(|m| *m == l) {
        return Some(i as u32 + 1);
    }
    if l == "sept" {
        return Some(9);
    }
    if l.len() == 3 {
        return MONTHS
            .iter()
            .position(|m| m.starts_with(&*l))
            .map(|i| i as u32 + 1);
    }
    None
}

fn weekday_of(w: &str) -> Option<u32> {
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    if w.len() > LONGEST_NAME {
        return None;
    }
    let mut buf = [0; 32];
    let l = ascii_lower(w, &mut buf);
    if let Some(i) = DAYS.iter().position(|d| *d == l) {
        return Some(i as u32 + 1);
    }
    Some(match &*l {
        "mon" => 1,
        "tue" | "tues" => 2,
        "wed" => 3,
        "thu" | "thur" | "thurs" => 4,
        "fri" => 5,
        "sat" => 6,
        "sun" => 7,
        _ => return None,
    })
}

/// The word ending right before `i` (spaces skipped, not crossing `floor`):
/// (start, word).
fn prev_word(t: &str, i: usize, floor: usize) -> Option<(usize, &str)> {
    let b = t.as_bytes();
    let mut j = i;
    while j > floor && b[j - 1] == b' ' {
        j -= 1;
    }
    if j == i && i > floor && b[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let end = j;
    while j > floor && (b[j - 1].is_ascii_alphanumeric() || b[j - 1] == b'\'') {
        j -= 1;
    }
    (j < end).then(|| (j, &t[j..end]))
}

/// The word starting at `i` after spaces: (start, word, end).
fn next_word(t: &str, i: usize) -> Option<(usize, &str)> {
    let b = t.as_bytes();
    let mut j = i;
    while j < b.len() && b[j] == b' ' {
        j += 1;
    }
    let s = j;
    while j < b.len() && (b[j].is_ascii_alphanumeric()) {
        j += 1;
    }
    (j > s).then(|| (s, &t[s..j]))
}

fn is_word(w: &str, options: &[&str]) -> bool {
    options.iter().any(|o| w.eq_ignore_ascii_case(o))
}

/// Modifiers before a month or year: early, mid, late, the end of ...
/// Returns (start, mod, edge) where edge marks "the end/beginning of".
fn left_mods(t: &str, s: usize, floor: usize) -> (usize, Option<&'static str>, bool) {
    let Some((ws, w)) = prev_word(t, s, floor) else {
        // mid-2019
        if s >= 4 && s - 4 >= floor && t.as_bytes()[s - 4..s].eq_ignore_ascii_case(b"mid-") {
            return (s - 4, Some("MID"), false);
        }
        return (s, None, false);
    };
    let lw = w.to_ascii_lowercase();
    match lw.as_str() {
        "early" => return (ws, Some("START"), false),
        "late" => return (ws, Some("END"), false),
        "mid" => return (ws, Some("MID"), false),
        "of" => {
            if let Some((ks, k)) = prev_word(t, ws, floor) {
                let m = match k.to_ascii_lowercase().as_str() {
                    "end" | "close" => Some("END"),
                    "beginning" | "start" => Some("START"),
                    "middle" => Some("MID"),
                    _ => None,
                };
                if let Some(m) = m {
                    let st = match prev_word(t, ks, floor) {
                        Some((ts, th)) if th.eq_ignore_ascii_case("the") => ts,
                        _ => ks,
                    };
                    return (st, Some(m), true);
                }
            }
        }
        _ => {}
    }
    (s, None, false)
}

/// A four-digit year at `i` (after optional spaces and a comma).
fn year_after(t: &str, i: usize) -> Option<(i32, usize)> {
    let b = t.as_bytes();
    let mut j = i;
    if b.get(j) == Some(&b' ') && b.get(j + 1) == Some(&b',') {
        j += 1;
    }
    if b.get(j) == Some(&b',') {
        j += 1;
    }
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    let (v, e, n) = read_digits(b, j)?;
    if n != 4 || !(1000..=2999).contains(&v) || b.get(e).is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    if b.get(e) == Some(&b',') && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((v as i32, e))
}

/// A day of month at `i` (after spaces): 17, 17th.
fn day_after(t: &str, i: usize) -> Option<(u32, usize)> {
    let b = t.as_bytes();
    let mut j = i;
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    if let Some((ws, w)) = next_word(t, j).filter(|(ws, _)| *ws == j) {
        if w.eq_ignore_ascii_case("the") {
            return day_after(t, ws + 3).filter(|_| b.get(ws + 3) == Some(&b' '));
        }
        // twenty second, twenty-second
        if w.eq_ignore_ascii_case("twenty") || w.eq_ignore_ascii_case("thirty") {
            let e = ws + w.len();
            let k = if b.get(e) == Some(&b'-') { e + 1 } else { e };
            let (us, u) = next_word(t, k)?;
            if us > k + 1 {
                return None;
            }
            let dd = en_day_ordinal(&format!("{w}-{u}"))?;
            return Some((dd, us + u.len()));
        }
        if let Some(d) = en_day_ordinal(w) {
            let mut e = ws + w.len();
            if let Some((us, u)) = next_word(t, e).filter(|(us, _)| *us == e + 1 || *us == e) {
                let _ = us;
                if u.eq_ignore_ascii_case("of")
                    || u.eq_ignore_ascii_case("quarter")
                    || u.eq_ignore_ascii_case("half")
                {
                    return None;
                }
            }
            if b.get(e) == Some(&b'-') {
                return None;
            }
            e = e.min(b.len());
            return Some((d, e));
        }
        if b[j].is_ascii_alphabetic() {
            return None;
        }
    }
    let (v, mut e, n) = read_digits(b, j)?;
    if n > 2 || !(1..=31).contains(&v) {
        return None;
    }
    for suf in ["st", "nd", "rd", "th"] {
        if t.get(e..e + 2).is_some_and(|s| s.eq_ignore_ascii_case(suf)) {
            e += 2;
            break;
        }
    }
    if b.get(e)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b':')
        || (b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_digit))
    {
        return None;
    }
    Some((v as u32, e))
}

/// A clock after a day: "at 3 p.m.", "8:00am", "@ 17:49:19".
fn clock_after(t: &str, i: usize) -> Option<(usize, Tod)> {
    let b = t.as_bytes();
    let mut j = i;
    if b.get(j) == Some(&b',') {
        j += 1;
    }
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    if ci_starts(t, j, "at ") {
        j += 3;
    } else if b.get(j) == Some(&b'@') {
        j += 1;
    }
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    let (h, e, n) = read_digits(b, j)?;
    if n > 2 || h > 24 {
        return None;
    }
    let (mut end, mut h, m, sec, plain) = match colon_clock(t, j) {
        Some((ce, h, m, sec)) => (ce, h, m, sec, false),
        None => (e, h as u32, 0, None, true),
    };
    let mut k = end;
    if b.get(k) == Some(&b' ') {
        k += 1;
    }
    let mut suffixed = false;
    for (suf, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if ci_starts(t, k, suf) && !b.get(k + suf.len()).is_some_and(u8::is_ascii_alphanumeric) {
            if !(1..=12).contains(&h) {
                return None;
            }
            h = match (pm, h) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            end = k + suf.len();
            suffixed = true;
            break;
        }
    }
    if plain && !suffixed {
        return None;
    }
    Some((end, Tod::Clock(h, m, sec)))
}

/// A time of day after a day: morning, afternoon, evening, night.
fn part_after(t: &str, i: usize) -> Option<(usize, Tod)> {
    if let Some(r) = clock_after(t, i) {
        return Some(r);
    }
    let (ws, w) = next_word(t, i)?;
    let p = match w.to_ascii_lowercase().as_str() {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        _ => return None,
    };
    Some((ws + w.len(), Tod::Part(p)))
}

fn cal(year: Year, sub: Option<Sub>, day: Option<u32>, modifier: Option<&'static str>) -> Sem {
    Sem::Cal {
        year,
        sub,
        day,
        tod: None,
        modifier,
    }
}

/// "the quarter ended June 30": the fiscal period ending at that date.
fn period_ended(t: &str, e: usize, months: u32) -> Option<(usize, Sem)> {
    let (ws, w) = next_word(t, e)?;
    if !is_word(w, &["ended", "ending", "ends", "to", "through"]) {
        return None;
    }
    let (ms, mw) = next_word(t, ws + w.len())?;
    let m = month_of(mw)?;
    let mut x = ms + mw.len();
    // Dec. takes its dot; December. ends the sentence
    if mw.len() <= 4 && t.as_bytes().get(x) == Some(&b'.') {
        x += 1;
    }
    if let Some((_, de)) = day_after(t, x) {
        x = de;
    }
    let year = match year_after(t, x) {
        Some((y, ye)) => {
            x = ye;
            Year::Explicit(y)
        }
        None => Year::Unknown,
    };
    let sub = match months {
        3 => Sub::Quarter(m.div_ceil(3)),
        6 => Sub::Half(if m <= 6 { 1 } else { 2 }),
        _ => return Some((x, cal(year, None, None, None))),
    };
    Some((x, cal(year, Some(sub), None, None)))
}

/// An expression starting with the word `w` at `s`.
pub(crate) fn at_word(t: &str, s: usize, w: &str, floor: usize) -> Option<Cand> {
    let e = s + w.len();
    let mut lw_buf = [0; 32];
    let lw = ascii_lower(w, &mut lw_buf);
    let b = t.as_bytes();
    if let Some(m) = month_of(&lw) {
        return month(t, s, e, m, floor);
    }
    if let Some(h) = holiday_of(&lw) {
        return holiday(t, s, e, h, floor);
    }
    if let Some(c) = misc_word(t, s, e, &lw, floor) {
        return c;
    }
    if let Some(d) = weekday_of(&lw) {
        let mut e = e;
        if lw.len() <= 5 && !matches!(&*lw, "monday" | "friday" | "sunday") {
            // abbreviations: sat, sun, wed are words too
            let dot = b.get(e) == Some(&b'.');
            if matches!(&*lw, "sat" | "sun" | "wed" | "mon")
                && (!w.as_bytes()[0].is_ascii_uppercase() || !(dot || b.get(e) == Some(&b',')))
            {
                return None;
            }
            if dot {
                e += 1;
            }
        }
        let mut st = s;
        let mut offset = None;
        if let Some((ps, p)) = prev_word(t, s, floor) {
            let o = match p.to_ascii_lowercase().as_str() {
                "last" => Some(-1),
                "next" => Some(1),
                "this" => Some(0),
                _ => None,
            };
            if o.is_some() {
                offset = o;
                st = ps;
            }
        }
        // Tuesday, January 17, 2018
        let mut j = e;
        if b.get(j) == Some(&b',') {
            j += 1;
        }
        if let Some((ms, mw)) = next_word(t, j) {
            if let Some(m) = month_of(mw) {
                if mw.as_bytes()[0].is_ascii_uppercase() {
                    if let Some(c) = month(t, ms, ms + mw.len(), m, ms) {
                        if matches!(c.sem, Sem::Cal { day: Some(_), .. }) {
                            return Some(Cand::new(st..c.range.end, c.sem));
                        }
                    }
                }
            }
        }
        if let Some(o) = offset {
            let (x, tod) = match part_after(t, e) {
                Some((x, tod)) => (x, Some(tod)),
                None => (e, None),
            };
            return Some(Cand::new(
                st..x,
                Sem::Week {
                    offset: o,
                    dow: Some(d),
                    tod,
                },
            ));
        }
        // every Monday, each Tuesday
        if let Some((ps, p)) = prev_word(t, s, floor) {
            if is_word(p, &["every", "each"]) {
                return Some(Cand::new(ps..e, Sem::Set(format!("XXXX-WXX-{d}"))));
            }
        }
        if let Some((x, tod)) = part_after(t, e) {
            return Some(Cand::new(
                st..x,
                Sem::Weekday {
                    dow: d,
                    tod: Some(tod),
                },
            ));
        }
        return Some(Cand::new(st..e, Sem::Weekday { dow: d, tod: None }));
    }
    let rel_day = |offset: i32| {
        let mut st = s;
        let mut off = offset;
        // the day before yesterday, the day after tomorrow
        if let Some((ps, p)) = prev_word(t, s, floor) {
            if let Some((ds, dw)) = prev_word(t, ps, floor) {
                if dw.eq_ignore_ascii_case("day")
                    && ((p.eq_ignore_ascii_case("before") && offset == -1)
                        || (p.eq_ignore_ascii_case("after") && offset == 1))
                {
                    off = offset * 2;
                    st = match prev_word(t, ds, floor) {
                        Some((ts, th)) if th.eq_ignore_ascii_case("the") => ts,
                        _ => ds,
                    };
                }
            }
        }
        if let Some((x, tod)) = part_after(t, e) {
            return Some(Cand::new(
                st..x,
                Sem::RelDay {
                    offset: off,
                    tod: Some(tod),
                },
            ));
        }
        Some(Cand::new(
            st..e,
            Sem::RelDay {
                offset: off,
                tod: None,
            },
        ))
    };
    match &*lw {
        "yesterday" => return rel_day(-1),
        "today" => return rel_day(0),
        "tomorrow" => return rel_day(1),
        "tonight" => {
            return Some(Cand::new(
                s..e,
                Sem::RelDay {
                    offset: 0,
                    tod: Some(Tod::Part("NI")),
                },
            ))
        }
        "q1" | "q2" | "q3" | "q4" => {
            if !w.starts_with('Q') {
                return None;
            }
            let q = (b[s + 1] - b'0') as u32;
            let mut x = e;
            let mut year = Year::Unknown;
            if let Some((y, ye)) = year_after(t, e) {
                year = Year::Explicit(y);
                x = ye;
            } else if b.get(e) == Some(&b'\'') {
                if let Some((v, ve, 2)) = read_digits(b, e + 1) {
                    year = Year::Explicit(2000 + v as i32);
                    x = ve;
                }
            }
            return Some(Cand::new(
                s..x,
                cal(year, Some(Sub::Quarter(q)), None, None),
            ));
        }
        "tonite" => {
            return Some(Cand::new(
                s..e,
                Sem::RelDay {
                    offset: 0,
                    tod: Some(Tod::Part("NI")),
                },
            ))
        }
        "annually" => return Some(Cand::new(s..e, Sem::Set("P1Y".into()))),
        "eom" => {
            return Some(Cand::new(
                s..e,
                Sem::RelMonth {
                    offset: 0,
                    day: None,
                    modifier: Some("END"),
                },
            ))
        }
        "eoy" => {
            return Some(Cand::new(
                s..e,
                cal(Year::Deictic(0), Some(Sub::Month(12)), None, Some("END")),
            ))
        }
        "eod" => {
            return Some(Cand::new(
                s..e,
                Sem::RelDay {
                    offset: 0,
                    tod: None,
                },
            ))
        }
        "christmas" | "xmas" => {
            let mut x = e;
            if let Some((ds, dw)) = next_word(t, e) {
                if dw.eq_ignore_ascii_case("day") || dw.eq_ignore_ascii_case("eve") {
                    x = ds + dw.len();
                }
            }
            let day = if t[e..x].to_ascii_lowercase().contains("eve") {
                24
            } else {
                25
            };
            let year = match year_after(t, x) {
                Some((y, ye)) => {
                    x = ye;
                    Year::Explicit(y)
                }
                None => Year::Unknown,
            };
            return Some(Cand::new(
                s..x,
                cal(year, Some(Sub::Month(12)), Some(day), None),
            ));
        }
        _ => {}
    }
    // Units: year(s), month(s), ... half, weekend.
    if b.get(e) == Some(&b'-') {
        return None;
    }
    if s > 0 && b[s - 1] == b'-' {
        return hyphenated_period(t, s, e, &lw, floor);
    }
    unit(t, s, e, &lw, floor)
}

/// A period used as an adjective, "first-half revenue", "third-quarter
/// sales": the ordinal is part of the span (wire copy writes these far more
/// often than "the first half"). Other hyphenated units (year-on-year,
/// 10-year) are not dates.
fn hyphenated_period(t: &str, s: usize, e: usize, lw: &str, floor: usize) -> Option<Cand> {
    let b = t.as_bytes();
    let hyphen = s - 1;
    let mut os = hyphen;
    while os > floor && b[os - 1].is_ascii_alphanumeric() {
        os -= 1;
    }
    if os == hyphen || (os > floor && matches!(b[os - 1], b'-' | b'\'')) {
        return None;
    }
    let o = en_ordinal(&t[os..hyphen])?;
    let sub = match lw {
        "half" if (1..=2).contains(&o) => Sub::Half(o),
        "quarter" if (1..=4).contains(&o) => Sub::Quarter(o),
        _ => return None,
    };
    let (year, end) = match year_after(t, e) {
        Some((y, ye)) => (Year::Explicit(y), ye),
        None => (Year::Unknown, e),
    };
    Some(Cand::new(os..end, cal(year, Some(sub), None, None)))
}

/// Holidays: (month, day) for fixed ones; moving ones use a rule.
fn holiday_of(l: &str) -> Option<Result<(u32, u32), Rule>> {
    let l: Cow<str> = if l.contains('’') {
        l.replace('’', "'").into()
    } else {
        l.into()
    };
    Some(match &*l {
        "halloween" => Ok((10, 31)),
        "new year's day" => Ok((1, 1)),
        "new year's eve" => Ok((12, 31)),
        "valentine's day" => Ok((2, 14)),
        "independence day" => Ok((7, 4)),
        "boxing day" => Ok((12, 26)),
        "thanksgiving" => Err(Rule::NthWeekday {
            m: 11,
            n: 4,
            dow: 4,
        }),
        "labor day" | "labour day" => Err(Rule::NthWeekday { m: 9, n: 1, dow: 1 }),
        "memorial day" => Err(Rule::NthWeekday {
            m: 5,
            n: -1,
            dow: 1,
        }),
        "mother's day" => Err(Rule::NthWeekday { m: 5, n: 2, dow: 7 }),
        "father's day" => Err(Rule::NthWeekday { m: 6, n: 3, dow: 7 }),
        "martin luther king day" | "martin luther king jr. day" | "mlk day" => {
            Err(Rule::NthWeekday { m: 1, n: 3, dow: 1 })
        }
        "black friday" => Err(Rule::BlackFriday),
        "mid-autumn festival" => Err(Rule::MidAutumn),
        "dragon boat festival" => Err(Rule::DragonBoat),
        "easter" => Err(Rule::Easter(0)),
        "pentecost" => Err(Rule::Easter(49)),
        "new years day" => Ok((1, 1)),
        "new years eve" => Ok((12, 31)),
        "valentine day" => Ok((2, 14)),
        "st patrick's day" | "st. patrick's day" | "saint patrick's day" => Ok((3, 17)),
        // China's shopping festival and the lunar new year, as English copy names them.
        "singles day" | "singles' day" | "double eleven" | "double 11" => Ok((11, 11)),
        "spring festival" | "chinese new year" | "lunar new year" => Err(Rule::Lunar(0)),
        _ => return None,
    })
}

/// Nouns a holiday name qualifies: "the Spring Festival holiday".
const HOLIDAY_HEADS: &[&str] = &[
    "shopping",
    "sales",
    "sale",
    "holiday",
    "holidays",
    "festival",
    "gala",
    "promotion",
    "promotions",
    "period",
    "season",
    "rush",
    "travel",
    "break",
    "week",
    "weekend",
    "spending",
    "event",
    "events",
    "orders",
];

/// `t[i..]` starts with `pat`, ignoring ASCII case.
fn ci_starts(t: &str, i: usize, pat: &str) -> bool {
    t.as_bytes()
        .get(i..i + pat.len())
        .is_some_and(|x| x.eq_ignore_ascii_case(pat.as_bytes()))
}

/// A prefix this/next/last before `s`: (start, offset).
fn rel_prefix(t: &str, s: usize, floor: usize) -> Option<(usize, i32)> {
    let (ps, p) = prev_word(t, s, floor)?;
    let k = match p.to_ascii_lowercase().as_str() {
        "this" | "current" => 0,
        "next" | "coming" | "upcoming" => 1,
        "last" | "past" | "previous" => -1,
        _ => return None,
    };
    Some((with_the(t, ps, floor), k))
}

/// Thanksgiving, Halloween, Easter: with this/next/last or a year.
fn holiday(t: &str, s: usize, e: usize, h: Result<(u32, u32), Rule>, floor: usize) -> Option<Cand> {
    let mut end = e;
    if let Some((ds, dw)) = next_word(t, e) {
        if (dw.eq_ignore_ascii_case("day") || dw.eq_ignore_ascii_case("sunday"))
            && ds == e + 1
            && !t[s..e].to_ascii_lowercase().ends_with("day")
        {
            end = ds + dw.len();
        }
    }
    let mut start = s;
    let mut year = Year::Unknown;
    if let Some((ps, k)) = rel_prefix(t, s, floor) {
        start = ps;
        year = Year::Deictic(k);
    }
    if let Some((y, ye)) = year_after(t, end) {
        year = Year::Explicit(y);
        end = ye;
    }
    // "the Spring Festival" keeps its determiner, unless the name only
    // qualifies a noun that follows ("the Singles Day sales").
    if start == s {
        if let Some((ps, p)) = prev_word(t, s, floor) {
            let modifies_next = next_word(t, end).is_some_and(|(ns, w)| {
                ns == end + 1 && w.as_bytes()[0].is_ascii_lowercase() && is_word(w, HOLIDAY_HEADS)
            });
            if p.eq_ignore_ascii_case("the") && !modifies_next {
                start = ps;
            }
        }
    }
    let sem = match h {
        Ok((m, d)) => cal(year, Some(Sub::Month(m)), Some(d), None),
        Err(rule) => Sem::Holiday { rule, year },
    };
    Some(Cand::new(start..end, sem))
}

/// Parts of the day, now, seasons: `Some(None)` stops the parse.
fn misc_word(t: &str, s: usize, e: usize, lw: &str, floor: usize) -> Option<Option<Cand>> {
    let prev = prev_word(t, s, floor);
    let b = t.as_bytes();
    Some(match lw {
        "morning" | "afternoon" | "evening" | "night" => {
            let part = match lw {
                "morning" => "MO",
                "afternoon" => "AF",
                "evening" => "EV",
                _ => "NI",
            };
            let (ps, p) = prev?;
            let offset = match p.to_ascii_lowercase().as_str() {
                "this" => 0,
                "last" if lw == "night" => -1,
                _ => return Some(None),
            };
            Some(Cand::new(
                ps..e,
                Sem::RelDay {
                    offset,
                    tod: Some(Tod::Part(part)),
                },
            ))
        }
        "noon" | "midnight" => {
            let h = if lw == "noon" { 12 } else { 0 };
            Some(Cand::new(s..e, Sem::TimeOnly(Tod::Clock(h, 0, None))))
        }
        "now" => {
            let start = match prev {
                Some((ps, w)) if is_word(w, &["right", "just"]) => ps,
                Some((_, w)) if is_word(w, &["by", "until", "till", "of", "from"]) => s,
                _ => return Some(None),
            };
            Some(Cand::new(start..e, Sem::Timex("PRESENT_REF".into())))
        }
        "moment" | "present" => {
            // at the moment, at present
            let (ps, p) = prev?;
            let (ats, at) = if p.eq_ignore_ascii_case("the") && lw == "moment" {
                prev_word(t, ps, floor)?
            } else {
                (ps, p)
            };
            if !at.eq_ignore_ascii_case("at") {
                return Some(None);
            }
            Some(Cand::new(ats..e, Sem::Timex("PRESENT_REF".into())))
        }
        "summer" | "winter" | "spring" | "autumn" | "fall" => {
            let code = match lw {
                "summer" => "SU",
                "winter" => "WI",
                "spring" => "SP",
                _ => "FA",
            };
            let mut start = s;
            let mut year = None;
            if let Some((ps, k)) = rel_prefix(t, s, floor) {
                start = ps;
                year = Some(Year::Deictic(k));
            }
            let mut end = e;
            let mut j = e;
            if let Some((os, ow)) = next_word(t, e) {
                if ow.eq_ignore_ascii_case("of") {
                    j = os + 2;
                }
            }
            if let Some((y, ye)) = year_after(t, j) {
                year = Some(Year::Explicit(y));
                end = ye;
            }
            let year = match year {
                Some(y) => y,
                None => return Some(None),
            };
            let _ = b;
            Some(Cand::new(
                start..end,
                cal(year, Some(Sub::Season(code)), None, None),
            ))
        }
        _ => return None,
    })
}

/// Month name at `s..e`: dates, months, months with a year.
fn month(t: &str, s: usize, e: usize, m: u32, floor: usize) -> Option<Cand> {
    let b = t.as_bytes();
    let capital = b[s].is_ascii_uppercase();
    // Jan. and Sept. take their dot; June and July are whole words, so a
    // dot after them ends the sentence.
    let abbr = (e - s == 3 && m != 5) || t[s..e].eq_ignore_ascii_case("sept");
    let mut x = e;
    if abbr && b.get(x) == Some(&b'.') {
        x += 1;
    }
    // the September quarter, September-quarter results: the quarter that
    // month closes (Australian and Bloomberg usage)
    for sep in [" quarter", "-quarter"] {
        let rest = &t[x..];
        if rest.len() >= sep.len()
            && rest.as_bytes()[..sep.len()].eq_ignore_ascii_case(sep.as_bytes())
            && !b.get(x + sep.len()).is_some_and(u8::is_ascii_alphanumeric)
            && m % 3 == 0
        {
            return Some(Cand::new(
                with_the(t, s, floor)..x + sep.len(),
                cal(Year::Unknown, Some(Sub::Quarter(m / 3)), None, None),
            ));
        }
    }
    let mut day = None;
    let mut year = Year::Unknown;
    let mut end = e;
    // Dec-2018, Jan/3, Sep-23-2020
    if matches!(b.get(x), Some(b'-' | b'/')) && x == e {
        let sep = b[x];
        if let Some((v, ve, vn)) = read_digits(b, x + 1) {
            if !b.get(ve).is_some_and(|c| c.is_ascii_alphanumeric()) || b.get(ve) == Some(&sep) {
                if vn == 4 {
                    return Some(Cand::new(
                        s..ve,
                        cal(Year::Explicit(v as i32), Some(Sub::Month(m)), None, None),
                    ));
                }
                if vn <= 2 && (1..=31).contains(&v) {
                    let mut end = ve;
                    let mut year = Year::Unknown;
                    if b.get(ve) == Some(&sep) {
                        if let Some((y, ye, 4)) = read_digits(b, ve + 1) {
                            year = Year::Explicit(y as i32);
                            end = ye;
                        }
                    }
                    return Some(Cand::new(
                        s..end,
                        cal(year, Some(Sub::Month(m)), Some(v as u32), None),
                    ));
                }
            }
        }
    }
    if let Some((d, de)) = day_after(t, x) {
        day = Some(d);
        end = de;
        if let Some((y, ye)) = year_after(t, de) {
            year = Year::Explicit(y);
            end = ye;
        }
    } else if let Some((y, ye)) = year_after(t, x) {
        year = Year::Explicit(y);
        end = ye;
    }
    let mut start = s;
    // 17 January, the 4th of July
    if day.is_none() {
        let mut k = s;
        if let Some((os, ow)) = prev_word(t, s, floor) {
            if ow.eq_ignore_ascii_case("of") {
                k = os;
            }
        }
        if let Some((ds, dw)) = prev_word(t, k, floor) {
            let word_day = en_day_ordinal(dw).filter(|_| k < s);
            if let Some(d) = en_ordinal(dw)
                .or_else(|| dw.parse::<u32>().ok())
                .or(word_day)
            {
                if (1..=31).contains(&d)
                    && (dw.as_bytes()[0].is_ascii_digit() || word_day.is_some())
                {
                    day = Some(d);
                    start = match prev_word(t, ds, floor) {
                        Some((ts, th)) if th.eq_ignore_ascii_case("the") => ts,
                        _ => ds,
                    };
                    if end == e {
                        if let Some((y, ye)) = year_after(t, x) {
                            year = Year::Explicit(y);
                            end = ye;
                        }
                    }
                }
            }
        }
    }
    if day.is_none() && year == Year::Unknown {
        // a month alone: capitalized, and "May" only after a preposition
        if !capital {
            return None;
        }
        let prev = prev_word(t, s, floor).map(|(_, w)| w.to_ascii_lowercase());
        let prep = prev.as_deref().is_some_and(|p| {
            matches!(
                p,
                "in" | "since"
                    | "by"
                    | "until"
                    | "till"
                    | "from"
                    | "through"
                    | "during"
                    | "of"
                    | "early"
                    | "late"
                    | "mid"
                    | "last"
                    | "next"
                    | "this"
                    | "before"
                    | "after"
                    | "to"
                    | "end"
                    | "and"
            )
        });
        // a month alone needs a preposition or modifier: August Busch, June Lee
        if !prep {
            return None;
        }
        end = if abbr && b.get(e) == Some(&b'.') {
            e + 1
        } else {
            e
        };
    } else if !capital && m == 5 && (day.is_none() || year == Year::Unknown) {
        // "may" is a verb far more often than a month
        return None;
    }
    // the quarter ended June 30 / the three months ended March 31
    if let Some((ws, w)) = prev_word(t, start, floor) {
        if is_word(w, &["ended", "ending", "through"]) {
            if let Some((us, u)) = prev_word(t, ws, floor) {
                let months = match u.to_ascii_lowercase().as_str() {
                    "quarter" => Some(3),
                    "months" => prev_word(t, us, floor).and_then(|(_, n)| en_word_number(n)),
                    "year" => Some(12),
                    _ => None,
                };
                if months.is_some() {
                    // handled from the unit word
                    return None;
                }
            }
        }
    }
    let (ms, modifier, _edge) = if day.is_none() {
        left_mods(t, start, floor)
    } else {
        (start, None, false)
    };
    Some(Cand::new(
        ms..end,
        Sem::Cal {
            year,
            sub: Some(Sub::Month(m)),
            day,
            tod: None,
            modifier,
        },
    ))
}

/// "the" before `i`, when there: its start.
fn with_the(t: &str, i: usize, floor: usize) -> usize {
    match prev_word(t, i, floor) {
        Some((ts, th)) if th.eq_ignore_ascii_case("the") => ts,
        _ => i,
    }
}

/// A unit word (year, months, quarter, half, weekend) at `s..e`.
fn unit(t: &str, s: usize, e: usize, lw: &str, floor: usize) -> Option<Cand> {
    let (code, mult, plural) = match lw {
        "year" => ("Y", 1, false),
        "years" => ("Y", 1, true),
        "month" => ("M", 1, false),
        "months" => ("M", 1, true),
        "week" => ("W", 1, false),
        "weeks" => ("W", 1, true),
        "day" => ("D", 1, false),
        "days" => ("D", 1, true),
        "decade" => ("Y", 10, false),
        "decades" => ("Y", 10, true),
        "quarter" => ("Q", 1, false),
        "quarters" => ("Q", 1, true),
        "hour" => ("H", 1, false),
        "hours" => ("H", 1, true),
        "minute" => ("MI", 1, false),
        "minutes" => ("MI", 1, true),
        "half" => ("HALF", 1, false),
        "seconds" => ("S", 1, true),
        "qtr" => ("Q", 1, false),
        "qtrs" => ("Q", 1, true),
        "yr" => ("Y", 1, false),
        "yrs" => ("Y", 1, true),
        "fortnight" => ("W", 2, false),
        "weekend" => ("WE", 1, false),
        _ => return None,
    };
    let (ps, pw) = prev_word(t, s, floor)?;
    let pl = pw.to_ascii_lowercase();
    let b = t.as_bytes();
    // the first half (of 2021), the third quarter (of 2021)
    if code == "HALF" || (code == "Q" && !plural) {
        if let Some(o) = en_ordinal(&pl).filter(|o| (1..=4).contains(o)) {
            if code == "HALF" && o > 2 {
                return None;
            }
            let st = with_the(t, ps, floor);
            let mut end = e;
            let mut year = Year::Unknown;
            if let Some((ow, w)) = next_word(t, e) {
                if w.eq_ignore_ascii_case("of") {
                    let after_of = ow + 2;
                    if let Some((y, ye)) = year_after(t, after_of) {
                        year = Year::Explicit(y);
                        end = ye;
                    } else if let Some((ds, dw)) = next_word(t, after_of) {
                        let k = match dw.to_ascii_lowercase().as_str() {
                            "this" => Some(0),
                            "last" => Some(-1),
                            "next" => Some(1),
                            "the" => Some(99),
                            _ => None,
                        };
                        if let Some(k) = k {
                            if let Some((ys, yw)) = next_word(t, ds + dw.len()) {
                                if yw.eq_ignore_ascii_case("year") {
                                    end = ys + 4;
                                    year = if k == 99 {
                                        Year::Context(0)
                                    } else {
                                        Year::Deictic(k)
                                    };
                                }
                            }
                        }
                    }
                } else if let Some((y, ye)) = year_after(t, e) {
                    year = Year::Explicit(y);
                    end = ye;
                }
            }
            let sub = if code == "HALF" {
                Sub::Half(o)
            } else {
                Sub::Quarter(o)
            };
            return Some(Cand::new(st..end, cal(year, Some(sub), None, None)));
        }
        if code == "HALF" {
            return None;
        }
    }
    if code == "WE" {
        let offset = match pl.as_str() {
            "this" => 0,
            "last" | "past" => -1,
            "next" | "coming" => 1,
            "the" => 0,
            _ => return None,
        };
        return Some(Cand::new(
            with_the(t, ps, floor).min(ps)..e,
            Sem::Week {
                offset,
                dow: Some(0),
                tod: None,
            },
        ));
    }
    // the quarter ended June 30
    if code == "Q" && !plural && pl == "the" {
        let (x, sem) = period_ended(t, e, 3)?;
        return Some(Cand::new(ps..x, sem));
    }
    // the end of the month, end of year
    if !plural && (pl == "the" || pl == "of") && matches!(code, "M" | "Y" | "W" | "D" | "Q") {
        let base = if pl == "the" { ps } else { s };
        let (ms, modifier, edge) = left_mods(t, base, floor);
        if edge {
            let sem = match code {
                "M" => Sem::RelMonth {
                    offset: 0,
                    day: None,
                    modifier,
                },
                "Y" => {
                    let sub = match modifier {
                        Some("END") => Some(Sub::Month(12)),
                        Some("START") => Some(Sub::Month(1)),
                        _ => None,
                    };
                    cal(Year::Deictic(0), sub, None, modifier)
                }
                "W" => Sem::Week {
                    offset: 0,
                    dow: None,
                    tod: None,
                },
                "Q" => Sem::RelQuarter { offset: 0 },
                _ => Sem::RelDay {
                    offset: 0,
                    tod: None,
                },
            };
            return Some(Cand::new(ms..e, sem));
        }
    }
    // every day, each week, once a year
    if !plural && matches!(code, "M" | "Y" | "W" | "D" | "Q" | "H") {
        let once = pl == "a"
            && prev_word(t, ps, floor).is_some_and(|(_, w)| is_word(w, &["once", "twice"]));
        if pl == "every" || pl == "each" || once {
            let st = if once {
                prev_word(t, ps, floor).map_or(ps, |(x, _)| x)
            } else {
                ps
            };
            let c = match code {
                "Q" => "3M".to_string(),
                "H" => "T1H".to_string(),
                c => format!("1{c}"),
            };
            return Some(Cand::new(st..e, Sem::Set(format!("P{c}"))));
        }
    }
    // last year, this month, next week, the past decade
    let rel = match pl.as_str() {
        "last" => Some(-1),
        "this" | "current" => Some(0),
        "next" | "coming" | "upcoming" => Some(1),
        "past" | "previous" | "following" => Some(-9),
        _ => None,
    };
    if let Some(k) = rel {
        if plural {
            return None;
        }
        let st0 = with_the(t, ps, floor);
        let has_the = st0 < ps;
        if k == -9 || (has_the && k != 0) || mult == 10 {
            // the past year, the last decade, the coming year: a duration
            if pl == "previous" && code == "Y" && mult == 1 {
                return Some(Cand::new(st0..e, cal(Year::Context(-1), None, None, None)));
            }
            if pl == "following" && code == "Y" && mult == 1 {
                return Some(Cand::new(st0..e, cal(Year::Context(1), None, None, None)));
            }
            let st = with_prep(t, st0, floor);
            return Some(Cand::new(st..e, duration(code, mult)?));
        }
        // "the current quarter" keeps its determiner ("this quarter" has none)
        let ps = if pl == "current" { st0 } else { ps };
        let sem = match code {
            "Y" => {
                let (ms, modifier, edge) = left_mods(t, ps, floor);
                let sub = match (edge, modifier) {
                    (true, Some("END")) => Some(Sub::Month(12)),
                    (true, Some("START")) => Some(Sub::Month(1)),
                    _ => None,
                };
                return Some(Cand::new(ms..e, cal(Year::Deictic(k), sub, None, modifier)));
            }
            "M" => Sem::RelMonth {
                offset: k,
                day: None,
                modifier: None,
            },
            "W" => Sem::Week {
                offset: k,
                dow: None,
                tod: None,
            },
            "Q" => Sem::RelQuarter { offset: k },
            "D" if k != 0 => Sem::RelDay {
                offset: k,
                tod: None,
            },
            _ => return None,
        };
        let (ms, modifier, _) = left_mods(t, ps, floor);
        let sem = match (sem, modifier) {
            (Sem::RelMonth { offset, day, .. }, Some(m)) => Sem::RelMonth {
                offset,
                day,
                modifier: Some(m),
            },
            (sem, _) => sem,
        };
        return Some(Cand::new(ms..e, sem));
    }
    // a vague count: a few days, several weeks, few hours
    if plural && matches!(pl.as_str(), "few" | "several" | "some" | "many") {
        let st = match prev_word(t, ps, floor) {
            Some((as_, a)) if pl == "few" && is_word(a, &["a"]) => as_,
            _ => ps,
        };
        if pl == "some" || pl == "many" {
            return None;
        }
        let st = match prev_word(t, st, floor) {
            Some((qs, q)) if is_word(q, &["next", "past", "last"]) => {
                with_prep(t, with_the(t, qs, floor), floor)
            }
            _ => st,
        };
        let c = if code == "Q" { "M" } else { code };
        let timex = match c {
            "H" => "PTXH".to_string(),
            "MI" => "PTXM".to_string(),
            _ => format!("PX{c}"),
        };
        let mut end = e;
        if let Some((ns, nw)) = next_word(t, e) {
            if is_word(nw, &["ago"]) {
                end = ns + 3;
                return Some(Cand::new(st..end, Sem::Timex("PAST_REF".into())));
            }
        }
        let _ = &mut end;
        return Some(Cand::new(
            st..e,
            Sem::Duration {
                timex,
                modifier: None,
            },
        ));
    }
    // a count: three years, 10 days, a decade
    let n = match pl.parse::<u32>() {
        Ok(n) if pw.len() <= 3 => n,
        _ => en_word_number(&pl)?,
    };
    if n == 0 || (code == "Y" && n * mult > 300) {
        return None;
    }
    // "a year" alone is too weak (a year earlier, a year-on-year rise): needs more.
    let next = next_word(t, e).map(|(_, w)| w.to_ascii_lowercase());
    if matches!(
        next.as_deref(),
        Some("old") | Some("older") | Some("younger")
    ) {
        return None;
    }
    // three months ended March 31
    if code == "M" && plural {
        if let Some((x, sem)) = period_ended(t, e, n) {
            return Some(Cand::new(with_the(t, ps, floor)..x, sem));
        }
    }
    if matches!(next.as_deref(), Some("ago") | Some("earlier")) {
        let (ns, nw) = next_word(t, e)?;
        let x = ns + nw.len();
        let k = -((n * mult) as i32);
        let sem = match code {
            "Y" => Sem::YearsFrom(k),
            "D" => Sem::RelDay {
                offset: k,
                tod: None,
            },
            "M" => Sem::RelMonth {
                offset: k,
                day: None,
                modifier: None,
            },
            "W" => Sem::RelDay {
                offset: 7 * k,
                tod: None,
            },
            _ => return None,
        };
        return Some(Cand::new(ps..x, sem));
    }
    if (pl == "a" || pl == "an") && mult == 1 && code != "Q" {
        // keep "a year" only in "for a year", "over a year" style phrases
        let before = prev_word(t, ps, floor).map(|(_, w)| w.to_ascii_lowercase());
        if !matches!(
            before.as_deref(),
            Some("for") | Some("within") | Some("over") | Some("in")
        ) {
            return None;
        }
    }
    let mut st = ps;
    if let Some((qs, q)) = prev_word(t, ps, floor) {
        if is_word(
            q,
            &[
                "next",
                "past",
                "last",
                "previous",
                "coming",
                "first",
                "following",
            ],
        ) {
            st = with_prep(t, with_the(t, qs, floor), floor);
        }
    }
    if b.get(ps.wrapping_sub(1)) == Some(&b'$') {
        return None;
    }
    let sem = duration(code, n * mult)?;
    Some(Cand::new(st..e, sem))
}

/// `in`/`over` before "the next/past ...", which belongs to the span.
fn with_prep(t: &str, i: usize, floor: usize) -> usize {
    if i == 0 || !ci_starts(t, i, "the ") {
        return i;
    }
    match prev_word(t, i, floor) {
        Some((ps, p)) if is_word(p, &["in", "over"]) => ps,
        _ => i,
    }
}

fn duration(code: &str, n: u32) -> Option<Sem> {
    let timex = match code {
        "Y" => format!("P{n}Y"),
        "M" => format!("P{n}M"),
        "W" => format!("P{n}W"),
        "D" => format!("P{n}D"),
        "Q" => format!("P{}M", n * 3),
        "H" => format!("PT{n}H"),
        "MI" => format!("PT{n}M"),
        "S" => format!("PT{n}S"),
        _ => return None,
    };
    Some(Sem::Duration {
        timex,
        modifier: None,
    })
}

/// 2/15, 4/22/2019, 10-31-74, 21/04/2016, 13.5.2015: month first unless
/// the first number cannot be a month. Without a year only `/` counts, and
/// small fractions (1/2, 3/4) are left alone.
fn numeric_date(t: &str, s: usize, a: u32, e: usize) -> Option<Cand> {
    let b = t.as_bytes();
    let sep = *b.get(e)?;
    if !matches!(sep, b'/' | b'-' | b'.')
        || (s > 0 && matches!(b[s - 1], b'/' | b'-' | b'.' | b'$'))
    {
        return None;
    }
    let (c, ce, cn) = read_digits(b, e + 1)?;
    if cn > 2 {
        return None;
    }
    let c = c as u32;
    let (m, d) = if a > 12 { (c, a) } else { (a, c) };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut year = Year::Unknown;
    let mut end = ce;
    if b.get(ce) == Some(&sep) {
        let (y, ye, yn) = read_digits(b, ce + 1)?;
        if b.get(ye)
            .is_some_and(|x| x.is_ascii_alphanumeric() || *x == sep)
        {
            return None;
        }
        year = Year::Explicit(match yn {
            4 => y as i32,
            2 if y <= 40 => 2000 + y as i32,
            2 => 1900 + y as i32,
            _ => return None,
        });
        end = ye;
    } else {
        if sep != b'/'
            || b.get(ce)
                .is_some_and(|x| x.is_ascii_alphanumeric() || *x == b'%' || *x == b'/')
        {
            return None;
        }
        if d <= 10 && m < d || a == c && a <= 4 {
            return None;
        }
    }
    Some(Cand::new(
        s..end,
        cal(year, Some(Sub::Month(m)), Some(d), None),
    ))
}

/// 1140 a.m., 8.10 pm, 3 o'clock, 3 in the morning.
fn clock_words(t: &str, s: usize, v: u32, e: usize, n: usize) -> Option<Cand> {
    let b = t.as_bytes();
    let (h, m, mut j) = if (3..=4).contains(&n) {
        (v / 100, v % 100, e)
    } else if n <= 2 && b.get(e) == Some(&b'.') {
        let (mm, me, mn) = read_digits(b, e + 1)?;
        if mn != 2 {
            return None;
        }
        (v, mm as u32, me)
    } else if n <= 2 {
        (v, 0, e)
    } else {
        return None;
    };
    if !(0..=23).contains(&h) || m > 59 {
        return None;
    }
    let plain = j == e && n <= 2;
    if b.get(j) == Some(&b' ') {
        j += 1;
    }
    let suffixes: &[(&str, Option<bool>)] = if plain {
        &[
            ("o'clock in the morning", Some(false)),
            ("o'clock in the afternoon", Some(true)),
            ("o'clock in the evening", Some(true)),
            ("o'clock", None),
            ("oclock", None),
            ("in the morning", Some(false)),
            ("in the afternoon", Some(true)),
            ("in the evening", Some(true)),
        ]
    } else {
        &[
            ("a.m.", Some(false)),
            ("p.m.", Some(true)),
            ("am", Some(false)),
            ("pm", Some(true)),
        ]
    };
    if !b
        .get(j)
        .is_some_and(|c| matches!(c | 0x20, b'o' | b'i' | b'a' | b'p'))
    {
        return None;
    }
    for (suf, pm) in suffixes {
        if ci_starts(t, j, suf) && !b.get(j + suf.len()).is_some_and(u8::is_ascii_alphanumeric) {
            let h = match (pm, h) {
                (Some(true), h) if h < 12 => h + 12,
                (Some(false), 12) => 0,
                (_, h) => h,
            };
            if !plain && !(1..=12).contains(&(v / if n >= 3 { 100 } else { 1 })) {
                return None;
            }
            return Some(Cand::new(
                s..j + suf.len(),
                Sem::TimeOnly(Tod::Clock(h, m, None)),
            ));
        }
    }
    None
}

/// An English expression that starts with a digit: 3 p.m., 17 January 2018,
/// 1/17/2018, a year after a preposition (in 2003, early 2019).
pub(crate) fn at_digit(t: &str, s: usize, floor: usize) -> Option<Cand> {
    let b = t.as_bytes();
    let (v, e, n) = read_digits(b, s)?;
    if let Some(c) = clock_words(t, s, v as u32, e, n) {
        return Some(c);
    }
    // day-first with a month name: 05-Aug-2016, 23/Sep/2020, 1-jan
    if n <= 2 && matches!(b.get(e), Some(b'-' | b'/')) {
        if let Some((ms, mw)) = next_word(t, e + 1).filter(|(ms, _)| *ms == e + 1) {
            if let Some(m) = month_of(mw) {
                let me = ms + mw.len();
                if (1..=31).contains(&v) && !b.get(me).is_some_and(|c| c.is_ascii_alphabetic()) {
                    let mut end = me;
                    let mut year = Year::Unknown;
                    if matches!(b.get(me), Some(b'-' | b'/')) {
                        if let Some((y, ye, yn)) = read_digits(b, me + 1) {
                            if yn == 4 || yn == 2 {
                                year = Year::Explicit(if yn == 4 {
                                    y as i32
                                } else if y <= 40 {
                                    2000 + y as i32
                                } else {
                                    1900 + y as i32
                                });
                                end = ye;
                            }
                        }
                    }
                    return Some(Cand::new(
                        s..end,
                        cal(year, Some(Sub::Month(m)), Some(v as u32), None),
                    ));
                }
            }
        }
    }
    // clock with am/pm
    if n <= 2 {
        let (ce, h, m, sec) = match colon_clock(t, s) {
            Some((ce, h, m, sec)) => (ce, h, m, sec),
            _ => (e, v as u32, 0, None),
        };
        let mut j = ce;
        if b.get(j) == Some(&b' ') {
            j += 1;
        }
        for (suf, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
            if ci_starts(t, j, suf)
                && !b.get(j + suf.len()).is_some_and(u8::is_ascii_alphanumeric)
                && (1..=12).contains(&h)
            {
                let h = match (pm, h) {
                    (true, 12) => 12,
                    (true, h) => h + 12,
                    (false, 12) => 0,
                    (false, h) => h,
                };
                return Some(Cand::new(
                    s..j + suf.len(),
                    Sem::TimeOnly(Tod::Clock(h, m, sec)),
                ));
            }
        }
        if let Some(c) = numeric_date(t, s, v as u32, e) {
            return Some(c);
        }
        // the 15th, on the 24th
        if let Some((d, de)) = day_after(t, s) {
            if de > e && next_word(t, de).is_none_or(|(ws, _)| ws != de + 1) {
                if let Some((ps, p)) = prev_word(t, s, floor) {
                    if is_word(p, &["the", "on"])
                        && !t[de..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
                    {
                        let st = if p.eq_ignore_ascii_case("the") { ps } else { s };
                        return Some(Cand::new(st..de, cal(Year::Unknown, None, Some(d), None)));
                    }
                }
            }
        }
        // 1/17/2018
        if b.get(e) == Some(&b'/') {
            if let Some((d, de, dn)) = read_digits(b, e + 1) {
                if dn <= 2 && b.get(de) == Some(&b'/') {
                    if let Some((y, ye, 4)) = read_digits(b, de + 1) {
                        if (1..=12).contains(&v)
                            && (1..=31).contains(&d)
                            && !b.get(ye).is_some_and(u8::is_ascii_digit)
                        {
                            return Some(Cand::new(
                                s..ye,
                                cal(
                                    Year::Explicit(y as i32),
                                    Some(Sub::Month(v as u32)),
                                    Some(d as u32),
                                    None,
                                ),
                            ));
                        }
                    }
                }
            }
        }
        // 17 January 2018, the 4th of July
        let mut j = e;
        for suf in ["st", "nd", "rd", "th"] {
            if t.get(j..j + 2).is_some_and(|x| x.eq_ignore_ascii_case(suf)) {
                j += 2;
                break;
            }
        }
        let (ms, mw) = next_word(t, j)?;
        let (ms, mw) = if mw.eq_ignore_ascii_case("of") {
            next_word(t, ms + 2)?
        } else {
            (ms, mw)
        };
        if ms == j || ms - j > 4 {
            return None;
        }
        let m = month_of(mw)?;
        return month(t, ms, ms + mw.len(), m, floor);
    }
    if n == 4 && (1900..=2100).contains(&v) {
        // 2019 Q1, 2018Q4, 2019 H2, 2019-H2
        let mut j = e;
        if matches!(b.get(j), Some(b' ' | b'-')) {
            j += 1;
        }
        if matches!(b.get(j), Some(b'Q' | b'q' | b'H' | b'h'))
            && b.get(j + 1).is_some_and(|c| (b'1'..=b'4').contains(c))
            && !b.get(j + 2).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            let k = (b[j + 1] - b'0') as u32;
            let sub = if b[j].eq_ignore_ascii_case(&b'q') {
                Sub::Quarter(k)
            } else if k <= 2 {
                Sub::Half(k)
            } else {
                return None;
            };
            return Some(Cand::new(
                s..j + 2,
                cal(Year::Explicit(v as i32), Some(sub), None, None),
            ));
        }
        if b.get(e)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'%' || *c >= 0x80)
            || (matches!(b.get(e), Some(b'.' | b','))
                && b.get(e + 1).is_some_and(u8::is_ascii_digit))
            || b.get(s.wrapping_sub(1))
                .is_some_and(|c| matches!(c, b'$' | b'#' | b'/'))
            || (s > 0
                && b[s - 1] == b'-'
                && !(s >= 4 && b[s - 4..s - 1].eq_ignore_ascii_case(b"mid")))
        {
            return None;
        }
        let (ms, modifier, edge) = left_mods(t, s, floor);
        let ok = modifier.is_some()
            || prev_word(t, s, floor).is_some_and(|(_, w)| {
                is_word(
                    w,
                    &[
                        "in", "since", "by", "until", "till", "before", "after", "from", "to",
                        "through", "during", "of", "year", "fiscal", "around", "circa", "between",
                        "and", "than", "spring", "summer", "autumn", "fall", "winter", "for", "FY",
                    ],
                )
            });
        // a year closing a phrase: "Ramadan 2018", "the Olympics 2008."
        let closes = match b.get(e) {
            None => true,
            Some(b'.' | b',' | b';' | b')' | b'\n' | b'\r' | b'!' | b'?') => {
                !b.get(e + 1).is_some_and(u8::is_ascii_digit)
            }
            _ => false,
        };
        // ... but not after an acronym or a currency (Pay ABC 2000, USD 2000)
        let after_word = s >= 2
            && b[s - 1] == b' '
            && b[s - 2].is_ascii_alphabetic()
            && prev_word(t, s, floor).is_some_and(|(_, w)| {
                !w.bytes().all(|c| c.is_ascii_uppercase())
                    && !is_word(
                        w,
                        &[
                            "yuan", "dollars", "euros", "pounds", "yen", "won", "rupees", "pay",
                            "paid", "cost", "costs", "price", "number", "no", "version", "model",
                            "page", "room", "route", "flight",
                        ],
                    )
            });
        if !(ok || (closes && after_word)) {
            return None;
        }
        let sub = match (edge, modifier) {
            (true, Some("END")) => Some(Sub::Month(12)),
            (true, Some("START")) => Some(Sub::Month(1)),
            _ => None,
        };
        return Some(Cand::new(
            ms..e,
            cal(Year::Explicit(v as i32), sub, None, modifier),
        ));
    }
    let _ = lit(t, s, "");
    None
}
