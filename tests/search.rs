//! `peerdir search` against the built example: the index file is in the
//! site, versioned by content, and the engine finds what a visitor means.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};

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
            let text =
                std::fs::read_to_string(root().join(format!("content/{kind}/{slug}.md"))).unwrap();
            let topics = text.lines().find(|l| l.starts_with("topics:")).unwrap();
            if topics.contains(prefix) {
                out.insert(format!("{kind}/{slug}/"));
            }
        }
    }
    out
}

#[test]
fn the_index_and_engine_are_versioned_files_with_precompressed_copies() {
    let (_tmp, out) = site();
    let mut files: Vec<_> = std::fs::read_dir(out.join("search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.retain(|f| f != "index.html");
    files.sort();
    assert_eq!(files.len(), 9, "{files:?}");
    let (bodies, engine, index) = (&files[0], &files[3], &files[6]);
    for (name, start, end) in
        [(bodies, "bodies-", ".pdtx"), (engine, "engine-", ".wasm"), (index, "index-", ".pdix")]
    {
        assert!(
            name.starts_with(start) && name.ends_with(end) && name.len() == start.len() + 16 + 5,
            "{name}"
        );
    }
    let copies = |n: &String| [n.clone(), format!("{n}.br"), format!("{n}.gz")];
    assert_eq!(files, [copies(bodies), copies(engine), copies(index)].concat());
    let wasm = std::fs::read(out.join("search").join(engine)).unwrap();
    assert_eq!(&wasm[..4], b"\0asm", "the engine is WebAssembly");
    let index_bytes = std::fs::read(out.join("search").join(index)).unwrap();
    assert!(
        index_bytes.windows(bodies.len()).any(|w| w == bodies.as_bytes()),
        "the index names its bodies file"
    );
    for name in [engine, index, bodies] {
        let original = std::fs::read(out.join("search").join(name)).unwrap();
        let br = std::fs::read(out.join("search").join(format!("{name}.br"))).unwrap();
        let gz = std::fs::read(out.join("search").join(format!("{name}.gz"))).unwrap();
        // The index holds little repetition (its texts are word numbers), so
        // its copies save less than the engine's, but still two fifths; the
        // bodies, nearly all word numbers, over a quarter.
        let (most, of) = if name == bodies { (4, 3) } else { (5, 3) };
        assert!(
            br.len() * most < original.len() * of && gz.len() * most < original.len() * of,
            "{name}: {} / {} / {}",
            original.len(),
            br.len(),
            gz.len()
        );
        assert_eq!(unbrotli(&br), original, "{name}.br");
        assert_eq!(gunzip(&gz), original, "{name}.gz");
    }
}

#[test]
fn the_scripts_and_style_sheet_have_precompressed_copies() {
    let (_tmp, out) = site();
    let assets = out.join("assets");
    for name in ["search.js", "search-worker.js", "quick-exit.js", "style.css"] {
        let original = std::fs::read(assets.join(name)).unwrap();
        let br = std::fs::read(assets.join(format!("{name}.br")))
            .unwrap_or_else(|e| panic!("{name}.br: {e}"));
        let gz = std::fs::read(assets.join(format!("{name}.gz")))
            .unwrap_or_else(|e| panic!("{name}.gz: {e}"));
        assert_eq!(unbrotli(&br), original, "{name}.br");
        assert_eq!(gunzip(&gz), original, "{name}.gz");
        assert!(
            br.len() < original.len() && gz.len() < original.len(),
            "{name}: copies smaller than the file"
        );
    }
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut brotli::Decompressor::new(bytes, 4096), &mut out).unwrap();
    out
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut out).unwrap();
    out
}

/// The example with `search: {shard_by: region}`: an index per region with
/// the listings that meet people there and those that meet nowhere in
/// person, and no index of the whole directory.
#[test]
fn an_index_sharded_by_region_holds_each_regions_listings() {
    let (tmp, content) = temp_copy(&root().join("content"));
    let yaml = std::fs::read_to_string(content.join("site.yaml")).unwrap();
    std::fs::write(content.join("site.yaml"), format!("{yaml}\nsearch:\n  shard_by: region\n"))
        .unwrap();
    let out = tmp.path().join("sharded");
    build_site(&content, &out);
    let (_whole_tmp, whole) = site();
    let manifest: BTreeMap<String, String> =
        serde_json::from_slice(&std::fs::read(out.join("search/shards.json")).unwrap()).unwrap();
    let regions: BTreeSet<String> = search(&whole, &[])["facets"]["region"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["value"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(manifest.keys().cloned().collect::<BTreeSet<_>>(), regions, "one index per region");
    let everything = urls(&search(&whole, &[]));
    let placed: BTreeSet<String> = regions
        .iter()
        .flat_map(|r| urls(&search(&whole, &["--filter", &format!("region={r}")])))
        .collect();
    let online_only: BTreeSet<String> = everything.difference(&placed).cloned().collect();
    assert!(!online_only.is_empty(), "the example has listings that meet nowhere in person");
    for region in &regions {
        let mut expected = urls(&search(&whole, &["--filter", &format!("region={region}")]));
        expected.extend(online_only.iter().cloned());
        assert_eq!(urls(&search(&out, &["--in", region])), expected, "{region}");
        assert!(
            out.join(&manifest[region]).exists()
                && out.join(format!("{}.br", manifest[region])).exists()
        );
    }
    let pdix = std::fs::read_dir(out.join("search"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "pdix"));
    assert_eq!(pdix.count(), regions.len(), "no index of the whole directory");
    let o = peerdir(&root(), &["search", "--site", out.to_str().unwrap(), "alcohol"]);
    assert_exit(&o, 1);
    assert!(
        stderr(&o).contains("sharded by region; choose one with --in (Gelderland, "),
        "{}",
        stderr(&o)
    );
    let o = peerdir(
        &root(),
        &["search", "--site", whole.to_str().unwrap(), "--in", "Utrecht", "alcohol"],
    );
    assert_exit(&o, 1);
    assert!(
        stderr(&o).contains("one index for the whole directory; leave out --in"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn stems_typos_and_topics() {
    let (_tmp, out) = site();
    assert_eq!(
        urls(&search(&out, &["verslavingen"])),
        filed_under("addiction"),
        "verslavingen finds every addiction listing"
    );
    assert_eq!(
        urls(&search(&out, &["depresie"])),
        filed_under("mental-health/depression"),
        "one typo finds every depression listing"
    );
    let arabic = urls(&search(&out, &["Arabisch"]));
    assert!(
        arabic.contains("specialists/mohamed-el-idrissi/")
            && arabic.contains("specialists/noura-haddou/"),
        "language names are searchable: {arabic:?}"
    );
    assert_eq!(urls(&search(&out, &["Arabic"])), arabic, "in every interface language");
    assert_eq!(
        urls(&search(&out, &["Bağımlılık"])),
        filed_under("addiction"),
        "the example is in Turkish too, so the index holds the Turkish labels"
    );
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
    assert!(counts
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["value"] == "Utrecht" && c["count"].as_u64().unwrap() as usize == hits.len()));
    let near = search(&out, &["--near", "Maastricht", "alcohol"]);
    assert_eq!(near["near"]["name"], "Maastricht");
    assert_eq!(near["hits"][0]["url"], "specialists/thomas-willems/");
    let text = stdout(&peerdir(&root(), &["search", "--site", out.to_str().unwrap(), "gokken"]));
    assert!(
        text.contains("jeroen-visser") && text.lines().last().unwrap().ends_with("results"),
        "{text}"
    );
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

/// A publisher's `i18n/<lang>.yaml` reaches the index as it reaches the
/// pages: a program kind renamed in Dutch and in English is found by its
/// new names, on an English page and in a search in either language.
#[test]
fn a_publishers_translations_reach_the_index_and_the_pages() {
    let (tmp, content) = temp_copy(&root().join("content"));
    std::fs::create_dir_all(content.join("i18n")).unwrap();
    std::fs::write(content.join("i18n/nl.yaml"), "kinds:\n  buddy: Steunmaatjes\n").unwrap();
    std::fs::write(content.join("i18n/en.yaml"), "kinds:\n  buddy: Walking partners\n").unwrap();
    let out = tmp.path().join("public");
    build_site(&content, &out);
    let buddies = search(&out, &["--filter", "program_kind=buddy"]);
    let buddies = urls(&buddies);
    assert!(!buddies.is_empty());
    assert_eq!(
        urls(&search(&out, &["Steunmaatjes"])),
        buddies,
        "the Dutch name finds every buddy program"
    );
    assert_eq!(urls(&search(&out, &["walking", "partners"])), buddies, "so does the English one");
    assert!(
        urls(&search(&out, &["Maatjesproject"])).is_disjoint(&buddies),
        "the theme's own name is gone"
    );
    let page = std::fs::read_to_string(out.join("kinds/buddy/index.html")).unwrap();
    assert!(page.contains("Steunmaatjes") && !page.contains("Maatjesproject"));
}

/// A site in Turkish indexes the taxonomy's Turkish labels: a topic's
/// Turkish name finds every listing filed under it. A site in Dutch alone,
/// with no listing translated into Turkish, does not.
#[test]
fn a_site_in_turkish_searches_its_turkish_labels() {
    let (tmp, content) = example_in("tr");
    let out = tmp.path().join("public");
    build_site(&content, &out);
    assert!(std::fs::read_to_string(out.join("index.html")).unwrap().contains("<html lang=\"tr\""));
    assert_eq!(urls(&search(&out, &["Bağımlılık"])), filed_under("addiction"));
    // A site in Dutch whose listings have no Turkish texts: the example's
    // translations (the last of each file's front matter) taken out.
    let (tmp, content) = example_in("nl");
    for slug in slugs(&content.join("specialists")) {
        let path = content.join("specialists").join(format!("{slug}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        if let Some((front, rest)) = text.split_once("translations:\n") {
            let body = rest.split_once("\n---\n").unwrap().1;
            std::fs::write(&path, format!("{front}---\n{body}")).unwrap();
        }
    }
    let out = tmp.path().join("public");
    build_site(&content, &out);
    assert!(urls(&search(&out, &["Bağımlılık"])).is_empty(), "no Turkish labels on a Dutch site");
}
