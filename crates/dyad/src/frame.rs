//! The columnar frame: key columns plus one [`Column`] per output variable.
//!
//! Columns are stored compactly and, where many columns come from one source row (the seven
//! NMC variables of a state-year, the GML dispute variables of a dyad-year), as a shared
//! row index into the source ("late materialisation"): the frame holds a `u32` per row and
//! the writers gather the values. Every column reads back as `Option<i64>`/`Option<f64>` so
//! writers and tests never see the storage.

use std::sync::Arc;

/// Row index meaning "no source row" in gathered columns.
pub(crate) const NONE: u32 = u32::MAX;
/// Missing value of [`Data::I8`].
pub(crate) const NA_I8: i8 = i8::MIN;

/// What one row of a frame is: the unit tag of peacesciencer's `ps_data_type`.
///
/// Directedness is part of the type, not guessed from the rows: a directed frame holds
/// both (a, b) and (b, a); a non-directed frame holds only a < b.
///
/// ```text
/// directed:      ccode1 ccode2 year      non-directed:  ccode1 ccode2 year
///                     2     20 1920                          2     20 1920
///                    20      2 1920
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Dyad-years, directed (both orders) or not (ccode1 < ccode2).
    DyadYear {
        /// Both (a, b) and (b, a) are rows.
        directed: bool,
    },
    /// State-years.
    StateYear,
}

impl Unit {
    /// `dyad_year` or `state_year`, as peacesciencer's `ps_data_type`.
    pub fn name(self) -> &'static str {
        match self {
            Unit::DyadYear { .. } => "dyad_year",
            Unit::StateYear => "state_year",
        }
    }
}

/// The logical type of a column in the output (CSV prints both numeric kinds alike;
/// Parquet stores `Int` as Int32 and `Float` as Float64).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// Codes, years, 0/1 flags, counts.
    Int,
    /// Measures (capabilities, distances, similarity scores).
    Float,
    /// Names (`cw_name` of state-years).
    Text,
}

/// One value read back from a column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    /// Missing (R's `NA`).
    Na,
    /// An integer value.
    Int(i64),
    /// A floating-point value.
    Float(f64),
    /// A text value.
    Text(&'a str),
}

impl Value<'_> {
    /// The value as a double (R's view of every numeric column); `None` for NA and text.
    pub fn as_f64(self) -> Option<f64> {
        match self {
            Value::Int(v) => Some(v as f64),
            Value::Float(v) => Some(v),
            Value::Na | Value::Text(_) => None,
        }
    }
}

/// Storage of one column.
#[derive(Clone, Debug)]
pub(crate) enum Data {
    /// Country codes (no missing values).
    U16(Arc<Vec<u16>>),
    /// Years (no missing values).
    I16(Arc<Vec<i16>>),
    /// Small codes and flags; [`NA_I8`] is missing.
    I8(Vec<i8>),
    /// Doubles with an optional validity mask (`None`: all valid).
    F64(Vec<f64>, Option<Vec<bool>>),
    /// `src[idx[i]]`, missing where `idx[i] == NONE` or the source value is missing.
    GatherI32 {
        src: Arc<Vec<Option<i32>>>,
        idx: Arc<Vec<u32>>,
    },
    /// As `GatherI32`, for doubles.
    GatherF64 {
        src: Arc<Vec<Option<f64>>>,
        idx: Arc<Vec<u32>>,
    },
    /// `dict[idx[i]]`.
    Text {
        dict: Arc<Vec<String>>,
        idx: Vec<u32>,
    },
}

/// A named column of a [`Frame`].
#[derive(Clone, Debug)]
pub struct Column {
    name: String,
    pub(crate) data: Data,
}

impl Column {
    pub(crate) fn new(name: impl Into<String>, data: Data) -> Column {
        Column {
            name: name.into(),
            data,
        }
    }

    /// The column name, as in peacesciencer's output.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The column's logical type.
    pub fn column_type(&self) -> ColumnType {
        match self.data {
            Data::F64(..) | Data::GatherF64 { .. } => ColumnType::Float,
            Data::Text { .. } => ColumnType::Text,
            _ => ColumnType::Int,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match &self.data {
            Data::U16(v) => v.len(),
            Data::I16(v) => v.len(),
            Data::I8(v) => v.len(),
            Data::F64(v, _) => v.len(),
            Data::GatherI32 { idx, .. } | Data::GatherF64 { idx, .. } => idx.len(),
            Data::Text { idx, .. } => idx.len(),
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value in row `i`.
    ///
    /// # Panics
    /// If `i` is out of bounds.
    #[inline]
    pub fn get(&self, i: usize) -> Value<'_> {
        match &self.data {
            Data::U16(v) => Value::Int(v[i] as i64),
            Data::I16(v) => Value::Int(v[i] as i64),
            Data::I8(v) => match v[i] {
                NA_I8 => Value::Na,
                x => Value::Int(x as i64),
            },
            Data::F64(v, valid) => match valid {
                Some(m) if !m[i] => Value::Na,
                _ => Value::Float(v[i]),
            },
            Data::GatherI32 { src, idx } => match idx[i] {
                NONE => Value::Na,
                j => src[j as usize].map_or(Value::Na, |x| Value::Int(x as i64)),
            },
            Data::GatherF64 { src, idx } => match idx[i] {
                NONE => Value::Na,
                j => src[j as usize].map_or(Value::Na, Value::Float),
            },
            Data::Text { dict, idx } => Value::Text(&dict[idx[i] as usize]),
        }
    }

    /// Row `i` as a double, `None` when missing (or text).
    #[inline]
    pub fn f64_at(&self, i: usize) -> Option<f64> {
        self.get(i).as_f64()
    }

    /// Row `i` as an integer, `None` when missing or not an integer column.
    #[inline]
    pub fn i64_at(&self, i: usize) -> Option<i64> {
        match self.get(i) {
            Value::Int(v) => Some(v),
            _ => None,
        }
    }

    /// Whether the values are gathered from a smaller source table (few distinct values).
    pub(crate) fn is_gathered(&self) -> bool {
        matches!(self.data, Data::GatherF64 { .. } | Data::GatherI32 { .. })
    }

    /// Whether any value is missing (fast: no per-row dispatch).
    pub fn has_nulls(&self) -> bool {
        match &self.data {
            Data::U16(_) | Data::I16(_) | Data::Text { .. } => false,
            Data::I8(v) => v.contains(&NA_I8),
            Data::F64(_, valid) => valid.as_ref().is_some_and(|m| m.iter().any(|&b| !b)),
            Data::GatherI32 { src, idx } => {
                idx.iter().any(|&j| j == NONE || src[j as usize].is_none())
            }
            Data::GatherF64 { src, idx } => {
                idx.iter().any(|&j| j == NONE || src[j as usize].is_none())
            }
        }
    }

    /// Number of missing values.
    pub fn null_count(&self) -> usize {
        (0..self.len())
            .filter(|&i| matches!(self.get(i), Value::Na))
            .count()
    }

    /// Writes rows `start..start + out.len()` as doubles, `na` where missing, straight into
    /// a caller's buffer (a preallocated R or NumPy vector: no intermediate copy). The NA
    /// value is the caller's (R's `NA_real_` is a NaN with a payload this crate does not
    /// know). Returns false, writing nothing, for a text column.
    ///
    /// # Panics
    /// If the rows run past the end of the column.
    pub fn fill_f64(&self, start: usize, out: &mut [f64], na: f64) -> bool {
        let r = start..start + out.len();
        match &self.data {
            Data::U16(v) => fill(out, &v[r], f64::from),
            Data::I16(v) => fill(out, &v[r], f64::from),
            Data::I8(v) => fill(out, &v[r], |x| if x == NA_I8 { na } else { f64::from(x) }),
            Data::F64(v, None) => out.copy_from_slice(&v[r]),
            Data::F64(v, Some(m)) => {
                for ((o, &x), &ok) in out.iter_mut().zip(&v[r.clone()]).zip(&m[r]) {
                    *o = if ok { x } else { na };
                }
            }
            Data::GatherI32 { src, idx } => fill(out, &idx[r], |j| {
                match src.get(j as usize).copied().flatten() {
                    Some(x) => f64::from(x),
                    None => na,
                }
            }),
            Data::GatherF64 { src, idx } => fill(out, &idx[r], |j| {
                src.get(j as usize).copied().flatten().unwrap_or(na)
            }),
            Data::Text { .. } => return false,
        }
        true
    }

    /// As [`Column::fill_f64`], as 32-bit integers with `na` where missing. Returns false,
    /// writing nothing, for a float or text column.
    ///
    /// # Panics
    /// If the rows run past the end of the column.
    pub fn fill_i32(&self, start: usize, out: &mut [i32], na: i32) -> bool {
        let r = start..start + out.len();
        match &self.data {
            Data::U16(v) => fill(out, &v[r], i32::from),
            Data::I16(v) => fill(out, &v[r], i32::from),
            Data::I8(v) => fill(out, &v[r], |x| if x == NA_I8 { na } else { i32::from(x) }),
            Data::GatherI32 { src, idx } => fill(out, &idx[r], |j| {
                src.get(j as usize).copied().flatten().unwrap_or(na)
            }),
            Data::F64(..) | Data::GatherF64 { .. } | Data::Text { .. } => return false,
        }
        true
    }

    /// Rows `range` as Int32 values (0 where missing) and their validity.
    /// Panics on a float or text column.
    pub(crate) fn to_i32(&self, range: std::ops::Range<usize>) -> (Vec<i32>, Validity) {
        match &self.data {
            Data::U16(v) => (
                v[range].iter().map(|&x| x as i32).collect(),
                Validity::default(),
            ),
            Data::I16(v) => (
                v[range].iter().map(|&x| x as i32).collect(),
                Validity::default(),
            ),
            Data::I8(v) => {
                let s = &v[range];
                let vals = s
                    .iter()
                    .map(|&x| if x == NA_I8 { 0 } else { x as i32 })
                    .collect();
                (
                    vals,
                    Validity::of(s.len(), s.contains(&NA_I8), |k| s[k] != NA_I8),
                )
            }
            Data::GatherI32 { src, idx } => {
                let s = &idx[range];
                let get = |j: u32| if j == NONE { None } else { src[j as usize] };
                let vals = s.iter().map(|&j| get(j).unwrap_or(0)).collect();
                let missing = s.iter().any(|&j| get(j).is_none());
                (
                    vals,
                    Validity::of(s.len(), missing, |k| get(s[k]).is_some()),
                )
            }
            Data::F64(..) | Data::GatherF64 { .. } | Data::Text { .. } => {
                panic!("column `{}` is not an integer column", self.name)
            }
        }
    }

    /// Rows `range` as Float64 values (0 where missing) and their validity.
    /// Panics on a text column.
    pub(crate) fn to_f64(&self, range: std::ops::Range<usize>) -> (Vec<f64>, Validity) {
        match &self.data {
            Data::F64(v, valid) => {
                let vals = v[range.clone()].to_vec();
                match valid {
                    None => (vals, Validity::default()),
                    Some(m) => {
                        let m = &m[range];
                        (vals, Validity::of(m.len(), m.contains(&false), |k| m[k]))
                    }
                }
            }
            Data::GatherF64 { src, idx } => {
                let s = &idx[range];
                let get = |j: u32| if j == NONE { None } else { src[j as usize] };
                let vals = s.iter().map(|&j| get(j).unwrap_or(0.0)).collect();
                let missing = s.iter().any(|&j| get(j).is_none());
                (
                    vals,
                    Validity::of(s.len(), missing, |k| get(s[k]).is_some()),
                )
            }
            Data::Text { .. } => panic!("column `{}` is not numeric", self.name),
            _ => {
                let (v, m) = self.to_i32(range);
                (v.into_iter().map(f64::from).collect(), m)
            }
        }
    }
}

/// `out[k] = f(src[k])`: one tight loop the compiler can vectorise.
#[inline]
fn fill<S: Copy, T>(out: &mut [T], src: &[S], f: impl Fn(S) -> T) {
    for (o, &x) in out.iter_mut().zip(src) {
        *o = f(x);
    }
}

/// Validity of a run of values as a packed bitmap (bit set = present), `None` when no
/// value is missing — the layout of Arrow's null buffers.
#[derive(Clone, Debug, Default)]
pub(crate) struct Validity {
    pub words: Option<Vec<u64>>,
}

impl Validity {
    /// The bitmap of `valid(0..len)`, or none at all when nothing is `missing`.
    fn of(len: usize, missing: bool, valid: impl Fn(usize) -> bool) -> Validity {
        if !missing {
            return Validity::default();
        }
        let words = (0..len)
            .step_by(64)
            .map(|s| (s..(s + 64).min(len)).fold(0u64, |w, k| w | (u64::from(valid(k)) << (k - s))))
            .collect();
        Validity { words: Some(words) }
    }
}

/// The key columns shared by every step.
#[derive(Clone, Debug)]
pub(crate) struct Keys {
    /// `ccode1` of dyad-years, `ccode` of state-years.
    pub c1: Arc<Vec<u16>>,
    /// `ccode2` of dyad-years; empty for state-years.
    pub c2: Arc<Vec<u16>>,
    pub year: Arc<Vec<i16>>,
}

/// A dyad-year or state-year table: rows sorted by the key, columns in output order.
///
/// Built by [`crate::create_dyad_years`] or [`crate::create_state_years`]; grown by
/// [`Frame::add`]. No step ever changes the number or order of rows.
#[derive(Clone, Debug)]
pub struct Frame {
    pub(crate) unit: Unit,
    pub(crate) keys: Keys,
    pub(crate) columns: Vec<Column>,
    pub(crate) steps: Vec<crate::Step>,
    /// Latest year of the extended state system (peacesciencer's "current year").
    pub(crate) current_year: i16,
}

impl Frame {
    /// Dyad-years or state-years.
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.keys.year.len()
    }

    /// Whether the frame has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// All columns in output order.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// A column by name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Column names in output order.
    pub fn names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.name()).collect()
    }

    /// The steps added so far, in order.
    pub fn steps(&self) -> &[crate::Step] {
        &self.steps
    }

    /// `ccode1` (dyad-years) or `ccode` (state-years) of every row.
    pub fn ccode1(&self) -> &[u16] {
        &self.keys.c1
    }

    /// `ccode2` of every row (empty for state-years).
    pub fn ccode2(&self) -> &[u16] {
        &self.keys.c2
    }

    /// `year` of every row.
    pub fn years(&self) -> &[i16] {
        &self.keys.year
    }

    /// The row of dyad-year (a, b, year) or state-year (a, year), by binary search.
    pub fn find(&self, a: u16, b: Option<u16>, year: i16) -> Option<usize> {
        match (self.unit, b) {
            (Unit::DyadYear { .. }, Some(b)) => {
                let key = (a, b, year);
                let (c1, c2, y) = (&self.keys.c1, &self.keys.c2, &self.keys.year);
                let i = partition_point(self.len(), |i| (c1[i], c2[i], y[i]) < key);
                (i < self.len() && (c1[i], c2[i], y[i]) == key).then_some(i)
            }
            (Unit::StateYear, None) => {
                let key = (a, year);
                let (c, y) = (&self.keys.c1, &self.keys.year);
                let i = partition_point(self.len(), |i| (c[i], y[i]) < key);
                (i < self.len() && (c[i], y[i]) == key).then_some(i)
            }
            _ => None,
        }
    }

    /// The value of `column` in the row of (a, b, year) (`b = None` for state-years).
    pub fn value(&self, column: &str, a: u16, b: Option<u16>, year: i16) -> Option<Value<'_>> {
        let i = self.find(a, b, year)?;
        Some(self.column(column)?.get(i))
    }

    /// The first and last year present, if any rows.
    pub fn year_range(&self) -> Option<(i16, i16)> {
        let y = &self.keys.year;
        Some((*y.iter().min()?, *y.iter().max()?))
    }

    pub(crate) fn push_columns(&mut self, cols: Vec<Column>) {
        debug_assert!(cols.iter().all(|c| c.len() == self.len()));
        self.columns.extend(cols);
    }
}

fn partition_point(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}
