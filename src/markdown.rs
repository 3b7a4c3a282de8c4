//! Markdown bodies to safe HTML: pulldown-cmark renders, raw HTML in the
//! source is shown as text, headings are moved to fit under the page's own
//! headings, and ammonia keeps only an allow-list of tags and URL schemes.
//! Images are not allowed in bodies: they could load from another origin.

use crate::content::model::{Kind, Listing};
use crate::content::source::SourceFile;
use crate::content::{Directory, Entry};
use crate::diag::Diagnostic;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

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

fn level_number(level: HeadingLevel) -> usize {
    level as usize
}

fn heading(n: usize) -> HeadingLevel {
    HeadingLevel::try_from(n.clamp(1, 6)).unwrap_or(HeadingLevel::H6)
}

/// Deepest nesting of lists, list items, quotes, emphasis and links in a
/// body. Real text needs a handful of levels; thousands (`- - - - ...`)
/// would make the HTML sanitizer's work grow with the square of the depth.
pub const MAX_NESTING: usize = 32;

/// A body nested deeper than [`MAX_NESTING`], at this byte of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep(pub usize);

impl TooDeep {
    /// The problem placed in the file whose body it is in.
    pub fn at(self, file: &SourceFile) -> Diagnostic {
        let start = file.text.len() - file.body.len() + self.0.min(file.body.len());
        let (line, col) = crate::content::source::line_col(&file.text, start);
        TooDeep::placed(file, line, col)
    }

    /// The problem placed at `line` and `col` of `file`: the start of the
    /// front matter value that holds the text.
    pub fn placed(file: &SourceFile, line: usize, col: usize) -> Diagnostic {
        let msg = format!(
            "the text nests lists, quotes, emphasis or links more than {MAX_NESTING} levels deep"
        );
        Diagnostic::error(&file.path, msg)
            .at(&file.text, line, col)
            .hint(Some("write it with fewer levels".into()))
    }
}

/// Renders a body whose shallowest heading becomes `top` (2 on a free page
/// under its `h1`, 3 in a listing's section), keeping the steps between
/// the body's own headings.
pub fn to_html(markdown: &str, top: usize) -> Result<String, TooDeep> {
    Ok(html(parse(markdown)?, top))
}

/// The body's events, or where it first nests too deep.
fn parse(markdown: &str) -> Result<Vec<Event<'_>>, TooDeep> {
    let mut depth = 0usize;
    let mut events = Vec::new();
    for (event, range) in
        Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
            .into_offset_iter()
    {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        if depth > MAX_NESTING {
            return Err(TooDeep(range.start));
        }
        events.push(event);
    }
    Ok(events)
}

/// A listing's body, from one parse: HTML for its page (headings from
/// `h3`) and plain text for the search index.
#[derive(Debug)]
pub struct Body {
    /// The HTML, sanitized.
    pub html: String,
    /// The plain text, for the index and summaries.
    pub text: String,
}

impl Body {
    /// A body from its Markdown; an error when it nests too deep.
    pub fn new(markdown: &str) -> Result<Body, TooDeep> {
        let events = parse(markdown)?;
        Ok(Body { text: text(&events), html: html(events, 3) })
    }
}

/// Every listing's [`Body`] and those of its translations, made in
/// parallel once per build, by kind and slug (and language).
pub struct Bodies(HashMap<(Kind, String), ListingBodies>);

/// A listing's body and its translations' bodies, by language.
struct ListingBodies {
    original: Body,
    translated: BTreeMap<String, Body>,
}

impl Bodies {
    /// Every body, or the first (in file order) that is nested too deep.
    pub fn new(dir: &Directory) -> Result<Bodies, Diagnostic> {
        type Made = Result<((Kind, String), ListingBodies), Diagnostic>;
        fn all<T: Listing + Sync>(
            entries: &[Entry<T>],
        ) -> impl IndexedParallelIterator<Item = Made> + '_ {
            entries.par_iter().map(|e| {
                let original = Body::new(&e.file.body).map_err(|d| d.at(&e.file))?;
                let translated = e
                    .data
                    .translations()
                    .iter()
                    .filter_map(|(lang, t)| Some((lang, t.body.as_deref()?)))
                    .map(|(lang, body)| {
                        let made = Body::new(body).map_err(|_| {
                            let pos =
                                e.map.get(&e.file).value(&format!("translations.{lang}.body"));
                            TooDeep::placed(&e.file, pos.line, pos.col)
                        })?;
                        Ok((lang.clone(), made))
                    })
                    .collect::<Result<_, Diagnostic>>()?;
                Ok(((T::KIND, e.slug.clone()), ListingBodies { original, translated }))
            })
        }
        Ok(Bodies(all(&dir.specialists).chain(all(&dir.programs)).collect::<Result<_, _>>()?))
    }

    /// The body of a listing.
    pub fn of<T: Listing>(&self, e: &Entry<T>) -> &Body {
        &self.0[&(T::KIND, e.slug.clone())].original
    }

    /// The body of a listing's translation into `lang`, when it has one.
    pub fn translated<T: Listing>(&self, e: &Entry<T>, lang: &str) -> Option<&Body> {
        self.0[&(T::KIND, e.slug.clone())].translated.get(lang)
    }

    /// Every translated body of a listing, by language.
    pub fn translations<T: Listing>(&self, e: &Entry<T>) -> &BTreeMap<String, Body> {
        &self.0[&(T::KIND, e.slug.clone())].translated
    }
}

/// The text of a body's events, each run of white space one space.
fn text(events: &[Event]) -> String {
    let mut out = String::new();
    let mut space = false;
    // Each piece between two white-space characters goes in whole.
    let mut push = |text: &str| {
        for (i, piece) in text.split(char::is_whitespace).enumerate() {
            space |= i > 0;
            if !piece.is_empty() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push_str(piece);
            }
        }
    };
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => push(t),
            Event::SoftBreak | Event::HardBreak => push(" "),
            Event::End(end)
                if !matches!(
                    end,
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link
                ) =>
            {
                push(" ")
            }
            _ => {}
        }
    }
    out
}

fn html(events: Vec<Event>, top: usize) -> String {
    let shallowest = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level_number(*level)),
            _ => None,
        })
        .min()
        .unwrap_or(top);
    let shift =
        |level: HeadingLevel| heading((level_number(level) + top).saturating_sub(shallowest));
    let events = events.into_iter().map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: shift(level), id, classes, attrs })
        }
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => Event::Text("".into()),
        other => other,
    });
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, events);
    clean(&raw)
}

/// The sanitizer, configured once for every body of the build.
static SANITIZER: std::sync::LazyLock<ammonia::Builder<'static>> = std::sync::LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.tags(TAGS.iter().copied().collect::<HashSet<_>>())
        .generic_attributes(HashSet::new())
        .tag_attributes(std::iter::once(("a", std::iter::once("href").collect())).collect())
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"));
    b
});

fn clean(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// What the sanitizer guarantees, checked on its output: only allow-listed
/// elements, only `href` (with an allowed scheme) and `rel` attributes.
/// Returns the first offending piece, if any. Used by the tests and the
/// fuzzer.
pub fn unsafe_markup(html: &str) -> Option<String> {
    for piece in html.split('<').skip(1) {
        let Some(tag) = piece.split_once('>').map(|(t, _)| t) else {
            return Some(format!("unclosed <{piece}"));
        };
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if !TAGS.contains(&name.as_str()) {
            return Some(format!("<{tag}>"));
        }
        let mut rest = tag[name.len()..].trim_start();
        while !rest.is_empty() {
            let Some((attr, after)) = rest.split_once("=\"") else {
                return Some(format!("<{tag}>"));
            };
            let Some((value, after)) = after.split_once('"') else {
                return Some(format!("<{tag}>"));
            };
            let allowed = match attr {
                "rel" => true,
                "href" => allowed_href(&value.replace("&amp;", "&")),
                _ => false,
            };
            if !allowed {
                return Some(format!("<{tag}>"));
            }
            rest = after.trim_start();
        }
    }
    None
}

/// Whether a browser would open `href` with an allowed scheme (or as a
/// relative address). Like the URL standard: tabs and newlines are removed,
/// controls and spaces trimmed, and a scheme is a letter followed by
/// letters, digits, `+`, `-` or `.` before the first `:`.
fn allowed_href(href: &str) -> bool {
    let cleaned: String = href.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    let Some((scheme, _)) = cleaned.split_once(':') else { return true };
    let is_scheme = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    !is_scheme
        || matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https" | "mailto" | "tel")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_of_a_body_is_its_words() {
        let b = Body::new("# Over mij\n\nIk **luister**.\n- een\n- twee\n\n<b>vet</b> ~~weg~~")
            .unwrap();
        assert_eq!(b.text, "Over mij Ik luister. een twee vet weg");
        assert!(b.html.starts_with("<h3>Over mij</h3>"), "{}", b.html);
        let events = ["  a \u{2003}b\t", "c", " d", "e\u{a0}", "f"].map(|t| Event::Text(t.into()));
        assert_eq!(
            text(&events),
            "a b c de f",
            "white space runs, within and across events, are one space"
        );
    }

    #[test]
    fn renders_markdown() {
        assert_eq!(
            to_html("# Over mij\n\nIk **luister**.", 3).unwrap(),
            "<h3>Over mij</h3>\n<p>Ik <strong>luister</strong>.</p>\n"
        );
    }

    #[test]
    fn nesting_is_bounded_and_placed() {
        let deep = |n: usize| format!("intro\n\n{}x\n", "- ".repeat(n));
        // A list item is two levels (the list and its item).
        assert!(to_html(&deep(MAX_NESTING / 2), 3).is_ok());
        assert_eq!(to_html(&deep(MAX_NESTING / 2 + 1), 3), Err(TooDeep(7 + MAX_NESTING)));
        assert!(to_html(&"> ".repeat(MAX_NESTING + 1), 3).is_err());
        assert!(
            to_html(&format!("{}x", "*a ".repeat(MAX_NESTING + 1)), 3).is_ok(),
            "unclosed emphasis is text"
        );
        let file = crate::content::source::split(
            "a.md".into(),
            "a.md".into(),
            format!("---\nname: A\n---\n{}", deep(10_000)),
        )
        .unwrap();
        let d = Body::new(&file.body).unwrap_err().at(&file);
        assert_eq!((d.line, d.col), (6, MAX_NESTING + 1), "{d:?}");
    }

    #[test]
    fn shallowest_heading_becomes_the_top_level() {
        assert_eq!(to_html("## A\n\n### B\n", 2).unwrap(), "<h2>A</h2>\n<h3>B</h3>\n");
        assert_eq!(to_html("# A\n\n### B\n", 2).unwrap(), "<h2>A</h2>\n<h4>B</h4>\n");
        assert_eq!(to_html("#### A\n\n##### B\n", 3).unwrap(), "<h3>A</h3>\n<h4>B</h4>\n");
        assert_eq!(to_html("# A\n\n###### B\n", 3).unwrap(), "<h3>A</h3>\n<h6>B</h6>\n");
    }

    #[test]
    fn the_guarantee_checker_catches_unsafe_markup() {
        assert!(
            unsafe_markup("<a href=\"java%EF%BF%BDcript:alert(1)\">x</a>").is_none(),
            "a relative address"
        );
        assert!(unsafe_markup("<a href=\"?q=javascript:x\">x</a>").is_none());
        for bad in [
            "<a href=\" java\tscript:alert(1)\">x</a>",
            "<a href=\"JAVASCRIPT:x\">x</a>",
            "<script>x</script>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<p onclick=\"x\">",
            "<img src=\"x\">",
            "<a href=\"x\" style=\"y\">",
        ] {
            assert!(unsafe_markup(bad).is_some(), "{bad}");
        }
        let ok = to_html(
            "# T\n\n[a](https://a.example/?x=1&y=2) [b](mailto:b@c.example) [c](../x/) <b>raw</b>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            2,
        )
        .unwrap();
        assert_eq!(unsafe_markup(&ok), None, "{ok}");
    }

    #[test]
    fn raw_html_is_text() {
        let out =
            to_html("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)>", 2).unwrap();
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn dangerous_links_and_images_are_dropped() {
        let out = to_html(
            "[x](javascript:alert(1)) ![p](https://tracker.example/p.png) [ok](https://a.example/)",
            2,
        )
        .unwrap();
        assert!(!out.contains("javascript:"), "{out}");
        assert!(!out.contains("tracker"), "{out}");
        assert!(
            out.contains(r#"<a href="https://a.example/" rel="noopener noreferrer">ok</a>"#),
            "{out}"
        );
    }
}
