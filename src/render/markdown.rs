//! Markdown bodies to safe HTML: pulldown-cmark renders, raw HTML in the
//! source is shown as text, headings move one level down (the page has its
//! own `h1`), and ammonia keeps only an allow-list of tags and URL schemes.
//! Images are not allowed in bodies: they could load from another origin.

use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// Tags a listing body may use.
const TAGS: &[&str] = &[
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "del",
    "a",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Renders a listing or page body.
pub fn to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Heading { level, id, classes, attrs }) => Event::Start(Tag::Heading { level: lower(level), id, classes, attrs }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => Event::Text("".into()),
        other => other,
    });
    let mut raw = String::new();
    html::push_html(&mut raw, parser);
    clean(&raw)
}

fn clean(html: &str) -> String {
    ammonia::Builder::default()
        .tags(TAGS.iter().copied().collect::<HashSet<_>>())
        .generic_attributes(HashSet::new())
        .tag_attributes(std::iter::once(("a", std::iter::once("href").collect())).collect())
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        assert_eq!(to_html("# Over mij\n\nIk **luister**."), "<h2>Over mij</h2>\n<p>Ik <strong>luister</strong>.</p>\n");
    }

    #[test]
    fn raw_html_is_text() {
        let out = to_html("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)>");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn dangerous_links_and_images_are_dropped() {
        let out = to_html("[x](javascript:alert(1)) ![p](https://tracker.example/p.png) [ok](https://a.example/)");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(!out.contains("tracker"), "{out}");
        assert!(out.contains(r#"<a href="https://a.example/" rel="noopener noreferrer">ok</a>"#), "{out}");
    }
}
