//! English date expressions. Spans include the determiner (the first
//! quarter, last year) and leave prepositions out, except `in`/`over` before
//! "the next/past N years".

use super::num::{en_ordinal, en_word_number, read_digits};
use super::zh::colon_clock;
use super::{lit, Cand, Sem, Sub, Tod, Year};

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

fn month_of(w: &str) -> Option<u32> {
    let l = w.to_ascii_lowercase();
    if let Some(i) = MONTHS.iter().position(|m| *m == l) {
        return Some(i as u32 + 1);
    }
    if l == "sept" {
        return Some(9);
    }
    if l.len() == 3 {
        return MONTHS
            .iter()
            .position(|m| m.starts_with(&l))
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
    let l = w.to_ascii_lowercase();
    DAYS.iter().position(|d| *d == l).map(|i| i as u32 + 1)
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
        if s >= 4 && t[..s].to_ascii_lowercase().ends_with("mid-") && s - 4 >= floor {
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

/// A time of day after a day: morning, afternoon, evening, night.
fn part_after(t: &str, i: usize) -> Option<(usize, Tod)> {
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
    if !is_word(w, &["ended", "ending", "ends", "to"]) {
        return None;
    }
    let (ms, mw) = next_word(t, ws + w.len())?;
    let m = month_of(mw)?;
    let mut x = ms + mw.len();
    if t.as_bytes().get(x) == Some(&b'.') {
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
    let lw = w.to_ascii_lowercase();
    let b = t.as_bytes();
    if let Some(m) = month_of(&lw) {
        return month(t, s, e, m, floor);
    }
    if let Some(d) = weekday_of(&lw) {
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
            return Some(Cand::new(
                st..e,
                Sem::Week {
                    offset: o,
                    dow: Some(d),
                },
            ));
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
    match lw.as_str() {
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
        "christmas" => {
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
    if b.get(e) == Some(&b'-') || (s > 0 && b[s - 1] == b'-') {
        return None;
    }
    unit(t, s, e, &lw, floor)
}

/// Month name at `s..e`: dates, months, months with a year.
fn month(t: &str, s: usize, e: usize, m: u32, floor: usize) -> Option<Cand> {
    let b = t.as_bytes();
    let capital = b[s].is_ascii_uppercase();
    let abbr = e - s <= 4 && e - s != 3 || (e - s == 3 && !matches!(m, 5));
    let mut x = e;
    if abbr && b.get(x) == Some(&b'.') {
        x += 1;
    }
    let mut day = None;
    let mut year = Year::Unknown;
    let mut end = e;
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
            if let Some(d) = en_ordinal(dw).or_else(|| dw.parse::<u32>().ok()) {
                if (1..=31).contains(&d) && dw.as_bytes()[0].is_ascii_digit() {
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
        if (m == 5 || e - s == 3) && !prep {
            return None;
        }
        if e - s <= 4 && !prep {
            return None;
        }
        end = if abbr && b.get(e) == Some(&b'.') {
            e + 1
        } else {
            e
        };
    } else if !capital && day.is_none() {
        return None;
    }
    // the quarter ended June 30 / the three months ended March 31
    if let Some((ws, w)) = prev_word(t, start, floor) {
        if is_word(w, &["ended", "ending"]) {
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
            },
        ));
    }
    // the quarter ended June 30
    if code == "Q" && !plural && pl == "the" {
        let (x, sem) = period_ended(t, e, 3)?;
        return Some(Cand::new(ps..x, sem));
    }
    // last year, this month, next week, the past decade
    let rel = match pl.as_str() {
        "last" => Some(-1),
        "this" | "current" => Some(0),
        "next" | "coming" => Some(1),
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
            },
            "Q" => Sem::RelQuarter { offset: k },
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
    if i == 0 || !t[i..].to_ascii_lowercase().starts_with("the ") {
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
        _ => return None,
    };
    Some(Sem::Duration {
        timex,
        modifier: None,
    })
}

/// An English expression that starts with a digit: 3 p.m., 17 January 2018,
/// 1/17/2018, a year after a preposition (in 2003, early 2019).
pub(crate) fn at_digit(t: &str, s: usize, floor: usize) -> Option<Cand> {
    let b = t.as_bytes();
    let (v, e, n) = read_digits(b, s)?;
    // clock with am/pm
    if n <= 2 {
        let (ce, h, m) = match colon_clock(t, s) {
            Some((ce, h, m, None)) => (ce, h, m),
            _ => (e, v as u32, 0),
        };
        let mut j = ce;
        if b.get(j) == Some(&b' ') {
            j += 1;
        }
        let rest = t[j..].to_ascii_lowercase();
        for (suf, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
            if rest.starts_with(suf)
                && !rest[suf.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
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
                    Sem::TimeOnly(Tod::Clock(h, m, None)),
                ));
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
        if b.get(e)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'%' || *c >= 0x80)
            || (matches!(b.get(e), Some(b'.' | b','))
                && b.get(e + 1).is_some_and(u8::is_ascii_digit))
            || b.get(s.wrapping_sub(1))
                .is_some_and(|c| matches!(c, b'$' | b'#' | b'-' | b'/'))
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
        if !ok {
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
