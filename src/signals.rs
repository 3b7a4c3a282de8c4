//! An interrupted build cleans up after itself: on SIGINT (Ctrl+C),
//! SIGTERM (a CI job cancelled) or SIGHUP (a terminal closed) the
//! temporary files of every build under way are removed, the old site put
//! back if the swap was cut short, and the process ends with 128 plus the
//! signal's number, as a shell reports it.
//!
//! The three signals are blocked in every thread ([`install`] runs before
//! any thread starts, and threads inherit the mask) and a thread of its
//! own waits for them with `sigwait`, so the cleaning runs as ordinary
//! code, not in a signal handler. Elsewhere than on Unix nothing is
//! installed; a build's leftovers are then removed by the next build.

use crate::write::Work;
use std::sync::Mutex;

/// The builds under way, by a number of their own.
static UNDER_WAY: Mutex<Vec<(u64, Work)>> = Mutex::new(Vec::new());

/// Registers a build's temporary files until dropped.
pub(crate) struct Guard(u64);

impl Guard {
    pub(crate) fn new(work: Work) -> Guard {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        UNDER_WAY.lock().unwrap_or_else(|e| e.into_inner()).push((id, work));
        Guard(id)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        UNDER_WAY.lock().unwrap_or_else(|e| e.into_inner()).retain(|(id, _)| *id != self.0);
    }
}

/// Blocks SIGINT, SIGTERM and SIGHUP and starts the thread that answers
/// them. Call it before starting any other thread.
#[cfg(unix)]
pub(crate) fn install() {
    // SAFETY: plain libc calls on a signal set owned here; the mask is set
    // for this thread before any other exists.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::sigaddset(&mut set, signal);
        }
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return;
        }
        set
    };
    std::thread::spawn(move || loop {
        let mut signal = 0;
        // SAFETY: `set` is a valid signal set; `signal` is written by sigwait.
        if unsafe { libc::sigwait(&set, &mut signal) } != 0 {
            continue;
        }
        let builds: Vec<Work> = UNDER_WAY
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .map(|(_, w)| w.clone())
            .collect();
        for work in &builds {
            work.undo();
        }
        if !builds.is_empty() {
            eprintln!("\ninterrupted: the build stopped and its temporary files were removed; the published site is as it was");
        }
        std::process::exit(128 + signal);
    });
}

#[cfg(not(unix))]
pub(crate) fn install() {}
