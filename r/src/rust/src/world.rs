//! The loaded data, kept for the R session (loading is most of a cold call), and the
//! scenario and reliability calls over it.

use crate::{args, json};
use casus_core::{Record, World};
use casus_data::{DataSource, Parts};
use casus_dyad::{Options, Step};
use extendr_api::Robj;
use std::sync::OnceLock;

/// The record for dyad-year and state-year tables: every dataset any step reads with the
/// default options, loaded on first use.
pub fn record() -> Result<&'static Record, String> {
    static REC: OnceLock<Result<Record, String>> = OnceLock::new();
    REC.get_or_init(|| {
        let parts = Step::parts_for(&Step::ALL, &Options::default());
        casus_data::load_record_parts(&DataSource::Bundled, parts)
            .map_err(|e| format!("loading the bundled data: {e}"))
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// The world of `invoke`, `compare` and `reliability` (the CLI's `reliability` parts,
/// which include those of `invoke` and `compare`) with the built-in library.
fn world() -> Result<&'static World, String> {
    static WORLD: OnceLock<Result<World, String>> = OnceLock::new();
    WORLD
        .get_or_init(|| {
            let w = casus_data::load_world_parts(
                &DataSource::Bundled,
                Parts::HISTORY.with(Parts::MID_DYADS),
            )
            .map_err(|e| format!("loading the bundled data: {e}"))?;
            casus_app::with_library(w).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The request of the R arguments (`scenario`: target, date, place, incident, response).
fn request(
    attackers: Vec<String>,
    scenario: &[String],
    specs: &[String],
    only_specs: bool,
) -> Result<casus_app::Request, String> {
    Ok(casus_app::Request {
        attackers,
        target: args::opt(scenario, 0),
        date: args::opt(scenario, 1),
        place: args::opt(scenario, 2),
        incident: args::opt(scenario, 3),
        response: args::opt(scenario, 4),
        specs: specs
            .iter()
            .map(|s| args::spec_input(s))
            .collect::<Result<_, _>>()?,
        only_specs,
    })
}

/// `casus invoke --format json`.
pub fn invoke(
    attackers: Vec<String>,
    scenario: &[String],
    specs: &[String],
    only_specs: bool,
    all: bool,
) -> Result<Robj, String> {
    let req = request(attackers, scenario, specs, only_specs)?;
    let view = casus_app::invoke_view(world()?, &req, all).map_err(|e| e.to_string())?;
    json::to_list(&view)
}

/// `casus compare --format json`.
pub fn compare(
    attackers: Vec<String>,
    scenario: &[String],
    specs: &[String],
    only_specs: bool,
) -> Result<Robj, String> {
    let req = request(attackers, scenario, specs, only_specs)?;
    let c = casus_app::compare(world()?, &req).map_err(|e| e.to_string())?;
    json::to_list(&c)
}

/// `casus reliability --format json`.
pub fn reliability(
    mids: bool,
    window: &[String],
    min_hostility: i32,
    joiners: bool,
    during_war: bool,
    treaties: &[String],
) -> Result<Robj, String> {
    let min_hostility = u8::try_from(min_hostility)
        .ok()
        .filter(|h| (2..=5).contains(h))
        .ok_or_else(|| {
            format!("`min_hostility` is {min_hostility}; give 2 to 5 (4 use of force, 5 war)")
        })?;
    let (from, to) = (args::opt(window, 0), args::opt(window, 1));
    let ask = casus_app::reliability::Ask {
        mids,
        bounds: casus_app::window::Bounds {
            from: from.as_deref(),
            to: to.as_deref(),
            from_name: "`from`",
            to_name: "`to`",
        },
        min_hostility,
        joiners,
        during_war,
        treaties,
    };
    let w = world()?;
    let c = casus_app::reliability::cases(w, &ask).map_err(|e| e.to_string())?;
    let r = casus_backtest::reliability(w, &c.treaties, &c.incidents, &|_| {});
    json::to_list(&casus_backtest::view::ReliabilityView::new(
        w,
        &c.treaties,
        &c.incidents,
        &r,
        &c.query,
        true,
    ))
}
