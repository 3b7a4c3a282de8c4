//! `peerdir search`: runs a query against a built site's index file with
//! the same engine the browser runs, and prints the ranked results.

use crate::index::FOLDER;
use anyhow::{bail, Context as _, Result};
use peerdir_search::{Engine, SearchRequest, SearchResponse};
use std::path::{Path, PathBuf};

/// The index file of a built site (`search/index-<hash>.pdix`).
pub fn index_file(site: &Path) -> Result<PathBuf> {
    let dir = site.join(FOLDER);
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

/// Parses `--filter facet=value`.
pub fn parse_filter(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((f, v)) if !f.is_empty() && !v.is_empty() => Ok((f.to_string(), v.to_string())),
        _ => Err(format!("`{s}`: write a filter as facet=value, e.g. topic=addiction/alcohol")),
    }
}

pub fn run(site: &Path, request: &SearchRequest) -> Result<SearchResponse> {
    let path = index_file(site)?;
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let engine = Engine::open(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    engine.search(request).map_err(|e| anyhow::anyhow!("search failed: {e}"))
}

/// The results as lines for a terminal.
pub fn format(resp: &SearchResponse) -> String {
    let mut out = String::new();
    if let Some(p) = &resp.near {
        out.push_str(&format!("near {} ({:.4}, {:.4})\n", p.name, p.lat, p.lon));
    }
    for (i, h) in resp.hits.iter().enumerate() {
        let distance = h.distance_km.map(|d| format!("  {d} km")).unwrap_or_default();
        out.push_str(&format!("{:>3}. {:>8.4}  {}  {}{}\n", i + 1, h.score, h.name, h.url, distance));
    }
    out.push_str(&format!("{} result{}\n", resp.total, if resp.total == 1 { "" } else { "s" }));
    out
}
