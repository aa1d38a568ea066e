//! System members on a day or in a year: the rows of `casus states` and `/api/states`.

use crate::{input, Result};
use casus_core::{Day, Span, State, World};

/// One member with the spell that covers the day (or touches the year).
#[derive(serde::Serialize)]
pub struct Row<'a> {
    /// COW state code.
    pub ccode: u16,
    /// COW three-letter abbreviation.
    pub abb: &'a str,
    /// State name.
    pub name: &'a str,
    /// Start of the spell that covers the date (or year).
    pub since: Day,
    /// End of that spell.
    pub until: Day,
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

/// Members on `day`; after the state list ends, membership carries forward unchanged.
pub fn on_day(w: &World, day: Day) -> Vec<Row<'_>> {
    let eff = day.min(w.states.last_day);
    w.states
        .members_on(day)
        .into_iter()
        .filter_map(|s| {
            let sp = s.spells.iter().find(|sp| sp.contains(eff))?;
            Some(row(s, *sp))
        })
        .collect()
}

/// Members on any day of `year`; an error outside the state list.
pub fn in_year(w: &World, year: i32) -> Result<Vec<Row<'_>>> {
    let (lo, hi) = (w.states.first_day.year(), w.states.last_day.year());
    if !(lo..=hi).contains(&year) {
        return Err(input(format!("year {year} is outside the state list ({lo}–{hi}); use --date for later days (membership carries forward)")));
    }
    Ok(w.states
        .members_in_year(year)
        .into_iter()
        .filter_map(|s| {
            let sp = s.spells.iter().find(|sp| sp.touches_year(year))?;
            Some(row(s, *sp))
        })
        .collect())
}
