//! Precompressed copies of the search files (`name.br`, `name.gz`) for hosts
//! that send a file's compressed copy to browsers that accept it (nginx's
//! `gzip_static`, Caddy's `precompressed`, many CDNs). The engine's copies
//! are made once, at best quality, when the binary is built (`build.rs`);
//! the index's in every site build, at a quality that keeps builds quick.

use std::io::Write as _;

/// Up to this size the index is compressed at the best quality (a tenth of
/// a second); above it at a quick one (brotli 4: about a fifth larger,
/// several times faster; gzip 1: a few per cent larger than gzip 3 and
/// four times faster, and most browsers take the brotli copy anyway).
const BEST_UP_TO: usize = 64 * 1024;

fn best(bytes: &[u8]) -> bool {
    bytes.len() <= BEST_UP_TO
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let quality = if best(bytes) { 11 } else { 4 };
    let params = brotli::enc::BrotliEncoderParams { quality, lgwin: 22, ..Default::default() };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("compressing in memory");
    out
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let level = if best(bytes) { flate2::Compression::best() } else { flate2::Compression::fast() };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), level);
    gz.write_all(bytes).expect("compressing in memory");
    gz.finish().expect("compressing in memory")
}

/// The brotli and gzip copies of the file at `path`, made side by side on
/// threads of their own (not rayon's, which the pages keep busy).
pub fn copies(path: &str, bytes: &[u8]) -> [(String, Vec<u8>); 2] {
    let (br, gz) = std::thread::scope(|s| {
        let gz = s.spawn(|| gzip(bytes));
        (brotli(bytes), gz.join().expect("compressing does not panic"))
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
        assert_eq!((br_path.as_str(), gz_path.as_str()), ("search/index.pdix.br", "search/index.pdix.gz"));
        assert!(br.len() < text.len() / 10 && gz.len() < text.len() / 10);
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096).read_to_end(&mut back).unwrap();
        assert_eq!(back, text);
        back.clear();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut back).unwrap();
        assert_eq!(back, text);
    }
}
