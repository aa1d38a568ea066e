//! The forecast in the terminal: `invoke --forecast` (who would fight, the balance that
//! follows) and `reliability --model` (coefficients, validation, calibration). The numbers
//! come from `casus_app::forecast`; this module only lays them out.

use crate::output::{write_json, Format, Table};
use anyhow::Result;
use casus_app::forecast::{ForecastView, Model, PREDICTORS};
use casus_core::view::InvokeView;
use casus_forecast::Measure;
use serde::Serialize;
use std::io::Write;

/// The datasets the forecast reads on top of the engine's and the dispute record.
pub const PARTS: casus_data::Parts = casus_data::Parts::HISTORY
    .with(casus_data::Parts::MAJORS)
    .with(casus_data::Parts::CONTIGUITY)
    .with(casus_data::Parts::CAPITALS)
    .with(casus_data::Parts::RIVALRIES);

/// Forecast options shared by invoke, compare and report.
#[derive(clap::Args, Debug, Clone)]
pub struct ForecastArgs {
    /// Also forecast who would fight: each obliged state's probability of fighting (a
    /// logistic model of honouring fitted on the record, docs/forecast.md) and a Monte
    /// Carlo over who comes giving each side's capabilities.
    #[arg(long)]
    pub forecast: bool,
    /// Monte Carlo draws (with --forecast).
    #[arg(long, default_value_t = casus_app::forecast::DEFAULT_DRAWS, requires = "forecast", value_parser = clap::value_parser!(u32).range(1..=casus_app::forecast::MAX_DRAWS as i64))]
    pub draws: u32,
    /// Seed of the draws (with --forecast): the same seed gives the same draws.
    #[arg(long, default_value_t = casus_app::forecast::DEFAULT_SEED, requires = "forecast")]
    pub seed: u64,
}

impl ForecastArgs {
    /// The forecast of one request when `--forecast` was given (fitting the model first).
    pub fn run(
        &self,
        world: &casus_core::World,
        req: &casus_app::Request,
    ) -> Result<Option<ForecastView>> {
        if !self.forecast {
            return Ok(None);
        }
        let model = casus_app::forecast::model(world)?;
        Ok(Some(casus_app::forecast::forecast(
            world, &model, req, self.draws, self.seed,
        )?))
    }
}

/// `casus.invoke/1` with the `forecast` object added.
#[derive(Serialize)]
pub struct WithForecast<'a> {
    /// The invoke view, unchanged.
    #[serde(flatten)]
    pub view: &'a InvokeView,
    /// The forecast.
    pub forecast: &'a ForecastView,
}

/// One variant's forecast in `compare --forecast`.
#[derive(Serialize)]
pub struct VariantForecast {
    /// The spec as given.
    pub spec: String,
    /// Its forecast.
    pub forecast: ForecastView,
}

/// `casus.compare/1` with `forecasts` added.
#[derive(Serialize)]
pub struct CompareWithForecast<'a> {
    /// The comparison, unchanged.
    #[serde(flatten)]
    pub comparison: &'a casus_app::Comparison,
    /// One forecast per variant, in order.
    pub forecasts: &'a [VariantForecast],
}

/// The variants' forecasts side by side.
pub fn print_variants(fs: &[VariantForecast], out: &mut dyn Write) -> Result<()> {
    let Some(first) = fs.first() else {
        return Ok(());
    };
    let f0 = &first.forecast;
    writeln!(
        out,
        "\nForecast: who would come, and P(defence side outweighs {}) ({} draws, seed {}, {}):",
        f0.attackers
            .iter()
            .map(|a| a.abb.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        f0.draws,
        f0.seed,
        f0.method
    )?;
    let mut t = Table::new(&[
        "spec",
        "obligors: P(fights)",
        "expected comers",
        "defence CINC mean",
        "P(outweighs) CINC",
        "milex",
        "milper",
    ]);
    for v in fs {
        let f = &v.forecast;
        let who: Vec<String> = f
            .obligors
            .iter()
            .take(8)
            .map(|o| format!("{} {}", o.state.abb, pct(o.p_fights)))
            .collect();
        t.push(vec![
            v.spec.clone(),
            if who.is_empty() {
                "—".into()
            } else {
                who.join(", ")
            },
            format!("{:.2}", f.expected_joiners),
            format!("{:.4}", f.balance.cinc.mean),
            pct(f.balance.cinc.p_outweighs),
            pct(f.balance.milex.p_outweighs),
            pct(f.balance.milper.p_outweighs),
        ]);
    }
    t.write(out, Format::Table)
}

fn pct(p: f64) -> String {
    format!("{:.0}%", 100.0 * p)
}

fn measure_row(label: &str, m: &Measure, scale: f64, digits: usize) -> Vec<String> {
    let f = |x: f64| format!("{:.*}", digits, x / scale);
    vec![
        label.into(),
        f(m.attacker),
        f(m.mean),
        format!("{} – {}", f(m.p05), f(m.p95)),
        pct(m.p_outweighs),
    ]
}

/// The forecast as tables.
pub fn print(f: &ForecastView, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "\nForecast: who would fight for {} ({}), from {} ({} draws, seed {})",
        f.target.name,
        f.target.abb,
        match f.method {
            "model" => "the model of honouring",
            "share-by-type" => "the honoured share by pledge type (the model does not beat it)",
            _ => "the overall honoured share (the model does not beat it)",
        },
        f.draws,
        f.seed
    )?;
    if f.obligors.is_empty() {
        writeln!(
            out,
            "  no state has a triggered or undetermined defence or offence pledge to {}",
            f.target.abb
        )?;
    } else {
        let mut t = Table::new(&[
            "obligor",
            "P(fights)",
            "pledge",
            "CINC",
            "what drives it (value, log-odds vs the average case)",
        ]);
        for o in &f.obligors {
            let drivers: Vec<String> = o.drivers.iter().map(ToString::to_string).collect();
            t.push(vec![
                o.state.abb.clone(),
                pct(o.p_fights),
                format!("{} art. {} ({}, {})", o.treaty, o.article, o.kind, o.status),
                format!("{:.4}", o.capability.cinc),
                drivers.join("; "),
            ]);
        }
        t.write(out, Format::Table)?;
    }
    writeln!(
        out,
        "\nBalance over the draws (defence = {} and whoever comes; attacker: {}):",
        f.target.abb,
        f.attackers
            .iter()
            .map(|a| a.abb.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    )?;
    let mut t = Table::new(&[
        "measure",
        "attacker",
        "defence mean",
        "defence 5–95%",
        "P(defence outweighs)",
    ]);
    t.push(measure_row("CINC", &f.balance.cinc, 1.0, 4));
    t.push(measure_row("milex (US$ bn)", &f.balance.milex, 1e6, 1));
    t.push(measure_row("milper (thousands)", &f.balance.milper, 1.0, 0));
    t.write(out, Format::Table)?;
    writeln!(
        out,
        "Expected coalition: {:.2} of {} obliged states come, adding CINC {:.4}.",
        f.expected_joiners,
        f.obligors.len(),
        f.expected_added.cinc
    )?;
    writeln!(
        out,
        "Out of sample (leave one war out, {} pledges in {} wars): Brier {:.3} vs {:.3} (overall share) and {:.3} (share by pledge type).",
        f.validation.cases,
        f.validation.wars,
        f.validation.model.brier,
        f.validation.overall_share.brier,
        f.validation.share_by_type.brier
    )?;
    writeln!(out, "note: {}", f.data_note)?;
    Ok(())
}

/// The forecast's obligors as CSV rows.
pub fn csv(f: &ForecastView, out: &mut dyn Write) -> Result<()> {
    let mut t = Table::new(&[
        "obligor", "p_fights", "came", "treaty", "article", "kind", "status", "cinc", "milex",
        "milper",
    ]);
    for o in &f.obligors {
        t.push(vec![
            o.state.abb.clone(),
            format!("{:.6}", o.p_fights),
            format!("{:.6}", o.came),
            o.treaty.clone(),
            o.article.clone(),
            o.kind.into(),
            o.status.into(),
            o.capability.cinc.to_string(),
            o.capability.milex.to_string(),
            o.capability.milper.to_string(),
        ]);
    }
    t.write(out, Format::Csv)
}

/// `reliability --model`: the coefficients, the validation and the calibration.
pub fn print_model(m: &Model, format: Format, out: &mut dyn Write) -> Result<()> {
    if format == Format::Json {
        return write_json(out, m);
    }
    let mut t = Table::new(&["predictor", "coefficient", "std. error", "z", "mean"]);
    for (j, name) in PREDICTORS.iter().enumerate() {
        t.push(vec![
            (*name).into(),
            format!("{:+.3}", m.fit.coef[j]),
            format!("{:.3}", m.fit.se[j]),
            format!("{:+.2}", m.fit.coef[j] / m.fit.se[j]),
            format!("{:.3}", m.fit.mean[j]),
        ]);
    }
    if format == Format::Csv {
        return t.write(out, Format::Csv);
    }
    let v = &m.validation;
    writeln!(
        out,
        "Model of honouring: penalised logistic regression (L2, λ = {}) on {} judged pledges in {} wars; {} Newton steps.",
        casus_forecast::LAMBDA,
        m.fit.cases,
        v.wars,
        m.fit.iterations
    )?;
    t.write(out, Format::Table)?;
    writeln!(out, "\nOut of sample, leaving one war out at a time:")?;
    let mut s = Table::new(&["forecast", "Brier", "log loss"]);
    for (l, sc) in [
        ("model", v.model),
        ("overall honoured share", v.overall_share),
        ("honoured share by pledge type", v.share_by_type),
    ] {
        s.push(vec![
            l.into(),
            format!("{:.3}", sc.brier),
            format!("{:.3}", sc.log_loss),
        ]);
    }
    s.write(out, Format::Table)?;
    writeln!(
        out,
        "Forecasts use: {}.",
        match v.chosen {
            "model" => "the model (it beats both baselines on both scores)",
            "share-by-type" => "the share by pledge type (the model does not beat both baselines)",
            _ => "the overall share (the model does not beat both baselines)",
        }
    )?;
    writeln!(out, "\nCalibration (out of sample):")?;
    let mut c = Table::new(&["predicted", "cases", "mean predicted", "share honoured"]);
    for b in &v.bins {
        c.push(vec![
            format!("{:.1}–{:.1}", b.from, b.to),
            b.cases.to_string(),
            b.predicted.map(|p| format!("{p:.3}")).unwrap_or_default(),
            b.observed.map(|p| format!("{p:.3}")).unwrap_or_default(),
        ]);
    }
    c.write(out, Format::Table)?;
    Ok(())
}
