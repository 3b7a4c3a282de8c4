//! The machine-readable files of a build: sitemap, robots.txt, Atom feed
//! and `api/listings.json` parse, point at pages that exist, carry review
//! dates, and never publish consent records.

mod common;
use common::*;
use std::collections::BTreeMap;

fn built(source: &str) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let (tmp, out) = build_temp(source);
    let site = read_site(&out);
    (tmp, site)
}

fn text(site: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(site[path].clone()).unwrap()
}

#[test]
fn sitemap_lists_pages_with_review_dates() {
    let (_tmp, site) = built("tests/fixtures/minimal");
    let xml = text(&site, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap parses");
    let urls: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("url")).collect();
    assert!(urls.len() > 15);
    for url in &urls {
        let loc = url.children().find(|n| n.has_tag_name("loc")).unwrap().text().unwrap();
        let address = loc.strip_prefix("https://org.github.io/directory/").unwrap_or_else(|| panic!("{loc}"));
        assert!(resolve(&site, address).is_some(), "{loc} is not a page");
    }
    let alex =
        urls.iter().find(|u| u.descendants().any(|n| n.text() == Some("https://org.github.io/directory/specialists/alex-river/"))).unwrap();
    assert_eq!(alex.descendants().find(|n| n.has_tag_name("lastmod")).unwrap().text(), Some("2026-06-01"));
    let robots = text(&site, "robots.txt");
    assert!(robots.contains("Sitemap: https://org.github.io/directory/sitemap.xml"));
}

#[test]
fn feed_has_the_latest_reviews_first() {
    let (_tmp, site) = built("content");
    let xml = text(&site, "feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("feed parses");
    let entries: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("entry")).collect();
    assert_eq!(entries.len(), 42);
    let updated: Vec<&str> = entries.iter().map(|e| e.descendants().find(|n| n.has_tag_name("updated")).unwrap().text().unwrap()).collect();
    assert!(updated.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_eq!(updated[0], "2026-11-02T00:00:00Z");
    for e in &entries {
        let id = e.descendants().find(|n| n.has_tag_name("id")).unwrap().text().unwrap();
        assert!(resolve(&site, id.strip_prefix("https://herstelgids.example/").unwrap()).is_some(), "{id}");
    }
    assert!(text(&site, "index.html").contains(r#"<link rel="alternate" type="application/atom+xml" href="/feed.xml""#));
}

#[test]
fn api_has_every_listing_without_consent() {
    let (_tmp, site) = built("content");
    let api: serde_json::Value = serde_json::from_slice(&site["api/listings.json"]).expect("api parses");
    assert_eq!(api["version"], 1);
    let listings = api["listings"].as_array().unwrap();
    assert_eq!(listings.len(), 42);
    assert!(!String::from_utf8_lossy(&site["api/listings.json"]).contains("consent"), "consent records stay private");
    assert!(!String::from_utf8_lossy(&site["api/listings.json"]).contains("null"));
    for l in listings {
        let url = l["url"].as_str().unwrap();
        assert!(resolve(&site, url.strip_prefix("https://herstelgids.example/").unwrap()).is_some(), "{url}");
        assert!(["specialist", "program"].contains(&l["type"].as_str().unwrap()));
    }
    let anna = listings.iter().find(|l| l["slug"] == "anna-de-vries").unwrap();
    assert_eq!(anna["topics"], serde_json::json!(["addiction/alcohol", "family"]));
    assert_eq!(anna["image_url"], "https://herstelgids.example/media/anna-de-vries.png");
    assert_eq!(anna["reviewed"], "2026-10-12");
}
