//! Turning `--spec` arguments (files, library ids, ATOP ids) into treaties of the world.

use anyhow::{bail, Result};
use casus_core::World;

/// Adds the specs named on the command line and returns their treaty ids in order.
/// A library id (`nato`), an ATOP id (`3180`, `atop:3180`) or a path to a spec file.
pub fn add_specs(world: &mut World, specs: &[String]) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for s in specs {
        let atop = s.parse::<u32>().ok().map(|n| format!("atop:{n}"));
        if let Some(t) = world.treaty(atop.as_deref().unwrap_or(s)) {
            ids.push(t.id.clone());
            continue;
        }
        let path = std::path::Path::new(s);
        if !path.exists() {
            bail!("--spec {s}: no such file, and no treaty with that id (see `casus treaty list`)");
        }
        bail!("--spec {s}: reading spec files is not available yet");
    }
    Ok(ids)
}
