//! The machine-readable files of a build: sitemap, robots.txt, Atom feed,
//! `api/listings.json` and the JSON-LD of listing pages parse, point at
//! pages that exist, carry review dates, and never publish consent records.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};

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
        let address =
            loc.strip_prefix("https://org.github.io/directory/").unwrap_or_else(|| panic!("{loc}"));
        assert!(resolve(&site, address).is_some(), "{loc} is not a page");
    }
    let alex = urls
        .iter()
        .find(|u| {
            u.descendants().any(|n| {
                n.text() == Some("https://org.github.io/directory/specialists/alex-river/")
            })
        })
        .unwrap();
    assert_eq!(
        alex.descendants().find(|n| n.has_tag_name("lastmod")).unwrap().text(),
        Some("2026-06-01")
    );
    let robots = text(&site, "robots.txt");
    assert!(robots.contains("Sitemap: https://org.github.io/directory/sitemap.xml"));
}

#[test]
fn feed_has_the_latest_reviews_first() {
    let (_tmp, site) = built("content");
    let xml = text(&site, "feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("feed parses");
    let entries: Vec<roxmltree::Node> =
        doc.descendants().filter(|n| n.has_tag_name("entry")).collect();
    assert_eq!(entries.len(), 42);
    let updated: Vec<&str> = entries
        .iter()
        .map(|e| e.descendants().find(|n| n.has_tag_name("updated")).unwrap().text().unwrap())
        .collect();
    assert!(updated.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_eq!(updated[0], "2026-11-02T00:00:00Z");
    for e in &entries {
        let id = e.descendants().find(|n| n.has_tag_name("id")).unwrap().text().unwrap();
        assert!(
            resolve(&site, id.strip_prefix("https://herstelgids.example/").unwrap()).is_some(),
            "{id}"
        );
    }
    assert!(text(&site, "index.html")
        .contains(r#"<link rel="alternate" type="application/atom+xml" href="/feed.xml""#));
}

#[test]
fn api_has_every_listing_without_consent() {
    let (_tmp, site) = built("content");
    let api: serde_json::Value =
        serde_json::from_slice(&site["api/listings.json"]).expect("api parses");
    assert_eq!(api["version"], 1);
    let listings = api["listings"].as_array().unwrap();
    assert_eq!(listings.len(), 42);
    assert!(
        !String::from_utf8_lossy(&site["api/listings.json"]).contains("consent"),
        "consent records stay private"
    );
    assert!(!String::from_utf8_lossy(&site["api/listings.json"]).contains("null"));
    for l in listings {
        let url = l["url"].as_str().unwrap();
        assert!(
            resolve(&site, url.strip_prefix("https://herstelgids.example/").unwrap()).is_some(),
            "{url}"
        );
        assert!(["specialist", "program"].contains(&l["type"].as_str().unwrap()));
    }
    let anna = listings.iter().find(|l| l["slug"] == "anna-de-vries").unwrap();
    assert_eq!(anna["topics"], serde_json::json!(["addiction/alcohol", "family"]));
    assert_eq!(anna["image_url"], "https://herstelgids.example/media/anna-de-vries.png");
    assert_eq!(anna["reviewed"], "2026-10-12");
    // An approximate location: only the city, coordinates to a tenth of a degree.
    let sanne = listings.iter().find(|l| l["slug"] == "sanne-bakker").unwrap();
    assert_eq!(
        sanne["locations"][0],
        serde_json::json!({"city": "Utrecht", "region": "Utrecht", "lat": 52.1, "lon": 5.1})
    );
    let services: serde_json::Value =
        serde_json::from_slice(&site["api/hsds/services.json"]).unwrap();
    let service = services.as_array().unwrap().iter().find(|s| s["name"] == "Sanne Bakker");
    let text = format!("{sanne}{}", service.unwrap())
        + &String::from_utf8_lossy(&site["specialists/sanne-bakker/index.html"]);
    for precise in ["3512", "3701", "52.0894", "5.1101", "5.2337"] {
        assert!(!text.contains(precise), "{precise} is published");
    }
}

#[test]
fn listing_pages_carry_schema_org_json_ld() {
    let (_tmp, site) = built("content");
    let mut seen = 0;
    for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let blocks = json_ld_blocks(&html);
        // Each listing page in each of the example's six languages.
        let parts: Vec<&str> = path.split('/').collect();
        let parts = match parts[..] {
            ["en" | "tr" | "ar" | "pl" | "uk", ..] => &parts[1..],
            _ => &parts[..],
        };
        let expected = match parts {
            ["specialists", _, "index.html"] => Some("Person"),
            ["programs", _, "index.html"] => Some("Service"),
            _ => None,
        };
        let Some(expected) = expected else {
            assert!(blocks.is_empty(), "{path} has JSON-LD");
            continue;
        };
        assert_eq!(blocks.len(), 1, "{path}");
        let data: serde_json::Value =
            serde_json::from_str(blocks[0]).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(data["@context"], "https://schema.org", "{path}");
        assert_eq!(data["@type"], expected, "{path}");
        let url = data["url"].as_str().unwrap();
        assert_eq!(
            url.strip_prefix("https://herstelgids.example/")
                .and_then(|a| resolve(&site, a))
                .as_deref(),
            Some(path.as_str())
        );
        assert!(
            !blocks[0].contains("consent") && !blocks[0].contains("scope"),
            "{path}: consent stays private"
        );
        seen += 1;
    }
    assert_eq!(seen, 42 * 6);
    let arabic =
        String::from_utf8_lossy(&site["ar/specialists/anna-de-vries/index.html"]).into_owned();
    let arabic: serde_json::Value = serde_json::from_str(json_ld_blocks(&arabic)[0]).unwrap();
    assert_eq!(arabic["url"], "https://herstelgids.example/ar/specialists/anna-de-vries/");
    assert_eq!(arabic["image"], "https://herstelgids.example/media/anna-de-vries.png");
    let anna = String::from_utf8_lossy(&site["specialists/anna-de-vries/index.html"]).into_owned();
    let anna: serde_json::Value = serde_json::from_str(json_ld_blocks(&anna)[0]).unwrap();
    assert_eq!(anna["name"], "Anna de Vries");
    assert_eq!(anna["image"], "https://herstelgids.example/media/anna-de-vries.png");
    assert_eq!(anna["address"][0]["addressLocality"], "Amsterdam");
    assert_eq!(anna["hasCredential"]["@type"], "EducationalOccupationalCredential");
    assert_eq!(
        anna["memberOf"][0]["url"],
        "https://herstelgids.example/programs/herstelacademie-amsterdam/"
    );
    let program =
        String::from_utf8_lossy(&site["programs/herstelmentoren-limburg/index.html"]).into_owned();
    let program: serde_json::Value = serde_json::from_str(json_ld_blocks(&program)[0]).unwrap();
    assert_eq!(program["provider"]["@type"], "Organization");
    assert_eq!(program["areaServed"][0]["address"]["addressLocality"], "Maastricht");
}

fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Every `id` anywhere in a value, with where it was found.
fn ids(v: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                if k == "id" {
                    out.push((child.as_str().unwrap().to_string(), path.to_string()));
                }
                ids(child, &format!("{path}.{k}"), out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| ids(i, path, out)),
        _ => {}
    }
}

#[test]
fn hsds_export_has_every_listing_linked_and_without_consent() {
    let (_tmp, site) = built("content");
    let load = |name: &str| -> Vec<serde_json::Value> {
        serde_json::from_slice(&site[&format!("api/hsds/{name}.json")])
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let (services, organizations, locations) =
        (load("services"), load("organizations"), load("locations"));
    assert_eq!(services.len(), 42, "every listing is a service");
    let by_id = |list: &[serde_json::Value]| -> BTreeMap<String, serde_json::Value> {
        list.iter().map(|o| (o["id"].as_str().unwrap().to_string(), o.clone())).collect()
    };
    let (orgs, locs) = (by_id(&organizations), by_id(&locations));
    assert_eq!(orgs.len(), organizations.len(), "organization ids are unique");
    assert_eq!(locs.len(), locations.len(), "location ids are unique");
    for o in &organizations {
        assert!(o["name"].is_string() && o["description"].is_string(), "{o}");
    }
    for l in &locations {
        assert_eq!(l["location_type"], "physical");
        assert!(l["name"].is_string());
    }
    for s in &services {
        let id = s["id"].as_str().unwrap();
        let closed =
            ["Kevin Martens", "Werk en Herstel Den Haag"].contains(&s["name"].as_str().unwrap());
        let status = if closed { "temporarily closed" } else { "active" };
        assert!(s["name"].is_string() && s["status"] == status, "{s}");
        let url = s["url"].as_str().unwrap();
        assert!(
            resolve(&site, url.strip_prefix("https://herstelgids.example/").unwrap()).is_some(),
            "{url}"
        );
        assert_eq!(
            orgs.get(s["organization_id"].as_str().unwrap()),
            Some(&s["organization"]),
            "{id}: its organization"
        );
        for at in s["service_at_locations"].as_array().unwrap() {
            assert_eq!(at["service_id"], id);
            assert_eq!(locs.get(at["location_id"].as_str().unwrap()), Some(&at["location"]));
        }
        for p in s["phones"].as_array().unwrap() {
            assert!(p["number"].is_string() && p["service_id"] == id);
        }
        for l in s["languages"].as_array().unwrap() {
            assert!(l["code"].as_str().unwrap().len() == 2 && l["service_id"] == id);
        }
    }
    // Every object has a UUID, and no two different objects share one.
    let mut all = Vec::new();
    for (name, list) in
        [("service", &services), ("organization", &organizations), ("location", &locations)]
    {
        list.iter().for_each(|v| ids(v, name, &mut all));
    }
    assert!(all.iter().all(|(id, _)| is_uuid(id)), "UUIDs");
    let mut distinct: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (id, path) in &all {
        distinct.entry(id).or_default().insert(path.rsplit('.').next().unwrap());
    }
    assert!(distinct.values().all(|kinds| kinds.len() == 1), "an id names one kind of object");
    let anna = services.iter().find(|s| s["name"] == "Anna de Vries").unwrap();
    assert_eq!(anna["contacts"][0]["name"], "Anna de Vries");
    assert_eq!(anna["assured_date"], "2026-10-12");
    let place = &anna["service_at_locations"][0]["location"];
    assert_eq!(place["name"], "Herstelacademie Oost");
    assert_eq!(place["description"], "Linnaeusstraat 35, 1091 Amsterdam, Noord-Holland");
    let sanne = services.iter().find(|s| s["name"] == "Sanne Bakker").unwrap();
    let place = &sanne["service_at_locations"][0]["location"];
    assert_eq!(place["description"], "Utrecht, Utrecht", "an approximate location is its city");
    assert_eq!(place["latitude"], 52.1, "an approximate location is rounded");
    let limburg = services.iter().find(|s| s["name"] == "Herstelmentoren Limburg").unwrap();
    assert_eq!(limburg["organization"]["name"], "Verslavingszorg Zuid");
    assert!(
        limburg["eligibility_description"].is_string()
            && limburg["application_process"].is_string()
    );
    let text: String = ["services", "organizations", "locations"]
        .iter()
        .map(|n| text(&site, &format!("api/hsds/{n}.json")))
        .collect();
    assert!(
        !text.contains("consent") && !text.contains("vermelding met naam"),
        "consent records stay private"
    );
}

#[test]
fn hsds_service_areas_name_each_region_once() {
    let (tmp, content) = temp_copy(&fixture("minimal"));
    let file = content.join("programs/sober-circle.md");
    let places = "  - city: Northtown\n    region: North\n  - city: Southport\n    region: South\n  - city: Northbay\n    region: North\n";
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("  - city: Northtown\n    region: North\n", places);
    std::fs::write(&file, text).unwrap();
    let out = tmp.path().join("public");
    build_site(&content, &out);
    let services: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(out.join("api/hsds/services.json")).unwrap())
            .unwrap();
    let circle = services.iter().find(|s| s["name"] == "Sober Circle").unwrap();
    let areas: Vec<&str> = circle["service_areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(areas, ["North", "South"]);
    assert_eq!(circle["service_at_locations"].as_array().unwrap().len(), 3);
}
