//! `eval` over `../shared/corpus/` for companies: detection (strict F1) and
//! linking (one canonical per company, scored by grouping).

mod common;

use article_lsp::eval::evaluate;
use article_lsp::extract::{Engine, Kind};

#[test]
fn companies_meet_the_floor() {
    let Some(shared) = common::shared_dir("companies_meet_the_floor") else {
        return;
    };
    let engine = Engine::new();
    let report = evaluate(
        &engine,
        &shared.join("corpus/gold"),
        &shared.join("corpus/articles"),
        false,
    )
    .expect("the corpus evaluates");
    eprintln!("{}", report.table());
    for m in report.misses.iter().filter(|m| m.kind == Kind::Company) {
        eprintln!(
            "{:<9} {} {}..{} {} {}",
            m.what, m.file, m.start, m.end, m.text, m.detail
        );
    }
    let c = report.kind(Kind::Company);
    assert!(c.gold > 100, "the corpus has company gold ({})", c.gold);
    assert!(
        c.strict.f1 >= 0.85,
        "company strict F1 {:.3} (P {:.3} R {:.3})",
        c.strict.f1,
        c.strict.precision,
        c.strict.recall
    );
    assert!(
        c.value_accuracy >= 0.90,
        "company linking accuracy {:.3}",
        c.value_accuracy
    );
}
