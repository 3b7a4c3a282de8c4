//! `peerdir search` against the built example: the index file is in the
//! site, versioned by content, and the engine finds what a visitor means.

mod common;
use common::*;
use std::collections::BTreeSet;

fn site() -> (tempfile::TempDir, std::path::PathBuf) {
    build_temp("content")
}

fn search(site: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["search", "--site", site.to_str().unwrap(), "--json", "--limit", "100"];
    all.extend_from_slice(args);
    let o = peerdir(&root(), &all);
    assert_exit(&o, 0);
    serde_json::from_str(&stdout(&o)).unwrap()
}

fn urls(v: &serde_json::Value) -> BTreeSet<String> {
    v["hits"].as_array().unwrap().iter().map(|h| h["url"].as_str().unwrap().to_string()).collect()
}

/// Listing addresses of the example whose topics start with `prefix`.
fn filed_under(prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for kind in ["specialists", "programs"] {
        for slug in slugs(&root().join("content").join(kind)) {
            let text = std::fs::read_to_string(root().join(format!("content/{kind}/{slug}.md"))).unwrap();
            let topics = text.lines().find(|l| l.starts_with("topics:")).unwrap();
            if topics.contains(prefix) {
                out.insert(format!("{kind}/{slug}/"));
            }
        }
    }
    out
}

#[test]
fn the_index_and_engine_are_versioned_files() {
    let (_tmp, out) = site();
    let mut files: Vec<_> =
        std::fs::read_dir(out.join("search")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.retain(|f| f != "index.html");
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].starts_with("engine-") && files[0].ends_with(".wasm") && files[0].len() == "engine-".len() + 16 + ".wasm".len());
    assert!(files[1].starts_with("index-") && files[1].ends_with(".pdix") && files[1].len() == "index-".len() + 16 + ".pdix".len());
    let wasm = std::fs::read(out.join("search").join(&files[0])).unwrap();
    assert_eq!(&wasm[..4], b"\0asm", "the engine is WebAssembly");
}

#[test]
fn stems_typos_and_topics() {
    let (_tmp, out) = site();
    assert_eq!(urls(&search(&out, &["verslavingen"])), filed_under("addiction"), "verslavingen finds every addiction listing");
    assert_eq!(urls(&search(&out, &["depresie"])), filed_under("mental-health/depression"), "one typo finds every depression listing");
    let arabic = urls(&search(&out, &["Arabisch"]));
    assert!(
        arabic.contains("specialists/mohamed-el-idrissi/") && arabic.contains("specialists/noura-haddou/"),
        "language names are searchable: {arabic:?}"
    );
    assert_eq!(urls(&search(&out, &["Arabic"])), arabic, "in every interface language");
    let phrase = search(&out, &["\"eerste maanden\""]);
    assert_eq!(urls(&phrase), BTreeSet::from(["specialists/anna-de-vries/".to_string()]));
    assert!(phrase["hits"][0]["snippet"].as_str().unwrap().contains("<b>eerste</b>"));
}

#[test]
fn filters_counts_and_distance() {
    let (_tmp, out) = site();
    let r = search(&out, &["--filter", "region=Utrecht", "--filter", "type=specialist"]);
    let hits = urls(&r);
    assert!(hits.len() >= 3 && hits.iter().all(|u| u.starts_with("specialists/")), "{hits:?}");
    assert_eq!(r["total"].as_u64().unwrap() as usize, hits.len());
    let counts = &r["facets"]["region"];
    assert!(counts.as_array().unwrap().iter().any(|c| c["value"] == "Utrecht" && c["count"].as_u64().unwrap() as usize == hits.len()));
    let near = search(&out, &["--near", "Maastricht", "alcohol"]);
    assert_eq!(near["near"]["name"], "Maastricht");
    assert_eq!(near["hits"][0]["url"], "specialists/thomas-willems/");
    let text = stdout(&peerdir(&root(), &["search", "--site", out.to_str().unwrap(), "gokken"]));
    assert!(text.contains("jeroen-visser") && text.lines().last().unwrap().ends_with("results"), "{text}");
}

#[test]
fn bad_arguments_and_missing_index() {
    let o = peerdir(&root(), &["search", "--filter", "topic", "x"]);
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("facet=value"));
    let tmp = tempfile::tempdir().unwrap();
    let o = peerdir(&root(), &["search", "--site", tmp.path().to_str().unwrap(), "x"]);
    assert_exit(&o, 1);
    assert!(stderr(&o).contains("no search index"), "{}", stderr(&o));
}
