//! Alliance reliability against the record: the date rule for year-only war dates.

use casus_backtest::incidents::{self, Sources};
use casus_backtest::reliability::Applies;
use casus_backtest::{reliability, Selection, Window};
use casus_core::treaty::{Origin, Treaty};
use casus_core::{Ccode, World};
use std::sync::OnceLock;

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let w = casus_data::load_world(&casus_data::DataSource::Bundled).expect("bundled data");
        casus_app::with_library(w).expect("library")
    })
}

fn atop(w: &World) -> Vec<&Treaty> {
    w.treaties
        .iter()
        .filter(|t| matches!(t.origin, Origin::Atop { .. }))
        .collect()
}

const UKG: Ccode = 200;
const POL: Ccode = 290;
const WW2: u32 = 139;

/// The Anglo-Polish agreement (ATOP 2440) bound only from 25 August to 27 September 1939,
/// inside the Second World War's year-only 1939: evaluated on 1 January and 31 December
/// alone it was never seen. Evaluated on every day a treaty or membership of the target
/// or attackers changes, the United Kingdom's pledge to Poland is found.
#[test]
fn one_year_treaty_inside_a_year_only_war_is_found() {
    let w = world();
    let all = incidents::build(
        w,
        Sources {
            mids: false,
            wars: true,
            library: false,
        },
    );
    let inc = Selection {
        window: Window::years(1939, 1939).unwrap(),
        min_hostility: 5,
    }
    .apply(&all);
    let ts = atop(w);
    let r = reliability(w, &ts, &inc, &|_| {});
    let case = r
        .cases
        .iter()
        .find(|c| {
            ts[c.treaty].id == "atop:2440"
                && c.beneficiary == POL
                && c.obligor == UKG
                && inc[c.incident].dispute == WW2
        })
        .expect("Anglo-Polish agreement, 1939");
    assert!(matches!(
        case.applies,
        Applies::Triggered | Applies::Undetermined
    ));
    assert!(case.date_uncertain);
}

/// Berkemeier & Fuhrmann (2018) reproduced with casus's own rules: of the article's 139
/// activated alliance × war cases casus finds at least 100, and the verdicts agree on at least 90% of the shared ones. The article's list
/// only joins the frame after the verdicts are made.
#[test]
fn berkemeier_fuhrmann_2018_reproduced() {
    use casus_app::reliability::{reproduce, Study};
    let w = world();
    let r = reproduce(w, Study::Bf2018, false).unwrap();
    assert_eq!(r.article_activated, 139);
    let every = &r.shares[0];
    assert_eq!((every.article.honoured, every.article.cases), (69, 139));
    assert!(r.found >= 100, "found {}", r.found);
    assert_eq!(r.found + r.missed, 139);
    let agreement = r.confusion.agreement.unwrap();
    assert!(agreement >= 0.90, "agreement {agreement}");
    // Every difference carries a reason.
    assert!(r
        .cases
        .iter()
        .all(|c| (c.agree == Some(true)) == c.reason.is_empty()));
    // The strict honoured share on casus's own frame lies within 10 points of the
    // article's 49.6%.
    let strict = every.casus_strict.share.unwrap();
    assert!((strict - 69.0 / 139.0).abs() < 0.10, "strict {strict}");
    // With alliances signed during a war the frame is larger, never smaller.
    let with = reproduce(w, Study::Bf2018, true).unwrap();
    assert!(with.found >= r.found);
    assert_eq!(r, reproduce(w, Study::Bf2018, false).unwrap());
}
