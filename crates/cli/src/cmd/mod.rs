//! One module per subcommand; this file holds the flag tree and the dispatch.

mod backtest;
mod compare;
mod data;
mod dyads;
mod incidents;
mod invoke;
mod reliability;
mod report;
mod reproduce;
mod serve;
mod similarity;
pub(crate) mod spec;
mod states;
mod stateyears;
mod treaty;
mod validate;

use anyhow::{Context, Result};
use casus_data::{DataSource, Parts};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// casus: security guarantees as code, run against the historical record.
///
/// Write a guarantee down as a spec, invoke it for an attack, backtest it against two
/// centuries of disputes and wars, and build peace-science dyad-year data.
#[derive(Parser, Debug)]
#[command(name = "casus", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Read the datasets from this directory (laid out like shared/data) instead of the
    /// copy bundled in the binary.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The bundled datasets: what they hold and how to cite them.
    #[command(subcommand)]
    Data(data::DataCommand),
    /// Run treaties and guarantee designs against the historical record of disputes and wars.
    Backtest(backtest::Args),
    /// Guarantee variants side by side for one attack.
    Compare(compare::Args),
    /// The incident library: recent attacks after the datasets end, and classic cases.
    Incidents(incidents::Args),
    /// Which clauses an attack triggers, who must respond, why, and the response.
    Invoke(invoke::Args),
    /// Dyad-year research tables (peacesciencer parity): alliances, capabilities, disputes, distances.
    Dyads(dyads::Args),
    /// Alliance reliability: did allies come when a member was attacked?
    Reliability(reliability::Args),
    /// One attack as a self-contained HTML page (map, network, balance, trace, backtest).
    Report(report::Args),
    /// The browser app and its JSON API on http://127.0.0.1:8080.
    Serve(serve::Args),
    /// Alliance-portfolio similarity within ATOP alliances (mean and minimum S, pi, kappa).
    Similarity(similarity::Args),
    /// Spec files: check them against the format (docs/spec.md).
    #[command(subcommand)]
    Spec(spec::SpecCommand),
    /// System members on a date or in a year.
    States(states::Args),
    /// State-year research tables (peacesciencer parity): capabilities, major powers.
    Stateyears(stateyears::Args),
    /// ATOP and built-in treaties: list and show.
    #[command(subcommand)]
    Treaty(treaty::TreatyCommand),
    /// Check the engine against the record: who the response predicts vs who joined.
    #[command(subcommand)]
    Validate(validate::ValidateCommand),
}

impl Cli {
    fn source(&self) -> DataSource {
        self.data_dir
            .clone()
            .map_or(DataSource::Bundled, DataSource::Dir)
    }
}

/// Loads the datasets a command reads and adds the built-in library (treaty specs, groups,
/// incidents).
pub fn load_world(src: &DataSource, parts: Parts) -> Result<casus_core::World> {
    let world = casus_data::load_world_parts(src, parts)
        .with_context(|| format!("loading {}", src.describe()))?;
    Ok(casus_app::with_library(world)?)
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let src = cli.source();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Data(c) => data::run(c, &src, &mut out)?,
        Command::Backtest(a) => backtest::run(a, load_world(&src, Parts::HISTORY)?, &mut out)?,
        Command::Compare(a) => {
            let parts = if a.forecast.forecast {
                crate::forecast::PARTS
            } else {
                Parts::ENGINE
            };
            compare::run(a, load_world(&src, parts)?, &mut out)?
        }
        Command::Incidents(a) => incidents::run(a, &load_world(&src, Parts::STATES)?, &mut out)?,
        Command::Invoke(a) => {
            let parts = if a.forecast.forecast {
                crate::forecast::PARTS
            } else {
                Parts::ENGINE
            };
            invoke::run(a, load_world(&src, parts)?, &mut out)?
        }
        Command::Dyads(a) => dyads::run(a, &src, &mut out)?,
        Command::Reliability(a) => {
            let parts = if a.model {
                crate::forecast::PARTS.with(Parts::MID_DYADS)
            } else {
                Parts::HISTORY.with(Parts::MID_DYADS)
            };
            reliability::run(a, load_world(&src, parts)?, &mut out)?
        }
        Command::Report(a) => {
            let parts = if a.forecast.forecast {
                crate::forecast::PARTS
            } else {
                Parts::HISTORY
            };
            report::run(a, load_world(&src, parts)?, &src, &mut out)?
        }
        Command::Serve(a) => serve::run(a, load_world(&src, crate::forecast::PARTS)?, &src)?,
        Command::Similarity(a) => similarity::run(a, &src, &mut out)?,
        Command::Spec(c) => spec::run(c, &src, &mut out)?,
        Command::States(a) => states::run(a, &load_world(&src, Parts::STATES)?, &mut out)?,
        Command::Stateyears(a) => stateyears::run(a, &src, &mut out)?,
        Command::Treaty(c) => treaty::run(c, &load_world(&src, Parts::ATOP5)?, &mut out)?,
        Command::Validate(c) => validate::run(c, &load_world(&src, Parts::HISTORY)?, &mut out)?,
    };
    std::io::Write::flush(&mut out)?;
    Ok(code)
}
