//! A cheap test of where a company pattern can start, so the automaton runs
//! only there.
//!
//! The gazetteer has thousands of names; run unanchored over Chinese text,
//! its automaton walks three bytes per character through a table far larger
//! than the cache, and that walk was a quarter of the engine's time. Almost
//! no position starts a name, though. The text's classes (see `classes`)
//! mark the characters some pattern starts with, Latin letters only at a
//! word start; at each mark the opening bytes (two Chinese characters, two
//! ASCII letters) are looked up in a small bit set of pattern openings
//! (patterns shorter than that in another), and only the few that pass get
//! an anchored search. Leftmost-longest over the whole text is the same as
//! "at the first position where some pattern starts, the longest one that
//! starts there, then go on after it", which is what `find_iter` does here.

use crate::extract::classes::{Classes, COMPANY};
use crate::extract::openings::Openings;
use crate::extract::script::utf8_len;
use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, Match, MatchKind};

/// Bits in the set of pattern openings (8 KiB). A quarter of the L1 cache:
/// 32 KiB had a few percent fewer false hits but missed the cache more
/// (cachegrind: 5% more L1 read misses over a whole analysis).
const OPENING_BITS: u32 = 16;

pub(crate) struct Starts {
    /// The patterns' openings, tested before the automaton runs.
    openings: Openings,
    /// The patterns, leftmost-longest, walked from `start` one byte at a
    /// time: an anchored search through the `AhoCorasick` API spent most of
    /// its few hundred instructions on setting up.
    nfa: NFA,
    start: StateID,
}

/// Whether a byte right before a letter puts it inside a word: letters,
/// digits and the marks of addresses, paths, handles and tags (jd.com,
/// @Alibaba, #BYD), after which a Latin name would fail the scan's
/// boundary check.
static JOINS: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || matches!(b, b'_' | b'@' | b'.' | b'/' | b'#' | b'\\');
        i += 1;
    }
    t
};

impl Starts {
    /// The patterns' index in `patterns` is their ID.
    pub(crate) fn new<'p, P>(patterns: P) -> Self
    where
        P: IntoIterator<Item = &'p str> + Clone,
    {
        let nfa = NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(patterns.clone())
            .expect("company patterns compile");
        let start = nfa
            .start_state(Anchored::Yes)
            .expect("an NFA has an anchored start");
        Starts {
            openings: Openings::new(patterns.into_iter().map(str::as_bytes), OPENING_BITS, false),
            nfa,
            start,
        }
    }

    /// The first char boundary at or after `from` where a pattern may
    /// start, and where to look on from when none starts there. Only
    /// characters `classes` marks (a pattern's first character; a Latin
    /// letter only at the start of a word) are tested.
    #[inline]
    fn next_candidate(&self, b: &[u8], classes: &Classes, from: usize) -> Option<(usize, usize)> {
        let mut i = from;
        while let Some(at) = classes.next(i, b.len(), COMPANY) {
            i = at + utf8_len(b[at]);
            // After a letter, digit or the mark of an address or handle, a
            // Latin name would fail the scan's boundary check.
            if b[at].is_ascii_alphabetic() && at > 0 && JOINS[usize::from(b[at - 1])] {
                continue;
            }
            if self.openings.may_start(b, at) {
                return Some((at, i));
            }
        }
        None
    }

    /// The longest pattern that starts at byte `at` of `b`.
    #[inline]
    pub(crate) fn longest_at(&self, b: &[u8], at: usize) -> Option<Match> {
        let nfa = &self.nfa;
        let mut sid = self.start;
        let mut best = None;
        for (j, &byte) in b.iter().enumerate().skip(at) {
            sid = nfa.next_state(Anchored::Yes, sid, byte);
            if nfa.is_special(sid) {
                if nfa.is_dead(sid) {
                    break;
                }
                if nfa.is_match(sid) {
                    best = Some(Match::new(nfa.match_pattern(sid, 0), at..j + 1));
                }
            }
        }
        best
    }

    /// The pattern that is all of `s`, if one is.
    pub(crate) fn exact(&self, s: &str) -> Option<usize> {
        self.longest_at(s.as_bytes(), 0)
            .filter(|m| m.end() == s.len())
            .map(|m| m.pattern().as_usize())
    }

    /// The leftmost-longest pattern match that starts at or after `from`
    /// in `hay`, whose `classes` mark the patterns' first characters.
    pub(crate) fn find_at(&self, hay: &str, classes: &Classes, from: usize) -> Option<Match> {
        let b = hay.as_bytes();
        let mut i = from;
        while let Some((at, next)) = self.next_candidate(b, classes, i) {
            if let Some(m) = self.longest_at(b, at) {
                return Some(m);
            }
            i = next;
        }
        None
    }

    /// The leftmost-longest, non-overlapping pattern matches in `text`.
    pub(crate) fn find_iter<'a>(
        &'a self,
        text: &'a str,
        classes: &'a Classes,
    ) -> impl Iterator<Item = Match> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let m = self.find_at(text, classes, from)?;
            from = m.end();
            Some(m)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::classes::ClassTable;
    use aho_corasick::AhoCorasickBuilder;

    /// (start, end, pattern)
    type Hit = (usize, usize, usize);

    /// The plain automaton's matches and ours.
    fn both(patterns: &[&str], text: &str) -> (Vec<Hit>, Vec<Hit>) {
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .unwrap();
        let starts = Starts::new(patterns.iter().copied());
        let table = ClassTable::with_company_patterns(patterns.iter().copied());
        let classes = Classes::of_with(text, &table);
        let key = |m: Match| (m.start(), m.end(), m.pattern().as_usize());
        (
            ac.find_iter(text).map(key).collect(),
            starts.find_iter(text, &classes).map(key).collect(),
        )
    }

    #[test]
    fn same_matches_as_the_unanchored_automaton() {
        let patterns = [
            "京东",
            "京东集团",
            "集团",
            "东方",
            "阿里巴巴",
            "JD",
            "JD.com",
            "Co.",
            "行",
            "Ant Group",
            "中国银行",
            "银行",
            "国银",
        ];
        let texts = [
            "京东集团与阿里巴巴；中国银行和京东方。JD.com, (JD) Ant Group Co.",
            "东京东集团集团行行😀京东",
            "",
            "京",
            "中国银行业",
        ];
        for t in texts {
            let (want, got) = both(&patterns, t);
            assert_eq!(want, got, "text {t:?}");
        }
    }

    #[test]
    fn latin_names_are_not_looked_for_inside_words() {
        let (want, got) = both(&["JD", "Ant"], "ADJD GigAntic Ant");
        assert_eq!(want.len(), 3);
        assert_eq!(got, vec![(14, 17, 1)]);
    }

    #[test]
    fn short_patterns_of_a_user_list_are_found() {
        let (want, got) = both(&["行", "X"], "银行X行");
        assert_eq!(want, got);
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn overlapping_candidates_take_the_leftmost_then_longest() {
        let (want, got) = both(&["甲乙丙", "乙丙丁戊己庚", "丙"], "子甲乙丙丁戊己庚 丙");
        assert_eq!(want, got);
        assert_eq!(got, vec![(3, 12, 0), (25, 28, 2)]);
    }
}
