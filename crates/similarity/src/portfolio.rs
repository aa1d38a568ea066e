//! Portfolios preprocessed once per state-year, so that a dyad's table costs a few word
//! operations per 64 members plus the members where the states have ties, instead of a pass
//! over every member's codes.
//!
//! Alliance portfolios are sparse: a state has ties with a handful of the ~200 members and
//! code 0 with the rest. Each portfolio keeps a bitset of its non-zero ties and its number
//! of members per code (per-state quantities, computed once). For a dyad, the cells where
//! both codes are non-zero come from the intersection of the two bitsets; the cells with a
//! 0 code follow from the per-code counts by subtraction.

use crate::table::{check_max, K};
use crate::Table;

/// One state's portfolio in a given year, indexed for fast dyads with
/// [`Table::from_portfolios`] and [`Table::from_portfolios_weighted`]. Build it once per state-year (it allocates) and
/// reuse it for all of that state's dyads in the year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Portfolio {
    max: u8,
    codes: Vec<u8>,
    /// Bit `k % 64` of word `k / 64` is set iff member k's code is non-zero.
    ties: Vec<u64>,
    /// Members per code.
    counts: [u32; K],
}

impl Portfolio {
    /// Indexes the tie codes `codes` (one per system member, codes in `0..=max`).
    ///
    /// # Panics
    /// If a code exceeds `max` or `max` is not in `1..=MAX_CODE`.
    pub fn new(codes: &[u8], max: u8) -> Self {
        check_max(max);
        assert!(
            u32::try_from(codes.len()).is_ok(),
            "too many system members"
        );
        let mut ties = vec![0u64; codes.len().div_ceil(64)];
        let mut counts = [0u32; K];
        for (k, &c) in codes.iter().enumerate() {
            assert!(c <= max, "tie code {c} exceeds the maximum code {max}");
            counts[usize::from(c)] += 1;
            if c > 0 {
                ties[k / 64] |= 1u64 << (k % 64);
            }
        }
        Portfolio {
            max,
            codes: codes.to_vec(),
            ties,
            counts,
        }
    }

    /// The tie codes, one per system member.
    pub fn codes(&self) -> &[u8] {
        &self.codes
    }

    /// The number of system members.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether there are no system members.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The maximum tie code.
    pub fn max(&self) -> u8 {
        self.max
    }
}

/// Per-member weights (e.g. CINC scores of the system members) with their total computed
/// once per year, for [`Table::from_portfolios_weighted`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights<'a> {
    values: &'a [f64],
    total: f64,
}

impl<'a> Weights<'a> {
    /// Wraps the weights of the system members, in portfolio order.
    ///
    /// # Panics
    /// If a weight is negative, NaN or infinite.
    pub fn new(values: &'a [f64]) -> Self {
        assert!(
            values.iter().all(|w| w.is_finite() && *w >= 0.0),
            "weights must be finite and non-negative"
        );
        Weights {
            values,
            total: values.iter().sum(),
        }
    }

    /// The weights.
    pub fn values(&self) -> &'a [f64] {
        self.values
    }

    /// Their sum.
    pub fn total(&self) -> f64 {
        self.total
    }
}

/// Panics unless the two portfolios describe the same system with the same coding.
fn check_pair(a: &Portfolio, b: &Portfolio) {
    assert_eq!(
        a.len(),
        b.len(),
        "portfolios must have the same length (one code per system member)"
    );
    assert_eq!(a.max, b.max, "portfolios must use the same maximum code");
}

impl Table {
    /// The unweighted table of two indexed portfolios; equal to
    /// `Table::from_codes(a.codes(), b.codes(), max)`, but it visits only the members where
    /// both states have a tie (the intersection of the bitsets) and derives the cells with
    /// a 0 code from the per-code counts, exactly.
    ///
    /// # Panics
    /// If the portfolios differ in length or maximum code.
    pub fn from_portfolios(a: &Portfolio, b: &Portfolio) -> Self {
        check_pair(a, b);
        // Loops of compile-time length for the usual codings (max 1 and 3).
        match a.max {
            1 => count_portfolios::<2>(a, b),
            2 | 3 => count_portfolios::<4>(a, b),
            _ => count_portfolios::<K>(a, b),
        }
    }

    /// The weighted table of two indexed portfolios; equal (up to rounding) to
    /// `Table::from_weighted(a.codes(), b.codes(), weights.values(), max)` but visiting only
    /// the members where either state has a tie. The (0, 0) cell is the remaining weight.
    ///
    /// # Panics
    /// If the portfolios differ in length or maximum code, or `weights` has a different
    /// length.
    pub fn from_portfolios_weighted(a: &Portfolio, b: &Portfolio, weights: &Weights) -> Self {
        check_pair(a, b);
        let w = weights.values;
        assert_eq!(
            a.len(),
            w.len(),
            "weights must have one entry per system member"
        );
        let mut table = Table::new(a.max);
        let mut tied = 0.0;
        let mut tied_members = 0usize;
        for (word, (&x, &y)) in a.ties.iter().zip(&b.ties).enumerate() {
            let mut bits = x | y;
            while bits != 0 {
                let k = word * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let wk = w[k];
                table.cells[usize::from(a.codes[k])][usize::from(b.codes[k])] += wk;
                tied += wk;
                tied_members += 1;
            }
        }
        // Exactly 0 when every member has a tie in one of the portfolios, so that rounding
        // cannot invent a (0, 0) cell (it would make π and κ defined where they are not);
        // otherwise never negative.
        table.cells[0][0] = if tied_members == a.len() {
            0.0
        } else {
            (weights.total - tied).max(0.0)
        };
        table
    }
}

/// [`Table::from_portfolios`] for codes below `N` (`N > max`).
fn count_portfolios<const N: usize>(a: &Portfolio, b: &Portfolio) -> Table {
    let mut n = [[0u32; N]; N];
    // Members where both states have a tie: usually a handful.
    for (word, (&x, &y)) in a.ties.iter().zip(&b.ties).enumerate() {
        let mut bits = x & y;
        while bits != 0 {
            let k = word * 64 + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            // The masks only drop bounds checks: codes are <= max < N, and N is a power of 2.
            n[usize::from(a.codes[k]) & (N - 1)][usize::from(b.codes[k]) & (N - 1)] += 1;
        }
    }
    // Members coded c by a and 0 by b are a's members coded c minus those coded non-zero by
    // b; likewise for columns; (0, 0) is everyone else.
    for (row, &count) in n.iter_mut().zip(&a.counts).skip(1) {
        row[0] = count - row[1..].iter().sum::<u32>();
    }
    let mut rest = a.counts[0];
    for d in 1..N {
        let zero_in_a = b.counts[d] - n[1..].iter().map(|row| row[d]).sum::<u32>();
        n[0][d] = zero_in_a;
        rest -= zero_in_a;
    }
    n[0][0] = rest;
    let mut cells = [[0.0; K]; K];
    for c in 0..N {
        for d in 0..N {
            cells[c][d] = f64::from(n[c][d]);
        }
    }
    Table { max: a.max, cells }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MAX_CODE;

    #[test]
    fn tie_bitset_and_counts() {
        // 70 members: crosses a word boundary.
        let mut codes = vec![0u8; 70];
        codes[0] = 3;
        codes[63] = 1;
        codes[64] = 1;
        codes[69] = 2;
        let p = Portfolio::new(&codes, 3);
        assert_eq!(p.counts[..4], [66, 2, 1, 1]);
        assert_eq!(p.ties, vec![1 | 1 << 63, 1 | 1 << 5]);
    }

    #[test]
    fn matches_slices_across_word_boundary() {
        let a: Vec<u8> = (0..130).map(|k| [0, 0, 3, 1, 0, 2, 0][k % 7]).collect();
        let b: Vec<u8> = (0..130).map(|k| [1, 0, 3, 0, 0][k % 5]).collect();
        let (pa, pb) = (Portfolio::new(&a, 3), Portfolio::new(&b, 3));
        assert_eq!(
            Table::from_portfolios(&pa, &pb),
            Table::from_codes(&a, &b, 3)
        );
    }

    #[test]
    fn no_untied_member_gives_exact_zero_cell() {
        let a = [3, 3, 3];
        let w = [0.1, 0.2, 0.3];
        let (p, weights) = (Portfolio::new(&a, 3), Weights::new(&w));
        let t = Table::from_portfolios_weighted(&p, &p, &weights);
        assert_eq!(t.cell(0, 0), 0.0);
        assert!(t.scotts_pi().is_nan());
    }

    #[test]
    #[should_panic(expected = "same maximum code")]
    fn rejects_different_codings() {
        Table::from_portfolios(&Portfolio::new(&[1], 1), &Portfolio::new(&[1], 3));
    }

    #[test]
    #[should_panic(expected = "non-negative")]
    fn rejects_negative_weight() {
        Weights::new(&[1.0, -0.5]);
    }

    #[test]
    fn max_code_is_supported() {
        let a = [MAX_CODE, 0, 1];
        let p = Portfolio::new(&a, MAX_CODE);
        assert_eq!(
            Table::from_portfolios(&p, &p),
            Table::from_codes(&a, &a, MAX_CODE)
        );
    }
}
