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
use casus_backtest::incidents::{self, Source, Sources};
use casus_backtest::view::{BacktestView, Query};
use casus_backtest::{Selection, Window};
use casus_core::treaty::{Kind, Treaty};
use casus_core::{Day, World};

pub fn router() -> Router<AppState> {
    Router::new().route("/backtest", get(backtest))
}

/// What to backtest.
#[derive(Clone, Debug, PartialEq)]
pub struct BacktestParams {
    /// Library ids or ATOP ids, one to four.
    pub specs: Vec<String>,
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// 2 threat, 3 display, 4 use of force, 5 war (default 2, as the CLI).
    pub min_hostility: u8,
    pub kinds: Vec<Kind>,
    pub sources: Sources,
    /// Evaluate the treaties as if in force since this day (for proposals).
    pub as_if_since: Option<Day>,
    /// Per-incident lists (default true, as the CLI for named treaties).
    pub details: bool,
}

impl Default for BacktestParams {
    fn default() -> BacktestParams {
        BacktestParams {
            specs: vec![],
            from: None,
            to: None,
            min_hostility: 2,
            kinds: vec![],
            sources: Sources::default(),
            as_if_since: None,
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
    pub fn from_query(query: Option<&str>) -> Result<BacktestParams> {
        let pairs = params::pairs(query);
        params::check_keys(&pairs, KEYS)?;
        let mut p = BacktestParams::default();
        let mut sources: Option<Sources> = None;
        for (k, v) in &pairs {
            let v = v.trim();
            match k.as_str() {
                "spec" => p.specs.extend(
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from),
                ),
                "from" if !v.is_empty() => p.from = Some(params::int(k, v, 1816, 2999)? as i32),
                "to" if !v.is_empty() => p.to = Some(params::int(k, v, 1816, 2999)? as i32),
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
                "source" => {
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
                        Day::parse(v).map_err(|e| ApiError::Input(format!("as_if_since: {e}")))?,
                    )
                }
                "details" => p.details = params::flag(k, v)?,
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
        if p.specs.is_empty() || p.specs.len() > 4 {
            return Err(ApiError::BadRequest(format!(
                "name one to four treaties with `spec` (got {})",
                p.specs.len()
            )));
        }
        if p.specs.iter().any(|s| s.chars().count() > 200) {
            return Err(ApiError::BadRequest(
                "a treaty id is longer than 200 characters".into(),
            ));
        }
        Ok(p)
    }

    /// A key for the response cache.
    pub fn cache_key(&self) -> String {
        format!("backtest\u{1}{:?}", self)
    }
}

/// Runs the backtest; the same steps as `casus backtest` (docs/backtest.md).
pub fn run(w: &World, p: &BacktestParams) -> Result<BacktestView> {
    let mut ids: Vec<&Treaty> = Vec::new();
    for s in &p.specs {
        let t = super::treaties::find(w, s).map_err(|_| {
            ApiError::Input(format!(
                "no treaty `{}`: give a library id (nato) or an ATOP id (3180)",
                clip(s)
            ))
        })?;
        if !ids.iter().any(|x| x.id == t.id) {
            ids.push(t);
        }
    }
    let all = incidents::build(w, p.sources);
    let default_from = p.as_if_since.unwrap_or(Day::first_of_year(1816));
    let from = p.from.map_or(default_from, Day::first_of_year);
    let last = all.iter().map(|i| i.latest).max().unwrap_or(from).year();
    let to =
        p.to.map_or(Day::last_of_year(last.max(from.year())), Day::last_of_year);
    let window = Window::new(from, to).map_err(|e| ApiError::Input(e.to_string()))?;
    let chosen = Selection {
        window,
        min_hostility: p.min_hostility,
    }
    .apply(&all);
    let shifted: Vec<Treaty> = match p.as_if_since {
        Some(d) => ids
            .iter()
            .map(|t| casus_backtest::as_if_since(t, d))
            .collect(),
        None => vec![],
    };
    let treaties: Vec<&Treaty> = if p.as_if_since.is_some() {
        shifted.iter().collect()
    } else {
        ids
    };
    let bt = casus_backtest::backtest(w, &treaties, &chosen, window, &p.kinds, &|_| {});
    let mut sources = Vec::new();
    for (on, s) in [
        (p.sources.mids, Source::Mid),
        (p.sources.wars, Source::War),
        (p.sources.library, Source::Library),
    ] {
        if on {
            sources.push(s);
        }
    }
    let q = Query {
        as_if_since: p.as_if_since,
        min_hostility: p.min_hostility,
        sources,
    };
    Ok(BacktestView::new(w, &treaties, &chosen, &bt, &q, p.details))
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
