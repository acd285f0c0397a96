//! Companies: a gazetteer matched through one automaton over script-folded
//! text, suffix shapes for unknown companies, and propagation of short forms.
//!
//! One Aho-Corasick automaton (leftmost-longest) holds every alias, every
//! "not a company" string (中国人民银行, 北京东路) and every suffix that ends
//! a company name (有限公司, 集团, Co., Group). A single pass over the folded
//! text yields alias hits and suffix hits; suffix hits are grown leftwards
//! into names (`scan`), names an article defines are propagated to their
//! short forms, and words that are company names only in context (卓越, Ant)
//! are kept only there.

mod data;
pub mod lexicon;
mod scan;
mod starts;

use super::classes::ClassTable;
use super::{script, CompanyValue, Entity, Folded};
pub use data::{CompanyEntry, EntryList};
use lexicon::Suffix;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

/// The built-in list, embedded at compile time.
pub const BUILTIN_TSV: &str = include_str!("../../../data/companies.tsv");

/// What a pattern of the automaton stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Pat {
    Alias { company: u32, weak: bool },
    Block,
    Suffix(Suffix),
}

/// The compiled form: companies, patterns and the automaton.
pub(crate) struct Compiled {
    pub companies: Vec<CompanyEntry>,
    /// The value each company's mentions carry, built once.
    pub values: Vec<CompanyValue>,
    pub pats: Vec<Pat>,
    /// The folded text of each pattern (for case checks on Latin names).
    pub pat_text: Vec<String>,
    /// The patterns: where they may start, and the longest one at a place.
    pub(crate) starts: starts::Starts,
    /// Character classes with this list's first characters marked.
    pub classes: ClassTable,
    /// Folded surface strings never marked (user list).
    pub ignore: HashSet<String>,
    pub build_time: Duration,
}

/// The class table of the built-in list, for texts folded without an engine.
pub(crate) fn builtin_class_table() -> &'static ClassTable {
    &BUILTIN.classes
}

static BUILTIN: LazyLock<Arc<Compiled>> = LazyLock::new(|| {
    let list = data::parse_tsv(BUILTIN_TSV).unwrap_or_else(|e| {
        tracing::error!("built-in company list: {e}");
        EntryList::default()
    });
    Arc::new(compile(&[list]))
});

/// The compiled company list. Cloning is cheap (shared behind an `Arc`).
#[derive(Clone)]
pub struct Gazetteer {
    compiled: Arc<Compiled>,
    /// Extra "never mark" strings set at run time (decisions, settings).
    ignored: Arc<HashSet<String>>,
}

impl Gazetteer {
    /// The built-in list shipped in `data/companies.tsv`, compiled once per
    /// process on first use.
    pub fn builtin() -> Gazetteer {
        Gazetteer {
            compiled: BUILTIN.clone(),
            ignored: Arc::default(),
        }
    }

    /// Compiles the built-in list anew (for measuring start-up cost).
    pub fn compile_builtin() -> Gazetteer {
        let list = data::parse_tsv(BUILTIN_TSV).unwrap_or_default();
        Gazetteer {
            compiled: Arc::new(compile(&[list])),
            ignored: Arc::default(),
        }
    }

    /// The built-in list plus a user gazetteer file (TOML, see
    /// docs/companies.md). A missing file is not an error. Errors name the
    /// file and line; the entries that parse, and the built-in list, still work.
    pub fn with_user_file(path: &Path) -> (Gazetteer, Vec<String>) {
        match std::fs::read_to_string(path) {
            Ok(text) => Gazetteer::with_user_text(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Gazetteer::builtin(), vec![]),
            Err(e) => (
                Gazetteer::builtin(),
                vec![format!("{}: cannot read: {e}", path.display())],
            ),
        }
    }

    /// Like [`Gazetteer::with_user_file`], from the file's text; `name` is
    /// used in error messages.
    pub fn with_user_text(text: &str, name: &str) -> (Gazetteer, Vec<String>) {
        let (user, errors) = data::parse_user_toml(text, name);
        if user.companies.is_empty() && user.blocks.is_empty() && user.ignore.is_empty() {
            return (Gazetteer::builtin(), errors);
        }
        let builtin = data::parse_tsv(BUILTIN_TSV).unwrap_or_default();
        let g = Gazetteer {
            compiled: Arc::new(compile(&[builtin, user])),
            ignored: Arc::default(),
        };
        (g, errors)
    }

    /// Surface strings never to mark, whatever the lists say (compared after
    /// script folding, so 京東 and 京东 are one string).
    pub fn set_ignored<I, S>(&mut self, strings: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.ignored = Arc::new(
            strings
                .into_iter()
                .map(|s| script::simplify(s.as_ref().trim()))
                .filter(|s| !s.is_empty())
                .collect(),
        );
    }

    /// True when `surface` is never marked (user file or [`Self::set_ignored`]).
    pub fn is_ignored(&self, surface: &str) -> bool {
        let f = script::simplify(surface.trim());
        self.ignored.contains(&f) || self.compiled.ignore.contains(&f)
    }

    /// How long compiling this gazetteer took.
    pub fn build_time(&self) -> Duration {
        self.compiled.build_time
    }

    /// Number of companies in the list.
    pub fn len(&self) -> usize {
        self.compiled.companies.len()
    }

    pub fn is_empty(&self) -> bool {
        self.compiled.companies.is_empty()
    }

    /// Every company in the list.
    pub fn companies(&self) -> &[CompanyEntry] {
        &self.compiled.companies
    }

    /// The company a name (alias in any script) stands for, if listed.
    pub fn lookup(&self, name: &str) -> Option<&CompanyEntry> {
        let f = script::simplify(name.trim());
        match self.compiled.pats[self.compiled.starts.exact(&f)?] {
            Pat::Alias { company, .. } => self.compiled.companies.get(company as usize),
            _ => None,
        }
    }

    /// The character classes to fold a text with for this list.
    pub fn class_table(&self) -> &ClassTable {
        &self.compiled.classes
    }

    /// Appends every company mention in `folded` to `out`.
    pub fn find(&self, folded: &Folded, out: &mut Vec<Entity>) {
        scan::find(&self.compiled, &self.ignored, folded, out);
    }
}

/// Merges the lists (later lists override earlier ones) and builds the
/// automaton.
fn compile(lists: &[EntryList]) -> Compiled {
    let t0 = Instant::now();
    let mut companies: Vec<CompanyEntry> = Vec::new();
    let mut by_canonical: HashMap<String, usize> = HashMap::new();
    let mut ignore = HashSet::new();
    // pattern text -> meaning; later insertions win.
    let mut patterns: Vec<(String, Pat)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut put = |patterns: &mut Vec<(String, Pat)>, text: String, pat: Pat| {
        if text.is_empty() {
            return;
        }
        match index.get(&text) {
            Some(&i) => patterns[i].1 = pat,
            None => {
                index.insert(text.clone(), patterns.len());
                patterns.push((text, pat));
            }
        }
    };
    for (s, kind) in lexicon::ZH_SUFFIXES.iter().chain(lexicon::EN_SUFFIXES) {
        put(&mut patterns, (*s).to_string(), Pat::Suffix(*kind));
    }
    for list in lists {
        for e in &list.companies {
            let id = match by_canonical.get(&e.canonical) {
                Some(&i) => {
                    // An override: the later list's fields win, aliases add up.
                    let old = &mut companies[i];
                    old.aliases.extend(e.aliases.iter().cloned());
                    old.weak.extend(e.weak.iter().cloned());
                    if e.ticker.is_some() {
                        old.ticker = e.ticker.clone();
                    }
                    if e.parent.is_some() {
                        old.parent = e.parent.clone();
                    }
                    if e.description.is_some() {
                        old.description = e.description.clone();
                    }
                    i
                }
                None => {
                    by_canonical.insert(e.canonical.clone(), companies.len());
                    companies.push(e.clone());
                    companies.len() - 1
                }
            } as u32;
            for a in e.aliases.iter().filter_map(|a| short_legal(a)) {
                // "China International Capital Corporation" is also written
                // "China International Capital Corp": match the name part, the
                // suffix shape adds whichever legal word follows.
                put(
                    &mut patterns,
                    a.to_string(),
                    Pat::Alias {
                        company: id,
                        weak: false,
                    },
                );
            }
            for a in &e.aliases {
                put(
                    &mut patterns,
                    script::simplify(a),
                    Pat::Alias {
                        company: id,
                        weak: false,
                    },
                );
            }
            for a in &e.weak {
                put(
                    &mut patterns,
                    script::simplify(a),
                    Pat::Alias {
                        company: id,
                        weak: true,
                    },
                );
            }
        }
        for b in &list.blocks {
            put(&mut patterns, script::simplify(b), Pat::Block);
        }
        for i in &list.ignore {
            ignore.insert(script::simplify(i.trim()));
        }
    }
    // Latin names count as written, and short one-word names also in
    // capitals (ALIBABA in a headline); never in other cases (jd.com, "the
    // apple"). Capitals of long names would double the automaton's build time.
    let n = patterns.len();
    for i in 0..n {
        let p = &patterns[i].0;
        if !p.is_ascii() || p.len() > 8 || p.contains(' ') {
            continue;
        }
        let upper = p.to_ascii_uppercase();
        if upper != *p && !index.contains_key(&upper) {
            let pat = patterns[i].1;
            index.insert(upper.clone(), patterns.len());
            patterns.push((upper, pat));
        }
    }
    let starts = starts::Starts::new(patterns.iter().map(|(t, _)| t.as_str()));
    let classes = ClassTable::with_company_patterns(patterns.iter().map(|(t, _)| t.as_str()));
    let (pat_text, pats): (Vec<String>, Vec<Pat>) = patterns.into_iter().unzip();
    let values = companies
        .iter()
        .map(|e| CompanyValue {
            canonical: e.canonical.as_str().into(),
            ticker: e.ticker.as_deref().map(Into::into),
            description: e.description.as_deref().map(Into::into),
        })
        .collect();
    Compiled {
        companies,
        values,
        pats,
        pat_text,
        starts,
        classes,
        ignore,
        build_time: t0.elapsed(),
    }
}

/// An English alias without its trailing legal word, when at least two
/// words remain (China International Capital Corporation -> China
/// International Capital).
fn short_legal(alias: &str) -> Option<&str> {
    if !alias.is_ascii() {
        return None;
    }
    let (head, last) = alias.rsplit_once(' ')?;
    let legal = matches!(
        last,
        "Corporation"
            | "Company"
            | "Limited"
            | "Incorporated"
            | "Corp"
            | "Corp."
            | "Co"
            | "Co."
            | "Ltd"
            | "Ltd."
            | "Inc"
            | "Inc."
    );
    (legal && head.contains(' ') && !head.ends_with('&')).then_some(head)
}

#[cfg(test)]
mod tests;
