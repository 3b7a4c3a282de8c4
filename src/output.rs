//! Where the files of a site go as they are made: into memory for `serve`,
//! or straight into the build's staging folder for `build`, so that a large
//! site is never held in memory whole. Stages running side by side put
//! files at the same time; the paths put so far are kept, sorted, for the
//! sitemap and the summary line.

use crate::render::Files;
use anyhow::{Context as _, Result};
use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

enum Target {
    /// Nowhere: only the paths are kept (`check`).
    Nowhere,
    Memory(Mutex<Files>),
    /// A folder that nothing else writes to (the staging folder).
    Folder(PathBuf),
}

/// The files of one site as they are made.
pub(crate) struct Output {
    target: Target,
    paths: Mutex<BTreeSet<String>>,
}

impl Output {
    /// Files made and dropped: `check` renders the whole site this way.
    pub(crate) fn nowhere() -> Output {
        Output { target: Target::Nowhere, paths: Mutex::default() }
    }

    pub(crate) fn memory() -> Output {
        Output { target: Target::Memory(Mutex::new(Files::new())), paths: Mutex::default() }
    }

    /// Files written under `folder` as they are put.
    pub(crate) fn folder(folder: &Path) -> Output {
        Output { target: Target::Folder(folder.to_path_buf()), paths: Mutex::default() }
    }

    /// Adds the file at `path` (relative to the site root, `/`-separated).
    pub(crate) fn put(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        check_path(&path)?;
        match &self.target {
            Target::Nowhere => {}
            Target::Memory(files) => {
                files.lock().expect("output lock").insert(path.clone(), bytes);
            }
            Target::Folder(root) => {
                let file = root.join(&path);
                folders_for(root, &file)?;
                fs::write(&file, bytes)
                    .with_context(|| format!("cannot write {}", file.display()))?;
            }
        }
        self.paths.lock().expect("output lock").insert(path);
        Ok(())
    }

    /// Adds the file at `path`, written by `write` as it is made: for files
    /// too large to hold in memory whole first.
    pub(crate) fn write_with(
        &self,
        path: String,
        write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<()> {
        check_path(&path)?;
        match &self.target {
            Target::Nowhere => {
                write(&mut io::sink()).with_context(|| format!("cannot make {path}"))?
            }
            Target::Memory(_) => {
                let mut bytes = Vec::new();
                write(&mut bytes).with_context(|| format!("cannot make {path}"))?;
                return self.put(path, bytes);
            }
            Target::Folder(root) => {
                let file = root.join(&path);
                folders_for(root, &file)?;
                let mut w = io::BufWriter::with_capacity(
                    1 << 16,
                    fs::File::create(&file)
                        .with_context(|| format!("cannot write {}", file.display()))?,
                );
                write(&mut w)
                    .and_then(|()| io::Write::flush(&mut w))
                    .with_context(|| format!("cannot write {}", file.display()))?;
            }
        }
        self.paths.lock().expect("output lock").insert(path);
        Ok(())
    }

    /// Every path put so far, sorted.
    pub(crate) fn paths(&self) -> BTreeSet<String> {
        self.paths.lock().expect("output lock").clone()
    }

    /// The number of HTML pages put so far.
    pub(crate) fn html_pages(&self) -> usize {
        self.paths.lock().expect("output lock").iter().filter(|p| p.ends_with(".html")).count()
    }

    /// The files put into memory (none for a folder).
    pub(crate) fn into_files(self) -> Files {
        match self.target {
            Target::Memory(files) => files.into_inner().expect("output lock"),
            Target::Folder(_) | Target::Nowhere => Files::new(),
        }
    }
}

/// Makes the folders `file` needs below `root`, but never `root` itself:
/// once an interrupted build's folder is taken away, writes fail instead
/// of making it again.
fn folders_for(root: &Path, file: &Path) -> Result<()> {
    fn make(root: &Path, dir: &Path) -> io::Result<()> {
        if dir == root || dir.is_dir() {
            return Ok(());
        }
        make(root, dir.parent().unwrap_or(root))?;
        match fs::create_dir(dir) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => Err(e),
            _ => Ok(()),
        }
    }
    let parent = file.parent().unwrap_or(root);
    make(root, parent).with_context(|| format!("cannot create {}", parent.display()))
}

/// Longest name of one file or folder of the site, in bytes: the limit of
/// most file systems.
pub(crate) const MAX_NAME_BYTES: usize = 255;

/// Longest path of a file in the site, in bytes, so the site fits under
/// an output folder on any system.
pub(crate) const MAX_PATH_BYTES: usize = 1024;

/// A site path every file system can hold, the same in `check` and
/// `build`. Validation keeps addresses well within this; this is the last
/// guard.
fn check_path(path: &str) -> Result<()> {
    let too_long =
        path.len() > MAX_PATH_BYTES || path.split('/').any(|part| part.len() > MAX_NAME_BYTES);
    if too_long || path.split('/').any(|part| part.is_empty() || part == "." || part == "..") {
        anyhow::bail!("the site would need a file named `{path}`, which is too long or not a valid name for a file system");
    }
    Ok(())
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
    fn paths_no_file_system_can_hold_are_refused() {
        let out = Output::nowhere();
        out.put(format!("topics/{}/index.html", "a".repeat(255)), Vec::new()).unwrap();
        assert!(out.put(format!("topics/{}/index.html", "a".repeat(256)), Vec::new()).is_err());
        assert!(out.put(format!("{}index.html", "a/".repeat(600)), Vec::new()).is_err());
        assert!(out.put("a/../b.html".into(), Vec::new()).is_err());
        assert_eq!(out.paths().len(), 1);
    }

    #[test]
    fn the_folder_itself_is_never_made_again() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir(&root).unwrap();
        let out = Output::folder(&root);
        out.put("a/b/c.html".into(), b"x".to_vec()).unwrap();
        fs::remove_dir_all(&root).unwrap();
        assert!(out.put("a/b/d.html".into(), b"x".to_vec()).is_err());
        assert!(out.put("e.html".into(), b"x".to_vec()).is_err());
        assert!(!root.exists());
    }

    #[test]
    fn memory_output_holds_files() {
        let out = Output::memory();
        out.put("index.html".into(), b"home".to_vec()).unwrap();
        out.write_with("api/data.json".into(), |w| w.write_all(b"[1]")).unwrap();
        let files = out.into_files();
        assert_eq!(files.get("index.html").map(Vec::as_slice), Some(&b"home"[..]));
        assert_eq!(files.get("api/data.json").map(Vec::as_slice), Some(&b"[1]"[..]));
    }

    #[test]
    fn written_files_stream_into_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = Output::folder(tmp.path());
        out.write_with("api/big.json".into(), |w| (0..100_000).try_for_each(|i| write!(w, "{i},")))
            .unwrap();
        let text = fs::read_to_string(tmp.path().join("api/big.json")).unwrap();
        assert!(text.starts_with("0,1,2,") && text.ends_with("99999,"));
        assert_eq!(out.paths().into_iter().collect::<Vec<_>>(), ["api/big.json"]);
        let failed =
            out.write_with("api/broken.json".into(), |_| Err(io::Error::other("no more data")));
        assert!(failed.unwrap_err().to_string().contains("api/broken.json"));
    }
}
