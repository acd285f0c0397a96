//! Engine throughput on the example articles concatenated to about 10 MB.

use article_lsp::extract::{lang, money, percent, Engine, Folded, Options};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The articles of `dir` (relative to the crate) concatenated to about 10
/// MB; `None` when the folder is not there (the shared corpus in a clone).
fn corpus_of(dir: &str) -> Option<String> {
    let mut seed = String::new();
    let mut paths: Vec<_> = std::fs::read_dir(format!("{}/{dir}", env!("CARGO_MANIFEST_DIR")))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
        .collect();
    paths.sort();
    for p in paths {
        seed += &std::fs::read_to_string(p).expect("article is UTF-8");
        seed.push('\n');
    }
    if seed.is_empty() {
        return None;
    }
    let mut text = String::with_capacity(10_500_000);
    while text.len() < 10_000_000 {
        text += &seed;
    }
    Some(text)
}

/// Our examples: short articles packed with entities, the hard case.
fn corpus() -> String {
    corpus_of("examples").expect("examples/ exists")
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let engine = Engine::new();
    let options = Options::default();
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("analyze_10mb", |b| {
        b.iter(|| engine.analyze(&text, &options))
    });
    // The real articles of the shared corpus (fewer entities per byte than
    // our examples), when it sits beside the clone.
    if let Some(shared) = corpus_of("../shared/corpus/articles") {
        group.throughput(Throughput::Bytes(shared.len() as u64));
        group.bench_function("analyze_shared_10mb", |b| {
            b.iter(|| engine.analyze(&shared, &options))
        });
        group.throughput(Throughput::Bytes(text.len() as u64));
    }
    // The parts, so a slow one shows: folding alone, then folding plus the
    // money and percent matchers (their share is the difference).
    group.bench_function("fold_10mb", |b| b.iter(|| Folded::new(&text).text.len()));
    group.bench_function("fold_money_percent_10mb", |b| {
        b.iter(|| {
            let folded = Folded::new(&text);
            let lang = lang::detect(&folded);
            let mut out = Vec::new();
            money::find(&folded, lang, &mut out);
            percent::find(&folded, &mut out);
            out.len()
        })
    });
    // Folding plus the company pass alone (its share is the difference to fold_10mb).
    group.bench_function("fold_companies_10mb", |b| {
        b.iter(|| {
            let folded = Folded::new(&text);
            let mut out = Vec::new();
            engine.companies.find(&folded, &mut out);
            out.len()
        })
    });
    group.finish();
    c.bench_function("engine_build", |b| b.iter(Engine::new));
    // The company automaton built from scratch (what the first Engine::new pays).
    c.bench_function("companies_compile", |b| {
        b.iter(article_lsp::extract::companies::Gazetteer::compile_builtin)
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
