//! The treaty spec format: TOML text to a checked [`Treaty`], its own groups and examples.
//!
//! The reference is `docs/spec.md`; this module reads a spec in the order that reference
//! does, one file per section: [`header`] (id, name, status, dates), [`parties`] (and
//! groups), [`selectors`], [`clauses`], [`scopes`], [`conditions`], [`accession`] and
//! [`examples`]. The keys accepted at each level are the `*_KEYS` constants of each section
//! (an unknown key is an error naming the closest valid one).

mod accession;
mod clauses;
mod conditions;
mod examples;
mod header;
mod parties;
mod scopes;
mod selectors;

pub(crate) use examples::{attack, Attack};
pub(crate) use header::TOP_KEYS;
pub(crate) use parties::groups;
pub use parties::MAX_OVERLAP_ERRORS;

use crate::walk::{choice_hint, Ctx, Field, Tbl};
use crate::Spec;
use casus_core::keyword::Keyword;
use casus_core::treaty::{Group, Origin, Party, Treaty};
use casus_core::{Ccode, ResolveError, StateSystem};

/// Reads one of a fixed set of keywords (`options`, in the order the hint lists them).
pub(crate) fn choice<T: Keyword>(cx: &mut Ctx, f: &Field, options: &[T], what: &str) -> Option<T> {
    let s = f.str(cx)?;
    if let Some(v) = options.iter().copied().find(|v| v.keyword() == s) {
        return Some(v);
    }
    let names: Vec<&str> = options.iter().map(|v| v.keyword()).collect();
    cx.error(
        &f.span,
        &f.path,
        format!("unknown {what} `{s}`"),
        Some(choice_hint(s, &names)),
    );
    None
}

/// Checks an id: lowercase letters, digits and `-`.
pub(crate) fn id(cx: &mut Ctx, f: &Field) -> Option<String> {
    let s = f.text(cx)?;
    let ok = s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && s.as_bytes()[0] != b'-'
        && s.len() <= 64;
    if !ok {
        cx.error(
            &f.span,
            &f.path,
            format!("`{s}` is not a valid id"),
            Some("ids are 1–64 lowercase letters, digits and `-`, e.g. `ukraine-b`".into()),
        );
        return None;
    }
    Some(s)
}

/// Resolves a state name, code or abbreviation.
pub(crate) fn state(cx: &mut Ctx, states: &StateSystem, f: &Field) -> Option<Ccode> {
    let s = f.text(cx)?;
    resolve(cx, states, &s, f)
}

fn resolve(cx: &mut Ctx, states: &StateSystem, s: &str, f: &Field) -> Option<Ccode> {
    match states.resolve(s) {
        Ok(c) => Some(c),
        Err(e) => {
            let hint = match &e {
                ResolveError::Unknown { suggestions, .. } if suggestions.is_empty() => Some(
                    "name a state by COW abbreviation (UKR), code (369) or name (Ukraine); `casus states` lists them".into(),
                ),
                _ => None,
            };
            cx.error(&f.span, &f.path, e.to_string(), hint);
            None
        }
    }
}

/// Sources from `sources = [...]` and/or `source = "..."`.
fn sources_of(cx: &mut Ctx, t: &Tbl) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["source", "sources"] {
        if let Some(f) = t.get(key) {
            out.extend(
                f.strings(cx)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(s, _)| s),
            );
        }
    }
    out
}

fn opt_text(cx: &mut Ctx, t: &Tbl, key: &str) -> Option<String> {
    t.get(key).and_then(|f| f.text(cx))
}

/// Parses and checks one spec, section by section in the order of `docs/spec.md`.
pub(crate) fn parse(
    cx: &mut Ctx,
    root: &Tbl,
    states: &StateSystem,
    library_groups: &[Group],
    origin: Origin,
) -> Option<Spec> {
    let mut head = header::header(cx, root);
    if let (Origin::User { .. }, Some(id)) = (&origin, &head.id) {
        header::reserved(cx, root, id);
    }

    // Groups: the library's, then the spec's own.
    let lib: Vec<&Group> = library_groups.iter().collect();
    let own = root
        .get("group")
        .and_then(|g| g.list(cx, false))
        .map(|l| groups(cx, states, &l, &lib))
        .unwrap_or_default();
    let all_groups: Vec<&Group> = library_groups.iter().chain(own.iter()).collect();

    // Parties.
    let party_list = root
        .req(cx, "party")
        .and_then(|p| p.list(cx, false))
        .unwrap_or_default();
    let (parties, roles, parties_clean) = parties::members(
        cx,
        states,
        &party_list,
        parties::PARTY_KEYS,
        head.start,
        &all_groups,
    );
    let parties: Vec<Party> = parties.into_iter().map(|m| m.party).collect();
    let names = selectors::Names {
        roles,
        groups: all_groups.clone(),
        parties: parties.clone(),
    };

    let mut scopes = scopes::named(cx, states, root, &mut head.notes);
    let clauses = clauses::clauses(
        cx,
        states,
        root,
        &names,
        parties_clean,
        &mut scopes,
        &mut head.notes,
    );
    scopes::unused(cx, &scopes);
    let accession = accession::accession(cx, states, root, &parties, &mut head.notes);
    let examples = examples::examples(cx, states, root, &clauses);

    let treaty = Treaty {
        id: head.id?,
        name: head.name?,
        atopid: head.atopid,
        status: head.status?,
        signed: head.signed.or(head.proposed),
        in_force: head.in_force,
        lapsed: head.lapsed,
        sources: head.sources,
        parties,
        clauses,
        accession,
        origin,
        notes: head.notes,
    };
    Some(Spec {
        treaty,
        groups: own,
        examples,
    })
}
