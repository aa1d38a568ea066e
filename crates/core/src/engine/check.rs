//! One clause checked for one obligor and beneficiary: the checks in order, each a [`Tri`].
//!
//! The checks decide the status without writing a word; [`super::trace`] puts the same
//! steps into words afterwards, and only for obligations that are kept. So a bulk run (no
//! traces) and a traced run take the same decisions, once each.

use super::{trace, Check, Options, Reading, Status, Step, Tri};
use crate::day::Day;
use crate::incident::{Actor, Force, Incident, Place};
use crate::record::{obligation_bits, Ccode};
use crate::treaty::*;
use crate::world::World;

/// Everything one clause check looks at: the clause of a treaty, the obligor and
/// beneficiary it is checked for, the incident and the world.
#[derive(Clone, Copy, Debug)]
pub struct ClauseCheck<'a> {
    /// The world the clause refers to.
    pub world: &'a World,
    /// The treaty the clause belongs to.
    pub treaty: &'a Treaty,
    /// The clause checked.
    pub clause: &'a Clause,
    /// The state that would be bound (COW code).
    pub obligor: Ccode,
    /// The state that would be protected (COW code).
    pub beneficiary: Ccode,
    /// The incident that may set the clause off.
    pub incident: &'a Incident,
    /// The legal reading adds the fellow-party default (see `ClauseCheck::fellow_party`).
    pub reading: Reading,
}

/// The trace being built and the verdict folded so far: one "no" decides, else one
/// "unknown" does.
struct Steps {
    trace: Vec<Step>,
    verdict: Tri,
}

impl Steps {
    fn record(&mut self, check: Check, result: Tri) {
        self.trace.push(Step {
            check,
            result,
            detail: String::new(),
        });
        self.verdict = self.verdict.and(result);
    }

    fn status(&self) -> Status {
        match self.verdict {
            Tri::Yes => Status::Triggered,
            Tri::Unknown => Status::Undetermined,
            Tri::No => Status::NotTriggered,
        }
    }
}

impl ClauseCheck<'_> {
    /// Runs the checks and, when `opt` asks for traces and the obligation will be kept
    /// (always with `all`, otherwise unless it is not triggered), words each step.
    pub fn run(&self, opt: Options) -> (Status, Vec<Step>) {
        let (status, mut trace) = self.evaluate();
        if opt.trace && (opt.all || status != Status::NotTriggered) {
            trace::describe(self, &mut trace);
        }
        (status, trace)
    }

    /// The status and the steps that decided it, with empty details.
    pub fn evaluate(&self) -> (Status, Vec<Step>) {
        let c = self.clause;
        // Room for every step this clause can take, so the trace is allocated once.
        let room = 6 + c.exceptions.len() + c.conditions.len();
        let mut steps = Steps {
            trace: Vec::with_capacity(room),
            verdict: Tri::Yes,
        };
        steps.record(Check::InForce, Tri::Yes);
        steps.record(Check::Obligor, Tri::Yes);
        steps.record(Check::Beneficiary, Tri::Yes);
        if let Some(status) = self.obligor_stands_apart(&mut steps) {
            return (status, steps.trace);
        }
        steps.record(Check::Trigger, trigger(c.trigger, self.incident.force));
        // Offence pledges side with the attacker: the target's territory is not theirs.
        if c.kind != Kind::Offence {
            steps.record(Check::Scope, self.scope().result());
        }
        if self.fellow_party() {
            steps.record(Check::FellowParty, Tri::No);
        }
        for e in &c.exceptions {
            steps.record(Check::Exception, !self.exception(e));
        }
        for cond in &c.conditions {
            steps.record(Check::Condition, self.condition(cond));
        }
        if let Some(has) = self.atop_direction() {
            steps.record(Check::AtopDirection, Tri::from(has));
        }
        (steps.status(), steps.trace)
    }

    /// Whether the obligor attacks in this incident.
    pub(super) fn obligor_attacks(&self) -> bool {
        self.incident.attacker_states().any(|a| a == self.obligor)
    }

    /// An obligor that attacks (breaching a pledge not to) or that is bound only not to
    /// attack and does not: the clause asks nothing more of it.
    fn obligor_stands_apart(&self, steps: &mut Steps) -> Option<Status> {
        let kind = self.clause.kind;
        if self.obligor_attacks() {
            steps.record(Check::Obligor, Tri::No);
            let breach = matches!(kind, Kind::NonAggression | Kind::Neutrality);
            return Some(if breach {
                Status::Breached
            } else {
                Status::NotTriggered
            });
        }
        if kind == Kind::NonAggression {
            // A pledge not to attack the beneficiary concerns only the attackers.
            steps.record(Check::Obligor, Tri::No);
            return Some(Status::NotTriggered);
        }
        None
    }

    /// An attacker that is itself a party of the treaty on the day (other than the obligor).
    pub(super) fn attacking_party(&self) -> Option<Ccode> {
        let day = self.incident.date;
        self.incident
            .attacker_states()
            .find(|&a| a != self.obligor && self.treaty.parties_on(day).any(|p| p.ccode == a))
    }

    /// The default for attacks among parties, under the legal reading: a defence pledge is
    /// not owed against a fellow party unless the treaty says what happens then (an
    /// exception on `attacker-is-party`, like Rio Art. 7). Collective-security treaties
    /// answer such a conflict with mediation, not with war among their members.
    pub(super) fn fellow_party(&self) -> bool {
        let c = self.clause;
        self.reading == Reading::Legal
            && c.kind == Kind::Defence
            && !c.against_parties
            && !c
                .exceptions
                .iter()
                .any(|e| e.when.contains(&Condition::AttackerIsParty))
            && self.attacking_party().is_some()
    }

    /// Where the incident falls relative to the clause's territorial scope.
    pub(super) fn scope(&self) -> ScopeFinding {
        scope(
            &self.clause.scope,
            self.incident.target,
            &self.incident.place,
        )
    }

    /// Whether an exception fires: every one of its conditions holds.
    pub(super) fn exception(&self, e: &Exception) -> Tri {
        e.when
            .iter()
            .fold(Tri::Yes, |fires, w| fires.and(self.condition(w)))
    }

    /// Evaluates one condition for the obligor.
    pub(super) fn condition(&self, c: &Condition) -> Tri {
        let inc = self.incident;
        match c {
            Condition::Adversary { states, non_state } => {
                if states.is_empty() && !non_state {
                    return Tri::Unknown;
                }
                let hit = inc.attackers.iter().any(|a| match a {
                    Actor::State(s) => states.contains(s),
                    Actor::NonState(_) => *non_state,
                });
                if hit {
                    Tri::Yes
                } else if states.is_empty() {
                    Tri::Unknown
                } else {
                    Tri::No
                }
            }
            Condition::Location { regions } => {
                if regions.is_empty() {
                    return Tri::Unknown;
                }
                let r = match &inc.place {
                    Place::Territory | Place::Occupied => Some(Region::home_of(inc.target)),
                    Place::Region(r) => Some(*r),
                    Place::Sea(r) | Place::ForcesAbroad(r) => *r,
                };
                match r {
                    Some(r) => Tri::from(regions.contains(&r)),
                    None => Tri::Unknown,
                }
            }
            Condition::NonProvocation => match inc.provoked {
                Some(provoked) => Tri::from(!provoked),
                None => Tri::Unknown,
            },
            Condition::Attackers { min } => Tri::from(inc.attackers.len() >= *min as usize),
            Condition::ObligorNotAtWar => at_war(self.world, self.obligor, inc.date),
            Condition::AttackerIsParty => Tri::from(self.attacking_party().is_some()),
            Condition::NonCompliance | Condition::Unrecorded { .. } => Tri::Unknown,
        }
    }

    /// For an asymmetric ATOP alliance, in a year ATOP's directed dyad-year file covers:
    /// whether that file records the clause's kind of obligation from obligor to
    /// beneficiary. `None` when the check does not apply (after the file ends, the
    /// alliance is carried forward as coded).
    pub(super) fn atop_direction(&self) -> Option<bool> {
        let Origin::Atop {
            symmetry: Symmetry::Asymmetric,
            ..
        } = self.treaty.origin
        else {
            return None;
        };
        let year = self.incident.date.year();
        if self.world.atop_last_year().is_none_or(|last| year > last) {
            return None;
        }
        let bit = match self.clause.kind {
            Kind::Defence => obligation_bits::DEFENSE,
            Kind::Offence => obligation_bits::OFFENSE,
            Kind::Neutrality => obligation_bits::NEUTRAL,
            Kind::NonAggression => obligation_bits::NONAGG,
            Kind::Consultation => obligation_bits::CONSUL,
        };
        Some(
            self.world
                .atop_flags(self.obligor, self.beneficiary, year)
                .is_some_and(|f| f & bit != 0),
        )
    }
}

/// Whether an incident's force meets a trigger. A use of force (MID hostility 4) counts as
/// an armed attack; threats and displays count only for "any use of force" clauses.
pub fn trigger(t: Trigger, f: Force) -> Tri {
    match (t, f) {
        (Trigger::AnyUseOfForce, _) => Tri::Yes,
        (Trigger::ArmedAttack, Force::Threat | Force::LessGraveUseOfForce) => Tri::No,
        (Trigger::ArmedAttack, _) => Tri::Yes,
    }
}

/// Where an attack falls relative to a territorial scope: the decision, before it is put
/// into words ([`ScopeFinding::result`] gives the check's outcome).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeFinding {
    /// The scope has no territorial limit.
    Anywhere,
    /// An attack on territory in `region`.
    Territory {
        /// The region the territory lies in.
        region: Region,
        /// Whether the scope covers it.
        within: bool,
    },
    /// Occupied territory, and the scope covers only territory the beneficiary controls.
    OccupiedUncovered,
    /// Occupied territory, and the scope covers recognised territory.
    Occupied {
        /// Whether the scope covers the beneficiary's (home) territory.
        within: bool,
    },
    /// Vessels or aircraft at sea (`at_sea`) or forces abroad, which the scope leaves out.
    TerritoryOnly {
        /// At sea rather than forces abroad.
        at_sea: bool,
    },
    /// Vessels or aircraft at sea (`at_sea`) or forces abroad, in `region` if given.
    Forces {
        /// At sea rather than forces abroad.
        at_sea: bool,
        /// Where they were attacked; `None` when the incident does not say.
        region: Option<Region>,
        /// Whether the scope covers that region.
        within: bool,
    },
}

impl ScopeFinding {
    /// The outcome of the scope check: forces in an unnamed region cannot be placed.
    pub fn result(self) -> Tri {
        match self {
            ScopeFinding::Anywhere => Tri::Yes,
            ScopeFinding::Territory { within, .. } | ScopeFinding::Occupied { within } => {
                Tri::from(within)
            }
            ScopeFinding::OccupiedUncovered | ScopeFinding::TerritoryOnly { .. } => Tri::No,
            ScopeFinding::Forces { region: None, .. } => Tri::Unknown,
            ScopeFinding::Forces { within, .. } => Tri::from(within),
        }
    }
}

/// Whether the place of an attack on `target` lies within a clause's territorial scope.
pub fn scope(sc: &Scope, target: Ccode, place: &Place) -> ScopeFinding {
    if sc.anywhere {
        return ScopeFinding::Anywhere;
    }
    let home = Region::home_of(target);
    let in_area = |r: Region| sc.regions.contains(&r) || (r == home && sc.states.contains(&target));
    match place {
        Place::Territory => ScopeFinding::Territory {
            region: home,
            within: in_area(home) || sc.states.contains(&target),
        },
        Place::Region(r) => ScopeFinding::Territory {
            region: *r,
            within: in_area(*r),
        },
        Place::Occupied => match sc.territory {
            TerritoryRule::Controlled => ScopeFinding::OccupiedUncovered,
            TerritoryRule::Recognised => ScopeFinding::Occupied {
                within: in_area(home) || sc.states.contains(&target),
            },
        },
        Place::Sea(r) | Place::ForcesAbroad(r) => {
            let at_sea = matches!(place, Place::Sea(_));
            if !sc.forces {
                return ScopeFinding::TerritoryOnly { at_sea };
            }
            ScopeFinding::Forces {
                at_sea,
                region: *r,
                within: r.is_some_and(|r| sc.regions.contains(&r)),
            }
        }
    }
}

/// Whether `o` is at war (a COW inter-state war dyad-year) in the incident's year: `No` if
/// it is, `Yes` if the data cover the year and it is not, `Unknown` after the data end.
fn at_war(world: &World, o: Ccode, day: Day) -> Tri {
    let wars = &world.record.wars;
    let last = wars.iter().map(|w| w.year as i32).max().unwrap_or(0);
    let y = day.year();
    if y > last {
        return Tri::Unknown;
    }
    Tri::from(!wars.iter().any(|w| w.ccode1 == o && w.year as i32 == y))
}
