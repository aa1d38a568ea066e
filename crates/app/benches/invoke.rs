//! Per-incident cost of the engine alone (world already loaded and indexed): the obligations
//! of one attack, and the full response with the coalition cascade and balance.
#![expect(
    missing_docs,
    reason = "criterion_group! generates an undocumented `pub fn`"
)]

use casus_app::{with_library, Request, Scenario, SpecInput};
use casus_core::engine::Options;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let world =
        with_library(casus_data::load_world(&casus_data::DataSource::Bundled).unwrap()).unwrap();
    let req = Request {
        attackers: vec!["RUS".into()],
        target: Some("UKR".into()),
        date: Some("2025-09-01".into()),
        specs: vec![SpecInput::Id("ukraine-b".into())],
        ..Request::default()
    };
    let sc = Scenario::build(&world, &req).unwrap();
    let engine = sc.engine();
    let mut g = c.benchmark_group("engine");
    g.bench_function("invoke_rus_ukr_2025", |b| {
        b.iter(|| engine.invoke(&sc.incident, Options::default()))
    });
    g.bench_function("invoke_rus_ukr_2025_lean", |b| {
        b.iter(|| engine.invoke(&sc.incident, Options::LEAN))
    });
    g.bench_function("respond_rus_ukr_2025", |b| {
        b.iter(|| engine.respond(&sc.incident, Options::default()))
    });
    let est = Scenario::build(
        &world,
        &Request {
            target: Some("EST".into()),
            specs: vec![],
            ..req
        },
    )
    .unwrap();
    let engine = est.engine();
    g.bench_function("respond_rus_est_2025", |b| {
        b.iter(|| engine.respond(&est.incident, Options::default()))
    });
    g.bench_function("index_default_treaties", |b| {
        b.iter(|| est.engine().treaties.len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
