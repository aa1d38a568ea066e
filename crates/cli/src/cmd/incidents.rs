//! `casus incidents`: the incident library (recent facts after the datasets end, and
//! classic cases), each with its source. Use an id with `casus invoke --incident ID`.
//! Tests: crates/cli/tests/invoke.rs.

use crate::output::{write_json, Format, Table};
use anyhow::Result;
use casus_core::incident::Actor;
use casus_core::World;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(a: Args, w: &World, out: &mut dyn Write) -> Result<ExitCode> {
    if a.format == Format::Json {
        write_json(out, &w.incidents)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = Table::new(&[
        "id",
        "date",
        "attackers",
        "target",
        "place",
        "description",
        "source",
    ]);
    for i in &w.incidents {
        let attackers: Vec<String> = i
            .attackers
            .iter()
            .map(|x| match x {
                Actor::State(c) => w.states.abb(*c),
                Actor::NonState(n) => format!("non-state:{n}"),
            })
            .collect();
        t.push(vec![
            i.id.clone().unwrap_or_default(),
            i.date.to_string(),
            attackers.join(" "),
            w.states.abb(i.target),
            i.place.label(),
            i.description.clone().unwrap_or_default(),
            i.sources.join("; "),
        ]);
    }
    t.write(out, a.format)?;
    Ok(ExitCode::SUCCESS)
}
