//! casus-data: the bundled datasets, loaded and validated into a [`Record`] and a [`World`].
//!
//! The CSV files of `shared/data` ship inside the binary, zstd-compressed (see
//! `data-raw/bundle.sh`); `--data-dir` reads the same layout from disk instead. Every bad
//! field becomes a [`LoadError`] that names file, line, column and value.

mod catalogue;
mod csvtable;
mod load;
mod source;

pub use catalogue::{dataset, Dataset, DATASETS};
pub use source::{DataSource, BUNDLED};

use casus_core::record::{obligation_bits as ob, Ccode, Record};
use casus_core::World;

/// Why the record could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// A field that does not parse or fails validation.
    #[error("{file}:{line}: column `{column}`, value `{value}`: {message}")]
    Field {
        /// Data file, relative to the data directory.
        file: String,
        /// Line in the file, from 1 (the header is line 1).
        line: u64,
        /// Column name.
        column: String,
        /// The offending value.
        value: String,
        /// What is wrong with it.
        message: String,
    },
    /// A data file is not there.
    #[error("the data file `{file}` is missing{}; hint: a data directory needs the layout of shared/data (see `casus data info`)", .dir.as_ref().map(|d| format!(" from {d}")).unwrap_or_default())]
    Missing {
        /// Data file, relative to the data directory.
        file: String,
        /// The data directory searched; `None` for the bundled data.
        dir: Option<String>,
    },
    /// A data file could not be read or decompressed.
    #[error("{file}: {message}")]
    Io {
        /// The file (or data directory) that could not be read.
        file: String,
        /// Why, as the operating system or decompressor says.
        message: String,
    },
}

/// Which datasets to load. Commands load only what they read, so that `casus invoke`
/// answers in tens of milliseconds; tables left out stay empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts(u32);

impl Parts {
    /// The COW state system (always loaded).
    pub const STATES: Parts = Parts(1);
    /// The Gleditsch–Ward state list.
    pub const GW: Parts = Parts(1 << 1);
    /// ATOP's directed dyad-year obligations.
    pub const ATOP_DYADS: Parts = Parts(1 << 2);
    /// COW formal alliances, dyad-years.
    pub const COW_ALLIANCES: Parts = Parts(1 << 3);
    /// ATOP 5.1 alliance- and member-level files.
    pub const ATOP5: Parts = Parts(1 << 4);
    /// ATOP 4.01 alliance- and member-level files.
    pub const ATOP4: Parts = Parts(1 << 5);
    /// COW national material capabilities.
    pub const NMC: Parts = Parts(1 << 6);
    /// COW major-power spells.
    pub const MAJORS: Parts = Parts(1 << 7);
    /// Maoz's regional and global power spells.
    pub const POWERS: Parts = Parts(1 << 8);
    /// COW direct contiguity.
    pub const CONTIGUITY: Parts = Parts(1 << 9);
    /// COW and Gleditsch–Ward capitals.
    pub const CAPITALS: Parts = Parts(1 << 10);
    /// GML MID participants and disputes.
    pub const MIDS: Parts = Parts(1 << 11);
    /// GML directed dispute-years (before and after whittling).
    pub const MID_DYADS: Parts = Parts(1 << 12);
    /// COW inter-state wars.
    pub const WARS: Parts = Parts(1 << 13);
    /// Thompson–Dreyer and Thompson–Sakuwa–Suhas rivalries.
    pub const RIVALRIES: Parts = Parts(1 << 14);
    /// Dyads the state system lists that never coexisted.
    pub const FALSE_DYADS: Parts = Parts(1 << 15);
    /// Every dataset.
    pub const ALL: Parts = Parts(u32::MAX);
    /// What the invoke engine reads: states, ATOP treaties and directed dyads (for
    /// asymmetric pacts), capabilities (balance), wars ("obligor not at war").
    pub const ENGINE: Parts =
        Parts(Self::STATES.0 | Self::ATOP5.0 | Self::ATOP_DYADS.0 | Self::NMC.0 | Self::WARS.0);
    /// The engine plus the dispute record (backtests, reliability).
    pub const HISTORY: Parts = Parts(Self::ENGINE.0 | Self::MIDS.0);

    /// These parts and `other` together.
    pub const fn with(self, other: Parts) -> Parts {
        Parts(self.0 | other.0)
    }
    /// Whether every part of `other` is included.
    pub const fn has(self, other: Parts) -> bool {
        self.0 & other.0 == other.0
    }
}

/// Loads every dataset of the record, in parallel.
pub fn load_record(src: &DataSource) -> Result<Record, LoadError> {
    load_record_parts(src, Parts::ALL)
}

/// Loads the chosen datasets of the record, in parallel.
pub fn load_record_parts(src: &DataSource, parts: Parts) -> Result<Record, LoadError> {
    use load::*;
    // Each job decompresses and parses one file; results are gathered in fixed order.
    let mut r = Record::default();
    let errors = std::sync::Mutex::new(Vec::<LoadError>::new());
    let fail = |e: LoadError| errors.lock().expect("a loader panicked").push(e);
    let fail = &fail;
    rayon::scope(|s| {
        let r = &mut r;
        let (
            states,
            gw,
            atop_dyads,
            cow_all,
            atop5,
            atop4,
            nmc,
            majors_v,
            pw,
            cont,
            caps,
            gwcaps,
            mparts,
            disps,
            dird,
            ddy,
            war,
            td,
            tss,
            fd,
        ) = (
            &mut r.states,
            &mut r.gw_states,
            &mut r.atop_dyads,
            &mut r.cow_alliances,
            &mut r.atop5,
            &mut r.atop4,
            &mut r.capabilities,
            &mut r.majors,
            &mut r.powers,
            &mut r.contiguity,
            &mut r.capitals,
            &mut r.gw_capitals,
            &mut r.mid_participants,
            &mut r.mid_disputes,
            &mut r.mid_dirdisp,
            &mut r.mid_ddy,
            &mut r.wars,
            &mut r.rivalries_td,
            &mut r.rivalries_tss,
            &mut r.false_dyads,
        );
        macro_rules! job {
            ($part:ident, $slot:ident, $file:literal, $f:expr) => {{
                if parts.has(Parts::$part) {
                    s.spawn(move |_| match src.read($file).and_then(|b| $f($file, &b)) {
                        Ok(v) => *$slot = v,
                        Err(e) => fail(e),
                    });
                }
            }};
        }
        job!(STATES, states, "cw_system.csv", load::states);
        job!(GW, gw, "gw_system.csv", load::gw_states);
        job!(ATOP_DYADS, atop_dyads, "atop_alliance.csv", |f, b| {
            dyad_flags(
                f,
                b,
                &[
                    ("atop_defense", ob::DEFENSE),
                    ("atop_offense", ob::OFFENSE),
                    ("atop_neutral", ob::NEUTRAL),
                    ("atop_nonagg", ob::NONAGG),
                    ("atop_consul", ob::CONSUL),
                ],
            )
        });
        job!(COW_ALLIANCES, cow_all, "cow_alliance.csv", |f, b| {
            dyad_flags(
                f,
                b,
                &[
                    ("cow_defense", ob::DEFENSE),
                    ("cow_neutral", ob::NEUTRAL),
                    ("cow_nonagg", ob::NONAGG),
                    ("cow_entente", ob::ENTENTE),
                ],
            )
        });
        if parts.has(Parts::ATOP5) {
            s.spawn(
                move |_| match atop_release(src, "atop5/atop5_1a.csv", "atop5/atop5_1m.csv") {
                    Ok(v) => *atop5 = v,
                    Err(e) => fail(e),
                },
            );
        }
        if parts.has(Parts::ATOP4) {
            s.spawn(move |_| {
                match atop_release(
                    src,
                    "atop4/atop-alliance-level.csv",
                    "atop4/atop-member-level.csv",
                ) {
                    Ok(v) => *atop4 = v,
                    Err(e) => fail(e),
                }
            });
        }
        job!(NMC, nmc, "cow_nmc.csv", capabilities);
        job!(MAJORS, majors_v, "cow_majors.csv", majors);
        job!(POWERS, pw, "maoz_powers.csv", powers);
        job!(CONTIGUITY, cont, "cow_contdir.csv", contiguity);
        job!(CAPITALS, caps, "cow_capitals.csv", |f, b| capitals(
            f, b, "ccode"
        ));
        job!(CAPITALS, gwcaps, "gw_capitals.csv", |f, b| capitals(
            f, b, "gwcode"
        ));
        job!(MIDS, mparts, "gml_part.csv", mid_participants);
        job!(MIDS, disps, "gml_mid_disps.csv", mid_disputes);
        job!(MID_DYADS, dird, "gml_dirdisp.csv", |f, b| int_frame(
            f,
            b,
            &["dispnum", "ccode1", "ccode2", "year"]
        )
        .map(|x| x.0));
        job!(MID_DYADS, ddy, "gml_mid_ddydisps.csv", |f, b| int_frame(
            f,
            b,
            &["dispnum", "ccode1", "ccode2", "year"]
        )
        .map(|x| x.0));
        job!(WARS, war, "cow_war_inter.csv", wars);
        job!(RIVALRIES, td, "td_rivalries.csv", rivalries_td);
        job!(RIVALRIES, tss, "tss_rivalries.csv", rivalries_tss);
        job!(FALSE_DYADS, fd, "false_cow_dyads.csv", false_dyads);
    });
    // Report the first failure in file order so messages are deterministic.
    let mut errors = errors.into_inner().expect("a loader panicked");
    errors.sort_by_key(|e| e.to_string());
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(r),
    }
}

/// Columns the treaty builder reads from ATOP's alliance-level and member-level files.
const ATOP_ALLIANCE_COLUMNS: &[&str] = &[
    "atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "defense", "offense",
    "neutral", "nonagg", "consul",
];
const ATOP_MEMBER_COLUMNS: &[&str] = &[
    "atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "phase",
    "defense", "offense", "neutral", "nonagg", "consul",
];

fn atop_release(
    src: &DataSource,
    a: &'static str,
    m: &'static str,
) -> Result<casus_core::record::AtopRelease, LoadError> {
    let (alliances, version) = load::int_frame(a, &src.read(a)?, ATOP_ALLIANCE_COLUMNS)?;
    let (members, _) = load::int_frame(m, &src.read(m)?, ATOP_MEMBER_COLUMNS)?;
    Ok(casus_core::record::AtopRelease {
        version,
        alliances,
        members,
    })
}

/// ISO codes and English names from the countrycode crosswalk, as state-name aliases.
pub fn load_aliases(src: &DataSource) -> Result<Vec<(String, Ccode)>, LoadError> {
    let name = "raw/codelist.csv";
    load::codelist_aliases(name, &src.read(name)?)
}

/// Loads the record and builds the world (state system with name aliases).
pub fn load_world(src: &DataSource) -> Result<World, LoadError> {
    load_world_parts(src, Parts::ALL)
}

/// Loads the chosen parts of the record (states always) and builds the world.
pub fn load_world_parts(src: &DataSource, parts: Parts) -> Result<World, LoadError> {
    let (record, aliases) = rayon::join(
        || load_record_parts(src, parts.with(Parts::STATES)),
        || load_aliases(src),
    );
    Ok(World::from_record(record?, &aliases?))
}

/// Rows and covered years of one loaded dataset, for `casus data info`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DatasetInfo {
    /// Key of the dataset in the catalogue (`cow-states`, `atop`).
    pub key: &'static str,
    /// Data file, relative to the data directory.
    pub file: &'static str,
    /// Title of the dataset.
    pub title: &'static str,
    /// Version of the dataset bundled.
    pub version: String,
    /// Rows loaded.
    pub rows: usize,
    /// First year the rows cover; `None` for an empty table or one without years.
    pub first_year: Option<i32>,
    /// Last year the rows cover; `None` for an empty table or one without years.
    pub last_year: Option<i32>,
}

/// Per-file row counts and year coverage of a loaded record.
pub fn info(r: &Record) -> Vec<DatasetInfo> {
    fn span<I: IntoIterator<Item = i32>>(it: I) -> (Option<i32>, Option<i32>) {
        it.into_iter()
            .fold((None, None), |(lo, hi): (Option<i32>, Option<i32>), y| {
                (
                    Some(lo.map_or(y, |l| l.min(y))),
                    Some(hi.map_or(y, |h| h.max(y))),
                )
            })
    }
    let frame_years =
        |f: &casus_core::record::IntFrame, col: &str| span(f.col(col).iter().flatten().copied());
    let mut out = Vec::new();
    let mut push = |key: &'static str,
                    file: &'static str,
                    rows: usize,
                    (first_year, last_year): (Option<i32>, Option<i32>),
                    version: Option<&str>| {
        let d = dataset(key).expect("catalogue lists every key used here");
        out.push(DatasetInfo {
            key,
            file,
            title: d.title,
            version: version.unwrap_or(d.version).to_string(),
            rows,
            first_year,
            last_year,
        });
    };
    push(
        "cow-states",
        "cw_system.csv",
        r.states.len(),
        span(
            r.states
                .iter()
                .flat_map(|s| [s.span.start.year(), s.span.end.year()]),
        ),
        None,
    );
    push(
        "gw-states",
        "gw_system.csv",
        r.gw_states.len(),
        span(
            r.gw_states
                .iter()
                .flat_map(|s| [s.span.start.year(), s.span.end.year()]),
        ),
        None,
    );
    push(
        "atop",
        "atop5/atop5_1a.csv",
        r.atop5.alliances.rows(),
        span(
            r.atop5
                .alliances
                .col("begyr")
                .iter()
                .chain(r.atop5.alliances.col("endyr"))
                .flatten()
                .copied()
                .filter(|y| *y > 0),
        ),
        Some(&r.atop5.version),
    );
    push(
        "atop",
        "atop5/atop5_1m.csv",
        r.atop5.members.rows(),
        span(
            r.atop5
                .members
                .col("yrent")
                .iter()
                .chain(r.atop5.members.col("yrexit"))
                .flatten()
                .copied()
                .filter(|y| *y > 0),
        ),
        Some(&r.atop5.version),
    );
    push(
        "atop",
        "atop_alliance.csv",
        r.atop_dyads.len(),
        span(r.atop_dyads.year.iter().map(|&y| y as i32)),
        None,
    );
    push(
        "atop4",
        "atop4/atop-alliance-level.csv",
        r.atop4.alliances.rows(),
        span(
            r.atop4
                .alliances
                .col("begyr")
                .iter()
                .chain(r.atop4.alliances.col("endyr"))
                .flatten()
                .copied()
                .filter(|y| *y > 0),
        ),
        None,
    );
    push(
        "atop4",
        "atop4/atop-member-level.csv",
        r.atop4.members.rows(),
        span(
            r.atop4
                .members
                .col("yrent")
                .iter()
                .chain(r.atop4.members.col("yrexit"))
                .flatten()
                .copied()
                .filter(|y| *y > 0),
        ),
        None,
    );
    push(
        "cow-alliance",
        "cow_alliance.csv",
        r.cow_alliances.len(),
        span(r.cow_alliances.year.iter().map(|&y| y as i32)),
        None,
    );
    push(
        "nmc",
        "cow_nmc.csv",
        r.capabilities.len(),
        span(r.capabilities.year.iter().map(|&y| y as i32)),
        None,
    );
    push(
        "majors",
        "cow_majors.csv",
        r.majors.len(),
        span(
            r.majors
                .iter()
                .flat_map(|s| [s.span.start.year(), s.span.end.year()]),
        ),
        None,
    );
    push(
        "maoz-powers",
        "maoz_powers.csv",
        r.powers.len(),
        span(r.powers.iter().flat_map(|p| {
            p.regional
                .iter()
                .chain(p.global.iter())
                .flat_map(|s| [s.start.year(), s.end.year()])
        })),
        None,
    );
    push(
        "contiguity",
        "cow_contdir.csv",
        r.contiguity.len(),
        span(
            r.contiguity
                .iter()
                .flat_map(|c| [c.start.year(), c.end.year()]),
        ),
        None,
    );
    push(
        "capitals",
        "cow_capitals.csv",
        r.capitals.len(),
        span(
            r.capitals
                .iter()
                .flat_map(|c| [c.span.start.year(), c.span.end.year()]),
        ),
        None,
    );
    push(
        "capitals",
        "gw_capitals.csv",
        r.gw_capitals.len(),
        span(
            r.gw_capitals
                .iter()
                .flat_map(|c| [c.span.start.year(), c.span.end.year()]),
        ),
        None,
    );
    push(
        "gml",
        "gml_part.csv",
        r.mid_participants.len(),
        span(
            r.mid_participants
                .iter()
                .flat_map(|p| [p.start.year as i32, p.end.year as i32]),
        ),
        None,
    );
    push(
        "gml",
        "gml_mid_disps.csv",
        r.mid_disputes.len(),
        span(r.mid_disputes.iter().map(|d| d.start_year as i32)),
        None,
    );
    push(
        "gml",
        "gml_dirdisp.csv",
        r.mid_dirdisp.rows(),
        frame_years(&r.mid_dirdisp, "year"),
        None,
    );
    push(
        "gml",
        "gml_mid_ddydisps.csv",
        r.mid_ddy.rows(),
        frame_years(&r.mid_ddy, "year"),
        None,
    );
    push(
        "cow-wars",
        "cow_war_inter.csv",
        r.wars.len(),
        span(r.wars.iter().map(|w| w.year as i32)),
        None,
    );
    push(
        "td-rivalries",
        "td_rivalries.csv",
        r.rivalries_td.len(),
        span(
            r.rivalries_td
                .iter()
                .flat_map(|x| [x.start_year as i32, x.end_year as i32]),
        ),
        None,
    );
    push(
        "tss-rivalries",
        "tss_rivalries.csv",
        r.rivalries_tss.len(),
        span(
            r.rivalries_tss
                .iter()
                .flat_map(|x| [x.start_year as i32, x.end_year as i32]),
        ),
        None,
    );
    push(
        "false-dyads",
        "false_cow_dyads.csv",
        r.false_dyads.len(),
        span(r.false_dyads.iter().map(|x| x.year as i32)),
        None,
    );
    out
}
