//! A thin reader over `csv` that maps column names to indices once and turns every bad
//! field into a [`LoadError`] naming file, line, column and value.

use crate::LoadError;
use casus_core::{Day, Span};
use csv::ByteRecord;

/// An open CSV file with a header.
pub struct CsvTable<'a> {
    file: &'a str,
    reader: csv::Reader<&'a [u8]>,
    header: Vec<String>,
    record: ByteRecord,
}

/// One row being read; getters convert fields and report errors with their position.
pub struct Row<'t> {
    file: &'t str,
    header: &'t [String],
    record: &'t ByteRecord,
}

impl<'a> CsvTable<'a> {
    pub fn new(file: &'a str, bytes: &'a [u8]) -> Result<CsvTable<'a>, LoadError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(bytes);
        let header = reader
            .byte_headers()
            .map_err(|e| csv_error(file, e))?
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim().to_string())
            .collect();
        Ok(CsvTable {
            file,
            reader,
            header,
            record: ByteRecord::new(),
        })
    }

    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// Index of a required column; a missing one is an error naming the file and column.
    pub fn column(&self, name: &str) -> Result<usize, LoadError> {
        self.header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| LoadError::Field {
                file: self.file.into(),
                line: 1,
                column: name.into(),
                value: String::new(),
                message: format!("the header lacks the column `{name}`"),
            })
    }

    /// Reads the next row, reusing one buffer (no allocation per row).
    pub fn next_row(&mut self) -> Result<Option<Row<'_>>, LoadError> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(true) => Ok(Some(Row {
                file: self.file,
                header: &self.header,
                record: &self.record,
            })),
            Ok(false) => Ok(None),
            Err(e) => Err(csv_error(self.file, e)),
        }
    }
}

fn csv_error(file: &str, e: csv::Error) -> LoadError {
    let line = e.position().map_or(0, |p| p.line());
    LoadError::Field {
        file: file.into(),
        line,
        column: String::new(),
        value: String::new(),
        message: e.to_string(),
    }
}

impl Row<'_> {
    /// Line number in the file (the header is line 1).
    pub fn line(&self) -> u64 {
        self.record.position().map_or(0, |p| p.line())
    }

    pub fn raw(&self, col: usize) -> &[u8] {
        self.record.get(col).unwrap_or(b"")
    }

    pub fn error(&self, col: usize, message: impl Into<String>) -> LoadError {
        LoadError::Field {
            file: self.file.into(),
            line: self.line(),
            column: self.header.get(col).cloned().unwrap_or_default(),
            value: String::from_utf8_lossy(self.raw(col)).into_owned(),
            message: message.into(),
        }
    }

    pub fn str(&self, col: usize) -> Result<&str, LoadError> {
        std::str::from_utf8(self.raw(col))
            .map(str::trim)
            .map_err(|_| self.error(col, "not valid UTF-8"))
    }

    /// An integer, `None` for an empty field or `NA`. Parsed straight from the bytes: this
    /// is the innermost loop of loading (millions of fields), so no UTF-8 check or `str`.
    pub fn opt_i64(&self, col: usize) -> Result<Option<i64>, LoadError> {
        let b = self.raw(col).trim_ascii();
        if b.is_empty() || b == b"NA" {
            return Ok(None);
        }
        // Some exports write integers as `12.0`.
        let b = b.strip_suffix(b".0").unwrap_or(b);
        let (neg, digits) = match b.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, b),
        };
        if digits.is_empty() || digits.len() > 18 {
            return Err(self.error(col, "expected an integer"));
        }
        let mut v: i64 = 0;
        for &d in digits {
            if !d.is_ascii_digit() {
                return Err(self.error(col, "expected an integer"));
            }
            v = v * 10 + (d - b'0') as i64;
        }
        Ok(Some(if neg { -v } else { v }))
    }

    pub fn i64(&self, col: usize) -> Result<i64, LoadError> {
        self.opt_i64(col)?
            .ok_or_else(|| self.error(col, "a value is required here"))
    }

    /// An integer where the codebook's missing codes (-9, -8, -77…) mean absent.
    pub fn opt_code(&self, col: usize, missing: &[i64]) -> Result<Option<i64>, LoadError> {
        Ok(self.opt_i64(col)?.filter(|v| !missing.contains(v)))
    }

    pub fn int<T: TryFrom<i64>>(&self, col: usize) -> Result<T, LoadError> {
        let v = self.i64(col)?;
        T::try_from(v).map_err(|_| self.error(col, "value out of range"))
    }

    pub fn opt_int<T: TryFrom<i64>>(
        &self,
        col: usize,
        missing: &[i64],
    ) -> Result<Option<T>, LoadError> {
        match self.opt_code(col, missing)? {
            None => Ok(None),
            Some(v) => T::try_from(v)
                .map(Some)
                .map_err(|_| self.error(col, "value out of range")),
        }
    }

    pub fn flag(&self, col: usize) -> Result<bool, LoadError> {
        match self.raw(col) {
            b"0" => Ok(false),
            b"1" => Ok(true),
            _ => match self.i64(col)? {
                0 => Ok(false),
                1 => Ok(true),
                _ => Err(self.error(col, "expected 0 or 1")),
            },
        }
    }

    /// A number; empty, `NA` or a negative missing code (-9) are absent.
    pub fn opt_f64(&self, col: usize) -> Result<Option<f64>, LoadError> {
        let b = self.raw(col).trim_ascii();
        if b.is_empty() || b == b"NA" {
            return Ok(None);
        }
        let s = std::str::from_utf8(b).map_err(|_| self.error(col, "not valid UTF-8"))?;
        let v: f64 = s
            .parse()
            .map_err(|_| self.error(col, "expected a number"))?;
        if !v.is_finite() {
            return Err(self.error(col, "expected a finite number"));
        }
        Ok(if v == -9.0 { None } else { Some(v) })
    }

    pub fn f64(&self, col: usize) -> Result<f64, LoadError> {
        self.opt_f64(col)?
            .ok_or_else(|| self.error(col, "a value is required here"))
    }

    /// A `YYYY-MM-DD` date.
    pub fn day(&self, col: usize) -> Result<Day, LoadError> {
        let s = self.str(col)?;
        Day::parse(s).map_err(|e| self.error(col, e.to_string()))
    }

    pub fn opt_day(&self, col: usize) -> Result<Option<Day>, LoadError> {
        if self.str(col)?.is_empty() || self.str(col)? == "NA" {
            return Ok(None);
        }
        self.day(col).map(Some)
    }

    /// A date split across year, month and day columns.
    pub fn ymd(&self, y: usize, m: usize, d: usize) -> Result<Day, LoadError> {
        let (yy, mm, dd) = (self.i64(y)?, self.i64(m)?, self.i64(d)?);
        Day::from_ymd(yy as i32, mm as u32, dd as u32).map_err(|e| self.error(d, e.to_string()))
    }

    /// A span whose end must not precede its start.
    pub fn span(&self, start: Day, end: Day, col: usize) -> Result<Span, LoadError> {
        if end < start {
            return Err(self.error(col, format!("ends ({end}) before it starts ({start})")));
        }
        Ok(Span::new(start, end))
    }
}
