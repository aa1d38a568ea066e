//! Output for people (aligned tables) and for programs (JSON, CSV), shared by every command.

use anyhow::Result;
use std::io::Write;

/// `--format`: a human table by default, JSON or CSV for programs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

/// A rectangular result: what every command can print as a table or CSV.
pub struct Table {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&'static str]) -> Table {
        Table {
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.headers.len());
        self.rows.push(row);
    }

    /// Writes the table for people (`Format::Table`) or as CSV.
    pub fn write(&self, out: &mut dyn Write, format: Format) -> Result<()> {
        match format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(&self.headers)?;
                for r in &self.rows {
                    w.write_record(r)?;
                }
                w.flush()?;
            }
            _ => {
                let mut t = comfy_table::Table::new();
                t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
                // Fit the terminal: wrap long cells (member lists, traces) instead of
                // printing 250-column rows. Width from the terminal, or `COLUMNS` when set
                // (so `COLUMNS=100 casus … | less` fits too); piped output without
                // `COLUMNS` keeps full rows, which scripts and tests read.
                t.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
                if let Some(w) = terminal_columns() {
                    t.set_width(w);
                }
                t.set_header(&self.headers);
                for r in &self.rows {
                    t.add_row(r);
                }
                writeln!(out, "{t}")?;
            }
        }
        Ok(())
    }
}

/// The width to fit tables to from `COLUMNS` (at least 40), if set; comfy-table asks the
/// terminal itself when stdout is one.
fn terminal_columns() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()?
        .trim()
        .parse::<u16>()
        .ok()
        .map(|w| w.max(40))
}

/// `s` with control characters escaped (`\n`, `\u{1b}`), for text that came from a spec
/// file or an argument and is printed on a terminal: a newline or an escape sequence in it
/// cannot start a line of its own or rewrite what was printed.
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Pretty JSON with a trailing newline.
pub fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Formats an optional number for tables, empty when absent.
pub fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// Writes a table; a closed pipe inside the CSV writer comes back as the `io::Error` it is
/// (csv::Error hides its cause from `main`'s broken-pipe check).
pub fn write_table(t: &Table, out: &mut dyn Write, f: Format) -> Result<()> {
    t.write(out, f).map_err(
        |e| match e.downcast_ref::<csv::Error>().map(csv::Error::kind) {
            Some(csv::ErrorKind::Io(io)) => std::io::Error::new(io.kind(), io.to_string()).into(),
            _ => e,
        },
    )
}

/// The table cut to `limit` rows (0: all), with a last row saying how many were left out.
pub fn limited(mut t: Table, limit: usize) -> Table {
    if limit > 0 && t.rows.len() > limit {
        let n = t.rows.len();
        t.rows.truncate(limit);
        let mut more = vec![String::new(); t.headers.len()];
        more[0] = format!("… {} more rows (--limit 0 for all)", n - limit);
        t.rows.push(more);
    }
    t
}
