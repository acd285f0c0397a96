//! Chinese date expressions, read from the folded (simplified) text.

use super::num::{self, read_digits, read_zh};
use super::{lit, lit_any, lit_back, Cand, Rule, Sem, Sub, Tod, Year};

/// Words where a Chinese expression can start (or, for units, end: the
/// numeral before them is found by scanning back).
pub const TRIGGERS: &[&str] = &[
    // units, reached after a Chinese numeral
    "年",
    "月",
    "周",
    "星期",
    "礼拜",
    "季度",
    "天",
    "个月",
    "个星期",
    "小时",
    "个小时",
    "分钟",
    "钟头",
    "秒钟",
    "个季度",
    // days
    "昨",
    "今(",
    "明(",
    "前(",
    "昨日",
    "昨天",
    "昨晚",
    "今天",
    "今日",
    "今晚",
    "今早",
    "明天",
    "明日",
    "明晚",
    "明早",
    "前天",
    "后天",
    "大前天",
    "大后天",
    "当天",
    "当日",
    "同日",
    "这一天",
    "这天",
    // years
    "今年",
    "去年",
    "明年",
    "前年",
    "后年",
    "本年",
    "上年",
    "当年",
    "同年",
    "次年",
    "翌年",
    "上半年",
    "下半年",
    "年初",
    "年底",
    "年末",
    "年中",
    "新年伊始",
    // months
    "上月",
    "上个月",
    "本月",
    "这个月",
    "下月",
    "下个月",
    // weeks, quarters
    "本周",
    "上周",
    "下周",
    "这周",
    "这个星期",
    "上个星期",
    "下个星期",
    "上星期",
    "下星期",
    "本星期",
    "这礼拜",
    "上礼拜",
    "下礼拜",
    "周末",
    "本季度",
    "上季度",
    "下季度",
    // vague and half durations, sets
    "多年",
    "数年",
    "几年",
    "数月",
    "几个月",
    "数天",
    "几天",
    "数周",
    "几周",
    "半天",
    "半年",
    "半个月",
    "半小时",
    "半个小时",
    "每天",
    "每日",
    "每年",
    "每月",
    "每周",
    // times of day (with a clock after them)
    "凌晨",
    "早上",
    "早晨",
    "清晨",
    "上午",
    "中午",
    "下午",
    "傍晚",
    "晚上",
    "晚间",
    "夜间",
    // vague references
    "现在",
    "此时",
    "此刻",
    "当前",
    "目前",
    "如今",
    "当下",
    "近日",
    "最近",
    "而家",
    "依家",
    // Cantonese days and weeks
    "寻日",
    "听日",
    "后日",
    "前日",
    "今个星期",
    "今个礼拜",
    "今个月",
    "上个礼拜",
    "下个礼拜",
    "下年",
    "今晨",
    "每个星期",
    "每个月",
    "每个礼拜",
    "年代",
    "世纪",
    // festivals
    "双十一",
    "双11",
    "双十二",
    "双12",
    "元旦",
    "国庆节",
    "劳动节",
    "儿童节",
    "圣诞节",
    "平安夜",
    "情人节",
    "妇女节",
    "教师节",
    "愚人节",
    "万圣节",
    "建军节",
    "光棍节",
    "消费者权益日",
    "圣诞",
    "三一五",
    "阳历新年",
    "植树节",
    "青年节",
    "护士节",
    "建党节",
    "地球日",
    "国庆",
    "五一劳动节",
    "国际劳动节",
    "国际儿童节",
    "国际妇女节",
    "世界地球日",
    "元旦节",
    "秒",
    "个钟",
    "日",
    "个礼拜",
    "个周",
    "这一礼拜",
    "这一周",
    "这一星期",
    "春节",
    "农历新年",
    "新春",
    "除夕",
    "元宵节",
    "中秋节",
    "中秋",
    "端午节",
    "端午",
    "黑五",
    "黑色星期五",
    "立春",
    "惊蛰",
    "春分",
    "清明节",
    "清明",
    "谷雨",
    "立夏",
    "芒种",
    "夏至",
    "立秋",
    "处暑",
    "白露",
    "秋分",
    "寒露",
    "霜降",
    "立冬",
    "冬至",
    "复活节",
    "圣瓦伦丁节",
    "澳门回归纪念日",
    "香港回归纪念日",
    "季",
    "耶稣受难日",
    "主受难日",
    "主受难节",
    "濯足节",
    "圣灵降临节",
    "圣灵降临日",
    "五旬节",
    "棕枝主日",
    "圣枝主日",
    "大斋首日",
    "圣灰日",
    "圣灰礼仪日",
    "忏悔节",
    "复活节前夜",
    "主复活日",
    "基督圣体节",
    "耶稣升天节",
    "大年初一",
    "大年三十",
    "正月初一",
    "正月十五",
    "元宵",
];

/// The month and 21st-century constant (x1000) of a solar term. Terms that
/// double as weather words (大雪, 小寒, 雨水, 大暑) are left out.
fn solar_term(w: &str) -> Option<(u32, u32)> {
    Some(match w {
        "立春" => (2, 3870),
        "惊蛰" => (3, 5630),
        "春分" => (3, 20646),
        "清明" | "清明节" => (4, 4810),
        "谷雨" => (4, 20100),
        "立夏" => (5, 5520),
        "芒种" => (6, 5678),
        "夏至" => (6, 21370),
        "立秋" => (8, 7500),
        "处暑" => (8, 23130),
        "白露" => (9, 7646),
        "秋分" => (9, 23042),
        "寒露" => (10, 8318),
        "霜降" => (10, 23438),
        "立冬" => (11, 7438),
        "冬至" => (12, 21940),
        _ => return None,
    })
}

/// 第二季 (without 度): a quarter when 第 stands before the numeral.
fn ordinal_season(t: &str, s: usize, e: usize, v: u32, floor: usize) -> Option<Cand> {
    let x = lit(t, e, "季")?;
    if !(1..=4).contains(&v) || t[x..].starts_with(['节', '风']) {
        return None;
    }
    let st = lit_back(t, s, "第").filter(|p| *p >= floor)?;
    Some(Cand::new(
        st..x,
        cal(Year::Unknown, Some(Sub::Quarter(v)), None, None),
    ))
}

/// Days from Easter Sunday of the Christian feasts that move with it.
fn easter_offset(w: &str) -> Option<i32> {
    Some(match w {
        "耶稣受难日" => -2,
        "主受难日" => -2,
        "主受难节" => -2,
        "濯足节" => -3,
        "圣灵降临节" => 49,
        "圣灵降临日" => 49,
        "五旬节" => 49,
        "棕枝主日" => -7,
        "圣枝主日" => -7,
        "大斋首日" => -46,
        "圣灰日" => -46,
        "圣灰礼仪日" => -46,
        "忏悔节" => -47,
        "复活节前夜" => -1,
        "主复活日" => 0,
        "基督圣体节" => 60,
        "耶稣升天节" => 39,
        _ => return None,
    })
}

/// Days from the Spring Festival of the lunar dates named by a word.
fn lunar_offset(w: &str) -> Option<i32> {
    Some(match w {
        "大年初一" => 0,
        "大年三十" => -1,
        "正月初一" => 0,
        "正月十五" => 14,
        "元宵" => 14,
        _ => return None,
    })
}

/// The text is Taiwanese copy (folded, so in simplified script): it names
/// the island's currency, places or the 民国 calendar.
fn is_taiwan(t: &str) -> bool {
    ["新台币", "台湾", "台北", "民国", "台积电", "高雄", "台中"]
        .iter()
        .any(|w| t.contains(w))
}

/// `(6)日` at `i` (full-width brackets are folded): the end of 日.
fn bracketed_day(t: &str, i: usize) -> Option<usize> {
    let i = lit(t, i, "(")?;
    let (v, e, n) = read_digits(t.as_bytes(), i)?;
    if n > 2 || !(1..=31).contains(&v) {
        return None;
    }
    lit(t, lit(t, e, ")")?, "日")
}

/// What follows 日 when it means "daily" (日处理能力, 日均, 日产量).
const DAILY: &[&str] = &[
    "处理", "产", "均", "销", "供", "发", "吞吐", "接待", "用", "活",
];

/// Nouns that 数/几 count (客数, 人数, 户数): 数年 after them is not "years".
const COUNTED: [char; 12] = [
    '客', '人', '户', '件', '单', '店', '家', '次', '总', '指', '基', '岁',
];

/// Nouns that make a number of years an age, not a time (五年陈酿, 十年窖龄).
const AGED: &[&str] = &[
    "陈酿", "陈", "窖龄", "酒龄", "树龄", "房龄", "车龄", "工龄", "党龄", "教龄", "老窖",
];

/// A count of years at `e` is an age when an aged noun follows it
/// (五年以上陈酿, 十五年的陈酿).
pub(crate) fn is_age(t: &str, e: usize) -> bool {
    let mut j = e;
    for w in ["以上", "以下", "左右", "的"] {
        if let Some(x) = lit(t, j, w) {
            j = x;
        }
    }
    lit_any(t, j, AGED).is_some()
}

/// Triggers that are only units: without a numeral before them they start nothing.
pub const UNIT_ONLY: &[&str] = &[
    "年",
    "月",
    "日",
    "天",
    "季度",
    "小时",
    "个小时",
    "分钟",
    "钟头",
    "秒钟",
    "个季度",
    "个星期",
    "秒",
    "个钟",
    "个礼拜",
    "个周",
    "个月",
    "年代",
    "季",
];

const FESTIVALS: &[(&str, u32, u32)] = &[
    ("双十一", 11, 11),
    ("双11", 11, 11),
    ("双十二", 12, 12),
    ("双12", 12, 12),
    ("元旦", 1, 1),
    ("国庆节", 10, 1),
    ("劳动节", 5, 1),
    ("儿童节", 6, 1),
    ("圣诞节", 12, 25),
    ("平安夜", 12, 24),
    ("情人节", 2, 14),
    ("妇女节", 3, 8),
    ("教师节", 9, 10),
    ("愚人节", 4, 1),
    ("万圣节", 10, 31),
    ("建军节", 8, 1),
    ("光棍节", 11, 11),
    ("消费者权益日", 3, 15),
    ("圣诞", 12, 25),
    ("三一五", 3, 15),
    ("阳历新年", 1, 1),
    ("植树节", 3, 12),
    ("青年节", 5, 4),
    ("护士节", 5, 12),
    ("建党节", 7, 1),
    ("地球日", 4, 22),
    ("国庆", 10, 1),
    ("五一劳动节", 5, 1),
    ("国际劳动节", 5, 1),
    ("国际儿童节", 6, 1),
    ("国际妇女节", 3, 8),
    ("世界地球日", 4, 22),
    ("元旦节", 1, 1),
    ("圣瓦伦丁节", 2, 14),
    ("澳门回归纪念日", 12, 20),
    ("香港回归纪念日", 7, 1),
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Unit {
    Y,
    Mo,
    W,
    D,
    H,
    Mi,
    S,
    Q,
}

/// A number at `i`: ASCII digits (at most `max_digits`) or a Chinese numeral.
/// Returns (value, end, approx).
fn number(t: &str, i: usize, max_digits: usize) -> Option<(u32, usize, bool)> {
    let b = t.as_bytes();
    if i < b.len() && b[i].is_ascii_digit() {
        let (v, e, n) = read_digits(b, i)?;
        return (n <= max_digits).then_some((v as u32, e, false));
    }
    let n = read_zh(t, i)?;
    Some((n.value, n.end, n.approx))
}

fn weekday_char(t: &str, i: usize) -> Option<(u32, usize)> {
    let c = t.get(i..)?.chars().next()?;
    let d = match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '日' | '天' => 7,
        '1'..='7' => c as u32 - '0' as u32,
        _ => return None,
    };
    Some((d, i + c.len_utf8()))
}

/// 初 that means "early in", not 初步, 初次.
fn is_start_word(t: &str, i: usize) -> Option<usize> {
    let e = lit(t, i, "初")?;
    match t[e..].chars().next() {
        Some(c) if in_set!("步次级期中心衷创始选赛审试见露稿具夏冬春秋", c) => {
            None
        }
        _ => Some(e),
    }
}

/// A time of day after a day (or alone): part-of-day word and/or clock.
/// Returns (end, tod) when anything was read.
pub(crate) fn tod_cont(t: &str, i: usize) -> Option<(usize, Tod)> {
    const PARTS: &[(&str, &str)] = &[
        ("凌晨", "EM"),
        ("早上", "MO"),
        ("早晨", "MO"),
        ("清晨", "MO"),
        ("上午", "MO"),
        ("中午", "MI"),
        ("下午", "AF"),
        ("傍晚", "EV"),
        ("晚上", "EV"),
        ("晚间", "EV"),
        ("早间", "MO"),
        ("夜间", "NI"),
        ("夜里", "NI"),
        ("晚", "EV"),
        ("早", "MO"),
    ];
    let mut j = i;
    if t.as_bytes().get(j) == Some(&b' ') {
        j += 1;
    }
    let mut part = None;
    for (w, p) in PARTS {
        if let Some(e) = lit(t, j, w) {
            part = Some(*p);
            j = e;
            break;
        }
    }
    if let Some((e, h, m, s)) = clock(t, j) {
        let h = match part {
            Some("AF" | "EV" | "NI") if h < 12 => h + 12,
            Some("MI") if h < 4 => h + 12,
            _ => h,
        };
        return Some((e, Tod::Clock(h, m, s)));
    }
    // 早 or 晚 alone only stand with a clock.
    match part {
        Some(p) if j - i > 3 || !matches!(t.get(i..j), Some("早") | Some("晚")) => {
            Some((j, Tod::Part(if p == "EM" { "MO" } else { p })))
        }
        Some(p) if p == "EV" => Some((j, Tod::Part(p))),
        _ => None,
    }
}

/// 6时, 9点30分, 两点半, 10:19:09: (end, hour, minute, second).
fn clock(t: &str, i: usize) -> Option<(usize, u32, u32, Option<u32>)> {
    let b = t.as_bytes();
    if i < b.len() && b[i].is_ascii_digit() {
        if let Some(r) = colon_clock(t, i) {
            return Some(r);
        }
    }
    // 零时 is midnight; 零点 too, unless a decimal follows (零点五 = 0.5)
    if let Some(x) = lit(t, i, "零时") {
        return Some((x, 0, 0, None));
    }
    if let Some(x) = lit(t, i, "零点") {
        let next = t[x..].chars().next();
        if !next.is_some_and(|c| c.is_ascii_digit() || in_set!("零一二三四五六七八九几", c))
        {
            return Some((x, 0, 0, None));
        }
    }
    let (h, e, approx) = number(t, i, 2)?;
    if approx || h > 24 {
        return None;
    }
    let e = lit(t, e, "时").or_else(|| lit(t, e, "点"))?;
    let e = lit(t, e, "钟").unwrap_or(e);
    if let Some(x) = lit(t, e, "半") {
        return Some((x, h, 30, None));
    }
    if let Some(x) = lit(t, e, "一刻") {
        return Some((x, h, 15, None));
    }
    if let Some(x) = lit(t, e, "三刻") {
        return Some((x, h, 45, None));
    }
    if let Some((m, me, false)) = number(t, e, 2) {
        if m < 60 {
            if let Some(x) = lit(t, me, "分") {
                return Some((x, h, m, None));
            }
            // 九点二十: spoken minutes without 分 (never digits: 3点5 is a decimal)
            let zh_minutes = !t.as_bytes()[e].is_ascii_digit();
            let next = t[me..].chars().next();
            if zh_minutes && m >= 10 && !next.is_some_and(|c| in_set!("万亿元个%", c)) {
                return Some((me, h, m, None));
            }
        }
    }
    Some((e, h, 0, None))
}

/// HH:MM or HH:MM:SS.
pub(crate) fn colon_clock(t: &str, i: usize) -> Option<(usize, u32, u32, Option<u32>)> {
    let b = t.as_bytes();
    let (h, e, n) = read_digits(b, i)?;
    if n > 2 || h > 24 || b.get(e) != Some(&b':') {
        return None;
    }
    let (m, e2, n2) = read_digits(b, e + 1)?;
    if n2 != 2 || m > 59 {
        return None;
    }
    let mut end = e2;
    let mut sec = None;
    if b.get(e2) == Some(&b':') {
        if let Some((s, e3, 2)) = read_digits(b, e2 + 1) {
            if s < 60 {
                sec = Some(s as u32);
                end = e3;
            }
        }
    }
    if b.get(end).is_some_and(|c| c.is_ascii_digit() || *c == b':') {
        return None;
    }
    Some((end, h as u32, m as u32, sec))
}

fn cal(year: Year, sub: Option<Sub>, day: Option<u32>, tod: Option<Tod>) -> Sem {
    Sem::Cal {
        year,
        sub,
        day,
        tod,
        modifier: None,
    }
}

fn cal_mod(year: Year, sub: Option<Sub>, modifier: &'static str) -> Sem {
    Sem::Cal {
        year,
        sub,
        day: None,
        tod: None,
        modifier: Some(modifier),
    }
}

/// After a month (`e` is past 月): a day and time, or 初/中旬/底.
fn month_cont(t: &str, s: usize, e: usize, year: Year, m: u32) -> Cand {
    let e = lit(t, e, "份").unwrap_or(e);
    let sub = Some(Sub::Month(m));
    if let Some((d, de, false)) = number(t, e, 2) {
        if (1..=31).contains(&d) {
            if let Some((_, x)) = lit_any(t, de, &["日", "号"]) {
                if let Some((te, tod)) = tod_cont(t, x) {
                    return Cand::new(s..te, cal(year, sub, Some(d), Some(tod)));
                }
                return Cand::new(s..x, cal(year, sub, Some(d), None));
            }
        }
    }
    // 十月初一: the first ten days are written 初一..初十
    if let Some(x) = lit(t, e, "初") {
        if let Some((d, de, false)) = number(t, x, 0) {
            if (1..=10).contains(&d) {
                return day_cont(t, s, de, year, sub, d);
            }
        }
    }
    // 八月十五 (no 日): a Chinese numeral day before punctuation or a time of day
    if let Some((d, de, false)) = number(t, e, 0) {
        if (1..=31).contains(&d) {
            let next = t[de..].chars().next();
            let ends = next.is_none_or(|c| !c.is_alphanumeric() && !num::is_zh_num_char(c));
            if ends || tod_cont(t, de).is_some() {
                return day_cont(t, s, de, year, sub, d);
            }
        }
    }
    if let Some(x) = is_start_word(t, e) {
        return Cand::new(s..x, cal_mod(year, sub, "START"));
    }
    if let Some((k, x)) = lit_any(t, e, &["上旬", "中旬", "下旬", "底", "末"]) {
        let m = ["START", "MID", "END", "END", "END"][k];
        return Cand::new(s..x, cal_mod(year, sub, m));
    }
    Cand::new(s..e, cal(year, sub, None, None))
}

/// A day read up to `x`, then an optional time of day.
fn day_cont(t: &str, s: usize, x: usize, year: Year, sub: Option<Sub>, d: u32) -> Cand {
    if let Some((te, tod)) = tod_cont(t, x) {
        return Cand::new(s..te, cal(year, sub, Some(d), Some(tod)));
    }
    Cand::new(s..x, cal(year, sub, Some(d), None))
}

/// After a year (`e` is past 年, or past the digits of 2018新年伊始).
fn year_cont(t: &str, s: usize, e: usize, year: Year) -> Cand {
    // 2025年Q3: mixed copy writes the quarter the English way
    if let [b'Q', q @ b'1'..=b'4', rest @ ..] = &t.as_bytes()[e..] {
        if !rest.first().is_some_and(u8::is_ascii_alphanumeric) {
            let q = u32::from(q - b'0');
            return Cand::new(s..e + 2, cal(year, Some(Sub::Quarter(q)), None, None));
        }
    }
    if let Some(x) = lit(t, e, "新年伊始") {
        return Cand::new(s..x, cal_mod(year, Some(Sub::Month(1)), "START"));
    }
    if let Some((_, x)) = lit_any(t, e, &["年底", "年末", "年终", "底", "末"]) {
        return Cand::new(s..x, cal_mod(year, Some(Sub::Month(12)), "END"));
    }
    if let Some(x) = lit(t, e, "年初").or_else(|| is_start_word(t, e)) {
        return Cand::new(s..x, cal_mod(year, Some(Sub::Month(1)), "START"));
    }
    if let Some(x) = lit(t, e, "年中") {
        return Cand::new(s..x, cal_mod(year, None, "MID"));
    }
    if let Some((k, x)) = lit_any(t, e, &["上半年", "下半年"]) {
        return Cand::new(s..x, cal(year, Some(Sub::Half(k as u32 + 1)), None, None));
    }
    if let Some((_, x)) = lit_any(t, e, &["一年", "全年", "整年"]) {
        if !t[x..].starts_with(['多', '半', '内', '来', '后', '前']) {
            return Cand::new(s..x, cal(year, None, None, None));
        }
    }
    // seasons: 今年的冬天, 2015年夏季
    {
        let j = lit(t, e, "的").unwrap_or(e);
        const SEASONS: &[&str] = &[
            "春天", "春季", "夏天", "夏季", "秋天", "秋季", "冬天", "冬季",
        ];
        if let Some((k, x)) = lit_any(t, j, SEASONS) {
            let code = ["SP", "SP", "SU", "SU", "FA", "FA", "WI", "WI"][k];
            return Cand::new(s..x, cal(year, Some(Sub::Season(code)), None, None));
        }
    }
    // quarters: 第三季度, 一季度, 四季度
    {
        let j = lit(t, e, "第").unwrap_or(e);
        if let Some((q, qe, false)) = number(t, j, 1) {
            if (1..=4).contains(&q) {
                if let Some((_, x)) = lit_any(t, qe, &["季度", "季"]) {
                    return Cand::new(s..x, cal(year, Some(Sub::Quarter(q)), None, None));
                }
            }
        }
    }
    // festivals right after the year: 今年双十一, 2021年3·15
    if let Some((m, d, x)) = festival_at(t, e, true) {
        return Cand::new(s..x, cal(year, Some(Sub::Month(m)), Some(d), None));
    }
    let j = if t.as_bytes().get(e) == Some(&b' ') {
        e + 1
    } else {
        e
    };
    if let Some((m, me, false)) = number(t, j, 2) {
        if (1..=12).contains(&m) {
            if let Some(x) = lit(t, me, "月") {
                return month_cont(t, s, x, year, m);
            }
        }
    }
    Cand::new(s..e, cal(year, None, None, None))
}

/// A shopping festival written with digits or as a word at `i`.
/// `after_year`: the festival directly follows a year, which is context enough.
fn festival_at(t: &str, i: usize, after_year: bool) -> Option<(u32, u32, usize)> {
    for (w, m, d) in FESTIVALS.iter().take(4) {
        if let Some(x) = lit(t, i, w) {
            return Some((*m, *d, x));
        }
    }
    let b = t.as_bytes();
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (v, e, n) = read_digits(b, i)?;
    let next_ok = |x: usize| {
        let c = t[x..].chars().next();
        !c.is_some_and(|c| {
            c.is_ascii_digit()
                || c == '.'
                || c == '%'
                || in_set!("万亿元个家名人吨件次米号台辆倍岁分", c)
        })
    };
    if v == 11 && n == 2 {
        if let Some(x) = lit(t, e, ".11") {
            if next_ok(x) && (after_year || festival_context(t, i, x)) {
                return Some((11, 11, x));
            }
        }
    }
    if v == 618 && n == 3 && next_ok(e) && (after_year || festival_context(t, i, e)) {
        return Some((6, 18, e));
    }
    if v == 3 && n == 1 {
        if let Some(x) = lit(t, e, "·15").or_else(|| lit(t, e, "•15")) {
            if next_ok(x) {
                return Some((3, 15, x));
            }
        }
        if let Some(x) = lit(t, e, ".15") {
            if next_ok(x) && lit_any(t, x, &["晚会", "消费者", "国际", "当天", "期间"]).is_some()
            {
                return Some((3, 15, x));
            }
        }
    }
    None
}

/// A festival written as a number needs a year or a shopping word nearby.
fn festival_context(t: &str, s: usize, e: usize) -> bool {
    let mut lo = s.saturating_sub(30);
    while !t.is_char_boundary(lo) {
        lo += 1;
    }
    let before = &t[lo..s];
    let year_before = before
        .char_indices()
        .any(|(k, c)| c == '年' && before[..k].ends_with(|d: char| d.is_ascii_digit()));
    let shop = [
        "京东",
        "天猫",
        "淘宝",
        "苏宁",
        "阿里",
        "电商",
        "拼多多",
        "JD",
        "Tmall",
        "Taobao",
        "Alibaba",
        "Pinduoduo",
        "e-commerce",
    ]
    .iter()
    .any(|w| before.contains(w));
    let after = lit_any(
        t,
        e,
        &[
            "期间",
            "大促",
            "购物节",
            "狂欢节",
            "当天",
            "当日",
            "开门红",
            "活动",
            "促销",
            "前夕",
            "预售",
            " shopping",
            " festival",
            " sales",
            " sale",
            " promotion",
            " mid-year",
            " event",
        ],
    )
    .is_some();
    year_before || shop || after
}

/// The unit after a count: 年, 个月, 天, 小时...
fn unit_at(t: &str, i: usize) -> Option<(Unit, usize)> {
    // 6 天: one space may stand between a count in digits and its unit
    let i = if t.as_bytes().get(i) == Some(&b' ') && t[..i].ends_with(|c: char| c.is_ascii_digit())
    {
        i + 1
    } else {
        i
    };
    // 两日前, 三日之后: 日 counts days only before 前/后
    if let Some(x) = lit(t, i, "日") {
        if lit_any(t, x, &["前", "后", "之前", "之后", "以前", "以后"]).is_some() {
            return Some((Unit::D, x));
        }
    }
    const UNITS: &[(&str, Unit)] = &[
        ("年", Unit::Y),
        ("个多月", Unit::Mo),
        ("个月", Unit::Mo),
        ("个星期", Unit::W),
        ("个礼拜", Unit::W),
        ("星期", Unit::W),
        ("周", Unit::W),
        ("天", Unit::D),
        ("个小时", Unit::H),
        ("小时", Unit::H),
        ("个钟头", Unit::H),
        ("钟头", Unit::H),
        ("个钟", Unit::H),
        ("个周", Unit::W),
        ("分钟", Unit::Mi),
        ("秒钟", Unit::S),
        ("秒", Unit::S),
        ("个季度", Unit::Q),
    ];
    for (w, u) in UNITS {
        if let Some(x) = lit(t, i, w) {
            let next = t[x..].chars().next();
            let bad = match u {
                Unit::Y => next.is_some_and(|c| in_set!("级龄代轻期薪度货会终份轮利息化", c)),
                Unit::W => next.is_some_and(|c| in_set!("年岁边期围刊报一二三四五六日末", c)),
                Unit::D => next.is_some_and(|c| in_set!("猫津然使空际价地下气堂花线平鹅", c)),
                Unit::S => next.is_some_and(|c| in_set!("杀表针", c)),
                _ => false,
            };
            if bad {
                return None;
            }
            return Some((*u, x));
        }
    }
    None
}

fn unit_code(u: Unit) -> (&'static str, &'static str) {
    match u {
        Unit::Y => ("P", "Y"),
        Unit::Mo => ("P", "M"),
        Unit::W => ("P", "W"),
        Unit::D => ("P", "D"),
        Unit::H => ("PT", "H"),
        Unit::Mi => ("PT", "M"),
        Unit::S => ("PT", "S"),
        Unit::Q => ("P", "M"),
    }
}

/// A count and its unit (`s..e` is the count, `ue` the end of the unit).
fn duration_cont(
    t: &str,
    s: usize,
    ue: usize,
    v: u32,
    approx: bool,
    u: Unit,
    floor: usize,
) -> Option<Cand> {
    if v == 0 || v > 1000 || (u == Unit::Y && v > 200) {
        return None;
    }
    // ordinals (第三年) and ages are not durations
    if lit_back(t, s, "第").is_some() {
        return None;
    }
    if lit_back(t, s, "每").is_some_and(|x| x >= floor) {
        let (p, c) = unit_code(u);
        let n = if u == Unit::Q { v * 3 } else { v };
        return Some(Cand::new(
            s - "每".len()..ue,
            Sem::Set(format!("{p}{n}{c}")),
        ));
    }
    let mut start = s;
    // 首 is "the first" as 前 is (今年首八个月)
    for w in [
        "未来", "今后", "最近", "近", "前", "首", "过去", "上", "下", "后",
    ] {
        if let Some(x) = lit_back(t, s, w) {
            if x < floor {
                continue;
            }
            // 过去 stays out of the span (过去十几年 -> 十几年) but is no 前
            if w == "过去" {
                break;
            }
            if matches!(w, "上" | "下" | "后")
                && t[..x]
                    .chars()
                    .next_back()
                    .is_some_and(super::super::script::is_han)
            {
                continue;
            }
            if w == "前" {
                let mut back = t[..x].chars().rev();
                let prev = back.next();
                // 今年前三季度, 2024年前8个月: a named year's first months
                let named_year = prev == Some('年')
                    && back.next().is_some_and(|c| {
                        in_set!("今去明当本上〇零一二三四五六七八九", c) || c.is_ascii_digit()
                    });
                if !named_year && prev.is_some_and(|c| in_set!("提之以目此日当眼面空年先从月天", c))
                {
                    continue;
                }
            }
            start = x;
            break;
        }
    }
    let (p, c) = unit_code(u);
    let n = if u == Unit::Q { v * 3 } else { v };
    let code = c;
    let mut end = ue;
    let mut half = false;
    if u == Unit::Y && !approx {
        if let Some(x) = lit(t, ue, "半") {
            half = true;
            end = x;
        }
    }
    if let Some((_, x)) = lit_any(t, end, &["以内", "之内", "内", "以来", "来"]) {
        end = x;
    } else if !approx && start == s {
        let later = lit_any(t, end, &["以后", "之后", "后"]);
        let before = lit_any(t, end, &["以前", "之前", "前"]);
        let sign = if later.is_some() { 1 } else { -1 };
        if let Some((_, x)) = later.or(before) {
            let k = sign * v as i32;
            let sem = match u {
                Unit::Y => Some(Sem::YearsFrom(k)),
                Unit::D => Some(Sem::RelDay {
                    offset: k,
                    tod: None,
                }),
                Unit::Mo => Some(Sem::RelMonth {
                    offset: k,
                    day: None,
                    modifier: None,
                }),
                _ => None,
            };
            if let Some(sem) = sem {
                return Some(Cand::new(s..x, sem));
            }
        }
    }
    Some(Cand::new(
        start..end,
        Sem::Duration {
            timex: if half {
                format!("{p}{n}.5{code}")
            } else {
                format!("{p}{n}{code}")
            },
            modifier: approx.then_some("APPROX"),
        },
    ))
}

/// An expression that starts with a number at `s` (ASCII digits or a
/// Chinese numeral).
pub(crate) fn at_number(t: &str, s: usize, floor: usize) -> Option<Cand> {
    let b = t.as_bytes();
    if b[s].is_ascii_digit() {
        let (v, e, n) = read_digits(b, s)?;
        if n == 4 && matches!(b.get(e), Some(b'-' | b'/' | b'.')) {
            if let Some(c) = iso(t, s, v as i32, e) {
                return Some(c);
            }
        }
        if n <= 2 && b.get(e) == Some(&b':') {
            let (x, h, m, sec) = colon_clock(t, s)?;
            return Some(Cand::new(s..x, Sem::TimeOnly(Tod::Clock(h, m, sec))));
        }
        if let Some((m, d, x)) = festival_at(t, s, false) {
            return Some(Cand::new(
                s..x,
                cal(Year::Unknown, Some(Sub::Month(m)), Some(d), None),
            ));
        }
        // 07 年: one space is tolerated before 年
        let ye = if b.get(e) == Some(&b' ') && lit(t, e + 1, "年").is_some() {
            e + 1
        } else {
            e
        };
        if n == 4 && (1000..=2999).contains(&v) {
            if let Some(x) = lit(t, ye, "年") {
                if t[x..].starts_with('代') {
                    return Some(Cand::new(
                        s..x + '代'.len_utf8(),
                        Sem::Timex(format!("{}", v / 10)),
                    ));
                }
                if !t[x..].starts_with(['级', '龄']) {
                    return Some(year_cont(t, s, x, Year::Explicit(v as i32)));
                }
            }
            if lit(t, e, "新年伊始").is_some() {
                return Some(year_cont(t, s, e, Year::Explicit(v as i32)));
            }
            return None;
        }
        if n <= 2 {
            if let Some(c) = decade_or_century(t, s, e, v as u32, floor) {
                return Some(c);
            }
        }
        if n == 2 && b[s] == b'0' {
            if let Some(x) = lit(t, ye, "年") {
                return Some(year_cont(t, s, x, Year::Explicit(2000 + v as i32)));
            }
        }
        if n <= 2 && (1..=12).contains(&v) {
            if let Some(x) = lit(t, e, "月") {
                // 前9月累計: the first nine months (Taiwan writes no 个)
                if let Some(st) = lit_back(t, s, "前").filter(|p| *p >= floor) {
                    if lit_any(
                        t,
                        x,
                        &["累计", "合计", "共", "营收", "营业", "销售", "获利", "盈利"],
                    )
                    .is_some()
                    {
                        return Some(Cand::new(
                            st..x,
                            Sem::Duration {
                                timex: format!("P{v}M"),
                                modifier: None,
                            },
                        ));
                    }
                }
                return Some(month_cont(t, s, x, Year::Unknown, v as u32));
            }
        }
        // 民國 years in Taiwan copy: 112年 is 2023 (a count of 112 years is not news)
        if n == 3 && (80..=150).contains(&v) && lit(t, ye, "年").is_some() && is_taiwan(t) {
            let x = lit(t, ye, "年")?;
            return Some(year_cont(t, s, x, Year::Explicit(v as i32 + 1911)));
        }
        if n <= 2 && (1..=31).contains(&v) {
            if let Some((k, x)) = lit_any(t, e, &["日", "号"]) {
                let next = t[x..].chars().next();
                let bad = k == 1
                    && (next.is_some_and(|c| in_set!("线楼院店馆文令选机门窗位球车", c))
                        || lit_back(t, s, "第").is_some());
                if !bad && lit_back(t, s, ".").is_none() {
                    if let Some((te, tod)) = tod_cont(t, x) {
                        return Some(Cand::new(
                            s..te,
                            cal(Year::Unknown, None, Some(v as u32), Some(tod)),
                        ));
                    }
                    return Some(Cand::new(
                        s..x,
                        cal(Year::Unknown, None, Some(v as u32), None),
                    ));
                }
            }
        }
        if n <= 2 && v <= 24 && lit_any(t, e, &["时", "点"]).is_some() {
            if let Some((x, h, m, _)) = clock(t, s) {
                // a bare 3点 is too often something else; need minutes or 钟
                if x > e + 3 {
                    return Some(Cand::new(s..x, Sem::TimeOnly(Tod::Clock(h, m, None))));
                }
            }
        }
        if n <= 4 {
            if let Some((u, ue)) = unit_at(t, ye) {
                return duration_cont(t, s, ue, v as u32, false, u, floor);
            }
            if let Some(x) = lit(t, e, "季度") {
                if (1..=4).contains(&v) && lit_back(t, s, "前").is_none() {
                    let st = lit_back(t, s, "第").filter(|x| *x >= floor).unwrap_or(s);
                    return Some(Cand::new(
                        st..x,
                        cal(Year::Unknown, Some(Sub::Quarter(v as u32)), None, None),
                    ));
                }
                // 前3季度: the first three quarters, nine months
                if (1..=4).contains(&v) {
                    return duration_cont(t, s, x, v as u32, false, Unit::Q, floor);
                }
            }
            // 第3季 (Taiwan and Hong Kong write the quarter without 度)
            if let Some(c) = ordinal_season(t, s, e, v as u32, floor) {
                return Some(c);
            }
        }
        return None;
    }
    // Chinese numerals
    if t[s..].starts_with(['几', '多', '余', '半']) {
        return None;
    }
    let n = read_zh(t, s)?;
    let e = n.end;
    if !n.approx {
        if let Some(c) = decade_or_century(t, s, e, n.value, floor) {
            return Some(c);
        }
    }
    if n.positional && n.digits == 4 {
        if let Some(x) = lit(t, e, "年") {
            return Some(year_cont(t, s, x, Year::Explicit(n.value as i32)));
        }
    }
    if !n.positional && !n.approx && (1000..=2999).contains(&n.value) {
        if let Some(x) = lit(t, e, "年") {
            if let Some((m, me, false)) = number(t, x, 2) {
                if (1..=12).contains(&m) && lit(t, me, "月").is_some() {
                    return Some(year_cont(t, s, x, Year::Explicit(n.value as i32)));
                }
            }
        }
    }
    if !n.approx && (1..=12).contains(&n.value) && !n.positional {
        if let Some(x) = lit(t, e, "月") {
            if !t[x..].starts_with(['内', '来', '后', '前']) {
                return Some(month_cont(t, s, x, Year::Unknown, n.value));
            }
        }
    }
    if let Some(x) = lit(t, e, "季度") {
        if !n.approx && (1..=4).contains(&n.value) && lit_back(t, s, "前").is_none() {
            let st = lit_back(t, s, "第").filter(|x| *x >= floor).unwrap_or(s);
            return Some(Cand::new(
                st..x,
                cal(Year::Unknown, Some(Sub::Quarter(n.value)), None, None),
            ));
        }
        // 前三季度: the first three quarters, nine months
        if !n.approx && (1..=4).contains(&n.value) {
            return duration_cont(t, s, x, n.value, false, Unit::Q, floor);
        }
    }
    if let Some((u, ue)) = unit_at(t, e) {
        return duration_cont(t, s, ue, n.value, n.approx, u, floor);
    }
    if !n.approx {
        return ordinal_season(t, s, e, n.value, floor);
    }
    None
}

/// 90年代 (199), 上世纪90年代, 20世纪80年代 (198), 十九世纪 (18).
/// `s..e` is the number; the century prefix may stand before it.
fn decade_or_century(t: &str, s: usize, e: usize, v: u32, floor: usize) -> Option<Cand> {
    if let Some(x) = lit(t, e, "世纪") {
        if !(1..=30).contains(&v) {
            return None;
        }
        return Some(century_cont(t, s, x, v as i32 - 1));
    }
    let x = lit(t, e, "年代")?;
    if v % 10 != 0 || v > 90 {
        return None;
    }
    let (start, base) = if let Some(p) = lit_back(t, s, "上世纪").filter(|p| *p >= floor) {
        (p, 19)
    } else if let Some(p) = lit_back(t, s, "本世纪").filter(|p| *p >= floor) {
        (p, 20)
    } else {
        (s, if v <= 10 { 20 } else { 19 })
    };
    Some(Cand::new(start..x, Sem::Timex(format!("{base}{}", v / 10))))
}

/// After 世纪 (`e`), with the century's first two year digits: an optional decade.
fn century_cont(t: &str, s: usize, e: usize, base: i32) -> Cand {
    if let Some((d, de, false)) = number(t, e, 2) {
        if let Some(x) = lit(t, de, "年代") {
            if d % 10 == 0 && d <= 90 {
                return Cand::new(s..x, Sem::Timex(format!("{base:02}{}", d / 10)));
            }
        }
    }
    Cand::new(s..e, Sem::Timex(format!("{base:02}")))
}

/// 2014-12-23 10:19:09, 2018/1/17, 2010.01.29, 2018-01.
fn iso(t: &str, s: usize, y: i32, e: usize) -> Option<Cand> {
    let b = t.as_bytes();
    let sep = b[e];
    let (m, me, mn) = read_digits(b, e + 1)?;
    if mn > 2 || !(1..=12).contains(&m) {
        return None;
    }
    if b.get(me) == Some(&sep) {
        let (d, de, dn) = read_digits(b, me + 1)?;
        if dn > 2 || !(1..=31).contains(&d) {
            return None;
        }
        if b.get(de).is_some_and(|c| c.is_ascii_alphanumeric())
            || (b.get(de) == Some(&sep) && b.get(de + 1).is_some_and(u8::is_ascii_digit))
        {
            return None;
        }
        let sub = Some(Sub::Month(m as u32));
        if matches!(b.get(de), Some(b' ' | b'T')) {
            if let Some((x, h, mi, sec)) = colon_clock(t, de + 1) {
                return Some(Cand::new(
                    s..x,
                    cal(
                        Year::Explicit(y),
                        sub,
                        Some(d as u32),
                        Some(Tod::Clock(h, mi, sec)),
                    ),
                ));
            }
        }
        // 2018年 style continuation: 2018-01-17日 is rare; stop at the day.
        let x = lit(t, de, "日").unwrap_or(de);
        if let Some((te, tod)) = tod_cont(t, x).filter(|_| !t[x..].starts_with(' ')) {
            return Some(Cand::new(
                s..te,
                cal(Year::Explicit(y), sub, Some(d as u32), Some(tod)),
            ));
        }
        return Some(Cand::new(
            s..x,
            cal(Year::Explicit(y), sub, Some(d as u32), None),
        ));
    }
    if sep == b'.'
        || b.get(me)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.')
    {
        return None;
    }
    Some(Cand::new(
        s..me,
        cal(Year::Explicit(y), Some(Sub::Month(m as u32)), None, None),
    ))
}

/// An expression that starts with the word `w` at `s`.
pub(crate) fn at_word(t: &str, s: usize, w: &str, floor: usize) -> Option<Cand> {
    let e = s + w.len();
    let day = |offset: i32, tod: Option<Tod>| -> Option<Cand> {
        if let Some((te, mut tod2)) = tod_cont(t, e) {
            // 今晚6点: the evening of the word applies to the clock
            if let (Some(Tod::Part(p)), Tod::Clock(h, m, x)) = (tod, tod2) {
                if h < 12 && matches!(p, "AF" | "EV" | "NI") {
                    tod2 = Tod::Clock(h + 12, m, x);
                }
            }
            return Some(Cand::new(
                s..te,
                Sem::RelDay {
                    offset,
                    tod: Some(tod2),
                },
            ));
        }
        Some(Cand::new(s..e, Sem::RelDay { offset, tod }))
    };
    // 晚 is the evening (TIMEX3 EV); 夜 is the night.
    let evening = Some(Tod::Part("EV"));
    let morning = Some(Tod::Part("MO"));
    let year = |y: Year| Some(year_cont(t, s, e, y));
    // A holiday named by its word alone: its year comes from the article.
    let holiday = |rule: Rule| {
        Some(Cand::new(
            s..e,
            Sem::Holiday {
                rule,
                year: Year::Unknown,
            },
        ))
    };
    let week = |offset: i32| {
        if let Some((d, x)) = weekday_char(t, e) {
            return Some(Cand::new(
                s..x,
                Sem::Week {
                    offset,
                    dow: Some(d),
                    tod: None,
                },
            ));
        }
        if let Some(x) = lit(t, e, "末") {
            return Some(Cand::new(
                s..x,
                Sem::Week {
                    offset,
                    dow: Some(0),
                    tod: None,
                },
            ));
        }
        Some(Cand::new(
            s..e,
            Sem::Week {
                offset,
                dow: None,
                tod: None,
            },
        ))
    };
    let month = |offset: i32| {
        if let Some((d, de, false)) = number(t, e, 2) {
            if (1..=31).contains(&d) {
                if let Some((_, x)) = lit_any(t, de, &["日", "号"]) {
                    return Some(Cand::new(
                        s..x,
                        Sem::RelMonth {
                            offset,
                            day: Some(d),
                            modifier: None,
                        },
                    ));
                }
            }
        }
        if let Some(x) = is_start_word(t, e) {
            return Some(Cand::new(
                s..x,
                Sem::RelMonth {
                    offset,
                    day: None,
                    modifier: Some("START"),
                },
            ));
        }
        if let Some((k, x)) = lit_any(t, e, &["上旬", "中旬", "下旬", "底", "末"]) {
            let m = ["START", "MID", "END", "END", "END"][k];
            return Some(Cand::new(
                s..x,
                Sem::RelMonth {
                    offset,
                    day: None,
                    modifier: Some(m),
                },
            ));
        }
        Some(Cand::new(
            s..e,
            Sem::RelMonth {
                offset,
                day: None,
                modifier: None,
            },
        ))
    };
    let vague = |timex: &str| {
        let x = lit_any(t, e, &["以来", "来", "以内", "内"]).map_or(e, |(_, x)| x);
        Some(Cand::new(
            s..x,
            Sem::Duration {
                timex: timex.to_string(),
                modifier: None,
            },
        ))
    };
    match w {
        // Taiwan and Hong Kong papers: 今（6）日, 昨（5）日 (the day of month in brackets)
        // (each of 昨今明前 is three bytes, so the bracket opens at s + 3)
        "昨" | "今(" | "明(" | "前(" if bracketed_day(t, s + 3).is_some() => {
            let x = bracketed_day(t, s + 3)?;
            let offset = match w {
                "昨" => -1,
                "今(" => 0,
                "明(" => 1,
                _ => -2,
            };
            Some(Cand::new(s..x, Sem::RelDay { offset, tod: None }))
        }
        "今(" | "明(" | "前(" => None,
        "昨" | "昨日" | "昨天" | "寻日" => day(-1, None),
        "听日" => day(1, None),
        "后日" => {
            if t[..s].ends_with(['以', '之', '此', '今', '随', '然', '最', '日']) {
                return None;
            }
            // 建成后日处理能力: 后 ends the clause, 日处理 is "daily"
            if lit_any(t, e, DAILY).is_some() {
                return None;
            }
            day(2, None)
        }
        "前日" => {
            if t[..s].ends_with(['提', '之', '以', '此', '目', '当', '空', '年', '月', '日'])
            {
                return None;
            }
            day(-2, None)
        }
        "今晨" => day(0, morning),
        "今个星期" | "今个礼拜" | "这一礼拜" | "这一周" | "这一星期" => week(0),
        "春节" | "农历新年" | "新春" => holiday(Rule::Lunar(0)),
        "除夕" => holiday(Rule::Lunar(-1)),
        "中秋节" | "中秋" => holiday(Rule::MidAutumn),
        "端午节" | "端午" => holiday(Rule::DragonBoat),
        "黑五" | "黑色星期五" => holiday(Rule::BlackFriday),
        w if solar_term(w).is_some() => {
            // 清明 is also "clean" (政治清明): as a day it is followed by a
            // holiday word or stands after a year
            if w == "清明"
                && lit_any(
                    t,
                    e,
                    &[
                        "节",
                        "假",
                        "小长假",
                        "期间",
                        "前后",
                        "当天",
                        "时节",
                        "前",
                        "后",
                    ],
                )
                .is_none()
                && !t[..s].ends_with(['年'])
            {
                return None;
            }
            let (m, c1000) = solar_term(w)?;
            holiday(Rule::SolarTerm { m, c1000 })
        }
        "元宵节" => holiday(Rule::Lunar(14)),
        w if easter_offset(w).is_some() => {
            if lit_back(t, s, "东正教").is_some() {
                return None;
            }
            let k = easter_offset(w)?;
            holiday(Rule::Easter(k))
        }
        w if lunar_offset(w).is_some() => {
            let k = lunar_offset(w)?;
            holiday(Rule::Lunar(k))
        }
        "复活节" => holiday(Rule::Easter(0)),
        "上个礼拜" => week(-1),
        "下个礼拜" => week(1),
        "今个月" => month(0),
        "下年" => year(Year::Deictic(1)),
        "每个星期" | "每个礼拜" => Some(Cand::new(s..e, Sem::Set("P1W".into()))),
        "每个月" => Some(Cand::new(s..e, Sem::Set("P1M".into()))),
        "现在" | "此时" | "此刻" | "当前" | "目前" | "如今" | "当下" | "而家" | "依家" =>
        {
            if w == "现在" && t[..s].ends_with(['体', '表', '实', '出', '展', '呈', '发', '涌'])
            {
                return None;
            }
            Some(Cand::new(s..e, Sem::Timex("PRESENT_REF".into())))
        }
        "近日" => Some(Cand::new(s..e, Sem::Timex("PAST_REF".into()))),
        "最近" => {
            if t[e..].starts_with(|c: char| c.is_ascii_digit() || num::is_zh_num_char(c)) {
                if let Some(c) = at_number(t, e, s) {
                    if c.range.start == s {
                        return Some(c);
                    }
                }
            }
            Some(Cand::new(s..e, Sem::Timex("PAST_REF".into())))
        }
        "世纪" => {
            let (start, base) = if let Some(p) = lit_back(t, s, "上").filter(|p| *p >= floor) {
                (p, 19)
            } else if let Some(p) = lit_back(t, s, "本").filter(|p| *p >= floor) {
                (p, 20)
            } else {
                return None;
            };
            Some(century_cont(t, start, e, base))
        }
        "昨晚" => day(-1, evening),
        "今天" | "今日" => {
            if lit_any(t, e, &["头条", "说法", "美国"]).is_some() {
                return None;
            }
            day(0, None)
        }
        "今晚" => day(0, evening),
        "今早" => day(0, morning),
        "明天" | "明日" => {
            if lit_any(t, e, &["之星", "黄花"]).is_some() {
                return None;
            }
            day(1, None)
        }
        "明晚" => day(1, evening),
        "明早" => day(1, morning),
        "前天" => day(-2, None),
        "后天" => {
            if lit_back(t, s, "先天").is_some() {
                return None;
            }
            day(2, None)
        }
        "大前天" => day(-3, None),
        "大后天" => day(3, None),
        // 不可同日而语 is an idiom, not a day
        "同日" if t[e..].starts_with('而') => None,
        "当天" | "当日" | "同日" | "这一天" | "这天" => {
            if let Some((te, tod)) = tod_cont(t, e) {
                let _ = tod;
                return Some(Cand::new(s..te, Sem::SameDay));
            }
            Some(Cand::new(s..e, Sem::SameDay))
        }
        "今年" | "本年" => year(Year::Deictic(0)),
        "去年" | "上年" if t[e..].starts_with("同期") => {
            Some(Cand::new(s..e + "同期".len(), Sem::SamePeriod { years: 1 }))
        }
        "去年" => year(Year::Deictic(-1)),
        "明年" => year(Year::Deictic(1)),
        "前年" => year(Year::Deictic(-2)),
        "后年" => year(Year::Deictic(2)),
        "上年" => year(Year::Context(-1)),
        "当年" | "同年" => year(Year::Context(0)),
        "次年" | "翌年" => {
            // 本次年货节, 多次年检: 次 counts times with the word before it
            if w == "次年"
                && (t[e..].starts_with(['货', '检', '会', '终', '薪'])
                    || t[..s].ends_with([
                        '本', '此', '这', '该', '每', '首', '多', '两', '一', '上', '下', '单',
                        '屡', '数', '几', '各', '逐', '二', '三',
                    ]))
            {
                return None;
            }
            year(Year::Context(1))
        }
        "上半年" => Some(Cand::new(
            s..e,
            cal(Year::Unknown, Some(Sub::Half(1)), None, None),
        )),
        "下半年" => Some(Cand::new(
            s..e,
            cal(Year::Unknown, Some(Sub::Half(2)), None, None),
        )),
        "年初" => Some(Cand::new(
            s..e,
            cal_mod(Year::Unknown, Some(Sub::Month(1)), "START"),
        )),
        "年底" | "年末" => Some(Cand::new(
            s..e,
            cal_mod(Year::Unknown, Some(Sub::Month(12)), "END"),
        )),
        // 年中 alone: mid-year, when it ends a phrase (年中时, 年中,) and is no 三年中
        "年中" => {
            let next = t[e..].chars().next();
            let free = next.is_none_or(|c| !super::super::script::is_han(c))
                || lit_any(t, e, &["前", "后", "时", "以前", "以后"]).is_some();
            free.then(|| Cand::new(s..e, cal_mod(Year::Unknown, None, "MID")))
        }
        "新年伊始" => Some(Cand::new(
            s..e,
            cal_mod(Year::Unknown, Some(Sub::Month(1)), "START"),
        )),
        "上月" | "上个月" => month(-1),
        "本月" | "这个月" => month(0),
        "下月" | "下个月" => month(1),
        "本周" | "这周" | "这个星期" | "本星期" | "这礼拜" => week(0),
        "上周" | "上个星期" | "上星期" | "上礼拜" => week(-1),
        "下周" | "下个星期" | "下星期" | "下礼拜" => week(1),
        "周末" => Some(Cand::new(
            s..e,
            Sem::Week {
                offset: 0,
                dow: Some(0),
                tod: None,
            },
        )),
        "周" | "星期" | "礼拜" => {
            let (d, x) = weekday_char(t, e)?;
            // 周一鸣: a name, not a Monday
            if w == "周"
                && t[x..]
                    .chars()
                    .next()
                    .is_some_and(|c| num::is_zh_num_char(c) || in_set!("鸣明伟华军平", c))
            {
                return None;
            }
            if let Some((te, tod)) = tod_cont(t, x) {
                return Some(Cand::new(
                    s..te,
                    Sem::Weekday {
                        dow: d,
                        tod: Some(tod),
                    },
                ));
            }
            Some(Cand::new(s..x, Sem::Weekday { dow: d, tod: None }))
        }
        "本季度" => Some(Cand::new(s..e, Sem::RelQuarter { offset: 0 })),
        "上季度" => Some(Cand::new(s..e, Sem::RelQuarter { offset: -1 })),
        "下季度" => Some(Cand::new(s..e, Sem::RelQuarter { offset: 1 })),
        "多年" | "数年" | "几年" => {
            // 来客数年增5%: 数 closes a count (客数, 人数), 年增 is "annual growth"
            if w != "多年" && t[..s].ends_with(COUNTED) {
                return None;
            }
            vague("PXY")
        }
        "数月" | "几个月" => vague("PXM"),
        "数天" | "几天" => vague("PXD"),
        "数周" | "几周" => vague("PXW"),
        "半天" => vague("PT12H"),
        // 半年报, 半年度报告: the report's name
        "半年" if t[e..].starts_with(['报', '度']) => None,
        "半年" => vague("P6M"),
        "半个月" => vague("P15D"),
        "半小时" | "半个小时" => vague("PT30M"),
        "每天" | "每日" => Some(Cand::new(s..e, Sem::Set("P1D".into()))),
        "每年" => Some(Cand::new(s..e, Sem::Set("P1Y".into()))),
        "每月" => Some(Cand::new(s..e, Sem::Set("P1M".into()))),
        "每周" => Some(Cand::new(s..e, Sem::Set("P1W".into()))),
        "凌晨" | "早上" | "早晨" | "清晨" | "上午" | "中午" | "下午" | "傍晚" | "晚上" | "晚间"
        | "夜间" => match tod_cont(t, s)? {
            (x, tod @ Tod::Clock(..)) => Some(Cand::new(s..x, Sem::TimeOnly(tod))),
            _ => None,
        },
        _ => {
            let _ = floor;
            // 国庆 is also a given name (王国庆): only with a holiday word after it
            if w == "国庆"
                && lit_any(
                    t,
                    e,
                    &["期间", "假期", "长假", "黄金周", "当天", "前", "后"],
                )
                .is_none()
            {
                return None;
            }
            let (m, d, x) = FESTIVALS
                .iter()
                .find(|(f, _, _)| *f == w)
                .map(|(_, m, d)| (*m, *d, e))?;
            Some(Cand::new(
                s..x,
                cal(Year::Unknown, Some(Sub::Month(m)), Some(d), None),
            ))
        }
    }
}
