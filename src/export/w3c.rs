//! W3C Web Annotation (JSON-LD): one `AnnotationPage` per document, each
//! entity an `Annotation` with a tagging body (the label), a describing body
//! (the value in words plus machine-readable `als:` properties, every number
//! a string) and a target with a `TextPositionSelector` (code points, as the
//! model requires) and a `TextQuoteSelector` (exact, prefix, suffix).
//!
//! Offsets count code points of the text with a leading BOM removed and line
//! ends as LF (the page says so in `als:textNormalization`). Ids are
//! `urn:uuid:`s derived from the document and the span, so a re-export of
//! the same result gives the same ids. A copy of the JSON-LD context lives
//! in `src/export/anno-context.jsonld` for offline processors.

use super::model::{label, prepare_all, Prepared};
use super::ExportDoc;
use serde_json::{json, Map, Value};
use std::path::PathBuf;

pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The Web Annotation context as shipped in this repository (offline copy
/// of the term mappings the exporter uses).
pub const ANNO_CONTEXT_LOCAL: &str = include_str!("anno-context.jsonld");
/// Our own terms.
pub const NS: &str = "urn:article-lsp:ns:";
/// Quote context on each side, in code points.
pub const QUOTE_CONTEXT: usize = 32;

fn fnv(seed: u64, s: &str) -> u64 {
    let mut h = 0xcbf29ce484222325u64 ^ seed;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// A name-based UUID (version 8, RFC 9562) from `key`.
pub fn uuid(key: &str) -> String {
    let a = fnv(0x9e3779b97f4a7c15, key);
    let b = fnv(0x632be59bd9b4e019, key);
    let a = (a & !0xF000) | 0x8000;
    let b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
    format!(
        "urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFFF,
        b >> 48,
        b & 0xFFFF_FFFF_FFFF
    )
}

fn source_iri(doc: &Prepared) -> String {
    doc.uri.clone().unwrap_or_else(|| {
        let mut s = String::from("urn:article-lsp:doc:");
        for b in doc.id.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                s.push(b as char);
            } else {
                s.push_str(&format!("%{b:02X}"));
            }
        }
        s
    })
}

pub fn page(doc: &Prepared) -> Value {
    let source = source_iri(doc);
    let chars: Vec<char> = doc.text.chars().collect();
    let items: Vec<Value> = doc
        .entities
        .iter()
        .map(|e| {
            let prefix: String = chars[e.cp.start.saturating_sub(QUOTE_CONTEXT)..e.cp.start]
                .iter()
                .collect();
            let suffix: String = chars[e.cp.end..(e.cp.end + QUOTE_CONTEXT).min(chars.len())]
                .iter()
                .collect();
            let mut quote = Map::new();
            quote.insert("type".into(), json!("TextQuoteSelector"));
            quote.insert("exact".into(), json!(e.text));
            if !prefix.is_empty() {
                quote.insert("prefix".into(), json!(prefix));
            }
            if !suffix.is_empty() {
                quote.insert("suffix".into(), json!(suffix));
            }
            let mut body = vec![json!({
                "type": "TextualBody",
                "purpose": "tagging",
                "value": label(e.kind),
            })];
            if let Some(n) = &e.norm {
                let mut d = Map::new();
                d.insert("type".into(), json!("TextualBody"));
                d.insert("purpose".into(), json!("describing"));
                d.insert("value".into(), json!(n.human()));
                d.insert("als:normType".into(), json!(n.kind));
                d.insert("als:normValue".into(), json!(n.value));
                for (k, v) in [
                    ("als:unit", &n.unit),
                    ("als:mod", &n.modifier),
                    ("als:per", &n.per),
                    ("als:ticker", &n.ticker),
                ] {
                    if let Some(v) = v {
                        d.insert(k.into(), json!(v));
                    }
                }
                body.push(Value::Object(d));
            }
            json!({
                "id": uuid(&format!("{source}#{}:{}-{}", label(e.kind), e.cp.start, e.cp.end)),
                "type": "Annotation",
                "motivation": "tagging",
                "body": body,
                "target": {
                    "source": source,
                    "selector": [
                        {"type": "TextPositionSelector", "start": e.cp.start, "end": e.cp.end},
                        Value::Object(quote),
                    ],
                },
            })
        })
        .collect();
    json!({
        "@context": [ANNO_CONTEXT, {"als": NS}],
        "id": uuid(&format!("{source}#page")),
        "type": "AnnotationPage",
        "als:docId": doc.id,
        "als:lang": doc.lang,
        "als:dct": doc.dct,
        "als:textNormalization": "leading BOM removed; CRLF and CR read as LF",
        "startIndex": 0,
        "items": items,
    })
}

pub fn files(docs: &[ExportDoc]) -> Vec<(PathBuf, Vec<u8>)> {
    prepare_all(docs)
        .iter()
        .map(|d| {
            let mut bytes = serde_json::to_vec_pretty(&page(d)).unwrap_or_default();
            bytes.push(b'\n');
            (PathBuf::from(format!("{}.jsonld", d.id)), bytes)
        })
        .collect()
}
