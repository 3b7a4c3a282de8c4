//! Calendar dates in listings (`YYYY-MM-DD`), the build date, and the
//! "N months ago" arithmetic behind review reminders.
//!
//! The build date is today in the site's time zone, or the day of
//! `SOURCE_DATE_EPOCH` there when that is set, so a build can be reproduced
//! byte for byte later.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Parses a `YYYY-MM-DD` date.
pub(crate) fn parse(s: &str) -> Option<Date> {
    let s = s.trim();
    let shape = s.len() == 10
        && s.bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    shape.then(|| s.parse().ok()).flatten()
}

/// The date the build runs on, in the time zone `tz`.
pub(crate) fn build_date(tz: &TimeZone) -> Date {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
    day_in(epoch.and_then(|s| Timestamp::from_second(s).ok()).unwrap_or_else(Timestamp::now), tz)
}

/// The date at `moment` in the time zone `tz`.
fn day_in(moment: Timestamp, tz: &TimeZone) -> Date {
    tz.to_datetime(moment).date()
}

/// Whole months from `from` to `to` (0 if `to` is not later).
pub(crate) fn months_between(from: Date, to: Date) -> u32 {
    let months = (i32::from(to.year()) - i32::from(from.year())) * 12
        + (i32::from(to.month()) - i32::from(from.month()));
    let months = if to.day() < from.day() { months - 1 } else { months };
    months.max(0) as u32
}

/// `2025-03-01` as `YYYY-MM-DD`, for machine-readable output.
pub(crate) fn iso(d: Date) -> String {
    d.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert!(parse("2025-02-28").is_some());
        assert!(parse("2025-02-30").is_none());
        assert!(parse("28-02-2025").is_none());
        assert!(parse("2025-2-8").is_none());
        assert!(parse("20250228").is_none());
        assert_eq!(iso(parse(" 2025-03-01 ").unwrap()), "2025-03-01");
    }

    #[test]
    fn counts_whole_months() {
        let d = |s| parse(s).unwrap();
        assert_eq!(months_between(d("2024-01-15"), d("2025-03-14")), 13);
        assert_eq!(months_between(d("2024-01-15"), d("2025-03-15")), 14);
        assert_eq!(months_between(d("2025-03-15"), d("2024-01-15")), 0);
    }

    #[test]
    fn the_build_date_is_the_site_time_zones() {
        // 23:30 UTC on 31 December is already 1 January in Amsterdam.
        let moment = Timestamp::from_second(1767223800).unwrap();
        let ams = TimeZone::get("Europe/Amsterdam").unwrap();
        assert_eq!(iso(day_in(moment, &ams)), "2026-01-01");
        assert_eq!(iso(day_in(moment, &TimeZone::UTC)), "2025-12-31");
    }
}
