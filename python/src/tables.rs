//! Research tables: dyad-years and state-years as Arrow (handed to pyarrow without a copy),
//! and per-alliance similarity rows with the CLI's JSON shape.

use crate::value_error;
use crate::world::record;
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator};
use casus_data::Parts;
use casus_dyad::{
    AllianceSimilarityRow, ContiguityRule, CreateOptions, Frame, GmlInit, MemberFile, Options,
    PortfolioSource, Quiet, Step, Unit,
};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use std::ffi::CString;

/// A finished table held in Arrow memory. pyarrow (and polars, DuckDB, …) read it through
/// the Arrow PyCapsule interface: `__arrow_c_stream__` exports the same buffers, so no
/// column is copied on the Python side.
#[pyclass(module = "casus._casus", name = "ArrowTable", frozen)]
pub(crate) struct ArrowTable {
    batch: RecordBatch,
}

#[pymethods]
impl ArrowTable {
    /// Number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    /// The Arrow C stream of this table, in a capsule named `arrow_array_stream`. The
    /// stream shares the table's buffers (reference-counted), so calling it twice is fine.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        // The schema is fixed; a consumer asking for another one casts on its side.
        let _ = requested_schema;
        let reader =
            RecordBatchIterator::new(std::iter::once(Ok(self.batch.clone())), self.batch.schema());
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        let name = CString::new("arrow_array_stream").expect("no NUL in a literal");
        // The capsule owns the stream; the consumer moves it out (nulling its release
        // callback), and dropping the capsule releases whatever was not consumed.
        PyCapsule::new(py, stream, Some(name))
    }
}

/// peacesciencer's options from the keyword arguments.
fn options(fix_contiguity_overlap: bool, gml_init: &str) -> PyResult<Options> {
    let gml_init = match gml_init.trim().replace('_', "-").as_str() {
        "sidea-all-joiners" => GmlInit::SideaAllJoiners,
        "sidea-with-joiners" => GmlInit::SideaWithJoiners,
        "sidea-orig" => GmlInit::SideaOrig,
        other => {
            return Err(value_error(format!(
            "gml_init: unknown value `{other}`; choose from sidea-all-joiners (peacesciencer's default), sidea-with-joiners, sidea-orig"
        )))
        }
    };
    Ok(Options {
        contiguity: if fix_contiguity_overlap {
            ContiguityRule::PreferContiguous
        } else {
            ContiguityRule::Peacesciencer
        },
        gml_init,
        ..Options::default()
    })
}

/// Checks the years the caller gave (Python ints of any size) and makes them `i16`.
fn years(years: Option<(i64, i64)>) -> PyResult<Option<(i16, i16)>> {
    let Some((a, b)) = years else { return Ok(None) };
    let year = |y: i64| {
        i16::try_from(y).map_err(|_| {
            value_error(format!(
                "years: {y} is not a year; give (first, last) within the data, e.g. (1816, 2016)"
            ))
        })
    };
    let (a, b) = (year(a)?, year(b)?);
    if a > b {
        return Err(value_error(format!(
            "years: the first year ({a}) is after the last ({b}); give (first, last), e.g. (1816, 2016)"
        )));
    }
    Ok(Some((a, b)))
}

/// The current year: the caller's or peacesciencer's (this year minus one).
fn current(current_year: Option<i64>) -> PyResult<i16> {
    match current_year {
        None => Ok(CreateOptions::current_year_today()),
        Some(y) => i16::try_from(y).map_err(|_| {
            value_error(format!(
                "current_year: {y} is not a year; give a year such as 2016"
            ))
        }),
    }
}

/// Builds a frame (the same calls as `casus dyads` / `casus stateyears`) without the GIL.
fn build(
    py: Python<'_>,
    unit: Unit,
    add: &str,
    years: Option<(i16, i16)>,
    current_year: i16,
    opts: Options,
) -> PyResult<Frame> {
    let steps = Step::parse_list_for(add, unit).map_err(|e| value_error(format!("add: {e}")))?;
    py.detach(|| -> Result<Frame, String> {
        let rec = record(Step::parts_for(&steps, &opts))?;
        let create = CreateOptions {
            directed: !matches!(unit, Unit::DyadYear { directed: false }),
            years,
            current_year,
        };
        let mut frame = match unit {
            Unit::DyadYear { .. } => casus_dyad::create_dyad_years(&rec, &create),
            Unit::StateYear => casus_dyad::create_state_years(&rec, &create),
        }
        .map_err(|e| e.to_string())?;
        frame
            .add_all(&steps, &rec, &opts)
            .map_err(|e| e.to_string())?;
        Ok(frame)
    })
    .map_err(value_error)
}

/// Hands a frame over as an Arrow table, or its fingerprint as the CLI's CSV text.
fn finish(py: Python<'_>, frame: Frame, fingerprint: bool) -> PyResult<Py<PyAny>> {
    if fingerprint {
        let text = py.detach(|| casus_dyad::Fingerprint::of(&frame).to_csv());
        return Ok(text.into_pyobject(py)?.into_any().unbind());
    }
    let batch = py
        .detach(|| casus_dyad::write::record_batch(&frame))
        .map_err(value_error)?;
    Ok(Py::new(py, ArrowTable { batch })?.into_any())
}

/// Dyad-years (`casus dyads`); see `casus.dyads` for the arguments.
#[pyfunction]
#[pyo3(signature = (years=None, add="", directed=true, current_year=None, fix_contiguity_overlap=false, gml_init="sidea-all-joiners", fingerprint=false))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn dyads(
    py: Python<'_>,
    years: Option<(i64, i64)>,
    add: &str,
    directed: bool,
    current_year: Option<i64>,
    fix_contiguity_overlap: bool,
    gml_init: &str,
    fingerprint: bool,
) -> PyResult<Py<PyAny>> {
    let opts = options(fix_contiguity_overlap, gml_init)?;
    let unit = Unit::DyadYear { directed };
    let frame = build(
        py,
        unit,
        add,
        self::years(years)?,
        current(current_year)?,
        opts,
    )?;
    finish(py, frame, fingerprint)
}

/// State-years (`casus stateyears`); see `casus.stateyears` for the arguments.
#[pyfunction]
#[pyo3(signature = (years=None, add="", current_year=None, fingerprint=false))]
pub(crate) fn stateyears(
    py: Python<'_>,
    years: Option<(i64, i64)>,
    add: &str,
    current_year: Option<i64>,
    fingerprint: bool,
) -> PyResult<Py<PyAny>> {
    let frame = build(
        py,
        Unit::StateYear,
        add,
        self::years(years)?,
        current(current_year)?,
        Options::default(),
    )?;
    finish(py, frame, fingerprint)
}

/// One row of `casus similarity --format json`: a missing score is `null`.
/// Per-alliance, per-year similarity (`casus similarity`), as the CLI's JSON text.
#[pyfunction]
#[pyo3(signature = (alliances=None, members="atop5", current_year=None))]
pub(crate) fn similarity(
    py: Python<'_>,
    alliances: Option<Vec<i32>>,
    members: &str,
    current_year: Option<i64>,
) -> PyResult<String> {
    let (file, part) = match members {
        "atop5" => (MemberFile::Atop5, Parts::ATOP5),
        "atop4" => (MemberFile::Atop4, Parts::ATOP4),
        other => {
            let hint = "choose atop5 (ATOP 5.1) or atop4 (ATOP 4.01)";
            return Err(value_error(format!(
                "members: unknown member file `{other}`; {hint}"
            )));
        }
    };
    let opts = casus_dyad::SimilarityOptions {
        weights: vec![casus_dyad::Weighting::None],
        ..Default::default()
    };
    let portfolio = match opts.portfolio {
        PortfolioSource::Atop => Parts::ATOP_DYADS,
        PortfolioSource::Cow => Parts::COW_ALLIANCES,
    };
    if alliances.as_ref().is_some_and(|a| a.is_empty()) {
        return Err(value_error(
            "alliances: the list is empty; give ATOP ids such as [3180], or None for every alliance",
        ));
    }
    let current_year = current(current_year)?;
    py.detach(|| -> Result<String, String> {
        let rec = record(Parts::STATES.with(Parts::NMC).with(portfolio).with(part))?;
        let res = casus_dyad::alliance_similarity(
            &rec,
            alliances.as_deref(),
            file,
            opts.weights[0],
            &opts,
            current_year,
            &Quiet,
        )
        .map_err(|e| e.to_string())?;
        let rows: Vec<AllianceSimilarityRow> =
            res.iter().map(AllianceSimilarityRow::from).collect();
        serde_json::to_string(&rows).map_err(|e| e.to_string())
    })
    .map_err(value_error)
}
