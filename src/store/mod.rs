//! Sidecar files that keep the user's decisions next to each article.
//!
//! A decision (accept, reject, relabel, mark) is anchored by the entity's
//! text plus a little context on both sides and an offset hint, so it
//! re-attaches after the article is edited inside or outside the editor. A
//! decision whose text is gone is kept and reported as orphaned, never
//! dropped. Sidecars are human-readable JSON with a schema version, written
//! atomically.

pub mod anchor;

use crate::export::atomic_write;
use crate::extract::{Analysis, Engine, Entity, Kind, Options, Qualifier, Value};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The `schema` field every sidecar carries; a file without it is foreign.
pub const SCHEMA: &str = "article-lsp/decisions";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;
/// Appended to the article's file name: `story.txt` -> `story.txt.article-lsp.json`.
pub const SUFFIX: &str = ".article-lsp.json";
/// Code points of context kept on each side of a decided span.
pub const CONTEXT: usize = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Keep the entity in exports even if the engine stops finding it.
    Accept,
    /// Hide the entity from diagnostics and exports.
    Reject,
    /// Change the kind and/or the value of an entity.
    Relabel,
    /// A span the engine missed, marked by the user.
    Mark,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::Reject => "reject",
            Action::Relabel => "relabel",
            Action::Mark => "mark",
        }
    }
}

/// One decision as stored in the sidecar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: u64,
    pub action: Action,
    pub kind: Kind,
    /// The decided text, exactly as it was in the article.
    pub text: String,
    /// Up to [`CONTEXT`] code points before and after the span when decided.
    pub before: String,
    pub after: String,
    /// Code point offset of the span when last attached (a hint, not the anchor).
    pub start: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// For relabel: the kind the engine had given the span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_kind: Option<Kind>,
    /// RFC 3339 UTC time of the decision.
    pub made_at: String,
    /// Set when the text could not be found at the last attach.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub orphaned: bool,
}

/// The whole sidecar file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sidecar {
    pub schema: String,
    pub version: u32,
    /// The article's file name, for a person reading the sidecar.
    #[serde(default)]
    pub article: String,
    /// The article date the user set, overriding inference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dct: Option<String>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
}

impl Sidecar {
    pub fn new(article: &str) -> Sidecar {
        Sidecar {
            schema: SCHEMA.to_string(),
            version: VERSION,
            article: article.to_string(),
            dct: None,
            decisions: Vec::new(),
        }
    }

    pub fn next_id(&self) -> u64 {
        self.decisions.iter().map(|d| d.id).max().unwrap_or(0) + 1
    }

    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty() && self.dct.is_none()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot read the decisions file: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: the decisions file is not valid JSON ({detail}); it was left untouched")]
    Broken { path: PathBuf, detail: String },
    #[error("{path}: not an article-lsp decisions file (schema `{found}`); it was left untouched")]
    Foreign { path: PathBuf, found: String },
    #[error("{path}: written by a newer article-lsp (version {found}, this one reads {VERSION}); it was left untouched")]
    Newer { path: PathBuf, found: u32 },
    #[error("{0}")]
    Write(#[from] crate::export::ExportError),
}

/// Where the sidecar of `article` lives: beside it by default
/// (`story.txt` -> `story.txt.article-lsp.json`), or under `dir` when set.
/// A relative `dir` is taken from `root` (the workspace folder) when given,
/// else from the article's folder. Under a `dir`, an article inside `root`
/// keeps its path relative to `root`, so equal names in different folders
/// never share a sidecar.
pub fn sidecar_path(article: &Path, dir: Option<&Path>, root: Option<&Path>) -> PathBuf {
    let name = article
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("article");
    let file = format!("{name}{SUFFIX}");
    let Some(d) = dir else {
        return article.with_file_name(file);
    };
    let article_dir = article.parent().unwrap_or(Path::new("."));
    let base = match (d.is_absolute(), root) {
        (true, _) => d.to_path_buf(),
        (false, Some(r)) => r.join(d),
        (false, None) => article_dir.join(d),
    };
    let rel = root
        .and_then(|r| article_dir.strip_prefix(r).ok())
        .filter(|r| {
            r.components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
        });
    match rel {
        Some(rel) => base.join(rel).join(file),
        None => base.join(file),
    }
}

/// Reads a sidecar. A missing file is an empty sidecar; a broken, foreign or
/// newer file is an error and is never overwritten by the caller.
pub fn load(path: &Path, article: &str) -> Result<Sidecar, StoreError> {
    let raw = match std::fs::read_to_string(path) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Sidecar::new(article)),
        Err(source) => {
            return Err(StoreError::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let json: serde_json::Value = serde_json::from_str(&raw).map_err(|e| StoreError::Broken {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    let schema = json.get("schema").and_then(|s| s.as_str()).unwrap_or("");
    if schema != SCHEMA {
        return Err(StoreError::Foreign {
            path: path.to_path_buf(),
            found: schema.to_string(),
        });
    }
    let version = json.get("version").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
    if version > VERSION {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            found: version,
        });
    }
    serde_json::from_value(json).map_err(|e| StoreError::Broken {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })
}

/// Writes a sidecar atomically (temporary file + rename). An empty sidecar
/// removes the file instead, so undoing every decision leaves no clutter.
pub fn save(path: &Path, sidecar: &Sidecar) -> Result<(), StoreError> {
    if sidecar.is_empty() {
        match std::fs::remove_file(path) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(source) => {
                return Err(StoreError::Write(crate::export::ExportError::Io {
                    path: path.to_path_buf(),
                    source,
                }))
            }
        }
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| {
            StoreError::Write(crate::export::ExportError::Io {
                path: dir.to_path_buf(),
                source,
            })
        })?;
    }
    let mut bytes = serde_json::to_vec_pretty(sidecar).unwrap_or_default();
    bytes.push(b'\n');
    atomic_write(path, &bytes)?;
    Ok(())
}

/// Where an entity in the final list came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Found by the engine, no decision yet.
    Engine,
    /// Found by the engine (or once found) and accepted by the user.
    Accepted,
    /// Relabelled by the user (kind or value changed).
    Relabelled,
    /// Marked by the user: a span the engine missed.
    User,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Engine => "engine",
            Origin::Accepted => "accepted",
            Origin::Relabelled => "relabelled",
            Origin::User => "user",
        }
    }
}

/// An entity after decisions, with where it came from and which decision
/// (if any) shaped it.
#[derive(Clone, Debug, PartialEq)]
pub struct Reviewed {
    pub entity: Entity,
    pub origin: Origin,
    pub decision: Option<u64>,
}

/// The outcome of applying a sidecar to an analysis.
#[derive(Clone, Debug, Default)]
pub struct Applied {
    /// What diagnostics and exports show: sorted by start.
    pub entities: Vec<Reviewed>,
    /// Entities the user rejected (hidden), with their decision id.
    pub rejected: Vec<(Entity, u64)>,
    /// Decisions whose text is gone from the article.
    pub orphaned: Vec<u64>,
    /// True when re-anchoring moved a decision or changed its orphaned
    /// state, so the sidecar should be written back.
    pub moved: bool,
}

/// Applies `sidecar` to the engine's `entities` for `text`, re-anchoring
/// every decision (its `start` hint and `orphaned` flag are updated in place).
/// `ignored` holds surface strings the workspace says never to mark.
pub fn apply(
    text: &str,
    engine: Vec<Entity>,
    sidecar: &mut Sidecar,
    ignored: &[String],
    infer: &dyn Fn(Kind, &str) -> Option<Value>,
) -> Applied {
    let mut out = Applied::default();
    let mut list: Vec<Reviewed> = engine
        .into_iter()
        .filter(|e| !ignored.iter().any(|i| *i == e.text))
        .map(|entity| Reviewed {
            entity,
            origin: Origin::Engine,
            decision: None,
        })
        .collect();
    if sidecar.decisions.is_empty() {
        out.entities = list;
        return out;
    }
    let index = crate::offsets::OffsetIndex::new(text);
    for d in sidecar.decisions.iter_mut() {
        let Some(range) = anchor::locate(text, &index, d) else {
            if !d.orphaned {
                d.orphaned = true;
                out.moved = true;
            }
            out.orphaned.push(d.id);
            continue;
        };
        let start_cp = index.from_byte(range.start, crate::offsets::Unit::CodePoint);
        if d.orphaned || d.start != start_cp {
            d.orphaned = false;
            d.start = start_cp;
            out.moved = true;
        }
        let engine_kind = match d.action {
            Action::Relabel => d.from_kind.unwrap_or(d.kind),
            _ => d.kind,
        };
        let pos = list.iter().position(|r| {
            r.entity.range == range && (r.entity.kind == engine_kind || r.entity.kind == d.kind)
        });
        match d.action {
            Action::Reject => {
                if let Some(i) = pos {
                    let r = list.remove(i);
                    out.rejected.push((r.entity, d.id));
                }
            }
            Action::Accept | Action::Relabel | Action::Mark => {
                let origin = match d.action {
                    Action::Accept => Origin::Accepted,
                    Action::Relabel => Origin::Relabelled,
                    _ => Origin::User,
                };
                let entity = match pos {
                    Some(i) => {
                        let mut e = list.remove(i).entity;
                        if d.action != Action::Accept {
                            if e.kind != d.kind && d.value.is_none() {
                                e.value = infer(d.kind, &e.text);
                                e.qualifier = None;
                            }
                            e.kind = d.kind;
                            e.value = d.value.clone().or(e.value);
                            e.qualifier = d.qualifier.or(e.qualifier);
                        }
                        e
                    }
                    None => Entity {
                        kind: d.kind,
                        range: range.clone(),
                        text: text[range.clone()].into(),
                        value: d
                            .value
                            .clone()
                            .or_else(|| infer(d.kind, &text[range.clone()])),
                        qualifier: d.qualifier,
                    },
                };
                // A user span replaces engine spans of the same kind it overlaps.
                list.retain(|r| {
                    !(r.entity.kind == entity.kind
                        && r.entity.range.start < entity.range.end
                        && entity.range.start < r.entity.range.end
                        && r.origin == Origin::Engine)
                });
                list.push(Reviewed {
                    entity,
                    origin,
                    decision: Some(d.id),
                });
            }
        }
    }
    list.sort_by(|a, b| {
        a.entity
            .range
            .start
            .cmp(&b.entity.range.start)
            .then(b.entity.range.end.cmp(&a.entity.range.end))
    });
    out.entities = list;
    out
}

/// Rewrites a decision's anchor (context and offset hint) for where it now
/// sits in `text`; used when the sidecar is written, so the stored context
/// follows the article's edits.
pub fn reanchor(
    text: &str,
    index: &crate::offsets::OffsetIndex,
    d: &mut Decision,
    range: std::ops::Range<usize>,
) {
    let (before, after) = context(text, &range);
    d.text = text[range.clone()].to_string();
    d.before = before;
    d.after = after;
    d.start = index.from_byte(range.start, crate::offsets::Unit::CodePoint);
    d.orphaned = false;
}

/// Re-anchors every decision of `sidecar` to `text` (orphaned ones keep
/// their old anchor and are flagged). Afterwards an attached decision sits
/// at [`attached_range`].
pub fn reanchor_all(text: &str, index: &crate::offsets::OffsetIndex, sidecar: &mut Sidecar) {
    for d in sidecar.decisions.iter_mut() {
        match anchor::locate(text, index, d) {
            Some(r) => reanchor(text, index, d, r),
            None => d.orphaned = true,
        }
    }
}

/// The byte range of a decision just re-anchored by [`reanchor_all`].
pub fn attached_range(
    index: &crate::offsets::OffsetIndex,
    d: &Decision,
) -> Option<std::ops::Range<usize>> {
    if d.orphaned {
        return None;
    }
    let start = index.to_byte(d.start, crate::offsets::Unit::CodePoint);
    Some(start..start + d.text.len())
}

/// Up to [`CONTEXT`] code points on each side of `range`.
fn context(text: &str, range: &std::ops::Range<usize>) -> (String, String) {
    let before: String = {
        let mut v: Vec<char> = text[..range.start].chars().rev().take(CONTEXT).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[range.end..].chars().take(CONTEXT).collect();
    (before, after)
}

/// The byte range a decision is attached to in `text`, if any.
pub fn locate(text: &str, d: &Decision) -> Option<std::ops::Range<usize>> {
    anchor::locate(text, &crate::offsets::OffsetIndex::new(text), d)
}

/// The value the engine gives `span` read alone as `kind`: the entity of
/// that kind covering the whole (trimmed) span, else the longest one inside
/// it when it covers most of it. A company without a gazetteer entry is
/// its own canonical name.
pub fn infer_value(
    engine: &Engine,
    kind: Kind,
    span: &str,
    dct: Option<&crate::extract::Dct>,
) -> Option<Value> {
    let trimmed = span.trim();
    if trimmed.is_empty() {
        return None;
    }
    let options = Options {
        dct: dct.cloned(),
        markdown: false,
    };
    let analysis = engine.analyze(trimmed, &options);
    let best = analysis
        .entities
        .into_iter()
        .filter(|e| e.kind == kind && e.value.is_some())
        .max_by_key(|e| e.range.len());
    match best {
        Some(e) if e.range.len() * 2 >= trimmed.len() => e.value,
        _ if kind == Kind::Company => Some(Value::Company(crate::extract::CompanyValue {
            canonical: trimmed.into(),
            ticker: None,
            description: None,
        })),
        _ => None,
    }
}

/// The engine's analysis of `text` with the sidecar's decisions applied:
/// the one path the command line and the server share. The sidecar's
/// article date, when set, overrides `options.dct`.
pub fn review(
    engine: &Engine,
    text: &str,
    options: &Options,
    sidecar: &mut Sidecar,
    ignored: &[String],
) -> (Analysis, Applied) {
    let mut options = options.clone();
    if let Some(d) = sidecar
        .dct
        .as_deref()
        .and_then(|s| crate::extract::Dct::parse(s, crate::extract::DctSource::Given))
    {
        options.dct = Some(d);
    }
    let mut analysis = engine.analyze(text, &options);
    let dct = analysis.dct.clone();
    let infer = |k: Kind, s: &str| infer_value(engine, k, s, dct.as_ref());
    let applied = apply(
        text,
        std::mem::take(&mut analysis.entities),
        sidecar,
        ignored,
        &infer,
    );
    analysis.entities = applied.entities.iter().map(|r| r.entity.clone()).collect();
    (analysis, applied)
}

/// How the command line finds decisions (the editor's rules: the sidecar
/// beside the article or under `dir`, the nearest ignore list).
#[derive(Clone, Debug, Default)]
pub struct CliDecisions {
    /// False with `--no-decisions`: the engine's output as it is.
    pub enabled: bool,
    pub dir: Option<PathBuf>,
    /// The workspace folder a relative `dir` is taken from.
    pub root: Option<PathBuf>,
}

/// The analysis of the article at `path` with its decisions applied. A
/// sidecar that cannot be used is reported in the returned warning and the
/// engine's output is used, as the editor does.
pub fn review_file(
    engine: &Engine,
    path: &Path,
    text: &str,
    options: &Options,
    how: &CliDecisions,
) -> (Analysis, Option<String>) {
    if !how.enabled || path.as_os_str() == "-" {
        return (engine.analyze(text, options), None);
    }
    // Absolute paths, so an article inside the workspace keeps its relative
    // folder under `dir` however it was named on the command line.
    let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let root = how
        .root
        .as_ref()
        .map(|r| r.canonicalize().unwrap_or_else(|_| r.clone()));
    let sidecar = sidecar_path(&abs, how.dir.as_deref(), root.as_deref());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let ignored = find_ignore_file(path)
        .map(|p| load_ignore_list(&p))
        .unwrap_or_default();
    match load(&sidecar, &name) {
        Ok(mut sc) => (review(engine, text, options, &mut sc, &ignored).0, None),
        Err(e) => {
            let mut sc = Sidecar::new(&name);
            let analysis = review(engine, text, options, &mut sc, &ignored).0;
            (analysis, Some(format!("{e}; decisions not applied")))
        }
    }
}

/// The user gazetteer's file name (the workspace's "always a company" list).
pub const COMPANIES_FILE: &str = "article-lsp.companies.toml";

/// The engine the command line uses: with the workspace's user gazetteer
/// (in `--workspace`, else the nearest one above `near`), as the editor
/// does; the built-in one with `--no-decisions`. Returns the problems found
/// in the gazetteer file.
pub fn cli_engine(how: &CliDecisions, near: Option<&Path>) -> (Engine, Vec<String>) {
    let mut engine = Engine::new();
    if !how.enabled {
        return (engine, vec![]);
    }
    let file = match &how.root {
        Some(r) => Some(r.join(COMPANIES_FILE)),
        None => near.and_then(|p| {
            let start = if p.is_dir() { p } else { p.parent()? };
            let start = start.canonicalize().unwrap_or_else(|_| start.to_path_buf());
            start
                .ancestors()
                .map(|d| d.join(COMPANIES_FILE))
                .find(|f| f.is_file())
        }),
    };
    let Some(file) = file.filter(|f| f.is_file()) else {
        return (engine, vec![]);
    };
    let (g, errors) = crate::extract::companies::Gazetteer::with_user_file(&file);
    engine.companies = g;
    (engine, errors)
}

/// The nearest `article-lsp.ignore.txt` in the article's folder or above.
pub fn find_ignore_file(article: &Path) -> Option<PathBuf> {
    let start = article.parent()?;
    let start = start.canonicalize().unwrap_or_else(|_| start.to_path_buf());
    start
        .ancestors()
        .map(|d| d.join(IGNORE_FILE))
        .find(|p| p.is_file())
}

/// Builds a decision for `range` (bytes) of `text`, with its context.
pub fn decision_for(
    text: &str,
    range: std::ops::Range<usize>,
    action: Action,
    kind: Kind,
    id: u64,
) -> Decision {
    let (before, after) = context(text, &range);
    Decision {
        id,
        action,
        kind,
        text: text[range.clone()].to_string(),
        before,
        after,
        start: text[..range.start].chars().count(),
        value: None,
        qualifier: None,
        from_kind: None,
        made_at: now_rfc3339(),
        orphaned: false,
    }
}

/// The current time as `2026-11-25T16:40:00Z` (no calendar crate needed).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Surface strings the workspace says never to mark: `article-lsp.ignore.txt`,
/// one per line, `#` starts a comment.
pub const IGNORE_FILE: &str = "article-lsp.ignore.txt";

pub fn load_ignore_list(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|s| {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Adds `surface` to the ignore list file (atomically, keeping what is there).
pub fn add_to_ignore_list(path: &Path, surface: &str) -> Result<(), StoreError> {
    let mut current = std::fs::read_to_string(path).unwrap_or_default();
    if current.lines().any(|l| l.trim() == surface) {
        return Ok(());
    }
    if current.is_empty() {
        current.push_str("# Surface strings article-lsp never marks, one per line.\n");
    } else if !current.ends_with('\n') {
        current.push('\n');
    }
    current.push_str(surface);
    current.push('\n');
    atomic_write(path, current.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{MoneyValue, Value};

    fn no_infer(_: Kind, _: &str) -> Option<Value> {
        None
    }

    fn money(text: &str, needle: &str) -> Entity {
        let s = text.find(needle).unwrap();
        Entity::new(
            text,
            Kind::Money,
            s..s + needle.len(),
            Some(Value::Money(MoneyValue {
                amount: 1.0,
                currency: Some("CNY".into()),
                per: None,
            })),
        )
    }

    #[test]
    fn reject_hides_and_accept_survives_the_engine_forgetting() {
        let text = "公司投资200亿元，另有50亿元。";
        let mut sc = Sidecar::new("a.txt");
        let r = text.find("200亿元").unwrap();
        sc.decisions.push(decision_for(
            text,
            r..r + "200亿元".len(),
            Action::Reject,
            Kind::Money,
            1,
        ));
        let r = text.find("50亿元").unwrap();
        sc.decisions.push(decision_for(
            text,
            r..r + "50亿元".len(),
            Action::Accept,
            Kind::Money,
            2,
        ));
        let engine = vec![money(text, "200亿元"), money(text, "50亿元")];
        let applied = apply(text, engine, &mut sc, &[], &no_infer);
        assert_eq!(applied.entities.len(), 1);
        assert_eq!(applied.entities[0].entity.text, "50亿元");
        assert_eq!(applied.entities[0].origin, Origin::Accepted);
        assert_eq!(applied.rejected.len(), 1);
        // The engine no longer finds 50亿元: the accepted span stays.
        let applied = apply(text, vec![], &mut sc, &[], &no_infer);
        assert_eq!(applied.entities.len(), 1);
        assert_eq!(applied.entities[0].entity.text, "50亿元");
    }

    #[test]
    fn decisions_reattach_after_edits_and_orphan_when_gone() {
        let text = "京东计划投资200亿元。";
        let mut sc = Sidecar::new("a.txt");
        let r = text.find("200亿元").unwrap();
        sc.decisions.push(decision_for(
            text,
            r..r + "200亿元".len(),
            Action::Mark,
            Kind::Money,
            1,
        ));
        let edited = "新闻：京东计划在东北投资200亿元。";
        let applied = apply(edited, vec![], &mut sc, &[], &no_infer);
        assert_eq!(applied.entities[0].entity.text, "200亿元");
        assert_eq!(&edited[applied.entities[0].entity.range.clone()], "200亿元");
        assert!(applied.moved);
        let gone = "京东计划投资。";
        let applied = apply(gone, vec![], &mut sc, &[], &no_infer);
        assert!(applied.entities.is_empty());
        assert_eq!(applied.orphaned, vec![1]);
        assert!(sc.decisions[0].orphaned);
    }

    #[test]
    fn broken_and_foreign_files_are_errors_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.txt.article-lsp.json");
        std::fs::write(&p, "{not json").unwrap();
        assert!(matches!(load(&p, "x.txt"), Err(StoreError::Broken { .. })));
        std::fs::write(&p, r#"{"schema":"something-else"}"#).unwrap();
        assert!(matches!(load(&p, "x.txt"), Err(StoreError::Foreign { .. })));
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            r#"{"schema":"something-else"}"#
        );
        assert!(load(&dir.path().join("missing.json"), "m")
            .unwrap()
            .decisions
            .is_empty());
    }

    #[test]
    fn save_and_load_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let p = sidecar_path(&dir.path().join("story.txt"), None, None);
        let mut sc = Sidecar::new("story.txt");
        sc.dct = Some("2018-01-17".into());
        save(&p, &sc).unwrap();
        assert_eq!(load(&p, "story.txt").unwrap(), sc);
        sc.dct = None;
        save(&p, &sc).unwrap();
        assert!(!p.exists());
    }

    #[test]
    fn ignore_list_drops_engine_entities() {
        let text = "投资200亿元";
        let applied = apply(
            text,
            vec![money(text, "200亿元")],
            &mut Sidecar::new("a"),
            &["200亿元".into()],
            &no_infer,
        );
        assert!(applied.entities.is_empty());
    }

    #[test]
    fn sidecar_paths_beside_or_under_a_folder() {
        let a = Path::new("/ws/news/2024/story.txt");
        assert_eq!(
            sidecar_path(a, None, None),
            Path::new("/ws/news/2024/story.txt.article-lsp.json")
        );
        assert_eq!(
            sidecar_path(a, Some(Path::new(".decisions")), Some(Path::new("/ws"))),
            Path::new("/ws/.decisions/news/2024/story.txt.article-lsp.json")
        );
        assert_eq!(
            sidecar_path(a, Some(Path::new("d")), None),
            Path::new("/ws/news/2024/d/story.txt.article-lsp.json")
        );
        assert_eq!(
            sidecar_path(a, Some(Path::new("/abs")), Some(Path::new("/other"))),
            Path::new("/abs/story.txt.article-lsp.json")
        );
    }

    #[test]
    fn marks_take_the_engine_value_of_their_text_and_relabels_reinfer() {
        let engine = Engine::new();
        let v = infer_value(&engine, Kind::Money, " 200亿元 ", None);
        assert!(
            matches!(v, Some(Value::Money(ref m)) if m.amount == 2.0e10),
            "{v:?}"
        );
        assert_eq!(infer_value(&engine, Kind::Percent, "200亿元", None), None);
        let c = infer_value(&engine, Kind::Company, "Acme Widgets", None);
        assert!(matches!(c, Some(Value::Company(ref c)) if &*c.canonical == "Acme Widgets"));
        // A relabel without a value takes the new kind's value for the text.
        let text = "增长18%，投资5亿元";
        let mut sc = Sidecar::new("a");
        let r = text.find("5亿元").unwrap();
        let mut d = decision_for(text, r..r + "5亿元".len(), Action::Relabel, Kind::Money, 1);
        d.from_kind = Some(Kind::Money);
        d.value = Some(Value::Money(MoneyValue {
            amount: 6.0e8,
            currency: Some("CNY".into()),
            per: None,
        }));
        sc.decisions.push(d);
        let (analysis, applied) = review(&engine, text, &Options::default(), &mut sc, &[]);
        let e = analysis
            .entities
            .iter()
            .find(|e| e.text == "5亿元")
            .unwrap();
        assert!(matches!(&e.value, Some(Value::Money(m)) if m.amount == 6.0e8));
        assert_eq!(applied.entities.len(), analysis.entities.len());
    }

    #[test]
    fn reanchoring_refreshes_context_and_flags_orphans() {
        let text = "甲说收入5亿元。";
        let mut sc = Sidecar::new("a");
        let r = text.find("5亿元").unwrap();
        sc.decisions
            .push(decision_for(text, r..r + 7, Action::Accept, Kind::Money, 1));
        let edited = "乙称收入5亿元！";
        let index = crate::offsets::OffsetIndex::new(edited);
        reanchor_all(edited, &index, &mut sc);
        assert_eq!(
            attached_range(&index, &sc.decisions[0]),
            Some(edited.find("5亿元").unwrap()..edited.find("！").unwrap())
        );
        assert_eq!(sc.decisions[0].before, "乙称收入");
        assert_eq!(sc.decisions[0].after, "！");
        reanchor_all(
            "没有了",
            &crate::offsets::OffsetIndex::new("没有了"),
            &mut sc,
        );
        assert!(sc.decisions[0].orphaned);
        assert_eq!(
            sc.decisions[0].before, "乙称收入",
            "an orphan keeps its anchor"
        );
    }

    #[test]
    fn timestamps_look_like_rfc3339() {
        let t = now_rfc3339();
        assert_eq!(t.len(), 20);
        assert!(t.starts_with("20") && t.ends_with('Z'));
    }
}
