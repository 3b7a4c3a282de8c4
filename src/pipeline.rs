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
/// search page, which names the index file, waits until it is named.
pub fn render_site(dir: &Directory, out: &Output, progress: &Progress) -> Result<()> {
    let theme = Theme::load(&dir.root, &dir.site.data.language)?;
    let bodies = Bodies::new(dir);
    std::thread::scope(|s| {
        let (ready, named) = std::sync::mpsc::channel();
        let index = s.spawn(|| progress.background("indexing", || index::build(dir, &bodies, out, ready)));
        progress.stage("media", dir.media.len());
        let pages = crate::media::prepare(dir).and_then(|media| {
            let index_files = || named.recv().map_err(|_| anyhow::anyhow!("the search index was not built"));
            render::render(dir, &theme, media, &bodies, index_files, out, progress)
        });
        // The index's own error explains a missing index best.
        index.join().expect("the index thread does not panic")?;
        pages
    })?;
    crate::free::later(bodies);
    Ok(())
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
