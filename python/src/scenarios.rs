//! Scenarios: invoke, compare and spec checks, answered with the CLI's JSON (serde of the
//! same view structs), so a Python caller and `casus … --format json` see one schema.

use crate::world::world;
use crate::{value_error, SpecError};
use casus_app::backtest::Plan;
use casus_app::window::{select, Bounds};
use casus_app::{AppError, Request, SpecInput};
use casus_backtest::incidents::Sources;
use casus_core::{Day, World};
use casus_data::Parts;
use pyo3::prelude::*;
use std::borrow::Cow;
use std::io::Read;

/// The JSON schemas the functions answer with (`schema` field of each answer).
pub(crate) const SCHEMAS: [(&str, &str); 4] = [
    ("invoke", casus_core::view::INVOKE_SCHEMA),
    ("compare", "casus.compare/1"),
    ("backtest", casus_backtest::view::BACKTEST_SCHEMA),
    ("reliability", casus_backtest::view::RELIABILITY_SCHEMA),
];

/// An application error as a Python exception: spec errors keep their
/// `file:line:col: message` lines in a `SpecError`; the rest are `ValueError`s.
fn app_error(e: AppError) -> PyErr {
    match e {
        AppError::Spec(errs) => SpecError::new_err(errs.to_string()),
        other => value_error(other),
    }
}

/// A spec argument, as `casus --spec` reads it: an existing file (or a name ending in
/// `.toml`) is read as spec text, text with a line break is spec text itself (named
/// `<spec N>` in messages), anything else is a library or ATOP id.
fn spec_input(i: usize, s: &str) -> PyResult<SpecInput> {
    if s.contains('\n') {
        return Ok(SpecInput::Text {
            file: format!("<spec {}>", i + 1),
            text: s.to_string(),
        });
    }
    let path = std::path::Path::new(s);
    if !(path.is_file() || s.ends_with(".toml")) {
        return Ok(SpecInput::Id(s.to_string()));
    }
    let read = || -> std::io::Result<String> {
        let f = std::fs::File::open(path)?;
        // One byte over the limit is enough to reject an oversized file with the spec's message.
        let mut b = Vec::new();
        f.take(casus_spec::MAX_SPEC_BYTES as u64 + 1)
            .read_to_end(&mut b)?;
        String::from_utf8(b).map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "stream did not contain valid UTF-8",
            )
        })
    };
    let text = read().map_err(|e| value_error(format!("reading spec file {s}: {e}")))?;
    Ok(SpecInput::Text {
        file: s.to_string(),
        text,
    })
}

/// The request both `invoke` and `compare` take.
#[allow(clippy::too_many_arguments)]
fn request(
    attackers: Vec<String>,
    target: Option<String>,
    date: Option<String>,
    place: Option<String>,
    incident: Option<String>,
    specs: Vec<String>,
    only_specs: bool,
    response: Option<String>,
) -> PyResult<Request> {
    let specs = specs
        .iter()
        .enumerate()
        .map(|(i, s)| spec_input(i, s))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Request {
        attackers,
        target,
        date,
        place: Some(place.unwrap_or_else(|| "territory".into())),
        incident,
        specs,
        only_specs,
        response,
    })
}

fn json<T: serde::Serialize>(v: &T) -> PyResult<String> {
    serde_json::to_string(v).map_err(value_error)
}

/// `casus invoke --format json`: the obligations an attack triggers (`casus.invoke/1`).
#[pyfunction]
#[pyo3(signature = (attackers=Vec::new(), target=None, date=None, place=None, incident=None, specs=Vec::new(), only_specs=false, response=None, all=false))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn invoke(
    py: Python<'_>,
    attackers: Vec<String>,
    target: Option<String>,
    date: Option<String>,
    place: Option<String>,
    incident: Option<String>,
    specs: Vec<String>,
    only_specs: bool,
    response: Option<String>,
    all: bool,
) -> PyResult<String> {
    let req = request(
        attackers, target, date, place, incident, specs, only_specs, response,
    )?;
    let w = py.detach(|| world(Parts::ENGINE)).map_err(value_error)?;
    let view = py
        .detach(|| casus_app::invoke_view(&w, &req, all))
        .map_err(app_error)?;
    json(&view)
}

/// `casus compare --format json`: guarantee variants side by side (`casus.compare/1`).
#[pyfunction]
#[pyo3(signature = (variants, attackers=Vec::new(), target=None, date=None, place=None, incident=None, response=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn compare(
    py: Python<'_>,
    variants: Vec<String>,
    attackers: Vec<String>,
    target: Option<String>,
    date: Option<String>,
    place: Option<String>,
    incident: Option<String>,
    response: Option<String>,
) -> PyResult<String> {
    let req = request(
        attackers, target, date, place, incident, variants, false, response,
    )?;
    let w = py.detach(|| world(Parts::ENGINE)).map_err(value_error)?;
    let c = py
        .detach(|| casus_app::compare(&w, &req))
        .map_err(app_error)?;
    json(&c)
}

/// `casus spec check --format json` for one spec (file or text): the report, errors included.
#[pyfunction]
pub(crate) fn spec_check(py: Python<'_>, spec: &str) -> PyResult<String> {
    let (file, text) = match spec_input(0, spec)? {
        SpecInput::Text { file, text } => (file, text),
        SpecInput::Id(id) => {
            return Err(value_error(format!(
                "spec: `{id}` is neither spec text nor a file; pass the TOML text or a path to a .toml file"
            )))
        }
    };
    let w = py.detach(|| world(Parts::STATES)).map_err(value_error)?;
    let report =
        py.detach(|| casus_app::spec_check::check_text(&file, &text, &w.states, &w.groups));
    json(&report)
}

/// Checks a MID hostility level (2 threat, 3 display, 4 use of force, 5 war).
fn hostility(h: i64) -> PyResult<u8> {
    if (2..=5).contains(&h) {
        Ok(h as u8)
    } else {
        Err(value_error(format!(
            "min_hostility: {h} is not a MID hostility level; give 2 (threat), 3 (display), 4 (use of force) or 5 (war)"
        )))
    }
}

/// `casus backtest --format json`: which incidents of the record would have triggered the
/// treaties (`casus.backtest/1`). Spec texts are added to a copy of the world; library and
/// ATOP ids are looked up in it, as `casus backtest SPEC…` does.
#[pyfunction]
#[pyo3(signature = (specs=Vec::new(), all=false, from_=None, to=None, min_hostility=2, sources=None, as_if_since=None, details=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn backtest(
    py: Python<'_>,
    specs: Vec<String>,
    all: bool,
    from_: Option<String>,
    to: Option<String>,
    min_hostility: i64,
    sources: Option<Vec<String>>,
    as_if_since: Option<String>,
    details: Option<bool>,
) -> PyResult<String> {
    let min_hostility = hostility(min_hostility)?;
    let sources = match sources {
        None => Sources {
            mids: true,
            wars: false,
            library: true,
        },
        Some(v) => {
            let mut s = Sources {
                mids: false,
                wars: false,
                library: false,
            };
            for x in &v {
                match x.trim() {
                    "mids" => s.mids = true,
                    "wars" => s.wars = true,
                    "library" => s.library = true,
                    other => {
                        return Err(value_error(format!(
                            "sources: unknown source `{other}`; choose from mids, wars, library"
                        )))
                    }
                }
            }
            if !(s.mids || s.wars || s.library) {
                return Err(value_error(
                    "sources: give at least one of mids, wars, library",
                ));
            }
            s
        }
    };
    let since = as_if_since
        .as_deref()
        .map(|s| casus_app::day::parse(s).map_err(|e| value_error(format!("as_if_since: {e}"))))
        .transpose()?;
    let inputs = specs
        .iter()
        .enumerate()
        .map(|(i, s)| spec_input(i, s))
        .collect::<PyResult<Vec<_>>>()?;
    let base = py.detach(|| world(Parts::HISTORY)).map_err(value_error)?;
    py.detach(|| -> Result<String, PyErrText> {
        let mut w: Cow<'_, World> = Cow::Borrowed(&base);
        let ids = casus_app::backtest::treaty_ids(&mut w, &inputs, all)?;
        if ids.is_empty() {
            return Err(PyErrText::Value("specs: name a treaty to backtest (a library id such as nato, an ATOP id such as 3180, or a spec), or pass all=True".into()));
        }
        let bounds = Bounds {
            from: from_.as_deref(),
            to: to.as_deref(),
            from_name: "from_",
            to_name: "to",
        };
        let default_from = since.unwrap_or(Day::first_of_year(1816));
        let chosen = select(&w, sources, bounds, default_from, min_hostility)?;
        let plan = Plan {
            ids,
            from: Some(chosen.window.from),
            to: Some(chosen.window.to),
            min_hostility,
            kinds: Vec::new(),
            sources,
            as_if_since: since,
        };
        let run = plan.run(&w, chosen, &|_| {});
        serde_json::to_string(&run.view(&w, details.unwrap_or(!all)))
            .map_err(|e| PyErrText::Value(e.to_string()))
    })
    .map_err(PyErrText::into_py)
}

/// `casus reliability --format json`: did allies come when a defence pact was triggered
/// (`casus.reliability/1`)? Wars by default, MIDs with `mids`.
#[pyfunction]
#[pyo3(signature = (mids=false, from_=None, to=None, min_hostility=4, joiners=false, during_war=false, treaties=Vec::new()))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn reliability(
    py: Python<'_>,
    mids: bool,
    from_: Option<String>,
    to: Option<String>,
    min_hostility: i64,
    joiners: bool,
    during_war: bool,
    treaties: Vec<String>,
) -> PyResult<String> {
    let min_hostility = hostility(min_hostility)?;
    let w = py
        .detach(|| world(Parts::HISTORY.with(Parts::MID_DYADS)))
        .map_err(value_error)?;
    py.detach(|| -> Result<String, PyErrText> {
        let ask = casus_app::reliability::Ask {
            mids,
            bounds: Bounds {
                from: from_.as_deref(),
                to: to.as_deref(),
                from_name: "from_",
                to_name: "to",
            },
            min_hostility,
            joiners,
            during_war,
            treaties: &treaties,
        };
        let c = casus_app::reliability::cases(&w, &ask)?;
        let r = casus_backtest::reliability(&w, &c.treaties, &c.incidents, &|_| {});
        let view = casus_backtest::view::ReliabilityView::new(
            &w,
            &c.treaties,
            &c.incidents,
            &r,
            &c.query,
            true,
        );
        serde_json::to_string(&view).map_err(|e| PyErrText::Value(e.to_string()))
    })
    .map_err(PyErrText::into_py)
}

/// An error made without the GIL (a `PyErr` needs it), turned into one afterwards.
enum PyErrText {
    /// A [`ValueError`](pyo3::exceptions::PyValueError).
    Value(String),
    /// An application error ([`app_error`]).
    App(AppError),
}

impl From<AppError> for PyErrText {
    fn from(e: AppError) -> Self {
        PyErrText::App(e)
    }
}

impl PyErrText {
    fn into_py(self) -> PyErr {
        match self {
            PyErrText::Value(m) => value_error(m),
            PyErrText::App(e) => app_error(e),
        }
    }
}
