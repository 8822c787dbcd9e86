//! Publication dates in the formats crawlers and exports emit, to a calendar date.
//!
//! Accepted forms (see `docs/INPUT.md`):
//! - ISO 8601 with or without time and zone: `2022-03-01`, `2022-03-01T10:00:00+02:00`,
//!   `2022-03-01 10:00:00.123`, `2022/03/01`, basic `20220301`;
//! - RFC 2822: `Wed, 06 Sep 2017 14:32:10 +0000`;
//! - all-numeric day/month/year `9/6/17`, `09-06-2017`, `06.09.2017`, read month-first
//!   ([`DateOrder::Mdy`], the default) or day-first ([`DateOrder::Dmy`]); when the configured order
//!   gives no valid date but the other order does (`20/9/2016` read month-first), the other is used;
//! - dates with a month name, in any language with a `lexicons/<lang>/months.tsv`:
//!   `20 September 2016`, `Sept. 20, 2016`, `5 avril 2023`, `mercredi 5 avril 2023`,
//!   `1er mai 2022`, `Le 5 avril 2023 à 10h30`, `September 20, 2016 at 5:30 p.m. EDT`;
//! - epoch seconds, and milliseconds, microseconds or nanoseconds recognised by magnitude.
//!
//! The date kept is the calendar date as written (the publisher's local date), not converted to
//! UTC: a story dated `2022-03-01T23:30-05:00` was published on 1 March for its readers. Epoch
//! numbers carry no zone and are read as UTC. Two-digit years are taken in the century that puts
//! them no later than next year (`17` is 2017, `95` is 1995).
//!
//! Impossible dates (a day that does not exist such as `2017-02-30`, before 1800, or more than two
//! days after the run) are [`DateResult::Invalid`]: ingest keeps them as null and counts a warning,
//! never a reject. Month names, weekdays and filler words are data in `lexicons/<lang>/months.tsv`
//! and `lexicons/<lang>/date_words.tsv` (plus `lexicons/common/date_words.tsv` for time zones),
//! so a new language's dates need no code.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate};

use crate::lexicon::{LexiconError, LexiconSource};
use crate::text::fold::fold;

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
    /// Read as a date, but a day that does not exist or outside the plausible range.
    Invalid,
    /// Not a date slant understands.
    Unparseable,
}

/// Earliest plausible publication date.
pub fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1800, 1, 1).expect("valid")
}

/// Checks the plausible range: from 1800 to two days after today (time zones, clock skew).
pub fn plausible(d: NaiveDate) -> DateResult {
    let latest = chrono::Utc::now().date_naive() + chrono::Days::new(2);
    if d < earliest() || d > latest {
        DateResult::Invalid
    } else {
        DateResult::Date(d)
    }
}

fn ymd(y: i32, m: u32, d: u32) -> DateResult {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => plausible(date),
        None => DateResult::Invalid,
    }
}

/// Epoch time to a UTC date. Seconds, or milliseconds / microseconds / nanoseconds recognised by
/// magnitude (above 10^11, 10^14, 10^17: no news date in seconds is that large).
pub fn from_epoch_seconds(n: i64) -> DateResult {
    let a = n.unsigned_abs();
    let secs = if a > 100_000_000_000_000_000 {
        n / 1_000_000_000
    } else if a > 100_000_000_000_000 {
        n / 1_000_000
    } else if a > 100_000_000_000 {
        n / 1000
    } else {
        n
    };
    match DateTime::from_timestamp(secs, 0) {
        Some(dt) => plausible(dt.date_naive()),
        None => DateResult::Invalid,
    }
}

/// A whole number in a date column: `YYYYMMDD` when it is one (eight digits forming a real day),
/// else epoch time ([`from_epoch_seconds`]).
pub fn from_integer(n: i64) -> DateResult {
    if (10_000_101..=99_991_231).contains(&n) {
        let (y, m, d) = (
            (n / 10_000) as i32,
            (n / 100 % 100) as u32,
            (n % 100) as u32,
        );
        if NaiveDate::from_ymd_opt(y, m, d).is_some() {
            return ymd(y, m, d);
        }
    }
    from_epoch_seconds(n)
}

/// A two-digit year in the century that puts it no later than next year.
fn expand_year(y: i32, digits: usize) -> i32 {
    if digits > 2 {
        return y;
    }
    let next = chrono::Utc::now().year() + 1;
    let y2000 = 2000 + y;
    if y2000 <= next { y2000 } else { 1900 + y }
}

/// What a word in a date field is, from the date lexicons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordKind {
    Weekday,
    Filler,
    Ordinal,
    Zone,
}

/// Parses date strings, with month names and date words from the lexicons.
///
/// Built once per run ([`DateParser::load`]) and shared read-only; lookups only, so results do not
/// depend on map order.
#[derive(Debug, Clone)]
pub struct DateParser {
    /// Folded month form (`sept`, `fevrier`) → month number.
    months: HashMap<String, u32>,
    /// Folded word → what it is (weekday, filler, ordinal suffix, time zone).
    words: HashMap<String, WordKind>,
}

impl Default for DateParser {
    /// The parser built from the built-in lexicons.
    fn default() -> Self {
        Self::built_in().clone()
    }
}

impl DateParser {
    /// Loads `months.tsv` and `date_words.tsv` of every language folder in `src` (plus
    /// `common/date_words.tsv`). A form listed with two different months, a month outside 1–12
    /// or an unknown word kind is an error naming file and line.
    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        let mut months: HashMap<String, (u32, String)> = HashMap::new();
        let mut words = HashMap::new();
        let mut word_files = vec!["common/date_words.tsv".to_string()];
        for lang in src.languages() {
            let rel = format!("{lang}/months.tsv");
            if src.exists(&rel) {
                for (n, f) in src.read_tsv(&rel, 2)? {
                    let form = fold(f[0].trim_end_matches('.'));
                    let month = f[1]
                        .parse::<u32>()
                        .ok()
                        .filter(|m| (1..=12).contains(m))
                        .ok_or_else(|| {
                            LexiconError::malformed(
                                &rel,
                                n,
                                format!("month {:?} is not 1-12", f[1]),
                            )
                        })?;
                    let here = format!("{rel}:{n}");
                    if let Some((other, at)) = months.get(&form)
                        && *other != month
                    {
                        return Err(LexiconError::malformed(
                            &rel,
                            n,
                            format!("{form:?} is month {month} here but month {other} at {at}"),
                        ));
                    }
                    months.entry(form).or_insert((month, here));
                }
            }
            word_files.push(format!("{lang}/date_words.tsv"));
        }
        for rel in word_files {
            if !src.exists(&rel) {
                continue;
            }
            for (n, f) in src.read_tsv(&rel, 2)? {
                let kind = match f[1].as_str() {
                    "weekday" => WordKind::Weekday,
                    "filler" => WordKind::Filler,
                    "ordinal" => WordKind::Ordinal,
                    "zone" => WordKind::Zone,
                    other => {
                        return Err(LexiconError::malformed(
                            &rel,
                            n,
                            format!("kind {other:?}: expected weekday, filler, ordinal or zone"),
                        ));
                    }
                };
                words.entry(fold(&f[0])).or_insert(kind);
            }
        }
        Ok(DateParser {
            months: months.into_iter().map(|(k, (m, _))| (k, m)).collect(),
            words,
        })
    }

    /// The parser from the built-in lexicons, loaded once per process.
    pub fn built_in() -> &'static DateParser {
        static BUILT_IN: OnceLock<DateParser> = OnceLock::new();
        BUILT_IN.get_or_init(|| {
            DateParser::load(&LexiconSource::built_in()).expect("built-in date lexicons are valid")
        })
    }

    /// Parses one date field. Never fails: the result says whether it was a date, blank,
    /// impossible, or not understood.
    pub fn parse(&self, s: &str, order: DateOrder) -> DateResult {
        let s = s.trim();
        if s.is_empty() {
            return DateResult::Empty;
        }
        if let Some(r) = epoch_or_basic(s) {
            return r;
        }
        if let Some(r) = self.numeric(s, order) {
            return r;
        }
        if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
            return plausible(dt.date_naive());
        }
        self.with_month_name(s).unwrap_or(DateResult::Unparseable)
    }

    /// `d/m/y`, `y-m-d` and friends, optionally followed by a time and zone.
    fn numeric(&self, s: &str, order: DateOrder) -> Option<DateResult> {
        let head_len = s
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '/' | '-' | '.')))
            .unwrap_or(s.len());
        let (head, rest) = s.split_at(head_len);
        let sep = head.chars().find(|c| !c.is_ascii_digit())?;
        let parts: Vec<&str> = head.split(sep).collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
            return None;
        }
        if !(rest.is_empty() || rest.starts_with([' ', 'T', 't', ','])) {
            return None;
        }
        let rest = rest.strip_prefix(['T', 't']).unwrap_or(rest);
        if !self.only_time(rest) {
            return None;
        }
        let num = |p: &str| p.parse::<u32>().ok();
        let (a, b, c) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
        if parts[0].len() == 4 {
            return Some(ymd(a as i32, b, c));
        }
        if parts[0].len() > 2 || parts[1].len() > 2 || parts[2].len() == 3 || parts[2].len() == 1 {
            return None;
        }
        let year = expand_year(c as i32, parts[2].len());
        let (m, d) = match order {
            DateOrder::Mdy => (a, b),
            DateOrder::Dmy => (b, a),
        };
        if m > 12 && d <= 12 {
            // Unambiguous the other way round (20/9/2016 read month-first).
            return Some(ymd(year, d, m));
        }
        Some(ymd(year, m, d))
    }

    /// True when `rest` holds nothing but a time, a zone and words the lexicons allow.
    fn only_time(&self, rest: &str) -> bool {
        let Some(toks) = self.tokens(&fold(rest)) else {
            return false;
        };
        toks.iter().all(|t| match t {
            Tok::Time | Tok::Zone => true,
            Tok::Word(w) => matches!(self.words.get(w), Some(WordKind::Zone | WordKind::Filler)),
            Tok::Num { .. } => false,
        })
    }

    /// Dates with a month name: exactly one month word, a day and a year; other words must be
    /// weekdays, fillers or zones from the lexicons.
    fn with_month_name(&self, s: &str) -> Option<DateResult> {
        let toks = self.tokens(&fold(s))?;
        let mut month_words: Vec<(&str, u32)> = Vec::new();
        let mut numbers: Vec<(u32, usize)> = Vec::new();
        for t in &toks {
            match t {
                Tok::Time | Tok::Zone => {}
                Tok::Word(w) => match (self.months.get(w), self.words.get(w)) {
                    (Some(&m), _) => month_words.push((w.as_str(), m)),
                    (None, Some(WordKind::Weekday | WordKind::Filler | WordKind::Zone)) => {}
                    _ => return None,
                },
                Tok::Num {
                    value,
                    digits,
                    suffix,
                } => {
                    if !suffix.is_empty() && self.words.get(suffix) != Some(&WordKind::Ordinal) {
                        return None;
                    }
                    numbers.push((*value, *digits));
                }
            }
        }
        if month_words.len() > 1 {
            // "mar." is Tuesday in French and March in English: a word that can be something
            // else gives way to one that can only be a month.
            month_words.retain(|(w, _)| !self.words.contains_key(*w));
        }
        let [(_, month)] = month_words[..] else {
            return None;
        };
        let [(n1, d1), (n2, d2)] = numbers[..] else {
            return None;
        };
        let (day, (year, ydigits)) = match (d1, d2) {
            (1 | 2, 4) => (n1, (n2, d2)),
            (4, 1 | 2) => (n2, (n1, d1)),
            (1 | 2, 2) => (n1, (n2, d2)),
            _ => return None,
        };
        Some(ymd(expand_year(year as i32, ydigits), month, day))
    }

    /// Splits a folded date string into numbers (with any letter suffix), words, times and zones.
    /// `None` when a number is too long to be part of a date.
    fn tokens(&self, s: &str) -> Option<Vec<Tok>> {
        let b = s.as_bytes();
        let mut toks = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                let start = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                let digits = i - start;
                if digits > 4 {
                    return None;
                }
                let value: u32 = s[start..i].parse().ok()?;
                let next = b.get(i).copied();
                let after = b.get(i + 1).copied();
                if next == Some(b':') && after.is_some_and(|x| x.is_ascii_digit()) {
                    // 14:32, 14:32:10, 14:32:10.123
                    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b':' || b[i] == b'.') {
                        i += 1;
                    }
                    i = skip_meridiem(b, i);
                    toks.push(Tok::Time);
                } else if next == Some(b'h')
                    && value <= 24
                    && !after.is_some_and(|x| x.is_ascii_alphabetic())
                {
                    // French 10h30, 10h
                    i += 1;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    toks.push(Tok::Time);
                } else {
                    let suffix_start = i;
                    while i < b.len() && b[i].is_ascii_alphabetic() {
                        i += 1;
                    }
                    toks.push(Tok::Num {
                        value,
                        digits,
                        suffix: s[suffix_start..i].to_string(),
                    });
                }
            } else if (c == b'+' || c == b'-')
                && matches!(toks.last(), Some(Tok::Time))
                && b.get(i + 1).is_some_and(|x| x.is_ascii_digit())
            {
                i += 1;
                while i < b.len() && (b[i].is_ascii_digit() || b[i] == b':') {
                    i += 1;
                }
                toks.push(Tok::Zone);
            } else if c.is_ascii_alphabetic() || c >= 0x80 {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] >= 0x80) {
                    i += 1;
                }
                toks.push(Tok::Word(s[start..i].to_string()));
            } else {
                i += 1;
            }
        }
        Some(toks)
    }
}

/// Skips `am`, `pm`, `a.m.`, `p.m.` (with spaces before) after a time.
fn skip_meridiem(b: &[u8], mut i: usize) -> usize {
    let start = i;
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    if i < b.len() && (b[i] == b'a' || b[i] == b'p') {
        let mut j = i + 1;
        if b.get(j) == Some(&b'.') {
            j += 1;
        }
        if b.get(j) == Some(&b'm') {
            j += 1;
            if b.get(j) == Some(&b'.') {
                j += 1;
            }
            if !b.get(j).is_some_and(|x| x.is_ascii_alphabetic()) {
                return j;
            }
        }
    }
    start
}

/// A piece of a date string.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Num {
        value: u32,
        digits: usize,
        suffix: String,
    },
    Word(String),
    Time,
    Zone,
}

/// Epoch seconds (nine or more digits, optionally with a fraction) or ISO basic `YYYYMMDD`.
fn epoch_or_basic(s: &str) -> Option<DateResult> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    match int.len() {
        8 if frac.is_empty() => Some(ymd(
            int[..4].parse().ok()?,
            int[4..6].parse().ok()?,
            int[6..].parse().ok()?,
        )),
        9..=19 => Some(from_epoch_seconds(int.parse().ok()?)),
        _ => None,
    }
}

/// Parses a date string with the built-in lexicons (for callers without a run's
/// [`DateParser`], e.g. datelines found while cleaning).
pub fn parse_date(s: &str, order: DateOrder) -> DateResult {
    DateParser::built_in().parse(s, order)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> DateResult {
        DateResult::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }
    fn us(s: &str) -> DateResult {
        parse_date(s, DateOrder::Mdy)
    }
    fn eu(s: &str) -> DateResult {
        parse_date(s, DateOrder::Dmy)
    }

    #[test]
    fn iso_8601_keeps_the_local_calendar_date() {
        assert_eq!(us("2022-03-01"), d(2022, 3, 1));
        assert_eq!(us("2022-03-01T23:30:00-05:00"), d(2022, 3, 1));
        assert_eq!(us("2022-03-01T00:30:00+02:00"), d(2022, 3, 1));
        assert_eq!(us("2022-03-01T10:00:00Z"), d(2022, 3, 1));
        assert_eq!(us("2022-03-01T10:00:00.123456+0200"), d(2022, 3, 1));
        assert_eq!(us("2022-03-01 10:00:00"), d(2022, 3, 1));
        assert_eq!(us("2017-09-06 14:32:10.123456"), d(2017, 9, 6));
        assert_eq!(us("2022-03-01T10:00"), d(2022, 3, 1));
        assert_eq!(us("2022-03-01 10:00:00 UTC"), d(2022, 3, 1));
        assert_eq!(us("2022/03/01"), d(2022, 3, 1));
        assert_eq!(us("20220301"), d(2022, 3, 1));
        assert_eq!(us("  2022-3-1 "), d(2022, 3, 1));
    }

    #[test]
    fn rfc_2822() {
        assert_eq!(us("Wed, 06 Sep 2017 14:32:10 +0000"), d(2017, 9, 6));
        assert_eq!(us("Tue, 1 Jul 2003 23:52:37 -0700"), d(2003, 7, 1));
        assert_eq!(us("Fri, 21 Nov 1997 09:55:06 GMT"), d(1997, 11, 21));
        assert_eq!(us("06 Sep 17 14:32 EDT"), d(2017, 9, 6));
    }

    #[test]
    fn numeric_day_month_order_is_configurable() {
        assert_eq!(us("9/6/17"), d(2017, 9, 6));
        assert_eq!(eu("9/6/17"), d(2017, 6, 9));
        assert_eq!(us("09/06/2017"), d(2017, 9, 6));
        assert_eq!(eu("09-06-2017"), d(2017, 6, 9));
        assert_eq!(eu("06.09.2017"), d(2017, 9, 6));
        assert_eq!(us("9/6/17 2:15 PM"), d(2017, 9, 6));
        // Unambiguous either way: a first number above 12 is the day.
        assert_eq!(us("20/9/2016"), d(2016, 9, 20));
        assert_eq!(eu("9/20/2016"), d(2016, 9, 20));
        // Two-digit years: the century that is not in the future.
        assert_eq!(us("1/2/95"), d(1995, 1, 2));
        assert_eq!(us("1/2/03"), d(2003, 1, 2));
    }

    #[test]
    fn month_names_in_english() {
        assert_eq!(us("20 September 2016"), d(2016, 9, 20));
        assert_eq!(us("Sept. 20, 2016"), d(2016, 9, 20));
        assert_eq!(us("September 20, 2016"), d(2016, 9, 20));
        assert_eq!(us("Sep 20 2016"), d(2016, 9, 20));
        assert_eq!(us("Tuesday, September 20th, 2016"), d(2016, 9, 20));
        assert_eq!(us("the 3rd of March 2021"), d(2021, 3, 3));
        assert_eq!(us("September 20, 2016 at 5:30 p.m. EDT"), d(2016, 9, 20));
        assert_eq!(us("Published Mar. 1, 2022 10:00 am"), d(2022, 3, 1));
    }

    #[test]
    fn month_names_in_french() {
        assert_eq!(us("5 avril 2023"), d(2023, 4, 5));
        assert_eq!(us("mercredi 5 avril 2023"), d(2023, 4, 5));
        assert_eq!(us("1er mai 2022"), d(2022, 5, 1));
        assert_eq!(us("Le 5 avril 2023 à 10h30"), d(2023, 4, 5));
        assert_eq!(us("Publié le 12 février 2024"), d(2024, 2, 12));
        assert_eq!(us("12 fevrier 2024"), d(2024, 2, 12));
        assert_eq!(us("3 févr. 2024"), d(2024, 2, 3));
        assert_eq!(us("15 AOÛT 2021"), d(2021, 8, 15));
        assert_eq!(us("22 déc. 2020, 18h"), d(2020, 12, 22));
        // "mar." is Tuesday here, "mars" the month.
        assert_eq!(us("mar. 7 mars 2023"), d(2023, 3, 7));
    }

    #[test]
    fn epoch_numbers() {
        assert_eq!(us("1646092800"), d(2022, 3, 1));
        assert_eq!(us("1646092800.75"), d(2022, 3, 1));
        assert_eq!(us("1646092800000"), d(2022, 3, 1));
        assert_eq!(from_epoch_seconds(1_646_092_800), d(2022, 3, 1));
        assert_eq!(from_epoch_seconds(1_646_092_800_000), d(2022, 3, 1));
        assert_eq!(from_epoch_seconds(1_646_092_800_000_000), d(2022, 3, 1));
        assert_eq!(from_epoch_seconds(1_646_092_800_000_000_000), d(2022, 3, 1));
        assert_eq!(from_integer(20220301), d(2022, 3, 1));
        assert_eq!(from_integer(1_646_092_800), d(2022, 3, 1));
    }

    #[test]
    fn impossible_dates_are_invalid_not_errors() {
        assert_eq!(us("0001-11-30"), DateResult::Invalid);
        assert_eq!(us("2999-01-01"), DateResult::Invalid);
        assert_eq!(us("2017-02-30"), DateResult::Invalid);
        assert_eq!(us("30 février 2017"), DateResult::Invalid);
        assert_eq!(us("13/13/2017"), DateResult::Invalid);
        assert_eq!(from_epoch_seconds(-99_999_999_999), DateResult::Invalid);
        assert_eq!(from_epoch_seconds(32_503_680_000), DateResult::Invalid); // year 3000
    }

    #[test]
    fn non_dates_are_unparseable() {
        assert_eq!(us("   "), DateResult::Empty);
        for s in [
            "yesterday",
            "September 2016",
            "2016",
            "20 Smarch 2016",
            "5 avril",
            "1/2/3",
            "2022-03",
            "12345",
            "5 avril 2023 et 6 avril 2023",
            "2022-03-01 banana",
        ] {
            assert_eq!(us(s), DateResult::Unparseable, "{s}");
        }
    }

    #[test]
    fn conflicting_month_lexicon_is_an_error_naming_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("xx")).unwrap();
        std::fs::write(dir.path().join("xx/months.tsv"), "# c\nmay\t6\n").unwrap();
        let src = LexiconSource::with_override(dir.path()).unwrap();
        let err = DateParser::load(&src).unwrap_err().to_string();
        assert!(
            err.starts_with("lexicon file xx/months.tsv, line 2:"),
            "{err}"
        );
        assert!(err.contains("en/months.tsv:"), "{err}");
    }

    #[test]
    fn a_new_language_folder_adds_its_months() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("de")).unwrap();
        std::fs::write(dir.path().join("de/months.tsv"), "märz\t3\n").unwrap();
        let p = DateParser::load(&LexiconSource::with_override(dir.path()).unwrap()).unwrap();
        assert_eq!(p.parse("7. März 2023", DateOrder::Dmy), d(2023, 3, 7));
    }
}
