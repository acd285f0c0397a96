//! The language server: protocol glue only (documents, positions, handlers).

/// Serves LSP over stdio until the client exits; returns the exit status.
pub fn run() -> i32 {
    eprintln!("article-lsp: the language server is not built yet");
    1
}
