//! `POST /api/spec/check`: checks spec text with the same parser as spec files
//! (`casus spec check --format json` prints the same report, one per file).

use super::params;
use crate::{json_response, AppState, Result};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use casus_app::spec_check::check_text;

/// `POST /spec/check`: checks a spec text and lists every error.
pub fn router() -> Router<AppState> {
    Router::new().route("/spec/check", post(check))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckBody {
    #[serde(default)]
    file: Option<String>,
    text: String,
}

/// `POST /api/spec/check`: the body is the spec text itself (any content type but JSON), or
/// JSON `{"file": "my.toml", "text": "…"}`. 200 when the text is valid, 422 with every
/// error (line, column, key, message, hint) when it is not.
async fn check(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Result<Response> {
    let bytes = params::body(body, state.config.body_limit).await?;
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let (file, text) = if is_json {
        let b: CheckBody = params::json(&bytes)?;
        (b.file.unwrap_or_else(|| "spec.toml".into()), b.text)
    } else {
        let text = String::from_utf8(bytes.to_vec())
            .map_err(|_| crate::ApiError::BadRequest("the spec text is not UTF-8".into()))?;
        ("spec.toml".to_string(), text)
    };
    let file = params::clip(&file);
    let report = state
        .run(move |w| Ok(check_text(&file, &text, &w.states, &w.groups)))
        .await?;
    let status = if report.ok {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(json_response(status, &report))
}
