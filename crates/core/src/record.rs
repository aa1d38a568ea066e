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
    /// COW state code.
    pub ccode: Ccode,
    /// COW three-letter abbreviation (`USA`, `RUS`, `UKR`).
    pub abb: String,
    /// State name as the COW list spells it.
    pub name: String,
    /// Days of this membership spell; a state that leaves and returns has several spells.
    pub span: Span,
}

/// One spell of the Gleditsch–Ward list (`gw_system.csv`).
#[derive(Clone, Debug, PartialEq)]
pub struct GwSpell {
    /// Gleditsch–Ward state code (mostly equal to the COW code, not always).
    pub gwcode: u16,
    /// Gleditsch–Ward three-letter abbreviation.
    pub abb: String,
    /// State name as the Gleditsch–Ward list spells it.
    pub name: String,
    /// A microstate (population under 250,000), listed separately by Gleditsch and Ward.
    pub microstate: bool,
    /// Days of this spell.
    pub span: Span,
}

/// Bit flags of the five ATOP obligation types, as in the directed dyad-year file.
pub mod obligation_bits {
    /// Defence pledge: come to the ally's aid if it is attacked.
    pub const DEFENSE: u8 = 1;
    /// Offence pledge: join the ally in an attack.
    pub const OFFENSE: u8 = 2;
    /// Neutrality pledge: stay out of a war the ally fights.
    pub const NEUTRAL: u8 = 4;
    /// Non-aggression pledge: do not attack the ally.
    pub const NONAGG: u8 = 8;
    /// Consultation pledge: consult the ally in a crisis.
    pub const CONSUL: u8 = 16;
    /// COW alliance "entente" (in `cow_alliance.csv` only; shares consultation's bit position
    /// would be misleading, so it has its own).
    pub const ENTENTE: u8 = 32;
}

/// A directed or non-directed dyad-year table of 0/1 obligation flags, stored as columns.
/// `flags[i]` holds [`obligation_bits`] for row `i`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DyadFlags {
    /// First state of each row (the obligor in the directed tables).
    pub ccode1: Vec<Ccode>,
    /// Second state of each row (the beneficiary in the directed tables).
    pub ccode2: Vec<Ccode>,
    /// Calendar year of each row.
    pub year: Vec<i16>,
    /// [`obligation_bits`] of each row.
    pub flags: Vec<u8>,
}

impl DyadFlags {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.year.len()
    }
    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.year.is_empty()
    }
}

/// COW National Material Capabilities, one row per state-year, as columns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Capabilities {
    /// COW state code of each row.
    pub ccode: Vec<Ccode>,
    /// Calendar year of each row.
    pub year: Vec<i16>,
    /// Military expenditure, thousands of current US dollars (pre-1914: UK pounds).
    pub milex: Vec<Option<f64>>,
    /// Military personnel, thousands.
    pub milper: Vec<Option<f64>>,
    /// Iron and steel production, thousands of tons.
    pub irst: Vec<Option<f64>>,
    /// Primary energy consumption, thousands of coal-ton equivalents.
    pub pec: Vec<Option<f64>>,
    /// Total population, thousands.
    pub tpop: Vec<Option<f64>>,
    /// Urban population (cities over 100,000), thousands.
    pub upop: Vec<Option<f64>>,
    /// Composite Index of National Capability: share of the system's capabilities.
    pub cinc: Vec<Option<f64>>,
}

impl Capabilities {
    /// Number of state-years.
    pub fn len(&self) -> usize {
        self.year.len()
    }
    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.year.is_empty()
    }
}

/// A spell as a major power (COW) — day precision.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MajorSpell {
    /// COW state code.
    pub ccode: Ccode,
    /// Days the state counted as a major power.
    pub span: Span,
}

/// Maoz's regional and global power spells.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PowerSpell {
    /// COW state code.
    pub ccode: Ccode,
    /// Spell as a regional power; `None` if never one.
    pub regional: Option<Span>,
    /// Spell as a global power; `None` if never one.
    pub global: Option<Span>,
}

/// A direct-contiguity record (COW 3.2). Dates are first days of months.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contiguity {
    /// First state (COW code).
    pub ccode1: Ccode,
    /// Second state (COW code).
    pub ccode2: Ccode,
    /// 1 land; 2–5 separated by ≤12/24/150/400 miles of water; 0 no contiguity.
    pub conttype: u8,
    /// First day of the relationship (first day of its month).
    pub start: Day,
    /// Last day of the relationship (first day of its month, as the source dates months).
    pub end: Day,
}

/// A capital city with the days it served.
#[derive(Clone, Debug, PartialEq)]
pub struct Capital {
    /// COW state code.
    pub ccode: Ccode,
    /// State name as the capitals file spells it.
    pub state_name: String,
    /// Name of the capital city.
    pub capital: String,
    /// Days the city served as capital.
    pub span: Span,
    /// Latitude, degrees north (negative south).
    pub lat: f64,
    /// Longitude, degrees east (negative west).
    pub lng: f64,
}

/// A possibly incomplete date from the MID data: the day (and rarely the month) may be unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    /// Calendar year; always known.
    pub year: i16,
    /// Month 1–12; `None` when the source says unknown.
    pub month: Option<u8>,
    /// Day of month 1–31; `None` when the source says unknown.
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
    /// MID number, shared with [`MidDispute::dispnum`].
    pub dispnum: u32,
    /// COW state code of the participant.
    pub ccode: Ccode,
    /// First day of the state's participation (possibly partial).
    pub start: PartialDate,
    /// Last day of the state's participation (possibly partial).
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
    /// MID number.
    pub dispnum: u32,
    /// Year the dispute began.
    pub start_year: i16,
    /// Month the dispute began; `None` when unknown.
    pub start_month: Option<u8>,
    /// Outcome code (MID codebook: 1 victory for side A … 5 stalemate, 6 compromise, …); `None`
    /// when unknown.
    pub outcome: Option<i8>,
    /// Settlement code (1 negotiated, 2 imposed, 3 none, 4 unclear); `None` when unknown.
    pub settle: Option<i8>,
    /// Fatality level 0–6; `None` where the source says unknown (-9).
    pub fatality: Option<i8>,
    /// Shortest possible duration in days, given partial dates; `None` when unknown.
    pub mindur: Option<i32>,
    /// Longest possible duration in days, given partial dates; `None` when unknown.
    pub maxdur: Option<i32>,
    /// Highest action of any participant (0–23, MID codebook).
    pub hiact: i8,
    /// Hostility level: 1 none, 2 threat, 3 display, 4 use of force, 5 war.
    pub hostlev: i8,
    /// Whether side B answered with militarized action of its own.
    pub reciprocated: bool,
}

/// A directed dyad-year in a COW inter-state war (`cow_war_inter.csv`).
#[derive(Clone, Debug, PartialEq)]
pub struct WarDyadYear {
    /// COW war number.
    pub warnum: u32,
    /// First state (COW code).
    pub ccode1: Ccode,
    /// Second state (COW code).
    pub ccode2: Ccode,
    /// Calendar year of this dyad-year.
    pub year: i16,
    /// The dyad's fighting begins (or resumes) in this year.
    pub onset: bool,
    /// War side of the first state (1 or 2).
    pub side1: u8,
    /// War side of the second state (1 or 2).
    pub side2: u8,
    /// The first state initiated the war.
    pub initiator1: bool,
    /// The second state initiated the war.
    pub initiator2: bool,
    /// Outcome for the first state (COW: 1 winner, 2 loser, 3 compromise, …); `None` when
    /// unknown.
    pub outcome1: Option<i8>,
    /// Outcome for the second state, coded as [`WarDyadYear::outcome1`].
    pub outcome2: Option<i8>,
    /// Battle deaths of the first state; `None` when unknown.
    pub batdeath1: Option<i64>,
    /// Battle deaths of the second state; `None` when unknown.
    pub batdeath2: Option<i64>,
    /// Fighting in this dyad resumed after a break (the source's `resume` flag).
    pub resume: bool,
}

/// A strategic rivalry (Thompson & Dreyer 2012, or Thompson, Sakuwa & Suhas 2021).
#[derive(Clone, Debug, PartialEq)]
pub struct Rivalry {
    /// Rivalry number in its source.
    pub id: u32,
    /// Name of the rivalry as the source gives it.
    pub name: String,
    /// First rival (COW code).
    pub ccode1: Ccode,
    /// Second rival (COW code).
    pub ccode2: Ccode,
    /// First year of the rivalry.
    pub start_year: i16,
    /// Last year of the rivalry.
    pub end_year: i16,
    /// Types named by the source (spatial, positional, ideological, interventionary).
    pub types: Vec<String>,
}

/// A table of integer columns addressed by name, for wide source files (ATOP's ~130
/// provision columns, GML's dyadic files) whose every column is an integer code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IntFrame {
    /// Column names, in file order.
    pub names: Vec<String>,
    /// Column values, parallel to [`IntFrame::names`]; `None` for a missing code.
    pub columns: Vec<Vec<Option<i32>>>,
}

impl IntFrame {
    /// Number of rows (0 for a frame without columns).
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
    /// Release label, e.g. `5.1` or `4.01`.
    pub version: String,
    /// Alliance-level file: one row per alliance phase.
    pub alliances: IntFrame,
    /// Member-level file: one row per member per phase.
    pub members: IntFrame,
}

/// A directed dyad-year that the state system lists but in which the two states were never
/// members on the same day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FalseDyad {
    /// First state (COW code).
    pub ccode1: Ccode,
    /// Second state (COW code).
    pub ccode2: Ccode,
    /// Calendar year.
    pub year: i16,
}

/// Everything casus knows from the bundled datasets.
#[derive(Clone, Debug, Default)]
pub struct Record {
    /// COW state-system membership spells.
    pub states: Vec<StateSpell>,
    /// Gleditsch–Ward state-system spells.
    pub gw_states: Vec<GwSpell>,
    /// ATOP 5.1 directed dyad-year obligations (`atop_alliance.csv`).
    pub atop_dyads: DyadFlags,
    /// COW formal alliances 4.1, dyad-years (`cow_alliance.csv`).
    pub cow_alliances: DyadFlags,
    /// ATOP 5.1 alliance- and member-level provisions, the primary treaty source.
    pub atop5: AtopRelease,
    /// ATOP 4.01 alliance- and member-level files, to reproduce studies built on 4.01.
    pub atop4: AtopRelease,
    /// COW national material capabilities, state-years.
    pub capabilities: Capabilities,
    /// COW major-power spells.
    pub majors: Vec<MajorSpell>,
    /// Maoz's regional and global power spells.
    pub powers: Vec<PowerSpell>,
    /// COW direct contiguity (3.2).
    pub contiguity: Vec<Contiguity>,
    /// COW capitals with coordinates.
    pub capitals: Vec<Capital>,
    /// Gleditsch–Ward capitals with coordinates.
    pub gw_capitals: Vec<Capital>,
    /// GML MID participants, one row per state per dispute.
    pub mid_participants: Vec<MidParticipant>,
    /// GML MID disputes, one row per dispute.
    pub mid_disputes: Vec<MidDispute>,
    /// GML directed dispute-years before whittling (`gml_dirdisp.csv`), codes verbatim.
    pub mid_dirdisp: IntFrame,
    /// GML directed dyad-years whittled to one dispute each (`gml_mid_ddydisps.csv`).
    pub mid_ddy: IntFrame,
    /// COW inter-state wars, directed dyad-years.
    pub wars: Vec<WarDyadYear>,
    /// Thompson & Dreyer (2012) strategic rivalries.
    pub rivalries_td: Vec<Rivalry>,
    /// Thompson, Sakuwa & Suhas (2021) strategic rivalries.
    pub rivalries_tss: Vec<Rivalry>,
    /// Dyad-years the state system lists but whose states never coexisted.
    pub false_dyads: Vec<FalseDyad>,
}
