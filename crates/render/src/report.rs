//! The shareable report: one self-contained HTML page for one attack (inline SVG and CSS, no
//! script, no external resource) with the map, the alliance network, the capability
//! balance, the response, the trace of every obligation and a backtest summary.
//!
//! [`render`] is a pure function of its input (no clock, no I/O): the same scenario gives the
//! same bytes. `casus report` writes it to a file; `/api/report` serves it.

use crate::categories::{categories, colour, CATEGORIES};
use crate::esc;
use crate::map::Map;
use casus_app::backtest::BacktestSummary;
use casus_core::engine::Status;
use casus_core::view::{InvokeView, ObligationView};
use casus_core::Ccode;
use std::collections::HashMap;
use std::fmt::Write;

/// What a report shows.
pub struct Report<'a> {
    /// The invocation to report.
    pub view: &'a InvokeView,
    /// The projected world map to colour.
    pub map: &'a Map,
    /// A backtest of the guarantees the scenario names; `None` leaves that section out.
    pub backtest: Option<&'a BacktestSummary>,
    /// Who would fight (docs/forecast.md); `None` leaves that section out.
    pub forecast: Option<&'a casus_app::forecast::ForecastView>,
}

const STYLE: &str = "body{margin:0 auto;max-width:1000px;padding:1.2rem;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2330}\
h1{font-size:1.45rem;margin:.2rem 0 .4rem}h2{font-size:1.1rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #d9dde3;padding-bottom:.2rem}\
.muted{color:#5b6472}table{border-collapse:collapse;width:100%;font-size:.85em}th,td{text-align:left;padding:.25rem .4rem;border-bottom:1px solid #d9dde3;vertical-align:top}\
th{color:#5b6472}td.num{text-align:right;font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto;display:block}\
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.8em;margin:.3rem 0}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-.1rem;border-radius:2px}\
ul.trace{list-style:none;margin:0;padding:0}.yes{color:#1e7b34}.no{color:#b2182b}.unknown{color:#b07d00}.grid{display:grid;grid-template-columns:1fr 1fr;gap:1rem}\
@media(max-width:800px){.grid{grid-template-columns:1fr}}@media print{h2{break-after:avoid}tr{break-inside:avoid}}";

/// Renders the report.
pub fn render(r: &Report) -> String {
    let v = r.view;
    let inc = &v.incident;
    let attackers = casus_app::attacker_names(v);
    let headline = format!(
        "{} attacks {} ({}) on {}",
        attackers.join(" and "),
        inc.target.name,
        inc.target.abb,
        inc.date
    );
    let count = |s: Status| v.obligations.iter().filter(|o| o.status == s).count();
    let cats = categories(v);
    let mut h = String::with_capacity(400_000);
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"casus {}\">\n<title>casus report: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&headline)
    );
    let _ = writeln!(
        h,
        "<p class=\"muted\">casus — security guarantees as code · report</p>\n<h1>{}</h1>",
        esc(&headline)
    );
    let _ = writeln!(
        h,
        "<p>Place: {}. {}</p>",
        esc(&inc.place),
        inc.description.as_deref().map(esc).unwrap_or_default()
    );
    for s in &inc.sources {
        let _ = writeln!(h, "<p class=\"muted\">Source: {}</p>", esc(s));
    }
    let chosen: Vec<&str> = v.treaties.iter().map(|t| t.id.as_str()).collect();
    let _ = writeln!(
        h,
        "<p id=\"counts\"><strong>{} obligations triggered, {} undetermined{}.</strong> Defence side after the cascade: {}. Attacker side: {}.</p>",
        count(Status::Triggered),
        count(Status::Undetermined),
        if count(Status::Breached) > 0 { format!(", {} breached by the attacker", count(Status::Breached)) } else { String::new() },
        esc(&abbs(&v.sides.b)),
        esc(&abbs(&v.sides.a))
    );
    let _ = writeln!(
        h,
        "<p class=\"muted\">Treaties with obligations: {}.</p>",
        esc(&chosen.join(", "))
    );

    h.push_str("<h2>Who is obliged</h2>\n<p class=\"muted\">Each state is coloured by its strongest triggered obligation toward the target.</p>\n");
    map_svg(&mut h, r.map, &cats, inc.date.year());
    legend(&mut h, &cats);

    h.push_str("<div class=\"grid\"><div>\n<h2>Alliance network</h2>\n<p class=\"muted\">Treaties (squares) inside, states outside; a line joins a state to a treaty that obliges it (coloured by strength) or protects it (grey). The dashed red line is the attack.</p>\n");
    network_svg(&mut h, v, &cats);
    h.push_str("</div><div>\n<h2>Capability balance</h2>\n");
    balance_svg(&mut h, v);
    h.push_str("</div></div>\n");

    h.push_str("<h2>Response: “an attack on one is an attack on all”</h2>\n");
    h.push_str(&format!(
        "<p class=\"muted\">{}</p>\n",
        esc(v.response.words())
    ));
    rounds(&mut h, v);

    h.push_str("<h2>Obligations and their trace</h2>\n");
    trace(&mut h, v);

    if let Some(f) = r.forecast {
        forecast(&mut h, f);
    }

    h.push_str("<h2>Backtest</h2>\n");
    match r.backtest {
        Some(b) => backtest(&mut h, b),
        None => h.push_str("<p class=\"muted\">No guarantee was named, or the backtest was left out (run <code>casus backtest SPEC</code>).</p>\n"),
    }

    h.push_str("<h2>Notes and sources</h2>\n<ul>\n");
    for n in &v.notes {
        let _ = writeln!(h, "<li>{}</li>", esc(n));
    }
    h.push_str("</ul>\n<p class=\"muted\">Made with casus: the same engine and numbers as <code>casus invoke --format json</code> (schema casus.invoke/1). Data: ATOP 5.1 (Leeds et al. 2002); COW state system, NMC 7.0; GML MIDs; facts after 2018 from the casus library with a source note each. ");
    h.push_str(&esc(crate::map::CREDIT));
    h.push_str("</p>\n</body>\n</html>\n");
    h
}

fn abbs(v: &[casus_core::view::StateRef]) -> String {
    if v.is_empty() {
        "none".into()
    } else {
        v.iter()
            .map(|s| s.abb.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn legend(h: &mut String, cats: &HashMap<Ccode, &'static str>) {
    h.push_str("<div class=\"legend\">");
    for (k, label, c) in CATEGORIES {
        if cats.values().any(|x| x == k) {
            let _ = write!(
                h,
                "<span><i style=\"background:{c}\"></i>{}</span>",
                esc(label)
            );
        }
    }
    h.push_str("</div>\n");
}

/// The world map with every state in its category's colour.
pub fn map_svg(h: &mut String, map: &Map, cats: &HashMap<Ccode, &'static str>, year: i32) {
    let _ = writeln!(
        h,
        "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"World map of obligations\" style=\"background:#eef3f8\">",
        map.width, map.height
    );
    let mut markers = String::new();
    for s in &map.shapes {
        let hit = s.stands_for(year, |c| cats.contains_key(&c));
        let cat = hit.and_then(|c| cats.get(&c)).copied();
        let fill = cat.map_or("#e4e6ea", colour);
        let _ = write!(
            h,
            "<path d=\"{}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"0.3\"",
            s.d
        );
        if let Some(c) = s.ccode {
            let _ = write!(h, " data-ccode=\"{c}\"");
        }
        if let Some(cat) = cat {
            let _ = write!(h, " data-strength=\"{cat}\"");
        }
        let _ = writeln!(h, "><title>{}</title></path>", esc(&s.name));
        if let (Some(m), Some(cat)) = (s.marker, cat) {
            let _ = writeln!(markers, "<circle cx=\"{}\" cy=\"{}\" r=\"2.6\" fill=\"{}\" stroke=\"#1d2330\" stroke-width=\"0.5\"><title>{}</title></circle>", m[0], m[1], colour(cat), esc(&s.name));
        }
    }
    h.push_str(&markers);
    h.push_str("</svg>\n");
}

fn network_svg(h: &mut String, v: &InvokeView, cats: &HashMap<Ccode, &'static str>) {
    let live: Vec<&ObligationView> = v
        .obligations
        .iter()
        .filter(|o| matches!(o.status, Status::Triggered | Status::Undetermined))
        .collect();
    let mut treaties: Vec<(&str, &str)> = Vec::new();
    for o in &live {
        if !treaties.iter().any(|t| t.0 == o.treaty.id) {
            treaties.push((&o.treaty.id, &o.treaty.name));
        }
    }
    let mut states: Vec<&casus_core::view::StateRef> = vec![&v.incident.target];
    for a in &v.incident.attackers {
        if let casus_core::view::ActorView::State(s) = a {
            states.push(s);
        }
    }
    for o in &live {
        states.push(&o.obligor);
        states.push(&o.beneficiary);
    }
    let mut seen = std::collections::HashSet::new();
    states.retain(|s| seen.insert(s.ccode));
    states.sort_by(|a, b| {
        cats.get(&a.ccode)
            .unwrap_or(&"")
            .cmp(cats.get(&b.ccode).unwrap_or(&""))
            .then(a.abb.cmp(&b.abb))
    });
    let (w, outer) = (560.0, 240.0);
    let inner = (treaties.len() as f64 * 9.0).clamp(60.0, 150.0);
    let (cx, cy) = (w / 2.0, w / 2.0);
    let at = |i: usize, n: usize, r: f64| {
        if n == 1 && r < outer {
            return (cx, cy);
        }
        let t = std::f64::consts::TAU * i as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2;
        (cx + r * t.cos(), cy + r * t.sin())
    };
    let spos: HashMap<Ccode, (f64, f64)> = states
        .iter()
        .enumerate()
        .map(|(i, s)| (s.ccode, at(i, states.len(), outer)))
        .collect();
    let tpos: HashMap<&str, (f64, f64)> = treaties
        .iter()
        .enumerate()
        .map(|(i, t)| (t.0, at(i, treaties.len(), inner)))
        .collect();
    let _ = writeln!(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {w}\" role=\"img\" aria-label=\"Alliance network\" font-size=\"9\" font-family=\"system-ui,sans-serif\">");
    let mut drawn = std::collections::HashSet::new();
    for o in &live {
        let t = tpos[o.treaty.id.as_str()];
        let oc = if o.status == Status::Triggered {
            colour(o.strength.as_str())
        } else {
            colour("undetermined")
        };
        for (s, c) in [(o.obligor.ccode, oc), (o.beneficiary.ccode, "#9aa3ad")] {
            if drawn.insert((s, o.treaty.id.as_str())) {
                let p = spos[&s];
                let _ = writeln!(h, "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{c}\" stroke-opacity=\"0.55\" stroke-width=\"1.2\"/>", p.0, p.1, t.0, t.1);
            }
        }
    }
    let tp = spos[&v.incident.target.ccode];
    for a in &v.incident.attackers {
        if let casus_core::view::ActorView::State(s) = a {
            let p = spos[&s.ccode];
            let _ = writeln!(h, "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#b2182b\" stroke-width=\"2.5\" stroke-dasharray=\"5 3\"/>", p.0, p.1, tp.0, tp.1);
        }
    }
    for (id, name) in &treaties {
        let p = tpos[id];
        let _ = writeln!(h, "<g><title>{}</title><rect x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"8\" fill=\"#fff\" stroke=\"#1f4e79\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>", esc(name), p.0 - 4.0, p.1 - 4.0, p.0 + 6.0, p.1 + 3.0, esc(id));
    }
    for s in &states {
        let p = spos[&s.ccode];
        let fill = cats.get(&s.ccode).map_or("#e4e6ea", |c| colour(c));
        let (dx, anchor) = if p.0 >= cx {
            (8.0, "start")
        } else {
            (-8.0, "end")
        };
        let _ = writeln!(
            h,
            "<g data-ccode=\"{}\"><title>{}</title><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"5.5\" fill=\"{fill}\" stroke=\"#fff\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text></g>",
            s.ccode,
            esc(&s.name),
            p.0,
            p.1,
            p.0 + dx,
            p.1 + 3.0,
            esc(&s.abb)
        );
    }
    h.push_str("</svg>\n");
}

fn balance_svg(h: &mut String, v: &InvokeView) {
    let (a, b) = (&v.balance.side_a, &v.balance.side_b);
    let rows: [(&str, f64, f64, usize); 3] = [
        ("CINC (share of world capability)", a.cinc, b.cinc, 3),
        (
            "Military spending (US$ bn)",
            a.milex / 1e6,
            b.milex / 1e6,
            1,
        ),
        ("Military personnel (thousands)", a.milper, b.milper, 0),
    ];
    let (w, bar, gap) = (560.0, 14.0, 34.0);
    let height = rows.len() as f64 * (2.0 * bar + gap) + 8.0;
    let _ = writeln!(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {height}\" role=\"img\" aria-label=\"Capability balance\" font-size=\"11\" font-family=\"system-ui,sans-serif\">");
    for (i, (label, x, y, d)) in rows.iter().enumerate() {
        let top = 8.0 + i as f64 * (2.0 * bar + gap);
        let max = x.max(*y).max(f64::MIN_POSITIVE);
        let span = w - 170.0;
        let _ = writeln!(
            h,
            "<text x=\"8\" y=\"{:.1}\">{}</text>",
            top + 2.0,
            esc(label)
        );
        for (j, (who, val, c)) in [
            ("attacker side", *x, "#b2182b"),
            ("defence side", *y, "#2f73b6"),
        ]
        .into_iter()
        .enumerate()
        {
            let yy = top + 6.0 + j as f64 * (bar + 2.0);
            let len = (span * val / max).max(1.0);
            let _ = writeln!(
                h,
                "<rect x=\"100\" y=\"{yy:.1}\" width=\"{len:.1}\" height=\"{bar}\" fill=\"{c}\"/><text x=\"8\" y=\"{:.1}\">{who}</text><text x=\"{:.1}\" y=\"{:.1}\">{val:.d$}</text>",
                yy + 11.0,
                104.0 + len,
                yy + 11.0,
                d = *d
            );
        }
    }
    h.push_str("</svg>\n");
    h.push_str("<table><thead><tr><th>side</th><th>state</th><th>NMC year</th><th class=\"num\">CINC</th><th class=\"num\">milex (US$ m)</th><th class=\"num\">milper (k)</th></tr></thead><tbody>\n");
    for (side, s) in [("attacker", a), ("defence", b)] {
        let mut st: Vec<&casus_core::view::CapabilityView> = s.states.iter().collect();
        st.sort_by(|p, q| q.cinc.unwrap_or(0.0).total_cmp(&p.cinc.unwrap_or(0.0)));
        let shown = st.len().min(12);
        for c in &st[..shown] {
            let f = |x: Option<f64>, d: usize| x.map_or("—".to_string(), |x| format!("{x:.d$}"));
            let _ = writeln!(
                h,
                "<tr><td>{side}</td><td>{} ({})</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&c.state.name),
                esc(&c.state.abb),
                c.year.map_or("—".into(), |y| y.to_string()),
                f(c.cinc, 4),
                f(c.milex.map(|m| m / 1e3), 0),
                f(c.milper, 0)
            );
        }
        if st.len() > shown {
            let _ = writeln!(
                h,
                "<tr><td>{side}</td><td colspan=\"5\" class=\"muted\">and {} more</td></tr>",
                st.len() - shown
            );
        }
    }
    let _ = writeln!(
        h,
        "</tbody></table>\n<p class=\"muted\">{}</p>",
        esc(&v.balance.note)
    );
}

fn rounds(h: &mut String, v: &InvokeView) {
    let list = casus_core::view::JoinerView::list;
    let mut items = Vec::new();
    for r in &v.rounds {
        for (label, js) in [
            ("joins the defence", &r.side_b),
            ("joins the attacker", &r.side_a),
            ("may join the defence (undetermined)", &r.may_join_b),
            ("may join the attacker (undetermined)", &r.may_join_a),
        ] {
            if !js.is_empty() {
                items.push(format!("Round {}: {label}: {}", r.round, list(js)));
            }
        }
        if !r.cross_pressured.is_empty() {
            items.push(format!(
                "Round {}: obliged to both sides, joins neither: {}",
                r.round,
                abbs(&r.cross_pressured)
            ));
        }
    }
    for a in &v.accessions {
        items.push(format!(
            "Accession of {} to {} (Art. {}): {}",
            a.candidate.abb,
            a.treaty,
            a.article,
            if a.admitted {
                "admitted".to_string()
            } else {
                format!(
                    "BLOCKED — objecting: {}; undecided: {}",
                    abbs(&a.objecting),
                    abbs(&a.undecided)
                )
            }
        ));
    }
    if items.is_empty() {
        h.push_str("<p class=\"muted\">No state is obliged to join either side.</p>\n");
    } else {
        h.push_str("<ul>\n");
        for i in items {
            let _ = writeln!(h, "<li>{}</li>", esc(&i));
        }
        h.push_str("</ul>\n");
    }
}

fn trace(h: &mut String, v: &InvokeView) {
    // Obligations that differ only in the obligor share a row (as `casus invoke` prints them).
    let groups = v.grouped();
    if groups.is_empty() {
        h.push_str("<p class=\"muted\">No obligation arises.</p>\n");
        return;
    }
    h.push_str("<table><thead><tr><th>status</th><th>obligors</th><th>beneficiary</th><th>kind / strength</th><th>treaty, article</th><th>trace (first obligor)</th></tr></thead><tbody>\n");
    for g in &groups {
        let o = g[0];
        let names: Vec<&str> = g.iter().map(|o| o.obligor.abb.as_str()).collect();
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} / {}</td><td title=\"{}\">{} Art. {}</td><td><ul class=\"trace\">",
            o.status.as_str(),
            esc(&names.join(" ")),
            esc(&o.beneficiary.abb),
            o.kind.as_str(),
            o.strength.as_str(),
            esc(&o.treaty.name),
            esc(&o.treaty.id),
            esc(&o.article)
        );
        for s in &o.trace {
            let (mark, cls) = match s.result {
                casus_core::engine::Tri::Yes => ("✓", "yes"),
                casus_core::engine::Tri::No => ("✗", "no"),
                casus_core::engine::Tri::Unknown => ("?", "unknown"),
            };
            let _ = write!(
                h,
                "<li><span class=\"{cls}\">{mark}</span> <code>{}</code> {}</li>",
                s.check,
                esc(&s.detail)
            );
        }
        h.push_str("</ul></td></tr>\n");
    }
    h.push_str("</tbody></table>\n");
}

fn backtest(h: &mut String, b: &BacktestSummary) {
    let bv = &b.view;
    let _ = writeln!(
        h,
        "<p class=\"muted\">{} ({} incidents from {} to {}, hostility {} or more).</p>",
        esc(&b.note),
        bv.incidents,
        bv.from,
        bv.to,
        bv.min_hostility
    );
    h.push_str("<table><thead><tr><th>treaty</th><th class=\"num\">incidents triggering it</th><th class=\"num\">undetermined</th><th class=\"num\">disputes</th><th class=\"num\">years</th><th>most exposed guarantors (incidents)</th></tr></thead><tbody>\n");
    for t in &bv.treaties {
        let mut ex: Vec<_> = t.exposure.iter().collect();
        ex.sort_by(|a, b| {
            b.triggered
                .incidents
                .cmp(&a.triggered.incidents)
                .then(a.state.abb.cmp(&b.state.abb))
        });
        let top = ex
            .iter()
            .take(6)
            .map(|e| format!("{} ({})", e.state.abb, e.triggered.incidents))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            h,
            "<tr><td>{} — {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&t.id),
            esc(&t.name),
            t.counts.triggered,
            t.counts.undetermined,
            t.counts.disputes_triggered,
            t.counts.years_triggered,
            esc(&top)
        );
    }
    h.push_str("</tbody></table>\n");
    for t in &bv.treaties {
        years_svg(h, &t.id, &t.years);
    }
}

fn years_svg(h: &mut String, id: &str, years: &[casus_backtest::YearCount]) {
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return;
    };
    let (w, ht, left, bottom) = (760.0, 120.0, 30.0, 16.0);
    let max = years
        .iter()
        .map(|y| y.triggered + y.undetermined)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = (last.year - first.year + 1).max(1) as f64;
    let bw = (w - left - 6.0) / n;
    let _ = writeln!(
        h,
        "<p class=\"muted\">{}: incidents per year (blue triggered, yellow undetermined)</p>",
        esc(id)
    );
    let _ = writeln!(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-label=\"Backtest per year\" font-size=\"10\" font-family=\"system-ui,sans-serif\">");
    for y in years {
        let x = left + (y.year - first.year) as f64 * bw;
        let t = (ht - bottom - 6.0) * y.triggered as f64 / max;
        let u = (ht - bottom - 6.0) * y.undetermined as f64 / max;
        if t > 0.0 {
            let _ = write!(h, "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.2}\" height=\"{t:.1}\" fill=\"#2f73b6\"/>", ht - bottom - t, (bw - 0.3).max(0.6));
        }
        if u > 0.0 {
            let _ = write!(h, "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.2}\" height=\"{u:.1}\" fill=\"#f2c14e\"/>", ht - bottom - t - u, (bw - 0.3).max(0.6));
        }
    }
    let step = if n > 120.0 { 20 } else { 10 };
    let mut yr = (first.year + step - 1) / step * step;
    while yr <= last.year {
        let _ = write!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{yr}</text>",
            left + (yr - first.year) as f64 * bw,
            ht - 3.0
        );
        yr += step;
    }
    let _ = writeln!(
        h,
        "<text x=\"2\" y=\"10\">{max}</text><text x=\"2\" y=\"{:.1}\">0</text></svg>",
        ht - bottom
    );
}

/// The forecast section: each obligor's probability, and the balance over the draws.
fn forecast(h: &mut String, f: &casus_app::forecast::ForecastView) {
    let pct = |p: f64| format!("{:.0}%", 100.0 * p);
    h.push_str("<h2 id=\"forecast\">Forecast: who would fight</h2>\n");
    let _ = writeln!(
        h,
        "<p class=\"muted\">Probabilities from {} ({} draws, seed {}); out of sample, one war left out at a time ({} pledges, {} wars): Brier {:.3} against {:.3} (overall share) and {:.3} (share by pledge type).</p>",
        esc(f.method),
        f.draws,
        f.seed,
        f.validation.cases,
        f.validation.wars,
        f.validation.model.brier,
        f.validation.overall_share.brier,
        f.validation.share_by_type.brier
    );
    if f.obligors.is_empty() {
        let _ = writeln!(
            h,
            "<p>No state has a triggered or undetermined defence or offence pledge to {}.</p>",
            esc(&f.target.abb)
        );
    } else {
        h.push_str("<table><thead><tr><th>obligor</th><th>P(fights)</th><th>pledge</th><th>what drives it</th></tr></thead><tbody>\n");
        for o in &f.obligors {
            let drivers: Vec<String> = o.drivers.iter().map(ToString::to_string).collect();
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=\"num\">{}</td><td>{} art. {} ({}, {})</td><td>{}</td></tr>",
                esc(&o.state.abb),
                pct(o.p_fights),
                esc(&o.treaty),
                esc(&o.article),
                o.kind,
                o.status,
                esc(&drivers.join("; "))
            );
        }
        h.push_str("</tbody></table>\n");
    }
    h.push_str("<table><thead><tr><th>measure</th><th>attacker</th><th>defence mean</th><th>defence 5–95%</th><th>P(defence outweighs)</th></tr></thead><tbody>\n");
    for (label, m, scale, d) in [
        ("CINC", &f.balance.cinc, 1.0, 4),
        ("milex (US$ bn)", &f.balance.milex, 1e6, 1),
        ("milper (thousands)", &f.balance.milper, 1.0, 0),
    ] {
        let _ = writeln!(
            h,
            "<tr><td>{label}</td><td class=\"num\">{:.*}</td><td class=\"num\">{:.*}</td><td class=\"num\">{:.*} – {:.*}</td><td class=\"num\">{}</td></tr>",
            d,
            m.attacker / scale,
            d,
            m.mean / scale,
            d,
            m.p05 / scale,
            d,
            m.p95 / scale,
            pct(m.p_outweighs)
        );
    }
    h.push_str("</tbody></table>\n");
    let _ = writeln!(h, "<p class=\"muted\">{}</p>", esc(&f.data_note));
}
