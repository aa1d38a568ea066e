//! `casus report`: one static HTML file per scenario (issue 5).

use assert_cmd::Command;
use predicates::prelude::*;

fn casus() -> Command {
    Command::cargo_bin("casus").unwrap()
}

const SCENARIO: [&str; 8] = [
    "--spec",
    "ukraine-b",
    "--attacker",
    "RUS",
    "--target",
    "UKR",
    "--date",
    "2025-09-01",
];

#[test]
fn report_is_one_static_html_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    casus()
        .arg("report")
        .args(SCENARIO)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote"));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(!html.contains("<script"), "readable without scripts");
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "no external resource"
    );
    for ccode in [2, 200, 220] {
        assert!(
            html.contains(&format!(
                "data-ccode=\"{ccode}\" data-strength=\"as-it-deems-necessary\""
            )),
            "{ccode} is obliged on the map"
        );
    }
    for needle in [
        "Alliance network",
        "Capability balance",
        "Obligations and their trace",
        "Backtest",
        "ukraine-b",
        "Natural Earth",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    // Only the report is left in the directory (the temporary file was moved into place).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn report_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    std::fs::write(&out, "keep me").unwrap();
    casus()
        .arg("report")
        .args(SCENARIO)
        .args(["--no-backtest", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    casus()
        .arg("report")
        .args(SCENARIO)
        .args(["--no-backtest", "--force", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out).unwrap().contains("<svg"));
}

#[test]
fn report_bad_scenario_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    casus()
        .args([
            "report",
            "--attacker",
            "RUS",
            "--target",
            "Atlantis",
            "--date",
            "2025-09-01",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("target"));
    assert!(!out.exists());
}
