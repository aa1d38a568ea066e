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
use casus_app::treaty::{self, Detail, Row};
use casus_core::treaty::Treaty;
use casus_core::World;

/// `GET /treaties` and `GET /treaties/{id}`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/treaties", get(list))
        .route("/treaties/{id}", get(show))
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
    let rows: Vec<Row> = treaty::list(w, ccode, year)
        .into_iter()
        .filter(|t| org.as_deref().is_none_or(|o| treaty::origin(t) == o))
        .filter(|t| kind.as_deref().is_none_or(|k| treaty::has_kind(t, k)))
        .filter(|t| {
            text.as_deref().is_none_or(|q| {
                t.id.to_lowercase().contains(q) || t.name.to_lowercase().contains(q)
            })
        })
        .map(|t| treaty::row(w, t))
        .collect();
    let total = rows.len();
    let page: Vec<&Row> = rows.iter().skip(offset).take(limit).collect();
    let mut r = json_response(StatusCode::OK, &page);
    r.headers_mut()
        .insert("x-total-count", HeaderValue::from(total));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(r)
}

/// Finds a treaty by id (`nato`, `atop:3180`) or bare ATOP number (`3180`): 404 otherwise.
pub fn find<'w>(w: &'w World, key: &str) -> Result<&'w Treaty> {
    treaty::by_key(w, key).ok_or_else(|| {
        ApiError::NotFound(format!(
            "no treaty `{}`; see /api/treaties",
            clip(key.trim())
        ))
    })
}

/// `GET /api/treaties/{id}`
async fn show(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response> {
    let w = &state.world;
    let t = find(w, &id)?;
    Ok(json_response(StatusCode::OK, &Detail::with_states(w, t)))
}
