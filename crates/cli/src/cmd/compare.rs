//! `casus compare`: guarantee variants side by side for one attack.
//! Tests: crates/cli/tests/invoke.rs (`compare_*`).

use crate::output::{write_json, Format, Table};
use crate::scenario::ScenarioArgs;
use anyhow::Result;
use casus_core::view::StateRef;
use std::io::Write;
use std::process::ExitCode;

/// Compares guarantee variants for one attack: who is obliged and how strongly under each,
/// the resulting balance, and each variant's likeness to NATO Article 5, clause by clause.
///
/// Each variant is invoked on top of every treaty in force (so the attacker's allies and the
/// cascade are real); the obligations listed are the variant's own.
///
/// Example:
///   casus compare ukraine-a ukraine-b ukraine-c ukraine-d --attacker RUS --target UKR --date 2025-09-01
///   casus compare ukraine-a ukraine-b --attacker RUS --target UKR --date 2025-09-01 --forecast
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Two to eight specs: files or library ids.
    #[arg(required = true, num_args = 1.., value_name = "SPEC")]
    pub variants: Vec<String>,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    #[command(flatten)]
    pub forecast: crate::forecast::ForecastArgs,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(a: Args, world: casus_core::World, out: &mut dyn Write) -> Result<ExitCode> {
    let c = casus_app::compare(&world, &a.scenario.request(&a.variants)?)?;
    let forecasts = if a.forecast.forecast {
        let model = casus_app::forecast::model(&world)?;
        let mut fs = Vec::new();
        for v in &a.variants {
            let req = a.scenario.request(std::slice::from_ref(v))?;
            fs.push(crate::forecast::VariantForecast {
                spec: v.clone(),
                forecast: casus_app::forecast::forecast(
                    &world,
                    &model,
                    &req,
                    a.forecast.draws,
                    a.forecast.seed,
                )?,
            });
        }
        Some(fs)
    } else {
        None
    };
    if let (Format::Json, Some(fs)) = (a.format, &forecasts) {
        write_json(
            out,
            &crate::forecast::CompareWithForecast {
                comparison: &c,
                forecasts: fs,
            },
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    match a.format {
        Format::Json => write_json(out, &c)?,
        Format::Csv | Format::Table => {
            let abbs = |v: &[StateRef]| {
                if v.len() > 8 {
                    format!(
                        "{} … ({})",
                        v[..8]
                            .iter()
                            .map(|s| s.abb.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                        v.len()
                    )
                } else {
                    v.iter()
                        .map(|s| s.abb.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                }
            };
            let mut t = Table::new(&[
                "spec",
                "obliged (triggered)",
                "undetermined",
                "strongest",
                "blocked by",
                "defence side",
                "CINC attacker:defence",
                "like NATO Art. 5",
            ]);
            for v in &c.variants {
                t.push(vec![
                    v.spec.clone(),
                    abbs(&v.triggered),
                    abbs(&v.undetermined),
                    v.strongest.map_or("—".into(), |s| s.as_str().into()),
                    abbs(&v.blocked_by),
                    abbs(&v.side_b),
                    format!("{:.3} : {:.3}", v.cinc_a, v.cinc_b),
                    format!("{:.0}%", v.like_nato_art5.score * 100.0),
                ]);
            }
            t.write(out, a.format)?;
            if a.format == Format::Table {
                if let Some(first) = c.variants.first() {
                    let i = &first.invocation.incident;
                    let attackers: Vec<String> = i
                        .attackers
                        .iter()
                        .map(|a| match a {
                            casus_core::view::ActorView::State(s) => s.abb.clone(),
                            casus_core::view::ActorView::NonState { name } => {
                                format!("non-state:{name}")
                            }
                        })
                        .collect();
                    writeln!(
                        out,
                        "incident: {} attacks {} on {} ({})",
                        attackers.join(" and "),
                        i.target.abb,
                        i.date,
                        i.place
                    )?;
                }
                writeln!(out, "response: {}", c.response.words())?;
                writeln!(
                    out,
                    "\nClause by clause against NATO Art. 5 (✓ same, ✗ different):"
                )?;
                let mut f = Table::new(&[
                    "spec",
                    "article",
                    "kind",
                    "strength",
                    "trigger",
                    "mutual",
                    "obligors",
                    "scope",
                    "territory",
                    "conditions",
                ]);
                for v in &c.variants {
                    let l = &v.like_nato_art5;
                    let mut row = vec![v.spec.clone(), l.article.clone().unwrap_or_default()];
                    for feat in &l.features {
                        row.push(format!(
                            "{} {}",
                            if feat.same { "✓" } else { "✗" },
                            feat.this
                        ));
                    }
                    while row.len() < 10 {
                        row.push(String::new());
                    }
                    f.push(row);
                }
                f.write(out, Format::Table)?;
                if let Some(fs) = &forecasts {
                    crate::forecast::print_variants(fs, out)?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
