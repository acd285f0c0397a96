//! CSV, one row per entity, header always present (RFC 4180 quoting).
//!
//! Offsets are code points into the exported text (BOM removed, line ends
//! LF: what Python's `open(path, encoding="utf-8-sig").read()` gives), named
//! in the `offset_unit` column. `csv-excel` adds a UTF-8 BOM, CRLF record
//! ends and the formula-injection guard: a cell that starts with `=`, `+`,
//! `-`, `@`, TAB or CR gets a leading `'` (this alters the data on purpose).

use super::model::{label, prepare_all};
use super::tokens::segment;
use super::ExportDoc;

pub const HEADER: &[&str] = &[
    "doc_id",
    "doc_uri",
    "lang",
    "entity_id",
    "label",
    "start",
    "end",
    "offset_unit",
    "text",
    "norm_type",
    "norm_value",
    "norm_unit",
    "norm_mod",
    "norm_per",
    "norm_ticker",
    "sentence",
    "left_context",
    "right_context",
];

/// Context columns: up to this many code points each side, within the sentence.
pub const CONTEXT: usize = 7;

pub fn render(docs: &[ExportDoc], excel: bool) -> Vec<u8> {
    let eol = if excel { "\r\n" } else { "\n" };
    let mut out = String::new();
    if excel {
        out.push('\u{FEFF}');
    }
    push_row(&mut out, HEADER.iter().map(|s| s.to_string()), excel, eol);
    for doc in prepare_all(docs) {
        let seg = segment(&doc);
        let sentences: Vec<std::ops::Range<usize>> = (0..seg.sentences.len())
            .map(|s| seg.sentence_bytes(s))
            .collect();
        let sentence_of = |byte: usize| {
            let i = sentences.partition_point(|r| r.end <= byte);
            sentences.get(i).filter(|r| r.start <= byte).cloned()
        };
        for e in &doc.entities {
            let sent = sentence_of(e.range.start).unwrap_or(e.range.clone());
            let sent = sent.start.min(e.range.start)..sent.end.max(e.range.end);
            let left: String = {
                let l: Vec<char> = doc.text[sent.start..e.range.start].chars().collect();
                l[l.len().saturating_sub(CONTEXT)..].iter().collect()
            };
            let right: String = doc.text[e.range.end..sent.end]
                .chars()
                .take(CONTEXT)
                .collect();
            let n = e.norm.as_ref();
            let field =
                |f: fn(&super::model::Norm) -> Option<String>| n.and_then(f).unwrap_or_default();
            let row = vec![
                doc.id.clone(),
                doc.uri.clone().unwrap_or_default(),
                doc.lang.to_string(),
                e.id.clone(),
                label(e.kind).to_string(),
                e.cp.start.to_string(),
                e.cp.end.to_string(),
                "codepoint".to_string(),
                e.text.clone(),
                field(|n| Some(n.kind.to_string())),
                field(|n| Some(n.value.clone())),
                field(|n| n.unit.clone()),
                field(|n| n.modifier.clone()),
                field(|n| n.per.clone()),
                field(|n| n.ticker.clone()),
                doc.text[sent].to_string(),
                left,
                right,
            ];
            push_row(&mut out, row.into_iter(), excel, eol);
        }
    }
    out.into_bytes()
}

fn push_row(out: &mut String, cells: impl Iterator<Item = String>, excel: bool, eol: &str) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = if excel && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{cell}")
        } else {
            cell
        };
        if cell.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str(eol);
}
