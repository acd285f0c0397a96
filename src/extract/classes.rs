//! One pass that marks, for every character of the folded text, which
//! matchers could start there.
//!
//! The date, number, percent and company matchers each used to walk the
//! whole text a character at a time to find the few places they start from:
//! four loops with a decode and a table test per character. Now the fold
//! looks each character up once in a [`ClassTable`] and writes its class
//! byte, and each matcher jumps from one of its marks to the next, eight
//! class bytes at a time (the date resolver finds its line breaks and
//! quotation marks the same way). A mark is a promise of nothing: the
//! matcher still checks what it finds there. Only the positions it skips
//! must be ones where it would have found nothing.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::LazyLock;

/// A date trigger word can start here (see `dates::triggers`).
pub const DATE: u8 = 1;
/// A number can start here: a digit, a Chinese numeral, an English number word.
pub const NUMBER: u8 = 2;
/// A percent sign or word can start here.
pub const PERCENT: u8 = 4;
/// A pattern of the company list can start here.
pub const COMPANY: u8 = 8;
/// A line break or a quotation mark, which the date resolver tracks.
pub const BREAK: u8 = 16;

/// Classes a Latin letter keeps only at the start of a run of letters: the
/// date, number and company matchers never start inside a word.
const WORD_START_ONLY: u8 = DATE | NUMBER | COMPANY;

/// The bits of a table entry that are classes; the others tell the fold
/// about the character and never reach [`Classes`].
const CLASS_BITS: u8 = DATE | NUMBER | PERCENT | COMPANY | BREAK;
/// Table flag: a Han character (counted for language detection).
pub(crate) const HAN: u8 = 32;
/// Table flag: the fold changes this character.
pub(crate) const FOLDS: u8 = 64;

/// The class of every character, for one company list (the other classes
/// are the same for all).
#[derive(Clone)]
pub struct ClassTable {
    /// Tells tables apart, so that a matcher can check which table a text's
    /// classes came from.
    id: u32,
    bmp: Box<[u8; 0x10000]>,
    /// The class of every character outside the BMP.
    astral: u8,
}

static NEXT_TABLE_ID: AtomicU32 = AtomicU32::new(0);

/// The classes every table shares: dates, numbers, percents.
static BASE: LazyLock<ClassTable> = LazyLock::new(|| {
    let mut t = ClassTable {
        id: NEXT_TABLE_ID.fetch_add(1, Ordering::Relaxed),
        bmp: Box::new([0u8; 0x10000]),
        astral: 0,
    };
    let firsts = super::dates::trigger_first_chars()
        .map(|c| (c, DATE))
        .chain(super::numbers::start_chars().map(|c| (c, NUMBER)))
        .chain(super::percent::sign_first_chars().map(|c| (c, PERCENT)));
    for (c, class) in firsts {
        t.mark(c, class);
    }
    for c in super::dates::BREAKS {
        t.mark(c, BREAK);
    }
    // The fold's flags, so that one lookup tells it whether a character is
    // Han and whether it stays as it is.
    for c in (0..=0xFFFF).filter_map(char::from_u32) {
        if super::script::is_han(c) {
            t.mark(c, HAN);
        }
        if super::fold::fold_char(c) != c {
            t.mark(c, FOLDS);
        }
    }
    t
});

impl ClassTable {
    /// The shared classes plus [`COMPANY`] on the first character of each of
    /// the company `patterns`.
    pub fn with_company_patterns<'p>(patterns: impl IntoIterator<Item = &'p str>) -> ClassTable {
        let mut t = BASE.clone();
        t.id = NEXT_TABLE_ID.fetch_add(1, Ordering::Relaxed);
        for c in patterns.into_iter().filter_map(|p| p.chars().next()) {
            t.mark(c, COMPANY);
        }
        t
    }

    /// The table entry of `u`, a code point of the BMP: its classes and the
    /// fold's flags ([`HAN`], [`FOLDS`]).
    #[inline(always)]
    pub(crate) fn entry(&self, u: u32) -> u8 {
        self.bmp[(u & 0xFFFF) as usize]
    }

    fn mark(&mut self, c: char, class: u8) {
        match self.bmp.get_mut(c as usize) {
            Some(slot) => *slot |= class,
            None => self.astral |= class,
        }
    }
}

/// One class byte per byte of a text: a character's classes on its first
/// byte, 0 on the rest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classes {
    bytes: Vec<u8>,
    /// The [`ClassTable`] they came from.
    table: u32,
}

/// Builds [`Classes`] a character at a time, in text order: the fold
/// writes them while it folds, so the text is not decoded twice.
pub(crate) struct ClassWriter<'t> {
    table: &'t ClassTable,
    /// Zeroed up front to the longest the text can be, so that only a
    /// character's first byte is written.
    out: Vec<u8>,
    /// Where the next character's class goes.
    at: usize,
    /// Whether the last character was a Latin letter.
    prev_alpha: bool,
}

impl<'t> ClassWriter<'t> {
    pub fn new(table: &'t ClassTable, bytes: usize) -> ClassWriter<'t> {
        ClassWriter::with_buffer(table, Vec::new(), bytes)
    }

    /// Writes into `buffer` (cleared first) the classes of a text of at
    /// most `bytes` bytes.
    pub fn with_buffer(
        table: &'t ClassTable,
        mut buffer: Vec<u8>,
        bytes: usize,
    ) -> ClassWriter<'t> {
        buffer.clear();
        buffer.resize(bytes, 0);
        ClassWriter {
            table,
            out: buffer,
            at: 0,
            prev_alpha: false,
        }
    }

    /// A run of ASCII bytes.
    #[inline]
    pub fn ascii(&mut self, run: &[u8]) {
        let end = self.at + run.len();
        let mut prev = self.prev_alpha;
        for (slot, &b) in self.out[self.at..end].iter_mut().zip(run) {
            let alpha = b.is_ascii_alphabetic();
            // Inside a word a letter loses the word-start classes.
            let inside = u8::from(prev & alpha).wrapping_neg() & WORD_START_ONLY;
            *slot = self.table.bmp[usize::from(b)] & CLASS_BITS & !inside;
            prev = alpha;
        }
        self.prev_alpha = prev;
        self.at = end;
    }

    /// A three-byte character whose table entry is `entry`.
    #[inline(always)]
    pub fn three(&mut self, entry: u8) {
        self.non_ascii(entry, 3);
    }

    /// A non-ASCII character of `len` bytes whose table entry is `entry`.
    #[inline(always)]
    fn non_ascii(&mut self, entry: u8, len: usize) {
        self.out[self.at] = entry & CLASS_BITS;
        self.at += len;
        self.prev_alpha = false;
    }

    /// The run of three-byte characters the fold keeps as they are, from
    /// byte `from` of `source` (where the writer stands in the folded
    /// text): writes their classes, adds the Han ones to `han` and returns
    /// where the run ends. This is the loop of a Chinese text.
    #[inline(always)]
    pub fn kept_threes(&mut self, source: &[u8], from: usize, han: &mut usize) -> usize {
        let table = &*self.table.bmp;
        let out = &mut self.out[self.at..];
        let rest = &source[from..];
        let mut k = 0;
        let mut count = 0;
        while let (Some(&[lead, b1, b2]), Some(slot)) = (rest.get(k..k + 3), out.get_mut(k)) {
            if lead & 0xF0 != 0xE0 {
                break;
            }
            let u = (usize::from(lead & 0x0F) << 12)
                | (usize::from(b1 & 0x3F) << 6)
                | usize::from(b2 & 0x3F);
            let entry = table[u];
            if entry & FOLDS != 0 {
                break;
            }
            count += usize::from(entry & HAN != 0);
            *slot = entry & CLASS_BITS;
            k += 3;
        }
        if k != 0 {
            self.prev_alpha = false;
        }
        self.at += k;
        *han += count;
        from + k
    }

    /// Any character.
    #[inline]
    pub fn char(&mut self, c: char) {
        let u = c as u32;
        match c.len_utf8() {
            1 => self.ascii(&[u as u8]),
            4 => self.non_ascii(self.table.astral, 4),
            len => self.non_ascii(self.table.entry(u), len),
        }
    }

    pub fn finish(mut self) -> Classes {
        self.out.truncate(self.at);
        Classes {
            bytes: self.out,
            table: self.table.id,
        }
    }
}

impl Classes {
    /// Classifies `text`, a folded text (matchers read nothing else), with
    /// the shared classes only. The fold does the same as it goes
    /// (`ClassWriter`).
    pub fn of(text: &str) -> Classes {
        Classes::of_with(text, &BASE)
    }

    /// Classifies `text` with `table`.
    pub fn of_with(text: &str, table: &ClassTable) -> Classes {
        let mut w = ClassWriter::new(table, text.len());
        for c in text.chars() {
            w.char(c);
        }
        w.finish()
    }

    /// The first byte in `from..to` marked with any of `class`.
    #[inline]
    pub fn next(&self, from: usize, to: usize, class: u8) -> Option<usize> {
        let b = &self.bytes[..to.min(self.bytes.len())];
        let mask = u64::from(class) * 0x0101_0101_0101_0101;
        let mut i = from;
        while i + 8 <= b.len() {
            let w = u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([0; 8])) & mask;
            if w != 0 {
                return Some(i + (w.trailing_zeros() / 8) as usize);
            }
            i += 8;
        }
        (i..b.len()).find(|&k| b[k] & class != 0)
    }

    /// The class bytes, for reuse.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// Whether these classes came from `table`.
    pub fn from_table(&self, table: &ClassTable) -> bool {
        self.table == table.id
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str, class: u8) -> Vec<&str> {
        let c = Classes::of(text);
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(k) = c.next(i, text.len(), class) {
            let len = text[k..].chars().next().map_or(1, char::len_utf8);
            out.push(&text[k..k + len]);
            i = k + 1;
        }
        out
    }

    #[test]
    fn characters_get_the_classes_of_what_can_start_there() {
        assert_eq!(marks("营收三千万，增长5%", NUMBER), ["三", "千", "万", "5"]);
        assert_eq!(marks("营收三千万，增长5%", PERCENT), ["%"]);
        assert_eq!(marks("去年1月", DATE), ["去", "年", "月"]);
        assert_eq!(marks("百分之三十，三成", PERCENT), ["百", "成"]);
        assert_eq!(
            marks("他说：「今年」。\n“好”", BREAK),
            ["「", "」", "\n", "“", "”"]
        );
    }

    #[test]
    fn letters_start_dates_and_numbers_only_at_a_word_start() {
        assert_eq!(marks("In March, amateurs", DATE), ["I", "M", "a"]);
        assert_eq!(marks("one bone 3rd", NUMBER), ["o", "3"]);
        assert_eq!(marks("USD115", NUMBER), ["1", "1", "5"]);
        // Percent words may follow anything: 5percent.
        assert_eq!(marks("5percent pct", PERCENT), ["p", "p"]);
    }

    #[test]
    fn the_fold_writes_the_classes_of_its_folded_text() {
        for text in [
            "營收２０億元(yì yuán)，增長３０％。Ｑ１ ｏｎｅ",
            "He said one-third; ＡＢone 5percent 😀一 é二 x\u{3000}三",
            "萬(wàn)億元 amateurs Ωone\r\n兩千",
            "",
        ] {
            let folded = crate::extract::Folded::new(text);
            let table = crate::extract::companies::builtin_class_table();
            assert_eq!(
                folded.classes,
                Classes::of_with(&folded.text, table),
                "{text}"
            );
        }
    }

    #[test]
    fn a_long_text_the_end_bound_and_odd_characters() {
        let text = "😀 ".repeat(40) + "一";
        let c = Classes::of(&text);
        assert_eq!(c.len(), text.len());
        assert_eq!(c.next(0, text.len(), NUMBER), Some(text.len() - 3));
        assert_eq!(c.next(0, text.len() - 3, NUMBER), None);
        assert!(Classes::of("").is_empty());
        assert_eq!(marks("é一", NUMBER), ["一"]);
    }
}
