//! Precompressed copies of the search files (`name.br`, `name.gz`) for hosts
//! that send a file's compressed copy to browsers that accept it (nginx's
//! `gzip_static`, Caddy's `precompressed`, many CDNs). The engine's copies
//! are made once, at best quality, when the binary is built (`build.rs`,
//! which compiles this file into itself); the index's in every site
//! build, at a quality that keeps builds quick. Only std, brotli and
//! flate2 here, so the build script can include it.

use std::io::Write as _;

/// How hard to compress.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Quality {
    /// Smallest: brotli 11, gzip 9. The engine and assets (once, when the
    /// binary is built) and small index files.
    Best,
    /// Quick: brotli 4, gzip 1, for large index files in every build. About
    /// a fifth larger with brotli, several times faster; gzip 1 is a few per
    /// cent larger than gzip 3 and four times faster, and most browsers
    /// take the brotli copy anyway.
    Quick,
}

/// Up to this size the index is compressed at the best quality (a tenth of
/// a second).
const BEST_UP_TO: usize = 64 * 1024;

impl Quality {
    /// The quality for an index file of this size.
    pub(crate) fn for_size(bytes: &[u8]) -> Quality {
        if bytes.len() <= BEST_UP_TO {
            Quality::Best
        } else {
            Quality::Quick
        }
    }
}

pub(crate) fn brotli(bytes: &[u8], quality: Quality) -> Vec<u8> {
    let quality = if quality == Quality::Best { 11 } else { 4 };
    let params = brotli::enc::BrotliEncoderParams { quality, lgwin: 22, ..Default::default() };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("compressing in memory");
    out
}

pub(crate) fn gzip(bytes: &[u8], quality: Quality) -> Vec<u8> {
    let level = if quality == Quality::Best {
        flate2::Compression::best()
    } else {
        flate2::Compression::fast()
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), level);
    gz.write_all(bytes).expect("compressing in memory");
    gz.finish().expect("compressing in memory")
}

/// The brotli and gzip copies of the file at `path`, made side by side on
/// threads of their own (not rayon's, which the pages keep busy).
pub(crate) fn copies(path: &str, bytes: &[u8]) -> [(String, Vec<u8>); 2] {
    let quality = Quality::for_size(bytes);
    let (br, gz) = std::thread::scope(|s| {
        let gz = s.spawn(|| gzip(bytes, quality));
        (brotli(bytes, quality), gz.join().expect("compressing does not panic"))
    });
    [(format!("{path}.br"), br), (format!("{path}.gz"), gz)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn copies_decompress_to_the_original() {
        let text = "peer support in recovery ".repeat(20_000).into_bytes();
        let [(br_path, br), (gz_path, gz)] = copies("search/index.pdix", &text);
        assert_eq!(
            (br_path.as_str(), gz_path.as_str()),
            ("search/index.pdix.br", "search/index.pdix.gz")
        );
        assert!(br.len() < text.len() / 10 && gz.len() < text.len() / 10);
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096).read_to_end(&mut back).unwrap();
        assert_eq!(back, text);
        back.clear();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut back).unwrap();
        assert_eq!(back, text);
    }
}
