//! The invoke engine: given an incident, which clauses of which treaties oblige whom.
//!
//! Every obligation carries a trace: the checks, in order, that decided its status. A check
//! is yes, no, or unknown; one "no" makes the obligation not triggered, otherwise one
//! "unknown" makes it undetermined. Nothing the data cannot decide is assumed.
//!
//! [`Engine`] picks the treaties and clauses worth checking; [`ClauseCheck`] (in `check`)
//! decides one clause for one obligor and beneficiary; `trace` puts its steps into words.

mod check;
#[cfg(test)]
mod tests;
mod trace;

pub use check::{scope, trigger, ClauseCheck, ScopeFinding};
pub use trace::scope_words;

use crate::day::Day;
use crate::incident::Incident;
use crate::record::Ccode;
pub use crate::response::Reading;
use crate::states::CCODE_SLOTS;
use crate::treaty::*;
use crate::world::World;
use serde::Serialize;

/// The outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tri {
    /// The check holds.
    Yes,
    /// The check fails.
    No,
    /// The data cannot decide the check.
    Unknown,
}

impl Tri {
    /// Both checks together: one "no" decides, otherwise one "unknown" does.
    pub fn and(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::No, _) | (_, Tri::No) => Tri::No,
            (Tri::Unknown, _) | (_, Tri::Unknown) => Tri::Unknown,
            _ => Tri::Yes,
        }
    }
}

impl From<bool> for Tri {
    fn from(b: bool) -> Tri {
        if b {
            Tri::Yes
        } else {
            Tri::No
        }
    }
}

impl std::ops::Not for Tri {
    type Output = Tri;
    /// The opposite answer; "unknown" stays unknown.
    fn not(self) -> Tri {
        match self {
            Tri::Yes => Tri::No,
            Tri::No => Tri::Yes,
            Tri::Unknown => Tri::Unknown,
        }
    }
}

/// What one step of a trace checked. Serialised (and displayed) as the kebab-case names
/// the JSON schema has always used: `in-force`, `atop-direction`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// The treaty binds on the incident's day.
    InForce,
    /// The obligor is bound by the clause (and is not itself an attacker).
    Obligor,
    /// The beneficiary is protected by the clause.
    Beneficiary,
    /// The incident's force meets the clause's trigger.
    Trigger,
    /// The attack falls within the clause's territorial scope.
    Scope,
    /// The attacker is not a fellow party (the legal reading's default for attacks among
    /// parties of a treaty that states no rule for them).
    FellowParty,
    /// An exception does not switch the clause off.
    Exception,
    /// A condition of the clause holds.
    Condition,
    /// The beneficiary is a party (its accession is not blocked).
    Accession,
    /// ATOP's directed dyad-year file records the obligation (asymmetric alliances).
    AtopDirection,
}

impl Check {
    /// The name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Check::InForce => "in-force",
            Check::Obligor => "obligor",
            Check::Beneficiary => "beneficiary",
            Check::Trigger => "trigger",
            Check::Scope => "scope",
            Check::FellowParty => "fellow-party",
            Check::Exception => "exception",
            Check::Condition => "condition",
            Check::Accession => "accession",
            Check::AtopDirection => "atop-direction",
        }
    }
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `pad`, so that width and alignment (`{:<14}`) apply as they do to a `&str`.
        f.pad(self.as_str())
    }
}

/// One step of a trace.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    /// What was checked.
    pub check: Check,
    /// The answer of this step.
    pub result: Tri,
    /// The step in words; empty when the evaluation was run without traces.
    pub detail: String,
}

/// Where an obligation ended up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Every check passed: the obligor is bound to act.
    Triggered,
    /// No check failed but at least one could not be decided from the data.
    Undetermined,
    /// A check failed: the clause does not oblige for this incident.
    NotTriggered,
    /// The obligor is itself an attacker: the attack breaches its non-aggression or
    /// neutrality commitment to the target.
    Breached,
}

impl Status {
    /// The name used in JSON and text output (`not-triggered`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Triggered => "triggered",
            Status::Undetermined => "undetermined",
            Status::NotTriggered => "not-triggered",
            Status::Breached => "breached",
        }
    }
}

/// One obligation (or, with `all`, a clause that did not oblige) of one state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Obligation {
    /// The state that is bound (COW code).
    pub obligor: Ccode,
    /// The state that is protected (COW code).
    pub beneficiary: Ccode,
    /// The kind of commitment (defence, offence, neutrality, …).
    pub kind: Kind,
    /// How strongly the obligor is bound.
    pub strength: Strength,
    /// Index into the engine's treaty list.
    #[serde(skip)]
    pub treaty_index: usize,
    /// Id of the treaty the clause belongs to.
    pub treaty: String,
    /// Article number of the clause (e.g. `5`).
    pub article: String,
    /// Where the obligation ended up.
    pub status: Status,
    /// The checks, in order, that decided the status; their texts are empty without traces.
    pub trace: Vec<Step>,
}

/// Options of one evaluation.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Keep clauses that were checked and not triggered.
    pub all: bool,
    /// Build trace texts (off for bulk backtests, where only statuses matter).
    pub trace: bool,
    /// Check only clauses that bring an obligor into the fight (defence or offence of
    /// strength "as it deems necessary" or more): what the response cascade needs.
    pub military_only: bool,
    /// How the law is read: the legal reading (default) adds the fellow-party rule for
    /// attacks among parties; the escalation reading keeps the cascade's older behaviour.
    pub reading: Reading,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            all: false,
            trace: true,
            military_only: false,
            reading: Reading::Legal,
        }
    }
}

impl Options {
    /// No traces, triggered and undetermined obligations only: for bulk work.
    pub const LEAN: Options = Options {
        all: false,
        trace: false,
        military_only: false,
        reading: Reading::Legal,
    };
}

/// A blocked accession: who stands in the way of admitting the candidate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AccessionReport {
    /// Id of the treaty whose accession rule applies.
    pub treaty: String,
    /// Article holding the accession rule.
    pub article: String,
    /// The state asking to join (COW code).
    pub candidate: Ccode,
    /// Whether every member consents, so that the candidate is a party.
    pub admitted: bool,
    /// Members that object (COW codes).
    pub objecting: Vec<Ccode>,
    /// Members whose position is unknown or undecided; they block admission as an objection does.
    pub undecided: Vec<Ccode>,
}

/// Treaties indexed for fast lookup by party.
pub struct Engine<'w> {
    /// The world the treaties refer to.
    pub world: &'w World,
    /// The treaties the engine examines; [`Obligation::treaty_index`] points into this list.
    pub treaties: Vec<&'w Treaty>,
    /// For each ccode, the treaties it is ever a party to.
    by_state: Vec<Vec<u32>>,
    /// Treaties with group selectors or accession rules: always examined.
    always: Vec<u32>,
    /// Whether each treaty has an offence clause (the only kind that protects an attacker).
    offence: Vec<bool>,
}

impl<'w> Engine<'w> {
    /// Indexes `treaties` (usually [`World::default_treaties`]).
    pub fn new(world: &'w World, treaties: Vec<&'w Treaty>) -> Engine<'w> {
        let mut by_state = vec![Vec::new(); CCODE_SLOTS];
        let mut always = Vec::new();
        for (i, t) in treaties.iter().enumerate() {
            let uses_group = t.clauses.iter().any(|c| {
                c.obligors
                    .iter()
                    .chain(&c.beneficiaries)
                    .any(|s| matches!(s, Selector::Group(_) | Selector::State(_)))
            });
            if uses_group || t.accession.is_some() {
                always.push(i as u32);
                continue;
            }
            for p in &t.parties {
                let v: &mut Vec<u32> = &mut by_state[p.ccode as usize % CCODE_SLOTS];
                if v.last() != Some(&(i as u32)) {
                    v.push(i as u32);
                }
            }
        }
        let offence = treaties
            .iter()
            .map(|t| t.clauses.iter().any(|c| c.kind == Kind::Offence))
            .collect();
        Engine {
            world,
            treaties,
            by_state,
            always,
            offence,
        }
    }

    /// Treaties worth examining for an incident: every clause but an offence pledge protects
    /// the target, so it must be among the target's treaties (or select by group or state);
    /// of the attackers' treaties only those with an offence clause can matter.
    fn candidates(&self, target: Ccode, attackers: &[Ccode]) -> Vec<u32> {
        let mut out: Vec<u32> = self.always.clone();
        out.extend_from_slice(&self.by_state[target as usize % CCODE_SLOTS]);
        for &a in attackers {
            out.extend(
                self.by_state[a as usize % CCODE_SLOTS]
                    .iter()
                    .filter(|&&t| self.offence[t as usize]),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// States a selector picks on `day` within treaty `t` (with its accession state).
    fn select(
        &self,
        t: &Treaty,
        sel: &Selector,
        day: Day,
        excluded: Option<Ccode>,
        out: &mut Vec<Ccode>,
    ) {
        match sel {
            Selector::Parties => out.extend(
                t.parties_on(day)
                    .map(|p| p.ccode)
                    .filter(|c| Some(*c) != excluded),
            ),
            Selector::Role(r) => out.extend(
                t.parties_on(day)
                    .filter(|p| p.roles.iter().any(|x| x == r))
                    .map(|p| p.ccode)
                    .filter(|c| Some(*c) != excluded),
            ),
            Selector::Group(g) => {
                if let Some(g) = self.world.group(g) {
                    out.extend(g.members_on(day).filter(|c| Some(*c) != excluded));
                }
            }
            Selector::State(c) => {
                if Some(*c) != excluded {
                    out.push(*c)
                }
            }
        }
    }

    fn selected(
        &self,
        t: &Treaty,
        sels: &[Selector],
        day: Day,
        excluded: Option<Ccode>,
    ) -> Vec<Ccode> {
        let mut v = Vec::new();
        for s in sels {
            self.select(t, s, day, excluded, &mut v);
        }
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The accession state of a treaty on `day`: the candidate is a party only if admitted.
    pub fn accession(&self, t: &Treaty, day: Day) -> Option<AccessionReport> {
        let acc = t.accession.as_ref()?;
        let mut objecting = Vec::new();
        let mut undecided = Vec::new();
        let mut members: Vec<Ccode> = t
            .parties_on(day)
            .map(|p| p.ccode)
            .filter(|&c| c != acc.candidate)
            .collect();
        members.sort_unstable();
        members.dedup();
        for m in members {
            match acc.positions.iter().find(|p| p.0 == m).map(|p| p.1) {
                Some(Position::Consents) => {}
                Some(Position::Objects) => objecting.push(m),
                Some(Position::Undecided) | None => undecided.push(m),
            }
        }
        Some(AccessionReport {
            treaty: t.id.clone(),
            article: acc.article.clone(),
            candidate: acc.candidate,
            admitted: objecting.is_empty() && undecided.is_empty(),
            objecting,
            undecided,
        })
    }

    /// Evaluates every candidate treaty for one incident.
    pub fn invoke(&self, inc: &Incident, opt: Options) -> Evaluation {
        let attackers: Vec<Ccode> = inc.attacker_states().collect();
        let mut ev = Evaluation::default();
        for ti in self.candidates(inc.target, &attackers) {
            self.invoke_treaty(ti as usize, inc, opt, &mut ev);
        }
        // Most consequential first: status, then kind (defence first), then strength.
        ev.obligations.sort_by(|a, b| {
            (
                a.status,
                a.kind,
                std::cmp::Reverse(a.strength),
                a.treaty.as_str(),
                a.article.as_str(),
                a.beneficiary,
                a.obligor,
            )
                .cmp(&(
                    b.status,
                    b.kind,
                    std::cmp::Reverse(b.strength),
                    b.treaty.as_str(),
                    b.article.as_str(),
                    b.beneficiary,
                    b.obligor,
                ))
        });
        ev
    }

    fn invoke_treaty(&self, ti: usize, inc: &Incident, opt: Options, ev: &mut Evaluation) {
        let t = self.treaties[ti];
        let day = inc.date;
        if !t.binds_on(day) {
            return;
        }
        // A blocked accession keeps the candidate out: drop its party entries.
        let acc = self.accession(t, day);
        let blocked = acc.as_ref().filter(|a| !a.admitted);
        let blocked_candidate = blocked.map(|a| a.candidate);
        let relevant_acc = acc.as_ref().is_some_and(|a| {
            a.candidate == inc.target || inc.attacker_states().any(|s| s == a.candidate)
        });
        if let (Some(a), true) = (&acc, relevant_acc) {
            ev.accessions.push(a.clone());
        }
        let attackers: Vec<Ccode> = inc.attacker_states().collect();
        for clause in &t.clauses {
            if opt.military_only
                && !(clause.kind.is_military() && clause.strength.joins_coalition())
            {
                continue;
            }
            // Offence pledges side with the attacker; every other kind protects the target.
            let beneficiaries: &[Ccode] = if clause.kind == Kind::Offence {
                &attackers
            } else {
                std::slice::from_ref(&inc.target)
            };
            for &b in beneficiaries {
                let blocked = blocked.filter(|a| a.candidate == b);
                if blocked.is_some() && !opt.all {
                    continue;
                }
                let selected = self.selected(t, &clause.beneficiaries, day, None);
                if !selected.contains(&b) {
                    continue;
                }
                let obligors = self.selected(t, &clause.obligors, day, blocked_candidate);
                for o in obligors.into_iter().filter(|&o| o != b) {
                    let check = ClauseCheck {
                        world: self.world,
                        treaty: t,
                        clause,
                        obligor: o,
                        beneficiary: b,
                        incident: inc,
                        reading: opt.reading,
                    };
                    let mut ob = self.obligation(ti, &check, opt);
                    if let Some(a) = blocked {
                        ob.status = Status::NotTriggered;
                        ob.trace.push(Step {
                            check: Check::Accession,
                            result: Tri::No,
                            detail: if opt.trace {
                                trace::blocked_words(a, &self.world.states)
                            } else {
                                String::new()
                            },
                        });
                    }
                    if opt.all || ob.status != Status::NotTriggered {
                        ev.obligations.push(ob);
                    }
                }
            }
        }
    }

    /// Runs one clause check (see [`ClauseCheck::run`]) into an obligation of treaty `ti`.
    fn obligation(&self, ti: usize, check: &ClauseCheck, opt: Options) -> Obligation {
        let (status, trace) = check.run(opt);
        Obligation {
            obligor: check.obligor,
            beneficiary: check.beneficiary,
            kind: check.clause.kind,
            strength: check.clause.strength,
            treaty_index: ti,
            treaty: self.treaties[ti].id.clone(),
            article: check.clause.article.clone(),
            status,
            trace,
        }
    }
}

/// Everything one invocation found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evaluation {
    /// The obligations found, adjacent when they differ only in the obligor.
    pub obligations: Vec<Obligation>,
    /// Accession rules examined, with who blocks each candidate.
    pub accessions: Vec<AccessionReport>,
}
