//! `casus stateyears`: state-year tables with peacesciencer parity (docs/dyads.md).
//! Tests: crates/cli/tests/dyads.rs (`stateyears_*`).

use crate::progress::Bar;
use crate::research::{emit, load_record, parse_years, CommonArgs, TableOutput};
use anyhow::Result;
use casus_data::DataSource;
use casus_dyad::{CreateOptions, Unit};
use std::io::Write;
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
    #[command(flatten)]
    output: TableOutput,
    #[command(flatten)]
    common: CommonArgs,
}

pub fn run(a: Args, src: &DataSource, out: &mut dyn Write) -> Result<ExitCode> {
    let started = Instant::now();
    let steps = casus_dyad::Step::parse_list_for(&a.with, Unit::StateYear)?;
    let target = a.output.target()?;
    let opts = a.common.options();
    let bar = Bar::new(a.common.quiet);
    bar.step("loading data");
    let rec = load_record(src, casus_dyad::Step::parts_for(&steps, &opts))?;
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
