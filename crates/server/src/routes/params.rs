//! Reading request parameters: query strings (with repeated keys) and JSON bodies, with
//! errors as [`ApiError`] JSON instead of axum's plain-text rejections.

use crate::{ApiError, Result};
use axum::body::{Body, Bytes};
use serde::de::DeserializeOwned;

/// The pairs of a query string, in order; repeated keys are kept.
pub fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Rejects keys outside `known`, and a key given twice unless it is one of `lists` (keys
/// that take several values): `date=2001-01-01&date=2025-09-01` is ambiguous, so refused
/// rather than "last wins".
pub fn check_keys(pairs: &[(String, String)], known: &[&str], lists: &[&str]) -> Result<()> {
    for (i, (k, _)) in pairs.iter().enumerate() {
        if !known.contains(&k.as_str()) {
            return Err(ApiError::BadRequest(format!(
                "unknown parameter `{}`; known: {}",
                clip(k),
                known.join(", ")
            )));
        }
        if !lists.contains(&k.as_str()) && pairs[..i].iter().any(|(p, _)| p == k) {
            return Err(ApiError::BadRequest(format!(
                "`{k}` is given more than once; give it once"
            )));
        }
    }
    Ok(())
}

/// A yes/no parameter: `true`/`1`/`yes`/empty or `false`/`0`/`no`.
pub fn flag(key: &str, v: &str) -> Result<bool> {
    match v {
        "" | "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(ApiError::BadRequest(format!(
            "`{key}` must be true or false, not `{}`",
            clip(v)
        ))),
    }
}

/// The years a `year`, `from` or `to` parameter may name: casus's one user range.
pub const YEARS: (i64, i64) = (
    casus_app::day::FIRST_YEAR as i64,
    casus_app::day::LAST_YEAR as i64,
);

/// A whole number within `lo..=hi`.
pub fn int(key: &str, v: &str, lo: i64, hi: i64) -> Result<i64> {
    match v.trim().parse::<i64>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => Err(ApiError::BadRequest(format!(
            "`{key}` must be a whole number from {lo} to {hi}, not `{}`",
            clip(v)
        ))),
    }
}

/// At most 60 characters of user input, for messages.
pub fn clip(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Reads a whole body within `limit` bytes.
pub async fn body(body: Body, limit: usize) -> Result<Bytes> {
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| ApiError::TooLarge(limit))
}

/// Parses a JSON body; errors name the line and column.
pub fn json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::BadRequest(
            "the request body is empty; send a JSON object".into(),
        ));
    }
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::BadRequest(format!("the JSON body is invalid: {e}")))
}
