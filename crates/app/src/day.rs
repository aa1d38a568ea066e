//! The one range of days a user may name, on every front end: from the start of the COW
//! state system (1816-01-01) to the last day a spec may name (2100-12-31, docs/spec.md).
//! Before issue 13 invoke took years to 2999, specs stopped at 2100 and `0000-01-01` was said
//! not to exist in the calendar.

use casus_core::Day;

/// First year of the range: the first day a spec may name ([`casus_spec::FIRST_DAY`]).
pub const FIRST_YEAR: i32 = casus_spec::FIRST_DAY.0;
/// Last year of the range ([`casus_spec::LAST_DAY`]).
pub const LAST_YEAR: i32 = casus_spec::LAST_DAY.0;

/// The range in words, for messages and documentation.
pub const RANGE: &str = "1816-01-01 to 2100-12-31";

/// Parses a user's `YYYY-MM-DD` within the range; the message says what is wrong and how
/// to write it (`2025-9-1`: give `2025-09-01`).
pub fn parse(s: &str) -> Result<Day, String> {
    let t = s.trim();
    let b = t.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        let shown: String = t.chars().take(40).collect();
        return Err(format!(
            "`{shown}` is not a date of the form YYYY-MM-DD (four-digit year, two-digit month and day, e.g. 2025-09-01)"
        ));
    }
    let year: i32 = t[..4].parse().map_err(|_| format!("`{t}`: bad year"))?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Err(format!("{t} is outside the supported range, {RANGE}"));
    }
    Day::parse(t).map_err(|e| e.to_string())
}

/// A bare year within the range.
pub fn year(y: i32) -> Result<i32, String> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&y) {
        Ok(y)
    } else {
        Err(format!(
            "the year {y} is outside the supported range, {FIRST_YEAR} to {LAST_YEAR}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_range_with_clear_messages() {
        assert_eq!(parse(" 2025-09-01 ").unwrap().to_string(), "2025-09-01");
        assert!(parse("1816-01-01").is_ok() && parse("2100-12-31").is_ok());
        for s in ["0000-01-01", "9999-12-31", "1815-12-31", "2101-01-01"] {
            assert!(
                parse(s)
                    .unwrap_err()
                    .contains("outside the supported range"),
                "{s}"
            );
        }
        assert!(parse("2025-9-1").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse("2025-02-30").unwrap_err().contains("does not exist"));
        assert!(year(2999).is_err() && year(1816).is_ok());
        // The words agree with the spec format's first and last day.
        let ymd = |(y, m, d): (i32, u32, u32)| format!("{y:04}-{m:02}-{d:02}");
        assert_eq!(
            RANGE,
            format!(
                "{} to {}",
                ymd(casus_spec::FIRST_DAY),
                ymd(casus_spec::LAST_DAY)
            )
        );
    }
}
