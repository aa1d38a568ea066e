//! Per-year fingerprints of a frame: row count, and per numeric column the sum of the
//! non-missing values and the number of missing values. The format of
//! `peacesciencer-P1-fingerprint.csv`, so casus's output can be compared with R's without
//! shipping the 1.9-million-row table.

use crate::frame::{ColumnType, Frame};
use rayon::prelude::*;

/// A fingerprint: one row per year.
#[derive(Clone, Debug, PartialEq)]
pub struct Fingerprint {
    /// Numeric columns other than `year`, in output order.
    pub columns: Vec<String>,
    /// Rows sorted by year.
    pub rows: Vec<FingerprintRow>,
}

/// The fingerprint of one year.
#[derive(Clone, Debug, PartialEq)]
pub struct FingerprintRow {
    pub year: i16,
    /// Number of rows.
    pub n: u64,
    /// Per column: sum of non-missing values (0 when all are missing).
    pub sums: Vec<f64>,
    /// Per column: number of missing values.
    pub nas: Vec<u64>,
}

impl Fingerprint {
    /// The fingerprint of `frame`.
    pub fn of(frame: &Frame) -> Fingerprint {
        let years = frame.years();
        let Some((y0, y1)) = frame.year_range() else {
            return Fingerprint {
                columns: Vec::new(),
                rows: Vec::new(),
            };
        };
        let ny = (y1 - y0 + 1) as usize;
        let mut n = vec![0u64; ny];
        for &y in years {
            n[(y - y0) as usize] += 1;
        }
        let cols: Vec<_> = frame
            .columns()
            .iter()
            .filter(|c| c.name() != "year" && c.column_type() != ColumnType::Text)
            .collect();
        let per_col: Vec<(Vec<f64>, Vec<u64>)> = cols
            .par_iter()
            .map(|c| {
                let (mut sums, mut nas) = (vec![0.0f64; ny], vec![0u64; ny]);
                for (i, &y) in years.iter().enumerate() {
                    let k = (y - y0) as usize;
                    match c.f64_at(i) {
                        Some(v) => sums[k] += v,
                        None => nas[k] += 1,
                    }
                }
                (sums, nas)
            })
            .collect();
        let rows = (0..ny)
            .filter(|&k| n[k] > 0)
            .map(|k| FingerprintRow {
                year: y0 + k as i16,
                n: n[k],
                sums: per_col.iter().map(|p| p.0[k]).collect(),
                nas: per_col.iter().map(|p| p.1[k]).collect(),
            })
            .collect();
        Fingerprint {
            columns: cols.iter().map(|c| c.name().to_string()).collect(),
            rows,
        }
    }

    /// The fingerprint as CSV: `year,n,<col>_sum,<col>_na,…`.
    pub fn to_csv(&self) -> String {
        let mut s = String::from("year,n");
        for c in &self.columns {
            s.push_str(&format!(",{c}_sum,{c}_na"));
        }
        s.push('\n');
        for r in &self.rows {
            s.push_str(&format!("{},{}", r.year, r.n));
            for (sum, na) in r.sums.iter().zip(&r.nas) {
                s.push(',');
                crate::write::push_f64(&mut s, *sum);
                s.push_str(&format!(",{na}"));
            }
            s.push('\n');
        }
        s
    }

    /// Parses the CSV written by [`Fingerprint::to_csv`] (or by the R reference script).
    pub fn parse_csv(text: &str) -> Result<Fingerprint, String> {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let header: Vec<&str> = lines
            .next()
            .ok_or("empty fingerprint")?
            .split(',')
            .map(str::trim)
            .collect();
        if header.len() < 2
            || header[0] != "year"
            || header[1] != "n"
            || !header.len().is_multiple_of(2)
        {
            return Err(format!(
                "unexpected fingerprint header: {}",
                header.join(",")
            ));
        }
        let mut columns = Vec::new();
        for pair in header[2..].chunks(2) {
            let name = pair[0]
                .strip_suffix("_sum")
                .ok_or_else(|| format!("expected <col>_sum, got {}", pair[0]))?;
            if pair[1] != format!("{name}_na") {
                return Err(format!("expected {name}_na, got {}", pair[1]));
            }
            columns.push(name.to_string());
        }
        let mut rows = Vec::new();
        for (ln, line) in lines.enumerate() {
            let f: Vec<&str> = line.split(',').map(str::trim).collect();
            if f.len() != header.len() {
                return Err(format!(
                    "line {}: {} fields, expected {}",
                    ln + 2,
                    f.len(),
                    header.len()
                ));
            }
            let num = |s: &str| -> Result<f64, String> {
                if s.is_empty() || s == "NA" {
                    Ok(0.0)
                } else {
                    s.parse()
                        .map_err(|_| format!("line {}: `{s}` is not a number", ln + 2))
                }
            };
            let mut sums = Vec::new();
            let mut nas = Vec::new();
            for pair in f[2..].chunks(2) {
                sums.push(num(pair[0])?);
                nas.push(num(pair[1])? as u64);
            }
            rows.push(FingerprintRow {
                year: num(f[0])? as i16,
                n: num(f[1])? as u64,
                sums,
                nas,
            });
        }
        Ok(Fingerprint { columns, rows })
    }

    /// Differences from `expected`: column lists, years, row counts and NA counts must be
    /// equal; sums may differ by a relative `tolerance` (summation order differs).
    pub fn diff(&self, expected: &Fingerprint, tolerance: f64) -> Vec<String> {
        let mut out = Vec::new();
        if self.columns != expected.columns {
            out.push(format!(
                "columns differ:\n  got      {}\n  expected {}",
                self.columns.join(","),
                expected.columns.join(",")
            ));
            return out;
        }
        let years = |f: &Fingerprint| f.rows.iter().map(|r| r.year).collect::<Vec<_>>();
        if years(self) != years(expected) {
            out.push(format!(
                "years differ: got {:?}, expected {:?}",
                years(self),
                years(expected)
            ));
            return out;
        }
        for (g, e) in self.rows.iter().zip(&expected.rows) {
            if g.n != e.n {
                out.push(format!("{}: {} rows, expected {}", g.year, g.n, e.n));
            }
            for (k, c) in self.columns.iter().enumerate() {
                if g.nas[k] != e.nas[k] {
                    out.push(format!(
                        "{} {c}: {} NA, expected {}",
                        g.year, g.nas[k], e.nas[k]
                    ));
                }
                let (a, b) = (g.sums[k], e.sums[k]);
                if (a - b).abs() > tolerance * a.abs().max(b.abs()).max(1e-300)
                    && (a - b).abs() > 1e-12
                {
                    out.push(format!("{} {c}: sum {a}, expected {b}", g.year));
                }
            }
        }
        out
    }
}
