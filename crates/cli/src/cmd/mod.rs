//! One module per subcommand; this file holds the flag tree and the dispatch.

mod compare;
mod data;
mod invoke;
mod spec;
mod states;
mod treaty;

use anyhow::{Context, Result};
use casus_data::DataSource;
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
    /// Guarantee variants side by side for one attack.
    Compare(compare::Args),
    /// Which clauses an attack triggers, who must respond, why, and the response.
    Invoke(invoke::Args),
    /// Spec files: check them against the format (docs/spec.md).
    #[command(subcommand)]
    Spec(spec::SpecCommand),
    /// System members on a date or in a year.
    States(states::Args),
    /// ATOP and built-in treaties: list and show.
    #[command(subcommand)]
    Treaty(treaty::TreatyCommand),
}

impl Cli {
    fn source(&self) -> DataSource {
        self.data_dir.clone().map_or(DataSource::Bundled, DataSource::Dir)
    }
}

/// Loads the world from the chosen source and adds the built-in library (treaty specs,
/// groups, incidents).
pub fn load_world(src: &DataSource) -> Result<casus_core::World> {
    let world = casus_data::load_world(src).with_context(|| format!("loading {}", src.describe()))?;
    Ok(casus_app::with_library(world)?)
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let src = cli.source();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Data(c) => data::run(c, &src, &mut out)?,
        Command::Compare(a) => compare::run(a, load_world(&src)?, &mut out)?,
        Command::Invoke(a) => invoke::run(a, load_world(&src)?, &mut out)?,
        Command::Spec(c) => spec::run(c, &src, &mut out)?,
        Command::States(a) => states::run(a, &load_world(&src)?, &mut out)?,
        Command::Treaty(c) => treaty::run(c, &load_world(&src)?, &mut out)?,
    };
    std::io::Write::flush(&mut out)?;
    Ok(code)
}
