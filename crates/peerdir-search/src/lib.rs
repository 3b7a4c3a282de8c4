//! peerdir's search, one source of truth for the generator and the browser.
//!
//! The same code runs natively (the generator builds the index; `peerdir
//! search` queries it) and compiled to `wasm32-unknown-unknown` (the
//! visitor's browser queries the downloaded index), so both rank a query the
//! same way.
//!
//! - `doc`: what is indexed about a listing ([`IndexDoc`]).
//! - [`schema`]: fields and per-language analyzers (`stopwords`: their
//!   stop-word lists).
//! - `texts`: the listings' texts, kept once for results, snippets and
//!   phrases; `listings`: their pages, facet values, places and sessions,
//!   which filter, count and order results (both encoded by `varint`).
//! - `build`: documents → the index file and the bodies file (`bundle`),
//!   [`build_index`].
//! - [`engine`]: index file → answers to a [`SearchRequest`].
//! - [`sessions`]: when listings meet, packed for the index, and the rules
//!   of which days they meet on, shared with the generator.
//!
//! HTML escaping and the checksum come from `peerdir-shared`, which the
//! generator uses too.

mod build;
mod bundle;
mod doc;
pub mod engine;
mod geo;
mod listings;
pub mod schema;
pub mod sessions;
mod stopwords;
mod texts;
mod varint;

pub use build::{build_index, IndexFiles};
pub use bundle::{KnownPlace, Meta};
pub use doc::{IndexDoc, Label, Place, Translated};
pub use engine::{Engine, Filter, Hit, SearchRequest, SearchResponse};

/// Errors of building or opening an index.
#[derive(Debug)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        Error(e.to_string())
    }
}

/// A result whose error is the search's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
