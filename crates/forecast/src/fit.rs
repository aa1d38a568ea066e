//! A logistic regression with an L2 penalty, fitted by Newton steps (iteratively
//! reweighted least squares).
//!
//! Why by hand: the model has about fifteen predictors and under a thousand cases, so one
//! Newton step is a 15 × 15 solve. linfa-logistic fits the same model through argmin's
//! L-BFGS and ndarray (three crates and their trees) and returns no standard errors; the
//! Hessian we need for those is the matrix the Newton step already inverts. The penalty
//! keeps rare predictors (few non-aggression cases, few fellow attackers) finite when a
//! leave-one-war-out fold leaves them without one outcome.

use crate::Error;
use serde::Serialize;

/// The L2 penalty on every coefficient but the intercept, on standardised predictors.
pub const LAMBDA: f64 = 0.5;

/// Newton steps at most.
const MAX_ITER: usize = 50;

/// Cases × predictors, the outcome and the war each case comes from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Design {
    /// Predictor names; the first is the intercept (its column is all 1).
    pub names: Vec<String>,
    /// Row-major values, `rows × names.len()`.
    pub x: Vec<f64>,
    /// Honoured (true) or violated.
    pub y: Vec<bool>,
    /// The war (or dispute) of each case: the unit left out in validation.
    pub group: Vec<u32>,
    /// The pledge type of each case (0 defence, …): the second baseline's strata.
    pub stratum: Vec<u8>,
}

impl Design {
    /// Columns, the intercept included.
    pub fn cols(&self) -> usize {
        self.names.len()
    }

    /// Cases.
    pub fn rows(&self) -> usize {
        self.y.len()
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> &[f64] {
        let p = self.cols();
        &self.x[i * p..(i + 1) * p]
    }

    /// Checks shape and values: every error names the predictor and the row.
    pub fn check(&self) -> Result<(), Error> {
        let (n, p) = (self.rows(), self.cols());
        if n == 0 {
            return Err(Error::Empty);
        }
        if self.x.len() != n * p || self.group.len() != n || self.stratum.len() != n {
            return Err(Error::Shape {
                cells: self.x.len(),
                rows: n,
                cols: p,
            });
        }
        for (k, v) in self.x.iter().enumerate() {
            if !v.is_finite() {
                return Err(Error::NotFinite {
                    name: self.names[k % p].clone(),
                    row: k / p,
                    value: *v,
                });
            }
        }
        Ok(())
    }
}

/// A fitted model, on the predictors' own scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fit {
    /// Predictor names (intercept first).
    pub names: Vec<String>,
    /// Coefficients (log-odds per unit of the predictor).
    pub coef: Vec<f64>,
    /// Standard errors from the inverse penalised Hessian.
    pub se: Vec<f64>,
    /// Mean of each predictor among the cases (what "drives" a forecast is measured from).
    pub mean: Vec<f64>,
    /// Newton steps taken.
    pub iterations: usize,
    /// Cases fitted.
    pub cases: usize,
}

impl Fit {
    /// The probability of honouring for one row of predictors (intercept column included).
    pub fn predict(&self, row: &[f64]) -> f64 {
        sigmoid(self.coef.iter().zip(row).map(|(b, x)| b * x).sum())
    }

    /// Each predictor's push on the log-odds away from the average case:
    /// `coef × (x − mean)`, intercept excluded (0).
    pub fn contributions(&self, row: &[f64]) -> Vec<f64> {
        let mut out: Vec<f64> = (0..self.coef.len())
            .map(|j| self.coef[j] * (row[j] - self.mean[j]))
            .collect();
        out[0] = 0.0;
        out
    }
}

/// The logistic function, stable at both ends.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Fits the penalised model on the rows of `d` selected by `keep` (all when `None`).
pub fn fit(d: &Design, keep: Option<&[bool]>, lambda: f64) -> Result<Fit, Error> {
    d.check()?;
    let p = d.cols();
    let rows: Vec<usize> = (0..d.rows())
        .filter(|&i| keep.is_none_or(|k| k[i]))
        .collect();
    let n = rows.len();
    if n == 0 {
        return Err(Error::Empty);
    }
    let honoured = rows.iter().filter(|&&i| d.y[i]).count();
    if honoured == 0 || honoured == n {
        return Err(Error::OneOutcome {
            n,
            what: if honoured == 0 {
                "violated"
            } else {
                "honoured"
            },
        });
    }
    // Standardise (mean 0, sd 1) so one penalty fits predictors of every scale.
    let mut mean = vec![0.0; p];
    let mut sd = vec![1.0; p];
    for j in 1..p {
        let m = rows.iter().map(|&i| d.row(i)[j]).sum::<f64>() / n as f64;
        let v = rows.iter().map(|&i| (d.row(i)[j] - m).powi(2)).sum::<f64>() / n as f64;
        mean[j] = m;
        sd[j] = if v > 1e-12 { v.sqrt() } else { 1.0 };
    }
    let mut z = vec![0.0; n * p];
    for (r, &i) in rows.iter().enumerate() {
        let row = d.row(i);
        z[r * p] = 1.0;
        for j in 1..p {
            z[r * p + j] = (row[j] - mean[j]) / sd[j];
        }
    }
    let share = honoured as f64 / n as f64;
    let mut beta = vec![0.0; p];
    beta[0] = (share / (1.0 - share)).ln();
    let mut h = vec![0.0; p * p];
    let mut g = vec![0.0; p];
    let mut iterations = 0;
    let mut inv = None;
    while iterations < MAX_ITER {
        iterations += 1;
        h.iter_mut().for_each(|v| *v = 0.0);
        g.iter_mut().for_each(|v| *v = 0.0);
        for (r, &i) in rows.iter().enumerate() {
            let zr = &z[r * p..(r + 1) * p];
            let mu = sigmoid(zr.iter().zip(&beta).map(|(a, b)| a * b).sum());
            let w = mu * (1.0 - mu);
            let resid = d.y[i] as u8 as f64 - mu;
            for a in 0..p {
                g[a] += zr[a] * resid;
                let wa = w * zr[a];
                for b in a..p {
                    h[a * p + b] += wa * zr[b];
                }
            }
        }
        for a in 0..p {
            for b in 0..a {
                h[a * p + b] = h[b * p + a];
            }
            if a > 0 {
                h[a * p + a] += lambda;
                g[a] -= lambda * beta[a];
            }
        }
        let hi = invert(&h, p).ok_or(Error::NoConvergence(iterations))?;
        let mut step = 0.0f64;
        for a in 0..p {
            let s: f64 = (0..p).map(|b| hi[a * p + b] * g[b]).sum();
            beta[a] += s;
            step = step.max(s.abs());
        }
        inv = Some(hi);
        if step < 1e-9 {
            break;
        }
    }
    let cov = inv.ok_or(Error::NoConvergence(iterations))?;
    if iterations == MAX_ITER {
        return Err(Error::NoConvergence(iterations));
    }
    // Back to the predictors' scale: raw = A·beta, with A the map below.
    let mut a = vec![0.0; p * p];
    a[0] = 1.0;
    for j in 1..p {
        a[j * p + j] = 1.0 / sd[j];
        a[j] = -mean[j] / sd[j];
    }
    let coef: Vec<f64> = (0..p)
        .map(|r| (0..p).map(|c| a[r * p + c] * beta[c]).sum())
        .collect();
    // se_r = sqrt((A C Aᵀ)_rr).
    let se: Vec<f64> = (0..p)
        .map(|r| {
            let mut v = 0.0;
            for c1 in 0..p {
                for c2 in 0..p {
                    v += a[r * p + c1] * cov[c1 * p + c2] * a[r * p + c2];
                }
            }
            v.max(0.0).sqrt()
        })
        .collect();
    let mut mean_raw = mean;
    mean_raw[0] = 1.0;
    Ok(Fit {
        names: d.names.clone(),
        coef,
        se,
        mean: mean_raw,
        iterations,
        cases: n,
    })
}

/// Inverse of the `p × p` matrix `m` by Gauss–Jordan elimination with partial pivoting;
/// `None` when singular.
fn invert(m: &[f64], p: usize) -> Option<Vec<f64>> {
    let w = 2 * p;
    let mut aug = vec![0.0; p * w];
    for r in 0..p {
        aug[r * w..r * w + p].copy_from_slice(&m[r * p..(r + 1) * p]);
        aug[r * w + p + r] = 1.0;
    }
    for c in 0..p {
        let piv = (c..p).max_by(|&a, &b| aug[a * w + c].abs().total_cmp(&aug[b * w + c].abs()))?;
        if aug[piv * w + c].abs() < 1e-12 {
            return None;
        }
        if piv != c {
            for k in 0..w {
                aug.swap(piv * w + k, c * w + k);
            }
        }
        let d = aug[c * w + c];
        for k in 0..w {
            aug[c * w + k] /= d;
        }
        for r in 0..p {
            if r != c {
                let f = aug[r * w + c];
                if f != 0.0 {
                    for k in 0..w {
                        aug[r * w + k] -= f * aug[c * w + k];
                    }
                }
            }
        }
    }
    Some(
        (0..p)
            .flat_map(|r| aug[r * w + p..r * w + w].to_vec())
            .collect(),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One predictor that separates well but not perfectly, plus noise.
    pub(crate) fn toy(groups: u32) -> Design {
        let mut d = Design {
            names: vec!["intercept".into(), "x".into()],
            ..Default::default()
        };
        for i in 0..200u32 {
            let x = (i % 20) as f64 / 2.0;
            // Honoured mostly when x is large, with exceptions at both ends.
            let y = (x > 4.5) ^ (i % 7 == 0);
            d.x.extend([1.0, x]);
            d.y.push(y);
            d.group.push(i % groups);
            d.stratum.push((i % 2) as u8);
        }
        d
    }

    #[test]
    fn the_fit_finds_the_sign_and_a_standard_error() {
        let f = fit(&toy(10), None, LAMBDA).unwrap();
        assert!(f.coef[1] > 0.3, "{:?}", f.coef);
        assert!(f.se[1] > 0.0 && f.se[1] < f.coef[1], "{:?}", f.se);
        let lo = f.predict(&[1.0, 0.0]);
        let hi = f.predict(&[1.0, 9.5]);
        assert!(lo < 0.3 && hi > 0.7, "{lo} {hi}");
    }

    #[test]
    fn without_a_penalty_the_fit_matches_the_mle_score_equation() {
        let d = toy(10);
        let f = fit(&d, None, 0.0).unwrap();
        // At the MLE the residuals sum to zero and are orthogonal to x.
        let (mut s0, mut s1) = (0.0, 0.0);
        for i in 0..d.rows() {
            let r = d.y[i] as u8 as f64 - f.predict(d.row(i));
            s0 += r;
            s1 += r * d.row(i)[1];
        }
        assert!(s0.abs() < 1e-6 && s1.abs() < 1e-6, "{s0} {s1}");
    }

    #[test]
    fn one_outcome_is_an_error_not_a_nan() {
        let mut d = toy(10);
        d.y.iter_mut().for_each(|y| *y = true);
        let e = fit(&d, None, LAMBDA).unwrap_err();
        assert!(
            matches!(
                e,
                Error::OneOutcome {
                    what: "honoured",
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn a_nan_names_the_predictor_and_the_row() {
        let mut d = toy(10);
        d.x[7] = f64::NAN;
        let e = fit(&d, None, LAMBDA).unwrap_err().to_string();
        assert!(e.contains("`x`") && e.contains("case 3"), "{e}");
    }

    #[test]
    fn the_inverse_inverts() {
        let m = [4.0, 1.0, 0.5, 1.0, 3.0, 0.2, 0.5, 0.2, 2.0];
        let i = invert(&m, 3).unwrap();
        for r in 0..3 {
            for c in 0..3 {
                let v: f64 = (0..3).map(|k| m[r * 3 + k] * i[k * 3 + c]).sum();
                assert!((v - (r == c) as u8 as f64).abs() < 1e-12);
            }
        }
        assert!(invert(&[1.0, 2.0, 2.0, 4.0], 2).is_none());
    }
}
