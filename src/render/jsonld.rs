//! schema.org JSON-LD for listing pages, so search engines and other tools
//! read a listing as data: a specialist is a `Person`, a program a
//! `Service` with its organization as `provider`. Consent records are never
//! part of it. Templates get it as text made safe inside a `<script>`
//! element ([`script`]).
//!
//! The objects are typed, their fields in alphabetical order (the order
//! the JSON has them in) and left out when they have no value.

use super::view::Context;
use crate::content::model::{Contact, Listing, Location, Program, Specialist};
use crate::content::{phone, Entry};
use crate::dates;
use crate::urls;
use serde::Serialize;

/// The absolute addresses of the site, e.g. `https://org.github.io/directory/`.
pub(crate) struct Site<'a> {
    /// Where the pages in the interface language are.
    pub url: &'a str,
    /// Where the site's shared files are (its photos and logos).
    pub root: &'a str,
}

impl Site<'_> {
    fn abs(&self, address: &str) -> String {
        format!("{}{address}", self.url)
    }
}

/// A schema.org object's `@type`.
#[derive(Serialize)]
struct Typed<T> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(flatten)]
    fields: T,
}

fn typed<T>(kind: &'static str, fields: T) -> Typed<T> {
    Typed { kind, fields }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PostalAddress<'a> {
    address_locality: &'a str,
    address_region: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    postal_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    street_address: Option<&'a str>,
}

fn address(l: &Location) -> Typed<PostalAddress<'_>> {
    typed(
        "PostalAddress",
        PostalAddress {
            address_locality: &l.city,
            address_region: &l.region,
            postal_code: l.postcode.as_deref(),
            street_address: l.address.as_deref(),
        },
    )
}

#[derive(Serialize)]
struct Geo {
    latitude: f64,
    longitude: f64,
}

#[derive(Serialize)]
struct Place<'a> {
    address: Typed<PostalAddress<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geo: Option<Typed<Geo>>,
    name: &'a str,
}

fn place(l: &Location) -> Typed<Place<'_>> {
    let geo = match (l.lat, l.lon) {
        (Some(latitude), Some(longitude)) => {
            Some(typed("GeoCoordinates", Geo { latitude, longitude }))
        }
        _ => None,
    };
    typed("Place", Place { address: address(l), geo, name: l.venue.as_deref().unwrap_or(&l.city) })
}

/// Phone, email and web address, as schema.org names them.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct ContactPoints<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<String>,
}

fn contact(c: Option<&Contact>) -> ContactPoints<'_> {
    c.map(|c| ContactPoints {
        email: c.email.as_deref(),
        same_as: c.website.as_deref(),
        telephone: c.phone.as_deref().and_then(phone::dialled),
    })
    .unwrap_or_default()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Credential<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<String>,
    name: &'a str,
    recognized_by: Typed<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_from: Option<String>,
}

#[derive(Serialize)]
struct Named<'a> {
    name: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Membership<'a> {
    program_name: &'a str,
    url: String,
}

/// A specialist's fields, in the JSON's (alphabetical) order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Person<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    address: Vec<Typed<PostalAddress<'a>>>,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    has_credential: Option<Typed<Credential<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    knows_about: Vec<String>,
    knows_language: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    member_of: Vec<Typed<Membership<'a>>>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<String>,
    url: String,
}

const CONTEXT: &str = "https://schema.org";

fn listing_url<T: Listing>(e: &Entry<T>, site: &Site) -> String {
    site.abs(&crate::urls::listing::<T>(&e.slug))
}

fn image<T: Listing>(l: &T, site: &Site) -> Option<String> {
    l.image().map(|image| format!("{}{}", site.root, urls::media(image)))
}

fn topics<T: Listing>(l: &T, ctx: &Context) -> Vec<String> {
    l.topics().iter().map(|t| ctx.topic(t)).collect()
}

fn credential(s: &Specialist) -> Option<Typed<Credential<'_>>> {
    let c = s.certification.as_ref()?;
    let date = |d: &str| dates::parse(d).map(dates::iso);
    Some(typed(
        "EducationalOccupationalCredential",
        Credential {
            expires: c.until.as_deref().and_then(date),
            name: &c.name,
            recognized_by: typed("Organization", Named { name: &c.issuer }),
            valid_from: date(&c.since),
        },
    ))
}

fn person<'a>(e: &'a Entry<Specialist>, ctx: &'a Context, site: &Site) -> Person<'a> {
    let s = &e.data;
    let ContactPoints { email, same_as, telephone } = contact(s.contact());
    let member_of = ctx
        .relations
        .programs_of(&e.slug)
        .iter()
        .map(|p| {
            typed(
                "ProgramMembership",
                Membership {
                    program_name: p.data.name(),
                    url: site.abs(&urls::listing::<Program>(&p.slug)),
                },
            )
        })
        .collect();
    Person {
        context: CONTEXT,
        kind: "Person",
        address: s.locations().iter().map(address).collect(),
        description: s.summary_in(ctx.lang),
        email,
        has_credential: credential(s),
        image: image(s, site),
        knows_about: topics(s, ctx),
        knows_language: s.languages(),
        member_of,
        name: s.name(),
        same_as,
        telephone,
        url: listing_url(e, site),
    }
}

/// A program's fields, in the JSON's (alphabetical) order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Service<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    area_served: Vec<Typed<Place<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    audience: Option<Typed<Audience<'a>>>,
    available_language: &'a [String],
    description: &'a str,
    /// Weekly sessions; sessions that repeat otherwise are in the
    /// program's calendar file and the HSDS export.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hours_available: Vec<Typed<Hours>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    knows_about: Vec<String>,
    name: &'a str,
    provider: Typed<Provider<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    service_type: Option<String>,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Audience<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    audience_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested_min_age: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested_max_age: Option<u8>,
}

/// A weekly session as an `OpeningHoursSpecification`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Hours {
    closes: String,
    day_of_week: Vec<String>,
    opens: String,
}

fn hours(p: &Program) -> Vec<Typed<Hours>> {
    let sessions = p.schedule.as_ref().and_then(|s| s.sessions.as_deref()).unwrap_or_default();
    sessions
        .iter()
        .filter(|s| s.repeat.unwrap_or_default() == crate::content::model::Repeat::Weekly)
        .filter_map(|s| {
            let (opens, closes) = crate::schedule::span(s)?;
            let day_of_week = s
                .days()
                .iter()
                .map(|d| {
                    let mut name = crate::content::model::value_name(d);
                    name[..1].make_ascii_uppercase();
                    format!("https://schema.org/{name}")
                })
                .collect();
            Some(typed(
                "OpeningHoursSpecification",
                Hours {
                    closes: crate::schedule::clock(closes),
                    day_of_week,
                    opens: crate::schedule::clock(opens),
                },
            ))
        })
        .collect()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Provider<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<String>,
}

fn service<'a>(e: &'a Entry<Program>, ctx: &Context, site: &Site) -> anyhow::Result<Service<'a>> {
    let p = &e.data;
    let ContactPoints { email, same_as, telephone } = contact(p.contact());
    let provider =
        Provider { email, name: p.organization.as_deref().unwrap_or(p.name()), same_as, telephone };
    Ok(Service {
        context: CONTEXT,
        kind: "Service",
        area_served: p.locations().iter().map(place).collect(),
        audience: (p.who_for.is_some() || p.minimum_age.is_some() || p.maximum_age.is_some()).then(
            || {
                typed(
                    "PeopleAudience",
                    Audience {
                        audience_type: p.who_for.as_deref(),
                        suggested_min_age: p.minimum_age,
                        suggested_max_age: p.maximum_age,
                    },
                )
            },
        ),
        available_language: p.languages(),
        description: p.summary_in(ctx.lang),
        hours_available: hours(p),
        image: image(p, site),
        knows_about: topics(p, ctx),
        name: p.name(),
        provider: typed("Organization", provider),
        service_type: p.kind.map(|k| ctx.kind(k)).transpose()?,
        url: listing_url(e, site),
    })
}

/// A specialist's JSON-LD (a schema.org `Person`), ready for its `<script>` element.
pub(crate) fn specialist(e: &Entry<Specialist>, ctx: &Context, site: &Site) -> minijinja::Value {
    script(&person(e, ctx, site))
}

/// A program's JSON-LD (a schema.org `Service`, provided by its
/// organization), ready for its `<script>` element.
pub(crate) fn program(
    e: &Entry<Program>,
    ctx: &Context,
    site: &Site,
) -> anyhow::Result<minijinja::Value> {
    Ok(script(&service(e, ctx, site)?))
}

/// Writes JSON whose strings cannot end or confuse the `<script>` element
/// they sit in: `<`, `>` and `&` become `\u` escapes (still the same JSON
/// value), and so do the line separators that old JavaScript parsers
/// refuse. Outside strings JSON has none of them.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let bytes = fragment.as_bytes();
        let mut at = 0;
        for (i, b) in bytes.iter().enumerate() {
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
            let (escape, len) = match b {
                b'<' => ("\\u003c", 1),
                b'>' => ("\\u003e", 1),
                b'&' => ("\\u0026", 1),
                0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA8]) => ("\\u2028", 3),
                0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA9]) => ("\\u2029", 3),
                _ => continue,
            };
            w.write_all(&bytes[at..i])?;
            w.write_all(escape.as_bytes())?;
            at = i + len;
        }
        w.write_all(&bytes[at..])
    }
}

/// `value` as [`ScriptSafe`] JSON text.
pub(crate) fn script_safe(value: &impl Serialize) -> String {
    let mut out = Vec::with_capacity(1024);
    value
        .serialize(&mut serde_json::Serializer::with_formatter(&mut out, ScriptSafe))
        .expect("listings serialize to JSON");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// [`script_safe`] JSON as a template value that is not escaped again.
pub(crate) fn script(value: &impl Serialize) -> minijinja::Value {
    minijinja::Value::from_safe_string(script_safe(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn script_safe_text_is_the_same_json_without_markup() {
        let v =
            json!({ "name": "</script><script>alert(1)</script>&amp;\u{2028}\u{2029}", "n": 1 });
        let text = script_safe(&v);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        assert!(!text.contains('\u{2028}') && !text.contains('\u{2029}'), "{text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
    }

    #[test]
    fn objects_are_written_with_their_keys_in_alphabetical_order() {
        let l = Location {
            city: "C".into(),
            region: "R".into(),
            postcode: Some("1".into()),
            lat: Some(1.0),
            lon: Some(2.0),
            ..Location::default()
        };
        let text = script_safe(&place(&l));
        assert_eq!(
            text,
            r#"{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"C","addressRegion":"R","postalCode":"1"},"geo":{"@type":"GeoCoordinates","latitude":1.0,"longitude":2.0},"name":"C"}"#
        );
    }
}
