//! Reads the content folder: `site.yaml`, `taxonomy.yaml`, and every
//! Markdown file under `specialists/`, `programs/` and `pages/` (walked in
//! sorted order, subfolders allowed), plus the list of files in `media/`.

use super::model::{Location, Page, Program, SiteConfig, Specialist, Taxonomy};
use super::source::{self, SourceFile};
use super::{files, formats, images, validate, yaml, Directory, Entry};
use crate::diag::{Diagnostic, Report};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// Loads and validates the folder. The directory is returned only when
/// `site.yaml` and `taxonomy.yaml` are usable; the report has every problem.
pub fn load(root: &Path) -> (Option<Directory>, Report) {
    let mut report = Report::default();
    if !root.is_dir() {
        report.push(Diagnostic::error(root, "content folder not found").hint(Some(
            "pass the folder with --source, or run in a folder that has a site.yaml".into(),
        )));
        return (None, report);
    }
    let mut site = config::<SiteConfig>(root, "site.yaml", &mut report);
    if let Some(s) = site.as_mut().map(|s| &mut s.data) {
        // A site in several languages is in the first one at its root.
        if s.language.is_empty() {
            s.language = s.languages.first().cloned().unwrap_or_default();
        }
    }
    let taxonomy = config::<Taxonomy>(root, "taxonomy.yaml", &mut report);
    let specialists = listings::<Specialist>(root, "specialists", &mut report);
    let programs = listings::<Program>(root, "programs", &mut report);
    let pages = listings::<Page>(root, "pages", &mut report);
    let media = media(root, &mut report);
    let dir = match (site, taxonomy) {
        (Some(site), Some(taxonomy)) => {
            let today = crate::dates::build_date(&site.data.time_zone());
            let mut dir = Directory {
                root: root.to_path_buf(),
                site,
                taxonomy,
                specialists,
                programs,
                pages,
                media,
                today,
            };
            validate::validate(&dir, &mut report);
            for s in &mut dir.specialists {
                approximate(&mut s.data);
            }
            Some(dir)
        }
        _ => None,
    };
    report.finish();
    (dir, report)
}

/// Coordinates of an approximate location are kept to a tenth of a degree,
/// about 10 km: the size of a town.
const APPROXIMATE_DEGREES: f64 = 10.0;

/// What is published of a specialist who asked for an approximate
/// location: each location's city and region, and coordinates rounded to
/// about 10 km. Done once here, so that no page, export or index can
/// publish more.
fn approximate(s: &mut Specialist) {
    if s.approximate_location != Some(true) {
        return;
    }
    let round = |v: Option<f64>| v.map(|v| (v * APPROXIMATE_DEGREES).round() / APPROXIMATE_DEGREES);
    for l in s.locations.iter_mut().flatten() {
        *l = Location {
            city: std::mem::take(&mut l.city),
            region: std::mem::take(&mut l.region),
            lat: round(l.lat),
            lon: round(l.lon),
            ..Location::default()
        };
    }
}

/// Reads a whole-file YAML config such as `site.yaml`.
fn config<T: DeserializeOwned>(root: &Path, name: &str, report: &mut Report) -> Option<Entry<T>> {
    let path = root.join(name);
    if files::kind(root, Path::new(name)) == Ok(files::Kind::Missing) {
        report
            .push(Diagnostic::error(&path, format!("`{name}` is missing from the content folder")));
        return None;
    }
    let text = match source::read_text(root, Path::new(name)) {
        Ok(t) => t,
        Err(d) => {
            report.push(d);
            return None;
        }
    };
    let file = SourceFile {
        path,
        rel: PathBuf::from(name),
        front: text.clone(),
        text,
        front_line: 1,
        body: String::new(),
    };
    let Parsed { data, file, map, removed } = parse::<T>(file, report)?;
    let slug = name.trim_end_matches(".yaml").to_string();
    Some(Entry { slug, file, map, removed, data: data? })
}

/// A parsed file: its typed value (if the types allowed one) and what
/// validation needs to place problems.
struct Parsed<T> {
    data: Option<T>,
    file: SourceFile,
    map: yaml::LazyMap,
    removed: Vec<String>,
}

/// Parses a file's front matter into `T`, reporting problems.
fn parse<T: DeserializeOwned>(file: SourceFile, report: &mut Report) -> Option<Parsed<T>> {
    let value = match yaml::plain(&file) {
        Ok(v) => v,
        Err(d) => {
            report.push(d);
            return None;
        }
    };
    let map = yaml::LazyMap::default();
    let (data, removed, diags) = yaml::typed::<T>(&file, &map, value);
    report.extend(diags);
    Some(Parsed { data, file, map, removed })
}

/// Every `.md` file under `root/folder`, typed as `T`. Files are read and
/// parsed in parallel; entries and problems keep the files' sorted order.
fn listings<T: DeserializeOwned + Send>(
    root: &Path,
    folder: &str,
    report: &mut Report,
) -> Vec<Entry<T>> {
    let loaded: Vec<(Option<Entry<T>>, Report)> = files_in(root, folder, report)
        .par_iter()
        .map(|rel| {
            let mut own = Report::default();
            (listing(root, rel, &mut own), own)
        })
        .collect();
    let mut out = Vec::with_capacity(loaded.len());
    for (entry, own) in loaded {
        report.extend(own.diagnostics);
        out.extend(entry);
    }
    out
}

/// One listing file, typed as `T`, or `None` with its problems reported.
fn listing<T: DeserializeOwned>(root: &Path, rel: &Path, report: &mut Report) -> Option<Entry<T>> {
    if rel.extension().and_then(|e| e.to_str()) != Some("md") {
        report.push(Diagnostic::warning(root.join(rel), "not a Markdown (.md) file; ignored"));
        return None;
    }
    let slug = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
    let file = match source::read(root, rel) {
        Ok(f) => f,
        Err(d) => {
            report.push(d);
            return None;
        }
    };
    if !formats::is_slug(&slug) {
        report.push(bad_name(&file.path, &slug));
        return None;
    }
    let Parsed { data, file, map, removed } = parse::<T>(file, report)?;
    Some(Entry { slug, file, map, removed, data: data? })
}

/// Why `slug`, a listing's file name, cannot be its address, with the
/// name to give it instead.
fn bad_name(path: &Path, slug: &str) -> Diagnostic {
    let better = formats::slugify(slug);
    let (msg, hint) = if slug.len() > formats::MAX_SLUG {
        (
            format!(
                "the file name is {} characters long; a file name is an address, of at most {}",
                slug.chars().count(),
                formats::MAX_SLUG
            ),
            "shorten the file name: the person's or program's name is enough".to_string(),
        )
    } else if better.is_empty() {
        (
            format!("`{slug}` cannot be an address: a file name needs letters or digits"),
            "name the file after the person or program, e.g. `anna-de-vries.md`".to_string(),
        )
    } else {
        (
            format!("`{slug}` cannot be an address: file names may hold only lowercase letters, digits and single hyphens"),
            format!("rename the file to `{}.md`", better.chars().take(formats::MAX_SLUG).collect::<String>().trim_end_matches('-')),
        )
    };
    Diagnostic::error(path, msg).hint(Some(hint))
}

/// Files under `root/folder`, relative to `root`, sorted ([`files::walk`]:
/// hidden files skipped, symbolic links and special files refused).
fn files_in(root: &Path, folder: &str, report: &mut Report) -> Vec<PathBuf> {
    let (found, problems) = files::walk(root, folder);
    report.extend(problems);
    found
}

/// The images in `media/`, relative to it; every other file there is
/// refused ([`images::check`]).
fn media(root: &Path, report: &mut Report) -> Vec<PathBuf> {
    let checked: Vec<Result<PathBuf, Diagnostic>> = files_in(root, "media", report)
        .into_par_iter()
        .map(|rel| {
            let name = rel.strip_prefix("media").unwrap_or(&rel).to_path_buf();
            let bytes = files::read(root, &rel, images::MAX_BYTES)?;
            images::check(&root.join(&rel), &name.to_string_lossy(), &bytes)?;
            Ok(name)
        })
        .collect();
    checked.into_iter().filter_map(|c| c.map_err(|d| report.push(d)).ok()).collect()
}
