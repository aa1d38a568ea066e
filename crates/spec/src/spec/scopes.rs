//! Territorial scopes: named `[scope.NAME]` tables that clauses point to (like Catala
//! labels; NATO Art. 6 is the model) or inline ones (`docs/spec.md`, "Scopes").

use super::{choice, opt_text, state};
use crate::walk::{choice_hint, closest, Ctx, Field, Tbl};
use casus_core::treaty::{Region, Scope, TerritoryRule};
use casus_core::{Ccode, StateSystem};
use std::collections::BTreeMap;

pub(crate) const SCOPE_KEYS: &[&str] = &[
    "article",
    "paraphrase",
    "anywhere",
    "regions",
    "states",
    "territory",
    "forces",
    "source",
    "note",
];

/// Named scopes by name: the scope (if valid), where it was defined, whether a clause uses it.
pub(super) type Named<'a> = BTreeMap<String, (Option<Scope>, Field<'a>, bool)>;

/// The `[scope.NAME]` tables of a spec.
pub(super) fn named<'a>(
    cx: &mut Ctx,
    states: &StateSystem,
    root: &Tbl<'a>,
    notes: &mut Vec<String>,
) -> Named<'a> {
    let mut scopes: Named<'a> = BTreeMap::new();
    if let Some(t) = root.get("scope").and_then(|sf| sf.table_any(cx)) {
        for k in t.keys() {
            let Some(f) = t.get(k) else { continue };
            let s = scope(cx, states, &f, notes);
            scopes.insert(k.to_string(), (s, f, false));
        }
    }
    scopes
}

/// A clause's `scope`: the whole world when absent, a named scope (marked as used) or an
/// inline table.
pub(super) fn of_clause(
    cx: &mut Ctx,
    states: &StateSystem,
    t: &Tbl,
    scopes: &mut Named,
    notes: &mut Vec<String>,
) -> Option<Scope> {
    match t.get("scope") {
        None => Some(Scope::anywhere()),
        Some(f) => match f.node {
            crate::walk::Node::Value(toml_edit::Value::String(_)) => {
                let name = f.str(cx).unwrap_or_default();
                match scopes.get_mut(name) {
                    Some((s, _, used)) => {
                        *used = true;
                        s.clone()
                    }
                    None => {
                        let defined: Vec<&str> = scopes.keys().map(String::as_str).collect();
                        let hint = match closest(name, defined.iter().copied()) {
                            Some(c) => format!("did you mean `{c}`?"),
                            None if defined.is_empty() => {
                                "define it as a [scope.NAME] table".into()
                            }
                            None => format!("scopes defined: {}", defined.join(", ")),
                        };
                        cx.error(
                            &f.span,
                            &f.path,
                            format!("unknown scope `{name}`"),
                            Some(hint),
                        );
                        None
                    }
                }
            }
            _ => scope(cx, states, &f, notes),
        },
    }
}

/// A named scope that no clause uses is an error (a typo in a clause's `scope`, usually).
pub(super) fn unused(cx: &mut Ctx, scopes: &Named) {
    for (name, (_, f, used)) in scopes {
        if !used {
            cx.error(
                &f.span,
                &f.path,
                format!("scope `{name}` is defined but no clause uses it"),
                Some(format!(
                    "reference it with scope = \"{name}\" in a [[clause]], or remove it"
                )),
            );
        }
    }
}

pub(super) fn regions(cx: &mut Ctx, f: &Field) -> Vec<Region> {
    let mut out = Vec::new();
    for (s, rf) in f.strings(cx).unwrap_or_default() {
        match Region::parse_set(&s) {
            Some(rs) => {
                for r in rs {
                    if !out.contains(&r) {
                        out.push(r);
                    }
                }
            }
            None => {
                let mut names: Vec<&str> = Region::KEYWORDS.to_vec();
                names.push("americas");
                cx.error(
                    &rf.span,
                    &rf.path,
                    format!("unknown region `{s}`"),
                    Some(choice_hint(&s, &names)),
                );
            }
        }
    }
    out
}

/// A named scope or an inline one, plus its notes.
pub(super) fn scope(
    cx: &mut Ctx,
    states: &StateSystem,
    f: &Field,
    notes: &mut Vec<String>,
) -> Option<Scope> {
    let t = f.table(cx, SCOPE_KEYS)?;
    let article = opt_text(cx, &t, "article");
    let paraphrase = opt_text(cx, &t, "paraphrase");
    let anywhere_f = t.get("anywhere");
    let anywhere = anywhere_f
        .as_ref()
        .and_then(|a| a.bool(cx))
        .unwrap_or(false);
    let errors_before = cx.errors.len();
    let regions = t
        .get("regions")
        .map(|r| regions(cx, &r))
        .unwrap_or_default();
    let st: Vec<Ccode> = t
        .get("states")
        .and_then(|s| s.list(cx, true))
        .unwrap_or_default()
        .iter()
        .filter_map(|s| state(cx, states, s))
        .collect();
    let territory = t
        .get("territory")
        .and_then(|x| choice(cx, &x, &TerritoryRule::ALL, "territory rule"))
        .unwrap_or_default();
    let forces = t.get("forces").and_then(|x| x.bool(cx));
    if anywhere {
        let extra: Vec<&str> = ["regions", "states", "territory", "forces"]
            .into_iter()
            .filter(|k| t.has(k))
            .collect();
        if !extra.is_empty() {
            let af = anywhere_f.expect("anywhere is set");
            cx.error(
                &af.span,
                &af.path,
                format!(
                    "`anywhere = true` accepts every place, so {} would be ignored",
                    extra
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Some("drop them, or set `anywhere = false` and list the regions".into()),
            );
            return None;
        }
        return Some(Scope {
            article,
            paraphrase,
            ..Scope::anywhere()
        });
    }
    if regions.is_empty() && st.is_empty() && cx.errors.len() == errors_before {
        cx.error(
            &t.span,
            &t.path,
            "this scope covers no place: give `regions`, `states` or `anywhere = true`",
            None,
        );
        return None;
    }
    let label = article
        .as_ref()
        .map_or_else(|| format!("scope `{}`", t.path), |a| format!("Art. {a}"));
    if let Some(s) = opt_text(cx, &t, "source") {
        notes.push(format!("{label} source: {s}"));
    }
    if let Some(n) = opt_text(cx, &t, "note") {
        notes.push(format!("{label}: {n}"));
    }
    Some(Scope {
        article,
        paraphrase,
        anywhere: false,
        regions,
        states: st,
        territory,
        forces: forces.unwrap_or(false),
    })
}
