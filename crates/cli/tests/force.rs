//! Every file casus writes is written atomically and an existing file is kept unless
//! `--force`: `dyads -o`, `stateyears -o`, `similarity -o`, `backtest --plot`, `report -o`
//! (the report's own test is in report.rs).

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn casus() -> Command {
    Command::cargo_bin("casus").unwrap()
}

/// Runs `args` + `path` on an existing file: refused (exit 2, a hint, the file untouched,
/// no temporary file left); then with `--force`: replaced.
fn refused_then_forced(args: &[&str], path: &Path, replaced: impl Fn(&str) -> bool) {
    std::fs::write(path, "keep me").unwrap();
    casus()
        .args(args)
        .arg(path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exists").and(predicate::str::contains("--force")));
    assert_eq!(std::fs::read_to_string(path).unwrap(), "keep me");
    let dir = path.parent().unwrap();
    assert_eq!(
        std::fs::read_dir(dir).unwrap().count(),
        1,
        "no temporary file left"
    );
    casus()
        .args(args)
        .arg(path)
        .arg("--force")
        .assert()
        .success();
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        replaced(&text),
        "{args:?}: {}",
        &text[..text.len().min(200)]
    );
    assert_eq!(
        std::fs::read_dir(dir).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn dyads_output_needs_force_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    refused_then_forced(
        &["dyads", "--years", "1816", "-q", "-o"],
        &dir.path().join("d.csv"),
        |t| t.starts_with("ccode1,ccode2,year"),
    );
}

#[test]
fn stateyears_output_needs_force_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    refused_then_forced(
        &["stateyears", "--years", "1816", "-q", "-o"],
        &dir.path().join("s.csv"),
        |t| t.starts_with("ccode,cw_name,year"),
    );
}

#[test]
fn similarity_output_needs_force_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    refused_then_forced(
        &["similarity", "--alliance", "3180", "-q", "-o"],
        &dir.path().join("sim.csv"),
        |t| t.starts_with("atopid,"),
    );
}

#[test]
fn backtest_plot_needs_force_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    refused_then_forced(
        &[
            "backtest", "nato", "--from", "1990", "--format", "csv", "--plot",
        ],
        &dir.path().join("nato.svg"),
        |t| t.starts_with("<svg"),
    );
}
