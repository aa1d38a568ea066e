//! Incidents: who attacks whom, when, where, and how hard.

use crate::day::Day;
use crate::record::Ccode;
use crate::treaty::Region;
use serde::Serialize;

/// An attacker: a state, or a non-state group (NATO's 2001 invocation followed an attack by
/// al-Qaeda).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "id")]
pub enum Actor {
    /// A state (COW code).
    State(Ccode),
    /// A non-state actor, by name (al-Qaeda).
    NonState(String),
}

impl Actor {
    /// The state's code; `None` for a non-state actor.
    pub fn state(&self) -> Option<Ccode> {
        match self {
            Actor::State(c) => Some(*c),
            Actor::NonState(_) => None,
        }
    }
}

/// Where the attack lands, relative to the target.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "region")]
pub enum Place {
    /// The target's home territory, under its control.
    Territory,
    /// Territory the target claims and the world recognises but does not control
    /// (occupied Crimea after 2014).
    Occupied,
    /// The target's territory in a given region (Hawaii: `pacific` for the USA).
    Region(Region),
    /// The target's vessels or aircraft at sea, optionally in a region.
    Sea(Option<Region>),
    /// The target's forces stationed abroad, optionally in a region.
    ForcesAbroad(Option<Region>),
}

impl Place {
    /// Parses `territory`, `occupied`, `region:pacific`, `sea`, `sea:north-atlantic`,
    /// `forces-abroad`, `forces-abroad:middle-east`.
    pub fn parse(s: &str) -> Result<Place, String> {
        let (head, tail) = match s.split_once(':') {
            Some((h, t)) => (h, Some(t)),
            None => (s, None),
        };
        let region = |t: Option<&str>| -> Result<Option<Region>, String> {
            t.map(|t| {
                Region::parse(t).ok_or_else(|| {
                    format!(
                        "unknown region `{t}`; regions: {}",
                        Region::ALL
                            .iter()
                            .map(|r| r.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
            })
            .transpose()
        };
        match head {
            "territory" if tail.is_none() => Ok(Place::Territory),
            "occupied" if tail.is_none() => Ok(Place::Occupied),
            "region" => region(tail)?.map(Place::Region).ok_or_else(|| "`region:` needs a region name, e.g. region:pacific".into()),
            "sea" => Ok(Place::Sea(region(tail)?)),
            "forces-abroad" => Ok(Place::ForcesAbroad(region(tail)?)),
            _ => Err(format!(
                "unknown place `{s}`; use territory, occupied, region:NAME, sea[:REGION] or forces-abroad[:REGION]"
            )),
        }
    }

    /// The place as the command line spells it (`sea:north-atlantic`); [`Place::parse`] reads it back.
    pub fn label(&self) -> String {
        match self {
            Place::Territory => "territory".into(),
            Place::Occupied => "occupied".into(),
            Place::Region(r) => format!("region:{}", r.as_str()),
            Place::Sea(None) => "sea".into(),
            Place::Sea(Some(r)) => format!("sea:{}", r.as_str()),
            Place::ForcesAbroad(None) => "forces-abroad".into(),
            Place::ForcesAbroad(Some(r)) => format!("forces-abroad:{}", r.as_str()),
        }
    }
}

/// How much force: from the MID hostility scale, 4 (use of force) and 5 (war) are attacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Force {
    /// A threat or display of force (MID hostility 2–3): triggers only "any use of force" clauses.
    Threat,
    /// A use of force below the gravity of an armed attack ("less grave forms of the use of
    /// force", ICJ Nicaragua 1986 para. 191): triggers only "any use of force" clauses. The
    /// backtest gives it to record incidents below the gravity threshold (docs/backtest.md).
    LessGraveUseOfForce,
    /// Use of force short of war (MID hostility 4), as a user or the library codes it.
    UseOfForce,
    /// An armed attack (the default for a user's incident; MID hostility 5 = war).
    ArmedAttack,
}

crate::keywords!(Force {
    Threat => "threat",
    LessGraveUseOfForce => "less-grave-use-of-force",
    UseOfForce => "use-of-force",
    ArmedAttack => "armed-attack",
});

/// One attack to invoke guarantees for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Incident {
    /// Library id (`ukraine-2022`) or `None` for a user's incident.
    pub id: Option<String>,
    /// Who attacks: one or more states or non-state actors.
    pub attackers: Vec<Actor>,
    /// The state attacked (COW code).
    pub target: Ccode,
    /// Day of the attack.
    pub date: Day,
    /// Where the attack happens.
    pub place: Place,
    /// How much force is used.
    pub force: Force,
    /// Whether the target provoked the attack, when known (for non-provocation conditions).
    pub provoked: Option<bool>,
    /// What happened, in words.
    pub description: Option<String>,
    /// Where the facts come from.
    pub sources: Vec<String>,
}

impl Incident {
    /// A user's incident: one attacker, armed attack, nothing else known.
    pub fn new(attacker: Actor, target: Ccode, date: Day, place: Place) -> Incident {
        Incident {
            id: None,
            attackers: vec![attacker],
            target,
            date,
            place,
            force: Force::ArmedAttack,
            provoked: None,
            description: None,
            sources: vec![],
        }
    }

    /// The attacking states, leaving out non-state actors.
    pub fn attacker_states(&self) -> impl Iterator<Item = Ccode> + '_ {
        self.attackers.iter().filter_map(Actor::state)
    }
}
