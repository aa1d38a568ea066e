//! Foreign-policy similarity of two states' alliance portfolios.
//!
//! A *portfolio* of state i in year t is its vector of tie codes `v[k]` in `0..=max`
//! towards every system member k (itself included, coded `max`), in one fixed member
//! order shared by both states. The caller builds portfolios (see `docs/similarity.md` for
//! the codings); this crate only does the arithmetic:
//!
//! - Signorino & Ritter's (1999) S, absolute or squared distance, optionally weighted;
//! - Häge's (2011) chance-corrected Scott's π and Cohen's κ (squared distance);
//! - Bueno de Mesquita's (1975) Kendall τ-b.
//!
//! Every measure is a function of the small (max+1)×(max+1) [`Table`] of code pairs, so a
//! dyad costs one O(N) counting pass over the two code slices plus O((max+1)²) arithmetic,
//! and never allocates. To compute several measures for one dyad, build the table once and
//! call [`Table::measures`] (or [`all_measures`]) rather than the single-measure functions.
//!
//! For whole dyad-year tables, index each state-year once as a [`Portfolio`] (a bitset of
//! its ties and its count per code) and use [`Table::from_portfolios`] or
//! [`Table::from_portfolios_weighted`]: a dyad then costs a few operations per 64 members
//! plus a few per member where the states have ties, which for sparse alliance data is
//! about 2–3 times faster than the slice pass (`examples/throughput.rs`).
//!
//! Undefined values are `f64::NAN`, never a panic: no members or zero total weight (all
//! measures), no variation in either portfolio (τ-b), no variation in the pooled
//! portfolios (π, κ). Panics are reserved for caller bugs: slices of different lengths, a
//! code above `max`, or `max` outside `1..=MAX_CODE`.
//!
//! ```
//! use casus_similarity::{all_measures, s_score, Distance, SR_MAX};
//!
//! // Tie codes of two states towards four system members (each has 3 with itself).
//! let a = [3, 3, 0, 1];
//! let b = [3, 0, 0, 1];
//! assert_eq!(s_score(&a, &b, None, SR_MAX, Distance::Absolute), 0.5);
//! let m = all_measures(&a, &b, None, SR_MAX);
//! assert!((m.kappa - 0.4).abs() < 1e-12 && (m.tau_b - 0.4).abs() < 1e-12);
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod portfolio;
mod table;

pub use portfolio::{Portfolio, Weights};
pub use table::Table;

/// Largest supported maximum tie code. Tables are fixed 8×8 arrays so they live on the
/// stack; real codings use 1 (binary) or 3 (valued).
pub const MAX_CODE: u8 = 7;

/// Maximum code of the valued "sr" and "atop-fp" codings (defence/offence = 3).
pub const SR_MAX: u8 = 3;

/// Maximum code of the binary coding (any tie = 1).
pub const BINARY_MAX: u8 = 1;

/// Distance between two tie codes in Signorino–Ritter S.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Distance {
    /// |a − b|, maximum `max` (Signorino & Ritter's original metric).
    Absolute,
    /// (a − b)², maximum `max²` (penalises large disagreements more).
    Squared,
}

/// All similarity measures of one dyad, computed from a single [`Table`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measures {
    /// Signorino–Ritter S with absolute distance.
    pub s_absolute: f64,
    /// Signorino–Ritter S with squared distance.
    pub s_squared: f64,
    /// Häge's Scott's π.
    pub pi: f64,
    /// Häge's Cohen's κ.
    pub kappa: f64,
    /// Kendall's τ-b; pair-weighted when the table is weighted (see [`Table::tau_b`]).
    pub tau_b: f64,
}

/// Builds the table for optional weights.
fn table(a: &[u8], b: &[u8], weights: Option<&[f64]>, max: u8) -> Table {
    match weights {
        None => Table::from_codes(a, b, max),
        Some(w) => Table::from_weighted(a, b, w, max),
    }
}

/// Signorino–Ritter S of portfolios `a` and `b`:
/// S = 1 − 2·Σ_k w_k·d(a_k, b_k) / (d_max·Σ_k w_k), in [−1, 1], with w_k = 1 when
/// `weights` is `None` (use CINC scores for the capability-weighted S).
///
/// NaN when there are no members or all weights are 0.
///
/// # Panics
/// If the slices differ in length, a code exceeds `max`, or `max` is not in `1..=MAX_CODE`.
pub fn s_score(a: &[u8], b: &[u8], weights: Option<&[f64]>, max: u8, distance: Distance) -> f64 {
    table(a, b, weights, max).s_score(distance)
}

/// Häge's Scott's π of portfolios `a` and `b` (squared distance on codes rescaled to
/// [0, 1], expected disagreement from the pooled distribution); see [`Table::scotts_pi`].
///
/// NaN when the total weight is 0 or both portfolios are the same constant vector.
///
/// # Panics
/// As [`s_score`].
pub fn scotts_pi(a: &[u8], b: &[u8], weights: Option<&[f64]>, max: u8) -> f64 {
    table(a, b, weights, max).scotts_pi()
}

/// Häge's Cohen's κ of portfolios `a` and `b` (squared distance on codes rescaled to
/// [0, 1], expected disagreement from each state's own distribution); see
/// [`Table::cohens_kappa`].
///
/// NaN when the total weight is 0 or both portfolios are the same constant vector.
///
/// # Panics
/// As [`s_score`].
pub fn cohens_kappa(a: &[u8], b: &[u8], weights: Option<&[f64]>, max: u8) -> f64 {
    table(a, b, weights, max).cohens_kappa()
}

/// Bueno de Mesquita's Kendall τ-b of portfolios `a` and `b` (unweighted), in O(N) via the
/// contingency table instead of the O(N²) pair loop.
///
/// NaN when either portfolio is constant or there are fewer than two members.
///
/// # Panics
/// As [`s_score`].
pub fn tau_b(a: &[u8], b: &[u8], max: u8) -> f64 {
    Table::from_codes(a, b, max).tau_b()
}

/// All measures of one dyad from a single counting pass.
///
/// With `weights`, S, π and κ are weighted and τ-b is the pair-weighted variant
/// ([`Table::tau_b`]); call [`tau_b`] for the classic unweighted τ-b alongside.
///
/// # Panics
/// As [`s_score`].
pub fn all_measures(a: &[u8], b: &[u8], weights: Option<&[f64]>, max: u8) -> Measures {
    table(a, b, weights, max).measures()
}
