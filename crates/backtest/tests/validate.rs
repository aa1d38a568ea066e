//! `casus validate joiners` on the bundled record: the bound on recall that treaty ties
//! set, and the scores it must respect.

use casus_backtest::validate::{tied, validate_joiners};
use casus_core::{Day, World};
use std::sync::OnceLock;

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let w = casus_data::load_world(&casus_data::DataSource::Bundled).expect("bundled data");
        casus_app::with_library(w).expect("library")
    })
}

#[test]
fn a_tie_is_a_shared_treaty_in_force_with_an_originator() {
    let w = world();
    let t = w.default_treaties();
    let d = Day::parse("1968-08-20").unwrap();
    // Poland and the Soviet Union: the Warsaw Pact (and ATOP's bilateral pacts).
    assert!(tied(&t, d, 290, &[365]));
    // Brazil shares no treaty with the Soviet Union in 1968.
    assert!(!tied(&t, d, 140, &[365]));
    // A state is not tied to itself.
    assert!(!tied(&t, d, 365, &[365]));
    // Albania left the Warsaw Pact on 12 September 1968.
    let later = Day::parse("1968-09-13").unwrap();
    assert!(!t
        .iter()
        .any(|x| x.id == "warsaw-pact-1955" && x.is_party_on(339, later)));
}

#[test]
fn no_reading_beats_the_treaty_tie_bound() {
    let v = validate_joiners(world(), 5);
    assert!(!v.scores.is_empty());
    for s in &v.scores {
        assert!(s.untied <= s.actual, "{s:?}");
        if let (Some(r), Some(b)) = (s.recall, s.recall_bound) {
            assert!(r <= b + 1e-12, "recall {r} above its bound {b}: {s:?}");
        }
    }
    // Most joiners of the record's wars had no treaty tie to either side's originators.
    let wars = v
        .scores
        .iter()
        .find(|s| s.disputes_of == "hostility 5" && s.era == "all")
        .expect("wars, all eras");
    assert!(wars.untied * 2 > wars.actual, "{wars:?}");
}
