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
use casus_spec::SpecError;

pub fn router() -> Router<AppState> {
    Router::new().route("/spec/check", post(check))
}

/// The result for one text (the shape `casus spec check --format json` prints per file).
#[derive(serde::Serialize)]
pub struct FileReport {
    pub file: String,
    pub ok: bool,
    /// `spec`, `groups` or `incidents`; absent when the text could not be read.
    pub kind: Option<&'static str>,
    /// The treaty id of a valid spec.
    pub id: Option<String>,
    /// What a valid text holds, in words: `nato, 2 clauses, 32 parties`.
    pub summary: Option<String>,
    pub errors: Vec<ErrorReport>,
}

#[derive(serde::Serialize)]
pub struct ErrorReport {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub key: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl From<&SpecError> for ErrorReport {
    fn from(e: &SpecError) -> ErrorReport {
        ErrorReport {
            line: Some(e.line),
            column: Some(e.column),
            key: Some(e.key.clone()).filter(|k| !k.is_empty()),
            message: e.message.clone(),
            hint: e.hint.clone(),
        }
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckBody {
    #[serde(default)]
    file: Option<String>,
    text: String,
}

/// Checks one text against the world's states and the library's groups.
pub fn check_text(w: &casus_core::World, file: &str, text: &str) -> FileReport {
    match casus_spec::check(text, file, &w.states, &w.groups) {
        Ok(c) => {
            let (kind, id, summary) = c.summary();
            FileReport {
                file: file.into(),
                ok: true,
                kind: Some(kind),
                id,
                summary: Some(summary),
                errors: vec![],
            }
        }
        Err(errs) => FileReport {
            file: file.into(),
            ok: false,
            kind: None,
            id: None,
            summary: None,
            errors: errs.iter().map(ErrorReport::from).collect(),
        },
    }
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
    let report = state.run(move |w| Ok(check_text(w, &file, &text))).await?;
    let status = if report.ok {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(json_response(status, &report))
}
