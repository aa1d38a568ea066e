//! No input makes the parser panic, and every error points inside the text.
//!
//! Random text, TOML-shaped random text, and the library files mutated (bytes cut, copied,
//! replaced, lines swapped) go through every entry point. CI runs these; the cargo-fuzz
//! target in `fuzz/` (`spec_parse`) does the same for longer runs.

use casus_core::treaty::{Group, Origin};
use casus_core::StateSystem;
use proptest::prelude::*;
use std::sync::OnceLock;

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

/// Every library file, as seeds for mutation.
fn seeds() -> Vec<&'static str> {
    let mut v: Vec<&str> = casus_spec::library::SPECS.iter().map(|(_, t)| *t).collect();
    v.push(casus_spec::library::GROUPS.1);
    v.push(casus_spec::library::INCIDENTS.1);
    v
}

/// Runs every entry point and checks the errors' positions.
fn exercise(text: &str) {
    let lines = text.split('\n').count();
    let check = |r: Result<(), casus_spec::SpecErrors>| {
        if let Err(e) = r {
            assert!(!e.is_empty());
            for err in &e {
                assert!(
                    err.line >= 1 && err.line <= lines,
                    "line {} of {lines}: {err}",
                    err.line
                );
                assert!(err.column >= 1, "{err}");
                assert!(!err.message.is_empty());
            }
        }
    };
    check(
        casus_spec::parse_spec(
            text,
            "fuzz.toml",
            states(),
            groups(),
            Origin::User {
                file: "fuzz.toml".into(),
            },
        )
        .map(|_| ()),
    );
    check(casus_spec::parse_groups(text, "fuzz.toml", states()).map(|_| ()));
    check(casus_spec::parse_incidents(text, "fuzz.toml", states()).map(|_| ()));
    check(casus_spec::check(text, "fuzz.toml", states(), groups()).map(|_| ()));
}

/// Applies one mutation to `text` (on char boundaries).
fn mutate(text: &str, op: u8, a: usize, b: usize, insert: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return insert.to_string();
    }
    let (i, j) = {
        let (x, y) = (a % chars.len(), b % chars.len());
        (x.min(y), x.max(y))
    };
    let s = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
    match op % 6 {
        0 => s(0..i) + &s(j..chars.len()),            // cut a range
        1 => s(0..j) + &s(i..j) + &s(j..chars.len()), // duplicate a range
        2 => s(0..i) + insert + &s(i..chars.len()),   // insert
        3 => s(0..i) + insert + &s((i + 1).min(chars.len())..chars.len()), // replace one char
        4 => s(0..i),                                 // truncate
        _ => {
            let mut lines: Vec<&str> = text.lines().collect();
            let n = lines.len();
            lines.swap(a % n, b % n);
            lines.join("\n")
        }
    }
}

const TOKENS: &[&str] = &[
    "[[clause]]\n",
    "[[party]]\n",
    "[scope.x]\n",
    "[accession]\n",
    "[[example]]\n",
    "[[group]]\n",
    "[[incident]]\n",
    "= ",
    "\"",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\n",
    "id",
    "state",
    "states",
    "roles",
    "entry",
    "exit",
    "kind",
    "obligors",
    "\"role:x\"",
    "\"group:eu\"",
    "\"parties\"",
    "\"UKR\"",
    "\"2024-02-29\"",
    "1816-01-01",
    "-1",
    "99999999999999999999",
    "true",
    "1.5e308",
    "nan",
    "\"non-state:\"",
    "scope",
    "\"occupied\"",
    "\u{e9}",
    "\u{1F600}",
    "\t",
    "#",
    "'''",
    "\\u0000",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(s in "\\PC{0,300}") {
        exercise(&s);
    }

    #[test]
    fn toml_shaped_text_never_panics(parts in proptest::collection::vec(0..TOKENS.len(), 0..120)) {
        let s: String = parts.iter().map(|&i| TOKENS[i]).collect();
        exercise(&s);
    }

    #[test]
    fn mutated_library_files_never_panic(
        seed in 0usize..64,
        ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), 0..TOKENS.len()), 1..4),
    ) {
        let seeds = seeds();
        let mut text = seeds[seed % seeds.len()].to_string();
        for (op, a, b, t) in ops {
            text = mutate(&text, op, a, b, TOKENS[t]);
        }
        exercise(&text);
    }
}

#[test]
fn library_files_are_accepted_by_check() {
    for text in seeds() {
        assert!(casus_spec::check(text, "lib.toml", states(), groups()).is_ok());
    }
}

#[test]
fn edge_cases() {
    for s in [
        "",
        "\n",
        "\u{feff}",
        "id = \"x\"\n[[clause]]\n",
        "a.b.c.d.e = 1",
        "[scope]\n",
        "scope = 3",
        "[[scope]]\n",
        "clause = []\nparty = []",
    ] {
        exercise(s);
    }
    // Deep nesting is refused by the TOML parser, not by a stack overflow.
    let deep = format!("id = {}{}", "[".repeat(5000), "]".repeat(5000));
    exercise(&deep);
    let deep = format!("id = {}{}", "{a=".repeat(3000), "}".repeat(3000));
    exercise(&deep);
}
