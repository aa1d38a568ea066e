//! Calendar days as integers.
//!
//! Every date in casus is a [`Day`]: the number of days since 1970-01-01 in the proleptic
//! Gregorian calendar. Comparisons and interval checks in hot loops are then plain integer
//! comparisons; conversion to and from year/month/day happens only at the edges.

use std::fmt;

/// A calendar day, counted from 1970-01-01 (day 0). Negative before 1970.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Day(pub i32);

/// Why a date could not be built or parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// The text is not of the form `YYYY-MM-DD`.
    #[error("`{0}` is not a date of the form YYYY-MM-DD")]
    Format(String),
    /// The date has the right form but is not a day of the calendar (or is outside years 1000–2999).
    #[error("{year:04}-{month:02}-{day:02} does not exist in the calendar")]
    NoSuchDay {
        /// Year as given.
        year: i32,
        /// Month as given.
        month: u32,
        /// Day of month as given.
        day: u32,
    },
}

impl Day {
    /// The earliest and latest days casus accepts (years 1000 and 2999): far wider than any
    /// data, narrow enough that arithmetic on them cannot overflow.
    pub const MIN: Day = Day(-354_285);
    /// December 31 of year 2999.
    pub const MAX: Day = Day(376_199);

    /// Builds a day from a calendar date, checking that it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Day, DateError> {
        if !(1000..=2999).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return Err(DateError::NoSuchDay { year, month, day });
        }
        Ok(Day(days_from_civil(year, month, day)))
    }

    /// January 1 of `year`.
    pub fn first_of_year(year: i32) -> Day {
        Day(days_from_civil(year, 1, 1))
    }

    /// December 31 of `year`.
    pub fn last_of_year(year: i32) -> Day {
        Day(days_from_civil(year, 12, 31))
    }

    /// Year, month and day of this date.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// Parses `YYYY-MM-DD`, or a bare `YYYY` when `year_alone` says which day of the year
    /// to take (first or last).
    pub fn parse(s: &str) -> Result<Day, DateError> {
        let t = s.trim();
        let mut parts = t.splitn(3, '-');
        let (y, m, d) = (parts.next(), parts.next(), parts.next());
        let num = |p: Option<&str>, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
            let p = p?;
            if !len.contains(&p.len()) || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            p.parse().ok()
        };
        match (num(y, 4..=4), num(m, 1..=2), num(d, 1..=2)) {
            (Some(y), Some(m), Some(d)) => Day::from_ymd(y as i32, m, d),
            _ => Err(DateError::Format(s.to_string())),
        }
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Day) -> i32 {
        other.0 - self.0
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl std::str::FromStr for Day {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Day::parse(s)
    }
}

impl serde::Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Day::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month (1-based).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's `days_from_civil` / `civil_from_days` (public domain algorithms).
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u32;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i32 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// An inclusive range of days, e.g. a membership spell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    /// First day of the span.
    pub start: Day,
    /// Last day of the span (included).
    pub end: Day,
}

impl Span {
    /// The span from `start` to `end`, both included.
    pub fn new(start: Day, end: Day) -> Span {
        Span { start, end }
    }
    /// Whether `day` lies in the span, ends included.
    pub fn contains(&self, day: Day) -> bool {
        self.start <= day && day <= self.end
    }
    /// Whether the span covers any day of calendar year `year`.
    pub fn touches_year(&self, year: i32) -> bool {
        self.start.year() <= year && year <= self.end.year()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn epoch_and_known_dates() {
        assert_eq!(Day::from_ymd(1970, 1, 1).unwrap(), Day(0));
        assert_eq!(Day::parse("1990-10-03").unwrap().to_string(), "1990-10-03");
        assert_eq!(Day::parse("1816-01-01").unwrap().ymd(), (1816, 1, 1));
        assert!(Day::parse("2023-02-29").is_err());
        assert!(Day::parse("2024-02-29").is_ok());
        assert!(Day::parse("1990-13-01").is_err());
        assert!(Day::parse("yesterday").is_err());
        assert!(Day::parse("+990-1-1").is_err());
    }

    proptest! {
        #[test]
        fn round_trip(z in Day::MIN.0..=Day::MAX.0) {
            let (y, m, d) = Day(z).ymd();
            prop_assert_eq!(Day::from_ymd(y, m, d).unwrap(), Day(z));
        }

        #[test]
        fn parse_never_panics(s in ".{0,20}") {
            let _ = Day::parse(&s);
        }
    }
}
