//! A program's sessions as an iCalendar file (`programs/<slug>/sessions.ics`,
//! RFC 5545): one weekly, fortnightly or monthly event per session, at
//! local time in the site's time zone, with that zone's `VTIMEZONE` so a
//! calendar keeps 19:30 at 19:30 across the change to and from summer
//! time. A static file: no calendar service is asked for anything.

use crate::content::model::{Location, Program, Session, SiteConfig};
use crate::content::Entry;
use crate::schedule::{self, ical_weekday, time_of_day, Rule};
use crate::urls;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};

/// What every calendar file of a site shares, made once per build.
pub(crate) struct Calendars {
    /// The IANA name of the zone, the events' `TZID`.
    tz_name: String,
    /// The zone's `VTIMEZONE`, its lines folded.
    vtimezone: String,
    /// The build date: the first date events start from, and their stamp.
    today: Date,
    /// The site's address, for the events' `URL`, and its host, for their `UID`.
    site_url: String,
    host: String,
}

impl Calendars {
    pub(crate) fn new(site: &SiteConfig, today: Date, site_url: &str) -> Calendars {
        let origin = urls::origin(site_url);
        let mut vtimezone = Lines::default();
        timezone(&mut vtimezone, &site.time_zone(), &site.timezone, today);
        Calendars {
            tz_name: site.timezone.clone(),
            vtimezone: vtimezone.0,
            today,
            site_url: site_url.to_string(),
            host: origin.split("://").nth(1).unwrap_or(&origin).to_string(),
        }
    }
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
    out.0.push_str(&c.vtimezone);
    let page = format!("{}{}", c.site_url, urls::listing::<Program>(&e.slug));
    let host = &c.host;
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
    let parts = [l.venue.clone(), l.address.clone(), Some(l.postcode_and_city())];
    Some(parts.into_iter().flatten().collect::<Vec<_>>().join(", "))
}

/// The `VTIMEZONE` of the site's zone: its two yearly changes, as this
/// year's transitions give them (the `n`th or last weekday of a month), or
/// one fixed offset for a zone without summer time.
fn timezone(out: &mut Lines, tz: &TimeZone, tz_name: &str, today: Date) {
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{tz_name}"));
    let year_start = Date::new(today.year(), 1, 1)
        .ok()
        .and_then(|d| tz.to_timestamp(d.to_datetime(jiff::civil::Time::midnight())).ok());
    let mut changes: Vec<_> =
        year_start.map(|t| tz.following(t).take(2).collect()).unwrap_or_default();
    if changes.len() < 2 {
        let offset = year_start.map_or(Offset::UTC, |t| tz.to_offset(t));
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
