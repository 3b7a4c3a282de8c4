//! JSON as the API publishes it: keys in alphabetical order at every level
//! (serde_json's maps are sorted) and fields without a value left out, so
//! the model's types need neither a field order nor an attribute on every
//! optional field. (The JSON-LD of every page is serialized straight from
//! types kept in that order, since a value per page costs 4% of a build.)

use serde::Serialize;
use serde_json::Value;

/// `value` as published JSON.
pub(crate) fn published(value: &impl Serialize) -> serde_json::Result<Value> {
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
    let mut v = serde_json::to_value(value)?;
    strip_nulls(&mut v);
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sorted_and_nulls_left_out_at_every_level() {
        #[derive(Serialize)]
        struct Inner {
            z: Option<u8>,
            a: u8,
        }
        #[derive(Serialize)]
        struct Outer {
            list: Vec<Inner>,
            empty: Option<String>,
            b: Inner,
        }
        let v = Outer {
            list: vec![Inner { z: None, a: 1 }],
            empty: None,
            b: Inner { z: Some(2), a: 3 },
        };
        let text = serde_json::to_string(&published(&v).unwrap()).unwrap();
        assert_eq!(text, r#"{"b":{"a":3,"z":2},"list":[{"a":1}]}"#);
    }
}
