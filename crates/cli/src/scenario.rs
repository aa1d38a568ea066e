//! The incident and treaty set a scenario command (`invoke`, `compare`, `report`) works on.

use anyhow::{bail, Context, Result};
use casus_core::engine::Engine;
use casus_core::incident::{Actor, Incident, Place};
use casus_core::{Day, World};

/// Flags that describe one attack and the guarantees to invoke for it.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ScenarioArgs {
    /// Attacking state (USA, 2, "United States") or `non-state:NAME`; repeat for several.
    #[arg(long = "attacker", value_name = "STATE")]
    pub attackers: Vec<String>,
    /// The attacked state.
    #[arg(long)]
    pub target: Option<String>,
    /// Day of the attack, YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<Day>,
    /// Where the attack lands: territory, occupied, region:NAME (europe, north-america,
    /// central-america, south-america, north-atlantic, middle-east, africa, asia, pacific,
    /// americas), sea[:REGION], forces-abroad[:REGION].
    #[arg(long, default_value = "territory")]
    pub place: String,
    /// An incident of the library (`casus incidents` lists them) instead of the flags above.
    #[arg(long, conflicts_with_all = ["attackers", "target", "date"])]
    pub incident: Option<String>,
    /// A guarantee to add: a spec file, a library id (nato, ukraine-b) or an ATOP id.
    #[arg(long = "spec", value_name = "FILE|ID")]
    pub specs: Vec<String>,
    /// Invoke only the given specs, not every treaty in force.
    #[arg(long, requires = "specs")]
    pub only_specs: bool,
}

/// A resolved scenario: the world (with user specs added), the incident, the treaty ids.
pub struct Scenario {
    pub world: World,
    pub incident: Incident,
    pub chosen: Vec<String>,
    pub only: bool,
}

/// Parses `--attacker`: a state name or `non-state:NAME`.
pub fn actor(w: &World, s: &str) -> Result<Actor> {
    if let Some(name) = s.strip_prefix("non-state:") {
        if name.trim().is_empty() {
            bail!("`non-state:` needs a name, e.g. non-state:al-Qaeda");
        }
        return Ok(Actor::NonState(name.trim().to_string()));
    }
    Ok(Actor::State(w.states.resolve(s).with_context(|| format!("--attacker {s}"))?))
}

impl Scenario {
    pub fn build(mut world: World, a: &ScenarioArgs) -> Result<Scenario> {
        let chosen = crate::specs::add_specs(&mut world, &a.specs)?;
        let incident = match &a.incident {
            Some(id) => world.incidents.iter().find(|i| i.id.as_deref() == Some(id)).cloned().with_context(|| {
                format!(
                    "no incident `{id}` in the library; known: {}",
                    world.incidents.iter().filter_map(|i| i.id.as_deref()).collect::<Vec<_>>().join(", ")
                )
            })?,
            None => {
                if a.attackers.is_empty() {
                    bail!("give --attacker STATE (or --incident ID)");
                }
                let target = a.target.as_deref().context("give --target STATE")?;
                let date = a.date.context("give --date YYYY-MM-DD")?;
                if date < world.states.first_day {
                    bail!("--date {date} is before the state system begins ({})", world.states.first_day);
                }
                let target = world.states.resolve(target).with_context(|| format!("--target {target}"))?;
                let attackers = a.attackers.iter().map(|s| actor(&world, s)).collect::<Result<Vec<_>>>()?;
                if attackers.iter().any(|x| x.state() == Some(target)) {
                    bail!("the target {} cannot also be an attacker", world.states.abb(target));
                }
                let place = Place::parse(&a.place).map_err(|e| anyhow::anyhow!("--place: {e}"))?;
                let mut inc = Incident::new(attackers[0].clone(), target, date, place);
                inc.attackers = attackers;
                inc
            }
        };
        Ok(Scenario { world, incident, chosen, only: a.only_specs })
    }

    /// An engine over the chosen treaty set.
    pub fn engine(&self) -> Engine<'_> {
        let ids: Vec<&str> = self.chosen.iter().map(String::as_str).collect();
        Engine::new(&self.world, self.world.treaty_set(&ids, self.only))
    }
}
