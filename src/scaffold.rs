//! Starting points for publishers: `peerdir new` writes a listing with every
//! field present and explained, `peerdir init` a whole directory repository
//! that builds at once. The files come from `scaffold/` in this repository,
//! embedded in the binary.

use crate::content::formats::slugify;
use anyhow::{bail, Context as _, Result};
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum Kind {
    Specialist,
    Program,
}

const NEW_SPECIALIST: &str = include_str!("../scaffold/new/specialist.md");
const NEW_PROGRAM: &str = include_str!("../scaffold/new/program.md");

/// The files of a new directory repository, by path.
const INIT: &[(&str, &str)] = &[
    ("README.md", include_str!("../scaffold/init/README.md")),
    (".gitignore", include_str!("../scaffold/init/gitignore")),
    (
        ".github/workflows/peerdir.yml",
        include_str!("../scaffold/init/.github/workflows/peerdir.yml"),
    ),
    (".gitlab-ci.yml", include_str!("../scaffold/init/gitlab-ci.yml")),
    ("site.yaml", include_str!("../scaffold/init/site.yaml")),
    ("taxonomy.yaml", include_str!("../scaffold/init/taxonomy.yaml")),
    ("specialists/sam-jansen.md", include_str!("../scaffold/init/specialists/sam-jansen.md")),
    (
        "specialists/noor-el-amrani.md",
        include_str!("../scaffold/init/specialists/noor-el-amrani.md"),
    ),
    ("programs/herstelmaatjes.md", include_str!("../scaffold/init/programs/herstelmaatjes.md")),
    ("pages/about.md", include_str!("../scaffold/init/pages/about.md")),
];

/// Writes `specialists/<slug>.md` or `programs/<slug>.md`; never overwrites.
pub(crate) fn new_listing(source: &Path, kind: Kind, name: &str) -> Result<PathBuf> {
    let slug = slugify(name);
    if slug.is_empty() {
        bail!("`{name}` gives no usable file name; use letters or digits");
    }
    if !source.join("site.yaml").is_file() {
        bail!("{} is not a content folder (no site.yaml); pass --source", source.display());
    }
    let (folder, template) = match kind {
        Kind::Specialist => ("specialists", NEW_SPECIALIST),
        Kind::Program => ("programs", NEW_PROGRAM),
    };
    let path = source.join(folder).join(format!("{slug}.md"));
    if path.exists() {
        bail!("{} already exists; choose another name or edit that file", path.display());
    }
    let text = template
        .replace("{{name}}", &name.replace('"', "'"))
        .replace("{{today}}", &crate::dates::iso(crate::dates::build_date()));
    fs::create_dir_all(path.parent().expect("has a parent"))?;
    fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// Creates a new directory repository in `dir` (which must not exist or be empty).
pub(crate) fn init(dir: &Path) -> Result<()> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        bail!("{} is not empty; choose a new folder", dir.display());
    }
    for (rel, text) in INIT {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("has a parent"))?;
        fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
