//! Writing frames as CSV or Parquet.
//!
//! CSV looks like R's: integer-valued numbers print without a decimal point, other
//! doubles in the shortest form that reads back to the same value, NA as an empty field.
//! Parquet stores codes, years, flags and counts as Int32 and measures as Float64 (all
//! nullable except the keys), compressed with Snappy; columns are encoded in parallel.
//!
//! [`write_file`] writes to a temporary file in the target directory and renames it into
//! place, so a failed or interrupted write never leaves a partial file behind.

use crate::frame::{Column, ColumnType, Frame, Validity, Value};
use crate::DyadError;
use arrow_array::{ArrayRef, Float64Array, Int32Array, RecordBatch, StringArray};
use arrow_buffer::{BooleanBuffer, Buffer, NullBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::arrow_writer::{compute_leaves, ArrowColumnChunk, ArrowRowGroupWriterFactory};
use parquet::arrow::ArrowSchemaConverter;
use parquet::basic::{Compression, Encoding};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

/// Output file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// Apache Parquet.
    Parquet,
}

impl Format {
    /// The format implied by a file name: `.parquet`/`.pq` is Parquet, `.csv` CSV.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "parquet" | "pq" => Some(Format::Parquet),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Appends a double as R would print it in a CSV: no `.0` on integer values, otherwise the
/// shortest representation that reads back to the same double.
pub fn push_f64(s: &mut String, v: f64) {
    let mut b = Vec::new();
    push_f64_bytes(&mut b, v);
    s.push_str(std::str::from_utf8(&b).expect("ASCII"));
}

fn push_f64_bytes(out: &mut Vec<u8>, v: f64) {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let mut ib = itoa::Buffer::new();
        out.extend_from_slice(ib.format(v as i64).as_bytes());
    } else if v.is_finite() {
        let mut rb = ryu::Buffer::new();
        out.extend_from_slice(rb.format_finite(v).as_bytes());
    } else if v.is_nan() {
        out.extend_from_slice(b"NaN");
    } else {
        out.extend_from_slice(if v > 0.0 { b"Inf" } else { b"-Inf" });
    }
}

fn push_text(out: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for b in s.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

fn format_rows(cols: &[Column], rows: std::ops::Range<usize>, out: &mut Vec<u8>) {
    let mut ib = itoa::Buffer::new();
    for i in rows {
        for (k, c) in cols.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            match c.get(i) {
                Value::Na => {}
                Value::Int(v) => out.extend_from_slice(ib.format(v).as_bytes()),
                Value::Float(v) => push_f64_bytes(out, v),
                Value::Text(s) => push_text(out, s),
            }
        }
        out.push(b'\n');
    }
}

/// Writes `frame` as CSV (header row, then one line per row; NA is an empty field).
/// Rows are formatted in parallel and written in order.
pub fn write_csv(frame: &Frame, out: &mut dyn Write) -> io::Result<()> {
    let cols = frame.columns();
    let mut head = Vec::new();
    for (k, c) in cols.iter().enumerate() {
        if k > 0 {
            head.push(b',');
        }
        push_text(&mut head, c.name());
    }
    head.push(b'\n');
    out.write_all(&head)?;
    const ROWS: usize = 1 << 15;
    let n = frame.len();
    let chunks: Vec<usize> = (0..n).step_by(ROWS).collect();
    // Format a few chunks per core at a time to bound memory, then write them in order.
    for batch in chunks.chunks(rayon::current_num_threads().max(1) * 4) {
        let bufs: Vec<Vec<u8>> = batch
            .par_iter()
            .map(|&s| {
                let mut b = Vec::with_capacity(ROWS * cols.len() * 3);
                format_rows(cols, s..(s + ROWS).min(n), &mut b);
                b
            })
            .collect();
        for b in bufs {
            out.write_all(&b)?;
        }
    }
    Ok(())
}

/// The Arrow type a column is written as.
fn arrow_type(c: &Column) -> DataType {
    match c.column_type() {
        ColumnType::Int => DataType::Int32,
        ColumnType::Float => DataType::Float64,
        ColumnType::Text => DataType::Utf8,
    }
}

/// Whether a column is a key (never missing): written as a required field.
fn is_key(name: &str) -> bool {
    matches!(name, "ccode1" | "ccode2" | "ccode" | "year" | "cw_name")
}

fn arrow_array(c: &Column, rows: std::ops::Range<usize>) -> ArrayRef {
    let len = rows.len();
    let nulls = |v: Validity| {
        v.words
            .map(|w| NullBuffer::new(BooleanBuffer::new(Buffer::from_vec(w), 0, len)))
    };
    match c.column_type() {
        ColumnType::Int => {
            let (v, m) = c.to_i32(rows);
            Arc::new(Int32Array::new(ScalarBuffer::from(v), nulls(m)))
        }
        ColumnType::Float => {
            let (v, m) = c.to_f64(rows);
            Arc::new(Float64Array::new(ScalarBuffer::from(v), nulls(m)))
        }
        ColumnType::Text => Arc::new(StringArray::from_iter_values(rows.map(
            |i| match c.get(i) {
                Value::Text(s) => s.to_string(),
                _ => String::new(),
            },
        ))),
    }
}

fn pq_err(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("parquet: {e}"))
}

/// Rows per Parquet row group: small enough that each column's values stay in cache
/// between materialising and encoding, large enough for readers.
const ROW_GROUP: usize = 1 << 18;

/// The Arrow schema of `frame`: Int32 codes and counts, Float64 measures, Utf8 names;
/// every column nullable except the keys.
pub fn arrow_schema(frame: &Frame) -> Schema {
    Schema::new(
        frame
            .columns()
            .iter()
            .map(|c| Field::new(c.name(), arrow_type(c), !is_key(c.name())))
            .collect::<Vec<Field>>(),
    )
}

/// The whole frame as one Arrow record batch (what the Python package hands to pyarrow
/// through the C data interface). Columns are materialised in parallel.
pub fn record_batch(frame: &Frame) -> Result<RecordBatch, DyadError> {
    let schema = Arc::new(arrow_schema(frame));
    let rows = 0..frame.len();
    let arrays: Vec<ArrayRef> = frame
        .columns()
        .par_iter()
        .map(|c| arrow_array(c, rows.clone()))
        .collect();
    RecordBatch::try_new(schema, arrays).map_err(|e| DyadError::Arrow(e.to_string()))
}

/// Writes `frame` as Parquet (Snappy). Columns of each row group are encoded in parallel.
pub fn write_parquet<W: Write + Send>(frame: &Frame, out: W) -> io::Result<()> {
    let cols = frame.columns();
    let schema = Arc::new(arrow_schema(frame));
    let kv = vec![
        KeyValue::new("casus.unit".to_string(), frame.unit().name().to_string()),
        KeyValue::new("casus.system".to_string(), "cow".to_string()),
        KeyValue::new(
            "casus.steps".to_string(),
            frame
                .steps()
                .iter()
                .map(|s| s.name())
                .collect::<Vec<_>>()
                .join(","),
        ),
    ];
    let mut props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP))
        .set_key_value_metadata(Some(kv))
        .set_created_by(format!("casus {}", env!("CARGO_PKG_VERSION")));
    // Encodings, chosen for write speed at a similar file size (docs/dyads.md): integer
    // columns (codes, years, flags, mostly-constant runs) as delta-bit-packed, which beats
    // dictionary hashing; measures computed per row (distances, scores) plain, as they
    // rarely repeat; measures gathered from a state-year table (NMC) keep the dictionary.
    for c in cols {
        let name = c.name().to_string();
        match c.column_type() {
            ColumnType::Int => {
                props = props
                    .set_column_dictionary_enabled(name.clone().into(), false)
                    .set_column_encoding(name.into(), Encoding::DELTA_BINARY_PACKED)
            }
            ColumnType::Float if !c.is_gathered() => {
                props = props.set_column_dictionary_enabled(name.into(), false)
            }
            _ => {}
        }
    }
    let props = Arc::new(props.build());
    let pq_schema = ArrowSchemaConverter::new()
        .with_coerce_types(props.coerce_types())
        .convert(&schema)
        .map_err(pq_err)?;
    let mut writer = SerializedFileWriter::new(out, pq_schema.root_schema_ptr(), props.clone())
        .map_err(pq_err)?;
    let factory = ArrowRowGroupWriterFactory::new(&writer, schema.clone());
    let n = frame.len();
    for (g, start) in (0..n.max(1)).step_by(ROW_GROUP).enumerate() {
        let rows = start..(start + ROW_GROUP).min(n);
        let writers = factory.create_column_writers(g).map_err(pq_err)?;
        let chunks: Vec<ArrowColumnChunk> = writers
            .into_par_iter()
            .zip(cols.par_iter().zip(schema.fields().par_iter()))
            .map(|(mut w, (c, f))| -> io::Result<ArrowColumnChunk> {
                let arr = arrow_array(c, rows.clone());
                for leaf in compute_leaves(f, &arr).map_err(pq_err)? {
                    w.write(&leaf).map_err(pq_err)?;
                }
                w.close().map_err(pq_err)
            })
            .collect::<io::Result<_>>()?;
        let mut rg = writer.next_row_group().map_err(pq_err)?;
        for c in chunks {
            c.append_to_row_group(&mut rg).map_err(pq_err)?;
        }
        rg.close().map_err(pq_err)?;
    }
    writer.close().map_err(pq_err)?;
    Ok(())
}

/// Whether a write may replace an existing file (`--force`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    /// Keep an existing file: the write fails with [`DyadError::Exists`].
    Refuse,
    /// Replace an existing file.
    Replace,
}

/// Writes `frame` to `path` in `format` with [`atomic_write`].
pub fn write_file(
    frame: &Frame,
    path: &Path,
    format: Format,
    overwrite: Overwrite,
) -> Result<(), DyadError> {
    atomic_write(path, overwrite, |f| match format {
        Format::Csv => {
            let mut w = io::BufWriter::with_capacity(1 << 20, f);
            write_csv(frame, &mut w)?;
            w.flush()
        }
        Format::Parquet => {
            let mut w = io::BufWriter::with_capacity(1 << 20, f);
            write_parquet(frame, &mut w)?;
            w.flush()
        }
    })
}

/// Temporary files being written now, so that an interrupted process can remove them
/// ([`remove_pending`]): Ctrl-C during `dyads -o` left a hidden 16–20 MB `.part` file
/// (issue 13).
static PENDING: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Registers a temporary file in [`PENDING`] for as long as it lives.
struct Pending(std::path::PathBuf);

impl Pending {
    fn new(path: &Path) -> Pending {
        let mut p = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        p.push(path.to_path_buf());
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut p = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        p.retain(|x| x != &self.0);
    }
}

/// Removes every temporary file [`atomic_write`] is writing now. For a signal handler that
/// is about to end the process; the targets themselves are untouched.
pub fn remove_pending() {
    let mut p = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    for path in p.drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// The one way casus writes a file: `write` fills a temporary file in `path`'s directory,
/// which then takes `path`'s place (atomically, so a reader never sees half a file). On
/// failure the temporary file is removed and `path` is untouched. With
/// [`Overwrite::Refuse`] an existing `path` is kept (also if it appears meanwhile).
pub fn atomic_write(
    path: &Path,
    overwrite: Overwrite,
    write: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> Result<(), DyadError> {
    let err = |message: String| DyadError::Write {
        path: path.display().to_string(),
        message,
    };
    let exists = || DyadError::Exists {
        path: path.display().to_string(),
    };
    if path.is_dir() {
        return Err(err("is a directory".into()));
    }
    if overwrite == Overwrite::Refuse && path.exists() {
        return Err(exists());
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(err(format!(
            "the directory {} does not exist",
            dir.display()
        )));
    }
    let mut b = tempfile::Builder::new();
    b.prefix(".casus-").suffix(".part");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = b
        .tempfile_in(dir)
        .map_err(|e| err(format!("cannot create a file in {}: {e}", dir.display())))?;
    let _pending = Pending::new(tmp.path());
    write(tmp.as_file_mut()).map_err(|e| err(e.to_string()))?;
    tmp.as_file().sync_all().ok();
    match overwrite {
        Overwrite::Replace => tmp.persist(path).map(drop),
        Overwrite::Refuse => tmp.persist_noclobber(path).map(drop),
    }
    .map_err(|e| match e.error.kind() {
        io::ErrorKind::AlreadyExists => exists(),
        _ => err(e.error.to_string()),
    })
}
