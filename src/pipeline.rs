//! The stages run in order for one build: the validated directory is
//! rendered and indexed into [`Files`] in memory, which `build` writes to
//! disk and `serve` serves as they are.

use crate::content::Directory;
use crate::progress::Progress;
use crate::render::{self, Files};
use crate::{index, theme::Theme, write};
use anyhow::Result;
use std::path::Path;

/// Every file of the site for a loaded, valid directory. The index is
/// built on a thread of its own while the pages render; the search page,
/// which names the index file, waits for it.
pub fn render_site(dir: &Directory, progress: &Progress) -> Result<Files> {
    let theme = Theme::load(&dir.root, &dir.site.data.language)?;
    std::thread::scope(|s| {
        let index = s.spawn(|| progress.background("indexing", || index::build(dir)));
        progress.stage("media", dir.media.len());
        let media = crate::media::prepare(dir)?;
        render::render(dir, &theme, media, || index.join().expect("the index thread does not panic"), progress)
    })
}

/// Renders and writes a loaded directory to `out`; returns the number of HTML pages.
pub fn build_site(dir: &Directory, out: &Path, progress: &Progress) -> Result<usize> {
    let files = render_site(dir, progress)?;
    write::write_site(out, &dir.root, &files, progress)?;
    Ok(html_pages(&files))
}

pub fn html_pages(files: &Files) -> usize {
    files.keys().filter(|k| k.ends_with(".html")).count()
}
