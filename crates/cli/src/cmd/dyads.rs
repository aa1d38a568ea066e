//! `casus dyads`: dyad-year tables with peacesciencer parity (docs/dyads.md).
//! Tests: crates/cli/tests/dyads.rs; parity: crates/dyad/tests/parity.rs.

use crate::progress::Bar;
use crate::research::{emit, load_record, parse_years, CommonArgs, SimilarityArgs, TableOutput};
use anyhow::Result;
use casus_data::DataSource;
use casus_dyad::CreateOptions;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

const DYADS_HELP: &str =
    "Builds a dyad-year table, like peacesciencer's create_dyadyears() and add_* functions,
and writes it as CSV or Parquet.

Rows are sorted by ccode1, ccode2, year. Columns follow the order of --with, as
peacesciencer's columns follow the order of the add_* calls. Missing values are empty
CSV fields (nulls in Parquet). Rules, columns and deviations: docs/dyads.md.

Examples:

  # peacesciencer's P1 pipeline (1,912,290 rows × 50 columns)
  casus dyads --years 1816-2016 --with atop,nmc,contiguity,majors,gml-mids,capdist -o p1.parquet

  # non-directed dyads of the Cold War with alliances and S-scores, as CSV on stdout
  casus dyads --undirected --years 1946-1989 --with atop,sscore > cold-war.csv

  # compare with a peacesciencer fingerprint (per year: rows, column sums, NA counts)
  casus dyads --years 1816-2016 --with atop,nmc,contiguity,majors,gml-mids,capdist --fingerprint";

#[derive(clap::Args, Debug)]
#[command(after_help = DYADS_HELP)]
pub struct Args {
    /// State system: COW (the only one bundled).
    #[arg(long, value_enum, default_value_t = System::Cow)]
    system: System,
    /// Directed dyads: both (a, b) and (b, a) (the default).
    #[arg(long, conflicts_with = "undirected")]
    directed: bool,
    /// Non-directed dyads: only ccode1 < ccode2.
    #[arg(long, conflicts_with = "directed")]
    undirected: bool,
    /// Years, FIRST-LAST or one year [default: 1816 to the current year, as peacesciencer].
    #[arg(long, value_name = "FIRST-LAST", value_parser = parse_years)]
    years: Option<(i16, i16)>,
    /// Variables to add, comma-separated, in this order:
    /// atop, nmc, contiguity, majors, gml-mids, capdist, sscore.
    #[arg(long = "with", value_name = "LIST", default_value = "")]
    with: String,
    #[command(flatten)]
    output: TableOutput,
    #[command(flatten)]
    common: CommonArgs,
    #[command(flatten)]
    similarity: SimilarityArgs,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum System {
    /// Correlates of War state system membership, v2016.
    Cow,
}

pub fn run(a: Args, src: &DataSource, out: &mut dyn Write) -> Result<ExitCode> {
    let started = Instant::now();
    let System::Cow = a.system;
    let directed = !a.undirected;
    let steps = casus_dyad::Step::parse_list_for(&a.with, casus_dyad::Unit::DyadYear { directed })?;
    let target = a.output.target()?;
    let mut opts = a.common.options();
    opts.similarity = a.similarity.options(true)?;
    let bar = Bar::new(a.common.quiet);
    bar.step("loading data");
    let rec = load_record(src, casus_dyad::Step::parts_for(&steps, &opts))?;
    bar.step("building dyad-years");
    let create = CreateOptions {
        directed,
        years: a.years,
        current_year: a.common.current_year(),
    };
    let mut frame = casus_dyad::create_dyad_years(&rec, &create)?;
    bar.step(format!(
        "adding {}",
        steps
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    frame.add_all_with_progress(&steps, &rec, &opts, &bar)?;
    emit(&frame, &target, out, &bar, a.common.quiet, started)?;
    Ok(ExitCode::SUCCESS)
}
