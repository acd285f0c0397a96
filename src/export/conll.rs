//! CoNLL IOB2, two columns `TOKEN TAG` separated by one space, a blank line
//! after each sentence. Chinese documents: one token per character; other
//! documents: word tokens (Han characters still one each). Tags use the
//! OntoNotes labels (`ORG`, `MONEY`, `PERCENT`, `DATE`); overlapping entities
//! cannot be represented, so the earlier (then longer) one wins.
//!
//! With several documents each starts with `-DOCSTART- -X- O O` and a blank
//! line, the exact form `spacy convert` splits documents on. No comment
//! lines (not part of CoNLL-2003).

use super::model::{onto_label, prepare_all, Prepared};
use super::tokens::segment;
use super::ExportDoc;

pub const DOCSTART: &str = "-DOCSTART- -X- O O";

pub fn document(doc: &Prepared, out: &mut String) {
    let seg = segment(doc);
    let flat = doc.flat_entities();
    let mut next = 0; // index into flat
    for sentence in &seg.sentences {
        for t in sentence.clone() {
            let tok = &seg.tokens[t];
            while next < flat.len() && flat[next].range.end <= tok.start {
                next += 1;
            }
            let tag = match flat.get(next) {
                Some(e) if e.range.start <= tok.start && tok.end <= e.range.end => {
                    let prefix = if e.range.start == tok.start { "B" } else { "I" };
                    format!("{prefix}-{}", onto_label(e.kind))
                }
                _ => "O".to_string(),
            };
            out.push_str(&doc.text[tok.clone()]);
            out.push(' ');
            out.push_str(&tag);
            out.push('\n');
        }
        out.push('\n');
    }
}

pub fn render(docs: &[ExportDoc]) -> Vec<u8> {
    let prepared = prepare_all(docs);
    let mut out = String::new();
    for doc in &prepared {
        if prepared.len() > 1 {
            out.push_str(DOCSTART);
            out.push_str("\n\n");
        }
        document(doc, &mut out);
    }
    out.into_bytes()
}
