//! Property tests: the table-based measures against direct textbook implementations
//! (O(N) means and variances, O(N²) pair loop for τ-b), and the bounds and identities that
//! hold mathematically.

use casus_similarity::{
    all_measures, tau_b, Distance, Measures, Portfolio, Table, Weights, MAX_CODE,
};
use proptest::prelude::*;

const TOL: f64 = 1e-9;

fn same(x: f64, y: f64) -> bool {
    (x.is_nan() && y.is_nan()) || (x - y).abs() <= TOL
}

fn same_measures(m: &Measures, n: &Measures) -> bool {
    same(m.s_absolute, n.s_absolute)
        && same(m.s_squared, n.s_squared)
        && same(m.pi, n.pi)
        && same(m.kappa, n.kappa)
        && same(m.tau_b, n.tau_b)
}

fn unit(n: usize) -> Vec<f64> {
    vec![1.0; n]
}

/// Signorino–Ritter S straight from the definition.
fn naive_s(a: &[u8], b: &[u8], w: &[f64], max: u8, distance: Distance) -> f64 {
    let d = |x: u8, y: u8| {
        let diff = f64::from(x) - f64::from(y);
        match distance {
            Distance::Absolute => diff.abs(),
            Distance::Squared => diff * diff,
        }
    };
    let dmax = d(0, max);
    let total: f64 = w.iter().sum();
    if total == 0.0 {
        return f64::NAN;
    }
    let num: f64 = (0..a.len()).map(|k| w[k] * d(a[k], b[k])).sum();
    1.0 - 2.0 * num / (total * dmax)
}

/// (D_o, D_e pi, D_e kappa) from weighted means and population variances of x = v/max.
fn naive_disagreements(a: &[u8], b: &[u8], w: &[f64], max: u8) -> (f64, f64, f64) {
    let x = |v: u8| f64::from(v) / f64::from(max);
    let total: f64 = w.iter().sum();
    let n = a.len();
    let d_o = (0..n)
        .map(|k| w[k] * (x(a[k]) - x(b[k])).powi(2))
        .sum::<f64>()
        / total;
    let mean_a = (0..n).map(|k| w[k] * x(a[k])).sum::<f64>() / total;
    let mean_b = (0..n).map(|k| w[k] * x(b[k])).sum::<f64>() / total;
    let var_a = (0..n)
        .map(|k| w[k] * (x(a[k]) - mean_a).powi(2))
        .sum::<f64>()
        / total;
    let var_b = (0..n)
        .map(|k| w[k] * (x(b[k]) - mean_b).powi(2))
        .sum::<f64>()
        / total;
    // Pooled sample of the 2N values, each with its member's weight.
    let mean_p = 0.5 * (mean_a + mean_b);
    let var_p = (0..n)
        .map(|k| w[k] * ((x(a[k]) - mean_p).powi(2) + (x(b[k]) - mean_p).powi(2)))
        .sum::<f64>()
        / (2.0 * total);
    let e_pi = 2.0 * var_p;
    let e_kappa = var_a + var_b + (mean_a - mean_b).powi(2);
    (d_o, e_pi, e_kappa)
}

fn chance_corrected(d_o: f64, d_e: f64) -> f64 {
    // The table computes D_e exactly 0 in the degenerate case; the variance route can
    // leave rounding residue, so treat residue as 0.
    if d_e > 1e-12 {
        1.0 - d_o / d_e
    } else {
        f64::NAN
    }
}

/// Kendall's tau-b by the textbook O(N²) pair loop, each pair weighted w_k·w_l.
fn naive_tau_b(a: &[u8], b: &[u8], w: &[f64]) -> f64 {
    let (mut c, mut d, mut untied_a, mut untied_b) = (0.0, 0.0, 0.0, 0.0);
    for k in 0..a.len() {
        for l in k + 1..a.len() {
            let p = w[k] * w[l];
            let s = (i32::from(a[k]) - i32::from(a[l])) * (i32::from(b[k]) - i32::from(b[l]));
            if s > 0 {
                c += p;
            } else if s < 0 {
                d += p;
            }
            if a[k] != a[l] {
                untied_a += p;
            }
            if b[k] != b[l] {
                untied_b += p;
            }
        }
    }
    if untied_a == 0.0 || untied_b == 0.0 {
        return f64::NAN;
    }
    (c - d) / (untied_a * untied_b).sqrt()
}

/// Unweighted tau-b with the n0, n1, n2 tie correction exactly as usually written.
fn textbook_tau_b(a: &[u8], b: &[u8], max: u8) -> f64 {
    let n = a.len() as f64;
    let n0 = n * (n - 1.0) / 2.0;
    let ties = |v: &[u8]| -> f64 {
        (0..=max)
            .map(|c| {
                let t = v.iter().filter(|&&x| x == c).count() as f64;
                t * (t - 1.0) / 2.0
            })
            .sum()
    };
    let (n1, n2) = (ties(a), ties(b));
    let mut s = 0.0;
    for k in 0..a.len() {
        for l in k + 1..a.len() {
            let x = (i32::from(a[k]) - i32::from(a[l])) * (i32::from(b[k]) - i32::from(b[l]));
            s += f64::from(x.signum());
        }
    }
    let den = ((n0 - n1) * (n0 - n2)).sqrt();
    if den == 0.0 {
        f64::NAN
    } else {
        s / den
    }
}

fn naive_measures(a: &[u8], b: &[u8], w: &[f64], max: u8) -> Measures {
    let total: f64 = w.iter().sum();
    let (d_o, e_pi, e_kappa) = if total > 0.0 {
        naive_disagreements(a, b, w, max)
    } else {
        (f64::NAN, 0.0, 0.0)
    };
    Measures {
        s_absolute: naive_s(a, b, w, max, Distance::Absolute),
        s_squared: naive_s(a, b, w, max, Distance::Squared),
        pi: chance_corrected(d_o, e_pi),
        kappa: chance_corrected(d_o, e_kappa),
        tau_b: naive_tau_b(a, b, w),
    }
}

/// Two portfolios over the same members with codes in 0..=max.
fn portfolios() -> impl Strategy<Value = (u8, Vec<u8>, Vec<u8>)> {
    (1..=MAX_CODE, 0usize..60).prop_flat_map(|(max, n)| {
        // Skew towards 0 as in real alliance data, where most ties are absent.
        let code = prop_oneof![3 => Just(0u8), 2 => 0..=max];
        (
            Just(max),
            proptest::collection::vec(code.clone(), n),
            proptest::collection::vec(code, n),
        )
    })
}

/// Portfolios plus non-negative weights, some exactly 0 (CINC-like).
fn weighted_portfolios() -> impl Strategy<Value = (u8, Vec<u8>, Vec<u8>, Vec<f64>)> {
    portfolios().prop_flat_map(|(max, a, b)| {
        let n = a.len();
        let weight = prop_oneof![1 => Just(0.0), 4 => 0.001f64..1.0];
        (
            Just(max),
            Just(a),
            Just(b),
            proptest::collection::vec(weight, n),
        )
    })
}

fn in_unit(x: f64) -> bool {
    x.is_nan() || (-1.0..=1.0).contains(&x)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn unweighted_table_equals_naive((max, a, b) in portfolios()) {
        let m = all_measures(&a, &b, None, max);
        let n = naive_measures(&a, &b, &unit(a.len()), max);
        prop_assert!(same_measures(&m, &n), "{m:?} vs naive {n:?}");
        prop_assert!(same(tau_b(&a, &b, max), textbook_tau_b(&a, &b, max)));
    }

    #[test]
    fn weighted_table_equals_naive((max, a, b, w) in weighted_portfolios()) {
        let m = all_measures(&a, &b, Some(&w), max);
        let n = naive_measures(&a, &b, &w, max);
        prop_assert!(same_measures(&m, &n), "{m:?} vs naive {n:?}");
    }

    #[test]
    fn measures_lie_in_unit_interval((max, a, b, w) in weighted_portfolios()) {
        for m in [all_measures(&a, &b, None, max), all_measures(&a, &b, Some(&w), max)] {
            prop_assert!(in_unit(m.s_absolute) && in_unit(m.s_squared), "{m:?}");
            prop_assert!(in_unit(m.pi) && in_unit(m.kappa) && in_unit(m.tau_b), "{m:?}");
            // S is defined whenever there is positive weight.
            prop_assert_eq!(m.s_absolute.is_nan(), m.s_squared.is_nan());
        }
    }

    /// D_e(pi) = Var_a + Var_b + (mean_a − mean_b)²/2 <= D_e(kappa), so pi <= kappa, and pi
    /// is undefined exactly when kappa is.
    #[test]
    fn pi_never_exceeds_kappa((max, a, b, w) in weighted_portfolios()) {
        for m in [all_measures(&a, &b, None, max), all_measures(&a, &b, Some(&w), max)] {
            prop_assert_eq!(m.pi.is_nan(), m.kappa.is_nan());
            if !m.pi.is_nan() {
                prop_assert!(m.pi <= m.kappa + 1e-12, "{m:?}");
            }
        }
    }

    #[test]
    fn measures_are_symmetric((max, a, b, w) in weighted_portfolios()) {
        prop_assert!(same_measures(&all_measures(&a, &b, None, max), &all_measures(&b, &a, None, max)));
        prop_assert!(same_measures(
            &all_measures(&a, &b, Some(&w), max),
            &all_measures(&b, &a, Some(&w), max)
        ));
    }

    #[test]
    fn member_order_does_not_matter((max, a, b, w) in weighted_portfolios()) {
        let rev = |v: &[u8]| v.iter().rev().copied().collect::<Vec<_>>();
        let wr: Vec<f64> = w.iter().rev().copied().collect();
        prop_assert!(same_measures(
            &all_measures(&a, &b, Some(&w), max),
            &all_measures(&rev(&a), &rev(&b), Some(&wr), max)
        ));
    }

    #[test]
    fn identical_portfolios_agree_perfectly((max, a, _b, w) in weighted_portfolios()) {
        let m = all_measures(&a, &a, None, max);
        if !a.is_empty() {
            prop_assert_eq!(m.s_absolute, 1.0);
            prop_assert_eq!(m.s_squared, 1.0);
        }
        // pi, kappa and tau-b are 1 unless a is constant, where they are undefined.
        let constant = a.windows(2).all(|p| p[0] == p[1]);
        for x in [m.pi, m.kappa, m.tau_b] {
            prop_assert!(if constant { x.is_nan() } else { x == 1.0 }, "{m:?}");
        }
        let mw = all_measures(&a, &a, Some(&w), max);
        for x in [mw.s_absolute, mw.pi, mw.kappa, mw.tau_b] {
            prop_assert!(x.is_nan() || (x - 1.0).abs() < 1e-12, "{mw:?}");
        }
    }

    /// Equal weights (any positive constant) give the unweighted values.
    #[test]
    fn equal_weights_equal_unweighted((max, a, b) in portfolios(), c in 0.01f64..100.0) {
        let w = vec![c; a.len()];
        prop_assert!(same_measures(&all_measures(&a, &b, None, max), &all_measures(&a, &b, Some(&w), max)));
    }

    /// Scaling all weights (e.g. CINC that does not sum to 1) changes nothing.
    #[test]
    fn weight_scale_does_not_matter((max, a, b, w) in weighted_portfolios(), c in 0.01f64..100.0) {
        let scaled: Vec<f64> = w.iter().map(|x| x * c).collect();
        prop_assert!(same_measures(&all_measures(&a, &b, Some(&w), max), &all_measures(&a, &b, Some(&scaled), max)));
    }

    /// Squared-distance S is a linear transform of Häge's observed disagreement.
    #[test]
    fn squared_s_is_one_minus_twice_observed_disagreement((max, a, b, w) in weighted_portfolios()) {
        let t = Table::from_weighted(&a, &b, &w, max);
        prop_assert!(same(t.s_score(Distance::Squared), 1.0 - 2.0 * t.observed_disagreement()));
    }

    /// Cohen's kappa with squared distance is Lin's concordance correlation:
    /// 2·cov / (Var_a + Var_b + (mean_a − mean_b)²).
    #[test]
    fn kappa_is_concordance_correlation((max, a, b) in portfolios()) {
        let n = a.len() as f64;
        let ma = a.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
        let mb = b.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
        let va = a.iter().map(|&v| (f64::from(v) - ma).powi(2)).sum::<f64>() / n;
        let vb = b.iter().map(|&v| (f64::from(v) - mb).powi(2)).sum::<f64>() / n;
        let cov = a.iter().zip(&b).map(|(&x, &y)| (f64::from(x) - ma) * (f64::from(y) - mb)).sum::<f64>() / n;
        let den = va + vb + (ma - mb).powi(2);
        let lin = if den > 1e-12 { 2.0 * cov / den } else { f64::NAN };
        prop_assert!(same(all_measures(&a, &b, None, max).kappa, lin));
    }

    /// With 0/1 codes, absolute and squared distances coincide.
    #[test]
    fn binary_s_absolute_equals_squared((_max, a, b, w) in weighted_portfolios()) {
        let a: Vec<u8> = a.iter().map(|&v| u8::from(v > 0)).collect();
        let b: Vec<u8> = b.iter().map(|&v| u8::from(v > 0)).collect();
        let m = all_measures(&a, &b, Some(&w), 1);
        prop_assert!(same(m.s_absolute, m.s_squared));
    }

    /// The bitset path counts exactly what the slice path counts.
    #[test]
    fn portfolio_table_equals_slice_table((max, a, b) in long_portfolios()) {
        let (pa, pb) = (Portfolio::new(&a, max), Portfolio::new(&b, max));
        prop_assert_eq!(Table::from_portfolios(&pa, &pb), Table::from_codes(&a, &b, max));
    }

    /// Weighted bitset path: the (0, 0) cell is a difference of sums, so compare up to
    /// rounding.
    #[test]
    fn weighted_portfolio_table_equals_slice_table((max, a, b, w) in long_weighted_portfolios()) {
        let (pa, pb) = (Portfolio::new(&a, max), Portfolio::new(&b, max));
        let fast = Table::from_portfolios_weighted(&pa, &pb, &Weights::new(&w));
        let slow = Table::from_weighted(&a, &b, &w, max);
        for c in 0..=max {
            for d in 0..=max {
                prop_assert!((fast.cell(c, d) - slow.cell(c, d)).abs() <= 1e-12 * (1.0 + slow.total()));
            }
        }
        prop_assert!(same_measures(&fast.measures(), &slow.measures()));
    }
}

/// Longer portfolios so that the bitsets span several 64-member words.
fn long_portfolios() -> impl Strategy<Value = (u8, Vec<u8>, Vec<u8>)> {
    (1..=MAX_CODE, 0usize..300).prop_flat_map(|(max, n)| {
        let code = prop_oneof![6 => Just(0u8), 1 => 0..=max];
        (
            Just(max),
            proptest::collection::vec(code.clone(), n),
            proptest::collection::vec(code, n),
        )
    })
}

fn long_weighted_portfolios() -> impl Strategy<Value = (u8, Vec<u8>, Vec<u8>, Vec<f64>)> {
    long_portfolios().prop_flat_map(|(max, a, b)| {
        let n = a.len();
        let weight = prop_oneof![1 => Just(0.0), 4 => 0.0001f64..0.2];
        (
            Just(max),
            Just(a),
            Just(b),
            proptest::collection::vec(weight, n),
        )
    })
}
