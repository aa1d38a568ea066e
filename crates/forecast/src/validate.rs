//! Leave-one-war-out validation: every war's cases are predicted by a model fitted on the
//! other wars, and scored against two baselines fitted the same way.

use crate::fit::{fit, Design};
use crate::Error;
use serde::Serialize;

/// Probabilities are kept this far from 0 and 1 in the log loss, so one confident miss
/// costs a lot but not infinity.
const EPS: f64 = 1e-6;

/// Brier score and log loss (lower is better).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Mean squared error of the probability.
    pub brier: f64,
    /// Mean negative log-likelihood.
    pub log_loss: f64,
}

impl Scores {
    fn of(p: &[f64], y: &[bool]) -> Scores {
        let n = p.len() as f64;
        let (mut b, mut l) = (0.0, 0.0);
        for (&p, &y) in p.iter().zip(y) {
            let t = y as u8 as f64;
            b += (p - t).powi(2);
            let q = p.clamp(EPS, 1.0 - EPS);
            l -= if y { q.ln() } else { (1.0 - q).ln() };
        }
        Scores {
            brier: b / n,
            log_loss: l / n,
        }
    }
}

/// One bin of the reliability diagram.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Bin {
    /// Lower edge of predicted probability.
    pub from: f64,
    /// Upper edge.
    pub to: f64,
    /// Cases in the bin.
    pub cases: u32,
    /// Mean predicted probability (`None` when empty).
    pub predicted: Option<f64>,
    /// Share honoured (`None` when empty).
    pub observed: Option<f64>,
}

/// Out-of-sample scores of the model and the baselines.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Validation {
    /// Cases predicted.
    pub cases: usize,
    /// Wars (folds).
    pub wars: usize,
    /// The logistic model.
    pub model: Scores,
    /// Baseline 1: the honoured share of the training wars.
    pub overall_share: Scores,
    /// Baseline 2: the honoured share by pledge type, (honoured + 1) / (cases + 2).
    pub share_by_type: Scores,
    /// Which is used for forecasts: "model", or the better baseline when the model does
    /// not beat both on both scores.
    pub chosen: &'static str,
    /// Ten equal-width bins of the model's out-of-sample probability.
    pub bins: Vec<Bin>,
    /// The out-of-sample probability of every case, in row order.
    #[serde(skip)]
    pub predictions: Vec<f64>,
}

/// Leave-one-war-out validation of [`fit`] with penalty `lambda`.
pub fn validate(d: &Design, lambda: f64) -> Result<Validation, Error> {
    d.check()?;
    let mut groups: Vec<u32> = d.group.clone();
    groups.sort_unstable();
    groups.dedup();
    if groups.len() < 2 {
        return Err(Error::TooFewWars {
            groups: groups.len(),
        });
    }
    let n = d.rows();
    let strata = d.stratum.iter().copied().max().unwrap_or(0) as usize + 1;
    let mut model = vec![0.0; n];
    let mut overall = vec![0.0; n];
    let mut by_type = vec![0.0; n];
    let mut keep = vec![false; n];
    for &g in &groups {
        for (k, &gi) in keep.iter_mut().zip(&d.group) {
            *k = gi != g;
        }
        let f = fit(d, Some(&keep), lambda)?;
        let (mut h, mut c) = (0.0, 0.0);
        let mut hs = vec![0.0; strata];
        let mut cs = vec![0.0; strata];
        for i in (0..n).filter(|&i| keep[i]) {
            let y = d.y[i] as u8 as f64;
            h += y;
            c += 1.0;
            hs[d.stratum[i] as usize] += y;
            cs[d.stratum[i] as usize] += 1.0;
        }
        for i in (0..n).filter(|&i| !keep[i]) {
            model[i] = f.predict(d.row(i));
            overall[i] = h / c;
            let s = d.stratum[i] as usize;
            by_type[i] = (hs[s] + 1.0) / (cs[s] + 2.0);
        }
    }
    let m = Scores::of(&model, &d.y);
    let o = Scores::of(&overall, &d.y);
    let t = Scores::of(&by_type, &d.y);
    let beats = |b: &Scores| m.brier < b.brier && m.log_loss < b.log_loss;
    let chosen = if beats(&o) && beats(&t) {
        "model"
    } else if t.brier <= o.brier {
        "share-by-type"
    } else {
        "overall-share"
    };
    Ok(Validation {
        cases: n,
        wars: groups.len(),
        model: m,
        overall_share: o,
        share_by_type: t,
        chosen,
        bins: bins(&model, &d.y, 10),
        predictions: model,
    })
}

/// `k` equal-width bins of `p` with the observed share of `y` in each.
pub fn bins(p: &[f64], y: &[bool], k: usize) -> Vec<Bin> {
    let mut sum_p = vec![0.0; k];
    let mut sum_y = vec![0.0; k];
    let mut count = vec![0u32; k];
    for (&p, &y) in p.iter().zip(y) {
        let b = ((p * k as f64) as usize).min(k - 1);
        sum_p[b] += p;
        sum_y[b] += y as u8 as f64;
        count[b] += 1;
    }
    (0..k)
        .map(|b| Bin {
            from: b as f64 / k as f64,
            to: (b + 1) as f64 / k as f64,
            cases: count[b],
            predicted: (count[b] > 0).then(|| sum_p[b] / count[b] as f64),
            observed: (count[b] > 0).then(|| sum_y[b] / count[b] as f64),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fit::tests::toy;
    use crate::fit::LAMBDA;

    #[test]
    fn an_informative_predictor_beats_both_baselines_out_of_sample() {
        let v = validate(&toy(10), LAMBDA).unwrap();
        assert_eq!((v.cases, v.wars), (200, 10));
        assert!(v.model.brier < v.overall_share.brier, "{v:?}");
        assert!(v.model.log_loss < v.share_by_type.log_loss, "{v:?}");
        assert_eq!(v.chosen, "model");
        assert_eq!(v.bins.iter().map(|b| b.cases).sum::<u32>(), 200);
        assert!(v.predictions.iter().all(|p| (0.0..=1.0).contains(p)));
    }

    #[test]
    fn one_war_is_a_clear_error() {
        let e = validate(&toy(1), LAMBDA).unwrap_err();
        assert_eq!(e, Error::TooFewWars { groups: 1 });
        assert!(e.to_string().contains("at least 2 wars"));
    }

    #[test]
    fn noise_does_not_beat_the_baseline_and_the_baseline_is_kept() {
        let mut d = toy(10);
        // Outcome unrelated to x.
        for i in 0..d.rows() {
            d.y[i] = (i * 7919) % 13 < 6;
        }
        let v = validate(&d, LAMBDA).unwrap();
        assert_ne!(v.chosen, "model", "{v:?}");
    }
}
