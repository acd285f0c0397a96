//! LSP positions (line + column in UTF-16 code units or UTF-8 bytes) against
//! byte offsets, for the rope being edited and for analysed snapshots.
//!
//! Lines end at `\n`, `\r\n` or `\r`, exactly as the protocol says (the rope
//! is built without Unicode line breaks for the same reason). Every
//! conversion clamps: a position past the end of its line lands at the end
//! of the line, a line past the end of the text lands at the end of the text.

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range};

/// The negotiated position encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }

    /// Length of `s` in this encoding's units.
    pub fn len(self, s: &str) -> usize {
        match self {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 => utf16_len(s),
        }
    }
}

/// UTF-16 length of `s`: one unit per character (every byte but a
/// continuation byte starts one), two for those of four bytes. Counted
/// bytewise so it vectorizes.
fn utf16_len(s: &str) -> usize {
    s.as_bytes()
        .iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// Whether any of the eight bytes of `w` is `b`.
fn has_byte(w: u64, b: u8) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = w ^ (LOW * u64::from(b));
    x.wrapping_sub(LOW) & !x & HIGH != 0
}

/// Whether a conversion had to clamp the position it was given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clamped(pub bool);

/// Line starts of an immutable text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            // Eight bytes at a time while none is a line break.
            if let Some(word) = bytes.get(i..i + 8) {
                let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
                if !has_byte(w, b'\n') && !has_byte(w, b'\r') {
                    i += 8;
                    continue;
                }
            }
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where `line` starts (the text's length past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// How many lines start at or before `byte`.
    pub fn lines_through(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte)
    }

    /// Byte range of `line` without its line break.
    fn line_bounds(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let b = text.as_bytes();
        while end > start && (b[end - 1] == b'\n' || b[end - 1] == b'\r') {
            end -= 1;
        }
        (start, end)
    }

    /// The position of a byte offset (clamped to the text and to a character start).
    pub fn position(&self, text: &str, byte: usize, enc: Encoding) -> Position {
        let mut byte = byte.min(self.len);
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= byte) - 1;
        let start = self.starts[line];
        let col = enc.len(&text[start..byte]);
        Position::new(line as u32, col as u32)
    }

    pub fn range(&self, text: &str, r: &std::ops::Range<usize>, enc: Encoding) -> Range {
        Range::new(
            self.position(text, r.start, enc),
            self.position(text, r.end, enc),
        )
    }

    /// A cursor for many positions in ascending order (see [`Cursor`]).
    pub fn cursor<'a>(&'a self, text: &'a str, enc: Encoding) -> Cursor<'a> {
        Cursor {
            index: self,
            text,
            enc,
            line: 0,
            byte: 0,
            col: 0,
        }
    }

    /// The byte offset of a position, clamped.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> (usize, Clamped) {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return (self.len, Clamped(true));
        }
        let (start, end) = self.line_bounds(text, line);
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            if units == want {
                return (start + i, Clamped(false));
            }
            let w = enc.width(c);
            if units + w > want {
                // Inside a character: its start.
                return (start + i, Clamped(true));
            }
            units += w;
        }
        (end, Clamped(want > units))
    }
}

/// [`LineIndex::position`] for offsets visited mostly in ascending order:
/// an offset on the line of the previous one only measures the text in
/// between, so converting every entity of a document reads its text about
/// once instead of once per entity from each line start. An offset before
/// the previous one is converted from its line start, as `position` does.
pub struct Cursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    enc: Encoding,
    line: usize,
    /// The last offset converted, and its column.
    byte: usize,
    col: usize,
}

impl Cursor<'_> {
    pub fn position(&mut self, byte: usize) -> Position {
        let idx = self.index;
        let mut byte = byte.min(idx.len);
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let next_line = idx.starts.get(self.line + 1).copied();
        if byte >= self.byte && next_line.is_none_or(|n| byte < n) {
            self.col += self.enc.len(&self.text[self.byte..byte]);
        } else {
            let line = if byte >= self.byte {
                self.line + idx.starts[self.line..].partition_point(|&s| s <= byte) - 1
            } else {
                idx.starts.partition_point(|&s| s <= byte) - 1
            };
            self.line = line;
            self.col = self.enc.len(&self.text[idx.starts[line]..byte]);
        }
        self.byte = byte;
        Position::new(self.line as u32, self.col as u32)
    }

    /// [`LineIndex::range`] of a span, its start through the cursor; its
    /// end measured from the start when no line break lies between them.
    pub fn range(&mut self, r: &std::ops::Range<usize>) -> Range {
        let start = self.position(r.start);
        let end = match self.text.get(self.byte..r.end) {
            Some(s) if !s.bytes().any(|b| b == b'\n' || b == b'\r') => {
                Position::new(start.line, start.character + self.enc.len(s) as u32)
            }
            _ => self.index.position(self.text, r.end, self.enc),
        };
        Range::new(start, end)
    }
}

/// The char index in `rope` of an LSP position, clamped.
pub fn rope_char(rope: &Rope, pos: Position, enc: Encoding) -> (usize, Clamped) {
    let lines = rope.len_lines();
    let line = pos.line as usize;
    if line >= lines {
        return (rope.len_chars(), Clamped(true));
    }
    let line_start = rope.line_to_char(line);
    let next = if line + 1 < lines {
        rope.line_to_char(line + 1)
    } else {
        rope.len_chars()
    };
    // Strip the line break (`\n`, `\r\n` or `\r`).
    let mut line_end = next;
    while line_end > line_start {
        let c = rope.char(line_end - 1);
        if c == '\n' || c == '\r' {
            line_end -= 1;
        } else {
            break;
        }
    }
    let col = pos.character as usize;
    match enc {
        Encoding::Utf16 => {
            let base = rope.char_to_utf16_cu(line_start);
            let end = rope.char_to_utf16_cu(line_end);
            if base + col > end {
                return (line_end, Clamped(true));
            }
            let c = rope.utf16_cu_to_char(base + col);
            // Inside a surrogate pair: the character that holds it.
            (
                c.min(line_end),
                Clamped(rope.char_to_utf16_cu(c) != base + col),
            )
        }
        Encoding::Utf8 => {
            let base = rope.char_to_byte(line_start);
            let end = rope.char_to_byte(line_end);
            if base + col > end {
                return (line_end, Clamped(true));
            }
            let c = rope.byte_to_char(base + col);
            (c.min(line_end), Clamped(rope.char_to_byte(c) != base + col))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "标题🚀\r\nJD.com 200亿元\rthird\n\nlast🚀x";

    #[test]
    fn line_index_handles_crlf_cr_and_astral_chars() {
        let idx = LineIndex::new(TEXT);
        assert_eq!(idx.line_count(), 5);
        let b = TEXT.find("200").unwrap();
        assert_eq!(idx.position(TEXT, b, Encoding::Utf16), Position::new(1, 7));
        let x = TEXT.rfind('x').unwrap();
        assert_eq!(idx.position(TEXT, x, Encoding::Utf16), Position::new(4, 6));
        assert_eq!(idx.position(TEXT, x, Encoding::Utf8), Position::new(4, 8));
        assert_eq!(idx.offset(TEXT, Position::new(4, 6), Encoding::Utf16).0, x);
        assert_eq!(idx.offset(TEXT, Position::new(4, 8), Encoding::Utf8).0, x);
        let t = TEXT.find("third").unwrap();
        assert_eq!(idx.position(TEXT, t, Encoding::Utf16), Position::new(2, 0));
    }

    #[test]
    fn cursor_agrees_with_position_in_any_order() {
        let text = format!("{TEXT}\r\n\r{TEXT}");
        let idx = LineIndex::new(&text);
        let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
        // Ascending, then jumps back and forth, inside characters too.
        offsets.extend([30, 2, 2, 17, 5, text.len() + 9, 0, 44, 43]);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let mut cur = idx.cursor(&text, enc);
            for &b in &offsets {
                assert_eq!(cur.position(b), idx.position(&text, b, enc), "{b} {enc:?}");
            }
        }
        assert_eq!(Encoding::Utf16.len("a标🚀\r\n"), 6);
        let spans = [
            (0, 3),
            (2, 9),
            (3, 11),
            (9, 9),
            (8, 30),
            (40, 45),
            (44, 43),
            (50, 999),
        ];
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let mut cur = idx.cursor(&text, enc);
            for (a, b) in spans
                .iter()
                .copied()
                .chain((0..text.len()).map(|b| (b, b + 4)))
            {
                assert_eq!(
                    cur.range(&(a..b)),
                    idx.range(&text, &(a..b), enc),
                    "{a}..{b} {enc:?}"
                );
            }
        }
    }

    #[test]
    fn line_starts_match_a_bytewise_scan() {
        let text = format!("{TEXT}\r\n\r\n\n\r\r{}\n{TEXT}\r", "长行".repeat(20));
        for cut in 0..text.len() {
            let Some(t) = text.get(cut..) else { continue };
            let mut want = vec![0];
            let b = t.as_bytes();
            for i in 0..b.len() {
                if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                    want.push(i + 1);
                }
            }
            assert_eq!(LineIndex::new(t).starts, want, "{cut}");
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let idx = LineIndex::new(TEXT);
        let (o, c) = idx.offset(TEXT, Position::new(0, 99), Encoding::Utf16);
        assert_eq!(o, TEXT.find('\r').unwrap());
        assert!(c.0);
        let (o, c) = idx.offset(TEXT, Position::new(99, 0), Encoding::Utf16);
        assert_eq!((o, c.0), (TEXT.len(), true));
        // Inside the surrogate pair of 🚀 (utf-16 column 3 of line 0).
        let (o, c) = idx.offset(TEXT, Position::new(0, 3), Encoding::Utf16);
        assert_eq!((o, c.0), (TEXT.find('🚀').unwrap(), true));
    }

    #[test]
    fn rope_agrees_with_line_index() {
        let rope = Rope::from_str(TEXT);
        let idx = LineIndex::new(TEXT);
        for (b, _) in TEXT.char_indices().chain([(TEXT.len(), ' ')]) {
            if TEXT[..b].ends_with('\r') && TEXT[b..].starts_with('\n') {
                continue; // between the two bytes of a CRLF: not a position
            }
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                let p = idx.position(TEXT, b, enc);
                let (c, clamped) = rope_char(&rope, p, enc);
                assert!(!clamped.0);
                assert_eq!(rope.char_to_byte(c), b, "{p:?} {enc:?}");
            }
        }
        let (c, clamped) = rope_char(&rope, Position::new(1, 500), Encoding::Utf16);
        assert!(clamped.0);
        assert_eq!(
            rope.char_to_byte(c),
            TEXT.find('\r')
                .map(|_| TEXT.find("\rthird").unwrap())
                .unwrap()
        );
        let (c, clamped) = rope_char(&rope, Position::new(40, 0), Encoding::Utf8);
        assert_eq!((c, clamped.0), (rope.len_chars(), true));
    }
}
