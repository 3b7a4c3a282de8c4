//! The Open Referral HSDS 3.0 export: the directory as Human Services Data
//! Specification objects, so referral systems and other directories can
//! take it over. Written to `api/hsds/`:
//!
//! - `services.json`: every listing as a service (a program, or the peer
//!   support a specialist offers), each with its organization, phones,
//!   contacts, languages, service areas, schedules (a program's sessions,
//!   as iCalendar-style rules at local time), cost options, audience
//!   attributes and service-at-locations (with their location and its
//!   accessibility) nested, as HSDS's compiled service schema has them;
//! - `organizations.json`: the organizations (a program's `organization`,
//!   the program itself when it names none, and the directory for
//!   specialists who work with no program);
//! - `locations.json`: every place listings name.
//!
//! Identifiers are UUIDs derived from the site address and the listing's
//! slug, so they stay the same from build to build. Consent records are
//! never exported.

use super::view::Context;
use crate::content::model::{self, value_name, Listing, Program, Specialist};
use crate::content::{phone, Directory, Entry};
use crate::dates;
use crate::output::Output;
use crate::urls;
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// Stable UUIDs for keys: RFC 9562 version 5 (name-based), each the UUID
/// of its key in a namespace of the site's own, which is the version 5
/// UUID of the site address in the standard URL namespace. The same site
/// and key give the same id in every build, and other systems can make
/// them again from the address and the key.
#[derive(Clone, Copy)]
struct Ids {
    site: uuid::Uuid,
}

impl Ids {
    fn new(site_url: &str) -> Ids {
        Ids { site: uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, site_url.as_bytes()) }
    }

    /// The id of the key that is `key` joined.
    fn of(&self, key: &[&str]) -> String {
        uuid::Uuid::new_v5(&self.site, key.concat().as_bytes()).to_string()
    }
}

/// An HSDS organization.
#[derive(Serialize)]
struct Organization<'a> {
    id: String,
    name: &'a str,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<&'a str>,
}

/// An HSDS location: a place a listing names.
#[derive(Serialize)]
struct Location<'a> {
    id: String,
    location_type: &'static str,
    /// The venue, else the city.
    name: &'a str,
    /// The address in words: street, postcode and city, region.
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    transportation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    latitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    longitude: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    accessibility: Vec<Accessibility>,
}

/// One access feature of a location, or its notes.
#[derive(Serialize)]
struct Accessibility {
    id: String,
    location_id: String,
    description: String,
}

/// A session of a service: when it meets, as HSDS's iCalendar-style rule.
#[derive(Serialize, Default)]
struct Schedule<'a> {
    id: String,
    service_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dtstart: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    freq: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    interval: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byday: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wkst: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    opens_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closes_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attending_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
}

/// What the service costs, in words.
#[derive(Serialize)]
struct CostOption<'a> {
    id: String,
    service_id: &'a str,
    option: String,
}

/// An audience the service is for, as an attribute with its term.
#[derive(Serialize)]
struct Attribute<'a> {
    id: String,
    link_id: &'a str,
    link_type: &'static str,
    link_entity: &'static str,
    taxonomy_term_id: String,
    taxonomy_term: Term<'a>,
}

#[derive(Serialize)]
struct Term<'a> {
    id: String,
    code: &'a str,
    name: String,
    description: String,
    taxonomy: &'static str,
}

/// A phone of a service or of a contact.
#[derive(Serialize)]
struct Phone<'a> {
    id: String,
    /// As dialled (E.164).
    number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    service_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact_id: Option<&'a str>,
}

#[derive(Serialize)]
struct Language<'a> {
    id: String,
    service_id: &'a str,
    name: String,
    code: &'a str,
}

#[derive(Serialize)]
struct ServiceArea<'a> {
    id: String,
    service_id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct ServiceAtLocation<'a> {
    id: String,
    service_id: &'a str,
    location_id: &'a str,
    location: &'a Location<'a>,
}

#[derive(Serialize)]
struct Contact<'a> {
    id: &'a str,
    service_id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    phones: Vec<Phone<'a>>,
}

/// A listing's summary and body, one paragraph apart, as one JSON string.
struct Description<'a>(&'a str, &'a str);

impl Serialize for Description<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Description(summary, "") => s.serialize_str(summary),
            Description(summary, body) => s.collect_str(&format_args!("{summary}\n\n{body}")),
        }
    }
}

/// An HSDS service, with the objects HSDS's compiled schema nests in it.
#[derive(Serialize)]
struct Service<'a> {
    id: &'a str,
    organization_id: &'a str,
    name: &'a str,
    description: Description<'a>,
    url: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assured_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fees_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accreditations: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eligibility_description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application_process: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wait_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alert: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum_age: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum_age: Option<u8>,
    phones: Vec<Phone<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    schedules: Vec<Schedule<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cost_options: Vec<CostOption<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attributes: Vec<Attribute<'a>>,
    languages: Vec<Language<'a>>,
    service_areas: Vec<ServiceArea<'a>>,
    service_at_locations: Vec<ServiceAtLocation<'a>>,
    organization: &'a Organization<'a>,
    contacts: Vec<Contact<'a>>,
}

/// The organizations and locations of the export, by id, each made from
/// the first listing that names it. Services refer to them.
struct Shared<'a> {
    organizations: BTreeMap<String, Organization<'a>>,
    locations: BTreeMap<String, Location<'a>>,
    /// The ids of each listing's places, in order: specialists, then programs.
    places: Vec<Vec<String>>,
}

/// What the export is built from.
#[derive(Clone, Copy)]
struct Export<'a> {
    dir: &'a Directory,
    ctx: &'a Context<'a>,
    site_url: &'a str,
    ids: Ids,
}

impl<'a> Export<'a> {
    /// The id of the key that is `key` joined.
    fn id(&self, key: &[&str]) -> String {
        self.ids.of(key)
    }

    /// The organization of a specialist: that of the first of their
    /// programs that names one, else the directory itself.
    fn specialist_organization(&self, e: &'a Entry<Specialist>) -> Organization<'a> {
        let program =
            self.ctx.relations.programs_of(&e.slug).iter().find(|p| p.data.organization.is_some());
        match program {
            Some(p) => self.program_organization(&p.data),
            None => {
                let site = &self.dir.site.data;
                self.organization(
                    &site.title,
                    site.description.as_deref().unwrap_or(&site.title),
                    Some(self.site_url),
                )
            }
        }
    }

    /// The organization of a program: the one it names, else itself.
    fn program_organization(&self, p: &'a Program) -> Organization<'a> {
        match &p.organization {
            Some(org) => self.organization(org, p.summary(), None),
            None => self.organization(
                p.name(),
                p.summary(),
                p.contact.as_ref().and_then(|c| c.website.as_deref()),
            ),
        }
    }

    fn organization(
        &self,
        name: &'a str,
        description: &'a str,
        website: Option<&'a str>,
    ) -> Organization<'a> {
        Organization { id: self.id(&["organization:", name]), name, description, website }
    }

    fn location(&self, l: &'a model::Location) -> Location<'a> {
        let id = self.location_id(l);
        let (latitude, longitude) = match (l.lat, l.lon) {
            (Some(lat), Some(lon)) => (Some(lat), Some(lon)),
            _ => (None, None),
        };
        let description = [l.address.clone(), Some(l.postcode_and_city()), Some(l.region.clone())]
            .into_iter()
            .flatten();
        let mut accessibility: Vec<Accessibility> = l
            .access
            .iter()
            .flatten()
            .map(|k| Accessibility {
                id: self.id(&[&id, ":access:", k]),
                location_id: id.clone(),
                description: self.ctx.term("access", k),
            })
            .collect();
        accessibility.extend(l.access_notes.as_ref().map(|n| Accessibility {
            id: self.id(&[&id, ":access-notes"]),
            location_id: id.clone(),
            description: n.clone(),
        }));
        Location {
            location_type: "physical",
            name: l.venue.as_deref().unwrap_or(&l.city),
            description: description.collect::<Vec<_>>().join(", "),
            transportation: l.entrance.as_deref(),
            latitude,
            longitude,
            accessibility,
            id,
        }
    }

    /// A location's id, from what sets it apart.
    fn location_id(&self, l: &model::Location) -> String {
        self.id(&[&format!(
            "location:{}|{}|{:?}|{:?}|{:?}|{:?}",
            l.city, l.region, l.lat, l.lon, l.venue, l.address
        )])
    }

    /// The schedules of a service: one per session, and one saying it is
    /// by appointment or that the dates are to be asked for.
    fn schedules(
        &self,
        schedule: Option<&'a model::Schedule>,
        locations: &[model::Location],
        (key, id): (&str, &'a str),
    ) -> Result<Vec<Schedule<'a>>> {
        let Some(s) = schedule else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        for (i, session) in s.sessions.iter().flatten().enumerate() {
            let Some((start, end)) = crate::schedule::span(session) else { continue };
            let rule = crate::schedule::Rule::of(session);
            let online = session.online == Some(true);
            let at = match &session.location {
                Some(k) => locations.iter().find(|l| l.key.as_ref() == Some(k)),
                None if !online => locations.first(),
                None => None,
            };
            out.push(Schedule {
                id: self.id(&[key, ":schedule:", &i.to_string()]),
                service_id: id,
                location_id: at.map(|l| self.location_id(l)),
                dtstart: session.first.as_deref().and_then(dates::parse).map(dates::iso),
                freq: Some(rule.freq),
                interval: rule.interval,
                byday: Some(rule.byday),
                wkst: Some("MO"),
                opens_at: Some(crate::schedule::clock(start)),
                closes_at: Some(crate::schedule::clock(end)),
                attending_type: Some(if online { "online" } else { "in_person" }),
                ..Schedule::default()
            });
        }
        for (flag, text) in [
            (s.by_appointment, "schedule.by_appointment_only"),
            (s.ask_for_dates, "schedule.ask_for_dates"),
        ] {
            if flag == Some(true) {
                out.push(Schedule {
                    id: self.id(&[key, ":schedule:", text]),
                    service_id: id,
                    description: Some(self.ctx.text(text)?),
                    ..Schedule::default()
                });
            }
        }
        if let (Some(first), Some(note)) = (out.first_mut(), s.note.as_deref()) {
            first.notes = Some(note);
        } else if let Some(note) = s.note.as_deref() {
            out.push(Schedule {
                id: self.id(&[key, ":schedule:note"]),
                service_id: id,
                notes: Some(note),
                ..Schedule::default()
            });
        }
        Ok(out)
    }

    /// Every organization and location, in the order listings name them.
    fn shared(&self) -> Shared<'a> {
        let mut out = Shared {
            organizations: BTreeMap::new(),
            locations: BTreeMap::new(),
            places: Vec::new(),
        };
        let orgs = self.dir.specialists.iter().map(|e| self.specialist_organization(e));
        for org in orgs.chain(self.dir.programs.iter().map(|e| self.program_organization(&e.data)))
        {
            out.organizations.entry(org.id.clone()).or_insert(org);
        }
        let places = self
            .dir
            .specialists
            .iter()
            .map(|e| e.data.locations())
            .chain(self.dir.programs.iter().map(|e| e.data.locations()));
        for listing in places {
            let mut ids = Vec::new();
            for place in listing {
                let l = self.location(place);
                ids.push(l.id.clone());
                out.locations.entry(l.id.clone()).or_insert(l);
            }
            out.places.push(ids);
        }
        out
    }

    /// The service of the `n`th listing, with the objects HSDS nests in it;
    /// `id` is its id, made from `key`.
    fn service<T: Listing>(
        &self,
        shared: &'a Shared<'a>,
        (n, e): (usize, &'a Entry<T>),
        organization: &'a Organization<'a>,
        (key, id): (&str, &'a str),
    ) -> Result<Service<'a>> {
        let l = &e.data;
        let phones = l
            .contact()
            .and_then(|c| c.phone.as_deref())
            .into_iter()
            .map(|n| self.phone(id, Owner::Service(id), n))
            .collect();
        let languages = l
            .languages()
            .iter()
            .map(|c| Language {
                id: self.id(&[key, ":language:", c]),
                service_id: id,
                name: self.ctx.language(c),
                code: c,
            })
            .collect();
        let service_areas = self.service_areas(l.locations(), (key, id));
        let service_at_locations = shared.places[n]
            .iter()
            .map(|place| {
                let location = &shared.locations[place];
                ServiceAtLocation {
                    id: self.id(&[key, ":at:", &location.id]),
                    service_id: id,
                    location_id: &location.id,
                    location,
                }
            })
            .collect();
        let (minimum_age, maximum_age) = l.ages();
        let wait_time = match l.intake() {
            Some(model::Intake::Full) => Some(self.ctx.text("notice.full")?),
            Some(model::Intake::WaitingList) => Some(self.ctx.text("notice.waiting-list")?),
            _ => None,
        };
        let cost_options = l
            .cost()
            .map(|c| {
                Ok::<_, anyhow::Error>(CostOption {
                    id: self.id(&[key, ":cost"]),
                    service_id: id,
                    option: self.ctx.text(&format!("costs.{}", value_name(&c)))?,
                })
            })
            .transpose()?
            .into_iter()
            .collect();
        let attributes = l
            .audiences()
            .iter()
            .map(|k| {
                let term_id = self.id(&["audience:", k]);
                Attribute {
                    id: self.id(&[key, ":audience:", k]),
                    link_id: id,
                    link_type: "audience",
                    link_entity: "service",
                    taxonomy_term_id: term_id.clone(),
                    taxonomy_term: Term {
                        id: term_id,
                        code: k,
                        name: self.ctx.term("audiences", k),
                        description: self.ctx.term("audiences", k),
                        taxonomy: "audience",
                    },
                }
            })
            .collect();
        Ok(Service {
            id,
            organization_id: &organization.id,
            name: l.name(),
            description: Description(l.summary(), e.file.body.trim()),
            url: format!("{}{}", self.site_url, crate::urls::listing::<T>(&e.slug)),
            status: match l.status() {
                model::Status::Active => "active",
                model::Status::TemporarilyClosed => "temporarily closed",
                model::Status::Ended => "defunct",
            },
            wait_time,
            alert: l.status_note(),
            minimum_age,
            maximum_age,
            schedules: self.schedules(l.schedule(), l.locations(), (key, id))?,
            cost_options,
            attributes,
            email: l.contact().and_then(|c| c.email.as_deref()),
            assured_date: l.reviewed().and_then(dates::parse).map(dates::iso),
            fees_description: l
                .cost()
                .map(|c| self.ctx.text(&format!("costs.{}", value_name(&c))))
                .transpose()?,
            accreditations: None,
            eligibility_description: None,
            application_process: None,
            phones,
            languages,
            service_areas,
            service_at_locations,
            organization,
            contacts: Vec::new(),
        })
    }

    /// A service area per region the service meets people in, each once.
    fn service_areas(
        &self,
        locations: &'a [model::Location],
        (key, id): (&str, &'a str),
    ) -> Vec<ServiceArea<'a>> {
        let mut regions: Vec<&str> = Vec::new();
        for p in locations {
            if !regions.contains(&p.region.as_str()) {
                regions.push(&p.region);
            }
        }
        regions
            .into_iter()
            .map(|r| ServiceArea { id: self.id(&[key, ":area:", r]), service_id: id, name: r })
            .collect()
    }

    /// A phone of a service or a contact; its id is made from the owner's id.
    fn phone(&self, owner_id: &str, owner: Owner<'a>, number: &'a str) -> Phone<'a> {
        let (service_id, contact_id) = match owner {
            Owner::Service(id) => (Some(id), None),
            Owner::Contact(id) => (None, Some(id)),
        };
        let dialled = phone::dialled(number).unwrap_or_else(|| number.to_string());
        Phone {
            id: self.id(&[owner_id, ":phone:", number]),
            number: dialled,
            service_id,
            contact_id,
        }
    }
}

/// Whose phone a phone is.
enum Owner<'a> {
    Service(&'a str),
    Contact(&'a str),
}

/// The ids of one specialist's service and contact.
struct SpecialistIds {
    key: String,
    service: String,
    contact: String,
}

/// A JSON array written one element at a time; each element is made in
/// memory first, so the writer behind gets one write per element, not one
/// per token.
struct Elements<'w> {
    w: &'w mut dyn std::io::Write,
    started: bool,
    buf: Vec<u8>,
}

impl<'w> Elements<'w> {
    fn new(w: &'w mut dyn std::io::Write) -> Elements<'w> {
        Elements { w, started: false, buf: Vec::with_capacity(1 << 14) }
    }

    fn push(&mut self, value: &impl Serialize) -> std::io::Result<()> {
        self.buf.clear();
        self.buf.push(if self.started { b',' } else { b'[' });
        self.started = true;
        serde_json::to_writer(&mut self.buf, value)?;
        self.w.write_all(&self.buf)
    }

    fn finish(self) -> std::io::Result<()> {
        self.w.write_all(if self.started { b"]\n" } else { b"[]\n" })
    }
}

/// Writes the three export files into `out`. Services are written one at a
/// time; each nests its organization and locations.
pub(crate) fn write(out: &Output, dir: &Directory, ctx: &Context, site_url: &str) -> Result<()> {
    let x = Export { dir, ctx, site_url, ids: Ids::new(site_url) };
    let shared = x.shared();
    out.write_with(format!("{}hsds/services.json", urls::API), |w| {
        let mut services = Elements::new(w);
        for (n, e) in dir.specialists.iter().enumerate() {
            let key = format!("specialist:{}", e.slug);
            let ids =
                SpecialistIds { service: x.id(&[&key]), contact: x.id(&[&key, ":contact"]), key };
            let organization = &shared.organizations[&x.specialist_organization(e).id];
            let mut s = x
                .service(&shared, (n, e), organization, (&ids.key, &ids.service))
                .map_err(std::io::Error::other)?;
            let sp = &e.data;
            s.accreditations =
                sp.certification.as_ref().map(|cert| format!("{} ({})", cert.name, cert.issuer));
            let c = sp.contact.as_ref();
            let phones = c
                .and_then(|c| c.phone.as_deref())
                .into_iter()
                .map(|n| x.phone(&ids.contact, Owner::Contact(&ids.contact), n))
                .collect();
            let email = c.and_then(|c| c.email.as_deref());
            s.contacts = vec![Contact {
                id: &ids.contact,
                service_id: &ids.service,
                name: sp.name(),
                email,
                phones,
            }];
            services.push(&s)?;
        }
        for (n, e) in dir.programs.iter().enumerate() {
            let p = &e.data;
            let key = format!("program:{}", e.slug);
            let id = x.id(&[&key]);
            let organization = &shared.organizations[&x.program_organization(p).id];
            let mut s = x
                .service(&shared, (dir.specialists.len() + n, e), organization, (&key, &id))
                .map_err(std::io::Error::other)?;
            s.eligibility_description = p.who_for.as_deref();
            s.application_process = p.how_to_join.as_deref();
            services.push(&s)?;
        }
        services.finish()
    })?;
    compact(out, "organizations", &shared.organizations.values().collect::<Vec<_>>())?;
    compact(out, "locations", &shared.locations.values().collect::<Vec<_>>())
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
    fn ids_are_stable_version_5_uuids() {
        let uuid = |site: &str, key: &[&str]| Ids::new(site).of(key);
        let id = uuid("https://x.example/", &["program:a"]);
        assert_eq!(id, uuid("https://x.example/", &["program:", "a"]));
        assert_ne!(id, uuid("https://x.example/", &["program:b"]));
        assert_ne!(id, uuid("https://y.example/", &["program:a"]));
        // Pinned: ids are what other systems refer to, build after build.
        // Python's uuid5(uuid5(NAMESPACE_URL, site), key) gives the same.
        assert_eq!(id, "df403444-f46d-5d67-ab4e-950d3b7d2cd1");
    }

    #[test]
    fn elements_make_a_json_array() {
        let write = |values: &[serde_json::Value]| {
            let mut out = Vec::new();
            let mut elements = Elements::new(&mut out);
            values
                .iter()
                .try_for_each(|v| elements.push(v))
                .and_then(|()| elements.finish())
                .unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(write(&[]), "[]\n");
        assert_eq!(write(&[serde_json::json!({"a": "x,]"})]), "[{\"a\":\"x,]\"}]\n");
        assert_eq!(write(&[serde_json::json!(1), serde_json::json!([2])]), "[1,[2]]\n");
    }
}
