//! The benchmark: synthetic directories of 1,000, 10,000 and 50,000
//! specialists (and a program per ten) built with peerdir and, side by side,
//! with Hugo followed by Pagefind; build time and peak memory, output and
//! index sizes, the wasm engine's size, native and wasm query latency, a
//! visitor's first search on a slow phone in headless Chromium (peerdir
//! and Pagefind, `benches/phone.mjs`), Lighthouse on the example's pages,
//! and the time to check and build the example with hostile files. Writes
//! BENCHMARKS.md.
//!
//! cargo run --release --example bench -- [--sizes 1000,10000,50000] [--runs 3]
//!     [--queries 1000] [--no-hugo] [--no-browser] [--report BENCHMARKS.md]
//!     [--work DIR (default /dev/shm/peerdir-bench, else target/bench)]
//!
//! Needs `hugo` and `caddy` (Debian's packages), the npm packages of
//! `benches/` (Pagefind, playwright-core, Lighthouse; installed with
//! `npm ci` when missing) and `/usr/bin/chromium`; a missing tool stops it
//! with one line naming the fix. See README.

mod hostile;
mod hugo;
mod measure;
mod report;
mod synth;

use measure::{Run, Runs, Sizes};
use std::path::{Path, PathBuf};
use std::process::Command;

struct Options {
    sizes: Vec<usize>,
    runs: usize,
    queries: usize,
    hugo: bool,
    browser: bool,
    report: PathBuf,
    /// Where the directories are written and built.
    work: PathBuf,
}

/// A RAM disk when the machine has one, so the figures measure the tools
/// and not the disk (whose speed varied tenfold between runs here).
fn default_work(repo: &Path) -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        shm.join("peerdir-bench")
    } else {
        repo.join("target/bench")
    }
}

fn options() -> Options {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut o = Options {
        sizes: vec![1000, 10_000, 50_000],
        runs: 3,
        queries: 1000,
        hugo: true,
        browser: true,
        report: "BENCHMARKS.md".into(),
        work: default_work(&repo),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--sizes" => {
                o.sizes =
                    value().split(',').map(|s| s.parse().expect("--sizes 1000,10000")).collect()
            }
            "--runs" => o.runs = value().parse().expect("--runs N"),
            "--queries" => o.queries = value().parse().expect("--queries N"),
            "--report" => o.report = value().into(),
            "--work" => o.work = value().into(),
            "--no-hugo" => o.hugo = false,
            "--no-browser" => o.browser = false,
            other => panic!("unknown argument {other}"),
        }
    }
    o
}

/// A visitor's first search on a slow phone (`benches/phone.mjs`): from
/// navigation start to the first result on an empty cache (`cold_ms`), the
/// bytes on the wire until then, and the same time on a second visit.
#[derive(Default, Clone, Copy)]
struct Phone {
    cold_ms: f64,
    cold_bytes: u64,
    warm_ms: f64,
}

/// Lighthouse's figures for one page (`benches/lighthouse.mjs`).
struct Lighthouse {
    path: String,
    score: u64,
    lcp_ms: f64,
    bytes: u64,
}

/// Everything measured for one directory size.
struct Measured {
    specialists: usize,
    programs: usize,
    build: Runs,
    output: (u64, u64),
    index: Sizes,
    /// The listings' bodies, fetched after the engine and the index.
    bodies: Sizes,
    native: (f64, f64),
    wasm: (f64, f64),
    browser: Option<Phone>,
    hugo: Option<hugo::HugoRuns>,
    /// Hugo + Pagefind's time over peerdir's, the median of the rounds.
    ratio: Option<f64>,
    hugo_output: (u64, u64),
    pagefind_index: u64,
    pagefind_browser: Option<Phone>,
}

/// The binary publishers download: the `dist` profile of the release builds.
fn peerdir_bin(repo: &Path) -> PathBuf {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--profile", "dist", "--locked", "--bin", "peerdir"])
        .current_dir(repo)
        .status();
    assert!(status.is_ok_and(|s| s.success()), "cargo build --profile dist --bin peerdir failed");
    repo.join("target/dist/peerdir")
}

fn native_latency(site: &Path, queries: &[synth::Query]) -> (f64, f64) {
    let index = measure::files_ending(&site.join("search"), ".pdix");
    let mut engine = peerdir_search::Engine::open(&index).expect("index opens");
    let bodies = measure::files_ending(&site.join("search"), ".pdtx");
    engine.add_bodies(&bodies).expect("bodies open");
    let request = |q: &synth::Query| peerdir_search::SearchRequest {
        q: q.q.clone(),
        filters: q.filters.clone(),
        near: q.near.clone(),
        limit: 20,
        ..Default::default()
    };
    for q in queries.iter().take(20) {
        engine.search(&request(q)).unwrap();
    }
    let ms = queries
        .iter()
        .map(|q| {
            let t = std::time::Instant::now();
            engine.search(&request(q)).unwrap();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    measure::percentiles(ms)
}

fn node_json(repo: &Path, script: &str, args: &[&str]) -> serde_json::Value {
    let out = Command::new("node")
        .arg(repo.join("benches").join(script))
        .args(args)
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{script} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON from the script")
}

fn wasm_latency(repo: &Path, site: &Path, queries: &[synth::Query], work: &Path) -> (f64, f64) {
    let file = work.join("queries.json");
    let requests: Vec<serde_json::Value> = queries
        .iter()
        .map(|q| serde_json::json!({ "q": q.q, "filters": q.filters, "near": q.near, "limit": 20 }))
        .collect();
    std::fs::write(&file, serde_json::to_vec(&requests).unwrap()).unwrap();
    let v = node_json(repo, "wasm-latency.mjs", &[site.to_str().unwrap(), file.to_str().unwrap()]);
    (v["p50"].as_f64().unwrap(), v["p95"].as_f64().unwrap())
}

/// The query every browser measurement types.
const QUERY: &str = "alcohol";

/// The median of `runs` of [`phone`] on each site, taken in turn so that a
/// drift in the machine's speed weighs on each alike: one run varies by a
/// tenth from the next.
fn phones(repo: &Path, runs: usize, sites: &[(&str, &Path, &str)]) -> Vec<Phone> {
    let mut all = vec![Vec::new(); sites.len()];
    for _ in 0..runs.max(1) {
        for (i, (kind, site, path)) in sites.iter().enumerate() {
            all[i].push(phone(repo, kind, site, path));
        }
    }
    all.into_iter()
        .map(|runs: Vec<Phone>| {
            let median = |f: fn(&Phone) -> f64| {
                let mut v: Vec<f64> = runs.iter().map(f).collect();
                v.sort_by(f64::total_cmp);
                v[v.len() / 2]
            };
            Phone {
                cold_ms: median(|p| p.cold_ms),
                cold_bytes: median(|p| p.cold_bytes as f64) as u64,
                warm_ms: median(|p| p.warm_ms),
            }
        })
        .collect()
}

fn phone(repo: &Path, kind: &str, site: &Path, path: &str) -> Phone {
    eprintln!("{kind} on a slow phone: {}{path}", site.display());
    let v = node_json(repo, "phone.mjs", &[kind, site.to_str().unwrap(), QUERY, path]);
    let f = |visit: &str, what: &str| v[visit][what].as_f64().expect("phone.mjs figures");
    Phone {
        cold_ms: f("cold", "ms"),
        cold_bytes: f("cold", "bytes") as u64,
        warm_ms: f("warm", "ms"),
    }
}

/// Lighthouse on the home page, a specialist's page and the search page.
fn lighthouse(repo: &Path, site: &Path) -> Vec<Lighthouse> {
    let listing = std::fs::read_dir(site.join("specialists"))
        .expect("the specialists folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("index.html").is_file() && !p.ends_with("page"))
        .min()
        .expect("a specialist's page");
    let listing = format!("/specialists/{}/", listing.file_name().unwrap().to_string_lossy());
    eprintln!("Lighthouse: {}", site.display());
    let v = node_json(repo, "lighthouse.mjs", &[site.to_str().unwrap(), "/", &listing, "/search/"]);
    v.as_array()
        .expect("lighthouse.mjs gives a list")
        .iter()
        .map(|p| Lighthouse {
            path: p["path"].as_str().unwrap_or_default().to_string(),
            score: p["score"].as_u64().unwrap_or(0),
            lcp_ms: p["lcp_ms"].as_f64().unwrap_or(f64::NAN),
            bytes: p["bytes"].as_u64().unwrap_or(0),
        })
        .collect()
}

/// Builds and measures one directory (synthetic of `n`, or the example when `n` is 0).
fn measure_one(repo: &Path, bin: &Path, o: &Options, n: usize) -> Measured {
    let work = o.work.join(n.to_string());
    let content = if n == 0 { repo.join("content") } else { work.join("content") };
    if n > 0 {
        synth::write(&content, repo, n).expect("writing the synthetic directory");
    }
    let out = work.join("public");
    let site = work.join("hugo");
    if o.hugo {
        hugo::prepare(repo, &content, &site).expect("writing the Hugo project");
    }
    // Each round builds with peerdir, then with Hugo and Pagefind, so that
    // both meet the machine in the same state: a shared machine's speed
    // drifts, and runs of one tool after the other would compare two speeds.
    let mut runs = Vec::new();
    let mut hugo_runs = hugo::HugoRuns::default();
    for round in 1..=o.runs {
        eprintln!(
            "{n} specialists, round {round} of {}: peerdir{}",
            o.runs,
            if o.hugo { ", Hugo + Pagefind" } else { "" }
        );
        runs.push(peerdir_build(bin, &content, &out));
        if o.hugo {
            hugo::build(repo, &site, &mut hugo_runs).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let queries = synth::queries(o.queries);
    let count = |kind: &str| {
        walkdir::WalkDir::new(content.join(kind))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count()
    };
    let mut m = Measured {
        specialists: count("specialists"),
        programs: count("programs"),
        build: measure::summary(&runs),
        output: measure::folder(&out),
        index: measure::sizes(&measure::files_ending(&out.join("search"), ".pdix")),
        bodies: measure::sizes(&measure::files_ending(&out.join("search"), ".pdtx")),
        native: native_latency(&out, &queries),
        wasm: wasm_latency(repo, &out, &queries, &work),
        browser: None,
        hugo: None,
        ratio: None,
        hugo_output: (0, 0),
        pagefind_index: 0,
        pagefind_browser: None,
    };
    if o.hugo {
        m.ratio = Some(measure::median_ratio(&hugo_runs.totals(), &runs));
        m.hugo_output = measure::folder(&site.join("public"));
        m.pagefind_index = measure::folder(&site.join("public/pagefind")).1;
        m.hugo = Some(hugo_runs);
    }
    if o.browser {
        let public = site.join("public");
        let mut sites = vec![("peerdir", out.as_path(), "/search/")];
        if o.hugo {
            sites.push(("pagefind", public.as_path(), "/"));
        }
        let mut medians = phones(repo, o.runs, &sites).into_iter();
        m.browser = medians.next();
        m.pagefind_browser = medians.next();
    }
    m
}

/// One build into a fresh output folder (removing the last one is not timed).
fn peerdir_build(bin: &Path, content: &Path, out: &Path) -> Run {
    let _ = std::fs::remove_dir_all(out);
    let mut c = Command::new(bin);
    c.arg("build")
        .arg("--source")
        .arg(content)
        .arg("--out")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1795996800");
    measure::run(&mut c).unwrap_or_else(|e| panic!("{e}"))
}

/// The largest directory built again with `search: {shard_by: region}`.
struct Sharded {
    specialists: usize,
    build: Run,
    /// Raw and brotli (the build's own `.br` copy) size of each region's index.
    shards: Vec<(u64, u64)>,
    /// The search in the region whose index is the median's, on a phone.
    browser: Option<(String, Phone)>,
}

/// Builds the directory of `n` again into `work/<n>/<folder>` with its
/// site.yaml changed by `change`, then puts site.yaml back.
fn build_changed(
    bin: &Path,
    o: &Options,
    n: usize,
    folder: &str,
    change: impl FnOnce(&str) -> String,
) -> (PathBuf, Run) {
    let work = o.work.join(n.to_string());
    let site = work.join("content/site.yaml");
    let plain = std::fs::read_to_string(&site).expect("site.yaml");
    std::fs::write(&site, change(&plain)).expect("writing site.yaml");
    let out = work.join(folder);
    let _ = std::fs::remove_dir_all(&out);
    let mut c = Command::new(bin);
    c.arg("build")
        .arg("--source")
        .arg(work.join("content"))
        .arg("--out")
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", "1795996800");
    let build = measure::run(&mut c).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&site, plain).expect("restoring site.yaml");
    (out, build)
}

fn sharded(repo: &Path, bin: &Path, o: &Options, n: usize) -> Sharded {
    eprintln!("peerdir build, an index per region: {n} specialists");
    let (out, build) = build_changed(bin, o, n, "sharded", |plain| {
        format!("{plain}\nsearch:\n  shard_by: region\n")
    });
    let size = |p: PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let mut shards: Vec<(u64, u64, String)> = std::fs::read_dir(out.join("search"))
        .expect("search folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdix"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (size(p.clone()), size(p.with_extension("pdix.br")), name)
        })
        .collect();
    shards.sort();
    let browser = o.browser.then(|| {
        let median = &shards[shards.len() / 2].2;
        let region = region_of(&out, median);
        let path = format!(
            "/search/?in={}",
            url::form_urlencoded::byte_serialize(region.as_bytes()).collect::<String>()
        );
        (region, phones(repo, o.runs, &[("peerdir", &out, &path)])[0])
    });
    Sharded {
        specialists: n,
        build,
        shards: shards.into_iter().map(|(r, b, _)| (r, b)).collect(),
        browser,
    }
}

/// The largest directory built again in every interface language of the
/// example: each language adds a copy of every page.
struct Languages {
    specialists: usize,
    /// The example's `languages: [...]` line.
    languages: String,
    build: Run,
    /// Files and bytes of the site.
    output: (u64, u64),
}

fn languages(repo: &Path, bin: &Path, o: &Options, n: usize) -> Languages {
    let example = std::fs::read_to_string(repo.join("content/site.yaml")).expect("site.yaml");
    let languages = synth::languages_line(&example).to_string();
    eprintln!("peerdir build, {languages}: {n} specialists");
    let (out, build) =
        build_changed(bin, o, n, "languages", |plain| plain.replace("language: nl", &languages));
    let output = measure::folder(&out);
    let _ = std::fs::remove_dir_all(&out);
    Languages { specialists: n, languages, build, output }
}

/// The region whose index is the file `index` (from the search page's list).
fn region_of(site: &Path, index: &str) -> String {
    let page = std::fs::read_to_string(site.join("search/index.html")).expect("the search page");
    let at = page.find(&format!("search/{index}\"")).expect("the region's option");
    let option = &page[page[..at].rfind("<option").expect("an option")..at];
    let value = &option[option.find("value=\"").expect("a value") + 7..];
    value[..value.find('"').expect("a quoted value")].to_string()
}

/// Installs the npm packages when they are missing, and stops with one
/// line naming the fix when a tool the run needs is not there.
fn prerequisites(repo: &Path, o: &Options) {
    let stop = |what: &str| -> ! {
        eprintln!("bench: {what}");
        std::process::exit(1)
    };
    let modules = repo.join("benches/node_modules");
    if (o.hugo || o.browser)
        && !(modules.join(".bin/pagefind").exists() && modules.join("lighthouse").is_dir())
    {
        println!("bench: installing the npm packages of benches/ (npm ci --prefix benches)");
        let ok = Command::new("npm")
            .args(["ci", "--prefix", "benches", "--no-audit", "--no-fund"])
            .current_dir(repo)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            stop("`npm ci --prefix benches` failed; install Node and npm, or run with --no-hugo --no-browser");
        }
    }
    if o.hugo && Command::new("hugo").arg("version").output().is_err() {
        stop("`hugo` not found: install it (`apt-get install hugo`), or run with --no-hugo");
    }
    if o.browser && Command::new("caddy").arg("version").output().is_err() {
        stop("`caddy` not found: install it (`apt-get install caddy`), or run with --no-browser");
    }
    if o.browser && !Path::new("/usr/bin/chromium").exists() {
        stop("/usr/bin/chromium not found: install it (`apt-get install chromium`), or run with --no-browser");
    }
}

fn main() {
    let o = options();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    prerequisites(&repo, &o);
    let bin = peerdir_bin(&repo);
    let before = measure::reference_work();
    let example = measure_one(&repo, &bin, &o, 0);
    let results: Vec<Measured> = o.sizes.iter().map(|&n| measure_one(&repo, &bin, &o, n)).collect();
    let wasm = measure::sizes(&measure::files_ending(&o.work.join("0/public/search"), ".wasm"));
    let sharded = o.sizes.iter().max().map(|&n| sharded(&repo, &bin, &o, n));
    // The middle size: its copies in six languages fit a RAM disk.
    let languages = o.sizes.get(o.sizes.len() / 2).map(|&n| languages(&repo, &bin, &o, n));
    let lighthouse =
        if o.browser { lighthouse(&repo, &o.work.join("0/public")) } else { Vec::new() };
    let hostile = hostile::measure(&bin, &repo, &o.work);
    let machine_speed = (before, measure::reference_work());
    let text = report::write(
        &repo,
        &o,
        &example,
        &results,
        wasm,
        sharded.as_ref(),
        languages.as_ref(),
        &lighthouse,
        &hostile,
        machine_speed,
    );
    std::fs::write(repo.join(&o.report), &text).expect("writing the report");
    println!("{text}");
}
