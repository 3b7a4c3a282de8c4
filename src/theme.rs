//! The default theme, embedded in the binary: templates and static assets,
//! with the interface strings of [`crate::i18n`]. A publisher overrides any
//! template by putting a file of the same name in `templates/` in the
//! content folder.

use crate::content::{files, source};
use crate::diag::{Diagnostic, Report};
use crate::i18n::Strings;
use crate::render::templates::Templates;
use std::path::{Path, PathBuf};

/// A static file of the theme, copied into every site as it is, with the
/// brotli and gzip copies `build.rs` made when the binary was built.
pub(crate) struct Asset {
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
pub(crate) const TEMPLATES: &[(&str, &str)] = &[
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
    ("schedule.html", include_str!("../themes/default/templates/schedule.html")),
    ("browse.html", include_str!("../themes/default/templates/browse.html")),
    ("page.html", include_str!("../themes/default/templates/page.html")),
    ("404.html", include_str!("../themes/default/templates/404.html")),
    ("safety.html", include_str!("../themes/default/templates/safety.html")),
    ("search.html", include_str!("../themes/default/templates/search.html")),
];

/// Static files copied to the site, by path in the output, with their
/// precompressed copies (`assets/search.js.br`, `.gz`) for hosts that serve
/// a file's compressed copy.
pub(crate) const ASSETS: &[Asset] = assets![
    "assets/style.css",
    "assets/quick-exit.js",
    "assets/search.js",
    "assets/search-worker.js"
];

/// A template of the theme as used for one build.
pub(crate) struct Template {
    pub name: String,
    pub text: String,
    /// The publisher's file, when the template comes from the content
    /// folder's `templates/` (for placing its errors).
    pub file: Option<PathBuf>,
}

/// The theme as used for one build: templates with the publisher's
/// overrides, compiled, and the interface strings with the publisher's.
pub(crate) struct Theme {
    pub templates: Templates,
    pub strings: Strings,
}

impl Theme {
    /// The theme with the publisher's templates and strings from the
    /// content folder `source`; `None` with the problems in `report` when
    /// one of them cannot be used.
    pub(crate) fn load(source: &Path, languages: &[String], report: &mut Report) -> Option<Theme> {
        let errors = report.errors();
        let mut templates: Vec<Template> = TEMPLATES
            .iter()
            .map(|(n, s)| Template { name: n.to_string(), text: s.to_string(), file: None })
            .collect();
        for own in own_templates(source, report) {
            match templates.iter_mut().find(|t| t.name == own.name) {
                Some(existing) => *existing = own,
                None => templates.push(own),
            }
        }
        let strings = Strings::load(source, languages, report);
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
            let msg =
                "not a template: templates are `.html` files directly in `templates/`; ignored";
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
            assert!(
                br.len() < text.len() && gz.len() < text.len(),
                "{path}: the copies are smaller"
            );
        }
    }
}
