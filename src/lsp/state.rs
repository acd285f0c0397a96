//! Server state shared by every handler: open documents on ropes, the
//! configuration, the negotiated encoding, and the per-document analysis
//! actors.
//!
//! Ordering: document notifications are applied synchronously by
//! [`super::ordered::Ordered`] in the order they arrive on stdin, under a
//! std mutex that is never held across an `.await`. Analysis runs on the
//! blocking pool; a per-document actor debounces, analyses and publishes,
//! one at a time, and drops any result whose revision is no longer the
//! newest.

use super::config::Config;
use super::features::{Inputs, Snapshot};
use super::incremental;
use super::output::Output;
use super::position::{rope_char, Encoding, LineIndex};
use super::publish;
use super::workspace::{self, Globs};
use crate::extract::{Engine, Options};
use ropey::Rope;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, SystemTime};
use tokio::sync::Notify;
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    MessageType, SemanticToken, Uri,
};
use tower_lsp_server::Client;

/// What the client said it can do.
#[derive(Clone, Debug, Default)]
pub struct ClientCaps {
    pub show_document: bool,
    pub semantic_tokens_refresh: bool,
    pub inlay_hint_refresh: bool,
    pub work_done_progress: bool,
    pub hierarchical_symbols: bool,
    /// Dynamic registration of `workspace/didChangeWatchedFiles`.
    pub watch_files: bool,
}

/// Wakes a document's actor; `immediate` skips the debounce once.
#[derive(Default)]
pub struct Wake {
    pub notify: Notify,
    pub immediate: AtomicBool,
    /// Held from the staleness check to the send of a publication, so two
    /// publishers (the actor, a background full analysis) cannot reorder.
    pub publish: tokio::sync::Mutex<()>,
    /// A background full analysis is running.
    pub full_running: AtomicBool,
    /// How long the last full analysis took (ms): the pause before the next
    /// one is at least that, so a slow engine on a huge document does not
    /// keep a core busy while the person types.
    pub full_ms: AtomicU64,
    /// The diagnostics last encoded, reused for entities that did not change.
    pub diagnostics: Mutex<Option<publish::Cache>>,
    /// The buffer the last publication was written from, for the next one.
    pub buffer: Mutex<Vec<u8>>,
}

pub struct Doc {
    /// Unique per open, so a reopened URI never meets an old actor.
    pub id: u64,
    pub uri: Uri,
    pub language_id: String,
    /// The client's version of the newest text.
    pub version: i32,
    /// Bumped on every change, whatever the client's version says.
    pub rev: u64,
    pub rope: Rope,
    /// The article date set with `articleLsp.setDate` (None: no override).
    pub dct_override: Option<crate::extract::Dct>,
    pub snapshot: Option<Arc<Snapshot>>,
    pub wake: Arc<Wake>,
    /// Last semantic tokens sent: (result id, tokens).
    pub tokens: Option<(String, Vec<SemanticToken>)>,
    /// The user's decisions for this article (its sidecar).
    pub store: super::decisions::DocStore,
}

impl Doc {
    pub fn is_markdown(&self) -> bool {
        self.language_id == "markdown" || workspace::is_markdown_path(self.uri.as_str())
    }
}

/// A workspace file analysed from disk, cached by modification time.
struct FileEntry {
    modified: Option<SystemTime>,
    len: u64,
    snapshot: Arc<Snapshot>,
    /// The sidecar's stamp and the ignore list the review used.
    sidecar: super::decisions::Stamp,
    ignored: Arc<Vec<String>>,
}

pub struct Shared {
    pub client: Client,
    /// Messages serialized by the server itself (diagnostics) go here.
    pub out: Output,
    /// Rebuilt when the workspace's user gazetteer changes (see `decisions`).
    pub engine: RwLock<Arc<Engine>>,
    /// Bumped with every rebuild of `engine`; part of every analysis' inputs.
    pub engine_gen: AtomicU64,
    pub docs: Mutex<HashMap<String, Doc>>,
    pub config: RwLock<Config>,
    pub encoding: RwLock<Encoding>,
    pub caps: RwLock<ClientCaps>,
    pub roots: RwLock<Vec<PathBuf>>,
    pub initialized: AtomicBool,
    pub shutdown: AtomicBool,
    pub exited: AtomicBool,
    next_id: AtomicU64,
    pub next_result: AtomicU64,
    /// Work-done progress tokens in flight and whether the user cancelled them.
    pub progress: Mutex<HashMap<String, Arc<AtomicBool>>>,
    files: Mutex<HashMap<PathBuf, FileEntry>>,
    /// Workspace-wide decision state (ignore lists, the sidecar write lock).
    pub decisions: super::decisions::Workspace,
}

/// Locks a std mutex, recovering from poisoning (a panicked analysis must
/// not take the whole server down).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub fn read<T: Clone>(m: &RwLock<T>) -> T {
    m.read().unwrap_or_else(|e| e.into_inner()).clone()
}

pub fn write<T>(m: &RwLock<T>, v: T) {
    *m.write().unwrap_or_else(|e| e.into_inner()) = v;
}

pub fn analyze(engine: &Engine, text: String, version: i32, inputs: Inputs) -> Snapshot {
    let options = Options {
        dct: inputs.dct.clone(),
        markdown: inputs.markdown,
    };
    let analysis = engine.analyze(&text, &options);
    Snapshot {
        version,
        rev: 0,
        lines: LineIndex::new(&text),
        text,
        analysis,
        inputs,
        partial: false,
        line_map: Default::default(),
        review: None,
    }
}

impl Shared {
    pub fn new(client: Client, out: Output) -> Shared {
        Shared {
            client,
            out,
            engine: RwLock::new(Arc::new(Engine::new())),
            engine_gen: AtomicU64::new(0),
            docs: Mutex::new(HashMap::new()),
            config: RwLock::new(Config::default()),
            encoding: RwLock::new(Encoding::Utf16),
            caps: RwLock::new(ClientCaps::default()),
            roots: RwLock::new(Vec::new()),
            initialized: AtomicBool::new(false),
            shutdown: AtomicBool::new(false),
            exited: AtomicBool::new(false),
            next_id: AtomicU64::new(1),
            next_result: AtomicU64::new(1),
            progress: Mutex::new(HashMap::new()),
            files: Mutex::new(HashMap::new()),
            decisions: Default::default(),
        }
    }

    /// The engine analyses use now.
    pub fn engine(&self) -> Arc<Engine> {
        read(&self.engine)
    }

    pub fn config(&self) -> Config {
        read(&self.config)
    }

    pub fn enc(&self) -> Encoding {
        read(&self.encoding)
    }

    /// Logs to stderr and, without waiting, to the client (`window/logMessage`).
    pub fn log(&self, typ: MessageType, msg: String) {
        match typ {
            MessageType::ERROR => tracing::error!("{msg}"),
            MessageType::WARNING => tracing::warn!("{msg}"),
            _ => tracing::info!("{msg}"),
        }
        if tokio::runtime::Handle::try_current().is_ok() {
            let client = self.client.clone();
            tokio::spawn(async move { client.log_message(typ, msg).await });
        }
    }

    // ----- document notifications, applied in arrival order -----

    pub fn did_open(self: &Arc<Self>, p: DidOpenTextDocumentParams) {
        let key = p.text_document.uri.as_str().to_string();
        let wake = Arc::new(Wake::default());
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let store = self.load_store(&p.text_document.uri, 1);
        let doc = Doc {
            id,
            uri: p.text_document.uri,
            language_id: p.text_document.language_id,
            version: p.text_document.version,
            rev: 1,
            rope: Rope::from_str(&p.text_document.text),
            dct_override: store.dct(),
            snapshot: None,
            wake: wake.clone(),
            tokens: None,
            store,
        };
        if !matches!(
            doc.language_id.as_str(),
            "plaintext" | "text" | "markdown" | "article"
        ) {
            self.log(
                MessageType::INFO,
                format!(
                    "{key}: language id `{}` treated as plain text",
                    doc.language_id
                ),
            );
        }
        if let Some(old) = lock(&self.docs).insert(key.clone(), doc) {
            old.wake.notify.notify_one();
        }
        wake.immediate.store(true, Ordering::SeqCst);
        wake.notify.notify_one();
        tokio::spawn(actor(self.clone(), key, id, wake));
    }

    pub fn did_change(&self, p: DidChangeTextDocumentParams) {
        let key = p.text_document.uri.as_str().to_string();
        let enc = self.enc();
        let mut clamped = Vec::new();
        let wake = {
            let mut docs = lock(&self.docs);
            let Some(doc) = docs.get_mut(&key) else {
                drop(docs);
                self.log(
                    MessageType::WARNING,
                    format!("didChange for {key}, which is not open; ignored"),
                );
                return;
            };
            for change in p.content_changes {
                match change.range {
                    None => doc.rope = Rope::from_str(&change.text),
                    Some(range) => {
                        let (a, ca) = rope_char(&doc.rope, range.start, enc);
                        let (b, cb) = rope_char(&doc.rope, range.end, enc);
                        if ca.0 || cb.0 {
                            clamped.push(range);
                        }
                        let (a, b) = if a <= b { (a, b) } else { (b, a) };
                        doc.rope.remove(a..b);
                        doc.rope.insert(a, &change.text);
                    }
                }
            }
            doc.version = p.text_document.version;
            doc.rev += 1;
            doc.wake.clone()
        };
        wake.notify.notify_one();
        for r in clamped {
            self.log(
                MessageType::WARNING,
                format!("{key}: change range {r:?} is outside the text; clamped"),
            );
        }
    }

    pub fn did_close(&self, p: DidCloseTextDocumentParams) {
        let key = p.text_document.uri.as_str().to_string();
        let removed = lock(&self.docs).remove(&key);
        if let Some(doc) = removed {
            doc.wake.notify.notify_one();
            let out = self.out.clone();
            tokio::spawn(async move {
                // After any publication in flight, never before it.
                let _order = doc.wake.publish.lock().await;
                out.send(publish::cleared(doc.uri));
            });
        }
    }

    /// Asks every open document's actor to re-analyse and re-publish now,
    /// and the client to re-request tokens and hints (without waiting).
    pub fn republish_all(&self) {
        for doc in lock(&self.docs).values() {
            doc.wake.immediate.store(true, Ordering::SeqCst);
            doc.wake.notify.notify_one();
        }
        let caps = read(&self.caps);
        let client = self.client.clone();
        tokio::spawn(async move {
            if caps.semantic_tokens_refresh {
                let _ = client.semantic_tokens_refresh().await;
            }
            if caps.inlay_hint_refresh {
                let _ = client.inlay_hint_refresh().await;
            }
        });
    }

    fn inputs_for(&self, doc: &Doc, cfg: &Config) -> Inputs {
        Inputs {
            engine: self.engine_gen.load(Ordering::SeqCst),
            dct: doc
                .dct_override
                .clone()
                .or_else(|| cfg.article_date.clone()),
            markdown: doc.is_markdown(),
        }
    }

    /// The analysis of the newest text of an open document (computed on the
    /// blocking pool when the cached one is stale; large documents are
    /// re-analysed line by line). `only_id` restricts it to one opening of
    /// the document. Returns the snapshot and its revision.
    pub async fn fresh(&self, key: &str, only_id: Option<u64>) -> Option<(Arc<Snapshot>, u64)> {
        self.fresh_with(key, only_id, false).await
    }

    /// Like [`Shared::fresh`], but never partial: `None` when the current
    /// snapshot is already a full one (nothing to do) or the document is gone.
    pub async fn fresh_full(&self, key: &str, id: u64) -> Option<(Arc<Snapshot>, u64)> {
        {
            let docs = lock(&self.docs);
            let doc = docs.get(key)?;
            if doc.id != id
                || doc
                    .snapshot
                    .as_ref()
                    .is_some_and(|s| s.rev == doc.rev && !s.partial)
            {
                return None;
            }
        }
        self.fresh_with(key, Some(id), true).await
    }

    async fn fresh_with(
        &self,
        key: &str,
        only_id: Option<u64>,
        full: bool,
    ) -> Option<(Arc<Snapshot>, u64)> {
        let cfg = self.config();
        let review = self.review_input(key);
        let review_key = review.as_ref().map(|r| r.key);
        let same_review =
            |s: &Snapshot| s.review.as_ref().map(|r| r.key) == review_key || review.is_none();
        let mut rereview = None;
        let (text, version, rev, inputs, id, base) = {
            let docs = lock(&self.docs);
            let doc = docs.get(key)?;
            if only_id.is_some_and(|id| id != doc.id) {
                return None;
            }
            let inputs = self.inputs_for(doc, &cfg);
            if let Some(s) = &doc.snapshot {
                if s.inputs == inputs && s.rev == doc.rev && !(full && s.partial) {
                    if same_review(s) {
                        return Some((s.clone(), doc.rev));
                    }
                    rereview = Some((s.clone(), doc.rev, doc.id));
                }
            }
            let base = doc.snapshot.clone().filter(|s| {
                !full && s.inputs == inputs && doc.rope.len_bytes() >= incremental::MIN_BYTES
            });
            (
                doc.rope.to_string(),
                doc.version,
                doc.rev,
                inputs,
                doc.id,
                base,
            )
        };
        if let (Some((s, rev, id)), Some(input)) = (rereview, review.clone()) {
            // Only the decisions changed: re-apply them to the same analysis.
            let engine = self.engine();
            let snap = tokio::task::spawn_blocking(move || {
                super::decisions::reviewed(&engine, &s, &input)
            })
            .await
            .ok()?;
            let snap = Arc::new(snap);
            let mut docs = lock(&self.docs);
            if let Some(doc) = docs.get_mut(key) {
                if doc.id == id && doc.rev == rev {
                    doc.snapshot = Some(snap.clone());
                }
            }
            return Some((snap, rev));
        }
        let engine = self.engine();
        let started = std::time::Instant::now();
        let snap = tokio::task::spawn_blocking(move || {
            let mut s = match base {
                Some(base) => {
                    let map = incremental::map_of(&base);
                    let (s, m) =
                        incremental::analyze(&engine, text, version, inputs, &base.analysis, map);
                    let _ = s.line_map.set(Arc::new(m));
                    s
                }
                None => analyze(&engine, text, version, inputs),
            };
            s.rev = rev;
            if let Some(input) = &review {
                super::decisions::review_in_place(&engine, &mut s, input);
            }
            s
        })
        .await;
        let snap = match snap {
            Ok(s) => Arc::new(s),
            Err(e) => {
                self.log(MessageType::ERROR, format!("{key}: analysis failed: {e}"));
                return None;
            }
        };
        tracing::debug!(
            "analysed {key} v{version} rev {rev} ({}, {} bytes) in {:.1} ms",
            if snap.partial {
                "changed lines"
            } else {
                "full"
            },
            snap.text.len(),
            started.elapsed().as_secs_f64() * 1000.0
        );
        let mut docs = lock(&self.docs);
        if let Some(doc) = docs.get_mut(key) {
            if doc.id == id && doc.rev == rev {
                doc.snapshot = Some(snap.clone());
            }
        }
        Some((snap, rev))
    }

    /// The current revision of an open document.
    pub fn rev(&self, key: &str) -> Option<(u64, u64)> {
        lock(&self.docs).get(key).map(|d| (d.id, d.rev))
    }

    /// A workspace file from disk (or its open document), analysed and cached.
    pub async fn file_snapshot(&self, path: &Path) -> Option<(Uri, Arc<Snapshot>)> {
        let uri = Uri::from_file_path(path)?;
        let key = uri.as_str().to_string();
        if lock(&self.docs).contains_key(&key) {
            return self.fresh(&key, None).await.map(|(s, _)| (uri, s));
        }
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok();
        let cfg = self.config();
        let review = self.file_review_input(path);
        let inputs = Inputs {
            engine: self.engine_gen.load(Ordering::SeqCst),
            dct: review.store.dct().or_else(|| cfg.article_date.clone()),
            markdown: workspace::is_markdown_path(&path.to_string_lossy()),
        };
        let (sidecar, ignored) = (review.store.stamp, review.ignored.clone());
        if let Some(f) = lock(&self.files).get(path) {
            if f.modified == modified
                && f.len == meta.len()
                && f.snapshot.inputs == inputs
                && f.sidecar == sidecar
                && Arc::ptr_eq(&f.ignored, &ignored)
            {
                return Some((uri, f.snapshot.clone()));
            }
        }
        let engine = self.engine();
        let p = path.to_path_buf();
        let snap = tokio::task::spawn_blocking(move || {
            let text = String::from_utf8(std::fs::read(&p).ok()?).ok()?;
            let mut s = analyze(&engine, text, 0, inputs);
            super::decisions::review_in_place(&engine, &mut s, &review);
            Some(s)
        })
        .await
        .ok()??;
        let snap = Arc::new(snap);
        lock(&self.files).insert(
            path.to_path_buf(),
            FileEntry {
                modified,
                len: meta.len(),
                snapshot: snap.clone(),
                sidecar,
                ignored,
            },
        );
        Some((uri, snap))
    }

    /// Every article file of the workspace folders.
    pub fn workspace_files(&self) -> Vec<PathBuf> {
        let globs = Globs::new(&self.config().article_globs);
        let mut out = Vec::new();
        for root in read(&self.roots) {
            out.extend(workspace::article_files(&root, &globs));
        }
        out.sort();
        out.dedup();
        out
    }

    /// Open documents that are not files of the workspace folders.
    pub fn open_keys(&self) -> Vec<(String, Uri)> {
        lock(&self.docs)
            .iter()
            .map(|(k, d)| (k.clone(), d.uri.clone()))
            .collect()
    }

    /// Publishes the diagnostics of `snap` unless a newer revision exists;
    /// returns once the message is written (or dropped).
    async fn publish(
        &self,
        key: &str,
        id: u64,
        wake: &Arc<Wake>,
        snap: Arc<Snapshot>,
        rev: u64,
    ) -> bool {
        let cfg = self.config();
        let enc = self.enc();
        let uri = match lock(&self.docs).get(key) {
            Some(d) if d.id == id && d.rev == rev => d.uri.clone(),
            _ => return false,
        };
        let buf = std::mem::take(&mut *lock(&wake.buffer));
        let (s, w) = (snap.clone(), wake.clone());
        let started = std::time::Instant::now();
        let Ok(publish::Encoded {
            body,
            spent,
            reused,
            carried,
            ..
        }) = tokio::task::spawn_blocking(move || {
            // Held while encoding: a second publisher (the full pass and
            // the actor) waits for the cache rather than rebuilding it.
            let mut cache = lock(&w.diagnostics);
            let mut out = publish::encode(&s, &cfg, enc, &uri, Some(s.version), cache.take(), buf);
            *cache = out.cache.take();
            out
        })
        .await
        else {
            return false;
        };
        let built = started.elapsed();
        let bytes = body.len();
        // Freed off the async threads, once the message is on its way.
        let spent = move || {
            if spent.is_some() {
                tokio::task::spawn_blocking(move || drop(spent));
            }
        };
        let written = {
            let _order = wake.publish.lock().await;
            let current =
                matches!(lock(&self.docs).get(key), Some(d) if d.id == id && d.rev == rev);
            // Not current: a newer edit arrived meanwhile, its own turn will publish.
            if !current || self.exited.load(Ordering::SeqCst) {
                *lock(&wake.buffer) = body;
                spent();
                return false;
            }
            self.out.send(body)
        };
        spent();
        // A client that reads slowly holds the next publication back.
        if let Ok(buf) = written.await {
            *lock(&wake.buffer) = buf;
        }
        prepare_quick(&snap);
        tracing::debug!(
            "published {key} v{} rev {rev}: {bytes} bytes ({reused} diagnostics reused, {carried} ranges carried) built in {:.1} ms, written after {:.1} ms",
            snap.version,
            built.as_secs_f64() * 1000.0,
            started.elapsed().as_secs_f64() * 1000.0
        );
        true
    }
}

/// Builds, in the background, the line map of a full analysis of a large
/// document, so the first edit after it need not before its quick
/// re-analysis.
fn prepare_quick(snap: &Arc<Snapshot>) {
    if snap.partial || snap.text.len() < incremental::MIN_BYTES || snap.line_map.get().is_some() {
        return;
    }
    let snap = snap.clone();
    tokio::task::spawn_blocking(move || {
        incremental::map_of(&snap);
    });
}

/// Quiet time after which a document last analysed line by line gets a
/// full analysis.
const FULL_AFTER: Duration = Duration::from_millis(400);

/// One per open document: waits for changes, debounces, analyses off the
/// async threads, publishes; exits when the document is closed.
async fn actor(shared: Arc<Shared>, key: String, id: u64, wake: Arc<Wake>) {
    // The revision last published: a wake-up without a newer revision (a
    // notification racing the edit it announces) publishes nothing new,
    // unless forced (first analysis, configuration change, setDate).
    let mut last: Option<u64> = None;
    let mut need_full = false;
    loop {
        if need_full {
            tokio::select! {
                _ = wake.notify.notified() => {}
                _ = tokio::time::sleep(FULL_AFTER.max(Duration::from_millis(wake.full_ms.load(Ordering::Relaxed)))) => {
                    need_full = false;
                    if !wake.full_running.swap(true, Ordering::SeqCst) {
                        tokio::spawn(full_pass(shared.clone(), key.clone(), id, wake.clone()));
                    }
                    continue;
                }
            }
        } else {
            wake.notify.notified().await;
        }
        let mut forced = wake.immediate.swap(false, Ordering::SeqCst);
        while !forced {
            let ms = shared.config().debounce_ms;
            if ms == 0 {
                break;
            }
            tokio::select! {
                _ = wake.notify.notified() => {
                    forced = wake.immediate.swap(false, Ordering::SeqCst);
                }
                _ = tokio::time::sleep(Duration::from_millis(ms)) => break,
            }
        }
        let Some((snap, rev)) = shared.fresh(&key, Some(id)).await else {
            if shared.rev(&key).is_none_or(|(doc_id, _)| doc_id != id) {
                return;
            }
            continue;
        };
        need_full = snap.partial;
        if !forced && last == Some(rev) {
            continue;
        }
        if shared.publish(&key, id, &wake, snap, rev).await {
            last = Some(rev);
        }
    }
}

/// The full analysis after line-by-line ones: published only when it finds
/// something they did not, and only if no newer edit arrived meanwhile.
async fn full_pass(shared: Arc<Shared>, key: String, id: u64, wake: Arc<Wake>) {
    let quick = lock(&shared.docs)
        .get(&key)
        .and_then(|d| d.snapshot.clone());
    if let Some((snap, rev)) = shared.fresh_full(&key, id).await {
        let same =
            quick.is_some_and(|q| q.rev == rev && q.analysis.entities == snap.analysis.entities);
        if same {
            prepare_quick(&snap);
        } else {
            shared.publish(&key, id, &wake, snap, rev).await;
        }
    }
    wake.full_running.store(false, Ordering::SeqCst);
}
