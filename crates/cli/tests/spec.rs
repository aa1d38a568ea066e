//! `casus spec check` as a user sees it: ok lines, errors with file:line:column, JSON,
//! exit codes. Each test runs the real binary.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn casus() -> Command {
    Command::cargo_bin("casus").unwrap()
}

/// The repository's `treaties/` directory.
fn treaties() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../treaties")
}

const BAD: &str = r#"id = "draft"
name = "A draft with two mistakes"
status = "proposed"
proposed = "2025-08-15"

[[party]]
states = ["USA", "Ukrain"]
roles = ["guarantor"]

[[clause]]
article = "1"
paraphrase = "The guarantors defend."
kind = "defense"
obligors = ["role:guarantor"]
beneficiaries = ["parties"]
strength = "automatic"
trigger = "armed-attack"
"#;

#[test]
fn the_whole_library_checks() {
    let files: Vec<PathBuf> = std::fs::read_dir(treaties())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert!(files.len() >= 14);
    let out = casus()
        .arg("spec")
        .arg("check")
        .args(&files)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), files.len(), "{text}");
    assert!(text.lines().all(|l| l.starts_with("ok: ")), "{text}");
    assert!(
        text.contains("nato.toml (nato, 2 clauses, 33 parties)"),
        "{text}"
    );
    assert!(text.contains("groups.toml (groups: eu, nato)"), "{text}");
    assert!(text.contains("incidents.toml ("), "{text}");
}

#[test]
fn errors_name_file_line_column_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("draft.toml");
    std::fs::write(&f, BAD).unwrap();
    let shown = f.display().to_string();
    casus()
        .args(["spec", "check"])
        .arg(&f)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(format!(
            "{shown}:7:18: party[1].states[2]: unknown state `Ukrain`; did you mean Ukraine (UKR)"
        )))
        .stdout(predicate::str::contains(format!(
            "{shown}:13:8: clause[1].kind: unknown kind `defense` (hint: did you mean `defence`?"
        )));
}

#[test]
fn valid_and_invalid_files_together_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("draft.toml");
    std::fs::write(&f, BAD).unwrap();
    casus()
        .args(["spec", "check"])
        .arg(treaties().join("ukraine-b.toml"))
        .arg(&f)
        .assert()
        .code(2)
        .stdout(
            predicate::str::contains("ok: ").and(predicate::str::contains(
                "(ukraine-b, 2 clauses, 4 parties)",
            )),
        )
        .stdout(predicate::str::contains("unknown kind `defense`"));
}

#[test]
fn json_output() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("draft.toml");
    std::fs::write(&f, BAD).unwrap();
    let out = casus()
        .args(["spec", "check", "--format", "json"])
        .arg(treaties().join("nato.toml"))
        .arg(&f)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let a = v.as_array().unwrap();
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["ok"], true);
    assert_eq!(a[0]["id"], "nato");
    assert_eq!(a[0]["errors"].as_array().unwrap().len(), 0);
    assert_eq!(a[1]["ok"], false);
    let errors = a[1]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["line"], 7);
    assert_eq!(errors[0]["column"], 18);
    assert_eq!(errors[0]["key"], "party[1].states[2]");
    assert_eq!(errors[1]["key"], "clause[1].kind");
    assert!(errors[1]["hint"].as_str().unwrap().contains("`defence`"));
}

#[test]
fn unreadable_file_is_a_clear_error() {
    casus()
        .args(["spec", "check", "no/such/file.toml"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "error: cannot read no/such/file.toml:",
        ));
    let out = casus()
        .args(["spec", "check", "--format", "json", "no/such/file.toml"])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v[0]["ok"], false);
    assert!(v[0]["errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("cannot read"));
    assert!(v[0]["errors"][0]["line"].is_null());
}

#[test]
fn a_file_is_required() {
    casus().args(["spec", "check"]).assert().code(2);
}

/// `/dev/zero` never ends: the CLI reads at most the size limit and refuses the rest.
#[test]
#[cfg(unix)]
fn an_endless_file_is_refused_quickly() {
    let t = std::time::Instant::now();
    casus()
        .args(["spec", "check", "/dev/zero"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("larger than 1048576 bytes"));
    assert!(
        t.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        t.elapsed()
    );
}

/// A user's spec may not take a library id (issue 13, finding 5): `id = "nato"` would
/// silently replace the library's NATO. The library's own file still checks.
#[test]
fn a_library_id_is_reserved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my-nato.toml");
    std::fs::write(&path, BAD.replace("id = \"draft\"", "id = \"nato\"")).unwrap();
    casus()
        .args(["spec", "check"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "id: `nato` is reserved: it is the id of the built-in treaty in treaties/nato.toml",
        ));
    casus()
        .args(["spec", "check"])
        .arg(treaties().join("nato.toml"))
        .assert()
        .success();
}

#[test]
fn control_characters_from_a_spec_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sneaky.toml");
    // A state name that tries to end the error line and print a fake `ok:` in green.
    std::fs::write(
        &path,
        "id = \"sneaky\"\nname = \"x\"\nstatus = \"proposed\"\nproposed = \"2025-08-15\"\n\
         [[party]]\nstates = [\"USA\", \"\\r\\u001b[32mok: fine.toml\\n\"]\n",
    )
    .unwrap();
    let out = casus()
        .args(["spec", "check", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
    assert!(!text.lines().any(|l| l.starts_with("ok:")), "{text}");
    let err = casus()
        .args([
            "invoke",
            "--attacker",
            "RUS\u{1b}[2J",
            "--target",
            "UKR",
            "--date",
            "2025-09-01",
        ])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&err.stderr).contains('\u{1b}'));
}
