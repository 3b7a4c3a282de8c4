//! The checks types cannot make: required fields, known topics, regions and
//! languages, audiences and access features, program references, duplicate
//! slugs, formats of contacts and dates, consent, alt text, media files,
//! sessions (times, days, locations), status and ages, and review dates (a
//! warning).

use super::model::{
    Certification, Consent, Contact, Listing, Location, Mode, Page, Program, Repeat, Schedule,
    SiteConfig, Specialist, Status, Taxonomy, Term,
};
use super::{files, formats, images, phone, suggest, Directory, Entry};
use crate::dates;
use crate::diag::{Diagnostic, Report};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path};

/// Deepest topic: `addiction/alcohol` is two levels. Each level is a
/// folder of the topic's address.
pub(crate) const MAX_TOPIC_DEPTH: usize = 4;

/// The highest age a listing may name.
const MAX_AGE: u8 = 120;

/// Longest summary before a warning: it is meant to be one sentence.
const SUMMARY_WARN_CHARS: usize = 300;

/// Adds every problem of the directory to `report`.
pub(crate) fn validate(dir: &Directory, report: &mut Report) {
    let ctx = Context::new(dir);
    report.extend(each(&dir.specialists, &ctx, specialist));
    report.extend(each(&dir.programs, &ctx, program));
    for e in &dir.pages {
        let mut c = Check::new(e, &ctx);
        page(&mut c, &e.data, &e.slug);
        report.extend(c.out);
    }
    duplicates(&dir.specialists, report);
    duplicates(&dir.programs, report);
    duplicates(&dir.pages, report);
    let mut c = Check::new(&dir.taxonomy, &ctx);
    let languages = dir.site.data.interface_languages();
    taxonomy(&mut c, languages);
    regions(&mut c);
    terms(&mut c, "audiences", |t| &t.audiences, languages);
    terms(&mut c, "access", |t| &t.access, languages);
    report.extend(c.out);
    let mut c = Check::new(&dir.site, &ctx);
    site(&mut c);
    report.extend(c.out);
}

/// The problems of every listing, checked in parallel and reported in the
/// listings' order.
fn each<T: Sync>(
    entries: &[Entry<T>],
    ctx: &Context,
    check: fn(&mut Check<T>, &T),
) -> Vec<Diagnostic> {
    let found: Vec<Vec<Diagnostic>> = entries
        .par_iter()
        .map(|e| {
            let mut c = Check::new(e, ctx);
            check(&mut c, &e.data);
            c.out
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// What every check may look things up in.
struct Context<'a> {
    dir: &'a Directory,
    topics: BTreeSet<&'a str>,
    programs: BTreeSet<&'a str>,
}

impl<'a> Context<'a> {
    fn new(dir: &'a Directory) -> Self {
        Context {
            dir,
            topics: dir.taxonomy.data.topics.iter().map(|t| t.key.as_str()).collect(),
            programs: dir.programs.iter().map(|p| p.slug.as_str()).collect(),
        }
    }
}

/// The checks of one file, collecting its problems.
struct Check<'a, T> {
    entry: &'a Entry<T>,
    ctx: &'a Context<'a>,
    out: Vec<Diagnostic>,
}

impl<'a, T> Check<'a, T> {
    fn new(entry: &'a Entry<T>, ctx: &'a Context<'a>) -> Self {
        Check { entry, ctx, out: Vec::new() }
    }

    fn diag(&mut self, d: Diagnostic, path: &str, hint: Option<String>) {
        let pos = self.entry.map.get(&self.entry.file).value(path);
        self.out.push(d.at(&self.entry.file.text, pos.line, pos.col).hint(hint));
    }

    fn error(&mut self, path: &str, msg: impl Into<String>, hint: Option<String>) {
        self.diag(Diagnostic::error(&self.entry.file.path, msg), path, hint);
    }

    fn warn(&mut self, path: &str, msg: impl Into<String>, hint: Option<String>) {
        self.diag(Diagnostic::warning(&self.entry.file.path, msg), path, hint);
    }

    /// Reports a missing required field (unless it was there with a wrong
    /// type, which is reported already). True when the field is present.
    fn required<V>(&mut self, field: &str, value: &Option<V>) -> bool {
        // A misspelling of the field is reported as an unknown field already.
        let misspelt =
            self.entry.removed.iter().any(|r| r == field || suggest::closest(r, [field]).is_some());
        if value.is_none() && !misspelt {
            self.error("", format!("missing required field `{field}`"), None);
        }
        value.is_some()
    }

    fn text(&mut self, field: &str, value: &Option<String>) {
        if self.required(field, value) {
            self.not_blank(field, field, value.as_deref());
        }
    }

    /// A text that, when it is given, says something: `name` at `path`.
    fn not_blank(&mut self, path: &str, name: &str, value: Option<&str>) {
        if value.is_some_and(|v| v.trim().is_empty()) {
            self.error(path, format!("`{name}` is empty"), None);
        }
    }

    fn non_empty_list<V>(&mut self, field: &str, value: &Option<Vec<V>>) {
        if self.required(field, value) && value.as_ref().is_some_and(Vec::is_empty) {
            self.error(field, format!("`{field}` needs at least one entry"), None);
        }
    }

    fn topics(&mut self, topics: &Option<Vec<String>>) {
        self.non_empty_list("topics", topics);
        let known = &self.ctx.topics;
        for (i, t) in topics.iter().flatten().enumerate() {
            if !known.contains(t.as_str()) {
                let hint = suggest::did_you_mean(t, known.iter().copied())
                    .or_else(|| Some("topics are listed in taxonomy.yaml".into()));
                self.error(&format!("topics[{i}]"), format!("unknown topic `{t}`"), hint);
            }
        }
    }

    fn languages(&mut self, field: &str, langs: &[String]) {
        for (i, l) in langs.iter().enumerate() {
            if let Some((msg, hint)) = not_a_language(l) {
                let path = if matches!(field, "lang" | "language") {
                    field.to_string()
                } else {
                    format!("{field}[{i}]")
                };
                self.error(&path, msg, Some(hint));
            }
        }
    }

    fn locations(&mut self, locations: &[Location], modes: &[Mode]) {
        if locations.is_empty() && modes.contains(&Mode::InPerson) {
            self.error(
                "locations",
                "`locations` is empty but `modes` includes `in-person`",
                Some("add where people can meet, or remove `in-person`".into()),
            );
        }
        let regions = self.ctx.dir.taxonomy.data.regions.as_ref();
        for (i, loc) in locations.iter().enumerate() {
            let p = format!("locations[{i}]");
            if loc.city.trim().is_empty() {
                self.error(&format!("{p}.city"), "`city` is empty", None);
            }
            for (field, text) in [
                ("venue", &loc.venue),
                ("address", &loc.address),
                ("entrance", &loc.entrance),
                ("access_notes", &loc.access_notes),
            ] {
                self.not_blank(&format!("{p}.{field}"), field, text.as_deref());
            }
            if let Some(key) = &loc.key {
                if !formats::is_slug(key) {
                    self.error(
                        &format!("{p}.key"),
                        format!("location key `{key}`: use lowercase letters, digits and hyphens"),
                        None,
                    );
                } else if locations[..i].iter().any(|o| o.key.as_ref() == Some(key)) {
                    self.error(
                        &format!("{p}.key"),
                        format!("location key `{key}` is used twice"),
                        None,
                    );
                }
            }
            let access = &self.ctx.dir.taxonomy.data.access;
            self.terms(
                &format!("{p}.access"),
                loc.access.as_deref().unwrap_or_default(),
                access,
                "access",
            );
            if let Some((msg, hint)) = formats::region_address_problem(&loc.region) {
                self.error(&format!("{p}.region"), msg, Some(hint));
            } else if let Some(regions) = regions.filter(|r| !r.contains(&loc.region)) {
                let hint = suggest::did_you_mean(&loc.region, regions)
                    .or_else(|| Some("regions are listed in taxonomy.yaml".into()));
                self.error(
                    &format!("{p}.region"),
                    format!("unknown region `{}`", loc.region),
                    hint,
                );
            }
            match (loc.lat, loc.lon) {
                (Some(lat), _) if !(-90.0..=90.0).contains(&lat) => {
                    self.error(&format!("{p}.lat"), "`lat` must be between -90 and 90", None)
                }
                (_, Some(lon)) if !(-180.0..=180.0).contains(&lon) => {
                    self.error(&format!("{p}.lon"), "`lon` must be between -180 and 180", None)
                }
                (Some(_), None) => self.error(
                    &format!("{p}.lat"),
                    "`lat` is given without `lon`: give both, or neither",
                    None,
                ),
                (None, Some(_)) => self.error(
                    &format!("{p}.lon"),
                    "`lon` is given without `lat`: give both, or neither",
                    None,
                ),
                _ => {}
            }
        }
    }

    fn contact(&mut self, contact: &Option<Contact>) {
        if !self.required("contact", contact) {
            return;
        }
        let c = contact.as_ref().expect("checked above");
        if c.phone.is_none() && c.email.is_none() && c.website.is_none() && c.form.is_none() {
            self.error(
                "contact",
                "`contact` needs at least one of `phone`, `email`, `website` or `form`",
                None,
            );
        }
        if let Some(p) = &c.phone {
            self.phone("contact.phone", p);
        }
        if let Some(e) = c.email.as_deref().filter(|e| !formats::is_email(e)) {
            self.error("contact.email", format!("`{e}` is not an email address"), None);
        }
        for (field, url) in [("contact.website", &c.website), ("contact.form", &c.form)] {
            self.web_url(field, url);
        }
    }

    /// Keys that must be among `taxonomy.yaml`'s `list` (`audiences`, `access`).
    fn terms(&mut self, field: &str, keys: &[String], known: &[Term], list: &str) {
        for (i, k) in keys.iter().enumerate() {
            if !known.iter().any(|t| &t.key == k) {
                let hint =
                    suggest::did_you_mean(k, known.iter().map(|t| t.key.as_str())).or_else(|| {
                        Some(format!("the keys are listed under `{list}` in taxonomy.yaml"))
                    });
                self.error(&format!("{field}[{i}]"), format!("unknown {list} key `{k}`"), hint);
            }
        }
    }

    /// Status, intake, audiences and ages, which both kinds have.
    fn standing<L: Listing>(&mut self, l: &L) {
        let until = l.closed_until().and_then(|u| self.date("closed_until", u, false));
        if l.closed_until().is_some() && l.status() != Status::TemporarilyClosed {
            self.error(
                "closed_until",
                "`closed_until` is set but `status` is not `temporarily-closed`",
                Some("set `status: temporarily-closed`, or remove `closed_until`".into()),
            );
        } else if until.is_some_and(|u| u < self.ctx.dir.today) {
            self.warn(
                "closed_until",
                "`closed_until` has passed; visitors are still told it is closed",
                Some("set `status: active` if it has opened again, or give the new date".into()),
            );
        }
        self.not_blank("status_note", "status_note", l.status_note());
        let audiences = &self.ctx.dir.taxonomy.data.audiences;
        self.terms("audiences", l.audiences(), audiences, "audiences");
        match l.ages() {
            (_, Some(max)) if max > MAX_AGE => {
                self.error("maximum_age", format!("`maximum_age` {max} is not an age"), None)
            }
            (Some(min), _) if min > MAX_AGE => {
                self.error("minimum_age", format!("`minimum_age` {min} is not an age"), None)
            }
            (Some(min), Some(max)) if min > max => self.error(
                "maximum_age",
                format!("`maximum_age` {max} is below `minimum_age` {min}"),
                None,
            ),
            _ => {}
        }
    }

    /// A number a phone can dial ([`phone::parse`]).
    fn phone(&mut self, field: &str, written: &str) {
        if let Err(p) = phone::parse(written) {
            self.error(field, p.message, Some(p.hint));
        }
    }

    fn web_url(&mut self, field: &str, url: &Option<String>) {
        if let Some(Err(msg)) = url.as_deref().map(formats::check_web_url) {
            self.error(field, format!("`{field}`: {msg}"), None);
        }
    }

    /// A `YYYY-MM-DD` date; dates that should have happened may not be in the future.
    fn date(&mut self, field: &str, value: &str, past: bool) -> Option<jiff::civil::Date> {
        let Some(d) = dates::parse(value) else {
            self.error(
                field,
                format!("`{value}` is not a date"),
                Some("write dates as YYYY-MM-DD, e.g. `2025-03-01`".into()),
            );
            return None;
        };
        if past && d > self.ctx.dir.today {
            self.error(field, format!("`{field}` is in the future"), None);
        }
        Some(d)
    }

    fn reviewed(&mut self, reviewed: &Option<String>) {
        if !self.required("reviewed", reviewed) {
            return;
        }
        let site = &self.ctx.dir.site.data;
        if let Some(d) = self.date("reviewed", reviewed.as_deref().unwrap_or(""), true) {
            let months = dates::months_between(d, self.ctx.dir.today);
            if months > site.review_after_months {
                let msg = format!(
                    "last reviewed {months} months ago (more than the {} months in site.yaml); visitors are shown this",
                    site.review_after_months
                );
                self.warn(
                    "reviewed",
                    msg,
                    Some("check the listing with its owner and update `reviewed`".into()),
                );
            }
        }
    }

    /// An image in `media/` with its alt text.
    fn media(&mut self, field: &str, alt_field: &str, path: &Option<String>, alt: &Option<String>) {
        match (path, alt) {
            (Some(_), None) => {
                self.error(field, format!("`{field}` needs `{alt_field}`: a short description for people who cannot see it"), None)
            }
            (Some(_), Some(a)) if a.trim().is_empty() => self.error(alt_field, format!("`{alt_field}` is empty"), None),
            (None, Some(_)) => self.warn(alt_field, format!("`{alt_field}` is set but there is no `{field}`"), None),
            _ => {}
        }
        let Some(p) = path else { return };
        if let Err(msg) = media_path(p) {
            self.error(field, msg, None);
        } else if self.ctx.dir.media.iter().any(|m| m == Path::new(p))
            || files::kind(&self.ctx.dir.root, &Path::new("media").join(p))
                != Ok(files::Kind::Missing)
        {
            // Published, or there but refused: its own problem says why.
        } else {
            self.error(
                field,
                format!("`media/{p}` does not exist"),
                suggest::did_you_mean(
                    p,
                    self.ctx
                        .dir
                        .media
                        .iter()
                        .map(|m| m.to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .iter(),
                ),
            );
        }
    }
}

/// A media reference must be a relative path inside `media/` to an image.
pub(crate) fn media_path(p: &str) -> Result<(), String> {
    let path = Path::new(p);
    if path.components().any(|c| !matches!(c, Component::Normal(_))) || p.contains('\\') {
        return Err(format!(
            "`{p}` must be a file name inside `media/` (no `..`, no absolute path)"
        ));
    }
    if images::format_of(p).is_none() {
        return Err(format!("`{p}`: images must be .jpg, .png or .webp"));
    }
    Ok(())
}

fn summary<T>(c: &mut Check<T>, summary: &Option<String>) {
    c.text("summary", summary);
    if let Some(s) = summary.as_deref().filter(|s| s.chars().count() > SUMMARY_WARN_CHARS) {
        c.warn(
            "summary",
            format!("`summary` is {} characters; keep it to one sentence", s.chars().count()),
            Some("longer text belongs in the body below the front matter".into()),
        );
    }
}

/// The problem with `l` as a language code, and its fix, if it is none.
fn not_a_language(l: &str) -> Option<(String, String)> {
    if formats::is_language(l) {
        return None;
    }
    let lower = l.to_lowercase();
    let hint = if formats::is_language(&lower) {
        format!("write it in lowercase: `{lower}`")
    } else {
        "use a two-letter ISO 639-1 code such as `nl`, `en`, `ar` or `tr`".to_string()
    };
    Some((format!("`{l}` is not a language code"), hint))
}

/// A listing's `translations`: each under a language code other than the
/// listing's own, each with a summary, and without `who_for` and
/// `how_to_join` unless the listing is a program (`program`).
fn translations<T: Listing>(c: &mut Check<T>, l: &T, program: bool) {
    let own = l.lang().unwrap_or(&c.ctx.dir.site.data.language);
    for (code, t) in l.translations() {
        let path = format!("translations.{code}");
        let pos = c.entry.map.get(&c.entry.file).key(&path);
        let at = |d: Diagnostic| d.at(&c.entry.file.text, pos.line, pos.col);
        if let Some((msg, hint)) = not_a_language(code) {
            c.out.push(at(Diagnostic::error(&c.entry.file.path, msg)).hint(Some(hint)));
        } else if code == own {
            let msg = format!("the listing is written in `{code}` already");
            let hint = "give the texts in another language, or set `lang` to the original's";
            c.out.push(at(Diagnostic::error(&c.entry.file.path, msg)).hint(Some(hint.into())));
        }
        match t.summary.as_deref() {
            None => c.error(&path, format!("missing required field `{path}.summary`"), None),
            Some(text) => c.not_blank(&format!("{path}.summary"), "summary", Some(text)),
        }
        for (field, value) in [("body", &t.body), ("status_note", &t.status_note)] {
            c.not_blank(&format!("{path}.{field}"), field, value.as_deref());
        }
        for (field, value) in [("who_for", &t.who_for), ("how_to_join", &t.how_to_join)] {
            if !program && value.is_some() {
                let msg = format!("`{field}` is a program's: a specialist's listing has none");
                c.error(&format!("{path}.{field}"), msg, None);
            } else {
                c.not_blank(&format!("{path}.{field}"), field, value.as_deref());
            }
        }
    }
}

fn specialist(c: &mut Check<Specialist>, s: &Specialist) {
    c.text("name", &s.name);
    summary(c, &s.summary);
    translations(c, s, false);
    c.topics(&s.topics);
    c.non_empty_list("languages", &s.languages);
    c.languages("languages", s.languages.as_deref().unwrap_or_default());
    c.languages("lang", s.lang.as_slice());
    c.non_empty_list("modes", &s.modes);
    if c.required("locations", &s.locations) {
        c.locations(
            s.locations.as_deref().unwrap_or_default(),
            s.modes.as_deref().unwrap_or_default(),
        );
    }
    c.contact(&s.contact);
    c.standing(s);
    consent(c, &s.consent);
    c.reviewed(&s.reviewed);
    if let Some(cert) = &s.certification {
        certification(c, cert);
    }
    for (i, p) in s.programs.iter().flatten().enumerate() {
        if !c.ctx.programs.contains(p.as_str()) {
            let hint = suggest::did_you_mean(p, c.ctx.programs.iter().copied()).or_else(|| {
                Some("use the file name of a program in programs/, without .md".into())
            });
            c.error(&format!("programs[{i}]"), format!("unknown program `{p}`"), hint);
        }
    }
    c.media("photo", "photo_alt", &s.photo, &s.photo_alt);
}

fn consent(c: &mut Check<Specialist>, consent: &Option<Consent>) {
    if consent.is_none() && !c.entry.removed.iter().any(|r| r == "consent") {
        c.error(
            "",
            "missing `consent`: a specialist is listed only with their recorded agreement",
            Some("add `consent: {date: YYYY-MM-DD, scope: what they agreed to}`".into()),
        );
    }
    if let Some(k) = consent {
        c.date("consent.date", &k.date, true);
        if k.scope.trim().is_empty() {
            c.error(
                "consent.scope",
                "`consent.scope` is empty: say what the person agreed to",
                None,
            );
        }
    }
}

fn certification(c: &mut Check<Specialist>, cert: &Certification) {
    let since = c.date("certification.since", &cert.since, true);
    let until = cert.until.as_deref().and_then(|u| c.date("certification.until", u, false));
    if let (Some(s), Some(u)) = (since, until) {
        if u < s {
            c.error(
                "certification.until",
                "`certification.until` is before `certification.since`",
                None,
            );
        } else if u < c.ctx.dir.today {
            c.warn("certification.until", "the certification has expired", None);
        }
    }
}

fn program(c: &mut Check<Program>, p: &Program) {
    c.text("name", &p.name);
    summary(c, &p.summary);
    translations(c, p, true);
    c.required("kind", &p.kind);
    c.topics(&p.topics);
    c.non_empty_list("languages", &p.languages);
    c.languages("languages", p.languages.as_deref().unwrap_or_default());
    c.languages("lang", p.lang.as_slice());
    let modes = p.modes.clone().unwrap_or_else(|| vec![Mode::InPerson]);
    if p.locations.is_none()
        && p.modes.is_none()
        && !c.entry.removed.iter().any(|r| r == "locations")
    {
        c.error(
            "",
            "missing required field `locations`",
            Some(
                "a program met only online, by phone or chat sets `modes` and `locations: []`"
                    .into(),
            ),
        );
    }
    c.locations(p.locations.as_deref().unwrap_or_default(), &modes);
    c.contact(&p.contact);
    c.standing(p);
    if let Some(s) = &p.schedule {
        schedule(c, s, p.locations.as_deref().unwrap_or_default(), &modes);
    }
    online(c, p, &modes);
    c.reviewed(&p.reviewed);
    if let Some(v) = &p.volunteering {
        for (field, text) in
            [("volunteering.training", &v.training), ("volunteering.commitment", &v.commitment)]
        {
            c.not_blank(field, field, text.as_deref());
        }
    }
    c.media("logo", "logo_alt", &p.logo, &p.logo_alt);
}

/// Sessions: readable times, an end after the start, the fields each way
/// of repeating needs, and a location that exists.
fn schedule(c: &mut Check<Program>, s: &Schedule, locations: &[Location], modes: &[Mode]) {
    let sessions = s.sessions.as_deref().unwrap_or_default();
    if sessions.is_empty()
        && s.by_appointment != Some(true)
        && s.ask_for_dates != Some(true)
        && s.note.is_none()
    {
        c.error(
            "schedule",
            "`schedule` says nothing",
            Some(
                "give `sessions`, `by_appointment: true`, `ask_for_dates: true` or a `note`".into(),
            ),
        );
    }
    c.not_blank("schedule.note", "schedule.note", s.note.as_deref());
    let keys: Vec<&str> = locations.iter().filter_map(|l| l.key.as_deref()).collect();
    for (i, session) in sessions.iter().enumerate() {
        let p = format!("schedule.sessions[{i}]");
        let taken = |field: &str| c.entry.removed.iter().any(|r| *r == format!("{p}.{field}"));
        let (days_taken, start_taken) = (taken("days"), taken("start"));
        match &session.days {
            None if !days_taken => {
                c.error(&p, "the session needs `days`, e.g. `days: [tuesday]`", None)
            }
            Some(d) if d.is_empty() => {
                c.error(&format!("{p}.days"), "`days` needs at least one day", None)
            }
            _ => {}
        }
        if session.start.is_none() && !start_taken {
            c.error(&p, "the session needs a `start` time, e.g. `start: \"19:30\"`", None);
        }
        let days = session.days();
        for (j, d) in days.iter().enumerate() {
            if days[..j].contains(d) {
                c.error(
                    &format!("{p}.days[{j}]"),
                    format!("`{}` is listed twice", super::model::value_name(d)),
                    None,
                );
            }
        }
        let start = session.start.as_deref().map(crate::schedule::minutes);
        if let Some(Err(msg)) = &start {
            c.error(&format!("{p}.start"), msg.clone(), None);
        }
        let end = session.end.as_deref().map(crate::schedule::minutes);
        if let Some(Err(msg)) = &end {
            c.error(&format!("{p}.end"), msg.clone(), None);
        }
        if let (Some(Ok(s)), Some(Ok(e))) = (&start, &end) {
            if e <= s {
                c.error(
                    &format!("{p}.end"),
                    format!(
                        "the session ends ({}) before it starts ({})",
                        crate::schedule::clock(*e),
                        crate::schedule::clock(*s)
                    ),
                    Some("sessions end on the day they start; check the times".into()),
                );
            }
        }
        let repeat = session.repeat.unwrap_or_default();
        match (repeat, &session.first) {
            (Repeat::EveryOtherWeek, None) => c.error(
                &format!("{p}.repeat"),
                "`every-other-week` needs `first`: a date it meets, YYYY-MM-DD, to count the weeks from",
                None,
            ),
            (Repeat::EveryOtherWeek, Some(first)) => {
                let field = format!("{p}.first");
                if let Some(d) = c.date(&field, first, false) {
                    let day = days.iter().any(|day| crate::schedule::weekday(*day) == d.weekday());
                    if !day {
                        c.error(&field, format!("`{first}` is not on one of the session's `days`"), None);
                    }
                }
            }
            (_, Some(_)) => c.error(
                &format!("{p}.first"),
                "`first` counts the weeks of `repeat: every-other-week` only",
                Some("remove it, or set `repeat: every-other-week`".into()),
            ),
            (_, None) => {}
        }
        match (repeat, &session.weeks) {
            (Repeat::Monthly, None) => c.error(
                &format!("{p}.repeat"),
                "`monthly` needs `weeks`: which of the month's days, e.g. `[first, third]` or `[last]`",
                None,
            ),
            (Repeat::Monthly, Some(on)) if on.is_empty() => {
                c.error(&format!("{p}.weeks"), "`weeks` needs at least one of first, second, third, fourth, last", None)
            }
            (Repeat::Monthly, _) | (_, None) => {}
            (_, Some(_)) => c.error(
                &format!("{p}.weeks"),
                "`weeks` names weeks of the month for `repeat: monthly` only",
                Some("remove it, or set `repeat: monthly`".into()),
            ),
        }
        session_place(c, &p, session, locations, &keys, modes);
    }
}

/// A session meets online, or at one of the program's locations.
fn session_place(
    c: &mut Check<Program>,
    p: &str,
    session: &super::model::Session,
    locations: &[Location],
    keys: &[&str],
    modes: &[Mode],
) {
    let online = session.online == Some(true);
    match (&session.location, online) {
        (Some(_), true) => c.error(
            &format!("{p}.location"),
            "a session meets online or at a location, not both",
            Some("remove `location`, or `online: true`".into()),
        ),
        (Some(k), false) if !keys.contains(&k.as_str()) => {
            let hint = suggest::did_you_mean(k, keys.iter().copied()).or_else(|| {
                Some(if keys.is_empty() {
                    "give the location a `key` under `locations`".to_string()
                } else {
                    format!("the program's location keys: {}", keys.join(", "))
                })
            });
            c.error(&format!("{p}.location"), format!("unknown location `{k}`"), hint);
        }
        (None, false) if locations.is_empty() => c.error(
            p,
            "the session has no place: the program has no `locations`",
            Some("add `online: true` for an online session".into()),
        ),
        (None, false) if locations.len() > 1 => c.error(
            p,
            "the program has several locations: say which one with `location`",
            Some("give each location a `key`, and name it here".into()),
        ),
        _ => {}
    }
    if online && !modes.contains(&Mode::Online) {
        c.error(
            &format!("{p}.online"),
            "the session is online but `modes` does not include `online`",
            None,
        );
    }
}

/// How people join online: a link or `on-request`, only with the online mode.
fn online(c: &mut Check<Program>, p: &Program, modes: &[Mode]) {
    let Some(o) = &p.online else { return };
    if !modes.contains(&Mode::Online) {
        c.error("online", "`online` is set but `modes` does not include `online`", None);
    }
    match o.join.as_deref() {
        Some(ON_REQUEST) | None => {}
        Some(url) => {
            if let Err(msg) = formats::check_web_url(url) {
                c.error(
                    "online.join",
                    format!("`online.join`: {msg}; or write `{ON_REQUEST}`"),
                    None,
                );
            }
        }
    }
    c.not_blank("online.note", "online.note", o.note.as_deref());
}

/// `online.join` when the link is given to each person who asks.
pub(crate) const ON_REQUEST: &str = "on-request";

fn page(c: &mut Check<Page>, p: &Page, slug: &str) {
    c.text("title", &p.title);
    c.languages("lang", p.lang.as_slice());
    if crate::urls::is_reserved(slug) {
        c.error(
            "",
            format!("a free page cannot be called `{slug}`: the site uses that address itself"),
            Some("rename the file".into()),
        );
    }
}

/// Two files with the same stem in different subfolders would share an address.
fn duplicates<T>(entries: &[Entry<T>], report: &mut Report) {
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for e in entries {
        match seen.get(e.slug.as_str()) {
            Some(first) => report.push(
                Diagnostic::error(
                    &e.file.path,
                    format!(
                        "duplicate slug `{}`: {} has the same file name",
                        e.slug,
                        first.display()
                    ),
                )
                .hint(Some("rename one of the files; the file name is the page address".into())),
            ),
            None => {
                seen.insert(&e.slug, &e.file.path);
            }
        }
    }
}

/// Topic keys must be well formed, unique, come after their parent, and
/// have a label in the site language.
fn taxonomy(c: &mut Check<Taxonomy>, languages: &[String]) {
    let mut seen = BTreeSet::new();
    for (i, t) in c.entry.data.topics.iter().enumerate() {
        let path = format!("topics[{i}].key");
        let parts: Vec<&str> = t.key.split('/').collect();
        let parent = parts[..parts.len() - 1].join("/");
        if parts.iter().any(|p| !formats::is_slug(p) || *p == "page") {
            c.error(
                &path,
                format!("topic key `{}`: each part must be lowercase letters, digits and hyphens (and not `page`)", t.key),
                None,
            );
        } else if parts.len() > MAX_TOPIC_DEPTH {
            c.error(
                &path,
                format!(
                    "topic `{}` is {} levels deep; topics nest at most {MAX_TOPIC_DEPTH} levels",
                    t.key,
                    parts.len()
                ),
                None,
            );
        } else if !seen.insert(t.key.as_str()) {
            c.error(&path, format!("topic `{}` is listed twice", t.key), None);
        } else if parts.len() > 1 && !seen.contains(parent.as_str()) {
            c.error(
                &path,
                format!("topic `{}` comes before (or without) its parent `{parent}`", t.key),
                None,
            );
        }
        label(c, &format!("topics[{i}].label"), &format!("topic `{}`", t.key), &t.label, languages);
    }
}

/// A taxonomy label in every interface language: without one in the
/// site's own language (the first) it is an error; without one in another
/// language a warning, and pages in that language show the first's.
fn label(
    c: &mut Check<Taxonomy>,
    path: &str,
    what: &str,
    labels: &BTreeMap<String, String>,
    languages: &[String],
) {
    let Some((first, others)) = languages.split_first() else { return };
    if !labels.contains_key(first) {
        c.error(path, format!("{what} has no label in the site language `{first}`"), None);
        return;
    }
    let missing: Vec<&str> =
        others.iter().filter(|l| !labels.contains_key(*l)).map(String::as_str).collect();
    if !missing.is_empty() {
        let list = missing.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ");
        let msg = format!("{what} has no label in {list}: pages in it show the `{first}` label");
        let hint = format!("add `{}: <label>` to `label`", missing[0]);
        c.warn(path, msg, Some(hint));
    }
}

/// A list of keys with labels (`audiences`, `access`): well-formed keys,
/// each once, each with a label in the interface languages.
fn terms(
    c: &mut Check<Taxonomy>,
    list: &str,
    of: fn(&Taxonomy) -> &Vec<Term>,
    languages: &[String],
) {
    let entry = c.entry;
    let all = of(&entry.data);
    for (i, t) in all.iter().enumerate() {
        if !formats::is_slug(&t.key) {
            c.error(
                &format!("{list}[{i}].key"),
                format!("`{}`: a key is lowercase letters, digits and hyphens", t.key),
                None,
            );
        } else if all[..i].iter().any(|o| o.key == t.key) {
            c.error(&format!("{list}[{i}].key"), format!("`{}` is listed twice", t.key), None);
        }
        label(c, &format!("{list}[{i}].label"), &format!("`{}`", t.key), &t.label, languages);
    }
}

/// Listed regions must each get an address of their own.
fn regions(c: &mut Check<Taxonomy>) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (i, name) in c.entry.data.regions.iter().flatten().enumerate() {
        let slug = formats::slugify(name);
        let clash = seen.get(&slug).map(|other| other.to_string());
        match (clash, formats::region_address_problem(name)) {
            (_, Some((msg, hint))) => c.error(&format!("regions[{i}]"), msg, Some(hint)),
            (Some(other), None) => c.error(
                &format!("regions[{i}]"),
                format!(
                    "regions `{other}` and `{name}` would share the address {}",
                    crate::urls::region(name)
                ),
                None,
            ),
            (None, None) => {
                seen.insert(slug, name);
            }
        }
    }
}

/// The interface languages: `language` or `languages`, each a known code
/// with interface strings, each once.
fn site_languages(c: &mut Check<SiteConfig>) {
    let s = &c.entry.data;
    if s.language.is_empty() {
        let hint = "for example `language: nl`, or `languages: [nl, en, tr]` for a site in several";
        c.error("", "missing required field `language`", Some(hint.into()));
        return;
    }
    let (field, langs) = if s.languages.is_empty() {
        ("language", std::slice::from_ref(&s.language))
    } else {
        ("languages", s.languages.as_slice())
    };
    c.languages(field, langs);
    let at =
        |i: usize| if s.languages.is_empty() { field.to_string() } else { format!("{field}[{i}]") };
    for (i, code) in langs.iter().enumerate() {
        if langs[..i].contains(code) {
            c.error(&at(i), format!("`{code}` is listed twice"), None);
        } else if formats::is_language(code) && !crate::i18n::has_translation(&c.ctx.dir.root, code)
        {
            let hint = format!("add i18n/{code}.yaml to the content folder, starting from a copy of themes/default/i18n/en.yaml");
            c.error(&at(i), format!("there is no interface translation for `{code}`"), Some(hint));
        }
    }
    if !s.languages.is_empty() && s.languages.first() != Some(&s.language) {
        let hint =
            format!("leave `language` out, or make `{}` the first of `languages`", s.language);
        c.error("language", "`language` is not the first of `languages`", Some(hint));
    }
    // A free page at `en/` would take the address of the English pages.
    for p in &c.ctx.dir.pages {
        if s.languages[1.min(s.languages.len())..].contains(&p.slug) {
            let msg = format!(
                "the page `pages/{}.md` would take the address of the `{}` pages",
                p.slug, p.slug
            );
            c.error("languages", msg, Some("rename the page".into()));
        }
    }
}

/// The site's own settings: addresses, language, crisis lines, numbers.
fn site(c: &mut Check<SiteConfig>) {
    let s = &c.entry.data;
    c.web_url("base_url", &Some(s.base_url.clone()));
    c.web_url("exit_url", &Some(s.exit_url.clone()));
    site_languages(c);
    if s.crisis.is_empty() {
        c.error(
            "crisis",
            "`crisis` needs at least one crisis line: it is shown on every page",
            None,
        );
    }
    for (i, line) in s.crisis.iter().enumerate() {
        if line.phone.is_empty() && line.text.is_none() && line.chat.is_none() {
            c.error(
                &format!("crisis[{i}]"),
                format!("crisis line `{}` has no way to reach it", line.name),
                Some("give a `phone`, a `text` number or a `chat` address".into()),
            );
        }
        // A single number is placed at `phone`, the nearest node there is.
        for (j, p) in line.phone.iter().enumerate() {
            c.phone(&format!("crisis[{i}].phone[{j}]"), p);
        }
        if let Some(t) = &line.text {
            c.phone(&format!("crisis[{i}].text"), t);
        }
        c.web_url(&format!("crisis[{i}].chat"), &line.chat);
        c.languages(&format!("crisis[{i}].languages"), &line.languages);
        for (code, text) in &line.note {
            let path = format!("crisis[{i}].note.{code}");
            if !s.interface_languages().contains(code) {
                let msg = format!(
                    "`{code}` is not an interface language of the site: no page shows this note"
                );
                let hint =
                    format!("the interface languages are {}", s.interface_languages().join(", "));
                c.warn(&path, msg, Some(hint));
            }
            c.not_blank(&path, "note", Some(text));
        }
    }
    if jiff::tz::TimeZone::get(&s.timezone).is_err() {
        let names = jiff::tz::db().available().map(|n| n.to_string()).collect::<Vec<_>>();
        let hint = suggest::did_you_mean(&s.timezone, &names)
            .or_else(|| Some("use an IANA time zone name such as `Europe/Amsterdam`".into()));
        c.error("timezone", format!("`{}` is not a time zone", s.timezone), hint);
    }
    if let Some(template) = &s.report_url {
        if let Err(msg) = formats::check_report_url(template) {
            c.error("report_url", format!("`report_url`: {msg}"), None);
        }
    }
    if s.page_size == 0 {
        c.error("page_size", "`page_size` must be at least 1", None);
    }
    if s.review_after_months == 0 {
        c.error("review_after_months", "`review_after_months` must be at least 1", None);
    }
}
