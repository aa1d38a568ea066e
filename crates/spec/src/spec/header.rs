//! The header of a spec: id, name, ATOP id, status and the dates of its life, sources
//! and notes (`docs/spec.md`, "The treaty").

use super::{choice, id};
use crate::walk::{Ctx, Field, Tbl};
use casus_core::treaty::TreatyStatus;
use casus_core::Day;

pub(crate) const TOP_KEYS: &[&str] = &[
    "id",
    "name",
    "atopid",
    "status",
    "proposed",
    "signed",
    "in-force",
    "lapsed",
    "sources",
    "notes",
    "group",
    "party",
    "clause",
    "scope",
    "accession",
    "example",
];

/// The header as read; a part that is missing or invalid is `None` (already reported).
pub(super) struct Header {
    pub id: Option<String>,
    pub name: Option<String>,
    pub atopid: Option<u32>,
    pub status: Option<TreatyStatus>,
    pub proposed: Option<Day>,
    pub signed: Option<Day>,
    pub in_force: Option<Day>,
    pub lapsed: Option<Day>,
    /// The day parties join when they give no `entry`: in force, else signed, else proposed.
    pub start: Option<Day>,
    pub sources: Vec<String>,
    /// The treaty's notes; later sections append theirs.
    pub notes: Vec<String>,
}

pub(super) fn header(cx: &mut Ctx, root: &Tbl) -> Header {
    let tid = root.req(cx, "id").and_then(|f| id(cx, &f));
    if let (Some(t), Some(f)) = (&tid, root.get("id")) {
        if t.starts_with("atop") {
            cx.error(
                &f.span,
                &f.path,
                format!("`{t}` is reserved: ids starting with `atop` name ATOP alliances"),
                Some("to replace an ATOP record, keep your own id and set `atopid`".into()),
            );
        }
    }
    let name = root.req(cx, "name").and_then(|f| f.text(cx));
    let atopid = root.get("atopid").and_then(|f| {
        let n = f.int(cx)?;
        if !(1..=99_999).contains(&n) {
            cx.error(
                &f.span,
                &f.path,
                format!("{n} is not an ATOP id"),
                Some("ATOP 5.1 ids run 1005–9999 (NATO is 3180)".into()),
            );
            return None;
        }
        Some(n as u32)
    });
    let status_f = root.req(cx, "status");
    let status = status_f
        .as_ref()
        .and_then(|f| choice(cx, f, &TreatyStatus::ALL, "status"));
    let date = |cx: &mut Ctx, k: &str| root.get(k).and_then(|f| f.date(cx).map(|d| (d, f)));
    let proposed = date(cx, "proposed");
    let signed = date(cx, "signed");
    let in_force = date(cx, "in-force");
    let lapsed = date(cx, "lapsed");
    if let (Some(st), Some(sf)) = (status, &status_f) {
        status_dates(cx, root, st, sf, in_force.is_some() || signed.is_some());
    }
    life_order(
        cx,
        &[
            ("proposed", &proposed),
            ("signed", &signed),
            ("in-force", &in_force),
            ("lapsed", &lapsed),
        ],
    );
    let start = in_force
        .as_ref()
        .or(signed.as_ref())
        .or(proposed.as_ref())
        .map(|x| x.0);
    let sources = root
        .get("sources")
        .and_then(|f| f.strings(cx))
        .unwrap_or_default()
        .into_iter()
        .map(|x| x.0)
        .collect();
    let notes: Vec<String> = root
        .get("notes")
        .and_then(|f| f.strings(cx))
        .unwrap_or_default()
        .into_iter()
        .map(|x| x.0)
        .collect();
    Header {
        id: tid,
        name,
        atopid,
        status,
        proposed: proposed.map(|x| x.0),
        signed: signed.map(|x| x.0),
        in_force: in_force.map(|x| x.0),
        lapsed: lapsed.map(|x| x.0),
        start,
        sources,
        notes,
    }
}

/// A user's spec may not take the id of a built-in treaty: adding it would silently replace
/// the library's treaty (NATO's 62 obligations would vanish). The library's own file,
/// unchanged, is accepted, so `casus spec check treaties/*.toml` works.
pub(super) fn reserved(cx: &mut Ctx, root: &Tbl, id: &str) {
    let Some((path, text)) = crate::library::library_spec(id) else {
        return;
    };
    if text == cx.text() {
        return;
    }
    if let Some(f) = root.get("id") {
        cx.error(
            &f.span,
            &f.path,
            format!("`{id}` is reserved: it is the id of the built-in treaty in {path}"),
            Some(format!(
                "choose another id, e.g. `{id}-draft`; a spec adds a treaty, it cannot replace a library one"
            )),
        );
    }
}

/// A status needs its own date and excludes the dates of later stages; a lapsed treaty
/// needs the day it started (`started`: `in-force` or `signed` is given).
fn status_dates(cx: &mut Ctx, root: &Tbl, st: TreatyStatus, sf: &Field, started: bool) {
    let need = st.keyword();
    if !root.has(need) {
        cx.error(
            &sf.span,
            &sf.path,
            format!("status `{need}` needs the date `{need} = \"YYYY-MM-DD\"`"),
            None,
        );
    }
    let forbidden: &[&str] = match st {
        TreatyStatus::Proposed => &["signed", "in-force", "lapsed"],
        TreatyStatus::Signed => &["proposed", "in-force", "lapsed"],
        TreatyStatus::InForce => &["proposed", "lapsed"],
        TreatyStatus::Lapsed => &["proposed"],
    };
    for k in forbidden {
        if let Some(f) = root.get(k) {
            cx.error(
                &f.span,
                &f.path,
                format!("a treaty with status `{need}` has no `{k}` date"),
                Some(format!(
                    "set the status that `{k}` implies, or drop the date"
                )),
            );
        }
    }
    if st == TreatyStatus::Lapsed && !started {
        cx.error(
            &sf.span,
            &sf.path,
            "a lapsed treaty needs the date it started: `in-force` or `signed`",
            None,
        );
    }
}

/// Dates in life order: proposed, signed, in force, lapsed.
fn life_order(cx: &mut Ctx, order: &[(&str, &Option<(Day, Field)>)]) {
    for i in 0..order.len() {
        for j in i + 1..order.len() {
            if let (Some((a, _)), Some((b, bf))) = (order[i].1, order[j].1) {
                if b < a {
                    cx.error(
                        &bf.span,
                        &bf.path,
                        format!("`{}` {b} is before `{}` {a}", order[j].0, order[i].0),
                        None,
                    );
                }
            }
        }
    }
}
