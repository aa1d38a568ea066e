//! Alliance reliability as both front ends ask for it: the ATOP alliances to measure.

use crate::{input, Result};
use casus_core::treaty::{Origin, Treaty};
use casus_core::World;

/// The ATOP alliances named by `keys` (ATOP ids, treaty ids or names), once each; every ATOP
/// alliance when `keys` is empty. A library spec is refused: reliability compares ATOP's
/// pledges with what the allies did.
pub fn atop_treaties<'w>(w: &'w World, keys: &[String]) -> Result<Vec<&'w Treaty>> {
    if keys.is_empty() {
        return Ok(w
            .treaties
            .iter()
            .filter(|t| matches!(t.origin, Origin::Atop { .. }))
            .collect());
    }
    let mut out: Vec<&Treaty> = Vec::new();
    for key in keys {
        let t = crate::treaty::find(w, key)?;
        if !matches!(t.origin, Origin::Atop { .. }) {
            return Err(input(format!("--treaty {key}: reliability is measured for ATOP alliances only; give an ATOP id such as 3180 (`{}` is a spec)", t.id)));
        }
        if !out.iter().any(|x| x.id == t.id) {
            out.push(t);
        }
    }
    Ok(out)
}
