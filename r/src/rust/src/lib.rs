//! casus for R: glue between R values and the workspace crates. Each exported function
//! converts its arguments, calls casus-dyad or casus-app, and converts the answer back;
//! nothing here decides anything the CLI decides differently.
//!
//! Errors come back as a character value of class `casus_error`, which the R wrapper raises
//! with `stop()`: neither a Rust panic nor an R long jump crosses these frames.

use extendr_api::prelude::*;

mod args;
mod frame;
mod json;
mod world;

/// The answer of an exported function, or its error as a `casus_error` value for R.
fn answer(r: Result<Robj, String>) -> Robj {
    match r {
        Ok(v) => v,
        Err(msg) => {
            let mut e = Robj::from(msg);
            match e.set_class(["casus_error"]) {
                Ok(_) => e,
                Err(_) => Robj::from("casus: could not build the error value"),
            }
        }
    }
}

/// Dyad-years (`casus dyads`): `years` is `c(first, last)` or empty for 1816 to the
/// current year; `add` the steps, comma-separated.
#[extendr]
fn rs_dyads(years: &[f64], add: &str, directed: bool) -> Robj {
    answer(frame::dyads(years, add, directed))
}

/// State-years (`casus stateyears`).
#[extendr]
fn rs_stateyears(years: &[f64], add: &str) -> Robj {
    answer(frame::stateyears(years, add))
}

/// `casus invoke --format json`, as a list. `scenario` is the character vector
/// `attackers`, then the scalars target, date, place, incident, response (`""` for absent).
#[extendr]
fn rs_invoke(
    attackers: Vec<String>,
    scenario: Vec<String>,
    specs: Vec<String>,
    only_specs: bool,
    all: bool,
) -> Robj {
    answer(world::invoke(attackers, &scenario, &specs, only_specs, all))
}

/// `casus compare --format json`, as a list (the variants are the specs).
#[extendr]
fn rs_compare(
    attackers: Vec<String>,
    scenario: Vec<String>,
    specs: Vec<String>,
    only_specs: bool,
) -> Robj {
    answer(world::compare(attackers, &scenario, &specs, only_specs))
}

/// `casus reliability --format json`, as a list. `window` is `c(from, to)`, `""` for
/// the data's own ends.
#[extendr]
fn rs_reliability(
    mids: bool,
    window: Vec<String>,
    min_hostility: i32,
    joiners: bool,
    during_war: bool,
    treaties: Vec<String>,
) -> Robj {
    answer(world::reliability(
        mids,
        &window,
        min_hostility,
        joiners,
        during_war,
        &treaties,
    ))
}

extendr_module! {
    mod casus;
    fn rs_dyads;
    fn rs_stateyears;
    fn rs_invoke;
    fn rs_compare;
    fn rs_reliability;
}
