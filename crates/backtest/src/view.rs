//! The documented JSON shapes of `casus backtest` and `casus reliability`: engine results
//! with names added, so that programs need no lookup table. Versioned by `schema`; fields
//! are only ever added.

use crate::incidents::{DisputeRef, Entry, RecordIncident, Source};
use crate::reliability::{Applies, Breakdown, Case, Outcome, Reliability, Row};
use crate::summary::{Backtest, Counts, Tally, YearCount};
use casus_core::engine::Status;
use casus_core::incident::{Actor, Force};
use casus_core::treaty::{Kind, Strength, Treaty, TreatyStatus};
use casus_core::view::{ActorView, StateRef};
use casus_core::{Day, World};
use serde::Serialize;

pub const BACKTEST_SCHEMA: &str = "casus.backtest/1";
pub const RELIABILITY_SCHEMA: &str = "casus.reliability/1";

/// An incident of the record, with names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IncidentView {
    /// "MID 3551", "war 139" or the library id.
    pub dispute: String,
    pub source: Source,
    pub entry: Entry,
    /// Earliest possible day.
    pub date: Day,
    /// Latest possible day (equal to `date` when the day is known).
    pub latest: Day,
    pub attackers: Vec<ActorView>,
    pub target: StateRef,
    pub hostility: u8,
    pub force: Force,
}

impl IncidentView {
    pub fn new(w: &World, ri: &RecordIncident) -> IncidentView {
        IncidentView {
            dispute: ri.label(),
            source: ri.source,
            entry: ri.entry,
            date: ri.incident.date,
            latest: ri.latest,
            attackers: ri
                .incident
                .attackers
                .iter()
                .map(|a| match a {
                    Actor::State(c) => ActorView::State(StateRef::new(w, *c)),
                    Actor::NonState(n) => ActorView::NonState { name: n.clone() },
                })
                .collect(),
            target: StateRef::new(w, ri.incident.target),
            hostility: ri.hostility,
            force: ri.incident.force,
        }
    }
}

/// The label of a dispute reference ("MID 3551", "war 139", "crimea-2014").
pub fn dispute_label(w: &World, d: DisputeRef) -> String {
    match d.source {
        Source::Mid => format!("MID {}", d.id),
        Source::War => format!("war {}", d.id),
        Source::Library => w
            .incidents
            .get(d.id as usize)
            .and_then(|i| i.id.clone())
            .unwrap_or_else(|| format!("library {}", d.id)),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObligationView {
    pub obligor: StateRef,
    pub beneficiary: StateRef,
    pub kind: Kind,
    pub strength: Strength,
    pub article: String,
    pub status: Status,
    pub date_uncertain: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HitView {
    pub incident: IncidentView,
    pub status: Status,
    pub obligations: Vec<ObligationView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExposureView {
    pub state: StateRef,
    pub triggered: Tally,
    pub undetermined: Tally,
    pub breached: Tally,
    /// Triggered defence or offence obligations: calls to fight.
    pub military: Tally,
    pub kinds: Vec<Kind>,
    pub strongest: Option<Strength>,
    /// Disputes it would have been drawn into.
    pub disputes: Vec<String>,
    /// Disputes it might have been drawn into (undetermined only).
    pub disputes_undetermined: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TreatyView {
    pub id: String,
    pub name: String,
    pub status: TreatyStatus,
    pub counts: Counts,
    pub exposure: Vec<ExposureView>,
    pub years: Vec<YearCount>,
    pub incidents: Vec<HitView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BacktestView {
    pub schema: &'static str,
    pub from: Day,
    pub to: Day,
    /// The proposal was evaluated as if in force since this day.
    pub as_if_since: Option<Day>,
    pub min_hostility: u8,
    pub sources: Vec<Source>,
    /// Incidents examined.
    pub incidents: usize,
    pub treaties: Vec<TreatyView>,
}

/// What was asked, for the view's header.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub as_if_since: Option<Day>,
    pub min_hostility: u8,
    pub sources: Vec<Source>,
}

impl BacktestView {
    /// `treaties` is the list [`crate::backtest`] ran over; with `details` false the
    /// per-incident lists are left empty (summaries only).
    pub fn new(
        w: &World,
        treaties: &[&Treaty],
        incidents: &[RecordIncident],
        bt: &Backtest,
        q: &Query,
        details: bool,
    ) -> BacktestView {
        BacktestView {
            schema: BACKTEST_SCHEMA,
            from: bt.window.from,
            to: bt.window.to,
            as_if_since: q.as_if_since,
            min_hostility: q.min_hostility,
            sources: q.sources.clone(),
            incidents: bt.incidents,
            treaties: bt
                .treaties
                .iter()
                .map(|t| {
                    let tr = treaties[t.treaty];
                    TreatyView {
                        id: tr.id.clone(),
                        name: tr.name.clone(),
                        status: tr.status,
                        counts: t.counts,
                        exposure: t
                            .exposure
                            .iter()
                            .map(|e| ExposureView {
                                state: StateRef::new(w, e.obligor),
                                triggered: e.triggered,
                                undetermined: e.undetermined,
                                breached: e.breached,
                                military: e.military,
                                kinds: e.kinds.clone(),
                                strongest: e.strongest,
                                disputes: if details {
                                    e.disputes.iter().map(|d| dispute_label(w, *d)).collect()
                                } else {
                                    vec![]
                                },
                                disputes_undetermined: if details {
                                    e.disputes_undetermined
                                        .iter()
                                        .map(|d| dispute_label(w, *d))
                                        .collect()
                                } else {
                                    vec![]
                                },
                            })
                            .collect(),
                        years: t.years.clone(),
                        incidents: if details {
                            t.hits
                                .iter()
                                .map(|h| HitView {
                                    incident: IncidentView::new(w, &incidents[h.incident]),
                                    status: h.status,
                                    obligations: h
                                        .obligations
                                        .iter()
                                        .map(|o| ObligationView {
                                            obligor: StateRef::new(w, o.obligor),
                                            beneficiary: StateRef::new(w, o.beneficiary),
                                            kind: o.kind,
                                            strength: o.strength,
                                            article: o.article.clone(),
                                            status: o.status,
                                            date_uncertain: o.date_uncertain,
                                        })
                                        .collect(),
                                })
                                .collect()
                        } else {
                            vec![]
                        },
                    }
                })
                .collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaseView {
    pub treaty: String,
    pub incident: IncidentView,
    pub ally: StateRef,
    pub attacked: StateRef,
    pub applies: Applies,
    pub outcome: Outcome,
    /// The pledge judged.
    pub kind: casus_core::treaty::Kind,
    /// The pledge read against the outcome (`docs/backtest.md`, §4).
    pub verdict: crate::verdict::Verdict,
    pub era: &'static str,
    pub bilateral: bool,
    pub offence: bool,
    pub conditional: bool,
    pub fellow_attacker: bool,
    pub ally_attacked: bool,
    pub date_uncertain: bool,
}

impl CaseView {
    pub fn new(
        w: &World,
        treaties: &[&Treaty],
        incidents: &[RecordIncident],
        c: &Case,
    ) -> CaseView {
        let ri = &incidents[c.incident];
        CaseView {
            treaty: treaties[c.treaty].id.clone(),
            incident: IncidentView::new(w, ri),
            ally: StateRef::new(w, c.obligor),
            attacked: StateRef::new(w, c.beneficiary),
            applies: c.applies,
            outcome: c.outcome,
            kind: c.kind,
            verdict: c.verdict,
            era: crate::reliability::era(ri.incident.date.year()),
            bilateral: c.bilateral,
            offence: c.offence,
            conditional: c.conditional,
            fellow_attacker: c.fellow_attacker,
            ally_attacked: c.ally_attacked,
            date_uncertain: c.date_uncertain,
        }
    }
}

/// A published reference figure, for comparison (see docs/backtest.md).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reference {
    pub study: &'static str,
    pub sample: &'static str,
    pub honoured: &'static str,
}

/// The literature's reference figures (approximate, as the studies report them).
pub const REFERENCES: &[Reference] = &[
    Reference {
        study: "Leeds, Long & Mitchell 2000, J. Conflict Resolution 44(5): 686–699",
        sample: "alliance commitments in wars, 1816–1944",
        honoured: "about 75%",
    },
    Reference {
        study: "Berkemeier & Fuhrmann 2018, Research & Politics 5(2)",
        sample: "alliance commitments in wars, different coding",
        honoured: "about 50%",
    },
];

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReliabilityView {
    pub schema: &'static str,
    pub from: Day,
    pub to: Day,
    pub sources: Vec<Source>,
    pub min_hostility: u8,
    /// Whether side-B joiners count as attacked.
    pub joiners: bool,
    pub treaties: usize,
    pub incidents: usize,
    pub overall: Row,
    pub alliances: crate::reliability::AllianceRates,
    pub breakdowns: Vec<Breakdown>,
    pub references: &'static [Reference],
    pub cases: Vec<CaseView>,
}

/// What was asked of `casus reliability`, for the view's header.
#[derive(Clone, Debug, PartialEq)]
pub struct ReliabilityQuery {
    pub window: crate::Window,
    pub sources: Vec<Source>,
    pub min_hostility: u8,
    pub joiners: bool,
}

impl ReliabilityView {
    /// With `cases` false the case list is left empty (summaries only).
    pub fn new(
        w: &World,
        treaties: &[&Treaty],
        incidents: &[RecordIncident],
        r: &Reliability,
        q: &ReliabilityQuery,
        cases: bool,
    ) -> ReliabilityView {
        ReliabilityView {
            schema: RELIABILITY_SCHEMA,
            from: q.window.from,
            to: q.window.to,
            sources: q.sources.clone(),
            min_hostility: q.min_hostility,
            joiners: q.joiners,
            treaties: treaties.len(),
            incidents: incidents.len(),
            overall: r.overall.clone(),
            alliances: r.alliances,
            breakdowns: r.breakdowns.clone(),
            references: REFERENCES,
            cases: if cases {
                r.cases
                    .iter()
                    .map(|c| CaseView::new(w, treaties, incidents, c))
                    .collect()
            } else {
                vec![]
            },
        }
    }
}
