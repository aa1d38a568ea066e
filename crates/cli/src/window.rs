//! The window of the historical record that `backtest` and `reliability` run over, as the
//! command line gives it (`--from`, `--to`: a year or a day), and the treaties they name.

use crate::scenario::spec_input;
use anyhow::{bail, Result};
use casus_app::SpecInput;
use casus_backtest::incidents::Sources;
use casus_backtest::{RecordIncident, Window};
use casus_core::{Day, World};
use std::borrow::Cow;

/// The treaties named on the command line (adding spec files to the world), then with
/// `all` every treaty of the world. Returns treaty ids.
pub fn resolve_treaties(world: &mut World, specs: &[String], all: bool) -> Result<Vec<String>> {
    let inputs = specs
        .iter()
        .map(|s| spec_input(s))
        .collect::<Result<Vec<SpecInput>>>()?;
    // The world is owned here: spec texts are added to it in place, without a copy.
    let mut w = Cow::Owned(std::mem::take(world));
    let ids = casus_app::backtest::treaty_ids(&mut w, &inputs, all);
    *world = w.into_owned();
    let ids = ids?;
    if ids.is_empty() {
        bail!("name a treaty to backtest (a library id such as nato, an ATOP id such as 3180, or a spec file), or use --all");
    }
    Ok(ids)
}

/// The incidents of the window (an error when it is empty or holds none).
pub fn select(
    world: &World,
    src: Sources,
    from: Option<&str>,
    to: Option<&str>,
    default_from: Day,
    min_hostility: u8,
) -> Result<(Window, Vec<RecordIncident>)> {
    let bounds = casus_app::window::Bounds {
        from,
        to,
        from_name: "--from",
        to_name: "--to",
    };
    let chosen = casus_app::window::select(world, src, bounds, default_from, min_hostility)?;
    Ok((chosen.window, chosen.incidents))
}
