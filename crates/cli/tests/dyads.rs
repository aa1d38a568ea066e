//! `casus dyads`, `casus stateyears` and `casus similarity` as a user runs them.
//! Value parity with peacesciencer is tested in crates/dyad/tests/parity.rs.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn casus() -> Command {
    Command::cargo_bin("casus").unwrap()
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(
        casus()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap()
}

const P1: &str = "atop,nmc,contiguity,majors,gml-mids,capdist";

#[test]
fn dyads_csv_on_stdout() {
    let text = stdout(&["dyads", "--years", "1816", "--with", P1]);
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("ccode1,ccode2,year,atop_alliance,"));
    assert!(header.ends_with(",init1,init2,capdist"));
    assert_eq!(header.split(',').count(), 50);
    assert_eq!(text.lines().count(), 1 + 506);
    // USA–Canada 1920: land contiguity.
    let text = stdout(&["dyads", "--years", "1920", "--with", "contiguity,capdist"]);
    let row = text.lines().find(|l| l.starts_with("2,20,1920,")).unwrap();
    assert!(row.starts_with("2,20,1920,1,734.86"), "{row}");
}

#[test]
fn dyads_undirected_and_column_order_follows_with() {
    let text = stdout(&[
        "dyads",
        "--undirected",
        "--years",
        "2016",
        "--with",
        "majors,atop",
    ]);
    assert!(text.starts_with("ccode1,ccode2,year,cowmaj1,cowmaj2,atop_alliance,"));
    assert_eq!(text.lines().count(), 1 + 195 * 194 / 2);
    assert!(text.lines().skip(1).all(|l| {
        let mut f = l.split(',');
        f.next().unwrap().parse::<u32>().unwrap() < f.next().unwrap().parse::<u32>().unwrap()
    }));
}

#[test]
fn dyads_fingerprint_output() {
    let text = stdout(&[
        "dyads",
        "--years",
        "1816-1817",
        "--with",
        "atop",
        "--fingerprint",
    ]);
    let mut lines = text.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("year,n,ccode1_sum,ccode1_na,ccode2_sum,ccode2_na,atop_alliance_sum"));
    assert!(lines
        .next()
        .unwrap()
        .starts_with("1816,506,144540,0,144540,0,72,0,"));
}

#[test]
fn dyads_parquet_file_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("d.parquet");
    casus()
        .args([
            "dyads",
            "--years",
            "1990-1991",
            "--with",
            "nmc,sscore",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("columns to").and(predicate::str::contains("d.parquet")));
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..4], b"PAR1");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
    // --quiet: nothing on stderr.
    casus()
        .args(["dyads", "--years", "1990", "-q", "-o"])
        .arg(dir.path().join("q.csv"))
        .assert()
        .success()
        .stderr("");
}

#[test]
fn stateyears_csv() {
    let text = stdout(&["stateyears", "--years", "1816-2016", "--with", "nmc,majors"]);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("ccode,cw_name,year,milex,milper,irst,pec,tpop,upop,cinc,cowmaj")
    );
    assert_eq!(
        lines.next(),
        Some("2,United States of America,1816,3823,17,80,254,8659,101,0.039697491,0")
    );
    assert_eq!(text.lines().count(), 1 + 15_951);
}

#[test]
fn similarity_for_nato() {
    let text = stdout(&["similarity", "--alliance", "3180", "--format", "csv"]);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("atopid,year,mean_s,min_s,mean_pi,min_pi,mean_kappa,min_kappa")
    );
    let first = lines.next().unwrap();
    assert!(first.starts_with("3180,1949,"), "{first}");
    for l in text.lines().skip(1) {
        let v: Vec<f64> = l.split(',').skip(2).map(|x| x.parse().unwrap()).collect();
        assert!(v.iter().all(|x| (-1.0..=1.0).contains(x)), "{l}");
        assert!(
            v[1] <= v[0] && v[3] <= v[2] && v[5] <= v[4],
            "min ≤ mean: {l}"
        );
    }
    casus()
        .args(["similarity", "--alliance", "999999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("999999"));
    casus()
        .args(["similarity", "--alliance", "3180", "--weights", "none,cinc"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("one --weights"));
    casus().args(["similarity"]).assert().code(2);
}

#[test]
fn bad_input_is_refused_with_a_message() {
    let err = |args: &[&str], msg: &str| {
        casus()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(msg));
    };
    err(&["dyads", "--years", "1700-1800"], "outside the data");
    err(&["dyads", "--years", "2100"], "outside the data");
    err(&["dyads", "--years", "then"], "not a year range");
    err(
        &["dyads", "--with", "atop,alliances"],
        "unknown table `alliances`",
    );
    err(&["dyads", "--with", "atop,atop"], "given twice");
    err(
        &["stateyears", "--with", "contiguity"],
        "cannot be added to state_year",
    );
    err(
        &["dyads", "--years", "1816", "-o", "/no/such/dir/out.parquet"],
        "does not exist",
    );
    err(&["dyads", "--years", "1816", "-o", "out.txt"], "extension");
    err(
        &["dyads", "--years", "1816", "--format", "parquet"],
        "needs a file",
    );
    err(&["dyads", "--system", "gw"], "invalid value");
    let dir = tempfile::tempdir().unwrap();
    casus()
        .args(["dyads", "--years", "1816", "-o"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("directory"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// Opens casus's Parquet in pyarrow, pandas and DuckDB (crates/dyad/tests/check_parquet.py)
/// and checks types and known values of the full P1 table. Skipped when Python lacks those
/// packages, unless CASUS_REQUIRE_PYCHECK=1 (as in CI, which installs them with
/// `pip install pyarrow pandas duckdb`).
#[test]
fn parquet_opens_in_pyarrow_pandas_and_duckdb() {
    let required = std::env::var("CASUS_REQUIRE_PYCHECK").is_ok_and(|v| v == "1");
    let has_deps = std::process::Command::new("python3")
        .args(["-c", "import pyarrow, pandas, duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_deps {
        assert!(
            !required,
            "CASUS_REQUIRE_PYCHECK=1 but python3 cannot import pyarrow, pandas and duckdb"
        );
        eprintln!("skipped: python3 with pyarrow, pandas and duckdb is not available");
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dyad/tests/check_parquet.py");
    let dir = tempfile::tempdir().unwrap();
    let p1 = dir.path().join("p1.parquet");
    casus()
        .args(["dyads", "--years", "1816-2016", "--with", P1, "-q", "-o"])
        .arg(&p1)
        .assert()
        .success();
    let p3 = dir.path().join("p3.parquet");
    casus()
        .args([
            "stateyears",
            "--years",
            "1816-2016",
            "--with",
            "nmc,majors",
            "-q",
            "-o",
        ])
        .arg(&p3)
        .assert()
        .success();
    for (file, extra) in [(&p1, Some("--p1")), (&p3, None)] {
        let out = std::process::Command::new("python3")
            .arg(&script)
            .arg(file)
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn directed_and_undirected_together_are_refused() {
    casus()
        .args(["dyads", "--years", "1816", "--directed", "--undirected"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn format_and_extension_must_agree() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.csv");
    casus()
        .args(["dyads", "--years", "1816", "--format", "parquet", "-o"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not match the extension"));
    assert!(!path.exists());
}

/// Ctrl-C while a table is written leaves no hidden `.part` file (issue 13).
#[cfg(unix)]
#[test]
fn an_interrupted_write_leaves_no_temporary_file() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p1.csv");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("casus"))
        .args(["dyads", "--years", "1816-2016", "--with", P1, "-o"])
        .arg(&path)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let part = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().ends_with(".part"))
    };
    let t = Instant::now();
    while !part() && t.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(part(), "the temporary file never appeared");
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    if status.code() == Some(0) {
        return; // finished before the signal arrived: nothing to clean
    }
    assert_eq!(status.code(), Some(130));
    assert!(left.is_empty(), "left behind: {left:?}");
}
