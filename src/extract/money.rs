//! Money: amounts with a currency, or amounts the sentence makes clear are money.
//!
//! Works on the folded text in one pass over the numbers ([`numbers::iter`]).
//! For each number it looks for a currency right before it (人民币, US$, $,
//! RMB, EUR) or right after it (元, 美元, yuan, dollars, €), for sub-units
//! (五元六角, 3 dollars 50 cents), for a per-unit (1.5元/斤), and, when there
//! is no currency, for a money context (销售3200亿) or a range partner that has
//! one (5亿至8亿元). Qualifier words around the span go into `qualifier`.

use super::numbers::{self, NumKind, Number};
use super::{script, Entity, Folded, Kind, Lang, MoneyValue, Qualifier, Value};
use std::borrow::Cow;
use std::ops::Range;

/// What a currency word resolves to.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Code {
    /// An ISO 4217 code.
    Iso(&'static str),
    /// 元/圆/块: CNY, except in traditional-script text not about the mainland.
    Yuan,
    /// `$`: USD (C$, HK$ and friends have their own entries).
    Dollar,
    /// ¥: CNY in Chinese text, JPY elsewhere.
    Yen,
    /// Money, but the currency is not one ISO code (francs, dinars).
    Unknown,
}

/// A currency word or symbol.
struct Cur {
    pat: &'static str,
    code: Code,
    /// 1.0 for a main unit, 0.1 for 角, 0.01 for cents.
    scale: f64,
}

const fn c(pat: &'static str, code: Code) -> Cur {
    Cur {
        pat,
        code,
        scale: 1.0,
    }
}

const fn sub(pat: &'static str, code: Code, scale: f64) -> Cur {
    Cur { pat, code, scale }
}

use Code::*;

/// Chinese currency words after a number (folded, simplified). 元/块 and
/// the sub-units are handled separately.
const ZH_AFTER: &[Cur] = &[
    c("人民币", Iso("CNY")),
    c("美元", Iso("USD")),
    c("美金", Iso("USD")),
    c("美圆", Iso("USD")),
    c("港元", Iso("HKD")),
    c("港币", Iso("HKD")),
    c("港圆", Iso("HKD")),
    c("新台币", Iso("TWD")),
    c("台币", Iso("TWD")),
    c("澳门元", Iso("MOP")),
    c("澳门币", Iso("MOP")),
    c("澳元", Iso("AUD")),
    c("澳币", Iso("AUD")),
    c("欧元", Iso("EUR")),
    c("日元", Iso("JPY")),
    c("日圆", Iso("JPY")),
    c("日币", Iso("JPY")),
    c("英镑", Iso("GBP")),
    c("韩元", Iso("KRW")),
    c("韩币", Iso("KRW")),
    c("加元", Iso("CAD")),
    c("加币", Iso("CAD")),
    c("新加坡元", Iso("SGD")),
    c("新加坡币", Iso("SGD")),
    c("新西兰元", Iso("NZD")),
    c("瑞士法郎", Iso("CHF")),
    c("法郎", Unknown),
    c("卢布", Iso("RUB")),
    c("卢比", Iso("INR")),
    c("泰铢", Iso("THB")),
    c("奈拉", Iso("NGN")),
    c("林吉特", Iso("MYR")),
    c("令吉", Iso("MYR")),
    c("兰特", Iso("ZAR")),
    c("越南盾", Iso("VND")),
    c("里拉", Iso("TRY")),
    c("雷亚尔", Iso("BRL")),
    c("比索", Unknown),
    c("比特币", Unknown),
];

/// Chinese currency words written before a number (人民币60亿元, 港币3.14).
const ZH_BEFORE: &[Cur] = &[
    c("人民币", Iso("CNY")),
    c("美元", Iso("USD")),
    c("美金", Iso("USD")),
    c("港元", Iso("HKD")),
    c("港币", Iso("HKD")),
    c("新台币", Iso("TWD")),
    c("台币", Iso("TWD")),
    c("澳门币", Iso("MOP")),
    c("澳门元", Iso("MOP")),
    c("欧元", Iso("EUR")),
    c("日元", Iso("JPY")),
    c("英镑", Iso("GBP")),
];

/// English currency words after a number (lower case; matched ignoring case).
const EN_AFTER: &[Cur] = &[
    c("us dollars", Iso("USD")),
    c("us dollar", Iso("USD")),
    c("u.s. dollars", Iso("USD")),
    c("u.s. dollar", Iso("USD")),
    c("american dollars", Iso("USD")),
    c("australian dollars", Iso("AUD")),
    c("australian dollar", Iso("AUD")),
    c("canadian dollars", Iso("CAD")),
    c("canadian dollar", Iso("CAD")),
    c("hong kong dollars", Iso("HKD")),
    c("hong kong dollar", Iso("HKD")),
    c("new taiwan dollars", Iso("TWD")),
    c("new taiwan dollar", Iso("TWD")),
    c("taiwan dollars", Iso("TWD")),
    c("singapore dollars", Iso("SGD")),
    c("singapore dollar", Iso("SGD")),
    c("new zealand dollars", Iso("NZD")),
    c("new zealand dollar", Iso("NZD")),
    c("dollars", Dollar),
    c("dollar", Dollar),
    c("bucks", Dollar),
    c("yuan", Iso("CNY")),
    c("renminbi", Iso("CNY")),
    c("rmb", Iso("CNY")),
    c("euros", Iso("EUR")),
    c("euro", Iso("EUR")),
    c("pounds sterling", Iso("GBP")),
    c("lebanese pounds", Iso("LBP")),
    c("lebanese pound", Iso("LBP")),
    c("egyptian pounds", Iso("EGP")),
    c("egyptian pound", Iso("EGP")),
    c("egyptianpound", Iso("EGP")),
    c("genihat masriya", Iso("EGP")),
    c("geneh", Iso("EGP")),
    c("pounds", Iso("GBP")),
    c("sterling", Iso("GBP")),
    c("yen", Iso("JPY")),
    c("swiss francs", Iso("CHF")),
    c("swiss franc", Iso("CHF")),
    c("francs", Unknown),
    c("franc", Unknown),
    c("pesetas", Iso("ESP")),
    c("peseta", Iso("ESP")),
    c("dutch guilders", Iso("NLG")),
    c("guilders", Iso("NLG")),
    c("finnish markka", Iso("FIM")),
    c("markka", Iso("FIM")),
    c("rupees", Iso("INR")),
    c("rupee", Iso("INR")),
    c("malaysian ringgits", Iso("MYR")),
    c("malaysian ringgit", Iso("MYR")),
    c("malaysia ringgits", Iso("MYR")),
    c("malaysia ringgit", Iso("MYR")),
    c("ringgits", Iso("MYR")),
    c("ringgit", Iso("MYR")),
    c("saudi riyals", Iso("SAR")),
    c("saudiriyal", Iso("SAR")),
    c("qatari riyals", Iso("QAR")),
    c("qatari riyal", Iso("QAR")),
    c("riyals", Unknown),
    c("riyal", Unknown),
    c("rials", Unknown),
    c("rial", Unknown),
    c("kuwaiti dinars", Iso("KWD")),
    c("kuwaiti dinar", Iso("KWD")),
    c("dinars", Unknown),
    c("dinar", Unknown),
    c("dirhams", Iso("AED")),
    c("shekels", Iso("ILS")),
    c("shekel", Iso("ILS")),
    c("tugriks", Iso("MNT")),
    c("tugrik", Iso("MNT")),
    c("baht", Iso("THB")),
    c("pesos", Unknown),
    c("roubles", Iso("RUB")),
    c("rubles", Iso("RUB")),
    c("hryvnias", Iso("UAH")),
    c("hryvnia", Iso("UAH")),
    c("naira", Iso("NGN")),
    c("rupiah", Iso("IDR")),
    c("zlotys", Iso("PLN")),
    c("zloty", Iso("PLN")),
    c("kronor", Iso("SEK")),
    c("kroner", Unknown),
    c("krona", Iso("SEK")),
    c("lire", Unknown),
    c("lira", Unknown),
    sub("cents", Dollar, 0.01),
    sub("cent", Dollar, 0.01),
    sub("pence", Iso("GBP"), 0.01),
    sub("pennies", Dollar, 0.01),
    sub("penny", Iso("GBP"), 0.01),
];

/// Currency words that only count after a magnitude (`1.5 trillion won`):
/// alone they are ordinary English words.
const EN_AFTER_MAGNITUDE: &[Cur] = &[c("won", Iso("KRW")), c("rand", Iso("ZAR"))];

/// Symbols after a number (`10$`, `20€`, `3.14US$`, `10¢`).
const SYM_AFTER: &[Cur] = &[
    c("US$", Iso("USD")),
    c("$", Dollar),
    c("€", Iso("EUR")),
    c("£", Iso("GBP")),
    c("¥", Yen),
    c("￥", Iso("CNY")),
    c("₹", Iso("INR")),
    c("₩", Iso("KRW")),
    c("₽", Iso("RUB")),
    c("₡", Iso("CRC")),
    c("₾", Iso("GEL")),
    c("₭", Iso("LAK")),
    c("₱", Iso("PHP")),
    c("₫", Iso("VND")),
    c("₺", Iso("TRY")),
    c("₪", Iso("ILS")),
    c("฿", Iso("THB")),
    c("ரூ", Iso("LKR")),
    sub("¢", Dollar, 0.01),
];

/// Symbols and letter prefixes before a number, longest first where one is
/// the tail of another. Letters are matched ignoring case, except the
/// all-caps codes in [`ISO_CODES`] and `RM`.
const SYM_BEFORE: &[Cur] = &[
    c("u.s. $", Iso("USD")),
    c("u.s.$", Iso("USD")),
    c("u.s $", Iso("USD")),
    c("us $", Iso("USD")),
    c("us$", Iso("USD")),
    c("hk $", Iso("HKD")),
    c("hk$", Iso("HKD")),
    c("nt $", Iso("TWD")),
    c("nt$", Iso("TWD")),
    c("mop$", Iso("MOP")),
    c("nz$", Iso("NZD")),
    c("au$", Iso("AUD")),
    c("a$", Iso("AUD")),
    c("c $", Iso("CAD")),
    c("ca$", Iso("CAD")),
    c("c$", Iso("CAD")),
    c("s$", Iso("SGD")),
    c("r$", Iso("BRL")),
    c("$", Dollar),
    c("€", Iso("EUR")),
    c("£", Iso("GBP")),
    c("¥", Yen),
    c("￥", Iso("CNY")),
    c("₹", Iso("INR")),
    c("₩", Iso("KRW")),
    c("₽", Iso("RUB")),
    c("₱", Iso("PHP")),
    c("₪", Iso("ILS")),
    c("rs.", Iso("INR")),
    c("rs", Iso("INR")),
    c("rmb", Iso("CNY")),
    c("malaysian ringgits", Iso("MYR")),
    c("malaysian ringgit", Iso("MYR")),
    c("malaysia ringgits", Iso("MYR")),
    c("malaysia ringgit", Iso("MYR")),
    c("ringgits", Iso("MYR")),
    c("ringgit", Iso("MYR")),
];

/// ISO 4217 codes recognized in capitals before or after a number.
const ISO_CODES: &[&str] = &[
    "USD", "CNY", "RMB", "HKD", "TWD", "MOP", "EUR", "GBP", "JPY", "CAD", "CHF", "AUD", "NZD",
    "SGD", "MYR", "KRW", "INR", "RUB", "BRL", "ZAR", "MXN", "THB", "IDR", "PHP", "VND", "SEK",
    "NOK", "DKK", "PLN", "CZK", "HUF", "TRY", "ILS", "AED", "SAR", "QAR", "KWD", "BHD", "OMR",
    "EGP", "LBP", "BGN", "RON", "UAH", "MNT", "NGN", "KES", "PKR", "BDT", "LKR", "ARS", "CLP",
    "COP", "PEN", "KZT", "CNH",
];

/// Measure words and nouns that make a bare 万/亿 number a count, not money.
const COUNT_AFTER: &str = "个人家户斤吨平亩台辆件单名次字册份只头株棵张条米升瓦度部场所间座项篇款种位笔倍年天月日小分秒届期批箱袋瓶包盒克立公里股手粒颗片套票封则盏根本架艘列枚例毫会用网粉级码岁周层栋幢千多余倍";

/// Words that make a bare 万/亿 amount money (looked for in the same clause).
const MONEY_CUES: &[&str] = &[
    "投资",
    "投入",
    "销售",
    "营收",
    "收入",
    "融资",
    "交易",
    "成交",
    "市值",
    "估值",
    "资金",
    "资产",
    "资本",
    "规模",
    "GMV",
    "gmv",
    "营业",
    "利润",
    "净利",
    "盈利",
    "亏损",
    "负债",
    "贷款",
    "补贴",
    "募资",
    "募集",
    "筹集",
    "筹资",
    "花费",
    "成本",
    "价值",
    "金额",
    "总额",
    "注资",
    "出资",
    "拨款",
    "预算",
    "税",
    "收益",
    "产值",
    "财政",
    "工资",
    "薪",
    "费用",
    "支出",
    "开支",
    "价格",
    "售价",
    "报价",
    "身价",
    "回报",
    "赔偿",
    "罚款",
    "奖金",
    "红包",
    "捐",
    "消费",
    "采购",
    "现金",
    "存款",
    "基金",
    "经费",
    "保费",
    "票房",
    "耗资",
    "斥资",
    "损失",
    "营业额",
    "销售额",
    "赚",
    "花了",
    "收购",
    "买下",
    "售出",
    "卖出",
    "额",
];

/// Words that make a bare 万/亿 number a count of people or things.
const COUNT_CUES: &[&str] = &[
    "用户",
    "人口",
    "网民",
    "人次",
    "会员",
    "粉丝",
    "游客",
    "访问",
    "下载",
    "播放",
    "浏览",
    "订单量",
    "销量",
    "件",
    "字",
];

/// (pattern, qualifier) written before a span, longest first per language.
const QUAL_BEFORE_ZH: &[(&str, Qualifier)] = &[
    ("不超过", Qualifier::AtMost),
    ("不多于", Qualifier::AtMost),
    ("不高于", Qualifier::AtMost),
    ("不大于", Qualifier::AtMost),
    ("不小于", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("不少于", Qualifier::AtLeast),
    ("超过了", Qualifier::MoreThan),
    ("超过", Qualifier::MoreThan),
    ("超出", Qualifier::MoreThan),
    ("多于", Qualifier::MoreThan),
    ("高于", Qualifier::MoreThan),
    ("大于", Qualifier::MoreThan),
    ("不到", Qualifier::LessThan),
    ("不足", Qualifier::LessThan),
    ("少于", Qualifier::LessThan),
    ("低于", Qualifier::LessThan),
    ("小于", Qualifier::LessThan),
    ("将近", Qualifier::About),
    ("接近", Qualifier::About),
    ("大约", Qualifier::About),
    ("约合", Qualifier::About),
    ("大概", Qualifier::About),
    ("高达", Qualifier::AtMost),
    ("最多", Qualifier::AtMost),
    ("至多", Qualifier::AtMost),
    ("最高", Qualifier::AtMost),
    ("至少", Qualifier::AtLeast),
    ("最少", Qualifier::AtLeast),
    ("起码", Qualifier::AtLeast),
    ("最低", Qualifier::AtLeast),
    ("逾", Qualifier::MoreThan),
    ("超", Qualifier::MoreThan),
    ("近", Qualifier::About),
    ("约", Qualifier::About),
    ("过", Qualifier::Over),
];

const QUAL_AFTER_ZH: &[(&str, Qualifier)] = &[
    ("以上", Qualifier::AtLeast),
    ("以下", Qualifier::AtMost),
    ("左右", Qualifier::About),
    ("上下", Qualifier::About),
];

const QUAL_BEFORE_EN: &[(&str, Qualifier)] = &[
    ("no more than", Qualifier::AtMost),
    ("not more than", Qualifier::AtMost),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("more than", Qualifier::MoreThan),
    ("in excess of", Qualifier::MoreThan),
    ("greater than", Qualifier::MoreThan),
    ("higher than", Qualifier::MoreThan),
    ("less than", Qualifier::LessThan),
    ("fewer than", Qualifier::LessThan),
    ("lower than", Qualifier::LessThan),
    ("at least", Qualifier::AtLeast),
    ("at most", Qualifier::AtMost),
    ("up to", Qualifier::AtMost),
    ("as much as", Qualifier::AtMost),
    ("as many as", Qualifier::AtMost),
    ("close to", Qualifier::About),
    ("approximately", Qualifier::About),
    ("roughly", Qualifier::About),
    ("around", Qualifier::About),
    ("nearly", Qualifier::About),
    ("almost", Qualifier::About),
    ("about", Qualifier::About),
    ("some", Qualifier::About),
    ("under", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("above", Qualifier::Over),
    ("over", Qualifier::Over),
    ("exceeding", Qualifier::MoreThan),
];

/// A money mention found in the folded text.
#[derive(Clone, Debug)]
struct Found {
    range: Range<usize>,
    amount: f64,
    currency: Option<&'static str>,
    per: Option<String>,
    qualifier: Option<Qualifier>,
}

/// What a number resolved to before context and ranges are looked at.
#[derive(Clone, Debug)]
struct Direct {
    start: usize,
    end: usize,
    amount: f64,
    code: Code,
    /// The currency came after the number (a range partner may borrow it).
    suffix: bool,
}

/// Appends every money entity in `folded` to `out`.
///
/// Streams over the numbers: nothing is kept per number except the previous
/// one, which may be the first half of a range (5亿至8亿元) or a bare amount
/// in a money context, decided when the next number is seen.
pub fn find(folded: &Folded, lang: Lang, out: &mut Vec<Entity>) {
    let text: &str = &folded.text;
    let mut ctx = Ctx {
        text,
        lang,
        mainland: None,
    };
    let mut found: Vec<Found> = Vec::new();
    let mut last_end = 0;
    // The previous number when it was not money by itself, with what a money
    // context would make of it.
    let mut pending: Option<(Number, Option<Found>)> = None;
    for n in NumbersOf::new(folded) {
        // A number inside an amount already read (the 六 of 五块六).
        if n.start < last_end {
            continue;
        }
        let direct = direct_money(&ctx, &n);
        if let Some((a, context)) = pending.take() {
            // A range's first number borrows its partner's currency: 5亿至8亿元, 10-20 dollars.
            let ranged = direct.as_ref().filter(|d| {
                d.suffix
                    && is_range_gap(&text[a.end..n.start])
                    && plain_start(text, &a)
                    && !percent_follows(text, a.end)
            });
            if let Some(partner) = ranged {
                let mut amount = a.value;
                if a.magnitude == 1.0 && n.magnitude > 1.0 && a.value < n.value / n.magnitude * 10.0
                {
                    amount *= n.magnitude;
                }
                let d = Direct {
                    start: a.start,
                    end: a.end,
                    amount,
                    code: partner.code,
                    suffix: false,
                };
                found.push(resolve(&mut ctx, &d, a.approx));
            } else if let Some(f) = context {
                found.push(f);
            }
        }
        match direct {
            Some(d) => {
                let f = resolve(&mut ctx, &d, n.approx);
                last_end = f.range.end;
                found.push(f);
            }
            None => pending = Some((n, context_money(text, &n))),
        }
    }
    if let Some((_, Some(f))) = pending {
        found.push(f);
    }
    // A conversion in brackets takes the qualifier of the amount it converts:
    // more than 20 billion yuan ($3.12 billion).
    for k in 1..found.len() {
        if found[k].qualifier.is_some() {
            continue;
        }
        let Some(gap) = text.get(found[k - 1].range.end..found[k].range.start) else {
            continue;
        };
        let gap = gap.trim();
        if gap == "(" || gap == "（" {
            found[k].qualifier = found[k - 1].qualifier;
        }
    }
    out.reserve(found.len());
    for f in found {
        let mut e = Entity::new(
            folded.source,
            Kind::Money,
            folded.orig_range(f.range),
            Some(Value::Money(MoneyValue {
                amount: f.amount,
                currency: f.currency.map(Cow::Borrowed),
                per: f.per,
            })),
        );
        e.qualifier = f.qualifier;
        out.push(e);
    }
}

/// A resolved amount: currency code, per-unit and qualifier read around it.
fn resolve(ctx: &mut Ctx, d: &Direct, approx: bool) -> Found {
    let text = ctx.text;
    let currency = ctx.resolve(d.code);
    let mut end = d.end;
    let per = per_unit(text, &mut end);
    let qualifier = qualifier_around(text, d.start, end, approx);
    Found {
        range: d.start..end,
        amount: tidy(d.amount),
        currency,
        per,
        qualifier,
    }
}

/// The numbers of the folded text, with one correction the folded text
/// cannot see: a full-width comma between ASCII digits with a single group
/// after it (`$20，300美圆`) is a list, not a thousands separator
/// (`1，500，000` and `１，５００` stay one number).
struct NumbersOf<'a> {
    folded: &'a Folded<'a>,
    inner: numbers::Numbers<'a>,
    queued: Option<Number>,
}

impl<'a> NumbersOf<'a> {
    fn new(folded: &'a Folded<'a>) -> Self {
        NumbersOf {
            folded,
            inner: numbers::iter_classified(&folded.text, &folded.classes),
            queued: None,
        }
    }
}

impl Iterator for NumbersOf<'_> {
    type Item = Number;

    fn next(&mut self) -> Option<Number> {
        if let Some(n) = self.queued.take() {
            return Some(n);
        }
        let n = self.inner.next()?;
        if !(n.grouped && n.kind == NumKind::Arabic) {
            return Some(n);
        }
        let folded = self.folded;
        let text: &str = &folded.text;
        let mut commas = text[n.start..n.end]
            .match_indices(',')
            .map(|(i, _)| n.start + i);
        let (Some(cut), None) = (commas.next(), commas.next()) else {
            return Some(n);
        };
        let o = folded.orig_offset(cut);
        let before = folded.source[..o].chars().next_back();
        if folded.source[o..].starts_with('，') && before.is_some_and(|c| c.is_ascii_digit()) {
            if let (Some(a), Some(b)) = (
                numbers::scan(&text[..cut], n.start),
                numbers::scan(text, cut + 1),
            ) {
                self.queued = Some(b);
                return Some(a);
            }
        }
        Some(n)
    }
}

struct Ctx<'a> {
    text: &'a str,
    lang: Lang,
    /// Whether a traditional-script text is about the mainland (computed on demand).
    mainland: Option<bool>,
}

impl Ctx<'_> {
    fn resolve(&mut self, code: Code) -> Option<&'static str> {
        match code {
            Iso(c) => Some(c),
            Unknown => None,
            Dollar => Some("USD"),
            Yen => Some(match self.lang {
                Lang::En => "JPY",
                _ => "CNY",
            }),
            Yuan => {
                if self.lang != Lang::ZhHant {
                    return Some("CNY");
                }
                let text = self.text;
                let mainland = *self.mainland.get_or_insert_with(|| about_mainland(text));
                mainland.then_some("CNY")
            }
        }
    }
}

/// Whether a (traditional-script) text is about the mainland: mainland
/// places and institutions outnumber Taiwan, Hong Kong and Macau ones.
/// One automaton pass over the text.
fn about_mainland(text: &str) -> bool {
    const MAINLAND: &[&str] = &[
        "人民币",
        "内地",
        "大陆",
        "北京",
        "上海",
        "广东",
        "广州",
        "深圳",
        "杭州",
        "国务院",
        "省政府",
        "省委",
        "全国",
        "中共",
        "央行",
        "省长",
        "市委",
        "重庆",
        "天津",
        "武汉",
        "成都",
        "南京",
        "苏州",
        "浙江",
        "江苏",
        "山东",
        "四川",
        "福建",
        "湖北",
        "湖南",
        "河南",
        "河北",
        "A股",
        "沪深",
        "上交所",
        "深交所",
        "发改委",
        "证监会",
        "国资委",
        // Mainland groups named in the news.
        "阿里巴巴",
        "腾讯",
        "京东",
        "美团",
        "百度",
        "拼多多",
        "字节跳动",
        "小米",
        "华为",
        "比亚迪",
        "蔚来",
        "理想汽车",
        "宁德时代",
        "茅台",
    ];
    const ELSEWHERE: &[&str] = &[
        "台湾",
        "台北",
        "新台币",
        "香港",
        "港元",
        "港币",
        "澳门",
        "立法会",
        "行政院",
        "高雄",
        "台中",
        "特区",
        "新北",
    ];
    static AC: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::new(MAINLAND.iter().chain(ELSEWHERE.iter())).ok()
        });
    let Some(ac) = AC.as_ref() else {
        return true;
    };
    let (mut here, mut there) = (0usize, 0usize);
    // The opening of a long text tells what it is about; a 10 MB log need not be read whole.
    let mut cut = text.len().min(256 * 1024);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    for m in ac.find_iter(&text[..cut]) {
        if m.pattern().as_usize() < MAINLAND.len() {
            here += 1;
        } else {
            there += 1;
        }
    }
    // No Taiwan, Hong Kong or Macau cue at all: the mainland reading is the default.
    there == 0 || here > there
}

/// Rounds away the float noise of decimal arithmetic (3.12 * 1e9).
fn tidy(x: f64) -> f64 {
    let r = x.round();
    if (x - r).abs() <= 1e-9 * x.abs().max(1.0) {
        return r;
    }
    let s = 1e8;
    (x * s).round() / s
}

#[inline]
fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

#[inline]
fn next_char(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

#[inline]
fn is_han(c: char) -> bool {
    script::is_han(c)
}

/// A number that stands on its own: not glued to letters before it
/// (IDs, codes, version strings) and not part of a dotted or dashed code.
fn plain_start(text: &str, n: &Number) -> bool {
    let b = text.as_bytes();
    if n.start == 0 {
        return true;
    }
    let p = b[n.start - 1];
    !(p.is_ascii_alphanumeric() || p == b'_' || p == b'#')
}

/// `%`, `percent`, `per cent` right after the number: a percent, never money.
fn percent_follows(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(' ');
    rest.starts_with('%')
        || rest.starts_with('‰')
        || starts_with_word_ci(rest, "percent")
        || starts_with_word_ci(rest, "per cent")
        || starts_with_word_ci(rest, "pct")
}

/// `hay` starts with `pat`, the first byte tested before any call.
#[inline]
fn starts_with_fast(hay: &[u8], pat: &[u8]) -> bool {
    !pat.is_empty()
        && hay.len() >= pat.len()
        && hay[0] == pat[0]
        && (pat.len() < 3 || (hay[1] == pat[1] && hay[2] == pat[2]))
        && hay[..pat.len()] == *pat
}

/// `rest` starts with `w` (ASCII, ignoring case) followed by a non-letter.
fn starts_with_word_ci(rest: &str, w: &str) -> bool {
    let b = rest.as_bytes();
    b.len() >= w.len()
        && b[..w.len()].eq_ignore_ascii_case(w.as_bytes())
        && !b.get(w.len()).is_some_and(|x| x.is_ascii_alphanumeric())
}

/// `head` ends with `w` (ASCII letters ignoring case), with no letter before it.
fn ends_with_word_ci(head: &str, w: &str) -> bool {
    let b = head.as_bytes();
    if b.len() < w.len() || !b[b.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes()) {
        return false;
    }
    let first_alpha = w.as_bytes()[0].is_ascii_alphabetic();
    !(first_alpha && b.len() > w.len() && b[b.len() - w.len() - 1].is_ascii_alphabetic())
}

/// The gap between two numbers of a range: 至 到 - ~ to and.
fn is_range_gap(gap: &str) -> bool {
    let g = gap.trim();
    matches!(
        g,
        "至" | "到" | "-" | "–" | "—" | "~" | "～" | "to" | "and" | "或"
    )
}

/// The currency of number `n` when one is written next to it, with the
/// span (folded) and the amount in the currency's main unit.
fn direct_money(ctx: &Ctx, n: &Number) -> Option<Direct> {
    let text = ctx.text;
    if n.int_digits > 15 {
        return None;
    }
    let before = currency_before(text, n.start);
    if before.is_none() && !plain_start(text, n) {
        return None;
    }
    // Chinese sub-units and colloquial units: 五元六角, 两毛五, 7块, 三块四分.
    let chinese = chinese_units(ctx, n, before.as_ref());
    let after = if chinese.is_none() {
        currency_after(text, n)
    } else {
        None
    };
    if before.is_none() && after.is_none() && chinese.is_none() {
        return None;
    }
    // A percent is never money (592%); nor is the number of 百分之三十.
    if percent_follows(text, n.end) || text[..n.start].ends_with("百分之") {
        return None;
    }
    if chinese.is_some() {
        return chinese;
    }
    let (start, code) = match (&before, &after) {
        (Some((s, code)), _) => (*s, *code),
        (None, Some((_, cur))) => (n.start, cur.code),
        (None, None) => return None,
    };
    let mut amount = n.value;
    let mut end = n.end;
    let mut suffix = false;
    if let Some((e, cur)) = after {
        end = e;
        amount *= cur.scale;
        suffix = true;
        // 8亿元人民币
        if let Some(rest) = text[end..].strip_prefix("人民币") {
            let _ = rest;
            end += "人民币".len();
        }
    }
    // Sub-units after a main unit: 3 dollars 50 cents, $20 and 43c, US$3 and fourteen.
    if n.magnitude == 1.0 && !n.fraction && after.as_ref().is_none_or(|(_, c)| c.scale == 1.0) {
        if let Some((e, cents)) = english_cents(text, end) {
            end = e;
            amount += cents;
        }
    }
    Some(Direct {
        start,
        end,
        amount,
        code,
        suffix,
    })
}

/// A currency written right before `start` (one space allowed): its start
/// and code. A currency word that closes an earlier amount (4人民币 5美元) is
/// not taken.
fn currency_before(text: &str, start: usize) -> Option<(usize, Code)> {
    let (s, code) = currency_before_any(text, start)?;
    let head = text[..s].strip_suffix(' ').unwrap_or(&text[..s]);
    let closes_amount = head
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || numbers::is_cjk_numeral(c) || c == '元');
    (!closes_amount).then_some((s, code))
}

fn currency_before_any(text: &str, start: usize) -> Option<(usize, Code)> {
    let mut head = &text[..start];
    if head.ends_with(' ') {
        head = &head[..head.len() - 1];
    }
    // Cheap test first: every prefix ends in a letter, `$`, `.` or one of these.
    let last = head.chars().next_back()?;
    if !(last.is_ascii_alphabetic()
        || last == '$'
        || last == '.'
        || matches!(
            last,
            '币' | '元' | '金' | '镑' | '€' | '£' | '¥' | '￥' | '₹' | '₩' | '₽' | '₱' | '₪'
        ))
    {
        return None;
    }
    for cur in ZH_BEFORE.iter().filter(|_| !last.is_ascii()) {
        if head.ends_with(cur.pat) {
            return Some((head.len() - cur.pat.len(), cur.code));
        }
    }
    let last_byte = head.as_bytes()[head.len() - 1].to_ascii_lowercase();
    for cur in SYM_BEFORE {
        if cur.pat.as_bytes()[cur.pat.len() - 1] == last_byte && ends_with_word_ci(head, cur.pat) {
            return Some((head.len() - cur.pat.len(), cur.code));
        }
    }
    if head.ends_with("RM") && ends_with_word_ci(head, "RM") {
        return Some((head.len() - 2, Iso("MYR")));
    }
    let b = head.as_bytes();
    if b.len() >= 3
        && b[b.len() - 3..].iter().all(u8::is_ascii_uppercase)
        && !(b.len() > 3 && b[b.len() - 4].is_ascii_alphabetic())
    {
        let code = &head[b.len() - 3..];
        {
            if let Some(c) = ISO_CODES.iter().find(|c| **c == code) {
                return Some((head.len() - 3, iso_code(c)));
            }
        }
    }
    None
}

fn iso_code(c: &'static str) -> Code {
    match c {
        "RMB" | "CNH" => Iso("CNY"),
        _ => Iso(c),
    }
}

/// A currency written right after number `n`: its end and entry.
fn currency_after(text: &str, n: &Number) -> Option<(usize, &'static Cur)> {
    let at = n.end;
    let rest = &text[at..];
    // Cheap test first: what follows must start a currency word or symbol.
    let first = rest
        .strip_prefix([' ', '-'])
        .unwrap_or(rest)
        .chars()
        .next()?;
    if !(first.is_ascii_alphabetic()
        || matches!(
            first,
            '人' | '美'
                | '港'
                | '新'
                | '台'
                | '澳'
                | '欧'
                | '日'
                | '英'
                | '韩'
                | '加'
                | '瑞'
                | '法'
                | '卢'
                | '泰'
                | '奈'
                | '林'
                | '令'
                | '兰'
                | '越'
                | '里'
                | '雷'
                | '比'
                | '个'
                | '$'
                | '€'
                | '£'
                | '¥'
                | '￥'
                | '₹'
                | '₩'
                | '₽'
                | '₡'
                | '₾'
                | '₭'
                | '₱'
                | '₫'
                | '₺'
                | '₪'
                | '฿'
                | 'ர'
                | '¢'
        ))
    {
        return None;
    }
    // Chinese words come right after the number (5个比特币 takes a classifier).
    let zh_rest = rest.strip_prefix(' ').unwrap_or(rest);
    let zh_off = rest.len() - zh_rest.len();
    let zb = zh_rest.as_bytes();
    if zb.first().is_some_and(|b| *b >= 0x80) {
        // 5个比特币: a classifier before the currency word.
        let (skip, r) = match zh_rest.strip_prefix('个') {
            Some(r) => ('个'.len_utf8(), r),
            None => (0, zh_rest),
        };
        let rb = r.as_bytes();
        for cur in ZH_AFTER {
            if starts_with_fast(rb, cur.pat.as_bytes()) && (skip == 0 || cur.pat == "比特币") {
                return Some((at + zh_off + skip + cur.pat.len(), cur));
            }
        }
    }
    for cur in SYM_AFTER {
        if starts_with_fast(zb, cur.pat.as_bytes()) {
            return Some((at + zh_off + cur.pat.len(), cur));
        }
    }
    // English words: one space or a hyphen (a 12-cent dividend, one-yen bid), or none (42MYR).
    let (sep, en_rest) = if let Some(r) = rest.strip_prefix(' ') {
        (1, r)
    } else if let Some(r) = rest.strip_prefix('-') {
        (1, r)
    } else {
        (0, rest)
    };
    let b = en_rest.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphabetic) {
        let f = b[0].to_ascii_lowercase();
        for cur in EN_AFTER {
            if cur.pat.as_bytes()[0] == f && starts_with_word_ci(en_rest, cur.pat) {
                return Some((at + sep + cur.pat.len(), cur));
            }
        }
        if n.magnitude > 1.0 {
            for cur in EN_AFTER_MAGNITUDE {
                if starts_with_word_ci(en_rest, cur.pat) {
                    return Some((at + sep + cur.pat.len(), cur));
                }
            }
        }
        // Capital codes: 42 KWD, 10MNT, 42 RM, 20Rs.
        let w = b.iter().take_while(|x| x.is_ascii_alphabetic()).count();
        let word = &en_rest[..w];
        if w == 3 && word.bytes().all(|x| x.is_ascii_uppercase()) {
            if let Some(c) = ISO_CODES.iter().find(|c| **c == word) {
                return Some((at + sep + 3, iso_cur(c)));
            }
        }
        if word == "LE" || en_rest.starts_with("L.E") {
            let len = if word == "LE" {
                2
            } else if en_rest.starts_with("L.E.") {
                4
            } else {
                3
            };
            return Some((at + sep + len, &EGP));
        }
        if word == "RM" {
            return Some((at + sep + 2, &MYR));
        }
        if word == "Rs" {
            return Some((at + sep + 2, &INR));
        }
        // 43c (attached cents)
        if sep == 0 && word == "c" {
            return Some((at + 1, &CENT));
        }
    }
    None
}

static MYR: Cur = c("RM", Iso("MYR"));
static EGP: Cur = c("LE", Iso("EGP"));
static INR: Cur = c("Rs", Iso("INR"));
static CENT: Cur = sub("c", Dollar, 0.01);

/// The table entry for an ISO code after a number.
fn iso_cur(code: &'static str) -> &'static Cur {
    static TABLE: std::sync::LazyLock<Vec<Cur>> = std::sync::LazyLock::new(|| {
        ISO_CODES
            .iter()
            .map(|c| Cur {
                pat: c,
                code: iso_code(c),
                scale: 1.0,
            })
            .collect()
    });
    TABLE.iter().find(|c| c.pat == code).unwrap_or(&TABLE[0])
}

/// Cents after a main unit: ` 50 cents`, ` and 43c`, ` 43`, ` and fourteen`,
/// ` 4 kopiykas`. A bare number only counts at the end of the clause.
fn english_cents(text: &str, end: usize) -> Option<(usize, f64)> {
    let rest = &text[end..];
    let mut off = 0;
    if rest.starts_with(" and ") {
        off = 5;
    } else if rest.starts_with(' ') {
        off = 1;
    }
    if off == 0 {
        return None;
    }
    let at = end + off;
    let b = text.as_bytes()[at..].first()?;
    if !(b.is_ascii_digit() || b.is_ascii_alphabetic()) {
        return None;
    }
    let n = numbers::scan(text, at)?;
    if n.magnitude != 1.0 || n.fraction || n.value >= 100.0 || n.value.fract() != 0.0 {
        return None;
    }
    let after = &text[n.end..];
    const CENT_WORDS: &[&str] = &[
        "cents", "cent", "c", "pence", "penny", "sens", "sen", "kopiykas", "kopiyka", "kopecks",
    ];
    let spaced = after.strip_prefix(' ').unwrap_or(after);
    for w in CENT_WORDS {
        if starts_with_word_ci(spaced, w) {
            let e = n.end + (after.len() - spaced.len()) + w.len();
            return Some((e, n.value / 100.0));
        }
    }
    // A bare number: only at the end of the clause.
    let closes = after.is_empty()
        || after.starts_with(['.', ',', ';', '!', '?', ')'])
        || after.starts_with(" and ");
    closes.then_some((n.end, n.value / 100.0))
}

/// `/斤`, `/kg` after a price: the per-unit, added to the span.
fn per_unit(text: &str, end: &mut usize) -> Option<String> {
    // Longer units first (千瓦时 before 瓦时).
    const UNITS: &[&str] = &[
        "千瓦时",
        "兆瓦时",
        "瓦时",
        "立方米",
        "平方英尺",
        "平方米",
        "平米",
        "公斤",
        "千克",
        "小时",
        "斤",
        "克",
        "吨",
        "股",
        "件",
        "个",
        "只",
        "人",
        "次",
        "天",
        "月",
        "年",
        "晚",
        "升",
        "度",
        "瓶",
        "盒",
        "箱",
        "台",
        "辆",
        "套",
        "亩",
        "头",
        "桶",
        "呎",
        "kWh",
        "MWh",
        "Wh",
        "kilogram",
        "kg",
        "pound",
        "lb",
        "ounce",
        "oz",
        "share",
        "barrel",
        "bbl",
        "tonne",
        "ton",
        "t",
        "night",
        "month",
        "year",
        "day",
        "hour",
        "sqm",
        "m2",
    ];
    let (rest, skip) = match text[*end..].strip_prefix('/') {
        Some(r) => (r, 1),
        // English: 1.41 yuan per share, $3 a share, 2 yuan per kilogram.
        None => {
            let tail = &text[*end..];
            let word = ["per ", "a ", "an "]
                .iter()
                .find(|w| tail.strip_prefix(' ').is_some_and(|t| t.starts_with(**w)))?;
            let skip = 1 + word.len();
            (&tail[skip..], skip)
        }
    };
    for u in UNITS {
        if skip > 1 && !u.as_bytes()[0].is_ascii_alphabetic() {
            continue;
        }
        if let Some(r) = rest.strip_prefix(u) {
            if u.as_bytes()[0].is_ascii_alphabetic()
                && r.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric)
            {
                continue;
            }
            *end += skip + u.len();
            return Some((*u).to_string());
        }
    }
    None
}

/// The qualifier written around a span (before it, or 以上/左右 after it);
/// 余/多 inside the span read as `about`.
fn qualifier_around(text: &str, start: usize, end: usize, approx: bool) -> Option<Qualifier> {
    qualifier_before(text, start)
        .or_else(|| qualifier_after(text, end))
        .or(approx.then_some(Qualifier::About))
}

/// The qualifier right before `start` (one space allowed).
pub(crate) fn qualifier_before(text: &str, start: usize) -> Option<Qualifier> {
    let head = &text[..start];
    let head = head.strip_suffix(' ').unwrap_or(head);
    let last = head.chars().next_back()?;
    if !last.is_ascii() {
        return qualifier_before_zh(head, last);
    }
    if !last.is_ascii_alphabetic() {
        return None;
    }
    let head = head.strip_suffix(" of").unwrap_or(head);
    let lb = head.as_bytes()[head.len() - 1].to_ascii_lowercase();
    for (w, q) in QUAL_BEFORE_EN {
        if w.as_bytes()[w.len() - 1] == lb && ends_with_word_ci(head, w) {
            return Some(*q);
        }
    }
    None
}

/// Chinese qualifiers before a span; `last` is the character right before it.
fn qualifier_before_zh(head: &str, last: char) -> Option<Qualifier> {
    // Every Chinese qualifier ends in one of these.
    if !matches!(
        last,
        '过' | '了'
            | '于'
            | '出'
            | '到'
            | '足'
            | '近'
            | '约'
            | '合'
            | '概'
            | '达'
            | '多'
            | '高'
            | '少'
            | '码'
            | '低'
            | '逾'
            | '超'
    ) {
        return None;
    }
    for (w, q) in QUAL_BEFORE_ZH {
        if !w.ends_with(last) {
            continue;
        }
        if let Some(h) = head.strip_suffix(w) {
            // 过 as in 通过/经过/不过 is not a qualifier.
            if *w == "过"
                && h.ends_with(['通', '经', '不', '超', '越', '度', '错', '难', '去', '过'])
            {
                return None;
            }
            if *w == "近" && h.ends_with(['最', '附', '接', '将', '临']) {
                continue;
            }
            // 约 in 合约/签约/节约 and 超 in 赶超 are words of their own.
            if *w == "约"
                && h.ends_with([
                    '合', '契', '签', '预', '条', '节', '制', '邀', '违', '履', '公', '特', '大',
                ])
            {
                continue;
            }
            if *w == "超" && h.ends_with(['赶', '高', '反']) {
                return None;
            }
            return Some(*q);
        }
    }
    None
}

/// The qualifier right after `end` (以上, 左右).
pub(crate) fn qualifier_after(text: &str, end: usize) -> Option<Qualifier> {
    let rest = &text[end..];
    QUAL_AFTER_ZH
        .iter()
        .find(|(w, _)| rest.starts_with(w))
        .map(|(_, q)| *q)
}

/// Chinese units: 元/圆 with optional 角 and 分 after them, and the colloquial
/// 块/蚊/毛/毫/仙 (and 分/角 alone) under stricter conditions, since 一块土地,
/// 长三角 and 10分钟 are not money.
fn chinese_units(ctx: &Ctx, n: &Number, before: Option<&(usize, Code)>) -> Option<Direct> {
    let text = ctx.text;
    let first = unit_at(text, n.end, before.is_some())?;
    // 元 followed by a word that is not about money (元旦, 二元化).
    if first.0 == '元' || first.0 == '圆' {
        if let Some(nx) = next_char(text, n.end + first.0.len_utf8()) {
            if in_set!("旦宵素件器老首帅朝代气音化组", nx) {
                return None;
            }
        }
    }
    let mut amount = 0.0;
    let mut level = 0.0f64; // the scale of the last unit read (1, 0.1, 0.01); 0 = none yet
    let mut num = *n;
    let mut end = n.end;
    let mut parts = 0;
    loop {
        match unit_at(text, num.end, before.is_some() || parts > 0) {
            Some((_, scale, len)) if level == 0.0 || scale < level => {
                amount += num.value * scale;
                level = scale;
                end = num.end + len;
                parts += 1;
                if scale <= 0.01 {
                    break;
                }
            }
            // A unit not smaller than the last one (五元六元): stop before this number.
            Some(_) => break,
            None => {
                // A bare digit after a unit counts in the next lower unit: 一块二, 两毛五.
                if parts > 0 && num.value < 10.0 && num.value.fract() == 0.0 && level > 0.01 {
                    // Only when the amount ends there: 一元二次方程 is algebra.
                    if !ends_word(text, num.end) {
                        return None;
                    }
                    amount += num.value * level / 10.0;
                    end = num.end;
                    parts += 1;
                }
                break;
            }
        }
        // 零 before the next part (三块零四): the next digit is fen.
        let at = end;
        if let Some(z) = text[at..].strip_prefix('零') {
            let zat = text.len() - z.len();
            if level >= 1.0 {
                if let Some(nx) = numbers::scan(text, zat) {
                    if nx.value < 10.0 && nx.kind != NumKind::English && nx.magnitude == 1.0 {
                        amount += nx.value * 0.01;
                        end = nx.end;
                        if let Some((_, sc, l)) = unit_at(text, nx.end, true) {
                            if sc < 0.1 {
                                end += l;
                            }
                        }
                        parts += 1;
                    }
                }
            }
            break;
        }
        let starts_num = next_char(text, at)
            .is_some_and(|c| c.is_ascii_digit() || numbers::cjk_digit(c).is_some_and(|d| d > 0));
        if !starts_num {
            break;
        }
        match numbers::scan(text, at) {
            Some(nx) if nx.value < 100.0 && nx.kind != NumKind::English && nx.magnitude == 1.0 => {
                num = nx;
            }
            _ => break,
        }
    }
    if parts == 0 {
        return None;
    }
    let main = first.0;
    let colloquial = !matches!(main, '元' | '圆') && before.is_none();
    if colloquial && !colloquial_ok(text, n, main, end, parts) {
        return None;
    }
    // 三块钱
    if text[end..].starts_with('钱') && main != '元' {
        end += '钱'.len_utf8();
    }
    let code = match before {
        Some((_, code)) => *code,
        None if main == '蚊' || main == '毫' || main == '仙' => Iso("HKD"),
        None => Yuan,
    };
    let start = before.map_or(n.start, |(s, _)| *s);
    // 8亿元人民币
    if text[end..].starts_with("人民币") && matches!(main, '元' | '圆') {
        end += "人民币".len();
    }
    Some(Direct {
        start,
        end,
        amount,
        code,
        suffix: before.is_none(),
    })
}

/// The Chinese unit at `at`: (char, scale, byte length). 个 (the Cantonese
/// dollar, 港币三个一毫四) only counts after a currency word or a first part.
fn unit_at(text: &str, at: usize, after_currency: bool) -> Option<(char, f64, usize)> {
    let c = next_char(text, at)?;
    let scale = match c {
        '元' | '圆' | '块' | '蚊' => 1.0,
        '个' if after_currency => 1.0,
        '角' | '毛' | '毫' => 0.1,
        '分' | '仙' => 0.01,
        _ => return None,
    };
    Some((c, scale, c.len_utf8()))
}

/// Whether a colloquial amount ends at `end`: no Han character continues
/// the word (一块土地, 三角形, 10分钟), except 钱 and the words that follow
/// amounts (的, 以上, 左右, 至, 到).
fn ends_word(text: &str, end: usize) -> bool {
    match next_char(text, end) {
        None => true,
        Some(c) => !is_han(c) || in_set!("钱的以左上多至到和与或", c),
    }
}

/// The conditions under which a colloquial unit is money: 7块, 三块四分,
/// 两毛五, 5分 are; 一块土地, 这一块, 长三角, 10分钟, 得了90分 are not.
fn colloquial_ok(text: &str, n: &Number, main: char, end: usize, parts: usize) -> bool {
    // What follows the whole expression must not continue a word.
    if !ends_word(text, end) {
        return false;
    }
    // What comes before the number: not a Han character continuing a word,
    // unless it is a price cue or a qualifier.
    let prev = prev_char(text, n.start);
    let prev_ok = match prev {
        None => true,
        Some(p) if !is_han(p) => !p.is_ascii_alphanumeric() && p != ':' && p != '：',
        Some(p) => in_set!("少多码约近过超达价售涨跌降每卖买花付仅只才要值赚亏损贵差省补贴罚奖赔收交给退领捐共合计是为了到至有剩欠借还找于", p),
    };
    if !prev_ok {
        return false;
    }
    // 分/仙 alone: fen, not minutes or points.
    if matches!(main, '分' | '仙') && parts == 1 {
        if n.value >= 100.0 || n.value.fract() != 0.0 {
            return false;
        }
        if let Some(p) = prev {
            if in_set!("得评打满考拿获扣总点时第比均为了", p) {
                return false;
            }
        }
    }
    true
}

/// The cue lists as automata: one pass over a clause instead of one search per word.
struct Cues {
    money: aho_corasick::AhoCorasick,
    count: aho_corasick::AhoCorasick,
}

static CUES: std::sync::LazyLock<Cues> = std::sync::LazyLock::new(|| Cues {
    money: aho_corasick::AhoCorasick::new(MONEY_CUES).expect("money cues build"),
    count: aho_corasick::AhoCorasick::new(COUNT_CUES).expect("count cues build"),
});

/// A bare 万/亿 amount in a money context: 销售3200亿, 投资超200亿, 年收入过百万.
fn context_money(text: &str, n: &Number) -> Option<Found> {
    if !n.cjk_magnitude || n.value < 1e4 || !plain_start(text, n) {
        return None;
    }
    if let Some(c) = next_char(text, n.end) {
        if in_set!(COUNT_AFTER, c) || c.is_ascii_alphanumeric() || c == '%' {
            return None;
        }
    }
    // The clause before the number (up to 20 characters).
    let head = &text[..n.start];
    let mut clause_start = head.len();
    for (count, (i, c)) in head.char_indices().rev().enumerate() {
        if count >= 20 || in_set!("。！？；，,;!?\n“”\"", c) {
            break;
        }
        clause_start = i;
    }
    let clause = &head[clause_start..];
    let tail_end = text[n.end..]
        .char_indices()
        .nth(6)
        .map_or(text.len(), |(i, _)| n.end + i);
    let tail = &text[n.end..tail_end];
    let tail = tail
        .split(['。', '，', ',', '；', '！', '？', '\n'])
        .next()
        .unwrap_or("");
    if CUES.count.is_match(clause) || CUES.count.is_match(tail) {
        return None;
    }
    let cue = CUES.money.is_match(clause)
        || ["投资", "资金", "融资", "营收", "收入", "的投入"]
            .iter()
            .any(|w| tail.trim_start_matches('的').starts_with(w));
    if !cue {
        return None;
    }
    Some(Found {
        range: n.start..n.end,
        amount: tidy(n.value),
        currency: None,
        per: None,
        qualifier: qualifier_around(text, n.start, n.end, n.approx),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lang;

    /// (text, amount, currency, qualifier) of every money entity.
    fn money(s: &str) -> Vec<(String, f64, Option<String>, Option<Qualifier>)> {
        let f = Folded::new(s);
        let mut out = Vec::new();
        find(&f, lang::detect(&f), &mut out);
        out.into_iter()
            .map(|e| match e.value {
                Some(Value::Money(m)) => (
                    e.text.to_string(),
                    m.amount,
                    m.currency.map(Cow::into_owned),
                    e.qualifier,
                ),
                _ => panic!("money without a value"),
            })
            .collect()
    }

    fn one(s: &str) -> (String, f64, Option<String>, Option<Qualifier>) {
        let m = money(s);
        assert_eq!(m.len(), 1, "{s}: {m:?}");
        m.into_iter().next().unwrap()
    }

    fn cny(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn currency_after_chinese() {
        assert_eq!(
            one("我们计划未来三年在东北进行超过200亿元的投资"),
            (
                "200亿元".into(),
                2e10,
                cny("CNY"),
                Some(Qualifier::MoreThan)
            )
        );
        assert_eq!(one("筹集资金达114816元,为目标金额的592%。").0, "114816元");
        assert_eq!(one("种植农户增收1500万元。").1, 1.5e7);
        assert_eq!(one("阿里巴巴获得250億美金投资").2, cny("USD"));
        assert_eq!(one("阿里巴巴获得250億美金投资").0, "250億美金");
        assert_eq!(one("东芝重组另需1万亿日元").1, 1e12);
        assert_eq!(one("以每股1.95港元").2, cny("HKD"));
        assert_eq!(one("央行到期定存单5306亿台币").2, cny("TWD"));
        assert_eq!(one("兑换1.0092瑞士法郎").2, cny("CHF"));
        assert_eq!(one("这台电脑两美元").1, 2.0);
        assert_eq!(one("我有一千元").1, 1000.0);
        assert_eq!(one("8亿元人民币").0, "8亿元人民币");
        assert_eq!(one("欧盟罚款30亿欧元").2, cny("EUR"));
        assert_eq!(one("他们花了五百万日元").2, cny("JPY"));
        assert!(money("澳門元").is_empty(), "no amount, no money");
        assert_eq!(one("澳門元100").2, cny("MOP"));
        assert_eq!(one("票价100澳門元").2, cny("MOP"));
    }

    #[test]
    fn currency_before_chinese() {
        assert_eq!(
            one("集团投入人民币60亿元"),
            ("人民币60亿元".into(), 6e9, cny("CNY"), None)
        );
        assert_eq!(one("新台幣286億元").2, cny("TWD"));
        assert_eq!(one("港幣3.14").2, cny("HKD"));
        assert_eq!(one("港幣3.14").0, "港幣3.14");
    }

    #[test]
    fn english_forms() {
        let m = money("JD will invest more than 20 billion yuan ($3.12 billion) in the region.");
        assert_eq!(m.len(), 2);
        assert_eq!(
            m[0],
            (
                "20 billion yuan".into(),
                2e10,
                cny("CNY"),
                Some(Qualifier::MoreThan)
            )
        );
        assert_eq!(
            m[1],
            (
                "$3.12 billion".into(),
                3.12e9,
                cny("USD"),
                Some(Qualifier::MoreThan)
            )
        );
        assert_eq!(one("a US$3 billion deal").2, cny("USD"));
        assert_eq!(one("a US$3 billion deal").0, "US$3 billion");
        assert_eq!(one("HK$500 million in bonds").2, cny("HKD"));
        assert_eq!(one("raised RMB 3.5 billion").0, "RMB 3.5 billion");
        assert_eq!(one("raised RMB 3.5 billion").1, 3.5e9);
        assert_eq!(one("sold for NT$1.2 billion").2, cny("TWD"));
        assert_eq!(one("a billion dollars").1, 1e9);
        assert_eq!(one("paid $10k upfront").1, 1e4);
        assert_eq!(one("costs €20").2, cny("EUR"));
        assert_eq!(one("five million yen").1, 5e6);
        assert_eq!(one("at 470 pence a share").1, 4.7);
        assert_eq!(one("rose 50 cents").1, 0.5);
        assert_eq!(one("it only cost 3 dollars 50 cents.").1, 3.5);
        assert_eq!(one("thirteen dollars and forty-five cents").1, 13.45);
        assert_eq!(one("42 KWD").2, cny("KWD"));
        assert_eq!(one("sold 1.5 trillion won of bonds").2, cny("KRW"));
        assert_eq!(one("about $ 35 million .").3, Some(Qualifier::About));
        assert_eq!(one("up to 5 euros").3, Some(Qualifier::AtMost));
        assert_eq!(one("at least $1.42").3, Some(Qualifier::AtLeast));
        assert_eq!(one("nearly $2 billion").3, Some(Qualifier::About));
    }

    #[test]
    fn per_unit_prices_of_energy() {
        for (text, per) in [
            ("电芯均价降至0.55元/瓦时，", "瓦时"),
            ("电价0.6元/千瓦时", "千瓦时"),
        ] {
            let f = Folded::new(text);
            let mut out = Vec::new();
            find(&f, Lang::ZhHans, &mut out);
            match out.first().and_then(|e| e.value.as_ref()) {
                Some(Value::Money(m)) => assert_eq!(m.per.as_deref(), Some(per), "{text}"),
                v => panic!("{text}: {v:?}"),
            }
        }
    }

    #[test]
    fn per_unit_prices() {
        let f = Folded::new("草莓收购价格上涨1.5元/斤,农户增收");
        let mut out = Vec::new();
        find(&f, Lang::ZhHans, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].text, "1.5元/斤");
        match &out[0].value {
            Some(Value::Money(m)) => {
                assert_eq!(m.amount, 1.5);
                assert_eq!(m.per.as_deref(), Some("斤"));
            }
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn context_money_without_currency() {
        assert_eq!(
            one("刘强东“密访”东三省 三年投资超200亿助力东北振兴"),
            ("200亿".into(), 2e10, None, Some(Qualifier::MoreThan))
        );
        assert_eq!(one("实现农产品销售3200亿，开设助农馆").2, None);
        assert_eq!(
            one("其中240家特产馆年收入过百万。"),
            ("百万".into(), 1e6, None, Some(Qualifier::Over))
        );
        // Counts are not money, even next to a money word.
        assert!(money("电商覆盖1万个村点").is_empty());
        assert!(money("投资覆盖50个县").is_empty());
        assert!(money("销售十余万斤的蜂蜜").is_empty());
        assert!(money("建成15万平米并投入运营").is_empty());
        assert!(money("平台用户数超过3亿").is_empty());
        assert!(money("销售9000个").is_empty());
        // No money word: no money.
        assert!(money("全国有1.2万家企业").is_empty());
        assert!(money("马云当年1.2万字的演讲").is_empty());
    }

    #[test]
    fn qualifiers() {
        assert_eq!(one("交易总额超过2萬億元").3, Some(Qualifier::MoreThan));
        assert_eq!(one("投资逾10亿元").3, Some(Qualifier::MoreThan));
        assert_eq!(one("投资10亿元以上").3, Some(Qualifier::AtLeast));
        assert_eq!(one("约10亿元").3, Some(Qualifier::About));
        assert_eq!(one("近10亿元").3, Some(Qualifier::About));
        assert_eq!(one("10亿元左右").3, Some(Qualifier::About));
        assert_eq!(one("不到10亿元").3, Some(Qualifier::LessThan));
        assert_eq!(one("高达10亿元").3, Some(Qualifier::AtMost));
        let m = one("帮助贫困户增收十余万元");
        assert_eq!(m.0, "十余万元");
        assert_eq!(m.1, 1e5);
        assert_eq!(m.3, Some(Qualifier::About));
        assert_eq!(one("营收200多亿元").3, Some(Qualifier::About));
        assert_eq!(one("通过10亿元的融资").3, None);
        assert_eq!(one("签订合约100亿元").3, None);
        assert_eq!(
            one("發行不多於HK$500 million的債券").3,
            Some(Qualifier::AtMost)
        );
        assert_eq!(one("不少于5亿元").3, Some(Qualifier::AtLeast));
        assert_eq!(one("最近10亿元的订单").3, None);
    }

    #[test]
    fn gloss_inside_the_span() {
        let src = "交易總額超過2萬(wàn)億元、比上年增長";
        let f = Folded::new(src);
        let mut out = Vec::new();
        find(&f, Lang::ZhHant, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].text, "2萬(wàn)億元");
    }

    #[test]
    fn traditional_bare_yuan() {
        // About the mainland: CNY.
        let m = one("廣東省政府與阿里巴巴簽約，廣州投資2.99億元建設中心。");
        assert_eq!(m.2, cny("CNY"));
        // About Taiwan, no mainland cue: null.
        let m = one("台北市政府表示，台灣今年將投入2.99億元補助，高雄亦同。");
        assert_eq!(m.2, None);
        assert_eq!(m.0, "2.99億元");
    }

    #[test]
    fn traditional_bare_yuan_defaults_to_the_mainland() {
        // Mainland companies and cities outweigh a Hong Kong listing.
        let m = money("騰訊與京東在深圳合作，投資20億元；騰訊在港股報價400港元。");
        assert_eq!(m[0].2, cny("CNY"));
        // No Taiwan, Hong Kong or Macau cue at all: CNY.
        assert_eq!(one("該公司營收增長至3億元。").2, cny("CNY"));
    }

    #[test]
    fn english_per_unit() {
        let (m, per) = {
            let folded = Folded::new("The board proposed a dividend of 0.8 yuan per share.");
            let mut out = Vec::new();
            find(&folded, Lang::En, &mut out);
            let e = out.remove(0);
            let per = match e.value {
                Some(Value::Money(v)) => v.per,
                _ => None,
            };
            (e.text, per)
        };
        assert_eq!(m, "0.8 yuan per share");
        assert_eq!(per.as_deref(), Some("share"));
        let m = one("pork sold at 25 yuan per kilogram");
        assert_eq!(m.0, "25 yuan per kilogram");
        assert_eq!(one("it offered $3 a share").0, "$3 a share");
    }

    #[test]
    fn ranges_are_two_spans() {
        let m = money("投资5亿至8亿元");
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].0.as_str(), m[0].1), ("5亿", 5e8));
        assert_eq!(m[0].2, cny("CNY"));
        assert_eq!((m[1].0.as_str(), m[1].1), ("8亿元", 8e8));
        let m = money("5.6到5.78元");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].1, 5.6);
        let m = money("between 10 and 20 dollars");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].1, 10.0);
        assert_eq!(m[0].2, cny("USD"));
        let m = money("5至8亿元");
        assert_eq!(m[0].1, 5e8);
    }

    #[test]
    fn chinese_sub_units() {
        assert_eq!(one("五元六角").1, 5.6);
        assert_eq!(one("两毛五").1, 0.25);
        // a loss or a price gap names the amount too
        assert_eq!(one("每卖一公斤奶就要亏一毛钱左右").1, 0.1);
        assert_eq!(one("两角五分").1, 0.25);
        assert_eq!(one("最多一块二").1, 1.2);
        assert_eq!(one("最多一块二").3, Some(Qualifier::AtMost));
        assert_eq!(one("至少三块零四").1, 3.04);
        assert_eq!(one("至少三块四分").1, 3.04);
        assert_eq!(one("起碼三蚊零四").1, 3.04);
        assert_eq!(one("3.04块以上").3, Some(Qualifier::AtLeast));
        assert_eq!(one("港幣三個一毫五").1, 3.15);
        assert_eq!(one("7块").1, 7.0);
        assert_eq!(one("每斤涨了三块钱。").0, "三块钱");
        assert_eq!(one("5分").1, 0.05);
    }

    #[test]
    fn must_not_fire() {
        for s in [
            "长三角地区的电商发展",
            "前10分钟销量破亿",
            "一个县一个品牌",
            "同比增长1150%。",
            "为目标金额的592%",
            "客服热线400-606-5500",
            "联系电话 010-12345678",
            "2018年1月17日",
            "订单号 A202107211321363588510367 可用作",
            "版本 v1.2.3 发布",
            "一块土地上建起了工厂",
            "这一块的业务",
            "得了90分",
            "下午3点20分",
            "元旦期间",
            "三角形",
            "一元二次方程",
            "All 70 of us.",
            "I tried to call Bob 3 times already.",
            "霸王蟹销量同比增长600倍",
            "万众创新",
            "百分之三十",
            "in 2003, the company",
            "a 5-pound bag of rice",
            "3M Co and the S&P 500",
            "filed a 10-K with the SEC",
        ] {
            assert!(money(s).is_empty(), "{s}: {:?}", money(s));
        }
        // The 5元 inside 1.5元 is not a second amount.
        assert_eq!(money("上涨1.5元/斤").len(), 1);
    }

    #[test]
    fn full_width_commas() {
        let m = money("选一个，$20，300美圆, ￥300");
        assert_eq!(m.len(), 3, "{m:?}");
        assert_eq!(m[0].1, 20.0);
        assert_eq!(m[1].1, 300.0);
        assert_eq!(one("共计1，500，000元").1, 1_500_000.0);
        assert_eq!(one("共计１，５００元").1, 1500.0);
    }

    #[test]
    fn dollar_symbols() {
        assert_eq!(one("$20").2, cny("USD"));
        assert_eq!(one("10$").1, 10.0);
        assert_eq!(one("C$ 16.4 million").2, cny("CAD"));
        assert_eq!(one("c $ 16.4 million").2, cny("CAD"));
        assert_eq!(one("hk $ 10.05 billion").2, cny("HKD"));
        assert_eq!(one("￥300").2, cny("CNY"));
        assert_eq!(one("Rs. 20").2, cny("INR"));
        assert_eq!(one("RM42").2, cny("MYR"));
        assert_eq!(one("USD3.25").1, 3.25);
        assert_eq!(one("£ 8.10 million").2, cny("GBP"));
    }

    /// Random strings over the characters the matchers care about never
    /// make the engine panic (slicing on character boundaries, empty input).
    #[test]
    fn never_panics_on_odd_input() {
        let alphabet: Vec<char> = "0123456789.,，%％$¥￥€£ -/元块角分毛亿万千百十一二两三点余多几个人民币美港台新澳US$HKRMBUSDbillionmillion and cents成之百分以上超过约(wàn)萬億"
            .chars()
            .collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let mut s = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let f = Folded::new(&s);
            let mut out = Vec::new();
            for lang in [Lang::ZhHans, Lang::ZhHant, Lang::En, Lang::Mixed] {
                find(&f, lang, &mut out);
            }
            crate::extract::percent::find(&f, &mut out);
            for e in &out {
                assert_eq!(&s[e.range.clone()], e.text);
            }
        }
    }
}
