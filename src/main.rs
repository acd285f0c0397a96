//! The command line: `annotate`, `eval`, `serve` (the default).

use article_lsp::document::DocumentRecord;
use article_lsp::eval;
use article_lsp::export::{self, ExportDoc, Format};
use article_lsp::extract::{Dct, DctSource, Engine, Kind, Options};
use article_lsp::offsets::Unit;
use article_lsp::store::{cli_engine, review_file, CliDecisions};
use clap::{Parser, Subcommand};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "article-lsp",
    version,
    about = "Finds companies, money, percents and dates in news articles; a language server and a corpus tool."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Find entities in articles and print them (offsets in code points).
    Annotate {
        /// Output format: json, jsonl, spacy, csv, csv-excel, brat, conll,
        /// doccano, label-studio, w3c, webanno.
        #[arg(long, default_value = "json", value_parser = parse_format)]
        format: Format,
        /// Write the export into this folder instead of stdout (needed by
        /// formats that write several files, such as brat).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Refuse an --out folder outside this workspace folder.
        #[arg(long)]
        workspace: Option<PathBuf>,
        /// Base name of a stream format's file under --out (default: the
        /// article's name for one article, `export` for several).
        #[arg(long)]
        name: Option<String>,
        /// The article's own date (YYYY, YYYY-MM or YYYY-MM-DD); overrides inference.
        #[arg(long, value_parser = parse_dct)]
        dct: Option<Dct>,
        /// Treat the input as Markdown (skip code, link targets, HTML, front matter).
        #[arg(long)]
        markdown: bool,
        /// Read JSON lines {"id", "text", "dct"?} from stdin, write one result per line.
        #[arg(long)]
        records: bool,
        /// Ignore the decisions sidecars (`<article>.article-lsp.json`) and
        /// the ignore list: the engine's output as it is.
        #[arg(long)]
        no_decisions: bool,
        /// Where the sidecars live (the editor's `sidecar.directory`; a
        /// relative folder is taken from --workspace, else from each article's folder).
        #[arg(long)]
        sidecar_dir: Option<PathBuf>,
        /// Articles to read; `-` reads stdin.
        files: Vec<PathBuf>,
    },
    /// Score the engine against gold files.
    Eval {
        /// Folder of *.gold.json files.
        #[arg(long)]
        gold: PathBuf,
        /// Folder of the articles (default: `articles` beside the gold folder).
        #[arg(long)]
        articles: Option<PathBuf>,
        /// Fail (exit 1) unless strict F1 of KIND is at least F1, e.g. `money=0.95`.
        #[arg(long = "min", value_parser = parse_min)]
        min: Vec<(Kind, f64)>,
        /// Fail (exit 1) unless value accuracy of KIND is at least X, e.g. `date=0.85`.
        #[arg(long = "min-value", value_parser = parse_min)]
        min_value: Vec<(Kind, f64)>,
        /// Give the engine the gold article date instead of letting it infer one.
        #[arg(long)]
        gold_dct: bool,
        /// List every missed, spurious and wrongly valued entity.
        #[arg(long, short)]
        verbose: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export a whole folder of articles (*.txt, *.md, *.article) in one go.
    Export {
        /// Output format: json, jsonl, spacy, csv, csv-excel, brat, conll,
        /// doccano, label-studio, w3c, webanno.
        #[arg(long, value_parser = parse_format)]
        format: Format,
        /// The folder to write into (created when missing).
        #[arg(long)]
        out: PathBuf,
        /// Refuse an --out folder outside this workspace folder.
        #[arg(long)]
        workspace: Option<PathBuf>,
        /// Base name of a stream format's file.
        #[arg(long, default_value = "export")]
        name: String,
        /// The articles' own date (YYYY, YYYY-MM or YYYY-MM-DD); overrides inference.
        #[arg(long, value_parser = parse_dct)]
        dct: Option<Dct>,
        /// Treat every input as Markdown (default: only *.md files).
        #[arg(long)]
        markdown: bool,
        /// Ignore the decisions sidecars and the ignore list.
        #[arg(long)]
        no_decisions: bool,
        /// Where the sidecars live (see `annotate --sidecar-dir`).
        #[arg(long)]
        sidecar_dir: Option<PathBuf>,
        /// Folders (searched recursively) and article files.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Speak LSP over stdio (the default when stdin is not a terminal).
    Serve,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).map_err(|e| e.to_string())
}

fn parse_dct(s: &str) -> Result<Dct, String> {
    Dct::parse(s, DctSource::Given)
        .ok_or_else(|| format!("`{s}` is not a date like 2018-01-17, 2018-01 or 2018"))
}

fn parse_min(s: &str) -> Result<(Kind, f64), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or("expected KIND=VALUE, e.g. money=0.95")?;
    let kind = Kind::parse(k)
        .ok_or_else(|| format!("unknown kind `{k}` (company, money, percent, date)"))?;
    let v: f64 = v.parse().map_err(|_| format!("`{v}` is not a number"))?;
    Ok((kind, v))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        None if std::io::stdin().is_terminal() => {
            use clap::CommandFactory;
            let _ = Cli::command().print_help();
            0
        }
        None | Some(Command::Serve) => article_lsp::lsp::run(),
        Some(Command::Annotate {
            format,
            out,
            workspace,
            name,
            dct,
            markdown,
            records,
            no_decisions,
            sidecar_dir,
            files,
        }) => {
            let options = Options { dct, markdown };
            let decisions = CliDecisions {
                enabled: !no_decisions,
                dir: sidecar_dir,
                root: workspace.clone(),
            };
            if records {
                annotate_records(&options)
            } else {
                let target = Target {
                    out,
                    workspace,
                    name,
                };
                annotate(&files, format, &target, &options, &decisions)
            }
        }
        Some(Command::Export {
            format,
            out,
            workspace,
            name,
            dct,
            markdown,
            no_decisions,
            sidecar_dir,
            inputs,
        }) => {
            let decisions = CliDecisions {
                enabled: !no_decisions,
                dir: sidecar_dir,
                root: workspace.clone(),
            };
            let target = Target {
                out: Some(out),
                workspace,
                name: Some(name),
            };
            run_export(&inputs, format, &target, dct, markdown, &decisions)
        }
        Some(Command::Eval {
            gold,
            articles,
            min,
            min_value,
            gold_dct,
            verbose,
            json,
        }) => run_eval(gold, articles, &min, &min_value, gold_dct, verbose, json),
    };
    ExitCode::from(code as u8)
}

/// Reads one article; every failure is a one-line message naming the file.
fn read_article(path: &std::path::Path) -> Result<(String, String), String> {
    let name = path.display().to_string();
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
            .map_err(|e| format!("{name}: {e}"))?;
        buf
    } else {
        if path.is_dir() {
            return Err(format!("{name}: is a directory, not an article"));
        }
        std::fs::read(path).map_err(|e| format!("{name}: {}", io_reason(&e)))?
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.trim().is_empty() {
        return Err(format!("{name}: the file is empty"));
    }
    Ok((name, text))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Where an export goes: stdout, or files under `out`.
struct Target {
    out: Option<PathBuf>,
    workspace: Option<PathBuf>,
    name: Option<String>,
}

/// An analysed article, kept for the export.
struct Analysed {
    name: String,
    uri: Option<String>,
    text: String,
    analysis: article_lsp::extract::Analysis,
}

impl Analysed {
    fn doc(&self) -> ExportDoc<'_> {
        ExportDoc::from_analysis(&self.name, self.uri.clone(), &self.text, &self.analysis)
    }
}

fn annotate(
    files: &[PathBuf],
    format: Format,
    target: &Target,
    options: &Options,
    decisions: &CliDecisions,
) -> i32 {
    if files.is_empty() {
        eprintln!("article-lsp annotate: no files given (use `-` for stdin)");
        return 2;
    }
    let (engine, problems) = cli_engine(decisions, files.first().map(PathBuf::as_path));
    for p in problems {
        eprintln!("article-lsp: {p}");
    }
    let mut failed = false;
    let mut analysed = Vec::new();
    for path in files {
        match read_article(path) {
            Ok((name, text)) => {
                let mut options = options.clone();
                options.markdown |= article_lsp::extract::markdown::is_markdown_path(path);
                let (analysis, warning) = review_file(&engine, path, &text, &options, decisions);
                if let Some(w) = warning {
                    eprintln!("article-lsp: {w}");
                }
                let uri = (name != "-").then(|| name.clone());
                analysed.push(Analysed {
                    name,
                    uri,
                    text,
                    analysis,
                });
            }
            Err(msg) => {
                eprintln!("article-lsp: {msg}");
                failed = true;
            }
        }
    }
    let docs: Vec<ExportDoc> = analysed.iter().map(Analysed::doc).collect();
    let code = match &target.out {
        Some(dir) => {
            if docs.is_empty() {
                eprintln!("article-lsp annotate: nothing to export");
                return 1;
            }
            let stem = target.name.clone().unwrap_or_else(|| {
                if docs.len() == 1 {
                    export::model::IdMaker::default().id_for(&docs[0].name)
                } else {
                    "export".to_string()
                }
            });
            write_export(format, &docs, dir, target.workspace.as_deref(), &stem)
        }
        None => print_export(format, &docs, files.len()),
    };
    if code != 0 {
        code
    } else {
        i32::from(failed)
    }
}

/// Prints a one-file export on stdout. Our JSON keeps its contract: one
/// object when one file was asked for, an array otherwise.
fn print_export(format: Format, docs: &[ExportDoc], requested: usize) -> i32 {
    let bytes = match format {
        Format::Json => {
            let records: Vec<DocumentRecord> = docs.iter().map(export::json::record).collect();
            let json = if requested == 1 {
                records
                    .first()
                    .map(|d| serde_json::to_string_pretty(d).unwrap_or_default())
            } else {
                Some(serde_json::to_string_pretty(&records).unwrap_or_default())
            };
            json.map(|j| format!("{j}\n").into_bytes())
                .unwrap_or_default()
        }
        _ => match export::render(format, docs) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("article-lsp: {e}");
                return 2;
            }
        },
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if out.write_all(&bytes).and_then(|_| out.flush()).is_err() {
        return 1;
    }
    0
}

/// Writes an export under `dir` (checked against the workspace when one is
/// given) and lists the written paths on stdout.
fn write_export(
    format: Format,
    docs: &[ExportDoc],
    dir: &std::path::Path,
    workspace: Option<&std::path::Path>,
    stem: &str,
) -> i32 {
    let dir = match workspace {
        Some(root) => match export::resolve_inside(root, dir) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("article-lsp: {e}");
                return 2;
            }
        },
        None => dir.to_path_buf(),
    };
    match export::export_to_dir(format, docs, &dir, stem) {
        Ok(paths) => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            for p in paths {
                let _ = writeln!(out, "{}", p.display());
            }
            0
        }
        Err(e) => {
            eprintln!("article-lsp: cannot export: {e}");
            2
        }
    }
}

/// Collects the articles under `inputs` (folders recursively; hidden
/// entries, the output folder and brat collections skipped), sorted.
fn collect_articles(inputs: &[PathBuf], out: &std::path::Path) -> Result<Vec<PathBuf>, String> {
    let out = out.canonicalize().ok();
    let is_article = |p: &std::path::Path| {
        matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "md" | "article")
        )
    };
    let mut found = Vec::new();
    for input in inputs {
        if !input.exists() {
            return Err(format!("{}: no such file or folder", input.display()));
        }
        if input.is_file() {
            found.push(input.clone());
            continue;
        }
        let mut stack = vec![input.clone()];
        while let Some(dir) = stack.pop() {
            if out.is_some() && dir.canonicalize().ok() == out {
                continue;
            }
            // A brat collection (our own earlier export, say) holds copies
            // of articles, not articles: skip it unless named directly.
            if &dir != input && dir.join("annotation.conf").is_file() {
                continue;
            }
            let entries = std::fs::read_dir(&dir)
                .map_err(|e| format!("{}: {}", dir.display(), io_reason(&e)))?;
            for entry in entries.flatten() {
                let path = entry.path();
                let hidden = entry.file_name().to_string_lossy().starts_with('.');
                if hidden {
                    continue;
                }
                if path.is_dir() {
                    stack.push(path);
                } else if is_article(&path) {
                    found.push(path);
                }
            }
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

fn run_export(
    inputs: &[PathBuf],
    format: Format,
    target: &Target,
    dct: Option<Dct>,
    markdown: bool,
    decisions: &CliDecisions,
) -> i32 {
    let out = target.out.clone().unwrap_or_default();
    let files = match collect_articles(inputs, &out) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("article-lsp export: {e}");
            return 2;
        }
    };
    if files.is_empty() {
        eprintln!("article-lsp export: no articles (*.txt, *.md, *.article) found");
        return 2;
    }
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} articles {elapsed_precise} {wide_msg}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let (engine, problems) = cli_engine(decisions, inputs.first().map(PathBuf::as_path));
    for p in problems {
        bar.suspend(|| eprintln!("article-lsp: {p}"));
    }
    let mut failed = false;
    let mut analysed = Vec::new();
    for path in &files {
        bar.set_message(path.display().to_string());
        match read_article(path) {
            Ok((name, text)) => {
                let md = markdown || article_lsp::extract::markdown::is_markdown_path(path);
                let options = Options {
                    dct: dct.clone(),
                    markdown: md,
                };
                let (analysis, warning) = review_file(&engine, path, &text, &options, decisions);
                if let Some(w) = warning {
                    bar.suspend(|| eprintln!("article-lsp: {w}"));
                }
                analysed.push(Analysed {
                    uri: Some(name.clone()),
                    name,
                    text,
                    analysis,
                });
            }
            Err(msg) => {
                bar.suspend(|| eprintln!("article-lsp: {msg}"));
                failed = true;
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let docs: Vec<ExportDoc> = analysed.iter().map(Analysed::doc).collect();
    if docs.is_empty() {
        eprintln!("article-lsp export: no article could be read");
        return 1;
    }
    let stem = target.name.clone().unwrap_or_else(|| "export".into());
    let code = write_export(format, &docs, &out, target.workspace.as_deref(), &stem);
    if code == 0 {
        let entities: usize = docs.iter().map(|d| d.entities.len()).sum();
        eprintln!(
            "article-lsp export: {} articles, {entities} entities, format {}",
            docs.len(),
            format.name()
        );
    }
    if code != 0 {
        code
    } else {
        i32::from(failed)
    }
}

#[derive(serde::Deserialize)]
struct InputRecord {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    dct: Option<String>,
}

/// Streams JSON lines through the engine, one result per input line,
/// flushed as it goes.
fn annotate_records(options: &Options) -> i32 {
    let engine = Engine::new();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("article-lsp: stdin line {}: {e}", n + 1);
                failed = true;
                break;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let record: InputRecord = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("article-lsp: stdin line {}: {e}", n + 1);
                failed = true;
                continue;
            }
        };
        let mut opts = options.clone();
        if let Some(d) = record.dct.as_deref() {
            match Dct::parse(d, DctSource::Given) {
                Some(d) => opts.dct = Some(d),
                None => eprintln!("article-lsp: stdin line {}: ignoring dct `{d}`", n + 1),
            }
        }
        let analysis = engine.analyze(&record.text, &opts);
        let doc = DocumentRecord::from_analysis("", &record.text, &analysis, Unit::CodePoint);
        let mut value = serde_json::to_value(&doc).unwrap_or_default();
        if let Some(obj) = value.as_object_mut() {
            obj.remove("file");
            obj.insert("id".into(), record.id);
        }
        if writeln!(out, "{value}").and_then(|_| out.flush()).is_err() {
            return 1;
        }
    }
    i32::from(failed)
}

fn run_eval(
    gold: PathBuf,
    articles: Option<PathBuf>,
    min: &[(Kind, f64)],
    min_value: &[(Kind, f64)],
    gold_dct: bool,
    verbose: bool,
    json: bool,
) -> i32 {
    let articles = articles.unwrap_or_else(|| {
        gold.parent()
            .map(|p| p.join("articles"))
            .unwrap_or_default()
    });
    let engine = Engine::new();
    let report = match eval::evaluate(&engine, &gold, &articles, gold_dct) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("article-lsp eval: {e}");
            return 2;
        }
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        print!("{}", report.table());
        if verbose {
            for m in &report.misses {
                println!(
                    "{:<9} {:<8} {} {}..{} {} {}",
                    m.what,
                    m.kind.as_str(),
                    m.file,
                    m.start,
                    m.end,
                    m.text,
                    m.detail
                );
            }
        }
    }
    let mut code = 0;
    for (kind, want) in min {
        let got = report.kind(*kind).strict.f1;
        if got < *want {
            eprintln!("article-lsp eval: {kind} strict F1 {got:.3} is below {want}");
            code = 1;
        }
    }
    for (kind, want) in min_value {
        let got = report.kind(*kind).value_accuracy;
        if got < *want {
            eprintln!("article-lsp eval: {kind} value accuracy {got:.3} is below {want}");
            code = 1;
        }
    }
    code
}
