//! `casus reliability --reproduce bf2018`: casus's alliance × war frame beside a published
//! case list. The logic is `casus_app::reliability::reproduce`; this prints it.
//! Method and figures: docs/backtest.md, §4.

use crate::output::{write_json, write_table, Format, Table};
use anyhow::Result;
use casus_app::reliability::{reproduce, Study};
use casus_backtest::reproduce::{Reproduction, Share};
use casus_core::World;
use std::io::Write;

/// The studies `--reproduce` knows.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StudyArg {
    /// Berkemeier & Fuhrmann (2018), Research & Politics 5(2): 139 activated alliance × war cases.
    Bf2018,
}

pub fn run(
    study: StudyArg,
    world: &World,
    during_war: bool,
    format: Format,
    out: &mut dyn Write,
) -> Result<()> {
    let StudyArg::Bf2018 = study;
    let r = reproduce(world, Study::Bf2018, during_war)?;
    match format {
        Format::Json => write_json(out, &r)?,
        Format::Csv => write_table(&cases(&r, false), out, Format::Csv)?,
        Format::Table => print(&r, during_war, out)?,
    }
    Ok(())
}

fn share(s: &Share) -> String {
    match s.share {
        Some(p) => format!("{}/{} = {:.1}%", s.honoured, s.cases, p * 100.0),
        None => "—".into(),
    }
}

fn print(r: &Reproduction, during_war: bool, out: &mut dyn Write) -> Result<()> {
    writeln!(
        out,
        "Berkemeier & Fuhrmann (2018) reproduced: COW wars 1816–2003 × ATOP alliances, unit alliance × war{}\n",
        if during_war { ", alliances signed during a war counted" } else { "" }
    )?;
    writeln!(
        out,
        "Overlap: of the article's {} activated cases casus finds {} ({} of them undetermined throughout), misses {}; casus adds {}.",
        r.article_activated, r.found, r.found_undetermined_only, r.missed, r.extra
    )?;
    let c = &r.confusion;
    let mut t = Table::new(&["article \\ casus (strict)", "honoured", "violated"]);
    t.push(vec![
        "honoured".into(),
        c.both_honoured.to_string(),
        c.article_only.to_string(),
    ]);
    t.push(vec![
        "violated".into(),
        c.casus_only.to_string(),
        c.both_violated.to_string(),
    ]);
    writeln!(
        out,
        "\nVerdicts on the {} shared cases (agreement {}):",
        r.found,
        c.agreement
            .map_or("—".into(), |a| format!("{:.1}%", a * 100.0))
    )?;
    t.write(out, Format::Table)?;
    let mut s = Table::new(&[
        "wars",
        "article (its frame)",
        "casus strict (own frame)",
        "casus lenient (own frame)",
    ]);
    for e in &r.shares {
        s.push(vec![
            e.era.into(),
            share(&e.article),
            share(&e.casus_strict),
            share(&e.casus_lenient),
        ]);
    }
    writeln!(out, "\nHonoured shares:")?;
    s.write(out, Format::Table)?;
    writeln!(out, "\nEvery difference (missed, extra, other verdict):")?;
    cases(r, true).write(out, Format::Table)?;
    Ok(())
}

fn yn(v: Option<bool>) -> String {
    match v {
        Some(true) => "honoured".into(),
        Some(false) => "violated".into(),
        None => String::new(),
    }
}

/// Every case (or only the differences), one row each.
fn cases(r: &Reproduction, differences: bool) -> Table {
    let mut t = Table::new(&[
        "war",
        "war name",
        "year",
        "atop",
        "overlap",
        "article",
        "casus strict",
        "casus lenient",
        "reason",
    ]);
    for c in r
        .cases
        .iter()
        .filter(|c| !differences || c.agree != Some(true))
    {
        t.push(vec![
            c.war.to_string(),
            c.war_name.clone(),
            c.year.to_string(),
            c.atopid.to_string(),
            c.overlap.as_str().into(),
            yn(c.article_honoured),
            yn(c.casus_honoured),
            yn(c.casus_lenient),
            c.reason.clone(),
        ]);
    }
    t
}
