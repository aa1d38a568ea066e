//! casus-app: what the CLI and the web server both do with a request, so that both give
//! the same numbers: resolve a scenario (incident + guarantees, including spec text the
//! user supplied), invoke it, compare variants, backtest treaties, find and summarise
//! treaties, list the states of a day, and check spec text. The front ends parse input, call
//! this crate and render; neither builds these things itself.
//!
//! No I/O: spec files arrive as text.

pub mod backtest;
mod compare;
pub mod day;
pub mod forecast;
mod invoke;
pub mod reliability;
mod scenario;
pub mod spec_check;
pub mod states;
pub mod treaty;
pub mod window;

pub use compare::{compare, Comparison, Variant};
pub use invoke::{attacker_names, invoke_view};
pub use scenario::{add_spec_text, Request, Scenario, SpecInput};

/// Why a request could not be served. Messages are written for the user.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// Bad input: a name, date, place or id the user gave.
    #[error("{0}")]
    Input(String),
    /// A spec with errors (each with file, line, column).
    #[error("{0}")]
    Spec(casus_spec::SpecErrors),
}

/// A result whose error is an [`AppError`] by default.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

pub(crate) fn input(msg: impl Into<String>) -> AppError {
    AppError::Input(msg.into())
}

/// Adds the built-in library (treaty specs, groups, incidents) to a world loaded from data.
pub fn with_library(mut world: casus_core::World) -> Result<casus_core::World> {
    let lib = casus_spec::library(&world.states).map_err(AppError::Spec)?;
    // ATOP records carry no names; those the library encodes borrow the library's name.
    for t in &lib.treaties {
        if let Some(id) = t.atopid {
            if let Some(a) = world
                .treaties
                .iter_mut()
                .find(|a| a.id == treaty::atop_id(id))
            {
                a.name = format!(
                    "{} (ATOP {id}; encoded in the library as `{}`)",
                    t.name, t.id
                );
            }
        }
    }
    world.add_groups(lib.groups);
    world.add_treaties(lib.treaties);
    world.incidents = lib.incidents;
    Ok(world)
}
