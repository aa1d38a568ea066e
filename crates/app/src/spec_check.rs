//! The report of `casus spec check` and `POST /api/spec/check`: one per checked text, with
//! every error's line, column, key, message and hint.

use casus_core::treaty::Group;
use casus_core::StateSystem;
use casus_spec::{FileKind, SpecError};

/// The result for one file or text.
#[derive(serde::Serialize)]
pub struct FileReport {
    /// The file name as given (for a text, the name the caller chose).
    pub file: String,
    /// Whether the file is valid.
    pub ok: bool,
    /// `spec`, `groups` or `incidents`; absent when the file could not be read.
    pub kind: Option<&'static str>,
    /// The treaty id of a valid spec.
    pub id: Option<String>,
    /// What a valid file holds, in words: `nato, 2 clauses, 32 parties`.
    pub summary: Option<String>,
    /// The errors found; empty when `ok`.
    pub errors: Vec<ErrorReport>,
}

/// One error of a spec file.
#[derive(serde::Serialize)]
pub struct ErrorReport {
    /// Line, from 1; `None` when the error has no position.
    pub line: Option<usize>,
    /// Column, from 1; `None` when the error has no position.
    pub column: Option<usize>,
    /// The TOML key at fault, if known.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, if there is an obvious way.
    pub hint: Option<String>,
}

impl From<&SpecError> for ErrorReport {
    fn from(e: &SpecError) -> ErrorReport {
        ErrorReport {
            line: Some(e.line),
            column: Some(e.column),
            key: Some(e.key.clone()).filter(|k| !k.is_empty()),
            message: e.message.clone(),
            hint: e.hint.clone(),
        }
    }
}

fn kind_name(k: FileKind) -> &'static str {
    match k {
        FileKind::Spec => "spec",
        FileKind::Groups => "groups",
        FileKind::Incidents => "incidents",
    }
}

/// Checks one text (a treaty spec, a file of groups or of incidents) against the state
/// system and the library's groups.
pub fn check_text(file: &str, text: &str, states: &StateSystem, groups: &[Group]) -> FileReport {
    match casus_spec::check(text, file, states, groups) {
        Ok(c) => {
            let (kind, id, summary) = c.summary();
            FileReport {
                file: file.into(),
                ok: true,
                kind: Some(kind),
                id,
                summary: Some(summary),
                errors: vec![],
            }
        }
        Err(errors) => FileReport {
            file: file.into(),
            ok: false,
            kind: Some(kind_name(casus_spec::file_kind(text))),
            id: None,
            summary: None,
            errors: errors.iter().map(ErrorReport::from).collect(),
        },
    }
}

/// Checks the bytes of a file; text that is not UTF-8 is reported, not checked.
pub fn check_bytes(
    file: &str,
    bytes: Vec<u8>,
    states: &StateSystem,
    groups: &[Group],
) -> FileReport {
    match String::from_utf8(bytes) {
        Ok(text) => check_text(file, &text, states, groups),
        Err(_) => unreadable(file, "is not UTF-8 text"),
    }
}

/// The report for a file that could not be read (`why` says why).
pub fn unreadable(file: &str, why: &str) -> FileReport {
    FileReport {
        file: file.into(),
        ok: false,
        kind: None,
        id: None,
        summary: None,
        errors: vec![ErrorReport {
            line: None,
            column: None,
            key: None,
            message: format!("cannot read {file}: {why}"),
            hint: None,
        }],
    }
}
