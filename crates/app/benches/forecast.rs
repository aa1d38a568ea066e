//! The forecast's cost: fitting and validating the model on the whole record, and the
//! headline forecast (engine, model and 10,000 draws) for Russia attacking Ukraine under
//! variant B.
#![expect(
    missing_docs,
    reason = "criterion_group! generates an undocumented `pub fn`"
)]

use casus_app::{forecast, with_library, Request, SpecInput};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let world =
        with_library(casus_data::load_world(&casus_data::DataSource::Bundled).unwrap()).unwrap();
    let model = forecast::model(&world).unwrap();
    let design = forecast::design(&world).unwrap();
    let req = Request {
        attackers: vec!["RUS".into()],
        target: Some("UKR".into()),
        date: Some("2025-09-01".into()),
        specs: vec![SpecInput::Id("ukraine-b".into())],
        ..Request::default()
    };
    let mut g = c.benchmark_group("forecast");
    g.sample_size(10);
    g.bench_function("model_whole_record", |b| {
        b.iter(|| forecast::model(&world).unwrap())
    });
    g.bench_function("fit_and_validate_only", |b| {
        b.iter(|| forecast::model_from(&design).unwrap())
    });
    g.sample_size(30);
    g.bench_function("ukraine_b_10000_draws", |b| {
        b.iter(|| forecast::forecast(&world, &model, &req, 10_000, 1).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
