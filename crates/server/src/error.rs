//! One error type for every API handler: each variant maps to a status code and a JSON body
//! `{"error": message, "status": code}` (plus `spec_errors` for a spec with errors). Internal
//! causes are logged to stderr, never returned.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use casus_app::AppError;
use casus_spec::SpecErrors;

/// Why an API request failed; each variant maps to one HTTP status.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// The request cannot be read: malformed JSON, an unknown field, a bad parameter (400).
    #[error("{0}")]
    BadRequest(String),
    /// A well-formed request the engine cannot serve: unknown state, bad date or place (422).
    #[error("{0}")]
    Input(String),
    /// Spec text with errors, each with file, line and column (422).
    #[error("the spec has {} error(s)", .0.len())]
    Spec(SpecErrors),
    /// No such page, treaty or endpoint (404).
    #[error("{0}")]
    NotFound(String),
    /// The body is larger than the limit (413).
    #[error("the request body is larger than {0} bytes")]
    TooLarge(usize),
    /// The work did not finish in time, or too much is queued (503).
    #[error("{0}")]
    Unavailable(String),
    /// A bug or a failed task; the cause is logged (500).
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

/// Handler results.
pub type Result<T, E = ApiError> = std::result::Result<T, E>;

impl ApiError {
    /// The HTTP status the error answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Input(_) | ApiError::Spec(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// An internal error (500): logged, not shown to the client.
    pub fn internal(e: impl Into<anyhow::Error>) -> ApiError {
        ApiError::Internal(e.into())
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> ApiError {
        match e {
            AppError::Spec(s) => ApiError::Spec(s),
            other => ApiError::Input(other.to_string()),
        }
    }
}

impl From<SpecErrors> for ApiError {
    fn from(e: SpecErrors) -> ApiError {
        ApiError::Spec(e)
    }
}

#[derive(serde::Serialize)]
struct Body<'a> {
    error: String,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    spec_errors: Option<&'a SpecErrors>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(e) = &self {
            eprintln!("casus serve: internal error: {e:#}");
        }
        let status = self.status();
        let body = Body {
            error: self.to_string(),
            status: status.as_u16(),
            spec_errors: match &self {
                ApiError::Spec(s) => Some(s),
                _ => None,
            },
        };
        crate::json_response(status, &body)
    }
}

/// Longest request target answered (longer: 414 JSON): room for every parameter at its
/// longest, percent-encoded (8 attackers and 8 specs of 200 characters); hyper itself
/// refuses targets over 64 KiB, with an empty body, before any layer runs.
pub const MAX_URI: usize = 60 * 1024;
/// Most bytes of request headers answered (more: 431 JSON); hyper refuses heads over its
/// buffer (about 400 KiB) with an empty body.
pub const MAX_HEADERS: usize = 16 * 1024;

/// Refuses over-long targets and header blocks with JSON before routing.
pub async fn head_limits(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let header_bytes: usize = req
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    if req.uri().to_string().len() > MAX_URI {
        return plain_error(
            StatusCode::URI_TOO_LONG,
            format!("the request target is longer than {MAX_URI} bytes"),
        );
    }
    if header_bytes > MAX_HEADERS {
        return plain_error(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!("the request headers are larger than {MAX_HEADERS} bytes"),
        );
    }
    next.run(req).await
}

/// Gives error responses made outside the handlers — 405 from the router, 413 from the body
/// limit, 404 of the front end — the JSON body of [`ApiError`], so every error a client sees
/// has one shape. `Allow` is kept.
pub async fn json_errors(resp: Response) -> Response {
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return resp;
    }
    let message = match status {
        StatusCode::METHOD_NOT_ALLOWED => "this method is not allowed here; see /api/openapi.yaml",
        StatusCode::PAYLOAD_TOO_LARGE => "the request body is larger than the limit",
        StatusCode::NOT_FOUND => "no such page",
        _ => status.canonical_reason().unwrap_or("error"),
    };
    let mut r = plain_error(status, message.to_string());
    if let Some(allow) = resp.headers().get(axum::http::header::ALLOW) {
        r.headers_mut()
            .insert(axum::http::header::ALLOW, allow.clone());
    }
    r
}

fn plain_error(status: StatusCode, error: String) -> Response {
    crate::json_response(
        status,
        &Body {
            error,
            status: status.as_u16(),
            spec_errors: None,
        },
    )
}
