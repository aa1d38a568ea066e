//! Alliance reliability as both front ends ask for it: the ATOP alliances to measure.

use crate::{input, Result};
use casus_backtest::incidents::{self, Source, Sources};
use casus_backtest::reproduce::Reproduction;
use casus_backtest::RecordIncident;
use casus_backtest::{Selection, Window};
use casus_core::treaty::{Origin, Treaty};
use casus_core::Day;
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

/// Published case lists that `casus reliability --reproduce` compares with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Study {
    /// Berkemeier & Fuhrmann (2018): alliance × war, COW wars 1816–2003.
    Bf2018,
}

/// The reproduction of `study`: casus's own alliance × war frame over every COW war
/// (1816–2003, every target, those attacked after a war's first year included, as the
/// article counts them) with every ATOP alliance, joined with the study's case list.
///
/// With `during_war`, alliances signed while a war lasts count for its attacks too
/// ([`during_war`]).
pub fn reproduce(w: &World, study: Study, during_war: bool) -> Result<Reproduction> {
    let Study::Bf2018 = study;
    let window = Window::years(1816, 2003).map_err(|e| input(e.to_string()))?;
    let all = incidents::build(
        w,
        Sources {
            mids: false,
            wars: true,
            library: false,
        },
    );
    let mut inc = Selection {
        window,
        min_hostility: 5,
    }
    .apply(&all);
    if during_war {
        self::during_war(w, &mut inc);
    }
    let ts = atop_treaties(w, &[])?;
    let r = casus_backtest::reliability(w, &ts, &inc, &|_| {});
    casus_backtest::reproduce::reproduce(w, &ts, &inc, &r).map_err(input)
}

/// Lets every war incident span the rest of its war (to 31 December of the war's last
/// year): an alliance that binds at some time between the attack and the war's end then
/// applies (undetermined when it did not bind on every one of those days), as the article
/// counts alliances signed during a war (Anglo-Soviet 1941, the Tripartite Pact 1940).
pub fn during_war(w: &World, incidents: &mut [RecordIncident]) {
    let mut last: std::collections::HashMap<u32, i16> = std::collections::HashMap::new();
    for r in &w.record.wars {
        let y = last.entry(r.warnum).or_insert(r.year);
        *y = (*y).max(r.year);
    }
    for ri in incidents.iter_mut().filter(|ri| ri.source == Source::War) {
        if let Some(&y) = last.get(&ri.dispute) {
            ri.latest = ri.latest.max(Day::last_of_year(y as i32));
        }
    }
}

/// What a user asks of the reliability study (the CLI's options, the packages' arguments).
#[derive(Clone, Debug, Default)]
pub struct Ask<'a> {
    /// Cases from GML MIDs instead of COW wars.
    pub mids: bool,
    /// First and last year or day of the window.
    pub bounds: crate::window::Bounds<'a>,
    /// Lowest MID hostility of the attack (MIDs only; wars are hostility 5).
    pub min_hostility: u8,
    /// Count side-B joiners as attacked too.
    pub joiners: bool,
    /// Let war incidents span the rest of their war (alliances signed during it count).
    pub during_war: bool,
    /// Only these ATOP alliances (empty: all).
    pub treaties: &'a [String],
}

/// The incidents an [`Ask`] selects, the alliances it measures and what it asked, ready
/// for [`casus_backtest::reliability()`].
pub struct Cases<'w> {
    /// The ATOP alliances measured.
    pub treaties: Vec<&'w Treaty>,
    /// The attacks the cases come from.
    pub incidents: Vec<RecordIncident>,
    /// The query, for the view's header.
    pub query: casus_backtest::view::ReliabilityQuery,
}

/// Selects the incidents and alliances of an [`Ask`]: wars by default (hostility 5), MIDs
/// at `min_hostility` or more; only states attacked on the first day (or by a joining
/// attacker) unless `joiners`. Errors name the argument at fault.
pub fn cases<'w>(w: &'w World, ask: &Ask) -> Result<Cases<'w>> {
    let sources = Sources {
        mids: ask.mids,
        wars: !ask.mids,
        library: false,
    };
    let min_hostility = if ask.mids { ask.min_hostility } else { 5 };
    let chosen = crate::window::select(
        w,
        sources,
        ask.bounds,
        Day::first_of_year(1816),
        min_hostility,
    )?;
    let mut incidents = chosen.incidents;
    if !ask.joiners {
        incidents.retain(|i| i.entry != incidents::Entry::TargetJoins);
    }
    if ask.during_war {
        during_war(w, &mut incidents);
    }
    let treaties = atop_treaties(w, ask.treaties)?;
    let query = casus_backtest::view::ReliabilityQuery {
        window: chosen.window,
        sources: vec![if ask.mids { Source::Mid } else { Source::War }],
        min_hostility,
        joiners: ask.joiners,
    };
    Ok(Cases {
        treaties,
        incidents,
        query,
    })
}
