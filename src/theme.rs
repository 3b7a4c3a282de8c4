//! The default theme, embedded in the binary: templates, static assets and
//! interface translations. A publisher overrides any template by putting a
//! file of the same name in `templates/`, and adds or changes a translation
//! with `i18n/<lang>.yaml`, both in the content folder.

use crate::content::source::{self, SourceFile};
use crate::content::{files, suggest, yaml};
use crate::diag::{Diagnostic, Report};
use crate::render::templates::Templates;
use serde_yaml::{Mapping, Value};
use std::path::{Path, PathBuf};

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

/// A template of the theme as used for one build.
pub struct Template {
    pub name: String,
    pub text: String,
    /// The publisher's file, when the template comes from the content
    /// folder's `templates/` (for placing its errors).
    pub file: Option<PathBuf>,
}

/// The theme as used for one build: templates with the publisher's
/// overrides, compiled, and the interface strings for the site language.
pub struct Theme {
    pub templates: Templates,
    pub strings: Value,
}

impl Theme {
    /// The theme with the publisher's templates and strings from the
    /// content folder `source`; `None` with the problems in `report` when
    /// one of them cannot be used.
    pub fn load(source: &Path, language: &str, report: &mut Report) -> Option<Theme> {
        let errors = report.errors();
        let mut templates: Vec<Template> =
            TEMPLATES.iter().map(|(n, s)| Template { name: n.to_string(), text: s.to_string(), file: None }).collect();
        for own in own_templates(source, report) {
            match templates.iter_mut().find(|t| t.name == own.name) {
                Some(existing) => *existing = own,
                None => templates.push(own),
            }
        }
        let strings = strings(source, language, report);
        let templates = Templates::new(templates, report);
        (report.errors() == errors).then_some(Theme { templates: templates?, strings: strings? })
    }
}

/// The publisher's `.html` templates in `templates/`: replacements for the
/// theme's, or new ones their templates include.
fn own_templates(source: &Path, report: &mut Report) -> Vec<Template> {
    let (found, problems) = files::walk(source, "templates");
    report.extend(problems);
    let mut out = Vec::new();
    for rel in found {
        let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if rel.parent() != Some(Path::new("templates")) || !name.ends_with(".html") {
            let msg = "not a template: templates are `.html` files directly in `templates/`; ignored";
            report.push(Diagnostic::warning(source.join(&rel), msg));
            continue;
        }
        match source::read_text(source, &rel) {
            Ok(text) => out.push(Template { name, text, file: Some(source.join(&rel)) }),
            Err(d) => report.push(d),
        }
    }
    out
}

/// Whether the interface can be shown in `language`.
pub fn has_translation(source: &Path, language: &str) -> bool {
    I18N.iter().any(|(l, _)| *l == language) || files::kind(source, &own_strings(language)) == Ok(files::Kind::File)
}

/// The publisher's strings for `language`, relative to the content folder.
fn own_strings(language: &str) -> PathBuf {
    Path::new("i18n").join(format!("{language}.yaml"))
}

/// English strings, overlaid with the site language's (so a partial
/// translation still gives a complete interface).
fn strings(source: &Path, language: &str, report: &mut Report) -> Option<Value> {
    let english = builtin("en");
    let mut merged = translation(source, "en", &english, report)?;
    if language != "en" {
        // A language without strings is reported by the check of site.yaml.
        overlay(&mut merged, translation(source, language, &english, report)?);
    }
    Some(merged)
}

/// The theme's strings for `language`, parsed (empty when it has none).
fn builtin(language: &str) -> Value {
    I18N.iter()
        .find(|(l, _)| *l == language)
        .map(|(_, t)| serde_yaml::from_str(t).expect("the theme's strings are valid YAML"))
        .unwrap_or(Value::Mapping(Mapping::new()))
}

/// The theme's strings for `language` with the publisher's
/// `i18n/<language>.yaml` over them; `None` when that file is not usable.
fn translation(source: &Path, language: &str, english: &Value, report: &mut Report) -> Option<Value> {
    let mut strings = builtin(language);
    let rel = own_strings(language);
    match files::kind(source, &rel) {
        Ok(files::Kind::Missing) => return Some(strings),
        Ok(_) => {}
        Err(d) => {
            report.push(d);
            return None;
        }
    }
    let text = source::read_text(source, &rel).map_err(|d| report.push(d)).ok()?;
    let file = SourceFile { path: source.join(&rel), rel, front: text.clone(), text, front_line: 1, body: String::new() };
    let own = yaml::parse(&file).map_err(|d| report.push(d)).ok()?;
    let problems = shape(&file, &yaml::LazyMap::default(), english, &own, "");
    let fine = !problems.iter().any(Diagnostic::is_error);
    report.extend(problems);
    overlay(&mut strings, own);
    fine.then_some(strings)
}

/// The publisher's strings must have the English strings' shape: a group
/// where English has a group, text where it has text, a list where it has a
/// list. Keys English does not have are a warning: no template reads them.
/// The file's source map is made once, for the first problem to place.
fn shape(file: &SourceFile, lazy: &yaml::LazyMap, english: &Value, own: &Value, path: &str) -> Vec<Diagnostic> {
    let map = || lazy.get(file);
    let at = |d: Diagnostic, pos: yaml::Pos| d.at(&file.text, pos.line, pos.col);
    let mut out = Vec::new();
    match (english, own) {
        (Value::Mapping(en), Value::Mapping(o)) => {
            for (k, v) in o {
                let key = k.as_str().unwrap_or_default();
                let child = if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
                match en.get(k) {
                    Some(e) => out.extend(shape(file, lazy, e, v, &child)),
                    None => {
                        let names: Vec<&str> = en.keys().filter_map(Value::as_str).collect();
                        let d = Diagnostic::warning(&file.path, format!("`{child}` is not a string of the theme; no page shows it"));
                        out.push(at(d, map().key(&child)).hint(suggest::did_you_mean(key, &names)));
                    }
                }
            }
        }
        (Value::Sequence(en), Value::Sequence(o)) if en.len() == o.len() => {
            for (i, (e, v)) in en.iter().zip(o).enumerate() {
                out.extend(shape(file, lazy, e, v, &format!("{path}[{i}]")));
            }
        }
        (Value::String(_), Value::String(_)) => {}
        _ => {
            let want = match english {
                Value::Mapping(m) => {
                    let keys: Vec<String> = m.keys().filter_map(Value::as_str).map(|k| format!("`{k}`")).collect();
                    format!("a group of strings ({})", keys.join(", "))
                }
                Value::Sequence(s) => format!("a list of {} strings", s.len()),
                _ => "text".to_string(),
            };
            let d = Diagnostic::error(&file.path, format!("`{path}` should be {want}, as in the theme's English strings"));
            out.push(at(d, map().value(path)).hint(Some("compare with themes/default/i18n/en.yaml".into())));
        }
    }
    out
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
