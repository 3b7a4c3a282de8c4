//! Where the files of a site go as they are made: into memory for `serve`,
//! or straight into the build's staging folder for `build`, so that a large
//! site is never held in memory whole. Stages running side by side put
//! files at the same time; the paths put so far are kept, sorted, for the
//! sitemap and the summary line.

use crate::render::Files;
use anyhow::{Context as _, Result};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

enum Target {
    Memory(Mutex<Files>),
    /// A folder that nothing else writes to (the staging folder).
    Folder(PathBuf),
}

/// The files of one site as they are made.
pub struct Output {
    target: Target,
    paths: Mutex<BTreeSet<String>>,
}

impl Output {
    pub fn memory() -> Output {
        Output { target: Target::Memory(Mutex::new(Files::new())), paths: Mutex::default() }
    }

    /// Files written under `folder` as they are put.
    pub fn folder(folder: &Path) -> Output {
        Output { target: Target::Folder(folder.to_path_buf()), paths: Mutex::default() }
    }

    /// Adds the file at `path` (relative to the site root, `/`-separated).
    pub fn put(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        match &self.target {
            Target::Memory(files) => {
                files.lock().expect("output lock").insert(path.clone(), bytes);
            }
            Target::Folder(root) => {
                let file = root.join(&path);
                if let Some(parent) = file.parent() {
                    fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
                }
                fs::write(&file, bytes).with_context(|| format!("cannot write {}", file.display()))?;
            }
        }
        self.paths.lock().expect("output lock").insert(path);
        Ok(())
    }

    /// Every path put so far, sorted.
    pub fn paths(&self) -> BTreeSet<String> {
        self.paths.lock().expect("output lock").clone()
    }

    /// The number of HTML pages put so far.
    pub fn html_pages(&self) -> usize {
        self.paths.lock().expect("output lock").iter().filter(|p| p.ends_with(".html")).count()
    }

    /// The files put into memory (none for a folder).
    pub fn into_files(self) -> Files {
        match self.target {
            Target::Memory(files) => files.into_inner().expect("output lock"),
            Target::Folder(_) => Files::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_output_writes_files_and_keeps_paths() {
        let tmp = tempfile::tempdir().unwrap();
        let out = Output::folder(tmp.path());
        out.put("a/b/index.html".into(), b"page".to_vec()).unwrap();
        out.put("style.css".into(), b"css".to_vec()).unwrap();
        assert_eq!(fs::read_to_string(tmp.path().join("a/b/index.html")).unwrap(), "page");
        assert_eq!(out.paths().into_iter().collect::<Vec<_>>(), ["a/b/index.html", "style.css"]);
        assert_eq!(out.html_pages(), 1);
        assert!(out.into_files().is_empty());
    }

    #[test]
    fn memory_output_holds_files() {
        let out = Output::memory();
        out.put("index.html".into(), b"home".to_vec()).unwrap();
        assert_eq!(out.into_files().get("index.html").map(Vec::as_slice), Some(&b"home"[..]));
    }
}
