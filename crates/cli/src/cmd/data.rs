//! `casus data info|cite`: what the bundled datasets hold and how to cite them.
//! Tests: crates/cli/tests/cli.rs (`data_*`).

use crate::output::{opt, write_json, Format, Table};
use anyhow::{bail, Result};
use casus_data::{DataSource, DATASETS};
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum DataCommand {
    /// Each dataset file: rows, years covered, version.
    Info {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The citation of every dataset (or of the named ones).
    ///
    /// Example: `casus data cite atop gml --format bibtex`
    Cite {
        /// Dataset keys (see `casus data info`); all when omitted.
        keys: Vec<String>,
        #[arg(long, value_enum, default_value_t)]
        format: CiteFormat,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CiteFormat {
    #[default]
    Text,
    Bibtex,
    Json,
}

pub fn run(c: DataCommand, src: &DataSource, out: &mut dyn Write) -> Result<ExitCode> {
    match c {
        DataCommand::Info { format } => {
            let record = casus_data::load_record(src)?;
            let info = casus_data::info(&record);
            if format == Format::Json {
                write_json(out, &info)?;
            } else {
                let mut t = Table::new(&["dataset", "file", "version", "rows", "from", "to"]);
                for i in &info {
                    t.push(vec![
                        i.key.into(),
                        i.file.into(),
                        i.version.clone(),
                        i.rows.to_string(),
                        opt(i.first_year),
                        opt(i.last_year),
                    ]);
                }
                t.write(out, format)?;
                if format == Format::Table {
                    writeln!(
                        out,
                        "source: {}. Cite with `casus data cite`.",
                        src.describe()
                    )?;
                }
            }
        }
        DataCommand::Cite { keys, format } => {
            let mut chosen = Vec::new();
            for k in &keys {
                match casus_data::dataset(k) {
                    Some(d) => chosen.push(d),
                    None => bail!(
                        "unknown dataset `{k}`; known: {}",
                        DATASETS
                            .iter()
                            .map(|d| d.key)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }
            }
            if chosen.is_empty() {
                chosen = DATASETS.iter().collect();
            }
            match format {
                CiteFormat::Json => write_json(out, &chosen)?,
                CiteFormat::Bibtex => {
                    for d in chosen {
                        writeln!(
                            out,
                            "% {} ({} {})\n{}\n",
                            d.key, d.title, d.version, d.bibtex
                        )?;
                    }
                }
                CiteFormat::Text => {
                    for d in chosen {
                        writeln!(
                            out,
                            "{} — {} (version {}):\n  {}\n",
                            d.key, d.title, d.version, d.citation
                        )?;
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
