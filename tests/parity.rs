//! One engine, two builds: the same queries through the native engine
//! (`peerdir search`) and through the WebAssembly engine, run by node from
//! the built site's own files, return the same listings in the same order
//! with the same scores (to the last bit of a logarithm) and texts.

mod common;
use common::*;
use std::io::Write as _;
use std::process::{Command, Stdio};

/// (words, filters as (facet, value), near, the page's language)
type Query =
    (&'static str, &'static [(&'static str, &'static str)], Option<&'static str>, &'static str);

const QUERIES: &[Query] = &[
    ("verslavingen", &[], None, ""),
    ("verslaving", &[], None, ""),
    ("depresie", &[], None, ""),
    ("depressie", &[], None, ""),
    ("alcohl", &[], None, ""),
    ("gokken", &[], None, ""),
    ("gamen jongeren", &[], None, ""),
    ("\"eerste maanden\"", &[], None, ""),
    ("\"lotgenoten\" online", &[], None, ""),
    ("psychose", &[], None, ""),
    ("psychosis", &[], None, ""),
    ("depression", &[], None, ""),
    ("Arabisch", &[], None, ""),
    ("utrecht", &[], None, ""),
    ("maatje", &[], None, ""),
    ("trauma", &[("region", "Noord-Holland")], None, ""),
    ("", &[("topic", "addiction")], None, ""),
    ("", &[("topic", "addiction"), ("region", "Limburg")], None, ""),
    ("", &[("type", "program"), ("cost", "free")], None, ""),
    ("", &[("language", "tr"), ("language", "ar")], None, ""),
    ("alcohol", &[], Some("Maastricht"), ""),
    ("", &[("topic", "mental-health")], Some("Groningen"), ""),
    ("herstel", &[("mode", "online")], Some("utrecht"), ""),
    ("de het een", &[], None, ""),
    // Another form of a word of a listing's Turkish, Arabic and Polish
    // texts, searched from the page in that language: two edits away, so
    // found by the language's stemmer, not by typo tolerance.
    ("tramvayda", &[], None, "tr"),
    ("الشوارع", &[], None, "ar"),
    ("sezonowych", &[], None, "pl"),
    ("Харкова", &[], None, "uk"),
];

fn native(site: &std::path::Path, (q, filters, near, lang): &Query) -> serde_json::Value {
    let mut args = vec![
        "search".to_string(),
        "--site".into(),
        site.display().to_string(),
        "--json".into(),
        "--limit".into(),
        "50".into(),
    ];
    for (f, v) in filters.iter() {
        args.push("--filter".into());
        args.push(format!("{f}={v}"));
    }
    if let Some(n) = near {
        args.push("--near".into());
        args.push(n.to_string());
    }
    args.push(format!("--lang={lang}"));
    args.extend(q.split_whitespace().map(str::to_string));
    let o = peerdir(&root(), &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_exit(&o, 0);
    serde_json::from_str(&stdout(&o)).unwrap()
}

fn request((q, filters, near, lang): &Query) -> serde_json::Value {
    let filters: Vec<_> = filters
        .iter()
        .map(|(facet, value)| serde_json::json!({ "facet": facet, "value": value }))
        .collect();
    serde_json::json!({ "q": q, "filters": filters, "near": near, "limit": 50, "lang": lang })
}

#[test]
fn native_and_wasm_rank_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("public");
    assert_exit(
        &peerdir(&root(), &["build", "--source", "content", "--out", site.to_str().unwrap()]),
        0,
    );
    let requests: Vec<serde_json::Value> = QUERIES.iter().map(request).collect();
    let mut node = Command::new("node")
        .arg(root().join("tests/e2e/parity.mjs"))
        .arg(&site)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    node.stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&requests).unwrap().as_bytes())
        .unwrap();
    let out = node.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let wasm: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(wasm.len(), QUERIES.len());
    let mut nonempty = 0;
    for (query, browser) in QUERIES.iter().zip(&wasm) {
        let native = native(&site, query);
        let list = |r: &serde_json::Value| -> Vec<(String, String, String, f64)> {
            r["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    (
                        h["url"].as_str().unwrap().to_string(),
                        h["summary"].as_str().unwrap().to_string(),
                        h["lang"].as_str().unwrap().to_string(),
                        h["score"].as_f64().unwrap(),
                    )
                })
                .collect()
        };
        let (ours, theirs) = (list(&native), list(browser));
        let texts = |l: &[(String, String, String, f64)]| {
            l.iter().map(|(u, s, lang, _)| (u.clone(), s.clone(), lang.clone())).collect::<Vec<_>>()
        };
        assert_eq!(texts(&ours), texts(&theirs), "{query:?}");
        // The same arithmetic; only the last bit of a logarithm may differ
        // between the platforms' maths libraries.
        for (a, b) in ours.iter().zip(&theirs) {
            assert!((a.3 - b.3).abs() <= 1e-5 * a.3.abs().max(1.0), "{query:?}: {a:?} {b:?}");
        }
        assert_eq!(native["total"], browser["total"], "{query:?}");
        assert_eq!(native["facets"], browser["facets"], "{query:?}");
        assert_eq!(native["near"], browser["near"], "{query:?}");
        nonempty += usize::from(!ours.is_empty());
    }
    assert!(nonempty >= 20, "only {nonempty} queries found anything");
    for (word, lang, url) in [
        ("tramvayda", "tr", "specialists/fatma-yilmaz/"),
        ("الشوارع", "ar", "specialists/mohamed-el-idrissi/"),
        ("sezonowych", "pl", "specialists/tomasz-nowak/"),
    ] {
        let found = native(&site, &(word, &[], None, lang));
        assert_eq!(found["hits"][0]["url"], url, "{word}");
        assert_eq!(found["hits"][0]["lang"], lang, "{word}: the summary in the page's language");
        let snippet = found["hits"][0]["snippet"].as_str().unwrap();
        assert!(snippet.contains("<b>"), "{word}: the other form is marked: {snippet}");
        let from_dutch = native(&site, &(word, &[], None, "nl"));
        assert_eq!(from_dutch["hits"][0]["url"], url, "{word} from the Dutch page");
        assert_ne!(from_dutch["hits"][0]["lang"], lang, "{word}: the original from the Dutch page");
    }
}
