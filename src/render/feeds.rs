//! Machine-readable files of every build: `sitemap.xml` (with `lastmod` from
//! `reviewed`), `robots.txt` and an Atom `feed.xml` of listings by last
//! review (`api/listings.json` is made by [`super::api`]).

use crate::content::model::Listing;
use crate::content::{Directory, Entry};
use crate::dates;
use crate::output::Output;
use anyhow::Result;
use peerdir_shared::html::escaped as xml;
use std::collections::{BTreeMap, BTreeSet};

/// Entries in the feed: the most recently reviewed listings.
const FEED_ENTRIES: usize = 50;

/// A listing as the feed and the sitemap see it.
struct Item {
    url: String,
    name: String,
    summary: String,
    /// `YYYY-MM-DD`, when valid.
    reviewed: Option<String>,
}

fn item<T: Listing>(e: &Entry<T>) -> Item {
    let l = &e.data;
    Item {
        url: crate::urls::listing::<T>(&e.slug),
        name: l.name().to_string(),
        summary: l.summary().to_string(),
        reviewed: l.reviewed().and_then(dates::parse).map(dates::iso),
    }
}

fn items(dir: &Directory) -> Vec<Item> {
    dir.specialists.iter().map(item).chain(dir.programs.iter().map(item)).collect()
}

/// Adds the sitemap, `robots.txt` and the feed to the site. `out` holds
/// the HTML pages already rendered.
pub(crate) fn add(out: &Output, dir: &Directory, site_url: &str) -> Result<()> {
    let items = items(dir);
    let sitemap = sitemap(&out.paths(), &items, site_url);
    out.put("sitemap.xml".into(), sitemap.into_bytes())?;
    out.put(
        "robots.txt".into(),
        format!("User-agent: *\nAllow: /\nSitemap: {site_url}sitemap.xml\n").into_bytes(),
    )?;
    out.put("feed.xml".into(), feed(dir, items, site_url).into_bytes())
}

/// Every page but the 404, the search page and further pages of lists,
/// from the sorted paths of the site.
fn sitemap(paths: &BTreeSet<String>, items: &[Item], site_url: &str) -> String {
    let reviewed: BTreeMap<&str, &str> =
        items.iter().filter_map(|i| Some((i.url.as_str(), i.reviewed.as_deref()?))).collect();
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in paths.iter().filter(|p| {
        p.ends_with("index.html")
            && !crate::urls::is_further_page(p)
            && !p.starts_with(crate::urls::SEARCH)
    }) {
        let address = path.trim_end_matches("index.html");
        out.push_str(&format!("  <url><loc>{}</loc>", xml(&format!("{site_url}{address}"))));
        if let Some(day) = reviewed.get(address) {
            out.push_str(&format!("<lastmod>{day}</lastmod>"));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// An Atom feed of the most recently reviewed listings (new and updated).
fn feed(dir: &Directory, mut items: Vec<Item>, site_url: &str) -> String {
    items.sort_by(|a, b| b.reviewed.cmp(&a.reviewed).then(a.url.cmp(&b.url)));
    items.truncate(FEED_ENTRIES);
    let stamp = |d: &Option<String>| format!("{}T00:00:00Z", d.as_deref().unwrap_or("1970-01-01"));
    let updated = stamp(&items.first().and_then(|i| i.reviewed.clone()));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"alternate\" href=\"{}\"/>\n  <link rel=\"self\" href=\"{}feed.xml\"/>\n  <updated>{updated}</updated>\n",
        xml(&dir.site.data.language),
        xml(&dir.site.data.title),
        xml(site_url),
        xml(site_url),
        xml(site_url)
    );
    for i in &items {
        let url = xml(&format!("{site_url}{}", i.url));
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{url}</id>\n    <link rel=\"alternate\" href=\"{url}\"/>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
            xml(&i.name),
            stamp(&i.reviewed),
            xml(&dir.site.data.title),
            xml(&i.summary)
        ));
    }
    out.push_str("</feed>\n");
    out
}
