//! Benchmarks of the peacesciencer pipelines (see BENCHMARKS.md):
//!
//! - P1: directed dyad-years 1816–2016 + atop, nmc, contiguity, majors, gml-mids, capdist
//! - P2: P1 non-directed
//! - P3: state-years 1816–2016 + nmc, majors
//! - sscore: S (unweighted and CINC-weighted), π, κ, τ-b for every directed dyad-year 1816–2016
//! - writing P1 as Parquet and as CSV (into memory)
//!
//! Run with `cargo bench -p casus-dyad`. The record is loaded once, outside the timings.
#![expect(
    missing_docs,
    reason = "criterion_group! generates an undocumented `pub fn`"
)]

use casus_dyad::{create_dyad_years, create_state_years, write, CreateOptions, Options, Step};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;

const P1: &str = "atop,nmc,contiguity,majors,gml-mids,capdist";

fn opts(directed: bool) -> CreateOptions {
    CreateOptions {
        directed,
        years: Some((1816, 2016)),
        current_year: 2025,
    }
}

fn pipelines(c: &mut Criterion) {
    let rec = casus_data::load_record(&casus_data::DataSource::Bundled).expect("bundled data");
    let steps = Step::parse_list(P1).unwrap();
    let o = Options::default();
    let build = |directed: bool| {
        let mut f = create_dyad_years(&rec, &opts(directed)).unwrap();
        f.add_all(&steps, &rec, &o).unwrap();
        f
    };

    let mut g = c.benchmark_group("pipelines");
    g.measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Elements(1_912_290));
    g.bench_function("P1 directed 1816-2016 (6 steps)", |b| {
        b.iter(|| build(true))
    });
    g.throughput(Throughput::Elements(956_145));
    g.bench_function("P2 non-directed 1816-2016 (6 steps)", |b| {
        b.iter(|| build(false))
    });
    g.throughput(Throughput::Elements(15_951));
    g.bench_function("P3 state-years 1816-2016 (nmc, majors)", |b| {
        b.iter(|| {
            let mut f = create_state_years(&rec, &opts(true)).unwrap();
            f.add_all(&[Step::Nmc, Step::Majors], &rec, &o).unwrap();
            f
        })
    });
    g.throughput(Throughput::Elements(1_912_290));
    g.bench_function("create_dyadyears directed 1816-2016", |b| {
        b.iter(|| create_dyad_years(&rec, &opts(true)).unwrap())
    });
    g.finish();

    let base = create_dyad_years(&rec, &opts(true)).unwrap();
    let mut g = c.benchmark_group("steps (directed 1816-2016)");
    g.throughput(Throughput::Elements(1_912_290));
    for step in [
        Step::Atop,
        Step::Nmc,
        Step::Contiguity,
        Step::Majors,
        Step::GmlMids,
        Step::Capdist,
    ] {
        g.bench_function(step.name(), |b| {
            b.iter(|| {
                let mut f = base.clone();
                f.add(step, &rec, &o).unwrap();
                f
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("similarity");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Elements(1_912_290));
    g.bench_function("sscore all directed dyad-years 1816-2016", |b| {
        b.iter(|| {
            let mut f = base.clone();
            f.add(Step::Sscore, &rec, &o).unwrap();
            f
        })
    });
    g.finish();

    let p1 = build(true);
    let mut g = c.benchmark_group("write P1");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(15));
    g.throughput(Throughput::Elements(1_912_290));
    g.bench_function("parquet (snappy, in memory)", |b| {
        b.iter(|| {
            let mut buf = Vec::with_capacity(64 << 20);
            write::write_parquet(&p1, &mut buf).unwrap();
            buf.len()
        })
    });
    g.bench_function("csv (in memory)", |b| {
        b.iter(|| {
            let mut buf = Vec::with_capacity(256 << 20);
            write::write_csv(&p1, &mut buf).unwrap();
            buf.len()
        })
    });
    g.finish();
}

criterion_group!(benches, pipelines);
criterion_main!(benches);
