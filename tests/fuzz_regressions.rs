//! Inputs kept from fuzzing (`fuzz/regressions/`), replayed on every test
//! run: listings must load without a panic, Markdown must render inert.
//! The injection payloads are replayed as Markdown too.

mod common;
use common::*;
use peerdir::markdown::{to_html, unsafe_markup};
use std::fs;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = root().join("fuzz/regressions").join(target);
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn front_matter_regressions_load_without_panic() {
    let cases = inputs("front_matter");
    assert!(!cases.is_empty());
    for (name, bytes) in cases {
        let (_tmp, content) = temp_copy(&fixture("minimal"));
        fs::write(content.join("specialists/fuzz.md"), &bytes).unwrap();
        fs::write(content.join("programs/fuzz.md"), &bytes).unwrap();
        let o = peerdir(&root(), &["check", "--source", content.to_str().unwrap()]);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{name}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{name}: {}", stderr(&o));
    }
}

#[test]
fn markdown_regressions_and_payloads_render_inert() {
    let mut cases = inputs("markdown");
    assert!(!cases.is_empty());
    cases.extend(corpus::payloads().into_iter().map(|p| (p.clone(), p.into_bytes())));
    for (name, bytes) in cases {
        let text = String::from_utf8_lossy(&bytes);
        for top in [2, 3] {
            let Ok(html) = to_html(&text, top) else { continue };
            assert_eq!(unsafe_markup(&html), None, "{name}:\n{html}");
        }
    }
}
