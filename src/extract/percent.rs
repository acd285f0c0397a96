//! Percents: 592%, 百分之三十, 30 percent, 54 per cent, 三成.
//!
//! One pass over the numbers of the folded text. Multipliers (增长600倍) and
//! percentage points (3个百分点) are not percents.

use super::money::{qualifier_after, qualifier_before};
use super::numbers::{self, NumKind, Number};
use super::{Entity, Folded, Kind, PercentValue, Qualifier, Value};
use std::ops::Range;

/// Appends every percent entity in `folded` to `out`.
pub fn find(folded: &Folded, out: &mut Vec<Entity>) {
    let text = folded.text.as_str();
    let nums: Vec<Number> = numbers::iter(text).collect();
    let mut found: Vec<(Range<usize>, f64, bool)> = Vec::with_capacity(nums.len() / 8);
    for (k, n) in nums.iter().enumerate() {
        if let Some((r, v)) = percent_at(text, n) {
            found.push((r, v, n.approx));
            continue;
        }
        // The first number of a range takes the sign of the second: 3至5%, 20-30%.
        if let Some(b) = nums.get(k + 1) {
            let gap = text[n.end..b.start].trim();
            if matches!(
                gap,
                "至" | "到" | "-" | "–" | "—" | "~" | "～" | "to" | "and"
            ) && ends_with_sign(text, b.end)
                && plain(text, n)
                && !has_sign_before(text, n.start)
            {
                found.push((n.start..n.end, n.value, n.approx));
            }
        }
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

/// Not glued to letters (IDs) and not in a dotted code.
fn plain(text: &str, n: &Number) -> bool {
    n.start == 0 || {
        let p = text.as_bytes()[n.start - 1];
        !(p.is_ascii_alphabetic() || p == b'_')
    }
}

/// A `百分之` right before `start`: the first number of 百分之三十至四十 is its own span.
fn has_sign_before(text: &str, start: usize) -> bool {
    text[..start].ends_with("百分之")
}

/// Whether a percent sign or word follows `end` (the second number of a range).
fn ends_with_sign(text: &str, end: usize) -> bool {
    sign_after(text, end).is_some()
}

/// The end of a `%`, `percent`, `per cent`, `pct` right after `end`.
fn sign_after(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let (sp, r) = match rest.strip_prefix(' ') {
        Some(r) => (1, r),
        None => (0, rest),
    };
    if r.starts_with('%') {
        return Some(end + sp + 1);
    }
    for w in ["percent", "per cent", "pct", "per-cent"] {
        let b = r.as_bytes();
        if sp == 1
            && b.len() >= w.len()
            && b[..w.len()].eq_ignore_ascii_case(w.as_bytes())
            && !b.get(w.len()).is_some_and(u8::is_ascii_alphanumeric)
        {
            return Some(end + 1 + w.len());
        }
    }
    None
}

/// The percent that number `n` is part of: its folded range and value.
fn percent_at(text: &str, n: &Number) -> Option<(Range<usize>, f64)> {
    if !plain(text, n) {
        return None;
    }
    if let Some(e) = sign_after(text, n.end) {
        // 3个百分点 is not here (no sign); 0.5‰ is not a percent.
        return Some((n.start..e, n.value));
    }
    // 百分之三十, 百分之30
    if let Some(head) = text[..n.start].strip_suffix("百分之") {
        return Some((head.len()..n.end, n.value));
    }
    // 三成 = 30%: a Chinese numeral from one to ten right before 成, and 成
    // ending the word (一成不变, 八成新 are not percents).
    if n.kind == NumKind::Chinese && !n.fraction && (1.0..=10.0).contains(&n.value) {
        let rest = &text[n.end..];
        if let Some(after) = rest.strip_prefix('成') {
            let ok = match after.chars().next() {
                None => true,
                Some(c) => !super::script::is_han(c) || "的以左多至到和与或是".contains(c),
            };
            if ok {
                return Some((n.start..n.end + '成'.len_utf8(), n.value * 10.0));
            }
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
                Some(Value::Percent(p)) => (e.text, p.percent, e.qualifier),
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
            "版本v2%",
        ] {
            assert!(percents(s).is_empty(), "{s}: {:?}", percents(s));
        }
    }
}
