//! CSV and Parquet output: R-like number formatting, types, round trips, atomic writes.

use casus_core::Record;
use casus_dyad::write::{self, Format, Overwrite};
use casus_dyad::{create_dyad_years, create_state_years, CreateOptions, Frame, Options, Step};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::path::Path;
use std::sync::OnceLock;

fn rec() -> &'static Record {
    static REC: OnceLock<Record> = OnceLock::new();
    REC.get_or_init(|| {
        casus_data::load_record(&casus_data::DataSource::Bundled).expect("bundled data loads")
    })
}

fn opts(years: (i16, i16)) -> CreateOptions {
    CreateOptions {
        directed: true,
        years: Some(years),
        current_year: 2025,
    }
}

fn dyads_1816() -> Frame {
    let mut f = create_dyad_years(rec(), &opts((1816, 1816))).unwrap();
    f.add_all(
        &Step::parse_list("atop,nmc,contiguity,majors,gml-mids,capdist").unwrap(),
        rec(),
        &Options::default(),
    )
    .unwrap();
    f
}

fn csv_text(f: &Frame) -> String {
    let mut buf = Vec::new();
    write::write_csv(f, &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

#[test]
fn csv_looks_like_r() {
    let mut f = create_state_years(rec(), &opts((1816, 1816))).unwrap();
    f.add_all(&[Step::Nmc, Step::Majors], rec(), &Options::default())
        .unwrap();
    let text = csv_text(&f);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("ccode,cw_name,year,milex,milper,irst,pec,tpop,upop,cinc,cowmaj")
    );
    // tpop is 8659.0 in the NMC file: integer-valued doubles print without ".0".
    assert_eq!(
        lines.next(),
        Some("2,United States of America,1816,3823,17,80,254,8659,101,0.039697491,0")
    );
    assert_eq!(text.lines().count(), 1 + 23);

    let text = csv_text(&dyads_1816());
    assert_eq!(text.lines().count(), 1 + 506);
    // No dispute: the 21 GML detail columns and init1/init2 are empty; onset/ongoing are 0.
    let row = text.lines().find(|l| l.starts_with("2,200,1816,")).unwrap();
    let fields: Vec<&str> = row.split(',').collect();
    assert_eq!(fields.len(), 50);
    assert_eq!(&fields[26..29], &["", "0", "0"]);
    assert!(fields[29..49].iter().all(|f| f.is_empty()));
    assert!(fields[49].starts_with("5905.0848"));
}

#[test]
fn numbers_print_short_and_exact() {
    let mut s = String::new();
    for v in [3.0, -9.0, 0.039697491, 1151244.2351547098, 1e-7, 0.1 + 0.2] {
        write::push_f64(&mut s, v);
        s.push(' ');
    }
    assert_eq!(
        s,
        "3 -9 0.039697491 1151244.2351547098 1e-7 0.30000000000000004 "
    );
}

#[test]
fn parquet_round_trip_with_types() {
    let f = dyads_1816();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.parquet");
    write::write_file(&f, &path, Format::Parquet, Overwrite::Replace).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<_> = reader.collect::<Result<_, _>>().unwrap();
    let schema = batches[0].schema();
    assert_eq!(schema.fields().len(), 50);
    let ty = |n: &str| schema.field_with_name(n).unwrap().data_type().to_string();
    assert_eq!(
        (ty("ccode1"), ty("year"), ty("atop_defense"), ty("dispnum")),
        (
            "Int32".into(),
            "Int32".into(),
            "Int32".into(),
            "Int32".into()
        )
    );
    assert_eq!(
        (ty("cinc1"), ty("capdist")),
        ("Float64".into(), "Float64".into())
    );
    assert!(!schema.field_with_name("ccode1").unwrap().is_nullable());
    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    assert_eq!(rows, 506);
    // Values and nulls survive: compare every column with the frame.
    let mut offset = 0;
    for b in &batches {
        for (k, col) in f.columns().iter().enumerate() {
            let arr = b.column(k);
            for i in 0..b.num_rows() {
                let want = col.f64_at(offset + i);
                let got = if arr.is_null(i) {
                    None
                } else if let Some(a) = arr.as_any().downcast_ref::<arrow_array::Int32Array>() {
                    Some(f64::from(a.value(i)))
                } else {
                    Some(
                        arr.as_any()
                            .downcast_ref::<arrow_array::Float64Array>()
                            .unwrap()
                            .value(i),
                    )
                };
                assert_eq!(got, want, "{} row {}", col.name(), offset + i);
            }
        }
        offset += b.num_rows();
    }
    // No temporary file is left next to the output.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("p.parquet")]);
}

#[test]
fn failed_writes_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    std::fs::write(&path, "old contents").unwrap();
    let err = write::atomic_write(&path, Overwrite::Replace, |f| {
        use std::io::Write;
        f.write_all(b"half a table")?;
        Err(std::io::Error::other("disk on fire"))
    })
    .unwrap_err();
    assert!(err.to_string().contains("disk on fire"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old contents");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    let missing = dir.path().join("no/such/dir/out.parquet");
    let err = write::write_file(&dyads_1816(), &missing, Format::Parquet, Overwrite::Replace)
        .unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    let err =
        write::write_file(&dyads_1816(), dir.path(), Format::Csv, Overwrite::Replace).unwrap_err();
    assert!(err.to_string().contains("is a directory"), "{err}");
}

#[test]
fn refuse_keeps_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    std::fs::write(&path, "old contents").unwrap();
    let err = write::atomic_write(&path, Overwrite::Refuse, |f| {
        use std::io::Write;
        f.write_all(b"new")
    })
    .unwrap_err();
    assert!(matches!(err, casus_dyad::DyadError::Exists { .. }), "{err}");
    assert!(err.to_string().contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old contents");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    let fresh = dir.path().join("new.csv");
    write::atomic_write(&fresh, Overwrite::Refuse, |f| {
        use std::io::Write;
        f.write_all(b"new")
    })
    .unwrap();
    assert_eq!(std::fs::read_to_string(&fresh).unwrap(), "new");
}

#[test]
fn format_from_extension() {
    assert_eq!(
        Format::from_path(Path::new("a/b.parquet")),
        Some(Format::Parquet)
    );
    assert_eq!(Format::from_path(Path::new("b.PQ")), Some(Format::Parquet));
    assert_eq!(Format::from_path(Path::new("b.csv")), Some(Format::Csv));
    assert_eq!(Format::from_path(Path::new("b.txt")), None);
    assert_eq!(Format::from_path(Path::new("b")), None);
}

#[test]
fn fingerprint_round_trips_through_csv() {
    let fp = casus_dyad::Fingerprint::of(&dyads_1816());
    let back = casus_dyad::Fingerprint::parse_csv(&fp.to_csv()).unwrap();
    assert!(back.diff(&fp, 0.0).is_empty());
    assert_eq!(back.rows[0].n, 506);
}

#[test]
fn record_batch_matches_the_parquet_schema_and_rows() {
    let f = dyads_1816();
    let batch = write::record_batch(&f).unwrap();
    assert_eq!(batch.num_rows(), 506);
    assert_eq!(*batch.schema(), write::arrow_schema(&f));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.parquet");
    write::write_file(&f, &path, Format::Parquet, Overwrite::Replace).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    let from_file: Vec<_> = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(from_file.len(), 1, "506 rows are one row group");
    for k in 0..batch.num_columns() {
        assert_eq!(
            batch.column(k).to_data(),
            from_file[0].column(k).to_data(),
            "column {}",
            f.columns()[k].name()
        );
    }
}

#[test]
fn steps_are_checked_against_the_unit_before_loading() {
    use casus_dyad::Unit;
    let err = Step::parse_list_for("nmc,atop", Unit::StateYear).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`atop` cannot be added to state_year data; for state_year choose from: nmc, majors"
    );
    let steps = Step::parse_list_for("atop,sscore", Unit::DyadYear { directed: true }).unwrap();
    let parts = Step::parts_for(&steps, &Options::default());
    assert!(parts.has(casus_data::Parts::ATOP_DYADS) && parts.has(casus_data::Parts::NMC));
    assert!(!parts.has(casus_data::Parts::CAPITALS));
}
