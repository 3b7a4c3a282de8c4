//! Sessions as times and dates: reading `HH:MM`, a session as the search
//! index's slots (whose rules say which dates it meets on: weekly, every
//! other week, or some weeks of the month), and the next session after a
//! date. Validation, listing pages, calendar files and the search index all
//! read sessions through here, so they agree.

use crate::content::model::{Day, Nth, Repeat, Session};
use jiff::civil::{Date, Time, Weekday};
use peerdir_search::sessions::{self, Every, Slot};

/// How long a session without an `end` lasts, in minutes.
pub(crate) const DEFAULT_MINUTES: u16 = 60;

/// Reads `HH:MM` (24-hour clock) as minutes after midnight.
pub(crate) fn minutes(written: &str) -> Result<u16, String> {
    let bad = || {
        format!("`{written}` is not a time of day: write it as HH:MM on the 24-hour clock, e.g. `19:30`")
    };
    let (h, m) = written.trim().split_once(':').ok_or_else(bad)?;
    let digits = |s: &str, max: u16| {
        (matches!(s.len(), 1 | 2) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u16>().ok())
            .flatten()
            .filter(|n| *n <= max)
    };
    match (digits(h, 23), digits(m, 59).filter(|_| m.len() == 2)) {
        (Some(h), Some(m)) => Ok(h * 60 + m),
        _ => Err(bad()),
    }
}

/// `19:30` for minutes after midnight.
pub(crate) fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The time of day at `minutes` after midnight.
pub(crate) fn time_of_day(minutes: u16) -> Time {
    Time::new((minutes / 60) as i8, (minutes % 60) as i8, 0, 0).expect("minutes of one day")
}

/// A session's start and end in minutes after midnight; the end defaults
/// to an hour after the start. `None` when a time cannot be read (which
/// validation reports).
pub(crate) fn span(s: &Session) -> Option<(u16, u16)> {
    let start = minutes(s.start.as_deref()?).ok()?;
    let end = match &s.end {
        Some(e) => minutes(e).ok()?,
        None => (start + DEFAULT_MINUTES).min(23 * 60 + 59),
    };
    Some((start, end))
}

/// The weekday of a content [`Day`].
pub(crate) fn weekday(d: Day) -> Weekday {
    match d {
        Day::Monday => Weekday::Monday,
        Day::Tuesday => Weekday::Tuesday,
        Day::Wednesday => Weekday::Wednesday,
        Day::Thursday => Weekday::Thursday,
        Day::Friday => Weekday::Friday,
        Day::Saturday => Weekday::Saturday,
        Day::Sunday => Weekday::Sunday,
    }
}

/// A session as the search index holds it: one slot per weekday. None
/// when a time or `first` cannot be read (which validation reports).
pub(crate) fn slots(session: &Session) -> Vec<Slot> {
    let Some((start, end)) = span(session) else { return Vec::new() };
    let every = match session.repeat.unwrap_or_default() {
        Repeat::Weekly => Every::Week,
        Repeat::EveryOtherWeek => {
            let Some(first) = session.first.as_deref().and_then(crate::dates::parse) else {
                return Vec::new();
            };
            let first = day_number(first);
            Every::OtherWeek { monday: first - i32::from(sessions::weekday(first)) }
        }
        Repeat::Monthly => {
            Every::Month { weeks: session.weeks.iter().flatten().fold(0, |w, n| w | week_bit(*n)) }
        }
    };
    session
        .days()
        .iter()
        .map(|d| Slot {
            weekday: Day::ALL.iter().position(|x| x == d).unwrap_or(0) as u8,
            start,
            end,
            every,
        })
        .collect()
}

fn week_bit(n: Nth) -> u8 {
    match n {
        Nth::First => 1,
        Nth::Second => 1 << 1,
        Nth::Third => 1 << 2,
        Nth::Fourth => 1 << 3,
        Nth::Last => sessions::LAST_WEEK,
    }
}

/// The search crate's day number of a date.
pub(crate) fn day_number(d: Date) -> i32 {
    sessions::day_number(i32::from(d.year()), d.month() as u8, d.day() as u8)
}

/// A session's repetition in iCalendar's terms (RFC 5545), as calendar
/// files and the HSDS export write it.
pub(crate) struct Rule {
    /// `WEEKLY` or `MONTHLY`.
    pub freq: &'static str,
    /// 2 for every other week.
    pub interval: Option<u8>,
    /// `TU,TH`, or for monthly sessions `2TH,4TH`.
    pub byday: String,
}

impl Rule {
    /// The rule of `session`.
    pub(crate) fn of(session: &Session) -> Rule {
        let days: Vec<&str> = session.days().iter().map(|d| ical_weekday(weekday(*d))).collect();
        match session.repeat.unwrap_or_default() {
            Repeat::Weekly => Rule { freq: "WEEKLY", interval: None, byday: days.join(",") },
            Repeat::EveryOtherWeek => {
                Rule { freq: "WEEKLY", interval: Some(2), byday: days.join(",") }
            }
            Repeat::Monthly => {
                let by: Vec<String> = session
                    .weeks
                    .iter()
                    .flatten()
                    .flat_map(|n| days.iter().map(move |d| format!("{}{d}", ical_nth(*n))))
                    .collect();
                Rule { freq: "MONTHLY", interval: None, byday: by.join(",") }
            }
        }
    }

    /// `FREQ=WEEKLY;INTERVAL=2;BYDAY=WE`.
    pub(crate) fn rrule(&self) -> String {
        let interval = self.interval.map(|i| format!(";INTERVAL={i}")).unwrap_or_default();
        format!("FREQ={}{interval};BYDAY={}", self.freq, self.byday)
    }
}

/// An iCalendar weekday (`TU`).
pub(crate) fn ical_weekday(d: Weekday) -> &'static str {
    match d {
        Weekday::Monday => "MO",
        Weekday::Tuesday => "TU",
        Weekday::Wednesday => "WE",
        Weekday::Thursday => "TH",
        Weekday::Friday => "FR",
        Weekday::Saturday => "SA",
        Weekday::Sunday => "SU",
    }
}

/// An iCalendar week of the month (`2`, `-1` for the last).
fn ical_nth(n: Nth) -> &'static str {
    match n {
        Nth::First => "1",
        Nth::Second => "2",
        Nth::Third => "3",
        Nth::Fourth => "4",
        Nth::Last => "-1",
    }
}

/// The first date on or after `from` on which any of `sessions` meets,
/// with the session; of two on one date, the earlier. Counted by the
/// slots' own rule ([`Slot::minutes_until`]), as search counts it.
pub(crate) fn next(sessions: &[Session], from: Date) -> Option<(Date, &Session)> {
    let now = sessions::Clock { day: day_number(from), minutes: 0 };
    let soonest = |s: &Session| slots(s).iter().filter_map(|slot| slot.minutes_until(now)).min();
    let (minutes, session) =
        sessions.iter().filter_map(|s| soonest(s).map(|m| (m, s))).min_by_key(|(m, _)| *m)?;
    let date = from.checked_add(jiff::Span::new().days(i64::from(minutes / (24 * 60)))).ok()?;
    Some((date, session))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(yaml: &str) -> Session {
        serde_yaml::from_str(yaml).unwrap()
    }

    fn date(s: &str) -> Date {
        crate::dates::parse(s).unwrap()
    }

    /// Whether `session` meets on `date`, by its slots' rule.
    fn meets_on(session: &Session, date: Date) -> bool {
        slots(session).iter().any(|s| s.meets_on(day_number(date)))
    }

    #[test]
    fn reads_times_of_day_only() {
        assert_eq!(minutes("19:30"), Ok(19 * 60 + 30));
        assert_eq!(minutes("9:05"), Ok(9 * 60 + 5));
        assert_eq!(minutes("00:00"), Ok(0));
        for bad in ["25:00", "24:00", "19:60", "19.30", "1930", "19:3", "", "-1:00", "+9:00"] {
            assert!(minutes(bad).is_err(), "{bad}");
        }
        assert_eq!(clock(9 * 60 + 5), "09:05");
    }

    #[test]
    fn an_end_defaults_to_an_hour_later() {
        assert_eq!(span(&session("{days: [monday], start: '19:30'}")), Some((1170, 1230)));
        assert_eq!(
            span(&session("{days: [monday], start: '19:30', end: '21:00'}")),
            Some((1170, 1260))
        );
    }

    #[test]
    fn weekly_every_other_week_and_monthly() {
        let weekly = session("{days: [tuesday, thursday], start: '19:30'}");
        // 2026-12-01 is a Tuesday.
        assert!(meets_on(&weekly, date("2026-12-01")));
        assert!(meets_on(&weekly, date("2026-12-03")));
        assert!(!meets_on(&weekly, date("2026-12-02")));

        let other = session(
            "{days: [tuesday], start: '19:30', repeat: every-other-week, first: '2026-11-17'}",
        );
        assert!(meets_on(&other, date("2026-12-01")));
        assert!(!meets_on(&other, date("2026-12-08")));
        assert!(meets_on(&other, date("2026-11-03")), "weeks count backwards too");

        let monthly =
            session("{days: [tuesday], start: '10:00', repeat: monthly, weeks: [first, last]}");
        assert!(meets_on(&monthly, date("2026-12-01")));
        assert!(!meets_on(&monthly, date("2026-12-08")));
        assert!(meets_on(&monthly, date("2026-12-29")));
        assert!(!meets_on(&monthly, date("2026-12-22")));
    }

    #[test]
    fn the_next_session_is_the_first_date_on_or_after() {
        let s = [
            session("{days: [thursday], start: '19:30'}"),
            session("{days: [wednesday], start: '10:00', repeat: monthly, weeks: [second]}"),
        ];
        let (d, found) = next(&s, date("2026-12-02")).unwrap();
        assert_eq!((d, found.start.as_deref()), (date("2026-12-03"), Some("19:30")));
        let (d, found) = next(&s, date("2026-12-04")).unwrap();
        assert_eq!((d, found.start.as_deref()), (date("2026-12-09"), Some("10:00")));
    }
}
