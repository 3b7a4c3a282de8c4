//! The comparison: the same listings built by Hugo with a minimal layout
//! that shows the same fields (`benches/hugo/`), then indexed by Pagefind.

use crate::measure::{self, Run, Runs};
use std::fs;
use std::path::Path;
use std::process::Command;

/// What building with Hugo and then Pagefind took, run by run.
#[derive(Default)]
pub(crate) struct HugoRuns {
    pub hugo: Vec<Run>,
    pub pagefind: Vec<Run>,
}

impl HugoRuns {
    /// Hugo and Pagefind one after the other, run by run.
    pub(crate) fn totals(&self) -> Vec<std::time::Duration> {
        self.hugo.iter().zip(&self.pagefind).map(|(h, p)| h.wall + p.wall).collect()
    }

    pub(crate) fn hugo(&self) -> Runs {
        measure::summary(&self.hugo)
    }

    pub(crate) fn pagefind(&self) -> Runs {
        measure::summary(&self.pagefind)
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest)?;
        } else {
            fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

/// A Hugo project in `work` with the listings of `content`.
pub(crate) fn prepare(repo: &Path, content: &Path, work: &Path) -> std::io::Result<()> {
    let _ = fs::remove_dir_all(work);
    copy_dir(&repo.join("benches/hugo"), work)?;
    for kind in ["specialists", "programs"] {
        copy_dir(&content.join(kind), &work.join("content").join(kind))?;
    }
    Ok(())
}

fn pagefind(repo: &Path) -> String {
    repo.join("benches/node_modules/.bin/pagefind").to_string_lossy().into_owned()
}

/// Builds the Hugo project into a fresh `public/` with Hugo, then
/// Pagefind, once; adds the runs to `runs`.
pub(crate) fn build(repo: &Path, work: &Path, runs: &mut HugoRuns) -> Result<(), String> {
    let public = work.join("public");
    let _ = fs::remove_dir_all(&public);
    let mut hugo = Command::new("hugo");
    hugo.args(["--quiet", "--source"]).arg(work).arg("--destination").arg(&public);
    runs.hugo.push(measure::run(&mut hugo)?);
    let mut pagefind = Command::new(self::pagefind(repo));
    pagefind.arg("--site").arg(&public);
    runs.pagefind.push(measure::run(&mut pagefind)?);
    Ok(())
}

pub(crate) fn versions(repo: &Path) -> String {
    let out = |c: &mut Command| {
        c.output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    let hugo = out(Command::new("hugo").arg("version"));
    let hugo = hugo.split_whitespace().nth(1).unwrap_or("?").to_string();
    format!("Hugo {hugo}, {}", out(Command::new(pagefind(repo)).arg("--version")))
}
