//! A per-year bar chart as a standalone SVG document (hand-written: no plotting crate).
//!
//! One panel per series; each bar stacks the incidents that trigger the treaty (dark) and
//! those left undetermined (light). Output depends only on the input: same data, same bytes.

use casus_app::backtest::Run;
use casus_backtest::YearCount;
use std::fmt::Write;

/// One panel: a title and its bars (consecutive years).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Panel title.
    pub title: String,
    /// One bar per year: triggered and undetermined incidents.
    pub years: Vec<YearCount>,
}

const WIDTH: f64 = 960.0;
const PANEL: f64 = 170.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 58.0;
const GAP: f64 = 46.0;
const TRIGGERED: &str = "#b2182b";
const UNDETERMINED: &str = "#f4a582";

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(c),
        }
    }
    o
}

/// A "nice" tick step (1, 2, 5 × 10^k) giving at most about five ticks up to `max`.
fn step(max: u32) -> u32 {
    let mut s = 1;
    loop {
        for m in [1, 2, 5] {
            if max / (s * m) <= 5 {
                return s * m;
            }
        }
        s *= 10;
    }
}

/// Years between labels on the x axis.
fn year_step(span: i32) -> i32 {
    match span {
        ..=12 => 1,
        13..=30 => 2,
        31..=80 => 10,
        81..=160 => 20,
        _ => 25,
    }
}

/// Renders the chart. `title` heads the document; each series gets a panel.
pub fn svg(title: &str, series: &[Series]) -> String {
    let height = TOP + series.len().max(1) as f64 * (PANEL + GAP) + 10.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="Helvetica, Arial, sans-serif" font-size="11">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{LEFT}" y="22" font-size="15" font-weight="bold">{}</text>"#,
        esc(title)
    );
    let _ = writeln!(
        s,
        r##"<rect x="{LEFT}" y="32" width="10" height="10" fill="{TRIGGERED}"/><text x="{}" y="41">triggered</text><rect x="{}" y="32" width="10" height="10" fill="{UNDETERMINED}"/><text x="{}" y="41">undetermined</text><text x="{}" y="41" fill="#555">incidents per year</text>"##,
        LEFT + 14.0,
        LEFT + 80.0,
        LEFT + 94.0,
        LEFT + 190.0
    );
    for (k, sr) in series.iter().enumerate() {
        panel(&mut s, sr, TOP + k as f64 * (PANEL + GAP));
    }
    s.push_str("</svg>\n");
    s
}

fn panel(s: &mut String, sr: &Series, top: f64) {
    let plot_w = WIDTH - LEFT - RIGHT;
    let base = top + 18.0 + PANEL - 18.0;
    let h = PANEL - 24.0;
    let _ = writeln!(
        s,
        r#"<text x="{LEFT}" y="{:.1}" font-weight="bold">{}</text>"#,
        top + 10.0,
        esc(&sr.title)
    );
    let n = sr.years.len().max(1);
    let max = sr
        .years
        .iter()
        .map(|y| y.triggered + y.undetermined)
        .max()
        .unwrap_or(0)
        .max(1);
    let st = step(max);
    let ymax = max.div_ceil(st) * st;
    let scale = h / ymax as f64;
    // Grid and y labels.
    let mut v = 0;
    while v <= ymax {
        let y = base - v as f64 * scale;
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{v}</text>"##,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0
        );
        v += st;
    }
    let bw = plot_w / n as f64;
    let pad = if bw > 4.0 { bw * 0.15 } else { 0.0 };
    for (i, yc) in sr.years.iter().enumerate() {
        let x = LEFT + i as f64 * bw + pad;
        let w = (bw - 2.0 * pad).max(0.5);
        let th = yc.triggered as f64 * scale;
        let uh = yc.undetermined as f64 * scale;
        if yc.triggered > 0 {
            let _ = writeln!(
                s,
                r#"<rect x="{x:.2}" y="{:.2}" width="{w:.2}" height="{th:.2}" fill="{TRIGGERED}"><title>{}: {} triggered</title></rect>"#,
                base - th,
                yc.year,
                yc.triggered
            );
        }
        if yc.undetermined > 0 {
            let _ = writeln!(
                s,
                r#"<rect x="{x:.2}" y="{:.2}" width="{w:.2}" height="{uh:.2}" fill="{UNDETERMINED}"><title>{}: {} undetermined</title></rect>"#,
                base - th - uh,
                yc.year,
                yc.undetermined
            );
        }
    }
    // X axis and year labels.
    let _ = writeln!(
        s,
        r##"<line x1="{LEFT}" y1="{base:.1}" x2="{:.1}" y2="{base:.1}" stroke="#333"/>"##,
        WIDTH - RIGHT
    );
    if let (Some(first), Some(last)) = (sr.years.first(), sr.years.last()) {
        let ys = year_step(last.year - first.year + 1);
        for (i, yc) in sr.years.iter().enumerate() {
            if yc.year % ys == 0 || (i == 0 && n < 3) {
                let x = LEFT + (i as f64 + 0.5) * bw;
                let _ = writeln!(
                    s,
                    r##"<line x1="{x:.1}" y1="{base:.1}" x2="{x:.1}" y2="{:.1}" stroke="#333"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
                    base + 4.0,
                    base + 16.0,
                    yc.year
                );
            }
        }
    }
}

/// The chart of `casus backtest --plot`: a panel per treaty (up to eight), else one panel
/// of the incidents that trigger at least one of them.
pub fn backtest_svg(run: &Run) -> String {
    let bt = &run.backtest;
    let series: Vec<Series> = if run.treaties.len() <= 8 {
        bt.treaties
            .iter()
            .map(|r| Series {
                title: format!(
                    "{} — {} ({} triggered, {} undetermined)",
                    r.id, run.treaties[r.treaty].name, r.counts.triggered, r.counts.undetermined
                ),
                years: r.years.clone(),
            })
            .collect()
    } else {
        vec![Series {
            title: format!(
                "{} treaties: incidents that trigger at least one",
                run.treaties.len()
            ),
            years: bt.combined_years(&run.incidents),
        }]
    };
    let title = format!(
        "casus backtest, {}–{}{}",
        bt.window.from.year(),
        bt.window.to.year(),
        run.query
            .as_if_since
            .map(|d| format!(", as if in force since {d}"))
            .unwrap_or_default()
    );
    svg(&title, &series)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_escaped() {
        let years = (1990..=2000)
            .map(|y| YearCount {
                year: y,
                triggered: (y % 3) as u32,
                undetermined: (y % 2) as u32,
            })
            .collect();
        let sr = vec![Series {
            title: "A & <B>".into(),
            years,
        }];
        let a = svg("t", &sr);
        assert_eq!(a, svg("t", &sr));
        assert!(a.starts_with("<svg"));
        assert!(a.contains("A &amp; &lt;B&gt;"));
        assert!(a.trim_end().ends_with("</svg>"));
        assert_eq!(step(3), 1);
        assert_eq!(step(12), 5);
        assert_eq!(step(40), 10);
    }
}
