//! Dyad-year and state-year frames as R data.frames, with peacesciencer's column types.
//!
//! peacesciencer returns every numeric column as a double, except `year` before the first
//! `add_*` join (an integer then; `../shared/peers/peacesciencer-semantics.md`, P1–P4), so
//! numeric columns are doubles and `year` is an integer only when nothing was added.
//!
//! Speed: the R vectors are allocated on R's thread (the only R API calls), then filled in
//! parallel from their raw slices with `Column::fill_f64`/`fill_i32` — rayon over columns
//! and over chunks of rows, no intermediate copy.

use crate::args;
use crate::world;
use casus_dyad::{Column, ColumnType, CreateOptions, Frame, Options, Step, Unit, Value};
use extendr_api::prelude::*;
use rayon::prelude::*;

/// Rows per parallel job: large enough to amortise scheduling, small enough to balance.
const CHUNK: usize = 1 << 16;

/// `casus dyads`, as a data.frame.
pub fn dyads(years: &[f64], add: &str, directed: bool) -> Result<Robj, String> {
    let steps =
        Step::parse_list_for(add, Unit::DyadYear { directed }).map_err(|e| e.to_string())?;
    let create = CreateOptions {
        directed,
        years: args::years(years)?,
        current_year: CreateOptions::current_year_today(),
    };
    let rec = world::record()?;
    let mut f = casus_dyad::create_dyad_years(rec, &create).map_err(|e| e.to_string())?;
    f.add_all(&steps, rec, &Options::default())
        .map_err(|e| e.to_string())?;
    data_frame(&f)
}

/// `casus stateyears`, as a data.frame.
pub fn stateyears(years: &[f64], add: &str) -> Result<Robj, String> {
    let steps = Step::parse_list_for(add, Unit::StateYear).map_err(|e| e.to_string())?;
    let create = CreateOptions {
        directed: true,
        years: args::years(years)?,
        current_year: CreateOptions::current_year_today(),
    };
    let rec = world::record()?;
    let mut f = casus_dyad::create_state_years(rec, &create).map_err(|e| e.to_string())?;
    f.add_all(&steps, rec, &Options::default())
        .map_err(|e| e.to_string())?;
    data_frame(&f)
}

/// Where one column's values go.
enum Slot<'a> {
    Real(&'a mut [f64]),
    Int(&'a mut [i32]),
    /// Filled on R's thread already (text).
    Done,
}

/// The frame as a data.frame: columns in order, compact row names, and peacesciencer's
/// `ps_data_type` and `ps_system` attributes.
pub fn data_frame(f: &Frame) -> Result<Robj, String> {
    let n = f.len();
    let int_year = f.steps().is_empty();
    let cols = f.columns();
    let is_int = |c: &Column| int_year && c.name() == "year";
    let mut vecs: Vec<Robj> = cols
        .iter()
        .map(|c| match c.column_type() {
            ColumnType::Text => Strings::from_values((0..n).map(|i| match c.get(i) {
                Value::Text(s) => s,
                _ => "",
            }))
            .into(),
            _ if is_int(c) => Robj::alloc_vector(extendr_api::rtype_to_sxp(Rtype::Integers), n),
            _ => Robj::alloc_vector(extendr_api::rtype_to_sxp(Rtype::Doubles), n),
        })
        .collect();
    let (na_real, na_int) = (f64::na(), i32::na());
    let slots: Vec<Slot> = vecs
        .iter_mut()
        .zip(cols)
        .map(|(v, c)| match c.column_type() {
            ColumnType::Text => Slot::Done,
            _ if is_int(c) => v.as_integer_slice_mut().map_or(Slot::Done, Slot::Int),
            _ => v.as_real_slice_mut().map_or(Slot::Done, Slot::Real),
        })
        .collect();
    for s in &slots {
        match s {
            Slot::Real(v) => huge_pages(v),
            Slot::Int(v) => huge_pages(v),
            Slot::Done => {}
        }
    }
    slots
        .into_par_iter()
        .zip(cols.par_iter())
        .for_each(|(slot, c)| match slot {
            Slot::Real(out) => out.par_chunks_mut(CHUNK).enumerate().for_each(|(k, ch)| {
                c.fill_f64(k * CHUNK, ch, na_real);
            }),
            Slot::Int(out) => out.par_chunks_mut(CHUNK).enumerate().for_each(|(k, ch)| {
                c.fill_i32(k * CHUNK, ch, na_int);
            }),
            Slot::Done => {}
        });
    let names: Vec<&str> = cols.iter().map(|c| c.name()).collect();
    let rows = i32::try_from(n).map_err(|_| format!("{n} rows are too many for a data.frame"))?;
    let mut df: Robj = List::from_values(vecs).into();
    let set = |e: Error| format!("building the data.frame: {e}");
    df.set_names(names).map_err(set)?;
    df.set_attrib(row_names_symbol(), [i32::na(), -rows])
        .map_err(set)?;
    df.set_class(["data.frame"]).map_err(set)?;
    df.set_attrib("ps_data_type", f.unit().name())
        .map_err(set)?;
    df.set_attrib("ps_system", "cow").map_err(set)?;
    Ok(df)
}

/// Asks the kernel to back a large fresh vector with transparent huge pages: its pages are
/// first touched by the fill, and one fault per 2 MiB instead of per 4 KiB is most of the
/// conversion's cost for a table the size of P1. Advice only: the memory stays R's.
#[cfg(target_os = "linux")]
fn huge_pages<T>(v: &[T]) {
    const HUGE: usize = 2 << 20;
    let start = v.as_ptr() as usize;
    let end = start + std::mem::size_of_val(v);
    let first = start.next_multiple_of(HUGE);
    if end > first + HUGE {
        let len = (end - first) / HUGE * HUGE;
        // SAFETY: [first, first + len) lies inside `v`'s allocation; MADV_HUGEPAGE changes
        // how pages are backed, never their contents.
        #[allow(unsafe_code)]
        unsafe {
            libc::madvise(first as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn huge_pages<T>(_: &[T]) {}
