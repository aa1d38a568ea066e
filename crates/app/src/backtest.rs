//! Backtest orchestration shared by `casus backtest`, `/api/backtest` and the report: resolve
//! the treaties, choose the incidents of the window, shift proposals to an as-if date, run,
//! and describe the query. Rules: docs/backtest.md.

use crate::{input, treaty, Request, Result, SpecInput};
use casus_backtest::incidents::{self, Source, Sources};
use casus_backtest::view::{BacktestView, Query};
use casus_backtest::{Backtest, RecordIncident, Selection, Window};
use casus_core::treaty::{Kind, Treaty, TreatyStatus};
use casus_core::{Day, World};
use std::borrow::Cow;

/// What to backtest, already parsed by a front end.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Treaty ids of the world (resolved with [`treaty::find`] or added from spec text).
    pub ids: Vec<String>,
    /// First day of the window [default: the as-if day, else 1816-01-01].
    pub from: Option<Day>,
    /// Last day [default: the end of the last incident's year].
    pub to: Option<Day>,
    /// 2 threat, 3 display, 4 use of force, 5 war.
    pub min_hostility: u8,
    /// Count only obligations of these kinds (empty: every kind).
    pub kinds: Vec<Kind>,
    /// Which datasets to build incidents from.
    pub sources: Sources,
    /// Evaluate the treaties as if in force since this day (for proposals).
    pub as_if_since: Option<Day>,
}

impl Default for Plan {
    fn default() -> Plan {
        Plan {
            ids: vec![],
            from: None,
            to: None,
            min_hostility: 2,
            kinds: vec![],
            sources: Sources::default(),
            as_if_since: None,
        }
    }
}

/// The incidents a plan runs over.
pub struct Chosen {
    /// The days the incidents fall in.
    pub window: Window,
    /// The incidents selected.
    pub incidents: Vec<RecordIncident>,
}

/// A finished backtest with what produced it.
pub struct Run<'w> {
    /// The treaties run, as evaluated: borrowed from the world, or shifted to the as-if day.
    pub treaties: Vec<Cow<'w, Treaty>>,
    /// The incidents the treaties ran over.
    pub incidents: Vec<RecordIncident>,
    /// The result.
    pub backtest: Backtest,
    /// What was asked, for the view's header.
    pub query: Query,
}

/// The sources switched on, in the order the output lists them.
pub fn source_list(s: Sources) -> Vec<Source> {
    [
        (s.mids, Source::Mid),
        (s.wars, Source::War),
        (s.library, Source::Library),
    ]
    .into_iter()
    .filter(|x| x.0)
    .map(|x| x.1)
    .collect()
}

/// The ids of the treaties a backtest names, in order and without repeats: spec texts are
/// added to the world (a copy is made only then), ids are looked up in it; with `all`,
/// every other treaty of the world follows. Shared by the CLI and the Python and R packages.
pub fn treaty_ids(
    world: &mut Cow<'_, World>,
    specs: &[SpecInput],
    all: bool,
) -> Result<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    for s in specs {
        let id = match s {
            SpecInput::Text { file, text } => crate::add_spec_text(world.to_mut(), file, text)?,
            SpecInput::Id(id) => treaty::find(world, id)?.id.clone(),
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if all {
        for t in &world.treaties {
            if !ids.contains(&t.id) {
                ids.push(t.id.clone());
            }
        }
    }
    Ok(ids)
}

/// The incidents of the window [from, to] at `min_hostility` or more; the window defaults
/// to `default_from` through the end of the last incident's year.
pub fn select(
    w: &World,
    sources: Sources,
    from: Option<Day>,
    to: Option<Day>,
    default_from: Day,
    min_hostility: u8,
) -> Result<Chosen> {
    let all = incidents::build(w, sources);
    let from = from.unwrap_or(default_from);
    let last = all.iter().map(|i| i.latest).max().unwrap_or(from).year();
    let to = to.unwrap_or(Day::last_of_year(last.max(from.year())));
    let window = Window::new(from, to).map_err(|e| input(e.to_string()))?;
    let incidents = Selection {
        window,
        min_hostility,
    }
    .apply(&all);
    Ok(Chosen { window, incidents })
}

impl Plan {
    /// The incidents this plan runs over.
    pub fn select(&self, w: &World) -> Result<Chosen> {
        let default_from = self.as_if_since.unwrap_or(Day::first_of_year(1816));
        select(
            w,
            self.sources,
            self.from,
            self.to,
            default_from,
            self.min_hostility,
        )
    }

    /// Runs the plan over `chosen`; `progress` hears of every incident done.
    pub fn run<'w>(
        &self,
        w: &'w World,
        chosen: Chosen,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Run<'w> {
        let treaties: Vec<Cow<'w, Treaty>> = self
            .ids
            .iter()
            .filter_map(|id| w.treaty(id))
            .map(|t| match self.as_if_since {
                Some(d) => Cow::Owned(casus_backtest::as_if_since(t, d)),
                None => Cow::Borrowed(t),
            })
            .collect();
        let refs: Vec<&Treaty> = treaties.iter().map(|t| t.as_ref()).collect();
        let backtest = casus_backtest::backtest(
            w,
            &refs,
            &chosen.incidents,
            chosen.window,
            &self.kinds,
            progress,
        );
        let query = Query {
            as_if_since: self.as_if_since,
            min_hostility: self.min_hostility,
            sources: source_list(self.sources),
        };
        Run {
            treaties,
            incidents: chosen.incidents,
            backtest,
            query,
        }
    }
}

impl Run<'_> {
    /// The treaties as the backtest indexes them.
    pub fn treaty_refs(&self) -> Vec<&Treaty> {
        self.treaties.iter().map(|t| t.as_ref()).collect()
    }

    /// `casus backtest --format json` (`casus.backtest/1`); `details` adds per-incident lists.
    pub fn view(&self, w: &World, details: bool) -> BacktestView {
        BacktestView::new(
            w,
            &self.treaty_refs(),
            &self.incidents,
            &self.backtest,
            &self.query,
            details,
        )
    }

    /// Whether some treaty is triggered (or undetermined) by some incident.
    pub fn any(&self) -> bool {
        self.backtest
            .treaties
            .iter()
            .any(|t| t.counts.triggered + t.counts.undetermined > 0)
    }
}

/// The backtest of the guarantees a scenario names, and how it was run (for the report).
pub struct BacktestSummary {
    /// The backtest as `casus backtest --format json` prints it.
    pub view: BacktestView,
    /// How the backtest was run, in words.
    pub note: String,
}

/// The backtest summary for a report: the guarantees the scenario names (by id, at most
/// four), run against every militarized dispute since 1816 at hostility 4 (use of force) or
/// more; a proposal is evaluated as if in force since 1946-01-01. `None` when the scenario
/// names no guarantee (or a name is unknown).
pub fn summary_for(w: &World, req: &Request) -> Option<BacktestSummary> {
    let keys: Vec<&str> = req
        .specs
        .iter()
        .filter_map(|s| match s {
            SpecInput::Id(id) => Some(id.as_str()),
            SpecInput::Text { .. } => None,
        })
        .take(4)
        .collect();
    let mut ids: Vec<String> = Vec::new();
    for k in keys {
        let id = treaty::by_key(w, k)?.id.clone();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return None;
    }
    let proposal = ids.iter().any(|id| {
        w.treaty(id)
            .is_some_and(|t| t.status == TreatyStatus::Proposed)
    });
    let plan = Plan {
        ids,
        min_hostility: 4,
        as_if_since: proposal.then(|| Day::first_of_year(1946)),
        ..Plan::default()
    };
    let chosen = plan.select(w).ok()?;
    let view = plan.run(w, chosen, &|_| {}).view(w, false);
    let note = if proposal {
        "Every militarized interstate dispute (GML) and the library's recent incidents; the proposals are evaluated as if in force since 1946-01-01".to_string()
    } else {
        "Every militarized interstate dispute (GML) and the library's recent incidents, each treaty with its real dates".to_string()
    };
    Some(BacktestSummary { view, note })
}
