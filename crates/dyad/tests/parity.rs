//! Parity with peacesciencer 1.2.9: the P1 fingerprint, the shapes of P2–P4, known values,
//! and the data-building rules (false dyads, GML whittling) re-derived from raw data.
//!
//! The pipelines are those of the reference run (`tests/data/README.md`), whose "current
//! year" was 2025.

use casus_core::Record;
use casus_dyad::{
    create_dyad_years, create_state_years, derive_false_dyads, whittle, ContiguityRule,
    CreateOptions, Fingerprint, Frame, Options, Step, Unit, Value,
};
use std::sync::OnceLock;

const CURRENT_YEAR: i16 = 2025;
const P1_STEPS: &str = "atop,nmc,contiguity,majors,gml-mids,capdist";

fn rec() -> &'static Record {
    static REC: OnceLock<Record> = OnceLock::new();
    REC.get_or_init(|| {
        casus_data::load_record(&casus_data::DataSource::Bundled).expect("bundled data loads")
    })
}

fn dyads(directed: bool, years: Option<(i16, i16)>) -> Frame {
    create_dyad_years(
        rec(),
        &CreateOptions {
            directed,
            years,
            current_year: CURRENT_YEAR,
        },
    )
    .unwrap()
}

fn p1() -> &'static Frame {
    static P1: OnceLock<Frame> = OnceLock::new();
    P1.get_or_init(|| {
        let mut f = dyads(true, Some((1816, 2016)));
        f.add_all(
            &Step::parse_list(P1_STEPS).unwrap(),
            rec(),
            &Options::default(),
        )
        .unwrap();
        f
    })
}

fn p2() -> &'static Frame {
    static P2: OnceLock<Frame> = OnceLock::new();
    P2.get_or_init(|| {
        let mut f = dyads(false, Some((1816, 2016)));
        f.add_all(
            &Step::parse_list(P1_STEPS).unwrap(),
            rec(),
            &Options::default(),
        )
        .unwrap();
        f
    })
}

fn num(f: &Frame, col: &str, a: u16, b: u16, y: i16) -> Option<f64> {
    f.value(col, a, Some(b), y).and_then(Value::as_f64)
}

/// P1 is built once here (nextest runs each test in its own process) and checked by the
/// helpers below.
#[test]
fn p1_matches_peacesciencer() {
    p1_fingerprint();
    p1_shape_and_columns();
    p1_known_values();
}

fn p1_fingerprint() {
    let expected =
        Fingerprint::parse_csv(include_str!("data/peacesciencer-P1-fingerprint.csv")).unwrap();
    let got = Fingerprint::of(p1());
    let diff = got.diff(&expected, 1e-9);
    assert!(
        diff.is_empty(),
        "{} differences, first ones:\n{}",
        diff.len(),
        diff.iter().take(30).cloned().collect::<Vec<_>>().join("\n")
    );
}

fn p1_shape_and_columns() {
    let f = p1();
    assert_eq!(f.len(), 1_912_290);
    assert_eq!(
        f.names().join(","),
        "ccode1,ccode2,year,atop_alliance,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul,\
         milex1,milper1,irst1,pec1,tpop1,upop1,cinc1,milex2,milper2,irst2,pec2,tpop2,upop2,cinc2,conttype,cowmaj1,cowmaj2,\
         dispnum,gmlmidongoing,gmlmidonset,sidea1,sidea2,fatality1,fatality2,fatalpre1,fatalpre2,hiact1,hiact2,hostlev1,hostlev2,\
         orig1,orig2,fatality,hostlev,recip,mindur,maxdur,stmon,init1,init2,capdist"
    );
    let na = |c: &str| f.column(c).unwrap().null_count();
    assert_eq!(
        (
            na("milex1"),
            na("milper2"),
            na("irst1"),
            na("pec2"),
            na("upop1"),
            na("tpop2"),
            na("cinc1")
        ),
        (180_535, 41_184, 1_152, 19_409, 2_829, 0, 0)
    );
    assert_eq!(
        (
            na("dispnum"),
            na("init2"),
            na("gmlmidonset"),
            na("capdist"),
            na("conttype")
        ),
        (1_903_006, 1_903_006, 226_980, 0, 0)
    );
}

fn p1_known_values() {
    let f = p1();
    // Directed dyad-years in the first and last year.
    let in_year = |y: i16| f.years().iter().filter(|&&v| v == y).count();
    assert_eq!(in_year(1816), 506); // 23 states × 22
    assert_eq!(in_year(2016), 37_830); // 195 × 194
                                       // USA–Canada 1920: land contiguity, Washington–Ottawa.
    assert_eq!(num(f, "conttype", 2, 20, 1920), Some(1.0));
    let d = num(f, "capdist", 2, 20, 1920).unwrap();
    assert!(
        (d - 734.869).abs() < 1e-3,
        "USA–Canada capital distance {d}"
    );
    assert_eq!(
        d,
        casus_dyad::vincenty_sphere_km(-77.0365427, 38.8950368, -75.6901106, 45.4208777)
    );
    // NATO: US defence pledge to the UK, 1950; none in 1938.
    assert_eq!(num(f, "atop_defense", 2, 200, 1950), Some(1.0));
    assert_eq!(num(f, "atop_defense", 2, 200, 1938), Some(0.0));
    // France a major power in 1940 and 1945 (year-level), not in 1942.
    assert_eq!(num(f, "cowmaj1", 220, 2, 1940), Some(1.0));
    assert_eq!(num(f, "cowmaj1", 220, 2, 1942), Some(0.0));
    assert_eq!(num(f, "cowmaj1", 220, 2, 1945), Some(1.0));
    // The documented contiguity tie: 255–271 is 0 throughout 1816–1871 under peacesciencer's rule.
    assert_eq!(num(f, "conttype", 255, 271, 1860), Some(0.0));
    assert_eq!(num(f, "conttype", 230, 435, 1977), Some(0.0));
    // A dispute: US–Canada 1979 (dispute 2968), Canada on side B, an originator.
    assert_eq!(num(f, "dispnum", 2, 20, 1979), Some(2968.0));
    assert_eq!(num(f, "gmlmidonset", 2, 20, 1979), Some(1.0));
    assert_eq!(num(f, "init1", 2, 20, 1979), Some(0.0));
    assert_eq!(num(f, "init2", 2, 20, 1979), Some(1.0));
    assert_eq!(num(f, "dispnum", 2, 20, 1980), None);
    assert_eq!(num(f, "gmlmidonset", 2, 20, 1980), Some(0.0));
    // False dyads are gone: Suriname and South Vietnam, 1975.
    assert!(f.find(115, Some(817), 1975).is_none());
}

#[test]
fn contiguity_fix_changes_only_overlaps() {
    let mut base = dyads(true, Some((1816, 2016)));
    let mut fixed = base.clone();
    base.add(Step::Contiguity, rec(), &Options::default())
        .unwrap();
    let opts = Options {
        contiguity: ContiguityRule::PreferContiguous,
        ..Options::default()
    };
    fixed.add(Step::Contiguity, rec(), &opts).unwrap();
    assert_eq!(num(&fixed, "conttype", 255, 271, 1849), Some(0.0));
    assert_eq!(num(&fixed, "conttype", 255, 271, 1850), Some(1.0));
    assert_eq!(num(&fixed, "conttype", 255, 271, 1870), Some(1.0));
    assert_eq!(num(&fixed, "conttype", 255, 271, 1871), Some(0.0));
    assert_eq!(num(&fixed, "conttype", 230, 435, 1977), Some(5.0));
    let (a, b) = (
        base.column("conttype").unwrap(),
        fixed.column("conttype").unwrap(),
    );
    let changed = (0..base.len()).filter(|&i| a.get(i) != b.get(i)).count();
    // Every change is a 0 filler giving way to real contiguity (1,272 directed tie years).
    assert!((0..base.len()).all(|i| a.get(i) == b.get(i) || a.get(i) == Value::Int(0)));
    assert!(
        changed > 0 && changed <= 1_272,
        "{changed} dyad-years changed"
    );
}

#[test]
fn p2_shape_and_atop_is_max_of_both_directions() {
    let p2 = p2();
    assert_eq!(p2.len(), 956_145);
    assert_eq!(p2.columns().len(), 48);
    assert_eq!(p2.unit(), Unit::DyadYear { directed: false });
    assert!(p2.ccode1().iter().zip(p2.ccode2()).all(|(a, b)| a < b));
    assert!(p2.column("init1").is_none());
    // Value by value against the directed table, on a few eras (cheaper than all of P1).
    let steps = Step::parse_list(P1_STEPS).unwrap();
    let mut differs = 0;
    for years in [(1816, 1830), (1910, 1913), (1990, 1992), (2014, 2016)] {
        let mut p1 = dyads(true, Some(years));
        p1.add_all(&steps, rec(), &Options::default()).unwrap();
        let mut p2 = dyads(false, Some(years));
        p2.add_all(&steps, rec(), &Options::default()).unwrap();
        differs += p2_matches_p1(&p1, &p2);
    }
    assert!(differs > 0, "some ATOP pledges are one-directional");
}

/// Checks P2 against P1 on the same years; returns the number of ATOP values that differ
/// from the low→high directed row.
fn p2_matches_p1(p1: &Frame, p2: &Frame) -> usize {
    let mut differs = 0;
    for i in 0..p2.len() {
        let (a, b, y) = (p2.ccode1()[i], p2.ccode2()[i], p2.years()[i]);
        let (j, k) = (
            p1.find(a, Some(b), y).unwrap(),
            p1.find(b, Some(a), y).unwrap(),
        );
        for c in p2.names() {
            let v = p2.column(c).unwrap().get(i);
            let fwd = p1.column(c).unwrap().get(j);
            if c.starts_with("atop_") {
                let back = p1.column(c).unwrap().get(k);
                let max = fwd.as_f64().unwrap().max(back.as_f64().unwrap());
                assert_eq!(v.as_f64(), Some(max), "{c} {a} {b} {y}");
                differs += usize::from(v != fwd);
            } else {
                assert_eq!(v, fwd, "{c} {a} {b} {y}");
            }
        }
    }
    differs
}

#[test]
fn p3_state_years() {
    let mut f = create_state_years(
        rec(),
        &CreateOptions {
            directed: true,
            years: Some((1816, 2016)),
            current_year: CURRENT_YEAR,
        },
    )
    .unwrap();
    f.add_all(&[Step::Nmc, Step::Majors], rec(), &Options::default())
        .unwrap();
    assert_eq!(f.len(), 15_951);
    assert_eq!(
        f.names().join(","),
        "ccode,cw_name,year,milex,milper,irst,pec,tpop,upop,cinc,cowmaj"
    );
    let na = |c: &str| f.column(c).unwrap().null_count();
    assert_eq!(
        (
            na("milex"),
            na("milper"),
            na("irst"),
            na("pec"),
            na("upop"),
            na("tpop"),
            na("cinc")
        ),
        (2_217, 426, 26, 448, 68, 0, 0)
    );
    let cowmaj = f.column("cowmaj").unwrap();
    assert_eq!(
        (0..f.len())
            .filter(|&i| cowmaj.i64_at(i) == Some(1))
            .count(),
        1_195
    );
    assert_eq!(
        f.value("cw_name", 2, None, 1816),
        Some(Value::Text("United States of America"))
    );
    assert!(matches!(
        f.add(Step::Atop, rec(), &Options::default()),
        Err(casus_dyad::DyadError::StepNotForUnit { .. })
    ));
}

#[test]
fn p4_default_years_run_to_the_current_year() {
    let f = dyads(true, None);
    assert_eq!(f.len(), 2_252_760);
    assert_eq!(f.year_range(), Some((1816, 2025)));
    assert_eq!(f.years().iter().filter(|&&y| y == 2025).count(), 37_830);
}

#[test]
fn no_step_changes_the_rows() {
    for directed in [true, false] {
        let base = dyads(directed, Some((1990, 2000)));
        for step in [
            Step::Atop,
            Step::Nmc,
            Step::Contiguity,
            Step::Majors,
            Step::GmlMids,
            Step::Capdist,
        ] {
            let mut f = base.clone();
            f.add(step, rec(), &Options::default()).unwrap();
            assert_eq!(f.len(), base.len(), "{step:?}");
            assert_eq!(f.ccode1(), base.ccode1());
            assert_eq!(f.ccode2(), base.ccode2());
            assert_eq!(f.years(), base.years());
            assert!(f.columns().iter().all(|c| c.len() == base.len()));
        }
    }
}

#[test]
fn steps_in_any_order_give_the_same_columns() {
    let mut a = dyads(true, Some((1900, 1910)));
    let mut b = a.clone();
    a.add_all(
        &Step::parse_list("atop,capdist,nmc").unwrap(),
        rec(),
        &Options::default(),
    )
    .unwrap();
    b.add_all(
        &Step::parse_list("nmc,atop").unwrap(),
        rec(),
        &Options::default(),
    )
    .unwrap();
    b.add(Step::Capdist, rec(), &Options::default()).unwrap();
    assert_eq!(a.names()[3..9], b.names()[17..23]);
    for name in a.names() {
        let (x, y) = (a.column(name).unwrap(), b.column(name).unwrap());
        assert!((0..a.len()).all(|i| x.get(i) == y.get(i)), "{name}");
    }
    assert!(matches!(
        b.add(Step::Atop, rec(), &Options::default()),
        Err(casus_dyad::DyadError::DuplicateStep("atop"))
    ));
}

#[test]
fn false_dyads_follow_from_the_spell_dates() {
    let mut shipped: Vec<_> = rec()
        .false_dyads
        .iter()
        .map(|f| (f.ccode1, f.ccode2, f.year))
        .collect();
    let mut derived: Vec<_> = derive_false_dyads(&rec().states)
        .iter()
        .map(|f| (f.ccode1, f.ccode2, f.year))
        .collect();
    shipped.sort_unstable();
    derived.sort_unstable();
    assert_eq!(shipped.len(), 60);
    assert_eq!(derived, shipped);
}

#[test]
fn whittling_the_raw_gml_file_reproduces_the_shipped_table() {
    let got = whittle(&rec().mid_dirdisp);
    let shipped = &rec().mid_ddy;
    assert_eq!(got.rows(), 9_284);
    assert_eq!(shipped.rows(), 9_284);
    let key = |f: &casus_core::record::IntFrame, i: usize| {
        (f.col("ccode1")[i], f.col("ccode2")[i], f.col("year")[i])
    };
    let mut order: Vec<usize> = (0..shipped.rows()).collect();
    order.sort_by_key(|&i| key(shipped, i));
    for name in &got.names {
        let (g, s) = (got.col(name), shipped.col(name));
        for (k, &i) in order.iter().enumerate() {
            assert_eq!(g[k], s[i], "column {name}, dyad-year {:?}", key(shipped, i));
        }
    }
}

#[test]
fn years_outside_the_data_are_refused() {
    let err = create_dyad_years(
        rec(),
        &CreateOptions {
            directed: true,
            years: Some((1800, 1900)),
            current_year: CURRENT_YEAR,
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("1816–2025"), "{err}");
    assert!(create_dyad_years(
        rec(),
        &CreateOptions {
            directed: true,
            years: Some((1816, 2026)),
            current_year: CURRENT_YEAR
        }
    )
    .is_err());
    assert!(Step::parse_list("atop,bogus")
        .unwrap_err()
        .to_string()
        .contains("unknown table `bogus`"));
}
