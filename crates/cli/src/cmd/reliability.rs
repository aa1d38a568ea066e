//! `casus reliability`: did allies come when a member was attacked?
//! Tests: crates/cli/tests/backtest.rs (`reliability_*`). Method: docs/backtest.md.

use crate::output::{write_json, write_table, Format, Table};
use anyhow::Result;
use casus_backtest::reliability::{Rate, Row};
use casus_backtest::view::{ReliabilityQuery, ReliabilityView, REFERENCES};
use casus_backtest::{RecordIncident, Reliability};
use casus_core::treaty::Treaty;
use casus_core::World;
use std::io::Write;
use std::process::ExitCode;

/// For every ATOP alliance: when a member was attacked and an ally's obligation was
/// triggered (or undetermined), did the ally keep its pledge? Defence and offence pledges
/// are kept by fighting on the member's side, neutrality and non-aggression pledges by not
/// fighting against it; consultation is reported, not judged. Ally by ally and alliance by
/// war (strict and lenient), by era, by treaty type, by conditional pledge; beside the
/// literature's figures.
///
/// Examples:
///   casus reliability                      # COW wars, 1816–2003
///   casus reliability --wars --to 1944     # the window of Leeds, Long & Mitchell (2000)
///   casus reliability --mids --from 1946 --format csv > cases.csv
///   casus reliability --treaty 3180 --mids --cases
///   casus reliability --reproduce bf2018   # Berkemeier & Fuhrmann (2018), case by case
///   casus reliability --model --plot calibration.svg   # the forecast's model (docs/forecast.md)
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Cases from COW inter-state wars (the default).
    #[arg(long, conflicts_with = "mids")]
    pub wars: bool,
    /// Cases from GML militarized interstate disputes instead.
    #[arg(long)]
    pub mids: bool,
    /// First year (or day) [default: 1816].
    #[arg(long, value_name = "YEAR|DATE")]
    pub from: Option<String>,
    /// Last year (or day) [default: the data's last year].
    #[arg(long, value_name = "YEAR|DATE")]
    pub to: Option<String>,
    /// Lowest MID hostility level of the attack (with --mids): 4 use of force, 5 war.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u8).range(2..=5))]
    pub min_hostility: u8,
    /// Count side-B joiners as attacked too (by default only states attacked on the first
    /// day, or by a state joining the attackers, are).
    #[arg(long)]
    pub joiners: bool,
    /// Only these ATOP alliances (ids such as 3180); repeatable.
    #[arg(long = "treaty", value_name = "ATOPID")]
    pub treaties: Vec<String>,
    /// Compare with a published case list instead: casus's own alliance × war frame over
    /// every COW war (1816–2003), joined with the study's cases (overlap, verdicts, shares by
    /// era, every difference with its reason). Ignores the other selection options.
    #[arg(long, value_enum, value_name = "STUDY")]
    pub reproduce: Option<super::reproduce::StudyArg>,
    /// Count alliances signed while a war lasts for its attacks too (undetermined unless
    /// they bound throughout), as Berkemeier & Fuhrmann (2018) do. Wars only.
    #[arg(long)]
    pub during_war: bool,
    /// List every case in the table output too.
    #[arg(long)]
    pub cases: bool,
    /// Fit the forecast's model of honouring on these cases instead: coefficients with
    /// standard errors, leave-one-war-out Brier score and log loss against two baselines,
    /// calibration (docs/forecast.md).
    #[arg(long, conflicts_with = "reproduce")]
    pub model: bool,
    /// With --model: write the reliability diagram (calibration plot) as SVG to this file.
    #[arg(long, value_name = "FILE.svg", requires = "model")]
    pub plot: Option<std::path::PathBuf>,
    /// Replace an existing --plot file.
    #[arg(long, requires = "plot")]
    pub force: bool,
    /// Rows of the case list in the table output (0: all).
    #[arg(long, default_value_t = 40)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

fn pct(r: Option<f64>) -> String {
    r.map_or("—".into(), |r| format!("{:.0}%", r * 100.0))
}

fn rate_cells(r: &Rate) -> [String; 5] {
    [
        r.cases.to_string(),
        r.honoured.to_string(),
        r.stayed_out.to_string(),
        r.opposed.to_string(),
        pct(r.rate),
    ]
}

pub fn run(a: Args, world: World, out: &mut dyn Write) -> Result<ExitCode> {
    if let Some(study) = a.reproduce {
        super::reproduce::run(study, &world, a.during_war, a.format, out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let ask = casus_app::reliability::Ask {
        mids: a.mids,
        bounds: casus_app::window::Bounds {
            from: a.from.as_deref(),
            to: a.to.as_deref(),
            from_name: "--from",
            to_name: "--to",
        },
        min_hostility: a.min_hostility,
        joiners: a.joiners,
        during_war: a.during_war,
        treaties: &a.treaties,
    };
    if a.model {
        if let Some(p) = &a.plot {
            crate::files::check_new(p, a.force)?;
        }
        let m = casus_app::forecast::model_from(&casus_app::forecast::design_for(&world, &ask)?)?;
        if let Some(p) = &a.plot {
            let svg = casus_forecast::plot::reliability_diagram(
                &m.validation.bins,
                &format!(
                    "Honouring out of sample: {} pledges, {} wars",
                    m.validation.cases, m.validation.wars
                ),
            );
            crate::files::write_bytes(p, a.force, svg.as_bytes())?;
        }
        crate::forecast::print_model(&m, a.format, out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let casus_app::reliability::Cases {
        treaties,
        incidents,
        query: q,
    } = casus_app::reliability::cases(&world, &ask)?;
    let pb = crate::progress::incidents(incidents.len(), "reliability");
    let r = casus_backtest::reliability(&world, &treaties, &incidents, &|n| pb.inc(n));
    pb.finish_and_clear();
    match a.format {
        Format::Json => write_json(
            out,
            &ReliabilityView::new(&world, &treaties, &incidents, &r, &q, true),
        )?,
        Format::Csv => write_table(
            &cases_table(&world, &treaties, &incidents, &r, 0),
            out,
            Format::Csv,
        )?,
        Format::Table => print_table(&a, &world, &treaties, &incidents, &r, &q, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The tables for people: overall rates, breakdowns, reference figures, and the cases.
fn print_table(
    a: &Args,
    world: &World,
    treaties: &[&Treaty],
    incidents: &[RecordIncident],
    r: &Reliability,
    q: &ReliabilityQuery,
    out: &mut dyn Write,
) -> Result<()> {
    writeln!(
        out,
        "Alliance reliability, {} to {}: {} ATOP alliances, {} {} incidents{}{}",
        q.window.from,
        q.window.to,
        treaties.len(),
        incidents.len(),
        if a.mids { "MID" } else { "war" },
        if a.mids {
            format!(" (hostility ≥ {})", q.min_hostility)
        } else {
            String::new()
        },
        if a.joiners {
            ", side-B joiners counted as attacked"
        } else {
            ""
        }
    )?;
    let mut t = Table::new(&[
        "level",
        "unit",
        "applies",
        "cases",
        "honoured",
        "stayed out",
        "opposed",
        "honoured %",
    ]);
    let o = &r.overall;
    for (label, rate) in [
        ("triggered", &o.triggered),
        ("triggered or undetermined", &o.with_undetermined),
    ] {
        let [c, h, s, op, p] = rate_cells(rate);
        t.push(vec![
            "ally by ally".into(),
            "obliged ally".into(),
            label.into(),
            c,
            h,
            s,
            op,
            p,
        ]);
    }
    for (label, ar) in [
        ("triggered", &r.alliances.triggered),
        ("triggered or undetermined", &r.alliances.with_undetermined),
    ] {
        t.push(vec![
            "alliance by alliance".into(),
            "treaty × war (strict: all / lenient: some, none fought another)".into(),
            label.into(),
            ar.cases.to_string(),
            format!("{} all, {} some", ar.all_honoured, ar.some_honoured),
            ar.none_honoured.to_string(),
            ar.fought_each_other.to_string(),
            format!("{} (some), {} (all)", pct(ar.rate_any), pct(ar.rate_all)),
        ]);
    }
    t.write(out, Format::Table)?;
    writeln!(
        out,
        "Not counted: {} obligations not applicable (a condition fails, or ATOP's directed file owes nothing); {} consultation pledges (reported, not judged). Counted as violations: {} allies among their partner's attackers.\n",
        o.not_applicable, o.consultation, o.ally_attacks
    )?;
    let mut b = Table::new(&[
        "by",
        "group",
        "cases (triggered)",
        "honoured %",
        "cases (+ undetermined)",
        "honoured",
        "stayed out",
        "opposed",
        "honoured %",
    ]);
    for br in &r.breakdowns {
        for row in &br.rows {
            b.push(breakdown_row(br.by, row));
        }
    }
    b.write(out, Format::Table)?;
    writeln!(
        out,
        "\nReference figures (see docs/backtest.md for the differences in coding):"
    )?;
    for rf in REFERENCES {
        writeln!(
            out,
            "  {}: {} honoured ({})",
            rf.study, rf.honoured, rf.sample
        )?;
    }
    if a.cases {
        writeln!(out, "\nCases:")?;
        cases_table(world, treaties, incidents, r, a.limit).write(out, Format::Table)?;
    }
    Ok(())
}

fn breakdown_row(by: &str, row: &Row) -> Vec<String> {
    let u = &row.with_undetermined;
    vec![
        by.into(),
        row.label.clone(),
        row.triggered.cases.to_string(),
        pct(row.triggered.rate),
        u.cases.to_string(),
        u.honoured.to_string(),
        u.stayed_out.to_string(),
        u.opposed.to_string(),
        pct(u.rate),
    ]
}

fn cases_table(
    w: &World,
    treaties: &[&Treaty],
    inc: &[casus_backtest::RecordIncident],
    r: &casus_backtest::Reliability,
    limit: usize,
) -> Table {
    let mut t = Table::new(&[
        "treaty",
        "dispute",
        "date",
        "attackers",
        "attacked",
        "ally",
        "pledge",
        "applies",
        "outcome",
        "verdict",
        "era",
        "bilateral",
        "offence",
        "conditional",
        "fellow attacker",
        "ally attacked",
        "date uncertain",
    ]);
    for c in &r.cases {
        let ri = &inc[c.incident];
        t.push(vec![
            treaties[c.treaty].id.clone(),
            ri.label(),
            ri.date_text(),
            ri.incident
                .attacker_states()
                .map(|s| w.states.abb(s))
                .collect::<Vec<_>>()
                .join(" "),
            w.states.abb(c.beneficiary),
            w.states.abb(c.obligor),
            c.kind.as_str().into(),
            c.applies.as_str().into(),
            c.outcome.as_str().into(),
            c.verdict.as_str().into(),
            casus_backtest::reliability::era(ri.incident.date.year()).into(),
            c.bilateral.to_string(),
            c.offence.to_string(),
            c.conditional.to_string(),
            c.fellow_attacker.to_string(),
            c.ally_attacked.to_string(),
            c.date_uncertain.to_string(),
        ]);
    }
    if limit > 0 && t.rows.len() > limit {
        let n = t.rows.len();
        t.rows.truncate(limit);
        let mut more = vec![String::new(); t.headers.len()];
        more[0] = format!("… {} more (--limit 0 or --format csv for all)", n - limit);
        t.rows.push(more);
    }
    t
}
