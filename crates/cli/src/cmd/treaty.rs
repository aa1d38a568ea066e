//! `casus treaty list|show`: ATOP alliances and the built-in library.
//! Tests: crates/cli/tests/cli.rs (`treaty_*`).

use crate::output::{opt, write_json, Format, Table};
use anyhow::{bail, Result};
use casus_core::treaty::{Selector, Treaty};
use casus_core::{Day, World};
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

/// Finds a treaty by ATOP id, id or (part of) its name; library specs win over ATOP rows.
pub fn find<'w>(w: &'w World, key: &str) -> Result<&'w Treaty> {
    let k = key.trim();
    if let Ok(n) = k.parse::<u32>() {
        return w
            .treaties
            .iter()
            .find(|t| t.id == format!("atop:{n}"))
            .ok_or_else(|| anyhow::anyhow!("no ATOP alliance with id {n} (ATOP 5.1 ids run 1005–9999; see `casus treaty list`)"));
    }
    if let Some(t) = w.treaty(k) {
        return Ok(t);
    }
    let lower = k.to_lowercase();
    let hits: Vec<&Treaty> = w
        .treaties
        .iter()
        .filter(|t| t.name.to_lowercase().contains(&lower))
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => {
            let mut ids: Vec<(f64, &str)> = w
                .treaties
                .iter()
                .map(|t| (strsim::jaro_winkler(&lower, &t.id), t.id.as_str()))
                .collect();
            ids.sort_by(|a, b| b.0.total_cmp(&a.0));
            bail!(
                "no treaty `{k}`; closest ids: {}",
                ids.iter()
                    .take(3)
                    .map(|x| x.1)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        many => bail!(
            "`{k}` matches {} treaties: {}",
            many.len(),
            many.iter()
                .take(8)
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn kinds(t: &Treaty) -> String {
    let mut k: Vec<&str> = t.clauses.iter().map(|c| c.kind.as_str()).collect();
    k.sort();
    k.dedup();
    k.join(",")
}

pub fn run(c: TreatyCommand, w: &World, out: &mut dyn Write) -> Result<ExitCode> {
    match c {
        TreatyCommand::List {
            state,
            year,
            format,
        } => {
            let ccode = state.as_deref().map(|s| w.states.resolve(s)).transpose()?;
            let list: Vec<&Treaty> = w
                .treaties
                .iter()
                .filter(|t| year.is_none_or(|y| t.in_force_in_year(y)))
                .filter(|t| ccode.is_none_or(|c| t.had_party(c, year)))
                .collect();
            if format == Format::Json {
                let rows: Vec<_> = list.iter().map(|t| summary(w, t)).collect();
                write_json(out, &rows)?;
            } else {
                let mut tab = Table::new(&["id", "name", "from", "to", "members", "kinds"]);
                for t in &list {
                    let s = summary(w, t);
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
        TreatyCommand::Show { treaty, format } => {
            let t = find(w, &treaty)?;
            match format {
                Format::Json => write_json(
                    out,
                    &Detail {
                        treaty: t,
                        provisions: provisions(w, t),
                    },
                )?,
                Format::Csv => {
                    let mut tab = Table::new(&["ccode", "abb", "roles", "entry", "exit", "source"]);
                    for p in &t.parties {
                        tab.push(vec![
                            p.ccode.to_string(),
                            w.states.abb(p.ccode),
                            p.roles.join(";"),
                            p.entry.to_string(),
                            opt(p.exit),
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

#[derive(serde::Serialize)]
struct Summary<'a> {
    id: &'a str,
    name: &'a str,
    from: Option<Day>,
    to: Option<Day>,
    members: Vec<String>,
    kinds: String,
}

fn summary<'a>(w: &World, t: &'a Treaty) -> Summary<'a> {
    let mut members: Vec<String> = t.parties.iter().map(|p| w.states.abb(p.ccode)).collect();
    members.dedup();
    let mut seen = std::collections::HashSet::new();
    members.retain(|m| seen.insert(m.clone()));
    Summary {
        id: &t.id,
        name: &t.name,
        from: t.in_force.or(t.signed),
        to: t.lapsed,
        members,
        kinds: kinds(t),
    }
}

#[derive(serde::Serialize)]
struct Detail<'a> {
    #[serde(flatten)]
    treaty: &'a Treaty,
    provisions: Vec<(&'static str, i32, &'static str)>,
}

/// ATOP alliance-level provision codes that are set, in plain words.
fn provisions(w: &World, t: &Treaty) -> Vec<(&'static str, i32, &'static str)> {
    t.atopid
        .map(|id| casus_core::atop::provisions(&w.record.atop5, id))
        .unwrap_or_default()
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
    let prov = provisions(w, t);
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
            p.exit.map_or("—".into(), |d| d.to_string()),
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
