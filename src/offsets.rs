//! Conversions between the offset units the project deals with: UTF-8 bytes
//! (inside Rust), Unicode code points (exports, gold files) and UTF-16 code
//! units (LSP default, doccano, WebAnno).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Byte,
    #[serde(rename = "codepoint")]
    CodePoint,
    Utf16,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Byte => "byte",
            Unit::CodePoint => "codepoint",
            Unit::Utf16 => "utf16",
        }
    }
}

/// Checkpoints every `STEP` characters; a lookup is a binary search plus a
/// short scan, so converting all entities of a document costs O(n log n)
/// with a small table.
pub struct OffsetIndex<'a> {
    text: &'a str,
    /// (byte, code point, utf16) at every STEP-th character.
    marks: Vec<(usize, usize, usize)>,
}

const STEP: usize = 64;

impl<'a> OffsetIndex<'a> {
    pub fn new(text: &'a str) -> OffsetIndex<'a> {
        let mut marks = Vec::with_capacity(text.len() / STEP + 2);
        let (mut cp, mut u16s) = (0usize, 0usize);
        for (b, c) in text.char_indices() {
            if cp % STEP == 0 {
                marks.push((b, cp, u16s));
            }
            cp += 1;
            u16s += c.len_utf16();
        }
        marks.push((text.len(), cp, u16s));
        OffsetIndex { text, marks }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Converts a byte offset (clamped to a char boundary at or before it).
    pub fn from_byte(&self, byte: usize, unit: Unit) -> usize {
        let byte = byte.min(self.text.len());
        if unit == Unit::Byte {
            return byte;
        }
        let i = match self.marks.binary_search_by(|m| m.0.cmp(&byte)) {
            Ok(i) => return pick(self.marks[i], unit),
            Err(i) => i.saturating_sub(1),
        };
        let (mut b, mut cp, mut u) = self.marks[i];
        for c in self.text[b..].chars() {
            if b + c.len_utf8() > byte {
                break;
            }
            b += c.len_utf8();
            cp += 1;
            u += c.len_utf16();
        }
        pick((b, cp, u), unit)
    }

    /// Converts an offset in `unit` to a byte offset (clamped to the text,
    /// and to the start of a character when it falls inside one).
    pub fn to_byte(&self, offset: usize, unit: Unit) -> usize {
        if unit == Unit::Byte {
            let mut o = offset.min(self.text.len());
            while !self.text.is_char_boundary(o) {
                o -= 1;
            }
            return o;
        }
        let i = match self.marks.binary_search_by(|m| pick(*m, unit).cmp(&offset)) {
            Ok(i) => return self.marks[i].0,
            Err(i) => i.saturating_sub(1),
        };
        let (mut b, mut cp, mut u) = self.marks[i];
        for c in self.text[b..].chars() {
            let next = pick((0, cp + 1, u + c.len_utf16()), unit);
            if next > offset {
                break;
            }
            b += c.len_utf8();
            cp += 1;
            u += c.len_utf16();
        }
        b
    }

    /// Length of the text in `unit`.
    pub fn len(&self, unit: Unit) -> usize {
        pick(*self.marks.last().unwrap_or(&(0, 0, 0)), unit)
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

fn pick(m: (usize, usize, usize), unit: Unit) -> usize {
    match unit {
        Unit::Byte => m.0,
        Unit::CodePoint => m.1,
        Unit::Utf16 => m.2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn astral_characters_count_twice_in_utf16() {
        let s = "🚀京东计划𨋢200亿元";
        let idx = OffsetIndex::new(s);
        let b = s.find("京东").unwrap();
        assert_eq!(idx.from_byte(b, Unit::CodePoint), 1);
        assert_eq!(idx.from_byte(b, Unit::Utf16), 2);
        let b = s.find("200").unwrap();
        assert_eq!(idx.from_byte(b, Unit::CodePoint), 6);
        assert_eq!(idx.from_byte(b, Unit::Utf16), 8);
        assert_eq!(idx.to_byte(8, Unit::Utf16), b);
        assert_eq!(idx.to_byte(6, Unit::CodePoint), b);
        assert_eq!(idx.len(Unit::Utf16), 13);
    }

    #[test]
    fn round_trips_every_position_of_a_long_text() {
        let s = "标题\r\n🚀 JD.com ".repeat(40);
        let idx = OffsetIndex::new(&s);
        for (b, _) in s.char_indices() {
            for unit in [Unit::CodePoint, Unit::Utf16] {
                assert_eq!(idx.to_byte(idx.from_byte(b, unit), unit), b);
            }
        }
    }

    #[test]
    fn out_of_range_is_clamped() {
        let idx = OffsetIndex::new("abc");
        assert_eq!(idx.to_byte(99, Unit::Utf16), 3);
        assert_eq!(idx.from_byte(99, Unit::CodePoint), 3);
    }
}
