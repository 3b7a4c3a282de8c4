//! Measuring a command (wall time and peak memory, from `wait4`), file and
//! folder sizes (raw, gzip and brotli), and latency percentiles.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run of a command took.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Run {
    pub wall: Duration,
    /// Processor time, user and system, of all its threads.
    pub cpu: Duration,
    /// Peak resident memory in bytes.
    pub peak: u64,
}

/// Runs `cmd` to the end; fails when it does not succeed.
pub(crate) fn run(cmd: &mut Command) -> Result<Run, String> {
    match run_to_end(cmd)? {
        (run, 0, _) => Ok(run),
        (_, _, err) => Err(format!("{cmd:?} failed:\n{err}")),
    }
}

/// Runs `cmd` to the end, whatever its exit code; returns what it took,
/// the code and what it wrote to stderr.
pub(crate) fn run_to_end(cmd: &mut Command) -> Result<(Run, i32, String), String> {
    let shown = format!("{cmd:?}");
    let started = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{shown}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let mut stderr = child.stderr.unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet waited for; the pointers are valid.
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    let err = reader.join().unwrap_or_default();
    if rc != pid || !libc::WIFEXITED(status) {
        return Err(format!("{shown} did not end by itself:\n{err}"));
    }
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let run = Run {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        peak: usage.ru_maxrss as u64 * 1024,
    };
    Ok((run, libc::WEXITSTATUS(status), err))
}

/// Several runs of one command: the median and the fastest wall time, the
/// median processor time and the highest peak.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Runs {
    pub wall: Duration,
    pub fastest: Duration,
    pub cpu: Duration,
    pub peak: u64,
}

fn median(mut d: Vec<Duration>) -> Duration {
    d.sort();
    d[d.len() / 2]
}

pub(crate) fn summary(runs: &[Run]) -> Runs {
    Runs {
        wall: median(runs.iter().map(|r| r.wall).collect()),
        fastest: runs.iter().map(|r| r.wall).min().unwrap_or_default(),
        cpu: median(runs.iter().map(|r| r.cpu).collect()),
        peak: runs.iter().map(|r| r.peak).max().unwrap_or(0),
    }
}

/// The median of the ratios `slow / fast` of runs made in the same round.
pub(crate) fn median_ratio(slow: &[Duration], fast: &[Run]) -> f64 {
    let mut r: Vec<f64> =
        slow.iter().zip(fast).map(|(s, f)| s.as_secs_f64() / f.wall.as_secs_f64()).collect();
    r.sort_by(f64::total_cmp);
    r[r.len() / 2]
}

/// A fixed amount of processor work (brotli of a fixed text), timed: how
/// fast the machine is at the moment, since a shared machine's speed
/// changes from hour to hour.
pub(crate) fn reference_work() -> Duration {
    let text: Vec<u8> = (0..400_000u32)
        .flat_map(|i| format!("peer {} support {} ", i % 977, i % 13).into_bytes())
        .collect();
    let params = brotli::enc::BrotliEncoderParams { quality: 9, ..Default::default() };
    median(
        (0..3)
            .map(|_| {
                let started = Instant::now();
                let mut out = Vec::new();
                brotli::BrotliCompress(&mut &text[..], &mut out, &params).unwrap();
                started.elapsed()
            })
            .collect(),
    )
}

/// Raw, gzip (level 9) and brotli (quality 11) sizes of some bytes.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

pub(crate) fn sizes(bytes: &[u8]) -> Sizes {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).unwrap();
    let gzip = gz.finish().unwrap().len() as u64;
    let mut br = Vec::new();
    brotli::BrotliCompress(
        &mut &bytes[..],
        &mut br,
        &brotli::enc::BrotliEncoderParams { quality: 11, ..Default::default() },
    )
    .unwrap();
    Sizes { raw: bytes.len() as u64, gzip, brotli: br.len() as u64 }
}

/// Files and bytes under a folder.
pub(crate) fn folder(dir: &Path) -> (u64, u64) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(n, b), e| (n + 1, b + e.metadata().map(|m| m.len()).unwrap_or(0)))
}

/// Bytes of the files under `dir` whose name ends with `suffix`, summed.
pub(crate) fn files_ending(dir: &Path, suffix: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(suffix) {
            out.extend(std::fs::read(e.path()).unwrap_or_default());
        }
    }
    out
}

/// The 50th and 95th percentile of durations in milliseconds.
pub(crate) fn percentiles(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((ms.len() as f64 - 1.0) * p).round() as usize];
    (at(0.50), at(0.95))
}
