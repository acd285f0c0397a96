//! Tokens and sentences for the token-based formats (CoNLL, WebAnno TSV) and
//! the sentence column of CSV.
//!
//! Chinese documents get one token per character (as spaCy's `zh` "char"
//! segmenter, MSRA/Weibo NER and BERT-Chinese do); other documents get word
//! tokens, with every Han character still a token of its own. Either way a
//! token boundary is forced at every entity boundary, so every entity is a
//! whole number of tokens, and no sentence ends inside an entity.

use super::model::Prepared;
use std::ops::Range;

/// Characters that stay glued to the character before them (combining
/// marks, variation selectors, ZWJ, skin tones, tag characters), so no token
/// splits a grapheme cluster in the common cases.
fn is_glue(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0xFE00..=0xFE0F
        | 0x200D | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !crate::extract::script::is_han(c) && !is_glue(c)
}

/// Characters allowed inside a word when a word character follows:
/// `JD.com`, `1,200.5`, `Procter&Gamble`, `co-operate`, `don't`.
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | '\'' | '’' | '-' | '&' | '_')
}

/// Byte ranges of the tokens of `text`; `breaks` are byte offsets where a
/// token must start or end.
pub fn tokenize(text: &str, chars_only: bool, breaks: &[usize]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut cur: Option<Range<usize>> = None;
    let mut prev_glueable = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(b, c)) in chars.iter().enumerate() {
        let end = b + c.len_utf8();
        if is_space(c) && !(is_glue(c) && cur.is_some()) {
            out.extend(cur.take());
            prev_glueable = false;
            continue;
        }
        let forced = breaks.binary_search(&b).is_ok();
        if let Some(r) = cur.as_mut() {
            let after_zwj = text[..b].ends_with('\u{200D}');
            let glue = !forced && (is_glue(c) || after_zwj) && prev_glueable;
            let word = !chars_only && !forced && is_word_continuation(&chars, i, text, r.start);
            if glue || word {
                r.end = end;
                continue;
            }
            out.push(r.clone());
        }
        cur = Some(b..end);
        prev_glueable = true;
    }
    out.extend(cur);
    out
}

/// True when `chars[i]` continues the word token that starts at `start`.
fn is_word_continuation(chars: &[(usize, char)], i: usize, text: &str, start: usize) -> bool {
    let c = chars[i].1;
    let first = text[start..].chars().next().unwrap_or(' ');
    if !is_word(first) {
        return false;
    }
    let prev = chars[i - 1].1;
    if is_word(c) {
        return is_word(prev) || is_joiner(prev);
    }
    // A joiner stays only when a word character follows it directly.
    is_joiner(c) && is_word(prev) && chars.get(i + 1).is_some_and(|&(_, n)| is_word(n))
}

/// Tokens grouped into sentences: a sentence ends after `。！？!?` (with any
/// closing quotes or brackets), after a lone `.`, and at a line break; never
/// inside an entity.
pub fn sentences(
    text: &str,
    tokens: &[Range<usize>],
    inside: &[Range<usize>],
) -> Vec<Range<usize>> {
    // `inside`: byte ranges that must not be cut (entities), merged into
    // sorted disjoint ranges for a binary search.
    let mut merged: Vec<Range<usize>> = inside.to_vec();
    merged.sort_by_key(|r| r.start);
    let mut union: Vec<Range<usize>> = Vec::with_capacity(merged.len());
    for r in merged {
        match union.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => union.push(r),
        }
    }
    let no_cut = |pos: usize| {
        let i = union.partition_point(|r| r.end <= pos);
        union.get(i).is_some_and(|r| r.start < pos && pos < r.end)
    };
    let mut out = Vec::new();
    let mut first = 0;
    for i in 0..tokens.len() {
        let tok = &text[tokens[i].clone()];
        let next = tokens.get(i + 1);
        let Some(next) = next else { break };
        let gap = &text[tokens[i].end..next.start];
        let next_tok = &text[next.clone()];
        let closes = |t: &str| {
            t.chars().all(|c| {
                matches!(
                    c,
                    '”' | '’' | '"' | '\'' | '」' | '』' | '）' | ')' | '》' | '】'
                )
            })
        };
        let terminal = matches!(tok, "。" | "！" | "？" | "!" | "?" | "." | "…" | "……")
            || (closes(tok) && i > first && {
                let p = &text[tokens[i - 1].clone()];
                matches!(p, "。" | "！" | "？" | "!" | "?" | ".")
            });
        let ends = gap.contains('\n') || (terminal && !(gap.is_empty() && closes(next_tok)));
        if ends && !no_cut(next.start) {
            out.push(first..i + 1);
            first = i + 1;
        }
    }
    if first < tokens.len() {
        out.push(first..tokens.len());
    }
    out
}

/// Tokens and sentences (as token index ranges) of a prepared document.
pub struct Segmented {
    pub tokens: Vec<Range<usize>>,
    pub sentences: Vec<Range<usize>>,
}

pub fn segment(doc: &Prepared) -> Segmented {
    let mut breaks: Vec<usize> = doc
        .entities
        .iter()
        .flat_map(|e| [e.range.start, e.range.end])
        .collect();
    breaks.sort_unstable();
    breaks.dedup();
    let tokens = tokenize(&doc.text, doc.is_chinese(), &breaks);
    let ranges: Vec<Range<usize>> = doc.entities.iter().map(|e| e.range.clone()).collect();
    let sentences = sentences(&doc.text, &tokens, &ranges);
    Segmented { tokens, sentences }
}

impl Segmented {
    /// Byte range of sentence `s` in the text.
    pub fn sentence_bytes(&self, s: usize) -> Range<usize> {
        let r = &self.sentences[s];
        self.tokens[r.start].start..self.tokens[r.end - 1].end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks<'a>(text: &'a str, chars_only: bool, breaks: &[usize]) -> Vec<&'a str> {
        tokenize(text, chars_only, breaks)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn english_words_and_punctuation() {
        assert_eq!(
            toks("JD.com plans $1.2 billion, (up 5%).", false, &[]),
            ["JD.com", "plans", "$", "1.2", "billion", ",", "(", "up", "5", "%", ")", "."]
        );
    }

    #[test]
    fn chinese_characters_and_astral_ones() {
        assert_eq!(
            toks("𨋢京东 200亿", true, &[]),
            ["𨋢", "京", "东", "2", "0", "0", "亿"]
        );
        assert_eq!(
            toks("蓝鲸Pay 200亿", false, &[]),
            ["蓝", "鲸", "Pay", "200", "亿"]
        );
    }

    #[test]
    fn forced_breaks_split_tokens() {
        let t = "US$3billion";
        assert_eq!(toks(t, false, &[2, 4]), ["US", "$", "3", "billion"]);
    }

    #[test]
    fn emoji_sequences_stay_whole() {
        assert_eq!(
            toks("a 👍🏽 👨‍👩‍👧 ❤️ b", false, &[]),
            ["a", "👍🏽", "👨‍👩‍👧", "❤️", "b"]
        );
    }

    #[test]
    fn sentences_end_at_terminators_and_lines_but_not_in_entities() {
        let text = "京东。“好。”他说\n新的 Inc. said";
        let tokens = tokenize(text, false, &[]);
        let s = sentences(text, &tokens, &[]);
        let got: Vec<String> = s
            .iter()
            .map(|r| text[tokens[r.start].start..tokens[r.end - 1].end].to_string())
            .collect();
        assert_eq!(got, ["京东。", "“好。”", "他说", "新的 Inc.", "said"]);
        let inc = text.find("Inc.").unwrap();
        let keep: Vec<std::ops::Range<usize>> = std::iter::once(inc..inc + 9).collect();
        let s = sentences(text, &tokens, &keep);
        assert_eq!(s.len(), 4);
    }
}
