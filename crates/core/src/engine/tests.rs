//! The engine's checks on small hand-built worlds.

use super::*;
use crate::incident::{Force, Place};
use crate::record::obligation_bits;
use crate::testing::{attack, clause, treaty, world, world_with_atop};
use crate::World;

/// An obligation as traced and lean runs must agree on it: obligor, treaty, status, and
/// each check with its answer.
type ObligationKey = (Ccode, String, Status, Vec<(Check, Tri)>);

const USA: Ccode = 2;
const UKG: Ccode = 200;
const FRN: Ccode = 220;
const RUS: Ccode = 365;
const CHN: Ccode = 710;

fn states() -> World {
    world(&[
        (USA, "USA"),
        (UKG, "UKG"),
        (FRN, "FRN"),
        (RUS, "RUS"),
        (CHN, "CHN"),
    ])
}

/// Every obligation (with `all`) and traces, for one incident against `treaties`.
fn invoke_all(w: &World, treaties: &[Treaty], inc: &Incident) -> Vec<Obligation> {
    let engine = Engine::new(w, treaties.iter().collect());
    let opt = Options {
        all: true,
        ..Options::default()
    };
    engine.invoke(inc, opt).obligations
}

/// Like [`invoke_all`], under the escalation reading (no fellow-party default).
fn invoke_all_escalation(w: &World, treaties: &[Treaty], inc: &Incident) -> Vec<Obligation> {
    let engine = Engine::new(w, treaties.iter().collect());
    let opt = Options {
        all: true,
        reading: Reading::Escalation,
        ..Options::default()
    };
    engine.invoke(inc, opt).obligations
}

fn checks(o: &Obligation) -> Vec<(&'static str, Tri)> {
    o.trace
        .iter()
        .map(|s| (s.check.as_str(), s.result))
        .collect()
}

fn defence_pact(parties: &[Ccode]) -> Treaty {
    treaty(
        "pact",
        "1950-01-01",
        parties,
        vec![clause(Kind::Defence, Strength::Automatic)],
    )
}

#[test]
fn a_treaty_not_yet_in_force_obliges_nobody() {
    let w = states();
    let t = [defence_pact(&[USA, UKG])];
    assert!(invoke_all(&w, &t, &attack(RUS, UKG, "1949-12-31")).is_empty());
    let obs = invoke_all(&w, &t, &attack(RUS, UKG, "1950-01-01"));
    assert_eq!(obs.len(), 1);
    assert_eq!(obs[0].status, Status::Triggered);
    assert_eq!(obs[0].trace[0].check, Check::InForce);
    assert_eq!(
        obs[0].trace[0].detail,
        "PACT binds on 1950-01-01 (since 1950-01-01)"
    );
}

#[test]
fn the_obligor_owes_the_attacked_party_not_itself() {
    let w = states();
    let t = [defence_pact(&[USA, UKG, FRN])];
    let obs = invoke_all(&w, &t, &attack(RUS, UKG, "1960-05-01"));
    let pairs: Vec<(Ccode, Ccode)> = obs.iter().map(|o| (o.obligor, o.beneficiary)).collect();
    assert_eq!(pairs, [(USA, UKG), (FRN, UKG)]);
    assert!(obs.iter().all(|o| o.status == Status::Triggered));
    assert_eq!(obs[0].trace[1].detail, "USA is bound by Art. 1");
    assert_eq!(obs[0].trace[2].detail, "UKG is protected by Art. 1");
    // A state outside the treaty is owed nothing.
    assert!(invoke_all(&w, &t, &attack(RUS, CHN, "1960-05-01")).is_empty());
}

#[test]
fn an_attacking_party_breaches_a_non_aggression_pledge() {
    let w = states();
    let t = [treaty(
        "nap",
        "1950-01-01",
        &[USA, UKG, RUS],
        vec![
            clause(Kind::NonAggression, Strength::Assurance),
            clause(Kind::Defence, Strength::Automatic),
        ],
    )];
    // The escalation reading: the legal one adds the fellow-party default (tested below).
    let obs = invoke_all_escalation(&w, &t, &attack(RUS, UKG, "1960-05-01"));
    let status = |o: Ccode, k: Kind| {
        obs.iter()
            .find(|x| x.obligor == o && x.kind == k)
            .map(|x| x.status)
    };
    assert_eq!(status(RUS, Kind::NonAggression), Some(Status::Breached));
    assert_eq!(status(RUS, Kind::Defence), Some(Status::NotTriggered));
    assert_eq!(status(USA, Kind::NonAggression), Some(Status::NotTriggered));
    assert_eq!(status(USA, Kind::Defence), Some(Status::Triggered));
    let rus = obs
        .iter()
        .find(|x| x.obligor == RUS && x.kind == Kind::Defence)
        .unwrap();
    assert_eq!(
        rus.trace.last().unwrap().detail,
        "RUS is itself an attacker"
    );
    let usa = obs
        .iter()
        .find(|x| x.obligor == USA && x.kind == Kind::NonAggression)
        .unwrap();
    assert_eq!(
        usa.trace.last().unwrap().detail,
        "USA does not attack UKG: its pledge not to is untouched"
    );
}

#[test]
fn a_threat_does_not_meet_an_armed_attack_trigger() {
    let w = states();
    let mut any = clause(Kind::Defence, Strength::Automatic);
    any.trigger = Trigger::AnyUseOfForce;
    any.article = "2".into();
    let t = [treaty(
        "pact",
        "1950-01-01",
        &[USA, UKG],
        vec![clause(Kind::Defence, Strength::Automatic), any],
    )];
    let mut inc = attack(RUS, UKG, "1960-05-01");
    inc.force = Force::Threat;
    let obs = invoke_all(&w, &t, &inc);
    let art = |a: &str| obs.iter().find(|o| o.article == a).unwrap();
    assert_eq!(art("1").status, Status::NotTriggered);
    assert_eq!(checks(art("1"))[3], ("trigger", Tri::No));
    assert_eq!(
        art("1").trace[3].detail,
        "a threat or display of force does not meet the trigger (armed attack)"
    );
    assert_eq!(art("2").status, Status::Triggered);
    assert_eq!(checks(art("2"))[3], ("trigger", Tri::Yes));
}

#[test]
fn the_scope_limits_where_an_attack_counts() {
    let w = states();
    let mut c = clause(Kind::Defence, Strength::Automatic);
    c.scope = Scope {
        article: Some("6".into()),
        regions: vec![Region::Europe],
        anywhere: false,
        ..Scope::anywhere()
    };
    let t = [treaty("pact", "1950-01-01", &[USA, UKG], vec![c])];
    let at = |place: Place| {
        let mut inc = attack(RUS, UKG, "1960-05-01");
        inc.place = place;
        invoke_all(&w, &t, &inc).remove(0)
    };
    let home = at(Place::Territory);
    assert_eq!(home.status, Status::Triggered);
    assert_eq!(
        home.trace[4].detail,
        "Art. 6: territory in europe lies within the area (europe)"
    );
    let asia = at(Place::Region(Region::Asia));
    assert_eq!(asia.status, Status::NotTriggered);
    assert_eq!(checks(&asia)[4], ("scope", Tri::No));
    let sea = at(Place::Sea(None));
    assert_eq!(sea.status, Status::Undetermined);
    assert_eq!(
        sea.trace[4].detail,
        "Art. 6: vessels or aircraft at sea: no region given, so the area check cannot be decided"
    );
}

#[test]
fn a_condition_the_data_cannot_decide_leaves_the_obligation_undetermined() {
    let w = states();
    let mut c = clause(Kind::Defence, Strength::Automatic);
    c.conditions = vec![Condition::Location { regions: vec![] }];
    let mut only_china = clause(Kind::Defence, Strength::Automatic);
    only_china.article = "2".into();
    only_china.conditions = vec![Condition::Adversary {
        states: vec![CHN],
        non_state: false,
    }];
    let t = [treaty(
        "pact",
        "1950-01-01",
        &[USA, UKG],
        vec![c, only_china],
    )];
    let obs = invoke_all(&w, &t, &attack(RUS, UKG, "1960-05-01"));
    let art = |a: &str| obs.iter().find(|o| o.article == a).unwrap();
    assert_eq!(art("1").status, Status::Undetermined);
    assert_eq!(
        art("1").trace.last().unwrap().detail,
        "only for conflict in a particular location, which the source does not record: undetermined"
    );
    assert_eq!(art("2").status, Status::NotTriggered);
    assert_eq!(
        art("2").trace.last().unwrap().detail,
        "only against CHN: fails"
    );
}

#[test]
fn an_exception_that_fires_switches_the_clause_off() {
    let w = states();
    let mut c = clause(Kind::Defence, Strength::Automatic);
    c.exceptions = vec![Exception {
        article: "3".into(),
        paraphrase: "not against Russia".into(),
        when: vec![Condition::Adversary {
            states: vec![RUS],
            non_state: false,
        }],
    }];
    let t = [treaty("pact", "1950-01-01", &[USA, UKG], vec![c])];
    let by_russia = invoke_all(&w, &t, &attack(RUS, UKG, "1960-05-01")).remove(0);
    assert_eq!(by_russia.status, Status::NotTriggered);
    assert_eq!(
        by_russia.trace[5].detail,
        "Art. 3 (not against Russia) applies: the clause is switched off"
    );
    let by_china = invoke_all(&w, &t, &attack(CHN, UKG, "1960-05-01")).remove(0);
    assert_eq!(by_china.status, Status::Triggered);
    assert_eq!(checks(&by_china)[5], ("exception", Tri::Yes));
}

/// An asymmetric ATOP alliance of USA and UKG in which only the USA owes defence.
fn asymmetric() -> Treaty {
    let mut t = defence_pact(&[USA, UKG]);
    t.origin = Origin::Atop {
        version: "5.1".into(),
        symmetry: Symmetry::Asymmetric,
    };
    t
}

#[test]
fn an_asymmetric_atop_alliance_is_read_in_the_directed_file_while_it_lasts() {
    let rows = [
        (USA, UKG, 1960, obligation_bits::DEFENSE),
        (UKG, USA, 1960, obligation_bits::CONSUL),
        (USA, UKG, 1961, obligation_bits::DEFENSE),
    ];
    let w = world_with_atop(&[(USA, "USA"), (UKG, "UKG"), (RUS, "RUS")], &rows);
    assert_eq!(w.atop_last_year(), Some(1961));
    let t = [asymmetric()];
    let to_ukg = invoke_all(&w, &t, &attack(RUS, UKG, "1960-05-01")).remove(0);
    assert_eq!(to_ukg.status, Status::Triggered);
    assert_eq!(checks(&to_ukg).last(), Some(&("atop-direction", Tri::Yes)));
    assert_eq!(
        to_ukg.trace.last().unwrap().detail,
        "ATOP directed dyad-year USA → UKG in 1960: has a defence obligation"
    );
    let to_usa = invoke_all(&w, &t, &attack(RUS, USA, "1960-05-01")).remove(0);
    assert_eq!(to_usa.status, Status::NotTriggered);
    assert_eq!(
        to_usa.trace.last().unwrap().detail,
        "ATOP directed dyad-year UKG → USA in 1960: no defence obligation"
    );
    // After the file's last year the alliance is carried forward as coded: no check.
    let later = invoke_all(&w, &t, &attack(RUS, USA, "1962-05-01")).remove(0);
    assert_eq!(later.status, Status::Triggered);
    assert!(later.trace.iter().all(|s| s.check != Check::AtopDirection));
}

#[test]
fn a_symmetric_atop_alliance_or_a_note_does_not_consult_the_directed_file() {
    let w = world_with_atop(
        &[(USA, "USA"), (UKG, "UKG"), (RUS, "RUS")],
        &[(USA, UKG, 1960, 1)],
    );
    let mut t = asymmetric();
    t.origin = Origin::Atop {
        version: "5.1".into(),
        symmetry: Symmetry::Symmetric,
    };
    // Only the typed field counts: a note's wording changes nothing.
    t.notes = vec!["Asymmetric alliance: a note".into()];
    let to_usa = invoke_all(&w, &[t], &attack(RUS, USA, "1960-05-01")).remove(0);
    assert_eq!(to_usa.status, Status::Triggered);
    assert!(to_usa.trace.iter().all(|s| s.check != Check::AtopDirection));
}

#[test]
fn without_traces_the_same_statuses_come_with_empty_details() {
    let w = states();
    let mut c = clause(Kind::Defence, Strength::Automatic);
    c.conditions = vec![Condition::NonProvocation];
    let t = [
        defence_pact(&[USA, UKG, FRN]),
        treaty("cond", "1950-01-01", &[USA, UKG], vec![c]),
    ];
    let engine = Engine::new(&w, t.iter().collect());
    let inc = attack(RUS, UKG, "1960-05-01");
    let traced = engine.invoke(&inc, Options::default());
    let lean = engine.invoke(&inc, Options::LEAN);
    let key = |e: &Evaluation| -> Vec<ObligationKey> {
        e.obligations
            .iter()
            .map(|o| {
                let steps = o.trace.iter().map(|s| (s.check, s.result)).collect();
                (o.obligor, o.treaty.clone(), o.status, steps)
            })
            .collect()
    };
    assert_eq!(key(&traced), key(&lean));
    assert_eq!(traced.obligations.len(), 3);
    assert!(traced
        .obligations
        .iter()
        .all(|o| o.trace.iter().all(|s| !s.detail.is_empty())));
    assert!(lean
        .obligations
        .iter()
        .all(|o| o.trace.iter().all(|s| s.detail.is_empty())));
}

#[test]
fn not_triggered_clauses_are_kept_and_worded_only_with_all() {
    let w = states();
    let t = [defence_pact(&[USA, UKG])];
    let engine = Engine::new(&w, t.iter().collect());
    let mut inc = attack(RUS, UKG, "1960-05-01");
    inc.force = Force::Threat;
    assert!(engine
        .invoke(&inc, Options::default())
        .obligations
        .is_empty());
    let all = Options {
        all: true,
        ..Options::default()
    };
    let ev = engine.invoke(&inc, all);
    assert_eq!(ev.obligations.len(), 1);
    assert!(ev.obligations[0].trace.iter().all(|s| !s.detail.is_empty()));
}

#[test]
fn checks_serialise_and_display_as_their_schema_names() {
    for (c, name) in [
        (Check::InForce, "in-force"),
        (Check::AtopDirection, "atop-direction"),
        (Check::Obligor, "obligor"),
    ] {
        assert_eq!(serde_json::to_value(c).unwrap(), name);
        assert_eq!(c.to_string(), name);
    }
    assert_eq!(format!("[{:<10}]", Check::Scope), "[scope     ]");
}

#[test]
fn tri_and_folds_no_before_unknown() {
    assert_eq!(Tri::Yes.and(Tri::Unknown), Tri::Unknown);
    assert_eq!(Tri::Unknown.and(Tri::No), Tri::No);
    assert_eq!(Tri::Yes.and(Tri::Yes), Tri::Yes);
    assert_eq!(!Tri::Unknown, Tri::Unknown);
    assert_eq!(!Tri::Yes, Tri::No);
}

#[test]
fn a_day_before_the_world_is_still_checked_by_date_alone() {
    // The engine reads treaty dates, not state-system membership.
    let w = states();
    let t = [treaty(
        "old",
        "1890-01-01",
        &[USA, UKG],
        vec![clause(Kind::Defence, Strength::Automatic)],
    )];
    let obs = invoke_all(&w, &t, &attack(RUS, UKG, "1895-01-01"));
    assert_eq!(obs.len(), 1);
    assert_eq!(
        obs[0].trace[0].detail,
        "OLD binds on 1895-01-01 (since 1890-01-01)"
    );
}

#[test]
fn defence_is_not_owed_against_a_fellow_party_under_the_legal_reading() {
    let w = states();
    let t = [defence_pact(&[USA, UKG, FRN])];
    let obs = invoke_all(&w, &t, &attack(FRN, UKG, "1960-05-01"));
    let usa = obs.iter().find(|o| o.obligor == USA).unwrap();
    assert_eq!(usa.status, Status::NotTriggered);
    let step = usa
        .trace
        .iter()
        .find(|s| s.check == Check::FellowParty)
        .unwrap();
    assert_eq!(step.result, Tri::No);
    assert_eq!(
        step.detail,
        "attacker FRN is a fellow party: the treaty states no rule; casus does not oblige members to fight one another"
    );
    // The escalation reading keeps the older behaviour: every other party defends.
    let engine = Engine::new(&w, t.iter().collect());
    let esc = Options {
        reading: Reading::Escalation,
        ..Options::default()
    };
    let ev = engine.invoke(&attack(FRN, UKG, "1960-05-01"), esc);
    assert_eq!(ev.obligations.len(), 1);
    assert_eq!(ev.obligations[0].status, Status::Triggered);
}

#[test]
fn an_attacker_is_party_exception_replaces_the_default() {
    let w = states();
    let mut c = clause(Kind::Defence, Strength::Automatic);
    c.exceptions = vec![Exception {
        article: "7".into(),
        paraphrase: "a conflict between parties: mediation, not defence".into(),
        when: vec![Condition::AttackerIsParty],
    }];
    let t = [treaty("rio", "1950-01-01", &[USA, UKG, FRN], vec![c])];
    let obs = invoke_all(&w, &t, &attack(FRN, UKG, "1960-05-01"));
    let usa = obs.iter().find(|o| o.obligor == USA).unwrap();
    assert_eq!(usa.status, Status::NotTriggered);
    assert!(checks(usa).contains(&("exception", Tri::No)));
    assert!(!checks(usa).iter().any(|(c, _)| *c == "fellow-party"));
    // An outside attacker: the exception does not fire.
    let obs = invoke_all(&w, &t, &attack(RUS, UKG, "1960-05-01"));
    assert!(obs.iter().all(|o| o.status == Status::Triggered));
}

#[test]
fn a_bilateral_pact_whose_parties_fight_is_a_breach_never_a_defence_case() {
    let w = states();
    let t = [treaty(
        "pair",
        "1950-01-01",
        &[USA, UKG],
        vec![
            clause(Kind::Defence, Strength::Automatic),
            clause(Kind::NonAggression, Strength::Assurance),
        ],
    )];
    let obs = invoke_all(&w, &t, &attack(USA, UKG, "1960-05-01"));
    assert!(!obs.iter().any(|o| o.status == Status::Triggered));
    assert!(obs
        .iter()
        .any(|o| o.kind == Kind::NonAggression && o.status == Status::Breached));
}
