//! brat standoff: per document `ID.txt` (the exported text: UTF-8, LF, no
//! BOM) and `ID.ann`, plus `annotation.conf` and `tools.conf` for the
//! collection. Offsets are code points, end exclusive.
//!
//! `.ann` lines: `T` text-bound (split into `;` fragments at line breaks and
//! TABs, which the line format cannot hold), `A` attributes from closed sets
//! declared in `annotation.conf` (`NormType`, `Currency`, `Mod`), `N`
//! normalizations (`Reference Tn DB:ID`, no whitespace in DB or ID, DBs
//! declared in `tools.conf`) and `#` notes with the value in words.

use super::model::{label, prepare_all, Norm, Prepared};
use super::ExportDoc;
use crate::extract::Kind;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Normalization databases, as declared in `tools.conf`.
const DBS: &[(&str, &str)] = &[
    ("Amount", "https://en.wikipedia.org/wiki/ISO_4217"),
    ("Percent", "https://en.wikipedia.org/wiki/Percentage"),
    ("ISO8601", "https://en.wikipedia.org/wiki/ISO_8601"),
    ("Company", "https://en.wikipedia.org/wiki/Company"),
];

fn db_of(n: &Norm) -> &'static str {
    match n.kind {
        "MONEY" => "Amount",
        "PERCENT" => "Percent",
        "COMPANY" => "Company",
        _ => "ISO8601",
    }
}

/// A value brat can hold in an attribute or a normalization id: no
/// whitespace, no `:` or `|` or `,` (attribute value separators).
fn token_safe(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, ':' | '|' | ',' | ';'))
}

/// Whitespace and TABs inside free text become single spaces.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Attribute values seen across the export, for `annotation.conf`.
#[derive(Default)]
struct Attrs {
    norm_type: BTreeSet<String>,
    currency: BTreeSet<String>,
    modifier: BTreeSet<String>,
}

fn ann(doc: &Prepared, attrs: &mut Attrs) -> String {
    let mut out = String::new();
    let (mut a, mut n, mut note) = (0, 0, 0);
    for e in &doc.entities {
        // Fragments: the span cut at line breaks and TABs (code points).
        let mut frags: Vec<(usize, usize)> = Vec::new();
        let mut surface: Vec<&str> = Vec::new();
        let mut cp = e.cp.start;
        let mut frag_start: Option<(usize, usize)> = None; // (cp, byte)
        for (b, c) in e.text.char_indices() {
            if c == '\n' || c == '\t' || c == '\r' {
                if let Some((s, sb)) = frag_start.take() {
                    frags.push((s, cp));
                    surface.push(&e.text[sb..b]);
                }
            } else if frag_start.is_none() {
                frag_start = Some((cp, b));
            }
            cp += 1;
        }
        if let Some((s, sb)) = frag_start {
            frags.push((s, cp));
            surface.push(&e.text[sb..]);
        }
        if frags.is_empty() {
            continue;
        }
        let offsets: Vec<String> = frags.iter().map(|(s, e)| format!("{s} {e}")).collect();
        out.push_str(&format!(
            "{}\t{} {}\t{}\n",
            e.id,
            label(e.kind),
            offsets.join(";"),
            surface.join(" ")
        ));
        let Some(norm) = &e.norm else { continue };
        let mut attr = |name: &str, value: &str, set: &mut BTreeSet<String>| {
            if token_safe(value) {
                a += 1;
                out.push_str(&format!("A{a}\t{name} {} {value}\n", e.id));
                set.insert(value.to_string());
            }
        };
        if e.kind == Kind::Date {
            attr("NormType", norm.kind, &mut attrs.norm_type);
        }
        if let Some(u) = &norm.unit {
            attr("Currency", u, &mut attrs.currency);
        }
        if let Some(m) = &norm.modifier {
            attr("Mod", m, &mut attrs.modifier);
        }
        let id = if e.kind == Kind::Company {
            norm.ticker
                .clone()
                .filter(|t| token_safe(t))
                .unwrap_or_else(|| one_line(&norm.value).replace(' ', "_"))
        } else {
            norm.value.clone()
        };
        if !id.is_empty() && !id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            n += 1;
            out.push_str(&format!(
                "N{n}\tReference {} {}:{id}\t{}\n",
                e.id,
                db_of(norm),
                one_line(&norm.human())
            ));
        }
        note += 1;
        let mut parts = vec![format!("value={}", norm.value)];
        if let Some(u) = &norm.unit {
            parts.push(format!("currency={u}"));
        }
        if let Some(m) = &norm.modifier {
            parts.push(format!("mod={m}"));
        }
        if let Some(p) = &norm.per {
            parts.push(format!("per={p}"));
        }
        if let Some(t) = &norm.ticker {
            parts.push(format!("ticker={t}"));
        }
        out.push_str(&format!(
            "#{note}\tAnnotatorNotes {}\t{}\n",
            e.id,
            one_line(&parts.join("; "))
        ));
    }
    out
}

/// Values always declared, so `.ann` files written by earlier exports into
/// the same folder stay valid when a later export rewrites the config.
const NORM_TYPES: &[&str] = &["DATE", "TIME", "DURATION", "SET"];
const CURRENCIES: &[&str] = &[
    "CNY", "HKD", "TWD", "MOP", "USD", "EUR", "JPY", "GBP", "KRW", "SGD", "AUD", "CAD", "CHF",
    "INR", "RUB",
];
const MODS: &[&str] = &[
    "more_than",
    "less_than",
    "about",
    "at_least",
    "at_most",
    "over",
    "START",
    "MID",
    "END",
    "APPROX",
    "EARLY",
    "LATE",
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
];

fn annotation_conf(attrs: &Attrs) -> String {
    let mut s = String::from("# Written by article-lsp: entity types and attribute values of this collection.\n[entities]\n");
    for k in Kind::ALL {
        s.push_str(label(k));
        s.push('\n');
    }
    s.push_str("[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n[events]\n[attributes]\n");
    let join = |fixed: &[&str], seen: &BTreeSet<String>| {
        let mut all: Vec<String> = fixed.iter().map(|v| v.to_string()).collect();
        all.extend(
            seen.iter()
                .filter(|v| !fixed.contains(&v.as_str()))
                .cloned(),
        );
        all.join("|")
    };
    s.push_str(&format!(
        "NormType\tArg:DATE, Value:{}\n",
        join(NORM_TYPES, &attrs.norm_type)
    ));
    s.push_str(&format!(
        "Currency\tArg:MONEY, Value:{}\n",
        join(CURRENCIES, &attrs.currency)
    ));
    s.push_str(&format!(
        "Mod\tArg:<ENTITY>, Value:{}\n",
        join(MODS, &attrs.modifier)
    ));
    s
}

fn tools_conf() -> String {
    let mut s = String::from("[normalization]\n");
    for (db, url) in DBS {
        s.push_str(&format!("{db}\t<URL>:{url}\n"));
    }
    s
}

/// Every file of a brat collection, paths relative to the export folder.
pub fn files(docs: &[ExportDoc]) -> Vec<(PathBuf, Vec<u8>)> {
    let mut attrs = Attrs::default();
    let mut out = Vec::new();
    for doc in prepare_all(docs) {
        let ann = ann(&doc, &mut attrs);
        // The text exactly as exported (no newline added), so an article
        // that already is UTF-8 + LF without BOM is its own `.txt`.
        out.push((
            PathBuf::from(format!("{}.txt", doc.id)),
            doc.text.clone().into_bytes(),
        ));
        out.push((PathBuf::from(format!("{}.ann", doc.id)), ann.into_bytes()));
    }
    out.push((
        PathBuf::from("annotation.conf"),
        annotation_conf(&attrs).into_bytes(),
    ));
    out.push((PathBuf::from("tools.conf"), tools_conf().into_bytes()));
    out
}
