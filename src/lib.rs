//! article-lsp: finds companies, money, percents and dates in news articles,
//! for editors (over LSP) and for whole corpora (on the command line).

pub mod document;
pub mod eval;
pub mod export;
pub mod extract;
pub mod lsp;
pub mod offsets;
pub mod store;
