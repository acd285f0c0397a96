//! A tower layer in front of the tower-lsp service that applies document
//! notifications the moment they are read from stdin.
//!
//! tower-lsp polls handlers concurrently, so once a handler awaits,
//! arrival order is no longer processing order (tower-lsp #284). `call` is
//! invoked by the transport strictly in arrival order, one message at a
//! time, so applying `didOpen`/`didChange`/`didClose` synchronously here
//! (a short rope edit under a std mutex, no await) keeps edits in order
//! whatever the scheduler does afterwards. Everything else goes through.

use super::state::{lock, Shared};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::task::{Context, Poll};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_lsp_server::ls_types::{MessageType, ProgressToken};
use tower_lsp_server::{ExitedError, LanguageServer, LspService};
use tower_service::Service;

pub struct Ordered<S: LanguageServer> {
    pub inner: LspService<S>,
    pub shared: Arc<Shared>,
}

type Fut = Pin<Box<dyn Future<Output = Result<Option<Response>, ExitedError>> + Send>>;

pub fn token_key(t: &ProgressToken) -> String {
    match t {
        ProgressToken::Number(n) => format!("n:{n}"),
        ProgressToken::String(s) => format!("s:{s}"),
    }
}

impl<S: LanguageServer> Service<Request> for Ordered<S> {
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = Fut;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let shared = &self.shared;
        let live =
            shared.initialized.load(Ordering::SeqCst) && !shared.shutdown.load(Ordering::SeqCst);
        let method = req.method().to_string();
        match method.as_str() {
            "textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose" if live => {
                let (_, _, params) = req.into_parts();
                let params = params.unwrap_or_default();
                tracing::trace!("{method} applied");
                let result = match method.as_str() {
                    "textDocument/didOpen" => {
                        serde_json::from_value(params).map(|p| shared.did_open(p))
                    }
                    "textDocument/didChange" => {
                        serde_json::from_value(params).map(|p| shared.did_change(p))
                    }
                    _ => serde_json::from_value(params).map(|p| shared.did_close(p)),
                };
                if let Err(e) = result {
                    shared.log(
                        MessageType::WARNING,
                        format!("{method}: invalid parameters ({e}); ignored"),
                    );
                }
                Box::pin(std::future::ready(Ok(None)))
            }
            super::input::MALFORMED => {
                // Stand-in for a message the input guard could not decode.
                let (_, _, params) = req.into_parts();
                let params = params.unwrap_or_default();
                let id = serde_json::from_value::<Id>(params["id"].clone()).unwrap_or(Id::Null);
                let error = Error {
                    code: ErrorCode::from(params["code"].as_i64().unwrap_or(-32700)),
                    message: params["message"]
                        .as_str()
                        .unwrap_or("malformed message")
                        .to_string()
                        .into(),
                    data: None,
                };
                Box::pin(std::future::ready(Ok(Some(Response::from_error(
                    id, error,
                )))))
            }
            "window/workDoneProgress/cancel" => {
                let (_, _, params) = req.into_parts();
                let token = params
                    .and_then(|p| p.get("token").cloned())
                    .and_then(|t| serde_json::from_value::<ProgressToken>(t).ok());
                if let Some(t) = token {
                    if let Some(flag) = lock(&shared.progress).get(&token_key(&t)) {
                        flag.store(true, Ordering::SeqCst);
                    }
                }
                Box::pin(std::future::ready(Ok(None)))
            }
            _ => {
                if method == "exit" {
                    shared.exited.store(true, Ordering::SeqCst);
                }
                Box::pin(self.inner.call(req))
            }
        }
    }
}
