//! `casus similarity`: alliance-portfolio similarity within ATOP alliances, per year
//! (docs/similarity.md); its flags are shared with `casus dyads --with sscore` (research.rs).
//! Tests: crates/cli/tests/dyads.rs (`similarity_*`).

use crate::output::{write_json, Format, Table};
use crate::progress::Bar;
use crate::research::{load_record, SimilarityArgs};
use anyhow::{bail, Result};
use casus_data::{DataSource, Parts};
use casus_dyad::{write, AllianceSimilarityRow, MemberFile, PortfolioSource};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const SIMILARITY_HELP: &str =
    "Similarity of the member states' alliance portfolios within ATOP alliances: per
alliance and year, the mean and the minimum of S, Scott's pi and Cohen's kappa over its
member dyads.

Members come from the ATOP member-level spells (a member counts in every year from its
entry year to its exit year) and must be COW system members that year. Portfolios run
over all system members (see docs/similarity.md).

Examples:

  casus similarity --alliance 3180                 # NATO, every year
  casus similarity --alliance 3180 3375 --weights cinc --distance squared
  casus similarity --all-alliances --members atop4 -o alliances.csv";

#[derive(clap::Args, Debug)]
#[command(after_help = SIMILARITY_HELP)]
pub struct Args {
    /// ATOP alliance ids (atopid).
    #[arg(long, num_args = 1.., value_name = "ATOPID", required_unless_present = "all_alliances", conflicts_with = "all_alliances")]
    alliance: Vec<i32>,
    /// Every alliance in the member file.
    #[arg(long)]
    all_alliances: bool,
    /// ATOP member-level file: 5.1 or 4.01.
    #[arg(long, value_enum, default_value_t = MembersArg::Atop5)]
    members: MembersArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Write CSV to this file instead of stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// peacesciencer's "current year" for the state system (default: last year).
    #[arg(long, value_name = "YEAR")]
    current_year: Option<i16>,
    /// No progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// Replace the -o file if it exists (by default an existing file is kept).
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    similarity: SimilarityArgs,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum MembersArg {
    Atop5,
    Atop4,
}

const HEADERS: [&str; 8] = [
    "atopid",
    "year",
    "mean_s",
    "min_s",
    "mean_pi",
    "min_pi",
    "mean_kappa",
    "min_kappa",
];

pub fn run(a: Args, src: &DataSource, out: &mut dyn Write) -> Result<ExitCode> {
    let opts = a.similarity.options(false)?;
    if a.output.is_some() && a.format != Format::Csv {
        bail!("-o writes CSV; drop --format or use --format csv");
    }
    if let Some(path) = &a.output {
        crate::files::check_new(path, a.force)?;
    }
    let bar = Bar::new(a.quiet);
    bar.step("loading data");
    let (members, member_part) = match a.members {
        MembersArg::Atop5 => (MemberFile::Atop5, Parts::ATOP5),
        MembersArg::Atop4 => (MemberFile::Atop4, Parts::ATOP4),
    };
    let portfolio = match opts.portfolio {
        PortfolioSource::Atop => Parts::ATOP_DYADS,
        PortfolioSource::Cow => Parts::COW_ALLIANCES,
    };
    let rec = load_record(
        src,
        Parts::STATES
            .with(Parts::NMC)
            .with(portfolio)
            .with(member_part),
    )?;
    let ids = (!a.all_alliances).then_some(a.alliance.as_slice());
    let current_year = a
        .current_year
        .unwrap_or_else(casus_dyad::CreateOptions::current_year_today);
    let res = casus_dyad::alliance_similarity(
        &rec,
        ids,
        members,
        opts.weights[0],
        &opts,
        current_year,
        &bar,
    )?;
    bar.finish();
    let rows: Vec<AllianceSimilarityRow> = res.iter().map(AllianceSimilarityRow::from).collect();
    if a.format == Format::Json {
        write_json(out, &rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let num = |v: Option<f64>| {
        let mut s = String::new();
        if let Some(v) = v {
            write::push_f64(&mut s, v);
        }
        s
    };
    let mut t = Table::new(&HEADERS);
    for r in &rows {
        t.push(vec![
            r.atopid.to_string(),
            r.year.to_string(),
            num(r.mean_s),
            num(r.min_s),
            num(r.mean_pi),
            num(r.min_pi),
            num(r.mean_kappa),
            num(r.min_kappa),
        ]);
    }
    match &a.output {
        Some(path) => crate::files::write_with(path, a.force, |f| {
            let mut w = std::io::BufWriter::new(f);
            t.write(&mut w, Format::Csv)
                .map_err(std::io::Error::other)?;
            w.flush()
        })?,
        None => t.write(out, a.format)?,
    }
    Ok(ExitCode::SUCCESS)
}
