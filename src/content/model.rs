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
    /// Interface language and the default language of listing texts.
    pub language: String,
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

/// A crisis line, shown on every page as a `tel:` link.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisLine {
    /// Who answers, e.g. `113 Zelfmoordpreventie`.
    pub name: String,
    /// The number to call, e.g. `0800-0113`.
    pub phone: String,
    /// When it answers, e.g. `24/7, free`.
    pub hours: Option<String>,
}

/// `taxonomy.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// Every topic, a parent before its children.
    pub topics: Vec<Topic>,
    /// The regions locations may name; when absent any region is accepted.
    pub regions: Option<Vec<String>>,
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
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// The city or town.
    pub city: String,
    /// The region, one of `taxonomy.yaml`'s when it lists them; its page is `regions/<slug>/`.
    pub region: String,
    /// The postcode.
    pub postcode: Option<String>,
    /// Latitude, for ordering search results by distance.
    pub lat: Option<f64>,
    /// Longitude, for ordering search results by distance.
    pub lon: Option<f64>,
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
    /// Whether they take on new people now: true or false (optional).
    pub accepting: Option<bool>,
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
    /// When it meets (optional).
    pub schedule: Option<String>,
    /// For people who want to become a peer in this program (optional; remove it when
    /// it takes no volunteers).
    pub volunteering: Option<Volunteering>,
    /// A logo in media/ (a .jpg, .png or .webp file name) (optional).
    pub logo: Option<String>,
    /// A description of the logo for people who cannot see it; required with a logo.
    pub logo_alt: Option<String>,
    /// The language this listing is written in, if not the site's (optional).
    pub lang: Option<String>,
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
}

/// A content enum value by the name files use (`in-person`, `sliding-scale`).
pub fn value_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn slice<T>(v: &Option<Vec<T>>) -> &[T] {
    v.as_deref().unwrap_or_default()
}

macro_rules! listing_impl {
    ($t:ty, $kind:expr, $image:ident) => {
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
            fn image(&self) -> Option<&str> {
                self.$image.as_deref()
            }
            fn cost(&self) -> Option<Cost> {
                self.cost
            }
        }
    };
}

listing_impl!(Specialist, Kind::Specialist, photo);
listing_impl!(Program, Kind::Program, logo);

/// A specialist and a program with every field set, for tests
/// (`api::tests` checks that they set every field).
#[cfg(test)]
pub(crate) const FULL_SPECIALIST: &str = "name: A\nsummary: S\ntopics: [t]\nlanguages: [nl]\nlocations:\n  - {city: C, region: R, postcode: '1011', lat: 52.1, lon: 4.9}\n  - {city: D, region: R}\nmodes: [in-person, chat]\ncontact: {phone: '020', email: a@b.example, website: 'https://a.example/', form: 'https://a.example/f'}\nconsent: {date: '2025-01-01', scope: all}\nreviewed: '2026-01-01'\navailability: volunteer\naccepting: false\ncost: sliding-scale\ncertification: {name: N, issuer: I, since: '2020-01-01', until: '2030-01-01'}\nprograms: [p]\npronouns: zij/haar\nphoto: a.jpg\nphoto_alt: Alt\nlang: en\n";
/// See [`FULL_SPECIALIST`].
#[cfg(test)]
pub(crate) const FULL_PROGRAM: &str = "name: P\nsummary: S\nkind: buddy\ntopics: [t]\nlanguages: [nl]\nlocations: []\nmodes: [online]\ncontact: {email: p@b.example}\nreviewed: '2026-01-01'\norganization: O\nformality: informal\nwho_for: W\nhow_to_join: H\nreferral_needed: true\ncost: free\nschedule: Sch\nvolunteering: {accepting: true, training: T, commitment: C}\nlogo: l.png\nlogo_alt: L\nlang: en\n";
