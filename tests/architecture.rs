//! Claims of ARCHITECTURE.md that a reading of the source can check: what
//! is marked safe from escaping, that one module writes the site's
//! addresses, which way the modules depend on each other, and that every
//! file says what it is for.

mod common;
use common::root;
use std::path::{Path, PathBuf};

/// The Rust files under `dir`, with their text.
fn rust_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            out.push((entry.path().to_path_buf(), std::fs::read_to_string(entry.path()).unwrap()));
        }
    }
    out
}

/// The code of a file that ships: before its test module, without comments.
fn shipped_code(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap();
    code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

fn generator_files() -> Vec<(String, String)> {
    let src = root().join("src");
    rust_files(&src)
        .into_iter()
        .map(|(path, text)| {
            (path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/"), text)
        })
        .collect()
}

#[test]
fn only_the_markdown_output_and_the_policy_are_safe_in_templates() {
    let mut safe = Vec::new();
    for entry in std::fs::read_dir(root().join("themes/default/templates")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, _) in text.match_indices("|safe") {
            let start = text[..i].rfind("{{").unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            safe.push(format!("{name}: {}", text[start + 2..i].trim()));
        }
    }
    safe.sort();
    assert_eq!(
        safe,
        ["about.html: common.body_html", "base.html: site.csp", "page.html: body_html"]
    );
}

#[test]
fn only_rendered_templates_and_script_safe_json_skip_escaping() {
    let mut callers: Vec<String> = generator_files()
        .into_iter()
        .filter(|(_, text)| shipped_code(text).contains("from_safe_string"))
        .map(|(path, _)| path)
        .collect();
    callers.sort();
    assert_eq!(
        callers,
        ["render/browse.rs", "render/chrome.rs", "render/jsonld.rs", "render/mod.rs"],
        "a new caller of from_safe_string: add it to ARCHITECTURE.md's invariant if it is safe"
    );
}

#[test]
fn only_urls_rs_writes_the_sites_addresses() {
    let folders = ["specialists", "programs", "topics", "regions", "kinds", "languages", "search"];
    let folders = folders.iter().chain(&["a-z"]);
    for (path, text) in generator_files().into_iter().filter(|(p, _)| p != "urls.rs") {
        let code = shipped_code(&text);
        for folder in folders.clone() {
            for literal in [format!("\"{folder}/\""), format!("\"{folder}/{{")] {
                assert!(!code.contains(&literal), "{path} writes the address {literal}");
            }
        }
        for kind in ["program", "specialist"] {
            for compare in [format!("== \"{kind}\""), "KIND == ".to_string()] {
                assert!(!code.contains(&compare), "{path} tells listings apart by text: {compare}");
            }
        }
    }
}

#[test]
fn dependencies_point_one_way() {
    for (path, text) in generator_files() {
        let code = shipped_code(&text);
        if path == "index.rs" || path.starts_with("content/") {
            assert!(!code.contains("crate::render"), "{path} reaches into render");
        }
        assert!(
            !code.contains("peerdir_search::html") && !code.contains("peerdir_search::hash"),
            "{path}: escaping and hashing come from peerdir-shared"
        );
    }
}

#[test]
fn every_file_begins_with_what_it_is_for() {
    let mut dirs = vec![root().join("src"), root().join("tests"), root().join("examples")];
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        dirs.push(entry.unwrap().path());
    }
    for dir in dirs {
        for (path, text) in rust_files(&dir) {
            assert!(text.starts_with("//!"), "{} has no module doc", path.display());
        }
    }
}
