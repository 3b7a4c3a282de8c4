//! Building whole sites: the example directory and the fixtures. Every
//! listing gets its page, every internal link resolves, relations show on
//! both sides, every listing is reachable by links alone, and a second build
//! gives the same bytes.

mod common;
use common::*;
use std::collections::BTreeSet;
use std::fs;

fn build(source: &std::path::Path, out: &std::path::Path) {
    let o = peerdir(
        &root(),
        &["build", "--source", source.to_str().unwrap(), "--out", out.to_str().unwrap()],
    );
    assert_exit(&o, 0);
    assert!(stderr(&o).contains("built "), "{}", stderr(&o));
}

/// The example built into a temporary folder, and its files.
fn example_site() -> (tempfile::TempDir, std::collections::BTreeMap<String, Vec<u8>>) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&root().join("content"), &out);
    let site = read_site(&out);
    (tmp, site)
}

fn html(site: &std::collections::BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(site.get(path).unwrap_or_else(|| panic!("{path} missing")).clone()).unwrap()
}

#[test]
fn example_site_is_complete_and_linked() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let content = root().join("content");
    build(&content, &out);
    let site = read_site(&out);

    let specialists = slugs(&content.join("specialists"));
    let programs = slugs(&content.join("programs"));
    assert!(
        specialists.len() >= 30 && programs.len() >= 12,
        "{} specialists, {} programs",
        specialists.len(),
        programs.len()
    );
    for s in &specialists {
        assert!(
            site.contains_key(&format!("specialists/{s}/index.html")),
            "no page for specialist {s}"
        );
    }
    for p in &programs {
        assert!(site.contains_key(&format!("programs/{p}/index.html")), "no page for program {p}");
    }
    for page in [
        "index.html",
        "404.html",
        "a-z/index.html",
        "topics/index.html",
        "regions/index.html",
        "kinds/index.html",
        "languages/index.html",
        "over/index.html",
        "assets/style.css",
    ] {
        assert!(site.contains_key(page), "{page} missing");
    }

    let broken = broken_links(&site, "/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));

    // Without JavaScript, every listing is reachable from the home page.
    let reached = crawl(&site, "/");
    for s in &specialists {
        assert!(
            reached.contains(&format!("specialists/{s}/index.html")),
            "{s} not reachable from the home page"
        );
    }
    for p in &programs {
        assert!(
            reached.contains(&format!("programs/{p}/index.html")),
            "{p} not reachable from the home page"
        );
    }
}

#[test]
fn example_covers_the_taxonomy_and_regions() {
    let (_tmp, site) = example_site();
    let taxonomy: serde_yaml::Value =
        serde_yaml::from_str(&fs::read_to_string(root().join("content/taxonomy.yaml")).unwrap())
            .unwrap();
    for topic in taxonomy["topics"].as_sequence().unwrap() {
        let key = topic["key"].as_str().unwrap();
        let page = html(&site, &format!("topics/{key}/index.html"));
        assert!(page.contains("class=\"card\""), "topic {key} has no listings");
    }
    let regions: Vec<&String> = site
        .keys()
        .filter(|k| {
            k.starts_with("regions/")
                && k.ends_with("/index.html")
                && !k.contains("/page/")
                && *k != "regions/index.html"
        })
        .collect();
    assert!(regions.len() >= 6, "only {} regions", regions.len());
    for kind in
        ["peer-support", "mentoring", "buddy", "self-help-group", "training", "recovery-college"]
    {
        assert!(
            html(&site, &format!("kinds/{kind}/index.html")).contains("class=\"card\""),
            "no program of kind {kind}"
        );
    }
}

#[test]
fn relations_show_on_both_sides() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&fixture("minimal"), &out);
    let site = read_site(&out);
    let circle = html(&site, "programs/sober-circle/index.html");
    assert!(
        circle.contains("href=\"/directory/specialists/alex-river/\""),
        "program lists its specialists"
    );
    assert!(circle.contains("href=\"/directory/specialists/bea-stone/\""));
    assert!(!circle.contains("cem-aydin"), "only specialists who name the program");
    let bea = html(&site, "specialists/bea-stone/index.html");
    assert!(
        bea.contains("href=\"/directory/programs/sober-circle/\"")
            && bea.contains("href=\"/directory/programs/talk-together/\"")
    );
}

#[test]
fn listing_pages_show_fields_in_plain_words() {
    let (_tmp, site) = example_site();
    let anna = html(&site, "specialists/anna-de-vries/index.html");
    for text in [
        "Anna de Vries",
        "(zij/haar)",
        "Persoonlijk, Telefonisch",
        "Deeltijd",
        "Gratis",
        "Linnaeusstraat 35, 1091 Amsterdam",
        "Ingang: Hoofdingang, tweede verdieping",
        "Speciaal voor</dt><dd><a href=\"/audiences/women/\">Vrouwen</a>, <a href=\"/audiences/new-in-recovery/\">Net begonnen met herstel</a>",
        "Leeftijd</dt><dd>18 jaar en ouder",
        "Klopt er iets niet aan deze vermelding?",
        "subject=Fout%20in%20Anna%20de%20Vries",
        "tel:+31200000101",
        "mailto:anna@herstelacademie-amsterdam.example",
        "sinds 30 juni 2021",
        "alt=\"Anna de Vries, een vrouw",
        "Gegevens laatst gecontroleerd op 12 oktober 2026",
        "<h2 id=\"about-heading\">Over Anna de Vries</h2>",
        "Nieuwe mensen</dt><dd>Neemt nieuwe mensen aan",
    ] {
        assert!(anna.contains(text), "specialist page lacks {text:?}");
    }
    let pieter = html(&site, "specialists/pieter-hoekstra/index.html");
    assert!(
        pieter.contains("17 maanden geleden voor het laatst gecontroleerd"),
        "stale listings say so to visitors"
    );
    assert!(!anna.contains("maanden geleden voor het laatst"));
    let sanne = html(&site, "specialists/sanne-bakker/index.html");
    assert!(!sanne.contains("3512"), "an approximate location publishes no postcode");
    let kevin = html(&site, "specialists/kevin-martens/index.html");
    assert!(
        kevin.contains("Dit is tijdelijk gesloten tot 11 januari 2027."),
        "a closed listing says so"
    );
    let brabant = html(&site, "programs/samen-nuchter-brabant/index.html");
    for text in [
        "<th scope=\"row\">dinsdag</th><td><bdi>20:00–21:30</bdi></td><td>Elke week</td><td>Buurthuis Het Ketelhuis, Eindhoven</td>",
        // SOURCE_DATE_EPOCH is Monday 30 November 2026.
        "Volgende bijeenkomst: dinsdag 1 december 2026, 20:00.",
        "href=\"/programs/samen-nuchter-brabant/sessions.ics\"",
    ] {
        assert!(brabant.contains(text), "program page lacks {text:?}");
    }
    let groningen = html(&site, "programs/naastengroep-groningen/index.html");
    assert!(groningen.contains("De tweede en vierde donderdag van de maand"));
    let maatjes = html(&site, "programs/maatjes-in-herstel-rotterdam/index.html");
    assert!(maatjes.contains("Dit neemt op dit moment geen nieuwe mensen aan."));
    let limburg = html(&site, "programs/herstelmentoren-limburg/index.html");
    for text in [
        "Mentoraat",
        "Verslavingszorg Zuid",
        "Je hebt een verwijzing nodig",
        "Vergoed door de zorgverzekering",
        "Formeel",
        "zoekt op dit moment geen nieuwe",
        "thomas-willems",
    ] {
        assert!(limburg.contains(text), "program page lacks {text:?}");
    }
    let english = html(&site, "specialists/grace-mensah/index.html");
    assert!(
        english.contains("<h1 lang=\"en\" dir=\"auto\">"),
        "English listing text is marked as English"
    );
    for page in site.keys().filter(|k| k.ends_with(".html")) {
        let h = html(&site, page);
        assert!(h.contains("href=\"tel:+318000113\""), "{page} lacks the crisis line");
        assert!(
            h.contains("data-quick-exit")
                && h.contains("href=\"https://weer.example/\" rel=\"noreferrer\""),
            "{page} lacks the exit link"
        );
        let lang = language_of(page);
        let dir = if lang == "ar" { "rtl" } else { "ltr" };
        assert!(
            h.starts_with(&format!("<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir}\">")),
            "{page} lacks its language"
        );
    }
}

/// The example's interface languages after the first, each under its code.
const OTHER_LANGUAGES: [&str; 5] = ["en", "tr", "ar", "pl", "uk"];

/// The interface language of a page of the example, from its path.
fn language_of(page: &str) -> &str {
    let first = page.split('/').next().unwrap_or_default();
    OTHER_LANGUAGES.iter().find(|l| **l == first).copied().unwrap_or("nl")
}

/// Every page of the example is made in each of its six languages, and
/// each names all six versions, itself included, as its `hreflang`
/// alternates: the sets are complete and reciprocal. The switcher on each
/// page leads to the same page in each language, named in that language,
/// and the sitemap lists each version with the same alternates.
#[test]
fn every_page_is_in_every_language_with_reciprocal_alternates() {
    let (_tmp, site) = example_site();
    let origin = "https://herstelgids.example/";
    let pages: Vec<&String> = site.keys().filter(|k| k.ends_with("index.html")).collect();
    let address = |page: &str| format!("{origin}{}", page.trim_end_matches("index.html"));
    let unprefixed = |page: &str| match language_of(page) {
        "nl" => page.to_string(),
        lang => page[lang.len() + 1..].to_string(),
    };
    let root_pages: Vec<&&String> = pages.iter().filter(|p| language_of(p) == "nl").collect();
    assert!(root_pages.len() > 100);
    assert_eq!(pages.len(), root_pages.len() * 6, "every page in all six languages");
    let alternates = |h: &str| -> BTreeSet<(String, String)> {
        h.lines()
            .filter_map(|l| l.strip_prefix("<link rel=\"alternate\" hreflang=\""))
            .map(|l| {
                let (lang, rest) = l.split_once("\" href=\"").unwrap();
                (lang.to_string(), rest.trim_end_matches("\">").to_string())
            })
            .collect()
    };
    let sitemap = String::from_utf8(site["sitemap.xml"].clone()).unwrap();
    for page in &pages {
        let h = html(&site, page);
        let found = alternates(&h);
        let same = unprefixed(page);
        let mut expected: BTreeSet<(String, String)> = OTHER_LANGUAGES
            .iter()
            .map(|l| (l.to_string(), address(&format!("{l}/{same}"))))
            .collect();
        expected.insert(("nl".into(), address(&same)));
        expected.insert(("x-default".into(), address(&same)));
        assert_eq!(found, expected, "{page}");
        assert!(
            found.contains(&(language_of(page).to_string(), address(page))),
            "{page} names itself"
        );
        for (lang, href) in &found {
            let file = format!("{}index.html", href.strip_prefix(origin).unwrap());
            assert_eq!(alternates(&html(&site, &file)), found, "{file} names {page} back ({lang})");
        }
        for (lang, name) in
            [("ar", "العربية"), ("tr", "Türkçe"), ("uk", "Українська"), ("nl", "Nederlands")]
        {
            let base = if lang == "nl" { "/".to_string() } else { format!("/{lang}/") };
            let link = format!(
                "<a href=\"{base}{}\" hreflang=\"{lang}\" lang=\"{lang}\"",
                same.trim_end_matches("index.html")
            );
            let at = h.find(&link).unwrap_or_else(|| panic!("{page} switches to {lang}: {link}"));
            assert!(h[at..].split("</a>").next().unwrap().ends_with(&format!(">{name}")), "{page}");
        }
        if language_of(page) == "nl" && !page.starts_with("search/") && !page.contains("/page/") {
            let entry = format!("<url><loc>{}</loc>", address(page));
            assert!(sitemap.contains(&entry), "the sitemap lists {page}");
            let alternate = format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"ar\" href=\"{}\"/>",
                address(&format!("ar/{same}"))
            );
            assert!(sitemap.contains(&alternate), "the sitemap names the Arabic {page}");
        }
    }
    assert_eq!(sitemap.matches("<url>").count() % 6, 0, "each page in six languages");
    let feed = String::from_utf8(site["ar/feed.xml"].clone()).unwrap();
    assert!(
        feed.contains("xml:lang=\"ar\"")
            && feed.contains("<id>https://herstelgids.example/ar/specialists/")
    );
    assert!(
        html(&site, "ar/index.html").contains("href=\"/ar/feed.xml\""),
        "each language its feed"
    );
}

#[test]
fn base_url_path_prefix_and_pagination() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&fixture("minimal"), &out);
    let site = read_site(&out);
    let broken = broken_links(&site, "/directory/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // page_size 2 and 5 listings: A-Z has three pages linked in order.
    let first = html(&site, "a-z/index.html");
    assert!(first.contains("rel=\"next\" href=\"/directory/a-z/page/2/\""));
    let third = html(&site, "a-z/page/3/index.html");
    assert!(
        third.contains("rel=\"prev\" href=\"/directory/a-z/page/2/\"")
            && !third.contains("rel=\"next\"")
    );
    // Parent topics include their subtopics' listings.
    let addiction = html(&site, "topics/addiction/index.html");
    assert!(
        addiction.contains("Alex River")
            && addiction.contains("href=\"/directory/topics/addiction/alcohol/\"")
    );
    let reached = crawl(&site, "/directory/");
    for s in ["alex-river", "bea-stone", "cem-aydin"] {
        assert!(reached.contains(&format!("specialists/{s}/index.html")));
    }
    assert!(
        html(&site, "404.html").contains("href=\"/directory/\""),
        "404 links work from any depth"
    );
    assert!(html(&site, "specialists/alex-river/index.html").contains(
        "<link rel=\"canonical\" href=\"https://org.github.io/directory/specialists/alex-river/\">"
    ));
}

#[test]
fn builds_are_byte_for_byte_reproducible() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&root().join("content"), &a);
    build(&root().join("content"), &b);
    let (sa, sb) = (read_site(&a), read_site(&b));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (path, bytes) in &sa {
        assert!(bytes == &sb[path], "{path} differs between builds");
    }
}

#[test]
fn failed_build_leaves_the_old_site_and_no_temporary_folder() {
    let (tmp, content) = temp_copy(&fixture("minimal"));
    let out = tmp.path().join("public");
    build(&content, &out);
    let before = read_site(&out);
    fs::write(content.join("specialists/alex-river.md"), "---\nname: [\n---\n").unwrap();
    let o = peerdir(
        &root(),
        &["build", "--source", content.to_str().unwrap(), "--out", out.to_str().unwrap()],
    );
    assert_exit(&o, 1);
    assert!(stderr(&o).contains("nothing was written"));
    assert_eq!(read_site(&out), before, "the published site is untouched");
    // A template error fails after rendering has started: still nothing changes.
    fs::write(
        content.join("specialists/alex-river.md"),
        fs::read(fixture("minimal/specialists/alex-river.md")).unwrap(),
    )
    .unwrap();
    fs::create_dir_all(content.join("templates")).unwrap();
    fs::write(
        content.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}{{ no_such_value.x }}{% endblock %}",
    )
    .unwrap();
    let o = peerdir(
        &root(),
        &["build", "--source", content.to_str().unwrap(), "--out", out.to_str().unwrap()],
    );
    assert_exit(&o, 1);
    assert!(stderr(&o).contains("404.html"), "{}", stderr(&o));
    assert_eq!(read_site(&out), before);
    let left: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".peerdir"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn output_folder_rules() {
    let (tmp, content) = temp_copy(&fixture("minimal"));
    let foreign = tmp.path().join("docs");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "keep me").unwrap();
    for out in [
        foreign.clone(),
        content.clone(),
        content.join("specialists"),
        content.join("media/site"),
        tmp.path().to_path_buf(),
    ] {
        let o = peerdir(
            &root(),
            &["build", "--source", content.to_str().unwrap(), "--out", out.to_str().unwrap()],
        );
        assert_exit(&o, 1);
    }
    assert_eq!(fs::read_to_string(foreign.join("notes.txt")).unwrap(), "keep me");
    assert!(!content.join("media").exists(), "nothing is written into the content");
    assert_eq!(slugs(&content.join("specialists")).len(), 3);
}

#[test]
fn publisher_templates_override_the_theme() {
    let (tmp, content) = temp_copy(&fixture("minimal"));
    fs::create_dir_all(content.join("templates")).unwrap();
    fs::write(
        content.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Lost? {{ site.title }}</h1>{% include \"help.html\" %}{% endblock %}",
    )
    .unwrap();
    fs::write(content.join("templates/help.html"), "<p>Call us.</p>").unwrap();
    let out = tmp.path().join("public");
    build(&content, &out);
    let page = String::from_utf8(fs::read(out.join("404.html")).unwrap()).unwrap();
    assert!(page.contains("<h1>Lost? Peer Directory Test</h1><p>Call us.</p>"), "{page}");
    assert!(page.contains("data-quick-exit"), "the theme's base template still applies");
}

#[test]
fn default_source_is_content_or_current_folder() {
    let (tmp, content) = temp_copy(&fixture("minimal"));
    // In a folder with site.yaml, that folder is the source.
    let o = peerdir(&content, &["check"]);
    assert_exit(&o, 0);
    // Elsewhere, content/ is.
    let o = peerdir(tmp.path(), &["build"]);
    assert_exit(&o, 0);
    assert!(tmp.path().join("public/index.html").is_file());
}

/// Every field path used in the front matter of the files of a folder.
fn field_paths(dir: &std::path::Path) -> std::collections::BTreeSet<String> {
    fn walk(v: &serde_yaml::Value, prefix: &str, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_yaml::Value::Mapping(m) => {
                for (k, v) in m {
                    let key = format!("{prefix}{}", k.as_str().unwrap());
                    walk(v, &format!("{key}."), out);
                    out.insert(key);
                }
            }
            serde_yaml::Value::Sequence(s) => s.iter().for_each(|v| walk(v, prefix, out)),
            _ => {}
        }
    }
    let mut out = std::collections::BTreeSet::new();
    for slug in slugs(dir) {
        let text = fs::read_to_string(dir.join(format!("{slug}.md"))).unwrap();
        let front = text.split("\n---\n").next().unwrap().trim_start_matches("---\n");
        walk(&serde_yaml::from_str(front).unwrap(), "", &mut out);
    }
    out
}

/// Every field path of a listing type, from its JSON schema (the model's).
fn model_paths<T: schemars::JsonSchema>() -> Vec<String> {
    fn walk(s: &serde_json::Value, defs: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
        if let Some(r) = s.get("$ref").and_then(|r| r.as_str()) {
            let name = r.rsplit('/').next().unwrap();
            return walk(&defs[name], defs, prefix, out);
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            for s in s.get(key).and_then(|v| v.as_array()).into_iter().flatten() {
                walk(s, defs, prefix, out);
            }
        }
        if let Some(items) = s.get("items") {
            walk(items, defs, prefix, out);
        }
        for (k, v) in s.get("properties").and_then(|p| p.as_object()).into_iter().flatten() {
            let path = format!("{prefix}{k}");
            walk(v, defs, &format!("{path}."), out);
            out.push(path);
        }
    }
    let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
    let mut out = Vec::new();
    walk(&schema, &schema["$defs"], "", &mut out);
    out
}

#[test]
fn example_uses_every_field_of_the_format() {
    use peerdir::content::model::{Program, Specialist};
    let specialist = model_paths::<Specialist>();
    let program = model_paths::<Program>();
    assert!(
        program.contains(&"schedule.sessions.days".to_string()),
        "the walk reaches nested fields"
    );
    for (folder, fields) in [("specialists", specialist), ("programs", program)] {
        let used = field_paths(&root().join("content").join(folder));
        // Sessions name a location by its key; specialists have no sessions.
        let unused = |f: &str| folder == "specialists" && f == "locations.key";
        let missing: Vec<&String> =
            fields.iter().filter(|f| !used.contains(*f) && !unused(f)).collect();
        assert!(missing.is_empty(), "no example {folder} listing uses {missing:?}");
    }
}

#[test]
fn progress_bar_only_on_a_terminal_and_a_one_line_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    // Not a terminal (a pipe, as in CI): no bar even when it is due at once.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_peerdir"))
        .args(["build", "--source", "content", "--out", out.to_str().unwrap()])
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("PEERDIR_PROGRESS_DELAY_MS", "0")
        .output()
        .unwrap();
    assert_exit(&o, 0);
    let err = stderr(&o);
    assert!(!err.contains('\r') && !err.contains('\x1b') && !err.contains("rendering"), "{err}");
    let last = err.lines().last().unwrap();
    let re = |s: &str| {
        s.starts_with("built ")
            && s.contains(" pages for 30 specialists and 12 programs in ")
            && s.ends_with(" ms")
    };
    assert!(re(last), "summary line: {last}");
    // On a terminal (`script` gives the build one): the bar is drawn and cleared.
    let cmd =
        format!("{} build --source content --out {}", env!("CARGO_BIN_EXE_peerdir"), out.display());
    let o = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("PEERDIR_PROGRESS_DELAY_MS", "0")
        .output()
        .expect("script (util-linux) runs");
    let shown = stdout(&o);
    assert!(shown.contains("rendering [") && shown.contains("\x1b[2K"), "{shown}");
    let summary = shown.trim_end().rsplit(['\r', '\n']).next().unwrap();
    assert!(re(summary.trim_start_matches("\x1b[2K")), "{shown}");
}

/// The example with its interface in Arabic reads right to left: each page
/// says so, phone numbers, addresses and session times keep their own
/// order inside it (`<bdi>`), and the stylesheet lays out by logical
/// sides only, so nothing sits on the wrong side.
#[test]
fn an_arabic_interface_reads_right_to_left() {
    let (_tmp, site) = example_site();
    let arabic: Vec<&String> =
        site.keys().filter(|k| k.starts_with("ar/") && k.ends_with(".html")).collect();
    assert!(arabic.len() > 100, "the example's Arabic pages");
    for page in arabic {
        let h = html(&site, page);
        assert!(h.starts_with("<!doctype html>\n<html lang=\"ar\" dir=\"rtl\">"), "{page}");
        assert!(h.contains("<strong><bdi>113</bdi></strong>"), "{page}: the crisis number");
    }
    let program = html(&site, "ar/programs/samen-nuchter-brabant/index.html");
    assert!(program.contains("<td><bdi>20:00"), "session times keep their order");
    let css = fs::read_to_string(root().join("themes/default/assets/style.css")).unwrap();
    for physical in ["left", "right"] {
        assert!(
            !css.contains(physical),
            "style.css says `{physical}`: use the logical `inline-start` or `inline-end`"
        );
    }
}

/// A listing page shows the listing's texts in the page's language when
/// the listing has them; otherwise the original, marked with its own
/// `lang` and a note naming its language in the page's. Lists show the
/// same summary as the page.
#[test]
fn a_listing_shows_its_translation_or_says_what_language_it_is_in() {
    let (_tmp, site) = example_site();
    let arabic = html(&site, "ar/specialists/mohamed-el-idrissi/index.html");
    assert!(arabic.contains("<p class=\"lead\">خبير بالتجربة في تعاطي المخدرات"), "{arabic}");
    assert!(arabic.contains("<div class=\"body\">\n  <p>عشت ثلاث سنوات"), "the body in Arabic");
    assert!(!arabic.contains("class=\"written-in\""), "no note on a translated page");
    let english = html(&site, "en/specialists/mohamed-el-idrissi/index.html");
    assert!(english.contains(
        "<p class=\"lead\" lang=\"nl\" dir=\"auto\">Ervaringsdeskundige bij drugsgebruik"
    ));
    assert!(english.contains("<p class=\"written-in\">This listing is in Dutch.</p>"));
    assert!(english.contains("<div class=\"body\" lang=\"nl\" dir=\"auto\">"));
    let dutch = html(&site, "specialists/mohamed-el-idrissi/index.html");
    assert!(dutch.contains("<p class=\"lead\">Ervaringsdeskundige bij drugsgebruik"));
    assert!(!dutch.contains("class=\"written-in\""), "the original in its own language");
    let program = html(&site, "programs/peer-support-international/index.html");
    assert!(program.contains("<p class=\"lead\">Engelstalige lotgenotengroepen"), "{program}");
    assert!(program.contains("<dd>Iedereen die in Nederland woont"), "who_for translated");
    assert!(
        program.contains("<div class=\"body\" lang=\"en\" dir=\"auto\">"),
        "the body left in English"
    );
    let turkish_list = html(&site, "tr/languages/tr/index.html");
    assert!(turkish_list.contains("<p>Kumar bağımlılığında deneyim uzmanı"), "the card in Turkish");
    let polish = html(&site, "pl/specialists/ahmet-demir/index.html");
    assert!(polish.contains("<p class=\"written-in\">Język wpisu: niderlandzki.</p>"), "{polish}");
}

/// A crisis line names the languages it answers in, in each page's
/// language, and only those its `languages` give; its note appears on the
/// pages in the note's language alone. Dates are written in each page's
/// language.
#[test]
fn crisis_lines_and_dates_in_each_language() {
    let (_tmp, site) = example_site();
    let page = |lang: &str| {
        let prefix = if lang == "nl" { String::new() } else { format!("{lang}/") };
        html(&site, &format!("{prefix}specialists/anna-de-vries/index.html"))
    };
    for (lang, languages, note) in [
        ("nl", "(spreekt Nederlands)", None),
        ("en", "(answers in Dutch)", Some("In an emergency, call 112.")),
        ("ar", "(لغات الرد: الهولندية)", Some("في حالة الطوارئ، اتصل بالرقم 112.")),
        ("uk", "(мови: нідерландська)", Some("У надзвичайній ситуації телефонуйте 112.")),
    ] {
        let h = page(lang);
        assert!(
            h.contains(&format!("<span class=\"hours\">{languages}</span>")),
            "{lang}: {languages}"
        );
        match note {
            Some(n) => assert!(h.contains(&format!("<span class=\"hours\">{n}</span>")), "{lang}"),
            None => assert!(!h.contains("112"), "{lang}: no note in Dutch"),
        }
    }
    assert!(page("en")
        .contains("<span class=\"hours\" lang=\"nl\" dir=\"auto\">(dag en nacht, gratis)</span>"));
    assert!(page("nl").contains("12 oktober 2026"), "a date in Dutch");
    assert!(page("en").contains("12 October 2026"), "a date in English");
}
