//! Starting points for publishers: `peerdir new` writes a listing with every
//! field present and explained, `peerdir init` a whole directory repository
//! that builds at once.
//!
//! The new listing is made from the model itself: its fields in their
//! declared order, each under its doc comment and the values it allows
//! (from the JSON Schema schemars makes of the type), so a field added to
//! the model is offered and explained here at once. `init`'s files come
//! from `scaffold/init/` in this repository, embedded in the binary; their
//! CI files download the release binary of peerdir's own version.

use crate::content::formats::slugify;
use crate::content::model::{Program, Specialist};
use anyhow::{bail, Context as _, Result};
use schemars::JsonSchema;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_json::{Map, Value};
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum Kind {
    Specialist,
    Program,
}

/// What the body of a new listing asks for.
const SPECIALIST_BODY: &str = "Write about them here, in their own words where possible: their \
experience, how they work, what someone can expect from a first conversation.\n";
const PROGRAM_BODY: &str = "Describe the program here: what happens, what a first meeting is \
like, what people say about it.\n";

/// Longest line of the comments in a new listing.
const COMMENT_WIDTH: usize = 90;

/// The files of a new directory repository, by path.
const INIT: &[(&str, &str)] = &[
    ("README.md", include_str!("../scaffold/init/README.md")),
    (".gitignore", include_str!("../scaffold/init/gitignore")),
    (
        ".github/workflows/peerdir.yml",
        include_str!("../scaffold/init/.github/workflows/peerdir.yml"),
    ),
    (".gitlab-ci.yml", include_str!("../scaffold/init/gitlab-ci.yml")),
    ("site.yaml", include_str!("../scaffold/init/site.yaml")),
    ("taxonomy.yaml", include_str!("../scaffold/init/taxonomy.yaml")),
    ("specialists/sam-jansen.md", include_str!("../scaffold/init/specialists/sam-jansen.md")),
    (
        "specialists/noor-el-amrani.md",
        include_str!("../scaffold/init/specialists/noor-el-amrani.md"),
    ),
    ("programs/herstelmaatjes.md", include_str!("../scaffold/init/programs/herstelmaatjes.md")),
    ("pages/about.md", include_str!("../scaffold/init/pages/about.md")),
];

/// Writes `specialists/<slug>.md` or `programs/<slug>.md`; never overwrites.
pub(crate) fn new_listing(source: &Path, kind: Kind, name: &str) -> Result<PathBuf> {
    let slug = slugify(name);
    if slug.is_empty() {
        bail!("`{name}` gives no usable file name; use letters or digits");
    }
    if !source.join("site.yaml").is_file() {
        bail!("{} is not a content folder (no site.yaml); pass --source", source.display());
    }
    let today = crate::dates::iso(crate::dates::build_date(&jiff::tz::TimeZone::UTC));
    let (folder, text) = match kind {
        Kind::Specialist => {
            ("specialists", listing_file::<Specialist>(name, &today, SPECIALIST_BODY))
        }
        Kind::Program => ("programs", listing_file::<Program>(name, &today, PROGRAM_BODY)),
    };
    let path = source.join(folder).join(format!("{slug}.md"));
    if path.exists() {
        bail!("{} already exists; choose another name or edit that file", path.display());
    }
    fs::create_dir_all(path.parent().expect("has a parent"))?;
    fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// A new listing of type `T` named `name`, reviewed `today`: every field
/// under `# ` lines that explain it, with an empty value of its type.
fn listing_file<T: JsonSchema + DeserializeOwned>(name: &str, today: &str, body: &str) -> String {
    let schema = schemars::schema_for!(T);
    let root = schema.as_value();
    let no_fields = Map::new();
    let properties = root.get("properties").and_then(Value::as_object).unwrap_or(&no_fields);
    let mut out = String::from("---\n");
    for field in fields::<T>() {
        let Some(property) = properties.get(*field) else { continue };
        let resolved = resolve(root, property);
        let mut about =
            property.get("description").and_then(Value::as_str).unwrap_or("").to_string();
        if let Some(values) = allowed(root, resolved) {
            about.push_str(&format!(" One of: {}.", values.join(", ")));
        }
        comment(&mut out, &about);
        out.push_str(field);
        out.push(':');
        match *field {
            "name" => out.push_str(&format!(" \"{}\"", name.replace('"', "'"))),
            "reviewed" => out.push_str(&format!(" {today}")),
            _ => empty_value(&mut out, root, resolved),
        }
        out.push('\n');
    }
    out.push_str("---\n");
    out.push_str(body);
    out
}

/// `text` as `# ` lines of at most [`COMMENT_WIDTH`] characters.
fn comment(out: &mut String, text: &str) {
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.len() > 1 && line.len() + 1 + word.len() > COMMENT_WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    if line.len() > 1 {
        out.push_str(&line);
        out.push('\n');
    }
}

/// The schema a property stands for: its `$ref` followed, and of an
/// optional value (`anyOf` the value or `null`), the value's.
fn resolve<'a>(root: &'a Value, property: &'a Value) -> &'a Value {
    let inner = property
        .get("anyOf")
        .and_then(Value::as_array)
        .and_then(|any| any.iter().find(|s| s.get("type") != Some(&Value::from("null"))))
        .unwrap_or(property);
    match inner.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
        Some(name) => root.get("$defs").and_then(|d| d.get(name)).unwrap_or(inner),
        None => inner,
    }
}

/// The values a choice allows, or a list's items allow.
fn allowed(root: &Value, schema: &Value) -> Option<Vec<String>> {
    let schema = match schema.get("items") {
        Some(items) => resolve(root, items),
        None => schema,
    };
    let text = |v: &Value| v.as_str().map(str::to_string);
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Some(values.iter().filter_map(text).collect());
    }
    let variants = schema.get("oneOf").and_then(Value::as_array)?;
    Some(variants.iter().filter_map(|v| v.get("const").and_then(text)).collect())
}

/// The value a new listing starts with: a group of fields written out (a
/// list of them with one item), `[]` for a list of words, nothing else.
fn empty_value(out: &mut String, root: &Value, schema: &Value) {
    empty_value_at(out, root, schema, 0);
}

/// [`empty_value`] for a field whose key is indented by `indent` spaces.
fn empty_value_at(out: &mut String, root: &Value, schema: &Value, indent: usize) {
    let is_array = schema.get("type").is_some_and(|t| {
        t == "array" || t.as_array().is_some_and(|t| t.contains(&Value::from("array")))
    });
    if is_array {
        let items = schema.get("items").map(|i| resolve(root, i));
        match items.filter(|i| i.get("properties").is_some()) {
            Some(group) => group_fields(out, root, group, indent + 4, true),
            None => out.push_str(" []"),
        }
    } else if schema.get("properties").is_some() {
        group_fields(out, root, schema, indent + 2, false);
    }
}

/// A group's fields, one a line at `indent` spaces (the first after `- `
/// when the group is an item of a list), each under its explanation: the
/// required ones first, in their order, each with an empty text (`""`) or
/// `false`, then the others, empty; groups within written out the same way.
fn group_fields(out: &mut String, root: &Value, group: &Value, indent: usize, item: bool) {
    let required: Vec<&str> = group
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let properties = group.get("properties").and_then(Value::as_object).into_iter().flatten();
    let optional: Vec<&str> =
        properties.map(|(k, _)| k.as_str()).filter(|k| !required.contains(k)).collect();
    let pad = " ".repeat(indent);
    for (i, name) in required.iter().chain(&optional).enumerate() {
        let property = &group["properties"][*name];
        let resolved = resolve(root, property);
        out.push('\n');
        let mut about =
            property.get("description").and_then(Value::as_str).unwrap_or("").to_string();
        if let Some(values) = allowed(root, resolved) {
            about.push_str(&format!(" One of: {}.", values.join(", ")));
        }
        let mut lines = String::new();
        comment(&mut lines, &about);
        for line in lines.lines() {
            out.push_str(&pad);
            out.push_str(line);
            out.push('\n');
        }
        match (item, i) {
            (true, 0) => {
                out.push_str(&" ".repeat(indent - 2));
                out.push_str("- ");
            }
            _ => out.push_str(&pad),
        }
        out.push_str(name);
        out.push(':');
        if required.contains(name) && resolved.get("properties").is_none() {
            let kind = resolved.get("type");
            let is_list = kind == Some(&Value::from("array"));
            out.push_str(if kind == Some(&Value::from("boolean")) {
                " false"
            } else if is_list {
                " []"
            } else {
                " \"\""
            });
        } else {
            empty_value_at(out, root, resolved, indent);
        }
    }
}

/// The names of `T`'s fields in their declared order, as serde's derive
/// hands them to a deserializer.
fn fields<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Capture<'a>(&'a mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Capture<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("only the fields were wanted"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Capture(&mut fields));
    fields
}

/// Creates a new directory repository in `dir` (which must not exist or be empty).
pub(crate) fn init(dir: &Path) -> Result<()> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        bail!("{} is not empty; choose a new folder", dir.display());
    }
    for (rel, text) in INIT {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("has a parent"))?;
        // The CI files pin the release that wrote them.
        let text = text.replace("{{version}}", env!("CARGO_PKG_VERSION"));
        fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::source::split;

    fn check<T: JsonSchema + DeserializeOwned>(body: &str) {
        let text = listing_file::<T>("Zoë \"Z\" van Dam", "2026-01-02", body);
        let all = fields::<T>();
        assert!(all.len() > 15 && all[0] == "name", "{all:?}");
        let mut at = 0;
        for field in all {
            let line = format!("\n{field}:");
            let found = text[at..]
                .find(&line)
                .unwrap_or_else(|| panic!("{field} missing, or out of order"));
            let before = &text[..at + found];
            assert!(before.lines().last().unwrap().starts_with("# "), "{field} is explained");
            at += found + line.len();
        }
        assert!(
            text.contains("name: \"Zoë 'Z' van Dam\"") && text.contains("\nreviewed: 2026-01-02\n")
        );
        let file = split("x.md".into(), "x.md".into(), text).unwrap();
        assert!(crate::content::yaml::parse(&file).is_ok(), "the file is YAML");
    }

    #[test]
    fn a_new_listing_has_every_field_of_the_model_explained_in_order() {
        check::<Specialist>(SPECIALIST_BODY);
        check::<Program>(PROGRAM_BODY);
        assert!(
            fields::<Specialist>().contains(&"consent"),
            "fields never published are offered too"
        );
    }

    #[test]
    fn choices_list_their_values_and_long_comments_wrap() {
        let text = listing_file::<Program>("P", "2026-01-02", "");
        assert!(text.contains("training, recovery-college.\nkind:"), "{text}");
        assert!(text.lines().all(|l| !l.starts_with('#') || l.len() <= COMMENT_WIDTH));
    }
}
