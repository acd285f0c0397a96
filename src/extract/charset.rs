//! Membership in the short character sets the rules spell as strings
//! (`"省市县区州"`), without a substring search for every negative answer.
//!
//! `str::contains(char)` looks for the character's encoding as a substring:
//! on these short haystacks that is a library compare at each position, a
//! few hundred instructions, and the rules ask at nearly every number,
//! mention and trigger word. A 256-bit filter built at compile time answers
//! most of the "no" cases (the common ones) with one bit test; a hit falls
//! back to the exact search.

pub(crate) struct CharSet {
    set: &'static str,
    bits: [u64; 4],
}

/// The filter slot of code point `u`.
const fn slot(u: u32) -> u32 {
    u.wrapping_mul(0x9E37_79B1) >> 24
}

impl CharSet {
    pub(crate) const fn new(set: &'static str) -> CharSet {
        let b = set.as_bytes();
        let mut bits = [0u64; 4];
        let mut i = 0;
        while i < b.len() {
            let (u, len) = super::script::const_decode(b, i);
            let s = slot(u);
            bits[(s / 64) as usize] |= 1 << (s % 64);
            i += len;
        }
        CharSet { set, bits }
    }

    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        let s = slot(c as u32);
        self.bits[(s / 64) as usize] & (1 << (s % 64)) != 0 && self.set.contains(c)
    }
}

/// `in_set!("省市县区州", c)`: whether `c` is one of the characters of the
/// string, through a [`CharSet`] built at compile time for this call site.
macro_rules! in_set {
    ($set:expr, $c:expr) => {{
        static SET: $crate::extract::charset::CharSet =
            $crate::extract::charset::CharSet::new($set);
        SET.contains($c)
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_str_contains() {
        const SETS: [&str; 4] = ["省市县区州", "。！？；，,;!?\n“”\"", "", "_@./#\\😀é"];
        for set in SETS {
            let s = CharSet::new(set);
            for c in [
                '省', '州', '，', ',', '\n', '"', '@', 'a', '😀', '市', '\\', 'é', '京',
            ] {
                assert_eq!(s.contains(c), set.contains(c), "{c:?} in {set:?}");
            }
            // Every character of the set is found; most others are not even searched for.
            assert!(set.chars().all(|c| s.contains(c)));
        }
        assert!(in_set!("省市县区州", '县'));
        assert!(!in_set!("省市县区州", '京'));
    }
}
