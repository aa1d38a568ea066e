//! The invoke engine: given an incident, which clauses of which treaties oblige whom.
//!
//! Every obligation carries a trace: the checks, in order, that decided its status. A check
//! is yes, no, or unknown; one "no" makes the obligation not triggered, otherwise one
//! "unknown" makes it undetermined. Nothing the data cannot decide is assumed.

use crate::day::Day;
use crate::incident::{Force, Incident, Place};
use crate::record::{obligation_bits, Ccode};
use crate::states::CCODE_SLOTS;
use crate::treaty::*;
use crate::world::World;
use serde::Serialize;

/// The outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tri {
    Yes,
    No,
    Unknown,
}

/// One step of a trace.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    /// What was checked: `in-force`, `obligor`, `beneficiary`, `trigger`, `scope`,
    /// `exception`, `condition`, `accession`, `atop-direction`.
    pub check: &'static str,
    pub result: Tri,
    pub detail: String,
}

/// Where an obligation ended up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Triggered,
    Undetermined,
    NotTriggered,
    /// The obligor is itself an attacker: the attack breaches its non-aggression or
    /// neutrality commitment to the target.
    Breached,
}

impl Status {
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
    pub obligor: Ccode,
    pub beneficiary: Ccode,
    pub kind: Kind,
    pub strength: Strength,
    /// Index into the engine's treaty list.
    #[serde(skip)]
    pub treaty_index: usize,
    pub treaty: String,
    pub article: String,
    pub status: Status,
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
}

impl Default for Options {
    fn default() -> Options {
        Options {
            all: false,
            trace: true,
            military_only: false,
        }
    }
}

impl Options {
    /// No traces, triggered and undetermined obligations only: for bulk work.
    pub const LEAN: Options = Options {
        all: false,
        trace: false,
        military_only: false,
    };
}

/// A blocked accession: who stands in the way of admitting the candidate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AccessionReport {
    pub treaty: String,
    pub article: String,
    pub candidate: Ccode,
    pub admitted: bool,
    pub objecting: Vec<Ccode>,
    pub undecided: Vec<Ccode>,
}

/// Treaties indexed for fast lookup by party.
pub struct Engine<'w> {
    pub world: &'w World,
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
        let blocked_candidate = acc.as_ref().filter(|a| !a.admitted).map(|a| a.candidate);
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
            let beneficiaries: Vec<Ccode> = if clause.kind == Kind::Offence {
                attackers.clone()
            } else {
                vec![inc.target]
            };
            for b in beneficiaries {
                let blocked = Some(b) == blocked_candidate;
                if blocked && !opt.all {
                    continue;
                }
                let selected = self.selected(t, &clause.beneficiaries, day, None);
                if !selected.contains(&b) {
                    continue;
                }
                let obligors = self.selected(t, &clause.obligors, day, blocked_candidate);
                for o in obligors {
                    if o == b {
                        continue;
                    }
                    let Some(mut ob) = self.check_kept(ti, t, clause, o, b, inc, opt) else {
                        continue;
                    };
                    if blocked {
                        let a = acc
                            .as_ref()
                            .expect("a blocked candidate implies an accession rule");
                        ob.status = Status::NotTriggered;
                        ob.trace.push(Step {
                            check: "accession",
                            result: Tri::No,
                            detail: if opt.trace {
                                blocked_words(a, &self.world.states)
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

    /// [`Engine::check`], building the trace only for obligations that will be kept:
    /// without `all`, most checked clauses end "not triggered" and are dropped, so their
    /// status is decided first without any text.
    #[allow(clippy::too_many_arguments)]
    fn check_kept(
        &self,
        ti: usize,
        t: &Treaty,
        c: &Clause,
        o: Ccode,
        b: Ccode,
        inc: &Incident,
        opt: Options,
    ) -> Option<Obligation> {
        if opt.trace && !opt.all {
            let quick = self.check(
                ti,
                t,
                c,
                o,
                b,
                inc,
                Options {
                    trace: false,
                    ..opt
                },
            )?;
            if quick.status == Status::NotTriggered {
                return Some(quick);
            }
        }
        self.check(ti, t, c, o, b, inc, opt)
    }

    /// Checks one clause for one obligor and beneficiary.
    #[allow(clippy::too_many_arguments)]
    fn check(
        &self,
        ti: usize,
        t: &Treaty,
        c: &Clause,
        o: Ccode,
        b: Ccode,
        inc: &Incident,
        opt: Options,
    ) -> Option<Obligation> {
        let s = &self.world.states;
        let mut trace = Vec::new();
        let mut step = |check: &'static str, result: Tri, detail: &dyn Fn() -> String| {
            trace.push(Step {
                check,
                result,
                detail: if opt.trace { detail() } else { String::new() },
            });
            result
        };
        let mut verdict = Tri::Yes;
        let fold = |r: Tri, v: &mut Tri| {
            *v = match (*v, r) {
                (Tri::No, _) | (_, Tri::No) => Tri::No,
                (Tri::Unknown, _) | (_, Tri::Unknown) => Tri::Unknown,
                _ => Tri::Yes,
            }
        };
        let day = inc.date;
        step("in-force", Tri::Yes, &|| {
            format!(
                "{} binds on {day} ({}){}",
                t.name,
                in_force_words(t),
                if t.status == TreatyStatus::Proposed {
                    "; a proposal, evaluated as if in force"
                } else {
                    ""
                }
            )
        });
        let party_src = |c: Ccode| {
            t.parties
                .iter()
                .find(|p| p.ccode == c && p.is_party_on(day))
                .and_then(|p| p.source.clone())
        };
        step("obligor", Tri::Yes, &|| {
            format!(
                "{} is bound by Art. {}{}",
                s.abb(o),
                c.article,
                party_src(o)
                    .map(|x| format!(" (party: {x})"))
                    .unwrap_or_default()
            )
        });
        step("beneficiary", Tri::Yes, &|| {
            format!(
                "{} is protected by Art. {}{}",
                s.abb(b),
                c.article,
                party_src(b)
                    .map(|x| format!(" (party: {x})"))
                    .unwrap_or_default()
            )
        });
        let is_attacker = inc.attacker_states().any(|a| a == o);
        if c.kind == Kind::NonAggression && !is_attacker {
            // A pledge not to attack the beneficiary concerns only the attackers.
            step("obligor", Tri::No, &|| {
                format!(
                    "{} does not attack {}: its pledge not to is untouched",
                    s.abb(o),
                    s.abb(b)
                )
            });
            return Some(self.finish(ti, c, o, b, Status::NotTriggered, trace));
        }
        if is_attacker {
            let breach = matches!(c.kind, Kind::NonAggression | Kind::Neutrality);
            step("obligor", Tri::No, &|| {
                format!("{} is itself an attacker", s.abb(o))
            });
            return Some(self.finish(
                ti,
                c,
                o,
                b,
                if breach {
                    Status::Breached
                } else {
                    Status::NotTriggered
                },
                trace,
            ));
        }
        if c.kind == Kind::Offence {
            // The pledge to join the beneficiary's wars: the beneficiary is the attacker, and
            // its action must reach the clause's trigger (a threat starts no war).
            let r = trigger(c.trigger, inc.force);
            let r = step("trigger", r, &|| {
                format!(
                    "{} by {} against {} {} the trigger of an offence pledge to {} ({})",
                    force_words(inc.force),
                    s.abb(b),
                    s.abb(inc.target),
                    if r == Tri::Yes {
                        "meets"
                    } else {
                        "does not meet"
                    },
                    s.abb(b),
                    trigger_words(c.trigger)
                )
            });
            fold(r, &mut verdict);
        } else {
            let r = trigger(c.trigger, inc.force);
            let r = step("trigger", r, &|| match r {
                Tri::Yes => format!(
                    "{} meets the trigger ({})",
                    force_words(inc.force),
                    trigger_words(c.trigger)
                ),
                _ => format!(
                    "{} does not meet the trigger ({})",
                    force_words(inc.force),
                    trigger_words(c.trigger)
                ),
            });
            fold(r, &mut verdict);
            let (r, why) = scope(&c.scope, inc.target, &inc.place);
            let r = step("scope", r, &|| {
                let art = c
                    .scope
                    .article
                    .as_ref()
                    .map(|a| format!("Art. {a}: "))
                    .unwrap_or_default();
                format!("{art}{why}")
            });
            fold(r, &mut verdict);
        }
        for e in &c.exceptions {
            let results: Vec<Tri> = e.when.iter().map(|w| condition(w, o, inc, self)).collect();
            let fires = if results.contains(&Tri::No) {
                Tri::No
            } else if results.contains(&Tri::Unknown) {
                Tri::Unknown
            } else {
                Tri::Yes
            };
            // An exception that fires switches the clause off.
            let r = match fires {
                Tri::Yes => Tri::No,
                Tri::No => Tri::Yes,
                Tri::Unknown => Tri::Unknown,
            };
            let r = step("exception", r, &|| {
                format!(
                    "Art. {} ({}) {}",
                    e.article,
                    e.paraphrase,
                    match fires {
                        Tri::Yes => "applies: the clause is switched off",
                        Tri::No => "does not apply",
                        Tri::Unknown => "may apply: the data cannot tell",
                    }
                )
            });
            fold(r, &mut verdict);
        }
        for cond in &c.conditions {
            let r = condition(cond, o, inc, self);
            let r = step("condition", r, &|| condition_words(cond, r, s));
            fold(r, &mut verdict);
        }
        if let Origin::Atop { .. } = t.origin {
            if t.notes.iter().any(|n| n.starts_with("Asymmetric")) && day.year() <= 2018 {
                let bit = match c.kind {
                    Kind::Defence => obligation_bits::DEFENSE,
                    Kind::Offence => obligation_bits::OFFENSE,
                    Kind::Neutrality => obligation_bits::NEUTRAL,
                    Kind::NonAggression => obligation_bits::NONAGG,
                    Kind::Consultation => obligation_bits::CONSUL,
                };
                let has = self
                    .world
                    .atop_flags(o, b, day.year())
                    .is_some_and(|f| f & bit != 0);
                let r = if has { Tri::Yes } else { Tri::No };
                let r = step("atop-direction", r, &|| {
                    format!(
                        "ATOP directed dyad-year {} → {} in {}: {} {} obligation",
                        s.abb(o),
                        s.abb(b),
                        day.year(),
                        if has { "has a" } else { "no" },
                        c.kind.as_str()
                    )
                });
                fold(r, &mut verdict);
            }
        }
        let status = match verdict {
            Tri::Yes => Status::Triggered,
            Tri::Unknown => Status::Undetermined,
            Tri::No => Status::NotTriggered,
        };
        Some(self.finish(ti, c, o, b, status, trace))
    }

    fn finish(
        &self,
        ti: usize,
        c: &Clause,
        o: Ccode,
        b: Ccode,
        status: Status,
        trace: Vec<Step>,
    ) -> Obligation {
        Obligation {
            obligor: o,
            beneficiary: b,
            kind: c.kind,
            strength: c.strength,
            treaty_index: ti,
            treaty: self.treaties[ti].id.clone(),
            article: c.article.clone(),
            status,
            trace,
        }
    }
}

/// Everything one invocation found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evaluation {
    pub obligations: Vec<Obligation>,
    pub accessions: Vec<AccessionReport>,
}

fn blocked_words(a: &AccessionReport, s: &crate::states::StateSystem) -> String {
    let names = |v: &[Ccode]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.iter().map(|c| s.abb(*c)).collect::<Vec<_>>().join(", ")
        }
    };
    format!(
        "{} is not a party: Art. {} needs every member's consent; objecting: {}; undecided: {}",
        s.abb(a.candidate),
        a.article,
        names(&a.objecting),
        names(&a.undecided)
    )
}

fn in_force_words(t: &Treaty) -> String {
    let from = t
        .in_force
        .or(t.signed)
        .map_or("—".to_string(), |d| d.to_string());
    match t.lapsed {
        Some(l) => format!("{from} to {l}"),
        None => format!("since {from}"),
    }
}

fn force_words(f: Force) -> &'static str {
    match f {
        Force::Threat => "a threat or display of force",
        Force::UseOfForce => "a use of force",
        Force::ArmedAttack => "an armed attack",
    }
}

fn trigger_words(t: Trigger) -> &'static str {
    match t {
        Trigger::ArmedAttack => "armed attack",
        Trigger::AnyUseOfForce => "any use or threat of force",
    }
}

/// Whether an incident's force meets a trigger. A use of force (MID hostility 4) counts as
/// an armed attack; threats and displays count only for "any use of force" clauses.
pub fn trigger(t: Trigger, f: Force) -> Tri {
    match (t, f) {
        (Trigger::AnyUseOfForce, _) => Tri::Yes,
        (Trigger::ArmedAttack, Force::Threat) => Tri::No,
        (Trigger::ArmedAttack, _) => Tri::Yes,
    }
}

/// Whether the place of an attack on `target` lies within a clause's territorial scope.
pub fn scope(sc: &Scope, target: Ccode, place: &Place) -> (Tri, String) {
    if sc.anywhere {
        return (Tri::Yes, "no territorial limit".into());
    }
    let home = Region::home_of(target);
    let regions = || {
        sc.regions
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let in_area = |r: Region| sc.regions.contains(&r) || (r == home && sc.states.contains(&target));
    match place {
        Place::Territory | Place::Region(_) => {
            let r = if let Place::Region(r) = place { *r } else { home };
            if in_area(r) || (matches!(place, Place::Territory) && sc.states.contains(&target)) {
                (Tri::Yes, format!("territory in {} lies within the area ({})", r.as_str(), regions()))
            } else {
                (Tri::No, format!("territory in {} lies outside the area ({})", r.as_str(), regions()))
            }
        }
        Place::Occupied => match sc.territory {
            TerritoryRule::Controlled => {
                (Tri::No, "the scope covers territory under the beneficiary's control; occupied territory is not".into())
            }
            TerritoryRule::Recognised if in_area(home) || sc.states.contains(&target) => {
                (Tri::Yes, "the scope covers the beneficiary's recognised territory, occupied parts included".into())
            }
            TerritoryRule::Recognised => (Tri::No, format!("the territory lies outside the area ({})", regions())),
        },
        Place::Sea(r) | Place::ForcesAbroad(r) => {
            let what = if matches!(place, Place::Sea(_)) { "vessels or aircraft at sea" } else { "forces abroad" };
            if !sc.forces {
                return (Tri::No, format!("the scope covers territory only, not {what}"));
            }
            match r {
                Some(r) if sc.regions.contains(r) => (Tri::Yes, format!("{what} in {} are within the area", r.as_str())),
                Some(r) => (Tri::No, format!("{what} in {} are outside the area ({})", r.as_str(), regions())),
                None => (Tri::Unknown, format!("{what}: no region given, so the area check cannot be decided")),
            }
        }
    }
}

/// Evaluates one condition for obligor `o`.
fn condition(c: &Condition, o: Ccode, inc: &Incident, e: &Engine) -> Tri {
    match c {
        Condition::Adversary { states, non_state } => {
            if states.is_empty() && !non_state {
                return Tri::Unknown;
            }
            let hit = inc.attackers.iter().any(|a| match a {
                crate::incident::Actor::State(s) => states.contains(s),
                crate::incident::Actor::NonState(_) => *non_state,
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
                Some(r) if regions.contains(&r) => Tri::Yes,
                Some(_) => Tri::No,
                None => Tri::Unknown,
            }
        }
        Condition::NonProvocation => match inc.provoked {
            Some(true) => Tri::No,
            Some(false) => Tri::Yes,
            None => Tri::Unknown,
        },
        Condition::Attackers { min } => {
            if inc.attackers.len() >= *min as usize {
                Tri::Yes
            } else {
                Tri::No
            }
        }
        Condition::ObligorNotAtWar => at_war(e, o, inc.date),
        Condition::NonCompliance | Condition::Unrecorded { .. } => Tri::Unknown,
    }
}

/// Whether `o` is at war (a COW inter-state war dyad-year) in the incident's year: `No` if
/// it is, `Yes` if the data cover the year and it is not, `Unknown` after the data end.
fn at_war(e: &Engine, o: Ccode, day: Day) -> Tri {
    let wars = &e.world.record.wars;
    let last = wars.iter().map(|w| w.year as i32).max().unwrap_or(0);
    let y = day.year();
    if y > last {
        return Tri::Unknown;
    }
    if wars.iter().any(|w| w.ccode1 == o && w.year as i32 == y) {
        Tri::No
    } else {
        Tri::Yes
    }
}

fn condition_words(c: &Condition, r: Tri, s: &crate::states::StateSystem) -> String {
    let verdict = match r {
        Tri::Yes => "holds",
        Tri::No => "fails",
        Tri::Unknown => "undetermined",
    };
    let what = match c {
        Condition::Adversary { states, non_state } if states.is_empty() && !non_state => {
            "only against a particular adversary, which the source does not name".to_string()
        }
        Condition::Adversary { states, non_state } => format!(
            "only against {}{}",
            states
                .iter()
                .map(|c| s.abb(*c))
                .collect::<Vec<_>>()
                .join(", "),
            if *non_state {
                " or non-state groups"
            } else {
                ""
            }
        ),
        Condition::Location { regions } if regions.is_empty() => {
            "only for conflict in a particular location, which the source does not record".into()
        }
        Condition::Location { regions } => {
            format!(
                "only in {}",
                regions
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        Condition::NonProvocation => "only if the beneficiary did not provoke the attack".into(),
        Condition::Attackers { min } => format!("only if at least {min} states attack"),
        Condition::ObligorNotAtWar => "only if the obligor is not already at war".into(),
        Condition::NonCompliance => {
            "only if the adversary refused a demand set out in the treaty".into()
        }
        Condition::Unrecorded { code, description } => format!("{description} ({code})"),
    };
    format!("{what}: {verdict}")
}
