//! Pinned answers of the invoke engine on the bundled record and the built-in library
//! (issue 3), the library's own `[[example]]` cases, and engine properties.

use casus_app::{with_library, Request, Scenario, SpecInput};
use casus_core::engine::{Options, Status};
use casus_core::treaty::{Kind, Strength};
use casus_core::World;
use proptest::prelude::*;
use std::sync::OnceLock;

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        with_library(casus_data::load_world(&casus_data::DataSource::Bundled).unwrap()).unwrap()
    })
}

fn req(
    attacker: &str,
    target: &str,
    date: &str,
    place: &str,
    specs: &[&str],
    only: bool,
) -> Request {
    Request {
        attackers: vec![attacker.into()],
        target: Some(target.into()),
        date: Some(date.into()),
        place: Some(place.into()),
        incident: None,
        specs: specs.iter().map(|s| SpecInput::Id(s.to_string())).collect(),
        only_specs: only,
        response: None,
    }
}

/// Distinct obligors of `treaty` Art. `article` with `status`.
fn obligors(r: &Request, treaty: &str, article: &str, status: Status) -> Vec<String> {
    let sc = Scenario::build(world(), r).unwrap();
    let e = sc.engine();
    let ev = e.invoke(
        &sc.incident,
        Options {
            all: true,
            trace: true,
            military_only: false,
            reading: casus_core::engine::Reading::Legal,
        },
    );
    let mut v: Vec<String> = ev
        .obligations
        .iter()
        .filter(|o| o.treaty == treaty && o.article == article && o.status == status)
        .map(|o| sc.world.states.abb(o.obligor))
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn russian_attack_on_estonia_2025_obliges_31_nato_members() {
    let r = req("RUS", "EST", "2025-09-01", "territory", &[], false);
    let v = obligors(&r, "nato", "5", Status::Triggered);
    assert_eq!(v.len(), 31, "{v:?}");
    for s in ["USA", "FIN", "SWD", "MNG", "MAC", "GMY", "TUR"] {
        assert!(v.contains(&s.to_string()), "{s} missing from {v:?}");
    }
    assert!(!v.contains(&"EST".to_string()));
}

#[test]
fn attack_on_hawaii_is_outside_article_6() {
    let r = req("PRK", "USA", "2025-09-01", "region:pacific", &[], false);
    assert!(obligors(&r, "nato", "5", Status::Triggered).is_empty());
    assert!(obligors(&r, "nato", "5", Status::Undetermined).is_empty());
    let not = obligors(&r, "nato", "5", Status::NotTriggered);
    assert_eq!(
        not.len(),
        31,
        "every other member is checked and not obliged: {not:?}"
    );
}

#[test]
fn nato_2001_invocation_after_attack_by_non_state_group() {
    let r = req(
        "non-state:al-Qaeda",
        "USA",
        "2001-09-11",
        "territory",
        &[],
        false,
    );
    let v = obligors(&r, "nato", "5", Status::Triggered);
    // NATO had 19 members in September 2001: 18 besides the United States.
    assert_eq!(v.len(), 18, "{v:?}");
    assert!(v.contains(&"POL".to_string()) && !v.contains(&"EST".to_string()));
}

#[test]
fn occupied_crimea_controlled_vs_recognised_scope() {
    let b = req("RUS", "UKR", "2025-09-01", "occupied", &["ukraine-b"], true);
    let art = main_article("ukraine-b");
    assert!(obligors(&b, "ukraine-b", &art, Status::Triggered).is_empty());
    assert!(!obligors(&b, "ukraine-b", &art, Status::NotTriggered).is_empty());
    let rec = req(
        "RUS",
        "UKR",
        "2025-09-01",
        "occupied",
        &["ukraine-b-recognised"],
        true,
    );
    let art = main_article("ukraine-b-recognised");
    let v = obligors(&rec, "ukraine-b-recognised", &art, Status::Triggered);
    assert!(v.contains(&"USA".to_string()), "{v:?}");
    // On territory Ukraine controls, both variants trigger.
    let b = req(
        "RUS",
        "UKR",
        "2025-09-01",
        "territory",
        &["ukraine-b"],
        true,
    );
    assert!(obligors(
        &b,
        "ukraine-b",
        &main_article("ukraine-b"),
        Status::Triggered
    )
    .contains(&"USA".to_string()));
}

fn main_article(id: &str) -> String {
    let t = world()
        .treaty(id)
        .unwrap_or_else(|| panic!("library has {id}"));
    casus_core::compare::main_clause(t).unwrap().article.clone()
}

#[test]
fn full_membership_is_blocked_while_a_member_objects() {
    let r = req(
        "RUS",
        "UKR",
        "2025-09-01",
        "territory",
        &["ukraine-d"],
        true,
    );
    let sc = Scenario::build(world(), &r).unwrap();
    let e = sc.engine();
    let ev = e.invoke(&sc.incident, Options::default());
    let acc = ev
        .accessions
        .iter()
        .find(|a| a.treaty == "ukraine-d")
        .expect("accession report");
    assert!(!acc.admitted);
    assert!(
        acc.objecting.contains(&2),
        "the USA objects: {:?}",
        acc.objecting
    );
    assert!(
        ev.obligations
            .iter()
            .all(|o| o.status != Status::Triggered || o.treaty != "ukraine-d"),
        "no obligation toward a blocked candidate"
    );
    // If every member consented, Art. 5 would apply to Ukraine.
    let mut w = sc.world.clone().into_owned();
    let t = w.treaties.iter_mut().find(|t| t.id == "ukraine-d").unwrap();
    let members: Vec<u16> = t
        .parties
        .iter()
        .map(|p| p.ccode)
        .filter(|&c| c != 369)
        .collect();
    let acc = t.accession.as_mut().unwrap();
    acc.positions = members
        .into_iter()
        .map(|c| (c, casus_core::treaty::Position::Consents, None))
        .collect();
    let e = casus_core::engine::Engine::new(&w, vec![w.treaty("ukraine-d").unwrap()]);
    let ev = e.invoke(&sc.incident, Options::default());
    assert!(ev
        .obligations
        .iter()
        .any(|o| o.status == Status::Triggered && o.kind == Kind::Defence && o.obligor == 2));
}

#[test]
fn budapest_memorandum_yields_only_assurances_and_consultation() {
    let r = req(
        "RUS",
        "UKR",
        "2014-02-27",
        "territory",
        &["budapest-1994"],
        true,
    );
    let sc = Scenario::build(world(), &r).unwrap();
    let ev = sc.engine().invoke(
        &sc.incident,
        Options {
            all: true,
            trace: true,
            military_only: false,
            reading: casus_core::engine::Reading::Legal,
        },
    );
    let own: Vec<_> = ev
        .obligations
        .iter()
        .filter(|o| o.treaty == "budapest-1994")
        .collect();
    assert!(!own.is_empty());
    assert!(
        own.iter().all(|o| o.strength <= Strength::Consult),
        "{own:#?}"
    );
    assert!(
        own.iter()
            .any(|o| o.obligor == 365 && o.status == Status::Breached),
        "Russia's own assurance is breached"
    );
    assert!(own
        .iter()
        .any(|o| o.status == Status::Triggered && o.obligor == 2));
}

#[test]
fn response_cascade_and_balance_for_estonia() {
    let r = req("RUS", "EST", "2025-09-01", "territory", &[], false);
    let sc = Scenario::build(world(), &r).unwrap();
    let resp = sc.engine().respond(&sc.incident, Options::default());
    assert!(
        resp.side_b.len() >= 32,
        "NATO joins the defence: {:?}",
        resp.side_b
    );
    assert!(resp.side_a.contains(&365));
    // NMC ends in 2022: the balance says which year it used.
    let us = resp
        .balance
        .side_b
        .states
        .iter()
        .find(|c| c.state == 2)
        .unwrap();
    assert_eq!(us.year, Some(2022));
    assert!(resp.balance.side_b.cinc > resp.balance.side_a.cinc);
}

#[test]
fn library_examples_hold() {
    let lib = casus_spec::library(&world().states).unwrap();
    assert!(lib.examples.len() >= 4);
    for (treaty, ex) in &lib.examples {
        let t = world().treaty(treaty).unwrap();
        let e = casus_core::engine::Engine::new(world(), vec![t]);
        let ev = e.invoke(
            &ex.incident,
            Options {
                all: true,
                trace: true,
                military_only: false,
                reading: casus_core::engine::Reading::Legal,
            },
        );
        let own: Vec<_> = ev
            .obligations
            .iter()
            .filter(|o| ex.article.as_ref().is_none_or(|a| &o.article == a))
            .collect();
        let mut triggered: Vec<u16> = own
            .iter()
            .filter(|o| o.status == Status::Triggered)
            .map(|o| o.obligor)
            .collect();
        triggered.sort_unstable();
        triggered.dedup();
        let at = format!("{}:{} ({})", ex.file, ex.line, ex.name);
        match ex.expected_status {
            Some(casus_spec::ExpectedStatus::Triggered) => {
                assert!(!triggered.is_empty(), "{at}: expected a trigger")
            }
            Some(casus_spec::ExpectedStatus::NotTriggered) => assert!(
                triggered.is_empty(),
                "{at}: expected none, got {triggered:?}"
            ),
            Some(casus_spec::ExpectedStatus::Blocked) => {
                assert!(
                    ev.accessions.iter().any(|a| !a.admitted),
                    "{at}: expected a blocked accession"
                )
            }
            None => {}
        }
        match &ex.expected_obligors {
            Some(casus_spec::ExpectedObligors::Count(n)) => {
                assert_eq!(triggered.len(), *n, "{at}: {triggered:?}")
            }
            Some(casus_spec::ExpectedObligors::States(s)) => {
                let mut s = s.clone();
                s.sort_unstable();
                assert_eq!(triggered, s, "{at}")
            }
            None => {}
        }
    }
}

fn state_codes() -> Vec<u16> {
    world().states.all().iter().map(|s| s.ccode).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn invoking_never_panics_and_is_deterministic(a in 0usize..400, b in 0usize..400, day in -56_000i32..22_000) {
        let codes = state_codes();
        let (a, b) = (codes[a % codes.len()], codes[b % codes.len()]);
        prop_assume!(a != b);
        let date = casus_core::Day(day).to_string();
        let r = req(&a.to_string(), &b.to_string(), &date, "territory", &[], false);
        let sc = Scenario::build(world(), &r).unwrap();
        let e = sc.engine();
        let one = e.respond(&sc.incident, Options::default());
        let two = e.respond(&sc.incident, Options::default());
        prop_assert_eq!(one, two);
    }

    #[test]
    fn adding_a_party_never_removes_an_obligation(extra in 0usize..400, target in 0usize..40, day in 0i32..20_000) {
        let w = world();
        let nato = w.treaty("nato").unwrap();
        let codes = state_codes();
        let extra = codes[extra % codes.len()];
        let members: Vec<u16> = nato.parties.iter().map(|p| p.ccode).collect();
        let target = members[target % members.len()];
        prop_assume!(extra != target && extra != 365);
        let inc = casus_core::incident::Incident::new(
            casus_core::incident::Actor::State(365), target, casus_core::Day(day), casus_core::incident::Place::Territory);
        let before = casus_core::engine::Engine::new(w, vec![nato]).invoke(&inc, Options::default());
        let mut bigger = nato.clone();
        bigger.parties.push(casus_core::treaty::Party {
            ccode: extra, roles: vec!["member".into()], entry: casus_core::Day(0), exit: None, exit_how: None, source: None });
        let after = casus_core::engine::Engine::new(w, vec![&bigger]).invoke(&inc, Options::default());
        for o in &before.obligations {
            prop_assert!(after.obligations.iter().any(|x| x.obligor == o.obligor && x.article == o.article && x.status == o.status),
                "lost {:?}", o);
        }
    }
}

/// A user spec with a library id is refused instead of replacing the library's treaty
/// (issue 13, finding 5); NATO keeps its clauses.
#[test]
fn a_user_spec_cannot_take_a_library_id() {
    let nato = casus_spec::library::library_spec("nato").unwrap().1;
    let text = format!("{nato}\n# my edits\n");
    let mut w = world().clone();
    let clauses = w.treaty("nato").unwrap().clauses.len();
    let err = casus_app::add_spec_text(&mut w, "my-nato.toml", &text).unwrap_err();
    assert!(err.to_string().contains("`nato` is reserved"), "{err}");
    assert_eq!(w.treaty("nato").unwrap().clauses.len(), clauses);
    // The library's own text is the same treaty: accepted.
    assert_eq!(
        casus_app::add_spec_text(&mut w, "treaties/nato.toml", nato).unwrap(),
        "nato"
    );
}

/// A guarantee that binds only against two or more attackers (issue 13, finding 4).
const TWO_ATTACKERS: &str = r#"
id = "two-attackers"
name = "Defence against a coalition of at least two attackers"
status = "proposed"
proposed = "2025-08-15"

[[party]]
states = ["USA", "UKR"]

[[clause]]
article = "1"
paraphrase = "Each party assists the other against an attack by two or more states."
kind = "defence"
obligors = ["parties"]
beneficiaries = ["parties"]
strength = "automatic"
trigger = "armed-attack"
conditions = [{ type = "attackers", min = 2 }]
"#;

fn two_attackers(attackers: &[&str]) -> Request {
    Request {
        attackers: attackers.iter().map(|s| s.to_string()).collect(),
        specs: vec![SpecInput::Text {
            file: "two.toml".into(),
            text: TWO_ATTACKERS.into(),
        }],
        only_specs: true,
        ..req("RUS", "UKR", "2025-09-01", "territory", &[], false)
    }
}

#[test]
fn a_repeated_attacker_counts_once() {
    let once = two_attackers(&["RUS"]);
    let repeated = two_attackers(&["RUS", "365", "Russia", "rus"]);
    let sc = Scenario::build(world(), &repeated).unwrap();
    assert_eq!(
        sc.incident.attackers.len(),
        1,
        "{:?}",
        sc.incident.attackers
    );
    assert!(obligors(&repeated, "two-attackers", "1", Status::Triggered).is_empty());
    assert_eq!(
        obligors(&repeated, "two-attackers", "1", Status::NotTriggered),
        obligors(&once, "two-attackers", "1", Status::NotTriggered)
    );
    // The balance counts Russia once.
    let cinc = |r: &Request| {
        let sc = Scenario::build(world(), r).unwrap();
        let resp = sc.engine().respond(&sc.incident, Options::default());
        (resp.balance.side_a.cinc, resp.balance.side_a.states.len())
    };
    assert_eq!(cinc(&repeated), cinc(&once));
    // Two different attackers still meet the condition.
    let two = two_attackers(&["RUS", "BLR"]);
    assert_eq!(
        obligors(&two, "two-attackers", "1", Status::Triggered),
        vec!["USA".to_string()]
    );
}

#[test]
fn a_repeated_non_state_attacker_counts_once() {
    let r = two_attackers(&["non-state:Wagner", "non-state: Wagner "]);
    let sc = Scenario::build(world(), &r).unwrap();
    assert_eq!(sc.incident.attackers.len(), 1);
}

#[test]
fn a_state_outside_the_system_on_the_day_is_warned_about() {
    let warnings = |a: &str, t: &str, d: &str| {
        casus_app::invoke_view(world(), &req(a, t, d, "territory", &[], false), false)
            .unwrap()
            .warnings
    };
    assert!(warnings("RUS", "UKR", "2025-09-01").is_empty());
    let w = warnings("RUS", "UKR", "1816-06-01");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("target Ukraine (UKR) is not a member"),
        "{w:?}"
    );
    let w = warnings("GFR", "POL", "2025-09-01");
    assert!(
        w[0].contains("attacker") && w[0].contains("carried forward"),
        "{w:?}"
    );
}
