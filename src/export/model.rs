//! What every exporter except our own JSON works from: the text as it is
//! written out (BOM removed, line ends LF) and the entities re-based onto it,
//! with ids, offsets in every unit, labels and normalized values as strings.
//!
//! The one invariant (export-formats §1.2): offsets are computed against the
//! exact text the export carries or writes beside itself, so the text is
//! normalized first and every offset derived from the normalized text.

use super::ExportDoc;
use crate::extract::{Entity, Kind, Value};
use crate::offsets::{OffsetIndex, Unit};
use std::collections::HashSet;
use std::ops::Range;

/// One document ready for export.
pub struct Prepared {
    /// A file-name-safe id, unique within one export (`news-0001`).
    pub id: String,
    /// The name the document came with (a path, as typed).
    pub name: String,
    /// `file:///…` (or the URI the document came with), when known.
    pub uri: Option<String>,
    pub lang: &'static str,
    pub dct: Option<String>,
    /// The exported text: no BOM, every CRLF and lone CR turned into LF.
    pub text: String,
    /// Sorted by start (longer first), ids `T1`, `T2`, … in that order.
    pub entities: Vec<PEntity>,
}

/// One entity re-based onto [`Prepared::text`].
pub struct PEntity {
    /// `T1`, `T2`, … (brat style, unique in the document).
    pub id: String,
    pub kind: Kind,
    /// UTF-8 byte range into the exported text.
    pub range: Range<usize>,
    /// Code point range.
    pub cp: Range<usize>,
    /// UTF-16 code unit range.
    pub u16: Range<usize>,
    /// Exactly `text[range]`.
    pub text: String,
    pub norm: Option<Norm>,
}

/// A normalized value, every number as a decimal string (never a float).
#[derive(Clone, Debug, PartialEq)]
pub struct Norm {
    /// `MONEY`, `PERCENT`, `DATE` / `TIME` / `DURATION` / `SET`, `COMPANY`.
    pub kind: &'static str,
    /// Amount, percent, TIMEX value or canonical company name.
    pub value: String,
    /// ISO 4217 currency for money.
    pub unit: Option<String>,
    /// `more_than`, `about`, … (qualifier) or a TIMEX `mod` such as `END`.
    pub modifier: Option<String>,
    /// Money per unit (`斤`).
    pub per: Option<String>,
    /// Company ticker.
    pub ticker: Option<String>,
}

impl Norm {
    pub fn of(entity: &Entity) -> Option<Norm> {
        let qualifier = entity.qualifier.map(|q| q.as_str().to_string());
        let norm = match entity.value.as_ref() {
            Some(Value::Money(m)) => Norm {
                kind: "MONEY",
                value: decimal(m.amount),
                unit: m.currency.as_deref().map(str::to_string),
                modifier: qualifier,
                per: m.per.clone(),
                ticker: None,
            },
            Some(Value::Percent(p)) => Norm {
                kind: "PERCENT",
                value: decimal(p.percent),
                unit: None,
                modifier: qualifier,
                per: None,
                ticker: None,
            },
            Some(Value::Date(d)) => Norm {
                kind: match d.kind {
                    crate::extract::DateType::Date => "DATE",
                    crate::extract::DateType::Time => "TIME",
                    crate::extract::DateType::Duration => "DURATION",
                    crate::extract::DateType::Set => "SET",
                },
                value: d.timex.to_string(),
                unit: None,
                modifier: d.modifier.clone().or(qualifier),
                per: None,
                ticker: None,
            },
            Some(Value::Company(c)) => Norm {
                kind: "COMPANY",
                value: c.canonical.to_string(),
                unit: None,
                modifier: qualifier,
                per: None,
                ticker: c.ticker.as_deref().map(str::to_string),
            },
            None => return None,
        };
        Some(norm)
    }

    /// A reader's rendering: `more than 20000000000 CNY`, `DURATION P3Y`.
    pub fn human(&self) -> String {
        let mut out = String::new();
        let qualifier = self
            .modifier
            .as_deref()
            .and_then(crate::extract::Qualifier::parse);
        match self.kind {
            "MONEY" | "PERCENT" => {
                if let Some(q) = qualifier {
                    out.push_str(q.human());
                    out.push(' ');
                }
                out.push_str(&self.value);
                if self.kind == "PERCENT" {
                    out.push('%');
                }
                if let Some(u) = &self.unit {
                    out.push(' ');
                    out.push_str(u);
                }
                if let Some(p) = &self.per {
                    out.push_str(" per ");
                    out.push_str(p);
                }
            }
            "COMPANY" => {
                out.push_str(&self.value);
                if let Some(t) = &self.ticker {
                    out.push_str(&format!(" ({t})"));
                }
            }
            _ => {
                out.push_str(self.kind);
                out.push(' ');
                out.push_str(&self.value);
                if let Some(m) = &self.modifier {
                    out.push_str(&format!(" ({m})"));
                }
            }
        }
        out
    }

    /// A compact identifier: `CNY:20000000000`, `P3Y`, `12.5`, the
    /// canonical company name.
    pub fn compact(&self) -> String {
        match (self.kind, &self.unit) {
            ("MONEY", Some(u)) => format!("{u}:{}", self.value),
            _ => self.value.clone(),
        }
    }
}

/// A float as a plain decimal string (Rust prints no exponent and the
/// shortest digits that read back as the same number).
pub fn decimal(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    format!("{v}")
}

/// The label annotation tools get (brat, doccano, Label Studio, CSV, …).
pub fn label(kind: Kind) -> &'static str {
    match kind {
        Kind::Company => "COMPANY",
        Kind::Money => "MONEY",
        Kind::Percent => "PERCENT",
        Kind::Date => "DATE",
    }
}

/// The OntoNotes label training formats get (spaCy `entities`, CoNLL).
pub fn onto_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Company => "ORG",
        Kind::Money => "MONEY",
        Kind::Percent => "PERCENT",
        Kind::Date => "DATE",
    }
}

/// Strips a leading BOM and turns CRLF and lone CR into LF. Returns the new
/// text and the sorted original byte positions that were removed.
pub fn normalize_text(text: &str) -> (String, Vec<usize>) {
    let mut removed = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    if text.starts_with('\u{FEFF}') {
        removed.extend(0..3);
        start = 3;
    }
    let bytes = text.as_bytes();
    let mut last = start;
    let mut i = start;
    while i < bytes.len() {
        if bytes[i] == b'\r' {
            out.push_str(&text[last..i]);
            if bytes.get(i + 1) == Some(&b'\n') {
                removed.push(i);
            } else {
                out.push('\n');
            }
            last = i + 1;
        }
        i += 1;
    }
    out.push_str(&text[last..]);
    (out, removed)
}

/// Maps an original byte offset to the normalized text.
fn map_offset(removed: &[usize], orig: usize) -> usize {
    orig - removed.partition_point(|&r| r < orig)
}

/// Makes names unique within one export and safe as file names.
#[derive(Default)]
pub struct IdMaker {
    seen: HashSet<String>,
}

impl IdMaker {
    pub fn id_for(&mut self, name: &str) -> String {
        let stem = std::path::Path::new(name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("");
        let mut base: String = stem
            .chars()
            .map(|c| {
                if c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        if base.is_empty() || base == "-" || base.starts_with('.') {
            base = if name == "-" {
                "stdin".into()
            } else {
                format!("doc{base}")
            };
        }
        let mut id = base.clone();
        let mut n = 2;
        while !self.seen.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// `file:///abs/path` for a path (percent-encoded), a URI kept as is.
pub fn file_uri(location: &str) -> String {
    if location.contains("://") || location.starts_with("urn:") {
        return location.to_string();
    }
    let path = std::path::Path::new(location);
    let abs = path
        .canonicalize()
        .ok()
        .or_else(|| std::env::current_dir().ok().map(|d| d.join(path)))
        .unwrap_or_else(|| path.to_path_buf());
    let mut out = String::from("file://");
    for b in abs.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Prepares every document of one export (ids unique across them).
pub fn prepare_all(docs: &[ExportDoc]) -> Vec<Prepared> {
    let mut ids = IdMaker::default();
    docs.iter()
        .map(|d| {
            let id = ids.id_for(&d.name);
            prepare(d, id)
        })
        .collect()
}

/// Normalizes the text and re-bases the entities; entities whose range is
/// not a valid slice of the text (stale input) are left out, never a panic.
pub fn prepare(doc: &ExportDoc, id: String) -> Prepared {
    let (text, removed) = normalize_text(doc.text);
    let mut spans: Vec<(&Entity, Range<usize>)> = doc
        .entities
        .iter()
        .filter(|e| e.range.start < e.range.end && doc.text.get(e.range.clone()).is_some())
        .filter_map(|e| {
            let r = map_offset(&removed, e.range.start)..map_offset(&removed, e.range.end);
            (r.start < r.end && text.get(r.clone()).is_some()).then_some((e, r))
        })
        .collect();
    spans.sort_by(|a, b| {
        a.1.start
            .cmp(&b.1.start)
            .then(b.1.end.cmp(&a.1.end))
            .then(a.0.kind.cmp(&b.0.kind))
    });
    let index = OffsetIndex::new(&text);
    let entities = spans
        .into_iter()
        .enumerate()
        .map(|(i, (e, r))| PEntity {
            id: format!("T{}", i + 1),
            kind: e.kind,
            cp: index.from_byte(r.start, Unit::CodePoint)..index.from_byte(r.end, Unit::CodePoint),
            u16: index.from_byte(r.start, Unit::Utf16)..index.from_byte(r.end, Unit::Utf16),
            text: text[r.clone()].to_string(),
            range: r,
            norm: Norm::of(e),
        })
        .collect();
    Prepared {
        id,
        name: doc.name.clone(),
        uri: doc.uri.as_deref().map(file_uri),
        lang: doc.lang.as_str(),
        dct: doc.dct.as_ref().map(|d| d.timex()),
        text,
        entities,
    }
}

impl Prepared {
    /// The largest set of entities that do not overlap (earlier, then
    /// longer wins), for formats that cannot nest (CoNLL, spaCy `ents`).
    pub fn flat_entities(&self) -> Vec<&PEntity> {
        let mut out: Vec<&PEntity> = Vec::new();
        let mut end = 0;
        for e in &self.entities {
            if e.range.start >= end {
                end = e.range.end;
                out.push(e);
            }
        }
        out
    }

    pub fn is_chinese(&self) -> bool {
        matches!(self.lang, "zh-Hans" | "zh-Hant")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_strips_bom_and_crlf_and_maps_offsets() {
        let src = "\u{FEFF}标题\r\n京东\r计划";
        let (text, removed) = normalize_text(src);
        assert_eq!(text, "标题\n京东\n计划");
        let b = src.find("京东").unwrap();
        assert_eq!(&text[map_offset(&removed, b)..][..6], "京东");
    }

    #[test]
    fn ids_are_unique_and_safe() {
        let mut m = IdMaker::default();
        assert_eq!(m.id_for("a/news 1.txt"), "news_1");
        assert_eq!(m.id_for("b/news 1.txt"), "news_1-2");
        assert_eq!(m.id_for("-"), "stdin");
        assert_eq!(m.id_for(".txt"), "doc.txt");
    }

    #[test]
    fn decimals_never_use_exponents() {
        assert_eq!(decimal(20000000000.0), "20000000000");
        assert_eq!(decimal(1.2e21), "1200000000000000000000");
        assert_eq!(decimal(0.5), "0.5");
        assert_eq!(decimal(1234567.89), "1234567.89");
    }
}
