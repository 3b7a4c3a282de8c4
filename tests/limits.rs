//! Path rules and resource limits: media references stay inside `media/`,
//! symbolic links never lead out of the content folder, and oversized,
//! overlong, over-nested or alias-bombed files fail fast with a clear error.

mod common;
use common::*;
use std::fs;
use std::time::Instant;

/// Runs `check --format json` on a content folder; returns exit code and diagnostics.
fn check(content: &std::path::Path) -> (i32, Vec<serde_json::Value>) {
    let o = peerdir(&root(), &["check", "--format", "json", "--source", content.to_str().unwrap()]);
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    (o.status.code().unwrap(), serde_json::from_str(&stdout(&o)).unwrap())
}

fn messages(diags: &[serde_json::Value]) -> String {
    diags.iter().map(|d| format!("{}:{}: {}\n", d["file"], d["line"], d["message"])).collect()
}

fn with_photo(photo: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, content) = temp_copy(&fixture("minimal"));
    let path = content.join("specialists/alex-river.md");
    let text = fs::read_to_string(&path).unwrap().replace(
        "programs: [sober-circle]",
        &format!(
            "programs: [sober-circle]\nphoto: {}\nphoto_alt: A photo",
            serde_json::to_string(photo).unwrap()
        ),
    );
    fs::write(path, text).unwrap();
    (tmp, content)
}

#[test]
fn media_references_stay_inside_media() {
    for (photo, expect) in [
        ("../site.yaml", "inside `media/`"),
        ("../../etc/passwd.png", "inside `media/`"),
        ("/etc/passwd.png", "inside `media/`"),
        ("sub/../../x.png", "inside `media/`"),
        ("C:\\\\x.png", "inside `media/`"),
        ("photo.svg", "images must be"),
        ("photo.html", "images must be"),
        ("missing.png", "does not exist"),
    ] {
        let (_tmp, content) = with_photo(photo);
        fs::create_dir_all(content.join("media")).unwrap();
        let (code, diags) = check(&content);
        assert_eq!(code, 1, "{photo}");
        assert!(messages(&diags).contains(expect), "{photo}: {}", messages(&diags));
    }
    let (tmp, content) = with_photo("ok.png");
    fs::create_dir_all(content.join("media")).unwrap();
    fs::copy(root().join("content/media/lisa-janssen.png"), content.join("media/ok.png")).unwrap();
    assert_eq!(check(&content).0, 0);
    let out = tmp.path().join("public");
    build_site(&content, &out);
    assert!(out.join("media/ok.png").is_file());
}

#[cfg(unix)]
#[test]
fn symlinks_never_lead_outside() {
    use std::os::unix::fs::symlink;
    let (tmp, content) = with_photo("secret.png");
    let outside = tmp.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("secret.png"), "not for publishing").unwrap();
    fs::write(
        outside.join("listing.md"),
        fs::read(content.join("specialists/bea-stone.md")).unwrap(),
    )
    .unwrap();
    fs::create_dir_all(content.join("media")).unwrap();
    symlink(outside.join("secret.png"), content.join("media/secret.png")).unwrap();
    symlink(outside.join("listing.md"), content.join("specialists/linked.md")).unwrap();
    symlink(&outside, content.join("pages/outside")).unwrap();
    let (code, diags) = check(&content);
    assert_eq!(code, 1);
    let text = messages(&diags);
    for name in ["media/secret.png", "specialists/linked.md", "pages/outside"] {
        assert!(
            text.contains(&format!("{name}\":0: \"a symbolic link: not read")),
            "{name}: {text}"
        );
    }
    let out = tmp.path().join("public");
    let o = peerdir(
        &root(),
        &["build", "--source", content.to_str().unwrap(), "--out", out.to_str().unwrap()],
    );
    assert_exit(&o, 1);
    assert!(!out.exists());
}

fn one_listing(text: &[u8]) -> (i32, Vec<serde_json::Value>, f64) {
    let (_tmp, content) = temp_copy(&fixture("minimal"));
    fs::write(content.join("specialists/odd.md"), text).unwrap();
    let started = Instant::now();
    let (code, diags) = check(&content);
    let mine =
        diags.into_iter().filter(|d| d["file"].as_str().unwrap().ends_with("odd.md")).collect();
    (code, mine, started.elapsed().as_secs_f64())
}

#[test]
fn alias_bombs_fail_fast() {
    let mut yaml = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for c in 'b'..='j' {
        yaml.push_str(&format!("{c}: &{c} [{}]\n", vec![format!("*{prev}"); 9].join(",")));
        prev = c;
    }
    yaml.push_str("name: x\n---\n");
    let (code, diags, _) = one_listing(yaml.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0]["message"].as_str().unwrap().contains("does not use YAML aliases"),
        "{diags:?}"
    );
    assert_eq!(diags[0]["line"], 3, "at the first alias");
}

#[test]
fn deep_nesting_fails_with_a_clear_error() {
    for depth in [20, 5000] {
        let text = format!("---\nname: {}{}\n---\n", "[".repeat(depth), "]".repeat(depth));
        let (code, diags, _) = one_listing(text.as_bytes());
        assert_eq!(code, 1);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let m = format!("{} {}", diags[0]["message"], diags[0]["hint"]);
        assert!(m.contains("nested") || m.contains("nesting"), "{depth}: {m}");
    }
}

#[test]
fn overlong_lines_and_files() {
    let mut text = b"---\nname: A\n---\n".to_vec();
    text.extend(std::iter::repeat_n(b'x', 30_000));
    let (code, diags, _) = one_listing(&text);
    assert_eq!(code, 1);
    assert_eq!(diags[0]["line"], 4);
    assert!(diags[0]["message"].as_str().unwrap().contains("lines are limited to 20000"));
    let mut big = b"---\nname: A\n---\n".to_vec();
    for _ in 0..200_000 {
        big.extend_from_slice(b"Some text.\n");
    }
    let (code, diags, _) = one_listing(&big);
    assert_eq!(code, 1);
    assert!(diags[0]["message"].as_str().unwrap().contains("limited to 1048576 bytes"));
}
