//! BENCHMARKS.md: the machine, the command, the figures and the targets.

use crate::measure::{Run, Runs, Sizes};
use crate::{hostile, Languages, Lighthouse, Measured, Options, Phone, Sharded};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn run_ms(r: &Run) -> String {
    ms(r.wall)
}

/// Median and fastest wall time.
fn times(r: &Runs) -> String {
    format!("{} / {}", ms(r.wall), ms(r.fastest))
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn three(s: &Sizes) -> String {
    format!("{} / {} / {}", kb(s.raw), kb(s.gzip), kb(s.brotli))
}

fn output(cmd: &mut Command) -> String {
    cmd.output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).unwrap_or_default()
}

fn machine(repo: &Path) -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']))
        .unwrap_or("?");
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_kb: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|l| l.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    let os = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    let os = os
        .lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .unwrap_or("?")
        .trim_matches('"')
        .to_string();
    format!(
        "- CPU: {cpu}, {cores} cores\n- Memory: {:.0} GiB\n- OS: {os}\n- {}\n- {}\n- {}\n- Node {}\n",
        mem_kb as f64 / 1_048_576.0,
        output(Command::new("rustc").arg("--version")),
        crate::hugo::versions(repo),
        output(Command::new("/usr/bin/chromium").arg("--version")),
        output(Command::new("node").arg("--version")),
    )
}

fn secs(ms: f64) -> String {
    format!("{:.2} s", ms / 1000.0)
}

/// Cold first result, bytes before it and the second visit's first result.
fn on_phone(p: &Option<Phone>) -> [String; 3] {
    match p {
        Some(p) => [secs(p.cold_ms), kb(p.cold_bytes), secs(p.warm_ms)],
        None => ["-".into(), "-".into(), "-".into()],
    }
}

fn build_table(out: &mut String, all: &[&Measured]) {
    out.push_str("| specialists | programs | peerdir build (median / fastest) | processor time | peak memory | Hugo | Pagefind | Hugo + Pagefind | peak memory (Hugo / Pagefind) | peerdir is faster by |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for m in all {
        let (h, p, sum, peak, ratio) = match (&m.hugo, m.ratio) {
            (Some(h), Some(ratio)) => {
                let (hugo, pagefind) = (h.hugo(), h.pagefind());
                (
                    times(&hugo),
                    times(&pagefind),
                    ms(hugo.wall + pagefind.wall),
                    format!("{} / {}", mb(hugo.peak), mb(pagefind.peak)),
                    format!("{ratio:.1}x"),
                )
            }
            _ => ("-".into(), "-".into(), "-".into(), "-".into(), "-".into()),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {h} | {p} | {sum} | {peak} | {ratio} |",
            m.specialists,
            m.programs,
            times(&m.build),
            ms(m.build.cpu),
            mb(m.build.peak)
        );
    }
}

fn size_table(out: &mut String, all: &[&Measured]) {
    out.push_str("| specialists | peerdir output | peerdir index (raw / gzip / brotli) | its bodies (raw / gzip / brotli) | Hugo + Pagefind output | Pagefind index |\n|---|---|---|---|---|---|\n");
    for m in all {
        let _ = writeln!(
            out,
            "| {} | {} files, {} | {} | {} | {} files, {} | {} |",
            m.specialists,
            m.output.0,
            mb(m.output.1),
            three(&m.index),
            three(&m.bodies),
            m.hugo_output.0,
            mb(m.hugo_output.1),
            mb(m.pagefind_index)
        );
    }
}

fn search_table(out: &mut String, all: &[&Measured]) {
    out.push_str(
        "| specialists | native query p50 / p95 | wasm query p50 / p95 |\n|---|---|---|\n",
    );
    for m in all {
        let _ = writeln!(
            out,
            "| {} | {:.2} / {:.2} ms | {:.2} / {:.2} ms |",
            m.specialists, m.native.0, m.native.1, m.wasm.0, m.wasm.1
        );
    }
}

/// A visitor's first search on a slow phone, peerdir beside Pagefind.
fn phone_table(out: &mut String, all: &[&Measured], sharded: Option<&Sharded>) {
    out.push_str("| specialists | first result: peerdir / Pagefind | on the wire before it: peerdir / Pagefind | second visit, first result: peerdir / Pagefind |\n|---|---|---|---|\n");
    for m in all {
        let [a, b, c] = on_phone(&m.browser);
        let [x, y, z] = on_phone(&m.pagefind_browser);
        let _ = writeln!(out, "| {} | {a} / {x} | {b} / {y} | {c} / {z} |", m.specialists);
    }
    if let Some((region, p)) = sharded
        .and_then(|s| s.browser.as_ref().map(|b| (s, b)))
        .map(|(s, (r, p))| (format!("{}, an index per region ({r})", s.specialists), *p))
    {
        let [a, b, c] = on_phone(&Some(p));
        let _ = writeln!(out, "| {region} | {a} / - | {b} / - | {c} / - |");
    }
}

fn lighthouse_table(out: &mut String, pages: &[Lighthouse]) {
    out.push_str("| page | performance | Largest Contentful Paint | bytes |\n|---|---|---|---|\n");
    for p in pages {
        let _ =
            writeln!(out, "| `{}` | {} | {} | {} |", p.path, p.score, secs(p.lcp_ms), kb(p.bytes));
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "**not met**"
    }
}

fn targets(out: &mut String, results: &[Measured], wasm: Sizes, lighthouse: &[Lighthouse]) {
    out.push_str("| target | measured | |\n|---|---|---|\n");
    let find = |n: usize| results.iter().find(|m| m.specialists == n);
    if let Some(m) = find(10_000) {
        let secs = m.build.wall.as_secs_f64();
        let _ = writeln!(
            out,
            "| 10,000 specialists: build at most 1.0 s | {secs:.2} s (fastest {:.2} s) | {} |",
            m.build.fastest.as_secs_f64(),
            verdict(secs <= 1.0)
        );
        let _ = writeln!(
            out,
            "| 10,000 specialists: peak memory at most 300 MB | {} | {} |",
            mb(m.build.peak),
            verdict(m.build.peak <= 300_000_000)
        );
        if let Some(ratio) = m.ratio {
            let _ = writeln!(
                out,
                "| 10,000 specialists: 10 times faster than Hugo + Pagefind | {ratio:.1}x | {} |",
                verdict(ratio >= 10.0)
            );
        }
        let _ = writeln!(
            out,
            "| wasm query p95 at most 5 ms at 10,000 specialists | {:.2} ms | {} |",
            m.wasm.1,
            verdict(m.wasm.1 <= 5.0)
        );
    }
    if let Some(m) = find(50_000) {
        let secs = m.build.wall.as_secs_f64();
        let _ = writeln!(
            out,
            "| 50,000 specialists: build at most 5 s | {secs:.2} s (fastest {:.2} s) | {} |",
            m.build.fastest.as_secs_f64(),
            verdict(secs <= 5.0)
        );
    }
    if let Some(m) = find(1000) {
        if let (Some(ours), Some(pf)) = (m.browser, m.pagefind_browser) {
            let _ = writeln!(
                out,
                "| 1,000 specialists on a slow phone: first result no later than Pagefind's | {} / {} | {} |",
                secs(ours.cold_ms),
                secs(pf.cold_ms),
                verdict(ours.cold_ms <= pf.cold_ms)
            );
            let _ = writeln!(
                out,
                "| 1,000 specialists on a slow phone: at most 350 KB on the wire before the first result | {} | {} |",
                kb(ours.cold_bytes),
                verdict(ours.cold_bytes <= 350_000)
            );
        }
    }
    if let Some(m) = find(10_000) {
        if let (Some(ours), Some(pf)) = (m.browser, m.pagefind_browser) {
            let _ = writeln!(
                out,
                "| 10,000 specialists on a slow phone: first result within 1.5x of Pagefind's | {} / {} ({:.2}x) | {} |",
                secs(ours.cold_ms),
                secs(pf.cold_ms),
                ours.cold_ms / pf.cold_ms,
                verdict(ours.cold_ms <= 1.5 * pf.cold_ms)
            );
        }
    }
    let _ = writeln!(
        out,
        "| search engine at most 240 KB brotli | {} | {} |",
        kb(wasm.brotli),
        verdict(wasm.brotli <= 240_000)
    );
    if let Some(m) = find(1000) {
        let _ = writeln!(
            out,
            "| index for 1,000 specialists at most 90 KB brotli | {} (the bodies, fetched after the first result: {} more) | {} |",
            kb(m.index.brotli),
            kb(m.bodies.brotli),
            verdict(m.index.brotli <= 90_000)
        );
    }
    if !lighthouse.is_empty() {
        let worst = lighthouse.iter().map(|p| p.score).min().unwrap_or(0);
        let _ = writeln!(
            out,
            "| Lighthouse mobile performance at least 95 on every page type | {worst} at the lowest | {} |",
            verdict(worst >= 95)
        );
    }
}

/// The index per region of the largest directory, beside its whole index.
fn sharded_section(out: &mut String, s: &Sharded, whole: Option<&Measured>) {
    let median = s.shards[s.shards.len() / 2];
    let largest = s.shards.last().copied().unwrap_or_default();
    let _ = write!(
        out,
        "\n## An index per region\n\nThe {} specialists built again with `search: {{shard_by: region}}`: {} region indexes, built in {}. \
A visitor downloads one region's index: the median region's is {} raw, {} brotli, the largest region's {} raw, {} brotli \
(the build's own copies; the whole directory's index is {} brotli at quality 11).\n",
        s.specialists,
        s.shards.len(),
        run_ms(&s.build),
        kb(median.0),
        kb(median.1),
        kb(largest.0),
        kb(largest.1),
        whole.map(|m| kb(m.index.brotli)).unwrap_or_else(|| "-".into()),
    );
}

/// The middle directory in the example's languages, beside it in Dutch alone.
fn languages_section(out: &mut String, l: &Languages, one: Option<&Measured>) {
    let _ = write!(
        out,
        "\n## In several languages\n\nThe {} specialists built again with `{}` in site.yaml: every page in each language, in {}, {} files, {}{}.\n",
        l.specialists,
        l.languages,
        run_ms(&l.build),
        l.output.0,
        mb(l.output.1),
        one.map(|m| format!(" (in Dutch alone: {}, {} files, {})", ms(m.build.wall), m.output.0, mb(m.output.1)))
            .unwrap_or_default(),
    );
}

/// The hostile content's table: what `check` and `build` did and took.
fn hostile_section(out: &mut String, outcomes: &[hostile::Outcome]) {
    out.push_str(
        "\n## Hostile content\n\nThe example directory with one file a contributor could send, as large as the limits allow and shaped to cost the most \
(`examples/bench/hostile.rs`), checked and then built once each. \"refused\" is exit code 1 with the problem reported; the targets are a check \
within 2 s and a build within 10 s, whatever the file.\n\n| file | size | check | build | |\n|---|---|---|---|---|\n",
    );
    for o in outcomes {
        let what = |code: i32| if code == 0 { "built" } else { "refused" };
        let ok = o.check.wall.as_secs_f64() <= 2.0 && o.build.wall.as_secs_f64() <= 10.0;
        let _ = writeln!(
            out,
            "| {} | {} | {} ({}) | {} ({}) | {} |",
            o.name,
            kb(o.size as u64),
            ms(o.check.wall),
            what(o.check_code),
            ms(o.build.wall),
            what(o.build_code),
            verdict(ok)
        );
    }
}

/// `speed`: the reference work's time before and after the runs.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write(
    repo: &Path,
    o: &Options,
    example: &Measured,
    results: &[Measured],
    wasm: Sizes,
    sharded: Option<&Sharded>,
    languages: Option<&Languages>,
    lighthouse: &[Lighthouse],
    hostile: &[hostile::Outcome],
    speed: (Duration, Duration),
) -> String {
    let rev = output(Command::new("git").args(["rev-parse", "--short", "HEAD"]).current_dir(repo));
    let date = output(Command::new("date").args(["-u", "+%Y-%m-%d"]));
    let sizes: Vec<String> = o.sizes.iter().map(|s| s.to_string()).collect();
    let mut out = format!(
        "# Benchmarks\n\nMade with `cargo run --release --example bench -- --sizes {} --runs {} --queries {}` on {date} at commit {rev}. \
Synthetic directories (`examples/bench/synth.rs`: Dutch listings with the example's taxonomy, three paragraphs each, a program per ten specialists) \
are built by peerdir (the `dist` build, as in the release binaries) and, side by side, by Hugo with a minimal layout showing the same fields (`benches/hugo/`) followed by Pagefind. \
Each directory is built in {} rounds; in each round peerdir builds it, then Hugo and then Pagefind do, each command whole and into a fresh \
output folder on a RAM disk (`{}`), so that they measure the tools and not this machine's disk, whose speed varied tenfold between runs. \
Times are the median (and the fastest) of the rounds, processor time (user and system, all threads) the median; \
\"faster by\" is the median of the rounds' ratios, each between runs made one after the other, since this shared machine's speed drifts \
(up to twofold within an hour). Peak memory is the largest resident size of the rounds. \
peerdir's build includes its brotli and gzip copies of the search index. \"Example\" is the example directory in `content/`, in its six languages; \
the synthetic directories are in Dutch alone.\n\n## Machine\n\n{}\
- Speed at the time: a fixed amount of work (brotli at quality 9 of a fixed text) took {} before the runs and {} after them.\n\n",
        sizes.join(","),
        o.runs,
        o.queries,
        o.runs,
        o.work.display(),
        machine(repo),
        ms(speed.0),
        ms(speed.1)
    );
    let all: Vec<&Measured> = std::iter::once(example).chain(results).collect();
    out.push_str("## Build\n\n");
    build_table(&mut out, &all);
    out.push_str("\n## Size\n\n");
    size_table(&mut out, &all);
    let _ = write!(
        out,
        "\nThe search engine (`search/engine-*.wasm`), raw / gzip / brotli: {}.\n",
        three(&wasm)
    );
    let _ = write!(
        out,
        "\n## Search\n\nQuery latency over {} queries (in turn: a topic word, a word and a place, a one-letter typo, a phrase, a word in a region, a word near a city, ordered by distance), \
native in-process and wasm in node.\n\n",
        o.queries
    );
    search_table(&mut out, &all);
    if let Some(s) = sharded {
        sharded_section(&mut out, s, results.iter().find(|m| m.specialists == s.specialists));
    }
    if let Some(l) = languages {
        languages_section(&mut out, l, results.iter().find(|m| m.specialists == l.specialists));
    }
    if o.browser {
        out.push_str(PHONE);
        phone_table(&mut out, &all, sharded);
        out.push_str(LIGHTHOUSE);
        lighthouse_table(&mut out, lighthouse);
    }
    hostile_section(&mut out, hostile);
    out.push_str("\n## Targets\n\n");
    targets(&mut out, results, wasm, lighthouse);
    out
}

const PHONE: &str = "\n## On a slow phone\n\nA visitor's first search as they meet it (`benches/phone.mjs`): \
each site is served by Caddy with its precompressed copies (`benches/host.mjs`), and headless Chromium reaches it over Lighthouse's \
\"Slow 4G\": a proxy gives every connection, the search worker's included, a 150 ms round trip, one shared 1.6 Mbit/s downlink and \
750 kbit/s uplink, and the browser's renderer processes (page and worker) are stopped three quarters of every 20 ms, a 4x slower CPU. \
The search page is opened on an empty cache and `alcohol` is typed as soon as the field is there. \"first result\" is the time from \
navigation start until a result is shown, \"on the wire\" every byte the browser received until then (headers included), and \
\"second visit\" the same search opened again with the HTTP cache warm (the host lets files be cached for ten minutes). \
Pagefind's site is the Hugo site with Pagefind's default UI. Each figure is the median of as many runs as there are rounds, \
peerdir's and Pagefind's taken in turn: one run differs from the next by up to a tenth.\n\n";

const LIGHTHOUSE: &str = "\nLighthouse 12 (`benches/lighthouse.mjs`, its default mobile configuration: simulated Slow 4G and a 4x slower CPU) \
on the example directory's pages, served by Caddy:\n\n";
