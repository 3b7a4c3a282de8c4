//! Helpers shared by the integration tests: running the `peerdir` binary,
//! copying fixtures, reading a built site and checking its links.

#![allow(dead_code)]

pub(crate) mod corpus;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixed build date (2026-11-30) so review warnings do not drift.
pub(crate) const EPOCH: &str = "1795996800";

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// Runs `peerdir` with `args` in `cwd`.
pub(crate) fn peerdir(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peerdir"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("peerdir runs")
}

/// Runs `peerdir` with `args` in `cwd` and the extra environment `env`,
/// killing it if it runs longer than `limit` (a hang fails the test).
pub(crate) fn peerdir_within(
    limit: std::time::Duration,
    cwd: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> Output {
    use std::io::Read as _;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_peerdir"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("peerdir runs");
    // Both pipes are read on threads of their own, so a full pipe never
    // holds the process up.
    let read = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = read(Box::new(child.stdout.take().unwrap()));
    let err = read(Box::new(child.stderr.take().unwrap()));
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("peerdir {args:?} ran for more than {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    Output { status, stdout: out.join().unwrap(), stderr: err.join().unwrap() }
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts the process ended by itself (no panic, no signal) with `code`.
pub(crate) fn assert_exit(o: &Output, code: i32) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "peerdir panicked:\n{err}");
    assert_eq!(o.status.code(), Some(code), "stdout:\n{}\nstderr:\n{err}", stdout(o));
}

/// Copies a folder recursively.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A temporary copy of a fixture (or of the example `content/`).
pub(crate) fn temp_copy(src: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("content");
    copy_dir(src, &dir);
    (tmp, dir)
}

/// A copy of the example content folder as a site in the one interface
/// language `lang`, instead of the example's six. Its listings stay in
/// Dutch: those that do not say their language now say `lang: nl`.
pub(crate) fn example_in(lang: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, content) = temp_copy(&root().join("content"));
    let site = fs::read_to_string(content.join("site.yaml")).unwrap();
    let line = site.lines().find(|l| l.starts_with("languages:")).expect("the example's languages");
    fs::write(content.join("site.yaml"), site.replace(line, &format!("language: {lang}"))).unwrap();
    for kind in ["specialists", "programs"] {
        for slug in slugs(&content.join(kind)) {
            let path = content.join(kind).join(format!("{slug}.md"));
            let text = fs::read_to_string(&path).unwrap();
            let (front, body) = text[4..].split_once("\n---\n").unwrap();
            if !front.lines().any(|l| l.starts_with("lang:")) {
                fs::write(&path, format!("---\n{front}\nlang: nl\n---\n{body}")).unwrap();
            }
        }
    }
    (tmp, content)
}

/// Every file of a built site, by path relative to it.
pub(crate) fn read_site(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The values of `attr="..."` in an HTML text, entity-decoded for `&amp;`.
pub(crate) fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect()
}

/// Internal links of a page, as site-relative paths (with any fragment).
pub(crate) fn internal_links(html: &str, base: &str) -> Vec<String> {
    let mut out = Vec::new();
    for v in attr_values(html, "href").into_iter().chain(attr_values(html, "src")) {
        if v.starts_with('#') || v.contains(':') {
            continue;
        }
        assert!(v.starts_with(base), "link {v} does not start with the base path {base}");
        out.push(v[base.len()..].to_string());
    }
    out
}

/// The file an address resolves to, if the site has it.
pub(crate) fn resolve(site: &BTreeMap<String, Vec<u8>>, address: &str) -> Option<String> {
    let path = address.split('#').next().unwrap();
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    site.contains_key(&file).then_some(file)
}

/// Checks every internal link and fragment of every HTML page; returns the
/// broken ones as `page -> link`.
pub(crate) fn broken_links(site: &BTreeMap<String, Vec<u8>>, base: &str) -> Vec<String> {
    let mut broken = Vec::new();
    for (page, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for link in internal_links(&html, base) {
            match resolve(site, &link) {
                None => broken.push(format!("{page} -> {link}")),
                Some(file) => {
                    if let Some((_, frag)) = link.split_once('#') {
                        let target = String::from_utf8_lossy(&site[&file]);
                        if !target.contains(&format!("id=\"{frag}\"")) {
                            broken.push(format!("{page} -> {link} (no such id)"));
                        }
                    }
                }
            }
        }
        for frag in attr_values(&html, "href").iter().filter_map(|h| h.strip_prefix('#')) {
            if !html.contains(&format!("id=\"{frag}\"")) {
                broken.push(format!("{page} -> #{frag} (no such id)"));
            }
        }
    }
    broken
}

/// The pages reachable by following links from the home page.
pub(crate) fn crawl(site: &BTreeMap<String, Vec<u8>>, base: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from(["index.html".to_string()]);
    while let Some(page) = queue.pop_front() {
        if !seen.insert(page.clone()) || !page.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&site[&page]).into_owned();
        for link in internal_links(&html, base) {
            if let Some(file) = resolve(site, &link) {
                queue.push_back(file);
            }
        }
    }
    seen
}

/// Slugs of the `.md` files in a content subfolder.
pub(crate) fn slugs(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The start tags of an HTML text: `(name, whole tag text)`.
pub(crate) fn tags(html: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !name.is_empty() {
            out.push((name, tag));
        }
        rest = &rest[end..];
    }
    out
}

/// A start tag as a browser's tokenizer sees it: lowercase name and
/// attributes (name, decoded value).
pub(crate) struct StartTag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

/// Every start tag of an HTML document, read by html5ever's tokenizer (the
/// HTML standard's tokenizer), so entity tricks and odd spacing are seen as
/// a browser sees them. Script contents are tokenized as markup too, which
/// can only find more tags, never fewer.
pub(crate) fn start_tags(html: &str) -> Vec<StartTag> {
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::RefCell;

    struct Sink(RefCell<Vec<StartTag>>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if let Token::TagToken(tag) = token {
                if tag.kind == TagKind::StartTag {
                    let attrs = tag
                        .attrs
                        .iter()
                        .map(|a| (a.name.local.to_string(), a.value.to_string()))
                        .collect();
                    self.0.borrow_mut().push(StartTag { name: tag.name.to_string(), attrs });
                }
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Vec::new())), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(html5ever::tendril::StrTendril::from(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// Builds the content folder `source` (relative to the repository, or
/// absolute) into `out`, which must succeed.
pub(crate) fn build_site(source: &Path, out: &Path) {
    assert_exit(
        &peerdir(
            &root(),
            &["build", "--source", source.to_str().unwrap(), "--out", out.to_str().unwrap()],
        ),
        0,
    );
}

/// Builds `source` (relative to the repository) into a new temporary
/// folder; returns the folder (removed when dropped) and the site in it.
pub(crate) fn build_temp(source: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_site(Path::new(source), &out);
    (tmp, out)
}

/// The texts of the `<script type="application/ld+json">` elements of a
/// page, each ending where a browser ends it (at the first `</script`).
pub(crate) fn json_ld_blocks(html: &str) -> Vec<&str> {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    html.match_indices(OPEN)
        .map(|(i, _)| {
            let rest = &html[i + OPEN.len()..];
            let end = rest.to_ascii_lowercase().find("</script").unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}
