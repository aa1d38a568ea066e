//! `casus report`: one attack as a self-contained HTML page.
//! Tests: crates/cli/tests/report.rs.

use crate::scenario::ScenarioArgs;
use anyhow::{bail, Context, Result};
use casus_data::DataSource;
use casus_server::map::Map;
use casus_server::report::{backtest_summary, render, Report};
use std::io::Write;
use std::path::{Path, PathBuf};
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
    if a.output.exists() && !a.force {
        bail!(
            "{} exists; give --force to overwrite it",
            a.output.display()
        );
    }
    let req = a.scenario.request(&[])?;
    let view = casus_server::routes::scenario::invoke_view(&world, &req, false)?;
    let map = Map::load(src)
        .or_else(|_| Map::load(&DataSource::Bundled))
        .context("building the world map")?;
    let backtest = if a.no_backtest {
        None
    } else {
        backtest_summary(&world, &req, &view)
    };
    let html = render(&Report {
        view: &view,
        map: &map,
        backtest: backtest.as_ref(),
    });
    write_atomically(&a.output, html.as_bytes(), a.force)?;
    writeln!(
        out,
        "wrote {} ({} KiB)",
        a.output.display(),
        html.len().div_ceil(1024)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to a temporary file beside `path`, then moves it into place: with `force`
/// by rename (replacing), without by hard link, which fails if `path` appeared meanwhile.
fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .context("the output needs a file name")?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .with_context(|| format!("creating {}", tmp.display()))?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if force {
            std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
        } else {
            std::fs::hard_link(&tmp, path).with_context(|| {
                format!(
                    "writing {} (does it exist? give --force to overwrite)",
                    path.display()
                )
            })?;
        }
        Ok(())
    })();
    let _ = std::fs::remove_file(&tmp);
    result
}
