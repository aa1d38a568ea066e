//! The COW state system: who was an independent state on which day, and name resolution.

use crate::day::{Day, Span};
use crate::record::{Ccode, StateSpell};

/// Highest valid COW country code + 1; ccodes index flat arrays of this size.
pub const CCODE_SLOTS: usize = 1000;

/// One state with all its membership spells (Germany 255 has two: 1816–1945, 1990–).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct State {
    /// COW state code.
    pub ccode: Ccode,
    /// COW three-letter abbreviation.
    pub abb: String,
    /// State name as COW spells it.
    pub name: String,
    /// Membership spells in date order; a state that left and returned has several.
    pub spells: Vec<Span>,
}

impl State {
    /// Whether the state is a system member on `day`.
    pub fn is_member_on(&self, day: Day) -> bool {
        self.spells.iter().any(|s| s.contains(day))
    }
    /// Whether the state is a system member on some day of `year`.
    pub fn is_member_in_year(&self, year: i32) -> bool {
        self.spells.iter().any(|s| s.touches_year(year))
    }
}

/// Why a user's name for a state did not resolve.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// No state has this code, abbreviation or name.
    #[error("unknown state `{input}`{}", hint(.suggestions))]
    Unknown {
        /// What the user typed.
        input: String,
        /// Close names, for a "did you mean" hint.
        suggestions: Vec<String>,
    },
    /// The input fits several states equally well.
    #[error("`{input}` is ambiguous: it could be {}", .candidates.join(", "))]
    Ambiguous {
        /// What the user typed.
        input: String,
        /// The states it could mean.
        candidates: Vec<String>,
    },
}

fn hint(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", s.join(", "))
    }
}

/// All states of the system, indexed by ccode, with a name resolver.
#[derive(Clone, Debug, Default)]
pub struct StateSystem {
    states: Vec<State>,
    slot: Vec<Option<u16>>,
    /// (normalised name or alias, ccode), sorted by name.
    names: Vec<(String, Ccode)>,
    /// Last day covered by the source list (2016-12-31 for COW v2016).
    pub last_day: Day,
    /// First day covered by the source list (1816-01-01 for COW).
    pub first_day: Day,
}

/// Common names the COW list spells differently. Each maps to a COW ccode.
const ALIASES: &[(&str, Ccode)] = &[
    ("united states", 2),
    ("us", 2),
    ("america", 2),
    ("uk", 200),
    ("britain", 200),
    ("great britain", 200),
    ("england", 200),
    ("soviet union", 365),
    ("ussr", 365),
    ("russian federation", 365),
    ("west germany", 260),
    ("east germany", 265),
    ("serbia", 345),
    ("korea", 732),
    ("republic of korea", 732),
    ("dprk", 731),
    ("czechia", 316),
    ("north macedonia", 343),
    ("eswatini", 572),
    ("cote d'ivoire", 437),
    ("holland", 210),
    ("persia", 630),
    ("burma", 775),
    ("turkiye", 640),
    ("ottoman empire", 640),
];

/// Lower-cases, trims and collapses inner whitespace and dots so that `U.S.A.` and
/// `  united   states ` compare equal to their canonical forms.
pub fn normalise_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
    {
        let word: String = word
            .chars()
            .filter(|&c| c != '.')
            .flat_map(char::to_lowercase)
            .collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    let out = out.replace('&', "and");
    out.strip_prefix("the ").map(str::to_string).unwrap_or(out)
}

impl StateSystem {
    /// Builds the system from spells plus extra aliases (e.g. ISO codes from a crosswalk).
    pub fn new(spells: &[StateSpell], extra_aliases: &[(String, Ccode)]) -> StateSystem {
        let mut states: Vec<State> = Vec::new();
        let mut slot = vec![None; CCODE_SLOTS];
        for sp in spells {
            let i = *slot[sp.ccode as usize].get_or_insert_with(|| {
                states.push(State {
                    ccode: sp.ccode,
                    abb: sp.abb.clone(),
                    name: sp.name.clone(),
                    spells: vec![],
                });
                (states.len() - 1) as u16
            });
            states[i as usize].spells.push(sp.span);
        }
        for s in &mut states {
            s.spells.sort_by_key(|sp| sp.start);
        }
        // Claims in priority order: COW names and abbreviations, then casus's aliases, then
        // the caller's (ISO codes). A later claim never takes a name already claimed, so the
        // COW abbreviation `AUS` stays Austria although ISO uses it for Australia.
        let mut claims: Vec<(String, Ccode)> = Vec::new();
        for s in &states {
            claims.push((normalise_name(&s.name), s.ccode));
            claims.push((normalise_name(&s.abb), s.ccode));
        }
        let known = |c: Ccode| slot[c as usize].is_some();
        claims.extend(
            ALIASES
                .iter()
                .filter(|(_, c)| known(*c))
                .map(|(a, c)| (normalise_name(a), *c)),
        );
        claims.extend(
            extra_aliases
                .iter()
                .filter(|(_, c)| known(*c))
                .map(|(a, c)| (normalise_name(a), *c)),
        );
        let mut taken = std::collections::HashSet::new();
        let mut order: Vec<(String, Ccode)> = claims
            .into_iter()
            .filter(|(n, _)| taken.insert(n.clone()))
            .collect();
        order.sort();
        let first_day = states
            .iter()
            .flat_map(|s| s.spells.iter().map(|sp| sp.start))
            .min()
            .unwrap_or_default();
        let last_day = states
            .iter()
            .flat_map(|s| s.spells.iter().map(|sp| sp.end))
            .max()
            .unwrap_or_default();
        StateSystem {
            states,
            slot,
            names: order,
            last_day,
            first_day,
        }
    }

    /// Every state, in ccode order.
    pub fn all(&self) -> &[State] {
        &self.states
    }

    /// The state with this code, if it was ever a system member.
    pub fn get(&self, ccode: Ccode) -> Option<&State> {
        self.slot
            .get(ccode as usize)
            .copied()
            .flatten()
            .map(|i| &self.states[i as usize])
    }

    /// The COW abbreviation, or the number for a code the system does not list.
    pub fn abb(&self, ccode: Ccode) -> String {
        self.get(ccode)
            .map_or_else(|| ccode.to_string(), |s| s.abb.clone())
    }

    /// The state's name, or the code as text for a code the list does not know.
    pub fn name(&self, ccode: Ccode) -> String {
        self.get(ccode)
            .map_or_else(|| format!("ccode {ccode}"), |s| s.name.clone())
    }

    /// Whether `ccode` is a system member on `day`. After the list ends (2016-12-31),
    /// membership carries forward from the last day: the system is taken as unchanged.
    pub fn is_member(&self, ccode: Ccode, day: Day) -> bool {
        let day = day.min(self.last_day);
        self.get(ccode).is_some_and(|s| s.is_member_on(day))
    }

    /// System members on `day`, by ccode.
    pub fn members_on(&self, day: Day) -> Vec<&State> {
        let day = day.min(self.last_day);
        self.states.iter().filter(|s| s.is_member_on(day)).collect()
    }

    /// System members at any time in `year`.
    pub fn members_in_year(&self, year: i32) -> Vec<&State> {
        self.states
            .iter()
            .filter(|s| s.is_member_in_year(year))
            .collect()
    }

    /// Resolves `USA`, `2`, `United States` or `united states of america` to a ccode.
    pub fn resolve(&self, input: &str) -> Result<Ccode, ResolveError> {
        let t = input.trim();
        if let Ok(n) = t.parse::<u32>() {
            if n < CCODE_SLOTS as u32 && self.get(n as Ccode).is_some() {
                return Ok(n as Ccode);
            }
            return Err(ResolveError::Unknown {
                input: t.to_string(),
                suggestions: vec![],
            });
        }
        let key = normalise_name(t);
        if key.is_empty() {
            return Err(ResolveError::Unknown {
                input: t.to_string(),
                suggestions: vec![],
            });
        }
        if let Ok(i) = self.names.binary_search_by(|(n, _)| n.as_str().cmp(&key)) {
            return Ok(self.names[i].1);
        }
        // A unique prefix of a name (`united states` for `united states of america`).
        let start = self
            .names
            .partition_point(|(n, _)| n.as_str() < key.as_str());
        let mut hits: Vec<Ccode> = self.names[start..]
            .iter()
            .take_while(|(n, _)| {
                n.starts_with(&key) && (n.len() == key.len() || n.as_bytes()[key.len()] == b' ')
            })
            .map(|(_, c)| *c)
            .collect();
        hits.sort_unstable();
        hits.dedup();
        match hits.len() {
            1 => Ok(hits[0]),
            0 => Err(ResolveError::Unknown {
                input: t.to_string(),
                suggestions: self.suggest(&key),
            }),
            _ => Err(ResolveError::Ambiguous {
                input: t.to_string(),
                candidates: hits
                    .iter()
                    .map(|c| format!("{} ({})", self.name(*c), self.abb(*c)))
                    .collect(),
            }),
        }
    }

    /// Up to three known names closest to `key`.
    fn suggest(&self, key: &str) -> Vec<String> {
        let mut scored: Vec<(f64, Ccode)> = self
            .names
            .iter()
            .map(|(n, c)| (strsim::jaro_winkler(key, n), *c))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut out: Vec<String> = Vec::new();
        for (score, c) in scored {
            if score < 0.7 || out.len() == 3 {
                break;
            }
            let label = format!("{} ({})", self.name(c), self.abb(c));
            if !out.contains(&label) {
                out.push(label);
            }
        }
        out
    }
}
