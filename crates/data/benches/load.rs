//! How long loading the whole bundled record takes (decompress, parse, validate, build the
//! state system and the ATOP treaties). Target: well under half a second on 2 cores.
#![expect(
    missing_docs,
    reason = "criterion_group! generates an undocumented `pub fn`"
)]

use casus_data::{load_world, DataSource};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(20);
    g.bench_function("bundled_world", |b| {
        b.iter(|| load_world(&DataSource::Bundled).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
