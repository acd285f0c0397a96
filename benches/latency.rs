//! Edit-to-diagnostics latency of the language server, over its real stdio.
//!
//! `cargo bench --bench latency` starts the release binary, opens a 100 KB
//! and a 1 MB article (the examples concatenated) with `debounceMs: 0`, then
//! sends one-character edits one at a time and times each from the moment
//! the `didChange` is written to the moment the last byte of the
//! `publishDiagnostics` of that version is read from the server's stdout.
//! Prints median, p99, the server's CPU time per edit, its peak RSS (VmHWM),
//! and how long a client then takes to parse one such message into a
//! `serde_json::Value` (the editor's cost, not the server's; measured once,
//! after the timed edits, so it does not space them out).
//!
//! `LATENCY_EDITS=N` changes the number of edits per size;
//! `LATENCY_ONLY=100KB,1MB,1MB-prose` picks the sizes to run;
//! `LATENCY_SERVER=path` times another build of the server;
//! `LATENCY_STDERR=path` keeps the server's log (`ARTICLE_LSP_LOG=debug`
//! logs per-edit analysis and publication times).

#[path = "../tests/common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{frame, position};
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

/// The number of elements of a JSON array, read without keeping them.
#[derive(Default)]
struct Count(usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Count, A::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        d.deserialize_seq(V)
    }
}

#[derive(Deserialize, Default)]
struct Params {
    #[serde(default)]
    uri: Option<String>,
    #[serde(default)]
    version: Option<i64>,
    #[serde(default)]
    diagnostics: Count,
}

/// What the bench needs of a message.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    params: Option<Params>,
}

struct Message {
    /// When its last byte was read.
    at: Instant,
    head: Head,
    /// The message itself, kept only when asked for.
    body: Option<Vec<u8>>,
}

/// A lean client: one thread reads frames, stamps them and answers the
/// server's requests; nothing of a big message is kept.
struct Server {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Message>,
    /// Set: the reader keeps the body of the messages it reads.
    keep: Arc<AtomicBool>,
}

impl Server {
    fn start(binary: &std::path::Path) -> Server {
        let mut child = Command::new(binary)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(match std::env::var_os("LATENCY_STDERR") {
                Some(path) => Stdio::from(std::fs::File::create(path).expect("LATENCY_STDERR")),
                None => Stdio::null(),
            })
            .spawn()
            .expect("start article-lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        let keep = Arc::new(AtomicBool::new(false));
        let keep_next = keep.clone();
        std::thread::spawn(move || {
            let mut r = BufReader::with_capacity(1 << 20, stdout);
            let mut body = Vec::new();
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        len = v.trim().parse::<usize>().ok();
                    }
                }
                body.resize(len.expect("Content-Length"), 0);
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let at = Instant::now();
                let head: Head = serde_json::from_slice(&body).expect("JSON message");
                let keep = head.method.as_deref() == Some("textDocument/publishDiagnostics")
                    && keep_next.swap(false, Ordering::SeqCst);
                let body = keep.then(|| std::mem::take(&mut body));
                if tx.send(Message { at, head, body }).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            rx,
            keep,
        }
    }

    fn send(&mut self, msg: &Value) {
        self.stdin.write_all(&frame(msg)).expect("write to server");
        self.stdin.flush().expect("flush");
    }

    /// The first message satisfying `pred`; answers requests on the way.
    fn wait(&mut self, pred: impl Fn(&Head) -> bool) -> Message {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self.rx.recv_timeout(left).expect("message from the server");
            if let (Some(id), Some(_)) = (&m.head.id, &m.head.method) {
                let reply = json!({"jsonrpc": "2.0", "id": id, "result": null});
                self.send(&reply);
            }
            if pred(&m.head) {
                return m;
            }
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Message {
        self.wait(|h| {
            h.method.as_deref() == Some("textDocument/publishDiagnostics")
                && h.params
                    .as_ref()
                    .is_some_and(|p| p.uri.as_deref() == Some(uri) && p.version == Some(version))
        })
    }

    fn request(&mut self, id: i64, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|h| h.method.is_none() && h.id == Some(json!(id)));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Peak resident memory of the server in KiB (Linux only).
    fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
    }

    fn shutdown(mut self) {
        self.request(1_000_000, "shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

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

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn run(size_name: &str, bytes: usize, sparse: bool, edits: usize) {
    let mut text = article(bytes, sparse);
    let binary = std::env::var_os("LATENCY_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_article-lsp")));
    let mut lsp = Server::start(&binary);
    lsp.request(
        0,
        "initialize",
        json!({
            "processId": null,
            "rootUri": null,
            "initializationOptions": {"debounceMs": 0},
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": {"publishDiagnostics": {"versionSupport": true}}
            }
        }),
    );
    lsp.notify("initialized", json!({}));
    let uri = "file:///bench/article.txt";
    let t = Instant::now();
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let first = lsp.diagnostics(uri, 1);
    let open_ms = ms(first.at - t);
    let n_diags = first.head.params.map_or(0, |p| p.diagnostics.0);

    // Let the first full analysis settle before timing edits.
    std::thread::sleep(Duration::from_millis(200));
    let cpu_before = cpu_seconds(lsp.pid());
    let mut to_frame = Vec::with_capacity(edits);
    let mut version = 1;
    // Edit at a spread of places; insert a character, then take it out.
    let mut inserted: Option<usize> = None;
    let mut last = None;
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
        if i + 1 == edits {
            lsp.keep.store(true, Ordering::SeqCst);
        }
        let start = Instant::now();
        lsp.send(&msg);
        let got = lsp.diagnostics(uri, version);
        to_frame.push(got.at - start);
        last = got.body;
    }
    to_frame.sort();
    let cpu_ms = (cpu_seconds(lsp.pid()) - cpu_before) * 1000.0 / edits.max(1) as f64;
    let rss = lsp.peak_rss_kib().unwrap_or(0);
    // What a client adds: parsing one such message into a Value (median of 5).
    let mut parse: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let v: Value =
                serde_json::from_slice(last.as_deref().unwrap_or(b"null")).expect("JSON");
            let d = t.elapsed();
            drop(v);
            d
        })
        .collect();
    parse.sort();
    let size_mb = last.as_ref().map_or(0, Vec::len) as f64 / 1_048_576.0;
    println!(
        "{size_name:>9} ({:.2} MB, {n_diags} diagnostics): open {open_ms:.1} ms; edit -> diagnostics over {edits} edits: \
         median {:.2} ms, p99 {:.2} ms, max {:.2} ms; server CPU {cpu_ms:.1} ms/edit; peak RSS {:.1} MB; \
         a client parses the {size_mb:.1} MB message into a Value in {:.1} ms more",
        text.len() as f64 / 1_048_576.0,
        ms(percentile(&to_frame, 0.5)),
        ms(percentile(&to_frame, 0.99)),
        ms(to_frame.last().copied().unwrap_or_default()),
        rss as f64 / 1024.0,
        ms(parse[2]),
    );
    lsp.shutdown();
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
    // `LATENCY_ONLY=1MB` (comma-separated names) runs only those sizes.
    let only = std::env::var("LATENCY_ONLY").unwrap_or_default();
    let wanted = |name: &str| only.is_empty() || only.split(',').any(|o| o.trim() == name);
    let sizes = [
        ("100KB", 100 * 1024, false, 200),
        ("1MB", 1024 * 1024, false, 100),
        ("1MB-prose", 1024 * 1024, true, 200),
    ];
    for (name, bytes, sparse, default_edits) in sizes {
        if wanted(name) {
            run(name, bytes, sparse, n(default_edits));
        }
    }
}
