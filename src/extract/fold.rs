//! The offset-preserving normalization layer.
//!
//! Matchers never see the raw text. They see a folded copy in which
//! full-width forms are ASCII, traditional characters are simplified, odd
//! spaces are plain spaces and the pinyin glosses that broken converters
//! leave behind (`萬(wàn)`) are gone. Every folded byte maps back to where
//! its character came from, so a match in the folded text maps back to an
//! exact range of the original, glosses inside it included.
//!
//! Folding keeps almost every character's byte length: ASCII stays ASCII
//! and a traditional character and its simplified form are both three bytes
//! long. Only full-width forms, odd spaces (both fold to one ASCII byte) and
//! removed glosses shift the folded text against the original. So instead
//! of one source offset per folded byte, [`Folded`] keeps a checkpoint
//! wherever that shift changes, and text that folds to itself is borrowed,
//! not copied.

use super::classes::{ClassTable, ClassWriter, Classes, HAN};
use super::script;
use std::borrow::Cow;
use std::ops::Range;

pub struct Folded<'a> {
    /// The original text, as the user wrote it.
    pub source: &'a str,
    /// What matchers read. Borrowed from `source` when nothing folds.
    pub text: Cow<'a, str>,
    /// Where in `text` each matcher may start.
    pub classes: Classes,
    /// Where folded bytes sit in `source`.
    map: OffsetMap,
    /// Character counts of `source` that language detection needs, taken
    /// while folding so that it needs no pass of its own.
    counts: ScriptCounts,
    /// The text buffer of the scratch, unused when `text` is borrowed.
    spare: String,
}

/// How many characters of each kind a text has (see [`super::lang::detect`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    /// Han characters.
    pub han: usize,
    /// Han characters that only traditional text uses (ones the table folds).
    pub traditional: usize,
    /// ASCII letters.
    pub latin: usize,
}

/// The folded-to-source offset map, sparse: checkpoint `k` says that from
/// folded byte `folded[k]` up to the next checkpoint, folded and source text
/// advance in step, folded byte `f` sitting at source byte
/// `source[k] + (f - folded[k])`. A new checkpoint starts after each
/// character that folds shorter and after each removed gloss. The first one
/// is always (0, 0).
struct OffsetMap {
    folded: Vec<u32>,
    source: Vec<u32>,
    /// For each block of `1 << BLOCK_BITS` folded bytes, the last checkpoint
    /// at or before its first byte, so that a lookup searches only the few
    /// checkpoints of one block (text with full-width punctuation has one
    /// every few dozen bytes, too many for a fast search of them all).
    block_first: Vec<u32>,
}

const BLOCK_BITS: u32 = 8;

impl OffsetMap {
    fn new() -> OffsetMap {
        OffsetMap {
            folded: vec![0],
            source: vec![0],
            block_first: Vec::new(),
        }
    }

    /// From folded byte `folded` on, the texts are in step again at source
    /// byte `source`.
    fn checkpoint(&mut self, folded: usize, source: usize) {
        // Two glosses in a row shift at the same folded byte: the later wins.
        if self.folded.last() == Some(&(folded as u32)) {
            self.folded.pop();
            self.source.pop();
        }
        self.folded.push(folded as u32);
        self.source.push(source as u32);
    }

    /// Builds the block index once all checkpoints are in.
    fn finish(&mut self, folded_len: usize) {
        let blocks = (folded_len >> BLOCK_BITS) + 1;
        self.block_first = Vec::with_capacity(blocks);
        let mut k = 0;
        for b in 0..blocks {
            let start = b << BLOCK_BITS;
            while k + 1 < self.folded.len() && self.folded[k + 1] as usize <= start {
                k += 1;
            }
            self.block_first.push(k as u32);
        }
    }

    /// The checkpoint that folded byte `f` (at most the folded length) falls under.
    #[inline]
    fn checkpoint_of(&self, f: usize) -> usize {
        let block = f >> BLOCK_BITS;
        let first = self.block_first[block] as usize;
        let last = self
            .block_first
            .get(block + 1)
            .map_or(self.folded.len() - 1, |&k| k as usize);
        first + self.folded[first + 1..=last].partition_point(|&x| x as usize <= f)
    }

    /// The source byte of folded byte `f` (at most the folded length), which
    /// must start a character.
    #[inline]
    fn source_of(&self, f: usize) -> usize {
        let k = self.checkpoint_of(f);
        self.source[k] as usize + (f - self.folded[k] as usize)
    }

    /// The source range of folded `start..end` when folded and source text
    /// run in step all the way from `start` to `end` (no checkpoint after
    /// `start` up to `end`), as they do for nearly every span.
    #[inline]
    fn in_step(&self, start: usize, end: usize) -> Option<Range<usize>> {
        let k = self.checkpoint_of(start);
        if self
            .folded
            .get(k + 1)
            .is_some_and(|&next| next as usize <= end)
        {
            return None;
        }
        let shift = self.source[k] as usize;
        let base = self.folded[k] as usize;
        Some(shift + (start - base)..shift + (end - base))
    }
}

/// The buffers a fold writes, as long as the text each: handed from one
/// analysis to the next, so that folding a long text again (as an editor
/// does on every keystroke) writes to pages it already has instead of
/// faulting in fresh ones.
#[derive(Default)]
pub struct Scratch {
    text: String,
    classes: Vec<u8>,
}

impl<'a> Folded<'a> {
    /// Folds `source`, marking where the built-in company list's names
    /// may start.
    pub fn new(source: &'a str) -> Folded<'a> {
        Folded::with_table(source, super::companies::builtin_class_table())
    }

    /// Folds `source`, classifying its characters with `table`.
    pub fn with_table(source: &'a str, table: &ClassTable) -> Folded<'a> {
        Folded::with_scratch(source, table, Scratch::default())
    }

    /// [`Folded::with_table`], writing into the buffers of `scratch`.
    pub fn with_scratch(source: &'a str, table: &ClassTable, scratch: Scratch) -> Folded<'a> {
        let bytes = source.as_bytes();
        let mut text = scratch.text;
        text.clear();
        let mut folded = Folder {
            source,
            text,
            copied_to: 0,
            map: OffsetMap::new(),
        };
        let mut counts = ScriptCounts {
            latin: count_ascii_letters(bytes),
            ..ScriptCounts::default()
        };
        // The classes of the folded characters, written as they are folded.
        let mut classes = ClassWriter::with_buffer(table, scratch.classes, bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let lead = bytes[i];
            if lead < 0x80 {
                // A gloss follows a Han character: `萬(wàn)`.
                if lead == b'(' {
                    let next = folded.drop_glosses(i);
                    if next != i {
                        i = next;
                        continue;
                    }
                }
                // ASCII is kept as is.
                let run = i;
                i = next_non_ascii(bytes, i + 1);
                classes.ascii(&bytes[run..i]);
                continue;
            }
            // Most of a Chinese text: three-byte characters, nearly all of
            // which stay as they are. One table entry says so, gives the
            // classes and whether the character is Han.
            if lead & 0xF0 == 0xE0 && i + 2 < bytes.len() {
                let run_end = classes.kept_threes(bytes, i, &mut counts.han);
                if run_end != i {
                    i = run_end;
                    continue;
                }
                // One the fold changes.
                let u = (u32::from(lead & 0x0F) << 12)
                    | (u32::from(bytes[i + 1] & 0x3F) << 6)
                    | u32::from(bytes[i + 2] & 0x3F);
                let entry = table.entry(u);
                counts.han += usize::from(entry & HAN != 0);
                if entry & HAN != 0 {
                    // Traditional: its simplified form is three bytes too
                    // (see `script`), so the offsets stay in step.
                    if let Some(f) = script::simplified_of(u) {
                        counts.traditional += 1;
                        folded.replace3(i, f);
                        classes.three(table.entry(f as u32));
                        i += 3;
                        continue;
                    }
                }
                if u == 0xFF08 {
                    let next = folded.drop_glosses(i);
                    if next != i {
                        i = next;
                        continue;
                    }
                }
            }
            // The rest: two- and four-byte characters, and the three-byte
            // ones that fold to something shorter.
            let (c, clen) = decode_at(bytes, i);
            let f = fold_char(c);
            if clen == 4 && script::is_han(c) {
                counts.han += 1;
            }
            if f != c {
                folded.replace(i, i + clen, Some(f));
            }
            classes.char(f);
            i += clen;
        }
        let (text, map, spare) = folded.finish();
        let classes = classes.finish();
        debug_assert_eq!(classes.len(), text.len());
        Folded {
            source,
            text,
            classes,
            map,
            counts,
            spare,
        }
    }

    /// The buffers, for the next fold.
    pub fn into_scratch(self) -> Scratch {
        Scratch {
            text: match self.text {
                Cow::Owned(text) => text,
                Cow::Borrowed(_) => self.spare,
            },
            classes: self.classes.into_bytes(),
        }
    }

    /// Counts of Han, traditional-only and ASCII letter characters in `source`.
    pub fn script_counts(&self) -> ScriptCounts {
        self.counts
    }

    /// The start of the folded character that byte `i` belongs to (`i`
    /// clamped to the text).
    #[inline]
    fn char_start(&self, i: usize) -> usize {
        let mut i = i.min(self.text.len());
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    /// The original byte range of the folded byte range `r`. A range that
    /// ends right before a removed gloss ends before it too.
    pub fn orig_range(&self, r: Range<usize>) -> Range<usize> {
        // The common case, without reading the source: both ends start
        // characters and no fold or gloss shifts the texts in between.
        if r.start < r.end
            && self.text.is_char_boundary(r.start)
            && self.text.is_char_boundary(r.end)
        {
            if let Some(o) = self.map.in_step(r.start, r.end) {
                return o;
            }
        }
        let start = self.orig_offset(r.start);
        if r.end <= r.start {
            return start..start;
        }
        let last = self.orig_offset(r.end - 1);
        let last_len = self.source[last..].chars().next().map_or(0, char::len_utf8);
        start..last + last_len
    }

    /// The original byte offset of folded byte `i` (start of its character).
    pub fn orig_offset(&self, i: usize) -> usize {
        self.map.source_of(self.char_start(i))
    }

    /// The original text of a folded range.
    pub fn orig_slice(&self, r: Range<usize>) -> &'a str {
        let o = self.orig_range(r);
        &self.source[o]
    }
}

/// Builds the folded text: copies unchanged stretches of the source only
/// once something in them changes, so a text that folds to itself is never
/// copied.
struct Folder<'a> {
    source: &'a str,
    /// The folded text of `source[..copied_to]` (empty while nothing changed).
    text: String,
    /// How far into `source` `text` reaches.
    copied_to: usize,
    map: OffsetMap,
}

impl<'a> Folder<'a> {
    /// Replaces `source[from..to]` by `with` (or by nothing).
    fn replace(&mut self, from: usize, to: usize, with: Option<char>) {
        self.copy_up_to(from);
        let before = self.text.len();
        if let Some(c) = with {
            self.text.push(c);
        }
        if self.text.len() - before != to - from {
            self.map.checkpoint(self.text.len(), to);
        }
        self.copied_to = to;
    }

    /// Replaces the three-byte character at `source[at..at + 3]` by the
    /// three-byte `with`: the shift stays, so no checkpoint. Inlined: a
    /// traditional text has one every few characters.
    #[inline(always)]
    fn replace3(&mut self, at: usize, with: char) {
        self.copy_up_to(at);
        // `push`, not `push_str`: no library call for three bytes.
        self.text.push(with);
        self.copied_to = at + 3;
    }

    /// Copies the unchanged source from where the copy stopped up to `at`
    /// (the whole text's room is reserved at the first change).
    #[inline(always)]
    fn copy_up_to(&mut self, at: usize) {
        if self.text.is_empty() {
            self.text.reserve(self.source.len());
        }
        // Runs of traditional characters leave nothing between them.
        if at > self.copied_to {
            self.text.push_str(&self.source[self.copied_to..at]);
        }
    }

    /// Drops the glosses (one or several) that start at source byte `i`, an
    /// opening bracket, when a Han character ends there; returns where the
    /// text goes on. Inlined: it runs at every opening bracket.
    #[inline(always)]
    fn drop_glosses(&mut self, mut i: usize) -> usize {
        if !han_before(self.source.as_bytes(), i) {
            return i;
        }
        while let Some(len) = gloss_len(&self.source[i..]) {
            self.replace(i, i + len, None);
            i += len;
        }
        i
    }

    /// The folded text, the map, and the text buffer if it went unused.
    fn finish(mut self) -> (Cow<'a, str>, OffsetMap, String) {
        let (text, spare) = if self.copied_to == 0 {
            (Cow::Borrowed(self.source), self.text)
        } else {
            self.text.push_str(&self.source[self.copied_to..]);
            (Cow::Owned(self.text), String::new())
        };
        self.map.finish(text.len());
        (text, self.map, spare)
    }
}

/// Whether the character that ends right before byte `i` of valid UTF-8
/// `b` is Han: only there can a gloss start.
fn han_before(b: &[u8], i: usize) -> bool {
    let mut start = i.saturating_sub(1);
    while start > 0 && i - start < 4 && b[start] & 0xC0 == 0x80 {
        start -= 1;
    }
    start < i && script::is_han(decode_at(b, start).0)
}

/// The number of ASCII letters in `b`.
fn count_ascii_letters(b: &[u8]) -> usize {
    // Byte-wide counters over chunks short enough not to overflow them: a
    // loop the compiler turns into vector code.
    b.chunks(255)
        .map(|chunk| {
            let n: u8 = chunk
                .iter()
                .map(|&x| u8::from((x | 0x20).wrapping_sub(b'a') < 26))
                .fold(0, u8::wrapping_add);
            usize::from(n)
        })
        .sum()
}

/// The character starting at byte `i` of valid UTF-8 `b`, and its length.
#[inline]
pub(crate) fn decode_at(b: &[u8], i: usize) -> (char, usize) {
    let lead = u32::from(b[i]);
    let cont = |k: usize| u32::from(b[i + k] & 0x3F);
    let (u, len) = match lead {
        0..=0x7F => (lead, 1),
        0x80..=0xDF => (((lead & 0x1F) << 6) | cont(1), 2),
        0xE0..=0xEF => (((lead & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3),
        _ => (
            ((lead & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        ),
    };
    (char::from_u32(u).unwrap_or('\u{FFFD}'), len)
}

/// The first non-ASCII byte in `b[from..]` (or `b.len()`), eight bytes at a time.
#[inline]
fn next_non_ascii(b: &[u8], from: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i + 8 <= b.len() {
        let w = u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([0; 8]));
        if w & HIGH != 0 {
            return i + ((w & HIGH).trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] < 0x80 {
        i += 1;
    }
    i
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
    fn glosses_follow_only_han() {
        // Full-width brackets, two glosses in a row, Han outside the BMP
        // and the compatibility block; after a Latin letter or a closing
        // bracket a toned syllable in brackets is kept.
        let f = Folded::new("國（guó）家(jiā)(jiā)𠀀(ā)\u{F901}(gēng)a(wàn)萬(x)(wàn)");
        assert_eq!(f.text, "国家𠀀\u{F901}a(wàn)万(x)(wàn)");
        assert_eq!(f.script_counts().han, 5);
        assert_eq!(f.script_counts().traditional, 2);
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

    #[test]
    fn unchanged_text_is_borrowed() {
        let f = Folded::new("京东集团2018年营收 4,620 亿元 (about $70bn)");
        assert!(matches!(f.text, Cow::Borrowed(_)));
        let f = Folded::new("京東");
        assert!(matches!(f.text, Cow::Owned(_)));
    }

    #[test]
    fn script_counts_cover_the_whole_source() {
        let f = Folded::new("萬(wàn)億 JD 京东 𠀀");
        let c = f.script_counts();
        assert_eq!((c.han, c.traditional, c.latin), (5, 2, 4));
    }

    /// The straightforward map this module used to keep: for each folded
    /// byte (plus a sentinel) the source offset of its character.
    fn dense_map(source: &str) -> (String, Vec<usize>) {
        let (mut text, mut map) = (String::new(), Vec::new());
        let mut i = 0;
        let mut prev_han = false;
        while i < source.len() {
            let c = source[i..].chars().next().unwrap();
            if (c == '(' || c == '（') && prev_han {
                if let Some(len) = gloss_len(&source[i..]) {
                    i += len;
                    continue;
                }
            }
            let f = fold_char(c);
            prev_han = script::is_han(f);
            let start = text.len();
            text.push(f);
            map.extend((start..text.len()).map(|_| i));
            i += c.len_utf8();
        }
        map.push(source.len());
        (text, map)
    }

    #[test]
    fn sparse_map_agrees_with_the_dense_one() {
        let samples = [
            "",
            "plain ASCII only",
            "１５００万元，同比增長２０％（wàn）",
            "超2萬(wàn)億元。阿里巴巴集團(tuán)(tuán)成立（guó）",
            "萬(wàn)",
            "萬(wàn)(yì)",
            "a\u{3000}b\u{a0}c\u{2009}d\u{feff}e\u{202f}",
            "國（guó）\u{3000}Ｊｄ．ｃｏｍ(kok)與(CEO)",
            "𠀀萬(wàn)ab（yuán)𠀀",
            "京東集團（ＪＤ）：２０１８年",
        ];
        // Long enough to span many blocks of the checkpoint index.
        let long = samples.concat().repeat(8);
        for src in samples.into_iter().chain([long.as_str()]) {
            let f = Folded::new(src);
            let (text, map) = dense_map(src);
            assert_eq!(f.text, text, "{src}");
            for i in 0..=text.len() + 2 {
                assert_eq!(f.orig_offset(i), map[i.min(text.len())], "{src} @{i}");
            }
            for a in 0..=text.len() {
                for b in a.saturating_sub(8)..=(a + 64).min(text.len() + 1) {
                    let start = map[a];
                    let want = if b <= a {
                        start..start
                    } else {
                        let last = map[(b - 1).min(text.len())];
                        start..last + src[last..].chars().next().map_or(0, char::len_utf8)
                    };
                    assert_eq!(f.orig_range(a..b), want, "{src} {a}..{b}");
                }
            }
        }
    }
}
