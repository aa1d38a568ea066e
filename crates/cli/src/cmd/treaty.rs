//! `casus treaty list|show`: ATOP alliances and the built-in library.
//! Tests: crates/cli/tests/cli.rs (`treaty_*`).

use crate::output::{opt, write_json, Format, Table};
use anyhow::Result;
use casus_app::treaty::{self, Detail};
use casus_core::treaty::{Selector, Treaty};
use casus_core::World;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum TreatyCommand {
    /// Lists treaties, optionally those a state belonged to or that were in force in a year.
    ///
    /// Example: `casus treaty list --state UKR --year 1995`
    List {
        /// Only treaties this state was a party to (in `--year`, if given).
        #[arg(long)]
        state: Option<String>,
        /// Only treaties in force at some time in this year.
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Shows one treaty: phases, members with entry and exit dates, provisions in plain words.
    ///
    /// Example: `casus treaty show 3180` (NATO), `casus treaty show nato`
    Show {
        /// An ATOP id (3180), a treaty id (`nato`, `atop:3180`) or a name.
        treaty: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

pub fn run(c: TreatyCommand, w: &World, out: &mut dyn Write) -> Result<ExitCode> {
    match c {
        TreatyCommand::List {
            state,
            year,
            format,
        } => {
            let ccode = state.as_deref().map(|s| w.states.resolve(s)).transpose()?;
            let list = treaty::list(w, ccode, year);
            if format == Format::Json {
                let rows: Vec<_> = list.iter().map(|t| treaty::summary(w, t)).collect();
                write_json(out, &rows)?;
            } else {
                let mut tab = Table::new(&["id", "name", "from", "to", "members", "kinds"]);
                for t in &list {
                    let s = treaty::summary(w, t);
                    let members = if s.members.len() > 12 {
                        format!(
                            "{} … (+{})",
                            s.members[..12].join(" "),
                            s.members.len() - 12
                        )
                    } else {
                        s.members.join(" ")
                    };
                    tab.push(vec![
                        s.id.into(),
                        s.name.into(),
                        opt(s.from),
                        opt(s.to),
                        members,
                        s.kinds,
                    ]);
                }
                tab.write(out, format)?;
                if format == Format::Table {
                    writeln!(out, "{} treaties.", list.len())?;
                }
            }
        }
        TreatyCommand::Show {
            treaty: key,
            format,
        } => {
            let t = treaty::find(w, &key)?;
            match format {
                Format::Json => write_json(out, &Detail::new(w, t))?,
                Format::Csv => {
                    let mut tab = Table::new(&[
                        "ccode", "abb", "roles", "entry", "exit", "exit_how", "source",
                    ]);
                    for p in &t.parties {
                        tab.push(vec![
                            p.ccode.to_string(),
                            w.states.abb(p.ccode),
                            p.roles.join(";"),
                            p.entry.to_string(),
                            opt(p.exit),
                            opt(p.exit_how.map(|h| h.keyword())),
                            opt(p.source.clone()),
                        ]);
                    }
                    tab.write(out, format)?;
                }
                Format::Table => show(w, t, out)?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn selector(w: &World, s: &Selector) -> String {
    match s {
        Selector::Parties => "all parties".into(),
        Selector::Role(r) => format!("role {r}"),
        Selector::Group(g) => format!("group {g}"),
        Selector::State(c) => w.states.abb(*c),
    }
}

fn show(w: &World, t: &Treaty, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "{} — {}", t.id, t.name)?;
    writeln!(
        out,
        "status: {}; signed {}; in force {}; lapsed {}",
        t.status.as_str(),
        opt(t.signed),
        opt(t.in_force),
        t.lapsed.map_or("—".into(), |d| d.to_string())
    )?;
    for s in &t.sources {
        writeln!(out, "source: {s}")?;
    }
    let prov = treaty::provisions(w, t);
    if !prov.is_empty() {
        writeln!(out, "\nProvisions (ATOP alliance-level codes):")?;
        for (col, v, words) in prov {
            writeln!(out, "  - {words} ({col} = {v})")?;
        }
    }
    writeln!(out, "\nClauses:")?;
    for c in &t.clauses {
        writeln!(
            out,
            "  Art. {} [{} / {}]: {}\n      obligors: {}; beneficiaries: {}; conditions: {}",
            c.article,
            c.kind.as_str(),
            c.strength.as_str(),
            c.paraphrase,
            c.obligors
                .iter()
                .map(|s| selector(w, s))
                .collect::<Vec<_>>()
                .join(", "),
            c.beneficiaries
                .iter()
                .map(|s| selector(w, s))
                .collect::<Vec<_>>()
                .join(", "),
            if c.conditions.is_empty() {
                "none".to_string()
            } else {
                c.conditions
                    .iter()
                    .map(|c| format!("{c:?}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        )?;
    }
    writeln!(out, "\nMembers:")?;
    let mut tab = Table::new(&["ccode", "abb", "name", "entry", "exit", "roles", "source"]);
    for p in &t.parties {
        tab.push(vec![
            p.ccode.to_string(),
            w.states.abb(p.ccode),
            w.states.name(p.ccode),
            p.entry.to_string(),
            match (p.exit, p.exit_how) {
                (Some(d), Some(h)) => format!("{d} ({})", h.keyword()),
                (Some(d), None) => d.to_string(),
                (None, _) => "—".into(),
            },
            p.roles.join(", "),
            opt(p.source.clone()),
        ]);
    }
    tab.write(out, Format::Table)?;
    for n in &t.notes {
        writeln!(out, "note: {n}")?;
    }
    Ok(())
}
