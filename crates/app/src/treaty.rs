//! Treaties as both front ends show them: the one rule for treaty keys (`3180` means
//! `atop:3180`), finding a treaty by key or name, the list row and the detail.

use crate::{input, AppError, Result};
use casus_core::treaty::{Origin, Treaty, TreatyStatus};
use casus_core::view::StateRef;
use casus_core::{Day, World};
use std::collections::HashSet;

/// The treaty id of an ATOP alliance number.
pub fn atop_id(n: u32) -> String {
    format!("atop:{n}")
}

/// The treaty id a user's key stands for: a bare number is an ATOP id (`3180` means
/// `atop:3180`); anything else is taken as an id, trimmed.
pub fn key(s: &str) -> String {
    let k = s.trim();
    k.parse::<u32>()
        .map(atop_id)
        .unwrap_or_else(|_| k.to_string())
}

/// Finds a treaty by id (`nato`, `atop:3180`) or bare ATOP number (`3180`) only.
pub fn by_key<'w>(w: &'w World, k: &str) -> Option<&'w Treaty> {
    w.treaty(&key(k))
}

/// Finds a treaty by ATOP number, id or (part of) its name; library specs win over ATOP rows.
/// The error names the closest ids or the treaties a name matches.
pub fn find<'w>(w: &'w World, k: &str) -> Result<&'w Treaty> {
    let k = k.trim();
    if let Ok(n) = k.parse::<u32>() {
        return by_key(w, k).ok_or_else(|| input(format!("no ATOP alliance with id {n} (ATOP 5.1 ids run 1005–9999; see `casus treaty list`)")));
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
            let close: Vec<&str> = ids.iter().take(3).map(|x| x.1).collect();
            Err(input(format!(
                "no treaty `{k}`; closest ids: {}",
                close.join(", ")
            )))
        }
        many => Err(AppError::Input(format!(
            "`{k}` matches {} treaties: {}",
            many.len(),
            many.iter()
                .take(8)
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// `atop`, `library` or `user`: where a treaty comes from.
pub fn origin(t: &Treaty) -> &'static str {
    match t.origin {
        Origin::Atop { .. } => "atop",
        Origin::Library { .. } => "library",
        Origin::User { .. } => "user",
    }
}

/// One treaty in a list (`casus treaty list --format json`).
#[derive(serde::Serialize)]
pub struct Summary<'a> {
    /// Treaty id.
    pub id: &'a str,
    /// Treaty name.
    pub name: &'a str,
    /// First day it binds (in force, else signed); `None` when unknown.
    pub from: Option<Day>,
    /// Day it lapsed; `None` while it binds.
    pub to: Option<Day>,
    /// Abbreviations of every state that was ever a party, in entry order.
    pub members: Vec<String>,
    /// Kinds of commitment, sorted, comma-separated.
    pub kinds: String,
}

/// A list row with where the treaty comes from and its status (`/api/treaties`).
#[derive(serde::Serialize)]
pub struct Row<'a> {
    /// The list entry.
    #[serde(flatten)]
    pub summary: Summary<'a>,
    /// Proposed, signed, in force or lapsed.
    pub status: TreatyStatus,
    /// `atop`, `library` or `user`.
    pub origin: &'static str,
}

/// The kinds of a treaty's clauses, sorted and comma-separated.
pub fn kinds(t: &Treaty) -> String {
    let mut k: Vec<&str> = t.clauses.iter().map(|c| c.kind.as_str()).collect();
    k.sort_unstable();
    k.dedup();
    k.join(",")
}

/// The list entry for `t`.
pub fn summary<'a>(w: &World, t: &'a Treaty) -> Summary<'a> {
    let mut seen = HashSet::new();
    let members = t
        .parties
        .iter()
        .filter(|p| seen.insert(p.ccode))
        .map(|p| w.states.abb(p.ccode))
        .collect();
    Summary {
        id: &t.id,
        name: &t.name,
        from: t.in_force.or(t.signed),
        to: t.lapsed,
        members,
        kinds: kinds(t),
    }
}

/// The list entry for `t` with origin and status.
pub fn row<'a>(w: &World, t: &'a Treaty) -> Row<'a> {
    Row {
        summary: summary(w, t),
        status: t.status,
        origin: origin(t),
    }
}

/// A treaty with its ATOP provisions in plain words; `states` (the parties' names) is
/// filled for the browser only.
#[derive(serde::Serialize)]
pub struct Detail<'a> {
    /// The treaty as the engine sees it.
    #[serde(flatten)]
    pub treaty: &'a Treaty,
    /// (ATOP column, value, meaning) for every alliance-level provision that is set.
    pub provisions: Vec<(&'static str, i32, &'static str)>,
    /// Every party once, with its abbreviation and name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub states: Option<Vec<StateRef>>,
}

impl<'a> Detail<'a> {
    /// The detail without party names (`casus treaty show --format json`).
    pub fn new(w: &World, t: &'a Treaty) -> Detail<'a> {
        Detail {
            treaty: t,
            provisions: provisions(w, t),
            states: None,
        }
    }

    /// The detail with every party's name (`/api/treaties/{id}`).
    pub fn with_states(w: &World, t: &'a Treaty) -> Detail<'a> {
        let mut seen = HashSet::new();
        let states = t
            .parties
            .iter()
            .filter(|p| seen.insert(p.ccode))
            .map(|p| StateRef::new(w, p.ccode))
            .collect();
        Detail {
            states: Some(states),
            ..Detail::new(w, t)
        }
    }
}

/// ATOP alliance-level provision codes that are set, in plain words.
pub fn provisions(w: &World, t: &Treaty) -> Vec<(&'static str, i32, &'static str)> {
    t.atopid
        .map(|id| casus_core::atop::provisions(&w.record.atop5, id))
        .unwrap_or_default()
}

/// The treaties in force in `year` (if given) that `ccode` (if given) was ever a party to
/// (in that year).
pub fn list(w: &World, ccode: Option<casus_core::Ccode>, year: Option<i32>) -> Vec<&Treaty> {
    w.treaties
        .iter()
        .filter(|t| year.is_none_or(|y| t.in_force_in_year(y)))
        .filter(|t| ccode.is_none_or(|c| t.had_party(c, year)))
        .collect()
}

/// Whether a treaty has a clause of the kind named `kind` (`defence`, …).
pub fn has_kind(t: &Treaty, kind: &str) -> bool {
    t.clauses.iter().any(|c| c.kind.as_str() == kind)
}
