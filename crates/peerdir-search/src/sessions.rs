//! When listings meet, in a form the index holds and the browser reads:
//! one [`Slot`] per session and weekday, packed into a `u64` of the
//! listing's row. Days are counted from 1970-01-01 (day 0, a Thursday), in the
//! site's time zone; the visitor's page gives the engine today's day and
//! the minute of the day from the device's clock ([`Clock`]), so "today",
//! "evening", "upcoming first" and "in progress now" are worked out on the
//! device and no request depends on them.
//!
//! The generator reads sessions through the same rules (which dates a
//! session meets on), so a page, its calendar file and search agree.

use serde::{Deserialize, Serialize};

/// How often a slot comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Every {
    /// Every week.
    Week,
    /// Every other week: the weeks whose Monday is an even number of weeks
    /// from `monday` (a day number).
    OtherWeek {
        /// The Monday of a week it meets in.
        monday: i32,
    },
    /// Some of the month's weekdays: bit 0 the first ... bit 3 the fourth,
    /// bit 4 the last.
    Month {
        /// Which of the month's weekdays.
        weeks: u8,
    },
}

/// One session on one weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// Monday 0 ... Sunday 6.
    pub weekday: u8,
    /// Start, in minutes after midnight.
    pub start: u16,
    /// End, in minutes after midnight.
    pub end: u16,
    /// How often it comes back.
    pub every: Every,
}

/// The visitor's today and time of day in the site's time zone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// Today's day number (days since 1970-01-01).
    pub day: i32,
    /// Minutes after midnight.
    pub minutes: u16,
}

impl Clock {
    /// The clock within what a calendar can show: a day within some 2,700
    /// years of 1970 and a minute of the day. A request's clock comes from
    /// outside; the rules are only asked about dates they can count.
    pub fn bounded(self) -> Clock {
        Clock { day: self.day.clamp(-1_000_000, 1_000_000), minutes: self.minutes.min(24 * 60 - 1) }
    }
}

/// Bit 4 of [`Every::Month`]'s weeks: the month's last such weekday.
pub const LAST_WEEK: u8 = 1 << 4;

/// The weekday of a day number, Monday 0.
pub fn weekday(day: i32) -> u8 {
    // 1970-01-01 was a Thursday.
    (day + 3).rem_euclid(7) as u8
}

/// The day number of a date (proleptic Gregorian; Howard Hinnant's
/// `days_from_civil`).
pub fn day_number(year: i32, month: u8, day: u8) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i32::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i32::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The year, month and day of a day number (`civil_from_days`).
pub fn date(day: i32) -> (i32, u8, u8) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

/// Reads `YYYY-MM-DD` as a day number.
pub fn parse_day(s: &str) -> Option<i32> {
    let mut parts = s.trim().splitn(3, '-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.parse().ok()?;
    let n = day_number(y, m, d);
    (date(n) == (y, m, d)).then_some(n)
}

impl Slot {
    /// Whether it meets on day number `day`.
    pub fn meets_on(&self, day: i32) -> bool {
        if weekday(day) != self.weekday {
            return false;
        }
        match self.every {
            Every::Week => true,
            Every::OtherWeek { monday } => {
                (day - i32::from(self.weekday) - monday).rem_euclid(14) == 0
            }
            Every::Month { weeks } => {
                let (y, m, d) = date(day);
                let nth = (d - 1) / 7;
                let last = date(day + 7).1 != m || date(day + 7).0 != y;
                weeks & (1 << nth) != 0 || (last && weeks & LAST_WEEK != 0)
            }
        }
    }

    /// Minutes from `now` until it next starts (0 when it starts now),
    /// looking up to six weeks ahead.
    pub fn minutes_until(&self, now: Clock) -> Option<u32> {
        let now = now.bounded();
        (0..42u32).find_map(|ahead| {
            let start = ahead * 1440 + u32::from(self.start);
            let until = start.checked_sub(u32::from(now.minutes))?;
            self.meets_on(now.day + ahead as i32).then_some(until)
        })
    }

    /// Whether it is under way at `now`.
    pub fn in_progress(&self, now: Clock) -> bool {
        let now = now.bounded();
        self.meets_on(now.day) && self.start <= now.minutes && now.minutes < self.end
    }

    /// The slot packed into one number.
    pub fn pack(&self) -> u64 {
        let (kind, weeks, monday) = match self.every {
            Every::Week => (0u64, 0u64, 0u32),
            Every::OtherWeek { monday } => (1, 0, monday as u32),
            Every::Month { weeks } => (2, u64::from(weeks), 0),
        };
        u64::from(self.weekday & 7)
            | u64::from(self.start & 0x7ff) << 3
            | u64::from(self.end & 0x7ff) << 14
            | kind << 25
            | (weeks & 0x1f) << 27
            | u64::from(monday) << 32
    }

    /// A slot from its packed value.
    pub fn unpack(v: u64) -> Slot {
        let every = match (v >> 25) & 3 {
            1 => Every::OtherWeek { monday: (v >> 32) as u32 as i32 },
            2 => Every::Month { weeks: ((v >> 27) & 0x1f) as u8 },
            _ => Every::Week,
        };
        Slot {
            weekday: (v & 7) as u8,
            start: ((v >> 3) & 0x7ff) as u16,
            end: ((v >> 14) & 0x7ff) as u16,
            every,
        }
    }
}

/// The part of the day a session starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Daypart {
    /// Before noon.
    Morning,
    /// From noon to five.
    Afternoon,
    /// From five on.
    Evening,
}

impl Daypart {
    /// The part of a `morning`, `afternoon` or `evening` filter.
    pub fn named(name: &str) -> Option<Daypart> {
        match name {
            "morning" => Some(Daypart::Morning),
            "afternoon" => Some(Daypart::Afternoon),
            "evening" => Some(Daypart::Evening),
            _ => None,
        }
    }

    /// Whether a session starting at `start` (minutes) starts in this part.
    pub fn holds(self, start: u16) -> bool {
        match self {
            Daypart::Morning => start < 12 * 60,
            Daypart::Afternoon => (12 * 60..17 * 60).contains(&start),
            Daypart::Evening => start >= 17 * 60,
        }
    }
}

/// Which days a `day` filter asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Days {
    /// Today.
    Today,
    /// Today and the six days after.
    Week,
    /// The next such weekday (Monday 0), today included.
    Weekday(u8),
}

impl Days {
    /// The days of a `today`, `week` or `monday` ... `sunday` filter.
    pub fn named(name: &str) -> Option<Days> {
        const NAMES: [&str; 7] =
            ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
        match name {
            "today" => Some(Days::Today),
            "week" => Some(Days::Week),
            other => NAMES.iter().position(|n| *n == other).map(|i| Days::Weekday(i as u8)),
        }
    }

    /// Whether `slot` meets on one of these days, counted from `today`.
    pub fn holds(self, slot: &Slot, today: i32) -> bool {
        match self {
            Days::Today => slot.meets_on(today),
            Days::Week => (0..7).any(|i| slot.meets_on(today + i)),
            Days::Weekday(w) => {
                let ahead = (i32::from(w) - i32::from(weekday(today))).rem_euclid(7);
                slot.meets_on(today + ahead)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> i32 {
        parse_day(s).unwrap()
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(weekday(0), 3, "a Thursday");
        assert_eq!(weekday(day("2026-12-01")), 1, "a Tuesday");
        for n in [-800_000, -1, 0, 59, 60, 11_016, 20_788, 2_932_896] {
            let (y, m, d) = date(n);
            assert_eq!(day_number(y, m, d), n);
        }
        assert_eq!(parse_day("2026-02-29"), None);
        assert_eq!(parse_day("2028-02-29").map(date), Some((2028, 2, 29)));
    }

    #[test]
    fn slots_pack_and_meet() {
        let tue = Slot { weekday: 1, start: 1170, end: 1260, every: Every::Week };
        let other = Slot {
            weekday: 2,
            start: 1170,
            end: 1290,
            every: Every::OtherWeek { monday: day("2026-11-23") },
        };
        let monthly =
            Slot { weekday: 5, start: 600, end: 720, every: Every::Month { weeks: 1 | LAST_WEEK } };
        for s in [tue, other, monthly] {
            assert_eq!(Slot::unpack(s.pack()), s);
        }
        assert!(tue.meets_on(day("2026-12-01")));
        assert!(other.meets_on(day("2026-11-25")) && other.meets_on(day("2026-12-09")));
        assert!(!other.meets_on(day("2026-12-02")));
        assert!(monthly.meets_on(day("2026-12-05")) && monthly.meets_on(day("2026-12-26")));
        assert!(!monthly.meets_on(day("2026-12-12")));
    }

    #[test]
    fn any_clock_is_answered() {
        let slot =
            Slot { weekday: 1, start: 600, end: 660, every: Every::Month { weeks: LAST_WEEK } };
        for day in [i32::MIN, -1_000_001, 0, 20_788, 1_000_001, i32::MAX] {
            for minutes in [0, 1439, 1440, u16::MAX] {
                let now = Clock { day, minutes };
                let _ = (slot.minutes_until(now), slot.in_progress(now));
            }
        }
        let late = Clock { day: day("2026-12-01"), minutes: u16::MAX };
        assert_eq!(late.bounded().minutes, 1439);
        assert!(slot.minutes_until(late).is_some(), "the last Tuesday of December comes");
    }

    #[test]
    fn upcoming_and_in_progress_at_tuesday_19_40() {
        let now = Clock { day: day("2026-12-01"), minutes: 19 * 60 + 40 };
        let started = Slot { weekday: 1, start: 19 * 60 + 30, end: 21 * 60, every: Every::Week };
        let later = Slot { weekday: 1, start: 20 * 60, end: 21 * 60, every: Every::Week };
        assert!(started.in_progress(now) && !later.in_progress(now));
        assert_eq!(later.minutes_until(now), Some(20));
        assert_eq!(started.minutes_until(now), Some(7 * 1440 - 10));
        assert!(Days::Today.holds(&later, now.day) && Daypart::Evening.holds(later.start));
        assert!(!Days::named("wednesday").unwrap().holds(&later, now.day));
    }
}
