//! casus-data: the bundled datasets, loaded and validated into a [`Record`] and a [`World`].
//!
//! The CSV files of `shared/data` ship inside the binary, zstd-compressed (see
//! `data-raw/bundle.sh`); `--data-dir` reads the same layout from disk instead. Every bad
//! field becomes a [`LoadError`] that names file, line, column and value.

mod catalogue;
mod csvtable;
mod info;
mod load;
mod source;

pub use catalogue::{dataset, Dataset, DATASETS};
pub use info::{info, DatasetInfo};
pub use source::{files, DataSource, BUNDLED};

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
        // One `&mut` per field, so each job can fill its own slot in parallel.
        let Record {
            states,
            gw_states: gw,
            atop_dyads,
            cow_alliances: cow_all,
            atop5,
            atop4,
            capabilities: nmc,
            majors: majors_v,
            powers: pw,
            contiguity: cont,
            capitals: caps,
            gw_capitals: gwcaps,
            mid_participants: mparts,
            mid_disputes: disps,
            mid_dirdisp: dird,
            mid_ddy: ddy,
            wars: war,
            rivalries_td: td,
            rivalries_tss: tss,
            false_dyads: fd,
        } = &mut r;
        macro_rules! job {
            ($part:ident, $slot:ident, $file:expr, $f:expr) => {{
                if parts.has(Parts::$part) {
                    s.spawn(move |_| match src.read($file).and_then(|b| $f($file, &b)) {
                        Ok(v) => *$slot = v,
                        Err(e) => fail(e),
                    });
                }
            }};
        }
        job!(STATES, states, files::COW_SYSTEM, load::states);
        job!(GW, gw, files::GW_SYSTEM, load::gw_states);
        job!(
            ATOP_DYADS,
            atop_dyads,
            files::ATOP_DYADS,
            |f, b| dyad_flags(f, b, ATOP_FLAGS)
        );
        job!(COW_ALLIANCES, cow_all, files::COW_ALLIANCES, |f, b| {
            dyad_flags(f, b, COW_FLAGS)
        });
        if parts.has(Parts::ATOP5) {
            s.spawn(move |_| {
                match atop_release(src, files::ATOP5_ALLIANCES, files::ATOP5_MEMBERS) {
                    Ok(v) => *atop5 = v,
                    Err(e) => fail(e),
                }
            });
        }
        if parts.has(Parts::ATOP4) {
            s.spawn(move |_| {
                match atop_release(src, files::ATOP4_ALLIANCES, files::ATOP4_MEMBERS) {
                    Ok(v) => *atop4 = v,
                    Err(e) => fail(e),
                }
            });
        }
        job!(NMC, nmc, files::NMC, capabilities);
        job!(MAJORS, majors_v, files::MAJORS, majors);
        job!(POWERS, pw, files::MAOZ_POWERS, powers);
        job!(CONTIGUITY, cont, files::CONTIGUITY, contiguity);
        job!(CAPITALS, caps, files::COW_CAPITALS, |f, b| capitals(
            f, b, "ccode"
        ));
        job!(CAPITALS, gwcaps, files::GW_CAPITALS, |f, b| capitals(
            f, b, "gwcode"
        ));
        job!(MIDS, mparts, files::MID_PARTICIPANTS, mid_participants);
        job!(MIDS, disps, files::MID_DISPUTES, mid_disputes);
        job!(MID_DYADS, dird, files::MID_DIRECTED, dispute_dyads);
        job!(MID_DYADS, ddy, files::MID_DYAD_YEARS, dispute_dyads);
        job!(WARS, war, files::WARS, wars);
        job!(RIVALRIES, td, files::RIVALRIES_TD, rivalries_td);
        job!(RIVALRIES, tss, files::RIVALRIES_TSS, rivalries_tss);
        job!(FALSE_DYADS, fd, files::FALSE_DYADS, false_dyads);
    });
    // Report the first failure in file order so messages are deterministic.
    let mut errors = errors.into_inner().expect("a loader panicked");
    errors.sort_by_key(|e| e.to_string());
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(r),
    }
}

/// Obligation columns of ATOP's directed dyad-year file and the bit each sets.
const ATOP_FLAGS: &[(&str, u8)] = &[
    ("atop_defense", ob::DEFENSE),
    ("atop_offense", ob::OFFENSE),
    ("atop_neutral", ob::NEUTRAL),
    ("atop_nonagg", ob::NONAGG),
    ("atop_consul", ob::CONSUL),
];
/// Obligation columns of COW's alliance dyad-year file and the bit each sets.
const COW_FLAGS: &[(&str, u8)] = &[
    ("cow_defense", ob::DEFENSE),
    ("cow_neutral", ob::NEUTRAL),
    ("cow_nonagg", ob::NONAGG),
    ("cow_entente", ob::ENTENTE),
];

/// The GML directed dispute-year files: dispute number, the two states, the year.
fn dispute_dyads(file: &str, bytes: &[u8]) -> Result<casus_core::record::IntFrame, LoadError> {
    load::int_frame(file, bytes, &["dispnum", "ccode1", "ccode2", "year"]).map(|x| x.0)
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
    let name = files::CODELIST;
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
