//! The adversarial corpus: content folders as a hostile pull request would
//! make them, class by class. Each attack must be refused by `check` with
//! a clear, placed error, and by `build`, which then writes nothing; none
//! may panic, hang, leak a file from outside the folder or put script on
//! the site. Checks and builds run under a time guard, so a hang fails
//! the test instead of stalling CI (how fast they are is measured by the
//! benchmark, not here).

mod common;
use common::*;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Longer than any check or build of a small folder takes, even unoptimized
/// on a slow machine: reaching it means a hang.
const GUARD: Duration = Duration::from_secs(60);

/// A copy of the minimal fixture to attack.
struct Case {
    tmp: tempfile::TempDir,
    content: PathBuf,
}

impl Case {
    fn new() -> Case {
        let (tmp, content) = temp_copy(&fixture("minimal"));
        Case { tmp, content }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.content.join(rel)
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    /// A file outside the content folder, holding `text` (for the
    /// symbolic links of the Unix-only tests).
    #[cfg(unix)]
    fn outside(&self, name: &str, text: &str) -> PathBuf {
        let path = self.tmp.path().join("outside").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn out(&self) -> PathBuf {
        self.tmp.path().join("public")
    }

    /// `check --format json`: exit code and diagnostics.
    fn check(&self) -> (i32, Vec<Value>) {
        let o = peerdir_within(
            GUARD,
            &root(),
            &["check", "--format", "json", "--source", self.content.to_str().unwrap()],
            &[],
        );
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
        (
            o.status.code().unwrap(),
            serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o))),
        )
    }

    fn build(&self, env: &[(&str, &str)]) -> std::process::Output {
        let out = self.out();
        peerdir_within(
            GUARD,
            &root(),
            &["build", "--source", self.content.to_str().unwrap(), "--out", out.to_str().unwrap()],
            env,
        )
    }

    /// `check` fails with an error about `file` whose message (or hint)
    /// holds `expect`, and `build` fails and writes nothing. Returns that
    /// error.
    fn refused(&self, file: &str, expect: &str) -> Value {
        let (code, diags) = self.check();
        assert_eq!(code, 1, "check passed: {diags:#?}");
        let found = diags.iter().find(|d| {
            let text =
                format!("{} {}", d["message"].as_str().unwrap(), d["hint"].as_str().unwrap_or(""));
            d["severity"] == "error"
                && d["file"].as_str().unwrap().ends_with(file)
                && text.contains(expect)
        });
        let found = found
            .unwrap_or_else(|| panic!("no error about {file} saying {expect:?}: {diags:#?}"))
            .clone();
        let o = self.build(&[]);
        assert_exit(&o, 1);
        assert!(!self.out().exists(), "build wrote {}", self.out().display());
        assert_eq!(leftovers(self.tmp.path()), Vec::<String>::new());
        found
    }
}

/// Staging folders left beside the output.
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".peerdir-"))
        .collect()
}

fn line_col(d: &Value) -> (u64, u64) {
    (d["line"].as_u64().unwrap(), d["col"].as_u64().unwrap())
}

// 1. Files outside the content folder never reach the site.

#[cfg(unix)]
#[test]
fn no_file_outside_the_folder_is_read() {
    use std::os::unix::fs::symlink;
    let secret = "PEERDIR_TEST_SECRET=do-not-publish";
    for (link, to) in [
        ("templates/footer.html", "footer.html"),
        ("templates", "templates"),
        ("site.yaml", "site.yaml"),
        ("taxonomy.yaml", "taxonomy.yaml"),
        ("i18n/en.yaml", "en.yaml"),
        ("i18n", "i18n"),
        ("specialists", "specialists"),
        ("pages/about.md", "about.md"),
        ("media/p.png", "p.png"),
    ] {
        let case = Case::new();
        // What the link leads to would be read happily if followed.
        let target = match to {
            "templates" | "i18n" | "specialists" => {
                let dir = case.tmp.path().join("outside").join(to);
                fs::create_dir_all(&dir).unwrap();
                fs::write(dir.join("footer.html"), secret).unwrap();
                fs::write(dir.join("en.yaml"), format!("exit: {secret}\n")).unwrap();
                fs::copy(case.path("specialists/alex-river.md"), dir.join("x.md")).unwrap();
                dir
            }
            "site.yaml" | "taxonomy.yaml" | "about.md" => {
                let text = fs::read_to_string(case.path(if to == "about.md" {
                    "pages/about.md"
                } else {
                    to
                }))
                .unwrap();
                case.outside(to, &text.replace("Peer Directory Test", secret))
            }
            _ => case.outside(to, secret),
        };
        let _ = fs::remove_dir_all(case.path(link));
        let _ = fs::remove_file(case.path(link));
        fs::create_dir_all(case.path(link).parent().unwrap()).unwrap();
        symlink(&target, case.path(link)).unwrap();
        let d = case.refused(link, "a symbolic link");
        assert_eq!(d["message"], "a symbolic link: not read", "{link}");
        let o = case.build(&[("PEERDIR_TEST_SECRET", "do-not-publish")]);
        assert_exit(&o, 1);
        assert!(!stderr(&o).contains("do-not-publish"), "{link}: {}", stderr(&o));
    }
    // The environment of the build, through /proc.
    let case = Case::new();
    fs::create_dir_all(case.path("templates")).unwrap();
    symlink("/proc/self/environ", case.path("templates/footer.html")).unwrap();
    case.refused("templates/footer.html", "a symbolic link");
}

#[cfg(unix)]
#[test]
fn pipes_in_the_folder_are_refused_without_waiting() {
    for rel in ["site.yaml", "specialists/pipe.md", "templates/footer.html", "media/pipe.png"] {
        let case = Case::new();
        let path = case.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = fs::remove_file(&path);
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: a valid, NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        case.refused(rel, "not an ordinary file");
    }
}

// 2. `media/` publishes only images, re-encoded.

#[test]
fn media_publishes_only_images() {
    let png = fs::read(root().join("content/media/anna-de-vries.png")).unwrap();
    for (name, bytes, expect) in [
        ("page.html", b"<script>alert(1)</script>".to_vec(), "web page"),
        ("x.htm", b"<script>alert(1)</script>".to_vec(), "web page"),
        ("app.js", b"alert(1)".to_vec(), "script"),
        ("engine.wasm", b"\0asm".to_vec(), "script"),
        (
            "logo.svg",
            br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#.to_vec(),
            "SVG image can carry script",
        ),
        ("site.css", b"body{background:url(https://tracker.example/)}".to_vec(), "style sheet"),
        ("data.json", b"{}".to_vec(), "only photos and logos"),
        ("no-extension", png.clone(), "only photos and logos"),
        ("fake.png", b"<html><script>alert(1)</script>".to_vec(), "not an image"),
        ("named.jpg", png.clone(), "is a PNG image named .jpg"),
        ("cut.png", png[..200].to_vec(), "cannot be read as an image"),
    ] {
        let case = Case::new();
        case.write(&format!("media/{name}"), &bytes);
        case.refused(&format!("media/{name}"), expect);
    }
    // An image used by nothing is still published, re-encoded.
    let case = Case::new();
    case.write("media/spare.png", &png);
    assert_exit(&case.build(&[]), 0);
    let published = fs::read(case.out().join("media/spare.png")).unwrap();
    assert_ne!(published, png, "re-encoded from its pixels");
    assert!(image::load_from_memory(&published).is_ok());
}

// 3. Nesting is bounded, so every file is answered at once.

#[test]
fn markdown_nested_thousands_deep_is_refused_at_its_line() {
    for (what, block) in [
        ("lists", "- ".repeat(9_999)),
        ("quotes", "> ".repeat(9_999)),
        ("ordered lists", "1. ".repeat(6_000)),
    ] {
        let case = Case::new();
        let listing = fs::read_to_string(case.path("specialists/alex-river.md")).unwrap();
        let lines = listing.lines().count();
        let body: Vec<String> = (0..10).map(|_| format!("{block}x")).collect();
        case.write("specialists/alex-river.md", format!("{listing}\n{}\n", body.join("\n\n")));
        let d = case.refused("specialists/alex-river.md", "more than 32 levels deep");
        assert_eq!(d["line"].as_u64().unwrap() as usize, lines + 2, "{what}: {d}");
    }
    let case = Case::new();
    case.write("pages/deep.md", format!("---\ntitle: Deep\n---\n{}x\n", "> ".repeat(5_000)));
    let d = case.refused("pages/deep.md", "more than 32 levels deep");
    assert_eq!(line_col(&d), (4, 65), "at the 33rd `>`");
    // A translation's body is Markdown too, inside the front matter.
    let case = Case::new();
    let path = case.path("specialists/alex-river.md");
    let deep = serde_json::to_string(&format!("{}x", "- ".repeat(5_000))).unwrap();
    let text = fs::read_to_string(&path).unwrap().replace(
        "programs: [sober-circle]\n",
        &format!(
            "programs: [sober-circle]\ntranslations:\n  nl:\n    summary: Diep\n    body: {deep}\n"
        ),
    );
    fs::write(&path, text).unwrap();
    let d = case.refused("specialists/alex-river.md", "more than 32 levels deep");
    assert_eq!(line_col(&d), (20, 11), "at the translation's body");
}

#[test]
fn yaml_nested_across_lines_is_refused_at_once() {
    // Four lines of 19,000 brackets: under every size limit, and over 20 s
    // of libyaml's time when it is handed the text unscreened.
    let nest = |open: &str| vec![open.repeat(19_000 / open.len()); 4].join("\n");
    for open in ["[", "{", "[{"] {
        let case = Case::new();
        case.write(
            "specialists/deep.md",
            format!("---\nname: Deep\nsummary: {}\n---\n", nest(open)),
        );
        let d = case.refused("specialists/deep.md", "nested more than 16 levels deep");
        assert_eq!(d["line"], 3, "{open}: {d}");
    }
    // Block sequences in one line, and mappings by indentation.
    let indented: String = (0..1_400).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    for front in [format!("summary:\n  {}x\n", "- ".repeat(9_000)), format!("summary:\n{indented}")]
    {
        let case = Case::new();
        case.write("specialists/deep.md", format!("---\nname: Deep\n{front}---\n"));
        case.refused("specialists/deep.md", "nested more than 16 levels deep");
    }
    for (file, text) in [
        ("site.yaml", format!("title: {}\n", nest("["))),
        ("taxonomy.yaml", format!("topics: {}\n", nest("{"))),
        ("i18n/en.yaml", format!("exit: {}\n", nest("["))),
    ] {
        let case = Case::new();
        case.write(file, text);
        case.refused(file, "nested more than 16 levels deep");
    }
}

// 6. Control characters, raw or escaped, in any field or text.

#[test]
fn control_characters_are_refused_with_their_place() {
    let listing = fs::read_to_string(fixture("minimal/specialists/alex-river.md")).unwrap();
    for (what, text, at) in [
        ("NUL in a name", listing.replacen("name: Alex River", "name: Alex\u{0}River", 1), (2, 11)),
        ("a bell in a summary", listing.replacen("summary: ", "summary: \u{7}", 1), (3, 10)),
        (
            "ESC in the body",
            format!("{listing}\u{1b}[2J\u{1b}[31mred\n"),
            (listing.lines().count() as u64 + 1, 1),
        ),
        (
            "an escaped bell",
            listing.replacen("name: Alex River", "name: \"Alex\\aRiver\"", 1),
            (2, 7),
        ),
        (
            "an escaped ESC",
            listing.replacen("name: Alex River", "name: \"\\e[31mAlex\"", 1),
            (2, 7),
        ),
        (
            "an escaped NUL in a list",
            listing.replacen("languages: [en]", "languages: [en, \"\\u0000\"]", 1),
            (0, 0),
        ),
        ("a C1 control", listing.replacen("name: Alex River", "name: Alex\u{9b}River", 1), (2, 11)),
    ] {
        let case = Case::new();
        case.write("specialists/alex-river.md", &text);
        let d = case.refused("specialists/alex-river.md", "control character");
        if at != (0, 0) {
            assert_eq!(line_col(&d), at, "{what}: {d}");
        }
    }
    for file in
        ["site.yaml", "taxonomy.yaml", "pages/about.md", "templates/footer.html", "i18n/en.yaml"]
    {
        let case = Case::new();
        let text = if file.starts_with("templates") {
            "<footer>\u{7}</footer>".to_string()
        } else if file.starts_with("i18n") {
            "exit: \"\\a\"\n".to_string()
        } else {
            fs::read_to_string(case.path(file)).unwrap() + "\n# \u{1b}[2J\n"
        };
        case.write(file, text);
        case.refused(file, "control character");
    }
    // A file name with an escape sequence is shown, not obeyed.
    let case = Case::new();
    case.write("specialists/\u{1b}[2J.md", &listing);
    let o =
        peerdir_within(GUARD, &root(), &["check", "--source", case.content.to_str().unwrap()], &[]);
    assert_exit(&o, 1);
    assert!(!stdout(&o).contains('\u{1b}'), "{:?}", stdout(&o));
    assert!(stdout(&o).contains("\\u{1b}[2J"), "{}", stdout(&o));
}

// 4. Numbers that dial: linked and exported as dialled, shown as written.

#[test]
fn phone_numbers_link_the_number_they_show() {
    let listing = fs::read_to_string(fixture("minimal/specialists/alex-river.md")).unwrap();
    let with = |number: &str| {
        listing.replacen("contact:\n", &format!("contact:\n  phone: \"{number}\"\n"), 1)
    };
    assert!(with("x") != listing, "the fixture has a contact");
    let case = Case::new();
    case.write("specialists/alex-river.md", with("+31(0)20 000 0101"));
    assert_exit(&case.build(&[]), 0);
    let page = fs::read_to_string(case.out().join("specialists/alex-river/index.html")).unwrap();
    assert!(
        page.contains(r#"<a href="tel:+31200000101"><bdi>+31(0)20 000 0101</bdi></a>"#),
        "{page}"
    );
    assert!(page.contains(r#""telephone":"+31200000101""#), "JSON-LD has the number as dialled");
    let hsds = fs::read_to_string(case.out().join("api/hsds/services.json")).unwrap();
    assert!(hsds.contains(r#""number":"+31200000101""#) && !hsds.contains("+310200000101"));
    for (number, expect) in [
        ("+310200000101", "the 0 of the area code is left out"),
        ("020 000 010", "this one has 9"),
        ("+1 555 0199", "+1 has 10 digits"),
        ("call me maybe", "letters"),
        ("555 0199", "read as Dutch"),
    ] {
        let case = Case::new();
        case.write("specialists/alex-river.md", with(number));
        case.refused("specialists/alex-river.md", expect);
    }
    let case = Case::new();
    let site = fs::read_to_string(case.path("site.yaml"))
        .unwrap()
        .replace("\"988\"", "\"+31 (0)800-0113\"");
    case.write("site.yaml", site);
    assert_exit(&case.build(&[]), 0);
    let home = fs::read_to_string(case.out().join("index.html")).unwrap();
    assert!(home.contains("href=\"tel:+318000113\""), "the crisis line dials");
}

// 5. What `build` refuses, `check` refuses first.

#[test]
fn check_finds_template_and_translation_errors() {
    let case = Case::new();
    case.write("templates/footer.html", "<footer>\n{% if %}\n</footer>\n");
    let d = case.refused("templates/footer.html", "template error: syntax error");
    assert_eq!(d["line"], 2);

    let case = Case::new();
    case.write("templates/footer.html", "<footer>\n{{ site.no_such_thing.deeper }}\n</footer>\n");
    let d = case.refused("templates/footer.html", "undefined");
    assert_eq!(d["line"], 2);

    let case = Case::new();
    case.write("i18n/en.yaml", "exit: [unclosed\n");
    case.refused("i18n/en.yaml", "invalid YAML");

    // Anything in templates/ but `.html` files directly in it is not a
    // template: said, and never published.
    let case = Case::new();
    case.write("templates/evil.js", "alert(1)");
    case.write("templates/sub/footer.html", "<footer>{{ site.nothing.here }}</footer>");
    let (code, diags) = case.check();
    assert_eq!(code, 0, "{diags:#?}");
    let warned: Vec<&str> = diags
        .iter()
        .filter(|d| d["message"].as_str().unwrap().starts_with("not a template"))
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(
        warned.len() == 2 && warned.iter().any(|f| f.ends_with("templates/evil.js")),
        "{diags:#?}"
    );
    assert_exit(&case.build(&[]), 0);
    assert!(!read_site(&case.out()).keys().any(|k| k.contains("evil")));

    let case = Case::new();
    case.write("i18n/en.yaml", "exit: Leave\nbrowse: Browse\n");
    let d = case.refused("i18n/en.yaml", "`browse` should be a group of strings");
    assert_eq!(line_col(&d), (2, 9));
}

/// Translations of any language, front matter keys and the languages a
/// listing speaks: each is refused by `check` at its place, and by `build`.
#[test]
fn check_finds_what_translations_keys_and_languages_would_break() {
    // Every translation is read, not only the site language's, and each
    // file's problems are reported, not only the first file's.
    let case = Case::new();
    case.write("i18n/de.yaml", "kinds: Gruppen\n");
    case.write("i18n/tr.yaml", "browse: Gözat\n");
    case.refused("i18n/de.yaml", "`kinds` should be a group of strings");
    case.refused("i18n/tr.yaml", "`browse` should be a group of strings");

    // Anything in i18n/ but `<language code>.yaml` is said and not read.
    let case = Case::new();
    case.write("i18n/evil.js", "alert(1)");
    case.write("i18n/notes.yaml", "kinds: [1, 2]\n");
    let (code, diags) = case.check();
    assert_eq!(code, 0, "{diags:#?}");
    let warned = diags
        .iter()
        .filter(|d| d["message"].as_str().unwrap().starts_with("not a translation"))
        .count();
    assert_eq!(warned, 2, "{diags:#?}");
    assert_exit(&case.build(&[]), 0);

    // A key YAML reads as a number would be taken for a field's position.
    for (front, expect, line) in [
        ("0: Sneaky\n", "`0` is not a field name", 2),
        ("pronouns: a\npronouns: b\n", "the field `pronouns` is given twice", 3),
        ("pronouns: &p a\nphoto_alt: *p\n", "does not use YAML aliases", 3),
    ] {
        let case = Case::new();
        let path = case.path("specialists/alex-river.md");
        let text =
            fs::read_to_string(&path).unwrap().replacen("---\n", &format!("---\n{front}"), 1);
        fs::write(&path, text).unwrap();
        let d = case.refused("specialists/alex-river.md", expect);
        assert_eq!(d["line"], line, "{d}");
    }

    // A language without a name would show visitors its code.
    let case = Case::new();
    let path = case.path("specialists/alex-river.md");
    let text = fs::read_to_string(&path).unwrap().replace("languages: [en]", "languages: [en, zh]");
    fs::write(&path, text).unwrap();
    case.refused("specialists/alex-river.md", "`zh` has no name");
}

#[test]
fn check_finds_addresses_no_file_system_can_hold() {
    // Topic keys whose parts are each fine, but deeper than a path can be.
    let case = Case::new();
    let taxonomy = fs::read_to_string(case.path("taxonomy.yaml")).unwrap();
    let mut deep = String::new();
    let mut key = String::from("addiction");
    for _ in 0..60 {
        key.push('/');
        key.push_str(&"t".repeat(80));
        deep.push_str(&format!("  - key: {key}\n    label: {{en: T}}\n"));
    }
    case.write("taxonomy.yaml", taxonomy.replace("regions:", &format!("{deep}regions:")));
    case.refused("taxonomy.yaml", "topics nest at most 4 levels");

    // A region name whose address would be longer than a file name may be.
    let case = Case::new();
    let long = "Noord ".repeat(60);
    let listing = fs::read_to_string(case.path("specialists/alex-river.md")).unwrap();
    let region = listing.lines().find(|l| l.contains("region:")).unwrap().to_string();
    case.write(
        "specialists/alex-river.md",
        listing.replace(&region, &format!("    region: {long}")),
    );
    case.refused("specialists/alex-river.md", "too long to be the address of its page");
}

/// macOS and Windows fold case and Windows refuses some characters, so a
/// checkout there would hold other files than the pull request did.
#[test]
fn names_a_checkout_on_macos_or_windows_cannot_hold_are_refused() {
    let png = fs::read(root().join("content/media/anna-de-vries.png")).unwrap();
    let case = Case::new();
    case.write("media/Photo.png", &png);
    case.write("media/photo.png", &png);
    let d = case.refused("media/photo.png", "differs from `media/Photo.png` only in case");
    assert_eq!(d["hint"], "rename or remove one of the two");

    let listing = fs::read_to_string(case.path("specialists/alex-river.md")).unwrap();
    let case = Case::new();
    case.write("pages/About.md", "---\ntitle: About\n---\nx\n");
    case.write("pages/about.md", "---\ntitle: About\n---\ny\n");
    case.refused("pages/about.md", "only in case");

    for name in ["media/a:b.png", "media/what?.png", r"media/a\b.png", "specialists/x|y.md"] {
        let case = Case::new();
        case.write(name, if name.ends_with(".md") { listing.as_bytes() } else { &png[..] });
        case.refused(name, "Windows cannot check it out");
    }
}

// 7. Interrupted builds leave nothing behind.

#[cfg(unix)]
#[test]
fn an_interrupted_build_cleans_up_and_the_next_removes_what_a_kill_left() {
    use std::process::{Command, Stdio};
    let case = Case::new();
    assert_exit(&case.build(&[]), 0);
    let published = read_site(&case.out());
    // Enough listings that the build is still writing when the signal comes.
    let listing = fs::read_to_string(case.path("specialists/alex-river.md")).unwrap();
    for i in 0..3_000 {
        case.write(
            &format!("specialists/many/p-{i}.md"),
            listing.replace("Alex River", &format!("Person {i}")),
        );
    }
    let staging = || {
        fs::read_dir(case.tmp.path()).unwrap().map(|e| e.unwrap().path()).find(|p| {
            p.is_dir()
                && p.file_name().unwrap().to_string_lossy().starts_with(".peerdir-build-")
                && fs::read_dir(p).unwrap().count() > 3
        })
    };
    for (signal, code) in [(libc::SIGINT, 130), (libc::SIGTERM, 143), (libc::SIGKILL, -1)] {
        let out = case.out();
        let mut child = Command::new(env!("CARGO_BIN_EXE_peerdir"))
            .args([
                "build",
                "--source",
                case.content.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while staging().is_none() {
            assert!(started.elapsed() < GUARD, "no staging folder appeared");
            assert!(
                child.try_wait().unwrap().is_none(),
                "the build ended before it could be interrupted"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        // SAFETY: a signal to our own child process.
        assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
        let status = child.wait().unwrap();
        if signal == libc::SIGKILL {
            assert!(staging().is_some(), "a killed build cannot clean up");
            continue;
        }
        assert_eq!(status.code(), Some(code), "signal {signal}");
        assert_eq!(leftovers(case.tmp.path()), Vec::<String>::new(), "signal {signal}");
        assert_eq!(read_site(&out), published, "the published site is as it was");
    }
    // The next build removes what the killed one left.
    assert_exit(&case.build(&[]), 0);
    assert_eq!(leftovers(case.tmp.path()), Vec::<String>::new());
    assert!(case.out().join("specialists/p-2999/index.html").is_file());
}

// 8. Search input is bounded; a damaged index is an error.

#[test]
fn search_input_is_bounded_and_a_damaged_index_is_an_error() {
    let (_tmp, site) = build_temp("tests/fixtures/minimal");
    let search = |args: &[&str]| {
        let mut all = vec!["search", "--site", site.to_str().unwrap()];
        all.extend_from_slice(args);
        peerdir_within(GUARD, &root(), &all, &[])
    };
    // Thousands of words: the first ten are searched, and it says so.
    let long = "alcohol ".repeat(5_000);
    let o = search(&["--json", &long]);
    assert_exit(&o, 0);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["shortened"], true);
    assert!(v["total"].as_u64().unwrap() > 0);
    assert!(stderr(&o).contains("only the first 10 words"), "{}", stderr(&o));
    // A limit no index can fill, and an offset past the end.
    assert_exit(&search(&["--limit", "18446744073709551615", "alcohol"]), 0);
    // The page's language is only compared: any text leaves the results
    // in their original language.
    for lang in ["x".repeat(100_000), "\u{202e}tr".to_string(), String::new()] {
        let o = search(&["--json", "--lang", &lang, "alcohol"]);
        assert_exit(&o, 0);
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["hits"][0]["lang"], "en", "{lang:.20}");
    }
    // Unknown facets and places are errors, with a hint.
    let o = search(&["--filter", "topik=addiction", "x"]);
    assert_exit(&o, 1);
    assert!(stderr(&o).contains("no facet `topik`; did you mean `topic`?"), "{}", stderr(&o));
    let o = search(&["--near", "Atlantis", "x"]);
    assert_exit(&o, 1);
    assert!(stderr(&o).contains("no city or region `Atlantis`"), "{}", stderr(&o));
    // A reader that goes away is not an error.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_peerdir"))
        .args(["search", "--site", site.to_str().unwrap(), "--limit", "100", ""])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_exit(&o, 0);
    // Every bit flipped in turn at 300 places of the index: an error, never a panic.
    let dir = site.join("search");
    let index = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pdix"))
        .unwrap();
    let original = fs::read(&index).unwrap();
    for k in 0..300 {
        let bit = (k * 7919 * 13) % (original.len() * 8);
        let mut damaged = original.clone();
        damaged[bit / 8] ^= 1 << (bit % 8);
        fs::write(&index, &damaged).unwrap();
        let o = search(&["alcohol"]);
        assert_exit(&o, 1);
        assert!(
            stderr(&o).contains("damaged") || stderr(&o).contains("index"),
            "bit {bit}: {}",
            stderr(&o)
        );
    }
}

// 9. `serve` answers only this computer's names (no DNS rebinding).

#[test]
fn serve_answers_only_loopback_hosts() {
    use std::io::{BufRead as _, Read as _, Write as _};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_peerdir"))
        .args(["serve", "--port", "0", "--source", fixture("minimal").to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("{line}"))
        .to_string();
    let get = |host: &str| {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        write!(stream, "GET /directory/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    };
    let port = address.rsplit(':').next().unwrap();
    for host in [address.clone(), format!("localhost:{port}"), format!("[::1]:{port}")] {
        assert!(get(&host).starts_with("HTTP/1.1 200"), "{host}");
    }
    for host in [
        format!("attacker.example:{port}"),
        "rebind.attacker.example".to_string(),
        format!("127.0.0.1.nip.io:{port}"),
    ] {
        let answer = get(&host);
        assert!(answer.starts_with("HTTP/1.1 403"), "{host}: {answer}");
        assert!(!answer.contains("<html"), "nothing of the site is sent");
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

// 10. Smaller holes: misleading hints and names.

#[test]
fn names_and_line_endings_get_the_right_hint() {
    let listing = fs::read_to_string(fixture("minimal/specialists/alex-river.md")).unwrap();
    for (name, expect) in [
        (format!("{}.md", "a".repeat(250)), "250 characters long"),
        ("--.md".to_string(), "needs letters or digits"),
        ("Anna de Vries.md".to_string(), "rename the file to `anna-de-vries.md`"),
    ] {
        let case = Case::new();
        case.write(&format!("specialists/{name}"), &listing);
        let d = case.refused(&format!("specialists/{name}"), expect);
        assert!(!d["hint"].as_str().unwrap_or("").contains("`.md`"), "{d}");
    }
    // Old Mac line endings (CR only) are line endings.
    let case = Case::new();
    case.write("specialists/alex-river.md", listing.replace('\n', "\r"));
    let (code, diags) = case.check();
    assert_eq!(code, 0, "{diags:#?}");
    // A region in another script needs Latin letters for its address.
    let case = Case::new();
    let region = listing.lines().find(|l| l.contains("region:")).unwrap().to_string();
    case.write("specialists/alex-river.md", listing.replace(&region, "    region: 北京"));
    let d = case.refused("specialists/alex-river.md", "no Latin letters or digits");
    assert!(d["hint"].as_str().unwrap().contains("Latin letters"), "{d}");
    // Credentials in a web address are neither accepted nor shown.
    let case = Case::new();
    case.write(
        "specialists/alex-river.md",
        listing.replacen(
            "contact:\n",
            "contact:\n  website: https://admin:hunter2@alex.example/\n",
            1,
        ),
    );
    case.refused("specialists/alex-river.md", "user name or password");
}

#[cfg(unix)]
#[test]
fn an_output_folder_that_is_a_link_is_refused() {
    let case = Case::new();
    let real = case.tmp.path().join("real");
    let o = peerdir_within(
        GUARD,
        &root(),
        &["build", "--source", case.content.to_str().unwrap(), "--out", real.to_str().unwrap()],
        &[],
    );
    assert_exit(&o, 0);
    let before = read_site(&real);
    std::os::unix::fs::symlink(&real, case.out()).unwrap();
    let o = case.build(&[]);
    assert_exit(&o, 1);
    assert!(stderr(&o).contains("is a symbolic link"), "{}", stderr(&o));
    assert!(case.out().is_symlink(), "the link is left as it was");
    assert_eq!(read_site(&real), before);
}
