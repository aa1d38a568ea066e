//! The response to an incident: coalitions round by round, and the capability behind each.
//!
//! Two readings of the response ([`Reading`]). The legal reading (the default) follows the
//! law of self-defence: a state that comes to the victim's aid acts in collective
//! self-defence (UN Charter Art. 51), which is not an armed attack on the aggressor, so it
//! sets off no defence pledge toward the aggressor's side. The escalation reading (the
//! "chain-gang" of Christensen & Snyder 1990) takes every entry as an attack on the other
//! side, as casus did before.
//!
//! Rules of the cascade (documented in docs/invoke.md):
//! 1. Round 0: side A is the attacking states, side B the target.
//! 2. Round 1: every *triggered* defence obligation toward the target whose strength commits
//!    the obligor to act (automatic, or "such action as it deems necessary") brings the
//!    obligor into side B; every triggered offence pledge to an attacker brings its obligor
//!    into side A. Undetermined obligations are listed as "may join", never added.
//! 3. Round k > 1: each state that joined the attacker's side in round k−1 is taken to
//!    attack every state of the other side on its territory (its entry into the war is an
//!    armed attack). Under the escalation reading, so is each state that joined the
//!    target's side (the counter-attack). Those derived incidents are invoked like the
//!    first, and their triggered obligations add joiners to the sides as in rule 2.
//! 4. A state obliged to both sides in the same round is cross-pressured and joins neither;
//!    a state already on a side stays there. The cascade stops when a round adds nobody
//!    (or after 12 rounds).

use crate::engine::{Engine, Evaluation, Options, Status};
use crate::incident::{Actor, Force, Incident, Place};
use crate::record::{Capabilities, Ccode};
use crate::treaty::Kind;
use serde::Serialize;

/// A state joining a side, and the obligation that brought it in.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Joiner {
    /// The joining state (COW code).
    pub state: Ccode,
    /// The state it is obliged toward.
    pub toward: Ccode,
    /// Id of the treaty whose clause brings it in.
    pub treaty: String,
    /// Article of that clause.
    pub article: String,
}

/// One round of the cascade.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Round {
    /// Round number, from 1 (round 0, the attack itself, is not listed).
    pub round: u32,
    /// States that join the attackers' side in this round.
    pub side_a: Vec<Joiner>,
    /// States that join the target's side in this round.
    pub side_b: Vec<Joiner>,
    /// Undetermined obligations: states that may join, by side.
    pub may_join_a: Vec<Joiner>,
    /// Undetermined obligations toward side B.
    pub may_join_b: Vec<Joiner>,
    /// States obliged to both sides in this round; they join neither.
    pub cross_pressured: Vec<Ccode>,
}

/// One state's capabilities as used in the balance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Capability {
    /// The state (COW code).
    pub state: Ccode,
    /// The NMC year the values come from (the latest available up to the incident year).
    pub year: Option<i16>,
    /// CINC share of the system's capabilities, 0..1; `None` when NMC has no value.
    pub cinc: Option<f64>,
    /// Military expenditure, thousands of US dollars.
    pub milex: Option<f64>,
    /// Military personnel, thousands.
    pub milper: Option<f64>,
}

/// Capability totals of one side.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SideBalance {
    /// Each state of the side with its capabilities.
    pub states: Vec<Capability>,
    /// Sum of CINC shares (states without a value count 0).
    pub cinc: f64,
    /// Sum of military expenditure, thousands of US dollars.
    pub milex: f64,
    /// Sum of military personnel, thousands.
    pub milper: f64,
    /// States without any NMC value.
    pub missing: Vec<Ccode>,
}

/// Capabilities of the two sides after the cascade.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Balance {
    /// The attackers and those who joined them.
    pub side_a: SideBalance,
    /// The target and those who joined it.
    pub side_b: SideBalance,
    /// A note on the years used (NMC 7.0 ends in 2022).
    pub note: String,
}

/// The full answer to one incident.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Response {
    /// The obligations of the incident itself (round 1's input).
    pub evaluation: Evaluation,
    /// The cascade, round by round.
    pub rounds: Vec<Round>,
    /// Final attackers' side: the attacking states and every joiner (COW codes).
    pub side_a: Vec<Ccode>,
    /// Final target's side: the target and every joiner (COW codes).
    pub side_b: Vec<Ccode>,
    /// Capability of the two final sides.
    pub balance: Balance,
    /// The reading the cascade used.
    pub reading: Reading,
}

const MAX_ROUNDS: u32 = 12;

/// How the response reads a state's entry into the conflict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reading {
    /// The law of self-defence: joining the victim is collective self-defence (UN Charter
    /// Art. 51), not an armed attack; defence is not owed among fellow parties.
    #[default]
    Legal,
    /// Every entry is an attack on the other side (the "chain-gang" worst case).
    Escalation,
}

crate::keywords!(Reading {
    Legal => "legal",
    Escalation => "escalation",
});

impl Reading {
    /// The reading in one line, for the heading of a response.
    pub fn words(self) -> &'static str {
        match self {
            Reading::Legal => "legal reading: coming to the victim's aid is collective self-defence (UN Charter Art. 51), not an attack that sets off the aggressor's pacts",
            Reading::Escalation => "escalation reading: every entry sets off the other side's pacts (the chain-gang worst case)",
        }
    }
}

fn joins(o: &crate::engine::Obligation) -> bool {
    o.kind.is_military() && o.strength.joins_coalition()
}

impl Engine<'_> {
    /// Invokes the incident, then runs the cascade and the balance.
    pub fn respond(&self, inc: &Incident, opt: Options) -> Response {
        let evaluation = self.invoke(inc, opt);
        let mut side_a: Vec<Ccode> = inc.attacker_states().collect();
        let mut side_b: Vec<Ccode> = vec![inc.target];
        let mut rounds = Vec::new();
        let lean = Options {
            all: false,
            trace: false,
            military_only: true,
            reading: opt.reading,
        };
        // Which sides' new joiners are taken to attack the other side in the next round.
        let escalates = opt.reading == Reading::Escalation;

        // Round 1 comes from the main evaluation; later rounds from derived incidents.
        let mut pending: Vec<Evaluation> = vec![evaluation.clone()];
        let mut round_no = 1;
        while round_no <= MAX_ROUNDS {
            let mut round = Round {
                round: round_no,
                ..Round::default()
            };
            let mut to_a: Vec<Joiner> = Vec::new();
            let mut to_b: Vec<Joiner> = Vec::new();
            for ev in &pending {
                for o in &ev.obligations {
                    // Defence toward a state of side X pulls the obligor into X; an offence
                    // pledge to an attacker pulls the obligor to the attacker's side.
                    let on_a = side_a.contains(&o.beneficiary);
                    let on_b = side_b.contains(&o.beneficiary);
                    if !(on_a || on_b)
                        || !matches!(o.kind, Kind::Defence | Kind::Offence)
                        || !joins(o)
                    {
                        continue;
                    }
                    if side_a.contains(&o.obligor) || side_b.contains(&o.obligor) {
                        continue;
                    }
                    let j = Joiner {
                        state: o.obligor,
                        toward: o.beneficiary,
                        treaty: o.treaty.clone(),
                        article: o.article.clone(),
                    };
                    match (o.status, on_a) {
                        (Status::Triggered, true) => push_unique(&mut to_a, j),
                        (Status::Triggered, false) => push_unique(&mut to_b, j),
                        (Status::Undetermined, true) => push_unique(&mut round.may_join_a, j),
                        (Status::Undetermined, false) => push_unique(&mut round.may_join_b, j),
                        _ => {}
                    }
                }
            }
            let both: Vec<Ccode> = to_a
                .iter()
                .map(|j| j.state)
                .filter(|s| to_b.iter().any(|j| j.state == *s))
                .collect();
            to_a.retain(|j| !both.contains(&j.state));
            to_b.retain(|j| !both.contains(&j.state));
            round.cross_pressured = both;
            round.cross_pressured.sort_unstable();
            round.cross_pressured.dedup();
            round
                .may_join_a
                .retain(|j| !to_a.iter().any(|x| x.state == j.state));
            round
                .may_join_b
                .retain(|j| !to_b.iter().any(|x| x.state == j.state));
            round.side_a = to_a;
            round.side_b = to_b;
            let new_a: Vec<Ccode> = round.side_a.iter().map(|j| j.state).collect();
            let new_b: Vec<Ccode> = round.side_b.iter().map(|j| j.state).collect();
            let quiet = new_a.is_empty() && new_b.is_empty();
            if !(quiet
                && round.may_join_a.is_empty()
                && round.may_join_b.is_empty()
                && round.cross_pressured.is_empty())
            {
                rounds.push(round);
            }
            if quiet {
                break;
            }
            side_a.extend(&new_a);
            side_b.extend(&new_b);
            // Derived incidents: the new joiners of one side together attack each state of
            // the other side (one incident per target, all joiners as attackers). The
            // victim's helpers do so only under the escalation reading.
            pending = Vec::new();
            for (joiners, others, attack) in [(&new_a, &side_b, true), (&new_b, &side_a, escalates)]
            {
                if joiners.is_empty() || !attack {
                    continue;
                }
                for &y in others.iter() {
                    let d = Incident {
                        id: None,
                        attackers: joiners.iter().map(|&x| Actor::State(x)).collect(),
                        target: y,
                        date: inc.date,
                        place: Place::Territory,
                        force: Force::ArmedAttack,
                        provoked: None,
                        description: None,
                        sources: vec![],
                    };
                    pending.push(self.invoke(&d, lean));
                }
            }
            round_no += 1;
        }
        side_a.sort_unstable();
        side_b.sort_unstable();
        let balance = balance(
            &self.world.record.capabilities,
            &side_a,
            &side_b,
            inc.date.year(),
        );
        Response {
            evaluation,
            rounds,
            side_a,
            side_b,
            balance,
            reading: opt.reading,
        }
    }
}

fn push_unique(v: &mut Vec<Joiner>, j: Joiner) {
    if !v.iter().any(|x| x.state == j.state) {
        v.push(j);
    }
}

/// The latest NMC row of `ccode` at or before `year`.
pub fn latest_capability(c: &Capabilities, ccode: Ccode, year: i32) -> Capability {
    // NMC is sorted by ccode then year; find the ccode's block by binary search.
    let lo = c.ccode.partition_point(|&x| x < ccode);
    let hi = c.ccode.partition_point(|&x| x <= ccode);
    let mut best: Option<usize> = None;
    for i in lo..hi {
        if (c.year[i] as i32) <= year && c.cinc[i].is_some() {
            best = Some(i);
        }
    }
    match best {
        Some(i) => Capability {
            state: ccode,
            year: Some(c.year[i]),
            cinc: c.cinc[i],
            milex: c.milex[i],
            milper: c.milper[i],
        },
        None => Capability {
            state: ccode,
            year: None,
            cinc: None,
            milex: None,
            milper: None,
        },
    }
}

fn side_balance(c: &Capabilities, side: &[Ccode], year: i32) -> SideBalance {
    let mut b = SideBalance::default();
    for &s in side {
        let cap = latest_capability(c, s, year);
        if cap.year.is_none() {
            b.missing.push(s);
        }
        b.cinc += cap.cinc.unwrap_or(0.0);
        b.milex += cap.milex.unwrap_or(0.0);
        b.milper += cap.milper.unwrap_or(0.0);
        b.states.push(cap);
    }
    b
}

/// Capabilities of both sides, using each state's latest NMC year up to `year`.
pub fn balance(c: &Capabilities, a: &[Ccode], b: &[Ccode], year: i32) -> Balance {
    let last = c.year.iter().copied().max().unwrap_or(0) as i32;
    let note = if year > last {
        format!("NMC 7.0 ends in {last}: capabilities for {year} use each state's {last} values (or its latest earlier year)")
    } else {
        format!("capabilities from NMC 7.0 for {year} (or each state's latest earlier year)")
    };
    Balance {
        side_a: side_balance(c, a, year),
        side_b: side_balance(c, b, year),
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{attack, clause, treaty, world};
    use crate::treaty::{Condition, Strength};

    const USA: Ccode = 2;
    const UKG: Ccode = 200;
    const FRN: Ccode = 220;
    const RUS: Ccode = 365;
    const CHN: Ccode = 710;

    fn states(j: &[Joiner]) -> Vec<Ccode> {
        j.iter().map(|j| j.state).collect()
    }

    #[test]
    fn the_cascade_pulls_in_allies_round_by_round() {
        let w = world(&[
            (USA, "USA"),
            (UKG, "UKG"),
            (FRN, "FRN"),
            (RUS, "RUS"),
            (CHN, "CHN"),
        ]);
        let defence = || clause(Kind::Defence, Strength::Automatic);
        let mut conditional = defence();
        conditional.conditions = vec![Condition::NonCompliance];
        let treaties = [
            treaty("west", "1950-01-01", &[UKG, USA], vec![defence()]),
            treaty("east", "1950-01-01", &[RUS, CHN], vec![defence()]),
            treaty(
                "entente",
                "1950-01-01",
                &[UKG, FRN],
                vec![clause(Kind::Consultation, Strength::Consult), conditional],
            ),
        ];
        let engine = Engine::new(&w, treaties.iter().collect());
        let escalation = Options {
            reading: Reading::Escalation,
            ..Options::default()
        };
        let r = engine.respond(&attack(RUS, UKG, "1960-05-01"), escalation);

        // Round 1: the target's automatic ally joins; a conditional one only may.
        assert_eq!(states(&r.rounds[0].side_b), [USA]);
        assert_eq!(r.rounds[0].side_b[0].treaty, "west");
        assert!(r.rounds[0].side_a.is_empty());
        assert_eq!(states(&r.rounds[0].may_join_b), [FRN]);
        // Round 2: the joiner is taken to attack the attacker, whose ally joins in turn.
        assert_eq!(states(&r.rounds[1].side_a), [CHN]);
        assert_eq!(r.rounds[1].side_a[0].toward, RUS);
        // Round 3 adds nobody; the cascade stops.
        assert_eq!(r.rounds.len(), 3);
        assert!(r.rounds[2].side_a.is_empty() && r.rounds[2].side_b.is_empty());
        assert_eq!(r.side_a, [RUS, CHN]);
        assert_eq!(r.side_b, [USA, UKG]);
        // A consultation pledge never brings a state into the fight.
        assert!(!r.side_b.contains(&FRN));
        // No capabilities in this world: every state is reported missing.
        assert_eq!(r.balance.side_b.missing, [USA, UKG]);
    }

    #[test]
    fn under_the_legal_reading_helping_the_victim_sets_off_no_pact_of_the_aggressor() {
        let w = world(&[(USA, "USA"), (UKG, "UKG"), (RUS, "RUS"), (CHN, "CHN")]);
        let defence = || clause(Kind::Defence, Strength::Automatic);
        let treaties = [
            treaty("west", "1950-01-01", &[UKG, USA], vec![defence()]),
            treaty("east", "1950-01-01", &[RUS, CHN], vec![defence()]),
        ];
        let engine = Engine::new(&w, treaties.iter().collect());
        let r = engine.respond(&attack(RUS, UKG, "1960-05-01"), Options::default());
        assert_eq!(r.reading, Reading::Legal);
        // USA defends UKG (Art. 51 collective self-defence); CHN is not called to defend RUS.
        assert_eq!(r.rounds.len(), 1);
        assert_eq!(states(&r.rounds[0].side_b), [USA]);
        assert_eq!(r.side_a, [RUS]);
        assert_eq!(r.side_b, [USA, UKG]);
    }

    #[test]
    fn under_the_legal_reading_an_aggressors_ally_attacks_and_sets_off_defence() {
        let w = world(&[
            (USA, "USA"),
            (UKG, "UKG"),
            (FRN, "FRN"),
            (RUS, "RUS"),
            (CHN, "CHN"),
        ]);
        let treaties = [
            treaty(
                "axis",
                "1950-01-01",
                &[RUS, CHN],
                vec![clause(Kind::Offence, Strength::Automatic)],
            ),
            treaty(
                "west",
                "1950-01-01",
                &[UKG, FRN],
                vec![clause(Kind::Defence, Strength::Automatic)],
            ),
        ];
        let engine = Engine::new(&w, treaties.iter().collect());
        let r = engine.respond(&attack(RUS, UKG, "1960-05-01"), Options::default());
        // Round 1: the offence pledge brings CHN in with RUS, FRN defends UKG.
        assert_eq!(states(&r.rounds[0].side_a), [CHN]);
        assert_eq!(states(&r.rounds[0].side_b), [FRN]);
        assert_eq!(r.side_a, [RUS, CHN]);
        assert_eq!(r.side_b, [UKG, FRN]);
        assert!(Reading::parse("chain").is_none());
        assert_eq!(Reading::parse("escalation"), Some(Reading::Escalation));
    }

    #[test]
    fn a_state_obliged_to_both_sides_in_one_round_joins_neither() {
        let w = world(&[(UKG, "UKG"), (FRN, "FRN"), (RUS, "RUS")]);
        let treaties = [
            treaty(
                "defend",
                "1950-01-01",
                &[UKG, FRN],
                vec![clause(Kind::Defence, Strength::Automatic)],
            ),
            treaty(
                "offend",
                "1950-01-01",
                &[RUS, FRN],
                vec![clause(Kind::Offence, Strength::Automatic)],
            ),
        ];
        let engine = Engine::new(&w, treaties.iter().collect());
        let r = engine.respond(&attack(RUS, UKG, "1960-05-01"), Options::default());
        assert_eq!(r.rounds.len(), 1);
        assert_eq!(r.rounds[0].cross_pressured, [FRN]);
        assert!(r.rounds[0].side_a.is_empty() && r.rounds[0].side_b.is_empty());
        assert_eq!(r.side_a, [RUS]);
        assert_eq!(r.side_b, [UKG]);
    }
}
