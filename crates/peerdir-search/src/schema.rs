//! The index schema and its analyzers.
//!
//! Texts are indexed per language, so each is stemmed by its own rules:
//! a listing written in Dutch fills the `nl` fields, one in English the `en`
//! fields, and topic labels go into the field of their interface language.
//! A query is analyzed by every language's analyzer and matched against that
//! language's fields. Analyzers: simple tokenizer, long-token removal,
//! lowercase (with Turkish's dotted and dotless i in Turkish), stop words,
//! stemming, ASCII folding. Folding comes last: the Turkish and Polish
//! stemmers read the letters it would take away (`bağımlılığı` stems to
//! `bağımlılık`, `bagimliligi` to itself).

use crate::stopwords;
use foldhash::{HashMap, HashMapExt};
use frostem::{Algorithm, Stemmer};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

/// Text fields per language, with their ranking boost.
pub const TEXT_FIELDS: &[(&str, f32)] = &[
    ("name", 3.0),
    ("topics", 2.5),
    ("kind", 2.0),
    ("summary", 1.5),
    ("languages", 1.5),
    ("org", 1.2),
    ("body", 1.0),
];

/// Place names (cities and regions): one field, folded but not stemmed.
pub const PLACES: (&str, f32) = ("places", 1.5);

/// Facets: browse dimensions that filter and count. They are not in the
/// tantivy index but in the listings' rows (`listings`).
pub const FACETS: &[&str] = &[
    "type",
    "topic",
    "region",
    "program_kind",
    "language",
    "mode",
    "cost",
    "audience",
    "access",
    "status",
];

/// Filters on sessions, worked out from the visitor's clock rather than
/// the facets: `day` (`today`, `week`, `monday` ... `sunday`) and `time`
/// (`morning`, `afternoon`, `evening`).
pub const SESSION_FILTERS: &[&str] = &["day", "time"];

/// Statuses of listings visitors can turn to now; the others (full,
/// closed, ended) come after them in every order.
pub const AVAILABLE: &[&str] = &["open", "waiting-list"];

/// Text fields whose words in order make a phrase match.
pub const PHRASE_FIELDS: &[&str] = &["name", "summary", "body"];

/// The analyzer without stop words or stemming (place names, snippets).
pub const PLAIN: &str = "plain";

/// The stemming language for an ISO 639-1 code, if the engine has one.
///
/// The languages are those of the directories peerdir is made for: Dutch
/// and English, and Turkish, Arabic, Polish and Russian, which many of
/// their visitors read best. Each stemmer adds
/// to the engine every visitor downloads (about 3 KB brotli on average),
/// so others are analyzed without stemming: lowercase, folded, and found
/// one edit away like every word.
pub fn stemmer(code: &str) -> Option<Algorithm> {
    Some(match code {
        "ar" => Algorithm::Arabic,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "pl" => Algorithm::Polish,
        "ru" => Algorithm::Russian,
        "tr" => Algorithm::Turkish,
        _ => return None,
    })
}

/// The stop words of a language, if it has a list.
fn stop_words(code: &str) -> Option<&'static [&'static str]> {
    match code {
        "nl" => Some(stopwords::DUTCH),
        "en" => Some(stopwords::ENGLISH),
        "ru" => Some(stopwords::RUSSIAN),
        _ => None,
    }
}

/// The analyzer name for a language (`text_nl`), or the plain one.
pub fn analyzer_name(code: &str) -> String {
    if stemmer(code).is_some() {
        format!("text_{code}")
    } else {
        PLAIN.to_string()
    }
}

/// The analyzer for a language: stop words and stemming where the engine
/// has them, lowercase and ASCII folding always.
pub fn analyzer(code: &str) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(TurkishI(code == "tr"))
        .filter(LowerCaser);
    match (stemmer(code), stop_words(code)) {
        (Some(lang), Some(stop)) => base
            .filter(StopWordFilter::remove(stop.iter().map(|w| w.to_string())))
            .filter(RememberedStems(lang))
            .filter(AsciiFoldingFilter)
            .build(),
        (Some(lang), None) => base.filter(RememberedStems(lang)).filter(AsciiFoldingFilter).build(),
        (None, _) => base.filter(AsciiFoldingFilter).build(),
    }
}

/// In Turkish, `I` is the capital of dotless `ı` and `İ` that of `i`;
/// lowercasing as other languages do would give the stemmer `i` and `i̇`.
/// Off (`false`) in every other language.
#[derive(Clone, Copy)]
struct TurkishI(bool);

impl TokenFilter for TurkishI {
    type Tokenizer<T: Tokenizer> = TurkishIFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> TurkishIFilter<T> {
        TurkishIFilter { inner, on: self.0 }
    }
}

#[derive(Clone)]
struct TurkishIFilter<T> {
    inner: T,
    on: bool,
}

impl<T: Tokenizer> Tokenizer for TurkishIFilter<T> {
    type TokenStream<'a> = TurkishIStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        TurkishIStream { tail: self.inner.token_stream(text), on: self.on }
    }
}

struct TurkishIStream<T> {
    tail: T,
    on: bool,
}

impl<T: TokenStream> TokenStream for TurkishIStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        if self.on && text.contains(['I', 'İ']) {
            *text = text.replace('I', "ı").replace('İ', "i");
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// A Snowball stemmer, with the stem of every word it has seen remembered:
/// a directory repeats a few thousand words many times over, and stemming
/// was most of the indexing time.
#[derive(Clone, Copy)]
struct RememberedStems(Algorithm);

/// Words remembered per analyzer; past this many the memory starts again.
const REMEMBERED: usize = 200_000;

impl TokenFilter for RememberedStems {
    type Tokenizer<T: Tokenizer> = RememberedStemsFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> RememberedStemsFilter<T> {
        RememberedStemsFilter { inner, stemmer: Stemmer::new(self.0), stems: HashMap::new() }
    }
}

#[derive(Clone)]
struct RememberedStemsFilter<T> {
    inner: T,
    stemmer: Stemmer,
    stems: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for RememberedStemsFilter<T> {
    type TokenStream<'a> = RememberedStemsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RememberedStemsStream {
            tail: self.inner.token_stream(text),
            stemmer: self.stemmer,
            stems: &mut self.stems,
        }
    }
}

struct RememberedStemsStream<'a, T> {
    tail: T,
    stemmer: Stemmer,
    stems: &'a mut HashMap<String, String>,
}

impl<T: TokenStream> TokenStream for RememberedStemsStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(&token.text) {
            token.text.clone_from(stem);
            return true;
        }
        let stem = self.stemmer.stem(&token.text).into_owned();
        if self.stems.len() >= REMEMBERED {
            self.stems.clear();
        }
        self.stems.insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
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

/// The schema for an index whose texts are in `languages`: words only.
pub fn build(languages: &[String]) -> Schema {
    let mut b = Schema::builder();
    for code in languages {
        for (name, _) in TEXT_FIELDS {
            // No positions: phrases are checked against the texts.
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(&analyzer_name(code))
                .set_index_option(IndexRecordOption::WithFreqs);
            b.add_text_field(
                &text_field(code, name),
                TextOptions::default().set_indexing_options(indexing),
            );
        }
    }
    let places = TextFieldIndexing::default()
        .set_tokenizer(PLAIN)
        .set_index_option(IndexRecordOption::WithFreqs);
    b.add_text_field(PLACES.0, TextOptions::default().set_indexing_options(places));
    b.build()
}

/// Looks up a field that the schema must have.
pub fn field(schema: &Schema, name: &str) -> Field {
    schema.get_field(name).unwrap_or_else(|_| panic!("schema field {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn remembered_stems_are_the_stemmers_stems() {
        let words = "verslavingen verslaving gokken gokverslaving depressies depressie lopen loopt liep Verslavingen";
        let stemmer = Stemmer::new(Algorithm::Dutch);
        let expected: Vec<String> =
            words.split(' ').map(|w| stemmer.stem(&w.to_lowercase()).into_owned()).collect();
        assert_ne!(expected[0], "verslavingen", "the words are stemmed");
        let mut remembered = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(RememberedStems(Algorithm::Dutch))
            .build();
        for _ in 0..2 {
            let mut s = remembered.token_stream(words);
            let mut got = Vec::new();
            while s.advance() {
                got.push(s.token().text.clone());
            }
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn languages_without_a_stemmer_are_folded_only() {
        assert_eq!(analyzer_name("fi"), PLAIN);
        assert_eq!(tokens("fi", "Riippuvuudet"), vec!["riippuvuudet"]);
        assert_eq!(tokens("da", "Afhængigheder"), vec!["afhaengigheder"]);
    }

    #[test]
    fn turkish_polish_and_arabic_forms_of_a_word_meet() {
        let same = |code: &str, words: &[&str]| {
            let first = tokens(code, words[0]);
            assert_eq!(first.len(), 1, "{code} {}", words[0]);
            for w in &words[1..] {
                assert_eq!(tokens(code, w), first, "{code}: {w} and {}", words[0]);
            }
        };
        same("tr", &["bağımlılık", "Bağımlılığı", "bağımlılığım", "BAĞIMLILIKTAN"]);
        same("tr", &["İntihar", "intiharı"]);
        assert_eq!(tokens("tr", "Işık"), tokens("tr", "ışık"), "I is the capital of ı");
        assert_eq!(tokens("tr", "bağımlılık"), vec!["bagimlilik"], "folded after stemming");
        same("pl", &["uzależnienie", "uzależnienia", "uzależnieniem"]);
        same("pl", &["depresja", "depresji", "depresją"]);
        same("ar", &["الكحول", "بالكحول"]);
        same("ar", &["الاكتئاب", "اكتئاب"]);
    }

    #[test]
    fn english_analysis_stems() {
        assert_eq!(tokens("en", "addictions"), tokens("en", "addiction"));
        assert_eq!(tokens("xx", "Zoë"), vec!["zoe"]);
    }
}
