//! Validation of the response against who actually joined (`casus validate joiners`).
//!
//! For every GML dispute of hostility 4 or 5, the side-A originators attack each side-B
//! originator on its first day (the `origin` incidents of [`crate::incidents`], with the
//! gravity threshold). The response (`Engine::respond`) puts states on a side; the record
//! says which states joined the dispute later (`orig = 0`) and on which side. A predicted
//! joiner is *right* when that state joined the same dispute on the same side. Precision,
//! recall and F1 are counted over (dispute, state, side) triples, for round 1 and for the
//! whole response, under both readings, by hostility level and era. Method and the table:
//! docs/invoke.md, "Who actually joined".

use crate::incidents::{mid_incidents, Entry};
use casus_core::engine::{Engine, Options, Reading};
use casus_core::treaty::Treaty;
use casus_core::{Ccode, Day, World};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A state on a side of a dispute: (state, on side A).
type Joined = BTreeSet<(Ccode, bool)>;

/// What the response predicted for one dispute, under one reading.
struct Prediction {
    round1: Joined,
    whole: Joined,
}

/// One dispute: the record and both readings' predictions.
struct Case {
    dispute: u32,
    year: i16,
    hostility: u8,
    actual: Joined,
    /// Actual joiners with no treaty in force, of any kind, with any originator of either
    /// side on the day of the first attack: no alliance reading can predict them.
    untied: usize,
    legal: Prediction,
    escalation: Prediction,
}

/// How far into the response a prediction goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Round 1: the states the first attack obliges.
    Round1,
    /// Every round of the cascade.
    Whole,
}

impl Stage {
    /// The name used in tables and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Round1 => "round-1",
            Stage::Whole => "whole",
        }
    }
}

/// Precision, recall and F1 of one reading and stage on one set of disputes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    /// The reading of the response.
    pub reading: Reading,
    /// Round 1 or the whole response.
    pub stage: Stage,
    /// `hostility 5` (wars) or `hostility >= 4`.
    pub disputes_of: &'static str,
    /// `all` or an era such as `1946-1989`.
    pub era: &'static str,
    /// Disputes counted.
    pub disputes: usize,
    /// States that joined (orig = 0), per dispute and side.
    pub actual: usize,
    /// States the response put on a side.
    pub predicted: usize,
    /// Predicted joiners that joined the same dispute on the same side.
    pub right: usize,
    /// right / predicted; `None` when nothing was predicted.
    pub precision: Option<f64>,
    /// right / actual; `None` when nobody joined.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall.
    pub f1: Option<f64>,
    /// Actual joiners with no treaty in force, of any kind, with any originator of either
    /// side ([`tied`]): no reading of alliances can predict them.
    pub untied: usize,
    /// (actual − untied) / actual: the highest recall any alliance reading can reach.
    pub recall_bound: Option<f64>,
}

/// A dispute where a reading missed joiners or predicted joiners that did not come.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Miss {
    /// The reading of the response.
    pub reading: Reading,
    /// GML dispute number.
    pub dispute: u32,
    /// The dispute's start year.
    pub year: i16,
    /// The dispute's hostility level (4 or 5).
    pub hostility: u8,
    /// The states (abbreviations), `A:` or `B:` for the side.
    pub states: Vec<String>,
}

/// The whole validation (`casus.validate-joiners/1`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JoinerValidation {
    /// `casus.validate-joiners/1`.
    pub schema: &'static str,
    /// Every reading × stage × hostility group × era (and all eras).
    pub scores: Vec<Score>,
    /// Per reading, the disputes with the most actual joiners the whole response missed.
    pub misses: Vec<Miss>,
    /// Per reading, the disputes with the most predicted joiners who did not join.
    pub false_alarms: Vec<Miss>,
}

/// Eras of the record, by the dispute's start year.
pub const ERAS: [(&str, i16, i16); 4] = [
    ("1816-1913", 1816, 1913),
    ("1914-1945", 1914, 1945),
    ("1946-1989", 1946, 1989),
    ("1990-2010", 1990, 2010),
];

/// Whether `joiner` shares a treaty in force on `day` (any clause kind: defence, neutrality,
/// non-aggression, consultation) with one of `originators`. A joiner without such a tie
/// came for reasons no alliance reading can see (a UN mandate, a coalition of choice), so
/// the share of tied joiners bounds the recall of every reading.
pub fn tied(treaties: &[&Treaty], day: Day, joiner: Ccode, originators: &[Ccode]) -> bool {
    treaties.iter().any(|t| {
        t.binds_on(day)
            && t.is_party_on(joiner, day)
            && originators
                .iter()
                .any(|&o| o != joiner && t.is_party_on(o, day))
    })
}

fn predict(
    engine: &Engine,
    incidents: &[&casus_core::incident::Incident],
    r: Reading,
) -> Prediction {
    let opt = Options {
        all: false,
        trace: false,
        military_only: true,
        reading: r,
    };
    let mut p = Prediction {
        round1: Joined::new(),
        whole: Joined::new(),
    };
    for inc in incidents {
        let resp = engine.respond(inc, opt);
        if let Some(first) = resp.rounds.first() {
            p.round1
                .extend(first.side_a.iter().map(|j| (j.state, true)));
            p.round1
                .extend(first.side_b.iter().map(|j| (j.state, false)));
        }
        for round in &resp.rounds {
            p.whole.extend(round.side_a.iter().map(|j| (j.state, true)));
            p.whole
                .extend(round.side_b.iter().map(|j| (j.state, false)));
        }
    }
    p
}

/// Runs the validation over every hostility-4 and -5 dispute of the record, against every
/// treaty in force (the world's default treaty set). `limit` caps each list of cases.
pub fn validate_joiners(world: &World, limit: usize) -> JoinerValidation {
    let rec = &world.record;
    let disputes: BTreeMap<u32, (i16, i8)> = rec
        .mid_disputes
        .iter()
        .map(|d| (d.dispnum, (d.start_year, d.hostlev)))
        .collect();
    let mut actual: BTreeMap<u32, Joined> = BTreeMap::new();
    for p in rec.mid_participants.iter().filter(|p| !p.originator) {
        actual
            .entry(p.dispnum)
            .or_default()
            .insert((p.ccode, p.side_a));
    }
    let all = mid_incidents(rec);
    let mut origins: BTreeMap<u32, Vec<&casus_core::incident::Incident>> = BTreeMap::new();
    for ri in all.iter().filter(|i| i.entry == Entry::Origin) {
        origins.entry(ri.dispute).or_default().push(&ri.incident);
    }
    let mut originators: BTreeMap<u32, Vec<Ccode>> = BTreeMap::new();
    for p in rec.mid_participants.iter().filter(|p| p.originator) {
        originators.entry(p.dispnum).or_default().push(p.ccode);
    }
    let treaties = world.default_treaties();
    let engine = Engine::new(world, treaties.clone());
    let cases: Vec<Case> = origins
        .par_iter()
        .filter_map(|(&d, incs)| {
            let &(year, hostlev) = disputes.get(&d)?;
            let actual = actual.get(&d).cloned().unwrap_or_default();
            let orig = originators.get(&d).map_or(&[][..], |v| &v[..]);
            let day = incs.iter().map(|i| i.date).min()?;
            let untied = actual
                .iter()
                .filter(|&&(s, _)| !tied(&treaties, day, s, orig))
                .count();
            (hostlev >= 4).then(|| Case {
                dispute: d,
                year,
                hostility: hostlev as u8,
                actual,
                untied,
                legal: predict(&engine, incs, Reading::Legal),
                escalation: predict(&engine, incs, Reading::Escalation),
            })
        })
        .collect();
    let mut scores = Vec::new();
    for reading in Reading::ALL {
        for stage in [Stage::Round1, Stage::Whole] {
            for (of, min) in [("hostility 5", 5), ("hostility >= 4", 4)] {
                let eras = std::iter::once(("all", 0, i16::MAX)).chain(ERAS);
                for (era, from, to) in eras {
                    let chosen = cases
                        .iter()
                        .filter(|c| c.hostility >= min && (from..=to).contains(&c.year));
                    scores.push(score(chosen, reading, stage, of, era));
                }
            }
        }
    }
    let abb = |j: &Joined| {
        j.iter()
            .map(|&(s, a)| format!("{}:{}", if a { "A" } else { "B" }, world.states.abb(s)))
            .collect::<Vec<_>>()
    };
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    for reading in Reading::ALL {
        let pick = |c: &Case, missed: bool| {
            let p = &prediction(c, reading).whole;
            let v: Joined = if missed {
                c.actual.difference(p).copied().collect()
            } else {
                p.difference(&c.actual).copied().collect()
            };
            Miss {
                reading,
                dispute: c.dispute,
                year: c.year,
                hostility: c.hostility,
                states: abb(&v),
            }
        };
        for (missed, out) in [(true, &mut misses), (false, &mut false_alarms)] {
            let mut v: Vec<Miss> = cases.iter().map(|c| pick(c, missed)).collect();
            v.sort_by(|a, b| {
                b.states
                    .len()
                    .cmp(&a.states.len())
                    .then(a.dispute.cmp(&b.dispute))
            });
            out.extend(v.into_iter().filter(|m| !m.states.is_empty()).take(limit));
        }
    }
    JoinerValidation {
        schema: "casus.validate-joiners/1",
        scores,
        misses,
        false_alarms,
    }
}

fn prediction(c: &Case, r: Reading) -> &Prediction {
    match r {
        Reading::Legal => &c.legal,
        Reading::Escalation => &c.escalation,
    }
}

fn score<'a>(
    cases: impl Iterator<Item = &'a Case>,
    reading: Reading,
    stage: Stage,
    disputes_of: &'static str,
    era: &'static str,
) -> Score {
    let (mut n, mut actual, mut predicted, mut right, mut untied) = (0, 0, 0, 0, 0);
    for c in cases {
        untied += c.untied;
        let p = prediction(c, reading);
        let p = match stage {
            Stage::Round1 => &p.round1,
            Stage::Whole => &p.whole,
        };
        n += 1;
        actual += c.actual.len();
        predicted += p.len();
        right += p.intersection(&c.actual).count();
    }
    let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
    let precision = ratio(right, predicted);
    let recall = ratio(right, actual);
    let f1 = match (precision, recall) {
        (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    };
    Score {
        reading,
        stage,
        disputes_of,
        era,
        disputes: n,
        actual,
        predicted,
        right,
        precision,
        recall,
        f1,
        untied,
        recall_bound: ratio(actual - untied, actual),
    }
}
