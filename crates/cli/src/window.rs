//! The window of the historical record that `backtest` and `reliability` run over, as the
//! command line gives it (`--from`, `--to`: a year or a day), and the treaties they name.

use crate::scenario::spec_input;
use anyhow::{bail, Result};
use casus_app::SpecInput;
use casus_backtest::incidents::Sources;
use casus_backtest::{RecordIncident, Window};
use casus_core::{Day, World};

/// A year (`1946`) or a day (`1946-03-05`); a year means its first or last day.
pub fn parse_bound(s: &str, flag: &str, last: bool) -> Result<Day> {
    let t = s.trim();
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = t.parse()?;
        casus_app::day::year(y).map_err(|e| anyhow::anyhow!("{flag}: {e}"))?;
        return Ok(if last {
            Day::last_of_year(y)
        } else {
            Day::first_of_year(y)
        });
    }
    casus_app::day::parse(t).map_err(|e| {
        if e.contains("YYYY-MM-DD") {
            anyhow::anyhow!("{flag} `{t}`: give a year (1946) or a day (1946-03-05)")
        } else {
            anyhow::anyhow!("{flag}: {e}")
        }
    })
}

/// The treaties named on the command line (adding spec files to the world), then with
/// `all` every treaty of the world. Returns treaty ids.
pub fn resolve_treaties(world: &mut World, specs: &[String], all: bool) -> Result<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    for s in specs {
        let id = match spec_input(s)? {
            SpecInput::Text { file, text } => casus_app::add_spec_text(world, &file, &text)?,
            SpecInput::Id(id) => casus_app::treaty::find(world, &id)?.id.clone(),
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

/// The incidents of the window (an error when it is empty or holds none).
pub fn select(
    world: &World,
    src: Sources,
    from: Option<&str>,
    to: Option<&str>,
    default_from: Day,
    min_hostility: u8,
) -> Result<(Window, Vec<RecordIncident>)> {
    let from_day = from
        .map(|s| parse_bound(s, "--from", false))
        .transpose()?
        .unwrap_or(default_from);
    let to_day = to.map(|s| parse_bound(s, "--to", true)).transpose()?;
    if let Some(to_day) = to_day.filter(|t| *t < from_day) {
        bail!(
            "empty window: --from {} is after --to {}; give a --from on or before --to",
            from.map_or(from_day.to_string(), str::to_string),
            to.map_or(to_day.to_string(), str::to_string)
        );
    }
    let chosen = casus_app::backtest::select(
        world,
        src,
        Some(from_day),
        to_day,
        default_from,
        min_hostility,
    )?;
    if chosen.incidents.is_empty() {
        let names: Vec<&str> = casus_app::backtest::source_list(src)
            .iter()
            .map(|s| s.as_str())
            .collect();
        bail!(
            "no incidents from {from_day} to {} at hostility {min_hostility} or more (sources: {}); the MIDs cover 1816–2010, the wars 1816–2003 and the library adds recent incidents (2014, 2018, 2022)",
            chosen.window.to,
            if names.is_empty() { "none".to_string() } else { names.join(", ") }
        );
    }
    Ok((chosen.window, chosen.incidents))
}
