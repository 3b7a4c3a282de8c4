//! The default theme, embedded in the binary: templates, static assets and
//! interface translations. A publisher overrides any template by putting a
//! file of the same name in `templates/`, and adds or changes a translation
//! with `i18n/<lang>.yaml`, both in the content folder.

use anyhow::{bail, Context as _, Result};
use serde_yaml::{Mapping, Value};
use std::path::Path;

/// A static file of the theme, copied into every site as it is, with the
/// brotli and gzip copies `build.rs` made when the binary was built.
pub struct Asset {
    /// Its path in the site (`assets/search.js`).
    pub path: &'static str,
    pub text: &'static str,
    pub br: &'static [u8],
    pub gz: &'static [u8],
}

macro_rules! assets {
    ($($name:literal),* $(,)?) => {
        &[$(Asset {
            path: $name,
            text: include_str!(concat!("../themes/default/", $name)),
            br: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".br")),
            gz: include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".gz")),
        }),*]
    };
}

/// Templates by name (`base.html`, ...).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../themes/default/templates/base.html")),
    ("header.html", include_str!("../themes/default/templates/header.html")),
    ("footer.html", include_str!("../themes/default/templates/footer.html")),
    ("macros.html", include_str!("../themes/default/templates/macros.html")),
    ("home.html", include_str!("../themes/default/templates/home.html")),
    ("specialist.html", include_str!("../themes/default/templates/specialist.html")),
    ("program.html", include_str!("../themes/default/templates/program.html")),
    ("list.html", include_str!("../themes/default/templates/list.html")),
    ("card.html", include_str!("../themes/default/templates/card.html")),
    ("about.html", include_str!("../themes/default/templates/about.html")),
    ("contact.html", include_str!("../themes/default/templates/contact.html")),
    ("places.html", include_str!("../themes/default/templates/places.html")),
    ("browse.html", include_str!("../themes/default/templates/browse.html")),
    ("page.html", include_str!("../themes/default/templates/page.html")),
    ("404.html", include_str!("../themes/default/templates/404.html")),
    ("safety.html", include_str!("../themes/default/templates/safety.html")),
    ("search.html", include_str!("../themes/default/templates/search.html")),
];

/// Static files copied to the site, by path in the output, with their
/// precompressed copies (`assets/search.js.br`, `.gz`) for hosts that serve
/// a file's compressed copy.
pub const ASSETS: &[Asset] = assets!["assets/style.css", "assets/quick-exit.js", "assets/search.js", "assets/search-worker.js"];

/// Interface translations by language code.
pub const I18N: &[(&str, &str)] =
    &[("en", include_str!("../themes/default/i18n/en.yaml")), ("nl", include_str!("../themes/default/i18n/nl.yaml"))];

/// The theme as used for one build: templates with the publisher's
/// overrides, and the interface strings for the site language.
pub struct Theme {
    pub templates: Vec<(String, String)>,
    pub strings: Value,
}

impl Theme {
    pub fn load(source: &Path, language: &str) -> Result<Theme> {
        let mut templates: Vec<(String, String)> = TEMPLATES.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect();
        for (name, text) in own_templates(&source.join("templates"))? {
            match templates.iter_mut().find(|(n, _)| *n == name) {
                Some(existing) => existing.1 = text,
                None => templates.push((name, text)),
            }
        }
        let strings = strings(source, language)?;
        Ok(Theme { templates, strings })
    }
}

/// The publisher's `.html` templates: replacements for the theme's, or
/// new ones their templates include.
fn own_templates(dir: &Path) -> Result<Vec<(String, String)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if path.is_file() && name.ends_with(".html") {
            let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read template {}", path.display()))?;
            out.push((name, text));
        }
    }
    out.sort();
    Ok(out)
}

/// Whether the interface can be shown in `language`.
pub fn has_translation(source: &Path, language: &str) -> bool {
    I18N.iter().any(|(l, _)| *l == language) || source.join("i18n").join(format!("{language}.yaml")).is_file()
}

/// English strings, overlaid with the site language's (so a partial
/// translation still gives a complete interface).
fn strings(source: &Path, language: &str) -> Result<Value> {
    let mut merged = translation(source, "en")?.unwrap_or(Value::Mapping(Mapping::new()));
    if language != "en" {
        match translation(source, language)? {
            Some(t) => overlay(&mut merged, t),
            None => bail!(
                "no interface translation for the site language `{language}`: add i18n/{language}.yaml to the content folder (copy themes/default/i18n/en.yaml)"
            ),
        }
    }
    Ok(merged)
}

fn translation(source: &Path, language: &str) -> Result<Option<Value>> {
    let builtin = I18N.iter().find(|(l, _)| *l == language).map(|(_, t)| serde_yaml::from_str::<Value>(t)).transpose()?;
    let path = source.join("i18n").join(format!("{language}.yaml"));
    if !path.is_file() {
        return Ok(builtin);
    }
    let text = crate::content::source::read_text(&path).map_err(|d| anyhow::anyhow!("{}: {}", d.file.display(), d.message))?;
    let own: Value = serde_yaml::from_str(&text).with_context(|| format!("{} is not valid YAML", path.display()))?;
    Ok(Some(match builtin {
        Some(mut b) => {
            overlay(&mut b, own);
            b
        }
        None => own,
    }))
}

/// Deep-merges `top` over `base`.
fn overlay(base: &mut Value, top: Value) {
    match (base, top) {
        (Value::Mapping(b), Value::Mapping(t)) => {
            for (k, v) in t {
                match b.get_mut(&k) {
                    Some(existing) => overlay(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, t) => *b = t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every asset has a brotli and a gzip copy that give back its bytes.
    #[test]
    fn assets_have_copies_of_their_own_bytes() {
        use std::io::Read as _;
        for Asset { path, text, br, gz } in ASSETS {
            let mut back = String::new();
            brotli::Decompressor::new(*br, 4096).read_to_string(&mut back).unwrap();
            assert_eq!(back, *text, "{path}.br");
            back.clear();
            flate2::read::GzDecoder::new(*gz).read_to_string(&mut back).unwrap();
            assert_eq!(back, *text, "{path}.gz");
            assert!(br.len() < text.len() && gz.len() < text.len(), "{path}: the copies are smaller");
        }
    }

    /// Every key of the English strings exists in every shipped translation.
    #[test]
    fn translations_are_complete() {
        fn keys(v: &Value, prefix: &str, out: &mut Vec<String>) {
            if let Value::Mapping(m) = v {
                for (k, v) in m {
                    let k = format!("{prefix}{}", k.as_str().unwrap_or("?"));
                    keys(v, &format!("{k}."), out);
                    out.push(k);
                }
            }
        }
        let parse = |t: &str| serde_yaml::from_str::<Value>(t).unwrap();
        let mut en = Vec::new();
        keys(&parse(I18N[0].1), "", &mut en);
        for (lang, text) in I18N {
            let mut other = Vec::new();
            keys(&parse(text), "", &mut other);
            let missing: Vec<_> = en.iter().filter(|k| !other.contains(k)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        }
    }
}
