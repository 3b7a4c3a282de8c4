//! The Open Referral HSDS 3.0 export: the directory as Human Services Data
//! Specification objects, so referral systems and other directories can
//! take it over. Written to `api/hsds/`:
//!
//! - `services.json`: every listing as a service (a program, or the peer
//!   support a specialist offers), each with its organization, phones,
//!   contacts, languages, service areas and service-at-locations (with
//!   their location) nested, as HSDS's compiled service schema has them;
//! - `organizations.json`: the organizations (a program's `organization`,
//!   the program itself when it names none, and the directory for
//!   specialists who work with no program);
//! - `locations.json`: every place listings name.
//!
//! Identifiers are UUIDs derived from the site address and the listing's
//! slug, so they stay the same from build to build. Consent records are
//! never exported.

use super::urls;
use super::view::Labels;
use crate::content::model::{value_name, Listing, Location, Program, Specialist};
use crate::content::{Directory, Entry};
use crate::dates;
use crate::index::fnv64;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// A stable UUID for `key` (RFC 9562 version 8: the bits are a hash of the
/// site address and the key).
fn uuid(site_url: &str, key: &str) -> String {
    let a = fnv64(format!("hsds-a:{site_url}:{key}").as_bytes());
    let b = fnv64(format!("hsds-b:{site_url}:{key}").as_bytes());
    let a = (a & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_8000;
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xffff, b >> 48, b & 0xffff_ffff_ffff)
}

/// Everything the export is built from, and the objects made so far.
struct Export<'a> {
    dir: &'a Directory,
    labels: &'a Labels<'a>,
    site_url: &'a str,
    organizations: BTreeMap<String, Value>,
    locations: BTreeMap<String, Value>,
}

impl Export<'_> {
    fn id(&self, key: &str) -> String {
        uuid(self.site_url, key)
    }

    /// The organization called `name`, made on first use; its id.
    fn organization(&mut self, name: &str, description: &str, website: Option<&str>) -> String {
        let id = self.id(&format!("organization:{name}"));
        self.organizations.entry(id.clone()).or_insert_with(|| {
            let mut o = json!({ "id": id, "name": name, "description": description });
            if let Some(w) = website {
                o["website"] = json!(w);
            }
            o
        });
        id
    }

    /// The directory itself, as the organization of specialists who work with no program.
    fn directory_organization(&mut self) -> String {
        let site = &self.dir.site.data;
        let description = site.description.clone().unwrap_or_else(|| site.title.clone());
        let (title, url) = (site.title.clone(), self.site_url.to_string());
        self.organization(&title, &description, Some(&url))
    }

    fn program_organization(&mut self, p: &Program) -> String {
        match &p.organization {
            Some(org) => self.organization(org, p.summary(), None),
            None => self.organization(p.name(), p.summary(), p.contact.as_ref().and_then(|c| c.website.as_deref())),
        }
    }

    /// The location of a place, made on first use; its id.
    fn location(&mut self, l: &Location) -> String {
        let key = format!("location:{}|{}|{:?}|{:?}", l.city, l.region, l.lat, l.lon);
        let id = self.id(&key);
        self.locations.entry(id.clone()).or_insert_with(|| {
            let mut loc = json!({ "id": id, "location_type": "physical", "name": l.city, "description": l.region });
            if let (Some(lat), Some(lon)) = (l.lat, l.lon) {
                loc["latitude"] = json!(lat);
                loc["longitude"] = json!(lon);
            }
            loc
        });
        id
    }

    /// The service of one listing, with the objects HSDS nests in it.
    fn service<T: Listing>(&mut self, e: &Entry<T>, organization_id: String, key: &str) -> Map<String, Value> {
        let l = &e.data;
        let id = self.id(key);
        let mut s = Map::new();
        s.insert("id".into(), json!(id));
        s.insert("organization_id".into(), json!(organization_id));
        s.insert("name".into(), json!(l.name()));
        let body = e.file.body.trim();
        let description = if body.is_empty() { l.summary().to_string() } else { format!("{}\n\n{body}", l.summary()) };
        s.insert("description".into(), json!(description));
        s.insert("url".into(), json!(format!("{}{}", self.site_url, super::view::address::<T>(&e.slug))));
        s.insert("status".into(), json!("active"));
        if let Some(email) = l.contact().and_then(|c| c.email.as_deref()) {
            s.insert("email".into(), json!(email));
        }
        if let Some(d) = l.reviewed().and_then(dates::parse) {
            s.insert("assured_date".into(), json!(dates::iso(d)));
        }
        if let Some(c) = l.cost() {
            s.insert("fees_description".into(), json!(self.labels.text(&format!("costs.{}", value_name(&c)))));
        }
        let phones: Vec<Value> =
            l.contact().and_then(|c| c.phone.as_deref()).into_iter().map(|n| self.phone(("service_id", &id), n)).collect();
        s.insert("phones".into(), json!(phones));
        let languages: Vec<Value> = l
            .languages()
            .iter()
            .map(|c| json!({ "id": self.id(&format!("{key}:language:{c}")), "service_id": id, "name": self.labels.language(c), "code": c }))
            .collect();
        s.insert("languages".into(), json!(languages));
        let mut regions: Vec<&str> = Vec::new();
        for p in l.locations() {
            if !regions.contains(&p.region.as_str()) {
                regions.push(&p.region);
            }
        }
        let areas: Vec<Value> =
            regions.iter().map(|r| json!({ "id": self.id(&format!("{key}:area:{r}")), "service_id": id, "name": r })).collect();
        s.insert("service_areas".into(), json!(areas));
        let at: Vec<Value> = l
            .locations()
            .iter()
            .map(|place| {
                let location_id = self.location(place);
                json!({
                    "id": self.id(&format!("{key}:at:{location_id}")),
                    "service_id": id,
                    "location_id": location_id,
                    "location": self.locations[&location_id],
                })
            })
            .collect();
        s.insert("service_at_locations".into(), json!(at));
        s.insert("organization".into(), self.organizations[&organization_id].clone());
        s
    }

    /// A phone of a service or contact: `owner` is `service_id` or `contact_id`.
    fn phone(&self, owner: (&str, &str), number: &str) -> Value {
        let mut p = json!({ "id": self.id(&format!("{}:phone:{number}", owner.1)), "number": number });
        p[owner.0] = json!(owner.1);
        p
    }

    fn specialist(&mut self, e: &Entry<Specialist>) -> Value {
        let sp = &e.data;
        let program = self.labels.relations.programs_of(&e.slug).iter().find(|p| p.data.organization.is_some());
        let organization_id = match program {
            Some(p) => self.program_organization(&p.data),
            None => self.directory_organization(),
        };
        let key = format!("specialist:{}", e.slug);
        let mut s = self.service(e, organization_id, &key);
        let id = s["id"].as_str().unwrap_or_default().to_string();
        if let Some(cert) = &sp.certification {
            s.insert("accreditations".into(), json!(format!("{} ({})", cert.name, cert.issuer)));
        }
        let contact_id = self.id(&format!("{key}:contact"));
        let mut contact = json!({ "id": contact_id, "service_id": id, "name": sp.name() });
        let c = sp.contact.as_ref();
        if let Some(email) = c.and_then(|c| c.email.as_deref()) {
            contact["email"] = json!(email);
        }
        let phones: Vec<Value> =
            c.and_then(|c| c.phone.as_deref()).into_iter().map(|n| self.phone(("contact_id", &contact_id), n)).collect();
        contact["phones"] = json!(phones);
        s.insert("contacts".into(), json!([contact]));
        Value::Object(s)
    }

    fn program(&mut self, e: &Entry<Program>) -> Value {
        let p = &e.data;
        let organization_id = self.program_organization(p);
        let mut s = self.service(e, organization_id, &format!("program:{}", e.slug));
        if let Some(who) = &p.who_for {
            s.insert("eligibility_description".into(), json!(who));
        }
        if let Some(how) = &p.how_to_join {
            s.insert("application_process".into(), json!(how));
        }
        s.insert("contacts".into(), json!([]));
        Value::Object(s)
    }
}

/// The three export files, by path in the site.
pub fn files(dir: &Directory, labels: &Labels, site_url: &str) -> Vec<(String, Vec<u8>)> {
    let mut x = Export { dir, labels, site_url, organizations: BTreeMap::new(), locations: BTreeMap::new() };
    let mut services: Vec<Value> = dir.specialists.iter().map(|e| x.specialist(e)).collect();
    services.extend(dir.programs.iter().map(|e| x.program(e)));
    // Compact: a large directory's services run to tens of megabytes.
    let compact = |v: Value| (serde_json::to_string(&v).expect("JSON values serialize") + "\n").into_bytes();
    vec![
        (format!("{}hsds/services.json", urls::API), compact(json!(services))),
        (format!("{}hsds/organizations.json", urls::API), compact(json!(x.organizations.into_values().collect::<Vec<_>>()))),
        (format!("{}hsds/locations.json", urls::API), compact(json!(x.locations.into_values().collect::<Vec<_>>()))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_version_8_uuids() {
        let id = uuid("https://x.example/", "program:a");
        assert_eq!(id, uuid("https://x.example/", "program:a"));
        assert_ne!(id, uuid("https://x.example/", "program:b"));
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "8");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
    }
}
