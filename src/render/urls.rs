//! The site's address scheme, in one place. Every page is a folder with an
//! `index.html`, and every address is relative to the site root (no leading
//! slash); templates put `site.base` (the path of `base_url`) in front.
//!
//! | page | address |
//! |---|---|
//! | specialist | `specialists/<slug>/` |
//! | program | `programs/<slug>/` |
//! | browse | `topics/<key>/`, `regions/<slug>/`, `kinds/<kind>/`, `languages/<code>/`, `a-z/` |
//! | further pages of a list | `<list>/page/<n>/` |
//! | free page | `<slug>/` |
//! | browsing safely | `safety/` |

use crate::content::formats::slugify;

/// The folder of the machine-readable exports (`api/listings.json`, `api/hsds/`).
pub const API: &str = "api/";

/// The built-in page about browsing safely.
pub const SAFETY: &str = "safety/";

pub fn specialist(slug: &str) -> String {
    format!("specialists/{slug}/")
}

pub fn program(slug: &str) -> String {
    format!("programs/{slug}/")
}

pub fn topic(key: &str) -> String {
    format!("topics/{key}/")
}

pub fn region(name: &str) -> String {
    format!("regions/{}/", slugify(name))
}

pub fn kind(kind: &str) -> String {
    format!("kinds/{kind}/")
}

pub fn language(code: &str) -> String {
    format!("languages/{code}/")
}

pub fn page(slug: &str) -> String {
    format!("{slug}/")
}

pub fn media(path: &str) -> String {
    format!("media/{path}")
}

/// Page `n` (1-based) of a list at `list`.
pub fn nth(list: &str, n: usize) -> String {
    if n <= 1 {
        list.to_string()
    } else {
        format!("{list}page/{n}/")
    }
}

/// The file that serves an address.
pub fn file(address: &str) -> String {
    if address.is_empty() || address.ends_with('/') {
        format!("{address}index.html")
    } else {
        address.to_string()
    }
}

/// `https://org.github.io` for `https://org.github.io/directory/`.
pub fn origin(base_url: &str) -> String {
    match url::Url::parse(base_url) {
        Ok(u) => u.origin().ascii_serialization(),
        Err(_) => String::new(),
    }
}

/// The path part of `base_url`, always starting and ending with `/`.
pub fn base_path(base_url: &str) -> String {
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
    }
}
