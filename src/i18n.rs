//! The interface strings, and the one way to read them: templates (as
//! `t`), the labels the generator writes into pages and exports, and the
//! labels the search index holds in every language all come from
//! [`Strings`]. The theme ships English, Dutch, Arabic, Polish, Turkish
//! and Ukrainian; a publisher changes any of them, or adds a language,
//! with `i18n/<lang>.yaml` in the content folder, which must have the
//! shape of the English strings.

use crate::content::model::Listing;
use crate::content::source::{self, SourceFile};
use crate::content::{files, formats, suggest, yaml, Directory, Entry};
use crate::diag::{Diagnostic, Report};
use anyhow::{anyhow, Result};
use peerdir_search::Label;
use serde_yaml::{Mapping, Value};
use std::path::{Path, PathBuf};

/// The theme's interface strings by language code. Each file says in a
/// `# reviewed: yes` or `# reviewed: no` line whether a native speaker has
/// read it (the README's table of languages says the same).
pub(crate) const I18N: &[(&str, &str)] = &[
    ("en", include_str!("../themes/default/i18n/en.yaml")),
    ("nl", include_str!("../themes/default/i18n/nl.yaml")),
    ("ar", include_str!("../themes/default/i18n/ar.yaml")),
    ("pl", include_str!("../themes/default/i18n/pl.yaml")),
    ("tr", include_str!("../themes/default/i18n/tr.yaml")),
    ("uk", include_str!("../themes/default/i18n/uk.yaml")),
];

/// The interface strings of one build.
pub(crate) struct Strings {
    /// Each interface language's strings over the English ones, so a
    /// partial translation still gives a whole interface; the site's own
    /// language first.
    interfaces: Vec<(String, Value)>,
    /// Each language's own strings: the theme's with the publisher's over
    /// them, for labels in every language (the search index).
    languages: Vec<(String, Value)>,
    /// English, the site's languages and those of the publisher's
    /// translations (see [`Strings::searched_in`]).
    searched: Vec<String>,
}

impl Strings {
    /// The theme's strings with the publisher's `i18n/*.yaml` over them,
    /// for the site's interface languages `site` (its own first); `None`
    /// with the problems in `report` when one of those files cannot be
    /// used.
    pub(crate) fn load(source: &Path, site: &[String], report: &mut Report) -> Option<Strings> {
        let english = builtin("en");
        let mut searched = vec!["en".to_string()];
        searched.extend(site.iter().cloned());
        searched.extend(own_languages(source, report));
        searched.sort();
        searched.dedup();
        let mut codes: Vec<String> = I18N.iter().map(|(code, _)| code.to_string()).collect();
        codes.extend(searched.iter().cloned());
        codes.sort();
        codes.dedup();
        // Every file is read and its problems reported, before any stops
        // the build. A site language without strings is reported by the
        // check of site.yaml.
        let languages: Vec<(String, Option<Value>)> = codes
            .into_iter()
            .map(|code| {
                let strings = translation(source, &code, &english, report);
                (code, strings)
            })
            .collect();
        let languages: Vec<(String, Value)> = languages
            .into_iter()
            .map(|(code, strings)| Some((code, strings?)))
            .collect::<Option<_>>()?;
        let own = |code: &str| languages.iter().find(|(c, _)| c == code).map(|(_, v)| v);
        let english = own("en").cloned().unwrap_or(english);
        let interfaces = site
            .iter()
            .map(|code| {
                let mut interface = english.clone();
                if let Some(strings) = own(code).filter(|_| code != "en") {
                    overlay(&mut interface, strings.clone());
                }
                (code.clone(), interface)
            })
            .collect();
        Some(Strings { interfaces, languages, searched })
    }

    /// Every string of the interface language `lang`, as templates read
    /// them.
    pub(crate) fn interface(&self, lang: &str) -> &Value {
        self.interfaces
            .iter()
            .find(|(code, _)| code == lang)
            .map(|(_, v)| v)
            .expect("strings are loaded for every interface language")
    }

    /// The interface string in `lang` at a dotted `key` (`browse.topics`),
    /// or an error naming the file it should be in.
    pub(crate) fn text(&self, lang: &str, key: &str) -> Result<&str> {
        find(self.interface(lang), key)
            .and_then(Value::as_str)
            .ok_or_else(|| anyhow!("the interface string `{key}` is missing: add it to i18n/{lang}.yaml in the content folder"))
    }

    /// Whether the index holds labels in `lang` whatever the listings are
    /// written in: English, the site's languages and those of the
    /// publisher's translations.
    pub(crate) fn searched_in(&self, lang: &str) -> bool {
        self.searched.iter().any(|code| code == lang)
    }

    /// The string at `key` in every language that has it, for the index.
    pub(crate) fn labels(&self, key: &str) -> Vec<Label> {
        let text = |(lang, strings): &(String, Value)| {
            Some(Label { lang: lang.clone(), text: find(strings, key)?.as_str()?.to_string() })
        };
        self.languages.iter().filter_map(text).collect()
    }
}

/// The direction a language is written in, for `dir`: `rtl` for Arabic,
/// Persian, Hebrew, Urdu and the other languages written right to left,
/// `ltr` for every other.
pub(crate) fn direction(lang: &str) -> &'static str {
    const RIGHT_TO_LEFT: &[&str] = &["ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"];
    let primary = lang.split('-').next().unwrap_or(lang);
    if RIGHT_TO_LEFT.contains(&primary.to_ascii_lowercase().as_str()) {
        "rtl"
    } else {
        "ltr"
    }
}

/// Every language a listing or a crisis line speaks needs a name in each
/// interface language, shown on its page and in the search filters: a
/// code without one is an error at its line.
pub(crate) fn check_names(dir: &Directory, strings: &Strings, report: &mut Report) {
    fn each<T: Listing>(entries: &[Entry<T>], strings: &Strings, lang: &str, report: &mut Report) {
        for e in entries {
            unnamed(e, "languages", e.data.languages(), strings, lang, report);
        }
    }
    let site = &dir.site;
    for lang in site.data.interface_languages() {
        each(&dir.specialists, strings, lang, report);
        each(&dir.programs, strings, lang, report);
        for (i, line) in site.data.crisis.iter().enumerate() {
            let field = format!("crisis[{i}].languages");
            unnamed(site, &field, &line.languages, strings, lang, report);
        }
    }
}

/// Each of the language `codes` at `field` of `entry` that has no name in
/// the interface language `lang`, as an error at its place.
fn unnamed<T>(
    entry: &Entry<T>,
    field: &str,
    codes: &[String],
    strings: &Strings,
    lang: &str,
    report: &mut Report,
) {
    for (i, code) in codes.iter().enumerate() {
        if formats::is_language(code)
            && strings.text(lang, &format!("language_names.{code}")).is_err()
        {
            let pos = entry.map.get(&entry.file).value(&format!("{field}[{i}]"));
            let msg =
                format!("the language `{code}` has no name in the interface language `{lang}`");
            let hint = format!(
                "add `language_names: {{{code}: <its name>}}` to i18n/{lang}.yaml in the content folder"
            );
            report.push(
                Diagnostic::error(&entry.file.path, msg)
                    .at(&entry.file.text, pos.line, pos.col)
                    .hint(Some(hint)),
            );
        }
    }
}

/// The value at a dotted `key`.
fn find<'a>(strings: &'a Value, key: &str) -> Option<&'a Value> {
    key.split('.').try_fold(strings, |v, part| v.get(part))
}

/// The languages of the publisher's `i18n/<lang>.yaml` files; any other
/// file there is a warning.
fn own_languages(source: &Path, report: &mut Report) -> Vec<String> {
    let (found, problems) = files::walk(source, "i18n");
    report.extend(problems);
    let mut out = Vec::new();
    for rel in found {
        let code = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let yaml = rel.extension().is_some_and(|e| e == "yaml");
        if rel.parent() == Some(Path::new("i18n")) && yaml && formats::is_language(code) {
            out.push(code.to_string());
        } else {
            let msg = "not a translation: translations are `i18n/<language code>.yaml`, such as `i18n/tr.yaml`; ignored";
            report.push(Diagnostic::warning(source.join(&rel), msg));
        }
    }
    out
}

/// Whether the interface can be shown in `language`.
pub(crate) fn has_translation(source: &Path, language: &str) -> bool {
    I18N.iter().any(|(l, _)| *l == language)
        || files::kind(source, &own_strings(language)) == Ok(files::Kind::File)
}

/// The publisher's strings for `language`, relative to the content folder.
fn own_strings(language: &str) -> PathBuf {
    Path::new("i18n").join(format!("{language}.yaml"))
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
fn translation(
    source: &Path,
    language: &str,
    english: &Value,
    report: &mut Report,
) -> Option<Value> {
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
    let file = SourceFile {
        path: source.join(&rel),
        rel,
        front: text.clone(),
        text,
        front_line: 1,
        body: String::new(),
    };
    let own = yaml::parse(&file).map_err(|d| report.push(d)).ok()?;
    let lazy = yaml::LazyMap::default();
    let mut problems = shape(&file, &lazy, english, &own, "");
    if !I18N.iter().any(|(code, _)| *code == language) {
        problems.extend(missing(&file, &lazy, english, &own, ""));
    }
    let fine = !problems.iter().any(Diagnostic::is_error);
    report.extend(problems);
    overlay(&mut strings, own);
    fine.then_some(strings)
}

/// The publisher's strings must have the English strings' shape: a group
/// where English has a group, text where it has text, a list where it has a
/// list. Keys English does not have are a warning: no template reads them.
/// The file's source map is made once, for the first problem to place.
fn shape(
    file: &SourceFile,
    lazy: &yaml::LazyMap,
    english: &Value,
    own: &Value,
    path: &str,
) -> Vec<Diagnostic> {
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
                    // Names of more languages are welcome: listings may speak them.
                    None if path == "language_names" => {
                        out.extend(shape(file, lazy, &Value::String(String::new()), v, &child))
                    }
                    None => {
                        let names: Vec<&str> = en.keys().filter_map(Value::as_str).collect();
                        let d = Diagnostic::warning(
                            &file.path,
                            format!("`{child}` is not a string of the theme; no page shows it"),
                        );
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
                    let keys: Vec<String> =
                        m.keys().filter_map(Value::as_str).map(|k| format!("`{k}`")).collect();
                    format!("a group of strings ({})", keys.join(", "))
                }
                Value::Sequence(s) => format!("a list of {} strings", s.len()),
                _ => "text".to_string(),
            };
            let d = Diagnostic::error(
                &file.path,
                format!("`{path}` should be {want}, as in the theme's English strings"),
            );
            out.push(
                at(d, map().value(path))
                    .hint(Some("compare with themes/default/i18n/en.yaml".into())),
            );
        }
    }
    out
}

/// The strings of the theme's English that a translation into a language
/// the theme lacks does not have: each is a warning at the group it
/// belongs in, and pages show the English string. Names of languages are
/// left out: a listing's languages are checked by [`check_names`].
fn missing(
    file: &SourceFile,
    lazy: &yaml::LazyMap,
    english: &Value,
    own: &Value,
    path: &str,
) -> Vec<Diagnostic> {
    let (Value::Mapping(en), Value::Mapping(o)) = (english, own) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, e) in en {
        let key = k.as_str().unwrap_or_default();
        let child = if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
        match o.get(k) {
            Some(v) => out.extend(missing(file, lazy, e, v, &child)),
            None if path == "language_names" => {}
            None => {
                let pos = lazy.get(file).key(path);
                let msg = format!("`{child}` is not translated: pages show the English string");
                let hint = format!("translate `{child}` from themes/default/i18n/en.yaml");
                out.push(
                    Diagnostic::warning(&file.path, msg)
                        .at(&file.text, pos.line, pos.col)
                        .hint(Some(hint)),
                );
            }
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

    #[test]
    fn a_missing_string_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut report = Report::default();
        let strings = Strings::load(dir.path(), &["nl".into()], &mut report).unwrap();
        assert_eq!(strings.text("nl", "kinds.buddy").unwrap(), "Maatjesproject");
        let e = strings.text("nl", "kinds.nothing").unwrap_err().to_string();
        assert!(e.contains("`kinds.nothing` is missing") && e.contains("i18n/nl.yaml"), "{e}");
        let labels = strings.labels("kinds.buddy");
        assert_eq!(
            labels.iter().map(|l| (l.lang.as_str(), l.text.as_str())).collect::<Vec<_>>(),
            [
                ("ar", "برنامج الرفيق"),
                ("en", "Buddy program"),
                ("nl", "Maatjesproject"),
                ("pl", "Program towarzysza"),
                ("tr", "Arkadaş programı"),
                ("uk", "Програма товариша")
            ]
        );
        assert!(strings.searched_in("en") && strings.searched_in("nl"));
        assert!(!strings.searched_in("tr"), "the index holds no Turkish labels on a Dutch site");
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
        assert_eq!(I18N[0].0, "en");
        let mut en = Vec::new();
        keys(&parse(I18N[0].1), "", &mut en);
        for (lang, text) in I18N {
            let mut other = Vec::new();
            keys(&parse(text), "", &mut other);
            let missing: Vec<_> = en.iter().filter(|k| !other.contains(k)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        }
    }

    /// Each theme translation says whether a native speaker has read it,
    /// and the README's table of languages says the same.
    #[test]
    fn translations_say_whether_they_are_reviewed() {
        let readme = include_str!("../README.md");
        for (lang, text) in I18N {
            let reviewed = text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .find_map(|l| l.strip_prefix("# reviewed: "))
                .and_then(|rest| rest.split_whitespace().next())
                .unwrap_or_else(|| panic!("{lang}.yaml has no `# reviewed:` line"));
            assert!(["yes", "no"].contains(&reviewed), "{lang}: {reviewed}");
            let row = readme
                .lines()
                .find(|l| l.starts_with(&format!("| `{lang}` |")))
                .unwrap_or_else(|| panic!("the README's table of languages has no `{lang}`"));
            assert!(row.ends_with(&format!("| {reviewed} |")), "README: {row}");
        }
    }
}
