//! Quick re-analysis of large documents: only the lines whose text changed.
//!
//! A line's entities depend mostly on the line itself, so after an edit the
//! lines whose (masked) text is unchanged keep the entities they had in the
//! previous snapshot and only new lines go through the engine, with the
//! article date and language of the previous full analysis. What this can
//! miss (an entity across a line break, a short company name introduced in
//! another paragraph, a new dateline) is restored by the full analysis the
//! document actor runs once typing pauses; see `state::actor`.

use super::features::{Inputs, Snapshot};
use super::position::LineIndex;
use crate::extract::{markdown, Analysis, Engine, Entity, Options};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

/// Documents at least this large are re-analysed line by line while typing.
pub const MIN_BYTES: usize = 64 * 1024;

/// Entities of one line, with ranges relative to the line start.
pub type LineMap = HashMap<u64, Arc<[Entity]>>;

fn line_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |l| {
        let r = start..start + l.len();
        start = r.end;
        r
    })
}

fn hash(s: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

fn shifted(e: &Entity, by: isize, source: &str) -> Entity {
    let range = (e.range.start as isize + by) as usize..(e.range.end as isize + by) as usize;
    Entity {
        kind: e.kind,
        text: source.get(range.clone()).unwrap_or(&e.text).into(),
        range,
        value: e.value.clone(),
        qualifier: e.qualifier,
    }
}

/// The text the engine saw (Markdown masked).
fn analysed_text<'a>(text: &'a str, markdown: bool, buf: &'a mut String) -> &'a str {
    if markdown {
        *buf = markdown::mask(text);
        buf
    } else {
        text
    }
}

/// Groups a snapshot's entities by the hash of their line.
pub fn line_map(text: &str, inputs: &Inputs, entities: &[Entity]) -> LineMap {
    let mut buf = String::new();
    let seen = analysed_text(text, inputs.markdown, &mut buf);
    let mut map = LineMap::new();
    let mut i = 0;
    for r in line_spans(seen) {
        let mut here = Vec::new();
        while i < entities.len() && entities[i].range.start < r.end {
            let e = &entities[i];
            // An entity across a line break belongs to no line: dropped.
            if e.range.end <= r.end {
                here.push(shifted(e, -(r.start as isize), text));
            }
            i += 1;
        }
        map.entry(hash(&seen[r])).or_insert_with(|| here.into());
    }
    map
}

/// The line map of `snap` (built on first use, and kept in it).
pub fn map_of(snap: &Snapshot) -> &Arc<LineMap> {
    snap.line_map.get_or_init(|| {
        let raw = super::decisions::engine_entities(snap);
        Arc::new(line_map(&snap.text, &snap.inputs, raw))
    })
}

/// Re-analyses only the lines of `text` that `base_map` does not know.
/// `base` is the previous analysis (only its language, article date and
/// size are used). Returns the snapshot (marked partial) and its own line map.
pub fn analyze(
    engine: &Engine,
    text: String,
    version: i32,
    inputs: Inputs,
    base: &Analysis,
    base_map: &LineMap,
) -> (Snapshot, LineMap) {
    let dct = inputs.dct.clone().or_else(|| base.dct.clone());
    let options = Options {
        dct: dct.clone(),
        markdown: false,
    };
    let mut buf = String::new();
    let seen = analysed_text(&text, inputs.markdown, &mut buf);
    let mut map = LineMap::with_capacity(base_map.len());
    let mut entities = Vec::with_capacity(base.entities.len() + 8);
    for r in line_spans(seen) {
        let line = &seen[r.clone()];
        let h = hash(line);
        let rel = match map.get(&h).or_else(|| base_map.get(&h)) {
            Some(v) => v.clone(),
            None => {
                let found: Arc<[Entity]> = engine.analyze(line, &options).entities.into();
                found
            }
        };
        for e in rel.iter() {
            entities.push(shifted(e, r.start as isize, &text));
        }
        map.entry(h).or_insert(rel);
    }
    let snapshot = Snapshot {
        version,
        rev: 0,
        lines: LineIndex::new(&text),
        text,
        analysis: Analysis {
            lang: base.lang,
            dct,
            entities,
        },
        inputs,
        partial: true,
        line_map: Default::default(),
        review: None,
    };
    (snapshot, map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Kind, Lang, PercentValue, Value};

    fn pct(text: &str, at: &str) -> Entity {
        let start = text.find(at).unwrap();
        Entity {
            kind: Kind::Percent,
            range: start..start + at.len(),
            text: at.into(),
            value: Some(Value::Percent(PercentValue { percent: 5.0 })),
            qualifier: None,
        }
    }

    #[test]
    fn unchanged_lines_keep_their_entities_at_shifted_offsets() {
        let old = "第一段。\n增长 5% 左右\r\n跨行 5\n% 结束\n";
        let base = Analysis {
            lang: Lang::ZhHans,
            dct: None,
            entities: vec![pct(old, "5%"), pct(old, "5\n%")],
        };
        let inputs = Inputs {
            engine: 0,
            dct: None,
            markdown: false,
        };
        let map = line_map(old, &inputs, &base.entities);
        let new = format!("新🚀\r\n{old}");
        let (snap, _) = analyze(&Engine::new(), new.clone(), 2, inputs, &base, &map);
        assert!(snap.partial);
        let got: Vec<&str> = snap
            .analysis
            .entities
            .iter()
            .map(|e| &new[e.range.clone()])
            .collect();
        // The entity across a line break is left to the full analysis.
        assert_eq!(got, vec!["5%"]);
        assert_eq!(
            snap.analysis.entities[0].range.start,
            new.find("5%").unwrap()
        );
        assert_eq!(snap.analysis.entities[0].text, "5%");
    }
}
