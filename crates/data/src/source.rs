//! Where dataset bytes come from: the copy compiled into the binary, or a directory.

use crate::LoadError;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

macro_rules! bundled {
    ($($name:literal),* $(,)?) => {
        /// Every bundled file: (path relative to the data folder, zstd-compressed bytes).
        pub static BUNDLED: &[(&str, &[u8])] = &[
            $(($name, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/bundled/", $name, ".zst")))),*
        ];
    };
}

bundled!(
    "SOURCES.md",
    "cw_system.csv",
    "cow_states.csv",
    "gw_system.csv",
    "gw_states.csv",
    "atop_alliance.csv",
    "atop5/atop5_1a.csv",
    "atop5/atop5_1m.csv",
    "atop5/atop_5_1_codebook.txt",
    "atop4/atop-alliance-level.csv",
    "atop4/atop-member-level.csv",
    "cow_alliance.csv",
    "cow_nmc.csv",
    "cow_majors.csv",
    "maoz_powers.csv",
    "cow_contdir.csv",
    "cow_capitals.csv",
    "gw_capitals.csv",
    "gml_part.csv",
    "gml_mid_disps.csv",
    "gml_dirdisp.csv",
    "gml_mid_ddydisps.csv",
    "cow_war_inter.csv",
    "td_rivalries.csv",
    "tss_rivalries.csv",
    "false_cow_dyads.csv",
    "raw/codelist.csv",
    "raw/countries-50m.json",
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
