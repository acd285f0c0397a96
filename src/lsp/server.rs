//! The request handlers. Document notifications never reach these (they
//! are applied in arrival order by [`super::ordered::Ordered`]).

use super::commands::all_commands;
use super::config;
use super::decisions;
use super::features::{self, Snapshot};
use super::format;
use super::position::Encoding;
use super::state::{lock, read, write, ClientCaps, Shared};
use std::collections::HashSet;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

pub struct Backend {
    pub shared: Arc<Shared>,
    pending_problems: std::sync::Mutex<Vec<String>>,
}

impl Backend {
    pub fn new(client: Client, out: super::output::Output) -> Backend {
        Backend {
            shared: Arc::new(Shared::new(client, out)),
            pending_problems: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// The fresh snapshot of an open document and the byte offset of a position in it.
    async fn at(&self, uri: &Uri, pos: Position) -> Option<(Arc<Snapshot>, usize)> {
        let key = uri.as_str();
        let (snap, _) = self.shared.fresh(key, None).await?;
        let (byte, clamped) = snap.lines.offset(&snap.text, pos, self.shared.enc());
        if clamped.0 {
            self.shared.log(
                MessageType::WARNING,
                format!("{key}: position {pos:?} is outside the text; clamped"),
            );
        }
        Some((snap, byte))
    }

    async fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        self.shared.fresh(uri.as_str(), None).await.map(|(s, _)| s)
    }

    /// Merges settings; returns the problems found (already logged to stderr).
    fn apply_settings(&self, value: &serde_json::Value) -> Vec<String> {
        let mut cfg = self.shared.config();
        let problems = cfg.merge(value);
        for p in &problems {
            tracing::warn!("{p}");
        }
        write(&self.shared.config, cfg);
        problems
    }
}

fn utf8_offered(params: &InitializeParams) -> bool {
    params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|encs| encs.contains(&PositionEncodingKind::UTF8))
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let shared = &self.shared;
        let enc = if utf8_offered(&params) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        write(&shared.encoding, enc);
        let caps = &params.capabilities;
        write(
            &shared.caps,
            ClientCaps {
                semantic_tokens_refresh: caps
                    .workspace
                    .as_ref()
                    .and_then(|w| w.semantic_tokens.as_ref())
                    .and_then(|s| s.refresh_support)
                    .unwrap_or(false),
                inlay_hint_refresh: caps
                    .workspace
                    .as_ref()
                    .and_then(|w| w.inlay_hint.as_ref())
                    .and_then(|s| s.refresh_support)
                    .unwrap_or(false),
                show_document: caps
                    .window
                    .as_ref()
                    .and_then(|w| w.show_document.as_ref())
                    .is_some_and(|s| s.support),
                work_done_progress: caps
                    .window
                    .as_ref()
                    .and_then(|w| w.work_done_progress)
                    .unwrap_or(false),
                watch_files: caps
                    .workspace
                    .as_ref()
                    .and_then(|w| w.did_change_watched_files.as_ref())
                    .and_then(|d| d.dynamic_registration)
                    .unwrap_or(false),
                hierarchical_symbols: caps
                    .text_document
                    .as_ref()
                    .and_then(|t| t.document_symbol.as_ref())
                    .and_then(|s| s.hierarchical_document_symbol_support)
                    .unwrap_or(false),
            },
        );
        let mut roots = Vec::new();
        if let Some(folders) = &params.workspace_folders {
            for f in folders {
                if let Some(p) = f.uri.to_file_path() {
                    roots.push(p.into_owned());
                }
            }
        }
        #[allow(deprecated)]
        if roots.is_empty() {
            if let Some(p) = params.root_uri.as_ref().and_then(|u| u.to_file_path()) {
                roots.push(p.into_owned());
            }
        }
        let roots: Vec<_> = roots
            .into_iter()
            .map(|r| r.canonicalize().unwrap_or(r))
            .collect();
        write(&shared.roots, roots);
        if let Some(opts) = &params.initialization_options {
            // The client hears about bad settings once it is initialized.
            *lock(&self.pending_problems) = self.apply_settings(opts);
        }
        shared.initialized.store(true, Ordering::SeqCst);
        tracing::info!(
            "initialize: encoding {:?}, roots {:?}",
            enc,
            read(&shared.roots)
        );
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(match enc {
                    Encoding::Utf8 => PositionEncodingKind::UTF8,
                    Encoding::Utf16 => PositionEncodingKind::UTF16,
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            legend: features::legend(),
                            full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
                            range: Some(false),
                            ..Default::default()
                        },
                    ),
                ),
                inlay_hint_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::REFACTOR,
                            CodeActionKind::REFACTOR_REWRITE,
                            CodeActionKind::SOURCE,
                        ]),
                        ..Default::default()
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: all_commands().iter().map(|c| c.to_string()).collect(),
                    ..Default::default()
                }),
                diagnostic_provider: Some(DiagnosticServerCapabilities::Options(
                    DiagnosticOptions {
                        identifier: Some(features::SOURCE.into()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        ..Default::default()
                    },
                )),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "article-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if read(&self.shared.caps).watch_files {
            let shared = self.shared.clone();
            tokio::spawn(async move { decisions::watch(&shared).await });
        }
        let problems = std::mem::take(&mut *lock(&self.pending_problems));
        for p in problems {
            self.shared
                .client
                .log_message(MessageType::WARNING, p)
                .await;
        }
        self.shared.log(
            MessageType::INFO,
            format!(
                "article-lsp {} ready ({:?} positions)",
                env!("CARGO_PKG_VERSION"),
                self.shared.enc()
            ),
        );
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        tracing::debug!("watched files changed: {}", params.changes.len());
        self.shared.reload_decisions();
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if config::carries_section(&params.settings) {
            for p in self.apply_settings(&params.settings) {
                self.shared.log(MessageType::WARNING, p);
            }
            self.shared.republish_all();
            return;
        }
        // Pull model: ask for the section, without awaiting the client here.
        let shared = self.shared.clone();
        tokio::spawn(async move {
            let items = vec![ConfigurationItem {
                scope_uri: None,
                section: Some("articleLsp".into()),
            }];
            match shared.client.configuration(items).await {
                Ok(values) => {
                    if let Some(v) = values.first().filter(|v| !v.is_null()) {
                        let mut cfg = shared.config();
                        for p in cfg.merge(v) {
                            shared.log(MessageType::WARNING, p);
                        }
                        write(&shared.config, cfg);
                    }
                    shared.republish_all();
                }
                Err(e) => shared.log(
                    MessageType::WARNING,
                    format!("workspace/configuration failed: {e}"),
                ),
            }
        });
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some((snap, byte)) = self.at(&p.text_document.uri, p.position).await else {
            return Ok(None);
        };
        let cfg = self.shared.config();
        let enc = self.shared.enc();
        let Some(e) = snap.entity_at(byte, &cfg) else {
            // A hidden (rejected) entity or an orphaned decision.
            return Ok(
                decisions::hover_elsewhere(&snap, byte).map(|(value, r)| Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value,
                    }),
                    range: Some(snap.lines.range(&snap.text, &r, enc)),
                }),
            );
        };
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: format::hover(e, &snap.analysis) + &decisions::hover_suffix(&snap, e),
            }),
            range: Some(snap.range(e, enc)),
        }))
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let items = match self.snapshot(&params.text_document.uri).await {
            Some(snap) => features::diagnostics(&snap, &self.shared.config(), self.shared.enc()),
            None => vec![],
        };
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let uri = params.text_document.uri;
        let Some(snap) = self.snapshot(&uri).await else {
            return Ok(None);
        };
        let data = features::semantic_tokens(&snap, &self.shared.config(), self.shared.enc());
        let id = self.store_tokens(&uri, data.clone());
        Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
            result_id: Some(id),
            data,
        })))
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        let uri = params.text_document.uri;
        let Some(snap) = self.snapshot(&uri).await else {
            return Ok(None);
        };
        let data = features::semantic_tokens(&snap, &self.shared.config(), self.shared.enc());
        let previous = lock(&self.shared.docs)
            .get(uri.as_str())
            .and_then(|d| d.tokens.clone())
            .filter(|(id, _)| *id == params.previous_result_id);
        let id = self.store_tokens(&uri, data.clone());
        Ok(Some(match previous {
            Some((_, old)) => {
                let edits = match features::token_edit(&old, &data) {
                    None => vec![],
                    Some((start, deleted, inserted)) => vec![SemanticTokensEdit {
                        start: (start * 5) as u32,
                        delete_count: (deleted * 5) as u32,
                        data: Some(data[inserted].to_vec()),
                    }],
                };
                SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                    result_id: Some(id),
                    edits,
                })
            }
            None => SemanticTokensFullDeltaResult::Tokens(SemanticTokens {
                result_id: Some(id),
                data,
            }),
        }))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(features::inlay_hints(
            &snap,
            &self.shared.config(),
            self.shared.enc(),
            params.range,
        )))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        let Some(snap) = self.snapshot(&uri).await else {
            return Ok(None);
        };
        let cfg = self.shared.config();
        let enc = self.shared.enc();
        Ok(Some(if read(&self.shared.caps).hierarchical_symbols {
            DocumentSymbolResponse::Nested(features::document_symbols(&snap, &cfg, enc))
        } else {
            DocumentSymbolResponse::Flat(features::flat_symbols(&snap, &cfg, enc, &uri))
        }))
    }

    #[allow(deprecated)]
    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let query = params.query.to_lowercase();
        let docs = self
            .shared
            .workspace_docs(
                params.work_done_progress_params.work_done_token,
                "Scanning articles",
            )
            .await?;
        let cfg = self.shared.config();
        let enc = self.shared.enc();
        let mut out = Vec::new();
        for (name, key, snap) in &docs {
            let Ok(uri) = key.parse::<Uri>() else {
                continue;
            };
            let mut seen = HashSet::new();
            for e in snap.visible(&cfg) {
                let crate::extract::Kind::Company = e.kind else {
                    continue;
                };
                let canonical = format::value_words(e);
                let hit = query.is_empty()
                    || canonical.to_lowercase().contains(&query)
                    || e.text.to_lowercase().contains(&query);
                if hit && seen.insert(format::key(e)) {
                    out.push(SymbolInformation {
                        name: canonical,
                        kind: SymbolKind::CLASS,
                        tags: None,
                        deprecated: None,
                        location: Location::new(uri.clone(), snap.range(e, enc)),
                        container_name: Some(name.clone()),
                    });
                }
            }
            if out.len() >= 2000 {
                break;
            }
        }
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let uri = p.text_document.uri;
        let Some((snap, byte)) = self.at(&uri, p.position).await else {
            return Ok(None);
        };
        let cfg = self.shared.config();
        let enc = self.shared.enc();
        let Some(e) = snap.entity_at(byte, &cfg) else {
            return Ok(None);
        };
        let key = format::key(e);
        let mut out = features::locations_of(&snap, &cfg, &key, &uri, enc);
        let docs = self
            .shared
            .workspace_docs(
                params.work_done_progress_params.work_done_token,
                "Finding references",
            )
            .await?;
        for (_, other_key, other) in &docs {
            if other_key == uri.as_str() {
                continue;
            }
            let Ok(other_uri) = other_key.parse::<Uri>() else {
                continue;
            };
            out.extend(features::locations_of(other, &cfg, &key, &other_uri, enc));
        }
        Ok(Some(out))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let asked = |kind: &str| match &params.context.only {
            None => true,
            Some(only) => only.iter().any(|k| {
                let k = k.as_str();
                k.is_empty() || kind == k || kind.starts_with(&format!("{k}."))
            }),
        };
        let mut actions = Vec::new();
        if asked("quickfix") || asked("refactor.rewrite") || asked("refactor") {
            if let Some(snap) = self.snapshot(&params.text_document.uri).await {
                let all = decisions::code_actions(
                    &snap,
                    &self.shared.config(),
                    self.shared.enc(),
                    &params.text_document.uri,
                    params.range,
                    &params.context.diagnostics,
                );
                actions.extend(all.into_iter().filter(|a| match a {
                    CodeActionOrCommand::CodeAction(a) => {
                        a.kind.as_ref().is_none_or(|k| asked(k.as_str()))
                    }
                    CodeActionOrCommand::Command(_) => true,
                }));
            }
        }
        if !asked("source") {
            return Ok(Some(actions));
        }
        let uri = params.text_document.uri.as_str().to_string();
        for f in crate::export::Format::ALL {
            let title = format!("Export annotations as {}", f.name());
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: title.clone(),
                kind: Some(CodeActionKind::SOURCE),
                command: Some(Command {
                    title,
                    command: super::commands::EXPORT.into(),
                    arguments: Some(vec![serde_json::json!({"uri": uri, "format": f.name()})]),
                }),
                ..Default::default()
            }));
        }
        if !read(&self.shared.roots).is_empty() {
            let fmt = self.shared.config().export_format;
            let title = format!("Export annotations of the whole workspace as {fmt}");
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: title.clone(),
                kind: Some(CodeActionKind::SOURCE),
                command: Some(Command {
                    title,
                    command: super::commands::EXPORT.into(),
                    arguments: Some(vec![serde_json::json!({"uri": "workspace", "format": fmt})]),
                }),
                ..Default::default()
            }));
        }
        Ok(Some(actions))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        self.shared
            .execute(
                &params.command,
                &params.arguments,
                params.work_done_progress_params.work_done_token,
            )
            .await
    }
}

impl Backend {
    fn store_tokens(&self, uri: &Uri, data: Vec<SemanticToken>) -> String {
        let id = self
            .shared
            .next_result
            .fetch_add(1, Ordering::Relaxed)
            .to_string();
        if let Some(doc) = lock(&self.shared.docs).get_mut(uri.as_str()) {
            doc.tokens = Some((id.clone(), data));
        }
        id
    }
}
