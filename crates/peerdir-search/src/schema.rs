//! The index schema and its analyzers.
//!
//! Texts are indexed per language, so each is stemmed by its own rules:
//! a listing written in Dutch fills the `nl` fields, one in English the `en`
//! fields, and topic labels go into the field of their interface language.
//! A query is analyzed by every language's analyzer and matched against that
//! language's fields. Analyzers: simple tokenizer, long-token removal,
//! lowercase, ASCII folding, stop words, stemming.

use tantivy::schema::{Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer, TokenizerManager,
};

/// Text fields per language, with their ranking boost.
pub const TEXT_FIELDS: &[(&str, f32)] =
    &[("name", 3.0), ("topics", 2.5), ("kind", 2.0), ("summary", 1.5), ("languages", 1.5), ("org", 1.2), ("body", 1.0)];

/// Text fields that keep positions, for phrase queries.
const POSITIONS: &[&str] = &["name", "summary", "body"];

/// Place names (cities and regions): one field, folded but not stemmed.
pub const PLACES: (&str, f32) = ("places", 1.5);

/// Facet fields: browse dimensions that filter and count.
pub const FACETS: &[&str] = &["type", "topic", "region", "program_kind", "language", "mode", "cost"];

/// Stored fields shown in results.
pub const STORED_FIELDS: &[&str] = &["url", "name", "summary", "kind", "lang", "body"];

/// The analyzer without stop words or stemming (place names, snippets).
pub const PLAIN: &str = "plain";

/// The stemming language for an ISO 639-1 code, if tantivy has one.
pub fn stemmer(code: &str) -> Option<Language> {
    Some(match code {
        "ar" => Language::Arabic,
        "da" => Language::Danish,
        "nl" => Language::Dutch,
        "en" => Language::English,
        "fi" => Language::Finnish,
        "fr" => Language::French,
        "de" => Language::German,
        "el" => Language::Greek,
        "hu" => Language::Hungarian,
        "it" => Language::Italian,
        "nb" | "nn" | "no" => Language::Norwegian,
        "pt" => Language::Portuguese,
        "ro" => Language::Romanian,
        "ru" => Language::Russian,
        "es" => Language::Spanish,
        "sv" => Language::Swedish,
        "ta" => Language::Tamil,
        "tr" => Language::Turkish,
        _ => return None,
    })
}

/// The analyzer name for a language (`text_nl`), or the plain one.
pub fn analyzer_name(code: &str) -> String {
    if stemmer(code).is_some() {
        format!("text_{code}")
    } else {
        PLAIN.to_string()
    }
}

/// The analyzer for a language: stop words and stemming where tantivy has
/// them, lowercase and ASCII folding always.
pub fn analyzer(code: &str) -> TextAnalyzer {
    let base =
        TextAnalyzer::builder(SimpleTokenizer::default()).filter(RemoveLongFilter::limit(40)).filter(LowerCaser).filter(AsciiFoldingFilter);
    match stemmer(code) {
        Some(lang) => match StopWordFilter::new(lang) {
            Some(stop) => base.filter(stop).filter(Stemmer::new(lang)).build(),
            None => base.filter(Stemmer::new(lang)).build(),
        },
        None => base.build(),
    }
}

/// Registers the analyzers of `languages` (and the plain one).
pub fn register(manager: &TokenizerManager, languages: &[String]) {
    manager.register(PLAIN, analyzer(""));
    for code in languages {
        manager.register(&analyzer_name(code), analyzer(code));
    }
}

/// A text field's name for a language: `nl_name`.
pub fn text_field(code: &str, name: &str) -> String {
    format!("{code}_{name}")
}

/// The schema for an index whose texts are in `languages`.
pub fn build(languages: &[String]) -> Schema {
    let mut b = Schema::builder();
    for code in languages {
        for (name, _) in TEXT_FIELDS {
            let record = if POSITIONS.contains(name) { IndexRecordOption::WithFreqsAndPositions } else { IndexRecordOption::WithFreqs };
            let indexing = TextFieldIndexing::default().set_tokenizer(&analyzer_name(code)).set_index_option(record);
            b.add_text_field(&text_field(code, name), TextOptions::default().set_indexing_options(indexing));
        }
    }
    let places = TextFieldIndexing::default().set_tokenizer(PLAIN).set_index_option(IndexRecordOption::WithFreqs);
    b.add_text_field(PLACES.0, TextOptions::default().set_indexing_options(places));
    for facet in FACETS {
        b.add_facet_field(facet, tantivy::schema::FacetOptions::default());
    }
    for name in STORED_FIELDS {
        b.add_text_field(name, if *name == "url" { STRING | STORED } else { TextOptions::default() | STORED });
    }
    b.add_f64_field("lat", NumericOptions::default() | FAST);
    b.add_f64_field("lon", NumericOptions::default() | FAST);
    b.build()
}

/// Looks up a field that the schema must have.
pub fn field(schema: &Schema, name: &str) -> Field {
    schema.get_field(name).unwrap_or_else(|_| panic!("schema field {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenStream;

    fn tokens(code: &str, text: &str) -> Vec<String> {
        let mut a = analyzer(code);
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    #[test]
    fn dutch_analysis_stems_folds_and_drops_stop_words() {
        assert_eq!(tokens("nl", "Verslavingen"), tokens("nl", "verslaving"));
        assert_eq!(tokens("nl", "Café"), vec!["cafe"]);
        assert!(tokens("nl", "de het een").is_empty());
    }

    #[test]
    fn english_analysis_stems() {
        assert_eq!(tokens("en", "addictions"), tokens("en", "addiction"));
        assert_eq!(tokens("xx", "Zoë"), vec!["zoe"]);
    }
}
