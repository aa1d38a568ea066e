//! The words of a trace: each step a [`ClauseCheck`] took, explained for a reader.
//!
//! Wording is kept apart from deciding: [`describe`] walks the steps in the order the
//! checks took them and re-reads from the clause whatever a sentence needs. Nothing here
//! changes a result.

use super::check::{ClauseCheck, ScopeFinding};
use super::{AccessionReport, Check, Step, Tri};
use crate::incident::Force;
use crate::record::Ccode;
use crate::states::StateSystem;
use crate::treaty::*;

/// Fills in the detail of every step of `trace`, which `check` produced.
pub(super) fn describe(check: &ClauseCheck, trace: &mut [Step]) {
    let c = check.clause;
    let mut exceptions = c.exceptions.iter();
    let mut conditions = c.conditions.iter();
    for step in trace {
        let r = step.result;
        step.detail = match step.check {
            Check::InForce => in_force(check),
            Check::Obligor if r == Tri::Yes => party(check, check.obligor, "is bound by"),
            Check::Obligor => obligor_apart(check),
            Check::Beneficiary => party(check, check.beneficiary, "is protected by"),
            Check::Trigger if c.kind == Kind::Offence => offence_trigger(check, r),
            Check::Trigger => trigger(check, r),
            Check::Scope => scope(check),
            Check::FellowParty => fellow_party(check),
            Check::Exception => match exceptions.next() {
                Some(e) => exception(e, !r),
                None => continue,
            },
            Check::Condition => match conditions.next() {
                Some(cond) => condition_words(cond, r, &check.world.states),
                None => continue,
            },
            Check::AtopDirection => atop_direction(check, r == Tri::Yes),
            // Added by the engine with its own words (see `blocked_words`).
            Check::Accession => continue,
        };
    }
}

/// The legal reading's default for attacks among parties, in words.
fn fellow_party(check: &ClauseCheck) -> String {
    let s = &check.world.states;
    let who = check
        .attacking_party()
        .map(|a| s.abb(a))
        .unwrap_or_default();
    let source = match check.treaty.origin {
        Origin::Atop { .. } => "ATOP records no rule",
        _ => "the treaty states no rule",
    };
    format!("attacker {who} is a fellow party: {source}; casus does not oblige members to fight one another")
}

fn in_force(check: &ClauseCheck) -> String {
    let t = check.treaty;
    format!(
        "{} binds on {} ({}){}",
        t.name,
        check.incident.date,
        in_force_words(t),
        if t.status == TreatyStatus::Proposed {
            "; a proposal, evaluated as if in force"
        } else {
            ""
        }
    )
}

/// "RUS is bound by Art. 5 (party: …)", with the party's source when the treaty has one.
fn party(check: &ClauseCheck, state: Ccode, role: &str) -> String {
    let day = check.incident.date;
    let source = check
        .treaty
        .parties
        .iter()
        .find(|p| p.ccode == state && p.is_party_on(day))
        .and_then(|p| p.source.as_deref());
    format!(
        "{} {role} Art. {}{}",
        check.world.states.abb(state),
        check.clause.article,
        source.map(|x| format!(" (party: {x})")).unwrap_or_default()
    )
}

/// Why the clause asks nothing of the obligor: it attacks, or its pledge is not to.
fn obligor_apart(check: &ClauseCheck) -> String {
    let s = &check.world.states;
    if check.obligor_attacks() {
        format!("{} is itself an attacker", s.abb(check.obligor))
    } else {
        format!(
            "{} does not attack {}: its pledge not to is untouched",
            s.abb(check.obligor),
            s.abb(check.beneficiary)
        )
    }
}

/// The pledge to join the beneficiary's wars: the beneficiary is the attacker, and its
/// action must reach the clause's trigger (a threat starts no war).
fn offence_trigger(check: &ClauseCheck, r: Tri) -> String {
    let s = &check.world.states;
    let (inc, b) = (check.incident, check.beneficiary);
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
        trigger_words(check.clause.trigger)
    )
}

fn trigger(check: &ClauseCheck, r: Tri) -> String {
    format!(
        "{} {} the trigger ({})",
        force_words(check.incident.force),
        if r == Tri::Yes {
            "meets"
        } else {
            "does not meet"
        },
        trigger_words(check.clause.trigger)
    )
}

fn scope(check: &ClauseCheck) -> String {
    let sc = &check.clause.scope;
    let art = sc
        .article
        .as_ref()
        .map(|a| format!("Art. {a}: "))
        .unwrap_or_default();
    format!("{art}{}", scope_words(check.scope(), sc))
}

/// A scope finding in words, naming the scope's regions where it matters.
pub fn scope_words(f: ScopeFinding, sc: &Scope) -> String {
    let regions = || {
        sc.regions
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let what = |at_sea: bool| {
        if at_sea {
            "vessels or aircraft at sea"
        } else {
            "forces abroad"
        }
    };
    match f {
        ScopeFinding::Anywhere => "no territorial limit".into(),
        ScopeFinding::Territory { region, within } => format!(
            "territory in {} lies {} the area ({})",
            region.as_str(),
            if within { "within" } else { "outside" },
            regions()
        ),
        ScopeFinding::OccupiedUncovered => {
            "the scope covers territory under the beneficiary's control; occupied territory is not"
                .into()
        }
        ScopeFinding::Occupied { within: true } => {
            "the scope covers the beneficiary's recognised territory, occupied parts included"
                .into()
        }
        ScopeFinding::Occupied { within: false } => {
            format!("the territory lies outside the area ({})", regions())
        }
        ScopeFinding::TerritoryOnly { at_sea } => {
            format!("the scope covers territory only, not {}", what(at_sea))
        }
        ScopeFinding::Forces {
            at_sea,
            region: Some(r),
            within: true,
        } => format!("{} in {} are within the area", what(at_sea), r.as_str()),
        ScopeFinding::Forces {
            at_sea,
            region: Some(r),
            within: false,
        } => format!(
            "{} in {} are outside the area ({})",
            what(at_sea),
            r.as_str(),
            regions()
        ),
        ScopeFinding::Forces {
            at_sea,
            region: None,
            ..
        } => format!(
            "{}: no region given, so the area check cannot be decided",
            what(at_sea)
        ),
    }
}

/// An exception in words, given whether it fires.
fn exception(e: &Exception, fires: Tri) -> String {
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
}

fn atop_direction(check: &ClauseCheck, has: bool) -> String {
    let s = &check.world.states;
    format!(
        "ATOP directed dyad-year {} → {} in {}: {} {} obligation",
        s.abb(check.obligor),
        s.abb(check.beneficiary),
        check.incident.date.year(),
        if has { "has a" } else { "no" },
        check.clause.kind.as_str()
    )
}

/// Why a candidate whose accession is blocked is not (yet) a party.
pub(super) fn blocked_words(a: &AccessionReport, s: &StateSystem) -> String {
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
        Force::LessGraveUseOfForce => {
            "a use of force below an armed attack (no war; no attack, clash, occupation or blockade with a recorded fatality)"
        }
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

fn condition_words(c: &Condition, r: Tri, s: &StateSystem) -> String {
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
        Condition::AttackerIsParty => "an attacker is itself a party".into(),
        Condition::NonCompliance => {
            "only if the adversary refused a demand set out in the treaty".into()
        }
        Condition::Unrecorded { code, description } => format!("{description} ({code})"),
    };
    format!("{what}: {verdict}")
}
