//! Every ATOP alliance (≈760 treaties) against every GML dispute and COW war incident
//! (1816–2010, all hostility levels). Target: well under one second on 2 cores.
//! Run: `cargo bench -p casus-backtest`.
#![expect(
    missing_docs,
    reason = "criterion_group! generates an undocumented `pub fn`"
)]

use casus_backtest::{backtest, incidents, reliability, Selection, Sources, Window};
use casus_core::treaty::Origin;
use casus_data::{load_world, DataSource};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let world = load_world(&DataSource::Bundled).expect("bundled data load");
    let atop: Vec<_> = world
        .treaties
        .iter()
        .filter(|t| matches!(t.origin, Origin::Atop { .. }))
        .collect();
    let sources = Sources {
        mids: true,
        wars: true,
        library: false,
    };
    let window = Window::years(1816, 2010).unwrap();
    let sel = Selection {
        window,
        min_hostility: 2,
    };
    let all = sel.apply(&incidents::build(&world, sources));
    eprintln!("{} ATOP treaties × {} incidents", atop.len(), all.len());
    let mut g = c.benchmark_group("backtest");
    g.sample_size(10);
    g.bench_function("build_incidents", |b| {
        b.iter(|| incidents::build(&world, sources))
    });
    g.bench_function("all_atop_x_mids_and_wars", |b| {
        b.iter(|| backtest(&world, &atop, &all, window, &[], &|_| {}))
    });
    g.bench_function("reliability_all_atop_x_mids_and_wars", |b| {
        b.iter(|| reliability(&world, &atop, &all, &|_| {}))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
