//! The annotation workflow in the server: decisions offered as code
//! actions, executed through `workspace/executeCommand`, kept in the
//! article's sidecar (see [`crate::store`]) and applied to every analysis
//! before diagnostics, hovers, symbols and exports see it.

use super::config::Config;
use super::features::Snapshot;
use super::format;
use super::position::Encoding;
use super::state::{lock, read, Shared};
use crate::extract::{CompanyValue, DateType, DateValue, Engine, Entity, Kind, Value};
use crate::extract::{MoneyValue, PercentValue};
use crate::store::{self, Action, Decision, Origin, Sidecar};
use serde::Deserialize;
use serde_json::{json, Value as Json};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, Diagnostic, DiagnosticSeverity,
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, MessageType,
    NumberOrString, Range, Registration, Uri,
};

pub const ACCEPT: &str = "articleLsp.accept";
pub const REJECT: &str = "articleLsp.reject";
pub const RESTORE: &str = "articleLsp.restore";
pub const RELABEL: &str = "articleLsp.relabel";
pub const MARK: &str = "articleLsp.mark";
pub const ALWAYS_COMPANY: &str = "articleLsp.alwaysCompany";
pub const NEVER_MARK: &str = "articleLsp.neverMark";
pub const COMMANDS: &[&str] = &[
    ACCEPT,
    REJECT,
    RESTORE,
    RELABEL,
    MARK,
    ALWAYS_COMPANY,
    NEVER_MARK,
];

/// Diagnostic codes of the workflow's own diagnostics.
pub const ORPHANED: &str = "orphaned-decision";
pub const SIDECAR: &str = "sidecar";

/// (modification time, length) of a file, or None when it is missing.
pub type Stamp = Option<(SystemTime, u64)>;

pub fn stamp(path: &Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// The decisions of one open document.
#[derive(Clone, Debug)]
pub struct DocStore {
    /// The sidecar file (None: the document has no file on disk).
    pub path: Option<PathBuf>,
    /// The decisions, or why the sidecar could not be read.
    pub sidecar: std::result::Result<Sidecar, String>,
    pub stamp: Stamp,
    /// Bumped whenever `sidecar` changes.
    pub gen: u64,
}

impl DocStore {
    pub fn empty() -> DocStore {
        DocStore {
            path: None,
            sidecar: Ok(Sidecar::new("")),
            stamp: None,
            gen: 0,
        }
    }

    pub fn load(path: Option<PathBuf>, article: &str, gen: u64) -> DocStore {
        let Some(path) = path else {
            return DocStore {
                gen,
                ..DocStore::empty()
            };
        };
        let stamp = stamp(&path);
        let sidecar = store::load(&path, article).map_err(|e| e.to_string());
        DocStore {
            path: Some(path),
            sidecar,
            stamp,
            gen,
        }
    }

    pub fn dct(&self) -> Option<crate::extract::Dct> {
        let s = self.sidecar.as_ref().ok()?.dct.as_deref()?;
        crate::extract::Dct::parse(s, crate::extract::DctSource::Given)
    }
}

/// An ignore list and the stamp of the file it was read from.
type IgnoreEntry = (Stamp, Arc<Vec<String>>);

/// Workspace-wide decision state kept by the server.
#[derive(Default)]
pub struct Workspace {
    /// Ignore lists by file, with the stamp they were read at.
    ignore: Mutex<HashMap<PathBuf, IgnoreEntry>>,
    /// Bumped whenever an ignore list changes.
    pub ignore_gen: AtomicU64,
    /// Serializes sidecar writes, so a burst of decisions never loses one.
    pub write: tokio::sync::Mutex<()>,
    /// The user gazetteer the engine was built with, and its stamp.
    companies: Mutex<Option<(PathBuf, Stamp)>>,
    /// Where the user gazetteer goes when there is no workspace folder.
    companies_dir: Mutex<Option<PathBuf>>,
}

impl Workspace {
    /// The ignore list at `path`, re-read when the file changed.
    pub fn ignored(&self, path: Option<&Path>) -> Arc<Vec<String>> {
        let Some(path) = path else {
            return Arc::default();
        };
        let now = stamp(path);
        let mut map = lock(&self.ignore);
        if let Some((s, list)) = map.get(path) {
            if *s == now {
                return list.clone();
            }
        }
        let list = Arc::new(store::load_ignore_list(path));
        map.insert(path.to_path_buf(), (now, list.clone()));
        self.ignore_gen.fetch_add(1, Ordering::SeqCst);
        list
    }
}

/// What the decisions made of one analysis.
#[derive(Debug, Default)]
pub struct Review {
    /// The engine's entities before decisions (the base of quick re-analyses);
    /// empty when `unchanged`.
    pub engine: Vec<Entity>,
    /// The decisions changed nothing: the engine's entities are the
    /// snapshot's own (not copied into `engine`).
    pub unchanged: bool,
    /// Parallel to the snapshot's entities: origin and decision id.
    pub origins: Vec<(Origin, Option<u64>)>,
    /// Every decision, re-anchored to this text.
    pub decisions: Vec<Decision>,
    pub rejected: Vec<(Entity, u64)>,
    pub orphaned: Vec<Decision>,
    /// Why the sidecar was not used.
    pub error: Option<String>,
    pub sidecar: Option<PathBuf>,
    /// (document store generation, ignore lists generation).
    pub key: (u64, u64),
}

/// Everything applying decisions needs besides the snapshot.
#[derive(Clone, Debug)]
pub struct ReviewInput {
    pub store: DocStore,
    pub ignored: Arc<Vec<String>>,
    pub key: (u64, u64),
}

/// The entities of `snap` as the engine found them.
pub fn engine_entities(snap: &Snapshot) -> &[Entity] {
    match &snap.review {
        Some(r) if !r.unchanged => &r.engine,
        _ => &snap.analysis.entities,
    }
}

/// `snap` with the decisions of `input` applied (its entities replaced by
/// the reviewed list; the engine's kept in `review.engine`).
pub fn reviewed(engine: &Engine, snap: &Snapshot, input: &ReviewInput) -> Snapshot {
    let raw = engine_entities(snap).to_vec();
    let mut analysis = snap.analysis.clone();
    let (entities, review) = apply(engine, &snap.text, raw, analysis.dct.as_ref(), input);
    analysis.entities = entities;
    let out = Snapshot {
        version: snap.version,
        rev: snap.rev,
        text: snap.text.clone(),
        lines: snap.lines.clone(),
        analysis,
        inputs: snap.inputs.clone(),
        partial: snap.partial,
        line_map: Default::default(),
        review: Some(Arc::new(review)),
    };
    if let Some(m) = snap.line_map.get() {
        let _ = out.line_map.set(m.clone());
    }
    out
}

/// Applies decisions to a fresh engine snapshot in place.
pub fn review_in_place(engine: &Engine, snap: &mut Snapshot, input: &ReviewInput) {
    let raw = std::mem::take(&mut snap.analysis.entities);
    let dct = snap.analysis.dct.clone();
    let (entities, review) = apply(engine, &snap.text, raw, dct.as_ref(), input);
    snap.analysis.entities = entities;
    snap.review = Some(Arc::new(review));
}

fn apply(
    engine: &Engine,
    text: &str,
    raw: Vec<Entity>,
    dct: Option<&crate::extract::Dct>,
    input: &ReviewInput,
) -> (Vec<Entity>, Review) {
    // Without decisions, and with no entity on the ignore list, the list
    // stays as the engine made it: no copy of it is kept.
    let no_decisions = match &input.store.sidecar {
        Ok(s) => s.decisions.is_empty(),
        Err(_) => true,
    };
    let unchanged = no_decisions
        && (input.ignored.is_empty()
            || !raw
                .iter()
                .any(|e| input.ignored.iter().any(|i| *i == e.text)));
    let mut review = Review {
        engine: if unchanged { Vec::new() } else { raw.clone() },
        unchanged,
        key: input.key,
        sidecar: input.store.path.clone(),
        ..Default::default()
    };
    if let Err(e) = &input.store.sidecar {
        review.error = Some(e.clone());
    }
    if unchanged {
        review.origins = vec![(Origin::Engine, None); raw.len()];
        return (raw, review);
    }
    let mut sidecar = match &input.store.sidecar {
        Ok(s) => s.clone(),
        Err(_) => Sidecar::new(""),
    };
    let infer = |k: Kind, s: &str| store::infer_value(engine, k, s, dct);
    let applied = store::apply(text, raw, &mut sidecar, &input.ignored, &infer);
    review.origins = applied
        .entities
        .iter()
        .map(|r| (r.origin, r.decision))
        .collect();
    review.rejected = applied.rejected;
    review.orphaned = sidecar
        .decisions
        .iter()
        .filter(|d| d.orphaned)
        .cloned()
        .collect();
    review.decisions = sidecar.decisions;
    let entities = applied.entities.into_iter().map(|r| r.entity).collect();
    (entities, review)
}

/// The origin and decision of `e` (one of `snap.analysis.entities`).
pub fn origin_of<'a>(snap: &'a Snapshot, e: &Entity) -> Option<(Origin, Option<&'a Decision>)> {
    let i = snap
        .analysis
        .entities
        .iter()
        .position(|o| std::ptr::eq(o, e) || (o.range == e.range && o.kind == e.kind))?;
    origin_at(snap, i)
}

/// The origin and decision of entity `i` of the snapshot.
pub fn origin_at(snap: &Snapshot, i: usize) -> Option<(Origin, Option<&Decision>)> {
    let review = snap.review.as_ref()?;
    let (origin, id) = *review.origins.get(i)?;
    let d = id.and_then(|id| review.decisions.iter().find(|d| d.id == id));
    Some((origin, d))
}

fn suffix(origin: Origin) -> &'static str {
    match origin {
        Origin::Engine => "",
        Origin::Accepted => " · accepted",
        Origin::Relabelled => " · relabelled",
        Origin::User => " · marked by you",
    }
}

/// Adds the decision to a diagnostic built for `e`: message suffix and
/// `data.origin` / `data.decision`.
pub fn decorate(snap: &Snapshot, i: usize, diag: &mut Diagnostic) {
    let (origin, d) = origin_at(snap, i).unwrap_or((Origin::Engine, None));
    diag.message.push_str(suffix(origin));
    if let Some(Json::Object(map)) = diag.data.as_mut() {
        map.insert("origin".into(), json!(origin.as_str()));
        if let Some(d) = d {
            map.insert("decision".into(), json!(d.id));
            map.insert("decidedAt".into(), json!(d.made_at));
        }
    }
}

fn describe(d: &Decision) -> String {
    let what = match d.action {
        Action::Accept => format!("accepted as {}", d.kind),
        Action::Reject => format!("rejected ({})", d.kind),
        Action::Relabel => match d.from_kind {
            Some(k) if k != d.kind => format!("relabelled from {k} to {}", d.kind),
            _ => format!("value corrected ({})", d.kind),
        },
        Action::Mark => format!("marked as {}", d.kind),
    };
    format!(
        "{what} on {}",
        d.made_at.replace('T', " ").replace('Z', " UTC")
    )
}

/// The byte range an orphaned decision is reported at: one character at
/// its last known place.
fn orphan_range(text: &str, d: &Decision) -> std::ops::Range<usize> {
    let hint = text
        .char_indices()
        .nth(d.start)
        .map(|(b, _)| b)
        .unwrap_or(text.len());
    // Where the text was: right after what preceded it, when that is still
    // there (the longest piece of the stored context, nearest the hint).
    let before: Vec<char> = d.before.chars().collect();
    let mut start = hint;
    for n in (2..=before.len()).rev() {
        let tail: String = before[before.len() - n..].iter().collect();
        if tail.trim().is_empty() {
            continue;
        }
        if let Some(end) = text
            .match_indices(tail.as_str())
            .map(|(i, m)| i + m.len())
            .min_by_key(|e| e.abs_diff(hint))
        {
            start = end;
            break;
        }
    }
    let end = text[start..]
        .chars()
        .next()
        .filter(|c| *c != '\n')
        .map(|c| start + c.len_utf8())
        .unwrap_or(start);
    start..end
}

/// Diagnostics of the workflow itself: a sidecar that could not be used,
/// and every orphaned decision.
pub fn extra_diagnostics(snap: &Snapshot, enc: Encoding) -> Vec<Diagnostic> {
    let Some(review) = &snap.review else {
        return vec![];
    };
    let mut out = Vec::new();
    if let Some(err) = &review.error {
        out.push(Diagnostic {
            range: Range::default(),
            severity: Some(DiagnosticSeverity::ERROR),
            code: Some(NumberOrString::String(SIDECAR.into())),
            source: Some(super::features::SOURCE.into()),
            message: format!("decisions not applied: {err}. Fix or remove the file; until then no decision can be saved for this article."),
            data: Some(json!({"origin": "sidecar", "path": review.sidecar})),
            ..Default::default()
        });
    }
    for d in &review.orphaned {
        let r = orphan_range(&snap.text, d);
        out.push(Diagnostic {
            range: snap.lines.range(&snap.text, &r, enc),
            severity: Some(DiagnosticSeverity::WARNING),
            code: Some(NumberOrString::String(ORPHANED.into())),
            source: Some(super::features::SOURCE.into()),
            message: format!(
                "orphaned decision: `{}` {}; its text is gone from the article (kept in the sidecar; the code action \"Drop\" removes it)",
                d.text,
                describe(d)
            ),
            data: Some(json!({"origin": "orphaned", "decision": d.id, "text": d.text, "action": d.action, "kind": d.kind, "decidedAt": d.made_at})),
            ..Default::default()
        });
    }
    out
}

/// Lines added to an entity's hover.
pub fn hover_suffix(snap: &Snapshot, e: &Entity) -> String {
    match origin_of(snap, e) {
        Some((Origin::Engine, _)) => "\n\nFound by the engine; no decision yet.".into(),
        Some((_, Some(d))) => format!("\n\nDecision: {}.", describe(d)),
        _ => String::new(),
    }
}

/// A hover for a place with no entity: a rejected entity or an orphaned decision.
pub fn hover_elsewhere(snap: &Snapshot, byte: usize) -> Option<(String, std::ops::Range<usize>)> {
    let review = snap.review.as_ref()?;
    for (e, id) in &review.rejected {
        if e.range.start <= byte && byte <= e.range.end {
            let d = review.decisions.iter().find(|d| d.id == *id)?;
            return Some((
                format!(
                    "**{}** · `{}` (hidden)\n\nDecision: {}. Undo with the code action \"Restore\".",
                    e.kind,
                    e.text.replace('`', "'"),
                    describe(d)
                ),
                e.range.clone(),
            ));
        }
    }
    for d in &review.orphaned {
        let r = orphan_range(&snap.text, d);
        if r.start <= byte && byte <= r.end {
            return Some((
                format!(
                    "**orphaned decision** · `{}`\n\n{}; the text is no longer in the article. It stays in the sidecar until you drop it.",
                    d.text.replace('`', "'"),
                    describe(d)
                ),
                r,
            ));
        }
    }
    None
}

// ----- code actions -----

fn action(title: String, kind: CodeActionKind, command: &str, args: Json) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.clone(),
        kind: Some(kind),
        command: Some(Command {
            title,
            command: command.into(),
            arguments: Some(vec![args]),
        }),
        ..Default::default()
    })
}

fn short(s: &str) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

/// The decision code actions for `range` (bytes `a..b`) of `snap`.
pub fn code_actions(
    snap: &Snapshot,
    cfg: &Config,
    enc: Encoding,
    uri: &Uri,
    range: Range,
    diagnostics: &[Diagnostic],
) -> Vec<CodeActionOrCommand> {
    let (a, _) = snap.lines.offset(&snap.text, range.start, enc);
    let (b, _) = snap.lines.offset(&snap.text, range.end, enc);
    let (a, b) = (a.min(b), a.max(b));
    let u = uri.as_str();
    let quick = CodeActionKind::QUICKFIX;
    let rewrite = CodeActionKind::REFACTOR_REWRITE;
    let mut out = Vec::new();
    let hit: Vec<&Entity> = snap
        .visible(cfg)
        .filter(|e| e.range.start <= b && a <= e.range.end)
        .collect();
    for e in &hit {
        let r = snap.range(e, enc);
        let (origin, d) = origin_of(snap, e).unwrap_or((Origin::Engine, None));
        let t = short(&e.text);
        let base = json!({"uri": u, "range": r, "kind": e.kind, "text": e.text});
        match (origin, d) {
            (Origin::Engine, _) => {
                out.push(action(
                    format!("Accept {} `{t}`", e.kind),
                    quick.clone(),
                    ACCEPT,
                    base.clone(),
                ));
            }
            (_, Some(d)) => out.push(action(
                format!("Undo decision on `{t}` ({})", describe(d)),
                quick.clone(),
                RESTORE,
                json!({"uri": u, "id": d.id}),
            )),
            _ => {}
        }
        out.push(action(
            format!("Reject {} `{t}`", e.kind),
            quick.clone(),
            REJECT,
            base.clone(),
        ));
        for k in Kind::ALL {
            if k != e.kind {
                let mut args = base.clone();
                args["newKind"] = json!(k);
                out.push(action(
                    format!("Relabel `{t}` as {k}"),
                    rewrite.clone(),
                    RELABEL,
                    args,
                ));
            }
        }
        if let (Kind::Date, Some(Value::Date(v))) = (e.kind, &e.value) {
            if v.timex.len() == 10 && v.kind == DateType::Date {
                out.push(action(
                    format!("Use {} as the article date", v.timex),
                    rewrite.clone(),
                    super::commands::SET_DATE,
                    json!({"uri": u, "dct": v.timex}),
                ));
            }
        }
        if e.kind == Kind::Company {
            let canonical = format::value_words(e);
            out.push(action(
                format!("Always treat `{t}` as company {canonical} (workspace)"),
                CodeActionKind::REFACTOR,
                ALWAYS_COMPANY,
                json!({"uri": u, "text": e.text, "canonical": canonical}),
            ));
        }
        out.push(action(
            format!("Never mark `{t}` (workspace)"),
            CodeActionKind::REFACTOR,
            NEVER_MARK,
            json!({"uri": u, "text": e.text}),
        ));
    }
    if let Some(review) = &snap.review {
        for (e, id) in &review.rejected {
            if e.range.start <= b && a <= e.range.end {
                out.push(action(
                    format!("Restore {} `{}` (undo reject)", e.kind, short(&e.text)),
                    quick.clone(),
                    RESTORE,
                    json!({"uri": u, "id": id}),
                ));
            }
        }
        for d in &review.orphaned {
            let r = orphan_range(&snap.text, d);
            let near = r.start <= b && a <= r.end;
            let named = diagnostics.iter().any(|x| {
                x.data
                    .as_ref()
                    .and_then(|v| v.get("decision"))
                    .and_then(Json::as_u64)
                    == Some(d.id)
                    && matches!(&x.code, Some(NumberOrString::String(c)) if c == ORPHANED)
            });
            if near || named {
                out.push(action(
                    format!("Drop orphaned decision on `{}`", short(&d.text)),
                    quick.clone(),
                    RESTORE,
                    json!({"uri": u, "id": d.id}),
                ));
            }
        }
    }
    let sel = snap.text.get(a..b).unwrap_or("");
    let exact = hit.iter().any(|e| e.range == (a..b));
    if !sel.trim().is_empty() && !exact && sel.len() <= 400 {
        let t = short(sel.trim());
        for k in Kind::ALL {
            out.push(action(
                format!("Mark `{t}` as {k}"),
                quick.clone(),
                MARK,
                json!({"uri": u, "range": range, "kind": k, "text": sel}),
            ));
        }
        out.push(action(
            format!("Always treat `{t}` as a company (workspace)"),
            CodeActionKind::REFACTOR,
            ALWAYS_COMPANY,
            json!({"uri": u, "text": sel.trim()}),
        ));
        out.push(action(
            format!("Never mark `{t}` (workspace)"),
            CodeActionKind::REFACTOR,
            NEVER_MARK,
            json!({"uri": u, "text": sel.trim()}),
        ));
    }
    out
}

// ----- commands -----

#[derive(Deserialize)]
struct DecisionArgs {
    uri: String,
    #[serde(default)]
    range: Option<Range>,
    #[serde(default)]
    kind: Option<Kind>,
    #[serde(default, rename = "newKind")]
    new_kind: Option<Kind>,
    #[serde(default)]
    value: Option<Json>,
    #[serde(default)]
    id: Option<u64>,
    #[serde(default)]
    text: Option<String>,
}

#[derive(Deserialize)]
struct WorkspaceArgs {
    #[serde(default)]
    uri: Option<String>,
    text: String,
    #[serde(default)]
    canonical: Option<String>,
}

fn invalid(msg: impl Into<String>) -> Error {
    Error::invalid_params(msg.into())
}

fn failed(msg: impl Into<String>) -> Error {
    Error {
        code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
        message: msg.into().into(),
        data: None,
    }
}

fn single_arg<T: serde::de::DeserializeOwned>(command: &str, args: &[Json]) -> Result<T> {
    let arg = args
        .first()
        .ok_or_else(|| invalid(format!("{command}: expected one JSON object argument")))?;
    serde_json::from_value(arg.clone()).map_err(|e| invalid(format!("{command}: {e}")))
}

/// A value given by the user: the JSON shape of the kind, or a short string
/// (`"JD.com"`, `"2018-01-17"`, `"18.6"`, `"20000000000 CNY"`).
pub fn parse_value(kind: Kind, v: &Json) -> std::result::Result<Value, String> {
    if let Json::String(s) = v {
        let s = s.trim();
        let bad = || format!("`{s}` is not a {kind} value");
        return match kind {
            Kind::Company if !s.is_empty() => Ok(Value::Company(CompanyValue {
                canonical: s.into(),
                ticker: None,
                description: None,
            })),
            Kind::Company => Err(bad()),
            Kind::Percent => s
                .trim_end_matches('%')
                .trim()
                .parse::<f64>()
                .map(|percent| Value::Percent(PercentValue { percent }))
                .map_err(|_| bad()),
            Kind::Money => {
                let mut parts = s.split_whitespace();
                let amount = parts
                    .next()
                    .map(|a| a.replace(',', ""))
                    .and_then(|a| a.parse::<f64>().ok())
                    .ok_or_else(bad)?;
                Ok(Value::Money(MoneyValue {
                    amount,
                    currency: parts.next().map(|c| c.to_string().into()),
                    per: None,
                }))
            }
            Kind::Date if !s.is_empty() => Ok(Value::Date(DateValue {
                kind: if s.starts_with('P') {
                    DateType::Duration
                } else {
                    DateType::Date
                },
                timex: s.into(),
                modifier: None,
            })),
            Kind::Date => Err(bad()),
        };
    }
    if let Json::Number(n) = v {
        let x = n.as_f64().unwrap_or(0.0);
        return match kind {
            Kind::Percent => Ok(Value::Percent(PercentValue { percent: x })),
            Kind::Money => Ok(Value::Money(MoneyValue {
                amount: x,
                currency: None,
                per: None,
            })),
            _ => Err(format!("a number is not a {kind} value")),
        };
    }
    let value: Value = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    let fits = matches!(
        (kind, &value),
        (Kind::Company, Value::Company(_))
            | (Kind::Money, Value::Money(_))
            | (Kind::Percent, Value::Percent(_))
            | (Kind::Date, Value::Date(_))
    );
    if fits {
        Ok(value)
    } else {
        Err(format!("{v} is not a {kind} value"))
    }
}

fn key_of(uri: &str) -> String {
    uri.parse::<Uri>()
        .map(|u| u.as_str().to_string())
        .unwrap_or_else(|_| uri.to_string())
}

impl Shared {
    /// The workspace folder holding `path`.
    pub fn root_of(&self, path: &Path) -> Option<PathBuf> {
        read(&self.roots)
            .into_iter()
            .filter(|r| path.starts_with(r))
            .max_by_key(|r| r.as_os_str().len())
    }

    /// Where the sidecar of the article at `path` lives under the current settings.
    pub fn sidecar_for(&self, path: &Path) -> PathBuf {
        let cfg = self.config();
        let root = self.root_of(path);
        store::sidecar_path(
            path,
            cfg.sidecar_directory.as_deref().map(Path::new),
            root.as_deref(),
        )
    }

    /// The decision store of a document freshly read from disk.
    pub fn load_store(&self, uri: &Uri, gen: u64) -> DocStore {
        // Only an article that exists on disk has a sidecar (an unsaved or
        // virtual document keeps its date in memory and takes no decisions).
        let path = file_path(uri).filter(|p| p.is_file());
        let name = path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let store = DocStore::load(path.map(|p| self.sidecar_for(&p)), &name, gen);
        if let Err(e) = &store.sidecar {
            self.log(MessageType::WARNING, e.clone());
        }
        store
    }

    /// The ignore list that applies to `uri`.
    pub fn ignored_for(&self, uri: &Uri) -> Arc<Vec<String>> {
        let file = file_path(uri).and_then(|p| store::find_ignore_file(&p));
        self.decisions.ignored(file.as_deref())
    }

    /// The workspace's user gazetteer: in the first workspace folder (or,
    /// without one, where "always treat as company" last wrote it).
    pub fn companies_file(&self) -> Option<PathBuf> {
        read(&self.roots)
            .first()
            .cloned()
            .or_else(|| lock(&self.decisions.companies_dir).clone())
            .map(|d| d.join(USER_COMPANIES))
    }

    /// Rebuilds the engine when the user gazetteer appeared, changed or went away.
    pub fn refresh_engine(&self) {
        let file = self.companies_file();
        let now = file.as_ref().map(|f| (f.clone(), stamp(f)));
        {
            let current = lock(&self.decisions.companies);
            let unchanged = match (&*current, &now) {
                (None, None) => true,
                (None, Some((_, st))) => st.is_none(),
                (Some(c), Some(n)) => c == n,
                (Some(_), None) => false,
            };
            if unchanged {
                return;
            }
        }
        let mut engine = Engine::new();
        if let Some(f) = &file {
            let (g, errors) = crate::extract::companies::Gazetteer::with_user_file(f);
            for e in errors {
                self.log(MessageType::WARNING, e);
            }
            engine.companies = g;
        }
        *lock(&self.decisions.companies) = now;
        *self.engine.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(engine);
        self.engine_gen.fetch_add(1, Ordering::SeqCst);
    }

    /// Re-reads the sidecar of an open document when it changed on disk
    /// (or the sidecar setting moved it) and returns what applying
    /// decisions needs.
    pub fn review_input(&self, key: &str) -> Option<ReviewInput> {
        self.refresh_engine();
        let (uri, path, st, gen) = {
            let docs = lock(&self.docs);
            let d = docs.get(key)?;
            (
                d.uri.clone(),
                d.store.path.clone(),
                d.store.stamp,
                d.store.gen,
            )
        };
        let ignored = self.ignored_for(&uri);
        let want = file_path(&uri)
            .filter(|p| p.is_file())
            .map(|p| self.sidecar_for(&p));
        let changed = want != path || path.as_deref().map(stamp).unwrap_or(None) != st;
        if changed {
            let fresh = self.load_store(&uri, gen + 1);
            let mut docs = lock(&self.docs);
            if let Some(d) = docs.get_mut(key) {
                if d.store.gen == gen {
                    d.dct_override = fresh.dct();
                    d.store = fresh;
                }
            }
        }
        let docs = lock(&self.docs);
        let d = docs.get(key)?;
        Some(ReviewInput {
            store: d.store.clone(),
            ignored,
            key: (
                d.store.gen,
                self.decisions.ignore_gen.load(Ordering::SeqCst),
            ),
        })
    }

    /// The review input of a workspace file that is not open.
    pub fn file_review_input(&self, path: &Path) -> ReviewInput {
        self.refresh_engine();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let store = DocStore::load(Some(self.sidecar_for(path)), &name, 0);
        let ignored = self
            .decisions
            .ignored(store::find_ignore_file(path).as_deref());
        ReviewInput {
            store,
            ignored,
            key: (0, self.decisions.ignore_gen.load(Ordering::SeqCst)),
        }
    }

    pub async fn decide(self: &Arc<Self>, command: &str, args: &[Json]) -> Result<Json> {
        match command {
            ALWAYS_COMPANY | NEVER_MARK => {
                let a: WorkspaceArgs = single_arg(command, args)?;
                self.workspace_decision(command, a)
            }
            _ => {
                let a: DecisionArgs = single_arg(command, args)?;
                self.document_decision(command, a).await
            }
        }
    }

    async fn document_decision(self: &Arc<Self>, command: &str, a: DecisionArgs) -> Result<Json> {
        let key = key_of(&a.uri);
        let _guard = self.decisions.write.lock().await;
        let Some(input) = self.review_input(&key) else {
            return Err(invalid(format!("{command}: {} is not open", a.uri)));
        };
        let (snap, _) = self
            .fresh(&key, None)
            .await
            .ok_or_else(|| invalid(format!("{command}: {} is not open", a.uri)))?;
        let path = input.store.path.clone().ok_or_else(|| {
            invalid(format!(
                "{command}: {} has no file on disk; save it first so its decisions have a place to live",
                a.uri
            ))
        })?;
        let mut sidecar = input.store.sidecar.clone().map_err(|e| {
            invalid(format!(
                "{command}: the sidecar cannot be used, nothing was changed: {e}"
            ))
        })?;
        let enc = self.enc();
        let text = &snap.text;
        let byte_range = a.range.map(|r| {
            let (x, _) = snap.lines.offset(text, r.start, enc);
            let (y, _) = snap.lines.offset(text, r.end, enc);
            x.min(y)..x.max(y)
        });
        let index = crate::offsets::OffsetIndex::new(text);
        store::reanchor_all(text, &index, &mut sidecar);
        let attached = |sc: &Sidecar, r: &std::ops::Range<usize>| -> Vec<u64> {
            sc.decisions
                .iter()
                .filter(|d| store::attached_range(&index, d).as_ref() == Some(r))
                .map(|d| d.id)
                .collect()
        };
        let entity_at = |r: &std::ops::Range<usize>| -> Option<&Entity> {
            let list = &snap.analysis.entities;
            list.iter()
                .find(|e| e.range == *r && a.kind.is_none_or(|k| k == e.kind))
                .or_else(|| {
                    list.iter()
                        .filter(|e| {
                            e.range.start <= r.start
                                && r.end <= e.range.end
                                && a.kind.is_none_or(|k| k == e.kind)
                        })
                        .min_by_key(|e| e.range.len())
                })
        };
        let mut result_id = None;
        match command {
            RESTORE => {
                let before = sidecar.decisions.len();
                match (a.id, &byte_range) {
                    (Some(id), _) => sidecar.decisions.retain(|d| d.id != id),
                    (None, Some(r)) => {
                        let r = r.clone();
                        sidecar.decisions.retain(|d| {
                            store::attached_range(&index, d)
                                .is_none_or(|x| !(x.start <= r.end && r.start <= x.end))
                        });
                    }
                    (None, None) => {
                        return Err(invalid(format!("{command}: give an `id` or a `range`")))
                    }
                }
                if sidecar.decisions.len() == before {
                    return Err(invalid(format!("{command}: no such decision")));
                }
            }
            ACCEPT | REJECT | RELABEL => {
                let r = byte_range
                    .clone()
                    .ok_or_else(|| invalid(format!("{command}: `range` is required")))?;
                let e = entity_at(&r).ok_or_else(|| {
                    invalid(format!(
                        "{command}: no entity at that range (the text may have changed)"
                    ))
                })?;
                if let Some(t) = &a.text {
                    if *t != e.text {
                        return Err(invalid(format!(
                            "{command}: the text there is now `{}`, not `{t}`",
                            e.text
                        )));
                    }
                }
                let (origin, old) = origin_of(&snap, e).unwrap_or((Origin::Engine, None));
                let old = old.cloned();
                let ids = attached(&sidecar, &e.range);
                sidecar.decisions.retain(|d| !ids.contains(&d.id));
                let engine_kind = match &old {
                    Some(d) if d.action == Action::Relabel => d.from_kind.unwrap_or(e.kind),
                    _ => e.kind,
                };
                let id = sidecar.next_id();
                let mut d = store::decision_for(text, e.range.clone(), Action::Accept, e.kind, id);
                match command {
                    ACCEPT => {
                        if origin == Origin::Engine {
                            d.value = e.value.clone();
                            d.qualifier = e.qualifier;
                        } else if let Some(old) = old {
                            // Already decided (relabelled or marked): keep it.
                            d = old;
                        }
                    }
                    REJECT => {
                        if origin == Origin::User {
                            d.id = 0; // removing the mark is the whole decision
                        } else {
                            d.action = Action::Reject;
                            d.kind = engine_kind;
                        }
                    }
                    _ => {
                        let new_kind = a.new_kind.unwrap_or(e.kind);
                        let value = match &a.value {
                            Some(v) => Some(
                                parse_value(new_kind, v)
                                    .map_err(|m| invalid(format!("{command}: {m}")))?,
                            ),
                            None if new_kind == e.kind => {
                                return Err(invalid(format!(
                                    "{command}: give a `newKind` or a `value`"
                                )))
                            }
                            None => None,
                        };
                        d.kind = new_kind;
                        d.value = value;
                        if origin == Origin::User {
                            d.action = Action::Mark;
                        } else {
                            d.action = Action::Relabel;
                            d.from_kind = Some(engine_kind);
                        }
                    }
                }
                if d.id != 0 {
                    result_id = Some(d.id);
                    sidecar.decisions.push(d);
                }
            }
            MARK => {
                let r = byte_range
                    .clone()
                    .ok_or_else(|| invalid(format!("{command}: `range` is required")))?;
                let kind = a
                    .kind
                    .ok_or_else(|| invalid(format!("{command}: `kind` is required")))?;
                let sel = text
                    .get(r.clone())
                    .ok_or_else(|| invalid(format!("{command}: the range splits a character")))?;
                let lead = sel.len() - sel.trim_start().len();
                let r = r.start + lead..r.start + lead + sel.trim().len();
                if r.is_empty() {
                    return Err(invalid(format!("{command}: the selection is empty")));
                }
                let value = match &a.value {
                    Some(v) => {
                        Some(parse_value(kind, v).map_err(|m| invalid(format!("{command}: {m}")))?)
                    }
                    None => None,
                };
                let ids = attached(&sidecar, &r);
                sidecar.decisions.retain(|d| !ids.contains(&d.id));
                let id = sidecar.next_id();
                let mut d = store::decision_for(text, r, Action::Mark, kind, id);
                d.value = value;
                result_id = Some(id);
                sidecar.decisions.push(d);
            }
            other => return Err(invalid(format!("unknown command `{other}`"))),
        }
        self.commit(&key, &path, sidecar)?;
        Ok(json!({"id": result_id, "sidecar": path.display().to_string()}))
    }

    /// Writes `sidecar` (atomically) and makes it the document's decisions.
    fn commit(&self, key: &str, path: &Path, sidecar: Sidecar) -> Result<()> {
        store::save(path, &sidecar)
            .map_err(|e| failed(format!("cannot write the decisions: {e}")))?;
        let mut docs = lock(&self.docs);
        if let Some(d) = docs.get_mut(key) {
            d.store.gen += 1;
            d.store.stamp = stamp(path);
            d.store.sidecar = Ok(sidecar);
            d.dct_override = d.store.dct();
            d.wake.immediate.store(true, Ordering::SeqCst);
            d.wake.notify.notify_one();
        }
        Ok(())
    }

    /// Sets (or clears) the article date of an open document in its sidecar.
    pub async fn store_date(&self, key: &str, dct: Option<String>) -> Result<bool> {
        let _guard = self.decisions.write.lock().await;
        let Some(input) = self.review_input(key) else {
            return Ok(false);
        };
        let (Some(path), Ok(mut sidecar)) = (input.store.path, input.store.sidecar) else {
            return Ok(false);
        };
        sidecar.dct = dct;
        self.commit(key, &path, sidecar)?;
        Ok(true)
    }

    fn workspace_decision(self: &Arc<Self>, command: &str, a: WorkspaceArgs) -> Result<Json> {
        let surface = a.text.trim().to_string();
        if surface.is_empty() || surface.contains('\n') {
            return Err(invalid(format!(
                "{command}: `text` must be one non-empty line"
            )));
        }
        let article = a
            .uri
            .as_deref()
            .and_then(|u| u.parse::<Uri>().ok())
            .and_then(|u| file_path(&u));
        let folder = article
            .as_deref()
            .and_then(|p| {
                self.root_of(p)
                    .or_else(|| p.parent().map(Path::to_path_buf))
            })
            .or_else(|| read(&self.roots).first().cloned())
            .ok_or_else(|| {
                invalid(format!(
                    "{command}: no workspace folder and no article file to put the list beside"
                ))
            })?;
        let path = match command {
            NEVER_MARK => {
                let file = article
                    .as_deref()
                    .and_then(store::find_ignore_file)
                    .unwrap_or_else(|| folder.join(store::IGNORE_FILE));
                store::add_to_ignore_list(&file, &surface)
                    .map_err(|e| failed(format!("{command}: {e}")))?;
                file
            }
            _ => {
                let canonical = a
                    .canonical
                    .clone()
                    .filter(|c| !c.trim().is_empty())
                    .unwrap_or_else(|| surface.clone());
                if read(&self.roots).is_empty() {
                    *lock(&self.decisions.companies_dir) = Some(folder.clone());
                }
                let file = self
                    .companies_file()
                    .unwrap_or_else(|| folder.join(USER_COMPANIES));
                add_user_company(&file, &surface, canonical.trim())
                    .map_err(|e| failed(format!("{command}: {e}")))?;
                file
            }
        };
        // The lists are re-read by stamp on the next analysis of every document.
        self.refresh_engine();
        self.decisions.ignore_gen.fetch_add(1, Ordering::SeqCst);
        {
            let mut docs = lock(&self.docs);
            for d in docs.values_mut() {
                d.store.gen += 1;
            }
        }
        self.republish_all();
        Ok(json!({"path": path.display().to_string(), "text": surface}))
    }
}

/// Asks the client to tell us when sidecars and workspace lists change on disk.
pub async fn watch(shared: &Shared) {
    let watchers: Vec<FileSystemWatcher> = [
        format!("**/*{}", store::SUFFIX),
        format!("**/{}", store::IGNORE_FILE),
        format!("**/{USER_COMPANIES}"),
    ]
    .into_iter()
    .map(|g| FileSystemWatcher {
        glob_pattern: GlobPattern::String(g),
        kind: None,
    })
    .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let reg = Registration {
        id: "article-lsp-decisions".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(options).ok(),
    };
    if let Err(e) = shared.client.register_capability(vec![reg]).await {
        shared.log(
            MessageType::WARNING,
            format!("cannot watch sidecar files ({e}); they are re-read when documents change"),
        );
    }
}

impl Shared {
    /// A sidecar or list changed on disk: re-read every document's
    /// decisions and re-publish.
    pub fn reload_decisions(&self) {
        {
            let mut docs = lock(&self.docs);
            for d in docs.values_mut() {
                // An impossible stamp forces the next review to re-read the file.
                d.store.stamp = Some((SystemTime::UNIX_EPOCH, u64::MAX));
            }
        }
        lock(&self.decisions.ignore).clear();
        self.decisions.ignore_gen.fetch_add(1, Ordering::SeqCst);
        self.republish_all();
    }
}

/// The user gazetteer file of the workspace.
pub const USER_COMPANIES: &str = "article-lsp.companies.toml";

/// Appends "always treat `surface` as company `canonical`" to the user
/// gazetteer (atomically, keeping what is there).
pub fn add_user_company(path: &Path, surface: &str, canonical: &str) -> std::io::Result<()> {
    let mut current = std::fs::read_to_string(path).unwrap_or_default();
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    if !current.is_empty() && !current.ends_with('\n') {
        current.push('\n');
    }
    if current.is_empty() {
        current.push_str(
            "# Companies article-lsp always marks (added by \"Always treat as company\").\n",
        );
    }
    current.push_str(&format!(
        "\n[[company]]\ncanonical = {}\naliases = [{}]\n",
        q(canonical),
        q(surface)
    ));
    crate::export::atomic_write(path, current.as_bytes()).map_err(std::io::Error::other)
}

pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}
