//! The response under both readings (issue 10): the headline scenario, and cases that
//! must not change.

use casus_app::{invoke_view, with_library, Request, SpecInput};
use casus_core::view::InvokeView;
use casus_core::World;
use std::sync::OnceLock;

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        with_library(casus_data::load_world(&casus_data::DataSource::Bundled).unwrap()).unwrap()
    })
}

fn view(
    attacker: &str,
    target: &str,
    date: &str,
    specs: &[&str],
    reading: Option<&str>,
) -> InvokeView {
    let r = Request {
        attackers: vec![attacker.into()],
        target: Some(target.into()),
        date: Some(date.into()),
        specs: specs.iter().map(|s| SpecInput::Id(s.to_string())).collect(),
        response: reading.map(str::to_string),
        ..Request::default()
    };
    invoke_view(world(), &r, false).unwrap()
}

fn abbs(v: &[casus_core::view::JoinerView]) -> Vec<&str> {
    v.iter().map(|j| j.state.abb.as_str()).collect()
}

fn treaties(v: &InvokeView) -> Vec<&str> {
    v.rounds
        .iter()
        .flat_map(|r| r.side_a.iter().chain(&r.side_b))
        .map(|j| j.treaty.as_str())
        .collect()
}

#[test]
fn headline_under_the_legal_reading_the_guarantors_alone_join() {
    let v = view("RUS", "UKR", "2025-09-01", &["ukraine-b"], None);
    assert_eq!(v.response, casus_core::engine::Reading::Legal);
    assert_eq!(v.rounds.len(), 1);
    assert_eq!(abbs(&v.rounds[0].side_b), ["USA", "UKG", "FRN"]);
    // Nobody joins Russia through a defence pact; no NATO, Rio or ANZUS round.
    let a: Vec<&str> = v.sides.a.iter().map(|s| s.abb.as_str()).collect();
    assert_eq!(a, ["RUS"]);
    let t = treaties(&v);
    assert!(!t
        .iter()
        .any(|t| ["nato", "rio-1947", "anzus-1951"].contains(t)));
}

#[test]
fn headline_under_the_escalation_reading_reproduces_the_chain() {
    let v = view(
        "RUS",
        "UKR",
        "2025-09-01",
        &["ukraine-b"],
        Some("escalation"),
    );
    assert_eq!(v.rounds.len(), 3);
    assert_eq!(abbs(&v.rounds[0].side_b), ["USA", "UKG", "FRN"]);
    assert_eq!(
        abbs(&v.rounds[1].side_a),
        // Azerbaijan no longer: the CIS Charter (cis-charter-1993) binds only to consult.
        ["KZK", "UZB", "KYR", "TAJ", "BLR", "ARM"]
    );
    assert_eq!(v.rounds[2].side_b.len(), 52);
    let t = treaties(&v);
    for id in ["nato", "rio-1947", "anzus-1951"] {
        assert!(t.contains(&id), "{id} joins in round 3");
    }
    assert_eq!((v.sides.a.len(), v.sides.b.len()), (7, 56));
}

#[test]
fn an_unknown_reading_is_a_clear_error() {
    let r = Request {
        attackers: vec!["RUS".into()],
        target: Some("UKR".into()),
        date: Some("2025-09-01".into()),
        response: Some("chain-gang".into()),
        ..Request::default()
    };
    let e = invoke_view(world(), &r, false).unwrap_err().to_string();
    assert!(e.contains("unknown response reading `chain-gang`"), "{e}");
    assert!(e.contains("legal or escalation"), "{e}");
}

/// Estonia 2025 and 9/11: the same obligations and sides under both readings.
#[test]
fn estonia_and_2001_are_unchanged_by_the_reading() {
    for (att, target, date) in [
        ("RUS", "EST", "2025-09-01"),
        ("non-state:al-Qaeda", "USA", "2001-09-11"),
    ] {
        let legal = view(att, target, date, &[], None);
        let esc = view(att, target, date, &[], Some("escalation"));
        assert_eq!(legal.obligations, esc.obligations, "{att} → {target}");
        assert_eq!(legal.rounds[0], esc.rounds[0], "{att} → {target}");
        assert!(legal.sides.b.len() >= 30, "NATO defends {target}");
    }
}

#[test]
fn honduras_el_salvador_1969_is_a_case_for_rio_art_7_not_defence() {
    let v = view("HON", "SAL", "1969-07-14", &[], None);
    let rio: Vec<_> = v
        .obligations
        .iter()
        .filter(|o| o.treaty.id == "rio-1947")
        .collect();
    assert!(rio.iter().any(|o| o.article == "7"));
    assert!(!rio
        .iter()
        .any(|o| o.kind == casus_core::treaty::Kind::Defence));
    assert!(v.rounds.iter().all(|r| r.side_b.is_empty()));
}
