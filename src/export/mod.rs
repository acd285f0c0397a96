//! Exports: one module per format, all fed by the same document model.
//!
//! Every writer receives [`ExportDoc`]s (the exact text plus the entities to
//! write, with the user's decisions already applied) and writes through
//! [`atomic_write`], so no export is ever left half-written.

pub mod json;

use crate::extract::{Analysis, Dct, Entity, Lang};
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
}

/// The export formats, by the names users type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Our own JSON: one document object, or an array of them.
    Json,
    /// Our own JSON lines: one document object per line.
    Jsonl,
}

impl Format {
    pub const ALL: &'static [Format] = &[Format::Json, Format::Jsonl];

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }

    pub fn names() -> Vec<&'static str> {
        Format::ALL.iter().map(|f| f.name()).collect()
    }

    pub fn parse(name: &str) -> Result<Format, ExportError> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == name)
            .ok_or_else(|| ExportError::UnknownFormat(name.to_string()))
    }

    /// True when the format is one stream (one file, or stdout) for any
    /// number of documents; false when it writes files per document.
    pub fn is_stream(self) -> bool {
        matches!(self, Format::Json | Format::Jsonl)
    }
}

/// Renders a stream format into bytes.
pub fn render(format: Format, docs: &[ExportDoc]) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Json => Ok(json::render_json(docs)),
        Format::Jsonl => Ok(json::render_jsonl(docs)),
    }
}

/// Writes `docs` in `format` into the folder `dir`, naming stream outputs
/// `<stem>.<ext>`. Returns every path written.
pub fn export_to_dir(
    format: Format,
    docs: &[ExportDoc],
    dir: &Path,
    stem: &str,
) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let path = dir.join(format!("{stem}.{}", format.name()));
    atomic_write(&path, &render(format, docs)?)?;
    Ok(vec![path])
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so readers see the old file or the new one, never a part.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("export");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
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
