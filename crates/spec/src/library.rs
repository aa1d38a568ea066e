//! The built-in library: treaty specs, named groups and historical incidents, compiled in
//! from `treaties/`.

use crate::{parse_groups, parse_incidents, parse_spec, SpecErrors, SpecExample};
use casus_core::incident::Incident;
use casus_core::treaty::{Group, Origin, Treaty};
use casus_core::StateSystem;

/// Named dated groups (the EU, NATO members): `treaties/groups.toml`.
pub const GROUPS: (&str, &str) = (
    "treaties/groups.toml",
    include_str!("../../../treaties/groups.toml"),
);

/// Historical incidents: `treaties/incidents.toml`.
pub const INCIDENTS: (&str, &str) = (
    "treaties/incidents.toml",
    include_str!("../../../treaties/incidents.toml"),
);

/// Treaty and proposal specs, one per file: (path, text).
pub const SPECS: &[(&str, &str)] = &[
    (
        "treaties/nato.toml",
        include_str!("../../../treaties/nato.toml"),
    ),
    (
        "treaties/budapest-1994.toml",
        include_str!("../../../treaties/budapest-1994.toml"),
    ),
    (
        "treaties/us-japan-1960.toml",
        include_str!("../../../treaties/us-japan-1960.toml"),
    ),
    (
        "treaties/anzus-1951.toml",
        include_str!("../../../treaties/anzus-1951.toml"),
    ),
    (
        "treaties/rio-1947.toml",
        include_str!("../../../treaties/rio-1947.toml"),
    ),
    (
        "treaties/csto.toml",
        include_str!("../../../treaties/csto.toml"),
    ),
    (
        "treaties/eu-42-7.toml",
        include_str!("../../../treaties/eu-42-7.toml"),
    ),
    (
        "treaties/oas-charter-1948.toml",
        include_str!("../../../treaties/oas-charter-1948.toml"),
    ),
    (
        "treaties/arab-league-1950.toml",
        include_str!("../../../treaties/arab-league-1950.toml"),
    ),
    (
        "treaties/seato-1954.toml",
        include_str!("../../../treaties/seato-1954.toml"),
    ),
    (
        "treaties/baghdad-pact-1955.toml",
        include_str!("../../../treaties/baghdad-pact-1955.toml"),
    ),
    (
        "treaties/warsaw-pact-1955.toml",
        include_str!("../../../treaties/warsaw-pact-1955.toml"),
    ),
    (
        "treaties/cis-charter-1993.toml",
        include_str!("../../../treaties/cis-charter-1993.toml"),
    ),
    (
        "treaties/ukraine-a.toml",
        include_str!("../../../treaties/ukraine-a.toml"),
    ),
    (
        "treaties/ukraine-b.toml",
        include_str!("../../../treaties/ukraine-b.toml"),
    ),
    (
        "treaties/ukraine-b-recognised.toml",
        include_str!("../../../treaties/ukraine-b-recognised.toml"),
    ),
    (
        "treaties/ukraine-c.toml",
        include_str!("../../../treaties/ukraine-c.toml"),
    ),
    (
        "treaties/ukraine-d.toml",
        include_str!("../../../treaties/ukraine-d.toml"),
    ),
];

/// The built-in spec whose treaty has this id, as (path, text): a library spec's id is its
/// file name (`nato` is `treaties/nato.toml`; a test keeps it so). User specs may not take
/// these ids, or they would silently replace the library's treaty.
pub fn library_spec(id: &str) -> Option<(&'static str, &'static str)> {
    SPECS.iter().copied().find(|(path, _)| {
        path.strip_prefix("treaties/")
            .and_then(|f| f.strip_suffix(".toml"))
            == Some(id)
    })
}

/// Everything the built-in library holds, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Library {
    /// The library's treaties, one per spec file.
    pub treaties: Vec<Treaty>,
    /// groups.toml first, then groups that specs define themselves.
    pub groups: Vec<Group>,
    /// The incident library (treaties/incidents.toml): recent facts and classic cases.
    pub incidents: Vec<Incident>,
    /// Every `[[example]]`, with the id of the treaty it belongs to.
    pub examples: Vec<(String, SpecExample)>,
}

/// The library's named groups alone (what a user's spec may select besides its own).
pub fn library_groups(states: &StateSystem) -> Result<Vec<Group>, SpecErrors> {
    parse_groups(GROUPS.1, GROUPS.0, states)
}

/// Parses and checks the whole built-in library against a state system. All errors of all
/// files are returned together.
pub fn library(states: &StateSystem) -> Result<Library, SpecErrors> {
    let mut errors = Vec::new();
    let mut groups = library_groups(states).unwrap_or_else(|e| {
        errors.extend(e);
        Vec::new()
    });
    let n_lib = groups.len();
    let mut treaties: Vec<Treaty> = Vec::new();
    let mut examples = Vec::new();
    for (file, text) in SPECS {
        match parse_spec(
            text,
            file,
            states,
            &groups[..n_lib],
            Origin::Library {
                file: file.to_string(),
            },
        ) {
            Ok(spec) => {
                let dup = |e: String| crate::SpecError {
                    file: file.to_string(),
                    line: 1,
                    column: 1,
                    key: "id".into(),
                    message: e,
                    hint: None,
                };
                if treaties.iter().any(|t| t.id == spec.treaty.id) {
                    errors.push(dup(format!(
                        "treaty id `{}` is used by another library file",
                        spec.treaty.id
                    )));
                }
                if let Some(a) = spec.treaty.atopid {
                    if let Some(t) = treaties.iter().find(|t| t.atopid == Some(a)) {
                        errors.push(dup(format!("atopid {a} is already encoded by `{}`", t.id)));
                    }
                }
                for g in &spec.groups {
                    if groups.iter().any(|x| x.id == g.id) {
                        errors.push(dup(format!(
                            "group `{}` is defined by another library file",
                            g.id
                        )));
                    }
                }
                groups.extend(spec.groups);
                examples.extend(
                    spec.examples
                        .into_iter()
                        .map(|e| (spec.treaty.id.clone(), e)),
                );
                treaties.push(spec.treaty);
            }
            Err(e) => errors.extend(e),
        }
    }
    let incidents = parse_incidents(INCIDENTS.1, INCIDENTS.0, states).unwrap_or_else(|e| {
        errors.extend(e);
        Vec::new()
    });
    if errors.is_empty() {
        Ok(Library {
            treaties,
            groups,
            incidents,
            examples,
        })
    } else {
        Err(SpecErrors(errors))
    }
}
