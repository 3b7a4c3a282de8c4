//! The content format as Rust types: `site.yaml`, `taxonomy.yaml`, specialist
//! and program listings and free pages. Unknown fields are rejected.
//!
//! Required listing fields are `Option` here so that a missing one is
//! reported by validation, with the others, instead of stopping the parse.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name.
    pub title: String,
    /// One line about the site.
    pub description: Option<String>,
    /// Where the site is published, e.g. `https://org.github.io/directory/`.
    pub base_url: String,
    /// Interface language and the default language of listing texts, for a
    /// site in one language (give this or `languages`).
    #[serde(default)]
    pub language: String,
    /// Every interface language, for a site made in several (e.g. `[nl, en,
    /// tr]`): the first is at the root and the default language of listing
    /// texts, each other one under `/<code>/`.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Crisis lines shown on every page.
    pub crisis: Vec<CrisisLine>,
    /// The neutral site the quick exit leads to.
    pub exit_url: String,
    /// Listings not reviewed for longer get a warning and say so to visitors (default 12).
    #[serde(default = "default_review_months")]
    pub review_after_months: u32,
    /// Listings per browse page (default 20).
    #[serde(default = "default_page_size")]
    pub page_size: usize,
    /// How the search index is made.
    #[serde(default)]
    pub search: SearchConfig,
    /// The time zone session times are written in, as an IANA name
    /// (default `Europe/Amsterdam`).
    #[serde(default = "default_timezone")]
    pub timezone: String,
    /// Where visitors report a wrong listing: a `mailto:` or `https:` address in
    /// which `{slug}`, `{title}` and `{url}` are filled in. Without it, listing
    /// pages have no report link.
    pub report_url: Option<String>,
}

impl SiteConfig {
    /// Every interface language, the site's own (at the root) first.
    pub fn interface_languages(&self) -> &[String] {
        if self.languages.is_empty() {
            std::slice::from_ref(&self.language)
        } else {
            &self.languages
        }
    }

    /// The site's time zone; UTC when `timezone` names none (which `check`
    /// reports).
    pub fn time_zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.timezone).unwrap_or(jiff::tz::TimeZone::UTC)
    }
}

/// `search:` in `site.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// `region`: one index per region instead of one for the whole
    /// directory, for directories too large to download whole. The host
    /// then learns which region a visitor searches in (see README).
    pub shard_by: Option<ShardBy>,
}

/// What to make one search index per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ShardBy {
    /// One index per region.
    Region,
}

fn default_review_months() -> u32 {
    12
}

fn default_page_size() -> usize {
    20
}

fn default_timezone() -> String {
    "Europe/Amsterdam".to_string()
}

/// A crisis line, shown on every page with each of its channels.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisLine {
    /// Who answers, e.g. `113 Zelfmoordpreventie`.
    pub name: String,
    /// The number to call, e.g. `0800-0113`, or several: `["113", "0800-0113"]`.
    #[serde(default, deserialize_with = "one_or_many")]
    pub phone: Vec<String>,
    /// A number that takes text messages.
    pub text: Option<String>,
    /// A chat on the web (`https://`).
    pub chat: Option<String>,
    /// When it answers, e.g. `24/7, free`.
    pub hours: Option<String>,
    /// The languages it answers in, as ISO 639-1 codes, e.g. `[nl, en]`;
    /// each page names them in its own language. Leave it out rather than
    /// guess.
    #[serde(default)]
    pub languages: Vec<String>,
    /// A word for visitors per interface language, e.g. `{en: Ask for an
    /// interpreter}`; a page shows the one in its language, if any.
    #[serde(default)]
    pub note: BTreeMap<String, String>,
}

/// A text, or a list of texts.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct Texts;
    impl<'de> serde::de::Visitor<'de> for Texts {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a text or a list of texts")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut all = Vec::new();
            while let Some(v) = seq.next_element()? {
                all.push(v);
            }
            Ok(all)
        }
    }
    d.deserialize_any(Texts)
}

/// `taxonomy.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// Every topic, a parent before its children.
    pub topics: Vec<Topic>,
    /// The regions locations may name; when absent any region is accepted.
    pub regions: Option<Vec<String>>,
    /// Who listings may say they are for (`women`, `young-people`, ...), with a
    /// label per interface language. Each gets a browse page and a search filter.
    #[serde(default)]
    pub audiences: Vec<Term>,
    /// The access features a location may have (`wheelchair`, `hearing-loop`,
    /// ...), with a label per interface language.
    #[serde(default)]
    pub access: Vec<Term>,
}

/// A key listings use, with its label per interface language.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Lowercase letters, digits and hyphens, e.g. `young-people`.
    pub key: String,
    /// Label per interface language.
    pub label: BTreeMap<String, String>,
}

/// A topic listings are filed under.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// `addiction` or `addiction/alcohol`: a child names its parent first.
    pub key: String,
    /// Label per interface language.
    pub label: BTreeMap<String, String>,
    /// An introduction per interface language, shown on the topic's page.
    pub description: Option<BTreeMap<String, String>>,
}

/// A taxonomy label in the interface language `lang`; without one, in the
/// site's own language `site` (`check` warns of the gap).
pub fn label_in<'a>(
    labels: &'a BTreeMap<String, String>,
    lang: &str,
    site: &str,
) -> Option<&'a String> {
    labels.get(lang).or_else(|| labels.get(site))
}

/// The topic keys a listing is filed under: its own and each one's
/// parents (`addiction/alcohol` is about `addiction` too), sorted, each once.
pub fn with_parents(keys: &[String]) -> Vec<&str> {
    let mut all: Vec<&str> = keys
        .iter()
        .flat_map(|k| k.match_indices('/').map(|(i, _)| &k[..i]).chain([k.as_str()]))
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// How a listing meets people.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Face to face, at its locations.
    InPerson,
    /// By video call.
    Online,
    /// By telephone.
    Phone,
    /// By written chat.
    Chat,
}

impl Mode {
    /// Every mode, in the order of the search filters.
    pub const ALL: [Mode; 4] = [Mode::InPerson, Mode::Online, Mode::Phone, Mode::Chat];
}

/// How much of their time a specialist gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Availability {
    /// As a volunteer.
    Volunteer,
    /// Part-time, paid.
    PartTime,
    /// Full-time, paid.
    FullTime,
}

/// What help costs the person who asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Cost {
    /// Nothing.
    Free,
    /// Covered by health insurance.
    Insured,
    /// Paid by the person.
    Paid,
    /// Paid by the person, by what they can afford.
    SlidingScale,
}

/// What kind of program it is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ProgramKind {
    /// Support from peer specialists.
    PeerSupport,
    /// A mentor for a longer time.
    Mentoring,
    /// A buddy who meets the person regularly, often a volunteer.
    Buddy,
    /// A group of peers who meet.
    SelfHelpGroup,
    /// Training to become a peer specialist.
    Training,
    /// Courses on recovery, given by and for peers.
    RecoveryCollege,
}

impl ProgramKind {
    /// Every kind, in the order of browse pages and search filters.
    pub const ALL: [ProgramKind; 6] = [
        ProgramKind::PeerSupport,
        ProgramKind::Mentoring,
        ProgramKind::Buddy,
        ProgramKind::SelfHelpGroup,
        ProgramKind::Training,
        ProgramKind::RecoveryCollege,
    ];

    /// The kebab-case name used in files, URLs and translations.
    pub fn key(self) -> &'static str {
        match self {
            ProgramKind::PeerSupport => "peer-support",
            ProgramKind::Mentoring => "mentoring",
            ProgramKind::Buddy => "buddy",
            ProgramKind::SelfHelpGroup => "self-help-group",
            ProgramKind::Training => "training",
            ProgramKind::RecoveryCollege => "recovery-college",
        }
    }
}

/// Whether a program is run by an organization or by volunteers on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Formality {
    /// Run by an organization, with paid staff.
    Formal,
    /// Run by volunteers.
    Informal,
}

/// A place where a listing meets people.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// A short name sessions use to say they meet here (`centrum`); needed only
    /// when a program has more than one location.
    pub key: Option<String>,
    /// The building or organization people go to, e.g. `Buurthuis De Pijp`.
    pub venue: Option<String>,
    /// Street and number, e.g. `Ferdinand Bolstraat 12`.
    pub address: Option<String>,
    /// The postcode.
    pub postcode: Option<String>,
    /// The city or town.
    pub city: String,
    /// The region, one of `taxonomy.yaml`'s when it lists them; its page is `regions/<slug>/`.
    pub region: String,
    /// How to find the way in, e.g. `side door, ring the bell marked "groep"`.
    pub entrance: Option<String>,
    /// Access features from `taxonomy.yaml`'s `access` list, e.g. [wheelchair, hearing-loop].
    pub access: Option<Vec<String>>,
    /// Anything else about getting in and around, e.g. `one step at the door`.
    pub access_notes: Option<String>,
    /// Latitude, for ordering search results by distance.
    pub lat: Option<f64>,
    /// Longitude, for ordering search results by distance.
    pub lon: Option<f64>,
}

/// Whether a listing runs now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// It runs as listed.
    #[default]
    Active,
    /// It is paused, until `closed_until` when that is known.
    TemporarilyClosed,
    /// It has stopped; the page stays so that people who look for it learn so.
    Ended,
}

/// Whether a listing takes new people now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Intake {
    /// Taking new people.
    Open,
    /// New people join a waiting list.
    WaitingList,
    /// Not taking new people now.
    Full,
}

/// A day of the week.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Day {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Day {
    /// Every day, Monday first.
    pub const ALL: [Day; 7] = [
        Day::Monday,
        Day::Tuesday,
        Day::Wednesday,
        Day::Thursday,
        Day::Friday,
        Day::Saturday,
        Day::Sunday,
    ];
}

/// How often a session comes back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Repeat {
    /// Every week.
    #[default]
    Weekly,
    /// Every other week, counted from `first`.
    EveryOtherWeek,
    /// Some weeks of each month, named in `weeks`.
    Monthly,
}

/// Which of a month's weekdays a monthly session meets on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Nth {
    /// The first of the month.
    First,
    /// The second.
    Second,
    /// The third.
    Third,
    /// The fourth.
    Fourth,
    /// The last of the month.
    Last,
}

/// A session that comes back: on which days, when, how often, and where.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The days it meets, e.g. [tuesday] or [monday, thursday] (required).
    pub days: Option<Vec<Day>>,
    /// When it starts, as HH:MM in the site's time zone, e.g. `19:30` (required).
    pub start: Option<String>,
    /// When it ends, as HH:MM (default: an hour after the start).
    pub end: Option<String>,
    /// `weekly` (default), `every-other-week` or `monthly`.
    pub repeat: Option<Repeat>,
    /// For `every-other-week`: a date it meets, YYYY-MM-DD, that counts the weeks.
    pub first: Option<String>,
    /// For `monthly`: which weeks of the month, e.g. [first, third] or [last].
    pub weeks: Option<Vec<Nth>>,
    /// The `key` of the location it meets at; not needed when there is one location.
    pub location: Option<String>,
    /// True when it meets online instead of at a location.
    pub online: Option<bool>,
}

impl Session {
    /// The days it meets.
    pub fn days(&self) -> &[Day] {
        slice(&self.days)
    }
}

/// When a program meets.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Sessions that come back every week, every other week or monthly.
    pub sessions: Option<Vec<Session>>,
    /// True when people can also (or only) meet by appointment.
    pub by_appointment: Option<bool>,
    /// True when dates change and people should ask for them (courses, intakes).
    pub ask_for_dates: Option<bool>,
    /// Anything the sessions do not say, e.g. `not in the school summer holidays`.
    pub note: Option<String>,
}

/// How people join online sessions.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Online {
    /// The link to join (`https://`), or `on-request` when it is given to each person.
    pub join: Option<String>,
    /// What to know before joining, e.g. `camera off is fine`.
    pub note: Option<String>,
}

impl Location {
    /// `1091 Amsterdam`, or the city alone without a postcode.
    pub fn postcode_and_city(&self) -> String {
        match &self.postcode {
            Some(p) => format!("{p} {}", self.city),
            None => self.city.clone(),
        }
    }
}

/// How to reach a listing.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// A number that can be dialled, as written (`020 123 4567`, `+31 20 123 4567`).
    pub phone: Option<String>,
    /// An email address.
    pub email: Option<String>,
    /// A web address (`https://`).
    pub website: Option<String>,
    /// A contact or sign-up form on the web.
    pub form: Option<String>,
}

/// The specialist's agreement to be listed.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// When they agreed (`YYYY-MM-DD`).
    pub date: String,
    /// What they agreed to, in words (e.g. `listing with photo and email`).
    pub scope: String,
}

/// A specialist's certificate as a peer specialist.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    /// The certificate's name.
    pub name: String,
    /// Who issued it.
    pub issuer: String,
    /// Since when it holds (`YYYY-MM-DD`).
    pub since: String,
    /// Until when it holds (`YYYY-MM-DD`).
    pub until: Option<String>,
}

/// What a program offers people who want to become a peer themselves.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Volunteering {
    /// Whether the program takes new volunteers now.
    pub accepting: bool,
    /// The training volunteers get.
    pub training: Option<String>,
    /// The time volunteers give.
    pub commitment: Option<String>,
}

/// A peer specialist, from `specialists/<slug>.md`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Specialist {
    /// Name as it should appear (required); a first name or pseudonym is fine.
    pub name: Option<String>,
    /// Pronouns, if the person wants them shown (optional).
    pub pronouns: Option<String>,
    /// One sentence: who they are and how they help (required).
    pub summary: Option<String>,
    /// Topic keys from taxonomy.yaml, e.g. [addiction/alcohol, family] (required).
    pub topics: Option<Vec<String>>,
    /// Languages they speak, as ISO 639-1 codes, e.g. [nl, en] (required).
    pub languages: Option<Vec<String>>,
    /// Where people can meet them: city, region (from taxonomy.yaml), and optionally
    /// postcode, lat, lon (required). May be empty ([]) only if modes has no in-person.
    pub locations: Option<Vec<Location>>,
    /// True to publish only the city of each location: no venue, address,
    /// postcode or entrance anywhere, and coordinates rounded to about 10 km.
    pub approximate_location: Option<bool>,
    /// How people can meet them (required).
    pub modes: Option<Vec<Mode>>,
    /// How to reach them (required): at least one of phone, email, website, form (a web
    /// address starting with https://). A phone number as it is dialled: 020 123 4567,
    /// 06 1234 5678, or with its country code (+32 2 123 45 67); numbers without one
    /// are read as Dutch.
    pub contact: Option<Contact>,
    /// The date they agreed to be listed, and what they agreed to (required). Never
    /// published: not in pages, exports or the JSON API.
    #[serde(skip_serializing)]
    pub consent: Option<Consent>,
    /// The date the listing was last checked with them, YYYY-MM-DD (required).
    pub reviewed: Option<String>,
    /// How much of their time they give (optional).
    pub availability: Option<Availability>,
    /// `active` (default), `temporarily-closed` or `ended`. A closed or ended
    /// listing stays on the site with a notice and comes last in lists and search.
    pub status: Option<Status>,
    /// For `temporarily-closed`: the date it opens again, YYYY-MM-DD, when known.
    pub closed_until: Option<String>,
    /// A word on the status for visitors, e.g. `on holiday; call 113 in a crisis`.
    pub status_note: Option<String>,
    /// `open`, `waiting-list` or `full`. A full listing shows a notice and comes
    /// last in lists and search.
    pub intake: Option<Intake>,
    /// Who it is for: keys from `taxonomy.yaml`'s `audiences`, e.g. [women, newcomers].
    pub audiences: Option<Vec<String>>,
    /// The youngest age it is for.
    pub minimum_age: Option<u8>,
    /// The oldest age it is for.
    pub maximum_age: Option<u8>,
    /// What their help costs (optional).
    pub cost: Option<Cost>,
    /// Their certificate as a peer specialist, if any: name, issuer, since
    /// (YYYY-MM-DD), until (optional; remove it when they have none).
    pub certification: Option<Certification>,
    /// Programs they work with: file names in programs/ without .md (optional).
    pub programs: Option<Vec<String>>,
    /// A photo in media/ (a .jpg, .png or .webp file name), shown only if they agreed to it.
    pub photo: Option<String>,
    /// A description of the photo for people who cannot see it; required with a photo.
    pub photo_alt: Option<String>,
    /// The language this listing is written in, if not the site's (optional).
    pub lang: Option<String>,
    /// Its texts in other languages, by language code (optional), e.g.
    /// `{tr: {summary: ..., body: ...}}`. Pages in that language show them;
    /// the languages spoken stay in `languages`.
    pub translations: Option<BTreeMap<String, Translation>>,
}

/// A mentor, peer-support or training program, from `programs/<slug>.md`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// Name of the program (required).
    pub name: Option<String>,
    /// One sentence: what it offers and to whom (required).
    pub summary: Option<String>,
    /// What kind of program it is (required).
    pub kind: Option<ProgramKind>,
    /// Topic keys from taxonomy.yaml, e.g. [addiction/gambling, family] (required).
    pub topics: Option<Vec<String>>,
    /// Languages used, as ISO 639-1 codes, e.g. [nl, en] (required).
    pub languages: Option<Vec<String>>,
    /// Where it meets: city, region (from taxonomy.yaml), and optionally postcode, lat,
    /// lon. Use [] for a program that meets only online, by phone or chat, and say so
    /// in modes.
    pub locations: Option<Vec<Location>>,
    /// How people take part (optional; in-person when left out).
    pub modes: Option<Vec<Mode>>,
    /// How to reach it (required): at least one of phone, email, website, form. A phone
    /// number as it is dialled: 020 123 4567, 06 1234 5678, or with its country code
    /// (+32 2 123 45 67); numbers without one are read as Dutch.
    pub contact: Option<Contact>,
    /// The date the listing was last checked, YYYY-MM-DD (required).
    pub reviewed: Option<String>,
    /// The organization that runs it (optional).
    pub organization: Option<String>,
    /// Part of professional care (formal) or not (informal) (optional).
    pub formality: Option<Formality>,
    /// Who it is for (optional).
    pub who_for: Option<String>,
    /// How to join (optional).
    pub how_to_join: Option<String>,
    /// Whether a referral is needed: true or false (optional).
    pub referral_needed: Option<bool>,
    /// What taking part costs (optional).
    pub cost: Option<Cost>,
    /// `active` (default), `temporarily-closed` or `ended`. A closed or ended
    /// listing stays on the site with a notice and comes last in lists and search.
    pub status: Option<Status>,
    /// For `temporarily-closed`: the date it opens again, YYYY-MM-DD, when known.
    pub closed_until: Option<String>,
    /// A word on the status for visitors, e.g. `on holiday; call 113 in a crisis`.
    pub status_note: Option<String>,
    /// `open`, `waiting-list` or `full`. A full listing shows a notice and comes
    /// last in lists and search.
    pub intake: Option<Intake>,
    /// Who it is for: keys from `taxonomy.yaml`'s `audiences`, e.g. [women, newcomers].
    pub audiences: Option<Vec<String>>,
    /// The youngest age it is for.
    pub minimum_age: Option<u8>,
    /// The oldest age it is for.
    pub maximum_age: Option<u8>,
    /// When it meets: `sessions` that come back, `by_appointment`, `ask_for_dates`,
    /// and a `note` for what they do not say (optional).
    pub schedule: Option<Schedule>,
    /// How people join its online sessions: a `join` link or `on-request`, and a `note`.
    pub online: Option<Online>,
    /// For people who want to become a peer in this program (optional; remove it when
    /// it takes no volunteers).
    pub volunteering: Option<Volunteering>,
    /// A logo in media/ (a .jpg, .png or .webp file name) (optional).
    pub logo: Option<String>,
    /// A description of the logo for people who cannot see it; required with a logo.
    pub logo_alt: Option<String>,
    /// The language this listing is written in, if not the site's (optional).
    pub lang: Option<String>,
    /// Its texts in other languages, by language code (optional), e.g.
    /// `{tr: {summary: ..., body: ...}}`. Pages in that language show them;
    /// the languages spoken stay in `languages`.
    pub translations: Option<BTreeMap<String, Translation>>,
}

/// A listing's texts in another language, under `translations:` by the
/// language's code. Each text left out is shown in the original.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The summary in that language (required).
    pub summary: Option<String>,
    /// The body in that language, in Markdown (optional).
    pub body: Option<String>,
    /// `status_note` in that language (optional).
    pub status_note: Option<String>,
    /// A program's `who_for` in that language (optional).
    pub who_for: Option<String>,
    /// A program's `how_to_join` in that language (optional).
    pub how_to_join: Option<String>,
}

/// A free page, from `pages/<slug>.md`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// The page's title (required).
    pub title: Option<String>,
    /// One line about the page, for search engines and link previews.
    pub summary: Option<String>,
    /// Listed in the footer of every page.
    #[serde(default)]
    pub footer: bool,
    /// Language of the page's text when it differs from the site's.
    pub lang: Option<String>,
}

/// The two kinds of listing. Declared in the order of their names, so
/// that listings of the same name sort programs first, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A program, from `programs/`.
    Program,
    /// A peer specialist, from `specialists/`.
    Specialist,
}

impl Kind {
    /// `program` or `specialist`, as in the JSON API and the search index.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Program => "program",
            Kind::Specialist => "specialist",
        }
    }
}

/// What specialists and programs have in common, for code that treats
/// both alike (lists, browse pages, the search index).
pub trait Listing {
    /// Which kind of listing this is.
    const KIND: Kind;
    /// The name, or nothing when the file has none (reported by validation).
    fn name(&self) -> &str;
    /// The summary, or nothing.
    fn summary(&self) -> &str;
    /// The topic keys.
    fn topics(&self) -> &[String];
    /// The languages spoken.
    fn languages(&self) -> &[String];
    /// The places where it meets people.
    fn locations(&self) -> &[Location];
    /// How it meets people.
    fn modes(&self) -> &[Mode];
    /// How to reach it.
    fn contact(&self) -> Option<&Contact>;
    /// When it was last checked, as written.
    fn reviewed(&self) -> Option<&str>;
    /// The language of its text, when it is not the site's.
    fn lang(&self) -> Option<&str>;
    /// The photo or logo, relative to `media/`.
    fn image(&self) -> Option<&str>;
    /// What help costs.
    fn cost(&self) -> Option<Cost>;
    /// Whether it runs now.
    fn status(&self) -> Status;
    /// When a temporarily closed listing opens again, as written.
    fn closed_until(&self) -> Option<&str>;
    /// The publisher's word on the status.
    fn status_note(&self) -> Option<&str>;
    /// Its texts in other languages, by language code.
    fn translations(&self) -> &BTreeMap<String, Translation>;
    /// Its texts in `lang`, when it has them.
    fn translation(&self, lang: &str) -> Option<&Translation> {
        self.translations().get(lang)
    }
    /// Its summary in `lang` when it has one, else the original.
    fn summary_in(&self, lang: &str) -> &str {
        self.translation(lang).and_then(|t| t.summary.as_deref()).unwrap_or(self.summary())
    }
    /// Whether it takes new people now.
    fn intake(&self) -> Option<Intake>;
    /// The audience keys it is for.
    fn audiences(&self) -> &[String];
    /// The youngest and oldest age it is for.
    fn ages(&self) -> (Option<u8>, Option<u8>);
    /// When it meets; only programs have a schedule.
    fn schedule(&self) -> Option<&Schedule> {
        None
    }
    /// Whether visitors should look elsewhere first: closed, ended or full.
    /// Such listings come last in lists and search, with a notice.
    fn unavailable(&self) -> bool {
        self.status() != Status::Active || self.intake() == Some(Intake::Full)
    }
}

/// A content enum value by the name files use (`in-person`, `sliding-scale`).
pub fn value_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn slice<T>(v: &Option<Vec<T>>) -> &[T] {
    v.as_deref().unwrap_or_default()
}

macro_rules! listing_impl {
    ($t:ty, $kind:expr, $image:ident $(, $($extra:tt)*)?) => {
        impl Listing for $t {
            const KIND: Kind = $kind;
            fn name(&self) -> &str {
                self.name.as_deref().unwrap_or_default()
            }
            fn summary(&self) -> &str {
                self.summary.as_deref().unwrap_or_default()
            }
            fn topics(&self) -> &[String] {
                slice(&self.topics)
            }
            fn languages(&self) -> &[String] {
                slice(&self.languages)
            }
            fn locations(&self) -> &[Location] {
                slice(&self.locations)
            }
            fn modes(&self) -> &[Mode] {
                slice(&self.modes)
            }
            fn contact(&self) -> Option<&Contact> {
                self.contact.as_ref()
            }
            fn reviewed(&self) -> Option<&str> {
                self.reviewed.as_deref()
            }
            fn lang(&self) -> Option<&str> {
                self.lang.as_deref()
            }
            fn translations(&self) -> &BTreeMap<String, Translation> {
                static NONE: BTreeMap<String, Translation> = BTreeMap::new();
                self.translations.as_ref().unwrap_or(&NONE)
            }
            fn image(&self) -> Option<&str> {
                self.$image.as_deref()
            }
            fn cost(&self) -> Option<Cost> {
                self.cost
            }
            fn status(&self) -> Status {
                self.status.unwrap_or_default()
            }
            fn closed_until(&self) -> Option<&str> {
                self.closed_until.as_deref()
            }
            fn status_note(&self) -> Option<&str> {
                self.status_note.as_deref()
            }
            fn intake(&self) -> Option<Intake> {
                self.intake
            }
            fn audiences(&self) -> &[String] {
                slice(&self.audiences)
            }
            fn ages(&self) -> (Option<u8>, Option<u8>) {
                (self.minimum_age, self.maximum_age)
            }
            $($($extra)*)?
        }
    };
}

listing_impl!(Specialist, Kind::Specialist, photo);
listing_impl!(
    Program,
    Kind::Program,
    logo,
    fn schedule(&self) -> Option<&Schedule> {
        self.schedule.as_ref()
    }
);

/// A specialist and a program with every field set, for tests
/// (`api::tests` checks that they set every field).
#[cfg(test)]
pub(crate) const FULL_SPECIALIST: &str = "name: A\nsummary: S\ntopics: [t]\nlanguages: [nl]\nlocations:\n  - {key: k, venue: V, address: A 1, city: C, region: R, postcode: '1011', entrance: E, access: [wheelchair], access_notes: N, lat: 52.1, lon: 4.9}\n  - {city: D, region: R}\napproximate_location: false\nmodes: [in-person, chat]\ncontact: {phone: '020', email: a@b.example, website: 'https://a.example/', form: 'https://a.example/f'}\nconsent: {date: '2025-01-01', scope: all}\nreviewed: '2026-01-01'\navailability: volunteer\nstatus: temporarily-closed\nclosed_until: '2027-01-01'\nstatus_note: SN\nintake: waiting-list\naudiences: [women]\nminimum_age: 18\nmaximum_age: 30\ncost: sliding-scale\ncertification: {name: N, issuer: I, since: '2020-01-01', until: '2030-01-01'}\nprograms: [p]\npronouns: zij/haar\nphoto: a.jpg\nphoto_alt: Alt\nlang: en\ntranslations: {nl: {summary: TS, body: TB, status_note: TN}}\n";
/// See [`FULL_SPECIALIST`].
#[cfg(test)]
pub(crate) const FULL_PROGRAM: &str = "name: P\nsummary: S\nkind: buddy\ntopics: [t]\nlanguages: [nl]\nlocations: []\nmodes: [online]\ncontact: {email: p@b.example}\nreviewed: '2026-01-01'\norganization: O\nformality: informal\nwho_for: W\nhow_to_join: H\nreferral_needed: true\ncost: free\nstatus: active\nclosed_until: '2027-01-01'\nstatus_note: SN\nintake: full\naudiences: [women]\nminimum_age: 18\nmaximum_age: 30\nschedule: {sessions: [{days: [tuesday], start: '19:30', end: '21:00', repeat: monthly, first: '2026-01-06', weeks: [first], location: k, online: false}], by_appointment: true, ask_for_dates: false, note: Sch}\nonline: {join: on-request, note: ON}\nvolunteering: {accepting: true, training: T, commitment: C}\nlogo: l.png\nlogo_alt: L\nlang: en\ntranslations: {nl: {summary: TS, body: TB, status_note: TN, who_for: TW, how_to_join: TH}}\n";
