//! Exports: one module per format, all fed by the same document model.
//!
//! Every writer receives [`ExportDoc`]s (the exact text plus the entities to
//! write, with the user's decisions already applied) and writes through
//! [`atomic_write`] / [`atomic_write_all`], so no export is ever left
//! half-written and a failed export leaves existing files as they were.
//!
//! Except our own JSON (the `annotate` contract, code points of the text as
//! read), every format works from [`model::Prepared`]: the text with a
//! leading BOM removed and CRLF / CR turned into LF, offsets recomputed on
//! it. That text is what the formats carry or write beside themselves.
//!
//! | name | files | offsets | notes |
//! |---|---|---|---|
//! | `json`, `jsonl` | `<stem>.json(l)` | code points (original text) | the `annotate` contract |
//! | `spacy` | `<stem>.spacy.jsonl` | code points | `entities` (ORG/MONEY/PERCENT/DATE, flat), `spans.sc` (+kb_id), `meta.norm` |
//! | `csv`, `csv-excel` | `<stem>.csv` / `<stem>.excel.csv` | code points | Excel: BOM, CRLF, formula guard |
//! | `brat` | `<id>.txt` + `<id>.ann`, `annotation.conf`, `tools.conf` | code points | T/A/N/# lines |
//! | `conll` | `<stem>.iob2.conll` | tokens | chars for Chinese, words otherwise; `-DOCSTART- -X- O O` |
//! | `doccano` | `<stem>.doccano.jsonl` | UTF-16 | same keys on every line, `doc_id` |
//! | `label-studio` | `<stem>.ls.json` + `<stem>.ls-config.xml` | code points | `predictions`, per-region norm text area |
//! | `w3c` | `<id>.jsonld` | code points | AnnotationPage; context copy in `anno-context.jsonld` |
//! | `webanno` | `<id>.tsv` | UTF-16 | WebAnno TSV 3.3, NamedEntity layer |
//!
//! Normalized numbers are always decimal strings (never floats).

pub mod brat;
pub mod conll;
pub mod csv;
pub mod doccano;
pub mod json;
pub mod labelstudio;
pub mod model;
pub mod spacy;
pub mod tokens;
pub mod w3c;
pub mod webanno;

use crate::extract::{Analysis, Dct, Entity, Lang};
use crate::offsets::Unit;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What one exported document is made of.
#[derive(Clone, Debug)]
pub struct ExportDoc<'a> {
    /// A short name (file name without folders) used for ids and file names.
    pub name: String,
    /// Where the article lives (a path or a `file://` URI), when known.
    pub uri: Option<String>,
    /// The exact text the offsets refer to.
    pub text: &'a str,
    pub lang: Lang,
    pub dct: Option<Dct>,
    /// Sorted by start; byte ranges into `text`.
    pub entities: &'a [Entity],
}

impl<'a> ExportDoc<'a> {
    pub fn from_analysis(
        name: &str,
        uri: Option<String>,
        text: &'a str,
        analysis: &'a Analysis,
    ) -> ExportDoc<'a> {
        ExportDoc {
            name: name.to_string(),
            uri,
            text,
            lang: analysis.lang,
            dct: analysis.dct.clone(),
            entities: &analysis.entities,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("unknown export format `{0}` (known: {known})", known = Format::names().join(", "))]
    UnknownFormat(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}: the path is outside the workspace folder")]
    OutsideWorkspace(PathBuf),
    #[error(
        "format `{format}` writes {count} files; give a folder to write them into (--out DIR)"
    )]
    NeedsDirectory { format: &'static str, count: usize },
    #[error("{0}: the export would overwrite this article with a different copy (BOM or CRLF removed); export into another folder")]
    WouldOverwriteSource(PathBuf),
}

/// The export formats, by the names users type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Our own JSON: one document object, or an array of them.
    Json,
    /// Our own JSON lines: one document object per line.
    Jsonl,
    /// spaCy-style JSON lines (`text`, `entities`, `spans`, `meta`), code points.
    Spacy,
    /// One row per entity, code points.
    Csv,
    /// CSV for Excel: BOM, CRLF, formula-injection guard.
    CsvExcel,
    /// brat standoff: `.txt` + `.ann` per document, `annotation.conf`, `tools.conf`.
    Brat,
    /// CoNLL IOB2 tokens, `-DOCSTART-` between documents.
    Conll,
    /// doccano sequence-labelling JSON lines, UTF-16 offsets.
    Doccano,
    /// Label Studio tasks with predictions, plus the labelling config.
    LabelStudio,
    /// W3C Web Annotation: one JSON-LD AnnotationPage per document.
    W3c,
    /// WebAnno TSV 3.3 (INCEpTION): one file per document, UTF-16 offsets.
    Webanno,
}

impl Format {
    pub const ALL: &'static [Format] = &[
        Format::Json,
        Format::Jsonl,
        Format::Spacy,
        Format::Csv,
        Format::CsvExcel,
        Format::Brat,
        Format::Conll,
        Format::Doccano,
        Format::LabelStudio,
        Format::W3c,
        Format::Webanno,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Spacy => "spacy",
            Format::Csv => "csv",
            Format::CsvExcel => "csv-excel",
            Format::Brat => "brat",
            Format::Conll => "conll",
            Format::Doccano => "doccano",
            Format::LabelStudio => "label-studio",
            Format::W3c => "w3c",
            Format::Webanno => "webanno",
        }
    }

    /// Other spellings accepted by [`Format::parse`].
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Format::Spacy => &["spacy-jsonl"],
            Format::CsvExcel => &["excel"],
            Format::Conll => &["iob2", "conll2003"],
            Format::LabelStudio => &["labelstudio", "ls"],
            Format::W3c => &["web-annotation", "jsonld"],
            Format::Webanno => &["webanno-tsv", "inception", "tsv3"],
            _ => &[],
        }
    }

    pub fn names() -> Vec<&'static str> {
        Format::ALL.iter().map(|f| f.name()).collect()
    }

    pub fn parse(name: &str) -> Result<Format, ExportError> {
        let wanted = name.trim().to_ascii_lowercase().replace('_', "-");
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == wanted || f.aliases().contains(&wanted.as_str()))
            .ok_or_else(|| ExportError::UnknownFormat(name.to_string()))
    }

    /// True when the format is one stream (one file, or stdout) for any
    /// number of documents; false when it writes files per document.
    pub fn is_stream(self) -> bool {
        !matches!(
            self,
            Format::Brat | Format::LabelStudio | Format::W3c | Format::Webanno
        )
    }

    /// The file name ending of a stream format's single file.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Spacy => "spacy.jsonl",
            Format::Csv => "csv",
            Format::CsvExcel => "excel.csv",
            Format::Conll => "iob2.conll",
            Format::Doccano => "doccano.jsonl",
            Format::LabelStudio => "ls.json",
            Format::W3c => "jsonld",
            Format::Webanno => "tsv",
            Format::Brat => "ann",
        }
    }

    /// The offset unit the format writes, when it writes offsets.
    pub fn unit(self) -> Option<Unit> {
        match self {
            Format::Conll => None,
            Format::Doccano | Format::Webanno => Some(Unit::Utf16),
            _ => Some(Unit::CodePoint),
        }
    }
}

/// Renders a format into bytes, when it is one file (every stream format;
/// a per-document format for a single document, e.g. one brat `.ann` is
/// not enough, but one W3C page is).
pub fn render(format: Format, docs: &[ExportDoc]) -> Result<Vec<u8>, ExportError> {
    let mut files = render_files(format, docs, "export")?;
    if files.len() == 1 {
        Ok(files.pop().map(|(_, b)| b).unwrap_or_default())
    } else {
        Err(ExportError::NeedsDirectory {
            format: format.name(),
            count: files.len(),
        })
    }
}

/// Every file `format` makes of `docs`, as paths relative to the export
/// folder; stream formats make `<stem>.<extension>`.
pub fn render_files(
    format: Format,
    docs: &[ExportDoc],
    stem: &str,
) -> Result<Vec<(PathBuf, Vec<u8>)>, ExportError> {
    let one = |bytes: Vec<u8>| {
        vec![(
            PathBuf::from(format!("{stem}.{}", format.extension())),
            bytes,
        )]
    };
    Ok(match format {
        Format::Json => one(json::render_json(docs)),
        Format::Jsonl => one(json::render_jsonl(docs)),
        Format::Spacy => one(spacy::render(docs)),
        Format::Csv => one(csv::render(docs, false)),
        Format::CsvExcel => one(csv::render(docs, true)),
        Format::Conll => one(conll::render(docs)),
        Format::Doccano => one(doccano::render(docs)),
        Format::LabelStudio => vec![
            (
                PathBuf::from(format!("{stem}.ls.json")),
                labelstudio::render_tasks(docs),
            ),
            (
                PathBuf::from(format!("{stem}.ls-config.xml")),
                labelstudio::config().into_bytes(),
            ),
        ],
        Format::Brat => brat::files(docs),
        Format::W3c => w3c::files(docs),
        Format::Webanno => webanno::files(docs),
    })
}

/// Writes `docs` in `format` into the folder `dir`, naming stream outputs
/// `<stem>.<ext>`. Returns every path written. All files are rendered and
/// written to temporary files first and only then renamed into place, so a
/// failure leaves every existing file as it was.
pub fn export_to_dir(
    format: Format,
    docs: &[ExportDoc],
    dir: &Path,
    stem: &str,
) -> Result<Vec<PathBuf>, ExportError> {
    let files = render_files(format, docs, stem)?;
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let files: Vec<(PathBuf, Vec<u8>)> = files
        .into_iter()
        .map(|(rel, bytes)| (dir.join(rel), bytes))
        .collect();
    // An article is never rewritten by its own export (a brat `.txt` copy
    // beside the article is the article): identical bytes are left alone,
    // different bytes are refused.
    let sources: Vec<PathBuf> = docs
        .iter()
        .filter_map(|d| d.uri.as_deref().and_then(source_path))
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let mut to_write = Vec::with_capacity(files.len());
    for (path, bytes) in &files {
        let is_source = path
            .canonicalize()
            .map(|c| sources.contains(&c))
            .unwrap_or(false);
        if is_source {
            if std::fs::read(path).ok().as_deref() == Some(bytes.as_slice()) {
                continue;
            }
            return Err(ExportError::WouldOverwriteSource(path.clone()));
        }
        to_write.push((path.clone(), bytes.clone()));
    }
    atomic_write_all(&to_write)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// The file a document came from: a plain path, or a `file://` URI.
fn source_path(uri: &str) -> Option<PathBuf> {
    if let Some(rest) = uri.strip_prefix("file://") {
        let bytes = rest.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' && i + 2 < bytes.len() {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    out.push(b);
                    i += 3;
                    continue;
                }
            }
            out.push(bytes[i]);
            i += 1;
        }
        let path = String::from_utf8(out).ok()?;
        // `file:///C:/x` on Windows
        let path = match path.as_bytes() {
            [b'/', _, b':', ..] if cfg!(windows) => path[1..].to_string(),
            _ => path,
        };
        Some(PathBuf::from(path))
    } else if uri.contains("://") {
        None
    } else {
        Some(PathBuf::from(uri))
    }
}

/// Writes several files all or nothing (as far as a file system allows):
/// every target is checked, every temporary file written and synced, and
/// only then are they renamed into place.
pub fn atomic_write_all(files: &[(PathBuf, Vec<u8>)]) -> Result<(), ExportError> {
    for (path, _) in files {
        if path.is_dir() {
            return Err(ExportError::Io {
                path: path.clone(),
                source: std::io::Error::other("a folder is in the way of the file to write"),
            });
        }
    }
    let mut temps: Vec<PathBuf> = Vec::new();
    let cleanup = |temps: &[PathBuf]| {
        for t in temps {
            let _ = std::fs::remove_file(t);
        }
    };
    for (path, bytes) in files {
        match write_temp(path, bytes) {
            Ok(t) => temps.push(t),
            Err(e) => {
                cleanup(&temps);
                return Err(e);
            }
        }
    }
    for (i, ((path, _), tmp)) in files.iter().zip(&temps).enumerate() {
        if let Err(source) = std::fs::rename(tmp, path) {
            cleanup(&temps[i..]);
            return Err(ExportError::Io {
                path: path.clone(),
                source,
            });
        }
    }
    Ok(())
}

fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("export");
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

/// Writes `bytes` into a fresh temporary file beside `path`; returns it.
fn write_temp(path: &Path, bytes: &[u8]) -> Result<PathBuf, ExportError> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(source) => {
            let _ = std::fs::remove_file(&tmp);
            Err(ExportError::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    }
}

/// One JSON value per line.
pub(crate) fn json_lines(values: impl Iterator<Item = serde_json::Value>) -> Vec<u8> {
    let mut out = Vec::new();
    for v in values {
        if let Ok(line) = serde_json::to_vec(&v) {
            out.extend_from_slice(&line);
            out.push(b'\n');
        }
    }
    out
}

/// The normalized values of a document as a list of objects with offsets
/// in `unit`; every key always present (null when absent).
pub(crate) fn norm_list(doc: &model::Prepared, unit: Unit) -> Vec<serde_json::Value> {
    doc.entities
        .iter()
        .filter_map(|e| {
            let n = e.norm.as_ref()?;
            let (start, end) = match unit {
                Unit::Utf16 => (e.u16.start, e.u16.end),
                Unit::Byte => (e.range.start, e.range.end),
                Unit::CodePoint => (e.cp.start, e.cp.end),
            };
            Some(serde_json::json!({
                "id": e.id,
                "start": start,
                "end": end,
                "label": model::label(e.kind),
                "type": n.kind,
                "value": n.value,
                "unit": n.unit,
                "mod": n.modifier,
                "per": n.per,
                "ticker": n.ticker,
                "text": n.human(),
            }))
        })
        .collect()
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so readers see the old file or the new one, never a part.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let tmp = write_temp(path, bytes)?;
    std::fs::rename(&tmp, path).map_err(|source| {
        let _ = std::fs::remove_file(&tmp);
        ExportError::Io {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Resolves `requested` (relative to `root`, or absolute) and refuses any
/// path that leaves `root`: `..` components, absolute paths elsewhere and
/// symlinks that point out.
pub fn resolve_inside(root: &Path, requested: &Path) -> Result<PathBuf, ExportError> {
    let root = root.canonicalize().map_err(|source| ExportError::Io {
        path: root.to_path_buf(),
        source,
    })?;
    let joined = if requested.is_absolute() {
        requested.to_path_buf()
    } else {
        root.join(requested)
    };
    // Canonicalize the longest existing ancestor (resolving symlinks), then
    // re-append the parts that do not exist yet; `..` among those is refused.
    let mut existing = joined.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(n), Some(p)) => {
                rest.push(n.to_os_string());
                existing = p.to_path_buf();
            }
            _ => return Err(ExportError::OutsideWorkspace(requested.to_path_buf())),
        }
    }
    if joined
        .components()
        .any(|c| matches!(c, std::path::Component::ParentDir))
        && !rest.is_empty()
    {
        return Err(ExportError::OutsideWorkspace(requested.to_path_buf()));
    }
    let mut resolved = existing.canonicalize().map_err(|source| ExportError::Io {
        path: existing.clone(),
        source,
    })?;
    for part in rest.iter().rev() {
        resolved.push(part);
    }
    if resolved.starts_with(&root) {
        Ok(resolved)
    } else {
        Err(ExportError::OutsideWorkspace(requested.to_path_buf()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_paths_from_uris_and_paths() {
        assert_eq!(
            source_path("file:///tmp/a%20b/%E4%BA%AC.txt"),
            Some(PathBuf::from("/tmp/a b/京.txt"))
        );
        assert_eq!(source_path("file:///x/%zz"), Some(PathBuf::from("/x/%zz")));
        assert_eq!(source_path("a/b.txt"), Some(PathBuf::from("a/b.txt")));
        assert_eq!(source_path("https://example.com/a.txt"), None);
    }

    #[test]
    fn a_file_uri_source_is_protected_too() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("新闻 1.txt");
        std::fs::write(&article, "京东\r\n").unwrap();
        let uri = model::file_uri(&article.to_string_lossy());
        assert!(uri.starts_with("file:///") && uri.contains("%20"));
        let doc = ExportDoc {
            name: "新闻 1.txt".into(),
            uri: Some(uri),
            text: "京东\r\n",
            lang: Lang::ZhHans,
            dct: None,
            entities: &[],
        };
        // The brat copy is named after the id (`新闻_1.txt`), not the article.
        let paths = export_to_dir(Format::Brat, std::slice::from_ref(&doc), dir.path(), "x");
        assert!(paths.is_ok());
        // Same name as the article: refused, the article untouched.
        let doc = ExportDoc {
            name: "plain.txt".into(),
            ..doc
        };
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, "京东\r\n").unwrap();
        let doc = ExportDoc {
            uri: Some(model::file_uri(&plain.to_string_lossy())),
            ..doc
        };
        let err = export_to_dir(Format::Brat, &[doc], dir.path(), "x").unwrap_err();
        assert!(matches!(err, ExportError::WouldOverwriteSource(_)), "{err}");
        assert_eq!(std::fs::read(&plain).unwrap(), "京东\r\n".as_bytes());
    }
}
