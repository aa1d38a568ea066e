//! `casus dyads`: dyad-year tables with peacesciencer parity (docs/dyads.md).
//! Tests: crates/cli/tests/dyads.rs; parity: crates/dyad/tests/parity.rs.

use super::similarity::SimilarityArgs;
use anyhow::{bail, Context, Result};
use casus_data::{DataSource, Parts};
use casus_dyad::{
    write, ContiguityRule, CreateOptions, Fingerprint, Frame, GmlInit, Options, Step,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

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
    #[arg(long, overrides_with = "undirected")]
    directed: bool,
    /// Non-directed dyads: only ccode1 < ccode2.
    #[arg(long, overrides_with = "directed")]
    undirected: bool,
    /// Years, FIRST-LAST or one year [default: 1816 to the current year, as peacesciencer].
    #[arg(long, value_name = "FIRST-LAST", value_parser = parse_years)]
    years: Option<(i16, i16)>,
    /// Variables to add, comma-separated, in this order:
    /// atop, nmc, contiguity, majors, gml-mids, capdist, sscore.
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
    #[command(flatten)]
    similarity: SimilarityArgs,
}

/// Options shared by `dyads` and `stateyears`.
#[derive(clap::Args, Debug)]
pub(super) struct CommonArgs {
    /// peacesciencer's "current year" (the run date's year minus one): states alive at the
    /// end of the state list (2016) and major powers are carried forward to it.
    #[arg(long, value_name = "YEAR")]
    current_year: Option<i16>,
    /// Fix: where a 0 ("no contiguity") record overlaps real contiguity, the real contiguity
    /// wins (peacesciencer lets the 0 record win; docs/dyads.md).
    #[arg(long)]
    fix_contiguity_overlap: bool,
    /// Who counts as a dispute initiator in init1/init2 (peacesciencer's `init`).
    #[arg(long, value_enum, default_value_t = InitArg::SideaAllJoiners)]
    gml_init: InitArg,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub(super) quiet: bool,
}

impl CommonArgs {
    pub(super) fn current_year(&self) -> i16 {
        self.current_year.unwrap_or_else(default_current_year)
    }

    pub(super) fn options(&self) -> Options {
        Options {
            contiguity: if self.fix_contiguity_overlap {
                ContiguityRule::PreferContiguous
            } else {
                ContiguityRule::Peacesciencer
            },
            gml_init: match self.gml_init {
                InitArg::SideaAllJoiners => GmlInit::SideaAllJoiners,
                InitArg::SideaWithJoiners => GmlInit::SideaWithJoiners,
                InitArg::SideaOrig => GmlInit::SideaOrig,
            },
            ..Options::default()
        }
    }
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum System {
    /// Correlates of War state system membership, v2016.
    Cow,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
#[allow(clippy::enum_variant_names)] // peacesciencer's names
pub(super) enum InitArg {
    /// Side A, or any joiner whatever its side (peacesciencer's default).
    SideaAllJoiners,
    /// Side A, originators and joiners.
    SideaWithJoiners,
    /// Side A originators only.
    SideaOrig,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum FileFormat {
    Csv,
    Parquet,
}

/// Parses `1816-2016`, `1816–2016` or `1990`.
pub(super) fn parse_years(s: &str) -> Result<(i16, i16), String> {
    let t = s.trim().replace('–', "-");
    let bad =
        || format!("`{s}` is not a year range; write FIRST-LAST (e.g. 1816-2016) or one year");
    let year = |p: &str| p.trim().parse::<i16>().map_err(|_| bad());
    let (a, b) = match t.split_once('-') {
        Some((a, b)) => (year(a)?, year(b)?),
        None => (year(&t)?, year(&t)?),
    };
    if a > b {
        return Err(format!("`{s}`: the first year is after the last"));
    }
    Ok((a, b))
}

/// The year before today's, as peacesciencer's "current year".
pub(super) fn default_current_year() -> i16 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    (casus_core::Day((secs / 86_400) as i32).year() - 1) as i16
}

/// A progress bar on stderr that appears only when the work takes longer than a second,
/// and never when stderr is not a terminal or with --quiet.
pub(super) struct Bar {
    pb: ProgressBar,
}

impl Bar {
    pub(super) fn new(quiet: bool) -> Bar {
        let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        pb.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        if !quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            let show = pb.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_secs(1));
                if !show.is_finished() {
                    show.set_draw_target(ProgressDrawTarget::stderr());
                    show.enable_steady_tick(Duration::from_millis(120));
                }
            });
        }
        Bar { pb }
    }

    pub(super) fn step(&self, msg: impl Into<std::borrow::Cow<'static, str>>) {
        self.pb.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        self.pb.set_message(msg);
    }

    pub(super) fn finish(&self) {
        self.pb.finish_and_clear();
    }
}

impl casus_dyad::Progress for Bar {
    fn begin(&self, label: &str, total: u64) {
        self.pb.set_style(
            ProgressStyle::with_template(
                "{msg} [{bar:30}] {pos}/{len} years ({elapsed}, {eta} left)",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        self.pb.set_length(total);
        self.pb.set_position(0);
        self.pb.set_message(label.to_string());
    }
    fn advance(&self, n: u64) {
        self.pb.inc(n);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.pb.finish_and_clear();
    }
}

/// Loads the datasets in `parts` (only the record: no treaty library) from the chosen source.
pub(super) fn load_record(src: &DataSource, parts: Parts) -> Result<casus_core::Record> {
    casus_data::load_record_parts(src, parts).with_context(|| format!("loading {}", src.describe()))
}

/// The datasets the steps read (the state system and the false dyads always).
pub(super) fn parts_for(steps: &[Step], opts: &Options) -> Parts {
    let portfolio = match opts.similarity.portfolio {
        casus_dyad::PortfolioSource::Atop => Parts::ATOP_DYADS,
        casus_dyad::PortfolioSource::Cow => Parts::COW_ALLIANCES,
    };
    steps
        .iter()
        .fold(Parts::STATES.with(Parts::FALSE_DYADS), |p, s| {
            p.with(match s {
                Step::Atop => Parts::ATOP_DYADS,
                Step::Nmc => Parts::NMC,
                Step::Contiguity => Parts::CONTIGUITY,
                Step::Majors => Parts::MAJORS,
                Step::GmlMids => Parts::MID_DYADS,
                Step::Capdist => Parts::CAPITALS,
                Step::Sscore => portfolio.with(Parts::NMC),
            })
        })
}

/// Parses `--with` and checks the steps fit the unit, before any data is loaded.
pub(super) fn parse_steps(with: &str, unit: casus_dyad::Unit) -> Result<Vec<Step>> {
    let steps = Step::parse_list(with)?;
    for s in &steps {
        if !s.applies_to(unit) {
            let valid: Vec<&str> = Step::ALL
                .iter()
                .filter(|x| x.applies_to(unit))
                .map(|x| x.name())
                .collect();
            bail!(
                "`{}` cannot be added to {} data; choose from: {}",
                s.name(),
                unit.name(),
                valid.join(", ")
            );
        }
    }
    Ok(steps)
}

/// Where and how the table goes, checked before any work.
pub(super) enum Target {
    Stdout,
    File(PathBuf, write::Format),
    Fingerprint,
}

pub(super) fn target(
    output: Option<&Path>,
    format: Option<FileFormat>,
    fingerprint: bool,
) -> Result<Target> {
    if fingerprint {
        return Ok(Target::Fingerprint);
    }
    let fmt = format.map(|f| match f {
        FileFormat::Csv => write::Format::Csv,
        FileFormat::Parquet => write::Format::Parquet,
    });
    match output {
        None if fmt == Some(write::Format::Parquet) => {
            bail!("Parquet output needs a file: add -o FILE.parquet")
        }
        None => Ok(Target::Stdout),
        Some(p) => {
            if p.is_dir() {
                bail!("`{}` is a directory; give a file name", p.display());
            }
            let f = match fmt.or_else(|| write::Format::from_path(p)) {
                Some(f) => f,
                None => bail!("cannot tell the format of `{}` from its extension; name it .csv or .parquet, or add --format", p.display()),
            };
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            if !dir.is_dir() {
                bail!(
                    "cannot write `{}`: the directory `{}` does not exist",
                    p.display(),
                    dir.display()
                );
            }
            Ok(Target::File(p.to_path_buf(), f))
        }
    }
}

/// Writes the frame (or its fingerprint) and reports on stderr unless quiet.
pub(super) fn emit(
    frame: &Frame,
    target: &Target,
    out: &mut dyn Write,
    bar: &Bar,
    quiet: bool,
    started: Instant,
) -> Result<()> {
    match target {
        Target::Stdout => {
            bar.step("writing CSV");
            write::write_csv(frame, out)?;
        }
        Target::Fingerprint => out.write_all(Fingerprint::of(frame).to_csv().as_bytes())?,
        Target::File(path, fmt) => {
            bar.step(format!("writing {}", path.display()));
            write::write_file(frame, path, *fmt)?;
            bar.finish();
            if !quiet {
                eprintln!(
                    "wrote {} rows × {} columns to {} in {:.2} s",
                    frame.len(),
                    frame.columns().len(),
                    path.display(),
                    started.elapsed().as_secs_f64()
                );
            }
        }
    }
    Ok(())
}

pub fn run(a: Args, src: &DataSource, out: &mut dyn Write) -> Result<ExitCode> {
    let started = Instant::now();
    let System::Cow = a.system;
    let directed = !a.undirected;
    let steps = parse_steps(&a.with, casus_dyad::Unit::DyadYear { directed })?;
    let target = target(a.output.as_deref(), a.format, a.fingerprint)?;
    let mut opts = a.common.options();
    opts.similarity = a.similarity.options(true)?;
    let bar = Bar::new(a.common.quiet);
    bar.step("loading data");
    let rec = load_record(src, parts_for(&steps, &opts))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_parse() {
        assert_eq!(parse_years("1816-2016"), Ok((1816, 2016)));
        assert_eq!(parse_years("1816–2016"), Ok((1816, 2016)));
        assert_eq!(parse_years("1990"), Ok((1990, 1990)));
        assert!(parse_years("2016-1816").is_err());
        assert!(parse_years("then").is_err());
    }
}
