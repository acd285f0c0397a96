//! Turns what an expression says (`Sem`) into a TIMEX3 value, using the
//! article date and what the text said before it.

use super::cal::{add_days, add_months, days_from_civil, iso_week, weekday};
use super::{dv, Cand, Rule, Sem, Sub, Tod, Year};
use crate::extract::classes::{Classes, BREAK};
use crate::extract::{DateType, DateValue, Dct};
use compact_str::CompactString;
use std::fmt::Write;

/// What the text has established so far.
struct Ctx<'a> {
    text: &'a str,
    dct: Option<&'a Dct>,
    para: usize,
    /// Explicit years seen: (year, paragraph, byte offset).
    years: Vec<(i32, usize, usize)>,
    /// Explicit years that set the story's timeline, (year, paragraph): a
    /// year with its month or quarter (2015年9月16日, Q3 2021) or a year that
    /// opens a clause (2015年，..., In 2015, ...). A year in passing ("down
    /// from 2023", 超过2024年的总和) does not date the months that follow.
    frame_years: Vec<(i32, usize)>,
    /// The last full date mentioned (or resolved) and its paragraph.
    last_date: Option<((i32, u32, u32), usize)>,
    /// The last part of a year mentioned (a quarter, half or month), for
    /// 去年同期.
    last_period: Option<(i32, Sub)>,
    /// The open quotation mark: (byte offset, paragraph).
    quote: Option<(usize, usize)>,
}

impl Ctx<'_> {
    fn para_year(&self) -> Option<i32> {
        self.years
            .last()
            .filter(|(_, p, _)| *p == self.para)
            .map(|(y, _, _)| *y)
    }

    fn last_year(&self) -> Option<i32> {
        self.years.last().map(|(y, _, _)| *y)
    }

    /// Inside quoted speech that follows a mention of an earlier year, the
    /// speech's own year anchors its "today" and "this year".
    fn speech_year(&self) -> Option<i32> {
        let (q, qp) = self.quote?;
        let (y, p, _) = *self.years.iter().rev().find(|(_, _, pos)| *pos < q)?;
        if p + 1 < qp {
            return None;
        }
        match self.dct {
            Some(d) if d.year <= y => None,
            _ => Some(y),
        }
    }

    fn dct_day(&self) -> Option<(i32, u32, u32)> {
        let d = self.dct?;
        Some((d.year, d.month?, d.day?))
    }

    fn year(&self, y: Year, month: Option<u32>) -> Option<i32> {
        match y {
            Year::Explicit(v) => Some(v),
            Year::Deictic(k) => Some(self.speech_year().or(self.dct.map(|d| d.year))? + k),
            Year::Context(0) => Some(self.last_year().or(self.dct.map(|d| d.year))?),
            Year::Context(k) => Some(self.para_year().or(self.dct.map(|d| d.year))? + k),
            Year::Unknown => {
                // A later year than the article's own is a plan or forecast
                // ("output starts in early 2019"), not the story's timeline.
                if let Some(y) = self
                    .frame_years
                    .last()
                    .filter(|(y, p)| *p == self.para && self.dct.is_none_or(|d| *y <= d.year))
                    .map(|(y, _)| *y)
                {
                    return Some(y);
                }
                let d = self.dct?;
                match (month, d.month) {
                    // a month far after the article date is last year's
                    (Some(m), Some(dm)) if m > dm + 6 => Some(d.year - 1),
                    _ => Some(d.year),
                }
            }
        }
    }
}

/// A year after "since" or 自/从 is where a span of time starts ("backed by
/// Berkshire since 2008"), not the year the story is told in, so year-less
/// dates after it do not take it.
fn starts_a_span(t: &str, start: usize) -> bool {
    let before = t[..start].trim_end_matches(' ');
    let word_since = before.len() >= 5
        && before.as_bytes()[before.len() - 5..].eq_ignore_ascii_case(b"since")
        && !before[..before.len() - 5].ends_with(|c: char| c.is_ascii_alphanumeric());
    word_since || before.ends_with('自') || before.ends_with('从')
}

/// The expression at `start` opens a paragraph or clause, alone or after
/// "In"/在 ("2015年，公司...", "In 2015, the company ...").
fn opens_clause(t: &str, start: usize) -> bool {
    let mut before = t[..start].trim_end_matches(' ');
    for word in ["In", "in", "在", "于"] {
        if let Some(rest) = before.strip_suffix(word) {
            if !rest.ends_with(|c: char| c.is_ascii_alphanumeric()) {
                before = rest.trim_end_matches(' ');
                break;
            }
        }
    }
    before.is_empty()
        || before.ends_with([
            '\n', '。', '，', ',', '；', ';', '：', ':', '.', '“', '"', '（', '(',
        ])
}

/// Appends `v` zero-padded to `width` digits, as `{v:0width$}` would; the
/// hot TIMEX pieces (years, months, days, clock times) skip the formatter.
fn push_padded(s: &mut CompactString, v: i64, width: usize) {
    if !(0..10_000).contains(&v) || width > 4 {
        let _ = write!(s, "{v:0width$}");
        return;
    }
    let digits = [
        b'0' + (v / 1000) as u8,
        b'0' + (v / 100 % 10) as u8,
        b'0' + (v / 10 % 10) as u8,
        b'0' + (v % 10) as u8,
    ];
    let first_nonzero = digits.iter().position(|&d| d != b'0').unwrap_or(3);
    let from = first_nonzero.min(4 - width.min(4));
    for &d in &digits[from..] {
        s.push(d as char);
    }
}

fn ystr(y: Option<i32>) -> CompactString {
    let mut s = CompactString::default();
    match y {
        Some(y) => push_padded(&mut s, y.into(), 4),
        None => s.push_str("XXXX"),
    }
    s
}

fn push_tod(s: &mut CompactString, tod: Tod) {
    match tod {
        Tod::Part(p) => {
            s.push('T');
            s.push_str(p);
        }
        Tod::Clock(h, m, x) => {
            s.push('T');
            push_padded(s, h.into(), 2);
            s.push(':');
            push_padded(s, m.into(), 2);
            if let Some(x) = x {
                s.push(':');
                push_padded(s, x.into(), 2);
            }
        }
    }
}

fn tod_str(tod: Tod) -> CompactString {
    let mut s = CompactString::default();
    push_tod(&mut s, tod);
    s
}

fn day_value(d: (i32, u32, u32), tod: Option<Tod>) -> DateValue {
    // Inline: a day with a clock time is at most 19 bytes.
    let mut timex = CompactString::default();
    push_padded(&mut timex, d.0.into(), 4);
    timex.push('-');
    push_padded(&mut timex, d.1.into(), 2);
    timex.push('-');
    push_padded(&mut timex, d.2.into(), 2);
    match tod {
        Some(t) => {
            push_tod(&mut timex, t);
            dv(DateType::Time, timex, None)
        }
        None => dv(DateType::Date, timex, None),
    }
}

/// The day a moving holiday falls on in year `y`.
fn holiday(rule: Rule, y: i32) -> Option<(i32, u32, u32)> {
    Some(match rule {
        Rule::Lunar(k) => {
            // The Spring Festival (1st day of the 1st lunar month), 2010-2035.
            const CNY: &[(u32, u32)] = &[
                (2, 14),
                (2, 3),
                (1, 23),
                (2, 10),
                (1, 31),
                (2, 19),
                (2, 8),
                (1, 28),
                (2, 16),
                (2, 5),
                (1, 25),
                (2, 12),
                (2, 1),
                (1, 22),
                (2, 10),
                (1, 29),
                (2, 17),
                (2, 6),
                (1, 26),
                (2, 13),
                (2, 3),
                (1, 23),
                (2, 11),
                (1, 31),
                (2, 19),
                (2, 8),
            ];
            let (m, d) = *CNY.get(usize::try_from(y - 2010).ok()?)?;
            add_days(y, m, d, k as i64)
        }
        // Lunar dates in the Gregorian calendar, 2010-2030 (published tables).
        Rule::MidAutumn => {
            const DAYS: &[(u32, u32)] = &[
                (9, 22),
                (9, 12),
                (9, 30),
                (9, 19),
                (9, 8),
                (9, 27),
                (9, 15),
                (10, 4),
                (9, 24),
                (9, 13),
                (10, 1),
                (9, 21),
                (9, 10),
                (9, 29),
                (9, 17),
                (10, 6),
                (9, 25),
                (9, 15),
                (10, 3),
                (9, 22),
                (9, 12),
            ];
            let (m, d) = *DAYS.get(usize::try_from(y - 2010).ok()?)?;
            (y, m, d)
        }
        Rule::DragonBoat => {
            const DAYS: &[(u32, u32)] = &[
                (6, 16),
                (6, 6),
                (6, 23),
                (6, 12),
                (6, 2),
                (6, 20),
                (6, 9),
                (5, 30),
                (6, 18),
                (6, 7),
                (6, 25),
                (6, 14),
                (6, 3),
                (6, 22),
                (6, 10),
                (5, 31),
                (6, 19),
                (6, 9),
                (5, 28),
                (6, 16),
                (6, 5),
            ];
            let (m, d) = *DAYS.get(usize::try_from(y - 2010).ok()?)?;
            (y, m, d)
        }
        Rule::SolarTerm { m, c1000 } => {
            // day = floor(Y * 0.2422 + C) - floor(L / 4), Y = year % 100 and
            // L = Y (Y - 1 for the January and February terms); 2000-2099.
            if !(2000..=2099).contains(&y) {
                return None;
            }
            let yy = (y % 100) as u32;
            let l = if m <= 2 { yy.saturating_sub(1) } else { yy };
            let d = (yy * 2422 + c1000 * 10) / 10000 - l / 4;
            (y, m, d)
        }
        Rule::BlackFriday => {
            let (ty, tm, td) = holiday(
                Rule::NthWeekday {
                    m: 11,
                    n: 4,
                    dow: 4,
                },
                y,
            )?;
            add_days(ty, tm, td, 1)
        }
        Rule::NthWeekday { m, n, dow } if n > 0 => {
            let first = weekday(y, m, 1);
            let d = 1 + (dow + 7 - first) % 7 + 7 * (n as u32 - 1);
            (y, m, d)
        }
        Rule::NthWeekday { m, dow, .. } => {
            let (ny, nm) = add_months(y, m, 1);
            let last = add_days(ny, nm, 1, -1);
            let wd = weekday(last.0, last.1, last.2);
            add_days(last.0, last.1, last.2, -(((wd + 7 - dow) % 7) as i64))
        }
        Rule::Easter(k) => {
            // anonymous Gregorian computus
            let a = y % 19;
            let b = y / 100;
            let c = y % 100;
            let d = b / 4;
            let e = b % 4;
            let f = (b + 8) / 25;
            let g = (b - f + 1) / 3;
            let h = (19 * a + b - d - g + 15) % 30;
            let i = c / 4;
            let kk = c % 4;
            let l = (32 + 2 * e + 2 * i - h - kk) % 7;
            let m = (a + 11 * h + 22 * l) / 451;
            let month = (h + l - 7 * m + 114) / 31;
            let day = (h + l - 7 * m + 114) % 31 + 1;
            add_days(y, month as u32, day as u32, k as i64)
        }
    })
}

/// Walks the candidates in order and values each one (None: drop it).
pub(crate) fn resolve(
    t: &str,
    classes: &Classes,
    cands: &[Cand],
    dct: Option<&Dct>,
) -> Vec<Option<DateValue>> {
    let mut ctx = Ctx {
        text: t,
        dct,
        para: 0,
        years: Vec::new(),
        frame_years: Vec::new(),
        last_period: None,
        last_date: None,
        quote: None,
    };
    let b = t.as_bytes();
    let mut cursor = 0usize;
    let mut nl = false;
    let mut out = Vec::with_capacity(cands.len());
    for c in cands {
        // paragraphs and quotes between the last candidate and this one
        let end = c.range.start;
        let mut i = cursor;
        // Line breaks and quotation marks (see `BREAKS`), as the classes
        // mark them.
        while let Some(p) = classes.next(i, end, BREAK) {
            if p > i && b[i..p].iter().any(|x| !matches!(x, b' ' | b'\r' | b'\t')) {
                nl = false;
            }
            i = p + 1;
            if b[p] == b'\n' {
                if !nl {
                    ctx.para += 1;
                    ctx.quote = None;
                }
                nl = true;
                continue;
            }
            nl = false;
            let (Some(&x1), Some(&x2)) = (b.get(p + 1), b.get(p + 2)) else {
                continue;
            };
            match (b[p], x1, x2) {
                // “ 「 『
                (0xE2, 0x80, 0x9C) | (0xE3, 0x80, 0x8C) | (0xE3, 0x80, 0x8E) => {
                    ctx.quote = Some((p, ctx.para));
                }
                // ” 」 』
                (0xE2, 0x80, 0x9D) | (0xE3, 0x80, 0x8D) | (0xE3, 0x80, 0x8F) => ctx.quote = None,
                _ => {}
            }
        }
        if i < end && b[i..end].iter().any(|x| !matches!(x, b' ' | b'\r' | b'\t')) {
            nl = false;
        }
        let _ = b;
        cursor = c.range.start;
        out.push(value(&mut ctx, c));
    }
    out
}

fn value(ctx: &mut Ctx, c: &Cand) -> Option<DateValue> {
    match &c.sem {
        Sem::Cal {
            year,
            sub,
            day,
            tod,
            modifier,
        } => {
            let month = match sub {
                Some(Sub::Month(m)) => Some(*m),
                _ => None,
            };
            // the month a period starts in decides which year a year-less one is
            let first_month = match sub {
                Some(Sub::Quarter(q)) => Some(q * 3 - 2),
                Some(Sub::Half(h)) => Some(h * 6 - 5),
                _ => month,
            };
            let mut y = ctx.year(*year, first_month);
            // A year-less day a few weeks after a late-December article date
            // is the coming one (元旦, 1月5日起施行).
            if let (Year::Unknown, Some(m), Some(d), Some((dy, dm, dd))) =
                (year, month, day, ctx.dct_day())
            {
                let ahead = days_from_civil(dy + 1, m, *d) - days_from_civil(dy, dm, dd);
                if y == Some(dy) && (1..=45).contains(&ahead) {
                    y = Some(dy + 1);
                }
            }
            let mut month = month;
            if sub.is_none() && day.is_some() {
                // a day alone (29日): the month of the last date, or of the article
                if let Some(((ly, lm, _), p)) = ctx.last_date {
                    if p == ctx.para {
                        y = Some(ly);
                        month = Some(lm);
                    }
                }
                if month.is_none() {
                    if let Some(d) = ctx.dct {
                        y = Some(d.year);
                        month = d.month;
                        // News tells what has happened: 29日晚间发布 under a
                        // dateline of the 5th is last month's 29th, unless the
                        // clause speaks of a plan (将于29日举行).
                        if let (Some(m), Some(dd), Some(day)) = (d.month, d.day, *day) {
                            if day > dd + 1 && !super::dct::planned(ctx.text, c.range.start) {
                                let (py, pm) = add_months(d.year, m, -1);
                                (y, month) = (Some(py), Some(pm));
                            }
                        }
                    }
                }
            }
            if let Year::Explicit(v) = year {
                if !starts_a_span(ctx.text, c.range.start) {
                    ctx.years.push((*v, ctx.para, c.range.start));
                    if sub.is_some() || opens_clause(ctx.text, c.range.start) {
                        ctx.frame_years.push((*v, ctx.para));
                    }
                }
            }
            if let (Some(y), Some(sub @ (Sub::Quarter(_) | Sub::Half(_) | Sub::Month(_))), None) =
                (y, sub, day)
            {
                ctx.last_period = Some((y, *sub));
            }
            let mut timex = ystr(y);
            let _ = match (sub, month) {
                (Some(Sub::Quarter(q)), _) => write!(timex, "-Q{q}"),
                (Some(Sub::Half(h)), _) => write!(timex, "-H{h}"),
                (Some(Sub::Season(s)), _) => write!(timex, "-{s}"),
                (_, Some(m)) => {
                    timex.push('-');
                    push_padded(&mut timex, m.into(), 2);
                    Ok(())
                }
                (_, None) if day.is_some() => write!(timex, "-XX"),
                _ => Ok(()),
            };
            if let Some(d) = day {
                timex.push('-');
                push_padded(&mut timex, (*d).into(), 2);
                if let (Some(y), Some(m)) = (y, month) {
                    ctx.last_date = Some(((y, m, *d), ctx.para));
                }
            }
            let kind = match tod {
                Some(t) => {
                    push_tod(&mut timex, *t);
                    DateType::Time
                }
                None => DateType::Date,
            };
            Some(dv(kind, timex, *modifier))
        }
        Sem::RelDay { offset, tod } => {
            if let Some(y) = ctx.speech_year() {
                let mut timex = format!("{y:04}-XX-XX");
                if let Some(t) = tod {
                    timex += &tod_str(*t);
                }
                return Some(dv(
                    if tod.is_some() {
                        DateType::Time
                    } else {
                        DateType::Date
                    },
                    timex,
                    None,
                ));
            }
            match ctx.dct_day() {
                Some((y, m, d)) => {
                    let day = add_days(y, m, d, *offset as i64);
                    ctx.last_date = Some((day, ctx.para));
                    Some(day_value(day, *tod))
                }
                None => {
                    let base = match offset {
                        0 => "PRESENT_REF".to_string(),
                        _ => "XXXX-XX-XX".to_string(),
                    };
                    match tod {
                        Some(t) if *offset != 0 => {
                            Some(dv(DateType::Time, base + &tod_str(*t), None))
                        }
                        _ => Some(dv(DateType::Date, base, None)),
                    }
                }
            }
        }
        Sem::RelMonth {
            offset,
            day,
            modifier,
        } => {
            let timex = match ctx.dct.and_then(|d| Some((d.year, d.month?))) {
                Some((y, m)) => {
                    let (y, m) = add_months(y, m, *offset);
                    match day {
                        Some(d) => format!("{y:04}-{m:02}-{d:02}"),
                        None => format!("{y:04}-{m:02}"),
                    }
                }
                None => "XXXX-XX".to_string(),
            };
            Some(dv(DateType::Date, timex, *modifier))
        }
        Sem::Week { offset, dow, tod } => {
            let Some((y, m, d)) = ctx.dct_day() else {
                let timex = match dow {
                    Some(0) => "XXXX-WXX-WE".to_string(),
                    Some(k) => format!("XXXX-WXX-{k}"),
                    None => "XXXX-WXX".to_string(),
                };
                return Some(dv(DateType::Date, timex, None));
            };
            let (y, m, d) = add_days(y, m, d, *offset as i64 * 7);
            match dow {
                Some(0) => {
                    let (wy, w) = iso_week(y, m, d);
                    Some(dv(DateType::Date, format!("{wy:04}-W{w:02}-WE"), None))
                }
                Some(k) => {
                    let wd = weekday(y, m, d) as i64;
                    let day = add_days(y, m, d, *k as i64 - wd);
                    ctx.last_date = Some((day, ctx.para));
                    Some(day_value(day, *tod))
                }
                None => {
                    let (wy, w) = iso_week(y, m, d);
                    Some(dv(DateType::Date, format!("{wy:04}-W{w:02}"), None))
                }
            }
        }
        Sem::Weekday { dow, tod } => {
            let Some((y, m, d)) = ctx.dct_day() else {
                let mut timex = format!("XXXX-WXX-{dow}");
                if let Some(t) = tod {
                    timex += &tod_str(*t);
                }
                return Some(dv(
                    if tod.is_some() {
                        DateType::Time
                    } else {
                        DateType::Date
                    },
                    timex,
                    None,
                ));
            };
            let wd = weekday(y, m, d) as i64;
            let mut delta = *dow as i64 - wd;
            if delta > 3 {
                delta -= 7;
            } else if delta < -3 {
                delta += 7;
            }
            let day = add_days(y, m, d, delta);
            ctx.last_date = Some((day, ctx.para));
            Some(day_value(day, *tod))
        }
        Sem::RelQuarter { offset } => {
            let timex = match ctx.dct.and_then(|d| Some((d.year, d.month?))) {
                Some((y, m)) => {
                    let (y, m) = add_months(y, m, offset * 3);
                    format!("{y:04}-Q{}", (m - 1) / 3 + 1)
                }
                None => "XXXX-QX".to_string(),
            };
            Some(dv(DateType::Date, timex, None))
        }
        Sem::SamePeriod { years } => {
            let timex = match ctx.last_period {
                Some((y, Sub::Quarter(q))) => format!("{:04}-Q{q}", y - years),
                Some((y, Sub::Half(h))) => format!("{:04}-H{h}", y - years),
                Some((y, Sub::Month(m))) => format!("{:04}-{m:02}", y - years),
                _ => format!("{:04}", ctx.dct?.year - years),
            };
            Some(dv(DateType::Date, timex, None))
        }
        Sem::SameDay => {
            let day = ctx.last_date.map(|(d, _)| d).or_else(|| ctx.dct_day())?;
            Some(day_value(day, None))
        }
        Sem::YearsFrom(k) => {
            let anchor = ctx.speech_year().or(ctx.dct.map(|d| d.year));
            match anchor {
                Some(y) => Some(dv(DateType::Date, format!("{:04}", y + k), None)),
                None => Some(dv(
                    DateType::Date,
                    if *k > 0 { "FUTURE_REF" } else { "PAST_REF" },
                    None,
                )),
            }
        }
        Sem::TimeOnly(tod) => {
            let day = match ctx.last_date {
                Some((d, p)) if p == ctx.para => Some(d),
                _ => ctx.dct_day(),
            };
            match day {
                Some(d) => Some(day_value(d, Some(*tod))),
                None => Some(dv(
                    DateType::Time,
                    format!("XXXX-XX-XX{}", tod_str(*tod)),
                    None,
                )),
            }
        }
        Sem::Duration { timex, modifier } => Some(dv(DateType::Duration, timex.clone(), *modifier)),
        Sem::Set(s) => Some(dv(DateType::Set, s.clone(), None)),
        Sem::Timex(s) => Some(dv(DateType::Date, s.clone(), None)),
        Sem::Holiday { rule, year } => {
            let day = match (year, ctx.dct_day()) {
                // A holiday with no year is the occurrence nearest the article
                // date: 元旦 and 春节 in a December article are the coming ones.
                (Year::Unknown, Some((dy, dm, dd)))
                    if ctx.frame_years.last().is_none_or(|(_, p)| *p != ctx.para) =>
                {
                    let at = days_from_civil(dy, dm, dd);
                    (dy - 1..=dy + 1)
                        .filter_map(|y| holiday(*rule, y))
                        .min_by_key(|&(y, m, d)| (days_from_civil(y, m, d) - at).abs())
                }
                _ => ctx.year(*year, None).and_then(|y| holiday(*rule, y)),
            };
            match day {
                Some(day) => Some(day_value(day, None)),
                None => Some(dv(DateType::Date, "XXXX-XX-XX", None)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::push_padded;

    #[test]
    fn padded_numbers_match_the_formatter() {
        for v in [
            -12345, -5, 0, 1, 9, 10, 42, 99, 100, 999, 1000, 2018, 9999, 10000, 123456,
        ] {
            for width in [1, 2, 4, 6] {
                let mut s = compact_str::CompactString::from("x");
                push_padded(&mut s, v, width);
                assert_eq!(s, format!("x{v:0width$}"), "{v} {width}");
            }
        }
    }
}
