//! `casus stateyears`: state-year tables with peacesciencer parity (docs/dyads.md).
//! Tests: crates/cli/tests/dyads.rs (`stateyears_*`).

use super::dyads::{
    emit, load_record, parse_steps, parse_years, parts_for, target, Bar, CommonArgs, FileFormat,
};
use anyhow::Result;
use casus_data::DataSource;
use casus_dyad::{CreateOptions, Unit};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const STATEYEARS_HELP: &str =
    "Builds a state-year table, like peacesciencer's create_stateyears() and add_nmc() /
add_cow_majors(), and writes it as CSV or Parquet.

Columns: ccode, cw_name, year, then the variables of --with in that order. Rows are
sorted by ccode, year. Rules: docs/dyads.md.

Examples:

  # peacesciencer's P3 pipeline (15,951 rows × 11 columns)
  casus stateyears --years 1816-2016 --with nmc,majors -o states.parquet

  casus stateyears --years 1990 --with nmc";

#[derive(clap::Args, Debug)]
#[command(after_help = STATEYEARS_HELP)]
pub struct Args {
    /// Years, FIRST-LAST or one year [default: 1816 to the current year, as peacesciencer].
    #[arg(long, value_name = "FIRST-LAST", value_parser = parse_years)]
    years: Option<(i16, i16)>,
    /// Variables to add, comma-separated, in this order: nmc, majors.
    #[arg(long = "with", value_name = "LIST", default_value = "")]
    with: String,
    /// Output file; .csv or .parquet picks the format. Without it, CSV goes to stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format when the file name does not say.
    #[arg(long, value_enum)]
    format: Option<FileFormat>,
    /// Print the table's fingerprint (per year: rows, column sums and NA counts) instead of the table.
    #[arg(long, conflicts_with_all = ["output", "format"])]
    fingerprint: bool,
    #[command(flatten)]
    common: CommonArgs,
}

pub fn run(a: Args, src: &DataSource, out: &mut dyn Write) -> Result<ExitCode> {
    let started = Instant::now();
    let steps = parse_steps(&a.with, Unit::StateYear)?;
    let target = target(a.output.as_deref(), a.format, a.fingerprint)?;
    let opts = a.common.options();
    let bar = Bar::new(a.common.quiet);
    bar.step("loading data");
    let rec = load_record(src, parts_for(&steps, &opts))?;
    let create = CreateOptions {
        directed: true,
        years: a.years,
        current_year: a.common.current_year(),
    };
    let mut frame = casus_dyad::create_state_years(&rec, &create)?;
    frame.add_all_with_progress(&steps, &rec, &opts, &bar)?;
    emit(&frame, &target, out, &bar, a.common.quiet, started)?;
    Ok(ExitCode::SUCCESS)
}
