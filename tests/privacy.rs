//! The privacy and safety promises that show in the markup of every page:
//! no-referrer, a strict CSP without inline script, outbound links that
//! carry no referrer, the `_headers` file, and a light home page.

mod common;
use common::*;
use std::io::Write as _;

fn built() -> (tempfile::TempDir, std::collections::BTreeMap<String, Vec<u8>>) {
    let (tmp, out) = build_temp("content");
    let site = read_site(&out);
    (tmp, site)
}

#[test]
fn every_page_carries_the_policies() {
    let (_tmp, site) = built();
    let pages: Vec<_> = site.iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(pages.len() > 100);
    for (path, bytes) in pages {
        let html = String::from_utf8_lossy(bytes);
        assert!(
            html.contains(r#"<meta name="referrer" content="no-referrer">"#),
            "{path}: referrer"
        );
        let csp = html
            .split(r#"<meta http-equiv="Content-Security-Policy" content=""#)
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_else(|| panic!("{path}: no CSP"));
        assert!(
            csp.starts_with("default-src 'none';")
                && csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline") && !csp.contains("http"), "{path}: {csp}");
        for (name, tag) in tags(&html) {
            // No event handler attributes anywhere.
            let handler =
                tag.split_whitespace().skip(1).find(|a| a.starts_with("on") && a.contains('='));
            assert!(handler.is_none(), "{path}: event handler in {tag}");
            let href = attr_values(tag, "href").pop().unwrap_or_default();
            let src = attr_values(tag, "src").pop().unwrap_or_default();
            let foreign = |v: &str| v.starts_with("http") || v.starts_with("//");
            match name.as_str() {
                // JSON-LD is data: the browser never runs it.
                "script" if tag == r#"<script type="application/ld+json">"# => {}
                // Every other script is an external file of the site itself.
                "script" => {
                    assert!(src.starts_with("/assets/"), "{path}: inline or foreign script {tag}")
                }
                // Links to other sites send no referrer and give no opener.
                "a" if foreign(&href) => {
                    let rel = attr_values(tag, "rel").pop().unwrap_or_default();
                    assert!(rel.contains("noreferrer"), "{path}: {tag}");
                    assert!(
                        rel.contains("noopener")
                            || tag.contains("data-quick-exit")
                            || rel == "noreferrer",
                        "{path}: {tag}"
                    );
                }
                // The canonical address and the page's versions in other
                // languages name pages; they load nothing.
                "a" => {}
                "link" if tag.contains("rel=\"canonical\"") => {}
                "link" if tag.contains("rel=\"alternate\" hreflang=") => {}
                // Nothing else may load from another origin.
                _ => assert!(
                    !foreign(&href) && !foreign(&src),
                    "{path}: {tag} loads from another origin"
                ),
            }
        }
    }
}

#[test]
fn headers_file_for_hosts_that_read_it() {
    let (_tmp, site) = built();
    let headers = String::from_utf8(site["_headers"].clone()).unwrap();
    for line in [
        "/*",
        "Content-Security-Policy: default-src 'none';",
        "frame-ancestors 'none'",
        "Referrer-Policy: no-referrer",
        "Permissions-Policy: geolocation=()",
        "X-Content-Type-Options: nosniff",
    ] {
        assert!(headers.contains(line), "_headers lacks {line}:\n{headers}");
    }
}

#[test]
fn the_safety_page_exists_in_both_languages_and_is_linked() {
    let (_tmp, nl) = built();
    let page = String::from_utf8(nl["safety/index.html"].clone()).unwrap();
    assert!(page.contains("<h1>Veilig browsen</h1>") && page.contains("privévenster"));
    assert!(
        String::from_utf8_lossy(&nl["index.html"]).contains("href=\"/safety/\""),
        "linked from the footer"
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("en");
    assert_exit(
        &peerdir(
            &root(),
            &["build", "--source", "tests/fixtures/minimal", "--out", out.to_str().unwrap()],
        ),
        0,
    );
    let page = std::fs::read_to_string(out.join("safety/index.html")).unwrap();
    assert!(page.contains("<h1>Browsing safely</h1>") && page.contains("private window"));
}

fn gzip(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

#[test]
fn home_page_is_light() {
    let (_tmp, site) = built();
    let home = String::from_utf8_lossy(&site["index.html"]).into_owned();
    let mut total = gzip(home.as_bytes());
    for v in attr_values(&home, "src").into_iter().chain(
        attr_values(&home, "href")
            .into_iter()
            .filter(|h| h.ends_with(".css") || h.ends_with(".svg")),
    ) {
        let file = v.trim_start_matches('/');
        total += gzip(&site[file]);
    }
    assert!(total < 30 * 1024, "home page with its CSS and JS is {total} bytes gzipped");
}
