//! One article's pass: alias and suffix hits from the automaton, names grown
//! from suffixes, short forms propagated, context-only names confirmed.

use super::lexicon::{self, Suffix};
use super::{Compiled, Pat};
use crate::extract::classes::Classes;
use crate::extract::{script, CompanyValue, Entity, Folded, Kind, Value};
use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{HashMap, HashSet};
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
    /// The name as the article writes it (folded), for short forms.
    written: String,
    parent: Option<Target>,
    /// The parent's alias the name starts with and the words after it
    /// (北大荒 + 通用航空), for abbreviations.
    parts: Option<(String, String)>,
    /// Short forms the article may use later.
    aliases: Vec<String>,
}

struct Article<'t> {
    text: &'t str,
    /// Sorted by start, never overlapping.
    mentions: Vec<Mention>,
    locals: Vec<Local>,
    local_index: HashMap<String, usize>,
    /// Short names the article defines for listed companies (中金 in
    /// 中国国际金融股份有限公司（以下简称“中金”）), for propagation.
    known_aliases: Vec<(String, Target)>,
    /// Local companies found to be another mention's company (a name and
    /// its gloss in the other script).
    redirect: FxHashMap<usize, Target>,
}

impl Article<'_> {
    /// The company a target finally stands for, after links.
    fn resolve(&self, mut t: Target) -> Target {
        for _ in 0..8 {
            match t {
                Target::Local(i) => match self.redirect.get(&i) {
                    Some(&n) => t = n,
                    None => return t,
                },
                Target::Known(_) => return t,
            }
        }
        t
    }

    /// Records that `a` and `b` name one company. A listed company wins over
    /// a local one; of two local ones the name in Chinese script is kept.
    fn link(&mut self, a: Target, b: Target) {
        let (a, b) = (self.resolve(a), self.resolve(b));
        let (keep, drop) = match (a, b) {
            _ if a == b => return,
            (Target::Known(_), Target::Known(_)) => return,
            (Target::Known(_), Target::Local(i)) => (a, i),
            (Target::Local(i), Target::Known(_)) => (b, i),
            (Target::Local(i), Target::Local(j)) => {
                if self.locals[i].canonical.is_ascii() && !self.locals[j].canonical.is_ascii() {
                    (b, i)
                } else {
                    (a, j)
                }
            }
        };
        self.redirect.insert(drop, keep);
    }

    fn local(&mut self, canonical: &str, written: &str, parent: Option<Target>) -> usize {
        if let Some(&i) = self.local_index.get(canonical) {
            return i;
        }
        self.locals.push(Local {
            canonical: canonical.to_string(),
            written: written.to_string(),
            parent,
            parts: None,
            aliases: Vec::new(),
        });
        self.local_index
            .insert(canonical.to_string(), self.locals.len() - 1);
        self.locals.len() - 1
    }
}

/// The mentions of `ms` (sorted, non-overlapping) that overlap `r`.
fn overlapping<'m>(ms: &'m [Mention], r: &Range<usize>) -> &'m [Mention] {
    let from = ms.partition_point(|m| m.range.end <= r.start);
    let n = ms[from..]
        .iter()
        .take_while(|m| m.range.start < r.end)
        .count();
    &ms[from..from + n]
}

/// Adds `add` to the sorted mentions `old`; an added mention replaces every
/// old one it overlaps. Linear in both lengths.
fn merge(old: Vec<Mention>, mut add: Vec<Mention>) -> Vec<Mention> {
    if add.is_empty() {
        return old;
    }
    add.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
    let mut adds: Vec<Mention> = Vec::with_capacity(add.len());
    for m in add {
        if adds.last().is_none_or(|l| l.range.end <= m.range.start) {
            adds.push(m);
        }
    }
    let mut out = Vec::with_capacity(old.len() + adds.len());
    let mut adds = adds.into_iter().peekable();
    for m in old {
        while let Some(a) = adds.next_if(|a| a.range.end <= m.range.start) {
            out.push(a);
        }
        if adds.peek().is_some_and(|a| a.range.start < m.range.end) {
            continue;
        }
        out.push(m);
    }
    out.extend(adds);
    out
}

/// A left-to-right pass that rewrites mentions as names are grown: `done`
/// holds the mentions before the cursor, so every change touches its tail.
struct Sweep {
    done: Vec<Mention>,
    rest: std::iter::Peekable<std::vec::IntoIter<Mention>>,
}

impl Sweep {
    fn new(ms: Vec<Mention>) -> Sweep {
        Sweep {
            done: Vec::with_capacity(ms.len()),
            rest: ms.into_iter().peekable(),
        }
    }

    /// Moves the mentions that start before `upto` behind the cursor.
    fn advance(&mut self, upto: usize) {
        while let Some(m) = self.rest.next_if(|m| m.range.start < upto) {
            self.done.push(m);
        }
    }

    fn covered(&self, r: &Range<usize>) -> bool {
        self.done
            .last()
            .is_some_and(|m| m.range.start < r.end && r.start < m.range.end)
    }

    /// The last mention inside `r` (after `advance(r.end)`).
    fn last_inside(&self, r: &Range<usize>) -> Option<Mention> {
        let m = self.done.last()?;
        (m.range.start >= r.start && m.range.end <= r.end).then(|| m.clone())
    }

    /// The start of a mention that `pos` cuts in two, if any.
    fn straddling(&self, pos: usize) -> Option<usize> {
        for m in self.done.iter().rev() {
            if m.range.end <= pos {
                return None;
            }
            if m.range.start < pos {
                return Some(m.range.start);
            }
        }
        None
    }

    /// The end of a mention that `pos` falls strictly inside, if any.
    fn straddling_end(&self, pos: usize) -> Option<usize> {
        for m in self.done.iter().rev() {
            if m.range.end <= pos {
                return None;
            }
            if m.range.start < pos {
                return Some(m.range.end);
            }
        }
        None
    }

    /// The start of a strong mention that ends at `pos`, if any.
    fn ending_at(&self, pos: usize) -> Option<usize> {
        let m = self.done.iter().rev().find(|m| m.range.end <= pos)?;
        (m.range.end == pos && m.range.start < pos && !m.weak).then_some(m.range.start)
    }

    fn replace(&mut self, range: Range<usize>, target: Target) {
        while self.done.last().is_some_and(|m| m.range.end > range.start) {
            self.done.pop();
        }
        self.done.push(Mention {
            range,
            target,
            weak: false,
        });
    }

    fn finish(mut self) -> Vec<Mention> {
        self.done.extend(self.rest);
        self.done
    }
}

pub(super) fn find(
    c: &Compiled,
    ignored: &HashSet<String>,
    folded: &Folded,
    out: &mut Vec<Entity>,
) {
    let text: &str = &folded.text;
    let mut art = Article {
        text,
        mentions: Vec::new(),
        locals: Vec::new(),
        local_index: HashMap::new(),
        known_aliases: Vec::new(),
        redirect: FxHashMap::default(),
    };
    let mut zh: Vec<(Range<usize>, Suffix)> = Vec::new();
    let mut en: Vec<(Range<usize>, Suffix)> = Vec::new();
    // A text folded for another list has its own company marks.
    let own;
    let classes = if folded.classes.from_table(&c.classes) {
        &folded.classes
    } else {
        own = Classes::of_with(text, &c.classes);
        &own
    };
    for m in c.starts.find_iter(text, classes) {
        let id = m.pattern().as_usize();
        let r = m.start()..m.end();
        match c.pats[id] {
            Pat::Block => {}
            Pat::Alias { company, weak } => {
                let (r, company, weak) = if latin_ok(text, &r, &c.pat_text[id]) {
                    (r, company, weak)
                } else {
                    // "Geely Auto" inside "Geely Automobile": a shorter
                    // name at the same start may still stand on its own.
                    match shorter_latin(c, text, &r) {
                        Some(x) => x,
                        None => continue,
                    }
                };
                let (r, company, weak) = match word_tail_reading(c, text, &r) {
                    Some(shorter) => shorter,
                    None => (r, company, weak),
                };
                // A unit name (小米汽车) is a name on its own, never a weak word.
                let (r, weak) = match business_unit(text, &r) {
                    Some(end) => (r.start..end, false),
                    None => (r, weak),
                };
                art.mentions.push(Mention {
                    range: r,
                    target: Target::Known(company),
                    weak,
                });
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
    zh_shapes(&mut art, c, &zh);
    en_shapes(&mut art, c, &en);
    departments(&mut art);
    explicit_aliases(&mut art);
    propagate(&mut art, c);
    confirm_weak(&mut art);

    // A discovered company's value, built at its first mention.
    let mut local_values: Vec<Option<CompanyValue>> = vec![None; art.locals.len()];
    let any_ignored = !ignored.is_empty() || !c.ignore.is_empty();
    for m in &art.mentions {
        // In the same loop as the entity: on a long text each pass over the
        // mentions misses the cache at every one of them.
        let mut range = m.range.clone();
        if let Some(end) = sentence_stop(text, &range) {
            range.end = end;
        }
        // Only a list of ignored names needs the mention's text here (on a
        // long text, reading it is a cache miss per mention).
        if any_ignored {
            let surface = &text[range.clone()];
            if ignored.contains(surface) || c.ignore.contains(surface) {
                continue;
            }
        }
        let value = match art.resolve(m.target) {
            Target::Known(i) => c.values[i as usize].clone(),
            Target::Local(i) => local_values[i]
                .get_or_insert_with(|| {
                    let l = &art.locals[i];
                    let description = l.parent.map(|p| {
                        let parent = match p {
                            Target::Known(k) => c.companies[k as usize].canonical.as_str(),
                            Target::Local(k) => art.locals[k].canonical.as_str(),
                        };
                        format!("part of {parent}").into()
                    });
                    CompanyValue {
                        canonical: l.canonical.as_str().into(),
                        ticker: None,
                        description,
                    }
                })
                .clone(),
        };
        out.push(Entity::new(
            folded.source,
            Kind::Company,
            folded.orig_range(range),
            Some(Value::Company(value)),
        ));
    }
}

/// A name must not end inside a common word: in 京东方面 the 方 of 京东方
/// (BOE) starts 方面, so when a shorter known name ends right before that
/// word (京东), read the shorter name plus the word.
fn word_tail_reading(
    c: &Compiled,
    text: &str,
    r: &Range<usize>,
) -> Option<(Range<usize>, u32, bool)> {
    let last = prev_char(text, r.end)?;
    let next = next_char(text, r.end)?;
    // Characters, not `starts_with`: a string compare is a library call,
    // and this runs at every mention.
    let tail_word = lexicon::TAIL_WORDS.iter().any(|w| {
        let mut chars = w.chars();
        chars.next() == Some(last) && chars.next() == Some(next)
    });
    if !tail_word {
        return None;
    }
    let short = r.start..r.end - last.len_utf8();
    match c.pats[c.starts.exact(&text[short.clone()])?] {
        Pat::Alias { company, weak } => Some((short, company, weak)),
        _ => None,
    }
}

/// The longest alias that starts where `r` starts, ends on a word boundary
/// inside `r`, and passes the Latin checks.
fn shorter_latin(c: &Compiled, text: &str, r: &Range<usize>) -> Option<(Range<usize>, u32, bool)> {
    let span = &text[r.clone()];
    span.char_indices()
        .rev()
        .filter(|&(i, ch)| i > 0 && !ch.is_alphanumeric())
        .find_map(|(i, _)| {
            let id = c.starts.exact(&span[..i])?;
            let sub = r.start..r.start + i;
            match c.pats[id] {
                Pat::Alias { company, weak } if latin_ok(text, &sub, &c.pat_text[id]) => {
                    Some((sub, company, weak))
                }
                _ => None,
            }
        })
}

/// "... analysts at China International Capital Corp. According to ...":
/// the period after a legal abbreviation that ends a sentence is the
/// sentence's, not the name's.
fn sentence_stop(text: &str, r: &Range<usize>) -> Option<usize> {
    let name = &text[r.clone()];
    if !name.ends_with('.') {
        return None;
    }
    let last = name.rsplit(' ').next()?;
    if !matches!(last, "Co." | "Corp." | "Inc." | "Ltd." | "Bhd." | "Cos.") || name == last {
        return None;
    }
    let after = &text[r.end..];
    let ends = match after.chars().next() {
        None | Some('\n' | '\r') => true,
        Some(' ') => after[1..]
            .chars()
            .next()
            .is_none_or(|c| c.is_ascii_uppercase() || matches!(c, '"' | '“' | '\n')),
        _ => false,
    };
    ends.then_some(r.end - 1)
}

/// 小米汽车, 美团买菜: a known name directly followed by a business word names
/// one of its units, kept whole (the end of the longer span).
fn business_unit(text: &str, r: &Range<usize>) -> Option<usize> {
    let rest = &text[r.end..];
    let w = lexicon::starts_with_any(rest, lexicon::UNIT_WORDS)?;
    // Unless the word starts a longer common noun: 美团配送费, 比亚迪新能源汽车,
    // 腾讯金融部 (a department, read later). A generic noun after the unit's
    // name (美团外卖平台) leaves the name whole.
    let after = &rest[w.len()..];
    if lexicon::starts_with_any(after, lexicon::UNIT_WORD_NOUNS).is_some() {
        return None;
    }
    Some(r.end + w.len())
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
    if !pat.is_ascii() && !pat.bytes().any(|b| b.is_ascii_alphabetic()) {
        return true;
    }
    // Case needs no check: the automaton holds each Latin name as written
    // and in capitals, and matches case-sensitively.
    let first = pat.chars().next().unwrap_or(' ');
    let last = pat.chars().next_back().unwrap_or(' ');
    if first.is_ascii_alphanumeric() {
        if let Some(p) = prev_char(text, r.start) {
            if p.is_ascii_alphanumeric() || in_set!("_@./#\\", p) {
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
    // (range, last kind, strongest naming kind)
    let mut out: Vec<(Range<usize>, Suffix, Suffix)> = Vec::new();
    for (r, s) in hits {
        let naming = if matches!(s, Suffix::Branch | Suffix::NotName) {
            Suffix::Filler
        } else {
            *s
        };
        match out.last_mut() {
            Some((lr, last, best)) if lr.end == r.start => {
                lr.end = r.end;
                *last = *s;
                *best = (*best).max(naming);
            }
            _ => out.push((r.clone(), *s, naming)),
        }
    }
    out.into_iter()
        .map(|(r, last, best)| {
            let class = if matches!(last, Suffix::Branch | Suffix::NotName) {
                last
            } else {
                best
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
        match lexicon::LOB_SET.suffix_of(&text[..pos]) {
            Some(w) if pos - w.len() > 0 => pos -= w.len(),
            _ => break,
        }
    }
    let mut n = 0;
    loop {
        if pos != end && barriers.binary_search(&pos).is_ok() {
            return (pos, true);
        }
        let Some(c) = prev_char(text, pos) else {
            return (pos, true);
        };
        if lexicon::is_han(c) {
            if lexicon::STOP_WORD_SET.suffix_of(&text[..pos]).is_some()
                || lexicon::descriptor_before(text, pos)
            {
                return (pos, true);
            }
            if in_set!(lexicon::STOP_CHARS, c) {
                // A line of business holding the stop character (新能源,
                // 智能) is one word of the name: go on before it.
                match lob_around(text, pos, end) {
                    Some(start) => {
                        n += chars(&text[start..pos]);
                        pos = start;
                        if n >= 24 {
                            return (pos, false);
                        }
                        continue;
                    }
                    None => return (pos, true),
                }
            }
            pos -= c.len_utf8();
        } else if c.is_ascii_alphanumeric() {
            pos -= 1;
        } else if c == ')' {
            // A bracketed word inside a legal name: (中国), (集团), (控股).
            match text[..pos].rfind('(') {
                Some(open)
                    if pos - open <= 14 && lexicon::FILLER_SET.composes(&text[open..pos]) =>
                {
                    pos = open;
                }
                _ => return (pos, true),
            }
        } else {
            return (pos, true);
        }
        n += 1;
        if n >= 24 {
            return (pos, false);
        }
    }
}

/// The start of a line-of-business word that holds the stop character
/// just before `pos` and lies within `..end` (新能源 around 能).
fn lob_around(text: &str, pos: usize, end: usize) -> Option<usize> {
    let c = prev_char(text, pos)?;
    let at = pos - c.len_utf8();
    lexicon::LOB_WITH_STOP_CHARS.iter().find_map(|w| {
        let start = at.checked_sub(w.find(c)?)?;
        (text.is_char_boundary(start) && start + w.len() <= end && text[start..].starts_with(w))
            .then_some(start)
    })
}

/// Whether the left scan stopped at `pos` because of the text just before
/// it (a stop character or word), not a bracket, space or suffix.
fn stopped_by_own_text(text: &str, pos: usize) -> bool {
    prev_char(text, pos).is_some_and(|c| in_set!(lexicon::STOP_CHARS, c))
        || lexicon::STOP_WORD_SET.suffix_of(&text[..pos]).is_some()
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Unknown (and extended) Chinese names from suffix runs.
fn zh_shapes(art: &mut Article, c: &Compiled, hits: &[(Range<usize>, Suffix)]) {
    let text = art.text;
    let runs = runs(hits);
    if runs.is_empty() {
        return;
    }
    let barriers: Vec<usize> = runs.iter().map(|(r, _)| r.end).collect();
    let mut sw = Sweep::new(std::mem::take(&mut art.mentions));
    for (run, class) in runs {
        sw.advance(run.end);
        if sw.covered(&run) {
            continue;
        }
        if matches!(class, Suffix::Filler) {
            // 伊利股份, 韵达股份: the listed company's usual short name.
            if &text[run.clone()] == "股份" {
                if let Some(m) = sw.last_inside(&(0..run.start)) {
                    if m.range.end == run.start && !m.weak {
                        sw.replace(m.range.start..run.end, m.target);
                    }
                }
            }
            continue;
        }
        let after = &text[run.end..];
        if !matches!(class, Suffix::Legal | Suffix::Branch)
            && lexicon::CONTINUATION_SET.prefix_of(after).is_some()
        {
            continue;
        }
        let (mut start, clean) = scan_left_zh(text, run.start, &barriers);
        if let Some(s) = sw.straddling(start) {
            // The scan stopped inside a listed name (和记黄埔): take it whole.
            start = s;
        } else if let Some(s) = sw
            .ending_at(start)
            .filter(|_| stopped_by_own_text(text, start))
        {
            // ... or at its end, on a character of the name itself
            // (新希望六和 + 股份有限公司 stops at 和).
            start = s;
        }
        let inner = sw.last_inside(&(start..run.start)).filter(|m| {
            // A context-only name glued to other characters (华电 in 中华电力)
            // is not a name there.
            let prefix = &text[start..m.range.start];
            !m.weak || prefix.is_empty() || lexicon::is_place(prefix)
        });
        if let Some(m) = inner {
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
                        sw.replace(m.range.start..run.end, m.target);
                    }
                    continue;
                }
                _ => {}
            }
            let same = middle.is_empty()
                || (matches!(class, Suffix::Legal | Suffix::Company)
                    && lexicon::FILLER_SET.composes(middle));
            if same {
                sw.replace(span, m.target);
            } else if chars(middle) <= 10 {
                let written = &text[span.clone()];
                let canonical =
                    match (prefix.is_empty() || name_start == m.range.start, m.target) {
                        (true, Target::Known(k)) => sub_canonical(
                            &c.companies[k as usize].canonical,
                            middle,
                            &text[run.clone()],
                        ),
                        _ => None,
                    }
                    .unwrap_or_else(|| written.to_string());
                let id = art.local(&canonical, written, Some(m.target));
                let parent_alias = text[m.range.clone()].to_string();
                art.locals[id].parts = Some((parent_alias, middle.to_string()));
                sw.replace(span, Target::Local(id));
            }
            continue;
        }
        if !clean || matches!(class, Suffix::Branch | Suffix::NotName) {
            continue;
        }
        // A determiner makes a description, not a name (当地一家米业公司);
        // before a legal suffix the name starts after it.
        let core = &text[start..run.start];
        let determiner = core.char_indices().rev().find_map(|(i, _)| {
            lexicon::DETERMINER_SET
                .prefix_of(&core[i..])
                .map(|d| start + i + d.len())
        });
        if let Some(at) = determiner {
            if class != Suffix::Legal {
                continue;
            }
            start = at;
        }
        let core = &text[start..run.start];
        if !core_ok(core, class) {
            continue;
        }
        let canonical = text[start..run.end].to_string();
        let id = art.local(&canonical, &canonical, None);
        sw.replace(start..run.end, Target::Local(id));
    }
    art.mentions = sw.finish();
}

/// The parent's English name without its legal words (Beidahuang Group ->
/// Beidahuang).
fn en_stem(parent: &str) -> Option<&str> {
    if !parent.is_ascii() {
        return None;
    }
    let mut words: Vec<&str> = parent.split(' ').collect();
    while words.len() > 1 && lexicon::EN_FILLER.contains(words.last().unwrap_or(&"")) {
        words.pop();
    }
    let stem_len = words
        .iter()
        .map(|w| w.len() + 1)
        .sum::<usize>()
        .saturating_sub(1);
    Some(&parent[..stem_len])
}

/// A legal suffix in one normal English form: Co, Group, Holdings, Bank.
fn en_suffix_norm(suffix: &str) -> &'static str {
    let first = suffix.split([' ', ',']).next().unwrap_or("");
    match first.trim_end_matches('.') {
        "Group" => "Group",
        "Holdings" | "Holding" => "Holdings",
        "Bank" => "Bank",
        _ => "Co",
    }
}

/// One canonical for a subsidiary named after a listed parent, whatever the
/// language: 北大荒通用航空公司 and Beidahuang General Aviation Co are both
/// `Beidahuang General Aviation Co`. None when a word has no translation.
fn sub_canonical(parent: &str, middle: &str, suffix: &str) -> Option<String> {
    let stem = en_stem(parent)?;
    let mut words: Vec<&str> = Vec::new();
    let mut rest = middle;
    while !rest.is_empty() {
        let (zh, en) = lexicon::EN_LOB
            .iter()
            .filter(|(zh, _)| rest.starts_with(zh))
            .max_by_key(|(zh, _)| zh.len())?;
        words.push(en);
        rest = &rest[zh.len()..];
    }
    let norm = if suffix.ends_with("集团") {
        "Group"
    } else if suffix.ends_with("控股") {
        "Holdings"
    } else if suffix.ends_with("银行") {
        "Bank"
    } else if suffix.ends_with("公司") {
        "Co"
    } else {
        return None;
    };
    Some(format!("{stem} {} {norm}", words.join(" ")))
}

fn en_sub_canonical(parent: &str, middle: &str, suffix: &str) -> Option<String> {
    let stem = en_stem(parent)?;
    if middle.is_empty() || !middle.is_ascii() {
        return None;
    }
    Some(format!("{stem} {middle} {}", en_suffix_norm(suffix)))
}

/// Whether `core` (the text before a suffix) makes a company name.
fn core_ok(core: &str, class: Suffix) -> bool {
    let n = chars(core);
    if n == 0 {
        return false;
    }
    if lexicon::MODIFIER_SET.composes(core) || lexicon::LOB_SET.composes(core) {
        return false;
    }
    let mut d = lexicon::strip_places(core);
    while let Some(w) = lexicon::LOB_SET.suffix_of(d) {
        d = &d[..d.len() - w.len()];
    }
    while let Some(w) = lexicon::MODIFIER_SET.prefix_of(d) {
        d = &d[w.len()..];
    }
    let dn = chars(d);
    match class {
        Suffix::Legal => dn >= 1 && n <= 20,
        Suffix::Bank => {
            if lexicon::MODIFIER_SET.suffix_of(core).is_some() {
                return false;
            }
            (dn == 0 && lexicon::is_place(core) && n <= 4) || ((2..=4).contains(&dn) && n <= 8)
        }
        Suffix::Company | Suffix::Industry => {
            if lexicon::MODIFIER_SET.suffix_of(core).is_some() {
                return false;
            }
            (2..=4).contains(&dn) && n <= 8 && !lexicon::is_place(core)
        }
        _ => false,
    }
}

fn is_en_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || in_set!("&'.-’", c)
}

/// English names ending in Co./Ltd/Inc./Group/Holdings/Bank.
fn en_shapes(art: &mut Article, c: &Compiled, hits: &[(Range<usize>, Suffix)]) {
    let text = art.text;
    // Merge "Co., Ltd." and "Holdings Inc." into one run.
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (r, _) in hits {
        match runs.last_mut() {
            Some(lr) if matches!(&text[lr.end..r.start], " " | ", " | ",") => lr.end = r.end,
            _ => runs.push(r.clone()),
        }
    }
    if runs.is_empty() {
        return;
    }
    let mut sw = Sweep::new(std::mem::take(&mut art.mentions));
    for mut run in runs {
        // "JPMorgan Chase & Co.", "Procter & Gamble Co": the ampersand
        // belongs to the suffix.
        if text[..run.start].ends_with(" & ") && text[run.start..].starts_with("Co") {
            run.start -= 2;
        }
        sw.advance(run.end);
        if sw.covered(&run) {
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
        // Words inside a mention that starts before them (the second
        // Johnson of Johnson & Johnson) belong to that mention.
        if let Some(end) = words.first().and_then(|w| sw.straddling_end(w.start)) {
            words.retain(|w| w.start >= end);
        }
        // Drop sentence openers and trailing connectors.
        while let Some(w) = words.first() {
            let s = &text[w.clone()];
            if lexicon::EN_LEADING_STOP.contains(&s) || matches!(s, "of" | "&" | "and" | "de") {
                words.remove(0);
            } else {
                break;
            }
        }
        // A name does not run back over "and"/"&" past another company:
        // in "BYD and Geely Automobile Holdings Ltd" the name starts at
        // Geely. (A listed "Johnson & Johnson" is one mention already.)
        if let Some(k) = words
            .iter()
            .rposition(|w| matches!(&text[w.clone()], "and" | "&"))
        {
            if k > 0 && sw.ending_at(words[k - 1].end).is_some() {
                words.drain(..=k);
            }
        }
        let Some(first) = words.first() else {
            continue;
        };
        let start = first.start;
        // A period that ends the sentence is not the name's.
        let end = sentence_stop(text, &(start..run.end)).unwrap_or(run.end);
        let span = start..end;
        let inner = sw.last_inside(&(start..run.start));
        let organisation = words.iter().any(|w| {
            lexicon::EN_ORG_WORDS.contains(&&text[w.clone()])
                && !inner
                    .as_ref()
                    .is_some_and(|m| m.range.start <= w.start && w.end <= m.range.end)
        });
        if organisation {
            continue;
        }
        if let Some(m) = inner {
            let prefix = text[start..m.range.start].trim_end();
            let name_start = if prefix.is_empty()
                || prefix.split(' ').all(|w| lexicon::EN_PLACES.contains(&w))
            {
                start
            } else {
                m.range.start
            };
            let middle = text[m.range.end..run.start].trim();
            let same = middle.is_empty()
                || middle
                    .split(' ')
                    .all(|w| lexicon::EN_FILLER.contains(&w.trim_end_matches(',')));
            let span = name_start..end;
            if same {
                sw.replace(span, m.target);
            } else {
                let written = &text[span.clone()];
                let canonical = match m.target {
                    Target::Known(k) => en_sub_canonical(
                        &c.companies[k as usize].canonical,
                        middle,
                        &text[run.clone()],
                    ),
                    Target::Local(_) => None,
                }
                .unwrap_or_else(|| written.to_string());
                let id = art.local(&canonical, written, Some(m.target));
                sw.replace(span, Target::Local(id));
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
        let id = art.local(&canonical, &canonical, None);
        sw.replace(span, Target::Local(id));
    }
    art.mentions = sw.finish();
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
        let window = &text.as_bytes()[m.range.end..text.len().min(m.range.end + 40)];
        // Byte tests, not a slice compare (a library call) per position.
        let bu = "部".as_bytes();
        if !window
            .windows(3)
            .any(|w| w[0] == bu[0] && w[1] == bu[1] && w[2] == bu[2])
        {
            continue;
        }
        let mut pos = m.range.end;
        let mut n = 0;
        while let Some(c) = next_char(text, pos) {
            if !lexicon::is_han(c) || in_set!(lexicon::STOP_CHARS, c) || n > 8 {
                break;
            }
            if c == '部' && n >= 2 {
                let before = prev_char(text, pos).unwrap_or(' ');
                let after = next_char(text, pos + c.len_utf8()).unwrap_or(' ');
                let middle = &text[m.range.end..pos];
                if !in_set!(
                    "全内外东西南北中总局干本头底面背一两各该这那大细乐腹",
                    before
                ) && !in_set!("门分署长队件位落委属", after)
                    && lexicon::starts_with_any(middle, &["相关", "有关", "各个"]).is_none()
                    && lexicon::STOP_WORD_SET
                        .suffix_of(&text[..m.range.end])
                        .is_none()
                {
                    grow.push((m.range.start..pos + c.len_utf8(), m.target));
                }
                break;
            }
            if lexicon::STOP_WORD_SET
                .suffix_of(&text[..pos + c.len_utf8()])
                .is_some()
            {
                break;
            }
            pos += c.len_utf8();
            n += 1;
        }
    }
    let add: Vec<Mention> = grow
        .into_iter()
        .filter(|(r, _)| {
            overlapping(&art.mentions, r)
                .iter()
                .all(|m| m.range.start >= r.start && m.range.end <= r.end)
        })
        .map(|(range, target)| Mention {
            range,
            target,
            weak: false,
        })
        .collect();
    art.mentions = merge(std::mem::take(&mut art.mentions), add);
}

/// Words that introduce the short name an article will use for a company
/// (longest first where one holds another). Every Chinese one ends in 称 or
/// 称为.
const ALIAS_LEADS_ZH: &[&str] = &[
    "以下简称为",
    "以下简称",
    "以下统称",
    "以下称为",
    "以下称",
    "下称为",
    "下称",
    "简称为",
    "简称",
    "又称",
    "统称",
];

/// English leads; each holds "ere" or "referred", or is "the ".
const ALIAS_LEADS_EN: &[&str] = &[
    "hereinafter referred to as",
    "hereinafter called",
    "hereinafter",
    "hereafter",
    "referred to as",
    "the ",
];

/// The first lead word in a bracket, as a byte range.
fn alias_lead(body: &str) -> Option<(usize, usize)> {
    for (p, _) in body.match_indices('称') {
        let end = p + '称'.len_utf8();
        let ends = [
            end + if body[end..].starts_with('为') {
                '为'.len_utf8()
            } else {
                0
            },
            end,
        ];
        for e in ends {
            if let Some(l) = ALIAS_LEADS_ZH.iter().find(|l| body[..e].ends_with(**l)) {
                return Some((e - l.len(), e));
            }
        }
    }
    if !body.contains("ere") && !body.contains("referred") && !body.contains("the ") {
        return None;
    }
    ALIAS_LEADS_EN
        .iter()
        .filter_map(|l| body.find(l).map(|p| (p, p + l.len())))
        .min_by_key(|&(p, e)| (p, std::cmp::Reverse(e)))
}

const OPEN_QUOTES: &[char] = &['“', '"', '「', '『', '‘', '\''];
const CLOSE_QUOTES: &[char] = &['”', '"', '」', '』', '’', '\''];

/// Defined terms that are roles, not names: (the "Company"), （“发行人”）.
const GENERIC_TERMS: &[&str] = &[
    "Company",
    "Group",
    "Issuer",
    "Bank",
    "Buyer",
    "Seller",
    "Purchaser",
    "Vendor",
    "Target",
    "Offeror",
    "Borrower",
    "Lender",
    "Guarantor",
    "Fund",
    "Partnership",
    "Subsidiary",
    "Parent",
    "Acquirer",
    "Investor",
    "Platform",
    "公司",
    "本公司",
    "集团",
    "本集团",
    "发行人",
    "本行",
    "标的公司",
    "目标公司",
    "收购人",
    "收购方",
    "交易对方",
    "买方",
    "卖方",
    "合资公司",
    "新公司",
];

/// The short name a bracket defines, as a byte range of `body` (the text
/// between the brackets): `以下简称“星河物流”`, `下称“鲁丰农业”，股票代码：…`,
/// `"Foo"`, `hereinafter "Foo"`, `Bluewhale Pay`, `鲁丰农业，下同`.
fn defined_name(body: &str) -> Option<(Range<usize>, bool)> {
    let lead = alias_lead(body);
    let mut s = lead.map_or(0, |(_, e)| e);
    let skip = |s: &mut usize| {
        let rest = &body[*s..];
        *s += rest.len() - rest.trim_start_matches([' ', ':', ',', '为']).len();
    };
    skip(&mut s);
    let rest = &body[s..];
    let quoted = OPEN_QUOTES.iter().find(|q| rest.starts_with(**q));
    let (from, to) = match quoted {
        Some(q) => {
            let from = s + q.len_utf8();
            let close = body[from..].find(CLOSE_QUOTES)?;
            (from, from + close)
        }
        None => {
            // Unquoted: the whole bracket, or the part before a separator
            // when a lead word or 下同 says the bracket defines a name.
            let sep = rest.find([',', ';', '、']);
            match sep {
                Some(p) if lead.is_some() || rest[p..].trim_start_matches([',', ' ']) == "下同" => {
                    (s, s + p)
                }
                Some(_) => return None,
                None => (s, body.len()),
            }
        }
    };
    let name = body[from..to].trim_end_matches(' ');
    let defined = lead.is_some() || quoted.is_some() || to < body.len();
    Some((from..from + name.len(), defined))
}

/// Whether a defined short name can stand for a company.
fn name_like(name: &str) -> bool {
    let n = chars(name);
    if !(2..=30).contains(&n)
        || name
            .chars()
            .any(|c| c.is_ascii_digit() || c == ':' || c == ',')
        || lexicon::MODIFIER_SET.composes(name)
        || GENERIC_TERMS.contains(&name)
    {
        return false;
    }
    let latin = name.is_ascii();
    let han = name.chars().all(lexicon::is_han);
    han || (latin && name.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// `星河物流科技有限公司（以下简称“星河物流”）`, `蓝鲸支付科技有限公司 (Bluewhale Pay)`:
/// the bracketed name is a mention and a short form of the name before it.
/// When the bracket holds a name already found, the two are one company
/// when the bracket says so (`某某投资发展股份有限公司（以下简称“双汇发展”）`)
/// or when it gives the name in the other script
/// (`Hangzhou Lanyu E-commerce Co Ltd (杭州蓝屿电子商务有限公司)`).
fn explicit_aliases(art: &mut Article) {
    let text = art.text;
    // (defined name, the company before the bracket, that company's name is
    // Latin, the bracket defines the name with a lead word or quotes)
    let mut found: Vec<(Range<usize>, Target, bool, bool)> = Vec::new();
    for m in &art.mentions {
        let rest = &text[m.range.end..];
        let trimmed = rest.trim_start_matches(' ');
        let Some(inner) = trimmed.strip_prefix('(') else {
            continue;
        };
        let window = &inner.as_bytes()[..inner.len().min(160)];
        let Some(close) = window.iter().position(|&b| b == b')') else {
            continue;
        };
        let base = m.range.end + (rest.len() - trimmed.len()) + 1;
        let body = &inner[..close];
        if chars(body) > 40 {
            continue;
        }
        let Some((r, defined)) = defined_name(body) else {
            continue;
        };
        let latin = text[m.range.clone()].is_ascii();
        found.push((base + r.start..base + r.end, m.target, latin, defined));
    }
    let mut add = Vec::new();
    for (r, t, outer_latin, defined) in found {
        let over = overlapping(&art.mentions, &r);
        if let [same] = over {
            if same.range == r {
                // A bare bracket in the same script may be anything (a
                // parent, a brand); a definition or a gloss in the other
                // script names the same company.
                let known_inside = matches!((t, same.target), (Target::Local(_), Target::Known(_)));
                if same.target != t
                    && (defined || known_inside || outer_latin != text[r.clone()].is_ascii())
                {
                    art.link(t, same.target);
                }
                continue;
            }
        }
        // A listed name inside the defined one (腾讯 in “腾讯计算机”) gives way.
        if !name_like(&text[r.clone()])
            || over
                .iter()
                .any(|m| m.target != t || m.range.start < r.start || m.range.end > r.end)
        {
            continue;
        }
        // A local company learns the short form for propagation; a listed
        // one learns it for this article.
        match t {
            Target::Local(i) => art.locals[i].aliases.push(text[r.clone()].to_string()),
            Target::Known(_) => art.known_aliases.push((text[r.clone()].to_string(), t)),
        }
        add.push(Mention {
            range: r,
            target: t,
            weak: false,
        });
    }
    art.mentions = merge(std::mem::take(&mut art.mentions), add);
}

/// Short forms of the names this article defined: 北大荒通用航空公司 ->
/// 北大荒通航, 北大荒通用航空; 星河物流科技有限公司 -> 星河物流;
/// Northwind Energy Holdings Inc. -> Northwind Energy, Northwind.
fn short_forms(l: &Local) -> Vec<String> {
    let name = l.written.as_str();
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
        // A place is never a short form (Harbin of Harbin Longjiang ... Co Ltd).
        if end >= 1 && end < words.len() && !(end == 1 && lexicon::EN_PLACES.contains(&words[0])) {
            out.push(words[..end].join(" "));
        }
        if end >= 2 {
            let w = words[0];
            if w.len() >= 4
                && !lexicon::EN_PLACES.contains(&w)
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
    // The core without place and line of business (河南花花牛乳业集团 ->
    // 花花牛), when three characters or more are left: two-character cores
    // (星河 of 星河物流) are too often ordinary words.
    let mut core = lexicon::strip_places(b);
    while let Some(w) = lexicon::ends_with_any(core, lexicon::LINE_OF_BUSINESS) {
        core = &core[..core.len() - w.len()];
    }
    if core.chars().count() >= 3 && core.chars().all(lexicon::is_han) {
        out.push(core.to_string());
    }
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

/// The distinctive word after the leading places of an English name
/// (Hongda in Sichuan Hongda Battery Materials Co Ltd).
fn en_core_after_places(name: &str) -> Option<&str> {
    if !name.is_ascii() {
        return None;
    }
    let mut words = name.split(' ');
    let mut w = words.next()?;
    if !lexicon::EN_PLACES.contains(&w) {
        return None;
    }
    while lexicon::EN_PLACES.contains(&w) {
        w = words.next()?;
    }
    // Something must follow (the name is more than place + word + suffix).
    words.next()?;
    let ordinary = lexicon::EN_GENERIC.contains(&w)
        || lexicon::EN_LEADING_STOP.contains(&w)
        || lexicon::EN_FILLER.contains(&w)
        || lexicon::EN_ORG_WORDS.contains(&w)
        || EN_COMMON_NAME_WORDS.contains(&w)
        || EN_INDUSTRY_WORDS.contains(&w)
        || lexicon::EN_SUFFIXES.iter().any(|(s, _)| *s == w)
        || lexicon::EN_LOB
            .iter()
            .any(|(_, en)| en.split(' ').any(|x| x == w));
    let shaped = w.len() >= 4
        && w.starts_with(|c: char| c.is_ascii_uppercase())
        && w.chars().all(|c| c.is_ascii_alphabetic());
    (shaped && !ordinary).then_some(w)
}

/// Whether the word at `r` is used as a place: "in Hongda", "Hongda county",
/// "Hongda, Guangxi".
fn used_as_place(text: &str, r: &Range<usize>) -> bool {
    const BEFORE: &[&str] = &["in ", "In ", "at ", "from ", "near ", "of "];
    const AFTER: &[&str] = &[
        " city",
        " City",
        " county",
        " County",
        " province",
        " Province",
        " district",
        " District",
        " region",
        " Region",
        " prefecture",
        " town",
        " village",
    ];
    let before = &text[..r.start];
    let after = &text[r.end..];
    BEFORE.iter().any(|b| before.ends_with(b))
        || AFTER.iter().any(|a| after.starts_with(a))
        || after
            .strip_prefix(", ")
            .is_some_and(|a| lexicon::EN_PLACES.iter().any(|p| a.starts_with(p)))
}

/// Industry words that open many English names after a place.
const EN_INDUSTRY_WORDS: &[&str] = &[
    "Agricultural",
    "Industrial",
    "Battery",
    "Materials",
    "Fruit",
    "Tea",
    "Rice",
    "Cold",
    "Chain",
    "Electric",
    "Textile",
    "Food",
    "Dairy",
    "Chemicals",
    "Pharmaceuticals",
    "Construction",
    "Electronics",
    "Semiconductor",
    "Automotive",
    "Airlines",
    "Airport",
    "Port",
    "Railway",
    "Metro",
    "Water",
    "Gas",
    "Cement",
    "Paper",
    "Printing",
    "Seafood",
    "Poultry",
    "Livestock",
    "Grain",
    "Oil",
    "Coal",
    "Solar",
    "Wind",
    "Nuclear",
    "Hydro",
    "Mobile",
    "Telecom",
    "Online",
    "Network",
    "Cloud",
    "Software",
    "Data",
];

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
    if art.locals.is_empty() && art.known_aliases.is_empty() {
        return;
    }
    let text = art.text;
    let mut pats: Vec<(String, Target)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let forms = art
        .locals
        .iter()
        .enumerate()
        .flat_map(|(i, l)| {
            let mut forms = short_forms(l);
            forms.extend(l.aliases.iter().cloned());
            forms
                .into_iter()
                .filter(|f| *f != l.written)
                .map(move |f| (f, Target::Local(i)))
        })
        .chain(art.known_aliases.iter().cloned());
    // Sichuan Hongda Battery Materials Co Ltd -> Hongda, unless the article
    // uses the word as a place (in Hongda, Hongda county): checked on the
    // matches below.
    let cores: Vec<(String, Target)> = art
        .locals
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            en_core_after_places(&l.written).map(|w| (w.to_string(), Target::Local(i)))
        })
        .collect();
    let guarded: HashSet<String> = cores.iter().map(|(w, _)| w.clone()).collect();
    for (f, t) in forms.chain(cores) {
        let ok = if f.is_ascii() {
            f.len() >= 3
        } else {
            chars(&f) >= 2
                && !lexicon::is_place(&f)
                && !lexicon::MODIFIER_SET.composes(&f)
                && !lexicon::LOB_SET.composes(&f)
        };
        // A listed name keeps meaning the listed company.
        let listed = c.starts.exact(&f).is_some();
        if ok && !listed && seen.insert(f.clone()) {
            pats.push((f, t));
        }
    }
    if pats.is_empty() {
        return;
    }
    // Built for one search of one article: a DFA would take longer to
    // build than the search takes.
    let Ok(ac) = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(pats.iter().map(|(p, _)| p.as_str()))
    else {
        return;
    };
    let mut add = Vec::new();
    let mut vetoed: HashSet<usize> = HashSet::new();
    for m in ac.find_iter(text) {
        let r = m.start()..m.end();
        let id = m.pattern().as_usize();
        let (p, t) = &pats[id];
        if !latin_ok(text, &r, p) {
            continue;
        }
        if !guarded.is_empty() && guarded.contains(p) && used_as_place(text, &r) {
            vetoed.insert(id);
        }
        // A short form may contain a listed name (北大荒通航 holds 北大荒):
        // the longer name wins, a partial overlap does not.
        let partial = overlapping(&art.mentions, &r)
            .iter()
            .any(|m| m.range.start < r.start || m.range.end > r.end);
        if !partial {
            add.push((
                id,
                Mention {
                    range: r,
                    target: *t,
                    weak: false,
                },
            ));
        }
    }
    let add = add
        .into_iter()
        .filter(|(id, _)| !vetoed.contains(id))
        .map(|(_, m)| m)
        .collect();
    art.mentions = merge(std::mem::take(&mut art.mentions), add);
}

/// Keeps a weak alias (卓越, 美的, Ant) only when the article names the same
/// company plainly, or when it stands in a list next to a company.
fn confirm_weak(art: &mut Article) {
    if !art.mentions.iter().any(|m| m.weak) {
        return;
    }
    let text = art.text;
    // Keyed by our own small ids, hashed at every mention: FxHash.
    let strong: FxHashSet<Target> = art
        .mentions
        .iter()
        .filter(|m| !m.weak)
        .map(|m| m.target)
        .collect();
    let mut ok: Vec<bool> = art
        .mentions
        .iter()
        .map(|m| {
            !m.weak
                || strong.contains(&m.target)
                || lexicon::starts_with_any(&text[m.range.end..], lexicon::CONFIRM_AFTER).is_some()
                || lexicon::heads_a_list_of_companies(&text[m.range.end..])
                || lexicon::CONFIRM_BEFORE
                    .iter()
                    .any(|w| text[..m.range.start].ends_with(w))
        })
        .collect();
    let listed = |a: &Mention, b: &Mention| -> bool {
        let gap = &text[a.range.end..b.range.start.max(a.range.end)];
        matches!(
            gap,
            "、" | "," | ", " | "和" | "与" | "及" | "/" | " and " | ", and " | " & " | "以及"
        )
    };
    // A list is a chain: one pass each way reaches every member.
    let ms = &art.mentions;
    for i in 1..ms.len() {
        if !ok[i] && ok[i - 1] && listed(&ms[i - 1], &ms[i]) {
            ok[i] = true;
        }
    }
    for i in (0..ms.len().saturating_sub(1)).rev() {
        if !ok[i] && ok[i + 1] && listed(&ms[i], &ms[i + 1]) {
            ok[i] = true;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_lead_is_found() {
        for l in ALIAS_LEADS_ZH.iter().chain(ALIAS_LEADS_EN) {
            let body = format!("{l}“某某”");
            assert_eq!(alias_lead(&body), Some((0, l.len())), "{l}");
        }
        assert_eq!(alias_lead("以下简称为“某某”").map(|r| r.1), Some(15));
        assert_eq!(
            alias_lead("名称变更，以下简称“某某”").map(|r| r.0),
            Some(15)
        );
        assert_eq!(alias_lead("9988.HK"), None);
    }
}
