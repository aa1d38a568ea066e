//! The tables of `casus backtest` (treaties, incidents, exposure, years) and the details
//! of one treaty, for people (aligned) and programs (CSV).

use crate::output::{limited, Format, Table};
use anyhow::Result;
use casus_backtest::view::{dispute_label, Query};
use casus_backtest::{Backtest, RecordIncident};
use casus_core::engine::Status;
use casus_core::treaty::{Kind, Treaty};
use casus_core::World;
use std::io::Write;

pub(super) fn header(out: &mut dyn Write, bt: &Backtest, q: &Query) -> Result<()> {
    let src: Vec<&str> = q.sources.iter().map(|s| s.as_str()).collect();
    writeln!(
        out,
        "Backtest {} to {}: {} incidents (sources: {}; hostility ≥ {}){}",
        bt.window.from,
        bt.window.to,
        bt.incidents,
        src.join(", "),
        q.min_hostility,
        q.as_if_since
            .map(|d| format!("; as if in force since {d}"))
            .unwrap_or_default()
    )?;
    Ok(())
}

fn abbs(w: &World, v: &[casus_core::Ccode], max: usize) -> String {
    let mut s: Vec<String> = v.iter().take(max).map(|c| w.states.abb(*c)).collect();
    if v.len() > max {
        s.push(format!("… ({})", v.len()));
    }
    s.join(" ")
}

/// The obligors with `status`, by kind: `defence: USA UKG; consultation: USA UKG FRN`.
fn obligors(w: &World, h: &casus_backtest::Hit, status: Status) -> String {
    let mut parts = Vec::new();
    for k in Kind::ALL {
        let mut v: Vec<casus_core::Ccode> = h
            .obligations
            .iter()
            .filter(|o| o.status == status && o.kind == k)
            .map(|o| o.obligor)
            .collect();
        v.sort_unstable();
        v.dedup();
        if !v.is_empty() {
            parts.push(format!("{}: {}", k.as_str(), abbs(w, &v, 8)));
        }
    }
    parts.join("; ")
}

/// Treaties with the most calls to fight first, then the most triggering incidents.
fn order(bt: &Backtest) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..bt.treaties.len()).collect();
    idx.sort_by(|&a, &b| {
        let (x, y) = (&bt.treaties[a], &bt.treaties[b]);
        (
            std::cmp::Reverse(x.counts.military),
            std::cmp::Reverse(x.counts.triggered),
            std::cmp::Reverse(x.counts.undetermined),
            a,
        )
            .cmp(&(
                std::cmp::Reverse(y.counts.military),
                std::cmp::Reverse(y.counts.triggered),
                std::cmp::Reverse(y.counts.undetermined),
                b,
            ))
    });
    idx
}

/// The states ever party to a treaty (in full for CSV).
fn parties(w: &World, t: &Treaty, full: bool) -> String {
    let mut v: Vec<casus_core::Ccode> = t.parties.iter().map(|p| p.ccode).collect();
    v.sort_unstable();
    v.dedup();
    let max = if full { usize::MAX } else { 6 };
    let mut s: Vec<String> = v.iter().take(max).map(|c| w.states.abb(*c)).collect();
    if v.len() > max {
        s.push(format!("… ({})", v.len()));
    }
    s.join(" ")
}

/// The attackers' abbreviations; a non-state actor's name after `non_state`.
fn attackers(w: &World, ri: &RecordIncident, non_state: &str) -> Vec<String> {
    ri.incident
        .attackers
        .iter()
        .map(|a| match a {
            casus_core::incident::Actor::State(c) => w.states.abb(*c),
            casus_core::incident::Actor::NonState(n) => format!("{non_state}{n}"),
        })
        .collect()
}

pub(super) fn treaties_table(
    w: &World,
    treaties: &[&Treaty],
    bt: &Backtest,
    limit: usize,
) -> Table {
    let mut t = Table::new(&[
        "treaty",
        "name",
        "parties",
        "triggered",
        "undetermined",
        "to fight",
        "to fight (undetermined)",
        "breached",
        "disputes (triggered)",
        "disputes (undetermined)",
        "years (triggered)",
        "obliged states",
    ]);
    for i in order(bt) {
        let r = &bt.treaties[i];
        let c = r.counts;
        t.push(vec![
            r.id.clone(),
            treaties[r.treaty].name.clone(),
            parties(w, treaties[r.treaty], limit == 0),
            c.triggered.to_string(),
            c.undetermined.to_string(),
            c.military.to_string(),
            c.military_undetermined.to_string(),
            c.breached.to_string(),
            c.disputes_triggered.to_string(),
            c.disputes_undetermined.to_string(),
            c.years_triggered.to_string(),
            c.obligors_triggered.to_string(),
        ]);
    }
    limited(t, limit)
}

pub(super) fn incidents_table(
    w: &World,
    treaties: &[&Treaty],
    inc: &[RecordIncident],
    bt: &Backtest,
) -> Table {
    let mut t = Table::new(&[
        "treaty",
        "dispute",
        "entry",
        "date",
        "latest",
        "attackers",
        "target",
        "hostility",
        "incident status",
        "obligor",
        "kind",
        "strength",
        "article",
        "status",
        "date uncertain",
    ]);
    for r in &bt.treaties {
        for h in &r.hits {
            let ri = &inc[h.incident];
            let attackers = attackers(w, ri, "non-state:");
            for o in &h.obligations {
                t.push(vec![
                    treaties[r.treaty].id.clone(),
                    ri.label(),
                    ri.entry.as_str().into(),
                    ri.incident.date.to_string(),
                    ri.latest.to_string(),
                    attackers.join(" "),
                    w.states.abb(ri.incident.target),
                    ri.hostility.to_string(),
                    h.status.as_str().into(),
                    w.states.abb(o.obligor),
                    o.kind.as_str().into(),
                    o.strength.as_str().into(),
                    o.article.clone(),
                    o.status.as_str().into(),
                    o.date_uncertain.to_string(),
                ]);
            }
        }
    }
    t
}

pub(super) fn exposure_table(
    w: &World,
    treaties: &[&Treaty],
    bt: &Backtest,
    limit: usize,
) -> Table {
    let mut t = Table::new(&[
        "treaty",
        "state",
        "triggered incidents",
        "disputes",
        "years",
        "to fight",
        "undetermined incidents",
        "disputes (undetermined)",
        "years (undetermined)",
        "breached",
        "kinds",
        "strongest",
        "drawn into",
    ]);
    let max = if limit == 0 { usize::MAX } else { 6 };
    for i in order(bt) {
        let r = &bt.treaties[i];
        for e in &r.exposure {
            let mut d: Vec<String> = e
                .disputes
                .iter()
                .take(max)
                .map(|d| dispute_label(w, *d))
                .collect();
            if e.disputes.len() > max {
                d.push(format!("… ({})", e.disputes.len()));
            }
            t.push(vec![
                treaties[r.treaty].id.clone(),
                w.states.abb(e.obligor),
                e.triggered.incidents.to_string(),
                e.triggered.disputes.to_string(),
                e.triggered.years.to_string(),
                e.military.incidents.to_string(),
                e.undetermined.incidents.to_string(),
                e.undetermined.disputes.to_string(),
                e.undetermined.years.to_string(),
                e.breached.incidents.to_string(),
                e.kinds
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                e.strongest.map_or(String::new(), |s| s.as_str().into()),
                d.join(if limit == 0 { ";" } else { ", " }),
            ]);
        }
    }
    limited(t, limit)
}

pub(super) fn years_table(treaties: &[&Treaty], bt: &Backtest) -> Table {
    let mut t = Table::new(&["treaty", "year", "triggered", "undetermined"]);
    for r in &bt.treaties {
        for y in &r.years {
            t.push(vec![
                treaties[r.treaty].id.clone(),
                y.year.to_string(),
                y.triggered.to_string(),
                y.undetermined.to_string(),
            ]);
        }
    }
    t
}

pub(super) fn details(
    out: &mut dyn Write,
    w: &World,
    tr: &Treaty,
    inc: &[RecordIncident],
    bt: &Backtest,
    limit: usize,
) -> Result<()> {
    let r = &bt.treaties[0];
    let c = r.counts;
    writeln!(out, "\n{} — {}", tr.id, tr.name)?;
    writeln!(
        out,
        "  triggered by {} incidents in {} disputes over {} years, obliging {} states; undetermined in {} more incidents ({} disputes)\n  a call to fight (defence or offence) in {} incidents, undetermined in {} more{}",
        c.triggered,
        c.disputes_triggered,
        c.years_triggered,
        c.obligors_triggered,
        c.undetermined,
        c.disputes_undetermined,
        c.military,
        c.military_undetermined,
        if c.breached > 0 { format!("; {} incidents in which an obligor breaches its own pledge", c.breached) } else { String::new() }
    )?;
    if r.hits.is_empty() {
        writeln!(out, "  no incident in the window triggers it")?;
        return Ok(());
    }
    writeln!(out, "\nIncidents:")?;
    let mut t = Table::new(&[
        "date",
        "dispute",
        "attackers",
        "target",
        "hostility",
        "status",
        "triggered",
        "undetermined",
        "breached by",
    ]);
    for h in &r.hits {
        let ri = &inc[h.incident];
        let attackers = attackers(w, ri, "");
        t.push(vec![
            ri.date_text(),
            format!(
                "{}{}",
                ri.label(),
                if ri.entry == casus_backtest::Entry::Origin
                    || ri.entry == casus_backtest::Entry::Library
                {
                    String::new()
                } else {
                    format!(" ({})", ri.entry.as_str())
                }
            ),
            attackers.join(" "),
            w.states.abb(ri.incident.target),
            ri.hostility.to_string(),
            h.status.as_str().into(),
            obligors(w, h, Status::Triggered),
            obligors(w, h, Status::Undetermined),
            obligors(w, h, Status::Breached),
        ]);
    }
    limited(t, limit).write(out, Format::Table)?;
    writeln!(out, "\nExposure (incidents, distinct disputes and years in which each state would have been obliged):")?;
    exposure_table(w, &[tr], bt, limit).write(out, Format::Table)?;
    Ok(())
}
