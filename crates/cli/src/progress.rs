//! Progress on stderr: drawn only on a terminal, never into a pipe or a file.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::Duration;

/// A bar counting incidents (backtest, reliability); drawn only on a terminal.
pub fn incidents(len: usize, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len as u64);
    pb.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} incidents ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_message(what.to_string());
    pb
}

/// A progress bar on stderr that appears only when the work takes longer than a second,
/// and never when stderr is not a terminal or with --quiet.
pub(crate) struct Bar {
    pb: ProgressBar,
}

impl Bar {
    pub(crate) fn new(quiet: bool) -> Bar {
        let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        pb.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        if !quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            let show = pb.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_secs(1));
                if !show.is_finished() {
                    show.set_draw_target(ProgressDrawTarget::stderr());
                    show.enable_steady_tick(Duration::from_millis(120));
                }
            });
        }
        Bar { pb }
    }

    pub(crate) fn step(&self, msg: impl Into<std::borrow::Cow<'static, str>>) {
        self.pb.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        self.pb.set_message(msg);
    }

    pub(crate) fn finish(&self) {
        self.pb.finish_and_clear();
    }
}

impl casus_dyad::Progress for Bar {
    fn begin(&self, label: &str, total: u64) {
        self.pb.set_style(
            ProgressStyle::with_template(
                "{msg} [{bar:30}] {pos}/{len} years ({elapsed}, {eta} left)",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        self.pb.set_length(total);
        self.pb.set_position(0);
        self.pb.set_message(label.to_string());
    }
    fn advance(&self, n: u64) {
        self.pb.inc(n);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.pb.finish_and_clear();
    }
}
