//! What templates see: the validated listings turned into plain values with
//! their addresses, labels in the interface language and derived relations
//! (a program's specialists come from the specialists' `programs`).

use crate::content::formats::fold_char;
use crate::content::model::{Intake, Kind, Listing, Location, Mode, Program, ProgramKind, Status};
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
    /// The label's language, when it is not the interface language.
    pub lang: Option<String>,
}

impl Link {
    pub(crate) fn new(label: impl Into<String>, url: String) -> Link {
        Link { label: label.into(), url, count: None, children: Vec::new(), lang: None }
    }
}

/// A listing as shown in lists, with what browse pages group it by.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Card {
    pub kind: Kind,
    pub url: String,
    pub name: String,
    pub summary: String,
    /// The language of its summary.
    pub lang: String,
    pub places: Vec<String>,
    pub modes: Vec<Mode>,
    pub program_kind: Option<ProgramKind>,
    pub status: Status,
    pub intake: Option<Intake>,
    /// Closed, ended or full: such cards come last (see [`order`]).
    #[serde(skip)]
    pub unavailable: bool,
    #[serde(skip)]
    pub sort_key: String,
    #[serde(skip)]
    pub topics: Vec<String>,
    #[serde(skip)]
    pub regions: Vec<String>,
    #[serde(skip)]
    pub languages: Vec<String>,
    #[serde(skip)]
    pub audiences: Vec<String>,
    /// The card rendered (see [`super::cards`]); empty until then.
    #[serde(skip)]
    pub html: String,
}

/// A location with the address of its region page and its access
/// features' labels.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PlaceView {
    pub venue: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: String,
    pub region: String,
    pub region_url: String,
    pub entrance: Option<String>,
    pub access: Vec<String>,
    pub access_notes: Option<String>,
}

/// A listing's text as a page in the interface language shows it, with
/// the language it is in when that is not the page's.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Text {
    pub text: String,
    pub lang: Option<String>,
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
    /// The summary in the interface language, or in the original's.
    pub summary: Text,
    /// "This listing is in Dutch": when the summary is not in the
    /// interface language, in it.
    pub written_in: Option<String>,
    pub body_html: String,
    /// The language of the body, when it is not the interface language.
    pub body_lang: Option<String>,
    pub reviewed_text: String,
    /// What a visitor must know first: closed, ended, full, a waiting list,
    /// and the publisher's note on it.
    pub notices: Vec<String>,
    /// The audiences, with their pages.
    pub audiences: Vec<Link>,
    /// The ages it is for, in words.
    pub ages: Option<String>,
    /// Where to report a mistake in the listing, from `report_url`.
    pub report_url: Option<String>,
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
    /// The interface language.
    pub lang: &'a str,
    /// The published photos and logos, for their sizes.
    pub media: &'a crate::media::Media,
    pub relations: crate::content::relations::Relations<'a>,
    /// Every listing's body, rendered.
    pub bodies: &'a markdown::Bodies,
    /// Topic labels and language names in the interface language, by key
    /// and code: every listing asks for them.
    topics: HashMap<&'a str, String>,
    languages: HashMap<String, String>,
    /// Audience and access-feature labels in the interface language, by key.
    terms: HashMap<(&'static str, &'a str), String>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        dir: &'a Directory,
        strings: &'a Strings,
        lang: &'a str,
        media: &'a crate::media::Media,
        bodies: &'a markdown::Bodies,
    ) -> Context<'a> {
        let label = |labels: &'a std::collections::BTreeMap<String, String>| {
            crate::content::model::label_in(labels, lang, &dir.site.data.language)
        };
        let topics = dir
            .taxonomy
            .data
            .topics
            .iter()
            .filter_map(|t| Some((t.key.as_str(), label(&t.label)?.clone())))
            .collect();
        let names = strings
            .interface(lang)
            .get("language_names")
            .and_then(Value::as_mapping)
            .into_iter()
            .flatten();
        let languages = names
            .filter_map(|(code, name)| {
                Some((code.as_str()?.to_string(), name.as_str()?.to_string()))
            })
            .collect();
        let tax = &dir.taxonomy.data;
        let terms = [("audiences", &tax.audiences), ("access", &tax.access)]
            .into_iter()
            .flat_map(|(list, terms)| {
                terms
                    .iter()
                    .filter_map(move |t| Some(((list, t.key.as_str()), label(&t.label)?.clone())))
            })
            .collect();
        Context {
            dir,
            strings,
            lang,
            media,
            relations: crate::content::relations::Relations::new(dir),
            bodies,
            topics,
            languages,
            terms,
        }
    }
}

impl Context<'_> {
    /// The interface string at a dotted `key`; a missing one is an error
    /// (`check` reports it), never a key shown to visitors.
    pub(crate) fn text(&self, key: &str) -> anyhow::Result<String> {
        self.strings.text(self.lang, key).map(str::to_string)
    }

    /// The language a listing is written in: its own `lang`, or the
    /// site's.
    pub(crate) fn written_in<'l, T: Listing>(&'l self, l: &'l T) -> &'l str {
        l.lang().unwrap_or(&self.dir.site.data.language)
    }

    /// The language a listing is written in, when it is not the interface
    /// language: for the `lang` of its texts.
    fn original_lang<T: Listing>(&self, l: &T) -> Option<String> {
        Some(self.written_in(l)).filter(|lang| *lang != self.lang).map(str::to_string)
    }

    /// A text of a listing as a page shows it: its translation into the
    /// interface language (from `translated`) when it has one, else the
    /// `original`, with the language it is written in.
    pub(crate) fn shown<T: Listing>(
        &self,
        l: &T,
        original: Option<&str>,
        translated: fn(&crate::content::model::Translation) -> Option<&str>,
    ) -> Option<Text> {
        match l.translation(self.lang).and_then(translated) {
            Some(text) => Some(Text { text: text.to_string(), lang: None }),
            None => {
                original.map(|text| Text { text: text.to_string(), lang: self.original_lang(l) })
            }
        }
    }

    /// A listing's summary as a page shows it.
    fn summary<T: Listing>(&self, l: &T) -> Text {
        self.shown(l, Some(l.summary()), |t| t.summary.as_deref())
            .expect("an original is given, so a text is shown")
    }

    pub(crate) fn topic(&self, key: &str) -> String {
        self.topics.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// A language's name in the interface language; every code a listing
    /// names has one (`language_names` is checked when the site loads).
    pub(crate) fn language(&self, code: &str) -> String {
        self.languages.get(code).cloned().unwrap_or_else(|| code.to_string())
    }

    /// The label of a key of `taxonomy.yaml`'s `list` (`audiences`, `access`).
    pub(crate) fn term(&self, list: &'static str, key: &str) -> String {
        self.terms.get(&(list, key)).cloned().unwrap_or_else(|| key.to_string())
    }

    pub(crate) fn kind(&self, kind: ProgramKind) -> anyhow::Result<String> {
        self.text(&format!("kinds.{}", kind.key()))
    }

    /// `3 maart 2025` in the interface language.
    pub(crate) fn date(&self, d: jiff::civil::Date) -> String {
        let month = self
            .strings
            .interface(self.lang)
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

    /// What a visitor must know before anything else about a listing.
    fn notices<T: Listing>(&self, l: &T) -> anyhow::Result<Vec<String>> {
        let mut out = Vec::new();
        match l.status() {
            Status::Active => {}
            Status::TemporarilyClosed => out.push(match l.closed_until().and_then(dates::parse) {
                Some(d) => self.text("notice.closed_until")?.replace("{date}", &self.date(d)),
                None => self.text("notice.temporarily-closed")?,
            }),
            Status::Ended => out.push(self.text("notice.ended")?),
        }
        match l.intake() {
            Some(Intake::Full) => out.push(self.text("notice.full")?),
            Some(Intake::WaitingList) => out.push(self.text("notice.waiting-list")?),
            _ => {}
        }
        out.extend(self.shown(l, l.status_note(), |t| t.status_note.as_deref()).map(|t| t.text));
        Ok(out)
    }

    /// The ages a listing is for, in words.
    fn ages<T: Listing>(&self, l: &T) -> anyhow::Result<Option<String>> {
        let (key, min, max) = match l.ages() {
            (Some(min), Some(max)) => ("listing.ages_range", min, max),
            (Some(min), None) => ("listing.ages_from", min, 0),
            (None, Some(max)) => ("listing.ages_to", 0, max),
            (None, None) => return Ok(None),
        };
        let text = self.text(key)?;
        Ok(Some(text.replace("{min}", &min.to_string()).replace("{max}", &max.to_string())))
    }

    /// The `report_url` of the site with this listing's values filled in.
    fn report_url<T: Listing>(&self, e: &Entry<T>) -> Option<String> {
        let template = self.dir.site.data.report_url.as_deref()?;
        let base = &self.dir.site.data.base_url;
        let page = format!(
            "{}{}",
            base.trim_end_matches('/'),
            format_args!("/{}", urls::listing::<T>(&e.slug))
        );
        let encode = |s: &str| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        Some(
            template
                .replace("{slug}", &encode(&e.slug))
                .replace("{title}", &encode(e.data.name()))
                .replace("{url}", &encode(&page)),
        )
    }

    fn place(&self, l: &Location) -> PlaceView {
        PlaceView {
            venue: l.venue.clone(),
            address: l.address.clone(),
            postcode: l.postcode.clone(),
            city: l.city.clone(),
            region: l.region.clone(),
            region_url: urls::region(&l.region),
            entrance: l.entrance.clone(),
            access: l.access.iter().flatten().map(|k| self.term("access", k)).collect(),
            access_notes: l.access_notes.clone(),
        }
    }

    /// The parts of a listing page that specialists and programs share.
    pub(crate) fn common<T: Listing>(&self, e: &Entry<T>) -> anyhow::Result<Common> {
        let l = &e.data;
        let reviewed = l.reviewed().and_then(dates::parse);
        let stale = reviewed
            .map(|d| dates::months_between(d, self.dir.today))
            .filter(|m| *m > self.dir.site.data.review_after_months);
        let contact = l.contact();
        let summary = self.summary(l);
        let written_in = match &summary.lang {
            Some(code) => {
                Some(self.text("listing.written_in")?.replace("{language}", &self.language(code)))
            }
            None => None,
        };
        let (body_html, body_lang) = match self.bodies.translated(e, self.lang) {
            Some(body) => (body.html.clone(), None),
            None => (self.bodies.of(e).html.clone(), self.original_lang(l)),
        };
        Ok(Common {
            summary,
            written_in,
            body_lang,
            notices: self.notices(l)?,
            audiences: l
                .audiences()
                .iter()
                .map(|k| Link::new(self.term("audiences", k), urls::audience(k)))
                .collect(),
            ages: self.ages(l)?,
            report_url: self.report_url(e),
            url: urls::listing::<T>(&e.slug),
            lang: self.original_lang(l),
            topics: self.topic_links(l.topics()),
            languages: self.language_links(l.languages()),
            places: l.locations().iter().map(|p| self.place(p)).collect(),
            phone_href: contact
                .and_then(|c| c.phone.as_deref())
                .and_then(|p| phone::parse(p).ok())
                .map(|n| n.href()),
            email_href: contact.and_then(|c| c.email.as_deref()).map(|e| format!("mailto:{e}")),
            body_html,
            reviewed_text: reviewed.map(|d| self.date(d)).unwrap_or_default(),
            stale_months: stale,
            image_url: l.image().map(urls::media),
            image_size: l.image().and_then(|i| self.media.get(i)).and_then(|m| m.size),
        })
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

impl Context<'_> {
    /// The card of a listing; `program_kind` is filled by the caller.
    pub(crate) fn card<T: Listing>(&self, e: &Entry<T>) -> Card {
        let l = &e.data;
        let summary = self.summary(l);
        Card {
            kind: T::KIND,
            url: urls::listing::<T>(&e.slug),
            sort_key: sort_key(l.name()),
            name: l.name().to_string(),
            summary: summary.text,
            lang: summary.lang.unwrap_or_else(|| self.lang.to_string()),
            places: places(l.locations()),
            modes: l.modes().to_vec(),
            program_kind: None,
            status: l.status(),
            intake: l.intake(),
            unavailable: l.unavailable(),
            topics: l.topics().to_vec(),
            regions: regions(l.locations()),
            languages: l.languages().to_vec(),
            audiences: l.audiences().to_vec(),
            html: Default::default(),
        }
    }

    pub(crate) fn program_card(&self, e: &Entry<Program>) -> Card {
        Card { program_kind: e.data.kind, ..self.card(e) }
    }
}

/// Sorts cards: those a visitor can turn to now first (not closed, ended
/// or full), each part by name, then kind and address, so order never
/// depends on the file system.
pub(crate) fn sort<C: std::borrow::Borrow<Card>>(cards: &mut [C]) {
    cards.sort_by(|a, b| order(a.borrow(), b.borrow()));
}

/// The order of [`sort`].
pub(crate) fn order(a: &Card, b: &Card) -> std::cmp::Ordering {
    a.unavailable.cmp(&b.unavailable).then_with(|| by_name(a, b))
}

/// By name alone, then kind and address: the order of A-Z.
pub(crate) fn by_name(a: &Card, b: &Card) -> std::cmp::Ordering {
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
