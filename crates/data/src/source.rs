//! Where dataset bytes come from: the copy compiled into the binary, or a directory.

use crate::LoadError;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The one table of dataset files: each gets a named constant in [`files`] (what loaders,
/// the catalogue and `data info` refer to) and an entry in [`BUNDLED`] (its bytes, compiled in).
/// A path is spelled once, here; `include_bytes!` needs it as a literal, hence the macro.
macro_rules! files {
    ($($(#[$doc:meta])* $konst:ident = $name:literal),* $(,)?) => {
        /// Paths of the dataset files, relative to the data folder (`shared/data` layout).
        pub mod files {
            $($(#[$doc])* pub const $konst: &str = $name;)*
        }
        /// Every bundled file: (path relative to the data folder, zstd-compressed bytes).
        pub static BUNDLED: &[(&str, &[u8])] = &[
            $(($name, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/bundled/", $name, ".zst")))),*
        ];
    };
}

files!(
    /// Where every file comes from (shared/data/SOURCES.md).
    SOURCES = "SOURCES.md",
    /// COW state system membership with dates.
    COW_SYSTEM = "cw_system.csv",
    /// COW state list (codes, abbreviations, names).
    COW_STATES = "cow_states.csv",
    /// Gleditsch–Ward system membership.
    GW_SYSTEM = "gw_system.csv",
    /// Gleditsch–Ward state list.
    GW_STATES = "gw_states.csv",
    /// ATOP 5.1 directed dyad-years.
    ATOP_DYADS = "atop_alliance.csv",
    /// ATOP 5.1 alliance-level file.
    ATOP5_ALLIANCES = "atop5/atop5_1a.csv",
    /// ATOP 5.1 member-level file.
    ATOP5_MEMBERS = "atop5/atop5_1m.csv",
    /// ATOP 5.1 codebook (text).
    ATOP5_CODEBOOK = "atop5/atop_5_1_codebook.txt",
    /// ATOP 4.01 alliance-level file.
    ATOP4_ALLIANCES = "atop4/atop-alliance-level.csv",
    /// ATOP 4.01 member-level file.
    ATOP4_MEMBERS = "atop4/atop-member-level.csv",
    /// COW formal alliances 4.1, dyad-years.
    COW_ALLIANCES = "cow_alliance.csv",
    /// COW national material capabilities.
    NMC = "cow_nmc.csv",
    /// COW major powers.
    MAJORS = "cow_majors.csv",
    /// Maoz's regional and global powers.
    MAOZ_POWERS = "maoz_powers.csv",
    /// COW direct contiguity.
    CONTIGUITY = "cow_contdir.csv",
    /// Capitals (COW codes) with coordinates.
    COW_CAPITALS = "cow_capitals.csv",
    /// Capitals (Gleditsch–Ward codes) with coordinates.
    GW_CAPITALS = "gw_capitals.csv",
    /// GML MID participants.
    MID_PARTICIPANTS = "gml_part.csv",
    /// GML MID disputes.
    MID_DISPUTES = "gml_mid_disps.csv",
    /// GML directed dispute-years, whittled.
    MID_DIRECTED = "gml_dirdisp.csv",
    /// GML directed dyadic dispute-years.
    MID_DYAD_YEARS = "gml_mid_ddydisps.csv",
    /// COW inter-state wars.
    WARS = "cow_war_inter.csv",
    /// Thompson strategic rivalries.
    RIVALRIES_TD = "td_rivalries.csv",
    /// Thompson–Sakuwa–Suzuki rivalries.
    RIVALRIES_TSS = "tss_rivalries.csv",
    /// Dyads the state system lists but that never interacted.
    FALSE_DYADS = "false_cow_dyads.csv",
    /// countrycode crosswalk (ISO codes, names).
    CODELIST = "raw/codelist.csv",
    /// Natural Earth 50m countries (TopoJSON) for the map.
    WORLD_MAP = "raw/countries-50m.json",
);

/// Where to read the datasets from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum DataSource {
    /// The copy compiled into the binary (the default: works offline, on a fresh clone).
    #[default]
    Bundled,
    /// A directory laid out like `shared/data` (plain `.csv`, or `.csv.zst`).
    Dir(PathBuf),
}

impl DataSource {
    /// The uncompressed bytes of one file, e.g. `atop5/atop5_1a.csv`.
    pub fn read(&self, name: &str) -> Result<Cow<'static, [u8]>, LoadError> {
        match self {
            DataSource::Bundled => {
                let (_, zst) =
                    BUNDLED
                        .iter()
                        .find(|(n, _)| *n == name)
                        .ok_or_else(|| LoadError::Missing {
                            file: name.into(),
                            dir: None,
                        })?;
                zstd::decode_all(*zst)
                    .map(Cow::Owned)
                    .map_err(|e| LoadError::Io {
                        file: format!("(bundled) {name}"),
                        message: e.to_string(),
                    })
            }
            DataSource::Dir(dir) => read_from_dir(dir, name).map(Cow::Owned),
        }
    }

    /// A label for messages: `bundled data` or the directory.
    pub fn describe(&self) -> String {
        match self {
            DataSource::Bundled => "bundled data".into(),
            DataSource::Dir(d) => d.display().to_string(),
        }
    }
}

fn read_from_dir(dir: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    let plain = dir.join(name);
    let zst = dir.join(format!("{name}.zst"));
    let io = |p: &Path, e: std::io::Error| LoadError::Io {
        file: p.display().to_string(),
        message: e.to_string(),
    };
    if plain.is_file() {
        std::fs::read(&plain).map_err(|e| io(&plain, e))
    } else if zst.is_file() {
        let f = std::fs::File::open(&zst).map_err(|e| io(&zst, e))?;
        zstd::decode_all(f).map_err(|e| io(&zst, e))
    } else if !dir.is_dir() {
        Err(LoadError::Io {
            file: dir.display().to_string(),
            message: "not a directory".into(),
        })
    } else {
        Err(LoadError::Missing {
            file: name.into(),
            dir: Some(dir.display().to_string()),
        })
    }
}
