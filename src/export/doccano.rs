//! doccano sequence-labelling JSON lines: `{"text", "label": [[s, e, L]], …}`
//! with UTF-16 offsets (doccano measures with JavaScript string indices).
//!
//! Every line has the same key set (doccano loads rows through a table, so a
//! missing key would turn into NaN); the document id is `doc_id`, never `id`,
//! which doccano's own export would overwrite.

use super::model::{label, prepare_all, Prepared};
use super::ExportDoc;
use crate::offsets::Unit;
use serde_json::{json, Value};

pub fn line(doc: &Prepared) -> Value {
    let labels: Vec<Value> = doc
        .entities
        .iter()
        .map(|e| json!([e.u16.start, e.u16.end, label(e.kind)]))
        .collect();
    json!({
        "text": doc.text,
        "label": labels,
        "doc_id": doc.id,
        "doc_uri": doc.uri,
        "lang": doc.lang,
        "dct": doc.dct,
        "offset_unit": "utf16",
        "norm": super::norm_list(doc, Unit::Utf16),
    })
}

pub fn render(docs: &[ExportDoc]) -> Vec<u8> {
    super::json_lines(prepare_all(docs).iter().map(line))
}
