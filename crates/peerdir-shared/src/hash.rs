//! 64-bit FNV-1a (the `fnv` crate): the index file's checksum, and the
//! content-addressed names of the engine and index files. Small enough for
//! the browser engine, and a change of any one byte always changes the
//! hash (each step is a bijection of the state).

use std::hash::Hasher as _;

/// The hash of `bytes`.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(fnv64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
