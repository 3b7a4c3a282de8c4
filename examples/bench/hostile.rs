//! Hostile content at the example's size: the example directory with one
//! file a contributor could send, as large as the limits allow, shaped to
//! cost the most (nesting that made the parsers' time grow with its
//! square, the deepest nesting accepted repeated to the size limit, the
//! largest image accepted). Each is checked and built with the release
//! binary; refused or built, each must be answered quickly.

use crate::measure::{self, Run};
use std::path::Path;
use std::process::Command;

/// One hostile file: its name, where it goes and its bytes.
pub(crate) struct Case {
    pub name: &'static str,
    pub file: &'static str,
    pub bytes: Vec<u8>,
}

/// What `check` and `build` did with one case.
pub(crate) struct Outcome {
    pub name: &'static str,
    pub size: usize,
    pub check: Run,
    pub check_code: i32,
    pub build: Run,
    pub build_code: i32,
}

const LISTING: &str = "---\nname: Hostile\nsummary: A listing as large as allowed.\ntopics: [addiction]\nlanguages: [nl]\nlocations: []\nmodes: [phone]\ncontact:\n  email: h@herstel.example\nconsent:\n  date: 2025-01-01\n  scope: vermelding\nreviewed: 2026-06-01\n---\n";

/// Lines of `line` joined until the file would pass `limit` bytes.
fn up_to(head: &str, line: &str, sep: &str, limit: usize) -> Vec<u8> {
    let mut out = String::from(head);
    while out.len() + line.len() + sep.len() < limit {
        out.push_str(line);
        out.push_str(sep);
    }
    out.into_bytes()
}

/// A PNG of `w` x `h` pixels, all one colour: tiny on disk, large decoded.
fn flat_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::new_rgb8(w, h)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encodes");
    out
}

pub(crate) fn cases() -> Vec<Case> {
    const MB: usize = 1024 * 1024 - 64;
    // The value of `summary`: lines of openers, to the size limit.
    let nested = |open: &str| {
        let mut bytes =
            up_to("---\nname: Hostile\nsummary: ", &open.repeat(19_000 / open.len()), "\n", MB - 8);
        bytes.extend_from_slice(b"---\n");
        bytes
    };
    vec![
        Case {
            name: "YAML: `[` nested across lines, to 1 MB",
            file: "specialists/nested.md",
            bytes: nested("["),
        },
        Case {
            name: "YAML: `{` nested across lines, to 1 MB",
            file: "specialists/nested.md",
            bytes: nested("{"),
        },
        Case {
            name: "YAML: `- ` nested in one line",
            file: "specialists/nested.md",
            bytes: format!("---\nname: Hostile\nsummary:\n  {}x\n---\n", "- ".repeat(9_999))
                .into_bytes(),
        },
        Case {
            name: "Markdown: lists 10,000 deep, to 1 MB",
            file: "specialists/nested.md",
            bytes: up_to(LISTING, &format!("{}x", "- ".repeat(9_999)), "\n\n", MB),
        },
        Case {
            name: "Markdown: quotes 10,000 deep, to 1 MB",
            file: "specialists/nested.md",
            bytes: up_to(LISTING, &format!("{}x", "> ".repeat(9_999)), "\n\n", MB),
        },
        Case {
            name: "Markdown: the deepest accepted, to 1 MB",
            file: "specialists/deep.md",
            bytes: up_to(
                LISTING,
                &format!("{}*x* [y](https://a.example/)", "- ".repeat(15)),
                "\n\n",
                MB,
            ),
        },
        Case {
            name: "Markdown: 1 MB of text",
            file: "specialists/long.md",
            bytes: up_to(LISTING, &"herstel ".repeat(2_000), "\n\n", MB),
        },
        Case {
            name: "Image: 48 megapixels",
            file: "media/large.png",
            bytes: flat_png(8_000, 6_000),
        },
    ]
}

/// Checks and builds the example with each case added, with `bin`.
pub(crate) fn measure(bin: &Path, repo: &Path, work: &Path) -> Vec<Outcome> {
    cases()
        .into_iter()
        .map(|case| {
            let content = work.join("hostile/content");
            let _ = std::fs::remove_dir_all(work.join("hostile"));
            copy(&repo.join("content"), &content);
            let path = content.join(case.file);
            std::fs::write(&path, &case.bytes).expect("writing the case");
            eprintln!("hostile content: {}", case.name);
            let run = |args: &[&str]| {
                let mut c = Command::new(bin);
                c.args(args).arg("--source").arg(&content).env("SOURCE_DATE_EPOCH", "1795996800");
                let (run, code, _) = measure::run_to_end(&mut c).unwrap_or_else(|e| panic!("{e}"));
                (run, code)
            };
            let (check, check_code) = run(&["check"]);
            let out = work.join("hostile/public");
            let (build, build_code) = run(&["build", "--out", out.to_str().expect("a UTF-8 path")]);
            Outcome {
                name: case.name,
                size: case.bytes.len(),
                check,
                check_code,
                build,
                build_code,
            }
        })
        .collect()
}

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walks the example");
        let dest = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("makes a folder");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copies a file");
        }
    }
}
