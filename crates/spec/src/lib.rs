//! casus-spec: security guarantees written down as TOML, checked, and turned into the
//! [`Treaty`] model of `casus-core`.
//!
//! A spec file reads like the treaty it encodes (Catala-style): each `[[clause]]` carries
//! its article number and a one-line paraphrase next to the fields that encode it, and a
//! territorial limit such as NATO Art. 6 is its own named `[scope.NAME]` table that the
//! Art. 5 clause points to. `docs/spec.md` is the format reference.
//!
//! Parsing never stops at the first problem and never panics: every error names the file,
//! line, column and dotted key (`clause[2].obligors[1]`), with a hint where one helps
//! (the closest valid key, state, group or value).
//!
//! ```no_run
//! # fn demo(states: &casus_core::StateSystem, text: &str) {
//! use casus_core::treaty::Origin;
//! let lib = casus_spec::library(states).expect("the built-in library is valid");
//! match casus_spec::parse_spec(text, "my.toml", states, &lib.groups, Origin::User { file: "my.toml".into() }) {
//!     Ok(spec) => println!("{} clauses", spec.treaty.clauses.len()),
//!     Err(errors) => eprintln!("{errors}"),
//! }
//! # }
//! ```
//!
//! No I/O: texts come in as `&str`; the built-in library is compiled in with `include_str!`.

mod error;
mod incidents;
pub mod library;
mod spec;
mod walk;

pub use error::{SpecError, SpecErrors};
pub use library::{library, library_groups, Library};
pub use walk::{FIRST_DAY, LAST_DAY};

use casus_core::incident::Incident;
use casus_core::treaty::{Group, Origin, Treaty};
use casus_core::{Ccode, StateSystem};
use walk::{Ctx, Tbl};

/// A checked spec file: the treaty, the groups the file defines itself, and its examples.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Spec {
    /// The treaty the file encodes.
    pub treaty: Treaty,
    /// `[[group]]` tables of the file. Clauses may select them; whoever builds the world
    /// adds them to its groups (ids must not clash with the library's).
    pub groups: Vec<Group>,
    /// `[[example]]` tables: historical or hypothetical cases with the answer expected.
    pub examples: Vec<SpecExample>,
}

/// What an example expects the engine to say about its incident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExpectedStatus {
    /// At least one obligation arises (of the named article, if the example names one).
    Triggered,
    /// No obligation arises.
    NotTriggered,
    /// The treaty would apply but the accession it needs is blocked (a member objects or is
    /// undecided).
    Blocked,
}

casus_core::keywords!(ExpectedStatus {
    Triggered => "triggered",
    NotTriggered => "not-triggered",
    Blocked => "blocked",
});

impl ExpectedStatus {
    /// The keyword (`not-triggered`), as in spec files.
    pub fn as_str(self) -> &'static str {
        self.keyword()
    }
}

/// The obligors an example expects: exactly these states, or how many.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExpectedObligors {
    /// Exactly these obligors (COW codes), in any order.
    States(Vec<Ccode>),
    /// This many obligors.
    Count(usize),
}

/// A test case stored next to a treaty (`[[example]]`): an incident and what the treaty
/// should make of it. The engine's tests run every example of the library.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SpecExample {
    /// Short title ("9/11: al-Qaeda attacks the United States").
    pub name: String,
    /// The article the expectation concerns ("5"); `None`: the treaty as a whole.
    pub article: Option<String>,
    /// The incident (`id` is `None`; `description` is the example's name).
    pub incident: Incident,
    /// The status expected; `None`: not checked.
    pub expected_status: Option<ExpectedStatus>,
    /// The obligors expected; `None`: not checked.
    pub expected_obligors: Option<ExpectedObligors>,
    /// Where the expected answer comes from (e.g. NATO's statement of 12 September 2001),
    /// or why it follows from the text.
    pub source: Option<String>,
    /// A remark on the example for readers; not checked.
    pub note: Option<String>,
    /// File label and 1-based line of the `[[example]]` table, for test failure messages.
    pub file: String,
    /// 1-based line of the `[[example]]` table.
    pub line: usize,
}

/// Which of the three file formats a text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A treaty spec (`id`, `[[party]]`, `[[clause]]`, …).
    Spec,
    /// A file of `[[group]]` tables only (treaties/groups.toml).
    Groups,
    /// A file of `[[incident]]` tables only (treaties/incidents.toml).
    Incidents,
}

/// A checked file of any kind.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // one value per checked file
pub enum Checked {
    /// A treaty spec.
    Spec(Spec),
    /// A file of `[[group]]` tables.
    Groups(Vec<Group>),
    /// A file of `[[incident]]` tables.
    Incidents(Vec<Incident>),
}

/// The largest spec, groups or incidents file casus reads: 1 MiB (the built-in library's
/// largest file is under 100 KB). A longer text is refused before it is parsed, with an
/// error naming the file.
pub const MAX_SPEC_BYTES: usize = 1 << 20;

/// The most errors reported for one file, first by position; past it a last line says how
/// many more there are.
pub const MAX_ERRORS: usize = 100;

pub use spec::MAX_OVERLAP_ERRORS;

/// The error for a text over [`MAX_SPEC_BYTES`], if it is.
fn too_big(text: &str, file: &str) -> Result<(), SpecErrors> {
    if text.len() <= MAX_SPEC_BYTES {
        return Ok(());
    }
    Err(SpecErrors(vec![SpecError {
        file: file.to_string(),
        line: 1,
        column: 1,
        key: String::new(),
        message: format!(
            "{file} is larger than {MAX_SPEC_BYTES} bytes (1 MiB), the limit for a spec file"
        ),
        hint: Some("split it into several files".into()),
    }]))
}

fn parse_doc<'t>(cx: &mut Ctx, text: &'t str) -> Option<toml_edit::Document<&'t str>> {
    match toml_edit::Document::parse(text) {
        Ok(d) => Some(d),
        Err(e) => {
            cx.error(
                &e.span(),
                "",
                format!("TOML syntax: {}", e.message().trim()),
                None,
            );
            None
        }
    }
}

fn finish<T>(cx: Ctx, value: Option<T>) -> Result<T, SpecErrors> {
    match value {
        Some(v) if cx.errors.is_empty() => Ok(v),
        _ => {
            let mut errors = cx.errors;
            if errors.is_empty() {
                // Unreachable by construction (every `None` is reported); keep the contract.
                errors.push(SpecError {
                    file: cx.file.to_string(),
                    line: 1,
                    column: 1,
                    key: String::new(),
                    message: "the file could not be read as a spec".into(),
                    hint: None,
                });
            }
            errors.sort_by_key(|e| (e.line, e.column));
            errors.dedup();
            if errors.len() > MAX_ERRORS {
                let more = errors.len() - MAX_ERRORS;
                errors.truncate(MAX_ERRORS + 1);
                let last = &mut errors[MAX_ERRORS];
                last.key = String::new();
                last.message = format!(
                    "… and {more} more error{} (only the first {MAX_ERRORS} are reported)",
                    if more == 1 { "" } else { "s" }
                );
                last.hint = Some("fix these and check again".into());
            }
            Err(SpecErrors(errors))
        }
    }
}

impl Checked {
    /// What a valid file holds, for `casus spec check` and `/api/spec/check`:
    /// (`spec` | `groups` | `incidents`, the treaty id of a spec, a one-line summary such as
    /// `nato, 2 clauses, 33 parties`).
    pub fn summary(&self) -> (&'static str, Option<String>, String) {
        let n =
            |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        match self {
            Checked::Spec(s) => {
                let t = &s.treaty;
                let mut parties: Vec<Ccode> = t.parties.iter().map(|p| p.ccode).collect();
                parties.sort_unstable();
                parties.dedup();
                let summary = format!(
                    "{}, {}, {}",
                    t.id,
                    n(t.clauses.len(), "clause", "clauses"),
                    n(parties.len(), "party", "parties")
                );
                ("spec", Some(t.id.clone()), summary)
            }
            Checked::Groups(g) => (
                "groups",
                None,
                format!(
                    "groups: {}",
                    g.iter()
                        .map(|g| g.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            Checked::Incidents(i) => ("incidents", None, n(i.len(), "incident", "incidents")),
        }
    }
}

/// Tells a spec from a groups or incidents file by its top-level keys (a text that is not
/// valid TOML counts as a spec, whose parser then reports the syntax error).
pub fn file_kind(text: &str) -> FileKind {
    let Ok(doc) = toml_edit::Document::parse(text) else {
        return FileKind::Spec;
    };
    let keys: Vec<&str> = doc.as_table().iter().map(|(k, _)| k).collect();
    if keys.contains(&"incident") && !keys.contains(&"id") {
        FileKind::Incidents
    } else if keys.contains(&"group")
        && !keys.iter().any(|k| matches!(*k, "id" | "party" | "clause"))
    {
        FileKind::Groups
    } else {
        FileKind::Spec
    }
}

/// Parses and checks a treaty spec.
///
/// `file` labels the text in errors; `groups` are the groups clauses may select besides
/// the file's own (usually [`Library::groups`]); `origin` is recorded in the treaty.
pub fn parse_spec(
    text: &str,
    file: &str,
    states: &StateSystem,
    groups: &[Group],
    origin: Origin,
) -> Result<Spec, SpecErrors> {
    too_big(text, file)?;
    let mut cx = Ctx::new(text, file);
    let spec = parse_doc(&mut cx, text).and_then(|doc| {
        let root = Tbl::root(doc.as_table(), spec::TOP_KEYS, &mut cx);
        spec::parse(&mut cx, &root, states, groups, origin)
    });
    finish(cx, spec)
}

/// Parses a file of `[[group]]` tables (the format of treaties/groups.toml).
pub fn parse_groups(
    text: &str,
    file: &str,
    states: &StateSystem,
) -> Result<Vec<Group>, SpecErrors> {
    parse_groups_with(text, file, states, &[])
}

/// Like [`parse_groups`], with groups already defined elsewhere (their ids must not recur).
pub fn parse_groups_with(
    text: &str,
    file: &str,
    states: &StateSystem,
    known: &[Group],
) -> Result<Vec<Group>, SpecErrors> {
    too_big(text, file)?;
    let mut cx = Ctx::new(text, file);
    let groups = parse_doc(&mut cx, text).map(|doc| {
        let root = Tbl::root(doc.as_table(), &["group"], &mut cx);
        let list = root
            .req(&mut cx, "group")
            .and_then(|f| f.list(&mut cx, false))
            .unwrap_or_default();
        let known: Vec<&Group> = known.iter().collect();
        spec::groups(&mut cx, states, &list, &known)
    });
    finish(cx, groups)
}

/// Parses an incident library (the format of treaties/incidents.toml).
pub fn parse_incidents(
    text: &str,
    file: &str,
    states: &StateSystem,
) -> Result<Vec<Incident>, SpecErrors> {
    too_big(text, file)?;
    let mut cx = Ctx::new(text, file);
    let incidents = parse_doc(&mut cx, text).map(|doc| {
        let root = Tbl::root(doc.as_table(), &["incident"], &mut cx);
        let list = root
            .req(&mut cx, "incident")
            .and_then(|f| f.list(&mut cx, false))
            .unwrap_or_default();
        incidents::incidents(&mut cx, states, &list)
    });
    finish(cx, incidents)
}

/// Checks a file of any of the three kinds (see [`file_kind`]); what `casus spec check` runs.
pub fn check(
    text: &str,
    file: &str,
    states: &StateSystem,
    groups: &[Group],
) -> Result<Checked, SpecErrors> {
    too_big(text, file)?;
    match file_kind(text) {
        FileKind::Spec => parse_spec(
            text,
            file,
            states,
            groups,
            Origin::User {
                file: file.to_string(),
            },
        )
        .map(Checked::Spec),
        FileKind::Groups => parse_groups(text, file, states).map(Checked::Groups),
        FileKind::Incidents => parse_incidents(text, file, states).map(Checked::Incidents),
    }
}
