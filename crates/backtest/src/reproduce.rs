//! Reproducing Berkemeier & Fuhrmann (2018) case by case: casus builds its own alliance ×
//! war frame from the record with its own rules ([`mod@crate::reliability`]), then joins the
//! article's case list (`reference/bf2018_alliance_war.csv`, key: COW war number × ATOP
//! id) to show where the two frames and verdicts meet and where not. The case list is a
//! reference only: it never enters a verdict.

use crate::incidents::{RecordIncident, Source};
use crate::reliability::{Applies, Outcome, Reliability};
use crate::verdict::Verdict;
use casus_core::treaty::Treaty;
use casus_core::World;
use serde::Serialize;
use std::collections::BTreeMap;

/// The article's case list (576 war × ATOP-alliance rows), as redistributed with its
/// replication data; codebook in `reference/bf2018_codebook.txt`.
pub const BF2018_CSV: &str = include_str!("../reference/bf2018_alliance_war.csv");

/// One row of the article's list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleCase {
    /// COW war number; for a war COW does not list (IWD only), [`NOT_COW`] + the IWD number.
    pub war: u32,
    /// ATOP id (ATOP 3.0; the same numbers in 5.1).
    pub atopid: u32,
    /// War name (Interstate War Data).
    pub war_name: String,
    /// The casus foederis was met (`dnaBF` empty): an activated case.
    pub activated: bool,
    /// Honoured under the article's coding (`honorBF`).
    pub honoured: bool,
    /// Why not activated: `cfna`, `nonagg`, `consul` (the `*BF` columns).
    pub not_activated: &'static str,
}

/// Offset of the war numbers of wars the Interstate War Data list and COW does not.
pub const NOT_COW: u32 = 10_000;

/// Parses [`BF2018_CSV`]; a malformed row is an error naming its line.
pub fn article_cases() -> Result<Vec<ArticleCase>, String> {
    let mut lines = BF2018_CSV.lines();
    let head: Vec<&str> = lines.next().unwrap_or("").split(',').collect();
    let col = |name: &str| {
        head.iter()
            .position(|h| *h == name)
            .ok_or_else(|| format!("bf2018 case list: no column {name}"))
    };
    let (war, iwd) = (col("cowwarid")?, col("warid")?);
    let (atop, name) = (col("atopid")?, col("warname")?);
    let (dna, hon) = (col("dnaBF")?, col("honorBF")?);
    let (cfna, nonagg, consul) = (col("cfnaBF")?, col("nonaggBF")?, col("consulBF")?);
    let mut out = Vec::new();
    for (i, line) in lines.enumerate() {
        let f: Vec<&str> = line.split(',').collect();
        let num = |k: usize| {
            f.get(k)
                .and_then(|v| v.parse::<u32>().ok())
                .ok_or_else(|| format!("bf2018 case list, line {}: bad number", i + 2))
        };
        let set = |k: usize| f.get(k).is_some_and(|v| *v == "1");
        out.push(ArticleCase {
            war: match f.get(war) {
                Some(&"") => NOT_COW + num(iwd)?,
                _ => num(war)?,
            },
            atopid: num(atop)?,
            war_name: f.get(name).unwrap_or(&"").to_string(),
            activated: !set(dna),
            honoured: set(hon),
            not_activated: if set(cfna) {
                "cfna"
            } else if set(nonagg) {
                "nonagg"
            } else if set(consul) {
                "consul"
            } else {
                ""
            },
        });
    }
    Ok(out)
}

/// casus's verdict on one alliance in one war (the strict unit of the article).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CasusCase {
    /// Judged pledges (triggered or undetermined, or an ally among the attackers).
    pub judged: u32,
    /// Of which honoured.
    pub honoured: u32,
    /// Some member fought another.
    pub fought_each_other: bool,
    /// Every judged pledge merely undetermined (none triggered for sure).
    pub undetermined_only: bool,
    /// Pledges the engine found not applicable (a condition fails, a directed pledge).
    pub not_applicable: u32,
    /// Consultation pledges that applied (not judged).
    pub consultation: u32,
    /// First year of the war.
    pub year: i32,
}

impl CasusCase {
    /// Activated in casus's frame: some pledge judged.
    pub fn activated(&self) -> bool {
        self.judged > 0
    }
    /// Strict: every judged pledge honoured and no member fought another.
    pub fn strict(&self) -> bool {
        self.activated() && self.honoured == self.judged && !self.fought_each_other
    }
    /// Lenient: some judged pledge honoured and no member fought another.
    pub fn lenient(&self) -> bool {
        self.honoured > 0 && !self.fought_each_other
    }
}

/// casus's alliance × war frame, keyed by (COW war, ATOP id), from a war reliability run.
pub fn casus_frame(
    treaties: &[&Treaty],
    incidents: &[RecordIncident],
    r: &Reliability,
) -> BTreeMap<(u32, u32), CasusCase> {
    let mut out: BTreeMap<(u32, u32), CasusCase> = BTreeMap::new();
    for c in &r.cases {
        let ri = &incidents[c.incident];
        let (Some(atopid), Source::War) = (treaties[c.treaty].atopid, ri.source) else {
            continue;
        };
        let year = ri.incident.date.year();
        let e = out
            .entry((ri.dispute, atopid))
            .or_insert_with(|| CasusCase {
                undetermined_only: true,
                year,
                ..Default::default()
            });
        e.year = e.year.min(year);
        match (c.verdict, c.applies) {
            (_, Applies::NotApplicable) => e.not_applicable += 1,
            (Verdict::NotJudged, _) => e.consultation += 1,
            (v, a) => {
                e.judged += 1;
                e.honoured += (v == Verdict::Honoured) as u32;
                e.fought_each_other |= a == Applies::AllyAttacks || c.outcome == Outcome::Opposed;
                e.undetermined_only &= a == Applies::Undetermined;
            }
        }
    }
    out
}

/// Where a case stands in the two frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Overlap {
    /// Activated in both.
    Found,
    /// Activated in the article only.
    Missed,
    /// Activated in casus only.
    Extra,
}

impl Overlap {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Overlap::Found => "found",
            Overlap::Missed => "missed",
            Overlap::Extra => "extra",
        }
    }
}

/// One alliance in one war, in either frame.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Joined {
    /// COW war number.
    pub war: u32,
    /// ATOP id.
    pub atopid: u32,
    /// War name (the article's, else COW's number).
    pub war_name: String,
    /// First year of the war.
    pub year: i32,
    /// Where the case stands.
    pub overlap: Overlap,
    /// The article's verdict (activated cases): honoured or not.
    pub article_honoured: Option<bool>,
    /// casus's strict verdict (activated cases).
    pub casus_honoured: Option<bool>,
    /// casus's lenient verdict (activated cases).
    pub casus_lenient: Option<bool>,
    /// Every casus pledge here merely undetermined.
    pub undetermined_only: bool,
    /// Both activated and both verdicts the same.
    pub agree: Option<bool>,
    /// Why the frames or verdicts differ (empty where they agree).
    pub reason: String,
}

/// Honoured among activated cases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Share {
    /// Activated cases.
    pub cases: u32,
    /// Of which honoured.
    pub honoured: u32,
    /// `honoured / cases`.
    pub share: Option<f64>,
}

impl Share {
    fn add(&mut self, honoured: bool) {
        self.cases += 1;
        self.honoured += honoured as u32;
        self.share = Some(self.honoured as f64 / self.cases as f64);
    }
}

/// The three shares for one era.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EraShares {
    /// "before 1945" or "1945 on" (the war's first year).
    pub era: &'static str,
    /// The article's, on its frame.
    pub article: Share,
    /// casus's strict verdict on its own frame.
    pub casus_strict: Share,
    /// casus's lenient verdict on its own frame.
    pub casus_lenient: Share,
}

/// Verdicts on the cases both frames activate: article (rows) × casus strict (columns).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Confusion {
    /// Both honoured.
    pub both_honoured: u32,
    /// The article honoured, casus violated.
    pub article_only: u32,
    /// casus honoured, the article violated.
    pub casus_only: u32,
    /// Both violated.
    pub both_violated: u32,
    /// Share of agreeing verdicts.
    pub agreement: Option<f64>,
}

/// The reproduction: overlap, verdicts, shares, and every case.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reproduction {
    /// The article's activated cases.
    pub article_activated: u32,
    /// Activated in both frames.
    pub found: u32,
    /// Of the found, those casus leaves undetermined throughout.
    pub found_undetermined_only: u32,
    /// Activated in the article only.
    pub missed: u32,
    /// Activated in casus only.
    pub extra: u32,
    /// Verdicts on the found cases.
    pub confusion: Confusion,
    /// Overall and by era (the first row: every war).
    pub shares: Vec<EraShares>,
    /// Every case activated in either frame, in war and ATOP order.
    pub cases: Vec<Joined>,
}

/// Joins casus's frame with the article's activated cases.
pub fn reproduce(
    world: &World,
    treaties: &[&Treaty],
    incidents: &[RecordIncident],
    r: &Reliability,
) -> Result<Reproduction, String> {
    let article: BTreeMap<(u32, u32), ArticleCase> = article_cases()?
        .into_iter()
        .map(|a| ((a.war, a.atopid), a))
        .collect();
    let frame = casus_frame(treaties, incidents, r);
    let war_year = war_years(world);
    let mut keys: Vec<(u32, u32)> = article
        .iter()
        .filter(|(_, a)| a.activated)
        .map(|(k, _)| *k)
        .chain(frame.iter().filter(|(_, c)| c.activated()).map(|(k, _)| *k))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut shares: Vec<EraShares> = ["every war", "before 1945", "1945 on"]
        .iter()
        .map(|e| EraShares {
            era: e,
            ..Default::default()
        })
        .collect();
    let mut conf = Confusion::default();
    let mut cases = Vec::new();
    for key in keys {
        let a = article.get(&key).filter(|a| a.activated);
        let c = frame.get(&key).filter(|c| c.activated());
        let year = war_year.get(&key.0).copied().unwrap_or(0);
        let era = 1 + (year >= 1945) as usize;
        if let Some(a) = a {
            shares[0].article.add(a.honoured);
            shares[era].article.add(a.honoured);
        }
        if let Some(c) = c {
            for i in [0, era] {
                shares[i].casus_strict.add(c.strict());
                shares[i].casus_lenient.add(c.lenient());
            }
        }
        let overlap = match (a, c) {
            (Some(_), Some(_)) => Overlap::Found,
            (Some(_), None) => Overlap::Missed,
            _ => Overlap::Extra,
        };
        let agree = match (a, c) {
            (Some(a), Some(c)) => {
                match (a.honoured, c.strict()) {
                    (true, true) => conf.both_honoured += 1,
                    (true, false) => conf.article_only += 1,
                    (false, true) => conf.casus_only += 1,
                    (false, false) => conf.both_violated += 1,
                }
                Some(a.honoured == c.strict())
            }
            _ => None,
        };
        let reason = match overlap {
            Overlap::Found if agree == Some(true) => String::new(),
            Overlap::Found => verdict_reason(c.expect("found")),
            Overlap::Missed => missed_reason(world, treaties, key, frame.get(&key)),
            Overlap::Extra => extra_reason(article.get(&key)),
        };
        cases.push(Joined {
            war: key.0,
            atopid: key.1,
            war_name: article
                .get(&key)
                .map_or_else(|| format!("COW war {}", key.0), |a| a.war_name.clone()),
            year,
            overlap,
            article_honoured: a.map(|a| a.honoured),
            casus_honoured: c.map(CasusCase::strict),
            casus_lenient: c.map(CasusCase::lenient),
            undetermined_only: c.is_some_and(|c| c.undetermined_only),
            agree,
            reason,
        });
    }
    let n = conf.both_honoured + conf.article_only + conf.casus_only + conf.both_violated;
    if n > 0 {
        conf.agreement = Some((conf.both_honoured + conf.both_violated) as f64 / n as f64);
    }
    let count = |o: Overlap| cases.iter().filter(|c| c.overlap == o).count() as u32;
    Ok(Reproduction {
        article_activated: article.values().filter(|a| a.activated).count() as u32,
        found: count(Overlap::Found),
        found_undetermined_only: cases
            .iter()
            .filter(|c| c.overlap == Overlap::Found && c.undetermined_only)
            .count() as u32,
        missed: count(Overlap::Missed),
        extra: count(Overlap::Extra),
        confusion: conf,
        shares,
        cases,
    })
}

/// First year of each COW war.
fn war_years(world: &World) -> BTreeMap<u32, i32> {
    let mut out: BTreeMap<u32, i32> = BTreeMap::new();
    for w in &world.record.wars {
        let y = out.entry(w.warnum).or_insert(w.year as i32);
        *y = (*y).min(w.year as i32);
    }
    out
}

fn verdict_reason(c: &CasusCase) -> String {
    let mut s = format!("casus: {} of {} pledges honoured", c.honoured, c.judged);
    if c.fought_each_other {
        s.push_str(", members fought each other");
    }
    if c.undetermined_only {
        s.push_str(", every pledge undetermined (conditions ATOP codes without details)");
    }
    s
}

fn extra_reason(a: Option<&ArticleCase>) -> String {
    match a.map(|a| a.not_activated) {
        None => "not in the article's list".into(),
        Some("cfna") => "the article reads the casus foederis as not met".into(),
        Some("nonagg") => "the article codes a non-aggression pact whose members did not fight each other as not activated".into(),
        Some("consul") => "the article codes a consultation pact".into(),
        Some(_) => "the article codes the case as not activated".into(),
    }
}

/// Why casus has no judged pledge for an alliance the article activates.
fn missed_reason(
    world: &World,
    treaties: &[&Treaty],
    (war, atopid): (u32, u32),
    c: Option<&CasusCase>,
) -> String {
    if let Some(c) = c {
        if c.consultation > 0 && c.not_applicable == 0 {
            return "casus: only a consultation pledge applies (not judged)".into();
        }
        return format!(
            "casus: {} pledges not applicable (a condition fails, or ATOP's directed pledge owes nothing)",
            c.not_applicable
        );
    }
    if war >= NOT_COW {
        return "not a COW inter-state war (Interstate War Data only)".into();
    }
    let Some(t) = treaties.iter().find(|t| t.atopid == Some(atopid)) else {
        return "the alliance is not in ATOP 5.1 as bundled".into();
    };
    let rows: Vec<_> = world
        .record
        .wars
        .iter()
        .filter(|w| w.warnum == war)
        .collect();
    let Some(first) = rows.iter().map(|w| w.year as i32).min() else {
        return "the war is not in COW's inter-state war list".into();
    };
    let last = rows.iter().map(|w| w.year as i32).max().unwrap_or(first);
    let members: Vec<_> = rows
        .iter()
        .filter(|w| t.parties.iter().any(|p| p.ccode == w.ccode1))
        .collect();
    if members.is_empty() {
        return "no member of the alliance is in the war (COW)".into();
    }
    if !(first..=last).any(|y| t.in_force_in_year(y)) {
        return "the alliance did not bind during the war (ATOP dates)".into();
    }
    if members.iter().all(|w| w.initiator1) {
        return "its members fought only on the initiators' side (never attacked in casus's reading)".into();
    }
    if t.in_force.or(t.signed).is_some_and(|d| d.year() > first) {
        return "the alliance was signed during the war, after its members were attacked (counted with --during-war)".into();
    }
    "no member attacked while the alliance bound (COW onsets by year; a member joining later, or attacked outside an onset)".into()
}
