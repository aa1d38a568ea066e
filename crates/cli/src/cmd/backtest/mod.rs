//! `casus backtest`: run treaties and guarantee designs against the historical record.
//! Tests: crates/cli/tests/backtest.rs. Rules: docs/backtest.md.

mod tables;

use crate::output::{write_json, write_table, Format};
use crate::window::{resolve_treaties, select};
use anyhow::{bail, Result};
use casus_app::backtest::{Chosen, Plan, Run};
use casus_backtest::incidents::Sources;
use casus_core::treaty::Kind;
use casus_core::{Day, World};
use std::io::Write;
use std::process::ExitCode;
use tables::{details, exposure_table, header, incidents_table, treaties_table, years_table};

/// Runs treaties or guarantee specs against every militarized interstate dispute (GML MIDs,
/// 1816–2010), optionally COW wars, and the library's recent incidents (2014, 2018, 2022):
/// which incidents would have triggered each, whom they would have obliged, and each
/// guarantor's exposure (incidents, disputes, years).
///
/// Examples:
///   casus backtest 3180 --from 1949 --min-hostility 4
///   casus backtest nato --plot nato.svg
///   casus backtest ukraine-a ukraine-b ukraine-c ukraine-d --as-if-since 1994-12-05
///   casus backtest --all --format csv --table treaties > all.csv
///
/// Exit status: 0 when some treaty is triggered (or undetermined) by some incident, 1 when
/// none is, 2 on an error.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Treaties to backtest: library ids (nato, ukraine-b), ATOP ids (3180, atop:3180) or
    /// spec files.
    #[arg(value_name = "SPEC|ATOPID")]
    pub specs: Vec<String>,
    /// Every ATOP alliance and every built-in spec (besides any named).
    #[arg(long)]
    pub all: bool,
    /// First year (or day, YYYY-MM-DD) of the window [default: 1816, or the --as-if-since day].
    #[arg(long, value_name = "YEAR|DATE")]
    pub from: Option<String>,
    /// Last year (or day) of the window [default: the last incident's year].
    #[arg(long, value_name = "YEAR|DATE")]
    pub to: Option<String>,
    /// Lowest MID hostility level of the attack: 2 threat, 3 display, 4 use of force, 5 war.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(2..=5))]
    pub min_hostility: u8,
    /// Count only obligations of these kinds, comma-separated: defence, offence,
    /// neutrality, non-aggression, consultation [default: every kind].
    #[arg(long, value_delimiter = ',', value_name = "KINDS", value_parser = kind_arg())]
    pub kind: Vec<Kind>,
    /// Incident sources, comma-separated: mids, wars, library. Wars are off by default:
    /// GML already codes every war as a hostility-5 dispute.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "mids,library",
        value_name = "SOURCES"
    )]
    pub source: Vec<SourceArg>,
    /// Evaluate the treaties as if in force since this day, to the end of the record (a 2025
    /// proposal applied to 1994–2022). The window starts there unless --from says otherwise.
    #[arg(long, value_name = "DATE")]
    pub as_if_since: Option<String>,
    /// What to list: treaties (a summary row each), incidents (one row per obligation),
    /// exposure (one row per obliged state), years [default: a summary for several
    /// treaties, the details for one; CSV: incidents].
    #[arg(long, value_enum)]
    pub table: Option<View>,
    /// Rows to show per table in the table format (0: all).
    #[arg(long, default_value_t = 25)]
    pub limit: usize,
    /// With --all and --format json, also list every incident (large).
    #[arg(long)]
    pub details: bool,
    /// Write a per-year bar chart (SVG) of triggered and undetermined incidents to FILE.
    #[arg(long, value_name = "FILE")]
    pub plot: Option<std::path::PathBuf>,
    /// Replace the --plot file if it exists (by default an existing file is kept).
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SourceArg {
    Mids,
    Wars,
    Library,
}

/// `--kind`: the keywords of [`Kind`] (its one table in casus-core).
fn kind_arg() -> impl clap::builder::TypedValueParser<Value = Kind> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Kind::KEYWORDS)
        .try_map(|s| Kind::parse(&s).ok_or("not a kind of obligation"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    Treaties,
    Incidents,
    Exposure,
    Years,
}

fn sources(v: &[SourceArg]) -> Sources {
    Sources {
        mids: v.contains(&SourceArg::Mids),
        wars: v.contains(&SourceArg::Wars),
        library: v.contains(&SourceArg::Library),
    }
}

pub fn run(a: Args, mut world: World, out: &mut dyn Write) -> Result<ExitCode> {
    let src = sources(&a.source);
    if a.source.is_empty() || !(src.mids || src.wars || src.library) {
        bail!("--source needs at least one of mids, wars, library");
    }
    if let Some(path) = &a.plot {
        check_plot_path(path)?;
        crate::files::check_new(path, a.force)?;
    }
    let ids = resolve_treaties(&mut world, &a.specs, a.all)?;
    let since = a
        .as_if_since
        .as_deref()
        .map(|s| casus_app::day::parse(s).map_err(|e| anyhow::anyhow!("--as-if-since: {e}")))
        .transpose()?;
    let default_from = since.unwrap_or(Day::first_of_year(1816));
    let (window, incidents) = select(
        &world,
        src,
        a.from.as_deref(),
        a.to.as_deref(),
        default_from,
        a.min_hostility,
    )?;
    let plan = Plan {
        ids,
        from: Some(window.from),
        to: Some(window.to),
        min_hostility: a.min_hostility,
        kinds: a.kind.clone(),
        sources: src,
        as_if_since: since,
    };
    let pb = crate::progress::incidents(incidents.len(), "backtest");
    let run = plan.run(&world, Chosen { window, incidents }, &|n| pb.inc(n));
    pb.finish_and_clear();
    if let Some(path) = &a.plot {
        let svg = casus_render::plot::backtest_svg(&run);
        crate::files::write_bytes(path, a.force, svg.as_bytes())?;
        eprintln!("wrote {}", path.display());
    }
    print(&a, &world, &run, out)?;
    Ok(if run.any() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Prints the run as JSON, CSV or tables, as `--format` and `--table` ask.
fn print(a: &Args, world: &World, run: &Run, out: &mut dyn Write) -> Result<()> {
    let treaties = run.treaty_refs();
    let (chosen, bt) = (&run.incidents, &run.backtest);
    match a.format {
        Format::Json => write_json(out, &run.view(world, !a.all || a.details))?,
        Format::Csv => {
            let t = match a.table.unwrap_or(View::Incidents) {
                View::Treaties => treaties_table(world, &treaties, bt, 0),
                View::Incidents => incidents_table(world, &treaties, chosen, bt),
                View::Exposure => exposure_table(world, &treaties, bt, 0),
                View::Years => years_table(&treaties, bt),
            };
            write_table(&t, out, Format::Csv)?;
        }
        Format::Table => {
            header(out, bt, &run.query)?;
            let limit = a.limit;
            let table = match a.table {
                Some(View::Treaties) => treaties_table(world, &treaties, bt, limit),
                Some(View::Incidents) => {
                    crate::output::limited(incidents_table(world, &treaties, chosen, bt), limit)
                }
                Some(View::Exposure) => exposure_table(world, &treaties, bt, limit),
                Some(View::Years) => years_table(&treaties, bt),
                None if treaties.len() > 1 => {
                    treaties_table(world, &treaties, bt, limit).write(out, Format::Table)?;
                    writeln!(out, "(one row per treaty; --table incidents|exposure|years for more, --format csv|json for everything)")?;
                    return Ok(());
                }
                None => return details(out, world, treaties[0], chosen, bt, limit),
            };
            table.write(out, Format::Table)?;
        }
    }
    Ok(())
}

/// `--plot` draws SVG only; said before any work.
fn check_plot_path(path: &std::path::Path) -> Result<()> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => Ok(()),
        Some("png") => bail!(
            "--plot {}: PNG is not supported; give a .svg file (convert it with any SVG tool)",
            path.display()
        ),
        _ => bail!("--plot {}: give a file name ending in .svg", path.display()),
    }
}
