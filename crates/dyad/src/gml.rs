//! `add_gml_mids()`: Gibler–Miller–Little MIDs 2.2.1, one dispute per dyad-year.
//!
//! peacesciencer ships the dispute-year file already "whittled" to one dispute per directed
//! dyad-year (`gml_mid_ddydisps.csv`); [`whittle`] re-derives it from the raw directed
//! dispute-year file (`gml_dirdisp.csv`) so the rules are code, not folklore.

use crate::frame::{Column, Data, Frame, Unit, NA_I8, NONE};
use crate::join::DyadIndex;
use crate::steps::i8_column;
use casus_core::record::{IntFrame, Record};
use std::sync::Arc;

/// Who counts as an initiator in `init1`/`init2` (peacesciencer's `init` argument).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GmlInit {
    /// `sidea-all-joiners` (peacesciencer's default): on side A, or any joiner (orig = 0)
    /// whatever its side.
    #[default]
    SideaAllJoiners,
    /// `sidea-with-joiners`: on side A (originator or joiner).
    SideaWithJoiners,
    /// `sidea-orig`: on side A and an originator.
    SideaOrig,
}

/// Dispute columns appended after the keys, in output order, with their name in the
/// shipped file.
const COLUMNS: [(&str, &str); 21] = [
    ("dispnum", "dispnum"),
    ("gmlmidongoing", "gmlmidongoing"),
    ("gmlmidonset", "gmlmidonset"),
    ("sidea1", "sidea1"),
    ("sidea2", "sidea2"),
    ("fatality1", "fatality1"),
    ("fatality2", "fatality2"),
    ("fatalpre1", "fatalpre1"),
    ("fatalpre2", "fatalpre2"),
    ("hiact1", "hiact1"),
    ("hiact2", "hiact2"),
    ("hostlev1", "hostlev1"),
    ("hostlev2", "hostlev2"),
    ("orig1", "orig1"),
    ("orig2", "orig2"),
    ("fatality", "fatality"),
    ("hostlev", "hostlev"),
    ("recip", "recip"),
    ("mindur", "mindur"),
    ("maxdur", "maxdur"),
    ("stmon", "stmon"),
];

fn keys(f: &IntFrame) -> (Vec<u16>, Vec<u16>, Vec<i16>) {
    let k = |name: &str| {
        f.col(name)
            .iter()
            .map(|v| v.unwrap_or(-1))
            .collect::<Vec<i32>>()
    };
    let (c1, c2, y) = (k("ccode1"), k("ccode2"), k("year"));
    (
        c1.iter()
            .map(|&v| v.clamp(0, u16::MAX as i32) as u16)
            .collect(),
        c2.iter()
            .map(|&v| v.clamp(0, u16::MAX as i32) as u16)
            .collect(),
        y.iter()
            .map(|&v| v.clamp(i16::MIN as i32, i16::MAX as i32) as i16)
            .collect(),
    )
}

/// The GML columns for a frame.
pub(crate) fn gml_mids(frame: &Frame, rec: &Record, init: GmlInit) -> Vec<Column> {
    let ddy = &rec.mid_ddy;
    let (k1, k2, ky) = keys(ddy);
    let (ymin, ymax) = (
        ky.iter().copied().min().unwrap_or(0),
        ky.iter().copied().max().unwrap_or(-1),
    );
    let index = DyadIndex::new(&k1, &k2, &ky);
    let year = &frame.keys.year[..];
    // Non-directed frames hold ccode1 < ccode2 only: the join brings in the low→high row.
    let idx = Arc::new(index.join(&frame.keys.c1, &frame.keys.c2, year));
    let n = frame.len();
    let filled = |name: &'static str| {
        let src = ddy.col(name);
        i8_column(name, n, |i| match idx[i] {
            NONE if (ymin..=ymax).contains(&year[i]) => 0,
            NONE => NA_I8,
            j => src[j as usize].map_or(NA_I8, |v| v as i8),
        })
    };
    let mut cols: Vec<Column> = COLUMNS
        .iter()
        .map(|&(out, src)| match out {
            "gmlmidongoing" | "gmlmidonset" => filled(out),
            _ => Column::new(
                out,
                Data::GatherI32 {
                    src: Arc::new(ddy.col(src).to_vec()),
                    idx: idx.clone(),
                },
            ),
        })
        .collect();
    if frame.unit == (Unit::DyadYear { directed: true }) {
        for side in ["1", "2"] {
            let sidea = ddy.col(&format!("sidea{side}"));
            let orig = ddy.col(&format!("orig{side}"));
            cols.push(i8_column(&format!("init{side}"), n, |i| match idx[i] {
                NONE => NA_I8,
                j => {
                    let (s, o) = (sidea[j as usize], orig[j as usize]);
                    let yes = match init {
                        GmlInit::SideaAllJoiners => s == Some(1) || o == Some(0),
                        GmlInit::SideaWithJoiners => s == Some(1),
                        GmlInit::SideaOrig => s == Some(1) && o == Some(1),
                    };
                    i8::from(yes)
                }
            }));
        }
    }
    cols
}

/// Reduces the GML directed dispute-year file to one dispute per directed dyad-year, by
/// peacesciencer's data-raw rules, and returns it in the layout of `gml_mid_ddydisps.csv`
/// (dispnum, ccode1, ccode2, year, gmlmidongoing, gmlmidonset, …, stmon), sorted by
/// ccode1, ccode2, year.
///
/// Within each (ccode1, ccode2, year) with several disputes, each filter keeps the rows
/// that survive the previous one:
/// 1. if onset and non-onset rows are mixed, drop the non-onset rows;
/// 2. highest `fatality`, with unknown (−9) ranked as 0.5 (between none and 1–25 deaths);
/// 3. highest `hostlev`; 4. highest `mindur`; 5. highest `maxdur`; 6. highest `recip`;
/// 7. lowest `stmon`; 8. the first remaining row in file order.
pub fn whittle(dirdisp: &IntFrame) -> IntFrame {
    let (c1, c2, y) = keys(dirdisp);
    let mut order: Vec<usize> = (0..dirdisp.rows()).collect();
    order.sort_by_key(|&i| (c1[i], c2[i], y[i])); // stable: file order within a key
    let col = |n: &str| dirdisp.col(n);
    let (onset, fatality, hostlev, mindur, maxdur, recip, stmon) = (
        col("midonset"),
        col("fatality"),
        col("hostlev"),
        col("mindur"),
        col("maxdur"),
        col("recip"),
        col("stmon"),
    );
    let v = |c: &[Option<i32>], i: usize| c[i].map_or(f64::NEG_INFINITY, f64::from);
    let mut keep: Vec<usize> = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let i0 = order[start];
        let mut end = start + 1;
        while end < order.len()
            && (c1[order[end]], c2[order[end]], y[order[end]]) == (c1[i0], c2[i0], y[i0])
        {
            end += 1;
        }
        let mut group: Vec<usize> = order[start..end].to_vec();
        if group.len() > 1 {
            let mixed = group.iter().any(|&i| onset[i] != onset[group[0]]);
            if mixed {
                group.retain(|&i| onset[i] != Some(0));
            }
            let fat = |i: usize| match fatality[i] {
                Some(-9) => 0.5,
                _ => v(fatality, i),
            };
            let filters: [&dyn Fn(usize) -> f64; 6] = [
                &fat,
                &|i| v(hostlev, i),
                &|i| v(mindur, i),
                &|i| v(maxdur, i),
                &|i| v(recip, i),
                &|i| -v(stmon, i),
            ];
            for f in filters {
                let best = group
                    .iter()
                    .map(|&i| f(i))
                    .fold(f64::NEG_INFINITY, f64::max);
                group.retain(|&i| f(i) == best);
            }
        }
        keep.push(group[0]);
        start = end;
    }
    let mut names = vec!["dispnum", "ccode1", "ccode2", "year"];
    names.extend(COLUMNS.iter().skip(1).map(|c| c.0));
    let columns = names
        .iter()
        .map(|&n| {
            let src = match n {
                "gmlmidongoing" => "midongoing",
                "gmlmidonset" => "midonset",
                other => other,
            };
            let c = dirdisp.col(src);
            keep.iter().map(|&i| c[i]).collect()
        })
        .collect();
    IntFrame {
        names: names.iter().map(|s| s.to_string()).collect(),
        columns,
    }
}
