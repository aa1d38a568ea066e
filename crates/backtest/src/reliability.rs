//! Alliance reliability: when a member was attacked and an ally's obligation was triggered
//! (or undetermined), did the ally keep its pledge? Each pledge type is judged by its own
//! rule ([`crate::verdict`]).
//!
//! A **case** is one treaty, one attacked member (the beneficiary), one obliged ally and one
//! dispute or war: the first incident of the dispute in which the obligation applies (a
//! target attacked again later in the same dispute is the same case). Its outcome comes
//! from the participant data of the same dispute (`gml_part.csv`: same `dispnum`) or war
//! (`cow_war_inter.csv`: same `warnum`):
//!
//! - **honoured**: the ally entered on the attacked member's side (its side on its first
//!   day or year in the war: Romania, which changed sides in 1944, is judged by 1941);
//! - **opposed**: it entered on the other side (joined the attackers);
//! - **stayed out**: it did not take part.
//!
//! The engine decides applicability: an obligation that is triggered or undetermined is a
//! case; one that is not triggered (a condition fails, ATOP's directed file says the ally
//! owes nothing, a threat that is no armed attack) is *not applicable*. An ally that is
//! itself among the attackers (`ally_attacks`, or a non-aggression or neutrality pledge the
//! engine finds breached) has broken every pledge but consultation: a violation.
//! Library incidents have no participant data and are left out.

use crate::attacker_pacts::NeutralityPacts;
use crate::evaluate::{evaluate, Found};
use crate::incidents::{Entry, RecordIncident, Source};
use crate::verdict::{judge, Verdict};
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

/// Whether the obligation applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applies {
    /// The ally's obligation was triggered.
    Triggered,
    /// No check failed but the data could not decide one.
    Undetermined,
    /// The ally attacks its partner (or breaches its pledge to it): a violation.
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
    /// Whether the obligation applied.
    pub applies: Applies,
    /// What the ally did.
    pub outcome: Outcome,
    /// The pledge judged.
    pub kind: Kind,
    /// The pledge read against the outcome.
    pub verdict: Verdict,
    /// The treaty has two members.
    pub bilateral: bool,
    /// The treaty also has an offence pledge.
    pub offence: bool,
    /// The ally's pledge of this kind carries conditions (ATOP member-level `defco*`, …).
    pub conditional: bool,
    /// Some attacker is a member of the same treaty.
    pub fellow_attacker: bool,
    /// The ally is itself attacked in the same dispute or war: the target of an incident
    /// (among those given) on the first day or by a state joining the attackers.
    pub ally_attacked: bool,
    /// The status depends on an uncertain date.
    pub date_uncertain: bool,
}

/// Honoured among judged cases, with what the allies did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Rate {
    /// Judged cases.
    pub cases: u32,
    /// Cases judged honoured.
    pub honoured: u32,
    /// Cases in which the ally stayed out.
    pub stayed_out: u32,
    /// Cases in which the ally joined the attackers.
    pub opposed: u32,
    /// Cases judged violated (stayed out of a defence or offence pledge, fought against a
    /// partner, or attacked it).
    pub violated: u32,
    /// `honoured / cases`; `None` without cases.
    pub rate: Option<f64>,
}

impl Rate {
    fn add(&mut self, c: &Case) {
        self.cases += 1;
        match c.outcome {
            Outcome::Honoured => {}
            Outcome::StayedOut => self.stayed_out += 1,
            Outcome::Opposed => self.opposed += 1,
        }
        match c.verdict {
            Verdict::Honoured => self.honoured += 1,
            Verdict::Violated => self.violated += 1,
            Verdict::NotJudged => {}
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
    /// Allies among the attackers of their partner (judged violated, in both rates).
    pub ally_attacks: u32,
    /// Cases whose obligation was not triggered (not in the rates).
    pub not_applicable: u32,
    /// Consultation pledges that applied: reported, not judged.
    pub consultation: u32,
}

impl Row {
    fn add(&mut self, c: &Case) {
        if c.verdict == Verdict::NotJudged {
            if c.applies != Applies::NotApplicable {
                self.consultation += 1;
            } else {
                self.not_applicable += 1;
            }
            return;
        }
        match c.applies {
            Applies::Triggered => {
                self.triggered.add(c);
                self.with_undetermined.add(c);
            }
            Applies::Undetermined => self.with_undetermined.add(c),
            Applies::AllyAttacks => {
                self.ally_attacks += 1;
                self.triggered.add(c);
                self.with_undetermined.add(c);
            }
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

/// Alliance-level outcomes: one case per treaty and war (or dispute), the unit of
/// Berkemeier & Fuhrmann (2018), over the judged pledges of every member in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct AllianceRate {
    /// Treaty × war (or dispute) groups with at least one judged pledge.
    pub cases: u32,
    /// Every judged pledge honoured and no member fought another: the strict verdict.
    pub all_honoured: u32,
    /// Some honoured, not all, and no member fought another.
    pub some_honoured: u32,
    /// None honoured, no member fought another.
    pub none_honoured: u32,
    /// Some member fought another (attacked it, or fought on the other side).
    pub fought_each_other: u32,
    /// `(all_honoured + some_honoured) / cases`: some pledge kept and no member fought
    /// another (the lenient verdict, Sabrosky's standard).
    pub rate_any: Option<f64>,
    /// `all_honoured / cases`: the strict verdict.
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
    fn from_groups(groups: impl Iterator<Item = Group>) -> AllianceRate {
        let mut r = AllianceRate::default();
        for Group {
            judged: n,
            honoured: h,
            fought,
        } in groups.filter(|g| g.judged > 0)
        {
            r.cases += 1;
            if fought {
                r.fought_each_other += 1;
            } else if h == n {
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

/// Judged pledges of one alliance in one war: how many, how many honoured, whether some
/// member fought another.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Group {
    /// Pledges judged (consultation is counted elsewhere, not judged).
    pub judged: u32,
    /// Of them, honoured.
    pub honoured: u32,
    /// Some member fought another member of the same alliance in this war.
    pub fought: bool,
}

impl Group {
    fn add(&mut self, c: &Case) {
        if c.verdict == Verdict::NotJudged {
            return;
        }
        self.judged += 1;
        self.honoured += (c.verdict == Verdict::Honoured) as u32;
        self.fought |= c.applies == Applies::AllyAttacks || c.outcome == Outcome::Opposed;
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
    /// Alliance by alliance (treaty × war).
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

/// One participant of a dispute or war: (ccode, on side A / side 1, first day or year on that side).
type Participant = (Ccode, bool, i32);

/// Who took part on which side of each dispute or war, and from when.
pub(crate) struct Sides {
    /// (source, id) → its participants.
    by: HashMap<(Source, u32), Vec<Participant>>,
}

impl Sides {
    pub(crate) fn new(world: &World) -> Sides {
        let mut by: HashMap<(Source, u32), Vec<Participant>> = HashMap::new();
        for p in &world.record.mid_participants {
            let from = p.start.earliest().map_or(i32::MAX, |d| d.0);
            by.entry((Source::Mid, p.dispnum))
                .or_default()
                .push((p.ccode, p.side_a, from));
        }
        for w in &world.record.wars {
            by.entry((Source::War, w.warnum)).or_default().push((
                w.ccode1,
                w.side1 == 1,
                w.year as i32,
            ));
        }
        for v in by.values_mut() {
            v.sort_unstable_by_key(|p| (p.0, p.2, p.1));
            v.dedup_by_key(|p| (p.0, p.1));
        }
        Sides { by }
    }

    /// What `ally` did for `partner` in the dispute or war of `ri`.
    fn outcome(&self, ri: &RecordIncident, partner: Ccode, ally: Ccode) -> Outcome {
        let Some(ps) = self.by.get(&(ri.source, ri.dispute)) else {
            return Outcome::StayedOut;
        };
        let target_sides: Vec<bool> = ps.iter().filter(|p| p.0 == partner).map(|p| p.1).collect();
        // The ally's side when it entered (rows are sorted by state, then first day).
        match ps.iter().find(|p| p.0 == ally) {
            None => Outcome::StayedOut,
            Some(p) if target_sides.contains(&p.1) => Outcome::Honoured,
            Some(_) => Outcome::Opposed,
        }
    }
}

/// Whether the pledge of `kind` of `o` under `t` on `day` carries conditions.
fn conditional(t: &Treaty, kind: Kind, o: Ccode, day: Day) -> bool {
    let roles: Vec<&str> = t
        .parties_on(day)
        .filter(|p| p.ccode == o)
        .flat_map(|p| p.roles.iter().map(String::as_str))
        .collect();
    t.clauses.iter().filter(|c| c.kind == kind).any(|c| {
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
    let pacts = NeutralityPacts::new(treaties);
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
    let mut cases: BTreeMap<(Source, u32, Ccode, Ccode, usize, Kind), Case> = BTreeMap::new();
    for (i, obs) in found.into_iter().enumerate() {
        let ri = &incidents[i];
        if ri.source == Source::Library {
            continue;
        }
        let owed = pacts.owed_to_attackers(treaties, ri);
        for f in obs.into_iter().chain(owed) {
            let Found {
                treaty,
                obligor,
                beneficiary,
                status,
                date_uncertain,
                kind,
                ..
            } = f;
            // The ally attacks its partner (not: joins its partner's attack, which an
            // offence pledge asks for).
            let attacker = beneficiary == ri.incident.target
                && ri.incident.attacker_states().any(|a| a == obligor);
            let applies = match status {
                Status::Breached => Applies::AllyAttacks,
                _ if attacker => Applies::AllyAttacks,
                Status::Triggered => Applies::Triggered,
                Status::Undetermined => Applies::Undetermined,
                Status::NotTriggered => Applies::NotApplicable,
            };
            let outcome = sides.outcome(ri, beneficiary, obligor);
            let t = treaties[treaty];
            let day = ri.incident.date;
            let case = Case {
                treaty,
                incident: i,
                obligor,
                beneficiary,
                applies,
                outcome,
                kind,
                verdict: judge(kind, applies, outcome),
                bilateral: facts[treaty].0,
                offence: facts[treaty].1,
                conditional: conditional(t, kind, obligor, day),
                fellow_attacker: ri.incident.attacker_states().any(|a| t.is_party_on(a, day)),
                ally_attacked: targets.contains(&(ri.source, ri.dispute, obligor)),
                date_uncertain,
            };
            let key = (ri.source, ri.dispute, beneficiary, obligor, treaty, kind);
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

/// (source, dispute, treaty): one alliance-level case.
type AllianceKey = (Source, u32, usize);

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
    // (dispute, treaty) → triggered cases, triggered or undetermined ones.
    let mut groups: BTreeMap<AllianceKey, [Group; 2]> = BTreeMap::new();
    for c in &cases {
        overall.add(c);
        let ri0 = &incidents[c.incident];
        let g = groups
            .entry((ri0.source, ri0.dispute, c.treaty))
            .or_default();
        if matches!(c.applies, Applies::Triggered | Applies::AllyAttacks) {
            g[0].add(c);
        }
        if c.applies != Applies::NotApplicable {
            g[1].add(c);
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
