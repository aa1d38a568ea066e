//! Small cases computed by hand; the arithmetic is in the comments.

use casus_similarity::{
    all_measures, cohens_kappa, s_score, scotts_pi, tau_b, Distance, Table, BINARY_MAX, SR_MAX,
};

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() < 1e-12
}

macro_rules! assert_close {
    ($x:expr, $y:expr) => {{
        let (x, y) = ($x, $y);
        assert!(close(x, y), "{} = {x}, expected {y}", stringify!($x));
    }};
}

/// a = [3,3,0,1], b = [3,0,0,1], max = 3, unweighted.
#[test]
fn valued_four_members() {
    let a = [3, 3, 0, 1];
    let b = [3, 0, 0, 1];

    // |a-b| = 0,3,0,0 -> sum 3; S = 1 - 2*3/(4*3) = 1/2.
    assert_close!(s_score(&a, &b, None, SR_MAX, Distance::Absolute), 0.5);
    // (a-b)^2 = 0,9,0,0 -> sum 9; S = 1 - 2*9/(4*9) = 1/2.
    assert_close!(s_score(&a, &b, None, SR_MAX, Distance::Squared), 0.5);

    // Rescaled x = v/3: xa = 1,1,0,1/3; xb = 1,0,0,1/3.
    // D_o = (0 + 1 + 0 + 0)/4 = 1/4.
    // mean_a = (7/3)/4 = 7/12; E[xa^2] = (19/9)/4 = 19/36; Var_a = 19/36 - 49/144 = 3/16.
    // mean_b = (4/3)/4 = 1/3;  E[xb^2] = (10/9)/4 = 5/18;  Var_b = 5/18 - 1/9 = 1/6.
    // kappa: D_e = 3/16 + 1/6 + (7/12 - 1/3)^2 = 3/16 + 1/6 + 1/16 = 5/12;
    //        kappa = 1 - (1/4)/(5/12) = 2/5.
    // pi:    D_e = Var_a + Var_b + (mean_a - mean_b)^2/2 = 2 * Var_pooled
    //            = 18/96 + 16/96 + 3/96 = 37/96;
    //        (pooled: mean 11/24, E[x^2] = 29/72, Var = 111/576 = 37/192, times 2 = 37/96)
    //        pi = 1 - (1/4)/(37/96) = 1 - 24/37 = 13/37.
    let t = Table::from_codes(&a, &b, SR_MAX);
    assert_close!(t.observed_disagreement(), 0.25);
    assert_close!(t.expected_disagreement_kappa(), 5.0 / 12.0);
    assert_close!(t.expected_disagreement_pi(), 37.0 / 96.0);
    assert_close!(cohens_kappa(&a, &b, None, SR_MAX), 0.4);
    assert_close!(scotts_pi(&a, &b, None, SR_MAX), 13.0 / 37.0);

    // tau-b over the 6 pairs (k,l):
    //   (0,1) a 3=3 tie in a;   (0,2) 3>0, 3>0 C;   (0,3) 3>1, 3>1 C;
    //   (1,2) 3>0, 0=0 tie in b; (1,3) 3>1, 0<1 D;   (2,3) 0<1, 0<1 C.
    // C = 3, D = 1; n0 = 6, n1 = 1 (two 3s in a), n2 = 1 (two 0s in b).
    // tau_b = (3 - 1)/sqrt((6-1)(6-1)) = 2/5.
    assert_close!(tau_b(&a, &b, SR_MAX), 0.4);

    let m = all_measures(&a, &b, None, SR_MAX);
    assert_close!(m.s_absolute, 0.5);
    assert_close!(m.s_squared, 0.5);
    assert_close!(m.pi, 13.0 / 37.0);
    assert_close!(m.kappa, 0.4);
    assert_close!(m.tau_b, 0.4);
}

/// A case where absolute and squared S differ: a = [3,2,0,1], b = [3,0,1,1].
#[test]
fn absolute_and_squared_s_differ() {
    let a = [3, 2, 0, 1];
    let b = [3, 0, 1, 1];
    // |a-b| = 0,2,1,0 -> 3; S = 1 - 2*3/(4*3) = 1/2.
    assert_close!(s_score(&a, &b, None, SR_MAX, Distance::Absolute), 0.5);
    // (a-b)^2 = 0,4,1,0 -> 5; S = 1 - 2*5/(4*9) = 13/18.
    assert_close!(
        s_score(&a, &b, None, SR_MAX, Distance::Squared),
        13.0 / 18.0
    );
}

/// Binary coding: a = [1,1,0,0,0], b = [1,0,0,0,1].
#[test]
fn binary_five_members() {
    let a = [1, 1, 0, 0, 0];
    let b = [1, 0, 0, 0, 1];
    // Disagreements at k = 1 and k = 4: S = 1 - 2*2/5 = 1/5 (absolute = squared for 0/1).
    assert_close!(s_score(&a, &b, None, BINARY_MAX, Distance::Absolute), 0.2);
    assert_close!(s_score(&a, &b, None, BINARY_MAX, Distance::Squared), 0.2);
    // D_o = 2/5; both means 2/5, both variances 2/5*3/5 = 6/25.
    // kappa: D_e = 6/25 + 6/25 + 0 = 12/25 -> kappa = 1 - (2/5)/(12/25) = 1/6.
    // pi: pooled mean 2/5, variance 6/25, D_e = 12/25 -> pi = 1/6 (equal means: pi = kappa).
    assert_close!(cohens_kappa(&a, &b, None, BINARY_MAX), 1.0 / 6.0);
    assert_close!(scotts_pi(&a, &b, None, BINARY_MAX), 1.0 / 6.0);
    // 2x2 table: n11 = 1 (k0), n10 = 1 (k1), n00 = 2 (k2,k3), n01 = 1 (k4).
    // C = n11*n00 = 2, D = n10*n01 = 1; untied in a = 2*3 = 6, untied in b = 2*3 = 6.
    // tau_b = (2 - 1)/sqrt(6*6) = 1/6.
    assert_close!(tau_b(&a, &b, BINARY_MAX), 1.0 / 6.0);
}

/// Weighted: a = [1,0], b = [1,1], w = [3,1], max = 1.
#[test]
fn weighted_two_members() {
    let a = [1, 0];
    let b = [1, 1];
    let w = [3.0, 1.0];
    // S = 1 - 2*(3*0 + 1*1)/(4*1) = 1/2.
    assert_close!(s_score(&a, &b, Some(&w), 1, Distance::Absolute), 0.5);
    // D_o = 1/4; mean_a = 3/4, Var_a = 3/4*1/4 = 3/16; mean_b = 1, Var_b = 0.
    // kappa: D_e = 3/16 + 0 + (1/4)^2 = 1/4 -> kappa = 0: b's ties are all 1, so
    //        agreeing with it is what chance alone predicts, although S = 1/2.
    assert_close!(cohens_kappa(&a, &b, Some(&w), 1), 0.0);
    // pi: pooled weight on 1 = (3 + 4)/8 = 7/8 -> Var = 7/8*1/8 = 7/64, D_e = 7/32;
    //     pi = 1 - (1/4)/(7/32) = -1/7.
    assert_close!(scotts_pi(&a, &b, Some(&w), 1), -1.0 / 7.0);
    // b is constant, so tau-b is undefined.
    assert!(all_measures(&a, &b, Some(&w), 1).tau_b.is_nan());
}

/// Weighted S: a = [3,3,0,1], b = [3,0,0,1], w = [0.4,0.1,0.2,0.3].
#[test]
fn weighted_s() {
    let a = [3, 3, 0, 1];
    let b = [3, 0, 0, 1];
    let w = [0.4, 0.1, 0.2, 0.3];
    // Only k = 1 disagrees (by 3) with weight 0.1: S = 1 - 2*0.1*3/(1.0*3) = 0.8.
    assert_close!(s_score(&a, &b, Some(&w), SR_MAX, Distance::Absolute), 0.8);
    // Squared: 1 - 2*0.1*9/(1.0*9) = 0.8.
    assert_close!(s_score(&a, &b, Some(&w), SR_MAX, Distance::Squared), 0.8);
}

#[test]
fn identical_portfolios_score_one() {
    let a = [3, 0, 2, 1, 0, 3];
    let m = all_measures(&a, &a, None, SR_MAX);
    assert_eq!(m.s_absolute, 1.0);
    assert_eq!(m.s_squared, 1.0);
    assert_eq!(m.pi, 1.0);
    assert_eq!(m.kappa, 1.0);
    assert_eq!(m.tau_b, 1.0);
}

/// a = [3,0], b = [0,3]: each state allied only with itself, the other's enemy-by-absence.
#[test]
fn opposite_portfolios_score_minus_one() {
    let a = [3, 0];
    let b = [0, 3];
    // S = 1 - 2*(3+3)/(2*3) = -1 (squared: 1 - 2*18/(2*9) = -1).
    // D_o = 1; means 1/2, variances 1/4: D_e(kappa) = 1/2 = D_e(pi) -> pi = kappa = -1.
    // One pair, discordant: tau = -1/sqrt(1*1) = -1.
    let m = all_measures(&a, &b, None, SR_MAX);
    assert_eq!(m.s_absolute, -1.0);
    assert_eq!(m.s_squared, -1.0);
    assert_close!(m.pi, -1.0);
    assert_close!(m.kappa, -1.0);
    assert_close!(m.tau_b, -1.0);
}

#[test]
fn empty_portfolios_are_nan() {
    let m = all_measures(&[], &[], None, SR_MAX);
    assert!(m.s_absolute.is_nan() && m.s_squared.is_nan());
    assert!(m.pi.is_nan() && m.kappa.is_nan() && m.tau_b.is_nan());
}

#[test]
fn zero_weights_are_nan() {
    let m = all_measures(&[3, 0], &[3, 1], Some(&[0.0, 0.0]), SR_MAX);
    assert!(m.s_absolute.is_nan() && m.s_squared.is_nan());
    assert!(m.pi.is_nan() && m.kappa.is_nan() && m.tau_b.is_nan());
}

#[test]
fn same_constant_portfolios_are_nan_for_chance_corrected_measures() {
    // No variation anywhere: S is 1, but pi, kappa and tau-b are 0/0.
    let a = [0, 0, 0];
    let m = all_measures(&a, &a, None, SR_MAX);
    assert_eq!(m.s_absolute, 1.0);
    assert!(m.pi.is_nan() && m.kappa.is_nan() && m.tau_b.is_nan());
    // A single member: the same.
    let m = all_measures(&[3], &[3], None, SR_MAX);
    assert_eq!(m.s_absolute, 1.0);
    assert!(m.pi.is_nan() && m.kappa.is_nan() && m.tau_b.is_nan());
}

#[test]
fn different_constant_portfolios() {
    // a all 3, b all 0: D_o = 1; each variance 0 but means differ by 1, so
    // D_e(kappa) = 1 -> kappa = 0; pooled half 1s half 0s: D_e(pi) = 1/2 -> pi = -1.
    // tau-b: both constant -> NaN. S = -1.
    let m = all_measures(&[3, 3], &[0, 0], None, SR_MAX);
    assert_eq!(m.s_absolute, -1.0);
    assert_close!(m.kappa, 0.0);
    assert_close!(m.pi, -1.0);
    assert!(m.tau_b.is_nan());
}

#[test]
fn zero_weight_members_are_ignored() {
    let a = [3, 3, 0, 1, 2];
    let b = [3, 0, 0, 1, 0];
    let w = [1.0, 1.0, 1.0, 1.0, 0.0];
    let weighted = all_measures(&a, &b, Some(&w), SR_MAX);
    let dropped = all_measures(&a[..4], &b[..4], None, SR_MAX);
    assert_close!(weighted.s_absolute, dropped.s_absolute);
    assert_close!(weighted.pi, dropped.pi);
    assert_close!(weighted.kappa, dropped.kappa);
    assert_close!(weighted.tau_b, dropped.tau_b);
}

#[test]
#[should_panic(expected = "exceeds the maximum code")]
fn code_above_max_panics() {
    s_score(&[3, 1], &[0, 1], None, BINARY_MAX, Distance::Absolute);
}
