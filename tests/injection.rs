//! Untrusted listings: hostile payloads in every text field and body are
//! either rejected or rendered inert, and link fields accept only web
//! addresses. Every output page is read with the HTML standard's tokenizer.

mod common;
use common::*;

/// The only elements the site's own templates and the Markdown allow-list
/// produce.
const ALLOWED: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "link",
    "script",
    "body",
    "a",
    "div",
    "header",
    "nav",
    "main",
    "footer",
    "article",
    "section",
    "ul",
    "ol",
    "li",
    "p",
    "span",
    "strong",
    "bdi",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "hr",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dl",
    "dt",
    "dd",
    "img",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];

/// Elements only the search page and the home page (its search form) have.
const SEARCH_PAGE: &[&str] = &[
    "form", "label", "input", "button", "datalist", "option", "details", "summary", "fieldset",
    "legend", "noscript",
];

const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "srcdoc",
    "background",
    "poster",
    "srcset",
];

/// `javascript:`, `data:` or `vbscript:` as a browser would read it
/// (whitespace and control characters inside the scheme are ignored).
fn dangerous(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "data:", "vbscript:"].iter().any(|s| cleaned.starts_with(s))
}

/// Everything wrong with one page.
fn problems(path: &str, html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in start_tags(html) {
        let attr = |n: &str| tag.attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        let shown = format!("{path}: <{} {:?}>", tag.name, tag.attrs);
        // The pages in Dutch are the same under `nl/`.
        let page = path.strip_prefix("nl/").unwrap_or(path);
        let search_page = matches!(page, "search/index.html" | "index.html")
            && SEARCH_PAGE.contains(&tag.name.as_str());
        if !ALLOWED.contains(&tag.name.as_str()) && !search_page {
            out.push(format!("{shown}: element not allowed"));
        }
        // The site's own icon is an inline SVG image, so that it needs no request.
        let own_icon = tag.name == "link"
            && attr("rel") == Some("icon")
            && attr("href").is_some_and(|h| h.starts_with("data:image/svg+xml,"));
        for (name, value) in tag.attrs.iter().filter(|_| !own_icon) {
            if name.starts_with("on") {
                out.push(format!("{shown}: event handler"));
            }
            if URL_ATTRS.contains(&name.as_str()) && dangerous(value) {
                out.push(format!("{shown}: dangerous address"));
            }
        }
        let ok = match tag.name.as_str() {
            "script" if attr("type") == Some("application/ld+json") => tag.attrs.len() == 1,
            "script" => {
                attr("src").is_some_and(|s| s.starts_with("/assets/"))
                    && tag.attrs.iter().all(|(k, _)| k == "src" || k == "defer")
            }
            "img" => attr("src").is_some_and(|s| s.starts_with("/media/")),
            "link" => {
                matches!(attr("rel"), Some("stylesheet" | "icon" | "canonical"))
                    || (attr("rel") == Some("alternate")
                        && matches!(attr("href"), Some("/feed.xml" | "/nl/feed.xml")))
                    // The page in each language, on the site itself.
                    || (attr("rel") == Some("alternate")
                        && attr("hreflang").is_some()
                        && attr("href").is_some_and(|h| h.starts_with("https://corpus.example/")))
                    // The search page preloads the engine and the index.
                    || (page == "search/index.html"
                        && attr("rel") == Some("preload")
                        && attr("as") == Some("fetch")
                        && attr("href").is_some_and(|h| {
                            h.starts_with("/search/") && (h.ends_with(".wasm") || h.ends_with(".pdix"))
                        }))
            }
            "meta" => attr("http-equiv").is_none_or(|h| h == "Content-Security-Policy"),
            _ => true,
        };
        if !ok {
            out.push(format!("{shown}: not one of the site's own"));
        }
    }
    for block in json_ld_blocks(html) {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(block) {
            out.push(format!("{path}: JSON-LD cut short or broken ({e}): {block}"));
        }
    }
    out
}

#[test]
fn payloads_in_every_text_field_are_inert() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    corpus::write(&content);
    let out = tmp.path().join("public");
    build_site(&content, &out);
    let site = read_site(&out);
    let pages: Vec<(&String, String)> = site
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8_lossy(b).into_owned()))
        .collect();
    let payloads = corpus::payloads();
    assert!(payloads.len() >= 60, "{} payloads", payloads.len());
    assert!(pages.len() > 3 * payloads.len(), "{} pages", pages.len());
    let all: Vec<String> = pages.iter().flat_map(|(p, h)| problems(p, h)).collect();
    assert!(all.is_empty(), "{} problems:\n{}", all.len(), all[..all.len().min(40)].join("\n"));
    // The machine-readable files stay well-formed with the payloads in them.
    for xml in ["feed.xml", "sitemap.xml"] {
        roxmltree::Document::parse(&String::from_utf8_lossy(&site[xml]))
            .unwrap_or_else(|e| panic!("{xml}: {e}"));
    }
    let api: serde_json::Value = serde_json::from_slice(&site["api/listings.json"]).unwrap();
    assert!(
        api["listings"].as_array().unwrap().iter().any(|l| l["name"] == payloads[0]),
        "names kept exactly in the API"
    );
    let hsds: serde_json::Value = serde_json::from_slice(&site["api/hsds/services.json"]).unwrap();
    assert!(
        hsds.as_array().unwrap().iter().any(|s| s["name"] == payloads[0]),
        "names kept exactly in the HSDS export"
    );
    for name in ["organizations", "locations"] {
        serde_json::from_slice::<serde_json::Value>(&site[&format!("api/hsds/{name}.json")])
            .unwrap();
    }
    // Inert, not merely dropped: the text is shown as text.
    let first = &site["specialists/s-0/index.html"];
    assert!(String::from_utf8_lossy(first).contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;"));
    // The Dutch pages show the translations, which hold the same payloads.
    let dutch = String::from_utf8_lossy(&site["nl/specialists/s-0/index.html"]).into_owned();
    assert!(
        dutch.contains("<p class=\"lead\">&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        "{dutch}"
    );
    // JSON-LD keeps every payload as the same text, whole, inside its element.
    for (i, payload) in payloads.iter().enumerate() {
        let page =
            String::from_utf8_lossy(&site[&format!("specialists/s-{i}/index.html")]).into_owned();
        let blocks = json_ld_blocks(&page);
        assert_eq!(blocks.len(), 1, "one JSON-LD block on specialists/s-{i}/");
        let data: serde_json::Value = serde_json::from_str(blocks[0]).unwrap();
        assert_eq!(data["name"], payload.as_str(), "JSON-LD name of specialists/s-{i}/");
    }
    let template = payloads.iter().position(|p| p == "{{ 7*7 }}").unwrap();
    let page = String::from_utf8_lossy(&site[&format!("specialists/s-{template}/index.html")])
        .into_owned();
    assert!(page.contains("<h1>{{ 7*7 }}"), "template syntax in content is text");
}

#[test]
fn the_checker_sees_the_same_attacks() {
    // Sanity check of the page checker itself, so a pass above means something.
    let bad = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\" java\tscript:alert(1)\">x</a>",
        "<svg><a xlink:href=\"javascript:alert(1)\"></a></svg>",
        "<iframe srcdoc=\"x\"></iframe>",
        "<meta http-equiv=refresh content=\"0;url=data:text/html,x\">",
        "<p STYLE=x OnClick=alert(1)>",
        "<script type=\"application/ld+json\">{\"name\": \"</script><script>alert(1)</script>\"}</script>",
        "<script type=\"application/ld+json\" src=\"/x.js\"></script>",
    ];
    for html in bad {
        assert!(!problems("t", html).is_empty(), "not caught: {html}");
    }
    assert!(problems(
        "t",
        "<p><a href=\"https://ok.example/\" rel=\"noopener noreferrer\">ok</a></p>"
    )
    .is_empty());
    assert!(problems(
        "t",
        "<script type=\"application/ld+json\">{\"name\": \"\\u003c/script\\u003e\"}</script>"
    )
    .is_empty());
}

#[test]
fn dangerous_addresses_are_rejected_naming_the_field() {
    let urls = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "ftp://evil.example/",
        "mailto:x@corpus.example",
        "evil.example",
    ];
    for field in ["website", "form"] {
        for url in urls {
            let (_tmp, content) = temp_copy(&fixture("minimal"));
            let path = content.join("specialists/alex-river.md");
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text.replace(
                "  email: alex@example.org",
                &format!(
                    "  email: alex@example.org\n  {field}: {}",
                    serde_json::to_string(url).unwrap()
                ),
            );
            std::fs::write(&path, text).unwrap();
            let o = peerdir(
                &root(),
                &["check", "--format", "json", "--source", content.to_str().unwrap()],
            );
            assert_exit(&o, 1);
            let diags: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
            let named = diags.iter().any(|d| {
                d["file"].as_str().unwrap().ends_with("alex-river.md")
                    && d["line"] == 12
                    && d["message"].as_str().unwrap().contains(&format!("`contact.{field}`"))
            });
            assert!(named, "{field} = {url:?} not rejected by name:\n{}", stdout(&o));
        }
    }
}
