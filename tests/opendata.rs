//! The machine-readable files of a build: sitemap, robots.txt, Atom feed,
//! `api/listings.json` and the JSON-LD of listing pages parse, point at
//! pages that exist, carry review dates, and never publish consent records.

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

#[test]
fn listing_pages_carry_schema_org_json_ld() {
    let (_tmp, site) = built("content");
    let mut seen = 0;
    for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let blocks = json_ld_blocks(&html);
        let expected = match path.split('/').collect::<Vec<_>>()[..] {
            ["specialists", _, "index.html"] => Some("Person"),
            ["programs", _, "index.html"] => Some("Service"),
            _ => None,
        };
        let Some(expected) = expected else {
            assert!(blocks.is_empty(), "{path} has JSON-LD");
            continue;
        };
        assert_eq!(blocks.len(), 1, "{path}");
        let data: serde_json::Value = serde_json::from_str(blocks[0]).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(data["@context"], "https://schema.org", "{path}");
        assert_eq!(data["@type"], expected, "{path}");
        let url = data["url"].as_str().unwrap();
        assert_eq!(url.strip_prefix("https://herstelgids.example/").and_then(|a| resolve(&site, a)).as_deref(), Some(path.as_str()));
        assert!(!blocks[0].contains("consent") && !blocks[0].contains("scope"), "{path}: consent stays private");
        seen += 1;
    }
    assert_eq!(seen, 42);
    let anna = String::from_utf8_lossy(&site["specialists/anna-de-vries/index.html"]).into_owned();
    let anna: serde_json::Value = serde_json::from_str(json_ld_blocks(&anna)[0]).unwrap();
    assert_eq!(anna["name"], "Anna de Vries");
    assert_eq!(anna["image"], "https://herstelgids.example/media/anna-de-vries.png");
    assert_eq!(anna["address"][0]["addressLocality"], "Amsterdam");
    assert_eq!(anna["hasCredential"]["@type"], "EducationalOccupationalCredential");
    assert_eq!(anna["memberOf"][0]["url"], "https://herstelgids.example/programs/herstelacademie-amsterdam/");
    let program = String::from_utf8_lossy(&site["programs/herstelmentoren-limburg/index.html"]).into_owned();
    let program: serde_json::Value = serde_json::from_str(json_ld_blocks(&program)[0]).unwrap();
    assert_eq!(program["provider"]["@type"], "Organization");
    assert_eq!(program["areaServed"][0]["address"]["addressLocality"], "Maastricht");
}
