//! The stages run in order for one build: the content folder is loaded and
//! checked with the theme ([`load`]), then rendered and indexed into an
//! [`Output`], which `build` points at the staging folder that then
//! replaces the published one, `serve` keeps in memory, and `check` sends
//! nowhere: `check` runs every stage `build` runs, so a content folder
//! that passes `check` builds.

use crate::content::Directory;
use crate::diag::{Diagnostic, Report};
use crate::markdown::Bodies;
use crate::output::Output;
use crate::progress::Progress;
use crate::{content, index, render, theme::Theme, write::Staging};
use anyhow::Result;
use std::path::Path;

/// A content folder ready to build: its listings, checked, and the theme
/// with the publisher's templates and strings.
pub(crate) struct Site {
    pub dir: Directory,
    pub theme: Theme,
}

/// Loads and checks the content folder and the theme. The site is
/// returned when both could be read; the report has every problem.
pub(crate) fn load(source: &Path) -> (Option<Site>, Report) {
    let (dir, mut report) = content::load::load(source);
    let site = dir.and_then(|dir| {
        let theme = Theme::load(&dir.root, dir.site.data.interface_languages(), &mut report)?;
        crate::i18n::check_names(&dir, &theme.strings, &mut report);
        Some(Site { dir, theme })
    });
    report.finish();
    (site, report)
}

/// Everything `build` would find wrong with the content folder `source`,
/// without writing anything: the site is loaded, checked and, when that
/// finds no error, rendered into an [`Output`] that keeps no file.
pub(crate) fn check(source: &Path) -> Report {
    let (site, mut report) = load(source);
    if let Some(site) = site.filter(|_| report.errors() == 0) {
        if let Err(e) = render_site(&site, &Output::nowhere(), &Progress::hidden()) {
            report.push(diagnostic(&e, source));
            report.finish();
        }
    }
    report
}

/// A failed stage's error as a diagnostic: the one it carries (a
/// template's line, an image's file), or the error's text at the folder.
pub(crate) fn diagnostic(e: &anyhow::Error, source: &Path) -> Diagnostic {
    let found = e.chain().find_map(|c| c.downcast_ref::<Diagnostic>()).cloned();
    let context = e
        .chain()
        .next()
        .filter(|c| c.downcast_ref::<Diagnostic>().is_none())
        .map(|c| format!("while {c}"));
    match found {
        Some(d) if d.hint.is_none() => d.hint(context),
        Some(d) => d,
        None => Diagnostic::error(source, format!("{e:#}")),
    }
}

/// Every file of the site for a loaded, valid directory, put into `out`.
/// The index is built on a thread of its own while the pages render; the
/// search page, which names the index file, waits until it is named.
pub(crate) fn render_site(site: &Site, out: &Output, progress: &Progress) -> Result<()> {
    let dir = &site.dir;
    let bodies = Bodies::new(dir)?;
    std::thread::scope(|s| {
        let (ready, named) = std::sync::mpsc::channel();
        let index = s.spawn(|| {
            progress.background("indexing", || {
                index::build(dir, &bodies, &site.theme.strings, out, ready)
            })
        });
        progress.stage("media", dir.media.len());
        let pages = crate::media::prepare(dir).and_then(|media| {
            let index_files =
                || named.recv().map_err(|_| anyhow::anyhow!("the search index was not built"));
            render::render(dir, &site.theme, media, &bodies, index_files, out, progress)
        });
        // The index's own error explains a missing index best.
        index.join().expect("the index thread does not panic")?;
        pages
    })?;
    crate::free::later(bodies);
    Ok(())
}

/// Renders a loaded site straight into a staging folder that then
/// replaces `out`; returns the number of HTML pages. A failed build leaves
/// `out` as it was.
pub(crate) fn build_site(site: &Site, out: &Path, progress: &Progress) -> Result<usize> {
    let staging = Staging::new(out, &site.dir.root)?;
    let files = Output::folder(staging.path());
    render_site(site, &files, progress)?;
    progress.stage("finishing", 0);
    staging.finish()?;
    Ok(files.html_pages())
}
