//! Edit-to-diagnostics latency of the language server, over its real stdio.
//!
//! `cargo bench --bench latency` starts the release binary, opens a 100 KB
//! and a 1 MB article (the examples concatenated) with `debounceMs: 0`, then
//! sends one-character edits one at a time and times each from the moment
//! the `didChange` is written to the moment the `publishDiagnostics` of
//! that version is read. Prints median, p99 and the server's peak RSS
//! (VmHWM). `LATENCY_EDITS=N` changes the number of edits per size.

#[path = "../tests/common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{position, Lsp};
use serde_json::json;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn seed() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut s = String::new();
    for p in paths {
        s += &std::fs::read_to_string(p).expect("utf-8 example");
        s.push('\n');
    }
    s
}

/// `bytes` of the example articles repeated; with `sparse`, mostly plain
/// prose with an example article every 100 KB.
fn article(bytes: usize, sparse: bool) -> String {
    let seed = seed();
    let filler = "这是一段普通的叙述文字，用来拉长文章，其中没有任何需要标注的内容。\n\
                  This paragraph is plain narrative with nothing in it worth marking up.\n";
    let mut text = String::with_capacity(bytes + seed.len());
    while text.len() < bytes {
        if sparse && text.len() % (100 * 1024) > seed.len() {
            text += filler;
        } else {
            text += &seed;
        }
    }
    text
}

/// User + system CPU time of a process, in seconds (Linux).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 14 and 15 (utime, stime) are at 11 and 12 after the `)`.
    (ticks(11) + ticks(12)) / 100.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn run(size_name: &str, bytes: usize, sparse: bool, edits: usize) {
    let mut text = article(bytes, sparse);
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_article-lsp"));
    let mut lsp = Lsp::start(&binary, &[]);
    lsp.initialize(&["utf-16"], None, json!({"debounceMs": 0}));
    let uri = "file:///bench/article.txt";
    let t = Instant::now();
    lsp.open(uri, "plaintext", 1, &text);
    let first = lsp.diagnostics(uri, Some(1));
    let open_ms = t.elapsed().as_secs_f64() * 1000.0;
    let n_diags = first["diagnostics"].as_array().map_or(0, Vec::len);

    // Let the first full analysis settle before timing edits.
    std::thread::sleep(Duration::from_millis(200));
    let cpu_before = cpu_seconds(lsp.pid());
    let mut times = Vec::with_capacity(edits);
    let mut version = 1;
    // Edit at a spread of places; insert a character, then take it out.
    let mut inserted: Option<usize> = None;
    for i in 0..edits {
        let change = match inserted.take() {
            Some(b) => {
                let (l, c) = position(&text, b, false);
                text.replace_range(b..b + 1, "");
                json!({"range": {"start": {"line": l, "character": c}, "end": {"line": l, "character": c + 1}}, "text": ""})
            }
            None => {
                let mut b = (text.len() / edits.max(1)) * i + text.len() / 7;
                b %= text.len();
                while !text.is_char_boundary(b) || text[..b].ends_with('\r') {
                    b -= 1;
                }
                let (l, c) = position(&text, b, false);
                text.insert(b, '5');
                inserted = Some(b);
                json!({"range": {"start": {"line": l, "character": c}, "end": {"line": l, "character": c}}, "text": "5"})
            }
        };
        version += 1;
        let msg = json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}});
        let start = Instant::now();
        lsp.send(&msg);
        lsp.diagnostics(uri, Some(version));
        times.push(start.elapsed());
        lsp.inbox.clear();
    }
    times.sort();
    let cpu_ms = (cpu_seconds(lsp.pid()) - cpu_before) * 1000.0 / edits.max(1) as f64;
    let rss = lsp.peak_rss_kib().unwrap_or(0);
    println!(
        "{size_name:>9} ({:.2} MB, {n_diags} diagnostics): open {open_ms:.1} ms; edit -> diagnostics over {edits} edits: median {:.2} ms, p99 {:.2} ms, max {:.2} ms; server CPU {cpu_ms:.1} ms/edit; peak RSS {:.1} MB",
        text.len() as f64 / 1_048_576.0,
        percentile(&times, 0.5).as_secs_f64() * 1000.0,
        percentile(&times, 0.99).as_secs_f64() * 1000.0,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1000.0,
        rss as f64 / 1024.0,
    );
    let _ = lsp.shutdown_and_exit();
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and
    // then only a smoke run is made so the test suite stays fast.
    let benching = std::env::args().any(|a| a == "--bench");
    let edits: Option<usize> = std::env::var("LATENCY_EDITS")
        .ok()
        .and_then(|v| v.parse().ok());
    if !benching {
        // `cargo test --all-targets` runs this in a debug build: a smoke run.
        run("smoke", 64 * 1024, true, edits.unwrap_or(3));
        return;
    }
    let n = |bench: usize| edits.unwrap_or(bench);
    run("100KB", 100 * 1024, false, n(200));
    run("1MB", 1024 * 1024, false, n(100));
    run("1MB-prose", 1024 * 1024, true, n(200));
}
