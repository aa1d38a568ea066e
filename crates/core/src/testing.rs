//! Small hand-built worlds for unit tests: a few states, a treaty or two built in code.

use crate::day::{Day, Span};
use crate::incident::{Actor, Incident, Place};
use crate::record::{Ccode, DyadFlags, Record, StateSpell};
use crate::treaty::*;
use crate::world::World;

/// A day from a literal date; panics on a typo in a test.
pub fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

/// A world of the given states (ccode, abbreviation), members from 1900 to 2020.
pub fn world(states: &[(Ccode, &str)]) -> World {
    let spells: Vec<StateSpell> = states
        .iter()
        .map(|&(ccode, abb)| StateSpell {
            ccode,
            abb: abb.into(),
            name: abb.into(),
            span: Span::new(day("1900-01-01"), day("2020-12-31")),
        })
        .collect();
    World::from_record(
        Record {
            states: spells,
            ..Record::default()
        },
        &[],
    )
}

/// A world like [`world`] whose ATOP directed dyad-year file holds `rows`
/// (obligor, beneficiary, year, [`crate::record::obligation_bits`]).
pub fn world_with_atop(states: &[(Ccode, &str)], rows: &[(Ccode, Ccode, i16, u8)]) -> World {
    let mut w = world(states);
    let mut d = DyadFlags::default();
    for &(a, b, y, f) in rows {
        d.ccode1.push(a);
        d.ccode2.push(b);
        d.year.push(y);
        d.flags.push(f);
    }
    w.record.atop_dyads = d;
    w
}

/// A clause binding every party toward every party, armed-attack trigger, no limit.
pub fn clause(kind: Kind, strength: Strength) -> Clause {
    Clause {
        article: "1".into(),
        paraphrase: "test clause".into(),
        kind,
        obligors: vec![Selector::Parties],
        beneficiaries: vec![Selector::Parties],
        strength,
        trigger: Trigger::ArmedAttack,
        scope: Scope::anywhere(),
        conditions: vec![],
        exceptions: vec![],
        against_parties: false,
        contributions: vec![],
    }
}

/// A treaty in force from `in_force` among `parties` (all joining that day).
pub fn treaty(id: &str, in_force: &str, parties: &[Ccode], clauses: Vec<Clause>) -> Treaty {
    let start = day(in_force);
    Treaty {
        id: id.into(),
        name: id.to_uppercase(),
        atopid: None,
        status: TreatyStatus::InForce,
        signed: Some(start),
        in_force: Some(start),
        lapsed: None,
        sources: vec![],
        parties: parties
            .iter()
            .map(|&ccode| Party {
                ccode,
                roles: vec!["member".into()],
                entry: start,
                exit: None,
                exit_how: None,
                source: None,
            })
            .collect(),
        clauses,
        accession: None,
        origin: Origin::Library {
            file: format!("{id}.md"),
        },
        notes: vec![],
    }
}

/// An armed attack by `attacker` on `target`'s territory on `date`.
pub fn attack(attacker: Ccode, target: Ccode, date: &str) -> Incident {
    Incident::new(Actor::State(attacker), target, day(date), Place::Territory)
}
