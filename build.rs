//! Builds the browser search engine (`crates/peerdir-search-wasm`) for
//! `wasm32-unknown-unknown` and hands it to the binary, which embeds it, so
//! publishers never need a wasm toolchain, with its name in the site
//! (`engine-<hash>.wasm`, named by its content) and its brotli and gzip
//! copies (best quality, made once here rather than in every site build).
//! The theme's static assets get their brotli and gzip copies here too. The
//! target is listed in `rust-toolchain.toml`, so rustup installs it with the
//! toolchain.

// The same compression the generator uses for the index's copies, at its best.
#[allow(dead_code)]
#[path = "src/compress.rs"]
mod compress;

use compress::Quality::Best;
use peerdir_shared::hash::fnv64;
use std::env;
use std::path::PathBuf;
use std::process::Command;

/// Variables of the outer build that must not reach the wasm build (flags
/// meant for the host, such as a fuzzer's sanitizer, or another target dir).
/// `RUSTC_BOOTSTRAP` (set for fuzzing) makes some crates' build scripts
/// take nightly-only paths, which changes the engine's bytes.
const CLEARED: &[&str] = &[
    "RUSTC_BOOTSTRAP",
    "CARGO_ENCODED_RUSTFLAGS",
    "RUSTFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_TARGET",
    "RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
    "CARGO_MAKEFLAGS",
];

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for path in [
        "crates/peerdir-search",
        "crates/peerdir-search-wasm",
        "crates/peerdir-shared",
        "src/compress.rs",
        "Cargo.toml",
        "Cargo.lock",
        ".cargo/config.toml",
        "rust-toolchain.toml",
        ASSETS,
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
    let target_dir = root.join("target").join("wasm");
    let mut cmd = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(&root)
        .args([
            "build",
            "--locked",
            "--profile",
            "wasm",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "peerdir-search-wasm",
            "--target-dir",
        ])
        .arg(&target_dir)
        .arg("--config")
        .arg(remapped_paths(&root));
    for var in CLEARED {
        cmd.env_remove(var);
    }
    let status = cmd.status().expect("cargo runs");
    if !status.success() {
        panic!(
            "building the browser search engine for wasm32-unknown-unknown failed; \
             if the target is missing: rustup target add wasm32-unknown-unknown"
        );
    }
    let wasm = target_dir.join("wasm32-unknown-unknown/wasm/peerdir_search_wasm.wasm");
    let bytes = std::fs::read(&wasm).unwrap_or_else(|e| panic!("reading {}: {e}", wasm.display()));
    write(&out.join("engine.wasm"), &bytes);
    write(&out.join("engine.wasm.br"), &compress::brotli(&bytes, Best));
    write(&out.join("engine.wasm.gz"), &compress::gzip(&bytes, Best));
    write(&out.join("engine.name"), format!("engine-{:016x}.wasm", fnv64(&bytes)).as_bytes());
    compress_assets(&root.join(ASSETS), &out.join("assets"));
}

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

/// Flags for the wasm build (added to those of `.cargo/config.toml`) that
/// replace the folders of this checkout and of cargo's downloaded crates in
/// the source paths compiled into the engine (panic locations), so that no
/// published site carries the builder's home folder or user name, and the
/// engine's bytes do not depend on where it was built.
fn remapped_paths(root: &std::path::Path) -> String {
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    let mut flags = vec![format!("--remap-path-prefix={}=peerdir", root.display())];
    if let Some(cargo_home) = cargo_home {
        flags.push(format!("--remap-path-prefix={}=cargo", cargo_home.display()));
    }
    let quoted: Vec<String> = flags
        .iter()
        .map(|f| format!("\"{}\"", f.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    format!("target.wasm32-unknown-unknown.rustflags=[{}]", quoted.join(","))
}

fn write(path: &std::path::Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
