//! Accession: an `[accession]` table for a candidate that needs every member's consent,
//! with the members' positions (NATO Art. 10; `docs/spec.md`, "Accession").

use super::{choice, opt_text, state};
use crate::walk::{Ctx, Field, Tbl};
use casus_core::treaty::{Accession, Party, Position};
use casus_core::{Ccode, StateSystem};

pub(crate) const ACCESSION_KEYS: &[&str] = &[
    "article",
    "paraphrase",
    "candidate",
    "position",
    "source",
    "note",
];
pub(crate) const POSITION_KEYS: &[&str] = &["state", "states", "position", "source"];

/// The `[accession]` table, if any.
pub(super) fn accession(
    cx: &mut Ctx,
    states: &StateSystem,
    root: &Tbl,
    parties: &[Party],
    notes: &mut Vec<String>,
) -> Option<Accession> {
    let af = root.get("accession")?;
    let t = af.table(cx, ACCESSION_KEYS)?;
    let article = t.req(cx, "article").and_then(|f| f.text(cx));
    let cf = t.req(cx, "candidate");
    let candidate = cf.as_ref().and_then(|f| state(cx, states, f));
    // The candidate is listed among the parties with the day it would join; the engine
    // keeps it out while the accession is blocked. It must not be a party already before.
    if let (Some(c), Some(cf)) = (candidate, &cf) {
        let spells: Vec<&Party> = parties.iter().filter(|p| p.ccode == c).collect();
        match spells.as_slice() {
            [] => cx.error(
                &cf.span,
                &cf.path,
                format!("the candidate {} is not among the parties", states.abb(c)),
                Some(format!("add [[party]] state = \"{}\" with the roles it would hold and the day it would join as `entry`", states.abb(c))),
            ),
            [_] => {}
            _ => cx.error(
                &cf.span,
                &cf.path,
                format!("the candidate {} is already a party: it is listed more than once", states.abb(c)),
                Some("a candidate has one party entry: the membership it would gain".into()),
            ),
        }
    }
    let label = format!("Art. {} (accession)", article.clone().unwrap_or_default());
    if let Some(p) = opt_text(cx, &t, "paraphrase") {
        notes.push(format!("{label}: {p}"));
    }
    if let Some(s) = opt_text(cx, &t, "source") {
        notes.push(format!("{label} source: {s}"));
    }
    if let Some(n) = opt_text(cx, &t, "note") {
        notes.push(format!("{label}: {n}"));
    }
    let positions = positions(cx, states, &t, candidate, parties);
    Some(Accession {
        article: article?,
        candidate: candidate?,
        positions,
    })
}

/// `[[accession.position]]`: each member's position (one per member; not the candidate's).
fn positions(
    cx: &mut Ctx,
    states: &StateSystem,
    t: &Tbl,
    candidate: Option<Ccode>,
    parties: &[Party],
) -> Vec<(Ccode, Position, Option<String>)> {
    let mut positions: Vec<(Ccode, Position, Option<String>)> = Vec::new();
    for pf in t
        .get("position")
        .and_then(|f| f.list(cx, false))
        .unwrap_or_default()
    {
        let Some(pt) = pf.table(cx, POSITION_KEYS) else {
            continue;
        };
        let pos = pt
            .req(cx, "position")
            .and_then(|f| choice(cx, &f, &Position::ALL, "position"));
        let source = opt_text(cx, &pt, "source");
        let names: Vec<Field> = match (pt.get("state"), pt.get("states")) {
            (Some(_), Some(s)) => {
                cx.error(
                    &s.span,
                    &s.path,
                    "give either `state` or `states`, not both",
                    None,
                );
                vec![]
            }
            (Some(s), None) => vec![s],
            (None, Some(s)) => s.list(cx, true).unwrap_or_default(),
            (None, None) => {
                cx.error(
                    &pt.span,
                    &crate::walk::join(&pt.path, "state"),
                    format!("missing key `state` in `{}`", pt.path),
                    None,
                );
                vec![]
            }
        };
        for nf in names {
            let Some(c) = state(cx, states, &nf) else {
                continue;
            };
            if candidate == Some(c) {
                cx.error(
                    &nf.span,
                    &nf.path,
                    format!(
                        "{} is the candidate: only the members' positions count",
                        states.abb(c)
                    ),
                    None,
                );
                continue;
            }
            if !parties.iter().any(|p| p.ccode == c) {
                cx.error(
                    &nf.span,
                    &nf.path,
                    format!(
                        "{} is not a party: only members' positions count",
                        states.abb(c)
                    ),
                    None,
                );
                continue;
            }
            if positions.iter().any(|(x, _, _)| *x == c) {
                cx.error(
                    &nf.span,
                    &nf.path,
                    format!("{} already has a position", states.abb(c)),
                    None,
                );
                continue;
            }
            if let Some(p) = pos {
                positions.push((c, p, source.clone()));
            }
        }
    }
    positions
}
