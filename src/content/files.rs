//! Every file peerdir reads from a content folder is read here, and only if
//! it is a regular file inside the folder, reached without a symbolic link.
//!
//! A content folder arrives in pull requests, and git stores symbolic
//! links: `templates/footer.html -> /proc/self/environ` would otherwise put
//! the build's environment (CI secrets) on every page. So every part of a
//! path below the content folder is looked at without following links
//! (`symlink_metadata`), special files (pipes, devices) are refused before
//! they are opened, and a file is read only up to its size limit. Names
//! that a checkout on Windows or macOS cannot hold as they are (characters
//! Windows refuses, names that differ only in case) are refused too.

use crate::diag::{slashed, Diagnostic};
use std::collections::hash_map::{Entry, HashMap};
use std::fs;
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};
use walkdir::WalkDir;

/// What a path inside the content folder is, looked at without following
/// symbolic links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Missing,
    File,
    Folder,
}

/// Why a path of the content folder is refused.
fn refusal(path: &Path, what: &str) -> Diagnostic {
    let hint = if what.starts_with("a symbolic link") {
        "peerdir reads only files inside the content folder; copy the file in instead of linking to it"
    } else {
        "only ordinary files and folders belong in the content folder"
    };
    Diagnostic::error(path, format!("{what}: not read")).hint(Some(hint.into()))
}

/// What `rel` is under `root`. Every part of `rel` must be a folder or, the
/// last one, a regular file; a symbolic link or a special file anywhere on
/// the way is an error naming it.
pub(crate) fn kind(root: &Path, rel: &Path) -> Result<Kind, Diagnostic> {
    let mut at = root.to_path_buf();
    let parts: Vec<Component> = rel.components().collect();
    for (i, part) in parts.iter().enumerate() {
        let Component::Normal(name) = part else {
            return Err(Diagnostic::error(
                root.join(rel),
                "a path in the content folder must stay inside it",
            ));
        };
        at.push(name);
        let meta = match fs::symlink_metadata(&at) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Kind::Missing),
            Err(e) => return Err(Diagnostic::error(&at, format!("cannot read: {e}"))),
        };
        let last = i + 1 == parts.len();
        let ft = meta.file_type();
        if ft.is_symlink() {
            return Err(refusal(&at, "a symbolic link"));
        } else if ft.is_dir() {
            if last {
                return Ok(Kind::Folder);
            }
        } else if ft.is_file() && last {
            return Ok(Kind::File);
        } else if ft.is_file() {
            return Ok(Kind::Missing);
        } else {
            return Err(refusal(&at, "not an ordinary file (a pipe, socket or device)"));
        }
    }
    Ok(Kind::Folder)
}

/// The bytes of the regular file `rel` under `root`, refused when it is
/// larger than `limit` bytes (read no further than that).
pub(crate) fn read(root: &Path, rel: &Path, limit: u64) -> Result<Vec<u8>, Diagnostic> {
    let path = root.join(rel);
    match kind(root, rel)? {
        Kind::File => {}
        Kind::Missing => return Err(Diagnostic::error(&path, "file not found")),
        Kind::Folder => return Err(Diagnostic::error(&path, "a folder where a file was expected")),
    }
    let file =
        open(&path).map_err(|e| Diagnostic::error(&path, format!("cannot read file: {e}")))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::error(&path, format!("cannot read file: {e}")))?;
    if bytes.len() as u64 > limit {
        let size = fs::metadata(&path).map_or(bytes.len() as u64, |m| m.len());
        return Err(Diagnostic::error(
            &path,
            format!("file is {size} bytes; files here are limited to {limit} bytes"),
        ));
    }
    Ok(bytes)
}

/// Opens a file for reading without following a symbolic link in its last
/// part, which [`kind`] has just looked at (the folders above it too).
fn open(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not an ordinary file"));
    }
    Ok(file)
}

/// The regular files under the folder `rel` of `root`, relative to `root`,
/// sorted by name. Hidden files and folders are skipped; symbolic links and
/// special files (the folder itself included) are reported and left out.
pub(crate) fn walk(root: &Path, rel: &str) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    match kind(root, Path::new(rel)) {
        Ok(Kind::Folder) => {}
        Ok(Kind::Missing) => return (Vec::new(), problems),
        Ok(Kind::File) => {
            return (
                Vec::new(),
                vec![Diagnostic::error(root.join(rel), "a file where a folder was expected")],
            )
        }
        Err(d) => return (Vec::new(), vec![d]),
    }
    let base = root.join(rel);
    let mut out = Vec::new();
    let walk = WalkDir::new(&base)
        .follow_links(false)
        .follow_root_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::error(
                    e.path().unwrap_or(&base),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let ft = entry.file_type();
        if ft.is_symlink() {
            problems.push(refusal(entry.path(), "a symbolic link"));
        } else if ft.is_file() {
            out.push(entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf());
        } else if !ft.is_dir() {
            problems.push(refusal(entry.path(), "not an ordinary file (a pipe, socket or device)"));
        }
    }
    let (out, unportable) = portable(root, out);
    problems.extend(unportable);
    (out, problems)
}

/// Characters a file name cannot hold on Windows.
const NOT_ON_WINDOWS: &[char] = &['\\', ':', '*', '?', '"', '<', '>', '|'];

/// The files of `found` that a checkout on any system holds as they are.
/// A name with a character Windows refuses, or one that differs from an
/// earlier name only in case (macOS and Windows fold case, so a checkout
/// there keeps one file of the two), is reported and left out: the site
/// must build the same from every checkout.
fn portable(root: &Path, found: Vec<PathBuf>) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut folded: HashMap<String, PathBuf> = HashMap::new();
    let mut out = Vec::with_capacity(found.len());
    let mut problems = Vec::new();
    for rel in found {
        let name = slashed(&rel);
        if let Some(c) = rel.components().find_map(|part| {
            part.as_os_str()
                .to_string_lossy()
                .chars()
                .find(|c| NOT_ON_WINDOWS.contains(c) || c.is_control())
        }) {
            let c = c.escape_default();
            problems.push(
                Diagnostic::error(
                    root.join(&rel),
                    format!("`{c}` in a file or folder name: Windows cannot check it out"),
                )
                .hint(Some(
                    "rename it with letters, digits, hyphens and dots; put `/` between folders"
                        .into(),
                )),
            );
            continue;
        }
        match folded.entry(name.to_lowercase()) {
            Entry::Occupied(first) => problems.push(
                Diagnostic::error(
                    root.join(&rel),
                    format!(
                        "differs from `{}` only in case: a checkout on macOS or Windows keeps only one of them",
                        slashed(first.get())
                    ),
                )
                .hint(Some("rename or remove one of the two".into())),
            ),
            Entry::Vacant(slot) => {
                slot.insert(rel.clone());
                out.push(rel);
            }
        }
    }
    (out, problems)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn only_regular_files_inside_are_read() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("content");
        fs::create_dir_all(root.join("templates")).unwrap();
        fs::write(root.join("templates/ok.html"), "ok").unwrap();
        fs::write(tmp.path().join("secret"), "secret").unwrap();
        symlink(tmp.path().join("secret"), root.join("templates/footer.html")).unwrap();
        symlink(tmp.path(), root.join("i18n")).unwrap();
        symlink("/proc/self/environ", root.join("site.yaml")).unwrap();
        assert_eq!(read(&root, Path::new("templates/ok.html"), 10).unwrap(), b"ok");
        for rel in ["templates/footer.html", "i18n/secret", "site.yaml"] {
            let e = read(&root, Path::new(rel), 1000).unwrap_err();
            assert!(e.message.contains("symbolic link"), "{rel}: {}", e.message);
        }
        assert!(read(&root, Path::new("../secret"), 1000).is_err());
        assert!(read(&root, Path::new("templates/ok.html"), 1)
            .unwrap_err()
            .message
            .contains("limited to 1 bytes"));
        let (files, problems) = walk(&root, "i18n");
        assert!(files.is_empty() && problems[0].message.contains("symbolic link"), "{problems:?}");
        let (files, problems) = walk(&root, "templates");
        assert_eq!(files, [PathBuf::from("templates/ok.html")]);
        assert!(problems[0].file.ends_with("templates/footer.html"), "{problems:?}");
    }

    #[test]
    fn pipes_are_refused_without_being_opened() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("site.yaml");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid, NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read(tmp.path(), Path::new("site.yaml"), 100).unwrap_err();
        assert!(e.message.contains("not an ordinary file"), "{}", e.message);
    }
}
