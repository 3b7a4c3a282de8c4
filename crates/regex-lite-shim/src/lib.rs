//! regex-lite under the name `regex` (see Cargo.toml).
pub use regex_lite::*;
