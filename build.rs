//! Hands the browser search engine (`engine/peerdir-search.wasm`, built
//! from `crates/peerdir-search-wasm` and kept in the repository, so building
//! peerdir needs no wasm toolchain) to the binary, which embeds it, with its
//! name in the site (`engine-<hash>.wasm`, named by its content) and its
//! brotli and gzip copies (best quality, made once here rather than in every
//! site build). The theme's static assets get their brotli and gzip copies
//! here too.

// The same compression the generator uses for the index's copies, at its best.
#[allow(dead_code)]
#[path = "src/compress.rs"]
mod compress;

use compress::Quality::Best;
use peerdir_shared::hash::fnv64;
use std::env;
use std::path::PathBuf;

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for path in [ENGINE, ASSETS, "src/compress.rs"] {
        println!("cargo:rerun-if-changed={path}");
    }
    let wasm = root.join(ENGINE);
    let bytes = std::fs::read(&wasm).unwrap_or_else(|e| panic!("reading {}: {e}", wasm.display()));
    write(&out.join("engine.wasm"), &bytes);
    write(&out.join("engine.wasm.br"), &compress::brotli(&bytes, Best));
    write(&out.join("engine.wasm.gz"), &compress::gzip(&bytes, Best));
    write(&out.join("engine.name"), format!("engine-{:016x}.wasm", fnv64(&bytes)).as_bytes());
    compress_assets(&root.join(ASSETS), &out.join("assets"));
}

/// The browser search engine, built from `crates/peerdir-search-wasm` and
/// kept in the repository (see `engine/README.md`).
const ENGINE: &str = "engine/peerdir-search.wasm";

/// The theme's static assets, copied into every site as they are.
const ASSETS: &str = "themes/default/assets";

/// Brotli and gzip copies of every asset, as `<out>/<name>.br` and `.gz`.
fn compress_assets(assets: &std::path::Path, out: &std::path::Path) {
    std::fs::create_dir_all(out).unwrap_or_else(|e| panic!("creating {}: {e}", out.display()));
    let entries =
        std::fs::read_dir(assets).unwrap_or_else(|e| panic!("reading {}: {e}", assets.display()));
    for entry in entries.map(|e| e.expect("reading the assets folder")) {
        let bytes = std::fs::read(entry.path())
            .unwrap_or_else(|e| panic!("reading {}: {e}", entry.path().display()));
        let name = entry.file_name().into_string().expect("asset names are UTF-8");
        write(&out.join(format!("{name}.br")), &compress::brotli(&bytes, Best));
        write(&out.join(format!("{name}.gz")), &compress::gzip(&bytes, Best));
    }
}

fn write(path: &std::path::Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
