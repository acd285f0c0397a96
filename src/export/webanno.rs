//! WebAnno TSV 3.3 for INCEpTION: one file per document, the built-in
//! named-entity layer (`identifier` = the normalized value, `value` = the
//! label). Offsets are UTF-16 code units, document-global, end exclusive.
//!
//! Tokens as in CoNLL (characters for Chinese, words otherwise, a break at
//! every entity boundary) so each entity covers whole tokens. A multi-token
//! or stacked annotation carries `[N]` on each of its values; stacked values
//! are joined with `|`; reserved characters are backslash-escaped; every
//! token line ends with a TAB.

use super::model::{label, prepare_all, PEntity, Prepared};
use super::tokens::segment;
use super::ExportDoc;
use crate::offsets::{OffsetIndex, Unit};
use std::path::PathBuf;

pub const LAYER: &str = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity";

/// Escapes the characters TSV 3.3 reserves in token text and feature values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '[' | ']' | '|' | '_' | ';' | '*' => {
                out.push('\\');
                out.push(c);
            }
            '-' if chars.peek() == Some(&'>') => {
                chars.next();
                out.push_str("\\->");
            }
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => out.push(c),
        }
    }
    out
}

fn text_line(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\r', "\\r")
}

pub fn document(doc: &Prepared) -> String {
    let seg = segment(doc);
    let index = OffsetIndex::new(&doc.text);
    let mut out = format!("#FORMAT=WebAnno TSV 3.3\n#T_SP={LAYER}|identifier|value\n\n\n");
    // Which entities cover each token (a sweep: entities are sorted by
    // start), and which need an `[N]` suffix.
    let mut token_cover: Vec<Vec<usize>> = Vec::with_capacity(seg.tokens.len());
    let mut active: Vec<usize> = Vec::new();
    let mut next_entity = 0;
    for tok in &seg.tokens {
        while next_entity < doc.entities.len() && doc.entities[next_entity].range.start < tok.end {
            active.push(next_entity);
            next_entity += 1;
        }
        active.retain(|&i| doc.entities[i].range.end > tok.start);
        token_cover.push(
            active
                .iter()
                .copied()
                .filter(|&i| {
                    let r = &doc.entities[i].range;
                    r.start <= tok.start && tok.end <= r.end
                })
                .collect(),
        );
    }
    let mut needs_id = vec![false; doc.entities.len()];
    let mut token_count = vec![0usize; doc.entities.len()];
    for c in &token_cover {
        for &i in c {
            token_count[i] += 1;
            if c.len() > 1 {
                needs_id[i] = true;
            }
        }
    }
    let mut ids = vec![0usize; doc.entities.len()];
    let mut next = 1;
    for i in 0..doc.entities.len() {
        if needs_id[i] || token_count[i] > 1 {
            ids[i] = next;
            next += 1;
        }
    }
    let value = |i: usize, e: &PEntity, col: u8| -> String {
        let v = match col {
            0 => e
                .norm
                .as_ref()
                .map(|n| escape(&n.compact()))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "*".to_string()),
            _ => escape(label(e.kind)),
        };
        if ids[i] > 0 {
            format!("{v}[{}]", ids[i])
        } else {
            v
        }
    };
    for (s, sentence) in seg.sentences.iter().enumerate() {
        let bytes = seg.sentence_bytes(s);
        for piece in doc.text[bytes].split('\n') {
            out.push_str(&format!("#Text={}\n", text_line(piece)));
        }
        for (n, t) in sentence.clone().enumerate() {
            let tok = &seg.tokens[t];
            let cover = &token_cover[t];
            let col = |c: u8| {
                if cover.is_empty() {
                    "_".to_string()
                } else {
                    cover
                        .iter()
                        .map(|&i| value(i, &doc.entities[i], c))
                        .collect::<Vec<_>>()
                        .join("|")
                }
            };
            out.push_str(&format!(
                "{}-{}\t{}-{}\t{}\t{}\t{}\t\n",
                s + 1,
                n + 1,
                index.from_byte(tok.start, Unit::Utf16),
                index.from_byte(tok.end, Unit::Utf16),
                escape(&doc.text[tok.clone()]),
                col(0),
                col(1)
            ));
        }
        out.push('\n');
    }
    out
}

pub fn files(docs: &[ExportDoc]) -> Vec<(PathBuf, Vec<u8>)> {
    prepare_all(docs)
        .iter()
        .map(|d| {
            (
                PathBuf::from(format!("{}.tsv", d.id)),
                document(d).into_bytes(),
            )
        })
        .collect()
}
