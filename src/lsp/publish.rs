//! `textDocument/publishDiagnostics`, serialized straight to bytes.
//!
//! The message is exactly what tower-lsp-server would write for
//! `Client::publish_diagnostics(uri, features::diagnostics(..), version)`
//! (object keys sorted, as a `serde_json::Value` tree writes them), built
//! without that tree. Each diagnostic is kept as a [`Fragment`]: its JSON
//! with the range left out, made once per entity by the ordinary path and
//! reused by later versions while the entity (kind, text, value, qualifier,
//! decision) and its severity stay the same. Per edit, only the ranges are
//! written afresh, from one forward pass over the text.

use super::config::{Config, Level};
use super::decisions;
use super::features::{self, Snapshot};
use super::format;
use super::position::Encoding;
use crate::extract::Entity;
use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;
use tower_lsp_server::ls_types::{Diagnostic, NumberOrString, Position, Range, Uri};

/// One diagnostic's JSON without its range, which goes at byte `at`.
#[derive(Debug)]
pub struct Fragment {
    json: Box<str>,
    at: usize,
}

/// The fragments of the last snapshot encoded for a document.
pub struct Cache {
    snap: Arc<Snapshot>,
    levels: [Level; 4],
    /// Parallel to `snap.analysis.entities`; None for kinds not shown.
    frags: Vec<Option<Fragment>>,
}

const FAR: u32 = u32::MAX;
/// Room for a range with 5-digit lines and 3-digit columns.
const RANGE_LEN: usize = 80;
/// The range a fragment is made with, then cut out.
const PLACEHOLDER: &str = r#""range":{"end":{"character":4294967295,"line":4294967295},"start":{"character":4294967295,"line":4294967295}}"#;

/// The decision part of a diagnostic: origin, decision id and time.
type Decoration<'a> = Option<(crate::store::Origin, Option<(u64, &'a str)>)>;

fn decoration(snap: &Snapshot, i: usize) -> Decoration<'_> {
    decisions::origin_at(snap, i).map(|(o, d)| (o, d.map(|d| (d.id, d.made_at.as_str()))))
}

/// Whether entity `j` of `a` and entity `i` of `b` make the same
/// diagnostic, wherever they are.
fn same(a: &Snapshot, j: usize, b: &Snapshot, i: usize) -> bool {
    let (x, y) = (&a.analysis.entities[j], &b.analysis.entities[i]);
    x.kind == y.kind
        && x.qualifier == y.qualifier
        && x.text == y.text
        && x.value == y.value
        && decoration(a, j) == decoration(b, i)
}

/// The fragment of entity `i`, made as `features::diagnostics` makes it.
fn fragment(snap: &Snapshot, i: usize, e: &Entity, level: Level) -> Option<Fragment> {
    let severity = features::severity(level)?;
    let mut d = Diagnostic {
        range: Range::new(Position::new(FAR, FAR), Position::new(FAR, FAR)),
        severity: Some(severity),
        code: Some(NumberOrString::String(e.kind.as_str().to_string())),
        source: Some(features::SOURCE.to_string()),
        message: format::message(e),
        data: Some(format::data(e)),
        ..Default::default()
    };
    decisions::decorate(snap, i, &mut d);
    let json = serde_json::to_value(&d)
        .and_then(|v| serde_json::to_string(&v))
        .ok()?;
    // Keys are sorted: `range` is the last key holding that text outside
    // a string (inside one its quotes would be escaped).
    let cut = json.rfind(PLACEHOLDER)?;
    let at = cut + r#""range":"#.len();
    let mut rest = String::with_capacity(json.len() - PLACEHOLDER.len() + 8);
    rest.push_str(&json[..at]);
    rest.push_str(&json[cut + PLACEHOLDER.len()..]);
    Some(Fragment {
        json: rest.into_boxed_str(),
        at,
    })
}

/// Moves into `frags` the fragments of `old` whose entity is unchanged in
/// `snap`: the common prefix and suffix of the two lists in order, then
/// the middle matched by text.
fn reuse(old: &mut Cache, snap: &Snapshot, frags: &mut [Option<Fragment>]) {
    let (a, n) = (&*old.snap, frags.len());
    let m = old.frags.len().min(a.analysis.entities.len());
    let mut prefix = 0;
    while prefix < n.min(m) && same(a, prefix, snap, prefix) {
        frags[prefix] = old.frags[prefix].take();
        prefix += 1;
    }
    let mut suffix = 0;
    while suffix < (n - prefix).min(m - prefix) && same(a, m - 1 - suffix, snap, n - 1 - suffix) {
        frags[n - 1 - suffix] = old.frags[m - 1 - suffix].take();
        suffix += 1;
    }
    if prefix + suffix == n || prefix + suffix == m {
        return;
    }
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for j in (prefix..m - suffix).rev() {
        by_text
            .entry(a.analysis.entities[j].text.as_str())
            .or_default()
            .push(j);
    }
    for (i, slot) in frags.iter_mut().enumerate().take(n - suffix).skip(prefix) {
        let Some(list) = by_text.get_mut(snap.analysis.entities[i].text.as_str()) else {
            continue;
        };
        // Nearest first: `list` holds the candidates in reverse order.
        if let Some(k) = list.iter().rposition(|&j| same(a, j, snap, i)) {
            let j = list.remove(k);
            *slot = old.frags[j].take();
        }
    }
}

/// Writes `n` in decimal ending just before `buf[end]`; returns where it starts.
fn digits(buf: &mut [u8], end: usize, mut n: u32) -> usize {
    let mut i = end;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return i;
        }
    }
}

/// Copies `s` to end just before `buf[end]`; returns where it starts.
fn put(buf: &mut [u8], end: usize, s: &[u8]) -> usize {
    buf[end - s.len()..end].copy_from_slice(s);
    end - s.len()
}

/// `{"end":{"character":C,"line":L},"start":{"character":C,"line":L}}`,
/// assembled backwards on the stack and appended in one piece.
fn write_range(out: &mut Vec<u8>, start: Position, end: Position) {
    let mut buf = [0u8; 128];
    let mut at = put(&mut buf, 128, b"}}");
    at = digits(&mut buf, at, start.line);
    at = put(&mut buf, at, br#","line":"#);
    at = digits(&mut buf, at, start.character);
    at = put(&mut buf, at, br#"},"start":{"character":"#);
    at = digits(&mut buf, at, end.line);
    at = put(&mut buf, at, br#","line":"#);
    at = digits(&mut buf, at, end.character);
    at = put(&mut buf, at, br#"{"end":{"character":"#);
    out.extend_from_slice(&buf[at..]);
}

/// The result of [`encode`].
pub struct Encoded {
    /// The JSON-RPC message.
    pub body: Vec<u8>,
    /// For the next message of the same document.
    pub cache: Cache,
    /// The previous cache, to be dropped once the message is sent (it may
    /// hold the last reference to an older snapshot, whose freeing need not
    /// delay the message).
    pub spent: Option<Cache>,
}

/// The whole `publishDiagnostics` message for `snap` (its JSON-RPC body,
/// written into `buf`, which is cleared first), and the cache for the next
/// one. `cache` is the one returned last time for this document, if any.
pub fn encode(
    snap: &Arc<Snapshot>,
    cfg: &Config,
    enc: Encoding,
    uri: &Uri,
    version: Option<i32>,
    cache: Option<Cache>,
    buf: Vec<u8>,
) -> Encoded {
    let entities = &snap.analysis.entities;
    let n = entities.len();
    let mut frags: Vec<Option<Fragment>> = Vec::with_capacity(n);
    frags.resize_with(n, || None);
    let mut spent = cache;
    if let Some(old) = spent.as_mut().filter(|c| c.levels == cfg.kinds) {
        reuse(old, snap, &mut frags);
    }
    // The message's length, give or take the digits of the ranges (an
    // exact reservation: `reserve` would round a reused buffer up to twice
    // its size).
    let mut size = 256 + uri.as_str().len();
    for (i, (e, slot)) in entities.iter().zip(frags.iter_mut()).enumerate() {
        if slot.is_none() {
            *slot = fragment(snap, i, e, cfg.level(e.kind));
        }
        if let Some(f) = slot {
            size += f.json.len() + RANGE_LEN;
        }
    }
    let mut out = buf;
    out.clear();
    out.reserve_exact(size);
    out.extend_from_slice(
        br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"diagnostics":["#,
    );
    let mut first = true;
    let mut comma = |out: &mut Vec<u8>| {
        if !std::mem::take(&mut first) {
            out.push(b',');
        }
    };
    let mut cursor = snap.lines.cursor(&snap.text, enc);
    for (e, f) in entities.iter().zip(&frags) {
        let Some(f) = f else { continue };
        comma(&mut out);
        let (head, tail) = f.json.split_at(f.at);
        out.extend_from_slice(head.as_bytes());
        let r = cursor.range(&e.range);
        write_range(&mut out, r.start, r.end);
        out.extend_from_slice(tail.as_bytes());
    }
    for d in decisions::extra_diagnostics(snap, enc) {
        comma(&mut out);
        if let Ok(v) = serde_json::to_value(&d) {
            let _ = serde_json::to_writer(&mut out, &v);
        }
    }
    out.extend_from_slice(br#"],"uri":"#);
    let _ = serde_json::to_writer(&mut out, uri);
    if let Some(v) = version {
        let _ = write!(out, r#","version":{v}"#);
    }
    out.extend_from_slice(b"}}");
    let cache = Cache {
        snap: snap.clone(),
        levels: cfg.kinds,
        frags,
    };
    Encoded {
        body: out,
        cache,
        spent,
    }
}

/// The message that clears a closed document's diagnostics, as
/// tower-lsp-server would write it.
pub fn cleared(uri: Uri) -> Vec<u8> {
    use tower_lsp_server::ls_types::notification::{Notification, PublishDiagnostics};
    let params = tower_lsp_server::ls_types::PublishDiagnosticsParams::new(uri, vec![], None);
    let message = serde_json::json!({
        "jsonrpc": "2.0",
        "method": PublishDiagnostics::METHOD,
        "params": serde_json::to_value(params).unwrap_or_default(),
    });
    serde_json::to_vec(&message).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Engine;
    use crate::lsp::features::Inputs;
    use crate::store::{Action, Decision, Origin};
    use tower_lsp_server::ls_types::PublishDiagnosticsParams;

    const ARTICLE: &str = "新华社北京2018年1月17日电 京东计划投资200亿元，\r\n\
        增长18.6%以上。🚀 JD.com Inc. said revenue rose 5% to $2.3 billion on March 3.\n\
        阿里巴巴集团控股有限公司\r第三季度净利润约为人民币100亿元。\n";

    fn snapshot(text: &str) -> Snapshot {
        crate::lsp::state::analyze(
            &Engine::new(),
            text.to_string(),
            3,
            Inputs {
                engine: 0,
                dct: None,
                markdown: false,
            },
        )
    }

    /// What tower-lsp-server writes for the same diagnostics.
    fn expected(snap: &Snapshot, cfg: &Config, enc: Encoding, uri: &Uri) -> String {
        let params = PublishDiagnosticsParams::new(
            uri.clone(),
            features::diagnostics(snap, cfg, enc),
            Some(snap.version),
        );
        serde_json::to_string(&serde_json::json!({
            "jsonrpc": "2.0",
            "method": "textDocument/publishDiagnostics",
            "params": serde_json::to_value(params).unwrap(),
        }))
        .unwrap()
    }

    fn check(snap: &Arc<Snapshot>, cfg: &Config, cache: Option<Cache>) -> Cache {
        let uri: Uri = "file:///tmp/a%20b/article.txt".parse().unwrap();
        let mut cache = cache;
        for enc in [Encoding::Utf16, Encoding::Utf8] {
            let buf = b"left over".to_vec();
            let out = encode(snap, cfg, enc, &uri, Some(snap.version), cache.take(), buf);
            let (got, c) = (out.body, out.cache);
            assert_eq!(
                String::from_utf8(got).unwrap(),
                expected(snap, cfg, enc, &uri),
                "{enc:?}"
            );
            cache = Some(c);
        }
        cache.unwrap()
    }

    #[test]
    fn bytes_match_the_transport_and_survive_edits() {
        let snap = Arc::new(snapshot(ARTICLE));
        assert!(snap.analysis.entities.len() >= 6);
        let mut out = Vec::new();
        write_range(
            &mut out,
            Position::new(0, u32::MAX),
            Position::new(12345, 10),
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"end":{"character":10,"line":12345},"start":{"character":4294967295,"line":0}}"#
        );
        let cfg = Config::default();
        let cache = check(&snap, &cfg, None);
        // An edit before everything, one in the middle, one removing an entity.
        let edited = format!("前言🚀\n{}", ARTICLE.replace("5%", "7%"));
        let cache = check(&Arc::new(snapshot(&edited)), &cfg, Some(cache));
        let cache = check(
            &Arc::new(snapshot(&edited.replace("200亿元", ""))),
            &cfg,
            Some(cache),
        );
        // Another configuration: the cache is not used across it.
        let mut quiet = Config::default();
        quiet.kinds[crate::extract::Kind::Date as usize] = Level::Off;
        quiet.kinds[crate::extract::Kind::Money as usize] = Level::Error;
        let cache = check(&snap, &quiet, Some(cache));
        check(&snap, &cfg, Some(cache));
    }

    #[test]
    fn decisions_are_part_of_the_fragment() {
        let mut plain = snapshot(ARTICLE);
        let n = plain.analysis.entities.len();
        let decision = Decision {
            id: 7,
            action: Action::Accept,
            kind: plain.analysis.entities[1].kind,
            text: plain.analysis.entities[1].text.clone(),
            before: String::new(),
            after: String::new(),
            start: 0,
            value: None,
            qualifier: None,
            from_kind: None,
            made_at: "2024-05-01T10:00:00Z".into(),
            orphaned: false,
        };
        let mut orphan = decision.clone();
        orphan.id = 8;
        orphan.text = "gone".into();
        orphan.orphaned = true;
        let mut origins = vec![(Origin::Engine, None); n];
        origins[1] = (Origin::Accepted, Some(7));
        plain.review = Some(Arc::new(decisions::Review {
            engine: plain.analysis.entities.clone(),
            origins,
            decisions: vec![decision.clone(), orphan.clone()],
            orphaned: vec![orphan],
            error: Some("bad sidecar".into()),
            ..Default::default()
        }));
        let cfg = Config::default();
        let undecided = Arc::new(snapshot(ARTICLE));
        let cache = check(&undecided, &cfg, None);
        let decided = Arc::new(plain);
        let cache = check(&decided, &cfg, Some(cache));
        check(&undecided, &cfg, Some(cache));
    }
}
