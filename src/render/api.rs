//! `api/listings.json` and its JSON Schema, `api/schema.json`, both from
//! the model's own types: a listing is published as its own serialization
//! (so a new field is published as soon as the model has it), without
//! `consent` (`#[serde(skip_serializing)]` on the field, which the schema,
//! made for serialization, follows), plus `type`, `slug`, `url` and
//! `image_url`. Keys are in alphabetical order at every level and fields
//! without a value are left out. Written one listing at a time, compact:
//! tens of megabytes in a large directory.

use crate::content::model::{Listing, Program, Specialist};
use crate::content::{Directory, Entry};
use crate::output::Output;
use crate::urls;
use anyhow::Result;
use schemars::generate::SchemaSettings;
use schemars::transform::{transform_subschemas, Transform};
use schemars::{JsonSchema, Schema};
use serde::ser::{Error as _, SerializeSeq as _};
use serde::Serialize;

/// The version of the shape of `api/listings.json`; it changes only when
/// a field is renamed or takes another type.
const VERSION: u32 = 1;

/// The whole of `api/listings.json`.
#[derive(Serialize, JsonSchema)]
#[schemars(
    title = "peerdir listings",
    description = "Every listing of a peerdir directory (api/listings.json)."
)]
struct Api<'a> {
    #[schemars(with = "Vec<Published<'static>>")]
    listings: Listings<'a>,
    site: Site<'a>,
    version: u32,
}

/// The site the listings come from.
#[derive(Serialize, JsonSchema)]
struct Site<'a> {
    /// The interface language and default language of listing texts.
    language: &'a str,
    title: &'a str,
    /// Where the site is published.
    url: &'a str,
}

/// One listing as published: its file's fields and what the site adds.
#[derive(Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Published<'a> {
    Specialist(WithAddress<'a, Specialist>),
    Program(WithAddress<'a, Program>),
}

/// A listing's fields with its address, its file name and its image's address.
#[derive(Serialize, JsonSchema)]
struct WithAddress<'a, T> {
    #[serde(flatten)]
    listing: &'a T,
    /// The file name without `.md`.
    slug: &'a str,
    /// The listing's page, absolute.
    url: String,
    /// The photo or logo, absolute.
    #[serde(skip_serializing_if = "Option::is_none")]
    image_url: Option<String>,
}

/// The listings, serialized one at a time with their keys sorted and the
/// fields without a value left out.
struct Listings<'a>(&'a Directory, &'a str);

impl Serialize for Listings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (dir, url) = (self.0, self.1);
        let specialists =
            dir.specialists.iter().map(|e| Published::Specialist(with_address(e, url)));
        let programs = dir.programs.iter().map(|e| Published::Program(with_address(e, url)));
        let mut seq = s.serialize_seq(None)?;
        for listing in specialists.chain(programs) {
            seq.serialize_element(&super::json::published(&listing).map_err(S::Error::custom)?)?;
        }
        seq.end()
    }
}

fn with_address<'a, T: Listing>(e: &'a Entry<T>, site_url: &str) -> WithAddress<'a, T> {
    WithAddress {
        listing: &e.data,
        slug: &e.slug,
        url: format!("{site_url}{}", urls::listing::<T>(&e.slug)),
        image_url: e.data.image().map(|image| format!("{site_url}{}", urls::media(image))),
    }
}

/// Writes `api/listings.json`.
pub(crate) fn write(out: &Output, dir: &Directory, site_url: &str) -> Result<()> {
    let site =
        Site { language: &dir.site.data.language, title: &dir.site.data.title, url: site_url };
    let api = Api { listings: Listings(dir, site_url), site, version: VERSION };
    out.write_with(format!("{}listings.json", urls::API), |w| {
        serde_json::to_writer(&mut *w, &api)?;
        w.write_all(b"\n")
    })
}

/// The JSON Schema (draft 2020-12) of `api/listings.json`, made from the
/// same types as they serialize.
pub(crate) fn schema() -> String {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .with_transform(EmptyLeftOut)
        .into_generator();
    let mut text = serde_json::to_string_pretty(&generator.into_root_schema_for::<Api>())
        .expect("a schema is JSON");
    text.push('\n');
    text
}

/// Fields without a value are left out of the file rather than written as
/// `null`, so a field that may be null is not required.
#[derive(Clone)]
struct EmptyLeftOut;

impl Transform for EmptyLeftOut {
    fn transform(&mut self, schema: &mut Schema) {
        transform_subschemas(self, schema);
        let Some(object) = schema.as_object_mut() else { return };
        let properties = object.get("properties").and_then(serde_json::Value::as_object);
        let nullable: Vec<String> = properties
            .into_iter()
            .flatten()
            .filter(|(_, p)| may_be_null(p))
            .map(|(name, _)| name.clone())
            .collect();
        if let Some(serde_json::Value::Array(required)) = object.get_mut("required") {
            required.retain(|name| !nullable.iter().any(|n| name == n));
        }
    }
}

/// Whether a property's schema allows `null`.
fn may_be_null(property: &serde_json::Value) -> bool {
    let null = serde_json::Value::from("null");
    match property.get("type") {
        Some(serde_json::Value::Array(types)) => types.contains(&null),
        Some(t) => *t == null,
        None => property
            .get("anyOf")
            .and_then(serde_json::Value::as_array)
            .is_some_and(|any| any.iter().any(|s| s.get("type") == Some(&null))),
    }
}

/// Writes `api/schema.json`.
pub(crate) fn write_schema(out: &Output) -> Result<()> {
    out.put(format!("{}schema.json", urls::API), schema().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{FULL_PROGRAM, FULL_SPECIALIST};
    use serde_json::Value;

    fn entry<T: serde::de::DeserializeOwned>(yaml: &str) -> Entry<T> {
        let data = serde_yaml::from_str(yaml).unwrap();
        let file = crate::content::source::split(
            "x.md".into(),
            "x.md".into(),
            format!("---\n{yaml}---\n"),
        )
        .unwrap();
        Entry { slug: "x".into(), file, map: Default::default(), removed: vec![], data }
    }

    /// Every key of the listing's file, as written, but `consent`.
    fn same_as_file(published: &Value, full: &str) {
        let file: Value = serde_yaml::from_str(full).unwrap();
        for key in file.as_object().unwrap().keys().filter(|k| *k != "consent") {
            assert_eq!(published[key], file[key], "{key}");
        }
        assert!(published.get("consent").is_none(), "consent is never published");
    }

    /// The published fields of `T` that `full` leaves without a value.
    fn unset<T: Default + Serialize + serde::de::DeserializeOwned>(full: &str) -> Vec<String> {
        let all = serde_json::to_value(T::default())
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<Vec<_>>();
        let given: Value = serde_yaml::from_str(full).unwrap();
        all.into_iter().filter(|k| given.get(k).is_none_or(Value::is_null)).collect()
    }

    #[test]
    fn the_full_listings_of_the_tests_set_every_field() {
        assert_eq!(unset::<Specialist>(FULL_SPECIALIST), Vec::<String>::new());
        assert!(FULL_SPECIALIST.contains("\nconsent: {"), "and the field that is never published");
        assert_eq!(unset::<Program>(FULL_PROGRAM), Vec::<String>::new());
    }

    #[test]
    fn every_field_but_consent_is_published_with_the_address() {
        let url = "https://x.example/";
        let s = entry::<Specialist>(FULL_SPECIALIST);
        let v =
            crate::render::json::published(&Published::Specialist(with_address(&s, url))).unwrap();
        same_as_file(&v, FULL_SPECIALIST);
        assert_eq!(v["type"], "specialist");
        assert_eq!(v["url"], "https://x.example/specialists/x/");
        assert_eq!(v["image_url"], "https://x.example/media/a.jpg");
        let p = entry::<Program>(FULL_PROGRAM);
        let v = crate::render::json::published(&Published::Program(with_address(&p, url))).unwrap();
        same_as_file(&v, FULL_PROGRAM);
        assert_eq!(
            (&v["type"], &v["url"]),
            (&"program".into(), &"https://x.example/programs/x/".into())
        );
        let p = entry::<Program>("name: P\nkind: buddy\n");
        let v = crate::render::json::published(&Published::Program(with_address(&p, url))).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["kind", "name", "slug", "type", "url"], "in order, without empty fields");
    }

    #[test]
    fn the_schema_leaves_consent_out_and_knows_both_kinds() {
        let schema = schema();
        assert!(!schema.contains("consent"), "{schema}");
        for field in
            ["photo_alt", "how_to_join", "image_url", "\"specialist\"", "\"program\"", "in-person"]
        {
            assert!(schema.contains(field), "{field}");
        }
    }
}
