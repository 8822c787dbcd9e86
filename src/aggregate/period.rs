//! Calendar buckets for the time series: day, ISO week (Monday start), month.

use chrono::{Datelike, Duration, NaiveDate};

use super::Period;

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date")
}

/// The date for `days` since 1970-01-01, `None` if out of chrono's range.
pub fn date_of(days: i32) -> Option<NaiveDate> {
    epoch().checked_add_signed(Duration::days(days as i64))
}

/// Days since 1970-01-01 of `d`.
pub fn days_of(d: NaiveDate) -> i32 {
    (d - epoch()).num_days() as i32
}

/// The first day of the bucket holding `d`: `d` itself (day), the Monday of its ISO week
/// (week), the first of its month (month).
pub fn bucket_start(d: NaiveDate, period: Period) -> NaiveDate {
    match period {
        Period::Day => d,
        Period::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
        Period::Month => d.with_day(1).expect("day 1 exists"),
    }
}

/// The first day of the bucket after the one starting at `start`.
pub fn next_bucket_start(start: NaiveDate, period: Period) -> NaiveDate {
    match period {
        Period::Day => start + Duration::days(1),
        Period::Week => start + Duration::days(7),
        Period::Month => bucket_start(
            start.with_day(1).expect("day 1") + Duration::days(31),
            period,
        ),
    }
}

/// The label of the bucket starting at `start`: `2024-03-05`, `2024-W10` (ISO year and week),
/// `2024-03`.
pub fn bucket_label(start: NaiveDate, period: Period) -> String {
    match period {
        Period::Day => start.format("%Y-%m-%d").to_string(),
        Period::Week => {
            let w = start.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Period::Month => start.format("%Y-%m").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weeks_start_on_monday_and_use_iso_years() {
        // 2021-01-03 is a Sunday: its ISO week is 2020-W53, which began Monday 2020-12-28.
        let s = bucket_start(d(2021, 1, 3), Period::Week);
        assert_eq!(s, d(2020, 12, 28));
        assert_eq!(bucket_label(s, Period::Week), "2020-W53");
        // A Monday is its own week start.
        assert_eq!(bucket_start(d(2024, 3, 4), Period::Week), d(2024, 3, 4));
        assert_eq!(bucket_label(d(2024, 3, 4), Period::Week), "2024-W10");
    }

    #[test]
    fn months_and_days() {
        assert_eq!(bucket_start(d(2024, 2, 29), Period::Month), d(2024, 2, 1));
        assert_eq!(bucket_label(d(2024, 2, 1), Period::Month), "2024-02");
        assert_eq!(bucket_label(d(2024, 2, 29), Period::Day), "2024-02-29");
        assert_eq!(date_of(days_of(d(1999, 12, 31))), Some(d(1999, 12, 31)));
        assert_eq!(
            next_bucket_start(d(2024, 1, 1), Period::Month),
            d(2024, 2, 1)
        );
        assert_eq!(
            next_bucket_start(d(2024, 12, 1), Period::Month),
            d(2025, 1, 1)
        );
        assert_eq!(
            next_bucket_start(d(2024, 2, 26), Period::Week),
            d(2024, 3, 4)
        );
        assert_eq!(
            next_bucket_start(d(2024, 2, 29), Period::Day),
            d(2024, 3, 1)
        );
    }
}
