//! peerdir turns a folder of Markdown/YAML listings of peer specialists and
//! mentor programs into a private, searchable static website.
//!
//! The pipeline, one module a stage (`pipeline` runs them in order):
//!
//! 1. [`content::load`] reads `site.yaml`, `taxonomy.yaml` and every listing
//!    into typed structs ([`content::model`]), keeping a source map so each
//!    problem can be reported at its file, line and column.
//! 2. `content::validate` checks what the types cannot: required fields,
//!    topics, program references, formats, dates, consent.
//! 3. [`markdown`] renders every listing's body once, for pages and index.
//! 4. `index` builds the search index file with `peerdir_search`, while
//!    `render` turns the validated [`content::Directory`] into pages with
//!    minijinja templates from the theme (`theme`, `i18n`), at the
//!    addresses of `urls`, into an `output::Output`.
//! 5. `write` puts the files in place atomically.
//!
//! `diag` is the shared problem report; [`cli`] wires the stages to the
//! command line. The library's public items are what the binary, the
//! tests and the fuzz targets use; everything else is `pub(crate)`. See
//! ARCHITECTURE.md for the whole map.

pub mod cli;
mod compress;
pub mod content;
mod dates;
mod diag;
mod free;
mod i18n;
mod index;
pub mod markdown;
mod media;
mod output;
mod pipeline;
mod progress;
mod query;
mod render;
mod scaffold;
mod schedule;
mod serve;
mod signals;
mod theme;
mod urls;
mod write;
