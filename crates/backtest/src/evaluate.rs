//! Invoking the engine for many incidents at once, in parallel, in input order.

use crate::incidents::RecordIncident;
use casus_core::engine::{Engine, Obligation, Options, Status};
use casus_core::treaty::Treaty;
use casus_core::treaty::{Kind, Strength};
use casus_core::{Ccode, Day};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// One obligation found for one incident (the engine's [`Obligation`] without the trace).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Found {
    /// Index into the treaty list the evaluation ran over.
    #[serde(skip)]
    pub treaty: usize,
    /// The state that is bound (COW code).
    pub obligor: Ccode,
    /// The state that is protected (COW code).
    pub beneficiary: Ccode,
    /// The kind of commitment.
    pub kind: Kind,
    /// How strongly the obligor is bound.
    pub strength: Strength,
    /// Article number of the clause.
    pub article: String,
    /// Triggered, undetermined or breached.
    pub status: Status,
    /// The incident's day is uncertain and the status differs between its earliest and
    /// latest possible day (reported as undetermined).
    pub date_uncertain: bool,
}

impl Found {
    fn from(o: Obligation) -> Found {
        Found {
            treaty: o.treaty_index,
            obligor: o.obligor,
            beneficiary: o.beneficiary,
            kind: o.kind,
            strength: o.strength,
            article: o.article,
            status: o.status,
            date_uncertain: false,
        }
    }

    fn key(&self) -> (usize, &str, Ccode, Ccode, Kind) {
        (
            self.treaty,
            self.article.as_str(),
            self.obligor,
            self.beneficiary,
            self.kind,
        )
    }
}

/// How many incidents a parallel task takes at once (and how often progress is reported).
const CHUNK: usize = 64;

/// Evaluates every incident against the engine's treaties: one list of obligations per
/// incident, in input order. With `all`, obligations that were checked and not triggered
/// are kept too. `progress` is called with the number of incidents just finished.
///
/// An incident whose day is uncertain is evaluated on its earliest and its latest possible
/// day and on every day in between on which a treaty of its target or attackers, or a
/// membership in one, starts or ends ([`ChangeDays`]); an obligation whose status differs
/// between these days becomes undetermined.
pub fn evaluate(
    engine: &Engine,
    incidents: &[RecordIncident],
    all: bool,
    progress: &(dyn Fn(u64) + Sync),
) -> Vec<Vec<Found>> {
    let opt = Options {
        all,
        ..Options::LEAN
    };
    let changes = ChangeDays::new(&engine.treaties);
    let chunks: Vec<Vec<Vec<Found>>> = incidents
        .par_chunks(CHUNK)
        .map(|chunk| {
            let v: Vec<Vec<Found>> = chunk
                .iter()
                .map(|ri| one(engine, ri, opt, &changes))
                .collect();
            progress(chunk.len() as u64);
            v
        })
        .collect();
    chunks.into_iter().flatten().collect()
}

fn one(engine: &Engine, ri: &RecordIncident, opt: Options, changes: &ChangeDays) -> Vec<Found> {
    let early: Vec<Found> = engine
        .invoke(&ri.incident, opt)
        .obligations
        .into_iter()
        .map(Found::from)
        .collect();
    if ri.exact() {
        return early;
    }
    let days = changes.inside(ri);
    let mut merged: Vec<(Found, usize)> = early.into_iter().map(|f| (f, 1)).collect();
    for &day in &days {
        let mut inc = ri.incident.clone();
        inc.date = day;
        for o in engine.invoke(&inc, opt).obligations {
            let f = Found::from(o);
            match merged.iter_mut().find(|(m, _)| m.key() == f.key()) {
                Some((m, n)) => {
                    *n += 1;
                    if m.status != f.status {
                        // Different on two possible days: one of them obliges.
                        m.date_uncertain = true;
                        m.status = Status::Undetermined;
                    }
                }
                None => merged.push((f, 1)),
            }
        }
    }
    let all_days = days.len() + 1;
    merged
        .into_iter()
        .map(|(mut f, n)| {
            if n < all_days {
                uncertain(&mut f);
            }
            f
        })
        .collect()
}

/// An obligation that holds on some possible days of the incident and not on others.
fn uncertain(f: &mut Found) {
    f.date_uncertain = true;
    if f.status != Status::NotTriggered {
        f.status = Status::Undetermined;
    }
}

/// For each state, the days on which a treaty it belongs to starts or ends, or a party of
/// such a treaty enters or leaves: the days on which an obligation involving the state can
/// change. An incident with an uncertain day is evaluated on these days too, so that a
/// treaty in force only inside the incident's possible days (the Anglo-Polish agreement of
/// August 1939, ATOP 2440, inside the Second World War's year-only 1939) is seen.
pub struct ChangeDays {
    by_state: HashMap<Ccode, Vec<Day>>,
}

impl ChangeDays {
    /// Indexes the change days of `treaties` by party.
    pub fn new(treaties: &[&Treaty]) -> ChangeDays {
        let mut by_state: HashMap<Ccode, Vec<Day>> = HashMap::new();
        for t in treaties {
            let mut days: Vec<Day> = Vec::new();
            days.extend(t.in_force.or(t.signed));
            days.extend(t.lapsed.map(|d| Day(d.0 + 1)));
            for p in &t.parties {
                days.push(p.entry);
                days.extend(p.exit.map(|d| Day(d.0 + 1)));
            }
            for p in &t.parties {
                by_state.entry(p.ccode).or_default().extend(&days);
            }
        }
        for v in by_state.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        ChangeDays { by_state }
    }

    /// The change days of the incident's target and attackers strictly after its earliest
    /// and up to its latest possible day (the latest always among them), in order.
    fn inside(&self, ri: &RecordIncident) -> Vec<Day> {
        let (from, to) = (ri.incident.date, ri.latest);
        let mut out: Vec<Day> = std::iter::once(ri.incident.target)
            .chain(ri.incident.attacker_states())
            .filter_map(|c| self.by_state.get(&c))
            .flat_map(|v| {
                let lo = v.partition_point(|d| *d <= from);
                let hi = v.partition_point(|d| *d < to);
                v[lo..hi].iter().copied()
            })
            .collect();
        out.push(to);
        out.sort_unstable();
        out.dedup();
        out
    }
}
