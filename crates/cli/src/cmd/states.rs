//! `casus states --date D | --year Y`: members of the COW state system.
//! Tests: crates/cli/tests/cli.rs (`states_*`).

use crate::output::{write_json, Format, Table};
use anyhow::{bail, Result};
use casus_core::{Day, Span, State, World};
use std::io::Write;
use std::process::ExitCode;

/// Lists system members on a day (`--date 1990-10-03`) or at any time in a year (`--year`).
///
/// After the state list ends (2016-12-31) the system is carried forward unchanged.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A day, YYYY-MM-DD.
    #[arg(long, conflicts_with = "year")]
    date: Option<Day>,
    /// A year: states that were members on any day of it.
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(serde::Serialize)]
struct Row<'a> {
    ccode: u16,
    abb: &'a str,
    name: &'a str,
    /// Start of the spell that covers the date (or year).
    since: Day,
    until: Day,
}

fn row(s: &State, spell: Span) -> Row<'_> {
    Row {
        ccode: s.ccode,
        abb: &s.abb,
        name: &s.name,
        since: spell.start,
        until: spell.end,
    }
}

pub fn run(a: Args, w: &World, out: &mut dyn Write) -> Result<ExitCode> {
    // Each member with the spell that covers the day (or touches the year).
    let (label, rows): (String, Vec<Row>) = match (a.date, a.year) {
        (Some(d), _) => {
            let eff = d.min(w.states.last_day);
            let rows = w
                .states
                .members_on(d)
                .into_iter()
                .filter_map(|s| {
                    s.spells
                        .iter()
                        .find(|sp| sp.contains(eff))
                        .map(|sp| row(s, *sp))
                })
                .collect();
            (d.to_string(), rows)
        }
        (None, Some(y)) => {
            let (lo, hi) = (w.states.first_day.year(), w.states.last_day.year());
            if !(lo..=hi).contains(&y) {
                bail!("year {y} is outside the state list ({lo}–{hi}); use --date for later days (membership carries forward)");
            }
            let rows = w
                .states
                .members_in_year(y)
                .into_iter()
                .filter_map(|s| {
                    s.spells
                        .iter()
                        .find(|sp| sp.touches_year(y))
                        .map(|sp| row(s, *sp))
                })
                .collect();
            (y.to_string(), rows)
        }
        (None, None) => bail!("give --date YYYY-MM-DD or --year YYYY"),
    };
    if a.format == Format::Json {
        write_json(out, &rows)?;
    } else {
        let mut t = Table::new(&["ccode", "abb", "name", "since", "until"]);
        for r in &rows {
            t.push(vec![
                r.ccode.to_string(),
                r.abb.into(),
                r.name.into(),
                r.since.to_string(),
                r.until.to_string(),
            ]);
        }
        t.write(out, a.format)?;
        if a.format == Format::Table {
            writeln!(
                out,
                "{} system members on {label} (COW state system v2016).",
                rows.len()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
