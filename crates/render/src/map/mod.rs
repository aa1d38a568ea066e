//! The world map: Natural Earth 1:50m country shapes (TopoJSON from world-atlas), projected
//! and simplified once at startup into SVG paths keyed by COW ccode.
//!
//! Pipeline: decode the quantised, delta-encoded arcs; project every arc with the Natural
//! Earth projection; simplify each arc (Douglas–Peucker, a fraction of a pixel, so shared
//! borders stay shared); assemble rings per country; join ISO 3166 numeric ids to COW
//! ccodes through the countrycode crosswalk. Dependent territories are drawn in their
//! sovereign's colour (Greenland with Denmark); a few shapes stand for an earlier state too
//! (Germany for West Germany until 1990, Czechia and Slovakia for Czechoslovakia until 1992).
//! States too small to see get a marker circle.

mod build;
mod geometry;

use casus_core::Ccode;
use serde::Serialize;

/// Where the shapes and the crosswalk come from, for the page footer and the report.
pub const CREDIT: &str = "Boundaries: Natural Earth 1:50m (public domain, naturalearthdata.com) via world-atlas 2.0.2 by Mike Bostock (ISC). \
COW–ISO crosswalk: countrycode (Arel-Bundock, Enevoldsen and Yetman 2018).";

/// Width of the map in SVG user units; the height follows from the projection.
pub const WIDTH: f64 = 960.0;
/// Southern edge (degrees): Antarctica is left out.
pub(crate) const SOUTH: f64 = -58.0;
/// Douglas–Peucker tolerance in SVG units.
pub(crate) const TOLERANCE: f64 = 0.35;
/// Shapes whose bounding box is smaller than this (in SVG units, both sides) get a marker.
pub(crate) const MARKER_BELOW: f64 = 2.5;

/// A state drawn on the map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shape {
    /// The COW state the shape belongs to today; `None` for shapes without a state
    /// (Western Sahara, Palestine, Siachen).
    pub ccode: Option<Ccode>,
    /// Earlier states the shape stands for, with the last year it does so.
    pub alt: Vec<Alt>,
    /// ISO 3166-1 numeric id of the shape (absent for a few Natural Earth shapes).
    pub iso3n: Option<u16>,
    /// Natural Earth's name of the shape.
    pub name: String,
    /// A dependent territory drawn in its sovereign's colour.
    pub territory: bool,
    /// SVG path data.
    pub d: String,
    /// Centre of a marker circle for states too small to see.
    pub marker: Option<[f64; 2]>,
    /// Centre of the bounding box of the largest ring (for labels).
    pub centre: [f64; 2],
}

/// An earlier state a shape stands for, up to and including `until` (a year).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Alt {
    /// The earlier state (COW code).
    pub ccode: Ccode,
    /// Last year the shape stands for it.
    pub until: i32,
}

impl Shape {
    /// The state the shape stands for in `year`, if it is one of `wanted` (the shape's own
    /// ccode, or an earlier state it covered then).
    pub fn stands_for(&self, year: i32, wanted: impl Fn(Ccode) -> bool) -> Option<Ccode> {
        if let Some(c) = self.ccode.filter(|&c| wanted(c)) {
            return Some(c);
        }
        self.alt
            .iter()
            .find(|a| year <= a.until && wanted(a.ccode))
            .map(|a| a.ccode)
    }
}

/// The projected map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Map {
    /// Width in SVG user units ([`WIDTH`]).
    pub width: f64,
    /// Height in SVG user units; follows from the projection.
    pub height: f64,
    /// Attribution of the boundary data, to print under the map.
    pub credit: &'static str,
    /// One shape per country.
    pub shapes: Vec<Shape>,
}

/// Why the map could not be built (a damaged data file).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MapError {
    /// The world topology file is damaged.
    #[error("countries-50m.json: {0}")]
    Topology(String),
    /// The code list that maps map shapes to COW states is damaged.
    #[error("codelist.csv: {0}")]
    Codelist(String),
}

/// Dependent territories (ISO numeric) and the COW state whose colour they take.
pub(crate) const TERRITORIES: &[(u16, Ccode)] = &[
    // United States
    (580, 2),
    (850, 2),
    (316, 2),
    (16, 2),
    (630, 2),
    // United Kingdom
    (239, 200),
    (86, 200),
    (654, 200),
    (612, 200),
    (660, 200),
    (238, 200),
    (136, 200),
    (60, 200),
    (92, 200),
    (796, 200),
    (500, 200),
    (832, 200),
    (831, 200),
    (833, 200),
    // Netherlands
    (533, 210),
    (531, 210),
    (534, 210),
    // France
    (666, 220),
    (876, 220),
    (663, 220),
    (652, 220),
    (258, 220),
    (540, 220),
    (260, 220),
    // Finland (Åland), Denmark (Greenland, Faroe)
    (248, 375),
    (304, 390),
    (234, 390),
    // China (Macao, Hong Kong)
    (446, 710),
    (344, 710),
    // Australia, New Zealand
    (334, 900),
    (574, 900),
    (570, 920),
    (184, 920),
];

/// Shapes whose state is not in the crosswalk (ISO numeric → COW).
pub(crate) const EXTRA: &[(u16, Ccode)] = &[
    // Serbia: ATOP and COW keep 345 (Yugoslavia) for Serbia after 2006.
    (688, 345),
];

/// Shapes named, not numbered, by Natural Earth (no ISO id): (name, COW, territory).
pub(crate) const BY_NAME: &[(&str, Ccode, bool)] = &[
    ("Kosovo", 347, false),
    ("N. Cyprus", 352, true),
    ("Somaliland", 520, true),
];

/// Earlier states that a present-day shape stands for: (COW of the shape, earlier COW, last year).
pub(crate) const EARLIER: &[(Ccode, Ccode, i32)] = &[
    (255, 260, 1990), // Germany for the German Federal Republic
    (316, 315, 1992), // Czechia and Slovakia for Czechoslovakia
    (317, 315, 1992),
    (344, 345, 1991), // the Yugoslav republics for Yugoslavia
    (349, 345, 1991),
    (346, 345, 1991),
    (343, 345, 1991),
    (341, 345, 2005),
    (347, 345, 2007),
    (679, 678, 1990), // Yemen for North and South Yemen
    (679, 680, 1990),
    (816, 817, 1975), // Vietnam for the Republic of Vietnam
    (771, 770, 1971), // Bangladesh for Pakistan
    (531, 530, 1992), // Eritrea for Ethiopia
    (626, 625, 2010), // South Sudan for Sudan
    // The Soviet republics for the Soviet Union (COW 365 throughout)
    (366, 365, 1990),
    (367, 365, 1990),
    (368, 365, 1990),
    (369, 365, 1990),
    (370, 365, 1990),
    (359, 365, 1990),
    (371, 365, 1990),
    (372, 365, 1990),
    (373, 365, 1990),
    (701, 365, 1990),
    (702, 365, 1990),
    (703, 365, 1990),
    (704, 365, 1990),
    (705, 365, 1990),
];

impl Map {
    /// Builds the map from the TopoJSON text of world-atlas `countries-50m.json` and the
    /// countrycode `codelist.csv`.
    pub fn build(topojson: &[u8], codelist: &[u8]) -> Result<Map, MapError> {
        build::build(topojson, codelist)
    }

    /// Builds the map from a data source (the bundled copy or a data directory with `raw/`).
    pub fn load(src: &casus_data::DataSource) -> anyhow::Result<Map> {
        let topo = src.read(casus_data::files::WORLD_MAP)?;
        let codes = src.read(casus_data::files::CODELIST)?;
        Ok(Map::build(&topo, &codes)?)
    }

    /// The shape that stands for `ccode` (the largest, if several), for labels.
    pub fn centre_of(&self, ccode: Ccode, year: i32) -> Option<[f64; 2]> {
        self.shapes
            .iter()
            .filter(|s| !s.territory)
            .find(|s| s.stands_for(year, |c| c == ccode).is_some())
            .map(|s| s.centre)
    }
}
