//! The progress bar of a long build. It appears on a terminal once a build
//! has run for a second (short builds stay quiet) and never when standard
//! error is not a terminal, so CI logs and pipes get only the summary line.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long a build runs before the bar appears. `PEERDIR_PROGRESS_DELAY_MS`
/// changes it (the tests use 0).
fn delay() -> Duration {
    let ms = std::env::var("PEERDIR_PROGRESS_DELAY_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    Duration::from_millis(ms)
}

pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    delay: Duration,
    /// Whether the bar may be drawn at all (standard error is a terminal).
    tty: bool,
    shown: AtomicBool,
}

impl Progress {
    /// A bar for a build starting now, drawn on standard error when it is a terminal.
    pub fn new() -> Progress {
        Progress::with_terminal(std::io::stderr().is_terminal())
    }

    /// A bar that is never drawn.
    pub fn hidden() -> Progress {
        Progress::with_terminal(false)
    }

    fn with_terminal(tty: bool) -> Progress {
        let bar = ProgressBar::hidden();
        bar.set_style(ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len}").expect("valid template").progress_chars("=> "));
        Progress { bar, started: Instant::now(), delay: delay(), tty, shown: AtomicBool::new(false) }
    }

    /// Starts a stage (`rendering`, `writing`...) of `len` steps.
    pub fn stage(&self, name: &'static str, len: usize) {
        self.bar.set_message(name);
        self.bar.set_length(len as u64);
        self.bar.set_position(0);
        self.show_when_slow();
    }

    /// One step of the current stage done.
    pub fn step(&self) {
        self.bar.inc(1);
        self.show_when_slow();
    }

    /// Removes the bar before the summary line is printed.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    fn show_when_slow(&self) {
        if self.tty && self.started.elapsed() >= self.delay && !self.shown.swap(true, Ordering::Relaxed) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

impl Default for Progress {
    fn default() -> Progress {
        Progress::new()
    }
}
