//! A small JSON-RPC client that drives the real `article-lsp` binary over
//! its stdio, for the language-server integration tests and the latency
//! benchmark. Every wait has a timeout so a broken server fails a test
//! instead of hanging it.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Frames one JSON-RPC message.
pub fn frame(msg: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(msg).expect("json");
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(&body);
    out
}

/// Reads one framed message; None at end of stream.
pub fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

pub struct Lsp {
    child: Child,
    stdin: Arc<Mutex<Option<ChildStdin>>>,
    rx: Receiver<Value>,
    /// Messages read but not yet consumed (notifications, server requests).
    pub inbox: VecDeque<Value>,
    /// Everything the server wrote to stderr.
    pub stderr: Arc<Mutex<String>>,
    /// What the client answers to `workspace/configuration`.
    pub configuration: Arc<Mutex<Value>>,
    next_id: i64,
}

impl Lsp {
    /// Starts the server with `args` (e.g. `[]` or `["serve"]`).
    pub fn start(binary: &Path, args: &[&str]) -> Lsp {
        let mut child = Command::new(binary)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start article-lsp");
        let stdin = Arc::new(Mutex::new(child.stdin.take()));
        let stdout = child.stdout.take().expect("stdout");
        let stderr_pipe = child.stderr.take().expect("stderr");
        let stderr = Arc::new(Mutex::new(String::new()));
        let configuration = Arc::new(Mutex::new(Value::Null));
        let (tx, rx) = mpsc::channel();
        {
            let stdin = stdin.clone();
            let configuration = configuration.clone();
            std::thread::spawn(move || {
                let mut r = BufReader::new(stdout);
                while let Some(msg) = read_message(&mut r) {
                    // Answer requests from the server at once, like an editor.
                    if let (Some(id), Some(method)) = (msg.get("id"), msg.get("method")) {
                        let result = match method.as_str().unwrap_or("") {
                            "workspace/configuration" => {
                                let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                                let v = configuration.lock().unwrap().clone();
                                Value::Array(vec![v; n])
                            }
                            "window/showDocument" => json!({"success": true}),
                            _ => Value::Null,
                        };
                        let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
                        if let Some(w) = stdin.lock().unwrap().as_mut() {
                            let _ = w.write_all(&frame(&reply));
                            let _ = w.flush();
                        }
                    }
                    if tx.send(msg).is_err() {
                        break;
                    }
                }
            });
        }
        {
            let stderr = stderr.clone();
            std::thread::spawn(move || {
                let mut r = BufReader::new(stderr_pipe);
                let mut line = String::new();
                while r.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                    stderr.lock().unwrap().push_str(&line);
                    line.clear();
                }
            });
        }
        Lsp {
            child,
            stdin,
            rx,
            inbox: VecDeque::new(),
            stderr,
            configuration,
            next_id: 1,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let mut guard = self.stdin.lock().unwrap();
        let w = guard.as_mut().expect("stdin open");
        w.write_all(bytes).expect("write to server");
        w.flush().expect("flush");
    }

    pub fn send(&mut self, msg: &Value) {
        self.send_raw(&frame(msg));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request without waiting; returns its id.
    pub fn request_async(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Waits for the response to `id`; returns the whole response object.
    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(
            |m| m.get("id") == Some(&json!(id)) && m.get("method").is_none(),
            TIMEOUT,
        )
        .unwrap_or_else(|| panic!("no response to request {id}\nstderr:\n{}", self.stderr()))
    }

    /// Sends a request and returns its `result` (panics on an error response).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        let resp = self.response(id);
        if let Some(err) = resp.get("error") {
            panic!("{method} failed: {err}");
        }
        resp["result"].clone()
    }

    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(v) => Some(v),
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// The first message (already read or arriving within `timeout`) that
    /// satisfies `pred`; it is removed from the inbox.
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool, timeout: Duration) -> Option<Value> {
        if let Some(i) = self.inbox.iter().position(&pred) {
            return self.inbox.remove(i);
        }
        let deadline = Instant::now() + timeout;
        while let Some(msg) = self.recv(deadline) {
            if pred(&msg) {
                return Some(msg);
            }
            self.inbox.push_back(msg);
        }
        None
    }

    /// Reads whatever arrives within `quiet` into the inbox.
    pub fn drain(&mut self, quiet: Duration) {
        let deadline = Instant::now() + quiet;
        while let Some(msg) = self.recv(deadline) {
            self.inbox.push_back(msg);
        }
    }

    /// The next `publishDiagnostics` for `uri` (optionally of one version).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Value {
        let uri = uri.to_string();
        self.wait_for(
            |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri.as_str()
                    && version.is_none_or(|v| m["params"]["version"] == v)
            },
            TIMEOUT,
        )
        .unwrap_or_else(|| {
            panic!(
                "no diagnostics for {uri} version {version:?}\nstderr:\n{}",
                self.stderr()
            )
        })["params"]
            .clone()
    }

    pub fn initialize(&mut self, encodings: &[&str], root: Option<&Path>, options: Value) -> Value {
        let root_uri = root.map(file_uri);
        let folders = root.map(|r| json!([{"uri": file_uri(r), "name": "ws"}]));
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": folders,
                "initializationOptions": options,
                "capabilities": {
                    "general": {"positionEncodings": encodings},
                    "workspace": {
                        "configuration": true,
                        "semanticTokens": {"refreshSupport": true},
                        "inlayHint": {"refreshSupport": true}
                    },
                    "window": {"showDocument": {"support": true}, "workDoneProgress": true},
                    "textDocument": {
                        "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
                        "publishDiagnostics": {"versionSupport": true}
                    }
                }
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&mut self, uri: &str, language_id: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}}),
        );
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn close_stdin(&mut self) {
        self.stdin.lock().unwrap().take();
    }

    /// Waits for the process to end (killing it after `timeout`).
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// `shutdown` then `exit`; returns the exit code.
    pub fn shutdown_and_exit(&mut self) -> Option<i32> {
        let r = self.request("shutdown", Value::Null);
        assert!(r.is_null(), "shutdown result {r}");
        self.notify("exit", Value::Null);
        self.wait_exit(Duration::from_secs(10))
            .and_then(|s| s.code())
    }

    /// Peak resident memory of the server in KiB (Linux only).
    pub fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `file://` URI of an absolute path (percent-encoding what needs it).
pub fn file_uri(path: &Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// LSP position of byte offset `b` in `text` (lines end at \n, \r\n, \r;
/// columns in UTF-16 units or UTF-8 bytes). Written independently of the
/// server's own conversion so the tests check it.
pub fn position(text: &str, b: usize, utf8: bool) -> (u64, u64) {
    let mut line = 0u64;
    let mut line_start = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < b {
        if bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
            line_start = i + 1;
        }
        i += 1;
    }
    let col = if utf8 {
        (b - line_start) as u64
    } else {
        text[line_start..b].encode_utf16().count() as u64
    };
    (line, col)
}

pub fn lsp_range(text: &str, r: &std::ops::Range<usize>, utf8: bool) -> Value {
    Lines::new(text).range(r, utf8)
}

/// Line starts of a text, for many conversions on a long text.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let b = text.as_bytes();
        let mut starts = vec![0];
        for i in 0..b.len() {
            if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        Lines { text, starts }
    }

    pub fn position(&self, b: usize, utf8: bool) -> (u64, u64) {
        let line = self.starts.partition_point(|&s| s <= b) - 1;
        let start = self.starts[line];
        let col = if utf8 {
            b - start
        } else {
            self.text[start..b].encode_utf16().count()
        };
        (line as u64, col as u64)
    }

    pub fn range(&self, r: &std::ops::Range<usize>, utf8: bool) -> Value {
        let (sl, sc) = self.position(r.start, utf8);
        let (el, ec) = self.position(r.end, utf8);
        json!({"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}})
    }
}
