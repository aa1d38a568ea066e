//! casus-dyad: dyad-year and state-year research tables with peacesciencer parity.
//!
//! The R package peacesciencer builds a frame (`create_dyadyears`, `create_stateyears`)
//! and then adds variables with `add_*` steps. This crate does the same over the typed
//! columns of a [`casus_core::Record`], value for value (see `docs/dyads.md` for the rules
//! and the documented deviations), and adds foreign-policy similarity of alliance
//! portfolios ([`Step::Sscore`], `docs/similarity.md`).
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use casus_dyad::{create_dyad_years, CreateOptions, Options, Step};
//! let rec = casus_data::load_record(&casus_data::DataSource::Bundled)?;
//! let mut frame = create_dyad_years(&rec, &CreateOptions { directed: true, years: Some((1816, 2016)), current_year: 2025 })?;
//! frame.add_all(&Step::parse_list("atop,nmc,contiguity,majors,gml-mids,capdist")?, &rec, &Options::default())?;
//! assert_eq!(frame.len(), 1_912_290);
//! assert_eq!(frame.columns().len(), 50);
//! # Ok(()) }
//! ```
//!
//! Building is pure (no I/O, no printing). [`write`](mod@write) holds the CSV and Parquet writers,
//! which write to a temporary file and rename it into place.

mod capdist;
mod fingerprint;
mod frame;
mod gml;
mod join;
mod sscore;
mod steps;
mod system;
pub mod write;

pub use capdist::{vincenty_sphere_km, RADIUS_M};
pub use casus_similarity::Distance;
pub use fingerprint::Fingerprint;
pub use frame::{Column, ColumnType, Frame, Unit, Value};
pub use gml::{whittle, GmlInit};
pub use sscore::{
    alliance_similarity, AllianceSimilarity, AllianceSimilarityRow, MemberFile, PortfolioSource,
    SimilarityOptions, TieCoding, TieDirection, Weighting,
};
pub use steps::ContiguityRule;
pub use system::{create_dyad_years, create_state_years, derive_false_dyads, CreateOptions};

use casus_core::Record;
use casus_data::Parts;
use rayon::prelude::*;

/// Why a table could not be built or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DyadError {
    /// The requested years lie outside the state system (extended to the current year).
    #[error("years {from}–{to} are outside the data: the COW state system covers {first}–{last} (after 2016 it is carried forward to the current year)")]
    Years {
        /// First year asked for.
        from: i16,
        /// Last year asked for.
        to: i16,
        /// First year of the state system.
        first: i16,
        /// Last year available (the current year).
        last: i16,
    },
    /// The current year precedes the end of the state list.
    #[error("the current year {current_year} is before the end of the state list ({data_end})")]
    CurrentYear {
        /// The current year, as given.
        current_year: i16,
        /// Last year of the state list.
        data_end: i16,
    },
    /// The record has no state-system spells.
    #[error("the record has no state-system spells")]
    NoStates,
    /// An unknown step name.
    #[error("unknown table `{name}`; choose from: {valid}")]
    UnknownStep {
        /// The name given.
        name: String,
        /// The valid names, comma-separated.
        valid: String,
    },
    /// A step that does not apply to the frame's unit.
    #[error("`{step}` cannot be added to {unit} data; for {unit} choose from: {valid}")]
    StepNotForUnit {
        /// The step given.
        step: &'static str,
        /// The frame's unit (`state_year`, `dyad_year`).
        unit: &'static str,
        /// The steps valid for that unit, comma-separated.
        valid: String,
    },
    /// A step given twice.
    #[error("`{0}` is given twice")]
    DuplicateStep(&'static str),
    /// A similarity option that does not fit the data.
    #[error("{0}")]
    Similarity(String),
    /// The frame could not be assembled as an Arrow record batch.
    #[error("arrow: {0}")]
    Arrow(String),
    /// Writing failed.
    #[error("{path}: {message}")]
    Write {
        /// The output file.
        path: String,
        /// Why writing failed.
        message: String,
    },
    /// The output file exists and may not be replaced.
    #[error("{path} exists; give --force to overwrite it")]
    Exists {
        /// The output file.
        path: String,
    },
}

/// One `add_*` step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// `add_atop_alliance()`: ATOP 5.1 obligations (dyad-years).
    Atop,
    /// `add_nmc()`: COW National Material Capabilities 7.0.
    Nmc,
    /// `add_contiguity()`: COW direct contiguity 3.2 (dyad-years).
    Contiguity,
    /// `add_cow_majors()`: COW major powers 2016.
    Majors,
    /// `add_gml_mids()`: GML MID 2.2.1 disputes (dyad-years).
    GmlMids,
    /// `add_capital_distance()`: distance between capitals in km (dyad-years).
    Capdist,
    /// Foreign-policy similarity of alliance portfolios (dyad-years; casus only).
    Sscore,
}

impl Step {
    /// Every step, in the order of the P1 pipeline (sscore last).
    pub const ALL: [Step; 7] = [
        Step::Atop,
        Step::Nmc,
        Step::Contiguity,
        Step::Majors,
        Step::GmlMids,
        Step::Capdist,
        Step::Sscore,
    ];

    /// The name used by `--with`.
    pub fn name(self) -> &'static str {
        match self {
            Step::Atop => "atop",
            Step::Nmc => "nmc",
            Step::Contiguity => "contiguity",
            Step::Majors => "majors",
            Step::GmlMids => "gml-mids",
            Step::Capdist => "capdist",
            Step::Sscore => "sscore",
        }
    }

    /// Whether the step applies to frames of `unit`.
    pub fn applies_to(self, unit: Unit) -> bool {
        match unit {
            Unit::DyadYear { .. } => true,
            Unit::StateYear => matches!(self, Step::Nmc | Step::Majors),
        }
    }

    /// Parses a step name (`--with` spelling; peacesciencer's `add_*` names are accepted too).
    pub fn parse(s: &str) -> Result<Step, DyadError> {
        let t = s.trim().to_ascii_lowercase().replace('_', "-");
        let t = t.strip_prefix("add-").unwrap_or(&t);
        Ok(match t {
            "atop" | "atop-alliance" => Step::Atop,
            "nmc" => Step::Nmc,
            "contiguity" => Step::Contiguity,
            "majors" | "cow-majors" => Step::Majors,
            "gml-mids" | "gml" | "mids" => Step::GmlMids,
            "capdist" | "capital-distance" => Step::Capdist,
            "sscore" | "similarity" => Step::Sscore,
            _ => {
                return Err(DyadError::UnknownStep {
                    name: s.trim().to_string(),
                    valid: Step::ALL.map(Step::name).join(", "),
                })
            }
        })
    }

    /// An error unless the step applies to frames of `unit`, naming the steps that do.
    pub fn check_unit(self, unit: Unit) -> Result<(), DyadError> {
        if self.applies_to(unit) {
            return Ok(());
        }
        let valid: Vec<&str> = Step::ALL
            .iter()
            .filter(|x| x.applies_to(unit))
            .map(|x| x.name())
            .collect();
        Err(DyadError::StepNotForUnit {
            step: self.name(),
            unit: unit.name(),
            valid: valid.join(", "),
        })
    }

    /// [`Step::parse_list`], checking every step fits `unit` before any data is loaded
    /// (the one parser of the CLI's `--with` and the Python and R `add` arguments).
    pub fn parse_list_for(s: &str, unit: Unit) -> Result<Vec<Step>, DyadError> {
        let steps = Step::parse_list(s)?;
        for step in &steps {
            step.check_unit(unit)?;
        }
        Ok(steps)
    }

    /// The datasets this step reads, besides the state system.
    pub fn parts(self, opts: &Options) -> Parts {
        match self {
            Step::Atop => Parts::ATOP_DYADS,
            Step::Nmc => Parts::NMC,
            Step::Contiguity => Parts::CONTIGUITY,
            Step::Majors => Parts::MAJORS,
            Step::GmlMids => Parts::MID_DYADS,
            Step::Capdist => Parts::CAPITALS,
            Step::Sscore => match opts.similarity.portfolio {
                PortfolioSource::Atop => Parts::ATOP_DYADS,
                PortfolioSource::Cow => Parts::COW_ALLIANCES,
            }
            .with(Parts::NMC),
        }
    }

    /// Every dataset a table with `steps` reads: the state system and the false dyads
    /// always, then each step's (so only those are loaded).
    pub fn parts_for(steps: &[Step], opts: &Options) -> Parts {
        steps
            .iter()
            .fold(Parts::STATES.with(Parts::FALSE_DYADS), |p, s| {
                p.with(s.parts(opts))
            })
    }

    /// Parses a comma-separated list, rejecting duplicates; empty items are skipped.
    pub fn parse_list(s: &str) -> Result<Vec<Step>, DyadError> {
        let mut out: Vec<Step> = Vec::new();
        for part in s.split(',').filter(|p| !p.trim().is_empty()) {
            let step = Step::parse(part)?;
            if out.contains(&step) {
                return Err(DyadError::DuplicateStep(step.name()));
            }
            out.push(step);
        }
        Ok(out)
    }
}

/// Options of the steps. `Default` is peacesciencer 1.2.9's behaviour.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Contiguity overlap rule (default: peacesciencer's).
    pub contiguity: ContiguityRule,
    /// Who counts as a dispute initiator (default: peacesciencer's `sidea-all-joiners`).
    pub gml_init: GmlInit,
    /// Portfolio similarity settings for [`Step::Sscore`].
    pub similarity: SimilarityOptions,
}

/// Progress of long work (the similarity step), for a progress bar.
pub trait Progress: Sync {
    /// Work of `total` units named `label` starts.
    fn begin(&self, _label: &str, _total: u64) {}
    /// `n` more units are done.
    fn advance(&self, _n: u64) {}
}

/// No progress reporting.
pub struct Quiet;
impl Progress for Quiet {}

impl Frame {
    /// Adds one step's columns (peacesciencer's `add_*`). Rows never change.
    pub fn add(&mut self, step: Step, rec: &Record, opts: &Options) -> Result<(), DyadError> {
        self.add_all(&[step], rec, opts)
    }

    /// Adds several steps, computed in parallel, appended in the given order.
    pub fn add_all(
        &mut self,
        steps: &[Step],
        rec: &Record,
        opts: &Options,
    ) -> Result<(), DyadError> {
        self.add_all_with_progress(steps, rec, opts, &Quiet)
    }

    /// [`Frame::add_all`] reporting progress of the similarity step.
    pub fn add_all_with_progress(
        &mut self,
        steps: &[Step],
        rec: &Record,
        opts: &Options,
        progress: &dyn Progress,
    ) -> Result<(), DyadError> {
        let mut seen = self.steps.clone();
        for &s in steps {
            s.check_unit(self.unit)?;
            if seen.contains(&s) {
                return Err(DyadError::DuplicateStep(s.name()));
            }
            seen.push(s);
        }
        let frame = &*self;
        let results: Vec<Result<Vec<Column>, DyadError>> = steps
            .par_iter()
            .map(|&s| frame.step_columns(s, rec, opts, progress))
            .collect();
        for (s, cols) in steps.iter().zip(results) {
            self.push_columns(cols?);
            self.steps.push(*s);
        }
        Ok(())
    }

    fn step_columns(
        &self,
        step: Step,
        rec: &Record,
        opts: &Options,
        progress: &dyn Progress,
    ) -> Result<Vec<Column>, DyadError> {
        Ok(match step {
            Step::Atop => steps::atop(self, rec),
            Step::Nmc => steps::nmc(self, rec),
            Step::Contiguity => steps::contiguity(self, rec, opts.contiguity),
            Step::Majors => steps::majors(self, rec),
            Step::GmlMids => gml::gml_mids(self, rec, opts.gml_init),
            Step::Capdist => capdist::capdist(self, rec),
            Step::Sscore => sscore::sscore(self, rec, &opts.similarity, progress)?,
        })
    }
}
