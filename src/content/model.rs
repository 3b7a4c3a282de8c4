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
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Where the site is published, e.g. `https://org.github.io/directory/`.
    pub base_url: String,
    /// Interface language and the default language of listing texts.
    pub language: String,
    /// Crisis lines shown on every page.
    pub crisis: Vec<CrisisLine>,
    /// The neutral site the quick exit leads to.
    pub exit_url: String,
    #[serde(default = "default_review_months")]
    pub review_after_months: u32,
    #[serde(default = "default_page_size")]
    pub page_size: usize,
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
    #[serde(default)]
    pub shard_by: Option<ShardBy>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ShardBy {
    Region,
}

fn default_review_months() -> u32 {
    12
}

fn default_page_size() -> usize {
    20
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisLine {
    /// Who answers, e.g. `113 Zelfmoordpreventie`.
    pub name: String,
    /// The number to call, e.g. `0800-0113`.
    pub phone: String,
    /// When it answers, e.g. `24/7, free`.
    #[serde(default)]
    pub hours: Option<String>,
}

/// `taxonomy.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    pub topics: Vec<Topic>,
    /// The regions locations may name; when absent any region is accepted.
    #[serde(default)]
    pub regions: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// `addiction` or `addiction/alcohol`: a child names its parent first.
    pub key: String,
    /// Label per interface language.
    pub label: BTreeMap<String, String>,
    #[serde(default)]
    pub description: Option<BTreeMap<String, String>>,
}

/// The topic keys a listing is filed under: its own and each one's
/// parents (`addiction/alcohol` is about `addiction` too), sorted, each once.
pub fn with_parents(keys: &[String]) -> Vec<&str> {
    let mut all: Vec<&str> = keys.iter().flat_map(|k| k.match_indices('/').map(|(i, _)| &k[..i]).chain([k.as_str()])).collect();
    all.sort_unstable();
    all.dedup();
    all
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    InPerson,
    Online,
    Phone,
    Chat,
}

impl Mode {
    pub const ALL: [Mode; 4] = [Mode::InPerson, Mode::Online, Mode::Phone, Mode::Chat];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Availability {
    Volunteer,
    PartTime,
    FullTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Cost {
    Free,
    Insured,
    Paid,
    SlidingScale,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProgramKind {
    PeerSupport,
    Mentoring,
    Buddy,
    SelfHelpGroup,
    Training,
    RecoveryCollege,
}

impl ProgramKind {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Formality {
    Formal,
    Informal,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub city: String,
    pub region: String,
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    /// A contact or sign-up form on the web.
    #[serde(default)]
    pub form: Option<String>,
}

/// The specialist's agreement to be listed.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub date: String,
    /// What they agreed to, in words (e.g. `listing with photo and email`).
    pub scope: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    pub name: String,
    pub issuer: String,
    pub since: String,
    #[serde(default)]
    pub until: Option<String>,
}

/// What a program offers people who want to become a peer themselves.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Volunteering {
    pub accepting: bool,
    #[serde(default)]
    pub training: Option<String>,
    #[serde(default)]
    pub commitment: Option<String>,
}

/// A peer specialist, from `specialists/<slug>.md`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Specialist {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub topics: Option<Vec<String>>,
    #[serde(default)]
    pub languages: Option<Vec<String>>,
    pub locations: Option<Vec<Location>>,
    pub modes: Option<Vec<Mode>>,
    pub contact: Option<Contact>,
    /// Never published: not in pages, exports or the JSON API.
    #[serde(skip_serializing)]
    #[schemars(skip)]
    pub consent: Option<Consent>,
    #[serde(default)]
    pub reviewed: Option<String>,
    pub availability: Option<Availability>,
    pub accepting: Option<bool>,
    pub cost: Option<Cost>,
    pub certification: Option<Certification>,
    #[serde(default)]
    pub programs: Option<Vec<String>>,
    #[serde(default)]
    pub pronouns: Option<String>,
    #[serde(default)]
    pub photo: Option<String>,
    #[serde(default)]
    pub photo_alt: Option<String>,
    /// Language of this listing's text when it differs from the site's.
    #[serde(default)]
    pub lang: Option<String>,
}

/// A mentor, peer-support or training program, from `programs/<slug>.md`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Program {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    pub kind: Option<ProgramKind>,
    #[serde(default)]
    pub topics: Option<Vec<String>>,
    #[serde(default)]
    pub languages: Option<Vec<String>>,
    pub locations: Option<Vec<Location>>,
    pub modes: Option<Vec<Mode>>,
    pub contact: Option<Contact>,
    #[serde(default)]
    pub reviewed: Option<String>,
    #[serde(default)]
    pub organization: Option<String>,
    pub formality: Option<Formality>,
    #[serde(default)]
    pub who_for: Option<String>,
    #[serde(default)]
    pub how_to_join: Option<String>,
    pub referral_needed: Option<bool>,
    pub cost: Option<Cost>,
    #[serde(default)]
    pub schedule: Option<String>,
    pub volunteering: Option<Volunteering>,
    #[serde(default)]
    pub logo: Option<String>,
    #[serde(default)]
    pub logo_alt: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
}

/// A free page, from `pages/<slug>.md`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    /// Listed in the footer of every page.
    #[serde(default)]
    pub footer: bool,
    #[serde(default)]
    pub lang: Option<String>,
}

/// The two kinds of listing. Declared in the order of their names, so
/// that listings of the same name sort programs first, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Program,
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
    const KIND: Kind;
    fn name(&self) -> &str;
    fn summary(&self) -> &str;
    fn topics(&self) -> &[String];
    fn languages(&self) -> &[String];
    fn locations(&self) -> &[Location];
    fn modes(&self) -> &[Mode];
    fn contact(&self) -> Option<&Contact>;
    fn reviewed(&self) -> Option<&str>;
    fn lang(&self) -> Option<&str>;
    /// The photo or logo, relative to `media/`.
    fn image(&self) -> Option<&str>;
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

/// A specialist and a program with every field set, for tests (a test
/// checks that they set every field).
#[cfg(test)]
pub const FULL_SPECIALIST: &str = "name: A\nsummary: S\ntopics: [t]\nlanguages: [nl]\nlocations:\n  - {city: C, region: R, postcode: '1011', lat: 52.1, lon: 4.9}\n  - {city: D, region: R}\nmodes: [in-person, chat]\ncontact: {phone: '020', email: a@b.example, website: 'https://a.example/', form: 'https://a.example/f'}\nconsent: {date: '2025-01-01', scope: all}\nreviewed: '2026-01-01'\navailability: volunteer\naccepting: false\ncost: sliding-scale\ncertification: {name: N, issuer: I, since: '2020-01-01', until: '2030-01-01'}\nprograms: [p]\npronouns: zij/haar\nphoto: a.jpg\nphoto_alt: Alt\nlang: en\n";
#[cfg(test)]
pub const FULL_PROGRAM: &str = "name: P\nsummary: S\nkind: buddy\ntopics: [t]\nlanguages: [nl]\nlocations: []\nmodes: [online]\ncontact: {email: p@b.example}\nreviewed: '2026-01-01'\norganization: O\nformality: informal\nwho_for: W\nhow_to_join: H\nreferral_needed: true\ncost: free\nschedule: Sch\nvolunteering: {accepting: true, training: T, commitment: C}\nlogo: l.png\nlogo_alt: L\nlang: en\n";
