//! Re-attaching a decision to the current text: every occurrence of the
//! decided text is a candidate; the one whose surroundings best match the
//! stored context wins, and the old offset breaks ties.

use super::Decision;
use crate::offsets::{OffsetIndex, Unit};
use std::ops::Range;

/// The byte range the decision now applies to, or `None` when its text is
/// gone from the article.
pub fn locate(text: &str, index: &OffsetIndex, d: &Decision) -> Option<Range<usize>> {
    if d.text.is_empty() {
        return None;
    }
    let mut best: Option<(usize, usize, Range<usize>)> = None; // (score, distance, range)
    for (start, _) in text.match_indices(d.text.as_str()) {
        let end = start + d.text.len();
        let score =
            common_suffix(&text[..start], &d.before) + common_prefix(&text[end..], &d.after);
        let cp = index.from_byte(start, Unit::CodePoint);
        let distance = cp.abs_diff(d.start);
        let better = match &best {
            None => true,
            Some((s, dist, _)) => score > *s || (score == *s && distance < *dist),
        };
        if better {
            best = Some((score, distance, start..end));
        }
    }
    best.map(|(_, _, r)| r)
}

/// How many characters at the end of `a` equal the end of `b`.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many characters at the start of `a` equal the start of `b`.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::super::{decision_for, Action};
    use super::*;
    use crate::extract::Kind;

    #[test]
    fn the_occurrence_with_matching_context_wins() {
        let text = "甲公司收入5亿元，乙公司收入5亿元。";
        let second = text.rfind("5亿元").unwrap();
        let d = decision_for(
            text,
            second..second + "5亿元".len(),
            Action::Reject,
            Kind::Money,
            1,
        );
        // Insert text before both: offsets shift, context still picks the second.
        let edited = format!("今年，{text}");
        let idx = OffsetIndex::new(&edited);
        let r = locate(&edited, &idx, &d).unwrap();
        assert_eq!(r.start, edited.rfind("5亿元").unwrap());
    }

    #[test]
    fn missing_text_is_none() {
        let text = "收入5亿元";
        let s = text.find("5亿元").unwrap();
        let d = decision_for(text, s..text.len(), Action::Accept, Kind::Money, 1);
        let edited = "收入6亿元";
        assert!(locate(edited, &OffsetIndex::new(edited), &d).is_none());
    }
}
