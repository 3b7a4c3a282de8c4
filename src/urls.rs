//! The site's address scheme, in one place. Every page is a folder with an
//! `index.html`, and every address is relative to the site root (no leading
//! slash); templates put `site.base` (the path of `base_url`) in front.
//!
//! | page | address |
//! |---|---|
//! | specialist | `specialists/<slug>/` |
//! | program | `programs/<slug>/` |
//! | browse | `topics/<key>/`, `regions/<slug>/`, `kinds/<kind>/`, `languages/<code>/`, `audiences/<key>/`, `a-z/` |
//! | calendar file of a program | `programs/<slug>/sessions.ics` |
//! | further pages of a list | `<list>/page/<n>/` |
//! | free page | `<slug>/` |
//! | browsing safely | `safety/` |

use crate::content::formats::slugify;
use crate::content::model::{Kind, Listing};

/// Every specialist, and the folder of their pages.
pub(crate) const SPECIALISTS: &str = "specialists/";
/// Every program, and the folder of their pages.
pub(crate) const PROGRAMS: &str = "programs/";
/// The folder of topic pages.
pub(crate) const TOPICS: &str = "topics/";
/// The folder of region pages.
pub(crate) const REGIONS: &str = "regions/";
/// The folder of program-kind pages.
pub(crate) const KINDS: &str = "kinds/";
/// The folder of language pages.
pub(crate) const LANGUAGES: &str = "languages/";
/// The folder of audience pages.
pub(crate) const AUDIENCES: &str = "audiences/";
/// Every listing by name.
pub(crate) const A_Z: &str = "a-z/";
/// The search page, and the folder of the engine and index files.
pub(crate) const SEARCH: &str = "search/";
/// The built-in page about browsing safely.
pub(crate) const SAFETY: &str = "safety/";
/// The folder of the machine-readable exports (`api/listings.json`, `api/hsds/`).
pub(crate) const API: &str = "api/";
/// The theme's stylesheet and scripts.
pub(crate) const ASSETS: &str = "assets/";
/// The published photos and logos.
pub(crate) const MEDIA: &str = "media/";
/// The page for addresses that do not exist.
pub(crate) const NOT_FOUND: &str = "404.html";

/// Every top-level name the site uses itself: a free page cannot take one.
const SITE_OWN: [&str; 14] = [
    SPECIALISTS,
    PROGRAMS,
    TOPICS,
    REGIONS,
    KINDS,
    LANGUAGES,
    AUDIENCES,
    A_Z,
    SEARCH,
    SAFETY,
    API,
    ASSETS,
    MEDIA,
    NOT_FOUND,
];

/// The name of one of the site's own top-level addresses: `topics` for
/// `topics/`, `404` for `404.html`; the key of its label in the strings.
pub(crate) fn name(own: &str) -> &str {
    own.trim_end_matches('/').trim_end_matches(".html")
}

/// Whether a free page called `slug` would take an address of the site's own.
pub(crate) fn is_reserved(slug: &str) -> bool {
    SITE_OWN.iter().any(|own| name(own) == slug)
}

/// The folder of a kind of listing.
fn listings(kind: Kind) -> &'static str {
    match kind {
        Kind::Specialist => SPECIALISTS,
        Kind::Program => PROGRAMS,
    }
}

/// The address of a listing's page.
pub(crate) fn listing<T: Listing>(slug: &str) -> String {
    format!("{}{slug}/", listings(T::KIND))
}

pub(crate) fn topic(key: &str) -> String {
    format!("{TOPICS}{key}/")
}

/// The key of a topic from the address of its page.
pub(crate) fn topic_key(address: &str) -> &str {
    address.strip_prefix(TOPICS).unwrap_or(address).trim_end_matches('/')
}

pub(crate) fn region(name: &str) -> String {
    format!("{REGIONS}{}/", slugify(name))
}

/// The calendar file of a program's sessions.
pub(crate) fn calendar(slug: &str) -> String {
    format!("{}sessions.ics", listing::<crate::content::model::Program>(slug))
}

pub(crate) fn kind(kind: &str) -> String {
    format!("{KINDS}{kind}/")
}

pub(crate) fn audience(key: &str) -> String {
    format!("{AUDIENCES}{key}/")
}

pub(crate) fn language(code: &str) -> String {
    format!("{LANGUAGES}{code}/")
}

pub(crate) fn page(slug: &str) -> String {
    format!("{slug}/")
}

pub(crate) fn media(path: &str) -> String {
    format!("{MEDIA}{path}")
}

/// Whether `path` is a further page of a list (`topics/x/page/2/`).
pub(crate) fn is_further_page(path: &str) -> bool {
    path.contains("/page/")
}

/// Page `n` (1-based) of a list at `list`.
pub(crate) fn nth(list: &str, n: usize) -> String {
    if n <= 1 {
        list.to_string()
    } else {
        format!("{list}page/{n}/")
    }
}

/// The file that serves an address.
pub(crate) fn file(address: &str) -> String {
    if address.is_empty() || address.ends_with('/') {
        format!("{address}index.html")
    } else {
        address.to_string()
    }
}

/// Where the pages in `lang` are, for a site whose root is `root` and
/// whose interface languages are `languages`: the first at the root, each
/// other under its code (`/directory/en/`).
pub(crate) fn language_base(root: &str, lang: &str, languages: &[String]) -> String {
    if languages.first().is_some_and(|first| first == lang) {
        root.to_string()
    } else {
        format!("{root}{lang}/")
    }
}

/// `https://org.github.io` for `https://org.github.io/directory/`.
pub(crate) fn origin(base_url: &str) -> String {
    match url::Url::parse(base_url) {
        Ok(u) => u.origin().ascii_serialization(),
        Err(_) => String::new(),
    }
}

/// The path part of `base_url`, always starting and ending with `/`.
pub(crate) fn base_path(base_url: &str) -> String {
    let path = match url::Url::parse(base_url) {
        Ok(u) => u.path().to_string(),
        Err(_) => base_url.to_string(),
    };
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_files() {
        assert_eq!(topic("addiction/alcohol"), "topics/addiction/alcohol/");
        assert_eq!(nth("topics/addiction/", 2), "topics/addiction/page/2/");
        assert_eq!(nth("a-z/", 1), "a-z/");
        assert_eq!(file("a-z/"), "a-z/index.html");
        assert_eq!(file(""), "index.html");
        assert_eq!(region("Noord-Holland"), "regions/noord-holland/");
        assert_eq!(base_path("https://org.github.io/directory"), "/directory/");
        assert_eq!(base_path("https://herstel.example/"), "/");
        assert_eq!(origin("https://org.github.io/directory/"), "https://org.github.io");
        assert_eq!(listing::<crate::content::model::Program>("a"), "programs/a/");
        assert_eq!(listing::<crate::content::model::Specialist>("a"), "specialists/a/");
        assert_eq!(topic_key(&topic("addiction/alcohol")), "addiction/alcohol");
        assert!(
            is_reserved("a-z")
                && is_reserved("404")
                && is_reserved("search")
                && !is_reserved("about")
        );
    }
}
