//! One scenario invoked: exactly what `casus invoke --format json` prints and
//! `/api/invoke` serves (`casus.invoke/1`, docs/invoke.md).

use crate::{Request, Result, Scenario};
use casus_core::incident::Incident;
use casus_core::view::{ActorView, InvokeView};
use casus_core::World;

/// Resolves and invokes the request; `all` also lists clauses checked and not triggered.
pub fn invoke_view(world: &World, req: &Request, all: bool) -> Result<InvokeView> {
    let sc = Scenario::build(world, req)?;
    let warnings = membership_warnings(&sc.world, &sc.incident);
    let engine = sc.engine();
    let response = engine.respond(&sc.incident, sc.options(all));
    let mut view = InvokeView::new(&sc.world, &engine.treaties, &sc.incident, &response);
    view.warnings = warnings;
    Ok(view)
}

/// A warning for each attacker or target that is not a member of the state system on the
/// day (Ukraine in 1816, West Germany in 2025): treaties and capabilities are looked up
/// as asked, but the answer is likely not what was meant. After the state list ends
/// (2016-12-31) the system is taken as unchanged, so a state alive then counts as a member.
pub fn membership_warnings(w: &World, inc: &Incident) -> Vec<String> {
    let day = inc.date;
    let after = if day > w.states.last_day {
        format!(
            " (the state list ends on {}; membership is carried forward)",
            w.states.last_day
        )
    } else {
        String::new()
    };
    inc.attacker_states()
        .map(|s| ("attacker", s))
        .chain(std::iter::once(("target", inc.target)))
        .filter(|&(_, s)| !w.states.is_member(s, day))
        .map(|(role, s)| {
            format!(
                "the {role} {} ({}) is not a member of the state system on {day}{after}",
                w.states.name(s),
                w.states.abb(s)
            )
        })
        .collect()
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
