//! Browse pages, the way to every listing without JavaScript: an index page
//! and a paginated list per topic, region, program kind, language and
//! audience, lists
//! of all specialists and all programs, and A-Z.

use super::cards::{self, Cards};
use super::view::{self, letter, Card, Context, Link};
use super::{PageMeta, Renderer};
use crate::content::model::{with_parents, Kind, ProgramKind};
use crate::content::Directory;
use crate::urls;
use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The cards filed under each topic key (the card's own topics and their
/// parents: `life` holds what `life/housing` holds), each card once per
/// key and in the cards' order; made in one pass over the cards.
fn filed_by_topic(cards: &[Card]) -> HashMap<&str, Vec<&Card>> {
    let mut filed: HashMap<&str, Vec<&Card>> = HashMap::new();
    for c in cards {
        for key in with_parents(&c.topics) {
            filed.entry(key).or_default().push(c);
        }
    }
    filed
}

/// Top-level topics with their subtopics and listing counts.
pub(crate) fn topic_tree(ctx: &Context, dir: &Directory, cards: &[Card]) -> Vec<Link> {
    let filed = filed_by_topic(cards);
    let count = |key: &str| filed.get(key).map_or(0, Vec::len);
    let link =
        |key: &str| Link { count: Some(count(key)), ..Link::new(ctx.topic(key), urls::topic(key)) };
    let topics = &dir.taxonomy.data.topics;
    topics
        .iter()
        .filter(|t| !t.key.contains('/'))
        .map(|top| Link {
            children: topics
                .iter()
                .filter(|t| t.key.rsplit_once('/').map(|(p, _)| p) == Some(top.key.as_str()))
                .map(|t| link(&t.key))
                .collect(),
            ..link(&top.key)
        })
        .collect()
}

/// A list of cards under a title, at an address: a topic, region, kind or
/// language, all specialists or programs, or A-Z (`by_letter`).
struct List<'c> {
    label: String,
    address: String,
    intro: Option<String>,
    children: Vec<Link>,
    cards: Vec<&'c Card>,
    by_letter: bool,
}

impl<'c> List<'c> {
    fn new(label: String, address: String, cards: Vec<&'c Card>) -> List<'c> {
        List { label, address, intro: None, children: vec![], cards, by_letter: false }
    }
}

/// The index page of every dimension, then every list, the lists side by
/// side (most are a page or two, too short to keep both cores busy alone).
pub(crate) fn render_all(r: &Renderer, dir: &Directory, cards: &Cards) -> Result<()> {
    let cards = &cards.all;
    let mut lists = topics(r, dir, cards)?;
    lists.extend(dimension(r, urls::REGIONS, regions(dir, cards))?);
    lists.extend(dimension(r, urls::KINDS, kinds(r, cards)?)?);
    lists.extend(dimension(r, urls::LANGUAGES, languages(r, cards))?);
    if !dir.taxonomy.data.audiences.is_empty() {
        lists.extend(dimension(r, urls::AUDIENCES, audiences(r, dir, cards))?);
    }
    let of_kind = |kind: Kind| cards.iter().filter(|c| c.kind == kind).collect();
    lists.push(List::new(
        r.text("browse.all_specialists")?,
        urls::SPECIALISTS.into(),
        of_kind(Kind::Specialist),
    ));
    lists.push(List::new(
        r.text("browse.all_programs")?,
        urls::PROGRAMS.into(),
        of_kind(Kind::Program),
    ));
    // A-Z is by name alone: its letters head runs of names.
    let mut by_name: Vec<&Card> = cards.iter().collect();
    by_name.sort_by(|a, b| view::by_name(a, b));
    lists.push(List {
        by_letter: true,
        ..List::new(r.text("browse.a-z")?, urls::A_Z.into(), by_name)
    });
    lists.par_iter().try_for_each(|l| list(r, l))
}

fn topics<'c>(r: &Renderer, dir: &Directory, cards: &'c [Card]) -> Result<Vec<List<'c>>> {
    let tree = topic_tree(r.ctx, dir, cards);
    index(r, urls::TOPICS, tree.clone())?;
    let filed = filed_by_topic(cards);
    let list = |t: &crate::content::model::Topic| {
        let children = tree
            .iter()
            .find(|l| l.url == urls::topic(&t.key))
            .map(|l| l.children.clone())
            .unwrap_or_default();
        let intro = t.description.as_ref().and_then(|d| d.get(r.ctx.lang)).cloned();
        let filed = filed.get(t.key.as_str()).cloned().unwrap_or_default();
        List { intro, children, ..List::new(r.ctx.topic(&t.key), urls::topic(&t.key), filed) }
    };
    Ok(dir.taxonomy.data.topics.iter().map(list).collect())
}

/// One group per region address; names that give the same address (such
/// as `Noord Holland` and `Noord-Holland` in free-form regions) share it.
fn regions<'c>(dir: &Directory, cards: &'c [Card]) -> Vec<List<'c>> {
    let mut names: BTreeSet<&str> =
        dir.taxonomy.data.regions.iter().flatten().map(String::as_str).collect();
    names.extend(cards.iter().flat_map(|c| c.regions.iter().map(String::as_str)));
    let mut names: Vec<&str> = names.into_iter().collect();
    names.sort_by_cached_key(|n| (view::sort_key(n), n.to_string()));
    let mut groups: Vec<List> = Vec::new();
    // The group of each name: the first name giving an address names it.
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    for name in names {
        let address = urls::region(name);
        let at = groups.iter().position(|g| g.address == address).unwrap_or_else(|| {
            groups.push(List::new(name.to_string(), address, vec![]));
            groups.len() - 1
        });
        group_of.insert(name, at);
    }
    for c in cards {
        let mut at: Vec<usize> = c.regions.iter().map(|r| group_of[r.as_str()]).collect();
        at.sort_unstable();
        at.dedup();
        at.into_iter().for_each(|g| groups[g].cards.push(c));
    }
    groups
}

fn kinds<'c>(r: &Renderer, cards: &'c [Card]) -> Result<Vec<List<'c>>> {
    ProgramKind::ALL
        .iter()
        .map(|k| {
            Ok(List {
                intro: Some(r.text(&format!("kind_intro.{}", k.key()))?),
                ..List::new(
                    r.ctx.kind(*k)?,
                    urls::kind(k.key()),
                    cards.iter().filter(|c| c.program_kind == Some(*k)).collect(),
                )
            })
        })
        .collect()
}

fn languages<'c>(r: &Renderer, cards: &'c [Card]) -> Vec<List<'c>> {
    let mut filed: BTreeMap<&str, Vec<&Card>> = BTreeMap::new();
    for c in cards {
        let mut codes: Vec<&str> = c.languages.iter().map(String::as_str).collect();
        codes.sort_unstable();
        codes.dedup();
        codes.into_iter().for_each(|code| filed.entry(code).or_default().push(c));
    }
    let mut groups: Vec<List> = filed
        .into_iter()
        .map(|(code, cards)| List::new(r.ctx.language(code), urls::language(code), cards))
        .collect();
    groups.sort_by_cached_key(|g| view::sort_key(&g.label));
    groups
}

/// A list per audience of the taxonomy, in its order.
fn audiences<'c>(r: &Renderer, dir: &Directory, cards: &'c [Card]) -> Vec<List<'c>> {
    dir.taxonomy
        .data
        .audiences
        .iter()
        .map(|a| {
            let filed = cards.iter().filter(|c| c.audiences.contains(&a.key)).collect();
            List::new(r.ctx.term("audiences", &a.key), urls::audience(&a.key), filed)
        })
        .collect()
}

/// Renders the index page of a dimension; returns its lists.
fn dimension<'c>(r: &Renderer, folder: &str, groups: Vec<List<'c>>) -> Result<Vec<List<'c>>> {
    let links = groups
        .iter()
        .map(|g| Link {
            count: Some(g.cards.len()),
            ..Link::new(g.label.clone(), g.address.clone())
        })
        .collect();
    index(r, folder, links)?;
    Ok(groups)
}

/// The page at `folder` (`topics/`) that links to each of its lists.
fn index(r: &Renderer, folder: &str, links: Vec<Link>) -> Result<()> {
    #[derive(Serialize)]
    struct View {
        links: Vec<Link>,
        intro: String,
    }
    let name = urls::name(folder);
    let meta = PageMeta {
        title: r.text(&format!("browse.{name}"))?,
        description: None,
        url: folder.to_string(),
        lang: None,
    };
    let intro = r.text(&format!("browse_intro.{name}"))?;
    r.page("browse.html", folder, meta, View { links, intro })
}

/// Cards under a heading (A-Z letters) on one page of a list.
#[derive(Serialize)]
struct Section {
    heading: Option<String>,
    id: Option<String>,
    /// The cards' HTML.
    cards_html: minijinja::Value,
}

impl Section {
    fn new(heading: Option<String>, cards: &[&Card]) -> Section {
        let cards_html = minijinja::Value::from_safe_string(cards::html(cards.iter().copied()));
        Section { id: heading.as_deref().map(letter_id), heading, cards_html }
    }
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    /// Links to nearby pages and the first and last; `None` where pages are left out.
    pages: Vec<Option<Link>>,
}

/// Pages linked from page `n` of `total`: the first, the last, and the
/// two before and after `n`, with `None` for each run of pages left out, so
/// a list of thousands of pages does not link every page from every page.
fn page_window(n: usize, total: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    for k in 1..=total {
        if k == 1 || k == total || k.abs_diff(n) <= 2 {
            out.push(Some(k));
        } else if out.last() != Some(&None) {
            out.push(None);
        }
    }
    out
}

/// A list of cards, split into pages of `page_size`.
fn list(r: &Renderer, list: &List) -> Result<()> {
    let List { label: title, address, intro, children, cards, by_letter } = list;
    let (address, by_letter) = (address.as_str(), *by_letter);
    #[derive(Serialize)]
    struct View<'a> {
        intro: Option<String>,
        children: &'a [Link],
        count: usize,
        sections: Vec<Section>,
        letters: &'a [Link],
        pagination: Pagination,
    }
    let size = r.ctx.dir.site.data.page_size.max(1);
    let chunks: Vec<&[&Card]> =
        if cards.is_empty() { vec![&[]] } else { cards.chunks(size).collect() };
    let total = chunks.len();
    let letters = if by_letter { letter_links(address, cards, size) } else { vec![] };
    let render = |(i, chunk): (usize, &&[&Card])| {
        let n = i + 1;
        let here = urls::nth(address, n);
        let pagination = Pagination {
            current: n,
            total,
            prev: (n > 1).then(|| urls::nth(address, n - 1)),
            next: (n < total).then(|| urls::nth(address, n + 1)),
            pages: page_window(n, total)
                .into_iter()
                .map(|k| k.map(|k| Link::new(k.to_string(), urls::nth(address, k))))
                .collect(),
        };
        let sections = if by_letter { by_letters(chunk) } else { vec![Section::new(None, chunk)] };
        let page_title = if n > 1 { format!("{title} ({n}/{total})") } else { title.clone() };
        let meta = PageMeta { title: page_title, description: None, url: here.clone(), lang: None };
        let data = View {
            intro: intro.clone(),
            children,
            count: cards.len(),
            sections,
            letters: &letters,
            pagination,
        };
        r.page("list.html", &here, meta, data)
    };
    chunks.par_iter().enumerate().try_for_each(render)
}

/// The cards under a heading per first letter.
fn by_letters(cards: &[&Card]) -> Vec<Section> {
    cards
        .chunk_by(|a, b| letter(&a.sort_key) == letter(&b.sort_key))
        .map(|run| Section::new(Some(letter(&run[0].sort_key)), run))
        .collect()
}

fn letter_id(l: &str) -> String {
    if l == "#" {
        "letter-other".into()
    } else {
        format!("letter-{}", l.to_lowercase())
    }
}

/// A link per letter to the page and heading where its names start.
fn letter_links(address: &str, cards: &[&Card], size: usize) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    for (i, c) in cards.iter().enumerate() {
        let l = letter(&c.sort_key);
        if out.last().map(|x| x.label.as_str()) != Some(l.as_str()) {
            let url = format!("{}#{}", urls::nth(address, i / size + 1), letter_id(&l));
            out.push(Link::new(l, url));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn pagination_links_a_window() {
        let shown = |n, total| {
            page_window(n, total)
                .iter()
                .map(|p| p.map_or("…".to_string(), |k| k.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(3, 5), "1 2 3 4 5");
        assert_eq!(shown(1, 100), "1 2 3 … 100");
        assert_eq!(shown(50, 100), "1 … 48 49 50 51 52 … 100");
        assert_eq!(shown(99, 100), "1 … 97 98 99 100");
    }
}
