//! What the index knows about a listing. The generator fills these from the
//! validated content; nothing else reaches the index.

use serde::{Deserialize, Serialize};

/// A place where a listing meets people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The city or town.
    pub city: String,
    /// The region.
    pub region: String,
    /// Latitude, when known.
    pub lat: Option<f64>,
    /// Longitude, when known.
    pub lon: Option<f64>,
}

/// A name in one language: a topic's, a program kind's or a spoken
/// language's, in one interface language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Label {
    /// The interface language (ISO 639-1).
    pub lang: String,
    /// The name in that language.
    pub text: String,
}

/// A listing's texts in another language than its own.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Translated {
    /// The language (ISO 639-1).
    pub lang: String,
    /// The summary in it.
    pub summary: String,
    /// The body in it, as plain text; empty when not translated.
    pub body: String,
}

/// One listing, ready to index.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexDoc {
    /// `specialist` or `program`.
    pub kind: String,
    /// The page address relative to the site root (`specialists/anna/`).
    pub url: String,
    /// The listing's name.
    pub name: String,
    /// Its summary.
    pub summary: String,
    /// The Markdown body as plain text.
    pub body: String,
    /// Language of the texts above (ISO 639-1).
    pub lang: String,
    /// Its summary and body in other languages, each searched with that
    /// language's analysis.
    #[serde(default)]
    pub translations: Vec<Translated>,
    /// Topic keys (`addiction/alcohol`).
    pub topics: Vec<String>,
    /// Topic labels in every interface language.
    pub topic_labels: Vec<Label>,
    /// Where it meets people.
    pub places: Vec<Place>,
    /// The organization that runs a program; empty for specialists.
    pub organization: String,
    /// Program kind key (`buddy`), empty for specialists.
    pub program_kind: String,
    /// Program kind labels in every interface language.
    pub kind_labels: Vec<Label>,
    /// Languages spoken (ISO 639-1).
    pub languages: Vec<String>,
    /// Names of the languages spoken, in every interface language
    /// (`nl`: `Arabisch`).
    pub language_labels: Vec<Label>,
    /// How it meets people (`in-person`, `online`, `phone`, `chat`).
    pub modes: Vec<String>,
    /// What help costs (`free`, `insured`, `paid`, `sliding-scale`), or empty.
    pub cost: String,
    /// Who it is for: audience keys of the directory's taxonomy.
    pub audiences: Vec<String>,
    /// Access features of its locations: keys of the directory's taxonomy.
    pub access: Vec<String>,
    /// Whether visitors can turn to it now: `open` (running, and taking new
    /// people or not saying), `waiting-list`, `full`, `temporarily-closed`
    /// or `ended`. All but `open` and `waiting-list` come last in results.
    pub status: String,
    /// Its sessions, one slot per weekday.
    pub slots: Vec<crate::sessions::Slot>,
}
