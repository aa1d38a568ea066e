//! The view-models both front ends share: treaty keys and lookup, list rows and details,
//! states rows, the spec-check report, backtest plans and the report's backtest summary.

use casus_app::backtest::{summary_for, Plan};
use casus_app::{spec_check, states, treaty, with_library, Request, SpecInput};
use casus_core::{Day, World};
use std::sync::OnceLock;

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        with_library(casus_data::load_world(&casus_data::DataSource::Bundled).unwrap()).unwrap()
    })
}

#[test]
fn one_treaty_key_rule() {
    assert_eq!(treaty::key(" 3180 "), "atop:3180");
    assert_eq!(treaty::key("nato"), "nato");
    assert_eq!(treaty::key("atop:3180"), "atop:3180");
    let w = world();
    assert_eq!(treaty::by_key(w, "3180").unwrap().id, "atop:3180");
    assert_eq!(treaty::find(w, "3180").unwrap().id, "atop:3180");
    assert_eq!(treaty::find(w, "nato").unwrap().id, "nato");
    let e = treaty::find(w, "99999").unwrap_err().to_string();
    assert!(e.contains("no ATOP alliance with id 99999"), "{e}");
    let e = treaty::find(w, "natoo").unwrap_err().to_string();
    assert!(e.contains("closest ids"), "{e}");
}

#[test]
fn summary_row_and_detail() {
    let w = world();
    let t = treaty::find(w, "3180").unwrap();
    let s = serde_json::to_value(treaty::summary(w, t)).unwrap();
    let keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["from", "id", "kinds", "members", "name", "to"]);
    let members = s["members"].as_array().unwrap();
    assert_eq!(members[0], "USA");
    let mut unique = members.clone();
    unique.dedup();
    assert_eq!(unique.len(), members.len(), "every party once");
    let r = serde_json::to_value(treaty::row(w, t)).unwrap();
    assert_eq!(r["origin"], "atop");
    assert_eq!(r["members"], s["members"]);
    let d = serde_json::to_value(treaty::Detail::new(w, t)).unwrap();
    assert!(d.get("states").is_none() && d["provisions"].is_array());
    let d = serde_json::to_value(treaty::Detail::with_states(w, t)).unwrap();
    assert_eq!(d["states"][0]["abb"], "USA");
}

#[test]
fn states_rows() {
    let w = world();
    let rows = states::on_day(w, Day::parse("1990-10-03").unwrap());
    assert!(rows.iter().any(|r| r.abb == "GMY") && !rows.iter().any(|r| r.abb == "GDR"));
    assert!(states::in_year(w, 1990)
        .unwrap()
        .iter()
        .any(|r| r.abb == "GDR"));
    assert!(states::in_year(w, 3000).is_err());
}

#[test]
fn spec_check_names_the_kind_of_an_invalid_text() {
    let w = world();
    let r = spec_check::check_text("x.toml", "id = 'x'\n", &w.states, &w.groups);
    assert!(!r.ok && r.kind == Some("spec") && !r.errors.is_empty());
    let r = spec_check::check_bytes("y.toml", vec![0xff, 0xfe], &w.states, &w.groups);
    assert!(!r.ok && r.kind.is_none());
    assert!(r.errors[0].message.contains("not UTF-8"));
}

#[test]
fn backtest_plan_and_report_summary() {
    let w = world();
    let plan = Plan {
        ids: vec!["nato".into()],
        from: Some(Day::first_of_year(1990)),
        min_hostility: 4,
        ..Plan::default()
    };
    let chosen = plan.select(w).unwrap();
    assert!(chosen
        .incidents
        .iter()
        .all(|i| i.latest >= chosen.window.from));
    let run = plan.run(w, chosen, &|_| {});
    assert_eq!(run.treaties.len(), 1);
    assert!(run.any());
    let bad = Plan {
        from: Some(Day::first_of_year(2000)),
        to: Some(Day::last_of_year(1990)),
        ..plan
    };
    assert!(bad.select(w).is_err());
    let req = Request {
        specs: vec![SpecInput::Id("ukraine-b".into())],
        ..Default::default()
    };
    let s = summary_for(w, &req).expect("a named guarantee");
    assert!(
        s.note.contains("1946-01-01"),
        "a proposal runs as if in force: {}",
        s.note
    );
    assert!(summary_for(w, &Request::default()).is_none());
}

#[test]
fn backtest_treaty_ids_resolve_ids_and_spec_text() {
    use casus_app::backtest::treaty_ids;
    use std::borrow::Cow;
    let w = world();
    // Ids only: no copy of the world; ATOP ids take their key; repeats collapse.
    let mut cow = Cow::Borrowed(w);
    let specs = [
        SpecInput::Id("3180".into()),
        SpecInput::Id("nato".into()),
        SpecInput::Id("atop:3180".into()),
    ];
    let ids = treaty_ids(&mut cow, &specs, false).unwrap();
    assert_eq!(ids, ["atop:3180", "nato"]);
    assert!(matches!(cow, Cow::Borrowed(_)));
    // `all` appends every other treaty once.
    let all = treaty_ids(&mut cow, &specs[..1], true).unwrap();
    assert_eq!(all[0], "atop:3180");
    assert_eq!(all.len(), w.treaties.len());
    // An unknown id is the lookup's error.
    let e = treaty_ids(&mut cow, &[SpecInput::Id("natoo".into())], false).unwrap_err();
    assert!(e.to_string().contains("closest ids"), "{e}");
    // Spec text with errors: the spec's file:line:col errors.
    let bad = SpecInput::Text {
        file: "mine.toml".into(),
        text: "id = \"x\"\nname = 3\n".into(),
    };
    let e = treaty_ids(&mut cow, &[bad], false).unwrap_err().to_string();
    assert!(e.contains("mine.toml:2:8: name"), "{e}");
}
