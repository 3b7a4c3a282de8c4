//! What templates see: the validated listings turned into plain values with
//! their addresses, labels in the interface language and derived relations
//! (a program's specialists come from the specialists' `programs`).

use crate::content::formats::fold_char;
use crate::content::model::{Kind, Listing, Location, Mode, Program, ProgramKind, Specialist};
use crate::content::{phone, Directory, Entry};
use crate::dates;
use crate::i18n::Strings;
use crate::{markdown, urls};
use serde::Serialize;
use serde_yaml::Value;
use std::collections::HashMap;

/// A labelled link with an optional count and sub-links.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    pub label: String,
    pub url: String,
    pub count: Option<usize>,
    pub children: Vec<Link>,
}

impl Link {
    pub(crate) fn new(label: impl Into<String>, url: String) -> Link {
        Link { label: label.into(), url, count: None, children: Vec::new() }
    }
}

/// A listing as shown in lists, with what browse pages group it by.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Card {
    pub kind: Kind,
    pub url: String,
    pub name: String,
    pub summary: String,
    pub lang: Option<String>,
    pub places: Vec<String>,
    pub modes: Vec<Mode>,
    pub program_kind: Option<ProgramKind>,
    pub accepting: Option<bool>,
    #[serde(skip)]
    pub sort_key: String,
    #[serde(skip)]
    pub topics: Vec<String>,
    #[serde(skip)]
    pub regions: Vec<String>,
    #[serde(skip)]
    pub languages: Vec<String>,
    /// The card rendered (see [`super::cards`]); empty until then.
    #[serde(skip)]
    pub html: String,
}

/// A location with the address of its region page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PlaceView {
    pub city: String,
    pub region: String,
    pub region_url: String,
    pub postcode: Option<String>,
}

/// What specialist and program pages share.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Common {
    pub url: String,
    pub lang: Option<String>,
    pub topics: Vec<Link>,
    pub languages: Vec<Link>,
    pub places: Vec<PlaceView>,
    pub phone_href: Option<String>,
    pub email_href: Option<String>,
    pub body_html: String,
    pub reviewed_text: String,
    /// Months since the last review, when over `review_after_months`.
    pub stale_months: Option<u32>,
    pub image_url: Option<String>,
    /// Width and height of the photo or logo in pixels.
    pub image_size: Option<(u32, u32)>,
}

/// What every page, card and export of one render reads: the directory,
/// the interface strings, the published media, the listings' relations and
/// bodies, and the labels of topics and languages in the interface
/// language, looked up once.
pub(crate) struct Context<'a> {
    pub dir: &'a Directory,
    pub strings: &'a Strings,
    /// The published photos and logos, for their sizes.
    pub media: &'a crate::media::Media,
    pub relations: crate::content::relations::Relations<'a>,
    /// Every listing's body, rendered.
    pub bodies: &'a markdown::Bodies,
    /// Topic labels and language names in the interface language, by key
    /// and code: every listing asks for them.
    topics: HashMap<&'a str, String>,
    languages: HashMap<String, String>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        dir: &'a Directory,
        strings: &'a Strings,
        media: &'a crate::media::Media,
        bodies: &'a markdown::Bodies,
    ) -> Context<'a> {
        let lang = &dir.site.data.language;
        let topics = dir
            .taxonomy
            .data
            .topics
            .iter()
            .filter_map(|t| {
                Some((t.key.as_str(), t.label.get(lang).or_else(|| t.label.get("en"))?.clone()))
            })
            .collect();
        let names = strings
            .interface()
            .get("language_names")
            .and_then(Value::as_mapping)
            .into_iter()
            .flatten();
        let languages = names
            .filter_map(|(code, name)| {
                Some((code.as_str()?.to_string(), name.as_str()?.to_string()))
            })
            .collect();
        Context {
            dir,
            strings,
            media,
            relations: crate::content::relations::Relations::new(dir),
            bodies,
            topics,
            languages,
        }
    }
}

impl Context<'_> {
    /// The interface string at a dotted `key`; a missing one is an error
    /// (`check` reports it), never a key shown to visitors.
    pub(crate) fn text(&self, key: &str) -> anyhow::Result<String> {
        self.strings.text(key).map(str::to_string)
    }

    pub(crate) fn topic(&self, key: &str) -> String {
        self.topics.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// A language's name in the interface language; every code a listing
    /// names has one (`language_names` is checked when the site loads).
    pub(crate) fn language(&self, code: &str) -> String {
        self.languages.get(code).cloned().unwrap_or_else(|| code.to_string())
    }

    pub(crate) fn kind(&self, kind: ProgramKind) -> anyhow::Result<String> {
        self.text(&format!("kinds.{}", kind.key()))
    }

    /// `3 maart 2025` in the interface language.
    pub(crate) fn date(&self, d: time::Date) -> String {
        let month = self
            .strings
            .interface()
            .get("months")
            .and_then(|m| m.get(d.month() as usize - 1))
            .and_then(Value::as_str);
        match month {
            Some(m) => format!("{} {} {}", d.day(), m, d.year()),
            None => dates::iso(d),
        }
    }

    fn topic_links(&self, keys: &[String]) -> Vec<Link> {
        keys.iter().map(|k| Link::new(self.topic(k), urls::topic(k))).collect()
    }

    fn language_links(&self, codes: &[String]) -> Vec<Link> {
        codes.iter().map(|c| Link::new(self.language(c), urls::language(c))).collect()
    }

    /// The parts of a listing page that specialists and programs share.
    pub(crate) fn common<T: Listing>(&self, e: &Entry<T>) -> Common {
        let l = &e.data;
        let reviewed = l.reviewed().and_then(dates::parse);
        let stale = reviewed
            .map(|d| dates::months_between(d, self.dir.today))
            .filter(|m| *m > self.dir.site.data.review_after_months);
        let contact = l.contact();
        Common {
            url: urls::listing::<T>(&e.slug),
            lang: l.lang().filter(|lang| *lang != self.dir.site.data.language).map(str::to_string),
            topics: self.topic_links(l.topics()),
            languages: self.language_links(l.languages()),
            places: l.locations().iter().map(place).collect(),
            phone_href: contact
                .and_then(|c| c.phone.as_deref())
                .and_then(|p| phone::parse(p).ok())
                .map(|n| n.href()),
            email_href: contact.and_then(|c| c.email.as_deref()).map(|e| format!("mailto:{e}")),
            body_html: self.bodies.of(e).html.clone(),
            reviewed_text: reviewed.map(|d| self.date(d)).unwrap_or_default(),
            stale_months: stale,
            image_url: l.image().map(urls::media),
            image_size: l.image().and_then(|i| self.media.get(i)).and_then(|m| m.size),
        }
    }
}

fn place(l: &Location) -> PlaceView {
    PlaceView {
        city: l.city.clone(),
        region: l.region.clone(),
        region_url: urls::region(&l.region),
        postcode: l.postcode.clone(),
    }
}

/// Name folded for sorting and A-Z grouping: accents off, lowercase.
pub(crate) fn sort_key(name: &str) -> String {
    name.chars().flat_map(fold_char).flat_map(char::to_lowercase).collect()
}

/// The A-Z letter a name files under (`#` for names not starting with a letter).
pub(crate) fn letter(sort_key: &str) -> String {
    match sort_key.chars().find(|c| !c.is_whitespace()) {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase().to_string(),
        _ => "#".to_string(),
    }
}

fn regions(locations: &[Location]) -> Vec<String> {
    let mut r: Vec<String> = locations.iter().map(|l| l.region.clone()).collect();
    r.sort();
    r.dedup();
    r
}

fn places(locations: &[Location]) -> Vec<String> {
    let mut seen = Vec::new();
    for l in locations {
        if !seen.contains(&l.city) {
            seen.push(l.city.clone());
        }
    }
    seen
}

/// The card of a listing; `program_kind` and `accepting` are filled by the caller.
pub(crate) fn card<T: Listing>(e: &Entry<T>) -> Card {
    let l = &e.data;
    Card {
        kind: T::KIND,
        url: urls::listing::<T>(&e.slug),
        sort_key: sort_key(l.name()),
        name: l.name().to_string(),
        summary: l.summary().to_string(),
        lang: l.lang().map(str::to_string),
        places: places(l.locations()),
        modes: l.modes().to_vec(),
        program_kind: None,
        accepting: None,
        topics: l.topics().to_vec(),
        regions: regions(l.locations()),
        languages: l.languages().to_vec(),
        html: Default::default(),
    }
}

pub(crate) fn specialist_card(e: &Entry<Specialist>) -> Card {
    Card { accepting: e.data.accepting, ..card(e) }
}

pub(crate) fn program_card(e: &Entry<Program>) -> Card {
    Card { program_kind: e.data.kind, ..card(e) }
}

/// Sorts cards by name, then kind and address, so order never depends on
/// the file system.
pub(crate) fn sort<C: std::borrow::Borrow<Card>>(cards: &mut [C]) {
    cards.sort_by(|a, b| order(a.borrow(), b.borrow()));
}

/// The order of [`sort`].
pub(crate) fn order(a: &Card, b: &Card) -> std::cmp::Ordering {
    (&a.sort_key, a.kind, &a.url).cmp(&(&b.sort_key, b.kind, &b.url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_fold_accents() {
        assert_eq!(letter(&sort_key("Émile")), "E");
        assert_eq!(letter(&sort_key("113 Zelfhulp")), "#");
        assert_eq!(letter(&sort_key("Özlem")), "O");
    }
}
