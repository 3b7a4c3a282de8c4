//! Machine-readable files of every build: `sitemap.xml` (with `lastmod` from
//! `reviewed`, and each page's versions in the other interface languages),
//! `robots.txt` and an Atom `feed.xml` of listings by last review in each
//! interface language (`api/listings.json` is made by [`super::api`]).

use crate::content::model::Listing;
use crate::content::{Directory, Entry};
use crate::dates;
use crate::output::Output;
use crate::render::SiteView;
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

/// A listing as the feed in `lang` shows it: its summary in `lang` when
/// it has one.
fn item<T: Listing>(e: &Entry<T>, lang: &str) -> Item {
    let l = &e.data;
    Item {
        url: crate::urls::listing::<T>(&e.slug),
        name: l.name().to_string(),
        summary: l.summary_in(lang).to_string(),
        reviewed: l.reviewed().and_then(dates::parse).map(dates::iso),
    }
}

fn items(dir: &Directory, lang: &str) -> Vec<Item> {
    let specialists = dir.specialists.iter().map(|e| item(e, lang));
    specialists.chain(dir.programs.iter().map(|e| item(e, lang))).collect()
}

/// Adds the feed of the interface language of `site` to the site, in the
/// folder of its pages.
pub(crate) fn add(out: &Output, dir: &Directory, site: &SiteView) -> Result<()> {
    let feed = feed(dir, items(dir, &site.language), site);
    out.put(format!("{}feed.xml", site.folder()), feed.into_bytes())
}

/// Adds the sitemap and `robots.txt` to the site. `out` holds the HTML
/// pages already rendered; `site` is the first language's.
pub(crate) fn site_files(out: &Output, dir: &Directory, site: &SiteView) -> Result<()> {
    let site_url = site.root_url();
    let items = items(dir, &site.language);
    out.put("sitemap.xml".into(), sitemap(&out.paths(), &items, site).into_bytes())?;
    out.put(
        "robots.txt".into(),
        format!("User-agent: *\nAllow: /\nSitemap: {site_url}sitemap.xml\n").into_bytes(),
    )
}

/// Every page but the 404, the search page and further pages of lists,
/// from the sorted paths of the site; a page in several languages is
/// listed in each, with the others as its alternates.
fn sitemap(paths: &BTreeSet<String>, items: &[Item], site: &SiteView) -> String {
    let reviewed: BTreeMap<&str, &str> =
        items.iter().filter_map(|i| Some((i.url.as_str(), i.reviewed.as_deref()?))).collect();
    let in_other_language =
        |p: &str| site.languages.iter().skip(1).any(|l| p.starts_with(&format!("{}/", l.code)));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if !site.languages.is_empty() {
        out.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    out.push_str(">\n");
    for path in paths.iter().filter(|p| {
        p.ends_with("index.html")
            && !crate::urls::is_further_page(p)
            && !p.starts_with(crate::urls::SEARCH)
            && !in_other_language(p)
    }) {
        let address = path.trim_end_matches("index.html");
        let lastmod = reviewed.get(address).map(|day| format!("<lastmod>{day}</lastmod>"));
        let url = |base: &str| xml(&format!("{}{base}{address}", site.origin));
        let alternates: String = site
            .languages
            .iter()
            .map(|l| {
                format!(
                    "\n    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    l.code,
                    url(&l.base)
                )
            })
            .collect();
        let bases = match site.languages.as_slice() {
            [] => vec![site.root.as_str()],
            all => all.iter().map(|l| l.base.as_str()).collect(),
        };
        for base in bases {
            out.push_str(&format!("  <url><loc>{}</loc>", url(base)));
            out.push_str(lastmod.as_deref().unwrap_or_default());
            out.push_str(&alternates);
            out.push_str(if alternates.is_empty() { "</url>\n" } else { "\n  </url>\n" });
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// An Atom feed of the most recently reviewed listings (new and updated).
fn feed(dir: &Directory, mut items: Vec<Item>, site: &SiteView) -> String {
    let site_url = &site.url();
    items.sort_by(|a, b| b.reviewed.cmp(&a.reviewed).then(a.url.cmp(&b.url)));
    items.truncate(FEED_ENTRIES);
    let stamp = |d: &Option<String>| format!("{}T00:00:00Z", d.as_deref().unwrap_or("1970-01-01"));
    let updated = stamp(&items.first().and_then(|i| i.reviewed.clone()));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"alternate\" href=\"{}\"/>\n  <link rel=\"self\" href=\"{}feed.xml\"/>\n  <updated>{updated}</updated>\n",
        xml(&site.language),
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
