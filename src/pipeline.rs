//! The stages run in order for one build: the validated directory is
//! rendered and indexed into [`Files`] in memory, which `build` writes to
//! disk and `serve` serves as they are.

use crate::content::Directory;
use crate::progress::Progress;
use crate::render::{self, Files};
use crate::{index, theme::Theme, write};
use anyhow::Result;
use std::path::Path;

/// Every file of the site for a loaded, valid directory.
pub fn render_site(dir: &Directory, progress: &Progress) -> Result<Files> {
    let theme = Theme::load(&dir.root, &dir.site.data.language)?;
    progress.stage("indexing", 1);
    let (index_path, index) = index::build(dir)?;
    progress.step();
    let search = render::search_page::SearchFiles { engine: index::engine_path(), index: index_path.clone() };
    progress.stage("media", dir.media.len());
    let media = crate::media::prepare(dir)?;
    let mut files = render::render(dir, &theme, &search, media, progress)?;
    files.insert(index_path, index);
    files.insert(search.engine, index::ENGINE_WASM.to_vec());
    Ok(files)
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
