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

pub const INVOKE_SCHEMA: &str = "casus.invoke/1";

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StateRef {
    pub ccode: Ccode,
    pub abb: String,
    pub name: String,
}

impl StateRef {
    pub fn new(w: &World, c: Ccode) -> StateRef {
        StateRef {
            ccode: c,
            abb: w.states.abb(c),
            name: w.states.name(c),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ActorView {
    State(StateRef),
    NonState { name: String },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IncidentView {
    pub id: Option<String>,
    pub attackers: Vec<ActorView>,
    pub target: StateRef,
    pub date: crate::Day,
    pub place: String,
    pub force: crate::incident::Force,
    pub description: Option<String>,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TreatyRef {
    pub id: String,
    pub name: String,
    pub status: crate::treaty::TreatyStatus,
}

impl TreatyRef {
    pub fn new(t: &Treaty) -> TreatyRef {
        TreatyRef {
            id: t.id.clone(),
            name: t.name.clone(),
            status: t.status,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObligationView {
    pub obligor: StateRef,
    pub beneficiary: StateRef,
    pub kind: Kind,
    pub strength: Strength,
    pub treaty: TreatyRef,
    pub article: String,
    pub status: Status,
    pub trace: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JoinerView {
    pub state: StateRef,
    pub toward: StateRef,
    pub treaty: String,
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

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoundView {
    pub round: u32,
    pub side_a: Vec<JoinerView>,
    pub side_b: Vec<JoinerView>,
    pub may_join_a: Vec<JoinerView>,
    pub may_join_b: Vec<JoinerView>,
    pub cross_pressured: Vec<StateRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapabilityView {
    pub state: StateRef,
    pub year: Option<i16>,
    pub cinc: Option<f64>,
    pub milex: Option<f64>,
    pub milper: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SideView {
    pub states: Vec<CapabilityView>,
    pub cinc: f64,
    pub milex: f64,
    pub milper: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BalanceView {
    pub side_a: SideView,
    pub side_b: SideView,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AccessionView {
    pub treaty: String,
    pub article: String,
    pub candidate: StateRef,
    pub admitted: bool,
    pub objecting: Vec<StateRef>,
    pub undecided: Vec<StateRef>,
}

/// The whole answer, as `casus invoke --format json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InvokeView {
    pub schema: &'static str,
    pub incident: IncidentView,
    /// The treaties that were examined.
    pub treaties: Vec<TreatyRef>,
    pub obligations: Vec<ObligationView>,
    pub accessions: Vec<AccessionView>,
    pub rounds: Vec<RoundView>,
    pub sides: Sides,
    pub balance: BalanceView,
    /// Where facts after the datasets' end came from, and other caveats.
    pub notes: Vec<String>,
    /// The reading of the response: `legal` (default) or `escalation`.
    pub response: Reading,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sides {
    pub a: Vec<StateRef>,
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
        }
    }
}
