//! The variables one template render sees, as one flat object: `site` and
//! `t` in every template, `page`, `header_html` and `footer_html` in pages,
//! then the fields of the render's own data.
//!
//! minijinja's `context! { .., ..data }` merges maps instead, and every
//! variable a template reads then looks through each merged map in turn,
//! building a key value for each; a listing page reads about a hundred.
//! Here a read is one comparison of names and one field lookup.

use minijinja::value::{Enumerator, Object, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// What a page has beyond the shared values and its data.
#[derive(Debug)]
pub(crate) struct PageParts {
    pub page: Value,
    pub header_html: Value,
    pub footer_html: Value,
}

/// One render's variables; earlier names win over the data's fields.
#[derive(Debug)]
pub(crate) struct Scope {
    pub site: Value,
    pub t: Value,
    pub page: Option<PageParts>,
    pub data: Value,
}

impl Scope {
    pub(crate) fn into_value(self) -> Value {
        Value::from_object(self)
    }

    fn own(&self, key: &str) -> Option<&Value> {
        match (key, &self.page) {
            ("site", _) => Some(&self.site),
            ("t", _) => Some(&self.t),
            ("page", Some(p)) => Some(&p.page),
            ("header_html", Some(p)) => Some(&p.header_html),
            ("footer_html", Some(p)) => Some(&p.footer_html),
            _ => None,
        }
    }

    fn lookup(&self, key: &str) -> Option<Value> {
        if let Some(v) = self.own(key) {
            return Some(v.clone());
        }
        self.data.get_attr(key).ok().filter(|v| !v.is_undefined())
    }

    fn names(&self) -> BTreeSet<Value> {
        let own = ["site", "t", "page", "header_html", "footer_html"]
            .into_iter()
            .filter(|k| self.own(k).is_some());
        let mut names: BTreeSet<Value> = own.map(Value::from).collect();
        if let Ok(keys) = self.data.try_iter() {
            names.extend(keys.filter(|k| k.as_str().is_some()));
        }
        names
    }
}

impl Object for Scope {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.lookup(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.lookup(key)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.names().into_iter().collect())
    }
}

/// The interface strings as `t`: maps keyed by text become maps that find
/// a key by comparing text, where a converted YAML map compares template
/// values; templates read dozens of strings per page.
pub(crate) fn strings(v: &serde_yaml::Value) -> Value {
    match v {
        serde_yaml::Value::Mapping(m) => {
            let text_keyed: Option<BTreeMap<String, Value>> =
                m.iter().map(|(k, v)| Some((k.as_str()?.to_string(), strings(v)))).collect();
            text_keyed.map_or_else(|| super::to_value(v), Value::from_object)
        }
        serde_yaml::Value::Sequence(items) => items.iter().map(strings).collect(),
        other => super::to_value(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::Environment;

    fn scope(page: bool) -> Value {
        let data = minijinja::context! { name => "Anna", site => "shadowed", page => "shadowed" };
        let parts = PageParts {
            page: Value::from("p"),
            header_html: Value::from("h"),
            footer_html: Value::from("f"),
        };
        Scope { site: Value::from("s"), t: Value::from("t"), page: page.then_some(parts), data }
            .into_value()
    }

    fn render(source: &str, ctx: Value) -> String {
        let mut env = Environment::new();
        env.add_template("x", source).unwrap();
        env.get_template("x").unwrap().render(ctx).unwrap()
    }

    #[test]
    fn reads_as_the_merged_context_did() {
        let source = "{{ site }} {{ t }} {{ page }} {{ header_html }} {{ footer_html }} {{ name }} {{ missing is undefined }}";
        assert_eq!(render(source, scope(true)), "s t p h f Anna True");
        let merged = minijinja::context! { site => "s", t => "t", ..minijinja::context! {
            page => "p", header_html => "h", footer_html => "f",
            ..minijinja::context! { name => "Anna", site => "shadowed", page => "shadowed" }
        }};
        assert_eq!(render(source, merged), "s t p h f Anna True");
    }

    #[test]
    fn a_fragment_has_no_page_but_the_data_may_name_one() {
        assert_eq!(
            render("{{ page }} {{ header_html is undefined }}", scope(false)),
            "shadowed True"
        );
    }

    #[test]
    fn strings_read_as_their_yaml_converted_whole() {
        let yaml: serde_yaml::Value = serde_yaml::from_str(
            "listing: {yes: Ja, details: Gegevens}\nmodes: {chat: Chat}\nmonths: [jan, feb]\nodd: {1: een}\nnone: ~\nflag: true\nempty: {}",
        )
        .unwrap();
        let source = "{{ t.listing.details }} {{ t.listing['yes'] }} {{ t.modes[m] }} {{ t.months[1] }} {{ t.odd[1] }} \
                      {{ t.none is none }} {{ t.flag }} {{ t.empty is true }} {{ t.listing|items|list }} {{ t|length }}";
        let ctx = |t: Value| minijinja::context! { t, m => "chat" };
        let expected = render(source, ctx(super::super::to_value(&yaml)));
        assert_eq!(
            expected,
            "Gegevens Ja Chat feb een True True False [('details', 'Gegevens'), ('yes', 'Ja')] 7"
        );
        assert_eq!(render(source, ctx(strings(&yaml))), expected);
    }

    #[test]
    fn lists_every_name_once() {
        let names: Vec<String> = scope(true).try_iter().unwrap().map(|k| k.to_string()).collect();
        assert_eq!(names, ["footer_html", "header_html", "name", "page", "site", "t"]);
    }
}
