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

/// Value of the `schema` field of [`BacktestView`].
pub const BACKTEST_SCHEMA: &str = "casus.backtest/1";
/// Value of the `schema` field of [`ReliabilityView`].
pub const RELIABILITY_SCHEMA: &str = "casus.reliability/1";

/// An incident of the record, with names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IncidentView {
    /// "MID 3551", "war 139" or the library id.
    pub dispute: String,
    /// Which dataset the incident comes from.
    pub source: Source,
    /// How the target came to be attacked.
    pub entry: Entry,
    /// Earliest possible day.
    pub date: Day,
    /// Latest possible day (equal to `date` when the day is known).
    pub latest: Day,
    /// Who attacks.
    pub attackers: Vec<ActorView>,
    /// The state attacked.
    pub target: StateRef,
    /// MID hostility level of the attackers' highest action (2 threat … 5 war).
    pub hostility: u8,
    /// The force level the engine saw (from the hostility level for MIDs and wars).
    pub force: Force,
}

impl IncidentView {
    /// The view of record incident `ri`.
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

/// One obligation found in a backtested incident.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObligationView {
    /// The state that is bound.
    pub obligor: StateRef,
    /// The state that is protected.
    pub beneficiary: StateRef,
    /// The kind of commitment.
    pub kind: Kind,
    /// How strongly the obligor is bound.
    pub strength: Strength,
    /// Article number of the clause.
    pub article: String,
    /// Triggered, undetermined or breached.
    pub status: Status,
    /// The status differs between the earliest and latest possible day of the incident
    /// (reported as undetermined).
    pub date_uncertain: bool,
}

/// An incident in which a treaty obliges someone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HitView {
    /// The incident.
    pub incident: IncidentView,
    /// Triggered if any obligation is, else undetermined if any is, else breached.
    pub status: Status,
    /// The obligations found.
    pub obligations: Vec<ObligationView>,
}

/// How often one state would have been called.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExposureView {
    /// The obliged state.
    pub state: StateRef,
    /// Incidents where its obligation is triggered.
    pub triggered: Tally,
    /// Incidents where its obligation is undetermined (and not also triggered).
    pub undetermined: Tally,
    /// Incidents in which it is the attacker and breaches its pledge.
    pub breached: Tally,
    /// Triggered defence or offence obligations: calls to fight.
    pub military: Tally,
    /// Kinds of its triggered or undetermined obligations.
    pub kinds: Vec<Kind>,
    /// Its strongest triggered or undetermined obligation; `None` if it has none.
    pub strongest: Option<Strength>,
    /// Disputes it would have been drawn into.
    pub disputes: Vec<String>,
    /// Disputes it might have been drawn into (undetermined only).
    pub disputes_undetermined: Vec<String>,
}

/// What one treaty would have done over the window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TreatyView {
    /// Treaty id.
    pub id: String,
    /// Treaty name.
    pub name: String,
    /// Proposed, signed, in force or lapsed.
    pub status: TreatyStatus,
    /// Headline numbers.
    pub counts: Counts,
    /// One row per obliged state, most exposed first.
    pub exposure: Vec<ExposureView>,
    /// One bar per year of the window.
    pub years: Vec<YearCount>,
    /// Incidents in which the treaty obliges someone; empty without details.
    pub incidents: Vec<HitView>,
}

/// The answer of `casus backtest`, as `--format json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BacktestView {
    /// Always [`BACKTEST_SCHEMA`].
    pub schema: &'static str,
    /// First day of the window.
    pub from: Day,
    /// Last day of the window.
    pub to: Day,
    /// The proposal was evaluated as if in force since this day.
    pub as_if_since: Option<Day>,
    /// Lowest MID hostility level counted (2 threat, 3 display, 4 use of force, 5 war).
    pub min_hostility: u8,
    /// The datasets incidents were built from.
    pub sources: Vec<Source>,
    /// Incidents examined.
    pub incidents: usize,
    /// One entry per treaty, in the order given.
    pub treaties: Vec<TreatyView>,
}

/// What was asked, for the view's header.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// The day a proposal is evaluated as if in force from; `None` for its own dates.
    pub as_if_since: Option<Day>,
    /// Lowest MID hostility level counted.
    pub min_hostility: u8,
    /// The datasets incidents were built from.
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

/// One reliability case: an ally obliged toward an attacked member in one dispute.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaseView {
    /// Treaty id.
    pub treaty: String,
    /// The first incident of the dispute in which the obligation applies.
    pub incident: IncidentView,
    /// The obliged ally.
    pub ally: StateRef,
    /// The attacked member.
    pub attacked: StateRef,
    /// Whether the defence obligation applied.
    pub applies: Applies,
    /// What the ally did.
    pub outcome: Outcome,
    /// Era of the incident: `1816–1944`, `1945–1989` or `1990–`.
    pub era: &'static str,
    /// The treaty has two members.
    pub bilateral: bool,
    /// The treaty also has an offence pledge.
    pub offence: bool,
    /// The ally's defence pledge carries conditions.
    pub conditional: bool,
    /// Some attacker is a member of the same treaty.
    pub fellow_attacker: bool,
    /// The ally is itself attacked in the same dispute or war.
    pub ally_attacked: bool,
    /// The status depends on an uncertain date.
    pub date_uncertain: bool,
}

impl CaseView {
    /// The view of case `c`; `treaties` and `incidents` are the lists the case indexes into.
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
    /// Authors, year and journal.
    pub study: &'static str,
    /// What the study counted.
    pub sample: &'static str,
    /// Share of commitments honoured, as the study reports it.
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

/// The answer of `casus reliability`, as `--format json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReliabilityView {
    /// Always [`RELIABILITY_SCHEMA`].
    pub schema: &'static str,
    /// First day of the window.
    pub from: Day,
    /// Last day of the window.
    pub to: Day,
    /// The datasets incidents were built from.
    pub sources: Vec<Source>,
    /// Lowest MID hostility level counted.
    pub min_hostility: u8,
    /// Whether side-B joiners count as attacked.
    pub joiners: bool,
    /// Number of treaties examined.
    pub treaties: usize,
    /// Number of incidents examined.
    pub incidents: usize,
    /// Ally by ally, over all cases.
    pub overall: Row,
    /// Alliance by alliance.
    pub alliances: crate::reliability::AllianceRates,
    /// The cases broken down by era, treaty type and other features.
    pub breakdowns: Vec<Breakdown>,
    /// Published reliability figures, for comparison.
    pub references: &'static [Reference],
    /// Every case; empty without `cases`.
    pub cases: Vec<CaseView>,
}

/// What was asked of `casus reliability`, for the view's header.
#[derive(Clone, Debug, PartialEq)]
pub struct ReliabilityQuery {
    /// The days whose incidents count.
    pub window: crate::Window,
    /// The datasets incidents were built from.
    pub sources: Vec<Source>,
    /// Lowest MID hostility level counted.
    pub min_hostility: u8,
    /// Whether side-B joiners count as attacked.
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
