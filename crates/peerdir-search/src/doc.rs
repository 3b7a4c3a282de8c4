//! What the index knows about a listing. The generator fills these from the
//! validated content; nothing else reaches the index.

use serde::{Deserialize, Serialize};

/// A place where a listing meets people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub city: String,
    pub region: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// One listing, ready to index.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexDoc {
    /// `specialist` or `program`.
    pub kind: String,
    /// The page address relative to the site root (`specialists/anna/`).
    pub url: String,
    pub name: String,
    pub summary: String,
    /// The Markdown body as plain text.
    pub body: String,
    /// Language of the texts above (ISO 639-1).
    pub lang: String,
    /// Topic keys (`addiction/alcohol`).
    pub topics: Vec<String>,
    /// Topic labels in every interface language, as (language, label).
    pub topic_labels: Vec<(String, String)>,
    pub places: Vec<Place>,
    pub organization: String,
    /// Program kind key (`buddy`), empty for specialists.
    pub program_kind: String,
    /// Program kind labels in every interface language.
    pub kind_labels: Vec<(String, String)>,
    /// Languages spoken (ISO 639-1).
    pub languages: Vec<String>,
    /// Names of the languages spoken, in every interface language, as
    /// (language, name): `("nl", "Arabisch")`.
    pub language_labels: Vec<(String, String)>,
    pub modes: Vec<String>,
    pub cost: String,
}
