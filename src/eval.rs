//! Scoring against gold files, by the guidelines' Scoring section: strict
//! (same kind, same span) and lenient (same kind, overlapping) precision,
//! recall and F1 per kind, after removing optional gold entities from both
//! sides; value accuracy over the strict matches.

use crate::document::{DocumentRecord, EntityRecord};
use crate::extract::{Dct, DctSource, Engine, Kind, Options, Value};
use crate::offsets::Unit;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Default, Serialize)]
pub struct KindScore {
    pub gold: usize,
    pub predicted: usize,
    pub strict_tp: usize,
    pub lenient_tp_pred: usize,
    pub lenient_tp_gold: usize,
    pub value_ok: usize,
    pub strict: Prf,
    pub lenient: Prf,
    /// Share of strict matches whose value equals the gold value.
    pub value_accuracy: f64,
}

#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

fn prf(tp_pred: usize, pred: usize, tp_gold: usize, gold: usize) -> Prf {
    let p = if pred == 0 {
        1.0
    } else {
        tp_pred as f64 / pred as f64
    };
    let r = if gold == 0 {
        1.0
    } else {
        tp_gold as f64 / gold as f64
    };
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    Prf {
        precision: p,
        recall: r,
        f1,
    }
}

/// One mistake, for `--verbose` listings.
#[derive(Clone, Debug, Serialize)]
pub struct Miss {
    pub file: String,
    pub what: &'static str,
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub detail: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub documents: usize,
    pub kinds: Vec<(Kind, KindScore)>,
    pub misses: Vec<Miss>,
}

impl Report {
    pub fn kind(&self, kind: Kind) -> &KindScore {
        &self
            .kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .expect("every kind is scored")
            .1
    }

    /// The table printed by `article-lsp eval`.
    pub fn table(&self) -> String {
        let mut s = format!(
            "{} documents\n{:<8} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6}\n",
            self.documents,
            "kind",
            "gold",
            "pred",
            "P",
            "R",
            "F1",
            "lenP",
            "lenR",
            "lenF1",
            "value"
        );
        for (k, sc) in &self.kinds {
            s += &format!(
                "{:<8} {:>5} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3}\n",
                k.as_str(),
                sc.gold,
                sc.predicted,
                sc.strict.precision,
                sc.strict.recall,
                sc.strict.f1,
                sc.lenient.precision,
                sc.lenient.recall,
                sc.lenient.f1,
                sc.value_accuracy
            );
        }
        s
    }
}

fn overlaps(a: &EntityRecord, b: &EntityRecord) -> bool {
    a.start < b.end && b.start < a.end
}

/// Compares two values the way the guidelines do (companies are compared by
/// grouping elsewhere, so they always agree here).
fn value_equal(gold: &Option<Value>, pred: &Option<Value>) -> bool {
    match (gold, pred) {
        (None, _) => true,
        (Some(Value::Money(g)), Some(Value::Money(p))) => {
            let tol = (g.amount.abs() * 1e-4).max(1e-9);
            (g.amount - p.amount).abs() <= tol && g.currency == p.currency
        }
        (Some(Value::Percent(g)), Some(Value::Percent(p))) => (g.percent - p.percent).abs() < 1e-9,
        (Some(Value::Date(g)), Some(Value::Date(p))) => g.timex == p.timex,
        (Some(Value::Company(_)), Some(Value::Company(_))) => true,
        _ => false,
    }
}

fn canonical(v: &Option<Value>) -> Option<&str> {
    match v {
        Some(Value::Company(c)) => Some(&c.canonical),
        _ => None,
    }
}

/// Scores predicted documents against gold ones (paired by position).
pub fn score(pairs: &[(DocumentRecord, DocumentRecord)]) -> Report {
    let mut report = Report {
        documents: pairs.len(),
        ..Default::default()
    };
    for kind in Kind::ALL {
        let mut sc = KindScore::default();
        // Company linking: gold canonical -> predicted canonical -> count.
        let mut links: Vec<(String, String)> = Vec::new();
        for (gold_doc, pred_doc) in pairs {
            let gold_all: Vec<&EntityRecord> = gold_doc
                .entities
                .iter()
                .filter(|e| e.kind == kind)
                .collect();
            let gold: Vec<&EntityRecord> =
                gold_all.iter().copied().filter(|e| !e.optional).collect();
            let optional: Vec<&EntityRecord> =
                gold_all.iter().copied().filter(|e| e.optional).collect();
            let pred: Vec<&EntityRecord> = pred_doc
                .entities
                .iter()
                .filter(|e| e.kind == kind)
                .filter(|p| {
                    // Predictions on optional gold spans are neither credited nor penalized.
                    !optional.iter().any(|o| overlaps(o, p)) || gold.iter().any(|g| overlaps(g, p))
                })
                .collect();
            sc.gold += gold.len();
            sc.predicted += pred.len();
            for p in &pred {
                if gold.iter().any(|g| overlaps(g, p)) {
                    sc.lenient_tp_pred += 1;
                }
                match gold.iter().find(|g| g.start == p.start && g.end == p.end) {
                    Some(g) => {
                        sc.strict_tp += 1;
                        if kind == Kind::Company {
                            if let (Some(gc), Some(pc)) = (canonical(&g.value), canonical(&p.value))
                            {
                                links.push((gc.to_string(), pc.to_string()));
                            }
                        } else if value_equal(&g.value, &p.value) {
                            sc.value_ok += 1;
                        } else {
                            report.misses.push(Miss {
                                file: gold_doc.file.clone(),
                                what: "value",
                                kind,
                                start: p.start,
                                end: p.end,
                                text: p.text.clone(),
                                detail: format!(
                                    "gold {} / predicted {}",
                                    serde_json::to_string(&g.value).unwrap_or_default(),
                                    serde_json::to_string(&p.value).unwrap_or_default()
                                ),
                            });
                        }
                    }
                    None => report.misses.push(Miss {
                        file: gold_doc.file.clone(),
                        what: "spurious",
                        kind,
                        start: p.start,
                        end: p.end,
                        text: p.text.clone(),
                        detail: serde_json::to_string(&p.value).unwrap_or_default(),
                    }),
                }
            }
            for g in &gold {
                if pred.iter().any(|p| overlaps(g, p)) {
                    sc.lenient_tp_gold += 1;
                }
                if !pred.iter().any(|p| p.start == g.start && p.end == g.end) {
                    report.misses.push(Miss {
                        file: gold_doc.file.clone(),
                        what: "missed",
                        kind,
                        start: g.start,
                        end: g.end,
                        text: g.text.clone(),
                        detail: serde_json::to_string(&g.value).unwrap_or_default(),
                    });
                }
            }
        }
        if kind == Kind::Company {
            sc.value_ok = grouping_agreement(&links, &mut report.misses);
        }
        sc.strict = prf(sc.strict_tp, sc.predicted, sc.strict_tp, sc.gold);
        sc.lenient = prf(
            sc.lenient_tp_pred,
            sc.predicted,
            sc.lenient_tp_gold,
            sc.gold,
        );
        sc.value_accuracy = if sc.strict_tp == 0 {
            1.0
        } else {
            sc.value_ok as f64 / sc.strict_tp as f64
        };
        report.kinds.push((kind, sc));
    }
    report
}

/// Company values are scored by grouping: each gold company is paired with
/// the predicted canonical most of its mentions got, each predicted
/// canonical with at most one gold company; a mention is right when its
/// pair agrees.
fn grouping_agreement(links: &[(String, String)], misses: &mut Vec<Miss>) -> usize {
    let mut counts: HashMap<(&str, &str), usize> = HashMap::new();
    for (g, p) in links {
        *counts.entry((g.as_str(), p.as_str())).or_default() += 1;
    }
    let mut ranked: Vec<((&str, &str), usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut gold_taken: HashMap<&str, &str> = HashMap::new();
    let mut pred_taken: HashMap<&str, &str> = HashMap::new();
    let mut ok = 0;
    for ((g, p), n) in ranked {
        if gold_taken.contains_key(g) || pred_taken.contains_key(p) {
            misses.push(Miss {
                file: String::new(),
                what: "linking",
                kind: Kind::Company,
                start: 0,
                end: 0,
                text: format!("{n} mention(s)"),
                detail: format!("gold {g} predicted as {p}"),
            });
            continue;
        }
        gold_taken.insert(g, p);
        pred_taken.insert(p, g);
        ok += n;
    }
    ok
}

/// Where to find the article of a gold file.
fn article_for(gold: &DocumentRecord, gold_path: &Path, articles: &Path) -> PathBuf {
    let name = if gold.file.is_empty() {
        gold_path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .trim_end_matches(".gold.json")
            .to_string()
            + ".txt"
    } else {
        gold.file.clone()
    };
    articles.join(name)
}

/// Runs the engine over every gold file in `gold_dir`. `use_gold_dct` hands
/// the gold article date to the engine instead of letting it infer one.
pub fn evaluate(
    engine: &Engine,
    gold_dir: &Path,
    articles_dir: &Path,
    use_gold_dct: bool,
) -> Result<Report, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .map_err(|e| format!("{}: {e}", gold_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("{}: no *.gold.json files", gold_dir.display()));
    }
    let mut pairs = Vec::new();
    for path in paths {
        let raw = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let gold: DocumentRecord =
            serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
        let article = article_for(&gold, &path, articles_dir);
        let text =
            std::fs::read_to_string(&article).map_err(|e| format!("{}: {e}", article.display()))?;
        let options = Options {
            dct: if use_gold_dct {
                gold.dct
                    .as_deref()
                    .and_then(|d| Dct::parse(d, DctSource::Given))
            } else {
                None
            },
            markdown: crate::extract::markdown::is_markdown_path(&article),
        };
        let analysis = engine.analyze(&text, &options);
        let pred = DocumentRecord::from_analysis(&gold.file, &text, &analysis, Unit::CodePoint);
        pairs.push((gold, pred));
    }
    Ok(score(&pairs))
}
