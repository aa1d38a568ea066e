//! `casus spec check FILE...`: validates treaty specs (and group or incident libraries).
//! Tests: crates/cli/tests/spec.rs. Format reference: docs/spec.md.

use anyhow::Result;
use casus_app::spec_check::{self, FileReport};
use casus_core::StateSystem;
use casus_data::DataSource;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum SpecCommand {
    /// Checks spec files and reports every error with file, line, column and key.
    ///
    /// A file may be a treaty spec, a file of [[group]] tables or a file of [[incident]]
    /// tables (told apart by their top-level keys). Specs may select the library's groups
    /// (`group:eu`, `group:nato`). The format is described in docs/spec.md; "M parties"
    /// counts the states that are ever parties (West Germany and Germany count twice).
    ///
    /// Examples:
    ///   casus spec check my-guarantee.toml
    ///   casus spec check treaties/*.toml
    ///   casus spec check draft.toml --format json
    ///
    /// Exit status: 0 when every file is valid, 2 otherwise (or when a file cannot be read).
    // The text is the --help page, where `[[group]]` is literal TOML, not a doc link.
    #[allow(rustdoc::broken_intra_doc_links)]
    #[command(verbatim_doc_comment)]
    Check(CheckArgs),
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Spec files to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// `text`: one `ok:` line per valid file and one line per error; `json`: an array of
    /// {file, ok, errors: [{line, column, key, message, hint}]}.
    #[arg(long, value_enum, default_value_t)]
    pub format: CheckFormat,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    #[default]
    Text,
    Json,
}

pub fn run(c: SpecCommand, src: &DataSource, out: &mut dyn Write) -> Result<ExitCode> {
    match c {
        SpecCommand::Check(a) => check(a, src, out),
    }
}

fn check(a: CheckArgs, src: &DataSource, out: &mut dyn Write) -> Result<ExitCode> {
    // Only the state system and the library's groups are needed, not the built-in specs.
    let world = casus_data::load_world_parts(src, casus_data::Parts::STATES)
        .map_err(|e| anyhow::anyhow!("loading {}: {e}", src.describe()))?;
    let groups = casus_spec::library_groups(&world.states)
        .map_err(|e| anyhow::anyhow!("the built-in groups.toml is invalid:\n{e}"))?;
    let mut reports = Vec::new();
    for path in &a.files {
        let report = check_file(path, &world.states, &groups);
        if a.format == CheckFormat::Text {
            print_text(&report, out)?;
        }
        reports.push(report);
    }
    if a.format == CheckFormat::Json {
        serde_json::to_writer_pretty(&mut *out, &reports)?;
        writeln!(out)?;
    }
    Ok(if reports.iter().all(|r| r.ok) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn check_file(
    path: &std::path::Path,
    states: &StateSystem,
    groups: &[casus_core::treaty::Group],
) -> FileReport {
    let file = path.display().to_string();
    match read_bounded(path) {
        Ok(bytes) => spec_check::check_bytes(&file, bytes, states, groups),
        Err(e) => spec_check::unreadable(&file, &e.to_string()),
    }
}

/// Reads a spec file, but never more than one byte past [`casus_spec::MAX_SPEC_BYTES`]: the
/// parser refuses a longer text by its length, so `/dev/zero` or a huge file costs 1 MiB.
pub fn read_bounded(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(casus_spec::MAX_SPEC_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn print_text(r: &FileReport, out: &mut dyn Write) -> Result<()> {
    if r.ok {
        writeln!(
            out,
            "ok: {} ({})",
            r.file,
            r.summary.as_deref().unwrap_or_default()
        )?;
        return Ok(());
    }
    for e in &r.errors {
        match (e.line, e.column) {
            (Some(l), Some(c)) => {
                write!(out, "{}:{l}:{c}: ", r.file)?;
                if let Some(k) = &e.key {
                    write!(out, "{k}: ")?;
                }
                write!(out, "{}", e.message)?;
                if let Some(h) = &e.hint {
                    write!(out, " (hint: {h})")?;
                }
                writeln!(out)?;
            }
            _ => writeln!(out, "error: {}", e.message)?,
        }
    }
    Ok(())
}
