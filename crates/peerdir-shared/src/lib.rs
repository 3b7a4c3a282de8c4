//! What peerdir's generator, its search engine (native and in the browser)
//! and its build script share, so none of them reaches into another:
//!
//! - [`html`]: HTML escaping, one way for the engine's snippets and the
//!   generator's templates and feeds.
//! - [`hash`]: 64-bit FNV-1a, the index file's checksum and the
//!   content-addressed names of the engine and index files.
//!
//! It has no dependency but `fnv`, so the browser engine stays small.

pub mod hash;
pub mod html;
