//! Runs the real-browser suite in `tests/e2e` (node's test runner driving
//! Debian's Chromium through playwright-core) against sites built by this
//! binary. It needs `/usr/bin/chromium` and `npm ci --prefix tests/e2e`;
//! `.ci/run` installs both. A missing tool fails the test, it is never skipped.

mod common;
use common::root;
use std::path::Path;
use std::process::Command;

#[test]
fn browser_suite() {
    let e2e = root().join("tests/e2e");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "{chromium} not found: install Debian's chromium package (.ci/run does)"
    );
    assert!(
        e2e.join("node_modules/playwright-core").is_dir()
            && e2e.join("node_modules/axe-core").is_dir(),
        "browser test packages missing: run `npm ci --prefix tests/e2e` (.ci/run does)"
    );
    let corpus = tempfile::tempdir().unwrap();
    common::corpus::write(&corpus.path().join("content"));
    let out = Command::new("node")
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
        .current_dir(&e2e)
        .env("PEERDIR_BIN", env!("CARGO_BIN_EXE_peerdir"))
        .env("CHROMIUM", &chromium)
        .env("PEERDIR_CORPUS", corpus.path().join("content"))
        .output()
        .expect("node runs (it comes with the machine; .ci/run checks)");
    let report =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    println!("{report}");
    assert!(out.status.success(), "browser tests failed:\n{report}");
    assert!(
        report.contains("fail 0") && !report.contains("pass 0"),
        "no browser test ran:\n{report}"
    );
}
