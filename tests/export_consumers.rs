//! Real consumers of the exports, installed by `scripts/setup` into `.venv`:
//! spaCy (char_span strict, doc.ents, `spacy convert` of the CoNLL file),
//! pybrat (brat reader) plus brat's load rules, the Label Studio SDK
//! (config and prediction validation), pyld (W3C JSON-LD expansion with the
//! context shipped in the repository). Each runs on the hand-made fixtures
//! (with exact expectations) and on the engine's output for `examples/`
//! written by `article-lsp export`.
//!
//! Skipped (SKIPPED on stderr) when `.venv` is missing, unless
//! `ARTICLE_LSP_REQUIRE_CORPUS=1` (CI), where it fails instead.

mod common;
mod export_fixtures;

use article_lsp::export::{self, model, ExportDoc, Format};
use export_fixtures::{all, Fixture};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;

fn venv_python(test: &str) -> Option<PathBuf> {
    let py = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    if py.exists() {
        return Some(py);
    }
    if std::env::var("ARTICLE_LSP_REQUIRE_CORPUS").as_deref() == Ok("1") {
        panic!("{test}: .venv is missing (run scripts/setup) and ARTICLE_LSP_REQUIRE_CORPUS=1");
    }
    // Straight to stderr: the test harness swallows `eprintln!` of a passing test.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: .venv is missing; run scripts/setup to install the consumer tools"
    );
    None
}

fn consumer(py: &Path, script: &str, args: &[&Path]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/consumers");
    let out = Command::new(py)
        .arg(dir.join(script))
        .args(args)
        .current_dir(&dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("run python");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{script} {args:?} failed:\n{stdout}\n{stderr}"
    );
    eprintln!("{script}: {}", stdout.trim());
    // scripts/test prints this log after `cargo test`: which loaders ran
    // and what they proved.
    let log = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-consumers.log");
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
    {
        use std::io::Write;
        let _ = writeln!(f, "{script}: {}", stdout.trim());
    }
}

/// Writes the expectations the scripts compare with: the exported text and
/// each entity's code point span, label and surface.
fn write_expected(fixtures: &[Fixture], path: &Path) {
    let docs: Vec<ExportDoc> = fixtures.iter().map(Fixture::doc).collect();
    let prepared = model::prepare_all(&docs);
    let v: Vec<_> = prepared
        .iter()
        .map(|p| {
            json!({
                "doc_id": p.id,
                "lang": p.lang,
                "text": p.text,
                "entities": p.entities.iter().map(|e| json!({
                    "label": model::label(e.kind),
                    "text": e.text,
                    "start": e.cp.start,
                    "end": e.cp.end,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    std::fs::write(path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
}

fn export_fixtures(fixtures: &[Fixture], format: Format, dir: &Path) -> Vec<PathBuf> {
    let docs: Vec<ExportDoc> = fixtures.iter().map(Fixture::doc).collect();
    export::export_to_dir(format, &docs, dir, "fixtures").expect("export")
}

fn find<'a>(paths: &'a [PathBuf], ending: &str) -> &'a Path {
    paths
        .iter()
        .find(|p| p.to_string_lossy().ends_with(ending))
        .unwrap_or_else(|| panic!("no {ending} in {paths:?}"))
}

fn check_all(py: &Path, fixtures: &[Fixture], tmp: &Path) {
    std::fs::create_dir_all(tmp).unwrap();
    let expected = tmp.join("expected.json");
    write_expected(fixtures, &expected);
    let spacy = export_fixtures(fixtures, Format::Spacy, &tmp.join("spacy"));
    let conll = export_fixtures(fixtures, Format::Conll, &tmp.join("conll"));
    consumer(py, "check_spacy.py", &[&spacy[0], &conll[0], &expected]);
    let brat = tmp.join("brat");
    export_fixtures(fixtures, Format::Brat, &brat);
    consumer(py, "check_brat.py", &[&brat, &expected]);
    let ls = export_fixtures(fixtures, Format::LabelStudio, &tmp.join("ls"));
    consumer(
        py,
        "check_label_studio.py",
        &[
            find(&ls, ".ls.json"),
            find(&ls, ".ls-config.xml"),
            &expected,
        ],
    );
    let w3c = tmp.join("w3c");
    export_fixtures(fixtures, Format::W3c, &w3c);
    let context = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/export/anno-context.jsonld");
    consumer(py, "check_w3c.py", &[&w3c, &context, &expected]);
}

#[test]
fn real_consumers_accept_the_fixture_exports() {
    let Some(py) = venv_python("real_consumers_accept_the_fixture_exports") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    // ARTICLE_LSP_KEEP_EXPORTS=DIR keeps the fixture exports for a look.
    let keep = std::env::var_os("ARTICLE_LSP_KEEP_EXPORTS").map(PathBuf::from);
    check_all(&py, &all(), keep.as_deref().unwrap_or(tmp.path()));
    // One document alone (no DOCSTART, a single task, a single page).
    let one = tempfile::tempdir().unwrap();
    check_all(&py, &[export_fixtures::crafted()], one.path());
}

/// `article-lsp export` of every article under `input`, in each format a
/// consumer reads, then the consumers (no exact expectations: the engine
/// decides the entities).
fn engine_exports_pass_the_consumers(py: &Path, input: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let export = |format: &str| -> PathBuf {
        let dir = tmp.path().join(format);
        let out = Command::new(common::binary())
            .args(["export", "--format", format, "--out"])
            .arg(&dir)
            .arg(input)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "export {format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    };
    let spacy = export("spacy");
    let conll = export("conll");
    // The engine's English boundaries may fall inside a spaCy token; such
    // spans are reported (and must align with "expand"); Chinese is strict.
    consumer(
        py,
        "check_spacy.py",
        &[
            Path::new("--lenient-en"),
            &spacy.join("export.spacy.jsonl"),
            &conll.join("export.iob2.conll"),
        ],
    );
    let brat = export("brat");
    consumer(py, "check_brat.py", &[&brat]);
    let ls = export("label-studio");
    consumer(
        py,
        "check_label_studio.py",
        &[&ls.join("export.ls.json"), &ls.join("export.ls-config.xml")],
    );
    let w3c = export("w3c");
    consumer(
        py,
        "check_w3c.py",
        &[&w3c, &root.join("src/export/anno-context.jsonld")],
    );
}

#[test]
fn real_consumers_accept_the_engine_export_of_the_examples() {
    let Some(py) = venv_python("real_consumers_accept_the_engine_export_of_the_examples") else {
        return;
    };
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    engine_exports_pass_the_consumers(&py, &examples);
}

#[test]
fn real_consumers_accept_the_engine_export_of_the_shared_corpus() {
    let test = "real_consumers_accept_the_engine_export_of_the_shared_corpus";
    let Some(shared) = common::shared_dir(test) else {
        return;
    };
    let Some(py) = venv_python(test) else {
        return;
    };
    engine_exports_pass_the_consumers(&py, &shared.join("corpus/articles"));
}
