//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared/` beside the repository, when it is there. When it is not (a
/// user's fresh clone) the caller's test is skipped with a message, unless
/// `ARTICLE_LSP_REQUIRE_CORPUS=1` (CI), which turns the skip into a failure.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("corpus").is_dir() {
        return Some(dir);
    }
    if std::env::var("ARTICLE_LSP_REQUIRE_CORPUS").as_deref() == Ok("1") {
        panic!("{test}: ../shared/ is missing and ARTICLE_LSP_REQUIRE_CORPUS=1");
    }
    report_skip(&format!(
        "SKIPPED {test}: ../shared/ (corpus and peer suites) is not beside this clone"
    ));
    None
}

/// Prints a skip where the person running the tests sees it: straight to
/// stderr, since the test harness swallows `eprintln!` of a passing test.
pub fn report_skip(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// The built `article-lsp` binary.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_article-lsp"))
}
