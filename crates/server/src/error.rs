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
