//! A program's schedule as its page shows it, without JavaScript: a table
//! of its sessions by day of the week (time, how often, where), the date of
//! the next session from the build date, and the link to its calendar file.

use super::view::Context;
use crate::content::model::{Day, Location, Program, Repeat, Schedule, Session};
use crate::content::Entry;
use crate::schedule::{self, clock};
use crate::urls;
use anyhow::Result;
use serde::Serialize;

/// The schedule section of a program page.
#[derive(Debug, Serialize)]
pub(crate) struct ScheduleView {
    /// One row per day a session meets, Monday first, then by start time.
    pub rows: Vec<Row>,
    /// "Next session: ..." when there are sessions.
    pub next: Option<String>,
    pub by_appointment: bool,
    pub ask_for_dates: bool,
    pub note: Option<String>,
    /// The program's `.ics` file, when it has sessions.
    pub calendar_url: Option<String>,
}

/// One session on one day.
#[derive(Debug, Serialize)]
pub(crate) struct Row {
    pub day: String,
    /// `19:30–21:00`.
    pub time: String,
    pub how_often: String,
    pub place: String,
}

/// The schedule of `e`, if it has one.
pub(crate) fn view(ctx: &Context, e: &Entry<Program>) -> Result<Option<ScheduleView>> {
    let Some(s) = &e.data.schedule else { return Ok(None) };
    let sessions = s.sessions.as_deref().unwrap_or_default();
    let locations = e.data.locations.as_deref().unwrap_or_default();
    let mut rows = Vec::new();
    for day in Day::ALL {
        let mut today: Vec<&Session> =
            sessions.iter().filter(|s| s.days().contains(&day)).collect();
        today.sort_by_key(|s| schedule::span(s));
        for session in today {
            rows.push(row(ctx, day, session, locations)?);
        }
    }
    Ok(Some(ScheduleView {
        rows,
        next: next(ctx, s)?,
        by_appointment: s.by_appointment == Some(true),
        ask_for_dates: s.ask_for_dates == Some(true),
        note: s.note.clone(),
        calendar_url: (!sessions.is_empty()).then(|| urls::calendar(&e.slug)),
    }))
}

fn day_name(ctx: &Context, day: Day) -> Result<String> {
    ctx.text(&format!("days.{}", crate::content::model::value_name(&day)))
}

fn row(ctx: &Context, day: Day, s: &Session, locations: &[Location]) -> Result<Row> {
    let time = schedule::span(s).map(|(a, b)| format!("{}–{}", clock(a), clock(b)));
    Ok(Row {
        day: day_name(ctx, day)?,
        time: time.unwrap_or_default(),
        how_often: how_often(ctx, day, s)?,
        place: place(ctx, s, locations)?,
    })
}

/// `Every week`, `Every other week`, `The first and third Tuesday of the month`.
fn how_often(ctx: &Context, day: Day, s: &Session) -> Result<String> {
    let repeat = s.repeat.unwrap_or_default();
    if repeat != Repeat::Monthly {
        return ctx.text(&format!("schedule.{}", crate::content::model::value_name(&repeat)));
    }
    let mut on = s.weeks.clone().unwrap_or_default();
    on.sort();
    let names = on
        .iter()
        .map(|n| ctx.text(&format!("schedule.nth.{}", crate::content::model::value_name(n))))
        .collect::<Result<Vec<_>>>()?;
    let nth = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), ctx.text("schedule.and")?),
        None => String::new(),
    };
    Ok(ctx.text("schedule.monthly")?.replace("{nth}", &nth).replace("{day}", &day_name(ctx, day)?))
}

/// Online, or the location's venue (or city).
fn place(ctx: &Context, s: &Session, locations: &[Location]) -> Result<String> {
    if s.online == Some(true) {
        return ctx.text("schedule.online");
    }
    let at = match &s.location {
        Some(key) => locations.iter().find(|l| l.key.as_ref() == Some(key)),
        None => locations.first(),
    };
    Ok(at
        .map(|l| match &l.venue {
            Some(v) => format!("{v}, {}", l.city),
            None => l.city.clone(),
        })
        .unwrap_or_default())
}

/// "Next session: dinsdag 8 december 2026, 19:30."
fn next(ctx: &Context, s: &Schedule) -> Result<Option<String>> {
    let sessions = s.sessions.as_deref().unwrap_or_default();
    if sessions.is_empty() {
        return Ok(None);
    }
    let Some((date, session)) = schedule::next(sessions, ctx.dir.today) else {
        return ctx.text("schedule.next_none").map(Some);
    };
    let day = Day::ALL.into_iter().find(|d| schedule::weekday(*d) == date.weekday());
    let day = day.map(|d| day_name(ctx, d)).transpose()?.unwrap_or_default();
    let when = format!("{day} {}", ctx.date(date));
    let time = schedule::span(session).map(|(a, _)| clock(a)).unwrap_or_default();
    Ok(Some(ctx.text("schedule.next")?.replace("{date}", &when).replace("{time}", &time)))
}
