//! Publication dates in the formats crawlers emit, to a calendar date.
//!
//! Accepted: ISO 8601 with or without time and zone (`2022-03-01`, `2022-03-01T10:00:00+02:00`,
//! `2022-03-01 10:00:00`), epoch seconds. The date kept is the calendar date as written (the
//! local date of the publisher), not converted to UTC: a story dated `2022-03-01T23:30-05:00`
//! was published on 1 March for its readers. Impossible dates (before 1800, or more than two
//! days after the run) are [`DateResult::Invalid`]: kept as null and counted, never a reject.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// How to read all-numeric dates whose order is ambiguous (`9/6/17`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
pub enum DateOrder {
    /// Month first (US): `9/6/17` is 6 September 2017.
    #[default]
    Mdy,
    /// Day first (Europe): `9/6/17` is 9 June 2017.
    Dmy,
}

/// The outcome of parsing one date field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateResult {
    Date(NaiveDate),
    /// Blank field.
    Empty,
    /// Parsed, but outside the plausible range.
    Invalid,
    /// Not a date slant understands.
    Unparseable,
}

/// Earliest plausible publication date.
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1800, 1, 1).expect("valid")
}

/// Checks the plausible range.
pub fn plausible(d: NaiveDate) -> DateResult {
    let latest = chrono::Utc::now().date_naive() + chrono::Days::new(2);
    if d < earliest() || d > latest {
        DateResult::Invalid
    } else {
        DateResult::Date(d)
    }
}

/// Epoch seconds to a UTC date (milliseconds are recognised by magnitude).
pub fn from_epoch_seconds(n: i64) -> DateResult {
    let secs = if n.abs() > 100_000_000_000 {
        n / 1000
    } else {
        n
    };
    match DateTime::from_timestamp(secs, 0) {
        Some(dt) => plausible(dt.date_naive()),
        None => DateResult::Invalid,
    }
}

/// Parses a date string.
pub fn parse_date(s: &str, _order: DateOrder) -> DateResult {
    let s = s.trim();
    if s.is_empty() {
        return DateResult::Empty;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return plausible(dt.date_naive());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return plausible(dt.date());
        }
    }
    if let Some(head) = s.get(..10)
        && let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d")
    {
        return plausible(d);
    }
    if s.bytes().all(|b| b.is_ascii_digit()) && s.len() >= 9 {
        if let Ok(n) = s.parse::<i64>() {
            return from_epoch_seconds(n);
        }
    }
    DateResult::Unparseable
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> DateResult {
        DateResult::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }

    #[test]
    fn iso_forms_keep_the_local_calendar_date() {
        let o = DateOrder::Mdy;
        assert_eq!(parse_date("2022-03-01", o), d(2022, 3, 1));
        assert_eq!(parse_date("2022-03-01T23:30:00-05:00", o), d(2022, 3, 1));
        assert_eq!(parse_date("2022-03-01 10:00:00", o), d(2022, 3, 1));
        assert_eq!(parse_date("1646092800", o), d(2022, 3, 1));
    }

    #[test]
    fn impossible_dates_are_invalid_not_errors() {
        assert_eq!(
            parse_date("0001-11-30", DateOrder::Mdy),
            DateResult::Invalid
        );
        assert_eq!(
            parse_date("2999-01-01", DateOrder::Mdy),
            DateResult::Invalid
        );
        assert_eq!(parse_date("   ", DateOrder::Mdy), DateResult::Empty);
        assert_eq!(
            parse_date("yesterday", DateOrder::Mdy),
            DateResult::Unparseable
        );
    }
}
