//! `casus invoke`: which clauses an attack triggers, who must respond, why, and the response.
//! Tests: crates/cli/tests/invoke.rs.

use crate::output::{write_json, Format, Table};
use crate::scenario::ScenarioArgs;
use anyhow::Result;
use casus_core::engine::{Status, Tri};
use casus_core::view::InvokeView;
use std::io::Write;
use std::process::ExitCode;

/// Invokes every treaty in force (or only the given specs) for one attack.
///
/// Examples:
///   casus invoke --attacker RUS --target UKR --date 2025-09-01 --spec ukraine-b
///   casus invoke --attacker RUS --target EST --date 2025-09-01
///   casus invoke --attacker non-state:al-Qaeda --target USA --date 2001-09-11
///   casus invoke --incident ukraine-2022 --spec ukraine-b --format json
///   casus invoke --attacker RUS --target UKR --date 2025-09-01 --spec ukraine-b --forecast
///
/// Exit status: 0 when some obligation is triggered or undetermined, 1 when none is, 2 on
/// an error.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Also list clauses that were checked and not triggered, with the failing check.
    #[arg(long)]
    pub all: bool,
    /// Leave out the per-obligation trace in the table output.
    #[arg(long)]
    pub no_trace: bool,
    #[command(flatten)]
    pub forecast: crate::forecast::ForecastArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: Args, world: casus_core::World, out: &mut dyn Write) -> Result<ExitCode> {
    let req = a.scenario.request(&[])?;
    let view = casus_app::invoke_view(&world, &req, a.all)?;
    let forecast = a.forecast.run(&world, &req)?;
    for w in &view.warnings {
        eprintln!("warning: {}", crate::output::terminal_safe(w));
    }
    let any = view
        .obligations
        .iter()
        .any(|o| matches!(o.status, Status::Triggered | Status::Undetermined));
    match (a.format, &forecast) {
        (Format::Json, None) => write_json(out, &view)?,
        (Format::Json, Some(f)) => write_json(
            out,
            &crate::forecast::WithForecast {
                view: &view,
                forecast: f,
            },
        )?,
        (Format::Csv, None) => obligations_table(&view).write(out, Format::Csv)?,
        (Format::Csv, Some(f)) => crate::forecast::csv(f, out)?,
        (Format::Table, _) => {
            print(&view, !a.no_trace, out)?;
            if let Some(f) = &forecast {
                crate::forecast::print(f, out)?;
            }
        }
    }
    Ok(if any {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn obligations_table(v: &InvokeView) -> Table {
    let mut t = Table::new(&[
        "status",
        "obligor",
        "beneficiary",
        "kind",
        "strength",
        "treaty",
        "article",
    ]);
    for o in &v.obligations {
        t.push(vec![
            o.status.as_str().into(),
            o.obligor.abb.clone(),
            o.beneficiary.abb.clone(),
            o.kind.as_str().into(),
            o.strength.as_str().into(),
            o.treaty.id.clone(),
            o.article.clone(),
        ]);
    }
    t
}

fn mark(r: Tri) -> &'static str {
    match r {
        Tri::Yes => "✓",
        Tri::No => "✗",
        Tri::Unknown => "?",
    }
}

fn print(v: &InvokeView, trace: bool, out: &mut dyn Write) -> Result<()> {
    let inc = &v.incident;
    let attackers = casus_app::attacker_names(v);
    writeln!(
        out,
        "Incident: {} attacks {} ({}) on {}, place: {}",
        attackers.join(" and "),
        inc.target.name,
        inc.target.abb,
        inc.date,
        inc.place
    )?;
    if let Some(d) = &inc.description {
        writeln!(out, "  {d}")?;
    }
    for s in &inc.sources {
        writeln!(out, "  source: {s}")?;
    }
    let count = |s: Status| v.obligations.iter().filter(|o| o.status == s).count();
    writeln!(
        out,
        "\nObligations: {} triggered, {} undetermined{}",
        count(Status::Triggered),
        count(Status::Undetermined),
        if count(Status::Breached) > 0 {
            format!(", {} breached by the attacker", count(Status::Breached))
        } else {
            String::new()
        }
    )?;
    let groups = v.grouped();
    obligations(&groups, out)?;
    accessions(v, out)?;
    if trace {
        traces(&groups, out)?;
    }
    response(v, out)?;
    balance(v, out)?;
    for n in &v.notes {
        writeln!(out, "note: {n}")?;
    }
    Ok(())
}

type Group<'a> = Vec<&'a casus_core::view::ObligationView>;

/// One row per group of obligations that differ only in the obligor.
fn obligations(groups: &[Group], out: &mut dyn Write) -> Result<()> {
    if !groups.is_empty() {
        let mut t = Table::new(&[
            "status",
            "obligors",
            "beneficiary",
            "kind",
            "strength",
            "treaty",
            "article",
        ]);
        for g in groups {
            let o = g[0];
            let names: Vec<&str> = g.iter().map(|o| o.obligor.abb.as_str()).collect();
            let names = if names.len() > 1 {
                format!("{} ({})", names.join(" "), names.len())
            } else {
                names.join(" ")
            };
            t.push(vec![
                o.status.as_str().into(),
                names,
                o.beneficiary.abb.clone(),
                o.kind.as_str().into(),
                o.strength.as_str().into(),
                o.treaty.id.clone(),
                o.article.clone(),
            ]);
        }
        t.write(out, Format::Table)?;
    }
    Ok(())
}

fn accessions(v: &InvokeView, out: &mut dyn Write) -> Result<()> {
    for a in &v.accessions {
        let names = |v: &[casus_core::view::StateRef]| {
            v.iter()
                .map(|s| s.abb.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(
            out,
            "Accession of {} to {} (Art. {}): {}",
            a.candidate.abb,
            a.treaty,
            a.article,
            if a.admitted {
                "admitted (every member consents)".to_string()
            } else {
                format!(
                    "BLOCKED — objecting: {}; undecided: {}",
                    if a.objecting.is_empty() {
                        "none".into()
                    } else {
                        names(&a.objecting)
                    },
                    if a.undecided.is_empty() {
                        "none".into()
                    } else {
                        names(&a.undecided)
                    }
                )
            }
        )?;
    }
    Ok(())
}

/// The checks behind each group (one obligor per group; the others passed the same).
fn traces(groups: &[Group], out: &mut dyn Write) -> Result<()> {
    if !groups.is_empty() {
        writeln!(
            out,
            "\nTrace (one obligor per row above; the others passed the same checks):"
        )?;
        for g in groups {
            let o = g[0];
            let others = if g.len() > 1 {
                format!(" (and {} others)", g.len() - 1)
            } else {
                String::new()
            };
            writeln!(
                out,
                "  {} → {}{}  {} Art. {} [{}]",
                o.obligor.abb,
                o.beneficiary.abb,
                others,
                o.treaty.id,
                o.article,
                o.status.as_str()
            )?;
            for s in &o.trace {
                writeln!(out, "      {} {:<14} {}", mark(s.result), s.check, s.detail)?;
            }
        }
    }
    Ok(())
}

/// The coalitions round by round.
fn response(v: &InvokeView, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "\nResponse (\"an attack on one is an attack on all\"; {}):",
        v.response.words()
    )?;
    if v.rounds.is_empty() {
        writeln!(out, "  no state is obliged to join either side")?;
    }
    let list = casus_core::view::JoinerView::list;
    for r in &v.rounds {
        writeln!(out, "  round {}:", r.round)?;
        if !r.side_b.is_empty() {
            writeln!(out, "    joins the defence: {}", list(&r.side_b))?;
        }
        if !r.side_a.is_empty() {
            writeln!(out, "    joins the attacker: {}", list(&r.side_a))?;
        }
        if !r.may_join_b.is_empty() {
            writeln!(
                out,
                "    may join the defence (undetermined): {}",
                list(&r.may_join_b)
            )?;
        }
        if !r.may_join_a.is_empty() {
            writeln!(
                out,
                "    may join the attacker (undetermined): {}",
                list(&r.may_join_a)
            )?;
        }
        if !r.cross_pressured.is_empty() {
            writeln!(
                out,
                "    obliged to both sides, joins neither: {}",
                r.cross_pressured
                    .iter()
                    .map(|s| s.abb.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )?;
        }
    }
    Ok(())
}

fn balance(v: &InvokeView, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "\nBalance of capabilities:")?;
    let mut t = Table::new(&[
        "side",
        "states",
        "CINC",
        "milex (US$ bn)",
        "milper (thousands)",
    ]);
    for (label, s) in [
        ("attacker", &v.balance.side_a),
        ("defence", &v.balance.side_b),
    ] {
        let names: Vec<&str> = s.states.iter().map(|c| c.state.abb.as_str()).collect();
        let names = if names.len() > 10 {
            format!("{} … ({} states)", names[..10].join(" "), names.len())
        } else {
            names.join(" ")
        };
        t.push(vec![
            label.into(),
            names,
            format!("{:.4}", s.cinc),
            format!("{:.1}", s.milex / 1e6),
            format!("{:.0}", s.milper),
        ]);
    }
    t.write(out, Format::Table)?;
    Ok(())
}
