//! The forecast of who would fight (docs/forecast.md): the predictors of honouring read
//! from the record for a pledge, the model fitted on the reliability cases, and the
//! forecast for an invoked scenario (each obliged state's probability of fighting and a
//! Monte Carlo over who comes).
//!
//! The same [`Facts::row`] builds the predictors of a historical case and of a proposed
//! treaty, so the model sees both the same way.

use crate::reliability::{cases, Ask};
use crate::{input, Request, Result, Scenario};
use casus_backtest::reliability::Applies;
use casus_backtest::verdict::Verdict;
use casus_core::engine::Status;
use casus_core::response::latest_capability;
use casus_core::treaty::{Kind, Selector, Treaty};
use casus_core::{Ccode, Day, World};
use casus_forecast::{Balance, Candidate, Design, Fit, Scores, Totals, Validation};
use serde::Serialize;
use std::collections::HashMap;

/// The predictors, in column order (Leeds 2003; Leeds & Anac 2005; Berkemeier & Fuhrmann
/// 2018). The ally's being itself attacked is left out: it is known only once the war has
/// unfolded, never when a treaty is proposed.
pub const PREDICTORS: [&str; 15] = [
    "intercept",
    "offence pledge",
    "neutrality pledge",
    "non-aggression pledge",
    "bilateral treaty",
    "conditional pledge",
    "ally is a major power",
    "ally borders an attacker",
    "log km, ally's capital to target's",
    "ally's CINC share vs attackers",
    "ally is an attacker's rival",
    "log years since ally joined",
    "change in ally's log CINC since joining",
    "an attacker is a fellow member",
    "after 1945",
];

/// Default Monte Carlo draws.
pub const DEFAULT_DRAWS: u32 = 10_000;
/// Default seed.
pub const DEFAULT_SEED: u64 = 2025;
/// Most draws a request may ask for.
pub const MAX_DRAWS: u32 = 1_000_000;

/// The command that reproduces the model's tables (printed beside them in the docs).
pub const MODEL_COMMAND: &str = "casus reliability --model --plot docs/forecast-calibration.svg";

/// The record indexed for the predictors: integer keys, built once.
pub struct Facts<'w> {
    world: &'w World,
    majors: HashMap<Ccode, Vec<(Day, Day)>>,
    land: HashMap<(Ccode, Ccode), Vec<(Day, Day)>>,
    capitals: HashMap<Ccode, Vec<(Day, Day, f64, f64)>>,
    rivals: HashMap<(Ccode, Ccode), Vec<(i32, i32)>>,
    /// Last day of the state-system data (majors, contiguity, capitals carry forward).
    last_day: Day,
}

fn pair(a: Ccode, b: Ccode) -> (Ccode, Ccode) {
    (a.min(b), a.max(b))
}

impl<'w> Facts<'w> {
    /// Indexes majors, land contiguity, capitals and Thompson–Dreyer rivalries. Errors
    /// when a table the predictors need was not loaded.
    pub fn new(world: &'w World) -> Result<Facts<'w>> {
        let r = &world.record;
        for (empty, what) in [
            (r.capabilities.is_empty(), "NMC capabilities"),
            (r.majors.is_empty(), "COW major powers (cow_majors.csv)"),
            (r.contiguity.is_empty(), "COW direct contiguity"),
            (r.capitals.is_empty(), "COW capitals"),
            (r.rivalries_td.is_empty(), "Thompson–Dreyer rivalries"),
        ] {
            if empty {
                return Err(input(format!("the forecast needs {what}, which the data source did not provide: check --data-dir (`casus data list` shows what is there)")));
            }
        }
        let mut majors: HashMap<Ccode, Vec<(Day, Day)>> = HashMap::new();
        for m in &r.majors {
            majors
                .entry(m.ccode)
                .or_default()
                .push((m.span.start, m.span.end));
        }
        let mut land: HashMap<(Ccode, Ccode), Vec<(Day, Day)>> = HashMap::new();
        for c in r.contiguity.iter().filter(|c| c.conttype == 1) {
            land.entry(pair(c.ccode1, c.ccode2))
                .or_default()
                .push((c.start, c.end));
        }
        let mut capitals: HashMap<Ccode, Vec<(Day, Day, f64, f64)>> = HashMap::new();
        for c in &r.capitals {
            capitals
                .entry(c.ccode)
                .or_default()
                .push((c.span.start, c.span.end, c.lat, c.lng));
        }
        let mut rivals: HashMap<(Ccode, Ccode), Vec<(i32, i32)>> = HashMap::new();
        for v in &r.rivalries_td {
            rivals
                .entry(pair(v.ccode1, v.ccode2))
                .or_default()
                .push((v.start_year as i32, v.end_year as i32));
        }
        Ok(Facts {
            world,
            majors,
            land,
            capitals,
            rivals,
            last_day: world.states.last_day,
        })
    }

    fn within(spans: Option<&Vec<(Day, Day)>>, day: Day) -> bool {
        spans.is_some_and(|v| v.iter().any(|&(a, b)| a <= day && day <= b))
    }

    /// The capital of `s` on `day` (or its latest before it).
    fn capital(&self, s: Ccode, day: Day) -> Option<(f64, f64)> {
        let v = self.capitals.get(&s)?;
        v.iter()
            .filter(|c| c.0 <= day)
            .max_by_key(|c| c.0)
            .or_else(|| v.iter().min_by_key(|c| c.0))
            .map(|c| (c.2, c.3))
    }

    fn cinc(&self, s: Ccode, year: i32) -> f64 {
        latest_capability(&self.world.record.capabilities, s, year)
            .cinc
            .unwrap_or(0.0)
    }

    /// The predictors of `obligor`'s pledge of `kind` under `t` to `target`, attacked by
    /// `attackers` on `day`. Data that end before `day` carry their last values forward.
    pub fn row(
        &self,
        t: &Treaty,
        kind: Kind,
        obligor: Ccode,
        target: Ccode,
        attackers: &[Ccode],
        day: Day,
    ) -> [f64; 15] {
        let d = day.min(self.last_day);
        let year = day.year();
        let mut members: Vec<Ccode> = t.parties.iter().map(|p| p.ccode).collect();
        members.sort_unstable();
        members.dedup();
        let joined = t
            .parties
            .iter()
            .filter(|p| p.ccode == obligor && p.entry <= day)
            .map(|p| p.entry)
            .min()
            .or(t.in_force)
            .or(t.signed)
            .unwrap_or(day);
        let km = match (self.capital(obligor, d), self.capital(target, d)) {
            (Some(a), Some(b)) => haversine_km(a, b),
            _ => 0.0,
        };
        let own = self.cinc(obligor, year);
        let att: f64 = attackers.iter().map(|&a| self.cinc(a, year)).sum();
        let share = if own + att > 0.0 {
            own / (own + att)
        } else {
            0.5
        };
        let then = self.cinc(obligor, joined.year().max(1816));
        let change = if own > 0.0 && then > 0.0 {
            (own.ln() - then.ln()).clamp(-3.0, 3.0)
        } else {
            0.0
        };
        let ry = year.min(self.last_day.year());
        let rival = attackers.iter().any(|&a| {
            self.rivals
                .get(&pair(a, obligor))
                .is_some_and(|v| v.iter().any(|&(s, e)| s <= ry && ry <= e))
        });
        let b = |x: bool| x as u8 as f64;
        [
            1.0,
            b(kind == Kind::Offence),
            b(kind == Kind::Neutrality),
            b(kind == Kind::NonAggression),
            b(members.len() == 2),
            b(conditional(t, kind, obligor, day)),
            b(Self::within(self.majors.get(&obligor), d)),
            b(attackers
                .iter()
                .any(|&a| Self::within(self.land.get(&pair(a, obligor)), d))),
            (1.0 + km).ln(),
            share,
            b(rival),
            (1.0 + (joined.days_until(day).max(0) as f64 / 365.25)).ln(),
            change,
            b(attackers.iter().any(|&a| t.is_party_on(a, day))),
            b(year >= 1945),
        ]
    }
}

/// Great-circle distance in km between two (lat, lng) points in degrees.
fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Whether `o`'s pledge of `kind` under `t` on `day` carries conditions (as the
/// reliability study reads them).
fn conditional(t: &Treaty, kind: Kind, o: Ccode, day: Day) -> bool {
    let roles: Vec<&str> = t
        .parties_on(day)
        .filter(|p| p.ccode == o)
        .flat_map(|p| p.roles.iter().map(String::as_str))
        .collect();
    t.clauses.iter().filter(|c| c.kind == kind).any(|c| {
        let binds = c.obligors.iter().any(|s| match s {
            Selector::Parties | Selector::Group(_) => true,
            Selector::Role(r) => roles.contains(&r.as_str()),
            Selector::State(x) => *x == o,
        });
        binds && !c.conditions.is_empty()
    })
}

/// The pledge types judged, as strata of the second baseline.
fn stratum(k: Kind) -> u8 {
    match k {
        Kind::Defence => 0,
        Kind::Offence => 1,
        Kind::Neutrality => 2,
        Kind::NonAggression => 3,
        Kind::Consultation => 4,
    }
}

/// The model of honouring fitted on the record, with its validation.
#[derive(Clone, Debug, Serialize)]
pub struct Model {
    /// The command that reproduces it.
    pub command: &'static str,
    /// What the cases are: the default reliability study.
    pub cases_from: &'static str,
    /// The fit on every case.
    pub fit: Fit,
    /// Leave-one-war-out scores and calibration.
    pub validation: Validation,
    /// Honoured share by pledge type over every case, (honoured + 1) / (cases + 2):
    /// defence, offence, neutrality, non-aggression.
    pub share_by_type: [f64; 4],
    /// Honoured share over every case.
    pub overall_share: f64,
}

/// The design matrix of the default reliability study (COW wars, every ATOP alliance,
/// states attacked on the first day): one row per judged pledge.
pub fn design(world: &World) -> Result<Design> {
    design_for(world, &Ask::default())
}

/// The design matrix of the reliability study `ask` asks for.
pub fn design_for(world: &World, ask: &Ask) -> Result<Design> {
    let facts = Facts::new(world)?;
    let c = cases(world, ask)?;
    let r = casus_backtest::reliability(world, &c.treaties, &c.incidents, &|_| {});
    let mut d = Design {
        names: PREDICTORS.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    let mut wars: Vec<(u8, u32)> = Vec::new();
    for case in &r.cases {
        if case.verdict == Verdict::NotJudged || case.applies == Applies::NotApplicable {
            continue;
        }
        let ri = &c.incidents[case.incident];
        let attackers: Vec<Ccode> = ri.incident.attacker_states().collect();
        d.x.extend(facts.row(
            c.treaties[case.treaty],
            case.kind,
            case.obligor,
            case.beneficiary,
            &attackers,
            ri.incident.date,
        ));
        d.y.push(case.verdict == Verdict::Honoured);
        let key = (ri.source as u8, ri.dispute);
        let g = match wars.iter().position(|w| *w == key) {
            Some(g) => g,
            None => {
                wars.push(key);
                wars.len() - 1
            }
        };
        d.group.push(g as u32);
        d.stratum.push(stratum(case.kind));
    }
    Ok(d)
}

/// Fits and validates the model on `d` (from [`design`]).
pub fn model_from(d: &Design) -> Result<Model> {
    let err = |e: casus_forecast::Error| input(format!("forecast model: {e}"));
    let fit = casus_forecast::fit(d, None, casus_forecast::LAMBDA).map_err(err)?;
    let validation = casus_forecast::validate(d, casus_forecast::LAMBDA).map_err(err)?;
    let mut h = [0.0; 4];
    let mut n = [0.0; 4];
    for (i, &s) in d.stratum.iter().enumerate() {
        if (s as usize) < 4 {
            h[s as usize] += d.y[i] as u8 as f64;
            n[s as usize] += 1.0;
        }
    }
    let share_by_type = [0, 1, 2, 3].map(|k| (h[k] + 1.0) / (n[k] + 2.0));
    let overall_share = d.y.iter().filter(|&&y| y).count() as f64 / d.rows() as f64;
    Ok(Model {
        command: MODEL_COMMAND,
        cases_from: "every ATOP alliance over the COW inter-state wars (states attacked on a war's first day or by a joining attacker), pledges judged honoured or violated",
        fit,
        validation,
        share_by_type,
        overall_share,
    })
}

/// Fits and validates the model on the whole record.
pub fn model(world: &World) -> Result<Model> {
    model_from(&design(world)?)
}

/// A state in a forecast.
#[derive(Clone, Debug, Serialize)]
pub struct StateRef {
    /// COW code.
    pub ccode: Ccode,
    /// COW abbreviation.
    pub abb: String,
    /// Name.
    pub name: String,
}

/// One predictor's push on an obligor's log-odds.
#[derive(Clone, Debug, Serialize)]
pub struct Driver {
    /// Predictor name.
    pub predictor: &'static str,
    /// Its value for this pledge.
    pub value: f64,
    /// `coef × (value − mean over the cases)`: log-odds added to the average case's.
    pub push: f64,
}

/// "name = value ±push": the value is shown because a predictor pushes down when it is
/// absent too (a state that borders no attacker sits below the average case's share).
impl std::fmt::Display for Driver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.value.fract() == 0.0 {
            write!(f, "{} = {} {:+.2}", self.predictor, self.value, self.push)
        } else {
            write!(
                f,
                "{} = {:.2} {:+.2}",
                self.predictor, self.value, self.push
            )
        }
    }
}

/// One obliged state's forecast.
#[derive(Clone, Debug, Serialize)]
pub struct ObligorForecast {
    /// The obliged state.
    pub state: StateRef,
    /// Probability that it fights on the target's side.
    pub p_fights: f64,
    /// Share of the Monte Carlo draws in which it came.
    pub came: f64,
    /// The treaty of the pledge with the highest probability.
    pub treaty: String,
    /// Its article.
    pub article: String,
    /// Its kind (`defence`, `offence`).
    pub kind: &'static str,
    /// `triggered` or `undetermined`.
    pub status: &'static str,
    /// The three predictors (pledge type aside) that push hardest (empty when a baseline
    /// is the forecast).
    pub drivers: Vec<Driver>,
    /// What it brings.
    pub capability: Totals,
    /// The NMC year its capabilities come from (`None`: no NMC row).
    pub capability_year: Option<i16>,
}

/// Out-of-sample scores shown beside a forecast.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct ScoresView {
    /// Judged pledges.
    pub cases: usize,
    /// Wars.
    pub wars: usize,
    /// The model.
    pub model: Scores,
    /// Baseline: the overall share.
    pub overall_share: Scores,
    /// Baseline: the share by pledge type.
    pub share_by_type: Scores,
}

/// The forecast for one invoked scenario (`forecast` in `casus.invoke/1` with `--forecast`).
#[derive(Clone, Debug, Serialize)]
pub struct ForecastView {
    /// What gives the probabilities: `model`, `share-by-type` or `overall-share`.
    pub method: &'static str,
    /// Draws made.
    pub draws: u32,
    /// The seed.
    pub seed: u64,
    /// The attacker states (they always fight).
    pub attackers: Vec<StateRef>,
    /// The target (it always fights).
    pub target: StateRef,
    /// Each state with a triggered or undetermined defence or offence pledge to the
    /// target, most likely first.
    pub obligors: Vec<ObligorForecast>,
    /// The attacker side's totals.
    pub attacker_totals: Totals,
    /// The target's own totals (the defence side before anyone comes).
    pub target_totals: Totals,
    /// The defence side over the draws, and P(it outweighs the attacker) on each measure.
    pub balance: Balance,
    /// Mean number of obliged states that come.
    pub expected_joiners: f64,
    /// Mean CINC, military spending and personnel the comers add.
    pub expected_added: Totals,
    /// Which years' values the forecast carries forward.
    pub data_note: String,
    /// The model's validation.
    pub validation: ScoresView,
}

fn state_ref(w: &World, s: Ccode) -> StateRef {
    StateRef {
        ccode: s,
        abb: w.states.abb(s),
        name: w.states.name(s),
    }
}

fn totals(w: &World, s: Ccode, year: i32) -> (Totals, Option<i16>) {
    let c = latest_capability(&w.record.capabilities, s, year);
    (
        Totals {
            cinc: c.cinc.unwrap_or(0.0),
            milex: c.milex.unwrap_or(0.0),
            milper: c.milper.unwrap_or(0.0),
        },
        c.year,
    )
}

/// The forecast for `req`: the engine's obligations, the model's probabilities and
/// `draws` Monte Carlo draws seeded with `seed`.
pub fn forecast(
    world: &World,
    model: &Model,
    req: &Request,
    draws: u32,
    seed: u64,
) -> Result<ForecastView> {
    if draws == 0 || draws > MAX_DRAWS {
        return Err(input(format!(
            "--draws {draws}: give 1 to {MAX_DRAWS} draws (default {DEFAULT_DRAWS})"
        )));
    }
    let sc = Scenario::build(world, req)?;
    let engine = sc.engine();
    let inc = &sc.incident;
    let day = inc.date;
    let year = day.year();
    let attackers: Vec<Ccode> = inc.attacker_states().collect();
    let ev = engine.invoke(inc, sc.options(false));
    let facts = Facts::new(&sc.world)?;
    let use_model = model.validation.chosen == "model";
    // The best pledge of each obligor: (p, obligation index, row).
    let mut best: Vec<(Ccode, f64, usize, [f64; 15])> = Vec::new();
    for (k, o) in ev.obligations.iter().enumerate() {
        if !matches!(o.kind, Kind::Defence | Kind::Offence)
            || !matches!(o.status, Status::Triggered | Status::Undetermined)
            || o.beneficiary != inc.target
            || o.obligor == inc.target
            || attackers.contains(&o.obligor)
        {
            continue;
        }
        let t = engine.treaties[o.treaty_index];
        let row = facts.row(t, o.kind, o.obligor, inc.target, &attackers, day);
        let p = match (use_model, model.validation.chosen) {
            (true, _) => model.fit.predict(&row),
            (false, "share-by-type") => model.share_by_type[stratum(o.kind) as usize],
            _ => model.overall_share,
        };
        match best.iter_mut().find(|b| b.0 == o.obligor) {
            Some(b) if p > b.1 => *b = (o.obligor, p, k, row),
            Some(_) => {}
            None => best.push((o.obligor, p, k, row)),
        }
    }
    best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let w = &*sc.world;
    let candidates: Vec<Candidate> = best
        .iter()
        .map(|b| Candidate {
            name: w.states.abb(b.0),
            p: b.1,
            capability: totals(w, b.0, year).0,
        })
        .collect();
    let mut attacker_totals = Totals::default();
    for &a in &attackers {
        let (t, _) = totals(w, a, year);
        attacker_totals.cinc += t.cinc;
        attacker_totals.milex += t.milex;
        attacker_totals.milper += t.milper;
    }
    let (target_totals, _) = totals(w, inc.target, year);
    let d = casus_forecast::simulate(attacker_totals, target_totals, &candidates, draws, seed)
        .map_err(|e| input(format!("forecast: {e}")))?;
    let mut expected_added = Totals::default();
    for c in &candidates {
        expected_added.cinc += c.p * c.capability.cinc;
        expected_added.milex += c.p * c.capability.milex;
        expected_added.milper += c.p * c.capability.milper;
    }
    let obligors = best
        .iter()
        .zip(&d.came)
        .map(|(b, &came)| {
            let o = &ev.obligations[b.2];
            let drivers = if use_model {
                let push = model.fit.contributions(&b.3);
                // The pledge type is shown beside the probability; drivers are the rest.
                let mut idx: Vec<usize> = (4..push.len()).collect();
                idx.sort_by(|&x, &y| push[y].abs().total_cmp(&push[x].abs()));
                idx.iter()
                    .take(3)
                    .map(|&j| Driver {
                        predictor: PREDICTORS[j],
                        value: b.3[j],
                        push: push[j],
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let (capability, capability_year) = totals(w, b.0, year);
            ObligorForecast {
                state: state_ref(w, b.0),
                p_fights: b.1,
                came,
                treaty: o.treaty.clone(),
                article: o.article.clone(),
                kind: if o.kind == Kind::Offence {
                    "offence"
                } else {
                    "defence"
                },
                status: if o.status == Status::Triggered {
                    "triggered"
                } else {
                    "undetermined"
                },
                drivers,
                capability,
                capability_year,
            }
        })
        .collect();
    let nmc_last = w
        .record
        .capabilities
        .year
        .iter()
        .copied()
        .max()
        .unwrap_or(0) as i32;
    let mut data_note = String::new();
    if year > nmc_last {
        data_note.push_str(&format!(
            "NMC ends in {nmc_last}: capabilities and CINC shares carry each state's {nmc_last} values (or its latest earlier year) forward to {year}. "
        ));
    }
    if day > w.states.last_day {
        data_note.push_str(&format!(
            "Major-power status, contiguity and capitals end on {}: their values on that day are carried forward. ",
            w.states.last_day
        ));
    }
    data_note.push_str(
        "Rivalries: Thompson & Dreyer (2012), carried forward from their last coded year.",
    );
    Ok(ForecastView {
        method: model.validation.chosen,
        draws,
        seed,
        attackers: attackers.iter().map(|&a| state_ref(w, a)).collect(),
        target: state_ref(w, inc.target),
        obligors,
        attacker_totals,
        target_totals,
        balance: d.balance,
        expected_joiners: d.expected_joiners,
        expected_added,
        data_note,
        validation: ScoresView {
            cases: model.validation.cases,
            wars: model.validation.wars,
            model: model.validation.model,
            overall_share: model.validation.overall_share,
            share_by_type: model.validation.share_by_type,
        },
    })
}
