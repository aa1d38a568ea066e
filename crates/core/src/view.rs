//! The documented JSON shape of an invocation (`casus invoke --format json`, `/api/invoke`).
//!
//! Engine results carry ccodes; views add names so that programs need no lookup table.
//! The schema is versioned by the `schema` field; fields are only ever added.

use crate::engine::{AccessionReport, Obligation, Status, Step};
use crate::incident::{Actor, Incident};
use crate::record::Ccode;
use crate::response::{Balance, Capability, Joiner, Reading, Response, Round, SideBalance};
use crate::treaty::{Kind, Strength, Treaty};
use crate::world::World;
use serde::Serialize;

/// Value of the `schema` field of [`InvokeView`]; bumped only if a field changes meaning.
pub const INVOKE_SCHEMA: &str = "casus.invoke/1";

/// A state as JSON shows it: code, abbreviation and name, so programs need no lookup.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StateRef {
    /// COW state code.
    pub ccode: Ccode,
    /// COW three-letter abbreviation.
    pub abb: String,
    /// State name.
    pub name: String,
}

impl StateRef {
    /// The reference for COW code `c`, named as the world's state list names it.
    pub fn new(w: &World, c: Ccode) -> StateRef {
        StateRef {
            ccode: c,
            abb: w.states.abb(c),
            name: w.states.name(c),
        }
    }
}

/// One attacker of an incident.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ActorView {
    /// A state attacker.
    State(StateRef),
    /// A non-state attacker (a militia, a terrorist group), named as the incident names it.
    NonState {
        /// The actor's name.
        name: String,
    },
}

/// The incident as invoked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IncidentView {
    /// Library id of the incident; `None` for an ad-hoc incident.
    pub id: Option<String>,
    /// Who attacks.
    pub attackers: Vec<ActorView>,
    /// The state attacked.
    pub target: StateRef,
    /// Day of the attack.
    pub date: crate::Day,
    /// Where the attack happens, in words.
    pub place: String,
    /// How much force is used.
    pub force: crate::incident::Force,
    /// What happened, in words; `None` when not given.
    pub description: Option<String>,
    /// Where the facts of the incident come from.
    pub sources: Vec<String>,
}

/// A treaty as JSON refers to it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TreatyRef {
    /// Treaty id (`nato`, `atop-3180`, …).
    pub id: String,
    /// Treaty name.
    pub name: String,
    /// Proposed, signed, in force or lapsed.
    pub status: crate::treaty::TreatyStatus,
}

impl TreatyRef {
    /// The reference to treaty `t`.
    pub fn new(t: &Treaty) -> TreatyRef {
        TreatyRef {
            id: t.id.clone(),
            name: t.name.clone(),
            status: t.status,
        }
    }
}

/// One obligation with names instead of codes.
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
    /// The treaty the clause belongs to.
    pub treaty: TreatyRef,
    /// Article number of the clause.
    pub article: String,
    /// Triggered, undetermined, not triggered or breached.
    pub status: Status,
    /// The checks, in order, that decided the status.
    pub trace: Vec<Step>,
}

/// A state joining a side in the cascade, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JoinerView {
    /// The joining state.
    pub state: StateRef,
    /// The state it is obliged toward.
    pub toward: StateRef,
    /// Id of the treaty that brings it in.
    pub treaty: String,
    /// Article of the clause that brings it in.
    pub article: String,
}

impl JoinerView {
    /// A list of joiners as people read it: `USA (nato Art. 5 → EST), CAN (…)`.
    pub fn list(joiners: &[JoinerView]) -> String {
        joiners
            .iter()
            .map(|j| {
                format!(
                    "{} ({} Art. {} → {})",
                    j.state.abb, j.treaty, j.article, j.toward.abb
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One round of the cascade (see [`crate::response`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoundView {
    /// Round number, from 1.
    pub round: u32,
    /// States joining the attackers' side.
    pub side_a: Vec<JoinerView>,
    /// States joining the target's side.
    pub side_b: Vec<JoinerView>,
    /// Undetermined obligations toward the attackers' side: states that may join it.
    pub may_join_a: Vec<JoinerView>,
    /// Undetermined obligations toward the target's side: states that may join it.
    pub may_join_b: Vec<JoinerView>,
    /// States obliged to both sides; they join neither.
    pub cross_pressured: Vec<StateRef>,
}

/// One state's capabilities in the balance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapabilityView {
    /// The state.
    pub state: StateRef,
    /// The NMC year the values come from; `None` when the state has none.
    pub year: Option<i16>,
    /// CINC share, 0..1.
    pub cinc: Option<f64>,
    /// Military expenditure, thousands of US dollars.
    pub milex: Option<f64>,
    /// Military personnel, thousands.
    pub milper: Option<f64>,
}

/// One side's capabilities.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SideView {
    /// Each state of the side.
    pub states: Vec<CapabilityView>,
    /// Sum of CINC shares.
    pub cinc: f64,
    /// Sum of military expenditure, thousands of US dollars.
    pub milex: f64,
    /// Sum of military personnel, thousands.
    pub milper: f64,
}

/// Capability of the two sides after the cascade.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BalanceView {
    /// The attackers and those who joined them.
    pub side_a: SideView,
    /// The target and those who joined it.
    pub side_b: SideView,
    /// Which NMC years were used, and why.
    pub note: String,
}

/// An accession rule examined during the invocation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AccessionView {
    /// Id of the treaty.
    pub treaty: String,
    /// Article holding the accession rule.
    pub article: String,
    /// The state asking to join.
    pub candidate: StateRef,
    /// Whether every member consents, so that the candidate is a party.
    pub admitted: bool,
    /// Members that object.
    pub objecting: Vec<StateRef>,
    /// Members whose position is unknown; they block admission as an objection does.
    pub undecided: Vec<StateRef>,
}

/// The whole answer, as `casus invoke --format json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InvokeView {
    /// Always [`INVOKE_SCHEMA`].
    pub schema: &'static str,
    /// The incident invoked.
    pub incident: IncidentView,
    /// The treaties that were examined.
    pub treaties: Vec<TreatyRef>,
    /// Obligations found, adjacent when they differ only in the obligor (see [`InvokeView::grouped`]).
    pub obligations: Vec<ObligationView>,
    /// Accession rules examined.
    pub accessions: Vec<AccessionView>,
    /// The cascade, round by round.
    pub rounds: Vec<RoundView>,
    /// Final membership of the two sides.
    pub sides: Sides,
    /// Capability of the two final sides.
    pub balance: BalanceView,
    /// Where facts after the datasets' end came from, and other caveats.
    pub notes: Vec<String>,
    /// Doubts about the request itself, e.g. an attacker or target that is not a system
    /// member on the day (added by the application layer; absent when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The reading of the response: `legal` (default) or `escalation`.
    pub response: Reading,
}

/// The two sides after the cascade.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sides {
    /// The attackers and those who joined them.
    pub a: Vec<StateRef>,
    /// The target and those who joined it.
    pub b: Vec<StateRef>,
}

impl InvokeView {
    /// Obligations that differ only in the obligor, grouped for display (the engine sorts
    /// them so that such obligations are adjacent; their traces differ only in the
    /// obligor's name). Tables and reports print one row per group.
    pub fn grouped(&self) -> Vec<Vec<&ObligationView>> {
        let key = |x: &ObligationView| {
            (
                x.status,
                x.kind,
                x.strength,
                x.treaty.id.clone(),
                x.article.clone(),
                x.beneficiary.ccode,
                x.trace.iter().map(|s| s.result).collect::<Vec<_>>(),
            )
        };
        let mut out: Vec<Vec<&ObligationView>> = Vec::new();
        for o in &self.obligations {
            match out.last_mut() {
                Some(g) if key(g[0]) == key(o) => g.push(o),
                _ => out.push(vec![o]),
            }
        }
        out
    }

    /// The view of response `r` to incident `inc`; `treaties` is the list the engine examined,
    /// which [`Obligation::treaty_index`] points into.
    pub fn new(w: &World, treaties: &[&Treaty], inc: &Incident, r: &Response) -> InvokeView {
        let st = |c: Ccode| StateRef::new(w, c);
        let states = |v: &[Ccode]| v.iter().map(|&c| st(c)).collect::<Vec<_>>();
        let joiners = |v: &[Joiner]| {
            v.iter()
                .map(|j| JoinerView {
                    state: st(j.state),
                    toward: st(j.toward),
                    treaty: j.treaty.clone(),
                    article: j.article.clone(),
                })
                .collect::<Vec<_>>()
        };
        let round = |r: &Round| RoundView {
            round: r.round,
            side_a: joiners(&r.side_a),
            side_b: joiners(&r.side_b),
            may_join_a: joiners(&r.may_join_a),
            may_join_b: joiners(&r.may_join_b),
            cross_pressured: states(&r.cross_pressured),
        };
        let cap = |c: &Capability| CapabilityView {
            state: st(c.state),
            year: c.year,
            cinc: c.cinc,
            milex: c.milex,
            milper: c.milper,
        };
        let side = |s: &SideBalance| SideView {
            states: s.states.iter().map(cap).collect(),
            cinc: s.cinc,
            milex: s.milex,
            milper: s.milper,
        };
        let balance = |b: &Balance| BalanceView {
            side_a: side(&b.side_a),
            side_b: side(&b.side_b),
            note: b.note.clone(),
        };
        let obligation = |o: &Obligation| ObligationView {
            obligor: st(o.obligor),
            beneficiary: st(o.beneficiary),
            kind: o.kind,
            strength: o.strength,
            treaty: TreatyRef::new(treaties[o.treaty_index]),
            article: o.article.clone(),
            status: o.status,
            trace: o.trace.clone(),
        };
        let accession = |a: &AccessionReport| AccessionView {
            treaty: a.treaty.clone(),
            article: a.article.clone(),
            candidate: st(a.candidate),
            admitted: a.admitted,
            objecting: states(&a.objecting),
            undecided: states(&a.undecided),
        };
        let mut notes = Vec::new();
        if inc.date > w.states.last_day {
            notes.push(format!(
                "{} is after the COW state list ends ({}): system membership is carried forward unchanged.",
                inc.date, w.states.last_day
            ));
        }
        if inc.date.year() > 2018 {
            notes.push(
                "ATOP 5.1 ends in 2018: ATOP alliances in force then are carried forward; library specs add dated facts after that (each party's `source` says where its dates come from)."
                    .into(),
            );
        }
        notes.push(r.balance.note.clone());
        let mut used: Vec<&Treaty> = r
            .evaluation
            .obligations
            .iter()
            .map(|o| treaties[o.treaty_index])
            .collect();
        used.dedup_by(|a, b| a.id == b.id);
        let mut ids: Vec<TreatyRef> = used.into_iter().map(TreatyRef::new).collect();
        ids.sort_by(|a, b| a.id.cmp(&b.id));
        ids.dedup_by(|a, b| a.id == b.id);
        InvokeView {
            schema: INVOKE_SCHEMA,
            incident: IncidentView {
                id: inc.id.clone(),
                attackers: inc
                    .attackers
                    .iter()
                    .map(|a| match a {
                        Actor::State(c) => ActorView::State(st(*c)),
                        Actor::NonState(n) => ActorView::NonState { name: n.clone() },
                    })
                    .collect(),
                target: st(inc.target),
                date: inc.date,
                place: inc.place.label(),
                force: inc.force,
                description: inc.description.clone(),
                sources: inc.sources.clone(),
            },
            treaties: ids,
            obligations: r.evaluation.obligations.iter().map(obligation).collect(),
            accessions: r.evaluation.accessions.iter().map(accession).collect(),
            response: r.reading,
            rounds: r.rounds.iter().map(round).collect(),
            sides: Sides {
                a: states(&r.side_a),
                b: states(&r.side_b),
            },
            balance: balance(&r.balance),
            notes,
            warnings: Vec::new(),
        }
    }
}
