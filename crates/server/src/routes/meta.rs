//! What the pages need besides results: states for the pickers, library incidents, the map,
//! the OpenAPI document, and a health check.

use super::params;
use crate::{json_bytes, json_response, ApiError, AppState, Result};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use casus_core::incident::Actor;
use casus_core::view::StateRef;
use casus_core::Day;

/// The OpenAPI 3 description of this API.
pub const OPENAPI: &str = include_str!("../../openapi.yaml");

/// `GET /health`, `/states`, `/incidents`, `/map` and `/openapi.yaml`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/states", get(states))
        .route("/incidents", get(incidents))
        .route("/map", get(map))
        .route("/openapi.yaml", get(openapi))
}

/// `GET /api/health`
async fn health(State(state): State<AppState>) -> Response {
    let w = &state.world;
    json_response(
        StatusCode::OK,
        &serde_json::json!({"ok": true, "version": env!("CARGO_PKG_VERSION"), "treaties": w.treaties.len(), "states": w.states.all().len(), "last_day": w.states.last_day}),
    )
}

/// `GET /api/states?date=YYYY-MM-DD`: system members on the day (default: the last day of the
/// state list; later days carry membership forward, as the engine does).
async fn states(State(state): State<AppState>, RawQuery(q): RawQuery) -> Result<Response> {
    let pairs = params::pairs(q.as_deref());
    params::check_keys(&pairs, &["date"])?;
    let w = &state.world;
    let day = match pairs.iter().find(|(k, v)| k == "date" && !v.is_empty()) {
        Some((_, v)) => Day::parse(v).map_err(|e| ApiError::Input(format!("date: {e}")))?,
        None => w.states.last_day,
    };
    if day < w.states.first_day {
        return Err(ApiError::Input(format!(
            "date {day} is before the state system begins ({})",
            w.states.first_day
        )));
    }
    Ok(json_response(
        StatusCode::OK,
        &casus_app::states::on_day(w, day),
    ))
}

#[derive(serde::Serialize)]
struct IncidentRow {
    id: Option<String>,
    description: Option<String>,
    date: Day,
    attackers: Vec<String>,
    target: StateRef,
    place: String,
    sources: Vec<String>,
}

/// `GET /api/incidents`: the library's incidents (usable as `incident=` in a scenario).
async fn incidents(State(state): State<AppState>) -> Response {
    let w = &state.world;
    let rows: Vec<IncidentRow> = w
        .incidents
        .iter()
        .map(|i| IncidentRow {
            id: i.id.clone(),
            description: i.description.clone(),
            date: i.date,
            attackers: i
                .attackers
                .iter()
                .map(|a| match a {
                    Actor::State(c) => w.states.abb(*c),
                    Actor::NonState(n) => format!("non-state:{n}"),
                })
                .collect(),
            target: StateRef::new(w, i.target),
            place: i.place.label(),
            sources: i.sources.clone(),
        })
        .collect();
    json_response(StatusCode::OK, &rows)
}

/// `GET /api/map`: country shapes as SVG paths keyed by COW ccode (see `map.rs`).
async fn map(State(state): State<AppState>) -> Response {
    let mut r = json_bytes(StatusCode::OK, state.map_json.clone());
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    r
}

/// `GET /api/openapi.yaml`
async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/yaml; charset=utf-8")],
        OPENAPI,
    )
        .into_response()
}
