//! The stages run in order for one build: the validated directory is
//! rendered and indexed into an [`Output`], which `build` points at the
//! staging folder that then replaces the published one, and `serve` keeps
//! in memory.

use crate::content::Directory;
use crate::output::Output;
use crate::progress::Progress;
use crate::render::markdown::Bodies;
use crate::{index, render, theme::Theme, write::Staging};
use anyhow::Result;
use std::path::Path;

/// Every file of the site for a loaded, valid directory, put into `out`.
/// The index is built on a thread of its own while the pages render; the
/// search page, which names the index file, waits for it.
pub fn render_site(dir: &Directory, out: &Output, progress: &Progress) -> Result<()> {
    let theme = Theme::load(&dir.root, &dir.site.data.language)?;
    let bodies = Bodies::new(dir);
    std::thread::scope(|s| {
        let index = s.spawn(|| progress.background("indexing", || index::build(dir, &bodies, out)));
        progress.stage("media", dir.media.len());
        let media = crate::media::prepare(dir)?;
        render::render(dir, &theme, media, &bodies, || index.join().expect("the index thread does not panic"), out, progress)
    })
}

/// Renders a loaded directory straight into a staging folder that then
/// replaces `out`; returns the number of HTML pages. A failed build leaves
/// `out` as it was.
pub fn build_site(dir: &Directory, out: &Path, progress: &Progress) -> Result<usize> {
    let staging = Staging::new(out, &dir.root)?;
    let files = Output::folder(staging.path());
    render_site(dir, &files, progress)?;
    progress.stage("finishing", 0);
    staging.finish()?;
    Ok(files.html_pages())
}
