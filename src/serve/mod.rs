//! `peerdir serve`: builds the site into memory, serves it on 127.0.0.1
//! only, and rebuilds when the content folder changes (listings, pages,
//! media, `site.yaml`, `taxonomy.yaml`, the publisher's templates and
//! translations). Open pages reload themselves after a rebuild; when a
//! rebuild fails, the last good site stays up and the pages show the error.
//!
//! The reload script is added to pages only as they are served here; it is
//! never part of what `build` writes.

mod http;
mod watch;

use crate::pipeline;
use crate::progress::Progress;
use crate::render::Files;
use anyhow::{Context as _, Result};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The site being served and what the open pages need to know about it.
pub(crate) struct State {
    pub files: Files,
    /// Goes up by one on every rebuild, good or failed.
    pub version: u64,
    /// Why the last rebuild failed, as `check` prints it.
    pub error: Option<String>,
    /// The path prefix of `base_url` (`/` or `/directory/`).
    pub base: String,
}

/// The state shared by the server threads, with a signal for rebuilds.
pub(crate) struct Shared {
    pub state: Mutex<State>,
    pub changed: Condvar,
}

impl Shared {
    /// Waits until the version differs from `seen`, at most `timeout`; returns the current state's version and error.
    pub(crate) fn wait(&self, seen: u64, timeout: Duration) -> (u64, Option<String>) {
        let guard = self.state.lock().expect("state lock");
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.version == seen)
            .expect("state lock");
        (guard.version, guard.error.clone())
    }
}

/// Builds `source` into memory, or says why it cannot.
fn build(source: &Path) -> std::result::Result<(Files, String), String> {
    let (site, mut report) = pipeline::load(source);
    match site {
        Some(site) if report.errors() == 0 => {
            let out = crate::output::Output::memory();
            if let Err(e) = pipeline::render_site(&site, &out, &Progress::hidden()) {
                report.push(pipeline::diagnostic(&e, source));
                return Err(format!("{}{}", report.human(), report.summary()));
            }
            Ok((out.into_files(), crate::urls::base_path(&site.dir.site.data.base_url)))
        }
        _ => Err(format!("{}{}", report.human(), report.summary())),
    }
}

/// Runs the server until the process is stopped.
pub(crate) fn run(source: &Path, port: u16) -> Result<()> {
    let (files, base) = build(source).map_err(|e| {
        anyhow::anyhow!("{e}\nfix the problems above, then run peerdir serve again")
    })?;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{port}; try another --port"))?;
    let address = listener.local_addr()?;
    let shared = Arc::new(Shared {
        state: Mutex::new(State { files, version: 0, error: None, base: base.clone() }),
        changed: Condvar::new(),
    });
    println!("serving http://{address}{base} (only on this computer); press Ctrl+C to stop");
    let server = Arc::clone(&shared);
    std::thread::spawn(move || http::serve(listener, server));
    let source: PathBuf = source.to_path_buf();
    watch::watch(&source, || rebuild(&source, &shared))
}

/// Rebuilds after a change and tells the open pages.
fn rebuild(source: &Path, shared: &Shared) {
    let started = std::time::Instant::now();
    let result = build(source);
    let mut state = shared.state.lock().expect("state lock");
    state.version += 1;
    match result {
        Ok((files, base)) => {
            state.files = files;
            state.base = base;
            state.error = None;
            eprintln!("rebuilt in {} ms", started.elapsed().as_millis());
        }
        Err(e) => {
            eprintln!("{e}\nthe last good site is still served");
            state.error = Some(e);
        }
    }
    shared.changed.notify_all();
}
