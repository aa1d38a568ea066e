//! Rough per-dyad cost of the similarity measures on a synthetic system of 200 states with
//! sparse ties (about 16 per state, like real alliance portfolios).
//!
//! `cargo run --release -p casus-similarity --example throughput`

use casus_similarity::{all_measures, Portfolio, Table, Weights, SR_MAX};
use std::hint::black_box;
use std::time::Instant;

const STATES: usize = 200;

fn main() {
    // xorshift: deterministic without a dependency.
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut codes = vec![0u8; STATES * STATES];
    for i in 0..STATES {
        codes[i * STATES + i] = SR_MAX;
        for _ in 0..8 {
            let j = (next() % STATES as u64) as usize;
            let c = (next() % 3 + 1) as u8;
            codes[i * STATES + j] = c;
            codes[j * STATES + i] = c;
        }
    }
    let cinc: Vec<f64> = (0..STATES).map(|_| (next() % 1000) as f64 / 1e5).collect();
    let row = |i: usize| &codes[i * STATES..(i + 1) * STATES];
    let portfolios: Vec<Portfolio> = (0..STATES)
        .map(|i| Portfolio::new(row(i), SR_MAX))
        .collect();
    let weights = Weights::new(&cinc);
    let dyads = (STATES * (STATES - 1) / 2) as f64;

    let time = |name: &str, f: &dyn Fn(usize, usize) -> f64| {
        let mut best = f64::INFINITY;
        for _ in 0..10 {
            let start = Instant::now();
            let mut sum = 0.0;
            for i in 0..STATES {
                for j in i + 1..STATES {
                    sum += f(black_box(i), j);
                }
            }
            black_box(sum);
            best = best.min(start.elapsed().as_nanos() as f64 / dyads);
        }
        println!("{name:<44} {best:>7.1} ns/dyad");
    };
    time("slices, unweighted, all measures", &|i, j| {
        all_measures(row(i), row(j), None, SR_MAX).kappa
    });
    time("slices, CINC-weighted, all measures", &|i, j| {
        all_measures(row(i), row(j), Some(&cinc), SR_MAX).kappa
    });
    time("portfolios, unweighted, all measures", &|i, j| {
        Table::from_portfolios(&portfolios[i], &portfolios[j])
            .measures()
            .kappa
    });
    time("portfolios, CINC-weighted, all measures", &|i, j| {
        Table::from_portfolios_weighted(&portfolios[i], &portfolios[j], &weights)
            .measures()
            .kappa
    });
}
