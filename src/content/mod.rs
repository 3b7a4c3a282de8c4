//! The content folder: loading it into typed values and validating them.
//!
//! [`load::load`] gives a [`Directory`] (when `site.yaml` and `taxonomy.yaml`
//! could be read) and a `Report` of every problem
//! found in every file; `validate::validate` adds the checks that need the
//! whole directory.

pub(crate) mod files;
pub(crate) mod formats;
pub(crate) mod images;
pub mod load;
pub mod model;
pub(crate) mod phone;
pub(crate) mod relations;
pub mod source;
pub(crate) mod suggest;
pub(crate) mod validate;
pub mod yaml;

use model::{Page, Program, SiteConfig, Specialist, Taxonomy};
use source::SourceFile;
use std::path::PathBuf;
use yaml::LazyMap;

/// One content file with its typed value, and what is needed to point at
/// its lines later.
#[derive(Debug)]
pub struct Entry<T> {
    /// The file stem: the page's address (`specialists/<slug>/`).
    pub slug: String,
    /// The file, split into front matter and body.
    pub file: SourceFile,
    /// Positions of the front matter's nodes, made when first needed.
    pub map: LazyMap,
    /// Fields taken out because they had the wrong type (already reported,
    /// so not reported again as missing): each top-level field touched, and
    /// the path of each nested field (`schedule.sessions[0].days`).
    pub removed: Vec<String>,
    /// The file's fields, typed.
    pub data: T,
}

/// The whole content folder, typed.
#[derive(Debug)]
pub struct Directory {
    /// The content folder.
    pub root: PathBuf,
    /// `site.yaml`.
    pub site: Entry<SiteConfig>,
    /// `taxonomy.yaml`.
    pub taxonomy: Entry<Taxonomy>,
    /// `specialists/`, in the files' sorted order.
    pub specialists: Vec<Entry<Specialist>>,
    /// `programs/`, in the files' sorted order.
    pub programs: Vec<Entry<Program>>,
    /// `pages/`, in the files' sorted order.
    pub pages: Vec<Entry<Page>>,
    /// Optional media files (photos, logos) under `media/`, relative to it.
    pub media: Vec<PathBuf>,
    /// The date of the build in the site's time zone, for review reminders
    /// and the next sessions.
    pub today: jiff::civil::Date,
}
