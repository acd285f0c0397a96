//! The language server: protocol glue only (documents, positions, handlers).
//!
//! Built on `tower-lsp-server`, the community-maintained fork of tower-lsp.
//! Document notifications are applied in arrival order by [`ordered`],
//! analysis runs on the blocking pool from one actor per document
//! ([`state`]), and the request handlers live in [`server`].

pub mod commands;
pub mod config;
pub mod decisions;
pub mod features;
pub mod format;
pub mod incremental;
pub mod input;
pub mod ordered;
pub mod output;
pub mod position;
pub mod publish;
pub mod server;
pub mod state;
pub mod workspace;

use std::sync::atomic::Ordering;
use tower_lsp_server::{LspService, Server};

/// Log level from `ARTICLE_LSP_LOG` (error, warn, info, debug, trace); info by default.
fn init_logging() {
    let level = match std::env::var("ARTICLE_LSP_LOG")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .as_str()
    {
        "error" => tracing::Level::ERROR,
        "warn" | "warning" => tracing::Level::WARN,
        "debug" => tracing::Level::DEBUG,
        "trace" => tracing::Level::TRACE,
        _ => tracing::Level::INFO,
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_max_level(level)
        .try_init();
}

/// Serves LSP over stdio until the client exits or closes stdin; returns
/// the exit status: 0 after `shutdown`, 1 when the client left without it.
pub fn run() -> i32 {
    init_logging();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("article-lsp")
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("article-lsp: cannot start the async runtime: {e}");
            return 1;
        }
    };
    let (out, stdout) = output::start(output::stdout());
    let clean = rt.block_on(async {
        let for_backend = out.clone();
        let (service, socket) =
            LspService::new(move |client| server::Backend::new(client, for_backend));
        let shared = service.inner().shared.clone();
        let ordered = ordered::Ordered {
            inner: service,
            shared: shared.clone(),
        };
        Server::new(input::guard(tokio::io::stdin()), stdout, socket)
            .concurrency_level(16)
            .serve(ordered)
            .await;
        let shut = shared.shutdown.load(Ordering::SeqCst);
        let exited = shared.exited.load(Ordering::SeqCst);
        tracing::info!("stopping: shutdown={shut} exit={exited}");
        shut
    });
    // Whatever was queued for the client goes out before the process ends.
    out.close(std::time::Duration::from_secs(5));
    // The stdin reader may still sit in a blocking read: don't wait for it.
    rt.shutdown_background();
    if clean {
        0
    } else {
        1
    }
}
