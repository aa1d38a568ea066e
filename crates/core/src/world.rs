//! The in-memory world every command works on: the record, the state system, treaties,
//! groups and the incident library.

use crate::record::{Ccode, Record};
use crate::states::StateSystem;
use crate::treaty::{Group, Treaty};

/// Everything casus knows, loaded once and shared read-only.
#[derive(Clone, Debug, Default)]
pub struct World {
    pub record: Record,
    pub states: StateSystem,
    /// ATOP alliances (as `atop:<id>`) followed by the built-in library.
    pub treaties: Vec<Treaty>,
    pub groups: Vec<Group>,
}

impl World {
    /// Builds the world from the record; ATOP treaties are derived, library specs and
    /// groups are added by the caller.
    pub fn from_record(record: Record, aliases: &[(String, Ccode)]) -> World {
        let states = StateSystem::new(&record.states, aliases);
        let treaties = crate::atop::treaties(&record.atop5);
        World { record, states, treaties, groups: Vec::new() }
    }

    pub fn treaty(&self, id: &str) -> Option<&Treaty> {
        self.treaties.iter().find(|t| t.id == id)
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }
}
