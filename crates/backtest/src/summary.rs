//! The backtest proper: which incidents trigger each treaty, whom they oblige, and each
//! guarantor's exposure.

use crate::evaluate::{evaluate, Found};
use crate::incidents::{DisputeRef, RecordIncident};
use crate::Window;
use casus_core::engine::{Engine, Status};
use casus_core::treaty::{Kind, Strength, Treaty};
use casus_core::{Ccode, Day, World};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The result of backtesting a set of treaties over a set of incidents.
#[derive(Clone, Debug, PartialEq)]
pub struct Backtest {
    /// The days the incidents were drawn from.
    pub window: Window,
    /// Number of incidents examined.
    pub incidents: usize,
    /// One entry per treaty, in the order given.
    pub treaties: Vec<TreatyBacktest>,
}

impl Backtest {
    /// Per year, the incidents that trigger at least one of the treaties, and those that
    /// leave some undetermined and trigger none. `incidents` is the list backtested.
    pub fn combined_years(&self, incidents: &[RecordIncident]) -> Vec<YearCount> {
        let mut best_of: BTreeMap<usize, Status> = BTreeMap::new();
        for t in &self.treaties {
            for h in t
                .hits
                .iter()
                .filter(|h| matches!(h.status, Status::Triggered | Status::Undetermined))
            {
                let s = best_of.entry(h.incident).or_insert(h.status);
                *s = best(*s, h.status);
            }
        }
        let (y0, y1) = (self.window.from.year(), self.window.to.year());
        let mut years: Vec<YearCount> = (y0..=y1)
            .map(|year| YearCount {
                year,
                ..Default::default()
            })
            .collect();
        for (i, s) in best_of {
            let Some(yc) = incidents
                .get(i)
                .and_then(|ri| years.get_mut((ri.incident.date.year() - y0) as usize))
            else {
                continue;
            };
            match s {
                Status::Triggered => yc.triggered += 1,
                _ => yc.undetermined += 1,
            }
        }
        years
    }
}

/// What one treaty would have done over the window.
#[derive(Clone, Debug, PartialEq)]
pub struct TreatyBacktest {
    /// Index into the treaty list given to [`backtest`].
    pub treaty: usize,
    /// Treaty id.
    pub id: String,
    /// Headline numbers.
    pub counts: Counts,
    /// Incidents with at least one obligation of this treaty triggered, undetermined or
    /// breached, in incident order.
    pub hits: Vec<Hit>,
    /// One row per obliged state, most exposed first.
    pub exposure: Vec<Exposure>,
    /// One row per year of the window.
    pub years: Vec<YearCount>,
}

/// Headline numbers of one treaty.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Incidents in which some obligation is triggered.
    pub triggered: u32,
    /// Incidents in which some obligation is undetermined and none is triggered.
    pub undetermined: u32,
    /// Incidents in which an obligor breaches its own pledge (it is the attacker).
    pub breached: u32,
    /// Incidents in which a defence or offence obligation (a call to fight) is triggered.
    pub military: u32,
    /// … undetermined, and none triggered.
    pub military_undetermined: u32,
    /// Distinct disputes, wars or library incidents with a triggered obligation.
    pub disputes_triggered: u32,
    /// … with an undetermined obligation and no triggered one.
    pub disputes_undetermined: u32,
    /// Distinct calendar years with a triggered obligation.
    pub years_triggered: u32,
    /// Distinct states with a triggered obligation.
    pub obligors_triggered: u32,
}

/// One incident that sets the treaty off.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Index into the incident list.
    pub incident: usize,
    /// Triggered if any obligation is, else undetermined if any is, else breached.
    pub status: Status,
    /// The obligations found, triggered, undetermined or breached.
    pub obligations: Vec<Found>,
}

/// How often one state would have been called, and into what.
#[derive(Clone, Debug, PartialEq)]
pub struct Exposure {
    /// The obliged state (COW code).
    pub obligor: Ccode,
    /// Incidents where its obligation is triggered.
    pub triggered: Tally,
    /// Incidents where its obligation is undetermined (and not also triggered).
    pub undetermined: Tally,
    /// Incidents in which it is the attacker and breaches its pledge.
    pub breached: Tally,
    /// Incidents in which a defence or offence obligation of it is triggered.
    pub military: Tally,
    /// The disputes it would have been drawn into (triggered), in order.
    pub disputes: Vec<DisputeRef>,
    /// The disputes it might have been drawn into (undetermined only), in order.
    pub disputes_undetermined: Vec<DisputeRef>,
    /// Kinds of its triggered or undetermined obligations.
    pub kinds: Vec<Kind>,
    /// Its strongest triggered or undetermined obligation.
    pub strongest: Option<Strength>,
}

/// Incidents, distinct disputes and distinct years.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Incidents counted.
    pub incidents: u32,
    /// Distinct disputes or wars among them.
    pub disputes: u32,
    /// Distinct calendar years among them.
    pub years: u32,
}

/// One bar of the per-year chart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct YearCount {
    /// Calendar year.
    pub year: i32,
    /// Incidents in the year that trigger some obligation.
    pub triggered: u32,
    /// Incidents in the year that leave some obligation undetermined and trigger none.
    pub undetermined: u32,
}

/// Backtests `treaties` over `incidents` (as selected for `window`), counting obligations
/// of the given `kinds` (every kind when empty). Each treaty is evaluated on its own
/// terms: no cascade through other treaties. `progress` is called with the number of
/// incidents just evaluated.
pub fn backtest(
    world: &World,
    treaties: &[&Treaty],
    incidents: &[RecordIncident],
    window: Window,
    kinds: &[Kind],
    progress: &(dyn Fn(u64) + Sync),
) -> Backtest {
    let engine = Engine::new(world, treaties.to_vec());
    let found = evaluate(&engine, incidents, false, progress);
    aggregate(treaties, incidents, window, kinds, found)
}

fn best(a: Status, b: Status) -> Status {
    let rank = |s: Status| match s {
        Status::Triggered => 0,
        Status::Undetermined => 1,
        Status::Breached => 2,
        Status::NotTriggered => 3,
    };
    if rank(b) < rank(a) {
        b
    } else {
        a
    }
}

#[derive(Default)]
struct Acc {
    mil: (u32, BTreeSet<DisputeRef>, BTreeSet<i32>),
    trig: (u32, BTreeSet<DisputeRef>, BTreeSet<i32>),
    und: (u32, BTreeSet<DisputeRef>, BTreeSet<i32>),
    breach: (u32, BTreeSet<DisputeRef>, BTreeSet<i32>),
    trig_order: Vec<DisputeRef>,
    kinds: BTreeSet<Kind>,
    strongest: Option<Strength>,
}

fn tally(t: &(u32, BTreeSet<DisputeRef>, BTreeSet<i32>)) -> Tally {
    Tally {
        incidents: t.0,
        disputes: t.1.len() as u32,
        years: t.2.len() as u32,
    }
}

fn add(t: &mut (u32, BTreeSet<DisputeRef>, BTreeSet<i32>), d: DisputeRef, y: i32) {
    t.0 += 1;
    t.1.insert(d);
    t.2.insert(y);
}

fn aggregate(
    treaties: &[&Treaty],
    incidents: &[RecordIncident],
    window: Window,
    kinds: &[Kind],
    found: Vec<Vec<Found>>,
) -> Backtest {
    let per = hits_by_treaty(treaties.len(), kinds, found);
    let treaties = per
        .into_iter()
        .enumerate()
        .map(|(ti, hits)| treaty_backtest(ti, treaties[ti].id.clone(), hits, incidents, window))
        .collect();
    Backtest {
        window,
        incidents: incidents.len(),
        treaties,
    }
}

/// Regroups what each incident found by treaty: one [`Hit`] per (treaty, incident) with the
/// kept obligations (of `kinds`, if given) and their best status.
fn hits_by_treaty(n: usize, kinds: &[Kind], found: Vec<Vec<Found>>) -> Vec<Vec<Hit>> {
    let mut per: Vec<Vec<Hit>> = vec![Vec::new(); n];
    for (i, obs) in found.into_iter().enumerate() {
        let mut by_treaty: BTreeMap<usize, Vec<Found>> = BTreeMap::new();
        for f in obs.into_iter().filter(|f| {
            f.status != Status::NotTriggered && (kinds.is_empty() || kinds.contains(&f.kind))
        }) {
            by_treaty.entry(f.treaty).or_default().push(f);
        }
        for (t, obligations) in by_treaty {
            let status = obligations
                .iter()
                .map(|o| o.status)
                .fold(Status::NotTriggered, best);
            per[t].push(Hit {
                incident: i,
                status,
                obligations,
            });
        }
    }
    per
}

/// Counts, years and exposure of one treaty over its hits.
fn treaty_backtest(
    ti: usize,
    id: String,
    hits: Vec<Hit>,
    incidents: &[RecordIncident],
    window: Window,
) -> TreatyBacktest {
    let (y0, y1) = (window.from.year(), window.to.year());
    let mut counts = Counts::default();
    let mut years: Vec<YearCount> = (y0..=y1)
        .map(|year| YearCount {
            year,
            ..Default::default()
        })
        .collect();
    let (mut d_trig, mut d_und, mut y_trig) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let mut accs: BTreeMap<Ccode, Acc> = BTreeMap::new();
    for h in &hits {
        let ri = &incidents[h.incident];
        let (d, y) = (ri.dispute_ref(), ri.incident.date.year());
        let slot = (y - y0) as usize;
        match h.status {
            Status::Triggered => {
                counts.triggered += 1;
                d_trig.insert(d);
                y_trig.insert(y);
                if let Some(yc) = years.get_mut(slot) {
                    yc.triggered += 1;
                }
            }
            Status::Undetermined => {
                counts.undetermined += 1;
                d_und.insert(d);
                if let Some(yc) = years.get_mut(slot) {
                    yc.undetermined += 1;
                }
            }
            _ => {}
        }
        if h.obligations.iter().any(|o| o.status == Status::Breached) {
            counts.breached += 1;
        }
        let mil = |s: Status| {
            h.obligations
                .iter()
                .any(|o| o.status == s && o.kind.is_military())
        };
        if mil(Status::Triggered) {
            counts.military += 1;
        } else if mil(Status::Undetermined) {
            counts.military_undetermined += 1;
        }
        account(&mut accs, h, d, y);
    }
    counts.disputes_triggered = d_trig.len() as u32;
    counts.disputes_undetermined = d_und.difference(&d_trig).count() as u32;
    counts.years_triggered = y_trig.len() as u32;
    counts.obligors_triggered = accs.values().filter(|a| a.trig.0 > 0).count() as u32;
    TreatyBacktest {
        treaty: ti,
        id,
        counts,
        hits,
        exposure: exposure(accs),
        years,
    }
}

/// Adds one hit (dispute `d`, year `y`) to each obligor's account.
fn account(accs: &mut BTreeMap<Ccode, Acc>, h: &Hit, d: DisputeRef, y: i32) {
    let mut mil_obligors: Vec<Ccode> = h
        .obligations
        .iter()
        .filter(|o| o.status == Status::Triggered && o.kind.is_military())
        .map(|o| o.obligor)
        .collect();
    mil_obligors.sort_unstable();
    mil_obligors.dedup();
    for c in mil_obligors {
        add(&mut accs.entry(c).or_default().mil, d, y);
    }
    // Each obligor's best status in this incident.
    let mut mine: BTreeMap<Ccode, Status> = BTreeMap::new();
    for o in &h.obligations {
        let s = mine.entry(o.obligor).or_insert(o.status);
        *s = best(*s, o.status);
        if matches!(o.status, Status::Triggered | Status::Undetermined) {
            let a = accs.entry(o.obligor).or_default();
            a.kinds.insert(o.kind);
            a.strongest = a.strongest.max(Some(o.strength));
        }
    }
    for (c, s) in mine {
        let a = accs.entry(c).or_default();
        match s {
            Status::Triggered => {
                if !a.trig.1.contains(&d) {
                    a.trig_order.push(d);
                }
                add(&mut a.trig, d, y);
            }
            Status::Undetermined => add(&mut a.und, d, y),
            Status::Breached => add(&mut a.breach, d, y),
            Status::NotTriggered => {}
        }
    }
}

/// Each obligor's exposure, most exposed first (triggered, then undetermined, then breached).
fn exposure(accs: BTreeMap<Ccode, Acc>) -> Vec<Exposure> {
    let mut exposure: Vec<Exposure> = accs
        .into_iter()
        .map(|(obligor, a)| {
            let und_order: Vec<DisputeRef> = a
                .und
                .1
                .iter()
                .filter(|d| !a.trig.1.contains(d))
                .copied()
                .collect();
            Exposure {
                obligor,
                triggered: tally(&a.trig),
                undetermined: tally(&a.und),
                breached: tally(&a.breach),
                military: tally(&a.mil),
                disputes: a.trig_order,
                disputes_undetermined: und_order,
                kinds: a.kinds.into_iter().collect(),
                strongest: a.strongest,
            }
        })
        .collect();
    exposure.sort_by_key(|a| {
        (
            std::cmp::Reverse(a.triggered.incidents),
            std::cmp::Reverse(a.undetermined.incidents),
            std::cmp::Reverse(a.breached.incidents),
            a.obligor,
        )
    });
    exposure
}

/// The treaty as if it had been in force since `since`, to the end of the record: it binds
/// from `since` and never lapses; parties that entered on the treaty's own start date (its
/// founding parties, or every party of a proposal) are parties from `since`; parties with
/// their own later or earlier entry dates (accessions, NATO members of a group) keep them.
pub fn as_if_since(t: &Treaty, since: Day) -> Treaty {
    let mut t = t.clone();
    let start = t.in_force.or(t.signed);
    for p in &mut t.parties {
        if start.is_some_and(|s| p.entry == s) && since < p.entry {
            p.entry = since;
        }
    }
    t.in_force = Some(since);
    t.signed = Some(t.signed.map_or(since, |s| s.min(since)));
    t.lapsed = None;
    t.notes.push(format!("Backtested as if in force since {since}: founding parties are taken as parties from that day."));
    t
}
