//! `/api/invoke`, `/api/compare`, `/api/report`: one attack and the guarantees to invoke for
//! it, as a query string (shareable) or a JSON body (for spec text from the browser).
//!
//! Same numbers as the CLI: both go through `casus_app` (docs/invoke.md has the rules and the
//! `casus.invoke/1` schema; `casus compare --format json` prints `casus.compare/1`).

use super::params;
use crate::{json_bytes, ApiError, AppState, Result};
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use casus_app::{invoke_view, Request, SpecInput};
use casus_core::view::InvokeView;
use casus_core::{Ccode, World};
use std::collections::BTreeMap;

/// `/invoke`, `/compare` and `/report`, each as `GET` (query string) or `POST` (JSON).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/invoke", get(invoke_get).post(invoke_post))
        .route("/compare", get(compare_get).post(compare_post))
        .route("/report", get(report_get).post(report_post))
        .route("/forecast/model", get(model_get))
        .route("/forecast/calibration.svg", get(calibration_get))
}

/// `GET /api/forecast/calibration.svg`: the reliability diagram `casus reliability --model
/// --plot` writes.
async fn calibration_get(State(state): State<AppState>) -> Result<Response> {
    let bytes = state
        .cached(Some("forecast-calibration".into()), |w| {
            let m = model(w)?;
            Ok(casus_forecast::plot::reliability_diagram(
                &m.validation.bins,
                &format!(
                    "Honouring out of sample: {} pledges, {} wars",
                    m.validation.cases, m.validation.wars
                ),
            )
            .into_bytes())
        })
        .await?;
    Ok((
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("image/svg+xml"),
        )],
        bytes,
    )
        .into_response())
}

/// The model of honouring, fitted once per process on the server's world (about 0.1 s).
fn model(w: &World) -> Result<&'static casus_app::forecast::Model> {
    static MODEL: std::sync::OnceLock<std::result::Result<casus_app::forecast::Model, String>> =
        std::sync::OnceLock::new();
    MODEL
        .get_or_init(|| casus_app::forecast::model(w).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| ApiError::internal(anyhow::anyhow!("forecast model: {e}")))
}

/// The forecast of one request with the API's draws and seed (the model fitted once).
fn forecast(w: &World, req: &casus_app::Request) -> Result<casus_app::forecast::ForecastView> {
    Ok(casus_app::forecast::forecast(
        w,
        model(w)?,
        req,
        casus_app::forecast::DEFAULT_DRAWS,
        casus_app::forecast::DEFAULT_SEED,
    )?)
}

/// `GET /api/forecast/model`: what `casus reliability --model --format json` prints.
async fn model_get(State(state): State<AppState>) -> Result<Response> {
    let bytes = state
        .cached(Some("forecast-model".into()), |w| to_json(model(w)?))
        .await?;
    Ok(json_bytes(StatusCode::OK, bytes))
}

/// Most attackers or specs one request may name.
pub const MAX_LIST: usize = 8;
/// Longest name, date, place or id accepted.
const MAX_FIELD: usize = 200;

/// A scenario as the API reads it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScenarioParams {
    /// The scenario as `casus invoke` takes it.
    pub req: Request,
    /// Also list clauses that were checked and not triggered (`casus invoke --all`).
    pub all: bool,
    /// Add the forecast (`casus invoke --forecast`, default draws and seed).
    pub forecast: bool,
}

/// The JSON body of `POST /api/invoke`, `/api/compare` and `/api/report`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BodyParams {
    #[serde(default)]
    attackers: Vec<String>,
    target: Option<String>,
    date: Option<String>,
    place: Option<String>,
    incident: Option<String>,
    #[serde(default)]
    specs: Vec<SpecBody>,
    #[serde(default)]
    only_specs: bool,
    #[serde(default)]
    all: bool,
    #[serde(default)]
    forecast: bool,
    /// `legal` (default) or `escalation`.
    response: Option<String>,
}

/// A spec: a library or ATOP id, or the text of a spec file.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum SpecBody {
    Id(String),
    Text {
        #[serde(default)]
        file: Option<String>,
        text: String,
    },
}

const QUERY_KEYS: &[&str] = &[
    "attacker",
    "target",
    "date",
    "place",
    "incident",
    "spec",
    "only_specs",
    "all",
    "response",
    "forecast",
];

fn field(key: &str, v: String) -> Result<Option<String>> {
    if v.chars().count() > MAX_FIELD {
        return Err(ApiError::BadRequest(format!(
            "`{key}` is longer than {MAX_FIELD} characters"
        )));
    }
    Ok(Some(v).filter(|s| !s.trim().is_empty()))
}

impl ScenarioParams {
    /// `?attacker=RUS&target=UKR&date=2025-09-01&place=territory&spec=ukraine-b`; `attacker`
    /// and `spec` repeat or take comma-separated lists.
    pub fn from_query(query: Option<&str>) -> Result<ScenarioParams> {
        let pairs = params::pairs(query);
        params::check_keys(&pairs, QUERY_KEYS, &["attacker", "spec"])?;
        let mut p = ScenarioParams::default();
        for (k, v) in pairs {
            match k.as_str() {
                "attacker" => p.req.attackers.extend(split(&v)),
                "spec" => p.req.specs.extend(split(&v).map(SpecInput::Id)),
                "target" => p.req.target = field(&k, v)?,
                "date" => p.req.date = field(&k, v)?,
                "place" => p.req.place = field(&k, v)?,
                "incident" => p.req.incident = field(&k, v)?,
                "response" => p.req.response = field(&k, v)?,
                "only_specs" => p.req.only_specs = params::flag(&k, &v)?,
                "all" => p.all = params::flag(&k, &v)?,
                "forecast" => p.forecast = params::flag(&k, &v)?,
                _ => unreachable!("keys were checked"),
            }
        }
        p.check()?;
        Ok(p)
    }

    /// The JSON body form; spec text arrives as `{"file": "my.toml", "text": "…"}`.
    pub fn from_json(bytes: &[u8]) -> Result<ScenarioParams> {
        let b: BodyParams = params::json(bytes)?;
        let specs = b
            .specs
            .into_iter()
            .enumerate()
            .map(|(i, s)| match s {
                SpecBody::Id(id) => SpecInput::Id(id),
                SpecBody::Text { file, text } => SpecInput::Text {
                    file: file.unwrap_or_else(|| format!("spec-{}.toml", i + 1)),
                    text,
                },
            })
            .collect();
        let p = ScenarioParams {
            req: Request {
                attackers: b.attackers,
                target: b.target,
                date: b.date,
                place: b.place,
                incident: b.incident,
                specs,
                only_specs: b.only_specs,
                response: b.response,
            },
            all: b.all,
            forecast: b.forecast,
        };
        p.check()?;
        Ok(p)
    }

    fn check(&self) -> Result<()> {
        let r = &self.req;
        if r.attackers.len() > MAX_LIST || r.specs.len() > MAX_LIST {
            return Err(ApiError::BadRequest(format!(
                "at most {MAX_LIST} attackers and {MAX_LIST} specs per request"
            )));
        }
        let too_long = r
            .attackers
            .iter()
            .chain(r.target.iter())
            .chain(r.date.iter())
            .chain(r.place.iter())
            .chain(r.incident.iter())
            .chain(r.response.iter())
            .any(|s| s.chars().count() > MAX_FIELD)
            || r.specs.iter().any(|s| match s {
                SpecInput::Id(id) => id.chars().count() > MAX_FIELD,
                SpecInput::Text { file, .. } => file.chars().count() > MAX_FIELD,
            });
        if too_long {
            return Err(ApiError::BadRequest(format!(
                "a name, date, place or id is longer than {MAX_FIELD} characters"
            )));
        }
        Ok(())
    }

    /// A key for the response cache; `None` when spec text is part of the request.
    pub fn cache_key(&self, what: &str) -> Option<String> {
        let r = &self.req;
        let mut specs = Vec::new();
        for s in &r.specs {
            match s {
                SpecInput::Id(id) => specs.push(id.as_str()),
                SpecInput::Text { .. } => return None,
            }
        }
        Some(format!(
            "{what}\u{1}{}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{:?}\u{1}{}\u{1}{}\u{1}{}\u{1}{:?}",
            r.attackers.join("\u{2}"),
            r.target,
            r.date,
            r.place,
            r.incident,
            specs.join("\u{2}"),
            r.only_specs,
            self.all,
            r.response
        ))
    }
}

fn split(v: &str) -> impl Iterator<Item = String> + '_ {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// `/api/invoke`: the invocation (`casus invoke --format json`) plus each state's map
/// category, so the browser colours its map by the report's rule instead of its own copy.
#[derive(serde::Serialize)]
struct InvokeBody<'a> {
    #[serde(flatten)]
    view: &'a InvokeView,
    /// ccode → `target`, `attacker`, `attacker-ally`, a strength, `undetermined` or `side-b`.
    categories: BTreeMap<Ccode, &'static str>,
    /// With `forecast=1`: who would fight (docs/forecast.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    forecast: Option<casus_app::forecast::ForecastView>,
}

fn invoke_json(w: &World, p: &ScenarioParams) -> Result<Vec<u8>> {
    let view = invoke_view(w, &p.req, p.all)?;
    let categories = casus_render::categories::categories(&view)
        .into_iter()
        .collect();
    let forecast = if p.forecast {
        Some(forecast(w, &p.req)?)
    } else {
        None
    };
    to_json(&InvokeBody {
        view: &view,
        categories,
        forecast,
    })
}

/// One variant's forecast in `/api/compare?forecast=true`.
#[derive(serde::Serialize)]
struct VariantForecast {
    spec: String,
    forecast: casus_app::forecast::ForecastView,
}

/// `casus.compare/1` with `forecasts` beside it (as `casus compare --forecast --format json`).
#[derive(serde::Serialize)]
struct CompareBody<'a> {
    #[serde(flatten)]
    comparison: &'a casus_app::Comparison,
    forecasts: Vec<VariantForecast>,
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(ApiError::internal)
}

async fn invoke(state: AppState, p: ScenarioParams) -> Result<Response> {
    let key = p.cache_key(if p.forecast {
        "invoke-forecast"
    } else {
        "invoke"
    });
    let bytes = state.cached(key, move |w| invoke_json(w, &p)).await?;
    Ok(json_bytes(StatusCode::OK, bytes))
}

/// `GET /api/invoke?attacker=RUS&target=UKR&date=2025-09-01&spec=ukraine-b`
async fn invoke_get(State(state): State<AppState>, RawQuery(q): RawQuery) -> Result<Response> {
    invoke(state, ScenarioParams::from_query(q.as_deref())?).await
}

/// `POST /api/invoke` with a JSON body (spec text allowed).
async fn invoke_post(State(state): State<AppState>, body: Body) -> Result<Response> {
    let bytes = params::body(body, state.config.body_limit).await?;
    invoke(state, ScenarioParams::from_json(&bytes)?).await
}

async fn compare(state: AppState, p: ScenarioParams) -> Result<Response> {
    let key = p.cache_key(if p.forecast {
        "compare-forecast"
    } else {
        "compare"
    });
    let bytes = state
        .cached(key, move |w| {
            let c = casus_app::compare(w, &p.req)?;
            if !p.forecast {
                return to_json(&c);
            }
            // One forecast per variant, each invoked as `compare` invokes it.
            let mut forecasts = Vec::new();
            for s in &p.req.specs {
                let req = Request {
                    specs: vec![s.clone()],
                    ..p.req.clone()
                };
                forecasts.push(VariantForecast {
                    spec: match s {
                        SpecInput::Id(id) => id.clone(),
                        SpecInput::Text { file, .. } => file.clone(),
                    },
                    forecast: forecast(w, &req)?,
                });
            }
            to_json(&CompareBody {
                comparison: &c,
                forecasts,
            })
        })
        .await?;
    Ok(json_bytes(StatusCode::OK, bytes))
}

/// `GET /api/compare?spec=ukraine-a&spec=ukraine-b&attacker=RUS&target=UKR&date=2025-09-01`
async fn compare_get(State(state): State<AppState>, RawQuery(q): RawQuery) -> Result<Response> {
    compare(state, ScenarioParams::from_query(q.as_deref())?).await
}

async fn compare_post(State(state): State<AppState>, body: Body) -> Result<Response> {
    let bytes = params::body(body, state.config.body_limit).await?;
    compare(state, ScenarioParams::from_json(&bytes)?).await
}

async fn report(state: AppState, p: ScenarioParams) -> Result<Response> {
    let key = p.cache_key(if p.forecast {
        "report-forecast"
    } else {
        "report"
    });
    let map = state.map.clone();
    let bytes = state
        .cached(key, move |w| {
            let view = invoke_view(w, &p.req, false)?;
            let backtest = casus_app::backtest::summary_for(w, &p.req);
            let forecast = if p.forecast {
                Some(forecast(w, &p.req)?)
            } else {
                None
            };
            Ok(casus_render::report::render(&casus_render::report::Report {
                view: &view,
                map: &map,
                backtest: backtest.as_ref(),
                forecast: forecast.as_ref(),
            })
            .into_bytes())
        })
        .await?;
    let mut r = (StatusCode::OK, bytes).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline; filename=\"casus-report.html\""),
    );
    // The report is inline SVG and CSS with no script: forbid everything else.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(REPORT_CSP),
    );
    Ok(r)
}

/// What the report page may load: its own inline styles and data images, nothing else.
const REPORT_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

/// `GET /api/report?…`: the `casus report` page for the scenario (HTML).
async fn report_get(State(state): State<AppState>, RawQuery(q): RawQuery) -> Result<Response> {
    report(state, ScenarioParams::from_query(q.as_deref())?).await
}

async fn report_post(State(state): State<AppState>, body: Body) -> Result<Response> {
    let bytes = params::body(body, state.config.body_limit).await?;
    report(state, ScenarioParams::from_json(&bytes)?).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::params::clip;

    #[test]
    fn query_lists_repeat_or_split() {
        let p = ScenarioParams::from_query(Some("attacker=RUS,BLR&attacker=non-state%3Ax&spec=ukraine-a&spec=ukraine-b,nato&target=UKR&only_specs=1")).unwrap();
        assert_eq!(p.req.attackers, ["RUS", "BLR", "non-state:x"]);
        assert_eq!(p.req.specs.len(), 3);
        assert!(p.req.only_specs);
        assert!(p.cache_key("invoke").is_some());
    }

    #[test]
    fn bad_queries_are_400() {
        for q in [
            "atacker=RUS",
            "all=maybe",
            &format!("target={}", "x".repeat(300)),
            &"spec=a&".repeat(9),
        ] {
            assert!(
                matches!(
                    ScenarioParams::from_query(Some(q)),
                    Err(ApiError::BadRequest(_))
                ),
                "{q}"
            );
        }
    }

    #[test]
    fn spec_text_is_not_cached() {
        let p = ScenarioParams::from_json(
            br#"{"attackers":["RUS"],"specs":["nato",{"text":"id = 'x'"}]}"#,
        )
        .unwrap();
        assert!(p.cache_key("invoke").is_none());
        assert!(matches!(&p.req.specs[1], SpecInput::Text { file, .. } if file == "spec-2.toml"));
    }

    #[test]
    fn clip_shortens() {
        assert_eq!(clip(&"a".repeat(70)).chars().count(), 61);
    }
}
