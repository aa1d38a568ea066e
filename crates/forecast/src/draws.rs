//! A seeded Monte Carlo over who comes: each obliged state joins the defence with its own
//! probability, independently, and the draws give the distribution of the defence side's
//! capabilities against the attacker's.
//!
//! The generator is SplitMix64 (Steele, Lea & Flood 2014), written out here so that the
//! same seed gives the same draws on every platform and every version of casus; `rand`
//! does not promise stable streams across its releases.

use crate::Error;
use serde::Serialize;

/// Capabilities of a state or a side: CINC, military spending, military personnel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Composite index of national capability (share of the system).
    pub cinc: f64,
    /// Military expenditure (NMC: thousands of US dollars).
    pub milex: f64,
    /// Military personnel (NMC: thousands).
    pub milper: f64,
}

impl Totals {
    fn add(&mut self, o: &Totals) {
        self.cinc += o.cinc;
        self.milex += o.milex;
        self.milper += o.milper;
    }
}

/// An obliged state that may come.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Its name (for error messages).
    pub name: String,
    /// Probability that it fights.
    pub p: f64,
    /// What it brings.
    pub capability: Totals,
}

/// The distribution of one measure of the defence side over the draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Measure {
    /// The attacker side's fixed total.
    pub attacker: f64,
    /// Mean of the defence side's total.
    pub mean: f64,
    /// 5th percentile.
    pub p05: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Share of draws in which the defence side's total exceeds the attacker's.
    pub p_outweighs: f64,
}

/// The three measures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Balance {
    /// CINC.
    pub cinc: Measure,
    /// Military spending.
    pub milex: Measure,
    /// Military personnel.
    pub milper: Measure,
}

/// What the draws give.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Draws {
    /// Draws made.
    pub draws: u32,
    /// The seed.
    pub seed: u64,
    /// Each side's totals over the draws.
    pub balance: Balance,
    /// Mean number of obliged states that come.
    pub expected_joiners: f64,
    /// Share of draws in which each candidate came, in input order.
    pub came: Vec<f64>,
}

/// SplitMix64: one 64-bit state, a counter and a mixer.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// `draws` draws over `candidates` joining a defence side that starts at `defence` (the
/// target, who always fights) against `attacker` (who always fights). Errors on a
/// probability outside [0, 1] or zero draws.
pub fn simulate(
    attacker: Totals,
    defence: Totals,
    candidates: &[Candidate],
    draws: u32,
    seed: u64,
) -> Result<Draws, Error> {
    for c in candidates {
        if !(0.0..=1.0).contains(&c.p) {
            return Err(Error::Probability {
                name: c.name.clone(),
                p: c.p,
            });
        }
    }
    if draws == 0 {
        return Err(Error::Empty);
    }
    let mut rng = SplitMix64::new(seed);
    let n = draws as usize;
    let mut cinc = Vec::with_capacity(n);
    let mut milex = Vec::with_capacity(n);
    let mut milper = Vec::with_capacity(n);
    let mut came = vec![0u32; candidates.len()];
    let mut joiners = 0u64;
    for _ in 0..n {
        let mut side = defence;
        for (k, c) in candidates.iter().enumerate() {
            if rng.next_f64() < c.p {
                side.add(&c.capability);
                came[k] += 1;
                joiners += 1;
            }
        }
        cinc.push(side.cinc);
        milex.push(side.milex);
        milper.push(side.milper);
    }
    let measure = |v: &mut [f64], att: f64| {
        let wins = v.iter().filter(|&&x| x > att).count();
        let mean = v.iter().sum::<f64>() / n as f64;
        v.sort_unstable_by(f64::total_cmp);
        let q = |f: f64| v[((f * (n - 1) as f64).round() as usize).min(n - 1)];
        Measure {
            attacker: att,
            mean,
            p05: q(0.05),
            p50: q(0.5),
            p95: q(0.95),
            p_outweighs: wins as f64 / n as f64,
        }
    };
    Ok(Draws {
        draws,
        seed,
        balance: Balance {
            cinc: measure(&mut cinc, attacker.cinc),
            milex: measure(&mut milex, attacker.milex),
            milper: measure(&mut milper, attacker.milper),
        },
        expected_joiners: joiners as f64 / n as f64,
        came: came.iter().map(|&c| c as f64 / n as f64).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cand(name: &str, p: f64, cinc: f64) -> Candidate {
        Candidate {
            name: name.into(),
            p,
            capability: Totals {
                cinc,
                milex: cinc * 1000.0,
                milper: cinc * 100.0,
            },
        }
    }

    fn att() -> Totals {
        Totals {
            cinc: 0.1,
            milex: 100.0,
            milper: 10.0,
        }
    }

    #[test]
    fn same_seed_same_draws_other_seed_other_draws() {
        let cs = [cand("a", 0.3, 0.08), cand("b", 0.6, 0.05)];
        let one = simulate(att(), Totals::default(), &cs, 10_000, 7).unwrap();
        let two = simulate(att(), Totals::default(), &cs, 10_000, 7).unwrap();
        let other = simulate(att(), Totals::default(), &cs, 10_000, 8).unwrap();
        assert_eq!(one, two);
        assert_ne!(one.came, other.came);
    }

    #[test]
    fn certain_and_impossible_allies_are_exact() {
        let cs = [cand("sure", 1.0, 0.2), cand("never", 0.0, 0.5)];
        let d = simulate(att(), Totals::default(), &cs, 1000, 1).unwrap();
        assert_eq!(d.came, [1.0, 0.0]);
        assert_eq!(d.balance.cinc.p_outweighs, 1.0);
        assert_eq!(d.balance.cinc.p05, 0.2);
        assert_eq!(d.expected_joiners, 1.0);
    }

    #[test]
    fn a_probability_outside_the_unit_interval_is_refused() {
        let e = simulate(att(), Totals::default(), &[cand("x", f64::NAN, 0.1)], 10, 1);
        assert!(e.unwrap_err().to_string().contains("`x`"));
        assert!(simulate(att(), Totals::default(), &[], 0, 1).is_err());
    }

    proptest! {
        #[test]
        fn shares_are_probabilities_and_near_p(p in 0.0f64..=1.0, seed in any::<u64>()) {
            let d = simulate(att(), Totals::default(), &[cand("a", p, 0.2)], 4000, seed).unwrap();
            let m = &d.balance.cinc;
            prop_assert!((0.0..=1.0).contains(&m.p_outweighs));
            prop_assert!(m.p05 <= m.p50 && m.p50 <= m.p95);
            // 4000 draws: the share is within 5 standard errors of p.
            prop_assert!((d.came[0] - p).abs() <= 5.0 * (0.25f64 / 4000.0).sqrt() + 1e-12);
        }
    }
}
