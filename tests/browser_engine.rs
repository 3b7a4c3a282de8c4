//! The browser search engine kept in `engine/peerdir-search.wasm` is the
//! one these sources build: this test builds `crates/peerdir-search-wasm`
//! for `wasm32-unknown-unknown`, shrinks it with binaryen's `wasm-opt`
//! (pinned in `engine/package.json`) and compares the bytes. With
//! `PEERDIR_UPDATE_ENGINE=1` it writes the new engine instead (see
//! `engine/README.md`).

use std::env;
use std::path::{Path, PathBuf};
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

const TARGET: &str = "wasm32-unknown-unknown";

#[test]
fn engine_is_built_from_these_sources() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let built = shrink(root, &build(root));
    let kept_path = root.join("engine/peerdir-search.wasm");
    if env::var_os("PEERDIR_UPDATE_ENGINE").is_some() {
        std::fs::write(&kept_path, &built).expect("writing engine/peerdir-search.wasm");
        return;
    }
    let kept = std::fs::read(&kept_path).expect("reading engine/peerdir-search.wasm");
    assert!(
        kept == built,
        "engine/peerdir-search.wasm ({} bytes) is not the engine these sources build \
         ({} bytes); rebuild it with: PEERDIR_UPDATE_ENGINE=1 cargo test --locked --test browser_engine",
        kept.len(),
        built.len()
    );
}

/// Builds the engine with the `wasm` profile in `target/wasm` and returns
/// its bytes.
fn build(root: &Path) -> Vec<u8> {
    let target_dir = root.join("target").join("wasm");
    let mut cmd = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root)
        .args(["build", "--locked", "--profile", "wasm", "--target", TARGET])
        .args(["-p", "peerdir-search-wasm", "--target-dir"])
        .arg(&target_dir)
        .arg("--config")
        .arg(remapped_paths(root));
    for var in CLEARED {
        cmd.env_remove(var);
    }
    let status = cmd.status().expect("running cargo");
    assert!(
        status.success(),
        "building the browser search engine for {TARGET} failed; \
         if the target is missing: rustup target add {TARGET}"
    );
    let wasm = target_dir.join(TARGET).join("wasm/peerdir_search_wasm.wasm");
    std::fs::read(&wasm).unwrap_or_else(|e| panic!("reading {}: {e}", wasm.display()))
}

/// The WebAssembly features the Rust target emits, which `wasm-opt` may
/// keep using; it adds none.
const FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-multivalue",
    "--enable-reference-types",
];

/// The engine after `wasm-opt -Oz`: 1,333 KB to 1,054 KB, 332 KB to
/// 323 KB brotli.
fn shrink(root: &Path, wasm: &[u8]) -> Vec<u8> {
    let wasm_opt = root.join("engine/node_modules/binaryen/bin/wasm-opt");
    assert!(
        wasm_opt.exists(),
        "binaryen's wasm-opt is missing: run `npm ci --prefix engine` (.ci/run does)"
    );
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (input, output) = (dir.path().join("built.wasm"), dir.path().join("shrunk.wasm"));
    std::fs::write(&input, wasm).expect("writing the built engine");
    let status = Command::new("node")
        .arg(&wasm_opt)
        .arg("-Oz")
        .args(FEATURES)
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .status()
        .expect("running node (.ci/run checks it is there)");
    assert!(status.success(), "wasm-opt failed on the engine");
    std::fs::read(&output).expect("reading the shrunk engine")
}

/// Flags for the wasm build (added to those of `.cargo/config.toml`) that
/// replace the folders of this checkout and of cargo's downloaded crates in
/// the source paths compiled into the engine (panic locations), so that no
/// published site carries the builder's home folder or user name, and the
/// engine's bytes do not depend on where it was built.
fn remapped_paths(root: &Path) -> String {
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
    format!("target.{TARGET}.rustflags=[{}]", quoted.join(","))
}
