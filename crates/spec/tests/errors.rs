//! Error messages as users see them: every `bad/NAME.toml` is checked and its errors
//! (`file:line:column: key: message (hint: …)`, one per line) must equal `bad/NAME.expected`.
//!
//! After a deliberate change to the messages, regenerate the expected files with
//! `CASUS_BLESS=1 cargo test -p casus-spec --test errors` and review the diff.

use casus_core::StateSystem;
use std::path::Path;
use std::sync::OnceLock;

fn states() -> &'static StateSystem {
    static S: OnceLock<StateSystem> = OnceLock::new();
    S.get_or_init(|| {
        casus_data::load_world(&casus_data::DataSource::Bundled)
            .expect("bundled data loads")
            .states
    })
}

fn check_file(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let text = std::fs::read_to_string(dir.join(format!("{name}.toml"))).unwrap();
    let groups = casus_spec::library_groups(states()).unwrap();
    let label = format!("bad/{name}.toml");
    match casus_spec::check(&text, &label, states(), &groups) {
        Ok(_) => panic!("{label} should not be valid"),
        Err(e) => format!("{e}\n"),
    }
}

fn expect(name: &str) {
    let got = check_file(name);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/bad/{name}.expected"));
    if std::env::var_os("CASUS_BLESS").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing; run with CASUS_BLESS=1", path.display()));
    assert_eq!(got, want, "errors for bad/{name}.toml changed:\n{got}");
}

macro_rules! bad {
    ($($test:ident => $name:literal,)*) => {
        $(#[test] fn $test() { expect($name) })*

        #[test]
        fn every_bad_file_has_a_test() {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
            let mut files: Vec<String> = std::fs::read_dir(dir).unwrap()
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter_map(|f| f.strip_suffix(".toml").map(str::to_string))
                .collect();
            files.sort();
            let mut names = vec![$($name.to_string()),*];
            names.sort();
            assert_eq!(files, names);
        }
    };
}

bad! {
    syntax_error => "syntax",
    unknown_keys_name_the_closest_key => "unknown-key",
    unknown_states_suggest_names => "unknown-state",
    unknown_group => "unknown-group",
    malformed_and_out_of_range_dates => "dates",
    roles_no_party_has => "roles",
    a_state_cannot_guarantee_itself => "self-guarantee",
    enum_values_list_the_valid_ones => "enums",
    accession_rules => "accession",
    scopes => "scopes",
    conditions_exceptions_contributions => "conditions",
    examples => "examples",
    wrong_types => "types",
    missing_required_keys => "missing",
    party_not_a_state_on_entry => "membership",
    incident_library => "incidents",
    group_library => "groups",
    attacker_is_party_exceptions => "attacker-is-party",
    exit_how_values_and_an_exit_to_qualify => "exit-how",
}

#[test]
fn errors_are_collected_not_stopped_at_the_first() {
    let got = check_file("enums");
    assert!(got.lines().count() >= 5, "{got}");
}

#[test]
fn display_format() {
    let e = casus_spec::SpecError {
        file: "f.toml".into(),
        line: 3,
        column: 7,
        key: "clause[1].obligors".into(),
        message: "no party has the role `x`".into(),
        hint: Some("did you mean `role:y`?".into()),
    };
    assert_eq!(
        e.to_string(),
        "f.toml:3:7: clause[1].obligors: no party has the role `x` (hint: did you mean `role:y`?)"
    );
}
