//! The window of the historical record that a backtest or the reliability study runs over,
//! as a user gives it (a year or a day for each end), with the errors every front end shows
//! (the CLI's `--from`/`--to`, the Python and R packages' arguments).

use crate::{backtest, input, Result};
use casus_backtest::incidents::Sources;
use casus_core::{Day, World};

/// A year (`1946`) or a day (`1946-03-05`); a year means its first day, or its last when
/// `last`. `name` is what the user called the bound (`--from`, `from`) in messages.
pub fn bound(s: &str, name: &str, last: bool) -> Result<Day> {
    let t = s.trim();
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = t
            .parse()
            .map_err(|_| input(format!("{name}: `{t}` is not a year")))?;
        crate::day::year(y).map_err(|e| input(format!("{name}: {e}")))?;
        return Ok(if last {
            Day::last_of_year(y)
        } else {
            Day::first_of_year(y)
        });
    }
    crate::day::parse(t).map_err(|e| {
        if e.contains("YYYY-MM-DD") {
            input(format!(
                "{name} `{t}`: give a year (1946) or a day (1946-03-05)"
            ))
        } else {
            input(format!("{name}: {e}"))
        }
    })
}

/// The two ends as the user wrote them, with the names messages call them by.
#[derive(Clone, Copy, Debug, Default)]
pub struct Bounds<'a> {
    /// First year or day, if given.
    pub from: Option<&'a str>,
    /// Last year or day, if given.
    pub to: Option<&'a str>,
    /// What the user calls the first bound (`--from`).
    pub from_name: &'a str,
    /// What the user calls the last bound (`--to`).
    pub to_name: &'a str,
}

/// The incidents of the window at `min_hostility` or more: an error when the window is
/// empty (`from` after `to`) or holds no incident, naming the sources and their years.
pub fn select(
    world: &World,
    sources: Sources,
    bounds: Bounds,
    default_from: Day,
    min_hostility: u8,
) -> Result<backtest::Chosen> {
    let from_day = bounds
        .from
        .map(|s| bound(s, bounds.from_name, false))
        .transpose()?
        .unwrap_or(default_from);
    let to_day = bounds
        .to
        .map(|s| bound(s, bounds.to_name, true))
        .transpose()?;
    if let Some(to_day) = to_day.filter(|t| *t < from_day) {
        return Err(input(format!(
            "empty window: {} {} is after {} {}; give a {} on or before {}",
            bounds.from_name,
            bounds.from.map_or(from_day.to_string(), str::to_string),
            bounds.to_name,
            bounds.to.map_or(to_day.to_string(), str::to_string),
            bounds.from_name,
            bounds.to_name,
        )));
    }
    let chosen = backtest::select(
        world,
        sources,
        Some(from_day),
        to_day,
        default_from,
        min_hostility,
    )?;
    if chosen.incidents.is_empty() {
        let names: Vec<&str> = backtest::source_list(sources)
            .iter()
            .map(|s| s.as_str())
            .collect();
        return Err(input(format!(
            "no incidents from {from_day} to {} at hostility {min_hostility} or more (sources: {}); the MIDs cover 1816–2010, the wars 1816–2003 and the library adds recent incidents (2014, 2018, 2022)",
            chosen.window.to,
            if names.is_empty() { "none".to_string() } else { names.join(", ") }
        )));
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_means_its_first_or_last_day() {
        assert_eq!(
            bound("1946", "from", false).unwrap(),
            Day::first_of_year(1946)
        );
        assert_eq!(bound("1946", "to", true).unwrap(), Day::last_of_year(1946));
        assert_eq!(
            bound("1946-03-05", "from", false).unwrap().to_string(),
            "1946-03-05"
        );
    }

    #[test]
    fn a_bad_bound_names_the_argument_and_the_forms() {
        let e = bound("March 1946", "--from", false)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("--from"), "{e}");
    }
}
