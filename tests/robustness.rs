//! Malformed files never panic: each gets a clear error at its place (or,
//! for a BOM and CRLF line endings, is read correctly), and the other files
//! are still checked.

mod common;
use common::*;
use std::fs;

/// Adds `specialists/odd.md` with `bytes` to a copy of the minimal fixture,
/// runs `check --format json`, and returns the diagnostics for that file.
fn check_with(bytes: &[u8]) -> (i32, Vec<serde_json::Value>) {
    let (_tmp, content) = temp_copy(&fixture("minimal"));
    fs::write(content.join("specialists/odd.md"), bytes).unwrap();
    // A second broken file shows that checking goes on past the first.
    fs::write(content.join("specialists/zz-other.md"), "---\nname: Z\nbogus: 1\n---\n").unwrap();
    let o = peerdir(&root(), &["check", "--format", "json", "--source", content.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    let diags: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).expect("JSON output");
    assert!(
        diags.iter().any(|d| d["file"].as_str().unwrap().ends_with("zz-other.md")
            && d["message"].as_str().unwrap().contains("bogus")),
        "other files are still checked"
    );
    let mine =
        diags.into_iter().filter(|d| d["file"].as_str().unwrap().ends_with("odd.md")).collect();
    (o.status.code().unwrap(), mine)
}

fn only_error(bytes: &[u8]) -> serde_json::Value {
    let (code, diags) = check_with(bytes);
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    diags.into_iter().next().unwrap()
}

fn message(d: &serde_json::Value) -> String {
    format!("{} {}", d["message"].as_str().unwrap(), d["hint"].as_str().unwrap_or(""))
}

const GOOD: &str = "---\nname: Odd\nsummary: Fine.\ntopics: [addiction]\nlanguages: [en]\nlocations: []\nmodes: [phone]\ncontact:\n  phone: \"988\"\nconsent:\n  date: 2025-01-01\n  scope: listing\nreviewed: 2026-06-01\n---\nBody.\n";

#[test]
fn empty_file() {
    let d = only_error(b"");
    assert!(message(&d).contains("the file is empty"), "{d}");
    let d = only_error(b"  \n\n");
    assert!(message(&d).contains("empty"));
}

#[test]
fn file_without_front_matter() {
    let d = only_error(b"# Just markdown\n\nHello.\n");
    assert!(message(&d).contains("no front matter"));
    assert_eq!((d["line"].as_u64(), d["col"].as_u64()), (Some(1), Some(1)));
}

#[test]
fn unterminated_front_matter() {
    let d = only_error(b"---\nname: Odd\nsummary: never closed\n");
    assert!(message(&d).contains("never closed"));
    assert_eq!(d["line"], 1);
}

#[test]
fn invalid_yaml() {
    let d = only_error(b"---\nname: Odd\ntopics: [addiction\nsummary: x\n---\n");
    assert!(message(&d).contains("invalid YAML"), "{d}");
    assert!(d["line"].as_u64().unwrap() >= 3, "{d}");
    let d = only_error(b"---\nname: \"unclosed\nsummary: x\n---\n");
    assert!(message(&d).contains("invalid YAML"), "{d}");
    let d = only_error(b"---\n- a list\n- not fields\n---\n");
    assert!(message(&d).contains("`field: value`"), "{d}");
}

#[test]
fn invalid_utf8() {
    let d = only_error(b"---\nname: Odd\nsummary: caf\xe9 latin-1\n---\n");
    assert!(message(&d).contains("UTF-8"));
    assert_eq!((d["line"].as_u64(), d["col"].as_u64()), (Some(3), Some(13)));
}

#[test]
fn byte_order_mark_is_accepted() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(GOOD.as_bytes());
    let (_, diags) = check_with(&bytes);
    assert!(diags.is_empty(), "{diags:#?}");
    // Positions stay right after the mark.
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(GOOD.replace("[addiction]", "[adiction]").as_bytes());
    let d = only_error(&bytes);
    assert_eq!((d["line"].as_u64(), d["col"].as_u64()), (Some(4), Some(10)));
}

#[test]
fn crlf_line_endings_are_accepted() {
    let (_, diags) = check_with(GOOD.replace('\n', "\r\n").as_bytes());
    assert!(diags.is_empty(), "{diags:#?}");
    let d = only_error(GOOD.replace("[addiction]", "[adiction]").replace('\n', "\r\n").as_bytes());
    assert_eq!((d["line"].as_u64(), d["col"].as_u64()), (Some(4), Some(10)));
    assert!(message(&d).contains("did you mean `addiction`"));
}

#[test]
fn tabs_for_indentation() {
    let d = only_error(GOOD.replace("  phone:", "\tphone:").as_bytes());
    assert!(message(&d).contains("tabs"), "{d}");
    assert_eq!(d["line"], 9);
}

#[test]
fn a_five_megabyte_listing() {
    let mut big = GOOD.as_bytes().to_vec();
    big.extend(std::iter::repeat_n(b'a', 5 * 1024 * 1024));
    let d = only_error(&big);
    assert!(message(&d).contains("limited to"), "{d}");
}

#[test]
fn binary_garbage_and_odd_names() {
    let d = only_error(&[0u8, 159, 146, 150, 255, 0, 1, 2]);
    assert!(message(&d).contains("UTF-8") || message(&d).contains("front matter"), "{d}");
    let (_tmp, content) = temp_copy(&fixture("minimal"));
    fs::write(content.join("specialists/Bad Name.md"), GOOD).unwrap();
    let o = peerdir(&root(), &["check", "--source", content.to_str().unwrap()]);
    assert_exit(&o, 1);
    assert!(stdout(&o).contains("rename the file to `bad-name.md`"), "{}", stdout(&o));
}

#[test]
fn broken_site_and_taxonomy_files() {
    let (_tmp, content) = temp_copy(&fixture("minimal"));
    fs::write(content.join("site.yaml"), "title: [\n").unwrap();
    fs::write(content.join("taxonomy.yaml"), "topics:\n  - key: a\n    labl: {en: A}\n").unwrap();
    let o = peerdir(
        &root(),
        &["build", "--source", content.to_str().unwrap(), "--out", "/nonexistent/never"],
    );
    assert_exit(&o, 1);
    let err = stderr(&o);
    assert!(err.contains("site.yaml:") && err.contains("invalid YAML"), "{err}");
    assert!(err.contains("taxonomy.yaml:3:5: error: unknown field `topics[0].labl`"), "{err}");
    fs::remove_file(content.join("site.yaml")).unwrap();
    let o = peerdir(&root(), &["check", "--source", content.to_str().unwrap()]);
    assert_exit(&o, 1);
    assert!(stdout(&o).contains("`site.yaml` is missing"));
}

#[test]
fn bad_site_settings_are_located() {
    let (_tmp, content) = temp_copy(&fixture("minimal"));
    let site = fs::read_to_string(content.join("site.yaml")).unwrap();
    let site = site
        .replace("https://org.github.io/directory/", "org.github.io")
        .replace("language: en", "language: fr")
        .replace("\"988\"", "help");
    fs::write(content.join("site.yaml"), site).unwrap();
    let taxonomy = fs::read_to_string(content.join("taxonomy.yaml"))
        .unwrap()
        .replace("key: addiction/alcohol", "key: Addiction/Alcohol");
    fs::write(content.join("taxonomy.yaml"), taxonomy).unwrap();
    let o = peerdir(&root(), &["check", "--source", content.to_str().unwrap()]);
    assert_exit(&o, 1);
    let out = stdout(&o);
    assert!(out.contains("site.yaml:2:11: error: `base_url`: not a web address"), "{out}");
    assert!(
        out.contains("site.yaml:3:11: error: there is no interface translation for `fr`"),
        "{out}"
    );
    assert!(out.contains("site.yaml:6:12: error: `help` cannot be dialled"), "{out}");
    assert!(out.contains("taxonomy.yaml:4:10: error: topic key `Addiction/Alcohol`"), "{out}");
}
