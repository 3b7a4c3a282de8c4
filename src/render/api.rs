//! `api/listings.json`: every listing with its public fields as in its
//! file (no `consent`), plus `type`, `slug`, `url` and `image_url`; keys in
//! alphabetical order at every level, fields without a value left out.
//! Written one listing at a time, compact: tens of megabytes in a large
//! directory.

use super::urls;
use crate::content::model::{
    Availability, Certification, Contact, Cost, Formality, Listing, Location, Mode, Program, ProgramKind, Specialist, Volunteering,
};
use crate::content::{Directory, Entry};
use crate::output::Output;
use anyhow::Result;
use serde::Serialize;

/// Writes `api/listings.json`.
pub fn write(out: &Output, dir: &Directory, site_url: &str) -> Result<()> {
    #[derive(Serialize)]
    struct Site<'a> {
        language: &'a str,
        title: &'a str,
        url: &'a str,
    }
    #[derive(Serialize)]
    struct Api<'a> {
        listings: Listings<'a>,
        site: Site<'a>,
        version: u32,
    }
    struct Listings<'a>(&'a Directory, &'a str);
    impl Serialize for Listings<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let (dir, url) = (self.0, self.1);
            let specialists = dir.specialists.iter().map(|e| Public::Specialist(specialist(e, url)));
            s.collect_seq(specialists.chain(dir.programs.iter().map(|e| Public::Program(program(e, url)))))
        }
    }
    let site = Site { language: &dir.site.data.language, title: &dir.site.data.title, url: site_url };
    let api = Api { listings: Listings(dir, site_url), site, version: 1 };
    out.write_with(format!("{}listings.json", urls::API), |w| {
        serde_json::to_writer(&mut *w, &api)?;
        w.write_all(b"\n")
    })
}

#[derive(Serialize)]
#[serde(untagged)]
enum Public<'a> {
    Specialist(PublicSpecialist<'a>),
    Program(PublicProgram<'a>),
}

/// Fields of a listing that are not in its file.
struct Added {
    slug: String,
    url: String,
    image_url: Option<String>,
}

fn added<T: Listing>(e: &Entry<T>, site_url: &str) -> Added {
    Added {
        slug: e.slug.clone(),
        url: format!("{site_url}{}", super::view::address::<T>(&e.slug)),
        image_url: e.data.image().map(|image| format!("{site_url}{}", urls::media(image))),
    }
}

/// A specialist's public fields, in alphabetical order.
#[derive(Serialize)]
struct PublicSpecialist<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    accepting: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability: Option<Availability>,
    #[serde(skip_serializing_if = "Option::is_none")]
    certification: Option<PublicCertification<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact: Option<PublicContact<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<Cost>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    languages: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locations: Option<Vec<PublicLocation<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modes: Option<&'a [Mode]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    photo: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    photo_alt: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    programs: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pronouns: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed: Option<&'a str>,
    slug: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    topics: Option<&'a [String]>,
    r#type: &'static str,
    url: String,
}

fn specialist<'a>(e: &'a Entry<Specialist>, site_url: &str) -> PublicSpecialist<'a> {
    let (s, added) = (&e.data, added(e, site_url));
    PublicSpecialist {
        accepting: s.accepting,
        availability: s.availability,
        certification: s.certification.as_ref().map(PublicCertification::of),
        contact: s.contact.as_ref().map(PublicContact::of),
        cost: s.cost,
        image_url: added.image_url,
        lang: s.lang.as_deref(),
        languages: s.languages.as_deref(),
        locations: s.locations.as_deref().map(PublicLocation::all),
        modes: s.modes.as_deref(),
        name: s.name.as_deref(),
        photo: s.photo.as_deref(),
        photo_alt: s.photo_alt.as_deref(),
        programs: s.programs.as_deref(),
        pronouns: s.pronouns.as_deref(),
        reviewed: s.reviewed.as_deref(),
        slug: added.slug,
        summary: s.summary.as_deref(),
        topics: s.topics.as_deref(),
        r#type: Specialist::KIND,
        url: added.url,
    }
}

/// A program's public fields, in alphabetical order.
#[derive(Serialize)]
struct PublicProgram<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    contact: Option<PublicContact<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<Cost>,
    #[serde(skip_serializing_if = "Option::is_none")]
    formality: Option<Formality>,
    #[serde(skip_serializing_if = "Option::is_none")]
    how_to_join: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<ProgramKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    languages: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locations: Option<Vec<PublicLocation<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo_alt: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modes: Option<&'a [Mode]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    organization: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    referral_needed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schedule: Option<&'a str>,
    slug: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    topics: Option<&'a [String]>,
    r#type: &'static str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    volunteering: Option<PublicVolunteering<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    who_for: Option<&'a str>,
}

fn program<'a>(e: &'a Entry<Program>, site_url: &str) -> PublicProgram<'a> {
    let (p, added) = (&e.data, added(e, site_url));
    PublicProgram {
        contact: p.contact.as_ref().map(PublicContact::of),
        cost: p.cost,
        formality: p.formality,
        how_to_join: p.how_to_join.as_deref(),
        image_url: added.image_url,
        kind: p.kind,
        lang: p.lang.as_deref(),
        languages: p.languages.as_deref(),
        locations: p.locations.as_deref().map(PublicLocation::all),
        logo: p.logo.as_deref(),
        logo_alt: p.logo_alt.as_deref(),
        modes: p.modes.as_deref(),
        name: p.name.as_deref(),
        organization: p.organization.as_deref(),
        referral_needed: p.referral_needed,
        reviewed: p.reviewed.as_deref(),
        schedule: p.schedule.as_deref(),
        slug: added.slug,
        summary: p.summary.as_deref(),
        topics: p.topics.as_deref(),
        r#type: Program::KIND,
        url: added.url,
        volunteering: p.volunteering.as_ref().map(PublicVolunteering::of),
        who_for: p.who_for.as_deref(),
    }
}

#[derive(Serialize)]
struct PublicCertification<'a> {
    issuer: &'a str,
    name: &'a str,
    since: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<&'a str>,
}

impl<'a> PublicCertification<'a> {
    fn of(c: &'a Certification) -> Self {
        PublicCertification { issuer: &c.issuer, name: &c.name, since: &c.since, until: c.until.as_deref() }
    }
}

#[derive(Serialize)]
struct PublicContact<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    form: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<&'a str>,
}

impl<'a> PublicContact<'a> {
    fn of(c: &'a Contact) -> Self {
        PublicContact { email: c.email.as_deref(), form: c.form.as_deref(), phone: c.phone.as_deref(), website: c.website.as_deref() }
    }
}

#[derive(Serialize)]
struct PublicLocation<'a> {
    city: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    postcode: Option<&'a str>,
    region: &'a str,
}

impl<'a> PublicLocation<'a> {
    fn all(places: &'a [Location]) -> Vec<Self> {
        places
            .iter()
            .map(|l| PublicLocation { city: &l.city, lat: l.lat, lon: l.lon, postcode: l.postcode.as_deref(), region: &l.region })
            .collect()
    }
}

#[derive(Serialize)]
struct PublicVolunteering<'a> {
    accepting: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    commitment: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    training: Option<&'a str>,
}

impl<'a> PublicVolunteering<'a> {
    fn of(v: &'a Volunteering) -> Self {
        PublicVolunteering { accepting: v.accepting, commitment: v.commitment.as_deref(), training: v.training.as_deref() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{FULL_PROGRAM, FULL_SPECIALIST};
    use serde_json::Value;

    /// What the listing's own serialization gives with `consent` and the
    /// fields without a value taken out and the added fields put in: the
    /// public fields by definition, whatever fields the model gains.
    fn reference<T: Listing + Serialize>(e: &Entry<T>, site_url: &str) -> Value {
        fn strip_nulls(v: &mut Value) {
            match v {
                Value::Object(map) => {
                    map.retain(|_, value| !value.is_null());
                    map.values_mut().for_each(strip_nulls);
                }
                Value::Array(items) => items.iter_mut().for_each(strip_nulls),
                _ => {}
            }
        }
        let mut v = serde_json::to_value(&e.data).unwrap();
        strip_nulls(&mut v);
        let map = v.as_object_mut().unwrap();
        map.remove("consent");
        let added = added(e, site_url);
        map.insert("type".into(), T::KIND.into());
        map.insert("slug".into(), added.slug.into());
        map.insert("url".into(), added.url.into());
        if let Some(image) = added.image_url {
            map.insert("image_url".into(), image.into());
        }
        v
    }

    fn entry<T: serde::de::DeserializeOwned>(yaml: &str) -> Entry<T> {
        let data = serde_yaml::from_str(yaml).unwrap();
        let file = crate::content::source::split("x.md".into(), "x.md".into(), format!("---\n{yaml}---\n")).unwrap();
        Entry { slug: "x".into(), file, map: Default::default(), removed: vec![], data }
    }

    /// The fields of `T` that an example leaves without a value.
    fn unset<T: Default + Serialize>(full: &Value) -> Vec<String> {
        let all = serde_json::to_value(T::default()).unwrap();
        all.as_object().unwrap().keys().filter(|k| *k != "consent" && full.get(k.as_str()).is_none()).cloned().collect()
    }

    #[test]
    fn public_fields_are_the_listings_own_without_consent_and_nulls() {
        let url = "https://x.example/";
        let full = entry::<Specialist>(FULL_SPECIALIST);
        assert_eq!(unset::<Specialist>(&reference(&full, url)), Vec::<String>::new(), "FULL_SPECIALIST sets every field");
        let full = entry::<Program>(FULL_PROGRAM);
        assert_eq!(unset::<Program>(&reference(&full, url)), Vec::<String>::new(), "FULL_PROGRAM sets every field");
        let s = entry::<Specialist>(FULL_SPECIALIST);
        assert_eq!(serde_json::to_value(specialist(&s, url)).unwrap(), reference(&s, url));
        let p = entry::<Program>(FULL_PROGRAM);
        assert_eq!(serde_json::to_value(program(&p, url)).unwrap(), reference(&p, url));
        let sparse = entry::<Specialist>("name: A\n");
        assert_eq!(serde_json::to_value(specialist(&sparse, url)).unwrap(), reference(&sparse, url));
    }

    #[test]
    fn keys_are_in_alphabetical_order_at_every_level() {
        let s = entry::<Specialist>(FULL_SPECIALIST);
        let text = serde_json::to_string(&specialist(&s, "https://x.example/")).unwrap();
        // serde_json's maps are sorted: parsed and written again, the text
        // is the same only if it was sorted already.
        assert_eq!(serde_json::to_string(&serde_json::from_str::<Value>(&text).unwrap()).unwrap(), text);
        let p = entry::<Program>(FULL_PROGRAM);
        let text = serde_json::to_string(&program(&p, "https://x.example/")).unwrap();
        assert_eq!(serde_json::to_string(&serde_json::from_str::<Value>(&text).unwrap()).unwrap(), text);
    }
}
