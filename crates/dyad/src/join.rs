//! Index lookups for the left joins: dense state-year tables and a sorted dyad-year index.
//!
//! No hash map is touched per row. State-year sources become a flat array addressed by
//! `ccode * years + (year - first)`; dyad-year sources are sorted by (ccode1, ccode2, year)
//! with a dense table of pair ranges, and a frame (sorted the same way) walks each pair's
//! years with one forward pointer.

use crate::frame::NONE;
use rayon::prelude::*;

/// Rows per parallel task in the per-row loops.
pub(crate) const CHUNK: usize = 1 << 14;

/// A dense (ccode, year) → value table covering codes `0..=max_code` and years `y0..=y1`.
pub(crate) struct StateYearTable<T> {
    y0: i16,
    ny: usize,
    nc: usize,
    fill: T,
    vals: Vec<T>,
}

impl<T: Copy + Send + Sync> StateYearTable<T> {
    pub fn new(max_code: u16, y0: i16, y1: i16, fill: T) -> Self {
        let ny = (y1 as i32 - y0 as i32 + 1).max(0) as usize;
        let nc = max_code as usize + 1;
        StateYearTable {
            y0,
            ny,
            nc,
            fill,
            vals: vec![fill; nc * ny],
        }
    }

    #[inline]
    fn slot(&self, c: u16, y: i16) -> Option<usize> {
        let yi = y as i32 - self.y0 as i32;
        if (c as usize) < self.nc && yi >= 0 && (yi as usize) < self.ny {
            Some(c as usize * self.ny + yi as usize)
        } else {
            None
        }
    }

    /// Sets (c, y); ignored outside the table.
    pub fn set(&mut self, c: u16, y: i16, v: T) {
        if let Some(s) = self.slot(c, y) {
            self.vals[s] = v;
        }
    }

    /// The value of (c, y), or the fill value outside the table.
    #[inline]
    pub fn get(&self, c: u16, y: i16) -> T {
        match self.slot(c, y) {
            Some(s) => self.vals[s],
            None => self.fill,
        }
    }

    /// `get(codes[i], years[i])` for every row, in parallel.
    pub fn lookup(&self, codes: &[u16], years: &[i16]) -> Vec<T>
    where
        T: Default,
    {
        let mut out = vec![T::default(); codes.len()];
        out.par_chunks_mut(CHUNK)
            .enumerate()
            .for_each(|(ci, chunk)| {
                let base = ci * CHUNK;
                for (k, o) in chunk.iter_mut().enumerate() {
                    *o = self.get(codes[base + k], years[base + k]);
                }
            });
        out
    }
}

/// Largest ccode in a slice (0 when empty).
pub(crate) fn max_code(codes: &[u16]) -> u16 {
    codes.iter().copied().max().unwrap_or(0)
}

/// A dyad-year source sorted by (ccode1, ccode2, year), addressed by pair.
pub(crate) struct DyadIndex {
    /// ccode → dense id, `u16::MAX` if the code never occurs as ccode1/ccode2.
    dense: Vec<u16>,
    n: usize,
    /// `(start, end)` into `years`/`rows` of each dense pair `a * n + b`.
    ranges: Vec<(u32, u32)>,
    years: Vec<i16>,
    /// Source row of each sorted position.
    rows: Vec<u32>,
}

impl DyadIndex {
    /// Indexes the rows of a source given as key columns. Keys must be unique.
    pub fn new(c1: &[u16], c2: &[u16], year: &[i16]) -> DyadIndex {
        let len = year.len();
        let key =
            |i: usize| ((c1[i] as u64) << 32) | ((c2[i] as u64) << 16) | (year[i] as u16 as u64);
        let mut order: Vec<u32> = (0..len as u32).collect();
        // Source files are usually sorted already; check before sorting.
        if !(1..len).all(|i| key(i - 1) <= key(i)) {
            order.par_sort_unstable_by_key(|&i| key(i as usize));
        }
        let maxc = max_code(c1).max(max_code(c2)) as usize;
        let mut dense = vec![u16::MAX; maxc + 1];
        let mut n = 0usize;
        for &c in c1.iter().chain(c2) {
            if dense[c as usize] == u16::MAX {
                dense[c as usize] = n as u16;
                n += 1;
            }
        }
        let mut ranges = vec![(0u32, 0u32); n * n];
        let mut years = Vec::with_capacity(len);
        let mut start = 0usize;
        for (pos, &r) in order.iter().enumerate() {
            let r = r as usize;
            years.push(year[r]);
            let last = pos + 1 == len || {
                let nx = order[pos + 1] as usize;
                (c1[nx], c2[nx]) != (c1[r], c2[r])
            };
            if last {
                let p = dense[c1[r] as usize] as usize * n + dense[c2[r] as usize] as usize;
                ranges[p] = (start as u32, pos as u32 + 1);
                start = pos + 1;
            }
        }
        DyadIndex {
            dense,
            n,
            ranges,
            years,
            rows: order,
        }
    }

    #[inline]
    fn pair(&self, a: u16, b: u16) -> (usize, usize) {
        let d = |c: u16| self.dense.get(c as usize).copied().unwrap_or(u16::MAX);
        let (da, db) = (d(a), d(b));
        if da == u16::MAX || db == u16::MAX {
            return (0, 0);
        }
        let (s, e) = self.ranges[da as usize * self.n + db as usize];
        (s as usize, e as usize)
    }

    /// For each row (k1[i], k2[i], year[i]), the matching source row or [`NONE`].
    ///
    /// Rows with the same pair must come in runs of ascending years (true of a sorted frame,
    /// and of its columns swapped).
    pub fn join(&self, k1: &[u16], k2: &[u16], year: &[i16]) -> Vec<u32> {
        let mut out = vec![NONE; year.len()];
        out.par_chunks_mut(CHUNK)
            .enumerate()
            .for_each(|(ci, chunk)| {
                let base = ci * CHUNK;
                let mut cur = (u16::MAX, u16::MAX);
                let (mut pos, mut end) = (0usize, 0usize);
                for (k, o) in chunk.iter_mut().enumerate() {
                    let i = base + k;
                    let (a, b, y) = (k1[i], k2[i], year[i]);
                    if (a, b) != cur {
                        cur = (a, b);
                        let (s, e) = self.pair(a, b);
                        pos = s + self.years[s..e].partition_point(|&v| v < y);
                        end = e;
                    }
                    while pos < end && self.years[pos] < y {
                        pos += 1;
                    }
                    if pos < end && self.years[pos] == y {
                        *o = self.rows[pos];
                    }
                }
            });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dyad_index_finds_rows_in_any_source_order() {
        let c1 = [20, 2, 2, 2, 20];
        let c2 = [2, 20, 20, 20, 2];
        let y = [1921, 1922, 1920, 1925, 1920];
        let ix = DyadIndex::new(&c1, &c2, &y);
        let got = ix.join(
            &[2, 2, 2, 2, 20, 20, 365],
            &[20, 20, 20, 20, 2, 2, 2],
            &[1919, 1920, 1922, 1925, 1920, 1921, 1920],
        );
        assert_eq!(got, vec![NONE, 2, 1, 3, 4, 0, NONE]);
    }

    #[test]
    fn state_year_table_outside_is_fill() {
        let mut t = StateYearTable::new(10, 1816, 1820, NONE);
        t.set(2, 1816, 7);
        t.set(2, 1900, 9);
        assert_eq!(t.get(2, 1816), 7);
        assert_eq!(t.get(2, 1900), NONE);
        assert_eq!(t.get(999, 1816), NONE);
    }
}
