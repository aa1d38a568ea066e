//! casus-backtest: run treaties and guarantee specs against the historical record.
//!
//! Three steps, each a pure function over `casus_core` types (no I/O, no printing):
//!
//! 1. [`incidents`] turns the record into dated [`RecordIncident`]s: GML militarized
//!    interstate disputes (1816–2010), COW inter-state war onsets, and the library's recent
//!    incidents. The rules (who attacks whom, on which day, with how much force) are in
//!    `docs/backtest.md` and on each function.
//! 2. [`backtest`] invokes the engine for every incident against a set of treaties and
//!    aggregates, per treaty: the incidents that trigger it (and those left undetermined),
//!    the states it obliges, each guarantor's exposure (incidents, disputes and years), and
//!    a per-year series (`casus_render::plot` draws it).
//! 3. [`reliability`](mod@reliability) asks, for real ATOP alliances, whether the obliged allies kept each
//!    pledge (defence, offence, neutrality, non-aggression: [`verdict`]) in the same dispute
//!    or war; [`reproduce`] sets its alliance × war frame beside Berkemeier & Fuhrmann (2018).
//!
//! Everything is deterministic: incidents are sorted, work runs in parallel with rayon but
//! results are collected in input order.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let world: casus_core::World = unimplemented!();
//! use casus_backtest::{incidents, Sources, Window, Selection};
//! let all = incidents::build(&world, Sources::default());
//! let sel = Selection { window: Window::years(1946, 2010)?, min_hostility: 4 };
//! let chosen = sel.apply(&all);
//! let nato = world.treaty("atop:3180").unwrap();
//! let bt = casus_backtest::backtest(&world, &[nato], &chosen, sel.window, &[], &|_| {});
//! println!("{} incidents trigger NATO", bt.treaties[0].counts.triggered);
//! # Ok(()) }
//! ```

mod attacker_pacts;
pub mod evaluate;
pub mod gravity;
pub mod incidents;
pub mod reliability;
pub mod reproduce;
mod summary;
pub mod validate;
pub mod verdict;
pub mod view;

pub use evaluate::Found;
pub use incidents::{DisputeRef, Entry, RecordIncident, Source, Sources};
pub use reliability::{reliability, Reliability};
pub use summary::{
    as_if_since, backtest, Backtest, Counts, Exposure, Hit, Tally, TreatyBacktest, YearCount,
};

use casus_core::Day;

/// Why a backtest could not run. Messages are written for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BacktestError {
    /// The window ends before it begins.
    #[error("empty window: --from {from} is after --to {to}")]
    EmptyWindow {
        /// First day or year, as given.
        from: String,
        /// Last day or year, as given.
        to: String,
    },
    /// A year outside what casus can represent.
    #[error("year {0} is out of range (1000–2999)")]
    Year(i32),
}

/// An inclusive range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Window {
    /// First day, included.
    pub from: Day,
    /// Last day, included.
    pub to: Day,
}

impl Window {
    /// A window of days; an error when `to` is before `from`.
    pub fn new(from: Day, to: Day) -> Result<Window, BacktestError> {
        if to < from {
            return Err(BacktestError::EmptyWindow {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        Ok(Window { from, to })
    }

    /// January 1 of `from` to December 31 of `to`.
    pub fn years(from: i32, to: i32) -> Result<Window, BacktestError> {
        for y in [from, to] {
            if !(1000..=2999).contains(&y) {
                return Err(BacktestError::Year(y));
            }
        }
        if to < from {
            return Err(BacktestError::EmptyWindow {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        Ok(Window {
            from: Day::first_of_year(from),
            to: Day::last_of_year(to),
        })
    }

    /// Whether `day` lies in the window, ends included.
    pub fn contains(&self, day: Day) -> bool {
        self.from <= day && day <= self.to
    }
}

/// Which incidents a backtest looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// The days whose incidents count.
    pub window: Window,
    /// Lowest MID hostility level of the attackers' actions: 2 threat, 3 display, 4 use of
    /// force, 5 war.
    pub min_hostility: u8,
}

impl Selection {
    /// The incidents that begin (earliest possible day) inside the window and reach the
    /// hostility level, in the input order.
    pub fn apply(&self, all: &[RecordIncident]) -> Vec<RecordIncident> {
        all.iter()
            .filter(|i| self.window.contains(i.incident.date) && i.hostility >= self.min_hostility)
            .cloned()
            .collect()
    }
}
