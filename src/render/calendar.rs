//! A program's sessions as an iCalendar file (`programs/<slug>/sessions.ics`,
//! RFC 5545): one weekly, fortnightly or monthly event per session, at
//! local time in the site's time zone, with that zone's `VTIMEZONE` so a
//! calendar keeps 19:30 at 19:30 across the change to and from summer
//! time. A static file: no calendar service is asked for anything.

use crate::content::model::{Location, Program, Session};
use crate::content::Entry;
use crate::schedule::{self, ical_weekday, time_of_day, Rule};
use crate::urls;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};

/// What every event of a site's calendars shares.
pub(crate) struct Calendars<'a> {
    pub tz: &'a TimeZone,
    /// The IANA name of the zone, the events' `TZID`.
    pub tz_name: &'a str,
    /// The build date: the first date events start from, and their stamp.
    pub today: Date,
    /// The site's address, for the events' `URL` and `UID`.
    pub site_url: &'a str,
}

/// The `.ics` file of a program, or `None` when it has no sessions.
pub(crate) fn program(c: &Calendars, e: &Entry<Program>) -> Option<String> {
    let sessions = e.data.schedule.as_ref()?.sessions.as_deref().filter(|s| !s.is_empty())?;
    let name = e.data.name.as_deref().unwrap_or_default();
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//peerdir//sessions//EN");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.text("X-WR-CALNAME", name);
    out.line(&format!("X-WR-TIMEZONE:{}", c.tz_name));
    timezone(&mut out, c);
    let page = format!("{}{}", c.site_url, urls::listing::<Program>(&e.slug));
    let host = crate::urls::origin(c.site_url);
    let host = host.split("://").nth(1).unwrap_or(&host);
    let locations = e.data.locations.as_deref().unwrap_or_default();
    for (i, s) in sessions.iter().enumerate() {
        let Some((first, _)) = schedule::next(std::slice::from_ref(s), c.today) else { continue };
        let Some((start, end)) = schedule::span(s) else { continue };
        out.line("BEGIN:VEVENT");
        out.line(&format!("UID:{}-{}@{host}", e.slug, i + 1));
        out.line(&format!("DTSTAMP:{}T000000Z", stamp(c.today)));
        out.line(&format!(
            "DTSTART;TZID={}:{}",
            c.tz_name,
            local(first.to_datetime(time_of_day(start)))
        ));
        out.line(&format!(
            "DTEND;TZID={}:{}",
            c.tz_name,
            local(first.to_datetime(time_of_day(end)))
        ));
        out.line(&format!("RRULE:{}", Rule::of(s).rrule()));
        out.text("SUMMARY", name);
        if let Some(place) = place(s, locations) {
            out.text("LOCATION", &place);
        }
        out.text("URL", &page);
        out.line("END:VEVENT");
    }
    out.line("END:VCALENDAR");
    Some(out.0)
}

/// `YYYYMMDD`.
fn stamp(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// `YYYYMMDDTHHMMSS`, a local date and time.
fn local(dt: DateTime) -> String {
    format!("{}T{:02}{:02}{:02}", stamp(dt.date()), dt.hour(), dt.minute(), dt.second())
}

/// Where a session meets, as an address on one line, or `Online`.
fn place(s: &Session, locations: &[Location]) -> Option<String> {
    if s.online == Some(true) {
        return Some("Online".into());
    }
    let l = match &s.location {
        Some(key) => locations.iter().find(|l| l.key.as_ref() == Some(key))?,
        None => locations.first()?,
    };
    let city = match &l.postcode {
        Some(p) => format!("{p} {}", l.city),
        None => l.city.clone(),
    };
    let parts = [l.venue.clone(), l.address.clone(), Some(city)];
    Some(parts.into_iter().flatten().collect::<Vec<_>>().join(", "))
}

/// The `VTIMEZONE` of the site's zone: its two yearly changes, as this
/// year's transitions give them (the `n`th or last weekday of a month), or
/// one fixed offset for a zone without summer time.
fn timezone(out: &mut Lines, c: &Calendars) {
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{}", c.tz_name));
    let year_start = Date::new(c.today.year(), 1, 1)
        .ok()
        .and_then(|d| c.tz.to_timestamp(d.to_datetime(jiff::civil::Time::midnight())).ok());
    let mut changes: Vec<_> =
        year_start.map(|t| c.tz.following(t).take(2).collect()).unwrap_or_default();
    if changes.len() < 2 {
        let offset = year_start.map_or(Offset::UTC, |t| c.tz.to_offset(t));
        out.line("BEGIN:STANDARD");
        out.line("DTSTART:19700101T000000");
        out.line(&format!("TZOFFSETFROM:{}", utc_offset(offset)));
        out.line(&format!("TZOFFSETTO:{}", utc_offset(offset)));
        out.line("END:STANDARD");
        changes.clear();
    }
    for (i, t) in changes.iter().enumerate() {
        let before = changes[1 - i].offset();
        let after = t.offset();
        // The change as the clock showed it just before.
        let wall = before.to_datetime(t.timestamp());
        let part = if after.seconds() > before.seconds() { "DAYLIGHT" } else { "STANDARD" };
        out.line(&format!("BEGIN:{part}"));
        out.line(&format!("DTSTART:{}", local(wall)));
        out.line(&format!("TZOFFSETFROM:{}", utc_offset(before)));
        out.line(&format!("TZOFFSETTO:{}", utc_offset(after)));
        let day = wall.date();
        let week = if day.day() + 7 > day.days_in_month() {
            "-1".to_string()
        } else {
            ((day.day() - 1) / 7 + 1).to_string()
        };
        out.line(&format!(
            "RRULE:FREQ=YEARLY;BYMONTH={};BYDAY={week}{}",
            day.month(),
            ical_weekday(day.weekday())
        ));
        out.text("TZNAME", t.abbreviation());
        out.line(&format!("END:{part}"));
    }
    out.line("END:VTIMEZONE");
}

/// `+0100`.
fn utc_offset(o: Offset) -> String {
    let s = o.seconds();
    let sign = if s < 0 { '-' } else { '+' };
    let s = s.unsigned_abs();
    format!("{sign}{:02}{:02}", s / 3600, s % 3600 / 60)
}

/// The file's lines, each ended by CRLF and folded at 75 octets.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for ch in line.chars() {
            if width + ch.len_utf8() > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(ch);
            width += ch.len_utf8();
        }
        self.0.push_str("\r\n");
    }

    /// A property whose value is text, escaped.
    fn text(&mut self, name: &str, value: &str) {
        let mut escaped = String::with_capacity(value.len());
        for ch in value.chars() {
            match ch {
                '\\' | ';' | ',' => {
                    escaped.push('\\');
                    escaped.push(ch);
                }
                '\n' => escaped.push_str("\\n"),
                '\r' => {}
                c if c.is_control() => {}
                c => escaped.push(c),
            }
        }
        self.line(&format!("{name}:{escaped}"));
    }
}
