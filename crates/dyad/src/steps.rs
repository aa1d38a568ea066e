//! The `add_*` steps for alliances, capabilities, contiguity and major powers.
//!
//! Each step reads the frame's keys and returns new columns; none changes the rows.

use crate::frame::{Column, Data, Frame, Unit, NA_I8, NONE};
use crate::join::{max_code, DyadIndex, StateYearTable, CHUNK};
use casus_core::record::{obligation_bits as ob, Record};
use rayon::prelude::*;
use std::sync::Arc;

/// Builds an `I8` column by mapping a slice element-wise, in parallel (vectorisable).
pub(crate) fn i8_map<T: Sync>(name: &str, src: &[T], f: impl Fn(&T) -> i8 + Sync) -> Column {
    let mut v = vec![0i8; src.len()];
    v.par_chunks_mut(CHUNK)
        .zip(src.par_chunks(CHUNK))
        .for_each(|(o, s)| {
            for (o, x) in o.iter_mut().zip(s) {
                *o = f(x);
            }
        });
    Column::new(name, Data::I8(v))
}

/// Builds an `I8` column from a per-row function, in parallel.
pub(crate) fn i8_column(name: &str, n: usize, f: impl Fn(usize) -> i8 + Sync) -> Column {
    let mut v = vec![0i8; n];
    v.par_chunks_mut(CHUNK).enumerate().for_each(|(ci, chunk)| {
        let base = ci * CHUNK;
        for (k, o) in chunk.iter_mut().enumerate() {
            *o = f(base + k);
        }
    });
    Column::new(name, Data::I8(v))
}

/// `add_atop_alliance(ndir = TRUE)`: ATOP 5.1 directed dyad-year obligations.
///
/// Directed frames join (ccode1, ccode2, year). Non-directed frames take, for each
/// obligation, the maximum over both directions. A dyad-year without an ATOP row is 0
/// inside the ATOP years (1815–2018) and NA outside.
pub(crate) fn atop(frame: &Frame, rec: &Record) -> Vec<Column> {
    let a = &rec.atop_dyads;
    let (ymin, ymax) = (
        a.year.iter().copied().min().unwrap_or(0),
        a.year.iter().copied().max().unwrap_or(-1),
    );
    let index = DyadIndex::new(&a.ccode1, &a.ccode2, &a.year);
    let (c1, c2, year) = (&frame.keys.c1[..], &frame.keys.c2[..], &frame.keys.year[..]);
    const PRESENT: u8 = 0x80;
    let code = |j: u32| {
        if j == NONE {
            0
        } else {
            a.flags[j as usize] | PRESENT
        }
    };
    const IN_YEARS: u8 = 0x40;
    let fwd = index.join(c1, c2, year);
    let mut flags: Vec<u8> = match frame.unit {
        Unit::DyadYear { directed: true } => fwd.par_iter().map(|&j| code(j)).collect(),
        _ => {
            let back = index.join(c2, c1, year);
            fwd.par_iter()
                .zip(back.par_iter())
                .map(|(&j, &k)| code(j) | code(k))
                .collect()
        }
    };
    flags
        .par_iter_mut()
        .zip(year.par_iter())
        .for_each(|(f, y)| {
            if (ymin..=ymax).contains(y) {
                *f |= IN_YEARS;
            }
        });
    let col = |name: &str, bit: u8| {
        i8_map(name, &flags, |&f| {
            if f & IN_YEARS == 0 {
                NA_I8
            } else {
                i8::from(f & bit != 0)
            }
        })
    };
    vec![
        col("atop_alliance", PRESENT),
        col("atop_defense", ob::DEFENSE),
        col("atop_offense", ob::OFFENSE),
        col("atop_neutral", ob::NEUTRAL),
        col("atop_nonagg", ob::NONAGG),
        col("atop_consul", ob::CONSUL),
    ]
}

/// The seven NMC variables, in output order.
pub(crate) const NMC_VARS: [&str; 7] = ["milex", "milper", "irst", "pec", "tpop", "upop", "cinc"];

/// Dense (ccode, year) → NMC row.
pub(crate) fn nmc_table(rec: &Record) -> StateYearTable<u32> {
    let c = &rec.capabilities;
    let (y0, y1) = (
        c.year.iter().copied().min().unwrap_or(0),
        c.year.iter().copied().max().unwrap_or(-1),
    );
    let mut t = StateYearTable::new(max_code(&c.ccode), y0, y1, NONE);
    for i in 0..c.len() {
        t.set(c.ccode[i], c.year[i], i as u32);
    }
    t
}

/// `add_nmc()`: NMC 7.0 for ccode1 (suffix 1) and ccode2 (suffix 2), or for the state
/// of a state-year (no suffix). No fill: missing stays NA.
pub(crate) fn nmc(frame: &Frame, rec: &Record) -> Vec<Column> {
    let c = &rec.capabilities;
    let src: [Arc<Vec<Option<f64>>>; 7] = [
        &c.milex, &c.milper, &c.irst, &c.pec, &c.tpop, &c.upop, &c.cinc,
    ]
    .map(|v| Arc::new(v.clone()));
    let table = nmc_table(rec);
    let year = &frame.keys.year[..];
    let side = |codes: &[u16], suffix: &str| -> Vec<Column> {
        let idx = Arc::new(table.lookup(codes, year));
        NMC_VARS
            .iter()
            .zip(&src)
            .map(|(v, s)| {
                Column::new(
                    format!("{v}{suffix}"),
                    Data::GatherF64 {
                        src: s.clone(),
                        idx: idx.clone(),
                    },
                )
            })
            .collect()
    };
    match frame.unit {
        Unit::StateYear => side(&frame.keys.c1, ""),
        Unit::DyadYear { .. } => {
            let mut cols = side(&frame.keys.c1, "1");
            cols.extend(side(&frame.keys.c2, "2"));
            cols
        }
    }
}

/// `add_cow_majors(mry = TRUE)`: 1 in every year a major-power spell touches, 0 otherwise.
///
/// Spells ending on the last day of the data (2016-12-31) run to the current year.
pub(crate) fn majors(frame: &Frame, rec: &Record) -> Vec<Column> {
    let max_end = rec
        .majors
        .iter()
        .map(|m| m.span.end.year())
        .max()
        .unwrap_or(0);
    let cy = frame.current_year;
    let codes: Vec<u16> = rec.majors.iter().map(|m| m.ccode).collect();
    let y0 = rec
        .majors
        .iter()
        .map(|m| m.span.start.year())
        .min()
        .unwrap_or(0) as i16;
    let mut t = StateYearTable::new(max_code(&codes), y0, cy.max(max_end as i16), false);
    for m in &rec.majors {
        let (ey, em, ed) = m.span.end.ymd();
        let last = if ey == max_end && (em, ed) == (12, 31) {
            cy
        } else {
            ey as i16
        };
        for y in m.span.start.year() as i16..=last {
            t.set(m.ccode, y, true);
        }
    }
    let year = &frame.keys.year[..];
    let n = frame.len();
    let col = |name: &str, codes: &[u16]| {
        i8_column(name, n, |i| {
            if t.get(codes[i], year[i]) {
                1
            } else if year[i] <= cy {
                0
            } else {
                NA_I8
            }
        })
    };
    match frame.unit {
        Unit::StateYear => vec![col("cowmaj", &frame.keys.c1)],
        Unit::DyadYear { .. } => vec![
            col("cowmaj1", &frame.keys.c1),
            col("cowmaj2", &frame.keys.c2),
        ],
    }
}

/// How to pick a dyad-year's contiguity type when records overlap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ContiguityRule {
    /// peacesciencer: the record covering the year's earliest covered month; on a tie the
    /// record stored first (earlier start), which is always a "no contiguity" (0) filler.
    #[default]
    Peacesciencer,
    /// The fix (`--fix-contiguity-overlap`): in a month covered by both a real contiguity
    /// record (types 1–5) and a 0 filler record, the real record wins.
    PreferContiguous,
}

/// The contiguity type of each covered directed dyad-year, as key columns plus values.
pub(crate) struct ContiguityYears {
    pub c1: Vec<u16>,
    pub c2: Vec<u16>,
    pub year: Vec<i16>,
    pub conttype: Vec<u8>,
    pub first_year: i16,
    pub last_year: i16,
}

/// Expands the contiguity records to dyad-years by the earliest-covered-month rule.
pub(crate) fn contiguity_years(rec: &Record, rule: ContiguityRule) -> ContiguityYears {
    // Stored order: ccode1, ccode2, start date (stable, so the file order breaks ties).
    let mut recs: Vec<_> = rec.contiguity.iter().collect();
    recs.sort_by_key(|r| (r.ccode1, r.ccode2, r.start));
    // (c1, c2, year, first month, priority, order, conttype)
    let mut cand: Vec<(u16, u16, i16, u8, u8, u32, u8)> = Vec::new();
    for (order, r) in recs.iter().enumerate() {
        let (sy, sm, _) = r.start.ymd();
        let ey = r.end.year();
        let prio = match rule {
            ContiguityRule::Peacesciencer => 0,
            ContiguityRule::PreferContiguous => u8::from(r.conttype == 0),
        };
        for y in sy..=ey {
            let month = if y == sy { sm as u8 } else { 1 };
            cand.push((
                r.ccode1,
                r.ccode2,
                y as i16,
                month,
                prio,
                order as u32,
                r.conttype,
            ));
        }
    }
    cand.sort_unstable_by_key(|c| (c.0, c.1, c.2, c.3, c.4, c.5));
    cand.dedup_by_key(|c| (c.0, c.1, c.2));
    let first_year = rec
        .contiguity
        .iter()
        .map(|r| r.start.year())
        .min()
        .unwrap_or(0) as i16;
    let last_year = rec
        .contiguity
        .iter()
        .map(|r| r.end.year())
        .max()
        .unwrap_or(-1) as i16;
    ContiguityYears {
        c1: cand.iter().map(|c| c.0).collect(),
        c2: cand.iter().map(|c| c.1).collect(),
        year: cand.iter().map(|c| c.2).collect(),
        conttype: cand.iter().map(|c| c.6).collect(),
        first_year,
        last_year,
    }
}

/// `add_contiguity()`: COW direct contiguity 3.2, `conttype` 0–5; 0 where no record
/// covers the dyad-year inside the data's years (1816–2016), NA outside.
pub(crate) fn contiguity(frame: &Frame, rec: &Record, rule: ContiguityRule) -> Vec<Column> {
    let cy = contiguity_years(rec, rule);
    let index = DyadIndex::new(&cy.c1, &cy.c2, &cy.year);
    let (c1, c2, year) = (&frame.keys.c1[..], &frame.keys.c2[..], &frame.keys.year[..]);
    let idx = index.join(c1, c2, year);
    let (lo, hi) = (cy.first_year, cy.last_year);
    vec![i8_column("conttype", frame.len(), |i| match idx[i] {
        NONE if (lo..=hi).contains(&year[i]) => 0,
        NONE => NA_I8,
        j => cy.conttype[j as usize] as i8,
    })]
}
