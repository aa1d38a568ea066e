//! The forecast on the bundled record: the model's fit and validation, and the forecast
//! for the Ukraine variants.

use casus_app::forecast::{self, Model};
use casus_app::{with_library, Request, SpecInput};
use casus_core::World;
use std::sync::OnceLock;

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        with_library(casus_data::load_world(&casus_data::DataSource::Bundled).unwrap()).unwrap()
    })
}

fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| forecast::model(world()).unwrap())
}

fn ukraine(spec: &str) -> Request {
    Request {
        attackers: vec!["RUS".into()],
        target: Some("UKR".into()),
        date: Some("2025-09-01".into()),
        specs: vec![SpecInput::Id(spec.into())],
        ..Request::default()
    }
}

#[test]
fn the_model_is_fitted_on_hundreds_of_pledges_in_dozens_of_wars() {
    let m = model();
    assert!(m.validation.cases > 300, "{}", m.validation.cases);
    assert!(m.validation.wars > 20, "{}", m.validation.wars);
    assert_eq!(m.fit.coef.len(), forecast::PREDICTORS.len());
    assert!(m.fit.se.iter().all(|s| s.is_finite() && *s > 0.0));
}

#[test]
fn ukraine_b_forecast_has_probabilities_and_is_identical_for_a_seed() {
    let m = model();
    let a = forecast::forecast(world(), m, &ukraine("ukraine-b"), 10_000, 1).unwrap();
    let b = forecast::forecast(world(), m, &ukraine("ukraine-b"), 10_000, 1).unwrap();
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    assert!(!a.obligors.is_empty());
    for o in &a.obligors {
        assert!((0.0..=1.0).contains(&o.p_fights), "{o:?}");
        assert!((o.came - o.p_fights).abs() < 0.03, "{o:?}");
    }
    let abbs: Vec<&str> = a.obligors.iter().map(|o| o.state.abb.as_str()).collect();
    assert!(abbs.contains(&"USA"), "{abbs:?}");
    // Russia and Ukraine themselves are never obligors; a state without a pledge has no
    // probability.
    assert!(!abbs.contains(&"RUS") && !abbs.contains(&"UKR") && !abbs.contains(&"CHN"));
    for m in [&a.balance.cinc, &a.balance.milex, &a.balance.milper] {
        assert!((0.0..=1.0).contains(&m.p_outweighs));
    }
    // 2025 is after every dataset: the note says what is carried forward.
    assert!(a.data_note.contains("carried forward"), "{}", a.data_note);
}

#[test]
fn zero_draws_is_an_error() {
    let e = forecast::forecast(world(), model(), &ukraine("ukraine-b"), 0, 1).unwrap_err();
    assert!(e.to_string().contains("--draws 0"), "{e}");
}

#[test]
fn one_war_cannot_be_validated() {
    let all = forecast::design(world()).unwrap();
    let g0 = all.group[0];
    let mut d = casus_forecast::Design {
        names: all.names.clone(),
        ..Default::default()
    };
    for i in (0..all.rows()).filter(|&i| all.group[i] == g0) {
        d.x.extend_from_slice(all.row(i));
        d.y.push(all.y[i]);
        d.group.push(g0);
        d.stratum.push(all.stratum[i]);
    }
    let e = forecast::model_from(&d).unwrap_err().to_string();
    assert!(
        e.contains("at least 2 wars") || e.contains("same outcome"),
        "{e}"
    );
    assert!(!e.contains("NaN"), "{e}");
}
