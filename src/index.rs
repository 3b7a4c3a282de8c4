//! The search stage: turns the validated directory into search documents
//! and builds the index files the site serves (`search/index-<hash>.pdix`
//! and its listings' bodies, `search/bodies-<hash>.pdtx`, or a pair per
//! region), with the schema and analyzers of [`peerdir_search`], and their
//! precompressed copies.

use crate::content::model::{
    value_name, with_parents, Intake, Listing, Location, Program, ShardBy, Status,
};
use crate::content::{Directory, Entry};
use crate::i18n::Strings;
use crate::markdown::Bodies;
use crate::output::Output;
use crate::urls;
use anyhow::{anyhow, Result};
use peerdir_search::{IndexDoc, Label, Place, Translated};
use peerdir_shared::hash::fnv64;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::mpsc::Sender;

/// When the index is sharded by region: region name to index path, for
/// tools (`peerdir search --in`).
pub(crate) fn shards_path() -> String {
    format!("{}shards.json", urls::SEARCH)
}

/// The browser's search engine: `crates/peerdir-search-wasm` built for
/// wasm32 by `build.rs`, and its brotli and gzip copies.
pub(crate) const ENGINE_WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/engine.wasm"));
const ENGINE_BR: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/engine.wasm.br"));
const ENGINE_GZ: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/engine.wasm.gz"));

/// The engine's file name, named by its content (`build.rs` hashes it once
/// rather than every build).
const ENGINE_NAME: &str = include_str!(concat!(env!("OUT_DIR"), "/engine.name"));

/// The engine's path in the site, named by its content.
pub(crate) fn engine_path() -> String {
    format!("{}{ENGINE_NAME}", urls::SEARCH)
}

/// The engine and its precompressed copies, by path in the site.
pub(crate) fn engine_files() -> [(String, Vec<u8>); 3] {
    let path = engine_path();
    [
        (format!("{path}.br"), ENGINE_BR.to_vec()),
        (format!("{path}.gz"), ENGINE_GZ.to_vec()),
        (path, ENGINE_WASM.to_vec()),
    ]
}

/// What search documents are made from.
struct Sources<'a> {
    dir: &'a Directory,
    strings: &'a Strings,
    /// The languages the listings are written or translated in: with those of
    /// [`Strings::searched_in`], the languages labels are indexed in, as
    /// visitors may search in any of them.
    written_in: BTreeSet<&'a str>,
    /// The name of each language listings speak, in each language searched.
    language_names: BTreeMap<&'a str, Vec<Label>>,
    bodies: &'a Bodies,
}

impl Sources<'_> {
    /// Whether a label is in a language the index holds labels in.
    fn searched(&self, label: &Label) -> bool {
        self.strings.searched_in(&label.lang) || self.written_in.contains(label.lang.as_str())
    }
}

fn document<T: Listing>(src: &Sources, e: &Entry<T>) -> IndexDoc {
    let dir = src.dir;
    let l = &e.data;
    let topic_labels = with_parents(l.topics())
        .into_iter()
        .filter_map(|key| dir.taxonomy.data.topics.iter().find(|t| t.key == key))
        .flat_map(|t| {
            t.label.iter().map(|(lang, label)| Label { lang: lang.clone(), text: label.clone() })
        })
        .filter(|l| src.searched(l))
        .collect();
    IndexDoc {
        kind: T::KIND.name().to_string(),
        url: urls::listing::<T>(&e.slug),
        name: l.name().to_string(),
        summary: l.summary().to_string(),
        body: src.bodies.of(e).text.clone(),
        lang: l.lang().unwrap_or(&dir.site.data.language).to_string(),
        translations: l
            .translations()
            .iter()
            .map(|(lang, t)| Translated {
                lang: lang.clone(),
                summary: t.summary.clone().unwrap_or_default(),
                body: src.bodies.translated(e, lang).map(|b| b.text.clone()).unwrap_or_default(),
            })
            .collect(),
        topics: l.topics().to_vec(),
        topic_labels,
        places: l
            .locations()
            .iter()
            .map(|p| Place {
                city: p.city.clone(),
                region: p.region.clone(),
                lat: p.lat,
                lon: p.lon,
            })
            .collect(),
        languages: l.languages().to_vec(),
        language_labels: l
            .languages()
            .iter()
            .flat_map(|code| src.language_names[code.as_str()].iter().cloned())
            .collect(),
        modes: l.modes().iter().map(value_name).collect(),
        cost: l.cost().as_ref().map(value_name).unwrap_or_default(),
        audiences: l.audiences().to_vec(),
        access: access(l.locations()),
        status: status(l),
        slots: l
            .schedule()
            .and_then(|s| s.sessions.as_deref())
            .unwrap_or_default()
            .iter()
            .flat_map(crate::schedule::slots)
            .collect(),
        ..Default::default()
    }
}

/// The access features of any of a listing's locations, each once.
fn access(locations: &[Location]) -> Vec<String> {
    let all: BTreeSet<&String> = locations.iter().flat_map(|l| l.access.iter().flatten()).collect();
    all.into_iter().cloned().collect()
}

/// Whether visitors can turn to a listing now, as the index's `status`:
/// the listing's status when it is not running, else its intake.
fn status<T: Listing>(l: &T) -> String {
    match (l.status(), l.intake()) {
        (Status::Active, Some(Intake::Full)) => "full".into(),
        (Status::Active, Some(Intake::WaitingList)) => "waiting-list".into(),
        (Status::Active, _) => "open".into(),
        (other, _) => value_name(&other),
    }
}

fn program(src: &Sources, e: &Entry<Program>) -> IndexDoc {
    let (p, strings) = (&e.data, &src.strings);
    let kind = p.kind.map(|k| k.key().to_string()).unwrap_or_default();
    IndexDoc {
        organization: p.organization.clone().unwrap_or_default(),
        kind_labels: if kind.is_empty() {
            vec![]
        } else {
            strings
                .labels(&format!("kinds.{kind}"))
                .into_iter()
                .filter(|l| src.searched(l))
                .collect()
        },
        program_kind: kind,
        ..document(src, e)
    }
}

/// Every listing as a search document, specialists first, each in file
/// order. Made on the index's own thread, not in rayon's pool, which the
/// pages keep busy meanwhile.
pub(crate) fn documents(dir: &Directory, bodies: &Bodies, strings: &Strings) -> Vec<IndexDoc> {
    let codes = dir
        .specialists
        .iter()
        .flat_map(|e| e.data.languages())
        .chain(dir.programs.iter().flat_map(|e| e.data.languages()));
    let codes: BTreeSet<&str> = codes.map(String::as_str).collect();
    let site = dir.site.data.language.as_str();
    fn written_in<'a, T: Listing>(e: &'a Entry<T>, site: &'a str) -> impl Iterator<Item = &'a str> {
        let own = e.data.lang().unwrap_or(site);
        std::iter::once(own).chain(e.data.translations().keys().map(String::as_str))
    }
    let written_in = dir
        .specialists
        .iter()
        .flat_map(|e| written_in(e, site))
        .chain(dir.programs.iter().flat_map(|e| written_in(e, site)))
        .collect();
    let mut src = Sources { dir, strings, written_in, language_names: BTreeMap::new(), bodies };
    // Each language's names once, in the languages searched.
    let language_names = codes
        .into_iter()
        .map(|c| {
            let names = strings.labels(&format!("language_names.{c}"));
            (c, names.into_iter().filter(|l| src.searched(l)).collect())
        })
        .collect();
    src.language_names = language_names;
    dir.specialists
        .iter()
        .map(|e| document(&src, e))
        .chain(dir.programs.iter().map(|e| program(&src, e)))
        .collect()
}

/// One index file of a site: the whole directory's, or a region's.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct IndexFile {
    /// The region whose listings it holds; `None` for the whole directory.
    pub region: Option<String>,
    /// Its path in the site, named by its content.
    pub path: String,
    /// The path of its bodies file (the listings' bodies, fetched after
    /// the index), named by its content.
    pub bodies: String,
}

/// Builds the index files and their brotli and gzip copies into `out`:
/// one for the whole directory, or one per region when `site.yaml` sets
/// `search: {shard_by: region}`.
/// The index files are sent to `ready` as soon as they are named, before
/// their copies are made, so the search page need not wait for the
/// compression.
pub(crate) fn build(
    dir: &Directory,
    bodies: &Bodies,
    strings: &Strings,
    out: &Output,
    ready: Sender<Vec<IndexFile>>,
) -> Result<()> {
    let parts = parts(documents(dir, bodies, strings), dir.site.data.search.shard_by);
    // Regions' indexes are built side by side; one index on this thread,
    // not in rayon's pool, which the pages keep busy.
    let built: Vec<(IndexFile, peerdir_search::IndexFiles)> = match parts.len() {
        1 => parts.into_iter().map(|(region, docs)| one(region, &docs)).collect::<Result<_>>()?,
        _ => {
            parts.into_par_iter().map(|(region, docs)| one(region, &docs)).collect::<Result<_>>()?
        }
    };
    if built.iter().any(|(i, _)| i.region.is_some()) {
        let manifest: BTreeMap<&str, &str> = built
            .iter()
            .filter_map(|(i, _)| Some((i.region.as_deref()?, i.path.as_str())))
            .collect();
        out.put(shards_path(), (serde_json::to_string_pretty(&manifest)? + "\n").into_bytes())?;
    }
    // The receiver is gone only when the pages failed; their error is reported.
    let _ = ready.send(built.iter().map(|(i, _)| i.clone()).collect());
    built.into_iter().try_for_each(|(file, files)| {
        for (path, bytes) in [(file.path, files.index), (file.bodies, files.bodies)] {
            for (copy, compressed) in crate::compress::copies(&path, &bytes) {
                out.put(copy, compressed)?;
            }
            out.put(path, bytes)?;
        }
        Ok(())
    })
}

/// The documents of each index, by region (`None` for the whole
/// directory). Sharded by region, each region's index holds the listings
/// that meet people there and those that meet nowhere in person (online
/// and by phone only), which serve every region; a directory whose
/// listings name no region at all keeps one index.
fn parts(docs: Vec<IndexDoc>, shard_by: Option<ShardBy>) -> Vec<(Option<String>, Vec<IndexDoc>)> {
    match shard_by {
        Some(ShardBy::Region) if docs.iter().any(|d| !d.places.is_empty()) => {
            shards(&docs).into_iter().map(|(region, docs)| (Some(region), docs)).collect()
        }
        _ => vec![(None, docs)],
    }
}

fn shards(docs: &[IndexDoc]) -> BTreeMap<String, Vec<IndexDoc>> {
    let mut out: BTreeMap<String, Vec<IndexDoc>> = BTreeMap::new();
    for d in docs.iter().filter(|d| !d.places.is_empty()) {
        for region in d.places.iter().map(|p| p.region.clone()).collect::<BTreeSet<_>>() {
            out.entry(region).or_default().push(d.clone());
        }
    }
    for list in out.values_mut() {
        list.extend(docs.iter().filter(|d| d.places.is_empty()).cloned());
    }
    out
}

/// One index file and its bodies file, named by their content.
fn one(
    region: Option<String>,
    docs: &[IndexDoc],
) -> Result<(IndexFile, peerdir_search::IndexFiles)> {
    let files =
        peerdir_search::build_index(docs).map_err(|e| anyhow!("building the search index: {e}"))?;
    let path = format!("{}index-{:016x}.pdix", urls::SEARCH, fnv64(&files.index));
    let bodies = format!("{}{}", urls::SEARCH, files.bodies_name);
    Ok((IndexFile { region, path, bodies }, files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_carries_no_folder_of_the_machine_it_was_built_on() {
        let contains =
            |needle: &str| ENGINE_WASM.windows(needle.len()).any(|w| w == needle.as_bytes());
        // Panic locations of the crates it uses are compiled in, remapped.
        assert!(
            contains("cargo/registry/src/"),
            "no source paths in the engine: the test checks nothing"
        );
        assert!(!contains(env!("CARGO_MANIFEST_DIR")), "the checkout's folder is in the engine");
        assert!(!contains("/.cargo/registry"), "cargo's home folder is in the engine");
        if let Ok(home) = std::env::var("HOME") {
            assert!(!contains(&format!("{home}/")), "the home folder is in the engine");
        }
    }

    #[test]
    fn the_engine_is_named_by_its_content() {
        assert_eq!(engine_path(), format!("search/engine-{:016x}.wasm", fnv64(ENGINE_WASM)));
    }

    #[test]
    fn regions_shard_the_index_unless_no_listing_names_one() {
        let place =
            |region: &str| Place { city: "X".into(), region: region.into(), lat: None, lon: None };
        let doc = |url: &str, places: Vec<Place>| IndexDoc {
            url: url.into(),
            places,
            ..Default::default()
        };
        let docs = vec![
            doc("a", vec![place("North"), place("South"), place("North")]),
            doc("b", vec![place("South")]),
            doc("online", vec![]),
        ];
        let urls = |docs: &[IndexDoc]| docs.iter().map(|d| d.url.clone()).collect::<Vec<_>>();
        let sharded = parts(docs.clone(), Some(ShardBy::Region));
        assert_eq!(
            sharded.iter().map(|(r, d)| (r.clone().unwrap(), urls(d))).collect::<Vec<_>>(),
            [
                ("North".to_string(), vec!["a".to_string(), "online".to_string()]),
                ("South".to_string(), vec!["a".to_string(), "b".to_string(), "online".to_string()]),
            ]
        );
        let whole = parts(docs.clone(), None);
        assert_eq!((whole.len(), whole[0].0.clone(), whole[0].1.len()), (1, None, 3));
        let nowhere = parts(vec![doc("online", vec![])], Some(ShardBy::Region));
        assert_eq!((nowhere.len(), nowhere[0].0.clone()), (1, None), "no region named: one index");
    }
}
