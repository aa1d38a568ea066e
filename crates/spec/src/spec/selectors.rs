//! Selectors: who a clause binds and protects (`parties`, `role:NAME`, `group:NAME`,
//! `state:NAME`), checked against the spec's parties and groups (`docs/spec.md`, "Selectors").

use super::parties::unknown_group;
use super::resolve;
use crate::walk::{closest, Ctx, Field};
use casus_core::treaty::{Group, Party, Selector};
use casus_core::{Ccode, StateSystem};
use std::collections::BTreeSet;

/// Names in a clause's selectors, checked against the spec's parties and groups.
pub(super) struct Names<'g> {
    pub roles: BTreeSet<String>,
    pub groups: Vec<&'g Group>,
    pub parties: Vec<Party>,
}

impl Names<'_> {
    /// Every state a selector list could ever pick (for the obligor = beneficiary check).
    pub fn possible(&self, sel: &[Selector]) -> BTreeSet<Ccode> {
        let mut out = BTreeSet::new();
        for s in sel {
            match s {
                Selector::Parties => out.extend(self.parties.iter().map(|p| p.ccode)),
                Selector::Role(r) => out.extend(
                    self.parties
                        .iter()
                        .filter(|p| p.roles.contains(r))
                        .map(|p| p.ccode),
                ),
                Selector::Group(g) => out.extend(
                    self.groups
                        .iter()
                        .filter(|x| &x.id == g)
                        .flat_map(|x| x.members.iter().map(|m| m.ccode)),
                ),
                Selector::State(c) => {
                    out.insert(*c);
                }
            }
        }
        out
    }
}

pub(super) fn selector(
    cx: &mut Ctx,
    states: &StateSystem,
    f: &Field,
    names: &Names,
) -> Option<Selector> {
    let s = f.text(cx)?;
    if s == "parties" {
        return Some(Selector::Parties);
    }
    if let Some(r) = s.strip_prefix("role:") {
        let r = r.trim();
        if names.roles.contains(r) {
            return Some(Selector::Role(r.to_string()));
        }
        let hint = match closest(r, names.roles.iter().map(String::as_str)) {
            Some(c) => Some(format!("did you mean `role:{c}`?")),
            None if names.roles.is_empty() => {
                Some("no party has any role; give parties `roles = [\"...\"]`".into())
            }
            None => Some(format!(
                "roles in this spec: {}",
                names.roles.iter().cloned().collect::<Vec<_>>().join(", ")
            )),
        };
        cx.error(
            &f.span,
            &f.path,
            format!("no party has the role `{r}`"),
            hint,
        );
        return None;
    }
    if let Some(g) = s.strip_prefix("group:") {
        let g = g.trim();
        if names.groups.iter().any(|x| x.id == g) {
            return Some(Selector::Group(g.to_string()));
        }
        unknown_group(cx, f, g, &names.groups);
        return None;
    }
    if let Some(st) = s.strip_prefix("state:") {
        return resolve(cx, states, st, f).map(Selector::State);
    }
    let hint = if names.roles.contains(&s) {
        format!("write `role:{s}`")
    } else if names.groups.iter().any(|g| g.id == s) {
        format!("write `group:{s}`")
    } else if states.resolve(&s).is_ok() {
        format!("write `state:{s}`")
    } else {
        "a selector is `parties`, `role:NAME`, `group:NAME` or `state:NAME`".into()
    };
    cx.error(
        &f.span,
        &f.path,
        format!("`{s}` is not a selector"),
        Some(hint),
    );
    None
}

pub(super) fn selectors(
    cx: &mut Ctx,
    states: &StateSystem,
    f: &Field,
    names: &Names,
) -> Option<Vec<Selector>> {
    let items = f.list(cx, true)?;
    if items.is_empty() {
        cx.error(
            &f.span,
            &f.path,
            "name at least one selector",
            Some("e.g. [\"parties\"] or [\"role:guarantor\"]".into()),
        );
        return None;
    }
    let n = items.len();
    let out: Vec<Selector> = items
        .iter()
        .filter_map(|i| selector(cx, states, i, names))
        .collect();
    (out.len() == n).then_some(out)
}
