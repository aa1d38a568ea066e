//! `/api/treaties` and `/api/treaties/{id}`: browse ATOP alliances and the built-in library.
//!
//! The list rows are those of `casus treaty list --format json` (plus `status` and `origin`);
//! a treaty is `casus treaty show --format json` (plus `states`, the parties' names).

use super::params::{self, clip};
use crate::{json_bytes, json_response, ApiError, AppState, Result};
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

/// Longest `q` or `state` value accepted: state names are short, and fuzzy matching a
/// 65 KB value cost the server 60 ms per request (issue 13, finding 6).
const MAX_TEXT: usize = 200;

/// What `GET /api/treaties` filters by, as given (names resolved on the blocking pool).
#[derive(Default)]
struct Filter {
    text: Option<String>,
    state: Option<String>,
    year: Option<i32>,
    origin: Option<String>,
    kind: Option<String>,
    limit: Option<usize>,
    offset: usize,
}

impl Filter {
    fn from_query(q: Option<&str>) -> Result<Filter> {
        let pairs = params::pairs(q);
        params::check_keys(
            &pairs,
            &["q", "state", "year", "origin", "kind", "limit", "offset"],
            &[],
        )?;
        let mut f = Filter::default();
        for (k, v) in &pairs {
            if matches!(k.as_str(), "q" | "state") && v.chars().count() > MAX_TEXT {
                return Err(ApiError::BadRequest(format!(
                    "`{k}` is longer than {MAX_TEXT} characters"
                )));
            }
            match k.as_str() {
                "q" => f.text = Some(v.trim().to_lowercase()).filter(|s| !s.is_empty()),
                "state" if !v.trim().is_empty() => f.state = Some(v.clone()),
                "year" if !v.trim().is_empty() => {
                    f.year = Some(params::int(k, v, params::YEARS.0, params::YEARS.1)? as i32)
                }
                "origin" => match v.as_str() {
                    "" | "all" => {}
                    "atop" | "library" | "user" => f.origin = Some(v.clone()),
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
                    f.kind = Some(v.clone());
                }
                "limit" => f.limit = Some(params::int(k, v, 0, 100_000)? as usize),
                "offset" => f.offset = params::int(k, v, 0, 100_000)? as usize,
                _ => {}
            }
        }
        Ok(f)
    }

    /// The page of rows as JSON, and the total before `limit`/`offset`.
    fn page(&self, w: &World) -> Result<(Vec<u8>, usize)> {
        let ccode = match &self.state {
            Some(s) => Some(
                w.states
                    .resolve(s)
                    .map_err(|e| ApiError::Input(format!("state: {e}")))?,
            ),
            None => None,
        };
        let rows: Vec<Row> = treaty::list(w, ccode, self.year)
            .into_iter()
            .filter(|t| {
                self.origin
                    .as_deref()
                    .is_none_or(|o| treaty::origin(t) == o)
            })
            .filter(|t| self.kind.as_deref().is_none_or(|k| treaty::has_kind(t, k)))
            .filter(|t| {
                self.text.as_deref().is_none_or(|q| {
                    t.id.to_lowercase().contains(q) || t.name.to_lowercase().contains(q)
                })
            })
            .map(|t| treaty::row(w, t))
            .collect();
        let page: Vec<&Row> = rows
            .iter()
            .skip(self.offset)
            .take(self.limit.unwrap_or(usize::MAX))
            .collect();
        let json = serde_json::to_vec(&page).map_err(ApiError::internal)?;
        Ok((json, rows.len()))
    }
}

/// `GET /api/treaties?q=&state=&year=&origin=&kind=&limit=&offset=`; the total before
/// `limit`/`offset` is in the `x-total-count` header. Name matching and filtering run on the
/// blocking pool, like the engine.
async fn list(State(state): State<AppState>, RawQuery(q): RawQuery) -> Result<Response> {
    let f = Filter::from_query(q.as_deref())?;
    let (json, total) = state.run(move |w| f.page(w)).await?;
    let mut r = json_bytes(StatusCode::OK, json.into());
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
