//! casus-core: the domain model and engine of casus.
//!
//! Pure functions over an in-memory [`World`]: no I/O, no printing. Loading lives in
//! `casus-data`, spec parsing in `casus-spec`, presentation in the `casus` binary.

pub mod atop;
pub mod compare;
pub mod day;
pub mod engine;
pub mod incident;
pub mod keyword;
pub mod record;
pub mod response;
pub mod states;
pub mod treaty;
pub mod view;
pub mod world;

#[cfg(test)]
mod testing;

pub use day::{Day, Span};
pub use record::{Ccode, Record};
pub use states::{ResolveError, State, StateSystem};
pub use world::World;
