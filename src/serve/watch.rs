//! Watching the content folder with notify: changes to content files call
//! back once per burst (editors often write a file in several steps).

use crate::write::CONTENT_FOLDERS;
use anyhow::{Context as _, Result};
use notify::{RecursiveMode, Watcher as _};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// How long a burst of changes may last before the rebuild starts.
const SETTLE: Duration = Duration::from_millis(100);

/// Whether a changed path (relative to the content folder) is content: the
/// two settings files and anything in the content folders, hidden files
/// and the output folder excluded.
fn is_content(rel: &Path) -> bool {
    let hidden = rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    let top = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    !hidden
        && (top == "site.yaml" || top == "taxonomy.yaml" || CONTENT_FOLDERS.contains(&top.as_str()))
}

/// Calls `on_change` after every burst of content changes, forever.
pub(super) fn watch(source: &Path, mut on_change: impl FnMut()) -> Result<()> {
    let root = std::fs::canonicalize(source)
        .with_context(|| format!("cannot find {}", source.display()))?;
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).context("cannot watch the content folder")?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    let relevant = |event: notify::Result<notify::Event>| {
        event.is_ok_and(|e| {
            !e.kind.is_access()
                && e.paths.iter().any(|p| p.strip_prefix(&root).is_ok_and(is_content))
        })
    };
    while let Ok(event) = rx.recv() {
        if !relevant(event) {
            continue;
        }
        std::thread::sleep(SETTLE);
        while rx.try_recv().is_ok() {}
        on_change();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_paths() {
        assert!(is_content(Path::new("specialists/anna.md")));
        assert!(is_content(Path::new("site.yaml")));
        assert!(is_content(Path::new("templates/base.html")));
        assert!(!is_content(Path::new("public/index.html")));
        assert!(!is_content(Path::new(".git/index")));
        assert!(!is_content(Path::new("specialists/.anna.md.swp")));
        assert!(!is_content(Path::new("README.md")));
    }
}
