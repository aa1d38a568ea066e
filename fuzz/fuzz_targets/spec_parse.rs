//! Feeds arbitrary bytes (as UTF-8 text) to every casus-spec entry point. The parser must
//! never panic, and every error must point inside the text.
#![no_main]

use casus_core::treaty::{Group, Origin};
use casus_core::StateSystem;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn world() -> &'static (StateSystem, Vec<Group>) {
    static W: OnceLock<(StateSystem, Vec<Group>)> = OnceLock::new();
    W.get_or_init(|| {
        let states = casus_data::load_world(&casus_data::DataSource::Bundled)
            .expect("bundled data loads")
            .states;
        let groups = casus_spec::library_groups(&states).expect("library groups parse");
        (states, groups)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (states, groups) = world();
    let lines = text.split('\n').count();
    let check = |r: Result<(), casus_spec::SpecErrors>| {
        if let Err(e) = r {
            assert!(!e.is_empty());
            for err in &e {
                assert!(
                    err.line >= 1 && err.line <= lines && err.column >= 1,
                    "{err}"
                );
            }
        }
    };
    check(
        casus_spec::parse_spec(
            text,
            "fuzz.toml",
            states,
            groups,
            Origin::User {
                file: "fuzz.toml".into(),
            },
        )
        .map(|_| ()),
    );
    check(casus_spec::parse_groups(text, "fuzz.toml", states).map(|_| ()));
    check(casus_spec::parse_incidents(text, "fuzz.toml", states).map(|_| ()));
});
