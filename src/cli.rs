//! The command line: `check`, `build`, `serve`, `new`, `init` and `search`, with clap.
//!
//! Exit codes: 0 success, 1 content errors or a failed build, 2 a usage
//! error (from clap).

use crate::diag::Report;
use crate::progress::Progress;
use crate::{pipeline, scaffold};
use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "peerdir",
    version,
    about = "Builds a private, searchable directory site of peer specialists and mentor programs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate all content; exit 1 on errors.
    Check {
        #[command(flatten)]
        source: SourceArg,
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Check, then write the complete site.
    Build {
        #[command(flatten)]
        source: SourceArg,
        /// Where to write the site.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Write a new listing with every field present and explained.
    New {
        #[arg(value_enum)]
        kind: scaffold::Kind,
        /// The name of the person or program.
        name: String,
        #[command(flatten)]
        source: SourceArg,
    },
    /// Build into memory, serve on 127.0.0.1 and rebuild and reload on every change.
    Serve {
        #[command(flatten)]
        source: SourceArg,
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Start a new directory repository in DIR.
    Init { dir: PathBuf },
    /// Query a built site's search index, ranked as in the browser.
    Search {
        /// The built site.
        #[arg(long, default_value = "public")]
        site: PathBuf,
        /// Words and "quoted phrases".
        query: Vec<String>,
        /// Only results with this facet value, e.g. topic=addiction/alcohol or region=Utrecht (repeatable).
        #[arg(long, value_parser = crate::query::parse_filter)]
        filter: Vec<peerdir_search::Filter>,
        /// Order by distance from this place (a city or region in the directory).
        #[arg(long)]
        near: Option<String>,
        /// The region whose index to search, when the index is sharded by region.
        #[arg(long = "in", value_name = "REGION")]
        region: Option<String>,
        /// Show listings' texts in this language when they have it, as on the site's pages in it (e.g. tr).
        #[arg(long, default_value = "")]
        lang: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print the full response as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
struct SourceArg {
    /// The content folder [default: the current folder if it has a site.yaml, else content/].
    #[arg(long)]
    source: Option<PathBuf>,
}

impl SourceArg {
    fn resolve(&self) -> PathBuf {
        match &self.source {
            Some(s) => s.clone(),
            None if Path::new("site.yaml").is_file() => PathBuf::from("."),
            None => PathBuf::from("content"),
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
    /// A GitLab code quality report (JSON).
    Gitlab,
}

/// Runs the command line and gives the exit status.
pub fn main() -> ExitCode {
    crate::signals::install();
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        // The reader went away (`peerdir search ... | head`): nothing is wrong.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Check { source, format, strict } => check(&source.resolve(), format, strict),
        Command::Build { source, out, strict } => build(&source.resolve(), &out, strict),
        Command::New { kind, name, source } => {
            let path = scaffold::new_listing(&source.resolve(), kind, &name)?;
            println!("wrote {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Search { site, query, filter, near, region, lang, limit, json } => {
            let request = peerdir_search::SearchRequest {
                q: query.join(" "),
                filters: filter,
                near,
                lang,
                limit,
                offset: 0,
                ..Default::default()
            };
            let response = crate::query::run(&site, region.as_deref(), &request)?;
            let text = if json {
                serde_json::to_string_pretty(&response)? + "\n"
            } else {
                crate::query::format(&response)
            };
            std::io::stdout().lock().write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { source, port } => {
            crate::serve::run(&source.resolve(), port)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            scaffold::init(&dir)?;
            println!(
                "created a new directory in {}\nnext: cd {} && peerdir build",
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn failed(report: &Report, strict: bool) -> bool {
    report.errors() > 0 || (strict && report.warnings() > 0)
}

fn check(source: &Path, format: Format, strict: bool) -> Result<ExitCode> {
    let report = pipeline::check(source);
    let mut out = std::io::stdout().lock();
    match format {
        Format::Human => {
            write!(out, "{}", report.human())?;
            writeln!(out, "{}", report.summary())?;
        }
        Format::Json => write!(out, "{}", report.json())?,
        Format::Github => write!(out, "{}", report.github())?,
        Format::Gitlab => write!(out, "{}", report.gitlab())?,
    }
    Ok(if failed(&report, strict) { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn build(source: &Path, out: &Path, strict: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let progress = Progress::new();
    progress.stage("loading", 0);
    let (site, report) = pipeline::load(source);
    eprint!("{}", report.human());
    let site = match site {
        Some(s) if !failed(&report, strict) => s,
        _ => {
            eprintln!("error: build stopped: {}; nothing was written", report.summary());
            return Ok(ExitCode::FAILURE);
        }
    };
    let pages = match pipeline::build_site(&site, out, &progress) {
        Ok(pages) => pages,
        Err(e) => {
            progress.finish();
            let mut failed = Report::default();
            failed.push(pipeline::diagnostic(&e, source));
            eprint!("{}", failed.human());
            eprintln!("error: build stopped; the published site was left as it was");
            return Ok(ExitCode::FAILURE);
        }
    };
    progress.finish();
    eprintln!(
        "built {} pages for {} specialists and {} programs in {} ms",
        pages,
        site.dir.specialists.len(),
        site.dir.programs.len(),
        started.elapsed().as_millis()
    );
    // The process ends here: the system takes the directory's memory back
    // at once, faster than freeing its values one by one.
    std::mem::forget(site);
    Ok(ExitCode::SUCCESS)
}
