//! Our own JSON and JSON lines: the `annotate` contract, code points.

use super::ExportDoc;
use crate::document::{entity_record, DocumentRecord};
use crate::offsets::{OffsetIndex, Unit};

pub fn record(doc: &ExportDoc) -> DocumentRecord {
    let index = OffsetIndex::new(doc.text);
    DocumentRecord {
        file: doc.name.clone(),
        lang: Some(doc.lang),
        dct: doc.dct.as_ref().map(|d| d.timex()),
        dct_source: doc.dct.as_ref().map(|d| d.source),
        offset_unit: Unit::CodePoint,
        entities: doc
            .entities
            .iter()
            .map(|e| entity_record(&index, e, Unit::CodePoint))
            .collect(),
    }
}

/// One object for one document, an array for several.
pub fn render_json(docs: &[ExportDoc]) -> Vec<u8> {
    let records: Vec<DocumentRecord> = docs.iter().map(record).collect();
    let mut out = if records.len() == 1 {
        serde_json::to_vec_pretty(&records[0])
    } else {
        serde_json::to_vec_pretty(&records)
    }
    .unwrap_or_default();
    out.push(b'\n');
    out
}

/// One document object per line.
pub fn render_jsonl(docs: &[ExportDoc]) -> Vec<u8> {
    let mut out = Vec::new();
    for doc in docs {
        if let Ok(line) = serde_json::to_vec(&record(doc)) {
            out.extend_from_slice(&line);
            out.push(b'\n');
        }
    }
    out
}
