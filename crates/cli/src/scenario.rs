//! Flags that describe one attack and the guarantees to invoke for it, shared by `invoke`,
//! `compare` and `report`; they become a `casus_app::Request`.

use anyhow::{Context, Result};
use casus_app::{Request, SpecInput};

#[derive(clap::Args, Debug, Clone, Default)]
pub struct ScenarioArgs {
    /// Attacking state (USA, 2, "United States") or `non-state:NAME`; repeat for several.
    #[arg(long = "attacker", value_name = "STATE")]
    pub attackers: Vec<String>,
    /// The attacked state.
    #[arg(long)]
    pub target: Option<String>,
    /// Day of the attack, YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
    /// Where the attack lands: territory, occupied, region:NAME (europe, north-america,
    /// central-america, south-america, north-atlantic, middle-east, africa, asia, pacific),
    /// sea[:REGION], forces-abroad[:REGION].
    // The text is the --help entry, where `[:REGION]` is literal, not a doc link.
    #[allow(rustdoc::broken_intra_doc_links)]
    #[arg(long, default_value = "territory")]
    pub place: String,
    /// An incident of the library (`casus incidents` lists them) instead of the flags above.
    #[arg(long, conflicts_with_all = ["attackers", "target", "date"])]
    pub incident: Option<String>,
    /// A guarantee to add: a spec file, a library id (nato, ukraine-b) or an ATOP id.
    #[arg(long = "spec", value_name = "FILE|ID")]
    pub specs: Vec<String>,
    /// Invoke only the given specs, not every treaty in force.
    #[arg(long)]
    pub only_specs: bool,
    /// How the response reads each entry: `legal` (default: helping the victim is collective
    /// self-defence, not an attack that sets off the aggressor's pacts) or `escalation`
    /// (every entry sets off the other side's pacts; the chain-gang worst case).
    #[arg(long, value_name = "READING")]
    pub response: Option<String>,
}

/// A `--spec` argument: an existing file is read as spec text, anything else is an id.
pub fn spec_input(s: &str) -> Result<SpecInput> {
    let path = std::path::Path::new(s);
    if path.is_file() || s.ends_with(".toml") {
        let text = crate::cmd::spec::read_bounded(path)
            .and_then(|b| {
                String::from_utf8(b).map_err(|_| {
                    std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "stream did not contain valid UTF-8",
                    )
                })
            })
            .with_context(|| format!("reading spec file {s}"))?;
        Ok(SpecInput::Text {
            file: s.to_string(),
            text,
        })
    } else {
        Ok(SpecInput::Id(s.to_string()))
    }
}

impl ScenarioArgs {
    pub fn request(&self, extra_specs: &[String]) -> Result<Request> {
        let specs = self
            .specs
            .iter()
            .chain(extra_specs)
            .map(|s| spec_input(s))
            .collect::<Result<Vec<_>>>()?;
        Ok(Request {
            attackers: self.attackers.clone(),
            target: self.target.clone(),
            date: self.date.clone(),
            place: Some(self.place.clone()),
            incident: self.incident.clone(),
            specs,
            only_specs: self.only_specs,
            response: self.response.clone(),
        })
    }
}
