//! Incidents from the record: who attacked whom, on which day, with how much force.
//!
//! # GML militarized interstate disputes (`gml_part.csv`)
//!
//! Each dispute becomes one incident per attacked state and entry:
//!
//! - **Originators.** Every side-B originator is attacked by the side-A originators (one
//!   incident, all of them as attackers), on the side-B state's start date.
//! - **Side-A joiners** open a new attack on their own entry date: one incident per side-B
//!   state taking part at that time, with the joiner as the only attacker.
//! - **Side-B joiners** are attacked, on their entry date, by the side-A states taking part
//!   at that time. (The data do not say whether a joiner was attacked or intervened; this
//!   treats every joiner as attacked. [`Entry`] keeps the distinction so that it can be
//!   filtered.)
//!
//! A state is attacked only on side B: side A took the first militarized action. The force
//! is read from the highest action of the attackers by the gravity threshold
//! ([`crate::gravity`]): 2–3 (threat, display) → [`Force::Threat`]; 4 (use of force) →
//! [`Force::ArmedAttack`] for an attack, clash, occupation or blockade with a recorded
//! fatality, [`Force::LessGraveUseOfForce`] otherwise; 5 (war) → [`Force::ArmedAttack`]. A participant's highest action is its highest in the whole
//! dispute, not toward one state. Attackers with no militarized action (level 1) make no
//! incident. MIDs record no location: every incident lands on the target's territory
//! ([`Place::Territory`]).
//!
//! **Dates.** A day (or month) coded −9 is unknown: the incident then covers every day it
//! may denote, from [`RecordIncident::incident`]`.date` (the earliest) to
//! [`RecordIncident::latest`]. The backtest evaluates both ends and reports an obligation
//! that differs between them as undetermined.
//!
//! # COW inter-state wars (`cow_war_inter.csv`)
//!
//! One incident per war, target and onset year: the states on the initiators' side whose
//! directed dyad with the target starts that year attack it. The file has years only, so
//! the date spans January 1 to December 31. GML MIDs already contain every war (hostility
//! 5), so wars are a separate source, off by default, never merged with MIDs.
//!
//! # The library
//!
//! Library incidents (`treaties/incidents.toml`) are added when no chosen record source
//! covers them: dated after the record ends (Crimea 2014, Kerch 2018, 2022), or with a
//! non-state attacker (11 September 2001), which MIDs never record.

use casus_core::incident::{Actor, Force, Incident, Place};
use casus_core::record::{MidParticipant, PartialDate, Record, WarDyadYear};
use casus_core::{Ccode, Day, World};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where an incident comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// A GML militarized interstate dispute.
    Mid,
    /// A COW inter-state war.
    War,
    /// The incident library.
    Library,
}

impl Source {
    /// The keyword in JSON and on the command line (`mid`, `war`, `library`).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Mid => "mid",
            Source::War => "war",
            Source::Library => "library",
        }
    }
}

/// How the target came to be attacked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Entry {
    /// On the first day: side-B originator (MID) or the war's first year.
    Origin,
    /// A state joins side A (the attackers) and attacks the side-B states.
    AttackerJoins,
    /// A state joins side B and is taken to be attacked by side A.
    TargetJoins,
    /// A library incident.
    Library,
}

impl Entry {
    /// The keyword in JSON and tables (`attacker-joins`).
    pub fn as_str(self) -> &'static str {
        match self {
            Entry::Origin => "origin",
            Entry::AttackerJoins => "attacker-joins",
            Entry::TargetJoins => "target-joins",
            Entry::Library => "library",
        }
    }
}

/// Which sources to build incidents from. Default: MIDs and the library (wars would count
/// the wars twice: GML codes them as hostility-5 disputes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sources {
    /// Build incidents from GML MIDs.
    pub mids: bool,
    /// Build incidents from COW inter-state wars.
    pub wars: bool,
    /// Include the incident library.
    pub library: bool,
}

impl Default for Sources {
    fn default() -> Sources {
        Sources {
            mids: true,
            wars: false,
            library: true,
        }
    }
}

/// A dispute, war or library incident: the unit of "drawn into".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DisputeRef {
    /// Which dataset the dispute comes from.
    pub source: Source,
    /// MID dispnum, COW warnum, or the library incident's index in `World::incidents`.
    pub id: u32,
}

/// One incident derived from the record.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordIncident {
    /// The incident as the engine sees it; `date` is the earliest possible day.
    pub incident: Incident,
    /// The latest possible day (equal to `incident.date` when the date is exact).
    pub latest: Day,
    /// Which dataset the incident comes from.
    pub source: Source,
    /// MID dispnum, COW warnum, or index into `World::incidents`.
    pub dispute: u32,
    /// MID hostility level of the attackers' highest action (2–5).
    pub hostility: u8,
    /// How the target came to be attacked.
    pub entry: Entry,
}

impl RecordIncident {
    /// Whether the day is known exactly.
    pub fn exact(&self) -> bool {
        self.latest == self.incident.date
    }

    /// The dispute, war or library incident this incident belongs to.
    pub fn dispute_ref(&self) -> DisputeRef {
        DisputeRef {
            source: self.source,
            id: self.dispute,
        }
    }

    /// "MID 3551", "war 139", or the library id ("crimea-2014").
    pub fn label(&self) -> String {
        match self.source {
            Source::Mid => format!("MID {}", self.dispute),
            Source::War => format!("war {}", self.dispute),
            Source::Library => self
                .incident
                .id
                .clone()
                .unwrap_or_else(|| format!("library {}", self.dispute)),
        }
    }

    /// The dates as text: `1902-05-01` or `1902-05-01..1902-05-31`.
    pub fn date_text(&self) -> String {
        if self.exact() {
            self.incident.date.to_string()
        } else {
            format!("{}..{}", self.incident.date, self.latest)
        }
    }
}

/// MID hostility level (1–5) of a MID highest-action code (0–21): 0 no militarized
/// action; 1–6 threats; 7–12 displays; 13–19 uses of force; 20–21 war.
pub fn hostility(hiact: i8) -> u8 {
    match hiact {
        1..=6 => 2,
        7..=12 => 3,
        13..=19 => 4,
        20.. => 5,
        _ => 1,
    }
}

/// The engine's force level for a hostility level; `None` below 2 (no militarized action).
pub fn force(hostility: u8) -> Option<Force> {
    match hostility {
        2 | 3 => Some(Force::Threat),
        4 => Some(Force::UseOfForce),
        5.. => Some(Force::ArmedAttack),
        _ => None,
    }
}

fn library_hostility(f: Force) -> u8 {
    match f {
        Force::Threat => 2,
        Force::LessGraveUseOfForce | Force::UseOfForce => 4,
        Force::ArmedAttack => 5,
    }
}

fn range(p: &PartialDate) -> Option<(Day, Day)> {
    Some((p.earliest()?, p.latest()?))
}

fn incident(attackers: Vec<Ccode>, target: Ccode, date: Day, force: Force) -> Incident {
    Incident {
        id: None,
        attackers: attackers.into_iter().map(Actor::State).collect(),
        target,
        date,
        place: Place::Territory,
        force,
        provoked: None,
        description: None,
        sources: Vec::new(),
    }
}

/// The last day the MID participant data cover (2010-12-31 for GML 2.2.1).
pub fn mid_end(r: &Record) -> Option<Day> {
    r.mid_participants
        .iter()
        .filter_map(|p| p.end.latest())
        .max()
}

/// The last day the war data cover (December 31 of the last year).
pub fn war_end(r: &Record) -> Option<Day> {
    r.wars
        .iter()
        .map(|w| w.year)
        .max()
        .map(|y| Day::last_of_year(y as i32))
}

/// Every incident of the chosen sources, sorted by date (see the module notes for the rules).
pub fn build(world: &World, sources: Sources) -> Vec<RecordIncident> {
    let r = &world.record;
    let mut out = Vec::new();
    if sources.mids {
        out.extend(mid_incidents(r));
    }
    if sources.wars {
        out.extend(war_incidents(r));
    }
    refine_from_library(&mut out, &world.incidents);
    if sources.library {
        let covered = [
            sources.mids.then(|| mid_end(r)).flatten(),
            sources.wars.then(|| war_end(r)).flatten(),
        ]
        .into_iter()
        .flatten()
        .max();
        out.extend(library_incidents(&world.incidents, covered));
    }
    sort(&mut out);
    out
}

/// How far apart (days) a library incident and a record incident may lie and still be
/// the same attack.
pub const MATCH_DAYS: i32 = 31;

/// Gives record incidents the place and provocation of a matching library incident: same
/// target, a common state attacker, and the library date within [`MATCH_DAYS`] of the
/// record's possible days. (MIDs record no location; the library does: the Falklands
/// 1982 lie in the South Atlantic, outside NATO's Art. 6 area.)
pub fn refine_from_library(v: &mut [RecordIncident], lib: &[Incident]) {
    for l in lib {
        for ri in v.iter_mut() {
            let i = &ri.incident;
            if i.target != l.target
                || l.date.0 < i.date.0 - MATCH_DAYS
                || l.date.0 > ri.latest.0 + MATCH_DAYS
                || !l
                    .attackers
                    .iter()
                    .any(|a| a.state().is_some() && i.attackers.contains(a))
            {
                continue;
            }
            ri.incident.place = l.place.clone();
            if l.provoked.is_some() {
                ri.incident.provoked = l.provoked;
            }
        }
    }
}

/// Sorts incidents into their canonical order: date, source, dispute, target, attackers.
pub fn sort(v: &mut [RecordIncident]) {
    v.sort_by(|a, b| {
        (
            a.incident.date,
            a.latest,
            a.source,
            a.dispute,
            a.incident.target,
            a.entry,
        )
            .cmp(&(
                b.incident.date,
                b.latest,
                b.source,
                b.dispute,
                b.incident.target,
                b.entry,
            ))
            .then_with(|| {
                a.incident
                    .attackers
                    .iter()
                    .filter_map(Actor::state)
                    .cmp(b.incident.attackers.iter().filter_map(Actor::state))
            })
    });
}

/// Library incidents not covered by the record: after `covered_until` (every one when
/// `None`), or with a non-state attacker.
pub fn library_incidents(lib: &[Incident], covered_until: Option<Day>) -> Vec<RecordIncident> {
    lib.iter()
        .enumerate()
        .filter(|(_, i)| {
            covered_until.is_none_or(|end| i.date > end)
                || i.attackers.iter().any(|a| matches!(a, Actor::NonState(_)))
        })
        .map(|(k, i)| RecordIncident {
            incident: i.clone(),
            latest: i.date,
            source: Source::Library,
            dispute: k as u32,
            hostility: library_hostility(i.force),
            entry: Entry::Library,
        })
        .collect()
}

/// Incidents from GML disputes, in dispute order.
pub fn mid_incidents(r: &Record) -> Vec<RecordIncident> {
    let parts = &r.mid_participants;
    let mut idx: Vec<usize> = (0..parts.len()).collect();
    idx.sort_by_key(|&i| (parts[i].dispnum, i));
    let fatality: BTreeMap<u32, Option<i8>> = r
        .mid_disputes
        .iter()
        .map(|d| (d.dispnum, d.fatality))
        .collect();
    let mut out = Vec::new();
    for group in idx.chunk_by(|&a, &b| parts[a].dispnum == parts[b].dispnum) {
        let ps: Vec<&MidParticipant> = group.iter().map(|&i| &parts[i]).collect();
        let fatality = fatality.get(&ps[0].dispnum).copied().flatten();
        dispute_incidents(&ps, fatality, &mut out);
    }
    out
}

/// A participant with its entry and exit as day ranges.
struct Spell<'a> {
    p: &'a MidParticipant,
    start: (Day, Day),
    end: (Day, Day),
}

impl Spell<'_> {
    /// Whether the participant may have taken part at some day of `[e, l]`.
    fn active(&self, (e, l): (Day, Day)) -> bool {
        self.start.0 <= l && self.end.1 >= e
    }
}

fn dispute_incidents(ps: &[&MidParticipant], fatality: Option<i8>, out: &mut Vec<RecordIncident>) {
    let spells: Vec<Spell> = ps
        .iter()
        .filter_map(|p| {
            Some(Spell {
                p,
                start: range(&p.start)?,
                end: range(&p.end)?,
            })
        })
        .collect();
    let side_a: Vec<&Spell> = spells.iter().filter(|s| s.p.side_a).collect();
    let side_b: Vec<&Spell> = spells.iter().filter(|s| !s.p.side_a).collect();
    let originators: Vec<&Spell> = side_a.iter().copied().filter(|s| s.p.originator).collect();
    let dispnum = ps[0].dispnum;
    let mut push = |attackers: &[&Spell], target: &Spell, (e, l): (Day, Day), entry: Entry| {
        let hostility = attackers
            .iter()
            .map(|a| hostility(a.p.hiact))
            .max()
            .unwrap_or(1);
        let hiact = attackers.iter().map(|a| a.p.hiact).max().unwrap_or(0);
        let Some(force) = crate::gravity::mid_force(hostility, hiact, fatality) else {
            return;
        };
        let mut codes: Vec<Ccode> = attackers.iter().map(|a| a.p.ccode).collect();
        codes.sort_unstable();
        codes.dedup();
        out.push(RecordIncident {
            incident: incident(codes, target.p.ccode, e, force),
            latest: l.max(e),
            source: Source::Mid,
            dispute: dispnum,
            hostility,
            entry,
        });
    };
    for t in &side_b {
        if t.p.originator && !originators.is_empty() {
            // On the first day: never before the attackers' own start.
            let e = t.start.0.max(
                originators
                    .iter()
                    .map(|a| a.start.0)
                    .min()
                    .unwrap_or(t.start.0),
            );
            let l = t.start.1.max(
                originators
                    .iter()
                    .map(|a| a.start.1)
                    .min()
                    .unwrap_or(t.start.1),
            );
            push(&originators, t, (e, l), Entry::Origin);
        } else {
            let active: Vec<&Spell> = side_a
                .iter()
                .copied()
                .filter(|a| a.active(t.start))
                .collect();
            if !active.is_empty() {
                let entry = if t.p.originator {
                    Entry::Origin
                } else {
                    Entry::TargetJoins
                };
                push(&active, t, t.start, entry);
            }
        }
    }
    for j in side_a.iter().filter(|s| !s.p.originator) {
        for t in side_b.iter().filter(|t| t.active(j.start)) {
            let when = (j.start.0.max(t.start.0), j.start.1.max(t.start.1));
            push(&[j], t, when, Entry::AttackerJoins);
        }
    }
}

/// Incidents from COW war onsets, in war order.
pub fn war_incidents(r: &Record) -> Vec<RecordIncident> {
    let wars = &r.wars;
    let mut idx: Vec<usize> = (0..wars.len()).collect();
    idx.sort_by_key(|&i| (wars[i].warnum, i));
    let mut out = Vec::new();
    for group in idx.chunk_by(|&a, &b| wars[a].warnum == wars[b].warnum) {
        let rows: Vec<&WarDyadYear> = group.iter().map(|&i| &wars[i]).collect();
        let Some(init_side) = rows.iter().find(|w| w.initiator1).map(|w| w.side1) else {
            continue;
        };
        let first_year = rows.iter().map(|w| w.year).min().unwrap_or(0);
        let mut entered: BTreeMap<Ccode, i16> = BTreeMap::new();
        for w in &rows {
            let y = entered.entry(w.ccode1).or_insert(w.year);
            *y = (*y).min(w.year);
        }
        let mut attacks: BTreeMap<(i16, Ccode), Vec<Ccode>> = BTreeMap::new();
        for w in rows
            .iter()
            .filter(|w| w.onset && w.side1 == init_side && w.side2 != init_side)
        {
            attacks
                .entry((w.year, w.ccode2))
                .or_default()
                .push(w.ccode1);
        }
        for ((year, target), mut attackers) in attacks {
            attackers.sort_unstable();
            attackers.dedup();
            let entry = if year == first_year {
                Entry::Origin
            } else if entered.get(&target) == Some(&year) {
                Entry::TargetJoins
            } else {
                Entry::AttackerJoins
            };
            let (e, l) = (
                Day::first_of_year(year as i32),
                Day::last_of_year(year as i32),
            );
            out.push(RecordIncident {
                incident: incident(attackers, target, e, Force::ArmedAttack),
                latest: l,
                source: Source::War,
                dispute: rows[0].warnum,
                hostility: 5,
                entry,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
