//! `peerdir search`: runs a query against a built site's index file with
//! the same engine the browser runs, and prints the ranked results.

use crate::content::suggest::did_you_mean;
use crate::index::shards_path;
use crate::urls;
use anyhow::{bail, Context as _, Result};
use peerdir_search::schema::FACETS;
use peerdir_search::{Engine, Filter, SearchRequest, SearchResponse};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The index file of a built site (`search/index-<hash>.pdix`), or of one
/// region's when the index is sharded by region.
pub(crate) fn index_file(site: &Path, region: Option<&str>) -> Result<PathBuf> {
    let shards = site.join(shards_path());
    if shards.exists() {
        return shard_file(site, &shards, region);
    }
    if region.is_some() {
        bail!("{} has one index for the whole directory; leave out --in", site.display());
    }
    let dir = site.join(urls::SEARCH);
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("{} has no search index; build the site first", site.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdix"))
        .collect();
    found.sort();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => bail!("no index file in {}", dir.display()),
        _ => bail!("more than one index file in {}", dir.display()),
    }
}

/// A region's index of a site whose index is sharded by region.
fn shard_file(site: &Path, manifest: &Path, region: Option<&str>) -> Result<PathBuf> {
    let text = std::fs::read_to_string(manifest)
        .with_context(|| format!("cannot read {}", manifest.display()))?;
    let shards: BTreeMap<String, String> = serde_json::from_str(&text)
        .with_context(|| format!("{} is not valid", manifest.display()))?;
    let names = || shards.keys().cloned().collect::<Vec<_>>().join(", ");
    match region {
        None => bail!("this site's index is sharded by region; choose one with --in ({})", names()),
        Some(r) => match shards.get(r) {
            Some(path) => Ok(site.join(path)),
            None => bail!("no region {r} in this site's index; the regions are {}", names()),
        },
    }
}

/// Parses `--filter facet=value`.
pub(crate) fn parse_filter(s: &str) -> Result<Filter, String> {
    match s.split_once('=') {
        Some((f, v)) if !f.is_empty() && !v.is_empty() => Ok(Filter::new(f, v)),
        _ => Err(format!("`{s}`: write a filter as facet=value, e.g. topic=addiction/alcohol")),
    }
}

pub(crate) fn run(
    site: &Path,
    region: Option<&str>,
    request: &SearchRequest,
) -> Result<SearchResponse> {
    for Filter { facet, .. } in &request.filters {
        if !FACETS.contains(&facet.as_str()) {
            let hint = did_you_mean(facet, FACETS).map(|h| format!("{h} ")).unwrap_or_default();
            bail!(
                "--filter: there is no facet `{facet}`; {hint}the facets are {}",
                FACETS.join(", ")
            );
        }
    }
    let path = index_file(site, region)?;
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut engine =
        Engine::open(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    // The listings' bodies, beside the index: snippets and phrases need them.
    let bodies = path.with_file_name(&engine.meta().bodies);
    let bytes =
        std::fs::read(&bodies).with_context(|| format!("cannot read {}", bodies.display()))?;
    engine.add_bodies(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", bodies.display()))?;
    if let Some(place) = request.near.as_deref().filter(|p| engine.resolve_place(p).is_none()) {
        let names: Vec<&str> = engine.meta().places.iter().map(|p| p.name.as_str()).collect();
        let hint = did_you_mean(place, &names).map(|h| format!("; {h}")).unwrap_or_default();
        bail!("--near: no city or region `{place}` in this directory{hint}");
    }
    let response = engine.search(request).map_err(|e| anyhow::anyhow!("search failed: {e}"))?;
    if response.shortened {
        eprintln!(
            "note: only the first {} words (and {} characters) of a query are searched",
            peerdir_search::engine::MAX_QUERY_WORDS,
            peerdir_search::engine::MAX_QUERY_CHARS
        );
    }
    Ok(response)
}

/// The results as lines for a terminal.
pub(crate) fn format(resp: &SearchResponse) -> String {
    let mut out = String::new();
    if let Some(p) = &resp.near {
        out.push_str(&format!("near {} ({:.4}, {:.4})\n", p.name, p.lat, p.lon));
    }
    for (i, h) in resp.hits.iter().enumerate() {
        let distance = h.distance_km.map(|d| format!("  {d} km")).unwrap_or_default();
        out.push_str(&format!(
            "{:>3}. {:>8.4}  {}  {}{}\n",
            i + 1,
            h.score,
            h.name,
            h.url,
            distance
        ));
    }
    out.push_str(&format!("{} result{}\n", resp.total, if resp.total == 1 { "" } else { "s" }));
    out
}
