//! Calendar dates in listings (`YYYY-MM-DD`), the build date, and the
//! "N months ago" arithmetic behind review reminders.
//!
//! The build date is today in UTC, or the day of `SOURCE_DATE_EPOCH` when
//! that is set, so a build can be reproduced byte for byte later.

use time::{macros::format_description, Date, OffsetDateTime};

/// Parses a `YYYY-MM-DD` date.
pub(crate) fn parse(s: &str) -> Option<Date> {
    Date::parse(s.trim(), format_description!("[year]-[month]-[day]")).ok()
}

/// The date the build runs on.
pub(crate) fn build_date() -> Date {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
    match epoch.and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok()) {
        Some(t) => t.date(),
        None => OffsetDateTime::now_utc().date(),
    }
}

/// Whole months from `from` to `to` (0 if `to` is not later).
pub(crate) fn months_between(from: Date, to: Date) -> u32 {
    let months = (to.year() - from.year()) * 12 + (to.month() as i32 - from.month() as i32);
    let months = if to.day() < from.day() { months - 1 } else { months };
    months.max(0) as u32
}

/// `2025-03-01` as `YYYY-MM-DD`, for machine-readable output.
pub(crate) fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
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
    }

    #[test]
    fn counts_whole_months() {
        let d = |s| parse(s).unwrap();
        assert_eq!(months_between(d("2024-01-15"), d("2025-03-14")), 13);
        assert_eq!(months_between(d("2024-01-15"), d("2025-03-15")), 14);
        assert_eq!(months_between(d("2025-03-15"), d("2024-01-15")), 0);
    }
}
