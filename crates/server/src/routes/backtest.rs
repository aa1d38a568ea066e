//! `GET /api/backtest?spec=nato&from=1949&min_hostility=4`: a guarantee run against the
//! historical record (GML MIDs 1816–2010, optionally COW wars, and the library's recent
//! incidents) with `casus-backtest`; the body is `casus backtest --format json`
//! (`casus.backtest/1`). Rules: docs/backtest.md.

use super::params::{self, clip};
use crate::{json_bytes, ApiError, AppState, Result};
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use casus_app::backtest::Plan;
use casus_backtest::incidents::Sources;
use casus_backtest::view::BacktestView;
use casus_core::treaty::Kind;
use casus_core::{Day, World};

/// `GET /backtest`.
pub fn router() -> Router<AppState> {
    Router::new().route("/backtest", get(backtest))
}

/// What to backtest: the plan of `casus backtest` (its `ids` as the user gave them, one to
/// four, resolved by [`run`]) and whether to list every incident.
#[derive(Clone, Debug, PartialEq)]
pub struct BacktestParams {
    /// What to backtest, as `casus backtest` takes it.
    pub plan: Plan,
    /// Per-incident lists (default true, as the CLI for named treaties).
    pub details: bool,
}

impl Default for BacktestParams {
    fn default() -> BacktestParams {
        BacktestParams {
            plan: Plan::default(),
            details: true,
        }
    }
}

const KEYS: &[&str] = &[
    "spec",
    "from",
    "to",
    "min_hostility",
    "kind",
    "source",
    "as_if_since",
    "details",
];

impl BacktestParams {
    /// Reads the query string; an unknown key is an error.
    pub fn from_query(query: Option<&str>) -> Result<BacktestParams> {
        let pairs = params::pairs(query);
        params::check_keys(&pairs, KEYS, &["spec", "kind", "source"])?;
        let mut b = BacktestParams::default();
        let p = &mut b.plan;
        let mut sources: Option<Sources> = None;
        for (k, v) in &pairs {
            let v = v.trim();
            match k.as_str() {
                "spec" => p.ids.extend(
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from),
                ),
                "from" if !v.is_empty() => {
                    p.from =
                        Some(Day::first_of_year(
                            params::int(k, v, params::YEARS.0, params::YEARS.1)? as i32,
                        ))
                }
                "to" if !v.is_empty() => {
                    p.to =
                        Some(Day::last_of_year(
                            params::int(k, v, params::YEARS.0, params::YEARS.1)? as i32,
                        ))
                }
                "min_hostility" if !v.is_empty() => {
                    p.min_hostility = params::int(k, v, 2, 5)? as u8
                }
                "kind" => {
                    for name in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        let kind = Kind::parse(name).ok_or_else(|| {
                            ApiError::BadRequest(format!(
                                "unknown kind `{}`; kinds: {}",
                                clip(name),
                                Kind::KEYWORDS.join(", ")
                            ))
                        })?;
                        p.kinds.push(kind);
                    }
                }
                "source" if !v.is_empty() => {
                    let s = sources.get_or_insert(Sources {
                        mids: false,
                        wars: false,
                        library: false,
                    });
                    for name in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        match name {
                            "mids" => s.mids = true,
                            "wars" => s.wars = true,
                            "library" => s.library = true,
                            _ => {
                                return Err(ApiError::BadRequest(format!(
                                    "unknown source `{}`; sources: mids, wars, library",
                                    clip(name)
                                )))
                            }
                        }
                    }
                }
                "as_if_since" if !v.is_empty() => {
                    p.as_if_since = Some(
                        casus_app::day::parse(v)
                            .map_err(|e| ApiError::Input(format!("as_if_since: {e}")))?,
                    )
                }
                "details" => b.details = params::flag(k, v)?,
                _ => {}
            }
        }
        if let Some(s) = sources {
            if !(s.mids || s.wars || s.library) {
                return Err(ApiError::BadRequest(
                    "`source` needs at least one of mids, wars, library".into(),
                ));
            }
            p.sources = s;
        }
        if p.ids.is_empty() || p.ids.len() > 4 {
            return Err(ApiError::BadRequest(format!(
                "name one to four treaties with `spec` (got {})",
                p.ids.len()
            )));
        }
        if p.ids.iter().any(|s| s.chars().count() > 200) {
            return Err(ApiError::BadRequest(
                "a treaty id is longer than 200 characters".into(),
            ));
        }
        Ok(b)
    }

    /// A key for the response cache.
    pub fn cache_key(&self) -> String {
        format!("backtest\u{1}{:?}", self)
    }
}

/// Runs the backtest; the same steps as `casus backtest` (docs/backtest.md).
pub fn run(w: &World, p: &BacktestParams) -> Result<BacktestView> {
    let mut ids: Vec<String> = Vec::new();
    for s in &p.plan.ids {
        let t = casus_app::treaty::by_key(w, s).ok_or_else(|| {
            ApiError::Input(format!(
                "no treaty `{}`: give a library id (nato) or an ATOP id (3180)",
                clip(s)
            ))
        })?;
        if !ids.contains(&t.id) {
            ids.push(t.id.clone());
        }
    }
    let plan = Plan {
        ids,
        ..p.plan.clone()
    };
    let chosen = plan.select(w)?;
    Ok(plan.run(w, chosen, &|_| {}).view(w, p.details))
}

async fn backtest(State(state): State<AppState>, RawQuery(q): RawQuery) -> Result<Response> {
    let p = BacktestParams::from_query(q.as_deref())?;
    let key = Some(p.cache_key());
    let bytes = state
        .cached(key, move |w| {
            serde_json::to_vec(&run(w, &p)?).map_err(ApiError::internal)
        })
        .await?;
    Ok(json_bytes(StatusCode::OK, bytes))
}
