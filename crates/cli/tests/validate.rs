//! `casus validate joiners` and `casus treaty show` as a user sees them: the treaty-tie
//! bound on recall in the table and the JSON, and how a party left.

use assert_cmd::Command;
use predicates::prelude::*;

fn casus() -> Command {
    Command::cargo_bin("casus").unwrap()
}

#[test]
fn validate_joiners_shows_the_recall_bound() {
    let out = casus()
        .args(["validate", "joiners", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["schema"], "casus.validate-joiners/1");
    for s in v["scores"].as_array().unwrap() {
        let actual = s["actual"].as_u64().unwrap();
        let untied = s["untied"].as_u64().unwrap();
        assert!(untied <= actual, "{s}");
        if let (Some(r), Some(b)) = (s["recall"].as_f64(), s["recall_bound"].as_f64()) {
            assert!(r <= b + 1e-12, "{s}");
        }
    }
    casus()
        .args(["validate", "joiners"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no tie").and(predicate::str::contains("recall bound")));
}

#[test]
fn treaty_show_says_how_a_party_left() {
    casus()
        .args(["treaty", "show", "rio-1947"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1962-01-31 (excluded)"));
    let out = casus()
        .args(["treaty", "show", "anzus-1951", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let nz = v["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["ccode"] == 920)
        .expect("New Zealand");
    assert_eq!(nz["exit"], "1986-08-11");
    assert_eq!(nz["exit_how"], "suspended");
    casus()
        .args(["treaty", "show", "anzus-1951", "--format", "csv"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("exit_how")
                .and(predicate::str::contains("1986-08-11,suspended")),
        );
}
