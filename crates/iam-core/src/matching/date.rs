//! Date values for the `Date*` condition operators (`DateEquals`,
//! `DateLessThan`, ...) and date-typed keys such as `aws:CurrentTime` and
//! `aws:EpochTime`.
//!
//! Follows <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date>,
//! which points at the W3C profile of ISO 8601
//! (<https://www.w3.org/TR/NOTE-datetime>) and also allows epoch (UNIX)
//! time.
//!
//! Accepted, all compared at millisecond precision in UTC:
//! - epoch seconds: ASCII digits with an optional `.digits` fraction
//!   (`1704067200`, `1704067200.250`). Any all-digit string is epoch
//!   seconds, so the W3C year-only form `YYYY` reads as seconds too
//!   (`2024` is 1970-01-01T00:33:44Z). Negative values are rejected.
//! - `YYYY-MM`, `YYYY-MM-DD` (midnight UTC on the first day of the month or
//!   on that day);
//! - `YYYY-MM-DDThh:mm`, `...Thh:mm:ss`, `...Thh:mm:ss.s+` (any number of
//!   fraction digits, truncated to milliseconds), each with an optional
//!   zone `Z`/`z`, `±hh:mm` or `±hhmm` (none means UTC); `t` may stand for
//!   `T`;
//! - the basic format `YYYYMMDDThhmm[ss[.s+]]` with the same optional zone,
//!   as in AWS signature dates (`20240101T000000Z`).
//!
//! Years run from 0000 to 9999; fields are range-checked (leap years
//! included). Leap seconds (`:60`) and `24:00` are rejected, as are zone
//! offsets beyond 23:59. Calendar arithmetic is Howard Hinnant's
//! `days_from_civil`/`civil_from_days` (proleptic Gregorian).

use super::quote;

/// How a date was written, so traces can echo it back in kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateForm {
    Iso8601,
    EpochSeconds,
}

/// A parsed date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DateValue {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub(crate) millis: i64,
    pub(crate) form: DateForm,
}

const MILLIS_PER_DAY: i64 = 86_400_000;

/// The largest accepted epoch value: 9999-12-31T23:59:59Z.
const MAX_EPOCH_SECONDS: i64 = 253_402_300_799;

/// Parses a policy or request date value.
pub(crate) fn parse_date(s: &str) -> Result<DateValue, String> {
    if let Some((int, frac)) = epoch_shape(s) {
        return parse_epoch(s, int, frac);
    }
    if let Some(rest) = s.strip_prefix('-') {
        if epoch_shape(rest).is_some() {
            return Err(format!(
                "{} is not a valid date: negative epoch seconds are not supported",
                quote(s)
            ));
        }
    }
    match parse_iso(s) {
        Ok(millis) => Ok(DateValue {
            millis,
            form: DateForm::Iso8601,
        }),
        Err(Problem::Shape) => Err(format!(
            "{} is not an ISO 8601 date or epoch seconds",
            quote(s)
        )),
        Err(Problem::Range(reason)) => Err(format!("{} is not a valid date: {reason}", quote(s))),
    }
}

/// Splits `digits[.digits]` into its integer and fraction digits.
fn epoch_shape(s: &str) -> Option<(&str, &str)> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    if s.contains('.') && frac.is_empty() {
        return None;
    }
    Some((int, frac))
}

fn parse_epoch(s: &str, int: &str, frac: &str) -> Result<DateValue, String> {
    let significant = int.trim_start_matches('0');
    let seconds = if significant.len() > 12 {
        None
    } else if significant.is_empty() {
        Some(0)
    } else {
        significant
            .parse::<i64>()
            .ok()
            .filter(|v| *v <= MAX_EPOCH_SECONDS)
    };
    let Some(seconds) = seconds else {
        return Err(format!(
            "{} is not a valid date: epoch seconds after {MAX_EPOCH_SECONDS} \
             (9999-12-31T23:59:59Z) are not supported",
            quote(s)
        ));
    };
    Ok(DateValue {
        millis: seconds * 1000 + fraction_millis(frac.as_bytes()),
        form: DateForm::EpochSeconds,
    })
}

/// The first three fraction digits as milliseconds (`5` is 500 ms); later
/// digits are dropped. Non-digits count as zero (callers pass digits only).
fn fraction_millis(digits: &[u8]) -> i64 {
    let mut ms = 0i64;
    for i in 0..3 {
        let d = digits
            .get(i)
            .filter(|b| b.is_ascii_digit())
            .map_or(0, |b| i64::from(b - b'0'));
        ms = ms * 10 + d;
    }
    ms
}

enum Problem {
    /// Not one of the accepted layouts.
    Shape,
    /// The right layout, but a field is out of range; the reason says which.
    Range(String),
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_t(&mut self) -> bool {
        self.eat(b'T') || self.eat(b't')
    }

    fn next_is_digit(&self) -> bool {
        self.peek().is_some_and(|b| b.is_ascii_digit())
    }

    /// Exactly `n` ASCII digits as a number.
    fn digits(&mut self, n: usize) -> Result<u32, Problem> {
        let mut value = 0u32;
        for _ in 0..n {
            match self.peek() {
                Some(b) if b.is_ascii_digit() => {
                    value = value * 10 + u32::from(b - b'0');
                    self.pos += 1;
                }
                _ => return Err(Problem::Shape),
            }
        }
        Ok(value)
    }

    /// One or more ASCII digits, returned as a slice.
    fn digit_run(&mut self) -> Result<&[u8], Problem> {
        let start = self.pos;
        while self.next_is_digit() {
            self.pos += 1;
        }
        match self.bytes.get(start..self.pos) {
            Some(run) if !run.is_empty() => Ok(run),
            _ => Err(Problem::Shape),
        }
    }
}

#[derive(Default)]
struct Time {
    hour: u32,
    minute: u32,
    second: u32,
    millis: i64,
    /// Zone offset east of UTC, in minutes.
    offset_minutes: i64,
}

fn parse_iso(s: &str) -> Result<i64, Problem> {
    let mut c = Cursor {
        bytes: s.as_bytes(),
        pos: 0,
    };
    let year = c.digits(4)?;
    let (month, day, time) = if c.eat(b'-') {
        let month = c.digits(2)?;
        if c.at_end() {
            (month, 1, None)
        } else {
            if !c.eat(b'-') {
                return Err(Problem::Shape);
            }
            let day = c.digits(2)?;
            if c.at_end() {
                (month, day, None)
            } else if c.eat_t() {
                (month, day, Some(parse_time(&mut c, Some(b':'))?))
            } else {
                return Err(Problem::Shape);
            }
        }
    } else if c.next_is_digit() {
        // Basic format: YYYYMMDDThhmm[ss[.s+]][zone].
        let month = c.digits(2)?;
        let day = c.digits(2)?;
        if !c.eat_t() {
            return Err(Problem::Shape);
        }
        (month, day, Some(parse_time(&mut c, None)?))
    } else if c.at_end() {
        // `YYYY` alone; unreachable from `parse_date` (all digits are epoch
        // seconds) but kept so this function covers the whole profile.
        (1, 1, None)
    } else {
        return Err(Problem::Shape);
    };
    if !c.at_end() {
        return Err(Problem::Shape);
    }

    if !(1..=12).contains(&month) {
        return Err(Problem::Range(format!("month {month} is out of range")));
    }
    let last_day = days_in_month(i64::from(year), month);
    if day < 1 || day > last_day {
        return Err(Problem::Range(format!(
            "day {day} is out of range ({} {year:04} has {last_day} days)",
            month_name(month)
        )));
    }
    let time = time.unwrap_or_default();
    if time.hour > 23 {
        return Err(Problem::Range(format!(
            "hour {} is out of range",
            time.hour
        )));
    }
    if time.minute > 59 {
        return Err(Problem::Range(format!(
            "minute {} is out of range",
            time.minute
        )));
    }
    if time.second > 59 {
        return Err(Problem::Range(format!(
            "second {} is out of range (leap seconds are not supported)",
            time.second
        )));
    }
    let days = days_from_civil(i64::from(year), month, day);
    let seconds = i64::from((time.hour * 60 + time.minute) * 60 + time.second);
    Ok(days * MILLIS_PER_DAY + seconds * 1000 + time.millis - time.offset_minutes * 60_000)
}

/// `hh[sep]mm[[sep]ss[.s+]][zone]`, where `sep` is `:` in the extended
/// format and absent in the basic one.
fn parse_time(c: &mut Cursor<'_>, sep: Option<u8>) -> Result<Time, Problem> {
    let mut time = Time {
        hour: c.digits(2)?,
        ..Time::default()
    };
    if let Some(sep) = sep {
        if !c.eat(sep) {
            return Err(Problem::Shape);
        }
    }
    time.minute = c.digits(2)?;
    let has_seconds = match sep {
        Some(sep) => c.eat(sep),
        None => c.next_is_digit(),
    };
    if has_seconds {
        time.second = c.digits(2)?;
        if c.eat(b'.') {
            time.millis = fraction_millis(c.digit_run()?);
        }
    }
    time.offset_minutes = parse_zone(c)?;
    Ok(time)
}

/// Optional `Z`, `z`, `±hh:mm` or `±hhmm`; minutes east of UTC.
fn parse_zone(c: &mut Cursor<'_>) -> Result<i64, Problem> {
    if c.eat(b'Z') || c.eat(b'z') {
        return Ok(0);
    }
    let sign = if c.eat(b'+') {
        1
    } else if c.eat(b'-') {
        -1
    } else {
        return Ok(0);
    };
    let hours = c.digits(2)?;
    c.eat(b':');
    let minutes = c.digits(2)?;
    if hours > 23 || minutes > 59 {
        let sign = if sign > 0 { '+' } else { '-' };
        return Err(Problem::Range(format!(
            "zone offset {sign}{hours:02}:{minutes:02} is out of range (at most 23:59)"
        )));
    }
    Ok(sign * i64::from(hours * 60 + minutes))
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn month_name(month: u32) -> &'static str {
    match month {
        1 => "January",
        2 => "February",
        3 => "March",
        4 => "April",
        5 => "May",
        6 => "June",
        7 => "July",
        8 => "August",
        9 => "September",
        10 => "October",
        11 => "November",
        _ => "December",
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400); // [0, 399]
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 }; // March is 0
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian (year, month, day) of a day count since
/// 1970-01-01 (Hinnant).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `YYYY-MM-DDThh:mm:ssZ`, with `.mmm` before the `Z` when the
/// milliseconds are not zero. For traces and messages.
pub(crate) fn format_millis(millis: i64) -> String {
    let days = millis.div_euclid(MILLIS_PER_DAY);
    let in_day = millis.rem_euclid(MILLIS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    let ms = in_day % 1000;
    let secs = in_day / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if ms == 0 {
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{ms:03}Z")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn millis(s: &str) -> i64 {
        parse_date(s).unwrap().millis
    }

    const JAN_1_2024: i64 = 1_704_067_200_000;

    #[test]
    fn table_ok() {
        let cases: &[(&str, i64, DateForm)] = &[
            ("2024-01-01T00:00:00Z", JAN_1_2024, DateForm::Iso8601),
            ("2024-01-01T00:00:00z", JAN_1_2024, DateForm::Iso8601),
            ("2024-01-01t00:00:00Z", JAN_1_2024, DateForm::Iso8601),
            ("2024-01-01T00:00:00", JAN_1_2024, DateForm::Iso8601),
            ("2024-01-01T00:00Z", JAN_1_2024, DateForm::Iso8601),
            ("2024-01-01T00:00", JAN_1_2024, DateForm::Iso8601),
            ("2024-01-01", JAN_1_2024, DateForm::Iso8601),
            ("2024-01", JAN_1_2024, DateForm::Iso8601),
            ("2024-01-01T01:00:00+01:00", JAN_1_2024, DateForm::Iso8601),
            ("2024-01-01T01:00:00+0100", JAN_1_2024, DateForm::Iso8601),
            ("2023-12-31T19:00:00-05:00", JAN_1_2024, DateForm::Iso8601),
            ("2023-12-31T23:30-00:30", JAN_1_2024, DateForm::Iso8601),
            ("2024-01-01T00:00:00-00:00", JAN_1_2024, DateForm::Iso8601),
            (
                "2024-01-01T00:00:00.5Z",
                JAN_1_2024 + 500,
                DateForm::Iso8601,
            ),
            (
                "2024-01-01T00:00:00.25Z",
                JAN_1_2024 + 250,
                DateForm::Iso8601,
            ),
            (
                "2024-01-01T00:00:00.123Z",
                JAN_1_2024 + 123,
                DateForm::Iso8601,
            ),
            (
                "2024-01-01T00:00:00.1239999Z",
                JAN_1_2024 + 123,
                DateForm::Iso8601,
            ),
            (
                "2024-01-01T00:00:00.000000001",
                JAN_1_2024,
                DateForm::Iso8601,
            ),
            (
                "2024-01-01T00:00:00.999+00:00",
                JAN_1_2024 + 999,
                DateForm::Iso8601,
            ),
            ("20240101T000000Z", JAN_1_2024, DateForm::Iso8601),
            ("20240101T010000+0100", JAN_1_2024, DateForm::Iso8601),
            ("20240101T0000Z", JAN_1_2024, DateForm::Iso8601),
            ("20240101T000000.5Z", JAN_1_2024 + 500, DateForm::Iso8601),
            ("1704067200", JAN_1_2024, DateForm::EpochSeconds),
            ("1704067200.5", JAN_1_2024 + 500, DateForm::EpochSeconds),
            ("1704067200.0009", JAN_1_2024, DateForm::EpochSeconds),
            ("01704067200", JAN_1_2024, DateForm::EpochSeconds),
            ("0", 0, DateForm::EpochSeconds),
            ("2024", 2_024_000, DateForm::EpochSeconds),
            ("253402300799", 253_402_300_799_000, DateForm::EpochSeconds),
            ("1970-01-01T00:00:00Z", 0, DateForm::Iso8601),
            ("1969-12-31T23:59:59.999Z", -1, DateForm::Iso8601),
            ("2024-02-29", 1_709_164_800_000, DateForm::Iso8601),
            ("2000-02-29", 951_782_400_000, DateForm::Iso8601),
            (
                "9999-12-31T23:59:59.999Z",
                253_402_300_799_999,
                DateForm::Iso8601,
            ),
            ("0000-01-01", -62_167_219_200_000, DateForm::Iso8601),
            (
                "2024-01-01T23:59:59+23:59",
                JAN_1_2024 + 59_000,
                DateForm::Iso8601,
            ),
        ];
        for (text, expected, form) in cases {
            let value = parse_date(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(value.millis, *expected, "{text}");
            assert_eq!(value.form, *form, "{text}");
        }
    }

    #[test]
    fn table_errors() {
        let cases: &[(&str, &str)] = &[
            (
                "2024-13-01",
                "`2024-13-01` is not a valid date: month 13 is out of range",
            ),
            (
                "2024-00",
                "`2024-00` is not a valid date: month 0 is out of range",
            ),
            (
                "2023-02-29",
                "`2023-02-29` is not a valid date: day 29 is out of range (February 2023 has 28 days)",
            ),
            (
                "1900-02-29",
                "`1900-02-29` is not a valid date: day 29 is out of range (February 1900 has 28 days)",
            ),
            (
                "2024-04-31",
                "`2024-04-31` is not a valid date: day 31 is out of range (April 2024 has 30 days)",
            ),
            (
                "2024-01-00",
                "`2024-01-00` is not a valid date: day 0 is out of range (January 2024 has 31 days)",
            ),
            (
                "2024-01-01T24:00:00Z",
                "`2024-01-01T24:00:00Z` is not a valid date: hour 24 is out of range",
            ),
            (
                "2024-01-01T12:60Z",
                "`2024-01-01T12:60Z` is not a valid date: minute 60 is out of range",
            ),
            (
                "2016-12-31T23:59:60Z",
                "`2016-12-31T23:59:60Z` is not a valid date: second 60 is out of range (leap seconds are not supported)",
            ),
            (
                "2024-01-01T00:00:00+24:00",
                "`2024-01-01T00:00:00+24:00` is not a valid date: zone offset +24:00 is out of range (at most 23:59)",
            ),
            (
                "2024-01-01T00:00:00-05:60",
                "`2024-01-01T00:00:00-05:60` is not a valid date: zone offset -05:60 is out of range (at most 23:59)",
            ),
            (
                "-1",
                "`-1` is not a valid date: negative epoch seconds are not supported",
            ),
            (
                "253402300800",
                "`253402300800` is not a valid date: epoch seconds after 253402300799 (9999-12-31T23:59:59Z) are not supported",
            ),
            (
                "yesterday",
                "`yesterday` is not an ISO 8601 date or epoch seconds",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(parse_date(text).unwrap_err(), *message, "{text}");
        }
    }

    #[test]
    fn shape_errors() {
        for bad in [
            "",
            " 2024-01-01",
            "2024-01-01 ",
            "2024-01-01 00:00:00Z",
            "2024-1-01",
            "2024-01-1",
            "24-01-01",
            "+2024-01-01",
            "2024-01-01T",
            "2024-01-01T00",
            "2024-01-01T00:00:",
            "2024-01-01T00:00:00.",
            "2024-01-01T00:00:00.Z",
            "2024-01-01T00:00:00,5Z",
            "2024-01-01T00:00:00+01",
            "2024-01-01T00:00:00+1:00",
            "2024-01-01T00:00:00ZZ",
            "2024-01-01Z",
            "2024-01-01T00:00:00 Z",
            "2024-01-01T00:00.5Z",
            "2024-01-",
            "2024-",
            "2024-01-01T0000",
            "20240101T00",
            "2024-0101",
            "202401-01",
            "1704067200.",
            ".5",
            "1e9",
            "0x10",
            "１７０４",
            "2024-01-01T00:00:00Z\n",
            "NaN",
        ] {
            let err = parse_date(bad);
            assert!(err.is_err(), "{bad:?} parsed as {err:?}");
        }
        // All-digit strings are epoch seconds, never a basic-format date.
        assert_eq!(parse_date("20240101").unwrap().form, DateForm::EpochSeconds);
    }

    #[test]
    fn offsets_compare_equal() {
        assert_eq!(
            millis("2024-01-01T01:00:00+01:00"),
            millis("2024-01-01T00:00:00Z")
        );
        assert_eq!(millis("2024-06-30T20:00:00-04:00"), millis("2024-07-01"));
        assert!(millis("2024-01-01T00:00:00.001Z") > millis("2024-01-01"));
    }

    #[test]
    fn formatting() {
        assert_eq!(format_millis(JAN_1_2024), "2024-01-01T00:00:00Z");
        assert_eq!(format_millis(JAN_1_2024 + 5), "2024-01-01T00:00:00.005Z");
        assert_eq!(format_millis(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(format_millis(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_millis(1_709_164_800_000), "2024-02-29T00:00:00Z");
        // Extremes must not panic.
        let _ = format_millis(i64::MAX);
        let _ = format_millis(i64::MIN);
    }

    #[test]
    fn civil_agrees_with_naive_count() {
        let mut days = days_from_civil(1600, 1, 1);
        for year in 1600..=2400 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    assert_eq!(days_from_civil(year, month, day), days);
                    assert_eq!(
                        civil_from_days(days),
                        (year, i64::from(month), i64::from(day))
                    );
                    days += 1;
                }
            }
        }
    }

    proptest! {
        #[test]
        fn round_trips_through_format(
            ms in -62_167_219_200_000i64..=253_402_300_799_999i64
        ) {
            let text = format_millis(ms);
            let parsed = parse_date(&text).unwrap();
            prop_assert_eq!(parsed.millis, ms);
            prop_assert_eq!(parsed.form, DateForm::Iso8601);
        }

        #[test]
        fn epoch_seconds_round_trip(secs in 0i64..=MAX_EPOCH_SECONDS, ms in 0i64..1000) {
            let text = format!("{secs}.{ms:03}");
            prop_assert_eq!(parse_date(&text).unwrap().millis, secs * 1000 + ms);
            prop_assert_eq!(parse_date(&secs.to_string()).unwrap().millis, secs * 1000);
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse_date(&s);
        }

        #[test]
        fn never_panics_near_valid(s in "[0-9Tt:.Zz+-]{0,30}") {
            if let Ok(v) = parse_date(&s) {
                let _ = format_millis(v.millis);
            }
        }
    }
}
