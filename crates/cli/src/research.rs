//! What the research-table commands (`dyads`, `stateyears`, `similarity`) share: the
//! options of every table, the similarity flags, loading only the datasets a table needs,
//! and where the table goes (stdout, a file written with the one atomic writer, or its
//! fingerprint).

use crate::progress::Bar;
use anyhow::{bail, Context, Result};
use casus_data::{DataSource, Parts};
use casus_dyad::write;
use casus_dyad::{
    ContiguityRule, Distance, Fingerprint, Frame, GmlInit, Options, PortfolioSource,
    SimilarityOptions, TieCoding, TieDirection, Weighting,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Options shared by `dyads` and `stateyears`.
#[derive(clap::Args, Debug)]
pub(crate) struct CommonArgs {
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
    pub(crate) quiet: bool,
}

/// Where `dyads` and `stateyears` put their table.
#[derive(clap::Args, Debug)]
pub(crate) struct TableOutput {
    /// Output file; .csv or .parquet picks the format. Without it, CSV goes to stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format when the file name does not say.
    #[arg(long, value_enum)]
    format: Option<FileFormat>,
    /// Print the table's fingerprint (per year: rows, column sums and NA counts) instead of the table.
    #[arg(long, conflicts_with_all = ["output", "format"])]
    fingerprint: bool,
    /// Replace the -o file if it exists (by default an existing file is kept).
    #[arg(long)]
    force: bool,
}

impl TableOutput {
    /// Where and how the table goes, checked before any work.
    pub(crate) fn target(&self) -> Result<Target> {
        target(
            self.output.as_deref(),
            self.format,
            self.fingerprint,
            self.force,
        )
    }
}

impl CommonArgs {
    pub(crate) fn current_year(&self) -> i16 {
        self.current_year
            .unwrap_or_else(casus_dyad::CreateOptions::current_year_today)
    }

    pub(crate) fn options(&self) -> Options {
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
#[allow(clippy::enum_variant_names)] // peacesciencer's names
pub(crate) enum InitArg {
    /// Side A, or any joiner whatever its side (peacesciencer's default).
    SideaAllJoiners,
    /// Side A, originators and joiners.
    SideaWithJoiners,
    /// Side A originators only.
    SideaOrig,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FileFormat {
    Csv,
    Parquet,
}

/// Parses `1816-2016`, `1816–2016` or `1990`.
pub(crate) fn parse_years(s: &str) -> Result<(i16, i16), String> {
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

/// Loads the datasets in `parts` (only the record: no treaty library) from the chosen source.
pub(crate) fn load_record(src: &DataSource, parts: Parts) -> Result<casus_core::Record> {
    casus_data::load_record_parts(src, parts).with_context(|| format!("loading {}", src.describe()))
}

/// Where and how the table goes, checked before any work.
pub(crate) enum Target {
    Stdout,
    File(PathBuf, write::Format, write::Overwrite),
    Fingerprint,
}

/// The usual file extension of a format.
fn ext(f: write::Format) -> &'static str {
    match f {
        write::Format::Csv => "csv",
        write::Format::Parquet => "parquet",
    }
}

fn target(
    output: Option<&Path>,
    format: Option<FileFormat>,
    fingerprint: bool,
    force: bool,
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
            let f = match (fmt, write::Format::from_path(p)) {
                (Some(given), Some(named)) if given != named => bail!(
                    "--format {} does not match the extension of `{}`; name the file .{} or drop --format",
                    ext(given),
                    p.display(),
                    ext(given)
                ),
                (Some(f), _) | (None, Some(f)) => f,
                (None, None) => bail!("cannot tell the format of `{}` from its extension; name it .csv or .parquet, or add --format", p.display()),
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
            crate::files::check_new(p, force)?;
            Ok(Target::File(
                p.to_path_buf(),
                f,
                crate::files::overwrite(force),
            ))
        }
    }
}

/// Writes the frame (or its fingerprint) and reports on stderr unless quiet.
pub(crate) fn emit(
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
        Target::File(path, fmt, overwrite) => {
            bar.step(format!("writing {}", path.display()));
            write::write_file(frame, path, *fmt, *overwrite)?;
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

/// How portfolios are built and compared (for `dyads --with sscore` and `similarity`).
#[derive(clap::Args, Debug)]
#[command(next_help_heading = "Similarity (--with sscore)")]
pub(crate) struct SimilarityArgs {
    /// Alliance data of the portfolios.
    #[arg(long, value_enum, default_value_t = PortfolioArg::Atop)]
    portfolio: PortfolioArg,
    /// ATOP tie direction: state i's entry for k is what k pledged to i (received), what i
    /// pledged to k (sent), or either.
    #[arg(long, value_enum, default_value_t = DirectionArg::Undirected)]
    direction: DirectionArg,
    /// Tie coding: sr (defence/offence 3, neutrality/non-aggression 2, consultation/entente 1),
    /// atop-fp (defence/offence 3, else neutrality 2, else non-aggression 1, else consultation 2),
    /// binary (any tie 1).
    #[arg(long, value_enum, default_value_t = TiesArg::Sr)]
    ties: TiesArg,
    /// Weighting of S: none (column s_un), cinc (column s_wt), or both, comma-separated
    /// [default: none,cinc for dyads; none for similarity].
    #[arg(long, value_enum, value_delimiter = ',', value_name = "none|cinc")]
    weights: Vec<WeightArg>,
    /// Distance of S (pi and kappa always use squared distance).
    #[arg(long, value_enum, default_value_t = DistanceArg::Absolute)]
    distance: DistanceArg,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum PortfolioArg {
    /// ATOP 5.1 directed dyad-years, 1815–2018.
    Atop,
    /// COW formal alliances 4.1, 1816–2012.
    Cow,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum DirectionArg {
    Received,
    Sent,
    Undirected,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum TiesArg {
    Sr,
    AtopFp,
    Binary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum WeightArg {
    None,
    Cinc,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum DistanceArg {
    Absolute,
    Squared,
}

impl SimilarityArgs {
    /// The options; `several_weights` allows both S weightings (dyads) or only one.
    pub(crate) fn options(&self, several_weights: bool) -> Result<SimilarityOptions> {
        let mut weights: Vec<Weighting> = Vec::new();
        for w in &self.weights {
            let w = match w {
                WeightArg::None => Weighting::None,
                WeightArg::Cinc => Weighting::Cinc,
            };
            if !weights.contains(&w) {
                weights.push(w);
            }
        }
        if weights.is_empty() {
            weights = if several_weights {
                vec![Weighting::None, Weighting::Cinc]
            } else {
                vec![Weighting::None]
            };
        }
        if !several_weights && weights.len() > 1 {
            bail!("give one --weights value (none or cinc) for alliance similarity");
        }
        weights.sort_by_key(|w| *w == Weighting::Cinc);
        Ok(SimilarityOptions {
            portfolio: match self.portfolio {
                PortfolioArg::Atop => PortfolioSource::Atop,
                PortfolioArg::Cow => PortfolioSource::Cow,
            },
            direction: match self.direction {
                DirectionArg::Received => TieDirection::Received,
                DirectionArg::Sent => TieDirection::Sent,
                DirectionArg::Undirected => TieDirection::Undirected,
            },
            ties: match self.ties {
                TiesArg::Sr => TieCoding::Sr,
                TiesArg::AtopFp => TieCoding::AtopFp,
                TiesArg::Binary => TieCoding::Binary,
            },
            weights,
            distance: match self.distance {
                DistanceArg::Absolute => Distance::Absolute,
                DistanceArg::Squared => Distance::Squared,
            },
        })
    }
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
