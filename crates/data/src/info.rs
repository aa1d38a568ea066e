//! `casus data info`: rows and covered years of each loaded dataset file.

use crate::{dataset, files};
use casus_core::record::{IntFrame, Record};
use casus_core::Span;

/// Rows and covered years of one loaded dataset file.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DatasetInfo {
    /// Catalogue key (`casus data cite KEY`).
    pub key: &'static str,
    /// Path of the file relative to the data folder.
    pub file: &'static str,
    /// The dataset's title, from the catalogue.
    pub title: &'static str,
    /// The version read from the file where it says one, else the catalogue's.
    pub version: String,
    /// Data rows (header excluded).
    pub rows: usize,
    /// Earliest year in the file (`None` for an empty file).
    pub first_year: Option<i32>,
    /// Latest year in the file.
    pub last_year: Option<i32>,
}

/// Smallest and largest year of a sequence (both `None` when it is empty).
fn span<I: IntoIterator<Item = i32>>(it: I) -> (Option<i32>, Option<i32>) {
    it.into_iter().fold((None, None), |(lo, hi), y| {
        (
            Some(lo.map_or(y, |l: i32| l.min(y))),
            Some(hi.map_or(y, |h: i32| h.max(y))),
        )
    })
}

/// Years covered by a list of dated spells.
fn spells<'a>(it: impl IntoIterator<Item = &'a Span>) -> (Option<i32>, Option<i32>) {
    span(it.into_iter().flat_map(|s| [s.start.year(), s.end.year()]))
}

/// Years of an integer column (ATOP codes unknown years as 0 or below: skipped).
fn columns(f: &IntFrame, cols: &[&str]) -> (Option<i32>, Option<i32>) {
    span(
        cols.iter()
            .flat_map(|c| f.col(c).iter().flatten().copied())
            .filter(|y| *y > 0),
    )
}

/// One line of the info table: catalogue key, file, rows, first and last year, and the
/// version the file states (`None`: the catalogue's).
type InfoRow<'a> = (
    &'static str,
    &'static str,
    usize,
    (Option<i32>, Option<i32>),
    Option<&'a str>,
);

/// Per-file row counts and year coverage of a loaded record, in the catalogue's order.
pub fn info(r: &Record) -> Vec<DatasetInfo> {
    let atop5 = Some(r.atop5.version.as_str());
    #[rustfmt::skip] // a table: one dataset file a line
    let rows: [InfoRow<'_>; 22] = [
        ("cow-states", files::COW_SYSTEM, r.states.len(), spells(r.states.iter().map(|s| &s.span)), None),
        ("gw-states", files::GW_SYSTEM, r.gw_states.len(), spells(r.gw_states.iter().map(|s| &s.span)), None),
        ("atop", files::ATOP5_ALLIANCES, r.atop5.alliances.rows(), columns(&r.atop5.alliances, &["begyr", "endyr"]), atop5),
        ("atop", files::ATOP5_MEMBERS, r.atop5.members.rows(), columns(&r.atop5.members, &["yrent", "yrexit"]), atop5),
        ("atop", files::ATOP_DYADS, r.atop_dyads.len(), span(r.atop_dyads.year.iter().map(|&y| y as i32)), None),
        ("atop4", files::ATOP4_ALLIANCES, r.atop4.alliances.rows(), columns(&r.atop4.alliances, &["begyr", "endyr"]), None),
        ("atop4", files::ATOP4_MEMBERS, r.atop4.members.rows(), columns(&r.atop4.members, &["yrent", "yrexit"]), None),
        ("cow-alliance", files::COW_ALLIANCES, r.cow_alliances.len(), span(r.cow_alliances.year.iter().map(|&y| y as i32)), None),
        ("nmc", files::NMC, r.capabilities.len(), span(r.capabilities.year.iter().map(|&y| y as i32)), None),
        ("majors", files::MAJORS, r.majors.len(), spells(r.majors.iter().map(|s| &s.span)), None),
        ("maoz-powers", files::MAOZ_POWERS, r.powers.len(), spells(r.powers.iter().flat_map(|p| p.regional.iter().chain(p.global.iter()))), None),
        ("contiguity", files::CONTIGUITY, r.contiguity.len(), span(r.contiguity.iter().flat_map(|c| [c.start.year(), c.end.year()])), None),
        ("capitals", files::COW_CAPITALS, r.capitals.len(), spells(r.capitals.iter().map(|c| &c.span)), None),
        ("capitals", files::GW_CAPITALS, r.gw_capitals.len(), spells(r.gw_capitals.iter().map(|c| &c.span)), None),
        ("gml", files::MID_PARTICIPANTS, r.mid_participants.len(), span(r.mid_participants.iter().flat_map(|p| [p.start.year as i32, p.end.year as i32])), None),
        ("gml", files::MID_DISPUTES, r.mid_disputes.len(), span(r.mid_disputes.iter().map(|d| d.start_year as i32)), None),
        ("gml", files::MID_DIRECTED, r.mid_dirdisp.rows(), span(r.mid_dirdisp.col("year").iter().flatten().copied()), None),
        ("gml", files::MID_DYAD_YEARS, r.mid_ddy.rows(), span(r.mid_ddy.col("year").iter().flatten().copied()), None),
        ("cow-wars", files::WARS, r.wars.len(), span(r.wars.iter().map(|w| w.year as i32)), None),
        ("td-rivalries", files::RIVALRIES_TD, r.rivalries_td.len(), span(r.rivalries_td.iter().flat_map(|x| [x.start_year as i32, x.end_year as i32])), None),
        ("tss-rivalries", files::RIVALRIES_TSS, r.rivalries_tss.len(), span(r.rivalries_tss.iter().flat_map(|x| [x.start_year as i32, x.end_year as i32])), None),
        ("false-dyads", files::FALSE_DYADS, r.false_dyads.len(), span(r.false_dyads.iter().map(|x| x.year as i32)), None),
    ];
    rows.into_iter()
        .map(|(key, file, rows, (first_year, last_year), version)| {
            let d = dataset(key).expect("the catalogue lists every key used here");
            DatasetInfo {
                key,
                file,
                title: d.title,
                version: version.unwrap_or(d.version).to_string(),
                rows,
                first_year,
                last_year,
            }
        })
        .collect()
}
