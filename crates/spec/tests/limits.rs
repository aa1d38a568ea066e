//! Hostile sizes: a list that repeats one state thousands of times, a file with thousands
//! of errors, a text over the size limit. Each is checked quickly with a bounded report
//! (issue 13, finding 1: the overlap check compared every pair and took 16 s for 2,000).

use casus_core::treaty::{Group, Origin};
use casus_core::StateSystem;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn states() -> &'static StateSystem {
    static S: OnceLock<StateSystem> = OnceLock::new();
    S.get_or_init(|| {
        casus_data::load_world(&casus_data::DataSource::Bundled)
            .expect("bundled data loads")
            .states
    })
}

fn groups() -> &'static [Group] {
    static G: OnceLock<Vec<Group>> = OnceLock::new();
    G.get_or_init(|| casus_spec::library_groups(states()).unwrap())
}

/// Generous for a release build on a loaded machine; the quadratic check took 16 s.
const FAST: Duration = Duration::from_secs(1);

fn repeated(n: usize) -> String {
    vec!["\"RUS\""; n].join(", ")
}

fn party_spec(n: usize) -> String {
    format!(
        r#"id = "many"
name = "One state listed many times"
status = "proposed"
proposed = "2025-08-15"

[[party]]
states = [{}]

[[clause]]
article = "1"
paraphrase = "Parties defend each other."
kind = "defence"
obligors = ["parties"]
beneficiaries = ["parties"]
strength = "automatic"
trigger = "armed-attack"
"#,
        repeated(n)
    )
}

fn group_file(n: usize) -> String {
    format!(
        "[[group]]\nid = \"many\"\nname = \"Many\"\n\n[[group.member]]\nstates = [{}]\nentry = \"1992-01-01\"\n",
        repeated(n)
    )
}

/// Times `f` alone: the state system and groups are loaded (once per process) before the clock starts.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let _ = (states(), groups());
    let t = Instant::now();
    let v = f();
    (v, t.elapsed())
}

#[test]
fn a_party_list_repeating_one_state_is_checked_fast_with_bounded_errors() {
    for n in [2_000, 10_000] {
        let text = party_spec(n);
        let (r, took) = timed(|| casus_spec::check(&text, "many.toml", states(), groups()));
        let errors = r.expect_err("overlapping spells are errors");
        assert!(took < FAST, "{n} parties took {took:?}");
        // The overlaps reported, then one line saying there are more.
        assert_eq!(errors.len(), casus_spec::MAX_OVERLAP_ERRORS + 1, "{errors}");
        let first = errors.iter().next().unwrap();
        assert!(
            first
                .message
                .contains("RUS is already listed from 2025-08-15 (line 7)"),
            "{first}"
        );
        assert!(errors
            .iter()
            .last()
            .unwrap()
            .message
            .contains("more spells overlap"));
    }
}

#[test]
fn group_members_repeating_one_state_are_checked_fast_with_bounded_errors() {
    for n in [2_000, 10_000] {
        let text = group_file(n);
        let (r, took) = timed(|| casus_spec::check(&text, "groups.toml", states(), &[]));
        let errors = r.expect_err("overlapping spells are errors");
        assert!(took < FAST, "{n} members took {took:?}");
        assert_eq!(errors.len(), casus_spec::MAX_OVERLAP_ERRORS + 1, "{errors}");
    }
}

#[test]
fn a_few_overlaps_are_all_reported_as_before() {
    let text = party_spec(3);
    let errors = casus_spec::check(&text, "few.toml", states(), groups()).unwrap_err();
    // The second and the third RUS, each naming the first (duplicates collapse).
    assert_eq!(errors.len(), 2, "{errors}");
}

#[test]
fn errors_for_one_file_stop_at_the_cap_with_a_count_of_the_rest() {
    // 5,000 unknown states: one error each.
    let names = vec!["\"XYZZY\""; 5_000].join(",\n  ");
    let text = party_spec(1).replace("states = [\"RUS\"]", &format!("states = [\n  {names}\n]"));
    let (r, took) = timed(|| casus_spec::check(&text, "typos.toml", states(), groups()));
    let errors = r.unwrap_err();
    assert!(took < FAST * 5, "took {took:?}");
    assert_eq!(errors.len(), casus_spec::MAX_ERRORS + 1);
    let last = errors.iter().last().unwrap();
    assert_eq!(
        last.message,
        format!(
            "… and {} more errors (only the first 100 are reported)",
            5_000 - 100
        )
    );
}

#[test]
fn a_text_over_the_size_limit_is_refused_before_parsing() {
    let mut text = party_spec(1);
    text.push_str(&"#".repeat(casus_spec::MAX_SPEC_BYTES));
    let (r, took) = timed(|| casus_spec::check(&text, "huge.toml", states(), groups()));
    let errors = r.unwrap_err();
    assert!(took < Duration::from_millis(100), "took {took:?}");
    assert_eq!(errors.len(), 1);
    let e = errors.iter().next().unwrap();
    assert!(
        e.to_string()
            .starts_with("huge.toml:1:1: huge.toml is larger than 1048576 bytes"),
        "{e}"
    );
    let user = Origin::User {
        file: "huge.toml".into(),
    };
    assert!(casus_spec::parse_spec(&text, "huge.toml", states(), groups(), user).is_err());
    assert!(casus_spec::parse_groups(&text, "huge.toml", states()).is_err());
    assert!(casus_spec::parse_incidents(&text, "huge.toml", states()).is_err());
}
