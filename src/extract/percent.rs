//! Percents: 592%, 百分之三十, 30 percent, 54 per cent, 三成.
//!
//! One pass over the numbers of the folded text. Multipliers (增长600倍) and
//! percentage points (3个百分点) are not percents.

use super::classes::{Classes, PERCENT};
use super::money::{qualifier_after, qualifier_before};
use super::numbers::{self, NumKind, Number};
use super::{Entity, Folded, Kind, PercentValue, Qualifier, Value};
use std::ops::Range;

/// The signs a percent is found by. Numbers are read around each sign, so
/// the text is not walked number by number. Where two start at one place,
/// the first listed wins.
const SIGNS: [&str; 11] = [
    "%",
    "百分之",
    "成",
    "per cent",
    "per-cent",
    "percent",
    "pct",
    "Per cent",
    "Percent",
    "PER CENT",
    "PERCENT",
];

/// The index of 成 in [`SIGNS`]: 三成 is 30%.
const TENTHS: usize = 2;

/// The first characters of the signs, for [`Classes`].
pub(crate) fn sign_first_chars() -> impl Iterator<Item = char> {
    SIGNS.iter().filter_map(|w| w.chars().next())
}

/// The signs in `text` as `(start, end, index in SIGNS)`, leftmost first and
/// never overlapping, tried only where `classes` marks a sign's start.
fn signs<'a>(
    text: &'a str,
    classes: &'a Classes,
) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
    let b = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        while let Some(at) = classes.next(pos, b.len(), PERCENT) {
            if let Some(k) = SIGNS.iter().position(|w| b[at..].starts_with(w.as_bytes())) {
                pos = at + SIGNS[k].len();
                return Some((at, pos, k));
            }
            pos = at + 1;
        }
        None
    })
}

/// Appends every percent entity in `folded` to `out`.
pub fn find(folded: &Folded, out: &mut Vec<Entity>) {
    let text: &str = &folded.text;
    let mut found: Vec<(Range<usize>, f64, bool)> = Vec::new();
    let mut last_end = 0;
    for (start, end, sign) in signs(text, &folded.classes) {
        if start < last_end {
            continue;
        }
        let Some((n, range)) = percent_at(text, sign, start, end) else {
            continue;
        };
        if range.start < last_end {
            continue;
        }
        // The first number of a range takes the sign of the second: 3至5%, 20-30%.
        if let Some(first) = range_partner(text, &n, last_end) {
            found.push((first.start..first.end, first.value, first.approx));
        }
        last_end = range.end;
        found.push((
            range,
            n.value * if sign == TENTHS { 10.0 } else { 1.0 },
            n.approx,
        ));
    }
    for (r, v, approx) in found {
        let qualifier: Option<Qualifier> = qualifier_before(text, r.start)
            .or_else(|| qualifier_after(text, r.end))
            .or(approx.then_some(Qualifier::About));
        let mut e = Entity::new(
            folded.source,
            Kind::Percent,
            folded.orig_range(r),
            Some(Value::Percent(PercentValue { percent: tidy(v) })),
        );
        e.qualifier = qualifier;
        out.push(e);
    }
}

fn tidy(x: f64) -> f64 {
    (x * 1e8).round() / 1e8
}

/// Not glued to letters (IDs, `v2%`).
fn plain(text: &str, start: usize) -> bool {
    start == 0 || {
        let p = text.as_bytes()[start - 1];
        !(p.is_ascii_alphabetic() || p == b'_')
    }
}

/// The number before a sign that ends at `at` (one space allowed before `%`
/// and required before the words).
fn number_before(text: &str, at: usize, word: bool) -> Option<Number> {
    let spaced = at > 0 && text.as_bytes()[at - 1] == b' ';
    if word && !spaced {
        return None;
    }
    let end = if spaced { at - 1 } else { at };
    numbers::ending_at(text, end).filter(|n| plain(text, n.start))
}

/// The percent around sign `pattern` found at `s..e`: its number and the
/// folded range of the whole span.
fn percent_at(text: &str, pattern: usize, s: usize, e: usize) -> Option<(Number, Range<usize>)> {
    match pattern {
        // 30%, 三十%
        0 => {
            let n = number_before(text, s, false)?;
            Some((n, n.start..e))
        }
        // 百分之三十, 百分之3.5
        1 => {
            let n = numbers::scan(text, e)?;
            Some((n, s..n.end))
        }
        // 三成 = 30%: a Chinese numeral from one to ten right before 成, and
        // 成 ending the word (一成不变, 八成新, 八成是 are not percents).
        TENTHS => {
            let n = numbers::ending_at(text, s)?;
            if n.kind != NumKind::Chinese || n.fraction || !(1.0..=10.0).contains(&n.value) {
                return None;
            }
            let ok = match text[e..].chars().next() {
                None => true,
                Some(c) => !super::script::is_han(c) || in_set!("的以左多至到和与或", c),
            };
            ok.then_some((n, n.start..e))
        }
        // 30 percent, 54 per cent, 5 pct
        _ => {
            if text
                .as_bytes()
                .get(e)
                .is_some_and(u8::is_ascii_alphanumeric)
                || (s > 0 && text.as_bytes()[s - 1].is_ascii_alphanumeric())
            {
                return None;
            }
            let n = number_before(text, s, true)?;
            Some((n, n.start..e))
        }
    }
}

/// `3` in 3至5%: a bare number joined to the percent's number by a range word.
fn range_partner(text: &str, n: &Number, floor: usize) -> Option<Number> {
    let head = &text[floor..n.start];
    let trimmed = head.trim_end();
    for gap in ["至", "到", "-", "–", "—", "~", "～", "to", "and"] {
        if let Some(h) = trimmed.strip_suffix(gap) {
            if gap.as_bytes()[0].is_ascii_alphabetic() && !head.ends_with(' ') {
                continue;
            }
            let h = h.trim_end();
            let first = numbers::ending_at(text, floor + h.len())?;
            if first.start < floor || !plain(text, first.start) || h.ends_with("百分之") {
                return None;
            }
            if text[..first.start].ends_with("百分之") {
                return None;
            }
            return Some(first);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn percents(s: &str) -> Vec<(String, f64, Option<Qualifier>)> {
        let f = Folded::new(s);
        let mut out = Vec::new();
        find(&f, &mut out);
        out.into_iter()
            .map(|e| match e.value {
                Some(Value::Percent(p)) => (e.text.to_string(), p.percent, e.qualifier),
                _ => panic!("percent without a value"),
            })
            .collect()
    }

    fn one(s: &str) -> (String, f64, Option<Qualifier>) {
        let p = percents(s);
        assert_eq!(p.len(), 1, "{s}: {p:?}");
        p.into_iter().next().unwrap()
    }

    #[test]
    fn signs_and_words() {
        assert_eq!(one("为目标金额的592%。"), ("592%".into(), 592.0, None));
        assert_eq!(one("同比增长1150%。").1, 1150.0);
        assert_eq!(one("增长３０％").0, "３０％");
        assert_eq!(one("百分之三十的企业"), ("百分之三十".into(), 30.0, None));
        assert_eq!(one("百分之3.5").1, 3.5);
        assert_eq!(one("rose 30 percent").0, "30 percent");
        assert_eq!(one("rose 54 per cent last year").1, 54.0);
        assert_eq!(one("sank 27 % in the quarter").1, 27.0);
        assert_eq!(one("增长三成。").1, 30.0);
        assert_eq!(one("超过三成的企业").2, Some(Qualifier::MoreThan));
        assert_eq!(one("rose 5.5%").1, 5.5);
    }

    #[test]
    fn qualifiers() {
        assert_eq!(one("增長超過30%").2, Some(Qualifier::MoreThan));
        assert_eq!(one("增长近30%").2, Some(Qualifier::About));
        assert_eq!(one("增长30%以上").2, Some(Qualifier::AtLeast));
        assert_eq!(
            one("rose more than 30 percent").2,
            Some(Qualifier::MoreThan)
        );
        assert_eq!(one("about 30%").2, Some(Qualifier::About));
    }

    #[test]
    fn ranges() {
        let p = percents("增长3至5%");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].0, "3");
        assert_eq!(p[1].0, "5%");
        assert_eq!(percents("20%-30%").len(), 2);
    }

    #[test]
    fn must_not_fire() {
        for s in [
            "霸王蟹销量同比增长600倍",
            "提高3个百分点",
            "一成不变",
            "完成任务",
            "200亿元",
            "八成新的二手车",
            "这八成是假的",
            "版本v2%",
        ] {
            assert!(percents(s).is_empty(), "{s}: {:?}", percents(s));
        }
    }
}
