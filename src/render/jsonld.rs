//! schema.org JSON-LD for listing pages, so search engines and other tools
//! read a listing as data: a specialist is a `Person`, a program a
//! `Service` with its organization as `provider`. Consent records are never
//! part of it. Templates get it as text made safe inside a `<script>`
//! element ([`script`]).

use super::urls;
use super::view::Labels;
use crate::content::model::{Listing, Location, Program, Specialist};
use crate::content::Entry;
use crate::dates;
use serde_json::{json, Map, Value};

/// The absolute address of the site's root, e.g. `https://org.github.io/directory/`.
pub struct Site<'a> {
    pub url: &'a str,
}

impl Site<'_> {
    fn abs(&self, address: &str) -> String {
        format!("{}{address}", self.url)
    }
}

fn address(l: &Location) -> Value {
    let mut a = Map::new();
    a.insert("@type".into(), json!("PostalAddress"));
    a.insert("addressLocality".into(), json!(l.city));
    a.insert("addressRegion".into(), json!(l.region));
    if let Some(p) = &l.postcode {
        a.insert("postalCode".into(), json!(p));
    }
    Value::Object(a)
}

fn place(l: &Location) -> Value {
    let mut p = json!({ "@type": "Place", "name": l.city, "address": address(l) });
    if let (Some(lat), Some(lon)) = (l.lat, l.lon) {
        p["geo"] = json!({ "@type": "GeoCoordinates", "latitude": lat, "longitude": lon });
    }
    p
}

/// Fields both kinds share: name, description, url, languages, topics, contact.
fn base<T: Listing>(kind: &str, e: &Entry<T>, labels: &Labels, site: &Site) -> Map<String, Value> {
    let l = &e.data;
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!(kind));
    m.insert("name".into(), json!(l.name()));
    m.insert("description".into(), json!(l.summary()));
    m.insert("url".into(), json!(site.abs(&super::view::address::<T>(&e.slug))));
    if let Some(image) = l.image() {
        m.insert("image".into(), json!(site.abs(&urls::media(image))));
    }
    let topics: Vec<String> = l.topics().iter().map(|t| labels.topic(t)).collect();
    m.insert("knowsAbout".into(), json!(topics));
    m
}

/// Phone, email and web address of a listing, as schema.org names them.
fn contact<T: Listing>(l: &T, m: &mut Map<String, Value>) {
    let Some(c) = l.contact() else { return };
    if let Some(p) = &c.phone {
        m.insert("telephone".into(), json!(p));
    }
    if let Some(e) = &c.email {
        m.insert("email".into(), json!(e));
    }
    if let Some(w) = &c.website {
        m.insert("sameAs".into(), json!(w));
    }
}

/// A specialist as a schema.org `Person`.
pub fn specialist(e: &Entry<Specialist>, labels: &Labels, site: &Site) -> Value {
    let s = &e.data;
    let mut m = base("Person", e, labels, site);
    contact(s, &mut m);
    m.insert("knowsLanguage".into(), json!(s.languages()));
    let places: Vec<Value> = s.locations().iter().map(address).collect();
    if !places.is_empty() {
        m.insert("address".into(), json!(places));
    }
    if let Some(c) = &s.certification {
        let mut cred = json!({
            "@type": "EducationalOccupationalCredential",
            "name": c.name,
            "recognizedBy": { "@type": "Organization", "name": c.issuer },
        });
        if let Some(d) = dates::parse(&c.since) {
            cred["validFrom"] = json!(dates::iso(d));
        }
        if let Some(d) = c.until.as_deref().and_then(dates::parse) {
            cred["expires"] = json!(dates::iso(d));
        }
        m.insert("hasCredential".into(), cred);
    }
    let programs: Vec<Value> = labels
        .relations
        .programs_of(&e.slug)
        .iter()
        .map(|p| json!({ "@type": "ProgramMembership", "programName": p.data.name(), "url": site.abs(&urls::program(&p.slug)) }))
        .collect();
    if !programs.is_empty() {
        m.insert("memberOf".into(), json!(programs));
    }
    Value::Object(m)
}

/// A program as a schema.org `Service`, provided by its organization.
pub fn program(e: &Entry<Program>, labels: &Labels, site: &Site) -> Value {
    let p = &e.data;
    let mut m = base("Service", e, labels, site);
    if let Some(k) = p.kind {
        m.insert("serviceType".into(), json!(labels.kind(k)));
    }
    let mut provider = Map::new();
    provider.insert("@type".into(), json!("Organization"));
    provider.insert("name".into(), json!(p.organization.as_deref().unwrap_or(p.name())));
    contact(p, &mut provider);
    m.insert("provider".into(), Value::Object(provider));
    m.insert("availableLanguage".into(), json!(p.languages()));
    let places: Vec<Value> = p.locations().iter().map(place).collect();
    if !places.is_empty() {
        m.insert("areaServed".into(), json!(places));
    }
    if let Some(who) = &p.who_for {
        m.insert("audience".into(), json!({ "@type": "Audience", "audienceType": who }));
    }
    Value::Object(m)
}

/// JSON text that cannot end or confuse the `<script>` element it sits in:
/// `<`, `>` and `&` become `\u` escapes (still the same JSON value), and so
/// do the line separators that old JavaScript parsers refuse.
pub fn script_safe(value: &Value) -> String {
    let text = serde_json::to_string(value).expect("JSON values serialize");
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    let bytes = text.as_bytes();
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
        out.push_str(&text[at..i]);
        out.push_str(escape);
        at = i + len;
    }
    out.push_str(&text[at..]);
    out
}

/// [`script_safe`] JSON as a template value that is not escaped again.
pub fn script(value: &Value) -> minijinja::Value {
    minijinja::Value::from_safe_string(script_safe(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_text_is_the_same_json_without_markup() {
        let v = json!({ "name": "</script><script>alert(1)</script>&amp;\u{2028}" });
        let text = script_safe(&v);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
    }
}
