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
