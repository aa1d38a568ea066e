//! `/api/treaties` and `/api/treaties/{id}`: browse ATOP alliances and the built-in library.
//!
//! The list rows are those of `casus treaty list --format json` (plus `status` and `origin`);
//! a treaty is `casus treaty show --format json` (plus `states`, the parties' names).

use super::params::{self, clip};
use crate::{json_response, ApiError, AppState, Result};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use casus_core::treaty::{Origin, Treaty, TreatyStatus};
use casus_core::view::StateRef;
use casus_core::{Day, World};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/treaties", get(list))
        .route("/treaties/{id}", get(show))
}

/// One row of the list.
#[derive(serde::Serialize)]
pub struct Summary<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub from: Option<Day>,
    pub to: Option<Day>,
    /// Abbreviations of every state that was ever a party, in entry order.
    pub members: Vec<String>,
    /// Kinds of commitment, comma-separated.
    pub kinds: String,
    pub status: TreatyStatus,
    /// `atop`, `library` or `user`.
    pub origin: &'static str,
}

fn origin(t: &Treaty) -> &'static str {
    match t.origin {
        Origin::Atop { .. } => "atop",
        Origin::Library { .. } => "library",
        Origin::User { .. } => "user",
    }
}

pub fn summary<'a>(w: &World, t: &'a Treaty) -> Summary<'a> {
    let mut seen = std::collections::HashSet::new();
    let members = t
        .parties
        .iter()
        .filter(|p| seen.insert(p.ccode))
        .map(|p| w.states.abb(p.ccode))
        .collect();
    let mut kinds: Vec<&str> = t.clauses.iter().map(|c| c.kind.as_str()).collect();
    kinds.sort();
    kinds.dedup();
    Summary {
        id: &t.id,
        name: &t.name,
        from: t.in_force.or(t.signed),
        to: t.lapsed,
        members,
        kinds: kinds.join(","),
        status: t.status,
        origin: origin(t),
    }
}

/// `GET /api/treaties?q=&state=&year=&origin=&kind=&limit=&offset=`; the total before
/// `limit`/`offset` is in the `x-total-count` header.
async fn list(State(state): State<AppState>, RawQuery(q): RawQuery) -> Result<Response> {
    let pairs = params::pairs(q.as_deref());
    params::check_keys(
        &pairs,
        &["q", "state", "year", "origin", "kind", "limit", "offset"],
    )?;
    let w = &state.world;
    let (mut text, mut ccode, mut year, mut org, mut kind) = (None, None, None, None, None);
    let (mut limit, mut offset) = (usize::MAX, 0usize);
    for (k, v) in &pairs {
        match k.as_str() {
            "q" => text = Some(v.trim().to_lowercase()).filter(|s| !s.is_empty()),
            "state" if !v.trim().is_empty() => {
                ccode = Some(
                    w.states
                        .resolve(v)
                        .map_err(|e| ApiError::Input(format!("state: {e}")))?,
                )
            }
            "year" if !v.trim().is_empty() => year = Some(params::int(k, v, 1000, 2999)? as i32),
            "origin" => match v.as_str() {
                "" | "all" => {}
                "atop" | "library" | "user" => org = Some(v.clone()),
                _ => {
                    return Err(ApiError::BadRequest(format!(
                        "`origin` is atop, library, user or all, not `{}`",
                        clip(v)
                    )))
                }
            },
            "kind" if !v.is_empty() => {
                if casus_core::treaty::Kind::parse(v).is_none() {
                    return Err(ApiError::BadRequest(format!(
                        "unknown kind `{}`; kinds: {}",
                        clip(v),
                        casus_core::treaty::Kind::KEYWORDS.join(", ")
                    )));
                }
                kind = Some(v.clone());
            }
            "limit" => limit = params::int(k, v, 0, 100_000)? as usize,
            "offset" => offset = params::int(k, v, 0, 100_000)? as usize,
            _ => {}
        }
    }
    let rows: Vec<Summary> = w
        .treaties
        .iter()
        .filter(|t| year.is_none_or(|y| t.in_force_in_year(y)))
        .filter(|t| ccode.is_none_or(|c| t.had_party(c, year)))
        .filter(|t| org.as_deref().is_none_or(|o| origin(t) == o))
        .filter(|t| {
            kind.as_deref()
                .is_none_or(|k| t.clauses.iter().any(|c| c.kind.as_str() == k))
        })
        .filter(|t| {
            text.as_deref().is_none_or(|q| {
                t.id.to_lowercase().contains(q) || t.name.to_lowercase().contains(q)
            })
        })
        .map(|t| summary(w, t))
        .collect();
    let total = rows.len();
    let page: Vec<&Summary> = rows.iter().skip(offset).take(limit).collect();
    let mut r = json_response(StatusCode::OK, &page);
    r.headers_mut()
        .insert("x-total-count", HeaderValue::from(total));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(r)
}

/// A treaty with its ATOP provisions in plain words and the names of its parties.
#[derive(serde::Serialize)]
pub struct Detail<'a> {
    #[serde(flatten)]
    pub treaty: &'a Treaty,
    /// (ATOP column, value, meaning) for every alliance-level provision that is set.
    pub provisions: Vec<(&'static str, i32, &'static str)>,
    /// Every party once, with its abbreviation and name.
    pub states: Vec<StateRef>,
}

/// ATOP alliance-level provision codes that are set, in plain words (as `casus treaty show`).
pub fn provisions(w: &World, t: &Treaty) -> Vec<(&'static str, i32, &'static str)> {
    t.atopid
        .map(|id| casus_core::atop::provisions(&w.record.atop5, id))
        .unwrap_or_default()
}

/// Finds a treaty by id (`nato`, `atop:3180`) or bare ATOP number (`3180`).
pub fn find<'w>(w: &'w World, key: &str) -> Result<&'w Treaty> {
    let k = key.trim();
    let id = k
        .parse::<u32>()
        .map(|n| format!("atop:{n}"))
        .unwrap_or_else(|_| k.to_string());
    w.treaty(&id)
        .ok_or_else(|| ApiError::NotFound(format!("no treaty `{}`; see /api/treaties", clip(k))))
}

/// `GET /api/treaties/{id}`
async fn show(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response> {
    let w = &state.world;
    let t = find(w, &id)?;
    let mut seen = std::collections::HashSet::new();
    let states = t
        .parties
        .iter()
        .filter(|p| seen.insert(p.ccode))
        .map(|p| StateRef::new(w, p.ccode))
        .collect();
    Ok(json_response(
        StatusCode::OK,
        &Detail {
            treaty: t,
            provisions: provisions(w, t),
            states,
        },
    ))
}
