//! `eval` over `../shared/corpus/`: accuracy is measured against gold files.

mod common;

use article_lsp::eval::{evaluate, Report};
use article_lsp::extract::{Engine, Kind};

fn report(test: &str) -> Option<Report> {
    let shared = common::shared_dir(test)?;
    let engine = Engine::new();
    let report = evaluate(
        &engine,
        &shared.join("corpus/gold"),
        &shared.join("corpus/articles"),
        false,
    )
    .expect("the corpus evaluates");
    eprintln!("{}", report.table());
    for m in &report.misses {
        eprintln!(
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
    Some(report)
}

#[test]
fn money_and_percent_meet_the_floor() {
    let Some(r) = report("money_and_percent_meet_the_floor") else {
        return;
    };
    let money = r.kind(Kind::Money);
    assert!(
        money.strict.f1 >= 0.95,
        "money strict F1 {:.3}",
        money.strict.f1
    );
    assert!(
        money.value_accuracy >= 0.95,
        "money value accuracy {:.3}",
        money.value_accuracy
    );
    let percent = r.kind(Kind::Percent);
    assert!(
        percent.strict.f1 >= 0.95,
        "percent strict F1 {:.3}",
        percent.strict.f1
    );
}
