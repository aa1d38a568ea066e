//! `casus invoke`, `compare` and `incidents` as a user sees them: the documented JSON
//! schema, exit codes, and clear messages for bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn casus() -> Command {
    Command::cargo_bin("casus").unwrap()
}

fn json(args: &[&str]) -> Value {
    let out = casus()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn ukraine_variant_b_json_schema() {
    let v = json(&[
        "invoke",
        "--attacker",
        "RUS",
        "--target",
        "UKR",
        "--date",
        "2025-09-01",
        "--spec",
        "ukraine-b",
    ]);
    assert_eq!(v["schema"], "casus.invoke/1");
    assert_eq!(v["incident"]["target"]["abb"], "UKR");
    assert_eq!(v["incident"]["attackers"][0]["abb"], "RUS");
    let obligations = v["obligations"].as_array().unwrap();
    for o in obligations {
        for key in [
            "obligor",
            "beneficiary",
            "kind",
            "strength",
            "treaty",
            "article",
            "status",
            "trace",
        ] {
            assert!(o.get(key).is_some(), "obligation lacks `{key}`: {o}");
        }
    }
    let mut art2: Vec<&str> = obligations
        .iter()
        .filter(|o| {
            o["treaty"]["id"] == "ukraine-b" && o["article"] == "2" && o["status"] == "triggered"
        })
        .map(|o| o["obligor"]["abb"].as_str().unwrap())
        .collect();
    art2.sort();
    assert_eq!(art2, ["FRN", "UKG", "USA"]);
    let us = obligations
        .iter()
        .find(|o| {
            o["treaty"]["id"] == "ukraine-b" && o["obligor"]["abb"] == "USA" && o["article"] == "2"
        })
        .unwrap();
    assert_eq!(us["strength"], "as-it-deems-necessary");
    let checks: Vec<&str> = us["trace"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["check"].as_str().unwrap())
        .collect();
    assert!(
        checks.contains(&"scope") && checks.contains(&"trigger"),
        "{checks:?}"
    );
    assert_eq!(v["rounds"][0]["round"], 1);
    assert!(v["balance"]["side_a"]["cinc"].as_f64().unwrap() > 0.0);
    assert!(v["balance"]["note"].as_str().unwrap().contains("2022"));
    assert!(v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n.as_str().unwrap().contains("2016-12-31")));
}

#[test]
fn table_output_names_obligors_and_trace() {
    casus()
        .args([
            "invoke",
            "--attacker",
            "RUS",
            "--target",
            "UKR",
            "--date",
            "2025-09-01",
            "--spec",
            "ukraine-b",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("USA UKG FRN (3)")
                .and(predicate::str::contains("Trace"))
                .and(predicate::str::contains("Balance of capabilities")),
        );
}

#[test]
fn exit_code_1_when_nothing_is_obliged() {
    // Variant (a) covers territory under Ukraine's control only: an attack on occupied
    // Crimea obliges no one.
    casus()
        .args([
            "invoke",
            "--attacker",
            "RUS",
            "--target",
            "UKR",
            "--date",
            "2025-09-01",
            "--place",
            "occupied",
        ])
        .args(["--spec", "ukraine-a", "--only-specs"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("0 triggered, 0 undetermined"));
}

#[test]
fn library_incident_and_list() {
    casus()
        .args(["incidents"])
        .assert()
        .success()
        .stdout(predicate::str::contains("crimea-2014"));
    let v = json(&[
        "invoke",
        "--incident",
        "september-11-2001",
        "--spec",
        "nato",
        "--only-specs",
    ]);
    let n = v["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["article"] == "5" && o["status"] == "triggered")
        .count();
    assert_eq!(n, 18);
    casus()
        .args(["invoke", "--incident", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("crimea-2014"));
}

#[test]
fn bad_input_is_named() {
    casus()
        .args([
            "invoke",
            "--attacker",
            "Rusia",
            "--target",
            "UKR",
            "--date",
            "2025-09-01",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unknown state `Rusia`")
                .and(predicate::str::contains("Russia (RUS)")),
        );
    casus()
        .args([
            "invoke",
            "--attacker",
            "RUS",
            "--target",
            "UKR",
            "--date",
            "2025-02-30",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
    casus()
        .args([
            "invoke",
            "--attacker",
            "RUS",
            "--target",
            "UKR",
            "--date",
            "2025-09-01",
            "--place",
            "region:mars",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown region `mars`"));
    casus()
        .args([
            "invoke",
            "--attacker",
            "RUS",
            "--target",
            "RUS",
            "--date",
            "2025-09-01",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot also be an attacker"));
    casus()
        .args([
            "invoke",
            "--attacker",
            "RUS",
            "--target",
            "UKR",
            "--date",
            "2025-09-01",
            "--spec",
            "no-such-treaty",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no treaty `no-such-treaty`"));
}

#[test]
fn spec_file_with_errors_points_at_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "id = \"bad\"\nname = \"Bad\"\nstatus = \"proposed\"\nproposed = \"2025-08-15\"\n\n[[party]]\nstate = \"Ukrane\"\nroles = [\"protected\"]\n",
    )
    .unwrap();
    casus()
        .args([
            "invoke",
            "--attacker",
            "RUS",
            "--target",
            "UKR",
            "--date",
            "2025-09-01",
            "--spec",
            path.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml:7:").and(predicate::str::contains("Ukraine")));
}

#[test]
fn compare_shows_variants_and_blockers() {
    let out = casus()
        .args([
            "compare",
            "ukraine-a",
            "ukraine-b",
            "ukraine-c",
            "ukraine-d",
            "--attacker",
            "RUS",
            "--target",
            "UKR",
        ])
        .args(["--date", "2025-09-01", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let variants = v["variants"].as_array().unwrap();
    assert_eq!(variants.len(), 4);
    let by = |id: &str| variants.iter().find(|x| x["spec"] == id).unwrap();
    assert_eq!(by("ukraine-a")["strongest"], "automatic");
    assert_eq!(by("ukraine-b")["strongest"], "as-it-deems-necessary");
    assert_eq!(by("ukraine-c")["strongest"], "consult");
    assert!(by("ukraine-d")["triggered"].as_array().unwrap().is_empty());
    assert!(by("ukraine-d")["blocked_by"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["abb"] == "USA"));
    assert!(
        by("ukraine-d")["like_nato_art5"]["score"].as_f64().unwrap()
            > by("ukraine-c")["like_nato_art5"]["score"].as_f64().unwrap()
    );
    casus()
        .args([
            "compare",
            "ukraine-a",
            "--attacker",
            "RUS",
            "--target",
            "UKR",
            "--date",
            "2025-09-01",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("two to eight"));
}

#[test]
fn a_repeated_attacker_counts_once() {
    let args = |attackers: &[&str]| {
        let mut a = vec!["invoke", "--target", "UKR", "--date", "2025-09-01"];
        for x in attackers {
            a.extend(["--attacker", x]);
        }
        json(&a)
    };
    let once = args(&["RUS"]);
    let repeated = args(&["RUS", "365", "Russia"]);
    assert_eq!(
        repeated["incident"]["attackers"].as_array().unwrap().len(),
        1
    );
    assert_eq!(once, repeated, "naming Russia three times changes nothing");
}

#[test]
fn a_target_outside_the_system_is_warned_about() {
    let out = casus()
        .args([
            "invoke",
            "--attacker",
            "RUS",
            "--target",
            "UKR",
            "--date",
            "1816-06-01",
        ])
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: the target Ukraine (UKR) is not a member"),
        "{stderr}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["warnings"].as_array().unwrap().len(), 1);
}
