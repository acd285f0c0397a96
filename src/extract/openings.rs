//! A cheap first test of whether one of many patterns may start at a
//! position: is the text's opening there (two Chinese characters, two ASCII
//! bytes) the opening of some pattern?
//!
//! The company list and the date trigger words both start with characters
//! that are common in Chinese text (东, 中, 大, 年), so the classes (see
//! `classes`) mark a quarter of all characters for one or the other. Walking
//! an automaton or a trie from each of those costs a hundred instructions
//! and more; a hashed bit set of pattern openings turns nearly all of them
//! away in a few. Patterns shorter than an opening go into a second set,
//! keyed by their first character. A hit promises nothing: the caller still
//! matches there. Only a miss must be sure.

/// Bits in the set of short patterns' first characters (8 KiB).
const SHORT_BITS: u32 = 16;

pub(crate) struct Openings {
    /// Keyed by a pattern's opening (its first `LENGTHS[lead].1` bytes).
    long: Vec<u64>,
    long_bits: u32,
    /// Patterns shorter than that, keyed by their first character.
    short: Vec<u64>,
    /// Most lists have no short pattern; the short set is then not read.
    any_short: bool,
    /// ASCII letters match either case (patterns and text alike).
    fold_case: bool,
}

/// `(utf8_len, key_len)` of every byte, so the hot loop looks them up
/// instead of branching on mixed Chinese and ASCII text. A continuation
/// byte (never a char boundary) has length 0.
static LENGTHS: [(u8, u8); 256] = {
    let mut t = [(0u8, 0u8); 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let len = match b.leading_ones() {
            0 => 1,
            1 => 0,
            n => n as u8,
        };
        // Two characters of Chinese (six bytes), two bytes of ASCII, the
        // one character otherwise.
        let key = match b {
            0x00..=0x7F => 2,
            0xE0..=0xEF => 6,
            _ => len,
        };
        t[i] = (len, key);
        i += 1;
    }
    t
};

/// The eight bytes of `b` from `i` as one number, zeros past the end.
#[inline(always)]
fn word_at(b: &[u8], i: usize) -> u64 {
    match b.get(i..i + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().unwrap_or_default()),
        None => {
            let mut buf = [0u8; 8];
            let rest = b.get(i..).unwrap_or_default();
            buf[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(buf)
        }
    }
}

/// `MASK[n]` keeps the first `n` bytes of a word.
static MASK: [u64; 9] = {
    let mut t = [0u64; 9];
    let mut n = 1;
    while n <= 8 {
        t[n] = u64::MAX >> (64 - 8 * n);
        n += 1;
    }
    t
};

/// `k` with its ASCII capitals made small, eight bytes at once.
#[inline]
fn ascii_lower(k: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = k & (0x7F * ONES);
    // The high bit of each byte: at least 'A', and more than 'Z'.
    let from_a = low7 + (0x80 - u64::from(b'A')) * ONES;
    let past_z = low7 + (0x80 - u64::from(b'Z') - 1) * ONES;
    let capital = from_a & !past_z & !k & (0x80 * ONES);
    k | (capital >> 2)
}

fn slot(k: u64, bits: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

fn set(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

#[inline]
fn has(bits: &[u64], i: usize) -> bool {
    bits[i / 64] & (1 << (i % 64)) != 0
}

impl Openings {
    /// The openings of `patterns`, in a set of `2^long_bits` bits (fewer
    /// than a thousandth set keeps false hits rare).
    pub(crate) fn new<'p>(
        patterns: impl IntoIterator<Item = &'p [u8]>,
        long_bits: u32,
        fold_case: bool,
    ) -> Openings {
        let mut o = Openings {
            long: vec![0; (1usize << long_bits).div_ceil(64)],
            long_bits,
            short: vec![0; (1 << SHORT_BITS) / 64],
            any_short: false,
            fold_case,
        };
        for b in patterns {
            let Some(&lead) = b.first() else { continue };
            let (len, n) = LENGTHS[usize::from(lead)];
            let w = o.word(b, 0);
            if b.len() >= usize::from(n) {
                let i = slot(w & MASK[usize::from(n)], o.long_bits);
                set(&mut o.long, i);
            } else {
                let i = slot(w & MASK[usize::from(len)], SHORT_BITS);
                set(&mut o.short, i);
                o.any_short = true;
            }
        }
        o
    }

    #[inline(always)]
    fn word(&self, b: &[u8], i: usize) -> u64 {
        let w = word_at(b, i);
        if self.fold_case {
            ascii_lower(w)
        } else {
            w
        }
    }

    /// Whether a pattern may start at byte `at` of `b`, a char boundary
    /// (`b` ends where a match must).
    /// (The zeros past the end of `b` match no pattern byte: a pattern
    /// longer than the rest of `b` cannot match there anyway.)
    #[inline(always)]
    pub(crate) fn may_start(&self, b: &[u8], at: usize) -> bool {
        let (len, n) = LENGTHS[usize::from(b[at])];
        let w = self.word(b, at);
        has(&self.long, slot(w & MASK[usize::from(n)], self.long_bits))
            || (self.any_short && has(&self.short, slot(w & MASK[usize::from(len)], SHORT_BITS)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_fold_and_nothing_else_does() {
        let all: Vec<u8> = (0..=255).collect();
        for w in all.chunks(8) {
            let k = u64::from_le_bytes(w.try_into().unwrap());
            let want: Vec<u8> = w.iter().map(u8::to_ascii_lowercase).collect();
            assert_eq!(ascii_lower(k).to_le_bytes().to_vec(), want);
        }
    }

    #[test]
    fn every_pattern_start_passes() {
        let patterns = [
            "京东集团",
            "年",
            "今(",
            "march",
            "Q1",
            "é",
            "中国银行",
            "JD",
        ];
        let o = Openings::new(patterns.iter().map(|p| p.as_bytes()), 12, true);
        for text in ["京东集团年", "今(x) MARCH q1", "é中国银行", "jd", "年"] {
            for p in patterns {
                let lower = text.to_lowercase();
                for (at, _) in lower.match_indices(&p.to_lowercase()) {
                    assert!(o.may_start(text.as_bytes(), at), "{p} in {text}");
                }
            }
        }
        // Openings of no pattern: turned away (the set is nearly empty).
        for (text, at) in [("中文", 0), ("京城", 0), ("mob", 0), ("ab", 0)] {
            assert!(!o.may_start(text.as_bytes(), at), "{text}");
        }
    }

    #[test]
    fn case_counts_unless_folded() {
        let o = Openings::new(["JD".as_bytes()], 12, false);
        assert!(o.may_start(b"JD", 0));
        assert!(!o.may_start(b"jd", 0));
    }
}
