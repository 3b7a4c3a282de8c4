//! `peerdir init` and `peerdir new`: starting points that work at once.

mod common;
use common::*;
use std::fs;

#[test]
fn init_creates_a_directory_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let o = peerdir(tmp.path(), &["init", "my-dir"]);
    assert_exit(&o, 0);
    let dir = tmp.path().join("my-dir");
    for f in [
        "site.yaml",
        "taxonomy.yaml",
        "README.md",
        ".gitignore",
        ".github/workflows/peerdir.yml",
        ".gitlab-ci.yml",
        "pages/about.md",
    ] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    ci_files_check_and_publish(&dir);
    assert_eq!(slugs(&dir.join("specialists")).len() + slugs(&dir.join("programs")).len(), 3);
    let o = peerdir(&dir, &["check"]);
    assert_exit(&o, 0);
    assert!(stdout(&o).contains("0 errors"), "{}", stdout(&o));
    let o = peerdir(&dir, &["build"]);
    assert_exit(&o, 0);
    assert!(dir.join("public/specialists/sam-jansen/index.html").is_file());
    assert!(dir.join("public/programs/herstelmaatjes/index.html").is_file());
    let site = read_site(&dir.join("public"));
    let broken = broken_links(&site, "/directory/");
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn init_refuses_a_folder_with_files() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("keep.txt"), "x").unwrap();
    let o = peerdir(tmp.path(), &["init", "."]);
    assert_exit(&o, 1);
    assert!(stderr(&o).contains("not empty"));
}

#[test]
fn new_writes_every_field_and_never_overwrites() {
    let (_tmp, content) = temp_copy(&fixture("minimal"));
    let src = content.to_str().unwrap();
    let o = peerdir(&root(), &["new", "specialist", "Zoë van Dam", "--source", src]);
    assert_exit(&o, 0);
    let path = content.join("specialists/zoe-van-dam.md");
    let text = fs::read_to_string(&path).unwrap();
    for field in [
        "name",
        "pronouns",
        "summary",
        "topics",
        "languages",
        "locations",
        "modes",
        "contact",
        "consent",
        "reviewed",
        "availability",
        "status",
        "closed_until",
        "status_note",
        "intake",
        "audiences",
        "minimum_age",
        "maximum_age",
        "approximate_location",
        "cost",
        "certification",
        "programs",
        "photo",
        "photo_alt",
        "lang",
    ] {
        assert!(text.contains(&format!("\n{field}:")), "{field} missing");
        let before = text.split(&format!("\n{field}:")).next().unwrap();
        assert!(
            before.trim_end().lines().last().unwrap().starts_with('#'),
            "{field} has no comment above it"
        );
    }
    assert!(text.contains("name: \"Zoë van Dam\""));
    // The new file parses; check asks only for the values still to fill in.
    let o = peerdir(&root(), &["check", "--source", src, "--format", "json"]);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let mine: Vec<String> = diags
        .iter()
        .filter(|d| d["file"].as_str().unwrap().ends_with("zoe-van-dam.md"))
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert!(!mine.is_empty());
    assert!(
        mine.iter().all(|m| !m.contains("unknown field")
            && !m.contains("invalid YAML")
            && !m.contains("should be")),
        "{mine:#?}"
    );
    // A second time refuses and leaves the file alone.
    fs::write(&path, "edited").unwrap();
    let o = peerdir(&root(), &["new", "specialist", "Zoë van Dam", "--source", src]);
    assert_exit(&o, 1);
    assert!(stderr(&o).contains("already exists"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "edited");
    let o = peerdir(&root(), &["new", "program", "Walk & Talk", "--source", src]);
    assert_exit(&o, 0);
    // Groups within groups are written out too, each field under its explanation.
    let program = fs::read_to_string(content.join("programs/walk-talk.md")).unwrap();
    for (comment, field) in [
        ("  # Sessions that come back", "  sessions:"),
        ("      # The days it meets", "    - days: []"),
        ("      # When it starts, as HH:MM", "      start:"),
        ("    # The building or organization people go to", "    venue:"),
    ] {
        let at =
            program.find(&format!("\n{field}\n")).unwrap_or_else(|| panic!("{field}\n{program}"));
        let above = program[..at].lines().rev().take_while(|l| l.trim_start().starts_with('#'));
        assert!(above.collect::<Vec<_>>().iter().any(|l| l.starts_with(comment)), "{field}");
    }
    let front = program.split("\n---\n").next().unwrap().trim_start_matches("---\n");
    let value: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
    assert!(value["schedule"]["sessions"][0]["days"].is_sequence());
}

fn yaml(path: &std::path::Path) -> serde_yaml::Value {
    serde_yaml::from_str(&fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The scripted steps of a CI job, joined.
fn steps(job: &serde_yaml::Value) -> String {
    let list = job
        .get("steps")
        .or_else(|| job.get("script"))
        .and_then(|s| s.as_sequence())
        .cloned()
        .unwrap_or_default();
    list.iter()
        .map(|s| {
            s.get("run").or(Some(s)).and_then(|r| r.as_str()).unwrap_or_default().to_string() + "\n"
        })
        .collect()
}

/// GitHub: check with annotations on pull requests, build, deploy main to
/// Pages. GitLab: the same, with a code quality report, to GitLab Pages.
fn ci_files_check_and_publish(dir: &std::path::Path) {
    let gh = yaml(&dir.join(".github/workflows/peerdir.yml"));
    assert!(gh["on"].get("pull_request").is_some());
    assert_eq!(gh["on"]["push"]["branches"][0], "main");
    let check = steps(&gh["jobs"]["check"]);
    assert!(
        check.contains("peerdir check --format github")
            && check.contains("peerdir build --out public"),
        "{check}"
    );
    let uses: Vec<&str> = gh["jobs"]["check"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .collect();
    assert!(uses.iter().any(|u| u.starts_with("actions/upload-pages-artifact@")), "{uses:?}");
    let deploy = &gh["jobs"]["deploy"];
    assert_eq!(
        deploy["steps"][0]["uses"].as_str().map(|u| u.starts_with("actions/deploy-pages@")),
        Some(true)
    );
    assert_eq!(deploy["permissions"]["pages"], "write");
    assert!(deploy["if"].as_str().unwrap().contains("refs/heads/main"));
    let gl = yaml(&dir.join(".gitlab-ci.yml"));
    let check = steps(&gl["check"]);
    assert!(
        check.contains("peerdir check --format gitlab > gl-code-quality-report.json"),
        "{check}"
    );
    assert_eq!(gl["check"]["artifacts"]["reports"]["codequality"], "gl-code-quality-report.json");
    assert!(steps(&gl["pages"]).contains("peerdir build --out public"));
    assert_eq!(gl["pages"]["artifacts"]["paths"][0], "public");
    assert!(serde_yaml::to_string(&gl["pages"]["rules"]).unwrap().contains("CI_DEFAULT_BRANCH"));
}
