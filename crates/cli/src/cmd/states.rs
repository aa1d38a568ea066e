//! `casus states --date D | --year Y`: members of the COW state system.
//! Tests: crates/cli/tests/cli.rs (`states_*`).

use crate::output::{write_json, Format, Table};
use anyhow::{bail, Result};
use casus_app::states;
use casus_core::{Day, World};
use std::io::Write;
use std::process::ExitCode;

/// Lists system members on a day (`--date 1990-10-03`) or at any time in a year (`--year`).
///
/// After the state list ends (2016-12-31) the system is carried forward unchanged.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A day, YYYY-MM-DD.
    #[arg(long, conflicts_with = "year")]
    date: Option<Day>,
    /// A year: states that were members on any day of it.
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(a: Args, w: &World, out: &mut dyn Write) -> Result<ExitCode> {
    // Each member with the spell that covers the day (or touches the year).
    let (label, rows) = match (a.date, a.year) {
        (Some(d), _) => (d.to_string(), states::on_day(w, d)),
        (None, Some(y)) => (y.to_string(), states::in_year(w, y)?),
        (None, None) => bail!("give --date YYYY-MM-DD or --year YYYY"),
    };
    if a.format == Format::Json {
        write_json(out, &rows)?;
    } else {
        let mut t = Table::new(&["ccode", "abb", "name", "since", "until"]);
        for r in &rows {
            t.push(vec![
                r.ccode.to_string(),
                r.abb.into(),
                r.name.into(),
                r.since.to_string(),
                r.until.to_string(),
            ]);
        }
        t.write(out, a.format)?;
        if a.format == Format::Table {
            writeln!(
                out,
                "{} system members on {label} (COW state system v2016).",
                rows.len()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
