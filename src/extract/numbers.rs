//! Numbers: Arabic (with separators and decimals), Chinese numerals and
//! English number words, read from the folded text.
//!
//! The scanner is shared by the money, percent and date matchers. It works on
//! the folded text (full-width digits are ASCII, 萬億兩點 are 万亿两点):
//! [`scan`] reads one number at a byte offset, [`iter_classified`] walks a
//! whole text from one number start its classes mark to the next and yields
//! every number in order without ever starting inside another one (the `5`
//! of `1.5` is never a number of its own).

use super::classes::{Classes, NUMBER};
use std::borrow::Cow;

/// How a number was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumKind {
    /// `1,500,000`, `3.12`
    Arabic,
    /// `二百`, `一万五千`, `三点五`, `二〇一八`
    Chinese,
    /// `twenty`, `a billion`, `forty-two`
    English,
    /// Digits with a magnitude word: `1.5万`, `3.12 billion`, `10k`
    Mixed,
}

/// One number found in a text. Offsets are byte offsets into the text given
/// to [`scan`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub kind: NumKind,
    /// Written as an approximation: 十余, 200多, 十几, 几百.
    pub approx: bool,
    /// The product of the magnitude words applied (万 1e4, 亿 1e8, million
    /// 1e6, k 1e3), 1.0 when none.
    pub magnitude: f64,
    /// The magnitude was a Chinese one (万/亿/兆, or a Chinese numeral with 万/亿).
    pub cjk_magnitude: bool,
    /// Written with a decimal part (`1.5`, `三点五`).
    pub fraction: bool,
    /// Digits in the integer part of an Arabic number (0 otherwise).
    pub int_digits: u8,
    /// Written with thousands separators (`1,500,000`).
    pub grouped: bool,
}

impl Number {
    fn new(start: usize, end: usize, value: f64, kind: NumKind) -> Number {
        Number {
            start,
            end,
            value,
            kind,
            approx: false,
            magnitude: 1.0,
            cjk_magnitude: false,
            fraction: false,
            int_digits: 0,
            grouped: false,
        }
    }
}

/// The value of a Chinese digit character (零〇一二两三四五六七八九).
#[inline]
pub fn cjk_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Small units (十百千) and their values.
#[inline]
fn cjk_small_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        _ => return None,
    })
}

/// Large units (万亿兆) and their values.
#[inline]
fn cjk_big_unit(c: char) -> Option<f64> {
    Some(match c {
        '万' => 1e4,
        '亿' => 1e8,
        '兆' => 1e12,
        _ => return None,
    })
}

/// True for a character that can be part of a Chinese numeral.
#[inline]
pub fn is_cjk_numeral(c: char) -> bool {
    cjk_digit(c).is_some()
        || cjk_small_unit(c).is_some()
        || cjk_big_unit(c).is_some()
        || c == '点'
        || c == '几'
}

/// True for a character that can start a Chinese numeral (not 亿/兆/点).
#[inline]
fn is_cjk_numeral_start(c: char) -> bool {
    cjk_digit(c).is_some() || cjk_small_unit(c).is_some() || c == '万' || c == '几'
}

/// Parses a Chinese numeral such as `二百`, `一万五千`, `十余万`, `三点五亿`,
/// `二〇一八`, `一万五` (= 15000), `两千五` (= 2500). 余/多/几 are read as
/// approximations (十余万 = 100000, 十几 = 10). `None` when `s` is not a
/// numeral from end to end.
pub fn parse_chinese(s: &str) -> Option<f64> {
    parse_cjk(s).map(|(v, _)| v)
}

/// Like [`parse_chinese`], also telling whether the numeral was approximate.
fn parse_cjk(s: &str) -> Option<(f64, bool)> {
    if s.is_empty() {
        return None;
    }
    // A run of digits with no unit at all reads digit by digit: 二〇一八.
    let mut digits_only = true;
    let mut ndigits = 0;
    for c in s.chars() {
        if cjk_digit(c).is_some() {
            ndigits += 1;
        } else {
            digits_only = false;
        }
    }
    if digits_only && ndigits >= 2 {
        let mut v = 0.0;
        for c in s.chars() {
            v = v * 10.0 + cjk_digit(c)? as f64;
        }
        return Some((v, false));
    }
    let mut total = 0.0; // parts closed by a big unit
    let mut last_big = f64::INFINITY; // the last big unit seen
    let mut section = 0.0; // below the current big unit
    let mut num: Option<f64> = None; // a pending digit (or decimal)
    let mut last_unit = 0.0; // the unit right before the pending digit
    let mut zero_gap = false;
    let mut approx = false;
    let mut chars = s.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if let Some(d) = cjk_digit(c) {
            if d == 0 {
                zero_gap = true;
                last_unit = 0.0;
                continue;
            }
            if num.is_some() {
                return None; // two digits in a row inside a unit numeral
            }
            num = Some(d as f64);
            any = true;
        } else if c == '几' {
            approx = true;
            // 几十 reads as 十, 十几 as 十.
            any = true;
        } else if c == '余' || c == '多' {
            approx = true;
        } else if c == '点' {
            let base = num.take().unwrap_or(0.0);
            let mut frac = 0.0;
            let mut scale = 0.1;
            let mut got = false;
            while let Some(&d) = chars.peek() {
                match cjk_digit(d) {
                    Some(v) => {
                        frac += v as f64 * scale;
                        scale /= 10.0;
                        got = true;
                        chars.next();
                    }
                    None => break,
                }
            }
            if !got {
                return None;
            }
            num = Some(base + frac);
            last_unit = 0.0;
            any = true;
        } else if let Some(u) = cjk_small_unit(c) {
            let n = num.take().unwrap_or(1.0);
            section += n * u;
            last_unit = u;
            zero_gap = false;
            any = true;
        } else if let Some(u) = cjk_big_unit(c) {
            let mut v = section + num.take().unwrap_or(0.0);
            if v == 0.0 && total == 0.0 {
                v = 1.0; // 万 alone, 百万's 万 after 百 is in `section`
            }
            if u > last_big || total == 0.0 {
                // 万亿: the big unit scales everything before it.
                total = (total + v) * u;
            } else {
                total += v * u;
            }
            last_big = u;
            section = 0.0;
            last_unit = u;
            zero_gap = false;
            any = true;
        } else {
            return None;
        }
    }
    if !any {
        return None;
    }
    let mut tail = num.unwrap_or(0.0);
    // 一万五 = 15000, 两千五 = 2500: a digit right after a unit counts in the next lower unit.
    if num.is_some() && !zero_gap && last_unit >= 100.0 && tail.fract() == 0.0 {
        tail *= last_unit / 10.0;
    }
    Some((total + section + tail, approx))
}

/// English number words below a hundred.
fn english_small(w: &str) -> Option<f64> {
    let b = w.as_bytes();
    if b.len() < 3 || b.len() > 9 {
        return None;
    }
    let mut buf = [0u8; 9];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    Some(match &buf[..b.len()] {
        b"zero" => 0.0,
        b"one" => 1.0,
        b"two" => 2.0,
        b"three" => 3.0,
        b"four" => 4.0,
        b"five" => 5.0,
        b"six" => 6.0,
        b"seven" => 7.0,
        b"eight" => 8.0,
        b"nine" => 9.0,
        b"ten" => 10.0,
        b"eleven" => 11.0,
        b"twelve" => 12.0,
        b"thirteen" => 13.0,
        b"fourteen" => 14.0,
        b"fifteen" => 15.0,
        b"sixteen" => 16.0,
        b"seventeen" => 17.0,
        b"eighteen" => 18.0,
        b"nineteen" => 19.0,
        b"twenty" => 20.0,
        b"thirty" => 30.0,
        b"forty" => 40.0,
        b"fifty" => 50.0,
        b"sixty" => 60.0,
        b"seventy" => 70.0,
        b"eighty" => 80.0,
        b"ninety" => 90.0,
        _ => return None,
    })
}

/// English magnitude words, also the abbreviations news uses.
fn english_magnitude(w: &str) -> Option<f64> {
    let lw = |s: &str| w.eq_ignore_ascii_case(s);
    Some(if lw("thousand") {
        1e3
    } else if lw("million") || lw("mn") || lw("mln") {
        1e6
    } else if lw("billion") || lw("bn") || lw("bln") {
        1e9
    } else if lw("trillion") || lw("tn") {
        1e12
    } else if lw("lakh") || lw("lakhs") {
        1e5
    } else if lw("crore") || lw("crores") {
        1e7
    } else {
        return None;
    })
}

#[inline]
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The ASCII word starting at `i` (letters only) and its end.
#[inline]
fn ascii_word(bytes: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
        j += 1;
    }
    j
}

/// After an Arabic number at `i`: an English magnitude (`k`, `bn`, ` million`)
/// or Chinese magnitude characters (`万`, `亿`, `千万`, `个亿`), with the
/// approximations 余/多 around them. Updates `n`.
fn magnitude_suffix(text: &str, n: &mut Number) {
    let bytes = text.as_bytes();
    let i = n.end;
    if i >= bytes.len() {
        return;
    }
    // Attached abbreviations: 10k, 5bn, 3mn, 2m, 1tn.
    if bytes[i].is_ascii_alphabetic() {
        let j = ascii_word(bytes, i);
        if j < bytes.len() && is_word_byte(bytes[j]) {
            return;
        }
        let w = &text[i..j];
        let m = if w.eq_ignore_ascii_case("k") {
            Some(1e3)
        } else if w == "m" || w == "M" {
            Some(1e6)
        } else if ["bn", "mn", "tn"].iter().any(|x| w.eq_ignore_ascii_case(x)) {
            english_magnitude(w)
        } else {
            None
        };
        if let Some(m) = m {
            n.value *= m;
            n.magnitude *= m;
            n.end = j;
            n.kind = NumKind::Mixed;
        }
        return;
    }
    // Spaced English magnitude: 3.12 billion, 1.5 million, 5 lakh.
    if bytes[i] == b' ' && i + 1 < bytes.len() && bytes[i + 1].is_ascii_alphabetic() {
        let j = ascii_word(bytes, i + 1);
        if j < bytes.len() && is_word_byte(bytes[j]) {
            return;
        }
        if let Some(m) = english_magnitude(&text[i + 1..j]) {
            n.value *= m;
            n.magnitude *= m;
            n.end = j;
            n.kind = NumKind::Mixed;
        }
        return;
    }
    cjk_magnitude_suffix(text, n);
}

/// Chinese magnitude characters after a number: 万 亿 千万 百亿 万亿 个亿 余万.
fn cjk_magnitude_suffix(text: &str, n: &mut Number) {
    let mut i = n.end;
    let mut mult = 1.0;
    let mut end = i;
    let mut approx = false;
    let mut saw_big = false;
    let mut chars = text[i..].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        let here = n.end + off;
        if let Some(u) = cjk_big_unit(c) {
            mult *= u;
            saw_big = true;
            end = here + c.len_utf8();
        } else if let Some(u) = cjk_small_unit(c) {
            // 5千万, 3百亿: a small unit only counts before a big one, or alone (5千).
            if saw_big {
                break;
            }
            mult *= u;
            end = here + c.len_utf8();
        } else if (c == '余' || c == '多') && !approx && end == here {
            // 200多亿, 十余万: only when a magnitude or currency follows.
            match chars.peek() {
                Some(&(_, nx)) if cjk_big_unit(nx).is_some() || cjk_small_unit(nx).is_some() => {
                    approx = true;
                    end = here + c.len_utf8();
                }
                Some(&(_, nx)) if c == '余' || is_money_char(nx) => {
                    if mult != 1.0 || c == '余' {
                        approx = true;
                        end = here + c.len_utf8();
                    }
                    break;
                }
                _ => break,
            }
        } else if c == '个' && end == here && mult == 1.0 {
            // 5个亿 (colloquial 5亿)
            match chars.peek() {
                Some(&(_, '亿')) => {
                    end = here + c.len_utf8();
                }
                _ => break,
            }
        } else {
            break;
        }
        i = end;
    }
    let _ = i;
    if mult != 1.0 {
        n.value *= mult;
        n.magnitude *= mult;
        n.cjk_magnitude |= saw_big;
        n.kind = if n.kind == NumKind::Chinese {
            NumKind::Chinese
        } else {
            NumKind::Mixed
        };
    }
    if end > n.end {
        n.approx |= approx;
        n.end = end;
    }
}

/// Characters that start a currency word right after a number (元, 美元, 块...).
#[inline]
fn is_money_char(c: char) -> bool {
    matches!(
        c,
        '元' | '圆' | '块' | '美' | '港' | '欧' | '日' | '英' | '人' | '台' | '澳'
    )
}

/// Reads an Arabic number at `at` (a digit): `1,500,000`, `3.12`, `12,34,567.89`.
fn scan_arabic(text: &str, at: usize) -> Number {
    let bytes = text.as_bytes();
    let mut i = at;
    let mut value = 0.0f64;
    let mut int_digits = 0usize;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        value = value * 10.0 + (bytes[i] - b'0') as f64;
        int_digits += 1;
        i += 1;
    }
    let mut grouped = false;
    // Thousands groups: ,ddd (and the Indian ,dd, before a further group).
    if int_digits <= 3 {
        loop {
            if i < bytes.len() && bytes[i] == b',' {
                let d3 = (1..=3).all(|k| bytes.get(i + k).is_some_and(u8::is_ascii_digit));
                let after3 = bytes.get(i + 4).is_some_and(u8::is_ascii_digit);
                if d3 && !after3 {
                    for k in 1..=3 {
                        value = value * 10.0 + (bytes[i + k] - b'0') as f64;
                    }
                    int_digits += 3;
                    i += 4;
                    grouped = true;
                    continue;
                }
                let d2 = (1..=2).all(|k| bytes.get(i + k).is_some_and(u8::is_ascii_digit));
                if d2 && bytes.get(i + 3) == Some(&b',') {
                    for k in 1..=2 {
                        value = value * 10.0 + (bytes[i + k] - b'0') as f64;
                    }
                    int_digits += 2;
                    i += 3;
                    grouped = true;
                    continue;
                }
            }
            break;
        }
    }
    let mut fraction = false;
    if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
        // Not a dotted date or version (2021.11.11, 1.2.3).
        let mut j = i + 1;
        let mut digits = 0.0f64;
        let mut scale = 1.0f64;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            digits = digits * 10.0 + (bytes[j] - b'0') as f64;
            scale *= 10.0;
            j += 1;
        }
        let frac = digits / scale;
        let dotted_again = j + 1 < bytes.len() && bytes[j] == b'.' && bytes[j + 1].is_ascii_digit();
        if !dotted_again {
            value += frac;
            fraction = true;
            i = j;
        }
    } else if bytes[i..].starts_with(b" point ") && bytes.get(i + 7).is_some_and(u8::is_ascii_digit)
    {
        // 1 point 1
        let mut j = i + 7;
        let mut scale = 0.1;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            value += (bytes[j] - b'0') as f64 * scale;
            scale /= 10.0;
            j += 1;
        }
        fraction = true;
        i = j;
    }
    let mut n = Number::new(at, i, value, NumKind::Arabic);
    n.fraction = fraction;
    n.int_digits = int_digits.min(255) as u8;
    n.grouped = grouped;
    n
}

/// Reads a Chinese numeral at `at`.
fn scan_chinese(text: &str, at: usize) -> Option<Number> {
    let mut end = at;
    let mut prev: Option<char> = None;
    let mut iter = text[at..].char_indices().peekable();
    while let Some((off, c)) = iter.next() {
        let ok = if c == '点' {
            // 三点五: only with a digit before and after.
            prev.is_some_and(|p| cjk_digit(p).is_some())
                && iter.peek().is_some_and(|&(_, n)| cjk_digit(n).is_some())
        } else if c == '余' || c == '多' {
            // 十余万, 二十多亿: only between a unit and a bigger unit.
            prev.is_some_and(|p| cjk_small_unit(p).is_some())
                && iter.peek().is_some_and(|&(_, n)| cjk_big_unit(n).is_some())
        } else if c == '几' {
            // 十几, 几十, 几百, 几万
            prev.is_some_and(|p| cjk_small_unit(p).is_some())
                || iter
                    .peek()
                    .is_some_and(|&(_, n)| cjk_small_unit(n).is_some() || cjk_big_unit(n).is_some())
        } else {
            is_cjk_numeral(c)
        };
        if !ok {
            break;
        }
        prev = Some(c);
        end = at + off + c.len_utf8();
    }
    if end == at {
        return None;
    }
    let s = &text[at..end];
    // A lone big unit (万 in 万众) is not a number.
    if s == "万" {
        return None;
    }
    let (value, approx) = parse_cjk(s)?;
    let mut n = Number::new(at, end, value, NumKind::Chinese);
    n.approx = approx;
    n.fraction = s.contains('点');
    let mut mag = 1.0;
    for c in s.chars() {
        if let Some(u) = cjk_big_unit(c) {
            mag *= u;
        }
    }
    if mag > 1.0 {
        n.magnitude = mag;
        n.cjk_magnitude = true;
    }
    // 5个亿
    if s.chars().all(|c| !matches!(c, '万' | '亿')) {
        cjk_magnitude_suffix(text, &mut n);
    }
    Some(n)
}

/// Reads English number words at `at`: `twenty`, `forty-two`, `one hundred
/// and five`, `a billion`, `one point three`, `five million`.
fn scan_english(text: &str, at: usize) -> Option<Number> {
    let bytes = text.as_bytes();
    let mut i = at;
    let mut total = 0.0;
    let mut current = 0.0;
    let mut end = at;
    let mut any_digit_word = false;
    let mut magnitude: f64 = 1.0;
    let mut fraction = false;
    let mut first = true;
    loop {
        let j = ascii_word(bytes, i);
        if j == i {
            break;
        }
        let w = &text[i..j];
        if first && (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an")) {
            // `a billion`, `a hundred`: only before a magnitude.
            if bytes.get(j) != Some(&b' ') {
                return None;
            }
            let k = ascii_word(bytes, j + 1);
            let nw = &text[j + 1..k];
            if english_magnitude(nw).is_none() && !nw.eq_ignore_ascii_case("hundred") {
                return None;
            }
            current = 1.0;
            any_digit_word = true;
            end = j;
        } else if let Some(v) = english_small(w) {
            // A tens word may take a hyphenated unit: forty-two.
            let mut v = v;
            let mut jj = j;
            if v >= 20.0 && bytes.get(j) == Some(&b'-') {
                let k = ascii_word(bytes, j + 1);
                if let Some(u) = english_small(&text[j + 1..k]).filter(|u| *u > 0.0 && *u < 10.0) {
                    v += u;
                    jj = k;
                }
            }
            let tens_then_unit = current % 100.0 >= 20.0 && current % 10.0 == 0.0 && v < 10.0;
            if any_digit_word && current % 100.0 != 0.0 && !tens_then_unit {
                break; // `five six`: two numbers
            }
            current += v;
            any_digit_word = true;
            end = jj;
            i = jj;
            first = false;
            if !advance_space(bytes, &mut i) {
                break;
            }
            continue;
        } else if w.eq_ignore_ascii_case("hundred") && any_digit_word {
            current *= 100.0;
            end = j;
        } else if let Some(m) = english_magnitude(w).filter(|_| any_digit_word) {
            if m >= 1e3 {
                total += current.max(1.0) * m;
                current = 0.0;
                magnitude = magnitude.max(m);
            }
            end = j;
        } else if w.eq_ignore_ascii_case("and")
            && any_digit_word
            && current >= 100.0
            && current % 100.0 == 0.0
        {
            // one hundred and five
            let k0 = j + 1;
            let k = ascii_word(bytes, k0);
            if bytes.get(j) == Some(&b' ') && english_small(&text[k0..k]).is_some() {
                i = k0;
                continue;
            }
            break;
        } else if w.eq_ignore_ascii_case("point") && any_digit_word && !fraction {
            // one point three
            let mut k = j;
            let mut scale = 0.1;
            let mut got = false;
            while bytes.get(k) == Some(&b' ') {
                let e = ascii_word(bytes, k + 1);
                match english_small(&text[k + 1..e]).filter(|d| *d < 10.0) {
                    Some(d) => {
                        current += d * scale;
                        scale /= 10.0;
                        got = true;
                        k = e;
                    }
                    None => break,
                }
            }
            if !got {
                break;
            }
            fraction = true;
            end = k;
            i = k;
            if !advance_space(bytes, &mut i) {
                break;
            }
            continue;
        } else {
            break;
        }
        first = false;
        i = j;
        if !advance_space(bytes, &mut i) {
            break;
        }
    }
    if !any_digit_word || end == at {
        return None;
    }
    if end < bytes.len() && is_word_byte(bytes[end]) {
        return None;
    }
    let mut n = Number::new(at, end, total + current, NumKind::English);
    n.magnitude = magnitude;
    n.fraction = fraction;
    Some(n)
}

/// Moves past one space; false when there is none.
#[inline]
fn advance_space(bytes: &[u8], i: &mut usize) -> bool {
    if bytes.get(*i) == Some(&b' ') {
        *i += 1;
        true
    } else {
        false
    }
}

/// Reads the number that starts at byte `at` of `text`, if one does. `at`
/// must be a character boundary. The caller decides whether `at` is a
/// sensible start; [`iter`] only tries where a number can begin.
pub fn scan(text: &str, at: usize) -> Option<Number> {
    let bytes = text.as_bytes();
    let b = *bytes.get(at)?;
    if b.is_ascii_digit() {
        let mut n = scan_arabic(text, at);
        magnitude_suffix(text, &mut n);
        return Some(n);
    }
    if b.is_ascii_alphabetic() {
        return scan_english(text, at);
    }
    if b >= 0xE3 {
        let c = text[at..].chars().next()?;
        if is_cjk_numeral_start(c) {
            return scan_chinese(text, at);
        }
    }
    None
}

/// The number that ends exactly at byte `end` of `text`, if one does: the
/// backwards counterpart of [`scan`] for matchers that find a sign first
/// (`30%`, `三成`, `30 percent`). Starts are tried from the farthest back, so
/// the whole number is found (`1,500.5`, `一万五千`, `twenty-five`).
pub fn ending_at(text: &str, end: usize) -> Option<Number> {
    let head = text.get(..end)?;
    let last = head.chars().next_back()?;
    if last.is_ascii_alphabetic() {
        // Up to six English words back.
        let b = head.as_bytes();
        let mut starts = Vec::new();
        let mut i = b.len();
        for _ in 0..6 {
            let mut j = i;
            while j > 0 && (b[j - 1].is_ascii_alphabetic() || b[j - 1] == b'-') {
                j -= 1;
            }
            if j == i {
                break;
            }
            starts.push(j);
            if j == 0 || b[j - 1] != b' ' {
                break;
            }
            i = j - 1;
        }
        for &s in starts.iter().rev() {
            if let Some(n) = scan_english(text, s).filter(|n| n.end == end) {
                return Some(n);
            }
        }
        return None;
    }
    // Digits, separators, Chinese numerals and magnitudes, at most 16 characters back.
    let mut start = end;
    for (count, (i, c)) in head.char_indices().rev().enumerate() {
        let ok = c.is_ascii_digit()
            || c == '.'
            || c == ','
            || is_cjk_numeral(c)
            || c == '余'
            || c == '多';
        if !ok || count >= 16 {
            break;
        }
        start = i;
    }
    let mut p = start;
    while p < end {
        let c = text[p..].chars().next()?;
        let prev_digit = p > 0 && text.as_bytes()[p - 1].is_ascii_digit();
        if (c.is_ascii_digit() && !prev_digit) || is_cjk_numeral_start(c) {
            if let Some(n) = scan(text, p).filter(|n| n.end == end) {
                return Some(n);
            }
        }
        p += c.len_utf8();
    }
    None
}

/// True when an English number word could start at `i` (cheap first-letter test).
#[inline]
fn english_start(b: u8) -> bool {
    matches!(
        b | 0x20,
        b'a' | b'e' | b'f' | b'n' | b'o' | b's' | b't' | b'z'
    )
}

/// Every number in `text`, in order, never overlapping.
pub fn iter(text: &str) -> Numbers<'_> {
    Numbers {
        text,
        pos: 0,
        classes: Cow::Owned(Classes::of(text)),
    }
}

/// [`iter`] over a folded text whose classes are already known.
pub fn iter_classified<'a>(text: &'a str, classes: &'a Classes) -> Numbers<'a> {
    Numbers {
        text,
        pos: 0,
        classes: Cow::Borrowed(classes),
    }
}

/// The characters a number can start with, for [`Classes`]: digits, the
/// first letters of English number words (both cases) and the Chinese
/// numerals' first characters.
pub(crate) fn start_chars() -> impl Iterator<Item = char> {
    let ascii = (0u8..0x80)
        .filter(|&b| b.is_ascii_digit() || (b.is_ascii_alphabetic() && english_start(b)))
        .map(char::from);
    // Three-byte characters led by E3..E9 (U+3000..U+9FFF) are the only
    // non-ASCII ones a numeral starts with.
    let cjk = ('\u{3000}'..='\u{9FFF}').filter(|&c| {
        let mut buf = [0u8; 4];
        let b = c.encode_utf8(&mut buf).as_bytes();
        may_start_cjk(b[0], b[1]) && is_cjk_numeral_start(c)
    });
    ascii.chain(cjk)
}

/// The iterator behind [`iter`].
pub struct Numbers<'a> {
    text: &'a str,
    pos: usize,
    classes: Cow<'a, Classes>,
}

impl Iterator for Numbers<'_> {
    type Item = Number;

    fn next(&mut self) -> Option<Number> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.pos;
        // Only characters marked as number starts: a Chinese numeral's first
        // character, a digit, the first letter of a word.
        while let Some(at) = self.classes.next(i, bytes.len(), NUMBER) {
            i = at;
            let b = bytes[i];
            if b >= 0x80 {
                if let Some(n) = scan_chinese(text, i) {
                    self.pos = n.end;
                    return Some(n);
                }
                i += super::script::utf8_len(b);
                continue;
            }
            if b.is_ascii_digit() {
                // Not a continuation of a decimal or grouped number (the 5 of 1.5).
                let prev = if i > 0 { bytes[i - 1] } else { b' ' };
                let cont =
                    (prev == b'.' || prev == b',') && i >= 2 && bytes[i - 2].is_ascii_digit();
                if cont {
                    i += 1;
                    continue;
                }
                let n = scan(text, i)?;
                self.pos = n.end.max(i + 1);
                return Some(n);
            }
            let j = ascii_word(bytes, i);
            let word_start = i == 0 || !is_word_byte(bytes[i - 1]);
            let word_end = j >= bytes.len() || !bytes[j].is_ascii_digit();
            let len = j - i;
            let candidate = english_start(b)
                && (len <= 2 && (b | 0x20) == b'a'
                    || (3..=9).contains(&len) && english_small(&text[i..j]).is_some());
            if word_start && word_end && candidate {
                if let Some(n) = scan_english(text, i) {
                    self.pos = n.end;
                    return Some(n);
                }
            }
            i = j.max(i + 1);
        }
        self.pos = bytes.len();
        None
    }
}

/// One bit per (lead byte, second byte) pair of a three-byte UTF-8
/// character, set when some character that can start a Chinese numeral
/// begins with that pair. For a three-byte character the pair is bits 6..16
/// of the code point.
const CJK_START_PAIRS: [u64; 16] = {
    const STARTS: &str = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万几";
    let b = STARTS.as_bytes();
    let mut t = [0u64; 16];
    let mut i = 0;
    while i + 2 < b.len() {
        let k = (((b[i] & 0x0F) as usize) << 6) | (b[i + 1] & 0x3F) as usize;
        t[k / 64] |= 1 << (k % 64);
        i += 3;
    }
    t
};

#[inline]
fn may_start_cjk(b0: u8, b1: u8) -> bool {
    let k = (((b0 & 0x0F) as usize) << 6) | (b1 & 0x3F) as usize;
    CJK_START_PAIRS[k / 64] & (1 << (k % 64)) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(s: &str) -> Number {
        iter(s).next().unwrap_or_else(|| panic!("no number in {s}"))
    }

    fn val(s: &str) -> f64 {
        first(s).value
    }

    fn span(s: &str) -> &str {
        let n = first(s);
        &s[n.start..n.end]
    }

    #[test]
    fn arabic_with_separators_and_decimals() {
        assert_eq!(val("1,500,000"), 1_500_000.0);
        assert_eq!(val("3.12"), 3.12);
        assert_eq!(val("12,34,567.89"), 1_234_567.89);
        assert_eq!(val("114816元"), 114816.0);
        assert!(first("1,500,000").grouped);
        // A list is not a grouped number.
        assert_eq!(span("1,2,3"), "1");
    }

    #[test]
    fn never_starts_inside_a_number() {
        let all: Vec<f64> = iter("1.5元/斤").map(|n| n.value).collect();
        assert_eq!(all, vec![1.5]);
        let all: Vec<f64> = iter("1,500 and 2").map(|n| n.value).collect();
        assert_eq!(all, vec![1500.0, 2.0]);
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_chinese("二百"), Some(200.0));
        assert_eq!(parse_chinese("两千"), Some(2000.0));
        assert_eq!(parse_chinese("三点五"), Some(3.5));
        assert_eq!(parse_chinese("一万五千"), Some(15000.0));
        assert_eq!(parse_chinese("一万五"), Some(15000.0));
        assert_eq!(parse_chinese("两千五"), Some(2500.0));
        assert_eq!(parse_chinese("三百零五"), Some(305.0));
        assert_eq!(parse_chinese("十余万"), Some(100000.0));
        assert_eq!(parse_chinese("十"), Some(10.0));
        assert_eq!(parse_chinese("十五"), Some(15.0));
        assert_eq!(parse_chinese("二〇一八"), Some(2018.0));
        assert_eq!(parse_chinese("三点五万亿"), Some(3.5e12));
        assert_eq!(parse_chinese("百万"), Some(1e6));
        assert_eq!(parse_chinese("一千二百万"), Some(1.2e7));
        assert_eq!(
            parse_chinese("四十九兆九千五百九十二亿"),
            Some(49_959_200_000_000.0)
        );
        assert_eq!(parse_chinese("abc"), None);
    }

    #[test]
    fn approximate_chinese_numerals() {
        let n = first("十余万元");
        assert_eq!(n.value, 100000.0);
        assert!(n.approx);
        let n = first("十几年");
        assert_eq!(&"十几年"[n.start..n.end], "十几");
        assert_eq!(n.value, 10.0);
        assert!(n.approx);
        let n = first("200多亿元");
        assert_eq!(n.value, 2e10);
        assert!(n.approx);
        assert_eq!(span("200多亿元"), "200多亿");
    }

    #[test]
    fn digits_with_chinese_magnitudes() {
        assert_eq!(val("1.5万"), 15000.0);
        assert_eq!(val("3.5万亿"), 3.5e12);
        assert_eq!(val("2.99亿"), 2.99e8);
        assert_eq!(val("1000万元"), 1e7);
        assert_eq!(val("5千万"), 5e7);
        assert_eq!(val("5个亿"), 5e8);
        let n = first("200亿元");
        assert_eq!(n.kind, NumKind::Mixed);
        assert!(n.cjk_magnitude);
        assert_eq!(n.magnitude, 1e8);
    }

    #[test]
    fn english_numbers() {
        assert_eq!(val("twenty"), 20.0);
        assert_eq!(val("forty-two cents"), 42.0);
        assert_eq!(val("3.12 billion"), 3.12e9);
        assert_eq!(val("1.5 million"), 1.5e6);
        assert_eq!(val("a billion dollars"), 1e9);
        assert_eq!(val("10k"), 1e4);
        assert_eq!(val("5bn"), 5e9);
        assert_eq!(val("3mn"), 3e6);
        assert_eq!(val("five million yen"), 5e6);
        assert_eq!(val("one hundred and five"), 105.0);
        assert_eq!(val("one point three"), 1.3);
        assert_eq!(val("1 point 1"), 1.1);
        assert_eq!(val("5 lakh"), 5e5);
        assert_eq!(first("twenty").kind, NumKind::English);
        // Not numbers: words that merely start like one.
        assert!(iter("often seven").next().is_some_and(|n| n.value == 7.0));
        assert!(iter("a cat").next().is_none());
        assert!(iter("tense").next().is_none());
    }

    #[test]
    fn numbers_ending_at_a_position() {
        let t = "增长1,500.5%";
        let n = ending_at(t, t.find('%').unwrap()).unwrap();
        assert_eq!(n.value, 1500.5);
        let t = "增长三十%";
        assert_eq!(ending_at(t, t.find('%').unwrap()).unwrap().value, 30.0);
        let t = "rose twenty-five percent";
        assert_eq!(
            ending_at(t, t.find(" percent").unwrap()).unwrap().value,
            25.0
        );
        let t = "共3个";
        assert!(ending_at(t, t.find('个').unwrap()).is_some());
        assert!(ending_at("abc", 3).is_none());
    }

    #[test]
    fn dotted_dates_are_not_decimals() {
        assert_eq!(span("2021.11.11"), "2021");
    }

    #[test]
    fn traditional_forms_after_folding() {
        let f = crate::extract::Folded::new("2萬(wàn)億元");
        assert_eq!(val(&f.text), 2e12);
        let f = crate::extract::Folded::new("兩千");
        assert_eq!(val(&f.text), 2000.0);
    }

    #[test]
    fn start_table_covers_every_start() {
        for u in 0x3000u32..0xA000 {
            let c = char::from_u32(u).unwrap_or(' ');
            if is_cjk_numeral_start(c) {
                let mut buf = [0u8; 4];
                let b = c.encode_utf8(&mut buf).as_bytes();
                assert!(may_start_cjk(b[0], b[1]), "{c}");
            }
        }
    }

    #[test]
    fn lone_units_are_not_numbers() {
        assert!(iter("万众创新").next().is_none());
        assert!(iter("亿万").next().is_none_or(|n| n.start > 0));
    }
}
