//! Scenarios: invoke, compare and spec checks, answered with the CLI's JSON (serde of the
//! same view structs), so a Python caller and `casus … --format json` see one schema.

use crate::world::world;
use crate::{value_error, SpecError};
use casus_app::{AppError, Request, SpecInput};
use casus_data::Parts;
use pyo3::prelude::*;
use std::io::Read;

/// The JSON schemas the functions answer with (`schema` field of each answer).
pub(crate) const SCHEMAS: [(&str, &str); 2] = [
    ("invoke", casus_core::view::INVOKE_SCHEMA),
    ("compare", "casus.compare/1"),
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
    let report = py.detach(|| casus_app::spec_check::check_text(&file, &text, &w.states, &w.groups));
    json(&report)
}
