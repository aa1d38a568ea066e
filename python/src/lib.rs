//! `casus._casus`: the native half of the Python package. Thin by design: every function
//! converts Python arguments to the workspace crates' types, calls them, and converts the
//! answer back (an Arrow table through the C stream interface, or the CLI's JSON text).
//! The Python half (`casus/__init__.py`) wraps these with docstrings and pyarrow.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// mimalloc keeps freed pages for reuse: a second table reuses the first one's memory instead of
/// faulting in ~480 MiB of fresh pages (measured in scripts/bench-python.py).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod scenarios;
mod tables;
mod world;

create_exception!(
    _casus,
    SpecError,
    PyValueError,
    "A guarantee spec with errors; the message lists each as file:line:col: message, with a hint."
);

/// Bad input from the caller (a name, a year, a table name): a `ValueError` with the
/// library's message, which names the argument and gives a hint.
pub(crate) fn value_error(msg: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(msg.to_string())
}

/// The native module.
#[pymodule]
fn _casus(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("SpecError", m.py().get_type::<SpecError>())?;
    m.add_class::<tables::ArrowTable>()?;
    m.add_function(wrap_pyfunction!(tables::dyads, m)?)?;
    m.add_function(wrap_pyfunction!(tables::stateyears, m)?)?;
    m.add_function(wrap_pyfunction!(tables::similarity, m)?)?;
    m.add_function(wrap_pyfunction!(scenarios::invoke, m)?)?;
    m.add_function(wrap_pyfunction!(scenarios::compare, m)?)?;
    m.add_function(wrap_pyfunction!(scenarios::spec_check, m)?)?;
    m.add_function(wrap_pyfunction!(scenarios::backtest, m)?)?;
    m.add_function(wrap_pyfunction!(scenarios::reliability, m)?)?;
    m.add("SCHEMAS", scenarios::SCHEMAS)?;
    Ok(())
}
