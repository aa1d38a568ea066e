//! The historical record as typed, columnar tables.
//!
//! These are the bundled datasets after parsing (by `casus-data`) and before any derived
//! index is built. Each table keeps the source's own granularity; missing values are `None`,
//! never a sentinel number — except in the GML dyadic tables, whose `-9` ("unknown") codes
//! are part of the published coding and are kept verbatim (peacesciencer keeps them too).

use crate::day::{Day, Span};

/// A Correlates of War country code (2 = USA, 365 = Russia, 369 = Ukraine).
pub type Ccode = u16;

/// One membership spell of the COW state system (`cw_system.csv`).
#[derive(Clone, Debug, PartialEq)]
pub struct StateSpell {
    pub ccode: Ccode,
    pub abb: String,
    pub name: String,
    pub span: Span,
}

/// One spell of the Gleditsch–Ward list (`gw_system.csv`).
#[derive(Clone, Debug, PartialEq)]
pub struct GwSpell {
    pub gwcode: u16,
    pub abb: String,
    pub name: String,
    pub microstate: bool,
    pub span: Span,
}

/// Bit flags of the five ATOP obligation types, as in the directed dyad-year file.
pub mod obligation_bits {
    pub const DEFENSE: u8 = 1;
    pub const OFFENSE: u8 = 2;
    pub const NEUTRAL: u8 = 4;
    pub const NONAGG: u8 = 8;
    pub const CONSUL: u8 = 16;
    /// COW alliance "entente" (in `cow_alliance.csv` only; shares consultation's bit position
    /// would be misleading, so it has its own).
    pub const ENTENTE: u8 = 32;
}

/// A directed or non-directed dyad-year table of 0/1 obligation flags, stored as columns.
/// `flags[i]` holds [`obligation_bits`] for row `i`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DyadFlags {
    pub ccode1: Vec<Ccode>,
    pub ccode2: Vec<Ccode>,
    pub year: Vec<i16>,
    pub flags: Vec<u8>,
}

impl DyadFlags {
    pub fn len(&self) -> usize {
        self.year.len()
    }
    pub fn is_empty(&self) -> bool {
        self.year.is_empty()
    }
}

/// COW National Material Capabilities, one row per state-year, as columns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Capabilities {
    pub ccode: Vec<Ccode>,
    pub year: Vec<i16>,
    /// Military expenditure, thousands of current US dollars (pre-1914: UK pounds).
    pub milex: Vec<Option<f64>>,
    /// Military personnel, thousands.
    pub milper: Vec<Option<f64>>,
    pub irst: Vec<Option<f64>>,
    pub pec: Vec<Option<f64>>,
    pub tpop: Vec<Option<f64>>,
    pub upop: Vec<Option<f64>>,
    /// Composite Index of National Capability: share of the system's capabilities.
    pub cinc: Vec<Option<f64>>,
}

impl Capabilities {
    pub fn len(&self) -> usize {
        self.year.len()
    }
    pub fn is_empty(&self) -> bool {
        self.year.is_empty()
    }
}

/// A spell as a major power (COW) — day precision.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MajorSpell {
    pub ccode: Ccode,
    pub span: Span,
}

/// Maoz's regional and global power spells.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PowerSpell {
    pub ccode: Ccode,
    pub regional: Option<Span>,
    pub global: Option<Span>,
}

/// A direct-contiguity record (COW 3.2). Dates are first days of months.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contiguity {
    pub ccode1: Ccode,
    pub ccode2: Ccode,
    /// 1 land; 2–5 separated by ≤12/24/150/400 miles of water; 0 no contiguity.
    pub conttype: u8,
    pub start: Day,
    pub end: Day,
}

/// A capital city with the days it served.
#[derive(Clone, Debug, PartialEq)]
pub struct Capital {
    pub ccode: Ccode,
    pub state_name: String,
    pub capital: String,
    pub span: Span,
    pub lat: f64,
    pub lng: f64,
}

/// A possibly incomplete date from the MID data: the day (and rarely the month) may be unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// The earliest day the date can denote.
    pub fn earliest(&self) -> Option<Day> {
        Day::from_ymd(
            self.year as i32,
            self.month.unwrap_or(1) as u32,
            self.day.unwrap_or(1) as u32,
        )
        .ok()
    }
    /// The latest day the date can denote.
    pub fn latest(&self) -> Option<Day> {
        let m = self.month.unwrap_or(12) as u32;
        let d = match self.day {
            Some(d) => d as u32,
            None => crate::day::days_in_month(self.year as i32, m),
        };
        Day::from_ymd(self.year as i32, m, d).ok()
    }
}

/// A state's participation in a militarized interstate dispute (GML MID 2.2.1 `gml_part.csv`).
#[derive(Clone, Debug, PartialEq)]
pub struct MidParticipant {
    pub dispnum: u32,
    pub ccode: Ccode,
    pub start: PartialDate,
    pub end: PartialDate,
    /// On side A (the side that took the first militarized action).
    pub side_a: bool,
    /// Highest action (0–23, MID codebook).
    pub hiact: i8,
    /// An originator (present on the first day) rather than a joiner.
    pub originator: bool,
}

/// A militarized interstate dispute (GML `gml_mid_disps.csv`).
#[derive(Clone, Debug, PartialEq)]
pub struct MidDispute {
    pub dispnum: u32,
    pub start_year: i16,
    pub start_month: Option<u8>,
    pub outcome: Option<i8>,
    pub settle: Option<i8>,
    /// Fatality level 0–6; `None` where the source says unknown (-9).
    pub fatality: Option<i8>,
    pub mindur: Option<i32>,
    pub maxdur: Option<i32>,
    pub hiact: i8,
    /// Hostility level: 1 none, 2 threat, 3 display, 4 use of force, 5 war.
    pub hostlev: i8,
    pub reciprocated: bool,
}

/// A directed dyad-year in a COW inter-state war (`cow_war_inter.csv`).
#[derive(Clone, Debug, PartialEq)]
pub struct WarDyadYear {
    pub warnum: u32,
    pub ccode1: Ccode,
    pub ccode2: Ccode,
    pub year: i16,
    pub onset: bool,
    pub side1: u8,
    pub side2: u8,
    pub initiator1: bool,
    pub initiator2: bool,
    pub outcome1: Option<i8>,
    pub outcome2: Option<i8>,
    pub batdeath1: Option<i64>,
    pub batdeath2: Option<i64>,
    pub resume: bool,
}

/// A strategic rivalry (Thompson & Dreyer 2012, or Thompson, Sakuwa & Suhas 2021).
#[derive(Clone, Debug, PartialEq)]
pub struct Rivalry {
    pub id: u32,
    pub name: String,
    pub ccode1: Ccode,
    pub ccode2: Ccode,
    pub start_year: i16,
    pub end_year: i16,
    /// Types named by the source (spatial, positional, ideological, interventionary).
    pub types: Vec<String>,
}

/// A table of integer columns addressed by name, for wide source files (ATOP's ~130
/// provision columns, GML's dyadic files) whose every column is an integer code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IntFrame {
    pub names: Vec<String>,
    pub columns: Vec<Vec<Option<i32>>>,
}

impl IntFrame {
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Vec::len)
    }
    /// Index of a column by name.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
    /// A column by name. Panics only on a programming error (a name the code expects and
    /// the loader guarantees); loaders check required columns up front.
    pub fn col(&self, name: &str) -> &[Option<i32>] {
        match self.index(name) {
            Some(i) => &self.columns[i],
            None => panic!("IntFrame has no column `{name}` (loader should have checked)"),
        }
    }
}

/// One ATOP release's alliance-level and member-level files.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AtopRelease {
    pub version: String,
    pub alliances: IntFrame,
    pub members: IntFrame,
}

/// A directed dyad-year that the state system lists but in which the two states were never
/// members on the same day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FalseDyad {
    pub ccode1: Ccode,
    pub ccode2: Ccode,
    pub year: i16,
}

/// Everything casus knows from the bundled datasets.
#[derive(Clone, Debug, Default)]
pub struct Record {
    pub states: Vec<StateSpell>,
    pub gw_states: Vec<GwSpell>,
    pub atop_dyads: DyadFlags,
    pub cow_alliances: DyadFlags,
    pub atop5: AtopRelease,
    pub atop4: AtopRelease,
    pub capabilities: Capabilities,
    pub majors: Vec<MajorSpell>,
    pub powers: Vec<PowerSpell>,
    pub contiguity: Vec<Contiguity>,
    pub capitals: Vec<Capital>,
    pub gw_capitals: Vec<Capital>,
    pub mid_participants: Vec<MidParticipant>,
    pub mid_disputes: Vec<MidDispute>,
    /// GML directed dispute-years before whittling (`gml_dirdisp.csv`), codes verbatim.
    pub mid_dirdisp: IntFrame,
    /// GML directed dyad-years whittled to one dispute each (`gml_mid_ddydisps.csv`).
    pub mid_ddy: IntFrame,
    pub wars: Vec<WarDyadYear>,
    pub rivalries_td: Vec<Rivalry>,
    pub rivalries_tss: Vec<Rivalry>,
    pub false_dyads: Vec<FalseDyad>,
}
