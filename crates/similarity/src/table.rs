//! The (max+1)×(max+1) contingency table of two portfolios and every measure derived from it.
//!
//! Building the table is the only O(N) step; each measure is then O((max+1)²), at most 64
//! cells, independent of the number of system members.

use crate::{Distance, Measures, MAX_CODE};

/// Number of rows and columns of the fixed-size cell array (codes `0..=MAX_CODE`).
pub(crate) const K: usize = MAX_CODE as usize + 1;

/// Weighted cross-tabulation of two portfolios: `cell(c, d)` is the total weight of the
/// system members `k` with `a[k] == c` and `b[k] == d` (a count when unweighted).
///
/// The array has a fixed size so that building a table never allocates; only the first
/// `max + 1` rows and columns are used.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub(crate) max: u8,
    pub(crate) cells: [[f64; K]; K],
}

/// Counts the pairs `(a[k], b[k])` into `cells`, for codes below `1 << S` (`C = 1 << 2S`
/// counters). Codes must already be validated.
fn count_pairs<const S: u32, const C: usize>(a: &[u8], b: &[u8], cells: &mut [[f64; K]; K]) {
    // The mask only lets the compiler drop the bounds check (codes are < 1 << S).
    let at = |x: u8, y: u8| (((x as usize) << S) | y as usize) & (C - 1);
    // Almost every pair is (0, 0): with a single counter array each increment would wait
    // for the previous store to the same counter. Four independent arrays break that chain.
    let mut lanes = [[0u32; C]; 4];
    let mut ca = a.chunks_exact(4);
    let mut cb = b.chunks_exact(4);
    for (x, y) in (&mut ca).zip(&mut cb) {
        lanes[0][at(x[0], y[0])] += 1;
        lanes[1][at(x[1], y[1])] += 1;
        lanes[2][at(x[2], y[2])] += 1;
        lanes[3][at(x[3], y[3])] += 1;
    }
    for (&x, &y) in ca.remainder().iter().zip(cb.remainder()) {
        lanes[0][at(x, y)] += 1;
    }
    for f in 0..C {
        // Cannot overflow: the lanes together count at most u32::MAX members.
        let n: u32 = lanes.iter().map(|l| l[f]).sum();
        cells[f >> S][f & ((1 << S) - 1)] = f64::from(n);
    }
}

/// Sums the weights of the pairs `(a[k], b[k])` into `cells`, for codes below `1 << S`
/// (`C = 1 << 2S` accumulators). Codes must already be validated.
fn sum_pairs<const S: u32, const C: usize>(
    a: &[u8],
    b: &[u8],
    w: &[f64],
    cells: &mut [[f64; K]; K],
) {
    let at = |x: u8, y: u8| (((x as usize) << S) | y as usize) & (C - 1);
    // Four accumulators per cell, as in `count_pairs`, to shorten dependency chains.
    let mut lanes = [[0.0f64; C]; 4];
    let mut ca = a.chunks_exact(4);
    let mut cb = b.chunks_exact(4);
    let mut cw = w.chunks_exact(4);
    for ((x, y), w) in (&mut ca).zip(&mut cb).zip(&mut cw) {
        lanes[0][at(x[0], y[0])] += w[0];
        lanes[1][at(x[1], y[1])] += w[1];
        lanes[2][at(x[2], y[2])] += w[2];
        lanes[3][at(x[3], y[3])] += w[3];
    }
    let rest = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .zip(cw.remainder());
    for ((&x, &y), &w) in rest {
        lanes[0][at(x, y)] += w;
    }
    for f in 0..C {
        cells[f >> S][f & ((1 << S) - 1)] =
            (lanes[0][f] + lanes[1][f]) + (lanes[2][f] + lanes[3][f]);
    }
}

/// Panics unless `1 <= max <= MAX_CODE`.
pub(crate) fn check_max(max: u8) {
    assert!(
        (1..=MAX_CODE).contains(&max),
        "maximum tie code must be in 1..={MAX_CODE}, got {max}"
    );
}

/// Panics on inputs that would silently give wrong numbers: different lengths, a code
/// above `max`, an invalid `max`.
fn check_codes(a: &[u8], b: &[u8], max: u8) {
    check_max(max);
    assert_eq!(
        a.len(),
        b.len(),
        "portfolios must have the same length (one code per system member)"
    );
    assert!(u32::try_from(a.len()).is_ok(), "too many system members");
    // Two vectorised scans; far cheaper than a branch per element in the counting loop.
    let hi = a
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .max(b.iter().copied().max().unwrap_or(0));
    assert!(hi <= max, "tie code {hi} exceeds the maximum code {max}");
}

impl Table {
    /// An empty table for codes `0..=max`. Fill it with [`Table::add`].
    ///
    /// # Panics
    /// If `max` is 0 or greater than [`MAX_CODE`].
    pub fn new(max: u8) -> Self {
        check_max(max);
        Table {
            max,
            cells: [[0.0; K]; K],
        }
    }

    /// Adds weight `w` to the cell `(a, b)`: one system member whose tie code is `a` in the
    /// first portfolio and `b` in the second. Weights must be finite and non-negative.
    ///
    /// # Panics
    /// If `a` or `b` exceeds the table's maximum code.
    pub fn add(&mut self, a: u8, b: u8, w: f64) {
        assert!(
            a <= self.max && b <= self.max,
            "tie code exceeds the maximum code {}",
            self.max
        );
        self.cells[a as usize][b as usize] += w;
    }

    /// Counts the code pairs `(a[k], b[k])` in one pass (unweighted: every member counts 1).
    ///
    /// # Panics
    /// If the slices differ in length, a code exceeds `max`, or `max` is not in
    /// `1..=MAX_CODE`.
    pub fn from_codes(a: &[u8], b: &[u8], max: u8) -> Self {
        check_codes(a, b, max);
        let mut table = Table {
            max,
            cells: [[0.0; K]; K],
        };
        // Count into the smallest power-of-two square that holds the codes: fewer cells
        // to clear and merge for the usual codings.
        match max {
            1 => count_pairs::<1, 4>(a, b, &mut table.cells),
            2 | 3 => count_pairs::<2, 16>(a, b, &mut table.cells),
            _ => count_pairs::<3, 64>(a, b, &mut table.cells),
        }
        table
    }

    /// Sums the weight `weights[k]` of each member into the cell `(a[k], b[k])` in one pass.
    ///
    /// Weights (e.g. CINC scores) must be finite and non-negative; they need not sum to 1
    /// because every measure divides by their total.
    ///
    /// # Panics
    /// If the three slices differ in length, a code exceeds `max`, or `max` is not in
    /// `1..=MAX_CODE`.
    pub fn from_weighted(a: &[u8], b: &[u8], weights: &[f64], max: u8) -> Self {
        check_codes(a, b, max);
        assert_eq!(
            a.len(),
            weights.len(),
            "weights must have one entry per system member"
        );
        debug_assert!(
            weights.iter().all(|w| w.is_finite() && *w >= 0.0),
            "weights must be finite and non-negative"
        );
        let mut table = Table {
            max,
            cells: [[0.0; K]; K],
        };
        match max {
            1 => sum_pairs::<1, 4>(a, b, weights, &mut table.cells),
            2 | 3 => sum_pairs::<2, 16>(a, b, weights, &mut table.cells),
            _ => sum_pairs::<3, 64>(a, b, weights, &mut table.cells),
        }
        table
    }

    /// The maximum tie code `max` (the table has `max + 1` rows and columns).
    pub fn max(&self) -> u8 {
        self.max
    }

    /// Weight (or count) of the members coded `a` in the first and `b` in the second
    /// portfolio; 0 for codes above `max`.
    pub fn cell(&self, a: u8, b: u8) -> f64 {
        if a <= self.max && b <= self.max {
            self.cells[a as usize][b as usize]
        } else {
            0.0
        }
    }

    /// Total weight (the number of members when unweighted).
    pub fn total(&self) -> f64 {
        self.parts().total
    }

    /// Marginal distribution of the first portfolio: `rows[c]` is the weight coded `c`.
    /// Entries above `max` are 0.
    pub fn row_totals(&self) -> [f64; K] {
        self.cells.map(|row| row.iter().sum())
    }

    /// Marginal distribution of the second portfolio: `cols[d]` is the weight coded `d`.
    /// Entries above `max` are 0.
    pub fn col_totals(&self) -> [f64; K] {
        let mut s = [0.0; K];
        for row in &self.cells {
            for (d, v) in row.iter().enumerate() {
                s[d] += v;
            }
        }
        s
    }

    /// Signorino–Ritter S = 1 − 2·Σ w·d(a,b) / (Σ w · d_max), in [−1, 1].
    ///
    /// NaN when the total weight is 0 (no members, or all weights 0).
    pub fn s_score(&self, distance: Distance) -> f64 {
        let p = self.parts();
        match distance {
            Distance::Absolute => s_from(p.abs, p.total, f64::from(self.max)),
            Distance::Squared => s_from(p.sq, p.total, self.max_sq()),
        }
    }

    /// Observed disagreement D_o = Σ w·(a/max − b/max)² / Σ w, in [0, 1]
    /// (Häge's squared distance on codes rescaled to [0, 1]). NaN when the total weight is 0.
    pub fn observed_disagreement(&self) -> f64 {
        let p = self.parts();
        p.sq / (p.total * self.max_sq())
    }

    /// Expected disagreement of Scott's π: E(x − y)² for x, y drawn independently from the
    /// pooled distribution of both portfolios (= 2 × pooled population variance), on the
    /// [0, 1] scale. NaN when the total weight is 0.
    pub fn expected_disagreement_pi(&self) -> f64 {
        self.parts().expected_pi / self.max_sq()
    }

    /// Expected disagreement of Cohen's κ: E(x − y)² for x drawn from the first and y from
    /// the second portfolio's own distribution, independently
    /// (= Var_a + Var_b + (mean_a − mean_b)²), on the [0, 1] scale. NaN when the total
    /// weight is 0.
    pub fn expected_disagreement_kappa(&self) -> f64 {
        self.parts().expected_kappa / self.max_sq()
    }

    /// Häge's Scott's π = 1 − D_o / D_e(pooled), in [−1, 1].
    ///
    /// NaN when D_e = 0 (and so D_o = 0): both portfolios put all their weight on one and
    /// the same code, so there is no variation to be chance-corrected.
    pub fn scotts_pi(&self) -> f64 {
        self.measures().pi
    }

    /// Häge's Cohen's κ = 1 − D_o / D_e(separate marginals), in [−1, 1]; with squared
    /// distances this equals Lin's concordance correlation coefficient.
    ///
    /// NaN when D_e = 0, which happens exactly when both portfolios put all their weight on
    /// the same single code.
    pub fn cohens_kappa(&self) -> f64 {
        self.measures().kappa
    }

    /// Kendall's τ-b (Bueno de Mesquita 1975): (C − D) / √((n0 − n1)(n0 − n2)), in [−1, 1].
    ///
    /// On a weighted table every pair of members (k, l) counts w_k·w_l instead of 1, which
    /// gives the same value for equal weights; Bueno de Mesquita's measure is unweighted.
    /// NaN when either portfolio is constant (a zero factor in the denominator), including
    /// when there are fewer than two members.
    pub fn tau_b(&self) -> f64 {
        self.parts().tau_b
    }

    /// All measures from this one table.
    pub fn measures(&self) -> Measures {
        let p = self.parts();
        let d_o = p.sq / p.total;
        Measures {
            s_absolute: s_from(p.abs, p.total, f64::from(self.max)),
            s_squared: s_from(p.sq, p.total, self.max_sq()),
            pi: chance_corrected(d_o, p.expected_pi),
            kappa: chance_corrected(d_o, p.expected_kappa),
            tau_b: p.tau_b,
        }
    }

    fn max_sq(&self) -> f64 {
        sq(self.max as usize)
    }

    /// The sums every measure is built from. Dispatches on the code range so that the
    /// loops have a compile-time length and unroll for the usual codings (max 1 and 3);
    /// looping past `max` is harmless because those cells are 0.
    fn parts(&self) -> Parts {
        match self.max {
            1 => self.parts_n::<2>(),
            2 | 3 => self.parts_n::<4>(),
            _ => self.parts_n::<K>(),
        }
    }

    /// [`Table::parts`] over codes `0..N` (`N > max`). Everything is O(N²).
    fn parts_n<const N: usize>(&self) -> Parts {
        let n = &self.cells;
        let mut rows = [0.0; N];
        let mut cols = [0.0; N];
        let (mut abs, mut sq) = (0.0, 0.0);
        for c in 0..N {
            for d in 0..N {
                let x = n[c][d];
                rows[c] += x;
                cols[d] += x;
                let delta = c.abs_diff(d) as f64;
                abs += x * delta;
                sq += x * delta * delta;
            }
        }
        let total: f64 = rows.iter().sum();
        let (expected_pi, expected_kappa) = expected(&rows, &cols, total);
        Parts {
            total,
            abs,
            sq,
            expected_pi,
            expected_kappa,
            tau_b: self.tau_b_n(&rows, &cols),
        }
    }

    /// Kendall's τ-b from the cells and marginals over codes `0..N`.
    fn tau_b_n<const N: usize>(&self, rows: &[f64; N], cols: &[f64; N]) -> f64 {
        let n = &self.cells;
        // acc[d] = weight in rows strictly above the current row c (codes > c) in column d.
        let mut acc = [0.0; N];
        let (mut conc, mut disc) = (0.0, 0.0);
        for c in (0..N).rev() {
            // Members with a larger first code and a larger (smaller) second code are
            // concordant (discordant) with every member in cell (c, d).
            let mut above = 0.0; // Σ acc[d'] for d' > d
            for d in (0..N).rev() {
                conc += n[c][d] * above;
                above += acc[d];
            }
            let mut below = 0.0; // Σ acc[d'] for d' < d
            for d in 0..N {
                disc += n[c][d] * below;
                below += acc[d];
            }
            for d in 0..N {
                acc[d] += n[c][d];
            }
        }
        // n0 − n1 = pairs not tied in a = Σ_{c<c'} r_c·r_c'; no cancellation, unlike
        // (n² − Σ r_c²)/2, which matters for weighted tables.
        let (untied_a, untied_b) = (untied_pairs(rows), untied_pairs(cols));
        if !(positive(untied_a) && positive(untied_b)) {
            return f64::NAN;
        }
        clamp_unit((conc - disc) / (untied_a * untied_b).sqrt())
    }
}

/// Sums over the table on the integer code scale.
struct Parts {
    /// Σ w.
    total: f64,
    /// Σ w·|a − b|.
    abs: f64,
    /// Σ w·(a − b)².
    sq: f64,
    /// Expected squared disagreement of π (2 × pooled variance), per unit weight.
    expected_pi: f64,
    /// Expected squared disagreement of κ (Var_a + Var_b + (mean_a − mean_b)²), per unit
    /// weight.
    expected_kappa: f64,
    tau_b: f64,
}

/// Expected squared disagreement under chance (π, κ) on the integer code scale, from the
/// marginals' means and population variances. NaN when the total weight is 0.
///
/// The degenerate case (all weight of both portfolios on one code) returns exactly 0. It is
/// detected by counting codes rather than by testing a computed variance against 0, because
/// a weighted mean such as (w·c)/w need not round back to c.
fn expected<const N: usize>(rows: &[f64; N], cols: &[f64; N], total: f64) -> (f64, f64) {
    if !positive(total) {
        return (f64::NAN, f64::NAN);
    }
    if (0..N).filter(|&c| rows[c] + cols[c] > 0.0).count() <= 1 {
        return (0.0, 0.0);
    }
    let mean = |m: &[f64; N]| (0..N).map(|c| m[c] * c as f64).sum::<f64>() / total;
    let spread =
        |m: &[f64; N], mu: f64| (0..N).map(|c| m[c] * (c as f64 - mu).powi(2)).sum::<f64>() / total;
    let (mean_a, mean_b) = (mean(rows), mean(cols));
    let mean_pooled = 0.5 * (mean_a + mean_b);
    // 2 × pooled variance: Σ (r_c + s_c)(c − μ)² / 2W, doubled.
    let pi = spread(rows, mean_pooled) + spread(cols, mean_pooled);
    let kappa = spread(rows, mean_a) + spread(cols, mean_b) + (mean_a - mean_b).powi(2);
    (pi, kappa)
}

/// S from the weighted distance sum, total weight and maximum distance.
fn s_from(num: f64, total: f64, dmax: f64) -> f64 {
    if !positive(total) {
        return f64::NAN;
    }
    clamp_unit(1.0 - 2.0 * num / (total * dmax))
}

/// 1 − D_o/D_e on the integer scale (the 1/max² rescaling cancels); NaN when D_e is 0
/// or undefined.
fn chance_corrected(observed: f64, expected: f64) -> f64 {
    if !positive(expected) {
        return f64::NAN;
    }
    clamp_unit(1.0 - observed / expected)
}

/// `x > 0`; false for 0 and NaN, which is how the undefined cases are caught.
fn positive(x: f64) -> bool {
    x > 0.0
}

fn sq(x: usize) -> f64 {
    (x * x) as f64
}

/// Σ_{c<c'} m_c·m_c': weight of pairs of members with different codes.
fn untied_pairs(m: &[f64]) -> f64 {
    let mut sum = 0.0;
    let mut before = 0.0;
    for &x in m {
        sum += x * before;
        before += x;
    }
    sum
}

/// Every measure lies in [−1, 1] mathematically; this absorbs last-bit rounding so that
/// callers can rely on the bound. NaN passes through.
fn clamp_unit(x: f64) -> f64 {
    x.clamp(-1.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cover_every_member_including_the_remainder() {
        // 7 members: one chunk of 4 plus a remainder of 3.
        let a = [0, 1, 2, 3, 3, 0, 1];
        let b = [0, 1, 2, 3, 0, 0, 1];
        let t = Table::from_codes(&a, &b, 3);
        assert_eq!(t.total(), 7.0);
        assert_eq!(t.cell(0, 0), 2.0);
        assert_eq!(t.cell(1, 1), 2.0);
        assert_eq!(t.cell(3, 0), 1.0);
        assert_eq!(t.cell(9, 9), 0.0);
        assert_eq!(t.row_totals()[..4], [2.0, 2.0, 1.0, 2.0]);
        assert_eq!(t.col_totals()[..4], [3.0, 2.0, 1.0, 1.0]);
    }

    #[test]
    fn add_matches_from_weighted() {
        let a = [3, 0, 1, 2, 0];
        let b = [3, 1, 1, 0, 0];
        let w = [0.5, 0.25, 0.125, 1.0, 2.0];
        let mut t = Table::new(3);
        for k in 0..a.len() {
            t.add(a[k], b[k], w[k]);
        }
        assert_eq!(t, Table::from_weighted(&a, &b, &w, 3));
    }

    #[test]
    fn untied_pairs_counts_pairs_with_different_codes() {
        // codes 0,0,1,2 -> pairs with different codes: 2*1 + 2*1 + 1*1 = 5 of 6.
        assert_eq!(untied_pairs(&[2.0, 1.0, 1.0]), 5.0);
        assert_eq!(untied_pairs(&[4.0, 0.0]), 0.0);
    }

    #[test]
    #[should_panic(expected = "exceeds the maximum code")]
    fn rejects_code_above_max() {
        Table::from_codes(&[0, 2], &[0, 1], 1);
    }

    #[test]
    #[should_panic(expected = "same length")]
    fn rejects_length_mismatch() {
        Table::from_codes(&[0, 1], &[0], 1);
    }

    #[test]
    #[should_panic(expected = "maximum tie code must be in")]
    fn rejects_max_zero() {
        Table::new(0);
    }

    #[test]
    #[should_panic(expected = "one entry per system member")]
    fn rejects_weight_length_mismatch() {
        Table::from_weighted(&[0, 1], &[0, 1], &[1.0], 1);
    }
}
