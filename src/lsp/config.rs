//! The `articleLsp` configuration section: defaults, parsing and merging.
//!
//! A configuration message is merged over the current settings: keys that
//! are absent keep their value, keys set to `null` go back to the default,
//! invalid values are reported and ignored.

use crate::extract::{Dct, DctSource, Kind};
use serde_json::Value;

/// How one kind is shown: a diagnostic severity, or not at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Information,
    Hint,
    Off,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s.to_ascii_lowercase().as_str() {
            "error" => Level::Error,
            "warning" => Level::Warning,
            "information" | "info" => Level::Information,
            "hint" => Level::Hint,
            "off" | "none" => Level::Off,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Indexed by `Kind as usize`.
    pub kinds: [Level; 4],
    pub debounce_ms: u64,
    pub inlay_hints: bool,
    pub article_date: Option<Dct>,
    pub export_directory: Option<String>,
    pub export_format: String,
    pub article_globs: Vec<String>,
    pub sidecar_directory: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            kinds: [Level::Information; 4],
            debounce_ms: 150,
            inlay_hints: true,
            article_date: None,
            export_directory: None,
            export_format: "jsonl".to_string(),
            article_globs: vec![
                "**/*.txt".to_string(),
                "**/*.md".to_string(),
                "**/*.article".to_string(),
            ],
            sidecar_directory: None,
        }
    }
}

impl Config {
    pub fn level(&self, kind: Kind) -> Level {
        self.kinds[kind as usize]
    }

    pub fn shows(&self, kind: Kind) -> bool {
        self.level(kind) != Level::Off
    }

    /// Merges a settings object into `self`. Accepts the section itself,
    /// `{"articleLsp": {...}}` and `{"settings": {"articleLsp": {...}}}`, and
    /// dotted keys (`"export.directory"`). Returns one message per ignored value.
    pub fn merge(&mut self, value: &Value) -> Vec<String> {
        let mut problems = Vec::new();
        let Some(section) = section_of(value) else {
            if !value.is_null() {
                problems.push(format!("configuration is not an object: {value}"));
            }
            return problems;
        };
        for (key, v) in section {
            self.set(key, v, &mut problems);
        }
        problems
    }

    fn set(&mut self, key: &str, v: &Value, problems: &mut Vec<String>) {
        let defaults = Config::default();
        let mut bad = |what: &str| problems.push(format!("articleLsp.{key}: {what}, got {v}"));
        match key {
            "kinds" => match v {
                Value::Null => self.kinds = defaults.kinds,
                Value::Object(map) => {
                    for (k, level) in map {
                        let Some(kind) = Kind::parse(k) else {
                            problems.push(format!("articleLsp.kinds: unknown kind `{k}`"));
                            continue;
                        };
                        match level {
                            Value::Null => self.kinds[kind as usize] = Level::Information,
                            Value::Bool(false) => self.kinds[kind as usize] = Level::Off,
                            Value::Bool(true) => self.kinds[kind as usize] = Level::Information,
                            Value::String(s) => match Level::parse(s) {
                                Some(l) => self.kinds[kind as usize] = l,
                                None => problems.push(format!(
                                    "articleLsp.kinds.{k}: expected error, warning, information, hint or off, got {level}"
                                )),
                            },
                            _ => problems.push(format!(
                                "articleLsp.kinds.{k}: expected a string, got {level}"
                            )),
                        }
                    }
                }
                _ => bad("expected an object"),
            },
            "debounceMs" => match v {
                Value::Null => self.debounce_ms = defaults.debounce_ms,
                _ => match v.as_u64().or_else(|| {
                    v.as_f64()
                        .filter(|f| f.is_finite() && *f >= 0.0)
                        .map(|f| f as u64)
                }) {
                    Some(ms) => self.debounce_ms = ms.min(60_000),
                    None => bad("expected a number of milliseconds"),
                },
            },
            "inlayHints" => match v {
                Value::Null => self.inlay_hints = defaults.inlay_hints,
                Value::Bool(b) => self.inlay_hints = *b,
                _ => bad("expected true or false"),
            },
            "articleDate" => match v {
                Value::Null => self.article_date = None,
                Value::String(s) if s.trim().is_empty() => self.article_date = None,
                Value::String(s) => match Dct::parse(s, DctSource::Given) {
                    Some(d) => self.article_date = Some(d),
                    None => bad("expected a date like 2018-01-17"),
                },
                _ => bad("expected a date string or null"),
            },
            "export" => match v {
                Value::Null => {
                    self.export_directory = None;
                    self.export_format = defaults.export_format;
                }
                Value::Object(map) => {
                    for (k, v) in map {
                        self.set(&format!("export.{k}"), v, problems);
                    }
                }
                _ => bad("expected an object"),
            },
            "export.directory" => match v {
                Value::Null => self.export_directory = None,
                Value::String(s) if s.trim().is_empty() => self.export_directory = None,
                Value::String(s) => self.export_directory = Some(s.clone()),
                _ => bad("expected a folder path or null"),
            },
            "export.format" => match v {
                Value::Null => self.export_format = defaults.export_format,
                Value::String(s) => match crate::export::Format::parse(s) {
                    Ok(_) => self.export_format = s.clone(),
                    Err(e) => bad(&e.to_string()),
                },
                _ => bad("expected a format name"),
            },
            "articleGlobs" => match v {
                Value::Null => self.article_globs = defaults.article_globs,
                Value::Array(items) if items.iter().all(Value::is_string) => {
                    self.article_globs = items
                        .iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect();
                }
                _ => bad("expected an array of glob strings"),
            },
            "sidecar" => match v {
                Value::Null => self.sidecar_directory = None,
                Value::Object(map) => {
                    for (k, v) in map {
                        self.set(&format!("sidecar.{k}"), v, problems);
                    }
                }
                _ => bad("expected an object"),
            },
            "sidecar.directory" => match v {
                Value::Null => self.sidecar_directory = None,
                Value::String(s) if s.trim().is_empty() => self.sidecar_directory = None,
                Value::String(s) => self.sidecar_directory = Some(s.clone()),
                _ => bad("expected a folder path or null"),
            },
            // Editors keep their own keys in the same section (server path,
            // restarts...): not ours, not an error.
            _ => tracing::debug!("articleLsp.{key}: not a server setting, ignored"),
        }
    }
}

/// Finds the `articleLsp` object inside whatever wrapping the client used.
fn section_of(value: &Value) -> Option<&serde_json::Map<String, Value>> {
    let mut v = value;
    if let Some(inner) = v.get("settings") {
        v = inner;
    }
    if let Some(inner) = v.get("articleLsp") {
        v = inner;
    }
    v.as_object()
}

/// True when a `didChangeConfiguration` payload carries our settings (push
/// model); false when the client expects us to pull them.
pub fn carries_section(settings: &Value) -> bool {
    match settings {
        Value::Object(map) => {
            map.contains_key("articleLsp")
                || map.keys().any(|k| {
                    matches!(
                        k.as_str(),
                        "kinds"
                            | "debounceMs"
                            | "inlayHints"
                            | "articleDate"
                            | "export"
                            | "articleGlobs"
                            | "sidecar"
                    )
                })
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_match_the_contract() {
        let c = Config::default();
        assert_eq!(c.kinds, [Level::Information; 4]);
        assert_eq!(c.debounce_ms, 150);
        assert!(c.inlay_hints);
        assert_eq!(c.export_format, "jsonl");
        assert_eq!(c.article_globs.len(), 3);
    }

    #[test]
    fn merges_every_wrapping_and_dotted_keys() {
        let mut c = Config::default();
        let problems = c.merge(&json!({"settings": {"articleLsp": {
            "kinds": {"money": "error", "date": "off"},
            "debounceMs": 0,
            "inlayHints": false,
            "articleDate": "2018-01-17",
            "export": {"directory": "out", "format": "json"},
            "articleGlobs": ["**/*.news"]
        }}}));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.level(Kind::Money), Level::Error);
        assert!(!c.shows(Kind::Date));
        assert_eq!(c.level(Kind::Company), Level::Information);
        assert_eq!(c.debounce_ms, 0);
        assert!(!c.inlay_hints);
        assert_eq!(
            c.article_date.as_ref().map(|d| d.timex()).as_deref(),
            Some("2018-01-17")
        );
        assert_eq!(c.export_directory.as_deref(), Some("out"));
        assert_eq!(c.export_format, "json");
        assert_eq!(c.article_globs, vec!["**/*.news"]);

        let problems = c.merge(&json!({"export.directory": null, "articleDate": null}));
        assert!(problems.is_empty());
        assert_eq!(c.export_directory, None);
        assert_eq!(c.article_date, None);
        assert_eq!(c.debounce_ms, 0, "absent keys keep their value");
    }

    #[test]
    fn bad_values_are_reported_and_ignored() {
        let mut c = Config::default();
        let problems = c.merge(&json!({
            "kinds": {"money": "loud", "weather": "error"},
            "debounceMs": "fast",
            "articleDate": "yesterday",
            "export": {"format": "docx"}
        }));
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert_eq!(c, Config::default());
    }
}
