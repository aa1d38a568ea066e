//! `create_dyadyears` and `create_stateyears`: the COW state system as year-level rows.
//!
//! peacesciencer's rules (see `docs/dyads.md`): a state is a member in every calendar year
//! that one of its spells touches; spells that end on the last day of the data (the
//! latest end year, in December) are carried forward to the "current year"; dyad-years in
//! which the two states were members in the same year but never on the same day (the
//! shipped *false dyads*) are dropped.

use crate::frame::{Column, Data, Frame, Keys, Unit};
use crate::DyadError;
use casus_core::record::{FalseDyad, Record, StateSpell};
use casus_core::Day;
use rayon::prelude::*;
use std::sync::Arc;

/// How to build a dyad-year or state-year frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CreateOptions {
    /// Directed dyads (both orders) or not (ccode1 < ccode2). Ignored for state-years.
    pub directed: bool,
    /// First and last year to keep (inclusive); `None` keeps the whole grid.
    pub years: Option<(i16, i16)>,
    /// peacesciencer's "current year": the run date's year minus one. Spells alive at the
    /// end of the state list (2016-12-31) are extended to it (its `mry = TRUE`).
    pub current_year: i16,
}

impl CreateOptions {
    /// peacesciencer's default "current year": the year before today's (UTC).
    pub fn current_year_today() -> i16 {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        (Day((secs / 86_400) as i32).year() - 1) as i16
    }
}

/// A membership spell at year level, after the `mry` extension.
#[derive(Clone, Debug)]
pub(crate) struct YearSpell {
    pub ccode: u16,
    pub first: i16,
    pub last: i16,
    pub name: String,
}

/// The state system as year-level spells.
pub(crate) struct SystemYears {
    /// Spells sorted by ccode, then first year.
    pub spells: Vec<YearSpell>,
    /// The year grid: earliest start year to latest (extended) end year.
    pub first: i16,
    pub last: i16,
}

impl SystemYears {
    pub fn new(states: &[StateSpell], current_year: i16) -> Result<SystemYears, DyadError> {
        if states.is_empty() {
            return Err(DyadError::NoStates);
        }
        let max_end = states.iter().map(|s| s.span.end.year()).max().unwrap_or(0);
        if (current_year as i32) < max_end {
            return Err(DyadError::CurrentYear {
                current_year,
                data_end: max_end as i16,
            });
        }
        let mut spells: Vec<YearSpell> = states
            .iter()
            .map(|s| {
                let (ey, em, _) = s.span.end.ymd();
                let last = if ey == max_end && em == 12 {
                    current_year
                } else {
                    ey as i16
                };
                YearSpell {
                    ccode: s.ccode,
                    first: s.span.start.year() as i16,
                    last,
                    name: s.name.clone(),
                }
            })
            .collect();
        spells.sort_by_key(|s| (s.ccode, s.first));
        let first = spells.iter().map(|s| s.first).min().unwrap_or(0);
        let last = spells.iter().map(|s| s.last).max().unwrap_or(0);
        Ok(SystemYears {
            spells,
            first,
            last,
        })
    }

    /// The years to keep, checked against the grid.
    pub fn range(&self, years: Option<(i16, i16)>) -> Result<(i16, i16), DyadError> {
        let (from, to) = years.unwrap_or((self.first, self.last));
        if from > to || from < self.first || to > self.last {
            return Err(DyadError::Years {
                from,
                to,
                first: self.first,
                last: self.last,
            });
        }
        Ok((from, to))
    }

    /// Distinct ccodes (sorted) and, for each, its membership by year of the grid.
    fn membership(&self) -> (Vec<u16>, Vec<Vec<bool>>) {
        let ny = (self.last - self.first + 1) as usize;
        let mut codes: Vec<u16> = Vec::new();
        let mut member: Vec<Vec<bool>> = Vec::new();
        for s in &self.spells {
            if codes.last() != Some(&s.ccode) {
                codes.push(s.ccode);
                member.push(vec![false; ny]);
            }
            let m = member.last_mut().expect("pushed above");
            for y in s.first..=s.last {
                m[(y - self.first) as usize] = true;
            }
        }
        (codes, member)
    }

    /// System members (ccodes, ascending) in each year of `from..=to`.
    pub fn members_by_year(&self, from: i16, to: i16) -> Vec<Vec<u16>> {
        let (codes, member) = self.membership();
        (from..=to)
            .map(|y| {
                let yi = (y - self.first) as usize;
                codes
                    .iter()
                    .zip(&member)
                    .filter(|(_, m)| m.get(yi).copied().unwrap_or(false))
                    .map(|(&c, _)| c)
                    .collect()
            })
            .collect()
    }
}

/// peacesciencer's `create_dyadyears(system = "cow", mry = TRUE, directed, subset_years)`.
///
/// Rows are sorted by ccode1, ccode2, year; columns `ccode1, ccode2, year`.
pub fn create_dyad_years(rec: &Record, opts: &CreateOptions) -> Result<Frame, DyadError> {
    let sys = SystemYears::new(&rec.states, opts.current_year)?;
    let (from, to) = sys.range(opts.years)?;
    let (codes, member) = sys.membership();
    // Membership in the requested years as bitsets: bit k of word k / 64 is year `from + k`.
    let ny = (to - from + 1) as usize;
    let nw = ny.div_ceil(64);
    let bits: Vec<Vec<u64>> = member
        .iter()
        .map(|m| {
            let mut w = vec![0u64; nw];
            for k in 0..ny {
                if m[(from - sys.first) as usize + k] {
                    w[k / 64] |= 1 << (k % 64);
                }
            }
            w
        })
        .collect();
    let mut false_dyads: Vec<FalseDyad> = rec.false_dyads.clone();
    false_dyads.sort_by_key(|f| (f.ccode1, f.ccode2, f.year));
    let directed = opts.directed;

    // One task per ccode1; each yields its (ccode2, year) rows in order.
    let parts: Vec<(Vec<u16>, Vec<i16>)> = (0..codes.len())
        .into_par_iter()
        .map(|ia| {
            let a = codes[ia];
            let (mut c2, mut yr) = (Vec::new(), Vec::new());
            let mut w = vec![0u64; nw];
            for (ib, &b) in codes.iter().enumerate() {
                if a == b || (!directed && b < a) {
                    continue;
                }
                for (k, x) in w.iter_mut().enumerate() {
                    *x = bits[ia][k] & bits[ib][k];
                }
                let lo = false_dyads.partition_point(|f| (f.ccode1, f.ccode2) < (a, b));
                for f in false_dyads[lo..]
                    .iter()
                    .take_while(|f| (f.ccode1, f.ccode2) == (a, b))
                {
                    if (from..=to).contains(&f.year) {
                        let k = (f.year - from) as usize;
                        w[k / 64] &= !(1 << (k % 64));
                    }
                }
                for (wi, &word) in w.iter().enumerate() {
                    let mut x = word;
                    while x != 0 {
                        let k = wi * 64 + x.trailing_zeros() as usize;
                        c2.push(b);
                        yr.push(from + k as i16);
                        x &= x - 1;
                    }
                }
            }
            (c2, yr)
        })
        .collect();
    let total: usize = parts.iter().map(|p| p.1.len()).sum();
    let (mut c1, mut c2, mut year) = (
        Vec::with_capacity(total),
        Vec::with_capacity(total),
        Vec::with_capacity(total),
    );
    for (ia, (pc2, py)) in parts.into_iter().enumerate() {
        c1.resize(c1.len() + py.len(), codes[ia]);
        c2.extend_from_slice(&pc2);
        year.extend_from_slice(&py);
    }
    let keys = Keys {
        c1: Arc::new(c1),
        c2: Arc::new(c2),
        year: Arc::new(year),
    };
    let columns = vec![
        Column::new("ccode1", Data::U16(keys.c1.clone())),
        Column::new("ccode2", Data::U16(keys.c2.clone())),
        Column::new("year", Data::I16(keys.year.clone())),
    ];
    Ok(Frame {
        unit: Unit::DyadYear { directed },
        keys,
        columns,
        steps: Vec::new(),
        current_year: opts.current_year,
    })
}

/// peacesciencer's `create_stateyears(system = "cow", mry = TRUE, subset_years)`.
///
/// Rows are sorted by ccode, year; columns `ccode, cw_name, year`.
pub fn create_state_years(rec: &Record, opts: &CreateOptions) -> Result<Frame, DyadError> {
    let sys = SystemYears::new(&rec.states, opts.current_year)?;
    let (from, to) = sys.range(opts.years)?;
    let mut dict: Vec<String> = Vec::new();
    let (mut c, mut name, mut year) = (Vec::new(), Vec::new(), Vec::new());
    for s in &sys.spells {
        let ni = match dict.iter().position(|d| *d == s.name) {
            Some(i) => i,
            None => {
                dict.push(s.name.clone());
                dict.len() - 1
            }
        } as u32;
        for y in s.first.max(from)..=s.last.min(to) {
            c.push(s.ccode);
            name.push(ni);
            year.push(y);
        }
    }
    let keys = Keys {
        c1: Arc::new(c),
        c2: Arc::new(Vec::new()),
        year: Arc::new(year),
    };
    let columns = vec![
        Column::new("ccode", Data::U16(keys.c1.clone())),
        Column::new(
            "cw_name",
            Data::Text {
                dict: Arc::new(dict),
                idx: name,
            },
        ),
        Column::new("year", Data::I16(keys.year.clone())),
    ];
    Ok(Frame {
        unit: Unit::StateYear,
        keys,
        columns,
        steps: Vec::new(),
        current_year: opts.current_year,
    })
}

/// Recomputes the false dyads from the spell dates: directed dyad-years (up to the state
/// list's last year) in which both states are members in the year but never on the same day.
/// peacesciencer ships this list; casus uses the shipped one and tests that the rule
/// reproduces it.
pub fn derive_false_dyads(states: &[StateSpell]) -> Vec<FalseDyad> {
    let max_end = states.iter().map(|s| s.span.end.year()).max().unwrap_or(0);
    let mut by_code: Vec<(u16, Vec<(Day, Day)>)> = Vec::new();
    let mut sorted: Vec<&StateSpell> = states.iter().collect();
    sorted.sort_by_key(|s| (s.ccode, s.span.start));
    for s in sorted {
        match by_code.last_mut() {
            Some((c, v)) if *c == s.ccode => v.push((s.span.start, s.span.end)),
            _ => by_code.push((s.ccode, vec![(s.span.start, s.span.end)])),
        }
    }
    let mut out = Vec::new();
    for (a, sa) in &by_code {
        for (b, sb) in &by_code {
            if a == b {
                continue;
            }
            let lo = sa[0].0.year().max(sb[0].0.year());
            let hi = sa
                .last()
                .map_or(0, |s| s.1.year())
                .min(sb.last().map_or(0, |s| s.1.year()))
                .min(max_end);
            for y in lo..=hi {
                let (j1, d31) = (Day::first_of_year(y), Day::last_of_year(y));
                let clip = |&(s, e): &(Day, Day)| (s.max(j1), e.min(d31));
                let in_year = |&(s, e): &(Day, Day)| s <= e;
                let ca: Vec<_> = sa.iter().map(clip).filter(in_year).collect();
                let cb: Vec<_> = sb.iter().map(clip).filter(in_year).collect();
                if ca.is_empty() || cb.is_empty() {
                    continue;
                }
                let overlap = ca
                    .iter()
                    .any(|&(s1, e1)| cb.iter().any(|&(s2, e2)| s1.max(s2) <= e1.min(e2)));
                if !overlap {
                    out.push(FalseDyad {
                        ccode1: *a,
                        ccode2: *b,
                        year: y as i16,
                    });
                }
            }
        }
    }
    out
}
