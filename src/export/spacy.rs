//! spaCy-style JSON lines: `{"text", "entities", "spans": {"sc": …}, "meta"}`
//! with code point offsets (Python `str` indices), one document per line.
//!
//! `entities` carries the non-overlapping set with OntoNotes labels
//! (`ORG`, `MONEY`, `PERCENT`, `DATE`), ready for `Doc.char_span` and
//! `Example.from_dict`; `spans["sc"]` carries every entity with our labels and
//! the normalized value as `kb_id`; `meta.norm` carries the values in full.

use super::model::{label, onto_label, prepare_all, Prepared};
use super::ExportDoc;
use serde_json::{json, Value};

pub fn line(doc: &Prepared) -> Value {
    let entities: Vec<Value> = doc
        .flat_entities()
        .iter()
        .map(|e| json!([e.cp.start, e.cp.end, onto_label(e.kind)]))
        .collect();
    let spans: Vec<Value> = doc
        .entities
        .iter()
        .map(|e| {
            let kb = e.norm.as_ref().map(|n| n.compact()).unwrap_or_default();
            json!([e.cp.start, e.cp.end, label(e.kind), kb])
        })
        .collect();
    json!({
        "text": doc.text,
        "entities": entities,
        "spans": {"sc": spans},
        "meta": {
            "doc_id": doc.id,
            "doc_uri": doc.uri,
            "lang": doc.lang,
            "dct": doc.dct,
            "offset_unit": "codepoint",
            "norm": super::norm_list(doc, crate::offsets::Unit::CodePoint),
        }
    })
}

pub fn render(docs: &[ExportDoc]) -> Vec<u8> {
    super::json_lines(prepare_all(docs).iter().map(line))
}
