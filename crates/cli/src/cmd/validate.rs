//! `casus validate joiners`: the response against who actually joined each dispute.
//! Tests: crates/cli/tests/validate.rs. Method: docs/invoke.md, "Who actually joined".

use crate::output::{write_json, write_table, Format, Table};
use anyhow::Result;
use casus_backtest::validate::{validate_joiners, Miss, Score};
use casus_core::World;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum ValidateCommand {
    /// Predicted joiners vs the GML participants who joined (orig = 0): precision, recall
    /// and F1 for round 1 and the whole response, both readings, by hostility and era.
    ///
    /// Examples:
    ///   casus validate joiners
    ///   casus validate joiners --format csv > scores.csv
    Joiners(JoinersArgs),
}

#[derive(clap::Args, Debug)]
pub struct JoinersArgs {
    /// Disputes listed per reading among the largest misses and false alarms.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Show every era (table output); by default only all years.
    #[arg(long)]
    pub eras: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(c: ValidateCommand, world: &World, out: &mut dyn Write) -> Result<ExitCode> {
    let ValidateCommand::Joiners(a) = c;
    let v = validate_joiners(world, a.limit);
    match a.format {
        Format::Json => write_json(out, &v)?,
        Format::Csv => write_table(&scores(&v.scores, true), out, a.format)?,
        Format::Table => {
            write_table(&scores(&v.scores, a.eras), out, a.format)?;
            for (title, list) in [
                (
                    "Largest misses (joined, not predicted; whole response)",
                    &v.misses,
                ),
                (
                    "Largest false alarms (predicted, did not join; whole response)",
                    &v.false_alarms,
                ),
            ] {
                writeln!(out, "\n{title}:")?;
                write_table(&cases(list), out, a.format)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn num(x: Option<f64>) -> String {
    x.map_or("—".into(), |x| format!("{x:.3}"))
}

fn scores(v: &[Score], eras: bool) -> Table {
    let mut t = Table::new(&[
        "reading",
        "stage",
        "disputes of",
        "era",
        "disputes",
        "actual",
        "predicted",
        "right",
        "precision",
        "recall",
        "F1",
        "no tie",
        "recall bound",
    ]);
    for s in v.iter().filter(|s| eras || s.era == "all") {
        t.push(vec![
            s.reading.keyword().into(),
            s.stage.as_str().into(),
            s.disputes_of.into(),
            s.era.into(),
            s.disputes.to_string(),
            s.actual.to_string(),
            s.predicted.to_string(),
            s.right.to_string(),
            num(s.precision),
            num(s.recall),
            num(s.f1),
            s.untied.to_string(),
            num(s.recall_bound),
        ]);
    }
    t
}

fn cases(v: &[Miss]) -> Table {
    let mut t = Table::new(&["reading", "MID", "year", "hostility", "n", "states"]);
    for m in v {
        let shown: Vec<&str> = m.states.iter().take(12).map(String::as_str).collect();
        let more = if m.states.len() > 12 { " …" } else { "" };
        t.push(vec![
            m.reading.keyword().into(),
            m.dispute.to_string(),
            m.year.to_string(),
            m.hostility.to_string(),
            m.states.len().to_string(),
            format!("{}{more}", shown.join(" ")),
        ]);
    }
    t
}
