//! The search page (`search/`): the form and the filters, rendered with
//! their labels so the page script only fills in results and counts. The
//! script and the worker load the engine and the index named here.

use super::browse::topic_tree;
use super::view::{Card, Link};
use super::{PageMeta, Renderer};
use crate::content::model::{value_name, Day, Mode, ProgramKind, Term};
use crate::content::Directory;
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeSet;

/// The search files of the site, by path.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct SearchFiles {
    pub engine: String,
    /// The whole directory's index; empty when the index is sharded.
    pub index: String,
    /// The whole directory's bodies file; empty when the index is sharded.
    pub bodies: String,
    /// The regions' indexes when the index is sharded by region.
    pub shards: Vec<crate::index::IndexFile>,
}

impl SearchFiles {
    /// The engine and the index files the index stage made: the whole
    /// directory's, or one per region.
    pub(crate) fn new(index: Vec<crate::index::IndexFile>) -> SearchFiles {
        let (whole, shards): (Vec<_>, Vec<_>) = index.into_iter().partition(|i| i.region.is_none());
        let (index, bodies) =
            whole.into_iter().next().map(|i| (i.path, i.bodies)).unwrap_or_default();
        SearchFiles { engine: crate::index::engine_path(), index, bodies, shards }
    }
}

/// A filter option: a facet value with its label.
#[derive(Serialize)]
struct Option_ {
    value: String,
    label: String,
    /// 1 for subtopics, shown indented under their parent.
    depth: usize,
}

#[derive(Serialize)]
struct Facet {
    name: &'static str,
    legend: String,
    options: Vec<Option_>,
}

fn option(value: &str, label: String, depth: usize) -> Option_ {
    Option_ { value: value.to_string(), label, depth }
}

fn facets(r: &Renderer, dir: &Directory, cards: &[Card]) -> Result<Vec<Facet>> {
    let legend = |name: &str| r.text(&format!("search.facets.{name}"));
    let topics = topic_tree(r.ctx, dir, cards)
        .into_iter()
        .flat_map(|top| {
            let key = |l: &Link| crate::urls::topic_key(&l.url).to_string();
            let parent = option(&key(&top), top.label.clone(), 0);
            std::iter::once(parent).chain(
                top.children
                    .iter()
                    .map(|c| option(&key(c), c.label.clone(), 1))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let mut regions: Vec<&str> = cards
        .iter()
        .flat_map(|c| c.regions.iter().map(String::as_str))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    regions.sort_by_cached_key(|n| super::view::sort_key(n));
    let languages: BTreeSet<&str> =
        cards.iter().flat_map(|c| c.languages.iter().map(String::as_str)).collect();
    let mut languages: Vec<Option_> =
        languages.into_iter().map(|l| option(l, r.ctx.language(l), 0)).collect();
    languages.sort_by_cached_key(|o| super::view::sort_key(&o.label));
    let kinds = ProgramKind::ALL
        .iter()
        .map(|k| Ok(option(k.key(), r.ctx.kind(*k)?, 0)))
        .collect::<Result<_>>()?;
    let modes = Mode::ALL
        .iter()
        .map(|m| Ok(option(&value_name(m), r.text(&format!("modes.{}", value_name(m)))?, 0)))
        .collect::<Result<_>>()?;
    Ok(vec![
        Facet {
            name: "type",
            legend: legend("type")?,
            options: vec![
                option("specialist", r.text("card.specialist")?, 0),
                option("program", r.text("card.program")?, 0),
            ],
        },
        Facet { name: "topic", legend: legend("topic")?, options: topics },
        Facet {
            name: "region",
            legend: legend("region")?,
            options: regions.iter().map(|n| option(n, n.to_string(), 0)).collect(),
        },
        Facet { name: "program_kind", legend: legend("program_kind")?, options: kinds },
        Facet { name: "language", legend: legend("language")?, options: languages },
        Facet { name: "mode", legend: legend("mode")?, options: modes },
        Facet {
            name: "audience",
            legend: legend("audience")?,
            options: terms(r, "audiences", &dir.taxonomy.data.audiences),
        },
        Facet {
            name: "access",
            legend: legend("access")?,
            options: terms(r, "access", &dir.taxonomy.data.access),
        },
        Facet {
            name: "status",
            legend: legend("status")?,
            options: vec![
                option("open", r.text("intake.open")?, 0),
                option("waiting-list", r.text("intake.waiting-list")?, 0),
                option("full", r.text("intake.full")?, 0),
                option("temporarily-closed", r.text("status.temporarily-closed")?, 0),
                option("ended", r.text("status.ended")?, 0),
            ],
        },
    ])
}

/// The options of a taxonomy list (`audiences`, `access`), in its order.
fn terms(r: &Renderer, list: &'static str, terms: &[Term]) -> Vec<Option_> {
    terms.iter().map(|t| option(&t.key, r.ctx.term(list, &t.key), 0)).collect()
}

/// The filters on sessions, worked out on the device from its clock:
/// the day (today, this week, a weekday) and the time of day.
fn session_filters(r: &Renderer) -> Result<Vec<Facet>> {
    let days = ["today", "week"]
        .iter()
        .map(|d| Ok(option(d, r.text(&format!("search.days.{d}"))?, 0)))
        .chain(Day::ALL.iter().map(|d| {
            let name = value_name(d);
            Ok(option(&name, r.text(&format!("days.{name}"))?, 0))
        }))
        .collect::<Result<_>>()?;
    let times = ["morning", "afternoon", "evening"]
        .iter()
        .map(|t| Ok(option(t, r.text(&format!("search.times.{t}"))?, 0)))
        .collect::<Result<_>>()?;
    Ok(vec![
        Facet { name: "day", legend: r.text("search.facets.day")?, options: days },
        Facet { name: "time", legend: r.text("search.facets.time")?, options: times },
    ])
}

/// Renders `search/index.html`.
pub(crate) fn render(
    r: &Renderer,
    dir: &Directory,
    cards: &[Card],
    files: &SearchFiles,
) -> Result<()> {
    #[derive(Serialize)]
    struct View<'a> {
        files: &'a SearchFiles,
        facets: Vec<Facet>,
        sessions: Vec<Facet>,
        /// The site's time zone, in which the device's clock is read.
        timezone: &'a str,
        places: Vec<String>,
        /// The engine's bounds on a query, for the field and the notice.
        max_query_chars: usize,
        max_query_words: usize,
    }
    let mut places: Vec<String> = dir
        .specialists
        .iter()
        .flat_map(|e| e.data.locations.iter().flatten())
        .chain(dir.programs.iter().flat_map(|e| e.data.locations.iter().flatten()))
        .map(|l| l.city.clone())
        .collect();
    places.sort();
    places.dedup();
    let meta = PageMeta {
        title: r.text("search.title")?,
        description: None,
        url: crate::urls::SEARCH.into(),
        lang: None,
    };
    let (max_query_chars, max_query_words) =
        (peerdir_search::engine::MAX_QUERY_CHARS, peerdir_search::engine::MAX_QUERY_WORDS);
    let data = View {
        files,
        facets: facets(r, dir, cards)?,
        sessions: session_filters(r)?,
        timezone: &dir.site.data.timezone,
        places,
        max_query_chars,
        max_query_words,
    };
    r.page("search.html", crate::urls::SEARCH, meta, data)
}
