//! casus-render: what casus draws, in one place for the CLI and the web server.
//!
//! [`report::render`] is the self-contained HTML page of `casus report` and `/api/report`;
//! [`map`] turns the bundled Natural Earth shapes into SVG paths keyed by COW ccode;
//! [`categories`] gives each state of an invocation its map colour (the browser app reads
//! them from `/api/invoke` rather than computing them again); [`plot`] draws the per-year
//! chart of `casus backtest --plot`. Pure functions of their input, except [`map::Map::load`],
//! which reads the shapes from a data source.

pub mod categories;
pub mod map;
pub mod plot;
pub mod report;

/// Escapes text for HTML (and SVG) content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
    }
}
