//! Finding the trigger words a date expression can start from.
//!
//! An unanchored automaton over all trigger words steps through every byte
//! of the text, and on Chinese text that was the single largest cost of
//! date finding. Trigger words can only begin at a few hundred characters
//! (their first characters) and English ones only at the start of a word:
//! the text's classes (see `classes`) mark those, and this scanner walks a
//! small byte trie only there, and only where the opening bytes are those
//! of some trigger word (see `openings`). It reports the same leftmost-longest
//! match the automaton did.

use super::Trig;
use crate::extract::classes::{Classes, DATE};
use crate::extract::fold::decode_at;
use crate::extract::openings::Openings;
use crate::extract::script::utf8_len;

/// Bits in the set of trigger word openings (1 KiB for a few hundred words).
const OPENING_BITS: u32 = 13;

/// The trigger words, as a byte trie with ASCII letters lowercased.
pub(super) struct TriggerSet {
    /// Child of the root for each first byte (0 = none).
    root: [u32; 256],
    nodes: Vec<Node>,
    /// `(byte, child)` edges of all nodes but the root, grouped by node.
    edges: Vec<(u8, u32)>,
    /// One bit per BMP character: can a trigger word start with it?
    first: Box<[u64; 1024]>,
    /// For each word of `first`, how many bits the words before it have set:
    /// with a popcount this ranks a first character among all of them.
    rank: Box<[u16; 1024]>,
    /// By rank, the node reached after a whole non-ASCII first character.
    first_node: Vec<u32>,
    /// The words' openings: most marked characters (中, 大, 地) start no
    /// trigger word with the character that follows them.
    openings: Openings,
}

#[derive(Clone, Copy, Default)]
struct Node {
    /// The node's edges are `edges[edge_start..edge_start + edge_count]`.
    edge_start: u32,
    edge_count: u32,
    /// The trigger word that ends here, if one does.
    word: Option<Trig>,
}

/// A trigger word found in the text: its byte range and which parser reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub start: usize,
    pub end: usize,
    pub tag: Trig,
}

impl TriggerSet {
    pub fn new(words: &[(&str, Trig)]) -> TriggerSet {
        // Build with per-node child lists first, then flatten them.
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut ends: Vec<Option<Trig>> = vec![None];
        let mut first = Box::new([0u64; 1024]);
        for &(word, tag) in words {
            let c = word.chars().next().expect("trigger words are not empty");
            assert!(
                (c as u32) < 0x10000,
                "trigger words start with a BMP character"
            );
            if c.is_ascii() {
                assert!(
                    c.is_ascii_alphabetic() && tag == Trig::En,
                    "only English trigger words start with ASCII, and with a letter"
                );
            }
            let c = c.to_ascii_lowercase() as usize;
            first[c >> 6] |= 1 << (c & 63);
            let mut node = 0usize;
            for b in word.bytes() {
                let b = b.to_ascii_lowercase();
                node = match children[node].iter().find(|e| e.0 == b) {
                    Some(&(_, child)) => child as usize,
                    None => {
                        children.push(Vec::new());
                        ends.push(None);
                        let child = children.len() - 1;
                        children[node].push((b, child as u32));
                        child
                    }
                };
            }
            ends[node] = Some(tag);
        }
        let mut root = [0u32; 256];
        for &(b, child) in &children[0] {
            root[usize::from(b)] = child;
        }
        let mut rank = Box::new([0u16; 1024]);
        let mut seen = 0u16;
        for (r, w) in rank.iter_mut().zip(first.iter()) {
            *r = seen;
            seen += w.count_ones() as u16;
        }
        // Non-ASCII first characters, in code point order (rank order).
        let mut first_node = Vec::new();
        for word in 0..1024u32 {
            for bit in 0..64 {
                if first[word as usize] & (1 << bit) == 0 {
                    continue;
                }
                let c = char::from_u32(word * 64 + bit).expect("first characters are chars");
                let mut node = 0usize;
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    node = children[node]
                        .iter()
                        .find(|e| e.0 == b)
                        .map_or(0, |e| e.1 as usize);
                }
                first_node.push(node as u32);
            }
        }
        let mut nodes = Vec::with_capacity(children.len());
        let mut edges = Vec::new();
        for (list, word) in children.iter().zip(&ends) {
            nodes.push(Node {
                edge_start: edges.len() as u32,
                edge_count: list.len() as u32,
                word: *word,
            });
            edges.extend_from_slice(list);
        }
        TriggerSet {
            root,
            nodes,
            edges,
            first,
            rank,
            first_node,
            openings: Openings::new(words.iter().map(|w| w.0.as_bytes()), OPENING_BITS, true),
        }
    }

    /// The trie node after the non-ASCII BMP character `c`, or 0 when no
    /// trigger word starts with it.
    #[inline]
    fn first_char_node(&self, c: u32) -> usize {
        let word = self.first[(c >> 6) as usize];
        let bit = 1u64 << (c & 63);
        if word & bit == 0 {
            return 0;
        }
        let r = self.rank[(c >> 6) as usize] as usize + (word & (bit - 1)).count_ones() as usize;
        self.first_node[r] as usize
    }

    /// The leftmost trigger word inside `t[from..to]` (the longest one where
    /// several start there). Only characters `classes` marks as date starts
    /// are tried. English words count only at a word start: after no letter
    /// or digit other than a Han character.
    pub fn find(&self, t: &str, classes: &Classes, from: usize, to: usize) -> Option<Found> {
        let b = &t.as_bytes()[..to];
        let mut i = from;
        while let Some(at) = classes.next(i, to, DATE) {
            let len = utf8_len(b[at]);
            i = at + len;
            if !self.openings.may_start(b, at) {
                continue;
            }
            let node = match len {
                1 if word_start(t, at) => {
                    self.root[usize::from(b[at].to_ascii_lowercase())] as usize
                }
                // Trigger words start inside the BMP (see `new`).
                2 | 3 => self.first_char_node(decode_at(b, at).0 as u32),
                _ => 0,
            };
            if node != 0 {
                if let Some(found) = self.longest_from(b, at, i, node) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// The longest trigger word that starts at byte `start` and whose first
    /// bytes, up to `j`, led to trie node `node` (not the root). `b` ends
    /// where the search must.
    #[inline]
    fn longest_from(&self, b: &[u8], start: usize, mut j: usize, mut node: usize) -> Option<Found> {
        let mut best = None;
        while node != 0 {
            let n = self.nodes[node];
            if let Some(tag) = n.word {
                best = Some(Found { start, end: j, tag });
            }
            if j >= b.len() || n.edge_count == 0 {
                break;
            }
            let want = b[j].to_ascii_lowercase();
            let edges = &self.edges[n.edge_start as usize..(n.edge_start + n.edge_count) as usize];
            node = edges
                .iter()
                .find(|e| e.0 == want)
                .map_or(0, |e| e.1 as usize);
            j += 1;
        }
        best
    }
}

/// Is byte `i` (an ASCII letter) the start of a word? A Han character before
/// it counts as a boundary (拼多多Q2营收).
fn word_start(t: &str, i: usize) -> bool {
    match t[..i].chars().next_back() {
        None => true,
        // Han first: it is a range test, where `is_alphanumeric` looks a
        // non-ASCII character up in Unicode's tables.
        Some(p) => crate::extract::script::is_han(p) || !p.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> TriggerSet {
        TriggerSet::new(&[
            ("年", Trig::Zh),
            ("年初", Trig::Zh),
            ("今(", Trig::Zh),
            ("march", Trig::En),
            ("mar", Trig::En),
            ("q1", Trig::En),
            ("black friday", Trig::En),
        ])
    }

    fn all(t: &str) -> Vec<(&str, Trig)> {
        let s = set();
        let mut out = Vec::new();
        let mut pos = 0;
        let classes = Classes::of(t);
        while let Some(f) = s.find(t, &classes, pos, t.len()) {
            out.push((&t[f.start..f.end], f.tag));
            pos = f.end;
        }
        out
    }

    #[test]
    fn longest_word_at_the_leftmost_start() {
        assert_eq!(
            all("2020年初和今(2021)年"),
            [("年初", Trig::Zh), ("今(", Trig::Zh), ("年", Trig::Zh)]
        );
        assert_eq!(
            all("In March, mar"),
            [("March", Trig::En), ("mar", Trig::En)]
        );
    }

    #[test]
    fn english_words_only_at_a_word_start() {
        assert!(all("summary marchers").iter().all(|f| f.0 != "mar"));
        assert_eq!(all("拼多多Q1营收"), [("Q1", Trig::En)]);
        assert_eq!(all("éq1 xq1 (q1)"), [("q1", Trig::En)]);
        assert_eq!(all("on Black Friday"), [("Black Friday", Trig::En)]);
    }

    #[test]
    fn the_end_bound_and_odd_characters() {
        let t = "年初";
        let classes = Classes::of(t);
        assert_eq!(set().find(t, &classes, 0, 3).map(|f| f.end), Some(3));
        assert_eq!(all("😀年 Ω年"), [("年", Trig::Zh), ("年", Trig::Zh)]);
        assert_eq!(all(""), []);
    }
}
