//! peerdir turns a folder of Markdown/YAML listings of peer specialists and
//! mentor programs into a private, searchable static website.
//!
//! The pipeline, one module a stage:
//!
//! 1. [`content::load`] reads `site.yaml`, `taxonomy.yaml` and every listing
//!    into typed structs ([`content::model`]), keeping a source map so each
//!    problem can be reported at its file, line and column.
//! 2. [`content::validate`] checks what the types cannot: required fields,
//!    topics, program references, formats, dates, consent.
//! 3. [`render`] turns the validated [`content::Directory`] into pages with
//!    minijinja templates from the theme.
//! 4. [`index`] builds the search index file with [`peerdir_search`].
//! 5. [`write`] puts the files in place atomically.
//!
//! [`diag`] is the shared problem report; [`cli`] wires the stages to the
//! command line.

pub mod cli;
pub mod compress;
pub mod content;
pub mod dates;
pub mod diag;
pub mod free;
pub mod i18n;
pub mod index;
pub mod markdown;
pub mod media;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod query;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod signals;
pub mod theme;
pub mod urls;
pub mod write;
