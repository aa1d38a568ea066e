//! The bundled record and world, loaded once per process for each set of datasets, so that
//! every call after the first pays only for its own work (the CLI loads them per run).

use casus_core::{Record, World};
use casus_data::{DataSource, Parts};
use std::sync::{Arc, Mutex};

/// Loaded values keyed by the datasets they hold.
type Cache<T> = Mutex<Vec<(Parts, Arc<T>)>>;

static RECORDS: Cache<Record> = Mutex::new(Vec::new());
static WORLDS: Cache<World> = Mutex::new(Vec::new());

/// Looks `parts` up in `cache`, loading it with `load` on a miss. The lock is held while
/// loading so two threads never load the same datasets twice.
fn cached<T>(
    cache: &Cache<T>,
    parts: Parts,
    load: impl FnOnce() -> Result<T, String>,
) -> Result<Arc<T>, String> {
    // A poisoned lock only means a load panicked earlier; the cache itself is still valid.
    let mut c = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, v)) = c.iter().find(|(p, _)| *p == parts) {
        return Ok(Arc::clone(v));
    }
    let v = Arc::new(load()?);
    c.push((parts, Arc::clone(&v)));
    Ok(v)
}

/// The bundled record with the datasets in `parts` (research tables).
pub(crate) fn record(parts: Parts) -> Result<Arc<Record>, String> {
    cached(&RECORDS, parts, || {
        casus_data::load_record_parts(&DataSource::Bundled, parts)
            .map_err(|e| format!("loading the bundled data: {e}"))
    })
}

/// The bundled world with the datasets in `parts` and the built-in treaty library (scenarios).
pub(crate) fn world(parts: Parts) -> Result<Arc<World>, String> {
    cached(&WORLDS, parts, || {
        let w = casus_data::load_world_parts(&DataSource::Bundled, parts)
            .map_err(|e| format!("loading the bundled data: {e}"))?;
        casus_app::with_library(w).map_err(|e| format!("loading the treaty library: {e}"))
    })
}
