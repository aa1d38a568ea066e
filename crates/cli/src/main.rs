//! The `casus` binary: parses flags, runs one subcommand, maps the result to an exit code.
//!
//! Exit codes: 0 success (for `invoke`: obligations found), 1 `invoke` found no obligation,
//! 2 an error (bad input, unreadable data). A closed pipe (`casus … | head`) is success.

mod cmd;
mod files;
mod output;
mod progress;
mod research;
mod scenario;
mod window;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether the error is a write to a closed pipe, directly or wrapped by the CSV writer
/// (whose error does not expose the I/O error through `source()`).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let pipe = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(pipe)
            || e.downcast_ref::<csv::Error>()
                .is_some_and(|c| matches!(c.kind(), csv::ErrorKind::Io(io) if pipe(io)))
    })
}
