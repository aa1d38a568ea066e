//! The incident library format: `[[incident]]` tables (treaties/incidents.toml).

use crate::spec::{attack, id, Attack};
use crate::walk::{Ctx, Field};
use casus_core::incident::Incident;
use casus_core::StateSystem;

pub(crate) const INCIDENT_KEYS: &[&str] = &[
    "id",
    "attacker",
    "attackers",
    "target",
    "date",
    "place",
    "force",
    "provoked",
    "description",
    "source",
    "sources",
];

pub(crate) fn incidents(cx: &mut Ctx, states: &StateSystem, list: &[Field]) -> Vec<Incident> {
    let mut out: Vec<(Incident, usize)> = Vec::new();
    for f in list {
        let Some(t) = f.table(cx, INCIDENT_KEYS) else {
            continue;
        };
        let idf = t.req(cx, "id");
        let iid = idf.as_ref().and_then(|f| id(cx, f));
        if let (Some(i), Some(idf)) = (&iid, &idf) {
            if let Some((_, line)) = out
                .iter()
                .find(|(x, _)| x.id.as_deref() == Some(i.as_str()))
            {
                cx.error(
                    &idf.span,
                    &idf.path,
                    format!("incident `{i}` is already defined on line {line}"),
                    None,
                );
            }
        }
        let Attack {
            attackers,
            target,
            date,
            place,
            force,
            provoked,
        } = attack(cx, states, &t);
        let description = t.get("description").and_then(|f| f.text(cx));
        let mut sources = Vec::new();
        for key in ["source", "sources"] {
            if let Some(f) = t.get(key) {
                sources.extend(
                    f.strings(cx)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(s, _)| s),
                );
            }
        }
        let line = cx.line_of(&f.span);
        if let (Some(iid), Some(target), Some(date), Some(place), Some(force)) =
            (iid, target, date, place, force)
        {
            if attackers.is_empty() {
                continue;
            }
            out.push((
                Incident {
                    id: Some(iid),
                    attackers,
                    target,
                    date,
                    place,
                    force,
                    provoked,
                    description,
                    sources,
                },
                line,
            ));
        }
    }
    out.into_iter().map(|x| x.0).collect()
}
