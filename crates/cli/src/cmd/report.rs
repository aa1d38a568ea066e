//! `casus report`: one attack as a self-contained HTML page.
//! Tests: crates/cli/tests/report.rs.

use crate::scenario::ScenarioArgs;
use anyhow::{Context, Result};
use casus_data::DataSource;
use casus_render::map::Map;
use casus_render::report::{render, Report};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Writes one static HTML file for an attack: the world map of obliged states, the
/// alliance network, the capability balance, the response round by round, the trace of
/// every obligation and a backtest summary of the named guarantees. Inline SVG and CSS, no
/// script and no external resource: it opens offline and can be attached to an email.
///
/// The file is written atomically (a temporary file, then a rename) and an existing file is
/// kept unless --force is given.
///
/// Examples:
///   casus report --spec ukraine-b --attacker RUS --target UKR --date 2025-09-01 -o report.html
///   casus report --incident ukraine-2022 --spec ukraine-c -o crimea.html --no-backtest
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// The HTML file to write.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub forecast: crate::forecast::ForecastArgs,
    /// Leave out the backtest summary (it runs every dispute since 1816 and takes a moment).
    #[arg(long)]
    pub no_backtest: bool,
}

pub fn run(
    a: Args,
    world: casus_core::World,
    src: &DataSource,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    crate::files::check_new(&a.output, a.force)?;
    let req = a.scenario.request(&[])?;
    let view = casus_app::invoke_view(&world, &req, false)?;
    let map = Map::load(src)
        .or_else(|_| Map::load(&DataSource::Bundled))
        .context("building the world map")?;
    let backtest = if a.no_backtest {
        None
    } else {
        casus_app::backtest::summary_for(&world, &req)
    };
    let forecast = a.forecast.run(&world, &req)?;
    let html = render(&Report {
        view: &view,
        map: &map,
        backtest: backtest.as_ref(),
        forecast: forecast.as_ref(),
    });
    crate::files::write_bytes(&a.output, a.force, html.as_bytes())?;
    writeln!(
        out,
        "wrote {} ({} KiB)",
        a.output.display(),
        html.len().div_ceil(1024)
    )?;
    Ok(ExitCode::SUCCESS)
}
