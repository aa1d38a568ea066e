//! The `casus` binary: parses flags, runs one subcommand, maps the result to an exit code.
//!
//! Exit codes: 0 success (for `invoke`: obligations found), 1 `invoke` found no obligation,
//! 2 an error (bad input, unreadable data). A closed pipe (`casus … | head`) is success.

mod cmd;
mod output;
mod scenario;

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

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
