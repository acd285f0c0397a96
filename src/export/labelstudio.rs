//! Label Studio: a JSON array of tasks with machine output in `predictions`
//! (code point offsets, as current Label Studio stores them for `<Text>`),
//! plus the labelling config the tasks need, written beside them.
//!
//! Each entity is a `labels` region; when it has a normalized value, a
//! per-region `textarea` result with the same id carries it (editable in the
//! region panel).

use super::model::{label, prepare_all, Prepared};
use super::ExportDoc;
use crate::extract::Kind;
use serde_json::{json, Value};

pub const FROM_LABEL: &str = "label";
pub const FROM_NORM: &str = "norm";
pub const TO_NAME: &str = "text";

pub fn task(doc: &Prepared) -> Value {
    let mut result = Vec::new();
    for e in &doc.entities {
        let id = format!("{}-{}", doc.id, e.id);
        result.push(json!({
            "id": id,
            "from_name": FROM_LABEL,
            "to_name": TO_NAME,
            "type": "labels",
            "value": {"start": e.cp.start, "end": e.cp.end, "text": e.text, "labels": [label(e.kind)]},
        }));
    }
    for e in &doc.entities {
        if let Some(n) = &e.norm {
            result.push(json!({
                "id": format!("{}-{}", doc.id, e.id),
                "from_name": FROM_NORM,
                "to_name": TO_NAME,
                "type": "textarea",
                "value": {"start": e.cp.start, "end": e.cp.end, "text": [n.human()]},
            }));
        }
    }
    json!({
        "data": {
            "text": doc.text,
            "doc_id": doc.id,
            "doc_uri": doc.uri,
            "lang": doc.lang,
            "dct": doc.dct,
            "offset_unit": "codepoint",
        },
        "predictions": [{
            "model_version": concat!("article-lsp ", env!("CARGO_PKG_VERSION")),
            "result": result,
        }],
    })
}

pub fn render_tasks(docs: &[ExportDoc]) -> Vec<u8> {
    let tasks: Vec<Value> = prepare_all(docs).iter().map(task).collect();
    let mut out = serde_json::to_vec_pretty(&tasks).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The labelling config: our four labels, the text, and a per-region
/// text area for the normalized value.
pub fn config() -> String {
    let colors = ["#4e79a7", "#59a14f", "#edc948", "#e15759"];
    let mut s = String::from("<View>\n");
    s.push_str(&format!(
        "  <Labels name=\"{FROM_LABEL}\" toName=\"{TO_NAME}\">\n"
    ));
    for (kind, color) in Kind::ALL.iter().zip(colors) {
        s.push_str(&format!(
            "    <Label value=\"{}\" background=\"{color}\"/>\n",
            label(*kind)
        ));
    }
    s.push_str("  </Labels>\n");
    s.push_str(&format!("  <Text name=\"{TO_NAME}\" value=\"$text\"/>\n"));
    s.push_str(&format!(
        "  <TextArea name=\"{FROM_NORM}\" toName=\"{TO_NAME}\" perRegion=\"true\" editable=\"true\" rows=\"1\"/>\n"
    ));
    s.push_str("</View>\n");
    s
}
