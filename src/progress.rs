//! The progress bar of a long build. It appears on a terminal once a build
//! has run for a second (short builds stay quiet) and never when standard
//! error is not a terminal, so CI logs and pipes get only the summary line.
//! With `PEERDIR_TIMINGS` set, each stage's time is printed when it ends,
//! and so is the time of work that runs beside the stages (the index, the
//! exports).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a build runs before the bar appears. `PEERDIR_PROGRESS_DELAY_MS`
/// changes it (the tests use 0).
fn delay() -> Duration {
    let ms = std::env::var("PEERDIR_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    Duration::from_millis(ms)
}

pub(crate) struct Progress {
    bar: ProgressBar,
    started: Instant,
    delay: Duration,
    /// Whether the bar may be drawn at all (standard error is a terminal).
    tty: bool,
    shown: AtomicBool,
    /// The stage under way and when it started, for `PEERDIR_TIMINGS`.
    current: Mutex<Option<(&'static str, Instant)>>,
    timings: bool,
}

impl Progress {
    /// A bar for a build starting now, drawn on standard error when it is a terminal.
    pub(crate) fn new() -> Progress {
        Progress::with_terminal(std::io::stderr().is_terminal())
    }

    /// A bar that is never drawn.
    pub(crate) fn hidden() -> Progress {
        Progress::with_terminal(false)
    }

    fn with_terminal(tty: bool) -> Progress {
        let bar = ProgressBar::hidden();
        bar.set_style(
            ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        let timings = std::env::var_os("PEERDIR_TIMINGS").is_some();
        Progress {
            bar,
            started: Instant::now(),
            delay: delay(),
            tty,
            shown: AtomicBool::new(false),
            current: Mutex::new(None),
            timings,
        }
    }

    /// Starts a stage (`rendering`, `writing`...) of `len` steps.
    pub(crate) fn stage(&self, name: &'static str, len: usize) {
        self.end_stage(Some(name));
        self.bar.set_message(name);
        self.bar.set_length(len as u64);
        self.bar.set_position(0);
        self.show_when_slow();
    }

    /// One step of the current stage done.
    pub(crate) fn step(&self) {
        self.bar.inc(1);
        self.show_when_slow();
    }

    /// Runs `work`, which goes on beside the stages on a thread of its own:
    /// it has no place on the bar, and its time is printed when it ends.
    pub(crate) fn background<T>(&self, name: &'static str, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = work();
        if self.timings {
            self.bar.suspend(|| {
                eprintln!(
                    "{name:>10}: {} ms, beside the other stages",
                    started.elapsed().as_millis()
                )
            });
        }
        out
    }

    /// Removes the bar before the summary line is printed.
    pub(crate) fn finish(&self) {
        self.end_stage(None);
        self.bar.finish_and_clear();
    }

    fn end_stage(&self, next: Option<&'static str>) {
        let mut current = self.current.lock().expect("progress lock");
        if let (true, Some((name, since))) = (self.timings, current.as_ref()) {
            self.bar.suspend(|| eprintln!("{name:>10}: {} ms", since.elapsed().as_millis()));
        }
        *current = next.map(|n| (n, Instant::now()));
    }

    fn show_when_slow(&self) {
        if self.tty
            && self.started.elapsed() >= self.delay
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

impl Default for Progress {
    fn default() -> Progress {
        Progress::new()
    }
}
