//! The in-memory world every command works on: the record, the state system, treaties,
//! groups and the incident library.

use crate::incident::Incident;
use crate::record::{Ccode, Record};
use crate::states::StateSystem;
use crate::treaty::{Group, Treaty};

/// Everything casus knows, loaded once and shared read-only.
#[derive(Clone, Debug, Default)]
pub struct World {
    /// The bundled datasets as parsed.
    pub record: Record,
    /// The COW state system with its name resolver.
    pub states: StateSystem,
    /// ATOP alliances (as `atop:<id>`) followed by the built-in library.
    pub treaties: Vec<Treaty>,
    /// Named, dated groups of states (the EU).
    pub groups: Vec<Group>,
    /// The incident library (recent facts after the datasets end, and classic cases).
    pub incidents: Vec<Incident>,
    /// ATOP directed dyad-year obligations keyed for binary search, built on first use and
    /// then shared by every engine over this world.
    atop_index: std::sync::OnceLock<Vec<(u64, u8)>>,
    /// The last year of ATOP's directed dyad-year file, found on first use.
    atop_last_year: std::sync::OnceLock<Option<i32>>,
}

fn dyad_key(a: Ccode, b: Ccode, year: i32) -> u64 {
    ((a as u64) << 32) | ((b as u64) << 16) | (year as u16 as u64)
}

impl World {
    /// Builds the world from the record; ATOP treaties are derived, library specs and
    /// groups are added by the caller.
    pub fn from_record(record: Record, aliases: &[(String, Ccode)]) -> World {
        let states = StateSystem::new(&record.states, aliases);
        let treaties = crate::atop::treaties(&record.atop5);
        World {
            record,
            states,
            treaties,
            groups: Vec::new(),
            incidents: Vec::new(),
            atop_index: Default::default(),
            atop_last_year: Default::default(),
        }
    }

    /// ATOP's directed dyad-year obligation flags of `a` toward `b` in `year`
    /// ([`crate::record::obligation_bits`]), if the pair shares an alliance that year.
    pub fn atop_flags(&self, a: Ccode, b: Ccode, year: i32) -> Option<u8> {
        let v = self.atop_index.get_or_init(|| {
            let d = &self.record.atop_dyads;
            let mut v: Vec<(u64, u8)> = (0..d.len())
                .map(|i| {
                    (
                        dyad_key(d.ccode1[i], d.ccode2[i], d.year[i] as i32),
                        d.flags[i],
                    )
                })
                .collect();
            v.sort_unstable_by_key(|x| x.0);
            v
        });
        v.binary_search_by_key(&dyad_key(a, b, year), |x| x.0)
            .ok()
            .map(|i| v[i].1)
    }

    /// The last year ATOP's directed dyad-year file covers (2018 for ATOP 5.1), `None` when
    /// it is not loaded. Asymmetric alliances are checked against the file up to that year
    /// and carried forward as coded after it.
    pub fn atop_last_year(&self) -> Option<i32> {
        *self
            .atop_last_year
            .get_or_init(|| self.record.atop_dyads.year.iter().max().map(|&y| y as i32))
    }

    /// The treaty with this id (`nato`, `atop:3180`).
    pub fn treaty(&self, id: &str) -> Option<&Treaty> {
        self.treaties.iter().find(|t| t.id == id)
    }

    /// The treaties invoked when the user names none: every treaty in force or lapsed (not
    /// proposals), with an ATOP record left out when a library spec encodes the same
    /// alliance (NATO's spec replaces `atop:3180`).
    pub fn default_treaties(&self) -> Vec<&Treaty> {
        let encoded: Vec<u32> = self
            .treaties
            .iter()
            .filter(|t| !matches!(t.origin, crate::treaty::Origin::Atop { .. }))
            .filter_map(|t| t.atopid)
            .collect();
        self.treaties
            .iter()
            .filter(|t| t.status != crate::treaty::TreatyStatus::Proposed)
            .filter(|t| {
                !(matches!(t.origin, crate::treaty::Origin::Atop { .. })
                    && t.atopid.is_some_and(|a| encoded.contains(&a)))
            })
            .collect()
    }

    /// The treaties to invoke: the defaults (unless `only`) plus the chosen ones. A chosen
    /// treaty that encodes an ATOP alliance replaces every default treaty encoding the same
    /// alliance (a NATO-membership variant replaces `nato` and `atop:3180`).
    pub fn treaty_set(&self, chosen: &[&str], only: bool) -> Vec<&Treaty> {
        let picked: Vec<&Treaty> = chosen.iter().filter_map(|id| self.treaty(id)).collect();
        let mut out: Vec<&Treaty> = if only {
            Vec::new()
        } else {
            self.default_treaties()
        };
        out.retain(|t| {
            !picked
                .iter()
                .any(|p| p.id == t.id || (p.atopid.is_some() && p.atopid == t.atopid))
        });
        for p in picked {
            if !out.iter().any(|t| t.id == p.id) {
                out.push(p);
            }
        }
        out
    }

    /// Adds treaties, replacing any with the same id.
    pub fn add_treaties(&mut self, treaties: Vec<Treaty>) {
        for t in treaties {
            match self.treaties.iter_mut().find(|x| x.id == t.id) {
                Some(slot) => *slot = t,
                None => self.treaties.push(t),
            }
        }
    }

    /// Adds groups, replacing any with the same id.
    pub fn add_groups(&mut self, groups: Vec<Group>) {
        for g in groups {
            match self.groups.iter_mut().find(|x| x.id == g.id) {
                Some(slot) => *slot = g,
                None => self.groups.push(g),
            }
        }
    }

    /// The group with this id (`eu`).
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }
}
