//! Numeral readers for dates: where a date numeral starts and ends (十一,
//! 二十三, 二〇一八, 十几), Arabic digit runs and English count words. The
//! values of Chinese numerals come from the shared number scanner
//! (`extract::numbers`); dates only add the extent rules (no 万/亿/点 in a
//! date) and 廿.

use crate::extract::numbers;
use std::borrow::Cow;

/// The value of one Chinese digit character.
#[inline]
pub fn zh_digit(c: char) -> Option<u32> {
    numbers::cjk_digit(c)
}

/// A character that can be part of a Chinese numeral (digits and 十百千).
#[inline]
pub fn is_zh_num_char(c: char) -> bool {
    zh_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '廿')
}

/// A Chinese numeral read from text: its value and whether it was approximate
/// (十几, 二十多, 十余).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ZhNum {
    pub value: u32,
    pub end: usize,
    pub approx: bool,
    /// Written digit by digit (二〇一八), as years are.
    pub positional: bool,
    pub digits: usize,
}

/// Reads a Chinese numeral at byte `i` of `t`.
pub fn read_zh(t: &str, i: usize) -> Option<ZhNum> {
    let s = t.get(i..)?;
    // At most 12 characters, kept on the stack (this runs at every 年 and 月).
    let mut buf = ['\0'; 12];
    let mut n = 0;
    let mut end = i;
    for (o, c) in s.char_indices() {
        if !is_zh_num_char(c) || n >= buf.len() {
            break;
        }
        buf[n] = c;
        n += 1;
        end = i + o + c.len_utf8();
    }
    let chars = &buf[..n];
    if chars.is_empty() {
        return None;
    }
    let has_unit = chars.iter().any(|c| matches!(c, '十' | '百' | '千' | '廿'));
    let positional = !has_unit && chars.len() > 1;
    let value = if chars.contains(&'廿') {
        // 廿 (twenty) is not in the shared scanner: 廿三 = 23
        let mut v = 0u32;
        for c in chars {
            v = match c {
                '廿' => v + 20,
                d => v + zh_digit(*d)?,
            };
        }
        v
    } else {
        let v = numbers::parse_chinese(&t[i..end])?;
        if !(0.0..=1e6).contains(&v) || v.fract() != 0.0 {
            return None;
        }
        v as u32
    };
    let mut approx = false;
    let rest = &t[end..];
    for w in ["几", "多", "余"] {
        if rest.starts_with(w) && has_unit {
            approx = true;
            end += w.len();
            break;
        }
    }
    Some(ZhNum {
        value,
        end,
        approx,
        positional,
        digits: chars.len(),
    })
}

/// The start of a Chinese numeral (or ASCII digits) ending at `end`, scanning
/// back no further than `floor`.
pub fn scan_back_num(t: &str, end: usize, floor: usize) -> usize {
    let mut start = end;
    for (o, c) in t[floor..end].char_indices().rev() {
        if is_zh_num_char(c) || c.is_ascii_digit() || matches!(c, '几' | '多' | '余' | '半') {
            start = floor + o;
        } else {
            break;
        }
    }
    // An approximation word cannot start a numeral.
    while let Some(c) = t[start..end].chars().next() {
        if matches!(c, '几' | '多' | '余') && start < end {
            // 几年 is a numeral on its own; keep it only when it is all there is.
            if t[start..end]
                .chars()
                .all(|c| matches!(c, '几' | '多' | '余'))
            {
                break;
            }
            start += c.len_utf8();
        } else {
            break;
        }
    }
    start
}

/// Reads an ASCII digit run at `i`: value (saturating) and end.
#[inline]
pub fn read_digits(t: &[u8], i: usize) -> Option<(u64, usize, usize)> {
    let mut j = i;
    let mut v: u64 = 0;
    while j < t.len() && t[j].is_ascii_digit() {
        v = v.saturating_mul(10).saturating_add((t[j] - b'0') as u64);
        j += 1;
    }
    (j > i).then_some((v, j, j - i))
}

/// `w` in ASCII lower case, without a heap allocation for words of up to
/// 32 bytes (every trigger word): the matchers lowercase words at every
/// English trigger.
pub(crate) fn ascii_lower<'b>(w: &str, buf: &'b mut [u8; 32]) -> Cow<'b, str> {
    match buf.get_mut(..w.len()) {
        Some(dst) => {
            dst.copy_from_slice(w.as_bytes());
            dst.make_ascii_lowercase();
            let dst: &'b [u8] = dst;
            // Lower-casing ASCII letters keeps UTF-8 valid.
            Cow::Borrowed(std::str::from_utf8(dst).unwrap_or_default())
        }
        None => Cow::Owned(w.to_ascii_lowercase()),
    }
}

/// English cardinal words that count time units.
pub fn en_word_number(w: &str) -> Option<u32> {
    let mut buf = [0u8; 32];
    let l = ascii_lower(w, &mut buf);
    Some(match &*l {
        "a" | "an" | "one" => 1,
        "two" | "couple" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "hundred" => 100,
        _ => return None,
    })
}

/// Ordinal words for days of the month: first .. thirty-first (one token,
/// or two with `next`: "twenty second").
pub fn en_day_ordinal(w: &str) -> Option<u32> {
    const ORD: &[&str] = &[
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    let mut buf = [0u8; 32];
    let l = ascii_lower(w, &mut buf);
    if let Some(i) = ORD.iter().position(|o| *o == l) {
        return Some(i as u32 + 1);
    }
    if l == "thirtieth" {
        return Some(30);
    }
    for (tens, v) in [("twenty", 20), ("thirty", 30)] {
        if let Some(rest) = l.strip_prefix(tens) {
            let rest = rest.trim_start_matches(['-', ' ']);
            let u = ORD[..9].iter().position(|o| *o == rest)? as u32 + 1;
            return (v + u <= 31).then_some(v + u);
        }
    }
    None
}

/// English ordinals (first .. fourth, 1st .. 31st).
pub fn en_ordinal(w: &str) -> Option<u32> {
    let mut buf = [0u8; 32];
    let l = ascii_lower(w, &mut buf);
    Some(match &*l {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "last" | "final" => 99,
        _ => {
            let digits: String = l.chars().take_while(|c| c.is_ascii_digit()).collect();
            let suffix = &l[digits.len()..];
            if digits.is_empty() || !matches!(suffix, "st" | "nd" | "rd" | "th") {
                return None;
            }
            digits.parse().ok()?
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let v = |s: &str| read_zh(s, 0).map(|n| (n.value, n.approx));
        assert_eq!(v("十一月"), Some((11, false)));
        assert_eq!(v("二十三日"), Some((23, false)));
        assert_eq!(v("二〇一八年"), Some((2018, false)));
        assert_eq!(v("十几年"), Some((10, true)));
        assert_eq!(v("两年"), Some((2, false)));
        assert_eq!(v("一百零五"), Some((105, false)));
        assert_eq!(v("年"), None);
    }

    #[test]
    fn scan_back_stops_at_other_text() {
        let t = "东三省三年";
        let end = t.find('年').unwrap();
        assert_eq!(&t[scan_back_num(t, end, 0)..end], "三");
    }
}
