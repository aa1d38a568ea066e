//! ATOP alliances as [`Treaty`] values: every alliance in the record is addressable as
//! `atop:<atopid>` and can be invoked and backtested like a spec.
//!
//! ATOP codes *that* a member's obligation is conditional (on an adversary, a location, the
//! number of attackers, non-provocation, demands, an ongoing conflict) but not the details,
//! except named threat states (`statthr1/2`). Conditions without details become
//! [`Condition`]s the engine reports as undetermined — never assumed true or false.

use crate::day::Day;
use crate::record::{AtopRelease, Ccode, IntFrame};
use crate::treaty::*;

/// The kind, the member-level obligation column and its condition columns.
const KINDS: &[(Kind, &str, &[&str])] = &[
    (
        Kind::Defence,
        "defense",
        &[
            "defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr",
        ],
    ),
    (
        Kind::Offence,
        "offense",
        &["offcoadv", "offcoloc", "offcocon", "offconum", "offcodem"],
    ),
    (
        Kind::Neutrality,
        "neutral",
        &[
            "neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr", "neucoatt",
        ],
    ),
    (Kind::NonAggression, "nonagg", &[]),
    (
        Kind::Consultation,
        "consul",
        &["concoadv", "concoloc", "concocon", "concoreq"],
    ),
];

/// Plain words for ATOP's alliance-level provision codes, for `casus treaty show`.
pub const PROVISIONS: &[(&str, &str)] = &[
    (
        "defense",
        "defence pact: active military support if a member is attacked",
    ),
    (
        "offense",
        "offence pact: active military support in an offensive war",
    ),
    ("neutral", "neutrality: no support to a member's adversary"),
    (
        "nonagg",
        "non-aggression: no military attack on one another",
    ),
    ("consul", "consultation in a crisis"),
    (
        "conditio",
        "some obligation is conditional on particular circumstances",
    ),
    ("asymm", "obligations differ between members"),
    ("milaid", "military aid"),
    ("milcon", "peacetime military contact or coordination"),
    ("intcom", "integrated military command"),
    ("base", "military bases or troop stationing"),
    ("organ1", "creates an international organisation"),
    ("contrib", "specifies members' contributions"),
    ("ecaid", "economic aid"),
    ("armred", "arms reduction or limitation"),
    ("specthrt", "names a specific threat"),
    ("secrart", "has secret articles"),
    ("renounce", "can be renounced"),
    ("dipaid", "diplomatic support"),
    (
        "agprois",
        "agreement on the provision of information or intelligence",
    ),
    (
        "nomicoop",
        "promises not to cooperate militarily with non-members",
    ),
    (
        "noothall",
        "promises not to join other conflicting alliances",
    ),
];

/// The alliance-level provision codes set for ATOP alliance `atopid`, with plain words
/// (`casus treaty show`, the web treaty page): (column, value, words).
pub fn provisions(release: &AtopRelease, atopid: u32) -> Vec<(&'static str, i32, &'static str)> {
    let a = &release.alliances;
    let Some(row) = a
        .index("atopid")
        .and_then(|c| a.columns[c].iter().position(|v| *v == Some(atopid as i32)))
    else {
        return vec![];
    };
    PROVISIONS
        .iter()
        .filter_map(|&(col, words)| get(a, col, row).filter(|&v| v > 0).map(|v| (col, v, words)))
        .collect()
}

fn get(f: &IntFrame, col: &str, row: usize) -> Option<i32> {
    f.index(col).and_then(|c| f.columns[c][row])
}

fn date(y: Option<i32>, m: Option<i32>, d: Option<i32>, end: bool) -> Option<Day> {
    let y = y.filter(|&y| y > 0)?;
    let m = m.filter(|m| (1..=12).contains(m));
    let (m, d) = match (m, d.filter(|&d| d > 0)) {
        (Some(m), Some(d)) => (m as u32, d as u32),
        (Some(m), None) => (
            m as u32,
            if end {
                crate::day::days_in_month(y, m as u32)
            } else {
                1
            },
        ),
        (None, _) => (if end { 12 } else { 1 }, if end { 31 } else { 1 }),
    };
    Day::from_ymd(y, m, d).ok()
}

/// Builds one treaty per ATOP alliance.
pub fn treaties(release: &AtopRelease) -> Vec<Treaty> {
    let (a, m) = (&release.alliances, &release.members);
    let mut by_id: std::collections::BTreeMap<i32, Vec<usize>> = Default::default();
    for row in 0..m.rows() {
        if let Some(id) = get(m, "atopid", row) {
            by_id.entry(id).or_default().push(row);
        }
    }
    let mut out = Vec::new();
    for arow in 0..a.rows() {
        let Some(id) = get(a, "atopid", arow) else {
            continue;
        };
        let begin = date(
            get(a, "begyr", arow),
            get(a, "begmo", arow),
            get(a, "begday", arow),
            false,
        );
        let end = date(
            get(a, "endyr", arow),
            get(a, "endmo", arow),
            get(a, "endday", arow),
            true,
        );
        let threats: Vec<Ccode> = ["statthr1", "statthr2"]
            .iter()
            .filter_map(|c| get(a, c, arow))
            .filter(|&c| c > 0 && c < 1000)
            .map(|c| c as Ccode)
            .collect();
        let mut parties = Vec::new();
        let mut clauses = ClauseSet::default();
        for &row in by_id.get(&id).map(Vec::as_slice).unwrap_or(&[]) {
            if let Some(p) = party(release, row, &threats, &mut clauses) {
                parties.push(p);
            }
        }
        let clauses = clauses.0.into_iter().map(clause).collect();
        let mut notes = vec![
            "ATOP codes who is obliged, not toward whom: every other member is taken as beneficiary.".to_string(),
            "ATOP does not code obligation strength; defence and offence are read as automatic.".to_string(),
        ];
        let symmetry = if get(a, "asymm", arow) == Some(1) {
            notes.push("Asymmetric alliance: obligations are checked against ATOP's directed dyad-year file.".into());
            Symmetry::Asymmetric
        } else {
            Symmetry::Symmetric
        };
        out.push(Treaty {
            id: format!("atop:{id}"),
            name: format!("ATOP {id}"),
            atopid: Some(id as u32),
            status: if end.is_some() {
                TreatyStatus::Lapsed
            } else {
                TreatyStatus::InForce
            },
            signed: begin,
            in_force: begin,
            lapsed: end,
            sources: vec![format!(
                "ATOP {} (Leeds et al. 2002), alliance {id}",
                release.version
            )],
            parties,
            clauses,
            accession: None,
            origin: Origin::Atop {
                version: release.version.clone(),
                symmetry,
            },
            notes,
        });
    }
    out
}

/// The distinct (kind, role, conditions) combinations of one alliance's members: one clause each.
#[derive(Default)]
struct ClauseSet(Vec<(Kind, String, Vec<Condition>)>);

impl ClauseSet {
    /// The role of the clause for `kind` under `conditions`, added if it is new (`defence-2`, …).
    fn role(&mut self, kind: Kind, conditions: Vec<Condition>) -> String {
        let clauses = &mut self.0;
        let idx = match clauses
            .iter()
            .position(|(k, _, cs)| *k == kind && *cs == conditions)
        {
            Some(i) => i,
            None => {
                let n = clauses.iter().filter(|c| c.0 == kind).count() + 1;
                clauses.push((kind, format!("{}-{n}", kind.as_str()), conditions));
                clauses.len() - 1
            }
        };
        clauses[idx].1.clone()
    }
}

/// One member-level row as a party with the roles of the clauses it is bound by; `None` for
/// rows without a valid member code or entry date.
fn party(
    release: &AtopRelease,
    row: usize,
    threats: &[Ccode],
    clauses: &mut ClauseSet,
) -> Option<Party> {
    let m = &release.members;
    let member = get(m, "member", row).filter(|&c| c > 0 && c < 1000)?;
    let entry = date(
        get(m, "yrent", row),
        get(m, "moent", row),
        get(m, "dayent", row),
        false,
    )?;
    let exit = date(
        get(m, "yrexit", row),
        get(m, "moexit", row),
        get(m, "dayexit", row),
        true,
    );
    let mut roles = vec!["member".to_string()];
    for (kind, col, conds) in KINDS {
        if get(m, col, row) != Some(1) {
            continue;
        }
        let conditions: Vec<Condition> = conds
            .iter()
            // `neucoatt` (neutrality only if the ally is attacked) holds by
            // construction: casus invokes neutrality only for the attacked state.
            .filter(|c| **c != "neucoatt" && get(m, c, row) == Some(1))
            .map(|c| condition(c, threats))
            .collect();
        roles.push(clauses.role(*kind, conditions));
    }
    Some(Party {
        ccode: member as Ccode,
        roles,
        entry,
        exit,
        exit_how: None,
        source: Some(match get(m, "phase", row).filter(|&p| p > 0) {
            Some(p) => format!("ATOP {} member-level, phase {p}", release.version),
            None => format!("ATOP {} member-level", release.version),
        }),
    })
}

/// The clause ATOP codes for one (kind, role, conditions): obliges the role toward every party.
fn clause((kind, role, conditions): (Kind, String, Vec<Condition>)) -> Clause {
    Clause {
        article: format!("ATOP {}", kind.as_str()),
        paraphrase: format!(
            "{} (coded by ATOP; treaty text not encoded)",
            kind_words(kind)
        ),
        kind,
        obligors: vec![Selector::Role(role)],
        beneficiaries: vec![Selector::Parties],
        strength: match kind {
            Kind::Defence | Kind::Offence => Strength::Automatic,
            Kind::Consultation => Strength::Consult,
            Kind::Neutrality | Kind::NonAggression => Strength::Assurance,
        },
        trigger: Trigger::ArmedAttack,
        scope: Scope::anywhere(),
        conditions,
        exceptions: vec![],
        against_parties: false,
        contributions: vec![],
    }
}

fn kind_words(k: Kind) -> &'static str {
    match k {
        Kind::Defence => "Members defend a member that is attacked",
        Kind::Offence => "Members support one another in offensive war",
        Kind::Neutrality => "Members stay neutral in a member's conflict",
        Kind::NonAggression => "Members do not attack one another",
        Kind::Consultation => "Members consult in a crisis",
    }
}

fn condition(code: &str, threats: &[Ccode]) -> Condition {
    match &code[3..] {
        "coadv" => Condition::Adversary {
            states: threats.to_vec(),
            non_state: false,
        },
        "coloc" => Condition::Location { regions: vec![] },
        "conum" => Condition::Unrecorded {
            code: code.into(),
            description: "conditional on the number of adversaries".into(),
        },
        "codem" => Condition::NonCompliance,
        "conpr" => Condition::NonProvocation,
        "cocon" => Condition::Unrecorded {
            code: code.into(),
            description: "conditional on a particular ongoing conflict".into(),
        },
        "coatt" => Condition::Unrecorded {
            code: code.into(),
            description: "conditional on the ally being attacked".into(),
        },
        "coreq" => Condition::Unrecorded {
            code: code.into(),
            description: "conditional on a request for consultation".into(),
        },
        _ => Condition::Unrecorded {
            code: code.into(),
            description: "condition coded by ATOP".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(cols: &[(&str, &[i32])]) -> IntFrame {
        IntFrame {
            names: cols.iter().map(|c| c.0.to_string()).collect(),
            columns: cols
                .iter()
                .map(|c| c.1.iter().map(|&v| Some(v)).collect())
                .collect(),
        }
    }

    #[test]
    fn the_asymm_code_becomes_typed_symmetry() {
        let release = AtopRelease {
            version: "5.1".into(),
            alliances: frame(&[
                ("atopid", &[1, 2]),
                ("begyr", &[1950, 1950]),
                ("asymm", &[1, 0]),
            ]),
            members: frame(&[
                ("atopid", &[1, 1, 2, 2]),
                ("member", &[2, 200, 2, 200]),
                ("yrent", &[1950, 1950, 1950, 1950]),
                ("defense", &[1, 0, 1, 1]),
            ]),
        };
        let ts = treaties(&release);
        let symmetry = |t: &Treaty| match t.origin {
            Origin::Atop { symmetry, .. } => symmetry,
            _ => unreachable!("ATOP treaties have an ATOP origin"),
        };
        assert_eq!(ts[0].id, "atop:1");
        assert_eq!(symmetry(&ts[0]), Symmetry::Asymmetric);
        assert!(ts[0].notes.iter().any(|n| n.starts_with("Asymmetric")));
        assert_eq!(symmetry(&ts[1]), Symmetry::Symmetric);
        assert_eq!(ts[1].parties.len(), 2);
        assert_eq!(ts[1].clauses.len(), 1);
    }
}
