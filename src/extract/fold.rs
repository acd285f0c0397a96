//! The offset-preserving normalization layer.
//!
//! Matchers never see the raw text. They see a folded copy in which
//! full-width forms are ASCII, traditional characters are simplified, odd
//! spaces are plain spaces and the pinyin glosses that broken converters
//! leave behind (`萬(wàn)`) are gone. Every folded byte remembers where its
//! character came from, so a match in the folded text maps back to an exact
//! range of the original, glosses inside it included.

use super::script;
use std::ops::Range;

pub struct Folded<'a> {
    /// The original text, as the user wrote it.
    pub source: &'a str,
    /// What matchers read.
    pub text: String,
    /// For each byte of `text` (plus one sentinel), the byte offset in
    /// `source` of the character it came from.
    map: Vec<u32>,
}

impl<'a> Folded<'a> {
    pub fn new(source: &'a str) -> Folded<'a> {
        let mut text = String::with_capacity(source.len());
        let mut map: Vec<u32> = Vec::with_capacity(source.len() + 1);
        let bytes = source.as_bytes();
        let mut i = 0;
        let mut prev_han = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                // ASCII fast path: copied as is, except a gloss after a Han character.
                if b == b'(' && prev_han {
                    if let Some(len) = gloss_len(&source[i..]) {
                        i += len;
                        continue;
                    }
                }
                text.push(b as char);
                map.push(i as u32);
                prev_han = false;
                i += 1;
                continue;
            }
            let c = source[i..].chars().next().unwrap_or('\u{FFFD}');
            let clen = c.len_utf8();
            if c == '（' && prev_han {
                if let Some(len) = gloss_len(&source[i..]) {
                    i += len;
                    continue;
                }
            }
            let f = fold_char(c);
            prev_han = script::is_han(f);
            let start = text.len();
            text.push(f);
            for _ in start..text.len() {
                map.push(i as u32);
            }
            i += clen;
        }
        map.push(source.len() as u32);
        Folded { source, text, map }
    }

    /// The original byte range of the folded byte range `r`. A range that
    /// ends right before a removed gloss ends before it too.
    pub fn orig_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.map[r.start.min(self.text.len())] as usize;
        if r.end <= r.start {
            return start..start;
        }
        let last = self.map[(r.end - 1).min(self.text.len())] as usize;
        let last_len = self.source[last..].chars().next().map_or(0, char::len_utf8);
        start..last + last_len
    }

    /// The original byte offset of folded byte `i` (start of its character).
    pub fn orig_offset(&self, i: usize) -> usize {
        self.map[i.min(self.text.len())] as usize
    }

    /// The original text of a folded range.
    pub fn orig_slice(&self, r: Range<usize>) -> &'a str {
        let o = self.orig_range(r);
        &self.source[o]
    }
}

/// Folds one character: full-width ASCII to ASCII, odd spaces to a space,
/// traditional to simplified. Everything else is kept.
#[inline]
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    match u {
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
        0x3000 | 0x00A0 | 0x2002..=0x200A | 0x202F | 0x205F => ' ',
        0xFEFF => ' ',
        _ => script::to_simplified(c),
    }
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || is_tone_vowel(c)
}

fn is_tone_vowel(c: char) -> bool {
    matches!(
        c,
        'ā' | 'á'
            | 'ǎ'
            | 'à'
            | 'ē'
            | 'é'
            | 'ě'
            | 'è'
            | 'ī'
            | 'í'
            | 'ǐ'
            | 'ì'
            | 'ō'
            | 'ó'
            | 'ǒ'
            | 'ò'
            | 'ū'
            | 'ú'
            | 'ǔ'
            | 'ù'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
            | 'ü'
            | 'ń'
            | 'ň'
            | 'ǹ'
    )
}

/// If `s` starts with a pinyin gloss such as `(wàn)` or `（guó）`, its byte
/// length. A gloss is one syllable of lowercase letters carrying a tone mark;
/// plain words in brackets (`(kok)`, `(CEO)`) are not glosses.
pub fn gloss_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, open) = chars.next()?;
    let close = match open {
        '(' => ')',
        '（' => '）',
        _ => return None,
    };
    let mut toned = false;
    for (letters, (i, c)) in chars.enumerate() {
        if c == close || (close == ')' && c == '）') || (close == '）' && c == ')') {
            return (letters > 0 && toned).then_some(i + c.len_utf8());
        }
        if !is_pinyin_letter(c) || letters >= 6 {
            return None;
        }
        toned |= is_tone_vowel(c);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_fold_to_ascii() {
        let f = Folded::new("１５００万元");
        assert_eq!(f.text, "1500万元");
        assert_eq!(f.orig_range(0..4), 0..12);
    }

    #[test]
    fn gloss_inside_a_span_is_covered() {
        let src = "超2萬(wàn)億元。";
        let f = Folded::new(src);
        assert_eq!(f.text, "超2万亿元。");
        let start = f.text.find('2').unwrap();
        let end = f.text.find('。').unwrap();
        assert_eq!(f.orig_slice(start..end), "2萬(wàn)億元");
    }

    #[test]
    fn trailing_gloss_is_left_out() {
        let src = "阿里巴巴集團(tuán)成立";
        let f = Folded::new(src);
        assert_eq!(f.text, "阿里巴巴集团成立");
        let end = f.text.find("成立").unwrap();
        assert_eq!(f.orig_slice(0..end), "阿里巴巴集團");
    }

    #[test]
    fn plain_brackets_are_kept() {
        let f = Folded::new("公司(kok)与(CEO)");
        assert_eq!(f.text, "公司(kok)与(CEO)");
    }

    #[test]
    fn spaces_fold() {
        let f = Folded::new("a\u{3000}b\u{a0}c");
        assert_eq!(f.text, "a b c");
        assert_eq!(f.orig_range(2..3), 4..5);
    }
}
