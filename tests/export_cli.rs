//! The command line around exports: `annotate --format/--out`, `export`,
//! and bad input (unknown format, unwritable folder, a folder outside the
//! workspace, a failed write) with clear errors and no existing file
//! truncated or half-written.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(common::binary())
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run article-lsp")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn articles(dir: &Path) {
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "京东计划未来三年在东北投资超过200亿元。\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("sub/b.md"),
        "# Title\r\n\r\nJD.com plans to invest more than 20 billion yuan 🚀.\r\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes.json"), "{}").unwrap();
}

#[test]
fn annotate_json_keeps_its_contract() {
    let tmp = tempfile::tempdir().unwrap();
    articles(tmp.path());
    let one = run(&["annotate", "a.txt"], tmp.path());
    assert!(one.status.success());
    let v: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert!(v.is_object());
    for key in [
        "file",
        "lang",
        "dct",
        "dct_source",
        "offset_unit",
        "entities",
    ] {
        assert!(v.get(key).is_some(), "{key} in {v}");
    }
    assert_eq!(v["file"], "a.txt");
    let many = run(
        &["annotate", "--format", "json", "a.txt", "sub/b.md"],
        tmp.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&many.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    let lines = run(
        &["annotate", "--format", "jsonl", "a.txt", "sub/b.md"],
        tmp.path(),
    );
    assert_eq!(String::from_utf8_lossy(&lines.stdout).lines().count(), 2);
}

#[test]
fn annotate_streams_any_one_file_format_to_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    articles(tmp.path());
    for format in [
        "spacy",
        "csv",
        "csv-excel",
        "conll",
        "doccano",
        "w3c",
        "webanno",
    ] {
        let o = run(&["annotate", "--format", format, "a.txt"], tmp.path());
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(!o.stdout.is_empty(), "{format}");
    }
    let o = run(
        &["annotate", "--format", "doccano", "a.txt", "sub/b.md"],
        tmp.path(),
    );
    let s = String::from_utf8(o.stdout).unwrap();
    assert_eq!(s.lines().count(), 2);
    assert!(
        s.contains("\"text\":\"# Title\\n\\nJD.com"),
        "CRLF read as LF: {s}"
    );
}

#[test]
fn annotate_needs_out_for_multi_file_formats_and_writes_there() {
    let tmp = tempfile::tempdir().unwrap();
    articles(tmp.path());
    let o = run(&["annotate", "--format", "brat", "a.txt"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--out"), "{}", stderr(&o));
    let o = run(
        &["annotate", "--format", "brat", "--out", "out", "a.txt"],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for f in ["a.txt", "a.ann", "annotation.conf", "tools.conf"] {
        assert!(tmp.path().join("out").join(f).is_file(), "{f}");
    }
    let listed = String::from_utf8(o.stdout).unwrap();
    assert_eq!(listed.lines().count(), 4);
    let o = run(
        &["annotate", "--format", "csv", "--out", "out", "a.txt"],
        tmp.path(),
    );
    assert!(o.status.success());
    assert!(tmp.path().join("out/a.csv").is_file());
    let o = run(
        &[
            "annotate",
            "--format",
            "label-studio",
            "--out",
            "ls",
            "a.txt",
        ],
        tmp.path(),
    );
    assert!(o.status.success());
    assert!(tmp.path().join("ls/a.ls.json").is_file());
    assert!(tmp.path().join("ls/a.ls-config.xml").is_file());
}

#[test]
fn export_walks_a_folder_and_skips_its_own_output() {
    let tmp = tempfile::tempdir().unwrap();
    let arts = tmp.path().join("articles");
    articles(&arts);
    // The output folder inside the input folder: a second run must not
    // pick up the .txt copies brat wrote.
    for _ in 0..2 {
        let o = run(
            &[
                "export",
                "--format",
                "brat",
                "--out",
                "articles/brat",
                "articles",
            ],
            tmp.path(),
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stderr(&o).contains("2 articles"), "{}", stderr(&o));
    }
    let mut names: Vec<String> = std::fs::read_dir(arts.join("brat"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "a.ann",
            "a.txt",
            "annotation.conf",
            "b.ann",
            "b.txt",
            "tools.conf"
        ]
    );
    // No progress bar when stderr is not a terminal.
    let o = run(
        &["export", "--format", "conll", "--out", "c", "articles"],
        tmp.path(),
    );
    assert!(!stderr(&o).contains('█') && !stderr(&o).contains("articles 00:"));
    let conll = std::fs::read_to_string(tmp.path().join("c/export.iob2.conll")).unwrap();
    assert_eq!(conll.matches("-DOCSTART- -X- O O").count(), 2);
}

#[test]
fn unknown_format_is_a_clear_error_that_lists_the_names() {
    let tmp = tempfile::tempdir().unwrap();
    articles(tmp.path());
    std::fs::create_dir(tmp.path().join("out")).unwrap();
    std::fs::write(tmp.path().join("out/export.csv"), "OLD").unwrap();
    for cmd in [
        vec!["annotate", "--format", "xlsx", "a.txt"],
        vec!["export", "--format", "xlsx", "--out", "out", "."],
    ] {
        let o = run(&cmd, tmp.path());
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(err.contains("unknown export format `xlsx`"), "{err}");
        for name in [
            "json",
            "spacy",
            "csv-excel",
            "brat",
            "conll",
            "doccano",
            "label-studio",
            "w3c",
            "webanno",
        ] {
            assert!(err.contains(name), "{name} in {err}");
        }
    }
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("out/export.csv")).unwrap(),
        "OLD"
    );
}

#[test]
fn unwritable_folder_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    articles(tmp.path());
    // A regular file where a folder should be: no one, not even root, can
    // create a folder below it.
    let o = run(
        &["annotate", "--format", "csv", "--out", "a.txt/out", "a.txt"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot export") && stderr(&o).contains("a.txt/out"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("a.txt")).unwrap(),
        "京东计划未来三年在东北投资超过200亿元。\n"
    );
}

#[test]
fn a_folder_outside_the_workspace_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    articles(&ws);
    for out in ["../elsewhere", "/tmp/article-lsp-outside"] {
        let o = run(
            &[
                "export",
                "--format",
                "jsonl",
                "--workspace",
                ".",
                "--out",
                out,
                ".",
            ],
            &ws,
        );
        assert_eq!(o.status.code(), Some(2), "{out}");
        assert!(
            stderr(&o).contains("outside the workspace"),
            "{}",
            stderr(&o)
        );
    }
    assert!(!tmp.path().join("elsewhere").exists());
    #[cfg(unix)]
    {
        std::fs::create_dir(tmp.path().join("target")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("target"), ws.join("link")).unwrap();
        let o = run(
            &[
                "export",
                "--format",
                "jsonl",
                "--workspace",
                ".",
                "--out",
                "link/x",
                "a.txt",
            ],
            &ws,
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(std::fs::read_dir(tmp.path().join("target"))
            .unwrap()
            .next()
            .is_none());
    }
    let o = run(
        &[
            "export",
            "--format",
            "jsonl",
            "--workspace",
            ".",
            "--out",
            "exports",
            "a.txt",
        ],
        &ws,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(ws.join("exports/export.jsonl").is_file());
}

#[test]
fn a_failed_export_leaves_existing_files_whole() {
    let tmp = tempfile::tempdir().unwrap();
    articles(tmp.path());
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join("b.ann")).unwrap(); // a folder in the way
    std::fs::write(out.join("a.ann"), "OLD a.ann").unwrap();
    std::fs::write(out.join("annotation.conf"), "OLD conf").unwrap();
    let o = run(
        &[
            "export", "--format", "brat", "--out", "out", "a.txt", "sub/b.md",
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("b.ann"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(out.join("a.ann")).unwrap(),
        "OLD a.ann"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("annotation.conf")).unwrap(),
        "OLD conf"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n == "a.txt")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn atomic_write_replaces_whole_files_and_leaves_no_temporaries() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("x.csv");
    std::fs::write(&p, "OLD").unwrap();
    article_lsp::export::atomic_write(&p, b"NEW").unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "NEW");
    // A write into a missing folder fails and leaves nothing behind.
    let bad = tmp.path().join("missing/x.csv");
    assert!(article_lsp::export::atomic_write(&bad, b"x").is_err());
    let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn an_article_is_never_rewritten_by_its_own_export() {
    let tmp = tempfile::tempdir().unwrap();
    articles(tmp.path());
    // LF, no BOM: the article is its own brat `.txt`; only the .ann is new.
    let before = std::fs::metadata(tmp.path().join("a.txt"))
        .unwrap()
        .modified()
        .unwrap();
    let o = run(
        &["annotate", "--format", "brat", "--out", ".", "a.txt"],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(tmp.path().join("a.ann").is_file());
    let after = std::fs::metadata(tmp.path().join("a.txt"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
    // CRLF: the copy would differ, so the export is refused, nothing written.
    std::fs::write(tmp.path().join("c.txt"), "甲\r\n乙\r\n").unwrap();
    let o = run(
        &["annotate", "--format", "brat", "--out", ".", "c.txt"],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("overwrite"), "{}", stderr(&o));
    assert!(!tmp.path().join("c.ann").exists());
    assert_eq!(
        std::fs::read(tmp.path().join("c.txt")).unwrap(),
        "甲\r\n乙\r\n".as_bytes()
    );
}
