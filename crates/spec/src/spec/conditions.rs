//! Conditions: what must hold for a clause to apply, after ATOP's condition codes
//! (`docs/spec.md`, "Conditions"). A bare string names a condition without parameters;
//! a table `{ type = "...", ... }` one with them.

use super::scopes::regions;
use super::state;
use crate::walk::{choice_hint, Ctx, Field, Tbl};
use casus_core::treaty::Condition;
use casus_core::{Ccode, StateSystem};

pub(crate) const CONDITION_KEYS: &[&str] = &[
    "type",
    "states",
    "non-state",
    "regions",
    "min",
    "code",
    "description",
];
const SIMPLE_CONDITIONS: &[&str] = &[
    "non-provocation",
    "obligor-not-at-war",
    "non-compliance",
    "attacker-is-party",
];
const CONDITION_TYPES: &[&str] = &[
    "adversary",
    "location",
    "non-provocation",
    "attackers",
    "obligor-not-at-war",
    "non-compliance",
    "attacker-is-party",
    "unrecorded",
];

/// A condition written as a bare string: only those without parameters.
fn bare(cx: &mut Ctx, f: &Field) -> Option<Condition> {
    let s = f.str(cx)?;
    match s {
        "non-provocation" => Some(Condition::NonProvocation),
        "obligor-not-at-war" => Some(Condition::ObligorNotAtWar),
        "non-compliance" => Some(Condition::NonCompliance),
        "attacker-is-party" => Some(Condition::AttackerIsParty),
        "adversary" | "location" | "attackers" | "unrecorded" => {
            let eg = match s {
                "adversary" => "{ type = \"adversary\", states = [\"RUS\"] }",
                "location" => "{ type = \"location\", regions = [\"europe\"] }",
                "attackers" => "{ type = \"attackers\", min = 2 }",
                _ => "{ type = \"unrecorded\", code = \"...\", description = \"...\" }",
            };
            cx.error(
                &f.span,
                &f.path,
                format!("the `{s}` condition needs parameters"),
                Some(format!("write {eg}")),
            );
            None
        }
        _ => {
            cx.error(
                &f.span,
                &f.path,
                format!("unknown condition `{s}`"),
                Some(choice_hint(s, CONDITION_TYPES)),
            );
            None
        }
    }
}

/// One condition: a bare name (no parameters) or a table with `type` and its parameters.
pub(super) fn condition(cx: &mut Ctx, states: &StateSystem, f: &Field) -> Option<Condition> {
    if let crate::walk::Node::Value(toml_edit::Value::String(_)) = f.node {
        return bare(cx, f);
    }
    let t = f.table(cx, CONDITION_KEYS)?;
    let tf = t.req(cx, "type")?;
    let ty = tf.str(cx)?;
    let allowed: &[&str] = match ty {
        "adversary" => &["states", "non-state"],
        "location" => &["regions"],
        "attackers" => &["min"],
        "unrecorded" => &["code", "description"],
        t if SIMPLE_CONDITIONS.contains(&t) => &[],
        _ => {
            cx.error(
                &tf.span,
                &tf.path,
                format!("unknown condition `{ty}`"),
                Some(choice_hint(ty, CONDITION_TYPES)),
            );
            return None;
        }
    };
    let bad = misplaced(cx, &t, ty, allowed);
    let c = match ty {
        "adversary" => {
            let list = t
                .get("states")
                .and_then(|s| s.list(cx, true))
                .unwrap_or_default();
            let n = list.len();
            let st: Vec<Ccode> = list.iter().filter_map(|s| state(cx, states, s)).collect();
            let non_state = t.get("non-state").and_then(|b| b.bool(cx)).unwrap_or(false);
            if st.len() != n {
                return None;
            }
            Condition::Adversary {
                states: st,
                non_state,
            }
        }
        "location" => Condition::Location {
            regions: t
                .get("regions")
                .map(|r| regions(cx, &r))
                .unwrap_or_default(),
        },
        "attackers" => {
            let mf = t.req(cx, "min")?;
            let m = mf.int(cx)?;
            if !(1..=255).contains(&m) {
                cx.error(
                    &mf.span,
                    &mf.path,
                    format!("{m} is not between 1 and 255"),
                    None,
                );
                return None;
            }
            Condition::Attackers { min: m as u8 }
        }
        "unrecorded" => {
            let code = t.req(cx, "code").and_then(|f| f.text(cx));
            let description = t.req(cx, "description").and_then(|f| f.text(cx));
            Condition::Unrecorded {
                code: code?,
                description: description?,
            }
        }
        "non-provocation" => Condition::NonProvocation,
        "obligor-not-at-war" => Condition::ObligorNotAtWar,
        "attacker-is-party" => Condition::AttackerIsParty,
        _ => Condition::NonCompliance,
    };
    (!bad).then_some(c)
}

pub(super) fn conditions(cx: &mut Ctx, states: &StateSystem, f: &Field) -> Vec<Condition> {
    f.list(cx, false)
        .unwrap_or_default()
        .iter()
        .filter_map(|c| condition(cx, states, c))
        .collect()
}

/// Reports parameters that do not apply to a condition of type `ty`; true if there were any.
fn misplaced(cx: &mut Ctx, t: &Tbl, ty: &str, allowed: &[&str]) -> bool {
    let mut bad = false;
    for k in t.keys() {
        if k != "type" && CONDITION_KEYS.contains(&k) && !allowed.contains(&k) {
            let Some(kf) = t.get(k) else { continue };
            let hint = if allowed.is_empty() {
                format!("a `{ty}` condition takes no parameters")
            } else {
                format!(
                    "a `{ty}` condition takes {}",
                    allowed
                        .iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            cx.error(
                &t.key_span(k),
                &kf.path,
                format!("`{k}` does not apply to a `{ty}` condition"),
                Some(hint),
            );
            bad = true;
        }
    }
    bad
}
