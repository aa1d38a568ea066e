//! Guarantee variants side by side for one incident.

use crate::scenario::{Request, Scenario};
use crate::{input, Result};
use casus_core::compare::{likeness, Likeness};
use casus_core::engine::{Engine, Status};
use casus_core::treaty::Strength;
use casus_core::view::{InvokeView, StateRef};
use casus_core::World;

/// One variant's result.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Variant {
    /// Treaty id of the variant.
    pub spec: String,
    /// Treaty name of the variant.
    pub name: String,
    /// States obliged by the variant itself (triggered), and those undetermined.
    pub triggered: Vec<StateRef>,
    /// States whose obligation under the variant is undetermined.
    pub undetermined: Vec<StateRef>,
    /// The strongest triggered strength, if any.
    pub strongest: Option<Strength>,
    /// Members blocking an accession the variant needs.
    pub blocked_by: Vec<StateRef>,
    /// Everyone on the defence side after the cascade (all treaties in force + the variant).
    pub side_b: Vec<StateRef>,
    /// CINC share of the attackers' side after the cascade, 0..1.
    pub cinc_a: f64,
    /// CINC share of the defence side after the cascade, 0..1.
    pub cinc_b: f64,
    /// Clause-by-clause likeness of the variant's main clause to NATO Art. 5.
    pub like_nato_art5: Likeness,
    /// The full invocation with the variant added.
    pub invocation: InvokeView,
}

/// The comparison (`casus compare --format json`, `/api/compare`).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Comparison {
    /// Always `casus.compare/1`.
    pub schema: &'static str,
    /// One entry per variant, in the order given.
    pub variants: Vec<Variant>,
    /// The reading of the response every variant was run under.
    pub response: casus_core::engine::Reading,
}

fn unique(v: impl Iterator<Item = StateRef>) -> Vec<StateRef> {
    let mut seen = std::collections::HashSet::new();
    v.filter(|s| seen.insert(s.ccode)).collect()
}

/// Invokes each variant on top of every treaty in force (so the attacker's allies and the
/// cascade are real) and lists the variant's own obligations.
pub fn compare(world: &World, r: &Request) -> Result<Comparison> {
    if !(2..=8).contains(&r.specs.len()) {
        return Err(input(format!(
            "compare needs two to eight specs (got {})",
            r.specs.len()
        )));
    }
    let sc = Scenario::build(world, r)?;
    let nato = sc
        .world
        .treaty("nato")
        .ok_or_else(|| input("the library spec `nato` is missing"))?;
    let art5 = nato
        .clauses
        .iter()
        .find(|c| c.article == "5")
        .ok_or_else(|| input("the `nato` spec has no Art. 5"))?;
    let mut variants = Vec::new();
    for id in &sc.chosen {
        let engine = Engine::new(&sc.world, sc.world.treaty_set(&[id.as_str()], false));
        let resp = engine.respond(&sc.incident, sc.options(false));
        let view = InvokeView::new(&sc.world, &engine.treaties, &sc.incident, &resp);
        let t = sc.world.treaty(id).expect("chosen ids exist in the world");
        let own = || view.obligations.iter().filter(|o| &o.treaty.id == id);
        let blocked_by = unique(
            view.accessions
                .iter()
                .filter(|x| &x.treaty == id && !x.admitted)
                .flat_map(|x| x.objecting.iter().chain(&x.undecided).cloned()),
        );
        variants.push(Variant {
            spec: id.clone(),
            name: t.name.clone(),
            triggered: unique(
                own()
                    .filter(|o| o.status == Status::Triggered)
                    .map(|o| o.obligor.clone()),
            ),
            undetermined: unique(
                own()
                    .filter(|o| o.status == Status::Undetermined)
                    .map(|o| o.obligor.clone()),
            ),
            strongest: own()
                .filter(|o| o.status == Status::Triggered)
                .map(|o| o.strength)
                .max(),
            blocked_by,
            side_b: view.sides.b.clone(),
            cinc_a: view.balance.side_a.cinc,
            cinc_b: view.balance.side_b.cinc,
            like_nato_art5: likeness(t, art5),
            invocation: view,
        });
    }
    Ok(Comparison {
        schema: "casus.compare/1",
        variants,
        response: sc.reading,
    })
}
