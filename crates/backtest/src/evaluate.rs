//! Invoking the engine for many incidents at once, in parallel, in input order.

use crate::incidents::RecordIncident;
use casus_core::engine::{Engine, Obligation, Options, Status};
use casus_core::treaty::{Kind, Strength};
use casus_core::Ccode;
use rayon::prelude::*;
use serde::Serialize;

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
/// day; an obligation whose status differs between the two becomes undetermined.
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
    let chunks: Vec<Vec<Vec<Found>>> = incidents
        .par_chunks(CHUNK)
        .map(|chunk| {
            let v: Vec<Vec<Found>> = chunk.iter().map(|ri| one(engine, ri, opt)).collect();
            progress(chunk.len() as u64);
            v
        })
        .collect();
    chunks.into_iter().flatten().collect()
}

fn one(engine: &Engine, ri: &RecordIncident, opt: Options) -> Vec<Found> {
    let early: Vec<Found> = engine
        .invoke(&ri.incident, opt)
        .obligations
        .into_iter()
        .map(Found::from)
        .collect();
    if ri.exact() {
        return early;
    }
    let mut late_inc = ri.incident.clone();
    late_inc.date = ri.latest;
    let mut late: Vec<Option<Found>> = engine
        .invoke(&late_inc, opt)
        .obligations
        .into_iter()
        .map(|o| Some(Found::from(o)))
        .collect();
    let mut out = Vec::with_capacity(early.len());
    for mut f in early {
        let same = late
            .iter_mut()
            .find(|l| l.as_ref().is_some_and(|l| l.key() == f.key()))
            .and_then(Option::take);
        match same {
            Some(l) if l.status == f.status => {}
            // Different on the two days: one of them obliges.
            Some(_) => {
                f.date_uncertain = true;
                f.status = Status::Undetermined;
            }
            None => uncertain(&mut f),
        }
        out.push(f);
    }
    for mut f in late.into_iter().flatten() {
        uncertain(&mut f);
        out.push(f);
    }
    out
}

/// An obligation that holds on some possible days of the incident and not on others.
fn uncertain(f: &mut Found) {
    f.date_uncertain = true;
    if f.status != Status::NotTriggered {
        f.status = Status::Undetermined;
    }
}
