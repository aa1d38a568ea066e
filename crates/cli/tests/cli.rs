//! The `casus` binary as a user sees it: foundation commands (data, states, treaty) and
//! error handling. Each test runs the real binary.

use assert_cmd::Command;
use predicates::prelude::*;

fn casus() -> Command {
    Command::cargo_bin("casus").unwrap()
}

#[test]
fn data_info_lists_every_dataset_with_rows() {
    let out = casus()
        .args(["data", "info", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let rows = |file: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|d| d["file"] == file)
            .unwrap()["rows"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(rows("atop5/atop5_1a.csv"), 789);
    assert_eq!(rows("atop5/atop5_1m.csv"), 2510);
    assert_eq!(rows("atop_alliance.csv"), 273_296);
    assert_eq!(rows("gml_part.csv"), 5217);
}

#[test]
fn data_cite_bibtex() {
    casus()
        .args(["data", "cite", "atop", "--format", "bibtex"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("@article{leeds2002atop")
                .and(predicate::str::contains("International Interactions")),
        );
    casus()
        .args(["data", "cite", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown dataset `nope`"));
}

#[test]
fn states_on_reunification_day() {
    let out = casus()
        .args(["states", "--date", "1990-10-03", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 1 + 161);
    assert!(text.contains("255,GMY,Germany,1990-10-03,2016-12-31"));
    assert!(!text.contains("\n260,"));
    casus()
        .args(["states", "--date", "2016-12-31"])
        .assert()
        .success()
        .stdout(predicate::str::contains("195 system members on 2016-12-31"));
    casus()
        .args(["states", "--year", "1816"])
        .assert()
        .success()
        .stdout(predicate::str::contains("system members on 1816"));
}

#[test]
fn states_bad_input() {
    casus()
        .args(["states", "--date", "1990-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
    casus()
        .args(["states"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--date"));
    casus()
        .args(["states", "--year", "2100"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("outside the state list"));
}

#[test]
fn treaty_show_3180_is_nato() {
    casus()
        .args(["treaty", "show", "3180"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("defence pact")
                .and(predicate::str::contains("United States of America")),
        );
    casus()
        .args(["treaty", "show", "nato"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("North Atlantic Treaty")
                .and(predicate::str::contains("2024-03-07")),
        );
}

#[test]
fn treaty_list_for_ukraine_in_1995() {
    let out = casus()
        .args([
            "treaty", "list", "--state", "UKR", "--year", "1995", "--format", "csv",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("atop:4016"),
        "Russia–Ukraine 1990 treaty: {text}"
    );
    assert!(text.contains("budapest-1994"), "{text}");
    casus()
        .args(["treaty", "list", "--state", "Ukrane"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Ukraine"));
    casus()
        .args(["treaty", "show", "99999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no ATOP alliance"));
}

#[test]
fn data_dir_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    casus()
        .args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "states",
            "--year",
            "1900",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is missing").and(predicate::str::contains(".csv")));
}

#[test]
fn closed_pipe_is_not_an_error() {
    for format in ["csv", "json"] {
        closed_pipe(format);
    }
}

fn closed_pipe(format: &str) {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("casus"))
        .args(["treaty", "list", "--format", format])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the rest of the output hits a closed pipe.
    let out = child.wait_with_output().unwrap();
    if format == "csv" {
        assert_eq!(first.trim(), "id,name,from,to,members,kinds");
    }
    assert!(
        out.status.success(),
        "exit {:?}, stderr {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Tables fit the width in `COLUMNS` (cells wrap); without it, piped rows stay whole.
#[test]
fn tables_fit_the_terminal_width() {
    let args = [
        "compare",
        "ukraine-a",
        "ukraine-b",
        "ukraine-c",
        "ukraine-d",
        "--attacker",
        "RUS",
        "--target",
        "UKR",
        "--date",
        "2025-09-01",
    ];
    let table_widths = |out: &[u8]| -> Vec<usize> {
        String::from_utf8_lossy(out)
            .lines()
            .filter(|l| l.starts_with(['┌', '│', '╞', '└']))
            .map(|l| l.chars().count())
            .collect()
    };
    let narrow = casus().env("COLUMNS", "100").args(args).assert().success();
    let widths = table_widths(&narrow.get_output().stdout);
    assert!(!widths.is_empty());
    assert!(widths.iter().all(|&w| w <= 100), "{widths:?}");
    let wide = casus().env_remove("COLUMNS").args(args).assert().success();
    assert!(table_widths(&wide.get_output().stdout)
        .iter()
        .any(|&w| w > 100));
}

/// A header-only state list in `--data-dir` is blamed on that file, not on the treaty library.
#[test]
fn an_empty_state_list_is_blamed_on_its_file() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if !shared.is_dir() {
        return; // needs the shared/data layout beside the clone (development and CI have it)
    }
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&shared, dir.path());
    std::fs::write(
        dir.path().join("cw_system.csv"),
        "ccode,cw_abb,cw_name,start,end\n",
    )
    .unwrap();
    let out = casus()
        .args(["--data-dir"])
        .arg(dir.path())
        .args([
            "invoke",
            "--attacker",
            "RUS",
            "--target",
            "UKR",
            "--date",
            "2020-01-01",
        ])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(
        err.contains("cw_system.csv") && err.contains("no state rows"),
        "{err}"
    );
    assert!(!err.contains("treaties/"), "{err}");
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}
