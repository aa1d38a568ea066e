//! An attacker's neutrality pacts: the engine looks at the pledges that protect the target
//! (and an attacker's offence pacts); a neutrality pledge that protects an *attacker* — its
//! partner promised not to join its enemies — is judged too, as Berkemeier & Fuhrmann
//! (2018) do (the Nazi–Soviet pact of 1939, ATOP 2470, in the war against Poland).

use crate::evaluate::Found;
use crate::incidents::RecordIncident;
use casus_core::engine::Status;
use casus_core::treaty::{Kind, Selector, Treaty};
use casus_core::{Ccode, Day};
use std::collections::HashMap;

/// Treaties with a neutrality clause, by party.
pub(crate) struct NeutralityPacts {
    by_state: HashMap<Ccode, Vec<usize>>,
}

fn selects(t: &Treaty, sels: &[Selector], c: Ccode, day: Day) -> bool {
    sels.iter().any(|s| match s {
        Selector::Parties => t.is_party_on(c, day),
        Selector::Role(r) => t
            .parties_on(day)
            .any(|p| p.ccode == c && p.roles.iter().any(|x| x == r)),
        Selector::State(x) => *x == c,
        Selector::Group(_) => false,
    })
}

impl NeutralityPacts {
    pub(crate) fn new(treaties: &[&Treaty]) -> NeutralityPacts {
        let mut by_state: HashMap<Ccode, Vec<usize>> = HashMap::new();
        for (i, t) in treaties.iter().enumerate() {
            if !t.clauses.iter().any(|c| c.kind == Kind::Neutrality) {
                continue;
            }
            for p in &t.parties {
                let v = by_state.entry(p.ccode).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        NeutralityPacts { by_state }
    }

    /// The neutrality pledges owed to the attackers of `ri` by their partners (not by the
    /// target, whose own pledge the attack breaks, as the engine reports): triggered when
    /// the clause is unconditional and binds on every possible day, else undetermined.
    pub(crate) fn owed_to_attackers(
        &self,
        treaties: &[&Treaty],
        ri: &RecordIncident,
    ) -> Vec<Found> {
        let (early, late) = (ri.incident.date, ri.latest);
        let mut out = Vec::new();
        for a in ri.incident.attacker_states() {
            for &ti in self.by_state.get(&a).into_iter().flatten() {
                let t = treaties[ti];
                for c in t.clauses.iter().filter(|c| c.kind == Kind::Neutrality) {
                    let on = |d: Day| t.binds_on(d) && selects(t, &c.beneficiaries, a, d);
                    let (e, l) = (on(early), on(late));
                    if !e && !l {
                        continue;
                    }
                    let day = if e { early } else { late };
                    for p in t.parties_on(day) {
                        let x = p.ccode;
                        if x == a || x == ri.incident.target || !selects(t, &c.obligors, x, day) {
                            continue;
                        }
                        let sure = e && l && c.conditions.is_empty();
                        out.push(Found {
                            treaty: ti,
                            obligor: x,
                            beneficiary: a,
                            kind: Kind::Neutrality,
                            strength: c.strength,
                            article: c.article.clone(),
                            status: if sure {
                                Status::Triggered
                            } else {
                                Status::Undetermined
                            },
                            date_uncertain: !(e && l),
                        });
                    }
                }
            }
        }
        out
    }
}
