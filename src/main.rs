//! The command line: `annotate`, `eval`, `serve` (the default).

use article_lsp::document::DocumentRecord;
use article_lsp::eval;
use article_lsp::extract::{Dct, DctSource, Engine, Kind, Options};
use article_lsp::offsets::Unit;
use clap::{Parser, Subcommand, ValueEnum};
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

#[derive(Clone, Copy, ValueEnum)]
enum StreamFormat {
    /// One document object per file (an array when several).
    Json,
    /// One document object per line.
    Jsonl,
}

#[derive(Subcommand)]
enum Command {
    /// Find entities in articles and print them (offsets in code points).
    Annotate {
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: StreamFormat,
        /// The article's own date (YYYY, YYYY-MM or YYYY-MM-DD); overrides inference.
        #[arg(long, value_parser = parse_dct)]
        dct: Option<Dct>,
        /// Treat the input as Markdown (skip code, link targets, HTML, front matter).
        #[arg(long)]
        markdown: bool,
        /// Read JSON lines {"id", "text", "dct"?} from stdin, write one result per line.
        #[arg(long)]
        records: bool,
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
    /// Speak LSP over stdio (the default when stdin is not a terminal).
    Serve,
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
            dct,
            markdown,
            records,
            files,
        }) => {
            let options = Options { dct, markdown };
            if records {
                annotate_records(&options)
            } else {
                annotate(&files, format, &options)
            }
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

fn annotate(files: &[PathBuf], format: StreamFormat, options: &Options) -> i32 {
    if files.is_empty() {
        eprintln!("article-lsp annotate: no files given (use `-` for stdin)");
        return 2;
    }
    let engine = Engine::new();
    let mut failed = false;
    let mut docs = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in files {
        match read_article(path) {
            Ok((name, text)) => {
                let analysis = engine.analyze(&text, options);
                let doc = DocumentRecord::from_analysis(&name, &text, &analysis, Unit::CodePoint);
                match format {
                    StreamFormat::Jsonl => {
                        let line = serde_json::to_string(&doc).unwrap_or_default();
                        if writeln!(out, "{line}").is_err() {
                            return 1;
                        }
                    }
                    StreamFormat::Json => docs.push(doc),
                }
            }
            Err(msg) => {
                eprintln!("article-lsp: {msg}");
                failed = true;
            }
        }
    }
    if let StreamFormat::Json = format {
        let json = if files.len() == 1 {
            docs.first()
                .map(|d| serde_json::to_string_pretty(d).unwrap_or_default())
        } else {
            Some(serde_json::to_string_pretty(&docs).unwrap_or_default())
        };
        if let Some(json) = json {
            let _ = writeln!(out, "{json}");
        }
    }
    let _ = out.flush();
    i32::from(failed)
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
