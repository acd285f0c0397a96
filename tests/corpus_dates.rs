//! `eval` over `../shared/corpus/` for dates, with the article date the
//! engine infers itself (not the gold one).

mod common;

use article_lsp::eval::evaluate;
use article_lsp::extract::{Engine, Kind};

#[test]
fn dates_meet_the_floor_with_inferred_dct() {
    let Some(shared) = common::shared_dir("dates_meet_the_floor_with_inferred_dct") else {
        return;
    };
    let report = evaluate(
        &Engine::new(),
        &shared.join("corpus/gold"),
        &shared.join("corpus/articles"),
        false,
    )
    .expect("the corpus evaluates");
    eprintln!("{}", report.table());
    for m in report.misses.iter().filter(|m| m.kind == Kind::Date) {
        eprintln!(
            "{:<9} {} {}..{} {} {}",
            m.what, m.file, m.start, m.end, m.text, m.detail
        );
    }
    let date = report.kind(Kind::Date);
    assert!(
        date.strict.f1 >= 0.85,
        "date strict F1 {:.3}",
        date.strict.f1
    );
    assert!(
        date.value_accuracy >= 0.85,
        "date value accuracy {:.3}",
        date.value_accuracy
    );
}
