//! Rendering: the validated [`Directory`] becomes the files of the site.
//!
//! [`render`] builds every page (home, listing pages, browse pages per
//! topic, region, kind and language, A-Z, free pages, 404) and the exports,
//! and puts each file into the [`Output`] as soon as it is made. Nothing
//! here depends on the clock or the file system order, so the same input
//! gives the same bytes.

pub(crate) mod api;
pub(crate) mod browse;
pub(crate) mod calendar;
pub(crate) mod cards;
pub(crate) mod chrome;
pub(crate) mod feeds;
pub(crate) mod hsds;
pub(crate) mod json;
pub(crate) mod jsonld;
pub(crate) mod policy;
pub(crate) mod scope;
pub(crate) mod search_page;
pub(crate) mod sessions;
pub(crate) mod templates;
pub(crate) mod view;

use crate::content::model::{Listing, Program, Specialist};
use crate::content::{phone, Directory, Entry};
use crate::media::Media;
use crate::output::Output;
use crate::progress::Progress;
use crate::theme::{Theme, ASSETS};
use crate::{markdown, urls};
use anyhow::{Context as _, Result};
use cards::Cards;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use view::{Card, Common, Context, Link};

/// A site held in memory (for `serve`): output path to file contents.
pub(crate) type Files = BTreeMap<String, Vec<u8>>;

/// Site-wide values every template gets as `site`.
#[derive(Serialize)]
pub(crate) struct SiteView {
    pub title: String,
    pub description: Option<String>,
    /// Path prefix of the pages in the interface language: the path of
    /// `base_url` (`/` or `/directory/`), followed by the language's code
    /// for each language but the first (`/directory/en/`).
    pub base: String,
    /// The path of `base_url`: where the files every language shares are
    /// (assets, media, the search engine and index, calendar files).
    pub root: String,
    pub base_url: String,
    /// Scheme and host of `base_url`, for absolute addresses.
    pub origin: String,
    /// The interface language.
    pub language: String,
    /// `rtl` or `ltr`: how the interface language is written.
    pub dir: &'static str,
    /// Every interface language of the site, the first at the root: the
    /// language switcher and the `hreflang` alternates. One language has
    /// neither.
    pub languages: Vec<LanguageView>,
    pub crisis: Vec<CrisisView>,
    pub exit_url: String,
    /// The Content-Security-Policy for the `<meta>` tag.
    pub csp: &'static str,
    pub footer: Vec<Link>,
    pub nav: Vec<Link>,
}

/// An interface language of the site, named in itself.
#[derive(Serialize)]
pub(crate) struct LanguageView {
    pub code: String,
    pub name: String,
    /// Where its pages are: `/`, `/en/`.
    pub base: String,
    pub dir: &'static str,
}

/// A crisis line with each of its channels.
#[derive(Serialize)]
pub(crate) struct CrisisView {
    pub name: String,
    /// Numbers to call, as written, with their `tel:` addresses.
    pub phones: Vec<Dial>,
    /// A number for text messages, with its `sms:` address.
    pub text: Option<Dial>,
    pub chat: Option<String>,
    pub hours: Option<String>,
    /// The language of `hours`, the site's first, when it is not the
    /// interface language.
    pub lang: Option<String>,
    /// "answers in Dutch, English", in the interface language.
    pub languages: Option<String>,
    /// The publisher's note in the interface language.
    pub note: Option<String>,
}

/// A phone number as written and the address that dials it.
#[derive(Serialize)]
pub(crate) struct Dial {
    pub number: String,
    pub href: String,
}

/// About the page being rendered, as `page`.
#[derive(Serialize)]
pub(crate) struct PageMeta {
    pub title: String,
    pub description: Option<String>,
    /// The page's address, relative to the site root.
    pub url: String,
    /// The language of the page's text when it differs from the site's.
    pub lang: Option<String>,
}

/// A value as templates see it.
fn to_value(v: &impl Serialize) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(v))
}

/// Renders pages into the site's [`Output`]. Pages may be rendered from
/// several threads at once.
pub(crate) struct Renderer<'a> {
    templates: &'a templates::Templates,
    pub ctx: &'a Context<'a>,
    pub site: SiteView,
    /// `site` and the interface strings as template values, converted once
    /// per thread of the pool and once for any other thread. Every page
    /// reads them many times, and reading a value shared by both cores
    /// would have them update the same reference counts in turn.
    shared: Vec<(minijinja::Value, minijinja::Value)>,
    /// The header and footer, once rendered.
    chrome: Option<chrome::Chrome>,
    /// What every program's calendar file shares.
    calendars: calendar::Calendars,
    pub out: &'a Output,
}

impl<'a> Renderer<'a> {
    /// Renders `template` at `address` with `data` merged into the context
    /// and puts the page in the site.
    pub(crate) fn page(
        &self,
        template: &str,
        address: &str,
        page: PageMeta,
        data: impl Serialize,
    ) -> Result<()> {
        let chrome =
            self.chrome.as_ref().expect("the header and footer are rendered before any page");
        let parts = scope::PageParts {
            header_html: chrome.header(&page.url),
            footer_html: chrome.footer(),
            page: to_value(&page),
        };
        let html = self.render(template, Some(parts), to_value(&data));
        let file = format!("{}{}", self.site.folder(), urls::file(address));
        let html = html.with_context(|| format!("rendering {file}"))?;
        self.out.put(file, html.into_bytes())
    }

    /// Renders `template` with `data` (and `site` and `t`) into text that
    /// is not a page of its own.
    pub(crate) fn fragment(&self, template: &str, data: impl Serialize) -> Result<String> {
        self.render(template, None, to_value(&data))
    }

    fn render(
        &self,
        template: &str,
        page: Option<scope::PageParts>,
        data: minijinja::Value,
    ) -> Result<String> {
        let own = rayon::current_thread_index().map_or(0, |i| i + 1).min(self.shared.len() - 1);
        let (site, t) = self.shared[own].clone();
        self.templates.render(template, scope::Scope { site, t, page, data }.into_value())
    }

    /// The interface string at a dotted `key`.
    pub(crate) fn text(&self, key: &str) -> Result<String> {
        self.ctx.text(key)
    }
}

impl SiteView {
    /// The absolute address of the pages in the interface language.
    pub(crate) fn url(&self) -> String {
        format!("{}{}", self.origin, self.base)
    }

    /// The absolute address of the site's root.
    pub(crate) fn root_url(&self) -> String {
        format!("{}{}", self.origin, self.root)
    }

    /// The folder of the pages in the interface language: none for the
    /// first language, `en/` for English after it.
    pub(crate) fn folder(&self) -> &str {
        self.base.strip_prefix(&self.root).unwrap_or_default()
    }
}

/// Renders the whole site into `out`, its pages in each interface
/// language; `index` gives the search index files when the first search
/// page needs their names. The exports (`api/`), which need no page, are
/// made on a thread of their own while the pages render.
pub(crate) fn render(
    dir: &Directory,
    theme: &Theme,
    media: Media,
    bodies: &markdown::Bodies,
    index: impl FnOnce() -> Result<Vec<crate::index::IndexFile>>,
    out: &Output,
    progress: &Progress,
) -> Result<()> {
    let languages = dir.site.data.interface_languages();
    let context = |lang| Context::new(dir, &theme.strings, lang, &media, bodies);
    let first = context(&languages[0]);
    let first_site = site_view(dir, &first)?;
    let site_url = first_site.url();
    let mut index = Some(index);
    let mut files = None;
    let mut search = move || -> Result<search_page::SearchFiles> {
        if files.is_none() {
            let index = index.take().expect("the index is asked for once");
            files = Some(search_page::SearchFiles::new(index()?));
        }
        Ok(files.clone().expect("the index files are named"))
    };
    std::thread::scope(|s| {
        let exports =
            s.spawn(|| progress.background("exports", || exports(dir, &first, &site_url, out)));
        let pages = languages.iter().try_for_each(|lang| {
            let ctx = context(lang);
            pages(dir, theme, &mut search, &ctx, site_view(dir, &ctx)?, out, progress)
        });
        exports.join().expect("the exports thread does not panic")?;
        pages
    })?;
    feeds::site_files(out, dir, &first_site)?;
    for (path, bytes) in crate::index::engine_files() {
        out.put(path, bytes)?;
    }
    out.put(
        "_headers".into(),
        policy::headers_file(&urls::base_path(&dir.site.data.base_url)).into_bytes(),
    )?;
    for a in ASSETS {
        out.put(a.path.to_string(), a.text.as_bytes().to_vec())?;
        out.put(format!("{}.br", a.path), a.br.to_vec())?;
        out.put(format!("{}.gz", a.path), a.gz.to_vec())?;
    }
    for (name, file) in media {
        out.put(urls::media(&name), file.bytes)?;
    }
    Ok(())
}

/// The machine-readable files that depend on the listings only.
fn exports(dir: &Directory, ctx: &Context, site_url: &str, out: &Output) -> Result<()> {
    hsds::write(out, dir, ctx, site_url)?;
    api::write(out, dir, site_url)?;
    api::write_schema(out)
}

/// Every HTML page in the interface language of `ctx`, and its feed.
fn pages(
    dir: &Directory,
    theme: &Theme,
    search: &mut dyn FnMut() -> Result<search_page::SearchFiles>,
    ctx: &Context,
    site: SiteView,
    out: &Output,
    progress: &Progress,
) -> Result<()> {
    progress.stage("cards", 0);
    let shared = (0..=rayon::current_num_threads())
        .map(|_| (to_value(&site), scope::strings(theme.strings.interface(ctx.lang))))
        .collect();
    let calendars = calendar::Calendars::new(&dir.site.data, dir.today, &site.root_url());
    let mut r =
        Renderer { templates: &theme.templates, ctx, site, shared, chrome: None, calendars, out };
    r.chrome = Some(chrome::Chrome::new(&r)?);
    let cards = cards::Cards::new(&r, dir)?;
    home(&r, dir, &cards.all)?;
    progress.stage("rendering", dir.specialists.len() + dir.programs.len());
    let step = |page: Result<()>| {
        progress.step();
        page
    };
    let listings = || -> Result<()> {
        dir.specialists.par_iter().try_for_each(|e| step(specialist(&r, &cards, e)))?;
        dir.programs.par_iter().try_for_each(|e| step(program(&r, &cards, e)))
    };
    // The lists are grouped (one pass over the cards each) while listing
    // pages render, so no core waits for the grouping.
    let (listings, lists) = rayon::join(listings, || {
        progress.background("browsing", || browse::render_all(&r, dir, &cards))
    });
    listings.and(lists)?;
    progress.stage("last pages", 0);
    search_page::render(&r, dir, &cards.all, &search()?)?;
    crate::free::later(cards);
    free_pages(&r, dir)?;
    let meta = PageMeta {
        title: r.text("not_found.title")?,
        description: None,
        url: crate::urls::NOT_FOUND.into(),
        lang: None,
    };
    r.page("404.html", crate::urls::NOT_FOUND, meta, ())?;
    let meta = PageMeta {
        title: r.text("safety.title")?,
        description: Some(r.text("safety.summary")?),
        url: urls::SAFETY.into(),
        lang: None,
    };
    r.page("safety.html", urls::SAFETY, meta, ())?;
    feeds::add(out, dir, &r.site)
}

fn site_view(dir: &Directory, ctx: &Context) -> Result<SiteView> {
    let s = &dir.site.data;
    let footer = dir
        .pages
        .iter()
        .filter(|p| p.data.footer)
        .map(|p| Link {
            lang: Some(p.data.lang.as_deref().unwrap_or(&s.language))
                .filter(|l| *l != ctx.lang)
                .map(str::to_string),
            ..Link::new(p.data.title.clone().unwrap_or_default(), urls::page(&p.slug))
        })
        .collect();
    let audiences = (!ctx.dir.taxonomy.data.audiences.is_empty()).then_some(urls::AUDIENCES);
    let nav = [urls::SEARCH, urls::TOPICS, urls::REGIONS, urls::KINDS, urls::LANGUAGES]
        .into_iter()
        .chain(audiences)
        .chain([urls::A_Z])
        .map(|folder| {
            Ok(Link::new(ctx.text(&format!("browse.{}", urls::name(folder)))?, folder.to_string()))
        })
        .collect::<Result<_>>()?;
    let root = urls::base_path(&s.base_url);
    let languages = s.interface_languages();
    let base = |code: &str| urls::language_base(&root, code, languages);
    let languages = if languages.len() > 1 { languages } else { &[] };
    let languages = languages
        .iter()
        .map(|code| {
            Ok(LanguageView {
                code: code.clone(),
                // Capitalised as a menu item: `Polski` for `polski`.
                name: capitalised(ctx.strings.text(code, &format!("language_names.{code}"))?),
                base: base(code),
                dir: crate::i18n::direction(code),
            })
        })
        .collect::<Result<_>>()?;
    Ok(SiteView {
        title: s.title.clone(),
        description: s.description.clone(),
        base: base(ctx.lang),
        root,
        base_url: s.base_url.clone(),
        origin: urls::origin(&s.base_url),
        language: ctx.lang.to_string(),
        dir: crate::i18n::direction(ctx.lang),
        languages,
        crisis: s
            .crisis
            .iter()
            .map(|c| {
                Ok(CrisisView {
                    name: c.name.clone(),
                    phones: c
                        .phone
                        .iter()
                        .map(|p| Dial {
                            number: p.clone(),
                            href: phone::parse(p).map(|n| n.href()).unwrap_or_default(),
                        })
                        .collect(),
                    text: c.text.as_ref().map(|p| Dial {
                        number: p.clone(),
                        href: phone::parse(p).map(|n| n.sms_href()).unwrap_or_default(),
                    }),
                    chat: c.chat.clone(),
                    hours: c.hours.clone(),
                    languages: match c.languages.as_slice() {
                        [] => None,
                        codes => {
                            let names: Vec<String> =
                                codes.iter().map(|l| ctx.language(l)).collect();
                            Some(
                                ctx.text("crisis_answers_in")?
                                    .replace("{languages}", &names.join(", ")),
                            )
                        }
                    },
                    note: c.note.get(ctx.lang).cloned(),
                    lang: Some(s.language.clone()).filter(|l| l != ctx.lang),
                })
            })
            .collect::<Result<_>>()?,
        exit_url: s.exit_url.clone(),
        csp: policy::CSP,
        footer,
        nav,
    })
}

/// `text` with its first letter in upper case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn home(r: &Renderer, dir: &Directory, cards: &[Card]) -> Result<()> {
    #[derive(Serialize)]
    struct Home {
        topics: Vec<Link>,
        specialists: usize,
        programs: usize,
    }
    let data = Home {
        topics: browse::topic_tree(r.ctx, dir, cards),
        specialists: dir.specialists.len(),
        programs: dir.programs.len(),
    };
    let meta = PageMeta {
        title: dir.site.data.title.clone(),
        description: dir.site.data.description.clone(),
        url: String::new(),
        lang: None,
    };
    r.page("home.html", "", meta, data)
}

fn listing_meta<T: Listing>(e: &Entry<T>, common: &Common) -> PageMeta {
    PageMeta {
        title: e.data.name().to_string(),
        description: Some(common.summary.text.clone()),
        url: common.url.clone(),
        lang: None,
    }
}

fn specialist(r: &Renderer, cards: &Cards, e: &Entry<Specialist>) -> Result<()> {
    #[derive(Serialize)]
    struct View<'a> {
        s: &'a Specialist,
        common: &'a Common,
        programs_html: minijinja::Value,
        /// Certification dates in words.
        cert_dates: Option<(String, Option<String>)>,
        /// The JSON-LD, ready to put in its `<script>` element.
        jsonld: minijinja::Value,
    }
    let common = r.ctx.common(e)?;
    let date =
        |s: &str| crate::dates::parse(s).map(|d| r.ctx.date(d)).unwrap_or_else(|| s.to_string());
    let cert_dates =
        e.data.certification.as_ref().map(|c| (date(&c.since), c.until.as_deref().map(date)));
    let programs = r
        .ctx
        .relations
        .programs_of(&e.slug)
        .iter()
        .map(|p| cards.get(&urls::listing::<Program>(&p.slug)));
    let programs_html = minijinja::Value::from_safe_string(cards::html(programs));
    let meta = listing_meta(e, &common);
    let jsonld = jsonld::specialist(
        e,
        r.ctx,
        &jsonld::Site { url: &r.site.url(), root: &r.site.root_url() },
    );
    r.page(
        "specialist.html",
        &common.url,
        meta,
        View { s: &e.data, common: &common, programs_html, cert_dates, jsonld },
    )
}

fn program(r: &Renderer, cards: &Cards, e: &Entry<Program>) -> Result<()> {
    #[derive(Serialize)]
    struct View<'a> {
        p: &'a Program,
        common: &'a Common,
        kind: Option<Link>,
        /// `who_for` and `how_to_join` as the page shows them.
        who_for: Option<view::Text>,
        how_to_join: Option<view::Text>,
        specialists_html: minijinja::Value,
        schedule: Option<sessions::ScheduleView>,
        /// The JSON-LD, ready to put in its `<script>` element.
        jsonld: minijinja::Value,
    }
    let common = r.ctx.common(e)?;
    let schedule = sessions::view(r.ctx, e)?;
    // A calendar file is the same in every language: made with the first.
    if let Some(ics) = calendar::program(&r.calendars, e).filter(|_| r.site.folder().is_empty()) {
        r.out.put(urls::calendar(&e.slug), ics.into_bytes())?;
    }
    let mut specialists: Vec<&Card> = r
        .ctx
        .relations
        .specialists_of(&e.slug)
        .iter()
        .map(|s| cards.get(&urls::listing::<Specialist>(&s.slug)))
        .collect();
    view::sort(&mut specialists);
    let specialists_html = minijinja::Value::from_safe_string(cards::html(specialists));
    let kind = e
        .data
        .kind
        .map(|k| Ok::<_, anyhow::Error>(Link::new(r.ctx.kind(k)?, urls::kind(k.key()))))
        .transpose()?;
    let meta = listing_meta(e, &common);
    let jsonld =
        jsonld::program(e, r.ctx, &jsonld::Site { url: &r.site.url(), root: &r.site.root_url() })?;
    r.page(
        "program.html",
        &common.url,
        meta,
        View {
            p: &e.data,
            common: &common,
            kind,
            who_for: r.ctx.shown(&e.data, e.data.who_for.as_deref(), |t| t.who_for.as_deref()),
            how_to_join: r
                .ctx
                .shown(&e.data, e.data.how_to_join.as_deref(), |t| t.how_to_join.as_deref()),
            specialists_html,
            schedule,
            jsonld,
        },
    )
}

fn free_pages(r: &Renderer, dir: &Directory) -> Result<()> {
    #[derive(Serialize)]
    struct View {
        body_html: String,
    }
    for p in &dir.pages {
        let address = urls::page(&p.slug);
        let written_in = p.data.lang.as_deref().unwrap_or(&dir.site.data.language);
        let lang = Some(written_in.to_string()).filter(|l| *l != r.ctx.lang);
        let meta = PageMeta {
            title: p.data.title.clone().unwrap_or_default(),
            description: p.data.summary.clone(),
            url: address.clone(),
            lang,
        };
        let body_html = markdown::to_html(&p.file.body, 2).map_err(|d| d.at(&p.file))?;
        r.page("page.html", &address, meta, View { body_html })?;
    }
    Ok(())
}
