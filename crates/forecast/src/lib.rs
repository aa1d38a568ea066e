//! The forecast of who would fight: a penalised logistic model of alliance honouring
//! ([`fit()`]), its honest validation against two baselines ([`validate()`]), a reliability
//! diagram ([`plot`]) and a seeded Monte Carlo over who comes ([`draws`]).
//!
//! Pure maths on plain numbers: the design matrix is built by casus-app from the
//! reliability cases; this crate knows nothing about states or treaties and does no I/O.

pub mod draws;
pub mod fit;
pub mod plot;
pub mod validate;

pub use draws::{simulate, Balance, Candidate, Draws, Measure, Totals};
pub use fit::{fit, Design, Fit, LAMBDA};
pub use validate::{validate, Bin, Scores, Validation};

/// Why a model cannot be fitted or validated.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Error {
    /// No rows.
    #[error("no judged cases to fit: widen the window (--from/--to) or drop --treaty")]
    Empty,
    /// Rows and columns disagree.
    #[error("design matrix has {cells} cells, not {rows} rows × {cols} predictors")]
    Shape {
        /// Cells given.
        cells: usize,
        /// Rows (cases).
        rows: usize,
        /// Columns (predictors, intercept included).
        cols: usize,
    },
    /// Every case has the same outcome: nothing to learn.
    #[error("all {n} judged cases have the same outcome ({what}); the model needs both honoured and violated pledges: widen the window")]
    OneOutcome {
        /// Cases.
        n: usize,
        /// "honoured" or "violated".
        what: &'static str,
    },
    /// Leave-one-war-out needs at least two wars.
    #[error("leave-one-war-out validation needs at least 2 wars; the cases come from {groups}: widen the window (--from/--to)")]
    TooFewWars {
        /// Wars (or disputes) among the cases.
        groups: usize,
    },
    /// A value is not finite.
    #[error("predictor `{name}` of case {row} is not a finite number ({value})")]
    NotFinite {
        /// Predictor name.
        name: String,
        /// Row (0-based).
        row: usize,
        /// The value.
        value: f64,
    },
    /// The Newton steps did not settle.
    #[error("the logistic fit did not converge in {0} iterations")]
    NoConvergence(usize),
    /// A probability outside [0, 1] or a NaN was given to the Monte Carlo.
    #[error("probability of `{name}` is {p}, not in [0, 1]")]
    Probability {
        /// The candidate.
        name: String,
        /// The value.
        p: f64,
    },
}
