//! `casus backtest` and `casus reliability` as a user sees them: outputs, the plot, and
//! clear errors (exit 2, never a panic) for bad input.

use assert_cmd::Command;
use predicates::prelude::*;

fn casus() -> Command {
    Command::cargo_bin("casus").unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = casus()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn backtest_nato_table_names_the_obliged() {
    casus()
        .args([
            "backtest",
            "nato",
            "--from",
            "1952",
            "--to",
            "1952",
            "--min-hostility",
            "4",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("nato — North Atlantic Treaty")
                .and(predicate::str::contains("MID 1295"))
                .and(predicate::str::contains("Exposure")),
        );
}

#[test]
fn backtest_json_shape() {
    let v = json(&[
        "backtest", "3180", "--from", "1949", "--to", "1955", "--kind", "defence", "--format",
        "json",
    ]);
    assert_eq!(v["schema"], "casus.backtest/1");
    assert_eq!(v["from"], "1949-01-01");
    let t = &v["treaties"][0];
    assert_eq!(t["id"], "atop:3180");
    // ATOP codes NATO's defence pledge as conditional on a location it does not name.
    assert_eq!(t["counts"]["triggered"], 0);
    assert!(t["counts"]["undetermined"].as_u64().unwrap() > 0);
    let inc = t["incidents"].as_array().unwrap();
    let greece = inc
        .iter()
        .find(|h| h["incident"]["dispute"] == "MID 1295")
        .expect("MID 1295");
    assert_eq!(greece["incident"]["target"]["abb"], "GRC");
    assert_eq!(greece["obligations"].as_array().unwrap().len(), 13);
    assert!(t["exposure"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["state"]["abb"] == "USA"));
}

#[test]
fn backtest_as_if_since_csv_and_plot() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("ukraine.svg");
    let out = casus()
        .args([
            "backtest",
            "ukraine-b",
            "ukraine-a",
            "--as-if-since",
            "1994-12-05",
            "--format",
            "csv",
            "--table",
            "treaties",
            "--plot",
        ])
        .arg(&svg)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("treaty,name,parties,triggered,undetermined,to fight,"));
    assert!(text.contains("\nukraine-b,"));
    let plot = std::fs::read_to_string(&svg).unwrap();
    assert!(
        plot.starts_with("<svg")
            && plot.contains("ukraine-b")
            && plot.contains("2014: 1 triggered")
    );
    // Deterministic: the same bytes twice.
    let again = dir.path().join("again.svg");
    casus()
        .args([
            "backtest",
            "ukraine-b",
            "ukraine-a",
            "--as-if-since",
            "1994-12-05",
            "--format",
            "csv",
            "--plot",
        ])
        .arg(&again)
        .assert()
        .success();
    assert_eq!(plot, std::fs::read_to_string(&again).unwrap());
}

#[test]
fn backtest_spec_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pact.toml");
    std::fs::write(
        &path,
        r#"
id = "us-ukg-pact"
name = "A hypothetical US–UK defence pact"
status = "in-force"
in-force = "1946-01-01"

[[party]]
states = ["USA", "UKG"]
roles = ["member"]

[[clause]]
article = "1"
paraphrase = "An armed attack on one is an attack on both."
kind = "defence"
obligors = ["parties"]
beneficiaries = ["parties"]
strength = "automatic"
trigger = "armed-attack"
"#,
    )
    .unwrap();
    casus()
        .args([
            "backtest",
            "--from",
            "1946",
            "--to",
            "1960",
            "--min-hostility",
            "4",
        ])
        .arg(&path)
        .assert()
        .success()
        // Korea 1950 (MID 51, a war) triggers it; the Berlin blockade (MID 26, no recorded
        // fatality) is below the gravity threshold of an armed attack (docs/backtest.md).
        .stdout(
            predicate::str::contains("us-ukg-pact")
                .and(predicate::str::contains("MID 51"))
                .and(predicate::str::contains("MID 26 ").not()),
        );
}

#[test]
fn backtest_unknown_treaty_is_a_clear_error() {
    casus()
        .args(["backtest", "no-such-treaty"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no treaty `no-such-treaty`")
                .and(predicate::str::contains("panicked").not()),
        );
    casus()
        .args(["backtest", "99999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no ATOP alliance with id 99999"));
}

#[test]
fn backtest_empty_window_is_a_clear_error() {
    casus()
        .args(["backtest", "nato", "--from", "2000", "--to", "1990"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "empty window: --from 2000 is after --to 1990",
        ));
    casus()
        .args([
            "backtest", "nato", "--from", "2011", "--to", "2013", "--source", "mids",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no incidents from 2011-01-01 to 2013-12-31",
        ));
    casus()
        .args(["backtest", "nato", "--from", "19x0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--from `19x0`"));
    casus()
        .args(["backtest"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("name a treaty"));
    casus()
        .args(["backtest", "nato", "--min-hostility", "7"])
        .assert()
        .code(2);
    casus()
        .args(["backtest", "nato", "--as-if-since", "1994"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--as-if-since"));
    casus()
        .args(["backtest", "nato", "--plot", "x.png"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("PNG is not supported"));
}

#[test]
fn backtest_spec_with_errors_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "id = \"bad\"\nname = \"Bad\"\nstatus = \"in-force\"\n\n[[party]]\nstate = \"NOWHERE\"\n",
    )
    .unwrap();
    casus().arg("backtest").arg(&path).assert().code(2).stderr(
        predicate::str::contains("bad.toml:").and(predicate::str::contains("panicked").not()),
    );
}

#[test]
fn backtest_nothing_triggered_exits_1() {
    // ATOP 1005 (1815) against the MIDs of the 1990s: not in force.
    casus()
        .args(["backtest", "1005", "--from", "1990", "--to", "1999"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no incident"));
}

#[test]
fn reliability_wars_summary_and_cases() {
    casus()
        .args(["reliability", "--wars", "--to", "1944"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("ally by ally")
                .and(predicate::str::contains("Leeds, Long & Mitchell 2000"))
                .and(predicate::str::contains("1816–1944")),
        );
    let v = json(&["reliability", "--to", "1944", "--format", "json"]);
    assert_eq!(v["schema"], "casus.reliability/1");
    let cases = v["cases"].as_array().unwrap();
    assert!(cases.iter().any(|c| c["treaty"] == "atop:1385"
        && c["ally"]["abb"] == "FRN"
        && c["attacked"]["abb"] == "RUS"
        && c["outcome"] == "honoured"));
    let out = casus()
        .args([
            "reliability",
            "--mids",
            "--treaty",
            "3180",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with(
        "treaty,dispute,date,attackers,attacked,ally,pledge,applies,outcome,verdict,"
    ));
    assert!(text.lines().skip(1).all(|l| l.starts_with("atop:3180,")));
}

#[test]
fn reliability_reproduces_berkemeier_fuhrmann() {
    casus()
        .args(["reliability", "--reproduce", "bf2018", "--during-war"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("of the article's 139 activated cases")
                .and(predicate::str::contains("69/139 = 49.6%"))
                .and(predicate::str::contains("before 1945")),
        );
    let v = json(&["reliability", "--reproduce", "bf2018", "--format", "json"]);
    assert_eq!(v["article_activated"], 139);
    let out = casus()
        .args(["reliability", "--reproduce", "bf2018", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("war,war name,year,atop,overlap,article,casus strict,"));
}

#[test]
fn reliability_bad_input() {
    casus()
        .args(["reliability", "--from", "1950", "--to", "1900"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty window"));
    casus()
        .args(["reliability", "--treaty", "nato"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ATOP alliances only"));
    casus()
        .args(["reliability", "--wars", "--mids"])
        .assert()
        .code(2);
}
