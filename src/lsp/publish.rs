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

/// The fragments and ranges of the last snapshot encoded for a document.
pub struct Cache {
    snap: Arc<Snapshot>,
    levels: [Level; 4],
    enc: Encoding,
    /// Parallel to `snap.analysis.entities`; None for kinds not shown.
    frags: Vec<Option<Fragment>>,
    /// Parallel to `frags`: the LSP range of each entity shown.
    ranges: Vec<Range>,
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
    if let Some(f) = sorted_fields(&d) {
        return Some(f);
    }
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

/// The fragment of `d` written field by field, keys in the order a
/// `serde_json::Value` tree writes them (sorted), each value exactly as the
/// tree writes it; None when `d` has a field this does not write.
fn sorted_fields(d: &Diagnostic) -> Option<Fragment> {
    if d.code_description.is_some() || d.related_information.is_some() || d.tags.is_some() {
        return None;
    }
    let mut out = Vec::with_capacity(256);
    fn key(out: &mut Vec<u8>, key: &str) {
        out.push(if out.is_empty() { b'{' } else { b',' });
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\":");
    }
    fn field<T: serde::Serialize>(out: &mut Vec<u8>, name: &str, value: Option<&T>) -> Option<()> {
        if let Some(v) = value {
            key(out, name);
            serde_json::to_writer(&mut *out, v).ok()?;
        }
        Some(())
    }
    // Keys in sorted order, as serde_json writes a map; the range goes in at `at`.
    field(&mut out, "code", d.code.as_ref())?;
    field(&mut out, "data", d.data.as_ref())?;
    field(&mut out, "message", Some(&d.message))?;
    key(&mut out, "range");
    let at = out.len();
    field(&mut out, "severity", d.severity.as_ref())?;
    field(&mut out, "source", d.source.as_ref())?;
    out.push(b'}');
    let json = String::from_utf8(out).ok()?.into_boxed_str();
    Some(Fragment { json, at })
}

/// Moves into `frags` the fragments of `old` whose entity is unchanged in
/// `snap`: the common prefix and suffix of the two lists in order, then
/// the middle matched by text. `from` gets the old index of each match.
fn reuse(
    old: &mut Cache,
    snap: &Snapshot,
    frags: &mut [Option<Fragment>],
    from: &mut [Option<usize>],
) {
    let (a, n) = (&*old.snap, frags.len());
    let m = old.frags.len().min(a.analysis.entities.len());
    let mut prefix = 0;
    while prefix < n.min(m) && same(a, prefix, snap, prefix) {
        frags[prefix] = old.frags[prefix].take();
        from[prefix] = Some(prefix);
        prefix += 1;
    }
    let mut suffix = 0;
    while suffix < (n - prefix).min(m - prefix) && same(a, m - 1 - suffix, snap, n - 1 - suffix) {
        frags[n - 1 - suffix] = old.frags[m - 1 - suffix].take();
        from[n - 1 - suffix] = Some(m - 1 - suffix);
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
    for i in prefix..n - suffix {
        let Some(list) = by_text.get_mut(snap.analysis.entities[i].text.as_str()) else {
            continue;
        };
        // Nearest first: `list` holds the candidates in reverse order.
        if let Some(k) = list.iter().rposition(|&j| same(a, j, snap, i)) {
            let j = list.remove(k);
            frags[i] = old.frags[j].take();
            from[i] = Some(j);
        }
    }
}

/// Where an old and a new text agree: their first `prefix` bytes, and
/// their ends from `old_tail` and `new_tail` on.
struct Unchanged {
    prefix: usize,
    old_tail: usize,
    new_tail: usize,
    /// Lines the new text has more than the old before its tail.
    lines: i64,
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 64 <= n && a[i..i + 64] == b[i..i + 64] {
        i += 64;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

fn common_suffix(a: &[u8], b: &[u8], limit: usize) -> usize {
    let (la, lb) = (a.len(), b.len());
    let mut i = 0;
    while i + 64 <= limit && a[la - i - 64..la - i] == b[lb - i - 64..lb - i] {
        i += 64;
    }
    while i < limit && a[la - i - 1] == b[lb - i - 1] {
        i += 1;
    }
    i
}

impl Unchanged {
    fn new(old: &Snapshot, new: &Snapshot) -> Unchanged {
        let (a, b) = (old.text.as_bytes(), new.text.as_bytes());
        let prefix = common_prefix(a, b);
        let suffix = common_suffix(a, b, a.len().min(b.len()) - prefix);
        let (old_tail, new_tail) = (a.len() - suffix, b.len() - suffix);
        let lines =
            new.lines.lines_through(new_tail) as i64 - old.lines.lines_through(old_tail) as i64;
        Unchanged {
            prefix,
            old_tail,
            new_tail,
            lines,
        }
    }

    /// The range of `new` (an entity of the new text) from the range `was`
    /// of `old` (the same entity in the old text), when the text around
    /// it is unchanged: before the first change, the same; inside the
    /// unchanged end and on a line that starts there, the same columns,
    /// the lines moved by the lines added or removed.
    fn carry(
        &self,
        old_lines: &super::position::LineIndex,
        old: &std::ops::Range<usize>,
        new: &std::ops::Range<usize>,
        new_len: usize,
        was: Range,
    ) -> Option<Range> {
        if old == new && new.end < self.prefix {
            return Some(was);
        }
        let moved = |b: usize| (b + self.old_tail).checked_sub(self.new_tail);
        let inside = new.start > self.new_tail
            && new.end <= new_len
            && moved(new.start) == Some(old.start)
            && moved(new.end) == Some(old.end)
            && old_lines.line_start(was.start.line as usize) > self.old_tail;
        if !inside {
            return None;
        }
        let line = |l: u32| u32::try_from(i64::from(l) + self.lines).ok();
        Some(Range::new(
            Position::new(line(was.start.line)?, was.start.character),
            Position::new(line(was.end.line)?, was.end.character),
        ))
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
    pub cache: Option<Cache>,
    /// The previous cache, to be dropped once the message is sent (it may
    /// hold the last reference to an older snapshot, whose freeing need not
    /// delay the message).
    pub spent: Option<Cache>,
    /// Diagnostics whose fragment was reused, and those whose range was
    /// carried over from the previous message.
    pub reused: usize,
    pub carried: usize,
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
    let mut from: Vec<Option<usize>> = vec![None; n];
    let mut spent = cache;
    let old = spent.as_mut().filter(|c| c.levels == cfg.kinds);
    let mut before = None;
    if let Some(old) = old {
        reuse(old, snap, &mut frags, &mut from);
        if old.enc == enc {
            before = Some((Unchanged::new(&old.snap, snap), &*old));
        }
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
    let mut ranges = Vec::with_capacity(n);
    let (mut reused, mut carried) = (0, 0);
    for ((e, f), j) in entities.iter().zip(&frags).zip(&from) {
        let Some(f) = f else {
            ranges.push(Range::default());
            continue;
        };
        let known = match (before.as_ref(), j) {
            (Some((same_text, old)), Some(j)) => same_text.carry(
                &old.snap.lines,
                &old.snap.analysis.entities[*j].range,
                &e.range,
                snap.text.len(),
                old.ranges[*j],
            ),
            _ => None,
        };
        reused += usize::from(j.is_some());
        carried += usize::from(known.is_some());
        let r = known.unwrap_or_else(|| cursor.range(&e.range));
        ranges.push(r);
        comma(&mut out);
        let (head, tail) = f.json.split_at(f.at);
        out.extend_from_slice(head.as_bytes());
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
        enc,
        frags,
        ranges,
    };
    Encoded {
        body: out,
        cache: Some(cache),
        spent,
        reused,
        carried,
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

    /// One cache per encoding; what was reused and carried in total.
    #[derive(Default)]
    struct Caches {
        by_enc: [Option<Cache>; 2],
        reused: usize,
        carried: usize,
    }

    fn check(snap: &Arc<Snapshot>, cfg: &Config, caches: &mut Caches) {
        let uri: Uri = "file:///tmp/a%20b/article.txt".parse().unwrap();
        for (k, enc) in [Encoding::Utf16, Encoding::Utf8].into_iter().enumerate() {
            let buf = b"left over".to_vec();
            let cache = caches.by_enc[k].take();
            let out = encode(snap, cfg, enc, &uri, Some(snap.version), cache, buf);
            assert_eq!(
                String::from_utf8(out.body).unwrap(),
                expected(snap, cfg, enc, &uri),
                "{enc:?}"
            );
            caches.by_enc[k] = out.cache;
            caches.reused += out.reused;
            caches.carried += out.carried;
        }
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
        let mut caches = Caches::default();
        check(&snap, &cfg, &mut caches);
        // An edit before everything, one in the middle, one removing an entity.
        let edited = format!("前言🚀\n{}", ARTICLE.replace("5%", "7%"));
        check(&Arc::new(snapshot(&edited)), &cfg, &mut caches);
        check(
            &Arc::new(snapshot(&edited.replace("200亿元", ""))),
            &cfg,
            &mut caches,
        );
        // Another configuration: the cache is not used across it.
        let mut quiet = Config::default();
        quiet.kinds[crate::extract::Kind::Date as usize] = Level::Off;
        quiet.kinds[crate::extract::Kind::Money as usize] = Level::Error;
        check(&snap, &quiet, &mut caches);
        check(&snap, &cfg, &mut caches);
        assert!(caches.reused > 0 && caches.carried > 0);
        // Nor across encodings.
        let [utf16, utf8] = std::mem::take(&mut caches.by_enc);
        caches.by_enc = [utf8, utf16];
        check(&snap, &cfg, &mut caches);
    }

    #[test]
    fn random_edits_keep_the_bytes_of_the_transport() {
        // Edits that add and remove lines, CR, LF and CRLF, astral chars,
        // entity text, at the start, the end and in between.
        let pieces = [
            "\n",
            "\r",
            "\r\n",
            "🚀",
            "5",
            "200亿元",
            "京东",
            " on March 3",
            "x",
        ];
        let mut text = ARTICLE.repeat(3);
        let cfg = Config::default();
        let mut caches = Caches::default();
        let mut seed = 12345u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n.max(1)
        };
        for step in 0..60 {
            let mut at = next(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if step % 3 == 2 {
                let mut end = (at + 1 + next(6)).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, "");
            } else {
                text.insert_str(at, pieces[next(pieces.len())]);
            }
            check(&Arc::new(snapshot(&text)), &cfg, &mut caches);
        }
        assert!(
            caches.reused > 1000 && caches.carried > 1000,
            "{} {}",
            caches.reused,
            caches.carried
        );
    }

    #[test]
    fn decisions_are_part_of_the_fragment() {
        let mut plain = snapshot(ARTICLE);
        let n = plain.analysis.entities.len();
        let decision = Decision {
            id: 7,
            action: Action::Accept,
            kind: plain.analysis.entities[1].kind,
            text: plain.analysis.entities[1].text.to_string(),
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
        let mut caches = Caches::default();
        check(&undecided, &cfg, &mut caches);
        let decided = Arc::new(plain);
        check(&decided, &cfg, &mut caches);
        check(&undecided, &cfg, &mut caches);
    }
}
