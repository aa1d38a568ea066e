//! Alliance reliability: when a member was attacked and an ally's defence obligation was
//! triggered (or undetermined), did the ally fight on the member's side?
//!
//! A **case** is one treaty, one attacked member (the beneficiary), one obliged ally and one
//! dispute or war: the first incident of the dispute in which the obligation applies (a
//! target attacked again later in the same dispute is the same case). Its outcome comes
//! from the participant data of the same dispute (`gml_part.csv`: same `dispnum`) or war
//! (`cow_war_inter.csv`: same `warnum`):
//!
//! - **honoured**: the ally took part on the attacked member's side;
//! - **opposed**: it took part on the other side (joined the attackers): a violation;
//! - **stayed out**: it did not take part.
//!
//! The engine decides applicability: a defence obligation that is triggered or
//! undetermined is a case; one that is not triggered (a condition fails, ATOP's directed
//! file says the ally owes nothing, a threat that is no armed attack) is *not applicable*.
//! An ally that is itself among the attackers is counted apart (`ally_attacks`): the
//! alliance is broken, but the engine does not judge the defence pledge for an attacker.
//! Library incidents have no participant data and are left out.

use crate::evaluate::{evaluate, Found};
use crate::incidents::{Entry, RecordIncident, Source};
use casus_core::engine::{Engine, Status};
use casus_core::treaty::{Kind, Selector, Treaty};
use casus_core::{Ccode, Day, World};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// What the ally did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The ally took part on the attacked member's side.
    Honoured,
    /// The ally did not take part.
    StayedOut,
    /// The ally took part on the attackers' side: a violation.
    Opposed,
}

impl Outcome {
    /// The keyword in JSON and tables (`stayed-out`).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Honoured => "honoured",
            Outcome::StayedOut => "stayed-out",
            Outcome::Opposed => "opposed",
        }
    }
}

/// Whether the defence obligation applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applies {
    /// The ally's defence obligation was triggered.
    Triggered,
    /// No check failed but the data could not decide one.
    Undetermined,
    /// The ally is itself an attacker.
    AllyAttacks,
    /// A check failed: no obligation, so the case does not count.
    NotApplicable,
}

impl Applies {
    /// The keyword in JSON and tables (`ally-attacks`).
    pub fn as_str(self) -> &'static str {
        match self {
            Applies::Triggered => "triggered",
            Applies::Undetermined => "undetermined",
            Applies::AllyAttacks => "ally-attacks",
            Applies::NotApplicable => "not-applicable",
        }
    }
}

/// One ally's obligation toward one attacked member in one dispute or war.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Case {
    /// Index into the treaty list.
    #[serde(skip)]
    pub treaty: usize,
    /// Index into the incident list: the first incident of the dispute for this case.
    #[serde(skip)]
    pub incident: usize,
    /// The obliged ally (COW code).
    pub obligor: Ccode,
    /// The attacked member (COW code).
    pub beneficiary: Ccode,
    /// Whether the defence obligation applied.
    pub applies: Applies,
    /// What the ally did.
    pub outcome: Outcome,
    /// The treaty has two members.
    pub bilateral: bool,
    /// The treaty also has an offence pledge.
    pub offence: bool,
    /// The ally's defence pledge carries conditions (ATOP member-level `defco*`).
    pub conditional: bool,
    /// Some attacker is a member of the same treaty.
    pub fellow_attacker: bool,
    /// The ally is itself attacked in the same dispute or war: the target of an incident
    /// (among those given) on the first day or by a state joining the attackers.
    pub ally_attacked: bool,
    /// The status depends on an uncertain date.
    pub date_uncertain: bool,
}

/// Honoured / stayed out / opposed among applicable cases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Rate {
    /// Applicable cases.
    pub cases: u32,
    /// Cases in which the ally came.
    pub honoured: u32,
    /// Cases in which the ally stayed out.
    pub stayed_out: u32,
    /// Cases in which the ally joined the attackers.
    pub opposed: u32,
    /// `honoured / cases`; `None` without cases.
    pub rate: Option<f64>,
}

impl Rate {
    fn add(&mut self, o: Outcome) {
        self.cases += 1;
        match o {
            Outcome::Honoured => self.honoured += 1,
            Outcome::StayedOut => self.stayed_out += 1,
            Outcome::Opposed => self.opposed += 1,
        }
        self.rate = Some(self.honoured as f64 / self.cases as f64);
    }
}

/// One line of the summary.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Row {
    /// What the row counts: "all", an era, a treaty type, ….
    pub label: String,
    /// Cases with a triggered obligation.
    pub triggered: Rate,
    /// Cases with a triggered or undetermined obligation.
    pub with_undetermined: Rate,
    /// Cases in which the ally was itself an attacker (not in the rates).
    pub ally_attacks: u32,
    /// Cases whose obligation was not triggered (not in the rates).
    pub not_applicable: u32,
}

impl Row {
    fn add(&mut self, c: &Case) {
        match c.applies {
            Applies::Triggered => {
                self.triggered.add(c.outcome);
                self.with_undetermined.add(c.outcome);
            }
            Applies::Undetermined => self.with_undetermined.add(c.outcome),
            Applies::AllyAttacks => self.ally_attacks += 1,
            Applies::NotApplicable => self.not_applicable += 1,
        }
    }
}

/// Rows of one breakdown ("era", "treaty type", …).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Breakdown {
    /// What the rows break the cases down by ("era", "treaty type", …).
    pub by: &'static str,
    /// One row per value, in a fixed order.
    pub rows: Vec<Row>,
}

/// Alliance-level outcomes: one case per treaty, attacked member and dispute, over the
/// allies whose obligation applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct AllianceRate {
    /// Treaty × attacked member × dispute groups with at least one applicable ally.
    pub cases: u32,
    /// Every obliged ally took part on the member's side.
    pub all_honoured: u32,
    /// Some, not all.
    pub some_honoured: u32,
    /// None did.
    pub none_honoured: u32,
    /// `(all_honoured + some_honoured) / cases`: at least one ally came.
    pub rate_any: Option<f64>,
    /// `all_honoured / cases`.
    pub rate_all: Option<f64>,
}

/// Alliance-level outcomes, for triggered obligations and with undetermined ones added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct AllianceRates {
    /// Counting triggered obligations only.
    pub triggered: AllianceRate,
    /// Counting triggered and undetermined obligations.
    pub with_undetermined: AllianceRate,
}

impl AllianceRate {
    fn from_groups(groups: impl Iterator<Item = (u32, u32)>) -> AllianceRate {
        let mut r = AllianceRate::default();
        for (n, h) in groups.filter(|g| g.0 > 0) {
            r.cases += 1;
            if h == n {
                r.all_honoured += 1;
            } else if h > 0 {
                r.some_honoured += 1;
            } else {
                r.none_honoured += 1;
            }
        }
        if r.cases > 0 {
            r.rate_any = Some((r.all_honoured + r.some_honoured) as f64 / r.cases as f64);
            r.rate_all = Some(r.all_honoured as f64 / r.cases as f64);
        }
        r
    }
}

/// Cases and summaries.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reliability {
    /// Every case, ally by ally, in incident order.
    #[serde(skip)]
    pub cases: Vec<Case>,
    /// Ally by ally (one case per obliged ally).
    pub overall: Row,
    /// Alliance by alliance.
    pub alliances: AllianceRates,
    /// The same cases broken down by era, treaty type and other features.
    pub breakdowns: Vec<Breakdown>,
}

/// The era of a year: 1816–1944, 1945–1989, 1990 on.
pub fn era(year: i32) -> &'static str {
    match year {
        ..=1944 => "1816–1944",
        1945..=1989 => "1945–1989",
        _ => "1990–",
    }
}

/// Who took part on which side of each dispute or war.
struct Sides {
    /// (source, id) → (ccode, on side A / side 1).
    by: HashMap<(Source, u32), Vec<(Ccode, bool)>>,
}

impl Sides {
    fn new(world: &World) -> Sides {
        let mut by: HashMap<(Source, u32), Vec<(Ccode, bool)>> = HashMap::new();
        for p in &world.record.mid_participants {
            by.entry((Source::Mid, p.dispnum))
                .or_default()
                .push((p.ccode, p.side_a));
        }
        for w in &world.record.wars {
            by.entry((Source::War, w.warnum))
                .or_default()
                .push((w.ccode1, w.side1 == 1));
        }
        for v in by.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        Sides { by }
    }

    /// What `ally` did in the dispute in which `target` was attacked.
    fn outcome(&self, ri: &RecordIncident, ally: Ccode) -> Outcome {
        let Some(ps) = self.by.get(&(ri.source, ri.dispute)) else {
            return Outcome::StayedOut;
        };
        let target = ri.incident.target;
        let target_sides: Vec<bool> = ps.iter().filter(|p| p.0 == target).map(|p| p.1).collect();
        let ally_sides: Vec<bool> = ps.iter().filter(|p| p.0 == ally).map(|p| p.1).collect();
        if ally_sides.iter().any(|s| target_sides.contains(s)) {
            Outcome::Honoured
        } else if ally_sides.is_empty() {
            Outcome::StayedOut
        } else {
            Outcome::Opposed
        }
    }
}

/// Whether the defence pledge of `o` under `t` on `day` carries conditions.
fn conditional(t: &Treaty, o: Ccode, day: Day) -> bool {
    let roles: Vec<&str> = t
        .parties_on(day)
        .filter(|p| p.ccode == o)
        .flat_map(|p| p.roles.iter().map(String::as_str))
        .collect();
    t.clauses
        .iter()
        .filter(|c| c.kind == Kind::Defence)
        .any(|c| {
            let binds = c.obligors.iter().any(|s| match s {
                Selector::Parties => true,
                Selector::Role(r) => roles.contains(&r.as_str()),
                Selector::State(x) => *x == o,
                Selector::Group(_) => true,
            });
            binds && !c.conditions.is_empty()
        })
}

/// Reliability of `treaties` (ATOP alliances, normally) over MID or war `incidents`.
/// `progress` is called with the number of incidents just evaluated.
pub fn reliability(
    world: &World,
    treaties: &[&Treaty],
    incidents: &[RecordIncident],
    progress: &(dyn Fn(u64) + Sync),
) -> Reliability {
    let engine = Engine::new(world, treaties.to_vec());
    let found = evaluate(&engine, incidents, true, progress);
    let sides = Sides::new(world);
    // States attacked on the first day or by a state joining the attackers (not side-B
    // joiners, whose entry says nothing about being attacked).
    let targets: std::collections::HashSet<(Source, u32, Ccode)> = incidents
        .iter()
        .filter(|i| matches!(i.entry, Entry::Origin | Entry::AttackerJoins))
        .map(|i| (i.source, i.dispute, i.incident.target))
        .collect();
    let facts: Vec<(bool, bool)> = treaties
        .iter()
        .map(|t| {
            let mut members: Vec<Ccode> = t.parties.iter().map(|p| p.ccode).collect();
            members.sort_unstable();
            members.dedup();
            (
                members.len() == 2,
                t.clauses.iter().any(|c| c.kind == Kind::Offence),
            )
        })
        .collect();
    // (source, dispute, beneficiary, obligor, treaty) → case; the best status wins, then
    // the earliest incident.
    let mut cases: BTreeMap<(Source, u32, Ccode, Ccode, usize), Case> = BTreeMap::new();
    for (i, obs) in found.into_iter().enumerate() {
        let ri = &incidents[i];
        if ri.source == Source::Library {
            continue;
        }
        for f in obs.into_iter().filter(|f| f.kind == Kind::Defence) {
            let Found {
                treaty,
                obligor,
                beneficiary,
                status,
                date_uncertain,
                ..
            } = f;
            let attacker = ri.incident.attacker_states().any(|a| a == obligor);
            let applies = match status {
                Status::Triggered => Applies::Triggered,
                Status::Undetermined => Applies::Undetermined,
                _ if attacker => Applies::AllyAttacks,
                _ => Applies::NotApplicable,
            };
            let t = treaties[treaty];
            let day = ri.incident.date;
            let case = Case {
                treaty,
                incident: i,
                obligor,
                beneficiary,
                applies,
                outcome: sides.outcome(ri, obligor),
                bilateral: facts[treaty].0,
                offence: facts[treaty].1,
                conditional: conditional(t, obligor, day),
                fellow_attacker: ri.incident.attacker_states().any(|a| t.is_party_on(a, day)),
                ally_attacked: targets.contains(&(ri.source, ri.dispute, obligor)),
                date_uncertain,
            };
            let key = (ri.source, ri.dispute, beneficiary, obligor, treaty);
            match cases.get_mut(&key) {
                Some(old) if case.applies < old.applies => *old = case,
                Some(_) => {}
                None => {
                    cases.insert(key, case);
                }
            }
        }
    }
    let mut cases: Vec<Case> = cases.into_values().collect();
    cases.sort_by_key(|c| (c.incident, c.beneficiary, c.treaty, c.obligor));
    summarise(cases, incidents)
}

/// (source, dispute, attacked member, treaty): one alliance-level case.
type AllianceKey = (Source, u32, Ccode, usize);

fn summarise(cases: Vec<Case>, incidents: &[RecordIncident]) -> Reliability {
    let mut overall = Row {
        label: "all".into(),
        ..Default::default()
    };
    type Dim = (
        &'static str,
        fn(&Case, &RecordIncident) -> &'static str,
        &'static [&'static str],
    );
    let dims: [Dim; 6] = [
        (
            "era",
            |_, ri| era(ri.incident.date.year()),
            &["1816–1944", "1945–1989", "1990–"],
        ),
        (
            "treaty type",
            |c, _| {
                if c.bilateral {
                    "bilateral"
                } else {
                    "multilateral"
                }
            },
            &["bilateral", "multilateral"],
        ),
        (
            "pledges",
            |c, _| {
                if c.offence {
                    "defence and offence"
                } else {
                    "defence only"
                }
            },
            &["defence only", "defence and offence"],
        ),
        (
            "ally's pledge",
            |c, _| {
                if c.conditional {
                    "conditional"
                } else {
                    "unconditional"
                }
            },
            &["unconditional", "conditional"],
        ),
        (
            "attacker",
            |c, _| {
                if c.fellow_attacker {
                    "a fellow member"
                } else {
                    "outside the alliance"
                }
            },
            &["outside the alliance", "a fellow member"],
        ),
        (
            "ally",
            |c, _| {
                if c.ally_attacked {
                    "itself attacked"
                } else {
                    "not itself attacked"
                }
            },
            &["not itself attacked", "itself attacked"],
        ),
    ];
    let mut breakdowns: Vec<Breakdown> = dims
        .iter()
        .map(|(by, _, labels)| Breakdown {
            by,
            rows: labels
                .iter()
                .map(|l| Row {
                    label: l.to_string(),
                    ..Default::default()
                })
                .collect(),
        })
        .collect();
    // (incident's dispute, beneficiary, treaty) → (triggered, honoured), (any, honoured).
    let mut groups: BTreeMap<AllianceKey, [(u32, u32); 2]> = BTreeMap::new();
    for c in &cases {
        overall.add(c);
        let ri0 = &incidents[c.incident];
        let g = groups
            .entry((ri0.source, ri0.dispute, c.beneficiary, c.treaty))
            .or_default();
        let h = (c.outcome == Outcome::Honoured) as u32;
        if c.applies == Applies::Triggered {
            g[0].0 += 1;
            g[0].1 += h;
        }
        if matches!(c.applies, Applies::Triggered | Applies::Undetermined) {
            g[1].0 += 1;
            g[1].1 += h;
        }
        let ri = &incidents[c.incident];
        for (b, (_, f, labels)) in breakdowns.iter_mut().zip(dims.iter()) {
            let l = f(c, ri);
            let k = labels
                .iter()
                .position(|x| *x == l)
                .expect("label from the list");
            b.rows[k].add(c);
        }
    }
    let alliances = AllianceRates {
        triggered: AllianceRate::from_groups(groups.values().map(|g| g[0])),
        with_undetermined: AllianceRate::from_groups(groups.values().map(|g| g[1])),
    };
    Reliability {
        cases,
        overall,
        alliances,
        breakdowns,
    }
}
