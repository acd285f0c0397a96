//! Pure builders from an analysed snapshot to LSP objects: diagnostics,
//! semantic tokens, inlay hints, symbols, locations.

use super::config::{Config, Level};
use super::format;
use super::position::{Encoding, LineIndex};
use crate::extract::{Analysis, Dct, Entity, Kind};
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticSeverity, DocumentSymbol, InlayHint, InlayHintLabel, Location,
    NumberOrString, Position, Range, SemanticToken, SemanticTokenType, SemanticTokensLegend,
    SymbolInformation, SymbolKind, Uri,
};

/// One analysed version of a document. `text` is exactly what was analysed.
#[derive(Debug)]
pub struct Snapshot {
    /// The client's version of the text (0 for files read from disk).
    pub version: i32,
    /// The server's revision of the document the text was taken from.
    pub rev: u64,
    pub text: String,
    pub lines: LineIndex,
    pub analysis: Analysis,
    /// The inputs besides the text: the article date given, and Markdown mode.
    pub inputs: Inputs,
    /// True when only the changed lines were re-analysed (large documents
    /// while typing); a full analysis follows when typing pauses.
    pub partial: bool,
    /// The entities by line, for the next quick re-analysis (built lazily).
    pub line_map: std::sync::OnceLock<std::sync::Arc<super::incremental::LineMap>>,
    /// What the user's decisions made of the engine's entities (None: not
    /// applied). `analysis.entities` is the list after decisions.
    pub review: Option<std::sync::Arc<super::decisions::Review>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Inputs {
    /// The generation of the engine (its user gazetteer) that analysed.
    pub engine: u64,
    pub dct: Option<Dct>,
    pub markdown: bool,
}

impl Snapshot {
    pub fn range(&self, e: &Entity, enc: Encoding) -> Range {
        self.lines.range(&self.text, &e.range, enc)
    }

    /// The entity under a byte offset (touching its end counts, so a cursor
    /// right after a word still finds it); the innermost when several overlap.
    pub fn entity_at(&self, byte: usize, cfg: &Config) -> Option<&Entity> {
        self.analysis
            .entities
            .iter()
            .filter(|e| cfg.shows(e.kind) && e.range.start <= byte && byte <= e.range.end)
            .min_by_key(|e| (byte == e.range.end, e.range.len()))
    }

    pub fn visible<'a>(&'a self, cfg: &'a Config) -> impl Iterator<Item = &'a Entity> + 'a {
        self.analysis.entities.iter().filter(|e| cfg.shows(e.kind))
    }
}

pub const SOURCE: &str = "article-lsp";

pub fn severity(level: Level) -> Option<DiagnosticSeverity> {
    match level {
        Level::Error => Some(DiagnosticSeverity::ERROR),
        Level::Warning => Some(DiagnosticSeverity::WARNING),
        Level::Information => Some(DiagnosticSeverity::INFORMATION),
        Level::Hint => Some(DiagnosticSeverity::HINT),
        Level::Off => None,
    }
}

pub fn diagnostics(snap: &Snapshot, cfg: &Config, enc: Encoding) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = snap
        .analysis
        .entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let sev = severity(cfg.level(e.kind))?;
            let mut d = Diagnostic {
                range: snap.range(e, enc),
                severity: Some(sev),
                code: Some(NumberOrString::String(e.kind.as_str().to_string())),
                source: Some(SOURCE.to_string()),
                message: format::message(e),
                data: Some(format::data(e)),
                ..Default::default()
            };
            super::decisions::decorate(snap, i, &mut d);
            Some(d)
        })
        .collect();
    out.extend(super::decisions::extra_diagnostics(snap, enc));
    out
}

/// Token types by kind, all standard so every theme colours them.
pub const TOKEN_TYPES: [(Kind, SemanticTokenType); 4] = [
    (Kind::Company, SemanticTokenType::CLASS),
    (Kind::Money, SemanticTokenType::NUMBER),
    (Kind::Percent, SemanticTokenType::ENUM_MEMBER),
    (Kind::Date, SemanticTokenType::STRING),
];

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES.iter().map(|(_, t)| t.clone()).collect(),
        token_modifiers: vec![],
    }
}

fn token_type(kind: Kind) -> u32 {
    TOKEN_TYPES
        .iter()
        .position(|(k, _)| *k == kind)
        .unwrap_or(0) as u32
}

/// Tokens in document order, never overlapping, one per line piece (an
/// entity that spans a line break becomes one token per line).
pub fn semantic_tokens(snap: &Snapshot, cfg: &Config, enc: Encoding) -> Vec<SemanticToken> {
    let mut pieces: Vec<(Position, u32, u32)> = Vec::new();
    let mut last_end = 0usize;
    for e in snap.visible(cfg) {
        if e.range.start < last_end {
            continue;
        }
        last_end = e.range.end;
        let text = &snap.text[e.range.clone()];
        let mut start = e.range.start;
        for piece in text.split_inclusive(['\n', '\r']) {
            let body = piece.trim_end_matches(['\n', '\r']);
            if !body.is_empty() {
                let pos = snap.lines.position(&snap.text, start, enc);
                pieces.push((pos, enc.len(body) as u32, token_type(e.kind)));
            }
            start += piece.len();
        }
    }
    let mut out = Vec::with_capacity(pieces.len());
    let (mut line, mut col) = (0u32, 0u32);
    for (pos, length, ty) in pieces {
        let delta_line = pos.line - line;
        let delta_start = if delta_line == 0 {
            pos.character - col
        } else {
            pos.character
        };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length,
            token_type: ty,
            token_modifiers_bitset: 0,
        });
        line = pos.line;
        col = pos.character;
    }
    out
}

/// The smallest edit from `old` to `new`, in tokens: (start, deleted, inserted slice).
pub fn token_edit(
    old: &[SemanticToken],
    new: &[SemanticToken],
) -> Option<(usize, usize, std::ops::Range<usize>)> {
    if old == new {
        return None;
    }
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    Some((
        prefix,
        old.len() - prefix - suffix,
        prefix..new.len() - suffix,
    ))
}

pub fn inlay_hints(snap: &Snapshot, cfg: &Config, enc: Encoding, range: Range) -> Vec<InlayHint> {
    if !cfg.inlay_hints {
        return vec![];
    }
    let (from, _) = snap.lines.offset(&snap.text, range.start, enc);
    let (to, _) = snap.lines.offset(&snap.text, range.end, enc);
    snap.visible(cfg)
        .filter(|e| e.range.end >= from && e.range.start <= to)
        .filter_map(|e| {
            let label = format::inlay_label(e)?;
            Some(InlayHint {
                position: snap.lines.position(&snap.text, e.range.end, enc),
                label: InlayHintLabel::String(label),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
        })
        .collect()
}

pub fn symbol_kind(kind: Kind) -> SymbolKind {
    match kind {
        Kind::Company => SymbolKind::CLASS,
        Kind::Money => SymbolKind::NUMBER,
        Kind::Percent => SymbolKind::NUMBER,
        Kind::Date => SymbolKind::EVENT,
    }
}

fn group_name(kind: Kind, n: usize) -> String {
    let plural = match kind {
        Kind::Company => "Companies",
        Kind::Money => "Money",
        Kind::Percent => "Percents",
        Kind::Date => "Dates",
    };
    format!("{plural} ({n})")
}

/// The outline: one group per kind, the mentions inside in document order.
#[allow(deprecated)]
pub fn document_symbols(snap: &Snapshot, cfg: &Config, enc: Encoding) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        if !cfg.shows(kind) {
            continue;
        }
        let children: Vec<DocumentSymbol> = snap
            .analysis
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| {
                let r = snap.range(e, enc);
                DocumentSymbol {
                    name: if e.text.trim().is_empty() {
                        e.kind.to_string()
                    } else {
                        e.text.to_string()
                    },
                    detail: Some(format!(
                        "{}{}",
                        format::value_words(e),
                        format::qualifier_words(e.qualifier)
                    )),
                    kind: symbol_kind(kind),
                    tags: None,
                    deprecated: None,
                    range: r,
                    selection_range: r,
                    children: None,
                }
            })
            .collect();
        let (Some(first), Some(last)) = (children.first(), children.last()) else {
            continue;
        };
        let range = Range::new(first.range.start, last.range.end);
        out.push(DocumentSymbol {
            name: group_name(kind, children.len()),
            detail: None,
            kind: SymbolKind::NAMESPACE,
            tags: None,
            deprecated: None,
            range,
            selection_range: first.range,
            children: Some(children),
        });
    }
    out
}

/// The flat form for clients without hierarchical symbol support.
#[allow(deprecated)]
pub fn flat_symbols(
    snap: &Snapshot,
    cfg: &Config,
    enc: Encoding,
    uri: &Uri,
) -> Vec<SymbolInformation> {
    snap.visible(cfg)
        .map(|e| SymbolInformation {
            name: e.text.to_string(),
            kind: symbol_kind(e.kind),
            tags: None,
            deprecated: None,
            location: Location::new(uri.clone(), snap.range(e, enc)),
            container_name: Some(
                group_name(e.kind, 0)
                    .split(' ')
                    .next()
                    .unwrap_or("")
                    .to_string(),
            ),
        })
        .collect()
}

/// Every mention in `snap` whose key is `key`.
pub fn locations_of(
    snap: &Snapshot,
    cfg: &Config,
    key: &str,
    uri: &Uri,
    enc: Encoding,
) -> Vec<Location> {
    snap.visible(cfg)
        .filter(|e| format::key(e) == key)
        .map(|e| Location::new(uri.clone(), snap.range(e, enc)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Lang, MoneyValue, Value};

    fn snap(text: &str, spans: &[(&str, Kind)]) -> Snapshot {
        let entities = spans
            .iter()
            .map(|(s, k)| {
                let start = text.find(s).unwrap();
                Entity {
                    kind: *k,
                    range: start..start + s.len(),
                    text: (*s).into(),
                    value: Some(Value::Money(MoneyValue {
                        amount: 1.0,
                        currency: None,
                        per: None,
                    })),
                    qualifier: None,
                }
            })
            .collect();
        Snapshot {
            version: 1,
            rev: 1,
            text: text.to_string(),
            lines: LineIndex::new(text),
            analysis: Analysis {
                lang: Lang::Mixed,
                dct: None,
                entities,
            },
            inputs: Inputs {
                engine: 0,
                dct: None,
                markdown: false,
            },
            partial: false,
            line_map: Default::default(),
            review: None,
        }
    }

    #[test]
    fn tokens_are_relative_and_split_at_line_breaks() {
        let s = snap(
            "🚀 ab\r\ncd ef\ngh",
            &[("ab", Kind::Money), ("ef\ngh", Kind::Date)],
        );
        let t = semantic_tokens(&s, &Config::default(), Encoding::Utf16);
        let flat: Vec<[u32; 4]> = t
            .iter()
            .map(|t| [t.delta_line, t.delta_start, t.length, t.token_type])
            .collect();
        assert_eq!(flat, vec![[0, 3, 2, 1], [1, 3, 2, 3], [1, 0, 2, 3]]);
        let mut cfg = Config::default();
        cfg.kinds[Kind::Date as usize] = Level::Off;
        assert_eq!(semantic_tokens(&s, &cfg, Encoding::Utf16).len(), 1);
        assert_eq!(diagnostics(&s, &cfg, Encoding::Utf16).len(), 1);
    }

    #[test]
    fn token_edit_finds_the_changed_middle() {
        let t = |n: u32| SemanticToken {
            delta_line: n,
            delta_start: 0,
            length: 1,
            token_type: 0,
            token_modifiers_bitset: 0,
        };
        let old = vec![t(1), t(2), t(3), t(4)];
        let new = vec![t(1), t(9), t(9), t(3), t(4)];
        assert_eq!(token_edit(&old, &new), Some((1, 1, 1..3)));
        assert_eq!(token_edit(&old, &old), None);
        assert_eq!(token_edit(&old, &[]), Some((0, 4, 0..0)));
    }
}
