//! The JSON API, one module per area; each exposes `router()` and the root merges them.
//! Every schema is the one the CLI prints with `--format json`; `openapi.yaml` documents them.

pub mod backtest;
pub mod meta;
pub mod params;
pub mod scenario;
pub mod spec;
pub mod treaties;

use crate::{ApiError, AppState};
use axum::Router;

/// Every API route, to be nested under `/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(scenario::router())
        .merge(treaties::router())
        .merge(spec::router())
        .merge(backtest::router())
        .merge(meta::router())
        .fallback(not_found)
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    // Nested under /api, the router sees the path without the prefix.
    ApiError::NotFound(format!(
        "no API endpoint `/api{}`; see /api/openapi.yaml",
        params::clip(uri.path())
    ))
}
