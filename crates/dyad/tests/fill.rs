//! `Column::fill_f64` / `fill_i32` (the R and Python packages' conversion) write exactly
//! what `Column::get` reads, chunk by chunk, with the caller's NA value.

use casus_dyad::{
    create_dyad_years, create_state_years, ColumnType, CreateOptions, Frame, Options, Step, Value,
};

const NA_F: f64 = -999.5;
const NA_I: i32 = i32::MIN;

fn frame(state_years: bool) -> Frame {
    let rec = casus_data::load_record(&casus_data::DataSource::Bundled).expect("bundled data");
    let create = CreateOptions {
        directed: true,
        years: Some((1985, 1995)),
        current_year: 2025,
    };
    if state_years {
        let mut f = create_state_years(&rec, &create).unwrap();
        f.add_all(&[Step::Nmc, Step::Majors], &rec, &Options::default())
            .unwrap();
        f
    } else {
        let mut f = create_dyad_years(&rec, &create).unwrap();
        let steps = Step::parse_list("atop,nmc,contiguity,majors,gml-mids,capdist").unwrap();
        f.add_all(&steps, &rec, &Options::default()).unwrap();
        f
    }
}

/// Fills every column in uneven chunks and compares each row with `get`.
fn check(f: &Frame) -> (usize, usize) {
    let n = f.len();
    let (mut nas, mut ints) = (0, 0);
    for c in f.columns() {
        let mut d = vec![0.0; n];
        let mut i = vec![0; n];
        let numeric = c.column_type() != ColumnType::Text;
        let int = c.column_type() == ColumnType::Int;
        for (k, chunk) in d.chunks_mut(997).enumerate() {
            assert_eq!(c.fill_f64(k * 997, chunk, NA_F), numeric, "{}", c.name());
        }
        for (k, chunk) in i.chunks_mut(1009).enumerate() {
            assert_eq!(c.fill_i32(k * 1009, chunk, NA_I), int, "{}", c.name());
        }
        if !numeric {
            continue;
        }
        ints += usize::from(int);
        for r in 0..n {
            match c.get(r) {
                Value::Na => {
                    nas += 1;
                    assert_eq!(d[r], NA_F, "{} row {r}", c.name());
                    if int {
                        assert_eq!(i[r], NA_I, "{} row {r}", c.name());
                    }
                }
                Value::Int(v) => {
                    assert_eq!(d[r], v as f64, "{} row {r}", c.name());
                    assert_eq!(i64::from(i[r]), v, "{} row {r}", c.name());
                }
                Value::Float(v) => assert_eq!(d[r].to_bits(), v.to_bits(), "{} row {r}", c.name()),
                Value::Text(_) => unreachable!("numeric column"),
            }
        }
    }
    (nas, ints)
}

#[test]
fn fill_writes_what_get_reads() {
    let f = frame(false);
    assert_eq!(f.columns().len(), 50);
    let (nas, ints) = check(&f);
    assert!(nas > 0, "the window has missing values (GML, NMC)");
    assert!(ints > 10);
    let s = frame(true);
    assert_eq!(s.names()[1], "cw_name");
    check(&s);
}

#[test]
#[should_panic]
fn fill_past_the_end_panics() {
    let f = frame(true);
    let mut out = vec![0.0; 10];
    f.columns()[0].fill_f64(f.len() - 5, &mut out, NA_F);
}
