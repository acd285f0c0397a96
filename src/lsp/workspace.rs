//! The workspace's article files: glob matching and a plain directory walk.

use regex::Regex;
use std::path::{Path, PathBuf};

/// Folders never worth walking into.
const SKIP_DIRS: &[&str] = &[
    "node_modules",
    "target",
    ".git",
    ".hg",
    ".svn",
    "__pycache__",
];
/// Upper bounds that keep a scan of a huge folder from running away.
pub const MAX_FILES: usize = 5000;
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A compiled set of globs (`**/*.txt`, `articles/*.md`, `*.{txt,md}`),
/// matched against paths relative to a workspace folder with `/` separators.
#[derive(Clone, Debug)]
pub struct Globs(Vec<Regex>);

impl Globs {
    pub fn new(globs: &[String]) -> Globs {
        Globs(globs.iter().filter_map(|g| glob_regex(g)).collect())
    }

    pub fn matches(&self, relative: &str) -> bool {
        self.0.iter().any(|r| r.is_match(relative))
    }
}

fn glob_regex(glob: &str) -> Option<Regex> {
    let mut re = String::from("^");
    let chars: Vec<char> = glob.trim_start_matches("./").chars().collect();
    let mut i = 0;
    let mut in_braces = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '*' if chars.get(i + 1) == Some(&'*') => {
                if chars.get(i + 2) == Some(&'/') {
                    re.push_str("(?:.*/)?");
                    i += 3;
                } else {
                    re.push_str(".*");
                    i += 2;
                }
                continue;
            }
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            '{' => {
                in_braces = true;
                re.push_str("(?:");
            }
            '}' if in_braces => {
                in_braces = false;
                re.push(')');
            }
            ',' if in_braces => re.push('|'),
            _ => re.push_str(&regex::escape(&c.to_string())),
        }
        i += 1;
    }
    re.push('$');
    Regex::new(&re).ok()
}

/// Every file under `root` whose relative path matches `globs`, sorted,
/// at most [`MAX_FILES`]; hidden folders and build folders are skipped.
pub fn article_files(root: &Path, globs: &Globs) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(ft) = entry.file_type() else { continue };
            let path = entry.path();
            if ft.is_dir() {
                if !name.starts_with('.') && !SKIP_DIRS.contains(&name.as_ref()) {
                    stack.push(path);
                }
            } else if ft.is_file() {
                let Ok(rel) = path.strip_prefix(root) else {
                    continue;
                };
                let rel = rel.to_string_lossy().replace('\\', "/");
                if globs.matches(&rel)
                    && entry
                        .metadata()
                        .map(|m| m.len() <= MAX_FILE_BYTES)
                        .unwrap_or(false)
                {
                    out.push(path);
                    if out.len() >= MAX_FILES {
                        out.sort();
                        return out;
                    }
                }
            }
        }
    }
    out.sort();
    out
}

/// True for Markdown files by extension.
pub fn is_markdown_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_like_editors_do() {
        let g = Globs::new(&["**/*.txt".into(), "notes/*.{md,article}".into()]);
        assert!(g.matches("a.txt"));
        assert!(g.matches("deep/er/a.txt"));
        assert!(g.matches("notes/x.md"));
        assert!(g.matches("notes/x.article"));
        assert!(!g.matches("notes/sub/x.md"));
        assert!(!g.matches("a.txt.bak"));
        assert!(!g.matches("x.md"));
    }

    #[test]
    fn walk_finds_matching_files_and_skips_hidden_folders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::create_dir_all(dir.path().join(".hidden")).unwrap();
        std::fs::write(dir.path().join("a/b/one.txt"), "x").unwrap();
        std::fs::write(dir.path().join("two.md"), "x").unwrap();
        std::fs::write(dir.path().join("three.rs"), "x").unwrap();
        std::fs::write(dir.path().join(".hidden/four.txt"), "x").unwrap();
        let files = article_files(
            dir.path(),
            &Globs::new(&["**/*.txt".into(), "**/*.md".into()]),
        );
        let names: Vec<_> = files
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .to_string()
            })
            .collect();
        assert_eq!(names, vec!["a/b/one.txt", "two.md"]);
    }
}
