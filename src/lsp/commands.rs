//! `workspace/executeCommand`: exports and the article date.

use super::features::Snapshot;
use super::ordered::token_key;
use super::state::{lock, read, Shared};
use crate::export::{self, ExportDoc, ExportError, Format};
use crate::extract::{Dct, DctSource};
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{MessageType, ProgressToken, ShowDocumentParams, Uri};

/// (file name, URI, analysis) of one article.
pub type NamedSnapshot = (String, String, Arc<Snapshot>);

pub const EXPORT: &str = "articleLsp.export";
pub const SET_DATE: &str = "articleLsp.setDate";
pub const COMMANDS: &[&str] = &[EXPORT, SET_DATE];

/// Every command the server executes (exports, the date, decisions).
pub fn all_commands() -> Vec<&'static str> {
    COMMANDS
        .iter()
        .chain(super::decisions::COMMANDS)
        .copied()
        .collect()
}

fn invalid(msg: impl Into<String>) -> Error {
    Error::invalid_params(msg.into())
}

fn failed(msg: impl Into<String>) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: msg.into().into(),
        data: None,
    }
}

#[derive(Deserialize)]
struct ExportArgs {
    uri: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    path: Option<String>,
}

#[derive(Deserialize)]
struct SetDateArgs {
    uri: String,
    #[serde(default)]
    dct: Option<String>,
}

/// The one JSON object every command takes.
fn single_arg<T: serde::de::DeserializeOwned>(command: &str, args: &[Value]) -> Result<T> {
    let arg = args
        .first()
        .ok_or_else(|| invalid(format!("{command}: expected one JSON object argument")))?;
    serde_json::from_value(arg.clone()).map_err(|e| invalid(format!("{command}: {e}")))
}

fn file_name(uri: &Uri) -> String {
    let s = uri.as_str();
    let last = s.rsplit('/').next().unwrap_or(s);
    let name = uri
        .to_file_path()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().to_string()))
        .unwrap_or_else(|| last.to_string());
    if name.is_empty() {
        "untitled".into()
    } else {
        name
    }
}

fn stem_of(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "annotations".into())
}

fn export_error(e: ExportError) -> Error {
    match e {
        ExportError::OutsideWorkspace(p) => invalid(format!(
            "refusing to export to {}: the path leaves the workspace folder",
            p.display()
        )),
        ExportError::UnknownFormat(_) => invalid(e.to_string()),
        other => failed(format!("export failed: {other}")),
    }
}

impl Shared {
    pub async fn execute(
        self: &Arc<Self>,
        command: &str,
        args: &[Value],
        token: Option<ProgressToken>,
    ) -> Result<Option<Value>> {
        match command {
            EXPORT => self
                .export(single_arg(command, args)?, token)
                .await
                .map(Some),
            SET_DATE => self.set_date(single_arg(command, args)?).await.map(Some),
            c if super::decisions::COMMANDS.contains(&c) => self.decide(c, args).await.map(Some),
            other => Err(invalid(format!(
                "unknown command `{other}` (known: {})",
                all_commands().join(", ")
            ))),
        }
    }

    async fn set_date(&self, args: SetDateArgs) -> Result<Value> {
        let dct = match args.dct.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => Some(Dct::parse(s, DctSource::Given).ok_or_else(|| {
                invalid(format!(
                    "articleLsp.setDate: `{s}` is not a date like 2018-01-17, 2018-01 or 2018"
                ))
            })?),
        };
        let key = args
            .uri
            .parse::<Uri>()
            .map(|u| u.as_str().to_string())
            .unwrap_or(args.uri.clone());
        {
            let mut docs = lock(&self.docs);
            let doc = docs
                .get_mut(&key)
                .ok_or_else(|| invalid(format!("articleLsp.setDate: {} is not open", args.uri)))?;
            doc.dct_override = dct.clone();
            doc.wake.immediate.store(true, Ordering::SeqCst);
            doc.wake.notify.notify_one();
        }
        // Kept in the article's sidecar, so it survives sessions and the CLI sees it.
        let saved = self
            .store_date(&key, dct.as_ref().map(|d| d.timex()))
            .await?;
        Ok(json!({"uri": args.uri, "dct": dct.map(|d| d.timex()), "saved": saved}))
    }

    /// The workspace folder holding `path`, else the first one.
    fn root_for(&self, path: Option<&Path>) -> Option<PathBuf> {
        let roots = read(&self.roots);
        path.and_then(|p| roots.iter().find(|r| p.starts_with(r)).cloned())
            .or_else(|| roots.first().cloned())
    }

    /// Where an export goes: (folder, file stem).
    fn target(
        &self,
        requested: Option<&str>,
        article: Option<&Path>,
        stem: String,
    ) -> Result<(PathBuf, String)> {
        let root = self.root_for(article);
        let article_dir = article.and_then(|a| a.parent()).map(Path::to_path_buf);
        let base = root.clone().or(article_dir.clone());
        if let Some(req) = requested.filter(|r| !r.trim().is_empty()) {
            let base = base.ok_or_else(|| {
                invalid("no workspace folder and no file to export beside; give an absolute path inside a workspace")
            })?;
            let resolved = export::resolve_inside(&base, Path::new(req)).map_err(export_error)?;
            if req.ends_with('/') || req.ends_with('\\') || resolved.is_dir() {
                return Ok((resolved, stem));
            }
            let dir = resolved.parent().map(Path::to_path_buf).unwrap_or(base);
            let stem = resolved
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or(stem);
            return Ok((dir, stem));
        }
        if let Some(dir) = self.config().export_directory {
            let dir = match (&root, &article_dir) {
                (Some(root), _) => {
                    export::resolve_inside(root, Path::new(&dir)).map_err(export_error)?
                }
                (None, _) if Path::new(&dir).is_absolute() => PathBuf::from(&dir),
                (None, Some(a)) => a.join(&dir),
                (None, None) => {
                    return Err(invalid(
                        "export.directory is relative and there is no workspace folder",
                    ))
                }
            };
            return Ok((dir, stem));
        }
        match article_dir.or(root) {
            Some(dir) => Ok((dir, stem)),
            None => Err(invalid(
                "this document has no file on disk: give a `path` or set export.directory",
            )),
        }
    }

    async fn export(
        self: &Arc<Self>,
        args: ExportArgs,
        token: Option<ProgressToken>,
    ) -> Result<Value> {
        let format_name = args
            .format
            .clone()
            .unwrap_or_else(|| self.config().export_format);
        let format = Format::parse(&format_name).map_err(export_error)?;
        let (docs, dir, stem): (Vec<NamedSnapshot>, PathBuf, String) = if args.uri == "workspace" {
            let root = self.root_for(None);
            let stem = root
                .as_ref()
                .and_then(|r| r.file_name())
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_else(|| "workspace".into());
            let (dir, stem) = self.target(args.path.as_deref(), None, stem)?;
            let docs = self.workspace_docs(token, "Exporting annotations").await?;
            (docs, dir, stem)
        } else {
            let uri: Uri = args
                .uri
                .parse()
                .map_err(|e| invalid(format!("articleLsp.export: bad uri `{}`: {e}", args.uri)))?;
            let key = uri.as_str().to_string();
            let path = uri
                .to_file_path()
                .map(|p| p.into_owned())
                .filter(|_| uri.scheme().as_str() == "file");
            let snap = match self.fresh(&key, None).await {
                Some((s, _)) => s,
                None => match &path {
                    Some(p) => self
                        .file_snapshot(p)
                        .await
                        .map(|(_, s)| s)
                        .ok_or_else(|| invalid(format!("cannot read {}", p.display())))?,
                    None => return Err(invalid(format!("{} is not open", args.uri))),
                },
            };
            let name = file_name(&uri);
            let (dir, stem) = self.target(args.path.as_deref(), path.as_deref(), stem_of(&name))?;
            (vec![(name, uri.as_str().to_string(), snap)], dir, stem)
        };
        let written = tokio::task::spawn_blocking(move || {
            let export_docs: Vec<ExportDoc> = docs
                .iter()
                .map(|(name, uri, s)| {
                    ExportDoc::from_analysis(name, Some(uri.clone()), &s.text, &s.analysis)
                })
                .collect();
            export::export_to_dir(format, &export_docs, &dir, &stem)
        })
        .await
        .map_err(|e| failed(format!("export failed: {e}")))?
        .map_err(export_error)?;
        let paths: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        self.log(
            MessageType::INFO,
            format!(
                "exported {} as {format_name}: {}",
                args.uri,
                paths.join(", ")
            ),
        );
        if read(&self.caps).show_document {
            if let Some(uri) = written.first().and_then(Uri::from_file_path) {
                let client = self.client.clone();
                tokio::spawn(async move {
                    let _ = client
                        .show_document(ShowDocumentParams {
                            uri,
                            external: Some(false),
                            take_focus: Some(true),
                            selection: None,
                        })
                        .await;
                });
            }
        }
        Ok(json!({ "paths": paths }))
    }

    /// Every article of the workspace (open documents as edited, the other
    /// files from disk), reporting progress and honouring cancellation.
    pub async fn workspace_docs(
        self: &Arc<Self>,
        token: Option<ProgressToken>,
        title: &str,
    ) -> Result<Vec<NamedSnapshot>> {
        let files = {
            let me = self.clone();
            tokio::task::spawn_blocking(move || me.workspace_files())
                .await
                .unwrap_or_default()
        };
        let mut progress = None;
        let cancelled = Arc::new(AtomicBool::new(false));
        let token = match token {
            Some(t) => Some(t),
            None if read(&self.caps).work_done_progress => {
                let t = ProgressToken::String(format!(
                    "article-lsp/{}",
                    self.next_result.fetch_add(1, Ordering::Relaxed)
                ));
                self.client
                    .create_work_done_progress(t.clone())
                    .await
                    .ok()
                    .map(|_| t)
            }
            None => None,
        };
        if let Some(t) = &token {
            lock(&self.progress).insert(token_key(t), cancelled.clone());
            progress = Some(
                self.client
                    .progress(t.clone(), title.to_string())
                    .with_percentage(0)
                    .with_cancel_button()
                    .begin()
                    .await,
            );
        }
        let mut out: Vec<NamedSnapshot> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let total = files.len().max(1);
        let mut result = Ok(());
        for (i, path) in files.iter().enumerate() {
            if cancelled.load(Ordering::SeqCst) {
                result = Err(Error::request_cancelled());
                break;
            }
            if let Some((uri, snap)) = self.file_snapshot(path).await {
                if seen.insert(uri.as_str().to_string()) {
                    out.push((file_name(&uri), uri.as_str().to_string(), snap));
                }
            }
            if let Some(p) = &progress {
                let pct = ((i + 1) * 100 / total) as u32;
                p.report_with_message(format!("{}/{}", i + 1, files.len()), pct, None)
                    .await;
            }
        }
        if result.is_ok() {
            for (key, uri) in self.open_keys() {
                if seen.contains(&key) {
                    continue;
                }
                if let Some((snap, _)) = self.fresh(&key, None).await {
                    seen.insert(key.clone());
                    out.push((file_name(&uri), key, snap));
                }
            }
        }
        if let Some(p) = progress {
            p.finish_with_message(if result.is_ok() { "done" } else { "cancelled" })
                .await;
        }
        if let Some(t) = &token {
            lock(&self.progress).remove(&token_key(t));
        }
        result.map(|_| out)
    }
}
