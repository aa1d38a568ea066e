//! A scenario: the incident and the guarantees to invoke for it.

use crate::{input, AppError, Result};
use casus_core::engine::{Engine, Options, Reading};
use casus_core::incident::{Actor, Incident, Place};
use casus_core::treaty::Origin;
use casus_core::World;
use std::borrow::Cow;

/// A guarantee named by the user: a treaty id of the world (`nato`, `atop:3180`, `3180`)
/// or the text of a spec file.
#[derive(Clone, Debug, PartialEq)]
pub enum SpecInput {
    /// A treaty id of the world.
    Id(String),
    /// The text of a spec file, with the name used in error messages.
    Text {
        /// Name of the file, for error messages.
        file: String,
        /// The spec's TOML text.
        text: String,
    },
}

/// What the user asked for, as plain strings (from flags or a query string).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Request {
    /// State names or `non-state:NAME`.
    pub attackers: Vec<String>,
    /// The state attacked (name, abbreviation or code); required unless `incident` is given.
    pub target: Option<String>,
    /// Day of the attack, `YYYY-MM-DD`; required unless `incident` is given.
    pub date: Option<String>,
    /// `territory` when absent.
    pub place: Option<String>,
    /// A library incident instead of attackers/target/date/place.
    pub incident: Option<String>,
    /// Guarantees to add to (or, with `only_specs`, to replace) the treaties in force.
    pub specs: Vec<SpecInput>,
    /// Only the given specs, not every treaty in force.
    pub only_specs: bool,
    /// The reading of the response: `legal` (default) or `escalation`.
    pub response: Option<String>,
}

/// A resolved scenario: the world (borrowed, or a copy with the user's spec texts added),
/// the incident, the chosen ids.
pub struct Scenario<'w> {
    /// The world, with the user's spec texts added if any.
    pub world: Cow<'w, World>,
    /// The incident to invoke.
    pub incident: Incident,
    /// Ids of the treaties the user named.
    pub chosen: Vec<String>,
    /// Invoke only the chosen treaties, not every treaty in force.
    pub only: bool,
    /// The reading of the response the request asked for.
    pub reading: Reading,
}

/// Parses a reading of the response: `legal` or `escalation`.
pub fn reading(s: Option<&str>) -> Result<Reading> {
    match s.map(str::trim) {
        None | Some("") => Ok(Reading::default()),
        Some(x) => Reading::parse(x).ok_or_else(|| {
            input(format!(
                "unknown response reading `{x}`: use {} (docs/invoke.md, \"The response\")",
                Reading::KEYWORDS.join(" or ")
            ))
        }),
    }
}

/// Parses an attacker: a state name or `non-state:NAME`.
pub fn actor(w: &World, s: &str) -> Result<Actor> {
    if let Some(name) = s.strip_prefix("non-state:") {
        if name.trim().is_empty() {
            return Err(input("`non-state:` needs a name, e.g. non-state:al-Qaeda"));
        }
        return Ok(Actor::NonState(name.trim().to_string()));
    }
    w.states
        .resolve(s)
        .map(Actor::State)
        .map_err(|e| input(format!("attacker: {e}")))
}

/// The attackers, each once: `RUS`, `365` and `Russia` name one state, and a state named
/// twice must not meet an `attackers min = 2` condition or count twice in the balance.
/// Order is kept (the first attacker leads the incident).
fn distinct_actors(w: &World, names: &[String]) -> Result<Vec<Actor>> {
    let mut out: Vec<Actor> = Vec::with_capacity(names.len());
    for s in names {
        let a = actor(w, s)?;
        if !out.contains(&a) {
            out.push(a);
        }
    }
    Ok(out)
}

/// Parses spec text and adds its treaty (and groups) to the world; returns the treaty id.
pub fn add_spec_text(world: &mut World, file: &str, text: &str) -> Result<String> {
    let spec = casus_spec::parse_spec(
        text,
        file,
        &world.states,
        &world.groups,
        Origin::User {
            file: file.to_string(),
        },
    )
    .map_err(AppError::Spec)?;
    let id = spec.treaty.id.clone();
    world.add_groups(spec.groups);
    world.add_treaties(vec![spec.treaty]);
    Ok(id)
}

/// The treaty id a `SpecInput::Id` names (`3180` means `atop:3180`).
fn id_of(world: &World, id: &str) -> Result<String> {
    crate::treaty::by_key(world, id)
        .map(|t| t.id.clone())
        .ok_or_else(|| input(format!("no treaty `{id}`: give a library id (see `casus treaty list`), an ATOP id or a spec file")))
}

/// Resolves the named specs into treaty ids, adding spec texts to the world; the world is
/// copied only when the first spec text arrives.
fn add_specs(world: &mut Cow<'_, World>, specs: &[SpecInput]) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for s in specs {
        match s {
            SpecInput::Id(id) => ids.push(id_of(world, id)?),
            SpecInput::Text { file, text } => ids.push(add_spec_text(world.to_mut(), file, text)?),
        }
    }
    Ok(ids)
}

impl<'w> Scenario<'w> {
    /// Resolves a request against `world`. The world is copied only when the request
    /// carries spec text to add; otherwise it is borrowed (serving many requests from one
    /// shared world costs no copy).
    pub fn build(world: &'w World, r: &Request) -> Result<Scenario<'w>> {
        let reading = reading(r.response.as_deref())?;
        let mut world = Cow::Borrowed(world);
        let chosen = add_specs(&mut world, &r.specs)?;
        if r.only_specs && chosen.is_empty() {
            return Err(input("--only-specs needs at least one --spec"));
        }
        let incident = match &r.incident {
            Some(id) => world
                .incidents
                .iter()
                .find(|i| i.id.as_deref() == Some(id.as_str()))
                .cloned()
                .ok_or_else(|| {
                    input(format!(
                        "no incident `{id}` in the library; known: {}",
                        world
                            .incidents
                            .iter()
                            .filter_map(|i| i.id.as_deref())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?,
            None => {
                if r.attackers.is_empty() {
                    return Err(input("give an attacker (or a library incident)"));
                }
                let target = r
                    .target
                    .as_deref()
                    .filter(|t| !t.trim().is_empty())
                    .ok_or_else(|| input("give a target state"))?;
                let date = r
                    .date
                    .as_deref()
                    .ok_or_else(|| input("give a date, YYYY-MM-DD"))?;
                let date = crate::day::parse(date).map_err(|e| input(format!("date: {e}")))?;
                if date < world.states.first_day {
                    return Err(input(format!(
                        "date {date} is before the state system begins ({})",
                        world.states.first_day
                    )));
                }
                let target = world
                    .states
                    .resolve(target)
                    .map_err(|e| input(format!("target: {e}")))?;
                let attackers = distinct_actors(&world, &r.attackers)?;
                if attackers.iter().any(|x| x.state() == Some(target)) {
                    return Err(input(format!(
                        "the target {} cannot also be an attacker",
                        world.states.abb(target)
                    )));
                }
                let place = Place::parse(r.place.as_deref().unwrap_or("territory"))
                    .map_err(|e| input(format!("place: {e}")))?;
                let mut inc = Incident::new(attackers[0].clone(), target, date, place);
                inc.attackers = attackers;
                inc
            }
        };
        Ok(Scenario {
            world,
            incident,
            chosen,
            only: r.only_specs,
            reading,
        })
    }

    /// Evaluation options for this scenario: traces on, the reading it asked for.
    pub fn options(&self, all: bool) -> Options {
        Options {
            all,
            reading: self.reading,
            ..Options::default()
        }
    }

    /// An engine over the chosen treaty set.
    pub fn engine(&self) -> Engine<'_> {
        let ids: Vec<&str> = self.chosen.iter().map(String::as_str).collect();
        Engine::new(&self.world, self.world.treaty_set(&ids, self.only))
    }
}
