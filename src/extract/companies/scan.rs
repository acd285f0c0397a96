//! One article's pass: alias and suffix hits from the automaton, names grown
//! from suffixes, short forms propagated, context-only names confirmed.

use super::lexicon::{self, Suffix};
use super::{Compiled, Pat};
use crate::extract::{script, CompanyValue, Entity, Folded, Kind, Value};
use aho_corasick::{AhoCorasickBuilder, MatchKind};
use std::collections::HashSet;
use std::ops::Range;

/// Who a mention refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Target {
    /// An entry of the gazetteer.
    Known(u32),
    /// A company this article names (index into `Article::locals`).
    Local(usize),
}

#[derive(Clone, Debug)]
struct Mention {
    range: Range<usize>,
    target: Target,
    /// Needs company context (weak alias not yet confirmed).
    weak: bool,
}

/// A company found by its shape.
#[derive(Clone, Debug)]
struct Local {
    canonical: String,
    parent: Option<Target>,
    /// The parent's alias the name starts with and the words after it
    /// (北大荒 + 通用航空), for abbreviations.
    parts: Option<(String, String)>,
    /// Short forms the article may use later.
    aliases: Vec<String>,
}

struct Article<'t> {
    text: &'t str,
    mentions: Vec<Mention>,
    locals: Vec<Local>,
}

impl Article<'_> {
    fn local(&mut self, canonical: &str, parent: Option<Target>) -> usize {
        if let Some(i) = self.locals.iter().position(|l| l.canonical == canonical) {
            return i;
        }
        self.locals.push(Local {
            canonical: canonical.to_string(),
            parent,
            parts: None,
            aliases: Vec::new(),
        });
        self.locals.len() - 1
    }

    /// Replaces every mention inside `range` by one mention of `target`.
    fn replace(&mut self, range: Range<usize>, target: Target) {
        self.mentions
            .retain(|m| m.range.end <= range.start || m.range.start >= range.end);
        self.mentions.push(Mention {
            range,
            target,
            weak: false,
        });
        self.mentions.sort_by_key(|m| m.range.start);
    }

    /// The last mention lying inside `range`.
    fn last_inside(&self, range: &Range<usize>) -> Option<Mention> {
        self.mentions
            .iter()
            .filter(|m| m.range.start >= range.start && m.range.end <= range.end)
            .max_by_key(|m| m.range.end)
            .cloned()
    }

    fn covered(&self, r: &Range<usize>) -> bool {
        self.mentions
            .iter()
            .any(|m| m.range.start < r.end && r.start < m.range.end)
    }
}

pub(super) fn find(
    c: &Compiled,
    ignored: &HashSet<String>,
    folded: &Folded,
    out: &mut Vec<Entity>,
) {
    let text = folded.text.as_str();
    let mut art = Article {
        text,
        mentions: Vec::new(),
        locals: Vec::new(),
    };
    let mut zh: Vec<(Range<usize>, Suffix)> = Vec::new();
    let mut en: Vec<(Range<usize>, Suffix)> = Vec::new();
    for m in c.ac.find_iter(text) {
        let id = m.pattern().as_usize();
        let r = m.start()..m.end();
        match c.pats[id] {
            Pat::Block => {}
            Pat::Alias { company, weak } => {
                if latin_ok(text, &r, &c.pat_text[id]) {
                    art.mentions.push(Mention {
                        range: r,
                        target: Target::Known(company),
                        weak,
                    });
                }
            }
            Pat::Suffix(s @ (Suffix::EnLegal | Suffix::EnGroup)) => {
                if latin_ok(text, &r, &c.pat_text[id]) {
                    en.push((r, s));
                }
            }
            Pat::Suffix(s) => zh.push((r, s)),
        }
    }
    if art.mentions.is_empty() && zh.is_empty() && en.is_empty() {
        return;
    }
    zh_shapes(&mut art, &zh);
    en_shapes(&mut art, &en);
    departments(&mut art);
    explicit_aliases(&mut art);
    propagate(&mut art, c);
    confirm_weak(&mut art);

    for m in &art.mentions {
        let surface = &text[m.range.clone()];
        if ignored.contains(surface) || c.ignore.contains(surface) {
            continue;
        }
        let value = match m.target {
            Target::Known(i) => {
                let e = &c.companies[i as usize];
                CompanyValue {
                    canonical: e.canonical.clone(),
                    ticker: e.ticker.clone(),
                    description: e.description.clone(),
                }
            }
            Target::Local(i) => {
                let l = &art.locals[i];
                let description = l.parent.map(|p| {
                    format!(
                        "part of {}",
                        match p {
                            Target::Known(k) => c.companies[k as usize].canonical.as_str(),
                            Target::Local(k) => art.locals[k].canonical.as_str(),
                        }
                    )
                });
                CompanyValue {
                    canonical: l.canonical.clone(),
                    ticker: None,
                    description,
                }
            }
        };
        out.push(Entity::new(
            folded.source,
            Kind::Company,
            folded.orig_range(m.range.clone()),
            Some(Value::Company(value)),
        ));
    }
}

fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn next_char(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// Latin names need word boundaries (JD is not in JDK or ADJD, nor in
/// jd.com's host part) and the written case (or all capitals).
fn latin_ok(text: &str, r: &Range<usize>, pat: &str) -> bool {
    let got = &text[r.clone()];
    if !pat.is_ascii() && !pat.bytes().any(|b| b.is_ascii_alphabetic()) {
        return true;
    }
    if got != pat && got != pat.to_ascii_uppercase() {
        return false;
    }
    let first = pat.chars().next().unwrap_or(' ');
    let last = pat.chars().next_back().unwrap_or(' ');
    if first.is_ascii_alphanumeric() {
        if let Some(p) = prev_char(text, r.start) {
            if p.is_ascii_alphanumeric() || "_@./#\\".contains(p) {
                return false;
            }
        }
    }
    if last.is_ascii_alphanumeric() || last == '.' {
        let rest = &text[r.end..];
        let mut it = rest.chars();
        match it.next() {
            Some(n) if n.is_ascii_alphanumeric() || n == '_' || n == '@' => return false,
            Some('.' | '-' | '/') if it.next().is_some_and(|n| n.is_ascii_alphanumeric()) => {
                return false
            }
            _ => {}
        }
    }
    true
}

/// Merges touching Chinese suffix hits into runs (网络 科技 有限公司) and
/// says what the run as a whole is.
fn runs(hits: &[(Range<usize>, Suffix)]) -> Vec<(Range<usize>, Suffix)> {
    let mut out: Vec<(Range<usize>, Vec<Suffix>)> = Vec::new();
    for (r, s) in hits {
        match out.last_mut() {
            Some((lr, ls)) if lr.end == r.start => {
                lr.end = r.end;
                ls.push(*s);
            }
            _ => out.push((r.clone(), vec![*s])),
        }
    }
    out.into_iter()
        .map(|(r, kinds)| {
            let last = *kinds.last().unwrap_or(&Suffix::Filler);
            let class = if matches!(last, Suffix::Branch | Suffix::NotName) {
                last
            } else {
                kinds
                    .iter()
                    .copied()
                    .filter(|k| !matches!(k, Suffix::Branch | Suffix::NotName))
                    .max()
                    .unwrap_or(Suffix::Filler)
            };
            (r, class)
        })
        .collect()
}

/// Walks left from `end` over what can belong to a Chinese name. Returns the
/// start and whether it stopped at a real boundary (not the length cap).
fn scan_left_zh(text: &str, end: usize, barriers: &[usize]) -> (usize, bool) {
    let mut pos = end;
    // Words of a line of business right before the suffix belong to the name
    // even when they double as verbs (投资管理有限公司).
    for _ in 0..3 {
        match lexicon::ends_with_any(&text[..pos], lexicon::LINE_OF_BUSINESS) {
            Some(w) if pos - w.len() > 0 => pos -= w.len(),
            _ => break,
        }
    }
    let mut n = 0;
    loop {
        if pos != end && barriers.contains(&pos) {
            return (pos, true);
        }
        let Some(c) = prev_char(text, pos) else {
            return (pos, true);
        };
        if lexicon::is_han(c) {
            if lexicon::STOP_CHARS.contains(c)
                || lexicon::ends_with_any(&text[..pos], lexicon::STOP_WORDS).is_some()
            {
                return (pos, true);
            }
            pos -= c.len_utf8();
        } else if c.is_ascii_alphanumeric() {
            pos -= 1;
        } else if c == ')' && text[..pos].ends_with("(中国)") {
            pos -= "(中国)".len();
        } else {
            return (pos, true);
        }
        n += 1;
        if n >= 24 {
            return (pos, false);
        }
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Unknown (and extended) Chinese names from suffix runs.
fn zh_shapes(art: &mut Article, hits: &[(Range<usize>, Suffix)]) {
    let text = art.text;
    let runs = runs(hits);
    let mut barriers: Vec<usize> = runs.iter().map(|(r, _)| r.end).collect();
    for (run, class) in runs {
        if matches!(class, Suffix::Filler) || art.covered(&run) {
            continue;
        }
        let after = &text[run.end..];
        if !matches!(class, Suffix::Legal | Suffix::Branch)
            && lexicon::starts_with_any(after, lexicon::CONTINUATIONS).is_some()
        {
            continue;
        }
        let (start, clean) = scan_left_zh(text, run.start, &barriers);
        if let Some(m) = art.last_inside(&(start..run.start)) {
            let prefix = &text[start..m.range.start];
            let name_start = if prefix.is_empty() || lexicon::is_place(prefix) {
                start
            } else {
                m.range.start
            };
            let middle = &text[m.range.end..run.start];
            let span = name_start..run.end;
            match class {
                Suffix::NotName => continue,
                Suffix::Branch => {
                    if chars(middle) <= 8 {
                        art.replace(m.range.start..run.end, m.target);
                    }
                    continue;
                }
                _ => {}
            }
            let same = middle.is_empty()
                || (matches!(class, Suffix::Legal | Suffix::Company)
                    && lexicon::composed_of(middle, lexicon::FILLER));
            if same {
                art.replace(span.clone(), m.target);
            } else if chars(middle) <= 10 {
                let canonical = text[span.clone()].to_string();
                let id = art.local(&canonical, Some(m.target));
                let parent_alias = text[m.range.clone()].to_string();
                art.locals[id].parts = Some((parent_alias, middle.to_string()));
                art.replace(span.clone(), Target::Local(id));
            } else {
                continue;
            }
            barriers.push(span.end);
            continue;
        }
        if !clean || matches!(class, Suffix::Branch | Suffix::NotName) {
            continue;
        }
        // Determiners and grammatical openers are not part of a name.
        let mut start = start;
        while let Some(w) = lexicon::starts_with_any(
            &text[start..run.start],
            &["一家", "这家", "该", "本", "其", "各", "多家", "两家"],
        ) {
            start += w.len();
        }
        let core = &text[start..run.start];
        if !core_ok(core, class) {
            continue;
        }
        let canonical = text[start..run.end].to_string();
        let id = art.local(&canonical, None);
        art.replace(start..run.end, Target::Local(id));
    }
}

/// Whether `core` (the text before a suffix) makes a company name.
fn core_ok(core: &str, class: Suffix) -> bool {
    let n = chars(core);
    if n == 0 {
        return false;
    }
    if lexicon::composed_of(core, lexicon::MODIFIERS)
        || lexicon::composed_of(core, lexicon::LINE_OF_BUSINESS)
    {
        return false;
    }
    let mut d = lexicon::strip_places(core);
    while let Some(w) = lexicon::ends_with_any(d, lexicon::LINE_OF_BUSINESS) {
        d = &d[..d.len() - w.len()];
    }
    while let Some(w) = lexicon::starts_with_any(d, lexicon::MODIFIERS) {
        d = &d[w.len()..];
    }
    let dn = chars(d);
    match class {
        Suffix::Legal => dn >= 1 && n <= 20,
        Suffix::Bank => {
            if lexicon::ends_with_any(core, lexicon::MODIFIERS).is_some() {
                return false;
            }
            (dn == 0 && lexicon::is_place(core) && n <= 4) || ((2..=4).contains(&dn) && n <= 8)
        }
        Suffix::Company | Suffix::Industry => {
            if lexicon::ends_with_any(core, lexicon::MODIFIERS).is_some() {
                return false;
            }
            (2..=4).contains(&dn) && n <= 8 && !lexicon::is_place(core)
        }
        _ => false,
    }
}

fn is_en_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "&'.-’".contains(c)
}

/// English names ending in Co./Ltd/Inc./Group/Holdings/Bank.
fn en_shapes(art: &mut Article, hits: &[(Range<usize>, Suffix)]) {
    let text = art.text;
    // Merge "Co., Ltd." and "Holdings Inc." into one run.
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (r, _) in hits {
        match runs.last_mut() {
            Some(lr) if matches!(&text[lr.end..r.start], " " | ", " | ",") => lr.end = r.end,
            _ => runs.push(r.clone()),
        }
    }
    for run in runs {
        if art.covered(&run) {
            continue;
        }
        // Words before the suffix: capitalized, or a connector inside a name.
        let mut words: Vec<Range<usize>> = Vec::new();
        let mut pos = run.start;
        while words.len() < 6 && text[..pos].ends_with(' ') {
            let before = &text[..pos - 1];
            let ws = before
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_en_word_char(c))
                .last()
                .map_or(before.len(), |(i, _)| i);
            let word = &before[ws..];
            if word.is_empty() {
                break;
            }
            let first = word.chars().next().unwrap_or(' ');
            let sentence_end = word.len() > 2
                && word.ends_with('.')
                && word[..word.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric());
            if sentence_end {
                break;
            }
            let connector = matches!(word, "of" | "&" | "and" | "de") && !words.is_empty();
            if first.is_ascii_uppercase() || first.is_ascii_digit() || connector {
                words.push(ws..pos - 1);
                pos = ws;
            } else {
                break;
            }
        }
        words.reverse();
        // Drop sentence openers and trailing connectors.
        while let Some(w) = words.first() {
            let s = &text[w.clone()];
            if lexicon::EN_LEADING_STOP.contains(&s) || matches!(s, "of" | "&" | "and" | "de") {
                words.remove(0);
            } else {
                break;
            }
        }
        let Some(first) = words.first() else {
            continue;
        };
        let start = first.start;
        let span = start..run.end;
        if let Some(m) = art.last_inside(&(start..run.start)) {
            let name_start = if m.range.start == start {
                start
            } else {
                m.range.start
            };
            let middle = text[m.range.end..run.start].trim();
            let same = middle.is_empty()
                || middle
                    .split(' ')
                    .all(|w| lexicon::EN_FILLER.contains(&w.trim_end_matches(',')));
            let span = name_start..run.end;
            if same {
                art.replace(span, m.target);
            } else {
                let canonical = text[span.clone()].to_string();
                let id = art.local(&canonical, Some(m.target));
                art.replace(span, Target::Local(id));
            }
            continue;
        }
        let all_generic = words
            .iter()
            .all(|w| lexicon::EN_GENERIC.contains(&&text[w.clone()]));
        if all_generic {
            continue;
        }
        let canonical = text[span.clone()].to_string();
        let id = art.local(&canonical, None);
        art.replace(span, Target::Local(id));
    }
}

/// 腾讯微信支付部, 工商银行北京分行: a unit named after its company links to
/// the company.
fn departments(art: &mut Article) {
    let text = art.text;
    let mut grow: Vec<(Range<usize>, Target)> = Vec::new();
    for m in &art.mentions {
        if !matches!(m.target, Target::Known(_)) {
            continue;
        }
        let mut pos = m.range.end;
        let mut n = 0;
        while let Some(c) = next_char(text, pos) {
            if !lexicon::is_han(c) || lexicon::STOP_CHARS.contains(c) || n > 8 {
                break;
            }
            if c == '部' && n >= 2 {
                let before = prev_char(text, pos).unwrap_or(' ');
                let after = next_char(text, pos + c.len_utf8()).unwrap_or(' ');
                let middle = &text[m.range.end..pos];
                if !"全内外东西南北中总局干本头底面背一两各该这那大细乐腹".contains(before)
                    && !"门分署长队件位落委属".contains(after)
                    && lexicon::starts_with_any(middle, &["相关", "有关", "各个"]).is_none()
                    && lexicon::ends_with_any(&text[..m.range.end], lexicon::STOP_WORDS).is_none()
                {
                    grow.push((m.range.start..pos + c.len_utf8(), m.target));
                }
                break;
            }
            if lexicon::ends_with_any(&text[..pos + c.len_utf8()], lexicon::STOP_WORDS).is_some() {
                break;
            }
            pos += c.len_utf8();
            n += 1;
        }
    }
    for (r, t) in grow {
        if !art
            .mentions
            .iter()
            .any(|m| m.range.start > r.start && m.range.start < r.end)
        {
            art.replace(r, t);
        }
    }
}

/// `星河物流科技有限公司（以下简称“星河物流”）`, `蓝鲸支付科技有限公司 (Bluewhale Pay)`:
/// the bracketed name is a mention and a short form of the name before it.
fn explicit_aliases(art: &mut Article) {
    let text = art.text;
    let mut found: Vec<(Range<usize>, Target)> = Vec::new();
    for m in &art.mentions {
        let rest = &text[m.range.end..];
        let trimmed = rest.trim_start_matches(' ');
        let Some(inner) = trimmed.strip_prefix('(') else {
            continue;
        };
        let Some(close) = inner.find(')') else {
            continue;
        };
        let base = m.range.end + (rest.len() - trimmed.len()) + 1;
        let body = &inner[..close];
        if chars(body) > 40 {
            continue;
        }
        let mut s = 0;
        for lead in ["以下简称", "以下称", "下称", "简称", "hereinafter", "the "] {
            if let Some(p) = body.find(lead) {
                s = p + lead.len();
                break;
            }
        }
        let mut name = body[s..].trim_start_matches([' ', ':', ',']);
        let mut off = base + (body.len() - name.len());
        for q in ['“', '"', '「', '‘', '\''] {
            if let Some(n) = name.strip_prefix(q) {
                off += q.len_utf8();
                name = n;
                break;
            }
        }
        let name = name.trim_end_matches(['”', '"', '」', '’', '\'', ' ']);
        let n = chars(name);
        if !(2..=30).contains(&n)
            || name
                .chars()
                .any(|c| c.is_ascii_digit() || c == ':' || c == ',')
            || lexicon::composed_of(name, lexicon::MODIFIERS)
        {
            continue;
        }
        let latin = name.is_ascii();
        let han = name.chars().all(lexicon::is_han);
        if !(han || (latin && name.starts_with(|c: char| c.is_ascii_uppercase()))) {
            continue;
        }
        found.push((off..off + name.len(), m.target));
    }
    for (r, t) in found {
        if art.covered(&r) {
            continue;
        }
        let alias = text[r.clone()].to_string();
        let id = match t {
            Target::Local(i) => i,
            Target::Known(_) => {
                // A listed company's own short form: a mention, no new entry.
                art.replace(r, t);
                continue;
            }
        };
        art.locals[id].aliases.push(alias);
        art.replace(r, t);
    }
}

/// Short forms of the names this article defined: 北大荒通用航空公司 ->
/// 北大荒通航, 北大荒通用航空; 星河物流科技有限公司 -> 星河物流;
/// Northwind Energy Holdings Inc. -> Northwind Energy, Northwind.
fn short_forms(l: &Local) -> Vec<String> {
    let name = l.canonical.as_str();
    let mut out: Vec<String> = Vec::new();
    if name.is_ascii() {
        let words: Vec<&str> = name.split(' ').collect();
        let mut end = words.len();
        while end > 0
            && lexicon::EN_FILLER
                .iter()
                .chain(lexicon::EN_SUFFIXES.iter().map(|(s, _)| s))
                .any(|f| *f == words[end - 1].trim_end_matches(','))
        {
            end -= 1;
        }
        if end >= 1 && end < words.len() {
            out.push(words[..end].join(" "));
        }
        if end >= 2 {
            let w = words[0];
            if w.len() >= 4
                && !lexicon::EN_GENERIC.contains(&w)
                && !lexicon::EN_LEADING_STOP.contains(&w)
                && !EN_COMMON_NAME_WORDS.contains(&w)
            {
                out.push(w.to_string());
            }
        }
        return out;
    }
    const LEGAL: &[&str] = &[
        "股份有限公司",
        "有限责任公司",
        "有限公司",
        "集团公司",
        "股份公司",
        "公司",
        "集团",
        "控股",
        "股份",
        "(中国)",
    ];
    let mut a = name;
    while let Some(w) = lexicon::ends_with_any(a, LEGAL) {
        a = &a[..a.len() - w.len()];
    }
    out.push(a.to_string());
    let mut b = a;
    while let Some(w) = lexicon::ends_with_any(b, lexicon::FILLER) {
        b = &b[..b.len() - w.len()];
    }
    out.push(b.to_string());
    out.push(lexicon::strip_places(b).to_string());
    if let Some((parent, middle)) = &l.parts {
        // The leading characters of the middle's two-character words.
        let mc: Vec<char> = middle.chars().collect();
        if mc.len() >= 4 && mc.len() % 2 == 0 && mc.iter().all(|&c| lexicon::is_han(c)) {
            let abbr: String = mc.iter().step_by(2).collect();
            out.push(format!("{parent}{abbr}"));
        }
    }
    out
}

/// English words common in names but too ordinary to stand alone as one.
const EN_COMMON_NAME_WORDS: &[&str] = &[
    "Bright",
    "Great",
    "Golden",
    "First",
    "United",
    "General",
    "Pacific",
    "Eastern",
    "Western",
    "Northern",
    "Southern",
    "Royal",
    "Star",
    "Blue",
    "Green",
    "Silver",
    "Grand",
    "Smart",
    "Future",
    "Modern",
    "Digital",
    "Power",
    "Energy",
    "Capital",
    "Sino",
    "Hong",
    "Kong",
    "Beijing",
    "Shanghai",
    "Shenzhen",
    "Guangzhou",
    "Asia",
    "Japan",
    "Korea",
    "British",
    "Standard",
    "Universal",
    "Advanced",
    "Applied",
    "Premier",
    "Prime",
    "Metro",
    "City",
    "Ocean",
    "Sun",
    "Sky",
    "Red",
    "White",
    "Black",
    "Black",
    "Bank",
    "Trust",
];

fn propagate(art: &mut Article, c: &Compiled) {
    if art.locals.is_empty() {
        return;
    }
    let text = art.text;
    let mut pats: Vec<(String, usize)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (i, l) in art.locals.iter().enumerate() {
        let mut forms = short_forms(l);
        forms.extend(l.aliases.iter().cloned());
        for f in forms {
            let ok = if f.is_ascii() {
                f.len() >= 3
            } else {
                chars(&f) >= 2
                    && !lexicon::is_place(&f)
                    && !lexicon::composed_of(&f, lexicon::MODIFIERS)
                    && !lexicon::composed_of(&f, lexicon::LINE_OF_BUSINESS)
            };
            // A listed name keeps meaning the listed company.
            let listed =
                c.ac.find(f.as_str())
                    .is_some_and(|m| m.start() == 0 && m.end() == f.len());
            if ok && !listed && f != l.canonical && seen.insert(f.clone()) {
                pats.push((f, i));
            }
        }
    }
    if pats.is_empty() {
        return;
    }
    let Ok(ac) = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(pats.iter().map(|(p, _)| p.as_str()))
    else {
        return;
    };
    let mut add = Vec::new();
    for m in ac.find_iter(text) {
        let r = m.start()..m.end();
        let (p, i) = &pats[m.pattern().as_usize()];
        // A short form may contain a listed name (北大荒通航 holds 北大荒):
        // the longer name wins, a partial overlap does not.
        let partial = art.mentions.iter().any(|m| {
            m.range.start < r.end
                && r.start < m.range.end
                && (m.range.start < r.start || m.range.end > r.end)
        });
        if !partial && latin_ok(text, &r, p) {
            add.push((r, Target::Local(*i)));
        }
    }
    for (r, t) in add {
        art.replace(r, t);
    }
}

/// Keeps a weak alias (卓越, 美的, Ant) only when the article names the same
/// company plainly, or when it stands in a list next to a company.
fn confirm_weak(art: &mut Article) {
    if !art.mentions.iter().any(|m| m.weak) {
        return;
    }
    let text = art.text;
    let strong: HashSet<Target> = art
        .mentions
        .iter()
        .filter(|m| !m.weak)
        .map(|m| m.target)
        .collect();
    let mut ok: Vec<bool> = art
        .mentions
        .iter()
        .map(|m| !m.weak || strong.contains(&m.target))
        .collect();
    let listed = |a: &Mention, b: &Mention| -> bool {
        let gap = &text[a.range.end..b.range.start.max(a.range.end)];
        matches!(
            gap,
            "、" | "," | ", " | "和" | "与" | "及" | "/" | " and " | ", and " | " & " | "以及"
        )
    };
    loop {
        let mut changed = false;
        for i in 0..art.mentions.len() {
            if ok[i] {
                continue;
            }
            let prev = i > 0 && ok[i - 1] && listed(&art.mentions[i - 1], &art.mentions[i]);
            let next = i + 1 < art.mentions.len()
                && ok[i + 1]
                && listed(&art.mentions[i], &art.mentions[i + 1]);
            if prev || next {
                ok[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut i = 0;
    art.mentions.retain(|_| {
        i += 1;
        ok[i - 1]
    });
}

/// Folds `s` the way the matcher sees it.
#[allow(dead_code)]
pub(crate) fn fold(s: &str) -> String {
    script::simplify(s)
}
