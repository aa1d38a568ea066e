//! One scenario invoked: exactly what `casus invoke --format json` prints and
//! `/api/invoke` serves (`casus.invoke/1`, docs/invoke.md).

use crate::{Request, Result, Scenario};
use casus_core::view::{ActorView, InvokeView};
use casus_core::World;

/// Resolves and invokes the request; `all` also lists clauses checked and not triggered.
pub fn invoke_view(world: &World, req: &Request, all: bool) -> Result<InvokeView> {
    let sc = Scenario::build(world, req)?;
    let engine = sc.engine();
    let response = engine.respond(&sc.incident, sc.options(all));
    Ok(InvokeView::new(
        &sc.world,
        &engine.treaties,
        &sc.incident,
        &response,
    ))
}

/// The attackers in words, as the CLI and the report print them: `Russia (RUS)`, or
/// `Wagner (non-state)`.
pub fn attacker_names(v: &InvokeView) -> Vec<String> {
    v.incident
        .attackers
        .iter()
        .map(|a| match a {
            ActorView::State(s) => format!("{} ({})", s.name, s.abb),
            ActorView::NonState { name } => format!("{name} (non-state)"),
        })
        .collect()
}
