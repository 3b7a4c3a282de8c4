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
use crate::content::model::{self, value_name, Listing, Program, Specialist};
use crate::content::{Directory, Entry};
use crate::dates;
use crate::index::fnv64_parts;
use crate::output::Output;
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// A stable UUID for `key` (RFC 9562 version 8: the bits are a hash of the
/// site address and the key).
fn uuid(site_url: &str, key: &str) -> String {
    let hash = |prefix: &str| fnv64_parts(&[prefix.as_bytes(), site_url.as_bytes(), b":", key.as_bytes()]);
    let (a, b) = (hash("hsds-a:"), hash("hsds-b:"));
    let a = (a & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_8000;
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xffff, b >> 48, b & 0xffff_ffff_ffff)
}

/// An HSDS organization.
#[derive(Serialize, Clone)]
struct Organization {
    id: String,
    name: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<String>,
}

/// An HSDS location: a place a listing names.
#[derive(Serialize, Clone)]
struct Location {
    id: String,
    location_type: &'static str,
    name: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    latitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    longitude: Option<f64>,
}

/// A phone of a service or of a contact.
#[derive(Serialize)]
struct Phone {
    id: String,
    number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    service_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact_id: Option<String>,
}

#[derive(Serialize)]
struct Language {
    id: String,
    service_id: String,
    name: String,
    code: String,
}

#[derive(Serialize)]
struct ServiceArea {
    id: String,
    service_id: String,
    name: String,
}

#[derive(Serialize)]
struct ServiceAtLocation {
    id: String,
    service_id: String,
    location_id: String,
    location: Location,
}

#[derive(Serialize)]
struct Contact {
    id: String,
    service_id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    phones: Vec<Phone>,
}

/// An HSDS service, with the objects HSDS's compiled schema nests in it.
#[derive(Serialize)]
struct Service {
    id: String,
    organization_id: String,
    name: String,
    description: String,
    url: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assured_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fees_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accreditations: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eligibility_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application_process: Option<String>,
    phones: Vec<Phone>,
    languages: Vec<Language>,
    service_areas: Vec<ServiceArea>,
    service_at_locations: Vec<ServiceAtLocation>,
    organization: Organization,
    contacts: Vec<Contact>,
}

/// Everything the export is built from, and the objects made so far.
struct Export<'a> {
    dir: &'a Directory,
    labels: &'a Labels<'a>,
    site_url: &'a str,
    organizations: BTreeMap<String, Organization>,
    locations: BTreeMap<String, Location>,
}

impl Export<'_> {
    fn id(&self, key: &str) -> String {
        uuid(self.site_url, key)
    }

    /// The organization called `name`, made on first use; its id.
    fn organization(&mut self, name: &str, description: &str, website: Option<&str>) -> String {
        let id = self.id(&format!("organization:{name}"));
        self.organizations.entry(id.clone()).or_insert_with(|| Organization {
            id: id.clone(),
            name: name.to_string(),
            description: description.to_string(),
            website: website.map(str::to_string),
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

    /// The location of a place, made on first use.
    fn location(&mut self, l: &model::Location) -> &Location {
        let key = format!("location:{}|{}|{:?}|{:?}", l.city, l.region, l.lat, l.lon);
        let id = self.id(&key);
        self.locations.entry(id.clone()).or_insert_with(|| {
            let (latitude, longitude) = match (l.lat, l.lon) {
                (Some(lat), Some(lon)) => (Some(lat), Some(lon)),
                _ => (None, None),
            };
            Location { id, location_type: "physical", name: l.city.clone(), description: l.region.clone(), latitude, longitude }
        })
    }

    /// The service of one listing, with the objects HSDS nests in it.
    fn service<T: Listing>(&mut self, e: &Entry<T>, organization_id: String, key: &str) -> Service {
        let l = &e.data;
        let id = self.id(key);
        let body = e.file.body.trim();
        let description = if body.is_empty() { l.summary().to_string() } else { format!("{}\n\n{body}", l.summary()) };
        let phones = l.contact().and_then(|c| c.phone.as_deref()).into_iter().map(|n| self.phone(Owner::Service(&id), n)).collect();
        let languages = l
            .languages()
            .iter()
            .map(|c| Language {
                id: self.id(&format!("{key}:language:{c}")),
                service_id: id.clone(),
                name: self.labels.language(c),
                code: c.clone(),
            })
            .collect();
        let mut regions: Vec<&str> = Vec::new();
        for p in l.locations() {
            if !regions.contains(&p.region.as_str()) {
                regions.push(&p.region);
            }
        }
        let service_areas = regions
            .iter()
            .map(|r| ServiceArea { id: self.id(&format!("{key}:area:{r}")), service_id: id.clone(), name: r.to_string() })
            .collect();
        let service_at_locations = l
            .locations()
            .iter()
            .map(|place| {
                let location = self.location(place).clone();
                ServiceAtLocation {
                    id: self.id(&format!("{key}:at:{}", location.id)),
                    service_id: id.clone(),
                    location_id: location.id.clone(),
                    location,
                }
            })
            .collect();
        Service {
            organization: self.organizations[&organization_id].clone(),
            organization_id,
            name: l.name().to_string(),
            description,
            url: format!("{}{}", self.site_url, super::view::address::<T>(&e.slug)),
            status: "active",
            email: l.contact().and_then(|c| c.email.clone()),
            assured_date: l.reviewed().and_then(dates::parse).map(dates::iso),
            fees_description: l.cost().map(|c| self.labels.text(&format!("costs.{}", value_name(&c)))),
            accreditations: None,
            eligibility_description: None,
            application_process: None,
            phones,
            languages,
            service_areas,
            service_at_locations,
            contacts: Vec::new(),
            id,
        }
    }

    /// A phone of a service or a contact.
    fn phone(&self, owner: Owner, number: &str) -> Phone {
        let (service_id, contact_id) = match owner {
            Owner::Service(id) => (Some(id.to_string()), None),
            Owner::Contact(id) => (None, Some(id.to_string())),
        };
        let owner_id = service_id.as_deref().or(contact_id.as_deref()).unwrap_or_default();
        Phone { id: self.id(&format!("{owner_id}:phone:{number}")), number: number.to_string(), service_id, contact_id }
    }

    fn specialist(&mut self, e: &Entry<Specialist>) -> Service {
        let sp = &e.data;
        let program = self.labels.relations.programs_of(&e.slug).iter().find(|p| p.data.organization.is_some());
        let organization_id = match program {
            Some(p) => self.program_organization(&p.data),
            None => self.directory_organization(),
        };
        let key = format!("specialist:{}", e.slug);
        let mut s = self.service(e, organization_id, &key);
        s.accreditations = sp.certification.as_ref().map(|cert| format!("{} ({})", cert.name, cert.issuer));
        let contact_id = self.id(&format!("{key}:contact"));
        let c = sp.contact.as_ref();
        let phones = c.and_then(|c| c.phone.as_deref()).into_iter().map(|n| self.phone(Owner::Contact(&contact_id), n)).collect();
        let email = c.and_then(|c| c.email.clone());
        s.contacts = vec![Contact { id: contact_id, service_id: s.id.clone(), name: sp.name().to_string(), email, phones }];
        s
    }

    fn program(&mut self, e: &Entry<Program>) -> Service {
        let p = &e.data;
        let organization_id = self.program_organization(p);
        let mut s = self.service(e, organization_id, &format!("program:{}", e.slug));
        s.eligibility_description = p.who_for.clone();
        s.application_process = p.how_to_join.clone();
        s
    }
}

/// Whose phone a phone is.
enum Owner<'a> {
    Service(&'a str),
    Contact(&'a str),
}

/// Writes the three export files into `out`.
pub fn write(out: &Output, dir: &Directory, labels: &Labels, site_url: &str) -> Result<()> {
    let mut x = Export { dir, labels, site_url, organizations: BTreeMap::new(), locations: BTreeMap::new() };
    let mut services: Vec<Service> = dir.specialists.iter().map(|e| x.specialist(e)).collect();
    services.extend(dir.programs.iter().map(|e| x.program(e)));
    compact(out, "services", &services)?;
    compact(out, "organizations", &x.organizations.values().collect::<Vec<_>>())?;
    compact(out, "locations", &x.locations.values().collect::<Vec<_>>())
}

/// Writes `api/hsds/{name}.json`, compact: a large directory's services run
/// to tens of megabytes.
fn compact<T: Serialize>(out: &Output, name: &str, value: &T) -> Result<()> {
    out.write_with(format!("{}hsds/{name}.json", urls::API), |w| {
        serde_json::to_writer(&mut *w, value)?;
        w.write_all(b"\n")
    })
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
