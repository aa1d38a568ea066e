//! The reliability diagram: predicted probability against the observed share, one dot per
//! bin (area by cases), with the diagonal of perfect calibration. A self-contained SVG.

use crate::validate::Bin;
use std::fmt::Write;

/// An SVG reliability diagram of `bins`, titled `title` (escaped).
pub fn reliability_diagram(bins: &[Bin], title: &str) -> String {
    let (w, h, m) = (420.0, 420.0, 50.0);
    let side = w - 2.0 * m;
    let x = |p: f64| m + p * side;
    let y = |p: f64| h - m - p * side;
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="sans-serif" font-size="11">"##
    );
    let _ = write!(
        s,
        r##"<title>{}</title><rect width="{w}" height="{h}" fill="#fff"/>"##,
        escape(title)
    );
    let _ = write!(
        s,
        r##"<text x="{}" y="22" text-anchor="middle" font-size="13">{}</text>"##,
        w / 2.0,
        escape(title)
    );
    for k in 0..=10 {
        let p = k as f64 / 10.0;
        let _ = write!(
            s,
            r##"<line x1="{0:.1}" y1="{1:.1}" x2="{0:.1}" y2="{2:.1}" stroke="#eee"/><line x1="{3:.1}" y1="{4:.1}" x2="{5:.1}" y2="{4:.1}" stroke="#eee"/>"##,
            x(p),
            y(0.0),
            y(1.0),
            x(0.0),
            y(p),
            x(1.0)
        );
        if k % 2 == 0 {
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle">{p:.1}</text><text x="{:.1}" y="{:.1}" text-anchor="end">{p:.1}</text>"##,
                x(p),
                y(0.0) + 15.0,
                x(0.0) - 5.0,
                y(p) + 4.0
            );
        }
    }
    let _ = write!(
        s,
        r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#888" stroke-dasharray="4 3"/>"##,
        x(0.0),
        y(0.0),
        x(1.0),
        y(1.0)
    );
    let max = bins.iter().map(|b| b.cases).max().unwrap_or(1).max(1) as f64;
    let mut path = String::new();
    for b in bins {
        if let (Some(p), Some(o)) = (b.predicted, b.observed) {
            let r = 3.0 + 9.0 * (b.cases as f64 / max).sqrt();
            let _ = write!(
                s,
                r##"<circle cx="{:.1}" cy="{:.1}" r="{r:.1}" fill="#3366aa" fill-opacity="0.6"><title>{} cases: predicted {:.2}, observed {:.2}</title></circle>"##,
                x(p),
                y(o),
                b.cases,
                p,
                o
            );
            let _ = write!(
                path,
                "{}{:.1},{:.1}",
                if path.is_empty() { "M" } else { " L" },
                x(p),
                y(o)
            );
        }
    }
    if !path.is_empty() {
        let _ = write!(s, r##"<path d="{path}" fill="none" stroke="#3366aa"/>"##);
    }
    let _ = write!(
        s,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle">predicted probability of honouring (out of sample)</text><text transform="translate(14 {:.1}) rotate(-90)" text-anchor="middle">share honoured</text></svg>"##,
        w / 2.0,
        h - 12.0,
        h / 2.0
    );
    s
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::bins;

    #[test]
    fn the_diagram_has_a_dot_per_filled_bin_and_escapes_the_title() {
        let b = bins(&[0.05, 0.5, 0.55, 0.9], &[false, true, false, true], 10);
        let svg = reliability_diagram(&b, "a < b");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains("a &lt; b"));
    }
}
