//! The `casus` binary: parses flags, runs one subcommand, maps the result to an exit code.
//!
//! Exit codes: 0 success (for `invoke`: obligations found), 1 `invoke` found no obligation,
//! 2 an error (bad input, unreadable data). A closed pipe (`casus … | head`) is success.

mod cmd;
mod files;
mod forecast;
mod output;
mod progress;
mod research;
mod scenario;
mod window;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    if !matches!(cli.command, cmd::Command::Serve(_)) {
        // `serve` shuts down gracefully on Ctrl-C itself.
        remove_temp_files_on_interrupt();
    }
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            // The message may quote arguments or spec text: escape control characters
            // within each of its lines (several spec errors are one per line).
            let message = format!("{err:#}");
            let lines: Vec<_> = message.lines().map(output::terminal_safe).collect();
            eprintln!("error: {}", lines.join("\n"));
            ExitCode::from(2)
        }
    }
}

/// On Ctrl-C or SIGTERM, removes the temporary files of outputs being written and exits
/// with 130 (the shell's code for an interrupted command), so no hidden `.part` file is
/// left beside the target.
fn remove_temp_files_on_interrupt() {
    std::thread::spawn(|| {
        let Ok(rt) = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
        else {
            return;
        };
        rt.block_on(async {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{signal, SignalKind};
                let Ok(mut term) = signal(SignalKind::terminate()) else {
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                };
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            #[cfg(not(unix))]
            let _ = tokio::signal::ctrl_c().await;
        });
        casus_dyad::write::remove_pending();
        std::process::exit(130);
    });
}

/// Whether the error is a write to a closed pipe, directly or wrapped by the CSV writer
/// or the JSON writer (whose errors do not expose the I/O error through `source()`).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let pipe = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(pipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
            || e.downcast_ref::<csv::Error>()
                .is_some_and(|c| matches!(c.kind(), csv::ErrorKind::Io(io) if pipe(io)))
    })
}
