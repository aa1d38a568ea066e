//! `casus invoke --forecast` and `casus reliability --model` as a user sees them: the JSON
//! schema (docs/forecast.md), the same draws for the same seed, bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn casus() -> Command {
    Command::cargo_bin("casus").unwrap()
}

const UKB: [&str; 9] = [
    "invoke",
    "--attacker",
    "RUS",
    "--target",
    "UKR",
    "--date",
    "2025-09-01",
    "--spec",
    "ukraine-b",
];

fn run(args: &[&str]) -> Vec<u8> {
    let out = casus().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn ukraine_b_forecast_json_schema_and_same_seed_same_answer() {
    let mut args = UKB.to_vec();
    args.extend([
        "--forecast",
        "--draws",
        "5000",
        "--seed",
        "7",
        "--format",
        "json",
    ]);
    let a = run(&args);
    assert_eq!(a, run(&args), "same seed, same output");
    let v: Value = serde_json::from_slice(&a).unwrap();
    // The invoke view is unchanged; the forecast sits beside it.
    assert_eq!(v["schema"], "casus.invoke/1");
    let f = &v["forecast"];
    assert_eq!(f["draws"], 5000);
    assert_eq!(f["seed"], 7);
    assert_eq!(f["method"], "model");
    assert_eq!(f["target"]["abb"], "UKR");
    let obligors = f["obligors"].as_array().unwrap();
    let abbs: Vec<&str> = obligors
        .iter()
        .map(|o| o["state"]["abb"].as_str().unwrap())
        .collect();
    let mut sorted = abbs.clone();
    sorted.sort();
    assert_eq!(sorted, ["FRN", "UKG", "USA"]);
    for o in obligors {
        let p = o["p_fights"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&p), "{o}");
        assert_eq!(o["treaty"], "ukraine-b");
        assert!(o["drivers"].as_array().unwrap().len() == 3);
    }
    for m in ["cinc", "milex", "milper"] {
        let b = &f["balance"][m];
        let p = b["p_outweighs"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&p));
        assert!(b["p05"].as_f64() <= b["p50"].as_f64() && b["p50"].as_f64() <= b["p95"].as_f64());
    }
    assert!(f["data_note"].as_str().unwrap().contains("carried forward"));
    assert!(
        f["validation"]["model"]["brier"].as_f64().unwrap()
            < f["validation"]["overall_share"]["brier"].as_f64().unwrap()
    );
    // Another seed gives other draws.
    let mut other = args.clone();
    other[13] = "8";
    assert_ne!(a, run(&other));
}

#[test]
fn the_table_prints_probabilities_the_balance_and_p_outweighs() {
    let mut args = UKB.to_vec();
    args.extend(["--forecast", "--no-trace"]);
    let out = String::from_utf8(run(&args)).unwrap();
    assert!(
        out.contains("Forecast: who would fight for Ukraine (UKR)"),
        "{out}"
    );
    assert!(out.contains("P(defence outweighs)"), "{out}");
    assert!(out.contains("10000 draws, seed 2025"), "{out}");
}

#[test]
fn a_state_without_a_pledge_gets_no_probability() {
    // Variant C only asks for consultation: nobody is obliged to fight.
    let v: Value = serde_json::from_slice(&run(&[
        "invoke",
        "--attacker",
        "RUS",
        "--target",
        "UKR",
        "--date",
        "2025-09-01",
        "--spec",
        "ukraine-c",
        "--only-specs",
        "--forecast",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(v["forecast"]["obligors"].as_array().unwrap().len(), 0);
    assert_eq!(v["forecast"]["balance"]["cinc"]["p_outweighs"], 0.0);
}

#[test]
fn bad_draws_and_draws_without_forecast_are_errors() {
    let mut args = UKB.to_vec();
    args.extend(["--forecast", "--draws", "0"]);
    casus()
        .args(&args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--draws"));
    let mut args = UKB.to_vec();
    args.extend(["--draws", "10"]);
    casus()
        .args(&args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--forecast"));
}

#[test]
fn reliability_model_prints_coefficients_scores_and_writes_the_plot() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("cal.svg");
    let out = run(&[
        "reliability",
        "--model",
        "--plot",
        svg.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["validation"]["cases"], 730);
    assert_eq!(v["validation"]["wars"], 57);
    assert_eq!(v["fit"]["names"].as_array().unwrap().len(), 15);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.contains("<circle"));
    // An existing plot is not replaced without --force.
    casus()
        .args(["reliability", "--model", "--plot", svg.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exists"));
}

#[test]
fn reliability_model_on_one_war_is_a_clear_error() {
    // 1991: the Gulf War alone.
    casus()
        .args(["reliability", "--model", "--from", "1991", "--to", "1991"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("forecast model:"))
        .stderr(predicate::str::contains("NaN").not());
}

#[test]
fn compare_forecast_puts_the_variants_side_by_side() {
    let v: Value = serde_json::from_slice(&run(&[
        "compare",
        "ukraine-a",
        "ukraine-b",
        "--attacker",
        "RUS",
        "--target",
        "UKR",
        "--date",
        "2025-09-01",
        "--forecast",
        "--format",
        "json",
    ]))
    .unwrap();
    // The comparison is unchanged; one forecast per variant, in order.
    assert_eq!(v["schema"], "casus.compare/1");
    let fs = v["forecasts"].as_array().unwrap();
    assert_eq!(fs.len(), 2);
    assert_eq!(fs[0]["spec"], "ukraine-a");
    let n = |i: usize| fs[i]["forecast"]["obligors"].as_array().unwrap().len();
    assert_eq!((n(0), n(1)), (1, 3));
    // More obligors, more expected comers.
    assert!(
        fs[1]["forecast"]["expected_joiners"].as_f64()
            > fs[0]["forecast"]["expected_joiners"].as_f64()
    );
}

#[test]
fn report_forecast_adds_the_section() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html");
    let mut args = vec!["report"];
    args.extend(&UKB[1..]);
    args.extend(["--forecast", "--no-backtest", "-o", html.to_str().unwrap()]);
    run(&args);
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(
        text.contains("Forecast: who would fight"),
        "no forecast section"
    );
    assert!(text.contains("P(defence outweighs)"));
}
