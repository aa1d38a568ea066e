//! `casus backtest`: run treaties and guarantee designs against the historical record.
//! Tests: crates/cli/tests/backtest.rs. Rules: docs/backtest.md.

use crate::output::{write_json, Format, Table};
use crate::scenario::spec_input;
use anyhow::{bail, Context, Result};
use casus_app::SpecInput;
use casus_backtest::incidents::{self, Source, Sources};
use casus_backtest::plot::{self, Series};
use casus_backtest::view::{dispute_label, BacktestView, Query};
use casus_backtest::{Backtest, RecordIncident, Selection, Window};
use casus_core::engine::Status;
use casus_core::treaty::{Kind, Treaty};
use casus_core::{Day, World};
use std::io::Write;
use std::process::ExitCode;

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

/// A year (`1946`) or a day (`1946-03-05`); a year means its first or last day.
pub fn parse_bound(s: &str, flag: &str, last: bool) -> Result<Day> {
    let t = s.trim();
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = t.parse()?;
        if !(1000..=2999).contains(&y) {
            bail!("{flag} {t}: the year must lie between 1000 and 2999");
        }
        return Ok(if last {
            Day::last_of_year(y)
        } else {
            Day::first_of_year(y)
        });
    }
    Day::parse(t).with_context(|| format!("{flag} `{t}`: give a year (1946) or a day (1946-03-05)"))
}

/// The treaties named on the command line (adding spec files to the world), then with
/// `all` every treaty of the world. Returns treaty ids.
pub fn resolve_treaties(world: &mut World, specs: &[String], all: bool) -> Result<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    for s in specs {
        let id = match spec_input(s)? {
            SpecInput::Text { file, text } => casus_app::add_spec_text(world, &file, &text)?,
            SpecInput::Id(id) => super::treaty::find(world, &id)?.id.clone(),
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if all {
        for t in &world.treaties {
            if !ids.contains(&t.id) {
                ids.push(t.id.clone());
            }
        }
    }
    if ids.is_empty() {
        bail!("name a treaty to backtest (a library id such as nato, an ATOP id such as 3180, or a spec file), or use --all");
    }
    Ok(ids)
}

fn sources(v: &[SourceArg]) -> Sources {
    Sources {
        mids: v.contains(&SourceArg::Mids),
        wars: v.contains(&SourceArg::Wars),
        library: v.contains(&SourceArg::Library),
    }
}

fn source_list(s: Sources) -> Vec<Source> {
    [
        (s.mids, Source::Mid),
        (s.wars, Source::War),
        (s.library, Source::Library),
    ]
    .into_iter()
    .filter(|x| x.0)
    .map(|x| x.1)
    .collect()
}

/// The incidents of the window (an error when it is empty or holds none).
pub fn select(
    world: &World,
    src: Sources,
    from: Option<&str>,
    to: Option<&str>,
    default_from: Day,
    min_hostility: u8,
) -> Result<(Window, Vec<RecordIncident>)> {
    let all = incidents::build(world, src);
    let from_day = from
        .map(|s| parse_bound(s, "--from", false))
        .transpose()?
        .unwrap_or(default_from);
    let last = all
        .iter()
        .map(|i| i.latest)
        .max()
        .unwrap_or(default_from)
        .year();
    let to_day = to
        .map(|s| parse_bound(s, "--to", true))
        .transpose()?
        .unwrap_or(Day::last_of_year(last.max(from_day.year())));
    if to_day < from_day {
        bail!(
            "empty window: --from {} is after --to {}; give a --from on or before --to",
            from.map_or(from_day.to_string(), str::to_string),
            to.map_or(to_day.to_string(), str::to_string)
        );
    }
    let window = Window::new(from_day, to_day)?;
    let chosen = Selection {
        window,
        min_hostility,
    }
    .apply(&all);
    if chosen.is_empty() {
        let names: Vec<&str> = source_list(src).iter().map(|s| s.as_str()).collect();
        bail!(
            "no incidents from {from_day} to {to_day} at hostility {min_hostility} or more (sources: {}); the MIDs cover 1816–2010, the wars 1816–2007 and the library adds recent incidents (2014, 2018, 2022)",
            if names.is_empty() { "none".to_string() } else { names.join(", ") }
        );
    }
    Ok((window, chosen))
}

/// Writes a table; a closed pipe inside the CSV writer comes back as the `io::Error` it is
/// (csv::Error hides its cause from `main`'s broken-pipe check).
pub fn write_table(t: &Table, out: &mut dyn Write, f: Format) -> Result<()> {
    t.write(out, f).map_err(
        |e| match e.downcast_ref::<csv::Error>().map(csv::Error::kind) {
            Some(csv::ErrorKind::Io(io)) => std::io::Error::new(io.kind(), io.to_string()).into(),
            _ => e,
        },
    )
}

/// A progress bar on stderr (drawn only on a terminal).
pub fn progress(len: usize, what: &str) -> indicatif::ProgressBar {
    let pb = indicatif::ProgressBar::new(len as u64);
    pb.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:30}] {pos}/{len} incidents ({elapsed})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    pb.set_message(what.to_string());
    pb
}

pub fn run(a: Args, mut world: World, out: &mut dyn Write) -> Result<ExitCode> {
    let src = sources(&a.source);
    if a.source.is_empty()
        || src
            == (Sources {
                mids: false,
                wars: false,
                library: false,
            })
    {
        bail!("--source needs at least one of mids, wars, library");
    }
    let ids = resolve_treaties(&mut world, &a.specs, a.all)?;
    let since = a
        .as_if_since
        .as_deref()
        .map(|s| {
            Day::parse(s).with_context(|| format!("--as-if-since `{s}`: give a day, YYYY-MM-DD"))
        })
        .transpose()?;
    let default_from = since.unwrap_or(Day::first_of_year(1816));
    let (window, chosen) = select(
        &world,
        src,
        a.from.as_deref(),
        a.to.as_deref(),
        default_from,
        a.min_hostility,
    )?;
    let shifted: Vec<Treaty> = match since {
        Some(d) => ids
            .iter()
            .filter_map(|id| world.treaty(id))
            .map(|t| casus_backtest::as_if_since(t, d))
            .collect(),
        None => Vec::new(),
    };
    let treaties: Vec<&Treaty> = if since.is_some() {
        shifted.iter().collect()
    } else {
        ids.iter().filter_map(|id| world.treaty(id)).collect()
    };
    let pb = progress(chosen.len(), "backtest");
    let kinds: Vec<Kind> = a.kind.clone();
    let bt = casus_backtest::backtest(&world, &treaties, &chosen, window, &kinds, &|n| pb.inc(n));
    pb.finish_and_clear();
    let q = Query {
        as_if_since: since,
        min_hostility: a.min_hostility,
        sources: source_list(src),
    };
    if let Some(path) = &a.plot {
        write_plot(path, &treaties, &chosen, &bt, &q)?;
    }
    let any = bt
        .treaties
        .iter()
        .any(|t| t.counts.triggered + t.counts.undetermined > 0);
    let several = treaties.len() > 1;
    match a.format {
        Format::Json => {
            let details = !a.all || a.details;
            write_json(
                out,
                &BacktestView::new(&world, &treaties, &chosen, &bt, &q, details),
            )?;
        }
        Format::Csv => {
            let t = match a.table.unwrap_or(View::Incidents) {
                View::Treaties => treaties_table(&world, &treaties, &bt, 0),
                View::Incidents => incidents_table(&world, &treaties, &chosen, &bt),
                View::Exposure => exposure_table(&world, &treaties, &bt, 0),
                View::Years => years_table(&treaties, &bt),
            };
            write_table(&t, out, Format::Csv)?;
        }
        Format::Table => {
            header(out, &bt, &q)?;
            match a.table {
                Some(View::Treaties) => {
                    treaties_table(&world, &treaties, &bt, a.limit).write(out, Format::Table)?
                }
                Some(View::Incidents) => {
                    limited(incidents_table(&world, &treaties, &chosen, &bt), a.limit)
                        .write(out, Format::Table)?
                }
                Some(View::Exposure) => {
                    exposure_table(&world, &treaties, &bt, a.limit).write(out, Format::Table)?
                }
                Some(View::Years) => years_table(&treaties, &bt).write(out, Format::Table)?,
                None if several => {
                    treaties_table(&world, &treaties, &bt, a.limit).write(out, Format::Table)?;
                    writeln!(out, "(one row per treaty; --table incidents|exposure|years for more, --format csv|json for everything)")?;
                }
                None => details(out, &world, treaties[0], &chosen, &bt, a.limit)?,
            }
        }
    }
    Ok(if any {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn header(out: &mut dyn Write, bt: &Backtest, q: &Query) -> Result<()> {
    let src: Vec<&str> = q.sources.iter().map(|s| s.as_str()).collect();
    writeln!(
        out,
        "Backtest {} to {}: {} incidents (sources: {}; hostility ≥ {}){}",
        bt.window.from,
        bt.window.to,
        bt.incidents,
        src.join(", "),
        q.min_hostility,
        q.as_if_since
            .map(|d| format!("; as if in force since {d}"))
            .unwrap_or_default()
    )?;
    Ok(())
}

fn limited(mut t: Table, limit: usize) -> Table {
    if limit > 0 && t.rows.len() > limit {
        let n = t.rows.len();
        t.rows.truncate(limit);
        let mut more = vec![String::new(); t.headers.len()];
        more[0] = format!("… {} more rows (--limit 0 for all)", n - limit);
        t.rows.push(more);
    }
    t
}

fn abbs(w: &World, v: &[casus_core::Ccode], max: usize) -> String {
    let mut s: Vec<String> = v.iter().take(max).map(|c| w.states.abb(*c)).collect();
    if v.len() > max {
        s.push(format!("… ({})", v.len()));
    }
    s.join(" ")
}

/// The obligors with `status`, by kind: `defence: USA UKG; consultation: USA UKG FRN`.
fn obligors(w: &World, h: &casus_backtest::Hit, status: Status) -> String {
    let mut parts = Vec::new();
    for k in Kind::ALL {
        let mut v: Vec<casus_core::Ccode> = h
            .obligations
            .iter()
            .filter(|o| o.status == status && o.kind == k)
            .map(|o| o.obligor)
            .collect();
        v.sort_unstable();
        v.dedup();
        if !v.is_empty() {
            parts.push(format!("{}: {}", k.as_str(), abbs(w, &v, 8)));
        }
    }
    parts.join("; ")
}

/// Treaties with the most calls to fight first, then the most triggering incidents.
fn order(bt: &Backtest) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..bt.treaties.len()).collect();
    idx.sort_by(|&a, &b| {
        let (x, y) = (&bt.treaties[a], &bt.treaties[b]);
        (
            std::cmp::Reverse(x.counts.military),
            std::cmp::Reverse(x.counts.triggered),
            std::cmp::Reverse(x.counts.undetermined),
            a,
        )
            .cmp(&(
                std::cmp::Reverse(y.counts.military),
                std::cmp::Reverse(y.counts.triggered),
                std::cmp::Reverse(y.counts.undetermined),
                b,
            ))
    });
    idx
}

/// The states ever party to a treaty (in full for CSV).
fn parties(w: &World, t: &Treaty, full: bool) -> String {
    let mut v: Vec<casus_core::Ccode> = t.parties.iter().map(|p| p.ccode).collect();
    v.sort_unstable();
    v.dedup();
    let max = if full { usize::MAX } else { 6 };
    let mut s: Vec<String> = v.iter().take(max).map(|c| w.states.abb(*c)).collect();
    if v.len() > max {
        s.push(format!("… ({})", v.len()));
    }
    s.join(" ")
}

fn treaties_table(w: &World, treaties: &[&Treaty], bt: &Backtest, limit: usize) -> Table {
    let mut t = Table::new(&[
        "treaty",
        "name",
        "parties",
        "triggered",
        "undetermined",
        "to fight",
        "to fight (undetermined)",
        "breached",
        "disputes (triggered)",
        "disputes (undetermined)",
        "years (triggered)",
        "obliged states",
    ]);
    for i in order(bt) {
        let r = &bt.treaties[i];
        let c = r.counts;
        t.push(vec![
            r.id.clone(),
            treaties[r.treaty].name.clone(),
            parties(w, treaties[r.treaty], limit == 0),
            c.triggered.to_string(),
            c.undetermined.to_string(),
            c.military.to_string(),
            c.military_undetermined.to_string(),
            c.breached.to_string(),
            c.disputes_triggered.to_string(),
            c.disputes_undetermined.to_string(),
            c.years_triggered.to_string(),
            c.obligors_triggered.to_string(),
        ]);
    }
    limited(t, limit)
}

fn incidents_table(
    w: &World,
    treaties: &[&Treaty],
    inc: &[RecordIncident],
    bt: &Backtest,
) -> Table {
    let mut t = Table::new(&[
        "treaty",
        "dispute",
        "entry",
        "date",
        "latest",
        "attackers",
        "target",
        "hostility",
        "incident status",
        "obligor",
        "kind",
        "strength",
        "article",
        "status",
        "date uncertain",
    ]);
    for r in &bt.treaties {
        for h in &r.hits {
            let ri = &inc[h.incident];
            let attackers: Vec<String> = ri
                .incident
                .attackers
                .iter()
                .map(|a| match a {
                    casus_core::incident::Actor::State(c) => w.states.abb(*c),
                    casus_core::incident::Actor::NonState(n) => format!("non-state:{n}"),
                })
                .collect();
            for o in &h.obligations {
                t.push(vec![
                    treaties[r.treaty].id.clone(),
                    ri.label(),
                    ri.entry.as_str().into(),
                    ri.incident.date.to_string(),
                    ri.latest.to_string(),
                    attackers.join(" "),
                    w.states.abb(ri.incident.target),
                    ri.hostility.to_string(),
                    h.status.as_str().into(),
                    w.states.abb(o.obligor),
                    o.kind.as_str().into(),
                    o.strength.as_str().into(),
                    o.article.clone(),
                    o.status.as_str().into(),
                    o.date_uncertain.to_string(),
                ]);
            }
        }
    }
    t
}

fn exposure_table(w: &World, treaties: &[&Treaty], bt: &Backtest, limit: usize) -> Table {
    let mut t = Table::new(&[
        "treaty",
        "state",
        "triggered incidents",
        "disputes",
        "years",
        "to fight",
        "undetermined incidents",
        "disputes (undetermined)",
        "years (undetermined)",
        "breached",
        "kinds",
        "strongest",
        "drawn into",
    ]);
    let max = if limit == 0 { usize::MAX } else { 6 };
    for i in order(bt) {
        let r = &bt.treaties[i];
        for e in &r.exposure {
            let mut d: Vec<String> = e
                .disputes
                .iter()
                .take(max)
                .map(|d| dispute_label(w, *d))
                .collect();
            if e.disputes.len() > max {
                d.push(format!("… ({})", e.disputes.len()));
            }
            t.push(vec![
                treaties[r.treaty].id.clone(),
                w.states.abb(e.obligor),
                e.triggered.incidents.to_string(),
                e.triggered.disputes.to_string(),
                e.triggered.years.to_string(),
                e.military.incidents.to_string(),
                e.undetermined.incidents.to_string(),
                e.undetermined.disputes.to_string(),
                e.undetermined.years.to_string(),
                e.breached.incidents.to_string(),
                e.kinds
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                e.strongest.map_or(String::new(), |s| s.as_str().into()),
                d.join(if limit == 0 { ";" } else { ", " }),
            ]);
        }
    }
    limited(t, limit)
}

fn years_table(treaties: &[&Treaty], bt: &Backtest) -> Table {
    let mut t = Table::new(&["treaty", "year", "triggered", "undetermined"]);
    for r in &bt.treaties {
        for y in &r.years {
            t.push(vec![
                treaties[r.treaty].id.clone(),
                y.year.to_string(),
                y.triggered.to_string(),
                y.undetermined.to_string(),
            ]);
        }
    }
    t
}

fn details(
    out: &mut dyn Write,
    w: &World,
    tr: &Treaty,
    inc: &[RecordIncident],
    bt: &Backtest,
    limit: usize,
) -> Result<()> {
    let r = &bt.treaties[0];
    let c = r.counts;
    writeln!(out, "\n{} — {}", tr.id, tr.name)?;
    writeln!(
        out,
        "  triggered by {} incidents in {} disputes over {} years, obliging {} states; undetermined in {} more incidents ({} disputes)\n  a call to fight (defence or offence) in {} incidents, undetermined in {} more{}",
        c.triggered,
        c.disputes_triggered,
        c.years_triggered,
        c.obligors_triggered,
        c.undetermined,
        c.disputes_undetermined,
        c.military,
        c.military_undetermined,
        if c.breached > 0 { format!("; {} incidents in which an obligor breaches its own pledge", c.breached) } else { String::new() }
    )?;
    if r.hits.is_empty() {
        writeln!(out, "  no incident in the window triggers it")?;
        return Ok(());
    }
    writeln!(out, "\nIncidents:")?;
    let mut t = Table::new(&[
        "date",
        "dispute",
        "attackers",
        "target",
        "hostility",
        "status",
        "triggered",
        "undetermined",
        "breached by",
    ]);
    for h in &r.hits {
        let ri = &inc[h.incident];
        let attackers: Vec<String> = ri
            .incident
            .attackers
            .iter()
            .map(|a| match a {
                casus_core::incident::Actor::State(c) => w.states.abb(*c),
                casus_core::incident::Actor::NonState(n) => n.clone(),
            })
            .collect();
        t.push(vec![
            ri.date_text(),
            format!(
                "{}{}",
                ri.label(),
                if ri.entry == casus_backtest::Entry::Origin
                    || ri.entry == casus_backtest::Entry::Library
                {
                    String::new()
                } else {
                    format!(" ({})", ri.entry.as_str())
                }
            ),
            attackers.join(" "),
            w.states.abb(ri.incident.target),
            ri.hostility.to_string(),
            h.status.as_str().into(),
            obligors(w, h, Status::Triggered),
            obligors(w, h, Status::Undetermined),
            obligors(w, h, Status::Breached),
        ]);
    }
    limited(t, limit).write(out, Format::Table)?;
    writeln!(out, "\nExposure (incidents, distinct disputes and years in which each state would have been obliged):")?;
    exposure_table(w, &[tr], bt, limit).write(out, Format::Table)?;
    Ok(())
}

fn write_plot(
    path: &std::path::Path,
    treaties: &[&Treaty],
    inc: &[RecordIncident],
    bt: &Backtest,
    q: &Query,
) -> Result<()> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => {}
        Some("png") => bail!(
            "--plot {}: PNG is not supported; give a .svg file (convert it with any SVG tool)",
            path.display()
        ),
        _ => bail!("--plot {}: give a file name ending in .svg", path.display()),
    }
    let series: Vec<Series> = if treaties.len() <= 8 {
        bt.treaties
            .iter()
            .map(|r| Series {
                title: format!(
                    "{} — {} ({} triggered, {} undetermined)",
                    r.id, treaties[r.treaty].name, r.counts.triggered, r.counts.undetermined
                ),
                years: r.years.clone(),
            })
            .collect()
    } else {
        vec![Series {
            title: format!(
                "{} treaties: incidents that trigger at least one",
                treaties.len()
            ),
            years: bt.combined_years(inc),
        }]
    };
    let title = format!(
        "casus backtest, {}–{}{}",
        bt.window.from.year(),
        bt.window.to.year(),
        q.as_if_since
            .map(|d| format!(", as if in force since {d}"))
            .unwrap_or_default()
    );
    std::fs::write(path, plot::svg(&title, &series))
        .with_context(|| format!("writing {}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
