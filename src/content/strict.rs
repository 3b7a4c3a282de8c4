//! Text fields that take only text: a number, `true`/`false` or nothing
//! (`~`, an empty value) where a listing expects words is an error, as
//! when the front matter goes through a YAML value first. Parsed straight
//! into a listing, serde_yaml would hand such a value over as the text it
//! was written as; the listing types use these for every text field
//! (`#[serde(deserialize_with = ...)]`) so both ways of parsing agree.

use serde::de::{Deserialize, Deserializer, Error, Visitor};
use std::fmt;

/// A string, and only a string.
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct Only;
        impl Visitor<'_> for Only {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_string<E: Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
        }
        // `any`: the value is given as what YAML reads it as, so a number
        // arrives as a number and is refused.
        d.deserialize_any(Only)
    }
}

pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Text::deserialize(d).map(|t| t.0)
}

pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Text>::deserialize(d).map(|t| t.map(|t| t.0))
}

pub fn opt_texts<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    Option::<Vec<Text>>::deserialize(d).map(|t| t.map(|t| t.into_iter().map(|t| t.0).collect()))
}

#[cfg(test)]
mod tests {
    use crate::content::model::{Page, Program, Specialist, FULL_PROGRAM, FULL_SPECIALIST};
    use crate::content::source::{split, SourceFile};
    use crate::content::yaml::{self, LazyMap};
    use serde::de::DeserializeOwned;
    use serde_yaml::Value;

    fn file(front: &str) -> SourceFile {
        split("x.md".into(), "x.md".into(), format!("---\n{front}---\n")).unwrap()
    }

    /// `value` with each of its string leaves in turn replaced by `with`.
    fn each_string_replaced(value: &Value, with: &Value) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        match value {
            Value::String(s) => out.push((s.clone(), with.clone())),
            Value::Mapping(m) => {
                for (k, v) in m {
                    for (what, changed) in each_string_replaced(v, with) {
                        let mut m = m.clone();
                        m.insert(k.clone(), changed);
                        out.push((format!("{}.{what}", k.as_str().unwrap_or("?")), Value::Mapping(m)));
                    }
                }
            }
            Value::Sequence(items) => {
                for (i, v) in items.iter().enumerate() {
                    for (what, changed) in each_string_replaced(v, with) {
                        let mut items = items.clone();
                        items[i] = changed;
                        out.push((format!("[{i}].{what}"), Value::Sequence(items)));
                    }
                }
            }
            _ => {}
        }
        out
    }

    /// What the YAML value path gives: the listing, if it has no problem.
    fn through_value<T: DeserializeOwned>(f: &SourceFile) -> Option<T> {
        let (data, _, diags) = yaml::typed::<T>(f, &LazyMap::default(), yaml::parse(f).ok()?);
        data.filter(|_| diags.is_empty())
    }

    fn check<T: DeserializeOwned + serde::Serialize>(full: &str) {
        let f = file(full);
        let direct = yaml::direct::<T>(&f).expect("the full listing parses straight");
        let json = |t: &T| serde_json::to_value(t).unwrap();
        assert_eq!(json(&direct), json(&through_value::<T>(&f).unwrap()), "both ways give the same listing");
        let value: Value = serde_yaml::from_str(full).unwrap();
        for with in [Value::from(1091), Value::from(true), Value::from(2.5)] {
            for (what, changed) in each_string_replaced(&value, &with) {
                let f = file(&serde_yaml::to_string(&changed).unwrap());
                let (direct, valued) = (yaml::direct::<T>(&f).map(|t| json(&t)), through_value::<T>(&f).map(|t| json(&t)));
                assert_eq!(direct, valued, "{what} as {with:?}: both ways agree");
                assert!(direct.is_none(), "{what} as {with:?} is not text");
            }
        }
    }

    #[test]
    fn listings_typed_straight_take_only_text_where_text_is_expected() {
        check::<Specialist>(FULL_SPECIALIST);
        check::<Program>(FULL_PROGRAM);
        check::<Page>("title: T\nsummary: S\nfooter: true\nlang: en\n");
    }

    #[test]
    fn front_matter_without_fields_is_not_typed_straight() {
        assert!(yaml::direct::<Page>(&file("")).is_none());
        assert!(yaml::direct::<Page>(&file("# only a comment\n\n")).is_none());
        assert!(yaml::direct::<Page>(&file("title: T # a comment\n")).is_some());
    }
}
